//! A classroom roster: the class and its teams, each with the AWS account the team builds its
//! labs in and the read-only role the instructor assumes to check it.
//!
//! ```toml
//! [class]
//! name = "cloud-school-8"
//! region = "ap-northeast-2"
//!
//! [[team]]
//! name = "team-1"
//! members = ["a", "b"]
//! account_id = "111111111111"
//! role_arn = "arn:aws:iam::111111111111:role/SandpitInstructorReadOnly"
//! external_id = "cs8-team-1"
//! # region = "us-east-1"   (optional, overrides the class region)
//! ```
//!
//! Pure: reading and validating only. Every problem is reported with the file, line, column and
//! field, all of them at once, and a roster with any problem is refused whole, so a class is
//! never checked against half a roster.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::file_error::FileError;

/// The role name the shipped CloudFormation template creates in a team's account.
pub const DEFAULT_ROLE_NAME: &str = "SandpitInstructorReadOnly";

/// The CloudFormation template a team deploys to let the instructor in
/// (`labs/classroom/sandpit-readonly-role.yaml`).
pub const READONLY_ROLE_TEMPLATE: &str = include_str!("../../../labs/classroom/sandpit-readonly-role.yaml");

/// Everything that can be wrong with a roster.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    /// The file could not be read.
    #[error("cannot read roster {path}: {message}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The file is not a valid roster; every problem found.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<FileError>),
}

impl crate::msg::Explain for RosterError {
    fn explain(&self, _: crate::msg::Place) -> crate::Localized {
        match self {
            RosterError::Unreadable { path, message } => {
                crate::msg!(
                    "error-roster-unreadable",
                    path = path.display().to_string(),
                    detail = message.as_str()
                )
            }
            RosterError::Invalid(problems) => {
                let head = crate::msg!("error-roster-invalid");
                let lines: String = problems.iter().map(|p| format!("\n  {p}")).collect();
                crate::Localized::new(format!("{}{lines}", head.en), format!("{}{lines}", head.ko))
            }
        }
    }
}

/// A validated roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roster {
    /// The class.
    pub class: Class,
    /// The teams, in file order (at least one).
    pub teams: Vec<Team>,
    /// The file it came from, for messages.
    pub source: String,
}

/// The `[class]` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Class {
    /// The class's name, e.g. `cloud-school-8`.
    pub name: String,
    /// The region teams build in unless a team says otherwise.
    pub region: String,
}

/// One `[[team]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Team {
    /// The team's name, unique in the roster.
    pub name: String,
    /// Its members (may be empty).
    pub members: Vec<String>,
    /// The 12-digit account the team builds in.
    pub account_id: String,
    /// The read-only role in that account the instructor assumes.
    pub role_arn: String,
    /// The external id the role's trust policy requires.
    pub external_id: String,
    /// The region to check: the team's own `region`, else the class region.
    pub region: String,
    /// Whether `region` came from the team (rather than the class).
    pub region_overridden: bool,
}

impl Roster {
    /// Reads and validates a roster file.
    pub fn from_file(path: &Path) -> Result<Self, RosterError> {
        let unreadable = |message: String| RosterError::Unreadable { path: path.to_path_buf(), message };
        let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|_| unreadable("not UTF-8 text".to_owned()))?;
        Self::parse(&path.display().to_string(), &text)
    }

    /// Validates roster text; `file` names it in messages.
    pub fn parse(file: &str, text: &str) -> Result<Self, RosterError> {
        parse(file, text).map_err(RosterError::Invalid)
    }

    /// The team with this name.
    pub fn team(&self, name: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.name == name)
    }
}

