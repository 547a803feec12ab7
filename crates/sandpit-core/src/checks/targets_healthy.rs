//! `targets_healthy` — the WAS target group has at least `min_healthy` registered targets and
//! every one is healthy; an unhealthy target is named with AWS's reason code.

use serde::Deserialize;

use super::app_tier::was_target_group;
use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::engine::denial_finding;
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "targets_healthy",
    description: "The target group on `port` has at least `min_healthy` healthy targets and none unhealthy (each named with its reason code and where it runs).",
    needs: &[
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::TargetGroups,
        ResourceKind::Ec2Instances,
    ],
    build: build::<TargetsHealthy>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetsHealthy {
    vpc: VpcRef,
    port: u16,
    min_healthy: usize,
}

/// The hint for a reason code: what it means and what to look at (a catalogue message id).
fn advice(reason: Option<&str>) -> &'static str {
    match reason.unwrap_or_default() {
        "Target.Timeout" => "targets-healthy-advice-timeout",
        "Target.ResponseCodeMismatch" => "targets-healthy-advice-response-code",
        "Target.FailedHealthChecks" => "targets-healthy-advice-failed-checks",
        "Elb.InitialHealthChecking" | "Elb.RegistrationInProgress" => "targets-healthy-advice-still-checking",
        _ => "targets-healthy-advice-look",
    }
}

impl Check for TargetsHealthy {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
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
        if let Some(error) = &tg.unreadable {
            return vec![
                denial_finding(msg!("targets-healthy-unreadable", tg = &tg.name), error)
                    .resource(tg.arn.clone()),
            ];
        }
        let healthy = tg.targets.iter().filter(|t| t.state == "healthy").count();
        let mut findings = Vec::new();
        for t in tg.targets.iter().filter(|t| !matches!(t.state.as_str(), "healthy" | "draining")) {
            // Where it runs: an unhealthy target in one zone only points at that zone's subnet.
            let place =
                snap.ec2_instances.iter().find(|i| i.id == t.id).and_then(|i| i.subnet_id.as_deref()).map(
                    |id| {
                        snap.subnet(id)
                            .map_or(id.to_owned(), |s| format!("{id} ({}, {})", s.cidr, s.availability_zone))
                    },
                );
            let reason = t.reason.clone().unwrap_or_else(|| t.state.clone());
            let advice = crate::msg::localized(advice(t.reason.as_deref()), &[]);
            let finding = if t.state == "initial" {
                Finding::info(msg!(
                    "targets-healthy-target-still-being-checked",
                    target = &t.id,
                    tg = &tg.name,
                    reason = &reason
                ))
            } else {
                Finding::fail(msg!(
                    "targets-healthy-target-unhealthy",
                    target = &t.id,
                    tg = &tg.name,
                    state = &t.state,
                    reason = &reason
                ))
            };
            findings.push(
                finding
                    .resource(t.id.clone())
                    .expected("healthy")
                    .found(format!(
                        "{} {reason}{}{}",
                        t.state,
                        t.description.as_deref().map(|d| format!(" — {d}")).unwrap_or_default(),
                        place.as_deref().map(|p| format!(" in {p}")).unwrap_or_default()
                    ))
                    .hint(advice),
            );
        }
        if healthy < self.min_healthy {
            findings.push(
                Finding::fail(msg!(
                    "targets-healthy-too-few",
                    tg = &tg.name,
                    healthy = &healthy,
                    registered = tg.targets.len(),
                    min_healthy = &self.min_healthy
                ))
                .resource(tg.arn.clone())
                .expected(format!("≥ {} healthy targets", self.min_healthy))
                .found(format!("{healthy} healthy of {}", tg.targets.len()))
                .hint(if tg.targets.is_empty() {
                    msg!("targets-healthy-too-few-hint")
                } else {
                    msg!("targets-healthy-too-few-hint-2")
                }),
            );
        }
        if findings.iter().all(|f| f.status != crate::report::FindingStatus::Fail) {
            findings.insert(
                0,
                Finding::pass(msg!(
                    "targets-healthy-enough",
                    tg = &tg.name,
                    healthy = &healthy,
                    registered = tg.targets.len()
                ))
                .resource(tg.arn.clone())
                .found(
                    tg.targets.iter().map(|t| format!("{} {}", t.id, t.state)).collect::<Vec<_>>().join(", "),
                ),
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
        toml::toml! { vpc = { cidr = "10.10.0.0/16" } port = 8080 min_healthy = 2 }
    }

    #[test]
    fn empty_fails_solved_passes() {
        assert_eq!(statuses(&run("targets_healthy", args(), &Builder::empty().build())), [Fail]);
        let (b, s) = was_solved();
        let f = run("targets_healthy", args(), &b.build());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Pass], Some(s.tg.as_str())));
    }

    #[test]
    fn an_unhealthy_target_is_named_with_its_reason() {
        let (mut b, s) = was_solved();
        let t = &mut b.tg(&s.tg).targets[1];
        t.state = "unhealthy".into();
        t.reason = Some("Target.Timeout".into());
        let f = run("targets_healthy", args(), &b.build());
        let fails = failures(&f);
        assert_eq!(fails.len(), 2, "{f:#?}");
        assert_eq!(fails[0].resource.as_deref(), Some(s.instances[1].as_str()));
        assert!(fails[0].message.en.contains("Target.Timeout"));
        assert!(fails[0].hint.as_ref().unwrap().en.contains("admit the load balancer"));
        assert!(fails[0].found.as_deref().unwrap().contains("10.10.4.0/24"), "{:?}", fails[0].found);
        assert_eq!(fails[1].resource.as_deref(), Some(s.tg.as_str()));
    }

    #[test]
    fn no_targets_and_targets_still_being_checked() {
        let (mut b, s) = was_solved();
        b.tg(&s.tg).targets.clear();
        let f = run("targets_healthy", args(), b.snapshot());
        assert!(f[0].hint.as_ref().unwrap().en.contains("attach-load-balancer-target-groups"), "{f:?}");
        let (mut b, s) = was_solved();
        let id = s.instances[0].clone();
        b.asg_instance(&s.asg, &s.net.was[0].clone(), &[], Some(&s.tg.clone()));
        let targets = &mut b.tg(&s.tg).targets;
        targets.last_mut().unwrap().state = "initial".into();
        targets.last_mut().unwrap().reason = Some("Elb.InitialHealthChecking".into());
        let f = run("targets_healthy", args(), &b.build());
        assert_eq!(statuses(&f), [Pass, Info], "{f:#?}");
        assert!(f[0].found.as_deref().unwrap().contains(&id));
    }

    #[test]
    fn many_healthy_targets_pass() {
        let (mut b, s) = was_solved();
        for _ in 0..10 {
            b.asg_instance(&s.asg, &s.net.was[1].clone(), &[], Some(&s.tg.clone()));
        }
        let f = run("targets_healthy", args(), &b.build());
        assert!(f[0].message.en.contains("12 of 12"), "{}", f[0].message.en);
    }
}
