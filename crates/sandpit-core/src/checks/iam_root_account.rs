//! `iam_root_account` — the root user has MFA and no access keys (`iam:GetAccountSummary`):
//! root can do anything, close the account included, and no policy limits it.

use serde::Deserialize;

use super::expect::Expectation;
use super::{Check, CheckKind, build};
use crate::l10n;
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
            return vec![Finding::error(l10n!(
                en: "IAM did not say anything about the root user";
                ko: "IAM이 루트 사용자에 대해 아무것도 알려 주지 않았습니다"
            ))];
        };
        let mut findings = Vec::new();
        if !summary.root_mfa {
            findings.push(
                Finding::fail(l10n!(
                    en: "the root user has no MFA: its password alone opens everything, billing and account closure included";
                    ko: "루트 사용자에게 MFA가 없습니다. 비밀번호 하나로 결제와 계정 해지까지 모든 것이 열립니다"
                ))
                .resource(root.clone())
                .expected("AccountMFAEnabled 1")
                .found("AccountMFAEnabled 0")
                .hint(l10n!(
                    en: "Sign in as root → account menu → Security credentials → Assign MFA device.";
                    ko: "루트로 로그인 → 계정 메뉴 → 보안 자격 증명 → MFA 디바이스 할당."
                )),
            );
        }
        if summary.root_access_keys {
            findings.push(
                Finding::fail(l10n!(
                    en: "the root user has access keys: a key that leaks cannot be limited by any policy";
                    ko: "루트 사용자에게 액세스 키가 있습니다. 그 키가 새면 어떤 정책으로도 막을 수 없습니다"
                ))
                .resource(root.clone())
                .expected("AccountAccessKeysPresent 0")
                .found("AccountAccessKeysPresent 1")
                .hint(l10n!(
                    en: "Sign in as root → Security credentials → Access keys → deactivate, then delete them; use IAM users or roles instead.";
                    ko: "루트로 로그인 → 보안 자격 증명 → 액세스 키 → 비활성화 후 삭제하고, IAM 사용자나 역할을 쓰세요."
                )),
            );
        }
        if findings.is_empty() {
            findings.push(
                Finding::pass(l10n!(
                    en: "the root user has MFA and no access keys";
                    ko: "루트 사용자에게 MFA가 있고 액세스 키는 없습니다"
                ))
                .resource(root),
            );
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
