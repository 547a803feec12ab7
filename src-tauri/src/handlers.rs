//! The commands' bodies, callable without a window (the tests call them directly). Each one is
//! a short adapter onto the library crates the CLI uses: labs and the engine from
//! `sandpit-core`, AWS from `sandpit-aws`, lessons from `sandpit-lessons`, the lab runner's view
//! and the topology picture from `sandpit-view`, the practice sandbox from `sandpit-practice`.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::Utc;
use sandpit_aws::{Aws, Identity};
use sandpit_core::budget::{GUARD_NAME, GuardRequest, GuardStatus, Subscriber, guard_status};
use sandpit_core::cost::{CostReport, FinalSnapshot, PriceTable};
use sandpit_core::engine::{self, BudgetGuard, ParamChoice, StepFilter};
use sandpit_core::labs::{LabSet, Params};
use sandpit_core::report::{LabStatus, RenderedReport, Report, StepStatus};
use sandpit_core::snapshot::{CollectError, ReadScope, ResourceKind, Snapshot};
use sandpit_core::{Lang, msg};
use sandpit_lessons::{Hit, Library, PageOptions, SearchIndex, render_lesson, render_page_html};
use sandpit_view::labview::{self, GuardKnown, LabSummary, LabView, RunnerState};
use sandpit_view::topology::{self, Difference};
use serde::Serialize;

use crate::error::UiError;
use crate::progress::{DesktopState, LabProgress, ProgressStore, StoreEvent, StoreStatus, connection_key};
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
    /// The account it read (`None`: a saved snapshot that does not say).
    account: Option<String>,
    /// The parameters the learner confirmed that it used.
    given: Vec<(String, String)>,
    /// Whether it failed steps that the account's own layout passes ("is this yours?").
    suggests: bool,
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
    /// What the last read of the budget guard said (Home's banner, a check's preflight step).
    guard: Mutex<Option<GuardKnown>>,
    /// Whether this app started the practice sandbox (and so stops it when it ends).
    practice_started_here: Mutex<bool>,
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
            guard: Mutex::new(None),
            practice_started_here: Mutex::new(false),
            progress: ProgressStore::default(),
            started: Instant::now(),
        })
    }

    fn settings(&self) -> Settings {
        self.settings.lock().expect("settings lock").clone()
    }

    /// The reader's language.
    pub(crate) fn lang(&self) -> Lang {
        self.settings().lang()
    }

    fn remember_guard(&self, known: Option<GuardKnown>) {
        *self.guard.lock().expect("guard lock") = known;
    }

    fn known_guard(&self) -> Option<GuardKnown> {
        *self.guard.lock().expect("guard lock")
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
        // The index `sandpit lessons search` uses (kept in the data folder, brought up to date
        // here); one in memory when that folder cannot hold it.
        let index = Arc::new(
            SearchIndex::open(&self.data_dir, lang).unwrap_or_else(|_| SearchIndex::build(&library)),
        );
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
        self.aws_settings_of(&self.settings())
    }

    fn aws_settings_of(&self, settings: &Settings) -> sandpit_aws::AwsSettings {
        let mut aws = practice::with_practice(settings.aws(), &self.data_dir);
        aws.hints_dir = Some(sandpit_core::paths::reads_cache_dir(&self.data_dir));
        aws
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
        self.read_scoped(kinds, &ReadScope::default()).await
    }

    /// [`Self::read`] of only what `scope` asks for ([`Aws::read_scoped`]).
    async fn read_scoped(
        &self,
        kinds: &BTreeSet<ResourceKind>,
        scope: &ReadScope,
    ) -> Result<(Identity, Snapshot), UiError> {
        let aws = Aws::connect(&self.aws_settings()).await?;
        Ok(aws.read_scoped(kinds, scope).await?)
    }

    /// The account the connection of the settings answered as last, if it ever did.
    fn seen_account(&self) -> Option<String> {
        let key = connection_key(&self.aws_settings());
        self.state.lock().expect("state lock").accounts.get(&key).cloned()
    }

    /// Remembers which account the connection of the settings answers as.
    fn remember_account(&self, account: &str) {
        if self.seen_account().as_deref() != Some(account) {
            let key = connection_key(&self.aws_settings());
            self.update_state(|s| {
                s.accounts.insert(key, account.to_owned());
            });
        }
    }

    /// The account the connection answers as: as seen last, else asked (one STS call).
    async fn account(&self) -> Result<String, UiError> {
        if let Some(account) = self.seen_account() {
            return Ok(account);
        }
        let (_, identity) = self.connect().await?;
        self.remember_account(&identity.account);
        Ok(identity.account)
    }

    /// The account whose parameters the page of `lab` shows: its last check's, else the one
    /// the connection answered as last.
    fn page_account(&self, lab: &str) -> Option<String> {
        match self.last.lock().expect("last lock").get(lab) {
            Some(l) => l.account.clone(),
            None => self.seen_account(),
        }
    }

    /// The parameters the learner confirmed for `lab` in `account` (none: the lab's defaults);
    /// one the lab no longer has (its file changed since) is left out.
    fn given_params(&self, account: Option<&str>, lab: &sandpit_core::labs::Lab) -> Vec<(String, String)> {
        let mut given = self.state.lock().expect("state lock").confirmed(account, &lab.id);
        given.retain(|(name, _)| lab.params.iter().any(|p| p.name == *name));
        given
    }

    /// The lab's parameters as checks of it in `account` use them now.
    fn lab_params(&self, account: Option<&str>, lab: &sandpit_core::labs::Lab) -> Result<Params, UiError> {
        let given = self.given_params(account, lab);
        Ok(lab.params(given.iter().map(|(k, v)| (k.as_str(), v.as_str())))?)
    }
}

