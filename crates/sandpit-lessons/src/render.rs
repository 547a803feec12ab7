//! Markdown → HTML: our own walk over markdown-rs's syntax tree (GFM), so that the Obsidian
//! extensions can be rendered where they belong (a callout is a block, an embed is a block, a
//! block id is an attribute) and code stays verbatim. The whole page is sanitised once at the end
//! ([`crate::sanitize`]): raw HTML in notes is passed through here and cleaned there.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

use markdown::mdast::{self, AlignKind, Node};
use sandpit_core::{Lang, msg};
use serde::Serialize;

use crate::error::{LessonError, Result};
use crate::library::{Lesson, Library, SourceKind};
use crate::limits::{
    Cut, MAX_EMBEDDED_BYTES, MAX_EMBEDS, MAX_NESTING, MAX_OPEN_BRACKETS, MAX_PARSE_WORK, MAX_TABLE_CELLS,
    MAX_TABLE_COLUMNS,
};
use crate::names::{Slugger, encode_fragment, encode_path, escape_html, push_escaped, slugify};
use crate::quiz;
use crate::resolve::{extension, is_image};
use crate::sanitize;
use crate::syntax::{Links, Parsed, Piece, WikiLink, parse_markdown, scan, split_block_id};

/// How deep `![[note]]` embeds may nest before we stop (a note embedding a note embedding …).
pub const MAX_EMBED_DEPTH: usize = 4;

/// A lesson rendered to HTML, with what a page shows around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedPage {
    /// The lesson id.
    pub id: String,
    /// The title.
    pub title: String,
    /// Built-in or imported.
    pub source: SourceKind,
    /// The language of the page chrome (quiz buttons, callout titles).
    pub lang: Lang,
    /// The sanitised body HTML (no `<html>`/`<body>`; see [`crate::render_page_html`]).
    pub html: String,
    /// The headings, in order, for a table of contents.
    pub toc: Vec<TocEntry>,
    /// Front matter tags, then `#tags` found in the text, without duplicates.
    pub tags: Vec<String>,
    /// Lab ids this lesson is practised in.
    pub labs: Vec<String>,
    /// Related lessons that exist in the library.
    pub related: Vec<PageLink>,
    /// Wikilink targets that did not resolve (rendered as missing links).
    pub unresolved: Vec<String>,
    /// Things a reader of an imported note should know (e.g. a quiz block that did not parse).
    pub warnings: Vec<String>,
}

/// One heading of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 1–6.
    pub level: u8,
    /// The heading as plain text.
    pub text: String,
    /// The `id` of the heading element.
    pub anchor: String,
}

/// A link to another lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PageLink {
    /// The lesson id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `sandpit://lesson/<id>`.
    pub href: String,
}

/// The URL of a lesson inside the desktop app.
pub fn lesson_href(id: &str) -> String {
    format!("sandpit://lesson/{}", encode_path(id))
}

/// The URL of a lab inside the desktop app.
pub fn lab_href(id: &str) -> String {
    format!("sandpit://lab/{}", encode_path(id))
}

/// Renders the lesson `id` of `library`. For a built-in lesson, a malformed quiz is an error
/// naming the file and line; for an imported note it becomes a code block and a warning.
pub fn render_lesson(library: &Library, id: &str) -> Result<RenderedPage> {
    let lesson = library.get(id).ok_or_else(|| LessonError::UnknownLesson(id.to_owned()))?;
    let parsed = parse_markdown(&lesson.body);
    let mut r = Renderer::new(
        library,
        lesson,
        &parsed,
        vec![lesson.meta.id.clone()],
        String::new(),
        Rc::new(EmbedBudget { page: lesson.meta.path.clone(), ..EmbedBudget::default() }),
    );
    r.toc_enabled = true;
    r.note_limits(lesson, &parsed);
    let blocks = skip_title_heading(parsed.blocks(), &lesson.meta.title, &parsed.links);
    r.collect_definitions(&parsed.root);
    r.blocks(blocks, false);
    r.footnotes();
    if let Some(err) = r.error {
        return Err(err);
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in lesson.meta.tags.iter().chain(&r.tags) {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    let related = lesson
        .meta
        .related
        .iter()
        .filter_map(|rid| library.get(rid))
        .map(|l| PageLink {
            id: l.meta.id.clone(),
            title: l.meta.title.clone(),
            href: lesson_href(&l.meta.id),
        })
        .collect();
    Ok(RenderedPage {
        id: lesson.meta.id.clone(),
        title: lesson.meta.title.clone(),
        source: lesson.meta.source,
        lang: library.lang(),
        html: sanitize::clean(&r.out),
        toc: r.toc,
        tags,
        labs: lesson.meta.labs.clone(),
        related,
        unresolved: r.unresolved,
        warnings: r.warnings,
    })
}

/// One sentence per way the note at `path` was cut short by the limits (see [`crate::limits`]),
/// naming the note, the limit and the first lines it touched.
pub(crate) fn limit_warnings(lang: Lang, path: &str, parsed: &Parsed) -> Vec<String> {
    let say = |id: &str, max: String, lines: &[usize]| {
        let mut shown: Vec<String> = lines.iter().take(5).map(usize::to_string).collect();
        if lines.len() > 5 {
            shown.push("…".to_owned());
        }
        let lines = if shown.is_empty() { "-".to_owned() } else { shown.join(", ") };
        msg::text(lang, id, &[("path", path.into()), ("max", max.into()), ("lines", lines.into())])
    };
    if let Some(work) = parsed.too_complex {
        return vec![msg::text(
            lang,
            "lessons-too-complex",
            &[
                ("path", path.into()),
                ("work", work.to_string().into()),
                ("max", MAX_PARSE_WORK.to_string().into()),
            ],
        )];
    }
    let mut out = Vec::new();
    for (cut, id, max) in [
        (Cut::Nesting, "lessons-nesting-exceeded", MAX_NESTING),
        (Cut::Brackets, "lessons-brackets-exceeded", MAX_OPEN_BRACKETS),
        (Cut::TableColumns, "lessons-table-too-wide", MAX_TABLE_COLUMNS),
        (Cut::TableCells, "lessons-table-too-long", MAX_TABLE_CELLS),
    ] {
        let mut lines: Vec<usize> =
            parsed.limited.iter().filter(|(_, c)| *c == cut).map(|(l, _)| *l).collect();
        lines.dedup();
        if !lines.is_empty() || (cut == Cut::Nesting && parsed.flattened) {
            out.push(say(id, max.to_string(), &lines));
        }
    }
    out
}

/// Markdown that is not a lesson (a lab's instructions, its why and clean-up notes) rendered
/// exactly as lesson text is: GFM, callouts, highlights, wikilinks to the lessons of `library`,
/// raw HTML sanitised. Lab text and lessons thus look the same wherever they are shown.
pub fn render_markdown(library: &Library, markdown: &str) -> String {
    let lesson = Lesson {
        meta: crate::library::LessonMeta {
            id: String::new(),
            title: String::new(),
            source: SourceKind::Builtin,
            lang: Some(library.lang()),
            vault: None,
            order: None,
            topic: None,
            tags: Vec::new(),
            labs: Vec::new(),
            related: Vec::new(),
            path: "lab text".to_owned(),
        },
        markdown: markdown.to_owned(),
        body: markdown.to_owned(),
        vault_path: None,
    };
    let parsed = parse_markdown(&lesson.body);
    // Ids are prefixed so that headings in several snippets on one page never collide.
    let mut r = Renderer::new(
        library,
        &lesson,
        &parsed,
        Vec::new(),
        "lab-".to_owned(),
        Rc::new(EmbedBudget { page: lesson.meta.path.clone(), ..EmbedBudget::default() }),
    );
    r.note_limits(&lesson, &parsed);
    r.collect_definitions(&parsed.root);
    r.blocks(parsed.blocks(), false);
    r.footnotes();
    sanitize::clean(&r.out)
}

/// The page already shows the title; a first `# heading` saying the same is not repeated.
fn skip_title_heading<'n>(blocks: &'n [Node], title: &str, links: &Links) -> &'n [Node] {
    match blocks.first() {
        Some(Node::Heading(h)) if h.depth == 1 && plain_text(&h.children, links).trim() == title => {
            &blocks[1..]
        }
        _ => blocks,
    }
}

