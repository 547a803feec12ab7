//! The lesson library: built-in lessons of one language plus the learner's imported notes.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use sandpit_core::Lang;
use serde::Serialize;

use crate::error::{LessonError, Result};
use crate::frontmatter::{self, BuiltinFrontMatter};
use crate::left_out::LeftOut;
use crate::limits::MAX_NOTE_BYTES;
use crate::names::{fold, nfc};
use crate::resolve::{VaultIndex, is_image, is_markdown};
use crate::walk::walk;

/// The built-in lessons, compiled into the binary (`build.rs` makes Cargo rebuild on changes).
static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../content");

/// The embedded `content/` folder.
pub(crate) fn content_dir() -> &'static Dir<'static> {
    &CONTENT
}

/// The folder below the data directory that holds imported vaults.
pub const NOTES_DIR: &str = "notes";

/// Where a lesson comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Shipped with Sandpit (`content/<lang>/`).
    Builtin,
    /// Imported from the learner's notes (`<data_dir>/notes/<vault>/`).
    Imported,
}

/// What the library knows about a lesson without rendering it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LessonMeta {
    /// `vpc-igw-nat` for a built-in lesson, `<vault>/<path without .md>` for an imported note.
    pub id: String,
    /// The title: front matter `title`, else (notes) the first `# heading`, else the file name.
    pub title: String,
    /// Built-in or imported.
    pub source: SourceKind,
    /// The language of a built-in lesson; `None` for imported notes.
    pub lang: Option<Lang>,
    /// The vault an imported note belongs to.
    pub vault: Option<String>,
    /// Position in the library (built-in lessons).
    pub order: Option<u32>,
    /// Topic (built-in lessons): one of [`crate::TOPICS`].
    pub topic: Option<String>,
    /// Tags from the front matter.
    pub tags: Vec<String>,
    /// Lab ids this lesson is practised in.
    pub labs: Vec<String>,
    /// Ids of related lessons.
    pub related: Vec<String>,
    /// The file, for messages: `content/ko/x.md` or `notes/<vault>/<path>.md`.
    pub path: String,
}

/// A lesson: its metadata and its Markdown.
#[derive(Debug, Clone)]
pub struct Lesson {
    /// What is known without rendering.
    pub meta: LessonMeta,
    /// The Markdown as stored (front matter included).
    pub markdown: String,
    /// The Markdown with the front matter blanked out (line numbers kept).
    pub(crate) body: String,
    /// For imported notes: the vault-relative path without `.md`.
    pub(crate) vault_path: Option<String>,
}

impl Lesson {
    /// `true` for a built-in lesson (whose problems are errors, not warnings).
    pub fn is_builtin(&self) -> bool {
        self.meta.source == SourceKind::Builtin
    }
}

/// A library of lessons: what `sandpit lessons` lists, shows and searches.
#[derive(Debug, Clone)]
pub struct Library {
    lang: Lang,
    lessons: Vec<Lesson>,
    metas: Vec<LessonMeta>,
    by_id: HashMap<String, usize>,
    by_folded_id: HashMap<String, usize>,
    vaults: BTreeMap<String, VaultIndex>,
    /// Each imported vault's folder, where its images are read from (see `Library::inline_images`).
    vault_roots: BTreeMap<String, PathBuf>,
    warnings: Vec<String>,
}

