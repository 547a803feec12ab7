//! Finding the lab's resources in a snapshot, the way a person would: by CIDR block, by name.

use crate::checks::args::{Cidr, VpcRef};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{
    Budget, DbInstance, HostedZone, SecurityGroup, Snapshot, Subnet, Vpc, normalize_dns_name,
};

/// The VPC a reference points at. Matching CIDR blocks win (the `Name` tag breaks ties, then
/// the VPC with most subnets); with no CIDR match, a VPC with the right `Name` tag is returned
/// even if its CIDR is wrong, so later checks can say what is wrong with it.
pub(crate) fn find_vpc<'s>(snap: &'s Snapshot, vref: &VpcRef) -> Option<&'s Vpc> {
    // A VPC's id names it as well as its Name tag does (`--discover` uses the id of a VPC
    // without a Name tag).
    let name_matches = |v: &Vpc| match &vref.name {
        Some(want) => want == &v.id || v.name().is_some_and(|have| want.eq_ignore_ascii_case(have)),
        None => false,
    };
    let subnet_count = |v: &Vpc| snap.subnets.iter().filter(|s| s.vpc_id == v.id).count();
    if let Some(cidr) = &vref.cidr {
        let by_cidr = snap
            .vpcs
            .iter()
            .filter(|v| v.all_cidrs().any(|c| Cidr::parse(c).is_ok_and(|c| c == *cidr)))
            .max_by(|a, b| {
                name_matches(a)
                    .cmp(&name_matches(b))
                    .then_with(|| subnet_count(a).cmp(&subnet_count(b)))
                    .then_with(|| b.id.cmp(&a.id))
            });
        if by_cidr.is_some() {
            return by_cidr;
        }
    }
    snap.vpcs.iter().filter(|v| name_matches(v)).min_by(|a, b| a.id.cmp(&b.id))
}

/// A failing finding for a VPC that is not there, listing what is.
pub(crate) fn vpc_missing(snap: &Snapshot, vref: &VpcRef) -> Finding {
    let label = vref.label();
    let what = &label.en;
    Finding::fail(msg!("resolve-no-vpc-region", what = &label))
        .expected(format!("VPC {what}"))
        .found(list_vpcs(snap))
        .hint(msg!("resolve-no-vpc-region-hint"))
}

/// The VPC, or the failing finding that says it must be built first (for kinds that look at
/// something inside a VPC).
pub(crate) fn require_vpc<'s>(snap: &'s Snapshot, vref: &VpcRef) -> Result<&'s Vpc, Box<Finding>> {
    find_vpc(snap, vref).ok_or_else(|| {
        let label = vref.label();
        let what = &label.en;
        Box::new(
            Finding::fail(msg!("resolve-cannot-check-yet-vpc", what = &label))
                .expected(format!("VPC {what}"))
                .hint(msg!("resolve-cannot-check-yet-vpc-hint")),
        )
    })
}

/// `vpc-1 10.0.0.0/16 (Name x), …` or `no VPC`.
pub(crate) fn list_vpcs(snap: &Snapshot) -> String {
    let vpcs: Vec<String> = snap
        .vpcs
        .iter()
        .map(|v| {
            let mut s = format!("{} {}", v.id, v.all_cidrs().collect::<Vec<_>>().join("+"));
            if let Some(name) = v.name() {
                s.push_str(&format!(" (Name {name})"));
            }
            if v.is_default {
                s.push_str(" (default)");
            }
            s
        })
        .collect();
    if vpcs.is_empty() { "no VPC".to_owned() } else { vpcs.join(", ") }
}

/// The subnet of `vpc` with exactly this CIDR block.
pub(crate) fn subnet_in<'s>(snap: &'s Snapshot, vpc: &Vpc, cidr: &Cidr) -> Option<&'s Subnet> {
    snap.subnets.iter().find(|s| s.vpc_id == vpc.id && Cidr::parse(&s.cidr).is_ok_and(|c| c == *cidr))
}

/// `subnet-… (10.10.3.0/24, WAS)`.
pub(crate) fn describe_subnet(subnet: &Subnet, tier: &str) -> String {
    format!("{} ({}, {tier})", subnet.id, subnet.cidr)
}

/// A subnet as each language's message names it.
pub(crate) fn subnet_label(subnet: &Subnet, tier: &str) -> crate::Localized {
    crate::Localized::new(describe_subnet(subnet, tier), describe_subnet_ko(subnet, tier))
}

/// `a or b or c` in each language.
pub(crate) fn either(items: &[String]) -> crate::Localized {
    let or = crate::msg!("checks-list-or");
    crate::Localized::new(items.join(&or.en), items.join(&or.ko))
}

/// A lab's tier label as each language's message says it.
pub(crate) fn tier_label(tier: &str) -> crate::Localized {
    crate::Localized::new(tier, tier_ko(tier))
}

