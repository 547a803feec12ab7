//! A lab as the lab runner shows it, and what each step shows after a check (or before one).
//!
//! Billable labs start with a preflight step, `budget-guard` (the engine adds it and blocks the
//! later steps while no budget guard watches the account or spend is over the limit). The runner
//! shows that step first, with the one command that fixes it, and keeps the later steps locked
//! while the last report says they are `blocked` — or, before any check, while what is known of
//! the account's guard says it would be ([`runner_state`]).
//!
//! Lab text (instructions, the why, clean-up) goes through the lessons' renderer
//! ([`sandpit_lessons::render_markdown`]): callouts, highlights and wikilinks look as they do in
//! lessons.

use sandpit_core::budget::GuardState;
use sandpit_core::labs::{Lab, Params};
use sandpit_core::msg;
use sandpit_core::reach::Question;
use sandpit_core::report::{LabStatus, Report, StepStatus};
use sandpit_lessons::{Library, PageLink, lesson_href, render_markdown};
use serde::Serialize;

/// The id of the preflight step of billable labs.
pub const BUDGET_STEP: &str = "budget-guard";

/// The command that creates the budget guard, as the report's finding and the desktop form say.
pub const BUDGET_FIX_COMMAND: &str = "sandpit budget ensure --limit 22 --email you@example.com";

/// A lab in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LabSummary {
    /// The lab id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What the learner builds (HTML).
    pub summary_html: String,
    /// Whether building it costs money (and is gated by the budget guard).
    pub billable: bool,
    /// How many steps it has (the preflight step included).
    pub steps: usize,
}

/// A lab parameter and the value in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ParamView {
    /// The parameter name.
    pub name: String,
    /// Its value.
    pub value: String,
    /// What it is.
    pub description: String,
}

/// One step as the runner shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct StepView {
    /// The step id (what `--step` takes).
    pub id: String,
    /// Its title.
    pub title: String,
    /// How to do it in the AWS console (HTML, parameters filled in).
    pub console_html: String,
    /// The AWS CLI equivalent (shell, parameters filled in).
    pub cli: String,
    /// Why it matters (HTML).
    pub why_html: String,
    /// Hints, to reveal one at a time.
    pub hints: Vec<String>,
    /// Lessons that teach it, with their titles (ids the library lacks are left out).
    pub lessons: Vec<PageLink>,
    /// The budget-guard preflight step of a billable lab.
    pub preflight: bool,
    /// The "why doesn't this work?" path question the step links to, parameters filled in
    /// (what `sandpit reach` would be asked).
    pub reach: Option<Question>,
}

/// A lab as the runner shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LabView {
    /// The lab id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What the learner builds (HTML).
    pub summary_html: String,
    /// How to tear it down (HTML).
    pub cleanup_html: Option<String>,
    /// Whether it is billable (and gated by the budget guard).
    pub billable: bool,
    /// Lessons to read first, with their titles.
    pub lessons: Vec<PageLink>,
    /// Its parameters with the values in use.
    pub params: Vec<ParamView>,
    /// Its steps, the preflight step first for a billable lab.
    pub steps: Vec<StepView>,
}

/// The lessons of `ids` that `library` has, with their titles.
fn lesson_links(library: &Library, ids: &[String]) -> Vec<PageLink> {
    ids.iter()
        .filter_map(|id| library.get(id))
        .map(|l| PageLink {
            id: l.meta.id.clone(),
            title: l.meta.title.clone(),
            href: lesson_href(&l.meta.id),
        })
        .collect()
}

/// The list entry of a lab, in the language of `library`.
pub fn lab_summary(lab: &Lab, library: &Library) -> LabSummary {
    let lang = library.lang();
    LabSummary {
        id: lab.id.clone(),
        title: lab.title.get(lang).to_owned(),
        summary_html: render_markdown(library, lab.summary.get(lang)),
        billable: lab.billable,
        steps: step_count(lab),
    }
}

fn needs_preflight(lab: &Lab) -> bool {
    lab.billable && lab.step(BUDGET_STEP).is_none()
}

