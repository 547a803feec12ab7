//! The local practice sandbox from the window (`sandpit practice`, `sandpit-practice`): started
//! with each stage told as it happens (the first start installs the emulator and the AWS CLI),
//! then the exact commands that aim the AWS CLI at it; checks go to it while it runs
//! ([`with_practice`], as the CLI does); a sandbox this app started stops when the app ends.

use sandpit_core::msg;
use sandpit_practice::{Practice, PracticeError, Sandbox, Stage};
use serde::Serialize;

use super::AppState;
use crate::error::UiError;

/// The sandbox as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PracticeView {
    /// Whether it runs.
    pub running: bool,
    /// Its endpoint (`http://127.0.0.1:PORT`).
    pub endpoint: Option<String>,
    /// The lines to paste into a terminal so that the AWS CLI (the sandbox's own, first on
    /// `PATH`) talks to it.
    pub commands: Option<String>,
    /// Whether this app started it (and stops it when the app ends).
    pub started_here: bool,
}

/// One stage of a start, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PracticeProgress {
    /// `venv`, `install`, `fetched` or `start`.
    pub stage: &'static str,
    /// What is happening, for people.
    pub text: String,
    /// Packages fetched so far (while installing).
    pub fetched: usize,
}

/// `settings` pointed at the running practice sandbox when no endpoint is configured, exactly
/// as the CLI does (`commands::connect`): its endpoint, its credentials, its region by default.
pub(crate) fn with_practice(
    mut settings: sandpit_aws::AwsSettings,
    data_dir: &std::path::Path,
) -> sandpit_aws::AwsSettings {
    if settings.endpoint_url.is_none()
        && let Some(sandbox) = Practice::new(data_dir).status()
    {
        settings.endpoint_url = Some(sandbox.endpoint);
        settings.static_credentials =
            Some((sandpit_practice::ACCESS_KEY.to_owned(), sandpit_practice::SECRET_KEY.to_owned()));
        settings.region.get_or_insert_with(|| sandpit_practice::REGION.to_owned());
    }
    settings
}

/// The shell lines that aim the AWS CLI at `sandbox` (its own `aws` first on `PATH` when the
/// sandbox has one).
pub(crate) fn shell_commands(sandbox: &Sandbox, cli_dir: Option<&std::path::Path>) -> String {
    let mut lines = Vec::new();
    if let Some(dir) = cli_dir {
        lines.push(format!("export PATH=\"{}:$PATH\"", dir.display()));
    }
    lines.extend(sandbox.env().into_iter().map(|(k, v)| format!("export {k}={v}")));
    lines.push("aws sts get-caller-identity".to_owned());
    lines.join("\n")
}

fn view(state: &AppState, sandbox: Option<Sandbox>) -> PracticeView {
    let practice = Practice::new(&state.data_dir);
    let started_here = *state.practice_started_here.lock().expect("practice lock");
    match sandbox {
        Some(s) => PracticeView {
            running: true,
            commands: Some(shell_commands(&s, practice.cli_dir().as_deref())),
            endpoint: Some(s.endpoint),
            started_here,
        },
        None => PracticeView { running: false, endpoint: None, commands: None, started_here: false },
    }
}

/// `practice_status`
pub fn practice_status(state: &AppState) -> PracticeView {
    view(state, Practice::new(&state.data_dir).status())
}

fn practice_error(err: PracticeError) -> UiError {
    let code = match &err {
        PracticeError::NoPython(_) => "ui-error-practice-python",
        PracticeError::Install { .. } => "ui-error-practice-install",
        PracticeError::Start { .. } => "ui-error-practice-start",
        PracticeError::Io { .. } => "ui-error-practice-files",
    };
    UiError::explained(code, &err)
}

