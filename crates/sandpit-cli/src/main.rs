//! The `sandpit` command line. Glue only: parsing, printing and exit codes; every behaviour
//! lives in the library crates so the desktop app reaches the same code.

mod commands;
mod exit;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand};
use sandpit_core::Lang;

/// Sandpit — a learning lab for AWS: lessons, guided labs checked against your own account.
#[derive(Debug, Parser)]
#[command(name = "sandpit", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every command understands.
#[derive(Debug, Clone, Args)]
pub(crate) struct GlobalArgs {
    /// AWS profile from ~/.aws/config (default: the standard credential chain)
    #[arg(long, global = true, env = "AWS_PROFILE")]
    pub(crate) profile: Option<String>,
    /// AWS region (default: from the profile or AWS_REGION)
    #[arg(long, global = true)]
    pub(crate) region: Option<String>,
    /// Send AWS calls to this endpoint instead, e.g. a local emulator (also AWS_ENDPOINT_URL)
    #[arg(long, global = true, env = "AWS_ENDPOINT_URL")]
    pub(crate) endpoint_url: Option<String>,
    /// Language of messages and lab text
    #[arg(long, global = true, env = "SANDPIT_LANG", default_value = "ko",
          value_parser = clap::builder::PossibleValuesParser::new(["ko", "en"])
              .map(|s| s.parse::<Lang>().expect("restricted to known languages")))]
    pub(crate) lang: Lang,
    /// Read lab definitions from this folder instead of the built-in labs
    #[arg(long, global = true, env = "SANDPIT_LABS_DIR")]
    pub(crate) labs_dir: Option<PathBuf>,
    /// Where Sandpit keeps imported notes and other data (default: the user's data directory)
    #[arg(long, global = true, env = "SANDPIT_DATA_DIR")]
    pub(crate) data_dir: Option<PathBuf>,
    /// Keep progress in this database instead of <data dir>/sandpit.db: sqlite:PATH, or
    /// postgres://USER:PASSWORD@HOST:PORT/DB for a classroom
    #[arg(long, global = true, env = "SANDPIT_DATABASE_URL", hide_env_values = true, value_name = "URL")]
    pub(crate) database_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Show which AWS account and identity Sandpit would check (refuses root credentials)
    Whoami(commands::whoami::WhoamiArgs),
    /// List the guided labs
    Labs(commands::labs::LabsArgs),
    /// Check a lab against the account, step by step
    Check(commands::check::CheckArgs),
    /// The budget guard: is spending watched and within the limit?
    #[command(subcommand)]
    Budget(commands::budget::BudgetCommand),
    /// What is billing by the hour right now, its cost, and the commands to delete it
    Cost(commands::cost::CostArgs),
    /// The local practice sandbox: an AWS emulator on this machine, for learning without an account
    #[command(subcommand)]
    Practice(commands::practice::PracticeCommand),
    /// Print the least-privilege read-only IAM policy the checker needs
    Policy,
    /// Read the account into a snapshot file (evidence, or a question to judge offline)
    Snapshot(commands::snapshot::SnapshotArgs),
    /// Read the lesson library
    #[command(subcommand)]
    Lessons(commands::lessons::LessonsCommand),
    /// Import a folder of Markdown notes (e.g. an Obsidian vault) into your lesson library
    ImportNotes(commands::lessons::ImportNotesArgs),
    /// Progress kept from every check: per lab, and exports to hand in (JSON, CSV, HTML)
    Progress(commands::progress::ProgressArgs),
    /// For instructors: check a lab in every team's account at once, and the class report
    #[command(subcommand)]
    Class(commands::class::ClassCommand),
}

/// `sandpit … | head` closes stdout early: stop quietly, as other command-line tools do, instead
/// of panicking with a backtrace.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The hook info's text carries the panic message, however it was built.
        if info.to_string().contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

/// The language asked for on the command line or in `SANDPIT_LANG`, before clap has parsed it
/// (its own errors are then said in that language too).
pub(crate) fn requested_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let from_args = args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--lang") {
        Some("") => args.get(i + 1).cloned(),
        Some(rest) => rest.strip_prefix('=').map(str::to_owned),
        None => None,
    });
    from_args.or_else(|| std::env::var("SANDPIT_LANG").ok()).and_then(|l| l.parse().ok()).unwrap_or_default()
}

/// A command-line mistake in Korean: clap says it only in English. Help and version requests,
/// and English runs, keep clap's own output.
fn parse_or_explain() -> Result<Cli, ExitCode> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let err = match Cli::try_parse() {
        Ok(cli) => return Ok(cli),
        Err(err) => err,
    };
    let lang = requested_lang();
    let said_by_clap = matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if lang == Lang::En || said_by_clap {
        err.exit();
    }
    let context = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = [ContextKind::InvalidArg, ContextKind::InvalidSubcommand]
        .into_iter()
        .map(context)
        .find(|a| !a.is_empty())
        .unwrap_or_default();
    let value = context(ContextKind::InvalidValue);
    let id = match err.kind() {
        ErrorKind::UnknownArgument => "cli-usage-unknown-argument",
        ErrorKind::InvalidSubcommand => "cli-usage-unknown-command",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "cli-usage-bad-value",
        ErrorKind::MissingRequiredArgument => "cli-usage-missing",
        ErrorKind::ArgumentConflict => "cli-usage-conflict",
        _ => "cli-usage-other",
    };
    let mut said = sandpit_core::msg::text(lang, id, &[("arg", arg.into()), ("value", value.into())]);
    // A value our own parser refused carries its reason (`is not KEY=VALUE`).
    if let Some(source) = std::error::Error::source(&err) {
        said.push_str(&format!(" ({source})"));
    }
    let valid = context(ContextKind::ValidValue);
    if !valid.is_empty() {
        said.push_str(&format!(" [{valid}]"));
    }
    eprintln!("{}: {said}", sandpit_core::msg::text(lang, "error-prefix", &[]));
    eprintln!("{}", sandpit_core::msg::text(lang, "cli-usage-help", &[]));
    Err(ExitCode::from(2))
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = match parse_or_explain() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let result = match cli.command {
        Command::Whoami(args) => commands::whoami::run(&cli.global, &args),
        Command::Labs(args) => commands::labs::run(&cli.global, &args),
        Command::Check(args) => commands::check::run(&cli.global, &args),
        Command::Budget(cmd) => commands::budget::run(&cli.global, &cmd),
        Command::Cost(args) => commands::cost::run(&cli.global, &args),
        Command::Practice(cmd) => commands::practice::run(&cli.global, &cmd),
        Command::Policy => commands::policy::run(),
        Command::Snapshot(args) => commands::snapshot::run(&cli.global, &args),
        Command::Lessons(cmd) => commands::lessons::run(&cli.global, &cmd),
        Command::ImportNotes(args) => commands::lessons::import_notes(&cli.global, &args),
        Command::Progress(args) => commands::progress::run(&cli.global, &args),
        Command::Class(cmd) => commands::class::run(&cli.global, &cmd),
    };
    exit::finish(result, cli.global.lang)
}
