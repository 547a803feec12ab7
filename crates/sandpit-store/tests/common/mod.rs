//! Test support: a throwaway database of either backend, and report/snapshot fixtures.
//!
//! PostgreSQL is the real server from Debian's `postgresql` package, started here on a free
//! loopback port with its data and socket in a temporary folder, and stopped when the last test
//! using it is done. Missing binaries fail the test with what to install: never a silent skip.

#![allow(dead_code, unreachable_pub)]

use std::net::TcpListener;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sandpit_core::Localized;
use sandpit_core::report::{Finding, Report, StepResult, StepStatus};
use sandpit_core::snapshot::Snapshot;
use sqlx::Connection;

/// A fresh, empty database for one test.
pub struct TestDb {
    /// The URL to open it with.
    pub url: String,
    /// Which backend.
    pub postgres: bool,
    _dir: Option<tempfile::TempDir>,
    _server: Option<Arc<PgServer>>,
}

impl TestDb {
    /// A new SQLite file in a temporary folder (the file itself does not exist yet).
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("progress.db").display());
        TestDb { url, postgres: false, _dir: Some(dir), _server: None }
    }

    /// A new database on the shared test PostgreSQL server.
    pub async fn postgres() -> Self {
        Self::postgres_on(PgServer::shared()).await
    }

    /// A new database on `server` (created over TLS when the server offers it).
    pub async fn postgres_on(server: Arc<PgServer>) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!("sandpit_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut admin =
            sqlx::PgConnection::connect(&server.url("postgres")).await.expect("connect to the test server");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.expect("create database");
        admin.close().await.ok();
        TestDb { url: server.url(&name), postgres: true, _dir: None, _server: Some(server) }
    }

    /// The SQLite file, for SQLite databases.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        self.url.strip_prefix("sqlite://").map(PathBuf::from)
    }

    /// A raw connection pool, to look under the store (or tamper with it).
    pub async fn raw(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(&self.url).await.expect("raw connection")
    }
}

/// A PostgreSQL server of our own.
pub struct PgServer {
    child: Mutex<Child>,
    port: u16,
    bin: PathBuf,
    data: PathBuf,
    as_postgres_user: bool,
    log: PathBuf,
    tls: Option<TlsFiles>,
    _dir: tempfile::TempDir,
}

/// The certificates of a TLS test server, made for it by `openssl`.
pub struct TlsFiles {
    /// The CA that signed the server's certificate (PEM).
    pub ca: PathBuf,
    /// A CA that signed nothing the server has (PEM).
    pub other_ca: PathBuf,
    /// A CA with the same name as [`Self::ca`] but another key, as after regenerating it (PEM).
    pub regenerated_ca: PathBuf,
}

/// The names the TLS server's certificate is for.
pub const TLS_CERT_NAMES: &str = "IP:127.0.0.1, DNS:localhost";

impl PgServer {
    /// The plain (no TLS) server shared by the tests running now; started on first use,
    /// stopped when the last test holding it drops it.
    pub fn shared() -> Arc<PgServer> {
        static SERVER: Mutex<Weak<PgServer>> = Mutex::new(Weak::new());
        Self::shared_in(&SERVER, false)
    }

    /// The shared TLS server: `ssl = on` with a certificate for [`TLS_CERT_NAMES`] signed by a
    /// CA of its own ([`Self::tls`]), and a `pg_hba.conf` of `hostssl` lines only, so a plain
    /// TCP connection is refused (like Amazon RDS with `rds.force_ssl = 1`). It listens on
    /// 127.0.0.1 and on 127.0.0.2, a loopback address its certificate does not name.
    pub fn shared_tls() -> Arc<PgServer> {
        static SERVER: Mutex<Weak<PgServer>> = Mutex::new(Weak::new());
        Self::shared_in(&SERVER, true)
    }

    fn shared_in(server: &Mutex<Weak<PgServer>>, tls: bool) -> Arc<PgServer> {
        let mut slot = server.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(server) = slot.upgrade() {
            return server;
        }
        let server = Arc::new(PgServer::start(tls));
        *slot = Arc::downgrade(&server);
        server
    }

    /// `postgres://postgres@127.0.0.1:PORT/<database>`
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Its certificates, for a TLS server.
    pub fn tls(&self) -> &TlsFiles {
        self.tls.as_ref().expect("a TLS server")
    }

