//! The picture's model: VPCs with their subnets, gateways and peerings, each with a comparison
//! mark; and the account's architecture read from a snapshot.

use sandpit_core::snapshot::{RouteTargetKind, Snapshot, TargetGroup};
use serde::Serialize;

/// How an element compares with the other picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Present on both sides and as expected (or nothing to compare with).
    Same,
    /// In the target, not (yet) in the account.
    Missing,
    /// In both, but not as the target wants it.
    Differs,
    /// In the account, not part of the target.
    Extra,
}

/// An internet or NAT gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gateway {
    /// Its id (`igw-…`, `nat-…`); none in a target.
    pub id: Option<String>,
    /// For a NAT gateway: the CIDR of the subnet it lives in.
    pub subnet_cidr: Option<String>,
    /// Comparison mark.
    pub mark: Mark,
}

/// A subnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubnetNode {
    /// Its CIDR (the key that matches target and account).
    pub cidr: String,
    /// Its Name tag.
    pub name: Option<String>,
    /// Its id; none in a target.
    pub id: Option<String>,
    /// Its Availability Zone (`AZ 1`, `AZ 2` in a target).
    pub az: String,
    /// Its tier (`public`, `web`, `WAS`, `DB`, or `private`).
    pub tier: String,
    /// Where its default route (0.0.0.0/0) leads: `IGW`, `NAT`, `pcx`, … or none.
    pub default_route: Option<String>,
    /// Whether it has a route into a peering connection.
    pub peering_route: bool,
    /// Whether a load balancer has a node in it.
    #[serde(default)]
    pub load_balancer: bool,
    /// Auto Scaling instances in it (in a target: how many the group should keep there).
    #[serde(default)]
    pub instances: u32,
    /// Instances outside any Auto Scaling group and databases in it: what a path question can
    /// start or end at besides the subnet itself (none in a target).
    #[serde(default)]
    pub endpoints: Vec<EndpointNode>,
    /// Comparison mark.
    pub mark: Mark,
}

/// What kind of thing an [`EndpointNode`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointNodeKind {
    /// An EC2 instance (not one of an Auto Scaling group's, which are counted instead).
    Instance,
    /// An RDS instance: drawn in every subnet of its subnet group, where it may run.
    Database,
}

/// An instance or database drawn as a badge in its subnet, to be picked as a path question's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndpointNode {
    /// What it is.
    pub kind: EndpointNodeKind,
    /// What `sandpit reach` takes for it: the instance id or the database identifier.
    pub value: String,
    /// Its name for people (the instance's Name tag, the database identifier).
    pub name: String,
}

/// A load balancer, with where its listeners send requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadBalancerNode {
    /// Its name; none in a target.
    pub name: Option<String>,
    /// Its ARN; none in a target.
    pub id: Option<String>,
    /// `internal` or `internet-facing`.
    pub scheme: String,
    /// The CIDRs of the subnets it has nodes in.
    pub subnet_cidrs: Vec<String>,
    /// The ports its listeners take.
    pub listener_ports: Vec<u16>,
    /// The target groups its listeners forward to.
    pub target_groups: Vec<TargetGroupNode>,
    /// Comparison mark.
    pub mark: Mark,
}

/// A target group and its targets' health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetGroupNode {
    /// Its name; none in a target.
    pub name: Option<String>,
    /// The port its targets take.
    pub port: Option<u16>,
    /// Healthy targets, and all targets (none in a target).
    pub health: Option<(usize, usize)>,
    /// Comparison mark.
    pub mark: Mark,
}

/// An Auto Scaling group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AutoScalingNode {
    /// Its name; none in a target.
    pub name: Option<String>,
    /// The fewest instances it keeps.
    pub min: u32,
    /// The CIDRs of the subnets it launches into.
    pub subnet_cidrs: Vec<String>,
    /// Its instances now (none in a target).
    pub instances: Option<usize>,
    /// Comparison mark.
    pub mark: Mark,
}

