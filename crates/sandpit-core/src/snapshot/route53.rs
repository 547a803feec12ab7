//! Amazon Route 53: hosted zones and their record sets.

use serde::{Deserialize, Serialize};

/// A DNS name as Route 53 compares it: lowercase, without the trailing dot.
pub fn normalize_dns_name(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// A Route 53 hosted zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostedZone {
    /// The zone id, without the `/hostedzone/` prefix.
    pub id: String,
    /// The domain, normalised (`example.com`).
    pub name: String,
    /// Whether it is a private zone (resolvable only inside VPCs).
    #[serde(default)]
    pub private: bool,
    /// Its record sets.
    #[serde(default)]
    pub records: Vec<DnsRecord>,
    /// Set when this one zone could not be read in full (its detail call was denied or failed):
    /// what was listed is here, and checks that need the rest say why they cannot judge it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<super::CollectError>,
    /// Set when the read was scoped to other zones and left this one's records out (they are
    /// unknown, not absent).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub records_not_read: bool,
}

/// One Route 53 record set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsRecord {
    /// The name, normalised (`www.example.com`).
    pub name: String,
    /// `A`, `AAAA`, `CNAME`, `MX`, `TXT`, `NS`, `SOA`, …
    #[serde(rename = "type")]
    pub rtype: String,
    /// The TTL in seconds (none for alias records).
    #[serde(default)]
    pub ttl: Option<i64>,
    /// The values (IP addresses, a host name, `10 mail.example.com`, …).
    #[serde(default)]
    pub values: Vec<String>,
    /// The alias target's DNS name, normalised, for alias records.
    #[serde(default)]
    pub alias_target: Option<String>,
    /// The set identifier of a record in a routing policy (weighted, latency, failover).
    #[serde(default)]
    pub set_identifier: Option<String>,
    /// The weight, for weighted routing.
    #[serde(default)]
    pub weight: Option<i64>,
}
