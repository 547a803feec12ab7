//! Rendering: snapshot tests of the HTML for every Markdown feature we support (GFM and the
//! Obsidian syntax), plus plain asserts for what must hold whatever the snapshot says — above
//! all that hostile HTML never survives. Snapshots live in `tests/snapshots/`; after an intended
//! change, review the diff and accept it (`INSTA_UPDATE=always cargo test` or `cargo insta review`).

use std::fs;
use std::path::Path;

use sandpit_core::Lang;
use sandpit_lessons::{
    LessonError, Library, MAX_EMBED_DEPTH, PageOptions, RenderedPage, render_lesson, render_markdown,
    render_page_html,
};

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00,
    0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// Renders `md` as the note `vault/note` of an imported vault that also holds a few notes and
/// images to link to and embed.
fn render_note(md: &str) -> RenderedPage {
    render_note_in(Lang::Ko, md)
}

fn render_note_in(lang: Lang, md: &str) -> RenderedPage {
    let data = tempfile::tempdir().unwrap();
    let vault = data.path().join("notes/vault");
    write(&vault, "note.md", md.as_bytes());
    write(
        &vault,
        "AWS/Other Note.md",
        "# Other Note\n\n## 키 정책\n\nA paragraph to link to. ^blk1\n\n## Second\n\nMore text.\n\n- a list\n- to embed\n\n^list1\n"
            .as_bytes(),
    );
    write(
        &vault,
        "AWS/Embedded.md",
        b"# Embedded\n\nEmbedded *body* with a footnote[^e].\n\n[^e]: Embedded footnote.\n",
    );
    write(&vault, "Self.md", b"Self embeds itself:\n\n![[Self]]\n");
    for (i, next) in ["Chain 2", "Chain 3", "Chain 4", "Chain 5", "Chain 6", "Chain 7"].iter().enumerate() {
        write(&vault, &format!("Chain {}.md", i + 1), format!("Level {}\n\n![[{next}]]\n", i + 1).as_bytes());
    }
    write(&vault, "Chain 7.md", b"Level 7\n");
    write(&vault, "attachments/Pasted image 20231022154820.png", PNG);
    write(&vault, "attachments/diagram.svg", b"<svg onload=\"alert(1)\"></svg>");
    let library = Library::empty(lang).with_imported(data.path()).unwrap();
    render_lesson(&library, "vault/note").unwrap()
}

/// Hostile content must come out inert whatever else changes. Text is escaped by the renderer,
/// so every literal `<` opens a real element: each one is checked, name and attributes.
fn assert_inert(html: &str) {
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("").to_lowercase();
        let name =
            tag.trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
        assert!(
            !["script", "iframe", "style", "svg", "object", "embed", "form", "link", "meta", "base"]
                .contains(&name),
            "<{tag}> survived in:\n{html}"
        );
        for attr in tag.split_whitespace().skip(1) {
            assert!(!attr.starts_with("on"), "event handler in <{tag}>:\n{html}");
        }
        for bad in ["javascript:", "data:text", "data:image/svg"] {
            assert!(!tag.contains(bad), "`{bad}` in <{tag}>:\n{html}");
        }
    }
}

