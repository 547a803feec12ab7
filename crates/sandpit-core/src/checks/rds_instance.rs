//! `rds_instance` — an RDS DB instance runs in the lab's VPC.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::per_instance;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "rds_instance",
    description: "An RDS DB instance exists in the VPC (through its DB subnet group) and is available.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::DbInstances, ResourceKind::DbClusters],
    build: build::<InstanceExists>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InstanceExists {
    vpc: VpcRef,
}

impl Check for InstanceExists {
    fn judges_without(&self) -> &'static [ResourceKind] {
        // Aurora clusters were not always read: an instance in no cluster (every instance of a
        // snapshot saved before they were) is judged on its own attributes.
        &[ResourceKind::DbClusters]
    }

    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        per_instance(snap, &self.vpc, |db| {
            let cluster = db.cluster_id.as_deref().map(|c| format!(", cluster {c}")).unwrap_or_default();
            let what = format!("{} ({} {}, {}{cluster})", db.id, db.engine, db.class, db.status);
            if db.status == "available" {
                Finding::pass(msg!("rds-instance-db-instance-running", what = &what))
                    .resource(db.id.clone())
                    .found(db.status.clone())
            } else {
                Finding::pass(msg!("rds-instance-db-instance-exists-not", what = &what))
                    .resource(db.id.clone())
                    .found(db.status.clone())
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
    fn empty_account_and_a_vpc_without_instances_fail() {
        assert_eq!(statuses(&run("rds_instance", args(), &Builder::empty().build())), [Fail]);
        let (mut b, s) = rds_solved();
        b.db(&s.db).vpc_id = Some(s.net.app_vpc.clone());
        let f = run("rds_instance", args(), &b.build());
        assert_eq!(statuses(&f), [Fail]);
        assert!(f[0].found.as_deref().unwrap().contains("lab-db in vpc-"));
    }

    #[test]
    fn solved_passes() {
        let (b, s) = rds_solved();
        let f = run("rds_instance", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.db.as_str()));
    }

    #[test]
    fn many_instances_each_reported() {
        let (mut b, s) = rds_solved();
        for i in 0..5 {
            b.db_instance(&format!("db-{i}"), &s.net.db_vpc, "x", "sg-x");
        }
        assert_eq!(run("rds_instance", args(), &b.build()).len(), 6);
    }
}
