//! Walking a notes folder: every file below it, with its vault-relative NFC path, skipping what
//! Obsidian keeps for itself (`.obsidian/`, `.trash/`) and every other dot-file or dot-folder.

use crate::left_out::LeftOut;
use std::fs;
use std::path::{Path, PathBuf};

use crate::names::nfc;

/// A file found in a vault.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Vault-relative, `/`-separated, NFC.
    pub(crate) rel: String,
    pub(crate) path: PathBuf,
}

/// A file or folder that could not be read while walking.
#[derive(Debug, Clone)]
pub(crate) struct Unreadable {
    pub(crate) path: PathBuf,
    pub(crate) reason: LeftOut,
}

/// All regular files below `root`, sorted by relative path. Symbolic links are not followed: a
/// vault that links outside itself must not pull other files in.
/// `exclude` is a folder not to enter (Sandpit's own notes folder, should it lie inside the vault).
pub(crate) fn walk(root: &Path, exclude: Option<&Path>) -> (Vec<Found>, Vec<Unreadable>) {
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    walk_dir(root, "", exclude, &mut found, &mut unreadable);
    found.sort_by(|a, b| a.rel.cmp(&b.rel));
    (found, unreadable)
}

fn walk_dir(
    dir: &Path,
    rel: &str,
    exclude: Option<&Path>,
    found: &mut Vec<Found>,
    unreadable: &mut Vec<Unreadable>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            unreadable
                .push(Unreadable { path: dir.to_path_buf(), reason: LeftOut::Unreadable(err.to_string()) });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                unreadable.push(Unreadable {
                    path: dir.to_path_buf(),
                    reason: LeftOut::Unreadable(err.to_string()),
                });
                continue;
            }
        };
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(nfc) else {
            unreadable.push(Unreadable { path, reason: LeftOut::NameNotUnicode });
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let child_rel = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        match entry.file_type() {
            Ok(t) if t.is_dir() => {
                if exclude != Some(path.as_path()) {
                    walk_dir(&path, &child_rel, exclude, found, unreadable);
                }
            }
            Ok(t) if t.is_file() => found.push(Found { rel: child_rel, path }),
            Ok(t) if t.is_symlink() => unreadable.push(Unreadable { path, reason: LeftOut::Symlink }),
            Ok(_) => {}
            Err(err) => unreadable.push(Unreadable { path, reason: LeftOut::Unreadable(err.to_string()) }),
        }
    }
}
