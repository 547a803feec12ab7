//! Endpoints: what `--from` and `--to` name, resolved to where traffic starts or ends — a
//! subnet, the addresses it may use there, its security groups and whether it has a public
//! address. A database or load balancer has one placement per subnet.

use serde::{Deserialize, Serialize};

use super::net::Net;
use super::ranges::{Ranges, parse_net};
use super::{ReachError, need};
use crate::snapshot::{ResourceKind, Subnet, Vpc};
use crate::{Localized, msg};

/// What an endpoint turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// An EC2 instance.
    Instance,
    /// A network interface.
    NetworkInterface,
    /// An RDS DB instance (every subnet of its subnet group).
    RdsInstance,
    /// A load balancer (every subnet it has a node in).
    LoadBalancer,
    /// "An instance in this security group", placed in a subnet.
    SecurityGroup,
    /// A subnet (any address in it; no security group).
    Subnet,
    /// One IPv4 address that no interface in the snapshot has (no security group).
    Address,
    /// A CIDR block (no security group).
    Cidr,
    /// Every public address, or a public address or block outside the VPCs read.
    Internet,
}

/// An endpoint as resolved, for the JSON answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Endpoint {
    /// What was written.
    pub input: String,
    /// What it is.
    pub kind: EndpointKind,
    /// Its id (`i-…`, `eni-…`, the DB identifier, the load balancer's ARN, `sg-…`, `subnet-…`).
    pub id: Option<String>,
    /// Its name (`Name` tag, group name, load balancer name).
    pub name: Option<String>,
    /// Its VPC.
    pub vpc: Option<String>,
    /// The subnets it may be in.
    pub subnets: Vec<String>,
    /// The addresses it may use, as CIDR blocks.
    pub addresses: Vec<String>,
    /// Its security groups (none known for a subnet, address or CIDR block).
    pub security_groups: Vec<String>,
    /// Its public address, or how it gets one.
    pub public_ip: Option<String>,
}

/// Which end of the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    From,
    To,
}

impl Side {
    pub(crate) fn flag(self) -> &'static str {
        match self {
            Side::From => "--from",
            Side::To => "--to",
        }
    }

    pub(crate) fn subnet_flag(self) -> &'static str {
        match self {
            Side::From => "--from-subnet",
            Side::To => "--to-subnet",
        }
    }
}

/// The security groups of a placement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Groups {
    /// These groups filter its traffic.
    Known(Vec<String>),
    /// Nothing says which groups it will have (a subnet, an address): the hops list the groups
    /// that would let the traffic through.
    Unknown,
    /// Nothing filters it (the internet; a network load balancer without groups).
    NotFiltered,
}

/// Whether a placement has a public address, with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Public {
    Yes(Localized),
    No(Localized),
}

/// One place an endpoint's traffic may start or end.
#[derive(Debug, Clone)]
pub(crate) struct Placement<'s> {
    /// Its VPC and subnet; none outside every VPC (the internet).
    pub(crate) at: Option<(&'s Vpc, &'s Subnet)>,
    /// The addresses it may use.
    pub(crate) addrs: Ranges,
    pub(crate) groups: Groups,
    pub(crate) public: Public,
}

impl Placement<'_> {
    pub(crate) fn is_outside(&self) -> bool {
        self.at.is_none()
    }
}

/// An endpoint and its placements.
pub(crate) struct Resolved<'s> {
    pub(crate) endpoint: Endpoint,
    pub(crate) placements: Vec<Placement<'s>>,
}

fn unknown(side: Side, input: &str, why: Localized) -> ReachError {
    ReachError::UnknownEndpoint { flag: side.flag(), input: input.to_owned(), why }
}

fn endpoint(input: &str, kind: EndpointKind) -> Endpoint {
    Endpoint {
        input: input.to_owned(),
        kind,
        id: None,
        name: None,
        vpc: None,
        subnets: Vec::new(),
        addresses: Vec::new(),
        security_groups: Vec::new(),
        public_ip: None,
    }
}

