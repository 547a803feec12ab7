//! `sandpit budget …`

use std::collections::BTreeSet;

use clap::{Args, Subcommand};
use sandpit_core::budget::{GUARD_NAME, GuardState, guard_status};
use sandpit_core::snapshot::{CollectError, ResourceKind};

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};
use crate::output::{Text, pad, print_json};

/// `sandpit budget`
#[derive(Debug, Subcommand)]
pub(crate) enum BudgetCommand {
    /// Is spending guarded? Exit 0 guarded, 1 unguarded or over the limit
    Status(StatusArgs),
}

/// `sandpit budget status [--json] [--name NAME]`
#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    /// One JSON object instead of text
    #[arg(long)]
    json: bool,
    /// The guard budget's name (any monthly cost budget counts when none has this name)
    #[arg(long, default_value = GUARD_NAME)]
    name: String,
}

pub(crate) fn run(global: &GlobalArgs, cmd: &BudgetCommand) -> CmdResult {
    let BudgetCommand::Status(args) = cmd;
    let snapshot = super::runtime().block_on(async {
        let (aws, identity) = super::connect(global).await?;
        Ok::<_, Failure>(aws.collect(&BTreeSet::from([ResourceKind::Budgets]), &identity.account).await?)
    })?;
    match snapshot.budgets.error() {
        Some(CollectError::Denied { action, managed_policy, .. }) => {
            return Err(Failure::aws(format!(
                "cannot read AWS Budgets: AWS denied {action}; attach {managed_policy} (or labs/policies/sandpit-checker.json)"
            )));
        }
        Some(CollectError::Failed { action, message }) => {
            return Err(Failure::aws(format!("cannot read AWS Budgets: {action} failed: {message}")));
        }
        None => {}
    }
    let status = guard_status(&snapshot, &args.name);
    if args.json {
        print_json(&status);
    } else {
        let t = Text::new(global.lang);
        let state = match status.status {
            GuardState::Guarded => t.paint("32", t.pick("guarded", "보호 중")),
            GuardState::Unguarded => t.paint("31", t.pick("unguarded", "보호 없음")),
            GuardState::OverLimit => t.paint("31", t.pick("over the limit", "한도 초과")),
        };
        println!("{} {state}", pad(t.pick("budget", "예산"), 10));
        if let (Some(name), Some(limit), Some(unit)) = (&status.name, status.limit, &status.unit) {
            println!("{} {name}: {limit} {unit}/{}", pad(t.pick("guard", "가드"), 10), t.pick("month", "월"));
            let money = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v} {unit}"));
            println!("{} {}", pad(t.pick("actual", "실제"), 10), money(status.actual));
            println!("{} {}", pad(t.pick("forecast", "예측"), 10), money(status.forecast));
            println!("{} {}", pad(t.pick("alerts", "알림"), 10), status.notifications.join(", "));
        } else {
            println!(
                "{}",
                t.pick(
                    "No monthly cost budget watches this account: do the budget-guard lab (sandpit check budget-guard).",
                    "이 계정을 지켜보는 월별 비용 예산이 없습니다. budget-guard 실습을 하세요(sandpit check budget-guard)."
                )
            );
        }
    }
    Ok(if status.status == GuardState::Guarded { Outcome::Success } else { Outcome::NotAllGood })
}
