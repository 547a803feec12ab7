//! Warm checks (`crates/sandpit-aws/src/warm.rs`): a check remembers the ids it saw, and the
//! next check of the same account asks the questions that depend on a list (KMS DescribeKey,
//! Route 53 records, Budgets alerts and subscribers, and Budgets' need for the account id)
//! next to the lists — one round of calls instead of two to four, with the same calls and the
//! same verdicts. Hints that no longer hold must cost calls, never a wrong verdict.
//!
//! Rounds are counted from the proxy log ([`sandpit_e2e::rounds`]: the longest chain of calls
//! that each waited for an earlier answer), with 300 ms added to every call so that a call sent
//! after another's answer cannot be mistaken for one sent alongside it.

use std::collections::BTreeMap;
use std::time::Duration;

use sandpit_e2e::{Faults, Moto, Run, labs, rounds};
use serde_json::Value;

use crate::api_budget::{build_every_lab, lab_ids, solved_proxy};

const LATENCY: Duration = Duration::from_millis(300);

/// Each step's status, by step id.
pub(crate) fn verdicts(run: &Run) -> BTreeMap<String, String> {
    let report: Value = run.json();
    report["steps"]
        .as_array()
        .unwrap_or_else(|| panic!("check --json has steps: {report:#}\n{}", run.stderr))
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_owned(), s["status"].as_str().unwrap().to_owned()))
        .collect()
}

/// The folder of the hint files.
fn hints_dir(m: &Moto) -> std::path::PathBuf {
    m.data_dir().join("cache/reads")
}

#[test]
fn a_repeated_check_asks_everything_in_one_round_with_the_same_calls_and_verdicts() {
    let m = Moto::start();
    let answers = build_every_lab(&m);
    let mut cold_rounds = BTreeMap::new();
    for lab in lab_ids() {
        // A new endpoint is a new account to the hints: the first check through it is cold.
        let proxy = solved_proxy(&m, &answers, Faults::latency(LATENCY));
        let args = ["check", lab.as_str(), "--json", "--lang", "en"];
        let cold = m.sandpit_via(&proxy.endpoint, &args);
        assert_eq!(cold.code, 0, "{lab} is built solved: {}\n{}", cold.stdout, cold.stderr);
        let (cold_calls, cold_counts) = (proxy.calls(), proxy.counts());
        proxy.clear();
        let warm = m.sandpit_via(&proxy.endpoint, &args);
        assert_eq!(warm.code, 0, "{lab}: {}\n{}", warm.stdout, warm.stderr);
        let warm_calls = proxy.calls();

        assert_eq!(verdicts(&warm), verdicts(&cold), "{lab}: the warm check's verdicts differ");
        assert_eq!(proxy.counts(), cold_counts, "{lab}: nothing changed, so neither did the calls");
        assert_eq!(
            rounds(&warm_calls),
            1,
            "{lab}: a warm check sends every call at once: {:#?}",
            warm_calls.iter().map(|c| (c.to_string(), c.arrived, c.took)).collect::<Vec<_>>()
        );
        cold_rounds.insert(lab.clone(), rounds(&cold_calls));
    }
    // The cold checks show what the hints save: Budgets waits for STS's account id, then the
    // list, then each budget's alerts, then each alert's subscribers (billable labs read the
    // guard first); Route 53 lists zones before their records; SNS topics come before their
    // attributes and subscriptions, EventBridge rules before their targets, IAM users before
    // their credentials. vpc-peering has no dependent call: the only one it had, managed prefix
    // lists before their entries, is gone since entries are read only for lists a rule names.
    let expected: BTreeMap<String, usize> = [
        ("budget-guard", 4),
        ("three-tier-vpc", 4),
        ("vpc-peering", 1),
        ("rds-kms", 4),
        ("route53-records", 2),
        ("was-alb-asg", 4),
        ("scaling-alerts", 2),
        ("iam-team-access", 2),
        ("team-project", 4),
    ]
    .into_iter()
    .map(|(lab, n)| (lab.to_owned(), n))
    .collect();
    assert_eq!(cold_rounds, expected);
}

