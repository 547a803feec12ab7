//! The live cost meter: what in the account is billing by the hour right now, what it costs,
//! and the order to delete it in. Pure: `sandpit-aws` reads the account, this prices and plans.
//!
//! Prices come from `labs/prices.toml`, a dated table of on-demand list prices: AWS Billing
//! reports hours late, this meter does not — but it estimates, it does not bill.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::snapshot::{ResourceKind, Snapshot};
use crate::{Localized, msg};

/// The price table that ships with Sandpit.
const BUILTIN_PRICES: &str = include_str!("../../../labs/prices.toml");

static BUILTIN: LazyLock<PriceTable> = LazyLock::new(|| {
    PriceTable::parse("labs/prices.toml", BUILTIN_PRICES).expect("labs/prices.toml is checked by a test")
});

/// What the meter reads: the billable resources, and the Auto Scaling groups and launch
/// templates that must go first and last for the teardown to stick.
pub const METER_KINDS: [ResourceKind; 9] = [
    ResourceKind::NatGateways,
    ResourceKind::ElasticIps,
    ResourceKind::DbInstances,
    ResourceKind::DbClusters,
    ResourceKind::Ec2Instances,
    ResourceKind::LoadBalancers,
    ResourceKind::TargetGroups,
    ResourceKind::AutoScalingGroups,
    ResourceKind::LaunchTemplates,
];

/// On-demand prices (USD per hour) by region, as of a date.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceTable {
    /// The day the prices were read off AWS's pricing pages.
    pub as_of: NaiveDate,
    /// Hours in a month for monthly figures (AWS uses 730).
    pub hours_per_month: f64,
    /// Prices per region code.
    pub regions: BTreeMap<String, RegionPrices>,
}

/// One region's prices, USD per hour.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionPrices {
    /// A NAT gateway hour (data processing not included).
    pub nat_gateway: f64,
    /// A public IPv4 address hour (what an idle Elastic IP costs).
    pub public_ipv4: f64,
    /// A load balancer hour by type (`application`, `network`, `gateway`), LCUs not included.
    #[serde(default)]
    pub load_balancer: BTreeMap<String, f64>,
    /// A load balancer capacity unit (LCU) hour by type: what traffic adds to the hourly price.
    #[serde(default)]
    pub load_balancer_lcu: BTreeMap<String, f64>,
    /// A Linux EC2 instance hour by instance type.
    #[serde(default)]
    pub ec2: BTreeMap<String, f64>,
    /// A single-AZ RDS for MySQL instance hour by DB instance class.
    #[serde(default)]
    pub rds: BTreeMap<String, f64>,
}

/// A price table that does not parse or holds an impossible price.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct PriceError {
    file: String,
    message: String,
}

impl PriceTable {
    /// The table in `labs/prices.toml`, compiled in.
    pub fn builtin() -> &'static PriceTable {
        &BUILTIN
    }

    /// Reads a price table; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, PriceError> {
        let fail = |message: String| PriceError { file: file.to_owned(), message };
        let table: PriceTable = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let line = text[..s.start].matches('\n').count() + 1;
                    format!("line {line}: ")
                })
                .unwrap_or_default();
            fail(format!("{at}{}", e.message()))
        })?;
        if !table.hours_per_month.is_finite() || table.hours_per_month <= 0.0 {
            return Err(fail("hours_per_month must be positive".to_owned()));
        }
        for (region, p) in &table.regions {
            let named = [("nat_gateway", p.nat_gateway), ("public_ipv4", p.public_ipv4)];
            let maps = [
                ("load_balancer", &p.load_balancer),
                ("load_balancer_lcu", &p.load_balancer_lcu),
                ("ec2", &p.ec2),
                ("rds", &p.rds),
            ];
            let all = named.iter().map(|(k, v)| (k.to_string(), *v)).chain(
                maps.iter().flat_map(|(m, map)| map.iter().map(move |(k, v)| (format!("{m}.{k}"), *v))),
            );
            for (key, price) in all {
                if !price.is_finite() || price < 0.0 {
                    return Err(fail(format!("regions.{region}.{key}: {price} is not a price")));
                }
            }
        }
        Ok(table)
    }

    /// The prices of `region`, when the table has it.
    pub fn region(&self, region: &str) -> Option<&RegionPrices> {
        self.regions.get(region)
    }
}

/// What kind of billable thing a cost item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum Billable {
    /// A NAT gateway: billed every hour it exists, traffic or not.
    NatGateway,
    /// An Elastic IP not attached to anything: a public IPv4 address billed for nothing.
    ElasticIp,
    /// An RDS DB instance.
    RdsInstance,
    /// A load balancer.
    LoadBalancer,
    /// An EC2 instance.
    Ec2Instance,
}

