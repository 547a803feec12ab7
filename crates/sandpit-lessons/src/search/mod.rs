//! Full-text search that works for Korean, kept in a persistent index.
//!
//! The index is an SQLite database (`<data_dir>/cache/search.sqlite`) with an FTS5 table over
//! terms we make ourselves ([`analyze`]: whole words with Korean particles taken off, and
//! syllable bigrams across spaces), so Korean matches whatever the spacing and particles, and
//! English matches by word prefix; FTS5 keeps the postings and ranks by BM25 (title terms
//! weigh more than text, whole words more than bigrams). The plain text of each lesson is kept
//! beside it for snippets.
//!
//! Each source of lessons is indexed on its own and remembered with a stamp: the built-in
//! lessons of a language with a hash of the lesson files compiled into this binary (indexed on
//! the first search after an upgrade, ~0.2 s), each imported vault with the stamp of its last
//! import (indexed by the import itself, see [`crate::import_notes`]). [`SearchIndex::open`]
//! compares the stamps and re-indexes only what changed, so a query never rebuilds the index and
//! reads no lesson file. Why SQLite FTS5 rather than tantivy: README, "Performance".

mod analyze;
mod query;
mod snippet;

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};
use sandpit_core::Lang;
use serde::Serialize;

use crate::error::{LessonError, Result};
use crate::library::{Lesson, Library};
use crate::names::nfc;
use crate::render::plain_text;
use crate::syntax::parse_markdown;
use crate::vaults::list_vaults;

/// A search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// Changes whenever what is stored per lesson changes (the analysis, the columns): an index of
/// another format is rebuilt.
const FORMAT: &str = "sandpit-search-1";

/// BM25 weights of the columns `title_words, title_grams, words, grams`.
const WEIGHTS: &str = "20.0, 10.0, 4.0, 1.0";

/// The index file of a data directory.
pub fn index_path(data_dir: &Path) -> PathBuf {
    data_dir.join("cache").join("search.sqlite")
}

/// A full-text index of lessons: the persistent one of a data directory ([`SearchIndex::open`]),
/// or one made in memory for a library ([`SearchIndex::build`]).
pub struct SearchIndex {
    conn: Mutex<Connection>,
    /// The `source` of the built-in lessons searched (`builtin:ko`), or `None` for all.
    builtin: Option<String>,
    docs: usize,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("docs", &self.docs).field("builtin", &self.builtin).finish()
    }
}

fn sql_error(path: &Path, err: rusqlite::Error) -> LessonError {
    LessonError::Index { path: path.to_owned(), problem: err.to_string() }
}

fn schema(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS sources(source TEXT PRIMARY KEY, stamp TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS docs(rowid INTEGER PRIMARY KEY, source TEXT NOT NULL, id TEXT NOT NULL,
                                         title TEXT NOT NULL, body TEXT NOT NULL);
         CREATE INDEX IF NOT EXISTS docs_by_source ON docs(source);
         CREATE VIRTUAL TABLE IF NOT EXISTS terms USING fts5(
             title_words, title_grams, words, grams,
             content='', contentless_delete=1, columnsize=1,
             prefix='2 3', tokenize='unicode61 remove_diacritics 0');",
    )
}