    fn start(tls: bool) -> PgServer {
        let bin = postgres_bin_dir();
        let as_postgres_user = running_as_root();
        let dir = tempfile::Builder::new().prefix("sandpit-pg-").tempdir().expect("temp dir");
        if as_postgres_user {
            // initdb and postgres refuse to run as root: the folder goes to the postgres user.
            let status = Command::new("chown").arg("postgres:postgres").arg(dir.path()).status();
            assert!(
                status.is_ok_and(|s| s.success()),
                "cannot give {} to the `postgres` user (is the Debian package `postgresql` installed?)",
                dir.path().display()
            );
        }
        let data = dir.path().join("data");
        let log = dir.path().join("postgres.log");
        let run = |program: &str| {
            let path = bin.join(program);
            if as_postgres_user {
                let mut cmd = Command::new("runuser");
                cmd.args(["-u", "postgres", "--"]).arg(path);
                cmd
            } else {
                Command::new(path)
            }
        };
        let out = run("initdb")
            .arg("-D")
            .arg(&data)
            .args(["-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"])
            .output()
            .expect("run initdb");
        assert!(out.status.success(), "initdb failed:\n{}", String::from_utf8_lossy(&out.stderr));
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let log_file = std::fs::File::create(&log).expect("log file");
        let mut postgres = run("postgres");
        let files = if tls {
            let (files, server_cert, server_key) = make_certificates(dir.path(), as_postgres_user);
            std::fs::write(
                data.join("pg_hba.conf"),
                "local all all trust\nhostssl all all 127.0.0.0/8 trust\n",
            )
            .expect("write pg_hba.conf");
            postgres
                .args(["-h", "127.0.0.1,127.0.0.2", "-c", "ssl=on"])
                .arg("-c")
                .arg(format!("ssl_cert_file={}", server_cert.display()))
                .arg("-c")
                .arg(format!("ssl_key_file={}", server_key.display()));
            Some(files)
        } else {
            postgres.args(["-h", "127.0.0.1"]);
            None
        };
        let child = postgres
            .arg("-D")
            .arg(&data)
            .arg("-k")
            .arg(dir.path())
            .args(["-p", &port.to_string()])
            // The server's own durability is not under test here (clients are killed, not
            // the machine): skip fsync to keep the suite quick on a shared machine.
            .args(["-c", "fsync=off", "-c", "max_connections=200"])
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("log file"))
            .stderr(log_file)
            .spawn()
            .expect("start postgres");
        let server = PgServer {
            child: Mutex::new(child),
            port,
            bin,
            data,
            as_postgres_user,
            log,
            tls: files,
            _dir: dir,
        };
        server.wait_until_ready();
        server
    }

    fn wait_until_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let ready = Command::new(self.bin.join("pg_isready"))
                .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", "postgres", "-q"])
                .status()
                .is_ok_and(|s| s.success());
            if ready {
                return;
            }
            if let Ok(Some(status)) = self.child.lock().unwrap_or_else(|p| p.into_inner()).try_wait() {
                panic!("postgres exited ({status}):\n{}", self.log());
            }
            assert!(Instant::now() < deadline, "postgres did not start in 60 s:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// What the server logged.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let pg_ctl = self.bin.join("pg_ctl");
        let mut stop = if self.as_postgres_user {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(pg_ctl);
            cmd
        } else {
            Command::new(pg_ctl)
        };
        let stopped = stop
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        let mut child = self.child.lock().unwrap_or_else(|p| p.into_inner());
        if !stopped {
            let _ = child.kill();
        }
        let _ = child.wait();
    }
}

