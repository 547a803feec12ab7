//! The Obsidian syntax our notes use on top of GFM, and parsing a note.
//!
//! A note is parsed twice when it needs it. The first parse (markdown-rs, GFM) finds the byte
//! ranges that are code. Outside them, `%%comments%%` are removed (keeping their line breaks) and
//! every `[[wikilink]]` / `![[embed]]` is swapped for a placeholder of private-use characters
//! before the second parse: so that nothing inside a link — `|` in a table, `_` or `*`, an alias
//! that looks like `<script>` — is read as Markdown or HTML, and the link comes back whole from a
//! text node. Code spans and fenced code are left byte for byte as written. Highlights, tags and
//! block ids are then found in the text nodes of the tree, which never include code.

use std::borrow::Cow;

use markdown::mdast::{Node, Root};

use crate::{cjk, limits};

/// Opens a link placeholder: `\u{E000}` index `\u{E001}`.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// A parsed note: the syntax tree and the wikilinks its placeholders stand for.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    pub(crate) root: Node,
    pub(crate) links: Links,
    /// The 1-based lines cut short by the limits (see [`crate::limits`]) and why, whether part
    /// of the tree was flattened to text, and the parse work of the note when it was past
    /// [`limits::MAX_PARSE_WORK`] (the note is then one block of plain text).
    pub(crate) limited: Vec<(usize, limits::Cut)>,
    pub(crate) flattened: bool,
    pub(crate) too_complex: Option<u64>,
}

impl Parsed {
    /// The top-level blocks.
    pub(crate) fn blocks(&self) -> &[Node] {
        self.root.children().map(Vec::as_slice).unwrap_or_default()
    }
}

/// The wikilinks of one parsed text, by placeholder index: `(embed, inside of the brackets)`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Links(Vec<(bool, String)>);

impl Links {
    /// Puts the links back as written, for places where a wikilink means nothing (raw HTML,
    /// URLs, image descriptions).
    pub(crate) fn restore<'s>(&self, s: &'s str) -> Cow<'s, str> {
        if !s.contains(OPEN) {
            return Cow::Borrowed(s);
        }
        let mut out = String::with_capacity(s.len());
        for piece in scan(s, self) {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Tag(t) => {
                    out.push('#');
                    out.push_str(t);
                }
                Piece::Link(l) => {
                    if l.embed {
                        out.push('!');
                    }
                    out.push_str("[[");
                    out.push_str(l.raw);
                    out.push_str("]]");
                }
            }
        }
        Cow::Owned(out)
    }
}

/// The parse options: GFM (tables, task lists, footnotes, strikethrough, autolinks).
pub(crate) fn parse_options() -> markdown::ParseOptions {
    markdown::ParseOptions::gfm()
}

fn parse_tree(src: &str) -> Node {
    // Only MDX constructs can fail to parse, and they are off. But markdown 1.0.0 panics on some
    // inputs ("Cannot push to non-parent", e.g. tests/fuzz-corpus/markdown/
    // markdown-rs-panic-front-matter-twice.md, found by tests/fuzz.rs): such a note is shown as
    // its plain text (escaped by the renderer) instead of taking the app down.
    let parsed = std::panic::catch_unwind(|| markdown::to_mdast(src, &parse_options()));
    match parsed {
        Ok(Ok(root)) => root,
        Ok(Err(_)) => Node::Root(Root { children: Vec::new(), position: None }),
        Err(_) => Node::Root(Root {
            children: vec![Node::Paragraph(markdown::mdast::Paragraph {
                children: vec![Node::Text(markdown::mdast::Text { value: src.to_owned(), position: None })],
                position: None,
            })],
            position: None,
        }),
    }
}

