//! The topology picture: VPCs, subnets by Availability Zone and tier, internet and NAT
//! gateways, each subnet's default route target, and peering — drawn as SVG from a snapshot,
//! and the same for a lab's **target** architecture (read from its checks' arguments), with the
//! differences between the two highlighted.
//!
//! Pure functions of their inputs: the same snapshot always gives the same picture (tested as
//! text). The SVG uses presentation attributes only (no `style`), so a strict Content Security
//! Policy can forbid inline styles.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use sandpit_core::Lang;
use sandpit_core::labs::{Lab, Params};
use sandpit_core::snapshot::{RouteTargetKind, Snapshot};
use serde::Serialize;

/// How an element compares with the other picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
    fn vpc_mut(&mut self, cidr: &str, name: Option<&str>) -> &mut VpcNode {
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
                    mark: Mark::Same,
                });
                self.vpcs.len() - 1
            }
        };
        &mut self.vpcs[i]
    }

    fn vpc(&self, cidr: &str) -> Option<&VpcNode> {
        self.vpcs.iter().find(|v| v.cidr == cidr)
    }
}

impl VpcNode {
    fn subnet_mut(&mut self, cidr: &str) -> &mut SubnetNode {
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
                    mark: Mark::Same,
                });
                self.subnets.len() - 1
            }
        };
        &mut self.subnets[i]
    }

    fn subnet(&self, cidr: &str) -> Option<&SubnetNode> {
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

fn substitute(params: &Params, value: &toml::Value) -> toml::Value {
    match value {
        toml::Value::String(s) => toml::Value::String(params.substitute(s)),
        toml::Value::Array(items) => {
            toml::Value::Array(items.iter().map(|v| substitute(params, v)).collect())
        }
        toml::Value::Table(t) => {
            toml::Value::Table(t.iter().map(|(k, v)| (k.clone(), substitute(params, v))).collect())
        }
        other => other.clone(),
    }
}

/// `{ cidr = "…", name = "…" }` → (cidr, name).
fn vpc_ref(value: Option<&toml::Value>) -> Option<(String, Option<String>)> {
    let t = value?.as_table()?;
    let cidr = t.get("cidr")?.as_str()?.to_owned();
    Some((cidr, t.get("name").and_then(|n| n.as_str()).map(str::to_owned)))
}

fn strings(value: Option<&toml::Value>) -> Vec<String> {
    value
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// What the lab asks for, read from its checks' arguments with `params` filled in. Labs
/// without network checks give an empty architecture.
pub fn target_architecture(lab: &Lab, params: &Params) -> Architecture {
    let mut arch = Architecture::default();
    for check in lab.steps.iter().flat_map(|s| &s.checks) {
        let args = match substitute(params, &toml::Value::Table(check.args.clone())) {
            toml::Value::Table(t) => t,
            _ => continue,
        };
        let tier = args.get("tier").and_then(|t| t.as_str()).map(str::to_owned);
        match check.kind.name {
            "vpc" => {
                if let Some((cidr, name)) = vpc_ref(args.get("vpc")) {
                    arch.vpc_mut(&cidr, name.as_deref());
                }
            }
            "vpc_cidrs_disjoint" => {
                for v in args.get("vpcs").and_then(|v| v.as_array()).into_iter().flatten() {
                    if let Some((cidr, name)) = vpc_ref(Some(v)) {
                        arch.vpc_mut(&cidr, name.as_deref());
                    }
                }
            }
            "subnets" => {
                let Some((cidr, name)) = vpc_ref(args.get("vpc")) else { continue };
                let vpc = arch.vpc_mut(&cidr, name.as_deref());
                for (i, subnet) in strings(args.get("cidrs")).iter().enumerate() {
                    let s = vpc.subnet_mut(subnet);
                    s.az = format!("AZ {}", i + 1);
                    if let Some(tier) = &tier {
                        s.tier = tier.clone();
                    }
                }
            }
            "internet_gateway" => {
                let Some((cidr, name)) = vpc_ref(args.get("vpc")) else { continue };
                arch.vpc_mut(&cidr, name.as_deref()).igw =
                    Some(Gateway { id: None, subnet_cidr: None, mark: Mark::Same });
            }
            "nat_gateway" => {
                let Some((cidr, name)) = vpc_ref(args.get("vpc")) else { continue };
                let subnet_cidr = strings(args.get("public_subnets")).into_iter().next();
                let vpc = arch.vpc_mut(&cidr, name.as_deref());
                if vpc.nats.is_empty() {
                    vpc.nats.push(Gateway { id: None, subnet_cidr, mark: Mark::Same });
                }
            }
            "default_route" => {
                let Some((cidr, name)) = vpc_ref(args.get("vpc")) else { continue };
                let via = match args.get("via").and_then(|v| v.as_str()) {
                    Some("internet_gateway") => "IGW",
                    Some("nat_gateway") => "NAT",
                    _ => continue,
                };
                let vpc = arch.vpc_mut(&cidr, name.as_deref());
                for subnet in strings(args.get("subnets")) {
                    let s = vpc.subnet_mut(&subnet);
                    s.default_route = Some(via.to_owned());
                    if let Some(tier) = &tier {
                        s.tier = tier.clone();
                    }
                }
            }
            "peering_active" => {
                let (Some((a, an)), Some((b, bn))) = (vpc_ref(args.get("vpc_a")), vpc_ref(args.get("vpc_b")))
                else {
                    continue;
                };
                arch.vpc_mut(&a, an.as_deref());
                arch.vpc_mut(&b, bn.as_deref());
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
            "peering_routes" => {
                let Some((cidr, name)) = vpc_ref(args.get("from_vpc")) else { continue };
                let vpc = arch.vpc_mut(&cidr, name.as_deref());
                for subnet in strings(args.get("subnets")) {
                    vpc.subnet_mut(&subnet).peering_route = true;
                }
            }
            _ => {}
        }
    }
    // Subnets named only by a route check get the AZ of their place in the tier.
    for vpc in &mut arch.vpcs {
        for s in &mut vpc.subnets {
            if s.az.is_empty() {
                s.az = "AZ ?".to_owned();
            }
        }
    }
    arch
}

/// One difference between the target and the account, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// `missing`, `differs` or `extra`.
    pub mark: Mark,
    /// What differs, for people.
    pub text: String,
}

/// The target and the account side by side, differences marked on both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The target, with what the account lacks marked `missing`.
    pub target: Architecture,
    /// The account, with what differs marked `differs` and what the lab does not ask for `extra`.
    pub actual: Architecture,
    /// The differences in words, in the order of the target.
    pub differences: Vec<Difference>,
}

/// Compares `target` with `actual` (matched by CIDR) in `lang`.
pub fn compare(target: &Architecture, actual: &Architecture, lang: Lang) -> Comparison {
    let ko = lang == Lang::Ko;
    let mut t = target.clone();
    let mut a = actual.clone();
    let mut diffs = Vec::new();
    let mut say = |mark, en: String, ko_text: String| {
        diffs.push(Difference { mark, text: if ko { ko_text } else { en } })
    };
    for tv in &mut t.vpcs {
        let Some(av) = actual.vpc(&tv.cidr) else {
            tv.mark = Mark::Missing;
            for s in &mut tv.subnets {
                s.mark = Mark::Missing;
            }
            if let Some(g) = &mut tv.igw {
                g.mark = Mark::Missing;
            }
            for n in &mut tv.nats {
                n.mark = Mark::Missing;
            }
            say(Mark::Missing, format!("VPC {} is missing", tv.cidr), format!("VPC {}가 없습니다", tv.cidr));
            continue;
        };
        if let Some(g) = &mut tv.igw
            && av.igw.is_none()
        {
            g.mark = Mark::Missing;
            say(
                Mark::Missing,
                format!("no internet gateway attached to VPC {}", tv.cidr),
                format!("VPC {}에 연결된 인터넷 게이트웨이가 없습니다", tv.cidr),
            );
        }
        for n in &mut tv.nats {
            if av.nats.is_empty() {
                n.mark = Mark::Missing;
                say(
                    Mark::Missing,
                    format!("no NAT gateway in VPC {}", tv.cidr),
                    format!("VPC {}에 NAT 게이트웨이가 없습니다", tv.cidr),
                );
            }
        }
        for ts in &mut tv.subnets {
            let Some(actual_subnet) = av.subnet(&ts.cidr) else {
                ts.mark = Mark::Missing;
                say(
                    Mark::Missing,
                    format!("{} subnet {} is missing", ts.tier, ts.cidr),
                    format!("{} 서브넷 {}가 없습니다", ts.tier, ts.cidr),
                );
                continue;
            };
            let mut problems: Vec<(String, String)> = Vec::new();
            if let Some(want) = &ts.default_route
                && actual_subnet.default_route.as_ref() != Some(want)
            {
                let found = actual_subnet.default_route.clone().unwrap_or_else(|| "—".into());
                problems.push((
                    format!("0.0.0.0/0 goes to {found}, expected {want}"),
                    format!("0.0.0.0/0이 {want}가 아니라 {found}로 갑니다"),
                ));
            }
            if ts.peering_route && !actual_subnet.peering_route {
                problems.push(("no route into the peering".into(), "피어링으로 가는 경로가 없습니다".into()));
            }
            let same_tier_same_az = av.subnets.iter().any(|o| {
                o.cidr != ts.cidr
                    && o.az == actual_subnet.az
                    && tv_tier_has(target, &tv.cidr, &ts.tier, &o.cidr)
            });
            if same_tier_same_az {
                problems.push((
                    format!("shares {} with another {} subnet", actual_subnet.az, ts.tier),
                    format!("다른 {} 서브넷과 같은 가용 영역({})에 있습니다", ts.tier, actual_subnet.az),
                ));
            }
            if !problems.is_empty() {
                ts.mark = Mark::Differs;
                let id = actual_subnet.id.clone().unwrap_or_default();
                for (en, ko_text) in problems {
                    say(
                        Mark::Differs,
                        format!("subnet {} ({id}): {en}", ts.cidr),
                        format!("서브넷 {} ({id}): {ko_text}", ts.cidr),
                    );
                }
            }
        }
    }
    for p in &mut t.peerings {
        let found = actual.peerings.iter().find(|q| (q.a == p.a && q.b == p.b) || (q.a == p.b && q.b == p.a));
        match found {
            None => {
                p.mark = Mark::Missing;
                say(
                    Mark::Missing,
                    format!("no peering between {} and {}", p.a, p.b),
                    format!("{}와 {} 사이에 피어링이 없습니다", p.a, p.b),
                );
            }
            Some(q) if q.status != "active" => {
                p.mark = Mark::Differs;
                say(
                    Mark::Differs,
                    format!("peering {} is {}, not active", q.id.as_deref().unwrap_or("?"), q.status),
                    format!(
                        "피어링 {}의 상태가 active가 아니라 {}입니다",
                        q.id.as_deref().unwrap_or("?"),
                        q.status
                    ),
                );
            }
            Some(_) => {}
        }
    }
    // Mark the account side.
    for av in &mut a.vpcs {
        let Some(tv) = t.vpcs.iter().find(|v| v.cidr == av.cidr) else {
            if !t.vpcs.is_empty() {
                av.mark = Mark::Extra;
                for s in &mut av.subnets {
                    s.mark = Mark::Extra;
                }
            }
            continue;
        };
        for s in &mut av.subnets {
            s.mark = match tv.subnet(&s.cidr) {
                None => Mark::Extra,
                Some(ts) => ts.mark,
            };
        }
        for n in &mut av.nats {
            let in_public =
                n.subnet_cidr.as_deref().and_then(|c| tv.subnet(c)).is_some_and(|s| s.tier == "public");
            if !tv.nats.is_empty() && !in_public {
                n.mark = Mark::Differs;
                say(
                    Mark::Differs,
                    format!("NAT gateway {} is not in a public subnet", n.id.as_deref().unwrap_or("?")),
                    format!(
                        "NAT 게이트웨이 {}가 퍼블릭 서브넷에 있지 않습니다",
                        n.id.as_deref().unwrap_or("?")
                    ),
                );
            }
        }
    }
    for p in &mut a.peerings {
        if let Some(tp) = t.peerings.iter().find(|q| (q.a == p.a && q.b == p.b) || (q.a == p.b && q.b == p.a))
        {
            p.mark = tp.mark;
        } else if !t.vpcs.is_empty() {
            p.mark = Mark::Extra;
        }
    }
    Comparison { target: t, actual: a, differences: diffs }
}

/// Whether the target puts subnet `other` of VPC `vpc` in `tier`.
fn tv_tier_has(target: &Architecture, vpc: &str, tier: &str, other: &str) -> bool {
    target.vpc(vpc).and_then(|v| v.subnet(other)).is_some_and(|s| s.tier == tier)
}

// ---------------------------------------------------------------------------------------------
// Drawing
//
// Boxes are sized from their text (estimated the way `text_width` does, a little wider than real
// glyphs), up to a limit; text that still does not fit is cut with an ellipsis and its full form
// kept in a `<title>` (a tooltip), so no label overlaps another or runs outside its box.

const SUBNET_MIN_W: u32 = 178;
const SUBNET_MAX_W: u32 = 300;
const SUBNET_H: u32 = 62;
const GAP: u32 = 12;
const PAD: u32 = 16;
const TIER_LABEL_W: u32 = 64;
const VPC_HEADER: u32 = 46;
const AZ_HEADER: u32 = 22;
const VPC_GAP: u32 = 56;
const VPC_MIN_W: u32 = 360;
/// How wide a VPC may grow for its name line before the name is cut.
const VPC_HEADER_MAX_W: u32 = 760;
const IGW_MIN_W: u32 = 80;
const IGW_MAX_W: u32 = 220;
const NAT_W: u32 = 40;
const MARGIN: u32 = 24;
/// One lane per peering connection, left of the VPCs, its label beside its line.
const PEER_LANE_W: u32 = 22;

/// The estimated width of `text` at `size` px: 0.6 em for ASCII lower case and digits, 0.7 em
/// for capitals, 1 em for wide characters (Hangul, CJK), 8 % more in bold. Real sans-serif
/// glyphs are narrower, so text measured to fit does fit.
pub(crate) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| {
            if c.is_ascii_uppercase() {
                0.7
            } else if c.is_ascii() {
                0.6
            } else if is_wide(c) {
                1.0
            } else {
                0.7
            }
        })
        .sum();
    em * size * if bold { 1.08 } else { 1.0 }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD)
}

