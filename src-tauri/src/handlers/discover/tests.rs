//! "Is this yours?" without a window: a snapshot of a three-tier network built from another
//! template (other addresses, other names) is read, its parameters offered, confirmed, and every
//! later check of the lab uses them — and the store keeps them with the attempt. Confirmed
//! parameters outlive the app and belong to one account.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sandpit_core::report::{LabStatus, StepStatus};
use sandpit_core::snapshot::*;
use sandpit_store::{AttemptFilter, Store};

use super::*;
use crate::handlers::{check_lab_from, lab_detail};

fn state() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(Some(dir.path().to_path_buf()), None).unwrap();
    (dir, state)
}

/// The parameters checks of three-tier-vpc in `account` use, as `--param` pairs.
fn given(state: &AppState, account: Option<&str>) -> Vec<(String, String)> {
    let labs = state.labs().unwrap();
    state.given_params(account, labs.get("three-tier-vpc").unwrap())
}

/// What the account's candidates differ in, as the panel ticks them by default.
fn differing(view: &DiscoverView) -> BTreeMap<String, String> {
    view.candidates
        .iter()
        .filter(|c| c.differs)
        .filter_map(|c| Some((c.name.clone(), c.found.clone()?)))
        .collect()
}

fn failing(view: &crate::handlers::ReportView) -> Vec<String> {
    view.report.steps.iter().filter(|s| s.status != StepStatus::Pass).map(|s| s.id.clone()).collect()
}

fn tags(name: &str) -> Tags {
    [("Name".to_owned(), name.to_owned())].into_iter().collect()
}

fn route(destination: &str, target: &str) -> Route {
    Route {
        destination: destination.into(),
        target: target.into(),
        target_kind: RouteTargetKind::from_target_id(target),
        state: "active".into(),
    }
}

fn group(id: &str, name: &str, ingress: Vec<SgRule>) -> SecurityGroup {
    SecurityGroup {
        id: id.into(),
        name: name.into(),
        vpc_id: "vpc-sample".into(),
        description: name.into(),
        ingress,
        egress: Vec::new(),
        tags: Tags::new(),
    }
}

fn tcp(port: i32, source: RuleSource) -> SgRule {
    SgRule::new("tcp", Some(port), Some(port), source)
}

const ACCOUNT: &str = "111111111111";

/// The AWS documentation's sample VPC (10.192.0.0/16) grown to three tiers, a NAT gateway per
/// zone, and the budget guard in place, saved as `sandpit check --save-snapshot` would.
fn sample_account(dir: &Path) -> PathBuf {
    sample_account_of(dir, ACCOUNT)
}

