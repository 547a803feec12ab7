//! The SVG drawing of an [`Architecture`]: boxes sized from their text, presentation attributes
//! only (no `style`, so a strict Content Security Policy may forbid inline styles).

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use sandpit_core::{Lang, msg};

use super::model::{
    Architecture, EndpointNode, EndpointNodeKind, Gateway, LoadBalancerNode, Mark, PeeringEdge, SubnetNode,
    VpcNode,
};
use super::words;

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
pub(crate) const MARGIN: u32 = 24;
/// One lane per peering connection, left of the VPCs, its label beside its line.
const PEER_LANE_W: u32 = 22;
/// A row of the load-balancing band (load balancer → target group, Auto Scaling group).
const BAND_ROW_H: u32 = 24;
const BAND_GAP: u32 = 6;

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

/// East Asian wide characters (Hangul, CJK, emoji) are drawn about one em wide.
fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

/// `text` cut with `…` to at most `max` px wide at `size`; `None` when it fits whole.
pub(crate) fn elide(text: &str, size: f64, bold: bool, max: f64) -> Option<String> {
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
pub(crate) fn text_el(svg: &mut String, attrs: &str, size: u32, bold: bool, text: &str, max: f64) {
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

/// The one HTML escape (also used by the path overlay).
pub(crate) use sandpit_core::html::escape as esc;

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

/// The smallest text of the picture, in its own pixels: the window never shows the picture
/// smaller than its own size, so no label is under 11 px on screen.
pub const MIN_FONT_PX: u32 = 11;
/// The size of a subnet's second line, its routes line and its badges.
const SMALL: u32 = MIN_FONT_PX;

/// The three lines of a subnet box: name (or CIDR), CIDR and id, and where its default route
/// leads — said in words when an account's subnet has none (it cannot reach the internet, which
/// is the point of a DB subnet and the bug of a public one). A target's subnets (no id) leave a
/// route the lab does not ask for unsaid: "none" there would read as a requirement.
fn subnet_lines(s: &SubnetNode, lang: Lang) -> (String, String, String) {
    let title = s.name.clone().unwrap_or_else(|| s.cidr.clone());
    let second = match &s.id {
        Some(id) if s.name.is_some() => format!("{} · {id}", s.cidr),
        Some(id) => id.clone(),
        None if s.name.is_some() => s.cidr.clone(),
        None => String::new(),
    };
    let mut routes = Vec::new();
    match &s.default_route {
        Some(r) => routes.push(format!("0.0.0.0/0 → {r}")),
        None if s.id.is_some() => routes.push(msg::text(lang, "topology-no-route", &[])),
        None => {}
    }
    if s.peering_route {
        routes.push(words::peering_route(lang));
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

/// A badge in a subnet's routes line, and the path question's end it stands for, if any.
struct Badge<'a> {
    label: String,
    endpoint: Option<&'a EndpointNode>,
}

/// At most this many instance and database badges in one subnet; the rest are counted in one
/// more badge (and offered by the form's list).
const MAX_ENDPOINT_BADGES: usize = 3;

/// The badges of a subnet besides NAT, left of it: a load balancer node, Auto Scaling
/// instances, then its own instances and databases by name.
fn extra_badges(s: &SubnetNode) -> Vec<Badge<'_>> {
    let mut badges = Vec::new();
    if s.load_balancer {
        badges.push(Badge { label: "ALB".to_owned(), endpoint: None });
    }
    if s.instances > 0 {
        badges.push(Badge { label: format!("EC2×{}", s.instances), endpoint: None });
    }
    for e in s.endpoints.iter().take(MAX_ENDPOINT_BADGES) {
        let kind = match e.kind {
            EndpointNodeKind::Instance => "EC2",
            EndpointNodeKind::Database => "DB",
        };
        let name = elide(&e.name, f64::from(SMALL), true, 84.0).unwrap_or_else(|| e.name.clone());
        badges.push(Badge { label: format!("{kind} {name}"), endpoint: Some(e) });
    }
    if s.endpoints.len() > MAX_ENDPOINT_BADGES {
        badges.push(Badge { label: format!("+{}", s.endpoints.len() - MAX_ENDPOINT_BADGES), endpoint: None });
    }
    badges
}

/// The attributes that make an element pickable as a path question's end: `value` is what
/// `sandpit reach` and the window's form take for it; the window makes it focusable.
fn endpoint_attrs(value: &str, kind: &str) -> String {
    format!(" data-endpoint=\"{}\" data-endpoint-kind=\"{kind}\"", esc(value))
}

fn badge_w(label: &str) -> u32 {
    ((text_width(label, f64::from(SMALL), true).ceil() as u32) + 12).max(NAT_W)
}

/// Room the badges of a subnet take at the right of its routes line.
fn badges_room(s: &SubnetNode, has_nat: bool) -> u32 {
    let extra: u32 = extra_badges(s).iter().map(|b| badge_w(&b.label) + 4).sum();
    extra
        + if has_nat {
            NAT_ROOM
        } else if extra > 0 {
            6
        } else {
            0
        }
}

/// The rows of a VPC's load-balancing band, with their marks and, for a load balancer, its ARN
/// (a path question's end).
fn band(vpc: &VpcNode, lang: Lang) -> Vec<(String, Mark, Option<String>)> {
    let worst = |marks: &[Mark]| {
        marks
            .iter()
            .copied()
            .max_by_key(|m| match m {
                Mark::Same => 0,
                Mark::Extra => 1,
                Mark::Differs => 2,
                Mark::Missing => 3,
            })
            .unwrap_or(Mark::Same)
    };
    let tg_text = |name: &Option<String>, port: Option<u16>, health: Option<(usize, usize)>| {
        let mut t = "TG".to_owned();
        if let Some(n) = name {
            t.push_str(&format!(" {n}"));
        }
        if let Some(p) = port {
            t.push_str(&format!(" :{p}"));
        }
        if let Some((h, all)) = health {
            let args = [("healthy", h.into()), ("all", all.into())];
            t.push_str(&format!(" · {}", msg::text(lang, "topology-band-healthy", &args)));
        }
        t
    };
    let mut rows = Vec::new();
    for lb in &vpc.load_balancers {
        rows.push((
            lb_text(lb, &tg_text, lang),
            worst(&[&[lb.mark][..], &lb.target_groups.iter().map(|g| g.mark).collect::<Vec<_>>()].concat()),
            lb.id.clone(),
        ));
    }
    for tg in &vpc.target_groups {
        let no_listener = msg::text(lang, "topology-band-no-listener", &[]);
        rows.push((format!("{} · {no_listener}", tg_text(&tg.name, tg.port, tg.health)), tg.mark, None));
    }
    for g in &vpc.auto_scaling {
        let mut t = "ASG".to_owned();
        if let Some(n) = &g.name {
            t.push_str(&format!(" {n}"));
        }
        t.push_str(&format!(" · {}", msg::text(lang, "topology-band-min", &[("min", g.min.into())])));
        if let Some(n) = g.instances {
            t.push_str(&format!(" · {}", msg::text(lang, "topology-band-instances", &[("count", n.into())])));
        }
        t.push_str(&format!(" · {}", g.subnet_cidrs.join(", ")));
        rows.push((t, g.mark, None));
    }
    rows
}

/// How a target group is written: its name, port and (healthy, registered) targets.
type TargetGroupText<'a> = &'a dyn Fn(&Option<String>, Option<u16>, Option<(usize, usize)>) -> String;

fn lb_text(lb: &LoadBalancerNode, tg_text: TargetGroupText<'_>, lang: Lang) -> String {
    let mut t = "ALB".to_owned();
    if let Some(n) = &lb.name {
        t.push_str(&format!(" {n}"));
    }
    if !lb.scheme.is_empty() {
        t.push_str(&format!(" · {}", words::scheme(&lb.scheme).get(lang)));
    }
    if !lb.listener_ports.is_empty() {
        let ports: Vec<String> = lb.listener_ports.iter().map(|p| format!(":{p}")).collect();
        t.push_str(&format!(" · {}", ports.join(" ")));
    }
    for g in &lb.target_groups {
        t.push_str(&format!(" → {}", tg_text(&g.name, g.port, g.health)));
    }
    t
}

struct VpcLayout {
    azs: Vec<String>,
    tiers: Vec<String>,
    subnet_w: u32,
    igw_w: u32,
    width: u32,
    height: u32,
    band: Vec<(String, Mark, Option<String>)>,
    band_h: u32,
}

fn layout(vpc: &VpcNode, lang: Lang) -> VpcLayout {
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
            let (title, second, routes) = subnet_lines(s, lang);
            let nat = badges_room(s, has_nat(s));
            let small = f64::from(SMALL);
            text_width(&title, 12.0, true)
                .max(text_width(&second, small, false))
                .max(text_width(&routes, small, false) + f64::from(nat))
                .max(text_width(&words::zone(&s.az, lang), 11.0, false))
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
    let band = band(vpc, lang);
    let band_h = u32::try_from(band.len()).unwrap_or(0) * (BAND_ROW_H + BAND_GAP);
    let band_w =
        band.iter().map(|(t, _, _)| text_width(t, 11.0, false).ceil() as u32 + 20).max().unwrap_or(0);
    let width =
        grid.max(VPC_MIN_W).max(header.min(VPC_HEADER_MAX_W)).max((band_w + 2 * PAD).min(VPC_HEADER_MAX_W));
    let height = VPC_HEADER + band_h + AZ_HEADER + rows.max(1) * (SUBNET_H + GAP) + PAD;
    VpcLayout { azs, tiers, subnet_w, igw_w, width, height, band, band_h }
}

/// Draws `arch` as a standalone SVG document titled `title`, its words in `lang`. An empty
/// architecture draws a short message instead (`empty_text`).
pub fn render_svg(arch: &Architecture, title: &str, empty_text: &str, lang: Lang) -> String {
    render(arch, title, empty_text, lang, 0).0
}

/// Where the drawn elements are, by id, for drawing over the picture.
#[derive(Debug, Default)]
pub(crate) struct Spots {
    /// Subnet boxes: (x, y, width, height).
    pub(crate) subnets: HashMap<String, (u32, u32, u32, u32)>,
    /// Internet gateway pills.
    pub(crate) igws: HashMap<String, (u32, u32, u32, u32)>,
    /// NAT gateway badges.
    pub(crate) nats: HashMap<String, (u32, u32, u32, u32)>,
    /// Peering lines: (lane x, middle y).
    pub(crate) peerings: HashMap<String, (u32, u32)>,
    /// The picture's width and height.
    pub(crate) size: (u32, u32),
}

/// The picture with `extra` pixels of room below it, without its closing tag, and where things
/// are.
pub(crate) fn render(
    arch: &Architecture,
    title: &str,
    empty_text: &str,
    lang: Lang,
    extra: u32,
) -> (String, Spots) {
    let mut spots = Spots::default();
    let layouts: Vec<VpcLayout> = arch.vpcs.iter().map(|v| layout(v, lang)).collect();
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
    let height = MARGIN * 2 + 28 + body_h.max(60) + extra;
    spots.size = (width, height);
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
        return (svg, spots);
    }
    let x0 = MARGIN + peer_lane;
    let mut y = MARGIN + 28;
    let mut vpc_box: Vec<(&str, u32, u32)> = Vec::new();
    for (vpc, l) in arch.vpcs.iter().zip(&layouts) {
        vpc_box.push((vpc.cidr.as_str(), y, l.height));
        draw_vpc(&mut svg, vpc, l, x0, y, lang, &mut spots);
        y += l.height + VPC_GAP;
    }
    draw_peerings(&mut svg, &drawn, &vpc_box, x0, lang, &mut spots);
    svg.push_str("</svg>\n");
    (svg, spots)
}

/// Each peering in its own lane (the longest spans outermost), its ends fanned out a little on
/// the VPC's edge so lines sharing a VPC stay apart, and its label beside its line in the
/// longest stretch free of other lines' ends.
fn draw_peerings(
    svg: &mut String,
    drawn: &[&PeeringEdge],
    vpc_box: &[(&str, u32, u32)],
    x0: u32,
    lang: Lang,
    spots: &mut Spots,
) {
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
        if let Some(id) = &p.id {
            spots.peerings.insert(id.clone(), (x, mid));
        }
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
            &words::peering_label(p.id.as_deref(), &p.status, lang),
            room,
        );
        svg.push_str("</g>\n");
    }
}

