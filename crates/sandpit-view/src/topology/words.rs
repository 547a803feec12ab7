//! The words of the picture that are not AWS's own: tier names, a target's numbered zones,
//! peering labels and states, the load-balancing band's words — from the catalogue, in the
//! picture's language. The model keeps the values as the labs and AWS spell them (`public`,
//! `active`, `internal`), so comparing target and account never depends on the language; only
//! what is drawn or said is translated. Ids, CIDRs and AWS's names (VPC, NAT, ALB) stay as they are.

use sandpit_core::{Lang, Localized, msg};

/// How a target names its `n`th Availability Zone (1-based), before it is drawn: the target asks
/// for subnets in different zones, not for given zones.
pub(crate) fn placeholder_zone(n: Option<usize>) -> String {
    match n {
        Some(n) => format!("AZ {n}"),
        None => "AZ ?".to_owned(),
    }
}

/// A subnet's zone as drawn: a target's placeholder in words, a real zone (`ap-northeast-2a`) as
/// AWS names it.
pub(crate) fn zone(az: &str, lang: Lang) -> String {
    match az.strip_prefix("AZ ") {
        Some("?") => msg::text(lang, "topology-zone-unknown", &[]),
        Some(n) if n.parse::<usize>().is_ok() => msg::text(lang, "topology-zone", &[("number", n.into())]),
        _ => az.to_owned(),
    }
}

/// A tier in words; a tier no lab uses is shown as it is spelled.
pub(crate) fn tier(tier: &str) -> Localized {
    let id = match tier {
        "public" => "topology-tier-public",
        "web" => "topology-tier-web",
        "WAS" => "topology-tier-was",
        "DB" => "topology-tier-db",
        "private" => "topology-tier-private",
        "web/WAS" => "topology-tier-web-was",
        other => return verbatim(other),
    };
    msg::localized(id, &[])
}

/// A load balancer's scheme (`internal`, `internet-facing`) in words.
pub(crate) fn scheme(scheme: &str) -> Localized {
    let id = match scheme {
        "internal" => "topology-scheme-internal",
        "internet-facing" => "topology-scheme-internet-facing",
        other => return verbatim(other),
    };
    msg::localized(id, &[])
}

/// A peering connection's label beside its line: its id (a target's has none yet) and its state.
pub(crate) fn peering_label(id: Option<&str>, status: &str, lang: Lang) -> String {
    let name = id.map_or_else(|| msg::text(lang, "topology-peering", &[]), str::to_owned);
    let status = match status {
        "active" => msg::text(lang, "topology-peering-status-active", &[]),
        "pending-acceptance" => msg::text(lang, "topology-peering-status-pending-acceptance", &[]),
        // The rarer states (failed, expired, …) as AWS spells them: the console's reader can
        // look them up by that name.
        other => other.to_owned(),
    };
    format!("{name} · {status}")
}

/// The route line's mark for a route into a peering connection.
pub(crate) fn peering_route(lang: Lang) -> String {
    msg::text(lang, "topology-peering-route", &[])
}

/// A value that is not a word of ours (a tier or scheme AWS or a lab spelled otherwise), the same
/// in both languages.
fn verbatim(text: &str) -> Localized {
    Localized::new(text, text)
}
