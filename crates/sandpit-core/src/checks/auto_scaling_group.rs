//! `auto_scaling_group` — the WAS Auto Scaling group: over the WAS subnets, launching from a
//! launch template that gives the WAS group, at least `min_size` instances (desired too, max at
//! least desired), registered in the WAS target group, replacing instances the load balancer
//! finds unhealthy (health check type ELB) after a grace period.

use serde::Deserialize;

use super::app_tier::{subnet_ids, template_of, was_auto_scaling_group, was_target_group};
use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{find_group, require_vpc};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "auto_scaling_group",
    description: "An Auto Scaling group over the `subnets`, from a launch template giving `security_group`, min and desired ≥ `min_size`, max ≥ desired, in the target group on `port`, health check type ELB with a grace period.",
    needs: &[
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::SecurityGroups,
        ResourceKind::LaunchTemplates,
        ResourceKind::TargetGroups,
        ResourceKind::AutoScalingGroups,
    ],
    build: build::<WasAutoScaling>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WasAutoScaling {
    vpc: VpcRef,
    subnets: Vec<Cidr>,
    port: u16,
    security_group: String,
    min_size: i32,
}

impl Check for WasAutoScaling {
    fn expectations(&self) -> Vec<Expectation> {
        vec![Expectation::AutoScalingGroup {
            vpc: self.vpc.clone(),
            subnets: self.subnets.clone(),
            min: u32::try_from(self.min_size).unwrap_or(0),
        }]
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let tg = was_target_group(snap, vpc, self.port).ok();
        let was_subnets = subnet_ids(snap, vpc, &self.subnets);
        let g = match was_auto_scaling_group(snap, vpc, tg, &was_subnets) {
            Ok(g) => g,
            Err(finding) => return vec![*finding],
        };
        let name = &g.name;
        let res = || g.name.clone();
        let mut findings = Vec::new();
        let fail = |said: crate::Localized| Finding::fail(said).resource(res());

        // Subnets: both WAS subnets, nothing else.
        let missing: Vec<String> = self
            .subnets
            .iter()
            .filter(|c| {
                !super::resolve::subnet_in(snap, vpc, c).is_some_and(|s| g.subnet_ids.contains(&s.id))
            })
            .map(ToString::to_string)
            .collect();
        let others: Vec<String> = g
            .subnet_ids
            .iter()
            .filter(|id| !was_subnets.contains(id))
            .map(|id| snap.subnet(id).map_or(id.clone(), |s| format!("{id} ({})", s.cidr)))
            .collect();
        if !missing.is_empty() || !others.is_empty() {
            findings.push(
                fail(msg!(
                    "auto-scaling-group-launches-into-other-subnets",
                    name = name,
                    subnets = g.subnet_ids.join(", "),
                    was_subnets = self.subnets.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                ))
                .expected(format!(
                    "exactly the WAS subnets {}",
                    self.subnets.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                ))
                .found(format!("missing [{}], other [{}]", missing.join(", "), others.join(", ")))
                .hint(msg!(
                    "auto-scaling-group-aws-autoscaling-update-auto",
                    name = &name,
                    was_subnets = was_subnets.join(",")
                )),
            );
        }

        // Launch template.
        let was = find_group(snap, Some(&vpc.id), &self.security_group);
        match (template_of(snap, g), &g.launch_configuration) {
            (Some((t, Some(data))), _) => {
                if !was.is_some_and(|w| data.all_security_groups().any(|id| id == w.id)) {
                    findings.push(
                        fail(msg!(
                            "auto-scaling-group-template-lacks-was-group",
                            name = name,
                            template = &t.name,
                            id = &t.id,
                            group = &self.security_group
                        ))
                        .expected(format!("a launch template with {}", self.security_group))
                        .found(data.all_security_groups().collect::<Vec<_>>().join(", "))
                        .hint(msg!("auto-scaling-group-point-group-launch-template", name = &name)),
                    );
                }
            }
            (Some((t, None)), _) => findings.push(
                fail(msg!(
                    "auto-scaling-group-template-version-unread",
                    name = name,
                    version = g.launch_template.as_ref().and_then(|s| s.version.clone()).unwrap_or_default(),
                    template = &t.name,
                    id = &t.id
                ))
                .hint(msg!("auto-scaling-group-use-version-latest-default")),
            ),
            (None, Some(config)) => findings.push(
                fail(msg!("auto-scaling-group-launch-configuration", name = name, config = config))
                    .expected("a launch template")
                    .found(format!("launch configuration {config}"))
                    .hint(msg!("auto-scaling-group-launch-configurations-being-retired")),
            ),
            (None, None) => findings.push(
                fail(msg!("auto-scaling-group-template-missing", name = name))
                    .expected("an existing launch template")
                    .found(format!(
                        "{:?}",
                        g.launch_template.as_ref().map(|s| s.id.clone().or(s.name.clone()))
                    )),
            ),
        }

        // Sizes.
        if g.min_size < self.min_size || g.desired_capacity < self.min_size || g.max_size < g.desired_capacity
        {
            findings.push(
                fail(msg!(
                    "auto-scaling-group-sizes",
                    name = name,
                    min = g.min_size.to_string(),
                    desired = g.desired_capacity.to_string(),
                    max = g.max_size.to_string(),
                    want = self.min_size.to_string()
                ))
                .expected(format!("min ≥ {0}, desired ≥ {0}, max ≥ desired", self.min_size))
                .found(format!("min {} desired {} max {}", g.min_size, g.desired_capacity, g.max_size))
                .hint(msg!(
                    "auto-scaling-group-aws-autoscaling-update-auto-2",
                    name = &name,
                    min_size = &self.min_size,
                    max_size = (self.min_size * 2).max(g.max_size)
                )),
            );
        }

        // Target group.
        match tg {
            Some(tg) if g.target_group_arns.contains(&tg.arn) => {}
            Some(tg) => findings.push(
                fail(msg!("auto-scaling-group-not-in-target-group", name = name, tg = &tg.name))
                    .expected(tg.arn.clone())
                    .found(if g.target_group_arns.is_empty() {
                        "no target group".to_owned()
                    } else {
                        g.target_group_arns.join(", ")
                    })
                    .hint(msg!(
                        "auto-scaling-group-aws-autoscaling-attach-load",
                        name = &name,
                        arn = &tg.arn
                    )),
            ),
            None => findings.push(
                fail(msg!(
                    "auto-scaling-group-no-target-group-yet",
                    name = name,
                    port = self.port.to_string()
                ))
                .hint(msg!("auto-scaling-group-finish-target-group-step")),
            ),
        }

        // Health checks.
        let grace = g.health_check_grace_period.unwrap_or(0);
        if g.health_check_type != "ELB" || grace <= 0 {
            findings.push(
                fail(msg!(
                    "auto-scaling-group-health-checks",
                    name = name,
                    check_type = &g.health_check_type,
                    grace = grace.to_string()
                ))
                .expected("health check type ELB, grace period > 0")
                .found(format!("{} {grace} s", g.health_check_type))
                .hint(msg!("auto-scaling-group-aws-autoscaling-update-auto-3", name = &name)),
            );
        }
        if findings.is_empty() {
            findings.push(
                Finding::pass(msg!(
                    "auto-scaling-group-keeps-instances-desired",
                    name = &name,
                    min_size = &g.min_size,
                    max_size = &g.max_size,
                    desired_capacity = &g.desired_capacity
                ))
                .resource(res())
                .found(format!(
                    "min {} desired {} max {}, {} instances",
                    g.min_size,
                    g.desired_capacity,
                    g.max_size,
                    g.instances.len()
                )),
            );
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, failures, run, statuses, was_solved};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! {
            vpc = { cidr = "10.10.0.0/16" }
            subnets = ["10.10.3.0/24", "10.10.4.0/24"]
            port = 8080
            security_group = "was-sg"
            min_size = 2
        }
    }