/// Whether `id` is an AWS account id: exactly 12 digits.
pub fn is_account_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `region` looks like an AWS region code (`ap-northeast-2`, `us-gov-west-1`).
pub fn is_region(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts[1..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts.last().is_some_and(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The account id inside an IAM role ARN (`arn:aws:iam::<12 digits>:role/<path/name>`), or what
/// is wrong with the ARN.
pub fn role_arn_account(arn: &str) -> Result<&str, String> {
    let example = "arn:aws:iam::111111111111:role/SandpitInstructorReadOnly";
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, resource] = parts[..] else {
        return Err(format!("`{arn}` is not an IAM role ARN (expected e.g. {example})"));
    };
    if prefix != "arn" || !["aws", "aws-cn", "aws-us-gov"].contains(&partition) {
        return Err(format!(
            "`{arn}` is not an IAM role ARN: it must start with arn:aws: (or arn:aws-cn:, arn:aws-us-gov:)"
        ));
    }
    if service != "iam" {
        return Err(format!("`{arn}` is not an IAM role ARN: the service is `{service}`, not `iam`"));
    }
    if !region.is_empty() {
        return Err(format!("`{arn}` is not an IAM role ARN: IAM ARNs have no region (`iam::`)"));
    }
    if !is_account_id(account) {
        return Err(format!("`{arn}` is not an IAM role ARN: `{account}` is not a 12-digit account id"));
    }
    let Some(path) = resource.strip_prefix("role/") else {
        return Err(format!(
            "`{arn}` is not an IAM role ARN: after the account comes `role/<name>` (e.g. {example})"
        ));
    };
    let segments: Vec<&str> = path.split('/').collect();
    let name = segments.last().copied().unwrap_or_default();
    let valid_segment =
        |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
    if !segments.iter().all(|s| valid_segment(s)) || name.len() > 64 {
        return Err(format!(
            "`{arn}` is not an IAM role ARN: the role name `{path}` may use letters, digits and + = , . @ _ - (at most 64), with an optional /path/"
        ));
    }
    Ok(account)
}

/// What is wrong with an STS external id, if anything (2-1224 characters of `[\w+=,.@:/-]`).
pub fn external_id_problem(id: &str) -> Option<String> {
    if !(2..=1224).contains(&id.chars().count()) {
        return Some(format!("`{id}` must be 2 to 1224 characters long"));
    }
    (!id.chars().all(|c| c.is_ascii_alphanumeric() || "+=,.@:/_-".contains(c))).then(|| {
        format!("`{id}` may only use letters, digits and + = , . @ : / _ - (AWS STS's rule for external ids)")
    })
}

// What the file says, before validation: every field optional, so every missing one is reported.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoster {
    class: Option<Spanned<RawClass>>,
    team: Option<Spanned<Vec<Spanned<RawTeam>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClass {
    name: Option<Spanned<toml::Value>>,
    region: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTeam {
    name: Option<Spanned<toml::Value>>,
    members: Option<Spanned<toml::Value>>,
    account_id: Option<Spanned<toml::Value>>,
    role_arn: Option<Spanned<toml::Value>>,
    external_id: Option<Spanned<toml::Value>>,
    region: Option<Spanned<toml::Value>>,
}

struct Parser<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<FileError>,
}

impl Parser<'_> {
    fn error(&mut self, span: Option<Range<usize>>, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FileError::at(self.file, self.text, span, Some(field.into()), message));
    }

    /// A required string field: present, a string, not blank.
    fn string(
        &mut self,
        value: Option<&Spanned<toml::Value>>,
        table: Range<usize>,
        field: &str,
        example: &str,
    ) -> Option<(String, Range<usize>)> {
        let Some(value) = value else {
            self.error(Some(table), field, format!("missing (e.g. {field} = {example})"));
            return None;
        };
        match value.get_ref() {
            toml::Value::String(s) if !s.trim().is_empty() => Some((s.trim().to_owned(), value.span())),
            toml::Value::String(_) => {
                self.error(Some(value.span()), field, "is empty");
                None
            }
            other => {
                self.error(
                    Some(value.span()),
                    field,
                    format!("must be a string in quotes, not the {} {other}", other.type_str()),
                );
                None
            }
        }
    }

    fn region(&mut self, value: (String, Range<usize>), field: &str) -> Option<String> {
        let (region, span) = value;
        if is_region(&region) {
            Some(region)
        } else {
            self.error(
                Some(span),
                field,
                format!("`{region}` is not an AWS region code (e.g. ap-northeast-2, us-east-1)"),
            );
            None
        }
    }
}