/// Steps in the lab, the preflight step of a billable lab included.
pub fn step_count(lab: &Lab) -> usize {
    lab.steps.len() + usize::from(needs_preflight(lab))
}

fn preflight_step(library: &Library) -> StepView {
    let lang = library.lang();
    let markdown_html = |text: String| render_markdown(library, &text);
    let say = |id: &str| msg::text(lang, id, &[]);
    StepView {
        id: BUDGET_STEP.to_owned(),
        title: sandpit_core::engine::preflight_title().get(lang).to_owned(),
        console_html: markdown_html(say("view-budget-step-console")),
        cli: BUDGET_FIX_COMMAND.to_owned(),
        why_html: markdown_html(say("view-budget-step-why")),
        hints: vec![say("view-budget-step-hint")],
        lessons: lesson_links(library, &["budgets-cost-explorer".to_owned()]),
        preflight: true,
        reach: None,
    }
}

/// The runner's view of `lab` with `params`, in the language of `library` (whose lessons the
/// text's wikilinks and the steps' lesson links point to).
pub fn lab_view(lab: &Lab, params: &Params, library: &Library) -> LabView {
    let lang = library.lang();
    let markdown_html = |text: &str| render_markdown(library, text);
    let mut steps: Vec<StepView> = Vec::new();
    if needs_preflight(lab) {
        steps.push(preflight_step(library));
    }
    steps.extend(lab.steps.iter().map(|s| StepView {
        id: s.id.clone(),
        title: params.substitute(s.title.get(lang)),
        console_html: markdown_html(&params.substitute(s.console.get(lang))),
        cli: params.substitute(s.cli.trim_end()),
        why_html: markdown_html(&params.substitute(s.why.get(lang))),
        hints: s.hints.get(lang).iter().map(|h| params.substitute(h)).collect(),
        lessons: lesson_links(library, &s.lessons),
        preflight: s.id == BUDGET_STEP,
        // Validated when the lab loaded; a `--param` value that breaks it leaves the link out.
        reach: s.reach.as_ref().and_then(|r| r.question(params).ok()),
    }));
    LabView {
        id: lab.id.clone(),
        title: lab.title.get(lang).to_owned(),
        summary_html: markdown_html(lab.summary.get(lang)),
        cleanup_html: lab.cleanup.as_ref().map(|c| markdown_html(c.get(lang))),
        billable: lab.billable,
        lessons: lesson_links(library, &lab.lessons),
        params: lab
            .params
            .iter()
            .map(|p| ParamView {
                name: p.name.clone(),
                value: params.get(&p.name).map(ToString::to_string).unwrap_or_default(),
                description: p.description.get(lang).to_owned(),
            })
            .collect(),
        steps,
    }
}

/// What is known of the account's budget guard, as Home's banner last read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum GuardKnown {
    /// A monthly cost budget watches the account (and spend is within it).
    Guarded,
    /// No monthly cost budget.
    Unguarded,
    /// Spend passed the limit.
    OverLimit,
    /// The account could not be read (nothing configured, no credentials, unreachable).
    NotConnected,
}

impl From<GuardState> for GuardKnown {
    fn from(state: GuardState) -> Self {
        match state {
            GuardState::Guarded => GuardKnown::Guarded,
            GuardState::Unguarded => GuardKnown::Unguarded,
            GuardState::OverLimit => GuardKnown::OverLimit,
        }
    }
}

/// Why a step is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum LockReason {
    /// No budget guard watches the account.
    NoGuard,
    /// Spend is over the guard's limit.
    OverLimit,
    /// No account is connected yet: whether it is guarded is unknown.
    NotConnected,
}

/// One step as the runner shows it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct StepState {
    /// The step id.
    pub id: String,
    /// Its verdict; `None` before any check of it.
    pub status: Option<StepStatus>,
    /// Why it is locked (its Check disabled); `None` when it is not.
    pub locked: Option<LockReason>,
    /// Whether the step offers the form that creates the budget guard.
    pub budget_form: bool,
}

/// The lab runner's header and steps, from the last check and what is known of the guard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RunnerState {
    /// The lab's verdict (the header); `None` before the first check.
    pub status: Option<LabStatus>,
    /// Every step of the lab view, in order.
    pub steps: Vec<StepState>,
}

