//! The class report: every lab × every team of a roster, from the progress store's history —
//! each team's latest status per lab, and when it first passed each step.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use sandpit_core::labs::LabSet;
use sandpit_core::report::{LabStatus, StepStatus};
use sandpit_core::roster::Roster;
use sandpit_core::{Lang, msg};
use sandpit_store::{AttemptFilter, AttemptRecord, Store, StoreError};
use serde::Serialize;

use crate::matrix::{status_str, step_str};
use sandpit_core::spreadsheet::Csv;

/// Every lab × every team, as the store remembers it.
#[derive(Debug, Clone, Serialize)]
pub struct ClassReport {
    /// The class's name.
    pub class: String,
    /// When the report was made.
    pub generated_at: DateTime<Utc>,
    /// One entry per lab (the lab set's order), each with every team.
    pub labs: Vec<LabReport>,
}

/// One lab across the class.
#[derive(Debug, Clone, Serialize)]
pub struct LabReport {
    /// The lab id.
    pub lab: String,
    /// Its step ids, in order.
    pub steps: Vec<String>,
    /// One entry per team, in roster order.
    pub teams: Vec<TeamLab>,
}

/// One team on one lab.
#[derive(Debug, Clone, Serialize)]
pub struct TeamLab {
    /// The team's name.
    pub team: String,
    /// Its account id.
    pub account: String,
    /// Recorded checks of this lab for this team.
    pub attempts: usize,
    /// The latest check's status, if the team was ever checked.
    pub latest_status: Option<LabStatus>,
    /// When the latest check ran.
    pub latest_checked_at: Option<DateTime<Utc>>,
    /// Per step (the lab's order): the latest status and when the step first passed.
    pub steps: Vec<StepHistory>,
    /// When a check first passed the whole lab.
    pub first_passed_at: Option<DateTime<Utc>>,
}

/// One step's history for one team.
#[derive(Debug, Clone, Serialize)]
pub struct StepHistory {
    /// The step id.
    pub step: String,
    /// Its status in the latest check.
    pub latest: Option<StepStatus>,
    /// When a check first found it passing.
    pub first_passed_at: Option<DateTime<Utc>>,
}

/// Reads the history of every team of `roster` (attempts labelled with the team's name, in the
/// team's account) and builds the report over every lab of `labs`.
pub async fn class_report(
    store: &Store,
    roster: &Roster,
    labs: &LabSet,
    generated_at: DateTime<Utc>,
) -> Result<ClassReport, StoreError> {
    let mut attempts = Vec::new();
    for team in &roster.teams {
        let filter = AttemptFilter {
            team: Some(team.name.clone()),
            account: Some(team.account_id.clone()),
            ..AttemptFilter::default()
        };
        attempts.extend(store.attempts(&filter).await?);
    }
    Ok(build_report(roster, labs, &attempts, generated_at))
}

/// The report from attempts already read (pure; `attempts` in any order).
pub fn build_report(
    roster: &Roster,
    labs: &LabSet,
    attempts: &[AttemptRecord],
    generated_at: DateTime<Utc>,
) -> ClassReport {
    let mut by_team_lab: BTreeMap<(&str, &str, &str), Vec<&AttemptRecord>> = BTreeMap::new();
    for a in attempts {
        if let (Some(team), Some(account)) = (a.team.as_deref(), a.account.as_deref()) {
            by_team_lab.entry((team, account, a.lab.as_str())).or_default().push(a);
        }
    }
    let labs = labs
        .labs()
        .iter()
        .map(|lab| {
            let steps: Vec<String> = lab.steps.iter().map(|s| s.id.clone()).collect();
            let teams = roster
                .teams
                .iter()
                .map(|team| {
                    let mut history = by_team_lab
                        .get(&(team.name.as_str(), team.account_id.as_str(), lab.id.as_str()))
                        .cloned()
                        .unwrap_or_default();
                    history.sort_by(|x, y| x.checked_at.cmp(&y.checked_at).then(x.id.cmp(&y.id)));
                    // A check of some steps says nothing of the others: the lab's latest verdict
                    // is the latest whole-lab one, each step's the latest that evaluated it.
                    let latest =
                        history.iter().rev().find(|a| a.status.is_whole_lab()).or(history.last()).copied();
                    TeamLab {
                        team: team.name.clone(),
                        account: team.account_id.clone(),
                        attempts: history.len(),
                        latest_status: latest.map(|a| a.status),
                        latest_checked_at: latest.map(|a| a.checked_at),
                        steps: steps
                            .iter()
                            .map(|id| StepHistory {
                                step: id.clone(),
                                latest: history
                                    .iter()
                                    .rev()
                                    .find_map(|a| {
                                        a.report.step(id).filter(|s| s.status != StepStatus::Skipped)
                                    })
                                    .or_else(|| latest.and_then(|a| a.report.step(id)))
                                    .map(|s| s.status),
                                first_passed_at: history
                                    .iter()
                                    .find(|a| a.report.step(id).is_some_and(|s| s.status == StepStatus::Pass))
                                    .map(|a| a.checked_at),
                            })
                            .collect(),
                        first_passed_at: history
                            .iter()
                            .find(|a| a.status == LabStatus::Pass && a.report.summary.skipped == 0)
                            .map(|a| a.checked_at),
                    }
                })
                .collect();
            LabReport { lab: lab.id.clone(), steps, teams }
        })
        .collect();
    ClassReport { class: roster.class.name.clone(), generated_at, labs }
}

