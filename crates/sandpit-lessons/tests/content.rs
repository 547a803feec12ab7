//! The built-in lessons in `content/` obey content/README.md: front matter, both languages with
//! the same ids, wikilinks and headings that resolve, quizzes that parse. Runs over whatever
//! lessons are there and names every file and problem when one is bad.

use std::path::Path;

use sandpit_core::Lang;
use sandpit_lessons::{Library, check_builtin_content, check_content_dir, render_lesson};

/// Lab ids the lessons may link to: those content/README.md names, and every folder of `labs/`
/// that holds a `lab.toml` (more labs follow the same format).
fn known_labs() -> Vec<String> {
    let labs_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../labs");
    let mut ids: Vec<String> =
        ["three-tier-vpc", "vpc-peering", "rds-kms", "route53-records", "budget-guard"]
            .map(String::from)
            .to_vec();
    ids.extend(
        std::fs::read_dir(labs_dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().join("lab.toml").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned()),
    );
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn every_builtin_lesson_follows_the_content_rules() {
    let problems = check_builtin_content(&known_labs());
    let report: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{} problem(s) in content/:\n{}", problems.len(), report.join("\n"));
}

#[test]
fn every_builtin_lesson_loads_and_renders_in_both_languages() {
    let mut counts = Vec::new();
    for lang in Lang::ALL {
        let library = Library::builtin(lang).unwrap_or_else(|e| panic!("{e}"));
        for meta in library.list() {
            let page = render_lesson(&library, &meta.id).unwrap_or_else(|e| panic!("{e}"));
            assert!(page.unresolved.is_empty(), "{}: unresolved links {:?}", meta.path, page.unresolved);
            assert!(!page.html.contains("[["), "{}: raw wikilink brackets in the page", meta.path);
        }
        counts.push(library.list().len());
    }
    assert!(counts[0] > 0, "no built-in lesson found in content/ko");
    assert_eq!(counts[0], counts[1], "ko and en have different numbers of lessons");
}

/// The check itself must catch each kind of mistake, or the test above proves nothing.
#[test]
fn the_content_check_catches_each_kind_of_mistake() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let quiz = "```quiz\n? q\n- [ ] a\n- [x] b\n```\n";
    write(
        "ko/good.md",
        &format!(
            "---\nid: good\ntitle: 좋음\norder: 1\ntopic: basics\nlabs: [budget-guard]\nrelated: [bad]\n---\n## 키 정책\n\n[[good#키 정책]] [[lab:budget-guard]]\n\n{quiz}"
        ),
    );
    write(
        "en/good.md",
        "---\nid: good\ntitle: Good\norder: 1\ntopic: basics\n---\n## Key policy\n\n```quiz\n? q\n- [x] a\n- [ ] b\n```\n",
    );
    write(
        "ko/bad.md",
        "---\nid: bad\ntitle: 나쁨\norder: 1\ntopic: cooking\nrelated: [ghost]\n---\n[[ghost]] [[good#없는 제목]] [[lab:no-such-lab]] <b>x</b>\n\n```quiz\n? q\n- [ ] a\n- [ ] b\n```\n",
    );
    write("ko/nofm.md", "# no front matter\n");
    // A lesson with everything but its quiz, in both languages.
    write(
        "ko/noquiz.md",
        "---\nid: noquiz\ntitle: 문제 없음\norder: 3\ntopic: basics\n---\n## 하나\n\n본문.\n",
    );
    write("en/noquiz.md", "---\nid: noquiz\ntitle: No quiz\norder: 3\ntopic: basics\n---\n## One\n\nText.\n");
    // Pictures, colours and parity between the languages.
    let card = r##"<rect width="800" height="400" fill="#f8fafc"/>"##;
    let svg = |body: &str| {
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 400\">\n{body}\n</svg>\n")
    };
    write("assets/map-ko.svg", &svg(card));
    write("assets/map-en.svg", &svg(&format!("{card}\n<script>alert(1)</script>")));
    write("assets/unused.svg", &svg("<text onclick=\"go()\" fill=\"url(https://x.example/p)\">dark</text>"));
    write("assets/linked-ko.svg", &svg(&format!("{card}\n<image xlink:href=\"https://x.example/a.png\"/>")));
    write("assets/linked-en.svg", &svg(&format!("{card}\n<use href=\"#here\"/>")));
    write(
        "ko/pics.md",
        &format!(
            "---\nid: pics\ntitle: 그림\norder: 2\ntopic: basics\n---\n## 하나\n\n![[map-ko.svg]]\n\n![[map-en.svg]]\n\n![[gone.svg]]\n\n<font color=\"#e03131\">빨강</font> <font color=\"#000000\">검정</font>\n\n## 둘\n\n[[lab:budget-guard]] 문단 ^keep\n\n![[linked-ko.svg]]\n\n{quiz}"
        ),
    );
    write(
        "en/pics.md",
        "---\nid: pics\ntitle: Pictures\norder: 2\ntopic: basics\n---\n## One\n\n![[map-en.svg]]\n\n![alt](map-en.svg)\n\n```quiz\n? q\n- [ ] a\n- [x] b\n\n? r\n- [ ] a\n- [x] b\n```\n",
    );
    let problems = check_content_dir(dir.path(), &known_labs());
    let text = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    for expected in [
        "ko/bad.md: front matter field `topic`: `cooking` is not one of",
        "ko/bad.md:8: link to a lesson that does not exist: `[[ghost]]`",
        "ko/bad.md:8: `[[good#없는 제목]]`: `good` has no heading or block `없는 제목`",
        "ko/bad.md:8: link to unknown lab `[[lab:no-such-lab]]`",
        "ko/bad.md:8: raw HTML is not allowed",
        "ko/bad.md:11: quiz: question `q` has no right option",
        "ko/bad.md: missing in the other language: content/en/bad.md",
        "ko/nofm.md: no front matter",
        "en/good.md: quiz answers differ",
        "ko/pics.md:11: `![[map-en.svg]]` is labelled in `en`, this lesson is `ko`",
        "ko/pics.md:13: `![[gone.svg]]`: no such picture in",
        "ko/pics.md:15: raw HTML is not allowed in lessons, except <font color> with one of #e03131",
        "en/pics.md:11: Markdown images are not allowed in lessons",
        "assets/unused.svg: no lesson embeds this picture",
        "en/pics.md: `##` sections differ from",
        "en/pics.md: quiz questions differ from",
        "en/pics.md: lab links differ from",
        "en/pics.md: block ids differ from",
        "en/pics.md: pictures differ from",
        "ko/noquiz.md: no self-check quiz",
        "en/noquiz.md: no self-check quiz",
        "assets/map-en.svg:3: `<script>`: a picture runs no code",
        "assets/unused.svg:2: `onclick=`: a picture runs no code",
        "assets/unused.svg:2: `fill=\"url(https://x.example/p)\"` refers outside the picture",
        "assets/unused.svg:2: no background",
        "assets/linked-ko.svg:3: `xlink:href=\"https://x.example/a.png\"` refers outside the picture",
    ] {
        assert!(text.contains(expected), "expected `{expected}` in:\n{text}");
    }
    assert!(!problems.iter().any(|p| p.file.ends_with("ko/good.md")), "the good lesson was blamed:\n{text}");
    assert!(!text.contains("`<font color=\"#e03131\">`"), "a palette colour was blamed:\n{text}");
    assert!(!text.contains("map-ko.svg"), "a picture in the lesson's language was blamed:\n{text}");
    assert!(!text.contains("#here"), "a reference inside the picture was blamed:\n{text}");
}