#[test]
fn stale_hints_cost_calls_never_a_wrong_verdict() {
    let m = Moto::start();
    let zone = labs::route53_records(&m);
    labs::budget_guard(&m);
    let check = |lab: &str| {
        let run = m.sandpit(&["check", lab, "--json", "--lang", "en"]);
        assert!(run.code == 0 || run.code == 1, "{lab}: {}\n{}", run.stdout, run.stderr);
        verdicts(&run)
    };
    let (dns_before, guard_before) = (check("route53-records"), check("budget-guard"));
    assert!(
        dns_before.values().chain(guard_before.values()).all(|s| s == "pass"),
        "{dns_before:?} {guard_before:?}"
    );
    assert!(hints_dir(&m).read_dir().is_ok_and(|mut d| d.next().is_some()), "the checks left hints");

    // The zone is replaced by a new one with only the A record; the budget by one with a single
    // 50% alert. The hints still name the old zone and the old alerts.
    let all = m.aws(&["route53", "list-resource-record-sets", "--hosted-zone-id", &zone]);
    let removable: Vec<Value> = all["ResourceRecordSets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["Type"] != "NS" && r["Type"] != "SOA")
        .cloned()
        .collect();
    labs::change_records(&m, &zone, "DELETE", &removable);
    m.aws(&["route53", "delete-hosted-zone", "--id", &zone]);
    let new_zone = labs::create_hosted_zone(&m, labs::DOMAIN, "lab-2");
    assert_ne!(new_zone, zone);
    labs::change_records(
        &m,
        &new_zone,
        "UPSERT",
        &[serde_json::json!({ "Name": labs::DOMAIN, "Type": "A", "TTL": 300,
                               "ResourceRecords": [{ "Value": "203.0.113.10" }] })],
    );
    m.aws(&["budgets", "delete-budget", "--account-id", labs::ACCOUNT, "--budget-name", "sandpit-guard"]);
    labs::create_budget(&m, "22", &[("ACTUAL", 50)]);

    let (dns_warm, guard_warm) = (check("route53-records"), check("budget-guard"));
    std::fs::remove_dir_all(hints_dir(&m)).expect("remove the hints");
    let (dns_cold, guard_cold) = (check("route53-records"), check("budget-guard"));
    assert_eq!(dns_warm, dns_cold, "stale zone hints changed the Route 53 verdicts");
    assert_eq!(guard_warm, guard_cold, "stale budget hints changed the budget verdicts");
    // And the account did change, so the comparison means something.
    assert_eq!((dns_cold["hosted-zone"].as_str(), dns_cold["a-record"].as_str()), ("pass", "pass"));
    assert_ne!(dns_cold["mx-record"], "pass", "the new zone has no MX record");
    assert_ne!(guard_cold, guard_before, "the budget's alerts changed");
}

#[test]
fn a_wrong_remembered_account_is_corrected_by_sts() {
    let m = Moto::start();
    labs::budget_guard(&m);
    let proxy = m.proxy(Faults::none());
    let args = ["check", "budget-guard", "--json", "--lang", "en"];
    let first = m.sandpit_via(&proxy.endpoint, &args);
    assert_eq!(first.code, 0, "{}\n{}", first.stdout, first.stderr);
    // The hints now say another account (as if the profile's keys had been swapped for another
    // account's): Budgets is asked about that account first, STS answers otherwise, and the
    // check reads the budgets again for the right one.
    let files: Vec<_> = hints_dir(&m).read_dir().expect("hints").filter_map(Result::ok).collect();
    assert_eq!(files.len(), 1, "one endpoint, one set of credentials: one hint file");
    let path = files[0].path();
    let mut hints: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(hints["account"], labs::ACCOUNT);
    hints["account"] = Value::from("999999999999");
    std::fs::write(&path, hints.to_string()).unwrap();

    proxy.clear();
    let second = m.sandpit_via(&proxy.endpoint, &args);
    assert_eq!(second.code, 0, "{}\n{}", second.stdout, second.stderr);
    assert_eq!(verdicts(&second), verdicts(&first));
    let describes = proxy.calls().iter().filter(|c| c.action == "DescribeBudgets").count();
    assert_eq!(describes, 2, "the wrong account's budgets, then the right one's: {:?}", proxy.calls());
    let hints: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(hints["account"], labs::ACCOUNT, "the hints are corrected");
}

#[test]
fn the_team_project_after_its_labs_asks_everything_at_once() {
    // A team checks its labs one by one while building, then the whole project: the project's
    // first check finds every id its labs' checks saw.
    let m = Moto::start();
    let answers = build_every_lab(&m);
    let proxy = solved_proxy(&m, &answers, Faults::latency(LATENCY));
    for lab in [
        "budget-guard",
        "iam-team-access",
        "three-tier-vpc",
        "vpc-peering",
        "rds-kms",
        "was-alb-asg",
        "scaling-alerts",
    ] {
        let run = m.sandpit_via(&proxy.endpoint, &["check", lab, "--json", "--lang", "en"]);
        assert_eq!(run.code, 0, "{lab}: {}\n{}", run.stdout, run.stderr);
    }
    proxy.clear();
    let run = m.sandpit_via(&proxy.endpoint, &["check", "team-project", "--json", "--lang", "en"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let calls = proxy.calls();
    assert!(rounds(&calls) <= 2, "team-project after its labs: {} rounds: {calls:#?}", rounds(&calls));
}
