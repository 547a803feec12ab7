//! Amazon Route 53: hosted zones and their record sets.

use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, list_with_details};

/// How many record listings run at once: Route 53 answers about five requests a second per
/// account, and a burst past that is throttled (and retried) rather than faster.
const RECORD_READS_AT_ONCE: usize = 3;

impl Collect for HostedZone {
    /// Hosted zones, then the record sets of the zones the read's scope wants (the lab's zone
    /// only, when the lab names it). The record sets of the wanted zones the last read saw
    /// ([`Hints`](crate::warm::Hints)) are asked for next to the zone list; the list decides
    /// which answers count. Zones whose records were not wanted are marked so.
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let scope = &c.scope.zones;
        let permits = tokio::sync::Semaphore::new(RECORD_READS_AT_ONCE);
        let permits = &permits;
        let (mut zones, records) = list_with_details(
            ResourceKind::HostedZones,
            &c.hints.zones_for(scope),
            c.zone_list(),
            |zones: &Vec<HostedZone>| scope.wanted(zones).into_iter().map(|z| z.id.clone()).collect(),
            |id| async move {
                let _permit = permits.acquire().await;
                c.zone_records(&id).await
            },
        )
        .await?;
        let wanted: Vec<String> = scope.wanted(&zones).into_iter().map(|z| z.id.clone()).collect();
        let mut answers = wanted.into_iter().zip(records).collect::<std::collections::HashMap<_, _>>();
        // A zone whose records cannot be read is kept, marked: the others are still judged.
        for zone in &mut zones {
            match answers.remove(&zone.id) {
                Some(Ok(records)) => zone.records = records,
                Some(Err(error)) => zone.unreadable = Some(error),
                None => zone.records_not_read = true,
            }
        }
        Ok(zones)
    }
}

impl Collector<'_> {
    /// Every hosted zone, without records.
    async fn zone_list(&self) -> Result<Vec<HostedZone>, Failure> {
        let mut zones = Vec::new();
        let mut marker = None;
        loop {
            let out = self
                .route53
                .list_hosted_zones()
                .set_marker(marker.take())
                .send()
                .await
                .map_err(|e| self.fail("route53:ListHostedZones", e))?;
            for z in out.hosted_zones() {
                zones.push(HostedZone {
                    id: z.id().trim_start_matches("/hostedzone/").to_owned(),
                    name: normalize_dns_name(z.name()),
                    private: z.config().is_some_and(|c| c.private_zone()),
                    records: Vec::new(),
                    unreadable: None,
                    records_not_read: false,
                });
            }
            match out.next_marker() {
                Some(next) if out.is_truncated() => marker = Some(next.to_owned()),
                _ => break,
            }
        }
        Ok(zones)
    }

    /// One zone's record sets (ListResourceRecordSets pages by a name/type/identifier cursor,
    /// which the SDK has no paginator for).
    async fn zone_records(&self, zone: &str) -> Result<Vec<DnsRecord>, Failure> {
        let mut records = Vec::new();
        let mut start: Option<(String, aws_sdk_route53::types::RrType, Option<String>)> = None;
        loop {
            let mut req = self.route53.list_resource_record_sets().hosted_zone_id(zone);
            if let Some((name, rtype, identifier)) = start.take() {
                req = req
                    .start_record_name(name)
                    .start_record_type(rtype)
                    .set_start_record_identifier(identifier);
            }
            let out = req.send().await.map_err(|e| self.fail("route53:ListResourceRecordSets", e))?;
            records.extend(out.resource_record_sets().iter().map(|r| DnsRecord {
                name: normalize_dns_name(&r.name().replace("\\052", "*")),
                rtype: r.r#type().as_str().to_owned(),
                ttl: r.ttl(),
                values: r.resource_records().iter().map(|v| v.value().to_owned()).collect(),
                alias_target: r.alias_target().map(|a| normalize_dns_name(a.dns_name())),
                set_identifier: r.set_identifier().map(str::to_owned),
                weight: r.weight(),
            }));
            match (out.is_truncated(), out.next_record_name(), out.next_record_type()) {
                (true, Some(name), Some(rtype)) => {
                    start = Some((
                        name.to_owned(),
                        rtype.clone(),
                        out.next_record_identifier().map(str::to_owned),
                    ));
                }
                _ => break,
            }
        }
        Ok(records)
    }
}
