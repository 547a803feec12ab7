use std::path::{Path, PathBuf};

use super::*;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the workspace")
}

#[test]
fn korean_and_english_have_the_same_messages_with_the_same_variables() {
    let (ko, en) = (entries(Lang::Ko), entries(Lang::En));
    let only = |a: &BTreeMap<String, Entry>, b: &BTreeMap<String, Entry>| -> Vec<String> {
        a.keys().filter(|k| !b.contains_key(*k)).cloned().collect()
    };
    assert_eq!(only(&ko, &en), Vec::<String>::new(), "in Korean only");
    assert_eq!(only(&en, &ko), Vec::<String>::new(), "in English only");
    for (id, k) in &ko {
        let e = &en[id];
        assert_eq!(k.variables, e.variables, "{id}: the languages use different variables");
        assert_eq!(k.area, e.area, "{id}: in different files");
    }
    assert!(ko.len() > 10, "the catalogue loaded");
}

/// English words a Korean message must keep because the reader meets them in English on
/// screen: the subject and button of AWS's confirmation e-mail, a policy's JSON, a flag's value,
/// a tag key, a status as AWS reports it. Each is allowed in its one message only.
const ENGLISH_ON_SCREEN: &[(&str, &[&str])] = &[
    (
        "alert-topic-subscription-still-waits-confirmation-hint",
        &["Notification", "Subscription", "Confirmation", "Confirm", "subscription"],
    ),
    ("iam-permission-boundary-s-boundary-allows-nothing-hint", &["Action", "iam"]),
    ("target-group-takes-targets-auto-scaling-hint", &["instance"]),
    ("vpc-no-name-tag-naming", &["Name"]),
    ("topology-peering-not-active", &["active"]),
];

#[test]
fn no_korean_message_is_english() {
    let allowed =
        |id: &str, word: &str| ENGLISH_ON_SCREEN.iter().any(|(i, words)| *i == id && words.contains(&word));
    let english: Vec<String> = entries(Lang::Ko)
        .into_iter()
        .map(|(id, entry)| (id, entry.simple.unwrap_or_default()))
        .filter(|(id, text)| crate::english_words(text).iter().any(|w| !allowed(id, w)))
        .map(|(id, text)| format!("{id} = {text}  {:?}", crate::english_words(&text)))
        .collect();
    assert!(english.is_empty(), "Korean messages with English words:\n{}", english.join("\n"));
}

#[test]
fn variables_are_filled_in_and_no_isolation_marks_are_added() {
    assert_eq!(text(Lang::Ko, "lab-status-pass", &[]), "통과");
    assert_eq!(text(Lang::En, "lab-status-partial", &[]), "partly checked");
    let both = crate::msg!("snapshot-written", path = "snap.json", kinds = 3usize);
    assert_eq!(both.en, "snapshot written to snap.json (3 resource kinds read)");
    assert!(both.ko.contains("snap.json") && both.ko.contains("3개"), "{}", both.ko);
    assert!(!both.ko.contains('\u{2068}') && !both.en.contains('\u{2069}'));
    assert_eq!(text(Lang::En, "no-such-message", &[]), "no-such-message");
}

/// Files whose text may name message ids.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if path.is_dir() {
            if !["target", "node_modules", ".git", "messages", "gen"].contains(&name) {
                sources(&path, out);
            }
        } else if ["rs", "js", "html"].iter().any(|e| name.ends_with(&format!(".{e}")))
            && name != "messages.js"
        {
            out.push(path);
        }
    }
}

#[test]
fn every_message_is_used() {
    let root = workspace();
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri/src", "ui"] {
        sources(&root.join(dir), &mut files);
    }
    let text: String = files.iter().map(|f| std::fs::read_to_string(f).unwrap_or_default()).collect();
    let unused: Vec<String> = entries(Lang::En)
        .into_keys()
        .filter(|id| !text.contains(&format!("\"{id}\"")) && !text.contains(&format!("'{id}'")))
        .collect();
    assert_eq!(unused, Vec::<String>::new(), "messages nothing names (remove them, or use them)");
}

#[test]
fn the_windows_copy_is_generated_from_the_catalogue() {
    let path = workspace().join("ui/app/messages.js");
    let generated = window_messages_js();
    if std::env::var_os("SANDPIT_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write ui/app/messages.js");
    }
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        shipped == generated,
        "ui/app/messages.js is stale: regenerate it with `make messages` (SANDPIT_BLESS=1 cargo test --workspace --lib msg::)"
    );
}

/// Rust sources under `dir`, with whether each is test code as a whole (a `tests.rs`, or a file
/// under a `tests/` folder).
fn rust_sources(dir: &Path, out: &mut Vec<(PathBuf, bool)>, in_tests: bool) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if path.is_dir() {
            if !["target", "snapshots"].contains(&name.as_str()) {
                rust_sources(&path, out, in_tests || name == "tests");
            }
        } else if name.ends_with(".rs") {
            out.push((path, in_tests || name == "tests.rs"));
        }
    }
}

/// A source's code before its `#[cfg(test)] mod …` (test modules sit at the end of a file).
fn outside_tests(text: &str) -> &str {
    let mut at = 0;
    while let Some(i) = text[at..].find("#[cfg(test)]") {
        let start = at + i;
        let rest = text[start + "#[cfg(test)]".len()..].trim_start();
        if rest.starts_with("mod ") {
            return &text[..start];
        }
        at = start + 1;
    }
    text
}

