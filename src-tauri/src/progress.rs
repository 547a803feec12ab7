//! What the app remembers between runs for "continue where you left off": the last lesson and
//! lab opened, each lab's last check, quiz answers. A small JSON file in the data directory
//! (`<data_dir>/desktop-state.json`), written atomically.
//!
//! The progress **store** (`sandpit-store`: every attempt with its evidence, SQLite or
//! PostgreSQL) gets every check (a class check of the Class view too), lesson opened and quiz
//! answer through [`ProgressStore`], the same store the CLI writes; when it cannot be opened the
//! window says so ([`StoreStatus`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sandpit_classroom::{ClassCheck, record_class};
use sandpit_core::report::{LabStatus, Report, StepStatus};
use sandpit_store::{Attempt, Store};
use serde::{Deserialize, Serialize};

use crate::error::UiError;

/// The state file's name inside the data directory.
pub const STATE_FILE: &str = "desktop-state.json";

/// A lab's last check, as the lab list and Home show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LabProgress {
    /// The overall status of the last full or partial check.
    pub status: LabStatus,
    /// When.
    pub checked_at: DateTime<Utc>,
    /// Steps passing in that check.
    pub passed: usize,
    /// Steps in the lab.
    pub total: usize,
}

/// Everything remembered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DesktopState {
    /// The lesson opened last.
    pub last_lesson: Option<String>,
    /// The lab opened or checked last.
    pub last_lab: Option<String>,
    /// The class roster loaded last (the Class view).
    pub last_roster: Option<String>,
    /// Each lab's last check.
    pub labs: BTreeMap<String, LabProgress>,
    /// Lessons opened at least once.
    pub lessons_opened: Vec<String>,
    /// Quiz answers: lesson → question → answered correctly.
    pub quiz: BTreeMap<String, BTreeMap<String, bool>>,
    /// Lab parameters the learner confirmed ("yes, this is mine"): AWS account id (empty when
    /// the account was not known, a saved snapshot without one) → lab → parameter → value.
    /// Every check of that lab in that account uses them as `--param` would, until the learner
    /// goes back to the defaults; another account starts from the defaults.
    pub params: BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>>,
    /// The account id each connection ([`connection_key`]) answered with last: a lab opened
    /// before the first read of a session shows that account's parameters.
    pub accounts: BTreeMap<String, String>,
}

/// What identifies a connection's account between reads: the AWS profile and the endpoint
/// (the region does not change the account). Credentials that change under the same profile are
/// caught by the next read, which says which account answered.
pub fn connection_key(aws: &sandpit_aws::AwsSettings) -> String {
    format!(
        "{}|{}",
        aws.profile.as_deref().unwrap_or_default(),
        aws.endpoint_url.as_deref().unwrap_or_default()
    )
}

/// One event worth keeping in the progress store.
#[derive(Debug, Clone)]
pub enum StoreEvent<'a> {
    /// A lesson was opened.
    LessonOpened {
        /// The lesson id.
        lesson: &'a str,
        /// The language it was read in.
        lang: sandpit_core::Lang,
    },
    /// A quiz question was answered.
    QuizAnswer {
        /// The lesson id.
        lesson: &'a str,
        /// The question's index on the page.
        question: &'a str,
        /// Whether the answer was right.
        correct: bool,
    },
    /// A lab was checked.
    Attempt {
        /// The report.
        report: &'a Report,
        /// The snapshot it judged (kept as evidence).
        snapshot: &'a sandpit_core::snapshot::Snapshot,
        /// Who checked (the caller ARN).
        caller: &'a str,
    },
    /// A lab was checked in every team's account of a roster (the Class view): one attempt per
    /// team that could be checked, as `sandpit class check` keeps it.
    Class {
        /// The class check.
        check: &'a ClassCheck,
    },
}

/// Whether what the learner does is being kept in the progress store, as the window shows it
/// ("progress is not being saved: …" when not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct StoreStatus {
    /// Whether checks, lessons opened and quiz answers are being saved.
    pub saving: bool,
    /// The database in use (the SQLite file, or the URL with its password hidden), once open.
    pub database: Option<String>,
    /// Why progress is not being saved: the store could not be opened, or the last write failed.
    pub error: Option<String>,
}

/// How long a store that could not be opened is left alone before the next event tries again
/// (a changed database URL tries at once). Opening a server that does not answer takes up to
/// the store's connect timeout, so it is not tried on every lesson opened.
const RETRY_AFTER: Duration = Duration::from_secs(60);

struct Opened {
    /// The database URL it was opened for (`None`: the default SQLite file).
    url: Option<String>,
    store: Result<Store, String>,
    at: Instant,
    /// The outcome of the last write.
    status: StoreStatus,
}

/// The progress store (`sandpit-store`: SQLite in the data directory, or the configured
/// `database_url`), the same store the CLI records in. Opened on first use and kept open (it is
/// a connection pool); each event is written before the command that caused it answers, which
/// takes a few milliseconds and never holds the window (the commands are async). A store that
/// cannot be opened is remembered with its reason, for the window to show, and tried again
/// after [`RETRY_AFTER`] or when the database URL changes. Losing a write never fails the
/// command: the desktop's own state file keeps what the window needs.
#[derive(Default)]
pub struct ProgressStore {
    slot: tokio::sync::Mutex<Option<Opened>>,
    /// A copy of the last status, readable without waiting (for `app_info`).
    last: std::sync::Mutex<Option<StoreStatus>>,
}

