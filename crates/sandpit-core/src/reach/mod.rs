//! The path troubleshooter behind `sandpit reach`: "why can't the WAS reach the database?",
//! answered hop by hop from a snapshot — free, offline, in Korean or English.
//!
//! [`answer`] resolves the two endpoints of a [`Question`] in a [`Snapshot`], walks a packet's
//! path both ways and returns an [`Answer`]: every hop with its verdict and the rule or route
//! that decided it, the first hop that blocks, one concrete fix, and — when the path is open —
//! where to look next ("beyond the network": credentials, the engine, the operating system; the
//! bootcamp's "broken peering" was a wrong database password).
//!
//! # What is evaluated, in the order a packet meets it
//!
//! Out: the source's security groups (egress), the source subnet's network ACL (outbound), the
//! source subnet's route table (longest prefix: `local`, a peering, a transit gateway, an
//! internet or NAT gateway, a blackhole), the peering (must be `active`, and must join the two
//! VPCs), the destination subnet's network ACL (inbound), the destination's security groups
//! (ingress). Back: the destination subnet's network ACL (outbound), its route table back to
//! the source (so a peering must be routed on **both** sides), the source subnet's network ACL
//! (inbound).
//!
//! - **Security groups** are stateful: replies need no rule. Several groups on one endpoint add
//!   up. Sources are CIDR blocks, managed prefix lists (expanded to their blocks) and other
//!   groups. A group reference admits the members of that group in the same VPC, or in a VPC
//!   joined by an **active** peering; across a peering that is gone (deleted, rejected, …) it
//!   admits nobody, as AWS marks such rules stale. "Open to every address" means the rules
//!   together cover 0.0.0.0/0, whether one rule says `0.0.0.0/0` or two say `0.0.0.0/1` and
//!   `128.0.0.0/1`.
//! - **Network ACLs** are stateless: the request and the reply are judged separately, each by
//!   the lowest-numbered rule that matches (the `*` rule denies what none matched). Replies go to
//!   the client's ephemeral port, which the client's operating system picks anywhere in
//!   1024–65535, so the reply rules must allow that whole range (AWS's advice for ACLs).
//!   Traffic within one subnet does not cross its ACL. A subnet without an explicit
//!   association uses its VPC's default ACL.
//! - **Sets, not samples**: an endpoint that is a subnet, a CIDR block, a security group placed
//!   in a subnet, a load balancer or a database (which may run in any subnet of its subnet
//!   group) stands for every address it may use. A verdict holds for all of them, so a rule or
//!   route that covers half a subnet is found and the first address it leaves out is named.
//! - **Internet**: in, the destination needs a public address (its own, an Elastic IP, an
//!   internet-facing load balancer, a publicly accessible database) in a VPC with an attached
//!   internet gateway, and its subnet's replies must route to that gateway. Out, the source
//!   subnet routes to an internet gateway (with a public address) or to a NAT gateway that is
//!   available, has a public address, and sits in a subnet that routes to the internet gateway.
//!   `internet` stands for every public address.
//! - **Overlapping CIDRs** are reported: a destination inside the source VPC's own range is
//!   delivered by the `local` route and never leaves.
//! - Where an endpoint carries no security group (a bare subnet, an address, a CIDR block), the
//!   security-group hop lists the groups that would admit it instead of guessing which one an
//!   instance there will have.
//!
//! # Where this differs from the VPC Reachability Analyzer
//!
//! The Reachability Analyzer traces one path between two existing resources in AWS (it costs
//! $0.10 an analysis). This evaluator reads a snapshot, so it also answers for a subnet, a
//! security group or a CIDR block, and for every address of a range; and it is stricter in
//! three places: a database counts as reachable only if every subnet of its subnet group is
//! (it may fail over to any of them), a load balancer only if every one of its subnets is, and
//! reply rules must allow every ephemeral port. It does not follow transit gateway route tables
//! (a route into a transit gateway is taken as delivered, and the hop says so), VPC endpoints,
//! virtual private gateways, network appliances, IPv6, or routes whose destination is a prefix
//! list; for ICMP it does not read the ACL's ICMP type and code.

mod endpoint;
mod net;
mod ranges;
mod rules;
mod walk;

