//! The Class view's handlers, called without a window and without AWS: rosters from files, the
//! form's options validated as the CLI validates them, the matrix and the drill-down from fixture
//! snapshots judged by the real engine, kept in a real SQLite store through the desktop's
//! progress store, and the exports compared with the library's output. The class check against
//! accounts is exercised end to end in `tests/desktop/`.

use chrono::Utc;
use sandpit_classroom::TeamResult;
use sandpit_core::engine::{self, StepFilter};
use sandpit_store::{AttemptFilter, Store};
use serde_json::json;

use super::*;
use crate::settings::Settings;

const LAB: &str = "vpc-peering";
const INSTRUCTOR: &str = "arn:aws:sts::123456789012:assumed-role/SandpitInstructorReadOnly/kim";

fn state() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(Some(dir.path().join("data")), None).unwrap();
    (dir, state)
}

fn english(state: &AppState) {
    let settings = Settings { lang: Some(Lang::En), ..Settings::default() };
    super::super::save_settings(state, settings).unwrap();
}

fn team_toml(name: &str, account: &str) -> String {
    format!(
        "\n[[team]]\nname = \"{name}\"\nmembers = [\"a\", \"b\"]\naccount_id = \"{account}\"\n\
         role_arn = \"arn:aws:iam::{account}:role/SandpitInstructorReadOnly\"\nexternal_id = \"cs8-{name}\"\n"
    )
}

/// A roster of team-1..3 in `dir`; returns its path.
fn write_roster(dir: &tempfile::TempDir) -> String {
    let mut text = String::from("[class]\nname = \"cloud-school-8\"\nregion = \"ap-northeast-2\"\n");
    for (name, account) in
        [("team-1", "111111111111"), ("team-2", "222222222222"), ("team-3", "333333333333")]
    {
        text.push_str(&team_toml(name, account));
    }
    let path = dir.path().join("class.toml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_roster_error_names_the_file_and_line_and_is_not_remembered() {
    let (dir, state) = state();
    let path = dir.path().join("broken.toml");
    // Line 9: the account id is 11 digits.
    let text = format!(
        "[class]\nname = \"cloud-school-8\"\nregion = \"ap-northeast-2\"\n{}",
        team_toml("team-1", "11111111111")
    );
    assert_eq!(text.lines().position(|l| l.starts_with("account_id")), Some(7));
    std::fs::write(&path, text).unwrap();
    let err = class_roster(&state, &path.display().to_string()).unwrap_err();
    assert_eq!((err.kind, err.field.as_deref()), ("input", Some("roster")));
    assert!(err.message.contains(&format!("{}:8:", path.display())), "file:line in {}", err.message);
    assert!(err.message.contains("account_id"), "{}", err.message);
    assert!(class_info(&state).roster_path.is_none(), "a refused roster is not remembered");

    let missing = dir.path().join("nope.toml").display().to_string();
    let err = class_roster(&state, &missing).unwrap_err();
    assert!(err.message.contains("nope.toml"), "{}", err.message);
    let err = class_roster(&state, "   ").unwrap_err();
    assert_eq!(err.field.as_deref(), Some("roster"));
}

#[test]
fn a_good_roster_is_loaded_and_remembered_between_runs() {
    let (dir, state) = state();
    let path = write_roster(&dir);
    let view = class_roster(&state, &format!("  {path} ")).unwrap();
    assert_eq!(view.path, path);
    assert_eq!((view.class.as_str(), view.region.as_str()), ("cloud-school-8", "ap-northeast-2"));
    let names: Vec<&str> = view.teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["team-1", "team-2", "team-3"]);
    assert_eq!(view.teams[1].account, "222222222222");

    let reopened = AppState::new(Some(dir.path().join("data")), None).unwrap();
    let info = class_info(&reopened);
    assert_eq!(info.roster_path.as_deref(), Some(path.as_str()));
    assert_eq!(info.roster.expect("the remembered roster loads").teams.len(), 3);
    assert!(info.roster_error.is_none() && info.last.is_none());

    // Broken since: the view says why, with the line, and still offers the path.
    std::fs::write(&path, "[class]\nname = \"x\"\nregion = 5\n").unwrap();
    let info = class_info(&reopened);
    assert_eq!(info.roster_path.as_deref(), Some(path.as_str()));
    let err = info.roster_error.expect("a roster error");
    assert!(err.message.contains(&format!("{path}:")), "{}", err.message);
}

