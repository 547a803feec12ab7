//! `rds_encryption` — the instance's storage is encrypted with a customer-managed key, resolved
//! through KMS whatever form RDS reports it in (ARN, key id or alias). The lab's alias is
//! advice: a customer-managed key under another alias does the same job (said as info, with the
//! `--param` that names it). An Aurora member is judged by its cluster, where encryption lives.

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::{describe_db, per_instance};
use super::{Check, CheckKind, build};
use crate::l10n;
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
            let (who_en, who_ko) = describe_db(db);
            // Only a database that is not encrypted, or encrypted with AWS's key, needs a new
            // encrypted copy: the key is chosen when storage is created.
            let recreate = l10n!(
                en: "Encryption is chosen when the storage is created: take a snapshot, copy it with --kms-key-id {alias}, restore a new instance from the copy, then delete the old one.";
                ko: "암호화는 스토리지를 만들 때 정해집니다. 스냅숏을 찍고 --kms-key-id {alias}로 복사한 뒤, 그 복사본으로 새 인스턴스를 복원하고 옛 인스턴스를 지우세요."
            );
            if !db.storage_encrypted {
                return Finding::fail(l10n!(
                    en: "{who_en} is not encrypted: its storage, backups and snapshots are stored in the clear";
                    ko: "{who_ko}이(가) 암호화되어 있지 않습니다. 스토리지, 백업, 스냅숏이 암호화 없이 저장됩니다"
                ))
                .resource(db.id.clone())
                .expected(format!("storage encrypted with a customer-managed key ({alias})"))
                .found("not encrypted")
                .hint(recreate);
            }
            let used = db.kms_key_id.as_deref().unwrap_or_default();
            let key = snap.kms_key(used);
            if let Some((k, error)) = key.and_then(|k| Some((k, k.unreadable.as_ref()?))) {
                let what_en = format!("the KMS key {} of {who_en}", k.id);
                let what_ko = format!("{who_ko}의 KMS 키 {}", k.id);
                return crate::engine::denial_finding(&what_en, &what_ko, error).resource(db.id.clone());
            }
            match (key, want) {
                (Some(k), Some(w)) if k.id == w.id => Finding::pass(l10n!(
                    en: "{who_en} is encrypted with {alias} (key {})", k.id;
                    ko: "{who_ko}이(가) {alias}(키 {})로 암호화되어 있습니다", k.id
                ))
                .resource(db.id.clone())
                .found(format!("encrypted with {}", k.id)),
                (Some(k), _) if k.manager == "AWS" => Finding::fail(l10n!(
                    en: "{who_en} is encrypted with the AWS-managed key {}, not with a key of your own ({alias})", k.aliases.first().map_or(k.id.as_str(), String::as_str);
                    ko: "{who_ko}이(가) 내 키({alias})가 아니라 AWS 관리형 키 {}로 암호화되어 있습니다", k.aliases.first().map_or(k.id.as_str(), String::as_str)
                ))
                .resource(db.id.clone())
                .expected(format!("encrypted with {alias}"))
                .found(format!("encrypted with {} (AWS managed)", k.aliases.first().unwrap_or(&k.id)))
                .hint(recreate),
                (Some(k), _) => {
                    let called = crate::layout::own_alias(k).map(str::to_owned);
                    findings.push(
                        Finding::info(l10n!(
                            en: "{who_en}'s key {} is customer-managed under {}, not {alias}: the alias is a name, the key does the job", k.id, called.as_deref().unwrap_or("no alias");
                            ko: "{who_ko}의 키 {}는 {alias}가 아닌 {} 고객 관리형 키입니다. 별칭은 이름일 뿐, 키가 제 역할을 합니다", k.id, called.as_deref().map_or_else(|| "별칭 없는".to_owned(), |a| format!("별칭 {a}의"))
                        ))
                        .resource(k.id.clone())
                        .expected(alias.clone())
                        .found(called.clone().unwrap_or_else(|| k.id.clone()))
                        .hint(match &called {
                            Some(a) => l10n!(
                                en: "To check with your alias: --param key_alias={a} (or --discover). Nothing needs rebuilding.";
                                ko: "내 별칭으로 확인하려면 --param key_alias={a}(또는 --discover)를 쓰세요. 다시 만들 것은 없습니다."
                            ),
                            None => l10n!(
                                en: "Give the key an alias (aws kms create-alias --alias-name {alias} --target-key-id {}); nothing needs rebuilding.", k.id;
                                ko: "키에 별칭을 붙이세요(`aws kms create-alias --alias-name {alias} --target-key-id {}`). 다시 만들 것은 없습니다.", k.id
                            ),
                        }),
                    );
                    Finding::pass(l10n!(
                        en: "{who_en} is encrypted with a customer-managed key ({})", k.id;
                        ko: "{who_ko}이(가) 고객 관리형 키({})로 암호화되어 있습니다", k.id
                    ))
                    .resource(db.id.clone())
                    .found(format!("encrypted with {}", k.id))
                }
                (None, _) => Finding::fail(l10n!(
                    en: "{who_en} is encrypted with {used}, which is not a key in this account and region";
                    ko: "{who_ko}의 암호화 키 {used}을(를) 이 계정·리전의 KMS에서 찾을 수 없습니다"
                ))
                .resource(db.id.clone())
                .expected(format!("encrypted with {alias}"))
                .found(used.to_owned()),
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