/// [`sample_account`] as read in `account`.
fn sample_account_of(dir: &Path, account: &str) -> PathBuf {
    let (a, c) = ("ap-northeast-2a", "ap-northeast-2c");
    let subnet = |id: &str, cidr: &str, zone: &str, name: &str| Subnet {
        id: id.into(),
        vpc_id: "vpc-sample".into(),
        cidr: cidr.into(),
        availability_zone: zone.into(),
        map_public_ip_on_launch: false,
        tags: tags(name),
    };
    let table = |id: &str, subnets: &[&str], routes: Vec<Route>| RouteTable {
        id: id.into(),
        vpc_id: "vpc-sample".into(),
        main: subnets.is_empty(),
        subnet_ids: subnets.iter().map(|s| (*s).to_owned()).collect(),
        routes,
        tags: Tags::new(),
    };
    let nat = |id: &str, subnet: &str, alloc: &str| NatGateway {
        id: id.into(),
        vpc_id: "vpc-sample".into(),
        subnet_id: subnet.into(),
        state: "available".into(),
        connectivity: "public".into(),
        addresses: vec![NatGatewayAddress {
            allocation_id: Some(alloc.into()),
            public_ip: Some("3.34.0.1".into()),
            private_ip: None,
        }],
        created_at: None,
        tags: Tags::new(),
    };
    let local = || route("10.192.0.0/16", "local");
    let snapshot = Snapshot {
        account: Some(account.into()),
        region: Some("ap-northeast-2".into()),
        vpcs: vec![Vpc {
            id: "vpc-sample".into(),
            cidr: "10.192.0.0/16".into(),
            secondary_cidrs: Vec::new(),
            is_default: false,
            state: "available".into(),
            tags: tags("SampleVPC"),
        }]
        .into(),
        subnets: vec![
            subnet("subnet-pub1", "10.192.10.0/24", a, "Public Subnet (AZ1)"),
            subnet("subnet-pub2", "10.192.11.0/24", c, "Public Subnet (AZ2)"),
            subnet("subnet-web1", "10.192.20.0/24", a, "Private Subnet (AZ1)"),
            subnet("subnet-web2", "10.192.21.0/24", c, "Private Subnet (AZ2)"),
            subnet("subnet-app1", "10.192.30.0/24", a, "App Subnet (AZ1)"),
            subnet("subnet-app2", "10.192.31.0/24", c, "App Subnet (AZ2)"),
        ]
        .into(),
        route_tables: vec![
            table("rtb-main", &[], vec![local()]),
            table(
                "rtb-public",
                &["subnet-pub1", "subnet-pub2"],
                vec![local(), route("0.0.0.0/0", "igw-sample")],
            ),
            table("rtb-az1", &["subnet-web1", "subnet-app1"], vec![local(), route("0.0.0.0/0", "nat-az1")]),
            table("rtb-az2", &["subnet-web2", "subnet-app2"], vec![local(), route("0.0.0.0/0", "nat-az2")]),
        ]
        .into(),
        internet_gateways: vec![InternetGateway {
            id: "igw-sample".into(),
            attachments: vec![IgwAttachment { vpc_id: "vpc-sample".into(), state: "available".into() }],
            tags: Tags::new(),
        }]
        .into(),
        nat_gateways: vec![
            nat("nat-az1", "subnet-pub1", "eipalloc-1"),
            nat("nat-az2", "subnet-pub2", "eipalloc-2"),
        ]
        .into(),
        security_groups: vec![
            group(
                "sg-lb",
                "LoadBalancerSG",
                vec![
                    tcp(80, RuleSource::Cidr("0.0.0.0/0".into())),
                    tcp(443, RuleSource::Cidr("0.0.0.0/0".into())),
                ],
            ),
            group("sg-web", "WebServerSG", vec![tcp(80, RuleSource::Group("sg-lb".into()))]),
            group("sg-app", "AppServerSG", vec![tcp(8080, RuleSource::Group("sg-web".into()))]),
        ]
        .into(),
        managed_prefix_lists: Vec::new().into(),
        budgets: vec![Budget {
            name: "sandpit-guard".into(),
            budget_type: "COST".into(),
            time_unit: "MONTHLY".into(),
            limit: 22.0,
            unit: "USD".into(),
            actual_spend: Some(1.0),
            forecast_spend: None,
            notifications: Vec::new(),
            unreadable: None,
        }]
        .into(),
        ..Snapshot::default()
    };
    let path = dir.join(format!("sample-{account}.json"));
    std::fs::write(&path, serde_json::to_vec(&snapshot).unwrap()).unwrap();
    path
}

