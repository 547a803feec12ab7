//! `launch_template` — a launch template whose instances get the WAS security group and no
//! public IP, from the AMI asked for; an instance type outside the free tier is advice with its
//! cost difference. Any template counts, whatever its name: what it launches decides.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::{find_group, require_vpc};
use super::{Check, CheckKind, build};
use crate::cost::PriceTable;
use crate::engine::denial_finding;
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{LaunchTemplate, LaunchTemplateData, ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "launch_template",
    description: "A launch template launches instances with the WAS security group, no public IP and the given AMI (`any`: any); other than `allowed_types` is advice with the cost difference.",
    needs: &[ResourceKind::Vpcs, ResourceKind::SecurityGroups, ResourceKind::LaunchTemplates],
    build: build::<WasLaunchTemplate>,
};

/// `image = "any"`: any AMI will do.
const ANY_IMAGE: &str = "any";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WasLaunchTemplate {
    vpc: VpcRef,
    security_group: String,
    #[serde(default = "any_image")]
    image: String,
    allowed_types: Vec<String>,
}

fn any_image() -> String {
    ANY_IMAGE.to_owned()
}

/// On-demand USD per hour of an EC2 instance type (Seoul prices when the region is not priced).
pub(crate) fn ec2_hourly(snap: &Snapshot, instance_type: &str) -> Option<f64> {
    let prices = PriceTable::builtin();
    let region = snap.region.as_deref().filter(|r| prices.region(r).is_some()).unwrap_or("ap-northeast-2");
    prices.region(region)?.ec2.get(instance_type).copied()
}

/// The version data of `t` that has the group: the default version's first, else the latest's.
fn data_with_group<'t>(t: &'t LaunchTemplate, group: &str) -> Option<(&'static str, &'t LaunchTemplateData)> {
    let has = |d: &&LaunchTemplateData| d.all_security_groups().any(|g| g == group);
    t.default_data
        .as_ref()
        .filter(has)
        .map(|d| ("default", d))
        .or_else(|| t.latest_data.as_ref().filter(has).map(|d| ("latest", d)))
}

