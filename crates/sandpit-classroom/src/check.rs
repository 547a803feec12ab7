//! Checking one lab in every team's account, several teams at a time.

use std::sync::Arc;

use chrono::Utc;
use sandpit_aws::{AssumeRole, Aws, AwsError, Identity, session_name_for};
use sandpit_core::engine::{self, BudgetGuard, StepFilter};
use sandpit_core::labs::{Lab, LabError, Params};
use sandpit_core::roster::{Roster, Team};
use sandpit_core::snapshot::{CollectError, Snapshot, Unavailable};
use tokio::sync::Semaphore;

use crate::matrix::{ClassCheck, TeamError, TeamResult};

/// How many teams are checked at once unless told otherwise.
///
/// Each team's check is one `sts:AssumeRole` in the instructor's account, then one call per
/// resource type the lab reads (up to about a dozen, all at once) in the team's account. Teams
/// usually have an account each, so their calls draw on separate per-account API rate limits;
/// what they share is the instructor's STS quota and network. The tightest budget is when
/// several teams share one account: EC2 allows a burst of about 100 `Describe*` calls per account
/// and refills about 20 a second, and 8 teams × at most 9 EC2 calls stay within one burst.
/// Throttled calls are retried with back-off by the SDK, so a higher `--concurrency` is safe,
/// only not faster beyond that point.
pub const DEFAULT_CONCURRENCY: usize = 8;

/// How to run a class check.
#[derive(Debug, Clone)]
pub struct ClassOptions {
    /// How many teams at once (at least 1).
    pub concurrency: usize,
    /// Evaluate billable labs even when a team's account has no budget guard.
    pub no_budget_guard: bool,
}

impl Default for ClassOptions {
    fn default() -> Self {
        Self { concurrency: DEFAULT_CONCURRENCY, no_budget_guard: false }
    }
}

/// A team finished: how far the class check is.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// Teams finished so far, this one included.
    pub done: usize,
    /// Teams in the roster.
    pub total: usize,
    /// The team that just finished.
    pub team: &'a TeamResult,
}

