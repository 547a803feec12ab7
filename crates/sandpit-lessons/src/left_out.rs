//! Why a file of a notes folder was left out of the library or a page, said in the reader's
//! language when it is shown (the import report, the library's warnings, an image's placeholder).

use sandpit_core::{Lang, msg};

/// A reason a note or an image was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LeftOut {
    /// The system refused to read it; its own words.
    Unreadable(String),
    NameNotUnicode,
    Symlink,
    NotRegularFile,
    /// The byte offset of the first byte that is not UTF-8.
    NotUtf8(usize),
    /// Another file has the same name once Unicode-normalised or compared without case.
    SameName,
    NotPlainPath,
    ControlCharacter,
    NotImage,
    OutsideVault,
    ImageTooBig {
        max_mib: u64,
        bytes: u64,
    },
    NoteTooBig {
        max_mib: u64,
        bytes: u64,
    },
    FrontMatterNotMapping,
    /// The YAML parser's own words.
    FrontMatterYaml(String),
}

impl LeftOut {
    pub(crate) fn say(&self, lang: Lang) -> String {
        let (id, args): (&str, Vec<(&str, msg::Arg)>) = match self {
            Self::Unreadable(error) => ("lessons-left-out-unreadable", vec![("error", error.clone().into())]),
            Self::NameNotUnicode => ("lessons-left-out-name-not-unicode", vec![]),
            Self::Symlink => ("lessons-left-out-symlink", vec![]),
            Self::NotRegularFile => ("lessons-left-out-not-regular", vec![]),
            Self::NotUtf8(offset) => ("lessons-left-out-not-utf8", vec![("offset", (*offset as u64).into())]),
            Self::SameName => ("lessons-left-out-same-name", vec![]),
            Self::NotPlainPath => ("lessons-left-out-not-plain-path", vec![]),
            Self::ControlCharacter => ("lessons-left-out-control-character", vec![]),
            Self::NotImage => ("lessons-left-out-not-image", vec![]),
            Self::OutsideVault => ("lessons-left-out-outside-vault", vec![]),
            Self::ImageTooBig { max_mib, bytes } => (
                "lessons-left-out-image-too-big",
                vec![("max", (*max_mib).into()), ("bytes", (*bytes).into())],
            ),
            Self::NoteTooBig { max_mib, bytes } => {
                ("lessons-import-too-big", vec![("max", (*max_mib).into()), ("bytes", (*bytes).into())])
            }
            Self::FrontMatterNotMapping => ("lessons-left-out-front-matter-not-mapping", vec![]),
            Self::FrontMatterYaml(error) => {
                ("lessons-left-out-front-matter-yaml", vec![("error", error.clone().into())])
            }
        };
        msg::text(lang, id, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_said_in_both_languages() {
        let all = [
            LeftOut::Unreadable("Permission denied (os error 13)".into()),
            LeftOut::NameNotUnicode,
            LeftOut::Symlink,
            LeftOut::NotRegularFile,
            LeftOut::NotUtf8(7),
            LeftOut::SameName,
            LeftOut::NotPlainPath,
            LeftOut::ControlCharacter,
            LeftOut::NotImage,
            LeftOut::OutsideVault,
            LeftOut::ImageTooBig { max_mib: 10, bytes: 11_000_000 },
            LeftOut::NoteTooBig { max_mib: 2, bytes: 3_000_000 },
            LeftOut::FrontMatterNotMapping,
            LeftOut::FrontMatterYaml("did not find expected key".into()),
        ];
        for reason in &all {
            let (en, ko) = (reason.say(Lang::En), reason.say(Lang::Ko));
            assert!(!en.is_empty() && en != ko, "{reason:?}: {en} / {ko}");
            assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "{reason:?} in Korean: {ko}");
        }
        assert_eq!(LeftOut::NotUtf8(7).say(Lang::En), "not valid UTF-8 (bad byte at offset 7)");
    }
}