impl Check for WasLaunchTemplate {
    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let vpc = match require_vpc(snap, &self.vpc) {
            Ok(vpc) => vpc,
            Err(finding) => return vec![*finding],
        };
        let Some(was) = find_group(snap, Some(&vpc.id), &self.security_group) else {
            return vec![
                Finding::fail(msg!(
                    "launch-template-no-security-group-instances",
                    security_group = &self.security_group,
                    vpc = &vpc.id
                ))
                .resource(vpc.id.clone())
                .expected(format!("security group {}", self.security_group))
                .hint(msg!("launch-template-no-security-group-instances-hint")),
            ];
        };
        let candidates: Vec<(&LaunchTemplate, &str, &LaunchTemplateData)> = snap
            .launch_templates
            .iter()
            .filter_map(|t| data_with_group(t, &was.id).map(|(which, d)| (t, which, d)))
            .collect();
        let Some(&(template, which, data)) = candidates
            .iter()
            .max_by_key(|(_, which, d)| (*which == "default", d.associate_public_ip != Some(true)))
        else {
            if let Some(t) = snap.launch_templates.iter().find(|t| t.unreadable.is_some()) {
                let error = t.unreadable.as_ref().expect("filtered");
                return vec![
                    denial_finding(msg!("launch-template-unreadable", name = &t.name, id = &t.id), error)
                        .resource(t.id.clone()),
                ];
            }
            let found: Vec<String> = snap
                .launch_templates
                .iter()
                .map(|t| {
                    let groups: Vec<&str> =
                        t.default_data.iter().flat_map(LaunchTemplateData::all_security_groups).collect();
                    format!("{} ({}): [{}]", t.name, t.id, groups.join(", "))
                })
                .collect();
            return vec![
                Finding::fail(msg!("launch-template-no-launch-template-gives", was = was.display()))
                    .expected(format!("a launch template with security group {}", was.id))
                    .found(if found.is_empty() { "no launch template".to_owned() } else { found.join("; ") })
                    .hint(msg!("launch-template-no-launch-template-gives-hint", was = &was.id)),
            ];
        };
        let what = if which == "default" {
            msg!("launch-template-default-version", name = &template.name, id = &template.id)
        } else {
            msg!("launch-template-latest-version", name = &template.name, id = &template.id)
        };
        let mut findings = Vec::new();
        let mut problems = 0;
        if data.associate_public_ip == Some(true) {
            problems += 1;
            findings.push(
                Finding::fail(msg!("launch-template-gives-instances-public-ip", what = &what))
                    .resource(template.id.clone())
                    .expected("AssociatePublicIpAddress false")
                    .found("AssociatePublicIpAddress true")
                    .hint(msg!(
                        "launch-template-gives-instances-public-ip-hint",
                        template = &template.id,
                        latest_version = &template.latest_version,
                        was = &was.id
                    )),
            );
        }
        if self.image != ANY_IMAGE && data.image_id.as_deref() != Some(self.image.as_str()) {
            problems += 1;
            let found = data.image_id.clone().unwrap_or_else(|| "no AMI".to_owned());
            findings.push(
                Finding::fail(msg!(
                    "launch-template-launches-not-ami",
                    what = &what,
                    found = &found,
                    image = &self.image
                ))
                .resource(template.id.clone())
                .expected(self.image.clone())
                .found(found)
                .hint(msg!("launch-template-launches-not-ami-hint", image = &self.image)),
            );
        }
        if problems == 0 {
            let ty = data.instance_type.clone().unwrap_or_else(|| "?".to_owned());
            findings.insert(
                0,
                Finding::pass(msg!(
                    "launch-template-launches-instances-group-no",
                    what = &what,
                    ty = &ty,
                    was = was.display()
                ))
                .resource(template.id.clone())
                .found(format!("{ty}, {}", data.all_security_groups().collect::<Vec<_>>().join(", "))),
            );
        }
        if let Some(ty) = &data.instance_type
            && !self.allowed_types.contains(ty)
        {
            let cheapest =
                self.allowed_types.iter().filter_map(|t| ec2_hourly(snap, t)).fold(f64::INFINITY, f64::min);
            let as_of = PriceTable::builtin().as_of;
            let cost = match (ec2_hourly(snap, ty), cheapest.is_finite()) {
                (Some(price), true) => {
                    let (hour, month) = (price - cheapest, (price - cheapest) * 730.0);
                    msg!(
                        "launch-template-extra-cost",
                        hourly = format!("{hour:.4}"),
                        monthly = format!("{month:.0}"),
                        as_of = as_of
                    )
                }
                _ => msg!("launch-template-cost-beyond-free-tier"),
            };
            findings.push(
                Finding::info(msg!(
                    "launch-template-launches-compared",
                    what = &what,
                    ty = &ty,
                    cost = &cost,
                    allowed_types = self.allowed_types.join(" / ")
                ))
                .resource(template.id.clone())
                .expected(self.allowed_types.join(" or "))
                .found(ty.clone())
                .hint(msg!("launch-template-launches-compared-hint")),
            );
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, failures, run, statuses, was_solved};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! {
            vpc = { cidr = "10.10.0.0/16" }
            security_group = "was-sg"
            image = "any"
            allowed_types = ["t2.micro", "t3.micro"]
        }
    }

    #[test]
    fn empty_account_fails_on_the_vpc() {
        assert_eq!(statuses(&run("launch_template", args(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes_naming_the_template() {
        let (b, s) = was_solved();
        let f = run("launch_template", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.template.as_str()));
    }

    #[test]
    fn a_public_ip_a_wrong_ami_and_no_was_group_fail() {
        let (mut b, s) = was_solved();
        let lt = b.snapshot().launch_templates.items_mut().unwrap();
        lt[0].default_data.as_mut().unwrap().associate_public_ip = Some(true);
        let f = run("launch_template", args(), b.snapshot());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(failures(&f)[0].resource.as_deref(), Some(s.template.as_str()));
        assert!(failures(&f)[0].message.en.contains("public IP"));

        let mut wrong_ami = args();
        wrong_ami.insert("image".into(), "ami-0123456789abcdef0".into());
        let (b, _) = was_solved();
        let f = run("launch_template", wrong_ami, &b.build());
        assert!(failures(&f)[0].message.en.contains("not the AMI ami-0123456789abcdef0"), "{f:?}");

        let (mut b, s) = was_solved();
        let web = s.net.web_sg.clone();
        let lt = b.snapshot().launch_templates.items_mut().unwrap();
        lt[0].default_data.as_mut().unwrap().interface_security_group_ids = vec![web];
        let f = run("launch_template", args(), &b.build());
        assert_eq!(statuses(&f), [Fail]);
        assert!(f[0].message.en.contains("no launch template gives"), "{}", f[0].message.en);
        assert!(f[0].found.as_deref().unwrap().contains("was-lt"));
    }

    #[test]
    fn a_bigger_type_is_advice_with_the_cost() {
        let (mut b, _) = was_solved();
        let lt = b.snapshot().launch_templates.items_mut().unwrap();
        lt[0].default_data.as_mut().unwrap().instance_type = Some("m5.large".into());
        let f = run("launch_template", args(), &b.build());
        assert_eq!(statuses(&f), [Pass, Info]);
        assert!(f[1].message.en.contains("+$0.1050/h"), "{}", f[1].message.en);
        assert_eq!(crate::english_words(&f[1].message.ko), Vec::<String>::new(), "{}", f[1].message.ko);
    }

    /// What the collector leaves on a template whose DescribeLaunchTemplateVersions is refused.
    fn refuse_versions(t: &mut crate::snapshot::LaunchTemplate) {
        t.default_data = None;
        t.latest_data = None;
        t.unreadable = Some(crate::snapshot::CollectError::Denied {
            action: "ec2:DescribeLaunchTemplateVersions".into(),
            managed_policy: "AmazonEC2ReadOnlyAccess".into(),
            message: "You are not authorized to perform this operation.".into(),
        });
    }

    #[test]
    fn a_template_whose_versions_are_refused_leaves_the_other_template_judged() {
        // The lab's template is readable, another one is not: the lab's is judged as usual.
        let (mut b, s) = was_solved();
        let web = s.net.web_sg.clone();
        let other = b.launch_template("web-lt", &[&web], "t3.micro");
        let templates = b.snapshot().launch_templates.items_mut().unwrap();
        refuse_versions(templates.iter_mut().find(|t| t.id == other).unwrap());
        let f = run("launch_template", args(), b.snapshot());
        assert_eq!(statuses(&f), [Pass], "{f:?}");
        assert_eq!(f[0].resource.as_deref(), Some(s.template.as_str()));
        // ... and still fails on what it launches when that is wrong.
        let templates = b.snapshot().launch_templates.items_mut().unwrap();
        let lab = templates.iter_mut().find(|t| t.id == s.template).unwrap();
        lab.default_data.as_mut().unwrap().associate_public_ip = Some(true);
        let f = run("launch_template", args(), b.snapshot());
        assert_eq!(statuses(&f), [Fail], "{f:?}");
        assert_eq!(failures(&f)[0].resource.as_deref(), Some(s.template.as_str()));

        // The lab's template is the refused one: an error naming the action and that template,
        // never "no launch template".
        let (mut b, s) = was_solved();
        let web = s.net.web_sg.clone();
        b.launch_template("web-lt", &[&web], "t3.micro");
        let templates = b.snapshot().launch_templates.items_mut().unwrap();
        refuse_versions(templates.iter_mut().find(|t| t.id == s.template).unwrap());
        let f = run("launch_template", args(), &b.build());
        assert_eq!(statuses(&f), [Error], "{f:?}");
        assert!(f[0].message.en.contains("ec2:DescribeLaunchTemplateVersions"), "{}", f[0].message.en);
        assert!(f[0].message.ko.contains("ec2:DescribeLaunchTemplateVersions"), "{}", f[0].message.ko);
        assert_eq!(f[0].resource.as_deref(), Some(s.template.as_str()));
    }

    #[test]
    fn many_templates_any_one_with_the_group_counts() {
        let (mut b, s) = was_solved();
        let web = s.net.web_sg.clone();
        for i in 0..8 {
            b.launch_template(&format!("web-lt-{i}"), &[&web], "t3.micro");
        }
        let f = run("launch_template", args(), &b.build());
        assert_eq!(statuses(&f), [Pass]);
        assert_eq!(f[0].resource.as_deref(), Some(s.template.as_str()));
    }
}
