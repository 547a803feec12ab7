//! The evaluator against a brute force (proptest): random small networks — VPCs that may
//! overlap, peerings in any state, internet gateways attached or not, NAT gateways public or
//! private, available or not, route tables with peering, internet and NAT routes, blackholes and
//! more specific routes, network ACLs with numbered allow and deny rules, security groups with
//! CIDR, prefix-list and group sources, public addresses or none — and a random question
//! between instances or security groups placed in subnets, or between one of them and the
//! internet (an address on it, or all of it), either way. The brute force knows nothing of sets or cells: it walks every concrete
//! packet, one source address and destination address at a time, and every reply to each
//! ephemeral port where some rule's range starts or ends, through plain loops over the
//! snapshot. The two must agree on whether the path is open and on the first hop that blocks.
//!
//! Runs with a fixed seed in `make test`; `make fuzz` (or `PROPTEST_RNG_SEED=… PROPTEST_CASES=…`)
//! explores further.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

use super::super::*;
use crate::snapshot::*;

/// Cases in `make test`: enough that every leg of the walk is reached (checked below); about a
/// second.
const CASES: u32 = 8000;
const SEED: u64 = 0x0018_a11f;

fn config() -> ProptestConfig {
    let base = ProptestConfig::default();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() { base.cases } else { CASES },
        rng_seed: if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
            base.rng_seed
        } else {
            RngSeed::Fixed(SEED)
        },
        failure_persistence: None,
        ..base
    }
}

/// Reads decisions from the fuzzer's bytes (0 once they run out, and 0 is always the plain
/// choice: a peering made and active, routes to it, rules that let traffic through), so
/// shrinking the bytes shrinks the network towards one where everything is open.
struct Dice<'a>(std::slice::Iter<'a, u8>);

impl Dice<'_> {
    fn roll(&mut self, n: usize) -> usize {
        self.0.next().map_or(0, |b| usize::from(*b) % n.max(1))
    }

    fn pick<'p, T>(&mut self, items: &'p [T]) -> &'p T {
        &items[self.roll(items.len())]
    }
}

/// A place traffic starts or ends: a subnet, its addresses (every one is walked), its groups,
/// whether it has a public address. The internet is in no VPC (`vpc` empty); its addresses are
/// one inside and one outside the only public block rules name, which stand for all of them.
#[derive(Debug, Clone)]
struct Place {
    vpc: String,
    subnet: String,
    ips: Vec<u32>,
    groups: Vec<String>,
    public: bool,
}

/// The one public block that rules and routes name.
const PUBLIC_BLOCK: &str = "52.78.0.0/16";
const ON_THE_INTERNET: [Ipv4Addr; 2] = [Ipv4Addr::new(52, 78, 10, 20), Ipv4Addr::new(8, 8, 8, 8)];

fn internet_place(ips: &[Ipv4Addr]) -> Place {
    Place {
        vpc: String::new(),
        subnet: String::new(),
        ips: ips.iter().map(|&a| u32::from(a)).collect(),
        groups: vec![],
        public: true,
    }
}

/// A random network and a question in it.
#[derive(Debug)]
struct Case {
    snap: Snapshot,
    question: Question,
    from: Place,
    to: Place,
}

fn ipn(text: &str) -> Ipv4Net {
    text.parse().unwrap()
}

fn tags() -> Tags {
    Tags::new()
}

