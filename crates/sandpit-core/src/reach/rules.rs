//! The three deciders of a hop, over sets of addresses and ports: security groups (stateful,
//! rules add up), network ACLs (stateless, first matching rule by number), route tables
//! (longest prefix).

use super::net::Net;
use super::ranges::{Ranges, parse_net};
use super::{Protocol, Question};
use crate::snapshot::{NaclEntry, NetworkAcl, Route, RouteTable, RuleSource, SecurityGroup, SgRule};
use crate::{Lang, Localized, msg};

/// The IP protocols a question is made of (`all` is the three together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Proto {
    Tcp,
    Udp,
    Icmp,
}

impl Proto {
    fn matches(self, rule_protocol: &str) -> bool {
        match rule_protocol.trim().to_ascii_lowercase().as_str() {
            "-1" | "all" => true,
            "tcp" | "6" => self == Proto::Tcp,
            "udp" | "17" => self == Proto::Udp,
            "icmp" | "1" => self == Proto::Icmp,
            _ => false,
        }
    }

    /// The name the AWS CLI takes.
    pub(crate) fn cli(self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
            Proto::Icmp => "icmp",
        }
    }
}

/// ICMP echo request and reply: what `ping` sends and gets back.
const ECHO_REQUEST: u32 = 8;
const ECHO_REPLY: u32 = 0;
/// The ports a client's operating system picks its side of a connection from (AWS's advice
/// for network ACLs: allow replies to all of them).
pub(crate) const EPHEMERAL: (u32, u32) = (1024, 65535);

/// Traffic of one protocol to a set of ports (the ICMP type for ICMP).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Traffic {
    pub(crate) proto: Proto,
    pub(crate) ports: Ranges,
}

impl Traffic {
    /// `tcp/3306`, `udp/1024-65535`, `ICMP`, for people (code-like in both languages).
    pub(crate) fn label(&self) -> String {
        match self.proto {
            Proto::Icmp => "ICMP".to_owned(),
            p => format!("{}/{}", p.cli(), self.ports.describe_ports()),
        }
    }
}

/// The request's traffic.
pub(crate) fn requests(q: &Question) -> Vec<Traffic> {
    let port = Ranges::one(u32::from(q.port.unwrap_or(0)));
    match q.protocol {
        Protocol::Tcp => vec![Traffic { proto: Proto::Tcp, ports: port }],
        Protocol::Udp => vec![Traffic { proto: Proto::Udp, ports: port }],
        Protocol::Icmp => vec![Traffic { proto: Proto::Icmp, ports: Ranges::one(ECHO_REQUEST) }],
        Protocol::All => all_traffic(),
    }
}

/// The replies' traffic: to the client's ephemeral ports.
pub(crate) fn replies(q: &Question) -> Vec<Traffic> {
    let ephemeral = Ranges::span(EPHEMERAL.0, EPHEMERAL.1);
    match q.protocol {
        Protocol::Tcp => vec![Traffic { proto: Proto::Tcp, ports: ephemeral }],
        Protocol::Udp => vec![Traffic { proto: Proto::Udp, ports: ephemeral }],
        Protocol::Icmp => vec![Traffic { proto: Proto::Icmp, ports: Ranges::one(ECHO_REPLY) }],
        Protocol::All => all_traffic(),
    }
}

fn all_traffic() -> Vec<Traffic> {
    vec![
        Traffic { proto: Proto::Tcp, ports: Ranges::span(0, 65535) },
        Traffic { proto: Proto::Udp, ports: Ranges::span(0, 65535) },
        Traffic { proto: Proto::Icmp, ports: Ranges::span(0, 255) },
    ]
}

/// The ports (ICMP types) a security group rule covers for `proto`.
fn sg_rule_ports(rule: &SgRule, proto: Proto) -> Ranges {
    if rule.protocol == "-1" || rule.protocol.eq_ignore_ascii_case("all") {
        return Ranges::span(0, 65535);
    }
    match (proto, rule.from_port, rule.to_port) {
        (Proto::Icmp, Some(t), _) if t >= 0 => Ranges::one(t as u32),
        (Proto::Icmp, _, _) => Ranges::span(0, 65535),
        (_, Some(from), Some(to)) if from >= 0 && to >= 0 => {
            Ranges::span(from.clamp(0, 65535) as u32, to.clamp(0, 65535) as u32)
        }
        _ => Ranges::span(0, 65535),
    }
}

