//! The shipped least-privilege checker policy is enough for every lab, and a missing permission
//! is explained (the denied action and the managed policy that grants it), with IAM enforced by
//! the emulator.

use sandpit_e2e::{Moto, MotoOptions};
use serde_json::Value;

/// Creates an IAM user with `policy` and returns its access key (3 unauthenticated calls).
fn user_with_policy(m: &Moto, name: &str, policy: &Value) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.json");
    std::fs::write(&file, serde_json::to_string(policy).unwrap()).unwrap();
    m.aws(&["iam", "create-user", "--user-name", name]);
    m.aws(&[
        "iam",
        "put-user-policy",
        "--user-name",
        name,
        "--policy-name",
        "sandpit-checker",
        "--policy-document",
        &format!("file://{}", file.display()),
    ]);
    let key = m.aws(&["iam", "create-access-key", "--user-name", name]);
    let get = |k: &str| key["AccessKey"][k].as_str().unwrap().to_owned();
    (get("AccessKeyId"), get("SecretAccessKey"))
}

fn errors(report: &Value) -> Vec<(String, String)> {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["findings"].as_array().unwrap().iter().filter(|f| f["status"] == "error").map(move |f| {
                (s["id"].as_str().unwrap().to_owned(), f["message"].as_str().unwrap().to_owned())
            })
        })
        .collect()
}

#[test]
fn the_checker_policy_is_enough_and_a_missing_action_is_explained() {
    // Setup makes exactly 7 unauthenticated calls; everything after is checked against IAM.
    let m = Moto::start_with(MotoOptions { iam_enforced_after: Some(7) });
    let mut full = sandpit_core::policy::checker_policy();
    // moto names an action after the signing name in the request's credential scope, and
    // CloudWatch signs as `monitoring`: it asks for monitoring:DescribeAlarms where AWS asks for
    // cloudwatch:DescribeAlarms (which the policy grants). The alias is moto's, for this test only.
    full["Statement"][0]["Action"].as_array_mut().unwrap().push("monitoring:DescribeAlarms".into());
    let mut narrow = full.clone();
    narrow["Statement"][0]["Action"].as_array_mut().unwrap().retain(|a| a != "ec2:DescribeNatGateways");
    let (full_key, full_secret) = user_with_policy(&m, "checker", &full);
    let (narrow_key, narrow_secret) = user_with_policy(&m, "narrow", &narrow);
    m.aws(&["ec2", "create-vpc", "--cidr-block", "10.10.0.0/16"]);

    let labs = sandpit_core::labs::LabSet::builtin().unwrap();
    // Two labs cannot be proven here because moto's IAM emulation differs from AWS for their
    // services: it answers every Route 53 call with an empty 403 whatever the policy, and it
    // names Budgets actions after the API operation (budgets:DescribeBudgets) where AWS uses
    // budgets:ViewBudget. Their actions are covered by the policy unit test (every action the
    // collectors call is in the file) instead.
    let moto_iam_differs = ["route53-records", "budget-guard"];
    for lab in labs.labs().iter().map(|l| l.id.as_str()).filter(|id| !moto_iam_differs.contains(id)) {
        // The budget preflight reads Budgets, which moto's IAM names differently (above).
        let run = m.sandpit_as(
            &full_key,
            &full_secret,
            &["check", lab, "--json", "--lang", "en", "--no-budget-guard"],
        );
        assert_eq!(run.code, 1, "{lab}: the lab is unfinished, not broken:\n{}", run.stderr);
        let mut errors = errors(&run.json());
        // The capstone includes budget-guard's steps, whose Budgets calls moto names otherwise.
        errors.retain(|(step, _)| !step.starts_with("budget-guard/"));
        assert_eq!(errors, Vec::<(String, String)>::new(), "{lab}: a call was denied");
    }

    let run = m.sandpit_as(
        &narrow_key,
        &narrow_secret,
        &["check", "three-tier-vpc", "--json", "--lang", "en", "--no-budget-guard"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    let errored: Vec<String> = errors(&report).into_iter().map(|(step, _)| step).collect();
    assert_eq!(errored, ["nat-gateway"], "only the step that reads NAT gateways: {report:#}");
    let step = report["steps"].as_array().unwrap().iter().find(|s| s["id"] == "nat-gateway").unwrap();
    assert_eq!(step["status"], "error");
    let finding = &step["findings"][0];
    assert!(finding["message"].as_str().unwrap().contains("ec2:DescribeNatGateways"), "{finding:#}");
    assert!(finding["hint"].as_str().unwrap().contains("AmazonVPCReadOnlyAccess"), "{finding:#}");
    // The other steps were still judged.
    assert_eq!(step_of(&report, "vpc")["status"], "pass");
    // Without any permission at all, even STS answers no: that is exit 3, not a report.
    let run = m.sandpit_as("AKIAIOSFODNN7EXAMPLE", "wrong", &["check", "three-tier-vpc", "--json"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
}

fn step_of<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["steps"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap()
}

/// Whether an IAM action pattern of a policy (`ec2:Describe*`, `kms:List*`) covers `action`.
fn covers(pattern: &str, action: &str) -> bool {
    let (pattern, action) = (pattern.to_ascii_lowercase(), action.to_ascii_lowercase());
    match pattern.strip_suffix('*') {
        Some(prefix) => action.starts_with(prefix),
        None => pattern == action,
    }
}

#[test]
fn each_resource_kinds_managed_policy_grants_every_action_its_collector_calls() {
    // The AWS managed policies as AWS publishes them (moto ships their documents).
    let m = Moto::start();
    for &kind in sandpit_core::snapshot::ResourceKind::ALL {
        let arn = format!("arn:aws:iam::aws:policy/{}", kind.managed_policy());
        let policy = m.aws(&["iam", "get-policy", "--policy-arn", &arn]);
        let version = policy["Policy"]["DefaultVersionId"].as_str().expect("a default version");
        let doc = m.aws(&["iam", "get-policy-version", "--policy-arn", &arn, "--version-id", version]);
        let statements = match &doc["PolicyVersion"]["Document"]["Statement"] {
            Value::Array(list) => list.clone(),
            one => vec![one.clone()],
        };
        let allowed: Vec<String> = statements
            .iter()
            .filter(|s| s["Effect"] == "Allow")
            .flat_map(|s| match &s["Action"] {
                Value::String(a) => vec![a.clone()],
                Value::Array(list) => list.iter().filter_map(|a| a.as_str().map(str::to_owned)).collect(),
                _ => Vec::new(),
            })
            .collect();
        for action in kind.iam_actions() {
            assert!(
                allowed.iter().any(|p| covers(p, action)),
                "{kind:?}: {} does not grant {action}; it allows {allowed:?}",
                kind.managed_policy()
            );
        }
    }
}

#[test]
fn action_patterns_cover_as_iam_does() {
    assert!(covers("kms:Describe*", "kms:DescribeKey"));
    assert!(covers("ec2:DescribeVpcs", "ec2:DescribeVpcs"));
    assert!(!covers("kms:ListKeys", "kms:ListAliases"));
    assert!(!covers("ec2:Describe*", "ec2:GetManagedPrefixListEntries"));
}
