use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language Sandpit speaks. Korean is the default: the bootcamps it serves teach in Korean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 한국어
    #[default]
    Ko,
    /// English
    En,
}

impl Lang {
    /// Every language, in display order.
    pub const ALL: [Lang; 2] = [Lang::Ko, Lang::En];

    /// The ISO 639-1 code (`ko`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ko" | "kr" | "korean" => Ok(Lang::Ko),
            "en" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}` (use ko or en)")),
        }
    }
}

/// A text in every language Sandpit speaks. Lab files and findings carry both, and the reader's
/// language is picked at the edge (CLI output, desktop page).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    /// Korean text.
    pub ko: String,
    /// English text.
    pub en: String,
}

impl Localized {
    /// Builds a text from its English and Korean versions.
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Self {
        Self { ko: ko.into(), en: en.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko => &self.ko,
            Lang::En => &self.en,
        }
    }

    /// Applies `f` to both versions (e.g. to substitute parameters).
    pub fn map(&self, mut f: impl FnMut(&str) -> String) -> Self {
        Self { ko: f(&self.ko), en: f(&self.en) }
    }
}

/// Builds a [`Localized`] from English and Korean `format!` arguments:
/// `l10n!(en: "subnet {id} is missing", ko: "서브넷 {id}이(가) 없습니다")`.
#[macro_export]
macro_rules! l10n {
    (en: $($en:expr),+ ; ko: $($ko:expr),+ $(;)?) => {
        $crate::Localized::new(format!($($en),+), format!($($ko),+))
    };
}
