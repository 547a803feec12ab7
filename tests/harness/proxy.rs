//! A fault-injecting HTTP proxy for AWS API calls, run in-process in front of the emulator.
//!
//! `sandpit` is pointed at the proxy (`AWS_ENDPOINT_URL`) instead of at moto. The proxy reads
//! each request, works out which AWS service and action it is (service from the SigV4
//! credential scope, action from `X-Amz-Target`, the query protocol's `Action=`, or the REST
//! route), logs it, and then — as [`Faults`] say — adds latency, answers with a throttling or a
//! 5xx error in the shape the service's protocol uses, closes the connection without answering,
//! never answers, or forwards it to moto.
//!
//! Faults are reproducible: whether a request is faulted is a pure function of the seed, the
//! request's service and action, and how many requests for that action came before it. Requests
//! running concurrently therefore get the same decisions whatever order they arrive in.
//!
//! HTTP/1.1 only, `Content-Length` or chunked bodies; enough for the AWS SDK and the AWS CLI.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy does to requests. Shares are probabilities in `0.0..=1.0` and are tried in
/// the order throttle, server error, drop, stall; their sum should not exceed 1.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// Added before every request is answered (or dropped).
    pub latency: Duration,
    /// Share of requests answered with the protocol's throttling error (HTTP 400).
    pub throttle: f64,
    /// Share of requests answered with HTTP 500 or 503.
    pub server_error: f64,
    /// Share of requests whose connection is closed without an answer.
    pub drop: f64,
    /// Share of requests that are never answered (the connection stays open).
    pub stall: f64,
    /// Seeds the fault decisions.
    pub seed: u64,
    /// Actions never faulted (always forwarded), e.g. `&["GetCallerIdentity"]` to let the
    /// identity call through and fault the collection (they run concurrently, so arrival order
    /// cannot tell them apart).
    pub spare: &'static [&'static str],
    /// Actions whose first request is answered with the protocol's access-denied error, as a
    /// resource policy refusing one call would (a KMS key policy refusing DescribeKey).
    pub deny_first: &'static [&'static str],
    /// Requests answered with a recorded AWS answer instead of the emulator's, for what the
    /// emulator lacks or answers differently from AWS (see `crate::recorded`).
    pub answers: Vec<Answer>,
}

/// A recorded answer of AWS, given to every request of `action` whose body contains
/// `body_contains` (empty: every request of the action).
#[derive(Debug, Clone)]
pub struct Answer {
    /// The API action (`GetAccountSummary`).
    pub action: &'static str,
    /// A part of the request body that must be there (`Filter.member.1=User`).
    pub body_contains: &'static str,
    /// The answer's body, in the service's wire format.
    pub body: String,
}

impl Faults {
    /// No faults: a transparent, logging proxy.
    pub fn none() -> Self {
        Self::default()
    }

    /// Only latency.
    pub fn latency(latency: Duration) -> Self {
        Self { latency, ..Self::default() }
    }
}

/// What happened to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Forwarded to the emulator, which answered with this status (502 when it could not be
    /// reached).
    Forwarded(u16),
    /// Answered with the protocol's throttling error.
    Throttled,
    /// Answered with this 5xx status.
    ServerError(u16),
    /// The connection was closed without an answer.
    Dropped,
    /// Never answered.
    Stalled,
    /// Answered with the protocol's access-denied error.
    Denied,
    /// Answered with a recorded AWS answer ([`Faults::answers`]).
    Replayed,
}

/// One request seen by the proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The service, from the SigV4 credential scope (`ec2`, `sts`, `route53`, …), or `unsigned`.
    pub service: String,
    /// The API action (`DescribeVpcs`, `ListHostedZones`, …). REST routes the proxy does not
    /// know are `METHOD /path` with ids replaced by `{id}`.
    pub action: String,
    /// What the proxy did with it.
    pub outcome: Outcome,
    /// From the whole request read to the answer ready (injected latency included).
    pub took: Duration,
    /// When the whole request had been read.
    pub arrived: Instant,
}

/// How many rounds of calls `calls` took: the longest chain of calls in which each one arrived
/// only after the one before it was answered (1 when every call was in flight at once, 2 for a
/// list whose answer the next calls needed, …). Independent of how long each call took, so with
/// an injected latency well above the client's own pauses it counts dependencies, not speed.
pub fn rounds(calls: &[Call]) -> usize {
    let mut sorted: Vec<&Call> = calls.iter().collect();
    sorted.sort_by_key(|c| c.arrived);
    let mut depth: Vec<usize> = Vec::with_capacity(sorted.len());
    for (i, call) in sorted.iter().enumerate() {
        let before = sorted[..i]
            .iter()
            .zip(&depth)
            .filter(|(earlier, _)| earlier.arrived + earlier.took <= call.arrived)
            .map(|(_, d)| *d)
            .max()
            .unwrap_or(0);
        depth.push(before + 1);
    }
    depth.into_iter().max().unwrap_or(0)
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} ({:?})", self.service, self.action, self.outcome)
    }
}

