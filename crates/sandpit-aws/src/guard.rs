//! `sandpit budget ensure`: the one place Sandpit writes to an account. It reads the guard
//! budget, lets `sandpit-core` plan the changes, and makes exactly those.

use std::collections::BTreeSet;

use aws_sdk_budgets::types as b;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use sandpit_core::budget::{
    GUARD_ALERTS, GuardChange, GuardPlan, GuardRequest, HardStopTarget, Subscriber, alert_by_label,
    plan_guard,
};
use sandpit_core::snapshot::{Budget, BudgetNotification, CollectError, ResourceKind};

use crate::collect::{SdkError, is_transient};
use crate::connect::Aws;
use crate::error::{AwsError, Classified, classify};

/// What `ensure_guard` did.
#[derive(Debug, Clone, PartialEq)]
pub struct GuardOutcome {
    /// The plan that was carried out (empty changes: nothing to do).
    pub plan: GuardPlan,
    /// Set when the endpoint has no UpdateBudget (some emulators) and the budget was deleted
    /// and created again with the new limit instead.
    pub recreated: bool,
}

/// The optional hard stop: a Budgets action that applies a deny policy (no new EC2, RDS, NAT
/// gateways, load balancers) to the learner when actual spend passes 100% of the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HardStop {
    /// The role AWS Budgets assumes to apply the policy.
    pub execution_role_arn: String,
    /// The customer managed deny policy (`labs/policies/sandpit-hard-stop.json`).
    pub policy_arn: String,
    /// Whom it applies to.
    pub target: HardStopTarget,
}

impl Aws {
    /// Adds the hard stop to the guard budget unless the same action is already there.
    /// `Ok(true)` when it was added. Writes to the account.
    pub async fn ensure_hard_stop(
        &self,
        account: &str,
        request: &GuardRequest,
        stop: &HardStop,
    ) -> Result<bool, AwsError> {
        let budgets = aws_sdk_budgets::Client::new(self.sdk_config());
        let existing = budgets
            .describe_budget_actions_for_budget()
            .account_id(account)
            .budget_name(&request.name)
            .send()
            .await
            .map_err(|e| {
                write_failure(
                    self.endpoint(),
                    "budgets:DescribeBudgetActionsForBudget",
                    &hard_stop_needs(stop),
                    e,
                )
            })?;
        let same = existing.actions().iter().any(|a| {
            a.execution_role_arn() == stop.execution_role_arn
                && a.definition().and_then(|d| d.iam_action_definition()).map(|d| d.policy_arn())
                    == Some(stop.policy_arn.as_str())
                && a.action_threshold().map(|t| t.action_threshold_value()) == Some(100.0)
        });
        if same {
            return Ok(false);
        }
        create_hard_stop(&budgets, account, request, stop).await.map_err(|e| {
            write_failure(self.endpoint(), "budgets:CreateBudgetAction", &hard_stop_needs(stop), e)
        })?;
        Ok(true)
    }

    /// Reads the budget named like `request` and plans what would make it the guard. Read-only.
    pub async fn plan_guard(&self, account: &str, request: &GuardRequest) -> Result<GuardPlan, AwsError> {
        let existing = self.read_budget(account, &request.name).await?;
        Ok(plan_guard(existing.as_ref(), request))
    }

