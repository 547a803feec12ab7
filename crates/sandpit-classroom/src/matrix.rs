//! The result of a class check: one row per team, and its exports.

use chrono::{DateTime, Utc};
use sandpit_core::report::{LabStatus, Report, StepStatus};
use sandpit_core::snapshot::Snapshot;
use sandpit_core::spreadsheet::Csv;
use serde::Serialize;
use serde::ser::SerializeMap;

/// Why a team's account could not be checked (its row says `error`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, ts_rs::TS)]
#[error("{reason}: {message}")]
pub struct TeamError {
    /// One word: `access-denied`, `throttled`, `unreachable`, `credentials`, `account-mismatch`,
    /// `unreadable`, `region-disabled`, `failed`.
    pub reason: String,
    /// What happened, and what to do.
    pub message: String,
}

impl TeamError {
    /// A team error with this reason.
    pub fn new(reason: impl Into<String>, message: impl Into<String>) -> Self {
        Self { reason: reason.into(), message: message.into() }
    }
}

/// One team's outcome.
#[derive(Debug, Clone)]
pub struct TeamResult {
    /// The team's name from the roster.
    pub team: String,
    /// The team's account id from the roster.
    pub account: String,
    /// The region checked.
    pub region: String,
    /// The report, or why there is none.
    pub outcome: Result<Report, TeamError>,
    /// What was read from the account (the evidence), when something was.
    pub snapshot: Option<Snapshot>,
    /// The instructor's identity that checked (the caller ARN), for the store.
    pub checked_by: String,
}

impl TeamResult {
    /// The row's status: the lab's status, or `error` when the team could not be checked.
    pub fn status(&self) -> LabStatus {
        match &self.outcome {
            Ok(report) => report.status,
            Err(_) => LabStatus::Error,
        }
    }
}

/// How many teams could be checked: decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Every team was checked, whatever its progress.
    All,
    /// Some teams could not be checked.
    Some,
    /// No team could be checked.
    None,
}

/// A class check: one lab, every team of a roster.
#[derive(Debug, Clone)]
pub struct ClassCheck {
    /// The lab id.
    pub lab: String,
    /// The lab's step ids, in order: the matrix's columns.
    pub step_ids: Vec<String>,
    /// When the check started.
    pub checked_at: DateTime<Utc>,
    /// One result per team, in roster order.
    pub teams: Vec<TeamResult>,
}

impl ClassCheck {
    /// How many teams could be checked.
    pub fn reach(&self) -> Reach {
        let checked = self.teams.iter().filter(|t| t.outcome.is_ok()).count();
        if checked == self.teams.len() {
            Reach::All
        } else if checked == 0 {
            Reach::None
        } else {
            Reach::Some
        }
    }

    /// The matrix: the JSON shape of `sandpit class check --json`.
    pub fn matrix(&self) -> ClassMatrix {
        ClassMatrix {
            lab: self.lab.clone(),
            checked_at: self.checked_at,
            teams: self
                .teams
                .iter()
                .map(|t| TeamRow {
                    team: t.team.clone(),
                    account: t.account.clone(),
                    status: t.status(),
                    steps: StepMap(
                        self.step_ids
                            .iter()
                            .map(|id| {
                                let status = match &t.outcome {
                                    Ok(report) => report.step(id).map_or(StepStatus::Error, |s| s.status),
                                    // Nothing could be judged in an account that could not be read.
                                    Err(_) => StepStatus::Error,
                                };
                                (id.clone(), status)
                            })
                            .collect(),
                    ),
                    error: t.outcome.as_ref().err().map(ToString::to_string),
                })
                .collect(),
        }
    }

    /// The matrix as JSON, byte for byte what `sandpit class check --json` prints: the
    /// [`ClassMatrix`] pretty-printed, then a line break. Exports (the desktop's Class view)
    /// write this, so a file saved there and the CLI's output read the same.
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(&self.matrix()).expect("a class matrix serializes");
        out.push('\n');
        out
    }

    /// The matrix as CSV for spreadsheets: `team,account,status,<step ids…>,error`.
    pub fn to_csv(&self) -> String {
        let mut out = Csv::new();
        let header: Vec<&str> = ["team", "account", "status"]
            .into_iter()
            .chain(self.step_ids.iter().map(String::as_str))
            .chain(["error"])
            .collect();
        out.row(&header);
        for row in self.matrix().teams {
            let mut fields = vec![row.team, row.account, status_str(row.status).to_owned()];
            fields.extend(row.steps.0.iter().map(|(_, s)| step_str(*s).to_owned()));
            fields.push(row.error.unwrap_or_default());
            out.row(&fields);
        }
        out.finish()
    }
}

/// `sandpit class check --json`:
/// `{"lab","checked_at","teams":[{"team","account","status","steps":{STEP_ID: STATUS},"error"}]}`.
#[derive(Debug, Clone, Serialize)]
pub struct ClassMatrix {
    /// The lab id.
    pub lab: String,
    /// When the check started.
    pub checked_at: DateTime<Utc>,
    /// One row per team, in roster order.
    pub teams: Vec<TeamRow>,
}

