//! The budget guard's state, judged from a snapshot: is the learner's spending watched, and is it
//! within the limit? Pure: `sandpit-aws` reads the budgets, this decides.

use serde::Serialize;

use crate::snapshot::{Budget, BudgetNotification, Snapshot};
use crate::{Localized, msg};

/// The name `sandpit budget ensure` gives the guard budget.
pub const GUARD_NAME: &str = "sandpit-guard";

/// Whether spending is guarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum GuardState {
    /// A monthly cost budget watches the account and spend is within its limit.
    Guarded,
    /// No monthly cost budget: nothing warns before the bill.
    Unguarded,
    /// Actual spend already passed the limit.
    OverLimit,
}

/// The guard budget, as `sandpit budget status` reports it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct GuardStatus {
    /// `guarded`, `unguarded` or `over-limit`.
    pub status: GuardState,
    /// The budget's name.
    pub name: Option<String>,
    /// Its monthly limit.
    pub limit: Option<f64>,
    /// The limit's unit.
    pub unit: Option<String>,
    /// Spend so far this month (AWS reports it hours late).
    pub actual: Option<f64>,
    /// Forecast spend for the month.
    pub forecast: Option<f64>,
    /// Its alerts, e.g. `ACTUAL GREATER_THAN 80%`.
    pub notifications: Vec<String>,
}

/// The guard: the budget named `name` if it is a monthly cost budget, else any monthly cost
/// budget (the strictest first).
pub fn guard_status(snapshot: &Snapshot, name: &str) -> GuardStatus {
    let monthly_cost = |b: &&Budget| b.budget_type == "COST" && b.time_unit == "MONTHLY";
    let budget =
        snapshot.budgets.iter().filter(monthly_cost).find(|b| b.name == name).or_else(|| {
            snapshot.budgets.iter().filter(monthly_cost).min_by(|a, b| a.limit.total_cmp(&b.limit))
        });
    let Some(b) = budget else {
        return GuardStatus {
            status: GuardState::Unguarded,
            name: None,
            limit: None,
            unit: None,
            actual: None,
            forecast: None,
            notifications: Vec::new(),
        };
    };
    let over = b.actual_spend.is_some_and(|spent| spent > b.limit);
    GuardStatus {
        status: if over { GuardState::OverLimit } else { GuardState::Guarded },
        name: Some(b.name.clone()),
        limit: Some(b.limit),
        unit: Some(b.unit.clone()),
        actual: b.actual_spend,
        forecast: b.forecast_spend,
        notifications: b
            .notifications
            .iter()
            .map(|n| {
                let unit = if n.threshold_type == "ABSOLUTE_VALUE" { "" } else { "%" };
                format!("{} {} {}{unit}", n.notification_type, n.comparison, n.threshold)
            })
            .collect(),
    }
}

/// A notification of the guard: what kind of spend, past which percentage of the limit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Alert {
    /// `ACTUAL` or `FORECASTED`.
    pub notification_type: &'static str,
    /// Percent of the limit (`GREATER_THAN`).
    pub threshold: f64,
}

impl Alert {
    /// `ACTUAL > 80%`
    pub fn label(&self) -> String {
        format!("{} > {}%", self.notification_type, self.threshold)
    }

    fn matches(&self, n: &BudgetNotification) -> bool {
        n.notification_type == self.notification_type
            && n.comparison == "GREATER_THAN"
            && n.threshold_type == "PERCENTAGE"
            && n.threshold == self.threshold
    }
}

/// The guard's notifications: actual spend past 50, 80 and 100% of the limit, and a forecast
/// past 100% (the early warning: it fires before the money is spent).
pub const GUARD_ALERTS: [Alert; 4] = [
    Alert { notification_type: "ACTUAL", threshold: 50.0 },
    Alert { notification_type: "ACTUAL", threshold: 80.0 },
    Alert { notification_type: "ACTUAL", threshold: 100.0 },
    Alert { notification_type: "FORECASTED", threshold: 100.0 },
];