impl Library {
    /// A library with no lesson in it.
    pub fn empty(lang: Lang) -> Self {
        Library {
            lang,
            lessons: Vec::new(),
            metas: Vec::new(),
            by_id: HashMap::new(),
            by_folded_id: HashMap::new(),
            vaults: BTreeMap::new(),
            vault_roots: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }

    /// The built-in lessons in `lang`. A lesson with bad front matter is an error naming the
    /// file and the field.
    pub fn builtin(lang: Lang) -> Result<Self> {
        let mut files = Vec::new();
        if let Some(dir) = CONTENT.get_dir(lang.code()) {
            for file in dir.files() {
                let name = file.path().file_name().and_then(|n| n.to_str()).unwrap_or_default();
                files.push((format!("content/{}/{name}", lang.code()), file.contents().to_vec()));
            }
        }
        Self::from_builtin_files(lang, files)
    }

    /// Lessons laid out like `content/` (`<dir>/<lang>/<id>.md`) and held to the same rules
    /// as the built-in ones; for test fixtures and for writers previewing a content folder.
    pub fn from_content_dir(dir: &Path, lang: Lang) -> Result<Self> {
        let lang_dir = dir.join(lang.code());
        let mut files = Vec::new();
        let entries = fs::read_dir(&lang_dir).map_err(|e| LessonError::io(&lang_dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| LessonError::io(&lang_dir, e))?;
            let path = entry.path();
            if path.is_file() {
                let bytes = fs::read(&path).map_err(|e| LessonError::io(&path, e))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                files.push((format!("{}/{}/{name}", dir.display(), lang.code()), bytes));
            }
        }
        Self::from_builtin_files(lang, files)
    }

    fn from_builtin_files(lang: Lang, mut files: Vec<(String, Vec<u8>)>) -> Result<Self> {
        files.retain(|(path, _)| path.ends_with(".md"));
        files.sort();
        let mut lib = Library::empty(lang);
        let mut orders: HashMap<u32, String> = HashMap::new();
        let mut lessons = Vec::new();
        for (path, bytes) in files {
            let lesson = load_builtin(lang, &path, bytes)?;
            let order = lesson.meta.order.unwrap_or_default();
            if let Some(other) = orders.insert(order, path.clone()) {
                return Err(LessonError::FrontMatter {
                    file: path,
                    field: "order".to_owned(),
                    problem: format!("{order} is also the order of {other}"),
                });
            }
            lessons.push(lesson);
        }
        lessons.sort_by_key(|l| l.meta.order);
        for lesson in lessons {
            lib.push(lesson);
        }
        Ok(lib)
    }

    /// Adds the notes imported into `data_dir` (see [`crate::import_notes`]). A note that can no
    /// longer be read is left out with a warning ([`Library::warnings`]); a missing notes folder
    /// just means nothing was imported yet.
    pub fn with_imported(mut self, data_dir: &Path) -> Result<Self> {
        let notes_dir = data_dir.join(NOTES_DIR);
        let entries = match fs::read_dir(&notes_dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(self),
            Err(err) => return Err(LessonError::io(&notes_dir, err)),
        };
        let mut vaults = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| LessonError::io(&notes_dir, e))?;
            let Some(name) = entry.file_name().to_str().map(nfc) else {
                continue;
            };
            if name.starts_with('.') || !entry.path().is_dir() {
                continue;
            }
            vaults.push((name, entry.path()));
        }
        vaults.sort();
        for (vault, root) in vaults {
            self.load_vault(vault, root);
        }
        Ok(self)
    }

    /// Adds the one imported vault `key` of `data_dir` (for indexing it alone).
    pub(crate) fn with_vault(mut self, data_dir: &Path, key: &str) -> Self {
        let root = data_dir.join(NOTES_DIR).join(key);
        if root.is_dir() {
            self.load_vault(key.to_owned(), root);
        }
        self
    }

    fn load_vault(&mut self, vault: String, root: PathBuf) {
        let (files, unreadable) = walk(&root, None);
        for u in unreadable {
            self.warnings.push(format!("{}: {}", u.path.display(), u.reason.say(self.lang)));
        }
        let mut index = VaultIndex::default();
        let mut notes = Vec::new();
        for file in files {
            if is_markdown(&file.rel) {
                let stem = strip_extension(&file.rel);
                index.add_note(stem);
                if let Some(bytes) =
                    fs::metadata(&file.path).ok().map(|m| m.len()).filter(|&b| b > MAX_NOTE_BYTES)
                {
                    let why = LeftOut::NoteTooBig { max_mib: MAX_NOTE_BYTES / (1024 * 1024), bytes };
                    self.warnings.push(format!("{}: {}", file.path.display(), why.say(self.lang)));
                    continue;
                }
                match fs::read(&file.path) {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(text) => notes.push(load_note(&vault, &file.rel, &nfc(&text), self.lang)),
                        Err(err) => {
                            let why = LeftOut::NotUtf8(err.utf8_error().valid_up_to());
                            self.warnings.push(format!("{}: {}", file.path.display(), why.say(self.lang)));
                        }
                    },
                    Err(err) => {
                        let why = LeftOut::Unreadable(err.to_string());
                        self.warnings.push(format!("{}: {}", file.path.display(), why.say(self.lang)));
                    }
                }
            } else if is_image(&file.rel) {
                index.add_asset(&file.rel);
            }
        }
        for (note, warning) in notes {
            if let Some(w) = warning {
                self.warnings.push(w);
            }
            self.push(note);
        }
        self.vault_roots.insert(vault.clone(), root);
        self.vaults.insert(vault, index);
    }

    fn push(&mut self, lesson: Lesson) {
        let idx = self.lessons.len();
        self.by_id.insert(lesson.meta.id.clone(), idx);
        self.by_folded_id.entry(fold(&lesson.meta.id)).or_insert(idx);
        self.metas.push(lesson.meta.clone());
        self.lessons.push(lesson);
    }

    /// The language of the built-in lessons (and of the page chrome).
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Every lesson: built-in ones by `order`, then imported notes by id.
    pub fn list(&self) -> &[LessonMeta] {
        &self.metas
    }

    /// The lessons themselves, in the order of [`Library::list`].
    pub fn lessons(&self) -> &[Lesson] {
        &self.lessons
    }

    /// The lesson with this id (NFC; case-insensitive as a fallback).
    pub fn get(&self, id: &str) -> Option<&Lesson> {
        let id = nfc(id.trim());
        self.by_id.get(&id).or_else(|| self.by_folded_id.get(&fold(&id))).map(|&i| &self.lessons[i])
    }

    /// Problems met while loading imported notes (unreadable files); never fatal.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The lesson a wikilink target points to, seen from `from`. Built-in lessons link by id;
    /// imported notes link inside their vault first, then to built-in lessons by id.
    pub(crate) fn resolve_lesson(&self, from: &Lesson, target: &str) -> Option<&Lesson> {
        if let (Some(vault), Some(from_path)) = (&from.meta.vault, &from.vault_path)
            && let Some(index) = self.vaults.get(vault)
            && let Some(rel) = index.resolve_note(target, from_path)
        {
            return self.get(&format!("{vault}/{rel}"));
        }
        let target = target.trim();
        self.get(target).filter(|l| l.is_builtin())
    }

    /// The folder of the imported vault `vault`.
    pub(crate) fn vault_root(&self, vault: &str) -> Option<&Path> {
        self.vault_roots.get(vault).map(PathBuf::as_path)
    }

    /// Whether `rel` is an image the index of vault `vault` holds.
    pub(crate) fn vault_has_asset(&self, vault: &str, rel: &str) -> bool {
        self.vaults.get(vault).is_some_and(|v| v.has_asset(rel))
    }

    /// The `sandpit://asset/…` URL of an image a lesson embeds: for a built-in lesson a picture
    /// of `content/assets/`, for a note an image its vault has.
    pub(crate) fn resolve_asset(&self, from: &Lesson, target: &str) -> Option<String> {
        if from.is_builtin() {
            let name = target.trim();
            crate::assets::builtin_asset(name)?;
            return Some(format!(
                "{}{}/{}",
                crate::assets::ASSET_PREFIX,
                crate::assets::BUILTIN_ASSETS,
                crate::names::encode_path(name)
            ));
        }
        let vault = from.meta.vault.as_ref()?;
        let rel = self.vaults.get(vault)?.resolve_asset(target, from.vault_path.as_deref()?)?;
        Some(format!(
            "sandpit://asset/{}/{}",
            crate::names::encode_path(vault),
            crate::names::encode_path(rel)
        ))
    }
}

