//! Bounds on the work one note can cause, so that a hostile or broken note is shown cut short
//! with a warning instead of stalling or aborting the process.
//!
//! markdown-rs parses nesting in time that grows with the square of the depth (a 10,000-level
//! list takes 21 s), and every walk over its syntax tree here recurses once per level: a note
//! nested deep enough overflows the stack, which aborts the process (it cannot be caught). So
//! before parsing, [`limit_nesting`] makes one linear pass over the source and keeps every line
//! within [`MAX_NESTING`] containers (`>` quotes and list markers) and [`MAX_NESTING`] open
//! emphasis delimiters: the marker past the limit is escaped with `\`, so it and the rest of
//! its line show as text; leading whitespace past [`MAX_PREFIX_COLUMNS`] (nesting by
//! indentation) is dropped. Fenced code is left as written. Ordinary notes (a few levels) are
//! never touched. After parsing, [`clamp_depth`] flattens whatever still lies deeper than
//! [`MAX_TREE_DEPTH`] into plain text, so no walk can recurse further than that whatever the
//! parser made of the input.
//!
//! markdown-rs is also quadratic in the constructs of one paragraph or table: 160,000 unclosed
//! `[` take 52 s, 40,000 closed `*a*` 42 s, a table of 5,000 rows × 10 columns 21 s. The same
//! pass therefore escapes a `[` that would leave more than [`MAX_OPEN_BRACKETS`] open in a
//! paragraph, escapes the `|` of a row past [`MAX_TABLE_COLUMNS`] columns (the rest of the row
//! stays in its last cell), and leaves out the rows of a table past [`MAX_TABLE_CELLS`] cells
//! (their lines stay, empty). What is left is measured, not timed, so that the outcome is the
//! same on every machine: each block (lines up to a blank line or a list item) costs the square
//! of its markup (unescaped `*`, `_`, `~`, `[`, `]`, `!`, `|`, and one per line), and a note whose
//! blocks cost more than [`MAX_PARSE_WORK`] in all is not parsed: it is shown as plain text.
//!
//! Other bounds: [`MAX_NOTE_BYTES`] per note (import skips larger ones), and per page
//! [`MAX_EMBEDS`] embedded notes and [`MAX_EMBEDDED_BYTES`] of embedded Markdown (a handful of
//! notes embedding each other twenty times would otherwise make a page of hundreds of MB).

use std::borrow::Cow;

use markdown::mdast::{Node, Text};

/// Containers (`>` and list markers) and open emphasis delimiters a line may be nested in.
pub const MAX_NESTING: usize = 32;

/// `[` left open at once in one paragraph (links, images and wikilinks open with `[`).
pub const MAX_OPEN_BRACKETS: usize = 64;

/// Columns of one table row.
pub const MAX_TABLE_COLUMNS: usize = 64;

/// Cells of one table (header and delimiter row included): 4,096 is 400 rows of 10 columns.
pub const MAX_TABLE_CELLS: usize = 4096;

/// The parse work a note may cost, in squared markup characters per block (see the module
/// docs): one paragraph of 20,000 links or emphasis marks, about a second in a debug build.
pub const MAX_PARSE_WORK: u64 = 20_000 * 20_000;

/// Columns of leading whitespace kept in a line's container prefix (nesting by indentation).
pub(crate) const MAX_PREFIX_COLUMNS: usize = 2 * MAX_NESTING;

/// Syntax tree levels below which everything is flattened to text (a list level is two: the
/// list and its item).
pub(crate) const MAX_TREE_DEPTH: usize = 4 * MAX_NESTING;

/// The largest note that is imported and shown (2 MiB): far above any real note, small enough
/// that rendering and indexing it stay well under a second.
pub const MAX_NOTE_BYTES: u64 = 2 * 1024 * 1024;

/// Notes one page may embed in all, however deep or however often.
pub const MAX_EMBEDS: usize = 64;

