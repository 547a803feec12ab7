//! Snippets: a window of a hit's text around its first match, matches marked.

use std::collections::VecDeque;

use crate::names::escape_html;

/// Characters shown before the first match in a snippet.
const SNIPPET_BEFORE: usize = 30;
/// Characters shown in a snippet in all.
const SNIPPET_LEN: usize = 120;

/// The snippet around the first match in `body` (or its beginning when only the title matched),
/// as HTML with `<mark>` and as text with `«»`. `ranges` are the matches, byte ranges of `norm`
/// (the normalised body); only the characters up to the end of the window are walked to map them back.
pub(crate) fn snippet(body: &str, norm: &str, mut ranges: Vec<(usize, usize)>) -> (String, String) {
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let first = merged.first().map_or(0, |r| r.0);

    // (original offset, normalised offset) of each character of the window, and of its end.
    let mut before: VecDeque<(usize, usize)> = VecDeque::with_capacity(SNIPPET_BEFORE + 1);
    let mut window: Vec<(usize, usize)> = Vec::with_capacity(SNIPPET_LEN + 1);
    let mut norm_at = 0;
    let mut end = (body.len(), norm.len());
    for (orig, c) in body.char_indices() {
        if norm_at < first {
            before.push_back((orig, norm_at));
            if before.len() > SNIPPET_BEFORE {
                before.pop_front();
            }
        } else if before.len() + window.len() < SNIPPET_LEN {
            window.push((orig, norm_at));
        } else {
            end = (orig, norm_at);
            break;
        }
        norm_at += c.to_lowercase().map(char::len_utf8).sum::<usize>();
    }
    let mut points: Vec<(usize, usize)> = before.into_iter().chain(window).collect();
    points.push(end);
    let to_orig = |n: usize| -> usize {
        let i = points.partition_point(|&(_, p)| p <= n).saturating_sub(1);
        points[i].0
    };
    let (mut start, stop) = (points[0].0, end.0);
    if start > 0 {
        // Begin at a word boundary rather than inside a word, when one is near.
        let first_orig = to_orig(first).max(start);
        if let Some((space, c)) = body[start..first_orig].char_indices().find(|(_, c)| c.is_whitespace()) {
            start += space + c.len_utf8();
        }
    }
    let norm_start = points[points.partition_point(|&(o, _)| o < start)].1;
    let norm_stop = end.1;

    let mut html = String::new();
    let mut text = String::new();
    if start > 0 {
        html.push('…');
        text.push('…');
    }
    let mut at = start;
    for &(s, e) in merged.iter().filter(|(s, e)| *e > norm_start && *s < norm_stop) {
        let (s, e) = (to_orig(s.max(norm_start)), if e >= norm_stop { stop } else { to_orig(e) });
        if s < at || e <= s {
            continue;
        }
        html.push_str(&escape_html(&body[at..s]));
        text.push_str(&body[at..s]);
        html.push_str("<mark>");
        html.push_str(&escape_html(&body[s..e]));
        html.push_str("</mark>");
        text.push('«');
        text.push_str(&body[s..e]);
        text.push('»');
        at = e;
    }
    html.push_str(&escape_html(&body[at..stop]));
    text.push_str(&body[at..stop]);
    if stop < body.len() {
        html.push('…');
        text.push('…');
    }
    (html, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyze::normalize;

    #[test]
    fn snippets_mark_every_match_in_the_window() {
        let body = "NAT <게이트웨이>는 nat를 씁니다";
        let norm = normalize(body);
        let (html, text) = snippet(body, &norm, vec![(0, 3), (25, 28)]);
        assert_eq!(text, "«NAT» <게이트웨이>는 «nat»를 씁니다");
        assert_eq!(html, "<mark>NAT</mark> &lt;게이트웨이&gt;는 <mark>nat</mark>를 씁니다");
    }
}
