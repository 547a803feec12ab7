//! `hosted_zone` — a public Route 53 hosted zone exists for the lab's domain.

use serde::Deserialize;

use super::expect::Expectation;
use super::resolve::find_zone;
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "hosted_zone",
    description: "A public hosted zone exists for `domain` (`auto`: the account's only public zone).",
    needs: &[ResourceKind::HostedZones],
    build: build::<ZoneExists>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ZoneExists {
    domain: String,
}

impl Check for ZoneExists {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn hosted_zone(&self) -> Option<&str> {
        Some(&self.domain)
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        match find_zone(snap, &self.domain) {
            Ok(zone) => vec![
                Finding::pass(msg!(
                    "hosted-zone-found",
                    zone = &zone.name,
                    zone_id = &zone.id,
                    records = zone.records.len()
                ))
                .resource(zone.id.clone())
                .found(zone.name.clone()),
            ],
            Err(finding) => vec![*finding],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, dns_solved, run, statuses};
    use crate::report::FindingStatus::*;

    #[test]
    fn empty_account_fails() {
        let f = run("hosted_zone", toml::toml! { domain = "auto" }, &Builder::empty().build());
        assert_eq!(statuses(&f), [Fail]);
    }

    #[test]
    fn solved_passes_by_auto_and_by_name_with_a_trailing_dot() {
        let snap = dns_solved().build();
        assert_eq!(statuses(&run("hosted_zone", toml::toml! { domain = "auto" }, &snap)), [Pass]);
        assert_eq!(statuses(&run("hosted_zone", toml::toml! { domain = "Sandpit-Lab.com." }, &snap)), [Pass]);
    }

    #[test]
    fn many_zones_need_the_domain_named() {
        let mut b = dns_solved();
        for i in 0..5 {
            b.zone(&format!("other{i}.net"), false);
        }
        let snap = b.build();
        let f = run("hosted_zone", toml::toml! { domain = "auto" }, &snap);
        assert_eq!(statuses(&f), [Error]);
        assert!(f[0].message.en.contains("--param domain="));
        assert_eq!(statuses(&run("hosted_zone", toml::toml! { domain = "other3.net" }, &snap)), [Pass]);
        assert_eq!(statuses(&run("hosted_zone", toml::toml! { domain = "missing.org" }, &snap)), [Fail]);
    }

    #[test]
    fn a_private_zone_does_not_count() {
        let mut b = Builder::empty();
        b.zone("internal.lab", true);
        assert_eq!(statuses(&run("hosted_zone", toml::toml! { domain = "auto" }, &b.build())), [Fail]);
    }
}