/// Bytes of Markdown one page may embed in all.
pub const MAX_EMBEDDED_BYTES: usize = 1024 * 1024;

/// Why a line was changed before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Cut {
    /// Containers or emphasis past [`MAX_NESTING`].
    Nesting,
    /// `[` past [`MAX_OPEN_BRACKETS`].
    Brackets,
    /// A table row past [`MAX_TABLE_COLUMNS`].
    TableColumns,
    /// Table rows past [`MAX_TABLE_CELLS`], left out.
    TableCells,
}

/// A source after [`limit_nesting`]: the text to parse, the 1-based lines that were changed
/// and why, and the parse work the text costs (see the module docs).
#[derive(Debug, Clone)]
pub(crate) struct Limited<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) cuts: Vec<(usize, Cut)>,
    pub(crate) work: u64,
}

/// What the pass carries from line to line.
#[derive(Debug, Default)]
struct State {
    /// The open code fence: its character and length.
    fence: Option<(u8, usize)>,
    /// Emphasis delimiters opened and not yet closed in the current paragraph.
    open: usize,
    /// `[` not yet closed in the current paragraph.
    brackets: usize,
    /// Cells of the table the line is in, if it is in one.
    table: Option<usize>,
    /// Markup of the current block, and the squares of the blocks before it.
    block: u64,
    work: u64,
}

impl State {
    fn end_block(&mut self) {
        self.work = self.work.saturating_add(self.block.saturating_mul(self.block));
        self.block = 0;
        self.open = 0;
        self.brackets = 0;
    }
}

/// Keeps every line of `src` within the limits (see the module docs). Returns the source
/// unchanged (borrowed) when no line goes past them; line breaks are never added or removed.
pub(crate) fn limit_nesting(src: &str) -> Limited<'_> {
    let mut out: Option<String> = None;
    let mut cuts = Vec::new();
    let mut state = State::default();
    let mut at = 0;
    let mut lines = src.split_inclusive('\n').enumerate().peekable();
    while let Some((n, line)) = lines.next() {
        let next = lines.peek().map(|(_, l)| *l);
        let fixed = limit_line(line, next, &mut state, &mut |cut| cuts.push((n + 1, cut)));
        if let Some(fixed) = &fixed {
            out.get_or_insert_with(|| src[..at].to_owned()).push_str(fixed);
        } else if let Some(out) = &mut out {
            out.push_str(line);
        }
        at += line.len();
    }
    state.end_block();
    cuts.dedup();
    Limited { text: out.map_or(Cow::Borrowed(src), Cow::Owned), cuts, work: state.work }
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Whether `line` (container prefix included) is a table's delimiter row: `|`, `:`, `-` and
/// spaces only, with at least one `|` and one `-`.
fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim_start_matches(['>', ' ', '\t']).trim_end();
    t.contains('|') && t.contains('-') && t.bytes().all(|b| matches!(b, b'|' | b':' | b'-' | b' ' | b'\t'))
}

