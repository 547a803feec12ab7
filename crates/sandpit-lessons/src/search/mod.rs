//! Full-text search that works for Korean, kept in a persistent index.
//!
//! The index is a tantivy index (`<data_dir>/cache/search/`) over terms we make ourselves
//! ([`analyze`]: whole words with Korean particles taken off, and syllable bigrams across
//! spaces), so Korean matches whatever the spacing and particles, and English matches by word
//! prefix; tantivy keeps the postings and ranks by BM25, with whole words, compounds and titles
//! boosted ([`query`]). The plain text of each lesson is stored beside it for snippets.
//!
//! Each source of lessons is indexed on its own and remembered with a stamp (in the commit's
//! payload, so stamps and documents change together): the built-in lessons of a language with a
//! hash of the lesson files compiled into this binary (indexed on the first search after an
//! upgrade), each imported vault with the stamp of its last import (indexed by the import
//! itself, see [`crate::import_notes`]). [`SearchIndex::open`] compares the stamps and
//! re-indexes only what changed, so a query never rebuilds the index and reads no lesson file.
//! Why tantivy rather than SQLite FTS5: measured by `tools/search-engines`, see the README's
//! "Performance".

mod analyze;
mod query;
mod snippet;

/// The analysis behind the index, for `tools/search-engines` (which feeds the same terms to
/// another engine to compare them): not an API of this crate.
#[doc(hidden)]
pub mod analysis {
    pub use super::analyze::{Token, bigrams, normalize, strip_particle, terms, tokens};

    /// The text a lesson is searched in.
    pub fn searchable_text(lesson: &crate::Lesson) -> String {
        super::searchable_text(lesson)
    }
}

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sandpit_core::Lang;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::error::{LessonError, Result};
use crate::library::{Lesson, Library};
use crate::names::nfc;
use crate::render::plain_text;
use crate::syntax::parse_markdown;
use crate::vaults::list_vaults;

/// A search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Hit {
    /// The lesson id.
    pub id: String,
    /// The lesson title.
    pub title: String,
    /// Higher is better: the BM25 relevance × 1000.
    pub score: u32,
    /// A piece of the text around the first match, HTML-escaped, matches in `<mark>`.
    pub snippet_html: String,
    /// The same piece as plain text, matches delimited by `«` and `»`.
    pub snippet_text: String,
}

/// Changes whenever what is stored per lesson changes (the analysis, the fields): an index of
/// another format is rebuilt.
const FORMAT: &str = "sandpit-search-2";

/// Memory for the index writer (tantivy's minimum is 15 MB per thread); one thread.
const WRITER_HEAP: usize = 30_000_000;

/// How long to wait for another process that is writing the index (an import) to finish.
const WRITER_WAIT: Duration = Duration::from_secs(10);

/// The tokenizer of the term fields: our terms are already made, space-separated.
const TERMS: &str = "sandpit_terms";

/// The index folder of a data directory.
pub fn index_path(data_dir: &Path) -> PathBuf {
    data_dir.join("cache").join("search")
}

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// `builtin:ko`, `vault:<key>`: what the documents of one source are deleted by.
    source: Field,
    /// `ko` / `en` for built-in lessons, `vault` for notes: what a search filters on.
    scope: Field,
    id: Field,
    title: Field,
    body: Field,
    pub(crate) title_words: Field,
    pub(crate) title_grams: Field,
    pub(crate) words: Field,
    pub(crate) grams: Field,
}

pub(crate) fn schema() -> (Schema, Fields) {
    let terms = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TERMS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut b = Schema::builder();
    let fields = Fields {
        source: b.add_text_field("source", STRING),
        scope: b.add_text_field("scope", STRING),
        id: b.add_text_field("id", STORED),
        title: b.add_text_field("title", STORED),
        body: b.add_text_field("body", STORED),
        title_words: b.add_text_field("title_words", terms.clone()),
        title_grams: b.add_text_field("title_grams", terms.clone()),
        words: b.add_text_field("words", terms.clone()),
        grams: b.add_text_field("grams", terms),
    };
    (b.build(), fields)
}

fn fields_of(index: &Index) -> Option<Fields> {
    let s = index.schema();
    let f = |name: &str| s.get_field(name).ok();
    Some(Fields {
        source: f("source")?,
        scope: f("scope")?,
        id: f("id")?,
        title: f("title")?,
        body: f("body")?,
        title_words: f("title_words")?,
        title_grams: f("title_grams")?,
        words: f("words")?,
        grams: f("grams")?,
    })
}

