//! The Class view, for instructors: a roster (validated by [`sandpit_core::roster`]), one lab
//! checked in every team's account at once by the same `sandpit-classroom` call
//! `sandpit class check` makes ([`check_class`] with the CLI's `--concurrency` and `--param`,
//! validated by the same code), kept in the progress store through the desktop's
//! [`ProgressStore`](crate::progress::ProgressStore) like every other check, the team × step
//! matrix and its exports (the CLI's `--csv` and `--json`, from the same library functions), and
//! one team's findings and topology picture from the snapshot of that check.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use sandpit_classroom::{ClassCheck, ClassOptions, DEFAULT_CONCURRENCY, TeamError, check_class};
use sandpit_core::labs::{Lab, LabSet, Params};
use sandpit_core::report::{FindingStatus, LabStatus, RenderedReport, Report, StepStatus};
use sandpit_core::roster::Roster;
use sandpit_core::snapshot::Snapshot;
use sandpit_core::{Lang, msg};
use sandpit_store::export::write_atomically;
use sandpit_view::topology::{self, Difference};
use serde::{Deserialize, Serialize};

use super::AppState;
use crate::error::UiError;
use crate::progress::StoreEvent;

/// The most teams checked at once: the range `sandpit class check --concurrency` accepts (1-64).
pub const MAX_CONCURRENCY: usize = 64;

/// Where exports go when no file is named: `<data dir>/exports/`.
pub const EXPORTS_DIR: &str = "exports";

/// What a CSV export of the window starts with: the UTF-8 byte-order mark.
pub const CSV_BOM: char = '\u{feff}';

/// The last class check of this session, kept for the matrix, the drill-down and the exports.
pub(super) struct LastClass {
    roster_path: String,
    roster: Roster,
    check: ClassCheck,
    endpoint_url: Option<String>,
    store_error: Option<String>,
    request: ClassRequest,
}

/// How the Class view asks for a check: `sandpit class check`'s `--concurrency N` and
/// `--param KEY=VALUE`, as typed in the form.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ClassCheckOptions {
    /// How many teams to check at once (empty: [`DEFAULT_CONCURRENCY`], the CLI's default).
    pub concurrency: String,
    /// Lab parameters, name → value; an empty value keeps the lab's default.
    pub params: BTreeMap<String, String>,
}

/// A lab parameter set for a class check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ParamSetting {
    /// The parameter's name.
    pub name: String,
    /// Its value, as the lab reads it.
    pub value: String,
}

/// [`ClassCheckOptions`] once validated: what the check ran with.
#[derive(Debug, Clone)]
struct ClassRequest {
    params: Params,
    options: ClassOptions,
    /// The parameters given (the others are the lab's defaults), in the lab's order.
    overrides: Vec<ParamSetting>,
}

/// A parameter of a lab, as the Class view's form offers it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ClassParam {
    /// Its name (`--param NAME=…`).
    pub name: String,
    /// Its type: `cidr`, `port`, `integer`, `number`, `domain` or `string`.
    pub kind: &'static str,
    /// Its default value.
    pub default: String,
    /// What it means, in the reader's language.
    pub description: String,
}

/// A class matrix written to a file.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ClassExport {
    /// The file written (absolute).
    pub path: String,
    /// `csv` or `json`.
    pub format: String,
    /// Its size in bytes.
    pub bytes: usize,
}

/// A loaded roster.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ClassInfo {
    /// The roster loaded last (remembered between runs).
    pub roster_path: Option<String>,
    /// That roster, when it still loads.
    pub roster: Option<RosterView>,
    /// Why it does not, with its file:line.
    pub roster_error: Option<UiError>,
    /// The last class check of this session.
    pub last: Option<ClassMatrixView>,
    /// Teams checked at once unless told otherwise (the CLI's default).
    pub default_concurrency: usize,
    /// The most teams checked at once.
    pub max_concurrency: usize,
    /// Every lab's parameters, by lab id, in the lab's order.
    pub lab_params: BTreeMap<String, Vec<ClassParam>>,
}