#[test]
fn gfm_blocks_and_inlines() {
    let page = render_note(
        "# Note\n\nIntro with **bold**, *em*, ~~struck~~, `code`, <https://aws.amazon.com> and a [link](https://docs.aws.amazon.com \"AWS docs\").\n\n\
         ## 보안 그룹 규칙\n\n### 보안 그룹 규칙\n\n\
         | 구분 | 왼쪽 | 가운데 | 오른쪽 |\n|---|:---|:---:|---:|\n| IGW | a | b | c |\n| NAT | `0.0.0.0/0` | **굵게** | 1 |\n\n\
         - [ ] 할 일\n- [x] 한 일\n\n3. three\n4. four\n\n- loose\n\n- list\n\n\
         Text with a footnote[^1] and another[^note].\n\n[^1]: First footnote.\n[^note]: Second, *formatted*.\n\n\
         > A plain quote\n> on two lines.\n\n---\n\n\
         ```sh\naws ec2 create-vpc --cidr-block 10.10.0.0/16 # <b>not html</b>\n```\n\n    indented code\n",
    );
    insta::assert_snapshot!("gfm", page.html);
    assert!(page.html.contains("<h2 id=\"보안-그룹-규칙\">"));
    assert!(page.html.contains("<h3 id=\"보안-그룹-규칙-1\">"), "duplicate headings get distinct anchors");
    assert_eq!(
        page.toc.iter().map(|e| (e.level, e.anchor.as_str())).collect::<Vec<_>>(),
        [(2, "보안-그룹-규칙"), (3, "보안-그룹-규칙-1")],
        "the title heading is shown by the page, not repeated"
    );
    assert!(page.html.contains("<input type=\"checkbox\" disabled=\"\" checked=\"\">"));
    assert!(page.html.contains("<ol start=\"3\">"));
    assert!(page.html.contains("# &lt;b&gt;not html&lt;/b&gt;"), "code is escaped, not parsed");
    assert!(page.html.contains("<section class=\"footnotes\""));
}

#[test]
fn wikilinks_resolve_or_show_as_missing() {
    let page = render_note(
        "Links: [[Other Note]], [[Other Note|alias]], [[Other Note#키 정책]], [[Other Note#^blk1|a block]], \
         [[AWS/Other Note]], [[other note]], [[#Local heading]], [[Nowhere]], [[Nowhere|with alias]].\n\n\
         Labs: [[lab:three-tier-vpc]] and [[lab:rds-kms|RDS 실습]].\n\n\
         | 표 | 링크 |\n|---|---|\n| 별칭 | [[Other Note\\|표 안의 별칭]] |\n\n\
         ## Local heading\n\nCode stays verbatim: `[[Other Note]]` and\n\n```md\n[[Other Note|x]] ![[Embedded]] ==no== %%no%% #notag\n```\n",
    );
    insta::assert_snapshot!("wikilinks", page.html);
    let html = &page.html;
    let other = "sandpit://lesson/vault/AWS/Other%20Note";
    assert!(html.contains(&format!("<a class=\"wikilink\" href=\"{other}\">Other Note</a>")));
    assert!(html.contains(&format!("<a class=\"wikilink\" href=\"{other}\">alias</a>")));
    assert!(html.contains(&format!("href=\"{other}#키-정책\">Other Note › 키 정책</a>")));
    assert!(html.contains(&format!("href=\"{other}#^blk1\">a block</a>")));
    assert!(html.contains("<a class=\"wikilink\" href=\"#local-heading\">Local heading</a>"));
    assert!(html.contains("<a class=\"wikilink missing\" data-target=\"Nowhere\""));
    assert!(html.contains("<a class=\"lab-link\" href=\"sandpit://lab/three-tier-vpc\">three-tier-vpc</a>"));
    assert!(html.contains("<a class=\"lab-link\" href=\"sandpit://lab/rds-kms\">RDS 실습</a>"));
    assert!(html.contains(">표 안의 별칭</a></td>"), "`\\|` inside a table cell is the alias bar");
    assert!(html.contains("<code>[[Other Note]]</code>"));
    assert!(html.contains("[[Other Note|x]] ![[Embedded]] ==no== %%no%% #notag"));
    assert_eq!(html.matches("[[").count(), 3, "brackets appear only inside code");
    assert_eq!(page.unresolved, ["Nowhere"]);
}

