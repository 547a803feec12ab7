//! CJK-friendly emphasis: `**보안 그룹(SG)**은` is bold, as in markdown-it and remark with the
//! `cjk-friendly` extension (the "CommonMark CJK-friendly amendments", commonmark-spec#650).
//!
//! CommonMark decides whether `**` can close by the characters around it: a run preceded by
//! punctuation (`)`) must be followed by a space or punctuation. Korean writes the particle
//! straight after the word (`…(SG)**은`), so the run stays literal and the reader sees
//! asterisks. The amendment counts a CJK character on the far side like a space: a run preceded
//! by non-CJK punctuation closes when a Hangul (or other CJK) letter follows, and symmetrically
//! for opening.
//!
//! markdown-rs has no hook for this, so it is a pass over its tree: in each run of inline nodes,
//! the `*`, `_` and `~` that were left as text (and were not escaped in the source) are judged
//! again with the amended flanking rules, paired with CommonMark's delimiter algorithm (rule of
//! three included; `~` pairs only with a run of its own length), and the pairs become
//! `Strong` / `Emphasis` / `Delete` nodes. Pairs CommonMark already made are never changed, and
//! nothing happens in a paragraph without a CJK character, so English text parses exactly as
//! before.

use markdown::mdast::{Delete, Emphasis, Node, Strong, Text};
use markdown::unist::{Point, Position};

/// East Asian Wide/Fullwidth/Halfwidth letters and symbols, and Hangul (the spec's "CJK
/// character", without emoji).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x2FDF | 0x2FF0..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// CommonMark's Unicode punctuation (general categories P and S), approximated without a
/// category table: ASCII punctuation, and anything else that is neither a letter, a digit nor a
/// space.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

fn is_non_cjk_punctuation(c: char) -> bool {
    is_punctuation(c) && !is_cjk(c)
}

/// Flanking by the amended rules; `None` (line start or end) counts as whitespace.
fn flanking(before: Option<char>, after: Option<char>) -> (bool, bool) {
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let left = !ws(after)
        && (!after.is_some_and(is_non_cjk_punctuation)
            || ws(before)
            || before.is_some_and(|b| is_non_cjk_punctuation(b) || is_cjk(b)));
    let right = !ws(before)
        && (!before.is_some_and(is_non_cjk_punctuation)
            || ws(after)
            || after.is_some_and(|a| is_non_cjk_punctuation(a) || is_cjk(a)));
    (left, right)
}

/// Applies the amended emphasis rules to every inline run under `node`. `src` is the text that
/// was parsed (node positions point into it).
pub(crate) fn cjk_emphasis(node: &mut Node, src: &str) {
    let Some(children) = node.children_mut() else {
        return;
    };
    for child in children.iter_mut() {
        cjk_emphasis(child, src);
    }
    let inline_parent = matches!(
        node,
        Node::Paragraph(_)
            | Node::Heading(_)
            | Node::TableCell(_)
            | Node::Emphasis(_)
            | Node::Strong(_)
            | Node::Delete(_)
            | Node::Link(_)
            | Node::LinkReference(_)
    );
    if inline_parent && let Some(children) = node.children_mut() {
        let needed = children.iter().any(|c| matches!(c, Node::Text(t) if t.value.contains(['*', '_', '~'])))
            && children.iter().any(|c| matches!(c, Node::Text(t) if t.value.chars().any(is_cjk)));
        if needed && let Some(rebuilt) = rebuild(children, src) {
            *children = rebuilt;
        }
    }
}

/// A piece of an inline run: text, a delimiter run, or another node.
enum Atom {
    /// Text, with the 1-based line it starts on (links found in it report lines).
    Text(String, usize),
    Run(Run),
    Node(Node),
}

struct Run {
    c: char,
    len: usize,
    can_open: bool,
    can_close: bool,
    /// Characters still unmatched (taken from the inner side as pairs are made).
    left: usize,
    /// Pairs this run takes part in: (pair id, characters).
    opens: Vec<(usize, usize)>,
    closes: Vec<(usize, usize)>,
}

/// The delimiter characters of a text node's value that were written as such in `src` (not
/// escaped, not from a character reference), by byte offset in the value, with the source
/// offset. `None` when the value cannot be lined up with its source.
fn real_delimiters(value: &str, src: &str, start: usize, end: usize) -> Option<Vec<(usize, usize)>> {
    let source = src.get(start..end)?;
    let mut out = Vec::new();
    let mut s = 0;
    let sb = source.as_bytes();
    for (v, c) in value.char_indices() {
        loop {
            let rest = &source[s..];
            let next = rest.chars().next()?;
            if next == c {
                if matches!(c, '*' | '_' | '~') {
                    out.push((v, start + s));
                }
                s += c.len_utf8();
                break;
            }
            if next == '\\' && rest[1..].starts_with(c) && c.is_ascii_punctuation() {
                s += 1 + c.len_utf8();
                break;
            }
            if next == '&' && c != '&' {
                s += rest.find(';')? + 1;
                break;
            }
            // Container prefixes and indentation after a line break are not in the value.
            if s > 0 && matches!(next, ' ' | '\t' | '>') && sb[..s].contains(&b'\n') {
                s += 1;
                continue;
            }
            return None;
        }
    }
    Some(out)
}

