//! The `vpc-peering` lab: the database VPC joined to the web/WAS VPC, then broken one thing at a
//! time.

use sandpit_e2e::labs::{self, APP_CIDRS, DB_CIDRS, create_vpc};
use sandpit_e2e::{Moto, failures, not_passing, text};
use serde_json::Value;

fn check(m: &Moto) -> (i32, Value) {
    let run = m.sandpit(&["check", "vpc-peering", "--json", "--lang", "en"]);
    (run.code, run.json())
}

#[test]
fn vpc_peering_built_by_a_student_passes_and_each_mistake_is_pinned() {
    let m = Moto::start();
    let app = labs::three_tier_vpc(&m, false);
    let lab = labs::vpc_peering(&m, &app);

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
    labs::create_route(&m, &lab.db_rt, "10.10.3.0/24", ("--vpc-peering-connection-id", &lab.pcx));
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
    labs::allow_tcp(&m, &db_sg, "3306", ("--cidr", "10.10.0.0/16"));
    let (_, report) = check(&m);
    assert_eq!(not_passing(&report), ["db-security-group"]);
    assert_eq!(failures(&report, "db-security-group")[0]["found"], "tcp/3306 from 10.10.0.0/16");
}

#[test]
fn an_overlapping_database_vpc_is_found_by_name_and_refused() {
    let m = Moto::start();
    create_vpc(&m, "10.10.0.0/16", Some("vpc-1"));
    let db = create_vpc(&m, "10.10.0.0/16", Some("vpc-2"));
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
