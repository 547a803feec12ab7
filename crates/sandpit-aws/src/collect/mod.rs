//! Read-only collectors: one call per resource type (plus pagination), all concurrently.
//!
//! One module per AWS service (`ec2`, `elbv2`, `kms`, `rds`, `route53`, `budgets`,
//! `autoscaling`, `sns`, `events`, `cloudwatch`, `iam`), each
//! implementing [`Collect`] for the snapshot items of its resource kinds. The dispatch that runs
//! every wanted kind at once is generated from sandpit-core's kind table
//! ([`sandpit_core::with_resource_kinds!`]), so a kind whose item has no collector does not
//! compile. What every collector shares stays here: paginating, recording which IAM action was
//! denied, retrying, and asking a list's dependent questions early.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use sandpit_core::snapshot::*;

use futures::FutureExt as _;
use futures::channel::oneshot;
use futures::future::{BoxFuture, Shared};

use crate::connect::Aws;
use crate::error::{AwsError, Classified, classify};
use crate::warm::Hints;

mod autoscaling;
pub(crate) mod budgets;
mod cloudwatch;
mod ec2;
mod elbv2;
mod events;
mod iam;
mod kms;
mod rds;
pub(crate) mod route53;
mod sns;

/// What one collector produced: the items, a per-type failure, or a failure of the whole run.
type Outcome<T> = Result<Collected<T>, AwsError>;

/// The account id that account-wide APIs (Budgets) need: already known, or still on its way
/// from STS while the other collectors run. `None` when STS could not tell (that failure is
/// reported by whoever asked STS).
pub(crate) type Account = Shared<BoxFuture<'static, Option<String>>>;

/// An account id known up front.
pub(crate) fn known_account(account: &str) -> Account {
    futures::future::ready(Some(account.to_owned())).boxed().shared()
}

