//! `listener_forwards` — a listener of the WAS load balancer forwards to the WAS target group.
//! Any listener on any port counts; one that forwards nowhere or to another group fails, named
//! by its ARN.

use serde::Deserialize;

use super::app_tier::{albs_in, was_load_balancer, was_target_group};
use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::engine::denial_finding;
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{Listener, ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "listener_forwards",
    description: "A listener of an application load balancer in the VPC forwards to the target group on `port`.",
    needs: &[ResourceKind::Vpcs, ResourceKind::LoadBalancers, ResourceKind::TargetGroups],
    build: build::<ListenerForwards>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListenerForwards {
    vpc: VpcRef,
    port: u16,
    listener_port: u16,
    scheme: String,
}

fn what_it_does(snap: &Snapshot, l: &Listener) -> String {
    let actions: Vec<String> = l
        .default_actions
        .iter()
        .map(|a| {
            if a.action_type == "forward" {
                let groups: Vec<String> = a
                    .target_group_arns
                    .iter()
                    .map(|arn| {
                        snap.target_groups
                            .iter()
                            .find(|t| t.arn == *arn)
                            .map_or(arn.clone(), |t| t.name.clone())
                    })
                    .collect();
                format!("forward to {}", groups.join(", "))
            } else {
                a.action_type.clone()
            }
        })
        .collect();
    if actions.is_empty() { "no action".to_owned() } else { actions.join("; ") }
}

impl Check for ListenerForwards {
    fn expectations(&self) -> Vec<Expectation> {
        vec![Expectation::Listener { vpc: self.vpc.clone(), port: self.listener_port }]
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
        for lb in albs_in(snap, vpc) {
            if let Some(l) = lb.listeners.iter().find(|l| l.forwards_to().any(|arn| arn == tg.arn)) {
                let port = l.port.map_or("?".to_owned(), |p| p.to_string());
                return vec![
                    Finding::pass(msg!(
                        "listener-forwards-listener-load-balancer-forwards",
                        port = &port,
                        lb = &lb.name,
                        tg = &tg.name
                    ))
                    .resource(l.arn.clone())
                    .found(format!(
                        "{}:{port} → {}",
                        l.protocol.as_deref().unwrap_or("?"),
                        tg.name
                    )),
                ];
            }
        }
        let lb = match was_load_balancer(snap, vpc, Some(tg), &self.scheme) {
            Ok(lb) => lb,
            Err(finding) => return vec![*finding],
        };
        if let Some(error) = &lb.unreadable {
            return vec![
                denial_finding(msg!("listener-forwards-unreadable-listeners", lb = &lb.name), error)
                    .resource(lb.arn.clone()),
            ];
        }
        let fix = msg!(
            "listener-forwards-aws-elbv2-create-listener",
            lb_arn = &lb.arn,
            listener_port = &self.listener_port,
            tg_arn = &tg.arn
        );
        if lb.listeners.is_empty() {
            return vec![
                Finding::fail(msg!("listener-forwards-load-balancer-no-listener", lb = &lb.name))
                    .resource(lb.arn.clone())
                    .expected(format!("a listener forwarding to {}", tg.name))
                    .found("no listener")
                    .hint(fix),
            ];
        }
        lb.listeners
            .iter()
            .map(|l| {
                let does = what_it_does(snap, l);
                Finding::fail(msg!(
                    "listener-forwards-listener-load-balancer-does",
                    port = l.port.unwrap_or_default(),
                    lb = &lb.name,
                    tg = &tg.name,
                    does = &does
                ))
                .resource(l.arn.clone())
                .expected(format!("forward to {}", tg.name))
                .found(does)
                .hint(fix.clone())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, run, statuses, was_solved};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc = { cidr = "10.10.0.0/16" } port = 8080 listener_port = 80 scheme = "internal" }
    }

    #[test]
    fn empty_fails_and_solved_passes_naming_the_listener() {
        assert_eq!(statuses(&run("listener_forwards", args(), &Builder::empty().build())), [Fail]);
        let (b, s) = was_solved();
        let f = run("listener_forwards", args(), &b.build());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Pass], Some(s.listener.as_str())));
    }

    #[test]
    fn a_listener_forwarding_nowhere_or_elsewhere_fails_with_its_arn() {
        let (mut b, s) = was_solved();
        b.lb(&s.alb).listeners.clear();
        b.tg(&s.tg).load_balancer_arns.clear();
        let other = b.target_group("other-tg", &s.net.app_vpc.clone(), 9090);
        let elsewhere = b.listener(&s.alb, 80, Some(&other));
        let nowhere = b.listener(&s.alb, 8443, None);
        let f = run("listener_forwards", args(), &b.build());
        assert_eq!(statuses(&f), [Fail, Fail]);
        assert_eq!(f[0].resource.as_deref(), Some(elsewhere.as_str()));
        assert!(f[0].found.as_deref().unwrap().contains("other-tg"), "{:?}", f[0]);
        assert_eq!(
            (f[1].resource.as_deref(), f[1].found.as_deref()),
            (Some(nowhere.as_str()), Some("fixed-response"))
        );
    }

    #[test]
    fn no_listener_at_all_and_many_balancers() {
        let (mut b, s) = was_solved();
        b.lb(&s.alb).listeners.clear();
        b.tg(&s.tg).load_balancer_arns.clear();
        let f = run("listener_forwards", args(), b.snapshot());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Fail], Some(s.alb.as_str())));
        let v = s.net.app_vpc.clone();
        let was: Vec<String> = s.net.was.to_vec();
        let was: Vec<&str> = was.iter().map(String::as_str).collect();
        for i in 0..4 {
            let lb = b.alb(&format!("spare-{i}"), &v, "internal", &was, &[]);
            b.listener(&lb, 80, None);
        }
        let last = b.alb("spare-good", &v, "internal", &was, &[]);
        let tg = s.tg.clone();
        let good = b.listener(&last, 8081, Some(&tg));
        let f = run("listener_forwards", args(), &b.build());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Pass], Some(good.as_str())));
    }
}