#[test]
fn embeds_of_images_notes_sections_and_blocks() {
    let page = render_note(
        "![[Pasted image 20231022154820.png]]\n\n![[Pasted image 20231022154820.png|300]]\n\n\
         ![[diagram.svg|아키텍처]]\n\n![[Missing picture.png]]\n\n![[Embedded]]\n\n![[Other Note#키 정책]]\n\n\
         ![[Other Note#^list1]]\n\n![[Self]]\n\n![[Chain 1]]\n\nInline ![[Embedded]] shows its first paragraph in the sentence.\n\n\
         ![[Nowhere]]\n\n![[report.pdf]]\n",
    );
    insta::assert_snapshot!("embeds", page.html);
    let html = &page.html;
    assert!(html.contains(
        "<img class=\"embed-image\" src=\"sandpit://asset/vault/attachments/Pasted%20image%2020231022154820.png\" alt=\"Pasted image 20231022154820.png\" width=\"300\""
    ));
    assert!(
        html.contains("src=\"sandpit://asset/vault/attachments/diagram.svg\" alt=\"아키텍처\""),
        "SVG only as <img>"
    );
    assert!(html.contains("<span class=\"embed missing\""));
    assert!(html.contains("Embedded <em>body</em>"));
    assert!(html.contains("Embedded footnote."));
    assert!(
        html.contains("A paragraph to link to.") && !html.contains("More text."),
        "only the section is embedded"
    );
    assert!(html.contains("<li>to embed</li>"), "the block named by ^list1 is the list before it");
    assert_eq!(html.matches("Self embeds itself").count(), 1, "a self-embed stops at once");
    assert!(
        html.contains("Level 4") && !html.contains("Level 5"),
        "embeds nest {MAX_EMBED_DEPTH} deep, no more"
    );
    assert_eq!(html.matches("class=\"embed-stopped\"").count(), 2, "one cycle, one depth limit");
    assert!(html.contains("<span class=\"embed unsupported\">report.pdf</span>"));
    assert_eq!(page.unresolved, ["Missing picture.png", "Nowhere"]);
    assert_inert(html);
}

#[test]
fn callouts_highlights_comments_tags_and_block_ids() {
    let page = render_note(
        "> [!note] 제목이 있는 참고\n> 본문 *강조*.\n\n> [!tip]- 접힌 팁\n> 숨은 내용\n\n> [!warning]+ 펼친 경고\n> - 목록\n> - 두 번째\n\n\
         > [!cost]\n> 제목 없는 비용 알림\n\n> [!unknown-kind] 낯선 종류\n\n> 평범한 인용\n\n\
         ==중요한 구절==, ==**굵은** 강조==, a == b == c, ===세 개===.\n\n\
         보이는 글 %%숨은 글 [[Nowhere]]%% 끝.\n%%\n여러 줄\n주석\n%%\n\n\
         태그 #aws 와 #보안/그룹 그리고 #vpc, 숫자만인 #123 은 태그가 아닙니다.\n\n\
         블록 아이디가 있는 문단 ^para-1\n\n| 표 |\n|---|\n| 셀 |\n\n^table-1\n\n- 항목 ^item-1\n",
    );
    insta::assert_snapshot!("obsidian_syntax", page.html);
    let html = &page.html;
    assert!(html.contains("<div class=\"callout callout-note\" data-callout=\"note\"><div class=\"callout-title\">제목이 있는 참고</div>"));
    assert!(html.contains("<details class=\"callout callout-tip\" data-callout=\"tip\"><summary class=\"callout-title\">접힌 팁</summary>"));
    assert!(html.contains("<details class=\"callout callout-warning\" data-callout=\"warning\" open=\"\">"));
    assert!(
        html.contains("<div class=\"callout-title\">비용</div>"),
        "a callout without a title gets its kind's name"
    );
    assert!(
        html.contains("<mark>중요한 구절</mark>") && html.contains("<mark><strong>굵은</strong> 강조</mark>")
    );
    assert!(html.contains("a == b == c"));
    assert!(!html.contains("숨은 글") && !html.contains("여러 줄") && page.unresolved.is_empty());
    assert!(html.contains("<span class=\"tag\">#보안/그룹</span>"));
    assert_eq!(page.tags, ["aws", "보안/그룹", "vpc"]);
    assert!(html.contains("<p id=\"^para-1\">블록 아이디가 있는 문단</p>"));
    assert!(html.contains("<table id=\"^table-1\">"));
    assert!(html.contains("<span class=\"block-anchor\" id=\"^item-1\"></span>항목"));
    assert!(!html.contains("^para-1<") && !html.contains(" ^item-1"));
}

