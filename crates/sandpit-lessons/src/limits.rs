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
//! Other bounds: [`MAX_NOTE_BYTES`] per note (import skips larger ones), and per page
//! [`MAX_EMBEDS`] embedded notes and [`MAX_EMBEDDED_BYTES`] of embedded Markdown (a handful of
//! notes embedding each other twenty times would otherwise make a page of hundreds of MB).

use std::borrow::Cow;

use markdown::mdast::{Node, Text};

/// Containers (`>` and list markers) and open emphasis delimiters a line may be nested in.
pub const MAX_NESTING: usize = 32;

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

/// A source after [`limit_nesting`]: the text to parse and the 1-based lines that were changed.
#[derive(Debug, Clone)]
pub(crate) struct Limited<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) lines: Vec<usize>,
}

/// Keeps every line of `src` within the nesting limits (see the module docs). Returns the source
/// unchanged (borrowed) when no line goes past them; line breaks are never added or removed.
pub(crate) fn limit_nesting(src: &str) -> Limited<'_> {
    let mut out: Option<String> = None;
    let mut changed = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    // Emphasis delimiters opened and not yet closed in the current paragraph.
    let mut open = 0usize;
    let mut at = 0;
    for (n, line) in src.split_inclusive('\n').enumerate() {
        let fixed = limit_line(line, &mut fence, &mut open);
        if let Some(fixed) = &fixed {
            changed.push(n + 1);
            out.get_or_insert_with(|| src[..at].to_owned()).push_str(fixed);
        } else if let Some(out) = &mut out {
            out.push_str(line);
        }
        at += line.len();
    }
    Limited { text: out.map_or(Cow::Borrowed(src), Cow::Owned), lines: changed }
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// The line with its nesting limited, or `None` when it is within the limits.
fn limit_line(line: &str, fence: &mut Option<(u8, usize)>, open: &mut usize) -> Option<String> {
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
                if columns + width > MAX_PREFIX_COLUMNS && fence.is_none() {
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
        if markers > MAX_NESTING && fence.is_none() {
            // Escape the marker's punctuation: the rest of the line becomes paragraph text.
            escape.push(i + marker_len - 1);
            cut_at = Some(i);
            break;
        }
        i += marker_len;
    }
    let content = cut_at.unwrap_or(i);

    // Fenced code: everything up to the closing fence is left alone.
    let rest = &line[content..];
    let trimmed = rest.trim_end();
    let fence_char = trimmed.bytes().next().filter(|c| *c == b'`' || *c == b'~');
    if cut_at.is_none() {
        if let Some((c, len)) = *fence {
            let run = trimmed.bytes().take_while(|b| *b == c).count();
            if run >= len && trimmed.len() == run {
                *fence = None;
            }
            return None;
        }
        if let Some(c) = fence_char {
            let run = trimmed.bytes().take_while(|b| *b == c).count();
            if run >= 3 {
                *fence = Some((c, run));
                *open = 0;
                return finish(line, &drop, &escape);
            }
        }
    }
    // Emphasis never spans a blank line or a list item.
    if trimmed.is_empty() || list_items > 0 {
        *open = 0;
    }
    if trimmed.is_empty() {
    } else {
        limit_emphasis(line, content, open, &mut escape);
    }
    finish(line, &drop, &escape)
}

/// Escapes emphasis delimiters that would open past [`MAX_NESTING`] levels: a run of `*`, `_` or
/// `~` followed by a non-space opens as many levels as it is long; one preceded by a non-space
/// (and followed by a space) closes them. Code spans are skipped.
fn limit_emphasis(line: &str, from: usize, open: &mut usize, escape: &mut Vec<usize>) {
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
        let opens = !space_after && (space_before || *open == 0);
        let closes = !space_before && (space_after || *open > 0);
        if opens && !closes {
            let allowed = MAX_NESTING.saturating_sub(*open).min(run);
            *open += allowed;
            escape.extend(i + allowed..i + run);
        } else if closes {
            *open = open.saturating_sub(run);
        }
        i += run;
    }
}

/// Applies the drops and escapes to `line`; `None` when there are none.
fn finish(line: &str, drop: &[(usize, usize)], escape: &[usize]) -> Option<String> {
    if drop.is_empty() && escape.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(line.len() + escape.len());
    let (mut d, mut e) = (0, 0);
    for (i, c) in line.char_indices() {
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
        assert!(matches!(l.text, Cow::Borrowed(_)) && l.lines.is_empty());
    }

    #[test]
    fn markers_past_the_limit_are_escaped_and_the_rest_is_text() {
        let deep = format!("{}a\n", "> ".repeat(40));
        let l = limit_nesting(&deep);
        assert_eq!(l.lines, [1]);
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
