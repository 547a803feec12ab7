//! The imported vaults and where they came from: `<data_dir>/notes/vaults.json`.
//!
//! A vault is known by the folder it was imported from, not by that folder's name: Obsidian
//! names every new vault "Obsidian Vault", and two of them must not replace each other. Each
//! vault has a *key*, the name of its copy under `<data_dir>/notes/` and the first part of its
//! notes' ids: the source folder's name, or `name (2)`, `name (3)`, … when another vault already
//! has it. Re-importing the same folder keeps the key and updates the copy; removing a vault is
//! an explicit call ([`remove_vault`]).
//!
//! Libraries imported before this file existed (one folder per vault name, no record of the
//! source) are adopted as they are, with an unknown source: their ids do not change, and an
//! import never replaces them (a vault of the same name is added beside them).

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{LessonError, Result};
use crate::library::NOTES_DIR;
use crate::names::{fold, nfc};
use crate::resolve::is_markdown;

/// The manifest of imported vaults, inside the notes folder.
pub(crate) const MANIFEST: &str = "vaults.json";

/// One imported vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultInfo {
    /// The vault's key: its folder under `<data_dir>/notes/` and the prefix of its note ids.
    pub key: String,
    /// The name of the folder it was imported from.
    pub name: String,
    /// The folder it was imported from (canonical); `None` for an import made before Sandpit
    /// recorded it.
    pub source: Option<PathBuf>,
    /// When it was last imported (RFC 3339, UTC); `None` when unknown.
    pub imported_at: Option<String>,
    /// Notes in the imported copy.
    pub notes: usize,
    /// Images in the imported copy.
    pub images: usize,
    /// Changes with every import: what the search index compares to know it is up to date.
    pub stamp: String,
    /// `true` while an import of it is under way, and after one that was interrupted (the
    /// process killed between copying the notes and indexing them): search leaves it as it was
    /// indexed until it is imported again, instead of indexing it on every query.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pending: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    vaults: Vec<VaultInfo>,
}

fn manifest_path(notes_dir: &Path) -> PathBuf {
    notes_dir.join(MANIFEST)
}

/// The vaults imported into `data_dir`, by key. Folders from before the manifest are adopted
/// (and the manifest written, when the folder is writable); records whose folder is gone are
/// dropped. A manifest that cannot be read is an error naming it: it is never overwritten.
pub fn list_vaults(data_dir: &Path) -> Result<Vec<VaultInfo>> {
    let notes_dir = data_dir.join(NOTES_DIR);
    if !notes_dir.is_dir() {
        return Ok(Vec::new());
    }
    let (mut manifest, existed) = read_manifest(&notes_dir)?;
    let mut changed = !existed;
    let before = manifest.vaults.len();
    manifest.vaults.retain(|v| notes_dir.join(&v.key).is_dir());
    changed |= manifest.vaults.len() != before;
    let entries = fs::read_dir(&notes_dir).map_err(|e| LessonError::io(&notes_dir, e))?;
    let mut legacy = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| LessonError::io(&notes_dir, e))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else { continue };
        if name.starts_with('.') || !entry.path().is_dir() || manifest.vaults.iter().any(|v| v.key == name) {
            continue;
        }
        legacy.push((name, entry.path()));
    }
    legacy.sort();
    for (key, path) in legacy {
        let (notes, images) = count_files(&path);
        let modified = fs::metadata(&path).and_then(|m| m.modified()).ok();
        let stamp = modified
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or_else(|| "legacy".to_owned(), |d| format!("legacy-{}", d.as_nanos()));
        manifest.vaults.push(VaultInfo {
            name: nfc(&key),
            key,
            source: None,
            imported_at: modified.map(|m| {
                chrono::DateTime::<chrono::Utc>::from(m).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            }),
            notes,
            images,
            stamp,
            pending: false,
        });
        changed = true;
    }
    manifest.vaults.sort_by(|a, b| a.key.cmp(&b.key));
    if changed {
        // Adopting old folders is worth keeping, but a read-only data folder must not stop reading.
        let _ = write_manifest(&notes_dir, &manifest);
    }
    Ok(manifest.vaults)
}

fn read_manifest(notes_dir: &Path) -> Result<(Manifest, bool)> {
    let path = manifest_path(notes_dir);
    match fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(|m| (m, true))
            .map_err(|e| LessonError::Manifest { path, problem: e.to_string() }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok((Manifest { version: 1, vaults: Vec::new() }, false))
        }
        Err(e) => Err(LessonError::io(path, e)),
    }
}

/// Writes the manifest beside itself and renames it into place: a crash leaves the old one.
fn write_manifest(notes_dir: &Path, manifest: &Manifest) -> Result<()> {
    let path = manifest_path(notes_dir);
    let tmp = notes_dir.join(format!(".{MANIFEST}.{}", std::process::id()));
    let text = serde_json::to_string_pretty(manifest)
        .map_err(|e| LessonError::Manifest { path: path.clone(), problem: e.to_string() })?;
    fs::write(&tmp, text).map_err(|e| LessonError::io(&tmp, e))?;
    fs::rename(&tmp, &path).map_err(|e| LessonError::io(&path, e))
}

fn count_files(root: &Path) -> (usize, usize) {
    let (files, _) = crate::walk::walk(root, None);
    let notes = files.iter().filter(|f| is_markdown(&f.rel)).count();
    let images = files.iter().filter(|f| crate::resolve::is_image(&f.rel)).count();
    (notes, images)
}

