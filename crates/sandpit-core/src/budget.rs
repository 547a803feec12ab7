//! The budget guard's state, judged from a snapshot: is the learner's spending watched, and is it
//! within the limit? Pure: `sandpit-aws` reads the budgets, this decides.

use serde::Serialize;

use crate::snapshot::{Budget, Snapshot};

/// The name `sandpit budget ensure` gives the guard budget.
pub const GUARD_NAME: &str = "sandpit-guard";

/// Whether spending is guarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GuardState {
    /// A monthly cost budget watches the account and spend is within its limit.
    Guarded,
    /// No monthly cost budget: nothing warns before the bill.
    Unguarded,
    /// Actual spend already passed the limit.
    OverLimit,
}

/// The guard budget, as `sandpit budget status` reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuardStatus {
    /// `guarded`, `unguarded` or `over-limit`.
    pub status: GuardState,
    /// The budget's name.
    pub name: Option<String>,
    /// Its monthly limit.
    pub limit: Option<f64>,
    /// The limit's unit.
    pub unit: Option<String>,
    /// Spend so far this month (AWS reports it hours late).
    pub actual: Option<f64>,
    /// Forecast spend for the month.
    pub forecast: Option<f64>,
    /// Its alerts, e.g. `ACTUAL GREATER_THAN 80%`.
    pub notifications: Vec<String>,
}

/// The guard: the budget named `name` if it is a monthly cost budget, else any monthly cost
/// budget (the strictest first).
pub fn guard_status(snapshot: &Snapshot, name: &str) -> GuardStatus {
    let monthly_cost = |b: &&Budget| b.budget_type == "COST" && b.time_unit == "MONTHLY";
    let budget =
        snapshot.budgets.iter().filter(monthly_cost).find(|b| b.name == name).or_else(|| {
            snapshot.budgets.iter().filter(monthly_cost).min_by(|a, b| a.limit.total_cmp(&b.limit))
        });
    let Some(b) = budget else {
        return GuardStatus {
            status: GuardState::Unguarded,
            name: None,
            limit: None,
            unit: None,
            actual: None,
            forecast: None,
            notifications: Vec::new(),
        };
    };
    let over = b.actual_spend.is_some_and(|spent| spent > b.limit);
    GuardStatus {
        status: if over { GuardState::OverLimit } else { GuardState::Guarded },
        name: Some(b.name.clone()),
        limit: Some(b.limit),
        unit: Some(b.unit.clone()),
        actual: b.actual_spend,
        forecast: b.forecast_spend,
        notifications: b
            .notifications
            .iter()
            .map(|n| {
                let unit = if n.threshold_type == "ABSOLUTE_VALUE" { "" } else { "%" };
                format!("{} {} {}{unit}", n.notification_type, n.comparison, n.threshold)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::fixtures::{Builder, budget_solved};

    #[test]
    fn no_budget_is_unguarded() {
        assert_eq!(guard_status(&Builder::empty().build(), GUARD_NAME).status, GuardState::Unguarded);
    }

    #[test]
    fn the_guard_within_its_limit_is_guarded_with_its_alerts() {
        let s = guard_status(&budget_solved().build(), GUARD_NAME);
        assert_eq!(s.status, GuardState::Guarded);
        assert_eq!((s.limit, s.unit.as_deref()), (Some(22.0), Some("USD")));
        assert_eq!(s.notifications[3], "FORECASTED GREATER_THAN 100%");
    }

    #[test]
    fn spend_past_the_limit_is_over_limit() {
        let mut b = budget_solved();
        b.snapshot().budgets.items_mut().unwrap()[0].actual_spend = Some(23.5);
        assert_eq!(guard_status(&b.build(), GUARD_NAME).status, GuardState::OverLimit);
    }

    #[test]
    fn an_annual_budget_does_not_guard_a_month() {
        let mut b = budget_solved();
        b.snapshot().budgets.items_mut().unwrap()[0].time_unit = "ANNUALLY".into();
        assert_eq!(guard_status(&b.build(), GUARD_NAME).status, GuardState::Unguarded);
    }
}