/// One billable resource running now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CostItem {
    /// What it is.
    pub kind: Billable,
    /// Its id (`nat-…`, `eipalloc-…`, the DB identifier, the load balancer's name, `i-…`).
    pub id: String,
    /// Its type or class (`db.t3.micro`, `application`, …) or state, for people.
    pub detail: String,
    /// Estimated USD per hour; `None` when the table has no price for it.
    pub hourly: Option<f64>,
    /// Estimated USD per month at that rate.
    pub monthly: Option<f64>,
    /// Since when it runs, where the API tells.
    pub running_since: Option<DateTime<Utc>>,
    /// Hours it has been running, where the API tells.
    pub running_hours: Option<f64>,
    /// Estimated USD spent on it so far.
    pub spent_so_far: Option<f64>,
    /// What the estimate leaves out, or what else to know (LCU charges, the group that keeps an
    /// instance running).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Localized>,
}

/// One command of the teardown plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TeardownStep {
    /// What it deletes or waits for.
    pub resource: String,
    /// The AWS CLI command, as words (run it without a shell).
    pub argv: Vec<String>,
    /// The same command as one line to paste into a terminal.
    pub command: String,
    /// Why it comes here, or a choice to make.
    pub note: Option<Localized>,
}

impl TeardownStep {
    fn new(resource: impl Into<String>, argv: Vec<String>) -> Self {
        let command = argv.iter().map(|w| shell_word(w)).collect::<Vec<_>>().join(" ");
        Self { resource: resource.into(), argv, command, note: None }
    }

    fn note(mut self, note: Localized) -> Self {
        self.note = Some(note);
        self
    }
}

/// Quotes a word for a POSIX shell when it needs it.
fn shell_word(w: &str) -> String {
    let plain = !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c));
    if plain { w.to_owned() } else { format!("'{}'", w.replace('\'', r"'\''")) }
}

/// How the teardown plan deletes RDS instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FinalSnapshot {
    /// Delete without a final snapshot (nothing left to bill; the data is gone).
    #[default]
    Skip,
    /// Keep a final snapshot `<id>-final` (its storage is billed until deleted).
    Keep,
}

/// What the meter shows: the billable resources, their cost, the total, and the teardown plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CostReport {
    /// The account.
    pub account: Option<String>,
    /// The region that was read.
    pub region: Option<String>,
    /// When the account was read.
    pub checked_at: DateTime<Utc>,
    /// The date of the price table used.
    pub prices_as_of: NaiveDate,
    /// Whether the table has prices for this region.
    pub region_priced: bool,
    /// Billable resources, the most expensive first.
    pub items: Vec<CostItem>,
    /// Estimated USD per hour for everything listed.
    pub total_hourly: f64,
    /// Estimated USD per month at that rate.
    pub total_monthly: f64,
    /// Items the table has no price for (not in the totals).
    pub unpriced: usize,
    /// Resource types that could not be read: the meter cannot vouch for them.
    pub unreadable: Vec<String>,
    /// The commands that delete everything listed, dependencies first.
    pub teardown: Vec<TeardownStep>,
}