/// What a team's account holds: the database VPC and its three subnets (`db_network`), or nothing.
fn snapshot(account: &str, db_network: bool) -> Snapshot {
    let (vpcs, subnets) = if db_network {
        (
            json!([{"id": "vpc-0db", "cidr": "172.16.0.0/16", "state": "available", "tags": {"Name": "vpc-2"}}]),
            json!([
                {"id": "subnet-0d1", "vpc_id": "vpc-0db", "cidr": "172.16.1.0/24", "availability_zone": "ap-northeast-2a"},
                {"id": "subnet-0d2", "vpc_id": "vpc-0db", "cidr": "172.16.2.0/24", "availability_zone": "ap-northeast-2b"},
                {"id": "subnet-0d3", "vpc_id": "vpc-0db", "cidr": "172.16.3.0/24", "availability_zone": "ap-northeast-2a"}
            ]),
        )
    } else {
        (json!([]), json!([]))
    };
    let ok = |items| json!({"status": "ok", "items": items});
    serde_json::from_value(json!({
        "account": account,
        "region": "ap-northeast-2",
        "vpcs": ok(vpcs),
        "subnets": ok(subnets),
        "route_tables": ok(json!([])),
        "peering_connections": ok(json!([])),
        "security_groups": ok(json!([])),
    }))
    .unwrap()
}

/// A class check of three teams as `check_class` returns it: team-1 built the database network,
/// team-2 nothing, team-3 could not be reached.
fn fixture_check(state: &AppState) -> ClassCheck {
    let labs = state.labs().unwrap();
    fixture_check_with(state, &labs.get(LAB).unwrap().params([]).unwrap())
}

/// [`fixture_check`] judged with `params`.
fn fixture_check_with(state: &AppState, params: &Params) -> ClassCheck {
    let labs = state.labs().unwrap();
    let lab = labs.get(LAB).unwrap();
    let now = Utc::now();
    let judged = |name: &str, account: &str, built: bool| {
        let snapshot = snapshot(account, built);
        let report = engine::evaluate(lab, params, &StepFilter::all(), &snapshot, now).unwrap();
        TeamResult {
            team: name.into(),
            account: account.into(),
            region: "ap-northeast-2".into(),
            outcome: Ok(report),
            snapshot: Some(snapshot),
            checked_by: INSTRUCTOR.into(),
        }
    };
    ClassCheck {
        lab: LAB.into(),
        step_ids: lab.steps.iter().map(|s| s.id.clone()).collect(),
        checked_at: now,
        teams: vec![
            judged("team-1", "111111111111", true),
            judged("team-2", "222222222222", false),
            TeamResult {
                team: "team-3".into(),
                account: "333333333333".into(),
                region: "ap-northeast-2".into(),
                outcome: Err(TeamError::new("access-denied", "the role may not be assumed")),
                snapshot: None,
                checked_by: INSTRUCTOR.into(),
            },
        ],
    }
}

fn statuses(row: &TeamRowView) -> Vec<StepStatus> {
    row.steps.iter().map(|c| c.status).collect()
}

/// The options of the form as the defaults leave them, validated.
fn default_request(state: &AppState) -> ClassRequest {
    let labs = state.labs().unwrap();
    class_request(labs.get(LAB).unwrap(), &ClassCheckOptions::default(), Lang::En).unwrap()
}

/// Keeps `check` (made with `request`) as `class_check` does after checking the roster of `dir`.
async fn keep_fixture(
    state: &AppState,
    dir: &tempfile::TempDir,
    check: ClassCheck,
    request: ClassRequest,
) -> ClassMatrixView {
    let (path, roster) = read_roster(&write_roster(dir)).unwrap();
    keep(state, path, roster, check, Some("http://127.0.0.1:5000".into()), request).await.unwrap()
}