/// [`describe_subnet`] for a Korean message.
pub(crate) fn describe_subnet_ko(subnet: &Subnet, tier: &str) -> String {
    format!("{} ({}, {})", subnet.id, subnet.cidr, tier_ko(tier))
}

/// A lab's tier label (`web`, `public`) as a Korean message says it; a label Sandpit does not
/// know is quoted as code, like any other name from a lab file.
pub(crate) fn tier_ko(tier: &str) -> String {
    let ko = |id: &str| crate::msg::text(crate::Lang::Ko, id, &[]);
    match tier.to_ascii_lowercase().as_str() {
        "web" => ko("checks-tier-web"),
        "public" => ko("checks-tier-public"),
        "private" => ko("checks-tier-private"),
        "app" | "application" => ko("checks-tier-application"),
        "was" | "db" => tier.to_ascii_uppercase(),
        "database" => ko("checks-tier-database"),
        _ if crate::english_words(tier).is_empty() => tier.to_owned(),
        _ => format!("`{tier}`"),
    }
}

/// A failing finding for a lab subnet that is not there (for kinds that need it).
pub(crate) fn subnet_missing(vpc: &Vpc, cidr: &Cidr, tier: &str) -> Finding {
    Finding::fail(msg!(
        "resolve-cannot-check-yet-subnet",
        tier = tier_label(tier),
        cidr = &cidr,
        vpc = &vpc.id
    ))
    .resource(vpc.id.clone())
    .expected(format!("subnet {cidr}"))
    .found("none")
    .hint(msg!("resolve-cannot-check-yet-subnet-hint"))
}

/// A security group by group name or `Name` tag: in `vpc` if given, else in any VPC (a group in
/// a peered VPC can be a rule's source).
pub(crate) fn find_group<'s>(
    snap: &'s Snapshot,
    vpc_id: Option<&str>,
    name: &str,
) -> Option<&'s SecurityGroup> {
    let matches = |g: &&SecurityGroup| {
        g.name.eq_ignore_ascii_case(name) || g.name_tag().is_some_and(|t| t.eq_ignore_ascii_case(name))
    };
    let in_vpc = |g: &&SecurityGroup| vpc_id.is_none_or(|v| g.vpc_id == v);
    snap.security_groups
        .iter()
        .filter(in_vpc)
        .find(|g| g.id == name || g.name.eq_ignore_ascii_case(name))
        .or_else(|| snap.security_groups.iter().filter(in_vpc).find(matches))
}

/// The hosted zone for `domain`; `auto` means the account's only public hosted zone. The error
/// is the finding that explains why there is none to look at.
pub(crate) fn find_zone<'s>(snap: &'s Snapshot, domain: &str) -> Result<&'s HostedZone, Box<Finding>> {
    let public: Vec<&HostedZone> = snap.hosted_zones.iter().filter(|z| !z.private).collect();
    let names = || public.iter().map(|z| z.name.as_str()).collect::<Vec<_>>().join(", ");
    if domain == AUTO_DOMAIN {
        return match public.as_slice() {
            [zone] => Ok(zone),
            [] => Err(Box::new(
                Finding::fail(msg!("resolve-no-public-hosted-zone"))
                    .expected("a public hosted zone")
                    .found("none")
                    .hint(msg!("resolve-no-public-hosted-zone-hint")),
            )),
            _ => Err(Box::new(
                Finding::error(msg!("resolve-several-hosted-zones-say", names = names()))
                    .expected("one hosted zone, or --param domain=NAME")
                    .found(names()),
            )),
        };
    }
    let want = normalize_dns_name(domain);
    public.iter().copied().find(|z| z.name == want).ok_or_else(|| {
        Box::new(
            Finding::fail(msg!("resolve-no-public-hosted-zone-2", want = &want))
                .expected(format!("hosted zone {want}"))
                .found(if public.is_empty() { "none".to_owned() } else { names() })
                .hint(msg!("resolve-no-public-hosted-zone-2-hint", want = &want)),
        )
    })
}

/// [`find_zone`] for checks that read the zone's records: a zone whose records could not be
/// read is the finding that says so (with the denied action), not an empty zone.
pub(crate) fn find_zone_records<'s>(
    snap: &'s Snapshot,
    domain: &str,
) -> Result<&'s HostedZone, Box<Finding>> {
    let zone = find_zone(snap, domain)?;
    if zone.records_not_read {
        return Err(Box::new(
            Finding::error(msg!("resolve-records-hosted-zone-were", zone = &zone.name))
                .resource(zone.id.clone())
                .hint(msg!("resolve-records-hosted-zone-were-hint", zone = &zone.name)),
        ));
    }
    match &zone.unreadable {
        Some(error) => Err(Box::new(
            crate::engine::denial_finding(msg!("resolve-unreadable-records", zone = &zone.name), error)
                .resource(zone.id.clone()),
        )),
        None => Ok(zone),
    }
}