/// Plain text of inline nodes: what a reader sees, wikilinks shown as their alias or target.
pub(crate) fn plain_text(nodes: &[Node], links: &Links) -> String {
    let mut out = String::new();
    push_plain(&mut out, nodes, links);
    out
}

fn push_plain(out: &mut String, nodes: &[Node], links: &Links) {
    for node in nodes {
        match node {
            Node::Text(t) => {
                for piece in scan(&t.value, links) {
                    match piece {
                        Piece::Text(s) => out.push_str(s),
                        Piece::Tag(tag) => {
                            out.push('#');
                            out.push_str(tag);
                        }
                        Piece::Link(link) if link.embed => {}
                        Piece::Link(link) => out.push_str(link_label(&link)),
                    }
                }
            }
            Node::InlineCode(c) => out.push_str(&c.value),
            Node::Code(c) => out.push_str(&c.value),
            Node::InlineMath(m) => out.push_str(&m.value),
            Node::Break(_) => out.push('\n'),
            Node::Html(_) | Node::Yaml(_) | Node::Toml(_) | Node::Definition(_) => {}
            Node::Image(i) => out.push_str(&i.alt),
            other => {
                if let Some(children) = other.children() {
                    let block = matches!(
                        other,
                        Node::Paragraph(_)
                            | Node::Heading(_)
                            | Node::ListItem(_)
                            | Node::TableRow(_)
                            | Node::Blockquote(_)
                            | Node::FootnoteDefinition(_)
                    );
                    push_plain(out, children, links);
                    if block {
                        out.push('\n');
                    } else if matches!(other, Node::TableCell(_)) {
                        out.push(' ');
                    }
                }
            }
        }
    }
}

/// A wikilink's text without rendering: the alias, else the target (or the fragment).
fn link_label<'a>(link: &WikiLink<'a>) -> &'a str {
    link.alias.unwrap_or(if link.target.is_empty() {
        link.fragment.unwrap_or_default().trim_start_matches('^')
    } else {
        link.lab().unwrap_or(link.target)
    })
}

/// The heading anchors and block ids of a lesson body, for checking `[[page#heading]]` links.
pub(crate) fn anchors(parsed: &Parsed) -> (Vec<String>, Vec<String>) {
    let mut slugger = Slugger::default();
    let mut headings = Vec::new();
    let mut blocks = Vec::new();
    fn walk(
        node: &Node,
        links: &Links,
        slugger: &mut Slugger,
        headings: &mut Vec<String>,
        blocks: &mut Vec<String>,
    ) {
        match node {
            Node::Heading(h) => headings.push(slugger.unique(&plain_text(&h.children, links))),
            Node::Paragraph(p) => {
                if let Some(Node::Text(t)) = p.children.last()
                    && let Some((_, id)) = split_block_id(&t.value)
                {
                    blocks.push(id.to_owned());
                }
            }
            _ => {
                for child in node.children().map(Vec::as_slice).unwrap_or_default() {
                    walk(child, links, slugger, headings, blocks);
                }
            }
        }
    }
    walk(&parsed.root, &parsed.links, &mut slugger, &mut headings, &mut blocks);
    (headings, blocks)
}

/// Localised words of the page chrome, read from the catalogue once per language.
struct Words {
    check: String,
    correct: String,
    wrong: String,
    choose: String,
    missing_page: String,
    missing_image: String,
    embed_cycle: String,
    embed_too_deep: String,
    embed_budget: String,
    quiz_broken: String,
    footnotes: String,
    back: String,
    question: String,
}

impl Words {
    fn load(lang: Lang) -> Self {
        let say = |id: &str| msg::text(lang, id, &[]);
        Words {
            check: say("lessons-quiz-check"),
            correct: say("lessons-quiz-correct"),
            wrong: say("lessons-quiz-wrong"),
            choose: say("lessons-quiz-choose"),
            missing_page: say("lessons-missing-page"),
            missing_image: say("lessons-missing-image"),
            embed_cycle: say("lessons-embed-cycle"),
            embed_too_deep: say("lessons-embed-too-deep"),
            embed_budget: say("lessons-embed-budget"),
            quiz_broken: say("lessons-quiz-broken"),
            footnotes: say("lessons-footnotes"),
            back: say("lessons-back-to-text"),
            question: say("lessons-quiz-question"),
        }
    }
}

fn words(lang: Lang) -> &'static Words {
    static KO: LazyLock<Words> = LazyLock::new(|| Words::load(Lang::Ko));
    static EN: LazyLock<Words> = LazyLock::new(|| Words::load(Lang::En));
    match lang {
        Lang::Ko => &KO,
        Lang::En => &EN,
    }
}

/// The default title of a callout type, and the canonical type used for styling.
fn callout_kind(kind: &str, lang: Lang) -> (&'static str, String) {
    let canonical = match kind {
        "note" => "note",
        "info" | "todo" => "info",
        "tip" | "hint" | "important" => "tip",
        "warning" | "caution" | "attention" => "warning",
        "danger" | "error" => "danger",
        "cost" => "cost",
        "success" | "check" | "done" => "success",
        "question" | "help" | "faq" => "question",
        "failure" | "fail" | "missing" => "failure",
        "bug" => "bug",
        "example" => "example",
        "quote" | "cite" => "quote",
        "abstract" | "summary" | "tldr" => "abstract",
        _ => "note",
    };
    let title = match canonical {
        "note" => "lessons-callout-note",
        "info" => "lessons-callout-info",
        "tip" => "lessons-callout-tip",
        "warning" => "lessons-callout-warning",
        "danger" => "lessons-callout-danger",
        "cost" => "lessons-callout-cost",
        "success" => "lessons-callout-success",
        "question" => "lessons-callout-question",
        "failure" => "lessons-callout-failure",
        "bug" => "lessons-callout-bug",
        "example" => "lessons-callout-example",
        "quote" => "lessons-callout-quote",
        _ => "lessons-callout-abstract",
    };
    (canonical, msg::text(lang, title, &[]))
}

/// One item of an inline run, after adjacent texts were merged and `==` markers found.
enum Inline<'n> {
    Text(String),
    Node(&'n Node),
    /// An `==` marker: `Some(true)` opens a highlight, `Some(false)` closes one, `None` is text.
    Mark(Option<bool>),
}