/// The progress store file of `state`'s data directory, as the CLI opens it.
async fn store_file(dir: &tempfile::TempDir) -> Store {
    let db = dir.path().join("data").join(sandpit_store::DEFAULT_FILE_NAME);
    Store::open(&format!("sqlite://{}", db.display())).await.unwrap()
}

#[tokio::test]
async fn the_matrix_and_a_team_drill_down_come_from_the_check_and_are_kept_in_the_store() {
    let (dir, state) = state();
    english(&state);
    let request = default_request(&state);
    let view = keep_fixture(&state, &dir, fixture_check(&state), request).await;
    let path = dir.path().join("class.toml").display().to_string();

    assert_eq!((view.lab.as_str(), view.class.as_str()), (LAB, "cloud-school-8"));
    assert_eq!(view.roster_path, path);
    assert_eq!((view.total, view.checked, view.passed), (3, 2, 0));
    assert_eq!(view.steps.len(), 7);
    assert_eq!(view.steps[0].id, "db-vpc");
    assert_eq!(view.steps[0].title, "Create the database VPC", "titles in the reader's language");
    let [t1, t2, t3] = &view.teams[..] else { panic!("three rows: {:?}", view.teams) };
    use StepStatus::{Error, Fail, Pass};
    assert_eq!(t1.team, "team-1");
    assert_eq!(statuses(t1), [Pass, Pass, Fail, Fail, Fail, Fail, Fail], "{t1:?}");
    assert_eq!((t1.status, t1.passed, t1.error.is_none()), (LabStatus::Fail, 2, true));
    assert_eq!(statuses(t2), [Fail; 7], "{t2:?}");
    assert_eq!((t3.status, statuses(t3)), (LabStatus::Error, vec![Error; 7]));
    let error = t3.error.as_ref().expect("team-3's reason");
    assert_eq!(error.reason, "access-denied");
    assert!(view.store_error.is_none(), "{:?}", view.store_error);
    assert_eq!((view.concurrency, view.params.len()), (DEFAULT_CONCURRENCY, 0), "the CLI's defaults");
    // The cells serialize as the window reads them.
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(json["teams"][0]["steps"][1], json!({"id": "db-subnets", "status": "pass"}));
    assert_eq!(json["teams"][2]["error"]["reason"], "access-denied");

    // Kept in the store the way `sandpit class check` keeps it: one attempt per checked team, in
    // the file the rest of the desktop (and the CLI) records in.
    let status = super::super::app_info(&state).progress.expect("the class check used the progress store");
    assert!(status.saving && status.error.is_none(), "{status:?}");
    let store = store_file(&dir).await;
    let attempts = store.attempts(&AttemptFilter::lab(Some(LAB))).await.unwrap();
    store.close().await;
    let mut teams: Vec<_> =
        attempts.iter().map(|a| (a.team.clone(), a.account.clone(), a.caller.clone())).collect();
    teams.sort();
    assert_eq!(
        teams,
        [
            (Some("team-1".into()), Some("111111111111".into()), INSTRUCTOR.to_owned()),
            (Some("team-2".into()), Some("222222222222".into()), INSTRUCTOR.to_owned()),
        ]
    );

    // The view comes back with the last check, in the language of the moment.
    let info = class_info(&state);
    assert_eq!(info.last.expect("the last check").teams.len(), 3);
    set_korean(&state);
    assert_eq!(class_info(&state).last.unwrap().steps[0].title, "DB VPC 만들기");
    english(&state);

    // Drill into team-1: its findings per step name the resources; its picture is its account.
    let detail = class_team(&state, "team-1").unwrap();
    assert_eq!((detail.team.as_str(), detail.account.as_str()), ("team-1", "111111111111"));
    assert_eq!(detail.members, ["a", "b"]);
    let report = detail.report.expect("team-1's report");
    let db_vpc = report.steps.iter().find(|s| s.id == "db-vpc").unwrap();
    assert_eq!(db_vpc.status, Pass);
    assert!(db_vpc.findings.iter().any(|f| f.resource.as_deref() == Some("vpc-0db")), "{db_vpc:?}");
    let peering = report.steps.iter().find(|s| s.id == "peering-active").unwrap();
    assert_eq!(peering.status, Fail);
    assert!(!peering.findings.is_empty());
    assert!(detail.actual_svg.starts_with("<svg") && detail.actual_svg.contains("172.16.0.0/16"));
    assert!(detail.actual_svg.contains("team-1"), "the picture is titled with the team");
    assert!(detail.target_svg.contains("10.10.0.0/16"), "the target has the app VPC");
    assert!(!detail.differences.is_empty(), "the app VPC is missing");

    // team-3 could not be checked: its reason, no report, a picture saying so.
    let detail = class_team(&state, "team-3").unwrap();
    assert_eq!(detail.status, LabStatus::Error);
    assert!(detail.report.is_none());
    assert_eq!(detail.error.unwrap().message, "the role may not be assumed");
    assert!(detail.actual_svg.contains("could not be read"), "{}", detail.actual_svg);
    assert!(detail.differences.is_empty());

    let err = class_team(&state, "team-9").unwrap_err();
    assert!(err.message.contains("team-9"), "{}", err.message);
}