    #[test]
    fn empty_fails_and_solved_passes_naming_the_group() {
        assert_eq!(statuses(&run("auto_scaling_group", args(), &Builder::empty().build())), [Fail]);
        let (b, s) = was_solved();
        let f = run("auto_scaling_group", args(), &b.build());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Pass], Some(s.asg.as_str())));
    }

    #[test]
    fn every_classic_mistake_is_its_own_failure() {
        let (mut b, s) = was_solved();
        let public = s.net.public[0].clone();
        let g = b.asg(&s.asg);
        g.subnet_ids.push(public);
        g.min_size = 1;
        g.desired_capacity = 1;
        g.target_group_arns.clear();
        g.health_check_type = "EC2".into();
        let f = run("auto_scaling_group", args(), &b.build());
        let fails = failures(&f);
        assert_eq!(fails.len(), 4, "{f:#?}");
        assert!(fails.iter().all(|f| f.resource.as_deref() == Some(s.asg.as_str())));
        for f in &fails {
            assert_eq!(crate::english_words(&f.message.ko), Vec::<String>::new(), "{}", f.message.ko);
        }
    }

    #[test]
    fn a_template_without_the_was_group_or_a_launch_configuration_fails() {
        let (mut b, s) = was_solved();
        let web = s.net.web_sg.clone();
        let other = b.launch_template("web-lt", &[&web], "t3.micro");
        b.asg(&s.asg).launch_template.as_mut().unwrap().id = Some(other);
        b.asg(&s.asg).launch_template.as_mut().unwrap().name = None;
        let f = run("auto_scaling_group", args(), b.snapshot());
        assert!(failures(&f)[0].message.en.contains("do not get the WAS group"), "{f:#?}");
        b.asg(&s.asg).launch_template = None;
        b.asg(&s.asg).launch_configuration = Some("old-config".into());
        let f = run("auto_scaling_group", args(), &b.build());
        assert!(failures(&f)[0].message.en.contains("launch configuration old-config"), "{f:#?}");
    }

    #[test]
    fn many_groups_the_one_in_the_target_group_is_judged() {
        let (mut b, s) = was_solved();
        for i in 0..5 {
            let mut g = b.asg(&s.asg).clone();
            g.name = format!("batch-{i}");
            g.target_group_arns.clear();
            g.min_size = 0;
            b.snapshot().auto_scaling_groups.items_mut().unwrap().insert(0, g);
        }
        let f = run("auto_scaling_group", args(), &b.build());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Pass], Some(s.asg.as_str())));
    }
}
