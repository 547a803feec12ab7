//! The walk: one packet's path from a source placement to a destination placement and its
//! reply's path back, hop by hop, with the verdict, the deciding rule and a fix for each.

use super::endpoint::{Groups, Placement, Public, Resolved};
use super::net::Net;
use super::ranges::{Ranges, ip};
use super::rules::{
    EPHEMERAL, NaclCheck, Peer, PeerGroups, Proto, Traffic, free_rule_number, nacl_check, nacl_rule_text,
    replies, requests, route_text, routes_for, sg_check, sg_rule_text,
};
use super::{Answer, Component, Direction, Hop, Overlap, PathSummary, Protocol, Question, Verdict};
use crate::snapshot::{
    InternetGateway, NatGateway, PeeringConnection, Route, RouteTable, RouteTargetKind, SecurityGroup,
    Subnet, Vpc,
};
use crate::{Lang, Localized, msg};

/// Answers the question for every pair of placements; shows the first blocked pair (else the
/// first pair).
pub(crate) fn answer(net: &Net<'_>, q: &Question, from: Resolved<'_>, to: Resolved<'_>) -> Answer {
    let mut shown: Option<Vec<Hop>> = None;
    let mut shown_blocked = false;
    let mut paths = Vec::new();
    for f in &from.placements {
        for t in &to.placements {
            if f.is_outside() && t.is_outside() {
                continue;
            }
            let hops = Walk::new(net, q, f, t).run();
            let blocked = hops.iter().find(|h| !h.verdict.passes()).map(|h| h.n);
            paths.push(PathSummary {
                from_subnet: f.at.map(|(_, s)| s.id.clone()),
                to_subnet: t.at.map(|(_, s)| s.id.clone()),
                reachable: blocked.is_none(),
                blocked_at: blocked,
            });
            if shown.is_none() || (!shown_blocked && blocked.is_some()) {
                shown_blocked = blocked.is_some();
                shown = Some(hops);
            }
        }
    }
    let hops = shown.unwrap_or_default();
    let blocked_at = hops.iter().find(|h| !h.verdict.passes()).map(|h| h.n);
    let reachable = !paths.is_empty() && paths.iter().all(|p| p.reachable);
    let fix = blocked_at.and_then(|n| hops.iter().find(|h| h.n == n)).and_then(|h| h.fix.clone());
    Answer {
        overlaps: overlaps(net, &from, &to),
        beyond_network: beyond_network(q, reachable, blocked_at),
        from: from.endpoint,
        to: to.endpoint,
        protocol: q.protocol,
        port: if q.protocol.has_port() { q.port } else { None },
        reachable,
        hops,
        blocked_at,
        fix,
        paths,
    }
}

/// VPCs of the two ends whose blocks overlap.
fn overlaps(net: &Net<'_>, from: &Resolved<'_>, to: &Resolved<'_>) -> Vec<Overlap> {
    let vpcs = |r: &Resolved<'_>| -> Vec<String> {
        let mut ids: Vec<String> =
            r.placements.iter().filter_map(|p| p.at.map(|(v, _)| v.id.clone())).collect();
        ids.dedup();
        ids
    };
    let mut out = Vec::new();
    for a in vpcs(from) {
        for b in vpcs(to) {
            let (Some(va), Some(vb)) = (net.vpc(&a), net.vpc(&b)) else { continue };
            if a == b {
                continue;
            }
            for ca in va.all_cidrs() {
                for cb in vb.all_cidrs() {
                    let (Some(ra), Some(rb)) = (Ranges::parse_net(ca), Ranges::parse_net(cb)) else {
                        continue;
                    };
                    if ra.meets(&rb) {
                        out.push(Overlap {
                            vpc_a: a.clone(),
                            cidr_a: ca.to_owned(),
                            vpc_b: b.clone(),
                            cidr_b: cb.to_owned(),
                        });
                    }
                }
            }
        }
    }
    out
}

fn beyond_network(q: &Question, reachable: bool, blocked_at: Option<usize>) -> Localized {
    if reachable {
        match (q.protocol.has_port(), q.port) {
            (true, Some(port)) => msg!("reach-verdict-open-on-port", port = port),
            _ => msg!("reach-verdict-open"),
        }
    } else {
        let n = blocked_at.unwrap_or(1);
        msg!("reach-verdict-blocked", hop = &n)
    }
}

