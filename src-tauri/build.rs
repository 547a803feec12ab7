//! Tauri's build step: reads tauri.conf.json, embeds the frontend, and declares the app's own
//! commands so that each one is a permission (`allow-<command>`) a capability must grant: the
//! window can call these and nothing else. The names come from the one declaration of the
//! commands, `src/commands/list.rs`, read here through a macro that keeps only the names, and
//! the main window's capability (`capabilities/main.json`, granting exactly those) is written
//! from them when it differs.

macro_rules! desktop_commands {
    ($( $(#[doc = $doc:literal])* fn $name:ident $args:tt -> $ret:ty $body:block )*) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}

include!("src/commands/list.rs");

/// The main window's capability: Sandpit's own commands, nothing else.
fn capability() -> String {
    let permissions: Vec<String> =
        COMMANDS.iter().map(|n| format!("allow-{}", n.replace('_', "-"))).collect();
    let value = serde_json::json!({
        "$schema": "../gen/schemas/desktop-schema.json",
        "identifier": "main",
        "description": "What the Sandpit window may call: Sandpit's own commands, nothing else (no file system, shell or HTTP plugins). Written by build.rs from src/commands/list.rs.",
        "windows": ["main"],
        "permissions": permissions,
    });
    serde_json::to_string_pretty(&value).expect("JSON") + "\n"
}

fn main() {
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    let path = std::path::Path::new("capabilities/main.json");
    let capability = capability();
    if std::fs::read_to_string(path).ok().as_deref() != Some(capability.as_str()) {
        std::fs::write(path, capability).expect("write capabilities/main.json");
    }
    // The crate's tests compare this list with the invoke handler's.
    println!("cargo:rustc-env=SANDPIT_DESKTOP_COMMANDS={}", COMMANDS.join(","));
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
