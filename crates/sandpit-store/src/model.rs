//! What goes into the store and what comes out of it.

use chrono::{DateTime, SecondsFormat, Utc};
use sandpit_core::report::{LabStatus, Report, StepStatus};
use sandpit_core::snapshot::Snapshot;
use serde::Serialize;

use crate::StoreError;

/// The caller recorded for a check that judged a saved snapshot instead of an account
/// (`sandpit check --snapshot`): nobody's credentials were used.
pub const OFFLINE_CALLER: &str = "offline";

/// The id of a stored attempt.
pub type AttemptId = i64;

/// One evaluated check, to be recorded. Borrowed, so recording needs no copy of the report or
/// the snapshot; build it with [`Attempt::new`].
///
/// Nothing in it is specific to a learner: a classroom check records one attempt per team with
/// the team's account, the instructor's role session as caller, and the team's label.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    /// The report: lab, account, region, when, overall and per-step status and findings.
    pub report: &'a Report,
    /// The snapshot the report judged, kept as evidence.
    pub snapshot: &'a Snapshot,
    /// Who ran the check: the caller's ARN, or [`OFFLINE_CALLER`].
    pub caller: &'a str,
    /// A team label, for classroom checks.
    pub team: Option<&'a str>,
}

impl<'a> Attempt<'a> {
    /// An attempt by `caller` (an ARN, or [`OFFLINE_CALLER`]).
    pub fn new(report: &'a Report, snapshot: &'a Snapshot, caller: &'a str) -> Self {
        Attempt { report, snapshot, caller, team: None }
    }

    /// Labels the attempt with a team.
    pub fn with_team(mut self, team: &'a str) -> Self {
        self.team = Some(team);
        self
    }
}

/// Which attempts to look at. The default is all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttemptFilter {
    /// Only this lab.
    pub lab: Option<String>,
    /// Only this team.
    pub team: Option<String>,
    /// Only this account.
    pub account: Option<String>,
}

impl AttemptFilter {
    /// Only the attempts of `lab`, when given.
    pub fn lab(lab: Option<&str>) -> Self {
        AttemptFilter { lab: lab.map(str::to_owned), ..Self::default() }
    }
}

/// A stored attempt, without its evidence (see [`Store::evidence`](crate::Store::evidence)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptRecord {
    /// The attempt id.
    pub id: AttemptId,
    /// The lab id.
    pub lab: String,
    /// The team label, for classroom attempts.
    pub team: Option<String>,
    /// The account that was checked.
    pub account: Option<String>,
    /// The region that was checked.
    pub region: Option<String>,
    /// Who ran the check (an ARN, or `offline`).
    pub caller: String,
    /// When the check ran.
    pub checked_at: DateTime<Utc>,
    /// The lab's verdict.
    pub status: LabStatus,
    /// Steps that passed.
    pub steps_passed: u64,
    /// Steps of the lab.
    pub steps_total: u64,
    /// SHA-256 of the evidence (the snapshot JSON).
    pub evidence_sha256: String,
    /// Every parameter the check used, `name → value` (none for checks recorded before
    /// parameters were kept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<std::collections::BTreeMap<String, String>>,
    /// The parameters `--discover` read off the account, by name (none when the check did not
    /// discover).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovered: Option<Vec<String>>,
    /// The whole report, findings included.
    #[serde(skip)]
    pub report: Report,
}

/// Where a learner stands on one lab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabProgress {
    /// The lab id.
    pub lab: String,
    /// How many checks were recorded.
    pub attempts: u64,
    /// The best verdict so far (pass, then fail, error, blocked).
    pub best_status: LabStatus,
    /// The verdict of the most recent check.
    pub latest_status: LabStatus,
    /// When the most recent check ran.
    pub latest_checked_at: DateTime<Utc>,
    /// Steps of the lab (as of the most recent check) that passed in at least one check, so a
    /// learner checking one step at a time (`--step`) sees the work add up.
    pub steps_done: u64,
    /// Steps of the lab, as of the most recent check.
    pub steps_total: u64,
    /// When a check first passed with every step checked and passing.
    pub first_passed_at: Option<DateTime<Utc>>,
}

/// What a learner did with one lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LessonProgress {
    /// The lesson id.
    pub lesson_id: String,
    /// How often it was opened.
    pub opens: u64,
    /// When it was first opened.
    pub first_opened_at: Option<DateTime<Utc>>,
    /// When it was last opened.
    pub last_opened_at: Option<DateTime<Utc>>,
    /// Distinct quiz questions answered.
    pub questions_answered: u64,
    /// Distinct quiz questions answered correctly at least once.
    pub questions_correct: u64,
}

/// The stored form of a time: fixed-width RFC 3339 in UTC, which sorts chronologically as text.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Reads a stored time back.
pub(crate) fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("timestamp `{text}`: {e}")))
}

/// The stored name of a lab verdict (the same words as `check --json`).
pub(crate) fn lab_status_name(status: LabStatus) -> &'static str {
    status.as_str()
}

/// Reads a stored lab verdict back.
pub(crate) fn parse_lab_status(name: &str) -> Result<LabStatus, StoreError> {
    Ok(match name {
        "pass" => LabStatus::Pass,
        "fail" => LabStatus::Fail,
        "blocked" => LabStatus::Blocked,
        "error" => LabStatus::Error,
        "partial" => LabStatus::Partial,
        other => return Err(StoreError::Corrupt(format!("unknown lab status `{other}`"))),
    })
}

/// The stored name of a step verdict.
pub(crate) fn step_status_name(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Pass => "pass",
        StepStatus::Fail => "fail",
        StepStatus::Error => "error",
        StepStatus::Blocked => "blocked",
        StepStatus::Skipped => "skipped",
    }
}

/// The verdicts from best to worst, as ranked by the progress query (`best_rank`). A partial run
/// ranks last: it says nothing about the lab as a whole, so it is the lab's verdict only while no
/// whole-lab check exists.
pub(crate) const RANKED: [LabStatus; 5] =
    [LabStatus::Pass, LabStatus::Fail, LabStatus::Error, LabStatus::Blocked, LabStatus::Partial];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_sort_as_text_and_read_back() {
        let early = DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z").unwrap().with_timezone(&Utc);
        let late = early + chrono::Duration::milliseconds(1500);
        assert_eq!(timestamp(early), "2026-03-01T09:00:00.000000Z");
        assert!(timestamp(early) < timestamp(late));
        assert_eq!(parse_timestamp(&timestamp(late)).unwrap(), late);
    }

    #[test]
    fn status_names_round_trip() {
        for status in RANKED {
            assert_eq!(parse_lab_status(lab_status_name(status)).unwrap(), status);
        }
        assert!(parse_lab_status("great").is_err());
    }
}