/// Parses a Markdown body (front matter already blanked out), within the bounds of
/// [`crate::limits`]: nesting past them is cut short before parsing, a tree still deeper is
/// flattened after.
pub(crate) fn parse_markdown(body: &str) -> Parsed {
    let limited = limits::limit_nesting(body);
    if limited.work > limits::MAX_PARSE_WORK {
        // Parsing would take minutes: the note as written, in a code block, is still readable.
        let code = Node::Code(markdown::mdast::Code {
            value: body.to_owned(),
            lang: None,
            meta: None,
            position: None,
        });
        return Parsed {
            root: Node::Root(Root { children: vec![code], position: None }),
            links: Links::default(),
            limited: Vec::new(),
            flattened: false,
            too_complex: Some(limited.work),
        };
    }
    let body: &str = &limited.text;
    let mut root = parse_tree(body);
    let mut parsed_src = Cow::Borrowed(body);
    let links = if !body.contains("%%") && !body.contains("[[") && !body.contains('$') {
        Links::default()
    } else {
        let mut code = Vec::new();
        collect_code_ranges(&root, &mut code);
        code.sort_unstable();
        let (src, links) = preprocess(body, &code);
        root = parse_tree(&src);
        parsed_src = Cow::Owned(src);
        links
    };
    let flattened = limits::clamp_depth(&mut root, limits::MAX_TREE_DEPTH);
    cjk::cjk_emphasis(&mut root, &parsed_src);
    Parsed { root, links, limited: limited.cuts, flattened, too_complex: None }
}

fn collect_code_ranges(node: &Node, out: &mut Vec<(usize, usize)>) {
    match node {
        Node::Code(_) | Node::InlineCode(_) => {
            if let Some(pos) = node.position() {
                out.push((pos.start.offset, pos.end.offset));
            }
        }
        _ => {
            if let Some(children) = node.children() {
                for child in children {
                    collect_code_ranges(child, out);
                }
            }
        }
    }
}

/// The longest text between `[[` and `]]` taken for a wikilink: a bound on the search for `]]`,
/// so that a note of unclosed brackets is read in linear time.
const MAX_LINK_LEN: usize = 1024;