fn subnet_public(subnet: &Subnet) -> Public {
    if subnet.map_public_ip_on_launch {
        Public::Yes(msg!("reach-public-subnet-gives-ip", subnet = &subnet.id))
    } else {
        Public::No(msg!("reach-public-subnet-gives-no-ip", subnet = &subnet.id))
    }
}

fn ip_public(ip: Option<&str>, what: &str) -> Public {
    match ip {
        Some(ip) => Public::Yes(msg!("reach-public-ip", ip = ip)),
        None => Public::No(msg!("reach-public-no-ip", what = what)),
    }
}

/// Something a name could mean, for the ambiguity message.
struct Candidate {
    label: String,
    pick: Pick,
}

#[derive(Clone)]
enum Pick {
    Instance(String),
    Interface(String),
    Db(String),
    Lb(String),
    Group(String),
    Subnet(String),
}

/// Resolves one endpoint; `subnet_hint` is `--from-subnet` / `--to-subnet`.
pub(crate) fn resolve<'s>(
    net: &Net<'s>,
    input: &str,
    subnet_hint: Option<&str>,
    side: Side,
) -> Result<Resolved<'s>, ReachError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(unknown(side, input, msg!("reach-empty")));
    }
    let pick = if text.eq_ignore_ascii_case("internet") || text == "0.0.0.0/0" {
        return only_without_hint(internet(input), subnet_hint, side);
    } else if text.starts_with(|c: char| c.is_ascii_digit()) && parse_net(text).is_some() {
        return address(net, input, text, subnet_hint, side);
    } else if let Some(pick) = by_id(net, text)? {
        pick
    } else {
        by_name(net, input, text, side)?
    };
    build(net, input, pick, subnet_hint, side)
}

fn only_without_hint<'s>(
    resolved: Resolved<'s>,
    hint: Option<&str>,
    side: Side,
) -> Result<Resolved<'s>, ReachError> {
    match hint {
        Some(h) => Err(ReachError::BadQuestion(msg!(
            "reach-hint-not-placed",
            subnet_flag = side.subnet_flag(),
            hint = h,
            flag = side.flag(),
            input = &resolved.endpoint.input
        ))),
        None => Ok(resolved),
    }
}

fn internet<'s>(input: &str) -> Resolved<'s> {
    let mut e = endpoint(input, EndpointKind::Internet);
    e.addresses = vec!["0.0.0.0/0".to_owned()];
    Resolved {
        endpoint: e,
        placements: vec![Placement {
            at: None,
            addrs: Ranges::internet(),
            groups: Groups::NotFiltered,
            public: Public::Yes(msg!("reach-public-internet")),
        }],
    }
}

/// An id: `i-`, `eni-`, `sg-`, `subnet-`, a load balancer ARN, an RDS identifier or a load
/// balancer name. `None` when the text is not an id of anything (it may be a `Name` tag).
fn by_id(net: &Net<'_>, text: &str) -> Result<Option<Pick>, ReachError> {
    let snap = net.snap;
    let prefixed = |p: &str| text.starts_with(p) && text.len() > p.len();
    if prefixed("i-") {
        need(snap, ResourceKind::Ec2Instances)?;
        if snap.ec2_instances.iter().any(|i| i.id == text) {
            return Ok(Some(Pick::Instance(text.to_owned())));
        }
    } else if prefixed("eni-") {
        need(snap, ResourceKind::NetworkInterfaces)?;
        if snap.network_interfaces.iter().any(|n| n.id == text) {
            return Ok(Some(Pick::Interface(text.to_owned())));
        }
    } else if prefixed("sg-") {
        if net.group(text).is_some() {
            return Ok(Some(Pick::Group(text.to_owned())));
        }
    } else if prefixed("subnet-") {
        if net.subnet(text).is_some() {
            return Ok(Some(Pick::Subnet(text.to_owned())));
        }
    } else if text.starts_with("arn:") && text.contains(":elasticloadbalancing:") {
        need(snap, ResourceKind::LoadBalancers)?;
        return match snap.load_balancers.iter().find(|l| l.arn == text) {
            Some(lb) => Ok(Some(Pick::Lb(lb.arn.clone()))),
            None => Ok(None),
        };
    }
    Ok(None)
}