#[test]
fn quizzes_render_interactive_and_broken_ones_degrade_in_notes() {
    let page = render_note(
        "## 확인 문제\n\n```quiz\n? NAT 게이트웨이는 어디에 둘까요?\n- [ ] 프라이빗 서브넷\n- [x] 퍼블릭 서브넷\n> 밖으로 나가는 길이 있어야 합니다.\n\n\
         ? 둘 다 고르세요 (`multi`)\n- [x] 첫째\n- [x] 둘째\n- [ ] 셋째\n```\n\n```quiz\n? 정답이 없는 문제\n- [ ] a\n- [ ] b\n```\n",
    );
    insta::assert_snapshot!("quiz", page.html);
    let html = &page.html;
    assert!(html.contains("data-answer=\"1\" data-multiple=\"false\""));
    assert!(html.contains("data-answer=\"0,1\" data-multiple=\"true\""));
    assert!(html.contains("<input type=\"checkbox\" name=\"quiz-1-2\" value=\"2\">"));
    assert!(html.contains("<code>multi</code>"));
    assert!(
        html.contains("<pre><code class=\"language-quiz\">? 정답이 없는 문제"),
        "a broken quiz shows as code"
    );
    assert_eq!(page.warnings.len(), 1);
    assert!(page.warnings[0].starts_with("notes/vault/note.md:16:"), "{}", page.warnings[0]);
    assert!(!html.contains("<script"), "the quiz needs no inline script");

    let en = render_note_in(Lang::En, "```quiz\n? Q\n- [x] a\n- [ ] b\n```\n");
    assert!(en.html.contains(">Check</button>") && en.html.contains("data-msg-correct=\"Correct.\""));
}

#[test]
fn hostile_html_is_sanitised() {
    let page = render_note(
        "<script>alert('x')</script>\n\n<img src=x onerror=\"alert(1)\">\n\n<a href=\"javascript:alert(1)\">js link</a>\n\n\
         <iframe src=\"https://evil.example\"></iframe>\n\n<style>body{display:none}</style>\n\n<svg onload=\"alert(1)\"><circle/></svg>\n\n\
         [markdown js](javascript:alert(1)) and [entity js](jav&#x09;ascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)\n\n\
         [[Nowhere|<script>alert(1)</script>]]\n\n\
         <p onclick=\"alert(1)\" style=\"background:url(https://t.example)\">handlers go</p>\n\n\
         <object data=\"x.swf\"></object><embed src=\"x.swf\"><form action=\"https://evil.example\"><input type=\"image\" src=\"x\"></form>\n\n\
         ![remote](https://tracker.example/pixel.gif) ![inline](data:image/png;base64,iVBORw0KGgo=) ![svg](data:image/svg+xml;base64,PHN2Zz4=)\n",
    );
    insta::assert_snapshot!("hostile", page.html);
    assert_inert(&page.html);
    let html = &page.html;
    for gone in [
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "<iframe",
        "<style",
        "<svg",
        "evil.example",
    ] {
        assert!(!html.to_lowercase().contains(gone), "`{gone}` survived in:\n{html}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;</a>"), "a wikilink alias is text: {html}");
    assert!(html.contains("<a>js link</a>"));
    assert!(html.contains("<p>handlers go</p>"));
    assert!(html.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""), "inline PNG is allowed");
    assert!(html.contains(
        "<a class=\"remote-image external\" href=\"https://tracker.example/pixel.gif\">remote</a>"
    ));
    assert!(!html.contains("tracker.example/pixel.gif\" alt"), "remote images are not loaded");

    // An alias that looks like an element is only text.
    let page = render_note("[[Other Note|<img src=x onerror=alert(1)>]]");
    assert_inert(&page.html);
    assert!(page.html.contains("Note\">&lt;img src=x onerror=alert(1)&gt;</a>"), "{}", page.html);
}

