//! The commands' bodies, callable without a window (the tests call them directly). Each one is
//! a short adapter onto the library crates the CLI uses: labs and the engine from
//! `sandpit-core`, AWS from `sandpit-aws`, lessons from `sandpit-lessons`, the lab runner's view
//! and the topology picture from `sandpit-view`.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::Utc;
use sandpit_aws::{Aws, Identity};
use sandpit_core::Lang;
use sandpit_core::budget::{GUARD_NAME, GuardStatus, guard_status};
use sandpit_core::engine::{self, StepFilter};
use sandpit_core::labs::LabSet;
use sandpit_core::report::{LabStatus, RenderedReport, Report};
use sandpit_core::snapshot::{CollectError, ResourceKind, Snapshot};
use sandpit_lessons::{Hit, Library, PageOptions, SearchIndex, render_lesson, render_page_html};
use sandpit_view::labview::{self, LabSummary, LabView};
use sandpit_view::topology::{self, Difference};
use serde::Serialize;

use crate::error::UiError;
use crate::progress::{DesktopState, LabProgress, ProgressStore, StoreEvent, StoreStatus};
use crate::settings::Settings;

/// How many hits the search box shows.
const SEARCH_LIMIT: usize = 20;

struct Lessons {
    lang: Lang,
    library: Arc<Library>,
    index: Arc<SearchIndex>,
}

/// A lab's last check: the report, and the snapshot it judged (for the topology picture).
struct LastCheck {
    report: Report,
    snapshot: Snapshot,
}

/// Everything the commands share.
pub struct AppState {
    data_dir: PathBuf,
    labs_dir: Option<PathBuf>,
    settings: Mutex<Settings>,
    state: Mutex<DesktopState>,
    lessons: Mutex<Option<Lessons>>,
    last: Mutex<HashMap<String, LastCheck>>,
    class: Mutex<Option<class::LastClass>>,
    progress: ProgressStore,
    started: Instant,
}

impl AppState {
    /// The state for a data directory (`None`: `SANDPIT_DATA_DIR` or the user's data directory)
    /// and labs folder (`None`: `SANDPIT_LABS_DIR` or the built-in labs). A broken settings file
    /// is an error naming it.
    pub fn new(data_dir: Option<PathBuf>, labs_dir: Option<PathBuf>) -> Result<Self, UiError> {
        let data_dir = sandpit_core::paths::data_dir(
            data_dir.or_else(|| std::env::var_os("SANDPIT_DATA_DIR").map(PathBuf::from)).as_deref(),
        );
        let labs_dir = labs_dir.or_else(|| std::env::var_os("SANDPIT_LABS_DIR").map(PathBuf::from));
        let settings = Settings::load(&data_dir)?;
        Ok(Self {
            state: Mutex::new(DesktopState::load(&data_dir)),
            data_dir,
            labs_dir,
            settings: Mutex::new(settings),
            lessons: Mutex::new(None),
            last: Mutex::new(HashMap::new()),
            class: Mutex::new(None),
            progress: ProgressStore::default(),
            started: Instant::now(),
        })
    }

    fn settings(&self) -> Settings {
        self.settings.lock().expect("settings lock").clone()
    }

    fn lang(&self) -> Lang {
        self.settings().lang()
    }

    fn labs(&self) -> Result<LabSet, UiError> {
        Ok(match &self.labs_dir {
            Some(dir) => LabSet::from_dir(dir)?,
            None => LabSet::builtin()?,
        })
    }

    fn lessons(&self) -> Result<(Arc<Library>, Arc<SearchIndex>), UiError> {
        let lang = self.lang();
        let mut cache = self.lessons.lock().expect("lessons lock");
        if let Some(l) = cache.as_ref().filter(|l| l.lang == lang) {
            return Ok((l.library.clone(), l.index.clone()));
        }
        let library = Arc::new(Library::builtin(lang)?.with_imported(&self.data_dir)?);
        let index = Arc::new(SearchIndex::build(&library));
        *cache = Some(Lessons { lang, library: library.clone(), index: index.clone() });
        Ok((library, index))
    }

