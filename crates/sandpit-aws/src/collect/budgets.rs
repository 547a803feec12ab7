//! AWS Budgets: budgets, their alerts and the alerts' subscribers.

use std::collections::HashMap;

use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, empty_if_not_found, raw_items, retry_unless_missing};
use crate::error::{AwsError, Classified, classify};
use serde::{Deserialize, Serialize};

impl Collect for Budget {
    /// Budgets, each budget's alerts, and each alert's subscribers: three rounds of calls, each
    /// round concurrent — or one round while the last read's [`Hints`](crate::warm::Hints) hold, since the alerts
    /// and subscribers of the budgets it saw are asked for next to the budget list (the list
    /// and each budget's alerts decide which answers count). Subscribers that cannot be listed
    /// (some emulators lack the call) are recorded as such, not guessed; the lookup is retried
    /// like any call, except when the endpoint answers that it lacks the operation (a retry
    /// would not bring it back).
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let Some(account) = c.account.clone().await else {
            return Err(Failure {
                action: BUDGETS_VIEW,
                classified: Classified::Fatal(AwsError::Other {
                    operation: "sts:GetCallerIdentity".into(),
                    message: "the account id is unknown".into(),
                }),
            });
        };
        let account = account.as_str();
        let hinted: Vec<BudgetHint> = c.hints.get(ResourceKind::Budgets);
        let early = futures::future::join_all(hinted.iter().map(|hint| async move {
            let alerts = futures::future::join_all(
                hint.alerts.iter().filter_map(|key| Some((key, key.to_notification()?))).map(
                    |(key, n)| async move { (key.clone(), c.subscribers(account, &hint.name, n).await) },
                ),
            );
            let (notifications, alerts) = tokio::join!(c.notifications(account, &hint.name), alerts);
            (hint.name.as_str(), (notifications, alerts))
        }));
        // An account that never made a budget answers NotFound rather than an empty list.
        let (items, early) = tokio::join!(
            async {
                empty_if_not_found(raw_items!(c.budgets.describe_budgets().account_id(account)))
                    .map_err(|e| c.fail(BUDGETS_VIEW, e))
            },
            early
        );
        let items: Vec<aws_sdk_budgets::types::Budget> = items?;
        let mut early: HashMap<&str, _> = early.into_iter().collect();
        let budgets = items.iter().map(|b| {
            let known = early.remove(b.budget_name());
            let alerts = async move {
                let (notifications, mut known_alerts) = match known {
                    Some((notifications, alerts)) => (notifications?, alerts),
                    None => (c.notifications(account, b.budget_name()).await?, Vec::new()),
                };
                // Each alert's subscribers at once: one round of calls, however many alerts.
                let alerts = notifications.iter().map(|n| {
                    let key = AlertKey::of(n);
                    let known = known_alerts
                        .iter()
                        .position(|(hinted, _)| *hinted == key)
                        .map(|i| known_alerts.swap_remove(i).1);
                    async move {
                        let (subscribers, subscribers_unlisted) = match known {
                            Some(found) => found?,
                            None => c.subscribers(account, b.budget_name(), n.clone()).await?,
                        };
                        Ok::<_, Failure>(BudgetNotification {
                            notification_type: key.notification_type,
                            comparison: key.comparison,
                            threshold: key.threshold,
                            threshold_type: key.threshold_type,
                            subscribers,
                            subscribers_unlisted,
                        })
                    }
                });
                futures::future::join_all(alerts).await.into_iter().collect::<Result<Vec<_>, _>>()
            };
            async move {
                // A budget whose alerts cannot be read is kept, marked: the others are judged.
                let (notifications, unreadable) = match alerts.await {
                    Ok(alerts) => (alerts, None),
                    Err(failure) => {
                        (Vec::new(), Some(failure.unreadable(ResourceKind::Budgets.managed_policy())?))
                    }
                };
                let spend = |s: Option<&aws_sdk_budgets::types::Spend>| {
                    s.and_then(|s| s.amount().parse::<f64>().ok())
                };
                Ok::<_, Failure>(Budget {
                    name: b.budget_name().to_owned(),
                    budget_type: b.budget_type().as_str().to_owned(),
                    time_unit: b.time_unit().as_str().to_owned(),
                    limit: spend(b.budget_limit()).unwrap_or(0.0),
                    unit: b.budget_limit().map(|s| s.unit().to_owned()).unwrap_or_default(),
                    actual_spend: spend(b.calculated_spend().and_then(|c| c.actual_spend())),
                    forecast_spend: spend(b.calculated_spend().and_then(|c| c.forecasted_spend())),
                    notifications,
                    unreadable,
                })
            }
        });
        futures::future::join_all(budgets).await.into_iter().collect()
    }

    /// Each budget's name with the keys of its alerts: the next read asks for the alerts and
    /// their subscribers next to its budget list.
    fn hint(budgets: &[Self]) -> Option<serde_json::Value> {
        let hints: Vec<BudgetHint> = budgets
            .iter()
            .map(|b| BudgetHint {
                name: b.name.clone(),
                alerts: b
                    .notifications
                    .iter()
                    .map(|n| AlertKey {
                        notification_type: n.notification_type.clone(),
                        comparison: n.comparison.clone(),
                        threshold: n.threshold,
                        threshold_type: n.threshold_type.clone(),
                    })
                    .collect(),
            })
            .collect();
        serde_json::to_value(hints).ok()
    }
}

