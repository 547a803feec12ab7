//! Amazon EventBridge: rules of the default event bus and their targets.

use serde::{Deserialize, Serialize};

use super::CollectError;

/// An EventBridge rule with its targets (`ListTargetsByRule`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRule {
    /// Its name.
    pub name: String,
    /// Its ARN.
    #[serde(default)]
    pub arn: String,
    /// `ENABLED` or `DISABLED`.
    #[serde(default)]
    pub state: String,
    /// The event pattern it matches (JSON), for rules that match events.
    #[serde(default)]
    pub event_pattern: Option<String>,
    /// The schedule, for rules that run on one.
    #[serde(default)]
    pub schedule: Option<String>,
    /// Where matching events go.
    #[serde(default)]
    pub targets: Vec<EventTarget>,
    /// Set when its targets could not be read (the rule was listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<CollectError>,
}

/// A target of a rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTarget {
    /// Its id within the rule.
    pub id: String,
    /// The ARN of what it delivers to (an SNS topic, a Lambda function, …).
    pub arn: String,
}
