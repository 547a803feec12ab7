//! The checker's least-privilege IAM policy, generated from the calls the collectors make.
//!
//! `labs/policies/sandpit-checker.json` is this policy, checked in so people can read and deploy
//! it; a test keeps the file and [`checker_policy`] identical, so the policy cannot drift from the
//! calls the code really makes.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::snapshot::ResourceKind;

/// Calls every check makes besides collecting: who am I.
const ALWAYS: &[&str] = &["sts:GetCallerIdentity"];

/// Every IAM action the checker may call, sorted.
pub fn checker_actions() -> Vec<&'static str> {
    let actions: BTreeSet<&str> = ResourceKind::ALL
        .iter()
        .flat_map(|k| k.iam_actions().iter().copied())
        .chain(ALWAYS.iter().copied())
        .collect();
    actions.into_iter().collect()
}

/// The read-only policy document that lets Sandpit check every lab.
pub fn checker_policy() -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "SandpitCheckerReadOnly",
            "Effect": "Allow",
            "Action": checker_actions(),
            "Resource": "*"
        }]
    })
}

/// The shipped policy file's text.
pub fn checker_policy_text() -> String {
    let mut text = serde_json::to_string_pretty(&checker_policy()).expect("a JSON value serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_policy_is_the_generated_one() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../labs/policies/sandpit-checker.json");
        let shipped = std::fs::read_to_string(path).expect("labs/policies/sandpit-checker.json");
        assert_eq!(
            shipped,
            checker_policy_text(),
            "labs/policies/sandpit-checker.json is stale: regenerate it with `sandpit policy > labs/policies/sandpit-checker.json`"
        );
    }

    #[test]
    fn the_policy_only_reads() {
        for action in checker_actions() {
            let verb = action.split(':').nth(1).unwrap();
            assert!(
                ["Describe", "List", "Get", "View"].iter().any(|p| verb.starts_with(p)),
                "{action} is not a read-only action"
            );
        }
    }
}