/// Labs link to lessons and back: every lesson a lab or a lab step names exists in both
/// languages, and every built-in lab is practised by at least one lesson.
#[test]
fn labs_and_lessons_link_both_ways() {
    let labs = sandpit_core::labs::LabSet::builtin().expect("built-in labs");
    for lang in Lang::ALL {
        let library = Library::builtin(lang).expect("built-in lessons");
        for lab in labs.labs() {
            let named = lab.lessons.iter().chain(lab.steps.iter().flat_map(|s| &s.lessons));
            for id in named {
                assert!(
                    library.get(id).is_some(),
                    "lab {} links to lesson `{id}`, which does not exist ({lang})",
                    lab.id
                );
            }
            assert!(
                library.list().iter().any(|meta| meta.labs.contains(&lab.id)),
                "no {lang} lesson lists lab {} in its front matter",
                lab.id
            );
        }
    }
}

/// Built-in lessons use the notes' own syntax, and it works in the rendered page: pictures of
/// content/assets become `data:` URIs the desktop may show, block references land on an
/// element with that id, and `<font color>` survives the sanitiser as a coloured span.
#[test]
fn builtin_pictures_block_references_and_colours_render() {
    for lang in Lang::ALL {
        let library = Library::builtin(lang).expect("built-in lessons");
        let nat = render_lesson(&library, "vpc-igw-nat").unwrap();
        let picture = format!("src=\"sandpit://asset/.builtin/igw-nat-{}.svg\"", lang.code());
        assert!(nat.html.contains(&picture), "{lang}: no {picture} in\n{}", nat.html);
        let shown = library.inline_images(&nat.html);
        assert!(shown.contains("src=\"data:image/svg+xml;base64,"), "{lang}: picture not inlined");
        assert!(!shown.contains("sandpit://asset/"), "{lang}: a picture was left for the webview to fetch");

        let rds = render_lesson(&library, "rds-aurora").unwrap();
        assert!(rds.html.contains("<span style=\"color:#e03131\">"), "{lang}: <font color> lost");

        // Every block reference of every lesson lands on an element of its target page.
        let mut references = 0;
        for meta in library.list() {
            let html = render_lesson(&library, &meta.id).unwrap().html;
            for (at, _) in html.match_indices("href=\"sandpit://lesson/") {
                let href = &html[at + 6..];
                let href = &href[..href.find('"').unwrap()];
                let Some((target, block)) = href["sandpit://lesson/".len()..].split_once("#^") else {
                    continue;
                };
                references += 1;
                let target_html = render_lesson(&library, target).unwrap().html;
                assert!(
                    target_html.contains(&format!("id=\"^{block}\"")),
                    "{lang}: {} links to {target}#^{block}, which has no such element",
                    meta.path
                );
            }
        }
        assert!(references >= 5, "{lang}: only {references} block references in the built-in lessons");
    }
}

/// Only real pictures of content/assets are inlined for built-in lessons; anything else named
/// under the built-in prefix becomes a visible placeholder, never a file read.
#[test]
fn forged_builtin_picture_links_are_not_followed() {
    let library = Library::builtin(Lang::En).unwrap();
    for forged in [
        "sandpit://asset/.builtin/..%2FREADME.md",
        "sandpit://asset/.builtin/../README.md",
        "sandpit://asset/.builtin/%2Fetc%2Fpasswd.png",
        "sandpit://asset/.builtin/no-such-picture.svg",
        "sandpit://asset/.builtin/en/vpc-igw-nat.md",
    ] {
        let html = library.inline_images(&format!("<p><img src=\"{forged}\" alt=\"x\"></p>"));
        assert!(html.contains("embed missing"), "{forged} was not refused: {html}");
        assert!(!html.contains("data:"), "{forged} was read: {html}");
    }
}
