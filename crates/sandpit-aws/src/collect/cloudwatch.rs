//! Amazon CloudWatch: metric alarms.

use aws_sdk_cloudwatch::types as cw;
use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, all_pages};

impl Collect for MetricAlarm {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        // Without AlarmTypes, DescribeAlarms answers metric alarms only (a composite alarm watches
        // other alarms, not a metric).
        let pages = all_pages!(c, "cloudwatch:DescribeAlarms", c.cloudwatch.describe_alarms())?;
        Ok(pages.iter().flat_map(|p| p.metric_alarms()).map(alarm).collect())
    }
}

fn dimensions(dims: &[cw::Dimension]) -> std::collections::BTreeMap<String, String> {
    dims.iter()
        .filter_map(|d| Some((d.name()?.to_owned(), d.value().unwrap_or_default().to_owned())))
        .collect()
}

fn alarm(a: &cw::MetricAlarm) -> MetricAlarm {
    let mut metrics = Vec::new();
    if let Some(name) = a.metric_name() {
        metrics.push(AlarmMetric {
            namespace: a.namespace().unwrap_or_default().to_owned(),
            name: name.to_owned(),
            dimensions: dimensions(a.dimensions()),
        });
    }
    // A metric-math alarm names its metrics in queries.
    for m in a.metrics().iter().filter_map(|q| q.metric_stat()).filter_map(|s| s.metric()) {
        metrics.push(AlarmMetric {
            namespace: m.namespace().unwrap_or_default().to_owned(),
            name: m.metric_name().unwrap_or_default().to_owned(),
            dimensions: dimensions(m.dimensions()),
        });
    }
    MetricAlarm {
        name: a.alarm_name().unwrap_or_default().to_owned(),
        arn: a.alarm_arn().unwrap_or_default().to_owned(),
        metrics,
        comparison: a.comparison_operator().map(|o| o.as_str().to_owned()),
        threshold: a.threshold(),
        actions_enabled: a.actions_enabled().unwrap_or(true),
        alarm_actions: a.alarm_actions().to_vec(),
        state: a.state_value().map(|s| s.as_str().to_owned()).unwrap_or_default(),
    }
}
