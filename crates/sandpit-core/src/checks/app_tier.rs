//! Finding the WAS tier's load balancing and scaling in a snapshot by what each part does, not by
//! its name: the target group is the one in the app VPC on the WAS port, the load balancer the
//! one whose listener forwards to it, the Auto Scaling group the one registered in it (or,
//! before that, the one launching into the WAS subnets).

use crate::checks::args::Cidr;
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{
    AutoScalingGroup, LaunchTemplate, LaunchTemplateData, LoadBalancer, Snapshot, TargetGroup, Vpc,
};

/// Target groups in `vpc`, best first for the WAS port `port`: on that port, HTTP, with a
/// listener or an Auto Scaling group using it.
fn ranked_target_groups<'s>(snap: &'s Snapshot, vpc: &Vpc, port: u16) -> Vec<&'s TargetGroup> {
    let mut tgs: Vec<&TargetGroup> =
        snap.target_groups.iter().filter(|tg| tg.vpc_id.as_deref() == Some(vpc.id.as_str())).collect();
    let used = |tg: &TargetGroup| {
        !tg.load_balancer_arns.is_empty()
            || snap.auto_scaling_groups.iter().any(|g| g.target_group_arns.contains(&tg.arn))
    };
    tgs.sort_by_key(|tg| {
        (tg.port != Some(i32::from(port)), tg.protocol.as_deref() != Some("HTTP"), !used(tg), tg.name.clone())
    });
    tgs
}

/// The WAS target group: in `vpc`, on `port`. The error is the finding that says there is none,
/// listing the target groups there are.
pub(crate) fn was_target_group<'s>(
    snap: &'s Snapshot,
    vpc: &Vpc,
    port: u16,
) -> Result<&'s TargetGroup, Box<Finding>> {
    if let Some(tg) =
        ranked_target_groups(snap, vpc, port).into_iter().find(|tg| tg.port == Some(i32::from(port)))
    {
        return Ok(tg);
    }
    let all: Vec<String> = snap
        .target_groups
        .iter()
        .map(|tg| {
            format!(
                "{} ({} {} in {})",
                tg.name,
                tg.protocol.as_deref().unwrap_or("?"),
                tg.port.map_or("?".to_owned(), |p| p.to_string()),
                tg.vpc_id.as_deref().unwrap_or("?")
            )
        })
        .collect();
    Err(Box::new(
        Finding::fail(msg!("app-tier-no-target-group-port", port = &port, vpc = &vpc.id))
            .resource(vpc.id.clone())
            .expected(format!("a target group on port {port} in {}", vpc.id))
            .found(if all.is_empty() { "no target group".to_owned() } else { all.join(", ") })
            .hint(msg!("app-tier-no-target-group-port-hint", port = &port, vpc = &vpc.id)),
    ))
}

/// Application load balancers in `vpc` that are not being deleted.
pub(crate) fn albs_in<'s>(snap: &'s Snapshot, vpc: &Vpc) -> Vec<&'s LoadBalancer> {
    snap.load_balancers
        .iter()
        .filter(|lb| lb.vpc_id.as_deref() == Some(vpc.id.as_str()) && lb.lb_type == "application")
        .filter(|lb| lb.state != "failed")
        .collect()
}

/// Whether a listener of `lb` forwards to `tg` (the target group also names its load balancers,
/// which counts when the listeners could not be read).
pub(crate) fn forwards_to(lb: &LoadBalancer, tg: &TargetGroup) -> bool {
    lb.listeners.iter().any(|l| l.forwards_to().any(|arn| arn == tg.arn))
        || tg.load_balancer_arns.contains(&lb.arn)
}

