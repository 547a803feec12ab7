//! Link resolution inside an imported vault, the way Obsidian does it: `[[Note]]` finds
//! `Note.md` anywhere in the vault, `[[folder/Note]]` a path ending so, and when several files
//! match, the one beside the linking note wins, then the shortest path. Names compare after NFC
//! normalisation; an exact-case match beats a case-insensitive one.

use crate::names::{fold, nfc};

/// The file extensions of images a note may embed.
pub(crate) const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg"];

/// `true` when `name` ends in an image extension (case-insensitive).
pub(crate) fn is_image(name: &str) -> bool {
    extension(name).is_some_and(|ext| IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// `true` when `name` is a Markdown file.
pub(crate) fn is_markdown(name: &str) -> bool {
    extension(name).is_some_and(|ext| ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown"))
}

/// The extension of the last path segment, without the dot.
pub(crate) fn extension(name: &str) -> Option<&str> {
    let file = name.rsplit('/').next().unwrap_or(name);
    // `Node.js 기초` and `v1.2` are names, not extensions: an extension is a short ASCII word.
    file.rsplit_once('.').map(|(_, ext)| ext).filter(|ext| {
        (1..=8).contains(&ext.len())
            && ext.starts_with(|c: char| c.is_ascii_alphabetic())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// The files of one vault: notes (vault-relative paths without `.md`) and images (with their
/// extension), all NFC, `/`-separated.
#[derive(Debug, Clone, Default)]
pub(crate) struct VaultIndex {
    notes: Vec<String>,
    assets: Vec<String>,
}

impl VaultIndex {
    pub(crate) fn add_note(&mut self, rel_without_ext: &str) {
        self.notes.push(nfc(rel_without_ext));
    }

    pub(crate) fn add_asset(&mut self, rel: &str) {
        self.assets.push(nfc(rel));
    }

    /// The note `target` (as written in a link, `.md` optional) points to, seen from the note
    /// at `from` (vault-relative, without extension).
    pub(crate) fn resolve_note(&self, target: &str, from: &str) -> Option<&str> {
        let target = strip_md(target);
        resolve(&self.notes, target, from)
    }

    /// Whether `rel` (vault-relative, exactly as indexed) is one of the vault's images.
    pub(crate) fn has_asset(&self, rel: &str) -> bool {
        self.assets.iter().any(|a| a == rel)
    }

    /// The image or other file `target` points to, seen from the note at `from`.
    pub(crate) fn resolve_asset(&self, target: &str, from: &str) -> Option<&str> {
        resolve(&self.assets, target, from)
    }
}

fn strip_md(target: &str) -> &str {
    let lower = target.to_ascii_lowercase();
    if lower.ends_with(".md") { &target[..target.len() - 3] } else { target }
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Joins `dir` and a relative `path`, resolving `.` and `..`; `None` when it leaves the vault.
fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn resolve<'a>(candidates: &'a [String], target: &str, from: &str) -> Option<&'a str> {
    let target = nfc(target.trim());
    let target = target.trim_start_matches("./");
    if target.is_empty() {
        return None;
    }
    let from_dir = parent(from);
    let exact = |wanted: &str| -> Option<&'a str> {
        candidates
            .iter()
            .find(|c| c.as_str() == wanted)
            .or_else(|| {
                let wanted = fold(wanted);
                candidates.iter().find(|c| fold(c) == wanted)
            })
            .map(String::as_str)
    };
    if target.contains('/') {
        if let Some(rooted) = target.strip_prefix('/') {
            return exact(rooted);
        }
        if let Some(found) = join(from_dir, target).and_then(|p| exact(&p)) {
            return Some(found);
        }
        if let Some(found) = exact(target) {
            return Some(found);
        }
        let suffix = format!("/{target}");
        return best(candidates.iter().filter(|c| c.ends_with(&suffix)), from_dir).or_else(|| {
            let suffix = fold(&suffix);
            best(candidates.iter().filter(|c| fold(c).ends_with(&suffix)), from_dir)
        });
    }
    let named = |c: &&String| c.rsplit('/').next() == Some(target);
    best(candidates.iter().filter(named), from_dir).or_else(|| {
        let wanted = fold(target);
        best(candidates.iter().filter(|c| fold(c.rsplit('/').next().unwrap_or(c)) == wanted), from_dir)
    })
}

/// Among matching files: the one in the linking note's folder, else the shortest path.
fn best<'a>(matches: impl Iterator<Item = &'a String>, from_dir: &str) -> Option<&'a str> {
    let mut matches: Vec<&String> = matches.collect();
    matches.sort_by_key(|c| (parent(c) != from_dir, c.matches('/').count(), c.len(), (*c).clone()));
    matches.first().map(|c| c.as_str())
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    fn vault() -> VaultIndex {
        let mut v = VaultIndex::default();
        for n in ["AWS/VPC", "AWS/deep/VPC", "Daily/VPC", "클라우드 컴퓨팅(Cloud Computing)", "README"]
        {
            v.add_note(n);
        }
        v.add_asset("attachments/Pasted image 1.png");
        v.add_asset("AWS/diagram.svg");
        v
    }

    #[test]
    fn names_resolve_anywhere_with_the_shortest_path() {
        let v = vault();
        assert_eq!(v.resolve_note("VPC", "README"), Some("AWS/VPC"));
        assert_eq!(v.resolve_note("VPC", "Daily/today"), Some("Daily/VPC"));
        assert_eq!(v.resolve_note("deep/VPC", "README"), Some("AWS/deep/VPC"));
        assert_eq!(v.resolve_note("vpc.md", "README"), Some("AWS/VPC"));
        assert_eq!(v.resolve_note("../README", "AWS/VPC"), Some("README"));
        assert_eq!(v.resolve_note("Nope", "README"), None);
    }

    #[test]
    fn decomposed_hangul_finds_composed_names() {
        let v = vault();
        let nfd: String = "클라우드 컴퓨팅(Cloud Computing)".nfd().collect();
        assert_eq!(v.resolve_note(&nfd, "README"), Some("클라우드 컴퓨팅(Cloud Computing)"));
    }

    #[test]
    fn images_resolve_by_file_name() {
        let v = vault();
        assert_eq!(v.resolve_asset("Pasted image 1.png", "AWS/VPC"), Some("attachments/Pasted image 1.png"));
        assert_eq!(v.resolve_asset("diagram.svg", "README"), Some("AWS/diagram.svg"));
        assert!(is_image("x.PNG") && is_image("a/b.webp") && !is_image("notes.md") && !is_image("png"));
    }
}
