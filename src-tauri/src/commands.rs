//! The Tauri commands: one line each onto [`crate::handlers`]. Async, so long operations (AWS
//! calls) run on the runtime and the window never freezes.

use tauri::State;

use crate::error::UiError;
use crate::handlers::{self as h, AppState};
use crate::settings::Settings;

type Res<T> = Result<T, UiError>;

#[tauri::command]
pub(crate) async fn app_info(state: State<'_, AppState>) -> Res<h::AppInfo> {
    Ok(h::app_info(&state))
}

#[tauri::command]
pub(crate) async fn save_settings(state: State<'_, AppState>, settings: Settings) -> Res<h::AppInfo> {
    h::save_settings(&state, settings)
}

#[tauri::command]
pub(crate) async fn whoami(state: State<'_, AppState>) -> Res<h::WhoamiView> {
    h::whoami(&state).await
}

#[tauri::command]
pub(crate) async fn budget_status(state: State<'_, AppState>) -> Res<sandpit_core::budget::GuardStatus> {
    h::budget_status(&state).await
}

#[tauri::command]
pub(crate) async fn budget_ensure(
    state: State<'_, AppState>,
    limit: f64,
    email: String,
) -> Res<sandpit_core::budget::GuardStatus> {
    h::budget_ensure(&state, limit, email).await
}

#[tauri::command]
pub(crate) async fn labs_list(state: State<'_, AppState>) -> Res<Vec<h::LabListItem>> {
    h::labs_list(&state)
}

#[tauri::command]
pub(crate) async fn lab_detail(state: State<'_, AppState>, lab: String) -> Res<h::LabDetail> {
    h::lab_detail(&state, &lab)
}

#[tauri::command]
pub(crate) async fn check_lab(
    state: State<'_, AppState>,
    lab: String,
    steps: Vec<String>,
) -> Res<h::ReportView> {
    h::check_lab(&state, &lab, steps).await
}

#[tauri::command]
pub(crate) async fn topology(state: State<'_, AppState>, lab: String) -> Res<h::TopologyView> {
    h::topology(&state, &lab)
}

#[tauri::command]
pub(crate) async fn lessons_tree(state: State<'_, AppState>) -> Res<Vec<h::TopicGroup>> {
    h::lessons_tree(&state)
}

#[tauri::command]
pub(crate) async fn lesson_page(state: State<'_, AppState>, id: String) -> Res<h::LessonView> {
    h::lesson_page(&state, &id).await
}

#[tauri::command]
pub(crate) async fn lessons_search(
    state: State<'_, AppState>,
    query: String,
) -> Res<Vec<sandpit_lessons::Hit>> {
    h::lessons_search(&state, &query)
}

#[tauri::command]
pub(crate) async fn record_lesson_opened(state: State<'_, AppState>, id: String) -> Res<()> {
    // Opening through `lesson_page` records already; this is for pages shown from a cache.
    h::lesson_page(&state, &id).await.map(|_| ())
}

#[tauri::command]
pub(crate) async fn record_quiz_answer(
    state: State<'_, AppState>,
    lesson: String,
    question: String,
    correct: bool,
) -> Res<crate::progress::StoreStatus> {
    Ok(h::record_quiz_answer(&state, &lesson, &question, correct).await)
}

#[tauri::command]
pub(crate) async fn progress_status(state: State<'_, AppState>) -> Res<crate::progress::StoreStatus> {
    Ok(h::progress_status(&state).await)
}

#[tauri::command]
pub(crate) async fn cost_report(state: State<'_, AppState>) -> Res<serde_json::Value> {
    h::cost_report(&state).await
}

#[tauri::command]
pub(crate) async fn practice_start(state: State<'_, AppState>) -> Res<String> {
    h::practice_start(&state)
}

#[tauri::command]
pub(crate) async fn first_paint(state: State<'_, AppState>) -> Res<u64> {
    let ms = h::first_paint(&state);
    crate::bench::first_paint(ms);
    Ok(ms)
}

#[tauri::command]
pub(crate) async fn class_info(state: State<'_, AppState>) -> Res<h::ClassInfo> {
    Ok(h::class_info(&state))
}

#[tauri::command]
pub(crate) async fn class_roster(state: State<'_, AppState>, path: String) -> Res<h::RosterView> {
    h::class_roster(&state, &path)
}

/// Sends each team's progress on `on_progress` as it finishes ("checking 3/30").
#[tauri::command]
pub(crate) async fn class_check(
    state: State<'_, AppState>,
    roster: String,
    lab: String,
    options: h::ClassCheckOptions,
    on_progress: tauri::ipc::Channel<h::ClassProgress>,
) -> Res<h::ClassMatrixView> {
    h::class_check(&state, &roster, &lab, &options, |p| {
        // A window that went away no longer needs to hear of progress.
        let _ = on_progress.send(p);
    })
    .await
}

#[tauri::command]
pub(crate) async fn class_team(state: State<'_, AppState>, team: String) -> Res<h::TeamDetailView> {
    h::class_team(&state, &team)
}

#[tauri::command]
pub(crate) async fn class_export(
    state: State<'_, AppState>,
    format: String,
    path: String,
) -> Res<h::ClassExport> {
    h::class_export(&state, &format, &path)
}

#[tauri::command]
pub(crate) async fn reach(
    state: State<'_, AppState>,
    lab: String,
    question: sandpit_core::reach::Question,
) -> Res<h::ReachView> {
    h::reach_question(&state, &lab, question).await
}

#[tauri::command]
pub(crate) async fn reach_endpoints(
    state: State<'_, AppState>,
    lab: String,
) -> Res<Vec<sandpit_core::reach::EndpointChoice>> {
    h::reach_endpoints(&state, &lab)
}
