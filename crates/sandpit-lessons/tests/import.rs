//! Importing an Obsidian vault: what lands where, what is reported, and that a re-import
//! replaces the previous one. The fixture vault is `tests/fixtures/vault/`; the files git could
//! mangle (a decomposed-Hangul file name, invalid UTF-8) are made at test time.

use std::fs;
use std::path::{Path, PathBuf};

use sandpit_core::Lang;
use sandpit_lessons::{
    ImportOptions, LessonError, Library, SearchIndex, import_notes, import_notes_with, list_vaults,
    remove_vault, render_lesson,
};
use unicode_normalization::UnicodeNormalization;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The fixture vault copied to `<tmp>/vault`, plus a note whose file name is stored decomposed
/// (as macOS does) and a file that is not UTF-8.
fn vault(tmp: &Path) -> PathBuf {
    let src = tmp.join("vault");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault"), &src);
    let nfd_name: String = "클라우드 컴퓨팅.md".nfd().collect();
    assert_ne!(nfd_name, "클라우드 컴퓨팅.md", "the name must really be decomposed");
    fs::write(
        src.join("AWS").join(nfd_name),
        "# 클라우드 컴퓨팅\n\n필요한 만큼 빌려 쓰는 컴퓨팅 자원입니다.\n",
    )
    .unwrap();
    fs::write(src.join("broken.md"), b"# \xff\xfe not UTF-8\n").unwrap();
    src
}

fn ids(library: &Library) -> Vec<&str> {
    library.list().iter().map(|m| m.id.as_str()).collect()
}

#[test]
fn a_vault_is_imported_with_its_structure_and_its_problems_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let src = vault(tmp.path());
    let data = tmp.path().join("data");

    let report = import_notes(&src, &data).unwrap();

    assert_eq!(report.vault, "vault");
    assert_eq!(
        report.notes,
        [
            "vault/AWS/VPC 기초",
            "vault/AWS/보안 그룹",
            "vault/AWS/클라우드 컴퓨팅",
            "vault/NAT 요약",
            "vault/순환 A",
            "vault/순환 B",
        ]
    );
    assert_eq!(report.images, ["attachments/Pasted image 20231022154820.png", "attachments/diagram.svg"]);
    assert_eq!(report.ignored, 1, "readme.txt is neither a note nor an image");
    assert!(!report.replaced);

    // Exactly the two links that point nowhere; the one in a %%comment%% and the one in code are
    // not links, and the NFC link finds the NFD-named note.
    let unresolved: Vec<(String, usize, String, bool)> =
        report.unresolved.iter().map(|u| (u.note.clone(), u.line, u.target.clone(), u.embed)).collect();
    assert_eq!(
        unresolved,
        [
            ("vault/AWS/VPC 기초".to_owned(), 20, "없는 노트".to_owned(), false),
            ("vault/AWS/VPC 기초".to_owned(), 20, "없는 그림.png".to_owned(), true),
        ]
    );

    let mut skipped: Vec<(String, String)> = report
        .skipped
        .iter()
        .map(|s| (s.path.file_name().unwrap().to_string_lossy().into_owned(), s.reason.clone()))
        .collect();
    skipped.sort();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(skipped[0].0, "broken.md");
    assert!(skipped[0].1.contains("UTF-8"), "{}", skipped[0].1);
    assert_eq!(skipped[1].0, "잘못된 머리말.md");
    // Reasons are said in the import's language, Korean unless asked otherwise.
    assert!(skipped[1].1.contains("머리말이 올바른 YAML이 아닙니다"), "{}", skipped[1].1);

    // The files on disk: same structure, NFC names, no Obsidian settings or trash.
    let dest = data.join("notes/vault");
    assert_eq!(report.destination, dest.canonicalize().unwrap());
    assert!(dest.join("AWS/클라우드 컴퓨팅.md").is_file(), "stored under its NFC name");
    assert!(dest.join("attachments/Pasted image 20231022154820.png").is_file());
    assert!(
        dest.join("attachments/diagram.svg").is_file(),
        "SVG is copied (and only ever shown through <img>)"
    );
    assert!(!dest.join(".obsidian").exists() && !dest.join(".trash").exists());
    assert!(!dest.join("broken.md").exists() && !dest.join("readme.txt").exists());
}

