//! Lab definitions: data in `labs/<id>/lab.toml`, loaded and validated here.
//!
//! A lab is steps, bilingual text (Markdown), parameters with defaults, and per step a list of
//! checks naming a check kind from [`crate::checks`] with its arguments. Every problem in a lab
//! file is reported with the file, line and field, and a lab set with any broken file is refused
//! whole, so nobody is guided by half a lab.
//!
//! Text and check arguments may use `{{param}}` placeholders; they are replaced by the
//! parameter's value (the default, or `--param name=value`). A placeholder that is the whole
//! string takes the parameter's type (a port stays a number).
//!
//! # Steps by reference
//!
//! A `[[step]]` may name another lab's steps instead of writing one: `include = "lab-id"` takes
//! every step of that lab, `include = "lab-id/step-id"` one step. Included steps are used as
//! written (text, hints, checks); their ids get the lab's id in front (`vpc-peering/db-vpc`), so
//! they stay unique whatever else a lab includes, and `--step vpc-peering/db-vpc` checks one.
//! The included lab's parameters become the including lab's: `params = { app_vpc_cidr =
//! "vpc_cidr" }` on the include calls one of them by another name (the same value as this lab's
//! `vpc_cidr`). Two included parameters with one name must have the same type, and the same
//! default unless the including lab declares the parameter itself. A lab that includes a
//! billable lab is billable. Only labs that include nothing can be included. A reference to a
//! missing lab, step or parameter is refused when the labs load, with the file and line.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::Deserialize;
use toml::Spanned;

use crate::checks::{self, Check, CheckKind};
use crate::file_error::{FileError, line_col};
use crate::reach::{Protocol, Question};
use crate::snapshot::{ReadScope, ResourceKind, ZoneScope};
use crate::{Lang, Localized};

static BUILTIN_LABS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../labs");

/// Everything that can be wrong with lab files or lab parameters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabError {
    /// One or more lab files are invalid.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<FileError>),
    /// The lab folder could not be read.
    #[error("cannot read lab folder {path}: {message}")]
    Unreadable {
        /// The folder.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// No lab has this id.
    #[error("unknown lab `{id}` (known labs: {known})")]
    UnknownLab {
        /// The id asked for.
        id: String,
        /// The ids there are.
        known: String,
    },
    /// A `--param` value is wrong.
    #[error("{}", .0.en)]
    BadParam(Localized),
    /// A `--step` names no step of the lab.
    #[error("lab `{lab}` has no step `{step}` (steps: {known})")]
    UnknownStep {
        /// The lab.
        lab: String,
        /// The step asked for.
        step: String,
        /// The steps there are.
        known: String,
    },
}

impl crate::msg::Explain for LabError {
    fn explain(&self, _: crate::msg::Place) -> Localized {
        match self {
            LabError::Invalid(problems) => {
                let head = crate::msg!("error-lab-files");
                let lines: String = problems.iter().map(|p| format!("\n  {p}")).collect();
                Localized::new(format!("{}{lines}", head.en), format!("{}{lines}", head.ko))
            }
            LabError::Unreadable { path, message } => {
                crate::msg!("error-lab-folder", path = path.display().to_string(), detail = message.as_str())
            }
            LabError::UnknownLab { id, known } => {
                crate::msg!("error-unknown-lab", id = id.as_str(), known = known.as_str())
            }
            LabError::BadParam(said) => said.clone(),
            LabError::UnknownStep { lab, step, known } => {
                crate::msg!(
                    "error-unknown-step",
                    lab = lab.as_str(),
                    step = step.as_str(),
                    known = known.as_str()
                )
            }
        }
    }
}

/// The type of a lab parameter; `--param` values are validated against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamType {
    /// An IPv4 CIDR block such as `10.10.0.0/16`.
    Cidr,
    /// A TCP port, 1–65535.
    Port,
    /// A whole number.
    Integer,
    /// A decimal number, e.g. an amount of money.
    Number,
    /// A DNS domain name such as `example.com`.
    Domain,
    /// Any text (a Name tag, a group name).
    String,
}

impl ParamType {
    /// The type's name as lab files write it (`cidr`, `port`, …).
    pub fn name(self) -> &'static str {
        match self {
            ParamType::Cidr => "cidr",
            ParamType::Port => "port",
            ParamType::Integer => "integer",
            ParamType::Number => "number",
            ParamType::Domain => "domain",
            ParamType::String => "string",
        }
    }

    /// Checks a value and returns it normalised, or says what is wrong with it.
    pub fn parse(self, raw: &str) -> Result<ParamValue, Localized> {
        let value = raw.trim();
        match self {
            ParamType::Cidr => checks::args::Cidr::parse(value)
                .map(|c| ParamValue::Text(c.to_string()))
                .map_err(|e| e.localized()),
            ParamType::Port => match value.parse::<u16>() {
                Ok(port) if port > 0 => Ok(ParamValue::Integer(i64::from(port))),
                _ => Err(crate::msg!("param-not-port", value = value)),
            },
            ParamType::Integer => value
                .parse::<i64>()
                .map(ParamValue::Integer)
                .map_err(|_| crate::msg!("param-not-integer", value = value)),
            ParamType::Number => match value.parse::<f64>() {
                Ok(n) if n.is_finite() => Ok(ParamValue::Number(n)),
                _ => Err(crate::msg!("param-not-number", value = value)),
            },
            ParamType::Domain => {
                let domain = value.trim_end_matches('.').to_ascii_lowercase();
                let valid = !domain.is_empty()
                    && domain.len() <= 253
                    && domain.split('.').all(|label| {
                        !label.is_empty()
                            && label.len() <= 63
                            && !label.starts_with('-')
                            && !label.ends_with('-')
                            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    });
                if valid {
                    Ok(ParamValue::Text(domain))
                } else {
                    Err(crate::msg!("param-not-domain", value = value))
                }
            }
            ParamType::String => {
                if value.is_empty() {
                    Err(crate::msg!("param-empty"))
                } else {
                    Ok(ParamValue::Text(value.to_owned()))
                }
            }
        }
    }
}

