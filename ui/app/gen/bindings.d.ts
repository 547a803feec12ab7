// Generated from src-tauri/src/commands/list.rs and the Rust types it names (ts-rs): do not
// edit; `make bindings` regenerates it.

export type AppInfo = { 
/**
 * Sandpit's version.
 */
version: string, 
/**
 * The saved settings.
 */
settings: Settings, 
/**
 * The language in use.
 */
lang: Lang, 
/**
 * The endpoint in use (settings, `AWS_ENDPOINT_URL` or the practice sandbox): an emulator
 * when set.
 */
endpoint_url: string | null, 
/**
 * The data directory.
 */
data_dir: string, 
/**
 * The settings file.
 */
settings_file: string, 
/**
 * The lesson opened last.
 */
last_lesson: Named | null, 
/**
 * The lab opened or checked last.
 */
last_lab: Named | null, 
/**
 * Whether progress is being saved, as last known (`None` before the store was first
 * used; [`progress_status`] opens it).
 */
progress: StoreStatus | null, };

export type AwsChoices = { 
/**
 * The profiles of `~/.aws/config` and `~/.aws/credentials` (or `AWS_CONFIG_FILE`,
 * `AWS_SHARED_CREDENTIALS_FILE`), by name.
 */
profiles: Array<ProfileChoice>, 
/**
 * The regions, the bootcamp's first.
 */
regions: Array<RegionChoice>, };

export type Billable = "nat-gateway" | "elastic-ip" | "rds-instance" | "load-balancer" | "ec2-instance";

export type ClassCheckOptions = { 
/**
 * How many teams to check at once (empty: [`DEFAULT_CONCURRENCY`], the CLI's default).
 */
concurrency: string, 
/**
 * Lab parameters, name → value; an empty value keeps the lab's default.
 */
params: { [key in string]: string }, };

export type ClassExport = { 
/**
 * The file written (absolute).
 */
path: string, 
/**
 * `csv` or `json`.
 */
format: string, 
/**
 * Its size in bytes.
 */
bytes: number, };

export type ClassInfo = { 
/**
 * The roster loaded last (remembered between runs).
 */
roster_path: string | null, 
/**
 * That roster, when it still loads.
 */
roster: RosterView | null, 
/**
 * Why it does not, with its file:line.
 */
roster_error: UiError | null, 
/**
 * The last class check of this session.
 */
last: ClassMatrixView | null, 
/**
 * Teams checked at once unless told otherwise (the CLI's default).
 */
default_concurrency: number, 
/**
 * The most teams checked at once.
 */
max_concurrency: number, 
/**
 * Every lab's parameters, by lab id, in the lab's order.
 */
lab_params: { [key in string]: Array<ClassParam> }, };

export type ClassMatrixView = { 
/**
 * The lab id.
 */
lab: string, 
/**
 * The lab's title.
 */
lab_title: string, 
/**
 * The class's name.
 */
class: string, 
/**
 * The roster file.
 */
roster_path: string, 
/**
 * When the check started.
 */
checked_at: string, 
/**
 * The endpoint the teams were reached through when it is not AWS (an emulator).
 */
endpoint_url: string | null, 
/**
 * The columns.
 */
steps: Array<StepColumn>, 
/**
 * One row per team, in roster order.
 */
teams: Array<TeamRowView>, 
/**
 * Teams in the roster.
 */
total: number, 
/**
 * Teams that could be checked.
 */
checked: number, 
/**
 * Teams that passed the whole lab.
 */
passed: number, 
/**
 * Why the check could not be kept in the progress store, if it could not: the reason Home
 * shows after "progress is not being saved".
 */
store_error: string | null, 
/**
 * The lab parameters given for this check (the others had their defaults).
 */
params: Array<ParamSetting>, 
/**
 * How many teams were checked at once.
 */
concurrency: number, };

export type ClassParam = { 
/**
 * Its name (`--param NAME=…`).
 */
name: string, 
/**
 * Its type: `cidr`, `port`, `integer`, `number`, `domain` or `string`.
 */
kind: string, 
/**
 * Its default value.
 */
default: string, 
/**
 * What it means, in the reader's language.
 */
description: string, };

export type ClassProgress = { 
/**
 * Teams finished, this one included.
 */
done: number, 
/**
 * Teams in the roster.
 */
total: number, 
/**
 * The team that just finished.
 */
team: string, 
/**
 * Its status.
 */
status: LabStatus, };

