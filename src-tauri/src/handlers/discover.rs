//! "Is this yours?": the lab's parameters read off the account, shown as candidates the learner
//! confirms, and kept for every later check of that lab (as `sandpit check --param` would).
//! Discovery itself is `sandpit_core::discover`; this only reads, shows and remembers.

use std::collections::BTreeMap;

use sandpit_core::discover::{self, param_line};
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
    /// Every parameter of the lab, in the lab's order.
    pub candidates: Vec<ParamCandidate>,
    /// The `--param` line of what differs, for the CLI (empty when nothing does).
    pub param_line: String,
    /// Parameters that say where to look but had nothing in the account.
    pub missing: Vec<String>,
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
    let current = state.lab_params(lab)?;
    let snapshot = match source {
        CheckSource::Account => {
            let scope = lab.read_scope(&current, true);
            state.read_scoped(&lab.resource_kinds(), &scope).await?.1
        }
        CheckSource::Snapshot(path) => read_snapshot(&path)?,
    };
    let found = discover::discover(lab, &snapshot);
    let lang = state.lang();
    let by_name: BTreeMap<&str, &discover::Found> =
        found.found.iter().map(|f| (f.param.as_str(), f)).collect();
    let candidates: Vec<ParamCandidate> = lab
        .params
        .iter()
        .map(|p| {
            let now = current.get(&p.name).map(ToString::to_string).unwrap_or_default();
            let hit = by_name.get(p.name.as_str());
            ParamCandidate {
                name: p.name.clone(),
                description: p.description.get(lang).to_owned(),
                default: p.default.to_string(),
                found: hit.map(|f| f.value.clone()),
                resource: hit.and_then(|f| f.resource.clone()),
                why: hit.map(|f| f.why.get(lang).to_owned()),
                differs: hit.is_some_and(|f| f.value != now),
                current: now,
            }
        })
        .collect();
    let param_line = param_line(
        candidates.iter().filter(|c| c.differs).filter_map(|c| Some((c.name.as_str(), c.found.as_deref()?))),
    );
    Ok(DiscoverView { lab: lab.id.clone(), candidates, param_line, missing: found.missing })
}

/// `confirm_params`: the learner says "these are mine": checks of `lab_id` use `params` from
/// now on (merged over what was confirmed before). A bad value is refused, naming it, and
/// nothing changes.
pub fn confirm_params(
    state: &AppState,
    lab_id: &str,
    params: BTreeMap<String, String>,
) -> Result<Vec<(String, String)>, UiError> {
    let labs = state.labs()?;
    let lab = labs.get(lab_id)?;
    let mut merged: BTreeMap<String, String> = state.given_params(lab_id).into_iter().collect();
    merged.extend(params);
    let given: Vec<(String, String)> = merged.into_iter().collect();
    lab.params(given.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(|e| {
        let mut err = UiError::from(e);
        err.field = Some("params".to_owned());
        err
    })?;
    state.params.lock().expect("params lock").insert(lab_id.to_owned(), given.clone());
    Ok(given)
}

/// `clear_params`: back to the lab's defaults.
pub fn clear_params(state: &AppState, lab_id: &str) {
    state.params.lock().expect("params lock").remove(lab_id);
}

#[cfg(test)]
mod tests;
