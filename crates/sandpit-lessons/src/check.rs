//! The content check: every rule of content/README.md that a machine can judge, over all built-in
//! lessons at once, returning every problem (file, line, what) instead of stopping at the first.

use std::collections::{BTreeMap, HashMap};
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

struct Entry {
    path: String,
    stem: String,
    fm: Option<BuiltinFrontMatter>,
    root: Parsed,
    headings: Vec<String>,
    blocks: Vec<String>,
    /// Per quiz question: the indices of the right options.
    answers: Vec<Vec<usize>>,
}

/// Checks the built-in lessons compiled into this binary. `known_labs` are the lab ids that
/// `[[lab:…]]` links and `labs:` may name; empty means lab ids are not checked.
pub fn check_builtin_content(known_labs: &[String]) -> Vec<ContentProblem> {
    let mut files = Vec::new();
    for lang in Lang::ALL {
        if let Some(dir) = crate::library::content_dir().get_dir(lang.code()) {
            for file in dir.files() {
                let name = file.path().file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
                files.push((lang, format!("content/{}/{name}", lang.code()), file.contents().to_vec()));
            }
        }
    }
    check_files(files, known_labs)
}

/// [`check_builtin_content`] for a folder laid out like `content/` (`<dir>/<lang>/<id>.md`).
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
    problems.extend(check_files(files, known_labs));
    problems
}

fn check_files(mut files: Vec<(Lang, String, Vec<u8>)>, known_labs: &[String]) -> Vec<ContentProblem> {
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
        visit(&root.root, &mut |node| match node {
            Node::Code(c) if c.lang.as_deref() == Some("quiz") => {
                quizzes += 1;
                let first = c.position.as_ref().map_or(1, |p| p.start.line + 1);
                match quiz::parse(&c.value, first) {
                    Ok(q) => answers.extend(q.questions.iter().map(quiz::Question::answers)),
                    Err(e) => report(Some(e.line), format!("quiz: {}", e.message)),
                }
            }
            Node::Html(h) => {
                report(line_of(node), format!("raw HTML is not allowed in lessons: `{}`", h.value.trim()))
            }
            Node::Image(_) | Node::ImageReference(_) => {
                report(line_of(node), "images are not allowed in lessons".to_owned())
            }
            _ => {}
        });
        if quizzes == 0 {
            report(None, "no self-check quiz (a ```quiz block)".to_owned());
        }
        by_lang
            .entry(lang.code())
            .or_default()
            .insert(stem.clone(), Entry { path, stem, fm, root, headings, blocks, answers });
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
                    report(Some(link.line), format!("images are not allowed in lessons: `![[{shown}]]`"));
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

    // Parity: same ids, same quiz answers.
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
        if let Some(e) = en.get(stem)
            && !k.answers.is_empty()
            && !e.answers.is_empty()
            && k.answers != e.answers
        {
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
