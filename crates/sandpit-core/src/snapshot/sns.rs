//! Amazon SNS: topics, their subscriptions and their access policy.

use serde::{Deserialize, Serialize};

use super::CollectError;

/// An SNS topic with its subscriptions and policy (`GetTopicAttributes`,
/// `ListSubscriptionsByTopic`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnsTopic {
    /// Its ARN.
    pub arn: String,
    /// Who may do what with it: the topic's access policy (JSON), when it has one.
    #[serde(default)]
    pub policy: Option<String>,
    /// Its subscriptions.
    #[serde(default)]
    pub subscriptions: Vec<SnsSubscription>,
    /// Set when its attributes or subscriptions could not be read (it was listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<CollectError>,
}

impl SnsTopic {
    /// Its name: the last part of the ARN.
    pub fn name(&self) -> &str {
        self.arn.rsplit(':').next().unwrap_or(&self.arn)
    }
}

/// A subscription of a topic.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnsSubscription {
    /// Its ARN, or `PendingConfirmation` until the endpoint confirms it.
    pub arn: String,
    /// `email`, `sms`, `lambda`, `sqs`, `https`, …
    pub protocol: String,
    /// The address, number or ARN it delivers to.
    pub endpoint: String,
}

impl SnsSubscription {
    /// Whether it still waits for the endpoint to confirm (an e-mail link not yet clicked).
    pub fn is_pending(&self) -> bool {
        self.arn == "PendingConfirmation"
    }
}
