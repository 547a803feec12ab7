//! The account snapshot: what one check saw in the account, as our own serde structs.
//!
//! SDK types are not serializable and change with every SDK release; these structs are ours, so
//! the same snapshot is collected live, kept as evidence, and loaded from fixtures in tests.
//! Each resource type is collected at most once per check and records whether collecting it
//! worked: a check that needs a type that could not be read says so instead of failing blindly.
//!
//! # Resource kinds: one declaration each
//!
//! Every kind of AWS resource Sandpit reads is one entry of the table in
//! [`with_resource_kinds!`](crate::with_resource_kinds): its snapshot field and item type, the
//! IAM actions its collector calls, the AWS managed policy that grants them, and its label's
//! message id. From that table the code generates [`ResourceKind`] (with `ALL`, the actions, the
//! policy and the labels), the [`Snapshot`] struct, [`Snapshot::unavailable`] and
//! [`Snapshot::only`], the denial messages, and in `sandpit-aws` the collection dispatch and
//! the warm-read hints of every kind. Two checked-in files are written from it by `make policy`:
//! the checker policy (`labs/policies/sandpit-checker.json`) and the classroom role template's
//! action list (`labs/classroom/sandpit-readonly-role.yaml`); their drift tests fail, naming that
//! command, until they are. The item types live per service beside this file (`ec2.rs`, `rds.rs`, …).
//!
//! Adding a kind touches five files by hand (`docs/adding-a-resource-kind.md` walks through one,
//! with the tests that fail when a place is missed):
//! 1. its item struct in the service's file here (`ec2.rs`: `NetworkAcl`),
//! 2. its entry at the end of the table (`kinds.rs`),
//! 3. its collector in `crates/sandpit-aws/src/collect/<service>.rs` (`impl Collect for …`, with
//!    `fn hint` when it lists and then describes each item),
//! 4. and 5. its label in `messages/en/core.ftl` and `messages/ko/core.ftl`;
//!
//! then `make policy` regenerates the policy and the role template.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;

mod autoscaling;
mod budgets;
mod cloudwatch;
mod ec2;
mod elbv2;
mod events;
mod iam;
mod kinds;
mod kms;
mod rds;
mod route53;
mod sns;

pub use autoscaling::*;
pub use budgets::*;
pub use cloudwatch::*;
pub use ec2::*;
pub use elbv2::*;
pub use events::*;
pub use iam::*;
pub use kms::*;
pub use rds::*;
pub use route53::*;
pub use sns::*;

