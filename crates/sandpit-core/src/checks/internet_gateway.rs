//! `internet_gateway` — an internet gateway is attached to the VPC.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::l10n;
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
                Finding::pass(l10n!(
                    en: "internet gateway {} is attached to {}", igw.id, vpc.id;
                    ko: "인터넷 게이트웨이 {}이(가) {}에 연결되어 있습니다", igw.id, vpc.id
                ))
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
        let mut finding = Finding::fail(l10n!(
            en: "no internet gateway is attached to {}: nothing in it can reach the internet", vpc.id;
            ko: "{}에 연결된 인터넷 게이트웨이가 없습니다. 이 VPC의 어떤 것도 인터넷에 닿을 수 없습니다", vpc.id
        ))
        .resource(vpc.id.clone())
        .expected(format!("an internet gateway attached to {}", vpc.id));
        finding = match detached.first() {
            Some(igw) => finding.found(format!("{igw} exists but is not attached")).hint(l10n!(
                en: "aws ec2 attach-internet-gateway --internet-gateway-id {igw} --vpc-id {}", vpc.id;
                ko: "인터넷 게이트웨이 → {igw} 선택 → 작업 → VPC에 연결 → {} (CLI: aws ec2 attach-internet-gateway)", vpc.id
            )),
            None => finding.found("no internet gateway").hint(l10n!(
                en: "Create one (VPC → Internet gateways → Create) and attach it to {}.", vpc.id;
                ko: "인터넷 게이트웨이를 만들고(VPC → 인터넷 게이트웨이 → 생성) {}에 연결하세요.", vpc.id
            )),
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