#[test]
fn imported_notes_are_read_as_lessons_with_their_links_resolved() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import_notes(&vault(tmp.path()), &data).unwrap();
    let library = Library::empty(Lang::Ko).with_imported(&data).unwrap();
    assert!(ids(&library).contains(&"vault/AWS/VPC 기초"));

    let vpc = library.get("vault/AWS/VPC 기초").unwrap();
    assert_eq!(vpc.meta.title, "VPC 기초");
    assert_eq!(vpc.meta.tags, ["aws", "vpc"]);

    let page = render_lesson(&library, "vault/AWS/VPC 기초").unwrap();
    let html = &page.html;
    let sg = "sandpit://lesson/vault/AWS/%EB%B3%B4%EC%95%88%20%EA%B7%B8%EB%A3%B9";
    assert!(html.contains(&format!("<a class=\"wikilink\" href=\"{sg}\">SG</a>")), "{html}");
    assert!(html.contains(&format!("href=\"{sg}#인바운드-규칙\">보안 그룹 › 인바운드 규칙</a>")), "{html}");
    assert!(
        html.contains("href=\"sandpit://lesson/vault/AWS/%ED%81%B4"),
        "the NFC link finds the NFD file: {html}"
    );
    assert!(
        html.contains("src=\"sandpit://asset/vault/attachments/Pasted%20image%2020231022154820.png\""),
        "{html}"
    );
    assert!(html.contains("<p id=\"^vpc-def\">"), "{html}");
    assert!(html.contains("data-embed=\"vault/NAT 요약\""), "{html}");
    assert!(html.contains("밖으로 나가는 연결만 허용합니다"), "the embedded note's text: {html}");
    assert!(html.contains("<mark>켜 두기만 해도</mark>"), "{html}");
    assert!(!html.contains("숨은 링크"), "comments are removed: {html}");
    assert!(html.contains("<code>[[코드 안의 링크]]</code>"), "{html}");
    assert_eq!(page.unresolved, ["없는 노트", "없는 그림.png"]);
    assert_eq!(page.tags, ["aws", "vpc", "복습"]);
    assert_eq!(html.matches("[[").count(), 1, "brackets only in the code span: {html}");

    // The cycle A → B → A stops, when A comes round again, with a notice instead of recursing.
    let page = render_lesson(&library, "vault/AWS/보안 그룹").unwrap();
    assert_eq!(page.html.matches("data-embed=\"vault/순환 A\"").count(), 2, "{}", page.html);
    assert_eq!(page.html.matches("data-embed=\"vault/순환 B\"").count(), 1, "{}", page.html);
    assert_eq!(page.html.matches("class=\"embed-stopped\"").count(), 1, "{}", page.html);
    assert_eq!(page.html.matches("A에서 B를 포함합니다").count(), 1, "{}", page.html);
    // SVG only through <img>, never inline.
    assert!(
        page.html
            .contains("<img class=\"embed-image\" src=\"sandpit://asset/vault/attachments/diagram.svg\"")
    );
    assert!(!page.html.contains("<svg") && !page.html.contains("onload"));
    assert!(
        page.html
            .contains("href=\"sandpit://lesson/vault/AWS/VPC%20%EA%B8%B0%EC%B4%88#^vpc-def\">VPC 정의</a>")
    );
}

#[test]
fn reimporting_replaces_the_vault_and_drops_deleted_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let src = vault(tmp.path());
    let data = tmp.path().join("data");
    import_notes(&src, &data).unwrap();

    fs::remove_file(src.join("NAT 요약.md")).unwrap();
    fs::write(src.join("새 노트.md"), "# 새 노트\n\n[[NAT 요약]]을 지웠습니다.\n").unwrap();
    let report = import_notes(&src, &data).unwrap();
    assert!(report.replaced);
    assert!(report.notes.contains(&"vault/새 노트".to_owned()));
    assert!(!report.notes.contains(&"vault/NAT 요약".to_owned()));
    assert!(
        report.unresolved.iter().any(|u| u.note == "vault/새 노트" && u.target == "NAT 요약" && u.line == 3)
    );

    let notes_dir = data.join("notes");
    let mut entries: Vec<String> = fs::read_dir(&notes_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["vault", "vaults.json"], "no duplicate vault and no staging leftovers");
    assert!(!notes_dir.join("vault/NAT 요약.md").exists());

    let library = Library::empty(Lang::Ko).with_imported(&data).unwrap();
    let list = ids(&library);
    assert_eq!(list.iter().filter(|id| **id == "vault/AWS/VPC 기초").count(), 1);
    assert!(!list.contains(&"vault/NAT 요약"));
    assert!(list.contains(&"vault/새 노트"));
}

