//! The `rds-kms` lab: an RDS instance encrypted with the learner's own KMS key in the database
//! VPC, built with the AWS CLI, then broken one thing at a time.

use sandpit_e2e::{Moto, failures, not_passing};
use serde_json::Value;

use crate::{three_tier_vpc, vpc_peering};

fn check(m: &Moto) -> (i32, Value) {
    let run = m.sandpit(&["check", "rds-kms", "--json", "--lang", "en"]);
    (run.code, run.json())
}

fn create_db(m: &Moto, id: &str, sg: &str, encryption: &[&str]) {
    let base = [
        "rds",
        "create-db-instance",
        "--db-instance-identifier",
        id,
        "--engine",
        "mysql",
        "--db-instance-class",
        "db.t3.micro",
        "--allocated-storage",
        "20",
        "--master-username",
        "admin",
        "--manage-master-user-password",
        "--db-subnet-group-name",
        "lab-db-subnets",
        "--vpc-security-group-ids",
        sg,
        "--no-publicly-accessible",
        "--backup-retention-period",
        "7",
        "--auto-minor-version-upgrade",
        "--preferred-maintenance-window",
        "sun:18:00-sun:19:00",
    ];
    m.aws(&[&base[..], encryption].concat());
}

fn create_subnet_group(m: &Moto, subnet_ids: &[&str]) {
    let base = [
        "rds",
        "create-db-subnet-group",
        "--db-subnet-group-name",
        "lab-db-subnets",
        "--db-subnet-group-description",
        "DB subnets",
        "--subnet-ids",
    ];
    m.aws(&[&base[..], subnet_ids].concat());
}

fn modify(m: &Moto, args: &[&str]) {
    let base = ["rds", "modify-db-instance", "--db-instance-identifier", "lab-db", "--apply-immediately"];
    m.aws(&[&base[..], args].concat());
}

#[test]
fn rds_kms_built_by_a_student_passes_and_each_mistake_is_pinned() {
    let m = Moto::start();
    m.guard();
    let app = three_tier_vpc::build(&m, false);
    let net = vpc_peering::build(&m, &app);

    let key = m.aws(&["kms", "create-key", "--description", "lab RDS key"]);
    let key_id = key["KeyMetadata"]["KeyId"].as_str().unwrap().to_owned();
    m.aws(&["kms", "create-alias", "--alias-name", "alias/lab-rds", "--target-key-id", &key_id]);
    let subnets: Vec<&str> = net.db_subnets.iter().map(String::as_str).collect();
    create_subnet_group(&m, &subnets);
    create_db(&m, "lab-db", &net.db_sg, &["--storage-encrypted", "--kms-key-id", "alias/lab-rds"]);

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
        create_subnet_group(&m, ids);
    };
    recreate(&[&net.db_subnets[0], &net.db_subnets[2]]);
    let (_, report) = check(&m);
    assert_eq!(not_passing(&report), ["db-subnet-group"]);
    assert_eq!(failures(&report, "db-subnet-group")[0]["resource"], "lab-db-subnets");
    recreate(&subnets);
    assert_eq!(check(&m).0, 0, "repaired");

    // 4. A second instance encrypted with the AWS-managed key, a third not encrypted at all.
    create_db(&m, "aws-key-db", &net.db_sg, &["--storage-encrypted", "--kms-key-id", "alias/aws/rds"]);
    create_db(&m, "plain-db", &net.db_sg, &[]);
    let (_, report) = check(&m);
    assert_eq!(not_passing(&report), ["encryption"]);
    let fails = failures(&report, "encryption");
    let by =
        |id: &str| fails.iter().find(|f| f["resource"] == id).unwrap_or_else(|| panic!("{id}: {report:#}"));
    assert!(by("aws-key-db")["found"].as_str().unwrap().contains("alias/aws/rds"), "{:#}", by("aws-key-db"));
    assert_eq!(by("plain-db")["found"], "not encrypted");
    assert_eq!(fails.len(), 2);
}
