//! Resource kinds added through the registry read back through their collectors
//! (`sandpit snapshot`), and one resource that cannot be read leaves the others judged.

use sandpit_e2e::proxy::Faults;
use sandpit_e2e::{Moto, sandpit_offline};
use serde_json::Value;

fn snapshot(
    m: &Moto,
    endpoint: Option<&str>,
    kinds: &[&str],
) -> (Value, std::path::PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("snap.json");
    let mut args = vec!["snapshot", "--out", out.to_str().unwrap()];
    for k in kinds {
        args.extend(["--kind", k]);
    }
    let run = match endpoint {
        Some(e) => m.sandpit_via(e, &args),
        None => m.sandpit(&args),
    };
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let snap: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    (snap, out, dir)
}

#[test]
fn network_acls_and_launch_templates_are_read_with_their_rules_and_versions() {
    let m = Moto::start();
    let vpc = m.aws(&["ec2", "create-vpc", "--cidr-block", "172.16.0.0/16"])["Vpc"]["VpcId"]
        .as_str()
        .unwrap()
        .to_owned();
    let subnet = m.aws(&["ec2", "create-subnet", "--vpc-id", &vpc, "--cidr-block", "172.16.1.0/24"])["Subnet"]
        ["SubnetId"]
        .as_str()
        .unwrap()
        .to_owned();
    let acl = m.aws(&["ec2", "create-network-acl", "--vpc-id", &vpc])["NetworkAcl"]["NetworkAclId"]
        .as_str()
        .unwrap()
        .to_owned();
    m.aws(&[
        "ec2",
        "create-network-acl-entry",
        "--network-acl-id",
        &acl,
        "--ingress",
        "--rule-number",
        "100",
        "--protocol",
        "tcp",
        "--port-range",
        "From=3306,To=3306",
        "--cidr-block",
        "10.10.3.0/24",
        "--rule-action",
        "allow",
    ]);
    m.aws(&[
        "ec2",
        "create-network-acl-entry",
        "--network-acl-id",
        &acl,
        "--ingress",
        "--rule-number",
        "90",
        "--protocol",
        "tcp",
        "--port-range",
        "From=22,To=22",
        "--cidr-block",
        "0.0.0.0/0",
        "--rule-action",
        "deny",
    ]);
    m.aws(&[
        "ec2",
        "create-network-acl-entry",
        "--network-acl-id",
        &acl,
        "--egress",
        "--rule-number",
        "100",
        "--protocol",
        "tcp",
        "--port-range",
        "From=1024,To=65535",
        "--cidr-block",
        "10.10.0.0/16",
        "--rule-action",
        "allow",
    ]);
    // Move the subnet from the VPC's default ACL to this one.
    let acls = m.aws(&[
        "ec2",
        "describe-network-acls",
        "--filters",
        &format!("Name=association.subnet-id,Values={subnet}"),
    ]);
    let association = acls["NetworkAcls"][0]["Associations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["SubnetId"] == subnet.as_str())
        .unwrap()["NetworkAclAssociationId"]
        .as_str()
        .unwrap()
        .to_owned();
    m.aws(&[
        "ec2",
        "replace-network-acl-association",
        "--association-id",
        &association,
        "--network-acl-id",
        &acl,
    ]);

    let sg = m.aws(&[
        "ec2",
        "create-security-group",
        "--group-name",
        "was-sg",
        "--description",
        "WAS",
        "--vpc-id",
        &vpc,
    ])["GroupId"]
        .as_str()
        .unwrap()
        .to_owned();
    let data = format!(
        r#"{{"ImageId":"ami-12c6146b","InstanceType":"t3.micro","NetworkInterfaces":[{{"DeviceIndex":0,"AssociatePublicIpAddress":false,"Groups":["{sg}"]}}]}}"#
    );
    let lt = m.aws(&[
        "ec2",
        "create-launch-template",
        "--launch-template-name",
        "was-lt",
        "--launch-template-data",
        &data,
    ])["LaunchTemplate"]["LaunchTemplateId"]
        .as_str()
        .unwrap()
        .to_owned();
    m.aws(&[
        "ec2",
        "create-launch-template-version",
        "--launch-template-id",
        &lt,
        "--source-version",
        "1",
        "--launch-template-data",
        r#"{"InstanceType":"t3.small"}"#,
    ]);

    let eni = m.aws(&[
        "ec2",
        "create-network-interface",
        "--subnet-id",
        &subnet,
        "--groups",
        &sg,
        "--private-ip-address",
        "172.16.1.20",
    ])["NetworkInterface"]["NetworkInterfaceId"]
        .as_str()
        .unwrap()
        .to_owned();
    let pl = m.aws(&[
        "ec2",
        "create-managed-prefix-list",
        "--prefix-list-name",
        "office",
        "--address-family",
        "IPv4",
        "--max-entries",
        "5",
        "--entries",
        "Cidr=203.0.113.0/24,Description=office",
        "Cidr=198.51.100.7/32",
    ])["PrefixList"]["PrefixListId"]
        .as_str()
        .unwrap()
        .to_owned();

    let (snap, _, _dir) = snapshot(
        &m,
        None,
        &["network_acls", "launch-templates", "network_interfaces", "managed_prefix_lists"],
    );
    let enis = snap["network_interfaces"]["items"].as_array().unwrap();
    let ours = enis.iter().find(|n| n["id"] == eni.as_str()).expect("the interface");
    assert_eq!(
        (ours["subnet_id"].as_str(), ours["vpc_id"].as_str()),
        (Some(subnet.as_str()), Some(vpc.as_str()))
    );
    assert_eq!(ours["private_ip"], "172.16.1.20");
    assert_eq!(ours["security_groups"], serde_json::json!([sg]));
    let lists = snap["managed_prefix_lists"]["items"].as_array().unwrap();
    let office = lists.iter().find(|l| l["id"] == pl.as_str()).expect("the prefix list");
    assert_eq!(office["name"], "office");
    let mut cidrs: Vec<&str> = office["cidrs"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    cidrs.sort_unstable();
    assert_eq!(cidrs, ["198.51.100.7/32", "203.0.113.0/24"]);
    assert_eq!(snap["vpcs"]["status"], "not_collected", "only the kinds asked for are read");
    let acls = snap["network_acls"]["items"].as_array().unwrap();
    let ours = acls.iter().find(|a| a["id"] == acl.as_str()).expect("the custom ACL");
    assert_eq!(ours["vpc_id"], vpc.as_str());
    assert_eq!(ours["is_default"], false);
    assert_eq!(ours["subnet_ids"], serde_json::json!([subnet]));
    let entry = |n: i64, egress: bool| {
        ours["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["rule_number"] == n && e["egress"] == egress)
            .cloned()
    };
    let mysql = entry(100, false).expect("rule 100 in");
    assert_eq!((mysql["action"].as_str(), mysql["cidr"].as_str()), (Some("allow"), Some("10.10.3.0/24")));
    assert_eq!((mysql["from_port"].as_i64(), mysql["to_port"].as_i64()), (Some(3306), Some(3306)));
    assert_eq!(entry(90, false).expect("rule 90 in")["action"], "deny");
    assert_eq!(entry(100, true).expect("rule 100 out")["from_port"], 1024);
    assert!(
        acls.iter().any(|a| a["is_default"] == true && a["vpc_id"] == vpc.as_str()),
        "the default ACL too"
    );

    let templates = snap["launch_templates"]["items"].as_array().unwrap();
    let t = templates.iter().find(|t| t["id"] == lt.as_str()).expect("the template");
    assert_eq!(t["name"], "was-lt");
    assert_eq!((t["default_version"].as_i64(), t["latest_version"].as_i64()), (Some(1), Some(2)));
    assert_eq!(t["default_data"]["instance_type"], "t3.micro");
    assert_eq!(t["default_data"]["image_id"], "ami-12c6146b");
    assert_eq!(t["default_data"]["associate_public_ip"], false);
    assert_eq!(t["default_data"]["interface_security_group_ids"], serde_json::json!([sg]));
    assert_eq!(t["latest_data"]["instance_type"], "t3.small");
    assert!(t.get("unreadable").is_none());
}

#[test]
fn a_key_whose_policy_refuses_describe_key_leaves_the_other_keys_judged() {
    let m = Moto::start();
    let key = |alias: &str| {
        let id = m.aws(&["kms", "create-key", "--description", alias])["KeyMetadata"]["KeyId"]
            .as_str()
            .unwrap()
            .to_owned();
        m.aws(&["kms", "create-alias", "--alias-name", alias, "--target-key-id", &id]);
        id
    };
    key("alias/lab-rds");
    key("alias/team-b");
    // The first DescribeKey is refused, as a key policy that does not name the learner would.
    let proxy = m.proxy(Faults { deny_first: &["DescribeKey"], ..Faults::none() });
    let (snap, file, _dir) = snapshot(&m, Some(&proxy.endpoint), &["kms_keys"]);
    let (refused, readable) = one_refused_one_read(&snap, "kms_keys", "kms:DescribeKey", "SecurityAudit");
    let alias_of = |k: &Value| k["aliases"][0].as_str().unwrap().to_owned();
    let (denied, readable) = (alias_of(refused), alias_of(readable));

    // The lab's key step: an error naming the action when its key is the refused one, a pass
    // when it is the other; never the whole KMS read lost.
    let judge = |alias: &str| {
        let run = sandpit_offline(
            &[
                "check",
                "rds-kms",
                "--snapshot",
                file.to_str().unwrap(),
                "--step",
                "kms-key",
                "--param",
                &format!("key_alias={alias}"),
                "--json",
                "--lang",
                "en",
                "--no-budget-guard",
            ],
            &[],
        );
        run.json()["steps"].as_array().unwrap().iter().find(|s| s["id"] == "kms-key").unwrap().clone()
    };
    let step = judge(&denied);
    assert_eq!(step["status"], "error", "{step:#}");
    assert!(step["findings"][0]["message"].as_str().unwrap().contains("kms:DescribeKey"), "{step:#}");
    assert_eq!(judge(&readable)["status"], "pass");
}

/// The findings of one step of `lab`, judged offline on a saved snapshot with `params`.
fn judge(file: &std::path::Path, lab: &str, step: &str, params: &[String]) -> Value {
    let mut args = vec!["check", lab, "--snapshot", file.to_str().unwrap(), "--step", step];
    for p in params {
        args.extend(["--param", p.as_str()]);
    }
    args.extend(["--json", "--lang", "en", "--no-budget-guard"]);
    let run = sandpit_offline(&args, &[]);
    run.json()["steps"].as_array().unwrap().iter().find(|s| s["id"] == step).unwrap().clone()
}

#[test]
fn a_zone_whose_records_are_refused_leaves_the_other_zones_records_judged() {
    let m = Moto::start();
    for (domain, reference) in [("team-a.com", "a"), ("team-b.com", "b")] {
        let zone = sandpit_e2e::labs::create_hosted_zone(&m, domain, reference);
        let mx = serde_json::json!({ "Name": domain, "Type": "MX", "TTL": 3600,
                                     "ResourceRecords": [{ "Value": format!("10 mail.{domain}") }] });
        sandpit_e2e::labs::change_records(&m, &zone, "UPSERT", &[mx]);
    }
    // The first zone's ListResourceRecordSets is refused (as a policy scoped to other zones'
    // ARNs would); the other zone's records are read.
    let proxy = m.proxy(Faults { deny_first: &["ListResourceRecordSets"], ..Faults::none() });
    let (snap, file, _dir) = snapshot(&m, Some(&proxy.endpoint), &["hosted_zones"]);
    let (refused_zone, readable) = one_refused_one_read(
        &snap,
        "hosted_zones",
        "route53:ListResourceRecordSets",
        "AmazonRoute53ReadOnlyAccess",
    );
    assert!(readable["records"].as_array().unwrap().iter().any(|r| r["type"] == "MX"), "{readable:#}");
    let name_of = |z: &Value| z["name"].as_str().unwrap().to_owned();

    // The refused zone's record steps: an error naming the action. The other zone's: judged on
    // its records.
    let domain = |z: &Value| vec![format!("domain={}", name_of(z))];
    for step in ["mx-record", "cname-record"] {
        let refused = judge(&file, "route53-records", step, &domain(refused_zone));
        assert_eq!(refused["status"], "error", "{refused:#}");
        let message = refused["findings"][0]["message"].as_str().unwrap();
        assert!(message.contains("route53:ListResourceRecordSets"), "{refused:#}");
    }
    assert_eq!(judge(&file, "route53-records", "mx-record", &domain(readable))["status"], "pass");
    assert_eq!(judge(&file, "route53-records", "cname-record", &domain(readable))["status"], "fail");
}

#[test]
fn a_launch_template_whose_versions_are_refused_leaves_the_other_template_judged() {
    let m = Moto::start();
    let vpc = sandpit_e2e::labs::create_vpc(&m, "10.10.0.0/16", Some("vpc-1"));
    for (group, template) in [("a-sg", "a-lt"), ("b-sg", "b-lt")] {
        let sg = sandpit_e2e::labs::create_security_group(&m, &vpc, group, group);
        let data = sandpit_e2e::labs::was_template_data("ami-12c6146b", &sg);
        m.aws(&[
            "ec2",
            "create-launch-template",
            "--launch-template-name",
            template,
            "--launch-template-data",
            &data,
        ]);
    }
    let proxy = m.proxy(Faults { deny_first: &["DescribeLaunchTemplateVersions"], ..Faults::none() });
    let (snap, file, _dir) =
        snapshot(&m, Some(&proxy.endpoint), &["vpcs", "security_groups", "launch_templates"]);
    let (refused_template, readable) = one_refused_one_read(
        &snap,
        "launch_templates",
        "ec2:DescribeLaunchTemplateVersions",
        "AmazonEC2ReadOnlyAccess",
    );
    assert_eq!(readable["default_data"]["instance_type"], "t3.micro", "{readable:#}");

    // Each template carries its own group: asking for the refused template's group is an error
    // naming the action and that template; asking for the other's passes on what it launches.
    let group_of = |t: &Value| vec![format!("was_sg={}-sg", &t["name"].as_str().unwrap()[..1])];
    let refused = judge(&file, "was-alb-asg", "launch-template", &group_of(refused_template));
    assert_eq!(refused["status"], "error", "{refused:#}");
    let finding = &refused["findings"][0];
    assert!(
        finding["message"].as_str().unwrap().contains("ec2:DescribeLaunchTemplateVersions"),
        "{refused:#}"
    );
    assert_eq!(finding["resource"], refused_template["id"]);
    let judged = judge(&file, "was-alb-asg", "launch-template", &group_of(readable));
    assert_eq!(judged["status"], "pass", "{judged:#}");
    assert_eq!(judged["findings"][0]["resource"], readable["id"]);
}

#[test]
fn the_team_project_kinds_are_read_with_their_details() {
    let m = Moto::start();
    let app = sandpit_e2e::labs::three_tier_vpc(&m, false);
    let was = sandpit_e2e::labs::was_alb_asg(&m, &app);
    let topic = sandpit_e2e::labs::scaling_alerts(&m);
    let boundary = sandpit_e2e::labs::iam_team_access(&m);
    let (snap, _, _dir) = snapshot(
        &m,
        None,
        &[
            "load_balancers",
            "target_groups",
            "auto_scaling_groups",
            "sns_topics",
            "event_rules",
            "metric_alarms",
            "iam_users",
            "iam_groups",
            "iam_roles",
            "iam_policies",
            "iam_account_summary",
        ],
    );
    let items =
        |kind: &str| snap[kind]["items"].as_array().unwrap_or_else(|| panic!("{kind}: {snap:#}")).clone();

    let lb = items("load_balancers").into_iter().find(|l| l["arn"] == was.alb.as_str()).expect("the ALB");
    assert_eq!((lb["scheme"].as_str(), lb["lb_type"].as_str()), (Some("internal"), Some("application")));
    assert_eq!(lb["security_groups"], serde_json::json!([was.alb_sg]));
    assert_eq!(lb["listeners"][0]["arn"], was.listener.as_str());
    assert_eq!(lb["listeners"][0]["port"], 80);
    assert_eq!(lb["listeners"][0]["default_actions"][0]["target_group_arns"], serde_json::json!([was.tg]));

    let tg =
        items("target_groups").into_iter().find(|t| t["arn"] == was.tg.as_str()).expect("the target group");
    assert_eq!((tg["port"].as_i64(), tg["health_check_path"].as_str()), (Some(8080), Some("/")));
    let targets = tg["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 2, "moto registers the group's instances: {tg:#}");
    assert!(targets.iter().all(|t| t["state"] == "healthy" && t["id"].as_str().unwrap().starts_with("i-")));

    let group = items("auto_scaling_groups")
        .into_iter()
        .find(|g| g["name"] == sandpit_e2e::labs::ASG)
        .expect("the group");
    assert_eq!((group["min_size"].as_i64(), group["max_size"].as_i64()), (Some(2), Some(4)));
    assert_eq!(group["launch_template"]["id"], was.template.as_str());
    assert_eq!(group["target_group_arns"], serde_json::json!([was.tg]));
    assert_eq!(
        (group["health_check_type"].as_str(), group["health_check_grace_period"].as_i64()),
        (Some("ELB"), Some(300))
    );
    assert_eq!(group["subnet_ids"].as_array().unwrap().len(), 2);
    assert_eq!(group["policies"][0]["predefined_metric"], "ASGAverageCPUUtilization");
    // moto 5.2.5 answers DescribeNotificationConfigurations with a bare HTTP 500: recorded as
    // unreadable on every group, the rest still read (the route is tested on a recorded AWS
    // answer in scaling_alerts.rs).
    assert_eq!(
        group["notifications_unreadable"]["action"], "autoscaling:DescribeNotificationConfigurations",
        "{group:#}"
    );

    let t = items("sns_topics").into_iter().find(|t| t["arn"] == topic.as_str()).expect("the topic");
    assert_eq!(t["subscriptions"][0]["protocol"], "email");
    assert!(t["policy"].as_str().unwrap().contains("events.amazonaws.com"), "{t:#}");
    let rule =
        items("event_rules").into_iter().find(|r| r["name"] == sandpit_e2e::labs::RULE).expect("the rule");
    assert_eq!(rule["targets"][0]["arn"], topic.as_str());
    assert!(rule["event_pattern"].as_str().unwrap().contains("EC2 Instance Launch Unsuccessful"));
    assert_eq!(snap["metric_alarms"]["status"], "ok");

    let users = items("iam_users");
    let admin = users.iter().find(|u| u["name"] == "infra-admin").expect("infra-admin");
    assert_eq!(admin["groups"], serde_json::json!(["infra"]));
    assert_eq!(admin["console_access"], true);
    assert_eq!(admin["mfa_devices"].as_array().unwrap().len(), 1);
    let devops = users.iter().find(|u| u["name"] == "devops-1").expect("devops-1");
    assert_eq!(devops["console_access"], false);
    let infra = items("iam_groups").into_iter().find(|g| g["name"] == "infra").expect("infra");
    let attached: Vec<&str> =
        infra["attached_policies"].as_array().unwrap().iter().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(attached, ["AmazonVPCFullAccess", "AmazonEC2FullAccess"]);
    let role = items("iam_roles").into_iter().find(|r| r["name"] == "devops").expect("the DevOps role");
    assert_eq!(role["permissions_boundary"], boundary.as_str());
    let policy =
        items("iam_policies").into_iter().find(|p| p["arn"] == boundary.as_str()).expect("the boundary");
    assert!(policy["document"].as_str().unwrap().contains("\"iam:*\""), "decoded JSON: {policy:#}");
    assert_eq!(snap["iam_account_summary"]["items"][0]["root_access_keys"], false);
}

#[test]
fn a_target_group_whose_health_is_refused_is_kept_marked_and_the_others_are_read() {
    let m = Moto::start();
    let vpc = m.aws(&["ec2", "create-vpc", "--cidr-block", "10.10.0.0/16"])["Vpc"]["VpcId"]
        .as_str()
        .unwrap()
        .to_owned();
    for name in ["a-tg", "b-tg"] {
        m.aws(&[
            "elbv2",
            "create-target-group",
            "--name",
            name,
            "--protocol",
            "HTTP",
            "--port",
            "8080",
            "--vpc-id",
            &vpc,
        ]);
    }
    let proxy = m.proxy(Faults { deny_first: &["DescribeTargetHealth"], ..Faults::none() });
    let (snap, _, _dir) = snapshot(&m, Some(&proxy.endpoint), &["target_groups"]);
    let tgs = snap["target_groups"]["items"].as_array().unwrap();
    assert_eq!(tgs.len(), 2, "{tgs:#?}");
    let marked: Vec<&Value> = tgs.iter().filter(|t| t.get("unreadable").is_some()).collect();
    assert_eq!(marked.len(), 1, "{tgs:#?}");
    assert_eq!(marked[0]["unreadable"]["action"], "elasticloadbalancing:DescribeTargetHealth");
    assert_eq!(marked[0]["unreadable"]["managed_policy"], "ElasticLoadBalancingReadOnly");
}

/// The IAM action AWS checks for one API call the proxy saw (`service` is the SigV4 signing
/// name). Mostly `prefix:Operation`, except where the Service Authorization Reference says
/// otherwise: CloudWatch signs as `monitoring`, and every Budgets read is `budgets:ViewBudget`.
fn iam_action(service: &str, operation: &str) -> String {
    match (service, operation) {
        (
            "budgets",
            "DescribeBudgets" | "DescribeNotificationsForBudget" | "DescribeSubscribersForNotification",
        ) => "budgets:ViewBudget".to_owned(),
        ("monitoring", op) => format!("cloudwatch:{op}"),
        (service, op) => format!("{service}:{op}"),
    }
}

#[test]
fn every_call_a_collector_makes_is_an_action_its_kind_lists_and_every_listed_action_is_called() {
    use sandpit_core::snapshot::ResourceKind;
    use std::collections::BTreeSet;

    // An account with something of every kind, so each collector's detail calls happen too:
    // the team project's network, WAS tier, alerts and IAM, a hosted zone with records, a budget
    // with alerts, a KMS key, a customer prefix list.
    let m = Moto::start();
    let app = sandpit_e2e::labs::three_tier_vpc(&m, false);
    sandpit_e2e::labs::was_alb_asg(&m, &app);
    sandpit_e2e::labs::scaling_alerts(&m);
    sandpit_e2e::labs::iam_team_access(&m);
    sandpit_e2e::labs::route53_records(&m);
    sandpit_e2e::labs::budget_guard(&m);
    m.aws(&["kms", "create-key", "--description", "lab"]);
    m.aws(&[
        "ec2",
        "create-managed-prefix-list",
        "--prefix-list-name",
        "office",
        "--address-family",
        "IPv4",
        "--max-entries",
        "5",
        "--entries",
        "Cidr=203.0.113.0/24",
    ]);

    let proxy = m.proxy(Faults::none());
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    for &kind in ResourceKind::ALL {
        proxy.clear();
        let out = dir.path().join(format!("{}.json", kind.field()));
        let run = m.sandpit_via(
            &proxy.endpoint,
            &["snapshot", "--out", out.to_str().unwrap(), "--kind", kind.field()],
        );
        assert_eq!(run.code, 0, "{}: {}\n{}", kind.field(), run.stdout, run.stderr);
        let called: BTreeSet<String> = proxy
            .calls()
            .iter()
            // Who am I: every read asks it, and the policy grants it apart from the kinds.
            .filter(|c| !(c.service == "sts" && c.action == "GetCallerIdentity"))
            .map(|c| iam_action(&c.service, &c.action))
            .collect();
        let listed: BTreeSet<String> = kind.iam_actions().iter().map(|a| (*a).to_owned()).collect();
        let unlisted: Vec<&String> = called.difference(&listed).collect();
        let never_called: Vec<&String> = listed.difference(&called).collect();
        if !unlisted.is_empty() {
            problems.push(format!("{}: calls {unlisted:?}, which its iam_actions do not list", kind.field()));
        }
        if !never_called.is_empty() {
            problems
                .push(format!("{}: lists {never_called:?}, which its collector never called", kind.field()));
        }
    }
    assert!(
        problems.is_empty(),
        "the kind table (crates/sandpit-core/src/snapshot/kinds.rs) and the collectors disagree:\n{}",
        problems.join("\n")
    );
}

/// The two items of `kind` in a snapshot read through a proxy that refused one detail call: the
/// refused one (marked unreadable, denied, naming `action` and the managed policy that grants it)
/// and the one read whole.
fn one_refused_one_read<'a>(
    snap: &'a Value,
    kind: &str,
    action: &str,
    policy: &str,
) -> (&'a Value, &'a Value) {
    let items = snap[kind]["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "both are listed: {items:#?}");
    let (refused, read): (Vec<&Value>, Vec<&Value>) =
        items.iter().partition(|i| i.get("unreadable").is_some());
    assert_eq!(refused.len(), 1, "{items:#?}");
    let error = &refused[0]["unreadable"];
    assert_eq!((error["reason"].as_str(), error["action"].as_str()), (Some("denied"), Some(action)));
    assert_eq!(error["managed_policy"], policy);
    (refused[0], read[0])
}