fn rebuild(children: &[Node], src: &str) -> Option<Vec<Node>> {
    let mut atoms: Vec<Atom> = Vec::new();
    for child in children {
        let Node::Text(t) = child else {
            atoms.push(Atom::Node(child.clone()));
            continue;
        };
        let pos = t.position.as_ref()?;
        let delims = real_delimiters(&t.value, src, pos.start.offset, pos.end.offset)?;
        let line_at = |at: usize| pos.start.line + t.value[..at].matches('\n').count();
        let mut at = 0;
        let mut i = 0;
        while i < delims.len() {
            let (v, s) = delims[i];
            let c = t.value[v..].chars().next()?;
            let mut len = 1;
            while i + len < delims.len()
                && delims[i + len] == (v + len, s + len)
                && t.value[v + len..].starts_with(c)
            {
                len += 1;
            }
            if v > at {
                atoms.push(Atom::Text(t.value[at..v].to_owned(), line_at(at)));
            }
            let before = src[..s].chars().next_back();
            let after = src[s + len..].chars().next();
            let (left, right) = flanking(before, after);
            let punct = |ch: Option<char>| ch.is_some_and(is_punctuation);
            let (can_open, can_close) = match c {
                '_' => (left && (!right || punct(before)), right && (!left || punct(after))),
                _ => (left, right),
            };
            atoms.push(Atom::Run(Run {
                c,
                len,
                can_open,
                can_close,
                left: len,
                opens: Vec::new(),
                closes: Vec::new(),
            }));
            at = v + len;
            i += len;
        }
        if at < t.value.len() {
            atoms.push(Atom::Text(t.value[at..].to_owned(), line_at(at)));
        }
    }
    if !pair(&mut atoms) {
        return None;
    }
    build(atoms)
}

/// CommonMark's "process emphasis" over the runs of `atoms`. Returns whether any pair was made.
fn pair(atoms: &mut [Atom]) -> bool {
    let runs: Vec<usize> =
        atoms.iter().enumerate().filter(|(_, a)| matches!(a, Atom::Run(_))).map(|(i, _)| i).collect();
    let mut active = vec![true; runs.len()];
    let mut pairs = 0;
    let run = |atoms: &[Atom], i: usize| -> (char, usize, bool, bool, usize) {
        match &atoms[i] {
            Atom::Run(r) => (r.c, r.len, r.can_open, r.can_close, r.left),
            _ => unreachable!("indices of runs only"),
        }
    };
    for ci in 0..runs.len() {
        loop {
            let (c, clen, c_open, c_close, c_left) = run(atoms, runs[ci]);
            if !c_close || c_left == 0 || !active[ci] {
                break;
            }
            let found = (0..ci).rev().find(|&oi| {
                let (oc, olen, o_open, o_close, o_left) = run(atoms, runs[oi]);
                active[oi]
                    && oc == c
                    && o_open
                    && o_left > 0
                    && match c {
                        '~' => o_left == c_left && olen == clen && clen <= 2,
                        _ => {
                            !((o_close || c_open)
                                && (olen + clen) % 3 == 0
                                && !(olen % 3 == 0 && clen % 3 == 0))
                        }
                    }
            });
            let Some(oi) = found else { break };
            let (_, _, _, _, o_left) = run(atoms, runs[oi]);
            let used = if c == '~' {
                c_left
            } else if o_left >= 2 && c_left >= 2 {
                2
            } else {
                1
            };
            if let Atom::Run(o) = &mut atoms[runs[oi]] {
                o.left -= used;
                o.opens.push((pairs, used));
            }
            if let Atom::Run(cl) = &mut atoms[runs[ci]] {
                cl.left -= used;
                cl.closes.push((pairs, used));
            }
            pairs += 1;
            // Delimiters between the two can no longer pair with anything.
            for a in active.iter_mut().take(ci).skip(oi + 1) {
                *a = false;
            }
        }
    }
    pairs > 0
}