/// Who a notification tells.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "type", content = "address", rename_all = "UPPERCASE")]
pub enum Subscriber {
    /// An e-mail address.
    Email(String),
    /// An SNS topic ARN.
    Sns(String),
}

impl Subscriber {
    /// An e-mail subscriber, if the address looks like one.
    pub fn email(address: &str) -> Result<Self, GuardRequestError> {
        let a = address.trim();
        let ok = a.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
        }) && !a.chars().any(char::is_whitespace)
            && a.len() <= 254;
        if ok {
            Ok(Subscriber::Email(a.to_owned()))
        } else {
            Err(GuardRequestError::Field {
                field: "--email",
                message: crate::msg!("guard-not-email", value = address),
            })
        }
    }

    /// An SNS subscriber, if the ARN looks like a topic's.
    pub fn sns(arn: &str) -> Result<Self, GuardRequestError> {
        let a = arn.trim();
        let parts: Vec<&str> = a.split(':').collect();
        let ok = parts.len() == 6
            && parts[0] == "arn"
            && parts[2] == "sns"
            && !parts[3].is_empty()
            && parts[4].len() == 12
            && parts[4].bytes().all(|b| b.is_ascii_digit())
            && !parts[5].is_empty();
        if ok {
            Ok(Subscriber::Sns(a.to_owned()))
        } else {
            Err(GuardRequestError::Field {
                field: "--sns-topic",
                message: crate::msg!("guard-not-sns-topic", value = arn),
            })
        }
    }

    /// `EMAIL` or `SNS`, as the Budgets API names it.
    pub fn kind(&self) -> &'static str {
        match self {
            Subscriber::Email(_) => "EMAIL",
            Subscriber::Sns(_) => "SNS",
        }
    }

    /// The address or ARN.
    pub fn address(&self) -> &str {
        match self {
            Subscriber::Email(a) | Subscriber::Sns(a) => a,
        }
    }

    /// `EMAIL a@example.com`, the form snapshots record subscribers in.
    pub fn label(&self) -> String {
        format!("{} {}", self.kind(), self.address())
    }

    /// Reads a snapshot's `EMAIL a@example.com` / `SNS arn:…` back.
    pub fn from_label(label: &str) -> Option<Self> {
        match label.split_once(' ')? {
            ("EMAIL", a) => Some(Subscriber::Email(a.to_owned())),
            ("SNS", a) => Some(Subscriber::Sns(a.to_owned())),
            _ => None,
        }
    }
}

/// A request `sandpit budget ensure` could not accept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GuardRequestError {
    /// One option's value is wrong.
    #[error("{field}: {}", message.en)]
    Field {
        /// The option.
        field: &'static str,
        /// What is wrong with it.
        message: Localized,
    },
}

impl crate::msg::Explain for GuardRequestError {
    fn explain(&self, _: crate::msg::Place) -> Localized {
        let GuardRequestError::Field { field, message } = self;
        Localized::new(format!("{field}: {}", message.en), format!("{field}: {}", message.ko))
    }
}

/// What `sandpit budget ensure` asks for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuardRequest {
    /// The budget's name.
    pub name: String,
    /// The monthly limit.
    pub limit: f64,
    /// Its unit (`USD`).
    pub unit: String,
    /// Who every notification tells, sorted, without duplicates.
    pub subscribers: Vec<Subscriber>,
}