/// The WAS load balancer: an application load balancer in `vpc` forwarding to the WAS target
/// group when there is one, else one with the expected `scheme`, else any in the VPC.
pub(crate) fn was_load_balancer<'s>(
    snap: &'s Snapshot,
    vpc: &Vpc,
    tg: Option<&TargetGroup>,
    scheme: &str,
) -> Result<&'s LoadBalancer, Box<Finding>> {
    let albs = albs_in(snap, vpc);
    let pick = albs
        .iter()
        .find(|lb| tg.is_some_and(|tg| forwards_to(lb, tg)))
        .or_else(|| albs.iter().find(|lb| lb.scheme == scheme))
        .or_else(|| albs.first());
    if let Some(lb) = pick {
        return Ok(lb);
    }
    let elsewhere: Vec<String> = snap
        .load_balancers
        .iter()
        .map(|lb| {
            format!("{} ({} {} in {})", lb.name, lb.lb_type, lb.scheme, lb.vpc_id.as_deref().unwrap_or("?"))
        })
        .collect();
    Err(Box::new(
        Finding::fail(msg!("app-tier-no-application-load-balancer", vpc = &vpc.id))
            .resource(vpc.id.clone())
            .expected(format!("an {scheme} application load balancer in {}", vpc.id))
            .found(if elsewhere.is_empty() { "no load balancer".to_owned() } else { elsewhere.join(", ") })
            .hint(msg!("app-tier-no-application-load-balancer-hint", scheme = &scheme)),
    ))
}

/// The subnets of `vpc` with these CIDR blocks (those that exist).
pub(crate) fn subnet_ids(snap: &Snapshot, vpc: &Vpc, cidrs: &[Cidr]) -> Vec<String> {
    cidrs.iter().filter_map(|c| super::resolve::subnet_in(snap, vpc, c)).map(|s| s.id.clone()).collect()
}

/// The WAS Auto Scaling group: the one registered in the WAS target group, else one launching
/// into the WAS subnets, else one launching anywhere in `vpc`.
pub(crate) fn was_auto_scaling_group<'s>(
    snap: &'s Snapshot,
    vpc: &Vpc,
    tg: Option<&TargetGroup>,
    was_subnets: &[String],
) -> Result<&'s AutoScalingGroup, Box<Finding>> {
    let in_vpc = |g: &AutoScalingGroup| {
        g.subnet_ids.iter().any(|id| snap.subnet(id).is_some_and(|s| s.vpc_id == vpc.id))
    };
    let live: Vec<&AutoScalingGroup> = snap.auto_scaling_groups.iter().filter(|g| !g.is_deleting()).collect();
    let pick = live
        .iter()
        .find(|g| tg.is_some_and(|tg| g.target_group_arns.contains(&tg.arn)))
        .or_else(|| live.iter().find(|g| g.subnet_ids.iter().any(|s| was_subnets.contains(s))))
        .or_else(|| live.iter().find(|g| in_vpc(g)));
    if let Some(g) = pick {
        return Ok(g);
    }
    let others: Vec<&str> = live.iter().map(|g| g.name.as_str()).collect();
    Err(Box::new(
        Finding::fail(msg!("app-tier-no-auto-scaling-group", vpc = &vpc.id))
            .resource(vpc.id.clone())
            .expected("an Auto Scaling group over the WAS subnets")
            .found(if others.is_empty() { "no Auto Scaling group".to_owned() } else { others.join(", ") })
            .hint(msg!("app-tier-no-auto-scaling-group-hint")),
    ))
}

/// The launch template a group launches from, and what the version it uses launches (`None`
/// when that version's data was not read, e.g. a pinned old version).
pub(crate) fn template_of<'s>(
    snap: &'s Snapshot,
    group: &AutoScalingGroup,
) -> Option<(&'s LaunchTemplate, Option<&'s LaunchTemplateData>)> {
    let spec = group.launch_template.as_ref()?;
    let template = snap.launch_templates.iter().find(|t| {
        spec.id.as_deref() == Some(t.id.as_str()) || spec.name.as_deref() == Some(t.name.as_str())
    })?;
    Some((template, version_data(template, spec.version.as_deref())))
}

/// What `version` (`$Default`, `$Latest`, a number, or unset = `$Default`) of `template` launches.
pub(crate) fn version_data<'t>(
    template: &'t LaunchTemplate,
    version: Option<&str>,
) -> Option<&'t LaunchTemplateData> {
    let latest = || template.latest_data.as_ref().or(template.default_data.as_ref());
    match version {
        None | Some("$Default") => template.default_data.as_ref(),
        Some("$Latest") => latest(),
        Some(n) => match n.parse::<i64>() {
            Ok(n) if n == template.default_version => template.default_data.as_ref(),
            Ok(n) if n == template.latest_version => latest(),
            _ => None,
        },
    }
}
