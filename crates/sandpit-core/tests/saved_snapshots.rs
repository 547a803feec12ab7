//! Snapshots saved by an earlier Sandpit (before resource kinds were declared in one table and
//! target groups became a kind of their own) still load and get the same verdicts.
//!
//! `fixtures/saved-2026-12-04/account.json` was written by sandpit-core at commit 5046515 from
//! its own test fixtures (the network, database and DNS labs built, a few things left undone,
//! instances and a load balancer for the cost meter); `verdicts.json` is what that version's
//! engine said of every built-in lab over it.

use std::collections::BTreeMap;

use chrono::Utc;
use sandpit_core::engine::{StepFilter, evaluate};
use sandpit_core::labs::LabSet;
use sandpit_core::snapshot::{ResourceKind, Snapshot};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saved-2026-12-04");

fn saved() -> Snapshot {
    let text = std::fs::read_to_string(format!("{DIR}/account.json")).expect("the saved snapshot");
    serde_json::from_str(&text).expect("a snapshot saved by the earlier version loads")
}

#[test]
fn an_earlier_snapshot_loads_and_gets_the_verdicts_it_got_then() {
    let snap = saved();
    let then: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(format!("{DIR}/verdicts.json")).unwrap()).unwrap();
    let labs = LabSet::builtin().unwrap();
    for (lab_id, verdict) in &then {
        let lab = labs.get(lab_id).expect("the lab still exists");
        let report = evaluate(lab, &lab.params([]).unwrap(), &StepFilter::all(), &snap, Utc::now()).unwrap();
        assert_eq!(serde_json::to_value(report.status).unwrap(), verdict["status"], "{lab_id}");
        for (step, status) in verdict["steps"].as_object().unwrap() {
            let now = report.step(step).unwrap_or_else(|| panic!("{lab_id}: step {step} is gone"));
            assert_eq!(&serde_json::to_value(now.status).unwrap(), status, "{lab_id}/{step}");
        }
    }
    assert!(then.len() >= 5, "every lab of that version was judged");
}

#[test]
fn an_earlier_snapshot_keeps_what_it_read_and_lacks_the_kinds_added_since() {
    let snap = saved();
    assert_eq!(snap.load_balancers.items().map(<[_]>::len), Some(1));
    assert_eq!(snap.target_groups.items().unwrap()[0].load_balancer_arns.len(), 1);
    assert!(snap.kms_keys.items().unwrap().iter().all(|k| k.unreadable.is_none()));
    for kind in [ResourceKind::NetworkAcls, ResourceKind::LaunchTemplates, ResourceKind::NetworkInterfaces] {
        assert!(snap.unavailable(kind).is_some(), "{kind:?} was not read then");
    }
    // Saved again by this version, it reads back the same.
    let again: Snapshot = serde_json::from_str(&serde_json::to_string(&snap).unwrap()).unwrap();
    assert_eq!(again, snap);
}
