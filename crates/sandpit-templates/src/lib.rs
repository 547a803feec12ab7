//! The one owner of `ui/templates/`: every `.html` template compiled into the binary and parsed
//! once (Tera), rendered by name. The lesson page (`sandpit-lessons`), the progress report
//! (`sandpit-store`) and the class report (`sandpit-classroom`) all render through [`render`],
//! so a template is found, parsed and reported on in one place.

use std::sync::LazyLock;

use include_dir::{Dir, include_dir};
use serde::Serialize;

static FILES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../ui/templates");

/// Every template, parsed; a template that does not parse is an error naming it, reported by
/// every render (a test parses them all).
static TERA: LazyLock<Result<tera::Tera, String>> = LazyLock::new(|| {
    let mut tera = tera::Tera::new();
    for file in FILES.files().filter(|f| f.path().extension().is_some_and(|e| e == "html")) {
        let name = file.path().to_string_lossy().into_owned();
        let text = file.contents_utf8().ok_or_else(|| format!("ui/templates/{name}: not UTF-8"))?;
        tera.add_raw_template(&name, text).map_err(|e| format!("ui/templates/{name}: {e:?}"))?;
    }
    Ok(tera)
});

/// The names of the templates (`lesson.html`, …).
pub fn names() -> Vec<String> {
    let mut names: Vec<String> = FILES.files().map(|f| f.path().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Renders the template `name` (`lesson.html`) with `context`. The error says which template
/// and what went wrong (a missing variable, a bad filter argument).
pub fn render(name: &str, context: &impl Serialize) -> Result<String, String> {
    let tera = TERA.as_ref().map_err(Clone::clone)?;
    let context = tera::Context::from_serialize(context).map_err(|e| format!("{name}: {e:?}"))?;
    tera.render(name, &context).map_err(|e| format!("ui/templates/{name}: {e:?}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_template_parses() {
        assert!(super::TERA.is_ok(), "{:?}", super::TERA.as_ref().err());
        assert_eq!(super::names(), ["class-report.html", "lesson.html", "progress-report.html"]);
    }

    #[test]
    fn an_unknown_template_is_named() {
        let err = super::render("nope.html", &serde_json::json!({})).unwrap_err();
        assert!(err.contains("nope.html"), "{err}");
    }
}
