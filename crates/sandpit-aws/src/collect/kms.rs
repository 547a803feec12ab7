//! AWS KMS: keys and their aliases.

use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, all_items, list_with_details};

impl Collect for KmsKey {
    /// Keys (ListKeys) and aliases (ListAliases) at once, then what each key is (DescribeKey,
    /// concurrently). The keys the last read saw ([`Hints`](crate::warm::Hints)) are described next to the lists.
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let lists = async {
            let (entries, aliases) =
                tokio::join!(async { all_items!(c, "kms:ListKeys", c.kms.list_keys()) }, async {
                    all_items!(c, "kms:ListAliases", c.kms.list_aliases())
                },);
            let entries: Vec<aws_sdk_kms::types::KeyListEntry> = entries?;
            let aliases: Vec<aws_sdk_kms::types::AliasListEntry> = aliases?;
            Ok((entries, aliases))
        };
        let ((entries, aliases), described) = list_with_details(
            ResourceKind::KmsKeys,
            &c.hints.ids(ResourceKind::KmsKeys),
            lists,
            |(entries, _): &(Vec<_>, _)| {
                entries.iter().filter_map(|e| e.key_id()).map(str::to_owned).collect()
            },
            |id| async move {
                c.kms.describe_key().key_id(id).send().await.map_err(|e| c.fail("kms:DescribeKey", e))
            },
        )
        .await?;
        let aliases_of = |id: &str| -> Vec<String> {
            aliases
                .iter()
                .filter(|a| a.target_key_id() == Some(id))
                .filter_map(|a| a.alias_name().map(str::to_owned))
                .collect()
        };
        let mut keys = Vec::new();
        for (entry, out) in entries.iter().filter(|e| e.key_id().is_some()).zip(described) {
            match out {
                Ok(out) => {
                    let Some(meta) = out.key_metadata else { continue };
                    let id = meta.key_id().to_owned();
                    keys.push(KmsKey {
                        arn: meta.arn().unwrap_or_default().to_owned(),
                        manager: meta
                            .key_manager()
                            .map_or_else(|| "CUSTOMER".to_owned(), |m| m.as_str().to_owned()),
                        state: meta.key_state().map(|s| s.as_str().to_owned()).unwrap_or_default(),
                        aliases: aliases_of(&id),
                        id,
                        unreadable: None,
                    });
                }
                // A key whose policy refuses DescribeKey (common for keys other teams own) is
                // listed with what ListKeys and ListAliases told, marked unreadable; the other
                // keys are still judged.
                Err(error) => {
                    let id = entry.key_id().unwrap_or_default().to_owned();
                    keys.push(KmsKey {
                        arn: entry.key_arn().unwrap_or_default().to_owned(),
                        manager: String::new(),
                        state: String::new(),
                        aliases: aliases_of(&id),
                        id,
                        unreadable: Some(error),
                    });
                }
            }
        }
        Ok(keys)
    }

    /// The keys' ids: the next read describes them next to its lists.
    fn hint(items: &[Self]) -> Option<serde_json::Value> {
        crate::warm::ids(items.iter().map(|i| &i.id))
    }
}
