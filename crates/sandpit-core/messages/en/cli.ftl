# The `sandpit` command line's own words (the library's findings carry their own texts).

snapshot-written = snapshot written to { $path } ({ $kinds } resource kinds read)
snapshot-unreadable = could not read { $kind }: { $action }

## Words of the commands
cli-account = account
cli-actual = actual
cli-alerts = alerts
cli-already-running-at = already running at
cli-altered = altered:
cli-attempts = attempts
cli-attempts-2 = attempts
cli-best = best
cli-billable = {"  "}[billable]
cli-blocked = BLOCKED
cli-blocked-2 = blocked
cli-budget = budget
cli-budget-guard-in-place-changed = Budget guard in place. Changed:
cli-check-one-with-sandpit-check = Check one with: sandpit check <LAB>
cli-could-not-be-checked = Could not be checked:
cli-could-not-read = could not read
cli-days = days
cli-discover-found-none = --discover found none of this lab's resources: checked with the defaults.
cli-discover-parameters = Parameters read off the account (--discover):
cli-ec2-instance = EC2 instance
cli-elastic-ip = Elastic IP
cli-emulator-not-aws = ⚠ emulator, not AWS:
cli-endpoint = endpoint
cli-error = ERROR
cli-error-2 = error
cli-errors = errors
cli-estimates-from-on-demand-list = Estimates from on-demand list prices (storage, traffic and taxes not included). AWS Billing shows the real bill hours later.
cli-everything-you-build-there-stays = Everything you build there stays on this machine. Stop it with: sandpit practice stop
cli-evidence-now = evidence now:
cli-expected = expected
cli-fail = FAIL
cli-fail-2 = fail
cli-failed = failed
cli-first-passed = first passed
cli-forecast = forecast
cli-found = found
cli-guard = guard
cli-guarded = guarded
cli-hard-stop-a-budgets-action = Hard stop (a Budgets action, written if missing) for
cli-hard-stop-added-past-100 = Hard stop added: past 100% of the limit, AWS Budgets applies the deny policy to you.
cli-hard-stop-already-in-place = Hard stop already in place.
cli-hint = hint
cli-intact = intact
cli-is-already-as-requested-nothing = is already as requested: nothing changed.
cli-lab = lab
cli-latest = latest
cli-lessons-opened = Lessons opened:
cli-load-balancer = load balancer
cli-mo = mo
cli-month = month
cli-nat-gateway = NAT gateway
cli-no-check-recorded-for = No check recorded for
cli-no-check-recorded-yet-sandpit = No check recorded yet: `sandpit check LAB` records every check.
cli-no-monthly-cost-budget-watches = No monthly cost budget watches this account: do the budget-guard lab (sandpit check budget-guard).
cli-no-practice-sandbox-was-running = No practice sandbox was running.
cli-no-team-s-account-could = no team's account could be checked (see each team's error)
cli-not-aws-an-emulator-or = not AWS: an emulator or proxy
cli-not-running-start-it-sandpit = not running (start it: sandpit practice start)
cli-nothing-billable-by-the-hour = Nothing billable by the hour is running in this region.
cli-only-the-steps-asked-for = Only the steps asked for with --step were checked: the lab's verdict needs a check without --step.
cli-over-the-limit = over the limit
cli-partial = partial
cli-partly-checked = PARTLY CHECKED
cli-pass = PASS
cli-pass-2 = pass
cli-passed = passed
cli-passed-the-whole-lab = passed the whole lab
cli-practice-sandbox-a-local-aws = Practice sandbox (a local AWS emulator, not AWS)
cli-practice-sandbox-stopped-sandpit-checks = Practice sandbox stopped; Sandpit checks your AWS account again.
cli-prices-of = prices of
cli-progress = Progress
cli-quiz-questions-correct = quiz questions correct:
cli-rds-instance = RDS instance
cli-region = region
cli-resource = resource
cli-running = running
cli-running-at = running at
cli-sandpit-s-checks-now-go = Sandpit's checks now go to it. For the AWS CLI, in your shell:
cli-skipped = skipped
cli-status = status
cli-steps = steps
cli-suggestion-discover = or let Sandpit read every parameter:
cli-suggestion-other-names = Your account seems to hold this lab under other names or addresses. Check with:
cli-team = team
cli-teams = teams
cli-teams-checked = teams checked
cli-teardown-plan-run-in-this = Teardown plan (run in this order):
cli-this-endpoint-cannot-list-subscribers = this endpoint cannot list subscribers, so they were left as they are for
cli-this-endpoint-has-no-updatebudget = (this endpoint has no UpdateBudget: the budget was deleted and created again)
cli-total = Total
cli-unguarded = unguarded
cli-unreadable = (unreadable)
cli-warning-no-budget-guard-this = WARNING: --no-budget-guard: this lab bills by the hour and nothing guards your spending. Put a guard in place: sandpit budget ensure --limit 22 --email YOU@example.com
cli-without-a-price = without a price
cli-would-change-dry-run-nothing = Would change (dry run, nothing written):
cli-writing-to-aws-account = Writing to AWS account
cli-wrote = Wrote

