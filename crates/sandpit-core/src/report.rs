//! What a check says: findings per step, a status per step and per lab.
//!
//! Findings carry their texts in every language; [`Report::render`] picks one for the reader,
//! giving the stable JSON shape of `sandpit check --json`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Lang, Localized};

/// The verdict of one finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum FindingStatus {
    /// What was expected is there.
    Pass,
    /// What was expected is missing or wrong.
    Fail,
    /// It could not be judged (a call was denied, a resource type could not be read).
    Error,
    /// Worth knowing; changes no verdict.
    Info,
}

/// One thing a check found, about one resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The verdict.
    pub status: FindingStatus,
    /// What was found, in a sentence.
    pub message: Localized,
    /// The resource it is about (`subnet-…`, `rtb-…`), when there is one.
    pub resource: Option<String>,
    /// What the lab expects, in AWS terms.
    pub expected: Option<String>,
    /// What the account holds, in AWS terms.
    pub found: Option<String>,
    /// What to do about it.
    pub hint: Option<Localized>,
}

impl Finding {
    fn new(status: FindingStatus, message: Localized) -> Self {
        Self { status, message, resource: None, expected: None, found: None, hint: None }
    }

    /// A passing finding.
    pub fn pass(message: Localized) -> Self {
        Self::new(FindingStatus::Pass, message)
    }

    /// A failing finding.
    pub fn fail(message: Localized) -> Self {
        Self::new(FindingStatus::Fail, message)
    }

    /// A finding that could not be judged.
    pub fn error(message: Localized) -> Self {
        Self::new(FindingStatus::Error, message)
    }

    /// An informational finding.
    pub fn info(message: Localized) -> Self {
        Self::new(FindingStatus::Info, message)
    }

    /// Names the resource the finding is about.
    pub fn resource(mut self, id: impl Into<String>) -> Self {
        self.resource = Some(id.into());
        self
    }

    /// Says what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// Says what was found.
    pub fn found(mut self, found: impl Into<String>) -> Self {
        self.found = Some(found.into());
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: Localized) -> Self {
        self.hint = Some(hint);
        self
    }
}

/// The verdict of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum StepStatus {
    /// Every check of the step passes.
    Pass,
    /// At least one check fails.
    Fail,
    /// Nothing fails, but something could not be judged.
    Error,
    /// Not evaluated because a precondition (the budget guard) is not met.
    Blocked,
    /// Not evaluated because it was not asked for.
    Skipped,
}

impl StepStatus {
    /// The status of a step from its findings: a definite failure outranks an error; info
    /// changes nothing; a step with no finding at all has not been shown to pass.
    pub fn from_findings(findings: &[Finding]) -> Self {
        let has = |s| findings.iter().any(|f| f.status == s);
        if has(FindingStatus::Fail) {
            StepStatus::Fail
        } else if has(FindingStatus::Error) || findings.is_empty() {
            StepStatus::Error
        } else {
            StepStatus::Pass
        }
    }
}

impl StepStatus {
    /// The word `check --json` and the store use.
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Pass => "pass",
            StepStatus::Fail => "fail",
            StepStatus::Error => "error",
            StepStatus::Blocked => "blocked",
            StepStatus::Skipped => "skipped",
        }
    }

    /// The verdict's name for people, in `lang` (`통과`, `건너뜀`).
    pub fn label(self, lang: Lang) -> String {
        let id = match self {
            StepStatus::Pass => "step-status-pass",
            StepStatus::Fail => "step-status-fail",
            StepStatus::Error => "step-status-error",
            StepStatus::Blocked => "step-status-blocked",
            StepStatus::Skipped => "step-status-skipped",
        };
        crate::msg::text(lang, id, &[])
    }
}

/// The verdict of a whole lab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum LabStatus {
    /// Every step of the lab was checked and passes.
    Pass,
    /// Some step fails.
    Fail,
    /// The lab may not be guided now (no budget guard, spend over limit).
    Blocked,
    /// Nothing fails but some step could not be judged.
    Error,
    /// Only some steps were asked for (`--step`, "check this step") and they pass: the steps
    /// that were not checked say nothing, so the lab is not shown to pass.
    Partial,
}

