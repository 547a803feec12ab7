//! The `sandpit-desktop` binary: starts the Tauri app (all of it lives in the library).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    sandpit_desktop::run();
}
