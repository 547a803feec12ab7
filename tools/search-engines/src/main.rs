//! `search-engines all` (release build): generates 6,000 notes, imports them into a data folder
//! the way `sandpit import-notes` does, then indexes the same lessons (those notes plus the
//! Korean built-in lessons) with four engines and measures each:
//!
//! - `sandpit` — what Sandpit ships (`SearchIndex::open`, tantivy), snippets included.
//! - `fts5` — SQLite FTS5 (the bundled SQLite sqlx builds) over the same terms (whole words
//!   with Korean particles off, bigrams across spaces), BM25, the same query as an FTS5
//!   expression (boosters in an always-true `OR`, as FTS5 has no optional clauses).
//! - `tantivy` — tantivy over the same terms, the query of this tool (no snippets).
//! - `fts5-trigram` — FTS5's own trigram tokenizer over the raw text (substring search; no
//!   particle handling; terms under three characters cannot use the index).
//! - `tantivy-ngram` — tantivy's 2–3-gram tokenizer over the raw text, phrase of bigrams.
//!
//! For each: the time to build the index from the imported notes (text extraction included),
//! its size on disk, and a query as a whole process (`search-engines query ENGINE …` started
//! anew each time, as `sandpit lessons search` is): wall time and peak RSS (GNU time).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "../../../tests/harness/measure.rs"]
mod measure;

use measure::{dir_size, generate_notes, ms, spread};
use sandpit_core::Lang;
use sandpit_lessons::analysis::{Token, bigrams, normalize, searchable_text, strip_particle, terms, tokens};
use sandpit_lessons::{Library, SearchIndex};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::tokenizer::{LowerCaser, NgramTokenizer, TextAnalyzer, WhitespaceTokenizer};
use tantivy::{Index, TantivyDocument, Term};

const NOTES: usize = 6_000;
const QUERIES: &[&str] = &[
    "보안 그룹",
    "보안그룹",
    "NAT 게이트웨이",
    "게이트웨이의",
    "라우팅 테이블",
    "subnet",
    "gate",
    "encryption key",
    "가중치",
];
const ENGINES: &[&str] = &["sandpit", "fts5", "tantivy", "fts5-trigram", "tantivy-ngram"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.get(1).cloned().unwrap_or_else(|| "/tmp/sandpit-search-engines".to_owned()));
    match args.first().map(String::as_str) {
        Some("query") => {
            let (engine, dir, q) = (&args[1], Path::new(&args[2]), &args[3]);
            let ids = query(engine, dir, q);
            println!("{}", ids.join("\n"));
        }
        Some("all") | None => all(&dir),
        Some("profile") => profile(&dir),
        Some(other) => panic!("unknown mode {other}: all [DIR] | query ENGINE DIR QUERY"),
    }
}

/// Where the time of an FTS5 query goes: matching, ranking, boosters, the source filter.
fn profile(dir: &Path) {
    let conn = rusqlite::Connection::open(dir.join("fts5.sqlite")).unwrap();
    let req = "{title_grams grams} : \"보안\" AND {title_grams grams} : \"그룹\"";
    let boost = "{title_words words} : \"보안\" OR {title_grams} : \"보안\" OR {title_words words} : \"그룹\" OR {title_grams} : \"그룹\" OR {title_words words} : \"보안그룹\" OR {title_grams grams} : \"보안 안그 그룹\" OR {title_grams} : \"보안 안그 그룹\"";
    let full = format!("{req} AND ({boost} OR {{title_grams grams}} : \"보안\")");
    let cases = [
        ("count, required", format!("SELECT count(*) FROM terms WHERE terms MATCH '{req}'")),
        (
            "bm25 top 20, required",
            format!(
                "SELECT rowid FROM terms WHERE terms MATCH '{req}' ORDER BY bm25(terms, 20.0, 10.0, 4.0, 1.0) LIMIT 20"
            ),
        ),
        (
            "bm25 top 20, with boosters",
            format!(
                "SELECT rowid FROM terms WHERE terms MATCH '{full}' ORDER BY bm25(terms, 20.0, 10.0, 4.0, 1.0) LIMIT 20"
            ),
        ),
        (
            "boosters w/o title-only",
            format!(
                "SELECT rowid FROM terms WHERE terms MATCH '{req} AND ({{title_words words}} : \"보안그룹\" OR {{title_grams grams}} : \"보안 안그 그룹\" OR {{title_words words}} : \"보안\" OR {{title_words words}} : \"그룹\" OR {{title_grams grams}} : \"보안\")' ORDER BY bm25(terms, 20.0, 10.0, 4.0, 1.0) LIMIT 20"
            ),
        ),
        ("no ranking, rowid order", format!("SELECT rowid FROM terms WHERE terms MATCH '{full}' LIMIT 20")),
    ];
    for (label, sql) in cases {
        let mut times = Vec::new();
        for _ in 0..5 {
            let started = Instant::now();
            let mut stmt = conn.prepare(&sql).unwrap();
            let n = stmt.query_map([], |r| r.get::<_, i64>(0)).unwrap().count();
            times.push(started.elapsed());
            assert!(n > 0);
        }
        println!("{label:<28} {}", spread(times));
    }
    for q in QUERIES {
        let started = Instant::now();
        let index = SearchIndex::open(&dir.join("data"), Lang::Ko).unwrap();
        let opened = started.elapsed();
        let started = Instant::now();
        let hits = index.search(q, 20);
        println!("{q:<16} open {} · search {} · {} hits", ms(opened), ms(started.elapsed()), hits.len());
    }
}

