//! `no_world_open_port` — no security group in the lab's VPCs opens a port (SSH by default) to
//! the whole internet.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::find_vpc;
use super::{Check, CheckKind, build};
use crate::l10n;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, RuleSource, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "no_world_open_port",
    description: "No security group in the VPCs allows TCP `port` (default 22) from 0.0.0.0/0 or ::/0.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::SecurityGroups],
    build: build::<NoWorldOpenPort>,
};

fn ssh() -> u16 {
    22
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoWorldOpenPort {
    vpcs: Vec<VpcRef>,
    #[serde(default = "ssh")]
    port: u16,
}

fn is_world(source: &RuleSource) -> bool {
    matches!(source, RuleSource::Cidr(c) if c == "0.0.0.0/0")
        || matches!(source, RuleSource::Ipv6Cidr(c) if c == "::/0")
}

impl Check for NoWorldOpenPort {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let port = self.port;
        let vpcs: Vec<_> = self.vpcs.iter().filter_map(|r| find_vpc(snap, r)).collect();
        if vpcs.is_empty() {
            let wanted: Vec<String> = self.vpcs.iter().map(VpcRef::describe).collect();
            return vec![
                Finding::fail(l10n!(
                    en: "cannot check this yet: no VPC {} exists", wanted.join(", ");
                    ko: "아직 확인할 수 없습니다: VPC {}이(가) 없습니다", wanted.join(", ")
                ))
                .expected(wanted.join(", "))
                .found("no VPC")
                .hint(l10n!(en: "Finish the VPC step first."; ko: "VPC 단계를 먼저 끝내세요.")),
            ];
        }
        let mut findings = Vec::new();
        for group in snap.security_groups.iter().filter(|g| vpcs.iter().any(|v| v.id == g.vpc_id)) {
            for rule in group.ingress.iter().filter(|r| is_world(&r.source) && r.allows_tcp_port(port)) {
                let what = rule.describe_ports();
                let source = match &rule.source {
                    RuleSource::Cidr(c) | RuleSource::Ipv6Cidr(c) => c.clone(),
                    _ => String::new(),
                };
                findings.push(
                    Finding::fail(l10n!(
                        en: "{} allows {what} from {source}, which includes tcp/{port}: anyone on the internet can try to log in", group.display();
                        ko: "{}이(가) {source}에서 오는 {what}를 허용합니다(tcp/{port} 포함). 인터넷의 누구나 접속을 시도할 수 있습니다", group.display()
                    ))
                    .resource(group.id.clone())
                    .expected(format!("no tcp/{port} from 0.0.0.0/0 or ::/0"))
                    .found(format!("{what} from {source}"))
                    .hint(l10n!(
                        en: "Delete the rule. Use Session Manager (no open port at all) or allow only your own address (x.x.x.x/32).";
                        ko: "규칙을 지우세요. Session Manager를 쓰거나(포트를 열 필요가 없음) 내 IP만(x.x.x.x/32) 허용하세요."
                    )),
                );
            }
        }
        if findings.is_empty() {
            let ids: Vec<&str> = vpcs.iter().map(|v| v.id.as_str()).collect();
            findings.push(
                Finding::pass(l10n!(
                    en: "no security group in {} opens tcp/{port} to the internet", ids.join(", ");
                    ko: "{}의 어떤 보안 그룹도 tcp/{port}를 인터넷에 열지 않았습니다", ids.join(", ")
                ))
                .resource(ids.join(","))
                .found(format!("no world-open tcp/{port}")),
            );
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, cidr, run, solved, statuses, tcp};
    use crate::report::FindingStatus::*;
    use crate::snapshot::{RuleSource, SgRule};

    fn args() -> toml::Table {
        toml::toml! { vpcs = [{ cidr = "10.10.0.0/16" }, { cidr = "172.16.0.0/16" }] }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("no_world_open_port", args(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes() {
        let (b, _) = solved();
        assert_eq!(statuses(&run("no_world_open_port", args(), &b.build())), [Pass]);
    }

    #[test]
    fn ssh_from_the_world_and_all_traffic_from_ipv6_fail_per_group() {
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.web_sg).unwrap().ingress.push(tcp(22, cidr("0.0.0.0/0")));
        groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().ingress.push(SgRule {
            protocol: "-1".into(),
            from_port: None,
            to_port: None,
            source: RuleSource::Ipv6Cidr("::/0".into()),
        });
        let f = run("no_world_open_port", args(), &b.build());
        assert_eq!(statuses(&f), [Fail, Fail]);
        let resources: Vec<_> = f.iter().filter_map(|f| f.resource.clone()).collect();
        assert!(resources.contains(&s.web_sg) && resources.contains(&s.db_sg));
    }

    #[test]
    fn ssh_from_a_single_address_and_http_from_the_world_pass() {
        let (mut b, s) = solved();
        for i in 0..30 {
            b.sg(
                &s.app_vpc,
                &format!("admin-{i}"),
                vec![tcp(22, cidr("203.0.113.7/32")), tcp(443, cidr("0.0.0.0/0"))],
            );
        }
        assert_eq!(statuses(&run("no_world_open_port", args(), &b.build())), [Pass]);
    }
}
