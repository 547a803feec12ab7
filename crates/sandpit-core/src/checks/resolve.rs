//! Finding the lab's resources in a snapshot, the way a person would: by CIDR block, by name.

use crate::checks::args::{Cidr, VpcRef};
use crate::l10n;
use crate::report::Finding;
use crate::snapshot::{SecurityGroup, Snapshot, Subnet, Vpc};

/// The VPC a reference points at. Matching CIDR blocks win (the `Name` tag breaks ties, then
/// the VPC with most subnets); with no CIDR match, a VPC with the right `Name` tag is returned
/// even if its CIDR is wrong, so later checks can say what is wrong with it.
pub(crate) fn find_vpc<'s>(snap: &'s Snapshot, vref: &VpcRef) -> Option<&'s Vpc> {
    let name_matches = |v: &Vpc| match (&vref.name, v.name()) {
        (Some(want), Some(have)) => want.eq_ignore_ascii_case(have),
        _ => false,
    };
    let subnet_count = |v: &Vpc| snap.subnets.iter().filter(|s| s.vpc_id == v.id).count();
    if let Some(cidr) = &vref.cidr {
        let by_cidr = snap
            .vpcs
            .iter()
            .filter(|v| v.all_cidrs().any(|c| Cidr::parse(c).is_ok_and(|c| c == *cidr)))
            .max_by(|a, b| {
                name_matches(a)
                    .cmp(&name_matches(b))
                    .then_with(|| subnet_count(a).cmp(&subnet_count(b)))
                    .then_with(|| b.id.cmp(&a.id))
            });
        if by_cidr.is_some() {
            return by_cidr;
        }
    }
    snap.vpcs.iter().filter(|v| name_matches(v)).min_by(|a, b| a.id.cmp(&b.id))
}

/// A failing finding for a VPC that is not there, listing what is.
pub(crate) fn vpc_missing(snap: &Snapshot, vref: &VpcRef) -> Finding {
    let what = vref.describe();
    Finding::fail(l10n!(
        en: "no VPC {what} in this region";
        ko: "이 리전에 VPC {what}이(가) 없습니다"
    ))
    .expected(format!("VPC {what}"))
    .found(list_vpcs(snap))
    .hint(l10n!(
        en: "Create it first (step 1), in the region you are checking (--region).";
        ko: "먼저 VPC를 만드세요(1단계). 확인하는 리전(--region)과 같은 리전이어야 합니다."
    ))
}

/// The VPC, or the failing finding that says it must be built first (for kinds that look at
/// something inside a VPC).
pub(crate) fn require_vpc<'s>(snap: &'s Snapshot, vref: &VpcRef) -> Result<&'s Vpc, Box<Finding>> {
    find_vpc(snap, vref).ok_or_else(|| {
        let what = vref.describe();
        Box::new(
            Finding::fail(l10n!(
                en: "cannot check this yet: VPC {what} does not exist";
                ko: "아직 확인할 수 없습니다: VPC {what}이(가) 없습니다"
            ))
            .expected(format!("VPC {what}"))
            .hint(l10n!(en: "Finish the VPC step first."; ko: "VPC 단계를 먼저 끝내세요.")),
        )
    })
}

/// `vpc-1 10.0.0.0/16 (Name x), …` or `no VPC`.
pub(crate) fn list_vpcs(snap: &Snapshot) -> String {
    let vpcs: Vec<String> = snap
        .vpcs
        .iter()
        .map(|v| {
            let mut s = format!("{} {}", v.id, v.all_cidrs().collect::<Vec<_>>().join("+"));
            if let Some(name) = v.name() {
                s.push_str(&format!(" (Name {name})"));
            }
            if v.is_default {
                s.push_str(" (default)");
            }
            s
        })
        .collect();
    if vpcs.is_empty() { "no VPC".to_owned() } else { vpcs.join(", ") }
}

/// The subnet of `vpc` with exactly this CIDR block.
pub(crate) fn subnet_in<'s>(snap: &'s Snapshot, vpc: &Vpc, cidr: &Cidr) -> Option<&'s Subnet> {
    snap.subnets.iter().find(|s| s.vpc_id == vpc.id && Cidr::parse(&s.cidr).is_ok_and(|c| c == *cidr))
}

/// `subnet-… (10.10.3.0/24, WAS)`.
pub(crate) fn describe_subnet(subnet: &Subnet, tier: &str) -> String {
    format!("{} ({}, {tier})", subnet.id, subnet.cidr)
}

/// A failing finding for a lab subnet that is not there (for kinds that need it).
pub(crate) fn subnet_missing(vpc: &Vpc, cidr: &Cidr, tier: &str) -> Finding {
    Finding::fail(l10n!(
        en: "cannot check this yet: the {tier} subnet {cidr} does not exist in {}", vpc.id;
        ko: "아직 확인할 수 없습니다: {}에 {tier} 서브넷 {cidr}이(가) 없습니다", vpc.id
    ))
    .resource(vpc.id.clone())
    .expected(format!("subnet {cidr}"))
    .found("none")
    .hint(l10n!(en: "Finish the subnet steps first."; ko: "서브넷 단계를 먼저 끝내세요."))
}

/// A security group by group name or `Name` tag: in `vpc` if given, else in any VPC (a group in
/// a peered VPC can be a rule's source).
pub(crate) fn find_group<'s>(
    snap: &'s Snapshot,
    vpc_id: Option<&str>,
    name: &str,
) -> Option<&'s SecurityGroup> {
    let matches = |g: &&SecurityGroup| {
        g.name.eq_ignore_ascii_case(name) || g.name_tag().is_some_and(|t| t.eq_ignore_ascii_case(name))
    };
    let in_vpc = |g: &&SecurityGroup| vpc_id.is_none_or(|v| g.vpc_id == v);
    snap.security_groups
        .iter()
        .filter(in_vpc)
        .find(|g| g.name.eq_ignore_ascii_case(name))
        .or_else(|| snap.security_groups.iter().filter(in_vpc).find(matches))
}
