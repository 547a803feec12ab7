//! `security_group_ingress` — a tier's security group lets the tier's port in from the tier in
//! front of it (by security group or CIDR) and, when `exclusive`, from nothing else.

use serde::Deserialize;

use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{find_group, require_vpc};
use super::{Check, CheckKind, build};
use crate::l10n;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, RuleSource, SecurityGroup, SgRule, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "security_group_ingress",
    description: "A security group allows TCP `port` from the given groups or CIDRs (and, when `exclusive`, from nothing else).",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::SecurityGroups],
    build: build::<GroupIngress>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupIngress {
    vpc: VpcRef,
    group: String,
    port: u16,
    #[serde(default)]
    from_groups: Vec<String>,
    #[serde(default)]
    from_cidrs: Vec<Cidr>,
    #[serde(default)]
    exclusive: bool,
}

fn describe_source(snap: &Snapshot, source: &RuleSource) -> String {
    match source {
        RuleSource::Group(id) => snap.security_group(id).map_or_else(|| id.clone(), SecurityGroup::display),
        RuleSource::Cidr(c) | RuleSource::Ipv6Cidr(c) | RuleSource::PrefixList(c) => c.clone(),
    }
}

fn describe_rules(snap: &Snapshot, rules: &[SgRule]) -> String {
    if rules.is_empty() {
        return "no inbound rule".to_owned();
    }
    rules
        .iter()
        .map(|r| format!("{} from {}", r.describe_ports(), describe_source(snap, &r.source)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Check for GroupIngress {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let port = self.port;
        let Some(group) = find_group(snap, Some(&vpc.id), &self.group) else {
            let names: Vec<&str> =
                snap.security_groups.iter().filter(|g| g.vpc_id == vpc.id).map(|g| g.name.as_str()).collect();
            return vec![
                Finding::fail(l10n!(
                    en: "no security group named {} in {}", self.group, vpc.id;
                    ko: "{}에 이름이 {}인 보안 그룹이 없습니다", vpc.id, self.group
                ))
                .resource(vpc.id.clone())
                .expected(format!("security group {}", self.group))
                .found(names.join(", "))
                .hint(l10n!(
                    en: "Create it in {} with the name {} (the group name, or a Name tag).", vpc.id, self.group;
                    ko: "{}에 이름 {}(으)로 만드세요(보안 그룹 이름이나 Name 태그).", vpc.id, self.group
                )),
            ];
        };
        // Sources that count as "the tier in front": groups by name (any VPC, for peering), CIDRs.
        let mut allowed_groups = Vec::new();
        let mut missing_groups = Vec::new();
        let mut findings = Vec::new();
        for name in &self.from_groups {
            match find_group(snap, Some(&vpc.id), name).or_else(|| find_group(snap, None, name)) {
                Some(g) => allowed_groups.push(g),
                None => missing_groups.push(name.as_str()),
            }
        }
        let is_allowed = |source: &RuleSource| match source {
            RuleSource::Group(id) => allowed_groups.iter().any(|g| g.id == *id),
            RuleSource::Cidr(c) => {
                Cidr::parse(c).is_ok_and(|c| self.from_cidrs.iter().any(|allowed| allowed.contains(&c)))
            }
            _ => false,
        };
        let sources: Vec<String> = allowed_groups
            .iter()
            .map(|g| g.display())
            .chain(self.from_cidrs.iter().map(ToString::to_string))
            .chain(self.from_groups.iter().filter(|n| !allowed_groups.iter().any(|g| g.name == **n)).cloned())
            .collect();
        let expected = format!("tcp/{port} from {}", sources.join(" or "));
        let rules = &group.ingress;
        let good = rules.iter().find(|r| r.allows_tcp_port(port) && is_allowed(&r.source));
        match good {
            Some(rule) => findings.push(
                Finding::pass(l10n!(
                    en: "{} allows tcp/{port} from {}", group.display(), describe_source(snap, &rule.source);
                    ko: "{}이(가) {}에서 오는 tcp/{port}를 허용합니다", group.display(), describe_source(snap, &rule.source)
                ))
                .resource(group.id.clone())
                .expected(expected.clone())
                .found(describe_rules(snap, rules)),
            ),
            None => {
                // A source group that does not exist explains the failure better than the rule.
                for name in &missing_groups {
                    findings.push(
                        Finding::fail(l10n!(
                            en: "the source security group {name} does not exist yet";
                            ko: "출발지 보안 그룹 {name}이(가) 아직 없습니다"
                        ))
                        .expected(format!("security group {name}"))
                        .found("none")
                        .hint(l10n!(en: "Create {name} first."; ko: "{name}을(를) 먼저 만드세요.")),
                    );
                }
                findings.push(
                Finding::fail(l10n!(
                    en: "{} does not allow tcp/{port} from {}", group.display(), sources.join(" or ");
                    ko: "{}이(가) {}에서 오는 tcp/{port}를 허용하지 않습니다", group.display(), sources.join(" 또는 ")
                ))
                .resource(group.id.clone())
                .expected(expected.clone())
                .found(describe_rules(snap, rules))
                .hint(l10n!(
                    en: "Add an inbound rule: Custom TCP {port}, source = the security group of the tier in front (not a CIDR like 0.0.0.0/0).";
                    ko: "인바운드 규칙을 추가하세요: 사용자 지정 TCP {port}, 소스 = 앞단 계층의 보안 그룹(0.0.0.0/0 같은 CIDR이 아니라)."
                )),
            );
            }
        }
        if self.exclusive {
            for rule in rules.iter().filter(|r| !is_allowed(&r.source)) {
                findings.push(
                    Finding::fail(l10n!(
                        en: "{} also allows {} from {}: this tier must only be reachable from {}", group.display(), rule.describe_ports(), describe_source(snap, &rule.source), sources.join(" or ");
                        ko: "{}이(가) {}에서 오는 {}도 허용합니다. 이 계층은 {}에서만 닿을 수 있어야 합니다", group.display(), describe_source(snap, &rule.source), rule.describe_ports(), sources.join(" 또는 ")
                    ))
                    .resource(group.id.clone())
                    .expected(expected.clone())
                    .found(format!("{} from {}", rule.describe_ports(), describe_source(snap, &rule.source)))
                    .hint(l10n!(
                        en: "Delete this inbound rule; reach the instances through the tier in front, or Session Manager for administration.";
                        ko: "이 인바운드 규칙을 지우세요. 접근은 앞단 계층을 거치게 하고, 관리는 Session Manager를 쓰세요."
                    )),
                );
            }
            for rule in
                rules.iter().filter(|r| is_allowed(&r.source) && r.describe_ports() != format!("tcp/{port}"))
            {
                findings.push(
                    Finding::info(l10n!(
                        en: "{} opens {} (more than tcp/{port}) to {}; only the port the tier serves is needed", group.display(), rule.describe_ports(), describe_source(snap, &rule.source);
                        ko: "{}이(가) {}에 {}(tcp/{port}보다 넓게)를 열어 두었습니다. 서비스 포트만 열면 됩니다", group.display(), describe_source(snap, &rule.source), rule.describe_ports()
                    ))
                    .resource(group.id.clone()),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, cidr, failures, run, solved, statuses, tcp};
    use crate::report::FindingStatus::*;

    fn was() -> toml::Table {
        toml::toml! { vpc = { cidr = "10.10.0.0/16" } group = "was-sg" port = 8080 from_groups = ["web-sg"] exclusive = true }
    }

    fn db() -> toml::Table {
        toml::toml! {
            vpc = { cidr = "172.16.0.0/16" } group = "db-sg" port = 3306
            from_groups = ["was-sg"] from_cidrs = ["10.10.3.0/24", "10.10.4.0/24"] exclusive = true
        }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("security_group_ingress", was(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes_the_chain_and_the_db_across_the_peering() {
        let (b, s) = solved();
        let snap = b.build();
        let f = run("security_group_ingress", was(), &snap);
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.was_sg.as_str()));
        assert_eq!(statuses(&run("security_group_ingress", db(), &snap)), [Pass]);
    }

    #[test]
    fn a_world_open_was_port_fails_when_exclusive() {
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.was_sg).unwrap().ingress.push(tcp(8080, cidr("0.0.0.0/0")));
        let f = run("security_group_ingress", was(), &b.build());
        let fails = failures(&f);
        assert_eq!(fails.len(), 1);
        assert_eq!(fails[0].found.as_deref(), Some("tcp/8080 from 0.0.0.0/0"));
    }

    #[test]
    fn the_db_open_to_the_whole_app_vpc_fails_but_was_cidrs_pass() {
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        let db_sg = groups.iter_mut().find(|g| g.id == s.db_sg).unwrap();
        db_sg.ingress = vec![tcp(3306, cidr("10.10.3.0/24")), tcp(3306, cidr("10.10.4.0/24"))];
        assert_eq!(statuses(&run("security_group_ingress", db(), &b.build())), [Pass]);
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().ingress = vec![tcp(3306, cidr("10.10.0.0/16"))];
        let f = run("security_group_ingress", db(), &b.build());
        assert_eq!(statuses(&f), [Fail, Fail]);
    }

    #[test]
    fn a_rule_on_the_wrong_port_fails() {
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        let web = s.web_sg.clone();
        groups.iter_mut().find(|g| g.id == s.was_sg).unwrap().ingress =
            vec![tcp(80, super::super::fixtures::group(&web))];
        let f = run("security_group_ingress", was(), &b.build());
        assert_eq!(statuses(&f), [Fail, Info]);
    }

    #[test]
    fn many_groups_find_the_right_one() {
        let (mut b, s) = solved();
        for i in 0..40 {
            b.sg(&s.app_vpc, &format!("extra-{i}"), vec![tcp(22, cidr("10.0.0.0/8"))]);
        }
        assert_eq!(statuses(&run("security_group_ingress", was(), &b.build())), [Pass]);
    }
}