export type Component = "security_group" | "network_acl" | "route_table" | "peering" | "internet_gateway" | "nat_gateway" | "transit_gateway";

export type CostItem = { 
/**
 * What it is.
 */
kind: Billable, 
/**
 * Its id (`nat-…`, `eipalloc-…`, the DB identifier, the load balancer's name, `i-…`).
 */
id: string, 
/**
 * Its type or class (`db.t3.micro`, `application`, …) or state, for people.
 */
detail: string, 
/**
 * Estimated USD per hour; `None` when the table has no price for it.
 */
hourly: number | null, 
/**
 * Estimated USD per month at that rate.
 */
monthly: number | null, 
/**
 * Since when it runs, where the API tells.
 */
running_since: string | null, 
/**
 * Hours it has been running, where the API tells.
 */
running_hours: number | null, 
/**
 * Estimated USD spent on it so far.
 */
spent_so_far: number | null, 
/**
 * What the estimate leaves out, or what else to know (LCU charges, the group that keeps an
 * instance running).
 */
note?: Localized | null, };

export type CostReport = { 
/**
 * The account.
 */
account: string | null, 
/**
 * The region that was read.
 */
region: string | null, 
/**
 * When the account was read.
 */
checked_at: string, 
/**
 * The date of the price table used.
 */
prices_as_of: string, 
/**
 * Whether the table has prices for this region.
 */
region_priced: boolean, 
/**
 * Billable resources, the most expensive first.
 */
items: Array<CostItem>, 
/**
 * Estimated USD per hour for everything listed.
 */
total_hourly: number, 
/**
 * Estimated USD per month at that rate.
 */
total_monthly: number, 
/**
 * Items the table has no price for (not in the totals).
 */
unpriced: number, 
/**
 * Resource types that could not be read: the meter cannot vouch for them.
 */
unreadable: Array<string>, 
/**
 * The commands that delete everything listed, dependencies first.
 */
teardown: Array<TeardownStep>, };

export type Difference = { 
/**
 * `missing`, `differs` or `extra`.
 */
mark: Mark, 
/**
 * What differs, for people.
 */
text: string, };

export type Direction = "outbound" | "inbound" | "return";

export type DiscoverView = { 
/**
 * The lab.
 */
lab: string, 
/**
 * The account the candidates were read from (`None`: a saved snapshot that does not
 * say); confirming keeps them for this account.
 */
account: string | null, 
/**
 * Every parameter of the lab, in the lab's order.
 */
candidates: Array<ParamCandidate>, 
/**
 * The `--param` line of what differs, for the CLI (empty when nothing does).
 */
param_line: string, 
/**
 * Parameters that say where to look but had nothing in the account.
 */
missing: Array<string>, };

export type Endpoint = { 
/**
 * What was written.
 */
input: string, 
/**
 * What it is.
 */
kind: EndpointKind, 
/**
 * Its id (`i-…`, `eni-…`, the DB identifier, the load balancer's ARN, `sg-…`, `subnet-…`).
 */
id: string | null, 
/**
 * Its name (`Name` tag, group name, load balancer name).
 */
name: string | null, 
/**
 * Its VPC.
 */
vpc: string | null, 
/**
 * The subnets it may be in.
 */
subnets: Array<string>, 
/**
 * The addresses it may use, as CIDR blocks.
 */
addresses: Array<string>, 
/**
 * Its security groups (none known for a subnet, address or CIDR block).
 */
security_groups: Array<string>, 
/**
 * Its public address, or how it gets one.
 */
public_ip: string | null, };

export type EndpointChoice = { 
/**
 * What to pass as `--from` / `--to`.
 */
value: string, 
/**
 * What it is.
 */
kind: EndpointKind, 
/**
 * How to show it: `i-… (was-1)`, `sg-… (db-sg) · vpc-…`.
 */
label: string, 
/**
 * The subnets it may be placed in with `--from-subnet` / `--to-subnet` (a security
 * group: its VPC's; a database or load balancer: its own), empty when there is no choice.
 */
subnets: Array<string>, };

export type EndpointKind = "instance" | "network_interface" | "rds_instance" | "load_balancer" | "security_group" | "subnet" | "address" | "cidr" | "internet";

export type FindingStatus = "pass" | "fail" | "error" | "info";

export type GuardState = "guarded" | "unguarded" | "over-limit";

