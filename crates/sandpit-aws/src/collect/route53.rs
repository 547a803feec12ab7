//! Amazon Route 53: hosted zones and their record sets.

use sandpit_core::snapshot::*;

use serde::{Deserialize, Serialize};

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
            &zones_for(&c.hints.get::<Vec<ZoneHint>>(ResourceKind::HostedZones), scope),
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

    /// Every zone's id, with the public zones' names, so a read scoped to one zone asks only
    /// about it early.
    fn hint(zones: &[Self]) -> Option<serde_json::Value> {
        let hints: Vec<ZoneHint> = zones
            .iter()
            .map(|z| ZoneHint { id: z.id.clone(), public_name: (!z.private).then(|| z.name.clone()) })
            .collect();
        serde_json::to_value(hints).ok()
    }
}

/// A hosted zone the last read saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ZoneHint {
    /// Its id (without `/hostedzone/`).
    pub(crate) id: String,
    /// Its name, when it is public.
    #[serde(default)]
    pub(crate) public_name: Option<String>,
}

/// The zones of `hinted` whose records a read scoped as `scope` will want.
pub(crate) fn zones_for(hinted: &[ZoneHint], scope: &ZoneScope) -> Vec<String> {
    let public = || hinted.iter().filter(|z| z.public_name.is_some());
    match scope {
        ZoneScope::Every => hinted.iter().map(|z| z.id.clone()).collect(),
        ZoneScope::OnlyOne if public().count() == 1 => public().map(|z| z.id.clone()).collect(),
        ZoneScope::OnlyOne => Vec::new(),
        ZoneScope::Named(names) => public()
            .filter(|z| z.public_name.as_ref().is_some_and(|n| names.contains(n)))
            .map(|z| z.id.clone())
            .collect(),
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