fn build(bytes: &[u8]) -> Case {
    let mut d = Dice(bytes.iter());
    let mut snap = Snapshot::all_read_and_empty();
    let vpc_count = 2 + d.roll(2);
    let mut vpcs: Vec<(String, String)> = Vec::new();
    for i in 0..vpc_count {
        // The third VPC sometimes overlaps the first.
        let cidr = if i == 2 && d.roll(3) == 0 { "10.0.0.0/16".to_owned() } else { format!("10.{i}.0.0/16") };
        let id = format!("vpc-{i}");
        snap.vpcs.items_mut().unwrap().push(Vpc {
            id: id.clone(),
            cidr: cidr.clone(),
            secondary_cidrs: vec![],
            is_default: false,
            state: "available".into(),
            tags: tags(),
        });
        vpcs.push((id, cidr));
    }
    let mut peerings: Vec<String> = Vec::new();
    for a in 0..vpc_count {
        for b in a + 1..vpc_count {
            if d.roll(4) == 3 {
                continue;
            }
            let status = *d.pick(&["active", "active", "active", "pending-acceptance", "deleted"]);
            let id = format!("pcx-{a}{b}");
            let side = |i: usize| PeeringSide {
                vpc_id: vpcs[i].0.clone(),
                owner_id: None,
                region: None,
                cidrs: vec![vpcs[i].1.clone()],
            };
            snap.peering_connections.items_mut().unwrap().push(PeeringConnection {
                id: id.clone(),
                status: status.into(),
                status_message: None,
                requester: side(a),
                accepter: side(b),
                tags: tags(),
            });
            peerings.push(id);
        }
    }
    // Subnets: /28s, so every address can be walked.
    let mut subnets: Vec<(String, String, String)> = Vec::new();
    for (i, (vpc, cidr)) in vpcs.iter().enumerate() {
        let second = cidr.split('.').nth(1).unwrap().to_owned();
        for k in 1..=2 + d.roll(2) {
            let id = format!("subnet-{i}{k}");
            let block = format!("10.{second}.{k}.0/28");
            snap.subnets.items_mut().unwrap().push(Subnet {
                id: id.clone(),
                vpc_id: vpc.clone(),
                cidr: block.clone(),
                availability_zone: "ap-northeast-2a".into(),
                map_public_ip_on_launch: d.roll(3) == 0,
                tags: tags(),
            });
            subnets.push((id, vpc.clone(), block));
        }
    }
    // Internet gateways: attached, detached, or none; NAT gateways in one of the VPC's subnets.
    for (i, (vpc, _)) in vpcs.iter().enumerate() {
        let attachments = match d.roll(8) {
            0..=5 => vec![IgwAttachment { vpc_id: vpc.clone(), state: "available".into() }],
            6 => vec![],
            _ => continue,
        };
        snap.internet_gateways.items_mut().unwrap().push(InternetGateway {
            id: format!("igw-{i}"),
            attachments,
            tags: tags(),
        });
    }
    for (i, (vpc, _)) in vpcs.iter().enumerate() {
        if d.roll(3) == 2 {
            continue;
        }
        let own: Vec<&(String, String, String)> = subnets.iter().filter(|(_, v, _)| v == vpc).collect();
        let (subnet, _, block) = *d.pick(&own);
        let public = d.roll(6) != 5;
        snap.nat_gateways.items_mut().unwrap().push(NatGateway {
            id: format!("nat-{i}"),
            vpc_id: vpc.clone(),
            subnet_id: subnet.clone(),
            state: if d.roll(6) == 5 { "pending" } else { "available" }.into(),
            connectivity: if public { "public" } else { "private" }.into(),
            addresses: vec![NatGatewayAddress {
                allocation_id: None,
                public_ip: public.then(|| format!("3.34.0.{i}")),
                private_ip: Some(Ipv4Addr::from(u32::from(ipn(block).network()) + 9).to_string()),
            }],
            created_at: None,
            tags: tags(),
        });
    }
    let mut blocks: Vec<String> = vec!["0.0.0.0/0".into(), PUBLIC_BLOCK.into()];
    blocks.extend(vpcs.iter().map(|(_, c)| c.clone()));
    for (_, _, b) in &subnets {
        blocks.push(b.clone());
        let quarter = ipn(b).network();
        blocks.push(format!("{}/30", Ipv4Addr::from(u32::from(quarter) + 4)));
    }
    snap.managed_prefix_lists.items_mut().unwrap().push(ManagedPrefixList {
        id: "pl-1".into(),
        name: "some-blocks".into(),
        address_family: "IPv4".into(),
        owner_id: "123456789012".into(),
        cidrs: (0..1 + d.roll(2)).map(|_| d.pick(&blocks[1..]).clone()).collect(),
        unreadable: None,
    });
    // Route tables: local, usually a route to each peered VPC, a default route to an internet
    // gateway (this VPC's or another's, attached or not) or this VPC's NAT gateway, plus random
    // peering routes, blackholes and more specific routes.
    for (id, vpc, _) in &subnets {
        let i = vpcs.iter().position(|(v, _)| v == vpc).unwrap();
        let cidr = vpcs[i].1.clone();
        let mut routes = vec![Route {
            destination: cidr,
            target: "local".into(),
            target_kind: RouteTargetKind::Local,
            state: "active".into(),
        }];
        // A NAT gateway's subnet is usually public (its default route to the internet gateway).
        let hosts_nat = snap.nat_gateways.iter().any(|n| &n.subnet_id == id);
        let default = match d.roll(7) {
            _ if hosts_nat && d.roll(8) != 7 => Some((format!("igw-{i}"), RouteTargetKind::InternetGateway)),
            0..=2 => Some((format!("igw-{i}"), RouteTargetKind::InternetGateway)),
            3 | 4 => Some((format!("nat-{i}"), RouteTargetKind::NatGateway)),
            5 => Some((format!("igw-{}", (i + 1) % vpc_count), RouteTargetKind::InternetGateway)),
            _ => None,
        };
        if let Some((target, target_kind)) = default {
            routes.push(Route {
                destination: "0.0.0.0/0".into(),
                target,
                target_kind,
                state: "active".into(),
            });
        }
        for p in snap.peering_connections.iter() {
            let other = if &p.requester.vpc_id == vpc {
                &p.accepter
            } else if &p.accepter.vpc_id == vpc {
                &p.requester
            } else {
                continue;
            };
            let dest = other.cidrs[0].clone();
            if d.roll(4) != 3 && !routes.iter().any(|r| r.destination == dest) {
                routes.push(Route {
                    destination: dest,
                    target: p.id.clone(),
                    target_kind: RouteTargetKind::Peering,
                    state: "active".into(),
                });
            }
        }
        for _ in 0..d.roll(4) {
            let dest = d.pick(&blocks).clone();
            if routes.iter().any(|r| r.destination == dest) {
                continue;
            }
            let (target, kind) = if peerings.is_empty() || d.roll(5) == 0 {
                ("nat-gone".to_owned(), RouteTargetKind::NatGateway)
            } else {
                (d.pick(&peerings).clone(), RouteTargetKind::Peering)
            };
            let state =
                if kind == RouteTargetKind::NatGateway || d.roll(8) == 0 { "blackhole" } else { "active" };
            routes.push(Route { destination: dest, target, target_kind: kind, state: state.into() });
        }
        snap.route_tables.items_mut().unwrap().push(RouteTable {
            id: format!("rtb-{}", &id[7..]),
            vpc_id: vpc.clone(),
            main: false,
            subnet_ids: vec![id.clone()],
            routes,
            tags: tags(),
        });
    }
    // Network ACLs: a few numbered rules each way, usually ending with an allow-all.
    let port_ranges: [Option<(i32, i32)>; 6] = [
        None,
        Some((3306, 3306)),
        Some((1024, 65535)),
        Some((0, 1023)),
        Some((32768, 60999)),
        Some((1024, 30000)),
    ];
    for (id, vpc, _) in &subnets {
        let mut entries = Vec::new();
        for egress in [false, true] {
            let mut numbers: Vec<i32> = Vec::new();
            for _ in 0..d.roll(4) {
                let n = *d.pick(&[50, 90, 100, 110, 200]);
                if numbers.contains(&n) {
                    continue;
                }
                numbers.push(n);
                entries.push(NaclEntry {
                    rule_number: n,
                    egress,
                    protocol: d.pick(&["6", "6", "17", "-1"]).to_string(),
                    action: d.pick(&["allow", "allow", "deny"]).to_string(),
                    cidr: Some(d.pick(&blocks).clone()),
                    ipv6_cidr: None,
                    from_port: None,
                    to_port: None,
                });
                let ports = *d.pick(&port_ranges);
                let last = entries.last_mut().unwrap();
                last.from_port = ports.map(|p| p.0);
                last.to_port = ports.map(|p| p.1);
            }
            if d.roll(5) != 4 {
                entries.push(NaclEntry {
                    rule_number: 1000,
                    egress,
                    protocol: "-1".into(),
                    action: "allow".into(),
                    cidr: Some("0.0.0.0/0".into()),
                    ipv6_cidr: None,
                    from_port: None,
                    to_port: None,
                });
            }
        }
        snap.network_acls.items_mut().unwrap().push(NetworkAcl {
            id: format!("acl-{}", &id[7..]),
            vpc_id: vpc.clone(),
            is_default: false,
            subnet_ids: vec![id.clone()],
            entries,
            tags: tags(),
        });
    }
    // Security groups: one or two per VPC.
    let mut groups: Vec<(String, String)> = Vec::new();
    for (i, (vpc, _)) in vpcs.iter().enumerate() {
        for j in 0..1 + d.roll(2) {
            groups.push((format!("sg-{i}{j}"), vpc.clone()));
        }
    }
    let group_ids: Vec<String> = groups.iter().map(|(g, _)| g.clone()).collect();
    let sg_ports: [(&str, Option<i32>, Option<i32>); 6] = [
        ("tcp", Some(3306), Some(3306)),
        ("tcp", Some(0), Some(1023)),
        ("tcp", Some(3000), Some(4000)),
        ("tcp", Some(80), Some(80)),
        ("udp", Some(0), Some(65535)),
        ("-1", None, None),
    ];
    let rule = |d: &mut Dice<'_>| {
        let (protocol, from_port, to_port) = *d.pick(&sg_ports);
        let source = match d.roll(4) {
            0 => RuleSource::Group(d.pick(&group_ids).clone()),
            1 => RuleSource::PrefixList("pl-1".into()),
            _ => RuleSource::Cidr(d.pick(&blocks).clone()),
        };
        SgRule { protocol: protocol.into(), from_port, to_port, source, peering: None }
    };
    for (id, vpc) in &groups {
        let mut ingress: Vec<SgRule> = Vec::new();
        if d.roll(4) != 3 {
            ingress.push(SgRule {
                protocol: "-1".into(),
                from_port: None,
                to_port: None,
                source: RuleSource::Cidr("10.0.0.0/8".into()),
                peering: None,
            });
        }
        ingress.extend((0..d.roll(4)).map(|_| rule(&mut d)));
        if d.roll(3) == 0 {
            // Open to the internet, or to the one public block rules name.
            let (protocol, from_port, to_port) = *d.pick(&sg_ports);
            let source = RuleSource::Cidr(d.pick(&["0.0.0.0/0", PUBLIC_BLOCK]).to_string());
            ingress.push(SgRule { protocol: protocol.into(), from_port, to_port, source, peering: None });
        }
        let egress = if d.roll(4) != 3 {
            vec![SgRule {
                protocol: "-1".into(),
                from_port: None,
                to_port: None,
                source: RuleSource::Cidr("0.0.0.0/0".into()),
                peering: None,
            }]
        } else {
            (0..d.roll(3)).map(|_| rule(&mut d)).collect()
        };
        snap.security_groups.items_mut().unwrap().push(SecurityGroup {
            id: id.clone(),
            name: id.clone(),
            vpc_id: vpc.clone(),
            description: String::new(),
            ingress,
            egress,
            tags: tags(),
        });
    }
    // Endpoints: an instance in every subnet, or a group placed in a subnet (all 16 addresses).
    let mut places: Vec<(String, Option<String>, Place)> = Vec::new();
    for (id, vpc, block) in &subnets {
        let own: Vec<String> = groups.iter().filter(|(_, v)| v == vpc).map(|(g, _)| g.clone()).collect();
        let mut mine = vec![d.pick(&own).clone()];
        if d.roll(3) == 0 {
            let other = d.pick(&own).clone();
            if !mine.contains(&other) {
                mine.push(other);
            }
        }
        let ip = u32::from(ipn(block).network()) + 5;
        let instance = format!("i-{}", &id[7..]);
        let public_ip = (d.roll(3) == 0).then(|| format!("3.35.0.{}", &id[7..]));
        let launches_public = snap.subnets.iter().any(|s| &s.id == id && s.map_public_ip_on_launch);
        snap.ec2_instances.items_mut().unwrap().push(Ec2Instance {
            id: instance.clone(),
            instance_type: "t3.micro".into(),
            state: "running".into(),
            vpc_id: Some(vpc.clone()),
            subnet_id: Some(id.clone()),
            private_ip: Some(Ipv4Addr::from(ip).to_string()),
            public_ip: public_ip.clone(),
            security_groups: mine.clone(),
            ..Ec2Instance::default()
        });
        places.push((
            instance,
            None,
            Place {
                vpc: vpc.clone(),
                subnet: id.clone(),
                ips: vec![ip],
                groups: mine,
                public: public_ip.is_some(),
            },
        ));
        let group = d.pick(&own).clone();
        let all: Vec<u32> = ipn(block)
            .hosts()
            .map(u32::from)
            .chain([u32::from(ipn(block).network()), u32::from(ipn(block).broadcast())])
            .collect();
        places.push((
            group.clone(),
            Some(id.clone()),
            Place {
                vpc: vpc.clone(),
                subnet: id.clone(),
                ips: all,
                groups: vec![group],
                public: launches_public,
            },
        ));
    }
    let (mut from_name, mut from_subnet, mut from) = d.pick(&places).clone();
    let (mut to_name, mut to_subnet, mut to) = d.pick(&places).clone();
    // Four questions in seven have the internet at one end: an address on it, or all of it.
    let address = ON_THE_INTERNET[0].to_string();
    let internet = match d.roll(7) {
        0 => Some((address.clone(), internet_place(&ON_THE_INTERNET[..1]), true)),
        1 => Some(("internet".to_owned(), internet_place(&ON_THE_INTERNET), true)),
        2 => Some((address, internet_place(&ON_THE_INTERNET[..1]), false)),
        3 => Some(("internet".to_owned(), internet_place(&ON_THE_INTERNET), false)),
        _ => None,
    };
    if let Some((name, place, outward)) = internet {
        if outward {
            (to_name, to_subnet, to) = (name, None, place);
        } else {
            (from_name, from_subnet, from) = (name, None, place);
        }
    }
    let question = Question {
        from: from_name,
        to: to_name,
        from_subnet,
        to_subnet,
        protocol: *d.pick(&[Protocol::Tcp, Protocol::Tcp, Protocol::Udp]),
        port: Some(*d.pick(&[3306, 80, 22, 3500])),
    };
    Case { snap, question, from, to }
}

