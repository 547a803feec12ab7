//! The message catalogue: every sentence Sandpit says to people, in Korean and English.
//!
//! Messages live in Project Fluent files, `crates/sandpit-core/messages/<lang>/<area>.ftl`, one
//! per area (`common`, `cli`, `desktop`, …), embedded in the binary. Code names a message by
//! its id and passes its variables:
//!
//! ```
//! use sandpit_core::{Lang, msg};
//! let text = msg::text(Lang::Ko, "status-pass", &[]);
//! assert_eq!(text, "통과");
//! let both = msg!("snapshot-written", path = "snap.json", kinds = 3);
//! assert!(both.en.contains("snap.json"));
//! ```
//!
//! Why Fluent: its files are what translators already edit (Firefox, Thunderbird), variables
//! are named (`{ $cidr }`), and the `fluent-bundle` crate is kept by Mozilla. Korean particles
//! that depend on the word before them are written `을(를)`, as Korean software does.
//!
//! Tests keep the catalogue whole: both languages have the same ids with the same variables,
//! every id is used somewhere in the code, no Korean message is English, and the window's copy
//! (`ui/app/messages.js`, generated from the `common` and `desktop` areas) is current.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use include_dir::{Dir, include_dir};

use crate::{Lang, Localized};

/// The `.ftl` files, `<lang>/<area>.ftl`.
static FILES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/messages");

/// A message variable's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, shown as is.
    Text(String),
    /// A number, shown without grouping (`22`, `0.059`).
    Number(f64),
    /// A text that is itself in both languages (a resource described in words, a part of a
    /// sentence built elsewhere): each language's message takes its own.
    Localized(Localized),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_owned())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}

impl From<Localized> for Arg {
    fn from(v: Localized) -> Self {
        Arg::Localized(v)
    }
}

/// Anything a variable can be, borrowed (`name = &subnet.id`, `count = &n`).
impl<T: Clone + Into<Arg>> From<&T> for Arg {
    fn from(v: &T) -> Self {
        v.clone().into()
    }
}

impl From<f64> for Arg {
    fn from(v: f64) -> Self {
        Arg::Number(v)
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                // Counts and ports: exact in an f64.
                Arg::Number(v as f64)
            }
        }
    )*};
}
number_args!(i32, i64, u8, u16, u32, u64, usize);

macro_rules! display_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                Arg::Text(v.to_string())
            }
        }
    )*};
}
// Address blocks and dates are shown as they print (`10.10.1.0/24`, `2025-06-01`).
display_args!(ipnet::Ipv4Net, chrono::NaiveDate, crate::checks::args::Cidr);

/// One language's bundle and what each of its messages is.
struct Catalog {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

fn langid(lang: Lang) -> unic_langid::LanguageIdentifier {
    lang.code().parse().expect("ko and en are language identifiers")
}

/// The sources of `lang`'s files, as `(area, text)`.
fn sources(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let dir = FILES.get_dir(lang.code()).expect("messages/<lang>/ exists");
    let mut files: Vec<(&str, &str)> = dir
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "ftl"))
        .map(|f| {
            let area = f.path().file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            (area, f.contents_utf8().expect("messages are UTF-8"))
        })
        .collect();
    files.sort_unstable();
    files
}

impl Catalog {
    fn load(lang: Lang) -> Self {
        let mut bundle = FluentBundle::new_concurrent(vec![langid(lang)]);
        // Unicode isolation marks around variables would end up in terminals and JSON.
        bundle.set_use_isolating(false);
        for (area, text) in sources(lang) {
            let resource = FluentResource::try_new(text.to_owned())
                .unwrap_or_else(|(_, errors)| panic!("messages/{}/{area}.ftl: {errors:?}", lang.code()));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("messages/{}/{area}.ftl: {errors:?}", lang.code()));
        }
        Self { lang, bundle }
    }

    fn format(&self, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = message.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
                Arg::Localized(l) => fluent_args.set(*name, FluentValue::from(l.get(self.lang))),
            }
        }
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        debug_assert!(errors.is_empty(), "message {id}: {errors:?}");
        Some(text.into_owned())
    }
}

static KO: LazyLock<Catalog> = LazyLock::new(|| Catalog::load(Lang::Ko));
static EN: LazyLock<Catalog> = LazyLock::new(|| Catalog::load(Lang::En));

fn catalog(lang: Lang) -> &'static Catalog {
    match lang {
        Lang::Ko => &KO,
        Lang::En => &EN,
    }
}

/// The message `id` in `lang`, its variables filled in. An unknown id gives the id itself (the
/// catalogue tests make sure none is used).
pub fn text(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    catalog(lang).format(id, args).unwrap_or_else(|| id.to_owned())
}

/// Whether the catalogue has the message `id` (in every language: a test keeps them equal).
pub fn exists(id: &str) -> bool {
    catalog(Lang::En).bundle.has_message(id)
}

