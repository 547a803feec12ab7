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
//! markdown-rs has no hook for this, so it is a pass over its tree. The amendment changes which
//! runs can open and close, and so which pair with which anywhere in the paragraph (in
//! `**보안 그룹(SG)**은 인스턴스**별**로` CommonMark pairs the second and third `**`, the
//! amendment the first and second): re-judging only the runs CommonMark left unpaired nests the
//! wrong ones. So in each inline context (a paragraph, heading or table cell, and each link's
//! text on its own), the emphasis CommonMark made is taken apart again into its delimiter runs,
//! every run (those pairs' and the ones left as text, unless escaped) is judged with the amended
//! flanking rules, and CommonMark's delimiter algorithm (rule of three and openers bottom
//! included; `~` pairs only with a run of its own length) pairs them all afresh into
//! `Strong` / `Emphasis` / `Delete` nodes. A context where no run is judged differently is left
//! exactly as markdown-rs made it, so English text parses exactly as before; the result equals
//! markdown-it with `markdown-it-cjk-friendly` (`tests/fixtures/cjk-emphasis/`).

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

/// CommonMark's flanking, for telling whether the amendment changes anything.
fn flanking_commonmark(before: Option<char>, after: Option<char>) -> (bool, bool) {
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punctuation);
    let left = !ws(after) && (!punct(after) || ws(before) || punct(before));
    let right = !ws(before) && (!punct(before) || ws(after) || punct(after));
    (left, right)
}

/// Whether a run of `c` between `before` and `after` can open and close, by `flanking`.
fn can_open_close(
    c: char,
    before: Option<char>,
    after: Option<char>,
    flanking: fn(Option<char>, Option<char>) -> (bool, bool),
) -> (bool, bool) {
    let (left, right) = flanking(before, after);
    let punct = |ch: Option<char>| ch.is_some_and(is_punctuation);
    match c {
        '_' => (left && (!right || punct(before)), right && (!left || punct(after))),
        _ => (left, right),
    }
}

/// Applies the amended emphasis rules to every inline context under `node`. `src` is the text
/// that was parsed (node positions point into it).
pub(crate) fn cjk_emphasis(node: &mut Node, src: &str) {
    match node {
        Node::Paragraph(_) | Node::Heading(_) | Node::TableCell(_) => {
            if let Some(children) = node.children_mut() {
                fix_context(children, src);
            }
        }
        _ => {
            if let Some(children) = node.children_mut() {
                for child in children {
                    cjk_emphasis(child, src);
                }
            }
        }
    }
}

/// Re-pairs the delimiter runs of one inline context, links' texts first (each a context of
/// its own, as CommonMark processes a link's emphasis when the link closes).
fn fix_context(children: &mut Vec<Node>, src: &str) {
    fn links(node: &mut Node, src: &str) {
        match node {
            Node::Link(_) | Node::LinkReference(_) => {
                if let Some(children) = node.children_mut() {
                    fix_context(children, src);
                }
            }
            Node::Emphasis(_) | Node::Strong(_) | Node::Delete(_) => {
                for child in node.children_mut().into_iter().flatten() {
                    links(child, src);
                }
            }
            _ => {}
        }
    }
    for child in children.iter_mut() {
        links(child, src);
    }
    if has_cjk(children)
        && let Some(rebuilt) = rebuild(children, src)
    {
        *children = rebuilt;
    }
}

/// Whether the text of the context (not of its links) has a CJK character.
fn has_cjk(nodes: &[Node]) -> bool {
    nodes.iter().any(|n| match n {
        Node::Text(t) => t.value.chars().any(is_cjk),
        Node::Emphasis(_) | Node::Strong(_) | Node::Delete(_) => {
            has_cjk(n.children().map(Vec::as_slice).unwrap_or_default())
        }
        _ => false,
    })
}

/// A piece of an inline run: text, a delimiter run, or another node.
enum Atom {
    /// Text, with the 1-based line it starts on (links found in it report lines).
    Text(String, usize),
    Run(Run),
    Node(Node),
}

