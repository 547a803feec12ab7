//! The `vpc-peering` lab: the database VPC joined to the web/WAS VPC, then broken one thing at a
//! time.

use sandpit_e2e::{Moto, failures, not_passing, text};
use serde_json::Value;

use crate::three_tier_vpc::{self, ThreeTier};

pub(crate) struct Peering {
    pub(crate) db_vpc: String,
    pub(crate) db_rt: String,
    pub(crate) pcx: String,
    pub(crate) db_subnets: Vec<String>,
    pub(crate) db_sg: String,
}

const APP_CIDRS: [&str; 4] = ["10.10.1.0/24", "10.10.2.0/24", "10.10.3.0/24", "10.10.4.0/24"];
const DB_CIDRS: [&str; 3] = ["172.16.1.0/24", "172.16.2.0/24", "172.16.3.0/24"];

pub(crate) fn build(m: &Moto, app: &ThreeTier) -> Peering {
    let db_vpc = text(
        &m.aws(&[
            "ec2",
            "create-vpc",
            "--cidr-block",
            "172.16.0.0/16",
            "--tag-specifications",
            "ResourceType=vpc,Tags=[{Key=Name,Value=vpc-2}]",
        ]),
        &["Vpc", "VpcId"],
    );
    let db_rt =
        text(&m.aws(&["ec2", "create-route-table", "--vpc-id", &db_vpc]), &["RouteTable", "RouteTableId"]);
    let mut db_subnets = Vec::new();
    for (cidr, az) in DB_CIDRS.iter().zip([&app.az[0], &app.az[1], &app.az[0]]) {
        let subnet = text(
            &m.aws(&[
                "ec2",
                "create-subnet",
                "--vpc-id",
                &db_vpc,
                "--cidr-block",
                cidr,
                "--availability-zone",
                az,
            ]),
            &["Subnet", "SubnetId"],
        );
        m.aws(&["ec2", "associate-route-table", "--route-table-id", &db_rt, "--subnet-id", &subnet]);
        db_subnets.push(subnet);
    }
    let pcx = text(
        &m.aws(&["ec2", "create-vpc-peering-connection", "--vpc-id", &app.vpc, "--peer-vpc-id", &db_vpc]),
        &["VpcPeeringConnection", "VpcPeeringConnectionId"],
    );
    m.aws(&["ec2", "accept-vpc-peering-connection", "--vpc-peering-connection-id", &pcx]);
    for cidr in DB_CIDRS {
        m.aws(&[
            "ec2",
            "create-route",
            "--route-table-id",
            &app.private_rt,
            "--destination-cidr-block",
            cidr,
            "--vpc-peering-connection-id",
            &pcx,
        ]);
    }
    for cidr in APP_CIDRS {
        m.aws(&[
            "ec2",
            "create-route",
            "--route-table-id",
            &db_rt,
            "--destination-cidr-block",
            cidr,
            "--vpc-peering-connection-id",
            &pcx,
        ]);
    }
    let db_sg = text(
        &m.aws(&[
            "ec2",
            "create-security-group",
            "--group-name",
            "db-sg",
            "--description",
            "database",
            "--vpc-id",
            &db_vpc,
        ]),
        &["GroupId"],
    );
    for cidr in ["10.10.3.0/24", "10.10.4.0/24"] {
        m.aws(&[
            "ec2",
            "authorize-security-group-ingress",
            "--group-id",
            &db_sg,
            "--protocol",
            "tcp",
            "--port",
            "3306",
            "--cidr",
            cidr,
        ]);
    }
    Peering { db_vpc, db_rt, pcx, db_subnets, db_sg }
}

fn check(m: &Moto) -> (i32, Value) {
    let run = m.sandpit(&["check", "vpc-peering", "--json", "--lang", "en"]);
    (run.code, run.json())
}

