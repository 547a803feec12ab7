//! `no_world_open_port` — no security group in the lab's VPCs opens a port (SSH by default) to
//! the whole internet.
//!
//! "The whole internet" is what the rules admit together, not one string: `0.0.0.0/1` plus
//! `128.0.0.0/1`, or a prefix list whose entries cover every address, open the port as surely
//! as `0.0.0.0/0` does.

use serde::Deserialize;

use super::addresses::{Addresses, addresses, covers_the_internet};
use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::find_vpc;
use super::security_group_ingress::{describe_source, unknown_list};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, SecurityGroup, SgRule, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "no_world_open_port",
    description: "No security group in the VPCs allows TCP `port` (default 22) from every address (0.0.0.0/0, ::/0, or rules and prefix lists that add up to them).",
    needs: &[
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::SecurityGroups,
        ResourceKind::ManagedPrefixLists,
    ],
    build: build::<NoWorldOpenPort>,
};

fn ssh() -> u16 {
    22
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoWorldOpenPort {
    vpcs: Vec<VpcRef>,
    #[serde(default = "ssh")]
    port: u16,
}

/// The rules of `group` that, together, admit TCP `port` from every address (empty when they do
/// not), and the rules whose prefix list could not be read.
fn world_open<'g>(
    snap: &Snapshot,
    group: &'g SecurityGroup,
    port: u16,
) -> (Vec<&'g SgRule>, Vec<&'g SgRule>) {
    let mut open = Vec::new();
    let mut blocks = Vec::new();
    let mut unknown = Vec::new();
    for rule in group.ingress.iter().filter(|r| r.allows_tcp_port(port)) {
        match addresses(snap, &rule.source) {
            Addresses::Blocks(b) if !b.is_empty() => {
                blocks.extend(b);
                open.push(rule);
            }
            Addresses::Unknown { .. } => unknown.push(rule),
            _ => {}
        }
    }
    if covers_the_internet(&blocks) { (open, unknown) } else { (Vec::new(), unknown) }
}