/// What the runner shows for `lab`: after a check, what `report` says (a blocked step is
/// locked, the preflight step excepted: its form is how the learner unlocks the rest); before
/// one, for a billable lab, what `guard` says — guarded shows the preflight step passed,
/// unguarded, over the limit or not connected lock every later step.
pub fn runner_state(lab: &LabView, report: Option<&Report>, guard: Option<GuardKnown>) -> RunnerState {
    let guard_lock = match guard {
        Some(GuardKnown::Unguarded) => Some(LockReason::NoGuard),
        Some(GuardKnown::OverLimit) => Some(LockReason::OverLimit),
        Some(GuardKnown::NotConnected) => Some(LockReason::NotConnected),
        Some(GuardKnown::Guarded) | None => None,
    };
    let steps = lab
        .steps
        .iter()
        .map(|step| {
            let (status, locked) = match report {
                Some(report) => {
                    let status = report.step(&step.id).map(|r| r.status);
                    let blocked = status == Some(StepStatus::Blocked) && !step.preflight;
                    let reason = if guard == Some(GuardKnown::OverLimit) {
                        LockReason::OverLimit
                    } else {
                        LockReason::NoGuard
                    };
                    (status, blocked.then_some(reason))
                }
                None if lab.billable && step.preflight => {
                    let status = match guard {
                        Some(GuardKnown::Guarded) => Some(StepStatus::Pass),
                        Some(GuardKnown::Unguarded | GuardKnown::OverLimit) => Some(StepStatus::Fail),
                        _ => None,
                    };
                    (status, None)
                }
                None if lab.billable => (None, guard_lock),
                None => (None, None),
            };
            let budget_form = step.preflight
                && status != Some(StepStatus::Pass)
                && guard != Some(GuardKnown::OverLimit)
                && guard != Some(GuardKnown::NotConnected);
            StepState { id: step.id.clone(), status, locked, budget_form }
        })
        .collect();
    RunnerState { status: report.map(|r| r.status), steps }
}