/// The run of atoms as nodes, pairs wrapped around what they enclose. `None` if the pairs do
/// not nest (the algorithm makes them nest; this is a guard, not a path).
fn build(atoms: Vec<Atom>) -> Option<Vec<Node>> {
    // Frames: (pair id, characters, children).
    let mut stack: Vec<(usize, usize, Vec<Node>)> = vec![(usize::MAX, 0, Vec::new())];
    let text = |s: String| Node::Text(Text { value: s, position: None });
    for atom in atoms {
        match atom {
            Atom::Text(s, line) => {
                // Only the line is known (and only the line is read: link reports).
                let point = Point::new(line, 1, 0);
                let position = Some(Position { start: point.clone(), end: point });
                stack.last_mut()?.2.push(Node::Text(Text { value: s, position }));
            }
            Atom::Node(n) => stack.last_mut()?.2.push(n),
            Atom::Run(r) => {
                let c = r.c.to_string();
                // Unused characters of an opener stay before its pairs, of a closer after them.
                let unused = r.left;
                if r.opens.is_empty() && r.closes.is_empty() {
                    stack.last_mut()?.2.push(text(c.repeat(r.len)));
                    continue;
                }
                for (id, used) in &r.closes {
                    let (top, chars, children) = stack.pop()?;
                    if top != *id || chars != *used {
                        return None;
                    }
                    let node = match (r.c, used) {
                        ('~', _) => Node::Delete(Delete { children, position: None }),
                        (_, 2) => Node::Strong(Strong { children, position: None }),
                        _ => Node::Emphasis(Emphasis { children, position: None }),
                    };
                    stack.last_mut()?.2.push(node);
                }
                if !r.opens.is_empty() {
                    if unused > 0 {
                        stack.last_mut()?.2.push(text(c.repeat(unused)));
                    }
                    // The last pair made with an opener is the outermost.
                    for (id, used) in r.opens.iter().rev() {
                        stack.push((*id, *used, Vec::new()));
                    }
                } else if unused > 0 {
                    stack.last_mut()?.2.push(text(c.repeat(unused)));
                }
            }
        }
    }
    if stack.len() != 1 {
        return None;
    }
    stack.pop().map(|(_, _, children)| children)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(src: &str) -> String {
        let mut root = markdown::to_mdast(src, &markdown::ParseOptions::gfm()).unwrap();
        cjk_emphasis(&mut root, src);
        let mut out = String::new();
        fn walk(n: &Node, out: &mut String) {
            let tag = match n {
                Node::Strong(_) => Some("strong"),
                Node::Emphasis(_) => Some("em"),
                Node::Delete(_) => Some("del"),
                Node::InlineCode(c) => {
                    out.push_str(&format!("<code>{}</code>", c.value));
                    None
                }
                Node::Text(t) => {
                    out.push_str(&t.value);
                    None
                }
                _ => None,
            };
            if let Some(tag) = tag {
                out.push_str(&format!("<{tag}>"));
            }
            for c in n.children().map(Vec::as_slice).unwrap_or_default() {
                walk(c, out);
            }
            if let Some(tag) = tag {
                out.push_str(&format!("</{tag}>"));
            }
        }
        walk(&root, &mut out);
        out
    }

    #[test]
    fn bold_before_a_particle_closes() {
        assert_eq!(html("**보안 그룹(SG)**은 방화벽"), "<strong>보안 그룹(SG)</strong>은 방화벽");
        assert_eq!(
            html("패키지는 **`npm publish`**를 실행"),
            "패키지는 <strong><code>npm publish</code></strong>를 실행"
        );
        assert_eq!(html("*가용 영역(AZ)*을 두 개"), "<em>가용 영역(AZ)</em>을 두 개");
        assert_eq!(html("~~NAT(유료)~~는 지웠다"), "<del>NAT(유료)</del>는 지웠다");
        assert_eq!(html("문장은**“인용”**이다"), "문장은<strong>“인용”</strong>이다");
        assert_eq!(html("앞 **(괄호)로** 시작"), "앞 <strong>(괄호)로</strong> 시작");
    }

    #[test]
    fn what_is_not_emphasis_stays_text() {
        assert_eq!(html("가격 5 * 3 * 2 원"), "가격 5 * 3 * 2 원");
        assert_eq!(html("한국어 `**코드(x)**는` 그대로"), "한국어 <code>**코드(x)**는</code> 그대로");
        assert_eq!(html("\\*\\*이스케이프(E)\\*\\*은"), "**이스케이프(E)**은");
        assert_eq!(html("**(SG)**은 and **닫히지 않음"), "<strong>(SG)</strong>은 and **닫히지 않음");
        assert_eq!(html("변수_이름(x)_은"), "변수_이름(x)_은");
    }

    #[test]
    fn english_is_parsed_as_commonmark_says() {
        for src in ["2**3**4", "x**2 + y**2", "a ** b ** c", "**bold(x)**s", "snake_case_name", "**a** b"] {
            let mut plain = markdown::to_mdast(src, &markdown::ParseOptions::gfm()).unwrap();
            let before = format!("{plain:?}");
            cjk_emphasis(&mut plain, src);
            assert_eq!(format!("{plain:?}"), before, "{src}");
        }
    }
}
