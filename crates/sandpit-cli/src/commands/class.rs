//! `sandpit class …`: an instructor checks every team's account at once.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::Utc;
use clap::builder::TypedValueParser as _;
use clap::{Args, Subcommand};
use sandpit_classroom::report::class_report;
use sandpit_classroom::{
    ClassCheck, ClassOptions, DEFAULT_CONCURRENCY, Progress, Reach, check_class, record_class,
};
use sandpit_core::report::{LabStatus, StepStatus};
use sandpit_core::roster::{READONLY_ROLE_TEMPLATE, Roster};
use sandpit_store::Store;
use sandpit_store::export::write_atomically;

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};
use crate::output::{Text, display_width as width, pad, print_json};

/// `sandpit class check|report|role-template`
#[derive(Debug, Subcommand)]
pub(crate) enum ClassCommand {
    /// Check a lab in every team's account at once (assumes each team's read-only role)
    Check(ClassCheckArgs),
    /// Every lab × every team from the progress store's history: latest status, first passes
    Report(ClassReportArgs),
    /// Print the CloudFormation template a team deploys to let the instructor check its account
    RoleTemplate,
}

/// `sandpit class check --roster FILE --lab LAB [--json|--csv] [--concurrency N] [--param K=V]...`
#[derive(Debug, Args)]
pub(crate) struct ClassCheckArgs {
    /// The class roster (TOML: [class] name, region; [[team]] name, members, account_id,
    /// role_arn, external_id, optional region)
    #[arg(long, value_name = "FILE")]
    roster: PathBuf,
    /// The lab to check (see `sandpit labs`)
    #[arg(long)]
    lab: String,
    /// One JSON object (the class matrix) instead of the table for people
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// The class matrix as CSV (team,account,status,<step ids…>,error)
    #[arg(long)]
    csv: bool,
    /// How many teams to check at once (default sized for AWS API rate limits)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CONCURRENCY,
          value_parser = clap::value_parser!(u16).range(1..=64).map(usize::from))]
    concurrency: usize,
    /// Override a lab parameter for every team, e.g. --param db_port=5432 (repeatable)
    #[arg(long = "param", value_name = "KEY=VALUE", value_parser = super::check::parse_param)]
    params: Vec<(String, String)>,
    /// Check billable labs even in accounts without a budget guard
    #[arg(long)]
    no_budget_guard: bool,
}

/// `sandpit class report --roster FILE --out FILE [--format html|csv]`
#[derive(Debug, Args)]
pub(crate) struct ClassReportArgs {
    /// The class roster
    #[arg(long, value_name = "FILE")]
    roster: PathBuf,
    /// Where to write the report (replaced atomically)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// html: a page for people (in --lang); csv: one row per team × lab × step
    #[arg(long, default_value = "html", value_parser = ["html", "csv"])]
    format: String,
}

pub(crate) fn run(global: &GlobalArgs, cmd: &ClassCommand) -> CmdResult {
    match cmd {
        ClassCommand::Check(args) => check(global, args),
        ClassCommand::Report(args) => report(global, args),
        ClassCommand::RoleTemplate => {
            print!("{READONLY_ROLE_TEMPLATE}");
            Ok(Outcome::Success)
        }
    }
}