impl GuardRequest {
    /// A validated request. AWS allows up to 10 e-mail addresses and one SNS topic per
    /// notification.
    pub fn new(
        name: &str,
        limit: f64,
        unit: &str,
        mut subscribers: Vec<Subscriber>,
    ) -> Result<Self, GuardRequestError> {
        let field = |field, message: Localized| GuardRequestError::Field { field, message };
        let name = name.trim();
        if name.is_empty()
            || name.len() > 100
            || name.contains(':')
            || name.contains('\\')
            || name.chars().any(char::is_control)
        {
            return Err(field("--name", crate::msg!("guard-not-name", value = name)));
        }
        if !(limit.is_finite() && limit > 0.0) {
            return Err(field("--limit", crate::msg!("guard-not-amount", value = limit.to_string())));
        }
        let unit = unit.trim();
        if unit.is_empty() || !unit.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(field("--unit", crate::msg!("guard-not-currency", value = unit)));
        }
        subscribers.sort();
        subscribers.dedup();
        if subscribers.is_empty() {
            return Err(field("--email", crate::msg!("guard-no-subscriber")));
        }
        let emails = subscribers.iter().filter(|s| matches!(s, Subscriber::Email(_))).count();
        if emails > 10 {
            return Err(field("--email", crate::msg!("guard-too-many-emails", count = emails)));
        }
        if subscribers.len() - emails > 1 {
            return Err(field("--sns-topic", crate::msg!("guard-one-sns-topic")));
        }
        Ok(Self { name: name.to_owned(), limit, unit: unit.to_owned(), subscribers })
    }
}

/// One change `sandpit budget ensure` makes to the account.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum GuardChange {
    /// Create the budget with every alert.
    CreateBudget {
        /// Its limit.
        limit: f64,
        /// The limit's unit.
        unit: String,
    },
    /// Change the monthly limit.
    UpdateLimit {
        /// The limit before.
        from: f64,
        /// Its unit before.
        from_unit: String,
        /// The new limit.
        to: f64,
        /// Its unit.
        unit: String,
    },
    /// The budget with this name is not a monthly cost budget: delete it and create the guard.
    ReplaceBudget {
        /// What it is instead, e.g. `USAGE ANNUALLY`.
        was: String,
    },
    /// Add an alert.
    AddAlert {
        /// The alert.
        alert: String,
    },
    /// Remove an alert the request does not have.
    RemoveAlert {
        /// The alert, as AWS holds it.
        alert: String,
        /// Its notification as AWS holds it (needed to delete it).
        #[serde(skip)]
        notification: Option<BudgetNotification>,
    },
    /// Tell one more subscriber.
    AddSubscriber {
        /// The alert.
        alert: String,
        /// The subscriber.
        subscriber: Subscriber,
    },
    /// Stop telling a subscriber.
    RemoveSubscriber {
        /// The alert.
        alert: String,
        /// The subscriber.
        subscriber: Subscriber,
    },
}

impl GuardChange {
    /// The change in a sentence.
    pub fn describe(&self, name: &str) -> Localized {
        match self {
            GuardChange::CreateBudget { limit, unit } => msg!(
                "budget-create-budget-month-alerts",
                name = &name,
                limit = &limit,
                unit = &unit,
                alerts_text = alerts_text()
            ),
            GuardChange::UpdateLimit { from, from_unit, to, unit } => msg!(
                "budget-change-limit",
                name = &name,
                from = &from,
                from_unit = &from_unit,
                to = &to,
                unit = &unit
            ),
            GuardChange::ReplaceBudget { was } => {
                msg!("budget-replace-budget-monthly-cost", name = &name, was = &was)
            }
            GuardChange::AddAlert { alert } => msg!("budget-add-alert", alert = &alert),
            GuardChange::RemoveAlert { alert, .. } => msg!("budget-remove-alert", alert = &alert),
            GuardChange::AddSubscriber { alert, subscriber } => {
                msg!("budget-alert-also-tell", alert = &alert, subscriber = subscriber.label())
            }
            GuardChange::RemoveSubscriber { alert, subscriber } => {
                msg!("budget-alert-stop-telling", alert = &alert, subscriber = subscriber.label())
            }
        }
    }
}

fn alerts_text() -> String {
    GUARD_ALERTS.iter().map(Alert::label).collect::<Vec<_>>().join(", ")
}

/// What it takes to turn the account's budget into the requested guard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuardPlan {
    /// The budget's name.
    pub name: String,
    /// The changes, in the order to make them; empty when the guard is already as requested.
    pub changes: Vec<GuardChange>,
    /// Alerts whose subscribers the API would not list (some emulators lack the call): they
    /// are left as they are, and said to be unverified.
    pub unverified_subscribers: Vec<String>,
}

