//! `load_balancer_chain` — web → load balancer → WAS admits only the application's ports: the
//! load balancer's groups let the web tier in on the listener port and nothing else (an internal
//! load balancer takes nothing from 0.0.0.0/0), and the WAS group lets the load balancer in on
//! the WAS port, which its health checks need too.

use serde::Deserialize;

use super::app_tier::{was_load_balancer, was_target_group};
use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{find_group, require_vpc};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, RuleSource, SecurityGroup, SgRule, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "load_balancer_chain",
    description: "The load balancer's security groups admit the web tier (`web_group`) on the listener ports only (nothing from 0.0.0.0/0 when internal), and `was_group` admits the load balancer on `port`.",
    needs: &[
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::SecurityGroups,
        ResourceKind::LoadBalancers,
        ResourceKind::TargetGroups,
    ],
    build: build::<Chain>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Chain {
    vpc: VpcRef,
    port: u16,
    listener_port: u16,
    scheme: String,
    web_group: String,
    was_group: String,
}

fn is_anywhere(source: &RuleSource) -> bool {
    matches!(source, RuleSource::Cidr(c) if c == "0.0.0.0/0")
        || matches!(source, RuleSource::Ipv6Cidr(c) if c == "::/0")
}

/// Whether a rule opens exactly some of `ports` (TCP, not all traffic, not a wider range).
fn only_ports(rule: &SgRule, ports: &[u16]) -> bool {
    matches!(rule.protocol.as_str(), "tcp" | "6")
        && match (rule.from_port, rule.to_port) {
            (Some(from), Some(to)) => (from..=to).all(|p| ports.iter().any(|q| i32::from(*q) == p)),
            _ => false,
        }
}

impl Check for Chain {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
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
        let groups: Vec<&SecurityGroup> =
            lb.security_groups.iter().filter_map(|id| snap.security_group(id)).collect();
        let mut ports: Vec<u16> =
            lb.listeners.iter().filter_map(|l| l.port).filter_map(|p| u16::try_from(p).ok()).collect();
        if ports.is_empty() {
            ports.push(self.listener_port);
        }
        let web = find_group(snap, Some(&vpc.id), &self.web_group);
        let vpc_net = Cidr::parse(&vpc.cidr).ok();
        let from_web = |source: &RuleSource| match source {
            RuleSource::Group(id) => web.is_some_and(|w| w.id == *id),
            // Web subnets (or the VPC's own range) by address also reach it.
            RuleSource::Cidr(c) => Cidr::parse(c).is_ok_and(|c| vpc_net.is_some_and(|v| v.contains(&c))),
            _ => false,
        };
        let ports_text = ports.iter().map(|p| format!("tcp/{p}")).collect::<Vec<_>>().join(", ");
        let mut findings = Vec::new();
        for g in &groups {
            for rule in &g.ingress {
                let world = is_anywhere(&rule.source);
                if world && lb.scheme == "internal" {
                    findings.push(
                        Finding::fail(msg!(
                            "load-balancer-chain-internal-open-to-other",
                            group = g.display(),
                            lb = &lb.name,
                            ports = rule_ports(rule),
                            source = describe(&rule.source)
                        ))
                        .resource(g.id.clone())
                        .expected(format!("{ports_text} from {}", self.web_group))
                        .found(format!("{} from {}", rule.describe_ports(), describe(&rule.source)))
                        .hint(msg!(
                            "load-balancer-chain-internal-load-balancer-admits-hint",
                            group = &g.id,
                            protocol = &rule.protocol,
                            port = rule.from_port.unwrap_or(-1),
                            source = describe(&rule.source)
                        )),
                    );
                } else if !only_ports(rule, &ports) {
                    findings.push(
                        Finding::fail(msg!(
                            "load-balancer-chain-opens-more-than-listeners",
                            group = g.display(),
                            lb = &lb.name,
                            ports = rule_ports(rule),
                            source = describe(&rule.source),
                            listener_ports = &ports_text
                        ))
                        .resource(g.id.clone())
                        .expected(ports_text.clone())
                        .found(rule.describe_ports())
                        .hint(msg!(
                            "load-balancer-chain-load-balancer-opens-from-hint",
                            ports_text = &ports_text,
                            web_group = &self.web_group
                        )),
                    );
                }
            }
        }
        let web_reaches = groups
            .iter()
            .flat_map(|g| &g.ingress)
            .any(|r| from_web(&r.source) && ports.iter().any(|p| r.allows_tcp_port(*p)))
            || (lb.scheme != "internal"
                && groups.iter().flat_map(|g| &g.ingress).any(|r| is_anywhere(&r.source)));
        if !web_reaches {
            let lb_groups: Vec<String> = groups.iter().map(|g| g.display()).collect();
            findings.push(
                Finding::fail(msg!(
                    "load-balancer-chain-web-tier-cannot-reach",
                    lb = &lb.name,
                    ports_text = &ports_text,
                    web_group = &self.web_group
                ))
                .resource(lb.security_groups.first().cloned().unwrap_or_else(|| lb.arn.clone()))
                .expected(format!("{ports_text} from {}", self.web_group))
                .found(if lb_groups.is_empty() {
                    "no security group".to_owned()
                } else {
                    lb_groups.join(", ")
                })
                .hint(msg!(
                    "load-balancer-chain-web-tier-cannot-reach-hint",
                    lb_group = lb.security_groups.first().map_or("ALB_SG", String::as_str),
                    port = ports[0]
                )),
            );
        }
        let Some(was) = find_group(snap, Some(&vpc.id), &self.was_group) else {
            findings.push(
                Finding::fail(msg!(
                    "load-balancer-chain-no-security-group",
                    was_group = &self.was_group,
                    vpc = &vpc.id
                ))
                .resource(vpc.id.clone()),
            );
            return findings;
        };
        let lb_subnets: Vec<Cidr> = lb
            .subnets
            .iter()
            .filter_map(|s| snap.subnet(&s.subnet_id))
            .filter_map(|s| Cidr::parse(&s.cidr).ok())
            .collect();
        let from_lb = |source: &RuleSource| match source {
            RuleSource::Group(id) => lb.security_groups.contains(id),
            RuleSource::Cidr(c) => Cidr::parse(c)
                .is_ok_and(|c| !lb_subnets.is_empty() && lb_subnets.iter().all(|s| c.contains(s))),
            _ => false,
        };
        if !was.ingress.iter().any(|r| from_lb(&r.source) && r.allows_tcp_port(self.port)) {
            findings.push(
                Finding::fail(msg!(
                    "load-balancer-chain-does-not-admit-tcp",
                    was = was.display(),
                    port = &self.port,
                    lb = &lb.name
                ))
                .resource(was.id.clone())
                .expected(format!("tcp/{} from {}", self.port, lb.security_groups.join(" or ")))
                .found(
                    was.ingress
                        .iter()
                        .map(|r| format!("{} from {}", r.describe_ports(), describe(&r.source)))
                        .collect::<Vec<_>>()
                        .join(", "),
                )
                .hint(msg!(
                    "load-balancer-chain-does-not-admit-tcp-hint",
                    was = &was.id,
                    port = &self.port,
                    lb_group = lb.security_groups.first().map_or("ALB_SG", String::as_str)
                )),
            );
        }
        if findings.is_empty() {
            findings.push(
                Finding::pass(msg!(
                    "load-balancer-chain-web-load-balancer-tcp",
                    lb = &lb.name,
                    ports_text = &ports_text,
                    was = was.display(),
                    port = &self.port
                ))
                .resource(lb.arn.clone()),
            );
        }
        findings
    }
}

