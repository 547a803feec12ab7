//! A search query as a tantivy query over the fields of [`super::analyze::terms`], and the
//! places it matches in a text (for snippets).
//!
//! Every whitespace-separated term must match: a Korean word (its particle taken off) by its
//! bigrams in a row in the title or text, a Latin word as the prefix of a word. On top of that,
//! *boosters* only rank: the whole word (`가용` as a word rather than inside `고가용성`),
//! neighbouring Korean terms as one compound (`가용 영역` → `가용영역`, or the bigrams across
//! the space), Latin words in a row as a phrase (`hosted zone`), and each of these in the title.

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query as TQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::Fields;
use super::analyze::{Token, bigrams, is_word_char, normalize, strip_particle, tokens};

/// What to mark in a text: a Latin word prefix, or a Korean stem that may be spaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mark {
    Prefix(String),
    Korean(Vec<char>),
}

/// A parsed query.
pub(crate) struct Query {
    pub(crate) query: Box<dyn TQuery>,
    pub(crate) marks: Vec<Mark>,
}

/// Boost of a whole word (or compound) found in the text.
const WORD: f32 = 2.0;
/// Boost of a match in the title.
const TITLE: f32 = 6.0;
/// Boost of neighbouring query terms found together.
const TOGETHER: f32 = 3.0;

/// The stem a Latin query word is matched by as a prefix: a plural `s` comes off words of four
/// letters or more (`subnets` finds `subnet`), not `ss` (`access`).
fn latin_prefix(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if word.chars().count() >= 4 && !stem.ends_with('s') => stem,
        _ => word,
    }
}

fn terms(field: Field, tokens: &[String]) -> Vec<Term> {
    tokens.iter().map(|t| Term::from_field_text(field, t)).collect()
}

/// `tokens` in a row in `field` (one token: the term itself).
fn phrase(field: Field, tokens: &[String]) -> Box<dyn TQuery> {
    let mut terms = terms(field, tokens);
    if terms.len() == 1 {
        Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::WithFreqs))
    } else {
        Box::new(PhraseQuery::new(terms))
    }
}

/// `tokens` in a row in `field`, the last one a prefix.
fn phrase_prefix(field: Field, tokens: &[String]) -> Box<dyn TQuery> {
    Box::new(PhrasePrefixQuery::new(terms(field, tokens)))
}

fn any(queries: Vec<Box<dyn TQuery>>) -> Box<dyn TQuery> {
    Box::new(BooleanQuery::new(queries.into_iter().map(|q| (Occur::Should, q)).collect()))
}

fn boost(query: Box<dyn TQuery>, by: f32) -> Box<dyn TQuery> {
    Box::new(BoostQuery::new(query, by))
}