    /// Makes the changes of `plan` (from [`Aws::plan_guard`]). Writes to the account.
    pub async fn apply_guard(
        &self,
        account: &str,
        request: &GuardRequest,
        plan: GuardPlan,
    ) -> Result<GuardOutcome, AwsError> {
        let budgets = aws_sdk_budgets::Client::new(self.sdk_config());
        // For calls whose failure is judged here, not retried blindly by the SDK: an endpoint
        // without the operation answers at once, and what is retried is chosen explicitly.
        let once = aws_sdk_budgets::Client::from_conf(
            aws_sdk_budgets::config::Builder::from(self.sdk_config())
                .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(1))
                .build(),
        );
        let w = Writer { aws: self, budgets: &budgets, once: &once, account, request };
        let mut recreated = false;
        for change in &plan.changes {
            match change {
                GuardChange::CreateBudget { .. } => w.create().await?,
                GuardChange::ReplaceBudget { .. } => {
                    w.delete().await?;
                    w.create().await?;
                }
                GuardChange::UpdateLimit { .. } => {
                    if w.update_limit().await? == Update::Missing {
                        // The endpoint has no UpdateBudget (an emulator): make the budget again,
                        // with every alert, which also settles every alert change planned after
                        // this one. Deleting a budget deletes its Budgets actions (the hard
                        // stop), so only a budget shown to have none is ever deleted.
                        w.refuse_if_it_has_actions().await?;
                        w.delete().await?;
                        w.create().await?;
                        recreated = true;
                        break;
                    }
                }
                GuardChange::AddAlert { alert } => w.add_alert(alert).await?,
                GuardChange::RemoveAlert { notification, .. } => {
                    if let Some(n) = notification {
                        w.remove_alert(n).await?;
                    }
                }
                GuardChange::AddSubscriber { alert, subscriber } => {
                    w.subscriber(alert, subscriber, true).await?
                }
                GuardChange::RemoveSubscriber { alert, subscriber } => {
                    w.subscriber(alert, subscriber, false).await?
                }
            }
        }
        Ok(GuardOutcome { plan, recreated })
    }

    async fn read_budget(&self, account: &str, name: &str) -> Result<Option<Budget>, AwsError> {
        let snapshot = self.collect(&BTreeSet::from([ResourceKind::Budgets]), account).await?;
        if let Some(error) = snapshot.budgets.error() {
            return Err(match error {
                CollectError::Denied { action, managed_policy, .. } => AwsError::Other {
                    operation: "DescribeBudgets".to_owned(),
                    message: format!("AWS denied {action}: attach {managed_policy}"),
                },
                CollectError::Failed { action, message } => {
                    AwsError::Other { operation: action.clone(), message: message.clone() }
                }
            });
        }
        Ok(snapshot.budgets.iter().find(|b| b.name == name).cloned())
    }
}

struct Writer<'a> {
    aws: &'a Aws,
    budgets: &'a aws_sdk_budgets::Client,
    once: &'a aws_sdk_budgets::Client,
    account: &'a str,
    request: &'a GuardRequest,
}

