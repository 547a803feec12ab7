//! Warm reads: what the last read of an account found, so the next read asks its dependent
//! questions in the first round.
//!
//! Some answers need an earlier answer: Route 53 lists zones before their records, KMS lists
//! keys before describing them, Budgets needs the account id (from STS) before listing budgets,
//! then each budget's alerts, then each alert's subscribers; load balancers come before their
//! listeners, target groups before their targets' health, SNS topics before their attributes
//! and subscriptions, EventBridge rules before their targets, IAM users before their login
//! profiles, MFA devices and access keys. Each dependent step is a full AWS
//! round trip (50–300 ms). A learner checks the same account again and again while building it,
//! and between two checks these ids rarely change, so every read remembers the ids it saw
//! ([`Hints`]) and the next read of the same account asks about them next to the lists.
//!
//! The lists still decide. An early answer about a zone, key, budget or alert that the list
//! does not name is dropped; what the list names and the hints did not is asked for afterwards,
//! as on a first read; an account id guessed from the hints is compared with STS's answer and
//! the read is repeated with the right one when they differ. A stale hint costs calls, never a
//! wrong verdict. Hints are a cache: a missing, unreadable or corrupt file is a cold read, and a
//! file that cannot be written is skipped silently.
//!
//! Nothing here knows a resource kind. What a read keeps of a kind is that kind's business, and
//! is said beside its collector ([`Collect::hint`](crate::collect::Collect::hint): the ids its
//! detail calls are about, or for budgets the alerts too); the hints are a store keyed by
//! [`ResourceKind`], filled by the dispatch generated from the kind table. A new
//! list-then-describe kind remembers its ids without a line in this file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sandpit_core::snapshot::{ResourceKind, Snapshot};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// The layout of the hint files; a file of another version is ignored. (2: one entry per
/// resource kind, in place of a field per kind.)
const VERSION: u32 = 2;

/// Ids the last read of one account saw.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Hints {
    version: u32,
    /// The account id STS gave for these credentials.
    pub(crate) account: Option<String>,
    /// What the last read kept of each kind it read ([`Collect::hint`](crate::collect::Collect::hint)),
    /// as that kind's collector wrote it.
    #[serde(default)]
    kinds: BTreeMap<ResourceKind, serde_json::Value>,
}

impl Hints {
    /// The hints after a read of `account` that produced `snapshot`: each kind the read saw
    /// replaces what was known of it; kinds it did not read (or could not) keep their hints.
    pub(crate) fn updated(mut self, account: &str, snapshot: &Snapshot) -> Self {
        self.version = VERSION;
        if self.account.as_deref() != Some(account) {
            // Another account's ids would only cost calls.
            self = Self { version: VERSION, account: Some(account.to_owned()), ..Self::default() };
        }
        self.kinds.extend(crate::collect::hints_of(snapshot));
        self
    }

    /// What the last read kept of `kind`, as its collector reads it; nothing (a cold read of
    /// that kind) when it kept nothing or what it kept no longer has this shape.
    pub(crate) fn get<H: DeserializeOwned + Default>(&self, kind: ResourceKind) -> H {
        self.kinds.get(&kind).and_then(|v| H::deserialize(v).ok()).unwrap_or_default()
    }

    /// The ids of `kind` the last read saw (for kinds whose hint is a list of ids).
    pub(crate) fn ids(&self, kind: ResourceKind) -> Vec<String> {
        self.get(kind)
    }
}

/// What a list-then-describe kind keeps when its detail calls are keyed by one id per item.
pub(crate) fn ids<'a>(ids: impl IntoIterator<Item = &'a String>) -> Option<serde_json::Value> {
    Some(serde_json::Value::from(ids.into_iter().cloned().collect::<Vec<String>>()))
}

/// Where the hints of one account (one set of credentials, region and endpoint) are kept:
/// `<dir>/<hash of the scope>.json`. The scope names the credentials (profile, access key id or
/// role), never a secret.
#[derive(Debug, Clone)]
pub(crate) struct HintFile {
    path: PathBuf,
}

impl HintFile {
    pub(crate) fn new(dir: &Path, scope: &str) -> Self {
        let digest = Sha256::digest(scope.as_bytes());
        let name: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        Self { path: dir.join(format!("{name}.json")) }
    }

    /// The file of another scope in the same folder.
    pub(crate) fn sibling(&self, scope: &str) -> Self {
        Self::new(self.path.parent().unwrap_or(Path::new(".")), scope)
    }

    /// The hints last saved, or none (a cold read) when there are none or they cannot be used.
    pub(crate) fn load(&self) -> Hints {
        std::fs::read(&self.path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Hints>(&bytes).ok())
            .filter(|h| h.version == VERSION)
            .unwrap_or_default()
    }