/// Prices what `snapshot` holds with `prices` and plans its teardown.
pub fn meter(
    snapshot: &Snapshot,
    prices: &PriceTable,
    final_snapshot: FinalSnapshot,
    now: DateTime<Utc>,
) -> CostReport {
    let region = snapshot.region.clone();
    let rp = region.as_deref().and_then(|r| prices.region(r));
    let hours_since = |t: Option<DateTime<Utc>>| t.map(|t| ((now - t).num_seconds().max(0) as f64) / 3600.0);
    let item = |kind, id: &str, detail: String, hourly: Option<f64>, since: Option<DateTime<Utc>>| {
        let running_hours = hours_since(since);
        CostItem {
            kind,
            id: id.to_owned(),
            detail,
            hourly,
            monthly: hourly.map(|h| h * prices.hours_per_month),
            running_since: since,
            running_hours,
            spent_so_far: hourly.zip(running_hours).map(|(h, t)| h * t),
            note: None,
        }
    };
    // Which Auto Scaling group keeps an instance running (its tag, or the group's list).
    let groups: Vec<&crate::snapshot::AutoScalingGroup> =
        snapshot.auto_scaling_groups.iter().filter(|g| !g.is_deleting()).collect();
    let group_of = |i: &crate::snapshot::Ec2Instance| -> Option<String> {
        i.tags.get("aws:autoscaling:groupName").cloned().or_else(|| {
            groups.iter().find(|g| g.instances.iter().any(|x| x.id == i.id)).map(|g| g.name.clone())
        })
    };

    let instances: Vec<_> = snapshot
        .ec2_instances
        .iter()
        .filter(|i| matches!(i.state.as_str(), "pending" | "running" | "stopping" | "stopped"))
        .collect();
    let load_balancers: Vec<_> = snapshot.load_balancers.iter().collect();
    let dbs: Vec<_> =
        snapshot.db_instances.iter().filter(|d| !matches!(d.status.as_str(), "deleting")).collect();
    let nats: Vec<_> = snapshot
        .nat_gateways
        .iter()
        .filter(|n| matches!(n.state.as_str(), "pending" | "available"))
        .collect();
    let idle_eips: Vec<_> = snapshot.elastic_ips.iter().filter(|e| e.association_id.is_none()).collect();

    let mut items = Vec::new();
    for i in &instances {
        // A stopped instance's compute is free; its EBS volumes are not (not priced here).
        let hourly = if i.state == "stopped" {
            Some(0.0)
        } else {
            rp.and_then(|p| p.ec2.get(&i.instance_type).copied())
        };
        let since = if i.state == "stopped" { None } else { i.launched_at };
        let mut it =
            item(Billable::Ec2Instance, &i.id, format!("{} ({})", i.instance_type, i.state), hourly, since);
        if let Some(group) = group_of(i) {
            it.detail.push_str(&format!(", Auto Scaling group {group}"));
            it.note = Some(msg!("cost-auto-scaling-group-keeps", group = &group));
        }
        items.push(it);
    }
    for lb in &load_balancers {
        let hourly = rp.and_then(|p| p.load_balancer.get(&lb.lb_type).copied());
        let mut it = item(Billable::LoadBalancer, &lb.name, lb.lb_type.clone(), hourly, lb.created_at);
        if let Some(lcu) = rp.and_then(|p| p.load_balancer_lcu.get(&lb.lb_type).copied()) {
            it.note = Some(msg!(
                "cost-plus-per-lcu-hour",
                lcu = &lcu,
                monthly = format!("{:.0}", lcu * prices.hours_per_month)
            ));
        }
        items.push(it);
    }
    for db in &dbs {
        // The table holds RDS for MySQL prices; an Aurora instance is priced otherwise (and its
        // cluster's storage and I/O on top), so it is listed unpriced rather than mispriced.
        let hourly = if db.engine.starts_with("aurora") {
            None
        } else {
            rp.and_then(|p| p.rds.get(&db.class).copied())
        };
        items.push(item(
            Billable::RdsInstance,
            &db.id,
            format!("{} {}", db.class, db.engine),
            hourly,
            db.created_at,
        ));
    }
    for n in &nats {
        items.push(item(
            Billable::NatGateway,
            &n.id,
            n.state.clone(),
            rp.map(|p| p.nat_gateway),
            n.created_at,
        ));
    }
    for e in &idle_eips {
        items.push(item(
            Billable::ElasticIp,
            &e.allocation_id,
            format!("{} (unattached)", e.public_ip),
            rp.map(|p| p.public_ipv4),
            None,
        ));
    }
    items.sort_by(|a, b| {
        b.hourly
            .unwrap_or(f64::INFINITY)
            .total_cmp(&a.hourly.unwrap_or(f64::INFINITY))
            .then(a.kind.cmp(&b.kind))
    });
    let total_hourly: f64 = items.iter().filter_map(|i| i.hourly).sum();

    let unreadable = [
        snapshot.ec2_instances.error().map(|_| "EC2 instances"),
        snapshot.auto_scaling_groups.error().map(|_| "Auto Scaling groups"),
        snapshot.load_balancers.error().or(snapshot.target_groups.error()).map(|_| "load balancers"),
        snapshot.db_instances.error().map(|_| "RDS DB instances"),
        snapshot.db_clusters.error().map(|_| "RDS DB clusters"),
        snapshot.nat_gateways.error().map(|_| "NAT gateways"),
        snapshot.elastic_ips.error().map(|_| "Elastic IPs"),
    ]
    .into_iter()
    .flatten()
    .map(str::to_owned)
    .collect();

    let region_arg = region.clone().unwrap_or_else(|| "us-east-1".to_owned());
    let teardown = plan_teardown(
        snapshot,
        &region_arg,
        &groups,
        &instances,
        &load_balancers,
        &dbs,
        &nats,
        &idle_eips,
        final_snapshot,
    );

    CostReport {
        account: snapshot.account.clone(),
        region,
        checked_at: snapshot.collected_at.unwrap_or(now),
        prices_as_of: prices.as_of,
        region_priced: rp.is_some(),
        unpriced: items.iter().filter(|i| i.hourly.is_none()).count(),
        total_monthly: total_hourly * prices.hours_per_month,
        total_hourly,
        items,
        unreadable,
        teardown,
    }
}

