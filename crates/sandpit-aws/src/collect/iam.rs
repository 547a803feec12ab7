//! AWS IAM: users (with console access, MFA devices and access keys), groups, roles, customer
//! managed policies, and the account summary (the root user's MFA and access keys).
//!
//! `GetAccountAuthorizationDetails` answers for every user, group, role and policy with their
//! relationships and documents in one paginated call per kind, where listing each user's groups
//! and policies would take several calls per user. What it does not tell — a user's login
//! profile, MFA devices and access keys — is asked per user, next to the list for the users the
//! last read saw ([`Hints`](crate::warm::Hints)).

use aws_sdk_iam::types::{self as iam, EntityType};
use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, all_items, all_pages, list_with_details, to_chrono};

const DETAILS: &str = "iam:GetAccountAuthorizationDetails";

/// IAM returns policy documents URL-encoded (RFC 3986); decoded here, so snapshots hold JSON.
pub(crate) fn decode_document(raw: &str) -> String {
    if serde_json::from_str::<serde_json::Value>(raw).is_ok() {
        return raw.to_owned();
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| raw.to_owned())
}

fn attached(list: &[iam::AttachedPolicy]) -> Vec<AttachedPolicy> {
    list.iter()
        .map(|p| AttachedPolicy {
            name: p.policy_name().unwrap_or_default().to_owned(),
            arn: p.policy_arn().unwrap_or_default().to_owned(),
        })
        .collect()
}

fn inline(list: &[iam::PolicyDetail]) -> Vec<InlinePolicy> {
    list.iter()
        .map(|p| InlinePolicy {
            name: p.policy_name().unwrap_or_default().to_owned(),
            document: decode_document(p.policy_document().unwrap_or_default()),
        })
        .collect()
}

/// Every page of `GetAccountAuthorizationDetails` for one kind of entity.
async fn details(
    c: &Collector<'_>,
    kind: EntityType,
) -> Result<
    Vec<aws_sdk_iam::operation::get_account_authorization_details::GetAccountAuthorizationDetailsOutput>,
    Failure,
> {
    all_pages!(c, DETAILS, c.iam.get_account_authorization_details().filter(kind))
}

/// What the per-user calls tell about one user.
struct Credentials {
    console_access: bool,
    mfa_devices: Vec<String>,
    access_keys: Vec<AccessKey>,
}

impl Collect for IamUser {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let list = async {
            let pages = details(c, EntityType::User).await?;
            Ok(pages.iter().flat_map(|p| p.user_detail_list().iter().cloned()).collect::<Vec<_>>())
        };
        let (users, credentials) = list_with_details(
            ResourceKind::IamUsers,
            &c.hints.ids(ResourceKind::IamUsers),
            list,
            |users: &Vec<iam::UserDetail>| {
                users.iter().filter_map(|u| u.user_name()).map(str::to_owned).collect()
            },
            |name| async move {
                let (profile, mfa, keys) = tokio::join!(
                    async {
                        match c.iam.get_login_profile().user_name(&name).send().await {
                            Ok(_) => Ok(true),
                            // A user without a console password has no login profile.
                            Err(e)
                                if e.as_service_error().is_some_and(|s| s.is_no_such_entity_exception()) =>
                            {
                                Ok(false)
                            }
                            Err(e) => Err(c.fail("iam:GetLoginProfile", e)),
                        }
                    },
                    async { all_items!(c, "iam:ListMFADevices", c.iam.list_mfa_devices().user_name(&name)) },
                    async { all_items!(c, "iam:ListAccessKeys", c.iam.list_access_keys().user_name(&name)) },
                );
                let mfa: Vec<iam::MfaDevice> = mfa?;
                let keys: Vec<iam::AccessKeyMetadata> = keys?;
                Ok::<_, Failure>(Credentials {
                    console_access: profile?,
                    mfa_devices: mfa.iter().map(|d| d.serial_number().to_owned()).collect(),
                    access_keys: keys
                        .iter()
                        .map(|k| AccessKey {
                            id: k.access_key_id().unwrap_or_default().to_owned(),
                            status: k.status().map(|s| s.as_str().to_owned()).unwrap_or_default(),
                            created_at: k.create_date().and_then(to_chrono),
                        })
                        .collect(),
                })
            },
        )
        .await?;
        Ok(users
            .iter()
            .filter(|u| u.user_name().is_some())
            .zip(credentials)
            .map(|(u, credentials)| {
                let mut user = IamUser {
                    name: u.user_name().unwrap_or_default().to_owned(),
                    arn: u.arn().unwrap_or_default().to_owned(),
                    created_at: u.create_date().and_then(to_chrono),
                    groups: u.group_list().to_vec(),
                    attached_policies: attached(u.attached_managed_policies()),
                    inline_policies: inline(u.user_policy_list()),
                    permissions_boundary: u
                        .permissions_boundary()
                        .and_then(|b| b.permissions_boundary_arn())
                        .map(str::to_owned),
                    ..IamUser::default()
                };
                match credentials {
                    Ok(found) => {
                        user.console_access = Some(found.console_access);
                        user.mfa_devices = found.mfa_devices;
                        user.access_keys = found.access_keys;
                    }
                    Err(error) => user.unreadable = Some(error),
                }
                user
            })
            .collect())
    }

    /// The users' names: the next read asks about their logins, MFA devices and keys next to its list.
    fn hint(items: &[Self]) -> Option<serde_json::Value> {
        crate::warm::ids(items.iter().map(|i| &i.name))
    }
}

