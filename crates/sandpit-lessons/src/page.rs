//! A rendered lesson as a whole HTML document, through the tera template `ui/templates/lesson.html`
//! (compiled in, loaded once). In the app the stylesheet and the quiz script are files the page
//! links to — no inline script or style, so the desktop shell can use a strict Content Security
//! Policy. A *standalone* page (`sandpit lessons show --html`, saved to a file) carries both
//! inline instead, and [`crate::Library::inline_images`] embeds its images, so it opens in any
//! browser.

use sandpit_core::msg;
use serde::Serialize;

use crate::error::{LessonError, Result};
use crate::library::SourceKind;
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
struct Labels {
    toc: String,
    tags: String,
    labs: String,
    related: String,
}

#[derive(Serialize)]
struct LabLink {
    id: String,
    href: String,
}

#[derive(Serialize)]
struct Context<'a> {
    page: &'a RenderedPage,
    lang: &'static str,
    static_base: &'a str,
    kicker: String,
    toc: Vec<&'a TocEntry>,
    labs: Vec<LabLink>,
    labels: Labels,
    standalone: bool,
    css: &'static str,
    js: &'static str,
}

/// The whole HTML document for a rendered lesson (what `sandpit lessons show --html` prints).
pub fn render_page_html(page: &RenderedPage, options: &PageOptions) -> Result<String> {
    let say = |id: &str| msg::text(page.lang, id, &[]);
    let labels = Labels {
        toc: say("lessons-page-toc"),
        tags: say("lessons-page-tags"),
        labs: say("lessons-page-labs"),
        related: say("lessons-page-related"),
    };
    let kicker = match page.source {
        SourceKind::Builtin => say("lessons-page-builtin"),
        SourceKind::Imported => {
            msg::text(page.lang, "lessons-page-imported", &[("vault", vault_of(&page.id).into())])
        }
    };
    // Sections and subsections only; a one-entry table of contents is noise.
    let toc: Vec<&TocEntry> = page.toc.iter().filter(|e| (2..=3).contains(&e.level)).collect();
    let toc = if toc.len() > 1 { toc } else { Vec::new() };
    let context = Context {
        page,
        lang: page.lang.code(),
        static_base: options.static_base.trim_end_matches('/'),
        kicker,
        toc,
        labs: page.labs.iter().map(|id| LabLink { id: id.clone(), href: lab_href(id) }).collect(),
        labels,
        standalone: options.standalone,
        // `</` cannot end the inline elements early: neither file holds `</style` or `</script`.
        css: if options.standalone { LESSON_CSS } else { "" },
        js: if options.standalone { QUIZ_JS } else { "" },
    };
    sandpit_templates::render("lesson.html", &context).map_err(LessonError::Template)
}

fn vault_of(id: &str) -> &str {
    id.split('/').next().unwrap_or(id)
}
