//! `db_subnet_group` — a DB subnet group in the DB VPC spans enough Availability Zones.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::l10n;
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
                Finding::pass(l10n!(
                    en: "DB subnet group {} spans {}", good.name, zones.join(", ");
                    ko: "DB 서브넷 그룹 {}이(가) {}에 걸쳐 있습니다", good.name, zones.join(", ")
                ))
                .resource(good.name.clone())
                .found(format!("{} subnets in {}", good.subnets.len(), zones.join(", "))),
            ];
        }
        match groups.first() {
            Some(g) => vec![
                Finding::fail(l10n!(
                    en: "DB subnet group {} covers only {}: RDS needs subnets in {min} Availability Zones for Multi-AZ and failover", g.name, azs(g).into_iter().collect::<Vec<_>>().join(", ");
                    ko: "DB 서브넷 그룹 {}이(가) {}만 포함합니다. Multi-AZ와 장애 조치를 위해 가용 영역 {min}곳의 서브넷이 필요합니다", g.name, azs(g).into_iter().collect::<Vec<_>>().join(", ")
                ))
                .resource(g.name.clone())
                .expected(format!("subnets in ≥{min} Availability Zones"))
                .found(azs(g).into_iter().collect::<Vec<_>>().join(", "))
                .hint(l10n!(
                    en: "aws rds modify-db-subnet-group --db-subnet-group-name {} --subnet-ids (subnets in two AZs)", g.name;
                    ko: "서브넷 그룹에 다른 가용 영역의 서브넷을 추가하세요(aws rds modify-db-subnet-group --db-subnet-group-name {} --subnet-ids …)", g.name
                )),
            ],
            None => vec![
                Finding::fail(l10n!(en: "no DB subnet group in {}", vpc.id; ko: "{}에 DB 서브넷 그룹이 없습니다", vpc.id))
                    .resource(vpc.id.clone())
                    .expected(format!("a DB subnet group in {}", vpc.id))
                    .found(snap.db_subnet_groups.iter().map(|g| format!("{} in {}", g.name, g.vpc_id)).collect::<Vec<_>>().join(", "))
                    .hint(l10n!(
                        en: "RDS → Subnet groups → Create DB subnet group: VPC {}, the DB subnets of two or more AZs.", vpc.id;
                        ko: "RDS → 서브넷 그룹 → DB 서브넷 그룹 생성: VPC {}, 두 곳 이상의 가용 영역에 있는 DB 서브넷.", vpc.id
                    )),
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
