//! Layouts that differ from the bootcamp's and are correct, built with the AWS CLI the way other
//! templates build them: each passes with `--discover`, and a check with the lab's defaults
//! names the `--param` line that describes it (the verdict of that check unchanged).

use sandpit_e2e::labs::{self, associate, create_route, create_route_table, create_security_group};
use sandpit_e2e::{Moto, Run, not_passing, text};
use serde_json::Value;

/// A three-tier network as another template builds it.
struct Spec<'a> {
    vpc: &'a str,
    /// The VPC's Name tag; none for a template that tags nothing.
    name: Option<&'a str>,
    /// Subnet CIDRs per zone: (public, web, WAS).
    zones: Vec<(&'a str, &'a str, &'a str)>,
    /// One NAT gateway (and private route table) per zone, or one for all.
    nat_per_zone: bool,
    /// Security group names: (load balancer, web, WAS).
    groups: (&'a str, &'a str, &'a str),
    /// Whether subnets carry Name tags saying their tier.
    tag_subnets: bool,
}

struct Built {
    vpc: String,
    /// The WAS group.
    was_sg: String,
    /// The private route tables.
    private_rts: Vec<String>,
}

fn build(m: &Moto, spec: &Spec<'_>) -> Built {
    let zones = m.aws(&["ec2", "describe-availability-zones"]);
    let az = |i: usize| text(&zones, &["AvailabilityZones", &i.to_string(), "ZoneName"]);
    let vpc = labs::create_vpc(m, spec.vpc, spec.name);
    let igw = text(&m.aws(&["ec2", "create-internet-gateway"]), &["InternetGateway", "InternetGatewayId"]);
    m.aws(&["ec2", "attach-internet-gateway", "--internet-gateway-id", &igw, "--vpc-id", &vpc]);
    let public_rt = create_route_table(m, &vpc);
    create_route(m, &public_rt, "0.0.0.0/0", ("--gateway-id", &igw));
    let tag = |tier: &str, i: usize| spec.tag_subnets.then(|| format!("{tier}-subnet-{}", i + 1));
    let mut nats = Vec::new();
    let mut private_rts = Vec::new();
    for (i, (public, web, app)) in spec.zones.iter().enumerate() {
        let zone = az(i);
        let p = labs::create_subnet(m, &vpc, public, &zone, tag("public", i).as_deref());
        associate(m, &public_rt, &p);
        let w = labs::create_subnet(m, &vpc, web, &zone, tag("web", i).as_deref());
        let a = labs::create_subnet(m, &vpc, app, &zone, tag("app", i).as_deref());
        if spec.nat_per_zone || i == 0 {
            let alloc = text(&m.aws(&["ec2", "allocate-address", "--domain", "vpc"]), &["AllocationId"]);
            let nat = m.aws(&["ec2", "create-nat-gateway", "--subnet-id", &p, "--allocation-id", &alloc]);
            nats.push(text(&nat, &["NatGateway", "NatGatewayId"]));
            let rt = create_route_table(m, &vpc);
            create_route(m, &rt, "0.0.0.0/0", ("--nat-gateway-id", nats.last().unwrap()));
            private_rts.push(rt);
        }
        let rt = private_rts.last().unwrap().clone();
        associate(m, &rt, &w);
        associate(m, &rt, &a);
    }
    let (lb_name, web_name, was_name) = spec.groups;
    let lb = create_security_group(m, &vpc, lb_name, "load balancer");
    labs::allow_tcp(m, &lb, "80", ("--cidr", "0.0.0.0/0"));
    labs::allow_tcp(m, &lb, "443", ("--cidr", "0.0.0.0/0"));
    let web = create_security_group(m, &vpc, web_name, "web tier");
    labs::allow_tcp(m, &web, "80", ("--source-group", &lb));
    let was_sg = create_security_group(m, &vpc, was_name, "application tier");
    labs::allow_tcp(m, &was_sg, "8080", ("--source-group", &web));
    Built { vpc, was_sg, private_rts }
}

fn check(m: &Moto, lab: &str, extra: &[&str]) -> (i32, Value) {
    let args = [&["check", lab, "--json", "--lang", "en"][..], extra].concat();
    let run: Run = m.sandpit(&args);
    (run.code, run.json())
}

/// With the defaults: the check fails as it did, and the report names the `--param` line; with
/// `--discover`: every step passes. Returns the suggested line.
fn passes_with_discover_and_is_named_without(m: &Moto, lab: &str, must_name: &[&str]) -> String {
    let (code, report) = check(m, lab, &[]);
    assert_eq!(code, 1, "{report:#}");
    let line = report["suggested"]["param_line"]
        .as_str()
        .unwrap_or_else(|| panic!("no suggestion: {report:#}"))
        .to_owned();
    for p in must_name {
        assert!(line.contains(p), "{p} not in {line}");
    }
    assert!(
        report["suggested"]["command"]
            .as_str()
            .unwrap()
            .starts_with(&format!("sandpit check {lab} --param "))
    );
    // The human report prints the same line.
    let human = m.sandpit(&["check", lab, "--lang", "en"]);
    assert!(human.stdout.contains(&line), "{}", human.stdout);

    let (code, report) = check(m, lab, &["--discover"]);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
    assert!(report["discovered"].is_object(), "{report:#}");
    line
}

#[test]
fn two_nat_gateways_with_a_route_table_per_zone() {
    // The AWS documentation's sample VPC (10.192.0.0/16), a NAT gateway in each zone.
    let m = Moto::start();
    m.guard();
    build(
        &m,
        &Spec {
            vpc: "10.192.0.0/16",
            name: Some("SampleVPC"),
            zones: vec![
                ("10.192.10.0/24", "10.192.20.0/24", "10.192.30.0/24"),
                ("10.192.11.0/24", "10.192.21.0/24", "10.192.31.0/24"),
            ],
            nat_per_zone: true,
            groups: ("alb-sg", "web-sg", "was-sg"),
            tag_subnets: true,
        },
    );
    let line = passes_with_discover_and_is_named_without(
        &m,
        "three-tier-vpc",
        &[
            "--param vpc_cidr=10.192.0.0/16",
            "--param vpc_name=SampleVPC",
            "--param was_subnet_2=10.192.31.0/24",
        ],
    );
    assert!(!line.contains("web_sg"), "the groups have the lab's names: {line}");
    // The false hint: never a subnet outside the VPC.
    let (_, report) =
        check(&m, "three-tier-vpc", &["--param", "vpc_cidr=10.192.0.0/16", "--param", "vpc_name=SampleVPC"]);
    for step in report["steps"].as_array().unwrap() {
        for f in step["findings"].as_array().unwrap() {
            let hint = f["hint"].as_str().unwrap_or("");
            assert!(!hint.contains("IPv4 CIDR 10.10."), "{hint}");
        }
    }
}

#[test]
fn no_name_tags_anywhere() {
    let m = Moto::start();
    m.guard();
    let built = build(
        &m,
        &Spec {
            vpc: "10.20.0.0/16",
            name: None,
            zones: vec![
                ("10.20.5.0/24", "10.20.1.0/24", "10.20.3.0/24"),
                ("10.20.6.0/24", "10.20.2.0/24", "10.20.4.0/24"),
            ],
            nat_per_zone: false,
            groups: ("alb-sg", "web-sg", "was-sg"),
            tag_subnets: false,
        },
    );
    // With no Name tag the VPC is named by its id.
    passes_with_discover_and_is_named_without(
        &m,
        "three-tier-vpc",
        &[
            "--param vpc_cidr=10.20.0.0/16",
            &format!("--param vpc_name={}", built.vpc),
            "--param web_subnet_1=10.20.1.0/24",
        ],
    );
}

#[test]
fn three_availability_zones() {
    let m = Moto::start();
    m.guard();
    build(
        &m,
        &Spec {
            vpc: "10.30.0.0/16",
            name: Some("three-az"),
            zones: vec![
                ("10.30.0.0/24", "10.30.10.0/24", "10.30.20.0/24"),
                ("10.30.1.0/24", "10.30.11.0/24", "10.30.21.0/24"),
                ("10.30.2.0/24", "10.30.12.0/24", "10.30.22.0/24"),
            ],
            nat_per_zone: false,
            groups: ("alb-sg", "web-sg", "was-sg"),
            tag_subnets: true,
        },
    );
    passes_with_discover_and_is_named_without(
        &m,
        "three-tier-vpc",
        &["--param public_subnet_2=10.30.1.0/24", "--param was_subnet_1=10.30.20.0/24"],
    );
}

#[test]
fn a_20_vpc_with_22_subnets() {
    let m = Moto::start();
    m.guard();
    build(
        &m,
        &Spec {
            vpc: "10.50.0.0/20",
            name: Some("small"),
            zones: vec![
                ("10.50.12.0/23", "10.50.0.0/22", "10.50.8.0/23"),
                ("10.50.14.0/23", "10.50.4.0/22", "10.50.10.0/23"),
            ],
            nat_per_zone: false,
            groups: ("alb-sg", "web-sg", "was-sg"),
            tag_subnets: true,
        },
    );
    passes_with_discover_and_is_named_without(
        &m,
        "three-tier-vpc",
        &["--param vpc_cidr=10.50.0.0/20", "--param web_subnet_2=10.50.4.0/22"],
    );
    // With the defaults, no hint proposes a subnet outside 10.50.0.0/20 (the VPC is full).
    let (_, report) = check(&m, "three-tier-vpc", &["--param", "vpc_cidr=10.50.0.0/20"]);
    let hints: Vec<&str> = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["findings"].as_array().unwrap())
        .filter_map(|f| f["hint"].as_str())
        .collect();
    assert!(hints.iter().any(|h| h.contains("no free /24 left")), "{hints:#?}");
    assert!(!hints.iter().any(|h| h.contains("IPv4 CIDR 10.10.")), "{hints:#?}");
}

