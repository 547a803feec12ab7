//! `sandpit budget …`

use std::collections::BTreeSet;

use clap::{Args, Subcommand};
use sandpit_aws::{GuardOutcome, HardStop};
use sandpit_core::budget::{
    GUARD_ALERTS, GUARD_NAME, GuardRequest, GuardState, HARD_STOP_POLICY_NAME, HardStopTarget, Subscriber,
    guard_status,
};
use sandpit_core::snapshot::{CollectError, ResourceKind};

use sandpit_core::msg;

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};
use crate::output::{Text, pad, print_json};

/// `sandpit budget`
#[derive(Debug, Subcommand)]
pub(crate) enum BudgetCommand {
    /// Is spending guarded? Exit 0 guarded, 1 unguarded or over the limit
    Status(StatusArgs),
    /// Create or converge the guard budget (the only command that writes to the account)
    Ensure(EnsureArgs),
}

/// `sandpit budget ensure --limit AMOUNT [--unit USD] (--email ADDR | --sns-topic ARN)... [--name N]`
#[derive(Debug, Args)]
pub(crate) struct EnsureArgs {
    /// The monthly limit, e.g. 22 (≈ ₩30,000, a bootcamp team's allowance)
    #[arg(long, value_name = "AMOUNT")]
    limit: f64,
    /// The limit's currency
    #[arg(long, default_value = "USD")]
    unit: String,
    /// Who the alerts e-mail (repeatable)
    #[arg(long = "email", value_name = "ADDRESS")]
    emails: Vec<String>,
    /// An SNS topic the alerts publish to
    #[arg(long = "sns-topic", value_name = "ARN")]
    sns_topics: Vec<String>,
    /// The budget's name
    #[arg(long, default_value = GUARD_NAME)]
    name: String,
    /// Also add a Budgets action that, past 100% actual spend, applies the deny policy
    /// SandpitHardStop (no new EC2, RDS, NAT, load balancers) to you; Budgets assumes this role
    #[arg(long, value_name = "ROLE_ARN")]
    hard_stop: Option<String>,
    /// The deny policy for --hard-stop (default: arn:aws:iam::ACCOUNT:policy/SandpitHardStop,
    /// created from labs/policies/sandpit-hard-stop.json)
    #[arg(long, value_name = "POLICY_ARN", requires = "hard_stop")]
    hard_stop_policy: Option<String>,
    /// Show what would change, and change nothing
    #[arg(long)]
    dry_run: bool,
    /// One JSON object instead of text
    #[arg(long)]
    json: bool,
}

/// `sandpit budget status [--json] [--name NAME]`
#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    /// One JSON object instead of text
    #[arg(long)]
    json: bool,
    /// The guard budget's name (any monthly cost budget counts when none has this name)
    #[arg(long, default_value = GUARD_NAME)]
    name: String,
}

pub(crate) fn run(global: &GlobalArgs, cmd: &BudgetCommand) -> CmdResult {
    match cmd {
        BudgetCommand::Status(args) => status(global, args),
        BudgetCommand::Ensure(args) => ensure(global, args),
    }
}