/// Embeds left for one page (see [`crate::limits`]), shared by the renderers of its embeds.
#[derive(Debug, Default)]
struct EmbedBudget {
    /// The file of the page, for the warning.
    page: String,
    embeds: Cell<usize>,
    bytes: Cell<usize>,
    warned: Cell<bool>,
}

impl EmbedBudget {
    /// Takes room for an embed of `bytes` of Markdown; `false` when the page has none left.
    fn take(&self, bytes: usize) -> bool {
        if self.embeds.get() >= MAX_EMBEDS || self.bytes.get() + bytes > MAX_EMBEDDED_BYTES {
            return false;
        }
        self.embeds.set(self.embeds.get() + 1);
        self.bytes.set(self.bytes.get() + bytes);
        true
    }
}

struct Renderer<'a> {
    lib: &'a Library,
    lesson: &'a Lesson,
    /// The wikilinks behind the placeholders of the tree being rendered.
    links: Rc<Links>,
    words: &'static Words,
    out: String,
    toc_enabled: bool,
    toc: Vec<TocEntry>,
    slugger: Slugger,
    tags: Vec<String>,
    unresolved: Vec<String>,
    warnings: Vec<String>,
    error: Option<LessonError>,
    definitions: HashMap<String, (String, Option<String>)>,
    footnote_defs: HashMap<String, Vec<Node>>,
    footnote_order: Vec<String>,
    footnote_refs: HashMap<String, usize>,
    embed_stack: Vec<String>,
    id_prefix: String,
    /// What the whole page (this renderer and every embedded one) may still embed.
    budget: Rc<EmbedBudget>,
    embeds: usize,
    quizzes: usize,
    in_link: usize,
    /// Rendering an embed inside running text: no footnotes section follows, so no references.
    inline_only: bool,
}

impl<'a> Renderer<'a> {
    fn new(
        lib: &'a Library,
        lesson: &'a Lesson,
        parsed: &Parsed,
        embed_stack: Vec<String>,
        id_prefix: String,
        budget: Rc<EmbedBudget>,
    ) -> Self {
        Renderer {
            lib,
            lesson,
            links: Rc::new(parsed.links.clone()),
            words: words(lib.lang()),
            out: String::new(),
            toc_enabled: false,
            toc: Vec::new(),
            slugger: Slugger::default(),
            tags: Vec::new(),
            unresolved: Vec::new(),
            warnings: Vec::new(),
            error: None,
            definitions: HashMap::new(),
            footnote_defs: HashMap::new(),
            footnote_order: Vec::new(),
            footnote_refs: HashMap::new(),
            embed_stack,
            id_prefix,
            budget,
            embeds: 0,
            quizzes: 0,
            in_link: 0,
            inline_only: false,
        }
    }

    /// Says, in the page's warnings, where the note was cut short by the limits.
    fn note_limits(&mut self, lesson: &Lesson, parsed: &Parsed) {
        self.warnings.extend(limit_warnings(self.lib.lang(), &lesson.meta.path, parsed));
    }

    fn fail(&mut self, err: LessonError) {
        if self.error.is_none() {
            self.error = Some(err);
        }
    }

    fn collect_definitions(&mut self, node: &Node) {
        match node {
            Node::Definition(d) => {
                self.definitions.entry(d.identifier.clone()).or_insert((d.url.clone(), d.title.clone()));
            }
            Node::FootnoteDefinition(f) => {
                self.footnote_defs.entry(f.identifier.clone()).or_insert_with(|| f.children.clone());
            }
            _ => {
                for child in node.children().map(Vec::as_slice).unwrap_or_default() {
                    self.collect_definitions(child);
                }
            }
        }
    }

    // ---- blocks ------------------------------------------------------------------------------

    fn blocks(&mut self, nodes: &[Node], tight: bool) {
        let mut i = 0;
        while i < nodes.len() {
            let node = &nodes[i];
            // `^id` alone on a line after a table, list or quote names that block.
            let trailing_id = match nodes.get(i + 1) {
                Some(next) if !matches!(node, Node::Paragraph(_)) => standalone_block_id(next),
                _ => None,
            };
            if let Some(id) = standalone_block_id(node) {
                // An id with no block before it still gives the link a place to land.
                self.out.push_str(&format!(
                    "<span class=\"block-anchor\" id=\"{}\"></span>",
                    self.block_anchor(id)
                ));
                i += 1;
                continue;
            }
            self.block(node, tight, trailing_id);
            i += if trailing_id.is_some() { 2 } else { 1 };
        }
    }

    fn block_anchor(&self, id: &str) -> String {
        escape_html(&format!("{}^{id}", self.id_prefix))
    }

    fn id_attr(&self, block_id: Option<&str>) -> String {
        block_id.map(|id| format!(" id=\"{}\"", self.block_anchor(id))).unwrap_or_default()
    }

    fn block(&mut self, node: &Node, tight: bool, block_id: Option<&str>) {
        match node {
            Node::Paragraph(p) => self.paragraph(p, tight, block_id),
            Node::Heading(h) => self.heading(h),
            Node::Blockquote(q) => self.blockquote(q, block_id),
            Node::List(l) => self.list(l, block_id),
            Node::Code(c) => self.code(c, block_id),
            Node::Html(h) => {
                let html = self.links.restore(&h.value).into_owned();
                self.out.push_str(&html);
                self.out.push('\n');
            }
            Node::ThematicBreak(_) => self.out.push_str("<hr>\n"),
            Node::Table(t) => self.table(t, block_id),
            Node::Math(m) => {
                self.out.push_str("<pre class=\"math\"><code>");
                push_escaped(&mut self.out, &m.value);
                self.out.push_str("</code></pre>\n");
            }
            Node::Definition(_) | Node::FootnoteDefinition(_) | Node::Yaml(_) | Node::Toml(_) => {}
            other => {
                // Inline content where a block was expected (never produced by the parser for
                // Markdown, kept for safety): render it as a paragraph.
                self.out.push_str("<p>");
                self.inlines(std::slice::from_ref(other));
                self.out.push_str("</p>\n");
            }
        }
    }

    fn paragraph(&mut self, p: &mdast::Paragraph, tight: bool, outer_id: Option<&str>) {
        if self.embed_paragraph(&p.children) {
            return;
        }
        let mut block_id = outer_id.map(str::to_owned);
        let mut owned: Option<Vec<Node>> = None;
        if let Some(Node::Text(last)) = p.children.last()
            && let Some((before, id)) = split_block_id(&last.value)
        {
            block_id = Some(id.to_owned());
            let mut children = p.children.clone();
            if before.is_empty() {
                children.pop();
            } else if let Some(Node::Text(t)) = children.last_mut() {
                t.value = before.to_owned();
            }
            owned = Some(children);
        }
        let nodes: &[Node] = owned.as_deref().unwrap_or(&p.children);
        if tight {
            if let Some(id) = &block_id {
                self.out.push_str(&format!(
                    "<span class=\"block-anchor\" id=\"{}\"></span>",
                    self.block_anchor(id)
                ));
            }
            self.inlines(nodes);
        } else {
            self.out.push_str(&format!("<p{}>", self.id_attr(block_id.as_deref())));
            self.inlines(nodes);
            self.out.push_str("</p>\n");
        }
    }

