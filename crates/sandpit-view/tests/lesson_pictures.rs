//! The lessons' network pictures are the labs' target architectures, drawn by the same renderer
//! as the desktop's topology view: `content/assets/three-tier-vpc-{ko,en}.svg` and
//! `content/assets/vpc-peering-{ko,en}.svg`. A lab change that moves a subnet changes the picture,
//! and this test fails until the committed files are written again:
//!
//! ```sh
//! SANDPIT_UPDATE_PICTURES=1 cargo test -p sandpit-view --test lesson_pictures
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

/// Availability Zones named as the Korean console names them.
fn in_korean(mut arch: Architecture) -> Architecture {
    for subnet in arch.vpcs.iter_mut().flat_map(|v| &mut v.subnets) {
        if let Some(n) = subnet.az.strip_prefix("AZ ") {
            subnet.az = format!("가용 영역 {n}");
        }
    }
    arch
}

/// `(file name, SVG)` of every picture this test owns.
fn pictures() -> Vec<(String, String)> {
    let labs = LabSet::builtin().expect("built-in labs");
    let three_tier = target(&labs, "three-tier-vpc");
    let peering = joined(three_tier.clone(), target(&labs, "vpc-peering"));
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let (arch_3, arch_p) = match lang {
            Lang::Ko => (in_korean(three_tier.clone()), in_korean(peering.clone())),
            Lang::En => (three_tier.clone(), peering.clone()),
        };
        let (title_3, title_p) = match lang {
            Lang::Ko => {
                ("3계층 VPC: 두 가용 영역에 퍼블릭·웹·WAS 서브넷", "웹·WAS VPC와 DB VPC를 잇는 VPC 피어링")
            }
            Lang::En => (
                "Three-tier VPC: public, web and WAS subnets in two AZs",
                "The web/WAS VPC and the DB VPC, joined by peering",
            ),
        };
        out.push((format!("three-tier-vpc-{}.svg", lang.code()), render_svg(&arch_3, title_3, "", lang)));
        out.push((format!("vpc-peering-{}.svg", lang.code()), render_svg(&arch_p, title_p, "", lang)));
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
         `SANDPIT_UPDATE_PICTURES=1 cargo test -p sandpit-view --test lesson_pictures` and commit the files",
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
