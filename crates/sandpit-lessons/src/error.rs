//! The one error type of this crate.

use std::io;
use std::path::PathBuf;

use sandpit_core::msg::{Explain, Place};
use sandpit_core::{Localized, msg};

/// What can go wrong while loading, rendering or importing lessons.
#[derive(Debug, thiserror::Error)]
pub enum LessonError {
    /// A built-in lesson's front matter is missing, unparseable or has a bad field.
    #[error("{file}: {}", describe_field(.field, .problem))]
    FrontMatter {
        /// The file, as `content/<lang>/<id>.md`.
        file: String,
        /// The field at fault; empty when the whole block is.
        field: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A built-in lesson is not valid UTF-8.
    #[error("{file}: not valid UTF-8")]
    NotUtf8 {
        /// The file.
        file: String,
    },
    /// A quiz block of a built-in lesson does not parse.
    #[error("{file}:{line}: quiz: {message}")]
    Quiz {
        /// The file.
        file: String,
        /// The 1-based line of the file.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// No lesson has this id.
    #[error("no lesson with id `{0}` (see `sandpit lessons list`)")]
    UnknownLesson(String),
    /// The folder to import does not exist or is not a folder.
    #[error("{}: no such folder", .0.display())]
    NoSuchFolder(PathBuf),
    /// The folder to import holds no Markdown note that could be imported.
    #[error("{}: no Markdown notes (.md) to import", .0.display())]
    NoNotes(PathBuf),
    /// The folder to import is inside Sandpit's own notes folder.
    #[error("{}: this folder is inside Sandpit's notes folder; import the original vault instead", .0.display())]
    ImportIntoItself(PathBuf),
    /// Reading or writing a file failed.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The page template failed to render (a bug in `ui/templates`).
    #[error("page template: {0}")]
    Template(String),
}

fn describe_field(field: &str, problem: &str) -> String {
    if field.is_empty() { problem.to_owned() } else { format!("front matter field `{field}`: {problem}") }
}

impl Explain for LessonError {
    fn explain(&self, _: Place) -> Localized {
        match self {
            LessonError::FrontMatter { .. } | LessonError::NotUtf8 { .. } | LessonError::Quiz { .. } => {
                msg!("lesson-broken-builtin", detail = self.to_string())
            }
            LessonError::UnknownLesson(id) => msg!("lesson-unknown", id = id.as_str()),
            LessonError::NoSuchFolder(path) => msg!("notes-no-folder", path = path.display().to_string()),
            LessonError::NoNotes(path) => msg!("notes-none", path = path.display().to_string()),
            LessonError::ImportIntoItself(path) => {
                msg!("notes-into-itself", path = path.display().to_string())
            }
            LessonError::Io { path, source } => {
                msg!("lesson-io", path = path.display().to_string(), detail = source.to_string())
            }
            LessonError::Template(detail) => msg!("lesson-template", detail = detail.as_str()),
        }
    }
}

impl LessonError {
    /// A stable machine name for the kind of error (for the desktop UI and `--json`).
    pub fn kind(&self) -> &'static str {
        match self {
            LessonError::FrontMatter { .. } => "front_matter",
            LessonError::NotUtf8 { .. } => "not_utf8",
            LessonError::Quiz { .. } => "quiz",
            LessonError::UnknownLesson(_) => "unknown_lesson",
            LessonError::NoSuchFolder(_) => "no_such_folder",
            LessonError::NoNotes(_) => "no_notes",
            LessonError::ImportIntoItself(_) => "import_into_itself",
            LessonError::Io { .. } => "io",
            LessonError::Template(_) => "template",
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        LessonError::Io { path: path.into(), source }
    }
}

/// `Result` with [`LessonError`].
pub type Result<T, E = LessonError> = std::result::Result<T, E>;
