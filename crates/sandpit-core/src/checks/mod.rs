//! The check kinds: one registry, one file per kind with its tests beside it.
//!
//! A check kind is a pure function `(snapshot, arguments) -> findings`. Its arguments come from a
//! lab file (`[[step.check]] kind = "subnets" …`) and are deserialized into the kind's own struct,
//! so a lab with a wrong argument is refused when it loads. Each kind declares the resource types
//! it reads; the engine collects only those, and answers for a kind whose resources could not be
//! read, so kinds only ever look at data that is there.

pub(crate) mod addresses;
mod app_tier;
pub mod args;
pub mod expect;
mod iam_common;
mod resolve;

mod budget_alerts;
mod budget_monthly_cost;
mod db_subnet_group;
mod default_route;
mod dns_record;
mod dns_ttls;
mod dns_weighted;
mod hosted_zone;
mod internet_gateway;
mod kms_customer_key;
mod nat_gateway;
mod no_world_open_port;
mod peering_active;
mod peering_routes;
mod rds_backups;
mod rds_encryption;
mod rds_instance;
mod rds_instance_class;
mod rds_maintenance;
mod rds_managed_password;
mod rds_not_public;
mod rds_security_group;
mod security_group_ingress;
mod subnets;
mod vpc;
mod vpc_cidrs_disjoint;

mod alert_topic;
mod auto_scaling_group;
mod iam_access_key_age;
mod iam_console_mfa;
mod iam_group_access;
mod iam_group_members;
mod iam_permission_boundary;
mod iam_root_account;
mod launch_failure_alert;
mod launch_template;
mod listener_forwards;
mod load_balancer;
mod load_balancer_chain;
mod scaling_policy;
mod target_group;
mod targets_healthy;

#[cfg(test)]
pub(crate) mod fixtures;

use std::fmt;

use serde::de::DeserializeOwned;

use self::expect::Expectation;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

/// A check with its arguments, ready to evaluate.
pub trait Check: fmt::Debug + Send + Sync {
    /// Judges the snapshot. Called only when every resource type of the kind's `needs` was read,
    /// except those of [`Check::judges_without`].
    fn evaluate(&self, snapshot: &Snapshot) -> Vec<Finding>;

    /// Resource types of `needs` it judges without when they were not read: it says so on the
    /// resources that needed them (a rule naming a prefix list) instead of giving up on all. A
    /// snapshot saved before such a type was read keeps its verdicts.
    fn judges_without(&self) -> &'static [ResourceKind] {
        &[]
    }

    /// What these arguments ask the account to hold, for the lab's target architecture. Every
    /// kind answers, if only with nothing (a kind about budgets or DNS draws no network).
    fn expectations(&self) -> Vec<Expectation>;

    /// The hosted zone it looks at (`auto` for the account's only public zone), so a read
    /// fetches that zone's records only. Kinds that read no records say nothing.
    fn hosted_zone(&self) -> Option<&str> {
        None
    }
}

/// A kind of check that lab files can name.
pub struct CheckKind {
    /// The name lab files use (`kind = "subnets"`).
    pub name: &'static str,
    /// What it verifies, for lab authors.
    pub description: &'static str,
    /// The resource types it reads.
    pub needs: &'static [ResourceKind],
    build: fn(toml::Value) -> Result<Box<dyn Check>, String>,
}

impl fmt::Debug for CheckKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckKind").field("name", &self.name).finish_non_exhaustive()
    }
}

impl CheckKind {
    /// Builds a check from its arguments (placeholders already substituted).
    pub fn build(&self, args: toml::Value) -> Result<Box<dyn Check>, String> {
        (self.build)(args)
    }
}

fn build<A: Check + DeserializeOwned + 'static>(args: toml::Value) -> Result<Box<dyn Check>, String> {
    A::deserialize(args).map(|a| Box::new(a) as Box<dyn Check>).map_err(|e| e.message().trim().to_owned())
}

/// Every check kind. Adding a kind: a file beside this one with its `KIND` and its tests, and a
/// line here.
pub static REGISTRY: &[&CheckKind] = &[
    &vpc::KIND,
    &subnets::KIND,
    &internet_gateway::KIND,
    &nat_gateway::KIND,
    &default_route::KIND,
    &security_group_ingress::KIND,
    &no_world_open_port::KIND,
    &vpc_cidrs_disjoint::KIND,
    &peering_active::KIND,
    &peering_routes::KIND,
    &hosted_zone::KIND,
    &dns_record::KIND,
    &dns_weighted::KIND,
    &dns_ttls::KIND,
    &kms_customer_key::KIND,
    &db_subnet_group::KIND,
    &rds_instance::KIND,
    &rds_encryption::KIND,
    &rds_not_public::KIND,
    &rds_backups::KIND,
    &rds_maintenance::KIND,
    &rds_managed_password::KIND,
    &rds_instance_class::KIND,
    &rds_security_group::KIND,
    &budget_monthly_cost::KIND,
    &budget_alerts::KIND,
    &launch_template::KIND,
    &target_group::KIND,
    &load_balancer::KIND,
    &load_balancer_chain::KIND,
    &listener_forwards::KIND,
    &auto_scaling_group::KIND,
    &scaling_policy::KIND,
    &targets_healthy::KIND,
    &alert_topic::KIND,
    &launch_failure_alert::KIND,
    &iam_group_access::KIND,
    &iam_group_members::KIND,
    &iam_console_mfa::KIND,
    &iam_access_key_age::KIND,
    &iam_permission_boundary::KIND,
    &iam_root_account::KIND,
];

/// The `domain` value meaning "the account's only public hosted zone".
pub const AUTO_DOMAIN: &str = "auto";

/// The kind with this name.
pub fn kind(name: &str) -> Option<&'static CheckKind> {
    REGISTRY.iter().copied().find(|k| k.name == name)
}

/// Every kind's name.
pub fn kind_names() -> Vec<&'static str> {
    REGISTRY.iter().map(|k| k.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_unique_and_documented() {
        let mut names = kind_names();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), REGISTRY.len());
        for kind in REGISTRY {
            assert!(!kind.description.is_empty(), "{} has no description", kind.name);
            assert!(!kind.needs.is_empty(), "{} reads nothing", kind.name);
        }
    }

    #[test]
    fn unknown_arguments_are_refused() {
        let args = toml::toml! { vpc = { cidr = "10.10.0.0/16" } bogus = 1 };
        let err = kind("vpc").unwrap().build(toml::Value::Table(args)).unwrap_err();
        assert!(err.contains("bogus"), "{err}");
    }
}
