use sandpit_core::Lang;
use sandpit_core::labs::LabSet;
use sandpit_core::snapshot::Snapshot;
use serde_json::json;

use super::svg::text_width;
use super::*;

/// Part of the three-tier lab: the VPC, the public subnets routed to the internet gateway, one
/// web subnet in the wrong AZ-pair and routed nowhere, plus a VPC the lab does not ask for.
fn partial_three_tier() -> Snapshot {
    let ok = |items: serde_json::Value| json!({ "status": "ok", "items": items });
    let name = |n: &str| json!({ "Name": n });
    serde_json::from_value(json!({
        "account": "123456789012",
        "region": "ap-northeast-2",
        "vpcs": ok(json!([
            { "id": "vpc-1", "cidr": "10.10.0.0/16", "tags": name("vpc-1") },
            { "id": "vpc-default", "cidr": "172.31.0.0/16", "is_default": true },
            { "id": "vpc-9", "cidr": "192.168.0.0/16", "tags": name("scratch") }
        ])),
        "subnets": ok(json!([
            { "id": "subnet-p1", "vpc_id": "vpc-1", "cidr": "10.10.5.0/24", "availability_zone": "ap-northeast-2a", "tags": name("pub_vpc1-1") },
            { "id": "subnet-p2", "vpc_id": "vpc-1", "cidr": "10.10.6.0/24", "availability_zone": "ap-northeast-2c", "tags": name("pub_vpc1-2") },
            { "id": "subnet-w1", "vpc_id": "vpc-1", "cidr": "10.10.1.0/24", "availability_zone": "ap-northeast-2a", "tags": name("web_vpc1-1_pri") },
            { "id": "subnet-w2", "vpc_id": "vpc-1", "cidr": "10.10.2.0/24", "availability_zone": "ap-northeast-2a", "tags": name("web_vpc1-2_pri") }
        ])),
        "route_tables": ok(json!([
            { "id": "rtb-main", "vpc_id": "vpc-1", "main": true,
              "routes": [{ "destination": "10.10.0.0/16", "target": "local", "target_kind": "local" }] },
            { "id": "rtb-pub", "vpc_id": "vpc-1", "subnet_ids": ["subnet-p1", "subnet-p2"],
              "routes": [{ "destination": "10.10.0.0/16", "target": "local", "target_kind": "local" },
                         { "destination": "0.0.0.0/0", "target": "igw-1", "target_kind": "internet_gateway" }] }
        ])),
        "internet_gateways": ok(json!([
            { "id": "igw-1", "attachments": [{ "vpc_id": "vpc-1", "state": "available" }] }
        ])),
        "nat_gateways": ok(json!([])),
        "peering_connections": ok(json!([]))
    }))
    .expect("fixture snapshot")
}

fn three_tier_target() -> Architecture {
    let labs = LabSet::builtin().unwrap();
    let lab = labs.get("three-tier-vpc").unwrap();
    target_architecture(lab, &lab.params([]).unwrap()).unwrap()
}

#[test]
fn the_target_of_the_three_tier_lab_is_read_from_its_checks() {
    let t = three_tier_target();
    assert_eq!(t.vpcs.len(), 1);
    let vpc = &t.vpcs[0];
    assert_eq!((vpc.cidr.as_str(), vpc.name.as_deref()), ("10.10.0.0/16", Some("vpc-1")));
    assert_eq!(vpc.subnets.len(), 6);
    assert!(vpc.igw.is_some());
    assert_eq!(vpc.nats.len(), 1);
    assert_eq!(vpc.nats[0].subnet_cidr.as_deref(), Some("10.10.5.0/24"));
    let pub1 = vpc.subnet("10.10.5.0/24").unwrap();
    assert_eq!(
        (pub1.tier.as_str(), pub1.az.as_str(), pub1.default_route.as_deref()),
        ("public", "AZ 1", Some("IGW"))
    );
    let was2 = vpc.subnet("10.10.4.0/24").unwrap();
    assert_eq!(
        (was2.tier.as_str(), was2.az.as_str(), was2.default_route.as_deref()),
        ("WAS", "AZ 2", Some("NAT"))
    );
}

#[test]
fn the_peering_lab_targets_two_vpcs_and_a_peering() {
    let labs = LabSet::builtin().unwrap();
    let lab = labs.get("vpc-peering").unwrap();
    let t = target_architecture(lab, &lab.params([]).unwrap()).unwrap();
    assert_eq!(t.vpcs.len(), 2);
    assert_eq!(t.peerings.len(), 1);
    assert!(
        t.vpcs[0].subnets.iter().any(|s| s.peering_route)
            || t.vpcs[1].subnets.iter().any(|s| s.peering_route)
    );
}

#[test]
fn differences_are_marked_on_both_sides() {
    let actual = actual_architecture(&partial_three_tier());
    assert_eq!(actual.vpcs.len(), 2, "the default VPC is left out");
    let c = compare(&three_tier_target(), &actual, Lang::En);
    let target = &c.target.vpcs[0];
    let mark = |cidr: &str| target.subnet(cidr).unwrap().mark;
    assert_eq!(mark("10.10.5.0/24"), Mark::Same);
    assert_eq!(mark("10.10.3.0/24"), Mark::Missing);
    assert_eq!(mark("10.10.1.0/24"), Mark::Differs, "no NAT route and both web subnets in one AZ");
    assert_eq!(target.nats[0].mark, Mark::Missing);
    assert_eq!(target.igw.as_ref().unwrap().mark, Mark::Same);
    let scratch = c.actual.vpcs.iter().find(|v| v.cidr == "192.168.0.0/16").unwrap();
    assert_eq!(scratch.mark, Mark::Extra);
    let texts: Vec<&str> = c.differences.iter().map(|d| d.text.as_str()).collect();
    assert!(texts.contains(&"WAS subnet 10.10.3.0/24 is missing"), "{texts:#?}");
    assert!(texts.contains(&"no NAT gateway in VPC 10.10.0.0/16"), "{texts:#?}");
    assert!(
        texts.iter().any(|t| t.starts_with("subnet 10.10.2.0/24 (subnet-w2): shares ap-northeast-2a")),
        "{texts:#?}"
    );
}