export type GuardStatus = { 
/**
 * `guarded`, `unguarded` or `over-limit`.
 */
status: GuardState, 
/**
 * The budget's name.
 */
name: string | null, 
/**
 * Its monthly limit.
 */
limit: number | null, 
/**
 * The limit's unit.
 */
unit: string | null, 
/**
 * Spend so far this month (AWS reports it hours late).
 */
actual: number | null, 
/**
 * Forecast spend for the month.
 */
forecast: number | null, 
/**
 * Its alerts, e.g. `ACTUAL GREATER_THAN 80%`.
 */
notifications: Array<string>, };

export type Hit = { 
/**
 * The lesson id.
 */
id: string, 
/**
 * The lesson title.
 */
title: string, 
/**
 * Higher is better: the BM25 relevance × 1000.
 */
score: number, 
/**
 * A piece of the text around the first match, HTML-escaped, matches in `<mark>`.
 */
snippet_html: string, 
/**
 * The same piece as plain text, matches delimited by `«` and `»`.
 */
snippet_text: string, };

export type LabDetail = { 
/**
 * The lab.
 */
lab: LabView, 
/**
 * Its last check in this session, if any.
 */
last: ReportView | null, 
/**
 * What the header and each step show now (before a check: from what Home knows of the
 * budget guard).
 */
runner: RunnerState, 
/**
 * Whether the budget guard is unknown yet: the window asks `budget_status` and opens the
 * lab again to show the locks.
 */
guard_unknown: boolean, 
/**
 * The account whose confirmed parameters are in use (its last check's, else the one the
 * connection answered as last; `None` before the first read).
 */
account: string | null, 
/**
 * The parameters the learner confirmed for this lab in that account.
 */
confirmed: Array<ParamInUse>, };

export type LabListItem = { 
/**
 * Its last check, if any.
 */
progress: LabProgress | null, 
/**
 * The lab id.
 */
id: string, 
/**
 * Its title.
 */
title: string, 
/**
 * What the learner builds (HTML).
 */
summary_html: string, 
/**
 * Whether building it costs money (and is gated by the budget guard).
 */
billable: boolean, 
/**
 * How many steps it has (the preflight step included).
 */
steps: number, };

export type LabProgress = { 
/**
 * The overall status of the last full or partial check.
 */
status: LabStatus, 
/**
 * When.
 */
checked_at: string, 
/**
 * Steps passing in that check.
 */
passed: number, 
/**
 * Steps in the lab.
 */
total: number, };

export type LabStatus = "pass" | "fail" | "blocked" | "error" | "partial";

export type LabView = { 
/**
 * The lab id.
 */
id: string, 
/**
 * Its title.
 */
title: string, 
/**
 * What the learner builds (HTML).
 */
summary_html: string, 
/**
 * How to tear it down (HTML).
 */
cleanup_html: string | null, 
/**
 * Whether it is billable (and gated by the budget guard).
 */
billable: boolean, 
/**
 * Lessons to read first, with their titles.
 */
lessons: Array<PageLink>, 
/**
 * Its parameters with the values in use.
 */
params: Array<ParamView>, 
/**
 * Its steps, the preflight step first for a billable lab.
 */
steps: Array<StepView>, };

export type Lang = "ko" | "en";

export type LessonEntry = { 
/**
 * Its id.
 */
id: string, 
/**
 * Its title.
 */
title: string, 
/**
 * Whether it was opened before.
 */
opened: boolean, };

export type LessonView = { 
/**
 * Its id.
 */
id: string, 
/**
 * Its title.
 */
title: string, 
/**
 * The page from the lesson template (`ui/templates/lesson.html`), body only: table of
 * contents, article, labs and related lessons. Sanitised by `sandpit-lessons`.
 */
html: string, };

export type Localized = { 
/**
 * Korean text.
 */
ko: string, 
/**
 * English text.
 */
en: string, };

export type LockReason = "no-guard" | "over-limit" | "not-connected";

export type Mark = "same" | "missing" | "differs" | "extra";

export type Named = { 
/**
 * The id.
 */
id: string, 
/**
 * The title in the reader's language (the id when it no longer exists).
 */
title: string, };

export type Overlap = { 
/**
 * One VPC.
 */
vpc_a: string, 
/**
 * Its overlapping block.
 */
cidr_a: string, 
/**
 * The other VPC.
 */
vpc_b: string, 
/**
 * Its overlapping block.
 */
cidr_b: string, };

