//! `subnets` — a tier's subnets exist in the VPC with the expected CIDR blocks, spread over
//! enough Availability Zones.

use std::collections::BTreeSet;

use serde::Deserialize;

use ipnet::Ipv4Net;

use super::addresses::{SUBNET_PREFIXES, free_block, overlaps};
use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{require_vpc, subnet_in, subnet_label, tier_label};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot, Vpc};

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
    /// The other tiers of the same VPC: a subnet of this tier must not be one of theirs.
    #[serde(default)]
    other_tiers: Vec<OtherTier>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OtherTier {
    tier: String,
    cidrs: Vec<Cidr>,
}

/// Whether AWS would create a subnet `cidr` in `vpc`: inside its blocks, clear of its subnets,
/// of a size AWS takes.
fn fits(snap: &Snapshot, vpc: &Vpc, cidr: &Cidr) -> bool {
    let inside = vpc.all_cidrs().filter_map(|c| Cidr::parse(c).ok()).any(|b| b.contains(cidr));
    let clear = !snap
        .subnets
        .iter()
        .filter(|s| s.vpc_id == vpc.id)
        .filter_map(|s| Cidr::parse(&s.cidr).ok())
        .any(|u| u.overlaps(cidr));
    inside && clear && SUBNET_PREFIXES.contains(&cidr.0.prefix_len())
}

