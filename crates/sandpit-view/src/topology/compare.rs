//! Target against account: what is missing, what differs, what is extra — marked on both
//! pictures and said in words.

use sandpit_core::{Lang, Localized, msg};
use serde::Serialize;

use super::model::{Architecture, Mark};
use super::words;

/// One difference between the target and the account, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
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
    let mut t = target.clone();
    let mut a = actual.clone();
    let mut diffs = Vec::new();
    let mut say = |mark, text: Localized| diffs.push(Difference { mark, text: text.get(lang).to_owned() });
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
            say(Mark::Missing, msg!("topology-vpc-missing", cidr = &tv.cidr));
            continue;
        };
        if let Some(g) = &mut tv.igw
            && av.igw.is_none()
        {
            g.mark = Mark::Missing;
            say(Mark::Missing, msg!("topology-internet-gateway-missing", cidr = &tv.cidr));
        }
        for n in &mut tv.nats {
            if av.nats.is_empty() {
                n.mark = Mark::Missing;
                say(Mark::Missing, msg!("topology-nat-gateway-missing", cidr = &tv.cidr));
            }
        }
        for ts in &mut tv.subnets {
            let Some(actual_subnet) = av.subnet(&ts.cidr) else {
                ts.mark = Mark::Missing;
                say(
                    Mark::Missing,
                    msg!("topology-subnet-missing", tier = words::tier(&ts.tier), cidr = &ts.cidr),
                );
                continue;
            };
            let mut problems: Vec<Localized> = Vec::new();
            if let Some(want) = &ts.default_route
                && actual_subnet.default_route.as_ref() != Some(want)
            {
                // No default route at all is its own sentence: "goes to nothing" reads as a typo.
                let id = match &actual_subnet.default_route {
                    Some(_) => "topology-route-elsewhere",
                    None => "topology-route-none",
                };
                let found = actual_subnet.default_route.clone().unwrap_or_default();
                let args = [("want", msg::Arg::from(want)), ("found", msg::Arg::from(found))];
                problems.push(msg::localized(id, &args));
            }
            if ts.peering_route && !actual_subnet.peering_route {
                problems.push(msg!("topology-subnet-no-peering-route"));
            }
            if ts.load_balancer && !actual_subnet.load_balancer {
                problems.push(msg!("topology-subnet-no-load-balancer-node"));
            }
            if ts.instances > 0 && actual_subnet.instances == 0 {
                problems.push(msg!("topology-subnet-no-instance"));
            }
            let same_tier_same_az = av.subnets.iter().any(|o| {
                o.cidr != ts.cidr
                    && o.az == actual_subnet.az
                    && tv_tier_has(target, &tv.cidr, &ts.tier, &o.cidr)
            });
            if same_tier_same_az {
                problems.push(msg!(
                    "topology-subnet-shares-zone",
                    zone = &actual_subnet.az,
                    tier = words::tier(&ts.tier)
                ));
            }
            if !problems.is_empty() {
                ts.mark = Mark::Differs;
                let id = actual_subnet.id.clone().unwrap_or_default();
                for problem in problems {
                    say(
                        Mark::Differs,
                        msg!("topology-subnet-differs", cidr = &ts.cidr, id = &id, problem = problem),
                    );
                }
            }
        }
    }
    for tv in &mut t.vpcs {
        let Some(av) = actual.vpc(&tv.cidr) else {
            for l in &mut tv.load_balancers {
                l.mark = Mark::Missing;
                for g in &mut l.target_groups {
                    g.mark = Mark::Missing;
                }
            }
            for g in &mut tv.auto_scaling {
                g.mark = Mark::Missing;
            }
            continue;
        };
        for tl in &mut tv.load_balancers {
            let found = av
                .load_balancers
                .iter()
                .find(|l| l.scheme == tl.scheme)
                .or_else(|| av.load_balancers.first());
            let Some(al) = found else {
                tl.mark = Mark::Missing;
                for g in &mut tl.target_groups {
                    g.mark = Mark::Missing;
                }
                say(
                    Mark::Missing,
                    msg!(
                        "topology-load-balancer-missing",
                        scheme = words::scheme(&tl.scheme),
                        cidr = &tv.cidr
                    ),
                );
                continue;
            };
            let name = al.name.clone().unwrap_or_default();
            if al.scheme != tl.scheme {
                tl.mark = Mark::Differs;
                say(
                    Mark::Differs,
                    msg!(
                        "topology-load-balancer-scheme",
                        name = &name,
                        found = words::scheme(&al.scheme),
                        want = words::scheme(&tl.scheme)
                    ),
                );
            }
            if let Some(port) = tl.listener_ports.first()
                && al.listener_ports.is_empty()
            {
                tl.mark = Mark::Differs;
                say(
                    Mark::Differs,
                    msg!("topology-load-balancer-no-listener", name = &name, port = port.to_string()),
                );
            }
            for tg in &mut tl.target_groups {
                match al.target_groups.iter().find(|g| g.port == tg.port) {
                    None => {
                        tg.mark = Mark::Missing;
                        let port = tg.port.map_or("?".to_owned(), |p| p.to_string());
                        say(Mark::Missing, msg!("topology-target-group-missing", name = &name, port = port));
                    }
                    Some(g) => {
                        if let Some((healthy, all)) = g.health
                            && (all == 0 || healthy < all)
                        {
                            tg.mark = Mark::Differs;
                            let tg_name = g.name.clone().unwrap_or_default();
                            say(
                                Mark::Differs,
                                msg!(
                                    "topology-target-group-unhealthy",
                                    name = tg_name,
                                    healthy = healthy.to_string(),
                                    all = all.to_string(),
                                ),
                            );
                        }
                    }
                }
            }
        }
        for tg in &mut tv.auto_scaling {
            match av.auto_scaling.first() {
                None => {
                    tg.mark = Mark::Missing;
                    say(Mark::Missing, msg!("topology-auto-scaling-missing", cidr = &tv.cidr));
                }
                Some(ag) if ag.min < tg.min => {
                    tg.mark = Mark::Differs;
                    let name = ag.name.clone().unwrap_or_default();
                    say(
                        Mark::Differs,
                        msg!(
                            "topology-auto-scaling-minimum",
                            name = name,
                            found = ag.min.to_string(),
                            want = tg.min.to_string(),
                        ),
                    );
                }
                Some(_) => {}
            }
        }
    }
    for p in &mut t.peerings {
        let found = actual.peerings.iter().find(|q| (q.a == p.a && q.b == p.b) || (q.a == p.b && q.b == p.a));
        match found {
            None => {
                p.mark = Mark::Missing;
                say(Mark::Missing, msg!("topology-peering-missing", a = &p.a, b = &p.b));
            }
            Some(q) if q.status != "active" => {
                p.mark = Mark::Differs;
                say(
                    Mark::Differs,
                    msg!(
                        "topology-peering-not-active",
                        id = q.id.as_deref().unwrap_or("?"),
                        status = &q.status
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
        if let Some(tl) = tv.load_balancers.first() {
            let matched = av
                .load_balancers
                .iter()
                .position(|l| l.scheme == tl.scheme)
                .or((!av.load_balancers.is_empty()).then_some(0));
            for (i, l) in av.load_balancers.iter_mut().enumerate() {
                l.mark = if Some(i) == matched { tl.mark } else { Mark::Extra };
            }
        }
        if let Some(tg) = tv.auto_scaling.first() {
            for (i, g) in av.auto_scaling.iter_mut().enumerate() {
                g.mark = if i == 0 { tg.mark } else { Mark::Extra };
            }
        }
        for n in &mut av.nats {
            let in_public =
                n.subnet_cidr.as_deref().and_then(|c| tv.subnet(c)).is_some_and(|s| s.tier == "public");
            if !tv.nats.is_empty() && !in_public {
                n.mark = Mark::Differs;
                say(
                    Mark::Differs,
                    msg!("topology-nat-gateway-not-public", id = n.id.as_deref().unwrap_or("?")),
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