/// A parameter's value, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue {
    /// Text (also CIDRs and domains).
    Text(String),
    /// A whole number (also ports).
    Integer(i64),
    /// A decimal number.
    Number(f64),
}

impl fmt::Display for ParamValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamValue::Text(s) => f.write_str(s),
            ParamValue::Integer(n) => write!(f, "{n}"),
            ParamValue::Number(n) => write!(f, "{n}"),
        }
    }
}

impl ParamValue {
    fn to_toml(&self) -> toml::Value {
        match self {
            ParamValue::Text(s) => toml::Value::String(s.clone()),
            ParamValue::Integer(n) => toml::Value::Integer(*n),
            ParamValue::Number(n) => toml::Value::Float(*n),
        }
    }
}

/// A lab parameter.
#[derive(Debug, Clone)]
pub struct ParamDef {
    /// Its name, used as `{{name}}` and `--param name=value`.
    pub name: String,
    /// Its type.
    pub kind: ParamType,
    /// Its default, already validated.
    pub default: ParamValue,
    /// What it means.
    pub description: Localized,
    /// Where `--discover` reads its value in the account, when it can (`discover = "…"`).
    pub discover: Option<crate::discover::Source>,
}

/// A list of texts per language (hints).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalizedList {
    /// Korean texts.
    #[serde(default)]
    pub ko: Vec<String>,
    /// English texts.
    #[serde(default)]
    pub en: Vec<String>,
}

impl LocalizedList {
    /// The texts in `lang`.
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Ko => &self.ko,
            Lang::En => &self.en,
        }
    }
}

/// One check of a step: a check kind and its (unsubstituted) arguments.
#[derive(Debug, Clone)]
pub struct CheckDef {
    /// The kind.
    pub kind: &'static CheckKind,
    /// Its arguments as written, `{{param}}` placeholders included.
    pub args: toml::Table,
    /// Where it is written, for errors found later.
    pub line: usize,
}

/// One step of a lab.
#[derive(Debug, Clone)]
pub struct Step {
    /// Its id, unique in the lab.
    pub id: String,
    /// Its title.
    pub title: Localized,
    /// How to do it in the AWS console (Markdown).
    pub console: Localized,
    /// The AWS CLI equivalent (shell).
    pub cli: String,
    /// Why the step matters (Markdown).
    pub why: Localized,
    /// Hints, revealed one at a time.
    pub hints: LocalizedList,
    /// Lessons that teach what the step practises.
    pub lessons: Vec<String>,
    /// Its checks.
    pub checks: Vec<CheckDef>,
    /// The lab file it is written in (another lab's, for a step included by reference), for
    /// messages about its checks.
    pub source: String,
    /// The "why doesn't this work?" question it links to (a prefilled `sandpit reach`).
    pub reach: Option<ReachLink>,
}

/// A path question a step links to, as written (`{{param}}` placeholders included); validated
/// when the lab loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachLink {
    /// `--from`.
    pub from: String,
    /// `--from-subnet`.
    pub from_subnet: Option<String>,
    /// `--to`.
    pub to: String,
    /// `--to-subnet`.
    pub to_subnet: Option<String>,
    /// `--port`, as written (a number or a placeholder).
    pub port: Option<String>,
    /// `--protocol`.
    pub protocol: Protocol,
    /// Where it is written.
    pub line: usize,
}

impl ReachLink {
    /// The question with `params` filled in.
    pub fn question(&self, params: &Params) -> Result<Question, String> {
        let text = |s: &str| params.substitute(s).trim().to_owned();
        let port = match &self.port {
            Some(raw) => {
                let value = text(raw);
                match value.parse::<u16>() {
                    Ok(p) if p > 0 => Some(p),
                    _ => return Err(format!("`{value}` is not a port (1-65535)")),
                }
            }
            None => None,
        };
        if self.protocol.has_port() && port.is_none() {
            return Err(format!("a {} question needs a port", self.protocol));
        }
        let question = Question {
            from: text(&self.from),
            to: text(&self.to),
            from_subnet: self.from_subnet.as_deref().map(text),
            to_subnet: self.to_subnet.as_deref().map(text),
            protocol: self.protocol,
            port,
        };
        if question.from.is_empty() || question.to.is_empty() {
            return Err("`from` and `to` must name an endpoint".to_owned());
        }
        Ok(question)
    }
}

/// A lab, validated.
#[derive(Debug, Clone)]
pub struct Lab {
    /// Its id (= its folder name).
    pub id: String,
    /// Its position in the lab list.
    pub order: u32,
    /// Whether building it costs money (NAT gateway, RDS, load balancer, EC2).
    pub billable: bool,
    /// Its title.
    pub title: Localized,
    /// What the learner builds and learns (Markdown).
    pub summary: Localized,
    /// How to tear it down afterwards (Markdown), when building it leaves billable resources.
    pub cleanup: Option<Localized>,
    /// Lessons to read first.
    pub lessons: Vec<String>,
    /// Its parameters.
    pub params: Vec<ParamDef>,
    /// Its steps, in order.
    pub steps: Vec<Step>,
    /// The file it came from, for messages.
    pub source: String,
}

