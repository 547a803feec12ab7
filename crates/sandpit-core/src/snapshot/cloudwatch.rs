//! Amazon CloudWatch: metric alarms.

use serde::{Deserialize, Serialize};

/// A CloudWatch metric alarm.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricAlarm {
    /// Its name.
    pub name: String,
    /// Its ARN.
    #[serde(default)]
    pub arn: String,
    /// The metrics it watches: one, or each metric of a metric-math alarm.
    #[serde(default)]
    pub metrics: Vec<AlarmMetric>,
    /// `GreaterThanThreshold`, `LessThanThreshold`, …
    #[serde(default)]
    pub comparison: Option<String>,
    /// The threshold.
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Whether its actions run at all.
    #[serde(default)]
    pub actions_enabled: bool,
    /// What it does when it goes into ALARM (SNS topic ARNs, Auto Scaling policies, …).
    #[serde(default)]
    pub alarm_actions: Vec<String>,
    /// `OK`, `ALARM` or `INSUFFICIENT_DATA`.
    #[serde(default)]
    pub state: String,
}

/// A metric an alarm watches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlarmMetric {
    /// `AWS/AutoScaling`, `AWS/EC2`, …
    pub namespace: String,
    /// `GroupInServiceInstances`, `CPUUtilization`, …
    pub name: String,
    /// Its dimensions, name → value (`AutoScalingGroupName` → `was-asg`).
    #[serde(default)]
    pub dimensions: std::collections::BTreeMap<String, String>,
}