// ---------------------------------------------------------------------------------------------
// The brute force: plain loops over concrete packets.

fn contains(block: &str, addr: u32) -> bool {
    block.parse::<Ipv4Net>().is_ok_and(|n| n.contains(&Ipv4Addr::from(addr)))
}

fn protocol_matches(rule: &str, protocol: &str) -> bool {
    rule == "-1"
        || rule == protocol
        || (rule == "6" && protocol == "tcp")
        || (rule == "17" && protocol == "udp")
}

fn active_peering(snap: &Snapshot, a: &str, b: &str) -> bool {
    snap.peering_connections.iter().any(|p| p.status == "active" && p.connects(a, b))
}

/// Whether one security group rule lets a packet of the other end (`addr`, `other`) through.
fn sg_rule_admits(
    snap: &Snapshot,
    owner: &SecurityGroup,
    rule: &SgRule,
    protocol: &str,
    port: u16,
    addr: u32,
    other: &Place,
) -> bool {
    if !protocol_matches(&rule.protocol, protocol) {
        return false;
    }
    let port = i32::from(port);
    if rule.protocol != "-1"
        && !(rule.from_port.unwrap_or(0) <= port && port <= rule.to_port.unwrap_or(65535))
    {
        return false;
    }
    match &rule.source {
        RuleSource::Cidr(c) => contains(c, addr),
        RuleSource::PrefixList(id) => snap
            .managed_prefix_lists
            .iter()
            .filter(|l| &l.id == id)
            .any(|l| l.cidrs.iter().any(|c| contains(c, addr))),
        RuleSource::Group(g) => {
            other.groups.contains(g)
                && (owner.vpc_id == other.vpc || active_peering(snap, &owner.vpc_id, &other.vpc))
        }
        RuleSource::Ipv6Cidr(_) => false,
    }
}