#[allow(clippy::too_many_arguments)]
fn plan_teardown(
    snapshot: &Snapshot,
    region: &str,
    groups: &[&crate::snapshot::AutoScalingGroup],
    instances: &[&crate::snapshot::Ec2Instance],
    load_balancers: &[&crate::snapshot::LoadBalancer],
    dbs: &[&crate::snapshot::DbInstance],
    nats: &[&crate::snapshot::NatGateway],
    idle_eips: &[&crate::snapshot::ElasticIp],
    final_snapshot: FinalSnapshot,
) -> Vec<TeardownStep> {
    // `aws <service> <command> <flag> <values…> [<flag> <values…>]… --region <region>`
    let aws = |words: &[&str], args: &[(&str, &[String])]| -> Vec<String> {
        let mut argv: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        for (flag, values) in args {
            argv.push((*flag).to_owned());
            argv.extend(values.iter().cloned());
        }
        argv.extend(["--region".to_owned(), region.to_owned()]);
        argv
    };
    let one = std::slice::from_ref;
    let mut plan = Vec::new();

    // 0. Auto Scaling groups before anything they launch: a group replaces every instance that
    //    goes away. --force-delete terminates its instances with it; then its launch template.
    for g in groups {
        plan.push(
            TeardownStep::new(
                g.name.clone(),
                aws(
                    &["aws", "autoscaling", "delete-auto-scaling-group"],
                    &[("--auto-scaling-group-name", one(&g.name)), ("--force-delete", &[])],
                ),
            )
            .note(msg!("cost-group-first-force-delete")),
        );
    }
    if !groups.is_empty() {
        let names: Vec<String> = groups.iter().map(|g| g.name.clone()).collect();
        plan.push(TeardownStep::new(
            names.join(" "),
            aws(
                &["aws", "autoscaling", "wait", "group-not-exists"],
                &[("--auto-scaling-group-names", &names)],
            ),
        ));
        let mut templates: Vec<String> = groups
            .iter()
            .filter_map(|g| g.launch_template.as_ref())
            .filter_map(|t| {
                t.id.clone().or_else(|| {
                    let name = t.name.as_ref()?;
                    snapshot.launch_templates.iter().find(|lt| &lt.name == name).map(|lt| lt.id.clone())
                })
            })
            .collect();
        templates.sort();
        templates.dedup();
        for id in templates {
            plan.push(
                TeardownStep::new(
                    id.clone(),
                    aws(&["aws", "ec2", "delete-launch-template"], &[("--launch-template-id", one(&id))]),
                )
                .note(msg!("cost-free-but-only-deletable")),
            );
        }
    }
    let in_group = |i: &&&crate::snapshot::Ec2Instance| {
        i.tags.contains_key("aws:autoscaling:groupName")
            || groups.iter().any(|g| g.instances.iter().any(|x| x.id == i.id))
    };
    let instances: Vec<&&crate::snapshot::Ec2Instance> = instances.iter().filter(|i| !in_group(i)).collect();
    // 1. Instances: they sit behind the load balancers.
    if !instances.is_empty() {
        let ids: Vec<String> = instances.iter().map(|i| i.id.clone()).collect();
        plan.push(
            TeardownStep::new(
                ids.join(" "),
                aws(&["aws", "ec2", "terminate-instances"], &[("--instance-ids", &ids)]),
            )
            .note(msg!("cost-instances-first-they-targets")),
        );
        plan.push(TeardownStep::new(
            ids.join(" "),
            aws(&["aws", "ec2", "wait", "instance-terminated"], &[("--instance-ids", &ids)]),
        ));
    }
    // 2. Listeners, load balancers, then the target groups they forwarded to (in use until then).
    for lb in load_balancers {
        for l in &lb.listeners {
            plan.push(TeardownStep::new(
                l.arn.clone(),
                aws(&["aws", "elbv2", "delete-listener"], &[("--listener-arn", one(&l.arn))]),
            ));
        }
        plan.push(TeardownStep::new(
            lb.name.clone(),
            aws(&["aws", "elbv2", "delete-load-balancer"], &[("--load-balancer-arn", one(&lb.arn))]),
        ));
    }
    if !load_balancers.is_empty() {
        let arns: Vec<String> = load_balancers.iter().map(|lb| lb.arn.clone()).collect();
        plan.push(TeardownStep::new(
            "load balancers",
            aws(&["aws", "elbv2", "wait", "load-balancers-deleted"], &[("--load-balancer-arns", &arns)]),
        ));
        for tg in
            snapshot.target_groups.iter().filter(|tg| tg.load_balancer_arns.iter().any(|a| arns.contains(a)))
        {
            plan.push(
                TeardownStep::new(
                    tg.name.clone(),
                    aws(&["aws", "elbv2", "delete-target-group"], &[("--target-group-arn", one(&tg.arn))]),
                )
                .note(msg!("cost-target-group-cannot-deleted")),
            );
        }
    }
    // 3. RDS, with the final-snapshot choice spelled out. An Aurora cluster bills for its
    //    storage until the cluster itself is deleted, and cannot be deleted while it has
    //    members: its instances go first (no snapshot of their own: the cluster holds the
    //    data), then the cluster with the snapshot choice.
    let clusters: Vec<&crate::snapshot::DbCluster> =
        snapshot.db_clusters.iter().filter(|c| !matches!(c.status.as_str(), "deleting")).collect();
    let in_cluster = |db: &crate::snapshot::DbInstance| {
        db.cluster_id.as_deref().is_some_and(|c| clusters.iter().any(|x| x.id == c))
            || clusters.iter().any(|c| c.members.iter().any(|m| m.instance_id == db.id))
    };
    for cluster in &clusters {
        let members: Vec<String> = dbs
            .iter()
            .filter(|d| {
                d.cluster_id.as_deref() == Some(cluster.id.as_str())
                    || cluster.members.iter().any(|m| m.instance_id == d.id)
            })
            .map(|d| d.id.clone())
            .collect();
        let id = ("--db-cluster-identifier", one(&cluster.id));
        if cluster.deletion_protection {
            plan.push(
                TeardownStep::new(
                    cluster.id.clone(),
                    aws(
                        &["aws", "rds", "modify-db-cluster"],
                        &[id, ("--no-deletion-protection", &[]), ("--apply-immediately", &[])],
                    ),
                )
                .note(msg!("cost-deletion-protection-cluster-cannot")),
            );
        }
        for member in &members {
            plan.push(
                TeardownStep::new(
                    member.clone(),
                    aws(&["aws", "rds", "delete-db-instance"], &[("--db-instance-identifier", one(member))]),
                )
                .note(msg!("cost-member-cluster-instances-go", cluster = &cluster.id)),
            );
        }
        for member in &members {
            plan.push(TeardownStep::new(
                member.clone(),
                aws(
                    &["aws", "rds", "wait", "db-instance-deleted"],
                    &[("--db-instance-identifier", one(member))],
                ),
            ));
        }
        let final_id = format!("{}-final", cluster.id);
        let (argv, note) = match final_snapshot {
            FinalSnapshot::Skip => (
                aws(&["aws", "rds", "delete-db-cluster"], &[id, ("--skip-final-snapshot", &[])]),
                msg!("cost-then-cluster-bills-storage", final_id = &final_id),
            ),
            FinalSnapshot::Keep => (
                aws(
                    &["aws", "rds", "delete-db-cluster"],
                    &[id, ("--final-db-snapshot-identifier", one(&final_id))],
                ),
                msg!("cost-then-cluster-keeping-final", final_id = &final_id),
            ),
        };
        plan.push(TeardownStep::new(cluster.id.clone(), argv).note(note));
    }
    for db in dbs.iter().filter(|d| !in_cluster(d)) {
        let delete = ["aws", "rds", "delete-db-instance"];
        let id = ("--db-instance-identifier", one(&db.id));
        let final_id = format!("{}-final", db.id);
        let (argv, note) = match final_snapshot {
            FinalSnapshot::Skip => (
                aws(&delete, &[id, ("--skip-final-snapshot", &[])]),
                msg!("cost-no-final-snapshot-data", final_id = &final_id),
            ),
            FinalSnapshot::Keep => (
                aws(&delete, &[id, ("--final-db-snapshot-identifier", one(&final_id))]),
                msg!("cost-keeps-final-snapshot-storage", final_id = &final_id),
            ),
        };
        plan.push(TeardownStep::new(db.id.clone(), argv).note(note));
    }
    // 4. NAT gateways, and wait: their Elastic IPs cannot be released while attached.
    if !nats.is_empty() {
        let ids: Vec<String> = nats.iter().map(|n| n.id.clone()).collect();
        for id in &ids {
            plan.push(TeardownStep::new(
                id.clone(),
                aws(&["aws", "ec2", "delete-nat-gateway"], &[("--nat-gateway-id", one(id))]),
            ));
        }
        plan.push(
            TeardownStep::new(
                ids.join(" "),
                aws(&["aws", "ec2", "wait", "nat-gateway-deleted"], &[("--nat-gateway-ids", &ids)]),
            )
            .note(msg!("cost-wait-nat-gateway-s")),
        );
    }
    // 5. Elastic IPs: the NAT gateways' and the idle ones.
    let mut allocations: Vec<String> =
        nats.iter().flat_map(|n| n.addresses.iter().filter_map(|a| a.allocation_id.clone())).collect();
    allocations.extend(idle_eips.iter().map(|e| e.allocation_id.clone()));
    allocations.sort();
    allocations.dedup();
    for alloc in allocations {
        plan.push(TeardownStep::new(
            alloc.clone(),
            aws(&["aws", "ec2", "release-address"], &[("--allocation-id", one(&alloc))]),
        ));
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::fixtures::{Builder, rds_solved};
    use crate::snapshot::{Ec2Instance, ElasticIp, LoadBalancer, TargetGroup};

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn the_shipped_table_prices_both_class_regions() {
        let t = PriceTable::builtin();
        for region in ["ap-northeast-2", "us-east-1"] {
            let p = t.region(region).unwrap_or_else(|| panic!("{region} missing"));
            assert!(p.nat_gateway > 0.0 && p.public_ipv4 > 0.0);
            for class in ["db.t3.micro", "db.t4g.micro"] {
                assert!(p.rds.contains_key(class), "{region} {class}");
            }
            for ty in ["t2.micro", "t3.micro"] {
                assert!(p.ec2.contains_key(ty), "{region} {ty}");
            }
            assert!(p.load_balancer.contains_key("application"));
            assert!(p.load_balancer_lcu.contains_key("application"));
        }
        assert_eq!(t.hours_per_month, 730.0);
    }

    #[test]
    fn a_broken_table_is_refused_with_its_line() {
        let err = PriceTable::parse(
            "p.toml",
            "as_of = \"2026-11-01\"\nhours_per_month = 730\n[regions.x]\nnat_gateway = \"cheap\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("p.toml: line 4"), "{err}");
        let err = PriceTable::parse(
            "p.toml",
            "as_of = \"2026-11-01\"\nhours_per_month = 730\n[regions.x]\nnat_gateway = -1.0\npublic_ipv4 = 0.005\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("regions.x.nat_gateway"), "{err}");
    }

    #[test]
    fn an_account_with_nothing_billable_costs_nothing_and_needs_no_teardown() {
        let r = meter(&Builder::empty().build(), PriceTable::builtin(), FinalSnapshot::Skip, Utc::now());
        assert!(r.items.is_empty() && r.teardown.is_empty());
        assert_eq!(r.total_hourly, 0.0);
    }

    #[test]
    fn the_three_tier_project_is_priced_and_torn_down_in_dependency_order() {
        let (mut b, _) = rds_solved();
        let now = at("2026-11-21T12:00:00Z");
        let snap = b.snapshot();
        for n in snap.nat_gateways.items_mut().unwrap() {
            n.created_at = Some(at("2026-11-21T02:00:00Z"));
        }
        let nat = snap.nat_gateways.iter().next().unwrap().clone();
        let nat_eip = nat.addresses[0].allocation_id.clone().unwrap();
        snap.db_instances.items_mut().unwrap()[0].created_at = Some(at("2026-11-20T12:00:00Z"));
        snap.elastic_ips.items_mut().unwrap().push(ElasticIp {
            allocation_id: "eipalloc-idle".into(),
            public_ip: "3.3.3.3".into(),
            association_id: None,
            network_interface_id: None,
            tags: Default::default(),
        });
        snap.ec2_instances.items_mut().unwrap().push(Ec2Instance {
            id: "i-web".into(),
            instance_type: "t3.micro".into(),
            state: "running".into(),
            vpc_id: None,
            launched_at: Some(at("2026-11-21T11:00:00Z")),
            ..Default::default()
        });
        snap.load_balancers.items_mut().unwrap().push(LoadBalancer {
            arn: "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/web/1".into(),
            name: "web".into(),
            lb_type: "application".into(),
            state: "active".into(),
            vpc_id: None,
            created_at: None,
            ..Default::default()
        });
        snap.target_groups.items_mut().unwrap().push(TargetGroup {
            arn: "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/web/2".into(),
            name: "web-tg".into(),
            load_balancer_arns: vec![
                "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/web/1".into(),
            ],
            ..Default::default()
        });
        let r = meter(&b.build(), PriceTable::builtin(), FinalSnapshot::Skip, now);

        let nat_item = r.items.iter().find(|i| i.kind == Billable::NatGateway).unwrap();
        assert_eq!(nat_item.hourly, Some(0.059));
        assert_eq!(nat_item.running_hours, Some(10.0));
        assert!((nat_item.monthly.unwrap() - 43.07).abs() < 0.01);
        assert!((nat_item.spent_so_far.unwrap() - 0.59).abs() < 1e-9);
        let db = r.items.iter().find(|i| i.kind == Billable::RdsInstance).unwrap();
        assert_eq!((db.id.as_str(), db.hourly, db.running_hours), ("lab-db", Some(0.026), Some(24.0)));
        assert!(r.items.iter().any(|i| i.kind == Billable::ElasticIp && i.id == "eipalloc-idle"));
        // The NAT gateway's own address is attached: not an idle item.
        assert!(!r.items.iter().any(|i| i.id == nat_eip));
        let expected_total = 0.059 + 0.026 + 0.005 + 0.013 + 0.0225;
        assert!((r.total_hourly - expected_total).abs() < 1e-9, "{}", r.total_hourly);
        assert_eq!(r.items[0].kind, Billable::NatGateway, "most expensive first");

        let order: Vec<&str> = r.teardown.iter().map(|s| s.argv[2].as_str()).collect();
        assert_eq!(
            order,
            [
                "terminate-instances",
                "wait",
                "delete-load-balancer",
                "wait",
                "delete-target-group",
                "delete-db-instance",
                "delete-nat-gateway",
                "wait",
                "release-address",
                "release-address"
            ]
        );
        let releases: Vec<&str> = r
            .teardown
            .iter()
            .filter(|s| s.argv[2] == "release-address")
            .map(|s| s.argv[4].as_str())
            .collect();
        assert!(
            r.teardown
                .iter()
                .all(|s| s.argv.ends_with(&["--region".to_owned(), "ap-northeast-2".to_owned()]))
        );
        assert!(releases.contains(&nat_eip.as_str()) && releases.contains(&"eipalloc-idle"));
        assert!(r.teardown.iter().all(|s| s.argv.windows(2).any(|w| w == ["--region", "ap-northeast-2"])));
        let rds = r.teardown.iter().find(|s| s.argv[2] == "delete-db-instance").unwrap();
        assert!(rds.argv.contains(&"--skip-final-snapshot".to_owned()));
        assert!(rds.note.as_ref().unwrap().en.contains("--final-db-snapshot-identifier lab-db-final"));
    }

    #[test]
    fn an_aurora_cluster_is_torn_down_members_first_then_the_cluster() {
        use crate::snapshot::{DbCluster, DbClusterMember};
        let (mut b, s) = rds_solved();
        let vpc = s.net.db_vpc.clone();
        for id in ["aurora-1", "aurora-2"] {
            b.db_instance(id, &vpc, "x", "sg");
            b.db(id).cluster_id = Some("lab-aurora".into());
            b.db(id).class = "db.r6g.large".into();
            b.db(id).engine = "aurora-mysql".into();
        }
        b.snapshot().db_clusters = vec![DbCluster {
            id: "lab-aurora".into(),
            engine: "aurora-mysql".into(),
            status: "available".into(),
            storage_encrypted: true,
            kms_key_id: None,
            master_user_secret_arn: None,
            backup_retention_days: 1,
            subnet_group: None,
            security_groups: vec![],
            members: vec![
                DbClusterMember { instance_id: "aurora-1".into(), writer: true },
                DbClusterMember { instance_id: "aurora-2".into(), writer: false },
            ],
            maintenance_window: None,
            port: Some(3306),
            deletion_protection: true,
            created_at: None,
        }]
        .into();
        let r = meter(&b.build(), PriceTable::builtin(), FinalSnapshot::Skip, Utc::now());
        let commands: Vec<&str> = r.teardown.iter().map(|t| t.command.as_str()).collect();
        let pos = |needle: &str| {
            commands
                .iter()
                .position(|c| c.contains(needle))
                .unwrap_or_else(|| panic!("{needle}: {commands:#?}"))
        };
        let unprotect = pos("modify-db-cluster --db-cluster-identifier lab-aurora --no-deletion-protection");
        let member = pos("delete-db-instance --db-instance-identifier aurora-2");
        let wait = pos("wait db-instance-deleted --db-instance-identifier aurora-2");
        let cluster = pos("delete-db-cluster --db-cluster-identifier lab-aurora --skip-final-snapshot");
        assert!(unprotect < member && member < wait && wait < cluster, "{commands:#?}");
        // Members get no snapshot flags (the cluster holds the data); the plain instance does.
        assert!(!commands[member].contains("snapshot"), "{}", commands[member]);
        assert!(
            commands
                .iter()
                .any(|c| c
                    .contains("delete-db-instance --db-instance-identifier lab-db --skip-final-snapshot"))
        );
        assert_eq!(commands.iter().filter(|c| c.contains("delete-db-cluster")).count(), 1);
    }

    #[test]
    fn an_auto_scaling_group_goes_first_its_template_after_it_and_listeners_before_their_balancer() {
        let (b, s) = crate::checks::fixtures::was_solved();
        let r = meter(&b.build(), PriceTable::builtin(), FinalSnapshot::Skip, Utc::now());
        let order: Vec<&str> = r.teardown.iter().map(|s| s.argv[2].as_str()).collect();
        assert_eq!(
            order,
            [
                "delete-auto-scaling-group",
                "wait",
                "delete-launch-template",
                "delete-listener",
                "delete-load-balancer",
                "wait",
                "delete-target-group",
                "delete-nat-gateway",
                "wait",
                "release-address"
            ]
        );
        let asg = &r.teardown[0];
        assert!(asg.argv.contains(&"--force-delete".to_owned()) && asg.argv.contains(&s.asg), "{asg:?}");
        assert_eq!(r.teardown[1].argv[3], "group-not-exists");
        assert_eq!(r.teardown[2].argv[4], s.template);
        assert_eq!(r.teardown[3].argv[4], s.listener);
        // The group's instances are priced (they bill) but not terminated one by one.
        let instances: Vec<&CostItem> = r.items.iter().filter(|i| i.kind == Billable::Ec2Instance).collect();
        assert_eq!(instances.len(), 2);
        assert!(
            instances.iter().all(|i| i.detail.contains("Auto Scaling group was-asg") && i.note.is_some())
        );
        assert!(!r.teardown.iter().any(|s| s.argv[2] == "terminate-instances"));
        let alb = r.items.iter().find(|i| i.kind == Billable::LoadBalancer).unwrap();
        assert!(alb.note.as_ref().unwrap().en.contains("$0.008 per LCU-hour"), "{alb:?}");
        assert_eq!(crate::english_words(&alb.note.as_ref().unwrap().ko), Vec::<String>::new());
    }

    #[test]
    fn keeping_a_final_snapshot_changes_the_rds_command() {
        let (b, _) = rds_solved();
        let r = meter(&b.build(), PriceTable::builtin(), FinalSnapshot::Keep, Utc::now());
        let rds = r.teardown.iter().find(|s| s.argv[2] == "delete-db-instance").unwrap();
        assert!(rds.command.contains("--final-db-snapshot-identifier lab-db-final"), "{}", rds.command);
        assert!(!rds.argv.contains(&"--skip-final-snapshot".to_owned()));
    }

    #[test]
    fn unknown_types_and_regions_are_listed_unpriced_not_free() {
        let mut b = Builder::empty();
        b.snapshot().region = Some("eu-west-3".into());
        b.snapshot().ec2_instances.items_mut().unwrap().push(Ec2Instance {
            id: "i-1".into(),
            instance_type: "x9.huge".into(),
            state: "running".into(),
            vpc_id: None,
            launched_at: None,
            ..Default::default()
        });
        let r = meter(&b.build(), PriceTable::builtin(), FinalSnapshot::Skip, Utc::now());
        assert!(!r.region_priced);
        assert_eq!((r.items.len(), r.unpriced, r.items[0].hourly), (1, 1, None));
        assert_eq!(r.teardown.len(), 2);
    }

    #[test]
    fn deleted_things_are_not_billed() {
        let (mut b, _) = rds_solved();
        for n in b.snapshot().nat_gateways.items_mut().unwrap() {
            n.state = "deleted".into();
        }
        b.snapshot().db_instances.items_mut().unwrap()[0].status = "deleting".into();
        let r = meter(&b.build(), PriceTable::builtin(), FinalSnapshot::Skip, Utc::now());
        assert!(r.items.iter().all(|i| i.kind == Billable::ElasticIp), "{:?}", r.items);
    }

    #[test]
    fn commands_are_quoted_for_a_shell() {
        assert_eq!(shell_word("lab-db"), "lab-db");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