/// Opens (creating) the index file, rebuilt from scratch when it is of another format or is
/// not a database at all (it is a cache: nothing in it is lost).
fn open_file(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| LessonError::io(dir, e))?;
    }
    let attempt = || -> rusqlite::Result<Connection> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        schema(&conn)?;
        let format: Option<String> =
            conn.query_row("SELECT value FROM meta WHERE key = 'format'", [], |r| r.get(0)).optional()?;
        if format.as_deref() != Some(FORMAT) {
            conn.execute_batch(
                "DELETE FROM sources; DELETE FROM docs; DELETE FROM terms;
                 INSERT OR REPLACE INTO meta(key, value) VALUES ('format', '');",
            )?;
            conn.execute("UPDATE meta SET value = ?1 WHERE key = 'format'", [FORMAT])?;
        }
        Ok(conn)
    };
    match attempt() {
        Ok(conn) => Ok(conn),
        Err(first) => {
            // A damaged or foreign file: start a new index rather than fail every search.
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            attempt().map_err(|e| sql_error(path, e)).map_err(|e| match e {
                LessonError::Index { path, problem } => {
                    LessonError::Index { path, problem: format!("{problem} (after: {first})") }
                }
                other => other,
            })
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

/// Replaces the documents of `source` by `lessons` (in the caller's transaction).
fn index_source(conn: &Connection, source: &str, stamp: &str, lessons: &[Lesson]) -> rusqlite::Result<()> {
    forget_source(conn, source)?;
    let mut doc = conn.prepare_cached("INSERT INTO docs(source, id, title, body) VALUES (?1, ?2, ?3, ?4)")?;
    let mut term = conn.prepare_cached(
        "INSERT INTO terms(rowid, title_words, title_grams, words, grams) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for lesson in lessons {
        let body = searchable_text(lesson);
        let title = &lesson.meta.title;
        doc.execute(params![source, lesson.meta.id, title, body])?;
        let rowid = conn.last_insert_rowid();
        let (title_words, title_grams) = analyze::terms(&analyze::normalize(title));
        let (words, grams) = analyze::terms(&analyze::normalize(&body));
        term.execute(params![rowid, title_words, title_grams, words, grams])?;
    }
    conn.execute("INSERT OR REPLACE INTO sources(source, stamp) VALUES (?1, ?2)", params![source, stamp])?;
    Ok(())
}

fn forget_source(conn: &Connection, source: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM terms WHERE rowid IN (SELECT rowid FROM docs WHERE source = ?1)", [source])?;
    conn.execute("DELETE FROM docs WHERE source = ?1", [source])?;
    conn.execute("DELETE FROM sources WHERE source = ?1", [source])?;
    Ok(())
}

fn vault_source(key: &str) -> String {
    format!("vault:{key}")
}

/// Re-indexes the imported vault `key` of `data_dir` (called by the import).
pub(crate) fn index_vault(data_dir: &Path, key: &str) -> Result<()> {
    let path = index_path(data_dir);
    let stamp =
        list_vaults(data_dir)?.into_iter().find(|v| v.key == key).map(|v| v.stamp).unwrap_or_default();
    let mut conn = open_file(&path)?;
    let library = Library::empty(Lang::Ko).with_vault(data_dir, key);
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(|e| sql_error(&path, e))?;
    index_source(&tx, &vault_source(key), &stamp, library.lessons()).map_err(|e| sql_error(&path, e))?;
    tx.commit().map_err(|e| sql_error(&path, e))
}

/// Drops the vault `key` from the index of `data_dir`, if there is one (best effort: a later
/// search drops it anyway, as it is no longer in the manifest).
pub(crate) fn forget_vault(data_dir: &Path, key: &str) {
    let path = index_path(data_dir);
    if path.is_file()
        && let Ok(conn) = open_file(&path)
    {
        let _ = forget_source(&conn, &vault_source(key));
    }
}

impl SearchIndex {
    /// Indexes every lesson of `library` in memory: for a library that is not a data directory's
    /// (tests, previews of a content folder).
    pub fn build(library: &Library) -> SearchIndex {
        let conn = Connection::open_in_memory().expect("SQLite can always open an in-memory database");
        schema(&conn).expect("the schema is valid SQL");
        index_source(&conn, "library", "", library.lessons()).expect("an in-memory index takes every lesson");
        SearchIndex { conn: Mutex::new(conn), builtin: None, docs: library.lessons().len() }
    }

    /// The persistent index of `data_dir` for the built-in lessons in `lang` and every imported
    /// vault, brought up to date first: only a source whose stamp changed is indexed again.
    pub fn open(data_dir: &Path, lang: Lang) -> Result<SearchIndex> {
        let path = index_path(data_dir);
        let mut conn = open_file(&path)?;
        let builtin = format!("builtin:{}", lang.code());
        let mut wanted: Vec<(String, String)> = vec![(builtin.clone(), builtin_stamp(lang))];
        let vaults = list_vaults(data_dir)?;
        wanted.extend(vaults.iter().map(|v| (vault_source(&v.key), v.stamp.clone())));
        if stale(&conn, &wanted).map_err(|e| sql_error(&path, e))? {
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(|e| sql_error(&path, e))?;
            // Another process may have brought it up to date while we waited for the lock.
            refresh(&tx, data_dir, lang, &wanted, &builtin).map_err(|e| sql_error(&path, e))?;
            tx.commit().map_err(|e| sql_error(&path, e))?;
        }
        let docs: usize = conn
            .query_row(
                "SELECT count(*) FROM docs WHERE source = ?1 OR source LIKE 'vault:%'",
                [&builtin],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| sql_error(&path, e))?
            .try_into()
            .unwrap_or(0);
        Ok(SearchIndex { conn: Mutex::new(conn), builtin: Some(builtin), docs })
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
    /// first (see the module docs); ties by title. An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let Some(q) = query::parse(query) else {
            return Vec::new();
        };
        if limit == 0 {
            return Vec::new();
        }
        let conn = self.conn.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let sql = format!(
            "SELECT d.id, d.title, d.body, r.rank FROM (
                 SELECT terms.rowid AS rowid, bm25(terms, {WEIGHTS}) AS rank
                 FROM terms JOIN docs ON docs.rowid = terms.rowid
                 WHERE terms MATCH ?1 AND (?2 IS NULL OR docs.source = ?2 OR docs.source LIKE 'vault:%')
                 ORDER BY rank LIMIT ?3) r
             JOIN docs d ON d.rowid = r.rowid ORDER BY r.rank, d.title"
        );
        let rows = conn.prepare_cached(&sql).and_then(|mut stmt| {
            stmt.query_map(params![q.fts, self.builtin, i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, f64>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
        });
        // A query FTS5 cannot read finds nothing rather than failing the caller.
        let rows = rows.unwrap_or_default();
        rows.into_iter()
            .map(|(id, title, body, rank)| {
                let norm = analyze::normalize(&body);
                let ranges = query::match_ranges(&norm, &q.marks);
                let (snippet_html, snippet_text) = snippet::snippet(&body, &norm, ranges);
                let score = (-rank * 1000.0).clamp(0.0, f64::from(u32::MAX)) as u32;
                Hit { id, title, score, snippet_html, snippet_text }
            })
            .collect()
    }
}

/// Whether any wanted source has another stamp in the index, or the index holds a vault that is
/// no longer imported.
fn stale(conn: &Connection, wanted: &[(String, String)]) -> rusqlite::Result<bool> {
    let mut stmt = conn.prepare("SELECT source, stamp FROM sources")?;
    let have: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let missing = wanted.iter().any(|w| !have.contains(w));
    let extra = have.iter().any(|(s, _)| s.starts_with("vault:") && !wanted.iter().any(|(w, _)| w == s));
    Ok(missing || extra)
}

fn refresh(
    conn: &Connection,
    data_dir: &Path,
    lang: Lang,
    wanted: &[(String, String)],
    builtin: &str,
) -> rusqlite::Result<()> {
    let have: Vec<(String, String)> = {
        let mut stmt = conn.prepare("SELECT source, stamp FROM sources")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    for (source, _) in &have {
        if source.starts_with("vault:") && !wanted.iter().any(|(w, _)| w == source) {
            forget_source(conn, source)?;
        }
    }
    for (source, stamp) in wanted {
        if have.iter().any(|(s, st)| s == source && st == stamp) {
            continue;
        }
        if source == builtin {
            let library = Library::builtin(lang).unwrap_or_else(|_| Library::empty(lang));
            index_source(conn, source, stamp, library.lessons())?;
        } else if let Some(key) = source.strip_prefix("vault:") {
            let library = Library::empty(lang).with_vault(data_dir, key);
            index_source(conn, source, stamp, library.lessons())?;
        }
    }
    Ok(())
}
