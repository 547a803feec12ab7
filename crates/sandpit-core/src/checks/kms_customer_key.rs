//! `kms_customer_key` — an enabled customer-managed KMS key answers to the alias.

use serde::Deserialize;

use super::expect::Expectation;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "kms_customer_key",
    description: "The alias points at an enabled, customer-managed KMS key.",
    needs: &[ResourceKind::KmsKeys],
    build: build::<CustomerKey>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomerKey {
    alias: String,
}

impl Check for CustomerKey {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let alias = if self.alias.starts_with("alias/") {
            self.alias.clone()
        } else {
            format!("alias/{}", self.alias)
        };
        let mut advice = Vec::new();
        let key = match snap.kms_keys.iter().find(|k| k.aliases.contains(&alias)) {
            Some(key) => Some(key),
            None => {
                // The alias is a name: an enabled customer-managed key with an alias of its own
                // does the job (the encryption step says whether the database uses it).
                let mine: Vec<(&crate::snapshot::KmsKey, &str)> = snap
                    .kms_keys
                    .iter()
                    .filter(|k| k.manager == "CUSTOMER" && k.state == "Enabled" && k.unreadable.is_none())
                    .filter_map(|k| crate::layout::own_alias(k).map(|a| (k, a)))
                    .collect();
                mine.first().map(|(k, a)| {
                    let others: Vec<&str> = mine.iter().skip(1).map(|(_, a)| *a).collect();
                    let more = if others.is_empty() {
                        crate::Localized::default()
                    } else {
                        msg!("kms-customer-key-other-aliases", aliases = others.join(", "))
                    };
                    advice.push(
                        Finding::info(msg!(
                            "kms-customer-key-no-key-alias-your",
                            alias = &alias,
                            key = &k.id,
                            alias2 = &a,
                            more = &more
                        ))
                        .resource(k.id.clone())
                        .expected(alias.clone())
                        .found((*a).to_owned())
                        .hint(msg!("kms-customer-key-no-key-alias-your-hint", alias = &a)),
                    );
                    *k
                })
            }
        };
        let Some(key) = key else {
            let customer: Vec<String> = snap
                .kms_keys
                .iter()
                .filter(|k| k.manager == "CUSTOMER")
                .map(|k| format!("{} {}", k.id, k.aliases.join(" ")))
                .collect();
            return vec![
                Finding::fail(msg!("kms-customer-key-no-kms-key-alias", alias = &alias))
                    .expected(format!("a customer-managed key with alias {alias}"))
                    .found(if customer.is_empty() {
                        "no customer-managed key".to_owned()
                    } else {
                        customer.join(", ")
                    })
                    .hint(msg!("kms-customer-key-no-kms-key-alias-hint", alias = &alias)),
            ];
        };
        if let Some(error) = &key.unreadable {
            let what = msg!("kms-customer-key-unreadable", key = &key.id, alias = &alias);
            return vec![crate::engine::denial_finding(what, error).resource(key.id.clone())];
        }
        if key.manager != "CUSTOMER" {
            return vec![
                Finding::fail(msg!("kms-customer-key-aws-managed-key-you", alias = &alias))
                    .resource(key.id.clone())
                    .expected("KeyManager CUSTOMER")
                    .found(format!("KeyManager {}", key.manager)),
            ];
        }
        if key.state != "Enabled" {
            return vec![
                Finding::fail(msg!(
                    "kms-customer-key-nothing-encrypt-decrypt",
                    key = &key.id,
                    alias = &alias,
                    state = &key.state
                ))
                .resource(key.id.clone())
                .expected("Enabled")
                .found(key.state.clone())
                .hint(msg!("kms-customer-key-nothing-encrypt-decrypt-hint")),
            ];
        }
        let called = if key.aliases.contains(&alias) {
            alias.clone()
        } else {
            crate::layout::own_alias(key).unwrap_or_default().to_owned()
        };
        let mut findings = vec![
            Finding::pass(msg!(
                "kms-customer-key-customer-managed-key-enabled",
                key = &key.id,
                called = &called
            ))
            .resource(key.id.clone())
            .found(format!("{} {}", key.manager, key.state)),
        ];
        findings.extend(advice);
        findings
    }
}

