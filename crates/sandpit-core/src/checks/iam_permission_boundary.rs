//! `iam_permission_boundary` — the DevOps principals (the users of the DevOps group, and the
//! DevOps role when there is one) carry a permissions boundary that keeps them out of IAM: the
//! team's "mistake prevention". A boundary caps what any policy can grant, so whatever is
//! attached to them later, they cannot create users, attach policies or lift the boundary.

use serde::Deserialize;

use super::expect::Expectation;
use super::iam_common::{boundary_policy, members};
use super::{Check, CheckKind, build};
use crate::l10n;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "iam_permission_boundary",
    description: "Every user of `group` (and the role `role`, when it exists) has a permissions boundary that allows no IAM change and still allows work outside IAM.",
    needs: &[ResourceKind::IamUsers, ResourceKind::IamRoles, ResourceKind::IamPolicies],
    build: build::<Boundary>,
};

/// IAM changes a DevOps principal must not be able to make, its own boundary included.
const IAM_CHANGES: &[&str] = &[
    "iam:CreateUser",
    "iam:AttachUserPolicy",
    "iam:PutUserPolicy",
    "iam:CreateAccessKey",
    "iam:AttachRolePolicy",
    "iam:DeleteUserPermissionsBoundary",
    "iam:DeleteRolePermissionsBoundary",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Boundary {
    group: String,
    #[serde(default)]
    role: String,
}

impl Check for Boundary {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let mut principals: Vec<(String, String, Option<String>)> = members(snap, &self.group)
            .into_iter()
            .map(|u| (format!("user {}", u.name), u.arn.clone(), u.permissions_boundary.clone()))
            .collect();
        if !self.role.is_empty()
            && let Some(r) = snap.iam_roles.iter().find(|r| r.name.eq_ignore_ascii_case(&self.role))
        {
            principals.push((format!("role {}", r.name), r.arn.clone(), r.permissions_boundary.clone()));
        }
        if principals.is_empty() {
            return vec![
                Finding::fail(l10n!(
                    en: "there is no DevOps principal to protect: no user in group {} and no role {}", self.group, if self.role.is_empty() { "-" } else { &self.role };
                    ko: "보호할 DevOps 주체가 없습니다: 그룹 `{}`에 사용자가 없고 역할 `{}`도 없습니다", self.group, if self.role.is_empty() { "-" } else { &self.role }
                ))
                .expected(format!("users in {} (or role {})", self.group, self.role))
                .found("none")
                .hint(l10n!(
                    en: "Finish the groups and users steps first.";
                    ko: "그룹과 사용자 단계를 먼저 끝내세요."
                )),
            ];
        }
        let mut findings = Vec::new();
        for (who, arn, boundary) in principals {
            let Some(boundary) = boundary else {
                findings.push(
                    Finding::fail(l10n!(
                        en: "{who} has no permissions boundary: anything attached to it later applies in full, IAM included";
                        ko: "`{who}`에 권한 경계가 없습니다. 나중에 붙는 정책이 IAM까지 그대로 적용됩니다"
                    ))
                    .resource(arn.clone())
                    .expected("a permissions boundary denying IAM changes")
                    .found("no boundary")
                    .hint(l10n!(
                        en: "aws iam put-user-permissions-boundary --user-name NAME --permissions-boundary arn:aws:iam::ACCOUNT:policy/devops-boundary (put-role-permissions-boundary for a role)";
                        ko: "aws iam put-user-permissions-boundary --user-name NAME --permissions-boundary arn:aws:iam::ACCOUNT:policy/devops-boundary (역할이라면 put-role-permissions-boundary)"
                    )),
                );
                continue;
            };
            let Some(policy) = boundary_policy(snap, &boundary) else {
                findings.push(
                    Finding::fail(l10n!(
                        en: "{who}'s boundary {boundary} cannot be read here, so nothing says it keeps IAM out";
                        ko: "`{who}`의 경계 {boundary}를 읽을 수 없어 IAM을 막는지 알 수 없습니다"
                    ))
                    .resource(arn.clone())
                    .found(boundary.clone())
                    .hint(l10n!(
                        en: "Use a customer managed policy of this account as the boundary.";
                        ko: "이 계정의 고객 관리형 정책을 경계로 쓰세요."
                    )),
                );
                continue;
            };
            let allowed: Vec<&str> =
                IAM_CHANGES.iter().copied().filter(|a| policy.decide(a).allows()).collect();
            let works = ["ec2:DescribeInstances", "ec2:RunInstances", "s3:ListAllMyBuckets"]
                .iter()
                .any(|a| policy.decide(a).allows());
            if !allowed.is_empty() {
                findings.push(
                    Finding::fail(l10n!(
                        en: "{who}'s boundary {boundary} still allows {}: a DevOps slip could change IAM", allowed.join(", ");
                        ko: "`{who}`의 경계 {boundary}가 아직 {}을(를) 허용합니다. DevOps의 실수가 IAM을 바꿀 수 있습니다", allowed.join(", ")
                    ))
                    .resource(arn.clone())
                    .expected("no iam:* change allowed")
                    .found(allowed.join(", "))
                    .hint(l10n!(
                        en: "Add {{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\"}} to the boundary policy (or leave IAM out of its Allow).";
                        ko: "경계 정책에 {{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\"}}를 더하세요(또는 Allow에서 IAM을 빼세요)."
                    )),
                );
            } else if !works {
                findings.push(
                    Finding::fail(l10n!(
                        en: "{who}'s boundary {boundary} allows nothing at all: DevOps cannot work";
                        ko: "`{who}`의 경계 {boundary}가 아무것도 허용하지 않습니다. DevOps가 일할 수 없습니다"
                    ))
                    .resource(arn.clone())
                    .hint(l10n!(
                        en: "A boundary only caps: allow what DevOps may ever do (e.g. \"Action\": \"*\"), then deny iam:*.";
                        ko: "경계는 상한일 뿐입니다. DevOps가 할 수 있는 최대치(예: \"Action\": \"*\")를 허용하고 iam:*를 거부하세요."
                    )),
                );
            } else {
                findings.push(
                    Finding::pass(l10n!(
                        en: "{who} is under boundary {boundary}, which allows no IAM change";
                        ko: "`{who}`에 IAM 변경을 허용하지 않는 경계 {boundary}가 있습니다"
                    ))
                    .resource(arn.clone())
                    .found(boundary.clone()),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{BOUNDARY_ARN, Builder, iam_solved, run, statuses};
    use crate::report::FindingStatus::*;
    use crate::snapshot::IamRole;

    fn args() -> toml::Table {
        toml::toml! { group = "devops" role = "devops" }
    }

    #[test]
    fn empty_fails_solved_passes() {
        assert_eq!(statuses(&run("iam_permission_boundary", args(), &Builder::empty().build())), [Fail]);
        let f = run("iam_permission_boundary", args(), &iam_solved().build());
        assert_eq!(statuses(&f), [Pass]);
        assert!(f[0].resource.as_deref().unwrap().ends_with("user/bob"));
    }

    #[test]
    fn no_boundary_and_a_boundary_that_lets_iam_through_fail() {
        let mut b = iam_solved();
        b.user("bob").permissions_boundary = None;
        let f = run("iam_permission_boundary", args(), b.snapshot());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
        b.user("bob").permissions_boundary = Some("arn:aws:iam::aws:policy/AdministratorAccess".into());
        let f = run("iam_permission_boundary", args(), b.snapshot());
        assert!(f[0].message.en.contains("still allows iam:CreateUser"), "{}", f[0].message.en);
        b.user("bob").permissions_boundary = Some("arn:aws:iam::aws:policy/PowerUserAccess".into());
        assert_eq!(
            statuses(&run("iam_permission_boundary", args(), &b.build())),
            [Pass],
            "PowerUserAccess leaves IAM out"
        );
    }

    #[test]
    fn a_role_counts_as_a_devops_principal() {
        let mut b = Builder::empty();
        b.snapshot().iam_roles.items_mut().unwrap().push(IamRole {
            name: "devops".into(),
            arn: "arn:aws:iam::123456789012:role/devops".into(),
            path: "/".into(),
            permissions_boundary: None,
            ..IamRole::default()
        });
        let f = run("iam_permission_boundary", args(), b.snapshot());
        assert_eq!(
            (statuses(&f), f[0].resource.as_deref()),
            (vec![Fail], Some("arn:aws:iam::123456789012:role/devops"))
        );
        b.snapshot().iam_roles.items_mut().unwrap()[0].permissions_boundary = Some(BOUNDARY_ARN.into());
        b.snapshot().iam_policies.items_mut().unwrap().push(crate::snapshot::IamPolicy {
            name: "devops-boundary".into(),
            arn: BOUNDARY_ARN.into(),
            document: Some(super::super::fixtures::BOUNDARY_DOC.into()),
        });
        assert_eq!(statuses(&run("iam_permission_boundary", args(), &b.build())), [Pass]);
    }

    #[test]
    fn many_devops_users_each_needs_it() {
        let mut b = iam_solved();
        for i in 0..5 {
            b.iam_user(&format!("ops-{i}"), &["devops"], false);
        }
        let f = run("iam_permission_boundary", args(), &b.build());
        assert_eq!(f.iter().filter(|f| f.status == Fail).count(), 5);
    }
}
