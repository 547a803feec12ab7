//! What each resource in an account *does* in a lab's architecture, read from how it is wired
//! rather than what it is called: the application VPC by its shape (public subnets routed to an
//! internet gateway, private ones beside them), the database VPC by its database or its peering,
//! subnets public or private by their routes, the tiers by the security-group chain (the load
//! balancer's group open to the internet, the web tier's admitting it, the WAS tier's admitting
//! the web tier, the database's admitting the WAS tier), the KMS key by what the database uses.
//!
//! Names only break ties and order choices (a subnet tagged `web` is a better web candidate than
//! one tagged `db`); a layout built from someone else's template, with other names and
//! addresses, is read the same way. [`crate::discover`] turns this into lab parameters, and
//! check kinds use it to judge a resource by its function when its name is not the lab's.

use std::collections::{BTreeMap, BTreeSet};

use ipnet::Ipv4Net;

use crate::checks::addresses::{Addresses, addresses, covers_the_internet, covers_v4};
use crate::checks::args::Cidr;
use crate::snapshot::{
    DbInstance, DbSubnetGroup, HostedZone, KmsKey, RouteTargetKind, RuleSource, SecurityGroup, Snapshot,
    Subnet, Vpc,
};

/// A tier of the three-tier architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Tier {
    /// Subnets routed to an internet gateway (load balancer, NAT gateway).
    Public,
    /// Private web servers.
    Web,
    /// Private application servers.
    Was,
    /// Databases.
    Db,
}

/// A security group and the TCP port it admits from the tier in front of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TierGroup<'s> {
    /// The group.
    pub(crate) group: &'s SecurityGroup,
    /// The port it admits from the tier in front (none for the load balancer's group).
    pub(crate) port: Option<u16>,
}

/// The lab roles found in one snapshot. Every field is optional: a snapshot holds only the
/// resource kinds its lab reads, and an account holds what the learner built so far.
#[derive(Debug, Default)]
pub(crate) struct Layout<'s> {
    /// The VPC of the web and WAS tiers.
    pub(crate) app_vpc: Option<&'s Vpc>,
    /// The database VPC (never the application VPC).
    pub(crate) db_vpc: Option<&'s Vpc>,
    /// Subnets of the application VPC by tier, one per Availability Zone in zone order.
    pub(crate) tiers: BTreeMap<Tier, Vec<&'s Subnet>>,
    /// Subnets of the database VPC, at most three, over as many zones as there are.
    pub(crate) db_subnets: Vec<&'s Subnet>,
    /// The load balancer's group (open to the internet on 80 or 443).
    pub(crate) alb_sg: Option<TierGroup<'s>>,
    /// The web tier's group (admits a port from the load balancer's group).
    pub(crate) web_sg: Option<TierGroup<'s>>,
    /// The WAS tier's group (admits a port from the web tier's group).
    pub(crate) was_sg: Option<TierGroup<'s>>,
    /// The database's group (admits a port from the WAS tier, by group or address).
    pub(crate) db_sg: Option<TierGroup<'s>>,
    /// The database instance of the database VPC.
    pub(crate) db_instance: Option<&'s DbInstance>,
    /// Its DB subnet group (or the database VPC's).
    pub(crate) db_subnet_group: Option<&'s DbSubnetGroup>,
    /// The customer-managed key the database is encrypted with (or the only one with an
    /// alias), with the alias to call it by.
    pub(crate) key: Option<(&'s KmsKey, &'s str)>,
    /// The public hosted zone that holds the lab's records.
    pub(crate) zone: Option<&'s HostedZone>,
}

/// Words of a Name tag that say a tier, in the languages templates use.
fn tier_of_name(name: &str) -> Option<Tier> {
    let name = name.to_ascii_lowercase();
    let words: Vec<&str> =
        name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |keys: &[&str]| words.iter().any(|w| keys.iter().any(|k| w == k || w.starts_with(k)));
    if has(&["db", "data", "database", "rds", "mysql", "postgres", "aurora"]) {
        Some(Tier::Db)
    } else if has(&["was", "app", "application", "backend", "api", "logic", "tomcat", "middle"]) {
        Some(Tier::Was)
    } else if has(&["web", "front", "frontend", "presentation", "nginx"]) {
        Some(Tier::Web)
    } else if has(&["pub", "public", "dmz", "edge"]) {
        Some(Tier::Public)
    } else {
        None
    }
}