/// Plans `request` against the budget the account holds under that name, if any.
pub fn plan_guard(existing: Option<&Budget>, request: &GuardRequest) -> GuardPlan {
    let mut plan =
        GuardPlan { name: request.name.clone(), changes: Vec::new(), unverified_subscribers: Vec::new() };
    let create = GuardChange::CreateBudget { limit: request.limit, unit: request.unit.clone() };
    let Some(b) = existing else {
        plan.changes.push(create);
        return plan;
    };
    if b.budget_type != "COST" || b.time_unit != "MONTHLY" {
        plan.changes.push(GuardChange::ReplaceBudget { was: format!("{} {}", b.budget_type, b.time_unit) });
        return plan;
    }
    if b.limit != request.limit || b.unit != request.unit {
        plan.changes.push(GuardChange::UpdateLimit {
            from: b.limit,
            from_unit: b.unit.clone(),
            to: request.limit,
            unit: request.unit.clone(),
        });
    }
    for n in &b.notifications {
        if !GUARD_ALERTS.iter().any(|a| a.matches(n)) {
            let unit = if n.threshold_type == "PERCENTAGE" { "%" } else { "" };
            plan.changes.push(GuardChange::RemoveAlert {
                alert: format!("{} {} {}{unit}", n.notification_type, n.comparison, n.threshold),
                notification: Some(n.clone()),
            });
        }
    }
    for alert in &GUARD_ALERTS {
        let Some(n) = b.notifications.iter().find(|n| alert.matches(n)) else {
            plan.changes.push(GuardChange::AddAlert { alert: alert.label() });
            continue;
        };
        let Some(labels) = &n.subscribers else {
            plan.unverified_subscribers.push(alert.label());
            continue;
        };
        let have: Vec<Subscriber> = labels.iter().filter_map(|l| Subscriber::from_label(l)).collect();
        for s in request.subscribers.iter().filter(|s| !have.contains(s)) {
            plan.changes.push(GuardChange::AddSubscriber { alert: alert.label(), subscriber: s.clone() });
        }
        for s in have.iter().filter(|s| !request.subscribers.contains(s)) {
            plan.changes.push(GuardChange::RemoveSubscriber { alert: alert.label(), subscriber: s.clone() });
        }
    }
    plan
}

/// Whom the hard stop's deny policy is applied to: the IAM user or role the learner works as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "name", rename_all = "lowercase")]
pub enum HardStopTarget {
    /// An IAM user, by name.
    User(String),
    /// An IAM role, by name (the learner's assumed role or SSO permission-set role).
    Role(String),
}

impl HardStopTarget {
    /// The principal behind a caller ARN: `arn:aws:iam::…:user/path/alice` → user `alice`,
    /// `arn:aws:sts::…:assumed-role/Name/session` → role `Name`. `None` for anything else (root,
    /// federated users), which a budget action cannot target.
    pub fn from_caller_arn(arn: &str) -> Option<Self> {
        let resource = arn.splitn(6, ':').nth(5)?;
        if let Some(path) = resource.strip_prefix("user/") {
            return path.rsplit('/').next().filter(|n| !n.is_empty()).map(|n| Self::User(n.to_owned()));
        }
        if let Some(rest) = resource.strip_prefix("assumed-role/") {
            return rest.split('/').next().filter(|n| !n.is_empty()).map(|n| Self::Role(n.to_owned()));
        }
        None
    }
}

/// The deny policy a hard stop applies, as shipped in `labs/policies/sandpit-hard-stop.json`.
pub const HARD_STOP_POLICY: &str = include_str!("../../../labs/policies/sandpit-hard-stop.json");

/// The default name of the customer managed policy holding [`HARD_STOP_POLICY`].
pub const HARD_STOP_POLICY_NAME: &str = "SandpitHardStop";

