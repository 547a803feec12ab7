//! `budget_alerts` — the guard budget alerts on ACTUAL and FORECASTED spend, and tells someone.

use serde::Deserialize;

use super::expect::Expectation;
use super::resolve::find_guard;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{BudgetNotification, ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "budget_alerts",
    description: "The monthly cost budget has a notification of `type` (ACTUAL or FORECASTED) with at least one subscriber.",
    needs: &[ResourceKind::Budgets],
    build: build::<Alerts>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Alerts {
    max_limit: f64,
    #[serde(rename = "type")]
    notification_type: String,
}

fn describe(n: &BudgetNotification) -> String {
    let unit = if n.threshold_type == "ABSOLUTE_VALUE" { "" } else { "%" };
    format!("{} {} {}{unit}", n.notification_type, n.comparison, n.threshold)
}

impl Check for Alerts {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let budget = match find_guard(snap, self.max_limit) {
            Ok(b) => b,
            Err(finding) => return vec![*finding],
        };
        if let Some(error) = &budget.unreadable {
            let what = msg!("budget-alerts-unreadable", budget = &budget.name);
            return vec![crate::engine::denial_finding(what, error).resource(budget.name.clone())];
        }
        let kind = self.notification_type.to_ascii_uppercase();
        let matching: Vec<&BudgetNotification> =
            budget.notifications.iter().filter(|n| n.notification_type == kind).collect();
        let all: Vec<String> = budget.notifications.iter().map(describe).collect();
        if matching.is_empty() {
            let why = if kind == "FORECASTED" {
                msg!("budget-alerts-forecast-alert-warns-while")
            } else {
                msg!("budget-alerts-actual-spend-alert-says")
            };
            return vec![
                Finding::fail(msg!(
                    "budget-alerts-budget-no-alert",
                    budget = &budget.name,
                    kind = &kind,
                    why = &why
                ))
                .resource(budget.name.clone())
                .expected(format!("{kind} GREATER_THAN …%"))
                .found(if all.is_empty() { "no notification".to_owned() } else { all.join(", ") })
                .hint(msg!(
                    "budget-alerts-budget-no-alert-hint",
                    budget = &budget.name,
                    kind = &kind
                )),
            ];
        }
        let mut findings = vec![
            Finding::pass(msg!(
                "budget-alerts-budget-alerts",
                budget = &budget.name,
                alerts = matching.iter().map(|n| describe(n)).collect::<Vec<_>>().join(", ")
            ))
            .resource(budget.name.clone())
            .found(all.join(", ")),
        ];
        for n in matching {
            match (&n.subscribers, &n.subscribers_unlisted) {
                (Some(subs), _) if subs.is_empty() => findings.push(
                    Finding::fail(msg!(
                        "budget-alerts-alert-tells-nobody",
                        alert = describe(n),
                        budget = &budget.name
                    ))
                    .resource(budget.name.clone())
                    .expected("at least one subscriber (email or SNS)")
                    .found("no subscriber"),
                ),
                (Some(_), _) => {}
                (None, why) => findings.push(
                    Finding::info(match why.as_deref() {
                        Some(why) => {
                            msg!("budget-alerts-receivers-unreadable", alert = describe(n), why = why)
                        }
                        None => msg!("budget-alerts-receivers-unknown", alert = describe(n)),
                    })
                    .resource(budget.name.clone()),
                ),
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, budget_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args(t: &str) -> toml::Table {
        toml::toml! { max_limit = 22.0 type = t }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("budget_alerts", args("ACTUAL"), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn a_budget_whose_alerts_cannot_be_read_is_an_error_naming_the_action() {
        let mut b = budget_solved();
        let budget = &mut b.snapshot().budgets.items_mut().unwrap()[0];
        budget.notifications.clear();
        budget.unreadable = Some(crate::snapshot::CollectError::Failed {
            action: "budgets:ViewBudget".into(),
            message: "ServiceUnavailable".into(),
        });
        let f = run("budget_alerts", args("ACTUAL"), b.snapshot());
        assert_eq!(statuses(&f), [Error]);
        assert!(f[0].message.en.contains("budgets:ViewBudget"), "{f:?}");
    }

    #[test]
    fn solved_has_both_kinds() {
        let mut b = budget_solved();
        assert_eq!(statuses(&run("budget_alerts", args("ACTUAL"), b.snapshot())), [Pass]);
        assert_eq!(statuses(&run("budget_alerts", args("forecasted"), b.snapshot())), [Pass]);
    }

    #[test]
    fn a_missing_forecast_alert_fails_and_unlisted_subscribers_are_info() {
        let mut b = budget_solved();
        b.snapshot().budgets.items_mut().unwrap()[0]
            .notifications
            .retain(|n| n.notification_type == "ACTUAL");
        assert_eq!(statuses(&run("budget_alerts", args("FORECASTED"), b.snapshot())), [Fail]);
        for n in &mut b.snapshot().budgets.items_mut().unwrap()[0].notifications {
            n.subscribers = None;
            n.subscribers_unlisted = Some("DescribeSubscribersForNotification is not available".into());
        }
        assert_eq!(statuses(&run("budget_alerts", args("ACTUAL"), b.snapshot())), [Pass, Info, Info, Info]);
        b.snapshot().budgets.items_mut().unwrap()[0].notifications[0].subscribers = Some(vec![]);
        assert_eq!(statuses(&run("budget_alerts", args("ACTUAL"), &b.build())), [Pass, Fail, Info, Info]);
    }
}