#[test]
fn other_names_for_every_group_and_a_database_group_that_admits_the_was_group() {
    let m = Moto::start();
    m.guard();
    let app = build(
        &m,
        &Spec {
            vpc: "10.10.0.0/16",
            name: Some("vpc-1"),
            zones: vec![
                ("10.10.5.0/24", "10.10.1.0/24", "10.10.3.0/24"),
                ("10.10.6.0/24", "10.10.2.0/24", "10.10.4.0/24"),
            ],
            nat_per_zone: false,
            groups: ("LoadBalancerSecurityGroup", "WebServerSecurityGroup", "AppServerSecurityGroup"),
            tag_subnets: true,
        },
    );
    passes_with_discover_and_is_named_without(
        &m,
        "three-tier-vpc",
        &[
            "--param alb_sg=LoadBalancerSecurityGroup",
            "--param web_sg=WebServerSecurityGroup",
            "--param was_sg=AppServerSecurityGroup",
        ],
    );

    // The database VPC beside it, its group named otherwise and admitting the WAS group across
    // the peering.
    let db = labs::database_network(&m, &labs::availability_zones(&m));
    let db_rt = create_route_table(&m, &db.vpc);
    for s in &db.subnets {
        associate(&m, &db_rt, s);
    }
    let pcx = text(
        &m.aws(&["ec2", "create-vpc-peering-connection", "--vpc-id", &app.vpc, "--peer-vpc-id", &db.vpc]),
        &["VpcPeeringConnection", "VpcPeeringConnectionId"],
    );
    m.aws(&["ec2", "accept-vpc-peering-connection", "--vpc-peering-connection-id", &pcx]);
    for rt in &app.private_rts {
        for cidr in labs::DB_CIDRS {
            create_route(&m, rt, cidr, ("--vpc-peering-connection-id", &pcx));
        }
    }
    for cidr in labs::APP_CIDRS {
        create_route(&m, &db_rt, cidr, ("--vpc-peering-connection-id", &pcx));
    }
    let db_sg = create_security_group(&m, &db.vpc, "DatabaseSecurityGroup", "database");
    labs::allow_tcp(&m, &db_sg, "3306", ("--source-group", &app.was_sg));
    let line = passes_with_discover_and_is_named_without(
        &m,
        "vpc-peering",
        &["--param was_sg=AppServerSecurityGroup"],
    );
    assert!(!line.contains("db_vpc_cidr"), "the database VPC has the lab's range: {line}");
}