/// A column of the matrix: a step of the lab file (a billable lab's budget preflight, which
/// `class check --csv/--json` leave out, has none).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StepColumn {
    /// The step's number, the same in the matrix, its legend and a team's findings.
    pub number: usize,
    /// The step id.
    pub id: String,
    /// Its title in the reader's language.
    pub title: String,
}

/// One cell of the matrix.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StepCell {
    /// The step id.
    pub id: String,
    /// Its status for this team (`error` for every step of a team that could not be checked).
    pub status: StepStatus,
}

/// One team's row.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
    /// The same, said for the window: a short sentence in the reader's language, the library's
    /// own words as its details.
    pub error_said: Option<UiError>,
    /// Why the team's lab is blocked (its budget preflight's finding), when it is.
    pub blocked_reason: Option<String>,
}

/// The class matrix, as the Class view shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
    /// Why the check could not be kept in the progress store, if it could not: the reason Home
    /// shows after "progress is not being saved".
    pub store_error: Option<String>,
    /// The lab parameters given for this check (the others had their defaults).
    pub params: Vec<ParamSetting>,
    /// How many teams were checked at once.
    pub concurrency: usize,
}

/// How far a class check is: sent as each team finishes.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
    /// The same, said for the window (see [`TeamRowView::error_said`]).
    pub error_said: Option<UiError>,
    /// The matrix's columns: a step's number here is its number in the matrix.
    pub columns: Vec<StepColumn>,
    /// The lab's target architecture (SVG).
    pub target_svg: String,
    /// The team's account as read by this check (SVG), differences highlighted.
    pub actual_svg: String,
    /// The differences in words.
    pub differences: Vec<Difference>,
}

/// `~/…` is the home directory, as in a shell; surrounding blanks are dropped.
fn expand_home(path: &str) -> PathBuf {
    let path = path.trim();
    if let Some(rest) = path.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    PathBuf::from(path)
}

