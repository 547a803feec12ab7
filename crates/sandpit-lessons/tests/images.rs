//! Images of imported notes: copied at import (safe names, allowed types, bounded size), shown
//! in the app as `data:` URIs (the desktop CSP allows `img-src 'self' data:` and nothing remote),
//! never read from outside the vault, and a visible placeholder when one cannot be shown.

use std::fs;
use std::path::Path;

use sandpit_core::Lang;
use sandpit_lessons::{Library, MAX_IMAGE_BYTES, import_notes, render_lesson};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
const PNG_B64: &str = "iVBORw0KGgoAAAANSUhEUg==";

/// A vault with a note that embeds images the ways Obsidian notes do, plus hostile references.
fn vault(root: &Path) -> std::path::PathBuf {
    let src = root.join("deep/down/notes");
    fs::create_dir_all(src.join("img")).unwrap();
    fs::create_dir_all(src.join("attachments")).unwrap();
    fs::write(src.join("img/x.png"), PNG).unwrap();
    fs::write(src.join("attachments/diagram.png"), PNG).unwrap();
    fs::write(
        src.join("attachments/vector.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>",
    )
    .unwrap();
    fs::write(src.join("attachments/big.png"), vec![0u8; MAX_IMAGE_BYTES as usize + 1]).unwrap();
    fs::write(src.join("attachments/page.html"), "<script>alert(3)</script>").unwrap();
    fs::write(src.join("img/back\\slash.png"), PNG).unwrap();
    fs::write(src.join("img/tab\tname.png"), PNG).unwrap();
    // A file outside the vault that a hostile note tries to pull in.
    fs::write(root.join("deep/secret.png"), b"TOP-SECRET").unwrap();
    fs::write(root.join("passwd.png"), b"TOP-SECRET").unwrap();
    fs::write(
        src.join("Pictures.md"),
        "# Pictures\n\n\
         ![[diagram.png]]\n\n\
         ![alt text](img/x.png)\n\n\
         ![[vector.svg]]\n\n\
         ![[big.png]]\n\n\
         ![[gone.png]]\n\n\
         ![up](../../../../passwd.png)\n\n\
         ![up2](../secret.png)\n\n\
         ![[../../etc/passwd.png]]\n\n\
         <img src=\"sandpit://asset/notes/..%2F..%2Fsecret.png\" alt=\"raw\">\n",
    )
    .unwrap();
    src
}

#[test]
fn import_copies_the_images_and_refuses_what_it_cannot_show() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let report = import_notes(&vault(tmp.path()), &data).unwrap();
    assert_eq!(report.images, ["attachments/diagram.png", "attachments/vector.svg", "img/x.png"]);
    let dest = data.join("notes/notes");
    assert_eq!(fs::read(dest.join("img/x.png")).unwrap(), PNG);
    assert!(dest.join("attachments/diagram.png").is_file());
    assert!(!dest.join("attachments/big.png").exists(), "too large: not copied");
    assert!(!dest.join("attachments/page.html").exists(), "not an image: not copied");
    let big = report.skipped.iter().find(|s| s.path.ends_with("big.png")).expect("big.png reported");
    // Said in the import's language, Korean unless asked otherwise.
    assert!(big.reason.contains("10 MiB보다 큰 이미지"), "{}", big.reason);
    assert!(!data.join("notes/passwd.png").exists() && !data.join("secret.png").exists());
    // Names a shell or another system would read as a path or a control sequence are refused.
    for odd in ["back\\slash.png", "tab\tname.png"] {
        let skipped = report.skipped.iter().find(|s| s.path.ends_with(odd)).expect(odd);
        assert!(skipped.reason.contains("제어 문자나 역슬래시"), "{}", skipped.reason);
        assert!(!dest.join("img").join(odd).exists());
    }
    let unresolved: Vec<&str> = report.unresolved.iter().map(|u| u.target.as_str()).collect();
    assert!(unresolved.contains(&"../../etc/passwd.png"), "{unresolved:?}");
    assert!(unresolved.contains(&"gone.png"), "{unresolved:?}");
}