/// How to read every item of one resource kind. Implemented once per snapshot item type, in
/// the module of its service.
pub(crate) trait Collect: Sized {
    /// Every item of this kind in the region (or account, for global services).
    fn collect(c: &Collector<'_>) -> impl Future<Output = Result<Vec<Self>, Failure>> + Send;

    /// What a read of these items keeps for the next read of the same account, so that a
    /// collector with a detail call per listed item asks those calls next to its list
    /// ([`Hints`]; read back with [`Hints::get`] or [`Hints::ids`]). Kinds read in one round
    /// keep nothing (the default); a list-then-describe kind keeps the ids its detail calls
    /// take ([`crate::warm::ids`]).
    fn hint(_items: &[Self]) -> Option<serde_json::Value> {
        None
    }
}

/// Generates [`collect_kinds`]: every kind of the table, run at once when wanted.
macro_rules! collect_kinds {
    ($(
        $(#[$doc:meta])*
        $kind:ident { field: $field:ident, item: $item:ty, $($rest:tt)* }
    ),+ $(,)?) => {
        /// Reads `kinds` into a snapshot, every collector at once.
        async fn collect_kinds(c: &Collector<'_>, kinds: &BTreeSet<ResourceKind>) -> Result<Snapshot, AwsError> {
            // Each collector's future lives on the heap: inline, a score of SDK futures is more
            // than a tokio worker thread's stack (2 MiB) holds, and the desktop app checks on
            // one (its WebDriver test aborted with a stack overflow before they were boxed).
            let ($($field,)+) = tokio::join!(
                $( Box::pin(c.run(kinds.contains(&ResourceKind::$kind), ResourceKind::$kind, <$item as Collect>::collect(c))), )+
            );
            Ok(Snapshot {
                account: None,
                region: Some(c.region.to_owned()),
                collected_at: Some(Utc::now()),
                $( $field: $field?, )+
            })
        }
    };
}

sandpit_core::with_resource_kinds!(collect_kinds);

/// Generates [`hints_of`]: what each kind of the table keeps for the next read.
macro_rules! hints_of_kinds {
    ($(
        $(#[$doc:meta])*
        $kind:ident { field: $field:ident, item: $item:ty, $($rest:tt)* }
    ),+ $(,)?) => {
        /// What `snapshot` leaves for the next read, per kind: only kinds that were read and
        /// whose collector keeps something ([`Collect::hint`]).
        pub(crate) fn hints_of(snapshot: &Snapshot) -> Vec<(ResourceKind, serde_json::Value)> {
            let mut hints = Vec::new();
            $(
                if let Some(hint) = snapshot.$field.items().and_then(<$item as Collect>::hint) {
                    hints.push((ResourceKind::$kind, hint));
                }
            )+
            hints
        }
    };
}

sandpit_core::with_resource_kinds!(hints_of_kinds);

/// Reads `kinds` into a snapshot, every collector at once. `hints` (what the last read of this
/// account saw) let list-then-describe collectors ask their second questions in the first round.
pub(crate) async fn collect(
    aws: &Aws,
    kinds: &BTreeSet<ResourceKind>,
    scope: &ReadScope,
    account: Account,
    hints: &Hints,
) -> Result<Snapshot, AwsError> {
    let ec2 = aws_sdk_ec2::Client::new(aws.sdk_config());
    let route53 = aws_sdk_route53::Client::new(aws.sdk_config());
    let kms = aws_sdk_kms::Client::new(aws.sdk_config());
    let rds = aws_sdk_rds::Client::new(aws.sdk_config());
    let budgets = aws_sdk_budgets::Client::new(aws.sdk_config());
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(aws.sdk_config());
    let autoscaling = aws_sdk_autoscaling::Client::new(aws.sdk_config());
    let sns = aws_sdk_sns::Client::new(aws.sdk_config());
    let events = aws_sdk_eventbridge::Client::new(aws.sdk_config());
    let cloudwatch = aws_sdk_cloudwatch::Client::new(aws.sdk_config());
    let iam = aws_sdk_iam::Client::new(aws.sdk_config());
    // Subscribers are optional detail: an endpoint without the call (emulators) must not cost a
    // round of retries with back-off per notification.
    let budgets_single_try = aws_sdk_budgets::Client::from_conf(
        aws_sdk_budgets::config::Builder::from(aws.sdk_config())
            .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(1))
            .build(),
    );
    // The same for Auto Scaling's notification configurations (moto answers them with HTTP 500).
    let autoscaling_single_try = aws_sdk_autoscaling::Client::from_conf(
        aws_sdk_autoscaling::config::Builder::from(aws.sdk_config())
            .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(1))
            .build(),
    );
    let c = Collector {
        ec2: &ec2,
        route53: &route53,
        kms: &kms,
        rds: &rds,
        budgets: &budgets,
        budgets_single_try: &budgets_single_try,
        elb: &elb,
        autoscaling: &autoscaling,
        autoscaling_single_try: &autoscaling_single_try,
        sns: &sns,
        events: &events,
        cloudwatch: &cloudwatch,
        iam: &iam,
        account,
        hints,
        prefix_refs: PrefixListRefs::new(kinds),
        scope,
        endpoint: aws.endpoint(),
        region: aws.region(),
    };
    collect_kinds(&c, kinds).await
}

/// Every item of a paginated request, as the SDK's result.
macro_rules! raw_items {
    ($request:expr) => {
        $request.into_paginator().items().send().collect::<Result<Vec<_>, _>>().await
    };
}

/// Every item of a paginated request, or its failure recorded under the IAM `action` called.
macro_rules! all_items {
    ($collector:expr, $action:expr, $request:expr) => {
        $crate::collect::raw_items!($request).map_err(|e| $collector.fail($action, e))
    };
}

/// Every page of a paginated request whose pages hold several lists (no `items()`), or its
/// failure recorded under the IAM `action` called.
macro_rules! all_pages {
    ($collector:expr, $action:expr, $request:expr) => {
        $request
            .into_paginator()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
            .map_err(|e| $collector.fail($action, e))
    };
}

pub(crate) use {all_items, all_pages, raw_items};

/// Some APIs (Budgets) answer NotFound where others return an empty list.
#[expect(clippy::result_large_err, reason = "passes the SDK's own result through, unboxed as it came")]
pub(crate) fn empty_if_not_found<T, E>(result: Result<Vec<T>, SdkError<E>>) -> Result<Vec<T>, SdkError<E>>
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata,
{
    match result {
        Err(SdkError::ServiceError(ref s)) if s.err().code() == Some("NotFoundException") => Ok(Vec::new()),
        other => other,
    }
}

/// The clients and what the collectors share during one read.
pub(crate) struct Collector<'a> {
    pub(crate) ec2: &'a aws_sdk_ec2::Client,
    pub(crate) route53: &'a aws_sdk_route53::Client,
    pub(crate) kms: &'a aws_sdk_kms::Client,
    pub(crate) rds: &'a aws_sdk_rds::Client,
    pub(crate) budgets: &'a aws_sdk_budgets::Client,
    pub(crate) budgets_single_try: &'a aws_sdk_budgets::Client,
    pub(crate) elb: &'a aws_sdk_elasticloadbalancingv2::Client,
    pub(crate) autoscaling: &'a aws_sdk_autoscaling::Client,
    pub(crate) autoscaling_single_try: &'a aws_sdk_autoscaling::Client,
    pub(crate) sns: &'a aws_sdk_sns::Client,
    pub(crate) events: &'a aws_sdk_eventbridge::Client,
    pub(crate) cloudwatch: &'a aws_sdk_cloudwatch::Client,
    pub(crate) iam: &'a aws_sdk_iam::Client,
    pub(crate) account: Account,
    pub(crate) hints: &'a Hints,
    /// The prefix lists the security groups and route tables of this read name.
    pub(crate) prefix_refs: PrefixListRefs,
    pub(crate) scope: &'a ReadScope,
    pub(crate) endpoint: &'a str,
    pub(crate) region: &'a str,
}

