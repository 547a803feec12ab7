//! AWS IAM: users, groups, roles, customer managed policies, and the account summary that says
//! whether the root user has MFA and access keys.
//!
//! Policy documents are kept as the JSON text IAM returns (decoded); `crate::iam_policy` reads
//! them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::CollectError;

/// A managed policy attached to a user, group or role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedPolicy {
    /// Its name (`AmazonEC2FullAccess`).
    pub name: String,
    /// Its ARN (`arn:aws:iam::aws:policy/…` for AWS managed policies).
    pub arn: String,
}

impl AttachedPolicy {
    /// Whether AWS maintains it (its ARN has no account id).
    pub fn is_aws_managed(&self) -> bool {
        self.arn.contains(":iam::aws:policy/")
    }
}

/// An inline policy, embedded in one user, group or role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlinePolicy {
    /// Its name.
    pub name: String,
    /// Its document (JSON).
    pub document: String,
}

/// An access key of a user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessKey {
    /// `AKIA…`
    pub id: String,
    /// `Active` or `Inactive`.
    pub status: String,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// An IAM user, with its groups and policies (`GetAccountAuthorizationDetails`), whether it can
/// sign in to the console (`GetLoginProfile`), its MFA devices (`ListMFADevices`) and access
/// keys (`ListAccessKeys`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IamUser {
    /// Its name.
    pub name: String,
    /// Its ARN.
    #[serde(default)]
    pub arn: String,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// The groups it is in.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Managed policies attached to the user itself.
    #[serde(default)]
    pub attached_policies: Vec<AttachedPolicy>,
    /// Inline policies of the user itself.
    #[serde(default)]
    pub inline_policies: Vec<InlinePolicy>,
    /// The ARN of its permissions boundary, if it has one.
    #[serde(default)]
    pub permissions_boundary: Option<String>,
    /// Whether it has a console password (a login profile); `None` when that could not be read.
    #[serde(default)]
    pub console_access: Option<bool>,
    /// The serial numbers (ARNs) of its MFA devices.
    #[serde(default)]
    pub mfa_devices: Vec<String>,
    /// Its access keys.
    #[serde(default)]
    pub access_keys: Vec<AccessKey>,
    /// Set when its login profile, MFA devices or access keys could not be read (the user was
    /// listed with its groups and policies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<CollectError>,
}

/// An IAM group with its policies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IamGroup {
    /// Its name.
    pub name: String,
    /// Its ARN.
    #[serde(default)]
    pub arn: String,
    /// Managed policies attached to it.
    #[serde(default)]
    pub attached_policies: Vec<AttachedPolicy>,
    /// Its inline policies.
    #[serde(default)]
    pub inline_policies: Vec<InlinePolicy>,
}

/// An IAM role with its policies and permissions boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IamRole {
    /// Its name.
    pub name: String,
    /// Its ARN.
    #[serde(default)]
    pub arn: String,
    /// Its path (`/aws-service-role/…` for roles AWS services own).
    #[serde(default)]
    pub path: String,
    /// Managed policies attached to it.
    #[serde(default)]
    pub attached_policies: Vec<AttachedPolicy>,
    /// Its inline policies.
    #[serde(default)]
    pub inline_policies: Vec<InlinePolicy>,
    /// The ARN of its permissions boundary, if it has one.
    #[serde(default)]
    pub permissions_boundary: Option<String>,
}

impl IamRole {
    /// Whether an AWS service owns it (a service-linked role): nobody in the team manages it.
    pub fn is_service_linked(&self) -> bool {
        self.path.starts_with("/aws-service-role/")
    }
}

/// A customer managed policy (one the account made), with its default version's document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IamPolicy {
    /// Its name.
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// Its default version's document (JSON).
    #[serde(default)]
    pub document: Option<String>,
}

/// What `GetAccountSummary` says about the account's root user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IamAccountSummary {
    /// Whether the root user has an MFA device (`AccountMFAEnabled`).
    pub root_mfa: bool,
    /// Whether the root user has access keys (`AccountAccessKeysPresent`).
    pub root_access_keys: bool,
}
