//! The progress store through the real binary: every `sandpit check` against the emulator is
//! kept (with the caller's ARN and the snapshot as evidence), `sandpit progress` reads it back,
//! exports it in three formats, and an exported hash is verified against its evidence.

use std::path::Path;
use std::process::Command;

use sandpit_e2e::{Moto, sandpit_offline};
use serde_json::Value;

fn sha256sum(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().expect("sha256sum (coreutils)");
    String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap_or_default().to_owned()
}

#[test]
fn checks_are_recorded_shown_exported_and_verifiable() {
    let m = Moto::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("class.db").display());
    let with_db =
        |args: &[&str]| m.sandpit(&[&["--database-url", url.as_str(), "--lang", "en"][..], args].concat());

    for _ in 0..2 {
        let run = with_db(&["check", "budget-guard", "--json"]);
        assert_eq!(run.code, 1, "an empty account fails the lab:\n{}", run.stderr);
    }
    let run = with_db(&["progress", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let progress = run.json();
    let labs = progress["labs"].as_array().expect("labs");
    assert_eq!(labs.len(), 1, "{progress:#}");
    let lab = &labs[0];
    assert_eq!(lab["lab"], "budget-guard");
    assert_eq!(lab["attempts"], 2);
    assert_eq!((lab["best_status"].as_str(), lab["latest_status"].as_str()), (Some("fail"), Some("fail")));
    assert_eq!((lab["steps_done"].as_u64(), lab["steps_total"].as_u64()), (Some(0), Some(3)));
    assert_eq!(lab["first_passed_at"], Value::Null);
    let only = with_db(&["progress", "--lab", "vpc-peering", "--json"]).json();
    assert_eq!(only["labs"].as_array().map(Vec::len), Some(0));

    let text = with_db(&["progress"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stdout.contains("budget-guard") && text.stdout.contains("0/3"), "{}", text.stdout);

    // The three export formats.
    for format in ["json", "csv", "html"] {
        let out = dir.path().join(format!("progress.{format}"));
        let run = with_db(&["progress", "export", "--format", format, "--out", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        assert!(out.exists(), "{format} export written");
    }
    let export: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("progress.json")).unwrap())
            .expect("JSON export");
    let attempts = export["attempts"].as_array().expect("attempts");
    assert_eq!(attempts.len(), 2);
    let first = &attempts[0];
    assert_eq!(first["account"], "123456789012");
    assert_eq!(first["region"], "ap-northeast-2");
    assert!(first["caller"].as_str().is_some_and(|arn| arn.starts_with("arn:aws:")), "{first:#}");
    assert_eq!(first["steps"].as_array().map(Vec::len), Some(3));
    let hash = first["evidence_sha256"].as_str().expect("hash").to_owned();
    assert_eq!(hash.len(), 64);
    let csv = std::fs::read_to_string(dir.path().join("progress.csv")).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.starts_with("attempt_id,lab,"), "{csv}");
    assert!(csv.contains(&hash));
    let html = std::fs::read_to_string(dir.path().join("progress.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("budget-guard") && html.contains(&hash));
    assert!(html.contains("Sandpit progress report"), "--lang en");

    // The exported hash is the hash of the stored evidence, which judges the same again.
    let evidence = dir.path().join("evidence-1.json");
    let run = with_db(&["progress", "evidence", "1", "--out", evidence.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(sha256sum(&evidence), hash);
    let verify = with_db(&["progress", "verify", "--json"]);
    assert_eq!(verify.code, 0, "{}", verify.stdout);
    assert_eq!(verify.json()["intact"], true);
    // An offline re-check of that evidence is recorded too, as `offline`.
    let run = with_db(&["check", "budget-guard", "--snapshot", evidence.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let export = dir.path().join("again.json");
    with_db(&["progress", "export", "--format", "json", "--out", export.to_str().unwrap()]);
    let export: Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    assert_eq!(export["attempts"][2]["caller"], "offline");
    assert_eq!(export["attempts"][2]["evidence_sha256"], hash.as_str(), "same snapshot, same hash");
}

#[test]
fn without_a_url_checks_go_to_the_data_directory() {
    let m = Moto::start();
    let run = m.sandpit(&["check", "budget-guard", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let progress = m.sandpit(&["progress", "--json"]).json();
    let database = progress["database"].as_str().expect("database");
    assert!(database.ends_with(".local/share/sandpit/sandpit.db"), "{database}");
    assert_eq!(progress["labs"][0]["attempts"], 1);
}

#[test]
fn a_bad_database_url_exits_2_and_an_unreachable_one_exits_3_before_reading_the_account() {
    let m = Moto::start();
    let run = m.sandpit(&["--database-url", "mysql://root@db/x", "check", "budget-guard"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--database-url"), "{}", run.stderr);

    let bad = sandpit_offline(&["progress"], &[("SANDPIT_DATABASE_URL", "postgres:nothing")]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("SANDPIT_DATABASE_URL"), "{}", bad.stderr);

    // Nothing listens on this port.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dead = format!("postgres://teacher:s3cret@127.0.0.1:{port}/class");
    let run = m.sandpit(&["--database-url", &dead, "check", "budget-guard"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("데이터베이스") && !run.stderr.contains("s3cret"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "no report without a place to keep it: {}", run.stdout);
    let run = sandpit_offline(&["--database-url", &dead, "progress", "--json"], &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    // `progress` names the cause at once (the pool alone would wait 5 s and say "timed out").
    let started = std::time::Instant::now();
    let run = sandpit_offline(
        &["--database-url", "postgres://nobody@127.0.0.1:1/x", "progress", "--lang", "en"],
        &[],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot open the database postgres://nobody@127.0.0.1:1/x")
            && run.stderr.contains("refused"),
        "{}",
        run.stderr
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "{:?}", started.elapsed());
    let run = sandpit_offline(&["--database-url", "postgres:/nobody", "progress", "--lang", "en"], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--database-url") && run.stderr.contains("postgres:/nobody"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn a_check_of_one_passing_step_is_partial_and_never_a_passed_lab() {
    let m = Moto::start();
    let az = sandpit_e2e::labs::availability_zones(&m);
    // Only the DB VPC of `vpc-peering` is built: its step passes, six others would fail.
    sandpit_e2e::labs::database_network(&m, &az);
    let run = m.sandpit(&["check", "vpc-peering", "--step", "db-vpc", "--json", "--lang", "en"]);
    assert_eq!(run.code, 0, "what was asked for passes:\n{}", run.stderr);
    let report = run.json();
    assert_eq!(report["status"], "partial", "{report:#}");
    assert_eq!(report["scope"], "steps");
    assert_eq!(report["checked_steps"], serde_json::json!(["db-vpc"]));
    assert_eq!(report["summary"]["passed"], 1);
    let text = m.sandpit(&["check", "vpc-peering", "--step", "db-vpc", "--lang", "ko"]);
    assert!(text.stdout.contains("일부만 확인") && !text.stdout.contains("통과  "), "{}", text.stdout);

    let progress = m.sandpit(&["progress", "--json"]).json();
    let lab = &progress["labs"][0];
    assert_eq!(
        (lab["best_status"].as_str(), lab["latest_status"].as_str()),
        (Some("partial"), Some("partial"))
    );
    assert_eq!(lab["first_passed_at"], Value::Null);
    assert_eq!(lab["steps_done"], 1);

    // The whole lab, checked, fails; later single steps never make it pass.
    let whole = m.sandpit(&["check", "vpc-peering", "--json"]);
    assert_eq!((whole.code, whole.json()["status"].as_str()), (1, Some("fail")));
    assert!(whole.json().get("scope").is_none(), "a whole-lab check has no scope key");
    m.sandpit(&["check", "vpc-peering", "--step", "db-vpc", "--json"]);
    let lab = m.sandpit(&["progress", "--json"]).json()["labs"][0].clone();
    assert_eq!((lab["best_status"].as_str(), lab["latest_status"].as_str()), (Some("fail"), Some("fail")));
}