/// Whether `subnet` reaches an internet gateway (what makes a subnet public).
pub(crate) fn is_public(snap: &Snapshot, subnet: &Subnet) -> bool {
    snap.route_table_for_subnet(subnet).is_some_and(|rt| {
        rt.routes.iter().any(|r| {
            r.target_kind == RouteTargetKind::InternetGateway
                && r.state != "blackhole"
                && (r.destination == "0.0.0.0/0" || r.destination == "::/0")
        })
    })
}

fn cidr(subnet: &Subnet) -> Option<Ipv4Net> {
    Cidr::parse(&subnet.cidr).ok().map(|c| c.0)
}

fn by_cidr(a: &&Subnet, b: &&Subnet) -> std::cmp::Ordering {
    cidr(a).cmp(&cidr(b)).then_with(|| a.id.cmp(&b.id))
}

/// The groups of `vpc_ids` open to the internet on TCP 80 or 443 (a load balancer's).
fn internet_facing<'s>(snap: &'s Snapshot, vpc: &str) -> Vec<&'s SecurityGroup> {
    snap.security_groups
        .iter()
        .filter(|g| g.vpc_id == vpc)
        .filter(|g| [80, 443].into_iter().any(|port| opens_to_internet(snap, g, port)))
        .collect()
}

/// Whether the group's rules for TCP `port`, together, admit every address.
pub(crate) fn opens_to_internet(snap: &Snapshot, group: &SecurityGroup, port: u16) -> bool {
    let blocks: Vec<ipnet::IpNet> = group
        .ingress
        .iter()
        .filter(|r| r.allows_tcp_port(port))
        .filter_map(|r| match addresses(snap, &r.source) {
            Addresses::Blocks(b) => Some(b),
            _ => None,
        })
        .flatten()
        .collect();
    covers_the_internet(&blocks)
}

/// The groups (not in `exclude`) that admit TCP from one of `sources`, with the port, best
/// first: a name that says `tier`, a single port, fewer rules, then the id.
fn admitting_from<'s>(
    snap: &'s Snapshot,
    vpcs: &[&str],
    sources: &[&SecurityGroup],
    exclude: &BTreeSet<&str>,
    tier: Tier,
) -> Vec<TierGroup<'s>> {
    let mut found: Vec<(TierGroup<'s>, (bool, bool, usize))> = snap
        .security_groups
        .iter()
        .filter(|g| vpcs.contains(&g.vpc_id.as_str()) && !exclude.contains(g.id.as_str()))
        .filter_map(|g| {
            let rule = g.ingress.iter().find(|r| {
                !r.through_dead_peering()
                    && matches!(&r.source, RuleSource::Group(id) if id != &g.id && sources.iter().any(|s| s.id == *id))
            })?;
            let port = rule.single_tcp_port();
            let named = [g.name.as_str(), g.name_tag().unwrap_or("")].iter().any(|n| tier_of_name(n) == Some(tier));
            Some((TierGroup { group: g, port }, (!named, port.is_none(), g.ingress.len())))
        })
        .collect();
    found.sort_by(|(a, ka), (b, kb)| ka.cmp(kb).then_with(|| a.group.id.cmp(&b.group.id)));
    found.into_iter().map(|(g, _)| g).collect()
}

