//! `launch_failure_alert` — when Auto Scaling cannot launch an instance, an SNS topic with a
//! subscriber hears about it, by any one of three routes:
//!
//! 1. the group's notification configuration for `autoscaling:EC2_INSTANCE_LAUNCH_ERROR`;
//! 2. an EventBridge rule on `aws.autoscaling` / `EC2 Instance Launch Unsuccessful` targeting the
//!    topic — whose policy must let `events.amazonaws.com` publish (without that statement the
//!    rule fires and the message is silently dropped: the console adds it, the CLI does not);
//! 3. a CloudWatch alarm on the group's in-service instances whose action is the topic — which
//!    needs the group to send that metric (group metrics collection).
//!
//! The finding says which route was found; near misses are explained on the resource to fix.

use serde::Deserialize;
use serde_json::Value;

use super::expect::Expectation;
use super::{Check, CheckKind, build};
use crate::engine::denial_finding;
use crate::iam_policy::{Effect, Policy};
use crate::report::Finding;
use crate::snapshot::{
    AutoScalingGroup, CollectError, EventRule, MetricAlarm, ResourceKind, Snapshot, SnsTopic,
};
use crate::{Localized, msg};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "launch_failure_alert",
    description: "Each Auto Scaling group (or `group`) tells a subscribed SNS topic when it cannot launch: a notification configuration, an EventBridge rule (with a topic policy letting events.amazonaws.com publish), or a CloudWatch alarm on its in-service instances.",
    needs: &[
        ResourceKind::AutoScalingGroups,
        ResourceKind::SnsTopics,
        ResourceKind::EventRules,
        ResourceKind::MetricAlarms,
    ],
    build: build::<LaunchFailureAlert>,
};

/// `group = "auto"`: every Auto Scaling group of the region.
const EVERY_GROUP: &str = "auto";

/// What Auto Scaling notifies when a launch fails.
pub(crate) const LAUNCH_ERROR: &str = "autoscaling:EC2_INSTANCE_LAUNCH_ERROR";

/// The EventBridge detail type of a failed launch.
pub(crate) const LAUNCH_UNSUCCESSFUL: &str = "EC2 Instance Launch Unsuccessful";

/// Group metrics that drop when instances cannot be launched.
const CAPACITY_METRICS: &[&str] =
    &["GroupInServiceInstances", "GroupInServiceCapacity", "GroupTotalInstances"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LaunchFailureAlert {
    #[serde(default = "every")]
    group: String,
}

fn every() -> String {
    EVERY_GROUP.to_owned()
}

/// A way the admin is told, found in the account.
struct Route {
    /// Which of the three, for people.
    kind: Localized,
    /// The resource that carries it (notification topic, rule or alarm).
    via: String,
    /// The topic.
    topic: String,
}

/// Something that almost is a route, and what to fix.
struct NearMiss {
    resource: String,
    message: Localized,
    hint: Localized,
}

/// Whether an event pattern matches Auto Scaling's failed launches of `group`.
pub(crate) fn pattern_matches_launch_failure(pattern: &str, group: &str) -> bool {
    let Ok(p) = serde_json::from_str::<Value>(pattern) else { return false };
    let lists = |v: Option<&Value>, want: &str| match v {
        None => true,
        Some(Value::Array(items)) => items.iter().any(|i| i.as_str() == Some(want)),
        Some(Value::String(s)) => s == want,
        _ => false,
    };
    let source_ok = p.get("source").is_some() && lists(p.get("source"), "aws.autoscaling");
    let type_ok = lists(p.get("detail-type"), LAUNCH_UNSUCCESSFUL);
    let group_ok = lists(p.get("detail").and_then(|d| d.get("AutoScalingGroupName")), group);
    source_ok && type_ok && group_ok
}

/// Whether the topic's policy lets EventBridge publish; the reason when it does not.
pub(crate) fn events_may_publish(topic: &SnsTopic) -> Result<(), String> {
    let Some(doc) = &topic.policy else { return Err("the topic has no access policy".to_owned()) };
    let policy = Policy::parse(doc).map_err(|e| format!("its policy cannot be read: {e}"))?;
    let for_events = |s: &crate::iam_policy::Statement| {
        s.principals
            .as_ref()
            .is_some_and(|p| p.everyone || p.services.iter().any(|x| x == "events.amazonaws.com"))
            && s.covers("sns:Publish")
    };
    if policy
        .statements
        .iter()
        .any(|s| s.effect == Effect::Deny && for_events(s) && s.condition_keys.is_empty())
    {
        return Err("a Deny statement refuses sns:Publish to EventBridge".to_owned());
    }
    // EventBridge sends aws:SourceArn and aws:SourceAccount; it does not send AWS:SourceOwner,
    // which is what the policy SNS gives every new topic tests.
    let usable = |s: &&crate::iam_policy::Statement| {
        s.condition_keys.iter().all(|k| k == "aws:sourcearn" || k == "aws:sourceaccount")
    };
    if policy.statements.iter().filter(|s| s.effect == Effect::Allow && for_events(s)).any(|s| usable(&s)) {
        Ok(())
    } else {
        Err("no statement allows the principal events.amazonaws.com to sns:Publish".to_owned())
    }
}

fn topic<'s>(snap: &'s Snapshot, arn: &str) -> Option<&'s SnsTopic> {
    snap.sns_topics.iter().find(|t| t.arn == arn)
}

