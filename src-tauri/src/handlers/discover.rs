//! "Is this yours?": the lab's parameters read off the account, shown as candidates the learner
//! confirms, and kept for every later check of that lab in that account (as `sandpit check
//! --param` would pass them). Discovery itself is `sandpit_core::discover`; this only reads,
//! shows and remembers.
//!
//! Confirmed parameters are kept in the desktop's own state file (`desktop-state.json` in the
//! data directory), per AWS account id and lab, not in the progress store: they are this
//! desktop's current choice, needed before the first check of a session and whether or not the
//! store can be reached (it may be a classroom's shared PostgreSQL), while the store keeps what
//! each attempt used (its `params`), which is history and stays there.

use std::collections::BTreeMap;

use sandpit_core::Lang;
use sandpit_core::discover::{self, param_line};
use sandpit_core::labs::{Lab, Params};
use sandpit_core::snapshot::Snapshot;
use serde::Serialize;

use super::{AppState, CheckSource, read_snapshot};
use crate::error::UiError;

/// One parameter of the lab, with what the account seems to hold for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ParamCandidate {
    /// The parameter (`vpc_cidr`).
    pub name: String,
    /// What it means, in the reader's language.
    pub description: String,
    /// The value checks use now (the default, or what the learner confirmed).
    pub current: String,
    /// The lab's default.
    pub default: String,
    /// What the account holds for it, when something was found.
    pub found: Option<String>,
    /// The resource it was read from (`vpc-…`, `sg-…`).
    pub resource: Option<String>,
    /// That resource's `Name` tag, when it has one: what the learner called it.
    pub name_tag: Option<String>,
    /// That resource's CIDR block, when it is a VPC or subnet.
    pub cidr: Option<String>,
    /// Why that resource plays the role, in the reader's language.
    pub why: Option<String>,
    /// Whether the found value differs from the current one (worth asking about).
    pub differs: bool,
}

/// What the window asks: "these look like yours — use them?"
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DiscoverView {
    /// The lab.
    pub lab: String,
    /// The account the candidates were read from (`None`: a saved snapshot that does not
    /// say); confirming keeps them for this account.
    pub account: Option<String>,
    /// Every parameter of the lab, in the lab's order.
    pub candidates: Vec<ParamCandidate>,
    /// The `--param` line of what differs, for the CLI (empty when nothing does).
    pub param_line: String,
    /// Parameters that say where to look but had nothing in the account.
    pub missing: Vec<String>,
}

/// A parameter the learner confirmed, as the lab's header shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ParamInUse {
    /// The parameter.
    pub name: String,
    /// The value checks use.
    pub value: String,
    /// The lab's default.
    pub default: String,
    /// What it means, in the reader's language.
    pub description: String,
}

/// `given` (confirmed `--param` pairs) in the lab's order, with their defaults.
pub(crate) fn in_use(lab: &Lab, given: &[(String, String)], lang: Lang) -> Vec<ParamInUse> {
    lab.params
        .iter()
        .filter_map(|p| {
            let (_, value) = given.iter().find(|(k, _)| *k == p.name)?;
            Some(ParamInUse {
                name: p.name.clone(),
                value: value.clone(),
                default: p.default.to_string(),
                description: p.description.get(lang).to_owned(),
            })
        })
        .collect()
}

/// What lets a learner recognise `resource` in `snapshot`: its `Name` tag and CIDR block.
fn recognise(snapshot: &Snapshot, resource: &str) -> (Option<String>, Option<String>) {
    let owned = |s: Option<&str>| s.map(str::to_owned);
    if let Some(v) = snapshot.vpcs.iter().find(|v| v.id == resource) {
        return (owned(v.name()), Some(v.cidr.clone()));
    }
    if let Some(s) = snapshot.subnets.iter().find(|s| s.id == resource) {
        return (owned(s.name()), Some(s.cidr.clone()));
    }
    if let Some(g) = snapshot.security_groups.iter().find(|g| g.id == resource) {
        return (owned(g.name_tag()), None);
    }
    (None, None)
}