#[cfg(test)]
mod tests;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use endpoint::{Endpoint, EndpointChoice, EndpointKind, endpoint_choices};

use crate::msg::{Explain, Place};
use crate::snapshot::{CollectError, ResourceKind, Snapshot, Unavailable};
use crate::{Lang, Localized, msg};

/// The resource kinds a question may need: the network, what endpoints can be, and the prefix
/// lists security group rules name. A live `sandpit reach` reads exactly these in one read.
pub const KINDS: &[ResourceKind] = &[
    ResourceKind::Vpcs,
    ResourceKind::Subnets,
    ResourceKind::RouteTables,
    ResourceKind::InternetGateways,
    ResourceKind::NatGateways,
    ResourceKind::PeeringConnections,
    ResourceKind::SecurityGroups,
    ResourceKind::NetworkAcls,
    ResourceKind::NetworkInterfaces,
    ResourceKind::ManagedPrefixLists,
    ResourceKind::Ec2Instances,
    ResourceKind::DbInstances,
    ResourceKind::DbSubnetGroups,
    ResourceKind::LoadBalancers,
];

/// The kinds every question needs, whatever its endpoints are.
const NETWORK_KINDS: &[ResourceKind] = &[
    ResourceKind::Vpcs,
    ResourceKind::Subnets,
    ResourceKind::RouteTables,
    ResourceKind::InternetGateways,
    ResourceKind::NatGateways,
    ResourceKind::PeeringConnections,
    ResourceKind::SecurityGroups,
    ResourceKind::NetworkAcls,
];

/// Which traffic a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// TCP to one port (the default).
    #[default]
    Tcp,
    /// UDP to one port.
    Udp,
    /// ICMP echo (ping); no port.
    Icmp,
    /// All traffic: every protocol and port, as the console's "All traffic" rule type.
    All,
}

impl Protocol {
    /// The name as the CLI and the JSON write it.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Icmp => "icmp",
            Protocol::All => "all",
        }
    }

    /// Whether the protocol is about one port (`--port` is required).
    pub fn has_port(self) -> bool {
        matches!(self, Protocol::Tcp | Protocol::Udp)
    }
}

impl std::str::FromStr for Protocol {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tcp" | "6" => Ok(Protocol::Tcp),
            "udp" | "17" => Ok(Protocol::Udp),
            "icmp" | "1" => Ok(Protocol::Icmp),
            "all" | "-1" => Ok(Protocol::All),
            other => Err(format!("unknown protocol `{other}` (use tcp, udp, icmp or all)")),
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A question: can `from` reach `to` on `port`?
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Question {
    /// The source: an instance, network interface, RDS instance or load balancer, a security
    /// group (with `from_subnet` when its VPC has several subnets), a subnet, an IPv4 address or
    /// CIDR block, a `Name` tag value, or `internet`.
    pub from: String,
    /// The destination, in the same forms.
    pub to: String,
    /// Where a security-group source sits (a subnet id, `Name` tag or CIDR block); also narrows
    /// a database or load balancer to one of its subnets.
    #[serde(default)]
    pub from_subnet: Option<String>,
    /// The same for the destination.
    #[serde(default)]
    pub to_subnet: Option<String>,
    /// The protocol.
    #[serde(default)]
    pub protocol: Protocol,
    /// The destination port (TCP and UDP).
    #[serde(default)]
    pub port: Option<u16>,
}

/// What kind of component a hop is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    /// A security group (or the set of an endpoint's groups).
    SecurityGroup,
    /// A subnet's network ACL.
    NetworkAcl,
    /// A subnet's route table.
    RouteTable,
    /// A VPC peering connection.
    Peering,
    /// An internet gateway.
    InternetGateway,
    /// A NAT gateway.
    NatGateway,
    /// A transit gateway (not followed: its route tables are not read).
    TransitGateway,
}

