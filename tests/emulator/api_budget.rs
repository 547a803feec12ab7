//! What `sandpit check` asks AWS, counted on the wire through the fault-injecting proxy: a full
//! check of each built-in lab makes at most one call per resource type (plus pagination and
//! per-item detail calls), and never a call that writes.
//!
//! Every lab is built solved in one emulator with the AWS CLI, so each collector has something
//! to read (per-item calls such as KMS DescribeKey or Route 53 ListResourceRecordSets happen).

use std::collections::BTreeMap;

use sandpit_e2e::{Answer, Faults, Moto, Proxy, is_mutating, labs, sandpit_offline};

/// Builds every built-in lab in its solved state, with the AWS CLI. Returns the recorded AWS
/// answers a solved account needs where moto differs from AWS (`sandpit_e2e::recorded`: a root
/// user with MFA, a user's permissions boundary); give them to every proxy that checks it.
pub(crate) fn build_every_lab(m: &Moto) -> Vec<Answer> {
    let app = labs::three_tier_vpc(m, true);
    let net = labs::vpc_peering(m, &app);
    labs::rds_kms(m, &net);
    labs::route53_records(m);
    labs::budget_guard(m);
    labs::was_alb_asg(m, &app);
    labs::scaling_alerts(m);
    let boundary = labs::iam_team_access(m);
    labs::iam_recorded_answers(labs::ACCOUNT, &boundary)
}

/// A proxy with the solved account's recorded answers and `faults`.
pub(crate) fn solved_proxy(m: &Moto, answers: &[Answer], faults: Faults) -> Proxy {
    m.proxy(Faults { answers: answers.to_vec(), ..faults })
}

/// The ids of the built-in labs, as `sandpit labs --json` lists them.
pub(crate) fn lab_ids() -> Vec<String> {
    builtin_labs().into_iter().map(|(id, _)| id).collect()
}

