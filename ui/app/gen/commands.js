// Generated from src-tauri/src/commands/list.rs and the Rust types it names (ts-rs): do not
// edit; `make bindings` regenerates it.
// @ts-check

/** @typedef {import("./bindings").AppInfo} AppInfo */
/** @typedef {import("./bindings").AwsChoices} AwsChoices */
/** @typedef {import("./bindings").Billable} Billable */
/** @typedef {import("./bindings").ClassCheckOptions} ClassCheckOptions */
/** @typedef {import("./bindings").ClassExport} ClassExport */
/** @typedef {import("./bindings").ClassInfo} ClassInfo */
/** @typedef {import("./bindings").ClassMatrixView} ClassMatrixView */
/** @typedef {import("./bindings").ClassParam} ClassParam */
/** @typedef {import("./bindings").ClassProgress} ClassProgress */
/** @typedef {import("./bindings").Component} Component */
/** @typedef {import("./bindings").CostItem} CostItem */
/** @typedef {import("./bindings").CostReport} CostReport */
/** @typedef {import("./bindings").Difference} Difference */
/** @typedef {import("./bindings").Direction} Direction */
/** @typedef {import("./bindings").DiscoverView} DiscoverView */
/** @typedef {import("./bindings").Endpoint} Endpoint */
/** @typedef {import("./bindings").EndpointChoice} EndpointChoice */
/** @typedef {import("./bindings").EndpointKind} EndpointKind */
/** @typedef {import("./bindings").FindingStatus} FindingStatus */
/** @typedef {import("./bindings").GuardState} GuardState */
/** @typedef {import("./bindings").GuardStatus} GuardStatus */
/** @typedef {import("./bindings").Hit} Hit */
/** @typedef {import("./bindings").LabDetail} LabDetail */
/** @typedef {import("./bindings").LabListItem} LabListItem */
/** @typedef {import("./bindings").LabProgress} LabProgress */
/** @typedef {import("./bindings").LabStatus} LabStatus */
/** @typedef {import("./bindings").LabView} LabView */
/** @typedef {import("./bindings").Lang} Lang */
/** @typedef {import("./bindings").LessonEntry} LessonEntry */
/** @typedef {import("./bindings").LessonView} LessonView */
/** @typedef {import("./bindings").Localized} Localized */
/** @typedef {import("./bindings").LockReason} LockReason */
/** @typedef {import("./bindings").Mark} Mark */
/** @typedef {import("./bindings").Named} Named */
/** @typedef {import("./bindings").Overlap} Overlap */
/** @typedef {import("./bindings").PageLink} PageLink */
/** @typedef {import("./bindings").ParamCandidate} ParamCandidate */
/** @typedef {import("./bindings").ParamInUse} ParamInUse */
/** @typedef {import("./bindings").ParamSetting} ParamSetting */
/** @typedef {import("./bindings").ParamView} ParamView */
/** @typedef {import("./bindings").PathNode} PathNode */
/** @typedef {import("./bindings").PathOverlay} PathOverlay */
/** @typedef {import("./bindings").PathStop} PathStop */
/** @typedef {import("./bindings").PathSummary} PathSummary */
/** @typedef {import("./bindings").PracticeProgress} PracticeProgress */
/** @typedef {import("./bindings").PracticeView} PracticeView */
/** @typedef {import("./bindings").ProfileChoice} ProfileChoice */
/** @typedef {import("./bindings").Protocol} Protocol */
/** @typedef {import("./bindings").Question} Question */
/** @typedef {import("./bindings").ReachView} ReachView */
/** @typedef {import("./bindings").RegionChoice} RegionChoice */
/** @typedef {import("./bindings").RenderedAnswer} RenderedAnswer */
/** @typedef {import("./bindings").RenderedFinding} RenderedFinding */
/** @typedef {import("./bindings").RenderedHop} RenderedHop */
/** @typedef {import("./bindings").RenderedReport} RenderedReport */
/** @typedef {import("./bindings").RenderedStep} RenderedStep */
/** @typedef {import("./bindings").ReportView} ReportView */
/** @typedef {import("./bindings").RosterTeam} RosterTeam */
/** @typedef {import("./bindings").RosterView} RosterView */
/** @typedef {import("./bindings").RunnerState} RunnerState */
/** @typedef {import("./bindings").Scope} Scope */
/** @typedef {import("./bindings").Settings} Settings */
/** @typedef {import("./bindings").StepCell} StepCell */
/** @typedef {import("./bindings").StepColumn} StepColumn */
/** @typedef {import("./bindings").StepState} StepState */
/** @typedef {import("./bindings").StepStatus} StepStatus */
/** @typedef {import("./bindings").StepView} StepView */
/** @typedef {import("./bindings").StoreStatus} StoreStatus */
/** @typedef {import("./bindings").Suggestion} Suggestion */
/** @typedef {import("./bindings").Summary} Summary */
/** @typedef {import("./bindings").TeamDetailView} TeamDetailView */
/** @typedef {import("./bindings").TeamError} TeamError */
/** @typedef {import("./bindings").TeamRowView} TeamRowView */
/** @typedef {import("./bindings").TeardownStep} TeardownStep */
/** @typedef {import("./bindings").TopicGroup} TopicGroup */
/** @typedef {import("./bindings").TopologyView} TopologyView */
/** @typedef {import("./bindings").UiError} UiError */
/** @typedef {import("./bindings").Verdict} Verdict */
/** @typedef {import("./bindings").WhoamiView} WhoamiView */

