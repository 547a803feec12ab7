use sandpit_core::labs::LabSet;
use serde_json::json;

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
    target_architecture(lab, &lab.params([]).unwrap())
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
    let t = target_architecture(lab, &lab.params([]).unwrap());
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

#[test]
fn the_pictures_are_stable() {
    let c = compare(&three_tier_target(), &actual_architecture(&partial_three_tier()), Lang::En);
    insta::assert_snapshot!("target_three_tier", render_svg(&c.target, "Target: three-tier-vpc", "-"));
    insta::assert_snapshot!("actual_partial", render_svg(&c.actual, "Your account", "-"));
}

#[test]
fn an_empty_account_draws_a_message_and_escapes_text() {
    let svg = render_svg(&Architecture::default(), "<Account>", "No VPC yet & nothing to draw");
    assert!(svg.contains("&lt;Account&gt;"));
    assert!(svg.contains("No VPC yet &amp; nothing to draw"));
    assert!(!svg.contains("style="), "presentation attributes only, for the CSP");
}