/// Whether an action writes: the prefixes AWS uses for every mutating API, plus any REST call
/// the proxy could not name that is not a read (`POST`, `PUT`, `PATCH`, `DELETE`).
pub fn is_mutating(action: &str) -> bool {
    const WRITES: &[&str] = &[
        "Accept",
        "Allocate",
        "Apply",
        "Assign",
        "Associate",
        "Attach",
        "Authorize",
        "Cancel",
        "Change",
        "Copy",
        "Create",
        "Delete",
        "Deregister",
        "Detach",
        "Disable",
        "Disassociate",
        "Enable",
        "Execute",
        "Import",
        "Modify",
        "Move",
        "Promote",
        "Purchase",
        "Put",
        "Reboot",
        "Register",
        "Reject",
        "Release",
        "Replace",
        "Reset",
        "Restore",
        "Revoke",
        "Rotate",
        "Run",
        "Schedule",
        "Set",
        "Start",
        "Stop",
        "Tag",
        "Terminate",
        "Unassign",
        "Untag",
        "Update",
    ];
    if let Some((method, _)) = action.split_once(' ') {
        return !matches!(method, "GET" | "HEAD" | "OPTIONS");
    }
    WRITES.iter().any(|w| {
        action.strip_prefix(w).is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_uppercase))
    })
}

#[derive(Default)]
struct State {
    calls: Vec<Call>,
    seen: HashMap<(String, String), u64>,
}

struct Shared {
    faults: Faults,
    upstream: SocketAddr,
    state: Mutex<State>,
}

/// A running proxy on a free loopback port, stopped when dropped.
pub struct Proxy {
    /// `http://127.0.0.1:PORT`, for `AWS_ENDPOINT_URL`.
    pub endpoint: String,
    shared: Arc<Shared>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Proxy {
    /// Starts a proxy in front of `upstream` (`http://127.0.0.1:PORT`, e.g. [`crate::Moto`]'s
    /// endpoint) with its own small tokio runtime.
    pub fn start(upstream: &str, faults: Faults) -> Self {
        let upstream: SocketAddr = upstream
            .strip_prefix("http://")
            .and_then(|a| a.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("upstream must be http://IP:PORT, not {upstream}"));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .thread_name("fault-proxy")
            .build()
            .expect("proxy runtime");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
        let port = listener.local_addr().expect("proxy address").port();
        listener.set_nonblocking(true).expect("non-blocking listener");
        let shared = Arc::new(Shared { faults, upstream, state: Mutex::new(State::default()) });
        let accept = Arc::clone(&shared);
        runtime.spawn(async move {
            let listener = TcpListener::from_std(listener).expect("tokio listener");
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, Arc::clone(&accept)));
            }
        });
        Proxy { endpoint: format!("http://127.0.0.1:{port}"), shared, runtime: Some(runtime) }
    }

    /// Every request so far, in the order they were answered (or faulted).
    pub fn calls(&self) -> Vec<Call> {
        self.shared.state.lock().unwrap().calls.clone()
    }

    /// How many requests each `(service, action)` made so far, faulted ones included.
    pub fn counts(&self) -> BTreeMap<(String, String), usize> {
        let mut counts = BTreeMap::new();
        for call in self.calls() {
            *counts.entry((call.service, call.action)).or_default() += 1;
        }
        counts
    }

    /// The requests so far whose action writes ([`is_mutating`]).
    pub fn mutating_calls(&self) -> Vec<Call> {
        self.calls().into_iter().filter(|c| is_mutating(&c.action)).collect()
    }

    /// Forgets the log (fault decisions keep counting, so they stay reproducible).
    pub fn clear(&self) {
        self.shared.state.lock().unwrap().calls.clear();
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// One HTTP request as read from a socket.
#[derive(Debug)]
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| std::str::from_utf8(v).ok())
    }
}

/// The protocol family of a request, which decides the shape of an error answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Protocol {
    /// EC2's own query dialect: `<Response><Errors><Error>…`.
    Ec2,
    /// awsQuery (STS, RDS, IAM, …): `<ErrorResponse><Error>…`.
    Query,
    /// awsJson 1.0/1.1 (KMS, Budgets, …): `{"__type": …}`.
    Json,
    /// REST with XML (Route 53, S3-style): `<ErrorResponse><Error>…` with the service namespace.
    RestXml,
}

/// Service, action and protocol of a request.
fn identify(req: &Request) -> (String, String, Protocol) {
    let service = req.header("authorization").and_then(service_from_authorization).unwrap_or("unsigned");
    let service = service.to_owned();
    if let Some(target) = req.header("x-amz-target") {
        let action = target.rsplit_once('.').map_or(target, |(_, a)| a);
        return (service, action.to_owned(), Protocol::Json);
    }
    let (path, query) = req.target.split_once('?').unwrap_or((&req.target, ""));
    let form = req
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"))
        .then(|| String::from_utf8_lossy(&req.body).into_owned());
    let action =
        query_param(query, "Action").or_else(|| form.as_deref().and_then(|f| query_param(f, "Action")));
    if let Some(action) = action {
        let protocol = if service == "ec2" { Protocol::Ec2 } else { Protocol::Query };
        return (service, action, protocol);
    }
    let action = rest_action(&service, &req.method, path);
    (service, action, Protocol::RestXml)
}