/// The ports a network ACL entry covers for `proto` (ICMP types and codes are not read: an
/// ICMP entry covers every type).
fn nacl_ports(entry: &NaclEntry, proto: Proto) -> Ranges {
    if matches!(entry.protocol.as_str(), "-1" | "all") {
        return Ranges::span(0, 65535);
    }
    match (proto, entry.from_port, entry.to_port) {
        (Proto::Tcp | Proto::Udp, Some(from), Some(to)) if from >= 0 && to >= 0 => {
            Ranges::span(from.clamp(0, 65535) as u32, to.clamp(0, 65535) as u32)
        }
        _ => Ranges::span(0, 65535),
    }
}

fn protocol_label(protocol: &str) -> &str {
    match protocol {
        "6" => "tcp",
        "17" => "udp",
        "1" => "icmp",
        p => p,
    }
}

/// A security group rule for people: `tcp/3306 ← sg-… (was-sg)`.
pub(crate) fn sg_rule_text(net: &Net<'_>, group: &SecurityGroup, rule: &SgRule, ingress: bool) -> Localized {
    let ports = if rule.protocol == "-1" {
        None
    } else {
        let proto = protocol_label(&rule.protocol);
        Some(match (rule.from_port, rule.to_port) {
            (Some(a), Some(b)) if a == b && a >= 0 => format!("{proto}/{a}"),
            (Some(a), Some(b)) if a >= 0 && b >= 0 => format!("{proto}/{a}-{b}"),
            _ => format!("{proto}/0-65535"),
        })
    };
    let source = match &rule.source {
        RuleSource::Cidr(c) | RuleSource::Ipv6Cidr(c) => c.clone(),
        RuleSource::Group(g) => match net.group(g) {
            Some(found) => format!("{g} (`{}`)", found.name),
            None => g.clone(),
        },
        RuleSource::PrefixList(p) => match net.prefix_list(p) {
            Some(l) => format!("{p} (`{}`)", l.name),
            None => p.clone(),
        },
    };
    let id = &group.id;
    match (ingress, ports) {
        (true, Some(p)) => msg!("reach-rule-inbound-from", id = &id, ports = &p, source = &source),
        (true, None) => {
            msg!("reach-rule-inbound-all-traffic-from", id = &id, source = &source)
        }
        (false, Some(p)) => {
            msg!("reach-rule-outbound-to", id = &id, ports = &p, source = &source)
        }
        (false, None) => {
            msg!("reach-rule-outbound-all-traffic-to", id = &id, source = &source)
        }
    }
}

/// The other end of a security group hop: whose traffic the rules are asked about.
pub(crate) struct Peer<'a> {
    pub(crate) addrs: &'a Ranges,
    pub(crate) groups: PeerGroups<'a>,
    /// Its VPC (none for the internet).
    pub(crate) vpc: Option<&'a str>,
}

/// What is known of the other end's security groups.
pub(crate) enum PeerGroups<'a> {
    /// It carries these.
    Known(&'a [String]),
    /// Unknown (a bare subnet or address): a rule naming a group of its VPC admits it on the
    /// condition that it carries that group.
    AnyOfItsVpc,
    /// It carries none (the internet).
    None,
}

