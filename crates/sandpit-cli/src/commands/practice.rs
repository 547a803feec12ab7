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
                .map_err(|e| Failure::bad_input(e.to_string()))?;
            if args.json {
                print_json(&json(&sandbox, true));
            } else {
                println!(
                    "{} {} {}",
                    t.paint("32", "✔"),
                    t.pick(
                        "Practice sandbox (a local AWS emulator, not AWS)",
                        "연습용 샌드박스(로컬 AWS 에뮬레이터, 실제 AWS 아님)"
                    ),
                    if was_running {
                        t.pick("already running at", "이미 실행 중:")
                    } else {
                        t.pick("running at", "실행 중:")
                    },
                );
                println!("  {}", sandbox.endpoint);
                println!();
                println!(
                    "{}",
                    t.pick(
                        "Sandpit's checks now go to it. For the AWS CLI, in your shell:",
                        "이제 Sandpit의 확인은 여기로 갑니다. AWS CLI는 셸에서 다음을 실행하세요:"
                    )
                );
                print_exports(&sandbox);
                println!();
                println!(
                    "{}",
                    t.pick(
                        "Everything you build there stays on this machine. Stop it with: sandpit practice stop",
                        "여기서 만든 것은 이 컴퓨터에만 있습니다. 끝낼 때: sandpit practice stop"
                    )
                );
            }
            Ok(Outcome::Success)
        }
        PracticeCommand::Stop(args) => {
            let stopped = practice.stop().map_err(|e| Failure::bad_input(e.to_string()))?;
            if args.json {
                print_json(&serde_json::json!({ "status": "stopped", "was_running": stopped.is_some() }));
            } else if stopped.is_some() {
                println!(
                    "{} {}",
                    t.paint("32", "✔"),
                    t.pick(
                        "Practice sandbox stopped; Sandpit checks your AWS account again.",
                        "연습용 샌드박스를 멈췄습니다. Sandpit은 다시 AWS 계정을 확인합니다."
                    )
                );
            } else {
                println!(
                    "{}",
                    t.pick("No practice sandbox was running.", "실행 중인 연습용 샌드박스가 없었습니다.")
                );
            }
            Ok(Outcome::Success)
        }
        PracticeCommand::Status(args) => {
            let status = practice.status();
            match (&status, args.json) {
                (Some(s), true) => print_json(&json(s, true)),
                (None, true) => print_json(&serde_json::json!({ "status": "stopped" })),
                (Some(s), false) => {
                    println!("{} {}", t.pick("running at", "실행 중:"), s.endpoint);
                    print_exports(s);
                }
                (None, false) => println!(
                    "{}",
                    t.pick(
                        "not running (start it: sandpit practice start)",
                        "실행 중이 아님 (시작: sandpit practice start)"
                    )
                ),
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
