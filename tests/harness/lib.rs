//! The end-to-end test harness: a real AWS emulator (moto server) on loopback, the real AWS CLI
//! to build lab state the way a student would, and the real `sandpit` binary to check it.
//!
//! Nothing here is a mock: the Rust SDK inside `sandpit` talks HTTP to moto. `make test`
//! installs moto and the AWS CLI into a virtualenv and points the harness at them with
//! `SANDPIT_MOTO_SERVER` and `SANDPIT_AWS_CLI`; a missing tool fails the test loudly instead of
//! skipping it.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub mod labs;
pub mod measure;
pub mod proxy;
pub mod recorded;
pub mod team;

pub use proxy::{Answer, Call, Faults, Outcome, Proxy, is_mutating, rounds};
pub use team::TeamAccount;

/// The region every emulator test builds in.
pub const REGION: &str = "ap-northeast-2";

fn tool(env_var: &str, venv_name: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(env_var) {
        return PathBuf::from(path);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    let venv = home.join(".cache/sandpit/venv/bin").join(venv_name);
    if venv.exists() {
        return venv;
    }
    panic!(
        "{venv_name} not found: run the tests with `make test` (it installs moto and the AWS CLI into \
         ~/.cache/sandpit/venv), or set {env_var} to its path"
    );
}

/// The `moto_server` the tests run (from `SANDPIT_MOTO_SERVER` or the test virtualenv).
pub fn moto_server_path() -> PathBuf {
    tool("SANDPIT_MOTO_SERVER", "moto_server")
}

/// The AWS CLI the tests build lab state with.
pub fn aws_cli_path() -> PathBuf {
    tool("SANDPIT_AWS_CLI", "aws")
}

/// The `sandpit` binary built by `cargo build` (the Makefile builds it before the tests).
pub fn sandpit_bin() -> PathBuf {
    if let Some(path) = std::env::var_os("SANDPIT_BIN") {
        return PathBuf::from(path);
    }
    // Test binaries live in <target>/<profile>/deps/; the CLI binary one level up.
    let exe = std::env::current_exe().expect("test binary path");
    let bin = exe.parent().and_then(Path::parent).expect("target dir").join("sandpit");
    assert!(
        bin.exists(),
        "{} does not exist: build it first (`cargo build -p sandpit-cli`, done by `make test`)",
        bin.display()
    );
    bin
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free loopback port").port()
}

/// Options for starting the emulator.
#[derive(Debug, Clone, Default)]
pub struct MotoOptions {
    /// Enforce IAM after this many unauthenticated calls (moto's `INITIAL_NO_AUTH_ACTION_COUNT`).
    pub iam_enforced_after: Option<u32>,
}

/// A moto server on a free loopback port, stopped when dropped.
pub struct Moto {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub endpoint: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Moto {
    /// Starts moto with IAM managed policies loaded, and waits until it answers.
    pub fn start() -> Self {
        Self::start_with(MotoOptions::default())
    }

    /// Starts moto with options.
    pub fn start_with(options: MotoOptions) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = dir.path().join("moto.log");
        let port = free_port();
        let mut cmd = Command::new(tool("SANDPIT_MOTO_SERVER", "moto_server"));
        cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&log).expect("log file"))
            .stderr(std::fs::File::options().append(true).open(&log).expect("log file"));
        if let Some(n) = options.iam_enforced_after {
            cmd.env("INITIAL_NO_AUTH_ACTION_COUNT", n.to_string());
        }
        let child = cmd.spawn().expect("start moto_server");
        let moto = Moto { child, endpoint: format!("http://127.0.0.1:{port}"), log, _dir: dir };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto did not start in 60 s:\n{}", moto.log());
            std::thread::sleep(Duration::from_millis(100));
        }
        moto
    }

    /// The Sandpit data directory of every command run against this emulator (their `HOME` is
    /// this emulator's own temporary folder).
    pub fn data_dir(&self) -> PathBuf {
        self._dir.path().join(".local/share/sandpit")
    }

    /// What moto printed so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `program` run by `caller`, with nothing of the test's own environment but `PATH`.
    fn command(&self, program: PathBuf, caller: &Caller<'_>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self._dir.path())
            .env("AWS_ACCESS_KEY_ID", caller.access_key)
            .env("AWS_SECRET_ACCESS_KEY", caller.secret)
            .env("AWS_DEFAULT_REGION", REGION)
            .env("AWS_REGION", REGION)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_ENDPOINT_URL", caller.endpoint.unwrap_or(&self.endpoint));
        if let Some(token) = caller.token {
            cmd.env("AWS_SESSION_TOKEN", token);
        }
        cmd
    }

    /// The AWS CLI run by `caller`: its JSON output (Null when it printed nothing). Panics with
    /// the CLI's error when it fails: building the lab must work.
    fn run_aws(&self, caller: &Caller<'_>, args: &[&str]) -> Value {
        let mut cmd = self.command(tool("SANDPIT_AWS_CLI", "aws"), caller);
        let out = cmd.args(args).args(["--output", "json"]).output().expect("run the aws CLI");
        assert!(
            out.status.success(),
            "aws {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        if stdout.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&stdout).expect("aws CLI JSON")
        }
    }

    /// `sandpit` run by `caller`.
    fn run_sandpit(&self, caller: &Caller<'_>, args: &[&str]) -> Run {
        Run::from(self.command(sandpit_bin(), caller).args(args).output().expect("run sandpit"))
    }

    /// Runs the real AWS CLI against the emulator and returns its JSON output (Null when it
    /// printed nothing). Panics with the CLI's error when it fails: building the lab must work.
    pub fn aws(&self, args: &[&str]) -> Value {
        self.run_aws(&Caller::TEST, args)
    }

    /// [`Self::aws`] with other credentials.
    pub fn aws_as(&self, access_key: &str, secret: &str, args: &[&str]) -> Value {
        self.run_aws(&Caller { access_key, secret, ..Caller::TEST }, args)
    }

    /// [`Self::aws`] through another endpoint in front of the emulator, e.g. a [`Proxy`]'s.
    pub fn aws_via(&self, endpoint: &str, args: &[&str]) -> Value {
        self.run_aws(&Caller { endpoint: Some(endpoint), ..Caller::TEST }, args)
    }

    /// Runs `sandpit` against the emulator with the test credentials.
    pub fn sandpit(&self, args: &[&str]) -> Run {
        self.run_sandpit(&Caller::TEST, args)
    }

    /// Runs `sandpit` against the emulator with other credentials.
    pub fn sandpit_as(&self, access_key: &str, secret: &str, args: &[&str]) -> Run {
        self.run_sandpit(&Caller { access_key, secret, ..Caller::TEST }, args)
    }

    /// Runs `sandpit` with the test credentials against another endpoint in front of the
    /// emulator, e.g. a [`Proxy`]'s.
    pub fn sandpit_via(&self, endpoint: &str, args: &[&str]) -> Run {
        self.run_sandpit(&Caller { endpoint: Some(endpoint), ..Caller::TEST }, args)
    }

    /// Puts the class budget guard in place the way a student does (`sandpit budget ensure`), so
    /// billable labs are evaluated instead of `blocked`.
    pub fn guard(&self) {
        let run = self.sandpit(&["budget", "ensure", "--limit", "22", "--email", "team@example.com"]);
        assert_eq!(run.code, 0, "budget ensure failed:\n{}\n{}", run.stdout, run.stderr);
    }

    /// [`Self::aws`] with temporary credentials (an assumed role's key, secret and session
    /// token). Moto keeps accounts apart: with a session of a role in another account, the
    /// commands act in that account.
    pub fn aws_session(&self, access_key: &str, secret: &str, token: &str, args: &[&str]) -> Value {
        self.run_aws(&Caller { access_key, secret, token: Some(token), endpoint: None }, args)
    }

    /// Starts a [`Proxy`] in front of this emulator.
    pub fn proxy(&self, faults: Faults) -> Proxy {
        Proxy::start(&self.endpoint, faults)
    }

    /// Enforces IAM from now on (moto's `POST /moto-api/reset-auth` with 0 free calls): every
    /// later call must be signed by a known identity and allowed by its policies. Build the
    /// accounts with the test identity first, then call this: unlike counting free setup calls
    /// ([`MotoOptions::iam_enforced_after`]), it does not depend on how many requests the AWS
    /// CLI made (a retried call would use up the count and deny a later setup call).
    pub fn enforce_iam(&self) {
        use std::io::{Read, Write};
        let host = self.endpoint.trim_start_matches("http://");
        let mut stream = TcpStream::connect(host).expect("connect to moto");
        write!(
            stream,
            "POST /moto-api/reset-auth HTTP/1.1\r\nHost: {host}\r\nContent-Length: 1\r\nConnection: close\r\n\r\n0"
        )
        .expect("send reset-auth");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read reset-auth answer");
        let status = response.split_whitespace().nth(1);
        assert_eq!(status, Some("200"), "moto refused reset-auth:\n{response}");
    }
}

