//! A lab as the lab runner shows it, and the budget lock.
//!
//! Billable labs start with a preflight step, `budget-guard` (the engine adds it and blocks the
//! later steps while no budget guard watches the account or spend is over the limit). The runner
//! shows that step first, with the one command that fixes it, and keeps the later steps locked
//! while the last report says they are `blocked`.

use sandpit_core::Lang;
use sandpit_core::labs::{Lab, Params};
use sandpit_core::reach::Question;
use sandpit_core::report::{Report, StepStatus};
use serde::Serialize;

/// The id of the preflight step of billable labs.
pub const BUDGET_STEP: &str = "budget-guard";

/// The command that creates the budget guard, as the report's finding and the desktop form say.
pub const BUDGET_FIX_COMMAND: &str = "sandpit budget ensure --limit 22 --email you@example.com";

/// A lab in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParamView {
    /// The parameter name.
    pub name: String,
    /// Its value.
    pub value: String,
    /// What it is.
    pub description: String,
}

/// One step as the runner shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// Lessons that teach it.
    pub lessons: Vec<String>,
    /// The budget-guard preflight step of a billable lab.
    pub preflight: bool,
    /// The "why doesn't this work?" path question the step links to, parameters filled in
    /// (what `sandpit reach` would be asked).
    pub reach: Option<Question>,
}

/// A lab as the runner shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// Lessons to read first.
    pub lessons: Vec<String>,
    /// Its parameters with the values in use.
    pub params: Vec<ParamView>,
    /// Its steps, the preflight step first for a billable lab.
    pub steps: Vec<StepView>,
}

/// Markdown (GFM) to HTML. Raw HTML in the text is escaped, never passed through.
pub fn markdown_html(text: &str) -> String {
    markdown::to_html_with_options(text.trim(), &markdown::Options::gfm())
        .unwrap_or_else(|_| markdown::to_html(text.trim()))
}

/// The list entry of a lab.
pub fn lab_summary(lab: &Lab, lang: Lang) -> LabSummary {
    LabSummary {
        id: lab.id.clone(),
        title: lab.title.get(lang).to_owned(),
        summary_html: markdown_html(lab.summary.get(lang)),
        billable: lab.billable,
        steps: lab.steps.len() + usize::from(needs_preflight(lab)),
    }
}

fn needs_preflight(lab: &Lab) -> bool {
    lab.billable && lab.step(BUDGET_STEP).is_none()
}

fn preflight_step(lang: Lang) -> StepView {
    let pick = |en: &str, ko: &str| if lang == Lang::Ko { ko.to_owned() } else { en.to_owned() };
    StepView {
        id: BUDGET_STEP.to_owned(),
        title: pick("Budget guard in place", "예산 가드 확인"),
        console_html: markdown_html(&pick(
            "This lab creates resources billed by the hour. Before it starts, a monthly cost budget with alerts must watch the account.\n\nUse **Create budget guard** below, or run `sandpit budget ensure --limit 22 --email you@example.com` (the only Sandpit command that writes to the account), or build it in **Billing → Budgets** as the `budget-guard` lab explains.",
            "이 실습은 시간당 요금이 붙는 리소스를 만듭니다. 시작하기 전에 알림이 달린 월별 비용 예산이 계정을 지켜보고 있어야 합니다.\n\n아래 **예산 가드 만들기**를 누르거나, `sandpit budget ensure --limit 22 --email you@example.com`을 실행하거나(계정에 쓰는 유일한 Sandpit 명령), `budget-guard` 실습대로 **결제 → Budgets**에서 만드세요.",
        )),
        cli: BUDGET_FIX_COMMAND.to_owned(),
        why_html: markdown_html(&pick(
            "A forgotten NAT gateway costs about $32 a month doing nothing. The guard e-mails you at 50%, 80% and 100% of the limit, and when the forecast passes it, so a surprise bill cannot happen quietly.",
            "잊어버린 NAT 게이트웨이 하나가 아무 일도 하지 않고 한 달에 약 $32를 씁니다. 가드는 한도의 50%, 80%, 100%에 이르거나 예측이 한도를 넘으면 메일을 보내므로, 모르는 사이에 요금 폭탄을 맞을 일이 없습니다.",
        )),
        hints: vec![pick(
            "The class allowance is ₩30,000 ≈ 22 USD: use that as the limit.",
            "수업 지원금은 ₩30,000 ≈ 22 USD입니다. 이 값을 한도로 쓰세요.",
        )],
        lessons: vec!["budgets-cost-explorer".to_owned()],
        preflight: true,
        reach: None,
    }
}

