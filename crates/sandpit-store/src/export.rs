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
        sandpit_templates::render("progress-report.html", &self.html_context(lang))
            .map_err(StoreError::Export)
    }

    fn html_context(&self, lang: Lang) -> HtmlContext {
        let t = |en: &'static str, ko: &'static str| if lang == Lang::Ko { ko } else { en };
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
            lang: lang.code(),
            title: t("Sandpit progress report", "Sandpit 진행 보고서"),
            generated_at: when(self.generated_at),
            labels: Labels {
                generated: t("Generated", "작성"),
                labs: t("Labs", "실습"),
                lab: t("Lab", "실습"),
                attempts: t("Attempts", "시도"),
                best: t("Best", "최고"),
                latest: t("Latest", "최근"),
                steps_done: t("Steps done", "완료한 단계"),
                first_passed: t("First passed", "처음 통과"),
                last_checked: t("Last checked", "마지막 확인"),
                latest_results: t("Latest result per lab", "실습별 최근 결과"),
                attempt: t("Attempt", "시도"),
                account: t("Account", "계정"),
                region: t("Region", "리전"),
                caller: t("Checked by", "확인한 사람"),
                team: t("Team", "팀"),
                checked_at: t("Checked at", "확인 시각"),
                status: t("Status", "상태"),
                step: t("Step", "단계"),
                resource: t("resource", "리소스"),
                expected: t("expected", "기대"),
                found: t("found", "실제"),
                hint: t("hint", "힌트"),
                evidence: t("Evidence SHA-256", "증거 SHA-256"),
                all_attempts: t("All attempts", "모든 시도"),
                lessons: t("Lessons", "학습"),
                lesson: t("Lesson", "학습"),
                opens: t("Opened", "열람"),
                first_opened: t("First opened", "처음 열람"),
                quiz: t("Quiz (correct / answered)", "퀴즈 (정답 / 응답)"),
                no_attempts: t("No check has been recorded yet.", "아직 기록된 확인이 없습니다."),
                no_lessons: t("No lesson opened yet.", "아직 열어 본 학습이 없습니다."),
                verify_note: t(
                    "Each attempt keeps the account snapshot it judged as evidence. Its SHA-256 is shown here: \
                     `sandpit progress verify` recomputes it from the stored evidence, and \
                     `sandpit progress evidence ID --out FILE` writes the snapshot so `sha256sum FILE` can be compared.",
                    "각 시도는 판정한 계정 스냅샷을 증거로 보관합니다. 여기 적힌 SHA-256은 \
                     `sandpit progress verify`로 저장된 증거에서 다시 계산해 볼 수 있고, \
                     `sandpit progress evidence ID --out FILE`로 스냅샷을 꺼내 `sha256sum FILE`과 비교할 수 있습니다.",
                ),
            },
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
    lang: &'static str,
    title: &'static str,
    generated_at: String,
    labels: Labels,
    labs: Vec<HtmlLab>,
    details: Vec<HtmlAttemptDetail>,
    attempts: Vec<HtmlAttempt>,
    lessons: Vec<HtmlLesson>,
}

#[derive(Serialize)]
struct Labels {
    generated: &'static str,
    labs: &'static str,
    lab: &'static str,
    attempts: &'static str,
    best: &'static str,
    latest: &'static str,
    steps_done: &'static str,
    first_passed: &'static str,
    last_checked: &'static str,
    latest_results: &'static str,
    attempt: &'static str,
    account: &'static str,
    region: &'static str,
    caller: &'static str,
    team: &'static str,
    checked_at: &'static str,
    status: &'static str,
    step: &'static str,
    resource: &'static str,
    expected: &'static str,
    found: &'static str,
    hint: &'static str,
    evidence: &'static str,
    all_attempts: &'static str,
    lessons: &'static str,
    lesson: &'static str,
    opens: &'static str,
    first_opened: &'static str,
    quiz: &'static str,
    no_attempts: &'static str,
    no_lessons: &'static str,
    verify_note: &'static str,
}

/// A verdict as the page shows it: the stable word (for the CSS class) and its label.
#[derive(Serialize)]
struct StatusView {
    word: &'static str,
    label: &'static str,
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
    let (en, ko) = match status {
        LabStatus::Pass => ("Pass", "통과"),
        LabStatus::Fail => ("Fail", "미완료"),
        LabStatus::Blocked => ("Blocked", "잠김"),
        LabStatus::Error => ("Error", "확인 불가"),
        LabStatus::Partial => ("Partly checked", "일부만 확인"),
    };
    StatusView { word: lab_status_word(status), label: if lang == Lang::Ko { ko } else { en } }
}

fn step_status_view(status: StepStatus, lang: Lang) -> StatusView {
    let (en, ko) = match status {
        StepStatus::Pass => ("Pass", "통과"),
        StepStatus::Fail => ("Fail", "실패"),
        StepStatus::Error => ("Error", "확인 불가"),
        StepStatus::Blocked => ("Blocked", "잠김"),
        StepStatus::Skipped => ("Skipped", "건너뜀"),
    };
    StatusView { word: crate::model::step_status_name(status), label: if lang == Lang::Ko { ko } else { en } }
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
