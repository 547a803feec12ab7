//! `dns_record` — the zone holds a record of a type (an `A` may be an alias), optionally at a
//! given name.

use serde::Deserialize;

use super::expect::Expectation;
use super::resolve::{absolute_name, find_zone_records};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{DnsRecord, ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "dns_record",
    description: "The hosted zone has a record of `type` (A records may be aliases), at `name` if given.",
    needs: &[ResourceKind::HostedZones],
    build: build::<RecordExists>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordExists {
    domain: String,
    #[serde(rename = "type")]
    rtype: String,
    #[serde(default)]
    name: Option<String>,
}

fn describe(r: &DnsRecord) -> String {
    describe_as(r, "alias")
}

/// [`describe`] with the word for an alias record in the reader's language.
fn describe_as(r: &DnsRecord, alias: &str) -> String {
    match &r.alias_target {
        Some(target) => format!("{} {} {alias} → {target}", r.name, r.rtype),
        None => format!("{} {} {}", r.name, r.rtype, r.values.join(" ")),
    }
}

impl Check for RecordExists {
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
        let rtype = self.rtype.to_ascii_uppercase();
        let name = self.name.as_deref().map(|n| absolute_name(n, zone));
        let matching: Vec<&DnsRecord> = zone
            .records
            .iter()
            .filter(|r| r.rtype == rtype && name.as_ref().is_none_or(|n| r.name == *n))
            .collect();
        let where_ = name.clone().unwrap_or_else(|| zone.name.clone());
        let Some(first) = matching.first() else {
            let example = match rtype.as_str() {
                "MX" => "10 mail.example.com",
                "CNAME" => "www → example.com",
                "A" => "an alias to the load balancer, or an IPv4 address",
                _ => "",
            };
            return vec![
                Finding::fail(msg!("dns-record-no-record", rtype = &rtype, where_ = &where_))
                    .resource(zone.id.clone())
                    .expected(format!("{rtype} record ({example})"))
                    .found(
                        zone.records
                            .iter()
                            .map(|r| format!("{} {}", r.name, r.rtype))
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                    .hint(msg!("dns-record-no-record-hint", zone = &zone.name, rtype = &rtype)),
            ];
        };
        let mut findings = vec![
            Finding::pass(msg!(
                "dns-record-found",
                rtype = &rtype,
                record =
                    crate::Localized::new(describe(first), describe_as(first, &msg!("dns-record-alias").ko))
            ))
            .resource(zone.id.clone())
            .found(matching.iter().map(|r| describe(r)).collect::<Vec<_>>().join(", ")),
        ];
        if rtype == "A" && matching.iter().all(|r| r.alias_target.is_none()) {
            findings
                .push(Finding::info(msg!("dns-record-points-fixed-ip-addresses")).resource(zone.id.clone()));
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, dns_solved, rec, run, statuses};
    use crate::report::FindingStatus::*;

    fn args(t: &str) -> toml::Table {
        toml::toml! { domain = "auto" type = t }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("dns_record", args("MX"), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_has_the_alias_cname_and_mx() {
        let snap = dns_solved().build();
        let a = run("dns_record", args("A"), &snap);
        assert_eq!(statuses(&a), [Pass]);
        assert!(a[0].message.en.contains("alias → web-alb"), "{}", a[0].message.en);
        assert_eq!(statuses(&run("dns_record", args("cname"), &snap)), [Pass]);
        assert_eq!(statuses(&run("dns_record", args("MX"), &snap)), [Pass]);
        let www = toml::toml! { domain = "auto" type = "CNAME" name = "www" };
        assert_eq!(statuses(&run("dns_record", www, &snap)), [Pass]);
        let api = toml::toml! { domain = "auto" type = "CNAME" name = "api" };
        assert_eq!(statuses(&run("dns_record", api, &snap)), [Fail]);
    }

    #[test]
    fn a_missing_mx_fails_and_a_plain_a_record_gets_advice() {
        let mut b = Builder::empty();
        b.zone("example.com", false);
        b.record("example.com", rec("example.com", "A", 300, "203.0.113.10"));
        let snap = b.build();
        assert_eq!(statuses(&run("dns_record", args("MX"), &snap)), [Fail]);
        assert_eq!(statuses(&run("dns_record", args("A"), &snap)), [Pass, Info]);
    }

    #[test]
    fn a_zone_whose_records_are_refused_errors_by_action_and_the_other_zone_is_judged() {
        let mut b = Builder::empty();
        b.zone("team-a.com", false);
        b.record("team-a.com", rec("team-a.com", "MX", 300, "10 mail.team-a.com"));
        b.zone("team-b.com", false);
        let zones = b.snapshot().hosted_zones.items_mut().unwrap();
        let refused = zones.iter_mut().find(|z| z.name == "team-b.com").unwrap();
        refused.records.clear();
        refused.unreadable = Some(crate::snapshot::CollectError::Denied {
            action: "route53:ListResourceRecordSets".into(),
            managed_policy: "AmazonRoute53ReadOnlyAccess".into(),
            message: "User is not authorized to perform: route53:ListResourceRecordSets".into(),
        });
        let refused_id = refused.id.clone();
        let snap = b.build();
        let mx = |domain: &str| toml::toml! { domain = domain type = "MX" };

        let f = run("dns_record", mx("team-b.com"), &snap);
        assert_eq!(statuses(&f), [Error], "{f:?}");
        assert!(f[0].message.en.contains("route53:ListResourceRecordSets"), "{}", f[0].message.en);
        assert!(f[0].message.ko.contains("route53:ListResourceRecordSets"), "{}", f[0].message.ko);
        assert_eq!(f[0].resource.as_deref(), Some(refused_id.as_str()));
        assert!(f[0].hint.as_ref().unwrap().en.contains("AmazonRoute53ReadOnlyAccess"));

        // The readable zone is judged on its records, whichever way they go.
        assert_eq!(statuses(&run("dns_record", mx("team-a.com"), &snap)), [Pass]);
        let cname = toml::toml! { domain = "team-a.com" type = "CNAME" };
        assert_eq!(statuses(&run("dns_record", cname, &snap)), [Fail]);
    }

    #[test]
    fn many_records_any_of_the_type_will_do() {
        let mut b = dns_solved();
        for i in 0..100 {
            b.record("sandpit-lab.com", rec(&format!("h{i}.sandpit-lab.com"), "TXT", 300, "\"x\""));
        }
        assert_eq!(statuses(&run("dns_record", args("MX"), &b.build())), [Pass]);
    }
}