fn check(global: &GlobalArgs, args: &ClassCheckArgs) -> CmdResult {
    let roster = Roster::from_file(&args.roster).map_err(|e| Failure::input(&e))?;
    let labs = super::load_labs(global)?;
    let lab = labs.get(&args.lab)?;
    let params = lab.params(args.params.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let options = ClassOptions { concurrency: args.concurrency, no_budget_guard: args.no_budget_guard };
    let t = Text::new(global.lang);
    let mut bar = ProgressLine::new(!args.json && !args.csv && std::io::stderr().is_terminal());

    let class = super::runtime().block_on(async {
        // Opened first: a bad database fails before any account is read, and no check goes unkept.
        let store = open_store(global).await?;
        let checked = async {
            let (aws, identity) = super::connect(global).await?;
            let class =
                check_class(&aws, &identity, &roster, lab, &params, &options, |p| bar.update(&p)).await?;
            bar.clear();
            record_class(&store, &class).await.map_err(|e| super::progress::failure(e, global))?;
            Ok::<_, Failure>(class)
        }
        .await;
        store.close().await;
        checked
    });
    bar.clear();
    let class = class?;

    if args.json {
        print_json(&class.matrix());
    } else if args.csv {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(class.to_csv().as_bytes());
    } else {
        print_matrix(&class, &roster, t, global);
    }
    match class.reach() {
        Reach::All => Ok(Outcome::Success),
        Reach::Some => Ok(Outcome::NotAllGood),
        Reach::None => Err(Failure::aws(t.say("cli-no-team-s-account-could"))),
    }
}

fn report(global: &GlobalArgs, args: &ClassReportArgs) -> CmdResult {
    let roster = Roster::from_file(&args.roster).map_err(|e| Failure::input(&e))?;
    let labs = super::load_labs(global)?;
    let report = super::runtime().block_on(async {
        let store = open_store(global).await?;
        let report = class_report(&store, &roster, &labs, Utc::now())
            .await
            .map_err(|e| super::progress::failure(e, global));
        store.close().await;
        report
    })?;
    let text = if args.format == "csv" {
        report.to_csv()
    } else {
        report.to_html(global.lang).map_err(|e| Failure::input(&sandpit_store::StoreError::Export(e)))?
    };
    write_atomically(&args.out, text.as_bytes()).map_err(|e| super::progress::failure(e, global))?;
    Ok(Outcome::Success)
}

/// The progress store of the global options (`--database-url`, else the data directory's).
async fn open_store(global: &GlobalArgs) -> Result<Store, Failure> {
    let url = global.database_url.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let data_dir = sandpit_core::paths::data_dir(global.data_dir.as_deref());
    Store::open_or_default(url, &data_dir).await.map_err(|e| super::progress::failure(e, global))
}

/// A one-line progress bar on a terminal's standard error; nothing otherwise.
struct ProgressLine {
    enabled: bool,
}

impl ProgressLine {
    fn new(enabled: bool) -> Self {
        Self { enabled }
    }

    fn update(&mut self, p: &Progress<'_>) {
        if !self.enabled {
            return;
        }
        const WIDTH: usize = 24;
        let filled = WIDTH * p.done / p.total.max(1);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2K[{}{}] {}/{} {}",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            p.done,
            p.total,
            p.team.team
        );
        let _ = err.flush();
    }

    fn clear(&mut self) {
        if self.enabled {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}

fn mark(status: StepStatus, t: Text) -> String {
    let (mark, color) = match status {
        StepStatus::Pass => ("✔", "32"),
        StepStatus::Fail => ("✘", "31"),
        StepStatus::Error => ("!", "35"),
        StepStatus::Blocked => ("⊘", "33"),
        StepStatus::Skipped => ("·", "2"),
    };
    t.paint(color, mark)
}

fn verdict(status: LabStatus, t: Text) -> String {
    match status {
        LabStatus::Pass => t.paint("32", &t.say("cli-pass-2")),
        LabStatus::Fail => t.paint("31", &t.say("cli-fail-2")),
        LabStatus::Blocked => t.paint("33", &t.say("cli-blocked-2")),
        LabStatus::Error => t.paint("35", &t.say("cli-error-2")),
        LabStatus::Partial => t.paint("36", &t.say("cli-partial")),
    }
}

fn print_matrix(class: &ClassCheck, roster: &Roster, t: Text, global: &GlobalArgs) {
    println!("{} · {} · {} {}", class.lab, roster.class.name, class.teams.len(), &t.say("cli-teams"),);
    if let Some(url) = &global.endpoint_url {
        println!("{}", t.paint("33", &format!("{} {url}", &t.say("cli-emulator-not-aws"))));
    }
    println!();
    let team_header = &t.say("cli-team");
    let team_width =
        class.teams.iter().map(|r| width(&r.team)).chain([width(team_header)]).max().unwrap_or(4);
    // Columns are numbered; the legend below names the steps (ids are too long for a header).
    let columns: Vec<String> = (1..=class.step_ids.len()).map(|i| i.to_string()).collect();
    let column_width = columns.iter().map(String::len).max().unwrap_or(1);
    println!(
        "{}  {}  {}  {}",
        pad(team_header, team_width),
        pad(&t.say("cli-account"), 12),
        columns.iter().map(|c| pad(c, column_width)).collect::<Vec<_>>().join(" "),
        &t.say("cli-status"),
    );
    let matrix = class.matrix();
    for row in &matrix.teams {
        let marks: Vec<String> = row
            .steps
            .0
            .iter()
            .map(|(_, s)| format!("{}{}", mark(*s, t), " ".repeat(column_width - 1)))
            .collect();
        println!(
            "{}  {}  {}  {}",
            pad(&row.team, team_width),
            pad(&row.account, 12),
            marks.join(" "),
            verdict(row.status, t)
        );
    }
    println!();
    for (i, id) in class.step_ids.iter().enumerate() {
        println!("  {}  {id}", pad(&(i + 1).to_string(), column_width));
    }
    let errors: Vec<_> = matrix.teams.iter().filter_map(|r| r.error.as_ref().map(|e| (&r.team, e))).collect();
    if !errors.is_empty() {
        println!();
        println!("{}", &t.say("cli-could-not-be-checked"));
        for (team, error) in errors {
            println!("  {} {team}: {error}", t.paint("35", "!"));
        }
    }
    let checked = class.teams.iter().filter(|r| r.outcome.is_ok()).count();
    let passed = class.teams.iter().filter(|r| r.status() == LabStatus::Pass).count();
    println!();
    println!(
        "{checked}/{} {}, {passed} {}",
        class.teams.len(),
        &t.say("cli-teams-checked"),
        &t.say("cli-passed-the-whole-lab"),
    );
}