    /// Saves the hints (a temporary file renamed into place, so a reader never sees half a file).
    /// Failures are ignored: the next read is a cold one.
    pub(crate) fn save(&self, hints: &Hints) {
        let Some(dir) = self.path.parent() else { return };
        let Ok(json) = serde_json::to_vec(hints) else { return };
        // Unique per process and per save: two reads finishing at once never share a file.
        static SAVES: AtomicU64 = AtomicU64::new(0);
        let n = SAVES.fetch_add(1, Ordering::Relaxed);
        let tmp = self.path.with_extension(format!("json.{}-{n}.tmp", std::process::id()));
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&tmp, json))
            .and_then(|()| std::fs::rename(&tmp, &self.path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collect::budgets::{AlertKey, BudgetHint};
    use crate::collect::route53::ZoneHint;
    use sandpit_core::snapshot::{Budget, BudgetNotification, Collected, HostedZone, KmsKey};

    fn zones(hints: &Hints) -> Vec<String> {
        hints.get::<Vec<ZoneHint>>(ResourceKind::HostedZones).into_iter().map(|z| z.id).collect()
    }

    fn budgets(hints: &Hints) -> Vec<BudgetHint> {
        hints.get(ResourceKind::Budgets)
    }

    fn snapshot() -> Snapshot {
        Snapshot {
            hosted_zones: vec![HostedZone {
                id: "Z1".into(),
                name: "example.com".into(),
                private: false,
                records: Vec::new(),
                unreadable: None,
                records_not_read: false,
            }]
            .into(),
            kms_keys: vec![KmsKey {
                id: "k-1".into(),
                arn: "arn:aws:kms:ap-northeast-2:111122223333:key/k-1".into(),
                manager: "CUSTOMER".into(),
                state: "Enabled".into(),
                aliases: vec!["alias/lab".into()],
                unreadable: None,
            }]
            .into(),
            budgets: vec![Budget {
                name: "sandpit-guard".into(),
                budget_type: "COST".into(),
                time_unit: "MONTHLY".into(),
                limit: 20.0,
                unit: "USD".into(),
                actual_spend: None,
                forecast_spend: None,
                notifications: vec![BudgetNotification {
                    notification_type: "FORECASTED".into(),
                    comparison: "GREATER_THAN".into(),
                    threshold: 100.0,
                    threshold_type: "PERCENTAGE".into(),
                    subscribers: None,
                    subscribers_unlisted: None,
                }],
                unreadable: None,
            }]
            .into(),
            ..Snapshot::default()
        }
    }

    #[test]
    fn a_read_remembers_the_ids_it_saw() {
        let hints = Hints::default().updated("111122223333", &snapshot());
        assert_eq!(hints.account.as_deref(), Some("111122223333"));
        assert_eq!(zones(&hints), ["Z1"]);
        assert_eq!(hints.ids(ResourceKind::KmsKeys), ["k-1"]);
        let budgets = budgets(&hints);
        assert_eq!(budgets.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["sandpit-guard"]);
        let alert = &budgets[0].alerts[0];
        assert_eq!((alert.notification_type.as_str(), alert.threshold), ("FORECASTED", 100.0));
        let n = alert.to_notification().expect("a complete alert key");
        assert_eq!(AlertKey::of(&n), *alert);
    }

    #[test]
    fn kinds_a_read_did_not_see_keep_their_hints() {
        let first = Hints::default().updated("111122223333", &snapshot());
        let budgets_only = Snapshot { budgets: Collected::Ok { items: Vec::new() }, ..Snapshot::default() };
        let second = first.updated("111122223333", &budgets_only);
        assert_eq!(zones(&second), ["Z1"], "zones were not read, so they are still hinted");
        assert_eq!(second.ids(ResourceKind::KmsKeys), ["k-1"]);
        assert!(budgets(&second).is_empty(), "budgets were read and there are none now");
    }

    #[test]
    fn another_account_starts_over() {
        let first = Hints::default().updated("111122223333", &snapshot());
        let other = first.updated("444455556666", &Snapshot::default());
        assert_eq!(other.account.as_deref(), Some("444455556666"));
        assert!(
            zones(&other).is_empty()
                && other.ids(ResourceKind::KmsKeys).is_empty()
                && budgets(&other).is_empty()
        );
    }

    #[test]
    fn hints_survive_a_save_and_bad_files_are_a_cold_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = HintFile::new(&dir.path().join("reads"), "profile=lab\nregion=ap-northeast-2");
        assert_eq!(file.load(), Hints::default(), "nothing saved yet");
        let hints = Hints::default().updated("111122223333", &snapshot());
        file.save(&hints);
        assert_eq!(file.load(), hints);
        let other = HintFile::new(&dir.path().join("reads"), "profile=other\nregion=ap-northeast-2");
        assert_eq!(other.load(), Hints::default(), "another scope has its own file");

        std::fs::write(&file.path, b"{ not json").expect("write");
        assert_eq!(file.load(), Hints::default(), "a corrupt file is ignored");
        std::fs::write(
            &file.path,
            br#"{"version":99,"account":"1","hosted_zones":[],"kms_keys":[],"budgets":[]}"#,
        )
        .expect("write");
        assert_eq!(file.load(), Hints::default(), "another layout is ignored");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("reads"))
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "no temporary files left: {leftovers:?}");
    }

    #[test]
    fn an_unwritable_place_is_skipped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, b"").expect("write");
        let file = HintFile::new(&blocker.join("reads"), "scope");
        file.save(&Hints::default().updated("111122223333", &snapshot()));
        assert_eq!(file.load(), Hints::default());
    }
}