/// Reads and validates a roster; every problem is in the message, each as `file:line:column:
/// field: message`.
fn read_roster(path: &str) -> Result<(String, Roster), UiError> {
    if path.trim().is_empty() {
        return Err(UiError::field(
            "roster",
            "ui-error-roster-empty",
            "type the path of a roster file (TOML)",
        ));
    }
    let path = expand_home(path);
    let roster = Roster::from_file(&path)
        .map_err(|e| UiError::field("roster", "ui-error-roster", "").with_details(&e))?;
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

fn lab_params(labs: &LabSet, lang: Lang) -> BTreeMap<String, Vec<ClassParam>> {
    labs.labs()
        .iter()
        .map(|lab| {
            let params = lab
                .params
                .iter()
                .map(|p| ClassParam {
                    name: p.name.clone(),
                    kind: p.kind.name(),
                    default: p.default.to_string(),
                    description: p.description.get(lang).to_owned(),
                })
                .collect();
            (lab.id.clone(), params)
        })
        .collect()
}

/// `class_info`: the remembered roster (re-read, so edits show), this session's last check, and
/// what the form offers (the concurrency's range, every lab's parameters).
pub fn class_info(state: &AppState) -> ClassInfo {
    let roster_path = state.state.lock().expect("state lock").last_roster.clone();
    let (roster, roster_error) = match roster_path.as_deref().map(read_roster) {
        Some(Ok((path, roster))) => (Some(roster_view(&path, &roster)), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    let last = state.class.lock().expect("class lock");
    let last = last.as_ref().and_then(|l| matrix_view(state, l).ok());
    let lab_params = state.labs().map(|labs| lab_params(&labs, state.lang())).unwrap_or_default();
    ClassInfo {
        roster_path,
        roster,
        roster_error,
        last,
        default_concurrency: DEFAULT_CONCURRENCY,
        max_concurrency: MAX_CONCURRENCY,
        lab_params,
    }
}

/// Validates the form's options for `lab` with the code `sandpit class check` uses
/// ([`Lab::params`] for `--param`, the CLI's 1-64 range for `--concurrency`), before any account
/// is read. Each problem names its field: `concurrency`, or `param.<name>` with the lab's reason.
fn class_request(lab: &Lab, options: &ClassCheckOptions, lang: Lang) -> Result<ClassRequest, UiError> {
    let raw = options.concurrency.trim();
    let concurrency = if raw.is_empty() {
        DEFAULT_CONCURRENCY
    } else {
        raw.parse::<usize>().ok().filter(|n| (1..=MAX_CONCURRENCY).contains(n)).ok_or_else(|| {
            let args = [("max", MAX_CONCURRENCY.into()), ("value", raw.into())];
            UiError::field(
                "concurrency",
                "ui-error-class-concurrency",
                msg::text(lang, "class-concurrency-bad", &args),
            )
            .with("max", MAX_CONCURRENCY.to_string())
        })?
    };
    let mut ordered: Vec<(&str, &str)> = options
        .params
        .iter()
        .map(|(name, value)| (name.as_str(), value.trim()))
        .filter(|(_, value)| !value.is_empty())
        .collect();
    // One at a time first, in the lab's order (unknown names last), so the error names its field.
    let rank = |name: &str| lab.params.iter().position(|p| p.name == name).unwrap_or(usize::MAX);
    ordered.sort_by_key(|(name, _)| rank(name));
    for &(name, value) in &ordered {
        lab.params([(name, value)]).map_err(|e| {
            UiError::field(&format!("param.{name}"), "ui-error-class-param", e.to_string()).with("name", name)
        })?;
    }
    let params = lab.params(ordered.iter().copied())?;
    let overrides = ordered
        .iter()
        .map(|(name, raw)| ParamSetting {
            name: (*name).to_owned(),
            value: params.get(name).map_or_else(|| (*raw).to_owned(), ToString::to_string),
        })
        .collect();
    Ok(ClassRequest { params, options: ClassOptions { concurrency, ..ClassOptions::default() }, overrides })
}

/// `class_roster`: loads and validates a roster file and remembers it for next time.
pub fn class_roster(state: &AppState, path: &str) -> Result<RosterView, UiError> {
    let (path, roster) = read_roster(path)?;
    state.update_state(|s| s.last_roster = Some(path.clone()));
    Ok(roster_view(&path, &roster))
}

/// `class_check`: checks `lab_id` in every team's account of the roster at `roster_path`
/// (re-read, so edits count) through `sandpit-classroom`, as `sandpit class check` does, with
/// its `--concurrency` and `--param` from `options` (a bad value names its field, and nothing is
/// read), and records each team's attempt in the progress store. `progress` hears of each team
/// as it finishes. One team's failure is that team's error row, never the whole class's.
pub async fn class_check(
    state: &AppState,
    roster_path: &str,
    lab_id: &str,
    options: &ClassCheckOptions,
    mut progress: impl FnMut(ClassProgress) + Send,
) -> Result<ClassMatrixView, UiError> {
    let (path, roster) = read_roster(roster_path)?;
    state.update_state(|s| s.last_roster = Some(path.clone()));
    let labs = state.labs()?;
    let lab = labs.get(lab_id)?;
    let request = class_request(lab, options, state.lang())?;
    let (aws, identity) = state.connect().await?;
    let check = check_class(&aws, &identity, &roster, lab, &request.params, &request.options, |p| {
        progress(ClassProgress {
            done: p.done,
            total: p.total,
            team: p.team.team.clone(),
            status: p.team.status(),
        })
    })
    .await?;
    keep(state, path, roster, check, identity.endpoint_url, request).await
}

/// Records `check` in the progress store (one attempt per team that could be checked, labelled
/// with the team), through the desktop's store like every other check, and keeps it as the
/// session's last class check. A store that cannot keep it (a wrong or unreachable database,
/// a data folder that cannot be written) is said beside the matrix and on Home, with its reason,
/// rather than losing the matrix.
async fn keep(
    state: &AppState,
    roster_path: String,
    roster: Roster,
    check: ClassCheck,
    endpoint_url: Option<String>,
    request: ClassRequest,
) -> Result<ClassMatrixView, UiError> {
    let status = state.record(StoreEvent::Class { check: &check }).await;
    let store_error = if status.saving { None } else { status.error };
    let last = LastClass { roster_path, roster, check, endpoint_url, store_error, request };
    let view = matrix_view(state, &last)?;
    *state.class.lock().expect("class lock") = Some(last);
    Ok(view)
}

/// A file name for an export of `last`: `class-<class>-<lab>-<when>.<ext>`, only characters
/// every file system takes.
fn export_file_name(last: &LastClass, ext: &str) -> String {
    let safe = |s: &str| -> String {
        s.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect()
    };
    format!(
        "class-{}-{}-{}.{ext}",
        safe(&last.roster.class.name),
        safe(&last.check.lab),
        last.check.checked_at.format("%Y%m%d-%H%M%S")
    )
}

/// `class_export`: writes the last class check's matrix as `format` (`csv` or `json`), exactly
/// what `sandpit class check --csv` / `--json` prints (the same `sandpit-classroom` functions), to
/// `path` (`~` expanded; a folder gets a file named after the class, lab and time), or, when
/// `path` is empty, into `<data dir>/exports/`. Written atomically; returns where.
pub fn class_export(state: &AppState, format: &str, path: &str) -> Result<ClassExport, UiError> {
    let (contents, name) = {
        let last = state.class.lock().expect("class lock");
        let Some(last) = last.as_ref() else {
            return Err(UiError::input(
                "ui-error-class-none",
                "no class check yet: check the class first, then export its matrix",
            ));
        };
        let contents = match format {
            // A byte-order mark first: Korean Excel reads a CSV without one as the local code
            // page and garbles Korean team names. The rest is `class check --csv`'s bytes.
            "csv" => format!("{CSV_BOM}{}", last.check.to_csv()),
            "json" => last.check.to_json(),
            other => {
                return Err(UiError::field(
                    "export_format",
                    "ui-error-export-format",
                    format!("`{other}` is not an export format (csv or json)"),
                ));
            }
        };
        (contents, export_file_name(last, format))
    };
    let fail = |message: String| UiError::field("export_path", "ui-error-export-path", message);
    let target = if path.trim().is_empty() {
        let dir = state.data_dir.join(EXPORTS_DIR);
        std::fs::create_dir_all(&dir).map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
        dir.join(name)
    } else {
        let typed = expand_home(path);
        if typed.is_relative() {
            return Err(fail(format!(
                "`{}` is not a full path: type one such as ~/class/matrix.{format}, or leave it empty for the data folder",
                path.trim()
            )));
        }
        if typed.is_dir() { typed.join(name) } else { typed }
    };
    write_atomically(&target, contents.as_bytes()).map_err(|e| fail(e.to_string()))?;
    Ok(ClassExport { path: target.display().to_string(), format: format.to_owned(), bytes: contents.len() })
}

fn lab_of<'a>(labs: &'a LabSet, id: &str) -> Result<&'a Lab, UiError> {
    Ok(labs.get(id)?)
}

fn matrix_view(state: &AppState, last: &LastClass) -> Result<ClassMatrixView, UiError> {
    let labs = state.labs()?;
    let lab = lab_of(&labs, &last.check.lab)?;
    Ok(build_matrix_view(lab, last, state.lang()))
}

/// The matrix's columns: the lab file's steps, numbered.
fn columns(lab: &Lab, step_ids: &[String], lang: Lang) -> Vec<StepColumn> {
    step_ids
        .iter()
        .enumerate()
        .map(|(i, id)| StepColumn {
            number: i + 1,
            id: id.clone(),
            title: match lab.step(id) {
                Some(s) => s.title.get(lang).to_owned(),
                None if id == sandpit_core::engine::PREFLIGHT_STEP => {
                    sandpit_core::engine::preflight_title().get(lang).to_owned()
                }
                None => id.clone(),
            },
        })
        .collect()
}

/// Why `report`'s lab is blocked: the first finding of its first blocked step that says so.
/// Why a team could not be checked, as the window says it: one sentence per reason (the stable
/// word of the class JSON), where to look, and the library's message as the details.
fn team_error_said(err: &TeamError, lang: Lang) -> UiError {
    let code = match err.reason.as_str() {
        "access-denied" => "class-team-error-access-denied",
        "throttled" => "class-team-error-throttled",
        "unreachable" => "class-team-error-unreachable",
        "credentials" => "class-team-error-credentials",
        "account-mismatch" => "class-team-error-account-mismatch",
        "unreadable" => "class-team-error-unreadable",
        "region-disabled" => "class-team-error-region-disabled",
        _ => "class-team-error-failed",
    };
    UiError::aws(code, err.message.clone()).in_lang(lang)
}

fn blocked_reason(report: &Report, lang: Lang) -> Option<String> {
    if report.status != LabStatus::Blocked {
        return None;
    }
    report
        .steps
        .iter()
        .filter(|s| s.status == StepStatus::Blocked)
        .flat_map(|s| &s.findings)
        .find(|f| f.status != FindingStatus::Pass)
        .map(|f| f.message.get(lang).to_owned())
        .or_else(|| Some(msg::text(lang, "class-blocked-noreason", &[])))
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
            error_said: result.outcome.as_ref().err().map(|e| team_error_said(e, lang)),
            blocked_reason: result.outcome.as_ref().ok().and_then(|r| blocked_reason(r, lang)),
        })
        .collect();
    ClassMatrixView {
        lab: check.lab.clone(),
        lab_title: lab.title.get(lang).to_owned(),
        class: last.roster.class.name.clone(),
        roster_path: last.roster_path.clone(),
        checked_at: check.checked_at,
        endpoint_url: last.endpoint_url.clone(),
        steps: columns(lab, &check.step_ids, lang),
        total: teams.len(),
        checked: teams.iter().filter(|t| t.error.is_none()).count(),
        passed: teams.iter().filter(|t| t.status == LabStatus::Pass).count(),
        teams,
        store_error: last.store_error.clone(),
        params: last.request.overrides.clone(),
        concurrency: last.request.options.concurrency,
    }
}