    /// A paragraph made only of `![[…]]` embeds (one per line, as Obsidian users write them)
    /// renders each embed as a block. Returns `false`, rendering nothing, otherwise.
    fn embed_paragraph(&mut self, children: &[Node]) -> bool {
        let owned = Rc::clone(&self.links);
        let mut links = Vec::new();
        for child in children {
            match child {
                Node::Text(t) => {
                    for piece in scan(&t.value, &owned) {
                        match piece {
                            Piece::Text(s) if s.trim().is_empty() => {}
                            Piece::Link(l) if l.embed => links.push(l),
                            _ => return false,
                        }
                    }
                }
                Node::Break(_) => {}
                _ => return false,
            }
        }
        if links.is_empty() {
            return false;
        }
        for link in links {
            if is_image(link.target) {
                self.out.push_str("<p class=\"embed-image\">");
                self.embed(&link, false);
                self.out.push_str("</p>\n");
            } else {
                self.embed(&link, true);
            }
        }
        true
    }

    fn heading(&mut self, h: &mdast::Heading) {
        let text = plain_text(&h.children, &self.links);
        let anchor = format!("{}{}", self.id_prefix, self.slugger.unique(&text));
        if self.toc_enabled {
            self.toc.push(TocEntry { level: h.depth, text: text.trim().to_owned(), anchor: anchor.clone() });
        }
        self.out.push_str(&format!("<h{} id=\"{}\">", h.depth, escape_html(&anchor)));
        self.inlines(&h.children);
        self.out.push_str(&format!("</h{}>\n", h.depth));
    }

    fn blockquote(&mut self, q: &mdast::Blockquote, block_id: Option<&str>) {
        if self.callout(q, block_id) {
            return;
        }
        self.out.push_str(&format!("<blockquote{}>\n", self.id_attr(block_id)));
        self.blocks(&q.children, false);
        self.out.push_str("</blockquote>\n");
    }