/// The runner's view of `lab` with `params`, in `lang`.
pub fn lab_view(lab: &Lab, params: &Params, lang: Lang) -> LabView {
    let mut steps: Vec<StepView> = Vec::new();
    if needs_preflight(lab) {
        steps.push(preflight_step(lang));
    }
    steps.extend(lab.steps.iter().map(|s| StepView {
        id: s.id.clone(),
        title: params.substitute(s.title.get(lang)),
        console_html: markdown_html(&params.substitute(s.console.get(lang))),
        cli: params.substitute(s.cli.trim_end()),
        why_html: markdown_html(&params.substitute(s.why.get(lang))),
        hints: s.hints.get(lang).iter().map(|h| params.substitute(h)).collect(),
        lessons: s.lessons.clone(),
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
        lessons: lab.lessons.clone(),
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

/// The steps the runner keeps locked after `report`: every `blocked` step but the preflight
/// step itself (whose Check stays available: it is how the learner unlocks the rest).
pub fn locked_steps(report: &Report) -> Vec<String> {
    report
        .steps
        .iter()
        .filter(|s| s.status == StepStatus::Blocked && s.id != BUDGET_STEP)
        .map(|s| s.id.clone())
        .collect()
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

    #[test]
    fn a_billable_lab_starts_with_the_budget_guard_step() {
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("three-tier-vpc").unwrap();
        let view = lab_view(lab, &lab.params([]).unwrap(), Lang::En);
        assert!(view.billable);
        assert_eq!(view.steps[0].id, BUDGET_STEP);
        assert!(view.steps[0].preflight);
        assert!(view.steps[0].cli.contains("sandpit budget ensure --limit"));
        assert_eq!(view.steps.iter().filter(|s| s.preflight).count(), 1);
        assert_eq!(lab_summary(lab, Lang::En).steps, view.steps.len());
    }

    #[test]
    fn parameters_are_filled_in_and_markdown_rendered() {
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("three-tier-vpc").unwrap();
        let params = lab.params([("vpc_cidr", "10.20.0.0/16")]).unwrap();
        let view = lab_view(lab, &params, Lang::Ko);
        let vpc = view.steps.iter().find(|s| s.id == "vpc").unwrap();
        assert!(vpc.console_html.contains("<code>10.20.0.0/16</code>"), "{}", vpc.console_html);
        assert!(vpc.console_html.contains("<strong>"));
        assert!(vpc.cli.contains("--cidr-block 10.20.0.0/16"));
        assert!(!vpc.cli.contains("{{"));
        assert_eq!(vpc.title, "VPC 만들기");
    }

    #[test]
    fn a_free_lab_has_no_preflight() {
        let labs = LabSet::builtin().unwrap();
        let lab = labs.get("vpc-peering").unwrap();
        let view = lab_view(lab, &lab.params([]).unwrap(), Lang::En);
        assert!(!view.steps.iter().any(|s| s.preflight));
    }

    #[test]
    fn raw_html_in_lab_text_is_escaped() {
        let html = markdown_html("<script>x</script>\n\n**b** <img src=x onerror=y>");
        assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;") && html.contains("<strong>b</strong>"), "{html}");
    }

    #[test]
    fn blocked_steps_other_than_the_guard_are_locked() {
        use chrono::Utc;
        let report = Report::new(
            "three-tier-vpc",
            None,
            None,
            Utc::now(),
            vec![
                step(BUDGET_STEP, StepStatus::Blocked),
                step("vpc", StepStatus::Blocked),
                step("x", StepStatus::Pass),
            ],
        );
        assert_eq!(locked_steps(&report), ["vpc"]);
    }
}