/// `ec2` from `AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-northeast-2/ec2/aws4_request, …`.
fn service_from_authorization(auth: &str) -> Option<&str> {
    let credential = auth.split("Credential=").nth(1)?.split([',', ' ']).next()?;
    let parts: Vec<&str> = credential.split('/').collect();
    match parts.as_slice() {
        [.., _date, _region, service, "aws4_request"] => Some(*service),
        _ => None,
    }
}

/// The decoded value of `name` in `a=1&b=2` (form or query string).
fn query_param(text: &str, name: &str) -> Option<String> {
    text.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (percent_decode(k) == name).then(|| percent_decode(v))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
                continue;
            }
            (b'+', _) => out.push(b' '),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The operation name of a REST call: Route 53's routes by name, anything else as
/// `METHOD /path` with id-like segments replaced by `{id}` so counts do not depend on ids.
fn rest_action(service: &str, method: &str, path: &str) -> String {
    let segments: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    if service == "route53"
        && let Some(name) = route53_action(method, &segments)
    {
        return name.to_owned();
    }
    let normalized: Vec<&str> = segments.iter().map(|&s| if looks_like_id(s) { "{id}" } else { s }).collect();
    format!("{method} /{}", normalized.join("/"))
}

fn route53_action(method: &str, segments: &[&str]) -> Option<&'static str> {
    let rest = match segments {
        ["2013-04-01", rest @ ..] => rest,
        _ => return None,
    };
    Some(match (method, rest) {
        ("GET", ["hostedzone"]) => "ListHostedZones",
        ("POST", ["hostedzone"]) => "CreateHostedZone",
        ("GET", ["hostedzonesbyname"]) => "ListHostedZonesByName",
        ("GET", ["hostedzonecount"]) => "GetHostedZoneCount",
        ("GET", ["hostedzone", _]) => "GetHostedZone",
        ("DELETE", ["hostedzone", _]) => "DeleteHostedZone",
        ("POST", ["hostedzone", _]) => "UpdateHostedZoneComment",
        ("GET", ["hostedzone", _, "rrset"]) => "ListResourceRecordSets",
        ("POST", ["hostedzone", _, "rrset"]) => "ChangeResourceRecordSets",
        ("POST", ["hostedzone", _, "associatevpc"]) => "AssociateVPCWithHostedZone",
        ("POST", ["hostedzone", _, "disassociatevpc"]) => "DisassociateVPCFromHostedZone",
        ("GET", ["change", _]) => "GetChange",
        ("GET", ["tags", _, _]) => "ListTagsForResource",
        ("POST", ["tags", _, _]) => "ChangeTagsForResource",
        ("GET", ["healthcheck"]) => "ListHealthChecks",
        ("POST", ["healthcheck"]) => "CreateHealthCheck",
        ("DELETE", ["healthcheck", _]) => "DeleteHealthCheck",
        _ => return None,
    })
}

/// An AWS id in a path: has a digit, and is long or has a dash (`Z0123456789ABC`, `vpc-0a1b`).
fn looks_like_id(segment: &str) -> bool {
    segment.chars().any(|c| c.is_ascii_digit())
        && (segment.len() >= 8 || segment.contains('-'))
        && !segment.chars().all(|c| c.is_ascii_digit() || c == '-') // dates like 2013-04-01
}

