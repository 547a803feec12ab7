//! `was-alb-asg` end to end: the WAS tier built with the AWS CLI as the lab says passes; each
//! classic mistake, made with the AWS CLI, fails its step naming the resource to fix, and
//! repairing it passes again. Moto registers the group's instances in the target group and
//! reports them healthy, as AWS does once Tomcat answers.

use sandpit_e2e::{Moto, failures, labs, not_passing, step_status};
use serde_json::Value;

fn check(m: &Moto) -> Value {
    let run = m.sandpit(&["check", "was-alb-asg", "--json", "--lang", "en"]);
    assert!(run.code == 0 || run.code == 1, "{}\n{}", run.stdout, run.stderr);
    run.json()
}

/// The resource named by the first failing finding of `step`.
fn failing_resource(report: &Value, step: &str) -> String {
    let fails = failures(report, step);
    assert!(!fails.is_empty(), "{step} should fail: {report:#}");
    fails[0]["resource"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn the_was_tier_passes_and_each_classic_mistake_names_what_to_fix() {
    let m = Moto::start();
    m.guard();
    let app = labs::three_tier_vpc(&m, false);
    let was = labs::was_alb_asg(&m, &app);

    let report = check(&m);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(report["status"], "pass");
    let steps: Vec<&str> =
        report["steps"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        steps,
        [
            "budget-guard",
            "launch-template",
            "target-group",
            "load-balancer",
            "security-chain",
            "listener",
            "auto-scaling-group",
            "scaling-policy",
            "targets-healthy"
        ],
        "a billable lab starts with the budget preflight"
    );
    let healthy = &report["steps"][8]["findings"][0];
    assert!(healthy["message"].as_str().unwrap().contains("2 of 2 targets healthy"), "{healthy:#}");

    // The listener forwards to another target group.
    let other = m.aws(&[
        "elbv2",
        "create-target-group",
        "--name",
        "other-tg",
        "--protocol",
        "HTTP",
        "--port",
        "9090",
        "--vpc-id",
        &app.vpc,
    ]);
    let other = other["TargetGroups"][0]["TargetGroupArn"].as_str().unwrap().to_owned();
    let forward = |tg: &str| {
        m.aws(&[
            "elbv2",
            "modify-listener",
            "--listener-arn",
            &was.listener,
            "--default-actions",
            &format!("Type=forward,TargetGroupArn={tg}"),
        ]);
    };
    forward(&other);
    let report = check(&m);
    assert_eq!(failing_resource(&report, "listener"), was.listener);
    assert!(failures(&report, "listener")[0]["found"].as_str().unwrap().contains("other-tg"), "{report:#}");
    forward(&was.tg);

    // The internal load balancer's group open to the world, and the WAS group ignoring it.
    let revoke = |group: &str, port: &str, source: (&str, &str)| {
        m.aws(&[
            "ec2",
            "revoke-security-group-ingress",
            "--group-id",
            group,
            "--protocol",
            "tcp",
            "--port",
            port,
            source.0,
            source.1,
        ]);
    };
    labs::allow_tcp(&m, &was.alb_sg, "80", ("--cidr", "0.0.0.0/0"));
    revoke(&app.was_sg, "8080", ("--source-group", &was.alb_sg));
    let report = check(&m);
    let fails = failures(&report, "security-chain");
    let named: Vec<&str> = fails.iter().filter_map(|f| f["resource"].as_str()).collect();
    assert_eq!(named, [was.alb_sg.as_str(), app.was_sg.as_str()], "{report:#}");
    assert!(fails[1]["message"].as_str().unwrap().contains("health checks"));
    revoke(&was.alb_sg, "80", ("--cidr", "0.0.0.0/0"));
    labs::allow_tcp(&m, &app.was_sg, "8080", ("--source-group", &was.alb_sg));

    // One instance, EC2 health checks: the group step names the group, one failure each.
    m.aws(&[
        "autoscaling",
        "update-auto-scaling-group",
        "--auto-scaling-group-name",
        labs::ASG,
        "--health-check-type",
        "EC2",
        "--min-size",
        "1",
        "--desired-capacity",
        "1",
    ]);
    let report = check(&m);
    assert_eq!(failing_resource(&report, "auto-scaling-group"), labs::ASG);
    assert_eq!(failures(&report, "auto-scaling-group").len(), 2, "{report:#}");
    m.aws(&[
        "autoscaling",
        "update-auto-scaling-group",
        "--auto-scaling-group-name",
        labs::ASG,
        "--health-check-type",
        "ELB",
        "--health-check-grace-period",
        "300",
        "--min-size",
        "2",
        "--desired-capacity",
        "2",
    ]);

    // A new default version of the template that gives instances a public IP.
    let data = format!(
        r#"{{"NetworkInterfaces":[{{"DeviceIndex":0,"AssociatePublicIpAddress":true,"Groups":["{}"]}}]}}"#,
        app.was_sg
    );
    m.aws(&[
        "ec2",
        "create-launch-template-version",
        "--launch-template-id",
        &was.template,
        "--source-version",
        "1",
        "--launch-template-data",
        &data,
    ]);
    m.aws(&[
        "ec2",
        "modify-launch-template",
        "--launch-template-id",
        &was.template,
        "--default-version",
        "2",
    ]);
    let report = check(&m);
    assert_eq!(failing_resource(&report, "launch-template"), was.template);
    m.aws(&[
        "ec2",
        "modify-launch-template",
        "--launch-template-id",
        &was.template,
        "--default-version",
        "1",
    ]);

    // No scaling policy.
    m.aws(&[
        "autoscaling",
        "delete-policy",
        "--auto-scaling-group-name",
        labs::ASG,
        "--policy-name",
        "was-cpu-target",
    ]);
    let report = check(&m);
    assert_eq!(step_status(&report, "scaling-policy"), "fail");
    assert_eq!(failing_resource(&report, "scaling-policy"), labs::ASG);
    m.aws(&[
        "autoscaling", "put-scaling-policy", "--auto-scaling-group-name", labs::ASG, "--policy-name", "was-cpu-target",
        "--policy-type", "TargetTrackingScaling", "--target-tracking-configuration",
        r#"{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50.0}"#,
    ]);

    // Targets taken out of the target group.
    let health = m.aws(&["elbv2", "describe-target-health", "--target-group-arn", &was.tg]);
    let ids: Vec<String> = health["TargetHealthDescriptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["Target"]["Id"].as_str().unwrap().to_owned())
        .collect();
    let targets: Vec<String> = ids.iter().map(|id| format!("Id={id}")).collect();
    let mut args = vec!["elbv2", "deregister-targets", "--target-group-arn", was.tg.as_str(), "--targets"];
    args.extend(targets.iter().map(String::as_str));
    m.aws(&args);
    let report = check(&m);
    assert_eq!(failing_resource(&report, "targets-healthy"), was.tg);
    // Back: the group's instances now (an earlier repair may have replaced one, and a
    // terminated instance cannot be registered).
    let group =
        m.aws(&["autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", labs::ASG]);
    let running: Vec<String> = group["AutoScalingGroups"][0]["Instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("Id={}", i["InstanceId"].as_str().unwrap()))
        .collect();
    let mut args = vec!["elbv2", "register-targets", "--target-group-arn", was.tg.as_str(), "--targets"];
    args.extend(running.iter().map(String::as_str));
    m.aws(&args);

    let report = check(&m);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "repaired: {report:#}");
}

#[test]
fn korean_findings_of_a_broken_was_tier_are_korean() {
    let m = Moto::start();
    m.guard();
    let app = labs::three_tier_vpc(&m, false);
    let was = labs::was_alb_asg(&m, &app);
    labs::allow_tcp(&m, &was.alb_sg, "80", ("--cidr", "0.0.0.0/0"));
    m.aws(&[
        "autoscaling",
        "update-auto-scaling-group",
        "--auto-scaling-group-name",
        labs::ASG,
        "--health-check-type",
        "EC2",
    ]);
    let run = m.sandpit(&["check", "was-alb-asg", "--json", "--lang", "ko"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    for step in ["security-chain", "auto-scaling-group"] {
        for f in failures(&report, step) {
            let message = f["message"].as_str().unwrap();
            assert_eq!(sandpit_core::english_words(message), Vec::<String>::new(), "{step}: {message}");
        }
    }
}