/// What a set of security groups does to some traffic.
#[derive(Debug, Default)]
pub(crate) struct SgCheck<'s> {
    pub(crate) passes: bool,
    /// The rules that let it through (all of them, when several add up).
    pub(crate) admitted_by: Vec<(&'s SecurityGroup, &'s SgRule)>,
    /// For a peer whose groups are unknown: it passes if it carries one of these groups.
    pub(crate) only_if_member_of: Vec<String>,
    /// The first (protocol, address, port) nothing lets through.
    pub(crate) left_out: Option<(Proto, u32, u32)>,
    /// Rules that admit the peer on other ports.
    pub(crate) other_ports: Vec<(&'s SecurityGroup, &'s SgRule)>,
    /// Rules for the port that admit other sources.
    pub(crate) other_sources: Vec<(&'s SecurityGroup, &'s SgRule)>,
    /// Group references that would admit the peer but cross no active peering: (group, the
    /// peering that is not active, its status).
    pub(crate) stale: Vec<(String, Option<(String, String)>)>,
    /// Prefix lists named by rules that could not be read.
    pub(crate) unreadable_lists: Vec<String>,
    /// The address rules that admit the traffic cover every IPv4 address.
    pub(crate) wide_open: bool,
}

/// One rule's reach: the peer's addresses it admits, on which ports, and on what condition.
struct Admit<'s> {
    group: &'s SecurityGroup,
    rule: &'s SgRule,
    addrs: Ranges,
    ports: Ranges,
    condition: Option<String>,
}

/// What `groups` (an endpoint's security groups) let through, inbound (`ingress`) from `peer`
/// or outbound to it, for every traffic in `traffics`.
pub(crate) fn sg_check<'s>(
    net: &Net<'s>,
    groups: &[&'s SecurityGroup],
    ingress: bool,
    traffics: &[Traffic],
    peer: &Peer<'_>,
) -> SgCheck<'s> {
    let mut out = SgCheck { passes: true, ..SgCheck::default() };
    let mut conditions: Option<Vec<String>> = None;
    for traffic in traffics {
        let mut admits: Vec<Admit<'s>> = Vec::new();
        let mut open = Ranges::empty();
        for &group in groups {
            let rules = if ingress { &group.ingress } else { &group.egress };
            for rule in rules {
                if !traffic.proto.matches(&rule.protocol) {
                    continue;
                }
                let ports = sg_rule_ports(rule, traffic.proto);
                let on_port = ports.meets(&traffic.ports);
                let Some((addrs, condition)) = source_of(net, group, rule, peer, &mut out) else {
                    if on_port && matches!(rule.source, RuleSource::Group(_)) {
                        push_once(&mut out.other_sources, (group, rule));
                    }
                    continue;
                };
                let meets_peer = addrs.meets(peer.addrs);
                if on_port && !meets_peer {
                    push_once(&mut out.other_sources, (group, rule));
                }
                if meets_peer && !on_port {
                    push_once(&mut out.other_ports, (group, rule));
                }
                if on_port
                    && condition.is_none()
                    && matches!(rule.source, RuleSource::Cidr(_) | RuleSource::PrefixList(_))
                {
                    open = open.union(&addrs);
                }
                if on_port && meets_peer {
                    admits.push(Admit { group, rule, addrs: addrs.intersect(peer.addrs), ports, condition });
                }
            }
        }
        let unconditional: Vec<&Admit<'s>> = admits.iter().filter(|a| a.condition.is_none()).collect();
        let missing = uncovered(&unconditional, peer.addrs, &traffic.ports);
        let passes_here = match missing {
            None => {
                for a in &unconditional {
                    push_once(&mut out.admitted_by, (a.group, a.rule));
                }
                out.wide_open |= open.covers(&Ranges::all_addresses());
                true
            }
            Some((addr, port)) => {
                let mut groups_that_work: Vec<String> = Vec::new();
                let mut names: Vec<&String> = admits.iter().filter_map(|a| a.condition.as_ref()).collect();
                names.sort();
                names.dedup();
                for name in names {
                    let with: Vec<&Admit<'s>> = admits
                        .iter()
                        .filter(|a| a.condition.is_none() || a.condition.as_ref() == Some(name))
                        .collect();
                    if uncovered(&with, peer.addrs, &traffic.ports).is_none() {
                        groups_that_work.push(name.clone());
                        for a in with {
                            push_once(&mut out.admitted_by, (a.group, a.rule));
                        }
                    }
                }
                conditions = Some(match conditions.take() {
                    None => groups_that_work.clone(),
                    Some(before) => before.into_iter().filter(|g| groups_that_work.contains(g)).collect(),
                });
                if groups_that_work.is_empty() && out.left_out.is_none() {
                    out.left_out = Some((traffic.proto, addr, port));
                }
                !groups_that_work.is_empty()
            }
        };
        out.passes &= passes_here;
    }
    if let Some(c) = conditions {
        out.passes &= !c.is_empty();
        out.only_if_member_of = c;
    }
    out
}

