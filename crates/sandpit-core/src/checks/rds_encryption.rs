//! `rds_encryption` — the instance's storage is encrypted with the lab's customer-managed key,
//! resolved through KMS whatever form RDS reports it in (ARN, key id or alias).

use serde::Deserialize;

use super::args::VpcRef;
use super::expect::Expectation;
use super::resolve::per_instance;
use super::{Check, CheckKind, build};
use crate::l10n;
use crate::report::Finding;
use crate::snapshot::{ResourceKind, Snapshot};

pub(crate) static KIND: CheckKind = CheckKind {
    name: "rds_encryption",
    description: "Each DB instance's storage is encrypted with the customer-managed key behind `key_alias`.",
    needs: &[ResourceKind::Vpcs, ResourceKind::Subnets, ResourceKind::DbInstances, ResourceKind::KmsKeys],
    build: build::<Encrypted>,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Encrypted {
    vpc: VpcRef,
    key_alias: String,
}

impl Check for Encrypted {
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
        per_instance(snap, &self.vpc, |db| {
            let recreate = l10n!(
                en: "Encryption is chosen when an instance is created: take a snapshot, copy it with --kms-key-id {alias}, restore a new instance from the copy, then delete the old one.";
                ko: "암호화는 인스턴스를 만들 때 정해집니다. 스냅숏을 찍고 --kms-key-id {alias}로 복사한 뒤, 그 복사본으로 새 인스턴스를 복원하고 옛 인스턴스를 지우세요."
            );
            if !db.storage_encrypted {
                return Finding::fail(l10n!(
                    en: "DB instance {} is not encrypted: its storage, backups and snapshots are stored in the clear", db.id;
                    ko: "DB 인스턴스 {}이(가) 암호화되어 있지 않습니다. 스토리지, 백업, 스냅숏이 암호화 없이 저장됩니다", db.id
                ))
                .resource(db.id.clone())
                .expected(format!("storage encrypted with {alias}"))
                .found("not encrypted")
                .hint(recreate);
            }
            let used = db.kms_key_id.as_deref().unwrap_or_default();
            let key = snap.kms_key(used);
            if let Some((k, error)) = key.and_then(|k| Some((k, k.unreadable.as_ref()?))) {
                let what_en = format!("the KMS key {} of DB instance {}", k.id, db.id);
                let what_ko = format!("DB 인스턴스 {}의 KMS 키 {}", db.id, k.id);
                return crate::engine::denial_finding(&what_en, &what_ko, error).resource(db.id.clone());
            }
            match (key, want) {
                (Some(k), Some(w)) if k.id == w.id => Finding::pass(l10n!(
                    en: "DB instance {} is encrypted with {alias} (key {})", db.id, k.id;
                    ko: "DB 인스턴스 {}이(가) {alias}(키 {})로 암호화되어 있습니다", db.id, k.id
                ))
                .resource(db.id.clone())
                .found(format!("encrypted with {}", k.id)),
                (Some(k), _) if k.manager == "AWS" => Finding::fail(l10n!(
                    en: "DB instance {} is encrypted with the AWS-managed key {}, not with your key {alias}", db.id, k.aliases.first().map_or(k.id.as_str(), String::as_str);
                    ko: "DB 인스턴스 {}이(가) 내 키 {alias}가 아니라 AWS 관리형 키 {}로 암호화되어 있습니다", db.id, k.aliases.first().map_or(k.id.as_str(), String::as_str)
                ))
                .resource(db.id.clone())
                .expected(format!("encrypted with {alias}"))
                .found(format!("encrypted with {} (AWS managed)", k.aliases.first().unwrap_or(&k.id)))
                .hint(recreate),
                (Some(k), _) => Finding::fail(l10n!(
                    en: "DB instance {} is encrypted with key {}, not with {alias}", db.id, k.id;
                    ko: "DB 인스턴스 {}이(가) {alias}가 아닌 키 {}로 암호화되어 있습니다", db.id, k.id
                ))
                .resource(db.id.clone())
                .expected(format!("encrypted with {alias}"))
                .found(format!("encrypted with {}", k.id))
                .hint(recreate),
                (None, _) => Finding::fail(l10n!(
                    en: "DB instance {} is encrypted with {used}, which is not a key in this account and region", db.id;
                    ko: "DB 인스턴스 {}의 암호화 키 {used}을(를) 이 계정·리전의 KMS에서 찾을 수 없습니다", db.id
                ))
                .resource(db.id.clone())
                .expected(format!("encrypted with {alias}"))
                .found(used.to_owned()),
            }
        })
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
