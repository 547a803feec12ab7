//! Exit codes, the part of the CLI contract scripts rely on:
//! 0 all good, 1 some step failed or is blocked, 2 bad input or configuration,
//! 3 AWS unreachable, credentials missing or invalid, or root credentials.

use std::fmt;
use std::process::ExitCode;

use sandpit_core::msg::{self, Explain, Place};
use sandpit_core::{Lang, Localized};

/// How a command ended when it ran to completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Everything asked for is in order.
    Success,
    /// The command ran, and what it reports is not all good (a step failed, a lab is blocked).
    NotAllGood,
}

/// Why a command could not do its job, in both languages.
#[derive(Debug)]
pub(crate) struct Failure {
    kind: FailureKind,
    message: Localized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FailureKind {
    BadInput,
    Aws,
}

impl Failure {
    /// Bad input or configuration: a broken file, an unknown lab, a bad parameter.
    pub(crate) fn bad_input(message: impl fmt::Display) -> Self {
        let text = message.to_string();
        Self { kind: FailureKind::BadInput, message: Localized::new(text.clone(), text) }
    }

    /// AWS could not be reached, or the credentials are missing, invalid or root.
    pub(crate) fn aws(message: impl fmt::Display) -> Self {
        let text = message.to_string();
        Self { kind: FailureKind::Aws, message: Localized::new(text.clone(), text) }
    }

    /// Bad input explained by the library that found it.
    pub(crate) fn input(err: &impl Explain) -> Self {
        Self::bad_input_said(err.explain(Place::Cli))
    }

    /// Bad input, said in both languages.
    pub(crate) fn bad_input_said(message: Localized) -> Self {
        Self { kind: FailureKind::BadInput, message }
    }

    /// AWS unreachable or credentials, said in both languages.
    pub(crate) fn aws_said(message: Localized) -> Self {
        Self { kind: FailureKind::Aws, message }
    }
}

impl From<sandpit_core::labs::LabError> for Failure {
    fn from(err: sandpit_core::labs::LabError) -> Self {
        Self::bad_input_said(err.explain(Place::Cli))
    }
}

impl From<sandpit_aws::AwsError> for Failure {
    fn from(err: sandpit_aws::AwsError) -> Self {
        let said = err.explain(Place::Cli);
        if err.is_configuration() { Self::bad_input_said(said) } else { Self::aws_said(said) }
    }
}

/// What every command returns.
pub(crate) type CmdResult = Result<Outcome, Failure>;

/// Turns a command's result into the process exit code, printing the failure for people in
/// `lang`.
pub(crate) fn finish(result: CmdResult, lang: Lang) -> ExitCode {
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::NotAllGood) => ExitCode::from(1),
        Err(failure) => {
            eprintln!("{}: {}", msg::text(lang, "error-prefix", &[]), failure.message.get(lang));
            ExitCode::from(match failure.kind {
                FailureKind::BadInput => 2,
                FailureKind::Aws => 3,
            })
        }
    }
}
