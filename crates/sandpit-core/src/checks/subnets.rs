//! `subnets` — a tier's subnets exist in the VPC with the expected CIDR blocks, spread over
//! enough Availability Zones.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{describe_subnet, require_vpc, subnet_in};
use super::{Check, CheckKind, build};
use crate::l10n;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "subnets",
    description: "The tier's subnets exist in the VPC with these CIDR blocks, across at least `min_azs` Availability Zones.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets],
    build: build::<TierSubnets>,
};

fn two() -> usize {
    2
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TierSubnets {
    vpc: VpcRef,
    cidrs: Vec<Cidr>,
    tier: String,
    #[serde(default = "two")]
    min_azs: usize,
}

impl Check for TierSubnets {
    fn expectations(&self) -> Vec<Expectation> {
        vec![Expectation::Subnets {
            vpc: self.vpc.clone(),
            cidrs: self.cidrs.clone(),
            tier: self.tier.clone(),
        }]
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let tier = &self.tier;
        let mut findings = Vec::new();
        let mut found = Vec::new();
        for cidr in &self.cidrs {
            if let Some(subnet) = subnet_in(snap, vpc, cidr) {
                findings.push(
                    Finding::pass(l10n!(
                        en: "{tier} subnet {} is in {}", describe_subnet(subnet, tier), subnet.availability_zone;
                        ko: "{tier} 서브넷 {}이(가) {}에 있습니다", describe_subnet(subnet, tier), subnet.availability_zone
                    ))
                    .resource(subnet.id.clone())
                    .found(format!("{} in {}", subnet.cidr, subnet.availability_zone)),
                );
                found.push(subnet);
                continue;
            }
            let elsewhere = snap.subnets.iter().find(|s| Cidr::parse(&s.cidr).is_ok_and(|c| c == *cidr));
            let in_vpc: Vec<&str> =
                snap.subnets.iter().filter(|s| s.vpc_id == vpc.id).map(|s| s.cidr.as_str()).collect();
            let mut finding = Finding::fail(l10n!(
                en: "no {tier} subnet {cidr} in VPC {}", vpc.id;
                ko: "VPC {}에 {tier} 서브넷 {cidr}이(가) 없습니다", vpc.id
            ))
            .resource(vpc.id.clone())
            .expected(format!("subnet {cidr} in {}", vpc.id))
            .found(if in_vpc.is_empty() {
                "no subnet in this VPC".to_owned()
            } else {
                in_vpc.join(", ")
            });
            finding = match elsewhere {
                Some(other) => finding.hint(l10n!(
                    en: "{} has this CIDR but belongs to {}; a subnet cannot move, so create it in {}.", other.id, other.vpc_id, vpc.id;
                    ko: "{}이(가) 이 CIDR을 쓰지만 {}에 속해 있습니다. 서브넷은 옮길 수 없으니 {}에 새로 만드세요.", other.id, other.vpc_id, vpc.id
                )),
                None => finding.hint(l10n!(
                    en: "VPC → Subnets → Create subnet: VPC {}, IPv4 CIDR {cidr}.", vpc.id;
                    ko: "VPC → 서브넷 → 서브넷 생성: VPC {}, IPv4 CIDR {cidr}.", vpc.id
                )),
            };
            findings.push(finding);
        }
        let azs: BTreeSet<&str> = found.iter().map(|s| s.availability_zone.as_str()).collect();
        let wanted = self.min_azs.min(self.cidrs.len());
        if found.len() >= wanted && azs.len() < wanted {
            let zones: Vec<&str> = found.iter().map(|s| s.availability_zone.as_str()).collect();
            let distinct: Vec<&str> = azs.iter().copied().collect();
            let last = found.last().map(|s| s.id.clone()).unwrap_or_default();
            findings.push(
                Finding::fail(l10n!(
                    en: "the {tier} subnets are all in {}: a tier must span {wanted} Availability Zones so one zone's outage does not take it down", distinct.join(", ");
                    ko: "{tier} 서브넷이 모두 {}에 있습니다. 한 가용 영역이 멈춰도 버티려면 {wanted}개 가용 영역에 나눠야 합니다", distinct.join(", ")
                ))
                .resource(last)
                .expected(format!("{wanted} different Availability Zones"))
                .found(zones.join(", "))
                .hint(l10n!(
                    en: "A subnet's AZ cannot change: delete one subnet and recreate it in another AZ (e.g. a and c).";
                    ko: "서브넷의 가용 영역은 바꿀 수 없습니다. 하나를 지우고 다른 가용 영역(예: a와 c)에 다시 만드세요."
                )),
            );
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, failures, run, solved, statuses};
    use crate::report::FindingStatus::*;

    fn args(cidrs: &[&str], min_azs: i64) -> toml::Table {
        let cidrs: Vec<String> = cidrs.iter().map(|s| (*s).to_owned()).collect();
        toml::toml! { vpc = { cidr = "10.10.0.0/16" } cidrs = cidrs tier = "WAS" min_azs = min_azs }
    }

    #[test]
    fn empty_account_says_the_vpc_comes_first() {
        let f = run("subnets", args(&["10.10.3.0/24", "10.10.4.0/24"], 2), &Builder::empty().build());
        assert_eq!(statuses(&f), [Fail]);
        assert!(f[0].message.en.contains("VPC"), "{:?}", f[0].message);
    }

    #[test]
    fn solved_passes_every_subnet() {
        let (b, s) = solved();
        let f = run("subnets", args(&["10.10.3.0/24", "10.10.4.0/24"], 2), &b.build());
        assert_eq!(statuses(&f), [Pass, Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.was[0].as_str()));
    }

    #[test]
    fn both_subnets_in_one_az_fail_on_the_second() {
        let (mut b, s) = solved();
        let snap = b.snapshot();
        snap.subnets.items_mut().unwrap().iter_mut().find(|x| x.id == s.was[1]).unwrap().availability_zone =
            "ap-northeast-2a".into();
        let f = run("subnets", args(&["10.10.3.0/24", "10.10.4.0/24"], 2), &b.build());
        let fails = failures(&f);
        assert_eq!(fails.len(), 1);
        assert_eq!(fails[0].resource.as_deref(), Some(s.was[1].as_str()));
        assert_eq!(fails[0].found.as_deref(), Some("ap-northeast-2a, ap-northeast-2a"));
    }

    #[test]
    fn a_missing_subnet_fails_and_a_subnet_in_another_vpc_is_named() {
        let mut b = Builder::empty();
        let vpc = b.vpc("10.10.0.0/16", "vpc-1");
        let other = b.vpc("10.20.0.0/16", "x");
        b.subnet(&vpc, "10.10.3.0/24", "ap-northeast-2a", "");
        b.subnet(&other, "10.10.4.0/24", "ap-northeast-2c", "");
        let f = run("subnets", args(&["10.10.3.0/24", "10.10.4.0/24"], 2), &b.build());
        assert_eq!(statuses(&f), [Pass, Fail]);
        assert!(f[1].hint.as_ref().unwrap().en.contains(&other), "{:?}", f[1].hint);
    }

    #[test]
    fn many_subnets_over_three_azs() {
        let mut b = Builder::empty();
        let vpc = b.vpc("10.10.0.0/16", "");
        let azs = ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c"];
        for i in 0..60 {
            b.subnet(&vpc, &format!("10.10.{}.0/24", 100 + i), azs[i % 3], "");
        }
        let cidrs: Vec<String> = (0..60).map(|i| format!("10.10.{}.0/24", 100 + i)).collect();
        let cidrs: Vec<&str> = cidrs.iter().map(String::as_str).collect();
        let f = run("subnets", args(&cidrs, 3), &b.build());
        assert!(f.iter().all(|f| f.status == Pass));
        assert_eq!(f.len(), 60);
    }
}