/// Generates [`ResourceKind`], [`Snapshot`] and their derived tables from the kind table.
macro_rules! declare_resource_kinds {
    ($(
        $(#[$doc:meta])*
        $kind:ident {
            field: $field:ident,
            item: $item:ty,
            actions: [$($action:literal),+ $(,)?],
            managed_policy: $policy:literal,
            label: $label:literal $(,)?
        }
    ),+ $(,)?) => {
        /// A kind of AWS resource a collector can read. Check kinds declare the ones they need,
        /// so a check collects only what its lab looks at.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ResourceKind {
            $( $(#[$doc])* $kind, )+
        }

        impl ResourceKind {
            /// Every resource kind, in collection order.
            pub const ALL: &'static [ResourceKind] = &[$(ResourceKind::$kind),+];

            /// The IAM actions the collector calls to read this kind. This table is the single
            /// source of the checker's least-privilege policy.
            pub fn iam_actions(self) -> &'static [&'static str] {
                match self {
                    $( ResourceKind::$kind => &[$($action),+], )+
                }
            }

            /// The AWS managed policy that grants every one of [`Self::iam_actions`], for
            /// explaining a denial (checked against the policies' real contents by the emulator
            /// tests).
            pub fn managed_policy(self) -> &'static str {
                match self {
                    $( ResourceKind::$kind => $policy, )+
                }
            }

            /// A short name for messages, in `lang` ("route tables"), from the catalogue.
            pub fn label(self, lang: Lang) -> String {
                crate::msg::text(lang, self.label_id(), &[])
            }

            /// The catalogue id of [`Self::label`] (`kind-route-tables`).
            pub fn label_id(self) -> &'static str {
                match self {
                    $( ResourceKind::$kind => $label, )+
                }
            }

            /// The snapshot field (and JSON key) that holds this kind.
            pub fn field(self) -> &'static str {
                match self {
                    $( ResourceKind::$kind => stringify!($field), )+
                }
            }
        }

        /// Everything one check read from one account and region.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        pub struct Snapshot {
            /// The account id, when known.
            #[serde(default)]
            pub account: Option<String>,
            /// The region that was read.
            #[serde(default)]
            pub region: Option<String>,
            /// When collection finished.
            #[serde(default)]
            pub collected_at: Option<DateTime<Utc>>,
            $(
                #[doc = concat!("What was read of this kind (", $($action, " ",)+ ").")]
                #[serde(default)]
                pub $field: Collected<$item>,
            )+
        }

        impl Snapshot {
            /// Why `kind` cannot be looked at, if it cannot: not collected, or collecting it failed.
            pub fn unavailable(&self, kind: ResourceKind) -> Option<Unavailable<'_>> {
                match kind {
                    $( ResourceKind::$kind => self.$field.unavailable(), )+
                }
            }

            /// An account where every kind was read and nothing exists (for fixtures).
            pub fn all_read_and_empty() -> Snapshot {
                Snapshot {
                    account: None,
                    region: None,
                    collected_at: None,
                    $( $field: Collected::Ok { items: Vec::new() }, )+
                }
            }

            /// Takes `kinds` from `other`, as read there (to complete a snapshot with kinds read
            /// later, such as a path question's network ACLs after a lab check).
            pub fn merge_kinds(&mut self, other: &Snapshot, kinds: &[ResourceKind]) {
                $(
                    if kinds.contains(&ResourceKind::$kind) {
                        self.$field = other.$field.clone();
                    }
                )+
            }

            /// This snapshot with only `kinds` kept (the others as never collected): what a
            /// check that reads only those would have been given.
            pub fn only(&self, kinds: &[ResourceKind]) -> Snapshot {
                Snapshot {
                    account: self.account.clone(),
                    region: self.region.clone(),
                    collected_at: self.collected_at,
                    $(
                        $field: if kinds.contains(&ResourceKind::$kind) {
                            self.$field.clone()
                        } else {
                            Collected::NotCollected
                        },
                    )+
                }
            }
        }
    };
}

crate::with_resource_kinds!(declare_resource_kinds);

/// Why a resource type could not be collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum CollectError {
    /// AWS refused the call (AccessDenied / UnauthorizedOperation).
    Denied {
        /// The IAM action that was denied, e.g. `ec2:DescribeVpcs`.
        action: String,
        /// An AWS managed policy that grants it.
        managed_policy: String,
        /// AWS's own message.
        message: String,
    },
    /// Any other failure (network, throttling after retries, a service error).
    Failed {
        /// The IAM action that was attempted.
        action: String,
        /// What went wrong.
        message: String,
    },
}

/// One resource type as collected: its items, or why there are none to look at.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Collected<T> {
    /// The lab did not need this type, so it was not read.
    #[default]
    NotCollected,
    /// Read successfully (possibly empty).
    Ok {
        /// Everything of this type in the region.
        items: Vec<T>,
    },
    /// Reading it failed.
    Error {
        /// Why.
        error: CollectError,
    },
}

impl<T> Collected<T> {
    /// The items, if they were read.
    pub fn items(&self) -> Option<&[T]> {
        match self {
            Collected::Ok { items } => Some(items),
            _ => None,
        }
    }

