//! Parameter discovery: a lab's parameters read off the account instead of assumed.
//!
//! A lab's parameters describe *a* layout (the bootcamp's CIDRs and names). A learner who built
//! the same architecture from another template has other addresses and names, and checking with
//! the defaults fails almost every step. Each parameter of a lab file may say where its value
//! can be found (`discover = "web_subnet.1"`, see [`Source`]); [`discover`] reads those values
//! off the snapshot through [`crate::layout`] (roles by wiring, not by name) and
//! [`suggestion`] tells a check run with the defaults which `--param` line would describe the
//! learner's own build. Both are pure: no AWS call, the same answer for a saved snapshot.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::labs::{Lab, LabError, ParamType, Params};
use crate::layout::{Layout, Tier, TierGroup};
use crate::msg::Arg;
use crate::report::{Finding, Report, StepStatus};
use crate::snapshot::{Snapshot, Subnet, Vpc};
use crate::{Localized, msg};

/// Where a parameter's value can be read in an account: a role of the lab architecture and what
/// of it. Lab files write it as `role.what`, e.g. `app_vpc.cidr`, `was_subnet.2`, `db_sg.port`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `app_vpc.cidr`: the primary CIDR of the VPC of the web and WAS tiers.
    AppVpcCidr,
    /// `app_vpc.name`: its Name tag (its id when it has none).
    AppVpcName,
    /// `db_vpc.cidr`: the database VPC's primary CIDR.
    DbVpcCidr,
    /// `db_vpc.name`: its Name tag (its id when it has none).
    DbVpcName,
    /// `public_subnet.N`: the public subnet of the N-th Availability Zone.
    PublicSubnet(usize),
    /// `web_subnet.N`: the web tier's subnet of the N-th zone.
    WebSubnet(usize),
    /// `was_subnet.N`: the WAS tier's subnet of the N-th zone.
    WasSubnet(usize),
    /// `db_subnet.N`: the N-th database subnet.
    DbSubnet(usize),
    /// `alb_sg.name`: the load balancer's security group (open to the internet on 80/443).
    AlbSgName,
    /// `web_sg.name`: the web tier's group (admits the load balancer's group).
    WebSgName,
    /// `web_sg.port`: the port the web tier admits from the load balancer.
    WebSgPort,
    /// `was_sg.name`: the WAS tier's group (admits the web tier's group).
    WasSgName,
    /// `was_sg.port`: the port the WAS tier admits from the web tier.
    WasSgPort,
    /// `db_sg.name`: the database's group (admits the WAS tier).
    DbSgName,
    /// `db_sg.port`: the port it admits.
    DbSgPort,
    /// `db.key_alias`: an alias of the customer-managed key the database is encrypted with.
    DbKeyAlias,
    /// `db.identifier`: the database instance.
    DbIdentifier,
    /// `db.subnet_group`: its DB subnet group.
    DbSubnetGroup,
    /// `zone.domain`: the public hosted zone holding the lab's records.
    ZoneDomain,
}

impl Source {
    /// Every source, as lab files write them (numbered ones with `N`).
    pub const NAMES: &'static [&'static str] = &[
        "app_vpc.cidr",
        "app_vpc.name",
        "db_vpc.cidr",
        "db_vpc.name",
        "public_subnet.N",
        "web_subnet.N",
        "was_subnet.N",
        "db_subnet.N",
        "alb_sg.name",
        "web_sg.name",
        "web_sg.port",
        "was_sg.name",
        "was_sg.port",
        "db_sg.name",
        "db_sg.port",
        "db.key_alias",
        "db.identifier",
        "db.subnet_group",
        "zone.domain",
    ];

    /// The parameter type its values have.
    pub fn param_type(self) -> ParamType {
        match self {
            Source::AppVpcCidr
            | Source::DbVpcCidr
            | Source::PublicSubnet(_)
            | Source::WebSubnet(_)
            | Source::WasSubnet(_)
            | Source::DbSubnet(_) => ParamType::Cidr,
            Source::WebSgPort | Source::WasSgPort | Source::DbSgPort => ParamType::Port,
            Source::ZoneDomain => ParamType::Domain,
            _ => ParamType::String,
        }
    }
}

