//! `peering_routes` — the route tables of a tier's subnets send the other VPC's addresses
//! through the peering connection between the two VPCs.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{require_vpc, subnet_in, subnet_label, subnet_missing};
use super::{Check, CheckKind, build};
use crate::msg;
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
            let who = subnet_label(subnet, &self.tier);
            let Some(rt) = snap.route_table_for_subnet(subnet) else {
                findings.push(
                    Finding::fail(msg!("peering-routes-subnet-no-route-table", who = &who))
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
                                Finding::info(msg!(
                                    "peering-routes-whole-through-routing-only",
                                    rt = &rt.id,
                                    destination = &r.destination,
                                    target = &r.target,
                                    dests = dests.join(", ")
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
                    Finding::pass(msg!(
                        "peering-routes-subnet-reaches-through-peering",
                        who = &who,
                        dests = dests.join(", "),
                        rt = &rt.id
                    ))
                    .resource(rt.id.clone())
                    .found(format!("{} → pcx", dests.join(", "))),
                );
            } else {
                findings.push(
                    Finding::fail(msg!(
                        "peering-routes-route-table-used-subnet",
                        rt = &rt.id,
                        who = &who,
                        dests = dests.join(", "),
                        to = &to.id
                    ))
                    .resource(rt.id.clone())
                    .expected(format!("{} → pcx-… ({}↔{})", dests.join(", "), from.id, to.id))
                    .found(wrong.join(", "))
                    .hint(msg!(
                        "peering-routes-route-table-used-subnet-hint",
                        rt = &rt.id,
                        dests = dests.join(", ")
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