    /// The items, or empty when not read. Only for code that has already checked availability.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items().unwrap_or(&[]).iter()
    }

    /// The items, mutably, if they were read (for building and editing fixtures).
    pub fn items_mut(&mut self) -> Option<&mut Vec<T>> {
        match self {
            Collected::Ok { items } => Some(items),
            _ => None,
        }
    }

    /// Why these items cannot be looked at, if they cannot.
    pub fn unavailable(&self) -> Option<Unavailable<'_>> {
        match self {
            Collected::Ok { .. } => None,
            Collected::NotCollected => Some(Unavailable::NotCollected),
            Collected::Error { error } => Some(Unavailable::Failed(error)),
        }
    }

    /// The failure, if reading failed.
    pub fn error(&self) -> Option<&CollectError> {
        match self {
            Collected::Error { error } => Some(error),
            _ => None,
        }
    }
}

impl<T> From<Vec<T>> for Collected<T> {
    fn from(items: Vec<T>) -> Self {
        Collected::Ok { items }
    }
}

/// Resource tags, key → value.
pub type Tags = BTreeMap<String, String>;

impl Snapshot {
    /// The KMS key a reference names, however it is written: key id, key ARN, alias name
    /// (`alias/x`) or alias ARN. RDS reports `KmsKeyId` as it was given, so never compare the
    /// strings themselves.
    pub fn kms_key(&self, reference: &str) -> Option<&KmsKey> {
        let r = reference.trim();
        let alias = r.find(":alias/").map_or(r, |i| &r[i + 1..]);
        self.kms_keys.iter().find(|k| {
            k.id == r
                || k.arn == r
                || r.ends_with(&format!(":key/{}", k.id))
                || k.aliases.iter().any(|a| a == alias)
        })
    }

    /// The VPC with this id.
    pub fn vpc(&self, id: &str) -> Option<&Vpc> {
        self.vpcs.iter().find(|v| v.id == id)
    }

    /// The subnet with this id.
    pub fn subnet(&self, id: &str) -> Option<&Subnet> {
        self.subnets.iter().find(|s| s.id == id)
    }

    /// The security group with this id.
    pub fn security_group(&self, id: &str) -> Option<&SecurityGroup> {
        self.security_groups.iter().find(|g| g.id == id)
    }

    /// The route table that governs `subnet`: its explicit association, else its VPC's main
    /// route table (what AWS itself uses).
    pub fn route_table_for_subnet(&self, subnet: &Subnet) -> Option<&RouteTable> {
        self.route_tables
            .iter()
            .find(|rt| rt.subnet_ids.contains(&subnet.id))
            .or_else(|| self.route_tables.iter().find(|rt| rt.vpc_id == subnet.vpc_id && rt.main))
    }
}

/// How much of an account a read covers beyond the resource kinds, where reading everything
/// would cost: Route 53 answers about 5 requests a second per account, and each hosted zone's
/// records are one request (or more), so a lab about one zone reads that zone's records only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadScope {
    /// Whose records to read among the hosted zones (the zones themselves are always listed).
    pub zones: ZoneScope,
}

/// Which hosted zones' records a read fetches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ZoneScope {
    /// Every public zone's (discovery compares them).
    #[default]
    Every,
    /// The records of the account's only public zone, when it has exactly one (`domain = auto`).
    OnlyOne,
    /// The zones with these names (normalised, `example.com`).
    Named(std::collections::BTreeSet<String>),
}

impl ZoneScope {
    /// The zones of `listed` whose records this scope reads.
    pub fn wanted<'z>(&self, listed: &'z [HostedZone]) -> Vec<&'z HostedZone> {
        let public = || listed.iter().filter(|z| !z.private);
        match self {
            ZoneScope::Every => public().collect(),
            ZoneScope::OnlyOne => {
                let public: Vec<&HostedZone> = public().collect();
                if public.len() == 1 { public } else { Vec::new() }
            }
            ZoneScope::Named(names) => listed.iter().filter(|z| names.contains(&z.name)).collect(),
        }
    }
}

