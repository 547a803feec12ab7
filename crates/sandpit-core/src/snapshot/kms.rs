//! AWS KMS keys.

use serde::{Deserialize, Serialize};

/// A KMS key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KmsKey {
    /// The key id (a UUID).
    pub id: String,
    /// The key ARN.
    pub arn: String,
    /// `CUSTOMER` (yours) or `AWS` (an AWS-managed key such as `aws/rds`).
    pub manager: String,
    /// `Enabled`, `Disabled`, `PendingDeletion`, …
    pub state: String,
    /// Its aliases (`alias/lab-rds`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Set when this one key could not be read in full (its detail call was denied or failed):
    /// what was listed is here, and checks that need the rest say why they cannot judge it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<super::CollectError>,
}