/// `text` cut with `…` to at most `max` px wide at `size`; `None` when it fits whole.
fn elide(text: &str, size: f64, bold: bool, max: f64) -> Option<String> {
    if text_width(text, size, bold) <= max {
        return None;
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if text_width(&out, size, bold) + text_width("…", size, bold) > max {
            out.pop();
            break;
        }
    }
    let trimmed = out.trim_end();
    Some(format!("{trimmed}…"))
}

/// A `<text>` element: `attrs` are its attributes (without the font size and weight), `text`
/// cut to `max` px with the full text as a tooltip when cut.
fn text_el(svg: &mut String, attrs: &str, size: u32, bold: bool, text: &str, max: f64) {
    let short = elide(text, f64::from(size), bold, max);
    text_shown(svg, attrs, size, bold, text, short.as_deref());
}

/// A `<text>` showing `short` (when given) with `text` as its tooltip, else `text`.
fn text_shown(svg: &mut String, attrs: &str, size: u32, bold: bool, text: &str, short: Option<&str>) {
    let weight = if bold { " font-weight=\"600\"" } else { "" };
    let _ = write!(svg, "<text {attrs} font-size=\"{size}\"{weight}>");
    match short {
        Some(short) => {
            let _ = write!(svg, "<title>{}</title>{}", esc(text), esc(short));
        }
        None => svg.push_str(&esc(text)),
    }
    svg.push_str("</text>");
}

