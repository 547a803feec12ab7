//! `rds_maintenance` — minor versions are upgraded automatically, in a chosen maintenance window.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::per_instance;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "rds_maintenance",
    description: "Each DB instance has auto minor version upgrade on and a maintenance window set.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::DbInstances],
    build: build::<Maintenance>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Maintenance {
    vpc: VpcRef,
}

impl Check for Maintenance {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        per_instance(snap, &self.vpc, |db| {
            let window = db.maintenance_window.clone().filter(|w| !w.is_empty());
            match (db.auto_minor_version_upgrade, window) {
                (true, Some(w)) => {
                    Finding::pass(msg!("rds-maintenance-db-instance-takes-minor", db = &db.id, window = &w))
                        .resource(db.id.clone())
                        .found(format!("AutoMinorVersionUpgrade, window {w}"))
                }
                (false, _) => Finding::fail(msg!("rds-maintenance-db-instance-does-not", db = &db.id))
                    .resource(db.id.clone())
                    .expected("AutoMinorVersionUpgrade = true")
                    .found("AutoMinorVersionUpgrade = false")
                    .hint(msg!("rds-maintenance-db-instance-does-not-hint", db = &db.id)),
                (true, None) => {
                    Finding::fail(msg!("rds-maintenance-db-instance-no-maintenance", db = &db.id))
                        .resource(db.id.clone())
                        .expected("a preferred maintenance window")
                        .found("none")
                        .hint(msg!("rds-maintenance-db-instance-no-maintenance-hint"))
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, rds_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc = { cidr = "172.16.0.0/16" } }
    }

    #[test]
    fn empty_solved_broken_many() {
        assert_eq!(statuses(&run("rds_maintenance", args(), &Builder::empty().build())), [Fail]);
        let (mut b, s) = rds_solved();
        assert_eq!(statuses(&run("rds_maintenance", args(), b.snapshot())), [Pass]);
        b.db(&s.db).auto_minor_version_upgrade = false;
        assert_eq!(statuses(&run("rds_maintenance", args(), b.snapshot())), [Fail]);
        b.db(&s.db).auto_minor_version_upgrade = true;
        b.db(&s.db).maintenance_window = None;
        assert_eq!(run("rds_maintenance", args(), b.snapshot())[0].found.as_deref(), Some("none"));
        for i in 0..5 {
            b.db_instance(&format!("db-{i}"), &s.net.db_vpc, "x", "sg");
        }
        assert_eq!(run("rds_maintenance", args(), &b.build()).len(), 6);
    }
}
