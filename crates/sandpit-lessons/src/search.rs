//! Full-text search that works for Korean.
//!
//! Korean writes particles onto nouns (`보안그룹은`, `암호화를`), so whole-word matching finds
//! nothing. The index keys Hangul (and other CJK) runs by character bigrams — and single
//! characters, for one-syllable queries — and Latin runs by lowercase words, each posting with
//! how often the key occurs in the title and in the body. A query term that is one key (a
//! two-syllable word like `보안`, a word like `NAT`) is answered from the postings alone; a
//! longer term takes the documents holding all its keys and checks them for the term itself
//! (substring for Korean, whole word for Latin). The index is built once, in memory; only the
//! snippets of the hits returned read their text again.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Serialize;

use crate::library::Library;
use crate::names::{escape_html, nfc};
use crate::render::plain_text;
use crate::syntax::parse_markdown;

/// Characters shown before the first match in a snippet.
const SNIPPET_BEFORE: usize = 30;
/// Characters shown in a snippet in all.
const SNIPPET_LEN: usize = 120;
/// Weight of a hit in the title against one in the body: a title hit outranks any body.
const TITLE_WEIGHT: u32 = 1000;

/// A search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Hit {
    /// The lesson id.
    pub id: String,
    /// The lesson title.
    pub title: String,
    /// Higher is better: title hits × 1000 + body hits (capped at 999).
    pub score: u32,
    /// A piece of the text around the first match, HTML-escaped, matches in `<mark>`.
    pub snippet_html: String,
    /// The same piece as plain text, matches delimited by `«` and `»`.
    pub snippet_text: String,
}

struct Doc {
    id: String,
    title: String,
    /// Body and tags as plain text, whitespace collapsed, NFC.
    body: String,
    title_norm: String,
    body_norm: String,
}

/// An in-memory full-text index over a [`Library`].
pub struct SearchIndex {
    docs: Vec<Doc>,
    /// Key → (document, hits in the title, hits in the body), by document.
    postings: HashMap<String, Vec<Posting>>,
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    title: u32,
    body: u32,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("docs", &self.docs.len())
            .field("keys", &self.postings.len())
            .finish()
    }
}

/// Lowercase, NFC: the form text is matched in.
fn normalize(s: &str) -> String {
    nfc(s).chars().flat_map(char::to_lowercase).collect()
}

/// Hangul, Han, kana: scripts written without spaces between words, indexed by bigrams.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF | 0xA960..=0xA97F | 0xD7B0..=0xD7FF
        | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Counts the index keys of normalised text: CJK unigrams and bigrams, and words.
fn keys(text: &str, mut count: impl FnMut(String)) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_cjk(c) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            let run = &chars[start..i];
            for (k, ch) in run.iter().enumerate() {
                count(ch.to_string());
                if let Some(next) = run.get(k + 1) {
                    count([*ch, *next].iter().collect());
                }
            }
        } else if is_word_char(c) {
            let start = i;
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
            count(chars[start..i].iter().collect());
        } else {
            i += 1;
        }
    }
}

/// The keys a query term needs: bigrams for CJK runs (a lone character when the run is one
/// long), whole words otherwise.
fn query_keys(term: &str) -> Vec<String> {
    let mut set = HashSet::new();
    let chars: Vec<char> = term.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_cjk(chars[i]) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            let run = &chars[start..i];
            if run.len() == 1 {
                set.insert(run[0].to_string());
            }
            for pair in run.windows(2) {
                set.insert(pair.iter().collect::<String>());
            }
        } else if is_word_char(chars[i]) {
            let start = i;
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
            set.insert(chars[start..i].iter().collect());
        } else {
            i += 1;
        }
    }
    let mut keys: Vec<String> = set.into_iter().collect();
    keys.sort();
    keys
}

/// Byte offsets of the occurrences of `term` in `text` (both normalised). A term that starts or
/// ends with a Latin letter or digit must start or end a word there (`nat` is not in
/// `alternative`); Korean needs no boundary (`보안` is in `보안그룹은`).
fn occurrences(text: &str, term: &str) -> Vec<usize> {
    let first_is_word = term.chars().next().is_some_and(is_word_char);
    let last_is_word = term.chars().next_back().is_some_and(is_word_char);
    text.match_indices(term)
        .filter(|(at, _)| {
            let before_ok = !first_is_word || !text[..*at].chars().next_back().is_some_and(is_word_char);
            let after_ok = !last_is_word || !text[at + term.len()..].chars().next().is_some_and(is_word_char);
            before_ok && after_ok
        })
        .map(|(at, _)| at)
        .collect()
}