#[test]
fn a_missing_folder_or_one_without_notes_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    assert!(matches!(import_notes(&tmp.path().join("nope"), &data), Err(LessonError::NoSuchFolder(_))));

    let empty = tmp.path().join("pictures");
    fs::create_dir_all(&empty).unwrap();
    fs::write(empty.join("a.png"), b"png").unwrap();
    fs::write(empty.join("bad.md"), b"\xff").unwrap();
    assert!(matches!(import_notes(&empty, &data), Err(LessonError::NoNotes(_))));
    assert!(!data.join("notes/pictures").exists());

    // Importing Sandpit's own copy back into itself is refused too.
    import_notes(&vault(tmp.path()), &data).unwrap();
    let inside = data.join("notes/vault");
    assert!(matches!(import_notes(&inside, &data), Err(LessonError::ImportIntoItself(_))));
}

fn note(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Obsidian names every vault "Obsidian Vault"; a second one is added beside the
/// first, never in its place, and re-importing either updates only that one.
#[test]
fn two_vaults_of_the_same_name_are_both_kept_and_each_updates_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let (first, second) = (tmp.path().join("a/Obsidian Vault"), tmp.path().join("b/Obsidian Vault"));
    note(&first, "VPC.md", "# VPC\n\n첫 보관함\n");
    note(&second, "S3.md", "# S3\n\n둘째 보관함\n");
    let data = tmp.path().join("data");

    let a = import_notes(&first, &data).unwrap();
    let b = import_notes(&second, &data).unwrap();
    assert_eq!((a.vault.as_str(), a.replaced), ("Obsidian Vault", false));
    assert_eq!((b.vault.as_str(), b.replaced), ("Obsidian Vault (2)", false));
    assert_eq!(b.same_name, ["Obsidian Vault"]);
    let library = Library::empty(Lang::Ko).with_imported(&data).unwrap();
    assert!(library.get("Obsidian Vault/VPC").is_some() && library.get("Obsidian Vault (2)/S3").is_some());

    note(&first, "IAM.md", "# IAM\n");
    let again = import_notes(&first, &data).unwrap();
    assert_eq!((again.vault.as_str(), again.replaced), ("Obsidian Vault", true));
    let vaults = list_vaults(&data).unwrap();
    let summary: Vec<(&str, Option<&Path>, usize)> =
        vaults.iter().map(|v| (v.key.as_str(), v.source.as_deref(), v.notes)).collect();
    assert_eq!(
        summary,
        [
            ("Obsidian Vault", Some(first.canonicalize().unwrap().as_path()), 2),
            ("Obsidian Vault (2)", Some(second.canonicalize().unwrap().as_path()), 1),
        ]
    );
    assert!(vaults.iter().all(|v| v.imported_at.is_some()));

    // Search knows both, without rebuilding: the import updated the index.
    let index = SearchIndex::open(&data, Lang::Ko).unwrap();
    let mut found: Vec<String> = index.search("보관함", 10).into_iter().map(|h| h.id).collect();
    found.sort();
    assert_eq!(found, ["Obsidian Vault (2)/S3", "Obsidian Vault/VPC"]);

    // Removing is explicit, by key or source folder; an ambiguous name lists the candidates.
    match remove_vault(&data, "obsidian vault") {
        Err(LessonError::AmbiguousVault { candidates, .. }) => {
            assert_eq!(candidates.len(), 2, "{candidates:?}")
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(remove_vault(&data, "nope"), Err(LessonError::UnknownVault { .. })));
    let removed = remove_vault(&data, second.to_str().unwrap()).unwrap();
    assert_eq!(removed.key, "Obsidian Vault (2)");
    assert!(second.join("S3.md").is_file(), "the source folder is never touched");
    assert!(!data.join("notes/Obsidian Vault (2)").exists());
    let index = SearchIndex::open(&data, Lang::Ko).unwrap();
    let found: Vec<String> = index.search("보관함", 10).into_iter().map(|h| h.id).collect();
    assert_eq!(found, ["Obsidian Vault/VPC"]);
}

/// Libraries imported before vaults were recorded (a folder per vault name, no manifest) load
/// as before, are listed with an unknown source, and are never replaced by an import.
#[test]
fn a_library_from_before_the_manifest_is_adopted_not_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    note(&data.join("notes/Obsidian Vault"), "옛 노트.md", "# 옛 노트\n\n예전에 가져온 보관함\n");
    let library = Library::empty(Lang::Ko).with_imported(&data).unwrap();
    assert!(library.get("Obsidian Vault/옛 노트").is_some());

    let vaults = list_vaults(&data).unwrap();
    assert_eq!(vaults.len(), 1);
    assert_eq!(
        (vaults[0].key.as_str(), vaults[0].source.as_deref(), vaults[0].notes),
        ("Obsidian Vault", None, 1)
    );
    assert!(data.join("notes/vaults.json").is_file());

    let src = tmp.path().join("new/Obsidian Vault");
    note(&src, "새 노트.md", "# 새 노트\n");
    let report = import_notes(&src, &data).unwrap();
    assert_eq!(report.vault, "Obsidian Vault (2)");
    assert_eq!(report.same_name, ["Obsidian Vault"]);
    assert!(data.join("notes/Obsidian Vault/옛 노트.md").is_file(), "the old import is kept");
    let index = SearchIndex::open(&data, Lang::Ko).unwrap();
    assert_eq!(index.search("예전에", 5)[0].id, "Obsidian Vault/옛 노트");
}

