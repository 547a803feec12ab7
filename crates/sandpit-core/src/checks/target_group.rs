//! `target_group` — the WAS target group: HTTP on the WAS port in the app VPC, instance targets
//! (what an Auto Scaling group registers), and the health check path and codes asked for.

use serde::Deserialize;

use super::app_tier::was_target_group;
use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "target_group",
    description: "A target group in the VPC on `port`, with `protocol`, instance targets, and the health check `health_check_path` answering `health_check_codes`.",
    needs: &[ResourceKind::Vpcs, ResourceKind::TargetGroups],
    build: build::<WasTargetGroup>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WasTargetGroup {
    vpc: VpcRef,
    port: u16,
    #[serde(default = "http")]
    protocol: String,
    health_check_path: String,
    health_check_codes: String,
}

fn http() -> String {
    "HTTP".to_owned()
}

/// Whether an ALB matcher (`200`, `200-299`, `200,302`) accepts every code of `wanted`.
pub(crate) fn matcher_accepts(matcher: &str, wanted: &str) -> bool {
    let ranges: Vec<(u16, u16)> = matcher
        .split(',')
        .filter_map(|part| {
            let part = part.trim();
            match part.split_once('-') {
                Some((a, b)) => Some((a.trim().parse().ok()?, b.trim().parse().ok()?)),
                None => part.parse().ok().map(|c| (c, c)),
            }
        })
        .collect();
    let codes: Vec<u16> = wanted
        .split(',')
        .flat_map(|part| match part.trim().split_once('-') {
            Some((a, b)) => {
                let (a, b): (u16, u16) = (a.trim().parse().unwrap_or(0), b.trim().parse().unwrap_or(0));
                (a..=b).collect::<Vec<_>>()
            }
            None => part.trim().parse().ok().into_iter().collect(),
        })
        .collect();
    !codes.is_empty() && codes.iter().all(|c| ranges.iter().any(|(a, b)| a <= c && c <= b))
}

impl Check for WasTargetGroup {
    fn expectations(&self) -> Vec<Expectation> {
        vec![Expectation::TargetGroup { vpc: self.vpc.clone(), port: self.port }]
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let tg = match was_target_group(snap, vpc, self.port) {
            Ok(tg) => tg,
            Err(finding) => return vec![*finding],
        };
        let name = format!("{} ({})", tg.name, tg.arn);
        let mut findings = Vec::new();
        let protocol = tg.protocol.clone().unwrap_or_default();
        if !protocol.eq_ignore_ascii_case(&self.protocol) {
            findings.push(
                Finding::fail(msg!(
                    "target-group-speaks-not",
                    name = &name,
                    protocol = &protocol,
                    want = &self.protocol
                ))
                .resource(tg.arn.clone())
                .expected(self.protocol.clone())
                .found(protocol.clone())
                .hint(msg!("target-group-speaks-not-hint", protocol = &self.protocol)),
            );
        }
        if let Some(ty) = tg.target_type.as_deref().filter(|t| *t != "instance") {
            findings.push(
                Finding::fail(msg!("target-group-takes-targets-auto-scaling", name = &name, ty = &ty))
                    .resource(tg.arn.clone())
                    .expected("target type instance")
                    .found(ty.to_owned())
                    .hint(msg!("target-group-takes-targets-auto-scaling-hint")),
            );
        }
        let path = tg.health_check_path.clone().unwrap_or_default();
        if path != self.health_check_path {
            findings.push(
                Finding::fail(msg!(
                    "target-group-checks-health-not",
                    name = &name,
                    path = &path,
                    health_check_path = &self.health_check_path
                ))
                .resource(tg.arn.clone())
                .expected(self.health_check_path.clone())
                .found(if path.is_empty() { "none".to_owned() } else { path.clone() })
                .hint(msg!(
                    "target-group-checks-health-not-hint",
                    arn = &tg.arn,
                    health_check_path = &self.health_check_path
                )),
            );
        }
        let matcher = tg.health_check_matcher.clone().unwrap_or_default();
        if !matcher_accepts(&matcher, &self.health_check_codes) {
            findings.push(
                Finding::fail(msg!(
                    "target-group-counts-http-healthy-does",
                    name = &name,
                    matcher = &matcher,
                    health_check_codes = &self.health_check_codes
                ))
                .resource(tg.arn.clone())
                .expected(format!("matcher accepting {}", self.health_check_codes))
                .found(if matcher.is_empty() { "none".to_owned() } else { matcher.clone() })
                .hint(msg!(
                    "target-group-counts-http-healthy-does-hint",
                    arn = &tg.arn,
                    health_check_codes = &self.health_check_codes
                )),
            );
        }
        if findings.is_empty() {
            findings.push(
                Finding::pass(msg!(
                    "target-group-takes-port-health-check",
                    name = &name,
                    protocol = &protocol,
                    port = &self.port,
                    vpc = &vpc.id,
                    path = &path,
                    matcher = &matcher
                ))
                .resource(tg.arn.clone())
                .found(format!("{protocol}:{} {path} {matcher}", self.port)),
            );
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, failures, run, statuses, was_solved};
    use super::matcher_accepts;
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! {
            vpc = { cidr = "10.10.0.0/16" }
            port = 8080
            health_check_path = "/"
            health_check_codes = "200"
        }
    }

    #[test]
    fn matchers_are_ranges_and_lists() {
        assert!(matcher_accepts("200", "200"));
        assert!(matcher_accepts("200-399", "200"));
        assert!(matcher_accepts("200,302", "200,302"));
        assert!(!matcher_accepts("302", "200"));
        assert!(!matcher_accepts("", "200"));
    }

    #[test]
    fn empty_fails_and_solved_passes() {
        assert_eq!(statuses(&run("target_group", args(), &Builder::empty().build())), [Fail]);
        let (b, s) = was_solved();
        let f = run("target_group", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.tg.as_str()));
    }

    #[test]
    fn wrong_port_path_matcher_and_target_type_fail_with_the_arn() {
        let (mut b, s) = was_solved();
        b.tg(&s.tg).port = Some(80);
        let f = run("target_group", args(), b.snapshot());
        assert!(failures(&f)[0].message.en.contains("no target group for the WAS port 8080"), "{f:?}");
        let (mut b, s) = was_solved();
        b.tg(&s.tg).health_check_path = Some("/index.html".into());
        b.tg(&s.tg).health_check_matcher = Some("302".into());
        b.tg(&s.tg).target_type = Some("ip".into());
        let f = run("target_group", args(), &b.build());
        assert_eq!(statuses(&f), [Fail, Fail, Fail]);
        assert!(f.iter().all(|f| f.resource.as_deref() == Some(s.tg.as_str())));
    }

    #[test]
    fn a_group_in_another_vpc_does_not_count_and_many_groups_pick_the_port() {
        let (mut b, s) = was_solved();
        let db = s.net.db_vpc.clone();
        b.tg(&s.tg).vpc_id = Some(db.clone());
        assert_eq!(statuses(&run("target_group", args(), b.snapshot())), [Fail]);
        let (mut b, s) = was_solved();
        let v = s.net.app_vpc.clone();
        for i in 0..6 {
            b.target_group(&format!("web-{i}"), &v, 80);
        }
        let f = run("target_group", args(), &b.build());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Pass], Some(s.tg.as_str())));
    }
}
