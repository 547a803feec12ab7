//! `dns_ttls` — record TTLs are sensible; extremes are pointed out, never failed.

use serde::Deserialize;

use super::expect::Expectation;
use super::resolve::find_zone_records;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "dns_ttls",
    description: "Record TTLs lie between `min` and `max` seconds (SOA/NS and aliases aside); extremes are reported as info.",
    needs: &[ResourceKind::HostedZones],
    build: build::<Ttls>,
};

fn one_minute() -> i64 {
    60
}

fn one_day() -> i64 {
    86_400
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ttls {
    domain: String,
    #[serde(default = "one_minute")]
    min: i64,
    #[serde(default = "one_day")]
    max: i64,
}

impl Check for Ttls {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn hosted_zone(&self) -> Option<&str> {
        Some(&self.domain)
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let zone = match find_zone_records(snap, &self.domain) {
            Ok(zone) => zone,
            Err(finding) => return vec![*finding],
        };
        // Route 53 sets the SOA and NS records itself; aliases have no TTL of their own.
        let records: Vec<_> = zone
            .records
            .iter()
            .filter(|r| !matches!(r.rtype.as_str(), "SOA" | "NS"))
            .filter_map(|r| r.ttl.map(|ttl| (r, ttl)))
            .collect();
        let mut findings = Vec::new();
        for (r, ttl) in &records {
            if *ttl < self.min {
                findings.push(
                    Finding::info(msg!(
                        "dns-ttls-ttl-s-resolvers-ask",
                        route = &r.name,
                        rtype = &r.rtype,
                        ttl = &ttl
                    ))
                    .resource(zone.id.clone())
                    .found(format!("TTL {ttl}")),
                );
            } else if *ttl > self.max {
                findings.push(
                    Finding::info(msg!(
                        "dns-ttls-ttl-s-change-takes",
                        route = &r.name,
                        rtype = &r.rtype,
                        ttl = &ttl
                    ))
                    .resource(zone.id.clone())
                    .found(format!("TTL {ttl}")),
                );
            }
        }
        let (lo, hi) = records.iter().fold((i64::MAX, i64::MIN), |(lo, hi), (_, t)| (lo.min(*t), hi.max(*t)));
        let range = if records.is_empty() { "no TTLs".to_owned() } else { format!("{lo}–{hi} s") };
        findings.insert(
            0,
            Finding::pass(msg!(
                "dns-ttls-record-sets-ttl",
                records_count = records.len(),
                zone = &zone.name,
                range = &range
            ))
            .resource(zone.id.clone())
            .found(range.clone()),
        );
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, dns_solved, rec, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { domain = "auto" }
    }

    #[test]
    fn empty_account_fails_for_the_missing_zone() {
        assert_eq!(statuses(&run("dns_ttls", args(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes_without_notes() {
        assert_eq!(statuses(&run("dns_ttls", args(), &dns_solved().build())), [Pass]);
    }

    #[test]
    fn extremes_are_info_only() {
        let mut b = dns_solved();
        b.record("sandpit-lab.com", rec("fast.sandpit-lab.com", "A", 5, "10.0.0.9"));
        b.record("sandpit-lab.com", rec("slow.sandpit-lab.com", "TXT", 604_800, "\"v\""));
        assert_eq!(statuses(&run("dns_ttls", args(), &b.build())), [Pass, Info, Info]);
    }

    #[test]
    fn many_records_are_summarised_in_one_line() {
        let mut b = dns_solved();
        for i in 0..200 {
            b.record("sandpit-lab.com", rec(&format!("h{i}.sandpit-lab.com"), "A", 300, "10.1.0.1"));
        }
        let f = run("dns_ttls", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].found.as_deref(), Some("60–3600 s"));
    }
}