impl Writer<'_> {
    fn fail<E>(&self, operation: &str, err: SdkError<E>) -> AwsError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        write_failure(self.aws.endpoint(), operation, BUDGET_WRITES_NEED, err)
    }

    /// Stops before a delete that would take Budgets actions with it: the budget's actions are
    /// listed, and any action, or any answer but an empty list or "this endpoint has no such
    /// operation" (then it can hold no action), ends here with nothing deleted.
    async fn refuse_if_it_has_actions(&self) -> Result<(), AwsError> {
        let listed = self
            .once
            .describe_budget_actions_for_budget()
            .account_id(self.account)
            .budget_name(&self.request.name)
            .send()
            .await;
        match listed {
            Ok(out) if out.actions().is_empty() => Ok(()),
            Ok(out) => Err(AwsError::Other {
                operation: "budgets:UpdateBudget".to_owned(),
                message: format!(
                    "{} cannot update budget {} and re-creating it would delete its {} Budgets action(s) (the hard stop); nothing was changed: change the limit in the Billing console",
                    self.aws.endpoint(),
                    self.request.name,
                    out.actions().len()
                ),
            }),
            Err(e) if lacks_operation(&e) => Ok(()),
            Err(e) => Err(AwsError::Other {
                operation: "budgets:DescribeBudgetActionsForBudget".to_owned(),
                message: format!(
                    "cannot tell whether budget {} has Budgets actions, so it was not re-created (that would delete them); nothing was changed: {}",
                    self.request.name,
                    self.fail("budgets:DescribeBudgetActionsForBudget", e)
                ),
            }),
        }
    }

    fn budget(&self) -> b::Budget {
        b::Budget::builder()
            .budget_name(&self.request.name)
            .budget_limit(spend(self.request.limit, &self.request.unit))
            .budget_type(b::BudgetType::Cost)
            .time_unit(b::TimeUnit::Monthly)
            .build()
            .expect("name, type and time unit are set")
    }

    fn subscribers(&self) -> Vec<b::Subscriber> {
        self.request.subscribers.iter().map(subscriber).collect()
    }

    async fn create(&self) -> Result<(), AwsError> {
        let notifications = GUARD_ALERTS.iter().map(|a| {
            b::NotificationWithSubscribers::builder()
                .notification(notification(a.notification_type, a.threshold))
                .set_subscribers(Some(self.subscribers()))
                .build()
                .expect("notification and subscribers are set")
        });
        self.budgets
            .create_budget()
            .account_id(self.account)
            .budget(self.budget())
            .set_notifications_with_subscribers(Some(notifications.collect()))
            .send()
            .await
            .map_err(|e| self.fail("budgets:CreateBudget", e))?;
        Ok(())
    }

    async fn delete(&self) -> Result<(), AwsError> {
        self.budgets
            .delete_budget()
            .account_id(self.account)
            .budget_name(&self.request.name)
            .send()
            .await
            .map_err(|e| self.fail("budgets:DeleteBudget", e))?;
        Ok(())
    }

    /// [`Update::Missing`] only when the endpoint says it has no UpdateBudget (see
    /// [`lacks_operation`]). Every other failure — throttling, a server error, a 5xx without an
    /// AWS error code — is retried and then an error: a server error is never taken for a
    /// missing operation, since what follows a missing one is a delete.
    async fn update_limit(&self) -> Result<Update, AwsError> {
        const ATTEMPTS: u32 = 6;
        let mut attempt = 1;
        loop {
            match self.once.update_budget().account_id(self.account).new_budget(self.budget()).send().await {
                Ok(_) => return Ok(Update::Done),
                Err(e) if lacks_operation(&e) => return Ok(Update::Missing),
                Err(e) if attempt < ATTEMPTS && (is_transient(&e) || is_server_error(&e)) => {
                    // 100 ms, 200 ms, … 1.6 s: about 3 s in all before giving up.
                    tokio::time::sleep(std::time::Duration::from_millis(50 << attempt)).await;
                    attempt += 1;
                }
                Err(e) => {
                    let failure = self.fail("budgets:UpdateBudget", e);
                    return Err(AwsError::Other {
                        operation: "budgets:UpdateBudget".to_owned(),
                        message: format!(
                            "{failure}; the budget was left as it was (nothing deleted): run the command again"
                        ),
                    });
                }
            }
        }
    }

    async fn add_alert(&self, label: &str) -> Result<(), AwsError> {
        let alert = alert_by_label(label).expect("plans name guard alerts");
        self.budgets
            .create_notification()
            .account_id(self.account)
            .budget_name(&self.request.name)
            .notification(notification(alert.notification_type, alert.threshold))
            .set_subscribers(Some(self.subscribers()))
            .send()
            .await
            .map_err(|e| self.fail("budgets:CreateNotification", e))?;
        Ok(())
    }

    async fn remove_alert(&self, n: &BudgetNotification) -> Result<(), AwsError> {
        let held = b::Notification::builder()
            .notification_type(b::NotificationType::from(n.notification_type.as_str()))
            .comparison_operator(b::ComparisonOperator::from(n.comparison.as_str()))
            .threshold(n.threshold)
            .threshold_type(b::ThresholdType::from(n.threshold_type.as_str()))
            .build()
            .expect("type, operator and threshold are set");
        self.budgets
            .delete_notification()
            .account_id(self.account)
            .budget_name(&self.request.name)
            .notification(held)
            .send()
            .await
            .map_err(|e| self.fail("budgets:DeleteNotification", e))?;
        Ok(())
    }

    async fn subscriber(&self, label: &str, s: &Subscriber, add: bool) -> Result<(), AwsError> {
        let alert = alert_by_label(label).expect("plans name guard alerts");
        let n = notification(alert.notification_type, alert.threshold);
        if add {
            self.budgets
                .create_subscriber()
                .account_id(self.account)
                .budget_name(&self.request.name)
                .notification(n)
                .subscriber(subscriber(s))
                .send()
                .await
                .map_err(|e| self.fail("budgets:CreateSubscriber", e))?;
        } else {
            self.budgets
                .delete_subscriber()
                .account_id(self.account)
                .budget_name(&self.request.name)
                .notification(n)
                .subscriber(subscriber(s))
                .send()
                .await
                .map_err(|e| self.fail("budgets:DeleteSubscriber", e))?;
        }
        Ok(())
    }
}