/// Everything whose name is `text`: RDS identifiers, load balancer names, `Name` tags of
/// instances, subnets and security groups, and security group names. A candidate is labelled by
/// its id (which says its kind: `i-`, `sg-`, `subnet-`, an ARN) so the list reads the same in
/// every language.
fn by_name(net: &Net<'_>, input: &str, text: &str, side: Side) -> Result<Pick, ReachError> {
    let snap = net.snap;
    for kind in [
        ResourceKind::Ec2Instances,
        ResourceKind::DbInstances,
        ResourceKind::LoadBalancers,
        ResourceKind::NetworkInterfaces,
    ] {
        need(snap, kind)?;
    }
    let mut found: Vec<Candidate> = Vec::new();
    for i in snap.ec2_instances.iter().filter(|i| live_instance(&i.state)) {
        if i.tags.get("Name").is_some_and(|n| n == text) {
            found.push(Candidate { label: format!("{} ({text})", i.id), pick: Pick::Instance(i.id.clone()) });
        }
    }
    for d in snap.db_instances.iter().filter(|d| d.id == text) {
        found.push(Candidate { label: format!("RDS {}", d.id), pick: Pick::Db(d.id.clone()) });
    }
    for l in snap.load_balancers.iter().filter(|l| l.name == text) {
        found.push(Candidate { label: format!("{} ({})", l.name, l.arn), pick: Pick::Lb(l.arn.clone()) });
    }
    for s in snap.subnets.iter().filter(|s| s.name() == Some(text)) {
        found.push(Candidate { label: format!("{} ({text})", s.id), pick: Pick::Subnet(s.id.clone()) });
    }
    for g in snap.security_groups.iter().filter(|g| g.name == text || g.name_tag() == Some(text)) {
        found.push(Candidate {
            label: format!("{} ({}, {})", g.id, g.name, g.vpc_id),
            pick: Pick::Group(g.id.clone()),
        });
    }
    match found.len() {
        0 => Err(unknown(side, input, msg!("reach-names-nothing"))),
        1 => Ok(found.remove(0).pick),
        _ => Err(ReachError::Ambiguous {
            flag: side.flag(),
            input: input.to_owned(),
            candidates: found.into_iter().map(|c| c.label).collect(),
        }),
    }
}

fn live_instance(state: &str) -> bool {
    !matches!(state, "terminated" | "shutting-down")
}

