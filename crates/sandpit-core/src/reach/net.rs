//! The snapshot indexed for path questions: lookups by id, and what governs a subnet.

use std::collections::HashMap;

use super::ranges::Ranges;
use crate::snapshot::*;

/// A snapshot with the indexes a walk needs (a bench-sized account has hundreds of route tables
/// and groups; every hop looks several up).
pub(crate) struct Net<'s> {
    pub(crate) snap: &'s Snapshot,
    vpcs: HashMap<&'s str, &'s Vpc>,
    subnets: HashMap<&'s str, &'s Subnet>,
    groups: HashMap<&'s str, &'s SecurityGroup>,
    table_of_subnet: HashMap<&'s str, &'s RouteTable>,
    main_table: HashMap<&'s str, &'s RouteTable>,
    acl_of_subnet: HashMap<&'s str, &'s NetworkAcl>,
    default_acl: HashMap<&'s str, &'s NetworkAcl>,
    peerings: HashMap<&'s str, &'s PeeringConnection>,
    nats: HashMap<&'s str, &'s NatGateway>,
    prefix_lists: HashMap<&'s str, &'s ManagedPrefixList>,
}

impl<'s> Net<'s> {
    pub(crate) fn new(snap: &'s Snapshot) -> Self {
        let mut table_of_subnet = HashMap::new();
        let mut main_table = HashMap::new();
        for rt in snap.route_tables.iter() {
            for s in &rt.subnet_ids {
                table_of_subnet.entry(s.as_str()).or_insert(rt);
            }
            if rt.main {
                main_table.entry(rt.vpc_id.as_str()).or_insert(rt);
            }
        }
        let mut acl_of_subnet = HashMap::new();
        let mut default_acl = HashMap::new();
        for acl in snap.network_acls.iter() {
            for s in &acl.subnet_ids {
                // A default ACL lists the subnets that fell back to it too; an explicit
                // association with another ACL wins.
                let slot = acl_of_subnet.entry(s.as_str()).or_insert(acl);
                if slot.is_default && !acl.is_default {
                    *slot = acl;
                }
            }
            if acl.is_default {
                default_acl.entry(acl.vpc_id.as_str()).or_insert(acl);
            }
        }
        Net {
            snap,
            vpcs: snap.vpcs.iter().map(|v| (v.id.as_str(), v)).collect(),
            subnets: snap.subnets.iter().map(|s| (s.id.as_str(), s)).collect(),
            groups: snap.security_groups.iter().map(|g| (g.id.as_str(), g)).collect(),
            table_of_subnet,
            main_table,
            acl_of_subnet,
            default_acl,
            peerings: snap.peering_connections.iter().map(|p| (p.id.as_str(), p)).collect(),
            nats: snap.nat_gateways.iter().map(|n| (n.id.as_str(), n)).collect(),
            prefix_lists: snap.managed_prefix_lists.iter().map(|l| (l.id.as_str(), l)).collect(),
        }
    }

    pub(crate) fn vpc(&self, id: &str) -> Option<&'s Vpc> {
        self.vpcs.get(id).copied()
    }

    pub(crate) fn subnet(&self, id: &str) -> Option<&'s Subnet> {
        self.subnets.get(id).copied()
    }

    pub(crate) fn group(&self, id: &str) -> Option<&'s SecurityGroup> {
        self.groups.get(id).copied()
    }

    /// The route table AWS uses for `subnet`: its explicit association, else its VPC's main one.
    pub(crate) fn route_table(&self, subnet: &Subnet) -> Option<&'s RouteTable> {
        self.table_of_subnet
            .get(subnet.id.as_str())
            .or_else(|| self.main_table.get(subnet.vpc_id.as_str()))
            .copied()
    }

    /// The network ACL AWS uses for `subnet`: its association, else its VPC's default ACL.
    pub(crate) fn acl(&self, subnet: &Subnet) -> Option<&'s NetworkAcl> {
        self.acl_of_subnet
            .get(subnet.id.as_str())
            .or_else(|| self.default_acl.get(subnet.vpc_id.as_str()))
            .copied()
    }

    pub(crate) fn peering(&self, id: &str) -> Option<&'s PeeringConnection> {
        self.peerings.get(id).copied()
    }

    pub(crate) fn nat(&self, id: &str) -> Option<&'s NatGateway> {
        self.nats.get(id).copied()
    }

    pub(crate) fn prefix_list(&self, id: &str) -> Option<&'s ManagedPrefixList> {
        self.prefix_lists.get(id).copied()
    }

    /// The internet gateway attached to `vpc`, if any.
    pub(crate) fn igw_of(&self, vpc: &str) -> Option<&'s InternetGateway> {
        self.snap.internet_gateways.iter().find(|g| {
            g.attachments
                .iter()
                .any(|a| a.vpc_id == vpc && matches!(a.state.as_str(), "available" | "attached"))
        })
    }

    /// Every address of `vpc`'s IPv4 blocks.
    pub(crate) fn vpc_ranges(&self, vpc: &Vpc) -> Ranges {
        Ranges::union_all(vpc.all_cidrs().filter_map(Ranges::parse_net).collect::<Vec<_>>().iter())
    }

    /// The peering that joins `a` and `b` and is active, if any.
    pub(crate) fn active_peering(&self, a: &str, b: &str) -> Option<&'s PeeringConnection> {
        self.snap.peering_connections.iter().find(|p| p.status == "active" && p.connects(a, b))
    }

    /// A peering that joins `a` and `b` but is not active (the newest listed), if any.
    pub(crate) fn inactive_peering(&self, a: &str, b: &str) -> Option<&'s PeeringConnection> {
        self.snap.peering_connections.iter().rev().find(|p| p.status != "active" && p.connects(a, b))
    }

    /// Whether a security group reference from a group in `rule_vpc` reaches members in
    /// `member_vpc`: the same VPC, or VPCs joined by an active peering.
    pub(crate) fn reference_reaches(&self, rule_vpc: &str, member_vpc: &str) -> bool {
        rule_vpc == member_vpc || self.active_peering(rule_vpc, member_vpc).is_some()
    }

    /// Subnets of `vpc`, in snapshot order.
    pub(crate) fn subnets_of(&self, vpc: &str) -> Vec<&'s Subnet> {
        self.snap.subnets.iter().filter(|s| s.vpc_id == vpc).collect()
    }
}
