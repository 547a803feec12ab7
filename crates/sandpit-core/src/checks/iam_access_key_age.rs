//! `iam_access_key_age` — advice: active access keys older than `max_days` are named (info, not a
//! failure): a long-lived key has had the longest time to leak, so keys are rotated.

use serde::Deserialize;

use super::expect::Expectation;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "iam_access_key_age",
    description: "Advice: active IAM access keys older than `max_days` (at the time the account was read) are info.",
    needs: &[ResourceKind::IamUsers],
    build: build::<KeyAge>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyAge {
    max_days: i64,
}

impl Check for KeyAge {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let active: Vec<(&str, &crate::snapshot::AccessKey)> = snap
            .iam_users
            .iter()
            .flat_map(|u| u.access_keys.iter().map(move |k| (u.name.as_str(), k)))
            .filter(|(_, k)| k.status == "Active")
            .collect();
        let mut findings = vec![Finding::pass(msg!(
            "iam-access-key-age-active-access-key-s",
            active_count = active.len(),
            max_days = &self.max_days
        ))];
        // Ages are counted to when the account was read, so a saved snapshot says the same later.
        let Some(now) = snap.collected_at else { return findings };
        for (user, key) in active {
            let Some(created) = key.created_at else { continue };
            let days = (now - created).num_days();
            if days > self.max_days {
                findings.push(
                    Finding::info(msg!(
                        "iam-access-key-age-access-key-days-old",
                        key = &key.id,
                        user = &user,
                        days = &days
                    ))
                    .resource(key.id.clone())
                    .expected(format!("≤ {} days", self.max_days))
                    .found(format!("{days} days"))
                    .hint(msg!(
                        "iam-access-key-age-access-key-days-old-hint",
                        user = &user,
                        key = &key.id
                    )),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, iam_solved, run, statuses};
    use crate::report::FindingStatus::*;
    use crate::snapshot::AccessKey;

    fn args() -> toml::Table {
        toml::toml! { max_days = 90 }
    }

    fn key(id: &str, created: &str, status: &str) -> AccessKey {
        AccessKey { id: id.into(), status: status.into(), created_at: Some(created.parse().unwrap()) }
    }

    #[test]
    fn empty_and_solved_pass() {
        assert_eq!(statuses(&run("iam_access_key_age", args(), &Builder::empty().build())), [Pass]);
        assert_eq!(statuses(&run("iam_access_key_age", args(), &iam_solved().build())), [Pass]);
    }

    #[test]
    fn an_old_active_key_is_info_an_old_inactive_one_is_not() {
        let mut b = iam_solved();
        b.user("alice").access_keys.push(key("AKIAOLD0000000000001", "2026-05-01T00:00:00Z", "Active"));
        b.user("alice").access_keys.push(key("AKIAOLD0000000000002", "2026-01-01T00:00:00Z", "Inactive"));
        b.user("alice").access_keys.push(key("AKIANEW0000000000003", "2026-11-01T00:00:00Z", "Active"));
        let f = run("iam_access_key_age", args(), &b.build());
        assert_eq!(statuses(&f), [Pass, Info]);
        assert_eq!(f[1].resource.as_deref(), Some("AKIAOLD0000000000001"));
        assert_eq!(f[1].found.as_deref(), Some("204 days"));
        assert_eq!(crate::english_words(&f[1].message.ko), Vec::<String>::new(), "{}", f[1].message.ko);
    }

    #[test]
    fn many_keys() {
        let mut b = iam_solved();
        for i in 0..30 {
            b.iam_user(&format!("svc-{i}"), &[], false);
            b.user(&format!("svc-{i}")).access_keys.push(key(
                &format!("AKIA{i:016}"),
                "2026-01-01T00:00:00Z",
                "Active",
            ));
        }
        assert_eq!(run("iam_access_key_age", args(), &b.build()).len(), 31);
    }
}