/// A lesson or lab named for the reader: its id and its title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Named {
    /// The id.
    pub id: String,
    /// The title in the reader's language (the id when it no longer exists).
    pub title: String,
}

/// What the window needs to start: settings, where things are, what it last showed.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppInfo {
    /// Sandpit's version.
    pub version: &'static str,
    /// The saved settings.
    pub settings: Settings,
    /// The language in use.
    pub lang: Lang,
    /// The endpoint in use (settings, `AWS_ENDPOINT_URL` or the practice sandbox): an emulator
    /// when set.
    pub endpoint_url: Option<String>,
    /// The data directory.
    pub data_dir: String,
    /// The settings file.
    pub settings_file: String,
    /// The lesson opened last.
    pub last_lesson: Option<Named>,
    /// The lab opened or checked last.
    pub last_lab: Option<Named>,
    /// Whether progress is being saved, as last known (`None` before the store was first
    /// used; [`progress_status`] opens it).
    pub progress: Option<StoreStatus>,
}

/// `app_info`
pub fn app_info(state: &AppState) -> AppInfo {
    let settings = state.settings();
    let (last_lesson, last_lab) = {
        let s = state.state.lock().expect("state lock");
        (s.last_lesson.clone(), s.last_lab.clone())
    };
    let lesson_title = |id: String| {
        let title = state.lessons().ok().and_then(|(l, _)| l.get(&id).map(|l| l.meta.title.clone()));
        Named { title: title.unwrap_or_else(|| id.clone()), id }
    };
    let lab_title = |id: String| {
        let lang = settings.lang();
        let title =
            state.labs().ok().and_then(|labs| labs.get(&id).ok().map(|l| l.title.get(lang).to_owned()));
        Named { title: title.unwrap_or_else(|| id.clone()), id }
    };
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        lang: settings.lang(),
        endpoint_url: state.aws_settings().endpoint_url,
        data_dir: state.data_dir.display().to_string(),
        settings_file: Settings::path(&state.data_dir).display().to_string(),
        last_lesson: last_lesson.map(lesson_title),
        last_lab: last_lab.map(lab_title),
        settings,
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
    // Another account or region: what was known of the guard is no longer known.
    state.remember_guard(None);
    Ok(app_info(state))
}

/// `test_connection`: who `settings` (as typed, not saved) connect as, as `whoami` says it; a
/// problem is said with where to fix it.
pub async fn test_connection(state: &AppState, settings: Settings) -> Result<WhoamiView, UiError> {
    settings.validate()?;
    let aws = Aws::connect(&state.aws_settings_of(&settings)).await?;
    let id = aws.whoami().await?;
    Ok(WhoamiView { account: id.account, arn: id.arn, region: id.region, endpoint_url: id.endpoint_url })
}

/// Who Sandpit is connected as.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
        Some(CollectError::Denied { action, managed_policy, .. }) => Err(UiError::aws(
            "ui-error-budgets-denied",
            format!(
                "cannot read AWS Budgets: AWS denied {action}; attach {managed_policy} (or labs/policies/sandpit-checker.json)"
            ),
        )
        .with("policy", managed_policy.clone())),
        Some(CollectError::Failed { action, message }) => Err(UiError::aws(
            "ui-error-aws-call",
            format!("cannot read AWS Budgets: {action} failed: {message}"),
        )),
        None => Ok(()),
    }
}

