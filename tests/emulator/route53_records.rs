//! The `route53-records` lab: a hosted zone with the record types the notes teach, built with
//! the AWS CLI, then broken one thing at a time.

use sandpit_e2e::{Moto, failures, not_passing, step_status};
use serde_json::{Value, json};

const DOMAIN: &str = "sandpit-lab.com";

fn change(m: &Moto, zone: &str, action: &str, record: Value) {
    let batch = json!({ "Changes": [{ "Action": action, "ResourceRecordSet": record }] }).to_string();
    m.aws(&["route53", "change-resource-record-sets", "--hosted-zone-id", zone, "--change-batch", &batch]);
}

fn weighted(id: &str, weight: i64, ip: &str) -> Value {
    json!({ "Name": format!("hello.{DOMAIN}"), "Type": "A", "SetIdentifier": id, "Weight": weight,
            "TTL": 60, "ResourceRecords": [{ "Value": ip }] })
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

    let zone = m.aws(&["route53", "create-hosted-zone", "--name", DOMAIN, "--caller-reference", "lab-1"]);
    let zone = zone["HostedZone"]["Id"].as_str().unwrap().trim_start_matches("/hostedzone/").to_owned();
    change(
        &m,
        &zone,
        "UPSERT",
        json!({ "Name": DOMAIN, "Type": "A", "TTL": 300, "ResourceRecords": [{ "Value": "203.0.113.10" }] }),
    );
    change(
        &m,
        &zone,
        "UPSERT",
        json!({ "Name": format!("www.{DOMAIN}"), "Type": "CNAME", "TTL": 300, "ResourceRecords": [{ "Value": DOMAIN }] }),
    );
    let mx = json!({ "Name": DOMAIN, "Type": "MX", "TTL": 3600, "ResourceRecords": [{ "Value": format!("10 mail.{DOMAIN}") }] });
    change(&m, &zone, "UPSERT", mx.clone());
    for (id, weight, ip) in [("a", 70, "203.0.113.1"), ("b", 20, "203.0.113.2"), ("c", 10, "203.0.113.3")] {
        change(&m, &zone, "UPSERT", weighted(id, weight, ip));
    }

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
    change(&m, &zone, "DELETE", weighted("b", 20, "203.0.113.2"));
    change(&m, &zone, "DELETE", weighted("c", 10, "203.0.113.3"));
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
