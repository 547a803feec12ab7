//! `iam_permission_boundary` — the DevOps principals (the users of the DevOps group, and the
//! DevOps role when there is one) carry a permissions boundary that keeps them out of IAM: the
//! team's "mistake prevention". A boundary caps what any policy can grant, so whatever is
//! attached to them later, they cannot create users, attach policies or lift the boundary.

use serde::Deserialize;

use super::expect::Expectation;
use super::iam_common::{boundary_policy, members};
use super::{Check, CheckKind, build};
use crate::msg;
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
                Finding::fail(msg!(
                    "iam-permission-boundary-no-devops-principal-protect",
                    group = &self.group,
                    role = if self.role.is_empty() { "-" } else { &self.role }
                ))
                .expected(format!("users in {} (or role {})", self.group, self.role))
                .found("none")
                .hint(msg!("iam-permission-boundary-no-devops-principal-protect-hint")),
            ];
        }
        let mut findings = Vec::new();
        for (who, arn, boundary) in principals {
            let Some(boundary) = boundary else {
                findings.push(
                    Finding::fail(msg!(
                        "iam-permission-boundary-no-permissions-boundary-anything",
                        who = &who
                    ))
                    .resource(arn.clone())
                    .expected("a permissions boundary denying IAM changes")
                    .found("no boundary")
                    .hint(msg!("iam-permission-boundary-no-permissions-boundary-anything-hint")),
                );
                continue;
            };
            let Some(policy) = boundary_policy(snap, &boundary) else {
                findings.push(
                    Finding::fail(msg!(
                        "iam-permission-boundary-s-boundary-cannot-read",
                        who = &who,
                        boundary = &boundary
                    ))
                    .resource(arn.clone())
                    .found(boundary.clone())
                    .hint(msg!("iam-permission-boundary-s-boundary-cannot-read-hint")),
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
                    Finding::fail(msg!(
                        "iam-permission-boundary-s-boundary-still-allows",
                        who = &who,
                        boundary = &boundary,
                        allowed = allowed.join(", ")
                    ))
                    .resource(arn.clone())
                    .expected("no iam:* change allowed")
                    .found(allowed.join(", "))
                    .hint(msg!("iam-permission-boundary-s-boundary-still-allows-hint")),
                );
            } else if !works {
                findings.push(
                    Finding::fail(msg!(
                        "iam-permission-boundary-s-boundary-allows-nothing",
                        who = &who,
                        boundary = &boundary
                    ))
                    .resource(arn.clone())
                    .hint(msg!("iam-permission-boundary-s-boundary-allows-nothing-hint")),
                );
            } else {
                findings.push(
                    Finding::pass(msg!(
                        "iam-permission-boundary-under-boundary-allows-no",
                        who = &who,
                        boundary = &boundary
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