/// The CreateBudgetAction call of the hard stop: apply the deny policy automatically (no
/// approval step) once ACTUAL spend passes 100%, and tell the guard's subscribers.
async fn create_hard_stop(
    budgets: &aws_sdk_budgets::Client,
    account: &str,
    request: &GuardRequest,
    stop: &HardStop,
) -> Result<(), SdkError<aws_sdk_budgets::operation::create_budget_action::CreateBudgetActionError>> {
    let mut definition = b::IamActionDefinition::builder().policy_arn(&stop.policy_arn);
    definition = match &stop.target {
        HardStopTarget::User(name) => definition.users(name),
        HardStopTarget::Role(name) => definition.roles(name),
    };
    budgets
        .create_budget_action()
        .account_id(account)
        .budget_name(&request.name)
        .notification_type(b::NotificationType::Actual)
        .action_type(b::ActionType::Iam)
        .action_threshold(
            b::ActionThreshold::builder()
                .action_threshold_value(100.0)
                .action_threshold_type(b::ThresholdType::Percentage)
                .build()
                .expect("value and type are set"),
        )
        .definition(
            b::Definition::builder()
                .iam_action_definition(definition.build().expect("policy ARN is set"))
                .build(),
        )
        .execution_role_arn(&stop.execution_role_arn)
        .approval_model(b::ApprovalModel::Auto)
        .set_subscribers(Some(request.subscribers.iter().map(subscriber).collect()))
        .send()
        .await?;
    Ok(())
}

/// What UpdateBudget answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Update {
    /// The limit was changed.
    Done,
    /// The endpoint has no UpdateBudget.
    Missing,
}

/// The permissions writing the guard budget and its alerts needs.
const BUDGET_WRITES_NEED: &str = "budgets:ModifyBudget (AWS managed policy AWSBudgetsActionsWithAWSResourceControlAccess, or an administrator)";

/// The permissions adding the hard stop needs: reading and creating Budgets actions, and handing
/// the execution role to AWS Budgets.
fn hard_stop_needs(stop: &HardStop) -> String {
    format!(
        "budgets:DescribeBudgetActionsForBudget and budgets:CreateBudgetAction, and iam:PassRole on {} (the role AWS Budgets assumes)",
        stop.execution_role_arn
    )
}

/// Whether the endpoint answered that it has no such operation: HTTP 501, an AWS error saying
/// the operation is unknown, or an emulator's own error page (moto, which lacks UpdateBudget
/// and the Budgets actions, answers with its web framework's 500 page; AWS never does). A 5xx
/// from AWS, with or without an error code, is a server error, not this.
fn lacks_operation<E>(err: &SdkError<E>) -> bool
where
    E: ProvideErrorMetadata,
{
    const UNKNOWN: &[&str] = &["UnknownOperationException", "InvalidAction", "NotImplemented"];
    let SdkError::ServiceError(s) = err else { return false };
    let status = s.raw().status().as_u16();
    let emulator_page = s.err().code().is_none()
        && status >= 500
        && s.raw().headers().get("server").is_some_and(|v| v.starts_with("Werkzeug/"));
    status == 501 || s.err().code().is_some_and(|c| UNKNOWN.contains(&c)) || emulator_page
}

/// Whether the endpoint answered with a server error (5xx), AWS error code or not.
fn is_server_error<E>(err: &SdkError<E>) -> bool {
    matches!(err, SdkError::ServiceError(s) if s.raw().status().as_u16() >= 500)
}

/// A failed write, explained: a denial names the permissions the write needs (`needs`).
fn write_failure<E>(endpoint: &str, operation: &str, needs: &str, err: SdkError<E>) -> AwsError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match classify(&err, operation, endpoint) {
        Classified::Fatal(e) => e,
        Classified::Denied(message) => AwsError::Other {
            operation: operation.to_owned(),
            message: format!("{message}. This needs {needs}"),
        },
        Classified::Failed(message) => AwsError::Other { operation: operation.to_owned(), message },
    }
}

