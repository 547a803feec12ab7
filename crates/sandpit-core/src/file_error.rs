//! One problem in a TOML file the user wrote (a lab file, a class roster), shown as
//! `file:line:column: field: message` so an editor can jump to it.
//!
//! Shared by every loader of user files, so they all point at a problem the same way: the line
//! and column of a span are counted here once.

use std::fmt;
use std::ops::Range;

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file, as the user would find it (`labs/three-tier-vpc/lab.toml`, `class.toml`).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The field, as a path (`step[3].check[0].kind`, `team[2].role_arn`), when known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl FileError {
    /// A problem at `span` of `text` (the whole file), or of no place in particular.
    pub(crate) fn at(
        file: &str,
        text: &str,
        span: Option<Range<usize>>,
        field: Option<String>,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = span.map(|s| line_col(text, s.start)).unzip();
        FileError { file: file.to_owned(), line, column, field, message: message.into() }
    }

    /// A problem of the whole file (a missing table, a duplicate id), with no line.
    pub(crate) fn whole(file: &str, field: Option<String>, message: impl Into<String>) -> Self {
        FileError { file: file.to_owned(), line: None, column: None, field, message: message.into() }
    }

    /// `text` is not valid TOML or does not have the expected shape.
    pub(crate) fn toml(file: &str, text: &str, error: &toml::de::Error) -> Self {
        Self::at(file, text, error.span(), None, error.message().trim())
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_is_shown_as_line_and_column_counted_in_characters() {
        let text = "a = 1\nname = \"한국어\" x\n";
        let offset = text.find('x').unwrap();
        let e = FileError::at("class.toml", text, Some(offset..offset + 1), Some("name".into()), "junk");
        assert_eq!((e.line, e.column), (Some(2), Some(14)));
        assert_eq!(e.to_string(), "class.toml:2:14: name: junk");
    }

    #[test]
    fn without_a_place_only_the_file_and_field_are_shown() {
        assert_eq!(
            FileError::whole("lab.toml", None, "not UTF-8 text").to_string(),
            "lab.toml: not UTF-8 text"
        );
        let e = FileError::whole("lab.toml", Some("step".into()), "a lab needs at least one [[step]]");
        assert_eq!(e.to_string(), "lab.toml: step: a lab needs at least one [[step]]");
        let line_only = FileError { line: Some(7), ..e };
        assert_eq!(line_only.to_string(), "lab.toml:7: step: a lab needs at least one [[step]]");
    }

    #[test]
    fn a_toml_syntax_error_points_at_its_place() {
        let text = "a = 1\nb = = 2\n";
        let error = toml::from_str::<toml::Table>(text).unwrap_err();
        let e = FileError::toml("x.toml", text, &error);
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("x.toml:2:"), "{e}");
        assert_eq!(e.field, None);
    }
}