impl<'s> Layout<'s> {
    /// Reads the roles out of `snap`.
    pub(crate) fn infer(snap: &'s Snapshot) -> Self {
        let mut layout = Layout::default();
        let candidates: Vec<&Vpc> = {
            let own: Vec<&Vpc> = snap.vpcs.iter().filter(|v| !v.is_default).collect();
            if own.is_empty() { snap.vpcs.iter().collect() } else { own }
        };
        let subnets_of = |vpc: &Vpc| -> Vec<&'s Subnet> {
            let mut s: Vec<&Subnet> = snap.subnets.iter().filter(|s| s.vpc_id == vpc.id).collect();
            s.sort_by(by_cidr);
            s
        };
        // The database VPC first when a database says where it is: then the application VPC
        // is never mistaken for it.
        let db_home = snap
            .db_instances
            .iter()
            .filter(|d| !matches!(d.status.as_str(), "deleting" | "deleted"))
            .find_map(|d| d.vpc_id.as_deref())
            .or_else(|| snap.db_subnet_groups.iter().next().map(|g| g.vpc_id.as_str()));

        // The application VPC: public subnets beside private ones, most of them, a load
        // balancer's group; not the database's VPC.
        let app_score = |v: &Vpc| {
            let subnets = subnets_of(v);
            let public = subnets.iter().filter(|s| is_public(snap, s)).count();
            let private = subnets.len() - public;
            let facing = !internet_facing(snap, &v.id).is_empty();
            let home =
                db_home == Some(v.id.as_str()) && snap.vpcs.iter().filter(|w| !w.is_default).count() > 1;
            (
                !home,
                public > 0 && private > 0,
                public > 0 || facing,
                subnets.len().min(12),
                std::cmp::Reverse(v.id.clone()),
            )
        };
        layout.app_vpc =
            candidates.iter().copied().filter(|v| !subnets_of(v).is_empty()).max_by_key(|v| app_score(v));

        // The database VPC: where the database is, else the app VPC's peer, else a VPC with
        // subnets and no way to the internet.
        let app_id = layout.app_vpc.map(|v| v.id.as_str());
        let peered = |v: &Vpc| {
            app_id.is_some_and(|a| {
                snap.peering_connections.iter().any(|p| {
                    p.connects(a, &v.id)
                        && !matches!(p.status.as_str(), "deleted" | "rejected" | "failed" | "expired")
                })
            })
        };
        layout.db_vpc = candidates
            .iter()
            .copied()
            .filter(|v| Some(v.id.as_str()) != app_id && !subnets_of(v).is_empty())
            .max_by_key(|v| {
                let subnets = subnets_of(v);
                (
                    db_home == Some(v.id.as_str()),
                    peered(v),
                    !subnets.iter().any(|s| is_public(snap, s)),
                    subnets.len().min(6),
                    std::cmp::Reverse(v.id.clone()),
                )
            });

