//! The one owner of `ui/templates/`: every `.html` template compiled into the binary and parsed
//! once (Tera), rendered by name. The lesson page (`sandpit-lessons`), the progress report
//! (`sandpit-store`) and the class report (`sandpit-classroom`) all render through [`render`],
//! so a template is found, parsed and reported on in one place.

use std::sync::LazyLock;

use include_dir::{Dir, include_dir};
use sandpit_core::{Lang, msg};
use serde::Serialize;

static FILES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../ui/templates");

/// Every template, parsed once. Templates name catalogue messages for their words
/// (`{{ t(id="report-generated") }}`), never sentences; `t` answers in the page's language,
/// which [`render`] puts in every context as `lang`. A template that does not parse is an error
/// naming it, reported by every render (a test parses them all).
static TERA: LazyLock<Result<tera::Tera, String>> = LazyLock::new(|| {
    let mut tera = tera::Tera::new();
    // Before the templates: they are checked for unknown functions as they are added.
    register_words(&mut tera);
    for file in FILES.files().filter(|f| f.path().extension().is_some_and(|e| e == "html")) {
        let name = file.path().to_string_lossy().into_owned();
        let text = file.contents_utf8().ok_or_else(|| format!("ui/templates/{name}: not UTF-8"))?;
        tera.add_raw_template(&name, text).map_err(|e| format!("ui/templates/{name}: {e:?}"))?;
    }
    Ok(tera)
});

fn register_words(tera: &mut tera::Tera) {
    tera.register_function("t", |kwargs: tera::Kwargs, state: &tera::State| {
        let lang: Lang = state
            .get::<String>("lang")?
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| tera::Error::message("t(): the page has no `lang`"))?;
        words(lang, &kwargs)
    });
}

/// `t(id="…", name=value, …)`: the catalogue message `id` in `lang`, the other arguments as its
/// variables. An id the catalogue lacks fails the render (and so a test), rather than showing a
/// reader the id.
fn words(lang: Lang, kwargs: &tera::Kwargs) -> tera::TeraResult<String> {
    let id: String = kwargs.must_get("id")?;
    if !msg::exists(&id) {
        return Err(tera::Error::message(format!("t(): no message `{id}` in the catalogue")));
    }
    let vars: Vec<(&str, msg::Arg)> = kwargs
        .iter()
        .filter_map(|(name, value)| Some((name.as_str()?, value)))
        .filter(|(name, _)| *name != "id")
        .map(|(name, value)| {
            let arg = match (value.as_f64(), value.as_str()) {
                (Some(n), _) => msg::Arg::Number(n),
                (None, Some(s)) => msg::Arg::Text(s.to_owned()),
                (None, None) => msg::Arg::Text(value.to_string()),
            };
            (name, arg)
        })
        .collect();
    Ok(msg::text(lang, &id, &vars))
}

/// The names of the templates (`lesson.html`, …).
pub fn names() -> Vec<String> {
    let mut names: Vec<String> = FILES.files().map(|f| f.path().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Renders the template `name` (`lesson.html`) in `lang` with `context`. The error says which
/// template and what went wrong (a missing variable, an unknown message id).
pub fn render(name: &str, lang: Lang, context: &impl Serialize) -> Result<String, String> {
    let tera = TERA.as_ref().map_err(Clone::clone)?;
    let mut context = tera::Context::from_serialize(context).map_err(|e| format!("{name}: {e:?}"))?;
    context.insert("lang", lang.code());
    tera.render(name, &context).map_err(|e| format!("ui/templates/{name}: {e:?}"))
}

#[cfg(test)]
mod tests {
    use sandpit_core::Lang;

    #[test]
    fn every_template_parses() {
        assert!(super::TERA.is_ok(), "{:?}", super::TERA.as_ref().err());
        assert_eq!(super::names(), ["class-report.html", "lesson.html", "progress-report.html"]);
    }

    #[test]
    fn an_unknown_template_is_named() {
        let err = super::render("nope.html", Lang::Ko, &serde_json::json!({})).unwrap_err();
        assert!(err.contains("nope.html"), "{err}");
    }

    #[test]
    fn words_come_from_the_catalogue_in_the_page_language() {
        let mut tera = tera::Tera::new();
        super::register_words(&mut tera);
        tera.add_raw_template("known", r#"{{ t(id="lab-status-pass") }}"#).unwrap();
        tera.add_raw_template("unknown", r#"{{ t(id="no-such-words") }}"#).unwrap();
        let page = |name: &str, lang: Lang| {
            let mut context = tera::Context::new();
            context.insert("lang", lang.code());
            tera.render(name, &context).map_err(|e| format!("{e:?}"))
        };
        assert_eq!(page("known", Lang::Ko).unwrap(), "통과");
        assert_eq!(page("known", Lang::En).unwrap(), "pass");
        let err = page("unknown", Lang::Ko).unwrap_err();
        assert!(err.contains("no-such-words"), "{err}");
    }

    /// Words on a page come from the catalogue in the reader's language, so a template holds
    /// no words of its own: what is left once markup, styles, scripts and template tags are
    /// removed is names (Sandpit) and punctuation.
    #[test]
    fn no_template_holds_a_sentence() {
        let strip = |text: &str, open: &str, close: &str| -> String {
            let mut out = String::new();
            let mut rest = text;
            while let Some(start) = rest.find(open) {
                out.push_str(&rest[..start]);
                rest = rest[start..].find(close).map_or("", |end| &rest[start + end + close.len()..]);
            }
            out + rest
        };
        for file in super::FILES.files() {
            let mut text = file.contents_utf8().unwrap().to_owned();
            for (open, close) in [
                ("<style", "</style>"),
                ("<script", "</script>"),
                ("{{", "}}"),
                ("{%", "%}"),
                ("{#", "#}"),
                ("<", ">"),
            ] {
                text = strip(&text, open, close);
            }
            let words: Vec<&str> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty() && !["Sandpit", "nbsp", "middot"].contains(w))
                .collect();
            assert!(words.is_empty(), "{}: words outside the catalogue: {words:?}", file.path().display());
        }
    }
}