fn draw_vpc(svg: &mut String, vpc: &VpcNode, l: &VpcLayout, x: u32, y: u32, lang: Lang, spots: &mut Spots) {
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
        if let Some(id) = &igw.id {
            spots.igws.insert(id.clone(), (gx, y + 9, l.igw_w, 24));
        }
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
    for (i, (text, mark, lb)) in l.band.iter().enumerate() {
        let (bf, bs, bd) = colors(*mark);
        let by = y + VPC_HEADER + u32::try_from(i).unwrap_or(0) * (BAND_ROW_H + BAND_GAP);
        let bw = l.width - 2 * PAD;
        let _ = write!(
            svg,
            "<g class=\"balancing mark-{}\"{}><rect x=\"{}\" y=\"{by}\" width=\"{bw}\" height=\"{BAND_ROW_H}\" rx=\"6\" fill=\"{bf}\" stroke=\"{bs}\" stroke-width=\"1.5\"{bd}/>",
            mark_class(*mark),
            lb.as_deref().map(|arn| endpoint_attrs(arn, "load_balancer")).unwrap_or_default(),
            x + PAD,
        );
        text_el(
            svg,
            &format!("x=\"{}\" y=\"{}\" fill=\"#1d2733\"", x + PAD + 10, by + 16),
            11,
            false,
            text,
            f64::from(bw - 20),
        );
        svg.push_str("</g>\n");
    }
    let y = y + l.band_h;
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
            &words::zone(az, lang),
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
            words::tier(tier).get(lang),
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
                draw_subnet(svg, s, nat, sx, sy, l.subnet_w, lang);
                if let Some(id) = &s.id {
                    spots.subnets.insert(id.clone(), (sx, sy, l.subnet_w, SUBNET_H));
                }
                if let Some(id) = nat.and_then(|n| n.id.as_ref()) {
                    spots.nats.insert(id.clone(), (sx + l.subnet_w - NAT_W - 6, sy + 40, NAT_W, 18));
                }
            }
        }
        row_y += rows * (SUBNET_H + GAP);
    }
    svg.push_str("</g>\n");
}

