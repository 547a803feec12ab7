//! `scaling_policy` — the WAS Auto Scaling group scales by target tracking on the metric asked
//! for (average CPU by default): it adds instances when the metric rises above the target and
//! removes them when it falls.

use serde::Deserialize;

use super::app_tier::{subnet_ids, was_auto_scaling_group, was_target_group};
use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::engine::denial_finding;
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "scaling_policy",
    description: "The Auto Scaling group (the one in the target group on `port`) has an enabled target-tracking policy on the predefined `metric`.",
    needs: &[
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::TargetGroups,
        ResourceKind::AutoScalingGroups,
    ],
    build: build::<TargetTracking>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetTracking {
    vpc: VpcRef,
    subnets: Vec<Cidr>,
    port: u16,
    metric: String,
}

impl Check for TargetTracking {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let tg = was_target_group(snap, vpc, self.port).ok();
        let g = match was_auto_scaling_group(snap, vpc, tg, &subnet_ids(snap, vpc, &self.subnets)) {
            Ok(g) => g,
            Err(finding) => return vec![*finding],
        };
        if let Some(error) = &g.policies_unreadable {
            return vec![
                denial_finding(msg!("scaling-policy-unreadable", group = &g.name), error)
                    .resource(g.name.clone()),
            ];
        }
        let metric = self.metric.as_str();
        let tracking: Vec<_> =
            g.policies.iter().filter(|p| p.policy_type == "TargetTrackingScaling" && p.enabled).collect();
        if let Some(p) = tracking.iter().find(|p| p.predefined_metric.as_deref() == Some(metric)) {
            let target = p.target_value.map_or("?".to_owned(), |v| v.to_string());
            return vec![
                Finding::pass(msg!(
                    "scaling-policy-auto-scaling-group-tracks",
                    group = &g.name,
                    metric = &metric,
                    target = &target,
                    policy = &p.name
                ))
                .resource(g.name.clone())
                .found(format!("{} {metric} {target}", p.name)),
            ];
        }
        let found: Vec<String> = g
            .policies
            .iter()
            .map(|p| {
                let on = p.predefined_metric.clone().or_else(|| p.custom_metric.clone()).unwrap_or_default();
                format!("{} ({}{}{})", p.name, p.policy_type, if on.is_empty() { "" } else { " " }, on)
            })
            .collect();
        let said = if tracking.is_empty() {
            msg!("scaling-policy-no-target-tracking", group = &g.name)
        } else {
            msg!("scaling-policy-tracks-other-metric", group = &g.name, metric = metric)
        };
        vec![
            Finding::fail(said)
                .resource(g.name.clone())
                .expected(format!("TargetTrackingScaling on {metric}"))
                .found(if found.is_empty() { "no scaling policy".to_owned() } else { found.join(", ") })
                .hint(msg!("scaling-policy-aws-autoscaling-put-scaling", group = &g.name, metric = &metric)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, run, statuses, was_solved};
    use crate::report::FindingStatus::*;
    use crate::snapshot::CollectError;

    fn args() -> toml::Table {
        toml::toml! {
            vpc = { cidr = "10.10.0.0/16" }
            subnets = ["10.10.3.0/24", "10.10.4.0/24"]
            port = 8080
            metric = "ASGAverageCPUUtilization"
        }
    }

    #[test]
    fn empty_fails_solved_passes() {
        assert_eq!(statuses(&run("scaling_policy", args(), &Builder::empty().build())), [Fail]);
        let (b, s) = was_solved();
        let f = run("scaling_policy", args(), &b.build());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Pass], Some(s.asg.as_str())));
    }

    #[test]
    fn step_scaling_another_metric_and_unreadable_policies() {
        let (mut b, s) = was_solved();
        b.asg(&s.asg).policies[0].policy_type = "StepScaling".into();
        let f = run("scaling_policy", args(), b.snapshot());
        assert!(f[0].message.en.contains("no target-tracking"), "{f:?}");
        b.asg(&s.asg).policies[0].policy_type = "TargetTrackingScaling".into();
        b.asg(&s.asg).policies[0].predefined_metric = Some("ALBRequestCountPerTarget".into());
        let f = run("scaling_policy", args(), b.snapshot());
        assert!(f[0].message.en.contains("another metric"), "{f:?}");
        assert!(f[0].found.as_deref().unwrap().contains("ALBRequestCountPerTarget"));
        b.asg(&s.asg).policies_unreadable = Some(CollectError::Denied {
            action: "autoscaling:DescribePolicies".into(),
            managed_policy: "AutoScalingReadOnlyAccess".into(),
            message: "denied".into(),
        });
        let f = run("scaling_policy", args(), &b.build());
        assert_eq!(statuses(&f), [Error]);
        assert!(f[0].message.en.contains("autoscaling:DescribePolicies"));
    }

    #[test]
    fn many_policies_one_tracking_cpu_is_enough() {
        let (mut b, s) = was_solved();
        let first = b.asg(&s.asg).policies[0].clone();
        for i in 0..6 {
            let mut p = first.clone();
            p.name = format!("step-{i}");
            p.policy_type = "StepScaling".into();
            b.asg(&s.asg).policies.insert(0, p);
        }
        assert_eq!(statuses(&run("scaling_policy", args(), &b.build())), [Pass]);
    }
}
