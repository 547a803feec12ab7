//! `iam_group_access` — a team role's group grants what the role needs, judged from what its
//! policies allow (not their names): `full` groups must be able to do every action of `actions`;
//! `read-only` groups must be able to read `actions` and change nothing.

use serde::Deserialize;

use super::expect::Expectation;
use super::iam_common::{Carried, carried, find_group};
use super::{Check, CheckKind, build};
use crate::iam_policy::{Decision, decide};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "iam_group_access",
    description: "IAM group `group` can do every one of `actions`; with `access = \"read-only\"` none of its policies may change anything. `suggest` names the AWS managed policies the hint proposes.",
    needs: &[ResourceKind::IamGroups, ResourceKind::IamPolicies],
    build: build::<GroupAccess>,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Access {
    Full,
    ReadOnly,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupAccess {
    group: String,
    access: Access,
    actions: Vec<String>,
    suggest: Vec<String>,
}

impl GroupAccess {
    fn attach_hint(&self) -> crate::Localized {
        let commands: Vec<String> = self
            .suggest
            .iter()
            .map(|p| {
                format!(
                    "aws iam attach-group-policy --group-name {} --policy-arn arn:aws:iam::aws:policy/{p}",
                    self.group
                )
            })
            .collect();
        // Commands read the same in every language.
        let commands = commands.join(" ; ");
        crate::Localized::new(commands.clone(), commands)
    }
}

impl Check for GroupAccess {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let Some(group) = find_group(snap, &self.group) else {
            let names: Vec<&str> = snap.iam_groups.iter().map(|g| g.name.as_str()).collect();
            return vec![
                Finding::fail(msg!("iam-group-access-no-iam-group", group = &self.group))
                    .expected(format!("group {}", self.group))
                    .found(if names.is_empty() { "no group".to_owned() } else { names.join(", ") })
                    .hint(msg!("iam-group-access-no-iam-group-hint", group = &self.group)),
            ];
        };
        let policies: Vec<Carried> = carried(snap, &group.attached_policies, &group.inline_policies);
        let statements: Vec<_> =
            policies.iter().filter_map(|p| p.policy.as_ref()).flat_map(|p| p.statements.clone()).collect();
        let names: Vec<&str> = policies.iter().map(|p| p.name.as_str()).collect();
        let found = if names.is_empty() { "no policy".to_owned() } else { names.join(", ") };
        let mut findings = Vec::new();
        let missing: Vec<&str> =
            self.actions.iter().map(String::as_str).filter(|a| !decide(&statements, a).allows()).collect();
        if !missing.is_empty() {
            findings.push(
                Finding::fail(msg!(
                    "iam-group-access-group-cannot-policies-do",
                    group = &group.name,
                    missing = missing.join(", "),
                    found = &found
                ))
                .resource(group.arn.clone())
                .expected(self.actions.join(", "))
                .found(found.clone())
                .hint(self.attach_hint()),
            );
        }
        if self.access == Access::ReadOnly {
            for p in &policies {
                let writes = p.policy.as_ref().is_none_or(|p| p.may_write());
                if writes {
                    findings.push(
                        Finding::fail(if p.policy.is_some() {
                            msg!(
                                "iam-group-access-read-only-policy-writes",
                                group = &group.name,
                                policy = &p.name
                            )
                        } else {
                            msg!(
                                "iam-group-access-read-only-policy-unknown",
                                group = &group.name,
                                policy = &p.name
                            )
                        })
                        .resource(group.arn.clone())
                        .expected("read-only policies")
                        .found(p.name.clone())
                        .hint(msg!("iam-group-access-group-meant-only-read-hint", group = &group.name)),
                    );
                }
            }
        }
        if findings.is_empty() {
            let what = match self.access {
                Access::Full => msg!("iam-group-access-change-what-owns"),
                Access::ReadOnly => {
                    msg!("iam-group-access-read-change-nothing")
                }
            };
            findings.push(
                Finding::pass(msg!(
                    "iam-group-access-group-can",
                    group = &group.name,
                    what = &what,
                    found = &found
                ))
                .resource(group.arn.clone())
                .found(found.clone()),
            );
            if self.access == Access::Full && decide(&statements, "iam:CreateUser") == Decision::Allowed {
                findings.push(
                    Finding::info(msg!(
                        "iam-group-access-group-also-change-iam",
                        group = &group.name,
                        found = &found
                    ))
                    .resource(group.arn.clone()),
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
    use crate::snapshot::InlinePolicy;

    fn infra() -> toml::Table {
        toml::toml! {
            group = "infra"
            access = "full"
            actions = ["ec2:CreateVpc", "ec2:RunInstances"]
            suggest = ["AmazonVPCFullAccess", "AmazonEC2FullAccess"]
        }
    }

    fn devops() -> toml::Table {
        toml::toml! {
            group = "devops"
            access = "read-only"
            actions = ["ec2:DescribeInstances"]
            suggest = ["ReadOnlyAccess"]
        }
    }

    #[test]
    fn empty_fails_solved_passes() {
        assert_eq!(statuses(&run("iam_group_access", infra(), &Builder::empty().build())), [Fail]);
        let snap = iam_solved().build();
        assert_eq!(statuses(&run("iam_group_access", infra(), &snap)), [Pass]);
        let f = run("iam_group_access", devops(), &snap);
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
    }

    #[test]
    fn judged_by_what_the_policies_allow() {
        // VPC full access alone cannot launch instances.
        let mut b = iam_solved();
        b.iam_group_mut("infra").attached_policies = vec![aws_policy("AmazonVPCFullAccess")];
        let f = run("iam_group_access", infra(), b.snapshot());
        assert_eq!(statuses(&f), [Fail]);
        assert!(f[0].message.en.contains("ec2:RunInstances"), "{}", f[0].message.en);
        // An inline policy with ec2:* does the job whatever it is called.
        b.iam_group_mut("infra").inline_policies = vec![InlinePolicy {
            name: "anything".into(),
            document: r#"{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}"#.into(),
        }];
        assert_eq!(statuses(&run("iam_group_access", infra(), b.snapshot())), [Pass]);
        // AdministratorAccess passes with the note about IAM.
        b.iam_group_mut("infra").attached_policies = vec![aws_policy("AdministratorAccess")];
        assert_eq!(statuses(&run("iam_group_access", infra(), &b.build())), [Pass, Info]);
    }

    #[test]
    fn a_read_only_group_with_a_writing_policy_fails_naming_it() {
        let mut b = iam_solved();
        b.iam_group_mut("devops").attached_policies.push(aws_policy("AmazonEC2FullAccess"));
        let f = run("iam_group_access", devops(), &b.build());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(f[0].found.as_deref(), Some("AmazonEC2FullAccess"));
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
    }

    #[test]
    fn many_groups_and_policies() {
        let mut b = iam_solved();
        for i in 0..10 {
            b.iam_group(&format!("team-{i}"), &["ReadOnlyAccess"]);
        }
        b.iam_group_mut("devops").attached_policies.push(aws_policy("AmazonRDSReadOnlyAccess"));
        b.iam_group_mut("devops").attached_policies.push(aws_policy("AWSBillingReadOnlyAccess"));
        assert_eq!(statuses(&run("iam_group_access", devops(), &b.build())), [Pass]);
    }
}