/** @returns {{ invoke: (cmd: string, args?: object) => Promise<any>, Channel: any }} */
function tauri() {
  // @ts-ignore: the global Tauri bridge (withGlobalTauri)
  const core = window.__TAURI__ && window.__TAURI__.core;
  if (!core) throw new Error("The Tauri bridge is missing: open Sandpit with `make run`.");
  return core;
}

/**
 * What the window needs to start: settings, where things are, what it last showed.
 * @returns {Promise<AppInfo>}
 */
export function appInfo() {
  return tauri().invoke("app_info", {  });
}

/**
 * Validates, saves and applies the settings.
 * @param {Settings} settings
 * @returns {Promise<AppInfo>}
 */
export function saveSettings(settings) {
  return tauri().invoke("save_settings", { settings });
}

/**
 * The AWS profiles of `~/.aws/config` and `~/.aws/credentials`, and the regions to pick from.
 * @returns {Promise<AwsChoices>}
 */
export function awsChoices() {
  return tauri().invoke("aws_choices", {  });
}

/**
 * Tries `settings` (not saved) and says who they connect as, or what is wrong.
 * @param {Settings} settings
 * @returns {Promise<WhoamiView>}
 */
export function testConnection(settings) {
  return tauri().invoke("test_connection", { settings });
}

/**
 * Who the settings connect as.
 * @returns {Promise<WhoamiView>}
 */
export function whoami() {
  return tauri().invoke("whoami", {  });
}

/**
 * The budget guard's state.
 * @returns {Promise<GuardStatus>}
 */
export function budgetStatus() {
  return tauri().invoke("budget_status", {  });
}

/**
 * Creates or converges the budget guard.
 * @param {number} limit
 * @param {string} email
 * @returns {Promise<GuardStatus>}
 */
export function budgetEnsure(limit, email) {
  return tauri().invoke("budget_ensure", { limit, email });
}

/**
 * The labs with their last check.
 * @returns {Promise<Array<LabListItem>>}
 */
export function labsList() {
  return tauri().invoke("labs_list", {  });
}

/**
 * One lab as the runner shows it.
 * @param {string} lab
 * @returns {Promise<LabDetail>}
 */
export function labDetail(lab) {
  return tauri().invoke("lab_detail", { lab });
}

/**
 * Checks a lab (every step, or those named).
 * @param {string} lab
 * @param {Array<string>} steps
 * @returns {Promise<ReportView>}
 */
export function checkLab(lab, steps) {
  return tauri().invoke("check_lab", { lab, steps });
}

/**
 * "Is this yours?": the lab's parameters as the account seems to hold them.
 * @param {string} lab
 * @returns {Promise<DiscoverView>}
 */
export function discoverParams(lab) {
  return tauri().invoke("discover_params", { lab });
}

/**
 * Keeps the parameters the learner confirmed for the account they were read from; every later check of the lab in that account uses them, after a restart too.
 * @param {string} lab
 * @param {string | null} account
 * @param {{ [key in string]: string }} params
 * @returns {Promise<Array<ParamInUse>>}
 */
export function confirmParams(lab, account, params) {
  return tauri().invoke("confirm_params", { lab, account, params });
}

/**
 * Forgets the confirmed parameters of a lab in an account: back to the lab's defaults.
 * @param {string} lab
 * @param {string | null} account
 * @returns {Promise<null>}
 */