/// `class_team`: one team of the last class check: its findings per step and its topology
/// picture from the snapshot that check read.
pub fn class_team(state: &AppState, team: &str) -> Result<TeamDetailView, UiError> {
    let last = state.class.lock().expect("class lock");
    let Some(last) = last.as_ref() else {
        return Err(UiError::input(
            "ui-error-class-none",
            "no class check yet: load a roster and check the class first",
        ));
    };
    let Some(result) = last.check.teams.iter().find(|t| t.team == team) else {
        return Err(UiError::input(
            "ui-error-class-team",
            format!("no team `{team}` in the last class check"),
        )
        .with("team", team));
    };
    let labs = state.labs()?;
    let lab = lab_of(&labs, &last.check.lab)?;
    let lang = state.lang();
    // The target as this check judged it: with the parameters it ran with.
    let target = topology::target_architecture(lab, &last.request.params)?;
    let empty = Snapshot::default();
    let snapshot = result.snapshot.as_ref().unwrap_or(&empty);
    let actual = topology::actual_architecture(snapshot);
    let c = topology::compare(&target, &actual, lang);
    let t = |id: &str| msg::text(lang, id, &[]);
    let actual_title = msg::text(lang, "class-team-account", &[("team", result.team.as_str().into())]);
    let empty_actual = if result.snapshot.is_some() { t("class-team-novpc") } else { t("class-team-unread") };
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
        error_said: result.outcome.as_ref().err().map(|e| team_error_said(e, lang)),
        columns: columns(lab, &last.check.step_ids, lang),
        target_svg: topology::render_svg(&c.target, &t("topology-target"), &t("topology-target-empty"), lang),
        actual_svg: topology::render_svg(&c.actual, &actual_title, &empty_actual, lang),
        differences: if result.snapshot.is_some() { c.differences } else { Vec::new() },
    })
}

#[cfg(test)]
mod tests;