fn register_tokenizer(index: &Index) {
    index.tokenizers().register(TERMS, TextAnalyzer::from(WhitespaceTokenizer::default()));
}

fn index_error(path: &Path, err: impl std::fmt::Display) -> LessonError {
    LessonError::Index { path: path.to_owned(), problem: err.to_string() }
}

/// The stamps of the sources in the index, and the format it was written in (the commit payload).
#[derive(Debug, Default, serde::Deserialize, Serialize)]
struct Stamps {
    format: String,
    sources: BTreeMap<String, String>,
}

fn stamps(index: &Index) -> Stamps {
    index
        .load_metas()
        .ok()
        .and_then(|m| m.payload)
        .and_then(|p| serde_json::from_str(&p).ok())
        .unwrap_or_default()
}

/// Opens the index folder, or makes a new one when there is none, it is of another format, or
/// it cannot be read (it is a cache: nothing in it is lost).
fn open_dir(path: &Path) -> Result<(Index, Fields)> {
    let existing = Index::open_in_dir(path).ok().and_then(|index| {
        let fields = fields_of(&index)?;
        (stamps(&index).format == FORMAT).then_some((index, fields))
    });
    if let Some((index, fields)) = existing {
        register_tokenizer(&index);
        return Ok((index, fields));
    }
    if path.exists() {
        std::fs::remove_dir_all(path).map_err(|e| LessonError::io(path, e))?;
    }
    std::fs::create_dir_all(path).map_err(|e| LessonError::io(path, e))?;
    let (schema, fields) = schema();
    let index = Index::create_in_dir(path, schema).map_err(|e| index_error(path, e))?;
    register_tokenizer(&index);
    Ok((index, fields))
}

/// A writer, waiting a while for another process (an import) that holds the lock.
fn writer(index: &Index, path: &Path) -> Result<IndexWriter> {
    let started = Instant::now();
    loop {
        match index.writer_with_num_threads(1, WRITER_HEAP) {
            Ok(writer) => return Ok(writer),
            Err(tantivy::TantivyError::LockFailure(..)) if started.elapsed() < WRITER_WAIT => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(err) => return Err(index_error(path, err)),
        }
    }
}

/// The stamp of the built-in lessons of `lang` in this binary.
fn builtin_stamp(lang: Lang) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    FORMAT.hash(&mut hasher);
    if let Some(dir) = crate::library::content_dir().get_dir(lang.code()) {
        let mut files: Vec<_> = dir.files().collect();
        files.sort_by_key(|f| f.path());
        for file in files {
            file.path().hash(&mut hasher);
            file.contents().hash(&mut hasher);
        }
    }
    format!("{:016x}", hasher.finish())
}