/// One team's row.
#[derive(Debug, Clone, Serialize)]
pub struct TeamRow {
    /// The team's name.
    pub team: String,
    /// Its account id.
    pub account: String,
    /// `pass`, `fail`, `blocked` or `error` (also when the team could not be checked).
    pub status: LabStatus,
    /// Every step's status, in the lab's order.
    pub steps: StepMap,
    /// Why the team could not be checked, or null.
    pub error: Option<String>,
}

/// Step statuses keyed by step id, serialized as a JSON object in the lab's step order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepMap(pub Vec<(String, StepStatus)>);

impl Serialize for StepMap {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, status) in &self.0 {
            map.serialize_entry(id, status)?;
        }
        map.end()
    }
}

/// A lab status as `check --json` spells it.
pub(crate) fn status_str(status: LabStatus) -> &'static str {
    status.as_str()
}

/// A step status as `check --json` spells it.
pub(crate) fn step_str(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Pass => "pass",
        StepStatus::Fail => "fail",
        StepStatus::Error => "error",
        StepStatus::Blocked => "blocked",
        StepStatus::Skipped => "skipped",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sandpit_core::Localized;
    use sandpit_core::report::StepResult;

    fn step(id: &str, status: StepStatus) -> StepResult {
        StepResult { id: id.into(), title: Localized::default(), status, findings: Vec::new() }
    }

    fn class() -> ClassCheck {
        let at = DateTime::parse_from_rfc3339("2026-11-22T01:02:03Z").unwrap().with_timezone(&Utc);
        let report = |steps| Report::new("vpc-peering", Some("111111111111".into()), None, at, steps);
        let team = |name: &str, account: &str, outcome| TeamResult {
            team: name.into(),
            account: account.into(),
            region: "ap-northeast-2".into(),
            outcome,
            snapshot: None,
            checked_by: "arn:aws:iam::123456789012:user/kim".into(),
        };
        ClassCheck {
            lab: "vpc-peering".into(),
            step_ids: vec!["db-vpc".into(), "peering-active".into()],
            checked_at: at,
            teams: vec![
                team(
                    "team-1",
                    "111111111111",
                    Ok(report(vec![
                        step("db-vpc", StepStatus::Pass),
                        step("peering-active", StepStatus::Pass),
                    ])),
                ),
                team(
                    "team-2",
                    "222222222222",
                    Ok(report(vec![
                        step("db-vpc", StepStatus::Pass),
                        step("peering-active", StepStatus::Fail),
                    ])),
                ),
                team(
                    "팀 \"3\", 야간",
                    "333333333333",
                    Err(TeamError::new("access-denied", "cannot assume the role, really")),
                ),
            ],
        }
    }

    #[test]
    fn the_json_has_exactly_the_contract_shape_in_step_order() {
        let json = serde_json::to_string(&class().matrix()).unwrap();
        assert_eq!(
            json,
            concat!(
                r#"{"lab":"vpc-peering","checked_at":"2026-11-22T01:02:03Z","teams":["#,
                r#"{"team":"team-1","account":"111111111111","status":"pass","steps":{"db-vpc":"pass","peering-active":"pass"},"error":null},"#,
                r#"{"team":"team-2","account":"222222222222","status":"fail","steps":{"db-vpc":"pass","peering-active":"fail"},"error":null},"#,
                r#"{"team":"팀 \"3\", 야간","account":"333333333333","status":"error","steps":{"db-vpc":"error","peering-active":"error"},"error":"access-denied: cannot assume the role, really"}]}"#
            )
        );
    }

    #[test]
    fn the_json_export_is_the_pretty_matrix_the_cli_prints() {
        let json = class().to_json();
        assert!(
            json.starts_with("{\n  \"lab\": \"vpc-peering\",\n  \"checked_at\": \"2026-11-22T01:02:03Z\",\n"),
            "{json}"
        );
        assert!(json.contains("      \"steps\": {\n        \"db-vpc\": \"pass\",\n"), "{json}");
        assert!(json.ends_with("}\n"), "one line break at the end, as `print_json` writes");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, serde_json::to_value(class().matrix()).unwrap());
    }

    #[test]
    fn the_csv_quotes_what_needs_it() {
        assert_eq!(
            class().to_csv(),
            "team,account,status,db-vpc,peering-active,error\r\n\
             team-1,111111111111,pass,pass,pass,\r\n\
             team-2,222222222222,fail,pass,fail,\r\n\
             \"팀 \"\"3\"\", 야간\",333333333333,error,error,error,\"access-denied: cannot assume the role, really\"\r\n"
        );
        let mut c = class();
        c.teams[0].team = "=HYPERLINK(1)".into();
        c.teams[1].team = "\t-x".into();
        let csv = c.to_csv();
        assert!(csv.contains("\r\n'=HYPERLINK(1),111111111111,"), "{csv}");
        assert!(csv.contains("\r\n'\t-x,222222222222,"), "a tab first is defused too: {csv}");
    }

    #[test]
    fn reach_decides_between_all_some_and_none() {
        let mut c = class();
        assert_eq!(c.reach(), Reach::Some);
        c.teams.truncate(2);
        assert_eq!(c.reach(), Reach::All);
        c.teams.drain(..1);
        c.teams[0].outcome = Err(TeamError::new("throttled", "slow down"));
        assert_eq!(c.reach(), Reach::None);
    }
}