fn push_once<'s>(list: &mut Vec<(&'s SecurityGroup, &'s SgRule)>, item: (&'s SecurityGroup, &'s SgRule)) {
    if !list.iter().any(|(g, r)| std::ptr::eq(*g, item.0) && std::ptr::eq(*r, item.1)) {
        list.push(item);
    }
}

/// The addresses of `peer` a rule's source stands for, and the group the peer must carry when
/// its groups are unknown; `None` when the source cannot be the peer.
fn source_of<'s>(
    net: &Net<'s>,
    group: &'s SecurityGroup,
    rule: &'s SgRule,
    peer: &Peer<'_>,
    out: &mut SgCheck<'s>,
) -> Option<(Ranges, Option<String>)> {
    match &rule.source {
        RuleSource::Cidr(c) => Ranges::parse_net(c).map(|r| (r, None)),
        RuleSource::Ipv6Cidr(_) => None,
        RuleSource::PrefixList(id) => match net.prefix_list(id) {
            Some(list) if list.unreadable.is_none() => {
                let blocks: Vec<Ranges> = list.cidrs.iter().filter_map(|c| Ranges::parse_net(c)).collect();
                Some((Ranges::union_all(blocks.iter()), None))
            }
            _ => {
                if !out.unreadable_lists.contains(id) {
                    out.unreadable_lists.push(id.clone());
                }
                None
            }
        },
        RuleSource::Group(referenced) => {
            let peer_vpc = peer.vpc?;
            let member = match peer.groups {
                PeerGroups::Known(groups) => groups.contains(referenced),
                PeerGroups::AnyOfItsVpc => net.group(referenced).is_some_and(|g| g.vpc_id == peer_vpc),
                PeerGroups::None => false,
            };
            if !member {
                return None;
            }
            if !net.reference_reaches(&group.vpc_id, peer_vpc) {
                let gone =
                    net.inactive_peering(&group.vpc_id, peer_vpc).map(|p| (p.id.clone(), p.status.clone()));
                if !out.stale.iter().any(|(g, _)| g == referenced) {
                    out.stale.push((referenced.clone(), gone));
                }
                return None;
            }
            let condition = matches!(peer.groups, PeerGroups::AnyOfItsVpc).then(|| referenced.clone());
            Some((peer.addrs.clone(), condition))
        }
    }
}

