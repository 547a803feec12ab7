//! `load_balancer` — the WAS load balancer: an application load balancer in the app VPC with the
//! scheme asked for, nodes in at least two Availability Zones, and a security group of its own
//! (not the group of a tier behind or in front of it, not the VPC's default group).

use std::collections::BTreeSet;

use serde::Deserialize;

use super::app_tier::{was_load_balancer, was_target_group};
use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{find_group, require_vpc};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "load_balancer",
    description: "An application load balancer in the VPC (the one forwarding to the target group on `port`) with `scheme`, nodes in `min_azs` Availability Zones, and its own security group (none of `not_groups`, not default). `subnets` is where the lab puts it, for the picture.",
    needs: &[
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::SecurityGroups,
        ResourceKind::LoadBalancers,
        ResourceKind::TargetGroups,
    ],
    build: build::<WasLoadBalancer>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WasLoadBalancer {
    vpc: VpcRef,
    port: u16,
    scheme: String,
    #[serde(default = "two")]
    min_azs: usize,
    #[serde(default)]
    not_groups: Vec<String>,
    #[serde(default)]
    subnets: Vec<Cidr>,
}

fn two() -> usize {
    2
}

impl Check for WasLoadBalancer {
    fn expectations(&self) -> Vec<Expectation> {
        vec![Expectation::LoadBalancer {
            vpc: self.vpc.clone(),
            scheme: self.scheme.clone(),
            subnets: self.subnets.clone(),
        }]
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let tg = was_target_group(snap, vpc, self.port).ok();
        let lb = match was_load_balancer(snap, vpc, tg, &self.scheme) {
            Ok(lb) => lb,
            Err(finding) => return vec![*finding],
        };
        let name = format!("{} ({})", lb.name, lb.arn);
        let mut findings = Vec::new();
        if lb.scheme != self.scheme {
            findings.push(
                Finding::fail(msg!(
                    "load-balancer-wrong-scheme",
                    name = &name,
                    scheme = &lb.scheme,
                    want = &self.scheme
                ))
                .resource(lb.arn.clone())
                .expected(self.scheme.clone())
                .found(lb.scheme.clone())
                .hint(msg!("load-balancer-wrong-scheme-hint", scheme = &self.scheme)),
            );
        }
        let azs: BTreeSet<&str> = lb.subnets.iter().map(|s| s.availability_zone.as_str()).collect();
        if azs.len() < self.min_azs {
            let subnets: Vec<&str> = lb.subnets.iter().map(|s| s.subnet_id.as_str()).collect();
            findings.push(
                Finding::fail(msg!(
                    "load-balancer-nodes-availability-zone-s",
                    name = &name,
                    azs_count = azs.len(),
                    min_azs = &self.min_azs
                ))
                .resource(lb.arn.clone())
                .expected(format!("subnets in {} Availability Zones", self.min_azs))
                .found(subnets.join(", "))
                .hint(msg!("load-balancer-nodes-availability-zone-s-hint", arn = &lb.arn)),
            );
        }
        let shared: Vec<String> = self
            .not_groups
            .iter()
            .filter_map(|n| find_group(snap, Some(&vpc.id), n))
            .filter(|g| lb.security_groups.contains(&g.id))
            .map(|g| g.display())
            .collect();
        let default: Vec<String> = lb
            .security_groups
            .iter()
            .filter_map(|id| snap.security_group(id))
            .filter(|g| g.name == "default")
            .map(|g| g.display())
            .collect();
        if lb.security_groups.is_empty() || !shared.is_empty() || !default.is_empty() {
            let found = if lb.security_groups.is_empty() {
                "no security group".to_owned()
            } else {
                shared.iter().chain(&default).cloned().collect::<Vec<_>>().join(", ")
            };
            findings.push(
                Finding::fail(msg!("load-balancer-no-security-group-own", name = &name, found = &found))
                    .resource(lb.arn.clone())
                    .expected("a security group used only by the load balancer")
                    .found(found)
                    .hint(msg!("load-balancer-no-security-group-own-hint", arn = &lb.arn)),
            );
        }
        if findings.is_empty() {
            let zones: Vec<&str> = azs.into_iter().collect();
            findings.push(
                Finding::pass(msg!(
                    "load-balancer-own-security-group-dns",
                    name = &name,
                    scheme = &lb.scheme,
                    zones = zones.join(", "),
                    dns_name = &lb.dns_name
                ))
                .resource(lb.arn.clone())
                .found(format!("{} {}", lb.scheme, lb.dns_name)),
            );
            if lb.state == "provisioning" {
                findings.push(
                    Finding::info(msg!("load-balancer-still-provisioning-answers-few", name = &name))
                        .resource(lb.arn.clone()),
                );
            }
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
            port = 8080
            scheme = "internal"
            not_groups = ["was-sg", "web-sg"]
            subnets = ["10.10.3.0/24", "10.10.4.0/24"]
        }
    }

    #[test]
    fn empty_fails_and_solved_passes_with_the_dns_name() {
        assert_eq!(statuses(&run("load_balancer", args(), &Builder::empty().build())), [Fail]);
        let (b, s) = was_solved();
        let f = run("load_balancer", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.alb.as_str()));
        assert!(f[0].message.en.contains("internal-was-alb-"), "{}", f[0].message.en);
    }

    #[test]
    fn internet_facing_one_zone_and_a_shared_group_fail() {
        let (mut b, s) = was_solved();
        let was_sg = s.net.was_sg.clone();
        let lb = b.lb(&s.alb);
        lb.scheme = "internet-facing".into();
        lb.subnets.truncate(1);
        lb.security_groups = vec![was_sg];
        let f = run("load_balancer", args(), &b.build());
        assert_eq!(statuses(&f), [Fail, Fail, Fail]);
        assert!(failures(&f).iter().all(|f| f.resource.as_deref() == Some(s.alb.as_str())));
        assert!(f[2].found.as_deref().unwrap().contains("was-sg"), "{:?}", f[2]);
    }

    #[test]
    fn many_load_balancers_the_one_forwarding_to_the_was_group_is_judged() {
        let (mut b, s) = was_solved();
        let v = s.net.app_vpc.clone();
        let public: Vec<String> = s.net.public.to_vec();
        let public: Vec<&str> = public.iter().map(String::as_str).collect();
        let alb_sg = s.net.alb_sg.clone();
        for i in 0..5 {
            b.alb(&format!("web-alb-{i}"), &v, "internet-facing", &public, &[&alb_sg]);
        }
        let f = run("load_balancer", args(), &b.build());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Pass], Some(s.alb.as_str())));
    }
}