#[test]
fn a_customer_key_under_another_alias() {
    let m = Moto::start();
    m.guard();
    let app = labs::three_tier_vpc(&m, false);
    let net = labs::vpc_peering(&m, &app);
    let key = m.aws(&["kms", "create-key", "--description", "team 7 database key"]);
    let key_id = text(&key, &["KeyMetadata", "KeyId"]);
    m.aws(&["kms", "create-alias", "--alias-name", "alias/team7-mysql", "--target-key-id", &key_id]);
    let subnets: Vec<&str> = net.db_subnets.iter().map(String::as_str).collect();
    labs::create_db_subnet_group(&m, &subnets);
    labs::create_lab_db_instance(
        &m,
        "lab-db",
        &net.db_sg,
        &["--storage-encrypted", "--kms-key-id", "alias/team7-mysql"],
    );

    // With the defaults it passes (the alias is a name, the key does the job), and the steps
    // about the key name the --param line as advice.
    let (code, report) = check(&m, "rds-kms", &[]);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
    for step in ["kms-key", "encryption"] {
        let s = report["steps"].as_array().unwrap().iter().find(|s| s["id"] == step).unwrap();
        let hints: Vec<&str> =
            s["findings"].as_array().unwrap().iter().filter_map(|f| f["hint"].as_str()).collect();
        assert!(hints.iter().any(|h| h.contains("--param key_alias=alias/team7-mysql")), "{step}: {s:#}");
        assert!(!hints.iter().any(|h| h.contains("snapshot")), "never a rebuild: {s:#}");
    }
    let (code, report) = check(&m, "rds-kms", &["--discover"]);
    assert_eq!((code, not_passing(&report)), (0, Vec::<String>::new()), "{report:#}");
    assert_eq!(report["discovered"]["key_alias"], "alias/team7-mysql");
    let encryption = report["steps"].as_array().unwrap().iter().find(|s| s["id"] == "encryption").unwrap();
    assert!(
        encryption["findings"].as_array().unwrap().iter().all(|f| f["status"] == "pass"),
        "{encryption:#}"
    );
}

#[test]
fn the_parameters_a_check_used_are_kept_with_the_attempt() {
    let m = Moto::start();
    m.guard();
    build(
        &m,
        &Spec {
            vpc: "10.192.0.0/16",
            name: Some("SampleVPC"),
            zones: vec![
                ("10.192.10.0/24", "10.192.20.0/24", "10.192.30.0/24"),
                ("10.192.11.0/24", "10.192.21.0/24", "10.192.31.0/24"),
            ],
            nat_per_zone: true,
            groups: ("alb-sg", "web-sg", "was-sg"),
            tag_subnets: true,
        },
    );
    assert_eq!(check(&m, "three-tier-vpc", &["--discover"]).0, 0);
    let export = tempfile::tempdir().unwrap();
    let out = export.path().join("progress.json");
    let run = m.sandpit(&["progress", "export", "--format", "json", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    let attempt = exported["attempts"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(attempt["params"]["vpc_cidr"], "10.192.0.0/16", "{attempt:#}");
    assert!(attempt["discovered"].as_array().unwrap().iter().any(|p| p == "was_subnet_1"), "{attempt:#}");
}