export type PageLink = { 
/**
 * The lesson id.
 */
id: string, 
/**
 * Its title.
 */
title: string, 
/**
 * `sandpit://lesson/<id>`.
 */
href: string, };

export type ParamCandidate = { 
/**
 * The parameter (`vpc_cidr`).
 */
name: string, 
/**
 * What it means, in the reader's language.
 */
description: string, 
/**
 * The value checks use now (the default, or what the learner confirmed).
 */
current: string, 
/**
 * The lab's default.
 */
default: string, 
/**
 * What the account holds for it, when something was found.
 */
found: string | null, 
/**
 * The resource it was read from (`vpc-…`, `sg-…`).
 */
resource: string | null, 
/**
 * That resource's `Name` tag, when it has one: what the learner called it.
 */
name_tag: string | null, 
/**
 * That resource's CIDR block, when it is a VPC or subnet.
 */
cidr: string | null, 
/**
 * Why that resource plays the role, in the reader's language.
 */
why: string | null, 
/**
 * Whether the found value differs from the current one (worth asking about).
 */
differs: boolean, };

export type ParamInUse = { 
/**
 * The parameter.
 */
name: string, 
/**
 * The value checks use.
 */
value: string, 
/**
 * The lab's default.
 */
default: string, 
/**
 * What it means, in the reader's language.
 */
description: string, };

export type ParamSetting = { 
/**
 * The parameter's name.
 */
name: string, 
/**
 * Its value, as the lab reads it.
 */
value: string, };

export type ParamView = { 
/**
 * The parameter name.
 */
name: string, 
/**
 * Its value.
 */
value: string, 
/**
 * What it is.
 */
description: string, };

export type PathNode = { "kind": "subnet", "id": string } | { "kind": "internet_gateway", "id": string } | { "kind": "nat_gateway", "id": string } | { "kind": "peering", "id": string } | { "kind": "internet" };

export type PathOverlay = { 
/**
 * The stops, in the order the traffic meets them.
 */
stops: Array<PathStop>, 
/**
 * Whether the path is open both ways.
 */
reachable: boolean, 
/**
 * The first line under the picture: open, or where it is blocked.
 */
headline: string, 
/**
 * The deciding rule of the blocking hop.
 */
rule: string | null, 
/**
 * The fix (blocked) or where to look beyond the network (open).
 */
note: string, };

export type PathStop = { 
/**
 * Where.
 */
node: PathNode, 
/**
 * The hops (their `n`) that happen here.
 */
hops: Array<number>, 
/**
 * Whether every hop here lets the traffic through.
 */
ok: boolean, 
/**
 * What happens here, for a tooltip.
 */
label: string, };

export type PathSummary = { 
/**
 * The source's subnet (none for the internet).
 */
from_subnet: string | null, 
/**
 * The destination's subnet.
 */
to_subnet: string | null, 
/**
 * Whether this pair gets through.
 */
reachable: boolean, 
/**
 * The hop that blocks it.
 */
blocked_at: number | null, };

export type PracticeProgress = { 
/**
 * `venv`, `install`, `fetched` or `start`.
 */
stage: string, 
/**
 * What is happening, for people.
 */
text: string, 
/**
 * Packages fetched so far (while installing).
 */
fetched: number, };

export type PracticeView = { 
/**
 * Whether it runs.
 */
running: boolean, 
/**
 * Its endpoint (`http://127.0.0.1:PORT`).
 */
endpoint: string | null, 
/**
 * The lines to paste into a terminal so that the AWS CLI (the sandbox's own, first on
 * `PATH`) talks to it.
 */
commands: string | null, 
/**
 * Whether this app started it (and stops it when the app ends).
 */
started_here: boolean, };

export type ProfileChoice = { 
/**
 * Its name.
 */
name: string, 
/**
 * The region it sets, if any.
 */
region: string | null, 
/**
 * How it gets credentials: `keys`, `sso`, `role`, `process` or `other`.
 */
source: string, };

export type Protocol = "tcp" | "udp" | "icmp" | "all";

export type Question = { 
/**
 * The source: an instance, network interface, RDS instance or load balancer, a security
 * group (with `from_subnet` when its VPC has several subnets), a subnet, an IPv4 address or
 * CIDR block, a `Name` tag value, or `internet`.
 */
from: string, 
/**
 * The destination, in the same forms.
 */
to: string, 
/**
 * Where a security-group source sits (a subnet id, `Name` tag or CIDR block); also narrows
 * a database or load balancer to one of its subnets.
 */
from_subnet: string | null, 
/**
 * The same for the destination.
 */
to_subnet: string | null, 
/**
 * The protocol.
 */
protocol: Protocol, 
/**
 * The destination port (TCP and UDP).
 */
port: number | null, };

