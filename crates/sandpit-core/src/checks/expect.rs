//! What a check expects the account to hold, for drawing a lab's target architecture.
//!
//! Every check kind says, through [`Check::expectations`](super::Check::expectations), what its
//! arguments ask for, in these typed terms; the topology picture (`sandpit-view`) is built from
//! them with an exhaustive match, so a new expectation cannot be dropped without a compile error
//! and a renamed argument cannot erase part of the picture.

use super::args::{Cidr, VpcRef};

/// Where a default route is expected to lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteVia {
    /// An internet gateway (public subnets).
    InternetGateway,
    /// A NAT gateway (private subnets).
    NatGateway,
}

/// One thing a lab's target architecture contains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expectation {
    /// A VPC.
    Vpc {
        /// Which VPC.
        vpc: VpcRef,
    },
    /// A tier's subnets, in this order over the Availability Zones.
    Subnets {
        /// Their VPC.
        vpc: VpcRef,
        /// Their CIDR blocks.
        cidrs: Vec<Cidr>,
        /// The tier (`public`, `web`, `WAS`, `DB`, …).
        tier: String,
    },
    /// An internet gateway attached to a VPC.
    InternetGateway {
        /// The VPC.
        vpc: VpcRef,
    },
    /// A NAT gateway in one of these public subnets.
    NatGateway {
        /// The VPC.
        vpc: VpcRef,
        /// The public subnets it may live in.
        public_subnets: Vec<Cidr>,
    },
    /// These subnets' default route (0.0.0.0/0) leads to `via`.
    DefaultRoute {
        /// The VPC.
        vpc: VpcRef,
        /// The subnets.
        subnets: Vec<Cidr>,
        /// Their tier.
        tier: String,
        /// Where the route leads.
        via: RouteVia,
    },
    /// An active peering connection between two VPCs.
    Peering {
        /// One VPC.
        a: VpcRef,
        /// The other.
        b: VpcRef,
    },
    /// These subnets route the other VPC's CIDRs through the peering.
    PeeringRoutes {
        /// The VPC of the subnets.
        from: VpcRef,
        /// The subnets.
        subnets: Vec<Cidr>,
        /// Their tier.
        tier: String,
    },
    /// An application load balancer with nodes in these subnets.
    LoadBalancer {
        /// Its VPC.
        vpc: VpcRef,
        /// `internal` or `internet-facing`.
        scheme: String,
        /// The subnets the lab puts it in.
        subnets: Vec<Cidr>,
    },
    /// A target group taking the tier's port.
    TargetGroup {
        /// Its VPC.
        vpc: VpcRef,
        /// The port its targets listen on.
        port: u16,
    },
    /// A listener on `port` of the load balancer, forwarding to the target group.
    Listener {
        /// The VPC of the load balancer.
        vpc: VpcRef,
        /// The port it listens on.
        port: u16,
    },
    /// An Auto Scaling group keeping at least `min` instances over these subnets.
    AutoScalingGroup {
        /// Its VPC.
        vpc: VpcRef,
        /// The subnets it launches into.
        subnets: Vec<Cidr>,
        /// The fewest instances it keeps.
        min: u32,
    },
}
