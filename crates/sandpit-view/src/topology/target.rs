//! A lab's target architecture, from what its checks expect ([`Expectation`]), parameters filled
//! in. Each check kind states its expectations in typed terms; this file only places them in
//! the picture, with an exhaustive match: a new kind of expectation does not compile until it is
//! drawn (or explicitly left out here, with the reason).

use sandpit_core::checks::args::VpcRef;
use sandpit_core::checks::expect::{Expectation, RouteVia};
use sandpit_core::labs::{Lab, LabError, Params};

use super::model::{
    Architecture, AutoScalingNode, Gateway, LoadBalancerNode, Mark, PeeringEdge, TargetGroupNode, VpcNode,
};
use super::words::placeholder_zone;

/// What the lab asks for, with `params` filled in. Labs without network checks give an empty
/// architecture.
pub fn target_architecture(lab: &Lab, params: &Params) -> Result<Architecture, LabError> {
    let prepared = lab.prepare(params)?;
    let expectations =
        prepared.iter().flat_map(|step| &step.checks).flat_map(|(_, check)| check.expectations());
    Ok(from_expectations(expectations))
}

/// The architecture these expectations describe.
pub fn from_expectations(expectations: impl IntoIterator<Item = Expectation>) -> Architecture {
    let mut arch = Architecture::default();
    for expectation in expectations {
        match expectation {
            Expectation::Vpc { vpc } => {
                vpc_node(&mut arch, &vpc);
            }
            Expectation::Subnets { vpc, cidrs, tier } => {
                let node = vpc_node(&mut arch, &vpc);
                for (i, cidr) in cidrs.iter().enumerate() {
                    let s = node.subnet_mut(&cidr.to_string());
                    s.az = placeholder_zone(Some(i + 1));
                    s.tier = tier.clone();
                }
            }
            Expectation::InternetGateway { vpc } => {
                vpc_node(&mut arch, &vpc).igw =
                    Some(Gateway { id: None, subnet_cidr: None, mark: Mark::Same });
            }
            Expectation::NatGateway { vpc, public_subnets } => {
                let node = vpc_node(&mut arch, &vpc);
                if node.nats.is_empty() {
                    let subnet_cidr = public_subnets.first().map(ToString::to_string);
                    node.nats.push(Gateway { id: None, subnet_cidr, mark: Mark::Same });
                }
            }
            Expectation::DefaultRoute { vpc, subnets, tier, via } => {
                let node = vpc_node(&mut arch, &vpc);
                let via = match via {
                    RouteVia::InternetGateway => "IGW",
                    RouteVia::NatGateway => "NAT",
                };
                for cidr in &subnets {
                    let s = node.subnet_mut(&cidr.to_string());
                    s.default_route = Some(via.to_owned());
                    s.tier = tier.clone();
                }
            }
            Expectation::Peering { a, b } => {
                let a = vpc_node(&mut arch, &a).cidr.clone();
                let b = vpc_node(&mut arch, &b).cidr.clone();
                if !arch.peerings.iter().any(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a)) {
                    arch.peerings.push(PeeringEdge {
                        a,
                        b,
                        id: None,
                        status: "active".into(),
                        mark: Mark::Same,
                    });
                }
            }
            // The tier of a routing subnet is drawn from the check that places it (`Subnets`).
            Expectation::PeeringRoutes { from, subnets, tier: _ } => {
                let node = vpc_node(&mut arch, &from);
                for cidr in &subnets {
                    node.subnet_mut(&cidr.to_string()).peering_route = true;
                }
            }
            Expectation::LoadBalancer { vpc, scheme, subnets } => {
                let node = vpc_node(&mut arch, &vpc);
                let cidrs: Vec<String> = subnets.iter().map(ToString::to_string).collect();
                for c in &cidrs {
                    node.subnet_mut(c).load_balancer = true;
                }
                let lb = first_lb(node);
                lb.scheme = scheme;
                lb.subnet_cidrs = cidrs;
            }
            Expectation::TargetGroup { vpc, port } => {
                let lb = first_lb(vpc_node(&mut arch, &vpc));
                if lb.target_groups.is_empty() {
                    lb.target_groups.push(TargetGroupNode {
                        name: None,
                        port: Some(port),
                        health: None,
                        mark: Mark::Same,
                    });
                }
            }
            Expectation::Listener { vpc, port } => {
                let lb = first_lb(vpc_node(&mut arch, &vpc));
                if !lb.listener_ports.contains(&port) {
                    lb.listener_ports.push(port);
                }
            }
            Expectation::AutoScalingGroup { vpc, subnets, min } => {
                let node = vpc_node(&mut arch, &vpc);
                let cidrs: Vec<String> = subnets.iter().map(ToString::to_string).collect();
                // The group spreads its instances over its subnets' zones.
                let n = u32::try_from(cidrs.len()).unwrap_or(1).max(1);
                for (i, c) in cidrs.iter().enumerate() {
                    let i = u32::try_from(i).unwrap_or(0);
                    node.subnet_mut(c).instances = min / n + u32::from(i < min % n);
                }
                if node.auto_scaling.is_empty() {
                    node.auto_scaling.push(AutoScalingNode {
                        name: None,
                        min,
                        subnet_cidrs: cidrs,
                        instances: None,
                        mark: Mark::Same,
                    });
                }
            }
        }
    }
    // Subnets named only by a route check have no place among the AZs yet.
    for vpc in &mut arch.vpcs {
        for s in &mut vpc.subnets {
            if s.az.is_empty() {
                s.az = placeholder_zone(None);
            }
        }
    }
    arch
}

/// The target's node for a VPC the lab names: by its CIDR block, or by its `Name` tag when the
/// lab gives no CIDR.
fn vpc_node<'a>(arch: &'a mut Architecture, vpc: &VpcRef) -> &'a mut VpcNode {
    let key = match (&vpc.cidr, &vpc.name) {
        (Some(cidr), _) => cidr.to_string(),
        (None, Some(name)) => format!("Name {name}"),
        (None, None) => "?".to_owned(),
    };
    arch.vpc_mut(&key, vpc.name.as_deref())
}

/// The target's load balancer in `node` (one per VPC: the lab's), made when first named.
fn first_lb(node: &mut VpcNode) -> &mut LoadBalancerNode {
    if node.load_balancers.is_empty() {
        node.load_balancers.push(LoadBalancerNode {
            name: None,
            id: None,
            scheme: String::new(),
            subnet_cidrs: Vec::new(),
            listener_ports: Vec::new(),
            target_groups: Vec::new(),
            mark: Mark::Same,
        });
    }
    &mut node.load_balancers[0]
}