fn groups_admit(
    snap: &Snapshot,
    me: &Place,
    ingress: bool,
    protocol: &str,
    port: u16,
    addr: u32,
    other: &Place,
) -> bool {
    me.groups.iter().any(|id| {
        let g = snap.security_groups.iter().find(|g| &g.id == id).unwrap();
        let rules = if ingress { &g.ingress } else { &g.egress };
        rules.iter().any(|r| sg_rule_admits(snap, g, r, protocol, port, addr, other))
    })
}

fn acl_of<'s>(snap: &'s Snapshot, subnet: &str) -> &'s NetworkAcl {
    snap.network_acls.iter().find(|a| a.subnet_ids.iter().any(|s| s == subnet)).unwrap()
}

fn acl_allows(acl: &NetworkAcl, egress: bool, protocol: &str, addr: u32, port: u32) -> bool {
    let mut entries: Vec<&NaclEntry> = acl.entries.iter().filter(|e| e.egress == egress).collect();
    entries.sort_by_key(|e| e.rule_number);
    for e in entries {
        let in_ports = match (e.from_port, e.to_port) {
            (Some(a), Some(b)) if e.protocol != "-1" => a as u32 <= port && port <= b as u32,
            _ => true,
        };
        if protocol_matches(&e.protocol, protocol)
            && contains(e.cidr.as_deref().unwrap_or(""), addr)
            && in_ports
        {
            return e.action == "allow";
        }
    }
    false
}

