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

/// How many terminal columns `label` takes (Hangul and other wide characters take two).
pub(crate) fn display_width(label: &str) -> usize {
    label.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
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
