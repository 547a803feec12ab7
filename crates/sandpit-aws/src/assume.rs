//! Reaching another account through a role (AWS STS `AssumeRole`): how an instructor checks a
//! team's account with the read-only role the team deployed.

use std::fmt;
use std::time::{Duration, SystemTime};

use aws_config::Region;
use aws_sdk_sts::config::{Credentials, SharedCredentialsProvider};

use crate::connect::Aws;
use crate::error::{AwsError, Classified, classify};

/// How long the temporary credentials last. A class check takes seconds; the shortest session
/// STS allows keeps a leaked session key nearly worthless.
const SESSION: Duration = Duration::from_secs(900);

/// Which role to assume, and as whom.
#[derive(Debug, Clone, Copy)]
pub struct AssumeRole<'a> {
    /// The role's ARN (`arn:aws:iam::<account>:role/<name>`).
    pub role_arn: &'a str,
    /// The external id the role's trust policy requires.
    pub external_id: &'a str,
    /// The session name, shown in the team's CloudTrail (see [`session_name_for`]).
    pub session_name: &'a str,
    /// The region to work in with the role (default: this connection's region).
    pub region: Option<&'a str>,
}

/// Why a role could not be assumed: the reason a team's row of the class matrix says `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssumeFailure {
    /// AWS refused: the role is missing, does not trust the caller's account, or wants another
    /// external id (AWS does not say which), or the caller may not call `sts:AssumeRole`.
    AccessDenied,
    /// Still throttled after the SDK's retries.
    Throttled,
    /// STS could not be reached.
    Unreachable,
    /// The caller's own credentials are missing, invalid or expired.
    Credentials,
    /// STS is not enabled in the region the request went to.
    RegionDisabled,
    /// Something else.
    Failed,
}

impl AssumeFailure {
    /// A stable, kebab-case name (`access-denied`, `throttled`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            AssumeFailure::AccessDenied => "access-denied",
            AssumeFailure::Throttled => "throttled",
            AssumeFailure::Unreachable => "unreachable",
            AssumeFailure::Credentials => "credentials",
            AssumeFailure::RegionDisabled => "region-disabled",
            AssumeFailure::Failed => "failed",
        }
    }
}

impl fmt::Display for AssumeFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role that could not be assumed, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}: {message}")]
pub struct AssumeRoleError {
    /// Why, in one word.
    pub reason: AssumeFailure,
    /// What AWS said, and what to do.
    pub message: String,
}

pub(crate) const THROTTLED: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "TooManyRequestsException",
    "SlowDown",
];

impl Aws {
    /// Assumes a role and returns a connection that acts as it: same endpoint, timeouts and
    /// retries, the temporary credentials, and `request.region` when given.
    pub async fn assume_role(&self, request: &AssumeRole<'_>) -> Result<Aws, AssumeRoleError> {
        let sts = aws_sdk_sts::Client::new(self.sdk_config());
        let out = sts
            .assume_role()
            .role_arn(request.role_arn)
            .role_session_name(request.session_name)
            .external_id(request.external_id)
            .duration_seconds(SESSION.as_secs() as i32)
            .send()
            .await
            .map_err(|err| assume_error(&err, request.role_arn, self.endpoint()))?;
        let Some(creds) = out.credentials() else {
            return Err(AssumeRoleError {
                reason: AssumeFailure::Failed,
                message: format!("STS returned no credentials for {}", request.role_arn),
            });
        };
        let expiry = SystemTime::try_from(*creds.expiration()).ok();
        let credentials = Credentials::new(
            creds.access_key_id(),
            creds.secret_access_key(),
            Some(creds.session_token().to_owned()),
            expiry,
            "sandpit-assume-role",
        );
        let region = request.region.map_or_else(|| self.region().to_owned(), str::to_owned);
        let config = self
            .sdk_config()
            .to_builder()
            .credentials_provider(SharedCredentialsProvider::new(credentials))
            .region(Region::new(region.clone()))
            .build();
        Ok(self.with_role(config, region, request.role_arn))
    }
}