/// Checks the topic a route ends in: it exists and someone subscribes.
fn topic_ok(snap: &Snapshot, arn: &str, what: &Localized, misses: &mut Vec<NearMiss>) -> bool {
    match topic(snap, arn) {
        None => {
            misses.push(NearMiss {
                resource: arn.to_owned(),
                message: msg!("launch-failure-alert-sends-not-topic-region", what = &what, arn = &arn),
                hint: msg!("launch-failure-alert-sends-not-topic-region-hint"),
            });
            false
        }
        Some(t) if t.subscriptions.is_empty() && t.unreadable.is_none() => {
            misses.push(NearMiss {
                resource: t.arn.clone(),
                message: msg!(
                    "launch-failure-alert-sends-topic-nobody-subscribes",
                    what = &what,
                    topic = t.name()
                ),
                hint: msg!("launch-failure-alert-aws-sns-subscribe-topic", arn = &t.arn),
            });
            false
        }
        Some(_) => true,
    }
}

fn by_notification(
    snap: &Snapshot,
    g: &AutoScalingGroup,
    routes: &mut Vec<Route>,
    misses: &mut Vec<NearMiss>,
) {
    for n in g.notifications.iter().filter(|n| n.notification_type == LAUNCH_ERROR) {
        let what = msg!("launch-failure-alert-notification-configuration", group = &g.name);
        if topic_ok(snap, &n.topic_arn, &what, misses) {
            routes.push(Route {
                kind: msg!("launch-failure-alert-group-s-notification-configuration"),
                via: g.name.clone(),
                topic: n.topic_arn.clone(),
            });
        }
    }
}

fn by_rule(snap: &Snapshot, g: &AutoScalingGroup, routes: &mut Vec<Route>, misses: &mut Vec<NearMiss>) {
    let matching = snap
        .event_rules
        .iter()
        .filter(|r| r.event_pattern.as_deref().is_some_and(|p| pattern_matches_launch_failure(p, &g.name)));
    for rule in matching {
        if rule.state != "ENABLED" {
            misses.push(NearMiss {
                resource: rule.arn.clone(),
                message: msg!(
                    "launch-failure-alert-eventbridge-rule-matches-failed",
                    rule = &rule.name,
                    state = &rule.state
                ),
                hint: msg!("launch-failure-alert-aws-events-enable-rule", rule = &rule.name),
            });
            continue;
        }
        let topics: Vec<&str> =
            rule.targets.iter().map(|t| t.arn.as_str()).filter(|a| a.contains(":sns:")).collect();
        if topics.is_empty() && rule.unreadable.is_none() {
            misses.push(NearMiss {
                resource: rule.arn.clone(),
                message: msg!("launch-failure-alert-eventbridge-rule-matches-failed-2", rule = &rule.name),
                hint: msg!("launch-failure-alert-aws-events-put-targets", rule = &rule.name),
            });
        }
        for arn in topics {
            let what = msg!("launch-failure-alert-rule-label", rule = &rule.name);
            if !topic_ok(snap, arn, &what, misses) {
                continue;
            }
            let t = topic(snap, arn).expect("checked by topic_ok");
            if t.unreadable.is_some() {
                continue;
            }
            match events_may_publish(t) {
                Ok(()) => routes.push(Route {
                    kind: msg!("launch-failure-alert-rule-label-2", rule = &rule.name),
                    via: rule.arn.clone(),
                    topic: arn.to_owned(),
                }),
                Err(reason) => misses.push(NearMiss {
                    resource: t.arn.clone(),
                    message: msg!(
                        "launch-failure-alert-topic-refuses-events",
                        rule = &rule.name,
                        topic = t.name(),
                        reason = crate::Localized::new(format!(" ({reason})"), String::new())
                    ),
                    hint: msg!("launch-failure-alert-eventbridge-rule-sends-failed-hint", arn = &t.arn),
                }),
            }
        }
    }
}