/// The candidates `snapshot` holds for each parameter of `lab`, beside `current`.
pub(crate) fn view(
    lab: &Lab,
    snapshot: &Snapshot,
    current: &Params,
    account: Option<String>,
    lang: Lang,
) -> DiscoverView {
    let found = discover::discover(lab, snapshot);
    let by_name: BTreeMap<&str, &discover::Found> =
        found.found.iter().map(|f| (f.param.as_str(), f)).collect();
    let candidates: Vec<ParamCandidate> = lab
        .params
        .iter()
        .map(|p| {
            let now = current.get(&p.name).map(ToString::to_string).unwrap_or_default();
            let hit = by_name.get(p.name.as_str());
            let (name_tag, cidr) =
                hit.and_then(|f| f.resource.as_deref()).map(|r| recognise(snapshot, r)).unwrap_or_default();
            ParamCandidate {
                name: p.name.clone(),
                description: p.description.get(lang).to_owned(),
                default: p.default.to_string(),
                found: hit.map(|f| f.value.clone()),
                resource: hit.and_then(|f| f.resource.clone()),
                name_tag,
                cidr,
                why: hit.map(|f| f.why.get(lang).to_owned()),
                differs: hit.is_some_and(|f| f.value != now),
                current: now,
            }
        })
        .collect();
    let param_line = param_line(
        candidates.iter().filter(|c| c.differs).filter_map(|c| Some((c.name.as_str(), c.found.as_deref()?))),
    );
    DiscoverView { lab: lab.id.clone(), account, candidates, param_line, missing: found.missing }
}

/// `discover_params`: reads the account and lists, per parameter, what it seems to hold.
pub async fn discover_params(state: &AppState, lab_id: &str) -> Result<DiscoverView, UiError> {
    discover_params_from(state, lab_id, CheckSource::Account).await
}

/// [`discover_params`] of what `source` holds (a saved snapshot is read offline).
pub async fn discover_params_from(
    state: &AppState,
    lab_id: &str,
    source: CheckSource,
) -> Result<DiscoverView, UiError> {
    let labs = state.labs()?;
    let lab = labs.get(lab_id)?;
    let (account, snapshot) = match source {
        CheckSource::Account => {
            let assumed = state.account().await?;
            let scope = lab.read_scope(&state.lab_params(Some(&assumed), lab)?, true);
            let (identity, snapshot) = state.read_scoped(&lab.resource_kinds(), &scope).await?;
            state.remember_account(&identity.account);
            (Some(identity.account), snapshot)
        }
        CheckSource::Snapshot(path) => {
            let snapshot = read_snapshot(&path)?;
            (snapshot.account.clone(), snapshot)
        }
    };
    let current = state.lab_params(account.as_deref(), lab)?;
    Ok(view(lab, &snapshot, &current, account, state.lang()))
}

/// `confirm_params`: the learner says "these are mine": checks of `lab_id` in `account` (the
/// one the candidates were read from) use `params` from now on, merged over what was confirmed
/// before, and so after a restart too. A bad value is refused, naming it, and nothing changes.
/// Returns what is in use now.
pub fn confirm_params(
    state: &AppState,
    lab_id: &str,
    account: Option<&str>,
    params: BTreeMap<String, String>,
) -> Result<Vec<ParamInUse>, UiError> {
    let labs = state.labs()?;
    let lab = labs.get(lab_id)?;
    let mut merged: BTreeMap<String, String> = state.given_params(account, lab).into_iter().collect();
    merged.extend(params);
    let checked = lab
        .params(merged.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| UiError::field("params", "ui-error-params", e.to_string()))?;
    // A value equal to the default needs no keeping: the header lists what differs.
    let given: Vec<(String, String)> = lab
        .params
        .iter()
        .filter_map(|p| {
            let value = checked.get(&p.name)?.to_string();
            (merged.contains_key(&p.name) && value != p.default.to_string()).then(|| (p.name.clone(), value))
        })
        .collect();
    state.update_state(|s| s.set_confirmed(account, lab_id, given.clone()));
    // The last check was judged with other parameters.
    state.last.lock().expect("last lock").remove(lab_id);
    Ok(in_use(lab, &given, state.lang()))
}

/// `clear_params`: checks of `lab_id` in `account` go back to the lab's defaults.
pub fn clear_params(state: &AppState, lab_id: &str, account: Option<&str>) {
    state.update_state(|s| s.set_confirmed(account, lab_id, Vec::new()));
    state.last.lock().expect("last lock").remove(lab_id);
}

#[cfg(test)]
mod tests;
