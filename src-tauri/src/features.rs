//! The library functions other issues add, in one place: each is called through a clearly
//! named function here.
//!
//! - [`ensure_budget_guard`] → `sandpit budget ensure` (`Aws::plan_guard` + `Aws::apply_guard`).
//! - [`cost_report`] → `sandpit cost`: the live cost meter and teardown plan
//!   (`sandpit_core::cost::meter` over what `sandpit-aws` reads).
//! - [`practice_start`] → `sandpit practice start`, the local practice sandbox
//!   (`sandpit-practice`), and [`with_practice`], which points checks at it as the CLI does.

use chrono::Utc;
use sandpit_aws::{Aws, Identity};
use sandpit_core::budget::{GUARD_NAME, GuardRequest, Subscriber};
use sandpit_core::cost::{self, FinalSnapshot, PriceTable};
use sandpit_core::snapshot::Snapshot;

use crate::error::UiError;

/// Whether [`cost_report`] is wired.
pub const COST_AVAILABLE: bool = true;
/// Whether [`ensure_budget_guard`] is wired.
pub const BUDGET_ENSURE_AVAILABLE: bool = true;
/// Whether [`practice_start`] is wired.
pub const PRACTICE_AVAILABLE: bool = true;

/// Creates or converges the budget guard (`sandpit-guard`: COST, MONTHLY, `limit` USD, the four
/// alerts to `email`), as `sandpit budget ensure --limit LIMIT --email EMAIL` does. Writes to
/// the account; returns how many changes were made.
pub async fn ensure_budget_guard(
    aws: &Aws,
    identity: &Identity,
    limit: f64,
    email: &str,
) -> Result<usize, UiError> {
    let subscriber = Subscriber::email(email).map_err(|e| UiError::field("email", e.to_string()))?;
    let request = GuardRequest::new(GUARD_NAME, limit, "USD", vec![subscriber])
        .map_err(|e| UiError::field("limit", e.to_string()))?;
    let plan = aws.plan_guard(&identity.account, &request).await?;
    let changes = plan.changes.len();
    aws.apply_guard(&identity.account, &request, plan).await?;
    Ok(changes)
}

/// The message while one-click budget guard creation is not wired: the command that does it.
pub fn budget_ensure_unavailable(limit: f64, email: &str) -> UiError {
    UiError::unavailable(format!(
        "Creating the budget guard from the app is not available in this build. Run: sandpit budget ensure --limit {limit} --email {email}"
    ))
}

/// The live cost meter, as `sandpit cost --json`: billable resources running now, their
/// estimated cost, and the teardown plan.
pub fn cost_report(snapshot: &Snapshot) -> Result<serde_json::Value, UiError> {
    let report = cost::meter(snapshot, PriceTable::builtin(), FinalSnapshot::Skip, Utc::now());
    serde_json::to_value(&report).map_err(|e| UiError::input(e.to_string()))
}

/// The message while the cost meter is not wired.
pub fn cost_unavailable() -> UiError {
    UiError::unavailable("The live cost meter is not available in this build (it comes with `sandpit cost`).")
}

/// Starts the local practice sandbox of `data_dir` (installing the emulator on first use) and
/// returns its endpoint; from then on [`with_practice`] points checks at it.
pub fn practice_start(data_dir: &std::path::Path) -> Result<String, UiError> {
    let sandbox = sandpit_practice::Practice::new(data_dir)
        .start(None, &mut |_| {})
        .map_err(|e| UiError::input(e.to_string()))?;
    Ok(sandbox.endpoint)
}

/// `settings` pointed at the running practice sandbox when no endpoint is configured, exactly
/// as the CLI does (`commands::connect`): its endpoint, its credentials, its region by default.
pub fn with_practice(
    mut settings: sandpit_aws::AwsSettings,
    data_dir: &std::path::Path,
) -> sandpit_aws::AwsSettings {
    if settings.endpoint_url.is_none()
        && let Some(sandbox) = sandpit_practice::Practice::new(data_dir).status()
    {
        settings.endpoint_url = Some(sandbox.endpoint);
        settings.static_credentials =
            Some((sandpit_practice::ACCESS_KEY.to_owned(), sandpit_practice::SECRET_KEY.to_owned()));
        settings.region.get_or_insert_with(|| sandpit_practice::REGION.to_owned());
    }
    settings
}
