//! Sandpit's desktop app: a thin Tauri 2 shell. The window (`ui/app/`, plain HTML/CSS and
//! JavaScript modules, no bundler, no remote content) calls the commands declared once in
//! `commands/list.rs`; each is a short adapter in [`handlers`] onto the library crates the
//! `sandpit` CLI uses, so both always agree.

pub mod bench;
mod commands;
pub mod error;
pub mod handlers;
pub mod progress;
pub mod settings;

pub use error::UiError;
pub use handlers::AppState;

/// Starts the app. A broken settings file still opens the window, with the defaults, and the
/// problem printed (the Settings screen rewrites the file). A practice sandbox the window
/// started is stopped when the app ends: nothing keeps running unseen.
pub fn run() {
    let state = match AppState::new(None, None) {
        Ok(state) => state,
        Err(err) => {
            eprintln!("warning: {err}; starting with default settings");
            let dir = std::env::temp_dir().join("sandpit-desktop-fallback");
            AppState::new(Some(dir), None).expect("default settings in an empty directory")
        }
    };
    let app = tauri::Builder::default()
        .manage(state)
        .invoke_handler(commands::invoke_handler())
        .build(tauri::generate_context!())
        .expect("error while building the Sandpit desktop app");
    exit_on_signals(app.handle().clone());
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            use tauri::Manager as _;
            handlers::on_exit(&app.state::<AppState>());
        }
    });
}

/// A logout, `kill` or Ctrl-C ends the app the way closing its window does, so what runs at exit
/// (stopping the practice sandbox) runs then too.
fn exit_on_signals(app: tauri::AppHandle) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    match signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) {
        Ok(mut signals) => {
            std::thread::spawn(move || {
                if signals.forever().next().is_some() {
                    app.exit(0);
                }
            });
        }
        Err(err) => eprintln!("warning: cannot watch for termination signals: {err}"),
    }
}
