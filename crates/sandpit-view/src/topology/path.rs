//! A path question's answer drawn over the topology picture: the hops as stops on the subnets,
//! gateways and peerings they happen at, joined by a line — green while the traffic gets
//! through, the blocking stop in red with its rule and fix below the picture; an open path
//! all green, with the sentence about looking beyond the network.

use std::fmt::Write as _;

use sandpit_core::reach::{Component, Direction, EndpointKind, RenderedAnswer, Verdict};
use sandpit_core::{Lang, msg};
use serde::Serialize;

use super::model::Architecture;
use super::svg::{MARGIN, MIN_FONT_PX, Spots, elide, esc, render, text_el};

/// Where a stop of the path is drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum PathNode {
    /// A subnet box.
    Subnet(String),
    /// An internet gateway.
    InternetGateway(String),
    /// A NAT gateway.
    NatGateway(String),
    /// A peering line.
    Peering(String),
    /// The internet (a badge at the top of the picture).
    Internet,
}

/// One stop of the path: one or more consecutive hops at the same place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PathStop {
    /// Where.
    pub node: PathNode,
    /// The hops (their `n`) that happen here.
    pub hops: Vec<usize>,
    /// Whether every hop here lets the traffic through.
    pub ok: bool,
    /// What happens here, for a tooltip.
    pub label: String,
}

/// What to draw over the picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PathOverlay {
    /// The stops, in the order the traffic meets them.
    pub stops: Vec<PathStop>,
    /// Whether the path is open both ways.
    pub reachable: bool,
    /// The first line under the picture: open, or where it is blocked.
    pub headline: String,
    /// The deciding rule of the blocking hop.
    pub rule: Option<String>,
    /// The fix (blocked) or where to look beyond the network (open).
    pub note: String,
}

/// The stops of `answer`'s path and the words under the picture, in `lang` (the answer's own
/// language).
pub fn path_overlay(answer: &RenderedAnswer, lang: Lang) -> PathOverlay {
    let mut stops: Vec<PathStop> = Vec::new();
    let mut add = |node: PathNode, hop: Option<(usize, bool, String)>| {
        if let Some(last) = stops.last_mut().filter(|l| l.node == node) {
            if let Some((n, ok, label)) = hop {
                last.hops.push(n);
                last.ok &= ok;
                last.label.push('\n');
                last.label.push_str(&label);
            }
            return;
        }
        let (hops, ok, label) = match hop {
            Some((n, ok, label)) => (vec![n], ok, label),
            None => (Vec::new(), true, msg::text(lang, "view-path-internet", &[])),
        };
        stops.push(PathStop { node, hops, ok, label });
    };
    if answer.from.kind == EndpointKind::Internet {
        add(PathNode::Internet, None);
    }
    for h in &answer.hops {
        let mark = if h.verdict == Verdict::Allow { "✓" } else { "×" };
        let label = format!("{mark} {}. {} {} — {}", h.n, h.component.label(lang), h.resource, h.rule);
        let node = match h.component {
            Component::Peering => Some(PathNode::Peering(h.resource.clone())),
            Component::NatGateway => Some(PathNode::NatGateway(h.resource.clone())),
            Component::InternetGateway if h.resource.starts_with("igw-") => {
                Some(PathNode::InternetGateway(h.resource.clone()))
            }
            Component::TransitGateway => None,
            _ => h.subnet.clone().map(PathNode::Subnet),
        };
        if let Some(node) = node {
            add(node, Some((h.n, h.verdict == Verdict::Allow, label)));
        }
        if h.component == Component::InternetGateway
            && h.direction == Direction::Outbound
            && h.verdict == Verdict::Allow
        {
            add(PathNode::Internet, None);
        }
    }
    let blocking = answer.blocked_at.and_then(|n| answer.hops.iter().find(|h| h.n == n));
    let (headline, rule, note) = match blocking {
        None => (msg::text(lang, "view-path-open", &[]), None, answer.beyond_network.clone()),
        Some(h) => (
            msg::text(
                lang,
                "view-path-blocked",
                &[
                    ("hop", h.n.to_string().into()),
                    ("component", h.component.label(lang).into()),
                    ("resource", h.resource.as_str().into()),
                ],
            ),
            Some(h.rule.clone()),
            answer.fix.clone().unwrap_or_else(|| h.detail.clone()),
        ),
    };
    PathOverlay { stops, reachable: answer.reachable, headline, rule, note }
}

const NOTE_LINE: u32 = 18;
const STOP_R: u32 = 9;
const GREEN: &str = "#2e7d32";
const RED: &str = "#c62828";

