//! A search query as an FTS5 expression over the columns of [`super::analyze::terms`], and the
//! places it matches in a text (for snippets).
//!
//! Every whitespace-separated term must match: a Korean word (its particle taken off) by its
//! bigrams in a row in the title or text, a Latin word as the prefix of a word. On top of that,
//! *boosters* only rank: the whole word (`가용` as a word rather than inside `고가용성`), and
//! neighbouring Korean terms as one compound (`가용 영역` → `가용영역`, or the bigrams across the
//! space). FTS5 ranks by BM25 over every phrase of the expression that a row holds, so the
//! boosters (and Latin words in a row as a phrase: `hosted zone`) are written as
//! `… AND (booster OR … OR first-term)`: the `OR` always holds, and each
//! booster that is present adds to the score.

use super::analyze::{Token, bigrams, is_word_char, normalize, strip_particle, tokens};

/// What to mark in a text: a Latin word prefix, or a Korean stem that may be spaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mark {
    Prefix(String),
    Korean(Vec<char>),
}

/// A parsed query.
#[derive(Debug, Clone)]
pub(crate) struct Query {
    /// The FTS5 `MATCH` expression.
    pub(crate) fts: String,
    pub(crate) marks: Vec<Mark>,
}

const TITLES_AND_TEXT_WORDS: &str = "{title_words words}";
const TITLES_AND_TEXT_GRAMS: &str = "{title_grams grams}";
const TITLE_WORDS: &str = "{title_words}";
const TITLE_GRAMS: &str = "{title_grams}";

fn phrase(tokens: &[String]) -> String {
    format!("\"{}\"", tokens.join(" ").replace('"', ""))
}

/// The stem a Latin query word is matched by as a prefix: a plural `s` comes off words of four
/// letters or more (`subnets` finds `subnet`), not `ss` (`access`).
fn latin_prefix(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if word.chars().count() >= 4 && !stem.ends_with('s') => stem,
        _ => word,
    }
}

/// Parses `query`; `None` when it holds nothing to look for.
pub(crate) fn parse(query: &str) -> Option<Query> {
    let norm = normalize(query);
    let mut required: Vec<String> = Vec::new();
    let mut boosters: Vec<String> = Vec::new();
    let mut marks = Vec::new();
    // The stems of the Korean words of the query in a row, for the compound booster.
    let mut compound: Vec<String> = Vec::new();
    let flush_compound = |compound: &mut Vec<String>, boosters: &mut Vec<String>| {
        if compound.len() > 1 {
            let joined: String = compound.concat();
            boosters.push(format!("{TITLES_AND_TEXT_WORDS} : {}", phrase(std::slice::from_ref(&joined))));
            boosters.push(format!("{TITLES_AND_TEXT_GRAMS} : {}", phrase(&bigrams(&joined))));
            boosters.push(format!("{TITLE_GRAMS} : {}", phrase(&bigrams(&joined))));
        }
        compound.clear();
    };
    // Latin words of the query in a row, for the phrase booster (`hosted zone` → "hosted zone*").
    let mut sequence: Vec<String> = Vec::new();
    let flush_sequence = |sequence: &mut Vec<String>, boosters: &mut Vec<String>| {
        if sequence.len() > 1 {
            boosters.push(latin_phrase(sequence));
            boosters.push(latin_phrase(sequence).replacen(TITLES_AND_TEXT_WORDS, TITLE_WORDS, 1));
        }
        sequence.clear();
    };
    for piece in norm.split_whitespace() {
        let toks = tokens(piece);
        if toks.is_empty() {
            continue;
        }
        let lone_korean = toks.len() == 1 && matches!(toks[0], Token::Korean { .. });
        if !lone_korean {
            flush_compound(&mut compound, &mut boosters);
        }
        match toks.as_slice() {
            [Token::Latin(w)] => sequence.push((*w).to_owned()),
            _ => flush_sequence(&mut sequence, &mut boosters),
        }
        let mut parts = Vec::new();
        let mut latin_run: Vec<String> = Vec::new();
        for tok in &toks {
            match tok {
                Token::Latin(w) => {
                    latin_run.push((*w).to_owned());
                    boosters.push(format!("{TITLE_WORDS} : {}*", phrase(&[latin_prefix(w).to_owned()])));
                    boosters.push(format!("{TITLES_AND_TEXT_WORDS} : {}", phrase(&[(*w).to_owned()])));
                    marks.push(Mark::Prefix(latin_prefix(w).to_owned()));
                }
                Token::Korean { word, .. } => {
                    if !latin_run.is_empty() {
                        parts.push(latin_phrase(&latin_run));
                        latin_run.clear();
                    }
                    let stem = match strip_particle(word) {
                        "" => *word,
                        s => s,
                    };
                    let grams = bigrams(stem);
                    if grams.len() == 1 && stem.chars().count() == 1 {
                        parts.push(format!(
                            "({TITLES_AND_TEXT_GRAMS} : {}* OR {TITLES_AND_TEXT_WORDS} : {})",
                            phrase(&grams),
                            phrase(&grams)
                        ));
                    } else {
                        parts.push(format!("{TITLES_AND_TEXT_GRAMS} : {}", phrase(&grams)));
                    }
                    // BM25 saturates within a row whatever the column weights, so a hit in the
                    // title ranks above a text that merely repeats the word by being a phrase
                    // of its own.
                    boosters.push(format!("{TITLE_GRAMS} : {}", phrase(&grams)));
                    boosters.push(format!("{TITLES_AND_TEXT_WORDS} : {}", phrase(&[stem.to_owned()])));
                    marks.push(Mark::Korean(stem.chars().collect()));
                    if lone_korean {
                        compound.push(stem.to_owned());
                    }
                }
            }
        }
        if !latin_run.is_empty() {
            parts.push(latin_phrase(&latin_run));
        }
        required.push(if parts.len() == 1 { parts.remove(0) } else { format!("({})", parts.join(" AND ")) });
    }
    flush_compound(&mut compound, &mut boosters);
    flush_sequence(&mut sequence, &mut boosters);
    if required.is_empty() {
        return None;
    }
    boosters.push(required[0].clone());
    let fts = format!("{} AND ({})", required.join(" AND "), boosters.join(" OR "));
    Some(Query { fts, marks })
}