impl LabStatus {
    /// The lab's status from its steps' statuses, as if every step had been asked for (skipped
    /// steps change nothing here; [`Report::new`] makes a run of some steps [`LabStatus::Partial`]).
    pub fn from_steps<'a>(steps: impl IntoIterator<Item = &'a StepStatus>) -> Self {
        let steps: Vec<_> = steps.into_iter().copied().collect();
        if steps.contains(&StepStatus::Blocked) {
            LabStatus::Blocked
        } else if steps.contains(&StepStatus::Fail) {
            LabStatus::Fail
        } else if steps.contains(&StepStatus::Error) {
            LabStatus::Error
        } else {
            LabStatus::Pass
        }
    }

    /// The word `check --json` and the store use.
    pub fn as_str(self) -> &'static str {
        match self {
            LabStatus::Pass => "pass",
            LabStatus::Fail => "fail",
            LabStatus::Blocked => "blocked",
            LabStatus::Error => "error",
            LabStatus::Partial => "partial",
        }
    }

    /// The verdict's name for people, in `lang` (`통과`, `일부만 확인`).
    pub fn label(self, lang: Lang) -> String {
        let id = match self {
            LabStatus::Pass => "lab-status-pass",
            LabStatus::Fail => "lab-status-fail",
            LabStatus::Blocked => "lab-status-blocked",
            LabStatus::Error => "lab-status-error",
            LabStatus::Partial => "lab-status-partial",
        };
        crate::msg::text(lang, id, &[])
    }

    /// Whether this verdict speaks for the whole lab. A partial run does not: progress,
    /// first-pass dates and the class matrix take their lab verdict from whole-lab evidence.
    pub fn is_whole_lab(self) -> bool {
        self != LabStatus::Partial
    }
}

/// One step's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepResult {
    /// The step id from the lab file.
    pub id: String,
    /// The step title.
    pub title: Localized,
    /// The verdict.
    pub status: StepStatus,
    /// What the checks found.
    pub findings: Vec<Finding>,
}

/// Counts of step verdicts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Summary {
    /// Steps that pass.
    pub passed: usize,
    /// Steps that fail.
    pub failed: usize,
    /// Steps that could not be judged.
    pub errors: usize,
    /// Steps blocked by a precondition.
    pub blocked: usize,
    /// Steps not asked for.
    pub skipped: usize,
}

/// The result of checking one lab against one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The lab id.
    pub lab: String,
    /// The account id that was checked.
    pub account: Option<String>,
    /// The region that was checked.
    pub region: Option<String>,
    /// When the check ran.
    pub checked_at: DateTime<Utc>,
    /// The lab's verdict.
    pub status: LabStatus,
    /// Every step, in the lab's order.
    pub steps: Vec<StepResult>,
    /// Counts.
    pub summary: Summary,
    /// The steps that were asked for, when only some were (`--step`); `None` for a whole-lab
    /// check. Reports saved before scopes existed read as whole-lab checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_steps: Option<Vec<String>>,
    /// Every parameter the check used, `name → value` (kept with the attempt). Reports saved
    /// before parameters were kept read as empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// The parameters `--discover` read off the account, when the check discovered them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discovered: Option<BTreeMap<String, String>>,
    /// Other parameters that describe the learner's build, when the ones used fail steps that
    /// those pass (a check without `--discover`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<crate::discover::Suggestion>,
}

impl Report {
    /// Builds a report from step results, deriving the status and the summary.
    pub fn new(
        lab: impl Into<String>,
        account: Option<String>,
        region: Option<String>,
        checked_at: DateTime<Utc>,
        steps: Vec<StepResult>,
    ) -> Self {
        let mut summary = Summary::default();
        for step in &steps {
            match step.status {
                StepStatus::Pass => summary.passed += 1,
                StepStatus::Fail => summary.failed += 1,
                StepStatus::Error => summary.errors += 1,
                StepStatus::Blocked => summary.blocked += 1,
                StepStatus::Skipped => summary.skipped += 1,
            }
        }
        let status = LabStatus::from_steps(steps.iter().map(|s| &s.status));
        Self {
            lab: lab.into(),
            account,
            region,
            checked_at,
            status,
            steps,
            summary,
            checked_steps: None,
            params: BTreeMap::new(),
            discovered: None,
            suggestion: None,
        }
    }

    /// Marks the report as a check of only `asked` (the others were not evaluated). Asking for
    /// every step is a whole-lab check. A run of some steps never passes the lab: when the asked
    /// steps pass, the lab is [`LabStatus::Partial`]; a failure, error or block stays what it is,
    /// since it is true of the whole lab too.
    pub fn scoped_to(mut self, asked: &[String]) -> Self {
        let whole = asked.is_empty()
            || self.steps.iter().all(|s| s.status != StepStatus::Skipped || asked.contains(&s.id));
        if whole {
            self.checked_steps = None;
            self.status = LabStatus::from_steps(self.steps.iter().map(|s| &s.status));
        } else {
            // The budget preflight is evaluated in every run, asked for or not.
            let checked = self
                .steps
                .iter()
                .filter(|s| asked.contains(&s.id) || s.status != StepStatus::Skipped)
                .map(|s| s.id.clone())
                .collect();
            self.checked_steps = Some(checked);
            if self.status == LabStatus::Pass {
                self.status = LabStatus::Partial;
            }
        }
        self
    }