/// Offsets of the unescaped `|` of `s` from `from` (inside code spans too: GFM splits cells
/// there as well).
fn pipes(s: &str, from: usize) -> Vec<usize> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'|' => {
                out.push(i);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The line with its nesting limited, or `None` when it is within the limits.
fn limit_line(line: &str, next: Option<&str>, st: &mut State, cut: &mut dyn FnMut(Cut)) -> Option<String> {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut markers = 0;
    let mut list_items = 0;
    let mut columns = 0;
    // (byte range to drop) and (byte offset where a `\` goes).
    let mut drop: Vec<(usize, usize)> = Vec::new();
    let mut escape: Vec<usize> = Vec::new();
    let mut cut_at: Option<usize> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if is_space(b) {
            while i < bytes.len() && is_space(bytes[i]) {
                let width = if bytes[i] == b'\t' { 4 } else { 1 };
                if columns + width > MAX_PREFIX_COLUMNS && st.fence.is_none() {
                    drop.push((i, i + 1));
                } else {
                    columns += width;
                }
                i += 1;
            }
            continue;
        }
        let bullet = matches!(b, b'-' | b'+' | b'*')
            && bytes.get(i + 1).is_none_or(|&c| is_space(c) || c == b'\n' || c == b'\r');
        let marker_len = if b == b'>' || bullet {
            1
        } else if b.is_ascii_digit() {
            let digits = bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            match bytes.get(i + digits) {
                Some(b'.' | b')')
                    if digits <= 9
                        && bytes
                            .get(i + digits + 1)
                            .is_none_or(|&c| is_space(c) || c == b'\n' || c == b'\r') =>
                {
                    digits + 1
                }
                _ => 0,
            }
        } else {
            0
        };
        if marker_len == 0 {
            break;
        }
        markers += 1;
        if b != b'>' {
            list_items += 1;
        }
        if markers > MAX_NESTING && st.fence.is_none() {
            // Escape the marker's punctuation: the rest of the line becomes paragraph text.
            escape.push(i + marker_len - 1);
            cut(Cut::Nesting);
            cut_at = Some(i);
            break;
        }
        i += marker_len;
    }
    let content = cut_at.unwrap_or(i);
    if !drop.is_empty() {
        cut(Cut::Nesting);
    }

    // Fenced code: everything up to the closing fence is left alone.
    let rest = &line[content..];
    let trimmed = rest.trim_end();
    let fence_char = trimmed.bytes().next().filter(|c| *c == b'`' || *c == b'~');
    if cut_at.is_none() {
        if let Some((c, len)) = st.fence {
            let run = trimmed.bytes().take_while(|b| *b == c).count();
            if run >= len && trimmed.len() == run {
                st.fence = None;
            }
            return None;
        }
        if let Some(c) = fence_char {
            let run = trimmed.bytes().take_while(|b| *b == c).count();
            if run >= 3 {
                st.fence = Some((c, run));
                st.end_block();
                st.table = None;
                return finish(line, &drop, &escape, None);
            }
        }
    }
    // Emphasis and links never span a blank line or a list item.
    if trimmed.is_empty() || list_items > 0 {
        st.end_block();
    }
    if trimmed.is_empty() {
        st.table = None;
        return finish(line, &drop, &escape, None);
    }
    let row_pipes = pipes(line, content);
    if st.table.is_none() && !row_pipes.is_empty() && next.is_some_and(is_delimiter_row) {
        st.table = Some(0);
    } else if row_pipes.is_empty() {
        // A line without a `|` may still be a row in GFM, but it is cheap: stop counting.
        st.table = None;
    }
    if let Some(cells) = &mut st.table {
        // `|a|b|` is two cells: a leading and a trailing `|` bound no cell of their own.
        let row_text = line[content..].trim_end();
        let edges = usize::from(row_text.starts_with('|')) + usize::from(row_text.ends_with('|'));
        let row = (row_pipes.len() + 1).saturating_sub(edges).max(1);
        if *cells + row.min(MAX_TABLE_COLUMNS) > MAX_TABLE_CELLS {
            // The rest of the table is left out; its lines stay, empty, which ends the table.
            cut(Cut::TableCells);
            st.end_block();
            return finish(line, &drop, &escape, Some(content));
        }
        *cells += row.min(MAX_TABLE_COLUMNS);
        if row > MAX_TABLE_COLUMNS {
            cut(Cut::TableColumns);
            // The first `|` past the last column kept.
            let past = MAX_TABLE_COLUMNS - 1 + usize::from(row_text.starts_with('|'));
            if is_delimiter_row(line) {
                // A delimiter row with an escape is none; cut it to as many columns as the
                // header keeps.
                return finish(line, &drop, &escape, Some(row_pipes[past]));
            }
            escape.extend(&row_pipes[past..]);
        }
        st.block += row_pipes.len().min(MAX_TABLE_COLUMNS) as u64;
    } else {
        st.block += row_pipes.len() as u64;
    }
    st.block += 1;
    limit_inline(line, content, st, &mut escape, cut);
    escape.sort_unstable();
    escape.dedup();
    finish(line, &drop, &escape, None)
}

