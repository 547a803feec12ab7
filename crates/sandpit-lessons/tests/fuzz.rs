//! Fuzzing the notes importer and the Markdown renderer/sanitiser (proptest): arbitrary Markdown,
//! Obsidian syntax and raw HTML — hostile or just broken — never panics, and nothing executable
//! survives into the rendered HTML: no `<script>` (or other active element), no `on*=` event
//! handler, no `javascript:`/`vbscript:`/`data:text` URL, however it is encoded.
//!
//! Inputs worth keeping (hand-written attacks, anything that once broke a property) are files in
//! `tests/fuzz-corpus/markdown/`, replayed by [`the_corpus_renders_inert`]. When a property
//! fails, proptest prints the smallest input it found: save it there as a new `.md` file.
//!
//! Runs with a fixed seed in `make test`; `make fuzz` (or `PROPTEST_RNG_SEED=… PROPTEST_CASES=…`)
//! explores further.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use sandpit_core::Lang;
use sandpit_lessons::{Library, PageOptions, import_notes, render_lesson, render_page_html};

fn config(default_cases: u32) -> ProptestConfig {
    let base = ProptestConfig::default();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() { base.cases } else { default_cases },
        rng_seed: if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
            base.rng_seed
        } else {
            RngSeed::Fixed(0x5a9d_1e55)
        },
        failure_persistence: None,
        ..base
    }
}

/// Decodes the character references a browser decodes in attribute values.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok()
            } else {
                match name {
                    "amp" => Some('&' as u32),
                    "quot" => Some('"' as u32),
                    "apos" => Some('\'' as u32),
                    "lt" => Some('<' as u32),
                    "gt" => Some('>' as u32),
                    "colon" => Some(':' as u32),
                    "tab" => Some('\t' as u32),
                    "newline" => Some('\n' as u32),
                    _ => None,
                }
            };
            code.and_then(char::from_u32).map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The attributes of one tag's text (`a href="x" title="y"`), as (name, decoded value).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let chars: Vec<char> = tag.chars().collect();
    // Skip the element name.
    let mut i = chars.iter().position(|c| c.is_whitespace() || *c == '/').unwrap_or(chars.len());
    while i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
            i += 1;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' && chars[i] != '/' {
            i += 1;
        }
        let name: String = chars[start..i].iter().collect();
        let mut value = String::new();
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            if i < chars.len() && (chars[i] == '"' || chars[i] == '\'') {
                let quote = chars[i];
                i += 1;
                while i < chars.len() && chars[i] != quote {
                    value.push(chars[i]);
                    i += 1;
                }
                i += 1;
            } else {
                while i < chars.len() && !chars[i].is_whitespace() {
                    value.push(chars[i]);
                    i += 1;
                }
            }
        }
        if !name.is_empty() {
            attrs.push((name.to_lowercase(), decode_entities(&value)));
        }
    }
    attrs
}

/// Every element of `html` (whose text is escaped, so each `<` opens a real tag) is inert.
fn assert_inert(html: &str) -> Result<(), TestCaseError> {
    const ACTIVE: &[&str] = &[
        "script", "iframe", "frame", "frameset", "style", "svg", "math", "object", "embed", "applet", "form",
        "link", "meta", "base", "noscript", "template", "textarea", "select", "option",
    ];
    const URL_ATTRS: &[&str] = &[
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "srcset",
        "poster",
        "background",
        "cite",
        "data",
    ];
    for tag in tags(html) {
        let tag = tag.as_str();
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_lowercase();
        prop_assert!(!ACTIVE.contains(&name.as_str()), "<{}> survived in:\n{}", tag, html);
        for (attr, value) in attributes(tag) {
            prop_assert!(!attr.starts_with("on"), "event handler {} in <{}>:\n{}", attr, tag, html);
            let url: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
            let url = url.to_lowercase();
            if URL_ATTRS.contains(&attr.as_str()) {
                for bad in ["javascript:", "vbscript:", "data:text", "data:image/svg", "data:application"] {
                    prop_assert!(!url.starts_with(bad), "`{}` URL in <{}>:\n{}", bad, tag, html);
                }
            }
            if attr == "style" {
                prop_assert!(!url.contains("url(") && !url.contains("expression("), "style in <{}>", tag);
            }
        }
    }
    Ok(())
}

