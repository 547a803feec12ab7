//! The Class view, for instructors: a roster (validated by [`sandpit_core::roster`]), one lab
//! checked in every team's account at once by the same `sandpit-classroom` call
//! `sandpit class check` makes ([`check_class`], then [`record_class`] into the progress store),
//! the team × step matrix, and one team's findings and topology picture from the snapshot of that
//! check.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use sandpit_classroom::{ClassCheck, ClassOptions, TeamError, check_class, record_class};
use sandpit_core::Lang;
use sandpit_core::labs::Lab;
use sandpit_core::report::{LabStatus, RenderedReport, StepStatus};
use sandpit_core::roster::Roster;
use sandpit_core::snapshot::Snapshot;
use sandpit_store::Store;
use sandpit_view::topology::{self, Difference};
use serde::Serialize;

use super::AppState;
use crate::error::UiError;

/// The last class check of this session, kept for the matrix and the drill-down.
pub(super) struct LastClass {
    roster_path: String,
    roster: Roster,
    check: ClassCheck,
    endpoint_url: Option<String>,
    store_error: Option<String>,
}

/// A loaded roster.
#[derive(Debug, Clone, Serialize)]
pub struct RosterView {
    /// The file, as typed (with `~` expanded).
    pub path: String,
    /// The class's name.
    pub class: String,
    /// The class's region.
    pub region: String,
    /// The teams, in file order.
    pub teams: Vec<RosterTeam>,
}

/// One team of a roster.
#[derive(Debug, Clone, Serialize)]
pub struct RosterTeam {
    /// The team's name.
    pub name: String,
    /// Its members.
    pub members: Vec<String>,
    /// Its account id.
    pub account: String,
    /// The region checked for it.
    pub region: String,
}

/// What the Class view starts from.
#[derive(Debug, Clone, Serialize)]
pub struct ClassInfo {
    /// The roster loaded last (remembered between runs).
    pub roster_path: Option<String>,
    /// That roster, when it still loads.
    pub roster: Option<RosterView>,
    /// Why it does not, with its file:line.
    pub roster_error: Option<UiError>,
    /// The last class check of this session.
    pub last: Option<ClassMatrixView>,
}

/// A column of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct StepColumn {
    /// The step id.
    pub id: String,
    /// Its title in the reader's language.
    pub title: String,
}

/// One cell of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct StepCell {
    /// The step id.
    pub id: String,
    /// Its status for this team (`error` for every step of a team that could not be checked).
    pub status: StepStatus,
}

/// One team's row.
#[derive(Debug, Clone, Serialize)]
pub struct TeamRowView {
    /// The team's name.
    pub team: String,
    /// Its account id.
    pub account: String,
    /// The region checked.
    pub region: String,
    /// The lab's status for the team; `error` when it could not be checked.
    pub status: LabStatus,
    /// The cells, in the lab's step order.
    pub steps: Vec<StepCell>,
    /// Steps passed.
    pub passed: usize,
    /// Why the team could not be checked.
    pub error: Option<TeamError>,
}

/// The class matrix, as the Class view shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ClassMatrixView {
    /// The lab id.
    pub lab: String,
    /// The lab's title.
    pub lab_title: String,
    /// The class's name.
    pub class: String,
    /// The roster file.
    pub roster_path: String,
    /// When the check started.
    pub checked_at: DateTime<Utc>,
    /// The endpoint the teams were reached through when it is not AWS (an emulator).
    pub endpoint_url: Option<String>,
    /// The columns.
    pub steps: Vec<StepColumn>,
    /// One row per team, in roster order.
    pub teams: Vec<TeamRowView>,
    /// Teams in the roster.
    pub total: usize,
    /// Teams that could be checked.
    pub checked: usize,
    /// Teams that passed the whole lab.
    pub passed: usize,
    /// Why the check could not be kept in the progress store, if it could not.
    pub store_error: Option<String>,
}

/// How far a class check is: sent as each team finishes.
#[derive(Debug, Clone, Serialize)]
pub struct ClassProgress {
    /// Teams finished, this one included.
    pub done: usize,
    /// Teams in the roster.
    pub total: usize,
    /// The team that just finished.
    pub team: String,
    /// Its status.
    pub status: LabStatus,
}

/// One team, drilled into.
#[derive(Debug, Clone, Serialize)]
pub struct TeamDetailView {
    /// The lab id.
    pub lab: String,
    /// The team's name.
    pub team: String,
    /// Its members.
    pub members: Vec<String>,
    /// Its account id.
    pub account: String,
    /// The region checked.
    pub region: String,
    /// The lab's status for the team.
    pub status: LabStatus,
    /// When the class check started.
    pub checked_at: DateTime<Utc>,
    /// The team's report in the reader's language (steps with findings and resource ids).
    pub report: Option<RenderedReport>,
    /// Why the team could not be checked.
    pub error: Option<TeamError>,
    /// The lab's target architecture (SVG).
    pub target_svg: String,
    /// The team's account as read by this check (SVG), differences highlighted.
    pub actual_svg: String,
    /// The differences in words.
    pub differences: Vec<Difference>,
}