/// The message `id` in both languages (what findings and stored reports carry).
pub fn localized(id: &str, args: &[(&str, Arg)]) -> Localized {
    Localized::new(text(Lang::En, id, args), text(Lang::Ko, id, args))
}

/// The message `id` in both languages: `msg!("vpc-missing", cidr = c)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::msg::localized($id, &[$((stringify!($name), $crate::msg::Arg::from($value))),*])
    };
}

/// Where a message is shown, for sentences that say where to fix something: the command line
/// names a flag (`--region`), the window names its own setting (Settings → Region).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The `sandpit` command line.
    Cli,
    /// The desktop window.
    Window,
}

/// An error that can say what went wrong and where to fix it, in both languages.
pub trait Explain {
    /// The explanation for people reading it at `place`.
    fn explain(&self, place: Place) -> Localized;
}

impl Explain for Localized {
    fn explain(&self, _: Place) -> Localized {
        self.clone()
    }
}

/// What one message is: its id, the area it is in, and the variables it uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The id (`status-pass`).
    pub id: String,
    /// The file it is in (`common` for `messages/<lang>/common.ftl`).
    pub area: String,
    /// The variables it uses (`cidr` for `{ $cidr }`).
    pub variables: BTreeSet<String>,
    /// The text with `{ $name }` placeables as written, for simple messages; `None` when the
    /// message uses selectors or references (the window's copy takes simple ones only).
    pub simple: Option<String>,
}

/// Every message of `lang`, by id.
pub fn entries(lang: Lang) -> BTreeMap<String, Entry> {
    use fluent_syntax::ast;
    let mut out = BTreeMap::new();
    for (area, text) in sources(lang) {
        let resource = fluent_syntax::parser::parse(text)
            .unwrap_or_else(|(_, errors)| panic!("messages/{}/{area}.ftl: {errors:?}", lang.code()));
        for entry in resource.body {
            let ast::Entry::Message(message) = entry else { continue };
            let mut variables = BTreeSet::new();
            let mut simple = Some(String::new());
            if let Some(pattern) = &message.value {
                for element in &pattern.elements {
                    match element {
                        ast::PatternElement::TextElement { value } => {
                            if let Some(s) = simple.as_mut() {
                                s.push_str(value);
                            }
                        }
                        ast::PatternElement::Placeable { expression } => {
                            collect_variables(expression, &mut variables);
                            match expression {
                                ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                                    if let Some(s) = simple.as_mut() {
                                        s.push_str(&format!("{{{}}}", id.name));
                                    }
                                }
                                _ => simple = None,
                            }
                        }
                    }
                }
            }
            let id = message.id.name.to_owned();
            out.insert(id.clone(), Entry { id, area: area.to_owned(), variables, simple });
        }
    }
    out
}

fn collect_variables(expression: &fluent_syntax::ast::Expression<&str>, out: &mut BTreeSet<String>) {
    use fluent_syntax::ast;
    let inline = |e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>| match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => collect_variables(expression, out),
        _ => {}
    };
    match expression {
        ast::Expression::Inline(e) => inline(e, out),
        ast::Expression::Select { selector, variants } => {
            inline(selector, out);
            for v in variants {
                for element in &v.value.elements {
                    if let ast::PatternElement::Placeable { expression } = element {
                        collect_variables(expression, out);
                    }
                }
            }
        }
    }
}

/// The areas of the catalogue the window shows.
pub const WINDOW_AREAS: &[&str] = &["common", "desktop"];

/// The window's copy of the catalogue ([`WINDOW_AREAS`]): both languages' simple messages, with
/// `{name}` placeables, as a script that sets `window.SANDPIT_I18N` (the window loads scripts
/// without a bundler). Generated into `ui/app/messages.js`.
pub fn window_messages_js() -> String {
    let mut js = String::from(
        "// Generated from crates/sandpit-core/messages/*/{common,desktop}.ftl by sandpit-core's\n\
         // `msg::window_messages_js`: do not edit; `make messages` regenerates it.\n\
         \"use strict\";\n\
         window.SANDPIT_I18N = {\n",
    );
    for lang in Lang::ALL {
        js.push_str(&format!("  {}: {{\n", lang.code()));
        for entry in entries(lang).values().filter(|e| WINDOW_AREAS.contains(&e.area.as_str())) {
            let text = entry
                .simple
                .as_deref()
                .unwrap_or_else(|| panic!("window message {} uses more than variables", entry.id));
            let (id, text) = (serde_json::to_string(&entry.id), serde_json::to_string(text));
            js.push_str(&format!("    {}: {},\n", id.expect("a string"), text.expect("a string")));
        }
        js.push_str("  },\n");
    }
    js.push_str("};\n");
    js
}

#[cfg(test)]
mod tests;