/// A budget and the keys of its alerts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct BudgetHint {
    pub(crate) name: String,
    pub(crate) alerts: Vec<AlertKey>,
}

/// What identifies a budget alert to the Budgets API (its subscribers are looked up by it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AlertKey {
    pub(crate) notification_type: String,
    pub(crate) comparison: String,
    pub(crate) threshold: f64,
    pub(crate) threshold_type: String,
}

impl AlertKey {
    /// The key of an alert as the Budgets API returned it.
    pub(crate) fn of(n: &aws_sdk_budgets::types::Notification) -> Self {
        Self {
            notification_type: n.notification_type().as_str().to_owned(),
            comparison: n.comparison_operator().as_str().to_owned(),
            threshold: n.threshold(),
            threshold_type: n
                .threshold_type()
                .map_or_else(|| "PERCENTAGE".to_owned(), |t| t.as_str().to_owned()),
        }
    }

    /// The alert to ask the Budgets API about.
    pub(crate) fn to_notification(&self) -> Option<aws_sdk_budgets::types::Notification> {
        use aws_sdk_budgets::types::{ComparisonOperator, Notification, NotificationType, ThresholdType};
        Notification::builder()
            .notification_type(NotificationType::from(self.notification_type.as_str()))
            .comparison_operator(ComparisonOperator::from(self.comparison.as_str()))
            .threshold(self.threshold)
            .threshold_type(ThresholdType::from(self.threshold_type.as_str()))
            .build()
            .ok()
    }
}

impl Collector<'_> {
    /// One budget's alerts (none when the budget is gone).
    async fn notifications(
        &self,
        account: &str,
        budget: &str,
    ) -> Result<Vec<aws_sdk_budgets::types::Notification>, Failure> {
        empty_if_not_found(raw_items!(
            self.budgets.describe_notifications_for_budget().account_id(account).budget_name(budget)
        ))
        .map_err(|e| self.fail(BUDGETS_VIEW, e))
    }

    /// Who one alert tells: the subscribers, or why they could not be listed.
    async fn subscribers(
        &self,
        account: &str,
        budget: &str,
        notification: aws_sdk_budgets::types::Notification,
    ) -> Result<(Option<Vec<String>>, Option<String>), Failure> {
        let subscribers: Result<Vec<aws_sdk_budgets::types::Subscriber>, _> =
            retry_unless_missing(|| async {
                raw_items!(
                    self.budgets_single_try
                        .describe_subscribers_for_notification()
                        .account_id(account)
                        .budget_name(budget)
                        .notification(notification.clone())
                )
            })
            .await;
        match subscribers {
            Ok(subs) => Ok((
                Some(
                    subs.iter()
                        .map(|s| format!("{} {}", s.subscription_type().as_str(), s.address()))
                        .collect(),
                ),
                None,
            )),
            Err(e) => match classify(&e, BUDGETS_VIEW, self.endpoint) {
                Classified::Fatal(err) => {
                    Err(Failure { action: BUDGETS_VIEW, classified: Classified::Fatal(err) })
                }
                Classified::Denied(m) | Classified::Failed(m) => Ok((None, Some(m))),
            },
        }
    }
}

/// The IAM action behind every Budgets read.
const BUDGETS_VIEW: &str = "budgets:ViewBudget";