/// The text inside each `<…>` of serialised HTML. Text escapes `<`, but attribute values keep
/// `<` and `>` as they are (html5ever's serialiser), so a `>` inside quotes does not end a tag.
fn tags(html: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut chars = html.chars();
    while chars.by_ref().any(|c| c == '<') {
        let mut tag = String::new();
        let mut quote = None;
        for c in chars.by_ref() {
            match (quote, c) {
                (None, '>') => break,
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            tag.push(c);
        }
        tags.push(tag);
    }
    tags
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// Renders `md` as the imported note `vault/note` (beside notes it can link to and embed), body
/// and full page; never panics, and the body is inert.
fn render_inert(md: &str) -> Result<(), TestCaseError> {
    let data = tempfile::tempdir().unwrap();
    let vault = data.path().join("notes/vault");
    write(&vault, "note.md", md.as_bytes());
    write(&vault, "Other.md", b"# Other\n\n## Part\n\nA paragraph. ^blk1\n\n<b onclick=x>bold</b>\n");
    write(&vault, "Self.md", b"![[Self]]\n");
    write(&vault, "attachments/pic.svg", b"<svg onload=\"alert(1)\"></svg>");
    let library = Library::empty(Lang::En).with_imported(data.path()).unwrap();
    if let Ok(page) = render_lesson(&library, "vault/note") {
        assert_inert(&page.html)?;
        let _ = render_page_html(&page, &PageOptions::default());
    }
    Ok(())
}

fn fragment() -> impl Strategy<Value = String> {
    const HOSTILE: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1) \"t\")",
        "[x]( javascript:alert(1))",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "<javascript:alert(1)>",
        "[ref]: javascript:alert(1)\n\n[ref]",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=//x.example></iframe>",
        "<style>*{background:url(javascript:alert(1))}</style>",
        "<font color=\"red\" onmouseover=\"alert(1)\">x</font>",
        "<font color='\"><script>alert(1)</script>'>x</font>",
        "<font color=\"red;background:url(x)\">x</font>",
        "<span style=\"color:red;background:url(javascript:alert(1))\">x</span>",
        "<span style=\"color:expression(alert(1))\">x</span>",
        "<details open ontoggle=alert(1)><summary>s</summary></details>",
        "<input type=image src=x onerror=alert(1)>",
        "<input type=\"checkbox\" onclick=\"alert(1)\">",
        "<button formaction=javascript:alert(1)>b</button>",
        "<form action=javascript:alert(1)><input></form>",
        "<object data=x></object><embed src=x>",
        "<base href=//x.example/>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=//x.example/x.css>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<!--<script>alert(1)</script>-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<div data-x=\"1\" aria-label=\"a\" class=\"c\" id=\"i\" onclick=alert(1)>d</div>",
        "<a href=\"sandpit://lesson/x\" onclick=alert(1)>x</a>",
        "<template><script>alert(1)</script></template>",
        "<textarea><script>alert(1)</script></textarea>",
    ];
    const SYNTAX: &[&str] = &[
        "\n",
        "\n\n",
        "# ",
        "## ",
        "- ",
        "1. ",
        "> ",
        "    ",
        "```",
        "```quiz\n",
        "`",
        "*",
        "**",
        "_",
        "~~",
        "==",
        "[",
        "]",
        "(",
        ")",
        "!",
        "<",
        ">",
        "&",
        "\"",
        "'",
        "|",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "---\n",
        "---\ntitle: x\ntags: [a, b]\n---\n",
        "---\n: [\n---\n",
        "$$",
        "\\",
        "[[",
        "]]",
        "[[Other]]",
        "[[Other#Part|alias]]",
        "[[Other#^blk1]]",
        "![[Other]]",
        "![[Other#Part]]",
        "![[Self]]",
        "![[pic.svg]]",
        "![[missing.png]]",
        "[[<script>]]",
        "[[x|<img src=x onerror=1>]]",
        "> [!note] Title\n> body",
        "> [!warning]- <script>x</script>\n",
        "%%hidden%%",
        "#tag ",
        "^blk2",
        "[^1]",
        "[^1]: note\n",
        "? question\n- [ ] a\n- [x] b\n> why\n",
        "- [ ] task\n",
        "- [x] done\n",
        "한국어 ",
        "e\u{301}",
        "\u{0}",
        "\u{feff}",
        "\r\n",
        "\t",
        "https://example.com ",
        "www.example.com ",
        "a@b.example ",
    ];
    prop_oneof![
        3 => proptest::sample::select(HOSTILE).prop_map(str::to_owned),
        6 => proptest::sample::select(SYNTAX).prop_map(str::to_owned),
        2 => "[ -~]{0,12}",
        1 => any::<String>(),
    ]
}

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..24).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn rendered_markdown_is_inert(md in markdown()) {
        render_inert(&md)?;
    }

    #[test]
    fn arbitrary_text_renders_inert(md in any::<String>()) {
        render_inert(&md)?;
    }
}