/// Canonical tier order top to bottom.
fn tier_rank(tier: &str) -> (u8, String) {
    let rank = match tier {
        "public" => 0,
        "web" => 1,
        "WAS" => 2,
        "web/WAS" => 2,
        "DB" => 3,
        "private" => 5,
        _ => 4,
    };
    (rank, tier.to_owned())
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// (fill, stroke, dash) for a mark.
fn colors(mark: Mark) -> (&'static str, &'static str, &'static str) {
    match mark {
        Mark::Same => ("#eef7f0", "#3c8d5a", ""),
        Mark::Missing => ("#fdecec", "#c62828", " stroke-dasharray=\"6 4\""),
        Mark::Differs => ("#fff3e0", "#e07a00", ""),
        Mark::Extra => ("#f2f2f2", "#9e9e9e", ""),
    }
}

fn mark_class(mark: Mark) -> &'static str {
    match mark {
        Mark::Same => "same",
        Mark::Missing => "missing",
        Mark::Differs => "differs",
        Mark::Extra => "extra",
    }
}

/// The three lines of a subnet box: name (or CIDR), CIDR and id, routes.
fn subnet_lines(s: &SubnetNode) -> (String, String, String) {
    let title = s.name.clone().unwrap_or_else(|| s.cidr.clone());
    let second = match &s.id {
        Some(id) if s.name.is_some() => format!("{} · {id}", s.cidr),
        Some(id) => id.clone(),
        None if s.name.is_some() => s.cidr.clone(),
        None => String::new(),
    };
    let mut routes = Vec::new();
    if let Some(r) = &s.default_route {
        routes.push(format!("0.0.0.0/0 → {r}"));
    }
    if s.peering_route {
        routes.push("→ pcx".to_owned());
    }
    (title, second, routes.join("  "))
}

