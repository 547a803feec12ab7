//! `budget_monthly_cost` — a monthly COST budget exists, within the class allowance.

use serde::Deserialize;

use super::expect::Expectation;
use super::resolve::find_guard;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "budget_monthly_cost",
    description: "A COST budget with a MONTHLY period exists and its limit is at most `max_limit`.",
    needs: &[ResourceKind::Budgets],
    build: build::<MonthlyCost>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthlyCost {
    max_limit: f64,
}

impl Check for MonthlyCost {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let max = self.max_limit;
        let budget = match find_guard(snap, max) {
            Ok(b) => b,
            Err(finding) => return vec![*finding],
        };
        if budget.limit > max {
            return vec![
                Finding::fail(msg!(
                    "budget-monthly-cost-budget-allows-month-more",
                    budget = &budget.name,
                    limit = &budget.limit,
                    unit = &budget.unit,
                    max = &max
                ))
                .resource(budget.name.clone())
                .expected(format!("limit ≤ {max}"))
                .found(format!("{} {}", budget.limit, budget.unit))
                .hint(msg!("budget-monthly-cost-budget-allows-month-more-hint", max = &max)),
            ];
        }
        vec![
            Finding::pass(match budget.actual_spend {
                Some(spent) => msg!(
                    "budget-monthly-cost-in-place-spent",
                    budget = &budget.name,
                    limit = budget.limit,
                    unit = &budget.unit,
                    spent = spent
                ),
                None => msg!(
                    "budget-monthly-cost-in-place",
                    budget = &budget.name,
                    limit = budget.limit,
                    unit = &budget.unit
                ),
            })
            .resource(budget.name.clone())
            .found(format!("{} {} MONTHLY", budget.limit, budget.unit)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, budget_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { max_limit = 22.0 }
    }

    #[test]
    fn empty_solved_too_high_many() {
        assert_eq!(statuses(&run("budget_monthly_cost", args(), &Builder::empty().build())), [Fail]);
        let mut b = budget_solved();
        assert_eq!(statuses(&run("budget_monthly_cost", args(), b.snapshot())), [Pass]);
        b.snapshot().budgets.items_mut().unwrap()[0].limit = 100.0;
        let f = run("budget_monthly_cost", args(), b.snapshot());
        assert_eq!((statuses(&f), f[0].found.as_deref()), (vec![Fail], Some("100 USD")));
        let mut many = budget_solved();
        for i in 0..10 {
            let mut other = many.snapshot().budgets.items().unwrap()[0].clone();
            other.name = format!("b{i}");
            other.time_unit = "ANNUALLY".into();
            many.snapshot().budgets.items_mut().unwrap().push(other);
        }
        assert_eq!(statuses(&run("budget_monthly_cost", args(), &many.build())), [Pass]);
    }
}
