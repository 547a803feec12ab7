//! EC2 Auto Scaling: groups, with their scaling policies and notification configurations.
//!
//! All three lists are region-wide, so they are asked at once: one round, however many groups.

use std::collections::HashMap;

use aws_sdk_autoscaling::types as asg;
use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, all_items, raw_items, retry_unless_missing, to_chrono};

impl Collect for AutoScalingGroup {
    /// Groups, policies and notification configurations at once. The two detail lists are kept
    /// per group; when one of them cannot be read every group says so, and the groups are still
    /// judged on the rest. Notification configurations are asked with a single try (retried only
    /// for throttling and AWS's own 5xx errors): an endpoint that lacks the call (moto answers it
    /// with a bare HTTP 500) must not cost a round of back-off.
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let policy = ResourceKind::AutoScalingGroups.managed_policy();
        let (groups, policies, notifications) = tokio::join!(
            async {
                all_items!(
                    c,
                    "autoscaling:DescribeAutoScalingGroups",
                    c.autoscaling.describe_auto_scaling_groups()
                )
            },
            async { all_items!(c, "autoscaling:DescribePolicies", c.autoscaling.describe_policies()) },
            async {
                retry_unless_missing(|| async {
                    raw_items!(c.autoscaling_single_try.describe_notification_configurations())
                })
                .await
                .map_err(|e| c.fail("autoscaling:DescribeNotificationConfigurations", e))
            },
        );
        let groups: Vec<asg::AutoScalingGroup> = groups?;
        let policies: Result<Vec<asg::ScalingPolicy>, _> = policies;
        let notifications: Result<Vec<asg::NotificationConfiguration>, _> = notifications;
        let (policies, policies_unreadable) = match policies {
            Ok(list) => (list, None),
            Err(failure) => (Vec::new(), Some(failure.unreadable(policy)?)),
        };
        let (notifications, notifications_unreadable) = match notifications {
            Ok(list) => (list, None),
            Err(failure) => (Vec::new(), Some(failure.unreadable(policy)?)),
        };
        let mut policies_of: HashMap<&str, Vec<ScalingPolicy>> = HashMap::new();
        for p in &policies {
            let Some(group) = p.auto_scaling_group_name() else { continue };
            policies_of.entry(group).or_default().push(scaling_policy(p));
        }
        let mut notifications_of: HashMap<&str, Vec<AsgNotification>> = HashMap::new();
        for n in &notifications {
            let (Some(group), Some(topic), Some(kind)) =
                (n.auto_scaling_group_name(), n.topic_arn(), n.notification_type())
            else {
                continue;
            };
            notifications_of
                .entry(group)
                .or_default()
                .push(AsgNotification { topic_arn: topic.to_owned(), notification_type: kind.to_owned() });
        }
        Ok(groups
            .iter()
            .map(|g| {
                let name = g.auto_scaling_group_name().unwrap_or_default().to_owned();
                let template = g.launch_template().or_else(|| {
                    g.mixed_instances_policy()
                        .and_then(|m| m.launch_template())
                        .and_then(|t| t.launch_template_specification())
                });
                AutoScalingGroup {
                    arn: g.auto_scaling_group_arn().unwrap_or_default().to_owned(),
                    min_size: g.min_size().unwrap_or_default(),
                    max_size: g.max_size().unwrap_or_default(),
                    desired_capacity: g.desired_capacity().unwrap_or_default(),
                    launch_template: template.map(|t| AsgLaunchTemplate {
                        id: t.launch_template_id().map(str::to_owned),
                        name: t.launch_template_name().map(str::to_owned),
                        version: t.version().map(str::to_owned),
                    }),
                    launch_configuration: g.launch_configuration_name().map(str::to_owned),
                    subnet_ids: g
                        .vpc_zone_identifier()
                        .unwrap_or_default()
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    availability_zones: g.availability_zones().to_vec(),
                    target_group_arns: g.target_group_arns().to_vec(),
                    health_check_type: g.health_check_type().unwrap_or("EC2").to_owned(),
                    health_check_grace_period: g.health_check_grace_period(),
                    instances: g
                        .instances()
                        .iter()
                        .map(|i| AsgInstance {
                            id: i.instance_id().unwrap_or_default().to_owned(),
                            availability_zone: i.availability_zone().unwrap_or_default().to_owned(),
                            lifecycle_state: i
                                .lifecycle_state()
                                .map(|s| s.as_str().to_owned())
                                .unwrap_or_default(),
                            health_status: i.health_status().unwrap_or_default().to_owned(),
                        })
                        .collect(),
                    enabled_metrics: g
                        .enabled_metrics()
                        .iter()
                        .filter_map(|m| m.metric().map(str::to_owned))
                        .collect(),
                    status: g.status().map(str::to_owned),
                    created_at: g.created_time().and_then(to_chrono),
                    tags: g
                        .tags()
                        .iter()
                        .filter_map(|t| Some((t.key()?.to_owned(), t.value().unwrap_or_default().to_owned())))
                        .collect(),
                    policies: policies_of.remove(name.as_str()).unwrap_or_default(),
                    notifications: notifications_of.remove(name.as_str()).unwrap_or_default(),
                    policies_unreadable: policies_unreadable.clone(),
                    notifications_unreadable: notifications_unreadable.clone(),
                    name,
                }
            })
            .collect())
    }
}

fn scaling_policy(p: &asg::ScalingPolicy) -> ScalingPolicy {
    let tracking = p.target_tracking_configuration();
    ScalingPolicy {
        name: p.policy_name().unwrap_or_default().to_owned(),
        policy_type: p.policy_type().unwrap_or("SimpleScaling").to_owned(),
        predefined_metric: tracking
            .and_then(|t| t.predefined_metric_specification())
            .and_then(|m| m.predefined_metric_type())
            .map(|m| m.as_str().to_owned()),
        custom_metric: tracking.and_then(|t| t.customized_metric_specification()).map(|m| {
            format!("{}/{}", m.namespace().unwrap_or_default(), m.metric_name().unwrap_or_default())
        }),
        target_value: tracking.and_then(|t| t.target_value()),
        enabled: p.enabled().unwrap_or(true),
    }
}
