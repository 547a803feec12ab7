//! `iam_root_account` — the root user has MFA and no access keys (`iam:GetAccountSummary`):
//! root can do anything, close the account included, and no policy limits it.

use serde::Deserialize;

use super::expect::Expectation;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "iam_root_account",
    description: "The root user has MFA enabled and no access keys.",
    needs: &[ResourceKind::IamAccountSummary],
    build: build::<RootAccount>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RootAccount {}

impl Check for RootAccount {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let root =
            snap.account.as_ref().map_or_else(|| "root".to_owned(), |a| format!("arn:aws:iam::{a}:root"));
        let Some(summary) = snap.iam_account_summary.iter().next() else {
            return vec![Finding::error(msg!("iam-root-account-unknown"))];
        };
        let mut findings = Vec::new();
        if !summary.root_mfa {
            findings.push(
                Finding::fail(msg!("iam-root-account-root-user-no-mfa"))
                    .resource(root.clone())
                    .expected("AccountMFAEnabled 1")
                    .found("AccountMFAEnabled 0")
                    .hint(msg!("iam-root-account-root-user-no-mfa-hint")),
            );
        }
        if summary.root_access_keys {
            findings.push(
                Finding::fail(msg!("iam-root-account-root-user-access-keys"))
                    .resource(root.clone())
                    .expected("AccountAccessKeysPresent 0")
                    .found("AccountAccessKeysPresent 1")
                    .hint(msg!("iam-root-account-root-user-access-keys-hint")),
            );
        }
        if findings.is_empty() {
            findings.push(Finding::pass(msg!("iam-root-account-root-user-mfa-no")).resource(root));
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, iam_solved, run, statuses};
    use crate::report::FindingStatus::*;

    #[test]
    fn empty_errors_solved_passes() {
        assert_eq!(
            statuses(&run("iam_root_account", toml::Table::new(), &Builder::empty().build())),
            [Error]
        );
        let f = run("iam_root_account", toml::Table::new(), &iam_solved().build());
        assert_eq!(
            (statuses(&f), f[0].resource.as_deref()),
            (vec![Pass], Some("arn:aws:iam::123456789012:root"))
        );
    }

    #[test]
    fn no_mfa_and_keys_both_fail() {
        let mut b = iam_solved();
        let s = &mut b.snapshot().iam_account_summary.items_mut().unwrap()[0];
        s.root_mfa = false;
        s.root_access_keys = true;
        let f = run("iam_root_account", toml::Table::new(), &b.build());
        assert_eq!(statuses(&f), [Fail, Fail]);
        for x in &f {
            assert_eq!(crate::english_words(&x.message.ko), Vec::<String>::new(), "{}", x.message.ko);
        }
    }

    #[test]
    fn many_summaries_the_first_counts() {
        let mut b = iam_solved();
        let first = b.snapshot().iam_account_summary.items().unwrap()[0].clone();
        for _ in 0..3 {
            b.snapshot().iam_account_summary.items_mut().unwrap().push(first.clone());
        }
        assert_eq!(statuses(&run("iam_root_account", toml::Table::new(), &b.build())), [Pass]);
    }
}