fn draw_subnet(svg: &mut String, s: &SubnetNode, nat: Option<&Gateway>, x: u32, y: u32, w: u32, lang: Lang) {
    let (fill, stroke, dash) = colors(s.mark);
    let _ = write!(
        svg,
        "<g class=\"subnet mark-{}\" data-cidr=\"{}\"{}><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{SUBNET_H}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>",
        mark_class(s.mark),
        esc(&s.cidr),
        s.id.as_deref().map(|id| endpoint_attrs(id, "subnet")).unwrap_or_default()
    );
    let (title, second, routes) = subnet_lines(s, lang);
    let room = f64::from(w - 2 * SUBNET_TEXT_PAD);
    let tx = x + SUBNET_TEXT_PAD;
    text_el(svg, &format!("x=\"{tx}\" y=\"{}\" fill=\"#1d2733\"", y + 17), 12, true, &title, room);
    // No empty `<text>`: a target's subnet has no id line, and may have no route line.
    if !second.is_empty() {
        text_el(svg, &format!("x=\"{tx}\" y=\"{}\" fill=\"#5b6673\"", y + 33), SMALL, false, &second, room);
    }
    let routes_room = room - f64::from(badges_room(s, nat.is_some()));
    if !routes.is_empty() {
        let route_fill = if s.default_route.is_some() { "#33415c" } else { "#8a4b00" };
        let _ =
            write!(svg, "<g class=\"route{}\">", if s.default_route.is_some() { "" } else { " no-route" });
        text_el(
            svg,
            &format!("x=\"{tx}\" y=\"{}\" fill=\"{route_fill}\"", y + 51),
            SMALL,
            false,
            &routes,
            routes_room,
        );
        svg.push_str("</g>");
    }
    // Badges right to left: NAT outermost (where it always was), then the others.
    let mut right = x + w - 6 - if nat.is_some() { NAT_W + 4 } else { 0 };
    for badge in extra_badges(s) {
        let bw = badge_w(&badge.label);
        right -= bw;
        let (bf, bs, bd) = colors(s.mark);
        let (attrs, title) = match badge.endpoint {
            Some(e) => {
                let kind = match e.kind {
                    EndpointNodeKind::Instance => "instance",
                    EndpointNodeKind::Database => "database",
                };
                let title =
                    if e.name == e.value { e.value.clone() } else { format!("{} ({})", e.name, e.value) };
                (endpoint_attrs(&e.value, kind), format!("<title>{}</title>", esc(&title)))
            }
            None => (String::new(), String::new()),
        };
        let _ = write!(
            svg,
            "<g class=\"badge\"{attrs}>{title}<rect x=\"{right}\" y=\"{}\" width=\"{bw}\" height=\"18\" rx=\"4\" fill=\"{bf}\" stroke=\"{bs}\" stroke-width=\"1.5\"{bd}/>\
             <text x=\"{}\" y=\"{}\" font-size=\"{SMALL}\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#1d2733\">{}</text></g>",
            y + 40,
            right + bw / 2,
            y + 53,
            esc(&badge.label)
        );
        right -= 4;
    }
    if let Some(n) = nat {
        let (nf, ns, nd) = colors(n.mark);
        let _ = write!(
            svg,
            "<g class=\"nat mark-{}\"><rect x=\"{}\" y=\"{}\" width=\"{NAT_W}\" height=\"18\" rx=\"4\" fill=\"{nf}\" stroke=\"{ns}\" stroke-width=\"1.5\"{nd}/>\
             <text x=\"{}\" y=\"{}\" font-size=\"{SMALL}\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#1d2733\">NAT</text></g>",
            mark_class(n.mark),
            x + w - NAT_W - 6,
            y + 40,
            x + w - NAT_W / 2 - 6,
            y + 53
        );
    }
    svg.push_str("</g>\n");
}