        layout.security_groups(snap);
        if let Some(app) = layout.app_vpc {
            layout.tiers = layout.app_tiers(snap, subnets_of(app));
        }
        if let Some(db) = layout.db_vpc {
            layout.db_subnets = db_subnets(snap, db, subnets_of(db));
            layout.db_instance = snap
                .db_instances
                .iter()
                .filter(|d| !matches!(d.status.as_str(), "deleting" | "deleted"))
                .find(|d| d.vpc_id.as_deref() == Some(db.id.as_str()));
            layout.db_subnet_group = layout
                .db_instance
                .and_then(|d| d.subnet_group.as_deref())
                .and_then(|name| snap.db_subnet_groups.iter().find(|g| g.name == name))
                .or_else(|| snap.db_subnet_groups.iter().find(|g| g.vpc_id == db.id));
        }
        layout.key = key(snap, layout.db_instance);
        layout.zone = zone(snap);
        layout
    }

    /// The tier chain: load balancer → web → WAS in the application VPC, and the database's
    /// group admitting the WAS tier.
    fn security_groups(&mut self, snap: &'s Snapshot) {
        let mut used = BTreeSet::new();
        if let Some(app) = self.app_vpc {
            let facing = internet_facing(snap, &app.id);
            let web = admitting_from(snap, &[&app.id], &facing, &used, Tier::Web);
            // The load balancer's group is the one the web tier admits.
            let web_choice = web.first().copied();
            self.alb_sg = web_choice
                .and_then(|w| {
                    w.group.ingress.iter().find_map(|r| match &r.source {
                        RuleSource::Group(id) => facing.iter().find(|g| g.id == *id),
                        _ => None,
                    })
                })
                .or(facing.first())
                .map(|g| TierGroup { group: g, port: None });
            if let Some(alb) = self.alb_sg {
                used.insert(alb.group.id.as_str());
            }
            self.web_sg = web_choice;
            if let Some(web) = self.web_sg {
                used.insert(web.group.id.as_str());
                let was = admitting_from(snap, &[&app.id], &[web.group], &used, Tier::Was);
                self.was_sg = was.first().copied();
            }
        }
        if let Some(was) = self.was_sg {
            used.insert(was.group.id.as_str());
        }
        // The database's group: attached to the database when there is one, else the group of
        // the database VPC that admits the WAS tier (by group or by its addresses).
        // Without a database VPC the database's group can only be told by its WAS source: any
        // group of the application VPC admits that VPC's own addresses.
        let (db_vpc, by_address) = match (self.db_vpc, self.app_vpc) {
            (Some(db), _) => (db, true),
            (None, Some(app)) => (app, false),
            (None, None) => return,
        };
        let attached: Vec<&str> = snap
            .db_instances
            .iter()
            .filter(|d| d.vpc_id.as_deref() == Some(db_vpc.id.as_str()))
            .flat_map(|d| d.security_groups.iter().map(String::as_str))
            .collect();
        let app_blocks: Vec<Ipv4Net> = self
            .app_vpc
            .map(|v| v.all_cidrs().filter_map(|c| Cidr::parse(c).ok().map(|c| c.0)).collect())
            .unwrap_or_default();
        let was_id = self.was_sg.map(|w| w.group.id.as_str());
        let mut best: Option<(TierGroup<'s>, (bool, bool, bool))> = None;
        for g in
            snap.security_groups.iter().filter(|g| g.vpc_id == db_vpc.id && !used.contains(g.id.as_str()))
        {
            for r in g.ingress.iter().filter(|r| !r.through_dead_peering()) {
                let from_was = match &r.source {
                    RuleSource::Group(id) => Some(id.as_str()) == was_id && was_id.is_some(),
                    _ => false,
                };
                let from_app_addresses = by_address
                    && match addresses(snap, &r.source) {
                        Addresses::Blocks(blocks) => {
                            !blocks.is_empty()
                                && blocks.iter().all(|b| match b {
                                    ipnet::IpNet::V4(n) => covers_v4(&app_blocks, *n),
                                    ipnet::IpNet::V6(_) => false,
                                })
                        }
                        _ => false,
                    };
                if !(from_was || from_app_addresses) || r.single_tcp_port().is_none() {
                    continue;
                }
                let rank =
                    (attached.contains(&g.id.as_str()), from_was, tier_of_name(&g.name) == Some(Tier::Db));
                if best.as_ref().is_none_or(|(_, k)| rank > *k) {
                    best = Some((TierGroup { group: g, port: r.single_tcp_port() }, rank));
                }
            }
        }
        self.db_sg = best.map(|(g, _)| g).or_else(|| {
            // A database with one group of its own: that group, whatever it admits.
            let own: Vec<&SecurityGroup> = attached
                .iter()
                .filter_map(|id| snap.security_group(id))
                .filter(|g| g.name != "default")
                .collect();
            match own.as_slice() {
                [g] => Some(TierGroup { group: g, port: None }),
                _ => None,
            }
        });
    }

    /// The application VPC's subnets by tier: public by their routes; the WAS tier by the
    /// database group's sources; the rest by their names, then row by row per zone (web first).
    fn app_tiers(&self, snap: &'s Snapshot, subnets: Vec<&'s Subnet>) -> BTreeMap<Tier, Vec<&'s Subnet>> {
        let in_db_group: BTreeSet<&str> =
            snap.db_subnet_groups.iter().flat_map(|g| g.subnets.iter().map(|s| s.id.as_str())).collect();
        let was_blocks: Vec<Ipv4Net> = self
            .db_sg
            .map(|g| {
                g.group
                    .ingress
                    .iter()
                    .filter_map(|r| match addresses(snap, &r.source) {
                        Addresses::Blocks(b) => Some(b),
                        _ => None,
                    })
                    .flatten()
                    .filter_map(|b| if let ipnet::IpNet::V4(n) = b { Some(n) } else { None })
                    .collect()
            })
            .unwrap_or_default();
        // The database's sources name the WAS tier only when they single out some private
        // subnets, not all of them (a rule from the whole VPC says nothing about tiers).
        let private: Vec<&Subnet> = subnets.iter().copied().filter(|s| !is_public(snap, s)).collect();
        let covered =
            |s: &Subnet| cidr(s).is_some_and(|c| !was_blocks.is_empty() && covers_v4(&was_blocks, c));
        let singles_out = private.iter().any(|s| covered(s)) && !private.iter().all(|s| covered(s));
        let mut tier: BTreeMap<&str, Tier> = BTreeMap::new();
        for s in &subnets {
            let named = s.name().and_then(tier_of_name);
            let t = if is_public(snap, s) {
                Tier::Public
            } else if in_db_group.contains(s.id.as_str()) || named == Some(Tier::Db) {
                Tier::Db
            } else if singles_out && covered(s) {
                Tier::Was
            } else if let Some(t @ (Tier::Web | Tier::Was)) = named {
                t
            } else {
                continue;
            };
            tier.insert(&s.id, t);
        }
        // Unnamed private subnets: row by row in each zone (lowest address first), filling the
        // tiers that have no subnet yet, web before WAS.
        let mut rows: BTreeMap<&str, Vec<&Subnet>> = BTreeMap::new();
        for s in subnets.iter().filter(|s| !tier.contains_key(s.id.as_str())) {
            rows.entry(s.availability_zone.as_str()).or_default().push(s);
        }
        let depth = rows.values().map(Vec::len).max().unwrap_or(0);
        let mut open: Vec<Tier> = [Tier::Web, Tier::Was]
            .into_iter()
            .filter(|t| tier.values().filter(|x| *x == t).count() < 2)
            .collect();
        for row in 0..depth {
            let Some(t) = (!open.is_empty()).then(|| open.remove(0)) else { break };
            for zone in rows.values() {
                if let Some(s) = zone.get(row) {
                    tier.insert(&s.id, t);
                }
            }
        }
        let mut out: BTreeMap<Tier, Vec<&Subnet>> = BTreeMap::new();
        for t in [Tier::Public, Tier::Web, Tier::Was, Tier::Db] {
            // One subnet per zone, zones in name order, lowest address first within a zone.
            let mut per_zone: BTreeMap<&str, &Subnet> = BTreeMap::new();
            for s in subnets.iter().filter(|s| tier.get(s.id.as_str()) == Some(&t)) {
                per_zone.entry(s.availability_zone.as_str()).or_insert(s);
            }
            if !per_zone.is_empty() {
                out.insert(t, per_zone.into_values().collect());
            }
        }
        out
    }

    /// The subnets of `tier`, in zone order.
    pub(crate) fn tier(&self, tier: Tier) -> &[&'s Subnet] {
        self.tiers.get(&tier).map_or(&[], Vec::as_slice)
    }
}