impl SearchIndex {
    /// Indexes every lesson of `library`: its title, tags and the plain text of its body.
    pub fn build(library: &Library) -> SearchIndex {
        let mut docs = Vec::with_capacity(library.lessons().len());
        let mut postings: HashMap<String, Vec<Posting>> = HashMap::new();
        for (n, lesson) in library.lessons().iter().enumerate() {
            let parsed = parse_markdown(&lesson.body);
            let mut body = plain_text(parsed.blocks(), &parsed.links);
            for tag in &lesson.meta.tags {
                body.push_str(" #");
                body.push_str(tag);
            }
            let body = nfc(&body.split_whitespace().collect::<Vec<_>>().join(" "));
            let title = lesson.meta.title.clone();
            let doc = Doc {
                id: lesson.meta.id.clone(),
                title_norm: normalize(&title),
                body_norm: normalize(&body),
                title,
                body,
            };
            let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
            keys(&doc.title_norm, |k| counts.entry(k).or_default().0 += 1);
            keys(&doc.body_norm, |k| counts.entry(k).or_default().1 += 1);
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            for (key, (title, body)) in counts {
                postings.entry(key).or_default().push(Posting { doc: n, title, body });
            }
            docs.push(doc);
        }
        SearchIndex { docs, postings }
    }

    /// How many lessons are indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// `true` when no lesson is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The best `limit` lessons containing every whitespace-separated term of `query`
    /// (case-insensitive), best first: title hits rank above body hits, more hits higher,
    /// ties by title. An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms: Vec<String> = normalize(query)
            .split_whitespace()
            .filter(|t| !query_keys(t).is_empty())
            .map(str::to_owned)
            .collect();
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        // Per document: (title hits, body hits) summed over the terms matched so far.
        let mut matched: Option<HashMap<u32, (u32, u32)>> = None;
        for term in &terms {
            let keys = query_keys(term);
            let mut found: HashMap<u32, (u32, u32)> = HashMap::new();
            if keys.len() == 1 && keys[0] == *term {
                // The term is a key: the postings hold its exact counts.
                for p in self.postings.get(term).map(Vec::as_slice).unwrap_or_default() {
                    found.insert(p.doc, (p.title, p.body));
                }
            } else {
                let mut candidates: Option<Vec<u32>> = None;
                for key in &keys {
                    let docs: Vec<u32> = self
                        .postings
                        .get(key)
                        .map(Vec::as_slice)
                        .unwrap_or_default()
                        .iter()
                        .map(|p| p.doc)
                        .collect();
                    candidates = Some(match candidates {
                        None => docs,
                        Some(current) => intersect(&current, &docs),
                    });
                }
                for doc in candidates.unwrap_or_default() {
                    let d = &self.docs[doc as usize];
                    let hits =
                        (count(&occurrences(&d.title_norm, term)), count(&occurrences(&d.body_norm, term)));
                    if hits.0 + hits.1 > 0 {
                        found.insert(doc, hits);
                    }
                }
            }
            matched = Some(match matched {
                None => found,
                Some(previous) => previous
                    .into_iter()
                    .filter_map(|(doc, (t, b))| found.get(&doc).map(|&(t2, b2)| (doc, (t + t2, b + b2))))
                    .collect(),
            });
        }
        let mut scored: Vec<(u32, usize)> = matched
            .unwrap_or_default()
            .into_iter()
            .map(|(doc, (t, b))| (t.saturating_mul(TITLE_WEIGHT) + b.min(TITLE_WEIGHT - 1), doc as usize))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| self.docs[a.1].title.cmp(&self.docs[b.1].title)));
        scored
            .into_iter()
            .take(limit)
            .map(|(score, i)| {
                let doc = &self.docs[i];
                let (snippet_html, snippet_text) = snippet(&doc.body, &doc.body_norm, &terms);
                Hit { id: doc.id.clone(), title: doc.title.clone(), score, snippet_html, snippet_text }
            })
            .collect()
    }
}

fn count(found: &[usize]) -> u32 {
    u32::try_from(found.len()).unwrap_or(u32::MAX)
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The snippet around the first match in `body` (or its beginning when only the title matched),
/// as HTML with `<mark>` and as text with `«»`. Matches are found in `norm` (the normalised
/// body); only the characters up to the end of the window are walked to map them back.
fn snippet(body: &str, norm: &str, terms: &[String]) -> (String, String) {
    let mut ranges: Vec<(usize, usize)> = terms
        .iter()
        .flat_map(|t| occurrences(norm, t).into_iter().map(move |at| (at, at + t.len())))
        .collect();
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

    #[test]
    fn korean_matches_inside_words_latin_only_whole_words() {
        assert_eq!(occurrences("보안그룹은 보안을", "보안"), [0, 16]);
        assert_eq!(occurrences("alternative nat-gw nat", "nat"), [12, 19]);
        assert!(occurrences("natural", "nat").is_empty());
    }

    #[test]
    fn query_keys_are_bigrams_and_words() {
        assert_eq!(query_keys("보안그룹"), ["그룹", "보안", "안그"]);
        assert_eq!(query_keys("암"), ["암"]);
        assert_eq!(
            query_keys("NAT게이트웨이".to_lowercase().as_str()),
            ["nat", "게이", "웨이", "이트", "트웨"]
        );
    }

    #[test]
    fn snippets_mark_every_match_in_the_window() {
        let body = "NAT <게이트웨이>는 nat를 씁니다";
        let (html, text) = snippet(body, &normalize(body), &["nat".to_owned()]);
        assert_eq!(text, "«NAT» <게이트웨이>는 «nat»를 씁니다");
        assert_eq!(html, "<mark>NAT</mark> &lt;게이트웨이&gt;는 <mark>nat</mark>를 씁니다");
    }
}
