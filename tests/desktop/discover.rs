//! "이것이 내 리소스인가요?" in the real window: a learner built three-tier-vpc from another
//! template — a 10.192.0.0/16 VPC, no Name tags, other subnet addresses and security-group
//! names — with the AWS CLI against moto. Checked with the lab's defaults almost every step fails;
//! the lab page offers what the account holds, the learner confirms, and the lab is checked again
//! with those values and passes. The app is restarted: the parameters are still in use (shown on
//! the header before any check, and used by the next one). "기본값으로" goes back to the defaults.

use std::path::Path;

use sandpit_e2e::Moto;
use sandpit_e2e::labs::{
    allow_tcp, associate, availability_zones, create_route, create_route_table, create_security_group,
    create_subnet, create_vpc,
};
use serde_json::{Value, json};

use crate::webdriver::Session;
use crate::{Guard, ensure_budget_guard, launch, step_status};

const LAB: &str = "three-tier-vpc";
const VPC_CIDR: &str = "10.192.0.0/16";

/// Builds the lab's architecture as another template would: nothing named, other addresses,
/// other group names. Returns the VPC id.
fn build_someone_elses_three_tier(m: &Moto) -> String {
    let az = availability_zones(m);
    let vpc = create_vpc(m, VPC_CIDR, None);
    let igw = sandpit_e2e::text(
        &m.aws(&["ec2", "create-internet-gateway"]),
        &["InternetGateway", "InternetGatewayId"],
    );
    m.aws(&["ec2", "attach-internet-gateway", "--internet-gateway-id", &igw, "--vpc-id", &vpc]);
    let public_rt = create_route_table(m, &vpc);
    create_route(m, &public_rt, "0.0.0.0/0", ("--gateway-id", &igw));
    let mut public = Vec::new();
    for (cidr, zone) in [("10.192.10.0/24", &az[0]), ("10.192.11.0/24", &az[1])] {
        let id = create_subnet(m, &vpc, cidr, zone, None);
        associate(m, &public_rt, &id);
        public.push(id);
    }
    let alloc = sandpit_e2e::text(&m.aws(&["ec2", "allocate-address", "--domain", "vpc"]), &["AllocationId"]);
    let nat = m.aws(&["ec2", "create-nat-gateway", "--subnet-id", &public[0], "--allocation-id", &alloc]);
    let nat = sandpit_e2e::text(&nat, &["NatGateway", "NatGatewayId"]);
    let private_rt = create_route_table(m, &vpc);
    create_route(m, &private_rt, "0.0.0.0/0", ("--nat-gateway-id", &nat));
    for (cidr, zone) in [
        ("10.192.20.0/24", &az[0]),
        ("10.192.21.0/24", &az[1]),
        ("10.192.30.0/24", &az[0]),
        ("10.192.31.0/24", &az[1]),
    ] {
        let id = create_subnet(m, &vpc, cidr, zone, None);
        associate(m, &private_rt, &id);
    }
    let lb = create_security_group(m, &vpc, "LoadBalancerSG", "load balancer");
    for port in ["80", "443"] {
        allow_tcp(m, &lb, port, ("--cidr", "0.0.0.0/0"));
    }
    let web = create_security_group(m, &vpc, "WebServerSG", "web servers");
    allow_tcp(m, &web, "80", ("--source-group", &lb));
    let app = create_security_group(m, &vpc, "AppServerSG", "application servers");
    allow_tcp(m, &app, "8080", ("--source-group", &web));
    vpc
}

fn open_lab(s: &Session) {
    s.click("#nav-labs");
    s.click(&format!("#lab-list li[data-lab=\"{LAB}\"] h2 a"));
    s.wait_for(
        "the lab runner",
        30,
        "return document.getElementById('lab-runner').getAttribute('data-lab') === arguments[0] && !!document.querySelector('#lab-runner .step[data-step=\"vpc\"]');",
        json!([LAB]),
    );
}

/// Waits until the runner is idle with step `vpc` in `status` (a check that was started by the
/// page itself, after a confirmation or a reset, has finished).
fn wait_vpc(s: &Session, status: &str, what: &str) {
    s.wait_for(
        what,
        120,
        "var r = document.getElementById('lab-runner'); var st = r && r.querySelector('.step[data-step=\"vpc\"]');\
         return r.getAttribute('data-state') === 'idle' && !!document.getElementById('lab-summary-line') && st && st.getAttribute('data-status') === arguments[0];",
        json!([status]),
    );
}

/// The step ids of the open lab that pass.
fn passing(s: &Session) -> Vec<String> {
    let v = s.js(
        "return Array.prototype.map.call(document.querySelectorAll('#lab-runner .step[data-status=\"pass\"]'), function (e) { return e.getAttribute('data-step'); });",
        json!([]),
    );
    v.as_array().expect("steps").iter().filter_map(|x| x.as_str().map(str::to_owned)).collect()
}

