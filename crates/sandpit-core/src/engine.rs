//! Runs a lab's checks over a snapshot and assembles the report.
//!
//! The engine, not each check kind, answers for resource types that could not be read: a check
//! whose inputs are missing gets one `error` finding naming the denied IAM action and the managed
//! policy that grants it, and the other steps are still evaluated.

use chrono::{DateTime, Utc};

use crate::l10n;
use crate::labs::{Lab, LabError, Params};
use crate::report::{Finding, Report, StepResult, StepStatus};
use crate::snapshot::{CollectError, ResourceKind, Snapshot, Unavailable};

/// Which steps to evaluate.
#[derive(Debug, Clone, Default)]
pub struct StepFilter {
    only: Vec<String>,
}

impl StepFilter {
    /// Every step.
    pub fn all() -> Self {
        Self::default()
    }

    /// Only these steps (the others are reported as `skipped`); refuses unknown ids.
    pub fn only(lab: &Lab, ids: &[String]) -> Result<Self, LabError> {
        for id in ids {
            if lab.step(id).is_none() {
                return Err(LabError::UnknownStep {
                    lab: lab.id.clone(),
                    step: id.clone(),
                    known: lab.steps.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", "),
                });
            }
        }
        Ok(Self { only: ids.to_vec() })
    }

    fn includes(&self, id: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s == id)
    }
}

/// Checks `lab` with `params` over `snapshot`.
pub fn evaluate(
    lab: &Lab,
    params: &Params,
    filter: &StepFilter,
    snapshot: &Snapshot,
    checked_at: DateTime<Utc>,
) -> Result<Report, LabError> {
    let prepared = lab.prepare(params)?;
    let steps = prepared
        .iter()
        .map(|p| {
            if !filter.includes(&p.step.id) {
                return StepResult {
                    id: p.step.id.clone(),
                    title: p.step.title.clone(),
                    status: StepStatus::Skipped,
                    findings: Vec::new(),
                };
            }
            let mut findings = Vec::new();
            for (kind, check) in &p.checks {
                let missing: Vec<Finding> = kind
                    .needs
                    .iter()
                    .filter_map(|&rk| snapshot.unavailable(rk).map(|why| unavailable_finding(rk, why)))
                    .collect();
                if missing.is_empty() {
                    findings.extend(check.evaluate(snapshot));
                } else {
                    for f in missing {
                        if !findings.contains(&f) {
                            findings.push(f);
                        }
                    }
                }
            }
            StepResult {
                id: p.step.id.clone(),
                title: p.step.title.clone(),
                status: StepStatus::from_findings(&findings),
                findings,
            }
        })
        .collect();
    Ok(Report::new(lab.id.clone(), snapshot.account.clone(), snapshot.region.clone(), checked_at, steps))
}