/// A context taken apart: text, single delimiter characters (with their source offset) and
/// other nodes.
enum Piece {
    Text(String, usize),
    Delim(char, usize),
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

/// Takes `nodes` apart into pieces: emphasis CommonMark made becomes its delimiters again.
/// `None` when positions are missing or do not line up with `src`.
fn take_apart(nodes: &[Node], src: &str, out: &mut Vec<Piece>) -> Option<()> {
    for node in nodes {
        match node {
            Node::Text(t) => {
                let pos = t.position.as_ref()?;
                let delims = real_delimiters(&t.value, src, pos.start.offset, pos.end.offset)?;
                let line_at = |at: usize| pos.start.line + t.value[..at].matches('\n').count();
                let mut at = 0;
                for (v, s) in delims {
                    if v > at {
                        out.push(Piece::Text(t.value[at..v].to_owned(), line_at(at)));
                    }
                    out.push(Piece::Delim(t.value[v..].chars().next()?, s));
                    at = v + 1;
                }
                if at < t.value.len() {
                    out.push(Piece::Text(t.value[at..].to_owned(), line_at(at)));
                }
            }
            Node::Emphasis(_) | Node::Strong(_) | Node::Delete(_) => {
                let children = node.children()?;
                let pos = node.position()?;
                let (first, last) = (children.first()?.position()?, children.last()?.position()?);
                let opener = src.get(pos.start.offset..first.start.offset)?;
                let closer = src.get(last.end.offset..pos.end.offset)?;
                let c = opener.chars().next()?;
                if !matches!(c, '*' | '_' | '~') || !opener.chars().chain(closer.chars()).all(|x| x == c) {
                    return None;
                }
                out.extend((pos.start.offset..first.start.offset).map(|s| Piece::Delim(c, s)));
                take_apart(children, src, out)?;
                out.extend((last.end.offset..pos.end.offset).map(|s| Piece::Delim(c, s)));
            }
            other => out.push(Piece::Node(other.clone())),
        }
    }
    Some(())
}

/// The context paired afresh, or `None` when the amended rules judge no run differently (or
/// the tree cannot be lined up with its source).
fn rebuild(children: &[Node], src: &str) -> Option<Vec<Node>> {
    let mut pieces = Vec::new();
    take_apart(children, src, &mut pieces)?;
    let mut atoms: Vec<Atom> = Vec::new();
    let mut changed = false;
    let mut pieces = pieces.into_iter().peekable();
    while let Some(piece) = pieces.next() {
        match piece {
            Piece::Text(s, line) => atoms.push(Atom::Text(s, line)),
            Piece::Node(n) => atoms.push(Atom::Node(n)),
            Piece::Delim(c, start) => {
                let mut len = 1;
                while let Some(Piece::Delim(d, s)) = pieces.peek()
                    && *d == c
                    && *s == start + len
                {
                    len += 1;
                    pieces.next();
                }
                let before = src[..start].chars().next_back();
                let after = src[start + len..].chars().next();
                let (can_open, can_close) = can_open_close(c, before, after, flanking);
                changed |= (can_open, can_close) != can_open_close(c, before, after, flanking_commonmark);
                atoms.push(Atom::Run(Run {
                    c,
                    len,
                    can_open,
                    can_close,
                    left: len,
                    opens: Vec::new(),
                    closes: Vec::new(),
                }));
            }
        }
    }
    if !changed {
        return None;
    }
    pair(&mut atoms);
    build(atoms)
}

/// CommonMark's "process emphasis" over the runs of `atoms`, with its delimiter stack as links
/// to the previous live run and its openers bottom, so that it stays linear.
fn pair(atoms: &mut [Atom]) {
    let mut runs: Vec<&mut Run> = atoms
        .iter_mut()
        .filter_map(|a| match a {
            Atom::Run(r) => Some(r),
            _ => None,
        })
        .collect();
    let n = runs.len();
    // The previous run still on the stack.
    let mut prev: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
    // Per (character, closer can open, closer length mod 3): openers at or below this index
    // were already found not to match.
    let mut bottom: std::collections::HashMap<(char, bool, usize), usize> = std::collections::HashMap::new();
    let mut pairs = 0;
    let unlink = |prev: &mut Vec<Option<usize>>, i: usize| {
        if i + 1 < prev.len() {
            prev[i + 1] = prev[i];
        }
    };
    for ci in 0..n {
        while runs[ci].can_close && runs[ci].left > 0 {
            let (c, clen, c_open) = (runs[ci].c, runs[ci].len, runs[ci].can_open);
            let key = (c, c_open, clen % 3);
            let floor = bottom.get(&key).copied();
            let mut at = prev[ci];
            let mut found = None;
            while let Some(oi) = at {
                if floor.is_some_and(|f| oi <= f) {
                    break;
                }
                let o = &runs[oi];
                let fits = o.c == c
                    && o.can_open
                    && o.left > 0
                    && match c {
                        '~' => o.left == runs[ci].left && o.len == clen && clen <= 2,
                        _ => {
                            !((o.can_close || c_open)
                                && (o.len + clen).is_multiple_of(3)
                                && !(o.len.is_multiple_of(3) && clen.is_multiple_of(3)))
                        }
                    };
                if fits {
                    found = Some(oi);
                    break;
                }
                at = prev[oi];
            }
            let Some(oi) = found else {
                if ci > 0 {
                    bottom.insert(key, ci - 1);
                }
                if !runs[ci].can_open {
                    unlink(&mut prev, ci);
                }
                break;
            };
            let used = if c == '~' {
                runs[ci].left
            } else if runs[oi].left >= 2 && runs[ci].left >= 2 {
                2
            } else {
                1
            };
            runs[oi].left -= used;
            runs[oi].opens.push((pairs, used));
            runs[ci].left -= used;
            runs[ci].closes.push((pairs, used));
            pairs += 1;
            // Runs between the two leave the stack, and so does a used-up opener.
            prev[ci] = if runs[oi].left == 0 { prev[oi] } else { Some(oi) };
            if runs[ci].left == 0 {
                unlink(&mut prev, ci);
            }
        }
    }
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
                push_text(&mut stack.last_mut()?.2, Text { value: s, position });
            }
            Atom::Node(n) => stack.last_mut()?.2.push(n),
            Atom::Run(r) => {
                let c = r.c.to_string();
                // Unused characters of an opener stay before its pairs, of a closer after them.
                let unused = r.left;
                if r.opens.is_empty() && r.closes.is_empty() {
                    push_text(&mut stack.last_mut()?.2, Text { value: c.repeat(r.len), position: None });
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
                    push_text(&mut stack.last_mut()?.2, Text { value: c.repeat(unused), position: None });
                }
            }
        }
    }
    if stack.len() != 1 {
        return None;
    }
    stack.pop().map(|(_, _, children)| children)
}

