//! `rds_not_public` — no DB instance of the lab has a public address.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::per_instance;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "rds_not_public",
    description: "Each DB instance has PubliclyAccessible off.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::DbInstances],
    build: build::<NotPublic>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NotPublic {
    vpc: VpcRef,
}

impl Check for NotPublic {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        per_instance(snap, &self.vpc, |db| {
            if db.publicly_accessible {
                Finding::fail(msg!("rds-not-public-db-instance-publicly-accessible", db = &db.id))
                    .resource(db.id.clone())
                    .expected("PubliclyAccessible = false")
                    .found("PubliclyAccessible = true")
                    .hint(msg!("rds-not-public-db-instance-publicly-accessible-hint", db = &db.id))
            } else {
                Finding::pass(msg!("rds-not-public-db-instance-reachable-only", db = &db.id))
                    .resource(db.id.clone())
                    .found("PubliclyAccessible = false")
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
        assert_eq!(statuses(&run("rds_not_public", args(), &Builder::empty().build())), [Fail]);
        let (mut b, s) = rds_solved();
        assert_eq!(statuses(&run("rds_not_public", args(), b.snapshot())), [Pass]);
        b.db(&s.db).publicly_accessible = true;
        assert_eq!(statuses(&run("rds_not_public", args(), b.snapshot())), [Fail]);
        for i in 0..5 {
            b.db_instance(&format!("db-{i}"), &s.net.db_vpc, "x", "sg");
        }
        assert_eq!(
            statuses(&run("rds_not_public", args(), &b.build())),
            [Fail, Pass, Pass, Pass, Pass, Pass]
        );
    }
}