export type ReachView = { 
/**
 * The answer in the reader's language (the `sandpit reach --json` shape).
 */
answer: RenderedAnswer, 
/**
 * What the picture draws over the account: the stops, the headline, the rule and the note.
 */
overlay: PathOverlay, 
/**
 * The account's topology picture with the path drawn over it (SVG).
 */
svg: string, 
/**
 * When the lab's last check read the account; none when nothing was checked yet.
 */
checked_at: string | null, 
/**
 * The kinds read from the account for this question (the last check had not read them).
 */
read_now: Array<string>, };

export type RegionChoice = { 
/**
 * Its code (`ap-northeast-2`).
 */
code: string, 
/**
 * Its name in the reader's language (`아시아 태평양(서울)`).
 */
name: string, };

export type RenderedAnswer = { 
/**
 * The source, resolved.
 */
from: Endpoint, 
/**
 * The destination, resolved.
 */
to: Endpoint, 
/**
 * `tcp`, `udp`, `icmp` or `all`.
 */
protocol: Protocol, 
/**
 * The port (null for ICMP and all traffic).
 */
port: number | null, 
/**
 * Whether the path is open both ways.
 */
reachable: boolean, 
/**
 * The hops.
 */
hops: Array<RenderedHop>, 
/**
 * The first hop that blocks (its `n`), null when reachable.
 */
blocked_at: number | null, 
/**
 * The change that opens it, null when reachable.
 */
fix: string | null, 
/**
 * Where to look beyond the network.
 */
beyond_network: string, 
/**
 * VPCs on the path whose CIDR blocks overlap.
 */
overlaps: Array<Overlap>, 
/**
 * Every pair of placements walked.
 */
paths: Array<PathSummary>, };

export type RenderedFinding = { 
/**
 * `pass`, `fail`, `error` or `info`.
 */
status: FindingStatus, 
/**
 * The message.
 */
message: string, 
/**
 * The resource id.
 */
resource: string | null, 
/**
 * What was expected.
 */
expected: string | null, 
/**
 * What was found.
 */
found: string | null, 
/**
 * What to do.
 */
hint: string | null, };

export type RenderedHop = { 
/**
 * Its position, from 1.
 */
n: number, 
/**
 * What it is.
 */
component: Component, 
/**
 * The resource.
 */
resource: string, 
/**
 * Which way.
 */
direction: Direction, 
/**
 * What it did.
 */
verdict: Verdict, 
/**
 * The rule or route that decided.
 */
rule: string, 
/**
 * What happened.
 */
detail: string, 
/**
 * The change that would let it through (when it does not pass).
 */
fix: string | null, 
/**
 * Where it happens.
 */
subnet: string | null, 
/**
 * Groups that would let it through (endpoints without groups).
 */
would_admit: Array<string>, };

export type RenderedReport = { 
/**
 * The lab id.
 */
lab: string, 
/**
 * The account id.
 */
account: string | null, 
/**
 * The region.
 */
region: string | null, 
/**
 * When the check ran.
 */
checked_at: string, 
/**
 * `pass`, `fail`, `blocked`, `error`, or `partial` (only some steps asked for, and they pass).
 */
status: LabStatus, 
/**
 * The steps.
 */
steps: Array<RenderedStep>, 
/**
 * Counts.
 */
summary: Summary, 
/**
 * `steps` when only some steps were asked for; absent for a whole-lab check.
 */
scope?: Scope | null, 
/**
 * The steps that were asked for, with `scope`.
 */
checked_steps?: Array<string> | null, 
/**
 * `--discover`: every parameter read off the account, `name → value`.
 */
discovered?: { [key in string]: string } | null, 
/**
 * Without `--discover`: the `--param` line that describes the learner's build, when the
 * parameters used fail steps it passes.
 */
suggested?: Suggestion | null, };

export type RenderedStep = { 
/**
 * The step id.
 */
id: string, 
/**
 * The title.
 */
title: string, 
/**
 * `pass`, `fail`, `error`, `blocked` or `skipped`.
 */
status: StepStatus, 
/**
 * The findings.
 */
findings: Array<RenderedFinding>, };

