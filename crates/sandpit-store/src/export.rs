//! Exports of the store: JSON for machines, CSV for spreadsheets, and an HTML report a learner
//! can hand in (through the tera template `ui/templates/progress-report.html`, compiled in).
//!
//! Every exported attempt carries the SHA-256 of its evidence, so a result can be checked
//! against the stored snapshot later (`sandpit progress verify`, `sandpit progress evidence`).
//! Rendering is pure: the time of the export is an argument, so tests pin it.

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

use chrono::{DateTime, SecondsFormat, Utc};
use sandpit_core::Lang;
use sandpit_core::report::{FindingStatus, LabStatus, RenderedStep, StepStatus};
use sandpit_core::spreadsheet::Csv;
use serde::Serialize;

use crate::model::{AttemptFilter, AttemptRecord, LabProgress, LessonProgress};
use crate::{Store, StoreError};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON document.
    Json,
    /// One row per attempt.
    Csv,
    /// A report for people, in one language.
    Html,
}

impl ExportFormat {
    /// Every format.
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Json, ExportFormat::Csv, ExportFormat::Html];

    /// The format's name and usual file extension.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ExportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown export format `{s}` (use json, csv or html)"))
    }
}

/// Everything an export holds, read from the store at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// When the export was made.
    pub generated_at: DateTime<Utc>,
    /// Progress per lab.
    pub labs: Vec<LabProgress>,
    /// Every attempt, oldest first.
    pub attempts: Vec<AttemptRecord>,
    /// Lesson progress.
    pub lessons: Vec<LessonProgress>,
}

impl Store {
    /// Reads what an export holds: progress, the attempts that match `filter`, lesson progress.
    pub async fn export(
        &self,
        filter: &AttemptFilter,
        generated_at: DateTime<Utc>,
    ) -> Result<Export, StoreError> {
        Ok(Export {
            generated_at,
            labs: self.progress_of(filter).await?,
            attempts: self.attempts(filter).await?,
            lessons: self.lesson_progress().await?,
        })
    }
}

/// The JSON export document.
#[derive(Serialize)]
struct JsonExport<'a> {
    format: &'static str,
    version: u32,
    generated_at: DateTime<Utc>,
    lang: Lang,
    labs: &'a [LabProgress],
    lessons: &'a [LessonProgress],
    attempts: Vec<JsonAttempt<'a>>,
}

#[derive(Serialize)]
struct JsonAttempt<'a> {
    #[serde(flatten)]
    record: &'a AttemptRecord,
    steps: Vec<RenderedStep>,
}

impl Export {
    /// The export in `format`; texts (step titles, findings, HTML labels) in `lang`.
    pub fn render(&self, format: ExportFormat, lang: Lang) -> Result<String, StoreError> {
        match format {
            ExportFormat::Json => self.to_json(lang),
            ExportFormat::Csv => Ok(self.to_csv()),
            ExportFormat::Html => self.to_html(lang),
        }
    }

    /// One JSON document: `labs`, `lessons`, and `attempts` with their steps and findings.
    pub fn to_json(&self, lang: Lang) -> Result<String, StoreError> {
        let document = JsonExport {
            format: "sandpit-progress",
            version: 1,
            generated_at: self.generated_at,
            lang,
            labs: &self.labs,
            lessons: &self.lessons,
            attempts: self
                .attempts
                .iter()
                .map(|record| JsonAttempt { record, steps: record.report.render(lang).steps })
                .collect(),
        };
        let mut json =
            serde_json::to_string_pretty(&document).map_err(|e| StoreError::Export(e.to_string()))?;
        json.push('\n');
        Ok(json)
    }

    /// One row per attempt, with a header row (RFC 4180: CRLF line ends, quoted when needed).
    pub fn to_csv(&self) -> String {
        let mut out = Csv::new();
        let header = [
            "attempt_id",
            "lab",
            "team",
            "account",
            "region",
            "caller",
            "checked_at",
            "status",
            "steps_passed",
            "steps_total",
            "failed_steps",
            "evidence_sha256",
        ];
        out.row(header);
        for a in &self.attempts {
            let failed: Vec<&str> = a
                .report
                .steps
                .iter()
                .filter(|s| !matches!(s.status, StepStatus::Pass | StepStatus::Skipped))
                .map(|s| s.id.as_str())
                .collect();
            out.row([
                a.id.to_string(),
                a.lab.clone(),
                a.team.clone().unwrap_or_default(),
                a.account.clone().unwrap_or_default(),
                a.region.clone().unwrap_or_default(),
                a.caller.clone(),
                when(a.checked_at),
                lab_status_word(a.status).to_owned(),
                a.steps_passed.to_string(),
                a.steps_total.to_string(),
                failed.join(";"),
                a.evidence_sha256.clone(),
            ]);
        }
        out.finish()
    }

    /// The report for people, in `lang`.
    pub fn to_html(&self, lang: Lang) -> Result<String, StoreError> {
        sandpit_templates::render("progress-report.html", lang, &self.html_context(lang))
            .map_err(StoreError::Export)
    }

