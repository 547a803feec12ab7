//! Keeping a class check in the progress store: one attempt per team that could be checked.

use sandpit_store::{Attempt, AttemptId, Store, StoreError};

use crate::matrix::ClassCheck;

/// Records every team of `class` that could be checked as an attempt labelled with the team's
/// name, with the instructor's role session in the team's account as the caller and the
/// snapshot as evidence. A team that could not be checked has no report and nothing read to
/// keep, so it is not recorded (its error row is in the class check's output).
///
/// Each attempt is its own transaction; the ids of those recorded are returned in roster order.
pub async fn record_class(store: &Store, class: &ClassCheck) -> Result<Vec<AttemptId>, StoreError> {
    let mut ids = Vec::new();
    for team in &class.teams {
        if let (Ok(report), Some(snapshot)) = (&team.outcome, &team.snapshot) {
            let attempt = Attempt::new(report, snapshot, &team.checked_by).with_team(&team.team);
            ids.push(store.record_attempt(&attempt).await?);
        }
    }
    Ok(ids)
}