fn ensure(global: &GlobalArgs, args: &EnsureArgs) -> CmdResult {
    let subscribers = args
        .emails
        .iter()
        .map(|e| Subscriber::email(e))
        .chain(args.sns_topics.iter().map(|a| Subscriber::sns(a)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::input(&e))?;
    let request =
        GuardRequest::new(&args.name, args.limit, &args.unit, subscribers).map_err(|e| Failure::input(&e))?;
    for (flag, arn, kind) in
        [("--hard-stop", &args.hard_stop, "role"), ("--hard-stop-policy", &args.hard_stop_policy, "policy")]
    {
        if let Some(arn) = arn
            && !is_iam_arn(arn, kind)
        {
            return Err(Failure::bad_input_said(msg!(
                "guard-not-iam-arn",
                flag = flag,
                value = arn.as_str(),
                kind = kind
            )));
        }
    }
    let t = Text::new(global.lang);
    let lang = global.lang;
    let (identity, outcome, hard_stop_added) = super::runtime().block_on(async {
        let (aws, identity) = super::connect(global).await?;
        let plan = aws.plan_guard(&identity.account, &request).await?;
        let hard_stop = match &args.hard_stop {
            None => None,
            Some(role) => Some(HardStop {
                execution_role_arn: role.clone(),
                policy_arn: args.hard_stop_policy.clone().unwrap_or_else(|| {
                    format!("arn:aws:iam::{}:policy/{HARD_STOP_POLICY_NAME}", identity.account)
                }),
                target: HardStopTarget::from_caller_arn(&identity.arn).ok_or_else(|| {
                    Failure::bad_input_said(msg!("guard-hard-stop-target", arn = identity.arn.as_str()))
                })?,
            }),
        };
        if args.dry_run {
            return Ok::<_, Failure>((identity, GuardOutcome { plan, recreated: false }, None));
        }
        let outcome = if plan.changes.is_empty() {
            GuardOutcome { plan, recreated: false }
        } else {
            // Say so before writing: this is the one command that changes the account.
            eprintln!(
                "{} {} ({}){}:",
                &t.say("cli-writing-to-aws-account"),
                identity.account,
                identity.arn,
                super::emulator(global).map(|u| format!(" @ {u}")).unwrap_or_default()
            );
            for change in &plan.changes {
                eprintln!("  - {}", change.describe(&request.name).get(lang));
            }
            aws.apply_guard(&identity.account, &request, plan).await?
        };
        let hard_stop_added = match &hard_stop {
            Some(stop) => {
                eprintln!("{} {}", &t.say("cli-hard-stop-a-budgets-action"), identity.arn);
                Some(aws.ensure_hard_stop(&identity.account, &request, stop).await?)
            }
            None => None,
        };
        Ok((identity, outcome, hard_stop_added))
    })?;
    let plan = &outcome.plan;
    let changes: Vec<String> =
        plan.changes.iter().map(|c| c.describe(&request.name).get(lang).to_owned()).collect();
    if args.json {
        print_json(&serde_json::json!({
            "account": identity.account,
            "name": request.name,
            "limit": request.limit,
            "unit": request.unit,
            "subscribers": request.subscribers,
            "alerts": GUARD_ALERTS.iter().map(|a| a.label()).collect::<Vec<_>>(),
            "dry_run": args.dry_run,
            "changed": !args.dry_run && !plan.changes.is_empty(),
            "changes": plan.changes.iter().zip(&changes).map(|(c, text)| {
                let mut v = serde_json::to_value(c).expect("changes serialize");
                v["description"] = text.clone().into();
                v
            }).collect::<Vec<_>>(),
            "recreated": outcome.recreated,
            "hard_stop": hard_stop_added.map(|added| if added { "added" } else { "unchanged" }),
            "unverified_subscribers": plan.unverified_subscribers,
        }));
        return Ok(Outcome::Success);
    }
    if plan.changes.is_empty() {
        println!(
            "{} {} ({} {}/{}) {}",
            t.paint("32", "✔"),
            request.name,
            request.limit,
            request.unit,
            &t.say("cli-month"),
            &t.say("cli-is-already-as-requested-nothing")
        );
    } else if args.dry_run {
        println!("{}", &t.say("cli-would-change-dry-run-nothing"));
        for c in &changes {
            println!("  - {c}");
        }
    } else {
        println!("{} {}", t.paint("32", "✔"), &t.say("cli-budget-guard-in-place-changed"));
        for c in &changes {
            println!("  - {c}");
        }
        if outcome.recreated {
            println!("  {}", &t.say("cli-this-endpoint-has-no-updatebudget"));
        }
    }
    match hard_stop_added {
        Some(true) => println!("{} {}", t.paint("32", "✔"), &t.say("cli-hard-stop-added-past-100")),
        Some(false) => println!("{} {}", t.paint("32", "✔"), &t.say("cli-hard-stop-already-in-place")),
        None => {}
    }
    if !plan.unverified_subscribers.is_empty() {
        println!(
            "{} {}: {}",
            t.paint("36", "i"),
            &t.say("cli-this-endpoint-cannot-list-subscribers"),
            plan.unverified_subscribers.join(", ")
        );
    }
    Ok(Outcome::Success)
}

/// `arn:aws:iam::123456789012:role/Name` (or `:policy/Name`), paths allowed.
fn is_iam_arn(arn: &str, kind: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    parts.len() == 6
        && parts[0] == "arn"
        && parts[2] == "iam"
        && parts[4].len() == 12
        && parts[4].bytes().all(|b| b.is_ascii_digit())
        && parts[5].strip_prefix(kind).and_then(|r| r.strip_prefix('/')).is_some_and(|name| !name.is_empty())
}

fn status(global: &GlobalArgs, args: &StatusArgs) -> CmdResult {
    let snapshot = super::runtime().block_on(async {
        let (aws, identity) = super::connect(global).await?;
        Ok::<_, Failure>(aws.collect(&BTreeSet::from([ResourceKind::Budgets]), &identity.account).await?)
    })?;
    match snapshot.budgets.error() {
        Some(CollectError::Denied { action, managed_policy, .. }) => {
            return Err(Failure::aws_said(msg!(
                "guard-budgets-denied",
                action = action.as_str(),
                policy = managed_policy.as_str()
            )));
        }
        Some(CollectError::Failed { action, message }) => {
            return Err(Failure::aws_said(msg!(
                "guard-budgets-failed",
                action = action.as_str(),
                detail = message.as_str()
            )));
        }
        None => {}
    }
    let status = guard_status(&snapshot, &args.name);
    if args.json {
        print_json(&status);
    } else {
        let t = Text::new(global.lang);
        let state = match status.status {
            GuardState::Guarded => t.paint("32", &t.say("cli-guarded")),
            GuardState::Unguarded => t.paint("31", &t.say("cli-unguarded")),
            GuardState::OverLimit => t.paint("31", &t.say("cli-over-the-limit")),
        };
        println!("{} {state}", pad(&t.say("cli-budget"), 10));
        if let (Some(name), Some(limit), Some(unit)) = (&status.name, status.limit, &status.unit) {
            println!("{} {name}: {limit} {unit}/{}", pad(&t.say("cli-guard"), 10), &t.say("cli-month"));
            let money = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v} {unit}"));
            println!("{} {}", pad(&t.say("cli-actual"), 10), money(status.actual));
            println!("{} {}", pad(&t.say("cli-forecast"), 10), money(status.forecast));
            println!("{} {}", pad(&t.say("cli-alerts"), 10), status.notifications.join(", "));
        } else {
            println!("{}", &t.say("cli-no-monthly-cost-budget-watches"));
        }
    }
    Ok(if status.status == GuardState::Guarded { Outcome::Success } else { Outcome::NotAllGood })
}