/// A VPC and what is inside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VpcNode {
    /// Its primary CIDR (the key that matches target and account).
    pub cidr: String,
    /// Its Name tag.
    pub name: Option<String>,
    /// Its id; none in a target.
    pub id: Option<String>,
    /// Its internet gateway.
    pub igw: Option<Gateway>,
    /// Its NAT gateways.
    pub nats: Vec<Gateway>,
    /// Its subnets.
    pub subnets: Vec<SubnetNode>,
    /// Its load balancers.
    #[serde(default)]
    pub load_balancers: Vec<LoadBalancerNode>,
    /// Target groups no load balancer forwards to (yet).
    #[serde(default)]
    pub target_groups: Vec<TargetGroupNode>,
    /// Its Auto Scaling groups.
    #[serde(default)]
    pub auto_scaling: Vec<AutoScalingNode>,
    /// Comparison mark.
    pub mark: Mark,
}

/// A peering connection between two VPCs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeeringEdge {
    /// One VPC's CIDR.
    pub a: String,
    /// The other's.
    pub b: String,
    /// Its id; none in a target.
    pub id: Option<String>,
    /// Its status (`active`, `pending-acceptance`, …).
    pub status: String,
    /// Comparison mark.
    pub mark: Mark,
}

/// A network: what the picture draws.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Architecture {
    /// The VPCs.
    pub vpcs: Vec<VpcNode>,
    /// Peering connections between them.
    pub peerings: Vec<PeeringEdge>,
}

impl Architecture {
    pub(super) fn vpc_mut(&mut self, cidr: &str, name: Option<&str>) -> &mut VpcNode {
        let i = match self.vpcs.iter().position(|v| v.cidr == cidr) {
            Some(i) => i,
            None => {
                self.vpcs.push(VpcNode {
                    cidr: cidr.to_owned(),
                    name: name.map(str::to_owned),
                    id: None,
                    igw: None,
                    nats: Vec::new(),
                    subnets: Vec::new(),
                    load_balancers: Vec::new(),
                    target_groups: Vec::new(),
                    auto_scaling: Vec::new(),
                    mark: Mark::Same,
                });
                self.vpcs.len() - 1
            }
        };
        &mut self.vpcs[i]
    }

    pub(super) fn vpc(&self, cidr: &str) -> Option<&VpcNode> {
        self.vpcs.iter().find(|v| v.cidr == cidr)
    }
}

impl VpcNode {
    pub(super) fn subnet_mut(&mut self, cidr: &str) -> &mut SubnetNode {
        let i = match self.subnets.iter().position(|s| s.cidr == cidr) {
            Some(i) => i,
            None => {
                self.subnets.push(SubnetNode {
                    cidr: cidr.to_owned(),
                    name: None,
                    id: None,
                    az: String::new(),
                    tier: "private".to_owned(),
                    default_route: None,
                    peering_route: false,
                    load_balancer: false,
                    instances: 0,
                    endpoints: Vec::new(),
                    mark: Mark::Same,
                });
                self.subnets.len() - 1
            }
        };
        &mut self.subnets[i]
    }

    pub(super) fn subnet(&self, cidr: &str) -> Option<&SubnetNode> {
        self.subnets.iter().find(|s| s.cidr == cidr)
    }
}

fn route_label(kind: RouteTargetKind) -> &'static str {
    match kind {
        RouteTargetKind::Local => "local",
        RouteTargetKind::InternetGateway => "IGW",
        RouteTargetKind::NatGateway => "NAT",
        RouteTargetKind::Peering => "pcx",
        RouteTargetKind::TransitGateway => "TGW",
        RouteTargetKind::EgressOnlyInternetGateway => "EIGW",
        RouteTargetKind::VirtualPrivateGateway => "VGW",
        RouteTargetKind::Instance => "instance",
        RouteTargetKind::Other => "other",
    }
}

