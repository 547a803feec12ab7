use std::error::Error as StdError;

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use sandpit_core::msg::{Explain, Place};
use sandpit_core::{Localized, msg};

/// Why Sandpit could not talk to AWS at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AwsError {
    /// No region configured anywhere.
    #[error(
        "no AWS region is configured: pass --region (e.g. --region ap-northeast-2), set AWS_REGION, or set a region in your profile"
    )]
    NoRegion,
    /// The profile named does not exist.
    #[error("AWS profile `{0}` was not found in ~/.aws/config or ~/.aws/credentials")]
    NoSuchProfile(String),
    /// No credentials could be found.
    #[error(
        "no AWS credentials found: run `aws configure` (or `aws sso login --profile NAME`), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ({0})"
    )]
    NoCredentials(String),
    /// AWS rejected the credentials.
    #[error(
        "AWS rejected the credentials ({code}): {message}. Check the access key, or log in again if they expired"
    )]
    InvalidCredentials {
        /// The AWS error code.
        code: String,
        /// AWS's message.
        message: String,
    },
    /// The endpoint could not be reached.
    #[error("cannot reach AWS at {endpoint}: {message}")]
    Unreachable {
        /// Where Sandpit tried to connect.
        endpoint: String,
        /// What happened.
        message: String,
    },
    /// The credentials are the account root user's.
    #[error(
        "refusing to use the root user's credentials ({arn}). The root user can do anything, including close the account; create an IAM user or role with the read-only checker policy (labs/policies/sandpit-checker.json) and use its credentials instead"
    )]
    RootCredentials {
        /// The caller ARN.
        arn: String,
    },
    /// Anything else.
    #[error("AWS call {operation} failed: {message}")]
    Other {
        /// The operation.
        operation: String,
        /// What happened.
        message: String,
    },
}

impl Explain for AwsError {
    /// What went wrong and where to fix it. The SDK's own wording (English) comes only where it
    /// is the useful detail (an unreachable endpoint's cause, a failed call's message).
    fn explain(&self, place: Place) -> Localized {
        let join = |what: Localized, fix: Localized| {
            Localized::new(format!("{}: {}", what.en, fix.en), format!("{}: {}", what.ko, fix.ko))
        };
        let by_place =
            |cli: &str, window: &str| msg::localized(if place == Place::Cli { cli } else { window }, &[]);
        match self {
            AwsError::NoRegion => {
                join(msg!("error-no-region"), by_place("error-no-region-cli", "error-no-region-window"))
            }
            AwsError::NoSuchProfile(profile) => join(
                msg!("error-no-profile", profile = profile.as_str()),
                by_place("error-no-profile-cli", "error-no-profile-window"),
            ),
            AwsError::NoCredentials(_) => join(
                msg!("error-no-credentials"),
                by_place("error-no-credentials-cli", "error-no-credentials-window"),
            ),
            AwsError::InvalidCredentials { code, message } => {
                let what = msg!("error-bad-credentials", code = code.as_str());
                let fix = msg!("error-bad-credentials-fix");
                let detail = msg!("error-detail", detail = message.as_str());
                Localized::new(
                    format!("{}: {}. {}", what.en, fix.en, detail.en),
                    format!("{}: {}. {}", what.ko, fix.ko, detail.ko),
                )
            }
            AwsError::Unreachable { endpoint, message } => {
                let what = msg!("error-unreachable", endpoint = endpoint.as_str());
                let fix = by_place("error-unreachable-cli", "error-unreachable-window");
                let detail = msg!("error-detail", detail = message.as_str());
                Localized::new(
                    format!("{}: {}. {}", what.en, fix.en, detail.en),
                    format!("{}: {}. {}", what.ko, fix.ko, detail.ko),
                )
            }
            AwsError::RootCredentials { arn } => {
                join(msg!("error-root", arn = arn.as_str()), msg!("error-root-fix"))
            }
            AwsError::Other { operation, message } => join(
                msg!("error-aws-call", operation = operation.as_str()),
                msg!("error-detail", detail = message.as_str()),
            ),
        }
    }
}

impl AwsError {
    /// Whether this is a configuration problem (exit code 2) rather than AWS being unreachable
    /// or refusing the credentials (exit code 3).
    pub fn is_configuration(&self) -> bool {
        matches!(self, AwsError::NoRegion | AwsError::NoSuchProfile(_))
    }
}

/// How an SDK error should be read.
pub(crate) enum Classified {
    /// AccessDenied / UnauthorizedOperation: a permission is missing.
    Denied(String),
    /// A fatal problem for the whole run: no credentials, bad credentials, no network.
    Fatal(AwsError),
    /// Anything else, with a readable message.
    Failed(String),
}

const DENIED: &[&str] = &[
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "UnauthorizedAccess",
    "AuthorizationError",
];
const BAD_CREDENTIALS: &[&str] = &[
    "InvalidClientTokenId",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "ExpiredTokenException",
    "AuthFailure",
    "UnrecognizedClientException",
    "InvalidAccessKeyId",
];

/// Reads an SDK error the way a learner needs it explained.
pub(crate) fn classify<E>(
    err: &aws_smithy_runtime_api::client::result::SdkError<E, HttpResponse>,
    operation: &str,
    endpoint: &str,
) -> Classified
where
    E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
{
    use aws_smithy_runtime_api::client::result::SdkError;
    let message = DisplayErrorContext(err).to_string();
    match err {
        SdkError::ServiceError(service) => {
            let e = service.err();
            let status = service.raw().status().as_u16();
            let text = e.message().unwrap_or("").to_owned();
            let Some(code) = e.code().map(str::to_owned) else {
                // No AWS error code: a proxy's or an emulator's own page, or a service that is
                // not offered there. A 403 is a denial all the same.
                let said = if text.is_empty() {
                    format!(
                        "HTTP {status} without an AWS error (is the service offered at {endpoint} in this region?)"
                    )
                } else {
                    format!("HTTP {status}: {text}")
                };
                return if status == 403 { Classified::Denied(said) } else { Classified::Failed(said) };
            };
            let said = if text.is_empty() { code.clone() } else { format!("{code}: {text}") };
            if DENIED.contains(&code.as_str()) {
                Classified::Denied(said)
            } else if BAD_CREDENTIALS.contains(&code.as_str()) {
                Classified::Fatal(AwsError::InvalidCredentials { code, message: text })
            } else {
                Classified::Failed(said)
            }
        }
        SdkError::TimeoutError(_) => Classified::Fatal(AwsError::Unreachable {
            endpoint: endpoint.to_owned(),
            message: format!("{operation} timed out"),
        }),
        SdkError::DispatchFailure(failure) if failure.is_io() || failure.is_timeout() => {
            Classified::Fatal(AwsError::Unreachable { endpoint: endpoint.to_owned(), message })
        }
        _ if message.contains("credentials") || message.contains("Credentials") => {
            Classified::Fatal(AwsError::NoCredentials(message))
        }
        SdkError::DispatchFailure(_) => {
            Classified::Fatal(AwsError::Unreachable { endpoint: endpoint.to_owned(), message })
        }
        _ => Classified::Failed(message),
    }
}
