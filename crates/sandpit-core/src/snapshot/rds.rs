//! Amazon RDS: DB instances, Aurora DB clusters and DB subnet groups.

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
    /// The Aurora DB cluster it belongs to: encryption, the managed master password and backups
    /// are the cluster's, not the instance's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// Whether a standby runs in a second Availability Zone (billed like a second instance).
    #[serde(default)]
    pub multi_az: bool,
    /// The port the database listens on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// The engine version (`8.0.39`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine_version: Option<String>,
}

/// A member instance of an Aurora DB cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbClusterMember {
    /// The DB instance identifier.
    pub instance_id: String,
    /// Whether it is the writer.
    #[serde(default)]
    pub writer: bool,
}

/// An Aurora (or Multi-AZ) DB cluster: storage, encryption, backups and the master password
/// live here; its instances are the compute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbCluster {
    /// The DB cluster identifier.
    pub id: String,
    /// `aurora-mysql`, `aurora-postgresql`, `mysql` (Multi-AZ DB cluster), …
    pub engine: String,
    /// `available`, `creating`, `stopped`, …
    pub status: String,
    /// Whether storage is encrypted.
    #[serde(default)]
    pub storage_encrypted: bool,
    /// The KMS key, as RDS reports it (an ARN).
    #[serde(default)]
    pub kms_key_id: Option<String>,
    /// The Secrets Manager secret holding the master password, when RDS manages it.
    #[serde(default)]
    pub master_user_secret_arn: Option<String>,
    /// Days automated backups are kept.
    #[serde(default)]
    pub backup_retention_days: i32,
    /// Its DB subnet group's name.
    #[serde(default)]
    pub subnet_group: Option<String>,
    /// Its VPC security groups.
    #[serde(default)]
    pub security_groups: Vec<String>,
    /// Its member instances.
    #[serde(default)]
    pub members: Vec<DbClusterMember>,
    /// The weekly maintenance window.
    #[serde(default)]
    pub maintenance_window: Option<String>,
    /// The port.
    #[serde(default)]
    pub port: Option<i32>,
    /// Whether deletion protection is on (the teardown must turn it off first).
    #[serde(default)]
    pub deletion_protection: bool,
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
