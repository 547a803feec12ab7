//! `sandpit check <LAB>`

use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::Args;
use sandpit_core::engine::{self, BudgetGuard, StepFilter};
use sandpit_core::msg;
use sandpit_core::report::{FindingStatus, LabStatus, Report, StepStatus};
use sandpit_core::snapshot::Snapshot;

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};
use crate::output::{Text, pad, print_json};

/// `sandpit check <LAB> [--json] [--param KEY=VALUE]... [--step ID]...`
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The lab to check (see `sandpit labs`)
    lab: String,
    /// One JSON object instead of the report for people
    #[arg(long)]
    json: bool,
    /// Override a lab parameter, e.g. --param vpc_cidr=10.20.0.0/16 (repeatable)
    #[arg(long = "param", value_name = "KEY=VALUE", value_parser = parse_param)]
    params: Vec<(String, String)>,
    /// Check only this step (repeatable); the others are reported as skipped
    #[arg(long = "step", value_name = "ID")]
    steps: Vec<String>,
    /// Judge a saved snapshot instead of the account (offline)
    #[arg(long, value_name = "FILE", conflicts_with = "save_snapshot")]
    snapshot: Option<PathBuf>,
    /// Save what was read from the account as a snapshot file (evidence)
    #[arg(long, value_name = "FILE")]
    save_snapshot: Option<PathBuf>,
    /// Check a billable lab even though no budget guard watches the account (not advised)
    #[arg(long)]
    no_budget_guard: bool,
}

pub(crate) fn parse_param(raw: &str) -> Result<(String, String), String> {
    match raw.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(msg::text(crate::requested_lang(), "cli-param-not-key-value", &[("value", raw.into())])),
    }
}

pub(crate) fn run(global: &GlobalArgs, args: &CheckArgs) -> CmdResult {
    let labs = super::load_labs(global)?;
    let lab = labs.get(&args.lab)?;
    let params = lab.params(args.params.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let filter = StepFilter::only(lab, &args.steps)?;
    // Opened before the account is read: a bad database fails fast, and no check goes unkept.
    let mut recorder = super::progress::Recorder::open(global)?;

    let snapshot = match &args.snapshot {
        Some(path) => read_snapshot(path)?,
        None => super::runtime().block_on(async {
            let aws = super::open(global).await?;
            let (identity, snapshot) = aws.read(&lab.resource_kinds()).await?;
            recorder.caller(&identity);
            Ok::<_, Failure>(snapshot)
        })?,
    };
    if let Some(path) = &args.save_snapshot {
        super::write_json_atomically(path, &snapshot)?;
    }
    let guard = if args.no_budget_guard {
        if lab.billable {
            eprintln!("{}", &Text::new(global.lang).say("cli-warning-no-budget-guard-this"));
        }
        BudgetGuard::Override
    } else {
        BudgetGuard::Enforce
    };
    let report = engine::evaluate_with(lab, &params, &filter, &snapshot, Utc::now(), guard)?;
    recorder.record(&report, &snapshot)?;
    if args.json {
        print_json(&report.render(global.lang));
    } else {
        print_report(&report, Text::new(global.lang), global);
    }
    // A check of some steps succeeds when those steps pass; its verdict stays `partial`.
    Ok(if matches!(report.status, LabStatus::Pass | LabStatus::Partial) {
        Outcome::Success
    } else {
        Outcome::NotAllGood
    })
}

fn read_snapshot(path: &Path) -> Result<Snapshot, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::bad_input_said(msg!(
            "cli-cannot-read-snapshot",
            path = path.display().to_string(),
            detail = e.to_string()
        ))
    })?;
    serde_json::from_str(&text).map_err(|e| {
        Failure::bad_input_said(msg!(
            "cli-not-a-snapshot",
            place = format!("{}:{}:{}", path.display(), e.line(), e.column()),
            detail = e.to_string()
        ))
    })
}

fn print_report(report: &Report, t: Text, global: &GlobalArgs) {
    let lang = global.lang;
    let account = report.account.as_deref().unwrap_or("?");
    let region = report.region.as_deref().unwrap_or("?");
    println!("{} · {} {account} · {} {region}", report.lab, &t.say("cli-account"), &t.say("cli-region"));
    if let Some(url) = &super::emulator(global) {
        println!("{}", t.paint("33", &format!("{} {url}", &t.say("cli-emulator-not-aws"))));
    }
    println!();
    for step in &report.steps {
        let (mark, color) = match step.status {
            StepStatus::Pass => ("✔", "32"),
            StepStatus::Fail => ("✘", "31"),
            StepStatus::Error => ("!", "35"),
            StepStatus::Blocked => ("⛔", "33"),
            StepStatus::Skipped => ("·", "2"),
        };
        println!("{} {:<24} {}", t.paint(color, mark), step.id, step.title.get(lang));
        if step.status == StepStatus::Pass || step.status == StepStatus::Skipped {
            continue;
        }
        for f in &step.findings {
            let mark = match f.status {
                FindingStatus::Pass => continue,
                FindingStatus::Fail => t.paint("31", "✘"),
                FindingStatus::Error => t.paint("35", "!"),
                FindingStatus::Info => t.paint("36", "i"),
            };
            println!("    {mark} {}", f.message.get(lang));
            if let Some(r) = &f.resource {
                println!("        {} {r}", pad(&t.say("cli-resource"), 9));
            }
            if let Some(e) = &f.expected {
                println!("        {} {e}", pad(&t.say("cli-expected"), 9));
            }
            if let Some(found) = &f.found {
                println!("        {} {found}", pad(&t.say("cli-found"), 9));
            }
            if let Some(h) = &f.hint {
                println!("        {} {}", pad(&t.say("cli-hint"), 9), h.get(lang));
            }
        }
    }
    let s = report.summary;
    println!();
    let verdict = match report.status {
        LabStatus::Pass => t.paint("32", &t.say("cli-pass")),
        LabStatus::Fail => t.paint("31", &t.say("cli-fail")),
        LabStatus::Blocked => t.paint("33", &t.say("cli-blocked")),
        LabStatus::Error => t.paint("35", &t.say("cli-error")),
        LabStatus::Partial => t.paint("36", &t.say("cli-partly-checked")),
    };
    println!(
        "{verdict}  {} {}, {} {}, {} {}{}",
        s.passed,
        &t.say("cli-passed"),
        s.failed,
        &t.say("cli-failed"),
        s.errors,
        &t.say("cli-errors"),
        [(s.blocked, &t.say("cli-blocked-2")), (s.skipped, &t.say("cli-skipped"))]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, label)| format!(", {n} {label}"))
            .collect::<String>()
    );
    if report.checked_steps.is_some() {
        println!("{}", &t.say("cli-only-the-steps-asked-for"));
    }
}
