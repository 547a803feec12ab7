//! `sandpit progress …`: what the progress store holds, and the [`Recorder`] that `sandpit check`
//! uses to keep every check. Glue only: the store, its queries and exports are `sandpit-store`.
//!
//! The database is `--database-url` / `SANDPIT_DATABASE_URL` when given, else
//! `<data dir>/sandpit.db`. A malformed URL exits 2 naming the flag; a database that cannot be
//! reached exits 3.

use std::path::PathBuf;

use chrono::Utc;
use clap::builder::TypedValueParser as _;
use clap::{Args, Subcommand};
use sandpit_aws::Identity;
use sandpit_core::report::{LabStatus, Report};
use sandpit_core::snapshot::Snapshot;
use sandpit_store::export::{ExportFormat, write_atomically};
use sandpit_store::{Attempt, AttemptFilter, OFFLINE_CALLER, Store, StoreError};
use serde_json::json;

use sandpit_core::msg::{Explain, Place};

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};
use crate::output::{Text, pad, print_json};

/// `sandpit progress [--lab LAB] [--json]`, `sandpit progress export|verify|evidence …`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct ProgressArgs {
    #[command(subcommand)]
    command: Option<ProgressCommand>,
    /// Only this lab
    #[arg(long, value_name = "LAB")]
    lab: Option<String>,
    /// One JSON document instead of the table
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum ProgressCommand {
    /// Write progress and every recorded check to a file: JSON, CSV, or an HTML report to hand in
    Export {
        /// The file format
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(["json", "csv", "html"])
            .map(|s| s.parse::<ExportFormat>().expect("restricted to known formats")))]
        format: ExportFormat,
        /// Where to write it (replaced atomically)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only this lab
        #[arg(long, value_name = "LAB")]
        lab: Option<String>,
    },
    /// Recompute each check's evidence hash from the stored snapshot and compare it with the
    /// recorded one (the hash printed in exports)
    Verify {
        /// Only this lab
        #[arg(long, value_name = "LAB")]
        lab: Option<String>,
        /// One JSON document instead of text
        #[arg(long)]
        json: bool,
    },
    /// Write the snapshot a check judged (its evidence) to a file: `sha256sum FILE` gives the
    /// exported hash, and `sandpit check LAB --snapshot FILE` judges it again
    Evidence {
        /// The attempt id (see `sandpit progress export`)
        id: i64,
        /// Where to write the snapshot JSON
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// A store error as a CLI failure: configuration → exit 2, unreachable → exit 3.
pub(crate) fn failure(err: StoreError, _global: &GlobalArgs) -> Failure {
    let said = err.explain(Place::Cli);
    if err.is_configuration() { Failure::bad_input_said(said) } else { Failure::aws_said(said) }
}

fn database_url(global: &GlobalArgs) -> Option<&str> {
    global.database_url.as_deref().map(str::trim).filter(|url| !url.is_empty())
}

/// Opens the store of the global options on `rt` (its connections live on that runtime).
fn open(rt: &tokio::runtime::Runtime, global: &GlobalArgs) -> Result<Store, Failure> {
    let data_dir = sandpit_core::paths::data_dir(global.data_dir.as_deref());
    rt.block_on(Store::open_or_default(database_url(global), &data_dir)).map_err(|e| failure(e, global))
}

/// Keeps the checks of one `sandpit check` run. Opened before anything is collected, so a bad
/// database URL fails before the account is read and no check goes unrecorded.
pub(crate) struct Recorder {
    rt: tokio::runtime::Runtime,
    store: Store,
    caller: String,
    global: GlobalArgs,
}

impl Recorder {
    /// Opens the store named by the global options.
    pub(crate) fn open(global: &GlobalArgs) -> Result<Self, Failure> {
        // A runtime of its own: the pool's connections belong to the runtime that opened them.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Failure::bad_input(format!("cannot start the async runtime: {e}")))?;
        let store = open(&rt, global)?;
        Ok(Recorder { rt, store, caller: OFFLINE_CALLER.to_owned(), global: global.clone() })
    }

    /// Names who runs the check. Without it (a `--snapshot` run) the caller is `offline`.
    pub(crate) fn caller(&mut self, identity: &Identity) {
        self.caller = identity.arn.clone();
    }

    /// Records one evaluated check with the snapshot it judged.
    pub(crate) fn record(&self, report: &Report, snapshot: &Snapshot) -> Result<(), Failure> {
        let attempt = Attempt::new(report, snapshot, &self.caller);
        self.rt.block_on(self.store.record_attempt(&attempt)).map(drop).map_err(|e| failure(e, &self.global))
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.rt.block_on(self.store.close());
    }
}

/// Records that a lesson was opened. Reading a lesson never fails on the store: a problem with
/// it is a warning.
pub(crate) fn lesson_opened(global: &GlobalArgs, lesson_id: &str) {
    let data_dir = sandpit_core::paths::data_dir(global.data_dir.as_deref());
    let recorded: Result<(), StoreError> = super::runtime().block_on(async {
        let store = Store::open_or_default(database_url(global), &data_dir).await?;
        let result = store.record_lesson_opened(lesson_id, global.lang).await;
        store.close().await;
        result
    });
    if let Err(err) = recorded {
        eprintln!("warning: this lesson was not recorded as opened: {err}");
    }
}

pub(crate) fn run(global: &GlobalArgs, args: &ProgressArgs) -> CmdResult {
    let rt = super::runtime();
    let store = open(&rt, global)?;
    let result = match &args.command {
        None => show(&rt, &store, global, args.lab.as_deref(), args.json),
        Some(ProgressCommand::Export { format, out, lab }) => {
            export(&rt, &store, global, *format, out, lab.as_deref())
        }
        Some(ProgressCommand::Verify { lab, json }) => verify(&rt, &store, global, lab.as_deref(), *json),
        Some(ProgressCommand::Evidence { id, out }) => evidence(&rt, &store, global, *id, out),
    };
    rt.block_on(store.close());
    result
}

fn show(
    rt: &tokio::runtime::Runtime,
    store: &Store,
    global: &GlobalArgs,
    lab: Option<&str>,
    as_json: bool,
) -> CmdResult {
    let labs = rt.block_on(store.progress(lab)).map_err(|e| failure(e, global))?;
    let lessons = rt.block_on(store.lesson_progress()).map_err(|e| failure(e, global))?;
    if as_json {
        print_json(&json!({ "database": store.describe(), "labs": labs, "lessons": lessons }));
        return Ok(Outcome::Success);
    }
    let t = Text::new(global.lang);
    println!("{} · {}", &t.say("cli-progress"), store.describe());
    println!();
    if labs.is_empty() {
        match lab {
            Some(lab) => println!("{} `{lab}`.", &t.say("cli-no-check-recorded-for")),
            None => println!("{}", &t.say("cli-no-check-recorded-yet-sandpit")),
        }
    } else {
        let width = labs.iter().map(|p| p.lab.chars().count()).max().unwrap_or(0).max(4) + 2;
        let headers = [
            &t.say("cli-steps"),
            &t.say("cli-best"),
            &t.say("cli-latest"),
            &t.say("cli-first-passed"),
            &t.say("cli-attempts"),
        ];
        println!(
            "{}{}{}{}{}{}",
            pad(&t.say("cli-lab"), width),
            pad(headers[0], 8),
            pad(headers[1], 12),
            pad(headers[2], 12),
            pad(headers[3], 22),
            headers[4]
        );
        for p in &labs {
            let first = p.first_passed_at.map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string());
            println!(
                "{}{}{}{}{}{}",
                pad(&p.lab, width),
                pad(&format!("{}/{}", p.steps_done, p.steps_total), 8),
                status(t, p.best_status, 12),
                status(t, p.latest_status, 12),
                pad(first.as_deref().unwrap_or("—"), 22),
                p.attempts
            );
        }
    }
    if !lessons.is_empty() && lab.is_none() {
        let answered: u64 = lessons.iter().map(|l| l.questions_answered).sum();
        let correct: u64 = lessons.iter().map(|l| l.questions_correct).sum();
        let opened = lessons.iter().filter(|l| l.opens > 0).count();
        println!();
        println!(
            "{} {opened} · {} {correct}/{answered}",
            &t.say("cli-lessons-opened"),
            &t.say("cli-quiz-questions-correct")
        );
    }
    Ok(Outcome::Success)
}

