//! Sandpit's desktop app: a thin Tauri 2 shell. The window (`ui/app/`, plain HTML/CSS/JS, no
//! bundler, no remote content) calls the commands in [`commands`]; each is a short adapter in
//! [`handlers`] onto the library crates the `sandpit` CLI uses, so both always agree.

pub mod bench;
mod commands;
pub mod error;
pub mod features;
pub mod handlers;
pub mod progress;
pub mod settings;

pub use error::UiError;
pub use handlers::AppState;

/// Starts the app. A broken settings file still opens the window, with the defaults, and the
/// problem printed (the Settings screen rewrites the file).
pub fn run() {
    let state = match AppState::new(None, None) {
        Ok(state) => state,
        Err(err) => {
            eprintln!("warning: {err}; starting with default settings");
            let dir = std::env::temp_dir().join("sandpit-desktop-fallback");
            AppState::new(Some(dir), None).expect("default settings in an empty directory")
        }
    };
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::save_settings,
            commands::whoami,
            commands::budget_status,
            commands::budget_ensure,
            commands::labs_list,
            commands::lab_detail,
            commands::check_lab,
            commands::topology,
            commands::lessons_tree,
            commands::lesson_page,
            commands::lessons_search,
            commands::record_lesson_opened,
            commands::record_quiz_answer,
            commands::progress_status,
            commands::cost_report,
            commands::practice_start,
            commands::first_paint,
            commands::class_info,
            commands::class_roster,
            commands::class_check,
            commands::class_team,
            commands::class_export,
            commands::reach,
            commands::reach_endpoints,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the Sandpit desktop app");
}
