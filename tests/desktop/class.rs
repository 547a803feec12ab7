//! The Class view in the real window: an instructor loads a roster of team accounts and checks a
//! lab in all of them at once.
//!
//! Moto keeps accounts apart: credentials from `sts assume-role` into a role of account X act in
//! account X. Each team account deploys the shipped read-only role
//! (`labs/classroom/sandpit-readonly-role.yaml`) with CloudFormation, as a student would; team-1
//! builds the database network of `vpc-peering`, team-2 nothing, and team-3's roster entry names
//! a region the emulator does not serve, so nothing can be read there: an error row with the
//! reason. The instructor is the window's own identity (account 123456789012).

use std::path::Path;

use sandpit_e2e::labs;
use sandpit_e2e::{Moto, TeamAccount};
use serde_json::{Value, json};

use crate::webdriver::Session;

const LAB: &str = "vpc-peering";

/// `(name, account, role ARN, region override)` as a roster file in `dir`.
fn write_roster(dir: &Path, teams: &[(&str, &str, String, Option<&str>)]) -> String {
    let mut toml = String::from("[class]\nname = \"cloud-school-8\"\nregion = \"ap-northeast-2\"\n");
    for (name, account, arn, region) in teams {
        toml.push_str(&format!(
            "\n[[team]]\nname = \"{name}\"\nmembers = [\"kim\", \"lee\"]\naccount_id = \"{account}\"\n\
             role_arn = \"{arn}\"\nexternal_id = \"cs8-{name}\"\n"
        ));
        if let Some(region) = region {
            toml.push_str(&format!("region = \"{region}\"\n"));
        }
    }
    let path = dir.join("class.toml");
    std::fs::write(&path, toml).unwrap();
    path.display().to_string()
}

/// Clicks "check the class" and waits for the matrix (every team checked).
pub(crate) fn check_the_class(s: &Session) {
    s.click("#class-check");
    s.wait_for(
        "the class matrix",
        180,
        "var b = document.getElementById('class-body'); return b.getAttribute('data-state') === 'idle' && !!document.getElementById('class-matrix');",
        json!([]),
    );
}

/// Opens the Class view from the navigation and waits until its lab list is filled.
pub(crate) fn open_class_view(s: &Session) {
    s.click("#nav-class");
    s.wait_for(
        "the Class view",
        30,
        "return !document.getElementById('view-class').hidden && document.querySelectorAll('#class-lab option').length > 0;",
        json!([]),
    );
}

/// Replaces the roster path in the form and presses Load.
fn load_roster(s: &Session, path: &str) {
    s.js("document.getElementById('class-roster').value = '';", json!([]));
    s.type_into("#class-roster", path);
    s.click("#class-load");
}

/// `data-status` of each cell of `team`'s row, in column order.
fn row_cells(s: &Session, team: &str) -> Vec<String> {
    let v = s.js(
        "var r = document.querySelector('#class-matrix tr.team-row[data-team=\"' + arguments[0] + '\"]');\
         return r ? Array.prototype.map.call(r.querySelectorAll('td.cell'), function (c) {\
           return c.getAttribute('data-status') + ' ' + c.textContent; }) : null;",
        json!([team]),
    );
    v.as_array()
        .unwrap_or_else(|| panic!("no row for {team}"))
        .iter()
        .map(|c| c.as_str().unwrap_or_default().to_owned())
        .collect()
}

