//! Sets of IPv4 addresses and of ports as sorted, disjoint, inclusive intervals of `u32`.
//!
//! The evaluator asks questions about *every* address of a range ("does this group admit all of
//! 10.10.3.0/24?") and every ephemeral port (1024–65535), so it works on sets, never on one
//! sample address: a rule that admits half a subnet is found, and the first address or port it
//! leaves out is named.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use crate::Lang;

/// A set of `u32` values (IPv4 addresses or ports) as sorted, disjoint, non-adjacent, inclusive
/// intervals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct Ranges(Vec<(u32, u32)>);

impl Ranges {
    /// Nothing.
    pub(crate) fn empty() -> Self {
        Ranges(Vec::new())
    }

    /// `lo..=hi` (empty when `lo > hi`).
    pub(crate) fn span(lo: u32, hi: u32) -> Self {
        if lo > hi { Ranges::empty() } else { Ranges(vec![(lo, hi)]) }
    }

    /// One value.
    pub(crate) fn one(v: u32) -> Self {
        Ranges(vec![(v, v)])
    }

    /// Every IPv4 address.
    pub(crate) fn all_addresses() -> Self {
        Ranges::span(0, u32::MAX)
    }

    /// The addresses of a CIDR block.
    pub(crate) fn net(net: Ipv4Net) -> Self {
        Ranges::span(u32::from(net.network()), u32::from(net.broadcast()))
    }

    /// The addresses of a CIDR block written as text (`None` when it is not an IPv4 CIDR).
    pub(crate) fn parse_net(text: &str) -> Option<Self> {
        parse_net(text).map(Ranges::net)
    }

    /// Addresses on the public internet: everything but the private, shared, loopback,
    /// link-local, "this network", multicast and reserved blocks (RFC 1918, 6598, 1122, 3927,
    /// 5771, 1112).
    pub(crate) fn internet() -> Self {
        let mut set = Ranges::all_addresses();
        for block in NOT_INTERNET {
            set = set.minus(&Ranges::parse_net(block).expect("valid block"));
        }
        set
    }

    /// The intervals.
    pub(crate) fn intervals(&self) -> &[(u32, u32)] {
        &self.0
    }

    /// Whether the set is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The smallest value.
    pub(crate) fn first(&self) -> Option<u32> {
        self.0.first().map(|&(lo, _)| lo)
    }

    /// Whether `v` is in the set.
    pub(crate) fn contains(&self, v: u32) -> bool {
        // Few intervals in practice; a binary search keeps hostile inputs cheap.
        let i = self.0.partition_point(|&(_, hi)| hi < v);
        self.0.get(i).is_some_and(|&(lo, _)| lo <= v)
    }

    /// Whether every value of `other` is in this set.
    pub(crate) fn covers(&self, other: &Ranges) -> bool {
        other.minus(self).is_empty()
    }

    /// Whether the two sets share a value.
    pub(crate) fn meets(&self, other: &Ranges) -> bool {
        !self.intersect(other).is_empty()
    }

    /// Both sets together.
    pub(crate) fn union(&self, other: &Ranges) -> Ranges {
        let mut all: Vec<(u32, u32)> = self.0.iter().chain(&other.0).copied().collect();
        all.sort_unstable();
        Ranges::normalized(all)
    }

