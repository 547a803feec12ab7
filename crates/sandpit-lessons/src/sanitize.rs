//! The last step of every page: an allow-list sanitiser (ammonia, an HTML5 parser) over the whole
//! body, so raw HTML from an imported note can format text but never run code.
//!
//! Allowed: ordinary formatting (`<br>`, `<sub>`, `<sup>`, `<u>`, `<mark>`, `<details>`, tables, …),
//! the elements our renderer emits (quiz inputs and buttons, callouts, embeds), `class`, `id`,
//! `data-*` and `aria-*` attributes, and `style` only as a plain `color:` (what `<font color>`
//! becomes). Removed: scripts, styles, iframes, SVG, event handlers, `javascript:` and other
//! URL schemes, `data:` URLs except inline PNG/JPEG/GIF/WebP images, and remote images.

use std::borrow::Cow;
use std::sync::LazyLock;

use ammonia::Builder;

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.add_tags(["input", "label", "button", "section", "fieldset", "legend", "nav", "mark", "u"])
        .add_generic_attributes(["class", "id", "hidden", "role"])
        .add_generic_attribute_prefixes(["data-", "aria-"])
        .add_tag_attributes("input", ["type", "checked", "disabled", "name", "value"])
        .add_tag_attributes("button", ["type"])
        .add_tag_attributes("details", ["open"])
        .add_tag_attributes("img", ["title", "loading"])
        .add_tag_attributes("a", ["title"])
        .add_tag_attributes("span", ["style"])
        .url_schemes(["http", "https", "mailto", "sandpit", "data"].into_iter().collect())
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(filter_attribute);
    b
});

fn filter_attribute<'a>(element: &str, attribute: &str, value: &'a str) -> Option<Cow<'a, str>> {
    let lower = value.trim().to_ascii_lowercase();
    match (element, attribute) {
        ("img", "src") => {
            let allowed = lower.starts_with("sandpit://asset/")
                || ["png", "jpeg", "jpg", "gif", "webp"]
                    .iter()
                    .any(|t| lower.starts_with(&format!("data:image/{t};base64,")));
            allowed.then_some(Cow::Borrowed(value))
        }
        (_, "href" | "src") if lower.starts_with("data:") => None,
        (_, "style") => safe_color(value).map(|c| Cow::Owned(format!("color:{c}"))),
        ("input", "type") => matches!(lower.as_str(), "checkbox" | "radio").then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// The colour of a `color: …` declaration when it is a plain name, `#hex` or `rgb()` value.
fn safe_color(style: &str) -> Option<&str> {
    let (property, value) = style.trim().trim_end_matches(';').split_once(':')?;
    if !property.trim().eq_ignore_ascii_case("color") {
        return None;
    }
    let value = value.trim();
    let ok = if let Some(hex) = value.strip_prefix('#') {
        matches!(hex.len(), 3 | 4 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit())
    } else if let Some(args) = value.strip_prefix("rgb(").and_then(|v| v.strip_suffix(')')) {
        args.bytes().all(|b| b.is_ascii_digit() || matches!(b, b',' | b' ' | b'.' | b'%'))
    } else {
        !value.is_empty() && value.len() <= 30 && value.bytes().all(|b| b.is_ascii_alphabetic())
    };
    ok.then_some(value)
}

/// Sanitises an HTML fragment (after turning `<font color>` into `<span style="color:…">`).
pub(crate) fn clean(html: &str) -> String {
    SANITIZER.clean(&convert_font_tags(html)).to_string()
}

/// `<font color="red">` → `<span style="color:red">`, `</font>` → `</span>`. Our renderer escapes
/// every `<` of text and code, so a literal `<font` here can only come from a note's raw HTML.
fn convert_font_tags(html: &str) -> Cow<'_, str> {
    let lower = html.to_ascii_lowercase();
    if !lower.contains("<font") && !lower.contains("</font") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    while i < html.len() {
        let rest = &lower[i..];
        let tag_end = |from: usize| -> usize {
            // The end of the tag, skipping `>` inside quoted attribute values.
            let mut quote = None;
            for (off, c) in html[from..].char_indices() {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, '>') => return from + off + 1,
                    _ => {}
                }
            }
            html.len()
        };
        if rest.starts_with("<font")
            && rest[5..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        {
            let end = tag_end(i);
            let color = attribute_value(&html[i + 5..end], "color");
            match color.as_deref().and_then(safe_color_value) {
                Some(c) => out.push_str(&format!("<span style=\"color:{c}\">")),
                None => out.push_str("<span>"),
            }
            i = end;
        } else if rest.starts_with("</font") {
            i = tag_end(i);
            out.push_str("</span>");
        } else {
            let c = html[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    Cow::Owned(out)
}

fn safe_color_value(value: &str) -> Option<String> {
    let style = format!("color:{value}");
    safe_color(&style).map(str::to_owned)
}

/// The value of `name="…"` (or `'…'`, or unquoted) inside a tag's attribute text.
fn attribute_value(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut search = 0;
    while let Some(pos) = lower[search..].find(name) {
        let at = search + pos;
        search = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = attrs[at + name.len()..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest.split(|c: char| c.is_ascii_whitespace() || c == '>').next().unwrap_or(""),
        };
        return Some(value.to_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_colour_becomes_a_span_with_only_a_colour() {
        assert_eq!(clean("<font color=\"red\">빨강</font>"), "<span style=\"color:red\">빨강</span>");
        assert_eq!(clean("<FONT color='#ff0000' size=3>x</FONT>"), "<span style=\"color:#ff0000\">x</span>");
        assert_eq!(clean("<font color=\"red;background:url(x)\">x</font>"), "<span>x</span>");
    }

    #[test]
    fn styles_other_than_a_plain_colour_are_dropped() {
        assert_eq!(clean("<span style=\"color: blue\">x</span>"), "<span style=\"color:blue\">x</span>");
        assert_eq!(clean("<span style=\"background:url(https://t.example/x)\">x</span>"), "<span>x</span>");
        assert_eq!(clean("<p style=\"color:red\">x</p>"), "<p>x</p>");
    }

    #[test]
    fn only_local_and_inline_raster_images_survive() {
        assert_eq!(clean("<img src=\"https://tracker.example/p.gif\">"), "<img>");
        assert_eq!(clean("<img src=\"data:image/svg+xml;base64,AAAA\">"), "<img>");
        assert_eq!(
            clean("<img src=\"data:image/png;base64,AAAA\">"),
            "<img src=\"data:image/png;base64,AAAA\">"
        );
        assert_eq!(clean("<a href=\"data:text/html,x\">x</a>"), "<a>x</a>");
    }
}