/// The route line of each subnet box, by its CIDR, as drawn.
fn route_lines(svg: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in svg.split("<g class=\"subnet ").skip(1) {
        let cidr = attr(part, "data-cidr").expect("a subnet box names its CIDR");
        let route = part.split("<g class=\"route").nth(1).expect("every subnet box has a route line");
        let text = route.split("</text>").next().unwrap_or_default();
        let text = text.rsplit('>').next().unwrap_or_default();
        out.push((cidr, unescape(text)));
    }
    out
}

#[test]
fn every_subnet_says_where_its_default_route_leads_and_none_is_said_in_words() {
    let c = compare(&three_tier_target(), &actual_architecture(&partial_three_tier()), Lang::Ko);
    let actual = render_svg(&c.actual, "내 계정", "-", Lang::Ko);
    let routes = route_lines(&actual);
    assert_eq!(routes.len(), 4, "one route line per subnet of the account: {routes:?}");
    for public in ["10.10.5.0/24", "10.10.6.0/24"] {
        assert!(routes.contains(&(public.into(), "0.0.0.0/0 → IGW".into())), "{routes:?}");
    }
    for web in ["10.10.1.0/24", "10.10.2.0/24"] {
        assert!(routes.contains(&(web.into(), "인터넷으로 가는 경로 없음".into())), "{routes:?}");
    }
    let target = render_svg(&c.target, "목표 구성", "-", Lang::Ko);
    assert!(route_lines(&target).contains(&("10.10.3.0/24".into(), "0.0.0.0/0 → NAT".into())));
    // A target leaves unsaid a route its lab does not ask for: "none" would read as a requirement.
    let labs = LabSet::builtin().unwrap();
    let peering = labs.get("vpc-peering").unwrap();
    let peering_target = target_architecture(peering, &peering.params([]).unwrap()).unwrap();
    let drawn = render_svg(&peering_target, "목표 구성", "-", Lang::Ko);
    assert!(!drawn.contains("인터넷으로 가는 경로 없음"), "{drawn}");
    assert!(!drawn.contains("></text>"), "no empty label: {drawn}");
    // A missing default route, in the differences: in words, never a dash.
    let texts: Vec<&str> = c.differences.iter().map(|d| d.text.as_str()).collect();
    assert!(
        texts.contains(&"서브넷 10.10.1.0/24 (subnet-w1): 인터넷으로 가는 경로 없음: 라우팅 테이블에 0.0.0.0/0 → NAT 경로가 필요합니다"),
        "{texts:#?}"
    );
    for text in texts.iter().copied().chain([actual.as_str(), target.as_str()]) {
        assert!(!text.contains('—'), "no dash stands for a missing route: {text}");
    }
    let en = compare(&three_tier_target(), &actual_architecture(&partial_three_tier()), Lang::En);
    assert!(
        en.differences.iter().any(|d| d.text
            == "subnet 10.10.1.0/24 (subnet-w1): no route to the internet: its route table needs 0.0.0.0/0 → NAT"),
        "{:#?}",
        en.differences
    );
}

#[test]
fn no_text_of_a_picture_is_smaller_than_the_minimum() {
    let c = compare(&three_tier_target(), &actual_architecture(&partial_three_tier()), Lang::Ko);
    let snap = recorded("peering-pending");
    let overlay = path_overlay(&was_to_db(&snap, Lang::Ko), Lang::Ko);
    for svg in [
        render_svg(&c.target, "목표 구성", "-", Lang::Ko),
        render_svg(&c.actual, "내 계정", "-", Lang::Ko),
        render_svg(&long_labels(), "내 계정", "-", Lang::Ko),
        render_svg_with_path(&actual_architecture(&snap), "내 계정", "-", &overlay, Lang::Ko),
    ] {
        let sizes: Vec<f64> =
            svg.split("font-size=\"").skip(1).map(|s| s[..s.find('"').unwrap()].parse().unwrap()).collect();
        assert!(!sizes.is_empty());
        assert!(
            sizes.iter().all(|&s| s >= f64::from(MIN_FONT_PX)),
            "every label at least {MIN_FONT_PX} px: {sizes:?}"
        );
    }
}

#[test]
fn the_pictures_are_stable() {
    let c = compare(&three_tier_target(), &actual_architecture(&partial_three_tier()), Lang::En);
    insta::assert_snapshot!(
        "target_three_tier",
        render_svg(&c.target, "Target: three-tier-vpc", "-", Lang::En)
    );
    insta::assert_snapshot!("actual_partial", render_svg(&c.actual, "Your account", "-", Lang::En));
}

#[test]
fn an_empty_account_draws_a_message_and_escapes_text() {
    let svg = render_svg(&Architecture::default(), "<Account>", "No VPC yet & nothing to draw", Lang::En);
    assert!(svg.contains("&lt;Account&gt;"));
    assert!(svg.contains("No VPC yet &amp; nothing to draw"));
    assert!(!svg.contains("style="), "presentation attributes only, for the CSP");
}

