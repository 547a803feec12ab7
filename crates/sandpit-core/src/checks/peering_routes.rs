//! `peering_routes` — the route tables of a tier's subnets send the other VPC's addresses
//! through the peering connection between the two VPCs.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{describe_subnet, describe_subnet_ko, require_vpc, subnet_in, subnet_missing};
use super::{Check, CheckKind, build};
use crate::l10n;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, RouteTargetKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "peering_routes",
    description: "The subnets' route tables send each destination CIDR through the peering between the two VPCs.",
    needs: &[
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::RouteTables,
        ResourceKind::PeeringConnections,
    ],
    build: build::<PeeringRoutes>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeeringRoutes {
    from_vpc: VpcRef,
    subnets: Vec<Cidr>,
    tier: String,
    to_vpc: VpcRef,
    destinations: Vec<Cidr>,
}

impl Check for PeeringRoutes {
    fn expectations(&self) -> Vec<Expectation> {
        vec![Expectation::PeeringRoutes {
            from: self.from_vpc.clone(),
            subnets: self.subnets.clone(),
            tier: self.tier.clone(),
        }]
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let (from, to) = match (require_vpc(snap, &self.from_vpc), require_vpc(snap, &self.to_vpc)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(f), _) | (_, Err(f)) => return vec![*f],
        };
        // A route counts when it targets a peering between these VPCs that still exists; whether
        // that peering is accepted yet is the `peering_active` step's business.
        let joins = |target: &str| {
            snap.peering_connections.iter().any(|p| {
                p.id == target
                    && p.connects(&from.id, &to.id)
                    && !matches!(
                        p.status.as_str(),
                        "deleted" | "deleting" | "rejected" | "failed" | "expired"
                    )
            })
        };
        let dests: Vec<String> = self.destinations.iter().map(ToString::to_string).collect();
        let mut findings = Vec::new();
        let mut wide_noted = BTreeSet::new();
        for cidr in &self.subnets {
            let Some(subnet) = subnet_in(snap, from, cidr) else {
                findings.push(subnet_missing(from, cidr, &self.tier));
                continue;
            };
            let who = describe_subnet(subnet, &self.tier);
            let who_ko = describe_subnet_ko(subnet, &self.tier);
            let Some(rt) = snap.route_table_for_subnet(subnet) else {
                findings.push(
                    Finding::fail(l10n!(en: "subnet {who} has no route table"; ko: "서브넷 {who_ko}에 라우팅 테이블이 없습니다"))
                        .resource(subnet.id.clone()),
                );
                continue;
            };
            let mut wrong = Vec::new();
            for dest in &self.destinations {
                match rt.route_for(dest.0) {
                    Some(r)
                        if r.target_kind == RouteTargetKind::Peering
                            && r.state != "blackhole"
                            && joins(&r.target) =>
                    {
                        let route_net = r.destination.parse::<Cidr>().ok();
                        if route_net.is_some_and(|n| n.0.prefix_len() < dest.0.prefix_len())
                            && to.all_cidrs().any(|c| c == r.destination)
                            && wide_noted.insert(rt.id.clone())
                        {
                            findings.push(
                                Finding::info(l10n!(
                                    en: "{} routes the whole {} through {}; routing only {} is tighter, and security scanners flag whole-VPC peering routes", rt.id, r.destination, r.target, dests.join(", ");
                                    ko: "{}이(가) {} 전체를 {}(으)로 보냅니다. {}만 보내는 편이 더 안전하며, 보안 점검 도구는 VPC 전체 경로를 지적합니다", rt.id, r.destination, r.target, dests.join(", ")
                                ))
                                .resource(rt.id.clone())
                                .found(format!("{} → {}", r.destination, r.target)),
                            );
                        }
                    }
                    Some(r) if r.state == "blackhole" => {
                        wrong.push(format!(
                            "{dest} → {} ({}, blackhole: the target is gone)",
                            r.target, r.destination
                        ));
                    }
                    Some(r) => wrong.push(format!("{dest} → {} ({})", r.target, r.destination)),
                    None => wrong.push(format!("{dest} → no route")),
                }
            }
            if wrong.is_empty() {
                findings.push(
                    Finding::pass(l10n!(
                        en: "subnet {who} reaches {} through the peering (route table {})", dests.join(", "), rt.id;
                        ko: "서브넷 {who_ko}이(가) 피어링을 통해 {}에 닿습니다(라우팅 테이블 {})", dests.join(", "), rt.id
                    ))
                    .resource(rt.id.clone())
                    .found(format!("{} → pcx", dests.join(", "))),
                );
            } else {
                findings.push(
                    Finding::fail(l10n!(
                        en: "route table {} (used by subnet {who}) does not send {} through the peering with {}: replies and requests between the VPCs are dropped", rt.id, dests.join(", "), to.id;
                        ko: "라우팅 테이블 {}(서브넷 {who_ko})이(가) {}을(를) {}와의 피어링으로 보내지 않습니다. VPC 사이의 요청과 응답이 버려집니다", rt.id, dests.join(", "), to.id
                    ))
                    .resource(rt.id.clone())
                    .expected(format!("{} → pcx-… ({}↔{})", dests.join(", "), from.id, to.id))
                    .found(wrong.join(", "))
                    .hint(l10n!(
                        en: "Route tables → {} → Edit routes → add destination {} with target the peering connection. Routes are needed on both sides.", rt.id, dests.join(", ");
                        ko: "라우팅 테이블 → {} → 라우팅 편집 → 대상 {}, 타깃 피어링 연결을 추가하세요. 경로는 양쪽 모두에 있어야 합니다.", rt.id, dests.join(", ")
                    )),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, failures, route, run, solved, statuses};
    use crate::report::FindingStatus::*;

    fn app_to_db() -> toml::Table {
        toml::toml! {
            from_vpc = { cidr = "10.10.0.0/16" } subnets = ["10.10.3.0/24", "10.10.4.0/24"] tier = "WAS"
            to_vpc = { cidr = "172.16.0.0/16" } destinations = ["172.16.1.0/24", "172.16.2.0/24", "172.16.3.0/24"]
        }
    }

    fn db_to_app() -> toml::Table {
        toml::toml! {
            from_vpc = { cidr = "172.16.0.0/16" } subnets = ["172.16.1.0/24", "172.16.2.0/24", "172.16.3.0/24"] tier = "DB"
            to_vpc = { cidr = "10.10.0.0/16" } destinations = ["10.10.3.0/24", "10.10.4.0/24"]
        }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("peering_routes", app_to_db(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes_both_ways_noting_whole_vpc_routes_once_per_table() {
        let (b, _) = solved();
        let snap = b.build();
        assert_eq!(statuses(&run("peering_routes", app_to_db(), &snap)), [Info, Pass, Pass]);
        assert_eq!(statuses(&run("peering_routes", db_to_app(), &snap)), [Info, Pass, Pass, Pass]);
    }

    #[test]
    fn a_missing_return_route_fails_on_the_db_route_table() {
        let (mut b, s) = solved();
        let tables = b.snapshot().route_tables.items_mut().unwrap();
        tables.iter_mut().find(|t| t.id == s.db_rt).unwrap().routes.retain(|r| !r.target.starts_with("pcx-"));
        let f = run("peering_routes", db_to_app(), &b.build());
        assert_eq!(statuses(&f), [Fail, Fail, Fail]);
        assert_eq!(f[0].resource.as_deref(), Some(s.db_rt.as_str()));
        assert_eq!(f[0].found.as_deref(), Some("10.10.3.0/24 → no route, 10.10.4.0/24 → no route"));
    }

    #[test]
    fn per_subnet_routes_pass_without_the_note_and_a_route_via_nat_fails() {
        let (mut b, s) = solved();
        let tables = b.snapshot().route_tables.items_mut().unwrap();
        let rt = tables.iter_mut().find(|t| t.id == s.private_rt).unwrap();
        rt.routes.retain(|r| !r.target.starts_with("pcx-"));
        rt.routes.push(route("172.16.1.0/24", &s.pcx));
        rt.routes.push(route("172.16.2.0/24", &s.pcx));
        let f = run("peering_routes", app_to_db(), &b.build());
        let fails = failures(&f);
        assert_eq!(fails.len(), 2);
        assert_eq!(
            fails[0].found.as_deref(),
            Some(format!("172.16.3.0/24 → {} (0.0.0.0/0)", s.nat).as_str())
        );
    }

    #[test]
    fn a_route_through_a_peering_to_another_vpc_fails() {
        let (mut b, s) = solved();
        let other = b.vpc("192.168.0.0/16", "");
        let wrong = b.peering(&s.app_vpc, &other, "active");
        let tables = b.snapshot().route_tables.items_mut().unwrap();
        let rt = tables.iter_mut().find(|t| t.id == s.private_rt).unwrap();
        for r in rt.routes.iter_mut().filter(|r| r.target == s.pcx) {
            r.target = wrong.clone();
        }
        assert_eq!(statuses(&run("peering_routes", app_to_db(), &b.build())), [Fail, Fail]);
    }

    #[test]
    fn a_route_to_a_deleted_peering_fails() {
        let (mut b, _) = solved();
        b.snapshot().peering_connections.items_mut().unwrap()[0].status = "deleted".into();
        assert_eq!(statuses(&run("peering_routes", app_to_db(), &b.build())), [Fail, Fail]);
    }

    #[test]
    fn many_route_tables_each_subnet_uses_its_own() {
        let (mut b, s) = solved();
        for _ in 0..25 {
            b.route_table(&s.app_vpc, &[], &[("172.16.0.0/16", "nat-0000")]);
        }
        assert_eq!(statuses(&run("peering_routes", app_to_db(), &b.build())), [Info, Pass, Pass]);
    }
}
