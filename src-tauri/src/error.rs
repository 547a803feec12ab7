//! The one error type every command returns. The window shows its `headline`, a short sentence in
//! the reader's language that says where in the window to fix the problem (Settings → Region, …),
//! and keeps `message`, the full text, behind "details": in the reader's language too when the
//! library that failed can say it so ([`UiError::explained`]), AWS's own words inside it.

use sandpit_core::msg::{Explain, Place};
use sandpit_core::{Lang, Localized, msg};
use serde::Serialize;

/// What went wrong, for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, ts_rs::TS)]
#[error("{message}")]
pub struct UiError {
    /// `input` (bad input or configuration) or `aws` (AWS unreachable, credentials).
    pub kind: &'static str,
    /// The catalogue id of the headline (`error-no-region`, …): what kind of problem it is.
    pub code: &'static str,
    /// The short sentence the window shows, in the reader's language; filled in by
    /// [`UiError::in_lang`] before the error leaves a command.
    pub headline: String,
    /// The details: the full message of the library that failed (file and line, AWS's words).
    pub message: String,
    /// The form field at fault, when there is one.
    pub field: Option<String>,
    /// What [`UiError::in_lang`] words the error from, boxed so that the error stays small
    /// enough to return by value.
    #[serde(skip)]
    words: Box<Words>,
}

/// The headline's variables, and the details in both languages when the library's error
/// explains itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Words {
    args: Vec<(&'static str, String)>,
    details: Option<Localized>,
}

impl UiError {
    fn new(kind: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            kind,
            code,
            headline: String::new(),
            message: message.into(),
            field: None,
            words: Box::default(),
        }
    }

    /// Bad input or configuration, said by the headline `code`, with the library's own
    /// explanation of `err` (as the window should read it) as the details.
    pub fn explained(code: &'static str, err: &impl Explain) -> Self {
        Self::input(code, String::new()).with_details(err)
    }

    /// The details are `err`'s explanation, in the reader's language once [`UiError::in_lang`]
    /// runs.
    pub fn with_details(mut self, err: &impl Explain) -> Self {
        let said = err.explain(Place::Window);
        self.message = said.en.clone();
        self.words.details = Some(said);
        self
    }

    /// Bad input or configuration, said by the headline `code`.
    pub fn input(code: &'static str, message: impl Into<String>) -> Self {
        Self::new("input", code, message)
    }

    /// A bad form field (`field` is the input's `name`), said by the headline `code`.
    pub fn field(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        Self { field: Some(field.to_owned()), ..Self::new("input", code, message) }
    }

    /// AWS could not be reached or refused the credentials, said by the headline `code`.
    pub fn aws(code: &'static str, message: impl Into<String>) -> Self {
        Self::new("aws", code, message)
    }

    /// Adds a variable of the headline.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.words.args.push((name, value.into()));
        self
    }

    /// The error with its headline in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Self {
        let args: Vec<(&str, msg::Arg)> =
            self.words.args.iter().map(|(k, v)| (*k, msg::Arg::from(v.as_str()))).collect();
        self.headline = msg::text(lang, self.code, &args);
        if let Some(details) = &self.words.details {
            self.message = details.get(lang).to_owned();
        }
        self
    }
}

impl From<sandpit_aws::AwsError> for UiError {
    fn from(err: sandpit_aws::AwsError) -> Self {
        use sandpit_aws::AwsError as E;
        let message = err.to_string();
        let ui = match &err {
            E::NoRegion => Self::field("region", "ui-error-no-region", message),
            E::NoSuchProfile(name) => {
                Self::field("profile", "ui-error-no-such-profile", message).with("profile", name.clone())
            }
            E::NoCredentials(_) => Self::aws("ui-error-no-credentials", message),
            E::InvalidCredentials { .. } => Self::aws("ui-error-invalid-credentials", message),
            E::Unreachable { endpoint, .. } => {
                Self::aws("ui-error-unreachable", message).with("endpoint", endpoint.clone())
            }
            E::RootCredentials { .. } => Self::aws("ui-error-root-credentials", message),
            E::Other { .. } => Self::aws("ui-error-aws-call", message),
        };
        ui.with_details(&err)
    }
}

impl From<sandpit_core::labs::LabError> for UiError {
    fn from(err: sandpit_core::labs::LabError) -> Self {
        use sandpit_core::labs::LabError as E;
        match &err {
            // Not a broken file: an id the window remembered or a link named (a lab removed
            // from the lab folder since).
            E::UnknownLab { id, .. } => Self::explained("ui-error-unknown-lab", &err).with("id", id.clone()),
            _ => Self::explained("ui-error-lab", &err),
        }
    }
}

impl From<sandpit_lessons::LessonError> for UiError {
    fn from(err: sandpit_lessons::LessonError) -> Self {
        Self::explained("ui-error-lesson", &err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_problems_say_where_to_fix_them_in_the_window_in_korean() {
        let cases = [
            (sandpit_aws::AwsError::NoRegion, "설정 → 리전"),
            (sandpit_aws::AwsError::NoSuchProfile("class".into()), "설정 → AWS 프로필"),
            (sandpit_aws::AwsError::NoCredentials("chain".into()), "설정 → AWS 프로필"),
            (
                sandpit_aws::AwsError::Unreachable {
                    endpoint: "http://127.0.0.1:9".into(),
                    message: "x".into(),
                },
                "설정 → 엔드포인트 URL",
            ),
            (
                sandpit_aws::AwsError::RootCredentials { arn: "arn:aws:iam::1:root".into() },
                "설정 → AWS 프로필",
            ),
        ];
        for (err, place) in cases {
            let said = err.explain(Place::Window);
            let ui = UiError::from(err).in_lang(Lang::Ko);
            assert!(ui.headline.contains(place), "{} should name {place}", ui.headline);
            // The profile's own name ("class") is the learner's word, not the message's.
            assert_eq!(
                sandpit_core::english_words(&ui.headline.replace("class", "")),
                Vec::<String>::new(),
                "{}",
                ui.headline
            );
            assert!(!ui.headline.contains("--"), "no command-line flag in the window: {}", ui.headline);
            assert_eq!(ui.message, said.ko, "the details are the library's explanation, in Korean");
            let en = ui.clone().in_lang(Lang::En);
            assert!(en.headline.contains("Settings"), "{}", en.headline);
            assert_eq!(en.message, said.en);
        }
    }

    #[test]
    fn a_lab_that_is_not_there_is_said_so_in_korean_headline_and_details() {
        let labs = sandpit_core::labs::LabSet::builtin().unwrap();
        let err = UiError::from(labs.get("lab-that-was-removed").unwrap_err()).in_lang(Lang::Ko);
        assert_eq!((err.kind, err.code), ("input", "ui-error-unknown-lab"));
        assert!(err.headline.contains("lab-that-was-removed"), "{}", err.headline);
        for text in [&err.headline, &err.message] {
            let words = sandpit_core::english_words(&text.replace("lab-that-was-removed", ""));
            assert!(words.is_empty(), "{words:?} in {text}");
        }
        assert!(
            err.message.contains("three-tier-vpc"),
            "the details list the labs there are: {}",
            err.message
        );
    }

    #[test]
    fn the_headline_carries_its_variables() {
        let ui = UiError::from(sandpit_aws::AwsError::NoSuchProfile("class-7".into())).in_lang(Lang::Ko);
        assert!(ui.headline.contains("class-7"), "{}", ui.headline);
        assert_eq!(ui.field.as_deref(), Some("profile"));
    }
}