/// `budget_status`: the guard's state, as `sandpit budget status` reports it; remembered for
/// the lab runner (a billable lab shows it before its first check). An account that cannot be
/// read is remembered as not connected: billable labs stay locked until it can.
pub async fn budget_status(state: &AppState) -> Result<GuardStatus, UiError> {
    let read = async {
        let (_, snapshot) = state.read(&BTreeSet::from([ResourceKind::Budgets])).await?;
        budgets_readable(&snapshot)?;
        Ok(guard_status(&snapshot, GUARD_NAME))
    };
    let answer: Result<GuardStatus, UiError> = read.await;
    state.remember_guard(Some(match &answer {
        Ok(g) => g.status.into(),
        Err(_) => GuardKnown::NotConnected,
    }));
    answer
}

/// `budget_ensure`: creates or converges the guard (limit in USD, alert e-mail).
pub async fn budget_ensure(state: &AppState, limit: f64, email: String) -> Result<GuardStatus, UiError> {
    if !(limit.is_finite() && limit > 0.0) {
        return Err(UiError::field("limit", "ui-error-budget-limit", "the limit must be a positive amount"));
    }
    let email = email.trim().to_owned();
    if !(email.contains('@') && !email.starts_with('@') && !email.ends_with('@')) {
        return Err(UiError::field(
            "email",
            "ui-error-budget-email",
            format!("`{email}` is not an e-mail address"),
        ));
    }
    let subscriber = Subscriber::email(&email)
        .map_err(|e| UiError::field("email", "ui-error-budget-email", e.to_string()))?;
    let request = GuardRequest::new(GUARD_NAME, limit, "USD", vec![subscriber])
        .map_err(|e| UiError::field("limit", "ui-error-budget-limit", e.to_string()))?;
    let (aws, identity) = state.connect().await?;
    // As `sandpit budget ensure --limit LIMIT --email EMAIL`: plan, then converge.
    let plan = aws.plan_guard(&identity.account, &request).await?;
    aws.apply_guard(&identity.account, &request, plan).await?;
    let snapshot = aws.collect(&BTreeSet::from([ResourceKind::Budgets]), &identity.account).await?;
    budgets_readable(&snapshot)?;
    let status = guard_status(&snapshot, GUARD_NAME);
    state.remember_guard(Some(status.status.into()));
    Ok(status)
}

/// A lab in the list, with its last check.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
    let (library, _) = state.lessons()?;
    let s = state.state.lock().expect("state lock");
    Ok(labs
        .labs()
        .iter()
        .map(|lab| LabListItem {
            lab: labview::lab_summary(lab, &library),
            progress: s.labs.get(&lab.id).cloned(),
        })
        .collect())
}

/// A check's result as the runner shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReportView {
    /// The report in the reader's language (the `check --json` shape).
    pub report: RenderedReport,
    /// What the header and each step show (statuses, locks, the budget form).
    pub runner: RunnerState,
    /// The endpoint checked when it is not AWS (an emulator).
    pub endpoint_url: Option<String>,
    /// The account it read (`None`: a saved snapshot that does not say).
    pub account: Option<String>,
    /// The parameters the learner confirmed that it used (the header shows them).
    pub confirmed: Vec<ParamInUse>,
    /// "Is this yours?": when the check fails steps that the account's own layout passes, the
    /// account's candidates for each parameter.
    pub discovery: Option<DiscoverView>,
}

/// The lab runner's page.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LabDetail {
    /// The lab.
    pub lab: LabView,
    /// Its last check in this session, if any.
    pub last: Option<ReportView>,
    /// What the header and each step show now (before a check: from what Home knows of the
    /// budget guard).
    pub runner: RunnerState,
    /// Whether the budget guard is unknown yet: the window asks `budget_status` and opens the
    /// lab again to show the locks.
    pub guard_unknown: bool,
    /// The account whose confirmed parameters are in use (its last check's, else the one the
    /// connection answered as last; `None` before the first read).
    pub account: Option<String>,
    /// The parameters the learner confirmed for this lab in that account.
    pub confirmed: Vec<ParamInUse>,
}