fn unavailable_finding(kind: ResourceKind, why: Unavailable<'_>) -> Finding {
    let what = kind.label();
    match why {
        Unavailable::Failed(CollectError::Denied { action, managed_policy, message }) => Finding::error(l10n!(
            en: "cannot read {what}: AWS denied {action}";
            ko: "{what}을(를) 읽을 수 없습니다: AWS가 {action} 호출을 거부했습니다"
        ))
        .expected(format!("permission for {action}"))
        .found(message.clone())
        .hint(l10n!(
            en: "Grant {action} to the identity Sandpit uses: attach the AWS managed policy {managed_policy}, or the checker policy labs/policies/sandpit-checker.json.";
            ko: "Sandpit이 쓰는 IAM 사용자/역할에 {action} 권한을 주세요. AWS 관리형 정책 {managed_policy}을(를) 연결하거나 labs/policies/sandpit-checker.json 정책을 쓰면 됩니다."
        )),
        Unavailable::Failed(CollectError::Failed { action, message }) => Finding::error(l10n!(
            en: "cannot read {what}: {action} failed";
            ko: "{what}을(를) 읽을 수 없습니다: {action} 호출이 실패했습니다"
        ))
        .found(message.clone())
        .hint(l10n!(
            en: "This is usually temporary (network, throttling): check again.";
            ko: "대개 일시적인 문제(네트워크, 호출 제한)입니다. 다시 확인하세요."
        )),
        Unavailable::NotCollected => Finding::error(l10n!(
            en: "{what} are not in this snapshot";
            ko: "이 스냅숏에는 {what} 정보가 없습니다"
        ))
        .hint(l10n!(
            en: "Check against the account (without --snapshot), or collect a snapshot for this lab.";
            ko: "계정을 직접 확인하거나(--snapshot 없이), 이 실습용으로 수집한 스냅숏을 쓰세요."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::fixtures::solved;
    use crate::labs::LabSet;
    use crate::report::{FindingStatus, LabStatus};
    use crate::snapshot::Collected;

    fn check(lab: &str, snap: &Snapshot) -> Report {
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get(lab).unwrap();
        evaluate(lab, &lab.params([]).unwrap(), &StepFilter::all(), snap, Utc::now()).unwrap()
    }

    fn failing_steps(report: &Report) -> Vec<&str> {
        report.steps.iter().filter(|s| s.status != StepStatus::Pass).map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn the_solved_project_passes_both_network_labs() {
        let (b, _) = solved();
        let snap = b.build();
        for lab in ["three-tier-vpc", "vpc-peering"] {
            let report = check(lab, &snap);
            assert_eq!(failing_steps(&report), Vec::<&str>::new(), "{lab}: {report:#?}");
            assert_eq!(report.status, LabStatus::Pass);
        }
    }

    #[test]
    fn an_empty_account_fails_every_step() {
        let snap = crate::checks::fixtures::Builder::empty().build();
        let report = check("three-tier-vpc", &snap);
        assert_eq!(report.summary.failed, report.steps.len());
        assert_eq!(report.status, LabStatus::Fail);
    }

    #[test]
    fn a_denied_resource_type_errors_only_the_steps_that_need_it() {
        let (mut b, _) = solved();
        b.snapshot().peering_connections = Collected::Error {
            error: CollectError::Denied {
                action: "ec2:DescribeVpcPeeringConnections".into(),
                managed_policy: "AmazonVPCReadOnlyAccess".into(),
                message: "UnauthorizedOperation".into(),
            },
        };
        let report = check("vpc-peering", &b.build());
        let errored: Vec<&str> =
            report.steps.iter().filter(|s| s.status == StepStatus::Error).map(|s| s.id.as_str()).collect();
        assert_eq!(errored, ["peering-active", "app-routes-to-db", "db-routes-to-app"]);
        assert_eq!(report.step("db-vpc").unwrap().status, StepStatus::Pass);
        let finding = &report.step("peering-active").unwrap().findings[0];
        assert_eq!(finding.status, FindingStatus::Error);
        assert!(finding.message.en.contains("ec2:DescribeVpcPeeringConnections"));
        assert!(finding.hint.as_ref().unwrap().en.contains("AmazonVPCReadOnlyAccess"));
        assert_eq!(report.status, LabStatus::Error);
    }

    #[test]
    fn only_the_asked_steps_are_evaluated() {
        let (b, _) = solved();
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("three-tier-vpc").unwrap();
        let filter = StepFilter::only(lab, &["vpc".to_owned()]).unwrap();
        let report = evaluate(lab, &lab.params([]).unwrap(), &filter, &b.build(), Utc::now()).unwrap();
        assert_eq!(report.summary.passed, 1);
        assert_eq!(report.summary.skipped, lab.steps.len() - 1);
        assert_eq!(report.status, LabStatus::Pass);
        assert!(StepFilter::only(lab, &["nope".to_owned()]).is_err());
    }

    #[test]
    fn non_default_parameters_move_the_target() {
        let (b, _) = solved();
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("three-tier-vpc").unwrap();
        let params = lab.params([("app_port", "9090")]).unwrap();
        let report = evaluate(lab, &params, &StepFilter::all(), &b.build(), Utc::now()).unwrap();
        assert_eq!(failing_steps(&report), ["was-security-group"]);
    }
}