#[test]
fn harmless_formatting_html_is_kept() {
    let page = render_note(
        "<font color=\"red\">빨간 글씨</font>, <font color=\"#1e90ff\">파란 글씨</font>, <font face=\"x\">글꼴만</font>\n\n\
         줄<br>바꿈, H<sub>2</sub>O, x<sup>2</sup>, <u>밑줄</u>, <mark>표시</mark>, <kbd>Ctrl</kbd>\n\n\
         <details>\n<summary>펼치기</summary>\n\n숨은 **내용**\n\n</details>\n",
    );
    insta::assert_snapshot!("formatting_html", page.html);
    let html = &page.html;
    assert!(html.contains("<span style=\"color:red\">빨간 글씨</span>"));
    assert!(html.contains("<span style=\"color:#1e90ff\">파란 글씨</span>"));
    assert!(html.contains("<span>글꼴만</span>"));
    for kept in [
        "<br>",
        "<sub>2</sub>",
        "<sup>2</sup>",
        "<u>밑줄</u>",
        "<mark>표시</mark>",
        "<details>",
        "<summary>펼치기</summary>",
    ] {
        assert!(html.contains(kept), "`{kept}` missing in {html}");
    }
}

fn content_fixture(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        write(dir.path(), rel, text.as_bytes());
    }
    dir
}

const LESSON: &str = "---\nid: nat-basics\ntitle: NAT 기초\norder: 1\ntopic: networking\ntags: [nat, vpc]\nlabs: [three-tier-vpc]\nrelated: [sg-basics]\n---\n\
    NAT를 배웁니다. [[sg-basics]]와 [[sg-basics#규칙|규칙]]도 보세요.\n\n## 개념\n\n본문.\n\n## 확인 문제\n\n```quiz\n? 질문\n- [ ] 아니오\n- [x] 예\n```\n\n## 실습\n\n[[lab:three-tier-vpc]]\n";
const OTHER: &str = "---\nid: sg-basics\ntitle: 보안 그룹 기초\norder: 2\ntopic: security\ntags: []\nlabs: []\nrelated: []\n---\n## 규칙\n\n본문.\n";

#[test]
fn a_builtin_lesson_becomes_a_whole_page() {
    let dir = content_fixture(&[("ko/nat-basics.md", LESSON), ("ko/sg-basics.md", OTHER)]);
    let library = Library::from_content_dir(dir.path(), Lang::Ko).unwrap();
    let page = render_lesson(&library, "nat-basics").unwrap();
    assert!(
        page.html.contains("<a class=\"wikilink\" href=\"sandpit://lesson/sg-basics\">보안 그룹 기초</a>")
    );
    assert!(page.html.contains("<a class=\"wikilink\" href=\"sandpit://lesson/sg-basics#규칙\">규칙</a>"));
    assert_eq!(page.related.iter().map(|r| r.title.as_str()).collect::<Vec<_>>(), ["보안 그룹 기초"]);
    let html = render_page_html(&page, &PageOptions::default()).unwrap();
    insta::assert_snapshot!("page", html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ko\">"));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/static/lesson.css\">"));
    assert!(html.contains("<script src=\"/static/quiz.js\" defer></script>"));
    assert_eq!(html.matches("<script").count(), 1, "no inline script, only quiz.js");
    assert!(!html.contains("style=\"") && !html.contains("<style"), "no inline style");
    assert!(html.contains("<a href=\"#개념\">개념</a>"), "table of contents");
    assert!(html.contains("<li class=\"tag\">#nat</li>"));
    assert!(html.contains("<a class=\"lab-link\" href=\"sandpit://lab/three-tier-vpc\">three-tier-vpc</a>"));
    assert!(!html.contains("http://") && !html.contains("https://"), "no remote resource");
}