fn all(dir: &Path) {
    let _ = fs::remove_dir_all(dir);
    let vault = dir.join("class-notes");
    generate_notes(&vault, NOTES);
    let data = dir.join("data");
    let started = Instant::now();
    sandpit_lessons::import_notes(&vault, &data).expect("import");
    println!("imported {NOTES} notes (copy + Sandpit's index of the vault) in {}", ms(started.elapsed()));
    let exe = std::env::current_exe().unwrap();
    println!(
        "{:<14} {:>12} {:>10} | whole process per query ({} queries ×4): wall, peak RSS",
        "engine",
        "index build",
        "size",
        QUERIES.len()
    );
    for engine in ENGINES {
        let started = Instant::now();
        let size = build(engine, dir, &data);
        let built = started.elapsed();
        let mut walls = Vec::new();
        let mut peak = 0u64;
        let mut sample = String::new();
        for round in 0..5 {
            for q in QUERIES {
                let started = Instant::now();
                let out = Command::new("/usr/bin/time")
                    .args(["-f", "%M"])
                    .arg(&exe)
                    .args(["query", engine, dir.to_str().unwrap(), q])
                    .output()
                    .unwrap();
                let wall = started.elapsed();
                assert!(out.status.success(), "{engine} {q}: {}", String::from_utf8_lossy(&out.stderr));
                let kib: u64 = String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .last()
                    .and_then(|l| l.trim().parse().ok())
                    .unwrap_or(0);
                peak = peak.max(kib);
                if round > 0 {
                    walls.push(wall);
                } else {
                    let top: Vec<String> =
                        String::from_utf8_lossy(&out.stdout).lines().take(3).map(str::to_owned).collect();
                    let _ = writeln!(sample, "    {q}: {}", top.join(", "));
                }
            }
        }
        println!(
            "{engine:<14} {:>12} {:>7.1} MB | {} · {:.1} MiB",
            ms(built),
            size as f64 / 1e6,
            spread(walls),
            peak as f64 / 1024.0
        );
        print!("{sample}");
    }
}

/// Builds `engine`'s index of the library in `data` (for `fts5`: Sandpit's own, rebuilt from
/// scratch); returns its size in bytes.
fn build(engine: &str, dir: &Path, data: &Path) -> u64 {
    match engine {
        "sandpit" => {
            let index = sandpit_lessons::index_path(data);
            let _ = fs::remove_dir_all(&index);
            // Rebuilds the built-in lessons and the vault.
            drop(SearchIndex::open(data, Lang::Ko).unwrap());
            dir_size(&index)
        }
        "fts5" => {
            let path = dir.join("fts5.sqlite");
            let _ = fs::remove_file(&path);
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL);
                 CREATE VIRTUAL TABLE terms USING fts5(title_words, title_grams, words, grams,
                     content='', contentless_delete=1, prefix='2 3', tokenize='unicode61 remove_diacritics 0');",
            )
            .unwrap();
            let tx = conn.transaction().unwrap();
            for (id, title, body) in docs(data) {
                tx.execute("INSERT INTO docs(id, title, body) VALUES (?1, ?2, ?3)", (&id, &title, &body))
                    .unwrap();
                let (tw, tg) = terms(&normalize(&title));
                let (w, g) = terms(&normalize(&body));
                tx.execute(
                    "INSERT INTO terms(rowid, title_words, title_grams, words, grams) VALUES (last_insert_rowid(), ?1, ?2, ?3, ?4)",
                    (&tw, &tg, &w, &g),
                )
                .unwrap();
            }
            tx.commit().unwrap();
            fs::metadata(&path).unwrap().len()
        }
        "fts5-trigram" => {
            let path = dir.join("trigram.sqlite");
            let _ = fs::remove_file(&path);
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, body TEXT);
                 CREATE VIRTUAL TABLE t USING fts5(title, body, content='docs', content_rowid='rowid', tokenize='trigram');",
            )
            .unwrap();
            let tx = conn.transaction().unwrap();
            for (id, title, body) in docs(data) {
                tx.execute("INSERT INTO docs(id, title, body) VALUES (?1, ?2, ?3)", (&id, &title, &body))
                    .unwrap();
                tx.execute(
                    "INSERT INTO t(rowid, title, body) VALUES (last_insert_rowid(), ?1, ?2)",
                    (&title, &body),
                )
                .unwrap();
            }
            tx.commit().unwrap();
            fs::metadata(&path).unwrap().len()
        }
        "tantivy" | "tantivy-ngram" => {
            let path = dir.join(engine);
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap();
            let (schema, f) = tantivy_schema(engine);
            let index = Index::create_in_dir(&path, schema).unwrap();
            register(&index);
            let mut writer = index.writer_with_num_threads(1, 100_000_000).unwrap();
            for (id, title, body) in docs(data) {
                let mut doc = TantivyDocument::default();
                doc.add_text(f.id, &id);
                doc.add_text(f.title, &title);
                doc.add_text(f.body, &body);
                if engine == "tantivy" {
                    let (tw, tg) = terms(&normalize(&title));
                    let (w, g) = terms(&normalize(&body));
                    doc.add_text(f.title_words, &tw);
                    doc.add_text(f.title_grams, &tg);
                    doc.add_text(f.words, &w);
                    doc.add_text(f.grams, &g);
                } else {
                    doc.add_text(f.title_words, &title);
                    doc.add_text(f.words, &body);
                }
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
            writer.wait_merging_threads().unwrap();
            dir_size(&path)
        }
        _ => unreachable!(),
    }
}

