//! The `rds-kms` lab: an RDS instance encrypted with the learner's own KMS key in the database
//! VPC, built with the AWS CLI, then broken one thing at a time.

use sandpit_e2e::labs::{self, create_db_subnet_group, create_lab_db_instance};
use sandpit_e2e::{Moto, failures, not_passing};
use serde_json::Value;

fn check(m: &Moto) -> (i32, Value) {
    let run = m.sandpit(&["check", "rds-kms", "--json", "--lang", "en"]);
    (run.code, run.json())
}

fn modify(m: &Moto, args: &[&str]) {
    let base = ["rds", "modify-db-instance", "--db-instance-identifier", "lab-db", "--apply-immediately"];
    m.aws(&[&base[..], args].concat());
}

#[test]
fn rds_kms_built_by_a_student_passes_and_each_mistake_is_pinned() {
    let m = Moto::start();
    m.guard();
    let app = labs::three_tier_vpc(&m, false);
    let net = labs::vpc_peering(&m, &app);
    labs::rds_kms(&m, &net);
    let subnets: Vec<&str> = net.db_subnets.iter().map(String::as_str).collect();

    let (code, report) = check(&m);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);

    // 1. Publicly accessible.
    modify(&m, &["--publicly-accessible"]);
    let (code, report) = check(&m);
    assert_eq!((code, not_passing(&report)), (1, vec!["not-public".to_owned()]));
    assert_eq!(failures(&report, "not-public")[0]["resource"], "lab-db");
    modify(&m, &["--no-publicly-accessible"]);

    // 2. Automated backups off.
    modify(&m, &["--backup-retention-period", "0"]);
    let (_, report) = check(&m);
    assert_eq!(not_passing(&report), ["backups"]);
    assert_eq!(failures(&report, "backups")[0]["found"], "BackupRetentionPeriod = 0");
    modify(&m, &["--backup-retention-period", "7"]);
    assert_eq!(check(&m).0, 0, "repaired");

    // 3. A DB subnet group squeezed into one Availability Zone. (moto's ModifyDBSubnetGroup
    //    drops the group from its listing, so the group is recreated instead; real AWS refuses
    //    a one-AZ group outright, which is what this step explains before the learner hits it.)
    let recreate = |ids: &[&str]| {
        m.aws(&["rds", "delete-db-subnet-group", "--db-subnet-group-name", "lab-db-subnets"]);
        create_db_subnet_group(&m, ids);
    };
    recreate(&[&net.db_subnets[0], &net.db_subnets[2]]);
    let (_, report) = check(&m);
    assert_eq!(not_passing(&report), ["db-subnet-group"]);
    assert_eq!(failures(&report, "db-subnet-group")[0]["resource"], "lab-db-subnets");
    recreate(&subnets);
    assert_eq!(check(&m).0, 0, "repaired");

    // 4. A second instance encrypted with the AWS-managed key, a third not encrypted at all.
    create_lab_db_instance(
        &m,
        "aws-key-db",
        &net.db_sg,
        &["--storage-encrypted", "--kms-key-id", "alias/aws/rds"],
    );
    create_lab_db_instance(&m, "plain-db", &net.db_sg, &[]);
    let (_, report) = check(&m);
    assert_eq!(not_passing(&report), ["encryption"]);
    let fails = failures(&report, "encryption");
    let by =
        |id: &str| fails.iter().find(|f| f["resource"] == id).unwrap_or_else(|| panic!("{id}: {report:#}"));
    assert!(by("aws-key-db")["found"].as_str().unwrap().contains("alias/aws/rds"), "{:#}", by("aws-key-db"));
    assert_eq!(by("plain-db")["found"], "not encrypted");
    assert_eq!(fails.len(), 2);
}