impl Collect for IamGroup {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let pages = details(c, EntityType::Group).await?;
        Ok(pages
            .iter()
            .flat_map(|p| p.group_detail_list())
            .map(|g| IamGroup {
                name: g.group_name().unwrap_or_default().to_owned(),
                arn: g.arn().unwrap_or_default().to_owned(),
                attached_policies: attached(g.attached_managed_policies()),
                inline_policies: inline(g.group_policy_list()),
            })
            .collect())
    }
}

impl Collect for IamRole {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let pages = details(c, EntityType::Role).await?;
        Ok(pages
            .iter()
            .flat_map(|p| p.role_detail_list())
            .map(|r| IamRole {
                name: r.role_name().unwrap_or_default().to_owned(),
                arn: r.arn().unwrap_or_default().to_owned(),
                path: r.path().unwrap_or("/").to_owned(),
                attached_policies: attached(r.attached_managed_policies()),
                inline_policies: inline(r.role_policy_list()),
                permissions_boundary: r
                    .permissions_boundary()
                    .and_then(|b| b.permissions_boundary_arn())
                    .map(str::to_owned),
            })
            .collect())
    }
}

impl Collect for IamPolicy {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let pages = details(c, EntityType::LocalManagedPolicy).await?;
        Ok(pages
            .iter()
            .flat_map(|p| p.policies())
            .map(|p| IamPolicy {
                name: p.policy_name().unwrap_or_default().to_owned(),
                arn: p.arn().unwrap_or_default().to_owned(),
                document: p
                    .policy_version_list()
                    .iter()
                    .find(|v| v.is_default_version())
                    .and_then(|v| v.document())
                    .map(decode_document),
            })
            .collect())
    }
}

impl Collect for IamAccountSummary {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let out = c.iam.get_account_summary().send().await.map_err(|e| c.fail("iam:GetAccountSummary", e))?;
        let value =
            |key: iam::SummaryKeyType| out.summary_map().and_then(|m| m.get(&key)).copied().unwrap_or(0);
        Ok(vec![IamAccountSummary {
            root_mfa: value(iam::SummaryKeyType::AccountMfaEnabled) > 0,
            root_access_keys: value(iam::SummaryKeyType::AccountAccessKeysPresent) > 0,
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::decode_document;

    #[test]
    fn documents_are_url_decoded_once_and_json_is_left_alone() {
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
        assert_eq!(decode_document(encoded), r#"{"Version":"2012-10-17","Statement":[]}"#);
        let plain =
            r#"{"Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::a%20b/*"}]}"#;
        assert_eq!(decode_document(plain), plain, "already JSON: a % inside stays as written");
    }
}