/// What to tell a learner whose subnet `cidr` is missing from `vpc`: a block AWS will accept.
/// A CIDR outside the VPC's blocks, or over an existing subnet, is refused by AWS, so the hint
/// proposes a free block of the same size inside the VPC instead.
fn create_hint(snap: &Snapshot, vpc: &Vpc, cidr: &Cidr) -> crate::Localized {
    let blocks: Vec<Ipv4Net> = vpc.all_cidrs().filter_map(|c| Cidr::parse(c).ok().map(|c| c.0)).collect();
    let used: Vec<Ipv4Net> = snap
        .subnets
        .iter()
        .filter(|s| s.vpc_id == vpc.id)
        .filter_map(|s| Cidr::parse(&s.cidr).ok().map(|c| c.0))
        .collect();
    let inside = blocks.iter().any(|b| b.contains(&cidr.0));
    let clash = used.iter().find(|u| overlaps(u, &cidr.0));
    let size_ok = SUBNET_PREFIXES.contains(&cidr.0.prefix_len());
    if fits(snap, vpc, cidr) {
        return msg!("subnets-vpc-subnets-create-subnet", vpc = &vpc.id, cidr = &cidr);
    }
    let why = match (inside, clash, size_ok) {
        (_, _, false) => msg!("subnets-why-size", prefix = cidr.0.prefix_len()),
        (false, _, _) => msg!(
            "subnets-why-outside-vpc",
            cidr = cidr.to_string(),
            vpc_cidrs = vpc.all_cidrs().collect::<Vec<_>>().join(", ")
        ),
        (true, Some(u), _) => msg!("subnets-why-overlap", cidr = cidr.to_string(), subnet = u.to_string()),
        (true, None, true) => unreachable!("handled above"),
    };
    let prefix = cidr.0.prefix_len().clamp(*SUBNET_PREFIXES.start(), *SUBNET_PREFIXES.end());
    match free_block(&blocks, &used, prefix) {
        Some(free) => msg!("subnets-if-tier-s-subnets", why = &why, vpc = &vpc.id, free = &free),
        None => msg!("subnets-vpc-no-free-left", why = &why, vpc = &vpc.id, prefix = &prefix),
    }
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
        let tier = &self.tier;
        let tier_text = tier_label(tier);
        // Tiers are separate subnets: the same subnet given to two tiers passes both tiers'
        // steps while nothing separates them.
        let mut findings: Vec<Finding> = Vec::new();
        for cidr in &self.cidrs {
            for other in &self.other_tiers {
                if let Some(shared) = other.cidrs.iter().find(|o| o.overlaps(cidr)) {
                    let other_tier = &other.tier;
                    findings.push(
                        Finding::fail(msg!(
                            "subnets-subnet-also-subnet-each",
                            tier = &tier_text,
                            cidr = &cidr,
                            other_tier = tier_label(other_tier),
                            shared = &shared
                        ))
                        .expected(format!("{tier} subnets distinct from the {other_tier} subnets"))
                        .found(format!("{cidr} = {shared}"))
                        .hint(msg!("subnets-subnet-also-subnet-each-hint", tier = &tier_text)),
                    );
                }
            }
        }
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => {
                findings.push(*finding);
                return findings;
            }
        };
        let mut found = Vec::new();
        for cidr in &self.cidrs {
            if let Some(subnet) = subnet_in(snap, vpc, cidr) {
                findings.push(
                    Finding::pass(msg!(
                        "subnets-subnet-in-zone",
                        tier = &tier_text,
                        subnet = subnet_label(subnet, tier),
                        zone = &subnet.availability_zone
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
            let mut finding =
                Finding::fail(msg!("subnets-no-subnet-vpc", tier = &tier_text, cidr = &cidr, vpc = &vpc.id))
                    .resource(vpc.id.clone())
                    .expected(format!("subnet {cidr} in {}", vpc.id))
                    .found(if in_vpc.is_empty() {
                        "no subnet in this VPC".to_owned()
                    } else {
                        in_vpc.join(", ")
                    });
            finding = match elsewhere {
                Some(other) if fits(snap, vpc, cidr) => finding.hint(msg!(
                    "subnets-no-subnet-vpc-hint",
                    other = &other.id,
                    vpc_id = &other.vpc_id,
                    vpc = &vpc.id
                )),
                _ => finding.hint(create_hint(snap, vpc, cidr)),
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
                Finding::fail(msg!(
                    "subnets-all-tier-must-span",
                    tier = &tier_text,
                    distinct = distinct.join(", "),
                    wanted = &wanted
                ))
                .resource(last)
                .expected(format!("{wanted} different Availability Zones"))
                .found(zones.join(", "))
                .hint(msg!("subnets-all-tier-must-span-hint")),
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
    fn web_and_was_given_the_same_subnets_fail_as_one_tier() {
        let (b, s) = solved();
        let snap = b.build();
        let was_as_web = toml::toml! {
            vpc = { cidr = "10.10.0.0/16" } cidrs = ["10.10.1.0/24", "10.10.2.0/24"] tier = "WAS"
            other_tiers = [{ tier = "web", cidrs = ["10.10.1.0/24", "10.10.2.0/24"] }]
        };
        let f = run("subnets", was_as_web, &snap);
        let fails = failures(&f);
        assert_eq!(fails.len(), 2, "{f:#?}");
        assert!(
            fails[0].message.en.contains("is also the web subnet 10.10.1.0/24"),
            "{}",
            fails[0].message.en
        );
        assert_eq!(crate::english_words(&fails[0].message.ko), Vec::<String>::new());
        // Distinct tiers pass.
        let distinct = toml::toml! {
            vpc = { cidr = "10.10.0.0/16" } cidrs = ["10.10.3.0/24", "10.10.4.0/24"] tier = "WAS"
            other_tiers = [{ tier = "web", cidrs = ["10.10.1.0/24", "10.10.2.0/24"] }]
        };
        let f = run("subnets", distinct, &snap);
        assert_eq!(statuses(&f), [Pass, Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.was[0].as_str()));
    }

    #[test]
    fn a_hint_never_proposes_a_block_outside_the_vpc() {
        // The case: the lab's default 10.10.3.0/24 asked for inside a 10.192.0.0/16 VPC.
        let mut b = Builder::empty();
        let vpc = b.vpc("10.192.0.0/16", "");
        b.subnet(&vpc, "10.192.10.0/24", "ap-northeast-2a", "");
        b.subnet(&vpc, "10.192.0.0/24", "ap-northeast-2a", "");
        let args = toml::toml! { vpc = { cidr = "10.192.0.0/16" } cidrs = ["10.10.3.0/24"] tier = "WAS" min_azs = 1 };
        let f = run("subnets", args, &b.build());
        let hint = f[0].hint.as_ref().unwrap();
        assert!(hint.en.contains("outside"), "{}", hint.en);
        assert!(hint.en.contains("e.g. 10.192.1.0/24"), "{}", hint.en);
        assert!(!hint.en.contains("CIDR 10.10.3.0/24"), "{}", hint.en);
        assert_eq!(crate::english_words(&hint.ko), Vec::<String>::new(), "{}", hint.ko);
        // Over an existing subnet: also refused by AWS, also a free block.
        let mut b = Builder::empty();
        let vpc = b.vpc("10.10.0.0/16", "");
        b.subnet(&vpc, "10.10.0.0/20", "ap-northeast-2a", "");
        let args =
            toml::toml! { vpc = { cidr = "10.10.0.0/16" } cidrs = ["10.10.3.0/24"] tier = "WAS" min_azs = 1 };
        let hint = run("subnets", args, &b.build())[0].hint.clone().unwrap();
        assert!(
            hint.en.contains("overlaps the existing subnet 10.10.0.0/20")
                && hint.en.contains("10.10.16.0/24"),
            "{}",
            hint.en
        );
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