export type ReportView = { 
/**
 * The report in the reader's language (the `check --json` shape).
 */
report: RenderedReport, 
/**
 * What the header and each step show (statuses, locks, the budget form).
 */
runner: RunnerState, 
/**
 * The endpoint checked when it is not AWS (an emulator).
 */
endpoint_url: string | null, 
/**
 * The account it read (`None`: a saved snapshot that does not say).
 */
account: string | null, 
/**
 * The parameters the learner confirmed that it used (the header shows them).
 */
confirmed: Array<ParamInUse>, 
/**
 * "Is this yours?": when the check fails steps that the account's own layout passes, the
 * account's candidates for each parameter.
 */
discovery: DiscoverView | null, };

export type RosterTeam = { 
/**
 * The team's name.
 */
name: string, 
/**
 * Its members.
 */
members: Array<string>, 
/**
 * Its account id.
 */
account: string, 
/**
 * The region checked for it.
 */
region: string, };

export type RosterView = { 
/**
 * The file, as typed (with `~` expanded).
 */
path: string, 
/**
 * The class's name.
 */
class: string, 
/**
 * The class's region.
 */
region: string, 
/**
 * The teams, in file order.
 */
teams: Array<RosterTeam>, };

export type RunnerState = { 
/**
 * The lab's verdict (the header); `None` before the first check.
 */
status: LabStatus | null, 
/**
 * Every step of the lab view, in order.
 */
steps: Array<StepState>, };

export type Scope = "steps";

export type Settings = { 
/**
 * AWS profile (empty: the standard credential chain).
 */
profile: string, 
/**
 * AWS region (empty: from the profile or `AWS_REGION`).
 */
region: string, 
/**
 * Endpoint URL, e.g. a local emulator (empty: AWS itself).
 */
endpoint_url: string, 
/**
 * Interface and content language.
 */
lang: Lang | null, 
/**
 * Progress database (empty: SQLite in the data directory).
 */
database_url: string, };

export type StepCell = { 
/**
 * The step id.
 */
id: string, 
/**
 * Its status for this team (`error` for every step of a team that could not be checked).
 */
status: StepStatus, };

export type StepColumn = { 
/**
 * The step's number, the same in the matrix, its legend and a team's findings.
 */
number: number, 
/**
 * The step id.
 */
id: string, 
/**
 * Its title in the reader's language.
 */
title: string, };

export type StepState = { 
/**
 * The step id.
 */
id: string, 
/**
 * Its verdict; `None` before any check of it.
 */
status: StepStatus | null, 
/**
 * Why it is locked (its Check disabled); `None` when it is not.
 */
locked: LockReason | null, 
/**
 * Whether the step offers the form that creates the budget guard.
 */
budget_form: boolean, };

export type StepStatus = "pass" | "fail" | "error" | "blocked" | "skipped";

export type StepView = { 
/**
 * The step id (what `--step` takes).
 */
id: string, 
/**
 * Its title.
 */
title: string, 
/**
 * How to do it in the AWS console (HTML, parameters filled in).
 */
console_html: string, 
/**
 * The AWS CLI equivalent (shell, parameters filled in).
 */
cli: string, 
/**
 * Why it matters (HTML).
 */
why_html: string, 
/**
 * Hints, to reveal one at a time.
 */
hints: Array<string>, 
/**
 * Lessons that teach it, with their titles (ids the library lacks are left out).
 */
lessons: Array<PageLink>, 
/**
 * The budget-guard preflight step of a billable lab.
 */
preflight: boolean, 
/**
 * The "why doesn't this work?" path question the step links to, parameters filled in
 * (what `sandpit reach` would be asked).
 */
reach: Question | null, };

export type StoreStatus = { 
/**
 * Whether checks, lessons opened and quiz answers are being saved.
 */
saving: boolean, 
/**
 * The database in use (the SQLite file, or the URL with its password hidden), once open.
 */
database: string | null, 
/**
 * Why progress is not being saved: the store could not be opened, or the last write failed.
 */
error: string | null, };

export type Suggestion = { 
/**
 * `param → value` that differ from the parameters used.
 */
params: { [key in string]: string }, 
/**
 * `--param a=b --param c=d`.
 */
param_line: string, 
/**
 * `sandpit check LAB --param …`.
 */
command: string, 
/**
 * The steps that fail now and pass with these parameters.
 */
steps: Array<string>, };

