//! `sandpit import-notes <DIR>`: copies an Obsidian vault (or any folder of Markdown with its
//! images) into `<data_dir>/notes/<key>/`, keeping its structure, records where it came from
//! (`notes/vaults.json`, see [`crate::vaults`]), updates the search index for it, and reports
//! what it could not use.
//!
//! A vault is the folder it was imported from: importing the same folder again replaces its
//! copy whole (notes deleted from the source disappear, none is duplicated); another folder of
//! the same name becomes another vault. The copy is written to a temporary folder beside the
//! destination and swapped in by renames, so an interrupted import leaves the previous one in
//! place (and what it left half-written is finished or cleared the next time the vaults are
//! listed, see `vaults::tidy_interrupted`). File names and texts are stored in NFC, so links typed on any system find notes named
//! on macOS. `.txt` files are notes when they read as Markdown (or always, with
//! [`ImportOptions::extensions`]); notes over [`crate::MAX_NOTE_BYTES`] are skipped.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use sandpit_core::Lang;
use serde::Serialize;

use crate::assets;
use crate::error::{LessonError, Result};
use crate::frontmatter;
use crate::left_out::LeftOut;
use crate::library::{Library, NOTES_DIR};
use crate::limits::MAX_NOTE_BYTES;
use crate::names::{nfc, slugify};
use crate::render::{anchors, limit_warnings};
use crate::resolve::{VaultIndex, extension, is_image, is_markdown};
use crate::syntax::{collect_links, parse_markdown};
use crate::vaults::{self, VaultInfo};
use crate::walk::walk;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The vault's key: the source folder's name (NFC), or `name (2)`, … when another vault
    /// already has that name. Note ids start with it.
    pub vault: String,
    /// The source folder's name.
    pub name: String,
    /// The source folder, canonical.
    pub source: PathBuf,
    /// Where the notes now are: `<data_dir>/notes/<vault>`.
    pub destination: PathBuf,
    /// Ids of the imported notes (`<vault>/<path without .md>`), sorted.
    pub notes: Vec<String>,
    /// Vault-relative paths of the copied images, sorted.
    pub images: Vec<String>,
    /// Links and embeds that point nowhere.
    pub unresolved: Vec<UnresolvedLink>,
    /// Files that could not be imported, with the reason.
    pub skipped: Vec<SkippedFile>,
    /// Other files (PDFs, attachments of other kinds) that were left out.
    pub ignored: usize,
    /// `true` when an earlier import of the same folder was replaced.
    pub replaced: bool,
    /// Keys of other vaults with the same folder name, kept beside this one.
    pub same_name: Vec<String>,
    /// Problems that did not stop the import (the search index could not be updated: the next
    /// search brings it up to date).
    pub warnings: Vec<String>,
    /// Notes that are shown cut short by the limits (nesting, brackets, tables, markup; see
    /// [`crate::MAX_NESTING`] and the others), each with what was cut, in the import's language.
    pub cut_short: Vec<CutShortNote>,
}

/// A note shown cut short, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CutShortNote {
    /// The note's id.
    pub note: String,
    /// One sentence per limit it went past, naming the file, the limit and the first lines.
    pub reasons: Vec<String>,
}

/// How to import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Extensions (without the dot, e.g. `txt`) whose files are notes whatever they hold, on top
    /// of `.md` and `.markdown` (and `.txt` files that read as Markdown, taken anyway).
    pub extensions: Vec<String>,
    /// The language of the report's sentences (reasons for skipping or cutting a note short).
    pub lang: Lang,
}

/// A wikilink or embed whose target is not in the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnresolvedLink {
    /// The id of the note that holds the link.
    pub note: String,
    /// The 1-based line of the link in that note.
    pub line: usize,
    /// The target as written (`Note#heading`, `Pasted image 2023.png`).
    pub target: String,
    /// `true` for `![[…]]` embeds.
    pub embed: bool,
}

/// A file that was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedFile {
    /// The file in the source folder.
    pub path: PathBuf,
    /// Why: not valid UTF-8, unreadable, malformed front matter, …
    pub reason: String,
}

/// Imports the notes folder `src` into `data_dir` (see the module docs). Fails when `src` is not
/// a folder or holds no Markdown that could be imported; broken files are skipped and reported.
pub fn import_notes(src: &Path, data_dir: &Path) -> Result<ImportReport> {
    import_notes_with(src, data_dir, &ImportOptions::default())
}

