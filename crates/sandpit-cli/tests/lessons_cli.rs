//! `sandpit lessons …` and `sandpit import-notes` through the built binary, with a private data
//! directory: the JSON shapes scripts rely on, the exit codes, and an import read back.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A data directory of its own, removed at the end of the test.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("sandpit-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn sandpit(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sandpit"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("SANDPIT_DATA_DIR")
        .env_remove("SANDPIT_LANG")
        .env_remove("SANDPIT_LABS_DIR")
        .output()
        .expect("the sandpit binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(output)))
}

fn fixture_vault() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../sandpit-lessons/tests/fixtures/vault")
}

#[test]
fn lessons_list_json_has_the_documented_shape() {
    let data = TempDir::new("lessons-list");
    let list = json(&sandpit(&data.0, &["lessons", "list", "--json"]));
    assert_eq!(list["lang"], "ko");
    let lessons = list["lessons"].as_array().expect("`lessons` is an array");
    assert!(!lessons.is_empty(), "the built-in lessons are listed");
    for lesson in lessons {
        for field in ["id", "title", "source", "path"] {
            assert!(lesson[field].is_string(), "`{field}` in {lesson}");
        }
        for field in ["tags", "labs", "related"] {
            assert!(lesson[field].is_array(), "`{field}` in {lesson}");
        }
        assert_eq!(lesson["source"], "builtin");
        assert_eq!(lesson["lang"], "ko");
        assert!(lesson["order"].is_u64());
    }

    let english = json(&sandpit(&data.0, &["--lang", "en", "lessons", "list", "--json"]));
    assert_eq!(english["lang"], "en");
    assert_eq!(english["lessons"].as_array().unwrap().len(), lessons.len(), "same lessons in both languages");
}

#[test]
fn lessons_search_finds_korean_and_reports_no_hit_as_an_empty_list() {
    let data = TempDir::new("lessons-search");
    let found = json(&sandpit(&data.0, &["lessons", "search", "보안", "--json"]));
    assert_eq!(found["query"], "보안");
    let hits = found["hits"].as_array().unwrap();
    assert!(!hits.is_empty(), "보안 is in the built-in lessons");
    for hit in hits {
        assert!(hit["id"].is_string() && hit["title"].is_string() && hit["score"].is_u64());
        let text = format!("{}{}", hit["title"], hit["snippet_text"]);
        assert!(text.contains("보안"), "{hit}");
    }

    let none = sandpit(&data.0, &["lessons", "search", "zzqx없는말", "--json"]);
    assert_eq!(none.status.code(), Some(0));
    assert_eq!(json(&none)["hits"], serde_json::json!([]));
}

#[test]
fn imported_notes_can_be_listed_searched_and_shown_as_html() {
    let data = TempDir::new("import-notes");
    let vault = fixture_vault();
    let imported = sandpit(&data.0, &["--lang", "en", "import-notes", vault.to_str().unwrap()]);
    assert_eq!(imported.status.code(), Some(0), "{imported:?}");
    let summary = stdout(&imported);
    assert!(summary.contains("Imported 5 notes and 2 images from vault `vault`"), "{summary}");
    // `[[클라우드 컴퓨팅]]` too: its note is only made by the library's own import test.
    assert!(summary.contains("3 unresolved links:"), "{summary}");
    assert!(summary.contains("vault/AWS/VPC 기초:20  [[없는 노트]]"), "{summary}");
    assert!(summary.contains("vault/AWS/VPC 기초:20  ![[없는 그림.png]]"), "{summary}");
    assert!(summary.contains("1 file skipped:") && summary.contains("잘못된 머리말.md"), "{summary}");

    let list = json(&sandpit(&data.0, &["lessons", "list", "--json"]));
    let note = list["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "vault/AWS/VPC 기초")
        .unwrap_or_else(|| panic!("the imported note is listed: {list}"));
    assert_eq!(note["source"], "imported");
    assert_eq!(note["vault"], "vault");

    let found = json(&sandpit(&data.0, &["lessons", "search", "방화벽", "--json"]));
    assert!(found["hits"].as_array().unwrap().iter().any(|h| h["id"] == "vault/AWS/보안 그룹"), "{found}");

    let page = sandpit(&data.0, &["lessons", "show", "vault/AWS/VPC 기초", "--html"]);
    assert_eq!(page.status.code(), Some(0), "{page:?}");
    let html = stdout(&page);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h1 class=\"lesson-title\">VPC 기초</h1>"));
    // A page printed to stand alone names the note a wikilink points to (nothing in a browser
    // can open `sandpit://lesson/…`).
    assert!(html.contains("<span class=\"app-link\">SG</span> (<code>vault/AWS/보안 그룹</code>)"), "{html}");
    assert!(html.contains("<a class=\"wikilink missing\""));

    let text = sandpit(&data.0, &["lessons", "show", "vault/AWS/VPC 기초"]);
    assert_eq!(text.status.code(), Some(0));
    assert!(stdout(&text).starts_with("# VPC 기초\n"));

    // Re-importing gives the same notes, not twice as many.
    assert_eq!(sandpit(&data.0, &["import-notes", vault.to_str().unwrap()]).status.code(), Some(0));
    let again = json(&sandpit(&data.0, &["lessons", "list", "--json"]));
    assert_eq!(again["lessons"].as_array().unwrap().len(), list["lessons"].as_array().unwrap().len());
}