fn vpc_label(vpc: &VpcNode) -> String {
    match (&vpc.name, &vpc.id) {
        (Some(n), Some(id)) => format!("VPC {n} · {} · {id}", vpc.cidr),
        (Some(n), None) => format!("VPC {n} · {}", vpc.cidr),
        (None, Some(id)) => format!("VPC {} · {id}", vpc.cidr),
        (None, None) => format!("VPC {}", vpc.cidr),
    }
}

/// The VPC's name line cut to `room` px: the Name tag gives way first, so the CIDR and the id
/// stay readable.
fn vpc_label_short(vpc: &VpcNode, room: f64) -> Option<String> {
    let full = vpc_label(vpc);
    elide(&full, 13.0, true, room)?;
    if let Some(name) = &vpc.name {
        let rest = match &vpc.id {
            Some(id) => format!(" · {} · {id}", vpc.cidr),
            None => format!(" · {}", vpc.cidr),
        };
        let name_room = room - text_width(&format!("VPC {rest}"), 13.0, true);
        if name_room >= text_width("VPC…", 13.0, true) {
            let name = elide(name, 13.0, true, name_room).unwrap_or_else(|| name.clone());
            return Some(format!("VPC {name}{rest}"));
        }
    }
    elide(&full, 13.0, true, room)
}