fn lab_view_of(
    state: &AppState,
    lab: &sandpit_core::labs::Lab,
    account: Option<&str>,
) -> Result<LabView, UiError> {
    let (library, _) = state.lessons()?;
    Ok(labview::lab_view(lab, &state.lab_params(account, lab)?, &library))
}

/// A lab's last check as the runner shows it.
fn report_view(
    state: &AppState,
    lab: &sandpit_core::labs::Lab,
    last: &LastCheck,
    lab_view: &LabView,
    endpoint_url: Option<String>,
) -> Result<ReportView, UiError> {
    let lang = state.lang();
    let discovery = if last.suggests {
        let current = lab.params(last.given.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        Some(discover::view(lab, &last.snapshot, &current, last.account.clone(), lang))
    } else {
        None
    };
    Ok(ReportView {
        report: last.report.render(lang),
        runner: labview::runner_state(lab_view, Some(&last.report), state.known_guard()),
        endpoint_url,
        account: last.account.clone(),
        confirmed: discover::in_use(lab, &last.given, lang),
        discovery,
    })
}

/// `lab_detail`
pub fn lab_detail(state: &AppState, lab_id: &str) -> Result<LabDetail, UiError> {
    let labs = state.labs()?;
    let lab = labs.get(lab_id)?;
    let lang = state.lang();
    let account = state.page_account(lab_id);
    let view = lab_view_of(state, lab, account.as_deref())?;
    let endpoint = state.aws_settings().endpoint_url;
    let guard = state.known_guard();
    let last = {
        let last = state.last.lock().expect("last lock");
        last.get(lab_id).map(|l| report_view(state, lab, l, &view, endpoint.clone())).transpose()?
    };
    let runner = match &last {
        Some(l) => l.runner.clone(),
        None => labview::runner_state(&view, None, guard),
    };
    let confirmed = discover::in_use(lab, &state.given_params(account.as_deref(), lab), lang);
    state.update_state(|s| s.last_lab = Some(lab_id.to_owned()));
    Ok(LabDetail {
        guard_unknown: view.billable && guard.is_none(),
        lab: view,
        last,
        runner,
        account,
        confirmed,
    })
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
    // The preflight step of a billable lab is the engine's, not the lab file's: checking it
    // alone means checking the whole lab (which is what it gates).
    let steps: Vec<String> =
        steps.into_iter().filter(|s| !(s == labview::BUDGET_STEP && lab.step(s).is_none())).collect();
    let filter = StepFilter::only(lab, &steps)?;
    // The parameters the learner confirmed for this lab in the account read, passed as
    // `--param` would pass them.
    let (account, given, caller, endpoint_url, snapshot) = match source {
        CheckSource::Account => {
            let mut account = state.account().await?;
            let mut asked_again = false;
            loop {
                let given = state.given_params(Some(&account), lab);
                let params = lab.params(given.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
                let scope = lab.read_scope(&params, false);
                let (identity, snapshot) = state.read_scoped(&lab.resource_kinds(), &scope).await?;
                let mut given = given;
                if identity.account != account {
                    // Other credentials under the same settings: that account's parameters.
                    state.remember_account(&identity.account);
                    let theirs = state.given_params(Some(&identity.account), lab);
                    account = identity.account.clone();
                    if theirs != given && !asked_again {
                        // They may name other things to read (a hosted zone): read again.
                        asked_again = true;
                        continue;
                    }
                    given = theirs;
                }
                break (Some(account), given, identity.arn, identity.endpoint_url, snapshot);
            }
        }
        CheckSource::Snapshot(path) => {
            let snapshot = read_snapshot(&path)?;
            let account = snapshot.account.clone();
            let given = state.given_params(account.as_deref(), lab);
            (account, given, sandpit_store::OFFLINE_CALLER.to_owned(), None, snapshot)
        }
    };
    // A report that fails steps the account's own layout would pass carries the suggestion
    // ("is this yours?" in the window).
    let report =
        engine::check(lab, &given, ParamChoice::Given, &filter, &snapshot, Utc::now(), BudgetGuard::Enforce)?;
    let suggests = report.suggestion.is_some();
    let total = labview::step_count(lab);
    // The preflight step is what the account's guard is now.
    match report.step(labview::BUDGET_STEP).map(|s| s.status) {
        Some(StepStatus::Pass) => state.remember_guard(Some(GuardKnown::Guarded)),
        Some(StepStatus::Blocked) => state.remember_guard(Some(GuardKnown::Unguarded)),
        _ => {}
    }
    // The store keeps what this check judged; the window shows it merged into the last check.
    state.record(StoreEvent::Attempt { report: &report, snapshot: &snapshot, caller: &caller }).await;
    let report = {
        let last = state.last.lock().expect("last lock");
        labview::merge_checks(last.get(lab_id).map(|l| &l.report), report)
    };
    state.update_state(|s| s.record_report(&report, total));
    let lab_view = lab_view_of(state, lab, account.as_deref())?;
    let last = LastCheck { report, snapshot, account, given, suggests };
    let view = report_view(state, lab, &last, &lab_view, endpoint_url)?;
    state.last.lock().expect("last lock").insert(lab_id.to_owned(), last);
    Ok(view)
}

/// A saved snapshot file, errors naming the file (and line and column when it is not JSON of a
/// snapshot).
fn read_snapshot(path: &std::path::Path) -> Result<Snapshot, UiError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        UiError::input("ui-error-snapshot", format!("cannot read snapshot {}: {e}", path.display()))
    })?;
    serde_json::from_str(&text).map_err(|e| {
        UiError::input(
            "ui-error-snapshot",
            format!("{}:{}:{}: not a Sandpit snapshot: {e}", path.display(), e.line(), e.column()),
        )
    })
}

