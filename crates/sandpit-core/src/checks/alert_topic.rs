//! `alert_topic` — an SNS topic someone subscribes to. A subscription still waiting for its
//! e-mail confirmation is said as info: AWS delivers nothing to it until the link is clicked,
//! but the build is right.

use serde::Deserialize;

use super::expect::Expectation;
use super::{Check, CheckKind, build};
use crate::engine::denial_finding;
use crate::l10n;
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
                Finding::pass(l10n!(
                    en: "topic {} tells {}", t.name(), describe_subscribers(t);
                    ko: "주제 {}에 확인된 구독이 있습니다(구독 {}개)", t.name(), t.subscriptions.len()
                ))
                .resource(t.arn.clone())
                .found(describe_subscribers(t)),
            ],
            (None, Some(t)) => vec![
                Finding::pass(l10n!(
                    en: "topic {} has a subscription: {}", t.name(), describe_subscribers(t);
                    ko: "주제 {}에 구독이 있습니다(구독 {}개)", t.name(), t.subscriptions.len()
                ))
                .resource(t.arn.clone()),
                Finding::info(l10n!(
                    en: "the subscription still waits for its confirmation: SNS sends nothing until someone clicks the link in the e-mail AWS sent";
                    ko: "구독이 아직 확인을 기다립니다. AWS가 보낸 메일의 링크를 누르기 전에는 SNS가 아무것도 보내지 않습니다"
                ))
                .resource(t.arn.clone())
                .hint(l10n!(
                    en: "Open the \"AWS Notification - Subscription Confirmation\" e-mail and click Confirm subscription (check the spam folder).";
                    ko: "\"AWS Notification - Subscription Confirmation\" 메일을 열어 Confirm subscription을 누르세요(스팸함도 보세요)."
                )),
            ],
            (None, None) => {
                if let Some(t) = topics.iter().find(|t| t.unreadable.is_some()) {
                    let error = t.unreadable.as_ref().expect("filtered");
                    return vec![
                        denial_finding(&format!("SNS topic {}", t.name()), &format!("SNS 주제 {}", t.name()), error)
                            .resource(t.arn.clone()),
                    ];
                }
                let names: Vec<&str> = topics.iter().map(|t| t.name()).collect();
                vec![
                    Finding::fail(if topics.is_empty() {
                        l10n!(
                            en: "there is no SNS topic: nothing can tell the admin anything";
                            ko: "SNS 주제가 없습니다. 관리자에게 알릴 통로가 없습니다"
                        )
                    } else {
                        l10n!(
                            en: "no SNS topic has a subscriber: a message published to {} reaches nobody", names.join(", ");
                            ko: "구독자가 있는 SNS 주제가 없습니다. {}에 보낸 메시지는 아무에게도 가지 않습니다", names.join(", ")
                        )
                    })
                    .resource(topics.first().map_or_else(String::new, |t| t.arn.clone()))
                    .expected("a topic with at least one subscription")
                    .found(if names.is_empty() { "no topic".to_owned() } else { names.join(", ") })
                    .hint(l10n!(
                        en: "aws sns create-topic --name asg-alerts, then aws sns subscribe --topic-arn TOPIC_ARN --protocol email --notification-endpoint you@example.com (and confirm the e-mail).";
                        ko: "aws sns create-topic --name asg-alerts 후 aws sns subscribe --topic-arn TOPIC_ARN --protocol email --notification-endpoint you@example.com (메일 확인까지)."
                    )),
                ]
            }
        }
    }
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