/// What the runner shows after a check of some steps: those steps as just checked, every other
/// step as the last check of this account saw it (`previous`). The lab's status is recomputed
/// over all of them, so the header can only say `pass` when every step passes; a step no check
/// has evaluated yet keeps the result [`sandpit_core::report::LabStatus::Partial`]. A `previous`
/// report of another lab, account or region is not mixed in.
pub fn merge_checks(previous: Option<&Report>, fresh: Report) -> Report {
    let Some(previous) = previous.filter(|p| {
        fresh.checked_steps.is_some()
            && p.lab == fresh.lab
            && p.account == fresh.account
            && p.region == fresh.region
    }) else {
        return fresh;
    };
    let steps: Vec<_> = fresh
        .steps
        .iter()
        .map(|step| match previous.step(&step.id) {
            Some(old) if step.status == StepStatus::Skipped => old.clone(),
            _ => step.clone(),
        })
        .collect();
    let checked: Vec<String> =
        steps.iter().filter(|s| s.status != StepStatus::Skipped).map(|s| s.id.clone()).collect();
    Report::new(fresh.lab, fresh.account, fresh.region, fresh.checked_at, steps).scoped_to(&checked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sandpit_core::Lang;
    use sandpit_core::labs::LabSet;
    use sandpit_core::report::{LabStatus, StepResult};

    fn step(id: &str, status: StepStatus) -> StepResult {
        StepResult {
            id: id.into(),
            title: sandpit_core::Localized::new(id, id),
            status,
            findings: Vec::new(),
        }
    }

    fn report(steps: &[(&str, StepStatus)], asked: &[&str]) -> Report {
        let steps = steps.iter().map(|(id, s)| step(id, *s)).collect();
        let asked: Vec<String> = asked.iter().map(|s| (*s).to_owned()).collect();
        Report::new(
            "vpc-peering",
            Some("111111111111".into()),
            Some("us-east-1".into()),
            chrono::Utc::now(),
            steps,
        )
        .scoped_to(&asked)
    }

    #[test]
    fn checking_one_passing_step_keeps_the_others_failures_in_the_header() {
        use StepStatus::*;
        let whole = report(&[("a", Pass), ("b", Fail), ("c", Fail)], &[]);
        assert_eq!(whole.status, LabStatus::Fail);
        let one = report(&[("a", Pass), ("b", Skipped), ("c", Skipped)], &["a"]);
        assert_eq!(one.status, LabStatus::Partial);
        let merged = merge_checks(Some(&whole), one);
        assert_eq!(merged.status, LabStatus::Fail);
        assert_eq!((merged.summary.passed, merged.summary.failed), (1, 2));
        assert!(merged.is_whole_lab());

        // Fixing the failures one step at a time ends in a pass over every step.
        let b = merge_checks(Some(&merged), report(&[("a", Skipped), ("b", Pass), ("c", Skipped)], &["b"]));
        assert_eq!(b.status, LabStatus::Fail);
        let c = merge_checks(Some(&b), report(&[("a", Skipped), ("b", Skipped), ("c", Pass)], &["c"]));
        assert_eq!((c.status, c.summary.passed), (LabStatus::Pass, 3));
    }

    #[test]
    fn a_step_never_checked_keeps_the_lab_partial() {
        use StepStatus::*;
        let first = report(&[("a", Pass), ("b", Skipped)], &["a"]);
        let merged = merge_checks(None, first.clone());
        assert_eq!(merged, first);
        let again = merge_checks(Some(&merged), report(&[("a", Pass), ("b", Skipped)], &["a"]));
        assert_eq!(
            (again.status, again.checked_steps.clone()),
            (LabStatus::Partial, Some(vec!["a".to_owned()]))
        );
    }

    #[test]
    fn another_account_or_a_whole_check_is_not_mixed_in() {
        use StepStatus::*;
        let whole = report(&[("a", Pass), ("b", Fail)], &[]);
        let mut other = report(&[("a", Skipped), ("b", Pass)], &["b"]);
        other.account = Some("222222222222".into());
        assert_eq!(merge_checks(Some(&whole), other.clone()), other);
        let fresh_whole = report(&[("a", Fail), ("b", Pass)], &[]);
        assert_eq!(merge_checks(Some(&whole), fresh_whole.clone()), fresh_whole);
    }

    fn library(lang: Lang) -> Library {
        Library::builtin(lang).unwrap()
    }

    #[test]
    fn a_billable_lab_starts_with_the_budget_guard_step() {
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("three-tier-vpc").unwrap();
        let view = lab_view(lab, &lab.params([]).unwrap(), &library(Lang::En));
        assert!(view.billable);
        assert_eq!(view.steps[0].id, BUDGET_STEP);
        assert!(view.steps[0].preflight);
        assert!(view.steps[0].cli.contains("sandpit budget ensure --limit"));
        assert_eq!(view.steps.iter().filter(|s| s.preflight).count(), 1);
        assert_eq!(lab_summary(lab, &library(Lang::En)).steps, view.steps.len());
    }

    #[test]
    fn parameters_are_filled_in_and_markdown_rendered() {
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("three-tier-vpc").unwrap();
        let params = lab.params([("vpc_cidr", "10.20.0.0/16")]).unwrap();
        let view = lab_view(lab, &params, &library(Lang::Ko));
        let vpc = view.steps.iter().find(|s| s.id == "vpc").unwrap();
        assert!(vpc.console_html.contains("<code>10.20.0.0/16</code>"), "{}", vpc.console_html);
        assert!(vpc.console_html.contains("<strong>"));
        assert!(vpc.cli.contains("--cidr-block 10.20.0.0/16"));
        assert!(!vpc.cli.contains("{{"));
        assert_eq!(vpc.title, "VPC 만들기");
    }

    #[test]
    fn lab_text_renders_as_lessons_do_callouts_highlights_and_wikilinks() {
        let lib = library(Lang::Ko);
        let html = render_markdown(&lib, "> [!cost] NAT\n> 시간당 요금\n\n==중요== [[vpc-igw-nat]]");
        assert!(html.contains("class=\"callout callout-cost\""), "a callout box, not raw text: {html}");
        assert!(html.contains("<mark>중요</mark>"), "{html}");
        assert!(html.contains("href=\"sandpit://lesson/vpc-igw-nat\""), "{html}");
        assert!(!html.contains("[!cost]") && !html.contains("[["), "{html}");
    }

    #[test]
    fn a_steps_lessons_come_with_their_titles() {
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("three-tier-vpc").unwrap();
        let lib = library(Lang::Ko);
        let view = lab_view(lab, &lab.params([]).unwrap(), &lib);
        let with_two = view.steps.iter().find(|s| s.lessons.len() >= 2).expect("a step with two lessons");
        for link in &with_two.lessons {
            assert_eq!(link.title, lib.get(&link.id).unwrap().meta.title, "the title, not the id");
            assert_ne!(link.title, link.id);
        }
    }

    #[test]
    fn a_free_lab_has_no_preflight() {
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("vpc-peering").unwrap();
        let view = lab_view(lab, &lab.params([]).unwrap(), &library(Lang::En));
        assert!(!view.steps.iter().any(|s| s.preflight));
    }

    #[test]
    fn raw_html_in_lab_text_is_sanitised() {
        let html = render_markdown(&library(Lang::En), "<script>x</script>\n\n**b** <img src=x onerror=y>");
        assert!(!html.contains("<script") && !html.contains("onerror"), "{html}");
        assert!(html.contains("<strong>b</strong>"), "{html}");
    }

    fn three_tier() -> LabView {
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("three-tier-vpc").unwrap();
        lab_view(lab, &lab.params([]).unwrap(), &library(Lang::En))
    }

    fn locked(state: &RunnerState) -> Vec<(&str, Option<LockReason>)> {
        state.steps.iter().map(|s| (s.id.as_str(), s.locked)).collect()
    }

    #[test]
    fn after_a_check_blocked_steps_other_than_the_guard_are_locked() {
        use chrono::Utc;
        let lab = three_tier();
        let steps = lab.steps.iter().map(|s| step(&s.id, StepStatus::Blocked)).collect();
        let report = Report::new("three-tier-vpc", None, None, Utc::now(), steps);
        let state = runner_state(&lab, Some(&report), None);
        assert_eq!(state.status, Some(LabStatus::Blocked));
        assert_eq!(state.steps[0].locked, None, "the guard step stays usable");
        assert!(state.steps[0].budget_form, "and offers the fix");
        assert!(
            state.steps[1..].iter().all(|s| s.locked == Some(LockReason::NoGuard)),
            "{:?}",
            locked(&state)
        );
    }

    #[test]
    fn before_a_check_the_guard_home_knows_decides_the_locks() {
        let lab = three_tier();
        let guarded = runner_state(&lab, None, Some(GuardKnown::Guarded));
        assert_eq!(guarded.steps[0].status, Some(StepStatus::Pass), "guarded is shown, not 'not checked'");
        assert!(!guarded.steps[0].budget_form, "no create form for a guard that exists");
        assert!(guarded.steps.iter().all(|s| s.locked.is_none()));
        assert_eq!(guarded.status, None, "the lab itself is not checked yet");

        let none = runner_state(&lab, None, Some(GuardKnown::NotConnected));
        assert!(
            none.steps[1..].iter().all(|s| s.locked == Some(LockReason::NotConnected)),
            "{:?}",
            locked(&none)
        );
        assert!(!none.steps[0].budget_form, "no account to create a budget in");

        let unguarded = runner_state(&lab, None, Some(GuardKnown::Unguarded));
        assert!(unguarded.steps[1..].iter().all(|s| s.locked == Some(LockReason::NoGuard)));
        assert!(unguarded.steps[0].budget_form);

        let unknown = runner_state(&lab, None, None);
        assert!(unknown.steps.iter().all(|s| s.locked.is_none() && s.status.is_none()));
    }

    #[test]
    fn a_free_lab_is_never_locked_by_the_guard() {
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("vpc-peering").unwrap();
        let view = lab_view(lab, &lab.params([]).unwrap(), &library(Lang::En));
        let state = runner_state(&view, None, Some(GuardKnown::NotConnected));
        assert!(state.steps.iter().all(|s| s.locked.is_none() && !s.budget_form));
    }
}
