//! Sandpit's lesson library.
//!
//! Owns the lessons a learner reads: the built-in lessons in `content/{ko,en}/` (embedded in the
//! binary, front matter validated), notes the learner imports from an Obsidian vault or any
//! folder of Markdown ([`import_notes`] into `<data_dir>/notes/<vault>/`), rendering either to
//! sanitised HTML (GFM plus the Obsidian syntax people's notes use: wikilinks, embeds, callouts,
//! highlights, block ids, comments, tags; self-check quizzes) and to a full page through the tera
//! template in `ui/templates/`, and a full-text [`SearchIndex`] that works for Korean.
//!
//! Leaves out: labs and checks (`sandpit-core`), anything AWS, and presentation beyond the page
//! template (the desktop shell serves `ui/static/` and handles `sandpit://` links).
//!
//! ```no_run
//! use sandpit_core::Lang;
//! use sandpit_lessons::{Library, SearchIndex, render_lesson};
//!
//! let library = Library::builtin(Lang::Ko)?.with_imported(std::path::Path::new("/data"))?;
//! let page = render_lesson(&library, "vpc-igw-nat")?;
//! let hits = SearchIndex::build(&library).search("보안", 10);
//! # Ok::<(), sandpit_lessons::LessonError>(())
//! ```

mod assets;
mod check;
mod cjk;
mod error;
mod frontmatter;
mod import;
mod left_out;
mod library;
mod limits;
mod names;
mod page;
mod quiz;
mod render;
mod resolve;
mod sanitize;
mod search;
mod svg_lint;
mod syntax;
mod vaults;
mod walk;

pub use assets::MAX_IMAGE_BYTES;
pub use check::{ContentProblem, check_builtin_content, check_content_dir};
pub use error::{LessonError, Result};
pub use frontmatter::TOPICS;
pub use import::{
    CutShortNote, ImportOptions, ImportReport, SkippedFile, UnresolvedLink, import_notes, import_notes_with,
};
pub use library::{Lesson, LessonMeta, Library, NOTES_DIR, SourceKind};
pub use limits::{
    MAX_EMBEDDED_BYTES, MAX_EMBEDS, MAX_NESTING, MAX_NOTE_BYTES, MAX_OPEN_BRACKETS, MAX_PARSE_WORK,
    MAX_TABLE_CELLS, MAX_TABLE_COLUMNS,
};
pub use page::{LESSON_CSS, PageOptions, QUIZ_JS, render_page_html};
pub use render::{
    MAX_EMBED_DEPTH, PageLink, RenderedPage, TocEntry, lab_href, lesson_href, render_lesson, render_markdown,
};
pub use search::{Hit, SearchIndex, analysis, index_path};
pub use vaults::{VaultInfo, find_vault, list_vaults, remove_vault};
