//! The path troubleshooter's handlers, called without a window, over snapshots recorded from
//! the emulator (`tests/fixtures/reach/`, see `tests/emulator/reach.rs`).

use std::path::PathBuf;

use sandpit_core::labs::LabSet;
use sandpit_view::topology::PathNode;

use super::super::{CheckSource, check_lab_from, lab_detail, save_settings};
use super::*;
use crate::settings::Settings;

fn state(lang: Lang) -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(Some(dir.path().to_path_buf()), None).unwrap();
    save_settings(&state, Settings { lang: Some(lang), ..Settings::default() }).unwrap();
    (dir, state)
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/reach").join(format!("{name}.json"))
}

fn snapshot(name: &str) -> Snapshot {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

/// The question the `vpc-peering` lab's database step links to, as the lab runner offers it.
fn prefilled(state: &AppState) -> Question {
    let detail = lab_detail(state, "vpc-peering").unwrap();
    let step = detail.lab.steps.iter().find(|s| s.id == "db-security-group").unwrap();
    step.reach.clone().expect("the database step links WAS → DB on 3306")
}

#[tokio::test]
async fn the_lab_steps_question_is_answered_over_the_last_check_and_drawn_green() {
    let (_dir, state) = state(Lang::En);
    check_lab_from(&state, "vpc-peering", vec![], CheckSource::Snapshot(fixture("seed"))).await.unwrap();
    let question = prefilled(&state);
    assert_eq!(
        (question.from.as_str(), question.to.as_str(), question.port),
        ("was-sg", "db-sg", Some(3306))
    );
    let view = reach_question(&state, "vpc-peering", question).await.unwrap();
    assert!(view.answer.reachable, "{:#?}", view.answer);
    assert!(view.read_now.is_empty(), "the recorded snapshot holds every kind: nothing read from AWS");
    assert!(view.checked_at.is_some());
    assert!(view.svg.contains("class=\"reach-path open\"") && !view.svg.contains("reach-stop blocked"));
    assert!(view.overlay.headline.contains("open both ways"));
    assert!(view.overlay.note.contains("password"), "{}", view.overlay.note);
    // The path goes from the WAS subnet over the peering into the database subnet.
    let pcx =
        view.answer.hops.iter().find(|h| h.component == reach::Component::Peering).unwrap().resource.clone();
    let nodes: Vec<&PathNode> = view.overlay.stops.iter().map(|s| &s.node).collect();
    assert!(nodes.contains(&&PathNode::Peering(pcx)), "{nodes:?}");
    assert!(view.answer.from.subnets.iter().all(|s| nodes.contains(&&PathNode::Subnet(s.clone()))));
    assert!(view.svg.matches("class=\"reach-stop ok\"").count() >= 3, "{}", view.svg);
}

#[tokio::test]
async fn a_blocked_path_is_drawn_red_at_its_hop_with_the_rule_and_the_fix() {
    let (_dir, state) = state(Lang::Ko);
    check_lab_from(&state, "vpc-peering", vec![], CheckSource::Snapshot(fixture("peering-pending")))
        .await
        .unwrap();
    let view = reach_question(&state, "vpc-peering", prefilled(&state)).await.unwrap();
    assert!(!view.answer.reachable);
    let blocked = view.answer.hops.iter().find(|h| Some(h.n) == view.answer.blocked_at).unwrap();
    assert_eq!(blocked.component, reach::Component::Peering);
    let red: Vec<_> = view.overlay.stops.iter().filter(|s| !s.ok).collect();
    assert_eq!(red.len(), 1);
    assert_eq!(red[0].node, PathNode::Peering(blocked.resource.clone()));
    assert!(
        view.svg.contains("class=\"reach-path blocked\"")
            && view.svg.contains("class=\"reach-stop blocked\"")
    );
    assert!(view.overlay.headline.contains("구간에서 막힘"), "{}", view.overlay.headline);
    assert!(
        view.svg.contains("accept-vpc-peering-connection"),
        "the fix is in the picture (in full in its tooltip)"
    );
    assert!(sandpit_core::english_words(&view.answer.fix.clone().unwrap()).is_empty());
}

#[test]
fn a_lab_checks_snapshot_lacks_what_a_path_question_needs() {
    let labs = LabSet::builtin().unwrap();
    let lab_read = snapshot("seed")
        .only(&labs.get("vpc-peering").unwrap().resource_kinds().into_iter().collect::<Vec<_>>());
    let missing = missing_kinds(&lab_read);
    for kind in [ResourceKind::NetworkAcls, ResourceKind::Ec2Instances, ResourceKind::InternetGateways] {
        assert!(missing.contains(&kind), "{kind:?} in {missing:?}");
    }
    assert!(!missing.contains(&ResourceKind::RouteTables));
    // Completed with what a later read brought, it answers.
    let mut completed = lab_read.clone();
    completed.merge_kinds(&snapshot("seed"), &missing);
    assert!(missing_kinds(&completed).is_empty());
    let q = Question { from: "was-1".into(), to: "lab-db".into(), port: Some(3306), ..Question::default() };
    assert!(answer_view(&completed, &q, Lang::En, None, missing).unwrap().answer.reachable);
}

#[test]
fn refused_questions_name_the_form_field_at_fault() {
    let snap = snapshot("seed");
    let ask = |from: &str, from_subnet: Option<&str>, port: Option<u16>| {
        let q = Question {
            from: from.into(),
            from_subnet: from_subnet.map(str::to_owned),
            to: "lab-db".into(),
            port,
            ..Question::default()
        };
        answer_view(&snap, &q, Lang::En, None, Vec::new()).unwrap_err()
    };
    let err = ask("nope", None, Some(3306));
    assert_eq!((err.kind, err.field.as_deref()), ("input", Some("from")));
    assert_eq!(ask("was-sg", None, Some(3306)).field.as_deref(), Some("from_subnet"));
    assert_eq!(ask("was-sg", Some("no-such-subnet"), Some(3306)).field.as_deref(), Some("from_subnet"));
    assert_eq!(ask("was-1", None, None).field.as_deref(), Some("port"));
}

#[tokio::test]
async fn the_picker_offers_what_the_last_check_holds() {
    let (_dir, state) = state(Lang::En);
    assert_eq!(reach_endpoints(&state, "vpc-peering").unwrap().len(), 1, "before a check: the internet only");
    check_lab_from(&state, "vpc-peering", vec![], CheckSource::Snapshot(fixture("seed"))).await.unwrap();
    let choices = reach_endpoints(&state, "vpc-peering").unwrap();
    let find = |label: &str| {
        choices.iter().find(|c| c.label.contains(label)).unwrap_or_else(|| panic!("{label}: {choices:?}"))
    };
    assert_eq!(find("was-1").kind, reach::EndpointKind::Instance);
    assert_eq!(find("lab-db").subnets.len(), 3);
    assert!(find("(was-sg)").subnets.len() > 1, "a group is placed in one of its VPC's subnets");
    assert!(reach_endpoints(&state, "no-such-lab").is_err());
}
