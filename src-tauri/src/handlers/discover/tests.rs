//! "Is this yours?" without a window: a snapshot of a three-tier network built from another
//! template (other addresses, other names) is read, its parameters offered, confirmed, and every
//! later check of the lab uses them — and the store keeps them with the attempt.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sandpit_core::report::{LabStatus, StepStatus};
use sandpit_core::snapshot::*;
use sandpit_store::{AttemptFilter, Store};

use super::*;
use crate::handlers::check_lab_from;

fn state() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(Some(dir.path().to_path_buf()), None).unwrap();
    (dir, state)
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

/// The AWS documentation's sample VPC (10.192.0.0/16) grown to three tiers, a NAT gateway per
/// zone, and the budget guard in place, saved as `sandpit check --save-snapshot` would.
fn sample_account(dir: &Path) -> PathBuf {
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
        account: Some("111111111111".into()),
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
    let path = dir.join("sample.json");
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
    let err = confirm_params(&state, "three-tier-vpc", bad).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("params"));
    assert!(err.message.contains("vpc_cidr"), "{}", err.message);
    assert!(state.given_params("three-tier-vpc").is_empty());

    // "Yes": every later check uses them, and the store keeps them with the attempt.
    let mine: BTreeMap<String, String> = view
        .candidates
        .iter()
        .filter(|c| c.differs)
        .filter_map(|c| Some((c.name.clone(), c.found.clone()?)))
        .collect();
    confirm_params(&state, "three-tier-vpc", mine).unwrap();
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
    clear_params(&state, "three-tier-vpc");
    let again = check_lab_from(&state, "three-tier-vpc", Vec::new(), source()).await.unwrap();
    assert_eq!(again.report.status, LabStatus::Fail);
}