impl FromStr for Source {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || format!("`{s}` is not a discovery source (known: {})", Source::NAMES.join(", "));
        let (role, what) = s.trim().split_once('.').ok_or_else(unknown)?;
        let nth = |what: &str| match what.parse::<usize>() {
            Ok(n @ 1..=9) => Ok(n),
            _ => Err(format!("`{s}`: the subnet number must be 1-9 (`{role}.1`)")),
        };
        Ok(match (role, what) {
            ("app_vpc", "cidr") => Source::AppVpcCidr,
            ("app_vpc", "name") => Source::AppVpcName,
            ("db_vpc", "cidr") => Source::DbVpcCidr,
            ("db_vpc", "name") => Source::DbVpcName,
            ("public_subnet", n) => Source::PublicSubnet(nth(n)?),
            ("web_subnet", n) => Source::WebSubnet(nth(n)?),
            ("was_subnet", n) => Source::WasSubnet(nth(n)?),
            ("db_subnet", n) => Source::DbSubnet(nth(n)?),
            ("alb_sg", "name") => Source::AlbSgName,
            ("web_sg", "name") => Source::WebSgName,
            ("web_sg", "port") => Source::WebSgPort,
            ("was_sg", "name") => Source::WasSgName,
            ("was_sg", "port") => Source::WasSgPort,
            ("db_sg", "name") => Source::DbSgName,
            ("db_sg", "port") => Source::DbSgPort,
            ("db", "key_alias") => Source::DbKeyAlias,
            ("db", "identifier") => Source::DbIdentifier,
            ("db", "subnet_group") => Source::DbSubnetGroup,
            ("zone", "domain") => Source::ZoneDomain,
            _ => return Err(unknown()),
        })
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::PublicSubnet(n) => write!(f, "public_subnet.{n}"),
            Source::WebSubnet(n) => write!(f, "web_subnet.{n}"),
            Source::WasSubnet(n) => write!(f, "was_subnet.{n}"),
            Source::DbSubnet(n) => write!(f, "db_subnet.{n}"),
            other => {
                let name = match other {
                    Source::AppVpcCidr => "app_vpc.cidr",
                    Source::AppVpcName => "app_vpc.name",
                    Source::DbVpcCidr => "db_vpc.cidr",
                    Source::DbVpcName => "db_vpc.name",
                    Source::AlbSgName => "alb_sg.name",
                    Source::WebSgName => "web_sg.name",
                    Source::WebSgPort => "web_sg.port",
                    Source::WasSgName => "was_sg.name",
                    Source::WasSgPort => "was_sg.port",
                    Source::DbSgName => "db_sg.name",
                    Source::DbSgPort => "db_sg.port",
                    Source::DbKeyAlias => "db.key_alias",
                    Source::DbIdentifier => "db.identifier",
                    Source::DbSubnetGroup => "db.subnet_group",
                    _ => "zone.domain",
                };
                f.write_str(name)
            }
        }
    }
}

/// One parameter read off the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    /// The parameter.
    pub param: String,
    /// Its value in the account.
    pub value: String,
    /// The lab's default, for comparison.
    pub default: String,
    /// The resource it comes from (`vpc-…`, `subnet-…`, `sg-…`, the key id, the zone id).
    pub resource: Option<String>,
    /// Why this resource plays the role, in a sentence.
    pub why: Localized,
}

/// What [`discover`] read for one lab.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discovery {
    /// The parameters it found, in the lab's order.
    pub found: Vec<Found>,
    /// Parameters that say where to look but had nothing there (they keep their default).
    pub missing: Vec<String>,
}

impl Discovery {
    /// `param → value` of everything found.
    pub fn values(&self) -> BTreeMap<String, String> {
        self.found.iter().map(|f| (f.param.clone(), f.value.clone())).collect()
    }

    /// `(param, value)` pairs, for [`Lab::params`].
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.found.iter().map(|f| (f.param.as_str(), f.value.as_str()))
    }

    /// What was found that differs from the lab's defaults.
    pub fn changed(&self) -> impl Iterator<Item = &Found> {
        self.found.iter().filter(|f| f.value != f.default)
    }
}

/// `--param a=1 --param b=x`, each value quoted for a POSIX shell when it needs it.
pub fn param_line<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs.into_iter().map(|(k, v)| format!("--param {k}={}", shell_value(v))).collect::<Vec<_>>().join(" ")
}

fn shell_value(v: &str) -> String {
    let plain = !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c));
    if plain { v.to_owned() } else { format!("'{}'", v.replace('\'', r"'\''")) }
}