/// Removes comments, swaps wikilinks for placeholders and turns `$math$` into code spans, all
/// outside the (sorted, disjoint) `code` ranges. An unclosed `%%` is left as text: hiding the
/// rest of a note because of a typo loses content.
fn preprocess(src: &str, code: &[(usize, usize)]) -> (String, Links) {
    let code_at = |at: usize| {
        let i = code.partition_point(|&(s, _)| s <= at);
        (i > 0 && code[i - 1].1 > at).then(|| code[i - 1])
    };
    let code_between = |from: usize, to: usize| {
        let i = code.partition_point(|&(s, _)| s < to);
        i > 0 && code[i - 1].1 > from
    };
    let mut out = String::with_capacity(src.len());
    let mut links = Vec::new();
    let mut math_block = false;
    let mut i = 0;
    while i < src.len() {
        if let Some((_, end)) = code_at(i) {
            out.push_str(&src[i..end]);
            i = end;
            continue;
        }
        let rest = &src[i..];
        let line_start = i == 0 || src.as_bytes()[i - 1] == b'\n';
        if line_start && rest.split('\n').next().is_some_and(|l| l.trim() == "$$") {
            // A display-math block, `$$` alone on its opening and closing lines, becomes a fenced
            // block of language `math` (shown as code).
            let closes = math_block || rest[2..].lines().skip(1).any(|l| l.trim() == "$$");
            if closes {
                out.push_str(if math_block { "```" } else { "```math" });
                math_block = !math_block;
                i += rest.find("$$").unwrap_or(0) + 2;
                continue;
            }
        }
        if math_block {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        if rest.starts_with("%%") {
            let mut search = i + 2;
            let close = loop {
                match src[search..].find("%%") {
                    Some(off) if code_at(search + off).is_some() => {
                        search = code_at(search + off).map_or(search + off + 2, |(_, e)| e);
                    }
                    Some(off) => break Some(search + off),
                    None => break None,
                }
            };
            if let Some(close) = close {
                out.extend(src[i..close + 2].chars().filter(|&c| c == '\n'));
                i = close + 2;
                continue;
            }
        }
        if rest.starts_with('$')
            && !src[..i].ends_with('\\')
            && let Some(len) = inline_math(rest)
        {
            let inner = if rest.starts_with("$$") { &rest[2..len - 2] } else { &rest[1..len - 1] };
            push_code_span(&mut out, inner);
            i += len;
            continue;
        }
        let embed = rest.starts_with("![[");
        if embed || rest.starts_with("[[") {
            let open = i + if embed { 3 } else { 2 };
            let mut window_end = (open + MAX_LINK_LEN).min(src.len());
            while !src.is_char_boundary(window_end) {
                window_end -= 1;
            }
            if let Some(len) = src[open..window_end].find("]]") {
                let inner = &src[open..open + len];
                if !inner.contains('\n')
                    && !inner.contains("[[")
                    && !code_between(open, open + len)
                    && WikiLink::parse(inner, embed, inner).is_some()
                {
                    // `\|` is how a table cell writes the alias bar.
                    links.push((embed, inner.replace("\\|", "|")));
                    out.push(OPEN);
                    out.push_str(&(links.len() - 1).to_string());
                    out.push(CLOSE);
                    i = open + len + 2;
                    continue;
                }
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    (out, Links(links))
}

/// The length of the `$…$` or `$$…$$` at the start of `rest`, as Obsidian reads inline math: on
/// one line, the opening `$` followed and the closing one preceded by a non-space, the closing
/// one not followed by a digit (so `$5 and $10` stays text).
fn inline_math(rest: &str) -> Option<usize> {
    let double = rest.starts_with("$$");
    let open = if double { 2 } else { 1 };
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let body = line.get(open..)?;
    if body.starts_with(char::is_whitespace) || body.starts_with('$') || body.is_empty() {
        return None;
    }
    let closer = if double { "$$" } else { "$" };
    let mut from = 0;
    while let Some(off) = body[from..].find(closer) {
        let at = from + off;
        let inner = &body[..at];
        let after = body[at + closer.len()..].chars().next();
        if !inner.is_empty()
            && !inner.ends_with(char::is_whitespace)
            && !inner.ends_with('\\')
            && !after.is_some_and(|c| c.is_ascii_digit())
        {
            return Some(open + at + closer.len());
        }
        from = at + closer.len();
    }
    None
}

/// Writes `inner` as a Markdown code span, fenced by more backticks than it holds in a row.
fn push_code_span(out: &mut String, inner: &str) {
    let mut longest = 0;
    let mut run = 0;
    for c in inner.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if inner.starts_with('`') || inner.ends_with('`') { " " } else { "" };
    out.push_str(&fence);
    out.push_str(pad);
    out.push_str(inner);
    out.push_str(pad);
    out.push_str(&fence);
}

/// `[[target#fragment|alias]]`, or `![[…]]` when `embed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WikiLink<'a> {
    pub(crate) embed: bool,
    /// The page (or file) part; empty for a link into the same page (`[[#heading]]`).
    pub(crate) target: &'a str,
    /// After `#`: a heading, or `^block-id`.
    pub(crate) fragment: Option<&'a str>,
    pub(crate) alias: Option<&'a str>,
    /// Everything between the brackets.
    pub(crate) raw: &'a str,
}

impl<'a> WikiLink<'a> {
    fn parse(inner: &'a str, embed: bool, raw: &'a str) -> Option<Self> {
        let (target, alias) = match inner.split_once('|') {
            Some((t, a)) => (t, Some(a.trim()).filter(|a| !a.is_empty())),
            None => (inner, None),
        };
        let target = target.trim_end_matches('\\');
        let (page, fragment) = match target.split_once('#') {
            Some((p, f)) => {
                // `[[page#H1#H2]]` points at the innermost heading.
                let last = f.rsplit('#').next().unwrap_or(f).trim();
                (p.trim(), Some(last).filter(|f| !f.is_empty()))
            }
            None => (target.trim(), None),
        };
        if page.is_empty() && fragment.is_none() {
            return None;
        }
        Some(WikiLink { embed, target: page, fragment, alias, raw })
    }

    /// The lab id of a `[[lab:ID]]` link.
    pub(crate) fn lab(&self) -> Option<&'a str> {
        self.target.strip_prefix("lab:").map(str::trim)
    }

    /// The fragment when it names a block (`^abc123`), without the caret.
    pub(crate) fn block(&self) -> Option<&'a str> {
        self.fragment.and_then(|f| f.strip_prefix('^'))
    }

    /// The fragment when it names a heading.
    pub(crate) fn heading(&self) -> Option<&'a str> {
        self.fragment.filter(|f| !f.starts_with('^'))
    }

    /// The link as written, for reports: `target#fragment`.
    pub(crate) fn display(&self) -> String {
        match self.fragment {
            Some(f) => format!("{}#{f}", self.target),
            None => self.target.to_owned(),
        }
    }
}

/// A run of plain text cut into what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Link(WikiLink<'a>),
    /// `#tag`, without the `#`.
    Tag(&'a str),
}

