//! Runs a lab's checks over a snapshot and assembles the report.
//!
//! The engine, not each check kind, answers for resource types that could not be read: a check
//! whose inputs are missing gets one `error` finding naming the denied IAM action and the managed
//! policy that grants it, and the other steps are still evaluated.

use chrono::{DateTime, Utc};

use crate::budget::{GUARD_NAME, GuardState, guard_status};
use crate::labs::{Lab, LabError, Params};
use crate::report::{Finding, Report, StepResult, StepStatus};
use crate::snapshot::{CollectError, ResourceKind, Snapshot, Unavailable};
use crate::{Lang, Localized, msg};

/// The id of the preflight step billable labs start with.
pub const PREFLIGHT_STEP: &str = "budget-guard";

/// The command that puts a budget guard in place (the class allowance: 22 USD ≈ ₩30,000).
pub const GUARD_FIX: &str = "sandpit budget ensure --limit 22 --email YOU@example.com";

/// Whether billable labs require the budget guard before they are guided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BudgetGuard {
    /// A billable lab is `blocked` until a monthly cost budget watches the account and spend is
    /// within its limit.
    #[default]
    Enforce,
    /// `--no-budget-guard`: evaluate anyway, saying loudly that nothing guards the spend.
    Override,
}

/// Which steps to evaluate.
#[derive(Debug, Clone, Default)]
pub struct StepFilter {
    only: Vec<String>,
}

impl StepFilter {
    /// Every step.
    pub fn all() -> Self {
        Self::default()
    }

    /// Only these steps (the others are reported as `skipped`); refuses unknown ids.
    pub fn only(lab: &Lab, ids: &[String]) -> Result<Self, LabError> {
        for id in ids {
            if lab.step(id).is_none() {
                return Err(LabError::UnknownStep {
                    lab: lab.id.clone(),
                    step: id.clone(),
                    known: lab.steps.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", "),
                });
            }
        }
        Ok(Self { only: ids.to_vec() })
    }

    fn includes(&self, id: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s == id)
    }
}

/// Checks `lab` with `params` over `snapshot`, enforcing the budget guard on billable labs.
pub fn evaluate(
    lab: &Lab,
    params: &Params,
    filter: &StepFilter,
    snapshot: &Snapshot,
    checked_at: DateTime<Utc>,
) -> Result<Report, LabError> {
    evaluate_with(lab, params, filter, snapshot, checked_at, BudgetGuard::Enforce)
}

/// Checks `lab` with `params` over `snapshot`. A billable lab starts with the preflight step
/// [`PREFLIGHT_STEP`]; when it does not pass (and `guard` is [`BudgetGuard::Enforce`]) every
/// other step is `blocked`, not evaluated.
pub fn evaluate_with(
    lab: &Lab,
    params: &Params,
    filter: &StepFilter,
    snapshot: &Snapshot,
    checked_at: DateTime<Utc>,
    guard: BudgetGuard,
) -> Result<Report, LabError> {
    let prepared = lab.prepare(params)?;
    let preflight = lab.billable.then(|| preflight(snapshot, guard));
    let locked = preflight.as_ref().is_some_and(|p| p.status == StepStatus::Blocked);
    let steps = preflight
        .into_iter()
        .chain(prepared.iter().map(|p| {
            if !filter.includes(&p.step.id) {
                return StepResult {
                    id: p.step.id.clone(),
                    title: p.step.title.clone(),
                    status: StepStatus::Skipped,
                    findings: Vec::new(),
                };
            }
            if locked {
                return StepResult {
                    id: p.step.id.clone(),
                    title: p.step.title.clone(),
                    status: StepStatus::Blocked,
                    findings: Vec::new(),
                };
            }
            let mut findings = Vec::new();
            for (kind, check) in &p.checks {
                let missing: Vec<Finding> = kind
                    .needs
                    .iter()
                    .filter(|rk| !check.judges_without().contains(rk))
                    .filter_map(|&rk| snapshot.unavailable(rk).map(|why| unavailable_finding(rk, why)))
                    .collect();
                if missing.is_empty() {
                    findings.extend(check.evaluate(snapshot));
                } else {
                    for f in missing {
                        if !findings.contains(&f) {
                            findings.push(f);
                        }
                    }
                }
            }
            StepResult {
                id: p.step.id.clone(),
                title: p.step.title.clone(),
                status: StepStatus::from_findings(&findings),
                findings,
            }
        }))
        .collect();
    let mut report =
        Report::new(lab.id.clone(), snapshot.account.clone(), snapshot.region.clone(), checked_at, steps)
            .scoped_to(&filter.only);
    report.params = params.iter().map(|(k, v)| (k.to_owned(), v.to_string())).collect();
    Ok(report)
}

