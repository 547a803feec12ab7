//! `rds_security_group` — the DB security group is attached to the instance.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::{find_group, per_instance, require_vpc};
use super::{Check, CheckKind, build};
use crate::l10n;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "rds_security_group",
    description: "Each DB instance has the security group `group` attached.",
    needs: &[
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::DbInstances,
        ResourceKind::SecurityGroups,
    ],
    build: build::<InstanceGroup>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InstanceGroup {
    vpc: VpcRef,
    group: String,
}

impl Check for InstanceGroup {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc_id = require_vpc(snap, &self.vpc).map(|v| v.id.clone()).unwrap_or_default();
        let want = find_group(snap, Some(&vpc_id), &self.group);
        per_instance(snap, &self.vpc, |db| {
            let attached: Vec<String> = db
                .security_groups
                .iter()
                .map(|id| snap.security_group(id).map_or_else(|| id.clone(), |g| g.display()))
                .collect();
            match want {
                Some(g) if db.security_groups.contains(&g.id) => Finding::pass(l10n!(
                    en: "DB instance {} uses {}", db.id, g.display(); ko: "DB 인스턴스 {}에 {}이(가) 연결되어 있습니다", db.id, g.display()
                ))
                .resource(db.id.clone())
                .found(attached.join(", ")),
                _ => Finding::fail(l10n!(
                    en: "DB instance {} does not use the security group {}: its rules decide who may reach the database", db.id, self.group;
                    ko: "DB 인스턴스 {}에 보안 그룹 {}이(가) 연결되어 있지 않습니다. 누가 DB에 닿을 수 있는지는 이 그룹의 규칙이 정합니다", db.id, self.group
                ))
                .resource(db.id.clone())
                .expected(format!("security group {}", self.group))
                .found(attached.join(", "))
                .hint(l10n!(
                    en: "aws rds modify-db-instance --db-instance-identifier {} --vpc-security-group-ids <the id of {}> --apply-immediately", db.id, self.group;
                    ko: "RDS → {} → 수정 → 연결 → VPC 보안 그룹에서 {}을(를) 고르세요(기본 그룹은 빼세요).", db.id, self.group
                )),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, rds_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc = { cidr = "172.16.0.0/16" } group = "db-sg" }
    }

    #[test]
    fn empty_solved_broken_many() {
        assert_eq!(statuses(&run("rds_security_group", args(), &Builder::empty().build())), [Fail]);
        let (mut b, s) = rds_solved();
        assert_eq!(statuses(&run("rds_security_group", args(), b.snapshot())), [Pass]);
        let default_sg = b
            .snapshot()
            .security_groups
            .iter()
            .find(|g| g.vpc_id == s.net.db_vpc && g.name == "default")
            .unwrap()
            .id
            .clone();
        b.db(&s.db).security_groups = vec![default_sg];
        let f = run("rds_security_group", args(), b.snapshot());
        assert_eq!(statuses(&f), [Fail]);
        assert!(f[0].found.as_deref().unwrap().contains("(default)"));
        for i in 0..5 {
            b.db_instance(&format!("db-{i}"), &s.net.db_vpc, "x", &s.net.db_sg);
        }
        assert_eq!(
            statuses(&run("rds_security_group", args(), &b.build())),
            [Fail, Pass, Pass, Pass, Pass, Pass]
        );
    }
}