#[cfg(unix)]
#[test]
fn an_image_symlinked_from_outside_the_vault_is_not_copied() {
    let tmp = tempfile::tempdir().unwrap();
    let src = vault(tmp.path());
    std::os::unix::fs::symlink(tmp.path().join("passwd.png"), src.join("img/linked.png")).unwrap();
    let data = tmp.path().join("data");
    let report = import_notes(&src, &data).unwrap();
    assert!(!report.images.iter().any(|i| i.contains("linked")));
    assert!(!data.join("notes/notes/img/linked.png").exists());
}

#[test]
fn rendered_images_become_data_uris_and_the_rest_visible_placeholders() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import_notes(&vault(tmp.path()), &data).unwrap();
    let library = Library::empty(Lang::En).with_imported(&data).unwrap();
    let page = render_lesson(&library, "notes/Pictures").unwrap();
    // The sanitised page links the copies…
    assert!(page.html.contains("src=\"sandpit://asset/notes/attachments/diagram.png\""), "{}", page.html);
    let html = library.inline_images(&page.html);
    // …which the app gets embedded: nothing left for the webview to fetch.
    assert!(!html.contains("sandpit://asset/"), "{html}");
    assert!(
        html.contains(&format!(
            "<img class=\"embed-image\" src=\"data:image/png;base64,{PNG_B64}\" alt=\"diagram.png\""
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!("<img src=\"data:image/png;base64,{PNG_B64}\" alt=\"alt text\"")),
        "{html}"
    );
    // SVG only as an <img> source (where it cannot run script), never inline markup.
    assert!(html.contains("<img class=\"embed-image\" src=\"data:image/svg+xml;base64,"), "{html}");
    assert!(!html.contains("<svg") && !html.contains("<script") && !html.contains("onload"), "{html}");
    // Nothing outside the vault is read, whatever the note says.
    assert!(!html.contains("VE9QLVNFQ1JFV"), "base64 of the secret: {html}");
    assert!(!html.contains("TOP-SECRET"), "{html}");
    // Missing, too large and hostile images: a placeholder naming the file, no broken <img>.
    for name in ["big.png", "gone.png", "passwd.png"] {
        assert!(
            html.contains("<span class=\"embed missing\"") && html.contains(&format!(">{name}</span>")),
            "placeholder for {name}: {html}"
        );
    }
    let imgs = html.matches("<img").count();
    assert_eq!(imgs, html.matches("<img class=\"embed-image\" src=\"data:").count() + 1, "{html}");
}

#[test]
fn an_image_deleted_after_loading_becomes_a_placeholder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import_notes(&vault(tmp.path()), &data).unwrap();
    let library = Library::empty(Lang::Ko).with_imported(&data).unwrap();
    fs::remove_file(data.join("notes/notes/attachments/diagram.png")).unwrap();
    let html = library.inline_images(&render_lesson(&library, "notes/Pictures").unwrap().html);
    assert!(html.contains("data-target=\"attachments/diagram.png\""), "{html}");
    assert!(html.contains(">diagram.png</span>"), "{html}");
    assert!(html.contains("이미지를 보일 수 없습니다"), "{html}");
}

#[test]
fn a_forged_asset_url_is_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import_notes(&vault(tmp.path()), &data).unwrap();
    let library = Library::empty(Lang::En).with_imported(&data).unwrap();
    fs::write(data.join("notes/secret.png"), b"TOP-SECRET").unwrap();
    for forged in [
        "sandpit://asset/notes/..%2Fsecret.png",
        "sandpit://asset/notes/../secret.png",
        "sandpit://asset/notes/%2Fetc%2Fpasswd.png",
        "sandpit://asset/..%2Fnotes/img/x.png",
        "sandpit://asset/other/img/x.png",
    ] {
        let html = library.inline_images(&format!("<p><img src=\"{forged}\" alt=\"x\"></p>"));
        assert!(html.starts_with("<p><span class=\"embed missing\""), "{forged}: {html}");
        assert!(!html.contains("data:"), "{forged}: {html}");
    }
    // Other markup passes through untouched, `>` inside a quoted value included.
    let other = "<p title=\"a > b\">x &lt;img&gt;</p><img src=\"data:image/png;base64,AAAA\" alt=\"\">";
    assert_eq!(library.inline_images(other), other);
}