/// Parses `query`; `None` when it holds nothing to look for.
pub(crate) fn parse(query: &str, f: &Fields) -> Option<Query> {
    let norm = normalize(query);
    let mut required: Vec<Box<dyn TQuery>> = Vec::new();
    let mut boosters: Vec<Box<dyn TQuery>> = Vec::new();
    let mut marks = Vec::new();
    // The stems of the Korean words of the query in a row, and the Latin words in a row.
    let mut compound: Vec<String> = Vec::new();
    let mut sequence: Vec<String> = Vec::new();
    let flush_compound = |compound: &mut Vec<String>, boosters: &mut Vec<Box<dyn TQuery>>| {
        if compound.len() > 1 {
            let joined: String = compound.concat();
            let grams = bigrams(&joined);
            boosters.push(boost(phrase(f.words, std::slice::from_ref(&joined)), TOGETHER));
            boosters.push(boost(phrase(f.grams, &grams), TOGETHER));
            boosters.push(boost(phrase(f.title_grams, &grams), TITLE));
        }
        compound.clear();
    };
    let flush_sequence = |sequence: &mut Vec<String>, boosters: &mut Vec<Box<dyn TQuery>>| {
        if sequence.len() > 1 {
            let prefixed: Vec<String> = sequence
                .iter()
                .enumerate()
                .map(|(i, w)| if i + 1 == sequence.len() { latin_prefix(w).to_owned() } else { w.clone() })
                .collect();
            boosters.push(boost(phrase_prefix(f.words, &prefixed), TOGETHER));
            boosters.push(boost(phrase_prefix(f.title_words, &prefixed), TITLE));
        }
        sequence.clear();
    };
    for piece in norm.split_whitespace() {
        let toks = tokens(piece);
        if toks.is_empty() {
            continue;
        }
        match toks.as_slice() {
            [Token::Korean { .. }] => flush_sequence(&mut sequence, &mut boosters),
            [Token::Latin(w)] => {
                flush_compound(&mut compound, &mut boosters);
                sequence.push((*w).to_owned());
            }
            _ => {
                flush_compound(&mut compound, &mut boosters);
                flush_sequence(&mut sequence, &mut boosters);
            }
        }
        let lone_korean = toks.len() == 1;
        let mut parts: Vec<Box<dyn TQuery>> = Vec::new();
        let mut latin_run: Vec<String> = Vec::new();
        let flush_latin = |latin_run: &mut Vec<String>, parts: &mut Vec<Box<dyn TQuery>>| {
            if let Some(last) = latin_run.last_mut() {
                *last = latin_prefix(last).to_owned();
                parts.push(any(vec![
                    phrase_prefix(f.title_words, latin_run),
                    phrase_prefix(f.words, latin_run),
                ]));
                latin_run.clear();
            }
        };
        for tok in &toks {
            match tok {
                Token::Latin(w) => {
                    latin_run.push((*w).to_owned());
                    boosters.push(boost(phrase(f.words, &[(*w).to_owned()]), WORD));
                    boosters.push(boost(phrase_prefix(f.title_words, &[latin_prefix(w).to_owned()]), TITLE));
                    marks.push(Mark::Prefix(latin_prefix(w).to_owned()));
                }
                Token::Korean { word, .. } => {
                    flush_latin(&mut latin_run, &mut parts);
                    let stem = match strip_particle(word) {
                        "" => *word,
                        s => s,
                    };
                    let grams = bigrams(stem);
                    if stem.chars().count() == 1 {
                        parts.push(any(vec![
                            phrase_prefix(f.title_grams, &grams),
                            phrase_prefix(f.grams, &grams),
                            phrase(f.words, &grams),
                        ]));
                    } else {
                        parts.push(any(vec![phrase(f.title_grams, &grams), phrase(f.grams, &grams)]));
                    }
                    boosters.push(boost(phrase(f.words, &[stem.to_owned()]), WORD));
                    boosters.push(boost(phrase(f.title_grams, &grams), TITLE));
                    marks.push(Mark::Korean(stem.chars().collect()));
                    if lone_korean {
                        compound.push(stem.to_owned());
                    }
                }
            }
        }
        flush_latin(&mut latin_run, &mut parts);
        required.push(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Box::new(BooleanQuery::new(parts.into_iter().map(|p| (Occur::Must, p)).collect()))
        });
    }
    flush_compound(&mut compound, &mut boosters);
    flush_sequence(&mut sequence, &mut boosters);
    if required.is_empty() {
        return None;
    }
    let clauses = required
        .into_iter()
        .map(|q| (Occur::Must, q))
        .chain(boosters.into_iter().map(|q| (Occur::Should, q)))
        .collect();
    Some(Query { query: Box::new(BooleanQuery::new(clauses)), marks })
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
    fn queries_mark_stems_and_prefixes_and_nothing_is_no_query() {
        let (_, fields) = super::super::schema();
        let q = parse("서브넷을 gates 게이트웨이의", &fields).unwrap();
        assert_eq!(
            q.marks,
            [
                Mark::Korean("서브넷".chars().collect()),
                Mark::Prefix("gate".to_owned()),
                Mark::Korean("게이트웨이".chars().collect())
            ]
        );
        assert!(parse("  ,.  ", &fields).is_none());
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
