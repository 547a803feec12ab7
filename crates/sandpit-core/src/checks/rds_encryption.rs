//! `rds_encryption` — the instance's storage is encrypted with a customer-managed key, resolved
//! through KMS whatever form RDS reports it in (ARN, key id or alias). The lab's alias is
//! advice: a customer-managed key under another alias does the same job (said as info, with the
//! `--param` that names it). An Aurora member is judged by its cluster, where encryption lives.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::{describe_db, per_instance};
use super::{Check, CheckKind, build};
use crate::msg;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "rds_encryption",
    description: "Each DB instance's storage (its Aurora cluster's, for a member) is encrypted with a customer-managed key; the key behind `key_alias` is expected, another customer-managed key is info.",
    needs: &[
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::DbInstances,
        ResourceKind::KmsKeys,
        ResourceKind::DbClusters,
    ],
    build: build::<Encrypted>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Encrypted {
    vpc: VpcRef,
    key_alias: String,
}

impl Check for Encrypted {
    fn judges_without(&self) -> &'static [ResourceKind] {
        // Aurora clusters were not always read: an instance in no cluster (every instance of a
        // snapshot saved before they were) is judged on its own attributes.
        &[ResourceKind::DbClusters]
    }

    fn expectations(&self) -> Vec<Expectation> {
        Vec::new()
    }

    fn evaluate(&self, snap: &Snapshot) -> Vec<Finding> {
        let alias = if self.key_alias.starts_with("alias/") {
            self.key_alias.clone()
        } else {
            format!("alias/{}", self.key_alias)
        };
        let want = snap.kms_key(&alias);
        let mut findings = Vec::new();
        let judged = per_instance(snap, &self.vpc, |db| {
            let who = describe_db(db);
            // Only a database that is not encrypted, or encrypted with AWS's key, needs a new
            // encrypted copy: the key is chosen when storage is created.
            let recreate = msg!("rds-encryption-chosen-when-storage-created", alias = &alias);
            if !db.storage_encrypted {
                return Finding::fail(msg!("rds-encryption-not-encrypted-storage-backups", who = &who))
                    .resource(db.id.clone())
                    .expected(format!("storage encrypted with a customer-managed key ({alias})"))
                    .found("not encrypted")
                    .hint(recreate);
            }
            let used = db.kms_key_id.as_deref().unwrap_or_default();
            let key = snap.kms_key(used);
            if let Some((k, error)) = key.and_then(|k| Some((k, k.unreadable.as_ref()?))) {
                let what = msg!("rds-encryption-unreadable-key", key = &k.id, db = &who);
                return crate::engine::denial_finding(what, error).resource(db.id.clone());
            }
            match (key, want) {
                (Some(k), Some(w)) if k.id == w.id => Finding::pass(msg!(
                    "rds-encryption-encrypted-key",
                    who = &who,
                    alias = &alias,
                    key = &k.id
                ))
                .resource(db.id.clone())
                .found(format!("encrypted with {}", k.id)),
                (Some(k), _) if k.manager == "AWS" => Finding::fail(msg!(
                    "rds-encryption-encrypted-aws-managed-key",
                    who = &who,
                    key = k.aliases.first().map_or(k.id.as_str(), String::as_str),
                    alias = &alias
                ))
                .resource(db.id.clone())
                .expected(format!("encrypted with {alias}"))
                .found(format!("encrypted with {} (AWS managed)", k.aliases.first().unwrap_or(&k.id)))
                .hint(recreate),
                (Some(k), _) => {
                    let called = crate::layout::own_alias(k).map(str::to_owned);
                    findings.push(
                        Finding::info(match &called {
                            Some(a) => msg!(
                                "rds-encryption-key-other-alias",
                                who = &who,
                                key = &k.id,
                                called = a,
                                alias = &alias
                            ),
                            None => {
                                msg!("rds-encryption-key-no-alias", who = &who, key = &k.id, alias = &alias)
                            }
                        })
                        .resource(k.id.clone())
                        .expected(alias.clone())
                        .found(called.clone().unwrap_or_else(|| k.id.clone()))
                        .hint(match &called {
                            Some(a) => msg!("rds-encryption-s-key-customer-managed-hint", alias = &a),
                            None => msg!(
                                "rds-encryption-s-key-customer-managed-hint-2",
                                alias = &alias,
                                key = &k.id
                            ),
                        }),
                    );
                    Finding::pass(msg!(
                        "rds-encryption-encrypted-customer-managed-key",
                        who = &who,
                        key = &k.id
                    ))
                    .resource(db.id.clone())
                    .found(format!("encrypted with {}", k.id))
                }
                (None, _) => {
                    Finding::fail(msg!("rds-encryption-encrypted-not-key-account", who = &who, used = &used))
                        .resource(db.id.clone())
                        .expected(format!("encrypted with {alias}"))
                        .found(used.to_owned())
                }
            }
        });
        // Each instance's verdict, then what is worth knowing about the keys.
        let mut out = judged;
        for f in findings {
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Builder, rds_solved, run, statuses};
    use crate::report::FindingStatus::*;

    fn args() -> toml::Table {
        toml::toml! { vpc = { cidr = "172.16.0.0/16" } key_alias = "alias/lab-rds" }
    }

    #[test]
    fn empty_account_fails() {
        assert_eq!(statuses(&run("rds_encryption", args(), &Builder::empty().build())), [Fail]);
    }

    #[test]
    fn solved_passes_whatever_form_rds_reports_the_key_in() {
        let (mut b, s) = rds_solved();
        for form in [
            format!("arn:aws:kms:ap-northeast-2:123456789012:key/{}", s.key),
            s.key.clone(),
            "alias/lab-rds".to_owned(),
            "arn:aws:kms:ap-northeast-2:123456789012:alias/lab-rds".to_owned(),
        ] {
            b.db(&s.db).kms_key_id = Some(form.clone());
            assert_eq!(statuses(&run("rds_encryption", args(), b.snapshot())), [Pass], "{form}");
        }
    }

    #[test]
    fn unencrypted_and_aws_managed_key_fail_differently() {
        let (mut b, s) = rds_solved();
        b.db(&s.db).storage_encrypted = false;
        let f = run("rds_encryption", args(), b.snapshot());
        assert_eq!(f[0].found.as_deref(), Some("not encrypted"));
        b.db(&s.db).storage_encrypted = true;
        b.db(&s.db).kms_key_id = Some("alias/aws/rds".into());
        let f = run("rds_encryption", args(), b.snapshot());
        assert_eq!(statuses(&f), [Fail]);
        assert_eq!(f[0].found.as_deref(), Some("encrypted with alias/aws/rds (AWS managed)"));
    }

    #[test]
    fn a_customer_key_under_another_alias_passes_with_advice_never_a_rebuild() {
        // The false failure: a database encrypted with the learner's own key under
        // another alias was told to snapshot, copy and restore.
        let (mut b, s) = rds_solved();
        let mine = b.kms_key("alias/team7-mysql", "CUSTOMER");
        b.db(&s.db).kms_key_id = Some(format!("arn:aws:kms:ap-northeast-2:123456789012:key/{mine}"));
        let f = run("rds_encryption", args(), b.snapshot());
        assert_eq!(statuses(&f), [Pass, Info]);
        let info = &f[1];
        assert_eq!(info.resource.as_deref(), Some(mine.as_str()));
        let hint = info.hint.as_ref().unwrap();
        assert!(hint.en.contains("--param key_alias=alias/team7-mysql"), "{}", hint.en);
        for text in [&info.message, hint] {
            assert!(!text.en.contains("snapshot") && !text.en.contains("restore"), "{}", text.en);
            assert_eq!(crate::english_words(&text.ko), Vec::<String>::new(), "{}", text.ko);
        }
    }

    #[test]
    fn an_aurora_member_is_judged_by_its_cluster() {
        use crate::snapshot::{DbCluster, DbClusterMember};
        let (mut b, s) = rds_solved();
        b.db(&s.db).cluster_id = Some("lab-cluster".into());
        // Aurora instances report no encryption of their own that matters: the cluster's does.
        b.db(&s.db).storage_encrypted = false;
        b.db(&s.db).kms_key_id = None;
        let cluster = |encrypted: bool, key: Option<String>| DbCluster {
            id: "lab-cluster".into(),
            engine: "aurora-mysql".into(),
            status: "available".into(),
            storage_encrypted: encrypted,
            kms_key_id: key,
            master_user_secret_arn: None,
            backup_retention_days: 1,
            subnet_group: Some("lab-db-subnets".into()),
            security_groups: vec![],
            members: vec![DbClusterMember { instance_id: "lab-db".into(), writer: true }],
            maintenance_window: None,
            port: Some(3306),
            deletion_protection: false,
            created_at: None,
        };
        let arn = format!("arn:aws:kms:ap-northeast-2:123456789012:key/{}", s.key);
        b.snapshot().db_clusters = vec![cluster(true, Some(arn))].into();
        let f = run("rds_encryption", args(), b.snapshot());
        assert_eq!(statuses(&f), [Pass]);
        assert!(f[0].message.en.contains("(cluster lab-cluster)"), "{}", f[0].message.en);
        b.snapshot().db_clusters = vec![cluster(false, None)].into();
        assert_eq!(run("rds_encryption", args(), b.snapshot())[0].found.as_deref(), Some("not encrypted"));
    }

    #[test]
    fn an_unreadable_key_errors_only_the_instance_that_uses_it() {
        let (mut b, s) = rds_solved();
        let other = b.kms_key("alias/other", "CUSTOMER");
        b.db_instance("db-other", &s.net.db_vpc, "alias/other", "sg-x");
        let key = b.snapshot().kms_keys.items_mut().unwrap().iter_mut().find(|k| k.id == other).unwrap();
        key.unreadable = Some(crate::snapshot::CollectError::Failed {
            action: "kms:DescribeKey".into(),
            message: "timeout".into(),
        });
        let f = run("rds_encryption", args(), b.snapshot());
        let by_db: Vec<_> = f.iter().map(|f| (f.resource.clone().unwrap(), f.status)).collect();
        assert!(by_db.contains(&(s.db.clone(), Pass)), "{by_db:?}");
        assert!(by_db.contains(&("db-other".to_owned(), Error)), "{by_db:?}");
    }

    #[test]
    fn many_instances_each_judged() {
        let (mut b, s) = rds_solved();
        for i in 0..5 {
            b.db_instance(&format!("db-{i}"), &s.net.db_vpc, "alias/lab-rds", "sg-x");
        }
        b.db("db-3").storage_encrypted = false;
        assert_eq!(
            statuses(&run("rds_encryption", args(), &b.build())),
            [Pass, Pass, Pass, Pass, Fail, Pass]
        );
    }
}
