//! Names and anchors: Unicode normalisation, heading slugs, URL pieces and HTML escaping.
//!
//! macOS stores Korean file names decomposed (NFD: ᄇ + ᅩ + ᄋ + ᅡ + ᆫ) while links typed in
//! the editor are composed (NFC: 보안); every name is compared after NFC normalisation.

use std::collections::HashMap;

use unicode_normalization::{UnicodeNormalization, is_nfc};

/// The NFC form of `s` (borrowing work only when it is already composed).
pub(crate) fn nfc(s: &str) -> String {
    if is_nfc(s) { s.to_owned() } else { s.nfc().collect() }
}

/// The form two names are compared in when case does not matter.
pub(crate) fn fold(s: &str) -> String {
    nfc(s).to_lowercase()
}

/// A heading's anchor: lowercase, spaces to `-`, punctuation dropped, Hangul and other letters
/// kept (`키 정책` → `키-정책`, `NAT Gateway (NGW)` → `nat-gateway-ngw`).
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in nfc(text).chars() {
        if c.is_alphanumeric() || c == '_' {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' {
            pending_dash = true;
        }
    }
    if slug.is_empty() { "section".to_owned() } else { slug }
}

/// Hands out unique anchors within one page: the second `개요` becomes `개요-1`.
#[derive(Debug, Default)]
pub(crate) struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    pub(crate) fn unique(&mut self, text: &str) -> String {
        let base = slugify(text);
        let count = self.seen.entry(base.clone()).or_insert(0);
        let slug = if *count == 0 { base.clone() } else { format!("{base}-{count}") };
        *count += 1;
        if slug != base {
            self.seen.insert(slug.clone(), 1);
        }
        slug
    }
}

/// Percent-encodes a lesson id or asset path for a `sandpit://` URL; `/` separates segments and
/// stays, everything outside the URL-safe ASCII set is encoded as UTF-8 bytes.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Encodes a fragment (`#…`) for an href: only what would end or break the attribute.
pub(crate) fn encode_fragment(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    for c in fragment.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '`' => out.push_str("%60"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// The one HTML escape, shared with the topology pictures.
pub(crate) use sandpit_core::html::{escape as escape_html, push_escaped};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_hangul_and_drop_punctuation() {
        assert_eq!(slugify("키 정책"), "키-정책");
        assert_eq!(slugify("NAT Gateway (NGW)"), "nat-gateway-ngw");
        assert_eq!(slugify("  1. 보안 그룹 — 규칙!  "), "1-보안-그룹-규칙");
        assert_eq!(slugify("???"), "section");
    }

    #[test]
    fn slugs_of_decomposed_hangul_equal_composed_ones() {
        let nfd: String = "보안 그룹".nfd().collect();
        assert_ne!(nfd, "보안 그룹");
        assert_eq!(slugify(&nfd), slugify("보안 그룹"));
    }

    #[test]
    fn repeated_headings_get_distinct_anchors() {
        let mut s = Slugger::default();
        assert_eq!(s.unique("개요"), "개요");
        assert_eq!(s.unique("개요"), "개요-1");
        assert_eq!(s.unique("개요 1"), "개요-1-1");
        assert_eq!(s.unique("개요"), "개요-2");
    }

    #[test]
    fn paths_are_percent_encoded_per_byte() {
        assert_eq!(encode_path("vault/AWS 노트"), "vault/AWS%20%EB%85%B8%ED%8A%B8");
        assert_eq!(encode_path("vpc-igw-nat"), "vpc-igw-nat");
    }
}