## Errors of the command line itself
cli-cannot-read-snapshot = cannot read snapshot { $path }: { $detail }
cli-not-a-snapshot = { $place }: not a Sandpit snapshot: { $detail }
cli-cannot-write = cannot write { $path }: { $detail }

## Command-line mistakes (clap's errors, said in Korean runs too)
cli-usage-unknown-argument = unknown option `{ $arg }`
cli-usage-unknown-command = unknown command `{ $arg }`
cli-usage-bad-value = `{ $value }` is not a valid value for { $arg }
cli-usage-missing = a required option is missing: { $arg }
cli-usage-conflict = { $arg } cannot be used with the other options given
cli-usage-other = the command line is not right{ $arg }{ $value }
cli-usage-help = see `sandpit --help` or `sandpit COMMAND --help`
cli-param-not-key-value = `{ $value }` is not KEY=VALUE (e.g. --param vpc_cidr=10.10.0.0/16)

## Lessons and notes
cli-lessons-builtin = Sandpit lessons
cli-lessons-my-notes = My notes
cli-lessons-none = No lessons.
cli-lessons-labs = labs: { $labs }
cli-lessons-no-match = No lesson matches.
cli-warning = warning:
cli-search-interrupted = The import of `{ $vault }` was interrupted: its notes are searched as they were last imported (not at all if never) until you import the folder again.
cli-notes-interrupted = (import interrupted: import it again)
cli-notes-none = No vault imported yet: `sandpit import-notes <DIR>` imports one.
cli-notes-count = { $notes ->
    [one] { $notes } note
   *[other] { $notes } notes
}
cli-notes-source-unknown = (source folder not recorded)
cli-notes-removed = Removed vault `{ $vault }` ({ $notes ->
    [one] { $notes } note
   *[other] { $notes } notes
}) from the library.
cli-notes-source-untouched = The original folder is untouched: { $path }
cli-import-done = Imported { $notes ->
    [one] { $notes } note
   *[other] { $notes } notes
} and { $images ->
    [one] { $images } image
   *[other] { $images } images
} from vault `{ $vault }` into { $path }
cli-import-replaced = The earlier import of `{ $vault }` was replaced.
cli-import-same-name = Another vault of that name is already imported ({ $others }): this one is kept beside it as `{ $vault }` (see `sandpit notes list`).
cli-import-unresolved = { $n ->
    [one] { $n } unresolved link:
   *[other] { $n } unresolved links:
}
cli-import-cut-short = { $n ->
    [one] 1 note is shown cut short:
   *[other] { $n } notes are shown cut short:
}
cli-import-skipped = { $n ->
    [one] { $n } file skipped:
   *[other] { $n } files skipped:
}
cli-import-ignored = { $n ->
    [one] { $n } other file (not Markdown or images) left out.
   *[other] { $n } other files (not Markdown or images) left out.
}
# sandpit reach
cli-reach-address = address
cli-reach-all-traffic = all traffic
cli-reach-allow = allow
cli-reach-cidr-block = CIDR block
cli-reach-deny = deny
cli-reach-fix = fix:
cli-reach-from = from
cli-reach-groups = groups
cli-reach-in = in
cli-reach-inactive = inactive
cli-reach-instance = instance
cli-reach-internet = internet
cli-reach-load-balancer = load balancer
cli-reach-network-interface = network interface
cli-reach-no-route = no route
cli-reach-not-reachable-blocked-at-hop = ✘ NOT REACHABLE — blocked at hop
cli-reach-out = out
cli-reach-overlapping-cidrs = ⚠ overlapping CIDRs:
cli-reach-rds-instance = RDS instance
cli-reach-reachable = ✔ REACHABLE
cli-reach-reply = reply
cli-reach-rule = rule
cli-reach-security-group = security group
cli-reach-subnet = subnet
cli-reach-to = to
cli-reach-traffic = traffic
cli-reach-why = why
cli-reach-not-a-port = `{ $value }` is not a port (1-65535), e.g. --port 3306
cli-reach-unknown-protocol = unknown protocol `{ $value }` (use tcp, udp, icmp or all)