/// A tier guessed from a subnet's Name tag, the way the bootcamp named them.
fn tier_from_name(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase();
    if n.contains("pub") {
        Some("public")
    } else if n.contains("web") {
        Some("web")
    } else if n.contains("was") || n.contains("app") {
        Some("WAS")
    } else if n.contains("db") || n.contains("rds") {
        Some("DB")
    } else {
        None
    }
}

/// What the account holds, from a snapshot (default VPCs left out).
pub fn actual_architecture(snapshot: &Snapshot) -> Architecture {
    let mut arch = Architecture::default();
    for vpc in snapshot.vpcs.iter().filter(|v| !v.is_default) {
        let node = arch.vpc_mut(&vpc.cidr, vpc.name());
        node.id = Some(vpc.id.clone());
        node.igw = snapshot
            .internet_gateways
            .iter()
            .find(|g| g.attachments.iter().any(|a| a.vpc_id == vpc.id && a.state != "detached"))
            .map(|g| Gateway { id: Some(g.id.clone()), subnet_cidr: None, mark: Mark::Same });
        for subnet in snapshot.subnets.iter().filter(|s| s.vpc_id == vpc.id) {
            let table = snapshot.route_table_for_subnet(subnet);
            let default_route = table
                .and_then(|t| t.routes.iter().find(|r| r.destination == "0.0.0.0/0"))
                .map(|r| route_label(r.target_kind).to_owned());
            let peering_route =
                table.is_some_and(|t| t.routes.iter().any(|r| r.target_kind == RouteTargetKind::Peering));
            let tier = subnet
                .name()
                .and_then(tier_from_name)
                .unwrap_or(if default_route.as_deref() == Some("IGW") { "public" } else { "private" });
            let s = node.subnet_mut(&subnet.cidr);
            s.name = subnet.name().map(str::to_owned);
            s.id = Some(subnet.id.clone());
            s.az = subnet.availability_zone.clone();
            s.tier = tier.to_owned();
            s.default_route = default_route;
            s.peering_route = peering_route;
        }
        let live = |state: &str| matches!(state, "available" | "pending");
        for nat in snapshot.nat_gateways.iter().filter(|n| n.vpc_id == vpc.id && live(&n.state)) {
            let subnet_cidr = snapshot.subnet(&nat.subnet_id).map(|s| s.cidr.clone());
            node.nats.push(Gateway { id: Some(nat.id.clone()), subnet_cidr, mark: Mark::Same });
        }
        load_balancing(snapshot, &vpc.id, node);
        endpoints(snapshot, &vpc.id, node);
    }
    for p in snapshot.peering_connections.iter() {
        if matches!(p.status.as_str(), "deleted" | "rejected" | "failed" | "expired") {
            continue;
        }
        let (Some(a), Some(b)) = (snapshot.vpc(&p.requester.vpc_id), snapshot.vpc(&p.accepter.vpc_id)) else {
            continue;
        };
        arch.peerings.push(PeeringEdge {
            a: a.cidr.clone(),
            b: b.cidr.clone(),
            id: Some(p.id.clone()),
            status: p.status.clone(),
            mark: Mark::Same,
        });
    }
    arch
}

fn target_group_node(tg: &TargetGroup) -> TargetGroupNode {
    let healthy = tg.targets.iter().filter(|t| t.state == "healthy").count();
    TargetGroupNode {
        name: Some(tg.name.clone()),
        port: tg.port.and_then(|p| u16::try_from(p).ok()),
        health: tg.unreadable.is_none().then_some((healthy, tg.targets.len())),
        mark: Mark::Same,
    }
}

