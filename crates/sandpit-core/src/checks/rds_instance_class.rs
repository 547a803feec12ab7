//! `rds_instance_class` — advice: a free-tier-sized instance class, what a bigger one costs,
//! and what Multi-AZ adds.
//!
//! The facts it states: the RDS free tier covers Single-AZ `db.t3.micro` and `db.t4g.micro`
//! instances; `db.t2.micro` is a previous-generation class RDS does not offer for MySQL 8.0; a
//! Multi-AZ instance runs a standby in a second zone, billed like a second instance.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::{describe_db, per_instance};
use super::{Check, CheckKind, build};
use crate::cost::PriceTable;
use crate::l10n;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "rds_instance_class",
    description: "Each DB instance uses one of the `allowed` (free-tier-sized) classes, Single-AZ; others get info with the hourly cost difference.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::DbInstances],
    build: build::<InstanceClass>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InstanceClass {
    vpc: VpcRef,
    allowed: Vec<String>,
}

/// Previous-generation classes RDS does not offer for MySQL 8.0 (the engine version labs use).
const RETIRED: &[&str] = &["db.t2.micro", "db.t2.small", "db.t2.medium", "db.t2.large"];

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
        let allowed = self.allowed.join(" / ");
        let target = self.allowed.first().map_or("db.t3.micro", String::as_str).to_owned();
        let as_of = PriceTable::builtin().as_of;
        let mut multi_az = Vec::new();
        let mut findings = per_instance(snap, &self.vpc, |db| {
            let (who_en, who_ko) = describe_db(db);
            let class = &db.class;
            if db.multi_az {
                let extra = hourly(snap, class).map(|h| (h, h * 730.0));
                multi_az.push(
                    Finding::info(l10n!(
                        en: "{who_en} is Multi-AZ: a standby runs in a second zone, billed like a second instance (about twice the instance cost{}), and the free tier covers Single-AZ only", extra.map(|(h, m)| format!(", +${h:.3}/h, +${m:.0}/month")).unwrap_or_default();
                        ko: "{who_ko}이(가) 다중 AZ입니다. 다른 가용 영역에서 대기 인스턴스가 하나 더 돌아 인스턴스 요금이 약 두 배가 되고{}, 프리 티어는 단일 AZ만 해당됩니다", extra.map(|(h, m)| format!("(시간당 +${h:.3}, 월 +${m:.0})")).unwrap_or_default()
                    ))
                    .resource(db.id.clone())
                    .expected("Single-AZ")
                    .found("MultiAZ = true")
                    .hint(l10n!(
                        en: "For a lab: aws rds modify-db-instance --db-instance-identifier {} --no-multi-az --apply-immediately", db.id;
                        ko: "실습이라면 단일 AZ로 바꾸세요: `aws rds modify-db-instance --db-instance-identifier {} --no-multi-az --apply-immediately`", db.id
                    )),
                );
            }
            if self.allowed.contains(class) {
                return Finding::pass(l10n!(
                    en: "{who_en} uses {class}, a free-tier-eligible class";
                    ko: "{who_ko}이(가) 프리 티어 대상 클래스 {class}을(를) 씁니다"
                ))
                .resource(db.id.clone())
                .found(class.clone());
            }
            let change = l10n!(
                en: "aws rds modify-db-instance --db-instance-identifier {} --db-instance-class {target} --apply-immediately", db.id;
                ko: "`aws rds modify-db-instance --db-instance-identifier {} --db-instance-class {target} --apply-immediately`", db.id
            );
            if RETIRED.contains(&class.as_str()) {
                return Finding::info(l10n!(
                    en: "{who_en} uses {class}, a previous-generation class that RDS does not offer for MySQL 8.0. {allowed} are the free-tier-eligible classes";
                    ko: "{who_ko}이(가) 쓰는 {class}은(는) 이전 세대 클래스라 RDS가 MySQL 8.0용으로 제공하지 않습니다. 프리 티어 대상은 {allowed}입니다"
                ))
                .resource(db.id.clone())
                .expected(self.allowed.join(" or "))
                .found(class.clone())
                .hint(l10n!(
                    en: "Move to a current class: {}", change.en;
                    ko: "현재 클래스로 옮기세요: {}", change.ko
                ));
            }
            let (cost_en, cost_ko) = match (hourly(snap, class), cheapest.is_finite()) {
                (Some(price), true) => {
                    let extra = price - cheapest;
                    (
                        format!(
                            "≈ +${extra:.3}/h, +${:.0}/month (on-demand, prices of {as_of})",
                            extra * 730.0
                        ),
                        format!(
                            "시간당 약 +${extra:.3}, 월 +${:.0}({as_of} 기준 온디맨드 가격)",
                            extra * 730.0
                        ),
                    )
                }
                _ => ("more than the free tier covers".to_owned(), "프리 티어가 다루지 않는 비용".to_owned()),
            };
            let bigger = hourly(snap, class).is_some_and(|p| cheapest.is_finite() && p > cheapest);
            Finding::info(l10n!(
                en: "{who_en} uses {class}: {cost_en} compared with {allowed}, which the free tier covers";
                ko: "{who_ko}이(가) {class}을(를) 씁니다. 프리 티어 대상인 {allowed}보다 {cost_ko}"
            ))
            .resource(db.id.clone())
            .expected(self.allowed.join(" or "))
            .found(class.clone())
            .hint(if bigger {
                l10n!(en: "For a lab, scale down: {}", change.en; ko: "실습이라면 줄이세요: {}", change.ko)
            } else {
                l10n!(en: "For a lab, switch to a free-tier class: {}", change.en; ko: "실습이라면 프리 티어 클래스로 바꾸세요: {}", change.ko)
            })
        });
        findings.extend(multi_az);
        findings
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

    #[test]
    fn free_tier_facts_are_said_right_in_both_languages() {
        let (mut b, s) = rds_solved();
        // db.t3.micro is free-tier eligible: it passes, never "too big".
        let f = run("rds_instance_class", args(), b.snapshot());
        assert_eq!(statuses(&f), [Pass]);
        assert!(f[0].message.en.contains("free-tier-eligible"));
        // db.t2.micro is not offered for MySQL 8.0, not "beyond the free tier", and moving off it is no scale-down.
        b.db(&s.db).class = "db.t2.micro".into();
        let f = run("rds_instance_class", args(), b.snapshot());
        assert_eq!(statuses(&f), [Info]);
        assert!(f[0].message.en.contains("does not offer for MySQL 8.0"), "{}", f[0].message.en);
        let hint = f[0].hint.as_ref().unwrap();
        assert!(
            !hint.en.contains("scale down") && hint.en.contains("--db-instance-class db.t3.micro"),
            "{}",
            hint.en
        );
        // A bigger class: the cost difference in Korean words, in Korean output.
        b.db(&s.db).class = "db.m5.large".into();
        let f = run("rds_instance_class", args(), b.snapshot());
        assert!(f[0].hint.as_ref().unwrap().en.contains("scale down"));
        for f in &f {
            for ko in [Some(&f.message.ko), f.hint.as_ref().map(|h| &h.ko)].into_iter().flatten() {
                assert_eq!(crate::english_words(ko), Vec::<String>::new(), "{ko}");
            }
        }
    }

    #[test]
    fn multi_az_is_said_to_double_the_instance_cost() {
        let (mut b, s) = rds_solved();
        b.db(&s.db).multi_az = true;
        let f = run("rds_instance_class", args(), b.snapshot());
        assert_eq!(statuses(&f), [Pass, Info]);
        assert!(f[1].message.en.contains("twice the instance cost"), "{}", f[1].message.en);
        assert!(f[1].message.en.contains("Single-AZ only"));
        assert!(f[1].hint.as_ref().unwrap().en.contains("--no-multi-az"));
        assert_eq!(crate::english_words(&f[1].message.ko), Vec::<String>::new(), "{}", f[1].message.ko);
        assert_eq!(crate::english_words(&f[1].hint.as_ref().unwrap().ko), Vec::<String>::new());
    }
}