/// The plain text a lesson is searched in: its body as a reader sees it, then its tags.
fn searchable_text(lesson: &Lesson) -> String {
    let parsed = parse_markdown(&lesson.body);
    let mut body = plain_text(parsed.blocks(), &parsed.links);
    for tag in &lesson.meta.tags {
        body.push_str(" #");
        body.push_str(tag);
    }
    nfc(&body.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Replaces the documents of `source` (searched under `scope`) by `lessons`.
fn index_source(
    writer: &IndexWriter,
    f: &Fields,
    source: &str,
    scope: &str,
    lessons: &[Lesson],
) -> tantivy::Result<()> {
    writer.delete_term(Term::from_field_text(f.source, source));
    for lesson in lessons {
        let body = searchable_text(lesson);
        let title = &lesson.meta.title;
        let (title_words, title_grams) = analyze::terms(&analyze::normalize(title));
        let (words, grams) = analyze::terms(&analyze::normalize(&body));
        let mut doc = TantivyDocument::default();
        doc.add_text(f.source, source);
        doc.add_text(f.scope, scope);
        doc.add_text(f.id, &lesson.meta.id);
        doc.add_text(f.title, title);
        doc.add_text(f.body, &body);
        doc.add_text(f.title_words, &title_words);
        doc.add_text(f.title_grams, &title_grams);
        doc.add_text(f.words, &words);
        doc.add_text(f.grams, &grams);
        writer.add_document(doc)?;
    }
    Ok(())
}

/// Commits `writer` with `stamps` as the payload, and waits for its merges.
fn commit(mut writer: IndexWriter, stamps: &Stamps, path: &Path) -> Result<()> {
    let payload = serde_json::to_string(stamps).map_err(|e| index_error(path, e))?;
    let mut prepared = writer.prepare_commit().map_err(|e| index_error(path, e))?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(|e| index_error(path, e))?;
    writer.wait_merging_threads().map_err(|e| index_error(path, e))
}

fn vault_source(key: &str) -> String {
    format!("vault:{key}")
}

/// Re-indexes the imported vault `key` of `data_dir` as of its import `stamp` (called by the
/// import, before it records the vault as done).
pub(crate) fn index_vault(data_dir: &Path, key: &str, stamp: &str) -> Result<()> {
    let path = index_path(data_dir);
    let stamp = stamp.to_owned();
    let (index, f) = open_dir(&path)?;
    let writer = writer(&index, &path)?;
    let mut stamps = stamps(&index);
    stamps.format = FORMAT.to_owned();
    let library = Library::empty(Lang::Ko).with_vault(data_dir, key);
    let source = vault_source(key);
    index_source(&writer, &f, &source, "vault", library.lessons()).map_err(|e| index_error(&path, e))?;
    stamps.sources.insert(source, stamp);
    commit(writer, &stamps, &path)
}

/// Drops the vault `key` from the index of `data_dir`, if there is one (best effort: a later
/// search drops it anyway, as it is no longer in the manifest).
pub(crate) fn forget_vault(data_dir: &Path, key: &str) {
    let path = index_path(data_dir);
    if !path.is_dir() {
        return;
    }
    let Ok((index, f)) = open_dir(&path) else { return };
    let Ok(writer) = writer(&index, &path) else { return };
    let mut stamps = stamps(&index);
    let source = vault_source(key);
    writer.delete_term(Term::from_field_text(f.source, &source));
    stamps.sources.remove(&source);
    let _ = commit(writer, &stamps, &path);
}

/// A full-text index of lessons: the persistent one of a data directory ([`SearchIndex::open`]),
/// or one made in memory for a library ([`SearchIndex::build`]).
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    /// The built-in lessons searched (`ko`), or `None` for every document.
    scope: Option<String>,
    docs: usize,
    /// Vaults whose import was interrupted: searched as they were last indexed, if at all.
    interrupted: Vec<String>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("docs", &self.docs).field("scope", &self.scope).finish()
    }
}

impl SearchIndex {
    /// Indexes every lesson of `library` in memory: for a library that is not a data directory's
    /// (tests, previews of a content folder).
    pub fn build(library: &Library) -> SearchIndex {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        register_tokenizer(&index);
        let mut writer: IndexWriter =
            index.writer_with_num_threads(1, WRITER_HEAP).expect("an in-memory index takes a writer");
        index_source(&writer, &fields, "library", "library", library.lessons())
            .expect("an in-memory index takes every lesson");
        writer.commit().expect("an in-memory index commits");
        let reader = index.reader().expect("an in-memory index has a reader");
        SearchIndex { reader, fields, scope: None, docs: library.lessons().len(), interrupted: Vec::new() }
    }

