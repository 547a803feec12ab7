//! The files generated from the command declaration (`list.rs`) are current: the capability
//! (`capabilities/main.json`, written by `build.rs`), the window's types (`ui/app/gen/bindings.d.ts`, from `ts-rs`) and
//! its typed command functions (`ui/app/gen/commands.js`). `SANDPIT_BLESS=1` rewrites them
//! (`make bindings`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{NAMES, signatures};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Compares `generated` with the file at `path` (relative to the workspace), writing it first
/// under `SANDPIT_BLESS`.
fn assert_current(path: &str, generated: &str) {
    let file = root().join(path);
    if std::env::var_os("SANDPIT_BLESS").is_some() {
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("create the folder");
        std::fs::write(&file, generated).unwrap_or_else(|e| panic!("write {path}: {e}"));
    }
    let shipped = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        shipped == generated,
        "{path} is stale: regenerate it with `make bindings` (SANDPIT_BLESS=1 cargo test --workspace --lib commands::)"
    );
}

fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

const HEADER: &str = "Generated from src-tauri/src/commands/list.rs and the Rust types it names (ts-rs): do not\n// edit; `make bindings` regenerates it.";

/// Every type the commands use, as TypeScript declarations.
pub(crate) fn bindings_d_ts() -> String {
    let mut all = std::collections::BTreeMap::new();
    for sig in signatures() {
        all.extend(sig.declarations);
    }
    let mut out = format!("// {HEADER}\n");
    for decl in all.values() {
        out.push_str("\nexport ");
        out.push_str(decl.trim());
        out.push('\n');
    }
    out
}

/// One typed function per command, calling Tauri's `invoke` (arguments in camelCase, as Tauri
/// expects them); a progress channel becomes a callback.
pub(crate) fn commands_js() -> String {
    let sigs = signatures();
    let mut types: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for sig in &sigs {
        types.extend(sig.declarations.keys().cloned());
    }
    let mut out = format!("// {HEADER}\n// @ts-check\n\n");
    for t in &types {
        let _ = writeln!(out, "/** @typedef {{import(\"./bindings\").{t}}} {t} */");
    }
    out.push_str(
        "\n/** @returns {{ invoke: (cmd: string, args?: object) => Promise<any>, Channel: any }} */\n\
         function tauri() {\n  \
           // @ts-ignore: the global Tauri bridge (withGlobalTauri)\n  \
           const core = window.__TAURI__ && window.__TAURI__.core;\n  \
           if (!core) throw new Error(\"The Tauri bridge is missing: open Sandpit with `make run`.\");\n  \
           return core;\n\
         }\n",
    );
    for sig in &sigs {
        let mut params: Vec<String> = sig.args.iter().map(|(n, _)| camel(n)).collect();
        let _ = write!(out, "\n/**\n * {}\n", sig.doc);
        for (n, t) in &sig.args {
            let _ = writeln!(out, " * @param {{{t}}} {}", camel(n));
        }
        if let Some((n, t)) = &sig.channel {
            let _ = writeln!(out, " * @param {{(message: {t}) => void}} {}", camel(n));
            params.push(camel(n));
        }
        let _ = writeln!(out, " * @returns {{Promise<{}>}}\n */", sig.answer);
        let _ = writeln!(out, "export function {}({}) {{", camel(sig.name), params.join(", "));
        let mut keys: Vec<String> = sig.args.iter().map(|(n, _)| camel(n)).collect();
        if let Some((n, _)) = &sig.channel {
            let name = camel(n);
            let _ =
                writeln!(out, "  const channel = new (tauri().Channel)();\n  channel.onmessage = {name};");
            keys.push(format!("{name}: channel"));
        }
        let _ = writeln!(out, "  return tauri().invoke(\"{}\", {{ {} }});\n}}", sig.name, keys.join(", "));
    }
    out
}

#[test]
fn the_capability_grants_exactly_the_declared_commands() {
    // build.rs writes it from list.rs; what ships must be what it wrote.
    let text =
        std::fs::read_to_string(root().join("src-tauri/capabilities/main.json")).expect("the capability");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let granted: Vec<&str> =
        json["permissions"].as_array().expect("a list").iter().filter_map(|p| p.as_str()).collect();
    let declared: Vec<String> = NAMES.iter().map(|n| format!("allow-{}", n.replace('_', "-"))).collect();
    assert_eq!(granted, declared);
    assert_eq!(json["windows"], serde_json::json!(["main"]));
}

