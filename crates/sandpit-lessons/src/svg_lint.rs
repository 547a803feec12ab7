//! The lint for the lessons' own pictures (`content/assets/*.svg`), the rules content/README.md
//! gives them: no code and no reference outside the picture (the page shows it as an `<img>`, but
//! an exported lesson or a browser opening the file directly would run or fetch them), and a light
//! card under everything, because the page's CSS does not reach inside an `<img>` and dark text
//! on a transparent picture vanishes in the dark theme.
//!
//! A scanner of tags, not an XML parser: the pictures are small files we write ourselves, and a
//! construct it cannot read (a DOCTYPE, CDATA) is reported rather than guessed at.

/// What is wrong with `svg`, each with its 1-based line when it has one.
pub(crate) fn lint(svg: &str) -> Vec<(Option<usize>, String)> {
    let mut problems = Vec::new();
    let line_at = |at: usize| svg[..at].matches('\n').count() + 1;
    // The picture's size, from the root's viewBox (or width and height).
    let mut size: Option<(f64, f64)> = None;
    let mut root_line = None;
    let mut defs_depth = 0usize;
    let mut background_seen = false;
    let mut rest = 0;
    while let Some(open) = svg[rest..].find('<').map(|i| rest + i) {
        let after = &svg[open..];
        if after.starts_with("<!--") {
            rest = after.find("-->").map_or(svg.len(), |i| open + i + 3);
            continue;
        }
        if after.starts_with("<?") {
            rest = after.find("?>").map_or(svg.len(), |i| open + i + 2);
            continue;
        }
        let Some(tag) = tag_at(after) else {
            problems.push((Some(line_at(open)), "a tag that never closes".to_owned()));
            break;
        };
        rest = open + tag.len;
        let line = Some(line_at(open));
        if after.starts_with("<!") {
            problems.push((line, "a DOCTYPE or CDATA section: a picture needs neither".to_owned()));
            continue;
        }
        if let Some(name) = tag.closing {
            if local(&name) == "defs" {
                defs_depth = defs_depth.saturating_sub(1);
            }
            continue;
        }
        let name = local(&tag.name).to_ascii_lowercase();
        match name.as_str() {
            "script" => problems.push((line, "`<script>`: a picture runs no code".to_owned())),
            "foreignobject" => problems.push((line, "`<foreignObject>`: a picture holds no HTML".to_owned())),
            "style" => problems.push((line, "`<style>`: use presentation attributes only".to_owned())),
            _ => {}
        }
        for (attr, value) in &tag.attrs {
            let lower = attr.to_ascii_lowercase();
            if lower.starts_with("on") {
                problems.push((line, format!("`{attr}=`: a picture runs no code")));
            } else if lower == "style" {
                problems.push((line, "`style=`: use presentation attributes only".to_owned()));
            } else if local(&lower) == "href" && !value.trim().starts_with('#') {
                problems.push((line, format!("`{attr}=\"{value}\"` refers outside the picture")));
            }
            if let Some(url) = outside_url(value) {
                problems.push((line, format!("`{attr}=\"{value}\"` refers outside the picture ({url})")));
            }
        }
        if name == "svg" && size.is_none() {
            size = picture_size(&tag.attrs);
            root_line = line;
            continue;
        }
        if name == "defs" {
            defs_depth += usize::from(!tag.self_closing);
            continue;
        }
        if defs_depth > 0 || ["title", "desc", "metadata"].contains(&name.as_str()) {
            continue;
        }
        if !background_seen {
            background_seen = true;
            if !is_background(&name, &tag.attrs, size) {
                problems.push((line, NO_BACKGROUND.to_owned()));
            }
        }
    }
    if !background_seen {
        problems.push((root_line, NO_BACKGROUND.to_owned()));
    }
    problems
}

const NO_BACKGROUND: &str = "no background: the first shape must be a light `<rect>` as large as the picture \
     (a `#f8fafc` card), so the picture reads on the light and the dark page";