impl Component {
    /// The component's name for people, in `lang` (`보안 그룹`, `route table`): the same words on
    /// the command line and in the window's path picture.
    pub fn label(self, lang: crate::Lang) -> String {
        let id = match self {
            Component::SecurityGroup => "reach-component-security-group",
            Component::NetworkAcl => "reach-component-network-acl",
            Component::RouteTable => "reach-component-route-table",
            Component::Peering => "reach-component-peering",
            Component::InternetGateway => "reach-component-internet-gateway",
            Component::NatGateway => "reach-component-nat-gateway",
            Component::TransitGateway => "reach-component-transit-gateway",
        };
        crate::msg::text(lang, id, &[])
    }
}

/// Which way the traffic of a hop goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The request, leaving a subnet or endpoint.
    Outbound,
    /// The request, arriving.
    Inbound,
    /// The reply, on its way back.
    Return,
}

/// What a hop did to the traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// It lets the traffic through.
    Allow,
    /// A rule (or the absence of one) stops it.
    Deny,
    /// No route leads on (none, a blackhole, or one that leads elsewhere).
    NoRoute,
    /// The route leads into something that does not carry traffic (a peering that is not
    /// active, a NAT gateway that is not available).
    Inactive,
}

impl Verdict {
    /// Whether the traffic gets through.
    pub fn passes(self) -> bool {
        self == Verdict::Allow
    }
}

/// One hop of the path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Hop {
    /// Its position on the path, from 1.
    pub n: usize,
    /// What it is.
    pub component: Component,
    /// The resource (`sg-…`, `acl-…`, `rtb-…`, `pcx-…`, `igw-…`, `nat-…`).
    pub resource: String,
    /// Which way the traffic goes.
    pub direction: Direction,
    /// What it did.
    pub verdict: Verdict,
    /// The rule or route that decided.
    pub rule: Localized,
    /// What happened, in a sentence.
    pub detail: Localized,
    /// The one change that would let the traffic through, when it does not pass.
    pub fix: Option<Localized>,
    /// The subnet where it happens (for drawing the path), if any.
    pub subnet: Option<String>,
    /// For an endpoint without security groups: the groups that would let the traffic through.
    pub would_admit: Vec<String>,
}

/// Two VPCs on the path whose CIDR blocks overlap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Overlap {
    /// One VPC.
    pub vpc_a: String,
    /// Its overlapping block.
    pub cidr_a: String,
    /// The other VPC.
    pub vpc_b: String,
    /// Its overlapping block.
    pub cidr_b: String,
}

/// One pair of placements that was walked (a database or load balancer has one per subnet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PathSummary {
    /// The source's subnet (none for the internet).
    pub from_subnet: Option<String>,
    /// The destination's subnet.
    pub to_subnet: Option<String>,
    /// Whether this pair gets through.
    pub reachable: bool,
    /// The hop that blocks it.
    pub blocked_at: Option<usize>,
}

/// The answer to a [`Question`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Answer {
    /// The source, resolved.
    pub from: Endpoint,
    /// The destination, resolved.
    pub to: Endpoint,
    /// The protocol asked about.
    pub protocol: Protocol,
    /// The port asked about (TCP and UDP).
    pub port: Option<u16>,
    /// Whether the traffic gets there and its replies get back, for every placement.
    pub reachable: bool,
    /// The hops of the path shown: the first pair of placements that is blocked, else the first.
    pub hops: Vec<Hop>,
    /// The first hop that blocks.
    pub blocked_at: Option<usize>,
    /// The one change that opens the first block.
    pub fix: Option<Localized>,
    /// Where to look when the network is not the problem.
    pub beyond_network: Localized,
    /// VPCs on the path whose CIDR blocks overlap.
    pub overlaps: Vec<Overlap>,
    /// Every pair of placements that was walked.
    pub paths: Vec<PathSummary>,
}