/// Every lesson of the data folder (Korean built-in lessons and the imported notes) as
/// (id, title, searchable text): what each engine indexes.
fn docs(data: &Path) -> Vec<(String, String, String)> {
    let library = Library::builtin(Lang::Ko).unwrap().with_imported(data).unwrap();
    library.lessons().iter().map(|l| (l.meta.id.clone(), l.meta.title.clone(), searchable_text(l))).collect()
}

struct Fields {
    id: Field,
    title: Field,
    body: Field,
    title_words: Field,
    title_grams: Field,
    words: Field,
    grams: Field,
}

fn tantivy_schema(engine: &str) -> (Schema, Fields) {
    let tokenizer = if engine == "tantivy" { "ws" } else { "ngram" };
    let indexed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut b = Schema::builder();
    let f = Fields {
        id: b.add_text_field("id", STORED),
        title: b.add_text_field("title", STORED),
        body: b.add_text_field("body", STORED),
        title_words: b.add_text_field("title_words", indexed.clone()),
        title_grams: b.add_text_field("title_grams", indexed.clone()),
        words: b.add_text_field("words", indexed.clone()),
        grams: b.add_text_field("grams", indexed),
    };
    (b.build(), f)
}

fn register(index: &Index) {
    index.tokenizers().register("ws", TextAnalyzer::from(WhitespaceTokenizer::default()));
    index.tokenizers().register(
        "ngram",
        TextAnalyzer::builder(NgramTokenizer::new(2, 3, false).unwrap()).filter(LowerCaser).build(),
    );
}

