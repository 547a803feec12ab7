//! The content check: every rule of content/README.md that a machine can judge, over all built-in
//! lessons at once, returning every problem (file, line, what) instead of stopping at the first.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::fs;
use std::path::Path;

use markdown::mdast::Node;
use sandpit_core::Lang;
use serde::Serialize;

use crate::frontmatter::{self, BuiltinFrontMatter};
use crate::quiz;
use crate::render::anchors;
use crate::resolve::is_image;
use crate::syntax::{Parsed, collect_links, parse_markdown};

/// One problem with a built-in lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContentProblem {
    /// The file, as `content/<lang>/<id>.md`.
    pub file: String,
    /// The 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for ContentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.problem),
            None => write!(f, "{}: {}", self.file, self.problem),
        }
    }
}

/// Colours a built-in lesson may give `<font color>`: mid-tones that stay readable on the light
/// and the dark page (see `ui/static/lesson.css`).
pub(crate) const FONT_COLORS: [&str; 4] = ["#e03131", "#1c7ed6", "#2f9e44", "#e8590c"];

struct Entry {
    path: String,
    stem: String,
    fm: Option<BuiltinFrontMatter>,
    root: Parsed,
    headings: Vec<String>,
    blocks: Vec<String>,
    /// Per quiz question: the indices of the right options.
    answers: Vec<Vec<usize>>,
    /// How many `##` sections.
    sections: usize,
    /// Lab ids linked with `[[lab:…]]`.
    lab_links: BTreeSet<String>,
    /// Pictures embedded, without their language suffix (`vpc-subnets.svg`).
    pictures: BTreeSet<String>,
}

