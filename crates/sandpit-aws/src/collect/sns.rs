//! Amazon SNS: topics, each with its subscriptions and its access policy.

use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, all_items, list_with_details};

impl Collect for SnsTopic {
    /// Topics (ListTopics), then each topic's attributes (GetTopicAttributes, for its policy) and
    /// subscriptions (ListSubscriptionsByTopic), concurrently; the topics the last read saw
    /// ([`Hints`](crate::warm::Hints)) are asked about next to the list.
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let list = async {
            let topics: Vec<aws_sdk_sns::types::Topic> =
                all_items!(c, "sns:ListTopics", c.sns.list_topics())?;
            Ok(topics.iter().filter_map(|t| t.topic_arn()).map(str::to_owned).collect::<Vec<String>>())
        };
        let (arns, details) = list_with_details(
            ResourceKind::SnsTopics,
            &c.hints.ids(ResourceKind::SnsTopics),
            list,
            |arns: &Vec<String>| arns.clone(),
            |arn| async move {
                let (attributes, subscriptions) = tokio::join!(
                    async {
                        c.sns
                            .get_topic_attributes()
                            .topic_arn(&arn)
                            .send()
                            .await
                            .map_err(|e| c.fail("sns:GetTopicAttributes", e))
                    },
                    async {
                        all_items!(
                            c,
                            "sns:ListSubscriptionsByTopic",
                            c.sns.list_subscriptions_by_topic().topic_arn(&arn)
                        )
                    },
                );
                let policy = attributes?.attributes().and_then(|a| a.get("Policy")).cloned();
                let subscriptions: Vec<aws_sdk_sns::types::Subscription> = subscriptions?;
                Ok::<_, Failure>((policy, subscriptions))
            },
        )
        .await?;
        Ok(arns
            .into_iter()
            .zip(details)
            .map(|(arn, details)| match details {
                Ok((policy, subscriptions)) => SnsTopic {
                    arn,
                    policy,
                    subscriptions: subscriptions
                        .iter()
                        .map(|s| SnsSubscription {
                            arn: s.subscription_arn().unwrap_or_default().to_owned(),
                            protocol: s.protocol().unwrap_or_default().to_owned(),
                            endpoint: s.endpoint().unwrap_or_default().to_owned(),
                        })
                        .collect(),
                    unreadable: None,
                },
                // A topic whose details are refused (its policy may deny other principals) is
                // listed, marked; the other topics are still judged.
                Err(error) => {
                    SnsTopic { arn, policy: None, subscriptions: Vec::new(), unreadable: Some(error) }
                }
            })
            .collect())
    }

    /// The topics' ARNs: the next read asks about them next to its list.
    fn hint(items: &[Self]) -> Option<serde_json::Value> {
        crate::warm::ids(items.iter().map(|i| &i.arn))
    }
}
