//! `target_group` — the WAS target group: HTTP on the WAS port in the app VPC, instance targets
//! (what an Auto Scaling group registers), and the health check path and codes asked for.

use serde::Deserialize;

use super::app_tier::was_target_group;
use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::require_vpc;
use super::{Check, CheckKind, build};
use crate::l10n;
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
                Finding::fail(l10n!(
                    en: "target group {name} speaks {protocol}, not {}", self.protocol;
                    ko: "대상 그룹 {name}의 프로토콜이 {}가 아니라 {protocol}입니다", self.protocol
                ))
                .resource(tg.arn.clone())
                .expected(self.protocol.clone())
                .found(protocol.clone())
                .hint(l10n!(
                    en: "A target group's protocol cannot change: create one with --protocol {} and point the listener at it.", self.protocol;
                    ko: "대상 그룹의 프로토콜은 바꿀 수 없습니다. --protocol {}로 새로 만들고 리스너가 그 그룹을 가리키게 하세요.", self.protocol
                )),
            );
        }
        if let Some(ty) = tg.target_type.as_deref().filter(|t| *t != "instance") {
            findings.push(
                Finding::fail(l10n!(
                    en: "target group {name} takes {ty} targets: an Auto Scaling group registers instances";
                    ko: "대상 그룹 {name}의 대상 유형이 {ty}입니다. Auto Scaling 그룹은 인스턴스를 등록합니다"
                ))
                .resource(tg.arn.clone())
                .expected("target type instance")
                .found(ty.to_owned())
                .hint(l10n!(
                    en: "Create the target group again with --target-type instance.";
                    ko: "--target-type instance로 대상 그룹을 다시 만드세요."
                )),
            );
        }
        let path = tg.health_check_path.clone().unwrap_or_default();
        if path != self.health_check_path {
            findings.push(
                Finding::fail(l10n!(
                    en: "target group {name} checks health at {path}, not {}", self.health_check_path;
                    ko: "대상 그룹 {name}의 상태 검사 경로가 {}가 아니라 {path}입니다", self.health_check_path
                ))
                .resource(tg.arn.clone())
                .expected(self.health_check_path.clone())
                .found(if path.is_empty() { "none".to_owned() } else { path.clone() })
                .hint(l10n!(
                    en: "aws elbv2 modify-target-group --target-group-arn {} --health-check-path {} (or --param health_check_path=… if your application answers elsewhere)", tg.arn, self.health_check_path;
                    ko: "aws elbv2 modify-target-group --target-group-arn {} --health-check-path {} (애플리케이션이 다른 경로로 답한다면 --param health_check_path=…)", tg.arn, self.health_check_path
                )),
            );
        }
        let matcher = tg.health_check_matcher.clone().unwrap_or_default();
        if !matcher_accepts(&matcher, &self.health_check_codes) {
            findings.push(
                Finding::fail(l10n!(
                    en: "target group {name} counts HTTP {matcher} as healthy, which does not include {}", self.health_check_codes;
                    ko: "대상 그룹 {name}은(는) HTTP {matcher}만 정상으로 봅니다. {}가 들어 있지 않습니다", self.health_check_codes
                ))
                .resource(tg.arn.clone())
                .expected(format!("matcher accepting {}", self.health_check_codes))
                .found(if matcher.is_empty() { "none".to_owned() } else { matcher.clone() })
                .hint(l10n!(
                    en: "aws elbv2 modify-target-group --target-group-arn {} --matcher HttpCode={}", tg.arn, self.health_check_codes;
                    ko: "aws elbv2 modify-target-group --target-group-arn {} --matcher HttpCode={}", tg.arn, self.health_check_codes
                )),
            );
        }
        if findings.is_empty() {
            findings.push(
                Finding::pass(l10n!(
                    en: "target group {name} takes {protocol} on port {} in {}, health check {path} → {matcher}", self.port, vpc.id;
                    ko: "대상 그룹 {name}이(가) {}의 포트 {}에서 {protocol}을(를) 받고, 상태 검사는 {path} → {matcher}입니다", vpc.id, self.port
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