#[test]
fn a_broken_quiz_in_a_builtin_lesson_is_an_error_naming_file_and_line() {
    let broken = LESSON.replace("- [x] 예", "- [ ] 예");
    let dir = content_fixture(&[("ko/nat-basics.md", &broken), ("ko/sg-basics.md", OTHER)]);
    let library = Library::from_content_dir(dir.path(), Lang::Ko).unwrap();
    match render_lesson(&library, "nat-basics") {
        Err(LessonError::Quiz { file, line, message }) => {
            assert!(file.ends_with("ko/nat-basics.md"), "{file}");
            assert_eq!(line, 19);
            assert!(message.contains("no right option"), "{message}");
        }
        other => panic!("expected a quiz error, got {other:?}"),
    }
}

#[test]
fn bad_front_matter_in_a_builtin_lesson_names_file_and_field() {
    let dir =
        content_fixture(&[("ko/nat-basics.md", &LESSON.replace("topic: networking", "topic: cooking"))]);
    match Library::from_content_dir(dir.path(), Lang::Ko) {
        Err(LessonError::FrontMatter { file, field, .. }) => {
            assert!(file.ends_with("ko/nat-basics.md"));
            assert_eq!(field, "topic");
        }
        other => panic!("expected a front matter error, got {other:?}"),
    }
    let dir = content_fixture(&[("ko/nat-basics.md", "# no front matter\n")]);
    let err = Library::from_content_dir(dir.path(), Lang::Ko).unwrap_err();
    assert!(err.to_string().contains("nat-basics.md: no front matter"), "{err}");
}

#[test]
fn unknown_ids_are_an_error() {
    let library = Library::empty(Lang::Ko);
    assert!(matches!(render_lesson(&library, "nope"), Err(LessonError::UnknownLesson(id)) if id == "nope"));
}

/// Bold or italic closed by `**` after punctuation and before a Korean particle is
/// emphasis (CJK-friendly emphasis), and what is not emphasis stays as written.
#[test]
fn emphasis_before_a_korean_particle_is_emphasis() {
    let page = render_note(
        "**보안 그룹(SG)**은 방화벽입니다. **`npm publish`**를 실행하고 *가용 영역(AZ)*을 나눕니다.\n\n\
         ~~NAT(유료)~~는 지웠고 **“따옴표”**도 굵게.\n\n\
         값은 a ** b ** c 와 5 * 3 * 2 와 `**코드(x)**는` 그대로, 2**3**4는 CommonMark대로.\n",
    );
    let html = &page.html;
    assert!(html.contains("<strong>보안 그룹(SG)</strong>은 방화벽"), "{html}");
    assert!(html.contains("<strong><code>npm publish</code></strong>를"), "{html}");
    assert!(html.contains("<em>가용 영역(AZ)</em>을"), "{html}");
    assert!(html.contains("<del>NAT(유료)</del>는"), "{html}");
    assert!(html.contains("<strong>“따옴표”</strong>도"), "{html}");
    // Spaced asterisks, code and escapes are not emphasis; `2**3**4` is emphasis in CommonMark
    // already and stays exactly that.
    assert!(html.contains("값은 a ** b ** c 와 5 * 3 * 2 와 <code>**코드(x)**는</code>"), "{html}");
    assert!(html.contains("2<strong>3</strong>4는"), "{html}");
    assert!(!html.contains("**보안") && !html.contains("(SG)**"), "{html}");
}

/// `$math$` is shown as code, not as raw dollar signs; prices stay text.
#[test]
fn math_is_shown_as_code_and_prices_stay_text() {
    let page = render_note(
        "넓이는 $\\pi r^2$ 입니다. 가격은 $5 그리고 $10 입니다.\n\n$$\nE = mc^2\n$$\n\n`$HOME`은 코드.\n",
    );
    let html = &page.html;
    assert!(html.contains("<code>\\pi r^2</code>"), "{html}");
    assert!(html.contains("가격은 $5 그리고 $10"), "{html}");
    assert!(html.contains("<pre><code class=\"language-math\">E = mc^2\n</code></pre>"), "{html}");
    assert!(html.contains("<code>$HOME</code>"), "{html}");
}

