//! The one HTML escape: text made safe for element content and quoted attribute values (and for
//! SVG/XML text, which needs the same five characters).

/// `s` with `&`, `<`, `>`, `"` and `'` escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// [`escape`] appending to `out`.
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_five_characters_are_escaped_and_nothing_else() {
        assert_eq!(
            super::escape(r#"<a href="x">'보안' & 그룹</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;보안&#39; &amp; 그룹&lt;/a&gt;"
        );
    }
}
