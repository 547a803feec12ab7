//! Images of imported notes, shown without a custom protocol and without loosening the desktop's
//! Content Security Policy beyond `img-src data:`.
//!
//! Rendering links an imported image as `sandpit://asset/<vault>/<path>` (the sanitiser lets only
//! that and inline raster `data:` images through). [`Library::inline_images`] then replaces each
//! such `src`, after sanitising, by a `data:` URI of the file copied at import time: only images
//! the vault index knows, only the allowed types, only regular files inside the vault folder, at
//! most [`MAX_IMAGE_BYTES`]. An SVG is only ever an `<img>` source, where it cannot run script.
//! An image that cannot be shown becomes a visible placeholder naming the file.
//!
//! Built-in lessons take the same path: their pictures live in `content/assets/` (embedded with
//! the lessons) and are linked as `sandpit://asset/.builtin/<name>`. No imported vault can be
//! named `.builtin` (folders starting with a dot are never loaded as vaults).

use std::fs;
use std::path::{Component, Path, PathBuf};

use sandpit_core::msg;

use crate::left_out::LeftOut;
use crate::library::Library;
use crate::names::push_escaped;
use crate::render::percent_decode;

/// The largest image file that is imported and shown (10 MiB).
pub const MAX_IMAGE_BYTES: u64 = 10 * 1024 * 1024;

/// How the renderer links an imported image.
pub(crate) const ASSET_PREFIX: &str = "sandpit://asset/";

/// The pseudo-vault of the built-in lessons' pictures (`content/assets/`).
pub(crate) const BUILTIN_ASSETS: &str = ".builtin";

/// The picture `name` of `content/assets/`, if there is one a lesson may show.
pub(crate) fn builtin_asset(name: &str) -> Option<&'static [u8]> {
    if refuse_name(name).is_some() {
        return None;
    }
    let file = crate::library::content_dir().get_file(format!("assets/{name}"))?;
    Some(file.contents()).filter(|bytes| bytes.len() as u64 <= MAX_IMAGE_BYTES)
}

/// The MIME type of an image path by its extension; `None` for anything but PNG, JPEG, GIF,
/// WebP and SVG.
pub(crate) fn mime_type(rel: &str) -> Option<&'static str> {
    let ext = crate::resolve::extension(rel)?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

/// Why the vault-relative image path `rel` is not acceptable, if it is not: it must be a plain
/// relative path (no root, no `.` or `..`, no empty segment) of names without control
/// characters or backslashes, with an allowed image extension.
pub(crate) fn refuse_name(rel: &str) -> Option<LeftOut> {
    if rel.is_empty() || rel.starts_with('/') || rel.split('/').any(|s| s.is_empty() || s == "." || s == "..")
    {
        return Some(LeftOut::NotPlainPath);
    }
    if rel.chars().any(|c| c.is_control() || c == '\\') {
        return Some(LeftOut::ControlCharacter);
    }
    if mime_type(rel).is_none() {
        return Some(LeftOut::NotImage);
    }
    None
}

/// Why the file at `path` cannot be imported or shown as an image, if it cannot: a symbolic link,
/// not a regular file, or larger than [`MAX_IMAGE_BYTES`].
pub(crate) fn refuse_file(path: &Path) -> Option<LeftOut> {
    match fs::symlink_metadata(path) {
        Err(err) => Some(LeftOut::Unreadable(err.to_string())),
        Ok(m) if m.file_type().is_symlink() => Some(LeftOut::Symlink),
        Ok(m) if !m.is_file() => Some(LeftOut::NotRegularFile),
        Ok(m) if m.len() > MAX_IMAGE_BYTES => {
            Some(LeftOut::ImageTooBig { max_mib: MAX_IMAGE_BYTES / (1024 * 1024), bytes: m.len() })
        }
        Ok(_) => None,
    }
}

/// The file `rel` of the vault folder `root` as a `data:` URI, or why it cannot be.
fn data_uri(root: &Path, rel: &str) -> Result<String, LeftOut> {
    if let Some(why) = refuse_name(rel) {
        return Err(why);
    }
    let mime = mime_type(rel).ok_or(LeftOut::NotImage)?;
    let mut path = PathBuf::from(root);
    for segment in rel.split('/') {
        path.push(segment);
    }
    // Belt and braces: the components are plain names, and the real path stays in the vault.
    if path.strip_prefix(root).map_or(true, |p| p.components().any(|c| !matches!(c, Component::Normal(_)))) {
        return Err(LeftOut::OutsideVault);
    }
    if let Some(why) = refuse_file(&path) {
        return Err(why);
    }
    let unreadable = |e: std::io::Error| LeftOut::Unreadable(e.to_string());
    let real_root = root.canonicalize().map_err(unreadable)?;
    let real = path.canonicalize().map_err(unreadable)?;
    if !real.starts_with(&real_root) {
        return Err(LeftOut::OutsideVault);
    }
    let bytes = fs::read(&real).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(LeftOut::ImageTooBig {
            max_mib: MAX_IMAGE_BYTES / (1024 * 1024),
            bytes: bytes.len() as u64,
        });
    }
    Ok(format!("data:{mime};base64,{}", base64(&bytes)))
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The value of the double-quoted attribute `name` in the tag text `tag` (as the sanitiser
/// serialises it: every value in double quotes, `"` inside escaped), with its byte range.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<(std::ops::Range<usize>, &'a str)> {
    let bytes = tag.as_bytes();
    let needle = format!("{name}=\"");
    let mut in_quote = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            in_quote = !in_quote;
            continue;
        }
        if !in_quote && b.is_ascii_whitespace() && tag[i + 1..].starts_with(&needle) {
            let start = i + 1 + needle.len();
            let end = start + tag[start..].find('"')?;
            return Some((start..end, &tag[start..end]));
        }
    }
    None
}

