//! `subnets` — a tier's subnets exist in the VPC with the expected CIDR blocks, spread over
//! enough Availability Zones.

use std::collections::BTreeSet;

use serde::Deserialize;

use ipnet::Ipv4Net;

use super::addresses::{SUBNET_PREFIXES, free_block, overlaps};
use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{describe_subnet, describe_subnet_ko, require_vpc, subnet_in, tier_ko};
use super::{Check, CheckKind, build};
use crate::l10n;
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
        return l10n!(
            en: "VPC → Subnets → Create subnet: VPC {}, IPv4 CIDR {cidr}.", vpc.id;
            ko: "VPC → 서브넷 → 서브넷 생성: VPC {}, IPv4 CIDR {cidr}.", vpc.id
        );
    }
    let why_en = match (inside, clash, size_ok) {
        (_, _, false) => format!("AWS takes subnets from /16 to /28, not /{}", cidr.0.prefix_len()),
        (false, _, _) => format!(
            "{cidr} is outside the VPC's {} and AWS would refuse it",
            vpc.all_cidrs().collect::<Vec<_>>().join(", ")
        ),
        (true, Some(u), _) => format!("{cidr} overlaps the existing subnet {u} and AWS would refuse it"),
        (true, None, true) => unreachable!("handled above"),
    };
    let why_ko = match (inside, clash, size_ok) {
        (_, _, false) => format!("AWS는 /16부터 /28까지의 서브넷만 받습니다(/{} 불가)", cidr.0.prefix_len()),
        (false, _, _) => format!(
            "{cidr}은(는) VPC 대역 {} 밖이라 AWS가 거부합니다",
            vpc.all_cidrs().collect::<Vec<_>>().join(", ")
        ),
        (true, Some(u), _) => format!("{cidr}은(는) 기존 서브넷 {u}와(과) 겹쳐 AWS가 거부합니다"),
        (true, None, true) => unreachable!("handled above"),
    };
    let prefix = cidr.0.prefix_len().clamp(*SUBNET_PREFIXES.start(), *SUBNET_PREFIXES.end());
    match free_block(&blocks, &used, prefix) {
        Some(free) => l10n!(
            en: "{why_en}. If this tier's subnets exist under other addresses, check with --discover (or --param); otherwise create one in a free block of VPC {}, e.g. {free}, and tell Sandpit with --param.", vpc.id;
            ko: "{why_ko}. 이 계층의 서브넷을 다른 주소로 만들었다면 --discover(또는 --param)로 확인하세요. 아니라면 VPC {}의 빈 대역(예: {free})에 만들고 --param으로 알려 주세요.", vpc.id
        ),
        None => l10n!(
            en: "{why_en}, and VPC {} has no free /{prefix} left: add a secondary CIDR block to the VPC (or use smaller subnets) first.", vpc.id;
            ko: "{why_ko}. VPC {}에는 남은 /{prefix} 대역이 없습니다. 먼저 VPC에 보조 CIDR 블록을 추가하세요(또는 더 작은 서브넷을 쓰세요).", vpc.id
        ),
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
        let tier_ko = tier_ko(tier);
        // Tiers are separate subnets: the same subnet given to two tiers passes both tiers'
        // steps while nothing separates them.
        let mut findings: Vec<Finding> = Vec::new();
        for cidr in &self.cidrs {
            for other in &self.other_tiers {
                if let Some(shared) = other.cidrs.iter().find(|o| o.overlaps(cidr)) {
                    let other_tier = &other.tier;
                    let other_tier_ko = super::resolve::tier_ko(other_tier);
                    findings.push(
                        Finding::fail(l10n!(
                            en: "the {tier} subnet {cidr} is also the {other_tier} subnet {shared}: each tier needs subnets of its own, or nothing (routes, ACLs, addresses) separates them";
                            ko: "{tier_ko} 서브넷 {cidr}이(가) {other_tier_ko} 서브넷 {shared}과(와) 같습니다. 계층마다 따로 서브넷이 있어야 라우팅, ACL, 주소로 계층을 나눌 수 있습니다"
                        ))
                        .expected(format!("{tier} subnets distinct from the {other_tier} subnets"))
                        .found(format!("{cidr} = {shared}"))
                        .hint(l10n!(
                            en: "Give the {tier} tier its own subnets (a --param of the lab names each tier's subnets), or create them first.";
                            ko: "{tier_ko} 계층에 따로 서브넷을 주세요(실습의 --param이 계층마다 서브넷을 정합니다). 없다면 먼저 만드세요."
                        )),
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
                    Finding::pass(l10n!(
                        en: "{tier} subnet {} is in {}", describe_subnet(subnet, tier), subnet.availability_zone;
                        ko: "{tier_ko} 서브넷 {}이(가) {}에 있습니다", describe_subnet_ko(subnet, tier), subnet.availability_zone
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
                ko: "VPC {}에 {tier_ko} 서브넷 {cidr}이(가) 없습니다", vpc.id
            ))
            .resource(vpc.id.clone())
            .expected(format!("subnet {cidr} in {}", vpc.id))
            .found(if in_vpc.is_empty() {
                "no subnet in this VPC".to_owned()
            } else {
                in_vpc.join(", ")
            });
            finding = match elsewhere {
                Some(other) if fits(snap, vpc, cidr) => finding.hint(l10n!(
                    en: "{} has this CIDR but belongs to {}; a subnet cannot move, so create it in {}.", other.id, other.vpc_id, vpc.id;
                    ko: "{}이(가) 이 CIDR을 쓰지만 {}에 속해 있습니다. 서브넷은 옮길 수 없으니 {}에 새로 만드세요.", other.id, other.vpc_id, vpc.id
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
                Finding::fail(l10n!(
                    en: "the {tier} subnets are all in {}: a tier must span {wanted} Availability Zones so one zone's outage does not take it down", distinct.join(", ");
                    ko: "{tier_ko} 서브넷이 모두 {}에 있습니다. 한 가용 영역이 멈춰도 버티려면 {wanted}개 가용 영역에 나눠야 합니다", distinct.join(", ")
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
