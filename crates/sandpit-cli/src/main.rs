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
    /// Why can't A reach B? The network path hop by hop, both ways, from the account or a snapshot
    Reach(commands::reach::ReachArgs),
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

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
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
        Command::Reach(args) => commands::reach::run(&cli.global, &args),
    };
    exit::finish(result)
}