    /// `> [!type]± Title` followed by `>` lines. Returns `false` for an ordinary quote.
    fn callout(&mut self, q: &mdast::Blockquote, block_id: Option<&str>) -> bool {
        let Some(Node::Paragraph(first)) = q.children.first() else {
            return false;
        };
        let Some(Node::Text(head)) = first.children.first() else {
            return false;
        };
        let Some(rest) = head.value.trim_start().strip_prefix("[!") else {
            return false;
        };
        let Some(close) = rest.find(']') else {
            return false;
        };
        let kind = rest[..close].trim().to_lowercase();
        if kind.is_empty() || !kind.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            return false;
        }
        let mut after = &rest[close + 1..];
        let fold = match after.chars().next() {
            Some('-') => Some(false),
            Some('+') => Some(true),
            _ => None,
        };
        if fold.is_some() {
            after = &after[1..];
        }
        // The title runs to the end of the first line, possibly across inline nodes.
        let mut title_nodes: Vec<Node> = Vec::new();
        let mut body_nodes: Vec<Node> = Vec::new();
        let mut in_title = true;
        let mut first_text = Some(after.to_owned());
        for child in &first.children {
            let value = match (first_text.take(), child) {
                (Some(v), _) => Some(v),
                (None, Node::Text(t)) => Some(t.value.clone()),
                _ => None,
            };
            match value {
                Some(v) if in_title => match v.split_once('\n') {
                    Some((t, b)) => {
                        title_nodes.push(text_node(t));
                        body_nodes.push(text_node(b));
                        in_title = false;
                    }
                    None => title_nodes.push(text_node(&v)),
                },
                Some(v) => body_nodes.push(text_node(&v)),
                None if in_title => {
                    if matches!(child, Node::Break(_)) {
                        in_title = false;
                    } else {
                        title_nodes.push(child.clone());
                    }
                }
                None => body_nodes.push(child.clone()),
            }
        }
        let (canonical, default_title) = callout_kind(&kind, self.lib.lang());
        let has_title = !plain_text(&title_nodes, &self.links).trim().is_empty();
        let (open_tag, title_tag) = match fold {
            Some(open) => (
                format!(
                    "<details class=\"callout callout-{canonical}\" data-callout=\"{}\"{}{}>",
                    escape_html(&kind),
                    if open { " open" } else { "" },
                    self.id_attr(block_id)
                ),
                "summary",
            ),
            None => (
                format!(
                    "<div class=\"callout callout-{canonical}\" data-callout=\"{}\"{}>",
                    escape_html(&kind),
                    self.id_attr(block_id)
                ),
                "div",
            ),
        };
        self.out.push_str(&open_tag);
        self.out.push_str(&format!("<{title_tag} class=\"callout-title\">"));
        if has_title {
            let trimmed = trim_inline(title_nodes);
            self.inlines(&trimmed);
        } else {
            self.out.push_str(&default_title);
        }
        self.out.push_str(&format!("</{title_tag}>\n<div class=\"callout-content\">\n"));
        let body_nodes = trim_inline(body_nodes);
        if !plain_text(&body_nodes, &self.links).trim().is_empty()
            || body_nodes.iter().any(|n| !matches!(n, Node::Text(_)))
        {
            let para = Node::Paragraph(mdast::Paragraph { children: body_nodes, position: None });
            self.blocks(std::slice::from_ref(&para), false);
        }
        self.blocks(&q.children[1..], false);
        self.out.push_str("</div>\n");
        self.out.push_str(if fold.is_some() { "</details>\n" } else { "</div>\n" });
        true
    }

    fn list(&mut self, l: &mdast::List, block_id: Option<&str>) {
        let tight = !l.spread && !l.children.iter().any(|c| matches!(c, Node::ListItem(i) if i.spread));
        let tasks = l.children.iter().any(|c| matches!(c, Node::ListItem(i) if i.checked.is_some()));
        let class = if tasks { " class=\"task-list\"" } else { "" };
        let id = self.id_attr(block_id);
        if l.ordered {
            match l.start {
                Some(start) if start != 1 => {
                    self.out.push_str(&format!("<ol start=\"{start}\"{class}{id}>\n"))
                }
                _ => self.out.push_str(&format!("<ol{class}{id}>\n")),
            }
        } else {
            self.out.push_str(&format!("<ul{class}{id}>\n"));
        }
        for item in &l.children {
            let Node::ListItem(item) = item else { continue };
            match item.checked {
                Some(done) => {
                    self.out.push_str("<li class=\"task-list-item\"><input type=\"checkbox\" disabled");
                    if done {
                        self.out.push_str(" checked");
                    }
                    self.out.push_str("> ");
                }
                None => self.out.push_str("<li>"),
            }
            self.blocks(&item.children, tight);
            self.out.push_str("</li>\n");
        }
        self.out.push_str(if l.ordered { "</ol>\n" } else { "</ul>\n" });
    }

    fn code(&mut self, c: &mdast::Code, block_id: Option<&str>) {
        if c.lang.as_deref() == Some("quiz") {
            let first_line = c.position.as_ref().map_or(1, |p| p.start.line + 1);
            match quiz::parse(&c.value, first_line) {
                Ok(q) => return self.quiz(&q),
                Err(e) if self.lesson.is_builtin() => {
                    self.fail(LessonError::Quiz {
                        file: self.lesson.meta.path.clone(),
                        line: e.line,
                        message: e.message,
                    });
                }
                Err(e) => {
                    let warning = format!(
                        "{}:{}: {}: {}",
                        self.lesson.meta.path, e.line, self.words.quiz_broken, e.message
                    );
                    self.out.push_str("<p class=\"render-warning\" role=\"note\">");
                    push_escaped(&mut self.out, &warning);
                    self.out.push_str("</p>\n");
                    self.warnings.push(warning);
                }
            }
        }
        self.out.push_str(&format!("<pre{}><code", self.id_attr(block_id)));
        if let Some(lang) = c.lang.as_deref().filter(|l| !l.is_empty()) {
            self.out.push_str(&format!(" class=\"language-{}\"", escape_html(lang)));
        }
        self.out.push('>');
        let value = self.links.restore(&c.value).into_owned();
        push_escaped(&mut self.out, &value);
        if !value.is_empty() {
            self.out.push('\n');
        }
        self.out.push_str("</code></pre>\n");
    }

    fn quiz(&mut self, q: &quiz::Quiz) {
        self.quizzes += 1;
        let w = self.words;
        self.out.push_str(&format!(
            "<section class=\"quiz\" data-quiz data-msg-correct=\"{}\" data-msg-wrong=\"{}\" data-msg-choose=\"{}\">\n<ol class=\"quiz-questions\">\n",
            w.correct, w.wrong, w.choose
        ));
        for (qi, question) in q.questions.iter().enumerate() {
            let answers: Vec<String> = question.answers().iter().map(usize::to_string).collect();
            let multi = answers.len() > 1;
            let name = format!("{}quiz-{}-{}", self.id_prefix, self.quizzes, qi + 1);
            self.out.push_str(&format!(
                "<li class=\"quiz-question\" data-quiz-question data-answer=\"{}\" data-multiple=\"{multi}\">\n<fieldset>\n<legend class=\"quiz-prompt\"><span class=\"quiz-number\">{} {}.</span> ",
                answers.join(","),
                w.question,
                qi + 1
            ));
            self.inline_markdown(&question.prompt);
            self.out.push_str("</legend>\n<ul class=\"quiz-options\">\n");
            for (oi, option) in question.options.iter().enumerate() {
                self.out.push_str(&format!(
                    "<li class=\"quiz-option\"><label><input type=\"{}\" name=\"{}\" value=\"{oi}\"> <span>",
                    if multi { "checkbox" } else { "radio" },
                    escape_html(&name)
                ));
                self.inline_markdown(&option.text);
                self.out.push_str("</span></label></li>\n");
            }
            self.out.push_str("</ul>\n</fieldset>\n");
            self.out.push_str(&format!(
                "<div class=\"quiz-actions\"><button type=\"button\" class=\"quiz-check\" data-quiz-check>{}</button> <span class=\"quiz-feedback\" data-quiz-feedback aria-live=\"polite\"></span></div>\n",
                w.check
            ));
            if let Some(explanation) = &question.explanation {
                self.out.push_str("<div class=\"quiz-explanation\" data-quiz-explanation hidden>");
                self.inline_markdown(explanation);
                self.out.push_str("</div>\n");
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str("</ol>\n</section>\n");
    }

    /// Renders a one-line Markdown snippet (quiz text) without a surrounding `<p>`.
    fn inline_markdown(&mut self, src: &str) {
        let parsed = parse_markdown(src);
        let saved = std::mem::replace(&mut self.links, Rc::new(parsed.links.clone()));
        for block in parsed.blocks() {
            match block {
                Node::Paragraph(p) => self.inlines(&p.children),
                other => self.block(other, true, None),
            }
        }
        self.links = saved;
    }

    fn table(&mut self, t: &mdast::Table, block_id: Option<&str>) {
        self.out.push_str(&format!("<table{}>\n", self.id_attr(block_id)));
        for (ri, row) in t.children.iter().enumerate() {
            let Node::TableRow(row) = row else { continue };
            let cell_tag = if ri == 0 { "th" } else { "td" };
            if ri == 0 {
                self.out.push_str("<thead>\n");
            } else if ri == 1 {
                self.out.push_str("<tbody>\n");
            }
            self.out.push_str("<tr>\n");
            for (ci, cell) in row.children.iter().enumerate() {
                let align = match t.align.get(ci) {
                    Some(AlignKind::Left) => " align=\"left\"",
                    Some(AlignKind::Right) => " align=\"right\"",
                    Some(AlignKind::Center) => " align=\"center\"",
                    _ => "",
                };
                self.out.push_str(&format!("<{cell_tag}{align}>"));
                if let Some(children) = cell.children() {
                    self.inlines(children);
                }
                self.out.push_str(&format!("</{cell_tag}>\n"));
            }
            self.out.push_str("</tr>\n");
            if ri == 0 {
                self.out.push_str("</thead>\n");
            }
        }
        if t.children.len() > 1 {
            self.out.push_str("</tbody>\n");
        }
        self.out.push_str("</table>\n");
    }

    fn footnotes(&mut self) {
        if self.footnote_order.is_empty() {
            return;
        }
        self.out.push_str(&format!(
            "<section class=\"footnotes\" aria-label=\"{}\">\n<ol>\n",
            self.words.footnotes
        ));
        let mut i = 0;
        // Footnotes may reference further footnotes; the order grows while we render.
        while i < self.footnote_order.len() {
            let label = self.footnote_order[i].clone();
            let n = i + 1;
            let children = self.footnote_defs.get(&label).cloned().unwrap_or_default();
            self.out.push_str(&format!("<li id=\"{}fn-{n}\">\n", self.id_prefix));
            self.blocks(&children, false);
            self.out.push_str(&format!(
                "<a href=\"#{}fnref-{n}\" class=\"footnote-backref\" aria-label=\"{}\">↩</a>\n</li>\n",
                self.id_prefix, self.words.back
            ));
            i += 1;
        }
        self.out.push_str("</ol>\n</section>\n");
    }

    // ---- inlines -----------------------------------------------------------------------------

    fn inlines(&mut self, nodes: &[Node]) {
        let items = inline_items(nodes);
        for item in &items {
            match item {
                Inline::Text(text) => self.text(text),
                Inline::Node(node) => self.inline(node),
                Inline::Mark(Some(true)) => self.out.push_str("<mark>"),
                Inline::Mark(Some(false)) => self.out.push_str("</mark>"),
                Inline::Mark(None) => self.out.push_str("=="),
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_link > 0 {
            // No links inside links: show what a wikilink would say.
            let links = Rc::clone(&self.links);
            for piece in scan(text, &links) {
                match piece {
                    Piece::Text(s) => push_escaped(&mut self.out, s),
                    Piece::Tag(t) => {
                        self.out.push('#');
                        push_escaped(&mut self.out, t);
                    }
                    Piece::Link(l) => push_escaped(&mut self.out, link_label(&l)),
                }
            }
            return;
        }
        let links = Rc::clone(&self.links);
        for piece in scan(text, &links) {
            match piece {
                Piece::Text(s) => push_escaped(&mut self.out, s),
                Piece::Tag(tag) => {
                    self.out.push_str("<span class=\"tag\">#");
                    push_escaped(&mut self.out, tag);
                    self.out.push_str("</span>");
                    if !self.tags.iter().any(|t| t == tag) {
                        self.tags.push(tag.to_owned());
                    }
                }
                Piece::Link(link) if link.embed => self.embed(&link, false),
                Piece::Link(link) => self.wikilink(&link),
            }
        }
    }

    fn inline(&mut self, node: &Node) {
        match node {
            Node::Text(t) => self.text(&t.value),
            Node::Emphasis(e) => self.wrap("em", &e.children),
            Node::Strong(s) => self.wrap("strong", &s.children),
            Node::Delete(d) => self.wrap("del", &d.children),
            Node::InlineCode(c) => {
                self.out.push_str("<code>");
                let value = self.links.restore(&c.value).into_owned();
                push_escaped(&mut self.out, &value);
                self.out.push_str("</code>");
            }
            Node::InlineMath(m) => {
                self.out.push_str("<code class=\"math\">");
                push_escaped(&mut self.out, &m.value);
                self.out.push_str("</code>");
            }
            Node::Break(_) => self.out.push_str("<br>\n"),
            Node::Html(h) => {
                let html = self.links.restore(&h.value).into_owned();
                self.out.push_str(&html);
            }
            Node::Link(l) => {
                let url = self.links.restore(&l.url).into_owned();
                let title = l.title.as_deref().map(|t| self.links.restore(t).into_owned());
                self.link(&url, title.as_deref(), &l.children);
            }
            Node::LinkReference(r) => match self.definitions.get(&r.identifier).cloned() {
                Some((url, title)) => self.link(&url, title.as_deref(), &r.children),
                None => self.inlines(&r.children),
            },
            Node::Image(i) => {
                let (url, alt) =
                    (self.links.restore(&i.url).into_owned(), self.links.restore(&i.alt).into_owned());
                self.image(&url, &alt, i.title.as_deref());
            }
            Node::ImageReference(r) => match self.definitions.get(&r.identifier).cloned() {
                Some((url, title)) => {
                    let alt = self.links.restore(&r.alt).into_owned();
                    self.image(&url, &alt, title.as_deref());
                }
                None => {
                    let alt = self.links.restore(&r.alt).into_owned();
                    push_escaped(&mut self.out, &alt);
                }
            },
            Node::FootnoteReference(f) => self.footnote_ref(&f.identifier),
            other => {
                if let Some(children) = other.children() {
                    self.inlines(children);
                }
            }
        }
    }

    fn wrap(&mut self, tag: &str, children: &[Node]) {
        self.out.push_str(&format!("<{tag}>"));
        self.inlines(children);
        self.out.push_str(&format!("</{tag}>"));
    }

    fn link(&mut self, url: &str, title: Option<&str>, children: &[Node]) {
        let href = self.link_href(url);
        self.out.push_str("<a href=\"");
        push_escaped(&mut self.out, &href);
        self.out.push('"');
        if let Some(title) = title {
            self.out.push_str(" title=\"");
            push_escaped(&mut self.out, title);
            self.out.push('"');
        }
        if ["http:", "https:", "mailto:"].iter().any(|p| href.to_ascii_lowercase().starts_with(p)) {
            self.out.push_str(" class=\"external\"");
        }
        self.out.push('>');
        self.in_link += 1;
        self.inlines(children);
        self.in_link -= 1;
        self.out.push_str("</a>");
    }

    /// A Markdown link's target: a relative link to a note of the vault becomes a lesson link;
    /// anything else is left for the sanitiser to judge.
    fn link_href(&mut self, url: &str) -> String {
        if url.starts_with('#') || has_scheme(url) || url.is_empty() {
            return url.to_owned();
        }
        let decoded = percent_decode(url);
        let (path, fragment) = match decoded.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (decoded.as_str(), None),
        };
        if let Some(target) = self.lib.resolve_lesson(self.lesson, path) {
            let mut href = lesson_href(&target.meta.id);
            if let Some(f) = fragment {
                href.push('#');
                href.push_str(&encode_fragment(&slugify(f)));
            }
            return href;
        }
        if let Some(asset) = self.lib.resolve_asset(self.lesson, path) {
            return asset;
        }
        url.to_owned()
    }

    fn image(&mut self, url: &str, alt: &str, title: Option<&str>) {
        let lower = url.trim_start().to_ascii_lowercase();
        let src = if lower.starts_with("data:image/") {
            Some(url.to_owned())
        } else if has_scheme(url) {
            None
        } else {
            self.lib.resolve_asset(self.lesson, &percent_decode(url))
        };
        match src {
            Some(src) => {
                self.out.push_str("<img src=\"");
                push_escaped(&mut self.out, &src);
                self.out.push_str("\" alt=\"");
                push_escaped(&mut self.out, alt);
                self.out.push('"');
                if let Some(title) = title {
                    self.out.push_str(" title=\"");
                    push_escaped(&mut self.out, title);
                    self.out.push('"');
                }
                self.out.push_str(" loading=\"lazy\">");
            }
            None if lower.starts_with("http://") || lower.starts_with("https://") => {
                // Remote images are not loaded (privacy, offline use): offer a link instead.
                self.out.push_str("<a class=\"remote-image external\" href=\"");
                push_escaped(&mut self.out, url);
                self.out.push_str("\">");
                push_escaped(&mut self.out, if alt.is_empty() { url } else { alt });
                self.out.push_str("</a>");
            }
            None => {
                self.out.push_str(&format!(
                    "<span class=\"embed missing\" title=\"{}\">",
                    self.words.missing_image
                ));
                push_escaped(&mut self.out, if alt.is_empty() { url } else { alt });
                self.out.push_str("</span>");
            }
        }
    }

    fn footnote_ref(&mut self, label: &str) {
        if self.inline_only {
            return;
        }
        let n = match self.footnote_order.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.footnote_order.push(label.to_owned());
                self.footnote_order.len()
            }
        };
        let count = self.footnote_refs.entry(label.to_owned()).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            format!("{}fnref-{n}", self.id_prefix)
        } else {
            format!("{}fnref-{n}-{count}", self.id_prefix)
        };
        self.out.push_str(&format!(
            "<sup class=\"footnote-ref\"><a href=\"#{}fn-{n}\" id=\"{id}\">{n}</a></sup>",
            self.id_prefix
        ));
    }

    // ---- wikilinks and embeds ----------------------------------------------------------------

    fn wikilink(&mut self, link: &WikiLink<'_>) {
        if let Some(lab) = link.lab() {
            self.out.push_str("<a class=\"lab-link\" href=\"");
            push_escaped(&mut self.out, &lab_href(lab));
            self.out.push_str("\">");
            push_escaped(&mut self.out, link.alias.unwrap_or(lab));
            self.out.push_str("</a>");
            return;
        }
        let fragment = self.fragment(link);
        if link.target.is_empty() {
            self.out.push_str("<a class=\"wikilink\" href=\"#");
            push_escaped(&mut self.out, &encode_fragment(&fragment.unwrap_or_default()));
            self.out.push_str("\">");
            push_escaped(&mut self.out, link_label(link));
            self.out.push_str("</a>");
            return;
        }
        match self.lib.resolve_lesson(self.lesson, link.target) {
            Some(target) => {
                let mut href = lesson_href(&target.meta.id);
                if let Some(f) = &fragment {
                    href.push('#');
                    href.push_str(&encode_fragment(f));
                }
                let label = match (link.alias, link.heading()) {
                    (Some(alias), _) => alias.to_owned(),
                    (None, heading) => {
                        let name = if target.is_builtin() { target.meta.title.as_str() } else { link.target };
                        match heading {
                            Some(h) => format!("{name} › {h}"),
                            None => name.to_owned(),
                        }
                    }
                };
                self.out.push_str("<a class=\"wikilink\" href=\"");
                push_escaped(&mut self.out, &href);
                self.out.push_str("\">");
                push_escaped(&mut self.out, &label);
                self.out.push_str("</a>");
            }
            None => self.missing_link(link),
        }
    }

    fn missing_link(&mut self, link: &WikiLink<'_>) {
        let shown = link.display();
        if !self.unresolved.contains(&shown) {
            self.unresolved.push(shown.clone());
        }
        self.out.push_str("<a class=\"wikilink missing\" data-target=\"");
        push_escaped(&mut self.out, &shown);
        self.out.push_str(&format!("\" title=\"{}: ", self.words.missing_page));
        push_escaped(&mut self.out, &shown);
        self.out.push_str("\">");
        push_escaped(&mut self.out, link_label(link));
        self.out.push_str("</a>");
    }

    /// The element id a link's `#fragment` points to in the target page.
    fn fragment(&self, link: &WikiLink<'_>) -> Option<String> {
        if let Some(block) = link.block() {
            return Some(format!("^{block}"));
        }
        link.heading().map(slugify)
    }

    fn embed(&mut self, link: &WikiLink<'_>, as_block: bool) {
        let target = link.target;
        if is_image(target) {
            match self.lib.resolve_asset(self.lesson, target) {
                Some(src) => {
                    let (alt, size) = match link.alias {
                        Some(a) if is_size(a) => (file_name(target), Some(a)),
                        Some(a) => (a, None),
                        None => (file_name(target), None),
                    };
                    self.out.push_str("<img class=\"embed-image\" src=\"");
                    push_escaped(&mut self.out, &src);
                    self.out.push_str("\" alt=\"");
                    push_escaped(&mut self.out, alt);
                    self.out.push('"');
                    if let Some(size) = size {
                        let (w, h) = size.split_once('x').map_or((size, None), |(w, h)| (w, Some(h)));
                        self.out.push_str(&format!(" width=\"{w}\""));
                        if let Some(h) = h {
                            self.out.push_str(&format!(" height=\"{h}\""));
                        }
                    }
                    self.out.push_str(" loading=\"lazy\">");
                }
                None => {
                    self.note_unresolved(link);
                    self.out.push_str(&format!(
                        "<span class=\"embed missing\" data-target=\"{}\" title=\"{}\">",
                        escape_html(target),
                        self.words.missing_image
                    ));
                    push_escaped(&mut self.out, file_name(target));
                    self.out.push_str("</span>");
                }
            }
            return;
        }
        if extension(target).is_some_and(|e| !e.eq_ignore_ascii_case("md"))
            && self.lib.resolve_lesson(self.lesson, target).is_none()
        {
            // PDFs, audio, …: not shown; say what it was.
            self.out.push_str("<span class=\"embed unsupported\">");
            push_escaped(&mut self.out, file_name(target));
            self.out.push_str("</span>");
            return;
        }
        let resolved =
            if target.is_empty() { Some(self.lesson) } else { self.lib.resolve_lesson(self.lesson, target) };
        let Some(note) = resolved else {
            if as_block {
                self.out.push_str("<div class=\"embed missing-embed\">");
                self.missing_link(link);
                self.out.push_str("</div>\n");
            } else {
                self.missing_link(link);
            }
            return;
        };
        let id = note.meta.id.clone();
        let mut href = lesson_href(&id);
        if let Some(f) = self.fragment(link) {
            href.push('#');
            href.push_str(&encode_fragment(&f));
        }
        let stopped = if self.embed_stack.contains(&id) && link.fragment.is_none()
            || self.embed_stack.iter().filter(|s| **s == id).count() > 1
        {
            Some(self.words.embed_cycle.as_str())
        } else if self.embed_stack.len() > MAX_EMBED_DEPTH {
            Some(self.words.embed_too_deep.as_str())
        } else if !self.budget.take(note.body.len()) {
            if !self.budget.warned.replace(true) {
                self.warnings.push(format!("{}: {}", self.budget.page, self.words.embed_budget));
            }
            Some(self.words.embed_budget.as_str())
        } else {
            None
        };
        if !as_block {
            self.inline_embed(link, note, &href, stopped);
            return;
        }
        if stopped == Some(self.words.embed_budget.as_str()) {
            // Past the page's budget an embed is a link: the page stays small however many follow.
            self.out.push_str("<p class=\"embed-link\">");
            self.wikilink(&WikiLink { embed: false, ..*link });
            self.out.push_str("</p>\n");
            return;
        }
        let title = link.alias.unwrap_or(&note.meta.title).to_owned();
        self.out.push_str("<div class=\"embed\" data-embed=\"");
        push_escaped(&mut self.out, &id);
        self.out.push_str("\">\n<div class=\"embed-title\"><a class=\"wikilink\" href=\"");
        push_escaped(&mut self.out, &href);
        self.out.push_str("\">");
        push_escaped(&mut self.out, &title);
        self.out.push_str("</a></div>\n<div class=\"embed-content\">\n");
        match stopped {
            Some(why) => self.out.push_str(&format!("<p class=\"embed-stopped\">{why}</p>\n")),
            None => {
                let parsed = parse_markdown(&note.body);
                let mut child = self.child(note, &parsed, id);
                match section(parsed.blocks(), link, &parsed.links) {
                    Some(nodes) => {
                        let nodes = if link.fragment.is_none() {
                            skip_title_heading(&nodes, &note.meta.title, &parsed.links).to_vec()
                        } else {
                            nodes
                        };
                        child.blocks(&nodes, false);
                    }
                    None => {
                        child.out.push_str("<p class=\"embed-stopped\">");
                        child.missing_link(link);
                        child.out.push_str("</p>\n");
                    }
                }
                child.footnotes();
                self.adopt(child);
            }
        }
        self.out.push_str("</div>\n</div>\n");
    }

    /// A renderer for the note `note` embedded in this page.
    fn child(&mut self, note: &'a Lesson, parsed: &Parsed, id: String) -> Renderer<'a> {
        self.embeds += 1;
        let mut stack = self.embed_stack.clone();
        stack.push(id);
        let prefix = format!("{}embed{}-", self.id_prefix, self.embeds);
        let mut child = Renderer::new(self.lib, note, parsed, stack, prefix, Rc::clone(&self.budget));
        child.collect_definitions(&parsed.root);
        child.note_limits(note, parsed);
        child
    }

    /// Takes an embedded renderer's output, unresolved links, warnings and error.
    fn adopt(&mut self, child: Renderer<'a>) {
        self.out.push_str(&child.out);
        for u in child.unresolved {
            if !self.unresolved.contains(&u) {
                self.unresolved.push(u);
            }
        }
        for w in child.warnings {
            if !self.warnings.contains(&w) {
                self.warnings.push(w);
            }
        }
        if let Some(err) = child.error {
            self.fail(err);
        }
    }

    /// The first paragraph of the part of `note` that `link` points to, as inline content;
    /// `false` (nothing written) when there is none.
    fn inline_section(&mut self, link: &WikiLink<'_>, note: &'a Lesson, href: &str) -> bool {
        let parsed = parse_markdown(&note.body);
        let Some(nodes) = section(parsed.blocks(), link, &parsed.links) else {
            return false;
        };
        let nodes = if link.fragment.is_none() {
            skip_title_heading(&nodes, &note.meta.title, &parsed.links)
        } else {
            &nodes[..]
        };
        let Some(Node::Paragraph(p)) = nodes.iter().find(|n| matches!(n, Node::Paragraph(_))) else {
            return false;
        };
        let mut children = p.children.clone();
        if let Some(Node::Text(t)) = children.last_mut()
            && let Some((before, _)) = split_block_id(&t.value)
        {
            t.value = before.to_owned();
        }
        let mut child = self.child(note, &parsed, note.meta.id.clone());
        child.inline_only = true;
        child.inlines(&children);
        self.adopt(child);
        if nodes.len() > 1 {
            self.out.push_str(" <a class=\"wikilink\" href=\"");
            push_escaped(&mut self.out, href);
            self.out.push_str("\">…</a>");
        }
        true
    }

    /// `![[note]]` inside a sentence: the first paragraph of what it points to, in the running
    /// text (a block cannot sit inside a paragraph), linked to the note; `…` when more follows.
    fn inline_embed(&mut self, link: &WikiLink<'_>, note: &'a Lesson, href: &str, stopped: Option<&str>) {
        self.out.push_str("<span class=\"embed embed-inline\" data-embed=\"");
        push_escaped(&mut self.out, &note.meta.id);
        self.out.push_str("\">");
        if stopped.is_some() || !self.inline_section(link, note, href) {
            if let Some(why) = stopped {
                self.out.push_str("<span class=\"embed-stopped\" title=\"");
                push_escaped(&mut self.out, why);
                self.out.push_str("\"></span>");
            }
            self.wikilink(&WikiLink { embed: false, ..*link });
        }
        self.out.push_str("</span>");
    }

    fn note_unresolved(&mut self, link: &WikiLink<'_>) {
        let shown = link.display();
        if !self.unresolved.contains(&shown) {
            self.unresolved.push(shown);
        }
    }
}