// ---- Labels: none overlaps another, none runs outside its box ---------------------------------

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Area {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Area {
    const EPS: f64 = 0.01;
    fn inside(&self, o: &Area) -> bool {
        self.x0 >= o.x0 - Self::EPS
            && self.y0 >= o.y0 - Self::EPS
            && self.x1 <= o.x1 + Self::EPS
            && self.y1 <= o.y1 + Self::EPS
    }
    fn overlaps(&self, o: &Area) -> bool {
        self.x0 < o.x1 - Self::EPS
            && o.x0 < self.x1 - Self::EPS
            && self.y0 < o.y1 - Self::EPS
            && o.y0 < self.y1 - Self::EPS
    }
}

/// A `<text>` of the picture: what it shows, the area its glyphs take (estimated as the renderer
/// estimates text width; 0.85 em above the baseline, 0.25 em below), its tooltip, and the boxes
/// (`<rect>` indices) of the groups it sits in, innermost last.
#[derive(Debug, Clone)]
struct Label {
    text: String,
    tooltip: Option<String>,
    area: Area,
    groups: Vec<usize>,
}

/// The boxes (`<rect>`s but the background, with the boxes of the groups around them) and the
/// labels of an SVG as `render_svg` writes it.
struct Picture {
    canvas: Area,
    rects: Vec<(Area, Vec<usize>)>,
    labels: Vec<Label>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_owned())
}

fn num(tag: &str, name: &str) -> f64 {
    attr(tag, name).unwrap_or_else(|| panic!("{name} in {tag}")).parse().unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn parse_picture(svg: &str) -> Picture {
    let head_end = svg.find('>').unwrap();
    let head = &svg[..head_end];
    let canvas = Area { x0: 0.0, y0: 0.0, x1: num(head, "width"), y1: num(head, "height") };
    let mut rects = Vec::new();
    let mut labels = Vec::new();
    // One entry per open <g>: the index of its first <rect>, if it has one yet.
    let mut groups: Vec<Option<usize>> = Vec::new();
    let mut rest = &svg[head_end + 1..];
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        let end = rest.find('>').unwrap() + 1;
        let tag = &rest[..end];
        if tag.starts_with("<g ") || tag == "<g>" {
            groups.push(None);
        } else if tag == "</g>" {
            groups.pop().expect("balanced groups");
        } else if tag.starts_with("<rect ") && tag.contains(" x=\"") {
            let (x, y) = (num(tag, "x"), num(tag, "y"));
            let area = Area { x0: x, y0: y, x1: x + num(tag, "width"), y1: y + num(tag, "height") };
            let around: Vec<usize> = groups.iter().flatten().copied().collect();
            rects.push((area, around));
            if let Some(top @ None) = groups.last_mut() {
                *top = Some(rects.len() - 1);
            }
        } else if tag.starts_with("<text ") {
            let close = rest.find("</text>").unwrap();
            let mut inner = &rest[end..close];
            let mut tooltip = None;
            if let Some(t) = inner.strip_prefix("<title>") {
                let e = t.find("</title>").unwrap();
                tooltip = Some(unescape(&t[..e]));
                inner = &t[e + "</title>".len()..];
            }
            assert!(!inner.contains('<'), "plain text only: {inner}");
            let text = unescape(inner);
            let size = num(tag, "font-size");
            let bold = tag.contains("font-weight=\"600\"");
            let w = text_width(&text, size, bold);
            let (x, y) = (num(tag, "x"), num(tag, "y"));
            let (left, right) = match attr(tag, "text-anchor").as_deref() {
                Some("middle") => (x - w / 2.0, x + w / 2.0),
                Some("end") => (x - w, x),
                _ => (x, x + w),
            };
            let (top, bottom) = (y - 0.85 * size, y + 0.25 * size);
            let area = match attr(tag, "transform") {
                None => Area { x0: left, y0: top, x1: right, y1: bottom },
                Some(t) => {
                    assert_eq!(t, format!("rotate(-90 {x} {y})"), "only labels turned about their anchor");
                    // Turned a quarter to the left: what was above the baseline is now left of it.
                    Area { x0: x - (y - top), y0: y - (right - x), x1: x + (bottom - y), y1: y + (x - left) }
                }
            };
            labels.push(Label { text, tooltip, area, groups: groups.iter().flatten().copied().collect() });
            rest = &rest[close..];
            continue;
        }
        rest = &rest[end..];
    }
    assert!(groups.is_empty(), "balanced groups");
    Picture { canvas, rects, labels }
}

/// Every label inside the box of the group it belongs to (the canvas for the title and the
/// peering labels), clear of every other box, and clear of every other label; boxes nest or
/// stay apart. Returns the problems found.
fn label_problems(svg: &str) -> Vec<String> {
    let p = parse_picture(svg);
    let mut problems = Vec::new();
    for l in &p.labels {
        let container = l.groups.last().map_or(p.canvas, |&r| p.rects[r].0);
        if !l.area.inside(&container) {
            problems.push(format!("{:?} runs outside its box {container:?}: {:?}", l.text, l.area));
        }
        for (i, (r, _)) in p.rects.iter().enumerate() {
            if !l.groups.contains(&i) && l.area.overlaps(r) {
                problems.push(format!("{:?} runs into box {r:?}: {:?}", l.text, l.area));
            }
        }
    }
    for (i, a) in p.labels.iter().enumerate() {
        for b in &p.labels[i + 1..] {
            if a.area.overlaps(&b.area) {
                problems.push(format!("{:?} overlaps {:?}: {:?} {:?}", a.text, b.text, a.area, b.area));
            }
        }
    }
    for (i, (a, _)) in p.rects.iter().enumerate() {
        if !a.inside(&p.canvas) {
            problems.push(format!("box {a:?} outside the picture"));
        }
        for (b, _) in &p.rects[i + 1..] {
            if a.overlaps(b) && !a.inside(b) && !b.inside(a) {
                problems.push(format!("boxes {a:?} and {b:?} overlap"));
            }
        }
    }
    problems
}