    /// Many sets together.
    pub(crate) fn union_all<'a>(sets: impl IntoIterator<Item = &'a Ranges>) -> Ranges {
        let mut all: Vec<(u32, u32)> = sets.into_iter().flat_map(|s| s.0.iter().copied()).collect();
        all.sort_unstable();
        Ranges::normalized(all)
    }

    fn normalized(sorted: Vec<(u32, u32)>) -> Ranges {
        let mut out: Vec<(u32, u32)> = Vec::with_capacity(sorted.len());
        for (lo, hi) in sorted {
            match out.last_mut() {
                Some(last) if u64::from(lo) <= u64::from(last.1) + 1 => last.1 = last.1.max(hi),
                _ => out.push((lo, hi)),
            }
        }
        Ranges(out)
    }

    /// The values in both sets.
    pub(crate) fn intersect(&self, other: &Ranges) -> Ranges {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < self.0.len() && j < other.0.len() {
            let (a, b) = (self.0[i], other.0[j]);
            let lo = a.0.max(b.0);
            let hi = a.1.min(b.1);
            if lo <= hi {
                out.push((lo, hi));
            }
            if a.1 < b.1 { i += 1 } else { j += 1 }
        }
        Ranges(out)
    }

    /// The values of this set that are not in `other`.
    pub(crate) fn minus(&self, other: &Ranges) -> Ranges {
        let mut out = Vec::new();
        let mut j = 0;
        for &(lo, hi) in &self.0 {
            let mut start = u64::from(lo);
            let end = u64::from(hi);
            while j < other.0.len() && u64::from(other.0[j].1) < start {
                j += 1;
            }
            let mut k = j;
            while start <= end && k < other.0.len() && u64::from(other.0[k].0) <= end {
                let (olo, ohi) = (u64::from(other.0[k].0), u64::from(other.0[k].1));
                if olo > start {
                    out.push((start as u32, (olo - 1) as u32));
                }
                start = start.max(ohi + 1);
                k += 1;
            }
            if start <= end {
                out.push((start as u32, end as u32));
            }
        }
        Ranges(out)
    }

    /// The set as the fewest CIDR blocks that make it up exactly.
    pub(crate) fn to_cidrs(&self) -> Vec<Ipv4Net> {
        let mut out = Vec::new();
        for &(lo, hi) in &self.0 {
            let (mut start, end) = (u64::from(lo), u64::from(hi));
            while start <= end {
                // The largest aligned block that starts at `start` and ends by `end`.
                let mut size: u64 = if start == 0 { 1 << 32 } else { 1 << start.trailing_zeros().min(32) };
                while start + size - 1 > end {
                    size >>= 1;
                }
                let prefix = 32 - size.trailing_zeros() as u8;
                out.push(Ipv4Net::new(Ipv4Addr::from(start as u32), prefix).expect("prefix ≤ 32"));
                start += size;
            }
        }
        out
    }

    /// The set as one CIDR block, when it is exactly one.
    pub(crate) fn as_one_cidr(&self) -> Option<Ipv4Net> {
        let cidrs = self.to_cidrs();
        (cidrs.len() == 1).then(|| cidrs[0])
    }

    /// Addresses for people: CIDR blocks, `0.0.0.0/0 (public addresses)` for the public
    /// internet, the first few blocks and a count when there are many.
    pub(crate) fn describe_addresses(&self, lang: Lang) -> String {
        if *self == Ranges::internet() {
            return crate::msg::text(lang, "reach-addresses-internet", &[]);
        }
        let cidrs = self.to_cidrs();
        let shown: Vec<String> = cidrs.iter().take(3).map(ToString::to_string).collect();
        if cidrs.len() > 3 {
            let more = (cidrs.len() - 3).to_string();
            crate::msg::text(
                lang,
                "reach-addresses-more",
                &[("shown", shown.join(", ").into()), ("more", more.into())],
            )
        } else {
            shown.join(", ")
        }
    }

    /// Ports for people: `3306`, `1024-65535`, `80, 443`.
    pub(crate) fn describe_ports(&self) -> String {
        self.0
            .iter()
            .map(|&(lo, hi)| if lo == hi { lo.to_string() } else { format!("{lo}-{hi}") })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Blocks that are never addresses on the public internet.
const NOT_INTERNET: [&str; 9] = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "224.0.0.0/4",
    "240.0.0.0/4",
];

