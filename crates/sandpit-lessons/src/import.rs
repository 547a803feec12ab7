//! `sandpit import-notes <DIR>`: copies an Obsidian vault (or any folder of Markdown with its
//! images) into `<data_dir>/notes/<vault-name>/`, keeping its structure, and reports what it
//! could not use.
//!
//! The copy is written to a temporary folder beside the destination and swapped in by renames,
//! so a re-import replaces the previous one whole (notes deleted from the source disappear, none
//! is duplicated) and an interrupted import leaves the previous one in place. File names and
//! texts are stored in NFC, so links typed on any system find notes named on macOS.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use sandpit_core::Lang;
use serde::Serialize;

use crate::assets;
use crate::error::{LessonError, Result};
use crate::frontmatter;
use crate::library::{Library, NOTES_DIR};
use crate::names::nfc;
use crate::resolve::{VaultIndex, is_image, is_markdown};
use crate::syntax::{collect_links, parse_markdown};
use crate::walk::walk;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The vault name: the source folder's name, NFC.
    pub vault: String,
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
    /// `true` when an earlier import of this vault was replaced.
    pub replaced: bool,
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
    if !src.is_dir() {
        return Err(LessonError::NoSuchFolder(src.to_path_buf()));
    }
    let src = src.canonicalize().map_err(|e| LessonError::io(src, e))?;
    let vault = src
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

    let (files, unreadable) = walk(&src, Some(&notes_dir));
    let mut skipped: Vec<SkippedFile> =
        unreadable.into_iter().map(|u| SkippedFile { path: u.path, reason: u.reason }).collect();
    let mut notes: Vec<(String, String)> = Vec::new();
    let mut images: Vec<(String, PathBuf)> = Vec::new();
    let mut ignored = 0;
    let mut taken = std::collections::HashSet::new();
    for file in files {
        let markdown = is_markdown(&file.rel);
        if !markdown && !is_image(&file.rel) {
            ignored += 1;
            continue;
        }
        // Notes are stored as `.md` whatever the source said (`.markdown`), so ids and links agree.
        let stored = match file.rel.rsplit_once('.') {
            Some((stem, _)) if markdown => format!("{stem}.md"),
            _ => file.rel.clone(),
        };
        if !taken.insert(stored.to_lowercase()) {
            skipped.push(SkippedFile {
                path: file.path,
                reason: "another file has the same name (after Unicode normalisation or ignoring case)"
                    .to_owned(),
            });
            continue;
        }
        if !markdown {
            // Images are shown later from the copy (as `data:` URIs): only safe names, regular
            // files and sizes the app will embed are copied.
            match assets::refuse_name(&stored).map(str::to_owned).or_else(|| assets::refuse_file(&file.path))
            {
                Some(reason) => skipped.push(SkippedFile { path: file.path, reason }),
                None => images.push((stored, file.path)),
            }
            continue;
        }
        let bytes = match fs::read(&file.path) {
            Ok(bytes) => bytes,
            Err(err) => {
                skipped.push(SkippedFile { path: file.path, reason: format!("unreadable: {err}") });
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => nfc(&text),
            Err(err) => {
                skipped.push(SkippedFile {
                    path: file.path,
                    reason: format!(
                        "not valid UTF-8 (bad byte at offset {})",
                        err.utf8_error().valid_up_to()
                    ),
                });
                continue;
            }
        };
        if let Err(err) = frontmatter::parse_note(frontmatter::split(&text).yaml) {
            skipped.push(SkippedFile { path: file.path, reason: err });
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
    let staging = notes_dir.join(format!(".import-{vault}-{stamp}"));
    if let Err(err) = write_vault(&staging, &notes, &images) {
        let _ = fs::remove_dir_all(&staging);
        return Err(err);
    }
    let destination = notes_dir.join(&vault);
    let replaced = destination.exists();
    swap_in(&staging, &destination, &notes_dir.join(format!(".old-{vault}-{stamp}")))?;

    let unresolved = unresolved_links(&vault, &notes, &images);
    let mut note_ids: Vec<String> =
        notes.iter().map(|(rel, _)| format!("{vault}/{}", rel.strip_suffix(".md").unwrap_or(rel))).collect();
    note_ids.sort();
    Ok(ImportReport {
        vault,
        destination,
        notes: note_ids,
        images: images.into_iter().map(|(rel, _)| rel).collect(),
        unresolved,
        skipped,
        ignored,
        replaced,
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
/// (for links) to a built-in lesson.
fn unresolved_links(
    vault: &str,
    notes: &[(String, String)],
    images: &[(String, PathBuf)],
) -> Vec<UnresolvedLink> {
    let mut index = VaultIndex::default();
    for (rel, _) in notes {
        index.add_note(rel.strip_suffix(".md").unwrap_or(rel));
    }
    for (rel, _) in images {
        index.add_asset(rel);
    }
    let builtin = Library::builtin(Lang::Ko).unwrap_or_else(|_| Library::empty(Lang::Ko));
    let mut out = Vec::new();
    for (rel, text) in notes {
        let from = rel.strip_suffix(".md").unwrap_or(rel);
        let body = frontmatter::split(text).body;
        let root = parse_markdown(&body);
        for link in collect_links(&root) {
            if link.lab().is_some() || link.target.is_empty() {
                continue;
            }
            let target = &link.target;
            let found = if is_image(target) {
                index.resolve_asset(target, from).is_some()
            } else {
                index.resolve_note(target, from).is_some() || builtin.get(target).is_some()
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
    out
}