    /// Whether every step of the lab was asked for.
    pub fn is_whole_lab(&self) -> bool {
        self.checked_steps.is_none()
    }

    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&StepResult> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The report in one language: the JSON shape of `sandpit check --json`.
    pub fn render(&self, lang: Lang) -> RenderedReport {
        RenderedReport {
            lab: self.lab.clone(),
            account: self.account.clone(),
            region: self.region.clone(),
            checked_at: self.checked_at,
            status: self.status,
            steps: self
                .steps
                .iter()
                .map(|s| RenderedStep {
                    id: s.id.clone(),
                    title: s.title.get(lang).to_owned(),
                    status: s.status,
                    findings: s
                        .findings
                        .iter()
                        .map(|f| RenderedFinding {
                            status: f.status,
                            message: f.message.get(lang).to_owned(),
                            resource: f.resource.clone(),
                            expected: f.expected.clone(),
                            found: f.found.clone(),
                            hint: f.hint.as_ref().map(|h| h.get(lang).to_owned()),
                        })
                        .collect(),
                })
                .collect(),
            summary: self.summary,
            scope: self.checked_steps.as_ref().map(|_| Scope::Steps),
            checked_steps: self.checked_steps.clone(),
            discovered: self.discovered.clone(),
            suggested: self.suggestion.clone(),
        }
    }
}

/// What a check covered, in `check --json` (present only for a check of some steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Only the steps in `checked_steps` were evaluated.
    Steps,
}

/// A [`Report`] in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct RenderedReport {
    /// The lab id.
    pub lab: String,
    /// The account id.
    pub account: Option<String>,
    /// The region.
    pub region: Option<String>,
    /// When the check ran.
    pub checked_at: DateTime<Utc>,
    /// `pass`, `fail`, `blocked`, `error`, or `partial` (only some steps asked for, and they pass).
    pub status: LabStatus,
    /// The steps.
    pub steps: Vec<RenderedStep>,
    /// Counts.
    pub summary: Summary,
    /// `steps` when only some steps were asked for; absent for a whole-lab check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// The steps that were asked for, with `scope`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_steps: Option<Vec<String>>,
    /// `--discover`: every parameter read off the account, `name → value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discovered: Option<BTreeMap<String, String>>,
    /// Without `--discover`: the `--param` line that describes the learner's build, when the
    /// parameters used fail steps it passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<crate::discover::Suggestion>,
}

/// A step in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct RenderedStep {
    /// The step id.
    pub id: String,
    /// The title.
    pub title: String,
    /// `pass`, `fail`, `error`, `blocked` or `skipped`.
    pub status: StepStatus,
    /// The findings.
    pub findings: Vec<RenderedFinding>,
}

/// A finding in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct RenderedFinding {
    /// `pass`, `fail`, `error` or `info`.
    pub status: FindingStatus,
    /// The message.
    pub message: String,
    /// The resource id.
    pub resource: Option<String>,
    /// What was expected.
    pub expected: Option<String>,
    /// What was found.
    pub found: Option<String>,
    /// What to do.
    pub hint: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_outranks_an_error_and_info_changes_nothing() {
        let pass = Finding::pass(Localized::new("ok", "ok"));
        let fail = Finding::fail(Localized::new("no", "no"));
        let err = Finding::error(Localized::new("?", "?"));
        let info = Finding::info(Localized::new("fyi", "fyi"));
        assert_eq!(StepStatus::from_findings(&[pass.clone(), info.clone()]), StepStatus::Pass);
        assert_eq!(StepStatus::from_findings(&[err.clone(), fail]), StepStatus::Fail);
        assert_eq!(StepStatus::from_findings(&[pass, err]), StepStatus::Error);
        // Advice alone (e.g. "consider Secrets Manager") does not fail a step.
        assert_eq!(StepStatus::from_findings(&[info]), StepStatus::Pass);
        assert_eq!(StepStatus::from_findings(&[]), StepStatus::Error);
    }

    #[test]
    fn blocked_outranks_everything_at_lab_level() {
        use StepStatus::*;
        assert_eq!(LabStatus::from_steps(&[Pass, Fail, Blocked]), LabStatus::Blocked);
        assert_eq!(LabStatus::from_steps(&[Pass, Error, Fail]), LabStatus::Fail);
        assert_eq!(LabStatus::from_steps(&[Pass, Error]), LabStatus::Error);
        assert_eq!(LabStatus::from_steps(&[Pass, Skipped]), LabStatus::Pass);
    }

    #[test]
    fn the_rendered_json_has_the_contract_keys() {
        let step = StepResult {
            id: "vpc".into(),
            title: Localized::new("VPC", "VPC"),
            status: StepStatus::Pass,
            findings: vec![Finding::pass(Localized::new("found", "찾음")).resource("vpc-1")],
        };
        let report = Report::new("lab", None, Some("us-east-1".into()), Utc::now(), vec![step]);
        let json = serde_json::to_value(report.render(Lang::Ko)).unwrap();
        for key in ["lab", "account", "region", "checked_at", "status", "steps", "summary"] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        let finding = &json["steps"][0]["findings"][0];
        for key in ["status", "message", "resource", "expected", "found", "hint"] {
            assert!(finding.get(key).is_some(), "finding missing {key}");
        }
        assert_eq!(finding["message"], "찾음");
        assert_eq!(json["summary"]["passed"], 1);
        assert_eq!(json["summary"]["failed"], 0);
        assert_eq!(json["summary"]["errors"], 0);
    }
}
