//! `rds_security_group` — the database is behind a security group that admits only the DB
//! port, from the WAS tier.
//!
//! Judged by function: the lab's group (`group`, by name) attached passes; so does any attached
//! group whose every rule admits only the DB port from the WAS tier (its group, its subnets'
//! addresses), whatever it is called. A hint never asks to attach a group that does not exist.

use serde::Deserialize;

use super::addresses::{Addresses, addresses, covers_the_internet};
use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{describe_db, find_group, per_instance, require_vpc};
use super::security_group_ingress::{Allowed, SourceVerdict, describe_source};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{DbInstance, ResourceKind, SecurityGroup, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "rds_security_group",
    description: "Each DB instance has the security group `group` attached, or one that admits only the DB port (`port`, else the instance's) from the WAS tier (`from_groups`, `from_cidrs`) whatever its name.",
    needs: &[
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::DbInstances,
        ResourceKind::SecurityGroups,
        ResourceKind::ManagedPrefixLists,
    ],
    build: build::<InstanceGroup>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InstanceGroup {
    vpc: VpcRef,
    group: String,
    /// The DB port; the instance's own port when not given.
    #[serde(default)]
    port: Option<u16>,
    /// The WAS tier's groups (by name).
    #[serde(default)]
    from_groups: Vec<String>,
    /// The WAS tier's addresses.
    #[serde(default)]
    from_cidrs: Vec<Cidr>,
}

impl InstanceGroup {
    /// Whether `group` admits only `port` over TCP, only from the WAS tier (or, when the lab
    /// names no tier, from somewhere narrower than the internet).
    fn admits_only_the_db_port(&self, snap: &Snapshot, group: &SecurityGroup, port: u16) -> bool {
        let groups: Vec<&SecurityGroup> =
            self.from_groups.iter().filter_map(|n| find_group(snap, None, n)).collect();
        let allowed = Allowed { groups, blocks: self.from_cidrs.iter().map(|c| c.0).collect() };
        let tier_named = !self.from_groups.is_empty() || !self.from_cidrs.is_empty();
        let live: Vec<_> = group.ingress.iter().filter(|r| !r.through_dead_peering()).collect();
        !live.is_empty()
            && live.iter().all(|r| {
                !r.opens_more_than_tcp(port)
                    && if tier_named {
                        allowed.judge(snap, r) == SourceVerdict::Allowed
                    } else {
                        match addresses(snap, &r.source) {
                            Addresses::Group(_) => true,
                            Addresses::Blocks(b) => !b.is_empty() && !covers_the_internet(&b),
                            Addresses::Unknown { .. } => false,
                        }
                    }
            })
    }

    fn judge(&self, snap: &Snapshot, named: Option<&SecurityGroup>, db: &DbInstance) -> Finding {
        let who = describe_db(db);
        let attached: Vec<&SecurityGroup> =
            db.security_groups.iter().filter_map(|id| snap.security_group(id)).collect();
        let listed: Vec<String> = db
            .security_groups
            .iter()
            .map(|id| snap.security_group(id).map_or_else(|| id.clone(), |g| g.display()))
            .collect();
        let port = self.port.or_else(|| db.port.and_then(|p| u16::try_from(p).ok())).unwrap_or(3306);
        if let Some(g) = named.filter(|g| db.security_groups.contains(&g.id)) {
            return Finding::pass(msg!("rds-security-group-uses", who = &who, group = g.display()))
                .resource(db.id.clone())
                .found(listed.join(", "));
        }
        if let Some(g) = attached.iter().find(|g| self.admits_only_the_db_port(snap, g, port)) {
            let rules: Vec<String> = g
                .ingress
                .iter()
                .map(|r| format!("{} from {}", r.describe_ports(), describe_source(snap, r)))
                .collect();
            return Finding::pass(msg!(
                "rds-security-group-uses-admits-only-tcp",
                who = &who,
                group = g.display(),
                port = &port,
                lab_group = &self.group
            ))
            .resource(db.id.clone())
            .found(rules.join(", "));
        }
        let hint = match named {
            Some(g) => msg!(
                "rds-security-group-attach-vpc-aws-rds",
                group = g.display(),
                db = &db.id,
                group_id = &g.id
            ),
            None => msg!(
                "rds-security-group-attach-vpc-aws-rds-hint",
                group = &self.group,
                port = &port,
                db = &db.id
            ),
        };
        Finding::fail(msg!("rds-security-group-not-behind-group-admits", who = &who, port = &port))
            .resource(db.id.clone())
            .expected(format!(
                "security group {} (or one admitting only tcp/{port} from the WAS tier)",
                self.group
            ))
            .found(listed.join(", "))
            .hint(hint)
    }
}

impl Check for InstanceGroup {
    fn judges_without(&self) -> &'static [ResourceKind] {
        // A rule naming a prefix list that was not read is said to be unknown on its own.
        &[ResourceKind::ManagedPrefixLists]
    }

    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc_id = require_vpc(snap, &self.vpc).map(|v| v.id.clone()).unwrap_or_default();
        let named = find_group(snap, Some(&vpc_id), &self.group);
        per_instance(snap, &self.vpc, |db| self.judge(snap, named, db))
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, rds_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc = { cidr = "172.16.0.0/16" } group = "db-sg" }
    }

    #[test]
    fn empty_solved_broken_many() {
        assert_eq!(statuses(&run("rds_security_group", args(), &Builder::empty().build())), [Fail]);
        let (mut b, s) = rds_solved();
        assert_eq!(statuses(&run("rds_security_group", args(), b.snapshot())), [Pass]);
        let default_sg = b
            .snapshot()
            .security_groups
            .iter()
            .find(|g| g.vpc_id == s.net.db_vpc && g.name == "default")
            .unwrap()
            .id
            .clone();
        b.db(&s.db).security_groups = vec![default_sg];
        let f = run("rds_security_group", args(), b.snapshot());
        assert_eq!(statuses(&f), [Fail]);
        assert!(f[0].found.as_deref().unwrap().contains("(default)"));
        assert!(f[0].hint.as_ref().unwrap().en.contains(&s.net.db_sg), "names the real id");
        for i in 0..5 {
            b.db_instance(&format!("db-{i}"), &s.net.db_vpc, "x", &s.net.db_sg);
        }
        assert_eq!(
            statuses(&run("rds_security_group", args(), &b.build())),
            [Fail, Pass, Pass, Pass, Pass, Pass]
        );
    }

    fn with_tier() -> toml::Table {
        toml::toml! {
            vpc = { cidr = "172.16.0.0/16" } group = "db-sg" port = 3306
            from_groups = ["was-sg"] from_cidrs = ["10.10.3.0/24", "10.10.4.0/24"]
        }
    }

    #[test]
    fn a_group_named_otherwise_that_admits_only_the_db_port_from_the_was_tier_passes() {
        use super::super::fixtures::{cidr, tcp};
        // The false failure: "attach db-sg", which does not exist, to a database already
        // behind a group that does exactly its job under another name.
        let (mut b, s) = rds_solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.net.db_sg).unwrap().name = "rds-launch-wizard-1".into();
        let f = run("rds_security_group", with_tier(), b.snapshot());
        assert_eq!(statuses(&f), [Pass], "{f:#?}");
        assert!(f[0].message.en.contains("names are advice"));
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
        // By the WAS subnets' addresses, too.
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.net.db_sg).unwrap().ingress =
            vec![tcp(3306, cidr("10.10.3.0/24")), tcp(3306, cidr("10.10.4.0/24"))];
        assert_eq!(statuses(&run("rds_security_group", with_tier(), b.snapshot())), [Pass]);
        // Another port, the web tier, or the internet: not the job, and the hint creates a group
        // rather than naming one that does not exist.
        for ingress in [
            vec![tcp(5432, cidr("10.10.3.0/24"))],
            vec![tcp(3306, cidr("10.10.1.0/24"))],
            vec![tcp(3306, cidr("0.0.0.0/0"))],
        ] {
            let groups = b.snapshot().security_groups.items_mut().unwrap();
            groups.iter_mut().find(|g| g.id == s.net.db_sg).unwrap().ingress = ingress.clone();
            let f = run("rds_security_group", with_tier(), b.snapshot());
            assert_eq!(statuses(&f), [Fail], "{ingress:?}");
            let hint = f[0].hint.as_ref().unwrap();
            assert!(
                hint.en.contains("No group named db-sg exists") && !hint.en.contains("Attach db-sg"),
                "{}",
                hint.en
            );
            assert_eq!(crate::english_words(&hint.ko), Vec::<String>::new(), "{}", hint.ko);
        }
    }
}
