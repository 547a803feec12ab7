//! AWS Budgets: budgets and their alerts.

use serde::{Deserialize, Serialize};

/// An AWS budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    /// Its name.
    pub name: String,
    /// `COST`, `USAGE`, `RI_UTILIZATION`, …
    pub budget_type: String,
    /// `MONTHLY`, `QUARTERLY`, `ANNUALLY`, `DAILY`.
    pub time_unit: String,
    /// The limit.
    pub limit: f64,
    /// The limit's unit (`USD`).
    pub unit: String,
    /// Spend so far this period, as AWS reports it (hours behind).
    #[serde(default)]
    pub actual_spend: Option<f64>,
    /// Forecast spend for the period.
    #[serde(default)]
    pub forecast_spend: Option<f64>,
    /// Its notifications.
    #[serde(default)]
    pub notifications: Vec<BudgetNotification>,
    /// Set when this one budget could not be read in full (its detail call was denied or failed):
    /// what was listed is here, and checks that need the rest say why they cannot judge it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<super::CollectError>,
}

/// A budget notification (an alert).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetNotification {
    /// `ACTUAL` or `FORECASTED`.
    pub notification_type: String,
    /// `GREATER_THAN`, `LESS_THAN`, `EQUAL_TO`.
    pub comparison: String,
    /// The threshold.
    pub threshold: f64,
    /// `PERCENTAGE` or `ABSOLUTE_VALUE`.
    pub threshold_type: String,
    /// Who is told (`EMAIL address`, `SNS arn`); `None` when they could not be listed.
    #[serde(default)]
    pub subscribers: Option<Vec<String>>,
    /// Why the subscribers could not be listed, when they could not.
    #[serde(default)]
    pub subscribers_unlisted: Option<String>,
}