/// The load balancers, target groups and Auto Scaling groups of VPC `vpc_id`, and each subnet's
/// load balancer node and Auto Scaling instances.
fn load_balancing(snapshot: &Snapshot, vpc_id: &str, node: &mut VpcNode) {
    let cidr_of = |subnet: &str| snapshot.subnet(subnet).map(|s| s.cidr.clone());
    let mut forwarded = Vec::new();
    for lb in snapshot.load_balancers.iter().filter(|lb| lb.vpc_id.as_deref() == Some(vpc_id)) {
        let subnet_cidrs: Vec<String> = lb.subnets.iter().filter_map(|s| cidr_of(&s.subnet_id)).collect();
        for c in &subnet_cidrs {
            node.subnet_mut(c).load_balancer = true;
        }
        let mut target_groups = Vec::new();
        for arn in lb.listeners.iter().flat_map(|l| l.forwards_to()) {
            if let Some(tg) = snapshot.target_groups.iter().find(|t| t.arn == arn)
                && !forwarded.contains(&tg.arn)
            {
                forwarded.push(tg.arn.clone());
                target_groups.push(target_group_node(tg));
            }
        }
        node.load_balancers.push(LoadBalancerNode {
            name: Some(lb.name.clone()),
            id: Some(lb.arn.clone()),
            scheme: lb.scheme.clone(),
            subnet_cidrs,
            listener_ports: lb
                .listeners
                .iter()
                .filter_map(|l| l.port)
                .filter_map(|p| u16::try_from(p).ok())
                .collect(),
            target_groups,
            mark: Mark::Same,
        });
    }
    for tg in snapshot
        .target_groups
        .iter()
        .filter(|t| t.vpc_id.as_deref() == Some(vpc_id) && !forwarded.contains(&t.arn))
    {
        node.target_groups.push(target_group_node(tg));
    }
    for g in snapshot.auto_scaling_groups.iter().filter(|g| !g.is_deleting()) {
        let subnet_cidrs: Vec<String> = g
            .subnet_ids
            .iter()
            .filter(|id| snapshot.subnet(id).is_some_and(|s| s.vpc_id == vpc_id))
            .filter_map(|id| cidr_of(id))
            .collect();
        if subnet_cidrs.is_empty() {
            continue;
        }
        for i in &g.instances {
            let subnet =
                snapshot.ec2_instances.iter().find(|e| e.id == i.id).and_then(|e| e.subnet_id.as_deref());
            if let Some(cidr) = subnet.and_then(cidr_of) {
                node.subnet_mut(&cidr).instances += 1;
            }
        }
        node.auto_scaling.push(AutoScalingNode {
            name: Some(g.name.clone()),
            min: u32::try_from(g.min_size).unwrap_or(0),
            subnet_cidrs,
            instances: Some(g.instances.len()),
            mark: Mark::Same,
        });
    }
}

/// The instances outside Auto Scaling groups and the databases of VPC `vpc_id`, each as a badge
/// in its subnet (a database in every subnet of its subnet group).
fn endpoints(snapshot: &Snapshot, vpc_id: &str, node: &mut VpcNode) {
    let in_group =
        |id: &str| snapshot.auto_scaling_groups.iter().any(|g| g.instances.iter().any(|i| i.id == id));
    let cidr_in_vpc =
        |subnet: &str| snapshot.subnet(subnet).filter(|s| s.vpc_id == vpc_id).map(|s| s.cidr.clone());
    for i in snapshot.ec2_instances.iter() {
        if matches!(i.state.as_str(), "terminated" | "shutting-down") || in_group(&i.id) {
            continue;
        }
        let Some(cidr) = i.subnet_id.as_deref().and_then(cidr_in_vpc) else { continue };
        node.subnet_mut(&cidr).endpoints.push(EndpointNode {
            kind: EndpointNodeKind::Instance,
            value: i.id.clone(),
            name: i.tags.get("Name").cloned().unwrap_or_else(|| i.id.clone()),
        });
    }
    for d in snapshot.db_instances.iter() {
        let Some(group) = snapshot.db_subnet_groups.iter().find(|g| Some(&g.name) == d.subnet_group.as_ref())
        else {
            continue;
        };
        for cidr in group.subnets.iter().filter_map(|s| cidr_in_vpc(&s.id)) {
            node.subnet_mut(&cidr).endpoints.push(EndpointNode {
                kind: EndpointNodeKind::Database,
                value: d.id.clone(),
                name: d.id.clone(),
            });
        }
    }
}