fn table_of<'s>(snap: &'s Snapshot, subnet: &str) -> &'s RouteTable {
    snap.route_tables.iter().find(|t| t.subnet_ids.iter().any(|s| s == subnet)).unwrap()
}

/// The route for one address: the longest prefix that contains it.
fn route_of(table: &RouteTable, addr: u32) -> Option<&Route> {
    let mut best: Option<(&Route, u8)> = None;
    for r in &table.routes {
        let net: Ipv4Net = r.destination.parse().unwrap();
        if net.contains(&Ipv4Addr::from(addr)) && best.is_none_or(|(_, len)| net.prefix_len() > len) {
            best = Some((r, net.prefix_len()));
        }
    }
    best.map(|(r, _)| r)
}

/// Where a route takes an address that must reach `to_vpc`: `Ok(Some(peering))`, `Ok(None)` for
/// `local`, `Err` when it cannot get there.
fn routed<'s>(
    snap: &'s Snapshot,
    from_vpc: &str,
    to_vpc: &str,
    route: Option<&Route>,
) -> Result<Option<&'s PeeringConnection>, ()> {
    let route = route.ok_or(())?;
    match route.target_kind {
        RouteTargetKind::Local if from_vpc == to_vpc => Ok(None),
        RouteTargetKind::Peering => {
            let p = snap.peering_connections.iter().find(|p| p.id == route.target).ok_or(())?;
            if p.connects(from_vpc, to_vpc) { Ok(Some(p)) } else { Err(()) }
        }
        _ => Err(()),
    }
}

/// Where the brute force found the first packet stopped: what the evaluator must name, and
/// which of the walk's legs it was (for the coverage test).
#[derive(Debug, Clone, PartialEq)]
struct Block {
    leg: &'static str,
    component: Component,
    direction: Direction,
    resource: String,
}

/// The brute force's answer when a packet is stopped at `leg`.
fn stop(leg: &'static str, component: Component, direction: Direction, resource: &str) -> Option<Block> {
    Some(Block { leg, component, direction, resource: resource.to_owned() })
}

impl Block {
    fn hop(&self) -> (Component, Direction, String) {
        (self.component, self.direction, self.resource.clone())
    }
}

/// Replies go to the client's ephemeral port: every port where some rule's range starts or
/// ends stands for the ports up to the next such edge.
fn ephemeral_ports(snap: &Snapshot) -> Vec<u32> {
    let mut ephemeral: Vec<u32> = vec![1024, 65535];
    for e in snap.network_acls.iter().flat_map(|a| &a.entries) {
        if let (Some(a), Some(b)) = (e.from_port, e.to_port) {
            ephemeral.extend(
                [a - 1, a, b, b + 1].iter().map(|&p| p as u32).filter(|p| (1024..=65535).contains(p)),
            );
        }
    }
    ephemeral
}