/// Why a question cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReachError {
    /// An endpoint names nothing in the snapshot.
    #[error("{flag} {input}: {}", why.en)]
    UnknownEndpoint {
        /// The flag it came from (`--from`, `--to-subnet`).
        flag: &'static str,
        /// What was written.
        input: String,
        /// Why it names nothing.
        why: Localized,
    },
    /// An endpoint names several things.
    #[error("{flag} {input} is ambiguous: it names {}; use one of the ids", candidates.join(", "))]
    Ambiguous {
        /// The flag it came from.
        flag: &'static str,
        /// What was written.
        input: String,
        /// What it could mean (`i-… (web-1)`, `subnet-… (web-1)`).
        candidates: Vec<String>,
    },
    /// The question itself is wrong (a missing port, the internet on both sides).
    #[error("{}", .0.en)]
    BadQuestion(Localized),
    /// The snapshot does not hold a kind the question needs (a `check --save-snapshot` file of
    /// a lab that does not read it).
    #[error(
        "the snapshot has no {} (it was saved without them): save a full one with `sandpit snapshot --out FILE` or `sandpit reach … --save-snapshot FILE`",
        .0.label(Lang::En)
    )]
    NotCollected(ResourceKind),
    /// A kind the question needs could not be read from the account.
    #[error("cannot read {}: {}", .kind.label(Lang::En), describe_collect_error(.error))]
    Unreadable {
        /// The kind.
        kind: ResourceKind,
        /// Why.
        error: CollectError,
    },
}

impl Explain for ReachError {
    fn explain(&self, _: Place) -> Localized {
        // Every text names the flag to change (`--from`, `--to-subnet`), which is also the
        // window's field name; so the place does not change the sentence.
        let both = |f: &dyn Fn(Lang) -> String| Localized::new(f(Lang::En), f(Lang::Ko));
        match self {
            ReachError::UnknownEndpoint { flag, input, why } => both(&|lang| {
                msg::text(
                    lang,
                    "reach-unknown-endpoint",
                    &[("flag", (*flag).into()), ("input", input.into()), ("why", why.get(lang).into())],
                )
            }),
            ReachError::Ambiguous { flag, input, candidates } => {
                // In backticks: names are the user's own words, whatever their language.
                let candidates = candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
                msg!("reach-ambiguous", flag = *flag, input = input, candidates = candidates)
            }
            ReachError::BadQuestion(said) => said.clone(),
            ReachError::NotCollected(kind) => {
                both(&|lang| msg::text(lang, "reach-not-collected", &[("kind", kind.label(lang).into())]))
            }
            ReachError::Unreadable { kind, error } => both(&|lang| {
                let (id, action, policy, message) = match error {
                    CollectError::Denied { action, managed_policy, .. } => {
                        ("reach-unreadable-denied", action.as_str(), managed_policy.as_str(), "")
                    }
                    CollectError::Failed { action, message } => {
                        ("reach-unreadable-failed", action.as_str(), "", message.as_str())
                    }
                };
                msg::text(
                    lang,
                    id,
                    &[
                        ("kind", kind.label(lang).into()),
                        ("action", action.into()),
                        ("policy", policy.into()),
                        ("message", message.into()),
                    ],
                )
            }),
        }
    }
}

impl ReachError {
    /// Whether the account (not the question) is at fault: exit 3, as `check`.
    pub fn is_aws(&self) -> bool {
        matches!(self, ReachError::Unreadable { .. })
    }
}

fn describe_collect_error(error: &CollectError) -> String {
    match error {
        CollectError::Denied { action, managed_policy, .. } => {
            format!("AWS denied {action}; attach {managed_policy} (or labs/policies/sandpit-checker.json)")
        }
        CollectError::Failed { action, message } => format!("{action} failed: {message}"),
    }
}

/// Fails when `kind` cannot be looked at in `snapshot`.
pub(crate) fn need(snapshot: &Snapshot, kind: ResourceKind) -> Result<(), ReachError> {
    match snapshot.unavailable(kind) {
        None => Ok(()),
        Some(Unavailable::NotCollected) => Err(ReachError::NotCollected(kind)),
        Some(Unavailable::Failed(error)) => Err(ReachError::Unreadable { kind, error: error.clone() }),
    }
}

