//! `iam_group_members` — each team role's group has members, and permissions reach people through
//! groups: a user in no group, or a policy attached straight to a user, is info naming it (the
//! bootcamp attached policies to users directly; groups keep one place to change per role).

use serde::Deserialize;

use super::expect::Expectation;
use super::iam_common::{find_group, members};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "iam_group_members",
    description: "Every group of `groups` has at least one user; users in no group and policies attached straight to users are info.",
    needs: &[ResourceKind::IamUsers, ResourceKind::IamGroups],
    build: build::<GroupMembers>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupMembers {
    groups: Vec<String>,
}

impl Check for GroupMembers {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let mut findings = Vec::new();
        for name in &self.groups {
            let Some(group) = find_group(snap, name) else {
                findings.push(
                    Finding::fail(msg!("iam-group-members-no-iam-group-put", name = &name))
                        .expected(format!("group {name}"))
                        .hint(msg!("iam-group-members-no-iam-group-put-hint", name = &name)),
                );
                continue;
            };
            let users: Vec<&str> = members(snap, &group.name).iter().map(|u| u.name.as_str()).collect();
            if users.is_empty() {
                findings.push(
                    Finding::fail(msg!("iam-group-members-group-no-members-nobody", group = &group.name))
                        .resource(group.arn.clone())
                        .expected("at least one user")
                        .found("no user")
                        .hint(msg!("iam-group-members-group-no-members-nobody-hint", group = &group.name)),
                );
            } else {
                findings.push(
                    Finding::pass(msg!(
                        "iam-group-members-members",
                        group = &group.name,
                        users = crate::Localized::new(users.join(", "), users.len().to_string())
                    ))
                    .resource(group.arn.clone())
                    .found(users.join(", ")),
                );
            }
        }
        for user in snap.iam_users.iter() {
            if user.groups.is_empty() {
                findings.push(
                    Finding::info(msg!("iam-group-members-user-no-group-permissions", user = &user.name))
                        .resource(user.arn.clone()),
                );
            }
            let direct: Vec<String> = user
                .attached_policies
                .iter()
                .map(|p| p.name.clone())
                .chain(user.inline_policies.iter().map(|p| format!("{} (inline)", p.name)))
                .collect();
            if !direct.is_empty() {
                findings.push(
                    Finding::info(msg!(
                        "iam-group-members-direct-policies",
                        user = &user.name,
                        policies = crate::Localized::new(direct.join(", "), direct.join("`, `"))
                    ))
                    .resource(user.arn.clone())
                    .found(direct.join(", "))
                    .hint(msg!("iam-group-members-user-policies-attached-straight-hint", user = &user.name)),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, aws_policy, iam_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { groups = ["infra", "devops"] }
    }

    #[test]
    fn empty_fails_solved_passes() {
        assert_eq!(statuses(&run("iam_group_members", args(), &Builder::empty().build())), [Fail, Fail]);
        let f = run("iam_group_members", args(), &iam_solved().build());
        assert_eq!(statuses(&f), [Pass, Pass]);
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
    }

    #[test]
    fn an_empty_group_fails_and_a_direct_policy_is_info_naming_it() {
        let mut b = iam_solved();
        b.user("bob").groups.clear();
        b.user("alice").attached_policies.push(aws_policy("AmazonEC2FullAccess"));
        let f = run("iam_group_members", args(), &b.build());
        assert_eq!(statuses(&f), [Pass, Fail, Info, Info]);
        assert!(f[2].message.en.contains("AmazonEC2FullAccess"), "{}", f[2].message.en);
        assert!(f[3].resource.as_deref().unwrap().ends_with("user/bob"));
        for x in &f[1..] {
            assert_eq!(crate::english_words(&x.message.ko), Vec::<String>::new(), "{}", x.message.ko);
        }
    }

    #[test]
    fn many_users() {
        let mut b = iam_solved();
        for i in 0..20 {
            b.iam_user(&format!("dev-{i}"), &["devops"], false);
        }
        let f = run("iam_group_members", args(), &b.build());
        assert_eq!(statuses(&f), [Pass, Pass]);
        assert!(f[1].found.as_deref().unwrap().contains("dev-19"));
    }
}
