//! `rds_managed_password` — advice: let RDS keep the master password in Secrets Manager.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::per_instance;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "rds_managed_password",
    description: "Each DB instance's master password (its Aurora cluster's, for a member) is managed in Secrets Manager (info when it is not; never fails).",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::DbInstances, ResourceKind::DbClusters],
    build: build::<ManagedPassword>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManagedPassword {
    vpc: VpcRef,
}

impl Check for ManagedPassword {
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
            match &db.master_user_secret_arn {
                Some(secret) => Finding::pass(msg!(
                    "rds-managed-password-db-instance-s-master",
                    db = &db.id,
                    secret = &secret
                ))
                .resource(db.id.clone())
                .found(secret.clone()),
                None => Finding::info(msg!("rds-managed-password-db-instance-s-master-2", db = &db.id))
                    .resource(db.id.clone())
                    .expected("ManageMasterUserPassword")
                    .found("password set by hand")
                    .hint(match &db.cluster_id {
                        // An Aurora cluster keeps the master password: it is changed on the cluster.
                        Some(cluster) => msg!("rds-managed-password-aws-rds-modify-db", cluster = &cluster),
                        None => msg!("rds-managed-password-aws-rds-modify-db-2", db = &db.id),
                    }),
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
    fn empty_solved_advice_many() {
        assert_eq!(statuses(&run("rds_managed_password", args(), &Builder::empty().build())), [Fail]);
        let (mut b, s) = rds_solved();
        assert_eq!(statuses(&run("rds_managed_password", args(), b.snapshot())), [Pass]);
        b.db(&s.db).master_user_secret_arn = None;
        assert_eq!(statuses(&run("rds_managed_password", args(), b.snapshot())), [Info]);
        for i in 0..5 {
            b.db_instance(&format!("db-{i}"), &s.net.db_vpc, "x", "sg");
        }
        assert_eq!(run("rds_managed_password", args(), &b.build()).len(), 6);
    }
}