/// Escapes emphasis delimiters that would open past [`MAX_NESTING`] levels and `[` that would
/// leave more than [`MAX_OPEN_BRACKETS`] open, and counts the markup of the line. A run of
/// `*`, `_` or `~` followed by a non-space opens as many levels as it is long; one preceded by
/// a non-space (and followed by a space) closes them. Code spans are skipped.
fn limit_inline(line: &str, from: usize, st: &mut State, escape: &mut Vec<usize>, cut: &mut dyn FnMut(Cut)) {
    let bytes = line.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' {
            i += 2;
            continue;
        }
        if b == b'`' {
            let run = bytes[i..].iter().take_while(|c| **c == b'`').count();
            let ticks = &line[i..i + run];
            match line[i + run..].find(ticks) {
                Some(off) => i += run + off + run,
                None => i += run,
            }
            continue;
        }
        if b == b'!' {
            // `!` before an escaped `[` costs markdown-rs as much as an image would.
            st.block += 1;
            i += 1;
            continue;
        }
        if b == b'[' {
            if st.brackets >= MAX_OPEN_BRACKETS {
                // `!\[` is quadratic in markdown-rs as `![` is; `\!\[` is not.
                if i > from && bytes[i - 1] == b'!' && !(i >= 2 && bytes[i - 2] == b'\\') {
                    escape.push(i - 1);
                    st.block -= 1;
                }
                escape.push(i);
                cut(Cut::Brackets);
            } else {
                st.brackets += 1;
                st.block += 1;
            }
            i += 1;
            continue;
        }
        if b == b']' {
            st.brackets = st.brackets.saturating_sub(1);
            st.block += 1;
            i += 1;
            continue;
        }
        if !matches!(b, b'*' | b'_' | b'~') {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|c| **c == b).count();
        let before = line[..i].chars().next_back();
        let after = line[i + run..].chars().next();
        let space_before = before.is_none_or(char::is_whitespace);
        let space_after = after.is_none_or(char::is_whitespace);
        // Between two non-spaces a run may open or close (`**보안 그룹(SG)**은`): count it as
        // closing what is open, else as opening.
        let opens = !space_after && (space_before || st.open == 0);
        let closes = !space_before && (space_after || st.open > 0);
        if opens && !closes {
            let allowed = MAX_NESTING.saturating_sub(st.open).min(run);
            st.open += allowed;
            if allowed < run {
                cut(Cut::Nesting);
            }
            escape.extend(i + allowed..i + run);
            st.block += allowed as u64;
        } else {
            if closes {
                st.open = st.open.saturating_sub(run);
            }
            st.block += run as u64;
        }
        i += run;
    }
}

/// Applies the drops and escapes to `line`, and leaves out what follows `truncate` (up to the
/// line break); `None` when there is nothing to do.
fn finish(line: &str, drop: &[(usize, usize)], escape: &[usize], truncate: Option<usize>) -> Option<String> {
    if drop.is_empty() && escape.is_empty() && truncate.is_none() {
        return None;
    }
    let mut out = String::with_capacity(line.len() + escape.len());
    let (mut d, mut e) = (0, 0);
    for (i, c) in line.char_indices() {
        if truncate.is_some_and(|t| i >= t) && c != '\n' && c != '\r' {
            continue;
        }
        if d < drop.len() && drop[d].0 == i {
            d += 1;
            continue;
        }
        if e < escape.len() && escape[e] == i {
            out.push('\\');
            e += 1;
        }
        out.push(c);
    }
    Some(out)
}