/// How a check chooses its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParamChoice {
    /// The lab's defaults, overridden by what the learner gave. When that fails steps the
    /// account's own layout would pass, the report suggests the `--param` line for it.
    #[default]
    Given,
    /// `--discover`: read off the account ([`crate::discover`]), overridden by what the learner
    /// gave; the report lists what was read.
    Discover,
}

/// Checks `lab` over `snapshot` with the parameters `given` (`--param` pairs, validated here)
/// chosen as `choice` says: what `sandpit check` and the desktop run.
pub fn check(
    lab: &Lab,
    given: &[(String, String)],
    choice: ParamChoice,
    filter: &StepFilter,
    snapshot: &Snapshot,
    checked_at: DateTime<Utc>,
    guard: BudgetGuard,
) -> Result<Report, LabError> {
    let pairs = || given.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    // Bad --param values are refused before anything else, whatever the choice.
    let params = lab.params(pairs())?;
    let discovery = crate::discover::discover(lab, snapshot);
    if choice == ParamChoice::Discover {
        let params = crate::discover::params_with(lab, &discovery, pairs())?;
        let mut report = evaluate_with(lab, &params, filter, snapshot, checked_at, guard)?;
        report.discovered = Some(discovery.values());
        return Ok(report);
    }
    let mut report = evaluate_with(lab, &params, filter, snapshot, checked_at, guard)?;
    let names: Vec<&str> = given.iter().map(|(k, _)| k.as_str()).collect();
    let suggestion = crate::discover::suggestion(lab, &params, &names, &report, &discovery, |other| {
        evaluate_with(lab, other, filter, snapshot, checked_at, guard).ok()
    });
    if let Some(suggestion) = suggestion {
        crate::discover::annotate(&mut report, lab, &suggestion);
        report.suggestion = Some(suggestion);
    }
    Ok(report)
}

/// The title of [`PREFLIGHT_STEP`], which no lab file declares: the same words in reports, the lab
/// runner and the class matrix.
pub fn preflight_title() -> Localized {
    msg!("engine-budget-guard-place")
}

/// The preflight step of a billable lab: is a budget guard in place?
fn preflight(snapshot: &Snapshot, guard: BudgetGuard) -> StepResult {
    let title = preflight_title();
    let step = |status, findings| StepResult {
        id: PREFLIGHT_STEP.to_owned(),
        title: title.clone(),
        status,
        findings,
    };
    if guard == BudgetGuard::Override {
        return step(
            StepStatus::Skipped,
            vec![
                Finding::info(msg!("engine-budget-guard-not-enforced"))
                    .hint(msg!("engine-put-guard-place", command = &GUARD_FIX)),
            ],
        );
    }
    if let Some(why) = snapshot.unavailable(ResourceKind::Budgets) {
        let mut finding = unavailable_finding(ResourceKind::Budgets, why);
        finding.message = msg!("engine-cannot-tell-whether-budget", message = &finding.message);
        return step(StepStatus::Blocked, vec![finding]);
    }
    let status = guard_status(snapshot, GUARD_NAME);
    match status.status {
        GuardState::Guarded => {
            let name = status.name.unwrap_or_default();
            let (limit, unit) = (status.limit.unwrap_or_default(), status.unit.unwrap_or_default());
            step(
                StepStatus::Pass,
                vec![
                    Finding::pass(msg!(
                        "engine-budget-watches-account-month",
                        name = &name,
                        limit = &limit,
                        unit = &unit
                    ))
                    .resource(name.clone()),
                ],
            )
        }
        GuardState::Unguarded => step(
            StepStatus::Blocked,
            vec![
                Finding::fail(msg!("engine-no-monthly-cost-budget"))
                    .expected(format!("a COST MONTHLY budget ({GUARD_NAME})"))
                    .found("no budget")
                    .hint(msg!("engine-no-budget-guard-hint", command = &GUARD_FIX)),
            ],
        ),
        GuardState::OverLimit => {
            let name = status.name.unwrap_or_default();
            let (limit, unit) = (status.limit.unwrap_or_default(), status.unit.unwrap_or_default());
            let actual = status.actual.unwrap_or_default();
            step(
                StepStatus::Blocked,
                vec![
                    Finding::fail(msg!(
                        "engine-spend-month-past-limit",
                        actual = &actual,
                        unit = &unit,
                        name = &name,
                        limit = &limit
                    ))
                    .resource(name.clone())
                    .expected(format!("actual spend ≤ {limit} {unit}"))
                    .found(format!("{actual} {unit}")),
                ]
                .into_iter()
                .map(|f| f.hint(msg!("engine-run-sandpit-cost-follow")))
                .collect(),
            )
        }
    }
}