/// The database VPC's subnets: those of its DB subnet group first, taken zone by zone so three
/// picks span as many zones as there are, then in address order.
fn db_subnets<'s>(snap: &'s Snapshot, vpc: &Vpc, subnets: Vec<&'s Subnet>) -> Vec<&'s Subnet> {
    let grouped: BTreeSet<&str> = snap
        .db_subnet_groups
        .iter()
        .filter(|g| g.vpc_id == vpc.id)
        .flat_map(|g| g.subnets.iter().map(|s| s.id.as_str()))
        .collect();
    let pool: Vec<&Subnet> = if subnets.iter().any(|s| grouped.contains(s.id.as_str())) {
        subnets.iter().copied().filter(|s| grouped.contains(s.id.as_str())).collect()
    } else {
        subnets.iter().copied().filter(|s| !is_public(snap, s)).collect()
    };
    let mut zones: BTreeMap<&str, Vec<&Subnet>> = BTreeMap::new();
    for s in pool {
        zones.entry(s.availability_zone.as_str()).or_default().push(s);
    }
    let mut picked = Vec::new();
    let depth = zones.values().map(Vec::len).max().unwrap_or(0);
    'rows: for row in 0..depth {
        for zone in zones.values() {
            if let Some(s) = zone.get(row) {
                picked.push(*s);
                if picked.len() == 3 {
                    break 'rows;
                }
            }
        }
    }
    picked.sort_by(by_cidr);
    picked
}