/// Parameter values for one check of one lab: defaults overridden by `--param`.
#[derive(Debug, Clone, Default)]
pub struct Params {
    values: BTreeMap<String, ParamValue>,
}

impl Params {
    /// The value of a parameter.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.values.get(name)
    }

    /// Every parameter and its value.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ParamValue)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Replaces `{{name}}` placeholders in a text.
    pub fn substitute(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start + 2..].find("}}") else { break };
            let name = rest[start + 2..start + 2 + len].trim();
            out.push_str(&rest[..start]);
            match self.values.get(name) {
                Some(value) => out.push_str(&value.to_string()),
                None => out.push_str(&rest[start..start + 4 + len]),
            }
            rest = &rest[start + 4 + len..];
        }
        out.push_str(rest);
        out
    }

    fn substitute_value(&self, value: &toml::Value) -> toml::Value {
        match value {
            toml::Value::String(s) => match whole_placeholder(s).and_then(|n| self.values.get(n)) {
                Some(v) => v.to_toml(),
                None => toml::Value::String(self.substitute(s)),
            },
            toml::Value::Array(items) => {
                toml::Value::Array(items.iter().map(|v| self.substitute_value(v)).collect())
            }
            toml::Value::Table(table) => {
                toml::Value::Table(table.iter().map(|(k, v)| (k.clone(), self.substitute_value(v))).collect())
            }
            other => other.clone(),
        }
    }
}

fn whole_placeholder(s: &str) -> Option<&str> {
    let inner = s.trim().strip_prefix("{{")?.strip_suffix("}}")?;
    (!inner.contains("{{") && !inner.contains("}}")).then_some(inner.trim())
}

fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("{{").filter_map(move |(start, _)| {
        let rest = &text[start + 2..];
        rest.find("}}").map(|end| rest[..end].trim())
    })
}

/// A step's checks, built with concrete parameter values and ready to run.
#[derive(Debug)]
pub struct PreparedStep<'lab> {
    /// The step.
    pub step: &'lab Step,
    /// Its checks, built.
    pub checks: Vec<(&'static CheckKind, Box<dyn Check>)>,
}

impl Step {
    /// The parameters its checks use (`{{name}}` in their arguments).
    pub fn params_used(&self) -> BTreeSet<String> {
        self.checks
            .iter()
            .flat_map(|c| toml_strings(&toml::Value::Table(c.args.clone())))
            .flat_map(|s| placeholders(&s).map(str::to_owned).collect::<Vec<_>>())
            .collect()
    }
}

impl Lab {
    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// Parameter values: the defaults, overridden by `overrides` (`name`, `raw value`).
    /// Unknown names and values of the wrong type are refused, naming the parameter.
    pub fn params<'a>(
        &self,
        overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Params, LabError> {
        let mut values: BTreeMap<String, ParamValue> =
            self.params.iter().map(|p| (p.name.clone(), p.default.clone())).collect();
        for (name, raw) in overrides {
            let Some(def) = self.params.iter().find(|p| p.name == name) else {
                let known: Vec<_> = self.params.iter().map(|p| p.name.as_str()).collect();
                let known = if known.is_empty() { "-".to_owned() } else { known.join(", ") };
                return Err(LabError::BadParam(crate::msg!(
                    "param-unknown",
                    lab = self.id.as_str(),
                    name = name,
                    known = known
                )));
            };
            let value = def.kind.parse(raw).map_err(|problem| {
                let of_type = match def.kind {
                    ParamType::Cidr => crate::msg!("param-of-type-cidr", name = name),
                    ParamType::Port => crate::msg!("param-of-type-port", name = name),
                    ParamType::Integer => crate::msg!("param-of-type-integer", name = name),
                    ParamType::Number => crate::msg!("param-of-type-number", name = name),
                    ParamType::Domain => crate::msg!("param-of-type-domain", name = name),
                    ParamType::String => crate::msg!("param-of-type-string", name = name),
                };
                LabError::BadParam(Localized::new(
                    format!("--param {name}={raw}: {} ({})", problem.en, of_type.en),
                    format!("--param {name}={raw}: {} ({})", problem.ko, of_type.ko),
                ))
            })?;
            values.insert(name.to_owned(), value);
        }
        Ok(Params { values })
    }

    /// Builds every check of every step with `params` (the engine decides which steps run).
    pub fn prepare(&self, params: &Params) -> Result<Vec<PreparedStep<'_>>, LabError> {
        let mut errors = Vec::new();
        let steps = self
            .steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let checks = step
                    .checks
                    .iter()
                    .enumerate()
                    .filter_map(|(j, def)| {
                        let args = params.substitute_value(&toml::Value::Table(def.args.clone()));
                        match def.kind.build(args) {
                            Ok(check) => Some((def.kind, check)),
                            Err(message) => {
                                errors.push(FileError {
                                    file: step.source.clone(),
                                    line: Some(def.line),
                                    column: None,
                                    field: Some(format!("step[{i}].check[{j}] ({})", def.kind.name)),
                                    message,
                                });
                                None
                            }
                        }
                    })
                    .collect();
                PreparedStep { step, checks }
            })
            .collect();
        if errors.is_empty() { Ok(steps) } else { Err(LabError::Invalid(errors)) }
    }

    /// How much a check of this lab with `params` reads where reading everything costs: the
    /// records of the lab's hosted zone only (every public zone's when `discover` must choose
    /// among them, the only one's for `auto`).
    pub fn read_scope(&self, params: &Params, discover: bool) -> ReadScope {
        let mut named = BTreeSet::new();
        let mut auto = false;
        for step in self.prepare(params).unwrap_or_default() {
            for (_, check) in &step.checks {
                match check.hosted_zone() {
                    Some(d) if d == crate::checks::AUTO_DOMAIN => auto = true,
                    Some(d) => {
                        named.insert(crate::snapshot::normalize_dns_name(d));
                    }
                    None => {}
                }
            }
        }
        let zones = if !named.is_empty() && !auto {
            ZoneScope::Named(named)
        } else if auto && named.is_empty() && !discover {
            ZoneScope::OnlyOne
        } else {
            // Discovery compares the zones (or a lab mixes `auto` with named zones).
            ZoneScope::Every
        };
        ReadScope { zones }
    }

    /// The resource types a check of this lab reads.
    pub fn resource_kinds(&self) -> BTreeSet<ResourceKind> {
        let mut kinds: BTreeSet<ResourceKind> =
            self.steps.iter().flat_map(|s| &s.checks).flat_map(|c| c.kind.needs.iter().copied()).collect();
        if self.billable {
            // The budget preflight reads the account's budgets.
            kinds.insert(ResourceKind::Budgets);
        }
        kinds
    }
}

