//! The path troubleshooter in the Topology view: "why can't the WAS reach the database?"
//! answered over a lab's last snapshot by the library `sandpit reach` uses, with the path drawn
//! over the account's picture (the blocking hop red with its rule and fix, an open path green
//! with the sentence about looking beyond the network).
//!
//! A lab check reads only what its lab needs, so a question may need kinds the last check did
//! not read (network ACLs, instances): those alone are read from the account, once, and kept
//! with the lab's last snapshot for the next question.

use sandpit_core::Lang;
use sandpit_core::msg::{self, Explain, Place};
use sandpit_core::reach::{self, EndpointChoice, Question, ReachError, RenderedAnswer};
use sandpit_core::snapshot::{ResourceKind, Snapshot, Unavailable};
use sandpit_view::topology::{self, PathOverlay};
use serde::Serialize;

use super::AppState;
use crate::error::UiError;

/// A path question's answer as the Topology view shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReachView {
    /// The answer in the reader's language (the `sandpit reach --json` shape).
    pub answer: RenderedAnswer,
    /// What the picture draws over the account: the stops, the headline, the rule and the note.
    pub overlay: PathOverlay,
    /// The account's topology picture with the path drawn over it (SVG).
    pub svg: String,
    /// When the lab's last check read the account; none when nothing was checked yet.
    pub checked_at: Option<String>,
    /// The kinds read from the account for this question (the last check had not read them).
    #[ts(as = "Vec<String>")]
    pub read_now: Vec<ResourceKind>,
}

/// The kinds a path question needs that `snapshot` was not given.
pub fn missing_kinds(snapshot: &Snapshot) -> Vec<ResourceKind> {
    reach::KINDS
        .iter()
        .copied()
        .filter(|k| matches!(snapshot.unavailable(*k), Some(Unavailable::NotCollected)))
        .collect()
}

/// `reach`: answers `question` over `lab_id`'s last snapshot, reading from the account only the
/// kinds that snapshot lacks (everything, before the first check).
pub async fn reach_question(
    state: &AppState,
    lab_id: &str,
    question: Question,
) -> Result<ReachView, UiError> {
    state.labs()?.get(lab_id)?;
    let lang = state.lang();
    let (mut snapshot, checked_at) = {
        let last = state.last.lock().expect("last lock");
        match last.get(lab_id) {
            Some(l) => (l.snapshot.clone(), Some(l.report.checked_at.to_rfc3339())),
            None => (Snapshot::default(), None),
        }
    };
    let missing = missing_kinds(&snapshot);
    if !missing.is_empty() {
        let (_, read) = state.read(&missing.iter().copied().collect()).await?;
        snapshot.merge_kinds(&read, &missing);
        snapshot.account = snapshot.account.or(read.account.clone());
        snapshot.region = snapshot.region.or(read.region.clone());
        if let Some(l) = state.last.lock().expect("last lock").get_mut(lab_id) {
            l.snapshot.merge_kinds(&read, &missing);
        }
    }
    answer_view(&snapshot, &question, lang, checked_at, missing)
}

/// The answer and the picture for `question` over `snapshot`, in `lang`.
pub fn answer_view(
    snapshot: &Snapshot,
    question: &Question,
    lang: Lang,
    checked_at: Option<String>,
    read_now: Vec<ResourceKind>,
) -> Result<ReachView, UiError> {
    let answer = reach::answer(snapshot, question).map_err(|e| ui_error(e, lang))?.render(lang);
    let overlay = topology::path_overlay(&answer, lang);
    let title = msg::text(lang, "topology-actual-path", &[]);
    let empty = msg::text(lang, "topology-actual-novpc", &[]);
    let svg = topology::render_svg_with_path(
        &topology::actual_architecture(snapshot),
        &title,
        &empty,
        &overlay,
        lang,
    );
    Ok(ReachView { answer, overlay, svg, checked_at, read_now })
}

/// A question the library refused, with the form field at fault (`from`, `to_subnet`, `port`).
fn ui_error(err: ReachError, lang: Lang) -> UiError {
    let field = |flag: &str| flag.trim_start_matches("--").replace('-', "_");
    let said = err.explain(Place::Window).get(lang).to_owned();
    match &err {
        ReachError::UnknownEndpoint { flag, .. } | ReachError::Ambiguous { flag, .. } => {
            UiError::field(&field(flag), "ui-error-reach", said)
        }
        ReachError::BadQuestion(message) => {
            let at = ["--from-subnet", "--to-subnet", "--port", "--from", "--to"]
                .into_iter()
                .find(|f| message.en.contains(f));
            match at {
                Some(flag) => UiError::field(&field(flag), "ui-error-reach", said),
                None => UiError::input("ui-error-reach", said),
            }
        }
        _ if err.is_aws() => UiError::aws("ui-error-aws-call", said),
        _ => UiError::input("ui-error-reach", said),
    }
}

/// `reach_endpoints`: what the Topology view offers to pick from, out of `lab_id`'s last
/// snapshot (empty before the first check, apart from the internet).
pub fn reach_endpoints(state: &AppState, lab_id: &str) -> Result<Vec<EndpointChoice>, UiError> {
    state.labs()?.get(lab_id)?;
    let last = state.last.lock().expect("last lock");
    let snapshot = last.get(lab_id).map(|l| l.snapshot.clone()).unwrap_or_default();
    Ok(reach::endpoint_choices(&snapshot))
}

#[cfg(test)]
mod tests;