fn assume_error<E>(
    err: &aws_smithy_runtime_api::client::result::SdkError<
        E,
        aws_smithy_runtime_api::client::orchestrator::HttpResponse,
    >,
    role_arn: &str,
    endpoint: &str,
) -> AssumeRoleError
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let code = match err {
        aws_smithy_runtime_api::client::result::SdkError::ServiceError(s) => {
            s.err().code().map(str::to_owned)
        }
        _ => None,
    };
    let fail = |reason, message: String| AssumeRoleError { reason, message };
    if let Some(code) = code.as_deref() {
        if THROTTLED.contains(&code) {
            return fail(
                AssumeFailure::Throttled,
                format!(
                    "AWS STS throttled AssumeRole on {role_arn} ({code}); check again in a minute or lower --concurrency"
                ),
            );
        }
        if code == "RegionDisabledException" {
            return fail(
                AssumeFailure::RegionDisabled,
                format!(
                    "STS is not activated in this region for {role_arn}; use a region whose STS endpoint is active"
                ),
            );
        }
    }
    match classify(err, "sts:AssumeRole", endpoint) {
        Classified::Denied(message) => fail(
            AssumeFailure::AccessDenied,
            format!(
                "cannot assume {role_arn}: {message}. Either the role does not exist (the team has not deployed labs/classroom/sandpit-readonly-role.yaml), its trust policy does not name your account, the external id differs from the roster, or your own identity may not call sts:AssumeRole"
            ),
        ),
        Classified::Fatal(AwsError::Unreachable { endpoint, message }) => {
            fail(AssumeFailure::Unreachable, format!("cannot reach AWS STS at {endpoint}: {message}"))
        }
        Classified::Fatal(e @ (AwsError::InvalidCredentials { .. } | AwsError::NoCredentials(_))) => {
            fail(AssumeFailure::Credentials, e.to_string())
        }
        Classified::Fatal(e) => fail(AssumeFailure::Failed, e.to_string()),
        Classified::Failed(message) => {
            fail(AssumeFailure::Failed, format!("cannot assume {role_arn}: {message}"))
        }
    }
}

/// A valid STS session name (2-64 characters of `[A-Za-z0-9+=,.@_-]`) naming the instructor,
/// from the caller's ARN: `arn:aws:iam::1:user/alice` → `sandpit-alice`,
/// `arn:aws:sts::1:assumed-role/Admin/kim@school.kr` → `sandpit-kim@school.kr`. The team sees it
/// in its CloudTrail, so it should say who looked.
pub fn session_name_for(caller_arn: &str) -> String {
    let resource = caller_arn.splitn(6, ':').nth(5).unwrap_or_default();
    let who =
        resource.rsplit_once('/').map(|(_, name)| name).filter(|n| !n.is_empty()).unwrap_or("instructor");
    let mut name: String = format!("sandpit-{who}")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "+=,.@_-".contains(c) { c } else { '-' })
        .collect();
    name.truncate(64);
    name
}

#[cfg(test)]
mod tests {
    use super::session_name_for;

    #[test]
    fn the_session_name_names_the_instructor_within_sts_rules() {
        assert_eq!(session_name_for("arn:aws:iam::123456789012:user/alice"), "sandpit-alice");
        assert_eq!(session_name_for("arn:aws:iam::123456789012:user/staff/alice"), "sandpit-alice");
        assert_eq!(
            session_name_for("arn:aws:sts::123456789012:assumed-role/Admin/kim@school.kr"),
            "sandpit-kim@school.kr"
        );
        assert_eq!(session_name_for("arn:aws:sts::123456789012:user/moto"), "sandpit-moto");
        // Characters STS refuses become '-'; Hangul is outside the allowed set.
        assert_eq!(session_name_for("arn:aws:sts::1:assumed-role/R/김 강사"), "sandpit-----");
        assert_eq!(session_name_for(""), "sandpit-instructor");
        assert_eq!(session_name_for("arn:aws:iam::123456789012:root"), "sandpit-instructor");
        let long = session_name_for(&format!("arn:aws:iam::1:user/{}", "x".repeat(100)));
        assert_eq!(long.len(), 64);
        for name in [long, session_name_for("arn:aws:sts::1:assumed-role/R/a:b!c")] {
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c)), "{name}");
        }
    }
}
