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
    lighter_webkit();
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
    use tauri::Manager as _;
    for window in app.webview_windows().values() {
        tune_webview(window);
    }
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            use tauri::Manager as _;
            handlers::on_exit(&app.state::<AppState>());
        }
    });
}

/// `SANDPIT_WEBKIT_DEFAULTS=1` keeps WebKitGTK's own settings instead of [`lighter_webkit`]'s, so
/// `make bench-desktop` can show the difference.
fn webkit_defaults_requested() -> bool {
    std::env::var_os("SANDPIT_WEBKIT_DEFAULTS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The value to give `WEBKIT_DISABLE_COMPOSITING_MODE`, if any: Sandpit's pages are documents, and
/// WebKitGTK's GPU compositing held about 100 MiB more in its web process (README, Performance);
/// a value the user set, even `0`, is theirs to keep.
fn compositing_setting(current: Option<&std::ffi::OsStr>, defaults_requested: bool) -> Option<&'static str> {
    (current.is_none() && !defaults_requested).then_some("1")
}

/// Before WebKit starts (it reads its environment once, when the first web process is made):
/// pages drawn without GPU compositing. Must run before any other thread exists: the variable is
/// set in the process environment, which other threads could be reading.
fn lighter_webkit() {
    #[cfg(target_os = "linux")]
    if let Some(value) = compositing_setting(
        std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").as_deref(),
        webkit_defaults_requested(),
    ) && let Err(err) = webkit2gtk::glib::setenv("WEBKIT_DISABLE_COMPOSITING_MODE", value, false)
    {
        eprintln!("warning: cannot set WEBKIT_DISABLE_COMPOSITING_MODE: {err}");
    }
}

/// WebKitGTK sizes its memory cache for a web browser visiting many sites; Sandpit shows its own
/// few local pages, the document viewer's model (the smallest caches) fits it.
fn tune_webview(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        if webkit_defaults_requested() {
            return;
        }
        let result = window.with_webview(|webview| {
            use webkit2gtk::{WebContextExt as _, WebViewExt as _};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(webkit2gtk::CacheModel::DocumentViewer);
            }
        });
        if let Err(err) = result {
            eprintln!("warning: cannot tune the window's WebKit settings: {err}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
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

#[cfg(test)]
mod tests {
    use super::compositing_setting;
    use std::ffi::OsStr;

    #[test]
    fn compositing_is_turned_off_unless_the_user_or_the_benchmark_decided() {
        assert_eq!(compositing_setting(None, false), Some("1"));
        assert_eq!(compositing_setting(Some(OsStr::new("0")), false), None, "the user's 0 is kept");
        assert_eq!(compositing_setting(Some(OsStr::new("1")), false), None);
        assert_eq!(compositing_setting(None, true), None, "SANDPIT_WEBKIT_DEFAULTS keeps WebKit's own");
    }
}
