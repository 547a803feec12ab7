//! `budget ensure`'s writes against scripted Budgets answers (AWS's JSON protocol, replayed on
//! loopback): moto has neither UpdateBudget nor the Budgets actions, and AWS's own server errors
//! cannot be produced on demand, so these are tested here. The shapes follow
//! <https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_UpdateBudget.html>,
//! <https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_DescribeBudgetActionsForBudget.html>
//! and <https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_CreateBudgetAction.html>
//! (errors as `{"__type": …, "Message": …}`).

mod replay;

use replay::{Replay, Response};
use sandpit_aws::HardStop;
use sandpit_core::budget::{GuardChange, GuardPlan, GuardRequest, HardStopTarget, Subscriber};

const ACCOUNT: &str = "123456789012";

fn request() -> GuardRequest {
    GuardRequest::new("sandpit-guard", 30.0, "USD", vec![Subscriber::email("team@example.com").unwrap()])
        .unwrap()
}

fn new_limit() -> GuardPlan {
    GuardPlan {
        name: "sandpit-guard".into(),
        changes: vec![GuardChange::UpdateLimit {
            from: 22.0,
            from_unit: "USD".into(),
            to: 30.0,
            unit: "USD".into(),
        }],
        unverified_subscribers: Vec::new(),
    }
}

const ONE_ACTION: &str = r#"{"AccountId":"123456789012","BudgetName":"sandpit-guard","Actions":[{"ActionId":"9f0e1d2c-aaaa-bbbb-cccc-123456789012","BudgetName":"sandpit-guard","NotificationType":"ACTUAL","ActionType":"APPLY_IAM_POLICY","ActionThreshold":{"ActionThresholdValue":100.0,"ActionThresholdType":"PERCENTAGE"},"Definition":{"IamActionDefinition":{"PolicyArn":"arn:aws:iam::123456789012:policy/SandpitHardStop","Users":["alice"]}},"ExecutionRoleArn":"arn:aws:iam::123456789012:role/SandpitBudgetsAction","ApprovalModel":"AUTOMATIC","Status":"STANDBY","Subscribers":[{"SubscriptionType":"EMAIL","Address":"team@example.com"}]}]}"#;

fn count(replay: &Replay, action: &str) -> usize {
    replay.requests.lock().unwrap().iter().filter(|r| r.action == action).count()
}

#[tokio::test]
async fn a_server_error_on_update_budget_never_deletes_the_budget() {
    // AWS (or a proxy before it) answers 503 with no AWS error in the body, every time.
    let replay = Replay::start(|r| match r.action.as_str() {
        "UpdateBudget" => Response::bare(503, None),
        "DescribeBudgetActionsForBudget" => Response::ok("budgets", ONE_ACTION.into()),
        _ => Response::ok("budgets", "{}".into()),
    });
    let aws = replay.aws("us-east-1").await;
    let err = aws.apply_guard(ACCOUNT, &request(), new_limit()).await.unwrap_err().to_string();
    assert!(err.contains("nothing deleted"), "{err}");
    assert!(count(&replay, "UpdateBudget") > 1, "a server error is retried: {:?}", replay.calls());
    assert_eq!(count(&replay, "DeleteBudget"), 0, "{:?}", replay.calls());
    assert_eq!(count(&replay, "CreateBudget"), 0, "{:?}", replay.calls());
}

#[tokio::test]
async fn an_endpoint_without_update_budget_keeps_a_budget_that_has_actions() {
    // An emulator's own error page (moto's web framework) for UpdateBudget, but the budget
    // holds the hard stop: re-creating it would delete that action.
    let replay = Replay::start(|r| match r.action.as_str() {
        "UpdateBudget" => Response::bare(500, Some("Werkzeug/3.1.9 Python/3.11.7")),
        "DescribeBudgetActionsForBudget" => Response::ok("budgets", ONE_ACTION.into()),
        _ => Response::ok("budgets", "{}".into()),
    });
    let aws = replay.aws("us-east-1").await;
    let err = aws.apply_guard(ACCOUNT, &request(), new_limit()).await.unwrap_err().to_string();
    assert!(err.contains("Budgets action"), "{err}");
    assert_eq!(count(&replay, "DeleteBudget"), 0, "{:?}", replay.calls());
}

#[tokio::test]
async fn an_endpoint_without_update_budget_or_actions_gets_the_budget_recreated() {
    // moto: neither UpdateBudget nor the actions API, both answered with its error page.
    let page = || Response::bare(500, Some("Werkzeug/3.1.9 Python/3.11.7"));
    let replay = Replay::start(move |r| match r.action.as_str() {
        "UpdateBudget" | "DescribeBudgetActionsForBudget" => page(),
        _ => Response::ok("budgets", "{}".into()),
    });
    let aws = replay.aws("us-east-1").await;
    let outcome = aws.apply_guard(ACCOUNT, &request(), new_limit()).await.unwrap();
    assert!(outcome.recreated);
    let calls = replay.calls();
    let at = |a: &str| calls.iter().position(|c| c.ends_with(a)).unwrap_or_else(|| panic!("{a}: {calls:?}"));
    assert!(
        at("DescribeBudgetActionsForBudget") < at("DeleteBudget") && at("DeleteBudget") < at("CreateBudget")
    );
    assert_eq!(count(&replay, "UpdateBudget"), 1, "an emulator's missing operation is not retried");
}

#[tokio::test]
async fn a_denied_hard_stop_names_every_permission_it_needs() {
    let stop = HardStop {
        execution_role_arn: "arn:aws:iam::123456789012:role/SandpitBudgetsAction".into(),
        policy_arn: "arn:aws:iam::123456789012:policy/SandpitHardStop".into(),
        target: HardStopTarget::User("alice".into()),
    };
    for denied in ["DescribeBudgetActionsForBudget", "CreateBudgetAction"] {
        let replay = Replay::start(move |r| {
            if r.action == denied {
                Response::json_error(
                    400,
                    "AccessDeniedException",
                    "User is not authorized to perform this action",
                )
            } else {
                Response::ok("budgets", r#"{"Actions":[]}"#.into())
            }
        });
        let aws = replay.aws("us-east-1").await;
        let err = aws.ensure_hard_stop(ACCOUNT, &request(), &stop).await.unwrap_err().to_string();
        for permission in [
            "budgets:CreateBudgetAction",
            "budgets:DescribeBudgetActionsForBudget",
            "iam:PassRole on arn:aws:iam::123456789012:role/SandpitBudgetsAction",
        ] {
            assert!(err.contains(permission), "{denied}: {err}");
        }
        assert!(!err.contains("budgets:ModifyBudget"), "{denied}: {err}");
    }
}