#[test]
fn bad_input_exits_with_code_2() {
    let data = TempDir::new("lessons-bad-input");
    let unknown = sandpit(&data.0, &["lessons", "show", "no-such-lesson"]);
    assert_eq!(unknown.status.code(), Some(2), "{unknown:?}");
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no-such-lesson"));

    let missing = sandpit(&data.0, &["import-notes", data.0.join("nowhere").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2), "{missing:?}");

    let no_markdown = data.0.join("pictures");
    std::fs::create_dir_all(&no_markdown).unwrap();
    std::fs::write(no_markdown.join("a.png"), b"png").unwrap();
    let empty = sandpit(&data.0, &["import-notes", no_markdown.to_str().unwrap()]);
    assert_eq!(empty.status.code(), Some(2), "{empty:?}");
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write_note(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A second "Obsidian Vault" is kept beside the first; `notes list` shows both with
/// their source folders; `notes remove` takes one away explicitly and refuses a name that could
/// mean either (exit 2, naming the candidates).
#[test]
fn vaults_of_the_same_name_are_listed_and_removed_one_by_one() {
    let data = TempDir::new("notes-vaults");
    let (a, b) = (data.0.join("src-a/Obsidian Vault"), data.0.join("src-b/Obsidian Vault"));
    write_note(&a, "VPC.md", "# VPC\n\n쿼카 quokka\n");
    write_note(&b, "S3.md", "# S3\n\n웜뱃 wombat\n");
    let data_dir = data.0.join("data");
    let first = sandpit(&data_dir, &["--lang", "en", "import-notes", a.to_str().unwrap()]);
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    let second = sandpit(&data_dir, &["--lang", "en", "import-notes", b.to_str().unwrap()]);
    assert_eq!(second.status.code(), Some(0), "{second:?}");
    assert!(stdout(&second).contains("kept beside it as `Obsidian Vault (2)`"), "{}", stdout(&second));
    let korean = sandpit(&data_dir, &["import-notes", b.to_str().unwrap()]);
    assert!(stdout(&korean).contains("새로 바꿨습니다"), "{}", stdout(&korean));
    // A re-import replaces; it does not also say the vault was kept beside the other one.
    assert!(!stdout(&korean).contains("따로 두었습니다"), "{}", stdout(&korean));

    let list = json(&sandpit(&data_dir, &["notes", "list", "--json"]));
    let vaults = list["vaults"].as_array().unwrap();
    let keys: Vec<&str> = vaults.iter().map(|v| v["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["Obsidian Vault", "Obsidian Vault (2)"]);
    for v in vaults {
        assert!(v["source"].as_str().unwrap().ends_with("Obsidian Vault"), "{v}");
        assert_eq!(v["notes"], 1);
        assert!(v["imported_at"].is_string());
    }
    let text = stdout(&sandpit(&data_dir, &["--lang", "en", "notes", "list"]));
    assert!(text.contains("Obsidian Vault (2)") && text.contains("1 note"), "{text}");

    let ambiguous = sandpit(&data_dir, &["--lang", "en", "notes", "remove", "obsidian vault"]);
    assert_eq!(ambiguous.status.code(), Some(2), "{ambiguous:?}");
    assert!(stderr(&ambiguous).contains("Obsidian Vault (2) ("), "{}", stderr(&ambiguous));
    let unknown = sandpit(&data_dir, &["notes", "remove", "nope"]);
    assert_eq!(unknown.status.code(), Some(2), "{unknown:?}");
    assert!(stderr(&unknown).contains("Obsidian Vault"), "candidates are listed: {}", stderr(&unknown));

    let removed = sandpit(&data_dir, &["--lang", "en", "notes", "remove", "Obsidian Vault (2)"]);
    assert_eq!(removed.status.code(), Some(0), "{removed:?}");
    assert!(stdout(&removed).contains("The original folder is untouched"), "{}", stdout(&removed));
    assert!(b.join("S3.md").is_file());
    let found = json(&sandpit(&data_dir, &["lessons", "search", "wombat", "--json"]));
    assert_eq!(found["hits"], serde_json::json!([]), "the removed vault is gone from search");
    let found = json(&sandpit(&data_dir, &["lessons", "search", "쿼카", "--json"]));
    assert_eq!(found["hits"][0]["id"], "Obsidian Vault/VPC");
}

/// A note nested 10,000 levels deep neither aborts the import nor any later search
/// or page (it used to overflow the stack, exit 134, from then on for every `lessons search`).
#[test]
fn a_deeply_nested_note_poisons_nothing() {
    let data = TempDir::new("notes-deep");
    let vault = data.0.join("deep");
    write_note(&vault, "list.md", &format!("# list\n\n{}깊다\n", "- ".repeat(10_000)));
    write_note(&vault, "quote.md", &format!("# quote\n\n{}깊다\n", "> ".repeat(10_000)));
    write_note(&vault, "ok.md", "# ok\n\n해파리 방화벽 노트\n");
    write_note(&vault, "brackets.md", &"[a".repeat(160_000));
    write_note(&vault, "huge.md", &"가".repeat(1_000_000));
    let data_dir = data.0.join("data");
    let imported = sandpit(&data_dir, &["import-notes", vault.to_str().unwrap()]);
    assert_eq!(imported.status.code(), Some(0), "{imported:?}");
    // The import says which notes are shown cut short, and why a note was skipped, in Korean.
    let said = stdout(&imported);
    assert!(said.contains("일부만 보여 주는 노트 3개:"), "{said}");
    for note in ["deep/list.md", "deep/quote.md", "deep/brackets.md"] {
        assert!(said.contains(&format!("notes/{note}: ")), "{note}: {said}");
    }
    assert!(said.contains("중첩") && said.contains("닫히지 않은 `[`"), "{said}");
    assert!(said.contains("huge.md: 2 MiB보다 커서(3000000바이트)"), "{said}");
    assert!(!said.contains("larger than"), "{said}");
    for _ in 0..2 {
        // A word no built-in lesson uses, so the note is the first hit.
        let found = json(&sandpit(&data_dir, &["lessons", "search", "해파리", "--json"]));
        assert_eq!(found["hits"][0]["id"], "deep/ok");
    }
    for id in ["deep/list", "deep/quote"] {
        let page = sandpit(&data_dir, &["--lang", "en", "lessons", "show", id, "--html"]);
        assert_eq!(page.status.code(), Some(0), "{page:?}");
        assert!(stdout(&page).contains("levels of nesting exceeded"), "the page says it was cut short");
    }
}

/// `lessons show --html` saved to a file opens in a plain browser: the stylesheet and quiz
/// script are inside it and images are `data:` URIs, not `/static/…` or `sandpit://asset/…`.
#[test]
fn a_page_saved_with_show_html_stands_alone() {
    let data = TempDir::new("notes-standalone");
    let imported = sandpit(&data.0, &["import-notes", fixture_vault().to_str().unwrap()]);
    assert_eq!(imported.status.code(), Some(0), "{imported:?}");
    let page = stdout(&sandpit(&data.0, &["lessons", "show", "vault/AWS/VPC 기초", "--html"]));
    assert!(page.contains("<style>") && page.contains(".lesson-layout"), "styles inline");
    assert!(page.contains("<script>") && page.contains("data-quiz"), "quiz script inline");
    assert!(!page.contains("/static/") && !page.contains("sandpit://asset/"), "{page}");
    assert!(page.contains("src=\"data:image/png;base64,"), "images embedded");
    // Links to other notes name them instead of pointing into the app.
    assert!(!page.contains("sandpit://lesson/") && !page.contains("sandpit://lab/"), "{page}");
    assert!(page.contains("<span class=\"app-link\">SG</span> (<code>vault/AWS/보안 그룹</code>)"), "{page}");
    let lesson = stdout(&sandpit(&data.0, &["lessons", "show", "vpc-igw-nat", "--html"]));
    assert!(!lesson.contains("sandpit://lesson/") && !lesson.contains("sandpit://lab/"), "{lesson}");
    assert!(lesson.contains("<span class=\"app-link\">"), "the built-in lesson links its labs");
}

/// `.txt` notes are taken when they read as Markdown, all of them with `--ext txt`.
#[test]
fn text_notes_are_imported() {
    let data = TempDir::new("notes-txt");
    let vault = data.0.join("bootcamp");
    write_note(&vault, "1일차.txt", "# 1일차\n\n- VPC\n");
    write_note(&vault, "메모.txt", "그냥 메모\n");
    let data_dir = data.0.join("data");
    let plain = sandpit(&data_dir, &["--lang", "en", "import-notes", vault.to_str().unwrap()]);
    assert!(stdout(&plain).contains("Imported 1 note"), "{}", stdout(&plain));
    let all = sandpit(&data_dir, &["--lang", "en", "import-notes", "--ext", "txt", vault.to_str().unwrap()]);
    assert!(stdout(&all).contains("Imported 2 notes"), "{}", stdout(&all));
}

#[test]
fn an_import_killed_midway_leaves_search_working() {
    let data = TempDir::new("import-killed");
    let src = TempDir::new("import-killed-src");
    let vault = src.0.join("Killed");
    write_note(&vault, "방화벽.md", "# 방화벽\n\n보안 그룹은 상태 저장 방화벽입니다.\n");
    let hold = data.0.join("held");
    // The import stops once the notes are in place and before they are indexed, and is killed there.
    let mut child = Command::new(env!("CARGO_BIN_EXE_sandpit"))
        .arg("--data-dir")
        .arg(&data.0)
        .arg("import-notes")
        .arg(&vault)
        .env("SANDPIT_IMPORT_HOLD", &hold)
        .env_remove("SANDPIT_DATA_DIR")
        .env_remove("SANDPIT_LANG")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the sandpit binary runs");
    let started = std::time::Instant::now();
    while !hold.exists() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "the import never got to its hold point"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let listed = json(&sandpit(&data.0, &["notes", "list", "--json"]));
    assert_eq!(listed["vaults"][0]["key"], "Killed");
    assert_eq!(listed["vaults"][0]["pending"], true, "{listed}");

    // Search answers (from the built-in lessons) and says why the vault is missing, every time.
    for _ in 0..2 {
        let started = std::time::Instant::now();
        let out = sandpit(&data.0, &["lessons", "search", "방화벽", "--json"]);
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
        let found = json(&out);
        let ids: Vec<&str> =
            found["hits"].as_array().unwrap().iter().filter_map(|h| h["id"].as_str()).collect();
        assert!(!ids.is_empty() && !ids.contains(&"Killed/방화벽"), "{ids:?}");
        assert!(stderr(&out).contains("`Killed` 보관함을 가져오다가 중단되었습니다"), "{}", stderr(&out));
    }

    // Importing the folder again finishes it.
    let again = sandpit(&data.0, &["import-notes", vault.to_str().unwrap()]);
    assert!(again.status.success(), "{again:?}");
    let out = sandpit(&data.0, &["lessons", "search", "방화벽", "--json"]);
    let found = json(&out);
    assert!(found["hits"].as_array().unwrap().iter().any(|h| h["id"] == "Killed/방화벽"), "{found}");
    assert!(!stderr(&out).contains("Killed"), "{}", stderr(&out));
    let listed = json(&sandpit(&data.0, &["notes", "list", "--json"]));
    assert!(listed["vaults"][0].get("pending").is_none(), "{listed}");
}
