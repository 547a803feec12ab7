//! `team-project`, the capstone made of the other labs' steps by reference: the whole journal
//! architecture in one check, and one team × step matrix for the instructor.

use sandpit_e2e::team::TeamAccount;
use sandpit_e2e::{Faults, Moto, labs, not_passing};

use crate::api_budget::{build_every_lab, solved_proxy};

/// The ids of the capstone's steps, as `sandpit labs --json` lists them.
fn capstone_steps() -> Vec<String> {
    let run = sandpit_e2e::sandpit_offline(&["labs", "--json", "--lang", "en"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let labs = run.json();
    let lab =
        labs.as_array().unwrap().iter().find(|l| l["id"] == "team-project").expect("team-project is listed");
    assert_eq!(lab["billable"], true, "it includes billable labs");
    lab["steps"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_whole_project_built_with_the_aws_cli_passes_as_one_lab() {
    let m = Moto::start();
    let answers = build_every_lab(&m);
    let proxy = solved_proxy(&m, &answers, Faults::none());
    let run = m.sandpit_via(&proxy.endpoint, &["check", "team-project", "--json", "--lang", "en"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    assert_eq!(report["status"], "pass");
    assert_eq!(not_passing(&report), Vec::<String>::new());
    let ids: Vec<&str> =
        report["steps"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids[0], "budget-guard", "the preflight of a billable lab");
    assert_eq!(ids[1..].iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(), capstone_steps());
    for prefix in [
        "budget-guard/",
        "iam-team-access/",
        "three-tier-vpc/",
        "vpc-peering/",
        "rds-kms/",
        "was-alb-asg/",
        "scaling-alerts/",
    ] {
        assert!(ids.iter().any(|id| id.starts_with(prefix)), "{prefix} steps are in the capstone");
    }

    // One included step, by its prefixed id: partly checked.
    let run =
        m.sandpit_via(&proxy.endpoint, &["check", "team-project", "--step", "vpc-peering/db-vpc", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.json();
    // A billable lab's budget preflight is checked with any step.
    assert_eq!(report["status"], "partial");
    assert_eq!(report["checked_steps"], serde_json::json!(["budget-guard", "vpc-peering/db-vpc"]));

    // Breaking a piece of one lab fails the same step in the capstone, prefixed.
    m.aws(&[
        "iam",
        "detach-group-policy",
        "--group-name",
        "devops",
        "--policy-arn",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
    ]);
    let run = m.sandpit_via(&proxy.endpoint, &["check", "team-project", "--json", "--lang", "en"]);
    assert_eq!(run.code, 1);
    assert_eq!(not_passing(&run.json()), ["iam-team-access/devops-group"]);
}

fn roster(dir: &tempfile::TempDir, teams: &[(&str, &str, String, String)]) -> String {
    let mut toml = String::from("[class]\nname = \"cloud-school-8\"\nregion = \"ap-northeast-2\"\n");
    for (name, account, arn, external_id) in teams {
        toml.push_str(&format!(
            "\n[[team]]\nname = \"{name}\"\nmembers = [\"a\"]\naccount_id = \"{account}\"\nrole_arn = \"{arn}\"\nexternal_id = \"{external_id}\"\n"
        ));
    }
    let path = dir.path().join("class.toml");
    std::fs::write(&path, toml).unwrap();
    path.display().to_string()
}

#[test]
fn the_instructor_sees_the_whole_project_as_one_team_by_step_matrix() {
    let m = Moto::start();
    let dir = tempfile::tempdir().unwrap();
    let mut teams = Vec::new();
    for (name, id, built) in [("team-1", "111111111111", true), ("team-2", "222222222222", false)] {
        let account = TeamAccount::open(&m, id);
        let external_id = format!("cs8-{name}");
        let arn = account.deploy_role(&external_id);
        if built {
            // The network half of the project: three-tier-vpc and vpc-peering.
            let app = labs::three_tier_vpc(&account, true);
            labs::vpc_peering(&account, &app);
        }
        teams.push((name, id, arn, external_id));
    }
    let roster = roster(&dir, &teams);
    let args = ["class", "check", "--roster", &roster, "--lab", "team-project", "--no-budget-guard"];
    let run = m.sandpit(&[&args[..], &["--json", "--lang", "en"]].concat());
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let json = run.json();
    assert_eq!(json["lab"], "team-project");
    let cell =
        |team: usize, step: &str| json["teams"][team]["steps"][step].as_str().unwrap_or("missing").to_owned();
    let steps = capstone_steps();
    // A column per step of the lab, as for every lab: the included budget-guard steps say
    // whether the team's spending is guarded.
    let columns: Vec<&String> = json["teams"][0]["steps"].as_object().unwrap().keys().collect();
    assert_eq!(columns.len(), steps.len(), "every step of the capstone");
    for step in [
        "three-tier-vpc/vpc",
        "three-tier-vpc/nat-gateway",
        "vpc-peering/db-vpc",
        "vpc-peering/peering-active",
    ] {
        assert_eq!(
            (cell(0, step), cell(1, step)),
            ("pass".to_owned(), "fail".to_owned()),
            "{step}: {json:#}"
        );
    }
    for step in [
        "budget-guard/monthly-cost-budget",
        "rds-kms/db-instance",
        "was-alb-asg/listener",
        "iam-team-access/infra-group",
    ] {
        assert_eq!(cell(0, step), "fail", "{step}: {json:#}");
    }

    // The same matrix for a spreadsheet: a column per step, in the lab's order.
    let csv = m.sandpit(&[&args[..], &["--csv"]].concat());
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let header = csv.stdout.lines().next().unwrap().to_owned();
    assert_eq!(header, format!("team,account,status,{},error", steps.join(",")));
    assert!(csv.stdout.lines().nth(1).unwrap().starts_with("team-1,111111111111,fail,fail,"));

    // And in the class report, from the progress store.
    let out = dir.path().join("report.html");
    let out_arg = out.display().to_string();
    let report = m.sandpit(&["class", "report", "--roster", &roster, "--out", &out_arg, "--lang", "en"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let page = std::fs::read_to_string(&out).unwrap();
    for needle in ["team-project", "vpc-peering/db-vpc", "was-alb-asg/auto-scaling-group", "team-2"] {
        assert!(page.contains(needle), "{needle} missing from the class report");
    }
}
