//! `default_route` — each subnet of a tier sends `0.0.0.0/0` where its tier should: public
//! subnets to the internet gateway, private subnets to a NAT gateway (and never to an IGW).

use serde::Deserialize;

use super::args::{Cidr, VpcRef};
use super::expect::{Expectation, RouteVia};
use super::resolve::{require_vpc, subnet_in, subnet_label, subnet_missing};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, RouteTable, RouteTargetKind, Snapshot, Subnet};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "default_route",
    description: "Each subnet's route table sends 0.0.0.0/0 to an internet gateway (public) or a NAT gateway (private).",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::RouteTables],
    build: build::<DefaultRoute>,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Via {
    InternetGateway,
    NatGateway,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefaultRoute {
    vpc: VpcRef,
    subnets: Vec<Cidr>,
    tier: String,
    via: Via,
}

fn table_label(rt: &RouteTable) -> String {
    if rt.main {
        format!("{} (the VPC's main route table: no explicit association)", rt.id)
    } else {
        rt.id.clone()
    }
}

impl DefaultRoute {
    fn judge(&self, subnet: &Subnet, rt: Option<&RouteTable>) -> Finding {
        let tier = &self.tier;
        let who = subnet_label(subnet, tier);
        let (want_kind, want) = match self.via {
            Via::InternetGateway => (RouteTargetKind::InternetGateway, "0.0.0.0/0 → igw-…"),
            Via::NatGateway => (RouteTargetKind::NatGateway, "0.0.0.0/0 → nat-…"),
        };
        let Some(rt) = rt else {
            return Finding::fail(msg!("default-route-subnet-no-route-table", who = &who))
                .resource(subnet.id.clone())
                .expected(want);
        };
        let table = table_label(rt);
        let default = rt.route_for(Cidr::anywhere().0).filter(|r| r.destination == "0.0.0.0/0");
        // A private subnet must not reach an internet gateway by any route, not only the default.
        if self.via == Via::NatGateway
            && let Some(r) = rt.routes.iter().find(|r| r.target_kind == RouteTargetKind::InternetGateway)
        {
            return Finding::fail(msg!(
                "default-route-subnet-associated-route-table",
                who = &who,
                table = &table,
                destination = &r.destination,
                target = &r.target
            ))
            .resource(subnet.id.clone())
            .expected(want)
            .found(format!("{} → {} in {}", r.destination, r.target, rt.id))
            .hint(msg!("default-route-subnet-associated-route-table-hint"));
        }
        match default {
            Some(r) if r.target_kind == want_kind && r.state != "blackhole" => Finding::pass(msg!(
                "default-route-subnet-routes-0-0",
                who = &who,
                target = &r.target,
                table = &table
            ))
            .resource(subnet.id.clone())
            .found(format!("0.0.0.0/0 → {} in {}", r.target, rt.id)),
            Some(r) if r.state == "blackhole" => Finding::fail(msg!(
                "default-route-subnet-routes-0-0-2",
                who = &who,
                target = &r.target,
                table = &table
            ))
            .resource(subnet.id.clone())
            .expected(want)
            .found(format!("0.0.0.0/0 → {} (blackhole)", r.target))
            .hint(msg!("default-route-subnet-routes-0-0-2-hint")),
            Some(r) => {
                let hint = match self.via {
                    Via::InternetGateway => msg!("default-route-subnet-routes-0-0-2-hint-2"),
                    Via::NatGateway => msg!("default-route-point-0-0-0"),
                };
                Finding::fail(msg!(
                    "default-route-subnet-associated-route-table-2",
                    who = &who,
                    table = &table,
                    target = &r.target
                ))
                .resource(subnet.id.clone())
                .expected(want)
                .found(format!("0.0.0.0/0 → {} in {}", r.target, rt.id))
                .hint(hint)
            }
            None => {
                let hint = match self.via {
                    Via::InternetGateway => msg!("default-route-subnet-associated-route-table-2-hint"),
                    Via::NatGateway => msg!("default-route-create-private-route-table"),
                };
                Finding::fail(msg!("default-route-subnet-uses-route-table", who = &who, table = &table))
                    .resource(subnet.id.clone())
                    .expected(want)
                    .found(format!("no default route in {}", rt.id))
                    .hint(hint)
            }
        }
    }
}

impl Check for DefaultRoute {
    fn expectations(&self) -> Vec<Expectation> {
        vec![Expectation::DefaultRoute {
            vpc: self.vpc.clone(),
            subnets: self.subnets.clone(),
            tier: self.tier.clone(),
            via: match self.via {
                Via::InternetGateway => RouteVia::InternetGateway,
                Via::NatGateway => RouteVia::NatGateway,
            },
        }]
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let mut findings: Vec<Finding> = self
            .subnets
            .iter()
            .map(|cidr| match subnet_in(snap, vpc, cidr) {
                Some(subnet) => self.judge(subnet, snap.route_table_for_subnet(subnet)),
                None => subnet_missing(vpc, cidr, &self.tier),
            })
            .collect();
        if self.via == Via::InternetGateway {
            findings.extend(main_table_advice(snap, vpc, &self.subnets));
        }
        findings
    }
}

/// Advice when the VPC's main route table leads to the internet: every subnet without an
/// explicit association (a new one, too) follows the main table, so it becomes public by
/// accident. Public subnets belong on a route table of their own; the main one stays private.
fn main_table_advice(snap: &Snapshot, vpc: &crate::snapshot::Vpc, public: &[Cidr]) -> Option<Finding> {
    let main = snap.route_tables.iter().find(|rt| rt.vpc_id == vpc.id && rt.main)?;
    let to_igw = main.routes.iter().find(|r| r.target_kind == RouteTargetKind::InternetGateway)?;
    let implicit: Vec<String> = public
        .iter()
        .filter_map(|c| subnet_in(snap, vpc, c))
        .filter(|s| !snap.route_tables.iter().any(|rt| rt.subnet_ids.contains(&s.id)))
        .map(|s| s.id.clone())
        .collect();
    Some(
        Finding::info(if implicit.is_empty() {
            msg!(
                "default-route-main-table-public",
                main = &main.id,
                destination = &to_igw.destination,
                target = &to_igw.target
            )
        } else {
            msg!(
                "default-route-main-table-public-used",
                main = &main.id,
                destination = &to_igw.destination,
                target = &to_igw.target
            )
        })
        .resource(main.id.clone())
        .found(format!(
            "{} → {} in the main table{}",
            to_igw.destination,
            to_igw.target,
            if implicit.is_empty() { String::new() } else { format!(" (used by {})", implicit.join(", ")) }
        ))
        .hint(msg!(
            "default-route-vpc-s-main-route-hint",
            main = &main.id,
            destination = &to_igw.destination
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, route, run, solved, statuses};
    use crate::report::FindingStatus::*;

    fn private() -> toml::Table {
        toml::toml! { vpc = { cidr = "10.10.0.0/16" } subnets = ["10.10.3.0/24", "10.10.4.0/24"] tier = "WAS" via = "nat_gateway" }
    }

    fn public() -> toml::Table {
        toml::toml! { vpc = { cidr = "10.10.0.0/16" } subnets = ["10.10.5.0/24", "10.10.6.0/24"] tier = "public" via = "internet_gateway" }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("default_route", private(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes_both_tiers() {
        let (b, _) = solved();
        let snap = b.build();
        assert_eq!(statuses(&run("default_route", private(), &snap)), [Pass, Pass]);
        assert_eq!(statuses(&run("default_route", public(), &snap)), [Pass, Pass]);
    }

    #[test]
    fn a_was_subnet_on_the_public_route_table_fails_with_the_exact_sentence() {
        let (mut b, s) = solved();
        let tables = b.snapshot().route_tables.items_mut().unwrap();
        tables.iter_mut().find(|t| t.id == s.private_rt).unwrap().subnet_ids.retain(|id| *id != s.was[0]);
        tables.iter_mut().find(|t| t.id == s.public_rt).unwrap().subnet_ids.push(s.was[0].clone());
        let f = run("default_route", private(), &b.build());
        assert_eq!(statuses(&f), [Fail, Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.was[0].as_str()));
        assert_eq!(
            f[0].message.en,
            format!(
                "subnet {} (10.10.3.0/24, WAS) is associated with route table {} which sends 0.0.0.0/0 to {}: a private subnet must use a NAT gateway",
                s.was[0], s.public_rt, s.igw
            )
        );
    }

    #[test]
    fn an_unassociated_subnet_falls_back_to_the_main_table_and_says_so() {
        let (mut b, s) = solved();
        let tables = b.snapshot().route_tables.items_mut().unwrap();
        tables.iter_mut().find(|t| t.id == s.public_rt).unwrap().subnet_ids.clear();
        let f = run("default_route", public(), &b.build());
        assert_eq!(statuses(&f), [Fail, Fail]);
        assert!(f[0].message.en.contains("main route table"), "{}", f[0].message.en);
    }

    #[test]
    fn public_subnets_left_on_a_main_table_with_the_internet_route_pass_with_advice() {
        let (mut b, s) = solved();
        let tables = b.snapshot().route_tables.items_mut().unwrap();
        tables.iter_mut().find(|t| t.id == s.public_rt).unwrap().subnet_ids.clear();
        let main = tables.iter_mut().find(|t| t.vpc_id == s.app_vpc && t.main).unwrap();
        main.routes.push(super::super::fixtures::route("0.0.0.0/0", &s.igw));
        let main_id = main.id.clone();
        let f = run("default_route", public(), &b.build());
        assert_eq!(statuses(&f), [Pass, Pass, Info]);
        assert_eq!(f[2].resource.as_deref(), Some(main_id.as_str()));
        assert!(
            f[2].message.en.contains("main route table")
                && f[2].message.en.contains("without an association")
        );
        assert!(f[2].hint.as_ref().unwrap().en.contains("delete-route"));
        assert_eq!(crate::english_words(&f[2].message.ko), Vec::<String>::new(), "{}", f[2].message.ko);
        // A private main table: no advice.
        let (b, _) = solved();
        assert_eq!(statuses(&run("default_route", public(), &b.build())), [Pass, Pass]);
    }

    #[test]
    fn a_blackhole_nat_route_fails() {
        let (mut b, s) = solved();
        let tables = b.snapshot().route_tables.items_mut().unwrap();
        let rt = tables.iter_mut().find(|t| t.id == s.private_rt).unwrap();
        rt.routes.iter_mut().find(|r| r.destination == "0.0.0.0/0").unwrap().state = "blackhole".into();
        let f = run("default_route", private(), &b.build());
        assert_eq!(statuses(&f), [Fail, Fail]);
        assert!(f[0].found.as_deref().unwrap().contains("blackhole"));
    }

    #[test]
    fn many_routes_the_default_one_decides() {
        let (mut b, s) = solved();
        let tables = b.snapshot().route_tables.items_mut().unwrap();
        let rt = tables.iter_mut().find(|t| t.id == s.private_rt).unwrap();
        for i in 0..50 {
            rt.routes.push(route(&format!("192.168.{i}.0/24"), "pcx-9999"));
        }
        assert_eq!(statuses(&run("default_route", private(), &b.build())), [Pass, Pass]);
    }
}