#[test]
fn vpc_peering_built_by_a_student_passes_and_each_mistake_is_pinned() {
    let m = Moto::start();
    let app = three_tier_vpc::build(&m, false);
    let lab = build(&m, &app);

    let (code, report) = check(&m);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);

    // 1. The return route from the database subnets is missing.
    m.aws(&[
        "ec2",
        "delete-route",
        "--route-table-id",
        &lab.db_rt,
        "--destination-cidr-block",
        "10.10.3.0/24",
    ]);
    let (code, report) = check(&m);
    assert_eq!(code, 1);
    assert_eq!(not_passing(&report), ["db-routes-to-app"]);
    let fails = failures(&report, "db-routes-to-app");
    assert_eq!(fails.len(), 3, "every DB subnet uses the broken table: {report:#}");
    assert_eq!(fails[0]["resource"], lab.db_rt.as_str());
    assert!(fails[0]["found"].as_str().unwrap().contains("10.10.3.0/24 → no route"), "{:#}", fails[0]);
    m.aws(&[
        "ec2",
        "create-route",
        "--route-table-id",
        &lab.db_rt,
        "--destination-cidr-block",
        "10.10.3.0/24",
        "--vpc-peering-connection-id",
        &lab.pcx,
    ]);
    assert_eq!(check(&m).0, 0, "repaired");

    // 2. The peering replaced by one that was never accepted.
    m.aws(&["ec2", "delete-vpc-peering-connection", "--vpc-peering-connection-id", &lab.pcx]);
    let pending = text(
        &m.aws(&["ec2", "create-vpc-peering-connection", "--vpc-id", &app.vpc, "--peer-vpc-id", &lab.db_vpc]),
        &["VpcPeeringConnection", "VpcPeeringConnectionId"],
    );
    for (rt, cidrs) in [(&app.private_rt, &DB_CIDRS[..]), (&lab.db_rt, &APP_CIDRS[..])] {
        for cidr in cidrs {
            m.aws(&[
                "ec2",
                "replace-route",
                "--route-table-id",
                rt,
                "--destination-cidr-block",
                cidr,
                "--vpc-peering-connection-id",
                &pending,
            ]);
        }
    }
    let (code, report) = check(&m);
    assert_eq!(code, 1);
    assert_eq!(not_passing(&report), ["peering-active"]);
    let fails = failures(&report, "peering-active");
    assert_eq!(fails[0]["resource"], pending.as_str());
    assert!(fails[0]["hint"].as_str().unwrap().contains("accept-vpc-peering-connection"));
    m.aws(&["ec2", "accept-vpc-peering-connection", "--vpc-peering-connection-id", &pending]);
    assert_eq!(check(&m).0, 0, "accepted");

    // 3. The database opened to the whole web/WAS VPC instead of the WAS tier.
    let groups = m.aws(&["ec2", "describe-security-groups", "--filters", "Name=group-name,Values=db-sg"]);
    let db_sg = text(&groups, &["SecurityGroups", "0", "GroupId"]);
    let wide =
        ["--group-id", db_sg.as_str(), "--protocol", "tcp", "--port", "3306", "--cidr", "10.10.0.0/16"];
    m.aws(&[&["ec2", "authorize-security-group-ingress"][..], &wide].concat());
    let (_, report) = check(&m);
    assert_eq!(not_passing(&report), ["db-security-group"]);
    assert_eq!(failures(&report, "db-security-group")[0]["found"], "tcp/3306 from 10.10.0.0/16");
}

#[test]
fn an_overlapping_database_vpc_is_found_by_name_and_refused() {
    let m = Moto::start();
    m.aws(&[
        "ec2",
        "create-vpc",
        "--cidr-block",
        "10.10.0.0/16",
        "--tag-specifications",
        "ResourceType=vpc,Tags=[{Key=Name,Value=vpc-1}]",
    ]);
    let db = text(
        &m.aws(&[
            "ec2",
            "create-vpc",
            "--cidr-block",
            "10.10.0.0/16",
            "--tag-specifications",
            "ResourceType=vpc,Tags=[{Key=Name,Value=vpc-2}]",
        ]),
        &["Vpc", "VpcId"],
    );
    let (code, report) = check(&m);
    assert_eq!(code, 1);
    let fails = failures(&report, "non-overlapping-cidrs");
    assert_eq!(fails.len(), 1, "{report:#}");
    assert_eq!(fails[0]["resource"], db.as_str());
    assert!(fails[0]["message"].as_str().unwrap().contains("overlaps"));
    // The database VPC step says what is wrong with the VPC it found.
    let db_step = failures(&report, "db-vpc");
    assert_eq!(
        (db_step[0]["expected"].as_str(), db_step[0]["found"].as_str()),
        (Some("172.16.0.0/16"), Some("10.10.0.0/16"))
    );
}