/// An IPv4 CIDR block, host bits cleared (`10.10.3.7/24` is `10.10.3.0/24`); a bare address is
/// a /32.
pub(crate) fn parse_net(text: &str) -> Option<Ipv4Net> {
    let text = text.trim();
    if let Ok(net) = text.parse::<Ipv4Net>() {
        return Some(net.trunc());
    }
    text.parse::<Ipv4Addr>().ok().map(|a| Ipv4Net::new(a, 32).expect("/32"))
}

/// An address for people.
pub(crate) fn ip(addr: u32) -> String {
    Ipv4Addr::from(addr).to_string()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn r(v: &[(u32, u32)]) -> Ranges {
        Ranges::union_all(v.iter().map(|&(a, b)| Ranges::span(a.min(b), a.max(b))).collect::<Vec<_>>().iter())
    }

    #[test]
    fn set_operations_on_examples() {
        let a = r(&[(1, 10), (20, 30)]);
        assert_eq!(a.minus(&r(&[(5, 25)])), r(&[(1, 4), (26, 30)]));
        assert_eq!(a.intersect(&r(&[(5, 25)])), r(&[(5, 10), (20, 25)]));
        assert_eq!(a.union(&r(&[(11, 19)])), r(&[(1, 30)]));
        assert!(a.covers(&r(&[(2, 3), (21, 29)])) && !a.covers(&r(&[(9, 21)])));
        assert!(Ranges::all_addresses().minus(&Ranges::all_addresses()).is_empty());
        assert_eq!(Ranges::span(0, u32::MAX).minus(&Ranges::one(0)), Ranges::span(1, u32::MAX));
    }

    #[test]
    fn the_internet_excludes_private_blocks_and_halves_cover_everything() {
        let internet = Ranges::internet();
        assert!(internet.contains(u32::from(Ipv4Addr::new(8, 8, 8, 8))));
        assert!(!internet.contains(u32::from(Ipv4Addr::new(10, 10, 3, 7))));
        assert!(!internet.contains(u32::from(Ipv4Addr::new(172, 16, 1, 1))));
        let halves =
            Ranges::parse_net("0.0.0.0/1").unwrap().union(&Ranges::parse_net("128.0.0.0/1").unwrap());
        assert_eq!(halves, Ranges::all_addresses(), "two halves are as wide open as 0.0.0.0/0");
        assert_eq!(Ranges::all_addresses().as_one_cidr().unwrap().to_string(), "0.0.0.0/0");
        assert_eq!(parse_net("10.10.3.7/24").unwrap().to_string(), "10.10.3.0/24");
        assert_eq!(parse_net("10.10.3.7").unwrap().to_string(), "10.10.3.7/32");
    }

    #[test]
    fn cidrs_round_trip() {
        let set =
            Ranges::parse_net("10.10.3.0/24").unwrap().minus(&Ranges::parse_net("10.10.3.0/26").unwrap());
        let cidrs: Vec<String> = set.to_cidrs().iter().map(ToString::to_string).collect();
        assert_eq!(cidrs, ["10.10.3.64/26", "10.10.3.128/25"]);
    }

    proptest! {
        #[test]
        fn set_operations_agree_with_membership(
            a in proptest::collection::vec((0u32..200, 0u32..200), 0..5),
            b in proptest::collection::vec((0u32..200, 0u32..200), 0..5),
        ) {
            let (sa, sb) = (r(&a), r(&b));
            for v in 0..205 {
                let (ia, ib) = (sa.contains(v), sb.contains(v));
                prop_assert_eq!(sa.union(&sb).contains(v), ia || ib);
                prop_assert_eq!(sa.intersect(&sb).contains(v), ia && ib);
                prop_assert_eq!(sa.minus(&sb).contains(v), ia && !ib);
            }
            let back = Ranges::union_all(sa.to_cidrs().iter().map(|c| Ranges::net(*c)).collect::<Vec<_>>().iter());
            prop_assert_eq!(back, sa);
        }
    }
}