/// An alias to call a customer-managed key by (not an `alias/aws/…` one).
pub(crate) fn own_alias(key: &KmsKey) -> Option<&str> {
    key.aliases.iter().map(String::as_str).find(|a| !a.starts_with("alias/aws/"))
}

/// The customer-managed key the database is encrypted with (through its cluster for Aurora),
/// else the only enabled customer-managed key with an alias.
fn key<'s>(snap: &'s Snapshot, db: Option<&'s DbInstance>) -> Option<(&'s KmsKey, &'s str)> {
    let used = db.and_then(|d| {
        let cluster = d.cluster_id.as_deref().and_then(|c| snap.db_clusters.iter().find(|x| x.id == c));
        cluster.and_then(|c| c.kms_key_id.as_deref()).or(d.kms_key_id.as_deref())
    });
    if let Some(key) = used.and_then(|r| snap.kms_key(r)).filter(|k| k.manager == "CUSTOMER") {
        return own_alias(key).map(|a| (key, a));
    }
    let aliased: Vec<(&KmsKey, &str)> = snap
        .kms_keys
        .iter()
        .filter(|k| k.manager == "CUSTOMER" && k.state == "Enabled")
        .filter_map(|k| own_alias(k).map(|a| (k, a)))
        .collect();
    match aliased.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The public hosted zone holding most of what the DNS lab builds (A or alias, CNAME, MX, a
/// weighted set); the only one when there is one.
fn zone(snap: &Snapshot) -> Option<&HostedZone> {
    let public: Vec<&HostedZone> = snap.hosted_zones.iter().filter(|z| !z.private).collect();
    let score = |z: &HostedZone| {
        let has = |t: &str| z.records.iter().any(|r| r.rtype == t);
        let weighted = z.records.iter().filter(|r| r.weight.is_some()).count() >= 2;
        [has("A"), has("CNAME"), has("MX"), weighted].iter().filter(|b| **b).count()
    };
    match public.as_slice() {
        [one] => Some(one),
        many => many
            .iter()
            .copied()
            .filter(|z| score(z) > 0)
            .max_by_key(|z| (score(z), std::cmp::Reverse(z.name.clone()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::fixtures::{rds_solved, solved};

    #[test]
    fn the_solved_project_is_read_role_by_role() {
        let (b, s) = solved();
        let snap = b.build();
        let l = Layout::infer(&snap);
        assert_eq!(l.app_vpc.map(|v| v.id.as_str()), Some(s.app_vpc.as_str()));
        assert_eq!(l.db_vpc.map(|v| v.id.as_str()), Some(s.db_vpc.as_str()));
        let ids = |t: Tier| l.tier(t).iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(Tier::Public), s.public);
        assert_eq!(ids(Tier::Web), s.web);
        assert_eq!(ids(Tier::Was), s.was);
        assert_eq!(l.alb_sg.map(|g| g.group.id.as_str()), Some(s.alb_sg.as_str()));
        assert_eq!(l.web_sg.map(|g| (g.group.id.as_str(), g.port)), Some((s.web_sg.as_str(), Some(80))));
        assert_eq!(l.was_sg.map(|g| (g.group.id.as_str(), g.port)), Some((s.was_sg.as_str(), Some(8080))));
        assert_eq!(l.db_sg.map(|g| (g.group.id.as_str(), g.port)), Some((s.db_sg.as_str(), Some(3306))));
        let db: Vec<String> = l.db_subnets.iter().map(|x| x.id.clone()).collect();
        assert_eq!(db, s.db);
    }

    #[test]
    fn names_and_addresses_do_not_decide_roles() {
        // The same wiring with other names, a /20 VPC split into /22 and /23 subnets, one
        // private route table per zone, the load balancer open through two halves of the internet.
        let (a, c) = ("us-east-1a", "us-east-1b");
        let mut b = crate::checks::fixtures::Builder::empty();
        let v = b.vpc("10.50.0.0/20", "");
        let web = [b.subnet(&v, "10.50.0.0/22", a, ""), b.subnet(&v, "10.50.4.0/22", c, "")];
        let was = [b.subnet(&v, "10.50.8.0/23", a, ""), b.subnet(&v, "10.50.10.0/23", c, "")];
        let public = [b.subnet(&v, "10.50.12.0/23", a, ""), b.subnet(&v, "10.50.14.0/23", c, "")];
        let igw = b.igw(Some(&v));
        let eip = b.eip();
        let nat = b.nat(&v, &public[0], Some(&eip), "available");
        b.route_table(&v, &[&public[0], &public[1]], &[("0.0.0.0/0", &igw)]);
        b.route_table(&v, &[&web[0], &was[0]], &[("0.0.0.0/0", &nat)]);
        b.route_table(&v, &[&web[1], &was[1]], &[("0.0.0.0/0", &nat)]);
        use crate::checks::fixtures::{cidr, group, tcp};
        let lb = b.sg(
            &v,
            "LoadBalancerSecurityGroup-1X2Y",
            vec![tcp(443, cidr("0.0.0.0/1")), tcp(443, cidr("128.0.0.0/1"))],
        );
        let front = b.sg(&v, "sg-frontend-7", vec![tcp(8000, group(&lb))]);
        let back = b.sg(&v, "AppServers", vec![tcp(9000, group(&front))]);
        let snap = b.build();
        let l = Layout::infer(&snap);
        let ids = |t: Tier| l.tier(t).iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(Tier::Public), public);
        assert_eq!(ids(Tier::Web), web);
        assert_eq!(ids(Tier::Was), was);
        assert_eq!(l.alb_sg.map(|g| g.group.id.clone()), Some(lb));
        assert_eq!(l.web_sg.map(|g| (g.group.id.clone(), g.port)), Some((front, Some(8000))));
        assert_eq!(l.was_sg.map(|g| (g.group.id.clone(), g.port)), Some((back, Some(9000))));
    }

    #[test]
    fn the_key_is_the_one_the_database_uses_whatever_its_alias() {
        let (mut b, s) = rds_solved();
        let other = b.kms_key("alias/team7-mysql", "CUSTOMER");
        b.db(&s.db).kms_key_id = Some(format!("arn:aws:kms:ap-northeast-2:123456789012:key/{other}"));
        let snap = b.build();
        let l = Layout::infer(&snap);
        assert_eq!(l.key.map(|(k, a)| (k.id.clone(), a)), Some((other, "alias/team7-mysql")));
        assert_eq!(l.db_instance.map(|d| d.id.as_str()), Some("lab-db"));
        assert_eq!(l.db_subnet_group.map(|g| g.name.as_str()), Some("lab-db-subnets"));
    }

    #[test]
    fn tier_words_in_names() {
        assert_eq!(tier_of_name("was_vpc1-1_pri"), Some(Tier::Was));
        assert_eq!(tier_of_name("web_vpc1-2_pri"), Some(Tier::Web));
        assert_eq!(tier_of_name("pub_vpc1-1"), Some(Tier::Public));
        assert_eq!(tier_of_name("Private DB subnet (AZ1)"), Some(Tier::Db));
        assert_eq!(tier_of_name("App Tier 2"), Some(Tier::Was));
        assert_eq!(tier_of_name("Private subnet 1"), None);
    }
}
