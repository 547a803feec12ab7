//! `sandpit practice`: the local sandbox starts an emulator on loopback, Sandpit's checks go to
//! it without any AWS configuration, the printed environment works for the AWS CLI, and stop
//! returns Sandpit to the real chain. The test points the sandbox at the test virtualenv's
//! moto (`SANDPIT_PRACTICE_MOTO`) instead of letting it pip-install one.

use std::process::Command;

use sandpit_e2e::{aws_cli_path, moto_server_path, sandpit_offline};
use serde_json::Value;

#[test]
fn the_practice_sandbox_serves_checks_and_the_aws_cli_until_stopped() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap().to_owned();
    let moto = moto_server_path();
    let env = [("SANDPIT_DATA_DIR", data_dir.as_str()), ("SANDPIT_PRACTICE_MOTO", moto.to_str().unwrap())];
    let run = |args: &[&str]| sandpit_offline(args, &env);

    let status = run(&["practice", "status", "--json"]);
    assert_eq!((status.code, status.json()["status"].as_str()), (1, Some("stopped")));

    let started = run(&["practice", "start", "--json"]);
    assert_eq!(started.code, 0, "{}", started.stderr);
    let sandbox = started.json();
    let endpoint = sandbox["endpoint"].as_str().unwrap().to_owned();
    assert!(endpoint.starts_with("http://127.0.0.1:"), "loopback only: {endpoint}");
    assert_eq!(sandbox["emulator"], true);
    // Starting again finds the same sandbox.
    let again = run(&["practice", "start", "--json"]).json();
    assert_eq!(again["pid"], sandbox["pid"]);

    // The printed environment works for the AWS CLI.
    let envs: Vec<(String, String)> = sandbox["env"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect();
    let out = Command::new(aws_cli_path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", data.path())
        .envs(envs)
        .args(["ec2", "create-vpc", "--cidr-block", "10.10.0.0/16", "--output", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Sandpit needs no AWS configuration at all: its checks go to the sandbox, labelled.
    let who = run(&["whoami", "--json"]);
    assert_eq!(who.code, 0, "{}", who.stderr);
    assert_eq!(who.json()["endpoint_url"].as_str(), Some(endpoint.as_str()));
    let report: Value = run(&["check", "vpc-peering", "--json", "--lang", "en"]).json();
    assert_eq!(report["account"], "123456789012", "{report:#}");
    assert!(report.to_string().contains("10.10.0.0/16"), "the VPC built with the CLI is seen: {report:#}");
    let text = run(&["check", "vpc-peering"]);
    assert!(text.stdout.contains("에뮬레이터"), "labelled as an emulator: {}", text.stdout);

    let stopped = run(&["practice", "stop", "--json"]);
    assert_eq!((stopped.code, stopped.json()["was_running"].as_bool()), (0, Some(true)));
    assert_eq!(run(&["practice", "status"]).code, 1);
    // Back to the standard chain, which has no credentials here: exit 3, not the sandbox.
    let who = run(&["whoami", "--region", "ap-northeast-2"]);
    assert_eq!(who.code, 3, "{}", who.stderr);
}