/// Where a route must lead.
#[derive(Clone, Copy)]
enum Goal<'s> {
    /// Into this VPC.
    Vpc(&'s Vpc),
    /// To the internet; `through_nat` when a NAT gateway may carry it (requests from a private
    /// subnet), not for replies to the internet or the NAT gateway's own subnet. `from_nat` is
    /// the NAT gateway whose own subnet routes (its fix is to move the gateway, not the route).
    Internet { through_nat: bool, from_nat: Option<&'s NatGateway> },
}

/// Where a route led.
enum Via<'s> {
    Local,
    Peering(&'s PeeringConnection),
    TransitGateway(String),
    InternetGateway(&'s InternetGateway),
    Nat(&'s NatGateway),
    /// It led nowhere (the hop says why): the walk ends.
    Stop,
}

/// Why a route does not lead where it must.
struct RouteFailure {
    verdict: Verdict,
    detail: Localized,
    fix: Localized,
}

fn group_label(net: &Net<'_>, id: &str) -> String {
    match net.group(id) {
        Some(g) => format!("{id} (`{}`)", g.name),
        None => id.to_owned(),
    }
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

fn addrs_text(r: &Ranges) -> Localized {
    Localized::new(r.describe_addresses(Lang::En), r.describe_addresses(Lang::Ko))
}

/// The block a rule should name for `r`: the subnet that holds all of it (a rule for one
/// instance's address breaks when the instance is replaced), else `r` itself.
fn block_for(net: &Net<'_>, r: &Ranges) -> String {
    net.snap
        .subnets
        .iter()
        .find(|s| Ranges::parse_net(&s.cidr).is_some_and(|b| b.covers(r)))
        .map(|s| s.cidr.clone())
        .unwrap_or_else(|| cidr_for_rule(r))
}

fn cidr_for_rule(r: &Ranges) -> String {
    if Ranges::internet().covers(r) && r.to_cidrs().len() > 1 {
        return "0.0.0.0/0".to_owned();
    }
    r.as_one_cidr()
        .map(|c| c.to_string())
        .or_else(|| r.to_cidrs().first().map(ToString::to_string))
        .unwrap_or_else(|| "0.0.0.0/0".to_owned())
}

fn join(sentences: Vec<Localized>) -> Localized {
    Localized::new(
        sentences.iter().map(|s| s.en.as_str()).collect::<Vec<_>>().join(" "),
        sentences.iter().map(|s| s.ko.as_str()).collect::<Vec<_>>().join(" "),
    )
}

struct Walk<'a, 's> {
    net: &'a Net<'s>,
    q: &'a Question,
    src: &'a Placement<'s>,
    dst: &'a Placement<'s>,
    requests: Vec<Traffic>,
    replies: Vec<Traffic>,
    hops: Vec<Hop>,
}

impl<'a, 's> Walk<'a, 's> {
    fn new(net: &'a Net<'s>, q: &'a Question, src: &'a Placement<'s>, dst: &'a Placement<'s>) -> Self {
        Walk { net, q, src, dst, requests: requests(q), replies: replies(q), hops: Vec::new() }
    }

    fn run(mut self) -> Vec<Hop> {
        match (self.src.at, self.dst.at) {
            (Some(s), Some(d)) => self.vpc_to_vpc(s, d),
            (Some(s), None) => self.vpc_to_internet(s),
            (None, Some(d)) => self.internet_to_vpc(d),
            (None, None) => {}
        }
        self.hops
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        component: Component,
        resource: &str,
        direction: Direction,
        verdict: Verdict,
        rule: Localized,
        detail: Localized,
        fix: Option<Localized>,
        subnet: Option<&Subnet>,
    ) -> &mut Hop {
        let n = self.hops.len() + 1;
        self.hops.push(Hop {
            n,
            component,
            resource: resource.to_owned(),
            direction,
            verdict,
            rule,
            detail,
            fix: if verdict.passes() { None } else { fix },
            subnet: subnet.map(|s| s.id.clone()),
            would_admit: Vec::new(),
        });
        self.hops.last_mut().expect("just pushed")
    }

    /// What the request is, for people: `tcp/3306`, `ICMP`, all traffic.
    fn what(&self) -> Localized {
        match self.q.protocol {
            Protocol::All => msg!("reach-all-traffic"),
            _ => {
                let t = &self.requests[0];
                Localized::new(t.label(), t.label())
            }
        }
    }

    fn vpc_to_vpc(&mut self, (sv, ss): (&'s Vpc, &'s Subnet), (dv, ds): (&'s Vpc, &'s Subnet)) {
        let (src_addrs, dst_addrs) = (self.src.addrs.clone(), self.dst.addrs.clone());
        let same_subnet = ss.id == ds.id;
        self.sg_hop(false);
        if !same_subnet {
            self.nacl_hop(ss, true, false, &dst_addrs, Direction::Outbound);
        }
        let forward = match self.route_hop(sv, ss, &dst_addrs, Direction::Outbound, Goal::Vpc(dv)) {
            Via::Stop => return,
            Via::Peering(p) => {
                self.peering_hop(p, sv, dv, Direction::Outbound);
                Some(p.id.clone())
            }
            Via::TransitGateway(id) => {
                self.tgw_hop(&id, Direction::Outbound);
                None
            }
            _ => None,
        };
        if !same_subnet {
            self.nacl_hop(ds, false, false, &src_addrs, Direction::Inbound);
        }
        self.sg_hop(true);
        if !same_subnet {
            self.nacl_hop(ds, true, true, &src_addrs, Direction::Return);
        }
        match self.route_hop(dv, ds, &src_addrs, Direction::Return, Goal::Vpc(sv)) {
            Via::Stop => return,
            Via::Peering(p) if forward.as_deref() != Some(p.id.as_str()) => {
                self.peering_hop(p, dv, sv, Direction::Return)
            }
            Via::TransitGateway(id) => self.tgw_hop(&id, Direction::Return),
            _ => {}
        }
        if !same_subnet {
            self.nacl_hop(ss, false, true, &dst_addrs, Direction::Return);
        }
    }

    fn vpc_to_internet(&mut self, (sv, ss): (&'s Vpc, &'s Subnet)) {
        let dst_addrs = self.dst.addrs.clone();
        self.sg_hop(false);
        self.nacl_hop(ss, true, false, &dst_addrs, Direction::Outbound);
        match self.route_hop(
            sv,
            ss,
            &dst_addrs,
            Direction::Outbound,
            Goal::Internet { through_nat: true, from_nat: None },
        ) {
            Via::InternetGateway(igw) => {
                self.igw_out_hop(igw, None);
                self.nacl_hop(ss, false, true, &dst_addrs, Direction::Return);
            }
            Via::Nat(nat) => self.through_nat(ss, nat),
            Via::TransitGateway(id) => {
                self.tgw_hop(&id, Direction::Outbound);
                self.nacl_hop(ss, false, true, &dst_addrs, Direction::Return);
            }
            _ => {}
        }
    }

    /// From a private subnet through a NAT gateway to the internet and back.
    fn through_nat(&mut self, ss: &'s Subnet, nat: &'s NatGateway) {
        let net = self.net;
        let (src_addrs, dst_addrs) = (self.src.addrs.clone(), self.dst.addrs.clone());
        let Some((nv, ns)) = net.subnet(&nat.subnet_id).and_then(|s| net.vpc(&s.vpc_id).map(|v| (v, s)))
        else {
            let id = nat.subnet_id.clone();
            self.push(
                Component::NatGateway,
                &nat.id,
                Direction::Outbound,
                Verdict::Inactive,
                msg!("reach-nat-in-subnet", nat = &nat.id, subnet = &id),
                msg!("reach-nat-subnet-not-in-snapshot", subnet = &id),
                None,
                None,
            );
            return;
        };
        let same_subnet = ns.id == ss.id;
        if !same_subnet {
            self.nacl_hop(ns, false, false, &src_addrs, Direction::Inbound);
        }
        self.nat_hop(nat, ns);
        if !same_subnet {
            self.nacl_hop(ns, true, false, &dst_addrs, Direction::Outbound);
        }
        let goal = Goal::Internet { through_nat: false, from_nat: Some(nat) };
        match self.route_hop(nv, ns, &dst_addrs, Direction::Outbound, goal) {
            Via::InternetGateway(igw) => self.igw_out_hop(igw, Some(nat)),
            Via::TransitGateway(id) => self.tgw_hop(&id, Direction::Outbound),
            _ => return,
        }
        self.nacl_hop(ns, false, true, &dst_addrs, Direction::Return);
        if !same_subnet {
            self.nacl_hop(ns, true, true, &src_addrs, Direction::Return);
            self.nacl_hop(ss, false, true, &dst_addrs, Direction::Return);
        }
    }

    fn internet_to_vpc(&mut self, (dv, ds): (&'s Vpc, &'s Subnet)) {
        let src_addrs = self.src.addrs.clone();
        if !self.igw_in_hop(dv, ds) {
            return;
        }
        self.nacl_hop(ds, false, false, &src_addrs, Direction::Inbound);
        self.sg_hop(true);
        self.nacl_hop(ds, true, true, &src_addrs, Direction::Return);
        self.route_hop(
            dv,
            ds,
            &src_addrs,
            Direction::Return,
            Goal::Internet { through_nat: false, from_nat: None },
        );
    }

    // -----------------------------------------------------------------------------------------
    // Security groups

    /// The security groups of the source (egress) or the destination (ingress).
    fn sg_hop(&mut self, ingress: bool) {
        let net = self.net;
        let (me, other) = if ingress { (self.dst, self.src) } else { (self.src, self.dst) };
        let Some((vpc, subnet)) = me.at else { return };
        let direction = if ingress { Direction::Inbound } else { Direction::Outbound };
        let peer = Peer {
            addrs: &other.addrs,
            groups: match &other.groups {
                Groups::Known(g) => PeerGroups::Known(g),
                Groups::Unknown => PeerGroups::AnyOfItsVpc,
                Groups::NotFiltered => PeerGroups::None,
            },
            vpc: other.at.map(|(v, _)| v.id.as_str()),
        };
        let what = self.what();
        let peer_text = addrs_text(&other.addrs);
        match &me.groups {
            Groups::NotFiltered => {}
            Groups::Known(ids) => {
                let groups: Vec<&SecurityGroup> = ids.iter().filter_map(|id| net.group(id)).collect();
                let check = sg_check(net, &groups, ingress, &self.requests, &peer);
                let names: Vec<String> = ids.iter().map(|id| group_label(net, id)).collect();
                let names = list(&names);
                if check.passes {
                    let (g, r) = check.admitted_by[0];
                    let mut rule = sg_rule_text(net, g, r, ingress);
                    if check.admitted_by.len() > 1 {
                        let more = check.admitted_by.len() - 1;
                        rule = msg!("reach-and-more", first = &rule, more = &more);
                    }
                    let mut detail = vec![if ingress {
                        msg!("reach-sg-lets-in", names = &names, what = &what, peer_text = &peer_text)
                    } else {
                        msg!("reach-sg-lets-out", names = &names, what = &what, peer_text = &peer_text)
                    }];
                    if !check.only_if_member_of.is_empty() {
                        let need = list(
                            &check.only_if_member_of.iter().map(|g| group_label(net, g)).collect::<Vec<_>>(),
                        );
                        detail.push(msg!("reach-only-if-other-end", need = &need));
                    }
                    if check.wide_open && ingress {
                        detail.push(msg!("reach-rules-together-open-every"));
                    }
                    let resource = g.id.clone();
                    self.push(
                        Component::SecurityGroup,
                        &resource,
                        direction,
                        Verdict::Allow,
                        rule,
                        join(detail),
                        None,
                        Some(subnet),
                    );
                } else {
                    let resource = ids.first().cloned().unwrap_or_default();
                    let (rule, detail, fix) = self.sg_denial(ingress, &names, &check, &peer, &groups, other);
                    self.push(
                        Component::SecurityGroup,
                        &resource,
                        direction,
                        Verdict::Deny,
                        rule,
                        detail,
                        Some(fix),
                        Some(subnet),
                    );
                }
            }
            Groups::Unknown => {
                let candidates: Vec<&SecurityGroup> =
                    net.snap.security_groups.iter().filter(|g| g.vpc_id == vpc.id).collect();
                let admitting: Vec<&SecurityGroup> = candidates
                    .iter()
                    .copied()
                    .filter(|g| sg_check(net, &[*g], ingress, &self.requests, &peer).passes)
                    .collect();
                let ids: Vec<String> = admitting.iter().map(|g| g.id.clone()).collect();
                let labels = list(&admitting.iter().map(|g| group_label(net, &g.id)).collect::<Vec<_>>());
                let (verdict, rule, detail, fix) = if admitting.is_empty() {
                    let cidr = block_for(net, &other.addrs);
                    (
                        Verdict::Deny,
                        if ingress {
                            msg!("reach-no-group-lets-in", vpc = &vpc.id, peer_text = &peer_text)
                        } else {
                            msg!("reach-no-group-lets-out", vpc = &vpc.id, peer_text = &peer_text)
                        },
                        if ingress {
                            msg!(
                                "reach-end-no-security-group-in",
                                vpc = &vpc.id,
                                what = &what,
                                peer_text = &peer_text
                            )
                        } else {
                            msg!(
                                "reach-end-no-security-group-out",
                                vpc = &vpc.id,
                                what = &what,
                                peer_text = &peer_text
                            )
                        },
                        self.sg_fix_text(ingress, "SG_ID", &cidr, None),
                    )
                } else {
                    (
                        Verdict::Allow,
                        msg!("reach-would-let-through", labels = &labels),
                        msg!("reach-end-no-security-group-2", labels = &labels),
                        Localized::default(),
                    )
                };
                let resource = ids.first().cloned().unwrap_or_else(|| vpc.id.clone());
                let hop = self.push(
                    Component::SecurityGroup,
                    &resource,
                    direction,
                    verdict,
                    rule,
                    detail,
                    Some(fix),
                    Some(subnet),
                );
                hop.would_admit = ids;
            }
        }
    }

    /// Why the groups do not let the traffic through, and the rule to add.
    fn sg_denial(
        &self,
        ingress: bool,
        names: &str,
        check: &super::rules::SgCheck<'s>,
        peer: &Peer<'_>,
        groups: &[&SecurityGroup],
        other: &Placement<'s>,
    ) -> (Localized, Localized, Localized) {
        let net = self.net;
        let what = self.what();
        let peer_text = addrs_text(peer.addrs);
        let rule = if ingress {
            msg!("reach-no-inbound-rule-lets", what = &what, peer_text = &peer_text)
        } else {
            msg!("reach-no-outbound-rule-lets", what = &what, peer_text = &peer_text)
        };
        let mut detail = Vec::new();
        if groups.is_empty() {
            detail.push(msg!("reach-no-security-group-snapshot"));
        } else if let Some((proto, addr, port)) = check.left_out {
            // The address is the other end's; the port is always the destination's.
            let from = ip(addr);
            let to = match proto {
                Proto::Icmp => ip(addr),
                _ => format!("{}:{port}", ip(addr)),
            };
            detail.push(if ingress {
                msg!("reach-does-not-let-from", names = &names, what = &what, from = &from)
            } else {
                msg!("reach-does-not-let-out", names = &names, what = &what, to = &to)
            });
        }
        let texts = |rules: &[(&SecurityGroup, &crate::snapshot::SgRule)]| -> Localized {
            let shown: Vec<Localized> =
                rules.iter().take(3).map(|(g, r)| sg_rule_text(net, g, r, ingress)).collect();
            Localized::new(
                shown.iter().map(|s| s.en.clone()).collect::<Vec<_>>().join("; "),
                shown.iter().map(|s| s.ko.clone()).collect::<Vec<_>>().join("; "),
            )
        };
        if !check.other_ports.is_empty() {
            let t = texts(&check.other_ports);
            detail.push(msg!("reach-does-admit-end-other", rules = &t));
        }
        if !check.other_sources.is_empty() {
            let t = texts(&check.other_sources);
            detail.push(msg!("reach-port-admits-other-sources", rules = &t));
        }
        for (g, gone) in &check.stale {
            let label = group_label(net, g);
            detail.push(match gone {
                Some((pcx, status)) => {
                    msg!("reach-rule-names-other-vpc", label = &label, pcx = &pcx, status = &status)
                }
                None => msg!("reach-rule-names-other-vpc-2", label = &label),
            });
        }
        if !check.unreadable_lists.is_empty() {
            let l = list(&check.unreadable_lists);
            detail.push(msg!("reach-rules-name-prefix-lists", lists = &l));
        }
        let target = groups.first().map(|g| g.id.clone()).unwrap_or_else(|| "SG_ID".to_owned());
        // A group reference is the tightest source when the other end has a group it can name.
        let source_group = match (&other.groups, other.at, groups.first()) {
            (Groups::Known(theirs), Some((their_vpc, _)), Some(mine))
                if theirs.len() == 1 && net.reference_reaches(&mine.vpc_id, &their_vpc.id) =>
            {
                Some(theirs[0].clone())
            }
            _ => None,
        };
        let cidr = block_for(net, peer.addrs);
        let fix = self.sg_fix_text(ingress, &target, &cidr, source_group.as_deref());
        (rule, join(detail), fix)
    }

    /// The AWS CLI that adds the missing rule to `group`.
    fn sg_fix_text(&self, ingress: bool, group: &str, cidr: &str, source_group: Option<&str>) -> Localized {
        let (proto, port) = match self.q.protocol {
            Protocol::Tcp | Protocol::Udp => {
                (self.q.protocol.name().to_owned(), self.q.port.unwrap_or(0).to_string())
            }
            Protocol::Icmp => ("icmp".to_owned(), "-1".to_owned()),
            Protocol::All => ("-1".to_owned(), "-1".to_owned()),
        };
        let what = self.what();
        if ingress {
            let (source, source_text) = match source_group {
                Some(g) => (format!("--source-group {g}"), group_label(self.net, g)),
                None => (format!("--cidr {cidr}"), cidr.to_owned()),
            };
            let cmd = format!(
                "aws ec2 authorize-security-group-ingress --group-id {group} --protocol {proto} --port {port} {source}"
            );
            msg!(
                "reach-add-inbound-rule-from",
                group = &group,
                what = &what,
                source_text = &source_text,
                cmd = &cmd
            )
        } else {
            let ports = match self.q.protocol {
                Protocol::Tcp | Protocol::Udp => format!(",FromPort={port},ToPort={port}"),
                Protocol::Icmp => ",FromPort=-1,ToPort=-1".to_owned(),
                Protocol::All => String::new(),
            };
            let cmd = format!(
                "aws ec2 authorize-security-group-egress --group-id {group} --ip-permissions 'IpProtocol={proto}{ports},IpRanges=[{{CidrIp={cidr}}}]'"
            );
            msg!("reach-add-outbound-rule", group = &group, what = &what, cidr = &cidr, cmd = &cmd)
        }
    }

    // -----------------------------------------------------------------------------------------
    // Network ACLs

    /// `subnet`'s network ACL for the request (`replies` false) or the replies, out (`egress`)
    /// to or in from `peer`.
    fn nacl_hop(
        &mut self,
        subnet: &'s Subnet,
        egress: bool,
        replies: bool,
        peer: &Ranges,
        direction: Direction,
    ) {
        let net = self.net;
        let Some(acl) = net.acl(subnet) else {
            self.push(
                Component::NetworkAcl,
                &subnet.id,
                direction,
                Verdict::Allow,
                msg!("reach-no-network-acl-listed"),
                msg!("reach-snapshot-lists-no-network", subnet = &subnet.id),
                None,
                Some(subnet),
            );
            return;
        };
        let traffics = if replies { self.replies.clone() } else { self.requests.clone() };
        let what = if replies {
            match self.q.protocol {
                Protocol::Tcp | Protocol::Udp => {
                    let l = traffics[0].label();
                    msg!("reach-replies-of", label = &l)
                }
                Protocol::Icmp => msg!("reach-icmp-replies"),
                Protocol::All => msg!("reach-all-reply-traffic"),
            }
        } else {
            self.what()
        };
        let peer_text = addrs_text(peer);
        let acl_id = acl.id.clone();
        match nacl_check(acl, egress, &traffics, peer) {
            NaclCheck::Allow(rules) => {
                let rule = match rules.first().copied() {
                    Some(first) => {
                        let t = nacl_rule_text(Some(first));
                        if rules.len() > 1 {
                            let more = rules.len() - 1;
                            msg!("reach-and-more-acl", first = &t, more = &more)
                        } else {
                            t
                        }
                    }
                    None => msg!("reach-nothing-match"),
                };
                let detail = if egress {
                    msg!(
                        "reach-lets-out",
                        acl_id = &acl_id,
                        what = &what,
                        subnet = &subnet.id,
                        peer_text = &peer_text
                    )
                } else {
                    msg!(
                        "reach-lets-into-from",
                        acl_id = &acl_id,
                        what = &what,
                        subnet = &subnet.id,
                        peer_text = &peer_text
                    )
                };
                self.push(
                    Component::NetworkAcl,
                    &acl_id,
                    direction,
                    Verdict::Allow,
                    rule,
                    detail,
                    None,
                    Some(subnet),
                );
            }
            NaclCheck::Deny { rule, proto, addr, port, allowed_later } => {
                // Out, the address is the destination and the port its port; in, the address is
                // the source and the port still the destination's.
                let (to, from) = match proto {
                    Proto::Icmp => (ip(addr), Localized::new(ip(addr), ip(addr))),
                    _ => (
                        format!("{}:{port}", ip(addr)),
                        msg!("reach-address-and-port", address = ip(addr), port = port),
                    ),
                };
                let by = nacl_rule_text(rule);
                let mut detail = vec![if egress {
                    msg!(
                        "reach-stops-leaving",
                        acl_id = &acl_id,
                        what = &what,
                        subnet = &subnet.id,
                        to = &to,
                        by = &by
                    )
                } else {
                    msg!(
                        "reach-stops-entering-from",
                        acl_id = &acl_id,
                        what = &what,
                        subnet = &subnet.id,
                        from = &from,
                        by = &by
                    )
                }];
                if let Some(later) = allowed_later {
                    let l = nacl_rule_text(Some(later));
                    detail.push(msg!("reach-would-allow-but-rules", rule = &l));
                }
                if replies {
                    detail.push(msg!(
                        "reach-network-acls-stateless-replies",
                        low = &EPHEMERAL.0,
                        high = &EPHEMERAL.1
                    ));
                }
                let fix = self.nacl_fix(acl, egress, replies, proto, peer, rule.map(|r| r.rule_number));
                self.push(
                    Component::NetworkAcl,
                    &acl_id,
                    direction,
                    Verdict::Deny,
                    by,
                    join(detail),
                    Some(fix),
                    Some(subnet),
                );
            }
        }
    }

    /// An allow entry ahead of the rule that denies (or after every rule when nothing matched).
    fn nacl_fix(
        &self,
        acl: &crate::snapshot::NetworkAcl,
        egress: bool,
        replies: bool,
        proto: Proto,
        peer: &Ranges,
        denied_by: Option<i32>,
    ) -> Localized {
        let cidr = block_for(self.net, peer);
        let (proto_arg, ports) = match (self.q.protocol, proto) {
            (Protocol::All, _) => ("-1".to_owned(), String::new()),
            (_, Proto::Icmp) => ("icmp".to_owned(), " --icmp-type-code Type=-1,Code=-1".to_owned()),
            (_, p) => {
                let (a, b) = if replies {
                    (EPHEMERAL.0, EPHEMERAL.1)
                } else {
                    let port = u32::from(self.q.port.unwrap_or(0));
                    (port, port)
                };
                (p.cli().to_owned(), format!(" --port-range From={a},To={b}"))
            }
        };
        let dir = if egress { "--egress" } else { "--ingress" };
        let spec = format!("--protocol {proto_arg}{ports} --cidr-block {cidr} --rule-action allow");
        let id = &acl.id;
        match (denied_by, free_rule_number(acl, egress, denied_by)) {
            (Some(n), Some(free)) => {
                let cmd = format!(
                    "aws ec2 create-network-acl-entry --network-acl-id {id} {dir} --rule-number {free} {spec}"
                );
                msg!("reach-add-allow-rule-numbered", number = &n, cmd = &cmd)
            }
            (Some(n), None) => {
                let cmd = format!(
                    "aws ec2 replace-network-acl-entry --network-acl-id {id} {dir} --rule-number {n} {spec}"
                );
                msg!("reach-no-rule-number-free", number = &n, cmd = &cmd)
            }
            (None, free) => {
                let free = free.unwrap_or(100);
                let cmd = format!(
                    "aws ec2 create-network-acl-entry --network-acl-id {id} {dir} --rule-number {free} {spec}"
                );
                msg!("reach-add-allow-rule", cmd = &cmd)
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Routes

    /// `subnet`'s route table for `addrs`, which must lead to `goal`.
    fn route_hop(
        &mut self,
        vpc: &'s Vpc,
        subnet: &'s Subnet,
        addrs: &Ranges,
        direction: Direction,
        goal: Goal<'s>,
    ) -> Via<'s> {
        let Some(rt) = self.net.route_table(subnet) else {
            self.push(
                Component::RouteTable,
                &subnet.id,
                direction,
                Verdict::NoRoute,
                msg!("reach-no-route-table"),
                msg!("reach-snapshot-no-route-table", subnet = &subnet.id, vpc = &vpc.id),
                None,
                Some(subnet),
            );
            return Via::Stop;
        };
        let parts = routes_for(rt, addrs);
        let rule = Localized::new(
            parts.iter().map(|p| route_text(p.route, &p.addrs, Lang::En)).collect::<Vec<_>>().join("; "),
            parts.iter().map(|p| route_text(p.route, &p.addrs, Lang::Ko)).collect::<Vec<_>>().join("; "),
        );
        let mut first: Option<Via<'s>> = None;
        for part in &parts {
            match self.judge_route(rt, vpc, part.route, &part.addrs, direction, goal) {
                // A peering that is not active is what the next hop must show, whichever part
                // of the addresses goes through it.
                Ok(Via::Peering(p))
                    if p.status != "active"
                        && !matches!(first, Some(Via::Peering(q)) if q.status != "active") =>
                {
                    first = Some(Via::Peering(p));
                }
                Ok(via) => {
                    first.get_or_insert(via);
                }
                Err(failure) => {
                    let rule = Localized::new(
                        route_text(part.route, &part.addrs, Lang::En),
                        route_text(part.route, &part.addrs, Lang::Ko),
                    );
                    self.push(
                        Component::RouteTable,
                        &rt.id,
                        direction,
                        failure.verdict,
                        rule,
                        failure.detail,
                        Some(failure.fix),
                        Some(subnet),
                    );
                    return Via::Stop;
                }
            }
        }
        let Some(via) = first else { return Via::Stop };
        let to = addrs_text(addrs);
        let detail = match &via {
            Via::Local => {
                msg!("reach-keeps-inside-local", rt = &rt.id, to = &to, vpc = &vpc.id)
            }
            Via::Peering(p) => {
                msg!("reach-sends-into-peering", rt = &rt.id, to = &to, peering = &p.id)
            }
            Via::TransitGateway(t) => {
                msg!("reach-sends-transit-gateway", rt = &rt.id, to = &to, transit_gateway = &t)
            }
            Via::InternetGateway(g) => {
                msg!("reach-sends-internet-gateway", rt = &rt.id, to = &to, igw = &g.id)
            }
            Via::Nat(n) => {
                msg!("reach-sends-nat-gateway", rt = &rt.id, to = &to, nat = &n.id)
            }
            Via::Stop => Localized::default(),
        };
        self.push(Component::RouteTable, &rt.id, direction, Verdict::Allow, rule, detail, None, Some(subnet));
        via
    }

    fn judge_route(
        &self,
        rt: &'s RouteTable,
        vpc: &'s Vpc,
        route: Option<&'s Route>,
        addrs: &Ranges,
        direction: Direction,
        goal: Goal<'s>,
    ) -> Result<Via<'s>, RouteFailure> {
        let net = self.net;
        let to = addrs_text(addrs);
        let fail = |verdict: Verdict, detail: Localized| RouteFailure {
            verdict,
            detail,
            fix: self.route_fix(rt, vpc, route, addrs, direction, goal),
        };
        let Some(r) = route else {
            return Err(fail(
                Verdict::NoRoute,
                msg!("reach-no-route-packets-dropped", rt = &rt.id, to = &to),
            ));
        };
        let target = r.target.as_str();
        match r.target_kind {
            RouteTargetKind::Peering => {
                let Some(p) = net.peering(target) else {
                    return Err(fail(
                        Verdict::NoRoute,
                        msg!("reach-sends-into-peering-no", rt = &rt.id, to = &to, target = &target),
                    ));
                };
                match goal {
                    Goal::Vpc(dv) if p.connects(&vpc.id, &dv.id) => Ok(Via::Peering(p)),
                    Goal::Vpc(dv) => Err(fail(
                        Verdict::NoRoute,
                        msg!(
                            "reach-sends-into-peering-joins",
                            rt = &rt.id,
                            to = &to,
                            target = &target,
                            requester = &p.requester.vpc_id,
                            accepter = &p.accepter.vpc_id,
                            dv = &dv.id
                        ),
                    )),
                    Goal::Internet { .. } => Err(fail(
                        Verdict::NoRoute,
                        msg!("reach-sends-into-peering-peering", rt = &rt.id, to = &to, target = &target),
                    )),
                }
            }
            _ if r.state == "blackhole" => Err(fail(
                Verdict::NoRoute,
                msg!("reach-sends-gone-route-blackhole", rt = &rt.id, to = &to, target = &target),
            )),
            RouteTargetKind::Local => match goal {
                Goal::Vpc(dv) if dv.id == vpc.id => Ok(Via::Local),
                Goal::Vpc(dv) => Err(fail(
                    Verdict::NoRoute,
                    msg!(
                        "reach-lies-inside-s-own",
                        to = &to,
                        vpc = &vpc.id,
                        destination = &r.destination,
                        dv = &dv.id
                    ),
                )),
                Goal::Internet { .. } => Err(fail(
                    Verdict::NoRoute,
                    msg!("reach-lies-inside-s-own-2", to = &to, vpc = &vpc.id, destination = &r.destination),
                )),
            },
            RouteTargetKind::TransitGateway => Ok(Via::TransitGateway(target.to_owned())),
            RouteTargetKind::InternetGateway => match goal {
                Goal::Internet { .. } => match net.igw_of(&vpc.id).filter(|g| g.id == target) {
                    Some(igw) => Ok(Via::InternetGateway(igw)),
                    None => Err(fail(
                        Verdict::NoRoute,
                        msg!(
                            "reach-sends-not-attached",
                            rt = &rt.id,
                            to = &to,
                            target = &target,
                            vpc = &vpc.id
                        ),
                    )),
                },
                Goal::Vpc(dv) => Err(fail(
                    Verdict::NoRoute,
                    msg!(
                        "reach-sends-internet-gateway-not",
                        rt = &rt.id,
                        to = &to,
                        target = &target,
                        dv = &dv.id
                    ),
                )),
            },
            RouteTargetKind::NatGateway => {
                let nat = net.nat(target);
                let state = nat.map_or("missing", |n| n.state.as_str());
                if nat.is_none() || matches!(state, "deleted" | "deleting" | "failed") {
                    return Err(fail(
                        Verdict::NoRoute,
                        msg!(
                            "reach-sends-nat-gateway-route",
                            rt = &rt.id,
                            to = &to,
                            target = &target,
                            state = &state
                        ),
                    ));
                }
                let nat = nat.expect("checked above");
                match goal {
                    Goal::Internet { through_nat: true, .. } => Ok(Via::Nat(nat)),
                    Goal::Internet { through_nat: false, .. } if direction == Direction::Return => Err(fail(
                        Verdict::NoRoute,
                        msg!("reach-sends-replies-through-nat", rt = &rt.id, to = &to, target = &target),
                    )),
                    Goal::Internet { .. } => Err(fail(
                        Verdict::NoRoute,
                        msg!("reach-nat-gateway-s-own", rt = &rt.id, to = &to, target = &target),
                    )),
                    Goal::Vpc(dv) => Err(fail(
                        Verdict::NoRoute,
                        msg!(
                            "reach-sends-nat-gateway-not",
                            rt = &rt.id,
                            to = &to,
                            target = &target,
                            dv = &dv.id
                        ),
                    )),
                }
            }
            _ => Err(fail(
                Verdict::NoRoute,
                msg!("reach-sends-sandpit-does-not", rt = &rt.id, to = &to, target = &target),
            )),
        }
    }

    /// The route to add or replace so that `addrs` reach `goal` from `rt`.
    fn route_fix(
        &self,
        rt: &RouteTable,
        vpc: &Vpc,
        matched: Option<&Route>,
        addrs: &Ranges,
        direction: Direction,
        goal: Goal<'s>,
    ) -> Localized {
        let net = self.net;
        let verb = |dest: &str| {
            if rt.routes.iter().any(|r| r.destination == dest) { "replace-route" } else { "create-route" }
        };
        match goal {
            Goal::Vpc(dv) if dv.id == vpc.id => {
                msg!("reach-let-keep-local-route", rt = &rt.id, cidr = &vpc.cidr)
            }
            Goal::Vpc(dv) => {
                let own = net.vpc_ranges(vpc);
                if own.meets(addrs) {
                    return msg!("reach-overlap-vpc-s-primary", vpc = &vpc.id, dv = &dv.id);
                }
                // A route meant for that VPC that leads astray is corrected in place; otherwise
                // the tightest block is added: the other end's subnet, as the labs teach.
                let far = if direction == Direction::Return { self.src } else { self.dst };
                let meant = matched.filter(|r| {
                    r.target != "local"
                        && Ranges::parse_net(&r.destination).is_some_and(|d| net.vpc_ranges(dv).covers(&d))
                });
                let dest = match meant {
                    Some(r) => r.destination.clone(),
                    None => far
                        .at
                        .and_then(|(_, s)| {
                            Ranges::parse_net(&s.cidr).filter(|r| r.covers(addrs)).map(|_| s.cidr.clone())
                        })
                        .or_else(|| addrs.as_one_cidr().map(|c| c.to_string()))
                        .unwrap_or_else(|| dv.cidr.clone()),
                };
                match net.active_peering(&vpc.id, &dv.id) {
                    Some(p) => {
                        let cmd = format!(
                            "aws ec2 {} --route-table-id {} --destination-cidr-block {dest} --vpc-peering-connection-id {}",
                            verb(&dest),
                            rt.id,
                            p.id
                        );
                        msg!(
                            "reach-route-through-peering",
                            dest = &dest,
                            peering = &p.id,
                            rt = &rt.id,
                            cmd = &cmd
                        )
                    }
                    None => match net
                        .inactive_peering(&vpc.id, &dv.id)
                        .filter(|p| p.status == "pending-acceptance")
                    {
                        Some(p) => {
                            msg!("reach-accept-peering-aws-ec2", peering = &p.id, dest = &dest, rt = &rt.id)
                        }
                        None => msg!(
                            "reach-no-active-peering-joins",
                            vpc = &vpc.id,
                            dv = &dv.id,
                            dest = &dest,
                            rt = &rt.id
                        ),
                    },
                }
            }
            Goal::Internet { through_nat: true, .. } => {
                let nat = net
                    .snap
                    .nat_gateways
                    .iter()
                    .find(|n| n.vpc_id == vpc.id && n.state == "available" && n.connectivity == "public");
                match nat {
                    Some(n) => {
                        let cmd = format!(
                            "aws ec2 {} --route-table-id {} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id {}",
                            verb("0.0.0.0/0"),
                            rt.id,
                            n.id
                        );
                        msg!("reach-send-internet-through-nat", nat = &n.id, cmd = &cmd)
                    }
                    None => {
                        let public = self.public_subnet(vpc).unwrap_or_else(|| "PUBLIC_SUBNET_ID".to_owned());
                        let cmd = format!(
                            "aws ec2 {} --route-table-id {} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id NAT_ID",
                            verb("0.0.0.0/0"),
                            rt.id
                        );
                        msg!("reach-no-available-nat-gateway", vpc = &vpc.id, public = &public, cmd = &cmd)
                    }
                }
            }
            // Sending the NAT gateway's subnet to the internet gateway would make every subnet
            // sharing its route table public (a private table, when the gateway was put in a
            // private subnet): the gateway moves to a public subnet instead.
            Goal::Internet { from_nat: Some(nat), .. } => self.nat_placement_fix(nat, vpc, rt),
            Goal::Internet { through_nat: false, .. } => match net.igw_of(&vpc.id) {
                Some(igw) => {
                    let cmd = format!(
                        "aws ec2 {} --route-table-id {} --destination-cidr-block 0.0.0.0/0 --gateway-id {}",
                        verb("0.0.0.0/0"),
                        rt.id,
                        igw.id
                    );
                    msg!("reach-send-internet-internet-gateway", igw = &igw.id, rt = &rt.id, cmd = &cmd)
                }
                None => msg!("reach-no-internet-gateway-create", vpc = &vpc.id, rt = &rt.id),
            },
        }
    }

    /// The NAT gateway recreated in a public subnet of `vpc` and the source's route pointed at
    /// it, for a gateway whose own subnet (route table `rt`) does not reach the internet.
    fn nat_placement_fix(&self, nat: &NatGateway, vpc: &Vpc, rt: &RouteTable) -> Localized {
        let public = self.public_subnet(vpc).unwrap_or_else(|| "PUBLIC_SUBNET_ID".to_owned());
        let private_rt = self
            .src
            .at
            .and_then(|(_, s)| self.net.route_table(s))
            .map_or_else(|| "PRIVATE_ROUTE_TABLE_ID".to_owned(), |t| t.id.clone());
        let cmd = format!(
            "aws ec2 replace-route --route-table-id {private_rt} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id NEW_NAT_ID"
        );
        msg!(
            "reach-nat-gateway-to-public-subnet",
            nat = &nat.id,
            subnet = &nat.subnet_id,
            rt = &rt.id,
            public = &public,
            cmd = &cmd
        )
    }

    /// A subnet of `vpc` whose route table sends the internet to an internet gateway.
    fn public_subnet(&self, vpc: &Vpc) -> Option<String> {
        self.net.subnets_of(&vpc.id).into_iter().find_map(|s| {
            let rt = self.net.route_table(s)?;
            let default = rt.route_for("8.8.8.8/32".parse().ok()?)?;
            (default.target_kind == RouteTargetKind::InternetGateway).then(|| s.id.clone())
        })
    }

    // -----------------------------------------------------------------------------------------
    // Gateways

    fn peering_hop(&mut self, p: &'s PeeringConnection, from: &Vpc, to: &Vpc, direction: Direction) {
        let rule = Localized::new(
            format!("{}: `{}` ({} ↔ {})", p.id, p.status, p.requester.vpc_id, p.accepter.vpc_id),
            format!("{}: `{}` ({} ↔ {})", p.id, p.status, p.requester.vpc_id, p.accepter.vpc_id),
        );
        let status = &p.status;
        if status == "active" {
            let detail = msg!("reach-peering-active-joins", peering = &p.id, from = &from.id, to = &to.id);
            self.push(Component::Peering, &p.id, direction, Verdict::Allow, rule, detail, None, None);
            return;
        }
        let detail = msg!("reach-peering-peering-carries-traffic", peering = &p.id, status = &status);
        let fix = if status == "pending-acceptance" {
            let cmd = format!("aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id {}", p.id);
            msg!("reach-accept-accepter-vpc-s", cmd = &cmd)
        } else {
            msg!(
                "reach-cannot-come-back-create",
                requester = &p.requester.vpc_id,
                accepter = &p.accepter.vpc_id
            )
        };
        self.push(Component::Peering, &p.id, direction, Verdict::Inactive, rule, detail, Some(fix), None);
    }

    fn tgw_hop(&mut self, id: &str, direction: Direction) {
        self.push(
            Component::TransitGateway,
            id,
            direction,
            Verdict::Allow,
            msg!("reach-target-not-followed", id = &id),
            msg!("reach-sandpit-does-not-read", id = &id),
            None,
            None,
        );
    }

    fn nat_hop(&mut self, nat: &'s NatGateway, subnet: &'s Subnet) {
        let public_ip = nat.addresses.iter().find_map(|a| a.public_ip.clone());
        let text = format!(
            "{}: `{}`, `{}`, {}",
            nat.id,
            nat.state,
            nat.connectivity,
            public_ip.as_deref().unwrap_or("-")
        );
        let rule = Localized::new(text.clone(), text);
        let id = &nat.id;
        let (verdict, detail, fix) = if nat.state != "available" {
            (
                Verdict::Inactive,
                msg!("reach-nat-gateway-not-available", id = &id, state = &nat.state),
                msg!("reach-wait-until-available-aws", id = &id),
            )
        } else if nat.connectivity == "private" || public_ip.is_none() {
            (
                Verdict::Deny,
                msg!("reach-nat-gateway-no-public", id = &id),
                msg!("reach-use-public-nat-gateway"),
            )
        } else {
            let ip = public_ip.clone().unwrap_or_default();
            (
                Verdict::Allow,
                msg!("reach-nat-gateway-available-sends", id = &id, ip = &ip),
                Localized::default(),
            )
        };
        self.push(
            Component::NatGateway,
            id,
            Direction::Outbound,
            verdict,
            rule,
            detail,
            Some(fix),
            Some(subnet),
        );
    }

    /// Out to the internet through the VPC's internet gateway: the sender needs a public
    /// address (its own, or the NAT gateway's).
    fn igw_out_hop(&mut self, igw: &'s InternetGateway, nat: Option<&'s NatGateway>) {
        let rule = msg!("reach-igw-attached", id = &igw.id);
        let id = &igw.id;
        let (verdict, detail, fix) = match (nat, &self.src.public) {
            (Some(n), _) => {
                (Verdict::Allow, msg!("reach-internet-gateway-carries-nat", id = &id, nat = &n.id), None)
            }
            (None, Public::Yes(why)) => {
                (Verdict::Allow, msg!("reach-igw-carries-out", id = id, why = why), None)
            }
            (None, Public::No(why)) => (
                Verdict::Deny,
                msg!("reach-igw-out-needs-public-address", why = why),
                Some(self.public_ip_fix(self.src, true)),
            ),
        };
        self.push(Component::InternetGateway, id, Direction::Outbound, verdict, rule, detail, fix, None);
    }

    /// In from the internet: an internet gateway attached to the VPC, and a public address on
    /// the destination. False when the walk cannot go on.
    fn igw_in_hop(&mut self, vpc: &'s Vpc, subnet: &'s Subnet) -> bool {
        let Some(igw) = self.net.igw_of(&vpc.id) else {
            let id = &vpc.id;
            self.push(
                Component::InternetGateway,
                id,
                Direction::Inbound,
                Verdict::NoRoute,
                msg!("reach-no-internet-gateway-attached", id = &id),
                msg!("reach-no-internet-gateway-nothing", id = &id),
                Some(msg!("reach-create-attach-one-aws", id = &id)),
                Some(subnet),
            );
            return false;
        };
        let rule = msg!("reach-igw-attached-to", id = &igw.id, vpc = &vpc.id);
        let id = &igw.id;
        let (verdict, detail, fix) = match &self.dst.public {
            Public::Yes(why) => (Verdict::Allow, msg!("reach-igw-delivers-in", id = id, why = why), None),
            Public::No(why) => (
                Verdict::Deny,
                msg!("reach-igw-in-needs-public-address", why = why),
                Some(self.public_ip_fix(self.dst, false)),
            ),
        };
        self.push(
            Component::InternetGateway,
            id,
            Direction::Inbound,
            verdict,
            rule,
            detail,
            fix,
            Some(subnet),
        );
        true
    }

    /// How `end` gets a public address; `outbound` when it only needs to reach out (a NAT
    /// gateway is the better answer for private subnets).
    fn public_ip_fix(&self, end: &Placement<'_>, outbound: bool) -> Localized {
        let endpoint = if std::ptr::eq(end, self.src) { &self.q.from } else { &self.q.to };
        let subnet = end.at.map(|(_, s)| s.id.clone()).unwrap_or_default();
        if outbound {
            msg!("reach-keep-private-send-0")
        } else if endpoint.starts_with("i-") || endpoint.starts_with("eni-") {
            msg!("reach-give-elastic-ip-aws", endpoint = &endpoint)
        } else {
            msg!("reach-give-what-runs-public", subnet = &subnet)
        }
    }
}