    fn update_state(&self, f: impl FnOnce(&mut DesktopState)) {
        let mut state = self.state.lock().expect("state lock");
        f(&mut state);
        // Losing a convenience file is not worth an error dialog: the next write retries.
        let _ = state.save(&self.data_dir);
    }

    /// Where checks go: the settings, else a running practice sandbox.
    fn aws_settings(&self) -> sandpit_aws::AwsSettings {
        let mut settings = crate::features::with_practice(self.settings().aws(), &self.data_dir);
        settings.hints_dir = Some(sandpit_core::paths::reads_cache_dir(&self.data_dir));
        settings
    }

    async fn connect(&self) -> Result<(Aws, Identity), UiError> {
        let aws = Aws::connect(&self.aws_settings()).await?;
        let identity = aws.whoami().await?;
        Ok((aws, identity))
    }

    /// Records `event` in the progress store of the settings; says whether it was kept.
    async fn record(&self, event: StoreEvent<'_>) -> StoreStatus {
        let url = self.settings().database_url();
        self.progress.record(url.as_deref(), &self.data_dir, event).await
    }

    /// Who we are and what the account holds, asked at once ([`Aws::read`]).
    async fn read(&self, kinds: &BTreeSet<ResourceKind>) -> Result<(Identity, Snapshot), UiError> {
        let aws = Aws::connect(&self.aws_settings()).await?;
        Ok(aws.read(kinds).await?)
    }
}

/// What the window needs to start: settings, where things are, what this build can do.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    /// Sandpit's version.
    pub version: &'static str,
    /// The saved settings.
    pub settings: Settings,
    /// The language in use.
    pub lang: Lang,
    /// The endpoint in use (settings or `AWS_ENDPOINT_URL`): an emulator when set.
    pub endpoint_url: Option<String>,
    /// The data directory.
    pub data_dir: String,
    /// The settings file.
    pub settings_file: String,
    /// The last lesson and lab opened.
    pub last_lesson: Option<String>,
    /// The last lab opened or checked.
    pub last_lab: Option<String>,
    /// Whether the live cost meter is in this build.
    pub cost_available: bool,
    /// Whether one-click budget guard creation is in this build.
    pub budget_ensure_available: bool,
    /// Whether the local practice sandbox is in this build.
    pub practice_available: bool,
    /// Whether progress is being saved, as last known (`None` before the store was first
    /// used; [`progress_status`] opens it).
    pub progress: Option<StoreStatus>,
}

/// `app_info`
pub fn app_info(state: &AppState) -> AppInfo {
    let settings = state.settings();
    let s = state.state.lock().expect("state lock");
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        lang: settings.lang(),
        endpoint_url: state.aws_settings().endpoint_url,
        data_dir: state.data_dir.display().to_string(),
        settings_file: Settings::path(&state.data_dir).display().to_string(),
        last_lesson: s.last_lesson.clone(),
        last_lab: s.last_lab.clone(),
        settings,
        cost_available: crate::features::COST_AVAILABLE,
        budget_ensure_available: crate::features::BUDGET_ENSURE_AVAILABLE,
        practice_available: crate::features::PRACTICE_AVAILABLE,
        progress: state.progress.last_status(),
    }
}

/// `progress_status`: whether checks, lessons opened and quiz answers are being saved in the
/// progress store of the settings (opening it when needed). When not, the window says so with
/// the reason: a database URL that is wrong or unreachable, a data directory that cannot be
/// written.
pub async fn progress_status(state: &AppState) -> StoreStatus {
    let url = state.settings().database_url();
    state.progress.status(url.as_deref(), &state.data_dir).await
}

/// `save_settings`: validates, persists, and applies at once.
pub fn save_settings(state: &AppState, settings: Settings) -> Result<AppInfo, UiError> {
    settings.save(&state.data_dir)?;
    *state.settings.lock().expect("settings lock") = settings;
    Ok(app_info(state))
}