struct Tag {
    /// How many bytes the tag takes, `<` to `>`.
    len: usize,
    name: String,
    attrs: Vec<(String, String)>,
    /// `Some(name)` for `</name>`.
    closing: Option<String>,
    self_closing: bool,
}

/// The tag at the start of `text` (which starts with `<`), quotes respected; `None` when it never
/// closes.
fn tag_at(text: &str) -> Option<Tag> {
    let mut quote = None;
    let mut end = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => {
                end = Some(i);
                break;
            }
            _ => {}
        }
    }
    let end = end?;
    let inner = &text[1..end];
    if let Some(name) = inner.strip_prefix('/') {
        let name = name.trim().to_owned();
        return Some(Tag {
            len: end + 1,
            name: name.clone(),
            attrs: Vec::new(),
            closing: Some(name),
            self_closing: false,
        });
    }
    let self_closing = inner.ends_with('/');
    let inner = inner.trim_end_matches('/');
    let name_end = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
    Some(Tag {
        len: end + 1,
        name: inner[..name_end].to_owned(),
        attrs: attributes(&inner[name_end..]),
        closing: None,
        self_closing,
    })
}

/// `name="value"` pairs (either quote; a bare name has an empty value).
fn attributes(mut text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return out;
        }
        let name_end = text.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(text.len());
        let name = text[..name_end].to_owned();
        text = text[name_end..].trim_start();
        let Some(after_eq) = text.strip_prefix('=') else {
            out.push((name, String::new()));
            continue;
        };
        let after_eq = after_eq.trim_start();
        let (value, rest) = match after_eq.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after_eq[1..];
                let close = body.find(q).unwrap_or(body.len());
                (&body[..close], body.get(close + 1..).unwrap_or(""))
            }
            _ => {
                let end = after_eq.find(char::is_whitespace).unwrap_or(after_eq.len());
                (&after_eq[..end], &after_eq[end..])
            }
        };
        out.push((name, value.to_owned()));
        text = rest;
    }
}

/// `xlink:href` → `href`.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The first `url(…)` of `value` that does not point inside the picture (`url(#marker)`).
fn outside_url(value: &str) -> Option<String> {
    let mut rest = value;
    while let Some(at) = rest.to_ascii_lowercase().find("url(") {
        let inner = &rest[at + 4..];
        let close = inner.find(')').unwrap_or(inner.len());
        let target = inner[..close].trim().trim_matches(|c| c == '"' || c == '\'');
        if !target.starts_with('#') {
            return Some(format!("url({target})"));
        }
        rest = &inner[close..];
    }
    None
}

fn number(attrs: &[(String, String)], name: &str) -> Option<f64> {
    attrs.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.trim().trim_end_matches("px").parse().ok())
}

fn value<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

fn picture_size(attrs: &[(String, String)]) -> Option<(f64, f64)> {
    if let Some(view_box) = value(attrs, "viewBox") {
        let n: Vec<f64> = view_box.split([' ', ',']).filter_map(|p| p.parse().ok()).collect();
        if let [_, _, w, h] = n[..] {
            return Some((w, h));
        }
    }
    Some((number(attrs, "width")?, number(attrs, "height")?))
}

/// A `<rect>` from the top-left corner as large as the picture, filled with a light colour.
fn is_background(name: &str, attrs: &[(String, String)], size: Option<(f64, f64)>) -> bool {
    if name != "rect" {
        return false;
    }
    let covers = |attr: &str, full: Option<f64>| match value(attrs, attr).map(str::trim) {
        Some("100%") => true,
        _ => matches!((number(attrs, attr), full), (Some(v), Some(full)) if v >= full - 1.0),
    };
    let at_corner = number(attrs, "x").unwrap_or(0.0) <= 1.0 && number(attrs, "y").unwrap_or(0.0) <= 1.0;
    at_corner
        && covers("width", size.map(|s| s.0))
        && covers("height", size.map(|s| s.1))
        && value(attrs, "fill").is_some_and(is_light)
}