fn watches(alarm: &MetricAlarm, g: &AutoScalingGroup) -> Option<String> {
    alarm
        .metrics
        .iter()
        .find(|m| {
            m.namespace == "AWS/AutoScaling"
                && m.dimensions.get("AutoScalingGroupName") == Some(&g.name)
                && CAPACITY_METRICS.contains(&m.name.as_str())
        })
        .map(|m| m.name.clone())
}

fn by_alarm(snap: &Snapshot, g: &AutoScalingGroup, routes: &mut Vec<Route>, misses: &mut Vec<NearMiss>) {
    for alarm in snap.metric_alarms.iter() {
        let Some(metric) = watches(alarm, g) else { continue };
        let resource = if alarm.arn.is_empty() { alarm.name.clone() } else { alarm.arn.clone() };
        let falling = alarm.comparison.as_deref().is_some_and(|c| c.starts_with("LessThan"));
        let topics: Vec<&str> =
            alarm.alarm_actions.iter().map(String::as_str).filter(|a| a.contains(":sns:")).collect();
        if !falling {
            misses.push(NearMiss {
                resource,
                message: msg!(
                    "launch-failure-alert-cloudwatch-alarm-watches-but",
                    alarm = &alarm.name,
                    metric = &metric,
                    group = &g.name
                ),
                hint: msg!("launch-failure-alert-cloudwatch-alarm-watches-but-hint"),
            });
            continue;
        }
        if !alarm.actions_enabled || topics.is_empty() {
            misses.push(NearMiss {
                resource,
                message: if alarm.actions_enabled {
                    msg!(
                        "launch-failure-alert-alarm-tells-nobody",
                        alarm = &alarm.name,
                        metric = &metric,
                        group = &g.name
                    )
                } else {
                    msg!(
                        "launch-failure-alert-alarm-disabled",
                        alarm = &alarm.name,
                        metric = &metric,
                        group = &g.name
                    )
                },
                hint: msg!("launch-failure-alert-aws-cloudwatch-put-metric", alarm = &alarm.name),
            });
            continue;
        }
        if !g.sends_metric(&metric) {
            misses.push(NearMiss {
                resource: g.name.clone(),
                message: msg!(
                    "launch-failure-alert-cloudwatch-alarm-watches-but-3",
                    alarm = &alarm.name,
                    metric = &metric,
                    group = &g.name
                ),
                hint: msg!(
                    "launch-failure-alert-aws-autoscaling-enable-metrics",
                    group = &g.name,
                    metric = &metric
                ),
            });
            continue;
        }
        for arn in topics {
            let what = msg!("launch-failure-alert-alarm-label", alarm = &alarm.name);
            if topic_ok(snap, arn, &what, misses) {
                routes.push(Route {
                    kind: msg!("launch-failure-alert-alarm-on-metric", alarm = &alarm.name, metric = &metric),
                    via: resource.clone(),
                    topic: arn.to_owned(),
                });
            }
        }
    }
}

