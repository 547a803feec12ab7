//! `alert_topic` — an SNS topic someone subscribes to. A subscription still waiting for its
//! e-mail confirmation is said as info: AWS delivers nothing to it until the link is clicked,
//! but the build is right.

use serde::Deserialize;

use super::expect::Expectation;
use super::{Check, CheckKind, build};
use crate::engine::denial_finding;
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot, SnsTopic};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "alert_topic",
    description: "An SNS topic has at least one subscription (one pending e-mail confirmation is info, not a failure).",
    needs: &[ResourceKind::SnsTopics],
    build: build::<AlertTopic>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AlertTopic {}

/// `email admin@example.com`
pub(crate) fn describe_subscribers(t: &SnsTopic) -> String {
    t.subscriptions
        .iter()
        .map(|s| format!("{} {}{}", s.protocol, s.endpoint, if s.is_pending() { " (pending)" } else { "" }))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Check for AlertTopic {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let topics: Vec<&SnsTopic> = snap.sns_topics.iter().collect();
        let confirmed = topics.iter().find(|t| t.subscriptions.iter().any(|s| !s.is_pending()));
        let pending = topics.iter().find(|t| !t.subscriptions.is_empty());
        match (confirmed, pending) {
            (Some(t), _) => vec![
                Finding::pass(msg!(
                    "alert-topic-confirmed-subscription",
                    topic = t.name(),
                    subscribers = subscribers(t)
                ))
                .resource(t.arn.clone())
                .found(describe_subscribers(t)),
            ],
            (None, Some(t)) => vec![
                Finding::pass(msg!(
                    "alert-topic-has-subscription",
                    topic = t.name(),
                    subscribers = subscribers(t)
                ))
                .resource(t.arn.clone()),
                Finding::info(msg!("alert-topic-subscription-still-waits-confirmation"))
                    .resource(t.arn.clone())
                    .hint(msg!("alert-topic-subscription-still-waits-confirmation-hint")),
            ],
            (None, None) => {
                if let Some(t) = topics.iter().find(|t| t.unreadable.is_some()) {
                    let error = t.unreadable.as_ref().expect("filtered");
                    return vec![
                        denial_finding(msg!("alert-topic-unreadable", topic = t.name()), error)
                            .resource(t.arn.clone()),
                    ];
                }
                let names: Vec<&str> = topics.iter().map(|t| t.name()).collect();
                vec![
                    Finding::fail(if topics.is_empty() {
                        msg!("alert-topic-no-sns-topic-nothing")
                    } else {
                        msg!("alert-topic-no-sns-topic-subscriber", names = names.join(", "))
                    })
                    .resource(topics.first().map_or_else(String::new, |t| t.arn.clone()))
                    .expected("a topic with at least one subscription")
                    .found(if names.is_empty() { "no topic".to_owned() } else { names.join(", ") })
                    .hint(msg!("alert-topic-no-sns-topic-subscriber-hint")),
                ]
            }
        }
    }
}

/// A topic's subscribers as each message gives them: named in English, counted in Korean.
fn subscribers(t: &SnsTopic) -> crate::Localized {
    crate::Localized::new(describe_subscribers(t), t.subscriptions.len().to_string())
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, alerts_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::Table::new()
    }

    #[test]
    fn empty_fails_solved_passes() {
        let f = run("alert_topic", args(), &Builder::empty().build());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new());
        let (b, _, topic) = alerts_solved();
        let f = run("alert_topic", args(), &b.build());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Pass], Some(topic.as_str())));
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
    }

    #[test]
    fn a_pending_email_is_info_and_no_subscriber_fails() {
        let (mut b, _, topic) = alerts_solved();
        b.sns(&topic).subscriptions[0].arn = "PendingConfirmation".into();
        let f = run("alert_topic", args(), b.snapshot());
        assert_eq!(statuses(&f), [Pass, Info]);
        assert_eq!(crate::english_words(&f[1].message.ko), Vec::<String>::new(), "{}", f[1].message.ko);
        b.sns(&topic).subscriptions.clear();
        let f = run("alert_topic", args(), &b.build());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Fail], Some(topic.as_str())));
    }

    #[test]
    fn many_topics_one_subscribed_is_enough() {
        let (mut b, _, topic) = alerts_solved();
        for i in 0..7 {
            b.topic(&format!("quiet-{i}"), &[]);
        }
        let f = run("alert_topic", args(), &b.build());
        assert_eq!((statuses(&f), f[0].resource.as_deref()), (vec![Pass], Some(topic.as_str())));
    }
}
