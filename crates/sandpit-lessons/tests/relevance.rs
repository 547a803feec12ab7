//! The search relevance set, `tests/relevance/queries.toml`: Korean and English queries as
//! learners type them, each with the built-in lessons expected at the top, run against the
//! persistent index of a fresh data directory (the index `sandpit lessons search` uses). A
//! failure lists every query that missed with what came first instead.

use std::path::Path;

use sandpit_core::Lang;
use sandpit_lessons::SearchIndex;
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    query: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    lang: String,
    q: String,
    first: Option<String>,
    #[serde(default)]
    top3: Vec<String>,
}

#[test]
fn every_query_of_the_relevance_set_finds_its_lessons_at_the_top() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance/queries.toml");
    let set: Set = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(set.query.len() >= 30, "the set keeps at least 30 queries");
    let data = tempfile::tempdir().unwrap();
    let ko = SearchIndex::open(data.path(), Lang::Ko).unwrap();
    let en = SearchIndex::open(data.path(), Lang::En).unwrap();
    let mut misses = Vec::new();
    for case in &set.query {
        let index = if case.lang == "ko" { &ko } else { &en };
        let hits = index.search(&case.q, 5);
        let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        let top3 = &ids[..ids.len().min(3)];
        let first_ok = case.first.as_deref().is_none_or(|f| ids.first() == Some(&f));
        let top3_ok = case.top3.iter().all(|id| top3.contains(&id.as_str()));
        assert!(case.first.is_some() || !case.top3.is_empty(), "{}: expects nothing", case.q);
        if !first_ok || !top3_ok {
            misses.push(format!(
                "{} `{}`: expected {}{:?}, got {:?}",
                case.lang,
                case.q,
                case.first.as_deref().map(|f| format!("first {f}, ")).unwrap_or_default(),
                case.top3,
                ids
            ));
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {} queries missed:\n{}",
        misses.len(),
        set.query.len(),
        misses.join("\n")
    );
}