fn set_korean(state: &AppState) {
    let settings = Settings { lang: Some(Lang::Ko), ..Settings::default() };
    super::super::save_settings(state, settings).unwrap();
}

#[test]
fn a_team_before_any_class_check_is_a_readable_error() {
    let (_dir, state) = state();
    let err = class_team(&state, "team-1").unwrap_err();
    assert_eq!(err.kind, "input");
    assert!(err.message.contains("check the class"), "{}", err.message);
}

#[tokio::test]
async fn bad_input_is_refused_before_any_account_is_read() {
    let (dir, state) = state();
    // A dead endpoint: reaching AWS would be an `aws` error, not the ones asserted here.
    let settings = Settings {
        endpoint_url: "http://127.0.0.1:9".into(),
        region: "ap-northeast-2".into(),
        ..Settings::default()
    };
    super::super::save_settings(&state, settings).unwrap();
    let path = write_roster(&dir);
    let mut heard = 0;
    let defaults = ClassCheckOptions::default();
    let err = class_check(&state, &path, "no-such-lab", &defaults, |_| heard += 1).await.unwrap_err();
    assert!(err.message.contains("no-such-lab"), "{err:?}");
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[class]\nname = \"x\"\n").unwrap();
    let err =
        class_check(&state, &broken.display().to_string(), LAB, &defaults, |_| heard += 1).await.unwrap_err();
    assert_eq!(err.field.as_deref(), Some("roster"), "{err:?}");
    assert!(err.message.contains("broken.toml"), "{err:?}");

    // A bad parameter or concurrency: its field and reason, before the dead endpoint is tried
    // (which would be an `aws` error without a field).
    let bad_param = options("", &[("db_port", "99999")]);
    let err = class_check(&state, &path, LAB, &bad_param, |_| heard += 1).await.unwrap_err();
    assert_eq!((err.kind, err.field.as_deref()), ("input", Some("param.db_port")), "{err:?}");
    assert!(err.message.contains("99999"), "{err:?}");
    let err = class_check(&state, &path, LAB, &options("0", &[]), |_| heard += 1).await.unwrap_err();
    assert_eq!(err.field.as_deref(), Some("concurrency"), "{err:?}");
    assert_eq!(heard, 0);

    // A dead endpoint: a readable error, no matrix, no hang; good options get that far.
    let good = options("3", &[("db_port", "5432")]);
    let err = class_check(&state, &path, LAB, &good, |_| heard += 1).await.unwrap_err();
    assert!(matches!(err.kind, "aws" | "input") && !err.message.is_empty(), "{err:?}");
    assert!(err.field.is_none(), "{err:?}");
    assert!(class_info(&state).last.is_none());
}

fn options(concurrency: &str, params: &[(&str, &str)]) -> ClassCheckOptions {
    ClassCheckOptions {
        concurrency: concurrency.into(),
        params: params.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
    }
}

#[test]
fn the_form_offers_the_cli_defaults_and_every_labs_parameters() {
    let (_dir, state) = state();
    english(&state);
    let info = class_info(&state);
    assert_eq!((info.default_concurrency, info.max_concurrency), (8, 64), "`--concurrency` 1-64, default 8");
    let params = &info.lab_params[LAB];
    let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names[..3], ["app_vpc_cidr", "app_vpc_name", "db_vpc_cidr"], "the lab's order: {names:?}");
    let port = params.iter().find(|p| p.name == "db_port").unwrap();
    assert_eq!((port.kind, port.default.as_str()), ("port", "3306"));
    assert!(!port.description.is_empty());
    assert!(info.lab_params.contains_key("three-tier-vpc"));
}