/// Answers `question` from `snapshot`.
pub fn answer(snapshot: &Snapshot, question: &Question) -> Result<Answer, ReachError> {
    for &kind in NETWORK_KINDS {
        need(snapshot, kind)?;
    }
    if question.protocol.has_port() && question.port.is_none_or(|p| p == 0) {
        return Err(ReachError::BadQuestion(msg!(
            "reach-port-needed",
            protocol = question.protocol.to_string()
        )));
    }
    if !question.protocol.has_port() && question.port.is_some() {
        return Err(ReachError::BadQuestion(msg!(
            "reach-port-without-ports",
            protocol = question.protocol.to_string()
        )));
    }
    let net = net::Net::new(snapshot);
    let from =
        endpoint::resolve(&net, &question.from, question.from_subnet.as_deref(), endpoint::Side::From)?;
    let to = endpoint::resolve(&net, &question.to, question.to_subnet.as_deref(), endpoint::Side::To)?;
    if from.placements.iter().all(|p| p.is_outside()) && to.placements.iter().all(|p| p.is_outside()) {
        return Err(ReachError::BadQuestion(msg!(
            "reach-both-outside",
            from = &question.from,
            to = &question.to
        )));
    }
    Ok(walk::answer(&net, question, from, to))
}

/// An [`Answer`] in one language: the `sandpit reach --json` shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RenderedAnswer {
    /// The source, resolved.
    pub from: Endpoint,
    /// The destination, resolved.
    pub to: Endpoint,
    /// `tcp`, `udp`, `icmp` or `all`.
    pub protocol: Protocol,
    /// The port (null for ICMP and all traffic).
    pub port: Option<u16>,
    /// Whether the path is open both ways.
    pub reachable: bool,
    /// The hops.
    pub hops: Vec<RenderedHop>,
    /// The first hop that blocks (its `n`), null when reachable.
    pub blocked_at: Option<usize>,
    /// The change that opens it, null when reachable.
    pub fix: Option<String>,
    /// Where to look beyond the network.
    pub beyond_network: String,
    /// VPCs on the path whose CIDR blocks overlap.
    pub overlaps: Vec<Overlap>,
    /// Every pair of placements walked.
    pub paths: Vec<PathSummary>,
}

/// A [`Hop`] in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RenderedHop {
    /// Its position, from 1.
    pub n: usize,
    /// What it is.
    pub component: Component,
    /// The resource.
    pub resource: String,
    /// Which way.
    pub direction: Direction,
    /// What it did.
    pub verdict: Verdict,
    /// The rule or route that decided.
    pub rule: String,
    /// What happened.
    pub detail: String,
    /// The change that would let it through (when it does not pass).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// Where it happens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet: Option<String>,
    /// Groups that would let it through (endpoints without groups).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub would_admit: Vec<String>,
}

impl Answer {
    /// The answer in `lang`.
    pub fn render(&self, lang: Lang) -> RenderedAnswer {
        RenderedAnswer {
            from: self.from.clone(),
            to: self.to.clone(),
            protocol: self.protocol,
            port: self.port,
            reachable: self.reachable,
            hops: self
                .hops
                .iter()
                .map(|h| RenderedHop {
                    n: h.n,
                    component: h.component,
                    resource: h.resource.clone(),
                    direction: h.direction,
                    verdict: h.verdict,
                    rule: h.rule.get(lang).to_owned(),
                    detail: h.detail.get(lang).to_owned(),
                    fix: h.fix.as_ref().map(|f| f.get(lang).to_owned()),
                    subnet: h.subnet.clone(),
                    would_admit: h.would_admit.clone(),
                })
                .collect(),
            blocked_at: self.blocked_at,
            fix: self.fix.as_ref().map(|f| f.get(lang).to_owned()),
            beyond_network: self.beyond_network.get(lang).to_owned(),
            overlaps: self.overlaps.clone(),
            paths: self.paths.clone(),
        }
    }

    /// One line on the placements walked, when there were several (a database or load balancer
    /// may use any of its subnets): how many are open and which one the hops show — the first
    /// that is blocked, or the first when every one is open.
    pub fn placements_note(&self) -> Option<Localized> {
        let all = self.paths.len();
        if all < 2 {
            return None;
        }
        let open = self.paths.iter().filter(|p| p.reachable).count();
        Some(if open == all {
            msg!("reach-placements-all-open", all = &all)
        } else {
            msg!("reach-placements-some-blocked", open = &open, all = &all)
        })
    }

    /// The hop that blocks, if any.
    pub fn blocking_hop(&self) -> Option<&Hop> {
        self.blocked_at.and_then(|n| self.hops.iter().find(|h| h.n == n))
    }
}
