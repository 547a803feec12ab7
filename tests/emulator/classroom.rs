//! The classroom: an instructor checks the `vpc-peering` lab in every team's account at once.
//!
//! Moto keeps accounts apart: credentials from `sts assume-role` into a role ARN of account X act
//! in account X. Each team account is built that way with the AWS CLI, and each team deploys the
//! shipped read-only role (`labs/classroom/sandpit-readonly-role.yaml`) with CloudFormation, as a
//! student would. The instructor is the default test identity in account 123456789012.

use std::time::{Duration, Instant};

use sandpit_e2e::labs;
use sandpit_e2e::team::{self, INSTRUCTOR_ACCOUNT, ROLE, TeamAccount, role_template_path};
use sandpit_e2e::{Faults, Moto, Run, text};
use serde_json::{Value, json};

/// How far a team got with the `vpc-peering` lab.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Progress {
    Nothing,
    DatabaseNetwork,
    Everything,
}

/// Builds `progress` of the lab in the account with the AWS CLI, as the lab's steps say.
fn build(a: &TeamAccount<'_>, progress: Progress) {
    if progress == Progress::Nothing {
        return;
    }
    let az = labs::availability_zones(a);
    let db = labs::database_network(a, &az);
    if progress == Progress::DatabaseNetwork {
        return;
    }
    let app = labs::app_network(a, &az);
    labs::peer_database(a, &app.vpc, &app.private_rt, db);
}

/// A roster file for `(team name, account id, role ARN, external id)`.
fn roster(dir: &tempfile::TempDir, teams: &[(&str, &str, String, String)]) -> String {
    let mut toml = String::from("[class]\nname = \"cloud-school-8\"\nregion = \"ap-northeast-2\"\n");
    for (name, account, arn, external_id) in teams {
        toml.push_str(&format!(
            "\n[[team]]\nname = \"{name}\"\nmembers = [\"a\", \"b\"]\naccount_id = \"{account}\"\nrole_arn = \"{arn}\"\nexternal_id = \"{external_id}\"\n"
        ));
    }
    let path = dir.path().join("class.toml");
    std::fs::write(&path, toml).unwrap();
    path.display().to_string()
}

/// `{team: (status, {step: status}, error)}` from `class check --json`.
/// One team's row: name, status, `(step, status)` in the lab's order, error.
type Row = (String, String, Vec<(String, String)>, Value);

fn team_rows(run: &Run) -> Vec<Row> {
    let json = run.json();
    json["teams"]
        .as_array()
        .unwrap_or_else(|| panic!("no teams in {json:#}"))
        .iter()
        .map(|t| {
            // serde_json sorts object keys: put them back in the lab's order (the output's own
            // order is asserted on the raw text).
            let object = t["steps"].as_object().unwrap();
            assert_eq!(object.len(), STEPS.len(), "{t:#}");
            let steps =
                STEPS.iter().map(|id| ((*id).to_owned(), object[*id].as_str().unwrap().to_owned())).collect();
            (
                t["team"].as_str().unwrap().to_owned(),
                t["status"].as_str().unwrap().to_owned(),
                steps,
                t["error"].clone(),
            )
        })
        .collect()
}

fn statuses(steps: &[(String, String)]) -> Vec<&str> {
    steps.iter().map(|(_, s)| s.as_str()).collect()
}

const STEPS: [&str; 7] = [
    "db-vpc",
    "db-subnets",
    "non-overlapping-cidrs",
    "peering-active",
    "app-routes-to-db",
    "db-routes-to-app",
    "db-security-group",
];

