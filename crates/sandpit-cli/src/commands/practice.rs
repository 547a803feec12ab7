//! `sandpit practice start|stop|status`

use clap::{Args, Subcommand};
use sandpit_practice::Sandbox;

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};
use crate::output::{Text, print_json};

/// `sandpit practice`
#[derive(Debug, Subcommand)]
pub(crate) enum PracticeCommand {
    /// Start the local AWS emulator (installs it on first use) and point Sandpit at it
    Start(StartArgs),
    /// Stop it (everything built in it is gone)
    Stop(JsonArg),
    /// Is it running? Exit 0 running, 1 not
    Status(JsonArg),
}

/// `--json`
#[derive(Debug, Args)]
pub(crate) struct JsonArg {
    /// One JSON object instead of text
    #[arg(long)]
    json: bool,
}

/// `sandpit practice start [--port N] [--json]`
#[derive(Debug, Args)]
pub(crate) struct StartArgs {
    /// Listen on this loopback port (default: a free one)
    #[arg(long)]
    port: Option<u16>,
    /// One JSON object instead of text
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(global: &GlobalArgs, cmd: &PracticeCommand) -> CmdResult {
    let practice = super::practice(global);
    let t = Text::new(global.lang);
    match cmd {
        PracticeCommand::Start(args) => {
            let was_running = practice.status().is_some();
            let sandbox = practice
                .start(args.port, &mut |step| eprintln!("… {step}"))
                .map_err(|e| Failure::input(&e))?;
            if args.json {
                print_json(&json(&sandbox, true));
            } else {
                println!(
                    "{} {} {}",
                    t.paint("32", "✔"),
                    &t.say("cli-practice-sandbox-a-local-aws"),
                    if was_running { t.say("cli-already-running-at") } else { t.say("cli-running-at") },
                );
                println!("  {}", sandbox.endpoint);
                println!();
                println!("{}", &t.say("cli-sandpit-s-checks-now-go"));
                print_exports(&sandbox);
                println!();
                println!("{}", &t.say("cli-everything-you-build-there-stays"));
            }
            Ok(Outcome::Success)
        }
        PracticeCommand::Stop(args) => {
            let stopped = practice.stop().map_err(|e| Failure::input(&e))?;
            if args.json {
                print_json(&serde_json::json!({ "status": "stopped", "was_running": stopped.is_some() }));
            } else if stopped.is_some() {
                println!("{} {}", t.paint("32", "✔"), &t.say("cli-practice-sandbox-stopped-sandpit-checks"));
            } else {
                println!("{}", &t.say("cli-no-practice-sandbox-was-running"));
            }
            Ok(Outcome::Success)
        }
        PracticeCommand::Status(args) => {
            let status = practice.status();
            match (&status, args.json) {
                (Some(s), true) => print_json(&json(s, true)),
                (None, true) => print_json(&serde_json::json!({ "status": "stopped" })),
                (Some(s), false) => {
                    println!("{} {}", &t.say("cli-running-at"), s.endpoint);
                    print_exports(s);
                }
                (None, false) => println!("{}", &t.say("cli-not-running-start-it-sandpit")),
            }
            Ok(if status.is_some() { Outcome::Success } else { Outcome::NotAllGood })
        }
    }
}

fn print_exports(s: &Sandbox) {
    for (k, v) in s.env() {
        println!("  export {k}={v}");
    }
}

fn json(s: &Sandbox, running: bool) -> serde_json::Value {
    serde_json::json!({
        "status": if running { "running" } else { "stopped" },
        "emulator": true,
        "endpoint": s.endpoint,
        "port": s.port,
        "pid": s.pid,
        "started_at": s.started_at,
        "log": s.log,
        "env": s.env().into_iter().collect::<std::collections::BTreeMap<_, _>>(),
    })
}
