//! Hostile notes, as a learner's vault may hold them by accident or on purpose:
//! each renders, indexes and imports within the bounds of `sandpit_lessons::MAX_*`, cut short
//! with a warning naming the note, and never takes the process down. Rendering runs on a thread
//! with Rust's default 2 MiB stack (as a desktop command or worker thread has), not the main
//! thread's 8 MiB.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use sandpit_core::Lang;
use sandpit_lessons::{
    Library, MAX_EMBEDS, MAX_NESTING, MAX_OPEN_BRACKETS, MAX_PARSE_WORK, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS,
    PageOptions, RenderedPage, SearchIndex, import_notes, render_lesson, render_page_html,
};

/// Runs `f` on a thread with a 2 MiB stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().expect("no panic, no overflow")
}

fn vault_with(files: &[(&str, String)]) -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = data.path().join("notes/vault").join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    data
}

fn render(data: &Path, id: &str) -> RenderedPage {
    let (data, id) = (data.to_owned(), id.to_owned());
    on_small_stack(move || {
        let library = Library::empty(Lang::En).with_imported(&data).unwrap();
        let page = render_lesson(&library, &id).unwrap();
        render_page_html(&page, &PageOptions::default()).unwrap();
        page
    })
}

fn hostile_notes() -> Vec<(&'static str, String)> {
    vec![
        ("list", format!("{}deep\n", "- ".repeat(10_000))),
        ("indented", (0..1_000).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect()),
        ("quote", format!("{}deep\n", "> ".repeat(10_000))),
        ("stars", format!("{}deep{}\n", "*".repeat(10_000), "*".repeat(10_000))),
        ("emphasis", format!("{}deep{}\n", "*a ".repeat(5_000), " a*".repeat(5_000))),
        ("mixed", format!("{}deep\n", "> - 1. ".repeat(3_000))),
    ]
}

#[test]
fn deeply_nested_notes_render_cut_short_with_a_warning() {
    for (name, text) in hostile_notes() {
        let data = vault_with(&[(&format!("{name}.md"), format!("# {name}\n\nbefore\n\n{text}\nafter\n"))]);
        let started = Instant::now();
        let page = render(data.path(), &format!("vault/{name}"));
        assert!(started.elapsed() < Duration::from_secs(20), "{name} took {:?}", started.elapsed());
        assert!(page.html.contains("before") && page.html.contains("after"), "{name}: the note is shown");
        assert!(
            page.html.contains("deep") || page.html.contains("level 999"),
            "{name}: the deep part is shown as text"
        );
        let warning = page.warnings.iter().find(|w| w.contains(&format!("notes/vault/{name}.md")));
        assert!(
            warning.is_some_and(|w| w.contains(&MAX_NESTING.to_string())),
            "{name}: a warning names the note and the limit: {:?}",
            page.warnings
        );
    }
}

#[test]
fn an_imported_deep_note_does_not_poison_search_or_listing() {
    let src = tempfile::tempdir().unwrap();
    let vault = src.path().join("vault");
    fs::create_dir_all(&vault).unwrap();
    let hostile: Vec<(&str, String)> = hostile_notes().into_iter().chain(quadratic_notes()).collect();
    for (name, text) in &hostile {
        fs::write(vault.join(format!("{name}.md")), text).unwrap();
    }
    fs::write(vault.join("정상.md"), "# 정상\n\n보안 그룹은 방화벽입니다.\n").unwrap();
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_owned();
    let started = Instant::now();
    let report = on_small_stack(move || import_notes(&vault, &dir).unwrap());
    assert!(started.elapsed() < Duration::from_secs(120), "the import took {:?}", started.elapsed());
    assert_eq!(report.notes.len(), hostile.len() + 1);
    // The report names every note that is shown cut short, and only those.
    let cut: Vec<&str> = report.cut_short.iter().map(|c| c.note.as_str()).collect();
    let mut expected: Vec<String> = hostile.iter().map(|(name, _)| format!("vault/{name}")).collect();
    expected.sort();
    assert_eq!(cut, expected);
    assert!(report.cut_short.iter().all(|c| !c.reasons.is_empty()));
    let dir = data.path().to_owned();
    let hits = on_small_stack(move || {
        let library = Library::empty(Lang::Ko).with_imported(&dir).unwrap();
        SearchIndex::build(&library).search("방화벽", 10)
    });
    assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["vault/정상"]);
}