#[test]
fn the_windows_bindings_are_generated_from_the_rust_types() {
    assert_current("ui/app/gen/bindings.d.ts", &bindings_d_ts());
    assert_current("ui/app/gen/commands.js", &commands_js());
}

#[test]
fn tauris_permission_manifest_lists_the_same_commands() {
    // build.rs includes list.rs and hands its names to tauri-build; it also passes them here.
    let built: Vec<&str> = env!("SANDPIT_DESKTOP_COMMANDS").split(',').collect();
    assert_eq!(built, NAMES);
}

#[test]
fn the_window_calls_commands_only_through_the_generated_functions() {
    fn scripts(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("ui/app") {
            let path = entry.expect("entry").path();
            if path.is_dir() && !path.ends_with("gen") {
                scripts(&path, out);
            } else if path.extension().is_some_and(|e| e == "js") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    scripts(&root().join("ui/app"), &mut files);
    assert!(files.len() > 3, "the window's modules");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        assert!(
            !text.contains("invoke(") && !text.contains("__TAURI__"),
            "{} calls Tauri directly: use ui/app/gen/commands.js",
            file.display()
        );
    }
}

#[test]
fn a_declared_command_is_a_typed_function_of_the_window() {
    let js = commands_js();
    assert!(js.contains("export function checkLab(lab, steps) {"), "{js}");
    assert!(js.contains(" * @param {Array<string>} steps\n"), "{js}");
    assert!(js.contains(" * @returns {Promise<ReportView>}\n"), "{js}");
    assert!(js.contains("onProgress: channel"), "a channel is a callback: {js}");
    let dts = bindings_d_ts();
    assert!(dts.contains("export type ReportView = "), "{dts}");
    assert!(dts.contains("export type LabStatus = "), "nested types are declared: {dts}");
}

#[test]
fn every_element_id_of_the_window_is_unique() {
    // The views find their elements by id (`$("#reach-form")`): a second element of the same id
    // is never wired up and shows a dead form.
    let html = std::fs::read_to_string(root().join("ui/app/index.html")).expect("ui/app/index.html");
    let mut seen = std::collections::BTreeSet::new();
    for id in html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()) {
        assert!(seen.insert(id.to_owned()), "ui/app/index.html: id \"{id}\" appears more than once");
    }
    assert!(seen.contains("reach-form") && seen.contains("topology-body"), "{seen:?}");
}

/// The symbols the window may show besides ASCII and Hangul. Each is in Noto Sans CJK KR, the one
/// font `make` installs for the window (a minimal Debian has no other, and no emoji font), as
/// `fc-list ":charset=<hex>" family` says; anything else would draw as an empty box there.
const WINDOW_SYMBOLS: &str = "·×ã–—…※₩←→↗⊘ⓘ▶★⚠✓";

#[test]
fn the_window_shows_no_symbol_its_font_lacks() {
    let mut files: Vec<PathBuf> = ["ui/app/index.html", "ui/app/app.css", "ui/static/lesson.css"]
        .iter()
        .map(|f| root().join(f))
        .collect();
    for dir in ["ui/app", "ui/app/views"] {
        for entry in std::fs::read_dir(root().join(dir)).expect("ui/app") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "js") {
                files.push(path);
            }
        }
    }
    for lang in ["ko", "en"] {
        for area in ["common", "desktop", "topology"] {
            files.push(root().join(format!("crates/sandpit-core/messages/{lang}/{area}.ftl")));
        }
    }
    let hangul = |c: char| ('\u{AC00}'..='\u{D7A3}').contains(&c) || ('\u{3130}'..='\u{318F}').contains(&c);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let lacking: std::collections::BTreeSet<char> =
            text.chars().filter(|&c| !c.is_ascii() && !hangul(c) && !WINDOW_SYMBOLS.contains(c)).collect();
        assert!(
            lacking.is_empty(),
            "{} shows {lacking:?}, which Noto Sans CJK KR lacks (an emoji is an empty box without an emoji font): \
             use one of {WINDOW_SYMBOLS}",
            file.display()
        );
    }
}