#[cfg(test)]
mod tests {
    use crate::snapshot::CollectError;

    #[test]
    fn a_key_whose_policy_refuses_describe_key_is_an_error_not_a_failure() {
        let mut b = super::super::fixtures::Builder::empty();
        b.kms_key("alias/someone-elses", "CUSTOMER");
        b.kms_key("alias/lab-rds", "CUSTOMER");
        let denied = CollectError::Denied {
            action: "kms:DescribeKey".into(),
            managed_policy: "SecurityAudit".into(),
            message: "AccessDeniedException".into(),
        };
        // Another team's key the learner may not describe changes nothing.
        b.snapshot().kms_keys.items_mut().unwrap()[0].unreadable = Some(denied.clone());
        let args = toml::toml! { alias = "alias/lab-rds" };
        assert_eq!(statuses(&run("kms_customer_key", args.clone(), b.snapshot())), [Pass]);
        // The lab's own key, unreadable: cannot be judged, and the denied action is named.
        b.snapshot().kms_keys.items_mut().unwrap()[1].unreadable = Some(denied);
        let f = run("kms_customer_key", args, b.snapshot());
        assert_eq!(statuses(&f), [Error]);
        assert!(
            f[0].message.en.contains("kms:DescribeKey")
                && f[0].hint.as_ref().unwrap().en.contains("SecurityAudit")
        );
    }

    use super::super::fixtures::{Builder, rds_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { alias = "alias/lab-rds" }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("kms_customer_key", args(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes_even_without_the_alias_prefix() {
        let (b, _) = rds_solved();
        let snap = b.build();
        assert_eq!(statuses(&run("kms_customer_key", args(), &snap)), [Pass]);
        assert_eq!(statuses(&run("kms_customer_key", toml::toml! { alias = "lab-rds" }, &snap)), [Pass]);
    }

    #[test]
    fn an_aws_managed_or_disabled_key_fails() {
        let (mut b, _) = rds_solved();
        b.snapshot().kms_keys.items_mut().unwrap()[0].manager = "AWS".into();
        assert_eq!(statuses(&run("kms_customer_key", args(), &b.build())), [Fail]);
        let (mut b, _) = rds_solved();
        b.snapshot().kms_keys.items_mut().unwrap()[0].state = "PendingDeletion".into();
        let f = run("kms_customer_key", args(), &b.build());
        assert_eq!(f[0].found.as_deref(), Some("PendingDeletion"));
    }

    #[test]
    fn a_customer_key_under_another_alias_passes_with_the_param_to_name_it() {
        let mut b = Builder::empty();
        b.kms_key("alias/aws/rds", "AWS");
        let mine = b.kms_key("alias/team7-mysql", "CUSTOMER");
        let f = run("kms_customer_key", args(), b.snapshot());
        assert_eq!(statuses(&f), [Pass, Info]);
        assert_eq!(f[0].resource.as_deref(), Some(mine.as_str()));
        assert!(f[1].hint.as_ref().unwrap().en.contains("--param key_alias=alias/team7-mysql"));
        assert_eq!(crate::english_words(&f[1].message.ko), Vec::<String>::new(), "{}", f[1].message.ko);
        // Only AWS-managed keys, or a disabled one of yours: still no key of your own.
        let mut b = Builder::empty();
        b.kms_key("alias/aws/rds", "AWS");
        let off = b.kms_key("alias/old", "CUSTOMER");
        b.snapshot().kms_keys.items_mut().unwrap().iter_mut().find(|k| k.id == off).unwrap().state =
            "Disabled".into();
        assert_eq!(statuses(&run("kms_customer_key", args(), b.snapshot())), [Fail]);
    }

    #[test]
    fn many_keys_the_alias_decides() {
        let (mut b, _) = rds_solved();
        for i in 0..30 {
            b.kms_key(&format!("alias/other-{i}"), "CUSTOMER");
        }
        assert_eq!(statuses(&run("kms_customer_key", args(), &b.build())), [Pass]);
    }
}