#[test]
fn embed_fan_out_is_capped_per_page() {
    // Five notes, each embedding each of the others twenty times: without a cap, 20^4 embeds.
    let names = ["A", "B", "C", "D", "E"];
    let files: Vec<(String, String)> = names
        .iter()
        .map(|n| {
            let others: String = names
                .iter()
                .filter(|o| *o != n)
                .map(|o| format!("![[{o}]]\n"))
                .collect::<String>()
                .repeat(20);
            (format!("{n}.md"), format!("# {n}\n\n{n} text.\n\n{others}"))
        })
        .collect();
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let data = vault_with(&files);
    let started = Instant::now();
    let page = render(data.path(), "vault/A");
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    let embedded = page.html.matches("<div class=\"embed-content\">\n<p>").count();
    assert!((MAX_EMBEDS / 2..=MAX_EMBEDS).contains(&embedded), "{embedded} embeds shown");
    assert!(page.html.len() < 2 << 20, "the page is {} bytes", page.html.len());
    assert!(
        page.warnings.iter().any(|w| w.contains("notes/vault/A.md") && w.contains("embeds too much")),
        "{:?}",
        page.warnings
    );
    assert!(page.html.matches("data-embed=\"vault/B\"").count() >= 1);
}

/// Shapes markdown-rs parses in time that grows with the square of their size (measured on
/// the sizes below before the limits: 26 s to several minutes each).
fn quadratic_notes() -> Vec<(&'static str, String)> {
    let row = |cols: usize| format!("|{}\n", "a|".repeat(cols));
    let sep = |cols: usize| format!("|{}\n", "-|".repeat(cols));
    vec![
        ("brackets", "[a".repeat(160_000)),
        ("images", "![a".repeat(300_000)),
        ("wikilinks", "[[a".repeat(300_000)),
        ("links", "[a](b ".repeat(300_000)),
        ("closed-links", "[a](b) ".repeat(40_000)),
        ("emphasis-pairs", "*a* ".repeat(40_000)),
        ("wide-table", format!("{}{}{}", row(20_000), sep(20_000), row(20_000))),
        ("long-table", format!("{}{}{}", row(1_000), sep(1_000), row(1_000).repeat(200))),
        ("tall-table", format!("{}{}{}", row(10), sep(10), row(10).repeat(20_000))),
    ]
}

/// The text of `html` outside its tags, entities left as they are.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn quadratic_shapes_render_bounded_with_a_warning() {
    for (name, text) in quadratic_notes() {
        let data = vault_with(&[(&format!("{name}.md"), format!("# {name}\n\nbefore\n\n{text}\n\nafter\n"))]);
        let started = Instant::now();
        let page = render(data.path(), &format!("vault/{name}"));
        // A guard only: the structure below is what is asserted.
        assert!(started.elapsed() < Duration::from_secs(60), "{name} took {:?}", started.elapsed());
        assert!(page.html.contains("before") && page.html.contains("after"), "{name}: the note is shown");
        let path = format!("notes/vault/{name}.md");
        let warning =
            |id: &str| page.warnings.iter().any(|w| w.starts_with(&format!("{path}: ")) && w.contains(id));
        match name {
            "brackets" | "images" | "wikilinks" => {
                assert!(
                    warning(&format!("more than {MAX_OPEN_BRACKETS} brackets")),
                    "{name}: {:?}",
                    page.warnings
                );
                // Every `[a` is still there, as text.
                let shown = visible_text(&page.html).matches("[a").count();
                assert_eq!(shown, text.matches("[a").count(), "{name}");
            }
            "wide-table" => {
                assert!(warning(&format!("more than {MAX_TABLE_COLUMNS} columns")), "{:?}", page.warnings);
                let header = page.html.split("</tr>").next().unwrap_or_default();
                let columns = header.matches("<th").count() - header.matches("<thead").count();
                assert_eq!(columns, MAX_TABLE_COLUMNS, "{name}");
            }
            "long-table" | "tall-table" => {
                assert!(
                    warning(&format!("more than {MAX_TABLE_CELLS} cells")),
                    "{name}: {:?}",
                    page.warnings
                );
                let cells = page.html.matches("<td").count() + page.html.matches("<th").count()
                    - page.html.matches("<thead").count();
                assert!((MAX_TABLE_CELLS / 2..=MAX_TABLE_CELLS).contains(&cells), "{name}: {cells} cells");
                assert_eq!(page.html.matches("<table").count(), 1, "{name}");
            }
            _ => {
                // Too much markup to parse at all: the note as written, as plain text.
                assert!(warning(&MAX_PARSE_WORK.to_string()), "{name}: {:?}", page.warnings);
                assert!(warning("plain text"), "{name}: {:?}", page.warnings);
                assert!(page.html.contains("<pre>"), "{name}");
                assert!(!page.html.contains("<a ") && !page.html.contains("<em>"), "{name}: nothing parsed");
            }
        }
    }
}
