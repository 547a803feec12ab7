//! Address arithmetic that checks and hints share: what a set of rules really opens (prefix lists
//! expanded, several blocks together), and a free block inside a VPC for a hint AWS accepts.
//!
//! Security group rules are allow-lists, so what a group opens to is the union of its rules'
//! sources: `0.0.0.0/1` and `128.0.0.0/1` together are the whole internet, however the strings
//! read. A managed prefix list stands for its entries.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use crate::snapshot::{CollectError, ManagedPrefixList, RuleSource, Snapshot};

/// The addresses a rule's source stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Addresses<'s> {
    /// IPv4 and IPv6 blocks (a CIDR, or a prefix list's entries).
    Blocks(Vec<IpNet>),
    /// Whatever carries this security group.
    Group(&'s str),
    /// A prefix list whose entries could not be read (or that is not in the snapshot).
    Unknown {
        /// The list (`pl-…`).
        list: &'s str,
        /// Why, when a call failed.
        error: Option<&'s CollectError>,
    },
}

/// What `source` stands for in `snap` (prefix lists expanded when the snapshot holds them).
pub(crate) fn addresses<'s>(snap: &'s Snapshot, source: &'s RuleSource) -> Addresses<'s> {
    match source {
        RuleSource::Cidr(c) | RuleSource::Ipv6Cidr(c) => {
            Addresses::Blocks(c.trim().parse::<IpNet>().map(|n| vec![n.trunc()]).unwrap_or_default())
        }
        RuleSource::Group(id) => Addresses::Group(id),
        RuleSource::PrefixList(id) => match prefix_list(snap, id) {
            Some(list) if list.unreadable.is_none() => Addresses::Blocks(
                list.cidrs.iter().filter_map(|c| c.trim().parse::<IpNet>().ok().map(|n| n.trunc())).collect(),
            ),
            Some(list) => Addresses::Unknown { list: id, error: list.unreadable.as_ref() },
            None => Addresses::Unknown { list: id, error: None },
        },
    }
}

fn prefix_list<'s>(snap: &'s Snapshot, id: &str) -> Option<&'s ManagedPrefixList> {
    snap.managed_prefix_lists.iter().find(|l| l.id == id)
}

/// Whether the union of `blocks` covers every IPv4 address of `target`.
pub(crate) fn covers_v4(blocks: &[Ipv4Net], target: Ipv4Net) -> bool {
    let span = |n: &Ipv4Net| (u128::from(u32::from(n.network())), u128::from(u32::from(n.broadcast())));
    covers(blocks.iter().map(span).collect(), span(&target))
}

/// Whether the union of `blocks` covers every IPv6 address of `target`.
pub(crate) fn covers_v6(blocks: &[Ipv6Net], target: Ipv6Net) -> bool {
    let span = |n: &Ipv6Net| (u128::from(n.network()), u128::from(n.broadcast()));
    covers(blocks.iter().map(span).collect(), span(&target))
}

/// Whether the address spans (first, last) together cover `start..=end`.
fn covers(mut spans: Vec<(u128, u128)>, (start, end): (u128, u128)) -> bool {
    spans.sort_unstable();
    // The first address not yet known to be covered.
    let mut next = start;
    for (from, to) in spans {
        if to < next {
            continue;
        }
        if from > next {
            return false;
        }
        if to >= end {
            return true;
        }
        next = to + 1;
    }
    false
}

/// Whether `blocks` together are the whole IPv4 or the whole IPv6 internet.
pub(crate) fn covers_the_internet(blocks: &[IpNet]) -> bool {
    let v4: Vec<Ipv4Net> =
        blocks.iter().filter_map(|b| if let IpNet::V4(n) = b { Some(*n) } else { None }).collect();
    let v6: Vec<Ipv6Net> =
        blocks.iter().filter_map(|b| if let IpNet::V6(n) = b { Some(*n) } else { None }).collect();
    covers_v4(&v4, Ipv4Net::default()) || covers_v6(&v6, Ipv6Net::default())
}

/// The smallest and largest subnet sizes AWS accepts for an IPv4 subnet (and a VPC).
pub(crate) const SUBNET_PREFIXES: std::ops::RangeInclusive<u8> = 16..=28;

/// A block of `/prefix` inside one of `within` (a VPC's CIDR blocks) that overlaps none of
/// `used` (its subnets): what a hint may propose for a new subnet. `None` when no such block
/// exists or AWS would refuse the size.
pub(crate) fn free_block(within: &[Ipv4Net], used: &[Ipv4Net], prefix: u8) -> Option<Ipv4Net> {
    if !SUBNET_PREFIXES.contains(&prefix) {
        return None;
    }
    within
        .iter()
        .filter(|w| w.prefix_len() <= prefix)
        .find_map(|w| w.subnets(prefix).ok()?.find(|candidate| !used.iter().any(|u| overlaps(u, candidate))))
}

/// Whether two blocks share an address.
pub(crate) fn overlaps(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(s: &str) -> Ipv4Net {
        s.parse().unwrap()
    }

    #[test]
    fn two_halves_are_the_whole_internet_and_one_half_is_not() {
        let halves: Vec<IpNet> = vec!["0.0.0.0/1".parse().unwrap(), "128.0.0.0/1".parse().unwrap()];
        assert!(covers_the_internet(&halves));
        assert!(!covers_the_internet(&halves[..1]));
        let v6: Vec<IpNet> = vec!["::/1".parse().unwrap(), "8000::/1".parse().unwrap()];
        assert!(covers_the_internet(&v6));
        assert!(covers_the_internet(&["0.0.0.0/0".parse().unwrap()]));
        // A gap of one address keeps it closed.
        let gap: Vec<IpNet> = vec!["0.0.0.0/1".parse().unwrap(), "128.0.0.1/32".parse().unwrap()];
        assert!(!covers_the_internet(&gap));
    }

    #[test]
    fn adjacent_blocks_cover_their_union() {
        let was = [v4("10.10.3.0/24"), v4("10.10.4.0/24")];
        assert!(covers_v4(&was, v4("10.10.3.0/24")));
        assert!(covers_v4(&[v4("10.10.2.0/24"), v4("10.10.3.0/24")], v4("10.10.2.0/23")));
        assert!(!covers_v4(&was, v4("10.10.2.0/23")), "10.10.2.0/24 is not a WAS block");
        assert!(covers_v4(&[v4("0.0.0.0/1"), v4("128.0.0.0/1")], v4("255.255.255.255/32")));
    }

    #[test]
    fn a_free_block_lies_inside_the_vpc_and_clear_of_its_subnets() {
        let vpc = [v4("10.192.0.0/16")];
        let used = [v4("10.192.0.0/24"), v4("10.192.1.0/24"), v4("10.192.10.0/24")];
        assert_eq!(free_block(&vpc, &used, 24), Some(v4("10.192.2.0/24")));
        // A /20 VPC with four /22 subnets has no room left for a /22 or a /24.
        let small = [v4("10.50.0.0/20")];
        let full: Vec<Ipv4Net> = (0..4).map(|i| v4(&format!("10.50.{}.0/22", i * 4))).collect();
        assert_eq!(free_block(&small, &full, 24), None);
        assert_eq!(free_block(&small, &full[..3], 24), Some(v4("10.50.12.0/24")));
        // Sizes AWS refuses are never proposed.
        assert_eq!(free_block(&vpc, &[], 29), None);
        assert_eq!(free_block(&vpc, &[], 15), None);
    }
}