fn strip_extension(rel: &str) -> &str {
    rel.rsplit_once('.').map_or(rel, |(stem, _)| stem)
}

fn load_builtin(lang: Lang, path: &str, bytes: Vec<u8>) -> Result<Lesson> {
    let text = String::from_utf8(bytes).map_err(|_| LessonError::NotUtf8 { file: path.to_owned() })?;
    let stem = path.rsplit('/').next().unwrap_or(path).trim_end_matches(".md");
    let split = frontmatter::split(&text);
    let fm: BuiltinFrontMatter = frontmatter::parse_builtin(split.yaml, stem).map_err(|problems| {
        let first = problems.into_iter().next().unwrap_or_else(|| frontmatter::FieldProblem {
            field: String::new(),
            problem: "invalid front matter".to_owned(),
        });
        LessonError::FrontMatter { file: path.to_owned(), field: first.field, problem: first.problem }
    })?;
    Ok(Lesson {
        meta: LessonMeta {
            id: fm.id,
            title: fm.title,
            source: SourceKind::Builtin,
            lang: Some(lang),
            vault: None,
            order: Some(fm.order),
            topic: Some(fm.topic),
            tags: fm.tags,
            labs: fm.labs,
            related: fm.related,
            path: path.to_owned(),
        },
        body: split.body,
        markdown: text,
        vault_path: None,
    })
}