/// The key an import of `source` (canonical, named `name`) goes under: the key of the vault
/// imported from the same folder before, else `name` or the first free `name (n)`. The second
/// value is the existing record, if it is a re-import.
pub(crate) fn key_for(vaults: &[VaultInfo], source: &Path, name: &str) -> (String, Option<VaultInfo>) {
    if let Some(v) = vaults.iter().find(|v| v.source.as_deref() == Some(source)) {
        return (v.key.clone(), Some(v.clone()));
    }
    let taken = |k: &str| vaults.iter().any(|v| fold(&v.key) == fold(k));
    if !taken(name) {
        return (name.to_owned(), None);
    }
    let key = (2..).map(|n| format!("{name} ({n})")).find(|k| !taken(k)).unwrap_or_default();
    (key, None)
}

/// Records `info` (replacing the record of the same key).
pub(crate) fn record(data_dir: &Path, info: VaultInfo) -> Result<()> {
    let notes_dir = data_dir.join(NOTES_DIR);
    let (mut manifest, _) = read_manifest(&notes_dir)?;
    manifest.version = 1;
    manifest.vaults.retain(|v| v.key != info.key);
    manifest.vaults.push(info);
    manifest.vaults.sort_by(|a, b| a.key.cmp(&b.key));
    write_manifest(&notes_dir, &manifest)
}

/// The vault `which` names: its key exactly, or the folder it was imported from; else a key or
/// folder name that matches ignoring case, when only one does.
pub fn find_vault(data_dir: &Path, which: &str) -> Result<VaultInfo> {
    let vaults = list_vaults(data_dir)?;
    let which_nfc = nfc(which.trim());
    if let Some(v) = vaults.iter().find(|v| v.key == which_nfc) {
        return Ok(v.clone());
    }
    let as_path = Path::new(which).canonicalize().ok();
    if let Some(v) = vaults.iter().find(|v| as_path.is_some() && v.source == as_path) {
        return Ok(v.clone());
    }
    let folded = fold(&which_nfc);
    let matches: Vec<&VaultInfo> =
        vaults.iter().filter(|v| fold(&v.key) == folded || fold(&v.name) == folded).collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(LessonError::UnknownVault {
            which: which.to_owned(),
            candidates: vaults.iter().map(describe).collect(),
        }),
        many => Err(LessonError::AmbiguousVault {
            which: which.to_owned(),
            candidates: many.iter().map(|v| describe(v)).collect(),
        }),
    }
}

/// `key (from /source)` for messages.
fn describe(v: &VaultInfo) -> String {
    match &v.source {
        Some(source) => format!("{} ({})", v.key, source.display()),
        None => v.key.clone(),
    }
}

/// Removes the imported copy of the vault `which` names ([`find_vault`]) from the library and
/// from the search index. The folder it was imported from is not touched.
pub fn remove_vault(data_dir: &Path, which: &str) -> Result<VaultInfo> {
    let vault = find_vault(data_dir, which)?;
    let notes_dir = data_dir.join(NOTES_DIR);
    let folder = notes_dir.join(&vault.key);
    // Renamed aside first, so that a failure half-way never leaves half a vault in the library.
    let aside = notes_dir.join(format!(".removed-{}-{}", vault.key, std::process::id()));
    fs::rename(&folder, &aside).map_err(|e| LessonError::io(&folder, e))?;
    let (mut manifest, _) = read_manifest(&notes_dir)?;
    manifest.vaults.retain(|v| v.key != vault.key);
    if let Err(err) = write_manifest(&notes_dir, &manifest) {
        let _ = fs::rename(&aside, &folder);
        return Err(err);
    }
    fs::remove_dir_all(&aside).map_err(|e| LessonError::io(&aside, e))?;
    crate::search::forget_vault(data_dir, &vault.key);
    Ok(vault)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(key: &str, source: Option<&str>) -> VaultInfo {
        VaultInfo {
            key: key.to_owned(),
            name: key.to_owned(),
            source: source.map(PathBuf::from),
            imported_at: None,
            notes: 0,
            images: 0,
            stamp: String::new(),
            pending: false,
        }
    }

    #[test]
    fn a_second_vault_of_the_same_name_gets_its_own_key() {
        let vaults = vec![
            info("Obsidian Vault", Some("/a/Obsidian Vault")),
            info("Obsidian Vault (2)", Some("/b/Obsidian Vault")),
        ];
        assert_eq!(key_for(&vaults, Path::new("/a/Obsidian Vault"), "Obsidian Vault").0, "Obsidian Vault");
        assert_eq!(
            key_for(&vaults, Path::new("/b/Obsidian Vault"), "Obsidian Vault").0,
            "Obsidian Vault (2)"
        );
        assert_eq!(
            key_for(&vaults, Path::new("/c/Obsidian Vault"), "Obsidian Vault").0,
            "Obsidian Vault (3)"
        );
        assert_eq!(
            key_for(&vaults, Path::new("/c/obsidian vault"), "obsidian vault").0,
            "obsidian vault (3)"
        );
        let legacy = vec![info("notes", None)];
        assert_eq!(key_for(&legacy, Path::new("/x/notes"), "notes"), ("notes (2)".to_owned(), None));
    }
}