/// The topology picture of `arch` (as [`super::render_svg`] draws it) with `path` drawn over it
/// and its words below.
pub fn render_svg_with_path(
    arch: &Architecture,
    title: &str,
    empty_text: &str,
    path: &PathOverlay,
    lang: Lang,
) -> String {
    let note_lines = 2 + u32::from(path.rule.is_some());
    let (mut svg, spots) = render(arch, title, empty_text, lang, note_lines * NOTE_LINE + 16);
    let (width, height) = spots.size;
    let end = svg.rfind("</svg>").unwrap_or(svg.len());
    svg.truncate(end);
    let internet = (width - MARGIN - 40, MARGIN / 2 + 6);
    let mut placed: Vec<(u32, u32, &PathStop)> = Vec::new();
    for stop in &path.stops {
        if let Some((x, y)) = spot(&spots, &stop.node, internet) {
            placed.push((x, y, stop));
        }
    }
    let blocked_at = placed.iter().position(|(_, _, s)| !s.ok);
    let _ = write!(svg, "<g class=\"reach-path {}\">", if path.reachable { "open" } else { "blocked" });
    if path.stops.iter().any(|s| s.node == PathNode::Internet) {
        let (ix, iy) = internet;
        let _ = write!(
            svg,
            "<rect class=\"reach-internet\" x=\"{}\" y=\"{}\" width=\"80\" height=\"20\" rx=\"10\" fill=\"#e3f2fd\" stroke=\"#1565c0\" stroke-width=\"1.5\"/>\
             <text x=\"{ix}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#0d47a1\">{}</text>",
            ix - 40,
            iy - 10,
            iy + 4,
            esc(&msg::text(lang, "view-path-internet", &[]))
        );
    }
    // The line as far as the traffic gets.
    let last = blocked_at.unwrap_or(placed.len().saturating_sub(1));
    if last > 0 {
        let points: Vec<String> = placed[..=last].iter().map(|(x, y, _)| format!("{x},{y}")).collect();
        let _ = write!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{GREEN}\" stroke-width=\"3\" stroke-opacity=\"0.8\" stroke-linejoin=\"round\"/>",
            points.join(" ")
        );
    }
    for (i, (x, y, stop)) in placed.iter().enumerate() {
        if blocked_at.is_some_and(|b| i > b) {
            break;
        }
        let color = if stop.ok { GREEN } else { RED };
        let hops: Vec<String> = stop.hops.iter().map(ToString::to_string).collect();
        let _ = write!(
            svg,
            "<g class=\"reach-stop {}\" data-hops=\"{}\"><title>{}</title><circle cx=\"{x}\" cy=\"{y}\" r=\"{STOP_R}\" fill=\"{color}\" stroke=\"#ffffff\" stroke-width=\"2\"/>\
             <text x=\"{x}\" y=\"{}\" font-size=\"{MIN_FONT_PX}\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#ffffff\">{}</text></g>",
            if stop.ok { "ok" } else { "blocked" },
            hops.join(" "),
            esc(&stop.label),
            y + 4,
            if stop.ok { "✓" } else { "×" }
        );
    }
    // The words below the picture.
    let room = f64::from(width - 2 * MARGIN);
    let mut y = height - note_lines * NOTE_LINE - 4;
    let color = if path.reachable { GREEN } else { RED };
    text_el(
        &mut svg,
        &format!("class=\"reach-headline\" x=\"{MARGIN}\" y=\"{y}\" fill=\"{color}\""),
        13,
        true,
        &path.headline,
        room,
    );
    if let Some(rule) = &path.rule {
        y += NOTE_LINE;
        text_el(
            &mut svg,
            &format!("class=\"reach-rule\" x=\"{MARGIN}\" y=\"{y}\" fill=\"#1d2733\""),
            12,
            false,
            rule,
            room,
        );
    }
    y += NOTE_LINE;
    let note_shown = elide(&path.note, 12.0, false, room);
    let _ =
        write!(svg, "<text class=\"reach-note\" x=\"{MARGIN}\" y=\"{y}\" font-size=\"12\" fill=\"#33415c\">");
    match note_shown {
        Some(short) => {
            let _ = write!(svg, "<title>{}</title>{}", esc(&path.note), esc(&short));
        }
        None => svg.push_str(&esc(&path.note)),
    }
    svg.push_str("</text></g>\n</svg>\n");
    svg
}

/// The point a stop is drawn at, when its element is in the picture.
fn spot(spots: &Spots, node: &PathNode, internet: (u32, u32)) -> Option<(u32, u32)> {
    let center = |&(x, y, w, h): &(u32, u32, u32, u32)| (x + w / 2, y + h / 2);
    match node {
        PathNode::Subnet(id) => spots.subnets.get(id).map(center),
        PathNode::InternetGateway(id) => spots.igws.get(id).map(center),
        PathNode::NatGateway(id) => spots.nats.get(id).map(center),
        PathNode::Peering(id) => spots.peerings.get(id).copied(),
        PathNode::Internet => Some(internet),
    }
}
