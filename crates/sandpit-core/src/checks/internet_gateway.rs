//! `internet_gateway` — an internet gateway is attached to the VPC.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "internet_gateway",
    description: "An internet gateway is attached to the VPC.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::InternetGateways],
    build: build::<IgwAttached>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IgwAttached {
    vpc: VpcRef,
}

/// AWS reports an attached internet gateway as `available` (the API's `attached` state is for
/// other gateway types); both mean attached.
pub(crate) fn attached_state(state: &str) -> bool {
    matches!(state, "available" | "attached")
}

impl Check for IgwAttached {
    fn expectations(&self) -> Vec<Expectation> {
        vec![Expectation::InternetGateway { vpc: self.vpc.clone() }]
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let attached = snap
            .internet_gateways
            .iter()
            .find(|g| g.attachments.iter().any(|a| a.vpc_id == vpc.id && attached_state(&a.state)));
        if let Some(igw) = attached {
            return vec![
                Finding::pass(msg!("internet-gateway-attached", igw = &igw.id, vpc = &vpc.id))
                    .resource(igw.id.clone())
                    .found(format!("attached to {}", vpc.id)),
            ];
        }
        let detached: Vec<&str> = snap
            .internet_gateways
            .iter()
            .filter(|g| g.attachments.is_empty())
            .map(|g| g.id.as_str())
            .collect();
        let mut finding = Finding::fail(msg!("internet-gateway-no-internet-gateway-attached", vpc = &vpc.id))
            .resource(vpc.id.clone())
            .expected(format!("an internet gateway attached to {}", vpc.id));
        finding = match detached.first() {
            Some(igw) => finding.found(format!("{igw} exists but is not attached")).hint(msg!(
                "internet-gateway-no-internet-gateway-attached-hint",
                igw = &igw,
                vpc = &vpc.id
            )),
            None => finding
                .found("no internet gateway")
                .hint(msg!("internet-gateway-no-internet-gateway-attached-hint-2", vpc = &vpc.id)),
        };
        vec![finding]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, run, solved, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc = { cidr = "10.10.0.0/16" } }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("internet_gateway", args(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes() {
        let (b, s) = solved();
        let f = run("internet_gateway", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.igw.as_str()));
    }

    #[test]
    fn a_detached_gateway_fails_with_the_attach_command() {
        let mut b = Builder::empty();
        b.vpc("10.10.0.0/16", "");
        let igw = b.igw(None);
        let f = run("internet_gateway", args(), &b.build());
        assert_eq!(statuses(&f), [Fail]);
        assert!(f[0].hint.as_ref().unwrap().en.contains(&igw));
    }

    #[test]
    fn many_gateways_on_other_vpcs_do_not_count() {
        let mut b = Builder::empty();
        b.vpc("10.10.0.0/16", "");
        for i in 0..30 {
            let other = b.vpc(&format!("10.{}.0.0/16", 50 + i), "");
            b.igw(Some(&other));
        }
        assert_eq!(statuses(&run("internet_gateway", args(), &b.build())), [Fail]);
    }
}