/// The first (address, port) of `addrs × ports` no admit covers, if any.
fn uncovered(admits: &[&Admit<'_>], addrs: &Ranges, ports: &Ranges) -> Option<(u32, u32)> {
    if addrs.is_empty() || ports.is_empty() {
        return None;
    }
    if let [(p, q)] = ports.intervals()
        && p == q
    {
        let covered = Ranges::union_all(admits.iter().filter(|a| a.ports.contains(*p)).map(|a| &a.addrs));
        return addrs.minus(&covered).first().map(|a| (a, *p));
    }
    // Cells of addresses that every admit treats alike; in each, the ports must be covered.
    for (lo, _) in cells(addrs, admits.iter().flat_map(|a| a.addrs.intervals().iter().copied())) {
        let covered = Ranges::union_all(admits.iter().filter(|a| a.addrs.contains(lo)).map(|a| &a.ports));
        if let Some(port) = ports.minus(&covered).first() {
            return Some((lo, port));
        }
    }
    None
}

/// `set` cut at the edges of `blocks`: intervals inside which every block either contains all
/// addresses or none.
fn cells(set: &Ranges, blocks: impl Iterator<Item = (u32, u32)>) -> Vec<(u32, u32)> {
    let mut cuts: Vec<u64> = Vec::new();
    for (lo, hi) in blocks {
        cuts.push(u64::from(lo));
        cuts.push(u64::from(hi) + 1);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for &(lo, hi) in set.intervals() {
        let mut start = u64::from(lo);
        let end = u64::from(hi);
        let from = cuts.partition_point(|&c| c <= start);
        for &c in &cuts[from..] {
            if c > end {
                break;
            }
            out.push((start as u32, (c - 1) as u32));
            start = c;
        }
        out.push((start as u32, end as u32));
    }
    out
}

/// What a network ACL does to some traffic.
#[derive(Debug)]
pub(crate) enum NaclCheck<'s> {
    /// Every packet is allowed, by these rules.
    Allow(Vec<&'s NaclEntry>),
    /// A packet is denied.
    Deny {
        /// The rule that denies it; none for the `*` rule (nothing matched).
        rule: Option<&'s NaclEntry>,
        proto: Proto,
        addr: u32,
        port: u32,
        /// A higher-numbered rule that would have allowed it (rule order is the problem).
        allowed_later: Option<&'s NaclEntry>,
    },
}

/// The IPv4 entries of one direction, lowest number first, with their blocks.
fn nacl_rules(acl: &NetworkAcl, egress: bool) -> Vec<(&NaclEntry, Ranges)> {
    acl.rules(egress)
        .into_iter()
        .filter_map(|e| e.cidr.as_deref().and_then(Ranges::parse_net).map(|r| (e, r)))
        .collect()
}

/// What `acl` does to `traffics` to or from (`egress`: to) every address of `addrs`.
pub(crate) fn nacl_check<'s>(
    acl: &'s NetworkAcl,
    egress: bool,
    traffics: &[Traffic],
    addrs: &Ranges,
) -> NaclCheck<'s> {
    let rules = nacl_rules(acl, egress);
    let mut used: Vec<&'s NaclEntry> = Vec::new();
    for traffic in traffics {
        let matching: Vec<&(&NaclEntry, Ranges)> =
            rules.iter().filter(|(e, _)| traffic.proto.matches(&e.protocol)).collect();
        for (addr, _) in cells(addrs, matching.iter().flat_map(|(_, r)| r.intervals().iter().copied())) {
            let mut undecided = traffic.ports.clone();
            for (i, &&(entry, ref block)) in matching.iter().enumerate() {
                if !block.contains(addr) {
                    continue;
                }
                let ports = nacl_ports(entry, traffic.proto);
                let hit = undecided.intersect(&ports);
                if let Some(port) = hit.first() {
                    if entry.action.eq_ignore_ascii_case("allow") {
                        if !used.iter().any(|u| std::ptr::eq(*u, entry)) {
                            used.push(entry);
                        }
                    } else {
                        let allowed_later = matching[i + 1..]
                            .iter()
                            .find(|(e, r)| {
                                e.action.eq_ignore_ascii_case("allow")
                                    && r.contains(addr)
                                    && nacl_ports(e, traffic.proto).contains(port)
                            })
                            .map(|(e, _)| *e);
                        return NaclCheck::Deny {
                            rule: Some(entry),
                            proto: traffic.proto,
                            addr,
                            port,
                            allowed_later,
                        };
                    }
                }
                undecided = undecided.minus(&ports);
                if undecided.is_empty() {
                    break;
                }
            }
            if let Some(port) = undecided.first() {
                return NaclCheck::Deny { rule: None, proto: traffic.proto, addr, port, allowed_later: None };
            }
        }
    }
    NaclCheck::Allow(used)
}