/// `#fff`, `#f8fafc`, `white`: a colour dark text reads on.
fn is_light(colour: &str) -> bool {
    let colour = colour.trim().to_ascii_lowercase();
    if colour == "white" {
        return true;
    }
    let Some(hex) = colour.strip_prefix('#') else { return false };
    let hex: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_owned(),
        _ => return false,
    };
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map(f64::from);
    let (Ok(r), Ok(g), Ok(b)) = (channel(0), channel(2), channel(4)) else { return false };
    (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0 >= 0.8
}

#[cfg(test)]
mod tests {
    use super::lint;

    const CARD: &str = r##"<rect x="0.5" y="0.5" width="799" height="399" rx="12" fill="#f8fafc"/>"##;

    fn picture(body: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 400\">\n<title>t</title>\n\
             <defs><marker id=\"m\"><path d=\"M0 0\"/></marker></defs>\n{body}\n</svg>\n"
        )
    }

    fn problems(svg: &str) -> Vec<String> {
        lint(svg).into_iter().map(|(line, p)| format!("{}: {p}", line.unwrap_or(0))).collect()
    }

    #[test]
    fn a_clean_picture_passes() {
        let svg = picture(&format!("{CARD}\n<path d=\"M 1 1\" marker-end=\"url(#m)\"/><use href=\"#m\"/>"));
        assert_eq!(problems(&svg), Vec::<String>::new());
        // The topology renderer's background: no corner given, exactly the picture's size.
        let drawn = picture(r##"<rect width="800" height="400" fill="#ffffff"/>"##);
        assert_eq!(problems(&drawn), Vec::<String>::new());
    }

    #[test]
    fn each_mistake_is_caught_on_its_line() {
        for (body, expected) in [
            ("<script>alert(1)</script>", "5: `<script>`: a picture runs no code"),
            ("<svg:script href=\"x.js\"/>", "5: `<script>`"),
            ("<text onclick=\"go()\">x</text>", "5: `onclick=`: a picture runs no code"),
            ("<g ONLOAD='go()'/>", "5: `ONLOAD=`"),
            ("<image href=\"https://example.com/a.png\"/>", "refers outside the picture"),
            (
                "<use xlink:href=\"other.svg#x\"/>",
                "5: `xlink:href=\"other.svg#x\"` refers outside the picture",
            ),
            ("<rect fill=\"url(https://x/y#p)\"/>", "(url(https://x/y#p))"),
            ("<foreignObject><div/></foreignObject>", "`<foreignObject>`"),
            ("<style>@import url(x.css);</style>", "`<style>`"),
            ("<g style=\"fill:red\"/>", "`style=`"),
        ] {
            let found = problems(&picture(&format!("{CARD}\n{body}")));
            assert!(
                found.iter().any(|p| p.contains(expected)),
                "{body}: expected `{expected}` in {found:#?}"
            );
        }
    }

    #[test]
    fn a_picture_without_a_light_card_is_caught() {
        for body in [
            "<text x=\"1\" y=\"1\">no card</text>",
            r##"<rect x="0" y="0" width="400" height="400" fill="#f8fafc"/>"##,
            r##"<rect width="800" height="400" fill="none"/>"##,
            r##"<rect width="800" height="400" fill="#1d2733"/>"##,
            r##"<rect width="800" height="400"/>"##,
            r##"<rect x="40" y="40" width="800" height="400" fill="#fff"/>"##,
            "",
        ] {
            let found = problems(&picture(body));
            assert!(found.iter().any(|p| p.contains("no background")), "{body:?}: {found:#?}");
        }
        // A card given as 100 % counts.
        let full = picture(r##"<rect width="100%" height="100%" fill="white"/>"##);
        assert_eq!(problems(&full), Vec::<String>::new());
    }
}