/// `name = value` of the parameters the header says are in use (empty: none shown).
fn in_use(s: &Session) -> Vec<String> {
    let v = s.js(
        "return Array.prototype.map.call(document.querySelectorAll('#params-in-use li[data-param] code'), function (e) { return e.textContent; });",
        json!([]),
    );
    v.as_array().expect("params").iter().filter_map(|x| x.as_str().map(str::to_owned)).collect()
}

fn start(m: &Moto, home: &Path) -> (Session, Vec<Guard>) {
    let (s, guards) = launch(m, home, &[]);
    s.wait_until_started();
    (s, guards)
}

#[test]
fn a_build_with_other_names_is_recognised_confirmed_and_remembered_across_a_restart() {
    let m = Moto::start();
    let vpc = build_someone_elses_three_tier(&m);
    ensure_budget_guard(&m);
    let home = tempfile::tempdir().expect("temp home");
    let (s, guards) = start(&m, home.path());

    // ---- Checked with the lab's defaults: the panel offers the account's own ---------------------
    open_lab(&s);
    assert_eq!(s.text("#discover-find"), "내 리소스 찾기");
    s.click("#check-lab");
    wait_vpc(&s, "fail", "the check with the defaults");
    let before = passing(&s);
    assert!(in_use(&s).is_empty(), "the defaults are in use: no parameters on the header");
    s.find("#discover-panel");
    assert_eq!(s.text("#discover-panel h2"), "이것이 내 리소스인가요?");
    assert_eq!(s.text("#discover-confirm"), "예, 이것으로 확인");
    let row = s.text("#discover-panel tr[data-param=\"vpc_cidr\"]");
    assert!(
        row.contains("10.10.0.0/16") && row.contains(VPC_CIDR) && row.contains(&vpc),
        "default, found, id: {row}"
    );
    let subnet = s.text("#discover-panel tr[data-param=\"web_subnet_1\"]");
    assert!(subnet.contains("10.192.20.0/24") && subnet.contains("subnet-"), "{subnet}");
    let group = s.text("#discover-panel tr[data-param=\"web_sg\"]");
    assert!(group.contains("WebServerSG") && group.contains("sg-"), "{group}");
    let ticked = s.js(
        "return document.querySelector('#discover-panel input.discover-pick[data-param=\"vpc_cidr\"]').checked;",
        json!([]),
    );
    assert_eq!(ticked, Value::Bool(true), "what differs is ticked");
    let cli = s.text("#discover-panel pre.cli");
    assert!(
        cli.contains("sandpit check three-tier-vpc") && cli.contains("--param vpc_cidr=10.192.0.0/16"),
        "{cli}"
    );

    // ---- "예, 이것으로 확인": checked again with them, more steps pass ------------------------------
    s.click("#discover-confirm");
    wait_vpc(&s, "pass", "the check with the confirmed parameters");
    let after = passing(&s);
    assert!(after.len() > before.len(), "more steps pass: {before:?} → {after:?}");
    for step in ["vpc", "public-subnets", "web-subnets", "was-subnets", "internet-gateway", "nat-gateway"] {
        assert_eq!(step_status(&s, step), "pass", "{step} passes with the account's parameters");
    }
    let shown = in_use(&s);
    assert!(shown.iter().any(|p| p == "vpc_cidr = 10.192.0.0/16"), "{shown:?}");
    assert!(shown.iter().any(|p| p == "web_sg = WebServerSG"), "{shown:?}");
    assert!(s.text("#params-in-use").contains("사용 중인 매개변수"));
    assert!(
        s.js("return !document.getElementById('discover-panel');", json!([])) == Value::Bool(true),
        "nothing left to ask"
    );

    // ---- Restarted: the parameters are still in use ---------------------------------------------
    s.end();
    drop(guards);
    let (s, _guards) = start(&m, home.path());
    open_lab(&s);
    s.wait_for(
        "the confirmed parameters on the header after a restart",
        30,
        "return !!document.querySelector('#params-in-use li[data-param=\"vpc_cidr\"]');",
        json!([]),
    );
    assert!(in_use(&s).iter().any(|p| p == "vpc_cidr = 10.192.0.0/16"), "{:?}", in_use(&s));
    let cli_text = s.text("#lab-runner .step[data-step=\"vpc\"] pre.cli");
    assert!(cli_text.contains(VPC_CIDR), "the instructions name the learner's values: {cli_text}");
    s.click("#check-lab");
    wait_vpc(&s, "pass", "the first check after the restart");
    assert_eq!(passing(&s), after, "the same steps pass as before the restart");

    // ---- "기본값으로": the defaults again ----------------------------------------------------------
    s.click("#params-reset");
    wait_vpc(&s, "fail", "the check with the defaults again");
    assert!(in_use(&s).is_empty(), "{:?}", in_use(&s));
    s.find("#discover-panel");
    assert_eq!(passing(&s), before);
    s.end();
}
