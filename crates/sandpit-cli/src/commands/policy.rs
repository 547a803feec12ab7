//! `sandpit policy`

use crate::exit::{CmdResult, Outcome};

/// Prints the checker's least-privilege read-only IAM policy (the same JSON as
/// `labs/policies/sandpit-checker.json`).
pub(crate) fn run() -> CmdResult {
    print!("{}", sandpit_core::policy::checker_policy_text());
    Ok(Outcome::Success)
}