/// Why a resource type cannot be looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable<'a> {
    /// Not collected for this check (a bug in a kind's declared needs, or an offline snapshot).
    NotCollected,
    /// Collecting it failed.
    Failed(&'a CollectError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_matching_prefix_wins() {
        let rt = RouteTable {
            id: "rtb-1".into(),
            vpc_id: "vpc-1".into(),
            main: false,
            subnet_ids: vec![],
            routes: vec![
                route("10.10.0.0/16", "local"),
                route("0.0.0.0/0", "nat-1"),
                route("172.16.1.0/24", "pcx-1"),
            ],
            tags: Tags::new(),
        };
        let pick = |d: &str| rt.route_for(d.parse().unwrap()).map(|r| r.target.clone());
        assert_eq!(pick("172.16.1.0/24").as_deref(), Some("pcx-1"));
        assert_eq!(pick("172.16.2.0/24").as_deref(), Some("nat-1"));
        assert_eq!(pick("10.10.3.0/24").as_deref(), Some("local"));
    }

    fn route(dest: &str, target: &str) -> Route {
        Route {
            destination: dest.into(),
            target: target.into(),
            target_kind: RouteTargetKind::from_target_id(target),
            state: "active".into(),
        }
    }

    #[test]
    fn every_kind_has_its_label_in_both_languages() {
        let (en, ko) = (crate::msg::entries(Lang::En), crate::msg::entries(Lang::Ko));
        for &kind in ResourceKind::ALL {
            let id = kind.label_id();
            assert!(
                en.contains_key(id) && ko.contains_key(id),
                "{kind:?}: add `{id} = …` to messages/en/core.ftl and messages/ko/core.ftl"
            );
            assert_ne!(
                kind.label(Lang::Ko),
                kind.label(Lang::En),
                "{kind:?}: the Korean label is the English one"
            );
        }
    }

    /// `docs/adding-a-resource-kind.md` stays true: every file it names exists, the command it
    /// names for the generated files is a make target, and it names every place by hand.
    #[test]
    fn the_recipe_names_what_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let recipe =
            std::fs::read_to_string(root.join("docs/adding-a-resource-kind.md")).expect("the recipe");
        let named: Vec<&str> = recipe
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|s| !s.contains(['<', ' ', '*']) && s.contains('/') && s.contains('.'))
            .map(|s| s.split("::").next().unwrap_or(s))
            .collect();
        assert!(named.len() >= 8, "the recipe names its files in backticks: {named:?}");
        let missing: Vec<&&str> = named.iter().filter(|p| !root.join(p).exists()).collect();
        assert!(missing.is_empty(), "the recipe names files that do not exist: {missing:?}");
        for place in [
            "crates/sandpit-core/src/snapshot/kinds.rs",
            "crates/sandpit-core/messages/en/core.ftl",
            "crates/sandpit-core/messages/ko/core.ftl",
            "labs/policies/sandpit-checker.json",
            "labs/classroom/sandpit-readonly-role.yaml",
            "`make policy`",
        ] {
            assert!(recipe.contains(place), "the recipe does not name {place}");
        }
        let makefile = std::fs::read_to_string(root.join("Makefile")).expect("Makefile");
        assert!(makefile.lines().any(|l| l.starts_with("policy:")), "`make policy` is not a target");
        assert!(recipe.contains(crate::policy::REGENERATE));
    }

    #[test]
    fn a_snapshot_survives_a_json_round_trip() {
        let snap = Snapshot {
            account: Some("123456789012".into()),
            vpcs: Collected::Ok { items: vec![] },
            subnets: Collected::Error {
                error: CollectError::Denied {
                    action: "ec2:DescribeSubnets".into(),
                    managed_policy: "AmazonVPCReadOnlyAccess".into(),
                    message: "no".into(),
                },
            },
            ..Snapshot::default()
        };
        let json = serde_json::to_string(&snap).unwrap();
        assert_eq!(serde_json::from_str::<Snapshot>(&json).unwrap(), snap);
    }
}