#[test]
fn three_team_accounts_are_checked_at_once_into_one_matrix_and_kept_for_the_report() {
    let m = Moto::start();
    let dir = tempfile::tempdir().unwrap();
    let mut teams = Vec::new();
    for (name, id, progress) in [
        ("team-1", "111111111111", Progress::Everything),
        ("team-2", "222222222222", Progress::DatabaseNetwork),
        ("team-3", "333333333333", Progress::Nothing),
    ] {
        let account = TeamAccount::open(&m, id);
        let external_id = format!("cs8-{name}");
        let arn = account.deploy_role(&external_id);
        assert_eq!(arn, format!("arn:aws:iam::{id}:role/{ROLE}"));
        build(&account, progress);
        teams.push((name, id, arn, external_id));
    }
    // The template's role: the checker policy, trusting only the instructor with the external id.
    let team1 = TeamAccount::open(&m, "111111111111");
    let role = team1.aws(&["iam", "get-role", "--role-name", ROLE]);
    let trust = &role["Role"]["AssumeRolePolicyDocument"]["Statement"][0];
    assert_eq!(trust["Principal"]["AWS"], format!("arn:aws:iam::{INSTRUCTOR_ACCOUNT}:root"));
    assert_eq!(trust["Condition"]["StringEquals"]["sts:ExternalId"], "cs8-team-1");
    let roster = roster(&dir, &teams);

    let run =
        m.sandpit(&["class", "check", "--roster", &roster, "--lab", "vpc-peering", "--json", "--lang", "en"]);
    assert_eq!(
        run.code, 0,
        "every team could be checked, whatever its progress:\n{}\n{}",
        run.stdout, run.stderr
    );
    assert_eq!(run.stderr, "", "no progress bar off a terminal");
    let json = run.json();
    assert_eq!(json["lab"], "vpc-peering");
    assert!(json["checked_at"].as_str().unwrap().ends_with('Z'));
    let rows = team_rows(&run);
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(names, ["team-1", "team-2", "team-3"], "roster order");
    for (_, _, _, error) in &rows {
        assert_eq!(*error, Value::Null);
    }
    let positions: Vec<usize> =
        STEPS.iter().map(|id| run.stdout.find(&format!("\"{id}\"")).expect("every step")).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "steps in the lab's order:\n{}", run.stdout);
    assert_eq!(json["teams"][0]["account"], "111111111111");
    assert_eq!((rows[0].1.as_str(), statuses(&rows[0].2)), ("pass", vec!["pass"; 7]), "{json:#}");
    assert_eq!(
        (rows[1].1.as_str(), statuses(&rows[1].2)),
        ("fail", vec!["pass", "pass", "fail", "fail", "fail", "fail", "fail"]),
        "{json:#}"
    );
    assert_eq!((rows[2].1.as_str(), statuses(&rows[2].2)), ("fail", vec!["fail"; 7]), "{json:#}");

    // The same matrix for spreadsheets and for people.
    let csv = m.sandpit(&["class", "check", "--roster", &roster, "--lab", "vpc-peering", "--csv"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(lines[0], format!("team,account,status,{},error", STEPS.join(",")));
    assert_eq!(lines[1], "team-1,111111111111,pass,pass,pass,pass,pass,pass,pass,pass,");
    assert_eq!(lines[3], "team-3,333333333333,fail,fail,fail,fail,fail,fail,fail,fail,");
    let table = m.sandpit(&["class", "check", "--roster", &roster, "--lab", "vpc-peering", "--lang", "en"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    let row = table.stdout.lines().find(|l| l.starts_with("team-2")).expect("a row per team");
    assert_eq!(row, "team-2  222222222222  ✔ ✔ ✘ ✘ ✘ ✘ ✘  fail", "{}", table.stdout);
    assert!(table.stdout.contains("  3  non-overlapping-cidrs"), "{}", table.stdout);

    // team-3 catches up; the report shows each team's latest status and first passes.
    build(&TeamAccount::open(&m, "333333333333"), Progress::Everything);
    let run = m.sandpit(&["class", "check", "--roster", &roster, "--lab", "vpc-peering", "--json"]);
    assert_eq!(team_rows(&run)[2].1, "pass");
    let out = dir.path().join("report.csv");
    let out_arg = out.display().to_string();
    let report = m.sandpit(&["class", "report", "--roster", &roster, "--out", &out_arg, "--format", "csv"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let csv = std::fs::read_to_string(&out).unwrap();
    let line = |team: &str, lab: &str, step: &str| {
        csv.lines()
            .find(|l| {
                l.starts_with(&format!("{team},"))
                    && l.contains(&format!(",{lab},"))
                    && l.contains(&format!(",{step},"))
            })
            .unwrap_or_else(|| panic!("no {team}/{lab}/{step} in\n{csv}"))
            .split(',')
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    // team,account,lab,lab_status,lab_checked_at,attempts,lab_first_passed_at,step,step_status,step_first_passed_at
    let t3 = line("team-3", "vpc-peering", "peering-active");
    assert_eq!((t3[3].as_str(), t3[5].as_str(), t3[8].as_str()), ("pass", "4", "pass"), "{csv}");
    let t3_vpc = line("team-3", "vpc-peering", "db-vpc");
    assert_eq!(t3[9], t3[4], "team-3 first passed peering-active in the latest check");
    assert_eq!(t3_vpc[9], t3[9]);
    let t1 = line("team-1", "vpc-peering", "db-vpc");
    assert!(t1[9] < t3[9], "team-1 passed long before team-3: {csv}");
    assert_eq!(t1[6], t1[9], "team-1 passed the whole lab in its first check");
    let t2 = line("team-2", "vpc-peering", "peering-active");
    assert_eq!((t2[3].as_str(), t2[8].as_str(), t2[9].as_str()), ("fail", "fail", ""));
    let never = line("team-1", "three-tier-vpc", "vpc");
    assert_eq!((never[3].as_str(), never[5].as_str()), ("", "0"), "never checked on other labs");

    let html = dir.path().join("report.html");
    let html_arg = html.display().to_string();
    let report = m.sandpit(&["class", "report", "--roster", &roster, "--out", &html_arg, "--lang", "en"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    for needle in
        ["cloud-school-8", "team-1", "333333333333", "vpc-peering", "peering-active", ">not checked<"]
    {
        assert!(page.contains(needle), "{needle} missing from the report");
    }
}

#[test]
fn a_team_that_cannot_be_reached_is_an_error_row_and_the_others_are_still_checked() {
    // Set up unauthenticated, then IAM is enforced for everything the check does, including the
    // instructor's AssumeRole (`enforce_iam`, not a count of free setup calls: an AWS CLI retry
    // under load would use up such a count early).
    let m = Moto::start();
    let dir = tempfile::tempdir().unwrap();
    // The instructor may assume only roles with the template's name, in any account.
    let policy = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": format!("arn:aws:iam::*:role/{ROLE}")},
        {"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"}
    ]});
    let (instructor_key, instructor_secret) =
        team::create_user_with_policy(&m, "instructor", "classroom", &policy);

    let team1 = TeamAccount::open(&m, "111111111111");
    let admin = team1.admin();
    let arn = admin.deploy_role("cs8-team-1");
    // Moto keeps an inline policy created by CloudFormation as a dict where its own IAM
    // enforcement expects JSON text (and fails with a server error): put the same checker
    // policy (which a unit test proves equal to the template's) through IAM once more.
    let checker = dir.path().join("checker.json");
    std::fs::write(&checker, sandpit_core::policy::checker_policy_text()).unwrap();
    admin.aws(&[
        "iam",
        "put-role-policy",
        "--role-name",
        ROLE,
        "--policy-name",
        "sandpit-checker",
        "--policy-document",
        &format!("file://{}", checker.display()),
    ]);
    build(&admin, Progress::DatabaseNetwork);
    // What the check must find in team-1's account, read back first: a failure here is the
    // build's, not the check's.
    let db_vpcs = admin.aws(&["ec2", "describe-vpcs", "--filters", "Name=tag:Name,Values=vpc-2"]);
    assert_eq!(text(&db_vpcs, &["Vpcs", "0", "CidrBlock"]), "172.16.0.0/16", "{db_vpcs:#}");
    let db_subnets = admin.aws(&["ec2", "describe-subnets", "--filters", "Name=cidr-block,Values=172.16.*"]);
    assert_eq!(db_subnets["Subnets"].as_array().map(Vec::len), Some(3), "{db_subnets:#}");

    let teams = [
        ("team-1", "111111111111", arn, "cs8-team-1".to_owned()),
        // Never deployed the role. (AWS refuses AssumeRole for a missing role; moto lets the
        // call through and fails every call made with the session, which Sandpit reports as an
        // account it could not read.)
        ("team-2", "222222222222", format!("arn:aws:iam::222222222222:role/{ROLE}"), "cs8-team-2".to_owned()),
        // A role the instructor may not assume: AWS STS answers AccessDenied.
        (
            "team-3",
            "333333333333",
            "arn:aws:iam::333333333333:role/TeamAdmin".to_owned(),
            "cs8-team-3".to_owned(),
        ),
    ];
    let roster_path = roster(&dir, &teams);
    let args = [
        "class",
        "check",
        "--roster",
        roster_path.as_str(),
        "--lab",
        "vpc-peering",
        "--json",
        "--lang",
        "en",
    ];
    m.enforce_iam();
    let run = m.sandpit_as(&instructor_key, &instructor_secret, &args);
    assert_eq!(run.code, 1, "some teams could not be checked:\n{}\n{}", run.stdout, run.stderr);
    let rows = team_rows(&run);
    assert_eq!(rows[0].1, "fail", "team-1 was checked through its role: {:#}", run.json());
    if statuses(&rows[0].2)[..2] != ["pass", "pass"] {
        // What the account held at that moment, and what moto logged, to tell a build problem
        // from a read of the wrong account or region.
        let vpcs = admin.aws(&["ec2", "describe-vpcs"]);
        let log = m.log();
        let tail: Vec<&str> = log.lines().rev().take(60).collect();
        panic!(
            "team-1's database network is built but was not seen:\n{}\nteam-1's VPCs now: {vpcs:#}\nmoto log (last lines first):\n{}",
            run.stdout,
            tail.join("\n")
        );
    }
    assert_eq!(rows[0].3, Value::Null);
    for (team, reason) in [(1, "unreadable: "), (2, "access-denied: ")] {
        let (name, status, steps, error) = &rows[team];
        assert_eq!(status, "error", "{name}");
        assert_eq!(statuses(steps), vec!["error"; 7], "{name}: nothing could be judged");
        let error = error.as_str().unwrap_or_else(|| panic!("{name} has no error"));
        assert!(error.starts_with(reason), "{name}: {error}");
    }
    let denied = rows[2].3.as_str().unwrap();
    assert!(denied.contains("arn:aws:iam::333333333333:role/TeamAdmin"), "{denied}");
    assert!(denied.contains("external id"), "the reason names what to check: {denied}");

    // No team reachable at all: exit 3, and the rows still say why.
    let roster_path = roster(&dir, &teams[1..]);
    let args = ["class", "check", "--roster", roster_path.as_str(), "--lab", "vpc-peering", "--json"];
    let run = m.sandpit_as(&instructor_key, &instructor_secret, &args);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(team_rows(&run).iter().map(|r| r.1.as_str()).collect::<Vec<_>>(), ["error", "error"]);
}

#[test]
fn a_broken_roster_is_refused_with_its_line_before_any_account_is_read() {
    let m = Moto::start();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("class.toml");
    std::fs::write(
        &path,
        "[class]\nname = \"c\"\nregion = \"ap-northeast-2\"\n\n[[team]]\nname = \"t\"\naccount_id = \"111111111111\"\n\
         role_arn = \"arn:aws:iam::222222222222:role/SandpitInstructorReadOnly\"\nexternal_id = \"cs8-t\"\n",
    )
    .unwrap();
    let roster = path.display().to_string();
    let run = m.sandpit(&["class", "check", "--roster", &roster, "--lab", "vpc-peering", "--json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("class.toml:8:12: team[0].role_arn: the role is in account 222222222222"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    let run = m.sandpit(&["class", "check", "--roster", &roster, "--lab", "no-such-lab"]);
    assert_eq!(run.code, 2);
    let template = m.sandpit(&["class", "role-template"]);
    assert_eq!(template.stdout, std::fs::read_to_string(role_template_path()).unwrap());
}

/// The class of 30 teams, through a proxy adding 100 ms to every AWS call (a real region is
/// further away than loopback): checking them at once finishes in well under the time of
/// checking them one by one. `make bench` prints the same comparison.
#[test]
fn thirty_teams_take_well_under_the_time_of_checking_them_one_by_one() {
    let (sequential, concurrent) = time_thirty_teams();
    eprintln!(
        "class check of 30 teams (100 ms per AWS call): one by one {sequential:.1?}, 8 at a time {concurrent:.1?}"
    );
    assert!(concurrent * 3 < sequential, "8 at a time ({concurrent:?}) vs one by one ({sequential:?})");
}

/// Wall time of `sandpit class check` over 30 (empty) team accounts through a proxy adding
/// 100 ms to every AWS call: `--concurrency 1` (one by one) and the default 8. Also `make bench`'s
/// figure (`bench::class_check_30_teams`).
pub(crate) fn time_thirty_teams() -> (Duration, Duration) {
    let m = Moto::start();
    let proxy = m.proxy(Faults::latency(Duration::from_millis(100)));
    let dir = tempfile::tempdir().unwrap();
    let teams: Vec<(String, String)> =
        (1..=30).map(|i| (format!("team-{i}"), format!("{:012}", 500_000_000_000u64 + i))).collect();
    let entries: Vec<(&str, &str, String, String)> = teams
        .iter()
        .map(|(name, id)| {
            (name.as_str(), id.as_str(), format!("arn:aws:iam::{id}:role/{ROLE}"), format!("cs8-{name}"))
        })
        .collect();
    let roster = roster(&dir, &entries);
    let timed = |concurrency: &str| {
        let start = Instant::now();
        let run = m.sandpit_via(
            &proxy.endpoint,
            &[
                "class",
                "check",
                "--roster",
                &roster,
                "--lab",
                "vpc-peering",
                "--json",
                "--concurrency",
                concurrency,
            ],
        );
        assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
        assert_eq!(team_rows(&run).len(), 30);
        start.elapsed()
    };
    let sequential = timed("1");
    let concurrent = timed("8");
    (sequential, concurrent)
}

/// The template is valid CloudFormation: AWS's own linter (cfn-lint, installed with moto) finds
/// nothing, and the emulator's CloudFormation accepts it.
#[test]
fn the_role_template_passes_cfn_lint_and_validate_template() {
    let lint = sandpit_e2e::moto_server_path().with_file_name("cfn-lint");
    let out = std::process::Command::new(&lint).arg(role_template_path()).output().expect("run cfn-lint");
    assert!(
        out.status.success(),
        "cfn-lint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let m = Moto::start();
    let template = format!("file://{}", role_template_path().display());
    let valid = m.aws(&["cloudformation", "validate-template", "--template-body", &template]);
    assert!(valid["Description"].as_str().unwrap().contains("read-only"), "{valid:#}");
}