/// An IPv4 address or CIDR block: an interface that has it, else the subnet that holds it, else
/// a public address outside the VPCs.
fn address<'s>(
    net: &Net<'s>,
    input: &str,
    text: &str,
    hint: Option<&str>,
    side: Side,
) -> Result<Resolved<'s>, ReachError> {
    let block = parse_net(text).expect("checked by the caller");
    let addrs = Ranges::net(block);
    let snap = net.snap;
    if block.prefix_len() == 32 {
        need(snap, ResourceKind::Ec2Instances)?;
        need(snap, ResourceKind::NetworkInterfaces)?;
        let ip = block.addr().to_string();
        let mut owners: Vec<Candidate> = Vec::new();
        for i in snap.ec2_instances.iter().filter(|i| live_instance(&i.state)) {
            if i.private_ip.as_deref() == Some(&ip) || i.public_ip.as_deref() == Some(&ip) {
                owners.push(Candidate { label: i.id.clone(), pick: Pick::Instance(i.id.clone()) });
            }
        }
        for n in snap.network_interfaces.iter() {
            let attached_to_listed = n
                .instance_id
                .as_ref()
                .is_some_and(|i| owners.iter().any(|c| matches!(&c.pick, Pick::Instance(id) if id == i)));
            if !attached_to_listed
                && (n.private_ip.as_deref() == Some(&ip) || n.public_ip.as_deref() == Some(&ip))
            {
                owners.push(Candidate { label: n.id.clone(), pick: Pick::Interface(n.id.clone()) });
            }
        }
        match owners.len() {
            0 => {}
            1 => {
                let mut resolved = build(net, input, owners.remove(0).pick, hint, side)?;
                resolved.endpoint.input = input.to_owned();
                return Ok(resolved);
            }
            _ => {
                return Err(ReachError::Ambiguous {
                    flag: side.flag(),
                    input: input.to_owned(),
                    candidates: owners.into_iter().map(|c| c.label).collect(),
                });
            }
        }
    }
    let holders: Vec<&Subnet> = snap
        .subnets
        .iter()
        .filter(|s| Ranges::parse_net(&s.cidr).is_some_and(|r| r.covers(&addrs)))
        .collect();
    match holders.as_slice() {
        [subnet] => {
            let subnet = *subnet;
            let vpc = net.vpc(&subnet.vpc_id).ok_or_else(|| {
                unknown(side, input, msg!("reach-vpc-not-in-snapshot", vpc = &subnet.vpc_id))
            })?;
            let whole = parse_net(&subnet.cidr) == Some(block);
            let kind = if whole {
                EndpointKind::Subnet
            } else if block.prefix_len() == 32 {
                EndpointKind::Address
            } else {
                EndpointKind::Cidr
            };
            let mut e = endpoint(input, kind);
            e.id = whole.then(|| subnet.id.clone());
            e.name = subnet.name().map(str::to_owned);
            e.vpc = Some(vpc.id.clone());
            e.subnets = vec![subnet.id.clone()];
            e.addresses = vec![block.to_string()];
            let resolved = Resolved {
                endpoint: e,
                placements: vec![Placement {
                    at: Some((vpc, subnet)),
                    addrs,
                    groups: Groups::Unknown,
                    public: subnet_public(subnet),
                }],
            };
            only_without_hint(resolved, hint, side)
        }
        [] if Ranges::internet().covers(&addrs) => {
            let mut e = endpoint(input, EndpointKind::Internet);
            e.addresses = vec![block.to_string()];
            let resolved = Resolved {
                endpoint: e,
                placements: vec![Placement {
                    at: None,
                    addrs,
                    groups: Groups::NotFiltered,
                    public: Public::Yes(msg!("reach-public-address")),
                }],
            };
            only_without_hint(resolved, hint, side)
        }
        [] => {
            // A block wider than any one subnet (a VPC's whole range) is not "in no subnet":
            // say which subnets it spans, so the learner can ask about one of them.
            let spanned: Vec<&Subnet> = snap
                .subnets
                .iter()
                .filter(|s| Ranges::parse_net(&s.cidr).is_some_and(|r| r.meets(&addrs)))
                .collect();
            if spanned.is_empty() {
                return Err(unknown(side, input, msg!("reach-address-in-no-subnet")));
            }
            let named: Vec<String> = spanned
                .iter()
                .take(6)
                .map(|s| match s.name() {
                    Some(n) => format!("{} {} `{n}`", s.id, s.cidr),
                    None => format!("{} {}", s.id, s.cidr),
                })
                .chain((spanned.len() > 6).then(|| "…".to_owned()))
                .collect();
            Err(unknown(side, input, msg!("reach-block-spans-subnets", subnets = named.join(", "))))
        }
        many => Err(ReachError::Ambiguous {
            flag: side.flag(),
            input: input.to_owned(),
            candidates: many
                .iter()
                .map(|s| format!("subnet {} ({} in {})", s.id, s.cidr, s.vpc_id))
                .collect(),
        }),
    }
}

