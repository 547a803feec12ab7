//! `security_group_ingress` — a tier's security group lets the tier's port in from the tier in
//! front of it (by security group or address) and, when `exclusive`, from nothing else.
//!
//! Judged by what the rules admit: a managed prefix list stands for its entries, several address
//! blocks together count as their union (the WAS subnets' two /24s, or one /23 that is exactly
//! them), and a group referenced through a peering that is no longer active admits nothing. The
//! group's name is advice: when no group has the lab's name, the group of the VPC that does the
//! job is judged, and the report says which name to pass.

use ipnet::{IpNet, Ipv4Net};
use serde::Deserialize;

use super::addresses::{Addresses, addresses, covers_v4};
use super::args::{Cidr, VpcRef};
use super::expect::Expectation;
use super::resolve::{either, find_group, require_vpc};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, RuleSource, SecurityGroup, SgRule, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "security_group_ingress",
    description: "A security group allows TCP `port` from the given groups or CIDRs (and, when `exclusive`, from nothing else); prefix lists are expanded, a group with another name that does the job is judged.",
    needs: &[
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::SecurityGroups,
        ResourceKind::ManagedPrefixLists,
    ],
    build: build::<GroupIngress>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupIngress {
    vpc: VpcRef,
    group: String,
    port: u16,
    #[serde(default)]
    from_groups: Vec<String>,
    #[serde(default)]
    from_cidrs: Vec<Cidr>,
    #[serde(default)]
    exclusive: bool,
}

/// How a rule's source stands against the sources a tier may be reached from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceVerdict {
    /// One of the allowed groups, or addresses inside the allowed blocks.
    Allowed,
    /// Something else.
    Other,
    /// A prefix list whose entries could not be read: it cannot be told.
    Unknown,
}

/// The sources a tier may be reached from: groups (resolved) and address blocks.
pub(crate) struct Allowed<'s> {
    pub(crate) groups: Vec<&'s SecurityGroup>,
    pub(crate) blocks: Vec<Ipv4Net>,
}

impl Allowed<'_> {
    /// Whether `rule`'s source is one of these (a dead peering reference never is).
    pub(crate) fn judge(&self, snap: &Snapshot, rule: &SgRule) -> SourceVerdict {
        match addresses(snap, &rule.source) {
            Addresses::Group(id) if self.groups.iter().any(|g| g.id == id) => {
                if rule.through_dead_peering() {
                    SourceVerdict::Other
                } else {
                    SourceVerdict::Allowed
                }
            }
            Addresses::Group(_) => SourceVerdict::Other,
            Addresses::Blocks(blocks) => {
                let inside = !blocks.is_empty()
                    && !self.blocks.is_empty()
                    && blocks.iter().all(|b| match b {
                        IpNet::V4(n) => covers_v4(&self.blocks, *n),
                        IpNet::V6(_) => false,
                    });
                if inside { SourceVerdict::Allowed } else { SourceVerdict::Other }
            }
            Addresses::Unknown { .. } => SourceVerdict::Unknown,
        }
    }
}

