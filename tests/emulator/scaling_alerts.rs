//! `scaling-alerts` end to end, by each of its three routes.
//!
//! Moto differs from AWS in two ways that matter here, and the tests say so where they meet them:
//! it confirms an e-mail subscription at once (the pending-confirmation info is tested on
//! fixtures), and it answers `DescribeNotificationConfigurations` (and
//! `PutNotificationConfiguration`) with HTTP 500, so the notification-configuration route is
//! tested with a recorded AWS answer replayed through the proxy (`sandpit_e2e::recorded`).

use sandpit_e2e::{Faults, Moto, failures, labs, not_passing, recorded, step_status};
use serde_json::Value;

fn check_via(m: &Moto, endpoint: Option<&str>) -> Value {
    let args = ["check", "scaling-alerts", "--json", "--lang", "en"];
    let run = match endpoint {
        Some(e) => m.sandpit_via(e, &args),
        None => m.sandpit(&args),
    };
    assert!(run.code == 0 || run.code == 1, "{}\n{}", run.stdout, run.stderr);
    run.json()
}

fn route_finding(report: &Value) -> Value {
    report["steps"].as_array().unwrap().iter().find(|s| s["id"] == "launch-failure-route").unwrap()["findings"][0]
        .clone()
}

/// The WAS tier of `was-alb-asg`, for the group to watch.
fn with_group(m: &Moto) {
    let app = labs::three_tier_vpc(m, false);
    labs::was_alb_asg(m, &app);
}

#[test]
fn the_eventbridge_route_passes_and_a_topic_policy_without_eventbridge_is_the_silent_failure() {
    let m = Moto::start();
    with_group(&m);
    let topic = labs::scaling_alerts(&m);
    let report = check_via(&m, None);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    let found = route_finding(&report);
    assert!(
        found["message"].as_str().unwrap().contains(&format!("EventBridge rule {}", labs::RULE)),
        "{found:#}"
    );
    assert!(found["resource"].as_str().unwrap().ends_with(&format!("rule/{}", labs::RULE)));
    // Moto confirms e-mail subscriptions at once: the topic step passes without the info.
    assert_eq!(step_status(&report, "alert-topic"), "pass");

    // The CLI route without the statement the console adds.
    let owner_only = labs::topic_policy(&topic, labs::ACCOUNT, false);
    m.aws(&[
        "sns",
        "set-topic-attributes",
        "--topic-arn",
        &topic,
        "--attribute-name",
        "Policy",
        "--attribute-value",
        &owner_only,
    ]);
    let report = check_via(&m, None);
    let fails = failures(&report, "launch-failure-route");
    assert_eq!(fails.len(), 1, "{report:#}");
    assert_eq!(fails[0]["resource"], topic.as_str());
    assert!(fails[0]["message"].as_str().unwrap().contains("dropped without a word"));
    assert!(fails[0]["hint"].as_str().unwrap().contains("events.amazonaws.com"));

    // A rule disabled is named too; enabled again with the policy fixed, it passes.
    let fixed = labs::topic_policy(&topic, labs::ACCOUNT, true);
    m.aws(&[
        "sns",
        "set-topic-attributes",
        "--topic-arn",
        &topic,
        "--attribute-name",
        "Policy",
        "--attribute-value",
        &fixed,
    ]);
    m.aws(&["events", "disable-rule", "--name", labs::RULE]);
    let report = check_via(&m, None);
    assert!(
        failures(&report, "launch-failure-route")[0]["resource"].as_str().unwrap().ends_with(labs::RULE),
        "{report:#}"
    );
    m.aws(&["events", "enable-rule", "--name", labs::RULE]);
    assert_eq!(not_passing(&check_via(&m, None)), Vec::<String>::new());
}

#[test]
fn the_alarm_route_needs_group_metrics_and_the_notification_route_is_read_from_a_recorded_answer() {
    let m = Moto::start();
    with_group(&m);
    let topic = labs::scaling_alerts(&m);
    m.aws(&["events", "remove-targets", "--rule", labs::RULE, "--ids", "sns"]);
    m.aws(&["events", "delete-rule", "--name", labs::RULE]);

    // No route left. Moto cannot list notification configurations, so Sandpit cannot rule that
    // route out: an error naming the call, not a failure.
    let report = check_via(&m, None);
    assert_eq!(step_status(&report, "launch-failure-route"), "error", "{report:#}");
    assert!(
        route_finding(&report)["message"].as_str().unwrap().contains("DescribeNotificationConfigurations")
    );

    // An alarm on in-service instances below the minimum, telling the topic — but the group does
    // not send that metric yet: the failure names the group and the command that fixes it.
    m.aws(&[
        "cloudwatch",
        "put-metric-alarm",
        "--alarm-name",
        "was-asg-below-minimum",
        "--namespace",
        "AWS/AutoScaling",
        "--metric-name",
        "GroupInServiceInstances",
        "--dimensions",
        &format!("Name=AutoScalingGroupName,Value={}", labs::ASG),
        "--statistic",
        "Minimum",
        "--period",
        "60",
        "--evaluation-periods",
        "5",
        "--threshold",
        "2",
        "--comparison-operator",
        "LessThanThreshold",
        "--alarm-actions",
        &topic,
    ]);
    let report = check_via(&m, None);
    let fails = failures(&report, "launch-failure-route");
    assert_eq!(fails[0]["resource"], labs::ASG, "{report:#}");
    assert!(fails[0]["hint"].as_str().unwrap().contains("enable-metrics-collection"));
    m.aws(&[
        "autoscaling",
        "enable-metrics-collection",
        "--auto-scaling-group-name",
        labs::ASG,
        "--granularity",
        "1Minute",
        "--metrics",
        "GroupInServiceInstances",
    ]);
    let report = check_via(&m, None);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    assert!(
        route_finding(&report)["message"]
            .as_str()
            .unwrap()
            .contains("CloudWatch alarm was-asg-below-minimum")
    );
    m.aws(&["cloudwatch", "delete-alarms", "--alarm-names", "was-asg-below-minimum"]);

    // The notification configuration, as AWS answers DescribeNotificationConfigurations (moto
    // answers HTTP 500): a recorded answer, parsed by the real SDK client through the proxy.
    let proxy = m.proxy(Faults {
        answers: vec![recorded::notification_configurations(labs::ASG, &topic)],
        ..Faults::none()
    });
    let report = check_via(&m, Some(&proxy.endpoint));
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    assert!(
        route_finding(&report)["message"].as_str().unwrap().contains("notification configuration"),
        "{report:#}"
    );
    assert!(
        proxy.calls().iter().any(|c| c.action == "DescribeNotificationConfigurations"
            && c.outcome == sandpit_e2e::Outcome::Replayed),
        "the recorded answer was the one read"
    );
    // The same answer naming a topic nobody subscribes to fails on the topic.
    let lonely =
        m.aws(&["sns", "create-topic", "--name", "nobody-listens"])["TopicArn"].as_str().unwrap().to_owned();
    let proxy = m.proxy(Faults {
        answers: vec![recorded::notification_configurations(labs::ASG, &lonely)],
        ..Faults::none()
    });
    let report = check_via(&m, Some(&proxy.endpoint));
    assert_eq!(failures(&report, "launch-failure-route")[0]["resource"], lonely.as_str(), "{report:#}");
}