fn judge(snap: &Snapshot, g: &AutoScalingGroup) -> Vec<Finding> {
    let (mut routes, mut misses) = (Vec::new(), Vec::new());
    by_notification(snap, g, &mut routes, &mut misses);
    by_rule(snap, g, &mut routes, &mut misses);
    by_alarm(snap, g, &mut routes, &mut misses);
    let near = |m: NearMiss, pass: bool| {
        let f = if pass { Finding::info(m.message) } else { Finding::fail(m.message) };
        f.resource(m.resource).hint(m.hint)
    };
    if let Some(route) = routes.first() {
        let topic_name = route.topic.rsplit(':').next().unwrap_or(&route.topic).to_owned();
        let mut findings = vec![
            Finding::pass(msg!(
                "launch-failure-alert-when-cannot-launch-instance",
                group = &g.name,
                topic_name = &topic_name,
                kind = &route.kind
            ))
            .resource(route.via.clone())
            .found(
                routes.iter().map(|r| format!("{} → {}", r.kind.en, r.topic)).collect::<Vec<_>>().join("; "),
            ),
        ];
        findings.extend(misses.into_iter().map(|m| near(m, true)));
        return findings;
    }
    if !misses.is_empty() {
        let mut findings: Vec<Finding> = misses.into_iter().map(|m| near(m, false)).collect();
        // A route that could not be read may exist; the near misses above are still what was
        // built, and what to fix.
        if let Some(error) = &g.notifications_unreadable {
            let action = match error {
                CollectError::Denied { action, .. } | CollectError::Failed { action, .. } => action.clone(),
            };
            findings.push(
                Finding::info(msg!(
                    "launch-failure-alert-group-s-notification-configurations",
                    action = &action
                ))
                .resource(g.name.clone()),
            );
        }
        return findings;
    }
    let unread: Vec<&CollectError> = g
        .notifications_unreadable
        .iter()
        .chain(snap.event_rules.iter().filter_map(|r: &EventRule| r.unreadable.as_ref()))
        .collect();
    if let Some(error) = unread.first() {
        let mut f = denial_finding(msg!("launch-failure-alert-unreadable-routes", group = &g.name), error)
            .resource(g.name.clone());
        f.hint = Some(msg!("launch-failure-alert-eventbridge-rule-cloudwatch-alarm"));
        return vec![f];
    }
    vec![
        Finding::fail(msg!("launch-failure-alert-nobody-told-when-auto", group = &g.name))
        .resource(g.name.clone())
        .expected(format!("{LAUNCH_ERROR} notification, an EventBridge rule on \"{LAUNCH_UNSUCCESSFUL}\", or an alarm on GroupInServiceInstances → an SNS topic"))
        .found("no route")
        .hint(msg!("launch-failure-alert-nobody-told-when-auto-hint", group = &g.name, LAUNCH_ERROR = &LAUNCH_ERROR)),
    ]
}