/// Flattens every node deeper than `max` levels below `node` into one text node of what it
/// says. Returns whether anything was flattened. Recurses at most `max` levels.
pub(crate) fn clamp_depth(node: &mut Node, max: usize) -> bool {
    let Some(children) = node.children_mut() else {
        return false;
    };
    if max == 0 {
        let text = flat_text(children);
        *children = vec![Node::Text(Text { value: text, position: None })];
        return true;
    }
    let mut any = false;
    for child in children {
        any |= clamp_depth(child, max - 1);
    }
    any
}

/// The text of `nodes` and everything below them, without recursion.
fn flat_text(nodes: &[Node]) -> String {
    let mut out = String::new();
    let mut stack: Vec<&Node> = nodes.iter().rev().collect();
    while let Some(node) = stack.pop() {
        match node {
            Node::Text(t) => out.push_str(&t.value),
            Node::InlineCode(c) => out.push_str(&c.value),
            Node::Code(c) => out.push_str(&c.value),
            Node::InlineMath(m) => out.push_str(&m.value),
            Node::Math(m) => out.push_str(&m.value),
            _ => {
                if let Some(children) = node.children() {
                    out.push(' ');
                    stack.extend(children.iter().rev());
                }
            }
        }
    }
    out
}

/// The depth of the tree below `node`, without recursion.
#[cfg(test)]
pub(crate) fn depth(node: &Node) -> usize {
    let mut max = 0;
    let mut stack = vec![(node, 0)];
    while let Some((n, d)) = stack.pop() {
        max = max.max(d);
        for c in n.children().map(Vec::as_slice).unwrap_or_default() {
            stack.push((c, d + 1));
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limited(src: &str) -> String {
        limit_nesting(src).text.into_owned()
    }

    #[test]
    fn ordinary_notes_are_not_touched() {
        let note = "# 제목\n\n- a\n  - b\n    - c\n\n> > 인용 **굵게** _기울임_ ~~취소~~\n\n```\n> > > > > > > >\n```\n";
        let l = limit_nesting(note);
        assert!(matches!(l.text, Cow::Borrowed(_)) && l.cuts.is_empty());
        assert!(l.work < 1_000, "{}", l.work);
    }

    #[test]
    fn markers_past_the_limit_are_escaped_and_the_rest_is_text() {
        let deep = format!("{}a\n", "> ".repeat(40));
        let l = limit_nesting(&deep);
        assert_eq!(l.cuts, [(1, Cut::Nesting)]);
        assert_eq!(*l.text, format!("{}\\> {}a\n", "> ".repeat(32), "> ".repeat(7)));
        let list = format!("{}a\n", "1. ".repeat(40));
        assert!(limited(&list).starts_with(&format!("{}1\\. 1.", "1. ".repeat(32))));
    }

    #[test]
    fn indentation_past_the_limit_is_dropped_but_lines_stay() {
        let list: String = (0..100).map(|i| format!("{}- a\n", "  ".repeat(i))).collect();
        let out = limited(&list);
        assert_eq!(out.lines().count(), 100);
        assert!(out.lines().all(|l| l.len() - l.trim_start().len() <= MAX_PREFIX_COLUMNS));
    }

    #[test]
    fn emphasis_past_the_limit_is_escaped() {
        let stars = format!("{}a{}\n", "*".repeat(100), "*".repeat(100));
        let out = limited(&stars);
        assert!(out.starts_with(&format!("{}\\*", "*".repeat(32))), "{out}");
        let separate = format!("{}b{}\n", "*a ".repeat(50), " a*".repeat(50));
        assert_eq!(limited(&separate).matches("\\*").count(), 18);
        // Closing delimiters make room again; code spans do not count.
        let fine = format!("{}\n", "**굵게** `****` ".repeat(100));
        assert!(matches!(limit_nesting(&fine).text, Cow::Borrowed(_)));
    }

    #[test]
    fn brackets_past_the_limit_are_escaped() {
        let l = limit_nesting("[a![a".repeat(100).as_str()).text.into_owned();
        assert_eq!(l.matches("\\[").count(), 200 - MAX_OPEN_BRACKETS);
        assert_eq!(l.matches("\\!\\[").count(), 100 - MAX_OPEN_BRACKETS / 2, "{l}");
        // Closed brackets make room again; a blank line starts afresh.
        let links = "[a](b) ".repeat(200);
        assert!(matches!(limit_nesting(&links).text, Cow::Borrowed(_)));
        let paragraphs = format!("{}\n\n{}", "[a".repeat(60), "[a".repeat(60));
        assert!(matches!(limit_nesting(&paragraphs).text, Cow::Borrowed(_)));
    }

    #[test]
    fn wide_and_long_tables_are_cut() {
        let row = |cols: usize| format!("|{}\n", "a|".repeat(cols));
        let wide = format!("{}|{}\n{}", row(100), "-|".repeat(100), row(100));
        let l = limit_nesting(&wide);
        assert_eq!(l.cuts, [(1, Cut::TableColumns), (2, Cut::TableColumns), (3, Cut::TableColumns)]);
        let lines: Vec<&str> = l.text.lines().collect();
        assert_eq!(lines[0].matches("\\|").count(), 101 - MAX_TABLE_COLUMNS);
        assert_eq!(lines[1].matches('|').count(), MAX_TABLE_COLUMNS, "the delimiter row is cut");
        // Without the outer `|`, the same number of columns.
        let bare = format!("{}\n{}\n", "a|".repeat(99) + "a", "-|".repeat(99) + "-");
        let l = limit_nesting(&bare).text.into_owned();
        let lines: Vec<&str> = l.lines().collect();
        assert_eq!(lines[0].matches('|').count() - lines[0].matches("\\|").count(), MAX_TABLE_COLUMNS - 1);
        assert_eq!(lines[1].matches('|').count(), MAX_TABLE_COLUMNS - 1);

        let long = format!("x\n\n{}|-|-|\n{}\nafter\n", row(2), row(2).repeat(3000));
        let l = limit_nesting(&long);
        let text = l.text.lines().collect::<Vec<_>>();
        assert_eq!(text.len(), long.lines().count(), "lines stay");
        let kept = text.iter().filter(|l| l.starts_with('|')).count();
        assert_eq!(kept, MAX_TABLE_CELLS / 2);
        assert_eq!(text.last(), Some(&"after"));
        assert!(l.cuts.iter().all(|(_, c)| *c == Cut::TableCells));
        // A table of ordinary size is left alone.
        let fine = format!("{}|-|-|\n{}", row(2), row(2).repeat(100));
        assert!(limit_nesting(&fine).cuts.is_empty());
    }

    #[test]
    fn parse_work_is_the_square_of_each_blocks_markup() {
        let one = limit_nesting(&"*a* ".repeat(1000)).work;
        assert_eq!(one, 2001 * 2001);
        let two = limit_nesting(&format!("{}\n\n{}", "*a* ".repeat(500), "*a* ".repeat(500))).work;
        assert_eq!(two, 2 * 1001 * 1001);
        // List items are blocks of their own; code and escapes cost nothing.
        let list = limit_nesting(&"- [a](b) *c*\n".repeat(1000)).work;
        assert_eq!(list, 1000 * 5 * 5);
        let code = limit_nesting(&format!("```\n{}\n```\n`**` \\*", "*a* ".repeat(1000))).work;
        assert!(code < 10, "{code}");
    }

    #[test]
    fn fenced_code_is_left_as_written() {
        let src = format!("```\n{}\n```\n", "> ".repeat(100));
        assert!(matches!(limit_nesting(&src).text, Cow::Borrowed(_)));
    }

    #[test]
    fn deep_trees_are_flattened_to_text() {
        let mut root =
            markdown::to_mdast(&format!("{}a\n", "> ".repeat(30)), &markdown::ParseOptions::gfm()).unwrap();
        assert!(depth(&root) > 30);
        assert!(clamp_depth(&mut root, 10));
        assert!(depth(&root) <= 11);
        assert!(flat_text(root.children().unwrap()).contains('a'));
    }
}