/// Appends text to `nodes`, joined to a text node before it as markdown-rs would have it.
fn push_text(nodes: &mut Vec<Node>, text: Text) {
    if let Some(Node::Text(last)) = nodes.last_mut() {
        if last.position.is_none() && !last.value.contains('\n') {
            last.position = text.position;
        }
        last.value.push_str(&text.value);
    } else {
        nodes.push(Node::Text(text));
    }
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
    fn pairs_are_made_afresh_over_every_run_of_the_paragraph() {
        // CommonMark pairs the second and third `**` here (the first cannot close before `은`).
        assert_eq!(
            html("**보안 그룹(SG)**은 인스턴스**별**로 적용된다."),
            "<strong>보안 그룹(SG)</strong>은 인스턴스<strong>별</strong>로 적용된다."
        );
        assert_eq!(
            html("**NAT 게이트웨이(NAT GW)**의 요금은 시간**당** 청구된다."),
            "<strong>NAT 게이트웨이(NAT GW)</strong>의 요금은 시간<strong>당</strong> 청구된다."
        );
        assert_eq!(html("*(SG)*과*(SG)* 그리고"), "<em>(SG)</em>과<em>(SG)</em> 그리고");
        assert_eq!(
            html("[**보안(SG)**은 링크](x)**별**로"),
            "<strong>보안(SG)</strong>은 링크<strong>별</strong>로"
        );
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
