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
use crate::{Lang, Localized, l10n};

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
    let (port_en, port_ko) = match (q.protocol.has_port(), q.port) {
        (true, Some(p)) => (format!(" on port {p}"), format!(" {p} 포트에서")),
        _ => (String::new(), String::new()),
    };
    if reachable {
        l10n!(
            en: "The network path is open both ways. If the connection still fails, look beyond the network: the credentials (user name and password; for RDS the master password, kept in Secrets Manager when RDS manages it), the engine (is it running and listening{port_en}, does it accept this client?) and the operating system (a host firewall, a service bound to `localhost` only). In the bootcamp project the \"broken peering\" was a wrong database password.";
            ko: "네트워크 경로는 양방향 모두 열려 있습니다. 그래도 연결이 안 되면 네트워크 밖을 보세요: 자격 증명(사용자 이름과 비밀번호, RDS라면 마스터 비밀번호이며 RDS가 관리하면 Secrets Manager에 있습니다), 엔진(실행 중이고{port_ko} 듣고 있는지, 이 클라이언트의 접속을 받는지), 운영체제(호스트 방화벽, `localhost`에만 바인드된 서비스). 부트캠프 프로젝트에서 \"피어링이 안 된다\"던 문제는 DB 비밀번호가 틀린 것이었습니다."
        )
    } else {
        let n = blocked_at.unwrap_or(1);
        l10n!(
            en: "Not yet: hop {n} blocks the network path; fix it first. Once the path is open, a connection that still fails is beyond the network: the credentials, the engine, the operating system.";
            ko: "아직 아닙니다: {n}번 구간이 네트워크 경로를 막고 있으니 먼저 고치세요. 경로가 열린 뒤에도 연결이 안 되면 그때는 네트워크 밖(자격 증명, 엔진, 운영체제)을 보세요."
        )
    }
}