/// `~/…` is the home directory, as in a shell; surrounding blanks are dropped.
fn expand_path(path: &str) -> Result<PathBuf, UiError> {
    let path = path.trim();
    if path.is_empty() {
        return Err(UiError::field("roster", "type the path of a roster file (TOML)".to_owned()));
    }
    if let Some(rest) = path.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return Ok(PathBuf::from(home).join(rest));
    }
    Ok(PathBuf::from(path))
}

/// Reads and validates a roster; every problem is in the message, each as `file:line:column:
/// field: message`.
fn read_roster(path: &str) -> Result<(String, Roster), UiError> {
    let path = expand_path(path)?;
    let roster = Roster::from_file(&path).map_err(|e| UiError::field("roster", e.to_string()))?;
    Ok((path.display().to_string(), roster))
}

fn roster_view(path: &str, roster: &Roster) -> RosterView {
    RosterView {
        path: path.to_owned(),
        class: roster.class.name.clone(),
        region: roster.class.region.clone(),
        teams: roster
            .teams
            .iter()
            .map(|t| RosterTeam {
                name: t.name.clone(),
                members: t.members.clone(),
                account: t.account_id.clone(),
                region: t.region.clone(),
            })
            .collect(),
    }
}

/// `class_info`: the remembered roster (re-read, so edits show) and this session's last check.
pub fn class_info(state: &AppState) -> ClassInfo {
    let roster_path = state.state.lock().expect("state lock").last_roster.clone();
    let (roster, roster_error) = match roster_path.as_deref().map(read_roster) {
        Some(Ok((path, roster))) => (Some(roster_view(&path, &roster)), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    let last = state.class.lock().expect("class lock");
    let last = last.as_ref().and_then(|l| matrix_view(state, l).ok());
    ClassInfo { roster_path, roster, roster_error, last }
}

/// `class_roster`: loads and validates a roster file and remembers it for next time.
pub fn class_roster(state: &AppState, path: &str) -> Result<RosterView, UiError> {
    let (path, roster) = read_roster(path)?;
    state.update_state(|s| s.last_roster = Some(path.clone()));
    Ok(roster_view(&path, &roster))
}

/// `class_check`: checks `lab_id` in every team's account of the roster at `roster_path`
/// (re-read, so edits count) through `sandpit-classroom`, as `sandpit class check` does, and
/// records each team's attempt in the progress store. `progress` hears of each team as it
/// finishes. One team's failure is that team's error row, never the whole class's.
pub async fn class_check(
    state: &AppState,
    roster_path: &str,
    lab_id: &str,
    mut progress: impl FnMut(ClassProgress) + Send,
) -> Result<ClassMatrixView, UiError> {
    let (path, roster) = read_roster(roster_path)?;
    state.update_state(|s| s.last_roster = Some(path.clone()));
    let labs = state.labs()?;
    let lab = labs.get(lab_id)?;
    let params = lab.params([])?;
    // Opened first, as the CLI does: a bad database fails before any account is read.
    let store = open_store(state).await?;
    let checked = async {
        let (aws, identity) = state.connect().await?;
        let check = check_class(&aws, &identity, &roster, lab, &params, &ClassOptions::default(), |p| {
            progress(ClassProgress {
                done: p.done,
                total: p.total,
                team: p.team.team.clone(),
                status: p.team.status(),
            })
        })
        .await?;
        Ok::<_, UiError>((check, identity.endpoint_url))
    }
    .await;
    let result = match checked {
        Ok((check, endpoint_url)) => keep(state, &store, path, roster, check, endpoint_url).await,
        Err(e) => Err(e),
    };
    store.close().await;
    result
}

/// The progress store of the settings (the database URL, else SQLite in the data directory).
async fn open_store(state: &AppState) -> Result<Store, UiError> {
    let url = state.settings().database_url();
    Store::open_or_default(url.as_deref(), &state.data_dir)
        .await
        .map_err(|e| UiError::field("database_url", format!("cannot open the progress store: {e}")))
}

/// Records `check` in `store` (one attempt per team that could be checked, labelled with the
/// team) and keeps it as the session's last class check. A store that fails after the check is
/// reported beside the matrix rather than losing the matrix.
async fn keep(
    state: &AppState,
    store: &Store,
    roster_path: String,
    roster: Roster,
    check: ClassCheck,
    endpoint_url: Option<String>,
) -> Result<ClassMatrixView, UiError> {
    let store_error = record_class(store, &check)
        .await
        .err()
        .map(|e| format!("the check could not be kept in the progress store: {e}"));
    let last = LastClass { roster_path, roster, check, endpoint_url, store_error };
    let view = matrix_view(state, &last)?;
    *state.class.lock().expect("class lock") = Some(last);
    Ok(view)
}

fn lab_of<'a>(labs: &'a sandpit_core::labs::LabSet, id: &str) -> Result<&'a Lab, UiError> {
    Ok(labs.get(id)?)
}

