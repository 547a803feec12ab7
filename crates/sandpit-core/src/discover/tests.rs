//! Discovery over fixture snapshots: the bootcamp's own layout reads back as the defaults, and
//! layouts built otherwise read as what they are.

use chrono::Utc;

use super::*;
use crate::checks::fixtures::{Builder, cidr, group, guard, rds_solved, solved, tcp};
use crate::engine::{self, BudgetGuard, ParamChoice, StepFilter};
use crate::labs::LabSet;
use crate::report::LabStatus;

fn labs() -> LabSet {
    LabSet::builtin().unwrap()
}

fn check(lab: &str, snap: &Snapshot, choice: ParamChoice) -> Report {
    let labs = labs();
    let lab = labs.get(lab).unwrap();
    engine::check(lab, &[], choice, &StepFilter::all(), snap, Utc::now(), BudgetGuard::Enforce).unwrap()
}

fn failing(report: &Report) -> Vec<&str> {
    report.steps.iter().filter(|s| s.status != StepStatus::Pass).map(|s| s.id.as_str()).collect()
}

#[test]
fn sources_parse_and_print_the_way_lab_files_write_them() {
    for name in ["app_vpc.cidr", "was_subnet.2", "db_sg.port", "db.key_alias", "zone.domain"] {
        assert_eq!(name.parse::<Source>().unwrap().to_string(), name);
    }
    assert!("was_subnet.0".parse::<Source>().unwrap_err().contains("1-9"));
    assert!("vpc.cidr".parse::<Source>().unwrap_err().contains("app_vpc.cidr"), "lists the known ones");
    assert_eq!("web_sg.port".parse::<Source>().unwrap().param_type(), ParamType::Port);
}

#[test]
fn the_bootcamp_layout_reads_back_as_the_labs_defaults() {
    let (mut b, _) = rds_solved();
    guard(&mut b);
    let snap = b.build();
    for lab in ["three-tier-vpc", "vpc-peering", "rds-kms"] {
        let labs = labs();
        let lab = labs.get(lab).unwrap();
        let d = discover(lab, &snap);
        let changed: Vec<(&str, &str)> = d.changed().map(|f| (f.param.as_str(), f.value.as_str())).collect();
        assert_eq!(changed, Vec::<(&str, &str)>::new(), "{}: {d:#?}", lab.id);
        assert!(!d.found.is_empty());
    }
}

/// The AWS documentation's sample VPC (10.192.0.0/16, public 10.192.10-11, private 10.192.20-21,
/// a NAT gateway per zone), grown to three tiers: web 10.192.20-21, WAS 10.192.30-31, other names
/// for every group, a second route table per zone.
fn sample_layout() -> Builder {
    let mut b = Builder::empty();
    guard(&mut b);
    let (a, c) = ("ap-northeast-2a", "ap-northeast-2c");
    let v = b.vpc("10.192.0.0/16", "Sample VPC");
    let public = [
        b.subnet(&v, "10.192.10.0/24", a, "Public Subnet (AZ1)"),
        b.subnet(&v, "10.192.11.0/24", c, "Public Subnet (AZ2)"),
    ];
    let web = [
        b.subnet(&v, "10.192.20.0/24", a, "Private Subnet (AZ1)"),
        b.subnet(&v, "10.192.21.0/24", c, "Private Subnet (AZ2)"),
    ];
    let was = [
        b.subnet(&v, "10.192.30.0/24", a, "App Subnet (AZ1)"),
        b.subnet(&v, "10.192.31.0/24", c, "App Subnet (AZ2)"),
    ];
    let igw = b.igw(Some(&v));
    let (e1, e2) = (b.eip(), b.eip());
    let nat1 = b.nat(&v, &public[0], Some(&e1), "available");
    let nat2 = b.nat(&v, &public[1], Some(&e2), "available");
    b.route_table(&v, &[&public[0], &public[1]], &[("0.0.0.0/0", &igw)]);
    b.route_table(&v, &[&web[0], &was[0]], &[("0.0.0.0/0", &nat1)]);
    b.route_table(&v, &[&web[1], &was[1]], &[("0.0.0.0/0", &nat2)]);
    let lb = b.sg(&v, "LoadBalancerSG", vec![tcp(80, cidr("0.0.0.0/0")), tcp(443, cidr("0.0.0.0/0"))]);
    let front = b.sg(&v, "WebServerSG", vec![tcp(80, group(&lb))]);
    b.sg(&v, "AppServerSG", vec![tcp(8080, group(&front))]);
    b
}