/// The part of a note an embed shows: all of it, the section under a heading (to the next
/// heading of the same or a higher level), or the block with an id. `None` if not found.
fn section(all: &[Node], link: &WikiLink<'_>, links: &Links) -> Option<Vec<Node>> {
    if let Some(block) = link.block() {
        return find_block(all, block).map(|n| vec![n]);
    }
    let Some(heading) = link.heading() else {
        return Some(all.to_vec());
    };
    let wanted = slugify(heading);
    let start = all
        .iter()
        .position(|n| matches!(n, Node::Heading(h) if slugify(&plain_text(&h.children, links)) == wanted))?;
    let Node::Heading(h) = &all[start] else {
        return None;
    };
    let end = all[start + 1..]
        .iter()
        .position(|n| matches!(n, Node::Heading(o) if o.depth <= h.depth))
        .map_or(all.len(), |i| start + 1 + i);
    Some(all[start..end].to_vec())
}

fn find_block(nodes: &[Node], id: &str) -> Option<Node> {
    for (i, node) in nodes.iter().enumerate() {
        if let Node::Paragraph(p) = node
            && let Some(Node::Text(t)) = p.children.last()
            && let Some((before, found)) = split_block_id(&t.value)
            && found == id
        {
            if before.is_empty() && i > 0 {
                return Some(nodes[i - 1].clone());
            }
            return Some(node.clone());
        }
        if let Some(children) = node.children()
            && !matches!(node, Node::Paragraph(_))
            && let Some(found) = find_block(children, id)
        {
            return Some(found);
        }
    }
    None
}

