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

    /// The English or the Korean text.
    pub(crate) fn pick<'a>(&self, en: &'a str, ko: &'a str) -> &'a str {
        match self.lang {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }

    /// `text` in an ANSI color when writing to a terminal.
    pub(crate) fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
}
