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
use crate::l10n;
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
                        Finding::fail(l10n!(
                            en: "{} of internal load balancer {} admits {} from {}: only the web tier needs it", g.display(), lb.name, rule.describe_ports(), describe(&rule.source);
                            ko: "내부 로드 밸런서 {}의 {}이(가) {}에서 오는 {}을(를) 허용합니다. 필요한 것은 웹 계층뿐입니다", lb.name, g.display(), describe(&rule.source), ports_ko(rule)
                        ))
                        .resource(g.id.clone())
                        .expected(format!("{ports_text} from {}", self.web_group))
                        .found(format!("{} from {}", rule.describe_ports(), describe(&rule.source)))
                        .hint(l10n!(
                            en: "aws ec2 revoke-security-group-ingress --group-id {} --protocol {} --port {} --cidr {} ; then allow the listener port from the web group only", g.id, rule.protocol, rule.from_port.unwrap_or(-1), describe(&rule.source);
                            ko: "aws ec2 revoke-security-group-ingress --group-id {} --protocol {} --port {} --cidr {} 로 지우고, 리스너 포트는 웹 그룹에서만 받게 하세요", g.id, rule.protocol, rule.from_port.unwrap_or(-1), describe(&rule.source)
                        )),
                    );
                } else if !only_ports(rule, &ports) {
                    findings.push(
                        Finding::fail(l10n!(
                            en: "{} of load balancer {} opens {} from {}, more than its listener ports ({ports_text})", g.display(), lb.name, rule.describe_ports(), describe(&rule.source);
                            ko: "로드 밸런서 {}의 {}이(가) {}에서 오는 {}을(를) 엽니다. 리스너 포트({ports_text})보다 넓습니다", lb.name, g.display(), describe(&rule.source), ports_ko(rule)
                        ))
                        .resource(g.id.clone())
                        .expected(ports_text.clone())
                        .found(rule.describe_ports())
                        .hint(l10n!(
                            en: "Keep only the listener ports: revoke this rule and allow {ports_text} from {}.", self.web_group;
                            ko: "리스너 포트만 남기세요: 이 규칙을 지우고 {}에서 오는 {ports_text}만 허용하세요.", self.web_group
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
                Finding::fail(l10n!(
                    en: "the web tier cannot reach load balancer {}: none of its groups admits {ports_text} from {}", lb.name, self.web_group;
                    ko: "웹 계층이 로드 밸런서 {}에 닿지 못합니다. 어느 그룹도 {}에서 오는 {ports_text}를 허용하지 않습니다", lb.name, self.web_group
                ))
                .resource(lb.security_groups.first().cloned().unwrap_or_else(|| lb.arn.clone()))
                .expected(format!("{ports_text} from {}", self.web_group))
                .found(if lb_groups.is_empty() { "no security group".to_owned() } else { lb_groups.join(", ") })
                .hint(l10n!(
                    en: "aws ec2 authorize-security-group-ingress --group-id {} --protocol tcp --port {} --source-group WEB_SG", lb.security_groups.first().map_or("ALB_SG", String::as_str), ports[0];
                    ko: "aws ec2 authorize-security-group-ingress --group-id {} --protocol tcp --port {} --source-group WEB_SG", lb.security_groups.first().map_or("ALB_SG", String::as_str), ports[0]
                )),
            );
        }
        let Some(was) = find_group(snap, Some(&vpc.id), &self.was_group) else {
            findings.push(
                Finding::fail(l10n!(
                    en: "no security group `{}` in {}", self.was_group, vpc.id;
                    ko: "{}에 보안 그룹 `{}`이(가) 없습니다", vpc.id, self.was_group
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
                Finding::fail(l10n!(
                    en: "{} does not admit tcp/{} from load balancer {}: its requests and health checks never reach the WAS, so every target stays unhealthy", was.display(), self.port, lb.name;
                    ko: "{}이(가) 로드 밸런서 {}에서 오는 tcp/{}를 허용하지 않습니다. 요청도 상태 검사도 WAS에 닿지 않아 모든 대상이 비정상으로 남습니다", was.display(), lb.name, self.port
                ))
                .resource(was.id.clone())
                .expected(format!("tcp/{} from {}", self.port, lb.security_groups.join(" or ")))
                .found(was.ingress.iter().map(|r| format!("{} from {}", r.describe_ports(), describe(&r.source))).collect::<Vec<_>>().join(", "))
                .hint(l10n!(
                    en: "aws ec2 authorize-security-group-ingress --group-id {} --protocol tcp --port {} --source-group {}", was.id, self.port, lb.security_groups.first().map_or("ALB_SG", String::as_str);
                    ko: "aws ec2 authorize-security-group-ingress --group-id {} --protocol tcp --port {} --source-group {}", was.id, self.port, lb.security_groups.first().map_or("ALB_SG", String::as_str)
                )),
            );
        }
        if findings.is_empty() {
            findings.push(
                Finding::pass(l10n!(
                    en: "web → load balancer {} ({ports_text}) → {} (tcp/{}): only the application's ports are open", lb.name, was.display(), self.port;
                    ko: "웹 → 로드 밸런서 {} ({ports_text}) → {} (tcp/{}): 애플리케이션 포트만 열려 있습니다", lb.name, was.display(), self.port
                ))
                .resource(lb.arn.clone()),
            );
        }
        findings
    }
}

/// A rule's ports for a Korean sentence (`all traffic` in Korean).
fn ports_ko(rule: &SgRule) -> String {
    if rule.protocol == "-1" { "모든 트래픽".to_owned() } else { rule.describe_ports() }
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