/// `practice_start`: starts the sandbox (installing it on first use), telling `progress` each
/// stage in the reader's language; from then on checks go to it.
pub async fn practice_start(
    state: &AppState,
    progress: impl Fn(PracticeProgress) + Send + 'static,
) -> Result<PracticeView, UiError> {
    let practice = Practice::new(&state.data_dir);
    let was_running = practice.status().is_some();
    let lang = state.lang();
    let started = tokio::task::spawn_blocking(move || {
        practice.start(None, &mut |stage| {
            let (name, text, fetched) = match stage {
                Stage::CreatingVenv { .. } => ("venv", msg::text(lang, "practice-stage-venv", &[]), 0),
                Stage::Installing => ("install", msg::text(lang, "practice-stage-install", &[]), 0),
                Stage::Fetched { package, count } => (
                    "fetched",
                    msg::text(
                        lang,
                        "practice-stage-fetched",
                        &[("package", package.as_str().into()), ("count", (*count).into())],
                    ),
                    *count,
                ),
                Stage::Starting { .. } => ("start", msg::text(lang, "practice-stage-start", &[]), 0),
            };
            progress(PracticeProgress { stage: name, text, fetched });
        })
    })
    .await
    .map_err(|e| UiError::input("ui-error-practice-start", e.to_string()))?
    .map_err(practice_error)?;
    if !was_running {
        *state.practice_started_here.lock().expect("practice lock") = true;
    }
    // Another account now: what was known of the guard is not known of the sandbox.
    state.remember_guard(None);
    Ok(view(state, Some(started)))
}

/// `practice_stop`: stops the sandbox (everything built in it is gone); checks go to the
/// account of the settings again.
pub async fn practice_stop(state: &AppState) -> Result<PracticeView, UiError> {
    let practice = Practice::new(&state.data_dir);
    tokio::task::spawn_blocking(move || practice.stop())
        .await
        .map_err(|e| UiError::input("ui-error-practice-files", e.to_string()))?
        .map_err(practice_error)?;
    *state.practice_started_here.lock().expect("practice lock") = false;
    state.remember_guard(None);
    Ok(view(state, None))
}

/// When the app ends: a sandbox this app started is stopped (one started from the command line
/// is left to it).
pub fn on_exit(state: &AppState) {
    if *state.practice_started_here.lock().expect("practice lock") {
        let _ = Practice::new(&state.data_dir).stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commands_put_the_sandboxs_aws_cli_first_and_point_it_at_loopback() {
        let sandbox = Sandbox {
            pid: 1,
            port: 4566,
            endpoint: "http://127.0.0.1:4566".into(),
            started_at: chrono::Utc::now(),
            log: "moto.log".into(),
        };
        let text = shell_commands(&sandbox, Some(std::path::Path::new("/data/practice/venv/bin")));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "export PATH=\"/data/practice/venv/bin:$PATH\"");
        assert!(lines.contains(&"export AWS_ENDPOINT_URL=http://127.0.0.1:4566"), "{text}");
        assert!(lines.contains(&"export AWS_REGION=ap-northeast-2"), "{text}");
        assert_eq!(lines.last(), Some(&"aws sts get-caller-identity"));
        assert!(!shell_commands(&sandbox, None).contains("PATH"));
    }

    #[test]
    fn practice_failures_are_korean_sentences_with_the_details_behind() {
        let cases = [
            PracticeError::NoPython("No module named venv".into()),
            PracticeError::Install {
                venv: "/v".into(),
                message: "ERROR: No matching distribution found".into(),
            },
            PracticeError::Start { port: 1, message: "it exited".into(), log: "/l".into() },
        ];
        for (err, tool_said) in
            cases.into_iter().zip(["No module named venv", "No matching distribution", "it exited"])
        {
            let said = sandpit_core::msg::Explain::explain(&err, sandpit_core::msg::Place::Window);
            let ui = practice_error(err).in_lang(sandpit_core::Lang::Ko);
            assert_eq!(sandpit_core::english_words(&ui.headline), Vec::<String>::new(), "{}", ui.headline);
            assert!(!ui.headline.is_empty() && ui.headline != ui.code, "{ui:?}");
            // The details in Korean too, with what Python or pip said inside them.
            assert_eq!(ui.message, said.ko);
            assert!(ui.message.contains(tool_said), "{}", ui.message);
        }
    }
}