/// Where one address outside every VPC is sent from `vpc`: out through the VPC's own attached
/// internet gateway, or (when `nat_allowed`) into a NAT gateway that exists; `Err` otherwise.
enum Exit<'s> {
    Igw(&'s str),
    Nat(&'s NatGateway),
}

fn exit<'s>(snap: &'s Snapshot, vpc: &str, route: Option<&Route>, nat_allowed: bool) -> Result<Exit<'s>, ()> {
    let route = route.ok_or(())?;
    if route.target_kind == RouteTargetKind::Peering || route.state == "blackhole" {
        return Err(());
    }
    match route.target_kind {
        RouteTargetKind::InternetGateway => attached_igw(snap, vpc)
            .filter(|g| g.id == route.target)
            .map(|g| Exit::Igw(g.id.as_str()))
            .ok_or(()),
        RouteTargetKind::NatGateway if nat_allowed => snap
            .nat_gateways
            .iter()
            .find(|n| n.id == route.target && !["deleted", "deleting", "failed"].contains(&n.state.as_str()))
            .map(Exit::Nat)
            .ok_or(()),
        _ => Err(()),
    }
}

/// The internet gateway attached to `vpc`.
fn attached_igw<'s>(snap: &'s Snapshot, vpc: &str) -> Option<&'s InternetGateway> {
    snap.internet_gateways
        .iter()
        .find(|g| g.attachments.iter().any(|a| a.vpc_id == vpc && a.state == "available"))
}

/// Whether `acl` stops a packet to or from (`egress`) one of `addrs` at one of `ports`.
fn acl_stops(acl: &NetworkAcl, egress: bool, protocol: &str, addrs: &[u32], ports: &[u32]) -> bool {
    addrs.iter().any(|&a| ports.iter().any(|&p| !acl_allows(acl, egress, protocol, a, p)))
}

/// From a place in a VPC out to the internet, straight through the internet gateway or through
/// a NAT gateway, and the replies back.
fn to_internet(snap: &Snapshot, q: &Question, src: &Place, dst: &Place) -> Option<Block> {
    let protocol = q.protocol.name();
    let port = q.port.unwrap();
    let service = [u32::from(port)];
    let ephemeral = ephemeral_ports(snap);
    if dst.ips.iter().any(|&d| !groups_admit(snap, src, false, protocol, port, d, dst)) {
        return stop(
            "to the internet: source groups out",
            Component::SecurityGroup,
            Direction::Outbound,
            &src.groups[0],
        );
    }
    let src_acl = acl_of(snap, &src.subnet);
    if acl_stops(src_acl, true, protocol, &dst.ips, &service) {
        return stop(
            "to the internet: source ACL out",
            Component::NetworkAcl,
            Direction::Outbound,
            &src_acl.id,
        );
    }
    let src_table = table_of(snap, &src.subnet);
    let mut exits = Vec::new();
    for &d in &dst.ips {
        match exit(snap, &src.vpc, route_of(src_table, d), true) {
            Ok(e) => exits.push(e),
            Err(()) => {
                return stop(
                    "to the internet: source route",
                    Component::RouteTable,
                    Direction::Outbound,
                    &src_table.id,
                );
            }
        }
    }
    // The generator routes every internet address alike (a default route, or more specific
    // routes that all fail), so the first address's way is everyone's.
    match exits.remove(0) {
        Exit::Igw(igw) => {
            if !src.public {
                return stop(
                    "to the internet: no public address",
                    Component::InternetGateway,
                    Direction::Outbound,
                    igw,
                );
            }
        }
        Exit::Nat(nat) => {
            let nat_acl = acl_of(snap, &nat.subnet_id);
            let same = nat.subnet_id == src.subnet;
            if !same && acl_stops(nat_acl, false, protocol, &src.ips, &service) {
                return stop(
                    "via NAT: NAT subnet ACL in",
                    Component::NetworkAcl,
                    Direction::Inbound,
                    &nat_acl.id,
                );
            }
            let public = nat.addresses.iter().any(|a| a.public_ip.is_some());
            if nat.state != "available" || nat.connectivity == "private" || !public {
                return stop("via NAT: the NAT gateway", Component::NatGateway, Direction::Outbound, &nat.id);
            }
            if !same && acl_stops(nat_acl, true, protocol, &dst.ips, &service) {
                return stop(
                    "via NAT: NAT subnet ACL out",
                    Component::NetworkAcl,
                    Direction::Outbound,
                    &nat_acl.id,
                );
            }
            let nat_table = table_of(snap, &nat.subnet_id);
            if dst
                .ips
                .iter()
                .any(|&d| !matches!(exit(snap, &nat.vpc_id, route_of(nat_table, d), false), Ok(Exit::Igw(_))))
            {
                return stop(
                    "via NAT: NAT subnet route",
                    Component::RouteTable,
                    Direction::Outbound,
                    &nat_table.id,
                );
            }
            // Replies come back to the NAT gateway, which sends them on to the sender.
            if acl_stops(nat_acl, false, protocol, &dst.ips, &ephemeral) {
                return stop(
                    "via NAT: NAT subnet ACL, replies in",
                    Component::NetworkAcl,
                    Direction::Return,
                    &nat_acl.id,
                );
            }
            if !same && acl_stops(nat_acl, true, protocol, &src.ips, &ephemeral) {
                return stop(
                    "via NAT: NAT subnet ACL, replies on to the source",
                    Component::NetworkAcl,
                    Direction::Return,
                    &nat_acl.id,
                );
            }
            if same {
                return None;
            }
        }
    }
    if acl_stops(src_acl, false, protocol, &dst.ips, &ephemeral) {
        return stop(
            "to the internet: source ACL, replies in",
            Component::NetworkAcl,
            Direction::Return,
            &src_acl.id,
        );
    }
    None
}

