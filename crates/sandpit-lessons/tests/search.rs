//! Search in Korean and English over the fixture library `tests/fixtures/library/`: particles
//! attached to nouns, case-insensitive Latin words, ranking and snippets.

use std::path::Path;

use sandpit_core::Lang;
use sandpit_lessons::{Hit, Library, SearchIndex, import_notes};

fn index() -> SearchIndex {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
    SearchIndex::build(&Library::from_content_dir(&dir, Lang::Ko).unwrap())
}

fn ids(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn a_two_syllable_korean_query_finds_words_with_particles_title_hits_first() {
    let hits = index().search("보안", 10);
    // security-groups: title + `보안그룹은`; iam-basics: three body hits; kms: one.
    assert_eq!(ids(&hits), ["security-groups", "iam-basics", "kms-encryption"]);
    assert!(hits[0].score > hits[1].score && hits[1].score >= hits[2].score);
    assert_eq!(hits[0].title, "보안 그룹 규칙");
    assert!(hits[0].snippet_text.starts_with("«보안»그룹은 인스턴스 앞에"), "{}", hits[0].snippet_text);
    assert!(hits[1].snippet_text.starts_with("계정 «보안»의 첫걸음은"), "{}", hits[1].snippet_text);
    assert!(hits[1].snippet_text.contains("«보안» 담당자") && hits[1].snippet_text.contains("«보안»을"));
    assert!(
        hits[1].snippet_html.starts_with("계정 <mark>보안</mark>의 첫걸음은"),
        "{}",
        hits[1].snippet_html
    );
}

#[test]
fn encryption_is_found_in_the_title_and_in_running_text() {
    let hits = index().search("암호", 10);
    assert_eq!(ids(&hits), ["kms-encryption", "iam-basics"]);
    assert!(hits[0].snippet_html.contains("<mark>암호</mark>화합니다"), "{}", hits[0].snippet_html);
    assert!(hits[1].snippet_text.contains("«암호»는"), "{}", hits[1].snippet_text);
}

#[test]
fn particles_come_off_the_query_and_spacing_does_not_matter() {
    let index = index();
    for query in ["보안그룹은", "보안그룹", "보안그룹을", "보안 그룹"] {
        let hits = index.search(query, 10);
        assert_eq!(ids(&hits)[0], "security-groups", "{query}");
        assert!(hits[0].snippet_text.contains("«보안그룹»은"), "{query}: {}", hits[0].snippet_text);
    }
    // `보안 그룹` matches `보안` and `그룹` apart too, but the compound ranks first.
    let hits = index.search("로드밸런서", 10);
    assert_eq!(ids(&hits), ["security-groups"]);
    assert!(hits[0].snippet_text.contains("«로드 밸런서»에서"), "{}", hits[0].snippet_text);
}

#[test]
fn english_words_match_by_prefix_whole_words_first() {
    let index = index();
    assert_eq!(ids(&index.search("gate", 10)), ["routing"], "`gate` finds nat-gateway");
    let hits = index.search("nat", 10);
    assert_eq!(ids(&hits)[..2], ["nat-gateway", "routing"]);
}

#[test]
fn english_terms_are_whole_words_in_any_case() {
    let index = index();
    let hits = index.search("NAT", 10);
    // `nat-gateway` counts; `natural` and `alternative` do not.
    assert_eq!(ids(&hits), ["nat-gateway", "routing"]);
    assert!(hits[0].snippet_html.contains("&lt;주의&gt;"), "snippets are escaped: {}", hits[0].snippet_html);
    assert!(hits[0].snippet_text.contains("«NAT» 게이트웨이로"), "{}", hits[0].snippet_text);
    assert!(hits[1].snippet_text.contains("«nat»-gateway"), "{}", hits[1].snippet_text);
    assert_eq!(ids(&index.search("nat", 10)), ids(&hits), "case does not matter");

    let hits = index.search("kms", 10);
    assert_eq!(ids(&hits), ["kms-encryption"]);
    assert!(hits[0].snippet_text.starts_with("«KMS» 키로"), "{}", hits[0].snippet_text);
    assert!(hits[0].snippet_html.contains("<mark>kms</mark> 키에는"));
}

#[test]
fn every_term_must_match_and_nothing_found_is_an_empty_list() {
    let index = index();
    assert_eq!(ids(&index.search("NAT 비용", 10)), ["nat-gateway"]);
    assert!(index.search("없는말", 10).is_empty());
    assert!(index.search("   ", 10).is_empty());
    assert_eq!(index.search("보안", 1).len(), 1);
}

#[test]
fn imported_notes_are_searched_with_the_builtin_lessons() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import_notes(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault"), &data).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
    let library = Library::from_content_dir(&dir, Lang::Ko).unwrap().with_imported(&data).unwrap();
    let index = SearchIndex::build(&library);
    assert_eq!(index.len(), library.list().len());
    let hits = index.search("방화벽", 10);
    let mut found = ids(&hits);
    found.sort();
    assert_eq!(found, ["security-groups", "vault/AWS/보안 그룹"]);
}

/// The persistent index is a cache: a damaged one is rebuilt, not an error for every search.
#[test]
fn a_damaged_index_is_rebuilt() {
    let data = tempfile::tempdir().unwrap();
    let path = sandpit_lessons::index_path(data.path());
    std::fs::create_dir_all(&path).unwrap();
    std::fs::write(path.join("meta.json"), b"{ not the meta of an index").unwrap();
    let index = SearchIndex::open(data.path(), Lang::Ko).unwrap();
    assert!(!index.is_empty());
    assert_eq!(index.search("보안그룹", 1)[0].id, "vpc-security-groups");
}