fn parse(file: &str, text: &str) -> Result<Roster, Vec<FileError>> {
    let raw: RawRoster = toml::from_str(text).map_err(|e| vec![FileError::toml(file, text, &e)])?;
    let mut p = Parser { file, text, errors: Vec::new() };

    let class = match &raw.class {
        None => {
            p.error(None, "class", "missing: a roster starts with a [class] table (name, region)");
            None
        }
        Some(class) => {
            let span = class.span();
            let c = class.get_ref();
            let name = p.string(c.name.as_ref(), span.clone(), "class.name", "\"cloud-school-8\"");
            let region = p
                .string(c.region.as_ref(), span, "class.region", "\"ap-northeast-2\"")
                .and_then(|r| p.region(r, "class.region"));
            name.zip(region).map(|((name, _), region)| Class { name, region })
        }
    };

    let mut teams: Vec<Team> = Vec::new();
    match &raw.team {
        None => p.error(None, "team", "no teams: add at least one [[team]] table"),
        Some(list) if list.get_ref().is_empty() => {
            p.error(Some(list.span()), "team", "no teams: add at least one [[team]] table")
        }
        Some(list) => {
            for (i, team) in list.get_ref().iter().enumerate() {
                let span = team.span();
                let t = team.get_ref();
                let field = |f: &str| format!("team[{i}].{f}");
                let name = p.string(t.name.as_ref(), span.clone(), &field("name"), "\"team-1\"");
                if let Some((name, name_span)) = &name {
                    if let Some(first) = teams.iter().position(|other| other.name.eq_ignore_ascii_case(name))
                    {
                        p.error(
                            Some(name_span.clone()),
                            field("name"),
                            format!("duplicate team name `{name}` (team[{first}] has it already)"),
                        );
                    } else if name.chars().any(char::is_control) {
                        p.error(Some(name_span.clone()), field("name"), "contains a control character");
                    }
                }
                let members = match &t.members {
                    None => Some(Vec::new()),
                    Some(m) => match m.get_ref() {
                        toml::Value::Array(items) if items.iter().all(|v| v.is_str()) => {
                            Some(items.iter().filter_map(|v| v.as_str()).map(str::to_owned).collect())
                        }
                        _ => {
                            p.error(
                                Some(m.span()),
                                field("members"),
                                "must be a list of names, e.g. [\"a\", \"b\"]",
                            );
                            None
                        }
                    },
                };
                let account = p
                    .string(t.account_id.as_ref(), span.clone(), &field("account_id"), "\"111111111111\"")
                    .and_then(|(id, s)| {
                        if is_account_id(&id) {
                            Some((id, s))
                        } else {
                            p.error(
                                Some(s),
                                field("account_id"),
                                format!("`{id}` is not an AWS account id (exactly 12 digits, in quotes)"),
                            );
                            None
                        }
                    });
                let arn = p
                    .string(
                        t.role_arn.as_ref(),
                        span.clone(),
                        &field("role_arn"),
                        "\"arn:aws:iam::111111111111:role/SandpitInstructorReadOnly\"",
                    )
                    .and_then(|(arn, s)| match role_arn_account(&arn) {
                        Ok(arn_account) => Some((arn.clone(), arn_account.to_owned(), s)),
                        Err(message) => {
                            p.error(Some(s), field("role_arn"), message);
                            None
                        }
                    });
                if let (Some((account, _)), Some((_, arn_account, arn_span))) = (&account, &arn)
                    && account != arn_account
                {
                    p.error(
                        Some(arn_span.clone()),
                        field("role_arn"),
                        format!(
                            "the role is in account {arn_account}, but the team's account_id is {account}: the instructor checks the account whose role it assumes"
                        ),
                    );
                }
                let external_id = p
                    .string(t.external_id.as_ref(), span.clone(), &field("external_id"), "\"cs8-team-1\"")
                    .and_then(|(id, s)| match external_id_problem(&id) {
                        None => Some(id),
                        Some(message) => {
                            p.error(Some(s), field("external_id"), message);
                            None
                        }
                    });
                let region = match &t.region {
                    None => Some(None),
                    Some(_) => p
                        .string(t.region.as_ref(), span.clone(), &field("region"), "\"us-east-1\"")
                        .and_then(|r| p.region(r, &field("region")))
                        .map(Some),
                };
                if let (
                    Some((name, _)),
                    Some(members),
                    Some((account_id, _)),
                    Some((role_arn, _, _)),
                    Some(external_id),
                    Some(region),
                ) = (name, members, account, arn, external_id, region)
                {
                    teams.push(Team {
                        name,
                        members,
                        account_id,
                        role_arn,
                        external_id,
                        region_overridden: region.is_some(),
                        region: region.unwrap_or_default(),
                    });
                } else {
                    // Keep the name for duplicate detection even when the team has other problems.
                    if let Some(toml::Value::String(n)) = t.name.as_ref().map(Spanned::get_ref) {
                        teams.push(Team {
                            name: n.trim().to_owned(),
                            members: Vec::new(),
                            account_id: String::new(),
                            role_arn: String::new(),
                            external_id: String::new(),
                            region: String::new(),
                            region_overridden: false,
                        });
                    }
                }
            }
        }
    }

    match class {
        Some(class) if p.errors.is_empty() => {
            for team in &mut teams {
                if !team.region_overridden {
                    team.region = class.region.clone();
                }
            }
            Ok(Roster { class, teams, source: file.to_owned() })
        }
        _ => Err(p.errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROSTER: &str = r#"[class]
name = "cloud-school-8"
region = "ap-northeast-2"

[[team]]
name = "team-1"
members = ["a", "b"]
account_id = "111111111111"
role_arn = "arn:aws:iam::111111111111:role/SandpitInstructorReadOnly"
external_id = "cs8-team-1"

[[team]]
name = "team-2"
members = ["c"]
account_id = "222222222222"
role_arn = "arn:aws:iam::222222222222:role/classroom/SandpitInstructorReadOnly"
external_id = "cs8-team-2"
region = "us-east-1"
"#;

    fn errors(text: &str) -> Vec<String> {
        match Roster::parse("class.toml", text) {
            Err(RosterError::Invalid(errors)) => errors.iter().map(ToString::to_string).collect(),
            other => panic!("expected an invalid roster, got {other:?}"),
        }
    }

    #[test]
    fn the_issue_shape_loads_with_the_class_region_as_default() {
        let roster = Roster::parse("class.toml", ROSTER).unwrap();
        assert_eq!(roster.class.name, "cloud-school-8");
        assert_eq!(roster.teams.len(), 2);
        let t1 = &roster.teams[0];
        assert_eq!(
            (t1.name.as_str(), t1.region.as_str(), t1.region_overridden),
            ("team-1", "ap-northeast-2", false)
        );
        assert_eq!(t1.members, ["a", "b"]);
        assert_eq!(t1.external_id, "cs8-team-1");
        let t2 = roster.team("team-2").unwrap();
        assert_eq!((t2.region.as_str(), t2.region_overridden), ("us-east-1", true));
        assert_eq!(t2.account_id, "222222222222");
    }

    #[test]
    fn members_are_optional() {
        let roster = Roster::parse("class.toml", &ROSTER.replace("members = [\"c\"]\n", "")).unwrap();
        assert!(roster.teams[1].members.is_empty());
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let e = errors(&ROSTER.replace("name = \"team-2\"", "name = = \"team-2\""));
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("class.toml:13:"), "{e:?}");
    }

    #[test]
    fn a_duplicate_team_name_is_refused_at_the_second_one() {
        let e = errors(&ROSTER.replace("name = \"team-2\"", "name = \"Team-1\""));
        assert_eq!(
            e,
            ["class.toml:13:8: team[1].name: duplicate team name `Team-1` (team[0] has it already)"]
        );
    }

    #[test]
    fn a_malformed_role_arn_is_refused_with_its_field() {
        for (arn, says) in [
            ("arn:aws:iam::111111111111:user/alice", "role/<name>"),
            ("arn:aws:iam::11111111111:role/X", "12-digit"),
            ("arn:aws:sts::111111111111:role/X", "`sts`"),
            ("arn:aws:iam:us-east-1:111111111111:role/X", "no region"),
            ("SandpitInstructorReadOnly", "not an IAM role ARN"),
            ("arn:aws:iam::111111111111:role/", "role name"),
            ("arn:aws:iam::111111111111:role/has space", "role name"),
        ] {
            let text = ROSTER.replace("arn:aws:iam::111111111111:role/SandpitInstructorReadOnly", arn);
            let e = errors(&text);
            assert_eq!(e.len(), 1, "{arn}: {e:?}");
            assert!(e[0].starts_with("class.toml:9:12: team[0].role_arn: "), "{arn}: {e:?}");
            assert!(e[0].contains(says), "{arn}: {e:?}");
        }
    }

    #[test]
    fn a_malformed_account_id_is_refused() {
        let e = errors(&ROSTER.replace("account_id = \"111111111111\"", "account_id = \"1111-1111-1111\""));
        assert_eq!(
            e,
            [
                "class.toml:8:14: team[0].account_id: `1111-1111-1111` is not an AWS account id (exactly 12 digits, in quotes)"
            ]
        );
        // Unquoted, an id with a leading zero would silently lose it.
        let e = errors(&ROSTER.replace("account_id = \"111111111111\"", "account_id = 111111111111"));
        assert_eq!(e.len(), 1);
        assert!(e[0].contains("team[0].account_id: must be a string in quotes"), "{e:?}");
    }

    #[test]
    fn an_account_id_that_differs_from_the_role_arn_is_refused() {
        let e = errors(&ROSTER.replace("account_id = \"222222222222\"", "account_id = \"333333333333\""));
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("class.toml:16:12: team[1].role_arn: the role is in account 222222222222"),
            "{e:?}"
        );
        assert!(e[0].contains("333333333333"));
    }

    #[test]
    fn every_missing_field_is_named_at_once() {
        let text = "[class]\nname = \"c\"\n\n[[team]]\nname = \"t\"\n";
        let e = errors(text);
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(e[0].starts_with("class.toml:1:1: class.region: missing"), "{e:?}");
        for (i, f) in ["account_id", "role_arn", "external_id"].iter().enumerate() {
            assert!(e[i + 1].starts_with(&format!("class.toml:4:1: team[0].{f}: missing")), "{e:?}");
        }
    }

    #[test]
    fn a_bad_region_is_refused_for_the_class_and_for_a_team() {
        let e = errors(&ROSTER.replace("region = \"ap-northeast-2\"", "region = \"seoul\""));
        assert_eq!(
            e,
            [
                "class.toml:3:10: class.region: `seoul` is not an AWS region code (e.g. ap-northeast-2, us-east-1)"
            ]
        );
        let e = errors(&ROSTER.replace("region = \"us-east-1\"", "region = \"us_east_1\""));
        assert!(e[0].starts_with("class.toml:18:10: team[1].region: `us_east_1`"), "{e:?}");
    }

    #[test]
    fn an_empty_team_list_is_refused() {
        let e = errors("[class]\nname = \"c\"\nregion = \"us-east-1\"\n");
        assert_eq!(e, ["class.toml: team: no teams: add at least one [[team]] table"]);
        let e = errors("team = []\n[class]\nname = \"c\"\nregion = \"us-east-1\"\n");
        assert_eq!(e, ["class.toml:1:8: team: no teams: add at least one [[team]] table"]);
    }

    #[test]
    fn unknown_fields_are_typos_and_refused() {
        let e = errors(&ROSTER.replace("region = \"us-east-1\"", "regoin = \"us-east-1\""));
        assert_eq!(e.len(), 1);
        assert!(e[0].contains("regoin"), "{e:?}");
        assert!(e[0].starts_with("class.toml:18:"), "{e:?}");
    }

    #[test]
    fn a_bad_external_id_is_refused() {
        let e = errors(&ROSTER.replace("\"cs8-team-1\"", "\"x\""));
        assert!(e[0].starts_with("class.toml:10:15: team[0].external_id: `x` must be 2 to 1224"), "{e:?}");
        let e = errors(&ROSTER.replace("\"cs8-team-1\"", "\"team one\""));
        assert!(e[0].contains("letters, digits"), "{e:?}");
    }

    #[test]
    fn region_codes() {
        for ok in
            ["ap-northeast-2", "us-east-1", "us-gov-west-1", "cn-north-1", "eu-central-2", "ap-southeast-5"]
        {
            assert!(is_region(ok), "{ok}");
        }
        for bad in ["", "seoul", "ap-northeast", "AP-NORTHEAST-2", "ap-northeast-2a", "ap--2", "a-b-1"] {
            assert!(!is_region(bad), "{bad}");
        }
    }

    #[test]
    fn the_shipped_role_template_is_embedded() {
        assert!(READONLY_ROLE_TEMPLATE.contains("AWS::IAM::Role"));
        assert!(READONLY_ROLE_TEMPLATE.contains(DEFAULT_ROLE_NAME));
    }
}