fn when(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl ClassReport {
    /// One row per team × lab × step, for spreadsheets:
    /// `team,account,lab,lab_status,lab_checked_at,attempts,lab_first_passed_at,step,step_status,step_first_passed_at`.
    /// Teams never checked on a lab have empty statuses.
    pub fn to_csv(&self) -> String {
        let mut out = Csv::new();
        out.row([
            "team",
            "account",
            "lab",
            "lab_status",
            "lab_checked_at",
            "attempts",
            "lab_first_passed_at",
            "step",
            "step_status",
            "step_first_passed_at",
        ]);
        for lab in &self.labs {
            for t in &lab.teams {
                for s in &t.steps {
                    out.row([
                        t.team.clone(),
                        t.account.clone(),
                        lab.lab.clone(),
                        t.latest_status.map(status_str).unwrap_or_default().to_owned(),
                        t.latest_checked_at.map(when).unwrap_or_default(),
                        t.attempts.to_string(),
                        t.first_passed_at.map(when).unwrap_or_default(),
                        s.step.clone(),
                        s.latest.map(step_str).unwrap_or_default().to_owned(),
                        s.first_passed_at.map(when).unwrap_or_default(),
                    ]);
                }
            }
        }
        out.finish()
    }

    /// The report for people (one HTML page, no external resources), in `lang`.
    pub fn to_html(&self, lang: Lang) -> Result<String, String> {
        let never = || msg::text(lang, "lab-status-none", &[]);
        let lab_label = |s: Option<LabStatus>| s.map_or_else(never, |s| s.label(lang));
        let step_label = |s: Option<StepStatus>| s.map_or_else(never, |s| s.label(lang));
        let labs: Vec<serde_json::Value> = self
            .labs
            .iter()
            .map(|lab| {
                let teams: Vec<serde_json::Value> = lab
                    .teams
                    .iter()
                    .map(|team| {
                        let word = team.latest_status.map_or("none", status_str);
                        let done = team.steps.iter().filter(|s| s.latest == Some(StepStatus::Pass)).count();
                        serde_json::json!({
                            "team": team.team,
                            "account": team.account,
                            "attempts": team.attempts,
                            "status": word,
                            "status_label": lab_label(team.latest_status),
                            "checked_at": team.latest_checked_at.map(when).unwrap_or_else(|| "—".into()),
                            "first_passed_at": team.first_passed_at.map(when).unwrap_or_else(|| "—".into()),
                            "done": done,
                            "total": team.steps.len(),
                            "steps": team.steps.iter().map(|s| {
                                let word = s.latest.map_or("none", step_str);
                                serde_json::json!({
                                    "step": s.step,
                                    "status": word,
                                    "status_label": step_label(s.latest),
                                    "first_passed_at": s.first_passed_at.map(|at| at.format("%m-%d %H:%M").to_string()),
                                })
                            }).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                serde_json::json!({ "lab": lab.lab, "steps": lab.steps, "teams": teams })
            })
            .collect();
        let context = serde_json::json!({
            "class": self.class,
            "generated_at": when(self.generated_at),
            "labs": labs,
        });
        sandpit_templates::render("class-report.html", lang, &context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sandpit_core::Localized;
    use sandpit_core::report::{Report, StepResult};

    const ROSTER: &str = r#"[class]
name = "cs8"
region = "ap-northeast-2"

[[team]]
name = "team-1"
account_id = "111111111111"
role_arn = "arn:aws:iam::111111111111:role/SandpitInstructorReadOnly"
external_id = "cs8-team-1"

[[team]]
name = "team-2"
account_id = "222222222222"
role_arn = "arn:aws:iam::222222222222:role/SandpitInstructorReadOnly"
external_id = "cs8-team-2"
"#;

    fn at(minute: u32) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(&format!("2026-11-22T10:{minute:02}:00Z")).unwrap().with_timezone(&Utc)
    }

    fn attempt(
        id: i64,
        team: &str,
        account: &str,
        minute: u32,
        steps: &[(&str, StepStatus)],
    ) -> AttemptRecord {
        let steps: Vec<StepResult> = steps
            .iter()
            .map(|(id, status)| StepResult {
                id: (*id).into(),
                title: Localized::default(),
                status: *status,
                findings: Vec::new(),
            })
            .collect();
        let report = Report::new("vpc-peering", Some(account.into()), None, at(minute), steps);
        AttemptRecord {
            id,
            lab: "vpc-peering".into(),
            team: Some(team.into()),
            account: Some(account.into()),
            region: None,
            caller: "arn:aws:sts::1:assumed-role/R/sandpit-kim".into(),
            checked_at: at(minute),
            status: report.status,
            steps_passed: report.summary.passed as u64,
            steps_total: report.steps.len() as u64,
            evidence_sha256: String::new(),
            params: None,
            discovered: None,
            report,
        }
    }

    #[test]
    fn latest_status_and_first_passes_per_team() {
        use StepStatus::{Fail, Pass};
        let roster = Roster::parse("class.toml", ROSTER).unwrap();
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("vpc-peering").unwrap();
        let all = |s: StepStatus| lab.steps.iter().map(|st| (st.id.as_str(), s)).collect::<Vec<_>>();
        let mut partly = all(Fail);
        partly[0].1 = Pass;
        let attempts = vec![
            // Out of order on purpose; and team-1's label from another class's account is ignored.
            attempt(3, "team-1", "111111111111", 30, &all(Pass)),
            attempt(1, "team-1", "111111111111", 10, &partly),
            attempt(2, "team-1", "999999999999", 20, &all(Pass)),
        ];
        let report = build_report(&roster, &labs, &attempts, at(59));
        let peering = report.labs.iter().find(|l| l.lab == "vpc-peering").unwrap();
        let t1 = &peering.teams[0];
        assert_eq!(
            (t1.attempts, t1.latest_status, t1.latest_checked_at),
            (2, Some(LabStatus::Pass), Some(at(30)))
        );
        assert_eq!(t1.steps[0].first_passed_at, Some(at(10)));
        assert_eq!(t1.steps[1].first_passed_at, Some(at(30)));
        assert_eq!(t1.first_passed_at, Some(at(30)));
        let t2 = &peering.teams[1];
        assert_eq!((t2.attempts, t2.latest_status), (0, None));
        assert!(t2.steps.iter().all(|s| s.latest.is_none() && s.first_passed_at.is_none()));
        assert_eq!(report.labs.len(), labs.labs().len(), "every lab, checked or not");

        let csv = report.to_csv();
        assert!(csv.contains(
            "team-1,111111111111,vpc-peering,pass,2026-11-22T10:30:00Z,2,2026-11-22T10:30:00Z,db-vpc,pass,2026-11-22T10:10:00Z\r\n"
        ), "{csv}");
        assert!(csv.contains("team-2,222222222222,vpc-peering,,,0,,db-vpc,,\r\n"), "{csv}");
        let html = report.to_html(Lang::En).unwrap();
        assert!(html.contains("<code>vpc-peering</code>") && html.contains(">not checked<"), "{html}");
        assert!(html.contains("11-22 10:10"), "first-pass dates under the steps");
        let ko = report.to_html(Lang::Ko).unwrap();
        assert!(ko.contains("lang=\"ko\"") && ko.contains(">확인 전<") && ko.contains("수업 리포트"), "{ko}");
        // What a reader sees: the body's text, without styles and markup.
        let body = ko[ko.find("<body").expect("a body")..].replace("<wbr>", "");
        let mut visible = String::new();
        let mut in_tag = false;
        for c in body.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    visible.push(' ');
                }
                c if !in_tag => visible.push(c),
                _ => {}
            }
        }
        // Step ids head the matrix's columns: ids, not words (`vpc`, `encryption`).
        let ids: Vec<&str> = report.labs.iter().flat_map(|l| l.steps.iter().map(String::as_str)).collect();
        let english: Vec<String> = sandpit_core::english_words(&visible.replace("Sandpit", ""))
            .into_iter()
            .filter(|w| !ids.contains(&w.as_str()))
            .collect();
        assert!(english.is_empty(), "{english:?}");
    }
}