/// The subnet `hint` names among `allowed`: its id, `Name` tag or CIDR block.
fn hinted_subnet<'s>(
    allowed: &[&'s Subnet],
    hint: &str,
    side: Side,
    owner: &str,
) -> Result<&'s Subnet, ReachError> {
    let h = hint.trim();
    let as_cidr = parse_net(h).map(|n| n.to_string());
    let matches: Vec<&Subnet> = allowed
        .iter()
        .copied()
        .filter(|s| s.id == h || s.name() == Some(h) || Some(&s.cidr) == as_cidr.as_ref() || s.cidr == h)
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(ReachError::UnknownEndpoint {
            flag: side.subnet_flag(),
            input: hint.to_owned(),
            why: msg!(
                "reach-not-a-subnet-of",
                owner = owner,
                subnets = allowed.iter().map(|s| describe_subnet(s)).collect::<Vec<_>>().join(", ")
            ),
        }),
        many => Err(ReachError::Ambiguous {
            flag: side.subnet_flag(),
            input: hint.to_owned(),
            candidates: many.iter().map(|s| describe_subnet(s)).collect(),
        }),
    }
}

fn describe_subnet(s: &Subnet) -> String {
    match s.name() {
        Some(n) => format!("{} ({n}, {})", s.id, s.cidr),
        None => format!("{} ({})", s.id, s.cidr),
    }
}

