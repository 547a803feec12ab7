//! Argument types shared by check kinds, validated while a lab file loads.

use std::fmt;
use std::str::FromStr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Deserializer};

/// An IPv4 CIDR block with no host bits set (`10.10.1.0/24`, not `10.10.1.5/24`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cidr(pub Ipv4Net);

/// Why a text is not a CIDR block.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CidrError {
    /// Not of the form a.b.c.d/n.
    #[error("`{0}` is not an IPv4 CIDR block (e.g. 10.10.1.0/24)")]
    Malformed(String),
    /// Host bits set.
    #[error("`{given}` has host bits set; the block is {network}")]
    HostBits {
        /// What was given.
        given: String,
        /// The network it belongs to.
        network: String,
    },
}

impl CidrError {
    /// What is wrong, in both languages.
    pub fn localized(&self) -> crate::Localized {
        match self {
            CidrError::Malformed(given) => crate::msg!("param-not-cidr", value = given.as_str()),
            CidrError::HostBits { given, network } => {
                crate::msg!("param-host-bits", value = given.as_str(), network = network.as_str())
            }
        }
    }
}

impl Cidr {
    /// Parses and validates a CIDR block.
    pub fn parse(s: &str) -> Result<Self, CidrError> {
        let s = s.trim();
        let net: Ipv4Net = s.parse().map_err(|_| CidrError::Malformed(s.to_owned()))?;
        if net.trunc() != net {
            return Err(CidrError::HostBits { given: s.to_owned(), network: net.trunc().to_string() });
        }
        Ok(Cidr(net))
    }

    /// Whether this block and `other` share any address.
    pub fn overlaps(&self, other: &Cidr) -> bool {
        self.0.contains(&other.0.network()) || other.0.contains(&self.0.network())
    }

    /// Whether `other` lies entirely inside this block.
    pub fn contains(&self, other: &Cidr) -> bool {
        self.0.contains(&other.0)
    }

    /// The whole IPv4 internet, `0.0.0.0/0`.
    pub fn anywhere() -> Self {
        Cidr(Ipv4Net::default())
    }
}

impl FromStr for Cidr {
    type Err = CidrError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Cidr::parse(s)
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'de> Deserialize<'de> for Cidr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Cidr::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// How a check finds a VPC: by CIDR block, by `Name` tag, or both (the CIDR decides, the name
/// breaks ties and finds a VPC built with the wrong CIDR).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpcRef {
    /// The expected CIDR block.
    #[serde(default)]
    pub cidr: Option<Cidr>,
    /// The expected `Name` tag.
    #[serde(default)]
    pub name: Option<String>,
}

impl VpcRef {
    /// How to call it in a message: `10.10.0.0/16 (Name vpc-1)`, `10.10.0.0/16 (이름 vpc-1)`.
    pub fn label(&self) -> crate::Localized {
        match (&self.cidr, &self.name) {
            (Some(c), Some(n)) => crate::msg!("checks-vpc-ref-cidr-name", cidr = c.to_string(), name = n),
            (Some(c), None) => crate::Localized::new(c.to_string(), c.to_string()),
            (None, Some(n)) => crate::msg!("checks-vpc-ref-name", name = n),
            (None, None) => crate::msg!("checks-vpc-ref-any"),
        }
    }

    /// [`VpcRef::label`] in English, for the expected and found values (which are English).
    pub fn describe(&self) -> String {
        self.label().en
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_bits_are_refused_with_the_right_network() {
        assert_eq!(
            Cidr::parse("10.10.1.5/24").unwrap_err().to_string(),
            "`10.10.1.5/24` has host bits set; the block is 10.10.1.0/24"
        );
        assert!(Cidr::parse("10.10.300.0/24").is_err());
        assert!(Cidr::parse("10.10.0.0/33").is_err());
        assert!(Cidr::parse("10.10.0.0").is_err());
    }

    #[test]
    fn overlap_and_containment() {
        let c = |s: &str| Cidr::parse(s).unwrap();
        assert!(c("10.10.0.0/16").overlaps(&c("10.10.3.0/24")));
        assert!(c("10.10.3.0/24").overlaps(&c("10.10.0.0/16")));
        assert!(!c("10.10.0.0/16").overlaps(&c("172.16.0.0/16")));
        assert!(c("172.16.0.0/16").contains(&c("172.16.1.0/24")));
        assert!(!c("172.16.1.0/24").contains(&c("172.16.0.0/16")));
    }
}
