//! EC2 Auto Scaling: groups, with their scaling policies and notification configurations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{CollectError, Tags};

/// An Auto Scaling group, with what `DescribePolicies` and `DescribeNotificationConfigurations`
/// say about it. Both are asked once for the whole region (not per group), so a failure of either
/// marks every group the same way (`policies_unreadable`, `notifications_unreadable`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AutoScalingGroup {
    /// Its name (what the AWS CLI takes).
    pub name: String,
    /// Its ARN.
    #[serde(default)]
    pub arn: String,
    /// The fewest instances it keeps.
    pub min_size: i32,
    /// The most instances it may launch.
    pub max_size: i32,
    /// How many it aims for now.
    pub desired_capacity: i32,
    /// The launch template it launches from (directly, or through a mixed instances policy).
    #[serde(default)]
    pub launch_template: Option<AsgLaunchTemplate>,
    /// The launch configuration it launches from, when it uses the older mechanism instead.
    #[serde(default)]
    pub launch_configuration: Option<String>,
    /// The subnets it launches into (`VPCZoneIdentifier`).
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    /// Its Availability Zones.
    #[serde(default)]
    pub availability_zones: Vec<String>,
    /// The target groups its instances are registered in.
    #[serde(default)]
    pub target_group_arns: Vec<String>,
    /// `EC2` or `ELB`: whose health checks replace instances.
    #[serde(default)]
    pub health_check_type: String,
    /// Seconds a new instance is given before failed health checks count.
    #[serde(default)]
    pub health_check_grace_period: Option<i32>,
    /// Its instances now.
    #[serde(default)]
    pub instances: Vec<AsgInstance>,
    /// The group metrics it sends to CloudWatch (`GroupInServiceInstances`, …); empty when
    /// metrics collection is off.
    #[serde(default)]
    pub enabled_metrics: Vec<String>,
    /// `Delete in progress` while it is being deleted.
    #[serde(default)]
    pub status: Option<String>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
    /// Its scaling policies.
    #[serde(default)]
    pub policies: Vec<ScalingPolicy>,
    /// Who it tells about what (`autoscaling:EC2_INSTANCE_LAUNCH_ERROR` → an SNS topic).
    #[serde(default)]
    pub notifications: Vec<AsgNotification>,
    /// Set when the scaling policies could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policies_unreadable: Option<CollectError>,
    /// Set when the notification configurations could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notifications_unreadable: Option<CollectError>,
}

impl AutoScalingGroup {
    /// Whether it is being deleted.
    pub fn is_deleting(&self) -> bool {
        self.status.as_deref().is_some_and(|s| s.starts_with("Delete"))
    }

    /// Whether `metric` (`GroupInServiceInstances`) is sent to CloudWatch.
    pub fn sends_metric(&self, metric: &str) -> bool {
        self.enabled_metrics.iter().any(|m| m == metric)
    }
}

/// The launch template an Auto Scaling group names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsgLaunchTemplate {
    /// `lt-…`, when given by id.
    #[serde(default)]
    pub id: Option<String>,
    /// Its name, when given by name.
    #[serde(default)]
    pub name: Option<String>,
    /// `$Default`, `$Latest` or a version number.
    #[serde(default)]
    pub version: Option<String>,
}

/// An instance of an Auto Scaling group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsgInstance {
    /// `i-…`
    pub id: String,
    /// Its Availability Zone.
    #[serde(default)]
    pub availability_zone: String,
    /// `Pending`, `InService`, `Terminating`, …
    #[serde(default)]
    pub lifecycle_state: String,
    /// `Healthy` or `Unhealthy`.
    #[serde(default)]
    pub health_status: String,
}

/// A scaling policy of an Auto Scaling group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScalingPolicy {
    /// Its name.
    pub name: String,
    /// `TargetTrackingScaling`, `StepScaling`, `SimpleScaling` or `PredictiveScaling`.
    pub policy_type: String,
    /// For target tracking on a predefined metric: `ASGAverageCPUUtilization`, …
    #[serde(default)]
    pub predefined_metric: Option<String>,
    /// For target tracking on a custom metric: `namespace/metric`.
    #[serde(default)]
    pub custom_metric: Option<String>,
    /// The value target tracking holds the metric at.
    #[serde(default)]
    pub target_value: Option<f64>,
    /// Whether it is enabled.
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

/// One notification configuration: a topic told about one kind of event of a group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsgNotification {
    /// The SNS topic.
    pub topic_arn: String,
    /// `autoscaling:EC2_INSTANCE_LAUNCH_ERROR`, `autoscaling:EC2_INSTANCE_LAUNCH`, …
    pub notification_type: String,
}