/// A paragraph that is only `^block-id`.
fn standalone_block_id(node: &Node) -> Option<&str> {
    let Node::Paragraph(p) = node else {
        return None;
    };
    let [Node::Text(t)] = p.children.as_slice() else {
        return None;
    };
    match split_block_id(&t.value) {
        Some(("", id)) => Some(id),
        _ => None,
    }
}

fn text_node(value: &str) -> Node {
    Node::Text(mdast::Text { value: value.to_owned(), position: None })
}

/// Trims leading whitespace of the first text and trailing whitespace of the last.
fn trim_inline(mut nodes: Vec<Node>) -> Vec<Node> {
    if let Some(Node::Text(t)) = nodes.first_mut() {
        t.value = t.value.trim_start().to_owned();
    }
    if let Some(Node::Text(t)) = nodes.last_mut() {
        t.value = t.value.trim_end().to_owned();
    }
    nodes.retain(|n| !matches!(n, Node::Text(t) if t.value.is_empty()));
    nodes
}

/// Merges adjacent text nodes and finds the `==highlight==` markers in them. A marker opens when
/// followed by a non-space and closes when preceded by one; markers pair up in order, and a
/// marker that finds no partner is shown as written. Highlights never cross a node boundary
/// of a different parent, so the HTML stays well nested.
fn inline_items(nodes: &[Node]) -> Vec<Inline<'_>> {
    let mut merged: Vec<Inline<'_>> = Vec::new();
    for node in nodes {
        match node {
            Node::Text(t) => match merged.last_mut() {
                Some(Inline::Text(s)) => s.push_str(&t.value),
                _ => merged.push(Inline::Text(t.value.clone())),
            },
            other => merged.push(Inline::Node(other)),
        }
    }
    // Split texts at markers, recording whether each marker can open / close.
    let mut items: Vec<Inline<'_>> = Vec::new();
    let mut marks: Vec<(usize, bool, bool)> = Vec::new();
    let count = merged.len();
    for (index, item) in merged.into_iter().enumerate() {
        let Inline::Text(text) = item else {
            items.push(item);
            continue;
        };
        let node_before = index > 0;
        let node_after = index + 1 < count;
        let mut rest = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i + 1 < bytes.len() {
            if bytes[i] == b'='
                && bytes[i + 1] == b'='
                && (i == 0 || bytes[i - 1] != b'=')
                && bytes.get(i + 2) != Some(&b'=')
            {
                let before = text[..i].chars().next_back();
                let after = text[i + 2..].chars().next();
                let can_open = after.map_or(node_after, |c| !c.is_whitespace());
                let can_close = before.map_or(node_before, |c| !c.is_whitespace());
                if i > rest {
                    items.push(Inline::Text(text[rest..i].to_owned()));
                }
                marks.push((items.len(), can_open, can_close));
                items.push(Inline::Mark(None));
                i += 2;
                rest = i;
            } else {
                i += 1;
            }
        }
        if rest < text.len() {
            items.push(Inline::Text(text[rest..].to_owned()));
        }
    }
    let mut open: Option<usize> = None;
    for (at, can_open, can_close) in marks {
        match open {
            Some(o) if can_close => {
                items[o] = Inline::Mark(Some(true));
                items[at] = Inline::Mark(Some(false));
                open = None;
            }
            _ if can_open => open = Some(at),
            _ => {}
        }
    }
    items
}

fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

fn is_size(alias: &str) -> bool {
    let mut parts = alias.splitn(2, 'x');
    let w = parts.next().unwrap_or("");
    let h = parts.next();
    !w.is_empty()
        && w.bytes().all(|b| b.is_ascii_digit())
        && h.is_none_or(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_digit()))
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