fn spend(amount: f64, unit: &str) -> b::Spend {
    b::Spend::builder().amount(amount.to_string()).unit(unit).build().expect("amount and unit are set")
}

fn notification(kind: &str, threshold: f64) -> b::Notification {
    b::Notification::builder()
        .notification_type(b::NotificationType::from(kind))
        .comparison_operator(b::ComparisonOperator::GreaterThan)
        .threshold(threshold)
        .threshold_type(b::ThresholdType::Percentage)
        .build()
        .expect("type, operator and threshold are set")
}

fn subscriber(s: &Subscriber) -> b::Subscriber {
    let kind = match s {
        Subscriber::Email(_) => b::SubscriptionType::Email,
        Subscriber::Sns(_) => b::SubscriptionType::Sns,
    };
    b::Subscriber::builder()
        .subscription_type(kind)
        .address(s.address())
        .build()
        .expect("type and address are set")
}

#[cfg(test)]
mod tests {
    //! moto has no Budgets actions, so the hard stop's request is checked against a recorded
    //! answer of the real API served from loopback: what Sandpit sends is asserted field by field.
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;

    use sandpit_core::budget::Subscriber;

    use super::*;

    /// Serves one HTTP request with `body`, returning the request's headers and body.
    fn one_request(body: &'static str) -> (String, std::thread::JoinHandle<(String, String)>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let handle = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut headers = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" || line.is_empty() {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                headers.push_str(&line);
            }
            let mut request_body = vec![0; length];
            reader.read_exact(&mut request_body).unwrap();
            let mut stream = stream;
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
            (headers, String::from_utf8(request_body).unwrap())
        });
        (url, handle)
    }

    #[tokio::test]
    async fn the_hard_stop_applies_the_deny_policy_to_the_learner_at_100_percent() {
        // The shape of CreateBudgetAction's answer, as AWS returns it.
        let (url, server) = one_request(
            r#"{"AccountId":"123456789012","BudgetName":"sandpit-guard","ActionId":"9f0e1d2c-aaaa-bbbb-cccc-123456789012"}"#,
        );
        let config = aws_sdk_budgets::Config::builder()
            .behavior_version(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new("us-east-1"))
            .endpoint_url(url)
            .credentials_provider(aws_sdk_budgets::config::Credentials::new("k", "s", None, None, "test"))
            .build();
        let client = aws_sdk_budgets::Client::from_conf(config);
        let request = GuardRequest::new(
            "sandpit-guard",
            22.0,
            "USD",
            vec![Subscriber::email("team@example.com").unwrap()],
        )
        .unwrap();
        let stop = HardStop {
            execution_role_arn: "arn:aws:iam::123456789012:role/SandpitBudgetsAction".into(),
            policy_arn: "arn:aws:iam::123456789012:policy/SandpitHardStop".into(),
            target: HardStopTarget::User("alice".into()),
        };
        create_hard_stop(&client, "123456789012", &request, &stop).await.unwrap();
        let (headers, body) = server.join().unwrap();
        assert!(
            headers.to_ascii_lowercase().contains("x-amz-target: awsbudgetservicegateway.createbudgetaction"),
            "{headers}"
        );
        let sent: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(sent["BudgetName"], "sandpit-guard");
        assert_eq!(sent["NotificationType"], "ACTUAL");
        assert_eq!(sent["ActionType"], "APPLY_IAM_POLICY");
        assert_eq!(sent["ApprovalModel"], "AUTOMATIC");
        assert_eq!(sent["ActionThreshold"]["ActionThresholdValue"], 100.0);
        assert_eq!(sent["ActionThreshold"]["ActionThresholdType"], "PERCENTAGE");
        assert_eq!(sent["Definition"]["IamActionDefinition"]["PolicyArn"], stop.policy_arn);
        assert_eq!(sent["Definition"]["IamActionDefinition"]["Users"][0], "alice");
        assert_eq!(sent["ExecutionRoleArn"], stop.execution_role_arn);
        assert_eq!(sent["Subscribers"][0]["Address"], "team@example.com");
    }
}