fn subnet(cidr: &str, name: Option<&str>, id: &str, az: &str, tier: &str, route: Option<&str>) -> SubnetNode {
    SubnetNode {
        cidr: cidr.into(),
        name: name.map(str::to_owned),
        id: Some(id.into()),
        az: az.into(),
        tier: tier.into(),
        default_route: route.map(str::to_owned),
        peering_route: route == Some("NAT"),
        load_balancer: false,
        instances: 0,
        endpoints: Vec::new(),
        mark: Mark::Same,
    }
}

/// Three peered VPCs with real-length ids, Name tags of 40 and more characters, Korean names, and
/// six subnets across three AZs.
fn long_labels() -> Architecture {
    let azs = ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c"];
    let mut vpcs = Vec::new();
    for v in 0..3u32 {
        let mut subnets = Vec::new();
        for (k, az) in azs.iter().enumerate() {
            subnets.push(subnet(
                &format!("10.{v}.{k}.0/24"),
                Some(&format!("production-public-subnet-{az}-for-the-web-frontend")),
                &format!("subnet-0123456789abcdef{k}"),
                az,
                "public",
                Some("IGW"),
            ));
            subnets.push(subnet(
                &format!("10.{v}.1{k}.0/24"),
                Some(&format!("운영 환경 애플리케이션 서버용 프라이빗 서브넷 {}", k + 1)),
                &format!("subnet-0fedcba987654321{k}"),
                az,
                "WAS",
                Some("NAT"),
            ));
        }
        let name = match v {
            0 => "production-vpc-for-the-three-tier-web-application-seoul",
            1 => "공유 서비스 VPC (로그 수집, 모니터링, 배포 파이프라인 전용)",
            _ => "x",
        };
        vpcs.push(VpcNode {
            cidr: format!("10.{v}.0.0/16"),
            name: Some(name.into()),
            id: Some(format!("vpc-0123456789abcdef{v}")),
            igw: Some(Gateway {
                id: Some(format!("igw-0a1b2c3d4e5f6a7b{v}")),
                subnet_cidr: None,
                mark: Mark::Same,
            }),
            nats: vec![Gateway {
                id: Some(format!("nat-0a1b2c3d4e5f6a7b{v}")),
                subnet_cidr: Some(format!("10.{v}.0.0/24")),
                mark: Mark::Same,
            }],
            load_balancers: Vec::new(),
            target_groups: Vec::new(),
            auto_scaling: Vec::new(),
            subnets,
            mark: Mark::Same,
        });
    }
    let peering = |a: u32, b: u32, status: &str| PeeringEdge {
        a: format!("10.{a}.0.0/16"),
        b: format!("10.{b}.0.0/16"),
        id: Some(format!("pcx-0123456789abcdef{a}{b}")),
        status: status.into(),
        mark: if status == "active" { Mark::Same } else { Mark::Differs },
    };
    Architecture {
        vpcs,
        peerings: vec![peering(0, 1, "active"), peering(1, 2, "pending-acceptance"), peering(0, 2, "active")],
    }
}

#[test]
fn long_ids_and_names_stay_inside_their_boxes() {
    let arch = long_labels();
    let svg = render_svg(
        &arch,
        "Your account — a title long enough to need cutting when the picture is narrow",
        "-",
        Lang::En,
    );
    let problems = label_problems(&svg);
    assert!(problems.is_empty(), "{problems:#?}");
    let p = parse_picture(&svg);
    // Boxes grew to show ids whole; what still did not fit is cut, with the whole text as a tooltip.
    for id in [
        "vpc-0123456789abcdef0",
        "igw-0a1b2c3d4e5f6a7b1",
        "subnet-0123456789abcdef2",
        "pcx-0123456789abcdef02",
    ] {
        assert!(p.labels.iter().any(|l| l.text.contains(id)), "{id} shown whole");
    }
    let cut: Vec<&Label> = p.labels.iter().filter(|l| l.tooltip.is_some()).collect();
    assert!(!cut.is_empty(), "the longest names are cut");
    for l in &cut {
        let full = l.tooltip.as_deref().unwrap();
        assert!(l.text.contains('…'), "{:?}", l.text);
        let (head, tail) = l.text.split_once('…').unwrap();
        assert!(full.starts_with(head) && full.ends_with(tail), "{full:?} / {:?}", l.text);
    }
    assert!(cut.iter().any(|l| l.tooltip.as_deref().unwrap().contains("for-the-web-frontend")));
    insta::assert_snapshot!("long_labels", svg);
}

#[test]
fn the_old_fixed_layout_would_have_failed() {
    // The check itself can fail: a label pushed out of its box is reported.
    let svg = "<svg width=\"100\" height=\"100\"><g class=\"subnet\"><rect x=\"0\" y=\"0\" width=\"50\" height=\"20\"/>\
               <text x=\"4\" y=\"15\" font-size=\"12\">vpc-0123456789abcdef0</text></g>\
               <text x=\"4\" y=\"30\" font-size=\"12\">a</text><text x=\"6\" y=\"32\" font-size=\"12\">b</text></svg>";
    let problems = label_problems(svg);
    assert!(problems.iter().any(|p| p.contains("outside its box")), "{problems:#?}");
    assert!(problems.iter().any(|p| p.contains("overlaps")), "{problems:#?}");
}

