//! The budget guard enforced: `sandpit budget ensure` (idempotent, converging), billable labs
//! `blocked` without a guard, and `sandpit cost` with a teardown plan that really empties the
//! account. moto has no UpdateBudget and cannot list subscribers: the limit converges by
//! recreating the budget (said in the output), subscriber changes are planned and unit-tested in
//! `sandpit-core` (`budget::tests`) instead.

use sandpit_e2e::labs::{ACCOUNT, create_db_instance, create_subnet, create_vpc};
use sandpit_e2e::{Moto, step_status, text};
use serde_json::Value;

fn ensure(m: &Moto, args: &[&str]) -> (i32, Value) {
    let run = m.sandpit(&[&["budget", "ensure", "--json", "--lang", "en"][..], args].concat());
    assert!(
        run.code != 0 || run.stderr.is_empty() || run.stderr.contains("Writing to AWS account"),
        "{}",
        run.stderr
    );
    (run.code, if run.code == 0 { run.json() } else { Value::Null })
}

fn budgets(m: &Moto) -> Vec<Value> {
    m.aws(&["budgets", "describe-budgets", "--account-id", ACCOUNT])["Budgets"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn notifications(m: &Moto) -> Vec<String> {
    let out = m.aws(&[
        "budgets",
        "describe-notifications-for-budget",
        "--account-id",
        ACCOUNT,
        "--budget-name",
        "sandpit-guard",
    ]);
    let mut list: Vec<String> = out["Notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| format!("{} {}", n["NotificationType"].as_str().unwrap(), n["Threshold"]))
        .collect();
    list.sort();
    list
}

fn change_kinds(report: &Value) -> Vec<String> {
    report["changes"].as_array().unwrap().iter().map(|c| c["change"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn budget_ensure_creates_once_and_converges_to_a_new_limit() {
    let m = Moto::start();
    let email = ["--limit", "22", "--email", "team@example.com"];

    let (code, first) = ensure(&m, &email);
    assert_eq!(code, 0);
    assert_eq!(
        (first["changed"].as_bool(), change_kinds(&first)),
        (Some(true), vec!["create-budget".to_owned()])
    );
    let all = budgets(&m);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["BudgetLimit"]["Amount"].as_str().map(|a| a.parse::<f64>().unwrap()), Some(22.0));
    assert_eq!((all[0]["BudgetType"].as_str(), all[0]["TimeUnit"].as_str()), (Some("COST"), Some("MONTHLY")));
    let four = ["ACTUAL 100.0", "ACTUAL 50.0", "ACTUAL 80.0", "FORECASTED 100.0"];
    assert_eq!(notifications(&m), four);

    // Again: nothing changes, nothing is written.
    let run =
        m.sandpit(&["budget", "ensure", "--limit", "22", "--email", "team@example.com", "--lang", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("nothing changed"), "{}", run.stdout);
    assert!(!run.stderr.contains("Writing"), "no write announced: {}", run.stderr);
    assert_eq!((budgets(&m).len(), notifications(&m)), (1, four.map(String::from).to_vec()));

    // A new limit converges the same budget; the alerts stay four.
    let (code, raised) = ensure(&m, &["--limit", "30", "--email", "team@example.com"]);
    assert_eq!(code, 0);
    assert_eq!(change_kinds(&raised), ["update-limit"]);
    assert_eq!(raised["changes"][0]["description"], "change the limit of sandpit-guard: 22 USD → 30 USD");
    assert_eq!(raised["recreated"], true, "moto has no UpdateBudget");
    let all = budgets(&m);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["BudgetLimit"]["Amount"].as_str().map(|a| a.parse::<f64>().unwrap()), Some(30.0));
    assert_eq!(notifications(&m), four);
    let (_, again) = ensure(&m, &["--limit", "30", "--email", "team@example.com"]);
    assert_eq!(again["changed"], false);

    // An alert someone added by hand is removed; one deleted by hand comes back.
    let n = |kind: &str, t: &str| {
        format!(
            "NotificationType={kind},ComparisonOperator=GREATER_THAN,Threshold={t},ThresholdType=PERCENTAGE"
        )
    };
    m.aws(&[
        "budgets",
        "delete-notification",
        "--account-id",
        ACCOUNT,
        "--budget-name",
        "sandpit-guard",
        "--notification",
        &n("FORECASTED", "100"),
    ]);
    m.aws(&[
        "budgets",
        "create-notification",
        "--account-id",
        ACCOUNT,
        "--budget-name",
        "sandpit-guard",
        "--notification",
        &n("ACTUAL", "90"),
        "--subscribers",
        "SubscriptionType=EMAIL,Address=team@example.com",
    ]);
    let (_, fixed) = ensure(&m, &["--limit", "30", "--email", "team@example.com"]);
    assert_eq!(change_kinds(&fixed), ["remove-alert", "add-alert"]);
    assert_eq!(notifications(&m), four);

    // moto cannot list subscribers: said, never guessed.
    assert_eq!(fixed["unverified_subscribers"].as_array().unwrap().len(), 3);

    // --dry-run plans and writes nothing.
    let (_, dry) = ensure(&m, &["--limit", "40", "--email", "team@example.com", "--dry-run"]);
    assert_eq!(
        (dry["changed"].as_bool(), change_kinds(&dry)),
        (Some(false), vec!["update-limit".to_owned()])
    );
    assert_eq!(
        budgets(&m)[0]["BudgetLimit"]["Amount"].as_str().map(|a| a.parse::<f64>().unwrap()),
        Some(30.0)
    );

    let status = m.sandpit(&["budget", "status", "--json"]);
    assert_eq!((status.code, status.json()["status"].as_str()), (0, Some("guarded")));
}

#[test]
fn bad_guard_requests_write_nothing_and_name_the_option() {
    let m = Moto::start();
    for (args, needle) in [
        (&["--limit", "0", "--email", "a@example.com"][..], "--limit"),
        (&["--limit", "22"][..], "--email"),
        (&["--limit", "22", "--email", "not-an-address"][..], "--email"),
        (&["--limit", "22", "--sns-topic", "arn:aws:sqs:us-east-1:123456789012:q"][..], "--sns-topic"),
        (&["--limit", "22", "--email", "a@example.com", "--unit", "won"][..], "--unit"),
    ] {
        let run = m.sandpit(&[&["budget", "ensure"][..], args].concat());
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
    }
    assert!(budgets(&m).is_empty());
}

#[test]
fn a_billable_lab_is_blocked_until_the_guard_is_in_place() {
    let m = Moto::start();
    m.aws(&["ec2", "create-vpc", "--cidr-block", "10.10.0.0/16"]);

    let run = m.sandpit(&["check", "three-tier-vpc", "--json", "--lang", "en"]);
    assert_eq!(run.code, 1);
    let report = run.json();
    assert_eq!(report["status"], "blocked");
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(steps[0]["id"], "budget-guard");
    assert!(steps.iter().all(|s| s["status"] == "blocked"), "every step locked: {report:#}");
    let hint = steps[0]["findings"][0]["hint"].as_str().unwrap();
    assert!(hint.contains("sandpit budget ensure --limit 22 --email"), "the one fixing command: {hint}");
    assert_eq!(report["summary"]["blocked"], steps.len());

    // The Korean text report says the same, with the command.
    let ko = m.sandpit(&["check", "three-tier-vpc"]);
    assert_eq!(ko.code, 1);
    assert!(ko.stdout.contains("잠김") && ko.stdout.contains("sandpit budget ensure"), "{}", ko.stdout);

    // The override evaluates the lab, loudly.
    let run = m.sandpit(&["check", "three-tier-vpc", "--json", "--lang", "en", "--no-budget-guard"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("WARNING") && run.stderr.contains("--no-budget-guard"), "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["status"], "fail");
    assert_eq!(step_status(&report, "budget-guard"), "skipped");
    assert_eq!(step_status(&report, "vpc"), "pass");

    // A lab that bills nothing is never gated.
    let peering = m.sandpit(&["check", "vpc-peering", "--json"]).json();
    assert!(peering["steps"].as_array().unwrap().iter().all(|s| s["id"] != "budget-guard"));

    m.guard();
    let report = m.sandpit(&["check", "three-tier-vpc", "--json", "--lang", "en"]).json();
    assert_eq!(report["status"], "fail", "evaluated now: {report:#}");
    assert_eq!(step_status(&report, "budget-guard"), "pass");
    assert_eq!(step_status(&report, "vpc"), "pass");
    assert_eq!(step_status(&report, "nat-gateway"), "fail");
}

#[test]
fn the_cost_meter_prices_what_runs_and_its_teardown_empties_the_account() {
    let m = Moto::start();
    let empty = m.sandpit(&["cost", "--json"]);
    assert_eq!(empty.code, 0, "{}", empty.stderr);
    assert_eq!(empty.json()["items"].as_array().map(Vec::len), Some(0));

    // A NAT gateway with its EIP, an idle EIP, an RDS instance, an instance behind a load balancer.
    let vpc = create_vpc(&m, "10.10.0.0/16", None);
    let subnet = |cidr: &str, az: &str| create_subnet(&m, &vpc, cidr, az, None);
    let (a, c) = (subnet("10.10.1.0/24", "ap-northeast-2a"), subnet("10.10.2.0/24", "ap-northeast-2c"));
    let nat_eip = text(&m.aws(&["ec2", "allocate-address", "--domain", "vpc"]), &["AllocationId"]);
    let idle_eip = text(&m.aws(&["ec2", "allocate-address", "--domain", "vpc"]), &["AllocationId"]);
    let nat = text(
        &m.aws(&["ec2", "create-nat-gateway", "--subnet-id", &a, "--allocation-id", &nat_eip]),
        &["NatGateway", "NatGatewayId"],
    );
    create_db_instance(&m, "lab-db", &["--master-user-password", "change-me-123"]);
    let ami = m.aws(&["ec2", "describe-images", "--owners", "amazon"])["Images"][0]["ImageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let instance = text(
        &m.aws(&[
            "ec2",
            "run-instances",
            "--image-id",
            &ami,
            "--instance-type",
            "t3.micro",
            "--subnet-id",
            &a,
        ]),
        &["Instances", "0", "InstanceId"],
    );
    let lb = m.aws(&["elbv2", "create-load-balancer", "--name", "web", "--subnets", &a, &c]);
    let lb_arn = lb["LoadBalancers"][0]["LoadBalancerArn"].as_str().unwrap().to_owned();
    let tg = m.aws(&[
        "elbv2",
        "create-target-group",
        "--name",
        "web-tg",
        "--protocol",
        "HTTP",
        "--port",
        "80",
        "--vpc-id",
        &vpc,
    ]);
    let tg_arn = tg["TargetGroups"][0]["TargetGroupArn"].as_str().unwrap().to_owned();
    m.aws(&[
        "elbv2",
        "create-listener",
        "--load-balancer-arn",
        &lb_arn,
        "--protocol",
        "HTTP",
        "--port",
        "80",
        "--default-actions",
        &format!("Type=forward,TargetGroupArn={tg_arn}"),
    ]);

    let run = m.sandpit(&["cost", "--json", "--lang", "en"]);
    assert_eq!(run.code, 1, "something bills: {}", run.stderr);
    let cost = run.json();
    let items = cost["items"].as_array().unwrap();
    let item = |id: &str| {
        items.iter().find(|i| i["id"] == id).unwrap_or_else(|| panic!("{id} not listed: {cost:#}"))
    };
    assert_eq!(
        (item(&nat)["kind"].as_str(), item(&nat)["hourly"].as_f64()),
        (Some("nat-gateway"), Some(0.059))
    );
    assert!((item(&nat)["monthly"].as_f64().unwrap() - 43.07).abs() < 0.01);
    assert!(item(&nat)["running_hours"].as_f64().is_some(), "moto gives the create time");
    assert_eq!(
        (item("lab-db")["kind"].as_str(), item("lab-db")["hourly"].as_f64()),
        (Some("rds-instance"), Some(0.026))
    );
    assert_eq!(item(&idle_eip)["kind"], "elastic-ip");
    assert_eq!(item(&instance)["hourly"].as_f64(), Some(0.013));
    assert_eq!(item("web")["kind"], "load-balancer");
    let total: f64 = items.iter().filter_map(|i| i["hourly"].as_f64()).sum();
    assert!((cost["total_hourly"].as_f64().unwrap() - total).abs() < 1e-9);
    assert_eq!(cost["prices_as_of"], "2026-11-01");

    // The teardown plan, run as printed, leaves nothing billable.
    let plan: Vec<Vec<String>> = cost["teardown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["argv"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_owned()).collect())
        .collect();
    let position = |needle: &str| plan.iter().position(|argv| argv.join(" ").contains(needle)).unwrap();
    assert!(position("terminate-instances") < position("delete-load-balancer"));
    assert!(position("delete-load-balancer") < position("delete-target-group"));
    assert!(position("delete-nat-gateway") < position(&format!("release-address --allocation-id {nat_eip}")));
    for argv in &plan {
        assert_eq!(argv[0], "aws");
        let words: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
        m.aws(&words);
    }
    let after = m.sandpit(&["cost", "--json"]);
    assert_eq!(after.code, 0, "{}", after.stdout);
    let after = after.json();
    assert_eq!(after["items"].as_array().map(Vec::len), Some(0), "{after:#}");
    assert_eq!(after["teardown"].as_array().map(Vec::len), Some(0));
}