/// Builds an imported note from its (NFC) text; the warning says why the front matter was
/// ignored, if it was.
pub(crate) fn load_note(vault: &str, rel: &str, text: &str, lang: Lang) -> (Lesson, Option<String>) {
    let rel_stem = strip_extension(rel).to_owned();
    let split = frontmatter::split(text);
    let (fm, warning) = match frontmatter::parse_note(split.yaml) {
        Ok(fm) => (fm, None),
        Err(why) => (Default::default(), Some(format!("{NOTES_DIR}/{vault}/{rel}: {}", why.say(lang)))),
    };
    let stem = rel_stem.rsplit('/').next().unwrap_or(&rel_stem);
    let title = fm.title.or_else(|| first_h1(&split.body)).unwrap_or_else(|| stem.to_owned());
    let lesson = Lesson {
        meta: LessonMeta {
            id: format!("{vault}/{rel_stem}"),
            title,
            source: SourceKind::Imported,
            lang: None,
            vault: Some(vault.to_owned()),
            order: None,
            topic: None,
            tags: fm.tags,
            labs: Vec::new(),
            related: Vec::new(),
            path: format!("{NOTES_DIR}/{vault}/{rel}"),
        },
        body: split.body,
        markdown: text.to_owned(),
        vault_path: Some(rel_stem),
    };
    (lesson, warning)
}

/// The first ATX `# heading` outside fenced code, found line by line: cheap enough to list
/// thousands of notes without parsing them.
pub(crate) fn first_h1(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some("```");
        } else if trimmed.starts_with("~~~") {
            fence = Some("~~~");
        } else if let Some(rest) = line.strip_prefix("# ") {
            let title = rest.trim().trim_end_matches('#').trim();
            if !title.is_empty() {
                return Some(title.to_owned());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_titles_come_from_front_matter_then_heading_then_file_name() {
        let (a, _) = load_note("v", "dir/a.md", "---\ntitle: 제목\n---\n# 다른 제목\n", Lang::Ko);
        assert_eq!(a.meta.title, "제목");
        let (b, _) = load_note("v", "dir/b.md", "```\n# not this\n```\n# 보안 그룹\n", Lang::Ko);
        assert_eq!(b.meta.title, "보안 그룹");
        assert_eq!(b.meta.id, "v/dir/b");
        let (c, w) = load_note("v", "c.md", "---\ntitle: [broken\n---\ntext\n", Lang::Ko);
        assert_eq!(c.meta.title, "c");
        let w = w.unwrap();
        assert!(w.contains("notes/v/c.md") && w.contains("머리말"), "{w}");
    }
}