fn fields(index: &Index) -> Fields {
    let s = index.schema();
    let f = |n: &str| s.get_field(n).unwrap();
    Fields {
        id: f("id"),
        title: f("title"),
        body: f("body"),
        title_words: f("title_words"),
        title_grams: f("title_grams"),
        words: f("words"),
        grams: f("grams"),
    }
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

/// Sandpit's query as an FTS5 `MATCH` expression (what `crates/sandpit-lessons` sent FTS5
/// before it moved to tantivy): required terms, boosters in an always-true `OR`.
fn fts5_expression(query: &str) -> Option<String> {
    let norm = normalize(query);
    let mut required: Vec<String> = Vec::new();
    let mut boosters: Vec<String> = Vec::new();
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
    Some(fts)
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

/// One query, as a process does it from scratch: open the index, search, fetch the top 20
/// (their id, title and text, as a snippet needs).
fn query(engine: &str, dir: &Path, q: &str) -> Vec<String> {
    match engine {
        "sandpit" => SearchIndex::open(&dir.join("data"), Lang::Ko)
            .unwrap()
            .search(q, 20)
            .into_iter()
            .map(|h| h.id)
            .collect(),
        "fts5" => {
            let conn = rusqlite::Connection::open(dir.join("fts5.sqlite")).unwrap();
            let Some(expr) = fts5_expression(q) else { return Vec::new() };
            let mut stmt = conn
                .prepare(
                    "SELECT d.id, d.title, d.body FROM (SELECT rowid, bm25(terms, 20.0, 10.0, 4.0, 1.0) AS rank
                         FROM terms WHERE terms MATCH ?1 ORDER BY rank LIMIT 20) r
                     JOIN docs d ON d.rowid = r.rowid ORDER BY r.rank",
                )
                .unwrap();
            stmt.query_map([expr], |r| r.get::<_, String>(0)).unwrap().flatten().collect()
        }
        "fts5-trigram" => {
            let conn = rusqlite::Connection::open(dir.join("trigram.sqlite")).unwrap();
            let expr: Vec<String> =
                normalize(q).split_whitespace().map(|t| format!("\"{}\"", t.replace('"', ""))).collect();
            let mut stmt = conn
                .prepare(
                    "SELECT d.id, d.title, d.body FROM (SELECT rowid, rank FROM t WHERE t MATCH ?1 ORDER BY rank LIMIT 20) r
                     JOIN docs d ON d.rowid = r.rowid ORDER BY r.rank",
                )
                .unwrap();
            stmt.query_map([expr.join(" AND ")], |r| r.get::<_, String>(0))
                .map(|rows| rows.flatten().collect())
                .unwrap_or_default()
        }
        _ => {
            let index = Index::open_in_dir(dir.join(engine)).unwrap();
            register(&index);
            let f = fields(&index);
            let searcher = index.reader().unwrap().searcher();
            let query: Box<dyn Query> =
                if engine == "tantivy" { terms_query(&f, q) } else { ngram_query(&f, q) };
            let top = searcher.search(&query, &TopDocs::with_limit(20).order_by_score()).unwrap();
            top.into_iter()
                .map(|(_, addr)| {
                    let doc: TantivyDocument = searcher.doc(addr).unwrap();
                    let _body = doc.get_first(f.body).and_then(|v| v.as_str()).map(str::len);
                    doc.get_first(f.id).and_then(|v| v.as_str()).unwrap_or_default().to_owned()
                })
                .collect()
        }
    }
}

fn term_or_phrase(field: Field, toks: &[String]) -> Box<dyn Query> {
    let terms: Vec<Term> = toks.iter().map(|t| Term::from_field_text(field, t)).collect();
    if terms.len() == 1 {
        Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::WithFreqsAndPositions))
    } else {
        Box::new(PhraseQuery::new(terms))
    }
}

fn either(a: Box<dyn Query>, b: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![(Occur::Should, a), (Occur::Should, b)]))
}

fn boost(q: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, by))
}

/// The query Sandpit sends FTS5, in tantivy: every term required (Korean bigram phrase, Latin
/// word prefix, in the title or text), whole words, compounds and titles as boosters.
fn terms_query(f: &Fields, q: &str) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut compound: Vec<String> = Vec::new();
    for piece in normalize(q).split_whitespace() {
        for tok in tokens(piece) {
            match tok {
                Token::Latin(w) => {
                    let prefix = match w.strip_suffix('s') {
                        Some(s) if w.len() >= 4 && !s.ends_with('s') => s,
                        _ => w,
                    };
                    let p = |field| {
                        Box::new(PhrasePrefixQuery::new(vec![Term::from_field_text(field, prefix)]))
                            as Box<dyn Query>
                    };
                    clauses.push((Occur::Must, either(p(f.title_words), p(f.words))));
                    clauses.push((Occur::Should, boost(term_or_phrase(f.words, &[w.to_owned()]), 4.0)));
                    clauses
                        .push((Occur::Should, boost(term_or_phrase(f.title_words, &[w.to_owned()]), 20.0)));
                }
                Token::Korean { word, .. } => {
                    let stem = match strip_particle(word) {
                        "" => word,
                        s => s,
                    };
                    let grams = bigrams(stem);
                    clauses.push((
                        Occur::Must,
                        either(term_or_phrase(f.title_grams, &grams), term_or_phrase(f.grams, &grams)),
                    ));
                    clauses.push((Occur::Should, boost(term_or_phrase(f.words, &[stem.to_owned()]), 4.0)));
                    clauses.push((Occur::Should, boost(term_or_phrase(f.title_grams, &grams), 20.0)));
                    compound.push(stem.to_owned());
                }
            }
        }
    }
    if compound.len() > 1 {
        let joined = compound.concat();
        clauses.push((Occur::Should, boost(term_or_phrase(f.words, std::slice::from_ref(&joined)), 8.0)));
        clauses.push((Occur::Should, boost(term_or_phrase(f.grams, &bigrams(&joined)), 8.0)));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Each whitespace-separated term as a phrase of its 2-grams (a 2-character term is one).
fn ngram_query(f: &Fields, q: &str) -> Box<dyn Query> {
    let clauses = normalize(q)
        .split_whitespace()
        .map(|t| {
            let chars: Vec<char> = t.chars().collect();
            let grams: Vec<String> = if chars.len() < 2 {
                vec![t.to_owned()]
            } else {
                chars.windows(2).map(|w| w.iter().collect()).collect()
            };
            (
                Occur::Must,
                either(boost(term_or_phrase(f.title_words, &grams), 5.0), term_or_phrase(f.words, &grams)),
            )
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