/// A file of a generated vault: a path under it and its bytes.
fn vault_file() -> impl Strategy<Value = (String, Vec<u8>)> {
    let segment = proptest::sample::select(
        &[
            "AWS",
            "네트워크",
            "a b",
            ".hidden",
            "attachments",
            "Note",
            "노트",
            "e\u{301}",
            "UPPER",
            "upper",
            "x.y",
        ][..],
    );
    let ext = proptest::sample::select(&[".md", ".markdown", ".MD", ".png", ".txt", "", ".md.md"][..]);
    let path = (prop::collection::vec(segment, 1..4), ext)
        .prop_map(|(segs, ext)| format!("{}{ext}", segs.join("/")));
    let body = prop_oneof![
        4 => markdown().prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..64),
    ];
    (path, body)
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn imported_vaults_never_panic_and_render_inert(files in prop::collection::vec(vault_file(), 1..8)) {
        let src = tempfile::tempdir().unwrap();
        let vault = src.path().join("vault");
        fs::create_dir_all(&vault).unwrap();
        for (rel, bytes) in &files {
            let path = vault.join(rel);
            // A generated path may collide with a folder made for another one: skip that file.
            if fs::create_dir_all(path.parent().unwrap()).is_ok() && !path.is_dir() {
                let _ = fs::write(&path, bytes);
            }
        }
        import_consistently(&vault)?;
    }
}

/// Imports `vault`: never panics; every note reported is in the library under that id and
/// renders inert; importing again replaces the copy and reports the same notes.
fn import_consistently(vault: &Path) -> Result<(), TestCaseError> {
    let data = tempfile::tempdir().unwrap();
    if let Ok(report) = import_notes(vault, data.path()) {
        let library = Library::empty(Lang::Ko).with_imported(data.path()).unwrap();
        for id in &report.notes {
            prop_assert!(library.get(id).is_some(), "imported note {} is not in the library", id);
            if let Ok(page) = render_lesson(&library, id) {
                assert_inert(&page.html)?;
            }
        }
        let again = import_notes(vault, data.path()).unwrap();
        prop_assert!(again.replaced);
        prop_assert_eq!(again.notes, report.notes);
    }
    Ok(())
}

/// `fuzz-corpus/vaults/` imported as one vault (regression: `AWS.md.md` was reported as
/// `vault/AWS` while the library knows it as `vault/AWS.md`).
#[test]
fn the_vault_corpus_imports_consistently() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus/vaults");
    let src = tempfile::tempdir().unwrap();
    let vault = src.path().join("vault");
    fs::create_dir_all(&vault).unwrap();
    for entry in fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, vault.join(path.file_name().unwrap())).unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    let report = import_notes(&vault, data.path()).unwrap();
    assert!(report.notes.contains(&"vault/AWS.md".to_owned()), "{:?}", report.notes);
    if let Err(e) = import_consistently(&vault) {
        panic!("{e}");
    }
}

