//! Answers of the real AWS APIs, in each service's documented wire format (awsQuery XML), for the
//! few calls moto 5.2.5 cannot answer as AWS does. The fault proxy ([`crate::Faults::answers`])
//! gives them to `sandpit` in place of moto's, so the real SDK client parses what AWS sends:
//!
//! - `autoscaling:DescribeNotificationConfigurations` — moto answers HTTP 500 (an HTML page)
//!   whatever the account holds, and `PutNotificationConfiguration` too, so the notification
//!   route of `scaling-alerts` cannot be built there;
//! - `iam:GetAccountSummary` — moto always says `AccountMFAEnabled` 0: a root user with MFA
//!   cannot exist there;
//! - `iam:GetAccountAuthorizationDetails` for users — moto drops a user's permissions boundary
//!   (`create-user --permissions-boundary` ignores it, `put-user-permissions-boundary` answers
//!   HTTP 500), so the DevOps user's boundary is given here, on the users the builder made.
//!
//! The shapes follow the examples of the API references (Auto Scaling 2011-01-01, IAM
//! 2010-05-08): element names, `member` lists, `entry`/`key`/`value` maps.

use crate::proxy::Answer;

/// `DescribeNotificationConfigurations`: `group` tells `topic` about failed launches.
pub fn notification_configurations(group: &str, topic: &str) -> Answer {
    Answer {
        action: "DescribeNotificationConfigurations",
        body_contains: "",
        body: format!(
            r#"<DescribeNotificationConfigurationsResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
  <DescribeNotificationConfigurationsResult>
    <NotificationConfigurations>
      <member>
        <AutoScalingGroupName>{group}</AutoScalingGroupName>
        <TopicARN>{topic}</TopicARN>
        <NotificationType>autoscaling:EC2_INSTANCE_LAUNCH_ERROR</NotificationType>
      </member>
    </NotificationConfigurations>
  </DescribeNotificationConfigurationsResult>
  <ResponseMetadata>
    <RequestId>8d798a29-f083-11e1-bdfb-cb223EXAMPLE</RequestId>
  </ResponseMetadata>
</DescribeNotificationConfigurationsResponse>"#
        ),
    }
}

/// `GetAccountSummary` of an account whose root user has MFA (`root_mfa`) and no access keys.
pub fn account_summary(root_mfa: bool) -> Answer {
    let mfa = u8::from(root_mfa);
    Answer {
        action: "GetAccountSummary",
        body_contains: "",
        body: format!(
            r#"<GetAccountSummaryResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetAccountSummaryResult>
    <SummaryMap>
      <entry><key>Groups</key><value>2</value></entry>
      <entry><key>Users</key><value>2</value></entry>
      <entry><key>Policies</key><value>1</value></entry>
      <entry><key>MFADevices</key><value>2</value></entry>
      <entry><key>MFADevicesInUse</key><value>2</value></entry>
      <entry><key>AccountMFAEnabled</key><value>{mfa}</value></entry>
      <entry><key>AccountAccessKeysPresent</key><value>0</value></entry>
      <entry><key>AccountSigningCertificatesPresent</key><value>0</value></entry>
    </SummaryMap>
  </GetAccountSummaryResult>
  <ResponseMetadata>
    <RequestId>85cb9b90-ac28-11e4-a88d-97964EXAMPLE</RequestId>
  </ResponseMetadata>
</GetAccountSummaryResponse>"#
        ),
    }
}

/// One user of [`users_with_boundaries`].
pub struct RecordedUser<'a> {
    /// Its name (the builder's, so the per-user calls find it in moto).
    pub name: &'a str,
    /// Its groups.
    pub groups: &'a [&'a str],
    /// Its permissions boundary's ARN.
    pub boundary: Option<&'a str>,
}

/// `GetAccountAuthorizationDetails` with `Filter=User`, listing `users` in `account`.
pub fn users_with_boundaries(account: &str, users: &[RecordedUser<'_>]) -> Answer {
    let members: String = users
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let groups: String = u.groups.iter().map(|g| format!("<member>{g}</member>")).collect();
            let boundary = u
                .boundary
                .map(|arn| {
                    format!(
                        "<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType>\
                         <PermissionsBoundaryArn>{arn}</PermissionsBoundaryArn></PermissionsBoundary>"
                    )
                })
                .unwrap_or_default();
            format!(
                "<member><Path>/</Path><UserName>{name}</UserName><UserId>AIDA{i:017}</UserId>\
                 <Arn>arn:aws:iam::{account}:user/{name}</Arn><CreateDate>2026-11-20T09:00:00Z</CreateDate>\
                 <GroupList>{groups}</GroupList><AttachedManagedPolicies/><UserPolicyList/>{boundary}</member>",
                name = u.name
            )
        })
        .collect();
    Answer {
        action: "GetAccountAuthorizationDetails",
        body_contains: "Filter.member.1=User",
        body: format!(
            r#"<GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetAccountAuthorizationDetailsResult>
    <IsTruncated>false</IsTruncated>
    <UserDetailList>{members}</UserDetailList>
    <GroupDetailList/>
    <RoleDetailList/>
    <Policies/>
  </GetAccountAuthorizationDetailsResult>
  <ResponseMetadata>
    <RequestId>92e79ae7-7399-11e4-8c85-4b53eEXAMPLE</RequestId>
  </ResponseMetadata>
</GetAccountAuthorizationDetailsResponse>"#
        ),
    }
}