    /// The persistent index of `data_dir` for the built-in lessons in `lang` and every imported
    /// vault, brought up to date first: only a source whose stamp changed is indexed again.
    pub fn open(data_dir: &Path, lang: Lang) -> Result<SearchIndex> {
        let path = index_path(data_dir);
        let (index, fields) = open_dir(&path)?;
        let builtin = format!("builtin:{}", lang.code());
        let mut wanted: Vec<(String, String)> = vec![(builtin.clone(), builtin_stamp(lang))];
        let vaults = list_vaults(data_dir)?;
        let have = stamps(&index);
        // A vault whose import was interrupted is wanted as it is indexed (or not at all): indexing
        // it here would redo, on every query, the work the import did not finish.
        wanted.extend(vaults.iter().map(|v| {
            let source = vault_source(&v.key);
            let stamp = if v.pending {
                have.sources.get(&source).cloned().unwrap_or_default()
            } else {
                v.stamp.clone()
            };
            (source, stamp)
        }));
        let interrupted: Vec<String> = vaults.iter().filter(|v| v.pending).map(|v| v.key.clone()).collect();
        wanted.retain(|(source, stamp)| {
            !stamp.is_empty() || !interrupted.iter().any(|k| vault_source(k) == *source)
        });
        if is_stale(&have, &wanted) {
            let writer = writer(&index, &path)?;
            // Another process may have brought it up to date while we waited for the lock.
            let mut stamps = stamps(&index);
            stamps.format = FORMAT.to_owned();
            let stale: Vec<String> = stamps
                .sources
                .keys()
                .filter(|s| s.starts_with("vault:") && !wanted.iter().any(|(w, _)| w == *s))
                .cloned()
                .collect();
            for source in stale {
                writer.delete_term(Term::from_field_text(fields.source, &source));
                stamps.sources.remove(&source);
            }
            for (source, stamp) in &wanted {
                if stamps.sources.get(source) == Some(stamp) {
                    continue;
                }
                let result = if *source == builtin {
                    let library = Library::builtin(lang).unwrap_or_else(|_| Library::empty(lang));
                    index_source(&writer, &fields, source, lang.code(), library.lessons())
                } else {
                    let key = source.strip_prefix("vault:").unwrap_or(source);
                    let library = Library::empty(lang).with_vault(data_dir, key);
                    index_source(&writer, &fields, source, "vault", library.lessons())
                };
                result.map_err(|e| index_error(&path, e))?;
                stamps.sources.insert(source.clone(), stamp.clone());
            }
            commit(writer, &stamps, &path)?;
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| index_error(&path, e))?;
        let mut search =
            SearchIndex { reader, fields, scope: Some(lang.code().to_owned()), docs: 0, interrupted };
        search.docs = search.reader.searcher().search(&search.scope_filter(), &Count).unwrap_or(0);
        Ok(search)
    }

    /// Matches the documents this index searches: the built-in lessons of its language and
    /// every vault (all documents for an index built in memory); scores nothing.
    fn scope_filter(&self) -> Box<dyn Query> {
        let scopes: Vec<&str> = match &self.scope {
            Some(lang) => vec![lang.as_str(), "vault"],
            None => vec!["library"],
        };
        let clauses = scopes
            .into_iter()
            .map(|s| {
                let term = Term::from_field_text(self.fields.scope, s);
                (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
            })
            .collect();
        Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(clauses)), 0.0))
    }

    /// The keys of imported vaults whose import was interrupted: their notes are searched as
    /// they were last indexed (not at all for a first import) until they are imported again.
    pub fn interrupted(&self) -> &[String] {
        &self.interrupted
    }

    /// How many lessons are searched.
    pub fn len(&self) -> usize {
        self.docs
    }

    /// `true` when no lesson is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// The best `limit` lessons containing every whitespace-separated term of `query`, best
    /// first (see the module docs). An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let Some(q) = query::parse(query, &self.fields) else {
            return Vec::new();
        };
        if limit == 0 {
            return Vec::new();
        }
        let full = BooleanQuery::new(vec![(Occur::Must, q.query), (Occur::Must, self.scope_filter())]);
        let searcher = self.reader.searcher();
        // A query the index cannot run finds nothing rather than failing the caller.
        let top = searcher.search(&full, &TopDocs::with_limit(limit).order_by_score()).unwrap_or_default();
        top.into_iter()
            .filter_map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address).ok()?;
                let text = |field: Field| {
                    doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned()
                };
                let (id, title, body) =
                    (text(self.fields.id), text(self.fields.title), text(self.fields.body));
                let norm = analyze::normalize(&body);
                let ranges = query::match_ranges(&norm, &q.marks);
                let (snippet_html, snippet_text) = snippet::snippet(&body, &norm, ranges);
                let score = (f64::from(score) * 1000.0).clamp(0.0, f64::from(u32::MAX)) as u32;
                Some(Hit { id, title, score, snippet_html, snippet_text })
            })
            .collect()
    }
}

/// Whether any wanted source has another stamp in the index, or the index holds a vault that is
/// no longer imported.
fn is_stale(have: &Stamps, wanted: &[(String, String)]) -> bool {
    have.format != FORMAT
        || wanted.iter().any(|(s, stamp)| have.sources.get(s) != Some(stamp))
        || have.sources.keys().any(|s| s.starts_with("vault:") && !wanted.iter().any(|(w, _)| w == s))
}
