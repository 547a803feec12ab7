//! `sandpit cost`

use std::collections::BTreeSet;

use chrono::Utc;
use clap::Args;
use sandpit_core::cost::{FinalSnapshot, METER_KINDS, PriceTable, meter};

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};
use crate::output::{Text, pad, print_json};

/// `sandpit cost [--json] [--keep-final-snapshot]`
#[derive(Debug, Args)]
pub(crate) struct CostArgs {
    /// One JSON object instead of text
    #[arg(long)]
    json: bool,
    /// Plan RDS deletions with a final snapshot (kept, and billed, until you delete it)
    #[arg(long)]
    keep_final_snapshot: bool,
}

pub(crate) fn run(global: &GlobalArgs, args: &CostArgs) -> CmdResult {
    let snapshot = super::runtime().block_on(async {
        let aws = super::open(global).await?;
        let (_, snapshot) = aws.read(&BTreeSet::from(METER_KINDS)).await?;
        Ok::<_, Failure>(snapshot)
    })?;
    let final_snapshot = if args.keep_final_snapshot { FinalSnapshot::Keep } else { FinalSnapshot::Skip };
    let report = meter(&snapshot, PriceTable::builtin(), final_snapshot, Utc::now());
    let lang = global.lang;
    if args.json {
        let mut value = serde_json::to_value(&report).expect("cost reports serialize");
        // Notes in the reader's language, like every other --json output.
        for (step, json) in report.teardown.iter().zip(value["teardown"].as_array_mut().into_iter().flatten())
        {
            json["note"] = step.note.as_ref().map(|n| n.get(lang).to_owned()).into();
        }
        for (item, json) in report.items.iter().zip(value["items"].as_array_mut().into_iter().flatten()) {
            if let Some(note) = &item.note {
                json["note"] = note.get(lang).into();
            }
        }
        print_json(&value);
    } else {
        let t = Text::new(lang);
        println!(
            "{} {} · {} {} · {} {}",
            &t.say("cli-account"),
            report.account.as_deref().unwrap_or("?"),
            &t.say("cli-region"),
            report.region.as_deref().unwrap_or("?"),
            &t.say("cli-prices-of"),
            report.prices_as_of
        );
        if let Some(url) = &super::emulator(global) {
            println!("{}", t.paint("33", &format!("{} {url}", &t.say("cli-emulator-not-aws"))));
        }
        println!();
        if report.items.is_empty() {
            println!("{} {}", t.paint("32", "✔"), &t.say("cli-nothing-billable-by-the-hour"));
        }
        let money =
            |v: Option<f64>, digits: usize| v.map_or_else(|| "?".to_owned(), |v| format!("${v:.digits$}"));
        for item in &report.items {
            let running = item.running_hours.map(|h| {
                if h >= 48.0 {
                    format!("{:.1} {}", h / 24.0, &t.say("cli-days"))
                } else {
                    format!("{h:.1} h")
                }
            });
            println!(
                "{} {} {:>8}/h {:>8}/{}  {}{}",
                pad(&kind_label(item.kind, &t), 14),
                pad(&item.id, 26),
                money(item.hourly, 4),
                money(item.monthly, 2),
                &t.say("cli-mo"),
                item.detail,
                running.map(|r| format!(" · {} {r}", &t.say("cli-running"))).unwrap_or_default()
            );
            if let Some(note) = &item.note {
                println!("{} # {}", " ".repeat(14), note.get(lang));
            }
        }
        if !report.items.is_empty() {
            println!();
            println!(
                "{} ${:.4}/h ≈ ${:.2}/{}{}",
                &t.say("cli-total"),
                report.total_hourly,
                report.total_monthly,
                &t.say("cli-month"),
                if report.unpriced > 0 {
                    format!(" (+{} {})", report.unpriced, &t.say("cli-without-a-price"))
                } else {
                    String::new()
                }
            );
            println!("{}", &t.say("cli-estimates-from-on-demand-list"));
        }
        for what in &report.unreadable {
            println!("{} {} {what}", t.paint("35", "!"), &t.say("cli-could-not-read"));
        }
        if !report.teardown.is_empty() {
            println!();
            println!("{}", &t.say("cli-teardown-plan-run-in-this"));
            for (i, step) in report.teardown.iter().enumerate() {
                println!("{:>3}. {}", i + 1, step.command);
                if let Some(note) = &step.note {
                    println!("     # {}", note.get(lang));
                }
            }
        }
    }
    Ok(if report.items.is_empty() { Outcome::Success } else { Outcome::NotAllGood })
}

fn kind_label(kind: sandpit_core::cost::Billable, t: &Text) -> String {
    use sandpit_core::cost::Billable::*;
    match kind {
        NatGateway => t.say("cli-nat-gateway"),
        ElasticIp => t.say("cli-elastic-ip"),
        RdsInstance => t.say("cli-rds-instance"),
        LoadBalancer => t.say("cli-load-balancer"),
        Ec2Instance => t.say("cli-ec2-instance"),
    }
}