/// A network ACL entry for people: `#90 deny tcp/3306 10.10.0.0/16`.
pub(crate) fn nacl_rule_text(entry: Option<&NaclEntry>) -> Localized {
    let Some(e) = entry else {
        return msg!("reach-rule-acl-default-deny");
    };
    let n = if e.is_default_deny() { "*".to_owned() } else { format!("#{}", e.rule_number) };
    let proto = protocol_label(&e.protocol);
    let what = match (proto, e.from_port, e.to_port) {
        ("-1", _, _) => None,
        (p, Some(a), Some(b)) if a == b => Some(format!("{p}/{a}")),
        (p, Some(a), Some(b)) => Some(format!("{p}/{a}-{b}")),
        (p, _, _) => Some(format!("{p}/0-65535")),
    };
    let block = e.cidr.clone().unwrap_or_default();
    let allow = e.action.eq_ignore_ascii_case("allow");
    match (what, allow) {
        (Some(w), true) => msg!("reach-rule-acl-allow", number = &n, what = &w, block = &block),
        (Some(w), false) => msg!("reach-rule-acl-deny", number = &n, what = &w, block = &block),
        (None, true) => msg!("reach-rule-acl-allow-all-traffic", number = &n, block = &block),
        (None, false) => msg!("reach-rule-acl-deny-all-traffic", number = &n, block = &block),
    }
}

/// A free rule number in one direction of `acl` just below `before` (to go ahead of a rule), or
/// after every rule but the `*` one.
pub(crate) fn free_rule_number(acl: &NetworkAcl, egress: bool, before: Option<i32>) -> Option<i32> {
    let used: Vec<i32> = acl.entries.iter().filter(|e| e.egress == egress).map(|e| e.rule_number).collect();
    match before {
        Some(n) => (1..n).rev().find(|c| !used.contains(c)),
        None => {
            let top = used.iter().copied().filter(|&n| n < 32767).max().unwrap_or(0);
            let next = (top / 10 + 1) * 10;
            (next..32767).find(|c| !used.contains(c))
        }
    }
}

/// Part of a set of destinations and the route that carries it (none: no route).
#[derive(Debug)]
pub(crate) struct RoutePart<'s> {
    pub(crate) route: Option<&'s Route>,
    pub(crate) addrs: Ranges,
}

/// How `rt` routes every address of `addrs`: the longest matching prefix of each, grouped by
/// route, in address order. Routes whose destination is not an IPv4 CIDR block (IPv6, prefix
/// lists) are not considered.
pub(crate) fn routes_for<'s>(rt: &'s RouteTable, addrs: &Ranges) -> Vec<RoutePart<'s>> {
    let routes: Vec<(&Route, Ranges, u8)> = rt
        .routes
        .iter()
        .filter_map(|r| {
            parse_net(&r.destination)
                .filter(|_| r.destination.contains('/'))
                .map(|n| (r, Ranges::net(n), n.prefix_len()))
        })
        .collect();
    let mut parts: Vec<RoutePart<'s>> = Vec::new();
    for (lo, hi) in cells(addrs, routes.iter().flat_map(|(_, r, _)| r.intervals().iter().copied())) {
        let best = routes
            .iter()
            .filter(|(_, r, _)| r.contains(lo))
            .max_by_key(|(_, _, len)| *len)
            .map(|(r, _, _)| *r);
        let cell = Ranges::span(lo, hi);
        match parts.iter_mut().find(|p| match (p.route, best) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            (None, None) => true,
            _ => false,
        }) {
            Some(part) => part.addrs = part.addrs.union(&cell),
            None => parts.push(RoutePart { route: best, addrs: cell }),
        }
    }
    parts
}

/// A route for people: `172.16.0.0/16 → pcx-…`.
pub(crate) fn route_text(route: Option<&Route>, addrs: &Ranges, lang: Lang) -> String {
    // `local` is a keyword, not an id: code in a Korean sentence.
    let target = |r: &Route| if r.target == "local" { "`local`".to_owned() } else { r.target.clone() };
    match route {
        Some(r) if r.state == "blackhole" => {
            let target = if lang == Lang::Ko { target(r) } else { r.target.clone() };
            let args = [("destination", r.destination.as_str().into()), ("target", target.into())];
            crate::msg::text(lang, "reach-route-blackhole", &args)
        }
        Some(r) if lang == Lang::Ko => format!("{} → {}", r.destination, target(r)),
        Some(r) => format!("{} → {}", r.destination, r.target),
        None => crate::msg::text(
            lang,
            "reach-route-none",
            &[("addresses", addrs.describe_addresses(lang).into())],
        ),
    }
}