/// From the internet in through the VPC's internet gateway to a place with a public address,
/// and the replies out the same way (never through a NAT gateway).
fn from_internet(snap: &Snapshot, q: &Question, src: &Place, dst: &Place) -> Option<Block> {
    let protocol = q.protocol.name();
    let port = q.port.unwrap();
    let Some(igw) = attached_igw(snap, &dst.vpc) else {
        return stop(
            "from the internet: no internet gateway",
            Component::InternetGateway,
            Direction::Inbound,
            &dst.vpc,
        );
    };
    if !dst.public {
        return stop(
            "from the internet: no public address",
            Component::InternetGateway,
            Direction::Inbound,
            &igw.id,
        );
    }
    let dst_acl = acl_of(snap, &dst.subnet);
    if acl_stops(dst_acl, false, protocol, &src.ips, &[u32::from(port)]) {
        return stop("from the internet: ACL in", Component::NetworkAcl, Direction::Inbound, &dst_acl.id);
    }
    if src.ips.iter().any(|&s| !groups_admit(snap, dst, true, protocol, port, s, src)) {
        return stop(
            "from the internet: groups in",
            Component::SecurityGroup,
            Direction::Inbound,
            &dst.groups[0],
        );
    }
    if acl_stops(dst_acl, true, protocol, &src.ips, &ephemeral_ports(snap)) {
        return stop(
            "from the internet: ACL, replies out",
            Component::NetworkAcl,
            Direction::Return,
            &dst_acl.id,
        );
    }
    let table = table_of(snap, &dst.subnet);
    if src.ips.iter().any(|&s| !matches!(exit(snap, &dst.vpc, route_of(table, s), false), Ok(Exit::Igw(_)))) {
        return stop("from the internet: route back", Component::RouteTable, Direction::Return, &table.id);
    }
    None
}