/// A rule's ports as each language's message says them.
fn rule_ports(rule: &SgRule) -> crate::Localized {
    rule.ports_label()
}

fn describe(source: &RuleSource) -> String {
    match source {
        RuleSource::Cidr(c) | RuleSource::Ipv6Cidr(c) | RuleSource::Group(c) | RuleSource::PrefixList(c) => {
            c.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, cidr, failures, run, statuses, tcp, was_solved};
    use crate::report::FindingStatus::*;
    use crate::snapshot::SgRule;

    fn args() -> toml::Table {
        toml::toml! {
            vpc = { cidr = "10.10.0.0/16" }
            port = 8080
            listener_port = 80
            scheme = "internal"
            web_group = "web-sg"
            was_group = "was-sg"
        }
    }

    #[test]
    fn empty_fails_and_solved_passes() {
        assert_eq!(statuses(&run("load_balancer_chain", args(), &Builder::empty().build())), [Fail]);
        let (b, s) = was_solved();
        let f = run("load_balancer_chain", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.alb.as_str()));
    }

    #[test]
    fn the_world_on_an_internal_balancer_and_all_traffic_fail_naming_the_group() {
        let (mut b, s) = was_solved();
        let alb_sg = s.was_alb_sg.clone();
        b.group(&alb_sg).ingress.push(tcp(80, cidr("0.0.0.0/0")));
        b.group(&alb_sg).ingress.push(SgRule {
            protocol: "-1".into(),
            from_port: None,
            to_port: None,
            source: cidr("10.10.0.0/16"),
            peering: None,
        });
        let f = run("load_balancer_chain", args(), &b.build());
        let fails = failures(&f);
        assert_eq!(fails.len(), 2, "{f:#?}");
        assert!(fails.iter().all(|f| f.resource.as_deref() == Some(alb_sg.as_str())));
        assert!(fails[0].message.en.contains("0.0.0.0/0"));
        assert!(fails[1].message.en.contains("more than its listener ports"));
        assert_eq!(
            crate::english_words(&fails[1].message.ko),
            Vec::<String>::new(),
            "{}",
            fails[1].message.ko
        );
    }

    #[test]
    fn a_was_group_that_ignores_the_balancer_fails_naming_the_was_group() {
        let (mut b, s) = was_solved();
        let was = s.net.was_sg.clone();
        let web = s.net.web_sg.clone();
        b.group(&was).ingress.retain(|r| r.source == super::RuleSource::Group(web.clone()));
        let f = run("load_balancer_chain", args(), &b.build());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(f[0].resource.as_deref(), Some(was.as_str()));
        assert!(f[0].message.en.contains("health checks"));
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
    }

    #[test]
    fn many_rules_from_web_addresses_are_fine() {
        let (mut b, s) = was_solved();
        let alb_sg = s.was_alb_sg.clone();
        for c in ["10.10.1.0/24", "10.10.2.0/24"] {
            b.group(&alb_sg).ingress.push(tcp(80, cidr(c)));
        }
        assert_eq!(statuses(&run("load_balancer_chain", args(), &b.build())), [Pass]);
    }
}