/// Checks `lab` (with `params`) in every team's account of `roster`, at most
/// `options.concurrency` teams at a time, assuming each team's role from the instructor's
/// connection `instructor` (whose identity names the session). A team that cannot be checked
/// becomes an error row; it never stops the others. `progress` is called as each team finishes
/// (from the calling task, in completion order). Results are in roster order.
///
/// Errors only when the lab cannot be prepared with `params` (bad input, before any call).
pub async fn check_class(
    instructor: &Aws,
    identity: &Identity,
    roster: &Roster,
    lab: &Lab,
    params: &Params,
    options: &ClassOptions,
    mut progress: impl FnMut(Progress<'_>),
) -> Result<ClassCheck, LabError> {
    // Refuse a lab that cannot be built with these parameters before reaching any account.
    lab.prepare(params)?;
    let checked_at = Utc::now();
    let semaphore = Arc::new(Semaphore::new(options.concurrency.max(1)));
    let shared = Arc::new(Shared {
        instructor: instructor.clone(),
        session_name: session_name_for(&identity.arn),
        checked_by: identity.arn.clone(),
        lab: lab.clone(),
        params: params.clone(),
        no_budget_guard: options.no_budget_guard,
    });
    let mut tasks = tokio::task::JoinSet::new();
    for (index, team) in roster.teams.iter().cloned().enumerate() {
        let semaphore = Arc::clone(&semaphore);
        let shared = Arc::clone(&shared);
        tasks.spawn(async move {
            let _permit = semaphore.acquire_owned().await.expect("the semaphore is never closed");
            (index, check_team(&shared, &team).await)
        });
    }
    let total = roster.teams.len();
    let mut results: Vec<Option<TeamResult>> = vec![None; total];
    let mut done = 0;
    while let Some(joined) = tasks.join_next().await {
        let (index, result) = match joined {
            Ok(pair) => pair,
            // A panic in one team's check is a bug; the class still gets its other rows.
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        };
        done += 1;
        progress(Progress { done, total, team: &result });
        results[index] = Some(result);
    }
    Ok(ClassCheck {
        lab: lab.id.clone(),
        step_ids: lab.steps.iter().map(|s| s.id.clone()).collect(),
        checked_at,
        teams: results.into_iter().map(|r| r.expect("every team was checked")).collect(),
    })
}

struct Shared {
    instructor: Aws,
    session_name: String,
    checked_by: String,
    lab: Lab,
    params: Params,
    no_budget_guard: bool,
}

async fn check_team(shared: &Shared, team: &Team) -> TeamResult {
    let (outcome, snapshot) = match read_team(shared, team).await {
        Ok(snapshot) => {
            let outcome = evaluate(shared, &snapshot);
            (outcome, Some(snapshot))
        }
        Err(e) => (Err(e), None),
    };
    TeamResult {
        team: team.name.clone(),
        account: team.account_id.clone(),
        region: team.region.clone(),
        outcome,
        snapshot,
        checked_by: shared.checked_by.clone(),
    }
}

/// Assume the team's role, make sure it is the roster's account, read what the lab needs.
async fn read_team(shared: &Shared, team: &Team) -> Result<Snapshot, TeamError> {
    let aws = shared
        .instructor
        .assume_role(&AssumeRole {
            role_arn: &team.role_arn,
            external_id: &team.external_id,
            session_name: &shared.session_name,
            region: Some(&team.region),
        })
        .await
        .map_err(|e| TeamError::new(e.reason.as_str(), e.message))?;
    let kinds = shared.lab.resource_kinds();
    // Only the lab's hosted zone's records: a class of teams sharing one account shares Route
    // 53's request rate too.
    let scope = shared.lab.read_scope(&shared.params, false);
    let (identity, snapshot) = aws.read_scoped(&kinds, &scope).await.map_err(team_error)?;
    if identity.account != team.account_id {
        return Err(TeamError::new(
            "account-mismatch",
            format!(
                "the role {} acts in account {}, not the roster's {}",
                team.role_arn, identity.account, team.account_id
            ),
        ));
    }
    // Nothing at all could be read: the account was not checked, whatever the steps would say.
    let failures: Vec<&CollectError> = kinds
        .iter()
        .filter_map(|&k| match snapshot.unavailable(k) {
            Some(Unavailable::Failed(e)) => Some(e),
            _ => None,
        })
        .collect();
    if !kinds.is_empty() && failures.len() == kinds.len() {
        return Err(nothing_readable(&failures, &team.role_arn));
    }
    Ok(snapshot)
}

fn evaluate(shared: &Shared, snapshot: &Snapshot) -> Result<sandpit_core::report::Report, TeamError> {
    let guard = if shared.no_budget_guard { BudgetGuard::Override } else { BudgetGuard::Enforce };
    engine::evaluate_with(&shared.lab, &shared.params, &StepFilter::all(), snapshot, Utc::now(), guard)
        .map_err(|e| TeamError::new("failed", e.to_string()))
}

fn nothing_readable(failures: &[&CollectError], role_arn: &str) -> TeamError {
    let denied = failures.iter().find_map(|e| match e {
        CollectError::Denied { action, message, .. } => Some((action, message)),
        CollectError::Failed { .. } => None,
    });
    if let Some((action, message)) = denied {
        return TeamError::new(
            "access-denied",
            format!(
                "the role {role_arn} may not read the account ({action} denied: {message}); the team should deploy labs/classroom/sandpit-readonly-role.yaml, whose policy grants every action Sandpit reads"
            ),
        );
    }
    let message = failures
        .first()
        .map(|e| match e {
            CollectError::Failed { action, message } | CollectError::Denied { action, message, .. } => {
                format!("{action}: {message}")
            }
        })
        .unwrap_or_default();
    let reason = if is_throttling(&message) { "throttled" } else { "unreadable" };
    TeamError::new(reason, format!("nothing could be read from the account with {role_arn} ({message})"))
}

fn is_throttling(message: &str) -> bool {
    ["Throttl", "RequestLimitExceeded", "TooManyRequests", "Rate exceeded", "SlowDown"]
        .iter()
        .any(|m| message.contains(m))
}

fn team_error(err: AwsError) -> TeamError {
    let message = err.to_string();
    let reason = match &err {
        AwsError::Unreachable { .. } => "unreachable",
        AwsError::InvalidCredentials { .. } | AwsError::NoCredentials(_) => "credentials",
        _ if is_throttling(&message) => "throttled",
        _ => "failed",
    };
    TeamError::new(reason, message)
}
