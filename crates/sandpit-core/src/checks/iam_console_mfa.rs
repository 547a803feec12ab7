//! `iam_console_mfa` — every user who can sign in to the console has an MFA device.

use serde::Deserialize;

use super::expect::Expectation;
use super::{Check, CheckKind, build};
use crate::engine::denial_finding;
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "iam_console_mfa",
    description: "Every IAM user with a console password has an MFA device.",
    needs: &[ResourceKind::IamUsers],
    build: build::<ConsoleMfa>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsoleMfa {}

impl Check for ConsoleMfa {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut with_mfa = Vec::new();
        for user in snap.iam_users.iter() {
            if let Some(error) = &user.unreadable {
                findings.push(
                    denial_finding(msg!("iam-console-mfa-unreadable-user", user = &user.name), error)
                        .resource(user.arn.clone()),
                );
                continue;
            }
            if user.console_access != Some(true) {
                continue;
            }
            if user.mfa_devices.is_empty() {
                findings.push(
                    Finding::fail(msg!("iam-console-mfa-user-signs-console-password", user = &user.name))
                        .resource(user.arn.clone())
                        .expected("an MFA device")
                        .found("no MFA device")
                        .hint(msg!("iam-console-mfa-user-signs-console-password-hint", user = &user.name)),
                );
            } else {
                with_mfa.push(user.name.as_str());
            }
        }
        if findings.iter().all(|f| f.status == crate::report::FindingStatus::Info) {
            findings.insert(
                0,
                if with_mfa.is_empty() {
                    Finding::pass(msg!("iam-console-mfa-no-iam-user-signs"))
                } else {
                    Finding::pass(msg!(
                        "iam-console-mfa-every-user",
                        users = crate::Localized::new(with_mfa.join(", "), with_mfa.len().to_string())
                    ))
                    .found(with_mfa.join(", "))
                },
            );
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, iam_solved, run, statuses};
    use crate::report::FindingStatus::*;
    use crate::snapshot::CollectError;

    #[test]
    fn empty_and_solved_pass() {
        assert_eq!(statuses(&run("iam_console_mfa", toml::Table::new(), &Builder::empty().build())), [Pass]);
        let f = run("iam_console_mfa", toml::Table::new(), &iam_solved().build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new());
    }

    #[test]
    fn a_console_user_without_mfa_fails_by_name_and_unreadable_users_error() {
        let mut b = iam_solved();
        b.user("bob").mfa_devices.clear();
        let f = run("iam_console_mfa", toml::Table::new(), b.snapshot());
        assert_eq!(statuses(&f), [Fail]);
        assert!(f[0].resource.as_deref().unwrap().ends_with("user/bob"));
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
        b.user("alice").unreadable = Some(CollectError::Denied {
            action: "iam:ListMFADevices".into(),
            managed_policy: "IAMReadOnlyAccess".into(),
            message: "no".into(),
        });
        let f = run("iam_console_mfa", toml::Table::new(), &b.build());
        assert_eq!(statuses(&f), [Error, Fail]);
    }

    #[test]
    fn many_users_without_console_need_no_mfa() {
        let mut b = iam_solved();
        for i in 0..15 {
            b.iam_user(&format!("ci-{i}"), &[], false);
        }
        assert_eq!(statuses(&run("iam_console_mfa", toml::Table::new(), &b.build())), [Pass]);
    }
}