fn unavailable_finding(kind: ResourceKind, why: Unavailable<'_>) -> Finding {
    let what = Localized::new(kind.label(Lang::En), kind.label(Lang::Ko));
    match why {
        Unavailable::Failed(error) => denial_finding(what, error),
        Unavailable::NotCollected => Finding::error(msg!("engine-not-in-snapshot", what = &what))
            .hint(msg!("engine-check-against-account-without")),
    }
}

/// The finding for something that could not be read because `error` happened: a whole resource
/// kind (`what` = "security groups") or one resource whose detail call failed (`what` = "KMS key
/// 1234…", a catalogue message naming it). Check kinds use it for resources marked `unreadable`.
pub fn denial_finding(what: Localized, error: &CollectError) -> Finding {
    match error {
        CollectError::Denied { action, managed_policy, message } => {
            Finding::error(msg!("engine-cannot-read-aws-denied", what = &what, action = &action))
                .expected(format!("permission for {action}"))
                .found(message.clone())
                .hint(msg!(
                    "engine-grant-identity-sandpit-uses",
                    action = &action,
                    managed_policy = &managed_policy
                ))
        }
        CollectError::Failed { action, message } => {
            Finding::error(msg!("engine-cannot-read-failed", what = &what, action = &action))
                .found(message.clone())
                .hint(msg!("engine-usually-temporary-network-throttling"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::fixtures::{guard, solved};
    use crate::labs::LabSet;
    use crate::report::{FindingStatus, LabStatus};
    use crate::snapshot::Collected;

    fn check(lab: &str, snap: &Snapshot) -> Report {
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get(lab).unwrap();
        evaluate(lab, &lab.params([]).unwrap(), &StepFilter::all(), snap, Utc::now()).unwrap()
    }

    fn failing_steps(report: &Report) -> Vec<&str> {
        report.steps.iter().filter(|s| s.status != StepStatus::Pass).map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn the_solved_project_passes_both_network_labs() {
        let (mut b, _) = solved();
        guard(&mut b);
        let snap = b.build();
        for lab in ["three-tier-vpc", "vpc-peering"] {
            let report = check(lab, &snap);
            assert_eq!(failing_steps(&report), Vec::<&str>::new(), "{lab}: {report:#?}");
            assert_eq!(report.status, LabStatus::Pass);
        }
    }

    #[test]
    fn a_snapshot_saved_before_prefix_lists_were_read_keeps_its_security_group_verdicts() {
        let (mut b, _) = solved();
        guard(&mut b);
        let mut snap = b.build();
        snap.managed_prefix_lists = Collected::NotCollected;
        for lab in ["three-tier-vpc", "vpc-peering"] {
            let report = check(lab, &snap);
            assert_eq!(failing_steps(&report), Vec::<&str>::new(), "{lab}: {report:#?}");
        }
        // A rule that names a prefix list is the one that cannot be judged, and says why.
        let (mut b, s) = solved();
        guard(&mut b);
        let groups = b.snapshot().security_groups.items_mut().unwrap();
        let db_sg = groups.iter_mut().find(|g| g.id == s.db_sg).unwrap();
        db_sg.ingress.push(crate::checks::fixtures::tcp(
            22,
            crate::snapshot::RuleSource::PrefixList("pl-0123".into()),
        ));
        let mut snap = b.build();
        snap.managed_prefix_lists = Collected::NotCollected;
        let report = check("vpc-peering", &snap);
        let db = report.steps.iter().find(|s| s.id == "db-security-group").unwrap();
        assert_eq!(db.status, StepStatus::Error, "{db:#?}");
        assert!(db.findings.iter().any(|f| f.message.en.contains("pl-0123")), "{db:#?}");
    }

    #[test]
    fn an_empty_account_fails_every_step() {
        let mut b = crate::checks::fixtures::Builder::empty();
        guard(&mut b);
        let report = check("three-tier-vpc", &b.build());
        assert_eq!(report.steps[0].id, PREFLIGHT_STEP);
        assert_eq!(report.summary.passed, 1, "only the guard");
        assert_eq!(report.summary.failed, report.steps.len() - 1);
        assert_eq!(report.status, LabStatus::Fail);
    }

    fn statuses(report: &Report) -> Vec<StepStatus> {
        report.steps.iter().map(|s| s.status).collect()
    }

    #[test]
    fn a_billable_lab_without_a_guard_is_blocked_with_the_fixing_command() {
        let (b, _) = solved();
        let report = check("three-tier-vpc", &b.build());
        assert_eq!(report.status, LabStatus::Blocked);
        assert!(statuses(&report).iter().all(|s| *s == StepStatus::Blocked), "{report:#?}");
        assert_eq!(report.steps[0].id, PREFLIGHT_STEP);
        let finding = &report.steps[0].findings[0];
        assert_eq!(finding.status, FindingStatus::Fail);
        assert!(finding.hint.as_ref().unwrap().en.contains(GUARD_FIX));
        assert!(finding.hint.as_ref().unwrap().ko.contains(GUARD_FIX));
        // Later steps are not evaluated: no findings to act on yet.
        assert!(report.steps[1..].iter().all(|s| s.findings.is_empty()));
    }

    #[test]
    fn spend_over_the_limit_blocks_and_points_at_the_cost_meter() {
        let (mut b, _) = solved();
        guard(&mut b);
        b.snapshot().budgets.items_mut().unwrap()[0].actual_spend = Some(25.0);
        let report = check("three-tier-vpc", &b.build());
        assert_eq!(report.status, LabStatus::Blocked);
        let finding = &report.steps[0].findings[0];
        assert!(
            finding.message.en.contains("25 USD") && finding.message.en.contains("22 USD"),
            "{finding:?}"
        );
        assert!(finding.hint.as_ref().unwrap().en.contains("sandpit cost"));
    }

    #[test]
    fn the_override_evaluates_and_says_so() {
        let (b, _) = solved();
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("three-tier-vpc").unwrap();
        let report = evaluate_with(
            lab,
            &lab.params([]).unwrap(),
            &StepFilter::all(),
            &b.build(),
            Utc::now(),
            BudgetGuard::Override,
        )
        .unwrap();
        assert_eq!(report.status, LabStatus::Pass);
        assert_eq!(report.steps[0].status, StepStatus::Skipped);
        assert!(report.steps[0].findings[0].message.en.contains("NOT enforced"));
    }

    #[test]
    fn unreadable_budgets_block_rather_than_guess() {
        let (mut b, _) = solved();
        b.snapshot().budgets = Collected::Error {
            error: CollectError::Denied {
                action: "budgets:ViewBudget".into(),
                managed_policy: "AWSBudgetsReadOnlyAccess".into(),
                message: "AccessDenied".into(),
            },
        };
        let report = check("rds-kms", &b.build());
        assert_eq!(report.status, LabStatus::Blocked);
        let finding = &report.steps[0].findings[0];
        assert_eq!(finding.status, FindingStatus::Error);
        assert!(finding.message.en.contains("budgets:ViewBudget"), "{finding:?}");
    }

    #[test]
    fn labs_that_bill_nothing_have_no_preflight_and_billable_ones_read_budgets() {
        let (b, _) = solved();
        let report = check("vpc-peering", &b.build());
        assert!(report.step(PREFLIGHT_STEP).is_none());
        let labs = LabSet::builtin().unwrap();
        for lab in labs.labs() {
            assert_eq!(
                lab.resource_kinds().contains(&ResourceKind::Budgets),
                lab.billable || lab.id == "budget-guard"
            );
        }
        assert!(labs.get("three-tier-vpc").unwrap().billable && labs.get("rds-kms").unwrap().billable);
    }

    #[test]
    fn a_denied_resource_type_errors_only_the_steps_that_need_it() {
        let (mut b, _) = solved();
        b.snapshot().peering_connections = Collected::Error {
            error: CollectError::Denied {
                action: "ec2:DescribeVpcPeeringConnections".into(),
                managed_policy: "AmazonVPCReadOnlyAccess".into(),
                message: "UnauthorizedOperation".into(),
            },
        };
        let report = check("vpc-peering", &b.build());
        let errored: Vec<&str> =
            report.steps.iter().filter(|s| s.status == StepStatus::Error).map(|s| s.id.as_str()).collect();
        assert_eq!(errored, ["peering-active", "app-routes-to-db", "db-routes-to-app"]);
        assert_eq!(report.step("db-vpc").unwrap().status, StepStatus::Pass);
        let finding = &report.step("peering-active").unwrap().findings[0];
        assert_eq!(finding.status, FindingStatus::Error);
        assert!(finding.message.en.contains("ec2:DescribeVpcPeeringConnections"));
        assert!(finding.hint.as_ref().unwrap().en.contains("AmazonVPCReadOnlyAccess"));
        assert_eq!(report.status, LabStatus::Error);
    }

    #[test]
    fn only_the_asked_steps_are_evaluated() {
        let (mut b, _) = solved();
        guard(&mut b);
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("three-tier-vpc").unwrap();
        let filter = StepFilter::only(lab, &["vpc".to_owned()]).unwrap();
        let report = evaluate(lab, &lab.params([]).unwrap(), &filter, &b.build(), Utc::now()).unwrap();
        assert_eq!(report.summary.passed, 2, "the step and the budget preflight");
        assert_eq!(report.status, LabStatus::Partial);
        assert_eq!(report.summary.skipped, lab.steps.len() - 1);
        assert!(StepFilter::only(lab, &["nope".to_owned()]).is_err());
    }

    #[test]
    fn a_check_of_one_passing_step_never_passes_the_lab() {
        // Only the DB VPC is built: the step passes, six others would fail.
        let (mut b, _) = solved();
        b.snapshot().peering_connections = Collected::Ok { items: vec![] };
        let snap = b.build();
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("vpc-peering").unwrap();
        let params = lab.params([]).unwrap();
        let one = StepFilter::only(lab, &["db-vpc".to_owned()]).unwrap();
        let report = evaluate(lab, &params, &one, &snap, Utc::now()).unwrap();
        assert_eq!(report.step("db-vpc").unwrap().status, StepStatus::Pass);
        assert_eq!(report.status, LabStatus::Partial);
        assert_eq!(report.checked_steps.as_deref(), Some(&["db-vpc".to_owned()][..]));
        let json = serde_json::to_value(report.render(crate::Lang::En)).unwrap();
        assert_eq!(json["status"], "partial");
        assert_eq!(json["scope"], "steps");
        assert_eq!(json["checked_steps"], serde_json::json!(["db-vpc"]));

        // The whole lab, checked, fails; a failing asked step fails the lab whatever the scope.
        let whole = evaluate(lab, &params, &StepFilter::all(), &snap, Utc::now()).unwrap();
        assert_eq!(whole.status, LabStatus::Fail);
        assert!(whole.checked_steps.is_none());
        let json = serde_json::to_value(whole.render(crate::Lang::En)).unwrap();
        assert!(json.get("scope").is_none() && json.get("checked_steps").is_none(), "{json}");
        let failing = StepFilter::only(lab, &["peering-active".to_owned()]).unwrap();
        let report = evaluate(lab, &params, &failing, &snap, Utc::now()).unwrap();
        assert_eq!(report.status, LabStatus::Fail);

        // Asking for every step by name is a whole-lab check.
        let every: Vec<String> = lab.steps.iter().map(|s| s.id.clone()).collect();
        let all_named = StepFilter::only(lab, &every).unwrap();
        let report = evaluate(lab, &params, &all_named, &snap, Utc::now()).unwrap();
        assert_eq!((report.status, report.checked_steps.is_none()), (LabStatus::Fail, true));
    }

    #[test]
    fn korean_denials_name_every_resource_kind_in_korean() {
        for &kind in ResourceKind::ALL {
            let denied = CollectError::Denied {
                action: kind.iam_actions()[0].to_owned(),
                managed_policy: kind.managed_policy().to_owned(),
                message: "AccessDenied".into(),
            };
            let failed =
                CollectError::Failed { action: kind.iam_actions()[0].to_owned(), message: "x".into() };
            for why in [Unavailable::Failed(&denied), Unavailable::Failed(&failed), Unavailable::NotCollected]
            {
                let f = unavailable_finding(kind, why);
                let ko = [f.message.ko.as_str(), f.hint.as_ref().map_or("", |h| h.ko.as_str())].join(" ");
                assert!(ko.contains(&kind.label(Lang::Ko)), "{kind:?}: {ko}");
                assert_eq!(crate::english_words(&ko), Vec::<String>::new(), "{kind:?}: {ko}");
                assert!(f.message.en.contains(&kind.label(Lang::En)), "{kind:?}: {}", f.message.en);
            }
        }
    }

    /// Every message and hint a check of a built-in lab can print, over accounts empty, solved,
    /// broken and built otherwise: the Korean text holds no English words.
    #[test]
    fn korean_reports_hold_no_english_words() {
        use crate::checks::fixtures::{Builder, budget_solved, cidr, dns_solved, rds_solved, tcp};
        let mut accounts = Vec::new();
        let mut empty = Builder::empty();
        guard(&mut empty);
        accounts.push(empty.build());
        let (mut b, _) = rds_solved();
        guard(&mut b);
        accounts.push(b.build());
        // Broken every way a step can break.
        let (mut b, s) = rds_solved();
        guard(&mut b);
        let snap = b.snapshot();
        for g in snap.security_groups.items_mut().unwrap() {
            g.ingress.push(tcp(22, cidr("0.0.0.0/1")));
            g.ingress.push(tcp(22, cidr("128.0.0.0/1")));
            g.ingress.push(crate::snapshot::SgRule::new("-1", None, None, cidr("0.0.0.0/0")));
        }
        for rt in snap.route_tables.items_mut().unwrap() {
            rt.routes.retain(|r| r.target == "local");
        }
        for n in snap.nat_gateways.items_mut().unwrap() {
            n.state = "pending".into();
        }
        snap.peering_connections.items_mut().unwrap()[0].status = "pending-acceptance".into();
        let db = snap.db_instances.items_mut().unwrap().iter_mut().find(|d| d.id == s.db).unwrap();
        db.storage_encrypted = false;
        db.publicly_accessible = true;
        db.backup_retention_days = 0;
        db.auto_minor_version_upgrade = false;
        db.master_user_secret_arn = None;
        db.class = "db.m5.large".into();
        db.multi_az = true;
        db.security_groups.clear();
        snap.kms_keys.items_mut().unwrap()[0].state = "PendingDeletion".into();
        accounts.push(b.build());
        accounts.push(dns_solved().build());
        accounts.push(budget_solved().build());
        let labs = LabSet::builtin().unwrap();
        let mut english = std::collections::BTreeSet::new();
        for snap in &accounts {
            // What the account holds (Name tags, group names, states, engines) is the learner's
            // data, quoted as is: only Sandpit's own words must be Korean.
            let data = data_words(snap);
            for lab in labs.labs() {
                // With the defaults, and with what discovery (and its suggestions) adds.
                for choice in [crate::engine::ParamChoice::Given, crate::engine::ParamChoice::Discover] {
                    let report = super::check(
                        lab,
                        &[],
                        choice,
                        &StepFilter::all(),
                        snap,
                        Utc::now(),
                        BudgetGuard::Enforce,
                    )
                    .unwrap();
                    for step in &report.steps {
                        for f in &step.findings {
                            for ko in
                                [Some(&f.message.ko), f.hint.as_ref().map(|h| &h.ko)].into_iter().flatten()
                            {
                                if crate::english_words(ko).iter().any(|w| !data.contains(w)) {
                                    english.insert(format!("{} {}: {ko}", lab.id, step.id));
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(
            english.is_empty(),
            "English in Korean output:\n{}",
            english.into_iter().collect::<Vec<_>>().join("\n")
        );
    }

    /// The ASCII words of every string value in a snapshot.
    fn data_words(snap: &Snapshot) -> std::collections::BTreeSet<String> {
        fn walk(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
            match v {
                serde_json::Value::String(s) => out.extend(
                    s.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).map(str::to_owned),
                ),
                serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                serde_json::Value::Object(o) => o.values().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut out = std::collections::BTreeSet::new();
        walk(&serde_json::to_value(snap).unwrap(), &mut out);
        out
    }

    #[test]
    fn non_default_parameters_move_the_target() {
        let (mut b, _) = solved();
        guard(&mut b);
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("three-tier-vpc").unwrap();
        let params = lab.params([("app_port", "9090")]).unwrap();
        let report = evaluate(lab, &params, &StepFilter::all(), &b.build(), Utc::now()).unwrap();
        assert_eq!(failing_steps(&report), ["was-security-group"]);
    }
}