/// A verdict in its color, padded to `width` columns.
fn status(t: Text, status: LabStatus, width: usize) -> String {
    let (label, color) = match status {
        LabStatus::Pass => (&t.say("cli-pass-2"), "32"),
        LabStatus::Fail => (&t.say("cli-fail-2"), "31"),
        LabStatus::Blocked => (&t.say("cli-blocked-2"), "33"),
        LabStatus::Error => (&t.say("cli-error-2"), "35"),
        LabStatus::Partial => (&t.say("cli-partial"), "36"),
    };
    // Pad first: the color codes take no columns.
    let padded = pad(label, width);
    let rest = &padded[label.len()..];
    format!("{}{rest}", t.paint(color, label))
}

fn export(
    rt: &tokio::runtime::Runtime,
    store: &Store,
    global: &GlobalArgs,
    format: ExportFormat,
    out: &std::path::Path,
    lab: Option<&str>,
) -> CmdResult {
    let filter = AttemptFilter::lab(lab);
    let export = rt.block_on(store.export(&filter, Utc::now())).map_err(|e| failure(e, global))?;
    let text = export.render(format, global.lang).map_err(|e| failure(e, global))?;
    write_atomically(out, text.as_bytes()).map_err(Failure::bad_input)?;
    let t = Text::new(global.lang);
    eprintln!(
        "{} {} ({} {}, {format})",
        &t.say("cli-wrote"),
        out.display(),
        export.attempts.len(),
        &t.say("cli-attempts-2"),
    );
    Ok(Outcome::Success)
}