/// A validated set of labs.
#[derive(Debug, Clone)]
pub struct LabSet {
    labs: Vec<Lab>,
}

impl LabSet {
    /// The labs that ship inside Sandpit (the repository's `labs/` folder, compiled in).
    pub fn builtin() -> Result<Self, LabError> {
        let mut files = Vec::new();
        for dir in BUILTIN_LABS.dirs() {
            if let Some(file) = dir.get_file(dir.path().join("lab.toml")) {
                let name = format!("labs/{}", file.path().display());
                let dir_name = dir.path().file_name().and_then(|n| n.to_str()).unwrap_or("");
                let text = file.contents_utf8().ok_or_else(|| LabError::Invalid(vec![not_utf8(&name)]))?;
                files.push((name, dir_name.to_owned(), text.to_owned()));
            }
        }
        Self::from_sources(files)
    }

    /// The labs in `dir`: every sub-folder holding a `lab.toml`.
    pub fn from_dir(dir: &Path) -> Result<Self, LabError> {
        let unreadable =
            |e: std::io::Error| LabError::Unreadable { path: dir.to_path_buf(), message: e.to_string() };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(unreadable)? {
            let entry = entry.map_err(unreadable)?;
            let path = entry.path().join("lab.toml");
            if !path.is_file() {
                continue;
            }
            let name = path.display().to_string();
            let dir_name = entry.file_name().to_string_lossy().into_owned();
            let text = match std::fs::read(&path) {
                Ok(bytes) => {
                    String::from_utf8(bytes).map_err(|_| LabError::Invalid(vec![not_utf8(&name)]))?
                }
                Err(e) => return Err(LabError::Unreadable { path, message: e.to_string() }),
            };
            files.push((name, dir_name, text));
        }
        if files.is_empty() {
            return Err(LabError::Unreadable {
                path: dir.to_path_buf(),
                message: "no lab folder (a folder with a lab.toml) in it".to_owned(),
            });
        }
        Self::from_sources(files)
    }