/// [`import_notes`] with options.
pub fn import_notes_with(src: &Path, data_dir: &Path, options: &ImportOptions) -> Result<ImportReport> {
    if !src.is_dir() {
        return Err(LessonError::NoSuchFolder(src.to_path_buf()));
    }
    let src = src.canonicalize().map_err(|e| LessonError::io(src, e))?;
    let name = src
        .file_name()
        .and_then(|n| n.to_str())
        .map(nfc)
        .filter(|n| !n.is_empty() && !n.starts_with('.'))
        .unwrap_or_else(|| "notes".to_owned());
    let notes_dir = data_dir.join(NOTES_DIR);
    fs::create_dir_all(&notes_dir).map_err(|e| LessonError::io(&notes_dir, e))?;
    let notes_dir = notes_dir.canonicalize().map_err(|e| LessonError::io(&notes_dir, e))?;
    if src.starts_with(&notes_dir) {
        return Err(LessonError::ImportIntoItself(src));
    }
    let known = vaults::list_vaults(data_dir)?;
    let (vault, previous) = vaults::key_for(&known, &src, &name);
    let same_name: Vec<String> =
        known.iter().filter(|v| v.name == name && v.key != vault).map(|v| v.key.clone()).collect();

    let is_note_ext = |rel: &str| {
        is_markdown(rel)
            || extension(rel).is_some_and(|e| {
                options.extensions.iter().any(|x| x.trim_start_matches('.').eq_ignore_ascii_case(e))
            })
    };
    let (files, unreadable) = walk(&src, Some(&notes_dir));
    let mut skipped: Vec<SkippedFile> = unreadable
        .into_iter()
        .map(|u| SkippedFile { path: u.path, reason: u.reason.say(options.lang) })
        .collect();
    let mut notes: Vec<(String, String)> = Vec::new();
    let mut images: Vec<(String, PathBuf)> = Vec::new();
    let mut ignored = 0;
    let mut taken = HashSet::new();
    for file in files {
        let sure = is_note_ext(&file.rel);
        // A `.txt` file is a note if it reads as Markdown (decided once it is read).
        let maybe = !sure && extension(&file.rel).is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        let markdown = sure || maybe;
        if !markdown && !is_image(&file.rel) {
            ignored += 1;
            continue;
        }
        // Notes are stored as `.md` whatever the source said (`.markdown`, `.txt`), so ids and
        // links agree.
        let stored = match file.rel.rsplit_once('.') {
            Some((stem, _)) if markdown => format!("{stem}.md"),
            _ => file.rel.clone(),
        };
        if !markdown {
            if !taken.insert(stored.to_lowercase()) {
                skipped.push(SkippedFile { path: file.path, reason: LeftOut::SameName.say(options.lang) });
                continue;
            }
            // Images are shown later from the copy (as `data:` URIs): only safe names, regular
            // files and sizes the app will embed are copied.
            match assets::refuse_name(&stored).or_else(|| assets::refuse_file(&file.path)) {
                Some(why) => skipped.push(SkippedFile { path: file.path, reason: why.say(options.lang) }),
                None => images.push((stored, file.path)),
            }
            continue;
        }
        if let Ok(meta) = fs::metadata(&file.path)
            && meta.len() > MAX_NOTE_BYTES
        {
            let why = LeftOut::NoteTooBig { max_mib: MAX_NOTE_BYTES / (1024 * 1024), bytes: meta.len() };
            skipped.push(SkippedFile { path: file.path, reason: why.say(options.lang) });
            continue;
        }
        let bytes = match fs::read(&file.path) {
            Ok(bytes) => bytes,
            Err(err) => {
                let why = LeftOut::Unreadable(err.to_string());
                skipped.push(SkippedFile { path: file.path, reason: why.say(options.lang) });
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => nfc(&text),
            Err(_) if maybe => {
                ignored += 1;
                continue;
            }
            Err(err) => {
                let why = LeftOut::NotUtf8(err.utf8_error().valid_up_to());
                skipped.push(SkippedFile { path: file.path, reason: why.say(options.lang) });
                continue;
            }
        };
        if maybe && !looks_like_markdown(&text) {
            ignored += 1;
            continue;
        }
        if !taken.insert(stored.to_lowercase()) {
            skipped.push(SkippedFile { path: file.path, reason: LeftOut::SameName.say(options.lang) });
            continue;
        }
        if let Err(why) = frontmatter::parse_note(frontmatter::split(&text).yaml) {
            skipped.push(SkippedFile { path: file.path, reason: why.say(options.lang) });
            continue;
        }
        notes.push((stored, text));
    }
    if notes.is_empty() {
        return Err(LessonError::NoNotes(src));
    }

    let stamp = format!(
        "{}-{}",
        std::process::id(),
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
    );
    let staging = notes_dir.join(format!(".import-{stamp}"));
    if let Err(err) = write_vault(&staging, &notes, &images) {
        let _ = fs::remove_dir_all(&staging);
        return Err(err);
    }
    let destination = notes_dir.join(&vault);
    // The vault is recorded as pending before its copy is swapped in and until it is indexed:
    // a process killed in between leaves a record that says so (search then skips the vault
    // with a warning rather than indexing it on every query, and the next import finishes it),
    // never a folder adopted as an old-style vault or one that looks indexed.
    let mut info = VaultInfo {
        key: vault.clone(),
        name: name.clone(),
        source: Some(src.clone()),
        imported_at: Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        notes: notes.len(),
        images: images.len(),
        stamp: stamp.clone(),
        pending: true,
    };
    vaults::record(data_dir, info.clone())?;
    swap_in(&staging, &destination, &notes_dir.join(format!(".old-{stamp}")))?;
    hold_for_tests();
    let mut warnings = Vec::new();
    if let Err(err) = crate::search::index_vault(data_dir, &vault, &stamp) {
        warnings.push(err.to_string());
    }
    info.pending = false;
    vaults::record(data_dir, info)?;

    let (unresolved, cut_short) = check_links(&vault, &notes, &images, options.lang);
    let mut note_ids: Vec<String> =
        notes.iter().map(|(rel, _)| format!("{vault}/{}", rel.strip_suffix(".md").unwrap_or(rel))).collect();
    note_ids.sort();
    Ok(ImportReport {
        vault,
        name,
        source: src,
        destination,
        notes: note_ids,
        images: images.into_iter().map(|(rel, _)| rel).collect(),
        unresolved,
        skipped,
        ignored,
        replaced: previous.is_some(),
        same_name,
        warnings,
        cut_short,
    })
}

/// Lets a test interrupt an import at its most delicate point: with `SANDPIT_IMPORT_HOLD` set to
/// a file, the import creates that file once the notes are in place (recorded as pending, not
/// yet indexed) and waits there until the process is killed.
fn hold_for_tests() {
    if let Some(path) = std::env::var_os("SANDPIT_IMPORT_HOLD") {
        let _ = fs::write(&path, b"");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    }
}

/// Whether a `.txt` file reads as Markdown: a heading, a list, a quote, a table, a fence, a
/// link, a wikilink or bold text. Plain text would lose its line breaks as Markdown.
fn looks_like_markdown(text: &str) -> bool {
    if ["[[", "](", "**", "```", "~~~"].iter().any(|m| text.contains(m)) {
        return true;
    }
    text.lines().any(|line| {
        let t = line.trim_start();
        let hashes = t.bytes().take_while(|b| *b == b'#').count();
        (1..=6).contains(&hashes) && t[hashes..].starts_with(' ')
            || t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with("> ")
            || t.starts_with('|') && t.trim_end().ends_with('|') && t.len() > 2
    })
}

fn write_vault(staging: &Path, notes: &[(String, String)], images: &[(String, PathBuf)]) -> Result<()> {
    fs::create_dir_all(staging).map_err(|e| LessonError::io(staging, e))?;
    let place = |rel: &str| -> Result<PathBuf> {
        let target = staging.join(rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| LessonError::io(parent, e))?;
        }
        Ok(target)
    };
    for (rel, text) in notes {
        let target = place(rel)?;
        fs::write(&target, text).map_err(|e| LessonError::io(&target, e))?;
    }
    for (rel, source) in images {
        let target = place(rel)?;
        fs::copy(source, &target).map_err(|e| LessonError::io(source, e))?;
    }
    Ok(())
}