export type Summary = { 
/**
 * Steps that pass.
 */
passed: number, 
/**
 * Steps that fail.
 */
failed: number, 
/**
 * Steps that could not be judged.
 */
errors: number, 
/**
 * Steps blocked by a precondition.
 */
blocked: number, 
/**
 * Steps not asked for.
 */
skipped: number, };

export type TeamDetailView = { 
/**
 * The lab id.
 */
lab: string, 
/**
 * The team's name.
 */
team: string, 
/**
 * Its members.
 */
members: Array<string>, 
/**
 * Its account id.
 */
account: string, 
/**
 * The region checked.
 */
region: string, 
/**
 * The lab's status for the team.
 */
status: LabStatus, 
/**
 * When the class check started.
 */
checked_at: string, 
/**
 * The team's report in the reader's language (steps with findings and resource ids).
 */
report: RenderedReport | null, 
/**
 * Why the team could not be checked.
 */
error: TeamError | null, 
/**
 * The same, said for the window (see [`TeamRowView::error_said`]).
 */
error_said: UiError | null, 
/**
 * The matrix's columns: a step's number here is its number in the matrix.
 */
columns: Array<StepColumn>, 
/**
 * The lab's target architecture (SVG).
 */
target_svg: string, 
/**
 * The team's account as read by this check (SVG), differences highlighted.
 */
actual_svg: string, 
/**
 * The differences in words.
 */
differences: Array<Difference>, };

export type TeamError = { 
/**
 * One word: `access-denied`, `throttled`, `unreachable`, `credentials`, `account-mismatch`,
 * `unreadable`, `region-disabled`, `failed`.
 */
reason: string, 
/**
 * What happened, and what to do.
 */
message: string, };

export type TeamRowView = { 
/**
 * The team's name.
 */
team: string, 
/**
 * Its account id.
 */
account: string, 
/**
 * The region checked.
 */
region: string, 
/**
 * The lab's status for the team; `error` when it could not be checked.
 */
status: LabStatus, 
/**
 * The cells, in the lab's step order.
 */
steps: Array<StepCell>, 
/**
 * Steps passed.
 */
passed: number, 
/**
 * Why the team could not be checked.
 */
error: TeamError | null, 
/**
 * The same, said for the window: a short sentence in the reader's language, the library's
 * own words as its details.
 */
error_said: UiError | null, 
/**
 * Why the team's lab is blocked (its budget preflight's finding), when it is.
 */
blocked_reason: string | null, };

export type TeardownStep = { 
/**
 * What it deletes or waits for.
 */
resource: string, 
/**
 * The AWS CLI command, as words (run it without a shell).
 */
argv: Array<string>, 
/**
 * The same command as one line to paste into a terminal.
 */
command: string, 
/**
 * Why it comes here, or a choice to make.
 */
note: Localized | null, };

export type TopicGroup = { 
/**
 * The topic id (`networking`, …; `notes` for imported notes).
 */
topic: string, 
/**
 * Its lessons, in library order.
 */
lessons: Array<LessonEntry>, };

export type TopologyView = { 
/**
 * The lab compared with.
 */
lab: string, 
/**
 * The target architecture (SVG), what the account lacks highlighted.
 */
target_svg: string, 
/**
 * The account as last read (SVG), differences highlighted.
 */
actual_svg: string, 
/**
 * The differences in words.
 */
differences: Array<Difference>, 
/**
 * When the snapshot was read; none before the first check.
 */
checked_at: string | null, };

export type UiError = { 
/**
 * `input` (bad input or configuration) or `aws` (AWS unreachable, credentials).
 */
kind: string, 
/**
 * The catalogue id of the headline (`error-no-region`, …): what kind of problem it is.
 */
code: string, 
/**
 * The short sentence the window shows, in the reader's language; filled in by
 * [`UiError::in_lang`] before the error leaves a command.
 */
headline: string, 
/**
 * The details: the full message of the library that failed (file and line, AWS's words).
 */
message: string, 
/**
 * The form field at fault, when there is one.
 */
field: string | null, };

export type Verdict = "allow" | "deny" | "no_route" | "inactive";

export type WhoamiView = { 
/**
 * The account id.
 */
account: string, 
/**
 * The caller's ARN.
 */
arn: string, 
/**
 * The region checked.
 */
region: string, 
/**
 * The endpoint override (an emulator), if any.
 */
endpoint_url: string | null, };