    fn html_context(&self, lang: Lang) -> HtmlContext {
        let labs = self
            .labs
            .iter()
            .map(|p| HtmlLab {
                lab: p.lab.clone(),
                attempts: p.attempts,
                best: status_view(p.best_status, lang),
                latest: status_view(p.latest_status, lang),
                steps_done: p.steps_done,
                steps_total: p.steps_total,
                percent: (p.steps_done * 100).checked_div(p.steps_total).unwrap_or(0).min(100),
                first_passed_at: p.first_passed_at.map(when).unwrap_or_else(|| "—".to_owned()),
                latest_checked_at: when(p.latest_checked_at),
            })
            .collect();
        // The latest attempt of each lab, step by step: what the learner hands in.
        let mut latest: Vec<&AttemptRecord> = Vec::new();
        for progress in &self.labs {
            if let Some(a) = self
                .attempts
                .iter()
                .filter(|a| a.lab == progress.lab)
                .max_by(|x, y| x.checked_at.cmp(&y.checked_at).then(x.id.cmp(&y.id)))
            {
                latest.push(a);
            }
        }
        let details = latest
            .into_iter()
            .map(|a| {
                let rendered = a.report.render(lang);
                HtmlAttemptDetail {
                    attempt: attempt_view(a, lang),
                    steps: rendered
                        .steps
                        .into_iter()
                        .map(|s| HtmlStep {
                            id: s.id,
                            title: s.title,
                            status: step_status_view(s.status, lang),
                            findings: s
                                .findings
                                .into_iter()
                                .filter(|f| f.status != FindingStatus::Pass)
                                .map(|f| HtmlFinding {
                                    status: finding_status_word(f.status),
                                    message: f.message,
                                    resource: f.resource,
                                    expected: f.expected,
                                    found: f.found,
                                    hint: f.hint,
                                })
                                .collect(),
                        })
                        .collect(),
                }
            })
            .collect();
        HtmlContext {
            generated_at: when(self.generated_at),
            labs,
            details,
            attempts: self.attempts.iter().map(|a| attempt_view(a, lang)).collect(),
            lessons: self
                .lessons
                .iter()
                .map(|l| HtmlLesson {
                    lesson_id: l.lesson_id.clone(),
                    opens: l.opens,
                    first_opened_at: l.first_opened_at.map(when).unwrap_or_else(|| "—".to_owned()),
                    questions_answered: l.questions_answered,
                    questions_correct: l.questions_correct,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct HtmlContext {
    generated_at: String,
    labs: Vec<HtmlLab>,
    details: Vec<HtmlAttemptDetail>,
    attempts: Vec<HtmlAttempt>,
    lessons: Vec<HtmlLesson>,
}

/// A verdict as the page shows it: the stable word (for the CSS class) and its label.
#[derive(Serialize)]
struct StatusView {
    word: &'static str,
    label: String,
}

#[derive(Serialize)]
struct HtmlLab {
    lab: String,
    attempts: u64,
    best: StatusView,
    latest: StatusView,
    steps_done: u64,
    steps_total: u64,
    percent: u64,
    first_passed_at: String,
    latest_checked_at: String,
}

#[derive(Serialize)]
struct HtmlAttempt {
    id: i64,
    lab: String,
    team: Option<String>,
    account: String,
    region: String,
    caller: String,
    checked_at: String,
    status: StatusView,
    steps_passed: u64,
    steps_total: u64,
    evidence_sha256: String,
}

#[derive(Serialize)]
struct HtmlAttemptDetail {
    attempt: HtmlAttempt,
    steps: Vec<HtmlStep>,
}

#[derive(Serialize)]
struct HtmlStep {
    id: String,
    title: String,
    status: StatusView,
    findings: Vec<HtmlFinding>,
}

#[derive(Serialize)]
struct HtmlFinding {
    status: &'static str,
    message: String,
    resource: Option<String>,
    expected: Option<String>,
    found: Option<String>,
    hint: Option<String>,
}

#[derive(Serialize)]
struct HtmlLesson {
    lesson_id: String,
    opens: u64,
    first_opened_at: String,
    questions_answered: u64,
    questions_correct: u64,
}

fn attempt_view(a: &AttemptRecord, lang: Lang) -> HtmlAttempt {
    HtmlAttempt {
        id: a.id,
        lab: a.lab.clone(),
        team: a.team.clone(),
        account: a.account.clone().unwrap_or_else(|| "—".to_owned()),
        region: a.region.clone().unwrap_or_else(|| "—".to_owned()),
        caller: a.caller.clone(),
        checked_at: when(a.checked_at),
        status: status_view(a.status, lang),
        steps_passed: a.steps_passed,
        steps_total: a.steps_total,
        evidence_sha256: a.evidence_sha256.clone(),
    }
}

/// A time as exports show it: RFC 3339 in UTC, to the second.
fn when(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn lab_status_word(status: LabStatus) -> &'static str {
    crate::model::lab_status_name(status)
}

fn status_view(status: LabStatus, lang: Lang) -> StatusView {
    StatusView { word: lab_status_word(status), label: status.label(lang) }
}

fn step_status_view(status: StepStatus, lang: Lang) -> StatusView {
    StatusView { word: crate::model::step_status_name(status), label: status.label(lang) }
}

fn finding_status_word(status: FindingStatus) -> &'static str {
    match status {
        FindingStatus::Pass => "pass",
        FindingStatus::Fail => "fail",
        FindingStatus::Error => "error",
        FindingStatus::Info => "info",
    }
}

/// Writes `contents` to `path` through a temporary file in the same folder, renamed into place
/// once complete and flushed: a crash or a full disk never leaves half an export behind.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let io = |source: std::io::Error| StoreError::Io { path: path.to_owned(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("export");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut file| {
        file.write_all(contents)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("HTML".parse::<ExportFormat>(), Ok(ExportFormat::Html));
        assert!("pdf".parse::<ExportFormat>().is_err());
    }

    #[test]
    fn atomic_writes_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let err = write_atomically(&dir.path().join("missing/report.html"), b"x").unwrap_err();
        assert!(err.to_string().contains("missing/report.html"), "{err}");
    }
}