/// `(id, billable)` of the built-in labs.
fn builtin_labs() -> Vec<(String, bool)> {
    let run = sandpit_offline(&["labs", "--json", "--lang", "en"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
        .as_array()
        .expect("a list of labs")
        .iter()
        .map(|l| (l["id"].as_str().unwrap().to_owned(), l["billable"] == true))
        .collect()
}

/// Fails with the offending calls when anything `what` did through `proxy` could write.
/// Reusable for every read-only command (`check`, `class check`, `whoami`, `budget status`).
pub(crate) fn assert_read_only(proxy: &Proxy, what: &str) {
    let writes = proxy.mutating_calls();
    assert!(
        writes.is_empty(),
        "{what} made calls that write to the account: {}",
        writes.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    );
    let calls = proxy.calls();
    assert!(!calls.is_empty(), "{what}: the proxy saw no call at all (is sandpit pointed at it?)");
    assert!(calls.iter().all(|c| !is_mutating(&c.action) && c.service != "unsigned"), "{what}: {calls:?}");
}

/// The budget guard: one budget, its notifications, and the subscribers of its two alerts.
const BUDGET_GUARD: &[(&str, &str, usize)] = &[
    ("budgets", "DescribeBudgets", 1),
    ("budgets", "DescribeNotificationsForBudget", 1),
    ("budgets", "DescribeSubscribersForNotification", 2),
];

/// Calls per `(service, action)` that a full check of each lab may make against the solved
/// state built by [`build_every_lab`]. One per resource type, plus the per-item calls a
/// resource type needs (a DescribeKey per KMS key, a ListResourceRecordSets per hosted zone,
/// notifications per budget and subscribers per notification); no pagination at this size.
fn expected(lab: &str, billable: bool) -> BTreeMap<(String, String), usize> {
    let calls = expected_calls(lab);
    // A billable lab starts with the budget-guard preflight, which reads the budgets too.
    let preflight = if billable { BUDGET_GUARD } else { &[] };
    let mut map: BTreeMap<(String, String), usize> =
        calls.iter().chain(preflight).map(|(s, a, n)| ((s.to_string(), a.to_string()), *n)).collect();
    // Who the credentials belong to, asked once before collecting.
    map.insert(("sts".to_owned(), "GetCallerIdentity".to_owned()), 1);
    map
}

/// The WAS tier's network: the VPC, its subnets and groups, the launch template (one, with its
/// versions) and the instances (where the targets run).
const WAS_NETWORK: &[(&str, &str, usize)] = &[
    ("ec2", "DescribeVpcs", 1),
    ("ec2", "DescribeSubnets", 1),
    ("ec2", "DescribeSecurityGroups", 1),
    ("ec2", "DescribeLaunchTemplates", 1),
    ("ec2", "DescribeLaunchTemplateVersions", 1),
    ("ec2", "DescribeInstances", 1),
];

/// Auto Scaling: groups, policies and notification configurations, region-wide.
const AUTO_SCALING: &[(&str, &str, usize)] = &[
    ("autoscaling", "DescribeAutoScalingGroups", 1),
    ("autoscaling", "DescribePolicies", 1),
    ("autoscaling", "DescribeNotificationConfigurations", 1),
];

/// The load balancer with its listeners (one load balancer), the target group with its targets'
/// health (one target group), and Auto Scaling.
const WAS_TIER: &[(&str, &str, usize)] = &[
    ("elasticloadbalancing", "DescribeLoadBalancers", 1),
    ("elasticloadbalancing", "DescribeListeners", 1),
    ("elasticloadbalancing", "DescribeTargetGroups", 1),
    ("elasticloadbalancing", "DescribeTargetHealth", 1),
    ("autoscaling", "DescribeAutoScalingGroups", 1),
    ("autoscaling", "DescribePolicies", 1),
    ("autoscaling", "DescribeNotificationConfigurations", 1),
];

/// The topic (one) with its attributes and subscriptions, the rule (one) with its targets, the
/// alarms.
const ALERTS: &[(&str, &str, usize)] = &[
    ("sns", "ListTopics", 1),
    ("sns", "GetTopicAttributes", 1),
    ("sns", "ListSubscriptionsByTopic", 1),
    ("events", "ListRules", 1),
    ("events", "ListTargetsByRule", 1),
    ("monitoring", "DescribeAlarms", 1),
];

/// IAM: one authorization-details call per kind of entity (users, groups, roles, customer managed
/// policies), each user's login profile, MFA devices and keys (two users), the account summary.
const IAM: &[(&str, &str, usize)] = &[
    ("iam", "GetAccountAuthorizationDetails", 4),
    ("iam", "GetLoginProfile", 2),
    ("iam", "ListMFADevices", 2),
    ("iam", "ListAccessKeys", 2),
    ("iam", "GetAccountSummary", 1),
];

/// Managed prefix lists, which the security-group checks expand: the list, and the entries of
/// only the lists a rule or route names — none in the solved labs (moto keeps six AWS-managed
/// lists, a real region dozens; asking each for its entries was a call per list).
const PREFIX_LISTS: &[(&str, &str, usize)] = &[("ec2", "DescribeManagedPrefixLists", 1)];

/// The calls of each lab's own checks (without the budget preflight and STS).
fn expected_calls(lab: &str) -> Vec<(&'static str, &'static str, usize)> {
    fn ec2(actions: &[&'static str]) -> Vec<(&'static str, &'static str, usize)> {
        actions.iter().map(|a| ("ec2", *a, 1)).collect()
    }
    match lab {
        "three-tier-vpc" => [
            ec2(&[
                "DescribeInternetGateways",
                "DescribeNatGateways",
                "DescribeRouteTables",
                "DescribeSecurityGroups",
                "DescribeSubnets",
                "DescribeVpcs",
            ]),
            PREFIX_LISTS.to_vec(),
        ]
        .concat(),
        "vpc-peering" => [
            ec2(&[
                "DescribeRouteTables",
                "DescribeSecurityGroups",
                "DescribeSubnets",
                "DescribeVpcPeeringConnections",
                "DescribeVpcs",
            ]),
            PREFIX_LISTS.to_vec(),
        ]
        .concat(),
        "rds-kms" => vec![
            ("kms", "ListKeys", 1),
            ("kms", "ListAliases", 1),
            // One per key: the lab's key and the AWS-managed aws/rds key moto creates with it.
            ("kms", "DescribeKey", 2),
            ("rds", "DescribeDBInstances", 1),
            ("rds", "DescribeDBClusters", 1),
            ("rds", "DescribeDBSubnetGroups", 1),
            ("ec2", "DescribeSecurityGroups", 1),
            ("ec2", "DescribeSubnets", 1),
            ("ec2", "DescribeVpcs", 1),
            ("ec2", "DescribeManagedPrefixLists", 1),
        ],
        "route53-records" => {
            vec![("route53", "ListHostedZones", 1), ("route53", "ListResourceRecordSets", 1)]
        }
        "budget-guard" => BUDGET_GUARD.to_vec(),
        "was-alb-asg" => [WAS_NETWORK, WAS_TIER].concat(),
        "scaling-alerts" => [AUTO_SCALING, ALERTS].concat(),
        "iam-team-access" => IAM.to_vec(),
        "team-project" => {
            // Every kind its labs read, each once: the capstone asks no more than its parts.
            let mut all: BTreeMap<(&str, &str), usize> = BTreeMap::new();
            for lab in [
                "budget-guard",
                "three-tier-vpc",
                "vpc-peering",
                "rds-kms",
                "was-alb-asg",
                "scaling-alerts",
                "iam-team-access",
            ] {
                for (service, action, n) in expected_calls(lab) {
                    all.insert((service, action), n);
                }
            }
            all.into_iter().map(|((s, a), n)| (s, a, n)).collect()
        }
        other => panic!(
            "lab `{other}` has no pinned API-call budget: check it through the proxy, read the counts \
             in this test's failure, and add them to `expected` in tests/emulator/api_budget.rs"
        ),
    }
}

#[test]
fn every_lab_check_stays_within_its_call_budget_and_never_writes() {
    let m = Moto::start();
    let answers = build_every_lab(&m);
    let labs = builtin_labs();
    assert!(labs.len() >= 9, "{labs:?}");
    let mut wrong = Vec::new();
    for (lab, billable) in &labs {
        let proxy = solved_proxy(&m, &answers, Faults::none());
        let run = m.sandpit_via(&proxy.endpoint, &["check", lab, "--json", "--lang", "en"]);
        let report = run.json();
        assert_eq!(run.code, 0, "{lab} is built solved: {report:#}\n{}", run.stderr);
        assert_read_only(&proxy, &format!("sandpit check {lab}"));
        if proxy.counts() != expected(lab, *billable) {
            wrong.push(format!(
                "{lab}:\n  made     {:?}\n  expected {:?}",
                proxy.counts(),
                expected(lab, *billable)
            ));
        }
    }
    assert!(wrong.is_empty(), "API calls of `sandpit check` differ from the budget:\n{}", wrong.join("\n"));
}

#[test]
fn the_other_read_only_commands_never_write() {
    let m = Moto::start();
    for args in [&["whoami", "--json"][..], &["budget", "status", "--json"]] {
        let proxy = m.proxy(Faults::none());
        let run = m.sandpit_via(&proxy.endpoint, args);
        assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
        assert_read_only(&proxy, &format!("sandpit {}", args.join(" ")));
    }
    // The log does see writes: the AWS CLI creating a VPC through the proxy.
    let proxy = m.proxy(Faults::none());
    m.aws_via(&proxy.endpoint, &["ec2", "create-vpc", "--cidr-block", "10.99.0.0/16"]);
    let writes: Vec<String> =
        proxy.mutating_calls().iter().map(|c| format!("{}:{}", c.service, c.action)).collect();
    assert_eq!(writes, ["ec2:CreateVpc"]);
}

/// A rule whose source is a managed prefix list is judged by the list's entries: SSH from a
/// list of 0.0.0.0/1 and 128.0.0.0/1 is SSH from the internet. Only that list's entries are
/// read, not those of the lists AWS keeps in the region.
#[test]
fn a_prefix_list_a_rule_names_is_expanded_and_no_other() {
    let m = Moto::start();
    let app = labs::three_tier_vpc(&m, true);
    labs::budget_guard(&m);
    let world = m.aws(&[
        "ec2",
        "create-managed-prefix-list",
        "--prefix-list-name",
        "everyone",
        "--address-family",
        "IPv4",
        "--max-entries",
        "5",
        "--entries",
        "Cidr=0.0.0.0/1",
        "Cidr=128.0.0.0/1",
    ])["PrefixList"]["PrefixListId"]
        .as_str()
        .unwrap()
        .to_owned();
    // A second list of our own that nothing names: its entries are not asked for.
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
    m.aws(&[
        "ec2",
        "authorize-security-group-ingress",
        "--group-id",
        &app.web_sg,
        "--ip-permissions",
        &format!("IpProtocol=tcp,FromPort=22,ToPort=22,PrefixListIds=[{{PrefixListId={world}}}]"),
    ]);

    let proxy = m.proxy(Faults::none());
    let run = m.sandpit_via(&proxy.endpoint, &["check", "three-tier-vpc", "--json", "--lang", "en"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    let step = |id: &str| {
        report["steps"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(step("no-public-ssh")["status"], "fail", "{:#}", step("no-public-ssh"));
    let said = step("no-public-ssh")["findings"].to_string();
    assert!(said.contains(&app.web_sg), "{said}");
    let failing: Vec<&str> = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] != "pass")
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(failing, ["no-public-ssh"], "{report:#}");
    let counts = proxy.counts();
    let calls = |action: &str| counts.get(&("ec2".to_owned(), action.to_owned())).copied().unwrap_or(0);
    assert_eq!(calls("DescribeManagedPrefixLists"), 1, "{counts:?}");
    assert_eq!(calls("GetManagedPrefixListEntries"), 1, "only the list a rule names: {counts:?}");
    assert_read_only(&proxy, "sandpit check three-tier-vpc");
}
