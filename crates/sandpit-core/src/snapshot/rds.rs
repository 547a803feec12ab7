//! Amazon RDS: DB instances and DB subnet groups.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An RDS DB instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbInstance {
    /// The DB instance identifier.
    pub id: String,
    /// `db.t3.micro`, …
    pub class: String,
    /// `mysql`, `postgres`, …
    pub engine: String,
    /// `available`, `creating`, `backing-up`, …
    pub status: String,
    /// Whether storage is encrypted.
    pub storage_encrypted: bool,
    /// The KMS key, as RDS reports it (an ARN, id or alias: whatever was passed).
    #[serde(default)]
    pub kms_key_id: Option<String>,
    /// Whether it has a public address.
    pub publicly_accessible: bool,
    /// Days automated backups are kept (0: backups off).
    pub backup_retention_days: i32,
    /// Whether minor engine versions are applied automatically.
    pub auto_minor_version_upgrade: bool,
    /// The weekly maintenance window (`sun:18:00-sun:19:00`).
    #[serde(default)]
    pub maintenance_window: Option<String>,
    /// The Secrets Manager secret holding the master password, when RDS manages it.
    #[serde(default)]
    pub master_user_secret_arn: Option<String>,
    /// Its VPC security groups.
    #[serde(default)]
    pub security_groups: Vec<String>,
    /// Its DB subnet group's name.
    #[serde(default)]
    pub subnet_group: Option<String>,
    /// Its VPC (from the subnet group).
    #[serde(default)]
    pub vpc_id: Option<String>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// A subnet of a DB subnet group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbSubnet {
    /// `subnet-…`
    pub id: String,
    /// Its Availability Zone.
    pub availability_zone: String,
}

/// An RDS DB subnet group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbSubnetGroup {
    /// Its name.
    pub name: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Its subnets.
    #[serde(default)]
    pub subnets: Vec<DbSubnet>,
}
