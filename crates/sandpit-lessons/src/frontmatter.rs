//! YAML front matter: finding it, and reading it strictly (built-in lessons) or leniently
//! (imported notes, where anything goes and only `title` and `tags` mean something to us).

use crate::left_out::LeftOut;
use serde_yaml_ng::{Mapping, Value};

/// A Markdown file split into its front matter and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The YAML between the `---` lines, if the file starts with front matter.
    pub(crate) yaml: Option<&'a str>,
    /// The Markdown source with the front matter replaced by as many empty lines, so that line
    /// numbers in the body stay those of the file.
    pub(crate) body: String,
}

/// Splits `source` at its front matter: `---` on the first line, closed by `---` or `...` alone
/// on a line. Without a closing line there is no front matter (as in Obsidian).
pub(crate) fn split(source: &str) -> Split<'_> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Split { yaml: None, body: source.to_owned() };
    }
    let mut offset = first.len();
    let yaml_start = offset;
    for line in lines {
        let end = offset + line.len();
        if matches!(line.trim_end(), "---" | "...") {
            let yaml = &source[yaml_start..offset];
            let newlines = source[..end].matches('\n').count();
            let mut body = "\n".repeat(newlines);
            body.push_str(&source[end..]);
            return Split { yaml: Some(yaml), body };
        }
        offset = end;
    }
    Split { yaml: None, body: source.to_owned() }
}

/// The topics a built-in lesson may belong to (content/README.md).
pub const TOPICS: &[&str] = &[
    "basics",
    "security",
    "networking",
    "compute",
    "databases",
    "storage",
    "delivery",
    "serverless",
    "operations",
    "cost",
    "devops",
    "project",
];

/// The front matter of a built-in lesson, after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BuiltinFrontMatter {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) order: u32,
    pub(crate) topic: String,
    pub(crate) tags: Vec<String>,
    pub(crate) labs: Vec<String>,
    pub(crate) related: Vec<String>,
}

/// What is wrong with a built-in lesson's front matter: the field (empty for the block as a
/// whole) and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldProblem {
    pub(crate) field: String,
    pub(crate) problem: String,
}

fn problem(field: &str, problem: impl Into<String>) -> FieldProblem {
    FieldProblem { field: field.to_owned(), problem: problem.into() }
}

/// `true` for ids made of lowercase ASCII letters, digits and inner `-`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads a built-in lesson's front matter; `stem` is the file name without `.md`.
/// Every field is checked and every problem returned, so a writer fixes them in one go.
pub(crate) fn parse_builtin(yaml: Option<&str>, stem: &str) -> Result<BuiltinFrontMatter, Vec<FieldProblem>> {
    let Some(yaml) = yaml else {
        return Err(vec![problem("", "no front matter (the file must start with a `---` line)")]);
    };
    let map = match serde_yaml_ng::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => map,
        Ok(_) => return Err(vec![problem("", "front matter is not a YAML mapping")]),
        Err(err) => {
            return Err(vec![problem("", format!("front matter is not valid YAML: {err}"))]);
        }
    };
    let mut problems = Vec::new();
    for key in map.keys() {
        match key.as_str() {
            Some("id" | "title" | "order" | "topic" | "tags" | "labs" | "related") => {}
            Some(other) => problems.push(problem(other, "unknown field")),
            None => problems.push(problem("", format!("a key that is not a string: {key:?}"))),
        }
    }
    let id = required_string(&map, "id", &mut problems);
    if let Some(id) = &id {
        if !is_valid_id(id) {
            problems.push(problem("id", format!("`{id}` is not lowercase letters, digits and `-`")));
        } else if id != stem {
            problems.push(problem("id", format!("`{id}` differs from the file name `{stem}.md`")));
        }
    }
    let title = required_string(&map, "title", &mut problems);
    let order = match map.get("order") {
        None => {
            problems.push(problem("order", "missing"));
            None
        }
        Some(value) => match value.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                problems.push(problem("order", "must be a whole number ≥ 0"));
                None
            }
        },
    };
    let topic = required_string(&map, "topic", &mut problems);
    if let Some(topic) = &topic
        && !TOPICS.contains(&topic.as_str())
    {
        problems.push(problem("topic", format!("`{topic}` is not one of {}", TOPICS.join(", "))));
    }
    let tags = string_list(&map, "tags", &mut problems);
    let labs = string_list(&map, "labs", &mut problems);
    let related = string_list(&map, "related", &mut problems);
    for lab in &labs {
        if !is_valid_id(lab) {
            problems.push(problem("labs", format!("`{lab}` is not a lab id")));
        }
    }
    for other in &related {
        if !is_valid_id(other) {
            problems.push(problem("related", format!("`{other}` is not a lesson id")));
        }
    }
    match (id, title, order, topic) {
        (Some(id), Some(title), Some(order), Some(topic)) if problems.is_empty() => {
            Ok(BuiltinFrontMatter { id, title, order, topic, tags, labs, related })
        }
        _ => Err(problems),
    }
}