fn row_status(s: &Session, team: &str) -> String {
    s.js(
        "var r = document.querySelector('#class-matrix tr.team-row[data-team=\"' + arguments[0] + '\"]'); return r && r.getAttribute('data-status');",
        json!([team]),
    )
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Drives the Class view; `dir` is a scratch directory for the roster files. Screenshots through
/// `shoot`.
pub(crate) fn class_view(s: &Session, m: &Moto, dir: &Path, shoot: impl Fn(&Session, &str)) {
    let mut teams = Vec::new();
    let mut team1_vpc = String::new();
    for (name, id) in [("team-1", "111111111111"), ("team-2", "222222222222")] {
        let account = TeamAccount::open(m, id);
        let arn = account.deploy_role(&format!("cs8-{name}"));
        assert_eq!(arn, format!("arn:aws:iam::{id}:role/SandpitInstructorReadOnly"));
        if name == "team-1" {
            // The first two steps of the lab: the database VPC and its three subnets.
            team1_vpc = labs::database_network(&account, &labs::availability_zones(&account)).vpc;
        }
        teams.push((name, id, arn, None));
    }
    teams.push((
        "team-3",
        "333333333333",
        "arn:aws:iam::333333333333:role/SandpitInstructorReadOnly".to_owned(),
        Some("xx-nowhere-1"),
    ));
    let roster = write_roster(dir, &teams);

    open_class_view(s);
    assert_eq!(s.text("#nav-class"), "수업");

    // A broken roster: the parser's file:line message, in the page.
    let broken = dir.join("broken.toml");
    std::fs::write(
        &broken,
        "[class]\nname = \"cloud-school-8\"\nregion = \"ap-northeast-2\"\n\n[[team]]\nname = \"team-1\"\n\
         account_id = \"1234\"\nrole_arn = \"arn:aws:iam::111111111111:role/R\"\nexternal_id = \"cs8-team-1\"\n",
    )
    .unwrap();
    load_roster(s, &broken.display().to_string());
    let message = s.wait_for(
        "the roster error",
        30,
        "var e = document.getElementById('class-roster-error'); return e && e.textContent;",
        json!([]),
    );
    let message = message.as_str().unwrap_or_default();
    assert!(message.contains(&format!("{}:7:", broken.display())), "file:line in the page: {message}");
    assert!(message.contains("account_id"), "{message}");

    // The roster: three teams.
    load_roster(s, &roster);
    let summary = s.wait_for(
        "the roster",
        30,
        "var e = document.getElementById('class-roster-summary'); return e && e.textContent;",
        json!([]),
    );
    assert!(summary.as_str().unwrap_or_default().contains("cloud-school-8"), "{summary}");
    assert_eq!(
        s.js("return document.querySelectorAll('#class-roster-info .team-chips li').length;", json!([])),
        json!(3)
    );
    assert!(s.js("return !document.getElementById('class-roster-error');", json!([])) == Value::Bool(true));

    // Check the class.
    s.js("var l = document.getElementById('class-lab'); l.value = arguments[0];", json!([LAB]));
    check_the_class(s);
    // Progress came in as each team finished ("확인 중 3/3").
    s.wait_for(
        "the last progress message",
        10,
        "return document.getElementById('class-body').getAttribute('data-progress') === '3/3';",
        json!([]),
    );
    assert_eq!(
        s.js("return document.getElementById('class-matrix').getAttribute('data-lab');", json!([])),
        LAB
    );
    assert_eq!(
        row_cells(s, "team-1"),
        [
            "pass ✓통과",
            "pass ✓통과",
            "fail ×미완료",
            "fail ×미완료",
            "fail ×미완료",
            "fail ×미완료",
            "fail ×미완료"
        ],
        "colour class and symbol per cell"
    );
    assert_eq!(row_status(s, "team-1"), "fail");
    assert_eq!(row_cells(s, "team-2"), vec!["fail ×미완료"; 7]);
    assert_eq!(row_status(s, "team-3"), "error");
    let cell = "#class-matrix tr.team-row[data-team=\"team-3\"] td.team-error";
    let reason =
        s.js("return document.querySelector(arguments[0]).getAttribute('data-reason');", json!([cell]));
    assert_eq!(reason, "unreadable", "the class JSON's reason word, kept on the cell");
    // One Korean sentence saying where to look; AWS's own words behind 자세히.
    let headline = s.text(&format!("{cell} .error-headline"));
    assert!(headline.contains("명단의 역할과 리전"), "the reason, in Korean: {headline}");
    let english = sandpit_core::english_words(&headline);
    assert!(english.is_empty(), "English in the Korean window: {english:?} in {headline}");
    let details =
        s.js("return document.querySelector(arguments[0] + ' .error-message').textContent;", json!([cell]));
    let details = details.as_str().unwrap_or_default();
    assert!(details.contains("333333333333"), "the role in the details: {details}");
    // An endpoint's page that is not an AWS error is said as such, not as a code-less "Unknown: ".
    assert!(details.contains("without an AWS error") && !details.contains("Unknown"), "{details}");
    assert_eq!(s.text("#class-check"), "새로 고침", "the button refreshes now");
    let summary = s.text("#class-summary");
    assert!(summary.contains("2/3"), "{summary}");

    // Drill into team-1: findings per step with the resource ids, and its picture.
    // The row reacts to a click anywhere in it; WebDriver clicks a cell (a row is not "interactable").
    s.click("#class-matrix tr.team-row[data-team=\"team-1\"] th.team");
    s.wait_for(
        "team-1's findings",
        30,
        "var d = document.getElementById('class-team'); return d.getAttribute('data-team') === 'team-1' && d.querySelectorAll('.step').length > 0;",
        json!([]),
    );
    let step = |id: &str| format!("#class-team .step[data-step=\"{id}\"]");
    assert_eq!(
        s.js(
            "return document.querySelector(arguments[0]).getAttribute('data-status');",
            json!([step("db-vpc")])
        ),
        "pass"
    );
    let findings = s.text(&format!("{} .findings", step("db-vpc")));
    assert!(findings.contains(&team1_vpc), "the finding names {team1_vpc}: {findings}");
    assert_eq!(
        s.js(
            "return document.querySelector(arguments[0]).getAttribute('data-status');",
            json!([step("peering-active")])
        ),
        "fail"
    );
    assert!(!s.text(&format!("{} .findings", step("peering-active"))).trim().is_empty());
    let picture = s.js("return document.querySelector('#class-team .actual svg').outerHTML;", json!([]));
    let picture = picture.as_str().unwrap_or_default();
    assert!(picture.contains("172.16.0.0/16"), "team-1's picture shows its VPC");
    assert!(
        s.js("return document.querySelectorAll('#class-team .diffs li.diff-missing').length;", json!([]))
            .as_u64()
            .unwrap_or(0)
            > 0,
        "what team-1 still lacks is listed"
    );
    s.js("window.scrollTo(0, 0);", json!([]));
    shoot(s, "class");
    s.js("document.getElementById('class-team').scrollIntoView();", json!([]));
    shoot(s, "class-team");

    // team-3 could not be checked: the drill-down says why.
    s.click("#class-matrix tr.team-row[data-team=\"team-3\"] th.team");
    s.wait_for(
        "team-3's reason",
        30,
        "var d = document.getElementById('class-team'); return d.getAttribute('data-team') === 'team-3' && !!d.querySelector('.team-unreachable');",
        json!([]),
    );
    let said = s.text("#class-team .team-unreachable .error-headline");
    assert!(said.contains("명단의 역할과 리전"), "the reason, in Korean: {said}");
    let reason = s.js(
        "return document.querySelector('#class-team .team-unreachable [data-reason]').getAttribute('data-reason');",
        json!([]),
    );
    assert_eq!(reason, "unreadable");
}
