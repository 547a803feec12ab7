//! The checker's least-privilege IAM policy, generated from the calls the collectors make.
//!
//! Two files ship it, checked in so people can read and deploy them: the policy itself
//! (`labs/policies/sandpit-checker.json`) and the classroom role template
//! (`labs/classroom/sandpit-readonly-role.yaml`), whose inline policy lists the same actions.
//! Both are generated from the resource-kind table: `make policy` rewrites them (it runs this
//! module's drift tests with `SANDPIT_BLESS=1`), and without it those tests fail, naming the
//! command, so neither file is edited by hand or drifts from the calls the code really makes.

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

/// The command that rewrites the files generated from the kind table, for messages that say
/// they are stale.
pub const REGENERATE: &str = "make policy";

/// `template` (the classroom role template's text) with its inline policy's action list
/// replaced by [`checker_actions`]; everything else in the file is kept as written. The list is
/// the `Action:` block of the statement `SandpitCheckerReadOnly`, one `- action` a line.
///
/// # Panics
/// When the template has no such block (the file was restructured: this function must follow).
pub fn role_template_text(template: &str) -> String {
    let lines: Vec<&str> = template.lines().collect();
    let statement = lines
        .iter()
        .position(|l| l.trim() == "- Sid: SandpitCheckerReadOnly")
        .expect("the role template has the statement SandpitCheckerReadOnly");
    let action = statement
        + lines[statement..]
            .iter()
            .position(|l| l.trim() == "Action:")
            .expect("the statement SandpitCheckerReadOnly has an Action: list");
    let indent = lines[action].len() - lines[action].trim_start().len() + 2;
    let end = action
        + 1
        + lines[action + 1..]
            .iter()
            .take_while(|l| l.trim_start().starts_with("- ") && l.len() - l.trim_start().len() == indent)
            .count();
    let generated = checker_actions().into_iter().map(|a| format!("{:indent$}- {a}", ""));
    let mut out: Vec<String> = lines[..=action].iter().map(|l| (*l).to_owned()).collect();
    out.extend(generated);
    out.extend(lines[end..].iter().map(|l| (*l).to_owned()));
    let mut text = out.join("\n");
    if template.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file generated from the kind table: rewritten under `SANDPIT_BLESS=1` (`make policy`),
    /// else compared with what it should be.
    fn generated_file(relative: &str, generate: impl FnOnce(&str) -> String) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative);
        let shipped = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
        let generated = generate(&shipped);
        if std::env::var_os("SANDPIT_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("write {relative}: {e}"));
            return;
        }
        assert_eq!(
            shipped, generated,
            "{relative} is stale: regenerate it with `{REGENERATE}` (SANDPIT_BLESS=1 cargo test --workspace --lib policy::)"
        );
    }

    #[test]
    fn the_shipped_policy_is_the_generated_one() {
        generated_file("labs/policies/sandpit-checker.json", |_| checker_policy_text());
    }

    #[test]
    fn the_shipped_role_template_lists_the_generated_actions() {
        generated_file("labs/classroom/sandpit-readonly-role.yaml", role_template_text);
    }

    #[test]
    fn the_role_template_generator_replaces_only_the_action_list() {
        let template = "a: 1\n  - Sid: SandpitCheckerReadOnly\n    Action:\n      - old:Action\n      - old:Other\n    Resource: \"*\"\nb: 2\n";
        let text = role_template_text(template);
        let expected: String = checker_actions().iter().map(|a| format!("      - {a}\n")).collect();
        assert_eq!(
            text,
            format!(
                "a: 1\n  - Sid: SandpitCheckerReadOnly\n    Action:\n{expected}    Resource: \"*\"\nb: 2\n"
            )
        );
        assert_eq!(role_template_text(&text), text, "generating again changes nothing");
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