impl ProgressStore {
    /// The store for `url` (else the default file in `data_dir`), opening it when needed.
    async fn open<'a>(slot: &'a mut Option<Opened>, url: Option<&str>, data_dir: &Path) -> &'a mut Opened {
        let reuse = slot
            .as_ref()
            .is_some_and(|o| o.url.as_deref() == url && (o.store.is_ok() || o.at.elapsed() < RETRY_AFTER));
        if !reuse {
            if let Some(Ok(old)) = slot.take().map(|o| o.store) {
                old.close().await;
            }
            let store = Store::open_or_default(url, data_dir).await.map_err(|e| e.to_string());
            let status = match &store {
                Ok(s) => StoreStatus { saving: true, database: Some(s.describe().to_owned()), error: None },
                Err(e) => StoreStatus { saving: false, database: None, error: Some(e.clone()) },
            };
            *slot = Some(Opened { url: url.map(str::to_owned), store, at: Instant::now(), status });
        }
        slot.as_mut().expect("just opened")
    }

    fn remember(&self, status: &StoreStatus) {
        *self.last.lock().expect("store status lock") = Some(status.clone());
    }

    /// Whether progress is being saved to the store of `url` (else the default file in
    /// `data_dir`), opening it when it is not open yet.
    pub async fn status(&self, url: Option<&str>, data_dir: &Path) -> StoreStatus {
        let mut slot = self.slot.lock().await;
        let status = Self::open(&mut slot, url, data_dir).await.status.clone();
        self.remember(&status);
        status
    }

    /// The last status known, without opening anything (`None`: the store was not used yet).
    pub fn last_status(&self) -> Option<StoreStatus> {
        self.last.lock().expect("store status lock").clone()
    }

    /// Records `event` in the store of `url` (else the default file in `data_dir`) and says
    /// whether it was kept.
    pub async fn record(&self, url: Option<&str>, data_dir: &Path, event: StoreEvent<'_>) -> StoreStatus {
        let mut slot = self.slot.lock().await;
        let opened = Self::open(&mut slot, url, data_dir).await;
        if let Ok(store) = &opened.store {
            let written = match event {
                StoreEvent::LessonOpened { lesson, lang } => store.record_lesson_opened(lesson, lang).await,
                StoreEvent::QuizAnswer { lesson, question, correct } => {
                    let answer = if correct { "correct" } else { "wrong" };
                    store.record_quiz_answer(lesson, question, answer, correct).await
                }
                StoreEvent::Attempt { report, snapshot, caller } => {
                    store.record_attempt(&Attempt::new(report, snapshot, caller)).await.map(drop)
                }
                StoreEvent::Class { check } => record_class(store, check).await.map(drop),
            };
            let database = Some(store.describe().to_owned());
            opened.status = match written {
                Ok(()) => StoreStatus { saving: true, database, error: None },
                Err(e) => StoreStatus { saving: false, database, error: Some(e.to_string()) },
            };
        }
        let status = opened.status.clone();
        self.remember(&status);
        status
    }

    /// Closes the store (waiting for writes in progress); the next event opens it again.
    pub async fn close(&self) {
        if let Some(Ok(store)) = self.slot.lock().await.take().map(|o| o.store) {
            store.close().await;
        }
    }
}

impl DesktopState {
    fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(STATE_FILE)
    }

    /// Reads the state; a missing or unreadable file starts afresh (it only holds conveniences).
    pub fn load(data_dir: &Path) -> Self {
        std::fs::read_to_string(Self::path(data_dir))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Writes the state atomically.
    pub fn save(&self, data_dir: &Path) -> Result<(), UiError> {
        let path = Self::path(data_dir);
        let fail = |e: std::io::Error| {
            UiError::input("ui-error-data-folder", format!("cannot write {}: {e}", path.display()))
        };
        std::fs::create_dir_all(data_dir).map_err(fail)?;
        let tmp = data_dir.join(format!(".{STATE_FILE}.tmp"));
        std::fs::write(&tmp, serde_json::to_vec_pretty(self).expect("state serializes")).map_err(fail)?;
        std::fs::rename(&tmp, &path).map_err(fail)
    }

    /// Remembers a check of a lab with `total` steps.
    pub fn record_report(&mut self, report: &Report, total: usize) {
        self.last_lab = Some(report.lab.clone());
        let passed = report.steps.iter().filter(|s| s.status == StepStatus::Pass).count();
        self.labs.insert(
            report.lab.clone(),
            LabProgress { status: report.status, checked_at: report.checked_at, passed, total },
        );
    }

    /// Remembers an opened lesson.
    pub fn record_lesson(&mut self, id: &str) {
        self.last_lesson = Some(id.to_owned());
        if !self.lessons_opened.iter().any(|l| l == id) {
            self.lessons_opened.push(id.to_owned());
        }
    }

    /// The parameters confirmed for `lab` in `account` (`None`: not known), as `--param` pairs.
    pub fn confirmed(&self, account: Option<&str>, lab: &str) -> Vec<(String, String)> {
        self.params
            .get(account.unwrap_or_default())
            .and_then(|labs| labs.get(lab))
            .map(|p| p.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    }

    /// Keeps `params` as the confirmed parameters of `lab` in `account` (none: back to the
    /// defaults).
    pub fn set_confirmed(&mut self, account: Option<&str>, lab: &str, params: Vec<(String, String)>) {
        let account = account.unwrap_or_default();
        if params.is_empty() {
            if let Some(labs) = self.params.get_mut(account) {
                labs.remove(lab);
                if labs.is_empty() {
                    self.params.remove(account);
                }
            }
        } else {
            self.params
                .entry(account.to_owned())
                .or_default()
                .insert(lab.to_owned(), params.into_iter().collect());
        }
    }

    /// Remembers a quiz answer.
    pub fn record_quiz(&mut self, lesson: &str, question: &str, correct: bool) {
        self.quiz.entry(lesson.to_owned()).or_default().insert(question.to_owned(), correct);
    }
}