/// A broken manifest is reported with its path, never overwritten.
#[test]
fn a_broken_manifest_is_an_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    note(&data.join("notes"), "vaults.json", "{not json");
    let src = tmp.path().join("v");
    note(&src, "a.md", "# a\n");
    let err = import_notes(&src, &data).unwrap_err();
    assert!(err.to_string().contains("vaults.json"), "{err}");
    assert_eq!(fs::read_to_string(data.join("notes/vaults.json")).unwrap(), "{not json");
    assert!(!data.join("notes/v").exists(), "nothing half-written");
}

/// `.txt` notes (the bootcamp's are) are taken when they read as Markdown, all of them with
/// `extensions: ["txt"]`; notes over the size limit are skipped with the reason.
#[test]
fn text_files_that_read_as_markdown_are_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("bootcamp");
    note(&src, "1일차.txt", "# 1일차\n\n- VPC 만들기\n- [[2일차]] 예고\n");
    note(&src, "2일차.txt", "그냥 메모입니다.\n줄마다 다른 생각.\n");
    note(&src, "huge.md", &"가".repeat(1 + sandpit_lessons::MAX_NOTE_BYTES as usize / 3));
    let data = tmp.path().join("data");
    let report = import_notes(&src, &data).unwrap();
    assert_eq!(report.notes, ["bootcamp/1일차"]);
    assert_eq!(report.ignored, 1, "plain text stays out");
    // The reason is in the import's language: Korean unless told otherwise.
    assert!(
        report.skipped.iter().any(|s| s.path.ends_with("huge.md") && s.reason.starts_with("2 MiB보다 커서")),
        "{:?}",
        report.skipped
    );
    let english = ImportOptions { lang: Lang::En, ..ImportOptions::default() };
    let report = import_notes_with(&src, &data, &english).unwrap();
    assert!(report.skipped.iter().any(|s| s.reason.starts_with("larger than 2 MiB")), "{:?}", report.skipped);
    assert!(data.join("notes/bootcamp/1일차.md").is_file(), "stored as .md");

    let options = ImportOptions { extensions: vec!["txt".to_owned()], ..ImportOptions::default() };
    let report = import_notes_with(&src, &data, &options).unwrap();
    assert_eq!(report.notes, ["bootcamp/1일차", "bootcamp/2일차"]);
    assert!(report.replaced);
}

/// Links to a heading or block id the target note lacks are reported with the others.
#[test]
fn links_to_missing_headings_and_block_ids_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("v");
    note(&src, "a.md", "# A\n\n## 있는 제목\n\n문단 ^blk\n\n[[#있는 제목]] [[#없는 제목]]\n");
    note(
        &src,
        "b.md",
        "[[a#있는 제목]] [[a#없는 제목]] [[a#^blk]]\n**굵게(B)**는 [[a#^nope]] ![[a#^nope]]\n",
    );
    let report = import_notes(&src, &tmp.path().join("data")).unwrap();
    let found: Vec<(String, String, bool)> =
        report.unresolved.iter().map(|u| (u.note.clone(), u.target.clone(), u.embed)).collect();
    assert_eq!(
        found,
        [
            ("v/a".to_owned(), "#없는 제목".to_owned(), false),
            ("v/b".to_owned(), "a#없는 제목".to_owned(), false),
            ("v/b".to_owned(), "a#^nope".to_owned(), false),
            ("v/b".to_owned(), "a#^nope".to_owned(), true),
        ]
    );
    let lines: Vec<usize> = report.unresolved.iter().map(|u| u.line).collect();
    assert_eq!(lines, [7, 1, 2, 2], "lines stay right in a paragraph with CJK-friendly bold");
}