#[test]
fn valid_options_are_what_the_check_runs_with() {
    let (_dir, state) = state();
    let labs = state.labs().unwrap();
    let lab = labs.get(LAB).unwrap();
    let defaults = class_request(lab, &ClassCheckOptions::default(), Lang::En).unwrap();
    assert_eq!(defaults.options.concurrency, DEFAULT_CONCURRENCY);
    assert!(!defaults.options.no_budget_guard);
    assert!(defaults.overrides.is_empty());
    assert_eq!(defaults.params.get("db_vpc_cidr").unwrap().to_string(), "172.16.0.0/16");

    // Blank values keep their defaults; values are trimmed; the lab's order.
    let request = class_request(
        lab,
        &options(" 3 ", &[("db_port", " 5432"), ("db_vpc_cidr", "172.20.0.0/16"), ("was_sg", "  ")]),
        Lang::En,
    )
    .unwrap();
    assert_eq!(request.options.concurrency, 3);
    assert_eq!(
        request.overrides,
        [
            ParamSetting { name: "db_vpc_cidr".into(), value: "172.20.0.0/16".into() },
            ParamSetting { name: "db_port".into(), value: "5432".into() },
        ]
    );
    assert_eq!(request.params.get("db_vpc_cidr").unwrap().to_string(), "172.20.0.0/16");
    assert_eq!(request.params.get("was_sg").unwrap().to_string(), "was-sg");
    assert_eq!(class_request(lab, &options("64", &[]), Lang::En).unwrap().options.concurrency, 64);
    assert_eq!(class_request(lab, &options("1", &[]), Lang::En).unwrap().options.concurrency, 1);
}

#[tokio::test]
async fn the_parameters_change_the_verdict_and_the_matrix_says_what_it_ran_with() {
    let (dir, state) = state();
    english(&state);
    let labs = state.labs().unwrap();
    let lab = labs.get(LAB).unwrap();
    // team-1 built 172.16.0.0/16: asked for another CIDR, its database VPC is not there.
    let request = class_request(lab, &options("2", &[("db_vpc_cidr", "172.20.0.0/16")]), Lang::En).unwrap();
    let check = fixture_check_with(&state, &request.params);
    let view = keep_fixture(&state, &dir, check, request).await;
    assert_eq!(view.teams[0].steps[0].status, StepStatus::Fail, "{:?}", view.teams[0]);
    assert_eq!(view.params, [ParamSetting { name: "db_vpc_cidr".into(), value: "172.20.0.0/16".into() }]);
    assert_eq!(view.concurrency, 2);
    assert_eq!(class_info(&state).last.unwrap().params, view.params, "kept for the view");
    // The drill-down's target is drawn with the same parameters.
    assert!(class_team(&state, "team-1").unwrap().target_svg.contains("172.20.0.0/16"));
}

