//! `vpc` — the lab's VPC exists with the expected CIDR block.

use serde::Deserialize;

use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{find_vpc, vpc_missing};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "vpc",
    description: "A VPC with the expected CIDR block exists (found by CIDR or Name tag).",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets],
    build: build::<VpcExists>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VpcExists {
    vpc: VpcRef,
}

impl Check for VpcExists {
    fn expectations(&self) -> Vec<Expectation> {
        vec![Expectation::Vpc { vpc: self.vpc.clone() }]
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let Some(vpc) = find_vpc(snap, &self.vpc) else {
            return vec![vpc_missing(snap, &self.vpc)];
        };
        let label = match vpc.name() {
            Some(name) => format!("{} ({name})", vpc.id),
            None => vpc.id.clone(),
        };
        let mut findings = Vec::new();
        match &self.vpc.cidr {
            Some(want) if !vpc.all_cidrs().any(|c| Cidr::parse(c).is_ok_and(|c| c == *want)) => {
                findings.push(
                    Finding::fail(msg!(
                        "vpc-cidr-but-lab-expects",
                        label = &label,
                        cidr = &vpc.cidr,
                        want = &want
                    ))
                    .resource(vpc.id.clone())
                    .expected(want.to_string())
                    .found(vpc.cidr.clone())
                    .hint(msg!("vpc-cidr-but-lab-expects-hint", want = &want)),
                );
            }
            _ => findings.push(
                Finding::pass(msg!("vpc-exists-cidr", label = &label, cidr = &vpc.cidr))
                    .resource(vpc.id.clone())
                    .found(vpc.cidr.clone()),
            ),
        }
        if let Some(want) = &self.vpc.name
            && *want != vpc.id
            && vpc.name().is_none_or(|n| !n.eq_ignore_ascii_case(want))
        {
            findings.push(
                Finding::info(msg!("vpc-no-name-tag-naming", vpc = &vpc.id, want = &want))
                    .resource(vpc.id.clone())
                    .expected(format!("Name={want}"))
                    .found(vpc.name().map_or_else(|| "no Name tag".to_owned(), |n| format!("Name={n}"))),
            );
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, failures, run, solved, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc = { cidr = "10.10.0.0/16", name = "vpc-1" } }
    }

    #[test]
    fn empty_account_fails_and_lists_what_is_there() {
        let f = run("vpc", args(), &Builder::empty().build());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(f[0].found.as_deref(), Some("no VPC"));
    }

    #[test]
    fn solved_passes() {
        let (b, s) = solved();
        let f = run("vpc", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.app_vpc.as_str()));
    }

    #[test]
    fn a_vpc_named_right_with_the_wrong_cidr_fails_naming_both() {
        let mut b = Builder::empty();
        let id = b.vpc("10.20.0.0/16", "vpc-1");
        let f = run("vpc", args(), &b.build());
        let fails = failures(&f);
        assert_eq!(fails.len(), 1);
        assert_eq!(fails[0].resource.as_deref(), Some(id.as_str()));
        assert_eq!(fails[0].expected.as_deref(), Some("10.10.0.0/16"));
        assert_eq!(fails[0].found.as_deref(), Some("10.20.0.0/16"));
    }

    #[test]
    fn many_vpcs_with_the_cidr_prefer_the_named_one() {
        let mut b = Builder::empty();
        b.vpc("10.10.0.0/16", "old-try");
        let want = b.vpc("10.10.0.0/16", "vpc-1");
        b.vpc("10.10.0.0/16", "");
        for i in 0..20 {
            b.vpc(&format!("10.{}.0.0/16", 100 + i), "other");
        }
        let f = run("vpc", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(want.as_str()));
    }

    #[test]
    fn an_unnamed_vpc_passes_with_a_naming_tip() {
        let mut b = Builder::empty();
        b.vpc("10.10.0.0/16", "");
        assert_eq!(statuses(&run("vpc", args(), &b.build())), [Pass, Info]);
    }

    #[test]
    fn an_unnamed_vpc_is_named_by_its_id_without_a_tip() {
        // What `--discover` passes for a VPC without a Name tag.
        let mut b = Builder::empty();
        b.vpc("10.10.0.0/16", "old");
        let id = b.vpc("10.99.0.0/16", "");
        let args: toml::Table =
            format!("vpc = {{ cidr = \"10.99.0.0/16\", name = \"{id}\" }}").parse().unwrap();
        let f = run("vpc", args, &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(id.as_str()));
    }
}