impl Library {
    /// `html` (a sanitised page or body from this library) with every imported image
    /// (`<img src="sandpit://asset/…">`) embedded as a `data:` URI, and every one that cannot be
    /// shown (deleted since, too large, not in the vault) replaced by a placeholder naming the
    /// file. Nothing else changes.
    pub fn inline_images(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        // Tags only: text never holds a raw `<` after sanitising, and `>` inside a quoted
        // attribute value does not end a tag.
        while let Some(start) = rest.find('<') {
            out.push_str(&rest[..start]);
            let tail = &rest[start..];
            let mut in_quote = false;
            let mut end = tail.len();
            for (i, b) in tail.bytes().enumerate().skip(1) {
                match b {
                    b'"' => in_quote = !in_quote,
                    b'>' if !in_quote => {
                        end = i + 1;
                        break;
                    }
                    _ => {}
                }
            }
            let tag = &tail[..end];
            let is_img = tag.len() > 4
                && tag[1..4].eq_ignore_ascii_case("img")
                && tag[4..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/');
            if is_img {
                self.inline_tag(tag, &mut out);
            } else {
                out.push_str(tag);
            }
            rest = &tail[end..];
        }
        out.push_str(rest);
        out
    }

    fn inline_tag(&self, tag: &str, out: &mut String) {
        let Some((range, src)) = attribute(tag, "src") else {
            out.push_str(tag);
            return;
        };
        let src = src.replace("&amp;", "&");
        let Some(path) = src.strip_prefix(ASSET_PREFIX) else {
            out.push_str(tag);
            return;
        };
        let (vault, rel) = path.split_once('/').unwrap_or((path, ""));
        let (vault, rel) = (percent_decode(vault), percent_decode(rel));
        let shown = if vault == BUILTIN_ASSETS {
            builtin_asset(&rel)
                .zip(mime_type(&rel))
                .map(|(bytes, mime)| format!("data:{mime};base64,{}", base64(bytes)))
                .ok_or_else(|| msg::text(self.lang(), "lessons-image-not-builtin", &[]))
        } else {
            self.vault_root(&vault)
                .filter(|_| self.vault_has_asset(&vault, &rel))
                .ok_or_else(|| msg::text(self.lang(), "lessons-image-not-in-vault", &[]))
                .and_then(|root| data_uri(root, &rel).map_err(|why| why.say(self.lang())))
        };
        match shown {
            Ok(uri) => {
                out.push_str(&tag[..range.start]);
                out.push_str(&uri);
                out.push_str(&tag[range.end..]);
            }
            Err(why) => {
                let missing = msg::text(self.lang(), "lessons-image-cannot-be-shown", &[]);
                out.push_str("<span class=\"embed missing\" data-target=\"");
                push_escaped(out, &rel);
                out.push_str("\" title=\"");
                push_escaped(out, &format!("{missing}: {why}"));
                out.push_str("\">");
                push_escaped(out, rel.rsplit('/').next().unwrap_or(&rel));
                out.push_str("</span>");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0xfd, 0x00]), "//79AA==");
    }

    #[test]
    fn hostile_names_are_refused() {
        for bad in [
            "../../etc/passwd.png",
            "/etc/passwd.png",
            "a/../../b.png",
            "./x.png",
            "a//b.png",
            "a\\..\\b.png",
            "line\nbreak.png",
            "notes.html",
            "x.svgz",
            "",
        ] {
            assert!(refuse_name(bad).is_some(), "{bad:?} must be refused");
        }
        for good in ["diagram.png", "attachments/Pasted image 2023.PNG", "그림/구성도.webp", "a.svg"] {
            assert_eq!(refuse_name(good), None, "{good:?}");
        }
    }

    #[test]
    fn a_path_outside_the_root_is_not_read() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("vault");
        fs::create_dir_all(&root).unwrap();
        fs::write(tmp.path().join("secret.png"), b"secret").unwrap();
        assert!(data_uri(&root, "../secret.png").is_err());
        fs::write(root.join("ok.png"), b"png").unwrap();
        assert_eq!(data_uri(&root, "ok.png").unwrap(), "data:image/png;base64,cG5n");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret.png"), root.join("link.png")).unwrap();
            assert_eq!(data_uri(&root, "link.png").unwrap_err(), LeftOut::Symlink);
        }
    }

    #[test]
    fn attributes_are_found_outside_other_values_only() {
        let tag = "<img alt=\" src=&quot;x\" src=\"sandpit://asset/v/a.png\" loading=\"lazy\">";
        let (range, value) = attribute(tag, "src").unwrap();
        assert_eq!(value, "sandpit://asset/v/a.png");
        assert_eq!(&tag[range], value);
    }
}
