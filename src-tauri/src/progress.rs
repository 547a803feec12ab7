//! What the app remembers between runs for "continue where you left off": the last lesson and
//! lab opened, each lab's last check, quiz answers. A small JSON file in the data directory
//! (`<data_dir>/desktop-state.json`), written atomically.
//!
//! The progress **store** (`sandpit-store`, issue 6: every attempt with its evidence, SQLite or
//! PostgreSQL) gets every check, lesson opened and quiz answer through [`record_in_store`], the
//! same store the CLI writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sandpit_core::report::{LabStatus, Report, StepStatus};
use serde::{Deserialize, Serialize};

use crate::error::UiError;

/// The state file's name inside the data directory.
pub const STATE_FILE: &str = "desktop-state.json";

/// A lab's last check, as the lab list and Home show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Each lab's last check.
    pub labs: BTreeMap<String, LabProgress>,
    /// Lessons opened at least once.
    pub lessons_opened: Vec<String>,
    /// Quiz answers: lesson → question → answered correctly.
    pub quiz: BTreeMap<String, BTreeMap<String, bool>>,
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
}

/// Records `event` in the progress store (`sandpit-store`: SQLite in the data directory, or the
/// configured `database_url`), the same store the CLI records in. Runs in the background so the
/// window never waits on a database; a store that cannot be opened loses nothing the desktop's
/// own state file keeps. Returns whether the write was started.
pub fn record_in_store(database_url: Option<&str>, data_dir: &Path, event: StoreEvent<'_>) -> bool {
    enum Owned {
        Lesson(String, sandpit_core::Lang),
        Quiz(String, String, bool),
        Attempt(Box<Report>, Box<sandpit_core::snapshot::Snapshot>, String),
    }
    let owned = match event {
        StoreEvent::LessonOpened { lesson, lang } => Owned::Lesson(lesson.to_owned(), lang),
        StoreEvent::QuizAnswer { lesson, question, correct } => {
            Owned::Quiz(lesson.to_owned(), question.to_owned(), correct)
        }
        StoreEvent::Attempt { report, snapshot, caller } => {
            Owned::Attempt(Box::new(report.clone()), Box::new(snapshot.clone()), caller.to_owned())
        }
    };
    let url = database_url.map(str::to_owned);
    let dir = data_dir.to_path_buf();
    tauri::async_runtime::spawn(async move {
        let Ok(store) = sandpit_store::Store::open_or_default(url.as_deref(), &dir).await else { return };
        let _ = match &owned {
            Owned::Lesson(id, lang) => store.record_lesson_opened(id, *lang).await,
            Owned::Quiz(lesson, question, correct) => {
                let answer = if *correct { "correct" } else { "wrong" };
                store.record_quiz_answer(lesson, question, answer, *correct).await
            }
            Owned::Attempt(report, snapshot, caller) => {
                store.record_attempt(&sandpit_store::Attempt::new(report, snapshot, caller)).await.map(|_| ())
            }
        };
        store.close().await;
    });
    true
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
        let fail = |e: std::io::Error| UiError::input(format!("cannot write {}: {e}", path.display()));
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

    /// Remembers a quiz answer.
    pub fn record_quiz(&mut self, lesson: &str, question: &str, correct: bool) {
        self.quiz.entry(lesson.to_owned()).or_default().insert(question.to_owned(), correct);
    }
}