/// Who Sandpit is connected as.
#[derive(Debug, Clone, Serialize)]
pub struct WhoamiView {
    /// The account id.
    pub account: String,
    /// The caller's ARN.
    pub arn: String,
    /// The region checked.
    pub region: String,
    /// The endpoint override (an emulator), if any.
    pub endpoint_url: Option<String>,
}

/// `whoami`
pub async fn whoami(state: &AppState) -> Result<WhoamiView, UiError> {
    let (_, id) = state.connect().await?;
    Ok(WhoamiView { account: id.account, arn: id.arn, region: id.region, endpoint_url: id.endpoint_url })
}

fn budgets_readable(snapshot: &Snapshot) -> Result<(), UiError> {
    match snapshot.budgets.error() {
        Some(CollectError::Denied { action, managed_policy, .. }) => Err(UiError::aws(format!(
            "cannot read AWS Budgets: AWS denied {action}; attach {managed_policy} (or labs/policies/sandpit-checker.json)"
        ))),
        Some(CollectError::Failed { action, message }) => {
            Err(UiError::aws(format!("cannot read AWS Budgets: {action} failed: {message}")))
        }
        None => Ok(()),
    }
}

/// `budget_status`: the guard's state, as `sandpit budget status` reports it.
pub async fn budget_status(state: &AppState) -> Result<GuardStatus, UiError> {
    let (_, snapshot) = state.read(&BTreeSet::from([ResourceKind::Budgets])).await?;
    budgets_readable(&snapshot)?;
    Ok(guard_status(&snapshot, GUARD_NAME))
}

/// `budget_ensure`: creates or converges the guard (limit in USD, alert e-mail).
pub async fn budget_ensure(state: &AppState, limit: f64, email: String) -> Result<GuardStatus, UiError> {
    if !(limit.is_finite() && limit > 0.0) {
        return Err(UiError::field("limit", "the limit must be a positive amount".to_owned()));
    }
    let email = email.trim().to_owned();
    if !(email.contains('@') && !email.starts_with('@') && !email.ends_with('@')) {
        return Err(UiError::field("email", format!("`{email}` is not an e-mail address")));
    }
    if !crate::features::BUDGET_ENSURE_AVAILABLE {
        return Err(crate::features::budget_ensure_unavailable(limit, &email));
    }
    let (aws, identity) = state.connect().await?;
    crate::features::ensure_budget_guard(&aws, &identity, limit, &email).await?;
    let snapshot = aws.collect(&BTreeSet::from([ResourceKind::Budgets]), &identity.account).await?;
    budgets_readable(&snapshot)?;
    Ok(guard_status(&snapshot, GUARD_NAME))
}

/// A lab in the list, with its last check.
#[derive(Debug, Clone, Serialize)]
pub struct LabListItem {
    /// The lab.
    #[serde(flatten)]
    pub lab: LabSummary,
    /// Its last check, if any.
    pub progress: Option<LabProgress>,
}

/// `labs_list`
pub fn labs_list(state: &AppState) -> Result<Vec<LabListItem>, UiError> {
    let labs = state.labs()?;
    let lang = state.lang();
    let s = state.state.lock().expect("state lock");
    Ok(labs
        .labs()
        .iter()
        .map(|lab| LabListItem {
            lab: labview::lab_summary(lab, lang),
            progress: s.labs.get(&lab.id).cloned(),
        })
        .collect())
}

/// A check's result as the runner shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// The report in the reader's language (the `check --json` shape).
    pub report: RenderedReport,
    /// Steps to keep locked (blocked by the budget guard).
    pub locked: Vec<String>,
    /// The endpoint checked when it is not AWS (an emulator).
    pub endpoint_url: Option<String>,
}

/// The lab runner's page.
#[derive(Debug, Clone, Serialize)]
pub struct LabDetail {
    /// The lab.
    pub lab: LabView,
    /// Its last check in this session, if any.
    pub last: Option<ReportView>,
}

