//! Amazon EventBridge: the default event bus's rules and their targets.

use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, list_with_details};

impl Collect for EventRule {
    /// Rules (ListRules), then each rule's targets (ListTargetsByRule) concurrently; the rules the
    /// last read saw ([`Hints`](crate::warm::Hints)) are asked about next to the list. Neither
    /// call has a paginator in the SDK, so pages are followed by their `NextToken` here.
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let list = async {
            let mut rules = Vec::new();
            let mut token: Option<String> = None;
            loop {
                let out = c
                    .events
                    .list_rules()
                    .set_next_token(token.take())
                    .send()
                    .await
                    .map_err(|e| c.fail("events:ListRules", e))?;
                rules.extend(out.rules().iter().cloned());
                match out.next_token() {
                    Some(next) if !next.is_empty() => token = Some(next.to_owned()),
                    _ => break,
                }
            }
            Ok::<_, Failure>(rules)
        };
        let (rules, targets) = list_with_details(
            ResourceKind::EventRules,
            &c.hints.ids(ResourceKind::EventRules),
            list,
            |rules: &Vec<aws_sdk_eventbridge::types::Rule>| {
                rules.iter().filter_map(|r| r.name()).map(str::to_owned).collect()
            },
            |name| async move {
                let mut targets = Vec::new();
                let mut token: Option<String> = None;
                loop {
                    let out = c
                        .events
                        .list_targets_by_rule()
                        .rule(&name)
                        .set_next_token(token.take())
                        .send()
                        .await
                        .map_err(|e| c.fail("events:ListTargetsByRule", e))?;
                    targets.extend(
                        out.targets()
                            .iter()
                            .map(|t| EventTarget { id: t.id().to_owned(), arn: t.arn().to_owned() }),
                    );
                    match out.next_token() {
                        Some(next) if !next.is_empty() => token = Some(next.to_owned()),
                        _ => break,
                    }
                }
                Ok::<_, Failure>(targets)
            },
        )
        .await?;
        Ok(rules
            .iter()
            .filter(|r| r.name().is_some())
            .zip(targets)
            .map(|(r, targets)| {
                let (targets, unreadable) = match targets {
                    Ok(t) => (t, None),
                    Err(error) => (Vec::new(), Some(error)),
                };
                EventRule {
                    name: r.name().unwrap_or_default().to_owned(),
                    arn: r.arn().unwrap_or_default().to_owned(),
                    state: r.state().map(|s| s.as_str().to_owned()).unwrap_or_default(),
                    event_pattern: r.event_pattern().map(str::to_owned),
                    schedule: r.schedule_expression().map(str::to_owned),
                    targets,
                    unreadable,
                }
            })
            .collect())
    }

    /// The rules' names: the next read lists their targets next to its list.
    fn hint(items: &[Self]) -> Option<serde_json::Value> {
        crate::warm::ids(items.iter().map(|i| &i.name))
    }
}
