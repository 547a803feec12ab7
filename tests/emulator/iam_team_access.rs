//! `iam-team-access` end to end, IAM built with the AWS CLI (moto loads AWS's managed policies:
//! the harness starts it with `MOTO_IAM_LOAD_MANAGED_POLICIES=true`).
//!
//! Two things cannot exist in moto 5.2.5 and come from recorded AWS answers replayed through the
//! proxy (`sandpit_e2e::recorded`): a root user with MFA (`GetAccountSummary` always says
//! `AccountMFAEnabled` 0) and a permissions boundary on a user (moto drops it). The DevOps role's
//! boundary is moto's own.

use sandpit_e2e::{Faults, Moto, failures, labs, not_passing, step_status};
use serde_json::Value;

fn check_via(m: &Moto, endpoint: &str) -> Value {
    let run = m.sandpit_via(endpoint, &["check", "iam-team-access", "--json", "--lang", "en"]);
    assert!(run.code == 0 || run.code == 1, "{}\n{}", run.stdout, run.stderr);
    run.json()
}

fn infos<'a>(report: &'a Value, step: &str) -> Vec<&'a Value> {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == step)
        .and_then(|s| s["findings"].as_array())
        .map(|f| f.iter().filter(|f| f["status"] == "info").collect())
        .unwrap_or_default()
}

#[test]
fn the_team_iam_passes_and_each_classic_mistake_names_the_principal() {
    let m = Moto::start();
    let boundary = labs::iam_team_access(&m);
    let aws_answers =
        m.proxy(Faults { answers: labs::iam_recorded_answers(labs::ACCOUNT, &boundary), ..Faults::none() });
    let report = check_via(&m, &aws_answers.endpoint);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    let boundary_step =
        report["steps"].as_array().unwrap().iter().find(|s| s["id"] == "devops-boundary").unwrap();
    let protected: Vec<&str> =
        boundary_step["findings"].as_array().unwrap().iter().filter_map(|f| f["resource"].as_str()).collect();
    assert_eq!(
        protected,
        [
            format!("arn:aws:iam::{}:user/devops-1", labs::ACCOUNT).as_str(),
            format!("arn:aws:iam::{}:role/devops", labs::ACCOUNT).as_str()
        ],
        "the DevOps user and the DevOps role: {report:#}"
    );

    // Moto as it is: its root user has no MFA and its users no boundary.
    let plain = m.proxy(Faults::none());
    let report = check_via(&m, &plain.endpoint);
    assert_eq!(not_passing(&report), ["devops-boundary", "root-account"], "{report:#}");
    assert_eq!(
        failures(&report, "root-account")[0]["resource"],
        format!("arn:aws:iam::{}:root", labs::ACCOUNT)
    );
    assert!(failures(&report, "devops-boundary")[0]["resource"].as_str().unwrap().ends_with("user/devops-1"));

    // DevOps given a policy that changes things; a console password without MFA; a policy
    // attached straight to a user (info, not a failure); the role's boundary lifted. Read from
    // moto itself (the recorded user list would hide the attached policy).
    m.aws(&[
        "iam",
        "attach-group-policy",
        "--group-name",
        "devops",
        "--policy-arn",
        "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
    ]);
    m.aws(&["iam", "create-login-profile", "--user-name", "devops-1", "--password", "Change-me-2!"]);
    m.aws(&[
        "iam",
        "attach-user-policy",
        "--user-name",
        "infra-admin",
        "--policy-arn",
        "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
    ]);
    m.aws(&["iam", "delete-role-permissions-boundary", "--role-name", "devops"]);
    let report = check_via(&m, &plain.endpoint);
    assert_eq!(
        not_passing(&report),
        ["devops-group", "console-mfa", "devops-boundary", "root-account"],
        "{report:#}"
    );
    let devops = failures(&report, "devops-group");
    assert_eq!(devops[0]["found"], "AmazonEC2FullAccess", "{report:#}");
    assert!(devops[0]["resource"].as_str().unwrap().ends_with("group/devops"));
    assert!(failures(&report, "console-mfa")[0]["resource"].as_str().unwrap().ends_with("user/devops-1"));
    let unprotected: Vec<&str> =
        failures(&report, "devops-boundary").iter().filter_map(|f| f["resource"].as_str()).collect();
    assert!(unprotected.len() == 2 && unprotected[1].ends_with("role/devops"), "{report:#}");
    assert_eq!(step_status(&report, "users-in-groups"), "pass");
    let direct = infos(&report, "users-in-groups");
    assert!(
        direct.iter().any(|f| f["resource"].as_str().unwrap().ends_with("user/infra-admin")
            && f["message"].as_str().unwrap().contains("AmazonEC2FullAccess")),
        "{report:#}"
    );
}

#[test]
fn infra_judged_by_what_its_policies_allow() {
    let m = Moto::start();
    let boundary = labs::iam_team_access(&m);
    let proxy =
        m.proxy(Faults { answers: labs::iam_recorded_answers(labs::ACCOUNT, &boundary), ..Faults::none() });
    // VPC full access alone cannot launch instances.
    m.aws(&[
        "iam",
        "detach-group-policy",
        "--group-name",
        "infra",
        "--policy-arn",
        "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
    ]);
    let report = check_via(&m, &proxy.endpoint);
    assert!(
        failures(&report, "infra-group")[0]["message"].as_str().unwrap().contains("ec2:RunInstances"),
        "{report:#}"
    );
    // A customer managed policy with another name that allows ec2:* does it.
    let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}"#;
    let policy = m.aws(&["iam", "create-policy", "--policy-name", "team-infra", "--policy-document", doc]);
    let arn = policy["Policy"]["Arn"].as_str().unwrap().to_owned();
    m.aws(&["iam", "attach-group-policy", "--group-name", "infra", "--policy-arn", &arn]);
    let report = check_via(&m, &proxy.endpoint);
    assert_eq!(step_status(&report, "infra-group"), "pass", "{report:#}");
}