impl Check for LaunchFailureAlert {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let groups: Vec<&AutoScalingGroup> = snap
            .auto_scaling_groups
            .iter()
            .filter(|g| !g.is_deleting())
            .filter(|g| self.group == EVERY_GROUP || g.name == self.group)
            .collect();
        if groups.is_empty() {
            let what = if self.group == EVERY_GROUP { String::new() } else { format!(" {}", self.group) };
            return vec![
                Finding::fail(msg!("launch-failure-alert-no-auto-scaling-group", what = &what))
                    .expected("an Auto Scaling group")
                    .found(
                        snap.auto_scaling_groups
                            .iter()
                            .map(|g| g.name.clone())
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                    .hint(msg!("launch-failure-alert-no-auto-scaling-group-hint")),
            ];
        }
        groups.into_iter().flat_map(|g| judge(snap, g)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, LAUNCH_FAILED, alerts_solved, failures, run, statuses, topic_arn};
    use super::*;
    use crate::report::FindingStatus::*;
    use crate::snapshot::AsgNotification;

    fn args() -> toml::Table {
        toml::toml! { group = "auto" }
    }

    #[test]
    fn patterns_are_matched_by_what_they_catch() {
        assert!(pattern_matches_launch_failure(LAUNCH_FAILED, "was-asg"));
        assert!(
            pattern_matches_launch_failure(r#"{"source":["aws.autoscaling"]}"#, "was-asg"),
            "every Auto Scaling event"
        );
        let named = r#"{"source":["aws.autoscaling"],"detail-type":["EC2 Instance Launch Unsuccessful"],"detail":{"AutoScalingGroupName":["was-asg"]}}"#;
        assert!(pattern_matches_launch_failure(named, "was-asg"));
        assert!(!pattern_matches_launch_failure(named, "other"));
        assert!(!pattern_matches_launch_failure(r#"{"source":["aws.ec2"]}"#, "was-asg"));
        assert!(!pattern_matches_launch_failure(
            r#"{"source":["aws.autoscaling"],"detail-type":["EC2 Instance Launch Successful"]}"#,
            "was-asg"
        ));
        assert!(!pattern_matches_launch_failure("not json", "was-asg"));
    }

    #[test]
    fn empty_fails_and_solved_passes_by_the_rule() {
        assert_eq!(statuses(&run("launch_failure_alert", args(), &Builder::empty().build())), [Fail]);
        let (b, _, _) = alerts_solved();
        let f = run("launch_failure_alert", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert!(f[0].message.en.contains("EventBridge rule asg-launch-failed"), "{}", f[0].message.en);
        assert_eq!(
            f[0].resource.as_deref(),
            Some("arn:aws:events:ap-northeast-2:123456789012:rule/asg-launch-failed")
        );
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
    }

    #[test]
    fn the_default_topic_policy_is_the_silent_failure_named_on_the_topic() {
        let (mut b, _, topic) = alerts_solved();
        b.sns(&topic).policy = Some(super::super::fixtures::default_topic_policy(&topic));
        let f = run("launch_failure_alert", args(), &b.build());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(f[0].resource.as_deref(), Some(topic.as_str()));
        assert!(f[0].message.en.contains("dropped without a word"), "{}", f[0].message.en);
        assert!(f[0].hint.as_ref().unwrap().en.contains("events.amazonaws.com"));
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
    }

    #[test]
    fn a_notification_configuration_and_an_alarm_are_routes_too() {
        let (mut b, s, topic) = alerts_solved();
        b.snapshot().event_rules.items_mut().unwrap().clear();
        b.asg(&s.asg)
            .notifications
            .push(AsgNotification { topic_arn: topic.clone(), notification_type: LAUNCH_ERROR.into() });
        let f = run("launch_failure_alert", args(), b.snapshot());
        assert_eq!(statuses(&f), [Pass]);
        assert!(f[0].message.en.contains("notification configuration"), "{}", f[0].message.en);

        b.asg(&s.asg).notifications.clear();
        b.group_alarm("was-asg-below-min", &s.asg, "GroupInServiceInstances", 2.0, &topic);
        let f = run("launch_failure_alert", args(), b.snapshot());
        assert_eq!(statuses(&f), [Fail], "metrics collection is off: {f:#?}");
        assert_eq!(f[0].resource.as_deref(), Some(s.asg.as_str()));
        assert!(f[0].hint.as_ref().unwrap().en.contains("enable-metrics-collection"));
        b.asg(&s.asg).enabled_metrics = vec!["GroupInServiceInstances".into()];
        let f = run("launch_failure_alert", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert!(f[0].message.en.contains("CloudWatch alarm was-asg-below-min"), "{}", f[0].message.en);
    }

    #[test]
    fn unreadable_notifications_with_no_other_route_is_an_error_not_a_failure() {
        let (mut b, s, _) = alerts_solved();
        b.snapshot().event_rules.items_mut().unwrap().clear();
        b.asg(&s.asg).notifications_unreadable = Some(CollectError::Failed {
            action: "autoscaling:DescribeNotificationConfigurations".into(),
            message: "HTTP 500".into(),
        });
        let f = run("launch_failure_alert", args(), &b.build());
        assert_eq!(statuses(&f), [Error]);
        assert!(f[0].message.en.contains("DescribeNotificationConfigurations"));
    }

    #[test]
    fn many_groups_each_needs_a_route() {
        let (mut b, s, topic) = alerts_solved();
        for i in 0..3 {
            let mut g = b.asg(&s.asg).clone();
            g.name = format!("batch-{i}");
            b.snapshot().auto_scaling_groups.items_mut().unwrap().push(g);
        }
        // The rule matches every group (its pattern names none).
        assert!(run("launch_failure_alert", args(), b.snapshot()).iter().all(|f| f.status == Pass));
        let named = format!(
            r#"{{"source":["aws.autoscaling"],"detail-type":["{LAUNCH_UNSUCCESSFUL}"],"detail":{{"AutoScalingGroupName":["{}"]}}}}"#,
            s.asg
        );
        b.snapshot().event_rules.items_mut().unwrap()[0].event_pattern = Some(named);
        let f = run("launch_failure_alert", args(), b.snapshot());
        assert_eq!(failures(&f).len(), 3);
        let mut one = args();
        one.insert("group".into(), s.asg.clone().into());
        assert_eq!(statuses(&run("launch_failure_alert", one, &b.build())), [Pass]);
        assert_eq!(topic, topic_arn("asg-alerts"));
    }
}
