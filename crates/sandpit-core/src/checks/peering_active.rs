//! `peering_active` — an active VPC peering connection joins the two VPCs.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{PeeringConnection, ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "peering_active",
    description: "An active VPC peering connection joins the two VPCs (in either direction).",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::PeeringConnections],
    build: build::<PeeringActive>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeeringActive {
    vpc_a: VpcRef,
    vpc_b: VpcRef,
}

/// The peering connection between two VPCs that matters most: an active one, else a pending
/// one, else the most recent other one.
pub(crate) fn best_peering<'s>(snap: &'s Snapshot, a: &str, b: &str) -> Option<&'s PeeringConnection> {
    let rank = |p: &PeeringConnection| match p.status.as_str() {
        "active" => 3,
        "pending-acceptance" | "provisioning" | "initiating-request" => 2,
        _ => 1,
    };
    snap.peering_connections.iter().filter(|p| p.connects(a, b)).max_by_key(|p| rank(p))
}

impl Check for PeeringActive {
    fn expectations(&self) -> Vec<Expectation> {
        vec![Expectation::Peering { a: self.vpc_a.clone(), b: self.vpc_b.clone() }]
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let (a, b) = match (require_vpc(snap, &self.vpc_a), require_vpc(snap, &self.vpc_b)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(f), _) | (_, Err(f)) => return vec![*f],
        };
        let expected = format!("an active peering between {} and {}", a.id, b.id);
        let Some(pcx) = best_peering(snap, &a.id, &b.id) else {
            let others: Vec<String> = snap
                .peering_connections
                .iter()
                .map(|p| format!("{} {}↔{} ({})", p.id, p.requester.vpc_id, p.accepter.vpc_id, p.status))
                .collect();
            return vec![
                Finding::fail(msg!(
                    "peering-active-no-peering-connection-between",
                    alias = &a.id,
                    budget = &b.id
                ))
                .resource(a.id.clone())
                .expected(expected)
                .found(if others.is_empty() { "no peering connection".to_owned() } else { others.join(", ") })
                .hint(msg!(
                    "peering-active-no-peering-connection-between-hint",
                    alias = &a.id,
                    budget = &b.id
                )),
            ];
        };
        let found = format!("{} {}", pcx.id, pcx.status);
        match pcx.status.as_str() {
            "active" => vec![
                Finding::pass(msg!(
                    "peering-active-peering-between-active",
                    pcx = &pcx.id,
                    requester = &pcx.requester.vpc_id,
                    accepter = &pcx.accepter.vpc_id
                ))
                .resource(pcx.id.clone())
                .found(found),
            ],
            "pending-acceptance" => vec![
                Finding::fail(msg!("peering-active-peering-waiting-accepted-no", pcx = &pcx.id))
                    .resource(pcx.id.clone())
                    .expected(expected)
                    .found(found)
                    .hint(msg!("peering-active-peering-waiting-accepted-no-hint", pcx = &pcx.id)),
            ],
            _ => vec![
                Finding::fail(msg!(
                    "peering-active-not-active",
                    pcx = &pcx.id,
                    status = &pcx.status,
                    message = pcx.status_message.as_deref().map(|m| format!(": {m}")).unwrap_or_default()
                ))
                .resource(pcx.id.clone())
                .expected(expected)
                .found(found)
                .hint(msg!("peering-active-not-active-hint")),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, run, solved, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc_a = { cidr = "10.10.0.0/16" } vpc_b = { cidr = "172.16.0.0/16" } }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("peering_active", args(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes() {
        let (b, s) = solved();
        let f = run("peering_active", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.pcx.as_str()));
    }

    #[test]
    fn a_pending_peering_fails_with_the_accept_command() {
        let (mut b, s) = solved();
        b.snapshot().peering_connections.items_mut().unwrap()[0].status = "pending-acceptance".into();
        let f = run("peering_active", args(), &b.build());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(f[0].resource.as_deref(), Some(s.pcx.as_str()));
        assert!(f[0].hint.as_ref().unwrap().en.contains("accept-vpc-peering-connection"));
    }

    #[test]
    fn many_peerings_an_old_rejected_one_does_not_hide_the_active_one() {
        let (mut b, s) = solved();
        for _ in 0..5 {
            b.peering(&s.db_vpc, &s.app_vpc, "rejected");
        }
        let other = b.vpc("192.168.0.0/16", "");
        b.peering(&s.app_vpc, &other, "active");
        let f = run("peering_active", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.pcx.as_str()));
    }

    #[test]
    fn a_peering_between_other_vpcs_does_not_count() {
        let mut b = Builder::empty();
        let a = b.vpc("10.10.0.0/16", "");
        b.vpc("172.16.0.0/16", "");
        let c = b.vpc("192.168.0.0/16", "");
        b.peering(&a, &c, "active");
        assert_eq!(statuses(&run("peering_active", args(), &b.build())), [Fail]);
    }
}