/// The topology screen.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
    let account = state.page_account(lab_id);
    let target = topology::target_architecture(lab, &state.lab_params(account.as_deref(), lab)?)?;
    let last = state.last.lock().expect("last lock");
    let (snapshot, checked_at) = match last.get(lab_id) {
        Some(l) => (l.snapshot.clone(), Some(l.report.checked_at.to_rfc3339())),
        None => (Snapshot::default(), None),
    };
    drop(last);
    let actual = topology::actual_architecture(&snapshot);
    let c = topology::compare(&target, &actual, lang);
    let t = |id: &str| msg::text(lang, id, &[]);
    let empty_actual =
        if checked_at.is_some() { t("topology-actual-novpc") } else { t("topology-actual-unchecked") };
    Ok(TopologyView {
        lab: lab_id.to_owned(),
        target_svg: topology::render_svg(&c.target, &t("topology-target"), &t("topology-target-empty"), lang),
        actual_svg: topology::render_svg(&c.actual, &t("topology-actual"), &empty_actual, lang),
        differences: if checked_at.is_some() { c.differences } else { Vec::new() },
        checked_at,
    })
}

/// A lesson in the tree.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LessonEntry {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Whether it was opened before.
    pub opened: bool,
}

/// A topic of the lesson tree.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
    let document =
        render_page_html(&page, &PageOptions { static_base: "/static".to_owned(), standalone: false })?;
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

/// `cost_report`: the live cost meter and teardown plan, as `sandpit cost --json`: billable
/// resources running now, their estimated cost, and the order in which to delete them.
pub async fn cost_report(state: &AppState) -> Result<CostReport, UiError> {
    let (_, snapshot) = state.read(&sandpit_core::cost::METER_KINDS.into_iter().collect()).await?;
    Ok(sandpit_core::cost::meter(&snapshot, PriceTable::builtin(), FinalSnapshot::Skip, Utc::now()))
}

/// `first_paint`: the window reports its first paint; returns milliseconds since start.
pub fn first_paint(state: &AppState) -> u64 {
    u64::try_from(state.started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Whether a lab status counts as done, for Home.
pub fn is_done(status: LabStatus) -> bool {
    status == LabStatus::Pass
}

mod account;
mod discover;
pub use discover::{
    DiscoverView, ParamCandidate, ParamInUse, clear_params, confirm_params, discover_params,
    discover_params_from,
};

mod class;
mod practice;
pub use account::{AwsChoices, RegionChoice, aws_choices};
pub use class::{
    CSV_BOM, ClassCheckOptions, ClassExport, ClassInfo, ClassMatrixView, ClassParam, ClassProgress,
    EXPORTS_DIR, MAX_CONCURRENCY, ParamSetting, RosterTeam, RosterView, StepCell, StepColumn, TeamDetailView,
    TeamRowView, class_check, class_export, class_info, class_roster, class_team,
};
pub use practice::{PracticeProgress, PracticeView, on_exit, practice_start, practice_status, practice_stop};
mod reach;
pub use reach::{ReachView, answer_view, missing_kinds, reach_endpoints, reach_question};

#[cfg(test)]
mod tests;