/// The endpoint for what was picked, with its placements.
fn build<'s>(
    net: &Net<'s>,
    input: &str,
    pick: Pick,
    hint: Option<&str>,
    side: Side,
) -> Result<Resolved<'s>, ReachError> {
    let snap = net.snap;
    let located = |subnet_id: Option<&str>, what: &str| -> Result<(&'s Vpc, &'s Subnet), ReachError> {
        let id = subnet_id.ok_or_else(|| unknown(side, input, msg!("reach-in-no-subnet", what = what)))?;
        let subnet = net
            .subnet(id)
            .ok_or_else(|| unknown(side, input, msg!("reach-subnet-not-in-snapshot", subnet = id)))?;
        let vpc = net
            .vpc(&subnet.vpc_id)
            .ok_or_else(|| unknown(side, input, msg!("reach-vpc-not-in-snapshot", vpc = &subnet.vpc_id)))?;
        Ok((vpc, subnet))
    };
    let one_address = |ip: Option<&str>, subnet: &Subnet| {
        ip.and_then(parse_net)
            .map(Ranges::net)
            .or_else(|| Ranges::parse_net(&subnet.cidr))
            .unwrap_or_default()
    };
    match pick {
        Pick::Instance(id) => {
            let i = snap.ec2_instances.iter().find(|i| i.id == id).expect("picked from the snapshot");
            let (vpc, subnet) = located(i.subnet_id.as_deref(), &id)?;
            let mut e = endpoint(input, EndpointKind::Instance);
            e.id = Some(i.id.clone());
            e.name = i.tags.get("Name").cloned();
            e.vpc = Some(vpc.id.clone());
            e.subnets = vec![subnet.id.clone()];
            let addrs = one_address(i.private_ip.as_deref(), subnet);
            e.addresses = addrs.to_cidrs().iter().map(ToString::to_string).collect();
            e.security_groups = i.security_groups.clone();
            e.public_ip = i.public_ip.clone();
            let placement = Placement {
                at: Some((vpc, subnet)),
                addrs,
                groups: Groups::Known(i.security_groups.clone()),
                public: ip_public(i.public_ip.as_deref(), &i.id),
            };
            only_without_hint(Resolved { endpoint: e, placements: vec![placement] }, hint, side)
        }
        Pick::Interface(id) => {
            let n = snap.network_interfaces.iter().find(|n| n.id == id).expect("picked from the snapshot");
            let (vpc, subnet) = located(Some(&n.subnet_id), &id)?;
            let mut e = endpoint(input, EndpointKind::NetworkInterface);
            e.id = Some(n.id.clone());
            e.vpc = Some(vpc.id.clone());
            e.subnets = vec![subnet.id.clone()];
            let addrs = one_address(n.private_ip.as_deref(), subnet);
            e.addresses = addrs.to_cidrs().iter().map(ToString::to_string).collect();
            e.security_groups = n.security_groups.clone();
            e.public_ip = n.public_ip.clone();
            let placement = Placement {
                at: Some((vpc, subnet)),
                addrs,
                groups: Groups::Known(n.security_groups.clone()),
                public: ip_public(n.public_ip.as_deref(), &n.id),
            };
            only_without_hint(Resolved { endpoint: e, placements: vec![placement] }, hint, side)
        }
        Pick::Db(id) => {
            need(snap, ResourceKind::DbSubnetGroups)?;
            let d = snap.db_instances.iter().find(|d| d.id == id).expect("picked from the snapshot");
            let group_name = d
                .subnet_group
                .as_deref()
                .ok_or_else(|| unknown(side, input, msg!("reach-no-db-subnet-group")))?;
            let group = snap.db_subnet_groups.iter().find(|g| g.name == group_name).ok_or_else(|| {
                unknown(side, input, msg!("reach-db-subnet-group-missing", group = group_name))
            })?;
            let mut subnets: Vec<&Subnet> = group.subnets.iter().filter_map(|s| net.subnet(&s.id)).collect();
            if let Some(h) = hint {
                subnets = vec![hinted_subnet(&subnets, h, side, &id)?];
            }
            if subnets.is_empty() {
                return Err(unknown(side, input, msg!("reach-db-subnets-missing", group = group_name)));
            }
            let vpc = net.vpc(&subnets[0].vpc_id).ok_or_else(|| {
                unknown(side, input, msg!("reach-vpc-not-in-snapshot", vpc = &subnets[0].vpc_id))
            })?;
            let public = if d.publicly_accessible {
                Public::Yes(msg!("reach-public-db-accessible", id = &id))
            } else {
                Public::No(msg!("reach-public-db-not-accessible", id = &id))
            };
            let mut e = endpoint(input, EndpointKind::RdsInstance);
            e.id = Some(d.id.clone());
            e.name = Some(d.id.clone());
            e.vpc = Some(vpc.id.clone());
            e.subnets = subnets.iter().map(|s| s.id.clone()).collect();
            e.addresses = subnets.iter().map(|s| s.cidr.clone()).collect();
            e.security_groups = d.security_groups.clone();
            e.public_ip = d.publicly_accessible.then(|| "publicly accessible".to_owned());
            let placements = subnets
                .iter()
                .map(|s| Placement {
                    at: Some((vpc, *s)),
                    addrs: Ranges::parse_net(&s.cidr).unwrap_or_default(),
                    groups: Groups::Known(d.security_groups.clone()),
                    public: public.clone(),
                })
                .collect();
            Ok(Resolved { endpoint: e, placements })
        }
        Pick::Lb(arn) => {
            let lb = snap.load_balancers.iter().find(|l| l.arn == arn).expect("picked from the snapshot");
            let mut subnets: Vec<&Subnet> =
                lb.subnets.iter().filter_map(|s| net.subnet(&s.subnet_id)).collect();
            if let Some(h) = hint {
                subnets = vec![hinted_subnet(&subnets, h, side, &lb.name)?];
            }
            if subnets.is_empty() {
                return Err(unknown(side, input, msg!("reach-lb-subnets-missing")));
            }
            let vpc = net.vpc(&subnets[0].vpc_id).ok_or_else(|| {
                unknown(side, input, msg!("reach-vpc-not-in-snapshot", vpc = &subnets[0].vpc_id))
            })?;
            // AWS's default scheme is internet-facing (an emulator may leave it unset).
            let internet_facing = lb.scheme.is_empty() || lb.scheme == "internet-facing";
            let public = if internet_facing {
                Public::Yes(msg!("reach-public-lb-internet-facing", name = &lb.name))
            } else {
                Public::No(msg!("reach-public-lb-internal", name = &lb.name))
            };
            // A network load balancer without security groups does not filter.
            let groups = if lb.security_groups.is_empty() && lb.lb_type == "network" {
                Groups::NotFiltered
            } else {
                Groups::Known(lb.security_groups.clone())
            };
            // Its nodes' addresses when their interfaces were read, else the whole subnet.
            let node_marker = format!("/{}/", lb.name);
            let nodes = |s: &Subnet| -> Ranges {
                let ips: Vec<Ranges> = snap
                    .network_interfaces
                    .iter()
                    .filter(|n| {
                        n.subnet_id == s.id
                            && n.description.starts_with("ELB ")
                            && n.description.contains(&node_marker)
                    })
                    .filter_map(|n| n.private_ip.as_deref().and_then(parse_net).map(Ranges::net))
                    .collect();
                if ips.is_empty() {
                    Ranges::parse_net(&s.cidr).unwrap_or_default()
                } else {
                    Ranges::union_all(ips.iter())
                }
            };
            let placements: Vec<Placement<'s>> = subnets
                .iter()
                .map(|s| Placement {
                    at: Some((vpc, *s)),
                    addrs: nodes(s),
                    groups: groups.clone(),
                    public: public.clone(),
                })
                .collect();
            let mut e = endpoint(input, EndpointKind::LoadBalancer);
            e.id = Some(lb.arn.clone());
            e.name = Some(lb.name.clone());
            e.vpc = Some(vpc.id.clone());
            e.subnets = subnets.iter().map(|s| s.id.clone()).collect();
            e.addresses = placements.iter().flat_map(|p| p.addrs.to_cidrs()).map(|c| c.to_string()).collect();
            e.security_groups = lb.security_groups.clone();
            e.public_ip = internet_facing.then(|| lb.dns_name.clone()).filter(|d| !d.is_empty());
            Ok(Resolved { endpoint: e, placements })
        }
        Pick::Group(id) => {
            let g = net.group(&id).expect("picked from the snapshot");
            let vpc = net
                .vpc(&g.vpc_id)
                .ok_or_else(|| unknown(side, input, msg!("reach-vpc-not-in-snapshot", vpc = &g.vpc_id)))?;
            let subnets = net.subnets_of(&vpc.id);
            let subnet = match hint {
                Some(h) => hinted_subnet(&subnets, h, side, &id)?,
                None => match subnets.as_slice() {
                    [one] => *one,
                    [] => return Err(unknown(side, input, msg!("reach-vpc-has-no-subnet", vpc = &vpc.id))),
                    many => {
                        return Err(ReachError::BadQuestion(msg!(
                            "reach-group-needs-subnet",
                            flag = side.flag(),
                            input = input,
                            vpc = &vpc.id,
                            count = many.len(),
                            subnet_flag = side.subnet_flag(),
                            subnets = many.iter().map(|s| describe_subnet(s)).collect::<Vec<_>>().join(", ")
                        )));
                    }
                },
            };
            let mut e = endpoint(input, EndpointKind::SecurityGroup);
            e.id = Some(g.id.clone());
            e.name = Some(g.name.clone());
            e.vpc = Some(vpc.id.clone());
            e.subnets = vec![subnet.id.clone()];
            e.addresses = vec![subnet.cidr.clone()];
            e.security_groups = vec![g.id.clone()];
            let public = subnet_public(subnet);
            e.public_ip = matches!(public, Public::Yes(_)).then(|| "assigned at launch".to_owned());
            let placement = Placement {
                at: Some((vpc, subnet)),
                addrs: Ranges::parse_net(&subnet.cidr).unwrap_or_default(),
                groups: Groups::Known(vec![g.id.clone()]),
                public,
            };
            Ok(Resolved { endpoint: e, placements: vec![placement] })
        }
        Pick::Subnet(id) => {
            let subnet = net.subnet(&id).expect("picked from the snapshot");
            let vpc = net.vpc(&subnet.vpc_id).ok_or_else(|| {
                unknown(side, input, msg!("reach-vpc-not-in-snapshot", vpc = &subnet.vpc_id))
            })?;
            let mut e = endpoint(input, EndpointKind::Subnet);
            e.id = Some(subnet.id.clone());
            e.name = subnet.name().map(str::to_owned);
            e.vpc = Some(vpc.id.clone());
            e.subnets = vec![subnet.id.clone()];
            e.addresses = vec![subnet.cidr.clone()];
            let placement = Placement {
                at: Some((vpc, subnet)),
                addrs: Ranges::parse_net(&subnet.cidr).unwrap_or_default(),
                groups: Groups::Unknown,
                public: subnet_public(subnet),
            };
            only_without_hint(Resolved { endpoint: e, placements: vec![placement] }, hint, side)
        }
    }
}