/// How to call a VPC in a parameter: its Name tag, else its id (both identify it).
fn vpc_name(vpc: &Vpc) -> String {
    vpc.name().map_or_else(|| vpc.id.clone(), str::to_owned)
}

/// The value of one source in `layout`, with the resource and why.
fn read(layout: &Layout<'_>, source: Source) -> Option<(String, Option<String>, Localized)> {
    // Each closure takes the id of the message that explains the value.
    let vpc_why = |v: &Vpc, id: &str| {
        crate::msg::localized(id, &[("vpc", Arg::from(&v.id)), ("cidr", Arg::from(&v.cidr))])
    };
    let app_why = |v: &Vpc| vpc_why(v, "discover-app-vpc");
    let db_why = |v: &Vpc| vpc_why(v, "discover-db-vpc");
    let subnet = |subnets: &[&Subnet], n: usize, id: &str| {
        let s = subnets.get(n - 1)?;
        let args = [
            ("subnet", Arg::from(&s.id)),
            ("cidr", Arg::from(&s.cidr)),
            ("zone", Arg::from(&s.availability_zone)),
        ];
        Some((s.cidr.clone(), Some(s.id.clone()), crate::msg::localized(id, &args)))
    };
    let group = |g: Option<TierGroup<'_>>, id: &str| {
        let g = g?;
        Some((
            g.group.name.clone(),
            Some(g.group.id.clone()),
            crate::msg::localized(id, &[("group", Arg::from(g.group.display()))]),
        ))
    };
    let port = |g: Option<TierGroup<'_>>, id: &str| {
        let g = g?;
        let port = g.port?;
        let args = [("group", Arg::from(g.group.display())), ("port", Arg::from(port))];
        Some((port.to_string(), Some(g.group.id.clone()), crate::msg::localized(id, &args)))
    };
    match source {
        Source::AppVpcCidr => layout.app_vpc.map(|v| (v.cidr.clone(), Some(v.id.clone()), app_why(v))),
        Source::AppVpcName => layout.app_vpc.map(|v| (vpc_name(v), Some(v.id.clone()), app_why(v))),
        Source::DbVpcCidr => layout.db_vpc.map(|v| (v.cidr.clone(), Some(v.id.clone()), db_why(v))),
        Source::DbVpcName => layout.db_vpc.map(|v| (vpc_name(v), Some(v.id.clone()), db_why(v))),
        Source::PublicSubnet(n) => subnet(layout.tier(Tier::Public), n, "discover-public-subnet"),
        Source::WebSubnet(n) => subnet(layout.tier(Tier::Web), n, "discover-web-subnet"),
        Source::WasSubnet(n) => subnet(layout.tier(Tier::Was), n, "discover-was-subnet"),
        Source::DbSubnet(n) => subnet(&layout.db_subnets, n, "discover-db-subnet"),
        Source::AlbSgName => group(layout.alb_sg, "discover-alb-group"),
        Source::WebSgName => group(layout.web_sg, "discover-web-group"),
        Source::WasSgName => group(layout.was_sg, "discover-was-group"),
        Source::DbSgName => group(layout.db_sg, "discover-db-group"),
        Source::WebSgPort => port(layout.web_sg, "discover-web-port"),
        Source::WasSgPort => port(layout.was_sg, "discover-was-port"),
        Source::DbSgPort => port(layout.db_sg, "discover-db-port").or_else(|| {
            let db = layout.db_instance?;
            let p = db.port?;
            Some((
                p.to_string(),
                Some(db.id.clone()),
                msg!("discover-db-instance-listens", db = &db.id, port = &p),
            ))
        }),
        Source::DbKeyAlias => layout.key.map(|(k, alias)| {
            (
                alias.to_owned(),
                Some(k.id.clone()),
                msg!("discover-customer-managed-key-encrypts", key = &k.id, alias = &alias),
            )
        }),
        Source::DbIdentifier => layout.db_instance.map(|d| {
            (d.id.clone(), Some(d.id.clone()), msg!("discover-db-instance-runs-database", db = &d.id))
        }),
        Source::DbSubnetGroup => layout.db_subnet_group.map(|g| {
            (g.name.clone(), Some(g.name.clone()), msg!("discover-db-subnet-group-database", group = &g.name))
        }),
        Source::ZoneDomain => layout.zone.map(|z| {
            (
                z.name.clone(),
                Some(z.id.clone()),
                msg!("discover-public-hosted-zone-holds", zone = &z.name, zone_id = &z.id),
            )
        }),
    }
}