/// The first stage where some concrete packet is stopped; `None` when every packet and every
/// reply gets through.
fn brute_force(snap: &Snapshot, q: &Question, src: &Place, dst: &Place) -> Option<Block> {
    if dst.vpc.is_empty() {
        return to_internet(snap, q, src, dst);
    }
    if src.vpc.is_empty() {
        return from_internet(snap, q, src, dst);
    }
    let protocol = q.protocol.name();
    let port = q.port.unwrap();
    let same_subnet = src.subnet == dst.subnet;
    if dst.ips.iter().any(|&d| !groups_admit(snap, src, false, protocol, port, d, dst)) {
        return stop(
            "between VPCs: source groups out",
            Component::SecurityGroup,
            Direction::Outbound,
            &src.groups[0],
        );
    }
    let (src_acl, dst_acl) = (acl_of(snap, &src.subnet), acl_of(snap, &dst.subnet));
    let service = [u32::from(port)];
    if !same_subnet && acl_stops(src_acl, true, protocol, &dst.ips, &service) {
        return stop("between VPCs: source ACL out", Component::NetworkAcl, Direction::Outbound, &src_acl.id);
    }
    let src_table = table_of(snap, &src.subnet);
    let mut forward: Option<&PeeringConnection> = None;
    for &d in &dst.ips {
        match routed(snap, &src.vpc, &dst.vpc, route_of(src_table, d)) {
            Err(()) => {
                return stop(
                    "between VPCs: source route",
                    Component::RouteTable,
                    Direction::Outbound,
                    &src_table.id,
                );
            }
            Ok(Some(p)) if forward.is_none_or(|f| f.status == "active") => forward = Some(p),
            Ok(_) => {}
        }
    }
    if let Some(p) = forward.filter(|p| p.status != "active") {
        return stop("between VPCs: peering out", Component::Peering, Direction::Outbound, &p.id);
    }
    if !same_subnet && acl_stops(dst_acl, false, protocol, &src.ips, &service) {
        return stop(
            "between VPCs: destination ACL in",
            Component::NetworkAcl,
            Direction::Inbound,
            &dst_acl.id,
        );
    }
    if src.ips.iter().any(|&s| !groups_admit(snap, dst, true, protocol, port, s, src)) {
        return stop(
            "between VPCs: destination groups in",
            Component::SecurityGroup,
            Direction::Inbound,
            &dst.groups[0],
        );
    }
    let ephemeral = ephemeral_ports(snap);
    if !same_subnet && acl_stops(dst_acl, true, protocol, &src.ips, &ephemeral) {
        return stop(
            "between VPCs: destination ACL, replies out",
            Component::NetworkAcl,
            Direction::Return,
            &dst_acl.id,
        );
    }
    let dst_table = table_of(snap, &dst.subnet);
    let mut back: Option<&PeeringConnection> = None;
    for &s in &src.ips {
        match routed(snap, &dst.vpc, &src.vpc, route_of(dst_table, s)) {
            Err(()) => {
                return stop(
                    "between VPCs: route back",
                    Component::RouteTable,
                    Direction::Return,
                    &dst_table.id,
                );
            }
            Ok(Some(p)) if back.is_none_or(|f| f.status == "active") => back = Some(p),
            Ok(_) => {}
        }
    }
    if let Some(p) = back.filter(|p| p.status != "active" && forward.is_none_or(|f| f.id != p.id)) {
        return stop("between VPCs: peering back", Component::Peering, Direction::Return, &p.id);
    }
    if !same_subnet && acl_stops(src_acl, false, protocol, &dst.ips, &ephemeral) {
        return stop(
            "between VPCs: source ACL, replies in",
            Component::NetworkAcl,
            Direction::Return,
            &src_acl.id,
        );
    }
    None
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_evaluator_agrees_with_walking_every_packet(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let case = build(&bytes);
        let got = answer(&case.snap, &case.question).map_err(|e| TestCaseError::fail(format!("{e}: {:?}", case.question)))?;
        let expected = brute_force(&case.snap, &case.question, &case.from, &case.to).map(|b| b.hop());
        let blocking = got.blocking_hop().map(|h| (h.component, h.direction, h.resource.clone()));
        prop_assert_eq!(
            &blocking,
            &expected,
            "{:?}\n{}",
            case.question,
            serde_json::to_string_pretty(&got.render(Lang::En)).unwrap()
        );
        prop_assert_eq!(got.reachable, expected.is_none());
    }
}

/// The fixed-seed cases reach every leg of the walk where the brute force can find a packet
/// stopped, and every kind of open path: a generator that stopped producing, say, a block on
/// the way back through a NAT gateway would leave that part of the evaluator unchecked while
/// the property still passed.
#[test]
fn the_generated_cases_cover_every_block_and_the_open_path() {
    use proptest::strategy::{Strategy, ValueTree};
    let fixed = ProptestConfig { cases: CASES, rng_seed: RngSeed::Fixed(SEED), ..config() };
    let mut runner = proptest::test_runner::TestRunner::new(fixed);
    let strategy = proptest::collection::vec(any::<u8>(), 0..400);
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for _ in 0..CASES {
        let case = build(&strategy.new_tree(&mut runner).unwrap().current());
        let key = match brute_force(&case.snap, &case.question, &case.from, &case.to) {
            Some(block) => block.leg,
            None if case.from.vpc.is_empty() => "open from the internet",
            None if !case.to.vpc.is_empty() => "open between VPCs",
            None => {
                let table = table_of(&case.snap, &case.from.subnet);
                match exit(&case.snap, &case.from.vpc, route_of(table, case.to.ips[0]), true) {
                    Ok(Exit::Nat(_)) => "open to the internet through a NAT gateway",
                    _ => "open to the internet directly",
                }
            }
        };
        *seen.entry(key).or_default() += 1;
    }
    let expected = [
        "open between VPCs",
        "open to the internet directly",
        "open to the internet through a NAT gateway",
        "open from the internet",
        "between VPCs: source groups out",
        "between VPCs: source ACL out",
        "between VPCs: source route",
        "between VPCs: peering out",
        "between VPCs: destination ACL in",
        "between VPCs: destination groups in",
        "between VPCs: destination ACL, replies out",
        "between VPCs: route back",
        "between VPCs: source ACL, replies in",
        "to the internet: source groups out",
        "to the internet: source ACL out",
        "to the internet: source route",
        "to the internet: no public address",
        "to the internet: source ACL, replies in",
        "via NAT: NAT subnet ACL in",
        "via NAT: the NAT gateway",
        "via NAT: NAT subnet ACL out",
        "via NAT: NAT subnet route",
        "via NAT: NAT subnet ACL, replies in",
        "via NAT: NAT subnet ACL, replies on to the source",
        "from the internet: no internet gateway",
        "from the internet: no public address",
        "from the internet: ACL in",
        "from the internet: groups in",
        "from the internet: ACL, replies out",
        "from the internet: route back",
    ];
    let missing: Vec<&str> = expected.iter().copied().filter(|leg| !seen.contains_key(leg)).collect();
    assert!(missing.is_empty(), "no generated case reaches {missing:?}: {seen:#?}");
}
