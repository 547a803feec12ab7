//! `rds_backups` — automated backups are on (point-in-time recovery works).

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::per_instance;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "rds_backups",
    description: "Each DB instance keeps automated backups for at least `min_retention_days` days.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::DbInstances, ResourceKind::DbClusters],
    build: build::<Backups>,
};

fn one() -> i32 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Backups {
    vpc: VpcRef,
    #[serde(default = "one")]
    min_retention_days: i32,
}

impl Check for Backups {
    fn judges_without(&self) -> &'static [ResourceKind] {
        // Aurora clusters were not always read: an instance in no cluster (every instance of a
        // snapshot saved before they were) is judged on its own attributes.
        &[ResourceKind::DbClusters]
    }

    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let min = self.min_retention_days;
        per_instance(snap, &self.vpc, |db| {
            let days = db.backup_retention_days;
            if days >= min {
                Finding::pass(msg!("rds-backups-db-instance-keeps-automated", db = &db.id, days = &days))
                    .resource(db.id.clone())
                    .found(format!("BackupRetentionPeriod = {days}"))
            } else {
                Finding::fail(msg!("rds-backups-db-instance-automated-backups", db = &db.id))
                    .resource(db.id.clone())
                    .expected(format!("BackupRetentionPeriod ≥ {min}"))
                    .found(format!("BackupRetentionPeriod = {days}"))
                    .hint(match &db.cluster_id {
                        Some(cluster) => msg!("rds-backups-aws-rds-modify-db", cluster = &cluster),
                        None => msg!("rds-backups-aws-rds-modify-db-2", db = &db.id),
                    })
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, rds_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc = { cidr = "172.16.0.0/16" } min_retention_days = 1 }
    }

    #[test]
    fn empty_solved_broken_many() {
        assert_eq!(statuses(&run("rds_backups", args(), &Builder::empty().build())), [Fail]);
        let (mut b, s) = rds_solved();
        assert_eq!(statuses(&run("rds_backups", args(), b.snapshot())), [Pass]);
        b.db(&s.db).backup_retention_days = 0;
        let f = run("rds_backups", args(), b.snapshot());
        assert_eq!(f[0].found.as_deref(), Some("BackupRetentionPeriod = 0"));
        for i in 0..5 {
            b.db_instance(&format!("db-{i}"), &s.net.db_vpc, "x", "sg");
        }
        assert_eq!(statuses(&run("rds_backups", args(), &b.build())), [Fail, Pass, Pass, Pass, Pass, Pass]);
    }
}