/// `sandpit lessons show --html` pages stand alone: the stylesheet and the quiz script inside,
/// nothing fetched from `/static/`. Neither file may hold what would end its element early.
#[test]
fn a_standalone_page_carries_its_style_and_script() {
    let page = render_note("# 제목\n\n본문\n");
    let options = PageOptions { standalone: true, ..PageOptions::default() };
    let html = render_page_html(&page, &options).unwrap();
    assert!(html.contains("<style>\n") && html.contains(sandpit_lessons::LESSON_CSS), "styles inline");
    assert!(html.contains("<script>\n") && html.contains(sandpit_lessons::QUIZ_JS), "script inline");
    assert!(!html.contains("/static/"), "{html}");
    for file in [sandpit_lessons::LESSON_CSS, sandpit_lessons::QUIZ_JS] {
        assert!(!file.to_lowercase().contains("</style") && !file.to_lowercase().contains("</script"));
    }
    let linked = render_page_html(&page, &PageOptions::default()).unwrap();
    assert!(linked.contains("href=\"/static/lesson.css\"") && !linked.contains("<style>"));
}

/// The paragraphs of `html`, attributes left out, quotes unescaped, whitespace collapsed: what
/// the reference renderer and ours must agree on.
fn paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<p>") {
        let end = rest[start..].find("</p>").map_or(rest.len(), |e| start + e + 4);
        // Tags keep their name only: attributes (`href`, `class`) differ between renderers and
        // are not the point.
        let mut p = String::new();
        let mut chars = rest[start..end].chars();
        while let Some(c) = chars.next() {
            p.push(c);
            if c == '<' {
                for c in chars.by_ref() {
                    if c == '>' {
                        p.push(c);
                        break;
                    }
                    if c.is_whitespace() {
                        chars.by_ref().find(|c| *c == '>');
                        p.push('>');
                        break;
                    }
                    p.push(c);
                }
            }
        }
        // markdown-it writes strikethrough as `<s>`.
        let p = p.replace("<s>", "<del>").replace("</s>", "</del>");
        let p = p.replace("&quot;", "\"").replace("&#39;", "'");
        out.push(p.split_whitespace().collect::<Vec<_>>().join(" "));
        rest = &rest[end..];
    }
    out
}

/// Korean (and some Chinese, Japanese and English) paragraphs with their HTML from markdown-it
/// 15 with markdown-it-cjk-friendly 3 (`tests/fixtures/cjk-emphasis/`: regenerate
/// `expected.html` with `node ref.mjs cases.md` after changing `cases.md`): emphasis pairs
/// exactly as there, including where CommonMark pairs differently (`**보안 그룹(SG)**은
/// 인스턴스**별**로`).
#[test]
fn cjk_emphasis_pairs_as_markdown_it_cjk_friendly_does() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cjk-emphasis");
    let cases = fs::read_to_string(dir.join("cases.md")).unwrap();
    let expected = paragraphs(&fs::read_to_string(dir.join("expected.html")).unwrap());
    let html = render_markdown(&Library::empty(Lang::Ko), &cases);
    let ours = paragraphs(&html);
    assert!(expected.len() >= 50, "{} paragraphs", expected.len());
    assert_eq!(ours.len(), expected.len(), "{html}");
    let differ: Vec<String> = ours
        .iter()
        .zip(&expected)
        .filter(|(o, e)| o != e)
        .map(|(o, e)| format!("ours:     {o}\nexpected: {e}"))
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} paragraphs differ:\n{}",
        differ.len(),
        expected.len(),
        differ.join("\n\n")
    );
}
