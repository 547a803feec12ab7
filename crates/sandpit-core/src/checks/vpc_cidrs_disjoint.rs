//! `vpc_cidrs_disjoint` — the VPCs that will be peered have no address in common.

use serde::Deserialize;

use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{find_vpc, vpc_missing};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "vpc_cidrs_disjoint",
    description: "The VPCs' CIDR blocks (primary and secondary) do not overlap, so they can be peered.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets],
    build: build::<CidrsDisjoint>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CidrsDisjoint {
    vpcs: Vec<VpcRef>,
}

impl Check for CidrsDisjoint {
    fn expectations(&self) -> Vec<Expectation> {
        self.vpcs.iter().map(|vpc| Expectation::Vpc { vpc: vpc.clone() }).collect()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let mut vpcs = Vec::new();
        let mut findings = Vec::new();
        for vref in &self.vpcs {
            match find_vpc(snap, vref) {
                Some(v) if !vpcs.iter().any(|w: &&crate::snapshot::Vpc| w.id == v.id) => vpcs.push(v),
                Some(_) => {}
                None => findings.push(vpc_missing(snap, vref)),
            }
        }
        if !findings.is_empty() {
            return findings;
        }
        for (i, a) in vpcs.iter().enumerate() {
            for b in &vpcs[i + 1..] {
                for ca in a.all_cidrs() {
                    for cb in b.all_cidrs() {
                        let (Ok(x), Ok(y)) = (Cidr::parse(ca), Cidr::parse(cb)) else { continue };
                        if x.overlaps(&y) {
                            findings.push(
                                Finding::fail(msg!(
                                    "vpc-cidrs-disjoint-overlaps-peered-vpcs-must",
                                    a = &a.id,
                                    ca = &ca,
                                    b = &b.id,
                                    cb = &cb
                                ))
                                .resource(b.id.clone())
                                .expected(format!("{ca} and a CIDR that does not overlap it"))
                                .found(format!("{ca} ∩ {cb}"))
                                .hint(msg!("vpc-cidrs-disjoint-overlaps-peered-vpcs-must-hint")),
                            );
                        }
                    }
                }
            }
        }
        if findings.is_empty() {
            let all: Vec<String> = vpcs
                .iter()
                .map(|v| format!("{} {}", v.id, v.all_cidrs().collect::<Vec<_>>().join("+")))
                .collect();
            findings.push(
                Finding::pass(msg!("vpc-cidrs-disjoint-vpcs-address-ranges-do", all = all.join(", ")))
                    .resource(vpcs.iter().map(|v| v.id.as_str()).collect::<Vec<_>>().join(","))
                    .found(all.join(", ")),
            );
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, run, solved, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpcs = [{ cidr = "10.10.0.0/16", name = "vpc-1" }, { cidr = "172.16.0.0/16", name = "vpc-2" }] }
    }

    #[test]
    fn empty_account_fails_for_each_missing_vpc() {
        assert_eq!(statuses(&run("vpc_cidrs_disjoint", args(), &Builder::empty().build())), [Fail, Fail]);
    }

    #[test]
    fn solved_passes() {
        let (b, _) = solved();
        assert_eq!(statuses(&run("vpc_cidrs_disjoint", args(), &b.build())), [Pass]);
    }

    #[test]
    fn a_db_vpc_built_on_the_app_range_is_found_by_name_and_fails() {
        let mut b = Builder::empty();
        b.vpc("10.10.0.0/16", "vpc-1");
        let db = b.vpc("10.10.0.0/16", "vpc-2");
        let f = run("vpc_cidrs_disjoint", args(), &b.build());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(f[0].resource.as_deref(), Some(db.as_str()));
    }

    #[test]
    fn a_secondary_cidr_overlap_fails() {
        let (mut b, s) = solved();
        let vpcs = b.snapshot().vpcs.items_mut().unwrap();
        vpcs.iter_mut().find(|v| v.id == s.db_vpc).unwrap().secondary_cidrs.push("10.10.128.0/17".into());
        assert_eq!(statuses(&run("vpc_cidrs_disjoint", args(), &b.build())), [Fail]);
    }

    #[test]
    fn many_unrelated_vpcs_do_not_matter() {
        let (mut b, _) = solved();
        for _ in 0..20 {
            b.vpc("10.10.0.0/16", "someone-else");
        }
        assert_eq!(statuses(&run("vpc_cidrs_disjoint", args(), &b.build())), [Pass]);
    }
}