/// Finds wikilinks (placeholders of `links`) and tags in a text node's value.
pub(crate) fn scan<'a>(text: &'a str, links: &'a Links) -> Vec<Piece<'a>> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // 0xEE leads the UTF-8 of U+E000, so `i` is on a character boundary when it matches.
        if bytes[i] == 0xEE
            && text[i..].starts_with(OPEN)
            && let Some(len) = text[i + OPEN.len_utf8()..].find(CLOSE)
        {
            let digits = &text[i + OPEN.len_utf8()..i + OPEN.len_utf8() + len];
            let link = digits
                .parse::<usize>()
                .ok()
                .and_then(|n| links.0.get(n))
                .and_then(|(embed, inner)| WikiLink::parse(inner, *embed, inner));
            if let Some(link) = link {
                if i > plain_start {
                    pieces.push(Piece::Text(&text[plain_start..i]));
                }
                pieces.push(Piece::Link(link));
                i += OPEN.len_utf8() + len + CLOSE.len_utf8();
                plain_start = i;
                continue;
            }
        } else if bytes[i] == b'#'
            && text[..i].chars().next_back().is_none_or(|c| c.is_whitespace() || c == '(')
        {
            let len = tag_len(&text[i + 1..]);
            if len > 0 {
                if i > plain_start {
                    pieces.push(Piece::Text(&text[plain_start..i]));
                }
                pieces.push(Piece::Tag(&text[i + 1..i + 1 + len]));
                i += 1 + len;
                plain_start = i;
                continue;
            }
        }
        i += 1;
    }
    if plain_start < text.len() {
        pieces.push(Piece::Text(&text[plain_start..]));
    }
    pieces
}

/// Length in bytes of the tag starting `rest`, or 0 when `rest` does not start a tag. Tags are
/// letters (any script), digits, `_`, `-` and `/`, and not digits alone (`#1` is not a tag).
fn tag_len(rest: &str) -> usize {
    let mut len = 0;
    let mut has_non_digit = false;
    for c in rest.chars() {
        if (c.is_alphanumeric() || matches!(c, '_' | '-' | '/')) && c != OPEN {
            has_non_digit |= !c.is_ascii_digit();
            len += c.len_utf8();
        } else {
            break;
        }
    }
    let trimmed = rest[..len].trim_end_matches(['/', '-']);
    if has_non_digit && !trimmed.is_empty() { trimmed.len() } else { 0 }
}

/// Splits a trailing ` ^block-id` off a paragraph's last text: returns the text before it
/// (trailing spaces removed) and the id.
pub(crate) fn split_block_id(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end();
    let caret = trimmed.rfind('^')?;
    let id = &trimmed[caret + 1..];
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    let before = &trimmed[..caret];
    if !before.is_empty() && !before.ends_with(char::is_whitespace) {
        return None;
    }
    Some((before.trim_end(), id))
}

/// A wikilink found in a note, owned, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkAt {
    pub(crate) line: usize,
    pub(crate) embed: bool,
    pub(crate) target: String,
    pub(crate) fragment: Option<String>,
}

impl LinkAt {
    /// The link as written, for reports: `target#fragment`.
    pub(crate) fn display(&self) -> String {
        match &self.fragment {
            Some(f) => format!("{}#{f}", self.target),
            None => self.target.clone(),
        }
    }

    /// The lab id of a `[[lab:ID]]` link.
    pub(crate) fn lab(&self) -> Option<&str> {
        self.target.strip_prefix("lab:").map(str::trim)
    }
}

/// Every wikilink in a parsed note (code and comments excluded), in order.
pub(crate) fn collect_links(parsed: &Parsed) -> Vec<LinkAt> {
    let mut out = Vec::new();
    collect_links_in(&parsed.root, &parsed.links, &mut out);
    out
}

