//! Tauri's build step: reads tauri.conf.json, embeds the frontend, and declares the app's own
//! commands so that each one is a permission (`allow-<command>`) a capability must grant: the
//! window can call these and nothing else.

/// Every command the UI may call (keep in sync with `invoke_handler!` in src/lib.rs).
const COMMANDS: &[&str] = &[
    "app_info",
    "save_settings",
    "whoami",
    "budget_status",
    "budget_ensure",
    "labs_list",
    "lab_detail",
    "check_lab",
    "topology",
    "lessons_tree",
    "lesson_page",
    "lessons_search",
    "record_lesson_opened",
    "record_quiz_answer",
    "cost_report",
    "practice_start",
    "first_paint",
    "progress_status",
    "class_info",
    "class_roster",
    "class_check",
    "class_team",
    "class_export",
    "reach",
    "reach_endpoints",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