#[test]
fn a_bad_parameter_or_concurrency_names_its_field_and_reason() {
    let (_dir, state) = state();
    let labs = state.labs().unwrap();
    let lab = labs.get(LAB).unwrap();
    let refuse = |o: ClassCheckOptions, lang| class_request(lab, &o, lang).unwrap_err();

    let err = refuse(options("", &[("db_vpc_cidr", "172.16.0.0/33")]), Lang::En);
    assert_eq!((err.kind, err.field.as_deref()), ("input", Some("param.db_vpc_cidr")));
    // The core's own message, as `sandpit class check --param` prints it.
    let core = lab.params([("db_vpc_cidr", "172.16.0.0/33")]).unwrap_err().to_string();
    assert_eq!(err.message, core);
    assert!(err.message.contains("cidr"), "{}", err.message);

    let err = refuse(options("", &[("db_port", "http")]), Lang::En);
    assert_eq!(err.field.as_deref(), Some("param.db_port"));
    assert!(err.message.contains("http") && err.message.contains("port"), "{}", err.message);

    // Several bad values: the first in the lab's order is named.
    let err = refuse(options("", &[("db_port", "x"), ("app_vpc_cidr", "y")]), Lang::En);
    assert_eq!(err.field.as_deref(), Some("param.app_vpc_cidr"));

    let err = refuse(options("", &[("no_such_param", "1")]), Lang::En);
    assert_eq!(err.field.as_deref(), Some("param.no_such_param"));
    assert!(err.message.contains("no_such_param") && err.message.contains("db_port"), "{}", err.message);

    for bad in ["0", "65", "-1", "eight", "2.5"] {
        let err = refuse(options(bad, &[]), Lang::En);
        assert_eq!(err.field.as_deref(), Some("concurrency"), "{bad}");
        assert!(err.message.contains(bad) && err.message.contains("1 to 64"), "{}", err.message);
    }
    let err = refuse(options("100", &[]), Lang::Ko);
    assert!(err.message.contains("1부터 64까지") && err.message.contains("100"), "{}", err.message);
}

#[tokio::test]
async fn an_export_is_exactly_what_the_library_gives_the_cli() {
    let (dir, state) = state();
    let err = class_export(&state, "csv", "").unwrap_err();
    assert!(err.message.contains("check the class"), "nothing to export yet: {err:?}");

    let check = fixture_check(&state);
    let (csv, json) = (check.to_csv(), check.to_json());
    let request = default_request(&state);
    keep_fixture(&state, &dir, check, request).await;

    // No file named: the data folder's exports, the path said.
    let saved = class_export(&state, "csv", "  ").unwrap();
    let exports = dir.path().join("data").join(EXPORTS_DIR);
    assert!(saved.path.starts_with(&exports.display().to_string()), "{saved:?}");
    assert!(saved.path.starts_with(&format!("{}/class-cloud-school-8-vpc-peering-", exports.display())));
    assert!(saved.path.ends_with(".csv"), "{saved:?}");
    // The window's file starts with the UTF-8 byte-order mark (so that Korean Excel reads Korean
    // team names as UTF-8); after it come exactly `class check --csv`'s bytes, whose stdout keeps none.
    let bytes = std::fs::read(&saved.path).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a UTF-8 BOM first");
    assert_eq!(std::str::from_utf8(&bytes[3..]).unwrap(), csv, "then `class check --csv`'s bytes");
    assert!(!csv.starts_with(CSV_BOM), "the CLI's CSV has no BOM");
    assert_eq!((saved.format.as_str(), saved.bytes), ("csv", bytes.len()));
    assert!(csv.starts_with("team,account,status,db-vpc,db-subnets,"), "{csv}");

    // A file the user named: written there (replacing what was), `~` expanded.
    let file = dir.path().join("matrix.json");
    std::fs::write(&file, "old").unwrap();
    let saved = class_export(&state, "json", &format!(" {} ", file.display())).unwrap();
    assert_eq!(saved.path, file.display().to_string());
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, json, "`class check --json`'s bytes");
    let parsed: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(parsed["teams"][2]["error"], "access-denied: the role may not be assumed");
    assert_eq!(parsed["teams"][0]["steps"]["db-vpc"], "pass");

    // A folder: a file named after the class, lab and time inside it.
    let saved = class_export(&state, "json", &dir.path().display().to_string()).unwrap();
    assert!(saved.path.starts_with(&format!("{}/class-cloud-school-8-", dir.path().display())), "{saved:?}");
    assert_eq!(std::fs::read_to_string(&saved.path).unwrap(), json);

    // What cannot be written names its field and the file.
    let err = class_export(&state, "csv", "matrix.csv").unwrap_err();
    assert_eq!(err.field.as_deref(), Some("export_path"), "a relative path is refused: {err:?}");
    let nowhere = dir.path().join("no/such/folder/m.csv");
    let err = class_export(&state, "csv", &nowhere.display().to_string()).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("export_path"));
    assert!(err.message.contains("no/such/folder"), "{err:?}");
    let err = class_export(&state, "html", "").unwrap_err();
    assert_eq!(err.field.as_deref(), Some("export_format"));
}