/// Which managed prefix lists the security groups' rules and the route tables' routes of one
/// read name, published by those collectors as they finish. A region holds dozens of lists that
/// AWS keeps (one per service endpoint, CloudFront's origin ranges, …) and no rule names, and
/// each list's entries cost one call: the prefix-list collector waits for these (they answer in
/// the same round as its own list) and reads the entries of the named lists only.
pub(crate) struct PrefixListRefs {
    security_groups: Published,
    route_tables: Published,
}

impl PrefixListRefs {
    fn new(kinds: &BTreeSet<ResourceKind>) -> Self {
        Self {
            security_groups: Published::new(kinds.contains(&ResourceKind::SecurityGroups)),
            route_tables: Published::new(kinds.contains(&ResourceKind::RouteTables)),
        }
    }

    /// The security-group collector's part: the lists its rules name (`None`: unreadable).
    /// Called on every path out of that collector, or the prefix-list collector waits forever.
    pub(crate) fn security_groups(&self, groups: Option<&[SecurityGroup]>) {
        self.security_groups.publish(groups.map(|groups| {
            groups
                .iter()
                .flat_map(|g| g.ingress.iter().chain(&g.egress))
                .filter_map(|r| match &r.source {
                    RuleSource::PrefixList(id) => Some(id.clone()),
                    _ => None,
                })
                .collect()
        }));
    }

    /// The route-table collector's part: the lists its routes go to (`None`: unreadable).
    pub(crate) fn route_tables(&self, tables: Option<&[RouteTable]>) {
        self.route_tables.publish(tables.map(|tables| {
            tables
                .iter()
                .flat_map(|t| &t.routes)
                .filter(|r| r.destination.starts_with("pl-"))
                .map(|r| r.destination.clone())
                .collect()
        }));
    }

    /// The lists named, once both collectors have answered; `None` when neither kind was read
    /// (a read of prefix lists alone): then nothing says which lists matter, and every list's
    /// entries are read.
    pub(crate) async fn named(&self) -> Option<BTreeSet<String>> {
        let (groups, routes) = tokio::join!(self.security_groups.get(), self.route_tables.get());
        match (groups, routes) {
            (None, None) => None,
            (groups, routes) => Some(groups.into_iter().chain(routes).flatten().collect()),
        }
    }
}

/// A value one collector gives another during the same read.
struct Published {
    tx: Mutex<Option<oneshot::Sender<Option<BTreeSet<String>>>>>,
    rx: Shared<oneshot::Receiver<Option<BTreeSet<String>>>>,
}

impl Published {
    /// `wanted`: whether the collector that publishes it runs in this read (if not, there is
    /// nothing to wait for).
    fn new(wanted: bool) -> Self {
        let (tx, rx) = oneshot::channel();
        let published = Self { tx: Mutex::new(Some(tx)), rx: rx.shared() };
        if !wanted {
            published.publish(None);
        }
        published
    }

    fn publish(&self, value: Option<BTreeSet<String>>) {
        if let Some(tx) = self.tx.lock().expect("published lock").take() {
            // Nobody waiting (no prefix-list collector in this read) is fine.
            let _ = tx.send(value);
        }
    }

    async fn get(&self) -> Option<BTreeSet<String>> {
        self.rx.clone().await.ok().flatten()
    }
}

/// An SDK error from one collector: the IAM action of the call that failed, and what it means.
pub(crate) struct Failure {
    pub(crate) action: &'static str,
    pub(crate) classified: Classified,
}

impl Failure {
    /// What a failed detail call about one resource leaves on that resource: why it could not be
    /// read. A failure that ends the whole read (credentials, an unreachable endpoint) stays one.
    pub(crate) fn unreadable(self, managed_policy: &str) -> Result<CollectError, Failure> {
        match self.classified {
            Classified::Fatal(_) => Err(self),
            Classified::Denied(message) => Ok(CollectError::Denied {
                action: self.action.to_owned(),
                managed_policy: managed_policy.to_owned(),
                message,
            }),
            Classified::Failed(message) => {
                Ok(CollectError::Failed { action: self.action.to_owned(), message })
            }
        }
    }
}

