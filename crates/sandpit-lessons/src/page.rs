//! A rendered lesson as a whole HTML document, through the tera template `ui/templates/lesson.html`
//! (compiled in, loaded once). In the app the stylesheet and the quiz script are files the page
//! links to — no inline script or style, so the desktop shell can use a strict Content Security
//! Policy. A *standalone* page (`sandpit lessons show --html`, saved to a file) carries both
//! inline instead, [`crate::Library::inline_images`] embeds its images, and its links to other
//! lessons and to labs become text naming the id, so it opens in any browser with nothing dead.

use sandpit_core::msg;
use serde::Serialize;

use crate::error::{LessonError, Result};
use crate::library::SourceKind;
use crate::names::escape_html;
use crate::render::{RenderedPage, TocEntry, lab_href};

/// The stylesheet the page links to (`<static_base>/lesson.css`), for the shell to serve.
pub const LESSON_CSS: &str = include_str!("../../../ui/static/lesson.css");

/// The quiz script the page links to (`<static_base>/quiz.js`), for the shell to serve.
pub const QUIZ_JS: &str = include_str!("../../../ui/static/quiz.js");

/// Options of the full page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageOptions {
    /// Where `lesson.css` and `quiz.js` are served from, without a trailing `/`
    /// (default `/static`, the `ui/static/` folder at the root of the shell's origin).
    pub static_base: String,
    /// Put the stylesheet and the quiz script inside the page (for a page saved to a file).
    pub standalone: bool,
}

impl Default for PageOptions {
    fn default() -> Self {
        PageOptions { static_base: "/static".to_owned(), standalone: false }
    }
}

#[derive(Serialize)]
struct LabLink {
    id: String,
    href: String,
}

#[derive(Serialize)]
struct Context<'a> {
    page: &'a RenderedPage,
    static_base: &'a str,
    kicker: String,
    toc: Vec<&'a TocEntry>,
    labs: Vec<LabLink>,
    standalone: bool,
    css: &'static str,
    js: &'static str,
}

/// The whole HTML document for a rendered lesson (what `sandpit lessons show --html` prints).
pub fn render_page_html(page: &RenderedPage, options: &PageOptions) -> Result<String> {
    let kicker = match page.source {
        SourceKind::Builtin => msg::text(page.lang, "lesson-page-kicker", &[]),
        SourceKind::Imported => {
            msg::text(page.lang, "lesson-page-kicker-notes", &[("vault", vault_of(&page.id).into())])
        }
    };
    // Sections and subsections only; a one-entry table of contents is noise.
    let toc: Vec<&TocEntry> = page.toc.iter().filter(|e| (2..=3).contains(&e.level)).collect();
    let toc = if toc.len() > 1 { toc } else { Vec::new() };
    let context = Context {
        page,
        static_base: options.static_base.trim_end_matches('/'),
        kicker,
        toc,
        labs: page.labs.iter().map(|id| LabLink { id: id.clone(), href: lab_href(id) }).collect(),
        standalone: options.standalone,
        // `</` cannot end the inline elements early: neither file holds `</style` or `</script`.
        css: if options.standalone { LESSON_CSS } else { "" },
        js: if options.standalone { QUIZ_JS } else { "" },
    };
    let html =
        sandpit_templates::render("lesson.html", page.lang, &context).map_err(LessonError::Template)?;
    Ok(if options.standalone { unlink_app_links(&html) } else { html })
}

/// Links to other lessons and to labs (`sandpit://lesson/…`, `sandpit://lab/…`) mean nothing
/// in a browser: in a standalone page each becomes its text followed by the id in `<code>`
/// (what `sandpit lessons show` or `sandpit lab` takes), unless the text is the id already.
fn unlink_app_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<a ") {
        let Some(tag_end) = rest[at..].find('>').map(|e| at + e + 1) else { break };
        let tag = &rest[at..tag_end];
        let id = ["sandpit://lesson/", "sandpit://lab/"].iter().find_map(|scheme| {
            let start = tag.find(&format!("href=\"{scheme}"))? + 6 + scheme.len();
            let end = start + tag[start..].find('"')?;
            Some(percent_decode(tag[start..end].split('#').next().unwrap_or_default()))
        });
        let close = rest[tag_end..].find("</a>").map(|e| tag_end + e);
        let (Some(id), Some(close)) = (id, close) else {
            out.push_str(&rest[..tag_end]);
            rest = &rest[tag_end..];
            continue;
        };
        let text = &rest[tag_end..close];
        let id_html = escape_html(&id);
        out.push_str(&rest[..at]);
        out.push_str("<span class=\"app-link\">");
        out.push_str(text);
        out.push_str("</span>");
        if text.trim() != id_html {
            out.push_str(" (<code>");
            out.push_str(&id_html);
            out.push_str("</code>)");
        }
        rest = &rest[close + 4..];
    }
    out.push_str(rest);
    out
}

/// `%XX` sequences as bytes, the rest as it is (invalid UTF-8 replaced).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) =
                (bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b)))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn vault_of(id: &str) -> &str {
    id.split('/').next().unwrap_or(id)
}