fn verify(
    rt: &tokio::runtime::Runtime,
    store: &Store,
    global: &GlobalArgs,
    lab: Option<&str>,
    as_json: bool,
) -> CmdResult {
    let verified = rt.block_on(store.verify_all(&AttemptFilter::lab(lab))).map_err(|e| failure(e, global))?;
    let broken = verified.iter().filter(|v| !v.intact).count();
    if as_json {
        print_json(&json!({ "attempts": verified, "intact": broken == 0 }));
    } else {
        let t = Text::new(global.lang);
        for v in &verified {
            let mark = if v.intact { t.paint("32", "✔") } else { t.paint("31", "✘") };
            println!("{mark} #{:<6} {}", v.attempt, v.recorded_sha256);
            if !v.intact {
                let unreadable = t.say("cli-unreadable");
                let actual = v.actual_sha256.as_deref().unwrap_or(&unreadable);
                println!("           {} {actual}", &t.say("cli-evidence-now"));
            }
        }
        println!("{} {}, {} {broken}", verified.len() - broken, &t.say("cli-intact"), &t.say("cli-altered"));
    }
    Ok(if broken == 0 { Outcome::Success } else { Outcome::NotAllGood })
}

fn evidence(
    rt: &tokio::runtime::Runtime,
    store: &Store,
    global: &GlobalArgs,
    id: i64,
    out: &std::path::Path,
) -> CmdResult {
    let evidence = rt.block_on(store.evidence(id)).map_err(|e| match e {
        StoreError::NoSuchAttempt(_) => Failure::input(&e),
        other => failure(other, global),
    })?;
    write_atomically(out, &evidence.json).map_err(Failure::bad_input)?;
    let intact = evidence.actual_sha256() == evidence.recorded_sha256;
    println!("{}  {}", evidence.actual_sha256(), out.display());
    Ok(if intact { Outcome::Success } else { Outcome::NotAllGood })
}