fn required_string(map: &Mapping, field: &str, problems: &mut Vec<FieldProblem>) -> Option<String> {
    match map.get(field) {
        None => {
            problems.push(problem(field, "missing"));
            None
        }
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::String(_)) => {
            problems.push(problem(field, "empty"));
            None
        }
        Some(_) => {
            problems.push(problem(field, "must be a string"));
            None
        }
    }
}

fn string_list(map: &Mapping, field: &str, problems: &mut Vec<FieldProblem>) -> Vec<String> {
    match map.get(field) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Sequence(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_owned()),
                    _ => problems.push(problem(field, format!("{item:?} is not a non-empty string"))),
                }
            }
            out
        }
        Some(_) => {
            problems.push(problem(field, "must be a list, e.g. [a, b] or []"));
            Vec::new()
        }
    }
}

/// What an imported note's front matter tells us.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NoteFrontMatter {
    pub(crate) title: Option<String>,
    pub(crate) tags: Vec<String>,
}

/// Reads an imported note's front matter. Only unparseable YAML is an error; unknown fields
/// and odd types are ignored. Obsidian allows `tags: a, b` as well as `tags: [a, b]`.
pub(crate) fn parse_note(yaml: Option<&str>) -> Result<NoteFrontMatter, LeftOut> {
    let Some(yaml) = yaml else {
        return Ok(NoteFrontMatter::default());
    };
    let map = match serde_yaml_ng::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => map,
        Ok(Value::Null) => return Ok(NoteFrontMatter::default()),
        Ok(_) => return Err(LeftOut::FrontMatterNotMapping),
        Err(err) => return Err(LeftOut::FrontMatterYaml(err.to_string())),
    };
    let title = match map.get("title") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let tags = match map.get("tags").or_else(|| map.get("tag")) {
        Some(Value::Sequence(items)) => items.iter().filter_map(scalar_string).collect(),
        Some(Value::String(s)) => s
            .split([',', ' '])
            .map(|t| t.trim().trim_start_matches('#'))
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    Ok(NoteFrontMatter { title, tags })
}

fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().trim_start_matches('#').to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_replaced_by_blank_lines() {
        let s = split("---\nid: a\ntitle: b\n---\n# Body\n");
        assert_eq!(s.yaml, Some("id: a\ntitle: b\n"));
        assert_eq!(s.body, "\n\n\n\n# Body\n");
    }

    #[test]
    fn an_unclosed_fence_is_not_front_matter() {
        let s = split("---\nnot closed\n");
        assert_eq!(s.yaml, None);
        assert_eq!(s.body, "---\nnot closed\n");
    }

    #[test]
    fn builtin_front_matter_reports_every_bad_field() {
        let yaml = "id: Other\ntitle: ''\norder: -1\ntopic: cooking\ntags: x\ncolour: red\n";
        let problems = parse_builtin(Some(yaml), "stem").unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["colour", "id", "title", "order", "topic", "tags"]);
    }

    #[test]
    fn builtin_front_matter_reads_a_good_lesson() {
        let yaml = "id: vpc-igw-nat\ntitle: 인터넷 게이트웨이\norder: 7\ntopic: networking\n\
                    tags: [vpc, nat]\nlabs: [three-tier-vpc]\nrelated: []\n";
        let fm = parse_builtin(Some(yaml), "vpc-igw-nat").unwrap();
        assert_eq!(fm.order, 7);
        assert_eq!(fm.labs, ["three-tier-vpc"]);
        assert!(fm.related.is_empty());
    }

    #[test]
    fn note_tags_may_be_a_comma_separated_string() {
        let fm = parse_note(Some("title: 노트\ntags: \"aws, #vpc\"\n")).unwrap();
        assert_eq!(fm.title.as_deref(), Some("노트"));
        assert_eq!(fm.tags, ["aws", "vpc"]);
        assert!(parse_note(Some("title: [unclosed\n")).is_err());
    }
}