#[tokio::test]
async fn a_class_check_with_a_broken_database_is_kept_in_view_and_said_like_everywhere() {
    let (dir, state) = state();
    let dead = Settings { database_url: "postgres://nobody@127.0.0.1:1/x".into(), ..Settings::default() };
    super::super::save_settings(&state, dead).unwrap();
    let request = default_request(&state);
    let view = keep_fixture(&state, &dir, fixture_check(&state), request).await;
    // The matrix is there; beside it the same reason Home shows after "progress is not being saved".
    assert_eq!(view.teams.len(), 3);
    let reason = view.store_error.clone().expect("the store's reason");
    assert!(reason.contains("127.0.0.1:1") && reason.contains("refused"), "{reason}");
    let status = super::super::app_info(&state).progress.expect("the status Home shows");
    assert!(!status.saving);
    assert_eq!(status.error.as_deref(), Some(reason.as_str()));
    assert_eq!(super::super::progress_status(&state).await.error, Some(reason));
    assert!(!dir.path().join("data").join(sandpit_store::DEFAULT_FILE_NAME).exists(), "no fallback file");
    // And the export still works: it needs no store.
    assert!(class_export(&state, "csv", "").is_ok());
}

#[test]
fn a_blocked_row_says_why_and_the_matrix_and_a_team_number_steps_alike() {
    let (_dir, state) = state();
    let labs = state.labs().unwrap();
    let lab = labs.get("three-tier-vpc").unwrap();
    // A team account with no budget: the billable lab is blocked by its preflight.
    let ok = |items| json!({"status": "ok", "items": items});
    let unguarded: Snapshot = serde_json::from_value(json!({
        "account": "111111111111", "region": "ap-northeast-2", "budgets": ok(json!([])),
        "vpcs": ok(json!([])), "subnets": ok(json!([])), "route_tables": ok(json!([]))
    }))
    .unwrap();
    let report =
        engine::evaluate(lab, &lab.params([]).unwrap(), &StepFilter::all(), &unguarded, Utc::now()).unwrap();
    assert_eq!(report.status, LabStatus::Blocked);
    let reason = blocked_reason(&report, Lang::Ko).expect("a blocked row has a reason");
    assert!(reason.contains("월별 비용 예산이 없습니다"), "the preflight's own words: {reason}");
    let check = fixture_check(&state);
    let passed_or_failed = check.teams[0].outcome.as_ref().unwrap();
    assert_eq!(blocked_reason(passed_or_failed, Lang::Ko), None, "only a blocked row says it");

    // One numbering: the matrix's columns and a team's detail both come from `columns`, and a
    // billable lab's budget preflight is column 1, as it is step 1 of the lab.
    let ids: Vec<String> = report.steps.iter().map(|s| s.id.clone()).collect();
    let cols = columns(lab, &ids, Lang::Ko);
    assert_eq!(cols.len(), ids.len());
    assert_eq!((cols[0].number, cols[0].id.as_str()), (1, "budget-guard"));
    for (i, c) in cols.iter().enumerate() {
        assert_eq!(c.number, i + 1);
        assert_eq!(c.id, ids[i], "the report's order");
        assert!(!c.title.is_empty() && c.title != c.id, "a title in the reader's language: {c:?}");
    }
}

#[tokio::test]
async fn a_team_that_could_not_be_checked_is_said_in_the_window_language_with_aws_words_as_details() {
    let (dir, state) = state();
    let request = default_request(&state);
    let view = keep_fixture(&state, &dir, fixture_check(&state), request).await;
    let team = &view.teams[2];
    let said = team.error_said.as_ref().expect("team-3 said for the window");
    assert_eq!(said.code, "class-team-error-access-denied");
    assert!(said.headline.contains("sandpit-readonly-role.yaml"), "where to fix it: {}", said.headline);
    let english = sandpit_core::english_words(&said.headline);
    assert!(english.is_empty(), "Korean window, English words: {english:?} in {}", said.headline);
    assert_eq!(said.message, "the role may not be assumed", "the library's words stay, as the details");
    // The class JSON's reason and message are unchanged beside it.
    assert_eq!(team.error.as_ref().map(|e| e.reason.as_str()), Some("access-denied"));
}