/// Replaces `destination` by `staging`: the old folder is renamed aside first (a folder cannot be
/// renamed over a non-empty one), then removed once the new one is in place.
fn swap_in(staging: &Path, destination: &Path, aside: &Path) -> Result<()> {
    let had_old = destination.exists();
    if had_old && let Err(err) = fs::rename(destination, aside) {
        let _ = fs::remove_dir_all(staging);
        return Err(LessonError::io(destination, err));
    }
    if let Err(err) = fs::rename(staging, destination) {
        if had_old {
            let _ = fs::rename(aside, destination);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(LessonError::io(destination, err));
    }
    if had_old {
        fs::remove_dir_all(aside).map_err(|e| LessonError::io(aside, e))?;
    }
    Ok(())
}

/// Every wikilink and embed of the imported notes that resolves neither inside the vault nor
/// (for links) to a built-in lesson, or that names a heading or block id its note lacks; and
/// the notes cut short by the limits, from the same parse.
fn check_links(
    vault: &str,
    notes: &[(String, String)],
    images: &[(String, PathBuf)],
    lang: Lang,
) -> (Vec<UnresolvedLink>, Vec<CutShortNote>) {
    let mut index = VaultIndex::default();
    for (rel, _) in notes {
        index.add_note(rel.strip_suffix(".md").unwrap_or(rel));
    }
    for (rel, _) in images {
        index.add_asset(rel);
    }
    let builtin = Library::builtin(Lang::Ko).unwrap_or_else(|_| Library::empty(Lang::Ko));
    // Per note: its links, and the slugs of its headings and its block ids.
    let mut parsed: HashMap<&str, (Vec<crate::syntax::LinkAt>, Anchors)> = HashMap::new();
    let mut cut_short = Vec::new();
    for (rel, text) in notes {
        let from = rel.strip_suffix(".md").unwrap_or(rel);
        let p = parse_markdown(&frontmatter::split(text).body);
        let reasons = limit_warnings(lang, &format!("{NOTES_DIR}/{vault}/{rel}"), &p);
        if !reasons.is_empty() {
            cut_short.push(CutShortNote { note: format!("{vault}/{from}"), reasons });
        }
        parsed.insert(from, (collect_links(&p), Anchors::of(&p)));
    }
    cut_short.sort_by(|a, b| a.note.cmp(&b.note));
    let mut builtin_anchors: HashMap<String, Anchors> = HashMap::new();
    let mut out = Vec::new();
    for (rel, _) in notes {
        let from = rel.strip_suffix(".md").unwrap_or(rel);
        let Some((links, own)) = parsed.get(from) else { continue };
        for link in links {
            if link.lab().is_some() {
                continue;
            }
            let target = &link.target;
            let found = if target.is_empty() {
                link.fragment.as_deref().is_none_or(|f| own.has(f))
            } else if is_image(target) {
                index.resolve_asset(target, from).is_some()
            } else if let Some(note) = index.resolve_note(target, from) {
                link.fragment.as_deref().is_none_or(|f| parsed.get(note).is_some_and(|(_, a)| a.has(f)))
            } else if let Some(lesson) = builtin.get(target) {
                let anchors = builtin_anchors
                    .entry(lesson.meta.id.clone())
                    .or_insert_with(|| Anchors::of(&parse_markdown(&lesson.body)));
                link.fragment.as_deref().is_none_or(|f| anchors.has(f))
            } else {
                false
            };
            if !found {
                out.push(UnresolvedLink {
                    note: format!("{vault}/{from}"),
                    line: link.line,
                    target: link.display(),
                    embed: link.embed,
                });
            }
        }
    }
    (out, cut_short)
}

/// The headings (as slugs) and block ids of a note: what `[[note#…]]` may point to.
struct Anchors {
    headings: HashSet<String>,
    blocks: HashSet<String>,
}

impl Anchors {
    fn of(parsed: &crate::syntax::Parsed) -> Anchors {
        let (headings, blocks) = anchors(parsed);
        Anchors { headings: headings.into_iter().collect(), blocks: blocks.into_iter().collect() }
    }

    /// Whether the fragment of a link (`heading` or `^block`) is in the note.
    fn has(&self, fragment: &str) -> bool {
        match fragment.strip_prefix('^') {
            Some(block) => self.blocks.contains(block),
            None => self.headings.contains(&slugify(fragment)),
        }
    }
}