/// A uniform draw in `0.0..1.0`: splitmix64 over the seed, the action and its occurrence.
fn draw(seed: u64, service: &str, action: &str, occurrence: u64) -> f64 {
    let mut x = seed ^ 0x9e37_79b9_7f4a_7c15;
    for b in service.bytes().chain([b':']).chain(action.bytes()) {
        x = (x ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    x ^= occurrence.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

impl Shared {
    fn decide(&self, service: &str, action: &str, body: &[u8]) -> Outcome {
        let body = String::from_utf8_lossy(body);
        if self.faults.answers.iter().any(|a| a.action == action && body.contains(a.body_contains)) {
            return Outcome::Replayed;
        }
        let occurrence = {
            let mut state = self.state.lock().unwrap();
            let n = state.seen.entry((service.to_owned(), action.to_owned())).or_default();
            *n += 1;
            *n
        };
        let f = &self.faults;
        if f.deny_first.contains(&action) && occurrence == 1 {
            return Outcome::Denied;
        }
        if f.spare.contains(&action) {
            return Outcome::Forwarded(0);
        }
        let u = draw(f.seed, service, action, occurrence);
        let mut edge = f.throttle;
        if u < edge {
            return Outcome::Throttled;
        }
        edge += f.server_error;
        if u < edge {
            // A second, independent bit picks the status, so both kinds are exercised.
            let status = if draw(f.seed ^ 1, service, action, occurrence) < 0.5 { 500 } else { 503 };
            return Outcome::ServerError(status);
        }
        edge += f.drop;
        if u < edge {
            return Outcome::Dropped;
        }
        edge += f.stall;
        if u < edge {
            return Outcome::Stalled;
        }
        Outcome::Forwarded(0)
    }

    fn log(&self, service: String, action: String, outcome: Outcome, started: Instant) {
        let took = started.elapsed();
        self.state.lock().unwrap().calls.push(Call { service, action, outcome, took, arrived: started });
    }
}

async fn serve(mut client: TcpStream, shared: Arc<Shared>) {
    let mut buf = Vec::new();
    loop {
        let req = match read_request(&mut client, &mut buf).await {
            Ok(Some(req)) => req,
            Ok(None) | Err(_) => return,
        };
        let started = Instant::now();
        let (service, action, protocol) = identify(&req);
        let decision = shared.decide(&service, &action, &req.body);
        if !shared.faults.latency.is_zero() {
            tokio::time::sleep(shared.faults.latency).await;
        }
        let response = match decision {
            Outcome::Dropped => {
                shared.log(service, action, Outcome::Dropped, started);
                return;
            }
            Outcome::Stalled => {
                shared.log(service, action, Outcome::Stalled, started);
                // Hold the connection open until the client gives up (or the proxy stops).
                let _ = client.read(&mut [0u8; 1]).await;
                return;
            }
            Outcome::Denied => {
                shared.log(service.clone(), action, Outcome::Denied, started);
                error_response(protocol, &service, 400, ErrorKind::AccessDenied)
            }
            Outcome::Replayed => {
                let body = String::from_utf8_lossy(&req.body).into_owned();
                let answer = shared
                    .faults
                    .answers
                    .iter()
                    .find(|a| a.action == action && body.contains(a.body_contains))
                    .map(|a| a.body.clone())
                    .unwrap_or_default();
                shared.log(service, action, Outcome::Replayed, started);
                response_bytes(200, &[("Content-Type", "text/xml")], answer.as_bytes())
            }
            Outcome::Throttled => {
                shared.log(service.clone(), action, Outcome::Throttled, started);
                error_response(protocol, &service, 400, ErrorKind::Throttling)
            }
            Outcome::ServerError(status) => {
                shared.log(service.clone(), action, Outcome::ServerError(status), started);
                let kind = if status == 503 { ErrorKind::Unavailable } else { ErrorKind::Internal };
                error_response(protocol, &service, status, kind)
            }
            Outcome::Forwarded(_) => {
                let (status, response) = match forward(&req, shared.upstream).await {
                    Ok(resp) => resp,
                    Err(e) => {
                        let body = format!("proxy: cannot reach the emulator: {e}");
                        (502, response_bytes(502, &[("Content-Type", "text/plain")], body.as_bytes()))
                    }
                };
                shared.log(service, action, Outcome::Forwarded(status), started);
                response
            }
        };
        if client.write_all(&response).await.is_err() {
            return;
        }
        if req.header("connection").is_some_and(|c| c.eq_ignore_ascii_case("close")) {
            return;
        }
    }
}

/// Reads one request; `None` when the client closed the connection between requests.
async fn read_request<S: AsyncRead + Unpin>(
    stream: &mut S,
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<Request>> {
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut parsed = httparse::Request::new(&mut headers);
        match parsed.parse(buf).map_err(std::io::Error::other)? {
            httparse::Status::Complete(head_len) => {
                let method = parsed.method.unwrap_or("GET").to_owned();
                let target = parsed.path.unwrap_or("/").to_owned();
                let headers: Vec<(String, Vec<u8>)> =
                    parsed.headers.iter().map(|h| (h.name.to_owned(), h.value.to_vec())).collect();
                buf.drain(..head_len);
                let body = read_body(stream, buf, &headers, false).await?;
                return Ok(Some(Request { method, target, headers, body }));
            }
            httparse::Status::Partial => {
                if fill(stream, buf).await? == 0 {
                    return if buf.is_empty() {
                        Ok(None)
                    } else {
                        Err(std::io::ErrorKind::UnexpectedEof.into())
                    };
                }
            }
        }
    }
}

async fn fill<S: AsyncRead + Unpin>(stream: &mut S, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut chunk = [0u8; 16 * 1024];
    let n = stream.read(&mut chunk).await?;
    buf.extend_from_slice(&chunk[..n]);
    Ok(n)
}

fn header<'a>(headers: &'a [(String, Vec<u8>)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| std::str::from_utf8(v).ok())
        .map(str::trim)
}

/// Reads a message body after its head (already removed from `buf`): by `Content-Length`, by
/// chunks, or (a response without either) to the end of the stream.
async fn read_body<S: AsyncRead + Unpin>(
    stream: &mut S,
    buf: &mut Vec<u8>,
    headers: &[(String, Vec<u8>)],
    until_eof: bool,
) -> std::io::Result<Vec<u8>> {
    let chunked =
        header(headers, "transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    if chunked {
        let mut body = Vec::new();
        loop {
            let line_end = loop {
                if let Some(i) = buf.windows(2).position(|w| w == b"\r\n") {
                    break i;
                }
                if fill(stream, buf).await? == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
            };
            let size_text = String::from_utf8_lossy(&buf[..line_end]).into_owned();
            let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                .map_err(|_| std::io::Error::other(format!("bad chunk size {size_text:?}")))?;
            buf.drain(..line_end + 2);
            while buf.len() < size + 2 {
                if fill(stream, buf).await? == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
            }
            body.extend_from_slice(&buf[..size]);
            buf.drain(..size + 2);
            if size == 0 {
                // Trailers are not used by AWS; the empty line after the last chunk was consumed.
                return Ok(body);
            }
        }
    }
    if let Some(len) = header(headers, "content-length") {
        let len: usize =
            len.parse().map_err(|_| std::io::Error::other(format!("bad Content-Length {len}")))?;
        while buf.len() < len {
            if fill(stream, buf).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
        }
        return Ok(buf.drain(..len).collect());
    }
    if until_eof {
        while fill(stream, buf).await? > 0 {}
        return Ok(std::mem::take(buf));
    }
    Ok(Vec::new())
}

/// Sends the request to the emulator on a fresh connection and returns its answer re-framed
/// with a `Content-Length`, so the client's connection can be kept alive.
async fn forward(req: &Request, upstream: SocketAddr) -> std::io::Result<(u16, Vec<u8>)> {
    let mut conn = TcpStream::connect(upstream).await?;
    let mut head = format!("{} {} HTTP/1.1\r\n", req.method, req.target).into_bytes();
    for (name, value) in &req.headers {
        if ["connection", "keep-alive", "content-length", "transfer-encoding"]
            .iter()
            .any(|h| name.eq_ignore_ascii_case(h))
        {
            continue;
        }
        head.extend_from_slice(name.as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value);
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(
        format!("Content-Length: {}\r\nConnection: close\r\n\r\n", req.body.len()).as_bytes(),
    );
    conn.write_all(&head).await?;
    conn.write_all(&req.body).await?;

    let mut buf = Vec::new();
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut parsed = httparse::Response::new(&mut headers);
        if let httparse::Status::Complete(head_len) = parsed.parse(&buf).map_err(std::io::Error::other)? {
            let status = parsed.code.unwrap_or(502);
            let reason = parsed.reason.unwrap_or("").to_owned();
            let headers: Vec<(String, Vec<u8>)> =
                parsed.headers.iter().map(|h| (h.name.to_owned(), h.value.to_vec())).collect();
            buf.drain(..head_len);
            let body = if req.method == "HEAD" || status == 204 || status == 304 {
                Vec::new()
            } else {
                read_body(&mut conn, &mut buf, &headers, true).await?
            };
            let kept: Vec<(&str, &[u8])> = headers
                .iter()
                .filter(|(n, _)| {
                    !["connection", "keep-alive", "content-length", "transfer-encoding"]
                        .iter()
                        .any(|h| n.eq_ignore_ascii_case(h))
                })
                .map(|(n, v)| (n.as_str(), v.as_slice()))
                .collect();
            let mut out = format!("HTTP/1.1 {status} {reason}\r\n").into_bytes();
            for (name, value) in kept {
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(b": ");
                out.extend_from_slice(value);
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
            out.extend_from_slice(&body);
            return Ok((status, out));
        }
        if fill(&mut conn, &mut buf).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
    }
}

fn response_bytes(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let reason = match status {
        400 => "Bad Request",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "",
    };
    let mut out = format!("HTTP/1.1 {status} {reason}\r\n").into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!("x-amzn-RequestId: sandpit-fault-proxy\r\nContent-Length: {}\r\n\r\n", body.len()).as_bytes(),
    );
    out.extend_from_slice(body);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ErrorKind {
    AccessDenied,
    Throttling,
    Internal,
    Unavailable,
}

/// The error answer a real AWS service sends, in its protocol's shape. Throttling is HTTP 400
/// everywhere here (real EC2 sends 503 for RequestLimitExceeded): with 400 the SDK retries only
/// because it recognised the error code, so the test proves the body is right.
fn error_response(protocol: Protocol, service: &str, status: u16, kind: ErrorKind) -> Vec<u8> {
    let (code, message) = match (protocol, kind) {
        (Protocol::Ec2, ErrorKind::AccessDenied) => {
            ("UnauthorizedOperation", "You are not authorized to perform this operation.")
        }
        (Protocol::Json, ErrorKind::AccessDenied) => {
            ("AccessDeniedException", "The key policy does not allow this call")
        }
        (_, ErrorKind::AccessDenied) => ("AccessDenied", "User is not authorized to perform this action"),
        (Protocol::Ec2, ErrorKind::Throttling) => ("RequestLimitExceeded", "Request limit exceeded."),
        (Protocol::Json, ErrorKind::Throttling) => ("ThrottlingException", "Rate exceeded"),
        (_, ErrorKind::Throttling) => ("Throttling", "Rate exceeded"),
        (Protocol::Ec2, ErrorKind::Internal) => ("InternalError", "An internal error has occurred"),
        (Protocol::Ec2, ErrorKind::Unavailable) => ("Unavailable", "The server is overloaded"),
        (Protocol::Json, ErrorKind::Internal) => ("InternalFailure", "Internal failure"),
        (Protocol::Json, ErrorKind::Unavailable) => ("ServiceUnavailableException", "Service unavailable"),
        (_, ErrorKind::Internal) => ("InternalFailure", "Internal failure"),
        (_, ErrorKind::Unavailable) => ("ServiceUnavailable", "Service unavailable"),
    };
    match protocol {
        Protocol::Ec2 => {
            let body = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code>\
                 <Message>{message}</Message></Error></Errors><RequestID>sandpit-fault-proxy</RequestID></Response>"
            );
            response_bytes(status, &[("Content-Type", "text/xml;charset=UTF-8")], body.as_bytes())
        }
        Protocol::Json => {
            let body = format!("{{\"__type\":\"{code}\",\"message\":\"{message}\"}}");
            response_bytes(status, &[("Content-Type", "application/x-amz-json-1.1")], body.as_bytes())
        }
        Protocol::Query | Protocol::RestXml => {
            let xmlns = match service {
                "route53" => " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"",
                _ => "",
            };
            let body = format!(
                "<?xml version=\"1.0\"?>\n<ErrorResponse{xmlns}><Error><Type>Sender</Type><Code>{code}</Code>\
                 <Message>{message}</Message></Error><RequestId>sandpit-fault-proxy</RequestId></ErrorResponse>"
            );
            response_bytes(status, &[("Content-Type", "text/xml")], body.as_bytes())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> Request {
        Request {
            method: method.to_owned(),
            target: target.to_owned(),
            headers: headers.iter().map(|(n, v)| (n.to_string(), v.as_bytes().to_vec())).collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    fn auth(service: &str) -> String {
        format!(
            "AWS4-HMAC-SHA256 Credential=testing/20261122/ap-northeast-2/{service}/aws4_request, \
             SignedHeaders=host;x-amz-date, Signature=abc"
        )
    }

    #[test]
    fn the_service_is_the_credential_scope_of_the_signature() {
        assert_eq!(service_from_authorization(auth("ec2").as_str()), Some("ec2"));
        assert_eq!(
            service_from_authorization(
                "AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/budgets/aws4_request,SignedHeaders=host,Signature=x"
            ),
            Some("budgets")
        );
        assert_eq!(service_from_authorization("AWS4-HMAC-SHA256 Credential=broken"), None);
        assert_eq!(service_from_authorization("Bearer token"), None);
        let unsigned = request("GET", "/", &[], "");
        assert_eq!(identify(&unsigned).0, "unsigned");
    }

    #[test]
    fn query_protocol_actions_come_from_the_form_body_or_the_query_string() {
        let sts = request(
            "POST",
            "/",
            &[
                ("Authorization", auth("sts").as_str()),
                ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ],
            "Action=GetCallerIdentity&Version=2011-06-15",
        );
        assert_eq!(identify(&sts), ("sts".into(), "GetCallerIdentity".into(), Protocol::Query));
        let ec2 = request(
            "POST",
            "/",
            &[("Authorization", auth("ec2").as_str()), ("Content-Type", "application/x-www-form-urlencoded")],
            "Version=2016-11-15&Action=DescribeVpcs&MaxResults=1000",
        );
        assert_eq!(identify(&ec2), ("ec2".into(), "DescribeVpcs".into(), Protocol::Ec2));
        let get = request(
            "GET",
            "/?Version=2014-10-31&Action=Describe%44BInstances",
            &[("Authorization", auth("rds").as_str())],
            "",
        );
        assert_eq!(identify(&get), ("rds".into(), "DescribeDBInstances".into(), Protocol::Query));
        // A body that is not a form is not searched for an Action.
        let not_form = request("POST", "/", &[("Authorization", auth("s3").as_str())], "Action=DeleteBucket");
        assert_eq!(identify(&not_form).1, "POST /");
    }

    #[test]
    fn json_protocol_actions_come_from_the_target_header() {
        let kms = request(
            "POST",
            "/",
            &[("Authorization", auth("kms").as_str()), ("X-Amz-Target", "TrentService.ListKeys")],
            "{}",
        );
        assert_eq!(identify(&kms), ("kms".into(), "ListKeys".into(), Protocol::Json));
        let budgets = request(
            "POST",
            "/",
            &[
                ("authorization", auth("budgets").as_str()),
                ("x-amz-target", "AWSBudgetServiceGateway.DescribeBudgets"),
            ],
            "{}",
        );
        assert_eq!(identify(&budgets).1, "DescribeBudgets");
    }

    #[test]
    fn rest_actions_are_named_by_route_and_ids_do_not_matter() {
        let r53 = |method: &str, path: &str| {
            identify(&request(method, path, &[("Authorization", auth("route53").as_str())], "")).1
        };
        assert_eq!(r53("GET", "/2013-04-01/hostedzone"), "ListHostedZones");
        assert_eq!(r53("GET", "/2013-04-01/hostedzone?marker=Z2"), "ListHostedZones");
        assert_eq!(r53("GET", "/2013-04-01/hostedzone/Z0ABCDEF123/rrset"), "ListResourceRecordSets");
        assert_eq!(
            r53("GET", "/2013-04-01/hostedzone/Z0ABCDEF123/rrset?name=a.example.com.&type=A"),
            "ListResourceRecordSets"
        );
        assert_eq!(r53("POST", "/2013-04-01/hostedzone/Z0ABCDEF123/rrset/"), "ChangeResourceRecordSets");
        assert_eq!(r53("POST", "/2013-04-01/hostedzone"), "CreateHostedZone");
        assert_eq!(r53("DELETE", "/2013-04-01/hostedzone/Z0ABCDEF123"), "DeleteHostedZone");
        assert_eq!(r53("GET", "/2013-04-01/somethingnew/Z0ABCDEF123"), "GET /2013-04-01/somethingnew/{id}");
        assert_eq!(
            identify(&request("PUT", "/my-bucket/key", &[("Authorization", auth("s3").as_str())], "")).1,
            "PUT /my-bucket/key"
        );
        assert_eq!(
            rest_action("lambda", "GET", "/2015-03-31/functions/fn-0123abcd"),
            "GET /2015-03-31/functions/{id}"
        );
    }

    #[test]
    fn mutating_actions_are_recognised_and_reads_are_not() {
        for write in [
            "CreateVpc",
            "DeleteBudget",
            "ModifyDBInstance",
            "PutKeyPolicy",
            "AttachInternetGateway",
            "DetachInternetGateway",
            "AssociateRouteTable",
            "DisassociateAddress",
            "UpdateBudget",
            "RunInstances",
            "TerminateInstances",
            "AuthorizeSecurityGroupIngress",
            "RevokeSecurityGroupEgress",
            "AcceptVpcPeeringConnection",
            "RejectVpcPeeringConnection",
            "ReplaceRoute",
            "TagResource",
            "UntagResource",
            "ChangeResourceRecordSets",
            "CreateHostedZone",
            "POST /2013-04-01/unknown",
            "DELETE /bucket/key",
        ] {
            assert!(is_mutating(write), "{write}");
        }
        for read in [
            "DescribeVpcs",
            "GetCallerIdentity",
            "ListKeys",
            "ListResourceRecordSets",
            "DescribeBudgets",
            "DescribeSubscribersForNotification",
            "GetHostedZone",
            "GET /2013-04-01/whatever",
            // Prefixes only count at a word boundary.
            "Settings",
            "Runtime",
            "Taggings",
        ] {
            assert!(!is_mutating(read), "{read}");
        }
    }

    #[test]
    fn fault_decisions_are_reproducible_and_near_the_share_asked_for() {
        assert_eq!(draw(7, "ec2", "DescribeVpcs", 3), draw(7, "ec2", "DescribeVpcs", 3));
        assert_ne!(draw(7, "ec2", "DescribeVpcs", 3), draw(8, "ec2", "DescribeVpcs", 3));
        let hits = (1..=10_000).filter(|&n| draw(42, "ec2", "DescribeVpcs", n) < 0.3).count();
        assert!((2_800..3_200).contains(&hits), "{hits} of 10000 under 0.3");
    }

    #[test]
    fn error_answers_have_the_protocol_shape() {
        let text = |p, s, k| String::from_utf8(error_response(p, s, 400, k)).unwrap();
        let ec2 = text(Protocol::Ec2, "ec2", ErrorKind::Throttling);
        assert!(ec2.starts_with("HTTP/1.1 400 "), "{ec2}");
        assert!(ec2.contains("<Response><Errors><Error><Code>RequestLimitExceeded</Code>"), "{ec2}");
        let sts = text(Protocol::Query, "sts", ErrorKind::Throttling);
        assert!(sts.contains("<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"), "{sts}");
        let kms = text(Protocol::Json, "kms", ErrorKind::Throttling);
        assert!(kms.contains("{\"__type\":\"ThrottlingException\""), "{kms}");
        let r53 = text(Protocol::RestXml, "route53", ErrorKind::Throttling);
        assert!(
            r53.contains(
                "route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>Sender</Type><Code>Throttling"
            )
        );
        let body_len = |t: &str| t.split("\r\n\r\n").nth(1).unwrap().len();
        assert!(kms.contains(&format!("Content-Length: {}\r\n", body_len(&kms))), "{kms}");
    }

    /// A one-answer upstream: a chunked `hello` to every request, then it closes the connection.
    fn upstream() -> String {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for mut conn in listener.incoming().flatten() {
                let mut seen = Vec::new();
                let mut chunk = [0u8; 1024];
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match conn.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => seen.extend_from_slice(&chunk[..n]),
                    }
                }
                let _ = conn.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                );
            }
        });
        format!("http://{addr}")
    }

    fn exchange(conn: &mut std::net::TcpStream, body: &str) -> String {
        use std::io::{Read, Write};
        let req = format!(
            "POST / HTTP/1.1\r\nHost: x\r\nAuthorization: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            auth("ec2"),
            body.len()
        );
        conn.write_all(req.as_bytes()).unwrap();
        let mut got = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            let text = String::from_utf8_lossy(&got).into_owned();
            if let Some((head, rest)) = text.split_once("\r\n\r\n") {
                let len: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("Content-Length: "))
                    .map_or(0, |n| n.trim().parse().unwrap());
                if rest.len() >= len {
                    return text;
                }
            }
            match conn.read(&mut chunk) {
                Ok(0) | Err(_) => return text,
                Ok(n) => got.extend_from_slice(&chunk[..n]),
            }
        }
    }

    #[test]
    fn answers_are_forwarded_reframed_and_logged_and_faults_happen() {
        let upstream = upstream();
        let proxy = Proxy::start(&upstream, Faults::none());
        let mut conn = std::net::TcpStream::connect(proxy.endpoint.trim_start_matches("http://")).unwrap();
        // Two requests on one kept-alive connection; the chunked answer arrives with a length.
        for action in ["DescribeVpcs", "DescribeSubnets"] {
            let answer = exchange(&mut conn, &format!("Action={action}&Version=2016-11-15"));
            assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
            assert!(
                answer.contains("Content-Length: 5\r\n") && answer.ends_with("\r\n\r\nhello"),
                "{answer}"
            );
            assert!(!answer.to_ascii_lowercase().contains("transfer-encoding"), "{answer}");
        }
        let logged: Vec<String> = proxy.calls().iter().map(ToString::to_string).collect();
        assert_eq!(logged, ["ec2:DescribeVpcs (Forwarded(200))", "ec2:DescribeSubnets (Forwarded(200))"]);

        let throttling = Proxy::start(&upstream, Faults { throttle: 1.0, ..Faults::none() });
        let mut conn =
            std::net::TcpStream::connect(throttling.endpoint.trim_start_matches("http://")).unwrap();
        let answer = exchange(&mut conn, "Action=DescribeVpcs");
        assert!(answer.starts_with("HTTP/1.1 400 ") && answer.contains("RequestLimitExceeded"), "{answer}");

        let dropping = Proxy::start(&upstream, Faults { drop: 1.0, ..Faults::none() });
        let mut conn = std::net::TcpStream::connect(dropping.endpoint.trim_start_matches("http://")).unwrap();
        assert_eq!(exchange(&mut conn, "Action=DescribeVpcs"), "", "closed without an answer");
        assert_eq!(dropping.calls()[0].outcome, Outcome::Dropped);

        let delayed = Proxy::start(&upstream, Faults::latency(Duration::from_millis(150)));
        let mut conn = std::net::TcpStream::connect(delayed.endpoint.trim_start_matches("http://")).unwrap();
        let started = Instant::now();
        exchange(&mut conn, "Action=DescribeVpcs");
        assert!(started.elapsed() >= Duration::from_millis(150));
        assert!(delayed.calls()[0].took >= Duration::from_millis(150));
    }

    #[tokio::test]
    async fn requests_are_read_whole_whatever_the_framing() {
        let raw = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n";
        let mut stream = &raw[..];
        let mut buf = Vec::new();
        let first = read_request(&mut stream, &mut buf).await.unwrap().unwrap();
        assert_eq!((first.method.as_str(), first.body.as_slice()), ("POST", &b"hello"[..]));
        let second = read_request(&mut stream, &mut buf).await.unwrap().unwrap();
        assert_eq!((second.target.as_str(), second.body.as_slice()), ("/next", &b"abcde"[..]));
        assert!(read_request(&mut stream, &mut buf).await.unwrap().is_none());
        let mut truncated = &b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"[..];
        assert!(read_request(&mut truncated, &mut Vec::new()).await.is_err());
    }

    #[test]
    fn rounds_count_calls_that_waited_for_an_answer() {
        let t0 = Instant::now();
        let call = |at: u64, took: u64| Call {
            service: "ec2".into(),
            action: "DescribeVpcs".into(),
            outcome: Outcome::Forwarded(200),
            took: Duration::from_millis(took),
            arrived: t0 + Duration::from_millis(at),
        };
        assert_eq!(rounds(&[]), 0);
        // All in flight at once: one round, however many calls.
        assert_eq!(rounds(&[call(0, 100), call(3, 100), call(9, 100)]), 1);
        // A list, then two describes sent after its answer, then one more after theirs.
        assert_eq!(rounds(&[call(0, 100), call(105, 100), call(104, 100), call(210, 100)]), 3);
        // A late call that overlaps the first round's calls is still in the first round.
        assert_eq!(rounds(&[call(0, 100), call(50, 100), call(120, 100)]), 2);
    }
}
