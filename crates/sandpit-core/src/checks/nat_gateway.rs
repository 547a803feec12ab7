//! `nat_gateway` — an available public NAT gateway with an Elastic IP sits in one of the
//! VPC's public subnets.

use serde::Deserialize;

use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{NatGateway, ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "nat_gateway",
    description: "An available public NAT gateway with an Elastic IP is in one of the public subnets.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::NatGateways],
    build: build::<NatInPublicSubnet>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NatInPublicSubnet {
    vpc: VpcRef,
    public_subnets: Vec<Cidr>,
}

fn is_gone(nat: &NatGateway) -> bool {
    matches!(nat.state.as_str(), "deleted" | "deleting" | "failed")
}

impl Check for NatInPublicSubnet {
    fn expectations(&self) -> Vec<Expectation> {
        vec![Expectation::NatGateway { vpc: self.vpc.clone(), public_subnets: self.public_subnets.clone() }]
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let public_subnet = |nat: &NatGateway| {
            snap.subnet(&nat.subnet_id)
                .filter(|s| Cidr::parse(&s.cidr).is_ok_and(|c| self.public_subnets.contains(&c)))
        };
        let nats: Vec<&NatGateway> =
            snap.nat_gateways.iter().filter(|n| n.vpc_id == vpc.id && !is_gone(n)).collect();
        if nats.is_empty() {
            let failed: Vec<String> = snap
                .nat_gateways
                .iter()
                .filter(|n| n.vpc_id == vpc.id && n.state == "failed")
                .map(|n| n.id.clone())
                .collect();
            return vec![
                Finding::fail(msg!("nat-gateway-no-nat-gateway-private", vpc = &vpc.id))
                    .resource(vpc.id.clone())
                    .expected(format!("an available NAT gateway in one of {}", join(&self.public_subnets)))
                    .found(if failed.is_empty() {
                        "none".to_owned()
                    } else {
                        format!("failed: {}", failed.join(", "))
                    })
                    .hint(msg!("nat-gateway-no-nat-gateway-private-hint")),
            ];
        }
        let mut findings = Vec::new();
        let good = nats.iter().find(|n| {
            n.state == "available"
                && n.connectivity == "public"
                && public_subnet(n).is_some()
                && n.addresses.iter().any(|a| a.allocation_id.is_some())
        });
        if let Some(nat) = good {
            let subnet = public_subnet(nat).map(|s| format!("{} ({})", s.id, s.cidr)).unwrap_or_default();
            let ip = nat.addresses.iter().find_map(|a| a.public_ip.clone()).unwrap_or_default();
            findings.push(
                Finding::pass(msg!(
                    "nat-gateway-available-public-subnet-elastic",
                    nat = &nat.id,
                    subnet = &subnet,
                    ip = &ip
                ))
                .resource(nat.id.clone())
                .found(format!("available in {subnet}")),
            );
            if nats.len() == 1 {
                findings
                    .push(Finding::info(msg!("nat-gateway-one-nat-gateway-serves")).resource(nat.id.clone()));
            }
            return findings;
        }
        for nat in nats {
            let (message, hint) = if nat.state == "pending" {
                (
                    msg!("nat-gateway-still-being-created", nat = &nat.id),
                    msg!("nat-gateway-still-being-created-hint"),
                )
            } else if nat.connectivity != "public" {
                (
                    msg!("nat-gateway-private-cannot-take-traffic", nat = &nat.id),
                    msg!("nat-gateway-private-cannot-take-traffic-hint"),
                )
            } else if public_subnet(nat).is_none() {
                let subnet = snap
                    .subnet(&nat.subnet_id)
                    .map_or(nat.subnet_id.clone(), |s| format!("{} ({})", s.id, s.cidr));
                (
                    msg!("nat-gateway-subnet-not-public-subnet", nat = &nat.id, subnet = &subnet),
                    msg!(
                        "nat-gateway-subnet-not-public-subnet-hint",
                        public_subnets = join(&self.public_subnets)
                    ),
                )
            } else {
                (msg!("nat-gateway-no-elastic-ip", nat = &nat.id), msg!("nat-gateway-no-elastic-ip-hint"))
            };
            findings.push(
                Finding::fail(message)
                    .resource(nat.id.clone())
                    .expected(format!("available, public, Elastic IP, in {}", join(&self.public_subnets)))
                    .found(format!("{} {} in {}", nat.state, nat.connectivity, nat.subnet_id))
                    .hint(hint),
            );
        }
        findings
    }
}

fn join(cidrs: &[Cidr]) -> String {
    cidrs.iter().map(ToString::to_string).collect::<Vec<_>>().join(" or ")
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, failures, run, solved, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc = { cidr = "10.10.0.0/16" } public_subnets = ["10.10.5.0/24", "10.10.6.0/24"] }
    }

    #[test]
    fn empty_vpc_fails() {
        let mut b = Builder::empty();
        b.vpc("10.10.0.0/16", "");
        assert_eq!(statuses(&run("nat_gateway", args(), &b.build())), [Fail]);
    }

    #[test]
    fn solved_passes_with_the_single_az_note() {
        let (b, s) = solved();
        let f = run("nat_gateway", args(), &b.build());
        assert_eq!(statuses(&f), [Pass, Info]);
        assert_eq!(f[0].resource.as_deref(), Some(s.nat.as_str()));
    }

    #[test]
    fn a_nat_in_a_private_subnet_fails() {
        let (mut b, s) = solved();
        b.snapshot().nat_gateways.items_mut().unwrap()[0].subnet_id = s.was[0].clone();
        let f = run("nat_gateway", args(), &b.build());
        let fails = failures(&f);
        assert_eq!(fails.len(), 1);
        assert_eq!(fails[0].resource.as_deref(), Some(s.nat.as_str()));
        assert!(fails[0].message.en.contains("not a public subnet"));
    }

    #[test]
    fn pending_and_deleted_gateways() {
        let (mut b, _) = solved();
        b.snapshot().nat_gateways.items_mut().unwrap()[0].state = "pending".into();
        let f = run("nat_gateway", args(), &b.build());
        assert!(failures(&f)[0].message.en.contains("still being created"));
        let (mut b, _) = solved();
        b.snapshot().nat_gateways.items_mut().unwrap()[0].state = "deleted".into();
        assert_eq!(statuses(&run("nat_gateway", args(), &b.build())), [Fail]);
    }

    #[test]
    fn many_gateways_one_good_one_per_az_passes_without_the_note() {
        let (mut b, s) = solved();
        let v = s.app_vpc.clone();
        let eip = b.eip();
        b.nat(&v, &s.public[1], Some(&eip), "available");
        for _ in 0..10 {
            b.nat(&v, &s.public[1], None, "deleted");
        }
        assert_eq!(statuses(&run("nat_gateway", args(), &b.build())), [Pass]);
    }
}
