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
use crate::msg;
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
            let who = describe_db(db);
            let class = &db.class;
            if db.multi_az {
                let extra = hourly(snap, class).map(|h| (h, h * 730.0));
                multi_az.push(
                    Finding::info(match extra {
                        Some((h, m)) => msg!(
                            "rds-instance-class-multi-az-priced",
                            who = &who,
                            hourly = format!("{h:.3}"),
                            monthly = format!("{m:.0}")
                        ),
                        None => msg!("rds-instance-class-multi-az", who = &who),
                    })
                    .resource(db.id.clone())
                    .expected("Single-AZ")
                    .found("MultiAZ = true")
                    .hint(msg!("rds-instance-class-multi-az-standby-runs-hint", db = &db.id)),
                );
            }
            if self.allowed.contains(class) {
                return Finding::pass(msg!(
                    "rds-instance-class-uses-free-tier-eligible",
                    who = &who,
                    class = &class
                ))
                .resource(db.id.clone())
                .found(class.clone());
            }
            let change = msg!("rds-instance-class-aws-rds-modify-db", db = &db.id, target = &target);
            if RETIRED.contains(&class.as_str()) {
                return Finding::info(msg!(
                    "rds-instance-class-uses-previous-generation-class",
                    who = &who,
                    class = &class,
                    allowed = &allowed
                ))
                .resource(db.id.clone())
                .expected(self.allowed.join(" or "))
                .found(class.clone())
                .hint(msg!("rds-instance-class-uses-previous-generation-class-hint", change = &change));
            }
            let cost = match (hourly(snap, class), cheapest.is_finite()) {
                (Some(price), true) => {
                    let extra = price - cheapest;
                    msg!(
                        "rds-instance-class-extra-cost",
                        hourly = format!("{extra:.3}"),
                        monthly = format!("{:.0}", extra * 730.0),
                        as_of = as_of
                    )
                }
                _ => msg!("rds-instance-class-cost-beyond-free-tier"),
            };
            let bigger = hourly(snap, class).is_some_and(|p| cheapest.is_finite() && p > cheapest);
            Finding::info(msg!(
                "rds-instance-class-uses-compared-free-tier",
                who = &who,
                class = &class,
                cost = &cost,
                allowed = &allowed
            ))
            .resource(db.id.clone())
            .expected(self.allowed.join(" or "))
            .found(class.clone())
            .hint(if bigger {
                msg!("rds-instance-class-lab-scale-down", change = &change)
            } else {
                msg!("rds-instance-class-lab-switch-free-tier", change = &change)
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
