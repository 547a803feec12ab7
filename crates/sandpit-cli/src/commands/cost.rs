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
            t.pick("account", "계정"),
            report.account.as_deref().unwrap_or("?"),
            t.pick("region", "리전"),
            report.region.as_deref().unwrap_or("?"),
            t.pick("prices of", "가격 기준일"),
            report.prices_as_of
        );
        if let Some(url) = &super::emulator(global) {
            println!(
                "{}",
                t.paint(
                    "33",
                    &format!("{} {url}", t.pick("⚠ emulator, not AWS:", "⚠ AWS가 아닌 에뮬레이터:"))
                )
            );
        }
        println!();
        if report.items.is_empty() {
            println!(
                "{} {}",
                t.paint("32", "✔"),
                t.pick(
                    "Nothing billable by the hour is running in this region.",
                    "이 리전에서 시간당 요금이 나오는 리소스가 없습니다."
                )
            );
        }
        let money =
            |v: Option<f64>, digits: usize| v.map_or_else(|| "?".to_owned(), |v| format!("${v:.digits$}"));
        for item in &report.items {
            let running = item.running_hours.map(|h| {
                if h >= 48.0 {
                    format!("{:.1} {}", h / 24.0, t.pick("days", "일"))
                } else {
                    format!("{h:.1} h")
                }
            });
            println!(
                "{} {} {:>8}/h {:>8}/{}  {}{}",
                pad(kind_label(item.kind, &t), 14),
                pad(&item.id, 26),
                money(item.hourly, 4),
                money(item.monthly, 2),
                t.pick("mo", "월"),
                item.detail,
                running.map(|r| format!(" · {} {r}", t.pick("running", "실행"))).unwrap_or_default()
            );
            if let Some(note) = &item.note {
                println!("{} # {}", " ".repeat(14), note.get(lang));
            }
        }
        if !report.items.is_empty() {
            println!();
            println!(
                "{} ${:.4}/h ≈ ${:.2}/{}{}",
                t.pick("Total", "합계"),
                report.total_hourly,
                report.total_monthly,
                t.pick("month", "월"),
                if report.unpriced > 0 {
                    format!(" (+{} {})", report.unpriced, t.pick("without a price", "가격 정보 없음"))
                } else {
                    String::new()
                }
            );
            println!(
                "{}",
                t.pick(
                    "Estimates from on-demand list prices (storage, traffic and taxes not included). AWS Billing shows the real bill hours later.",
                    "온디맨드 정가로 계산한 추정치입니다(스토리지·트래픽·세금 제외). 실제 청구액은 몇 시간 뒤 AWS Billing에 나옵니다."
                )
            );
        }
        for what in &report.unreadable {
            println!("{} {} {what}", t.paint("35", "!"), t.pick("could not read", "읽지 못함:"));
        }
        if !report.teardown.is_empty() {
            println!();
            println!(
                "{}",
                t.pick("Teardown plan (run in this order):", "정리 계획(이 순서대로 실행하세요):")
            );
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

fn kind_label(kind: sandpit_core::cost::Billable, t: &Text) -> &'static str {
    use sandpit_core::cost::Billable::*;
    match kind {
        NatGateway => t.pick("NAT gateway", "NAT 게이트웨이"),
        ElasticIp => t.pick("Elastic IP", "탄력적 IP"),
        RdsInstance => t.pick("RDS instance", "RDS 인스턴스"),
        LoadBalancer => t.pick("load balancer", "로드 밸런서"),
        Ec2Instance => t.pick("EC2 instance", "EC2 인스턴스"),
    }
}