fn collect_links_in(node: &Node, links: &Links, out: &mut Vec<LinkAt>) {
    if let Node::Text(text) = node {
        let line = text.position.as_ref().map_or(0, |p| p.start.line);
        let base = text.value.as_ptr() as usize;
        let mut offset = 0;
        for piece in scan(&text.value, links) {
            match piece {
                // Text and tags borrow from the value: their end is where the next piece starts.
                Piece::Text(t) | Piece::Tag(t) => offset = t.as_ptr() as usize - base + t.len(),
                Piece::Link(link) => out.push(LinkAt {
                    line: line + text.value[..offset].matches('\n').count(),
                    embed: link.embed,
                    target: link.target.to_owned(),
                    fragment: link.fragment.map(str::to_owned),
                }),
            }
        }
        return;
    }
    if let Some(children) = node.children() {
        for child in children {
            collect_links_in(child, links, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(parsed: &Parsed) -> String {
        fn walk(n: &Node, out: &mut String) {
            if let Node::Text(t) = n {
                out.push_str(&t.value);
            }
            for c in n.children().map(Vec::as_slice).unwrap_or_default() {
                walk(c, out);
            }
        }
        let mut s = String::new();
        walk(&parsed.root, &mut s);
        s
    }

    fn links(src: &str) -> Vec<String> {
        let parsed = parse_markdown(src);
        let text = text_of(&parsed);
        scan(&text, &parsed.links)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Link(l) => Some(format!("{}|{}|{:?}|{:?}", l.embed, l.target, l.fragment, l.alias)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn wikilinks_with_alias_heading_and_block() {
        assert_eq!(
            links("see [[VPC 기초|VPC]] and [[kms#키 정책]] or [[노트#^da495e|VM]] ![[a.png]]"),
            [
                "false|VPC 기초|None|Some(\"VPC\")",
                "false|kms|Some(\"키 정책\")|None",
                "false|노트|Some(\"^da495e\")|Some(\"VM\")",
                "true|a.png|None|None",
            ]
        );
    }

    #[test]
    fn markdown_inside_a_link_is_not_markdown() {
        assert_eq!(
            links("[[my_file_name_x]] [[a *b* c]]"),
            ["false|my_file_name_x|None|None", "false|a *b* c|None|None"]
        );
        assert_eq!(links("[[x|<b>bold</b>]]"), ["false|x|None|Some(\"<b>bold</b>\")"]);
        assert_eq!(links("| [[a\\|b]] | c |\n|---|---|\n"), ["false|a|None|Some(\"b\")"]);
    }

    #[test]
    fn code_keeps_its_brackets_and_percent_signs() {
        let parsed = parse_markdown("`[[x]] %%y%%`\n\n```\n![[z]]\n```\n");
        assert!(parsed.links.0.is_empty());
        let Node::Paragraph(p) = &parsed.blocks()[0] else { panic!() };
        assert!(matches!(&p.children[0], Node::InlineCode(c) if c.value == "[[x]] %%y%%"));
        assert!(matches!(&parsed.blocks()[1], Node::Code(c) if c.value == "![[z]]"));
    }

    #[test]
    fn brackets_that_are_not_links_stay_text() {
        assert!(links("[[]] and [[ | x]] and [[a\nb]] and \\[\\[esc\\]\\]").is_empty());
        assert_eq!(links("[[outer [[inner]]"), ["false|inner|None|None"]);
    }

    #[test]
    fn comments_are_removed_but_line_numbers_are_kept() {
        let parsed = parse_markdown("a %%hidden [[x]]%% b\n%%multi\nline%%\n[[late]]\n`%%code%%`");
        let found = collect_links(&parsed);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].target.as_str()), (4, "late"));
        assert!(text_of(&parsed).starts_with("a  b"));
        assert_eq!(parse_markdown("100%% sure").blocks().len(), 1);
    }

    #[test]
    fn tags_need_a_space_before_and_a_letter() {
        let links = Links::default();
        let tags: Vec<&str> = scan("#aws 보안 #보안/그룹, C#sharp #1 (#vpc) x#no #2023년", &links)
            .into_iter()
            .filter_map(|p| if let Piece::Tag(t) = p { Some(t) } else { None })
            .collect();
        assert_eq!(tags, ["aws", "보안/그룹", "vpc", "2023년"]);
    }

    #[test]
    fn block_ids_end_a_paragraph() {
        assert_eq!(split_block_id("DynamoDB 서비스 ^61e1f6"), Some(("DynamoDB 서비스", "61e1f6")));
        assert_eq!(split_block_id("^only"), Some(("", "only")));
        assert_eq!(split_block_id("x^y"), None);
        assert_eq!(split_block_id("2^10 bytes"), None);
    }

    #[test]
    fn links_are_restored_where_they_mean_nothing() {
        let parsed = parse_markdown("<div title=\"[[x|y]]\">");
        let Node::Html(h) = &parsed.blocks()[0] else { panic!() };
        assert_eq!(parsed.links.restore(&h.value), "<div title=\"[[x|y]]\">");
    }
}
