//! `dns_weighted` — a weighted record set with enough members, distinct set identifiers, and
//! the share of traffic each member gets.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::expect::Expectation;
use super::resolve::find_zone_records;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{DnsRecord, ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "dns_weighted",
    description: "A weighted record set (same name and type) has at least `min_members` members with distinct set identifiers.",
    needs: &[ResourceKind::HostedZones],
    build: build::<Weighted>,
};

fn two() -> usize {
    2
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Weighted {
    domain: String,
    #[serde(default = "two")]
    min_members: usize,
}

/// `70% a, 20% b, 10% c` — what each member receives (all zero: equal shares, as Route 53 does).
fn shares(members: &[&DnsRecord]) -> String {
    let total: i64 = members.iter().map(|r| r.weight.unwrap_or(0)).sum();
    members
        .iter()
        .map(|r| {
            let id = r.set_identifier.as_deref().unwrap_or("?");
            let share = if total == 0 {
                100.0 / members.len() as f64
            } else {
                100.0 * r.weight.unwrap_or(0) as f64 / total as f64
            };
            format!("{share:.0}% {id}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Check for Weighted {
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
        let mut sets: BTreeMap<(&str, &str), Vec<&DnsRecord>> = BTreeMap::new();
        for r in zone.records.iter().filter(|r| r.weight.is_some()) {
            sets.entry((r.name.as_str(), r.rtype.as_str())).or_default().push(r);
        }
        let min = self.min_members;
        let best = sets.iter().max_by_key(|(_, members)| members.len());
        let Some(((name, rtype), members)) = best else {
            return vec![
                Finding::fail(msg!("dns-weighted-no-weighted-records", zone = &zone.name))
                    .resource(zone.id.clone())
                    .expected(format!("≥{min} records with the same name and type, routing policy Weighted"))
                    .found("none")
                    .hint(msg!("dns-weighted-no-weighted-records-hint")),
            ];
        };
        let mut ids: Vec<&str> = members.iter().filter_map(|r| r.set_identifier.as_deref()).collect();
        ids.sort_unstable();
        let distinct = ids.windows(2).all(|w| w[0] != w[1]);
        let split = shares(members);
        if members.len() < min {
            return vec![
                Finding::fail(msg!(
                    "dns-weighted-set-only-member-weighted",
                    name = &name,
                    rtype = &rtype,
                    members_count = members.len(),
                    min = &min
                ))
                .resource(zone.id.clone())
                .expected(format!("≥{min} members"))
                .found(split)
                .hint(msg!("dns-weighted-set-only-member-weighted-hint")),
            ];
        }
        if !distinct {
            return vec![
                Finding::fail(msg!("dns-weighted-set-reuses-record-id", name = &name, rtype = &rtype))
                    .resource(zone.id.clone())
                    .expected("distinct set identifiers")
                    .found(ids.join(", ")),
            ];
        }
        vec![
            Finding::pass(msg!(
                "dns-weighted-set-splits-traffic",
                name = &name,
                rtype = &rtype,
                split = &split
            ))
            .resource(zone.id.clone())
            .found(split.clone()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, dns_solved, run, statuses, weighted};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { domain = "auto" }
    }

    #[test]
    fn empty_zone_fails() {
        let mut b = Builder::empty();
        b.zone("example.com", false);
        assert_eq!(statuses(&run("dns_weighted", args(), &b.build())), [Fail]);
    }

    #[test]
    fn solved_shows_the_70_20_10_split() {
        let f = run("dns_weighted", args(), &dns_solved().build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].found.as_deref(), Some("70% a, 20% b, 10% c"));
    }

    #[test]
    fn a_set_with_one_member_fails() {
        let mut b = Builder::empty();
        b.zone("example.com", false);
        b.record("example.com", weighted("hello.example.com", "only", 100, "10.0.0.1"));
        let f = run("dns_weighted", args(), &b.build());
        assert_eq!(statuses(&f), [Fail]);
        assert!(f[0].message.en.contains("only 1 member"));
    }

    #[test]
    fn many_sets_the_largest_is_judged_and_zero_weights_split_equally() {
        let mut b = dns_solved();
        for i in 0..4 {
            b.record("sandpit-lab.com", weighted("even.sandpit-lab.com", &format!("e{i}"), 0, "10.0.1.1"));
        }
        let f = run("dns_weighted", args(), &b.build());
        assert_eq!(f[0].found.as_deref(), Some("25% e0, 25% e1, 25% e2, 25% e3"));
    }
}