/// The guard alert a change's `alert` label names.
pub fn alert_by_label(label: &str) -> Option<Alert> {
    GUARD_ALERTS.iter().copied().find(|a| a.label() == label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::fixtures::{Builder, budget_solved};

    #[test]
    fn no_budget_is_unguarded() {
        assert_eq!(guard_status(&Builder::empty().build(), GUARD_NAME).status, GuardState::Unguarded);
    }

    #[test]
    fn the_guard_within_its_limit_is_guarded_with_its_alerts() {
        let s = guard_status(&budget_solved().build(), GUARD_NAME);
        assert_eq!(s.status, GuardState::Guarded);
        assert_eq!((s.limit, s.unit.as_deref()), (Some(22.0), Some("USD")));
        assert_eq!(s.notifications[3], "FORECASTED GREATER_THAN 100%");
    }

    #[test]
    fn spend_past_the_limit_is_over_limit() {
        let mut b = budget_solved();
        b.snapshot().budgets.items_mut().unwrap()[0].actual_spend = Some(23.5);
        assert_eq!(guard_status(&b.build(), GUARD_NAME).status, GuardState::OverLimit);
    }

    #[test]
    fn an_annual_budget_does_not_guard_a_month() {
        let mut b = budget_solved();
        b.snapshot().budgets.items_mut().unwrap()[0].time_unit = "ANNUALLY".into();
        assert_eq!(guard_status(&b.build(), GUARD_NAME).status, GuardState::Unguarded);
    }

    fn request(limit: f64, emails: &[&str]) -> GuardRequest {
        let subs = emails.iter().map(|e| Subscriber::email(e).unwrap()).collect();
        GuardRequest::new(GUARD_NAME, limit, "USD", subs).unwrap()
    }

    fn guard_budget(b: Builder) -> Budget {
        b.build().budgets.iter().next().unwrap().clone()
    }

    #[test]
    fn no_budget_plans_one_creation() {
        let plan = plan_guard(None, &request(22.0, &["team@example.com"]));
        assert_eq!(plan.changes, [GuardChange::CreateBudget { limit: 22.0, unit: "USD".into() }]);
        assert!(plan.changes[0].describe(GUARD_NAME).en.contains("ACTUAL > 50%, ACTUAL > 80%"));
    }

    #[test]
    fn the_guard_as_requested_plans_nothing() {
        let b = guard_budget(budget_solved());
        let plan = plan_guard(Some(&b), &request(22.0, &["team@example.com"]));
        assert_eq!(plan.changes, []);
        assert!(plan.unverified_subscribers.is_empty());
    }

    #[test]
    fn a_new_limit_and_subscriber_converge_exactly() {
        let b = guard_budget(budget_solved());
        let plan = plan_guard(Some(&b), &request(30.0, &["lead@example.com"]));
        assert_eq!(
            plan.changes[0],
            GuardChange::UpdateLimit { from: 22.0, from_unit: "USD".into(), to: 30.0, unit: "USD".into() }
        );
        let adds = plan.changes.iter().filter(|c| matches!(c, GuardChange::AddSubscriber { .. })).count();
        let removes =
            plan.changes.iter().filter(|c| matches!(c, GuardChange::RemoveSubscriber { .. })).count();
        assert_eq!((adds, removes, plan.changes.len()), (4, 4, 9));
    }

    #[test]
    fn missing_and_foreign_alerts_are_added_and_removed() {
        let mut b = guard_budget(budget_solved());
        b.notifications.remove(3);
        b.notifications[0].threshold = 90.0;
        let plan = plan_guard(Some(&b), &request(22.0, &["team@example.com"]));
        let labels: Vec<String> = plan.changes.iter().map(|c| c.describe(GUARD_NAME).en).collect();
        assert_eq!(
            labels,
            ["remove alert ACTUAL GREATER_THAN 90%", "add alert ACTUAL > 50%", "add alert FORECASTED > 100%"]
        );
    }

    #[test]
    fn unlisted_subscribers_are_reported_not_rewritten() {
        let mut b = guard_budget(budget_solved());
        for n in &mut b.notifications {
            n.subscribers = None;
            n.subscribers_unlisted = Some("no such operation".into());
        }
        let plan = plan_guard(Some(&b), &request(22.0, &["someone-else@example.com"]));
        assert_eq!(plan.changes, []);
        assert_eq!(plan.unverified_subscribers.len(), 4);
    }

    #[test]
    fn a_budget_of_another_kind_under_the_name_is_replaced() {
        let mut b = guard_budget(budget_solved());
        b.time_unit = "ANNUALLY".into();
        let plan = plan_guard(Some(&b), &request(22.0, &["team@example.com"]));
        assert_eq!(plan.changes, [GuardChange::ReplaceBudget { was: "COST ANNUALLY".into() }]);
    }

    #[test]
    fn bad_requests_name_the_option() {
        let e = |r: Result<GuardRequest, GuardRequestError>| r.unwrap_err().to_string();
        let one = || vec![Subscriber::email("a@example.com").unwrap()];
        assert!(e(GuardRequest::new("g", 0.0, "USD", one())).starts_with("--limit"));
        assert!(e(GuardRequest::new("g", f64::NAN, "USD", one())).starts_with("--limit"));
        assert!(e(GuardRequest::new("g", 5.0, "usd", one())).starts_with("--unit"));
        assert!(e(GuardRequest::new("a:b", 5.0, "USD", one())).starts_with("--name"));
        assert!(e(GuardRequest::new("g", 5.0, "USD", vec![])).starts_with("--email"));
        assert!(Subscriber::email("not-an-address").unwrap_err().to_string().starts_with("--email"));
        assert!(Subscriber::email("a@b").is_err());
        assert!(Subscriber::sns("arn:aws:sns:ap-northeast-2:123456789012:alerts").is_ok());
        assert!(Subscriber::sns("arn:aws:sqs:ap-northeast-2:123456789012:q").is_err());
        let many = (0..11).map(|i| Subscriber::email(&format!("p{i}@example.com")).unwrap()).collect();
        assert!(e(GuardRequest::new("g", 5.0, "USD", many)).contains("at most 10"));
        // Duplicates collapse.
        let twice =
            vec![Subscriber::email("a@example.com").unwrap(), Subscriber::email("a@example.com").unwrap()];
        assert_eq!(GuardRequest::new("g", 5.0, "USD", twice).unwrap().subscribers.len(), 1);
    }

    #[test]
    fn subscriber_labels_round_trip() {
        for s in [
            Subscriber::email("a@example.com").unwrap(),
            Subscriber::sns("arn:aws:sns:us-east-1:123456789012:t").unwrap(),
        ] {
            assert_eq!(Subscriber::from_label(&s.label()), Some(s));
        }
    }

    #[test]
    fn the_hard_stop_targets_the_caller() {
        assert_eq!(
            HardStopTarget::from_caller_arn("arn:aws:iam::123456789012:user/students/alice"),
            Some(HardStopTarget::User("alice".into()))
        );
        assert_eq!(
            HardStopTarget::from_caller_arn(
                "arn:aws:sts::123456789012:assumed-role/TeamRole/alice@example.com"
            ),
            Some(HardStopTarget::Role("TeamRole".into()))
        );
        assert_eq!(HardStopTarget::from_caller_arn("arn:aws:iam::123456789012:root"), None);
        assert_eq!(HardStopTarget::from_caller_arn("not an arn"), None);
    }

    /// Whether `pattern` (an IAM action, `*` allowed) matches `action`, case-insensitively as
    /// IAM compares them.
    fn iam_matches(pattern: &str, action: &str) -> bool {
        let (p, a) = (pattern.to_ascii_lowercase(), action.to_ascii_lowercase());
        match p.split_once('*') {
            None => p == a,
            Some((head, tail)) => a.starts_with(head) && a[head.len()..].ends_with(tail),
        }
    }

    fn hard_stop_denies(action: &str) -> bool {
        let policy: serde_json::Value = serde_json::from_str(HARD_STOP_POLICY).unwrap();
        policy["Statement"].as_array().unwrap().iter().filter(|s| s["Effect"] == "Deny").any(|s| {
            let actions = match &s["Action"] {
                serde_json::Value::String(a) => vec![a.as_str()],
                v => v.as_array().unwrap().iter().filter_map(|a| a.as_str()).collect(),
            };
            actions.iter().any(|p| iam_matches(p, action))
        })
    }

    #[test]
    fn the_hard_stop_policy_denies_every_way_to_start_something_billable() {
        // Every API that creates or starts something billed by the hour in the labs' services,
        // including the paths around CreateDBInstance and RunInstances: restores, read
        // replicas, clusters, launch templates (RunInstances), fleets and spot requests, and
        // Auto Scaling (which launches through its own service-linked role).
        let billable = [
            "ec2:RunInstances",
            "ec2:StartInstances",
            "ec2:RunScheduledInstances",
            "ec2:CreateFleet",
            "ec2:RequestSpotInstances",
            "ec2:RequestSpotFleet",
            "ec2:CreateNatGateway",
            "ec2:AllocateAddress",
            "ec2:CreateVpcEndpoint",
            "ec2:CreateTransitGateway",
            "ec2:CreateTransitGatewayVpcAttachment",
            "ec2:CreateVpnConnection",
            "ec2:CreateClientVpnEndpoint",
            "autoscaling:CreateAutoScalingGroup",
            "autoscaling:UpdateAutoScalingGroup",
            "autoscaling:SetDesiredCapacity",
            "rds:CreateDBInstance",
            "rds:CreateDBInstanceReadReplica",
            "rds:CreateDBCluster",
            "rds:CreateBlueGreenDeployment",
            "rds:StartDBInstance",
            "rds:StartDBCluster",
            "rds:RestoreDBInstanceFromDBSnapshot",
            "rds:RestoreDBInstanceToPointInTime",
            "rds:RestoreDBInstanceFromS3",
            "rds:RestoreDBClusterFromSnapshot",
            "rds:RestoreDBClusterToPointInTime",
            "rds:RestoreDBClusterFromS3",
            "elasticloadbalancing:CreateLoadBalancer",
        ];
        let open: Vec<&str> = billable.into_iter().filter(|a| !hard_stop_denies(a)).collect();
        assert_eq!(open, Vec::<&str>::new(), "the hard stop leaves these billable actions open");
    }

    #[test]
    fn the_hard_stop_never_blocks_reading_or_tearing_down() {
        // Once spend is past the limit the learner must still see and delete what bills.
        let cleanup = [
            "ec2:DescribeInstances",
            "ec2:TerminateInstances",
            "ec2:StopInstances",
            "ec2:DeleteNatGateway",
            "ec2:ReleaseAddress",
            "ec2:DeleteVpcEndpoints",
            "autoscaling:DeleteAutoScalingGroup",
            "rds:DescribeDBInstances",
            "rds:DeleteDBInstance",
            "rds:DeleteDBCluster",
            "rds:StopDBInstance",
            "rds:StopDBCluster",
            "rds:ModifyDBCluster",
            "elasticloadbalancing:DeleteLoadBalancer",
            "budgets:ViewBudget",
            "iam:DetachUserPolicy",
        ];
        for action in cleanup {
            assert!(!hard_stop_denies(action), "{action} is denied: the learner could not clean up");
        }
        for action in crate::policy::checker_actions() {
            assert!(!hard_stop_denies(action), "{action}: the checker could not read the account");
        }
    }

    #[test]
    fn action_patterns_match_as_iam_does() {
        assert!(iam_matches("rds:Restore*", "rds:RestoreDBClusterFromS3"));
        assert!(iam_matches("ec2:runinstances", "ec2:RunInstances"));
        assert!(!iam_matches("rds:Create*", "rds:DeleteDBInstance"));
    }
}