/// Latin words written together in one query term (`nat-gateway`, `10.10.0.0`) as a phrase
/// whose last word is a prefix.
fn latin_phrase(words: &[String]) -> String {
    let mut words = words.to_vec();
    if let Some(last) = words.last_mut() {
        *last = latin_prefix(last).to_owned();
    }
    format!("{TITLES_AND_TEXT_WORDS} : {}*", phrase(&words))
}

/// Byte ranges of `norm` (normalised text) that the query's marks match: Latin prefixes at the
/// start of a word (to the end of that word), Korean stems anywhere, with or without spaces
/// between their syllables.
pub(crate) fn match_ranges(norm: &str, marks: &[Mark]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for mark in marks {
        match mark {
            Mark::Prefix(p) if !p.is_empty() => {
                for (at, _) in norm.match_indices(p.as_str()) {
                    if norm[..at].chars().next_back().is_some_and(is_word_char) {
                        continue;
                    }
                    let end = norm[at..]
                        .char_indices()
                        .find(|(_, c)| !is_word_char(*c))
                        .map_or(norm.len(), |(i, _)| at + i);
                    out.push((at, end.max(at + p.len())));
                }
            }
            Mark::Korean(chars) if !chars.is_empty() => {
                let first = chars[0];
                for (at, _) in norm.match_indices(first) {
                    let mut i = at + first.len_utf8();
                    let mut ok = true;
                    for &want in &chars[1..] {
                        let rest = &norm[i..];
                        let skipped = rest.len() - rest.trim_start().len();
                        // At most one space between syllables: `보안 그룹` for `보안그룹`.
                        let rest = if skipped <= 1 { &rest[skipped..] } else { rest };
                        if rest.starts_with(want) {
                            i = norm.len() - rest.len() + want.len_utf8();
                        } else {
                            ok = false;
                            break;
                        }
                    }
                    if ok {
                        out.push((at, i));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_terms_need_their_bigrams_and_latin_terms_are_prefixes() {
        let q = parse("서브넷을 gate").unwrap();
        assert!(
            q.fts
                .starts_with("{title_grams grams} : \"서브 브넷\" AND {title_words words} : \"gate\"* AND ("),
            "{}",
            q.fts
        );
        assert!(q.fts.contains("{title_words words} : \"서브넷\""), "{}", q.fts);
        let q = parse("가용 영역").unwrap();
        assert!(q.fts.contains("{title_words words} : \"가용영역\""), "{}", q.fts);
        assert!(q.fts.contains("{title_grams grams} : \"가용 용영 영역\""), "{}", q.fts);
        assert!(parse("  ,.  ").is_none());
    }

    #[test]
    fn marks_find_spaced_compounds_and_word_prefixes() {
        let norm = normalize("보안 그룹은 gateway 와 nat-gw, 보안그룹");
        let ranges =
            match_ranges(&norm, &[Mark::Korean("보안그룹".chars().collect()), Mark::Prefix("gate".into())]);
        let found: Vec<&str> = ranges.iter().map(|&(s, e)| &norm[s..e]).collect();
        assert_eq!(found, ["보안 그룹", "보안그룹", "gateway"]);
    }
}