#[test]
fn the_snapshot_pictures_have_no_overlapping_labels() {
    let c = compare(&three_tier_target(), &actual_architecture(&partial_three_tier()), Lang::En);
    for svg in [
        render_svg(&c.target, "Target: three-tier-vpc", "-", Lang::En),
        render_svg(&c.actual, "Your account", "-", Lang::En),
    ] {
        let problems = label_problems(&svg);
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

mod generated {
    use proptest::prelude::*;

    use super::*;

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z0-9-]{1,12}",
            "[a-zA-Z0-9_ .-]{20,70}",
            "[가-힣 ]{1,30}",
            "[A-Z]{8,40}",
            Just("production-public-subnet-ap-northeast-2a-for-the-web-frontend".to_owned()),
        ]
    }

    fn mark() -> impl Strategy<Value = Mark> {
        prop::sample::select(vec![Mark::Same, Mark::Missing, Mark::Differs, Mark::Extra])
    }

    fn subnet() -> impl Strategy<Value = (SubnetNode, bool)> {
        (
            prop::option::of(text()),
            prop::option::of("subnet-[0-9a-f]{17}"),
            prop_oneof![
                prop::sample::select(vec![
                    "ap-northeast-2a",
                    "ap-northeast-2b",
                    "ap-northeast-2c",
                    "AZ 1",
                    "AZ ?"
                ])
                .prop_map(str::to_owned),
                text(),
            ],
            prop_oneof![
                prop::sample::select(vec!["public", "web", "WAS", "DB", "private", "web/WAS"])
                    .prop_map(str::to_owned),
                text(),
            ],
            prop::option::of(prop::sample::select(vec!["IGW", "NAT", "pcx", "TGW", "instance", "other"])),
            any::<bool>(),
            mark(),
            any::<bool>(),
            (any::<bool>(), 0u32..12),
        )
            .prop_map(
                |(name, id, az, tier, route, peering_route, mark, nat, (load_balancer, instances))| {
                    let node = SubnetNode {
                        cidr: String::new(),
                        name,
                        id,
                        az,
                        tier,
                        default_route: route.map(str::to_owned),
                        peering_route,
                        load_balancer,
                        instances,
                        endpoints: Vec::new(),
                        mark,
                    };
                    (node, nat)
                },
            )
    }

    fn vpc() -> impl Strategy<Value = (VpcNode, Vec<bool>)> {
        (
            prop::option::of(text()),
            prop::option::of("vpc-[0-9a-f]{17}"),
            prop::option::of((prop::option::of("igw-[0-9a-f]{17}"), mark())),
            prop::collection::vec(subnet(), 0..7),
            mark(),
            prop::collection::vec((prop::option::of(text()), mark(), prop::option::of(text())), 0..3),
        )
            .prop_map(|(name, id, igw, subnets, mark, balancing)| {
                let nats = subnets.iter().map(|(_, n)| *n).collect();
                let node = VpcNode {
                    cidr: String::new(),
                    name,
                    id,
                    igw: igw.map(|(id, mark)| Gateway { id, subnet_cidr: None, mark }),
                    nats: Vec::new(),
                    subnets: subnets.into_iter().map(|(s, _)| s).collect(),
                    load_balancers: balancing
                        .iter()
                        .map(|(name, mark, tg)| LoadBalancerNode {
                            name: name.clone(),
                            id: None,
                            scheme: "internal".into(),
                            subnet_cidrs: Vec::new(),
                            listener_ports: vec![80],
                            target_groups: vec![TargetGroupNode {
                                name: tg.clone(),
                                port: Some(8080),
                                health: Some((1, 2)),
                                mark: *mark,
                            }],
                            mark: *mark,
                        })
                        .collect(),
                    target_groups: Vec::new(),
                    auto_scaling: balancing
                        .iter()
                        .map(|(name, mark, _)| AutoScalingNode {
                            name: name.clone(),
                            min: 2,
                            subnet_cidrs: vec!["10.0.3.0/24".into()],
                            instances: Some(2),
                            mark: *mark,
                        })
                        .collect(),
                    mark,
                };
                (node, nats)
            })
    }

    fn architecture() -> impl Strategy<Value = Architecture> {
        (
            prop::collection::vec(vpc(), 1..5),
            prop::collection::vec(
                (
                    any::<usize>(),
                    any::<usize>(),
                    prop::option::of("pcx-[0-9a-f]{17}"),
                    prop::sample::select(vec!["active", "pending-acceptance", "provisioning"]),
                    mark(),
                ),
                0..5,
            ),
        )
            .prop_map(|(vpcs, peerings)| {
                let n = vpcs.len();
                let vpcs: Vec<VpcNode> = vpcs
                    .into_iter()
                    .enumerate()
                    .map(|(v, (mut node, nats))| {
                        node.cidr = format!("10.{v}.0.0/16");
                        for (k, s) in node.subnets.iter_mut().enumerate() {
                            s.cidr = format!("10.{v}.{k}.0/24");
                        }
                        node.nats = nats
                            .iter()
                            .enumerate()
                            .filter(|(_, on)| **on)
                            .map(|(k, _)| Gateway {
                                id: Some(format!("nat-{k:017x}")),
                                subnet_cidr: Some(format!("10.{v}.{k}.0/24")),
                                mark: Mark::Same,
                            })
                            .collect();
                        node
                    })
                    .collect();
                let peerings = peerings
                    .into_iter()
                    .map(|(a, b, id, status, mark)| PeeringEdge {
                        a: format!("10.{}.0.0/16", a % n),
                        b: format!("10.{}.0.0/16", b % n),
                        id,
                        status: status.to_owned(),
                        mark,
                    })
                    .collect();
                Architecture { vpcs, peerings }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn no_label_overlaps_or_leaves_its_box(arch in architecture(), title in text()) {
            let svg = render_svg(&arch, &title, "-", Lang::En);
            let problems = label_problems(&svg);
            prop_assert!(problems.is_empty(), "{:#?}\n{}", problems, svg);
        }
    }
}

/// A snapshot recorded from the emulator by `tests/emulator/reach.rs`.
fn recorded(name: &str) -> Snapshot {
    let path = format!("{}/../../tests/fixtures/reach/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn was_to_db(snapshot: &Snapshot, lang: Lang) -> sandpit_core::reach::RenderedAnswer {
    let q = sandpit_core::reach::Question {
        from: "was-1".into(),
        to: "lab-db".into(),
        port: Some(3306),
        ..sandpit_core::reach::Question::default()
    };
    sandpit_core::reach::answer(snapshot, &q).unwrap().render(lang)
}

#[test]
fn an_open_path_is_drawn_green_through_its_subnets_and_peering() {
    let snap = recorded("seed");
    let answer = was_to_db(&snap, Lang::En);
    let overlay = path_overlay(&answer, Lang::En);
    assert!(overlay.reachable && overlay.stops.iter().all(|s| s.ok));
    let kinds: Vec<&PathNode> = overlay.stops.iter().map(|s| &s.node).collect();
    assert!(matches!(kinds[0], PathNode::Subnet(id) if answer.from.subnets.contains(id)), "{kinds:?}");
    assert!(kinds.iter().any(|k| matches!(k, PathNode::Peering(_))), "{kinds:?}");
    // Every hop is at one stop; consecutive hops at one place share it.
    let hops: usize = overlay.stops.iter().map(|s| s.hops.len()).sum();
    assert_eq!(hops, answer.hops.len());
    assert!(overlay.stops.windows(2).all(|w| w[0].node != w[1].node));
    let svg = render_svg_with_path(&actual_architecture(&snap), "Your account", "-", &overlay, Lang::En);
    assert!(svg.contains("<g class=\"reach-path open\">") && svg.contains("<polyline"));
    assert_eq!(svg.matches("class=\"reach-stop ok\"").count(), overlay.stops.len());
    assert!(svg.contains("password"), "the beyond-the-network sentence is under the picture");
    assert!(!svg.contains("style="), "presentation attributes only (CSP)");
    assert!(svg.ends_with("</svg>\n") && svg.matches("<svg").count() == 1);
    // The picture grew to make room for the words; the plain picture is unchanged by this.
    let plain = render_svg(&actual_architecture(&snap), "Your account", "-", Lang::En);
    assert!(!plain.contains("reach-path"));
}

#[test]
fn a_blocked_path_stops_red_at_the_blocking_hop_with_its_fix() {
    let snap = recorded("peering-pending");
    let answer = was_to_db(&snap, Lang::Ko);
    let overlay = path_overlay(&answer, Lang::Ko);
    assert!(!overlay.reachable);
    let red = overlay.stops.iter().position(|s| !s.ok).expect("a red stop");
    assert!(matches!(&overlay.stops[red].node, PathNode::Peering(_)));
    assert!(overlay.headline.starts_with("× 4번 구간에서 막힘: 피어링 pcx-"), "{}", overlay.headline);
    assert!(overlay.note.contains("accept-vpc-peering-connection"), "{}", overlay.note);
    assert!(overlay.rule.as_deref().is_some_and(|r| r.contains("pending-acceptance")));
    let svg = render_svg_with_path(&actual_architecture(&snap), "내 계정", "-", &overlay, Lang::Ko);
    assert_eq!(svg.matches("class=\"reach-stop blocked\"").count(), 1);
    assert_eq!(svg.matches("class=\"reach-stop ok\"").count(), red, "nothing drawn past the block");
    assert!(svg.contains(&super::svg::esc(&overlay.note)), "the whole fix, at least in the tooltip");
}

#[test]
fn the_internet_gets_a_badge_and_unknown_places_are_left_out() {
    let snap = recorded("internet-to-alb");
    let q = sandpit_core::reach::Question {
        from: "internet".into(),
        to: "web-alb".into(),
        port: Some(80),
        ..sandpit_core::reach::Question::default()
    };
    let answer = sandpit_core::reach::answer(&snap, &q).unwrap().render(Lang::En);
    let overlay = path_overlay(&answer, Lang::En);
    assert_eq!(overlay.stops[0].node, PathNode::Internet);
    assert!(matches!(&overlay.stops[1].node, PathNode::InternetGateway(_)));
    assert_eq!(overlay.stops[0].label, "internet");
    let svg = render_svg_with_path(&actual_architecture(&snap), "t", "-", &overlay, Lang::En);
    assert!(svg.contains("class=\"reach-internet\""));
    assert!(svg.contains(">internet</text>"));
    // An empty picture: no stop can be placed but the internet; still one valid document.
    let svg = render_svg_with_path(&Architecture::default(), "t", "nothing", &overlay, Lang::En);
    assert!(svg.contains("nothing") && svg.ends_with("</svg>\n"));
}

#[test]
fn a_korean_window_calls_the_internet_by_its_korean_name() {
    let snap = recorded("internet-to-alb");
    let q = sandpit_core::reach::Question {
        from: "internet".into(),
        to: "web-alb".into(),
        port: Some(80),
        ..sandpit_core::reach::Question::default()
    };
    let answer = sandpit_core::reach::answer(&snap, &q).unwrap().render(Lang::Ko);
    let overlay = path_overlay(&answer, Lang::Ko);
    assert_eq!(overlay.stops[0].node, PathNode::Internet);
    assert_eq!(overlay.stops[0].label, "인터넷");
    let svg = render_svg_with_path(&actual_architecture(&snap), "내 계정", "-", &overlay, Lang::Ko);
    assert!(svg.contains(">인터넷</text>") && !svg.contains(">internet</text>"), "the badge");
}

// ---- The application tier: load balancer, target group, Auto Scaling --------------------------

/// The WAS subnets with an internal ALB forwarding to a target group with one healthy and one
/// unhealthy target, and an Auto Scaling group whose two instances both landed in the first subnet.
fn was_tier() -> Snapshot {
    let ok = |items: serde_json::Value| json!({ "status": "ok", "items": items });
    let tg = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/was-tg/1";
    serde_json::from_value(json!({
        "vpcs": ok(json!([{ "id": "vpc-1", "cidr": "10.10.0.0/16", "tags": { "Name": "vpc-1" } }])),
        "subnets": ok(json!([
            { "id": "subnet-a1", "vpc_id": "vpc-1", "cidr": "10.10.3.0/24", "availability_zone": "ap-northeast-2a", "tags": { "Name": "was_vpc1-1_pri" } },
            { "id": "subnet-a2", "vpc_id": "vpc-1", "cidr": "10.10.4.0/24", "availability_zone": "ap-northeast-2c", "tags": { "Name": "was_vpc1-2_pri" } }
        ])),
        "route_tables": ok(json!([])),
        "load_balancers": ok(json!([{
            "arn": "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/was-alb/1",
            "name": "was-alb", "lb_type": "application", "state": "active", "vpc_id": "vpc-1", "scheme": "internal",
            "subnets": [{ "subnet_id": "subnet-a1", "availability_zone": "ap-northeast-2a" },
                        { "subnet_id": "subnet-a2", "availability_zone": "ap-northeast-2c" }],
            "listeners": [{ "arn": "l-1", "port": 80, "default_actions": [{ "action_type": "forward", "target_group_arns": [tg] }] }]
        }])),
        "target_groups": ok(json!([{
            "arn": tg, "name": "was-tg", "port": 8080, "vpc_id": "vpc-1",
            "targets": [{ "id": "i-1", "state": "healthy" }, { "id": "i-2", "state": "unhealthy" }]
        }])),
        "auto_scaling_groups": ok(json!([{
            "name": "was-asg", "min_size": 2, "max_size": 4, "desired_capacity": 2,
            "subnet_ids": ["subnet-a1", "subnet-a2"],
            "instances": [{ "id": "i-1" }, { "id": "i-2" }]
        }])),
        "ec2_instances": ok(json!([
            { "id": "i-1", "instance_type": "t3.micro", "state": "running", "subnet_id": "subnet-a1" },
            { "id": "i-2", "instance_type": "t3.micro", "state": "running", "subnet_id": "subnet-a1" }
        ]))
    }))
    .expect("fixture snapshot")
}

fn was_target() -> Architecture {
    let labs = LabSet::builtin().unwrap();
    let lab = labs.get("was-alb-asg").unwrap();
    target_architecture(lab, &lab.params([]).unwrap()).unwrap()
}

#[test]
fn the_was_lab_targets_an_internal_alb_a_target_group_and_an_instance_per_was_subnet() {
    let t = was_target();
    let vpc = &t.vpcs[0];
    let lb = &vpc.load_balancers[0];
    assert_eq!((lb.scheme.as_str(), lb.listener_ports.as_slice()), ("internal", &[80][..]));
    assert_eq!(lb.target_groups[0].port, Some(8080));
    assert_eq!(vpc.auto_scaling[0].min, 2);
    for cidr in ["10.10.3.0/24", "10.10.4.0/24"] {
        let s = vpc.subnet(cidr).unwrap();
        assert!(s.load_balancer && s.instances == 1, "{s:?}");
    }
}

#[test]
fn instances_per_subnet_and_unhealthy_targets_are_differences() {
    let actual = actual_architecture(&was_tier());
    let vpc = &actual.vpcs[0];
    assert_eq!(vpc.subnet("10.10.3.0/24").unwrap().instances, 2);
    assert_eq!(vpc.subnet("10.10.4.0/24").unwrap().instances, 0);
    assert_eq!(vpc.load_balancers[0].target_groups[0].health, Some((1, 2)));
    let c = compare(&was_target(), &actual, Lang::En);
    let texts: Vec<&str> = c.differences.iter().map(|d| d.text.as_str()).collect();
    assert!(texts.contains(&"target group was-tg: 1 of 2 targets healthy"), "{texts:#?}");
    assert!(
        texts.iter().any(|t| t.starts_with("subnet 10.10.4.0/24 (subnet-a2): no Auto Scaling instance here")),
        "{texts:#?}"
    );
    let svg = render_svg(&c.actual, "Your account", "-", Lang::En);
    assert!(svg.contains("ALB was-alb · internal · :80 → TG was-tg :8080 · 1/2 healthy"), "{svg}");
    assert!(svg.contains("EC2×2"));
    assert!(!svg.contains("style="));
    // Nothing built yet: the balancer and the group are missing.
    let empty = actual_architecture(&Snapshot::default());
    let c = compare(&was_target(), &empty, Lang::Ko);
    assert_eq!(c.target.vpcs[0].load_balancers[0].mark, Mark::Missing);
    assert_eq!(c.target.vpcs[0].auto_scaling[0].mark, Mark::Missing);
}

// ---- Words in the picture's language ----------------------------------------------------------

/// The texts of a picture's `<text>` elements.
fn texts_of(svg: &str) -> Vec<String> {
    parse_picture(svg).labels.into_iter().map(|l| l.tooltip.unwrap_or(l.text)).collect()
}

#[test]
fn a_korean_picture_names_tiers_zones_peering_and_the_band_in_korean() {
    let labs = LabSet::builtin().unwrap();
    let peering = labs.get("vpc-peering").unwrap();
    let target = target_architecture(peering, &peering.params([]).unwrap()).unwrap();
    let ko = texts_of(&render_svg(&target, "목표 구성", "-", Lang::Ko));
    for word in ["DB", "가용 영역 1", "피어링 · 활성"] {
        assert!(ko.iter().any(|t| t == word), "{word} in {ko:#?}");
    }
    assert!(ko.iter().any(|t| t.ends_with("→ 피어링")), "{ko:#?}");
    let three_tier = texts_of(&render_svg(&three_tier_target(), "목표 구성", "-", Lang::Ko));
    for word in ["퍼블릭", "웹", "WAS"] {
        assert!(three_tier.iter().any(|t| t == word), "{word} in {three_tier:#?}");
    }
    // The English picture keeps the words it always had.
    let en = texts_of(&render_svg(&target, "Target", "-", Lang::En));
    for word in ["DB", "AZ 1", "peering · active"] {
        assert!(en.iter().any(|t| t == word), "{word} in {en:#?}");
    }
    // The model keeps the labs' and AWS's values: comparing never depends on the language.
    assert_eq!(three_tier_target().vpcs[0].subnets[0].az, "AZ 1");
    // The band and the differences, in Korean.
    let c = compare(&was_target(), &actual_architecture(&was_tier()), Lang::Ko);
    let svg = render_svg(&c.actual, "내 계정", "-", Lang::Ko);
    assert!(svg.contains("ALB was-alb · 내부 · :80 → TG was-tg :8080 · 정상 1/2"), "{svg}");
    assert!(svg.contains("ASG was-asg · 최소 2 · 인스턴스 2개"), "{svg}");
    let partial = compare(&three_tier_target(), &actual_architecture(&partial_three_tier()), Lang::Ko);
    let said: Vec<&str> = partial.differences.iter().map(|d| d.text.as_str()).collect();
    assert!(said.iter().any(|t| t.contains("다른 웹 서브넷과 같은 가용 영역(ap-northeast-2a)")), "{said:#?}");
    let mut facing = actual_architecture(&was_tier());
    facing.vpcs[0].load_balancers[0].scheme = "internet-facing".into();
    let c = compare(&was_target(), &facing, Lang::Ko);
    let said: Vec<&str> = c.differences.iter().map(|d| d.text.as_str()).collect();
    assert!(said.contains(&"로드 밸런서 was-alb의 체계가 내부가 아니라 인터넷 경계입니다"), "{said:#?}");
    facing.vpcs[0].load_balancers.clear();
    let c = compare(&was_target(), &facing, Lang::Ko);
    let said: Vec<&str> = c.differences.iter().map(|d| d.text.as_str()).collect();
    assert!(said.contains(&"VPC 10.10.0.0/16에 내부 로드 밸런서가 없습니다"), "{said:#?}");
}

#[test]
fn one_auto_scaling_instance_is_one_instance_in_english() {
    let mut arch = actual_architecture(&was_tier());
    arch.vpcs[0].auto_scaling[0].instances = Some(1);
    let svg = render_svg(&arch, "Your account", "-", Lang::En);
    assert!(svg.contains("· min 2 · 1 instance ·"), "{svg}");
}

/// The `data-endpoint` values a picture carries for elements of `kind`.
fn picked(svg: &str, kind: &str) -> Vec<String> {
    let tail = format!("\" data-endpoint-kind=\"{kind}\"");
    svg.split("data-endpoint=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once(&tail).map(|(v, _)| v.to_owned()))
        .filter(|v| !v.contains('"'))
        .collect()
}

#[test]
fn every_kind_of_path_end_can_be_picked_in_the_picture() {
    let snap = recorded("seed");
    let svg = render_svg(&actual_architecture(&snap), "Your account", "-", Lang::En);
    // Every subnet of the drawn VPCs, by its id.
    let drawn: Vec<String> = snap
        .subnets
        .iter()
        .filter(|s| snap.vpc(&s.vpc_id).is_some_and(|v| !v.is_default))
        .map(|s| s.id.clone())
        .collect();
    let mut subnets = picked(&svg, "subnet");
    subnets.sort();
    let mut expected = drawn.clone();
    expected.sort();
    assert_eq!(subnets, expected);
    // The WAS instance in its subnet, the database in each subnet of its subnet group, the load
    // balancer on its row of the band.
    let was = snap.ec2_instances.iter().find(|i| i.tags.get("Name").is_some_and(|n| n == "was-1")).unwrap();
    assert_eq!(picked(&svg, "instance"), [was.id.as_str()]);
    assert_eq!(picked(&svg, "database"), ["lab-db", "lab-db", "lab-db"]);
    let alb = snap.load_balancers.iter().next().unwrap();
    assert_eq!(picked(&svg, "load_balancer"), [alb.arn.as_str()]);
    assert!(svg.contains("<title>was-1 (i-"), "the instance badge is named: {svg}");
    // Each one is what `sandpit reach` and the window's endpoint list take.
    let choices: Vec<String> =
        sandpit_core::reach::endpoint_choices(&snap).into_iter().map(|c| c.value).collect();
    for kind in ["subnet", "instance", "database", "load_balancer"] {
        for value in picked(&svg, kind) {
            assert!(choices.contains(&value), "{kind} {value} is not a path end: {choices:?}");
        }
    }
    // A lab's target names nothing that exists: nothing to pick there.
    let labs = LabSet::builtin().unwrap();
    let lab = labs.get("vpc-peering").unwrap();
    let target = target_architecture(lab, &lab.params([]).unwrap()).unwrap();
    assert!(!render_svg(&target, "Target", "-", Lang::En).contains("data-endpoint"));
}
