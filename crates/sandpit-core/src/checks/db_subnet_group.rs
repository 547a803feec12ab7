//! `db_subnet_group` — a DB subnet group in the DB VPC spans enough Availability Zones.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "db_subnet_group",
    description: "A DB subnet group in the VPC spans at least `min_azs` Availability Zones.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::DbSubnetGroups],
    build: build::<SubnetGroup>,
};

fn two() -> usize {
    2
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubnetGroup {
    vpc: VpcRef,
    #[serde(default = "two")]
    min_azs: usize,
}

impl Check for SubnetGroup {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let min = self.min_azs;
        let groups: Vec<_> = snap.db_subnet_groups.iter().filter(|g| g.vpc_id == vpc.id).collect();
        let azs = |g: &crate::snapshot::DbSubnetGroup| -> BTreeSet<String> {
            g.subnets.iter().map(|s| s.availability_zone.clone()).collect()
        };
        if let Some(good) = groups.iter().find(|g| azs(g).len() >= min) {
            let zones: Vec<String> = azs(good).into_iter().collect();
            return vec![
                Finding::pass(msg!("db-subnet-group-spans", good = &good.name, zones = zones.join(", ")))
                    .resource(good.name.clone())
                    .found(format!("{} subnets in {}", good.subnets.len(), zones.join(", "))),
            ];
        }
        match groups.first() {
            Some(g) => vec![
                Finding::fail(msg!(
                    "db-subnet-group-covers-only-rds",
                    group = &g.name,
                    zones = azs(g).into_iter().collect::<Vec<_>>().join(", "),
                    min = &min
                ))
                .resource(g.name.clone())
                .expected(format!("subnets in ≥{min} Availability Zones"))
                .found(azs(g).into_iter().collect::<Vec<_>>().join(", "))
                .hint(msg!("db-subnet-group-covers-only-rds-hint", group = &g.name)),
            ],
            None => vec![
                Finding::fail(msg!("db-subnet-group-no-db-subnet-group", vpc = &vpc.id))
                    .resource(vpc.id.clone())
                    .expected(format!("a DB subnet group in {}", vpc.id))
                    .found(
                        snap.db_subnet_groups
                            .iter()
                            .map(|g| format!("{} in {}", g.name, g.vpc_id))
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                    .hint(msg!("db-subnet-group-no-db-subnet-group-hint", vpc = &vpc.id)),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, rds_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc = { cidr = "172.16.0.0/16" } min_azs = 2 }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("db_subnet_group", args(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes() {
        let (b, _) = rds_solved();
        assert_eq!(statuses(&run("db_subnet_group", args(), &b.build())), [Pass]);
    }

    #[test]
    fn a_single_az_group_fails() {
        let (mut b, _) = rds_solved();
        for s in &mut b.snapshot().db_subnet_groups.items_mut().unwrap()[0].subnets {
            s.availability_zone = "ap-northeast-2a".into();
        }
        let f = run("db_subnet_group", args(), &b.build());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(f[0].resource.as_deref(), Some("lab-db-subnets"));
    }

    #[test]
    fn many_groups_one_good_is_enough() {
        let (mut b, s) = rds_solved();
        for i in 0..10 {
            b.db_subnet_group(&format!("g{i}"), &s.net.db_vpc, &s.net.db[..1]);
        }
        assert_eq!(statuses(&run("db_subnet_group", args(), &b.build())), [Pass]);
    }
}