/// How to call a rule's source in a message: the group with its name, the CIDR, the prefix list
/// with its entries.
pub(crate) fn describe_source(snap: &Snapshot, rule: &SgRule) -> String {
    let base = match &rule.source {
        RuleSource::Group(id) => snap.security_group(id).map_or_else(|| id.clone(), SecurityGroup::display),
        RuleSource::Cidr(c) | RuleSource::Ipv6Cidr(c) => c.clone(),
        RuleSource::PrefixList(id) => match addresses(snap, &rule.source) {
            Addresses::Blocks(b) => {
                format!("{id} [{}]", b.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
            }
            _ => format!("{id} [?]"),
        },
    };
    // Written as AWS fields, so it reads the same in every language.
    match &rule.peering {
        Some(p) if rule.through_dead_peering() => format!(
            "{base} ↔ {} (PeeringStatus={})",
            p.connection_id.as_deref().unwrap_or("pcx-?"),
            p.status.as_deref().unwrap_or("?")
        ),
        _ => base,
    }
}

fn describe_rules(snap: &Snapshot, rules: &[SgRule]) -> String {
    if rules.is_empty() {
        return "no inbound rule".to_owned();
    }
    rules
        .iter()
        .map(|r| format!("{} from {}", r.describe_ports(), describe_source(snap, r)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl GroupIngress {
    /// The sources named in the arguments, resolved in the snapshot; the group names that name
    /// nothing.
    fn allowed<'s>(&self, snap: &'s Snapshot, vpc: &str) -> (Allowed<'s>, Vec<&str>) {
        let mut groups = Vec::new();
        let mut missing = Vec::new();
        for name in &self.from_groups {
            // A group in a peered VPC can be a source too.
            match find_group(snap, Some(vpc), name).or_else(|| find_group(snap, None, name)) {
                Some(g) => groups.push(g),
                None => missing.push(name.as_str()),
            }
        }
        (Allowed { groups, blocks: self.from_cidrs.iter().map(|c| c.0).collect() }, missing)
    }

    /// Whether `group` admits the port from an allowed source.
    fn does_the_job(&self, snap: &Snapshot, group: &SecurityGroup, allowed: &Allowed<'_>) -> bool {
        group
            .ingress
            .iter()
            .any(|r| r.allows_tcp_port(self.port) && allowed.judge(snap, r) == SourceVerdict::Allowed)
    }
}

impl Check for GroupIngress {
    fn judges_without(&self) -> &'static [ResourceKind] {
        // A rule naming a prefix list that was not read is said to be unknown on its own.
        &[ResourceKind::ManagedPrefixLists]
    }

    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let port = self.port;
        let (allowed, missing_groups) = self.allowed(snap, &vpc.id);
        let sources: Vec<String> = allowed
            .groups
            .iter()
            .map(|g| g.display())
            .chain(self.from_cidrs.iter().map(ToString::to_string))
            .chain(missing_groups.iter().map(|n| (*n).to_owned()))
            .collect();
        let expected = format!("tcp/{port} from {}", sources.join(" or "));
        let mut findings = Vec::new();

        let group = match find_group(snap, Some(&vpc.id), &self.group) {
            Some(g) => g,
            None => {
                // Names are advice: a group of the VPC that admits the port from the tier in front
                // does the job whatever it is called (the tightest one first).
                let mut doers: Vec<&SecurityGroup> = snap
                    .security_groups
                    .iter()
                    .filter(|g| g.vpc_id == vpc.id && self.does_the_job(snap, g, &allowed))
                    .collect();
                doers.sort_by_key(|g| (g.ingress.len(), g.id.clone()));
                match doers.first().copied() {
                    Some(g) => {
                        findings.push(
                            Finding::info(msg!(
                                "security-group-ingress-other-group-does-the-job",
                                group = &self.group,
                                vpc = &vpc.id,
                                doer = g.display(),
                                port = port,
                                sources = either(&sources)
                            ))
                            .resource(g.id.clone())
                            .expected(format!("security group {}", self.group))
                            .found(g.display()),
                        );
                        g
                    }
                    None => {
                        let names: Vec<String> = snap
                            .security_groups
                            .iter()
                            .filter(|g| g.vpc_id == vpc.id)
                            .map(SecurityGroup::display)
                            .collect();
                        return vec![
                            Finding::fail(msg!(
                                "security-group-ingress-no-group-does-the-job",
                                group = &self.group,
                                vpc = &vpc.id,
                                port = port,
                                sources = either(&sources)
                            ))
                            .resource(vpc.id.clone())
                            .expected(expected)
                            .found(if names.is_empty() {
                                "no security group".to_owned()
                            } else {
                                names.join(", ")
                            })
                            .hint(msg!(
                                "security-group-ingress-no-security-group-named-hint",
                                vpc = &vpc.id,
                                group = &self.group,
                                port = &port
                            )),
                        ];
                    }
                }
            }
        };

        let rules = &group.ingress;
        // A group reference through a peering that is gone admits nothing, whatever it names.
        for rule in rules.iter().filter(|r| r.through_dead_peering()) {
            findings.push(
                Finding::info(msg!(
                    "security-group-ingress-stale-rule",
                    group = group.display(),
                    ports = ports(rule),
                    source = describe_source(snap, rule)
                ))
                .resource(group.id.clone())
                .hint(msg!("security-group-ingress-s-rule-from-admits-hint")),
            );
        }
        let verdict = |r: &SgRule| allowed.judge(snap, r);
        let good = rules.iter().find(|r| r.allows_tcp_port(port) && verdict(r) == SourceVerdict::Allowed);
        match good {
            Some(rule) => findings.push(
                Finding::pass(msg!(
                    "security-group-ingress-allows-tcp-from",
                    group = group.display(),
                    port = &port,
                    snap = describe_source(snap, rule)
                ))
                .resource(group.id.clone())
                .expected(expected.clone())
                .found(describe_rules(snap, rules)),
            ),
            None => {
                // A rule whose prefix list could not be read may be the one: say so, not "no".
                if let Some(rule) =
                    rules.iter().find(|r| r.allows_tcp_port(port) && verdict(r) == SourceVerdict::Unknown)
                {
                    findings.push(unknown_list(snap, group, rule));
                }
                // A named source group that does not exist explains the failure, unless an
                // address rule is an accepted alternative (then it is only worth knowing).
                for name in &missing_groups {
                    let finding = if self.from_cidrs.is_empty() {
                        Finding::fail(msg!("security-group-ingress-source-security-group-does", name = &name))
                    } else {
                        Finding::info(msg!(
                            "security-group-ingress-no-security-group-named-2",
                            name = &name,
                            cidrs = self
                                .from_cidrs
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ))
                    };
                    findings.push(
                        finding.expected(format!("security group {name}")).found("none").hint(msg!(
                            "security-group-ingress-no-security-group-named-2-hint",
                            name = &name
                        )),
                    );
                }
                findings.push(
                    Finding::fail(msg!(
                        "security-group-ingress-port-closed",
                        group = group.display(),
                        port = port,
                        sources = either(&sources)
                    ))
                    .resource(group.id.clone())
                    .expected(expected.clone())
                    .found(describe_rules(snap, rules))
                    .hint(msg!("security-group-ingress-does-not-allow-tcp-hint", port = &port)),
                );
            }
        }
        if self.exclusive {
            for rule in rules.iter().filter(|r| !r.through_dead_peering()) {
                match verdict(rule) {
                    SourceVerdict::Allowed => {
                        if rule.opens_more_than_tcp(port) {
                            findings.push(
                                Finding::info(msg!(
                                    "security-group-ingress-opens-more-ports",
                                    group = group.display(),
                                    ports = ports(rule),
                                    port = port,
                                    source = describe_source(snap, rule)
                                ))
                                .resource(group.id.clone()),
                            );
                        }
                    }
                    SourceVerdict::Unknown => {
                        if good.is_some() {
                            findings.push(unknown_list(snap, group, rule));
                        }
                    }
                    SourceVerdict::Other => findings.push(
                        Finding::fail(msg!(
                            "security-group-ingress-other-source",
                            group = group.display(),
                            ports = ports(rule),
                            source = describe_source(snap, rule),
                            sources = either(&sources)
                        ))
                        .resource(group.id.clone())
                        .expected(expected.clone())
                        .found(format!("{} from {}", rule.describe_ports(), describe_source(snap, rule)))
                        .hint(msg!("security-group-ingress-also-allows-from-tier-hint")),
                    ),
                }
            }
        }
        findings
    }
}

/// The finding for a rule whose prefix list could not be expanded: it cannot be judged.
pub(crate) fn unknown_list(snap: &Snapshot, group: &SecurityGroup, rule: &SgRule) -> Finding {
    let list = match &rule.source {
        RuleSource::PrefixList(id) => id.as_str(),
        _ => "?",
    };
    let what = msg!("security-group-ingress-prefix-list-entries", list = list, group = group.display());
    match addresses(snap, &rule.source) {
        Addresses::Unknown { error: Some(error), .. } => {
            crate::engine::denial_finding(what, error).resource(group.id.clone())
        }
        _ => Finding::error(msg!("security-group-ingress-cannot-read-list-not", what = &what))
            .resource(group.id.clone()),
    }
}

/// A rule's ports as each language's message says them.
fn ports(rule: &SgRule) -> crate::Localized {
    rule.ports_label()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, cidr, failures, run, solved, statuses, tcp};
    use crate::report::FindingStatus::*;

    fn was() -> toml::Table {
        toml::toml! { vpc = { cidr = "10.10.0.0/16" } group = "was-sg" port = 8080 from_groups = ["web-sg"] exclusive = true }
    }

    fn db() -> toml::Table {
        toml::toml! {
            vpc = { cidr = "172.16.0.0/16" } group = "db-sg" port = 3306
            from_groups = ["was-sg"] from_cidrs = ["10.10.3.0/24", "10.10.4.0/24"] exclusive = true
        }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("security_group_ingress", was(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes_the_chain_and_the_db_across_the_peering() {
        let (b, s) = solved();
        let snap = b.build();
        let f = run("security_group_ingress", was(), &snap);
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.was_sg.as_str()));
        assert_eq!(statuses(&run("security_group_ingress", db(), &snap)), [Pass]);
    }

    #[test]
    fn a_world_open_was_port_fails_when_exclusive() {
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.was_sg).unwrap().ingress.push(tcp(8080, cidr("0.0.0.0/0")));
        let f = run("security_group_ingress", was(), &b.build());
        let fails = failures(&f);
        assert_eq!(fails.len(), 1);
        assert_eq!(fails[0].found.as_deref(), Some("tcp/8080 from 0.0.0.0/0"));
    }

    #[test]
    fn the_db_open_to_the_whole_app_vpc_fails_but_was_cidrs_pass() {
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        let db_sg = groups.iter_mut().find(|g| g.id == s.db_sg).unwrap();
        db_sg.ingress = vec![tcp(3306, cidr("10.10.3.0/24")), tcp(3306, cidr("10.10.4.0/24"))];
        assert_eq!(statuses(&run("security_group_ingress", db(), &b.build())), [Pass]);
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().ingress = vec![tcp(3306, cidr("10.10.0.0/16"))];
        let f = run("security_group_ingress", db(), &b.build());
        assert_eq!(statuses(&f), [Fail, Fail]);
    }

    #[test]
    fn a_rule_on_the_wrong_port_fails() {
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        let web = s.web_sg.clone();
        groups.iter_mut().find(|g| g.id == s.was_sg).unwrap().ingress =
            vec![tcp(80, super::super::fixtures::group(&web))];
        let f = run("security_group_ingress", was(), &b.build());
        assert_eq!(statuses(&f), [Fail, Info]);
    }

    #[test]
    fn the_was_addresses_pass_as_two_blocks_one_block_or_a_prefix_list() {
        use crate::snapshot::{ManagedPrefixList, RuleSource};
        let (mut b, s) = solved();
        b.snapshot().managed_prefix_lists.items_mut().unwrap().push(ManagedPrefixList {
            id: "pl-was".into(),
            name: "was-subnets".into(),
            address_family: "IPv4".into(),
            owner_id: "123456789012".into(),
            cidrs: vec!["10.10.3.0/24".into(), "10.10.4.0/24".into()],
            unreadable: None,
        });
        let cases = [
            vec![tcp(3306, cidr("10.10.3.0/24")), tcp(3306, cidr("10.10.4.0/24"))],
            vec![tcp(3306, cidr("10.10.3.0/24"))],
            vec![tcp(3306, RuleSource::PrefixList("pl-was".into()))],
        ];
        for ingress in cases {
            let groups = b.snapshot().security_groups.items_mut().unwrap();
            groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().ingress = ingress.clone();
            assert_eq!(statuses(&run("security_group_ingress", db(), b.snapshot())), [Pass], "{ingress:?}");
        }
        // A /23 that is exactly the two WAS /24s of a lab whose WAS subnets are adjacent.
        let args = toml::toml! {
            vpc = { cidr = "172.16.0.0/16" } group = "db-sg" port = 3306
            from_groups = ["was-sg"] from_cidrs = ["10.10.2.0/24", "10.10.3.0/24"] exclusive = true
        };
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().ingress = vec![tcp(3306, cidr("10.10.2.0/23"))];
        assert_eq!(statuses(&run("security_group_ingress", args, b.snapshot())), [Pass]);
        // A prefix list holding more than the WAS tier is not the WAS tier.
        b.snapshot().managed_prefix_lists.items_mut().unwrap()[0].cidrs.push("10.10.1.0/24".into());
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().ingress =
            vec![tcp(3306, RuleSource::PrefixList("pl-was".into()))];
        let f = run("security_group_ingress", db(), b.snapshot());
        assert_eq!(statuses(&f), [Fail, Fail]);
        assert!(
            f[1].found.as_deref().unwrap().contains("pl-was [10.10.3.0/24, 10.10.4.0/24, 10.10.1.0/24]"),
            "{:?}",
            f[1].found
        );
    }

    #[test]
    fn a_missing_source_group_is_advice_when_the_was_addresses_are_accepted() {
        // The false failure: "the source security group was-sg does not exist yet" on a
        // database group whose rule comes from the WAS subnets' addresses.
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.was_sg).unwrap().name = "AppTierSG".into();
        groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().ingress =
            vec![tcp(3306, cidr("10.10.3.0/24")), tcp(3306, cidr("10.10.4.0/24"))];
        let f = run("security_group_ingress", db(), &b.build());
        assert_eq!(statuses(&f), [Pass], "{f:#?}");
        // With rules from elsewhere, the missing group is mentioned as info, never a failure.
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.was_sg).unwrap().name = "AppTierSG".into();
        groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().ingress = vec![tcp(3306, cidr("10.10.1.0/24"))];
        let f = run("security_group_ingress", db(), &b.build());
        assert_eq!(statuses(&f), [Info, Fail, Fail]);
        assert!(!failures(&f).iter().any(|f| f.message.en.contains("does not exist")));
    }

    #[test]
    fn a_reference_through_a_deleted_peering_admits_nothing() {
        use crate::snapshot::GroupPeering;
        let (mut b, s) = solved();
        let was = s.was_sg.clone();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        let mut rule = tcp(3306, super::super::fixtures::group(&was));
        rule.peering = Some(GroupPeering {
            connection_id: Some(s.pcx.clone()),
            status: Some("deleted".into()),
            vpc_id: Some(s.app_vpc.clone()),
            account: Some("123456789012".into()),
        });
        groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().ingress = vec![rule.clone()];
        let f = run("security_group_ingress", db(), b.snapshot());
        assert_eq!(statuses(&f), [Info, Fail]);
        assert!(f[0].message.en.contains("no longer active"), "{}", f[0].message.en);
        assert!(f[1].found.as_deref().unwrap().contains("(PeeringStatus=deleted)"), "{:?}", f[1].found);
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
        // Through an active peering it counts.
        rule.peering.as_mut().unwrap().status = Some("active".into());
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().ingress = vec![rule];
        assert_eq!(statuses(&run("security_group_ingress", db(), b.snapshot())), [Pass]);
    }

    #[test]
    fn a_group_named_otherwise_that_does_the_job_is_judged() {
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().name = "DatabaseSecurityGroup".into();
        let f = run("security_group_ingress", db(), &b.build());
        assert_eq!(statuses(&f), [Info, Pass]);
        assert_eq!(f[1].resource.as_deref(), Some(s.db_sg.as_str()));
        assert!(f[0].message.en.contains("names are advice"));
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
        // Named otherwise and open to the world as well: judged, and fails on that rule.
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        let db_sg = groups.iter_mut().find(|g| g.id == s.db_sg).unwrap();
        db_sg.name = "DatabaseSecurityGroup".into();
        db_sg.ingress.push(tcp(3306, cidr("0.0.0.0/0")));
        assert_eq!(statuses(&run("security_group_ingress", db(), &b.build())), [Info, Pass, Fail]);
    }

    #[test]
    fn many_groups_find_the_right_one() {
        let (mut b, s) = solved();
        for i in 0..40 {
            b.sg(&s.app_vpc, &format!("extra-{i}"), vec![tcp(22, cidr("10.0.0.0/8"))]);
        }
        assert_eq!(statuses(&run("security_group_ingress", was(), &b.build())), [Pass]);
    }
}
