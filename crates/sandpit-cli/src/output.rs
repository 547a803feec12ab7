//! Printing helpers shared by the commands.

use std::io::{IsTerminal, Write};

use sandpit_core::Lang;
use serde::Serialize;

/// Prints one JSON document on stdout.
pub(crate) fn print_json<T: Serialize>(value: &T) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = serde_json::to_writer_pretty(&mut out, value).map(|()| writeln!(out));
}

/// Picks the reader's language for CLI chrome (the library's own texts are `Localized`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text {
    lang: Lang,
    color: bool,
}

impl Text {
    pub(crate) fn new(lang: Lang) -> Self {
        let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Self { lang, color }
    }

    /// The catalogue's message `id` (`crates/sandpit-core/messages/<lang>/cli.ftl`).
    pub(crate) fn say(&self, id: &str) -> String {
        sandpit_core::msg::text(self.lang, id, &[])
    }

    /// The catalogue's message `id` with its variables filled in.
    pub(crate) fn say_with(&self, id: &str, args: &[(&str, sandpit_core::msg::Arg)]) -> String {
        sandpit_core::msg::text(self.lang, id, args)
    }

    /// `text` in an ANSI color when writing to a terminal.
    pub(crate) fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
}

/// `label` padded with spaces to `width` terminal columns (Hangul and other wide characters
/// take two), so Korean and English reports line up alike.
pub(crate) fn pad(label: &str, width: usize) -> String {
    format!("{label}{}", " ".repeat(width.saturating_sub(display_width(label))))
}

/// `label` right-aligned in `width` terminal columns.
pub(crate) fn pad_left(label: &str, width: usize) -> String {
    format!("{}{label}", " ".repeat(width.saturating_sub(display_width(label))))
}

/// How many terminal columns `label` takes: East Asian wide characters (Hangul, CJK) take two,
/// combining marks none, as terminals draw them (Unicode's East Asian Width).
pub(crate) fn display_width(label: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(label)
}

#[cfg(test)]
mod tests {
    use super::pad;

    #[test]
    fn korean_labels_pad_by_display_width() {
        assert_eq!(pad("계정", 9), "계정     ");
        assert_eq!(pad("account", 9), "account  ");
        assert_eq!(pad("엔드포인트-long", 3), "엔드포인트-long");
    }
}