/// Checks the built-in lessons compiled into this binary. `known_labs` are the lab ids that
/// `[[lab:…]]` links and `labs:` may name; empty means lab ids are not checked.
pub fn check_builtin_content(known_labs: &[String]) -> Vec<ContentProblem> {
    let assets = crate::library::content_dir()
        .get_dir("assets")
        .map(|dir| {
            dir.files()
                .filter_map(|f| {
                    let name = f.path().file_name().and_then(|n| n.to_str())?;
                    Some((name.to_owned(), f.contents().to_vec()))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut files = Vec::new();
    for lang in Lang::ALL {
        if let Some(dir) = crate::library::content_dir().get_dir(lang.code()) {
            for file in dir.files() {
                let name = file.path().file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
                files.push((lang, format!("content/{}/{name}", lang.code()), file.contents().to_vec()));
            }
        }
    }
    check_files(files, known_labs, &assets, "content/assets")
}

/// [`check_builtin_content`] for a folder laid out like `content/` (`<dir>/<lang>/<id>.md`,
/// pictures in `<dir>/assets/`).
pub fn check_content_dir(dir: &Path, known_labs: &[String]) -> Vec<ContentProblem> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let lang_dir = dir.join(lang.code());
        let Ok(entries) = fs::read_dir(&lang_dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let shown = format!("{}/{}/{name}", dir.display(), lang.code());
            match fs::read(entry.path()) {
                Ok(bytes) => files.push((lang, shown, bytes)),
                Err(err) => {
                    problems.push(ContentProblem { file: shown, line: None, problem: err.to_string() })
                }
            }
        }
    }
    let assets: BTreeMap<String, Vec<u8>> = fs::read_dir(dir.join("assets"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap_or_default()))
        .collect();
    let assets_dir = format!("{}/assets", dir.display());
    problems.extend(check_files(files, known_labs, &assets, &assets_dir));
    problems
}

/// `<font color="…">` with a colour of [`FONT_COLORS`], or `</font>`: the only raw HTML a
/// built-in lesson may hold.
fn is_palette_font_tag(html: &str) -> bool {
    let tag = html.trim().to_ascii_lowercase();
    if tag == "</font>" {
        return true;
    }
    let Some(attrs) = tag.strip_prefix("<font ").and_then(|t| t.strip_suffix('>')) else {
        return false;
    };
    let Some(value) = attrs.trim().strip_prefix("color=") else {
        return false;
    };
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    FONT_COLORS.contains(&value)
}

/// `vpc-subnets-ko.svg` → (`vpc-subnets.svg`, Some("ko")).
fn picture_language(name: &str) -> (String, Option<&'static str>) {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    for lang in Lang::ALL {
        if let Some(base) = stem.strip_suffix(&format!("-{}", lang.code())) {
            return (format!("{base}.{ext}"), Some(lang.code()));
        }
    }
    (name.to_owned(), None)
}

fn check_files(
    mut files: Vec<(Lang, String, Vec<u8>)>,
    known_labs: &[String],
    assets: &BTreeMap<String, Vec<u8>>,
    assets_dir: &str,
) -> Vec<ContentProblem> {
    files.retain(|(_, path, _)| path.ends_with(".md"));
    files.sort_by(|a, b| a.1.cmp(&b.1));
    let mut problems = Vec::new();
    let mut by_lang: BTreeMap<&'static str, BTreeMap<String, Entry>> = BTreeMap::new();
    for (lang, path, bytes) in files {
        let mut report = |line: Option<usize>, problem: String| {
            problems.push(ContentProblem { file: path.clone(), line, problem });
        };
        let Ok(text) = String::from_utf8(bytes) else {
            report(None, "not valid UTF-8".to_owned());
            continue;
        };
        let stem = path.rsplit('/').next().unwrap_or(&path).trim_end_matches(".md").to_owned();
        let split = frontmatter::split(&text);
        let fm = match frontmatter::parse_builtin(split.yaml, &stem) {
            Ok(fm) => Some(fm),
            Err(list) => {
                for p in list {
                    if p.field.is_empty() {
                        report(None, p.problem);
                    } else {
                        report(None, format!("front matter field `{}`: {}", p.field, p.problem));
                    }
                }
                None
            }
        };
        let root = parse_markdown(&split.body);
        let (headings, blocks) = anchors(&root);
        let mut answers = Vec::new();
        let mut quizzes = 0;
        let mut sections = 0;
        visit(&root.root, &mut |node| {
            match node {
            Node::Heading(h) if h.depth == 2 => sections += 1,
            Node::Code(c) if c.lang.as_deref() == Some("quiz") => {
                quizzes += 1;
                let first = c.position.as_ref().map_or(1, |p| p.start.line + 1);
                match quiz::parse(&c.value, first) {
                    Ok(q) => answers.extend(q.questions.iter().map(quiz::Question::answers)),
                    Err(e) => report(Some(e.line), format!("quiz: {}", e.message)),
                }
            }
            Node::Html(h) if !is_palette_font_tag(&h.value) => report(
                line_of(node),
                format!(
                    "raw HTML is not allowed in lessons, except <font color> with one of {}: `{}`",
                    FONT_COLORS.join(", "),
                    h.value.trim()
                ),
            ),
            Node::Image(_) | Node::ImageReference(_) => report(
                line_of(node),
                "Markdown images are not allowed in lessons: embed a picture of content/assets with ![[name.svg]]"
                    .to_owned(),
            ),
            _ => {}
        }
        });
        if quizzes == 0 {
            report(None, "no self-check quiz (a ```quiz block)".to_owned());
        }
        let mut lab_links = BTreeSet::new();
        let mut pictures = BTreeSet::new();
        for link in collect_links(&root) {
            if let Some(lab) = link.lab() {
                lab_links.insert(lab.to_owned());
            } else if link.embed && is_image(&link.target) {
                pictures.insert(picture_language(&link.target).0);
            }
        }
        by_lang.entry(lang.code()).or_default().insert(
            stem.clone(),
            Entry { path, stem, fm, root, headings, blocks, answers, sections, lab_links, pictures },
        );
    }

    let empty = BTreeMap::new();
    for lang in Lang::ALL {
        let entries = by_lang.get(lang.code()).unwrap_or(&empty);
        let mut orders: HashMap<u32, &str> = HashMap::new();
        for entry in entries.values() {
            let mut report = |line: Option<usize>, problem: String| {
                problems.push(ContentProblem { file: entry.path.clone(), line, problem });
            };
            if let Some(fm) = &entry.fm {
                if let Some(other) = orders.insert(fm.order, &entry.stem) {
                    report(
                        None,
                        format!("front matter field `order`: {} is also the order of `{other}`", fm.order),
                    );
                }
                for related in &fm.related {
                    if !entries.contains_key(related) {
                        report(
                            None,
                            format!("front matter field `related`: no lesson `{related}` in {}", lang.code()),
                        );
                    }
                }
                for lab in &fm.labs {
                    if !known_labs.is_empty() && !known_labs.contains(lab) {
                        report(None, format!("front matter field `labs`: unknown lab `{lab}`"));
                    }
                }
            }
            for link in collect_links(&entry.root) {
                let shown = link.display();
                if let Some(lab) = link.lab() {
                    if !known_labs.is_empty() && !known_labs.iter().any(|l| l == lab) {
                        report(Some(link.line), format!("link to unknown lab `[[{shown}]]`"));
                    }
                    continue;
                }
                if link.embed && is_image(&link.target) {
                    if !assets.contains_key(&link.target) {
                        report(Some(link.line), format!("`![[{shown}]]`: no such picture in {assets_dir}"));
                    } else if let (_, Some(other)) = picture_language(&link.target)
                        && other != lang.code()
                    {
                        report(
                            Some(link.line),
                            format!(
                                "`![[{shown}]]` is labelled in `{other}`, this lesson is `{}`",
                                lang.code()
                            ),
                        );
                    }
                    continue;
                }
                let target = if link.target.is_empty() { Some(entry) } else { entries.get(&link.target) };
                let Some(target) = target else {
                    report(Some(link.line), format!("link to a lesson that does not exist: `[[{shown}]]`"));
                    continue;
                };
                if let Some(fragment) = &link.fragment {
                    let found = match fragment.strip_prefix('^') {
                        Some(block) => target.blocks.iter().any(|b| b == block),
                        None => target.headings.contains(&crate::names::slugify(fragment)),
                    };
                    if !found {
                        report(
                            Some(link.line),
                            format!("`[[{shown}]]`: `{}` has no heading or block `{fragment}`", target.stem),
                        );
                    }
                }
            }
        }
    }

    // Every picture is shown somewhere: a file no lesson embeds is a stale copy or a typo.
    let embedded: BTreeSet<&String> = by_lang
        .values()
        .flat_map(|entries| entries.values())
        .flat_map(|entry| collect_links(&entry.root))
        .filter(|link| link.embed)
        .filter_map(|link| assets.get_key_value(&link.target).map(|(name, _)| name))
        .collect();
    for name in assets.keys().filter(|name| is_image(name) && !embedded.contains(name)) {
        problems.push(ContentProblem {
            file: format!("{assets_dir}/{name}"),
            line: None,
            problem: "no lesson embeds this picture".to_owned(),
        });
    }

    // Pictures run no code, reach nothing outside themselves and carry their own light card.
    for (name, bytes) in assets.iter().filter(|(name, _)| name.to_ascii_lowercase().ends_with(".svg")) {
        let file = format!("{assets_dir}/{name}");
        let Ok(svg) = std::str::from_utf8(bytes) else {
            problems.push(ContentProblem { file, line: None, problem: "not valid UTF-8".to_owned() });
            continue;
        };
        for (line, problem) in crate::svg_lint::lint(svg) {
            problems.push(ContentProblem { file: file.clone(), line, problem });
        }
    }

    // Parity: same ids, sections, quiz, lab links, pictures and block ids in both languages.
    let ko = by_lang.get("ko").unwrap_or(&empty);
    let en = by_lang.get("en").unwrap_or(&empty);
    for (mine, theirs, other) in [(ko, en, "en"), (en, ko, "ko")] {
        for (stem, entry) in mine {
            if !theirs.contains_key(stem) {
                problems.push(ContentProblem {
                    file: entry.path.clone(),
                    line: None,
                    problem: format!("missing in the other language: content/{other}/{stem}.md"),
                });
            }
        }
    }
    for (stem, k) in ko {
        let Some(e) = en.get(stem) else { continue };
        let mut differ = |what: &str, ko_side: String, en_side: String| {
            if ko_side != en_side {
                problems.push(ContentProblem {
                    file: e.path.clone(),
                    line: None,
                    problem: format!("{what} differ from {}: ko {ko_side}, en {en_side}", k.path),
                });
            }
        };
        differ("`##` sections", k.sections.to_string(), e.sections.to_string());
        differ("quiz questions", k.answers.len().to_string(), e.answers.len().to_string());
        differ("lab links", format!("{:?}", k.lab_links), format!("{:?}", e.lab_links));
        differ("pictures", format!("{:?}", k.pictures), format!("{:?}", e.pictures));
        let (kb, eb): (BTreeSet<_>, BTreeSet<_>) = (k.blocks.iter().collect(), e.blocks.iter().collect());
        differ("block ids", format!("{kb:?}"), format!("{eb:?}"));
        if !k.answers.is_empty() && !e.answers.is_empty() && k.answers != e.answers {
            problems.push(ContentProblem {
                file: e.path.clone(),
                line: None,
                problem: format!(
                    "quiz answers differ from {}: ko {:?}, en {:?} (right options per question)",
                    k.path, k.answers, e.answers
                ),
            });
        }
    }
    problems
}

fn line_of(node: &Node) -> Option<usize> {
    node.position().map(|p| p.start.line)
}

fn visit(node: &Node, f: &mut impl FnMut(&Node)) {
    f(node);
    if let Some(children) = node.children() {
        for child in children {
            visit(child, f);
        }
    }
}
