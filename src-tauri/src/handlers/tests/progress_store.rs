//! The progress store through the handlers the Tauri commands call, without a window: what the
//! desktop records is in the SQLite file afterwards (read back with `sandpit-store`), and a
//! store that cannot be opened is said, never silent, while lessons and checks go on working.

use std::path::Path;

use sandpit_core::report::StepStatus;
use sandpit_core::snapshot::{Collected, Subnet, Vpc};
use sandpit_store::{AttemptFilter, OFFLINE_CALLER, Store};

use super::*;

/// A snapshot saved by `sandpit check --save-snapshot`: the database VPC of `vpc-peering` and its
/// three subnets, nothing else yet.
fn saved_snapshot(dir: &Path) -> (PathBuf, Snapshot) {
    let name = |n: &str| [("Name".to_owned(), n.to_owned())].into_iter().collect();
    let subnet = |id: &str, cidr: &str, zone: &str| Subnet {
        id: id.into(),
        vpc_id: "vpc-db".into(),
        cidr: cidr.into(),
        availability_zone: zone.into(),
        map_public_ip_on_launch: false,
        tags: Default::default(),
    };
    let snapshot = Snapshot {
        account: Some("111111111111".into()),
        region: Some("ap-northeast-2".into()),
        vpcs: Collected::Ok {
            items: vec![Vpc {
                id: "vpc-db".into(),
                cidr: "172.16.0.0/16".into(),
                secondary_cidrs: Vec::new(),
                is_default: false,
                state: "available".into(),
                tags: name("vpc-2"),
            }],
        },
        subnets: Collected::Ok {
            items: vec![
                subnet("subnet-1", "172.16.1.0/24", "ap-northeast-2a"),
                subnet("subnet-2", "172.16.2.0/24", "ap-northeast-2b"),
                subnet("subnet-3", "172.16.3.0/24", "ap-northeast-2a"),
            ],
        },
        route_tables: Collected::Ok { items: Vec::new() },
        peering_connections: Collected::Ok { items: Vec::new() },
        security_groups: Collected::Ok { items: Vec::new() },
        ..Snapshot::default()
    };
    let path = dir.join("saved-snapshot.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&snapshot).unwrap()).unwrap();
    (path, snapshot)
}

fn first_lesson(state: &AppState) -> String {
    lessons_tree(state).unwrap()[0].lessons[0].id.clone()
}

#[tokio::test]
async fn a_lesson_a_quiz_and_a_check_are_rows_in_the_store_file() {
    let (dir, state) = state();
    assert_eq!(app_info(&state).progress, None, "not opened before it is needed");
    let lesson = first_lesson(&state);
    lesson_page(&state, &lesson).await.unwrap();
    let right = record_quiz_answer(&state, &lesson, "1", true).await;
    let wrong = record_quiz_answer(&state, &lesson, "2", false).await;
    assert!(right.saving && wrong.saving && right.error.is_none(), "{right:?} {wrong:?}");
    let (file, snapshot) = saved_snapshot(dir.path());
    let view = check_lab_from(&state, "vpc-peering", Vec::new(), CheckSource::Snapshot(file)).await.unwrap();
    let steps: Vec<(&str, StepStatus)> =
        view.report.steps.iter().map(|s| (s.id.as_str(), s.status)).collect();
    assert_eq!(steps[..2], [("db-vpc", StepStatus::Pass), ("db-subnets", StepStatus::Pass)], "{steps:?}");
    assert!(steps[2..].iter().all(|(_, s)| *s != StepStatus::Pass), "{steps:?}");

    let db = dir.path().join(sandpit_store::DEFAULT_FILE_NAME);
    let status = app_info(&state).progress.expect("the store was used");
    assert!(status.saving, "{status:?}");
    assert_eq!(status.database.as_deref(), Some(db.display().to_string().as_str()));
    // What another process (the CLI, `sandpit progress`) reads from the same file.
    let store = Store::open(&format!("sqlite://{}", db.display())).await.unwrap();
    let lessons = store.lesson_progress().await.unwrap();
    assert_eq!(lessons.len(), 1, "{lessons:?}");
    let l = &lessons[0];
    assert_eq!(l.lesson_id, lesson);
    assert_eq!((l.opens, l.questions_answered, l.questions_correct), (1, 2, 1), "{l:?}");
    assert!(l.first_opened_at.is_some());

    let attempts = store.attempts(&AttemptFilter::default()).await.unwrap();
    assert_eq!(attempts.len(), 1, "{attempts:?}");
    let a = &attempts[0];
    assert_eq!((a.lab.as_str(), a.caller.as_str()), ("vpc-peering", OFFLINE_CALLER));
    assert_eq!((a.account.as_deref(), a.region.as_deref()), (Some("111111111111"), Some("ap-northeast-2")));
    assert_eq!((a.steps_passed, a.steps_total), (2, 7));
    assert_eq!(a.status, view.report.status);
    let stored: Vec<(&str, StepStatus)> = a.report.steps.iter().map(|s| (s.id.as_str(), s.status)).collect();
    assert_eq!(stored, steps, "per-step status kept");
    let verification = store.verify(a.id).await.unwrap();
    assert!(verification.intact, "{verification:?}");
    assert_eq!(verification.recorded_sha256, a.evidence_sha256);
    assert_eq!(a.evidence_sha256.len(), 64);
    assert_eq!(
        store.evidence(a.id).await.unwrap().snapshot().unwrap(),
        snapshot,
        "the evidence is what was judged"
    );
    store.close().await;

    // A snapshot file that is not one is named, and nothing is recorded.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"vpcs\": 3}").unwrap();
    let err =
        check_lab_from(&state, "vpc-peering", Vec::new(), CheckSource::Snapshot(bad)).await.unwrap_err();
    assert!(err.message.contains("bad.json:1:"), "{}", err.message);
    let store = Store::open(&format!("sqlite://{}", db.display())).await.unwrap();
    assert_eq!(store.attempts(&AttemptFilter::default()).await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_unreachable_database_is_said_and_lessons_and_checks_still_work() {
    let (dir, state) = state();
    let dead = Settings { database_url: "postgres://nobody@127.0.0.1:1/x".into(), ..Settings::default() };
    save_settings(&state, dead).unwrap();
    let started = std::time::Instant::now();
    let status = progress_status(&state).await;
    assert!(!status.saving && status.database.is_none(), "{status:?}");
    let reason = status.error.clone().expect("a reason");
    assert!(reason.contains("postgres://nobody@127.0.0.1:1/x") && reason.contains("refused"), "{reason}");
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "{:?}", started.elapsed());
    assert_eq!(app_info(&state).progress, Some(status.clone()), "app_info carries it for the window");

    let lesson = first_lesson(&state);
    assert!(lesson_page(&state, &lesson).await.is_ok(), "lessons open without a store");
    let quiz = record_quiz_answer(&state, &lesson, "1", true).await;
    assert_eq!(quiz, status, "the answer says it was not saved, and why");
    assert!(DesktopState::load(dir.path()).quiz[&lesson]["1"], "the desktop's own state keeps it");
    let (file, _) = saved_snapshot(dir.path());
    let view = check_lab_from(&state, "vpc-peering", Vec::new(), CheckSource::Snapshot(file)).await.unwrap();
    assert_eq!(view.report.steps[0].status, StepStatus::Pass, "checks work without a store");
    assert!(!dir.path().join(sandpit_store::DEFAULT_FILE_NAME).exists(), "no silent fallback file");

    // Fixing the setting saves again at once.
    save_settings(&state, Settings::default()).unwrap();
    let status = progress_status(&state).await;
    assert!(status.saving && status.error.is_none(), "{status:?}");
    assert!(record_quiz_answer(&state, &lesson, "2", true).await.saving);
}

#[tokio::test]
async fn a_data_dir_where_the_database_cannot_be_written_is_said() {
    let (dir, state) = state();
    // The database file's place is taken by a folder (a permission check would not stop root).
    std::fs::create_dir(dir.path().join(sandpit_store::DEFAULT_FILE_NAME)).unwrap();
    let lesson = first_lesson(&state);
    lesson_page(&state, &lesson).await.unwrap();
    let status = progress_status(&state).await;
    assert!(!status.saving, "{status:?}");
    let reason = status.error.expect("a reason");
    assert!(reason.contains(sandpit_store::DEFAULT_FILE_NAME), "names the file: {reason}");
    assert_eq!(app_info(&state).last_lesson.map(|l| l.id), Some(lesson.clone()));
}