export function clearParams(lab, account) {
  return tauri().invoke("clear_params", { lab, account });
}

/**
 * Can traffic go from one end to the other, and which hop stops it (from the lab's last check, or a fresh read of the account).
 * @param {string} lab
 * @param {Question} question
 * @returns {Promise<ReachView>}
 */
export function reach(lab, question) {
  return tauri().invoke("reach", { lab, question });
}

/**
 * The ends a path question of the lab can name.
 * @param {string} lab
 * @returns {Promise<Array<EndpointChoice>>}
 */
export function reachEndpoints(lab) {
  return tauri().invoke("reach_endpoints", { lab });
}

/**
 * The topology picture of a lab's last check beside its target.
 * @param {string} lab
 * @returns {Promise<TopologyView>}
 */
export function topology(lab) {
  return tauri().invoke("topology", { lab });
}

/**
 * The lesson library by topic.
 * @returns {Promise<Array<TopicGroup>>}
 */
export function lessonsTree() {
  return tauri().invoke("lessons_tree", {  });
}

/**
 * One lesson page.
 * @param {string} id
 * @returns {Promise<LessonView>}
 */
export function lessonPage(id) {
  return tauri().invoke("lesson_page", { id });
}

/**
 * Lesson search (Korean and English).
 * @param {string} query
 * @returns {Promise<Array<Hit>>}
 */
export function lessonsSearch(query) {
  return tauri().invoke("lessons_search", { query });
}

/**
 * Records a quiz answer; says whether the progress store kept it.
 * @param {string} lesson
 * @param {string} question
 * @param {boolean} correct
 * @returns {Promise<StoreStatus>}
 */
export function recordQuizAnswer(lesson, question, correct) {
  return tauri().invoke("record_quiz_answer", { lesson, question, correct });
}

/**
 * Whether progress is being saved, and why not.
 * @returns {Promise<StoreStatus>}
 */
export function progressStatus() {
  return tauri().invoke("progress_status", {  });
}

/**
 * The live cost meter and teardown plan.
 * @returns {Promise<CostReport>}
 */
export function costReport() {
  return tauri().invoke("cost_report", {  });
}

/**
 * The practice sandbox: running or not, and how to aim the AWS CLI at it.
 * @returns {Promise<PracticeView>}
 */
export function practiceStatus() {
  return tauri().invoke("practice_status", {  });
}

/**
 * Starts the practice sandbox (installing it on first use), telling each stage on `progress`.
 * @param {(message: PracticeProgress) => void} progress
 * @returns {Promise<PracticeView>}
 */
export function practiceStart(progress) {
  const channel = new (tauri().Channel)();
  channel.onmessage = progress;
  return tauri().invoke("practice_start", { progress: channel });
}

/**
 * Stops the practice sandbox.
 * @returns {Promise<PracticeView>}
 */
export function practiceStop() {
  return tauri().invoke("practice_stop", {  });
}

/**
 * The window's first paint (milliseconds since start), for the start-up benchmark.
 * @returns {Promise<number>}
 */
export function firstPaint() {
  return tauri().invoke("first_paint", {  });
}

/**
 * The Class view's starting point.
 * @returns {Promise<ClassInfo>}
 */
export function classInfo() {
  return tauri().invoke("class_info", {  });
}

/**
 * Loads and validates a roster.
 * @param {string} path
 * @returns {Promise<RosterView>}
 */
export function classRoster(path) {
  return tauri().invoke("class_roster", { path });
}

/**
 * Checks a lab in every team's account, telling each team's end on `on_progress`.
 * @param {string} roster
 * @param {string} lab
 * @param {ClassCheckOptions} options
 * @param {(message: ClassProgress) => void} onProgress
 * @returns {Promise<ClassMatrixView>}
 */
export function classCheck(roster, lab, options, onProgress) {
  const channel = new (tauri().Channel)();
  channel.onmessage = onProgress;
  return tauri().invoke("class_check", { roster, lab, options, onProgress: channel });
}

/**
 * One team of the last class check.
 * @param {string} team
 * @returns {Promise<TeamDetailView>}
 */
export function classTeam(team) {
  return tauri().invoke("class_team", { team });
}

/**
 * Writes the last class matrix as CSV or JSON.
 * @param {string} format
 * @param {string} path
 * @returns {Promise<ClassExport>}
 */
export function classExport(format, path) {
  return tauri().invoke("class_export", { format, path });
}
