//! `sandpit check` when AWS misbehaves, through the fault-injecting proxy: throttling and 5xx
//! answers are retried with back-off and change nothing in the verdict; an endpoint that never
//! answers ends in exit 3 within a bounded time; dropped connections are retried or reported,
//! never turned into a pass. Fault decisions are seeded, so a failure here reproduces.

use std::time::{Duration, Instant};

use sandpit_e2e::{Faults, Moto, Outcome, Proxy, REGION, sandpit_offline};
use serde_json::Value;

use crate::api_budget::{build_every_lab, lab_ids, solved_proxy};

/// What a learner is told: the report without the time it was made. The text of an `info`
/// finding is left out: Budgets subscriber lookups are made once, without retries (see
/// crates/sandpit-aws/src/collect.rs), and their info note quotes whatever error came back —
/// the statuses, resources and every other finding must be identical.
fn verdict(report: &Value) -> Value {
    let mut v = report.clone();
    v.as_object_mut().expect("a report object").remove("checked_at");
    for step in v["steps"].as_array_mut().expect("steps") {
        for finding in step["findings"].as_array_mut().expect("findings") {
            if finding["status"] == "info" {
                finding["message"] = Value::Null;
            }
        }
    }
    v
}

/// `(exit code, verdict)` of `sandpit check <lab> --json` through `proxy`.
fn check(m: &Moto, proxy: &Proxy, lab: &str) -> (i32, Value) {
    let run = m.sandpit_via(&proxy.endpoint, &["check", lab, "--json", "--lang", "en"]);
    assert!(run.code == 0 || run.code == 1, "check {lab}: exit {}\n{}", run.code, run.stderr);
    (run.code, verdict(&run.json()))
}

fn count(proxy: &Proxy, outcome: fn(&Outcome) -> bool) -> usize {
    proxy.calls().iter().filter(|c| outcome(&c.outcome)).count()
}

#[test]
fn throttling_and_server_errors_leave_every_verdict_unchanged() {
    let m = Moto::start();
    let answers = build_every_lab(&m);
    // Leave one lab failing too, so a fault that hid a problem would show.
    m.aws(&["route53", "create-hosted-zone", "--name", "other-team.net", "--caller-reference", "lab-2"]);
    let faults = Faults { throttle: 0.15, server_error: 0.15, seed: 20261122, ..Faults::none() };
    let faulty = solved_proxy(&m, &answers, faults);
    for lab in lab_ids() {
        let clean = check(&m, &solved_proxy(&m, &answers, Faults::none()), &lab);
        assert_eq!(check(&m, &faulty, &lab), clean, "`check {lab}` with 30% throttling/5xx answers");
    }
    // The faults did happen, of each kind, and every call got through in the end.
    let throttled = count(&faulty, |o| *o == Outcome::Throttled);
    let failed = count(&faulty, |o| matches!(o, Outcome::ServerError(_)));
    let total = faulty.calls().len();
    assert!(throttled >= 3 && failed >= 3, "{throttled} throttled, {failed} 5xx of {total}");
    for call in faulty.calls() {
        assert!(
            faulty
                .calls()
                .iter()
                .any(|c| c.action == call.action
                    && matches!(c.outcome, Outcome::Forwarded(_) | Outcome::Replayed)),
            "{call} never got through"
        );
    }
}

#[test]
fn an_endpoint_that_never_answers_is_exit_3_within_a_bound() {
    // Accepts connections and reads requests, never answers.
    let proxy = Proxy::start("http://127.0.0.1:9", Faults { stall: 1.0, ..Faults::none() });
    let started = Instant::now();
    let run = sandpit_offline(
        &[
            "check",
            "three-tier-vpc",
            "--json",
            "--endpoint-url",
            &proxy.endpoint,
            "--region",
            REGION,
            "--lang",
            "en",
        ],
        &[("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")],
    );
    let took = started.elapsed();
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("cannot reach AWS at {}", proxy.endpoint))
            && run.stderr.contains("timed out"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "no report on a dead endpoint: {}", run.stdout);
    // Operation timeout (30 s, connect.rs) plus process start; never a hang.
    assert!(took < Duration::from_secs(45), "took {took:?}");
    assert!(proxy.calls().iter().all(|c| c.outcome == Outcome::Stalled), "{:?}", proxy.calls());
}

#[test]
fn dropped_connections_are_retried_or_reported_never_a_wrong_pass() {
    // An empty account: every lab fails, so a lost answer taken for "nothing there" would still
    // fail, while a lost answer taken as success would pass — neither may happen.
    let m = Moto::start();
    let dropping = m.proxy(Faults { drop: 0.3, seed: 7, ..Faults::none() });
    for lab in lab_ids() {
        let clean = check(&m, &m.proxy(Faults::none()), &lab);
        assert_eq!(clean.0, 1, "{lab} on an empty account");
        assert_eq!(check(&m, &dropping, &lab), clean, "`check {lab}` with 30% dropped connections");
    }
    assert!(count(&dropping, |o| *o == Outcome::Dropped) >= 3, "{:?}", dropping.calls());

    // Every connection but the identity call's dropped: reported as unreachable, exit 3.
    let dead = m.proxy(Faults { drop: 1.0, spare: &["GetCallerIdentity"], ..Faults::none() });
    let run = m.sandpit_via(&dead.endpoint, &["check", "three-tier-vpc", "--json", "--lang", "en"]);
    assert_eq!(run.code, 3, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains(&format!("cannot reach AWS at {}", dead.endpoint)), "{}", run.stderr);
    let calls = dead.calls();
    let (identity, collection): (Vec<_>, Vec<_>) =
        calls.iter().partition(|c| c.action == "GetCallerIdentity");
    assert_eq!(identity.iter().map(|c| c.outcome).collect::<Vec<_>>(), [Outcome::Forwarded(200)]);
    assert!(!collection.is_empty() && collection.iter().all(|c| c.outcome == Outcome::Dropped), "{calls:?}");
    // Each collection call was retried before giving up.
    assert!(calls.iter().filter(|c| c.action == "DescribeVpcs").count() > 1, "{calls:?}");
}