    /// Labs from `(file name, folder name, TOML text)`; all files are validated and every
    /// problem of every file is reported.
    pub fn from_sources(files: Vec<(String, String, String)>) -> Result<Self, LabError> {
        let mut parsed = Vec::new();
        let mut errors = Vec::new();
        for (file, dir_name, text) in &files {
            match parse_lab(file, dir_name, text) {
                Ok(lab) => parsed.push(lab),
                Err(mut errs) => errors.append(&mut errs),
            }
        }
        let mut labs = resolve_includes(parsed, &mut errors);
        let mut seen = BTreeSet::new();
        for lab in &labs {
            if !seen.insert(lab.id.clone()) {
                errors.push(FileError::whole(
                    &lab.source,
                    Some("id".to_owned()),
                    format!("another lab already has the id `{}`", lab.id),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(LabError::Invalid(errors));
        }
        labs.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        Ok(Self { labs })
    }

    /// Every lab, in list order.
    pub fn labs(&self) -> &[Lab] {
        &self.labs
    }

    /// The lab with this id, or an error listing the ids there are.
    pub fn get(&self, id: &str) -> Result<&Lab, LabError> {
        self.labs.iter().find(|l| l.id == id).ok_or_else(|| LabError::UnknownLab {
            id: id.to_owned(),
            known: self.labs.iter().map(|l| l.id.as_str()).collect::<Vec<_>>().join(", "),
        })
    }
}

fn not_utf8(file: &str) -> FileError {
    FileError::whole(file, None, "not UTF-8 text")
}

// What a lab file says, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLab {
    id: Spanned<String>,
    order: u32,
    #[serde(default)]
    billable: bool,
    title: Localized,
    summary: Localized,
    #[serde(default)]
    cleanup: Option<Localized>,
    #[serde(default)]
    lessons: Vec<String>,
    #[serde(default)]
    param: Vec<Spanned<RawParam>>,
    #[serde(default)]
    step: Vec<Spanned<RawStep>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam {
    name: String,
    #[serde(rename = "type")]
    kind: ParamType,
    default: toml::Value,
    description: Localized,
    #[serde(default)]
    discover: Option<String>,
}

/// A `[[step]]`: a step written here, or (`include`) a reference to another lab's steps. The
/// fields a written step needs are checked by hand, so an include can leave them out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    #[serde(default)]
    include: Option<Spanned<String>>,
    #[serde(default)]
    params: BTreeMap<String, String>,
    #[serde(default)]
    id: Option<Spanned<String>>,
    #[serde(default)]
    title: Option<Localized>,
    #[serde(default)]
    console: Option<Localized>,
    #[serde(default)]
    cli: Option<String>,
    #[serde(default)]
    why: Option<Localized>,
    #[serde(default)]
    hints: Option<LocalizedList>,
    #[serde(default)]
    lessons: Vec<String>,
    #[serde(default)]
    check: Vec<Spanned<toml::Table>>,
    #[serde(default)]
    reach: Option<Spanned<RawReach>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReach {
    from: String,
    to: String,
    #[serde(default)]
    from_subnet: Option<String>,
    #[serde(default)]
    to_subnet: Option<String>,
    #[serde(default)]
    port: Option<toml::Value>,
    #[serde(default)]
    protocol: Option<String>,
}

/// A reference to another lab's steps, as written; resolved once every lab file is read.
struct Include {
    /// The lab.
    lab: String,
    /// One step of it, or (`None`) every step.
    step: Option<String>,
    /// The included lab's parameters this lab calls by another name: theirs → ours.
    params: BTreeMap<String, String>,
    /// Where the reference is written.
    span: std::ops::Range<usize>,
    /// `step[3].include`
    field: String,
}

/// One `[[step]]` of a lab file, in order.
enum Entry {
    Own(Box<Step>),
    Include(Include),
}

/// A lab file read and checked on its own; its includes still to resolve.
struct Parsed {
    lab: Lab,
    entries: Vec<Entry>,
    text: String,
}

impl Parsed {
    fn includes(&self) -> impl Iterator<Item = &Include> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Include(i) => Some(i),
            Entry::Own(_) => None,
        })
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn parse_lab(file: &str, dir_name: &str, text: &str) -> Result<Parsed, Vec<FileError>> {
    let at = |span: std::ops::Range<usize>, field: Option<String>, message: String| {
        FileError::at(file, text, Some(span), field, message)
    };
    let raw: RawLab = toml::from_str(text).map_err(|e| vec![FileError::toml(file, text, &e)])?;

    let mut errors = Vec::new();
    let id = raw.id.get_ref().clone();
    if !is_slug(&id) {
        errors.push(at(
            raw.id.span(),
            Some("id".into()),
            format!("`{id}` is not a lab id (lowercase letters, digits and '-')"),
        ));
    } else if id != dir_name {
        errors.push(at(
            raw.id.span(),
            Some("id".into()),
            format!("the id `{id}` must equal the lab's folder name `{dir_name}`"),
        ));
    }

    let mut params = Vec::new();
    for (i, p) in raw.param.iter().enumerate() {
        let field = |f: &str| Some(format!("param[{i}].{f}"));
        let def = p.get_ref();
        if !def.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            || def.name.is_empty()
        {
            errors.push(at(
                p.span(),
                field("name"),
                format!("`{}` is not a parameter name (lowercase, digits, '_')", def.name),
            ));
        }
        if params.iter().any(|q: &ParamDef| q.name == def.name) {
            errors.push(at(p.span(), field("name"), format!("parameter `{}` is defined twice", def.name)));
        }
        let raw_default = match &def.default {
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(n) => n.to_string(),
            toml::Value::Float(n) => n.to_string(),
            other => other.to_string(),
        };
        let discover = match def.discover.as_deref().map(str::parse::<crate::discover::Source>) {
            None => None,
            Some(Ok(source)) if source.param_type() == def.kind => Some(source),
            Some(Ok(source)) => {
                errors.push(at(
                    p.span(),
                    field("discover"),
                    format!(
                        "`{source}` gives a {} value, but `{}` is a {} parameter",
                        source.param_type().name(),
                        def.name,
                        def.kind.name()
                    ),
                ));
                None
            }
            Some(Err(message)) => {
                errors.push(at(p.span(), field("discover"), message));
                None
            }
        };
        match def.kind.parse(&raw_default) {
            Ok(default) => params.push(ParamDef {
                name: def.name.clone(),
                kind: def.kind,
                default,
                description: def.description.clone(),
                discover,
            }),
            Err(message) => errors.push(at(p.span(), field("default"), message.en)),
        }
    }
    let defaults = Params { values: params.iter().map(|p| (p.name.clone(), p.default.clone())).collect() };
    let known_param = |name: &str| params.iter().any(|p| p.name == name);

    let mut entries: Vec<Entry> = Vec::new();
    let mut own_ids: Vec<String> = Vec::new();
    for (i, spanned) in raw.step.into_iter().enumerate() {
        let step_span = spanned.span();
        let raw_step = spanned.into_inner();
        if let Some(include) = raw_step.include {
            let field = format!("step[{i}].include");
            let written_too = [
                raw_step.id.is_some().then_some("id"),
                raw_step.title.is_some().then_some("title"),
                raw_step.console.is_some().then_some("console"),
                raw_step.cli.is_some().then_some("cli"),
                raw_step.why.is_some().then_some("why"),
                raw_step.hints.is_some().then_some("hints"),
                (!raw_step.lessons.is_empty()).then_some("lessons"),
                (!raw_step.check.is_empty()).then_some("check"),
            ];
            let written_too: Vec<&str> = written_too.into_iter().flatten().collect();
            if !written_too.is_empty() {
                errors.push(at(
                    include.span(),
                    Some(field.clone()),
                    format!(
                        "an included step is used as written in its lab: remove {} (or write a step of your own instead of `include`)",
                        written_too.join(", ")
                    ),
                ));
                continue;
            }
            let target = include.get_ref().trim().to_owned();
            let (lab, step) = match target.split_once('/') {
                Some((lab, step)) => (lab.to_owned(), Some(step.to_owned())),
                None => (target.clone(), None),
            };
            if !is_slug(&lab) || step.as_deref().is_some_and(|s| !is_slug(s)) {
                errors.push(at(
                    include.span(),
                    Some(field),
                    format!("`{target}` is not a lab id (`include = \"lab-id\"`) or a step of one (`include = \"lab-id/step-id\"`)"),
                ));
                continue;
            }
            if lab == id {
                errors.push(at(
                    include.span(),
                    Some(field),
                    format!("a lab cannot include itself (`{target}`)"),
                ));
                continue;
            }
            entries.push(Entry::Include(Include {
                lab,
                step,
                params: raw_step.params,
                span: include.span(),
                field,
            }));
            continue;
        }
        if !raw_step.params.is_empty() {
            errors.push(at(
                step_span.clone(),
                Some(format!("step[{i}].params")),
                "`params` renames an included lab's parameters: it goes with `include`".to_owned(),
            ));
        }
        let Some(id_spanned) = raw_step.id else {
            errors.push(at(step_span, Some(format!("step[{i}]")), "missing field `id`".to_owned()));
            continue;
        };
        let step_id = id_spanned.get_ref().clone();
        let id_span = id_spanned.span();
        let mut missing = Vec::new();
        for (name, present) in [
            ("title", raw_step.title.is_some()),
            ("console", raw_step.console.is_some()),
            ("cli", raw_step.cli.is_some()),
            ("why", raw_step.why.is_some()),
        ] {
            if !present {
                missing.push(name);
            }
        }
        if !missing.is_empty() {
            for name in missing {
                errors.push(at(
                    id_span.clone(),
                    Some(format!("step[{i}] ({step_id})")),
                    format!("missing field `{name}`"),
                ));
            }
            continue;
        }
        let (title, console, cli, why) = (
            raw_step.title.unwrap_or_default(),
            raw_step.console.unwrap_or_default(),
            raw_step.cli.unwrap_or_default(),
            raw_step.why.unwrap_or_default(),
        );
        if !is_slug(&step_id) {
            errors.push(at(
                id_span.clone(),
                Some(format!("step[{i}].id")),
                format!("`{step_id}` is not a step id (lowercase letters, digits and '-')"),
            ));
        }
        if own_ids.contains(&step_id) {
            errors.push(at(
                id_span.clone(),
                Some(format!("step[{i}].id")),
                format!("duplicate step id `{step_id}`"),
            ));
        }
        own_ids.push(step_id.clone());
        if raw.billable && step_id == crate::engine::PREFLIGHT_STEP {
            errors.push(at(
                id_span.clone(),
                Some(format!("step[{i}].id")),
                format!("`{step_id}` is the id of the budget preflight every billable lab starts with: choose another"),
            ));
        }
        let texts = [
            title.ko.as_str(),
            title.en.as_str(),
            console.ko.as_str(),
            console.en.as_str(),
            cli.as_str(),
            why.ko.as_str(),
            why.en.as_str(),
        ];
        for name in texts.iter().flat_map(|t| placeholders(t)) {
            if !known_param(name) {
                errors.push(at(
                    id_span.clone(),
                    Some(format!("step[{i}] ({step_id})")),
                    format!("the text uses `{{{{{name}}}}}`, which is not a parameter of this lab"),
                ));
            }
        }
        let mut checks = Vec::new();
        if raw_step.check.is_empty() {
            errors.push(at(
                id_span.clone(),
                Some(format!("step[{i}] ({step_id})")),
                "a step needs at least one [[step.check]]".to_owned(),
            ));
        }
        for (j, raw_check) in raw_step.check.iter().enumerate() {
            let span = raw_check.span();
            let field = format!("step[{i}].check[{j}]");
            let mut args = raw_check.get_ref().clone();
            let kind_name = match args.remove("kind") {
                Some(toml::Value::String(k)) => k,
                Some(_) => {
                    errors.push(at(span, Some(format!("{field}.kind")), "must be a string".to_owned()));
                    continue;
                }
                None => {
                    errors.push(at(
                        span,
                        Some(format!("{field}.kind")),
                        "missing: every check names a check kind".to_owned(),
                    ));
                    continue;
                }
            };
            let Some(kind) = checks::kind(&kind_name) else {
                errors.push(at(
                    span,
                    Some(format!("{field}.kind")),
                    format!(
                        "unknown check kind `{kind_name}` (known kinds: {})",
                        checks::kind_names().join(", ")
                    ),
                ));
                continue;
            };
            let unknown: Vec<_> = toml_strings(&toml::Value::Table(args.clone()))
                .into_iter()
                .flat_map(|s| placeholders(&s).map(str::to_owned).collect::<Vec<_>>())
                .filter(|name| !known_param(name))
                .collect();
            if !unknown.is_empty() {
                for name in unknown {
                    errors.push(at(
                        span.clone(),
                        Some(field.clone()),
                        format!("`{{{{{name}}}}}` is not a parameter of this lab"),
                    ));
                }
                continue;
            }
            // Build once with the defaults: bad arguments are found when the lab loads, not
            // when a learner first checks it.
            if let Err(message) = kind.build(defaults.substitute_value(&toml::Value::Table(args.clone()))) {
                errors.push(at(span.clone(), Some(format!("{field} ({kind_name})")), message));
                continue;
            }
            let (line, _) = line_col(text, span.start);
            checks.push(CheckDef { kind, args, line });
        }
        let reach = raw_step.reach.as_ref().and_then(|raw| {
            let field = format!("step[{i}].reach");
            let link = reach_link(raw, text, &defaults, &known_param);
            match link {
                Ok(link) => Some(link),
                Err((sub, message)) => {
                    errors.push(at(raw.span(), Some(format!("{field}{sub}")), message));
                    None
                }
            }
        });
        entries.push(Entry::Own(Box::new(Step {
            reach,
            id: step_id,
            title,
            console,
            cli,
            why,
            hints: raw_step.hints.unwrap_or_default(),
            lessons: raw_step.lessons,
            checks,
            source: file.to_owned(),
        })));
    }
    if entries.is_empty() {
        errors.push(FileError::whole(file, Some("step".into()), "a lab needs at least one [[step]]"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let lab = Lab {
        id,
        order: raw.order,
        billable: raw.billable,
        title: raw.title,
        summary: raw.summary,
        cleanup: raw.cleanup,
        lessons: raw.lessons,
        params,
        steps: Vec::new(),
        source: file.to_owned(),
    };
    Ok(Parsed { lab, entries, text: text.to_owned() })
}

/// `text` with every `{{name}}` whose name `renames` maps written as the new name.
fn rename_placeholders(text: &str, renames: &BTreeMap<String, String>) -> String {
    if renames.is_empty() || !text.contains("{{") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else { break };
        let name = rest[start + 2..start + 2 + len].trim();
        out.push_str(&rest[..start]);
        match renames.get(name) {
            Some(new) => out.push_str(&format!("{{{{{new}}}}}")),
            None => out.push_str(&rest[start..start + 4 + len]),
        }
        rest = &rest[start + 4 + len..];
    }
    out.push_str(rest);
    out
}

fn rename_in_value(value: &toml::Value, renames: &BTreeMap<String, String>) -> toml::Value {
    match value {
        toml::Value::String(s) => toml::Value::String(rename_placeholders(s, renames)),
        toml::Value::Array(items) => {
            toml::Value::Array(items.iter().map(|v| rename_in_value(v, renames)).collect())
        }
        toml::Value::Table(t) => {
            toml::Value::Table(t.iter().map(|(k, v)| (k.clone(), rename_in_value(v, renames))).collect())
        }
        other => other.clone(),
    }
}

/// An included lab's step as this lab uses it: its id prefixed with the lab's (`vpc-peering/
/// db-vpc`), so ids stay unique whatever else is included; its parameters renamed.
fn included_step(from: &Lab, step: &Step, renames: &BTreeMap<String, String>) -> Step {
    let text = |t: &Localized| t.map(|s| rename_placeholders(s, renames));
    Step {
        id: format!("{}/{}", from.id, step.id),
        title: text(&step.title),
        console: text(&step.console),
        cli: rename_placeholders(&step.cli, renames),
        why: text(&step.why),
        hints: LocalizedList {
            ko: step.hints.ko.iter().map(|h| rename_placeholders(h, renames)).collect(),
            en: step.hints.en.iter().map(|h| rename_placeholders(h, renames)).collect(),
        },
        lessons: step.lessons.clone(),
        reach: step.reach.as_ref().map(|r| {
            let rename = |s: &str| rename_placeholders(s, renames);
            ReachLink {
                from: rename(&r.from),
                from_subnet: r.from_subnet.as_deref().map(rename),
                to: rename(&r.to),
                to_subnet: r.to_subnet.as_deref().map(rename),
                port: r.port.as_deref().map(rename),
                protocol: r.protocol,
                line: r.line,
            }
        }),
        checks: step
            .checks
            .iter()
            .map(|c| CheckDef {
                kind: c.kind,
                args: match rename_in_value(&toml::Value::Table(c.args.clone()), renames) {
                    toml::Value::Table(t) => t,
                    _ => c.args.clone(),
                },
                line: c.line,
            })
            .collect(),
        source: step.source.clone(),
    }
}

/// Puts every lab's included steps in place, merging the included labs' parameters into the
/// including lab's: a parameter with the same name (after `params` renames) must have the same
/// type, and the same default unless the including lab declares it itself. Only labs that
/// include nothing can be included, so references never chain or loop.
fn resolve_includes(parsed: Vec<Parsed>, errors: &mut Vec<FileError>) -> Vec<Lab> {
    let plain: BTreeMap<String, Lab> = parsed
        .iter()
        .filter(|p| p.includes().next().is_none())
        .map(|p| {
            let mut lab = p.lab.clone();
            lab.steps = p
                .entries
                .iter()
                .filter_map(|e| match e {
                    Entry::Own(s) => Some(Step::clone(s)),
                    Entry::Include(_) => None,
                })
                .collect();
            (lab.id.clone(), lab)
        })
        .collect();
    let including: BTreeSet<String> =
        parsed.iter().filter(|p| p.includes().next().is_some()).map(|p| p.lab.id.clone()).collect();
    let mut labs = Vec::new();
    for p in parsed {
        if let Some(lab) = plain.get(&p.lab.id) {
            labs.push(lab.clone());
            continue;
        }
        let Parsed { mut lab, entries, text } = p;
        let file = lab.source.clone();
        let at = |span: &std::ops::Range<usize>, field: &str, message: String| {
            FileError::at(&file, &text, Some(span.clone()), Some(field.to_owned()), message)
        };
        let mut own_errors = Vec::new();
        let declared: BTreeSet<String> = lab.params.iter().map(|p| p.name.clone()).collect();
        let mut steps: Vec<Step> = Vec::new();
        for entry in entries {
            let include = match entry {
                Entry::Own(step) => {
                    steps.push(*step);
                    continue;
                }
                Entry::Include(include) => include,
            };
            let Some(from) = plain.get(&include.lab) else {
                let message = if including.contains(&include.lab) {
                    format!(
                        "lab `{}` includes other labs itself: include the labs it is made of instead",
                        include.lab
                    )
                } else {
                    let known: Vec<&str> = plain.keys().map(String::as_str).collect();
                    format!("there is no lab `{}` to include (labs: {})", include.lab, known.join(", "))
                };
                own_errors.push(at(&include.span, &include.field, message));
                continue;
            };
            let chosen: Vec<&Step> = match &include.step {
                None => from.steps.iter().collect(),
                Some(id) => match from.step(id) {
                    Some(step) => vec![step],
                    None => {
                        let known: Vec<&str> = from.steps.iter().map(|s| s.id.as_str()).collect();
                        own_errors.push(at(
                            &include.span,
                            &include.field,
                            format!("lab `{}` has no step `{id}` (steps: {})", from.id, known.join(", ")),
                        ));
                        continue;
                    }
                },
            };
            for theirs in include.params.keys() {
                if !from.params.iter().any(|p| p.name == *theirs) {
                    let known: Vec<&str> = from.params.iter().map(|p| p.name.as_str()).collect();
                    own_errors.push(at(
                        &include.span,
                        &format!("{}.params", include.field.trim_end_matches(".include")),
                        format!(
                            "lab `{}` has no parameter `{theirs}` to rename (parameters: {})",
                            from.id,
                            known.join(", ")
                        ),
                    ));
                }
            }
            for param in &from.params {
                let name = include.params.get(&param.name).cloned().unwrap_or_else(|| param.name.clone());
                match lab.params.iter().find(|p| p.name == name) {
                    Some(ours) if ours.kind != param.kind => own_errors.push(at(
                        &include.span,
                        &include.field,
                        format!(
                            "parameter `{name}` is a {} here but `{}` of lab `{}` is a {}",
                            ours.kind.name(),
                            param.name,
                            from.id,
                            param.kind.name()
                        ),
                    )),
                    Some(ours) if ours.default != param.default && !declared.contains(&name) => own_errors.push(at(
                        &include.span,
                        &include.field,
                        format!(
                            "parameter `{name}` defaults to {} in one included lab and to {} in lab `{}`: declare it in this lab to choose",
                            ours.default, param.default, from.id
                        ),
                    )),
                    Some(_) => {}
                    None => lab.params.push(ParamDef { name, ..param.clone() }),
                }
            }
            let renames: BTreeMap<String, String> =
                include.params.iter().filter(|(a, b)| a != b).map(|(a, b)| (a.clone(), b.clone())).collect();
            for step in chosen {
                let step = included_step(from, step, &renames);
                if steps.iter().any(|s| s.id == step.id) {
                    own_errors.push(at(
                        &include.span,
                        &include.field,
                        format!("step `{}` is included twice", step.id),
                    ));
                    continue;
                }
                steps.push(step);
            }
            lab.billable |= from.billable;
        }
        if own_errors.is_empty() {
            lab.steps = steps;
            // The included checks again, with this lab's defaults: a renamed parameter of another
            // type is refused here, at the include.
            let defaults =
                Params { values: lab.params.iter().map(|p| (p.name.clone(), p.default.clone())).collect() };
            if let Err(LabError::Invalid(mut errs)) = lab.prepare(&defaults) {
                own_errors.append(&mut errs);
            }
        }
        if own_errors.is_empty() {
            labs.push(lab);
        } else {
            errors.append(&mut own_errors);
        }
    }
    labs
}

/// A step's `reach` link, checked with the parameters' defaults: every placeholder known, the
/// protocol known, the port a port. The error names the sub-field (`.port`).
fn reach_link(
    raw: &Spanned<RawReach>,
    text: &str,
    defaults: &Params,
    known_param: &dyn Fn(&str) -> bool,
) -> Result<ReachLink, (String, String)> {
    let r = raw.get_ref();
    let port = match &r.port {
        None => None,
        Some(toml::Value::Integer(n)) => Some(n.to_string()),
        Some(toml::Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err((
                ".port".into(),
                format!("`{other}` is not a port: write a number or a placeholder"),
            ));
        }
    };
    let fields = [
        (".from", Some(r.from.as_str())),
        (".to", Some(r.to.as_str())),
        (".from_subnet", r.from_subnet.as_deref()),
        (".to_subnet", r.to_subnet.as_deref()),
        (".port", port.as_deref()),
    ];
    for (name, value) in fields {
        if let Some(unknown) = value.into_iter().flat_map(placeholders).find(|p| !known_param(p)) {
            return Err((name.into(), format!("`{{{{{unknown}}}}}` is not a parameter of this lab")));
        }
    }
    let protocol = match &r.protocol {
        None => Protocol::Tcp,
        Some(p) => p.parse().map_err(|e: String| (".protocol".to_owned(), e))?,
    };
    let (line, _) = line_col(text, raw.span().start);
    let link = ReachLink {
        from: r.from.clone(),
        from_subnet: r.from_subnet.clone(),
        to: r.to.clone(),
        to_subnet: r.to_subnet.clone(),
        port,
        protocol,
        line,
    };
    link.question(defaults).map_err(|message| {
        let sub = if message.contains("port") { ".port" } else { "" };
        (sub.to_owned(), message)
    })?;
    Ok(link)
}

fn toml_strings(value: &toml::Value) -> Vec<String> {
    match value {
        toml::Value::String(s) => vec![s.clone()],
        toml::Value::Array(items) => items.iter().flat_map(toml_strings).collect(),
        toml::Value::Table(t) => t.values().flat_map(toml_strings).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