fn igw_label(igw: &Gateway) -> String {
    format!("IGW {}", igw.id.as_deref().unwrap_or("")).trim_end().to_owned()
}

/// Room left and right of a text line inside a subnet box.
const SUBNET_TEXT_PAD: u32 = 8;
/// Room the NAT badge takes at the right of the routes line.
const NAT_ROOM: u32 = NAT_W + 6 + 4;

struct VpcLayout {
    azs: Vec<String>,
    tiers: Vec<String>,
    subnet_w: u32,
    igw_w: u32,
    width: u32,
    height: u32,
}

fn layout(vpc: &VpcNode) -> VpcLayout {
    let azs: Vec<String> =
        vpc.subnets.iter().map(|s| s.az.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let mut tiers: Vec<String> =
        vpc.subnets.iter().map(|s| s.tier.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    tiers.sort_by_key(|t| tier_rank(t));
    // Subnets sharing a tier and an AZ stack inside the cell.
    let rows_of = |tier: &str| {
        azs.iter()
            .map(|az| vpc.subnets.iter().filter(|s| s.tier == tier && &s.az == az).count() as u32)
            .max()
            .unwrap_or(1)
            .max(1)
    };
    let rows: u32 = tiers.iter().map(|t| rows_of(t)).sum();
    // Subnet boxes as wide as their longest line needs (the routes line shares with the NAT badge).
    let has_nat = |s: &SubnetNode| vpc.nats.iter().any(|n| n.subnet_cidr.as_deref() == Some(s.cidr.as_str()));
    let need = vpc
        .subnets
        .iter()
        .map(|s| {
            let (title, second, routes) = subnet_lines(s);
            let nat = if has_nat(s) { NAT_ROOM } else { 0 };
            text_width(&title, 12.0, true)
                .max(text_width(&second, 10.0, false))
                .max(text_width(&routes, 10.0, false) + f64::from(nat))
                .max(text_width(&s.az, 11.0, false))
        })
        .fold(0.0, f64::max);
    let subnet_w = ((need.ceil() as u32) + 2 * SUBNET_TEXT_PAD).clamp(SUBNET_MIN_W, SUBNET_MAX_W);
    let cols = azs.len().max(1) as u32;
    let grid = PAD * 2 + TIER_LABEL_W + cols * subnet_w + (cols - 1) * GAP;
    let igw_w = vpc.igw.as_ref().map_or(0, |g| {
        ((text_width(&igw_label(g), 11.0, false).ceil() as u32) + 20).clamp(IGW_MIN_W, IGW_MAX_W)
    });
    let header = PAD * 2
        + text_width(&vpc_label(vpc), 13.0, true).ceil() as u32
        + if igw_w > 0 { igw_w + GAP } else { 0 };
    let width = grid.max(VPC_MIN_W).max(header.min(VPC_HEADER_MAX_W));
    let height = VPC_HEADER + AZ_HEADER + rows.max(1) * (SUBNET_H + GAP) + PAD;
    VpcLayout { azs, tiers, subnet_w, igw_w, width, height }
}

/// Draws `arch` as a standalone SVG document titled `title`. An empty architecture draws a
/// short message instead (`empty_text`).
pub fn render_svg(arch: &Architecture, title: &str, empty_text: &str) -> String {
    let layouts: Vec<VpcLayout> = arch.vpcs.iter().map(layout).collect();
    let inner_w = layouts.iter().map(|l| l.width).max().unwrap_or(VPC_MIN_W);
    let drawn: Vec<&PeeringEdge> = arch
        .peerings
        .iter()
        .filter(|p| p.a != p.b && arch.vpc(&p.a).is_some() && arch.vpc(&p.b).is_some())
        .collect();
    let peer_lane = if drawn.is_empty() { 0 } else { drawn.len() as u32 * PEER_LANE_W + 12 };
    let width = MARGIN * 2 + peer_lane + inner_w;
    let body_h: u32 =
        layouts.iter().map(|l| l.height).sum::<u32>() + VPC_GAP * (layouts.len().saturating_sub(1) as u32);
    let height = MARGIN * 2 + 28 + body_h.max(60);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"topology\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{t}\" font-family=\"system-ui, sans-serif\">\n\
         <title>{t}</title>\n<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n",
        t = esc(title),
    );
    let room = f64::from(width - 2 * MARGIN);
    text_el(
        &mut svg,
        &format!("x=\"{MARGIN}\" y=\"{}\" fill=\"#1d2733\"", MARGIN + 8),
        16,
        true,
        title,
        room,
    );
    svg.push('\n');
    if arch.vpcs.is_empty() {
        text_el(
            &mut svg,
            &format!("x=\"{MARGIN}\" y=\"{}\" fill=\"#5b6673\"", MARGIN + 48),
            13,
            false,
            empty_text,
            room,
        );
        svg.push_str("\n</svg>\n");
        return svg;
    }
    let x0 = MARGIN + peer_lane;
    let mut y = MARGIN + 28;
    let mut vpc_box: Vec<(&str, u32, u32)> = Vec::new();
    for (vpc, l) in arch.vpcs.iter().zip(&layouts) {
        vpc_box.push((vpc.cidr.as_str(), y, l.height));
        draw_vpc(&mut svg, vpc, l, x0, y);
        y += l.height + VPC_GAP;
    }
    draw_peerings(&mut svg, &drawn, &vpc_box, x0);
    svg.push_str("</svg>\n");
    svg
}

/// Each peering in its own lane (the longest spans outermost), its ends fanned out a little on
/// the VPC's edge so lines sharing a VPC stay apart, and its label beside its line in the
/// longest stretch free of other lines' ends.
fn draw_peerings(svg: &mut String, drawn: &[&PeeringEdge], vpc_box: &[(&str, u32, u32)], x0: u32) {
    let n = drawn.len() as i64;
    let find = |c: &str| vpc_box.iter().find(|(cidr, _, _)| *cidr == c).map(|(_, y, h)| (*y, *h));
    // (index, top end, bottom end)
    let mut ends: Vec<(usize, u32, u32)> = Vec::new();
    for (i, p) in drawn.iter().enumerate() {
        let (Some((ya, ha)), Some((yb, hb))) = (find(&p.a), find(&p.b)) else { continue };
        let fan = |y: u32, h: u32| {
            let spread = (h as i64 / 2 - 12).max(0);
            let off = ((i as i64) * 8 - (n - 1) * 4).clamp(-spread, spread);
            (i64::from(y) + i64::from(h) / 2 + off) as u32
        };
        let (a, b) = (fan(ya, ha), fan(yb, hb));
        ends.push((i, a.min(b), a.max(b)));
    }
    let mut lanes: Vec<(usize, u32, u32)> = ends.clone();
    lanes.sort_by_key(|&(i, top, bottom)| (std::cmp::Reverse(bottom - top), i));
    let all_ends: Vec<u32> = ends.iter().flat_map(|&(_, a, b)| [a, b]).collect();
    for (lane, &(i, top, bottom)) in lanes.iter().enumerate() {
        let p = drawn[i];
        let (_, stroke, dash) = colors(p.mark);
        let x = MARGIN + (lane as u32 + 1) * PEER_LANE_W;
        // The longest stretch of this line between ends of any line (where other lines cross).
        let mut cuts: Vec<u32> = all_ends.iter().copied().filter(|&e| e > top && e < bottom).collect();
        cuts.push(top);
        cuts.push(bottom);
        cuts.sort_unstable();
        let (from, to) =
            cuts.windows(2).map(|w| (w[0], w[1])).max_by_key(|(a, b)| (b - a, *a)).unwrap_or((top, bottom));
        let mid = (from + to) / 2;
        let room = f64::from((to - from).saturating_sub(12));
        let tx = x - 5;
        let _ = write!(
            svg,
            "<g class=\"peering mark-{}\"><path d=\"M {x0} {top} H {x} V {bottom} H {x0}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"3\"{dash}/>",
            mark_class(p.mark),
        );
        text_el(
            svg,
            &format!(
                "x=\"{tx}\" y=\"{mid}\" fill=\"{stroke}\" transform=\"rotate(-90 {tx} {mid})\" text-anchor=\"middle\""
            ),
            11,
            false,
            &format!("{} · {}", p.id.as_deref().unwrap_or("peering"), p.status),
            room,
        );
        svg.push_str("</g>\n");
    }
}

fn draw_vpc(svg: &mut String, vpc: &VpcNode, l: &VpcLayout, x: u32, y: u32) {
    let (fill, stroke, dash) = match vpc.mark {
        Mark::Same => ("#f7f9fc", "#4a6fa5", ""),
        m => colors(m),
    };
    let _ = write!(
        svg,
        "<g class=\"vpc mark-{}\" data-cidr=\"{}\">\n<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"{dash}/>\n",
        mark_class(vpc.mark),
        esc(&vpc.cidr),
        l.width,
        l.height
    );
    let label_room = l.width - 2 * PAD - if l.igw_w > 0 { l.igw_w + GAP } else { 0 };
    text_shown(
        svg,
        &format!("x=\"{}\" y=\"{}\" fill=\"#1d2733\"", x + PAD, y + 24),
        13,
        true,
        &vpc_label(vpc),
        vpc_label_short(vpc, f64::from(label_room)).as_deref(),
    );
    svg.push('\n');
    if let Some(igw) = &vpc.igw {
        let (gf, gs, gd) = colors(igw.mark);
        let gx = x + l.width - PAD - l.igw_w;
        let _ = write!(
            svg,
            "<g class=\"igw mark-{}\"><rect x=\"{gx}\" y=\"{}\" width=\"{}\" height=\"24\" rx=\"12\" fill=\"{gf}\" stroke=\"{gs}\" stroke-width=\"1.5\"{gd}/>",
            mark_class(igw.mark),
            y + 9,
            l.igw_w,
        );
        text_el(
            svg,
            &format!("x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1d2733\"", gx + l.igw_w / 2, y + 25),
            11,
            false,
            &igw_label(igw),
            f64::from(l.igw_w - 16),
        );
        svg.push_str("</g>\n");
    }
    let grid_x = x + PAD + TIER_LABEL_W;
    for (i, az) in l.azs.iter().enumerate() {
        text_el(
            svg,
            &format!(
                "x=\"{}\" y=\"{}\" fill=\"#5b6673\" text-anchor=\"middle\"",
                grid_x + i as u32 * (l.subnet_w + GAP) + l.subnet_w / 2,
                y + VPC_HEADER + 12
            ),
            11,
            false,
            az,
            f64::from(l.subnet_w - 4),
        );
        svg.push('\n');
    }
    let mut row_y = y + VPC_HEADER + AZ_HEADER;
    for tier in &l.tiers {
        let mut rows = 1;
        text_el(
            svg,
            &format!("x=\"{}\" y=\"{}\" fill=\"#5b6673\"", x + PAD, row_y + SUBNET_H / 2 + 4),
            11,
            true,
            tier,
            f64::from(TIER_LABEL_W - 6),
        );
        svg.push('\n');
        for (col, az) in l.azs.iter().enumerate() {
            let cell: Vec<&SubnetNode> =
                vpc.subnets.iter().filter(|s| &s.tier == tier && &s.az == az).collect();
            rows = rows.max(cell.len() as u32);
            for (k, s) in cell.iter().enumerate() {
                let sx = grid_x + col as u32 * (l.subnet_w + GAP);
                let sy = row_y + k as u32 * (SUBNET_H + GAP);
                let nat = vpc.nats.iter().find(|n| n.subnet_cidr.as_deref() == Some(s.cidr.as_str()));
                draw_subnet(svg, s, nat, sx, sy, l.subnet_w);
            }
        }
        row_y += rows * (SUBNET_H + GAP);
    }
    svg.push_str("</g>\n");
}

fn draw_subnet(svg: &mut String, s: &SubnetNode, nat: Option<&Gateway>, x: u32, y: u32, w: u32) {
    let (fill, stroke, dash) = colors(s.mark);
    let _ = write!(
        svg,
        "<g class=\"subnet mark-{}\" data-cidr=\"{}\"><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{SUBNET_H}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>",
        mark_class(s.mark),
        esc(&s.cidr)
    );
    let (title, second, routes) = subnet_lines(s);
    let room = f64::from(w - 2 * SUBNET_TEXT_PAD);
    let tx = x + SUBNET_TEXT_PAD;
    text_el(svg, &format!("x=\"{tx}\" y=\"{}\" fill=\"#1d2733\"", y + 17), 12, true, &title, room);
    text_el(svg, &format!("x=\"{tx}\" y=\"{}\" fill=\"#5b6673\"", y + 33), 10, false, &second, room);
    let routes_room = room - if nat.is_some() { f64::from(NAT_ROOM) } else { 0.0 };
    text_el(svg, &format!("x=\"{tx}\" y=\"{}\" fill=\"#33415c\"", y + 51), 10, false, &routes, routes_room);
    if let Some(n) = nat {
        let (nf, ns, nd) = colors(n.mark);
        let _ = write!(
            svg,
            "<g class=\"nat mark-{}\"><rect x=\"{}\" y=\"{}\" width=\"{NAT_W}\" height=\"18\" rx=\"4\" fill=\"{nf}\" stroke=\"{ns}\" stroke-width=\"1.5\"{nd}/>\
             <text x=\"{}\" y=\"{}\" font-size=\"10\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#1d2733\">NAT</text></g>",
            mark_class(n.mark),
            x + w - NAT_W - 6,
            y + 40,
            x + w - NAT_W / 2 - 6,
            y + 53
        );
    }
    svg.push_str("</g>\n");
}

#[cfg(test)]
mod tests;
