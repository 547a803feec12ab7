//! `rds_instance_class` — advice: a free-tier-sized instance class, with what a bigger one costs.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::per_instance;
use super::{Check, CheckKind, build};
use crate::cost::PriceTable;
use crate::l10n;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "rds_instance_class",
    description: "Each DB instance uses one of the `allowed` (free-tier-sized) classes; others get info with the hourly cost difference.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::DbInstances],
    build: build::<InstanceClass>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InstanceClass {
    vpc: VpcRef,
    allowed: Vec<String>,
}

/// On-demand USD per hour of a class in the snapshot's region (Seoul when unknown), from the
/// dated price table in `labs/prices.toml`: enough to show the order of magnitude of a bigger
/// class, not a bill.
fn hourly(snap: &Snapshot, class: &str) -> Option<f64> {
    let prices = PriceTable::builtin();
    let region = snap.region.as_deref().filter(|r| prices.region(r).is_some()).unwrap_or("ap-northeast-2");
    prices.region(region)?.rds.get(class).copied()
}

impl Check for InstanceClass {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let cheapest = self.allowed.iter().filter_map(|c| hourly(snap, c)).fold(f64::INFINITY, f64::min);
        per_instance(snap, &self.vpc, |db| {
            if self.allowed.contains(&db.class) {
                return Finding::pass(l10n!(
                    en: "DB instance {} uses {}, a free-tier-sized class", db.id, db.class;
                    ko: "DB 인스턴스 {}이(가) 프리 티어 크기의 {}을(를) 씁니다", db.id, db.class
                ))
                .resource(db.id.clone())
                .found(db.class.clone());
            }
            let cost = match (hourly(snap, &db.class), cheapest.is_finite()) {
                (Some(price), true) => {
                    let extra = price - cheapest;
                    format!(
                        "≈ +${extra:.3}/h, +${:.0}/month (on-demand, prices of {})",
                        extra * 730.0,
                        PriceTable::builtin().as_of
                    )
                }
                _ => "more than the free tier covers".to_owned(),
            };
            Finding::info(l10n!(
                en: "DB instance {} uses {}: {cost} compared with {}", db.id, db.class, self.allowed.join(" / ");
                ko: "DB 인스턴스 {}이(가) {}을(를) 씁니다. {} 대비 {cost}", db.id, db.class, self.allowed.join(" / ")
            ))
            .resource(db.id.clone())
            .expected(self.allowed.join(" or "))
            .found(db.class.clone())
            .hint(l10n!(
                en: "For a lab, scale down: aws rds modify-db-instance --db-instance-identifier {} --db-instance-class {} --apply-immediately", db.id, self.allowed.first().map_or("db.t3.micro", String::as_str);
                ko: "실습이라면 줄이세요: aws rds modify-db-instance --db-instance-identifier {} --db-instance-class {} --apply-immediately", db.id, self.allowed.first().map_or("db.t3.micro", String::as_str)
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, rds_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc = { cidr = "172.16.0.0/16" } allowed = ["db.t3.micro", "db.t4g.micro"] }
    }

    #[test]
    fn empty_solved_bigger_many() {
        assert_eq!(statuses(&run("rds_instance_class", args(), &Builder::empty().build())), [Fail]);
        let (mut b, s) = rds_solved();
        assert_eq!(statuses(&run("rds_instance_class", args(), b.snapshot())), [Pass]);
        b.db(&s.db).class = "db.m5.large".into();
        let f = run("rds_instance_class", args(), b.snapshot());
        assert_eq!(statuses(&f), [Info]);
        assert!(f[0].message.en.contains("+$0.211/h"), "{}", f[0].message.en);
        for i in 0..5 {
            b.db_instance(&format!("db-{i}"), &s.net.db_vpc, "x", "sg");
        }
        assert_eq!(run("rds_instance_class", args(), &b.build()).len(), 6);
    }
}