impl Check for NoWorldOpenPort {
    fn judges_without(&self) -> &'static [ResourceKind] {
        // A rule naming a prefix list that was not read is said to be unknown on its own.
        &[ResourceKind::ManagedPrefixLists]
    }

    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let port = self.port;
        let vpcs: Vec<_> = self.vpcs.iter().filter_map(|r| find_vpc(snap, r)).collect();
        if vpcs.is_empty() {
            let wanted: Vec<crate::Localized> = self.vpcs.iter().map(VpcRef::label).collect();
            let vpcs = crate::Localized::join(&wanted, ", ");
            return vec![
                Finding::fail(msg!("no-world-open-port-no-vpc-yet", vpcs = &vpcs))
                    .expected(vpcs.en.clone())
                    .found("no VPC")
                    .hint(msg!("no-world-open-port-cannot-check-yet-no-hint")),
            ];
        }
        let mut findings = Vec::new();
        for group in snap.security_groups.iter().filter(|g| vpcs.iter().any(|v| v.id == g.vpc_id)) {
            let (open, unknown) = world_open(snap, group, port);
            if !open.is_empty() {
                let what: Vec<crate::Localized> = open
                    .iter()
                    .map(|r| {
                        let ports = r.ports_label();
                        msg!("no-world-open-port-rule", ports = ports, source = describe_source(snap, r))
                    })
                    .collect();
                let what = crate::Localized::join(&what, ", ");
                let together = if open.len() > 1 {
                    msg!("no-world-open-port-together-every-address")
                } else {
                    crate::Localized::default()
                };
                findings.push(
                    Finding::fail(msg!(
                        "no-world-open-port-allows-includes-tcp-anyone",
                        group = group.display(),
                        what = &what,
                        together = &together,
                        port = &port
                    ))
                    .resource(group.id.clone())
                    .expected(format!(
                        "no tcp/{port} from every address (0.0.0.0/0, ::/0 or rules adding up to them)"
                    ))
                    .found(what.en.clone())
                    .hint(msg!("no-world-open-port-allows-includes-tcp-anyone-hint")),
                );
            }
            // A prefix list that could not be read may open the port: it cannot be vouched for.
            findings.extend(unknown.into_iter().map(|r| unknown_list(snap, group, r)));
        }
        if findings.is_empty() {
            let ids: Vec<&str> = vpcs.iter().map(|v| v.id.as_str()).collect();
            findings.push(
                Finding::pass(msg!(
                    "no-world-open-port-no-security-group-opens",
                    ids = ids.join(", "),
                    port = &port
                ))
                .resource(ids.join(","))
                .found(format!("no world-open tcp/{port}")),
            );
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, cidr, run, solved, statuses, tcp};
    use crate::report::FindingStatus::*;
    use crate::snapshot::{RuleSource, SgRule};

    fn args() -> toml::Table {
        toml::toml! { vpcs = [{ cidr = "10.10.0.0/16" }, { cidr = "172.16.0.0/16" }] }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("no_world_open_port", args(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes() {
        let (b, _) = solved();
        assert_eq!(statuses(&run("no_world_open_port", args(), &b.build())), [Pass]);
    }

    #[test]
    fn ssh_from_the_world_and_all_traffic_from_ipv6_fail_per_group() {
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.web_sg).unwrap().ingress.push(tcp(22, cidr("0.0.0.0/0")));
        groups.iter_mut().find(|g| g.id == s.db_sg).unwrap().ingress.push(SgRule::new(
            "-1",
            None,
            None,
            RuleSource::Ipv6Cidr("::/0".into()),
        ));
        let f = run("no_world_open_port", args(), &b.build());
        assert_eq!(statuses(&f), [Fail, Fail]);
        let resources: Vec<_> = f.iter().filter_map(|f| f.resource.clone()).collect();
        assert!(resources.contains(&s.web_sg) && resources.contains(&s.db_sg));
    }

    #[test]
    fn two_halves_of_the_internet_open_ssh_too() {
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        let web = groups.iter_mut().find(|g| g.id == s.web_sg).unwrap();
        web.ingress.push(tcp(22, cidr("0.0.0.0/1")));
        web.ingress.push(tcp(22, cidr("128.0.0.0/1")));
        let f = run("no_world_open_port", args(), &b.build());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(f[0].resource.as_deref(), Some(s.web_sg.as_str()));
        assert_eq!(f[0].found.as_deref(), Some("tcp/22 from 0.0.0.0/1, tcp/22 from 128.0.0.0/1"));
        assert!(f[0].message.en.contains("together: every address"));
        assert_eq!(crate::english_words(&f[0].message.ko), Vec::<String>::new(), "{}", f[0].message.ko);
        // One half alone is not the internet.
        let (mut b, s) = solved();
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups.iter_mut().find(|g| g.id == s.web_sg).unwrap().ingress.push(tcp(22, cidr("0.0.0.0/1")));
        assert_eq!(statuses(&run("no_world_open_port", args(), &b.build())), [Pass]);
    }

    #[test]
    fn a_prefix_list_of_the_whole_internet_opens_ssh_and_an_unreadable_one_is_an_error() {
        use crate::snapshot::{CollectError, ManagedPrefixList};
        let (mut b, s) = solved();
        b.snapshot().managed_prefix_lists.items_mut().unwrap().push(ManagedPrefixList {
            id: "pl-anywhere".into(),
            name: "anywhere".into(),
            address_family: "IPv4".into(),
            owner_id: "123456789012".into(),
            cidrs: vec!["0.0.0.0/2".into(), "64.0.0.0/2".into(), "128.0.0.0/1".into()],
            unreadable: None,
        });
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        groups
            .iter_mut()
            .find(|g| g.id == s.was_sg)
            .unwrap()
            .ingress
            .push(tcp(22, RuleSource::PrefixList("pl-anywhere".into())));
        let f = run("no_world_open_port", args(), b.snapshot());
        assert_eq!(statuses(&f), [Fail]);
        assert!(
            f[0].found.as_deref().unwrap().starts_with("tcp/22 from pl-anywhere [0.0.0.0/2"),
            "{:?}",
            f[0].found
        );
        b.snapshot().managed_prefix_lists.items_mut().unwrap()[0].unreadable = Some(CollectError::Denied {
            action: "ec2:GetManagedPrefixListEntries".into(),
            managed_policy: "SecurityAudit".into(),
            message: "UnauthorizedOperation".into(),
        });
        let f = run("no_world_open_port", args(), b.snapshot());
        assert_eq!(statuses(&f), [Error]);
        assert!(f[0].message.en.contains("ec2:GetManagedPrefixListEntries"), "{}", f[0].message.en);
    }

    #[test]
    fn ssh_from_a_single_address_and_http_from_the_world_pass() {
        let (mut b, s) = solved();
        for i in 0..30 {
            b.sg(
                &s.app_vpc,
                &format!("admin-{i}"),
                vec![tcp(22, cidr("203.0.113.7/32")), tcp(443, cidr("0.0.0.0/0"))],
            );
        }
        assert_eq!(statuses(&run("no_world_open_port", args(), &b.build())), [Pass]);
    }
}