#[test]
fn the_inertness_check_catches_what_it_must() {
    for bad in [
        "<script>x</script>",
        "<p onclick=\"x\">a</p>",
        "<a href=\"&#106;avascript:x\">a</a>",
        "<a href=\"java\tscript:x\">a</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<span style=\"background:url(x)\">a</span>",
        "<svg></svg>",
    ] {
        assert!(assert_inert(bad).is_err(), "{bad}");
    }
    for fine in [
        "<p title=\"x onclick=y javascript:\">a</p>",
        "<a href=\"https://example.com\">javascript: is text</a>",
        "<span style=\"color:red\">r</span>",
        "<p>&lt;script&gt;</p>",
        "<p title=\"<script>alert(1)</script>\">quoted markup is text</p>",
    ] {
        assert!(assert_inert(fine).is_ok(), "{fine}");
    }
}

#[test]
fn the_corpus_renders_inert() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus/markdown");
    let mut files: Vec<PathBuf> =
        fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    assert!(files.len() >= 5, "the corpus at {} is missing", corpus.display());
    for path in files {
        let text = String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned();
        if let Err(e) = render_inert(&text) {
            panic!("{}: {e}", path.display());
        }
    }
}

/// One hostile note: a nesting, bracket or table construct repeated `depth` times around some
/// text, then `embeds` embeds of other notes of the vault.
fn hostile_note() -> impl Strategy<Value = (usize, usize, usize)> {
    (0usize..13, 0usize..3_000, 0usize..30)
}

fn nest(kind: usize, depth: usize) -> String {
    match kind {
        0 => format!("{}deep\n", "- ".repeat(depth)),
        1 => format!("{}deep\n", "> ".repeat(depth)),
        2 => format!("{}deep{}\n", "*".repeat(depth), "*".repeat(depth)),
        3 => format!("{}deep{}\n", "_a ".repeat(depth), " a_".repeat(depth)),
        4 => (0..depth.min(400)).map(|i| format!("{}1. x\n", "   ".repeat(i))).collect(),
        5 => format!("{}deep\n", "> 1. - ".repeat(depth / 3)),
        // Shapes markdown-rs parses in quadratic time (see limits.rs), at up to 60,000 repeats.
        6 => format!("{}deep\n", "[a".repeat(depth * 20)),
        7 => format!("{}deep\n", "![a".repeat(depth * 20)),
        8 => format!("{}deep\n", "[[a".repeat(depth * 20)),
        9 => format!("{}deep\n", "[a](b ".repeat(depth * 20)),
        10 => format!("{}deep\n", "*a* [b](c) ".repeat(depth * 5)),
        11 => {
            let (cols, rows) = if depth.is_multiple_of(2) { (depth * 5, 3) } else { (10, depth * 5) };
            let row = format!("|{}\n", "a|".repeat(cols.max(1)));
            format!("{row}|{}\n{}deep\n", "-|".repeat(cols.max(1)), row.repeat(rows))
        }
        _ => format!("{}deep\n", "**보안 그룹(SG)**은 [[링크]] ".repeat(depth * 5)),
    }
}

proptest! {
    #![proptest_config(config(12))]

    /// Deep nesting and embed fan-out never overflow the stack (rendering runs on a
    /// 2 MiB thread, like a desktop command), and pages stay small.
    #[test]
    fn deep_nesting_and_embed_fan_out_stay_bounded(notes in prop::collection::vec(hostile_note(), 1..5)) {
        let data = tempfile::tempdir().unwrap();
        let vault = data.path().join("notes/vault");
        let count = notes.len();
        for (i, (kind, depth, embeds)) in notes.iter().enumerate() {
            let mut text = format!("# N{i}\n\n{}\n", nest(*kind, *depth));
            for e in 0..*embeds {
                text.push_str(&format!("![[N{}]]\n", e % count));
            }
            write(&vault, &format!("N{i}.md"), text.as_bytes());
        }
        let dir = data.path().to_owned();
        let pages = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let library = Library::empty(Lang::En).with_imported(&dir).unwrap();
                (0..count).map(|i| render_lesson(&library, &format!("vault/N{i}")).map(|p| p.html.len())).collect::<Vec<_>>()
            })
            .unwrap()
            .join()
            .expect("rendering hostile notes neither panics nor overflows the stack");
        for size in pages.into_iter().flatten() {
            prop_assert!(size < 8 << 20, "a page of {} bytes", size);
        }
    }
}