#[test]
fn a_layout_built_from_another_template_passes_with_discover_and_names_the_param_line_without() {
    let snap = sample_layout().build();
    let without = check("three-tier-vpc", &snap, ParamChoice::Given);
    assert_eq!(without.status, LabStatus::Fail);
    let suggestion = without.suggestion.clone().expect("a suggestion");
    assert!(suggestion.param_line.contains("--param vpc_cidr=10.192.0.0/16"), "{}", suggestion.param_line);
    assert!(suggestion.param_line.contains("--param vpc_name='Sample VPC'"), "{}", suggestion.param_line);
    assert!(
        suggestion.param_line.contains("--param was_subnet_1=10.192.30.0/24"),
        "{}",
        suggestion.param_line
    );
    assert!(suggestion.param_line.contains("--param web_sg=WebServerSG"), "{}", suggestion.param_line);
    assert!(suggestion.command.starts_with("sandpit check three-tier-vpc --param "));
    // The failing VPC step names the line; the verdict and the exit status stay what they were.
    let vpc = without.step("vpc").unwrap();
    assert_eq!(vpc.status, StepStatus::Fail);
    let info = vpc.findings.iter().find(|f| f.status == crate::report::FindingStatus::Info).unwrap();
    assert!(info.message.en.contains("--param vpc_cidr=10.192.0.0/16"), "{}", info.message.en);
    assert_eq!(crate::english_words(&info.message.ko), Vec::<String>::new(), "{}", info.message.ko);
    assert_eq!(crate::english_words(&info.hint.as_ref().unwrap().ko), Vec::<String>::new());

    let with = check("three-tier-vpc", &snap, ParamChoice::Discover);
    assert_eq!(failing(&with), Vec::<&str>::new(), "{with:#?}");
    let discovered = with.discovered.as_ref().unwrap();
    assert_eq!(discovered["public_subnet_2"], "10.192.11.0/24");
    assert_eq!(discovered["app_port"], "8080");
    assert_eq!(discovered["alb_sg"], "LoadBalancerSG");
    assert!(with.suggestion.is_none());
    let json = serde_json::to_value(with.render(crate::Lang::En)).unwrap();
    assert_eq!(json["discovered"]["vpc_cidr"], "10.192.0.0/16");
    for key in ["lab", "account", "region", "checked_at", "status", "steps", "summary"] {
        assert!(json.get(key).is_some(), "{key}");
    }
}

#[test]
fn given_params_win_over_discovered_ones_and_are_never_second_guessed() {
    let snap = sample_layout().build();
    let labs = labs();
    let lab = labs.get("three-tier-vpc").unwrap();
    let given = vec![("app_port".to_owned(), "9999".to_owned())];
    let report = engine::check(
        lab,
        &given,
        ParamChoice::Discover,
        &StepFilter::all(),
        &snap,
        Utc::now(),
        BudgetGuard::Enforce,
    )
    .unwrap();
    assert_eq!(report.params["app_port"], "9999");
    assert_eq!(failing(&report), ["was-security-group"]);
    let report = engine::check(
        lab,
        &given,
        ParamChoice::Given,
        &StepFilter::all(),
        &snap,
        Utc::now(),
        BudgetGuard::Enforce,
    )
    .unwrap();
    assert!(!report.suggestion.unwrap().params.contains_key("app_port"));
}

#[test]
fn a_vpc_without_a_name_tag_is_named_by_its_id() {
    let mut b = Builder::empty();
    let v = b.vpc("10.30.0.0/16", "");
    b.subnet(&v, "10.30.1.0/24", "ap-northeast-2a", "");
    let snap = b.build();
    let labs = labs();
    let d = discover(labs.get("three-tier-vpc").unwrap(), &snap);
    assert_eq!(d.values()["vpc_name"], v);
}

#[test]
fn nothing_to_suggest_when_the_defaults_already_pass_or_nothing_is_built() {
    let (mut b, _) = solved();
    guard(&mut b);
    assert!(check("three-tier-vpc", &b.build(), ParamChoice::Given).suggestion.is_none());
    let mut b = Builder::empty();
    guard(&mut b);
    let empty = check("three-tier-vpc", &b.build(), ParamChoice::Given);
    assert!(empty.suggestion.is_none());
    assert_eq!(empty.status, LabStatus::Fail);
}

#[test]
fn a_customer_key_under_another_alias_is_discovered() {
    let (mut b, s) = rds_solved();
    guard(&mut b);
    let mine = b.kms_key("alias/team7-mysql", "CUSTOMER");
    b.db(&s.db).kms_key_id = Some(format!("arn:aws:kms:ap-northeast-2:123456789012:key/{mine}"));
    let snap = b.build();
    let with = check("rds-kms", &snap, ParamChoice::Discover);
    assert_eq!(with.discovered.as_ref().unwrap()["key_alias"], "alias/team7-mysql");
    assert_eq!(failing(&with), Vec::<&str>::new(), "{with:#?}");
}

#[test]
fn the_param_line_quotes_what_a_shell_would_split() {
    assert_eq!(
        param_line([("a", "10.0.0.0/16"), ("b", "My VPC")]),
        "--param a=10.0.0.0/16 --param b='My VPC'"
    );
    assert_eq!(param_line([("c", "it's")]), r"--param c='it'\''s'");
}
