//! `nat_gateway` — an available public NAT gateway with an Elastic IP sits in one of the
//! VPC's public subnets.

use serde::Deserialize;

use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::l10n;
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
                Finding::fail(l10n!(
                    en: "no NAT gateway in {}: private subnets cannot reach the internet for updates", vpc.id;
                    ko: "{}에 NAT 게이트웨이가 없습니다. 프라이빗 서브넷이 업데이트를 받으러 인터넷에 나갈 수 없습니다", vpc.id
                ))
                .resource(vpc.id.clone())
                .expected(format!("an available NAT gateway in one of {}", join(&self.public_subnets)))
                .found(if failed.is_empty() { "none".to_owned() } else { format!("failed: {}", failed.join(", ")) })
                .hint(l10n!(
                    en: "Allocate an Elastic IP, then create a public NAT gateway in a public subnet with it (billed per hour: delete it when you finish).";
                    ko: "탄력적 IP를 할당한 뒤, 그 IP로 퍼블릭 서브넷에 퍼블릭 NAT 게이트웨이를 만드세요(시간당 과금: 실습이 끝나면 삭제하세요)."
                )),
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
                Finding::pass(l10n!(
                    en: "NAT gateway {} is available in public subnet {subnet} with Elastic IP {ip}", nat.id;
                    ko: "NAT 게이트웨이 {}이(가) 퍼블릭 서브넷 {subnet}에서 탄력적 IP {ip}로 동작 중입니다", nat.id
                ))
                .resource(nat.id.clone())
                .found(format!("available in {subnet}")),
            );
            if nats.len() == 1 {
                findings.push(Finding::info(l10n!(
                    en: "one NAT gateway serves both Availability Zones; if its zone fails, the other zone's private subnets lose internet access. Production uses one per AZ, at twice the cost";
                    ko: "NAT 게이트웨이 하나가 두 가용 영역을 모두 맡고 있습니다. 그 영역이 멈추면 다른 영역의 프라이빗 서브넷도 인터넷을 잃습니다. 운영 환경은 가용 영역마다 하나씩 두지만 비용이 두 배입니다"
                )).resource(nat.id.clone()));
            }
            return findings;
        }
        for nat in nats {
            let (message, hint) = if nat.state == "pending" {
                (
                    l10n!(en: "NAT gateway {} is still being created", nat.id; ko: "NAT 게이트웨이 {}이(가) 아직 생성 중입니다", nat.id),
                    l10n!(en: "It takes a few minutes; check again soon."; ko: "몇 분 걸립니다. 잠시 후 다시 확인하세요."),
                )
            } else if nat.connectivity != "public" {
                (
                    l10n!(en: "NAT gateway {} is private: it cannot take traffic to the internet", nat.id; ko: "NAT 게이트웨이 {}은(는) 프라이빗 유형이라 인터넷으로 내보낼 수 없습니다", nat.id),
                    l10n!(en: "Create it with connectivity type Public and an Elastic IP."; ko: "연결 유형을 퍼블릭으로, 탄력적 IP와 함께 만드세요."),
                )
            } else if public_subnet(nat).is_none() {
                let subnet = snap
                    .subnet(&nat.subnet_id)
                    .map_or(nat.subnet_id.clone(), |s| format!("{} ({})", s.id, s.cidr));
                (
                    l10n!(
                        en: "NAT gateway {} is in subnet {subnet}, which is not a public subnet: its traffic cannot reach the internet gateway", nat.id;
                        ko: "NAT 게이트웨이 {}이(가) 퍼블릭이 아닌 서브넷 {subnet}에 있어 인터넷 게이트웨이에 닿을 수 없습니다", nat.id
                    ),
                    l10n!(
                        en: "A NAT gateway cannot move: delete it and create it in {}.", join(&self.public_subnets);
                        ko: "NAT 게이트웨이는 옮길 수 없습니다. 삭제하고 {}에 다시 만드세요.", join(&self.public_subnets)
                    ),
                )
            } else {
                (
                    l10n!(en: "NAT gateway {} has no Elastic IP", nat.id; ko: "NAT 게이트웨이 {}에 탄력적 IP가 없습니다", nat.id),
                    l10n!(en: "A public NAT gateway needs an Elastic IP allocation."; ko: "퍼블릭 NAT 게이트웨이에는 탄력적 IP가 필요합니다."),
                )
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