fn report_view(report: &Report, lang: Lang, endpoint_url: Option<String>) -> ReportView {
    ReportView { report: report.render(lang), locked: labview::locked_steps(report), endpoint_url }
}

/// `lab_detail`
pub fn lab_detail(state: &AppState, lab_id: &str) -> Result<LabDetail, UiError> {
    let labs = state.labs()?;
    let lab = labs.get(lab_id)?;
    let lang = state.lang();
    let view = labview::lab_view(lab, &lab.params([])?, lang);
    let endpoint = state.aws_settings().endpoint_url;
    let last = state
        .last
        .lock()
        .expect("last lock")
        .get(lab_id)
        .map(|l| report_view(&l.report, lang, endpoint.clone()));
    state.update_state(|s| s.last_lab = Some(lab_id.to_owned()));
    Ok(LabDetail { lab: view, last })
}

/// What a check judges.
#[derive(Debug, Clone)]
pub enum CheckSource {
    /// The account of the settings (or the practice sandbox), read now.
    Account,
    /// A snapshot saved earlier (`sandpit check --save-snapshot FILE`), judged offline as
    /// `sandpit check --snapshot FILE` does: nobody's credentials are used, and the attempt is
    /// recorded as [`sandpit_store::OFFLINE_CALLER`].
    Snapshot(PathBuf),
}

/// `check_lab`: reads the account and checks the lab (`steps` empty: every step; else only
/// those, like `sandpit check --step`).
pub async fn check_lab(state: &AppState, lab_id: &str, steps: Vec<String>) -> Result<ReportView, UiError> {
    check_lab_from(state, lab_id, steps, CheckSource::Account).await
}

/// [`check_lab`] of what `source` holds: judges it, records the attempt with its evidence in
/// the progress store, remembers it for Home and the topology picture.
pub async fn check_lab_from(
    state: &AppState,
    lab_id: &str,
    steps: Vec<String>,
    source: CheckSource,
) -> Result<ReportView, UiError> {
    let labs = state.labs()?;
    let lab = labs.get(lab_id)?;
    let params = lab.params([])?;
    // The preflight step of a billable lab is the engine's, not the lab file's: checking it
    // alone means checking the whole lab (which is what it gates).
    let steps: Vec<String> =
        steps.into_iter().filter(|s| !(s == labview::BUDGET_STEP && lab.step(s).is_none())).collect();
    let filter = StepFilter::only(lab, &steps)?;
    let (caller, endpoint_url, snapshot) = match source {
        CheckSource::Account => {
            let (identity, snapshot) = state.read(&lab.resource_kinds()).await?;
            (identity.arn, identity.endpoint_url, snapshot)
        }
        CheckSource::Snapshot(path) => {
            (sandpit_store::OFFLINE_CALLER.to_owned(), None, read_snapshot(&path)?)
        }
    };
    let report = engine::evaluate(lab, &params, &filter, &snapshot, Utc::now())?;
    let total = labview::lab_summary(lab, Lang::En).steps;
    // The store keeps what this check judged; the window shows it merged into the last check.
    state.record(StoreEvent::Attempt { report: &report, snapshot: &snapshot, caller: &caller }).await;
    let report = {
        let last = state.last.lock().expect("last lock");
        labview::merge_checks(last.get(lab_id).map(|l| &l.report), report)
    };
    state.update_state(|s| s.record_report(&report, total));
    let view = report_view(&report, state.lang(), endpoint_url);
    state.last.lock().expect("last lock").insert(lab_id.to_owned(), LastCheck { report, snapshot });
    Ok(view)
}

/// A saved snapshot file, errors naming the file (and line and column when it is not JSON of a
/// snapshot).
fn read_snapshot(path: &std::path::Path) -> Result<Snapshot, UiError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| UiError::input(format!("cannot read snapshot {}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| {
        UiError::input(format!("{}:{}:{}: not a Sandpit snapshot: {e}", path.display(), e.line(), e.column()))
    })
}

