//! `sandpit budget …`

use std::collections::BTreeSet;

use clap::{Args, Subcommand};
use sandpit_aws::{GuardOutcome, HardStop};
use sandpit_core::budget::{
    GUARD_ALERTS, GUARD_NAME, GuardRequest, GuardState, HARD_STOP_POLICY_NAME, HardStopTarget, Subscriber,
    guard_status,
};
use sandpit_core::snapshot::{CollectError, ResourceKind};

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
        .map_err(Failure::bad_input)?;
    let request =
        GuardRequest::new(&args.name, args.limit, &args.unit, subscribers).map_err(Failure::bad_input)?;
    for (flag, arn, kind) in
        [("--hard-stop", &args.hard_stop, "role"), ("--hard-stop-policy", &args.hard_stop_policy, "policy")]
    {
        if let Some(arn) = arn
            && !is_iam_arn(arn, kind)
        {
            return Err(Failure::bad_input(format!(
                "{flag}: `{arn}` is not an IAM {kind} ARN (arn:aws:iam::ACCOUNT:{kind}/NAME)"
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
                    Failure::bad_input(format!(
                        "--hard-stop: {} is neither an IAM user nor an assumed role, so a Budgets action cannot target it",
                        identity.arn
                    ))
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
                t.pick("Writing to AWS account", "AWS 계정에 씁니다:"),
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
                eprintln!(
                    "{} {}",
                    t.pick("Hard stop (a Budgets action, written if missing) for", "하드 스톱(Budgets 작업, 없으면 씁니다):"),
                    identity.arn
                );
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
            t.pick("month", "월"),
            t.pick("is already as requested: nothing changed.", "이미 요청대로입니다. 바꾼 것이 없습니다.")
        );
    } else if args.dry_run {
        println!(
            "{}",
            t.pick("Would change (dry run, nothing written):", "바꿀 내용(시험 실행, 쓰지 않음):")
        );
        for c in &changes {
            println!("  - {c}");
        }
    } else {
        println!(
            "{} {}",
            t.paint("32", "✔"),
            t.pick("Budget guard in place. Changed:", "예산 가드를 설정했습니다. 바뀐 것:")
        );
        for c in &changes {
            println!("  - {c}");
        }
        if outcome.recreated {
            println!(
                "  {}",
                t.pick(
                    "(this endpoint has no UpdateBudget: the budget was deleted and created again)",
                    "(이 엔드포인트에는 UpdateBudget이 없어 예산을 지우고 다시 만들었습니다)"
                )
            );
        }
    }
    match hard_stop_added {
        Some(true) => println!(
            "{} {}",
            t.paint("32", "✔"),
            t.pick(
                "Hard stop added: past 100% of the limit, AWS Budgets applies the deny policy to you.",
                "하드 스톱 추가: 한도의 100%를 넘으면 AWS Budgets가 거부 정책을 적용합니다."
            )
        ),
        Some(false) => println!(
            "{} {}",
            t.paint("32", "✔"),
            t.pick("Hard stop already in place.", "하드 스톱이 이미 있습니다.")
        ),
        None => {}
    }
    if !plan.unverified_subscribers.is_empty() {
        println!(
            "{} {}: {}",
            t.paint("36", "i"),
            t.pick(
                "this endpoint cannot list subscribers, so they were left as they are for",
                "이 엔드포인트는 구독자를 조회할 수 없어 다음 알림의 구독자는 그대로 두었습니다"
            ),
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
            return Err(Failure::aws(format!(
                "cannot read AWS Budgets: AWS denied {action}; attach {managed_policy} (or labs/policies/sandpit-checker.json)"
            )));
        }
        Some(CollectError::Failed { action, message }) => {
            return Err(Failure::aws(format!("cannot read AWS Budgets: {action} failed: {message}")));
        }
        None => {}
    }
    let status = guard_status(&snapshot, &args.name);
    if args.json {
        print_json(&status);
    } else {
        let t = Text::new(global.lang);
        let state = match status.status {
            GuardState::Guarded => t.paint("32", t.pick("guarded", "보호 중")),
            GuardState::Unguarded => t.paint("31", t.pick("unguarded", "보호 없음")),
            GuardState::OverLimit => t.paint("31", t.pick("over the limit", "한도 초과")),
        };
        println!("{} {state}", pad(t.pick("budget", "예산"), 10));
        if let (Some(name), Some(limit), Some(unit)) = (&status.name, status.limit, &status.unit) {
            println!("{} {name}: {limit} {unit}/{}", pad(t.pick("guard", "가드"), 10), t.pick("month", "월"));
            let money = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v} {unit}"));
            println!("{} {}", pad(t.pick("actual", "실제"), 10), money(status.actual));
            println!("{} {}", pad(t.pick("forecast", "예측"), 10), money(status.forecast));
            println!("{} {}", pad(t.pick("alerts", "알림"), 10), status.notifications.join(", "));
        } else {
            println!(
                "{}",
                t.pick(
                    "No monthly cost budget watches this account: do the budget-guard lab (sandpit check budget-guard).",
                    "이 계정을 지켜보는 월별 비용 예산이 없습니다. budget-guard 실습을 하세요(sandpit check budget-guard)."
                )
            );
        }
    }
    Ok(if status.status == GuardState::Guarded { Outcome::Success } else { Outcome::NotAllGood })
}
