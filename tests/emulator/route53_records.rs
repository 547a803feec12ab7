//! The `route53-records` lab: a hosted zone with the record types the notes teach, built with
//! the AWS CLI, then broken one thing at a time.

use sandpit_e2e::labs::{self, mx_record, weighted_record};
use sandpit_e2e::{Moto, failures, not_passing, step_status};
use serde_json::Value;

fn change(m: &Moto, zone: &str, action: &str, record: Value) {
    labs::change_records(m, zone, action, &[record]);
}

fn check(m: &Moto, extra: &[&str]) -> (i32, Value) {
    let run = m.sandpit(&[&["check", "route53-records", "--json", "--lang", "en"][..], extra].concat());
    (run.code, run.json())
}

#[test]
fn route53_records_built_by_a_student_pass_and_each_mistake_is_pinned() {
    let m = Moto::start();
    let (code, report) = check(&m, &[]);
    assert_eq!(code, 1);
    assert_eq!(step_status(&report, "hosted-zone"), "fail", "no zone yet");

    let zone = labs::route53_records(&m);
    let mx = mx_record();

    let (code, report) = check(&m, &[]);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
    let split = &report["steps"].as_array().unwrap().iter().find(|s| s["id"] == "weighted-records").unwrap()
        ["findings"][0];
    assert_eq!(split["found"], "70% a, 20% b, 10% c");

    // 1. The MX record deleted.
    change(&m, &zone, "DELETE", mx.clone());
    let (code, report) = check(&m, &[]);
    assert_eq!(code, 1);
    assert_eq!(not_passing(&report), ["mx-record"]);
    assert_eq!(failures(&report, "mx-record")[0]["resource"], zone.as_str());
    change(&m, &zone, "UPSERT", mx);

    // 2. The weighted set cut down to one member.
    change(&m, &zone, "DELETE", weighted_record("b", 20, "203.0.113.2"));
    change(&m, &zone, "DELETE", weighted_record("c", 10, "203.0.113.3"));
    let (_, report) = check(&m, &[]);
    assert_eq!(not_passing(&report), ["weighted-records"]);
    assert!(failures(&report, "weighted-records")[0]["message"].as_str().unwrap().contains("only 1 member"));

    // 3. A second hosted zone: Sandpit asks which one, and --param domain= answers.
    m.aws(&["route53", "create-hosted-zone", "--name", "other-team.net", "--caller-reference", "lab-2"]);
    let (_, report) = check(&m, &[]);
    assert_eq!(step_status(&report, "hosted-zone"), "error");
    let (_, report) = check(&m, &["--param", "domain=sandpit-lab.com."]);
    assert_eq!(step_status(&report, "hosted-zone"), "pass");
    assert_eq!(step_status(&report, "mx-record"), "pass");
}