#[tokio::test]
async fn the_window_offers_the_accounts_own_parameters_and_checks_with_them_once_confirmed() {
    let (dir, state) = state();
    let file = sample_account(dir.path());
    let source = || CheckSource::Snapshot(file.clone());

    // Checked with the lab's defaults: it fails, and the report carries the suggestion.
    let before = check_lab_from(&state, "three-tier-vpc", Vec::new(), source()).await.unwrap();
    assert_eq!(before.report.status, LabStatus::Fail);
    let suggested = before.report.suggested.as_ref().expect("the suggestion reaches the window");
    assert!(suggested.param_line.contains("--param vpc_cidr=10.192.0.0/16"), "{}", suggested.param_line);

    // "Is this yours?"
    let view = discover_params_from(&state, "three-tier-vpc", source()).await.unwrap();
    let get = |name: &str| view.candidates.iter().find(|c| c.name == name).unwrap();
    assert_eq!(get("vpc_cidr").found.as_deref(), Some("10.192.0.0/16"));
    assert_eq!(get("vpc_cidr").resource.as_deref(), Some("vpc-sample"));
    assert!(get("vpc_cidr").differs);
    assert_eq!(get("was_subnet_2").found.as_deref(), Some("10.192.31.0/24"));
    assert_eq!(get("web_sg").found.as_deref(), Some("WebServerSG"));
    assert!(!get("app_port").differs, "8080 is the default already");
    assert!(view.param_line.contains("--param alb_sg=LoadBalancerSG"), "{}", view.param_line);
    for c in &view.candidates {
        let why = c.why.as_deref().unwrap_or("");
        assert_eq!(sandpit_core::english_words(why), Vec::<String>::new(), "{}: {why}", c.name);
    }

    // A bad value is refused, naming it, and nothing is kept.
    let bad = BTreeMap::from([("vpc_cidr".to_owned(), "10.192.0.0/33".to_owned())]);
    let err = confirm_params(&state, "three-tier-vpc", Some(ACCOUNT), bad).unwrap_err();
    assert_eq!((err.field.as_deref(), err.code), (Some("params"), "ui-error-params"));
    assert!(err.message.contains("vpc_cidr"), "{}", err.message);
    assert!(given(&state, Some(ACCOUNT)).is_empty());

    // "Yes": every later check uses them, and the store keeps them with the attempt.
    let mine: BTreeMap<String, String> = view
        .candidates
        .iter()
        .filter(|c| c.differs)
        .filter_map(|c| Some((c.name.clone(), c.found.clone()?)))
        .collect();
    confirm_params(&state, "three-tier-vpc", view.account.as_deref(), mine).unwrap();
    let after = check_lab_from(&state, "three-tier-vpc", Vec::new(), source()).await.unwrap();
    let failing: Vec<_> =
        after.report.steps.iter().filter(|s| s.status != StepStatus::Pass).map(|s| &s.id).collect();
    assert!(failing.is_empty(), "{failing:?}");
    assert!(after.report.suggested.is_none());

    let db = dir.path().join(sandpit_store::DEFAULT_FILE_NAME);
    let store = Store::open(&format!("sqlite://{}", db.display())).await.unwrap();
    let attempts = store.attempts(&AttemptFilter::default()).await.unwrap();
    let last = attempts.last().unwrap();
    assert_eq!(last.params.as_ref().unwrap()["vpc_cidr"], "10.192.0.0/16");
    assert_eq!(
        attempts[0].params.as_ref().unwrap()["vpc_cidr"],
        "10.10.0.0/16",
        "the first check's defaults"
    );
    store.close().await;

    // Cleared: the defaults again.
    clear_params(&state, "three-tier-vpc", Some(ACCOUNT));
    let again = check_lab_from(&state, "three-tier-vpc", Vec::new(), source()).await.unwrap();
    assert_eq!(again.report.status, LabStatus::Fail);
}

#[tokio::test]
async fn a_failing_check_brings_the_candidates_a_learner_recognises() {
    let (dir, state) = state();
    let file = sample_account(dir.path());
    let view =
        check_lab_from(&state, "three-tier-vpc", Vec::new(), CheckSource::Snapshot(file)).await.unwrap();
    assert_eq!(view.account.as_deref(), Some(ACCOUNT));
    assert!(view.confirmed.is_empty(), "the defaults are in use");
    let offered = view.discovery.expect("the check fails what the account's own layout passes: the panel");
    assert_eq!(offered.account.as_deref(), Some(ACCOUNT));
    let get = |name: &str| offered.candidates.iter().find(|c| c.name == name).unwrap();
    // What lets the learner recognise their build: the id, the Name tag, the CIDR.
    let vpc = get("vpc_cidr");
    assert_eq!((vpc.default.as_str(), vpc.found.as_deref()), ("10.10.0.0/16", Some("10.192.0.0/16")));
    assert_eq!(vpc.resource.as_deref(), Some("vpc-sample"));
    assert_eq!(vpc.name_tag.as_deref(), Some("SampleVPC"));
    assert_eq!(vpc.cidr.as_deref(), Some("10.192.0.0/16"));
    let public = get("public_subnet_1");
    assert_eq!(public.resource.as_deref(), Some("subnet-pub1"));
    assert_eq!(public.name_tag.as_deref(), Some("Public Subnet (AZ1)"));
    assert_eq!(public.cidr.as_deref(), Some("10.192.10.0/24"));
    assert!(get("web_sg").resource.as_deref() == Some("sg-web") && get("web_sg").cidr.is_none());
    // The lab's page after it shows the same panel (a view switch and back keeps it).
    let detail = lab_detail(&state, "three-tier-vpc").unwrap();
    assert_eq!(detail.last.unwrap().discovery.unwrap().candidates, offered.candidates);
}