/// The topology screen.
#[derive(Debug, Clone, Serialize)]
pub struct TopologyView {
    /// The lab compared with.
    pub lab: String,
    /// The target architecture (SVG), what the account lacks highlighted.
    pub target_svg: String,
    /// The account as last read (SVG), differences highlighted.
    pub actual_svg: String,
    /// The differences in words.
    pub differences: Vec<Difference>,
    /// When the snapshot was read; none before the first check.
    pub checked_at: Option<String>,
}

/// `topology`: the last snapshot of `lab_id` beside the lab's target.
pub fn topology(state: &AppState, lab_id: &str) -> Result<TopologyView, UiError> {
    let labs = state.labs()?;
    let lab = labs.get(lab_id)?;
    let lang = state.lang();
    let ko = lang == Lang::Ko;
    let target = topology::target_architecture(lab, &lab.params([])?)?;
    let last = state.last.lock().expect("last lock");
    let (snapshot, checked_at) = match last.get(lab_id) {
        Some(l) => (l.snapshot.clone(), Some(l.report.checked_at.to_rfc3339())),
        None => (Snapshot::default(), None),
    };
    drop(last);
    let actual = topology::actual_architecture(&snapshot);
    let c = topology::compare(&target, &actual, lang);
    let (target_title, actual_title) = if ko {
        ("목표 구성", "내 계정(마지막 확인)")
    } else {
        ("Target", "Your account (last check)")
    };
    let empty_actual = match (checked_at.is_some(), ko) {
        (false, true) => "아직 확인하지 않았습니다. 실습에서 [전체 확인]을 누르세요.",
        (false, false) => "Not checked yet: press Check lab in the lab runner.",
        (true, true) => "이 계정에는 아직 VPC가 없습니다.",
        (true, false) => "No VPC in this account yet.",
    };
    let empty_target = if ko {
        "이 실습에는 네트워크 구성이 없습니다."
    } else {
        "This lab builds no network."
    };
    Ok(TopologyView {
        lab: lab_id.to_owned(),
        target_svg: topology::render_svg(&c.target, target_title, empty_target),
        actual_svg: topology::render_svg(&c.actual, actual_title, empty_actual),
        differences: if checked_at.is_some() { c.differences } else { Vec::new() },
        checked_at,
    })
}

/// A lesson in the tree.
#[derive(Debug, Clone, Serialize)]
pub struct LessonEntry {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Whether it was opened before.
    pub opened: bool,
}

/// A topic of the lesson tree.
#[derive(Debug, Clone, Serialize)]
pub struct TopicGroup {
    /// The topic id (`networking`, …; `notes` for imported notes).
    pub topic: String,
    /// Its lessons, in library order.
    pub lessons: Vec<LessonEntry>,
}

/// `lessons_tree`: built-in lessons by topic (in the library's topic order), then imported notes.
pub fn lessons_tree(state: &AppState) -> Result<Vec<TopicGroup>, UiError> {
    let (library, _) = state.lessons()?;
    let opened = state.state.lock().expect("state lock").lessons_opened.clone();
    let mut groups: Vec<TopicGroup> = Vec::new();
    let mut metas: Vec<_> = library.list().iter().collect();
    let rank = |t: &str| sandpit_lessons::TOPICS.iter().position(|x| *x == t).unwrap_or(usize::MAX);
    metas.sort_by_key(|m| (m.topic.as_deref().map_or(usize::MAX, rank), m.order.unwrap_or(u32::MAX)));
    for meta in metas {
        let topic = meta.topic.clone().unwrap_or_else(|| "notes".to_owned());
        let entry =
            LessonEntry { id: meta.id.clone(), title: meta.title.clone(), opened: opened.contains(&meta.id) };
        match groups.iter_mut().find(|g| g.topic == topic) {
            Some(g) => g.lessons.push(entry),
            None => groups.push(TopicGroup { topic, lessons: vec![entry] }),
        }
    }
    Ok(groups)
}