pub(crate) use super::AUTO_DOMAIN;

/// `www` → `www.example.com`, `@` → `example.com`, an absolute name is kept.
pub(crate) fn absolute_name(name: &str, zone: &HostedZone) -> String {
    let name = normalize_dns_name(name);
    if name == "@" || name.is_empty() {
        zone.name.clone()
    } else if name == zone.name || name.ends_with(&format!(".{}", zone.name)) {
        name
    } else {
        format!("{name}.{}", zone.name)
    }
}

/// The DB instances in the lab's VPC, or the failing finding that says there are none yet.
pub(crate) fn db_instances_in<'s>(
    snap: &'s Snapshot,
    vref: &VpcRef,
) -> Result<Vec<&'s DbInstance>, Box<Finding>> {
    let vpc = require_vpc(snap, vref)?;
    let instances: Vec<&DbInstance> = snap
        .db_instances
        .iter()
        .filter(|i| !matches!(i.status.as_str(), "deleting" | "deleted"))
        .filter(|i| i.vpc_id.as_deref() == Some(vpc.id.as_str()))
        .collect();
    if instances.is_empty() {
        let elsewhere: Vec<String> = snap
            .db_instances
            .iter()
            .map(|i| format!("{} in {}", i.id, i.vpc_id.as_deref().unwrap_or("?")))
            .collect();
        return Err(Box::new(
            Finding::fail(msg!("resolve-no-rds-db-instance", vpc = &vpc.id))
                .resource(vpc.id.clone())
                .expected(format!("a DB instance whose subnet group is in {}", vpc.id))
                .found(if elsewhere.is_empty() { "no DB instance".to_owned() } else { elsewhere.join(", ") })
                .hint(msg!("resolve-no-rds-db-instance-hint")),
        ));
    }
    Ok(instances)
}

/// Judges every DB instance of the lab's VPC with `judge`, as it really is configured: an
/// Aurora cluster member's encryption, managed password and backups are its cluster's (when the
/// kind reads clusters), so the instance is judged with those.
pub(crate) fn per_instance(
    snap: &Snapshot,
    vref: &VpcRef,
    mut judge: impl FnMut(&DbInstance) -> Finding,
) -> Vec<Finding> {
    match db_instances_in(snap, vref) {
        Ok(instances) => instances.into_iter().map(|db| judge(&with_cluster(snap, db))).collect(),
        Err(finding) => vec![*finding],
    }
}

/// The instance with what its Aurora cluster decides (encryption and its key, the managed
/// master password, backup retention) taken from the cluster, when the snapshot holds it.
pub(crate) fn with_cluster(snap: &Snapshot, db: &DbInstance) -> DbInstance {
    let mut db = db.clone();
    let cluster = db.cluster_id.as_deref().and_then(|id| snap.db_clusters.iter().find(|c| c.id == id));
    if let Some(c) = cluster {
        db.storage_encrypted = c.storage_encrypted;
        db.kms_key_id = c.kms_key_id.clone().or(db.kms_key_id);
        db.master_user_secret_arn = c.master_user_secret_arn.clone().or(db.master_user_secret_arn);
        db.backup_retention_days = c.backup_retention_days;
    }
    db
}

/// `DB instance lab-db` or `DB instance lab-db-1 (Aurora cluster lab-cluster)`, in both languages.
pub(crate) fn describe_db(db: &DbInstance) -> crate::Localized {
    match &db.cluster_id {
        Some(c) => crate::msg!("checks-db-instance-in-cluster", db = &db.id, cluster = c),
        None => crate::msg!("checks-db-instance", db = &db.id),
    }
}

/// The learner's guard budget: a monthly cost budget (the one within `max_limit` first), or
/// the failing finding that says there is none.
pub(crate) fn find_guard(snap: &Snapshot, max_limit: f64) -> Result<&Budget, Box<Finding>> {
    let monthly_cost = |b: &&Budget| b.budget_type == "COST" && b.time_unit == "MONTHLY";
    snap.budgets
        .iter()
        .filter(monthly_cost)
        .min_by(|a, b| (a.limit > max_limit).cmp(&(b.limit > max_limit)).then(a.name.cmp(&b.name)))
        .ok_or_else(|| {
            let others: Vec<String> = snap
                .budgets
                .iter()
                .map(|b| format!("{} ({} {})", b.name, b.budget_type, b.time_unit))
                .collect();
            Box::new(
                Finding::fail(msg!("resolve-no-monthly-cost-budget"))
                    .expected(format!("a COST budget, MONTHLY, limit ≤ {max_limit}"))
                    .found(if others.is_empty() { "no budget".to_owned() } else { others.join(", ") })
                    .hint(msg!("resolve-no-monthly-cost-budget-hint")),
            )
        })
}