#[tokio::test]
async fn confirmed_parameters_survive_a_restart_and_are_said_on_the_lab_page() {
    let (dir, state) = state();
    let file = sample_account(dir.path());
    let view =
        discover_params_from(&state, "three-tier-vpc", CheckSource::Snapshot(file.clone())).await.unwrap();
    let mut mine = differing(&view);
    // A value equal to the default is not kept (the header lists what differs).
    mine.insert("app_port".to_owned(), "8080".to_owned());
    let in_use = confirm_params(&state, "three-tier-vpc", Some(ACCOUNT), mine.clone()).unwrap();
    assert!(in_use.iter().all(|p| p.name != "app_port"), "{in_use:?}");
    let vpc = in_use.iter().find(|p| p.name == "vpc_cidr").expect("vpc_cidr is in use");
    assert_eq!((vpc.value.as_str(), vpc.default.as_str()), ("10.192.0.0/16", "10.10.0.0/16"));
    assert_eq!(in_use.len(), mine.len() - 1);
    drop(state);

    // The app starts again: the next check of that account uses them.
    let state = AppState::new(Some(dir.path().to_path_buf()), None).unwrap();
    assert_eq!(given(&state, Some(ACCOUNT)).len(), mine.len() - 1);
    let after =
        check_lab_from(&state, "three-tier-vpc", Vec::new(), CheckSource::Snapshot(file)).await.unwrap();
    assert_eq!(failing(&after), Vec::<String>::new());
    assert!(after.discovery.is_none(), "nothing left to ask");
    assert_eq!(after.confirmed, in_use);
    let detail = lab_detail(&state, "three-tier-vpc").unwrap();
    assert_eq!((detail.account.as_deref(), &detail.confirmed), (Some(ACCOUNT), &in_use));
    // The instructions name the learner's values.
    let shown = detail.lab.params.iter().find(|p| p.name == "vpc_cidr").unwrap();
    assert_eq!(shown.value, "10.192.0.0/16");
    drop(state);

    // Before any check of a new session, the page shows the parameters of the account the
    // connection answered as last.
    let state = AppState::new(Some(dir.path().to_path_buf()), None).unwrap();
    assert!(lab_detail(&state, "three-tier-vpc").unwrap().confirmed.is_empty(), "no account seen yet");
    state.remember_account(ACCOUNT);
    let detail = lab_detail(&state, "three-tier-vpc").unwrap();
    assert_eq!(detail.confirmed, in_use);
    let state_file = std::fs::read_to_string(dir.path().join(crate::progress::STATE_FILE)).unwrap();
    assert!(state_file.contains("10.192.0.0/16"), "{state_file}");

    // Back to the defaults, for good.
    clear_params(&state, "three-tier-vpc", Some(ACCOUNT));
    drop(state);
    let state = AppState::new(Some(dir.path().to_path_buf()), None).unwrap();
    state.remember_account(ACCOUNT);
    assert!(lab_detail(&state, "three-tier-vpc").unwrap().confirmed.is_empty());
    assert!(given(&state, Some(ACCOUNT)).is_empty());
}

#[tokio::test]
async fn another_account_does_not_inherit_the_parameters_confirmed_for_one() {
    let (dir, state) = state();
    let first = sample_account(dir.path());
    let second = sample_account_of(dir.path(), "222222222222");
    let view =
        discover_params_from(&state, "three-tier-vpc", CheckSource::Snapshot(first.clone())).await.unwrap();
    confirm_params(&state, "three-tier-vpc", view.account.as_deref(), differing(&view)).unwrap();

    // The same layout read in another account is judged with the defaults and asked about.
    let other = check_lab_from(&state, "three-tier-vpc", Vec::new(), CheckSource::Snapshot(second.clone()))
        .await
        .unwrap();
    assert_eq!(other.report.status, LabStatus::Fail);
    assert!(other.confirmed.is_empty(), "{:?}", other.confirmed);
    let asked = other.discovery.expect("the second account is asked about its own");
    assert_eq!(asked.account.as_deref(), Some("222222222222"));
    assert!(given(&state, Some("222222222222")).is_empty());

    // Confirming there, then going back to the defaults there, leaves the first account's.
    confirm_params(&state, "three-tier-vpc", asked.account.as_deref(), differing(&asked)).unwrap();
    clear_params(&state, "three-tier-vpc", Some("222222222222"));
    assert!(given(&state, Some("222222222222")).is_empty());
    let mine =
        check_lab_from(&state, "three-tier-vpc", Vec::new(), CheckSource::Snapshot(first)).await.unwrap();
    assert_eq!(failing(&mine), Vec::<String>::new());
    assert!(!mine.confirmed.is_empty());

    // A snapshot that does not say its account keeps its own (unnamed) parameters.
    let mut anonymous: Snapshot = serde_json::from_slice(&std::fs::read(&second).unwrap()).unwrap();
    anonymous.account = None;
    let path = dir.path().join("anonymous.json");
    std::fs::write(&path, serde_json::to_vec(&anonymous).unwrap()).unwrap();
    let unnamed =
        check_lab_from(&state, "three-tier-vpc", Vec::new(), CheckSource::Snapshot(path)).await.unwrap();
    assert_eq!(unnamed.account, None);
    assert!(unnamed.confirmed.is_empty());
}
