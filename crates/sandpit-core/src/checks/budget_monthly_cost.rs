//! `budget_monthly_cost` — a monthly COST budget exists, within the class allowance.

use serde::Deserialize;

use super::expect::Expectation;
use super::resolve::find_guard;
use super::{Check, CheckKind, build};
use crate::l10n;
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
        let spend =
            budget.actual_spend.map(|s| format!(", {s} {} spent so far", budget.unit)).unwrap_or_default();
        let spend_ko =
            budget.actual_spend.map(|s| format!(", 지금까지 {s} {} 사용", budget.unit)).unwrap_or_default();
        if budget.limit > max {
            return vec![
                Finding::fail(l10n!(
                    en: "budget {} allows {} {} a month, more than the allowance of {max}: its alerts come too late", budget.name, budget.limit, budget.unit;
                    ko: "예산 {}의 한도가 월 {} {}로 할당액 {max}보다 커서 알림이 너무 늦게 옵니다", budget.name, budget.limit, budget.unit
                ))
                .resource(budget.name.clone())
                .expected(format!("limit ≤ {max}"))
                .found(format!("{} {}", budget.limit, budget.unit))
                .hint(l10n!(
                    en: "Edit the budget amount to at most {max} (a little under the allowance leaves room for tax and exchange rates).";
                    ko: "예산 금액을 {max} 이하로 고치세요(세금과 환율을 생각해 할당액보다 조금 낮게)."
                )),
            ];
        }
        vec![
            Finding::pass(l10n!(
                en: "monthly cost budget {}: {} {}{spend}", budget.name, budget.limit, budget.unit;
                ko: "월별 비용 예산 {}: {} {}{spend_ko}", budget.name, budget.limit, budget.unit
            ))
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
