//! The lessons' network pictures are the labs' target architectures, drawn by the same renderer
//! as the desktop's topology view: `content/assets/three-tier-vpc-{ko,en}.svg` and
//! `content/assets/vpc-peering-{ko,en}.svg`. A lab change that moves a subnet changes the picture,
//! and this test fails until the committed files are written again:
//!
//! ```sh
//! SANDPIT_UPDATE_PICTURES=1 cargo test --workspace --test lesson_pictures
//! ```

use std::path::{Path, PathBuf};

use sandpit_core::Lang;
use sandpit_core::labs::LabSet;
use sandpit_view::topology::{Architecture, render_svg, target_architecture};

fn target(labs: &LabSet, id: &str) -> Architecture {
    let lab = labs.get(id).unwrap_or_else(|e| panic!("lab {id}: {e}"));
    target_architecture(lab, &lab.params([]).expect("default parameters"))
        .unwrap_or_else(|e| panic!("lab {id}: the target architecture: {e}"))
}

/// The peering lab's target laid over the three-tier one: the whole network of the team project.
fn joined(mut base: Architecture, extra: Architecture) -> Architecture {
    for vpc in extra.vpcs {
        match base.vpcs.iter_mut().find(|v| v.cidr == vpc.cidr) {
            Some(known) => {
                for subnet in vpc.subnets {
                    match known.subnets.iter_mut().find(|s| s.cidr == subnet.cidr) {
                        Some(s) => s.peering_route |= subnet.peering_route,
                        None => known.subnets.push(subnet),
                    }
                }
            }
            None => base.vpcs.push(vpc),
        }
    }
    base.peerings.extend(extra.peerings);
    base
}

/// `(file name, SVG)` of every picture this test owns.
fn pictures() -> Vec<(String, String)> {
    let labs = LabSet::builtin().expect("built-in labs");
    let three_tier = target(&labs, "three-tier-vpc");
    let peering = joined(three_tier.clone(), target(&labs, "vpc-peering"));
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let (title_3, title_p) = match lang {
            Lang::Ko => {
                ("3계층 VPC: 두 가용 영역에 퍼블릭·웹·WAS 서브넷", "웹·WAS VPC와 DB VPC를 잇는 VPC 피어링")
            }
            Lang::En => (
                "Three-tier VPC: public, web and WAS subnets in two AZs",
                "The web/WAS VPC and the DB VPC, joined by peering",
            ),
        };
        out.push((format!("three-tier-vpc-{}.svg", lang.code()), render_svg(&three_tier, title_3, "", lang)));
        out.push((format!("vpc-peering-{}.svg", lang.code()), render_svg(&peering, title_p, "", lang)));
    }
    out
}

fn assets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/assets")
}

#[test]
fn the_lesson_network_pictures_are_the_labs_targets() {
    let update = std::env::var_os("SANDPIT_UPDATE_PICTURES").is_some();
    let mut stale = Vec::new();
    for (name, svg) in pictures() {
        let path = assets_dir().join(&name);
        if update {
            std::fs::create_dir_all(assets_dir()).unwrap();
            std::fs::write(&path, &svg).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(svg.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "content/assets/{} differ from what the labs' targets draw: run \
         `SANDPIT_UPDATE_PICTURES=1 cargo test --workspace --test lesson_pictures` and commit the files",
        stale.join(", content/assets/")
    );
}

#[test]
fn the_peering_picture_holds_both_vpcs_the_peering_and_the_routes_into_it() {
    let labs = LabSet::builtin().unwrap();
    let arch = joined(target(&labs, "three-tier-vpc"), target(&labs, "vpc-peering"));
    assert_eq!(arch.vpcs.len(), 2);
    assert_eq!(arch.peerings.len(), 1);
    let app = &arch.vpcs[0];
    assert_eq!(app.subnets.len(), 6, "the peering lab adds no subnet to the web/WAS VPC");
    let routed: Vec<&str> = app.subnets.iter().filter(|s| s.peering_route).map(|s| s.cidr.as_str()).collect();
    assert_eq!(routed, ["10.10.1.0/24", "10.10.2.0/24", "10.10.3.0/24", "10.10.4.0/24"]);
    assert!(arch.vpcs[1].subnets.iter().all(|s| s.tier == "DB" && s.peering_route));
}

/// The names a Korean picture keeps as AWS's Korean documentation and console write them.
const AWS_TERMS: &[&str] = &["VPC", "IGW", "NAT", "WAS", "DB", "ALB", "TG", "ASG", "EC2"];

/// The English words of a picture's text (its `<text>`, `<title>` and `aria-label`): runs of
/// Latin letters that are not AWS terms, ids (`pcx-0a1…`) or names with digits (`vpc-1`).
fn english_words(svg: &str) -> Vec<String> {
    let mut shown = String::new();
    for (open, close) in [(">", "<"), ("aria-label=\"", "\"")] {
        let mut rest = svg;
        while let Some(at) = rest.find(open) {
            rest = &rest[at + open.len()..];
            let end = rest.find(close).unwrap_or(rest.len());
            if open == ">" || !rest[..end].contains('<') {
                shown.push_str(&rest[..end]);
                shown.push(' ');
            }
            rest = &rest[end..];
        }
    }
    shown
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '/'))
        .flat_map(|token| token.split('/'))
        .filter(|word| word.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|word| !word.chars().any(|c| c.is_ascii_digit()))
        .filter(|word| !AWS_TERMS.contains(word))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_korean_pictures_hold_no_english_word() {
    for (name, svg) in pictures().into_iter().filter(|(name, _)| name.ends_with("-ko.svg")) {
        let words = english_words(&svg);
        assert!(
            words.is_empty(),
            "{name} has English words {words:?}: put them in the catalogue (topology-…)"
        );
    }
    // What the pictures said before their words came from the catalogue is caught.
    let old = concat!(
        r#"<svg aria-label="VPC web"><text>public</text><text>VPC vpc-1 · 10.10.0.0/16</text>"#,
        "<text>peering · active</text><text>0.0.0.0/0 → NAT  → pcx</text><text>AZ 1</text></svg>",
    );
    assert_eq!(english_words(old), ["public", "peering", "active", "pcx", "AZ", "web"]);
}
