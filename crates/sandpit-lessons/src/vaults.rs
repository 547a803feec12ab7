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
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
    tidy_interrupted(&notes_dir, &manifest);
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

/// How long an import or removal may take before what it left beside the vaults is taken as
/// abandoned, where it cannot be asked whether its process still runs (no `/proc`).
const ABANDONED_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Finishes or clears what an import or a removal killed half-way left in the notes folder, so
/// that a Ctrl-C in a long import does not keep a hidden, partial copy of a vault for ever:
/// - `.import-<stamp>`, the complete new copy of a vault whose record (pending, `<stamp>`) was
///   written before the copy was swapped in (killed before or between the swap's two renames):
///   the swap is finished, so the folder holds what the record says; it stays pending (the next
///   import indexes it);
/// - any other `.import-<stamp>` (a copy still being written when the process was killed) and
///   `.old-<stamp>` (the previous copy, once the vault has its folder again): removed;
/// - `.removed-<key>-<pid>`: a vault whose removal was asked for: removed.
///
/// Only what a process that no longer runs left is touched (the stamps and names carry its pid);
/// errors are left for the next time, as listing must work in a read-only data folder.
fn tidy_interrupted(notes_dir: &Path, manifest: &Manifest) {
    let Ok(entries) = fs::read_dir(notes_dir) else { return };
    let mut leftovers: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.to_owned(), e.path())))
        .filter(|(name, path)| {
            [".import-", ".old-", ".removed-"].iter().any(|p| name.starts_with(p)) && path.is_dir()
        })
        .collect();
    // Moves first, so that an `.old-` copy is only removed once its vault is back in place.
    leftovers.sort_by_key(|(name, _)| !name.starts_with(".import-"));
    for (name, path) in leftovers {
        if let Some(stamp) = name.strip_prefix(".import-") {
            if !abandoned(stamp) {
                continue;
            }
            match manifest.vaults.iter().find(|v| v.pending && v.stamp == stamp) {
                Some(v) => {
                    finish_swap(&path, &notes_dir.join(&v.key), &notes_dir.join(format!(".old-{stamp}")))
                }
                None => {
                    let _ = fs::remove_dir_all(&path);
                }
            }
        } else if let Some(stamp) = name.strip_prefix(".old-") {
            let homeless =
                manifest.vaults.iter().any(|v| v.stamp == stamp && !notes_dir.join(&v.key).is_dir());
            if abandoned(stamp) && !homeless {
                let _ = fs::remove_dir_all(&path);
            }
        } else if let Some((_, pid)) = name.rsplit_once('-')
            && pid.parse::<u32>().is_ok_and(|pid| !runs(pid).unwrap_or(true))
        {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Puts the complete copy `staged` in place of `destination` as the import would have: the old
/// copy (if the import had not moved it yet) aside first, removed once the new one is in.
fn finish_swap(staged: &Path, destination: &Path, aside: &Path) {
    if destination.exists() && (aside.exists() || fs::rename(destination, aside).is_err()) {
        return;
    }
    if fs::rename(staged, destination).is_err() {
        if aside.exists() {
            let _ = fs::rename(aside, destination);
        }
        return;
    }
    let _ = fs::remove_dir_all(aside);
}

/// Whether the import stamped `<pid>-<nanoseconds since 1970>` is over: its process no longer
/// runs, or it started more than [`ABANDONED_AFTER`] ago. A stamp of another form is not ours.
fn abandoned(stamp: &str) -> bool {
    let Some((pid, nanos)) = stamp.split_once('-') else { return false };
    let (Ok(pid), Ok(nanos)) = (pid.parse::<u32>(), nanos.parse::<u64>()) else { return false };
    let started = UNIX_EPOCH + Duration::from_nanos(nanos);
    let old = SystemTime::now().duration_since(started).is_ok_and(|age| age > ABANDONED_AFTER);
    old || runs(pid) == Some(false)
}

/// Whether process `pid` runs, where the system says (Linux's `/proc`); `None` elsewhere.
fn runs(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    proc.join("self").exists().then(|| proc.join(pid.to_string()).exists())
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

    /// A pid no process has: above Linux's largest (2^22).
    const GONE: u32 = 4_000_000_000;

    fn now_nanos() -> u128 {
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos()
    }

    fn folder(path: &Path, file: &str) {
        fs::create_dir_all(path).unwrap();
        fs::write(path.join(file), "# note").unwrap();
    }

    fn files(path: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn pending(key: &str, stamp: &str) -> VaultInfo {
        VaultInfo { stamp: stamp.to_owned(), pending: true, notes: 1, ..info(key, Some("/src/notes")) }
    }

    #[test]
    fn what_a_killed_import_or_removal_left_is_cleared_and_what_runs_is_left_alone() {
        let data = tempfile::tempdir().unwrap();
        let notes = data.path().join(NOTES_DIR);
        folder(&notes.join("kept"), "a.md");
        record(data.path(), VaultInfo { stamp: "s1".into(), ..info("kept", Some("/src/kept")) }).unwrap();
        let me = std::process::id();
        let day_and_a_bit = 25 * 60 * 60 * 1_000_000_000u128;
        // Copies being written when their process was killed, or started over a day ago.
        folder(&notes.join(format!(".import-{GONE}-{}", now_nanos())), "half.md");
        folder(&notes.join(format!(".import-{me}-{}", now_nanos() - day_and_a_bit)), "stale.md");
        folder(&notes.join(format!(".removed-kept (2)-{GONE}")), "gone.md");
        // This process's own import and removal, under way.
        let running = format!(".import-{me}-{}", now_nanos());
        folder(&notes.join(&running), "new.md");
        let removing = format!(".removed-other-{me}");
        folder(&notes.join(&removing), "x.md");
        // Not ours: left whatever it holds.
        folder(&notes.join(".obsidian"), "app.json");

        let vaults = list_vaults(data.path()).unwrap();
        assert_eq!(vaults.iter().map(|v| v.key.as_str()).collect::<Vec<_>>(), ["kept"]);
        let mut left = vec![".obsidian", &running, &removing, "kept", "vaults.json"];
        left.sort_unstable();
        assert_eq!(files(&notes), left);
        assert_eq!(files(&notes.join("kept")), ["a.md"]);
    }

    #[test]
    fn an_import_killed_between_moving_the_old_copy_aside_and_the_new_one_in_is_finished() {
        let data = tempfile::tempdir().unwrap();
        let notes = data.path().join(NOTES_DIR);
        let stamp = format!("{GONE}-{}", now_nanos());
        folder(&notes.join(format!(".old-{stamp}")), "old.md");
        folder(&notes.join(format!(".import-{stamp}")), "new.md");
        record(data.path(), pending("notes", &stamp)).unwrap();

        let vaults = list_vaults(data.path()).unwrap();
        assert_eq!(vaults, [pending("notes", &stamp)], "listed as the record says, still to be indexed");
        assert_eq!(files(&notes), ["notes", "vaults.json"]);
        assert_eq!(files(&notes.join("notes")), ["new.md"]);
    }

    #[test]
    fn an_import_killed_before_its_swap_is_finished_and_one_killed_after_loses_only_the_old_copy() {
        let data = tempfile::tempdir().unwrap();
        let notes = data.path().join(NOTES_DIR);
        // Recorded, the new copy complete, the old one not yet moved aside.
        let before = format!("{GONE}-{}", now_nanos());
        folder(&notes.join("a"), "old.md");
        folder(&notes.join(format!(".import-{before}")), "new.md");
        record(data.path(), pending("a", &before)).unwrap();
        // Swapped in, the old copy not yet removed.
        let after = format!("{GONE}-{}", now_nanos() + 1);
        folder(&notes.join("b"), "new.md");
        folder(&notes.join(format!(".old-{after}")), "old.md");
        record(data.path(), pending("b", &after)).unwrap();

        let vaults = list_vaults(data.path()).unwrap();
        assert_eq!(vaults.len(), 2);
        assert_eq!(files(&notes), ["a", "b", "vaults.json"]);
        assert_eq!(files(&notes.join("a")), ["new.md"]);
        assert_eq!(files(&notes.join("b")), ["new.md"]);
    }
}