/// Reads every parameter of `lab` that says where it can be found off `snapshot`. Pure: the
/// same snapshot gives the same parameters. Values that would not pass the parameter's own
/// validation (a Name tag with characters a type refuses) are left out.
pub fn discover(lab: &Lab, snapshot: &Snapshot) -> Discovery {
    let layout = Layout::infer(snapshot);
    let mut out = Discovery::default();
    for p in &lab.params {
        let Some(source) = p.discover else { continue };
        match read(&layout, source).filter(|(value, _, _)| p.kind.parse(value).is_ok()) {
            Some((value, resource, why)) => {
                let value = p.kind.parse(&value).map(|v| v.to_string()).unwrap_or(value);
                out.found.push(Found {
                    param: p.name.clone(),
                    value,
                    default: p.default.to_string(),
                    resource,
                    why,
                });
            }
            None => out.missing.push(p.name.clone()),
        }
    }
    out
}

/// Parameters for a check with discovery: what was found, overridden by what the learner gave
/// (`given`, `--param` pairs), which always wins.
pub fn params_with<'a>(
    lab: &Lab,
    discovery: &'a Discovery,
    given: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Params, LabError> {
    lab.params(discovery.pairs().chain(given))
}

/// What a check with other parameters would say: the `--param` line that describes the
/// learner's own build, and the steps it would pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Suggestion {
    /// `param → value` that differ from the parameters used.
    pub params: BTreeMap<String, String>,
    /// `--param a=b --param c=d`.
    pub param_line: String,
    /// `sandpit check LAB --param …`.
    pub command: String,
    /// The steps that fail now and pass with these parameters.
    pub steps: Vec<String>,
}

/// When a check with `used` (the defaults, or what the learner gave) fails steps that a check
/// with the discovered parameters passes, the parameters that make the difference. Parameters
/// the learner gave (`given`) are never second-guessed. `evaluate` judges the same snapshot with
/// other parameters (the engine, with the same steps and guard).
pub fn suggestion(
    lab: &Lab,
    used: &Params,
    given: &[&str],
    report: &Report,
    discovery: &Discovery,
    evaluate: impl FnOnce(&Params) -> Option<Report>,
) -> Option<Suggestion> {
    let changed: BTreeMap<String, String> = discovery
        .found
        .iter()
        .filter(|f| !given.contains(&f.param.as_str()))
        .filter(|f| used.get(&f.param).map(ToString::to_string).as_deref() != Some(f.value.as_str()))
        .map(|f| (f.param.clone(), f.value.clone()))
        .collect();
    if changed.is_empty() || !report.steps.iter().any(|s| s.status == StepStatus::Fail) {
        return None;
    }
    let current: Vec<(&str, String)> = used.iter().map(|(k, v)| (k, v.to_string())).collect();
    let merged = lab
        .params(
            current
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .chain(changed.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
        )
        .ok()?;
    let other = evaluate(&merged)?;
    let steps: Vec<String> = report
        .steps
        .iter()
        .filter(|s| s.status == StepStatus::Fail)
        .filter(|s| other.step(&s.id).is_some_and(|o| o.status == StepStatus::Pass))
        .map(|s| s.id.clone())
        .collect();
    if steps.is_empty() {
        return None;
    }
    let param_line = param_line(changed.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let command = format!("sandpit check {} {param_line}", lab.id);
    Some(Suggestion { params: changed, param_line, command, steps })
}

/// Adds to each step the suggestion would pass an info finding naming the `--param` line (only
/// the parameters that step uses) and the command with `--discover`. Changes no verdict.
pub fn annotate(report: &mut Report, lab: &Lab, suggestion: &Suggestion) {
    for step in report.steps.iter_mut().filter(|s| suggestion.steps.contains(&s.id)) {
        let Some(def) = lab.step(&step.id) else { continue };
        let used = def.params_used();
        let relevant: Vec<(&str, &str)> = suggestion
            .params
            .iter()
            .filter(|(k, _)| used.contains(*k))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let line = if relevant.is_empty() { suggestion.param_line.clone() } else { param_line(relevant) };
        let lab_id = &lab.id;
        step.findings.push(
            Finding::info(msg!("discover-your-account-seems-hold", line = &line))
                .expected(line.clone())
                .hint(msg!(
                    "discover-check-these-parameters-let",
                    command = &suggestion.command,
                    lab_id = &lab_id
                )),
        );
    }
}

#[cfg(test)]
mod tests;