#[test]
fn sentences_come_from_the_catalogue() {
    let root = workspace();
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri/src"] {
        rust_sources(&root.join(dir), &mut files, false);
    }
    // Spelled in pieces so that this file does not find itself.
    let macro_call = format!("{}{}", "l10n", "!(");
    let literal = format!("{}{}", "Localized::new(", "\"");
    let found: Vec<String> = files
        .iter()
        .filter(|(_, tests)| !tests)
        .flat_map(|(path, _)| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let code = outside_tests(&text).to_owned();
            let shown = path.strip_prefix(&root).unwrap_or(path).display().to_string();
            code.lines()
                .enumerate()
                .filter(|(_, line)| {
                    let line = line.trim_start();
                    !line.starts_with("//") && (line.contains(&macro_call) || line.contains(&literal))
                })
                .map(|(n, line)| format!("{shown}:{}: {}", n + 1, line.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        found.is_empty(),
        "sentences written in the code: put them in messages/<lang>/*.ftl and use msg!:\n{}",
        found.join("\n")
    );
    assert!(files.len() > 50, "the sources were found");
}

/// Files whose code may hold Korean string literals. Korean DATA, not messages:
const KOREAN_DATA: &[&str] = &[
    // The particles and endings the lesson search strips from Korean words (`키를` → `키`).
    "crates/sandpit-lessons/src/search/analyze.rs",
];

/// The string literals of Rust `code` (comments skipped), with the line each starts on.
fn string_literals(code: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = code.chars().collect();
    let (mut i, mut line, mut found) = (0, 1, Vec::new());
    let at = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c));
    while i < chars.len() {
        let c = chars[i];
        let after_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '\n' {
            line += 1;
            i += 1;
        } else if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            while i < chars.len() && !at(i, "*/") {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if (c == 'r' || at(i, "br")) && !after_word && {
            let start = if c == 'r' { i + 1 } else { i + 2 };
            let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
            chars.get(start + hashes) == Some(&'"')
        } {
            let start = if c == 'r' { i + 1 } else { i + 2 };
            let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let mut j = start + hashes + 1;
            while j < chars.len() && !at(j, &close) {
                j += 1;
            }
            let text: String = chars[start + hashes + 1..j.min(chars.len())].iter().collect();
            found.push((line, text.clone()));
            line += text.matches('\n').count();
            i = j + close.chars().count();
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            let text: String = chars[i + 1..j.min(chars.len())].iter().collect();
            found.push((line, text.clone()));
            line += text.matches('\n').count();
            i = j + 1;
        } else if c == '\'' {
            // A char literal ('"', '\'', 'x') is skipped whole; a lifetime is one tick.
            let len = if chars.get(i + 1) == Some(&'\\') {
                chars[i + 2..].iter().position(|&q| q == '\'').map_or(1, |p| p + 3)
            } else if chars.get(i + 2) == Some(&'\'') {
                3
            } else {
                1
            };
            i += len;
        } else {
            i += 1;
        }
    }
    found
}

fn hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// Korean string literals in `code` outside test modules, as `file:line: literal`.
fn korean_literals(shown: &str, text: &str) -> Vec<String> {
    string_literals(outside_tests(text))
        .into_iter()
        .filter(|(_, s)| hangul(s))
        .map(|(line, s)| format!("{shown}:{line}: \"{s}\""))
        .collect()
}

#[test]
fn no_korean_sentence_is_written_in_the_code() {
    let root = workspace();
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri/src"] {
        rust_sources(&root.join(dir), &mut files, false);
    }
    let mut found = Vec::new();
    let mut seen = Vec::new();
    for (path, tests) in &files {
        let shown = path.strip_prefix(&root).unwrap_or(path).display().to_string();
        let in_src = shown.starts_with("src-tauri/src/") || shown.split('/').nth(2) == Some("src");
        if *tests || !in_src {
            continue;
        }
        seen.push(shown.clone());
        if !KOREAN_DATA.contains(&shown.as_str()) {
            found.extend(korean_literals(&shown, &std::fs::read_to_string(path).unwrap_or_default()));
        }
    }
    assert!(
        found.is_empty(),
        "Korean written in the code: put the sentence in messages/<lang>/*.ftl and use msg! (or, for Korean data that is no message, list the file in KOREAN_DATA):\n{}",
        found.join("\n")
    );
    let stale: Vec<&&str> = KOREAN_DATA.iter().filter(|f| !seen.iter().any(|s| s == **f)).collect();
    assert!(stale.is_empty(), "allowed files that are not there: {stale:?}");
}

#[test]
fn the_korean_scan_finds_literals_and_skips_comments_chars_and_tests() {
    let code = concat!(
        "// 주석은 괜찮습니다\n",
        "/* 블록 주석 */ fn a() -> (char, &'static str) { ('\"', \"plain\") }\n",
        "fn b() -> &'static str { \"escaped \\\" 안녕\" }\n",
        "fn c() -> &'static str { r#\"raw \"따옴표\"\"# }\n",
        "#[cfg(test)]\nmod tests { const T: &str = \"테스트\"; }\n",
    );
    let found = korean_literals("x.rs", code);
    assert_eq!(found, vec!["x.rs:3: \"escaped \\\" 안녕\"", "x.rs:4: \"raw \"따옴표\"\""]);
}

#[test]
fn the_source_scan_sees_code_and_skips_test_modules() {
    let code = "fn a() {}\n#[cfg(test)]\nmod tests {\n    fn b() {}\n}\n";
    assert_eq!(outside_tests(code), "fn a() {}\n");
    let attribute_only = "#[cfg(test)]\nfn helper() {}\nfn c() {}\n";
    assert_eq!(outside_tests(attribute_only), attribute_only);
}
