//! The `budget-guard` lab: a monthly cost budget with actual and forecast alerts, created with
//! the AWS CLI. moto has no DescribeSubscribersForNotification: the subscribers are reported as
//! unlisted (info), never as a silent pass.

use sandpit_e2e::{Moto, failures, not_passing};
use serde_json::{Value, json};

fn check(m: &Moto, extra: &[&str]) -> (i32, Value) {
    let run = m.sandpit(&[&["check", "budget-guard", "--json", "--lang", "en"][..], extra].concat());
    (run.code, run.json())
}

fn alert(kind: &str, threshold: u32) -> String {
    json!([{
        "Notification": { "NotificationType": kind, "ComparisonOperator": "GREATER_THAN",
                          "Threshold": threshold, "ThresholdType": "PERCENTAGE" },
        "Subscribers": [{ "SubscriptionType": "EMAIL", "Address": "team@example.com" }]
    }])
    .to_string()
}

fn create(m: &Moto, amount: &str, alerts: &[(&str, u32)]) {
    let budget = json!({ "BudgetName": "sandpit-guard", "BudgetLimit": { "Amount": amount, "Unit": "USD" },
                         "TimeUnit": "MONTHLY", "BudgetType": "COST" })
    .to_string();
    let notifications: Vec<Value> =
        alerts.iter().flat_map(|(k, t)| serde_json::from_str::<Vec<Value>>(&alert(k, *t)).unwrap()).collect();
    m.aws(&[
        "budgets",
        "create-budget",
        "--account-id",
        "123456789012",
        "--budget",
        &budget,
        "--notifications-with-subscribers",
        &Value::Array(notifications).to_string(),
    ]);
}

#[test]
fn budget_guard_built_by_a_student_passes_and_each_mistake_is_pinned() {
    let m = Moto::start();
    let (code, report) = check(&m, &[]);
    assert_eq!(code, 1);
    assert_eq!(not_passing(&report), ["monthly-cost-budget", "actual-alert", "forecast-alert"]);

    let status = m.sandpit(&["budget", "status", "--json"]);
    assert_eq!((status.code, status.json()["status"].as_str()), (1, Some("unguarded")));

    create(&m, "22", &[("ACTUAL", 50), ("ACTUAL", 80), ("ACTUAL", 100), ("FORECASTED", 100)]);
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
    m.aws(&["budgets", "delete-budget", "--account-id", "123456789012", "--budget-name", "sandpit-guard"]);
    create(&m, "22", &[("ACTUAL", 80)]);
    let (_, report) = check(&m, &[]);
    assert_eq!(not_passing(&report), ["forecast-alert"]);
    assert_eq!(failures(&report, "forecast-alert")[0]["resource"], "sandpit-guard");

    // 2. A limit above the allowance; a bigger allowance passed as a parameter accepts it.
    m.aws(&["budgets", "delete-budget", "--account-id", "123456789012", "--budget-name", "sandpit-guard"]);
    create(&m, "100", &[("ACTUAL", 80), ("FORECASTED", 100)]);
    let (_, report) = check(&m, &[]);
    assert_eq!(not_passing(&report), ["monthly-cost-budget"]);
    assert_eq!(failures(&report, "monthly-cost-budget")[0]["found"], "100 USD");
    let (code, _) = check(&m, &["--param", "allowance=150"]);
    assert_eq!(code, 0);
}