/// A CA, a server certificate it signs for [`TLS_CERT_NAMES`], and two CAs that did not sign it
/// (one unrelated, one of the same name), made with the `openssl` command in `dir`. Returns them with the server's certificate and key
/// (readable by the server only, as PostgreSQL demands).
fn make_certificates(dir: &Path, as_postgres_user: bool) -> (TlsFiles, PathBuf, PathBuf) {
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl").args(args).current_dir(dir).output().unwrap_or_else(|e| {
            panic!("cannot run `openssl` ({e}): install the Debian package `openssl` for the TLS tests")
        });
        assert!(out.status.success(), "openssl {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    };
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("write openssl config");
    let new_key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    for (name, common_name) in
        [("ca", "Sandpit test CA"), ("regenerated-ca", "Sandpit test CA"), ("other-ca", "Another test CA")]
    {
        let (config, key, pem) = (format!("{name}.cnf"), format!("{name}.key"), format!("{name}.pem"));
        write(
            &config,
            &format!(
                "[req]\ndistinguished_name = dn\nprompt = no\nx509_extensions = ca\n[dn]\nCN = {common_name}\n\
                 [ca]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\n\
                 subjectKeyIdentifier = hash\n"
            ),
        );
        openssl(
            &[
                &["req", "-x509", "-config", &config, "-days", "2"],
                &new_key[..],
                &["-keyout", &key, "-out", &pem],
            ]
            .concat(),
        );
    }
    write(
        "server.ext",
        &format!(
            "basicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature\nextendedKeyUsage = serverAuth\n\
             subjectAltName = {TLS_CERT_NAMES}\nauthorityKeyIdentifier = keyid\n"
        ),
    );
    openssl(
        &[
            &["req", "-new", "-subj", "/CN=localhost"],
            &new_key[..],
            &["-keyout", "server.key", "-out", "server.csr"],
        ]
        .concat(),
    );
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-set_serial",
        "4242",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "server.crt",
    ]);
    let (cert, key) = (dir.join("server.crt"), dir.join("server.key"));
    if as_postgres_user {
        let status = Command::new("chown").arg("postgres:postgres").args([&cert, &key]).status();
        assert!(status.is_ok_and(|s| s.success()), "cannot give the server certificate to `postgres`");
    }
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600)).expect("chmod key");
    let files = TlsFiles {
        ca: dir.join("ca.pem"),
        other_ca: dir.join("other-ca.pem"),
        regenerated_ca: dir.join("regenerated-ca.pem"),
    };
    (files, cert, key)
}

/// The folder of the PostgreSQL server binaries: `SANDPIT_PG_BIN`, else the newest
/// `/usr/lib/postgresql/*/bin` (Debian's layout).
fn postgres_bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SANDPIT_PG_BIN") {
        return PathBuf::from(dir);
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    match found.pop() {
        Some((_, bin)) => bin,
        None => panic!(
            "PostgreSQL server binaries not found (looked for /usr/lib/postgresql/*/bin/initdb): install \
             the Debian package `postgresql` (`make test` does: `apt-get install postgresql`), or set \
             SANDPIT_PG_BIN to the folder holding initdb and postgres"
        ),
    }
}

fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

/// A time from RFC 3339 text.
pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("RFC 3339").with_timezone(&Utc)
}

/// A report of `lab` at `when`, one step per `(id, status)`, with findings that fit.
pub fn report(lab: &str, when: DateTime<Utc>, steps: &[(&str, StepStatus)]) -> Report {
    let steps = steps
        .iter()
        .map(|(id, status)| {
            let findings = match status {
                StepStatus::Pass => vec![
                    Finding::pass(Localized::new(format!("{id} is in place"), format!("{id} 완료")))
                        .resource(format!("res-{id}")),
                ],
                StepStatus::Fail => vec![
                    Finding::fail(Localized::new(format!("{id} is missing"), format!("{id}이(가) 없습니다")))
                        .expected(format!("a {id}"))
                        .found("nothing")
                        .hint(Localized::new(
                            format!("Create the {id}, then check again."),
                            format!("{id}을(를) 만든 뒤 다시 확인하세요."),
                        )),
                ],
                StepStatus::Error => vec![Finding::error(Localized::new(
                    format!("{id} could not be read"),
                    format!("{id}을(를) 읽지 못했습니다"),
                ))],
                StepStatus::Blocked | StepStatus::Skipped => Vec::new(),
            };
            StepResult {
                id: (*id).to_owned(),
                title: Localized::new(format!("Step {id}"), format!("단계 {id}")),
                status: *status,
                findings,
            }
        })
        .collect();
    Report::new(lab, Some("123456789012".into()), Some("ap-northeast-2".into()), when, steps)
}

/// A snapshot of the test account.
pub fn snapshot(when: DateTime<Utc>) -> Snapshot {
    Snapshot {
        account: Some("123456789012".into()),
        region: Some("ap-northeast-2".into()),
        collected_at: Some(when),
        ..Snapshot::default()
    }
}

/// The caller ARN used by fixtures.
pub const CALLER: &str = "arn:aws:iam::123456789012:user/student";

/// Where this crate's migrations are.
pub fn migrations_dir(postgres: bool) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(if postgres {
        "postgres"
    } else {
        "sqlite"
    })
}