/// Something `--from` / `--to` can name, for a picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct EndpointChoice {
    /// What to pass as `--from` / `--to`.
    pub value: String,
    /// What it is.
    pub kind: EndpointKind,
    /// How to show it: `i-… (was-1)`, `sg-… (db-sg) · vpc-…`.
    pub label: String,
    /// The subnets it may be placed in with `--from-subnet` / `--to-subnet` (a security
    /// group: its VPC's; a database or load balancer: its own), empty when there is no choice.
    pub subnets: Vec<String>,
}

/// Everything in `snapshot` a question can name: instances, databases, load balancers, security
/// groups, subnets, and the internet. Kinds the snapshot lacks are left out.
pub fn endpoint_choices(snapshot: &crate::snapshot::Snapshot) -> Vec<EndpointChoice> {
    let named = |id: &str, name: Option<&str>| match name {
        Some(n) if n != id => format!("{id} ({n})"),
        _ => id.to_owned(),
    };
    let mut out = Vec::new();
    for i in snapshot.ec2_instances.iter().filter(|i| live_instance(&i.state) && i.subnet_id.is_some()) {
        out.push(EndpointChoice {
            value: i.id.clone(),
            kind: EndpointKind::Instance,
            label: named(&i.id, i.tags.get("Name").map(String::as_str)),
            subnets: Vec::new(),
        });
    }
    for d in snapshot.db_instances.iter() {
        let subnets = snapshot
            .db_subnet_groups
            .iter()
            .find(|g| Some(&g.name) == d.subnet_group.as_ref())
            .map(|g| g.subnets.iter().map(|s| s.id.clone()).collect())
            .unwrap_or_default();
        out.push(EndpointChoice {
            value: d.id.clone(),
            kind: EndpointKind::RdsInstance,
            label: d.id.clone(),
            subnets,
        });
    }
    for l in snapshot.load_balancers.iter() {
        out.push(EndpointChoice {
            value: l.arn.clone(),
            kind: EndpointKind::LoadBalancer,
            label: l.name.clone(),
            subnets: l.subnets.iter().map(|s| s.subnet_id.clone()).collect(),
        });
    }
    for g in snapshot.security_groups.iter() {
        let subnets: Vec<String> =
            snapshot.subnets.iter().filter(|s| s.vpc_id == g.vpc_id).map(|s| s.id.clone()).collect();
        out.push(EndpointChoice {
            value: g.id.clone(),
            kind: EndpointKind::SecurityGroup,
            label: format!("{} · {}", named(&g.id, Some(g.name.as_str())), g.vpc_id),
            subnets: if subnets.len() > 1 { subnets } else { Vec::new() },
        });
    }
    for s in snapshot.subnets.iter() {
        out.push(EndpointChoice {
            value: s.id.clone(),
            kind: EndpointKind::Subnet,
            label: format!("{} · {}", named(&s.id, s.name()), s.cidr),
            subnets: Vec::new(),
        });
    }
    out.push(EndpointChoice {
        value: "internet".into(),
        kind: EndpointKind::Internet,
        label: "internet".into(),
        subnets: Vec::new(),
    });
    out
}