fn matrix_view(state: &AppState, last: &LastClass) -> Result<ClassMatrixView, UiError> {
    let labs = state.labs()?;
    let lab = lab_of(&labs, &last.check.lab)?;
    Ok(build_matrix_view(lab, last, state.lang()))
}

fn build_matrix_view(lab: &Lab, last: &LastClass, lang: Lang) -> ClassMatrixView {
    let check = &last.check;
    let matrix = check.matrix();
    let teams: Vec<TeamRowView> = matrix
        .teams
        .into_iter()
        .zip(&check.teams)
        .map(|(row, result)| TeamRowView {
            passed: row.steps.0.iter().filter(|(_, s)| *s == StepStatus::Pass).count(),
            steps: row.steps.0.into_iter().map(|(id, status)| StepCell { id, status }).collect(),
            team: row.team,
            account: row.account,
            region: result.region.clone(),
            status: row.status,
            error: result.outcome.as_ref().err().cloned(),
        })
        .collect();
    ClassMatrixView {
        lab: check.lab.clone(),
        lab_title: lab.title.get(lang).to_owned(),
        class: last.roster.class.name.clone(),
        roster_path: last.roster_path.clone(),
        checked_at: check.checked_at,
        endpoint_url: last.endpoint_url.clone(),
        steps: check
            .step_ids
            .iter()
            .map(|id| StepColumn {
                id: id.clone(),
                title: lab.step(id).map_or_else(|| id.clone(), |s| s.title.get(lang).to_owned()),
            })
            .collect(),
        total: teams.len(),
        checked: teams.iter().filter(|t| t.error.is_none()).count(),
        passed: teams.iter().filter(|t| t.status == LabStatus::Pass).count(),
        teams,
        store_error: last.store_error.clone(),
    }
}

/// `class_team`: one team of the last class check: its findings per step and its topology
/// picture from the snapshot that check read.
pub fn class_team(state: &AppState, team: &str) -> Result<TeamDetailView, UiError> {
    let last = state.class.lock().expect("class lock");
    let Some(last) = last.as_ref() else {
        return Err(UiError::input("no class check yet: load a roster and check the class first"));
    };
    let Some(result) = last.check.teams.iter().find(|t| t.team == team) else {
        return Err(UiError::input(format!("no team `{team}` in the last class check")));
    };
    let labs = state.labs()?;
    let lab = lab_of(&labs, &last.check.lab)?;
    let lang = state.lang();
    let ko = lang == Lang::Ko;
    let target = topology::target_architecture(lab, &lab.params([])?);
    let empty = Snapshot::default();
    let snapshot = result.snapshot.as_ref().unwrap_or(&empty);
    let actual = topology::actual_architecture(snapshot);
    let c = topology::compare(&target, &actual, lang);
    let (target_title, actual_title) = if ko {
        ("목표 구성".to_owned(), format!("{}의 계정", result.team))
    } else {
        ("Target".to_owned(), format!("{}'s account", result.team))
    };
    let empty_actual = match (result.snapshot.is_some(), ko) {
        (false, true) => "이 팀의 계정을 읽지 못했습니다.",
        (false, false) => "The team's account could not be read.",
        (true, true) => "이 팀의 계정에는 아직 VPC가 없습니다.",
        (true, false) => "No VPC in the team's account yet.",
    };
    let empty_target = if ko {
        "이 실습에는 네트워크 구성이 없습니다."
    } else {
        "This lab builds no network."
    };
    let members = last.roster.team(&result.team).map(|t| t.members.clone()).unwrap_or_default();
    Ok(TeamDetailView {
        lab: last.check.lab.clone(),
        team: result.team.clone(),
        members,
        account: result.account.clone(),
        region: result.region.clone(),
        status: result.status(),
        checked_at: last.check.checked_at,
        report: result.outcome.as_ref().ok().map(|r| r.render(lang)),
        error: result.outcome.as_ref().err().cloned(),
        target_svg: topology::render_svg(&c.target, &target_title, empty_target),
        actual_svg: topology::render_svg(&c.actual, &actual_title, empty_actual),
        differences: if result.snapshot.is_some() { c.differences } else { Vec::new() },
    })
}

#[cfg(test)]
mod tests;
