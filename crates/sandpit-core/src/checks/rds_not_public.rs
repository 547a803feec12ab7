//! `rds_not_public` — no DB instance of the lab has a public address.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::per_instance;
use super::{Check, CheckKind, build};
use crate::l10n;
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
                Finding::fail(l10n!(
                    en: "DB instance {} is publicly accessible: it gets a public DNS address anyone can try to connect to", db.id;
                    ko: "DB 인스턴스 {}이(가) 퍼블릭 액세스 가능으로 되어 있어 누구나 접속을 시도할 수 있는 공인 주소를 받습니다", db.id
                ))
                .resource(db.id.clone())
                .expected("PubliclyAccessible = false")
                .found("PubliclyAccessible = true")
                .hint(l10n!(
                    en: "aws rds modify-db-instance --db-instance-identifier {} --no-publicly-accessible --apply-immediately", db.id;
                    ko: "RDS → {} → 수정 → 연결 → 퍼블릭 액세스 불가 (CLI: aws rds modify-db-instance --no-publicly-accessible)", db.id
                ))
            } else {
                Finding::pass(l10n!(
                    en: "DB instance {} is reachable only inside the VPC (and its peers)", db.id;
                    ko: "DB 인스턴스 {}은(는) VPC(와 피어링된 VPC) 안에서만 접속할 수 있습니다", db.id
                ))
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
