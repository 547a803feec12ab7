//! `rds_maintenance` — minor versions are upgraded automatically, in a chosen maintenance window.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::per_instance;
use super::{Check, CheckKind, build};
use crate::l10n;
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
                (true, Some(w)) => Finding::pass(l10n!(
                    en: "DB instance {} takes minor engine upgrades automatically during {w} (UTC)", db.id;
                    ko: "DB 인스턴스 {}이(가) {w}(UTC) 유지 관리 기간에 마이너 버전을 자동으로 올립니다", db.id
                ))
                .resource(db.id.clone())
                .found(format!("AutoMinorVersionUpgrade, window {w}")),
                (false, _) => Finding::fail(l10n!(
                    en: "DB instance {} does not upgrade minor versions automatically: security patches wait for someone to remember", db.id;
                    ko: "DB 인스턴스 {}의 마이너 버전 자동 업그레이드가 꺼져 있어 보안 패치가 누군가 기억할 때까지 미뤄집니다", db.id
                ))
                .resource(db.id.clone())
                .expected("AutoMinorVersionUpgrade = true")
                .found("AutoMinorVersionUpgrade = false")
                .hint(l10n!(
                    en: "aws rds modify-db-instance --db-instance-identifier {} --auto-minor-version-upgrade --apply-immediately", db.id;
                    ko: "RDS → {} → 수정 → 유지 관리 → 마이너 버전 자동 업그레이드 사용 (CLI: --auto-minor-version-upgrade)", db.id
                )),
                (true, None) => Finding::fail(l10n!(
                    en: "DB instance {} has no maintenance window", db.id;
                    ko: "DB 인스턴스 {}에 유지 관리 기간이 없습니다", db.id
                ))
                .resource(db.id.clone())
                .expected("a preferred maintenance window")
                .found("none")
                .hint(l10n!(
                    en: "Pick a quiet hour: --preferred-maintenance-window sun:18:00-sun:19:00 (UTC; 03:00 in Seoul).";
                    ko: "사용이 적은 시간을 고르세요: --preferred-maintenance-window sun:18:00-sun:19:00 (UTC, 서울 시간 새벽 3시)."
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