/// Where a route must lead.
#[derive(Clone, Copy)]
enum Goal<'s> {
    /// Into this VPC.
    Vpc(&'s Vpc),
    /// To the internet; `through_nat` when a NAT gateway may carry it (requests from a private
    /// subnet), not for replies to the internet or the NAT gateway's own subnet.
    Internet { through_nat: bool },
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
            Protocol::All => l10n!(en: "all traffic"; ko: "모든 트래픽"),
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
        match self.route_hop(sv, ss, &dst_addrs, Direction::Outbound, Goal::Internet { through_nat: true }) {
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
                l10n!(en: "{} in {id}", nat.id; ko: "{} ({id})", nat.id),
                l10n!(en: "The NAT gateway's subnet {id} is not in the snapshot."; ko: "NAT 게이트웨이의 서브넷 {id}이(가) 스냅숏에 없습니다."),
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
        match self.route_hop(nv, ns, &dst_addrs, Direction::Outbound, Goal::Internet { through_nat: false }) {
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
        self.route_hop(dv, ds, &src_addrs, Direction::Return, Goal::Internet { through_nat: false });
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
        let (way_en, way_ko) =
            if ingress { ("in from", "에서 들어오는") } else { ("out to", "(으)로 나가는") };
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
                        rule = l10n!(en: "{} (+{more} more)", rule.en; ko: "{} 외 {more}개", rule.ko);
                    }
                    let mut detail = vec![l10n!(
                        en: "{names} lets {} {way_en} {}.", what.en, peer_text.en;
                        ko: "{names}이(가) {}{} {}을(를) 허용합니다.", peer_text.ko, way_ko, what.ko
                    )];
                    if !check.only_if_member_of.is_empty() {
                        let need = list(
                            &check.only_if_member_of.iter().map(|g| group_label(net, g)).collect::<Vec<_>>(),
                        );
                        detail.push(l10n!(
                            en: "Only if the other end carries one of these groups: {need} (it has no security group of its own here, so this is what it would need).";
                            ko: "단, 상대편이 이 보안 그룹 중 하나를 달고 있어야 합니다: {need} (상대편 자체에는 보안 그룹이 없으므로 필요한 그룹을 알려 드립니다)."
                        ));
                    }
                    if check.wide_open && ingress {
                        detail.push(l10n!(
                            en: "Its rules together are open to every address (0.0.0.0/0).";
                            ko: "규칙을 합치면 모든 주소(0.0.0.0/0)에 열려 있습니다."
                        ));
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
                        l10n!(en: "no group of {} lets it {way_en} {}", vpc.id, peer_text.en; ko: "{}의 어떤 그룹도 {}{} 트래픽을 허용하지 않음", vpc.id, peer_text.ko, way_ko),
                        l10n!(
                            en: "This end has no security group of its own (it is a subnet or an address). No security group of {} would let {} {way_en} {}, so whatever group an instance here gets must be given a rule.", vpc.id, what.en, peer_text.en;
                            ko: "이쪽 끝은 서브넷이나 주소라서 자체 보안 그룹이 없습니다. {}의 보안 그룹 중 {}{} {}을(를) 허용하는 것이 없으므로, 여기 둘 인스턴스의 보안 그룹에 규칙을 추가해야 합니다.", vpc.id, peer_text.ko, way_ko, what.ko
                        ),
                        self.sg_fix_text(ingress, "SG_ID", &cidr, None),
                    )
                } else {
                    (
                        Verdict::Allow,
                        l10n!(en: "would be let through by {labels}"; ko: "{labels}이(가) 허용함"),
                        l10n!(
                            en: "This end has no security group of its own (it is a subnet or an address), so nothing is guessed: an instance here gets through if it carries one of {labels}.";
                            ko: "이쪽 끝은 서브넷이나 주소라서 자체 보안 그룹이 없으므로 추측하지 않습니다: 여기 둘 인스턴스가 {labels} 중 하나를 달면 통과합니다."
                        ),
                        l10n!(en: ""; ko: ""),
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
            l10n!(en: "no inbound rule lets {} in from {}", what.en, peer_text.en; ko: "{}에서 들어오는 {}을(를) 허용하는 인바운드 규칙 없음", peer_text.ko, what.ko)
        } else {
            l10n!(en: "no outbound rule lets {} out to {}", what.en, peer_text.en; ko: "{}(으)로 나가는 {}을(를) 허용하는 아웃바운드 규칙 없음", peer_text.ko, what.ko)
        };
        let mut detail = Vec::new();
        if groups.is_empty() {
            detail.push(l10n!(en: "It has no security group that the snapshot knows."; ko: "스냅숏에 있는 보안 그룹이 하나도 없습니다."));
        } else if let Some((proto, addr, port)) = check.left_out {
            // The address is the other end's; the port is always the destination's.
            let from = ip(addr);
            let to = match proto {
                Proto::Icmp => ip(addr),
                _ => format!("{}:{port}", ip(addr)),
            };
            detail.push(if ingress {
                l10n!(en: "{names} does not let {} in from {from}.", what.en; ko: "{names}이(가) {from}에서 들어오는 {}을(를) 허용하지 않습니다.", what.ko)
            } else {
                l10n!(en: "{names} does not let {} out to {to}.", what.en; ko: "{names}이(가) {to}(으)로 나가는 {}을(를) 허용하지 않습니다.", what.ko)
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
            detail.push(l10n!(en: "It does admit that end on other ports: {}.", t.en; ko: "그 상대는 다른 포트로만 허용됩니다: {}.", t.ko));
        }
        if !check.other_sources.is_empty() {
            let t = texts(&check.other_sources);
            detail.push(l10n!(en: "On this port it admits other sources only: {}.", t.en; ko: "이 포트는 다른 소스에만 열려 있습니다: {}.", t.ko));
        }
        for (g, gone) in &check.stale {
            let label = group_label(net, g);
            detail.push(match gone {
                Some((pcx, status)) => l10n!(
                    en: "A rule names {label} in the other VPC, but the peering {pcx} between them is `{status}`: a group reference across a peering that is not active admits nobody (AWS marks the rule stale).";
                    ko: "규칙이 다른 VPC의 {label}을(를) 가리키지만 두 VPC 사이의 피어링 {pcx}이(가) `{status}` 상태입니다: 활성이 아닌 피어링 너머의 보안 그룹 참조는 아무도 허용하지 않습니다(AWS는 이 규칙을 오래된 규칙으로 표시합니다)."
                ),
                None => l10n!(
                    en: "A rule names {label} in the other VPC, but no active peering joins the two VPCs: the reference admits nobody.";
                    ko: "규칙이 다른 VPC의 {label}을(를) 가리키지만 두 VPC를 잇는 활성 피어링이 없어 아무도 허용하지 않습니다."
                ),
            });
        }
        if !check.unreadable_lists.is_empty() {
            let l = list(&check.unreadable_lists);
            detail.push(l10n!(en: "Rules name prefix lists that could not be read ({l}); they were not counted."; ko: "읽지 못한 접두사 목록({l})을 가리키는 규칙은 세지 않았습니다."));
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
            l10n!(
                en: "Add an inbound rule to {group}: {} from {source_text}: `{cmd}`", what.en;
                ko: "{group}에 인바운드 규칙을 추가하세요({source_text}에서 오는 {}): `{cmd}`", what.ko
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
            l10n!(
                en: "Add an outbound rule to {group}: {} to {cidr}: `{cmd}`", what.en;
                ko: "{group}에 아웃바운드 규칙을 추가하세요({cidr}(으)로 나가는 {}): `{cmd}`", what.ko
            )
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
                l10n!(en: "no network ACL listed"; ko: "네트워크 ACL 목록에 없음"),
                l10n!(
                    en: "The snapshot lists no network ACL for {}; AWS gives every subnet one, so this takes its VPC's default (which allows everything).", subnet.id;
                    ko: "스냅숏에 {}의 네트워크 ACL이 없습니다. AWS는 모든 서브넷에 ACL을 두므로 VPC의 기본 ACL(모두 허용)로 봅니다.", subnet.id
                ),
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
                    l10n!(en: "replies ({l})"; ko: "응답({l})")
                }
                Protocol::Icmp => l10n!(en: "ICMP replies"; ko: "ICMP 응답"),
                Protocol::All => l10n!(en: "all reply traffic"; ko: "모든 응답 트래픽"),
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
                            l10n!(en: "{} (+{more} more)", t.en; ko: "{} 외 {more}개", t.ko)
                        } else {
                            t
                        }
                    }
                    None => l10n!(en: "nothing to match"; ko: "해당 없음"),
                };
                let detail = if egress {
                    l10n!(en: "{acl_id} lets {} out of {} to {}.", what.en, subnet.id, peer_text.en; ko: "{acl_id}이(가) {}에서 {}(으)로 나가는 {}을(를) 허용합니다.", subnet.id, peer_text.ko, what.ko)
                } else {
                    l10n!(en: "{acl_id} lets {} into {} from {}.", what.en, subnet.id, peer_text.en; ko: "{acl_id}이(가) {}에서 {}(으)로 들어오는 {}을(를) 허용합니다.", peer_text.ko, subnet.id, what.ko)
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
                    Proto::Icmp => (ip(addr), ip(addr)),
                    _ => (format!("{}:{port}", ip(addr)), format!("{} (port {port})", ip(addr))),
                };
                let from_ko = match proto {
                    Proto::Icmp => ip(addr),
                    _ => format!("{} ({port} 포트)", ip(addr)),
                };
                let by = nacl_rule_text(rule);
                let mut detail = vec![if egress {
                    l10n!(en: "{acl_id} stops {} leaving {} for {to} ({}).", what.en, subnet.id, by.en; ko: "{acl_id}이(가) {}에서 {to}(으)로 나가는 {}을(를) 막습니다({}).", subnet.id, what.ko, by.ko)
                } else {
                    l10n!(en: "{acl_id} stops {} entering {} from {from} ({}).", what.en, subnet.id, by.en; ko: "{acl_id}이(가) {from_ko}에서 {}(으)로 들어오는 {}을(를) 막습니다({}).", subnet.id, what.ko, by.ko)
                }];
                if let Some(later) = allowed_later {
                    let l = nacl_rule_text(Some(later));
                    detail.push(l10n!(
                        en: "{} would allow it, but rules are read lowest number first and the first match decides.", l.en;
                        ko: "{}이(가) 허용하지만, 규칙은 번호가 낮은 것부터 읽고 처음 맞는 규칙이 결정합니다.", l.ko
                    ));
                }
                if replies {
                    detail.push(l10n!(
                        en: "Network ACLs are stateless: replies need their own rule, to the client's ephemeral port, which can be anywhere in {}-{}.", EPHEMERAL.0, EPHEMERAL.1;
                        ko: "네트워크 ACL은 상태를 기억하지 않으므로 응답에도 규칙이 따로 필요합니다. 응답은 클라이언트의 임시 포트({}-{} 중 아무 포트)로 돌아갑니다.", EPHEMERAL.0, EPHEMERAL.1
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
                l10n!(
                    en: "Add an allow rule numbered below #{n}, so it is read first: `{cmd}`";
                    ko: "#{n}보다 낮은 번호로 허용 규칙을 추가해 먼저 읽히게 하세요: `{cmd}`"
                )
            }
            (Some(n), None) => {
                let cmd = format!(
                    "aws ec2 replace-network-acl-entry --network-acl-id {id} {dir} --rule-number {n} {spec}"
                );
                l10n!(
                    en: "No rule number is free below #{n}: make #{n} an allow rule: `{cmd}`";
                    ko: "#{n}보다 낮은 빈 번호가 없으니 #{n}을(를) 허용 규칙으로 바꾸세요: `{cmd}`"
                )
            }
            (None, free) => {
                let free = free.unwrap_or(100);
                let cmd = format!(
                    "aws ec2 create-network-acl-entry --network-acl-id {id} {dir} --rule-number {free} {spec}"
                );
                l10n!(en: "Add an allow rule: `{cmd}`"; ko: "허용 규칙을 추가하세요: `{cmd}`")
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
                l10n!(en: "no route table"; ko: "라우팅 테이블 없음"),
                l10n!(
                    en: "The snapshot has no route table for {} (and no main table for {}).", subnet.id, vpc.id;
                    ko: "스냅숏에 {}의 라우팅 테이블(과 {}의 기본 라우팅 테이블)이 없습니다.", subnet.id, vpc.id
                ),
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
                l10n!(en: "{} keeps {} inside {} (`local`).", rt.id, to.en, vpc.id; ko: "{}이(가) {}을(를) {} 안에서 전달합니다(`local`).", rt.id, to.ko, vpc.id)
            }
            Via::Peering(p) => {
                l10n!(en: "{} sends {} into the peering {}.", rt.id, to.en, p.id; ko: "{}이(가) {}을(를) 피어링 {}(으)로 보냅니다.", rt.id, to.ko, p.id)
            }
            Via::TransitGateway(t) => {
                l10n!(en: "{} sends {} to the transit gateway {t}.", rt.id, to.en; ko: "{}이(가) {}을(를) 전송 게이트웨이 {t}(으)로 보냅니다.", rt.id, to.ko)
            }
            Via::InternetGateway(g) => {
                l10n!(en: "{} sends {} to the internet gateway {}.", rt.id, to.en, g.id; ko: "{}이(가) {}을(를) 인터넷 게이트웨이 {}(으)로 보냅니다.", rt.id, to.ko, g.id)
            }
            Via::Nat(n) => {
                l10n!(en: "{} sends {} to the NAT gateway {}.", rt.id, to.en, n.id; ko: "{}이(가) {}을(를) NAT 게이트웨이 {}(으)로 보냅니다.", rt.id, to.ko, n.id)
            }
            Via::Stop => l10n!(en: ""; ko: ""),
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
                l10n!(en: "{} has no route for {}: the packets are dropped.", rt.id, to.en; ko: "{}에 {}(으)로 가는 경로가 없어 패킷이 버려집니다.", rt.id, to.ko),
            ));
        };
        let target = r.target.as_str();
        match r.target_kind {
            RouteTargetKind::Peering => {
                let Some(p) = net.peering(target) else {
                    return Err(fail(
                        Verdict::NoRoute,
                        l10n!(en: "{} sends {} into the peering {target}, which no longer exists (a blackhole).", rt.id, to.en; ko: "{}이(가) {}을(를) 더 이상 없는 피어링 {target}(으)로 보냅니다(블랙홀).", rt.id, to.ko),
                    ));
                };
                match goal {
                    Goal::Vpc(dv) if p.connects(&vpc.id, &dv.id) => Ok(Via::Peering(p)),
                    Goal::Vpc(dv) => Err(fail(
                        Verdict::NoRoute,
                        l10n!(
                            en: "{} sends {} into the peering {target}, which joins {} and {}, not {}.", rt.id, to.en, p.requester.vpc_id, p.accepter.vpc_id, dv.id;
                            ko: "{}이(가) {}을(를) 피어링 {target}(으)로 보내지만, 이 피어링은 {}와(과) {}을(를) 잇고 {}와(과)는 잇지 않습니다.", rt.id, to.ko, p.requester.vpc_id, p.accepter.vpc_id, dv.id
                        ),
                    )),
                    Goal::Internet { .. } => Err(fail(
                        Verdict::NoRoute,
                        l10n!(en: "{} sends {} into the peering {target}: a peering does not lead to the internet.", rt.id, to.en; ko: "{}이(가) {}을(를) 피어링 {target}(으)로 보냅니다: 피어링으로는 인터넷에 나갈 수 없습니다.", rt.id, to.ko),
                    )),
                }
            }
            _ if r.state == "blackhole" => Err(fail(
                Verdict::NoRoute,
                l10n!(en: "{} sends {} to {target}, which is gone: the route is a blackhole.", rt.id, to.en; ko: "{}이(가) {}을(를) 이미 없는 {target}(으)로 보냅니다: 블랙홀 경로입니다.", rt.id, to.ko),
            )),
            RouteTargetKind::Local => match goal {
                Goal::Vpc(dv) if dv.id == vpc.id => Ok(Via::Local),
                Goal::Vpc(dv) => Err(fail(
                    Verdict::NoRoute,
                    l10n!(
                        en: "{} lies inside {}'s own block {}, so the `local` route keeps it in {}: it never reaches {}. The two VPCs overlap.", to.en, vpc.id, r.destination, vpc.id, dv.id;
                        ko: "{}이(가) {}의 자체 대역 {} 안에 있어서 `local` 경로가 {} 안에 붙잡아 둡니다: {}에는 닿지 않습니다. 두 VPC의 대역이 겹칩니다.", to.ko, vpc.id, r.destination, vpc.id, dv.id
                    ),
                )),
                Goal::Internet { .. } => Err(fail(
                    Verdict::NoRoute,
                    l10n!(en: "{} lies inside {}'s own block {}: the `local` route keeps it in the VPC.", to.en, vpc.id, r.destination; ko: "{}이(가) {}의 자체 대역 {} 안에 있어 `local` 경로가 VPC 안에 붙잡아 둡니다.", to.ko, vpc.id, r.destination),
                )),
            },
            RouteTargetKind::TransitGateway => Ok(Via::TransitGateway(target.to_owned())),
            RouteTargetKind::InternetGateway => match goal {
                Goal::Internet { .. } => match net.igw_of(&vpc.id).filter(|g| g.id == target) {
                    Some(igw) => Ok(Via::InternetGateway(igw)),
                    None => Err(fail(
                        Verdict::NoRoute,
                        l10n!(en: "{} sends {} to {target}, which is not attached to {}.", rt.id, to.en, vpc.id; ko: "{}이(가) {}을(를) {}에 연결되지 않은 {target}(으)로 보냅니다.", rt.id, to.ko, vpc.id),
                    )),
                },
                Goal::Vpc(dv) => Err(fail(
                    Verdict::NoRoute,
                    l10n!(en: "{} sends {} to the internet gateway {target}, not towards {}: another VPC's private addresses are not on the internet.", rt.id, to.en, dv.id; ko: "{}이(가) {}을(를) {}이(가) 아닌 인터넷 게이트웨이 {target}(으)로 보냅니다: 다른 VPC의 사설 주소는 인터넷에 없습니다.", rt.id, to.ko, dv.id),
                )),
            },
            RouteTargetKind::NatGateway => {
                let nat = net.nat(target);
                let state = nat.map_or("missing", |n| n.state.as_str());
                if nat.is_none() || matches!(state, "deleted" | "deleting" | "failed") {
                    return Err(fail(
                        Verdict::NoRoute,
                        l10n!(en: "{} sends {} to the NAT gateway {target}, which is `{state}`: the route is a blackhole.", rt.id, to.en; ko: "{}이(가) {}을(를) `{state}` 상태인 NAT 게이트웨이 {target}(으)로 보냅니다: 블랙홀 경로입니다.", rt.id, to.ko),
                    ));
                }
                let nat = nat.expect("checked above");
                match goal {
                    Goal::Internet { through_nat: true } => Ok(Via::Nat(nat)),
                    Goal::Internet { through_nat: false } if direction == Direction::Return => Err(fail(
                        Verdict::NoRoute,
                        l10n!(
                            en: "{} sends the replies to {} through the NAT gateway {target}, but the requests came in through the internet gateway: the NAT gateway knows no such connection and the client drops replies from another address.", rt.id, to.en;
                            ko: "{}이(가) {}(으)로 가는 응답을 NAT 게이트웨이 {target}(으)로 보내지만, 요청은 인터넷 게이트웨이로 들어왔습니다: NAT 게이트웨이는 그 연결을 모르고, 클라이언트는 다른 주소에서 온 응답을 버립니다.", rt.id, to.ko
                        ),
                    )),
                    Goal::Internet { .. } => Err(fail(
                        Verdict::NoRoute,
                        l10n!(en: "The NAT gateway's own subnet must route the internet to an internet gateway, but {} sends {} to {target}.", rt.id, to.en; ko: "NAT 게이트웨이가 있는 서브넷은 인터넷을 인터넷 게이트웨이로 보내야 하는데, {}이(가) {}을(를) {target}(으)로 보냅니다.", rt.id, to.ko),
                    )),
                    Goal::Vpc(dv) => Err(fail(
                        Verdict::NoRoute,
                        l10n!(en: "{} sends {} to the NAT gateway {target}, not towards {}.", rt.id, to.en, dv.id; ko: "{}이(가) {}을(를) {}이(가) 아닌 NAT 게이트웨이 {target}(으)로 보냅니다.", rt.id, to.ko, dv.id),
                    )),
                }
            }
            _ => Err(fail(
                Verdict::NoRoute,
                l10n!(
                    en: "{} sends {} to {target}, which Sandpit does not follow (a virtual private gateway, an appliance or an endpoint).", rt.id, to.en;
                    ko: "{}이(가) {}을(를) {target}(으)로 보냅니다. Sandpit은 이런 대상(가상 프라이빗 게이트웨이, 어플라이언스, 엔드포인트)을 따라가지 않습니다.", rt.id, to.ko
                ),
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
            Goal::Vpc(dv) if dv.id == vpc.id => l10n!(
                en: "Let {} keep its `local` route for {}.", rt.id, vpc.cidr;
                ko: "{}의 `local` 경로({})를 그대로 두세요.", rt.id, vpc.cidr
            ),
            Goal::Vpc(dv) => {
                let own = net.vpc_ranges(vpc);
                if own.meets(addrs) {
                    return l10n!(
                        en: "{} and {} overlap, and a VPC's primary block cannot change: build one of them again on a range that overlaps nothing (then peer and route them).", vpc.id, dv.id;
                        ko: "{}와(과) {}의 대역이 겹치고 VPC의 기본 대역은 바꿀 수 없습니다: 둘 중 하나를 겹치지 않는 대역으로 다시 만드세요(그다음 피어링과 경로를 설정합니다).", vpc.id, dv.id
                    );
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
                        l10n!(en: "Route {dest} through the peering {} in {}: `{cmd}`", p.id, rt.id; ko: "{}에서 {dest}을(를) 피어링 {}(으)로 보내세요: `{cmd}`", rt.id, p.id)
                    }
                    None => match net
                        .inactive_peering(&vpc.id, &dv.id)
                        .filter(|p| p.status == "pending-acceptance")
                    {
                        Some(p) => l10n!(
                            en: "Accept the peering {} (`aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id {}`), then route {dest} through it in {}.", p.id, p.id, rt.id;
                            ko: "피어링 {}을(를) 수락한 뒤(`aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id {}`) {}에서 {dest}을(를) 그 피어링으로 보내세요.", p.id, p.id, rt.id
                        ),
                        None => l10n!(
                            en: "No active peering joins {} and {}: create one and accept it (`aws ec2 create-vpc-peering-connection --vpc-id {} --peer-vpc-id {}`, then `aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id PCX_ID`), then route {dest} through it in {}.", vpc.id, dv.id, vpc.id, dv.id, rt.id;
                            ko: "{}와(과) {}을(를) 잇는 활성 피어링이 없습니다: 피어링을 만들고 수락한 뒤(`aws ec2 create-vpc-peering-connection --vpc-id {} --peer-vpc-id {}`, 이어서 `aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id PCX_ID`) {}에서 {dest}을(를) 그 피어링으로 보내세요.", vpc.id, dv.id, vpc.id, dv.id, rt.id
                        ),
                    },
                }
            }
            Goal::Internet { through_nat: true } => {
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
                        l10n!(en: "Send the internet through the NAT gateway {}: `{cmd}`", n.id; ko: "인터넷으로 가는 트래픽을 NAT 게이트웨이 {}(으)로 보내세요: `{cmd}`", n.id)
                    }
                    None => {
                        let public = self.public_subnet(vpc).unwrap_or_else(|| "PUBLIC_SUBNET_ID".to_owned());
                        let cmd = format!(
                            "aws ec2 {} --route-table-id {} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id NAT_ID",
                            verb("0.0.0.0/0"),
                            rt.id
                        );
                        l10n!(
                            en: "{} has no available NAT gateway: create one in a public subnet (`aws ec2 allocate-address --domain vpc`, then `aws ec2 create-nat-gateway --subnet-id {public} --allocation-id ALLOCATION_ID`) and send the internet to it: `{cmd}`", vpc.id;
                            ko: "{}에 사용 가능한 NAT 게이트웨이가 없습니다: 퍼블릭 서브넷에 만들고(`aws ec2 allocate-address --domain vpc`, 이어서 `aws ec2 create-nat-gateway --subnet-id {public} --allocation-id ALLOCATION_ID`) 인터넷 트래픽을 그리로 보내세요: `{cmd}`", vpc.id
                        )
                    }
                }
            }
            Goal::Internet { through_nat: false } => match net.igw_of(&vpc.id) {
                Some(igw) => {
                    let cmd = format!(
                        "aws ec2 {} --route-table-id {} --destination-cidr-block 0.0.0.0/0 --gateway-id {}",
                        verb("0.0.0.0/0"),
                        rt.id,
                        igw.id
                    );
                    l10n!(en: "Send the internet to the internet gateway {} in {}: `{cmd}`", igw.id, rt.id; ko: "{}에서 인터넷 트래픽을 인터넷 게이트웨이 {}(으)로 보내세요: `{cmd}`", rt.id, igw.id)
                }
                None => l10n!(
                    en: "{} has no internet gateway: create and attach one (`aws ec2 create-internet-gateway`, then `aws ec2 attach-internet-gateway --internet-gateway-id IGW_ID --vpc-id {}`), then `aws ec2 create-route --route-table-id {} --destination-cidr-block 0.0.0.0/0 --gateway-id IGW_ID`.", vpc.id, vpc.id, rt.id;
                    ko: "{}에 인터넷 게이트웨이가 없습니다: 만들어 연결한 뒤(`aws ec2 create-internet-gateway`, 이어서 `aws ec2 attach-internet-gateway --internet-gateway-id IGW_ID --vpc-id {}`) `aws ec2 create-route --route-table-id {} --destination-cidr-block 0.0.0.0/0 --gateway-id IGW_ID`을(를) 실행하세요.", vpc.id, vpc.id, rt.id
                ),
            },
        }
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
            let detail = l10n!(en: "The peering {} is active and joins {} and {}.", p.id, from.id, to.id; ko: "피어링 {}이(가) 활성 상태이고 {}와(과) {}을(를) 잇습니다.", p.id, from.id, to.id);
            self.push(Component::Peering, &p.id, direction, Verdict::Allow, rule, detail, None, None);
            return;
        }
        let detail = l10n!(
            en: "The peering {} is `{status}`: a peering carries traffic only while it is `active`.", p.id;
            ko: "피어링 {}이(가) `{status}` 상태입니다: 피어링은 `active`일 때만 트래픽을 전달합니다.", p.id
        );
        let fix = if status == "pending-acceptance" {
            let cmd = format!("aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id {}", p.id);
            l10n!(en: "Accept it (as the accepter VPC's owner): `{cmd}`"; ko: "수락자 VPC 쪽에서 수락하세요: `{cmd}`")
        } else {
            l10n!(
                en: "It cannot come back: create a new peering, accept it and point both sides' routes at it (`aws ec2 create-vpc-peering-connection --vpc-id {} --peer-vpc-id {}`, `aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id PCX_ID`, then `aws ec2 replace-route … --vpc-peering-connection-id PCX_ID` in both route tables).", p.requester.vpc_id, p.accepter.vpc_id;
                ko: "이 피어링은 되살릴 수 없습니다: 새 피어링을 만들어 수락하고 양쪽 경로가 새 피어링을 가리키게 하세요(`aws ec2 create-vpc-peering-connection --vpc-id {} --peer-vpc-id {}`, `aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id PCX_ID`, 이어서 두 라우팅 테이블에서 `aws ec2 replace-route … --vpc-peering-connection-id PCX_ID`).", p.requester.vpc_id, p.accepter.vpc_id
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
            l10n!(en: "→ {id} (not followed)"; ko: "→ {id} (따라가지 않음)"),
            l10n!(
                en: "Sandpit does not read transit gateway route tables: this hop is taken as delivered. Check {id}'s route table and attachments in the console.";
                ko: "Sandpit은 전송 게이트웨이의 라우팅 테이블을 읽지 않으므로 이 구간은 전달된다고 봅니다. 콘솔에서 {id}의 라우팅 테이블과 연결을 확인하세요."
            ),
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
                l10n!(en: "The NAT gateway {id} is `{}`, not `available`.", nat.state; ko: "NAT 게이트웨이 {id}이(가) `available`이 아니라 `{}` 상태입니다.", nat.state),
                l10n!(en: "Wait until it is available (`aws ec2 wait nat-gateway-available --nat-gateway-ids {id}`)."; ko: "사용 가능해질 때까지 기다리세요(`aws ec2 wait nat-gateway-available --nat-gateway-ids {id}`)."),
            )
        } else if nat.connectivity == "private" || public_ip.is_none() {
            (
                Verdict::Deny,
                l10n!(en: "The NAT gateway {id} has no public address (it is a private NAT gateway): it cannot reach the internet."; ko: "NAT 게이트웨이 {id}에 공인 주소가 없습니다(프라이빗 NAT 게이트웨이): 인터넷에 나갈 수 없습니다."),
                l10n!(en: "Use a public NAT gateway with an Elastic IP in a public subnet (`aws ec2 create-nat-gateway --subnet-id PUBLIC_SUBNET_ID --allocation-id ALLOCATION_ID`) and route 0.0.0.0/0 to it."; ko: "퍼블릭 서브넷에 탄력적 IP를 가진 퍼블릭 NAT 게이트웨이를 만들고(`aws ec2 create-nat-gateway --subnet-id PUBLIC_SUBNET_ID --allocation-id ALLOCATION_ID`) 0.0.0.0/0을 그리로 보내세요."),
            )
        } else {
            let ip = public_ip.clone().unwrap_or_default();
            (
                Verdict::Allow,
                l10n!(en: "The NAT gateway {id} is available and sends the traffic out as {ip}."; ko: "NAT 게이트웨이 {id}이(가) 사용 가능하며 트래픽을 {ip}(으)로 바꿔 내보냅니다."),
                l10n!(en: ""; ko: ""),
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
        let rule = Localized::new(format!("{}: attached", igw.id), format!("{}: 연결됨", igw.id));
        let id = &igw.id;
        let (verdict, detail, fix) = match (nat, &self.src.public) {
            (Some(n), _) => (
                Verdict::Allow,
                l10n!(en: "The internet gateway {id} carries the NAT gateway {}'s traffic to the internet.", n.id; ko: "인터넷 게이트웨이 {id}이(가) NAT 게이트웨이 {}의 트래픽을 인터넷으로 내보냅니다.", n.id),
                None,
            ),
            (None, Public::Yes { en, ko }) => (
                Verdict::Allow,
                l10n!(en: "The internet gateway {id} carries it to the internet ({en})."; ko: "인터넷 게이트웨이 {id}이(가) 인터넷으로 내보냅니다({ko})."),
                None,
            ),
            (None, Public::No { en, ko }) => (
                Verdict::Deny,
                l10n!(
                    en: "{en}: an internet gateway only carries traffic from public addresses, so the packets go nowhere.";
                    ko: "{ko}: 인터넷 게이트웨이는 공인 주소의 트래픽만 내보내므로 패킷이 나가지 못합니다."
                ),
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
                l10n!(en: "no internet gateway attached to {id}"; ko: "{id}에 연결된 인터넷 게이트웨이 없음"),
                l10n!(en: "{id} has no internet gateway: nothing from the internet can enter it."; ko: "{id}에 인터넷 게이트웨이가 없어 인터넷에서 아무것도 들어올 수 없습니다."),
                Some(l10n!(
                    en: "Create and attach one: `aws ec2 create-internet-gateway`, then `aws ec2 attach-internet-gateway --internet-gateway-id IGW_ID --vpc-id {id}`.";
                    ko: "인터넷 게이트웨이를 만들어 연결하세요: `aws ec2 create-internet-gateway`, 이어서 `aws ec2 attach-internet-gateway --internet-gateway-id IGW_ID --vpc-id {id}`."
                )),
                Some(subnet),
            );
            return false;
        };
        let rule = Localized::new(
            format!("{}: attached to {}", igw.id, vpc.id),
            format!("{}: {}에 연결됨", igw.id, vpc.id),
        );
        let id = &igw.id;
        let (verdict, detail, fix) = match &self.dst.public {
            Public::Yes { en, ko } => (
                Verdict::Allow,
                l10n!(en: "The internet gateway {id} delivers to a public address ({en})."; ko: "인터넷 게이트웨이 {id}이(가) 공인 주소로 전달합니다({ko})."),
                None,
            ),
            Public::No { en, ko } => (
                Verdict::Deny,
                l10n!(en: "{en}: the internet gateway only delivers to public addresses."; ko: "{ko}: 인터넷 게이트웨이는 공인 주소로만 전달합니다."),
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
            l10n!(
                en: "Keep it private and send 0.0.0.0/0 to a NAT gateway instead, or give it an Elastic IP (`aws ec2 allocate-address --domain vpc`, then `aws ec2 associate-address --instance-id INSTANCE_ID --allocation-id ALLOCATION_ID`).";
                ko: "사설로 두고 0.0.0.0/0을 NAT 게이트웨이로 보내거나, 탄력적 IP를 연결하세요(`aws ec2 allocate-address --domain vpc`, 이어서 `aws ec2 associate-address --instance-id INSTANCE_ID --allocation-id ALLOCATION_ID`)."
            )
        } else if endpoint.starts_with("i-") || endpoint.starts_with("eni-") {
            l10n!(
                en: "Give it an Elastic IP: `aws ec2 allocate-address --domain vpc`, then `aws ec2 associate-address --allocation-id ALLOCATION_ID --instance-id {endpoint}` (or `--network-interface-id`). Better: put it behind an internet-facing load balancer in the public subnets.";
                ko: "탄력적 IP를 연결하세요: `aws ec2 allocate-address --domain vpc`, 이어서 `aws ec2 associate-address --allocation-id ALLOCATION_ID --instance-id {endpoint}`(또는 `--network-interface-id`). 더 좋은 방법은 퍼블릭 서브넷의 인터넷 연결 로드 밸런서 뒤에 두는 것입니다."
            )
        } else {
            l10n!(
                en: "Give what runs there a public address — for instances, turn on auto-assign (`aws ec2 modify-subnet-attribute --subnet-id {subnet} --map-public-ip-on-launch`) or use an Elastic IP; for a load balancer, an internet-facing one in public subnets. Databases are better left private.";
                ko: "그곳에서 도는 것에 공인 주소를 주세요 — 인스턴스라면 자동 할당을 켜거나(`aws ec2 modify-subnet-attribute --subnet-id {subnet} --map-public-ip-on-launch`) 탄력적 IP를 쓰고, 로드 밸런서라면 퍼블릭 서브넷에 인터넷 연결 로드 밸런서를 두세요. 데이터베이스는 사설로 두는 편이 좋습니다."
            )
        }
    }
}
