//! The one error type every command returns: a readable message the window shows as it is.

use serde::Serialize;

/// What went wrong, for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct UiError {
    /// `input` (bad input or configuration), `aws` (AWS unreachable, credentials), or
    /// `unavailable` (a feature this build does not have yet).
    pub kind: &'static str,
    /// The message.
    pub message: String,
    /// The settings field at fault, when there is one.
    pub field: Option<String>,
}

impl UiError {
    /// Bad input or configuration.
    pub fn input(message: impl Into<String>) -> Self {
        Self { kind: "input", message: message.into(), field: None }
    }

    /// A bad settings field.
    pub fn field(field: &str, message: String) -> Self {
        Self { kind: "input", message, field: Some(field.to_owned()) }
    }

    /// AWS could not be reached or refused the credentials.
    pub fn aws(message: impl Into<String>) -> Self {
        Self { kind: "aws", message: message.into(), field: None }
    }

    /// A feature that is not in this build yet.
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self { kind: "unavailable", message: message.into(), field: None }
    }
}

impl From<sandpit_aws::AwsError> for UiError {
    fn from(err: sandpit_aws::AwsError) -> Self {
        if err.is_configuration() { Self::input(err.to_string()) } else { Self::aws(err.to_string()) }
    }
}

impl From<sandpit_core::labs::LabError> for UiError {
    fn from(err: sandpit_core::labs::LabError) -> Self {
        Self::input(err.to_string())
    }
}

impl From<sandpit_lessons::LessonError> for UiError {
    fn from(err: sandpit_lessons::LessonError) -> Self {
        Self::input(err.to_string())
    }
}