/// Who runs a command against the emulator, and through which endpoint.
#[derive(Clone, Copy)]
struct Caller<'a> {
    access_key: &'a str,
    secret: &'a str,
    /// The session token of temporary credentials.
    token: Option<&'a str>,
    /// An endpoint in front of the emulator (a [`Proxy`]'s); the emulator itself when `None`.
    endpoint: Option<&'a str>,
}

impl Caller<'static> {
    /// The test credentials, straight to the emulator.
    const TEST: Self = Caller { access_key: "testing", secret: "testing", token: None, endpoint: None };
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a `sandpit` run did.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Standard output as JSON; panics with both streams when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }
}

/// Runs `sandpit` with no emulator and a clean environment plus `env`.
pub fn sandpit_offline(args: &[&str], env: &[(&str, &str)]) -> Run {
    let home = tempfile::tempdir().expect("temp home");
    let mut cmd = Command::new(sandpit_bin());
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("AWS_EC2_METADATA_DISABLED", "true");
    for (k, v) in env {
        cmd.env(k, v);
    }
    Run::from(cmd.args(args).output().expect("run sandpit"))
}

/// The text at `path` (object keys and array indexes) of an AWS CLI answer, e.g.
/// `text(&out, &["Vpc", "VpcId"])`; panics with the whole answer when it is not there.
pub fn text(v: &Value, path: &[&str]) -> String {
    let pointer = format!("/{}", path.join("/"));
    v.pointer(&pointer).and_then(Value::as_str).unwrap_or_else(|| panic!("no {pointer} in {v:#}")).to_owned()
}

/// The status of one step in a `check --json` report.
pub fn step_status(report: &Value, step: &str) -> String {
    report["steps"]
        .as_array()
        .and_then(|steps| steps.iter().find(|s| s["id"] == step))
        .and_then(|s| s["status"].as_str())
        .unwrap_or_else(|| panic!("no step {step} in {report:#}"))
        .to_owned()
}

/// The ids of the steps that do not pass.
pub fn not_passing(report: &Value) -> Vec<String> {
    report["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter(|s| s["status"] != "pass")
        .map(|s| s["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The failing findings of one step.
pub fn failures<'a>(report: &'a Value, step: &str) -> Vec<&'a Value> {
    report["steps"]
        .as_array()
        .and_then(|steps| steps.iter().find(|s| s["id"] == step))
        .and_then(|s| s["findings"].as_array())
        .map(|f| f.iter().filter(|f| f["status"] == "fail").collect())
        .unwrap_or_default()
}