impl Collector<'_> {
    pub(crate) fn fail<E>(&self, action: &'static str, err: SdkError<E>) -> Failure
    where
        E: aws_smithy_types::error::metadata::ProvideErrorMetadata
            + std::error::Error
            + Send
            + Sync
            + 'static,
    {
        Failure { action, classified: classify(&err, action, self.endpoint) }
    }

    /// Runs a collector if the lab needs it, turning its failure into the snapshot's record of
    /// it — or into an error for the whole run when nothing could work.
    async fn run<T>(
        &self,
        wanted: bool,
        kind: ResourceKind,
        fut: impl Future<Output = Result<Vec<T>, Failure>>,
    ) -> Outcome<T> {
        if !wanted {
            return Ok(Collected::NotCollected);
        }
        match fut.await {
            Ok(items) => Ok(Collected::Ok { items }),
            Err(failure) => match failure.unreadable(kind.managed_policy()) {
                Ok(error) => Ok(Collected::Error { error }),
                Err(Failure { classified: Classified::Fatal(err), .. }) => Err(err),
                Err(_) => unreachable!("only a fatal failure stays one"),
            },
        }
    }
}

/// A list and, for each id it names, a detail call (`ask`): the ids the last read saw (`hinted`)
/// are asked about while the list runs, the rest once it has answered, all at once. The list
/// decides: early answers about ids it does not name are dropped. Returns the list and the
/// details in the order of `ids_of(list)`; a detail call that failed for one resource is that
/// resource's [`CollectError`] (denials explained with `kind`'s managed policy), while a failure
/// that ends the whole read (credentials, an unreachable endpoint) ends it.
pub(crate) async fn list_with_details<L, V, Fut>(
    kind: ResourceKind,
    hinted: &[String],
    list: impl Future<Output = Result<L, Failure>>,
    ids_of: impl FnOnce(&L) -> Vec<String>,
    ask: impl Fn(String) -> Fut,
) -> Result<(L, Vec<Result<V, CollectError>>), Failure>
where
    Fut: Future<Output = Result<V, Failure>>,
{
    let (list, answers) = list_with_early(hinted, list, ids_of, ask).await?;
    let details = answers
        .into_iter()
        .map(|answer| match answer {
            Ok(v) => Ok(Ok(v)),
            Err(failure) => failure.unreadable(kind.managed_policy()).map(Err),
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    Ok((list, details))
}

/// [`list_with_details`] with the answers as they came.
async fn list_with_early<L, V, Fut>(
    hinted: &[String],
    list: impl Future<Output = Result<L, Failure>>,
    ids_of: impl FnOnce(&L) -> Vec<String>,
    ask: impl Fn(String) -> Fut,
) -> Result<(L, Vec<V>), Failure>
where
    Fut: Future<Output = V>,
{
    let early = futures::future::join_all(hinted.iter().map(|id| {
        let answer = ask(id.clone());
        async move { (id.as_str(), answer.await) }
    }));
    let (list, early) = tokio::join!(list, early);
    let list = list?;
    let mut early: HashMap<&str, V> = early.into_iter().collect();
    let answers = futures::future::join_all(ids_of(&list).into_iter().map(|id| {
        let known = early.remove(id.as_str());
        let answer = ask(id);
        async move {
            match known {
                Some(known) => known,
                None => answer.await,
            }
        }
    }))
    .await;
    Ok((list, answers))
}

/// Sends a call, retrying transient failures (throttling, 5xx errors, dropped connections) with
/// back-off — for clients built with a single attempt because the endpoint may lack the
/// operation: an answer that is not an AWS error at all (a 5xx with no error code, an
/// emulator's "not implemented" page) is returned at once.
pub(crate) async fn retry_unless_missing<T, E, F, Fut>(mut call: F) -> Result<T, SdkError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, SdkError<E>>>,
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata,
{
    const ATTEMPTS: u32 = 6;
    let mut attempt = 1;
    loop {
        match call().await {
            Err(e) if attempt < ATTEMPTS && is_transient(&e) => {
                // 100 ms, 200 ms, … 1.6 s: about 3 s in all before giving up.
                tokio::time::sleep(std::time::Duration::from_millis(50 << attempt)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// An SDK error with the response type every client here uses.
pub(crate) type SdkError<E> = aws_smithy_runtime_api::client::result::SdkError<
    E,
    aws_smithy_runtime_api::client::orchestrator::HttpResponse,
>;

/// Whether trying again may succeed: throttling, a 5xx AWS error, a timeout, a dropped connection.
pub(crate) fn is_transient<E>(err: &SdkError<E>) -> bool
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata,
{
    const THROTTLING: &[&str] =
        &["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"];
    match err {
        SdkError::ServiceError(s) => {
            let status = s.raw().status().as_u16();
            s.err().code().is_some_and(|code| status >= 500 || status == 429 || THROTTLING.contains(&code))
        }
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => true,
        _ => false,
    }
}

pub(crate) fn to_chrono(t: &aws_smithy_types::DateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}
