//! What IAM checks share: finding groups and users by name (IAM names are unique regardless of
//! case) and reading the policies a group, user or role carries.

use crate::iam_policy::{Policy, managed_policy};
use crate::snapshot::{AttachedPolicy, IamGroup, IamUser, InlinePolicy, Snapshot};

/// The group with this name.
pub(crate) fn find_group<'s>(snap: &'s Snapshot, name: &str) -> Option<&'s IamGroup> {
    snap.iam_groups.iter().find(|g| g.name.eq_ignore_ascii_case(name))
}

/// The users in the group with this name.
pub(crate) fn members<'s>(snap: &'s Snapshot, group: &str) -> Vec<&'s IamUser> {
    snap.iam_users.iter().filter(|u| u.groups.iter().any(|g| g.eq_ignore_ascii_case(group))).collect()
}

/// One policy a principal carries: its name for people, and what it says when that is known.
pub(crate) struct Carried {
    pub(crate) name: String,
    pub(crate) policy: Option<Policy>,
}

/// The managed and inline policies of a principal, read: customer managed ones from the
/// account's documents, AWS managed ones from their summaries.
pub(crate) fn carried(snap: &Snapshot, attached: &[AttachedPolicy], inline: &[InlinePolicy]) -> Vec<Carried> {
    let customer =
        |arn: &str| snap.iam_policies.iter().find(|p| p.arn == arn).and_then(|p| p.document.as_deref());
    attached
        .iter()
        .map(|a| Carried { name: a.name.clone(), policy: managed_policy(&a.arn, &a.name, customer(&a.arn)) })
        .chain(inline.iter().map(|i| Carried {
            name: format!("{} (inline)", i.name),
            policy: Policy::parse(&i.document).ok(),
        }))
        .collect()
}

/// The policy behind a boundary ARN.
pub(crate) fn boundary_policy(snap: &Snapshot, arn: &str) -> Option<Policy> {
    let name = arn.rsplit('/').next().unwrap_or(arn);
    let customer = snap.iam_policies.iter().find(|p| p.arn == arn).and_then(|p| p.document.as_deref());
    managed_policy(arn, name, customer)
}
