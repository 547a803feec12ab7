//! The `budget-guard` lab: a monthly cost budget with actual and forecast alerts, created with
//! the AWS CLI. moto has no DescribeSubscribersForNotification: the subscribers are reported as
//! unlisted (info), never as a silent pass.

use sandpit_e2e::labs::{ACCOUNT, create_budget};
use sandpit_e2e::{Moto, failures, not_passing};
use serde_json::Value;

fn check(m: &Moto, extra: &[&str]) -> (i32, Value) {
    let run = m.sandpit(&[&["check", "budget-guard", "--json", "--lang", "en"][..], extra].concat());
    (run.code, run.json())
}

#[test]
fn budget_guard_built_by_a_student_passes_and_each_mistake_is_pinned() {
    let m = Moto::start();
    let (code, report) = check(&m, &[]);
    assert_eq!(code, 1);
    assert_eq!(not_passing(&report), ["monthly-cost-budget", "actual-alert", "forecast-alert"]);

    let status = m.sandpit(&["budget", "status", "--json"]);
    assert_eq!((status.code, status.json()["status"].as_str()), (1, Some("unguarded")));

    create_budget(&m, "22", &[("ACTUAL", 50), ("ACTUAL", 80), ("ACTUAL", 100), ("FORECASTED", 100)]);
    let status = m.sandpit(&["budget", "status", "--json"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    let guard = status.json();
    assert_eq!((guard["status"].as_str(), guard["name"].as_str()), (Some("guarded"), Some("sandpit-guard")));
    assert_eq!(guard["limit"], 22.0);
    assert_eq!(guard["notifications"].as_array().unwrap().len(), 4);
    let (code, report) = check(&m, &[]);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
    // Subscribers that the emulator cannot list are said so, as info.
    let actual = report["steps"].as_array().unwrap().iter().find(|s| s["id"] == "actual-alert").unwrap();
    assert!(actual["findings"].as_array().unwrap().iter().any(|f| f["status"] == "info"), "{actual:#}");

    // 1. No forecast alert.
    m.aws(&["budgets", "delete-budget", "--account-id", ACCOUNT, "--budget-name", "sandpit-guard"]);
    create_budget(&m, "22", &[("ACTUAL", 80)]);
    let (_, report) = check(&m, &[]);
    assert_eq!(not_passing(&report), ["forecast-alert"]);
    assert_eq!(failures(&report, "forecast-alert")[0]["resource"], "sandpit-guard");

    // 2. A limit above the allowance; a bigger allowance passed as a parameter accepts it.
    m.aws(&["budgets", "delete-budget", "--account-id", ACCOUNT, "--budget-name", "sandpit-guard"]);
    create_budget(&m, "100", &[("ACTUAL", 80), ("FORECASTED", 100)]);
    let (_, report) = check(&m, &[]);
    assert_eq!(not_passing(&report), ["monthly-cost-budget"]);
    assert_eq!(failures(&report, "monthly-cost-budget")[0]["found"], "100 USD");
    let (code, _) = check(&m, &["--param", "allowance=150"]);
    assert_eq!(code, 0);
}