/// A lesson page.
#[derive(Debug, Clone, Serialize)]
pub struct LessonView {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The page from the lesson template (`ui/templates/lesson.html`), body only: table of
    /// contents, article, labs and related lessons. Sanitised by `sandpit-lessons`.
    pub html: String,
}

/// The inside of `<body>` of a full page.
fn body_of(document: &str) -> &str {
    let start = document.find("<body").and_then(|i| document[i..].find('>').map(|j| i + j + 1));
    let end = document.rfind("</body>");
    match (start, end) {
        (Some(s), Some(e)) if s <= e => document[s..e].trim(),
        _ => document,
    }
}

/// Lesson `id` of `library` through the lesson template (`ui/templates/lesson.html`), as the
/// window shows it: the page's body, stylesheet and quiz script served from `/static`.
pub fn render_lesson_view(library: &Library, id: &str) -> Result<LessonView, UiError> {
    let page = render_lesson(library, id)?;
    let document = render_page_html(&page, &PageOptions { static_base: "/static".to_owned() })?;
    // Imported notes' images: embedded as `data:` URIs (the CSP allows `img-src 'self' data:`).
    let html = library.inline_images(body_of(&document));
    Ok(LessonView { id: page.id.clone(), title: page.title.clone(), html })
}

/// `lesson_page`: renders the lesson through the lesson template and remembers it was opened
/// (in the progress store too).
pub async fn lesson_page(state: &AppState, id: &str) -> Result<LessonView, UiError> {
    let (library, _) = state.lessons()?;
    let view = render_lesson_view(&library, id)?;
    state.record(StoreEvent::LessonOpened { lesson: id, lang: state.lang() }).await;
    state.update_state(|s| s.record_lesson(id));
    Ok(view)
}

/// `lessons_search` (Korean and English).
pub fn lessons_search(state: &AppState, query: &str) -> Result<Vec<Hit>, UiError> {
    let (_, index) = state.lessons()?;
    Ok(index.search(query, SEARCH_LIMIT))
}

/// `record_quiz_answer`: remembers the answer; says whether the progress store kept it.
pub async fn record_quiz_answer(
    state: &AppState,
    lesson: &str,
    question: &str,
    correct: bool,
) -> StoreStatus {
    state.update_state(|s| s.record_quiz(lesson, question, correct));
    state.record(StoreEvent::QuizAnswer { lesson, question, correct }).await
}

/// `cost_report`: the live cost meter and teardown plan, when this build has it.
pub async fn cost_report(state: &AppState) -> Result<serde_json::Value, UiError> {
    if !crate::features::COST_AVAILABLE {
        return Err(crate::features::cost_unavailable());
    }
    let (_, snapshot) = state.read(&sandpit_core::cost::METER_KINDS.into_iter().collect()).await?;
    crate::features::cost_report(&snapshot)
}

/// `practice_start`: the local practice sandbox (`sandpit practice`), when this build has it.
pub fn practice_start(state: &AppState) -> Result<String, UiError> {
    crate::features::practice_start(&state.data_dir)
}

/// `first_paint`: the window reports its first paint; returns milliseconds since start.
pub fn first_paint(state: &AppState) -> u64 {
    u64::try_from(state.started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Whether a lab status counts as done, for Home.
pub fn is_done(status: LabStatus) -> bool {
    status == LabStatus::Pass
}

mod class;
pub use class::{
    ClassCheckOptions, ClassExport, ClassInfo, ClassMatrixView, ClassParam, ClassProgress, EXPORTS_DIR,
    MAX_CONCURRENCY, ParamSetting, RosterTeam, RosterView, StepCell, StepColumn, TeamDetailView, TeamRowView,
    class_check, class_export, class_info, class_roster, class_team,
};

mod reach;
pub use reach::{ReachView, answer_view, missing_kinds, reach_endpoints, reach_question};

#[cfg(test)]
mod tests;
