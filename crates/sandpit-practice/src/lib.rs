//! The local practice sandbox: for learners without an AWS account or allowance, and for class
//! rehearsal. It runs moto, an AWS emulator, on loopback only, from a virtualenv Sandpit creates
//! and manages in its data directory (`<data dir>/practice/`), and remembers it in a state
//! file so the CLI and the desktop app find the same sandbox.
//!
//! Nothing here is AWS: it is an emulator, and every caller labels it as one.

use sandpit_core::msg::{Explain, Place};
use sandpit_core::{Localized, msg};
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The moto release the sandbox installs (the one Sandpit's own tests run against).
pub const MOTO_REQUIREMENT: &str = "moto[server]==5.2.5";
/// Credentials the emulator accepts (any would do; these say what they are).
pub const ACCESS_KEY: &str = "practice";
/// See [`ACCESS_KEY`].
pub const SECRET_KEY: &str = "practice";
/// The sandbox's region: the bootcamp's.
pub const REGION: &str = "ap-northeast-2";
/// Use this `moto_server` instead of installing one (offline machines, tests).
pub const MOTO_ENV: &str = "SANDPIT_PRACTICE_MOTO";

/// Why the sandbox could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum PracticeError {
    /// Python or its venv module is missing.
    #[error(
        "cannot create the practice virtualenv: {0}. Install Python 3 with venv (Debian: sudo apt install python3-venv)"
    )]
    NoPython(String),
    /// pip could not install moto.
    #[error("cannot install the emulator ({MOTO_REQUIREMENT}) into {venv}: {message}")]
    Install {
        /// The virtualenv.
        venv: PathBuf,
        /// pip's complaint.
        message: String,
    },
    /// The emulator did not start listening.
    #[error("the emulator did not start on 127.0.0.1:{port}: {message} (log: {log})")]
    Start {
        /// The port.
        port: u16,
        /// What happened.
        message: String,
        /// Its log file.
        log: PathBuf,
    },
    /// A file of the sandbox could not be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What happened.
        message: String,
    },
}

impl Explain for PracticeError {
    fn explain(&self, _: Place) -> Localized {
        match self {
            PracticeError::NoPython(detail) => msg!("practice-no-python", detail = detail.as_str()),
            PracticeError::Install { venv, message } => {
                msg!("practice-install", venv = venv.display().to_string(), detail = message.as_str())
            }
            PracticeError::Start { port, message, log } => {
                msg!(
                    "practice-start",
                    port = *port,
                    detail = message.as_str(),
                    log = log.display().to_string()
                )
            }
            PracticeError::Io { path, message } => {
                msg!("practice-io", path = path.display().to_string(), detail = message.as_str())
            }
        }
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> PracticeError + '_ {
    move |e| PracticeError::Io { path: path.to_path_buf(), message: e.to_string() }
}

/// A running sandbox, as remembered in its state file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sandbox {
    /// The emulator's process id.
    pub pid: u32,
    /// Its loopback port.
    pub port: u16,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// Its log file.
    pub log: PathBuf,
}

impl Sandbox {
    /// The environment that points the AWS CLI (and Sandpit) at the sandbox.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY.to_owned()),
            ("AWS_SECRET_ACCESS_KEY", SECRET_KEY.to_owned()),
            ("AWS_REGION", REGION.to_owned()),
            ("AWS_DEFAULT_REGION", REGION.to_owned()),
        ]
    }
}

/// The sandbox's folder in a data directory.
#[derive(Debug, Clone)]
pub struct Practice {
    dir: PathBuf,
}

impl Practice {
    /// The sandbox of the data directory `data_dir`.
    pub fn new(data_dir: &Path) -> Self {
        Self { dir: data_dir.join("practice") }
    }

    fn state_file(&self) -> PathBuf {
        self.dir.join("state.json")
    }

    fn venv(&self) -> PathBuf {
        self.dir.join("venv")
    }

    /// The running sandbox, if there is one (a stale state file is removed).
    pub fn status(&self) -> Option<Sandbox> {
        let text = std::fs::read_to_string(self.state_file()).ok()?;
        let sandbox: Sandbox = serde_json::from_str(&text).ok()?;
        if process_alive(sandbox.pid) && answers(sandbox.port) {
            Some(sandbox)
        } else {
            let _ = std::fs::remove_file(self.state_file());
            None
        }
    }

    /// Starts the sandbox (installing the emulator first if needed), or returns the running one.
    /// `progress` hears what is happening, for long first starts.
    pub fn start(&self, port: Option<u16>, progress: &mut dyn FnMut(&str)) -> Result<Sandbox, PracticeError> {
        if let Some(running) = self.status() {
            return Ok(running);
        }
        std::fs::create_dir_all(&self.dir).map_err(io(&self.dir))?;
        let moto = self.moto_server(progress)?;
        self.launch(&moto, port, progress)
    }

    /// Runs `moto` on `port` (a free one when `None`) and records it.
    fn launch(
        &self,
        moto: &Path,
        port: Option<u16>,
        progress: &mut dyn FnMut(&str),
    ) -> Result<Sandbox, PracticeError> {
        std::fs::create_dir_all(&self.dir).map_err(io(&self.dir))?;
        let port = match port {
            Some(p) => p,
            None => free_port().map_err(io(&self.dir))?,
        };
        let log = self.dir.join("moto.log");
        let out = std::fs::File::create(&log).map_err(io(&log))?;
        let err = out.try_clone().map_err(io(&log))?;
        progress(&format!("starting the emulator on 127.0.0.1:{port}"));
        let mut cmd = Command::new(moto);
        cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        // Its own process group: the sandbox outlives the command that started it, and a Ctrl-C
        // in that terminal does not reach it.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut child = cmd.spawn().map_err(|e| PracticeError::Start {
            port,
            message: format!("cannot run {}: {e}", moto.display()),
            log: log.clone(),
        })?;
        let deadline = Instant::now() + Duration::from_secs(60);
        while !answers(port) {
            if let Ok(Some(status)) = child.try_wait() {
                return Err(PracticeError::Start { port, message: format!("it exited ({status})"), log });
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                return Err(PracticeError::Start { port, message: "no answer after 60 s".to_owned(), log });
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let sandbox = Sandbox {
            pid: child.id(),
            port,
            endpoint: format!("http://127.0.0.1:{port}"),
            started_at: Utc::now(),
            log,
        };
        write_atomically(&self.state_file(), &serde_json::to_vec_pretty(&sandbox).expect("serializes"))?;
        Ok(sandbox)
    }

    /// Stops the running sandbox; `Ok(None)` when none was running. Everything built in it is gone.
    pub fn stop(&self) -> Result<Option<Sandbox>, PracticeError> {
        let Some(sandbox) = self.status() else { return Ok(None) };
        // SIGTERM through kill(1): no unsafe code, no extra dependency.
        let _ = Command::new("kill").arg(sandbox.pid.to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while process_alive(sandbox.pid) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
        }
        if process_alive(sandbox.pid) {
            let _ = Command::new("kill").args(["-9", &sandbox.pid.to_string()]).status();
        }
        let state = self.state_file();
        std::fs::remove_file(&state).map_err(io(&state))?;
        Ok(Some(sandbox))
    }

    /// The `moto_server` to run: [`MOTO_ENV`] when set, else the managed virtualenv's,
    /// installed on first use.
    fn moto_server(&self, progress: &mut dyn FnMut(&str)) -> Result<PathBuf, PracticeError> {
        if let Some(path) = std::env::var_os(MOTO_ENV).filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(path));
        }
        let venv = self.venv();
        let moto = venv.join("bin").join("moto_server");
        if moto.is_file() {
            return Ok(moto);
        }
        progress(&format!("creating a virtualenv in {} (first start only)", venv.display()));
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .output()
            .map_err(|e| PracticeError::NoPython(e.to_string()))?;
        if !made.status.success() {
            return Err(PracticeError::NoPython(String::from_utf8_lossy(&made.stderr).trim().to_owned()));
        }
        progress(&format!("installing {MOTO_REQUIREMENT} (about a minute)"));
        let pip = Command::new(venv.join("bin").join("pip"))
            .args(["install", "--quiet", MOTO_REQUIREMENT])
            .output()
            .map_err(|e| PracticeError::Install { venv: venv.clone(), message: e.to_string() })?;
        if !pip.status.success() || !moto.is_file() {
            // Half an install is no install: the next start tries again from scratch.
            let _ = std::fs::remove_dir_all(&venv);
            return Err(PracticeError::Install {
                venv,
                message: String::from_utf8_lossy(&pip.stderr).trim().to_owned(),
            });
        }
        Ok(moto)
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), PracticeError> {
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).map_err(io(&tmp))?;
    f.write_all(bytes).and_then(|()| f.sync_all()).map_err(io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io(path))
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        && std::fs::read_to_string(format!("/proc/{pid}/stat"))
            // A zombie (`Z`) has exited; it only waits for its parent.
            .map(|s| s.rsplit(')').next().is_some_and(|rest| !rest.trim_start().starts_with('Z')))
            .unwrap_or(false)
}

/// Whether something answers HTTP on the loopback port.
fn answers(port: u16) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_millis(300)) else { return false };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    s.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_state_file_means_not_running() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Practice::new(dir.path()).status(), None);
    }

    #[test]
    fn a_stale_state_file_is_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let p = Practice::new(dir.path());
        std::fs::create_dir_all(dir.path().join("practice")).unwrap();
        let stale = Sandbox {
            pid: u32::MAX - 1,
            port: free_port().unwrap(),
            endpoint: "http://127.0.0.1:1".into(),
            started_at: Utc::now(),
            log: "moto.log".into(),
        };
        std::fs::write(p.state_file(), serde_json::to_vec(&stale).unwrap()).unwrap();
        assert_eq!(p.status(), None);
        assert!(!p.state_file().exists());
        assert_eq!(p.stop().unwrap(), None);
    }

    #[test]
    fn the_environment_points_the_aws_cli_at_loopback() {
        let s = Sandbox {
            pid: 1,
            port: 4566,
            endpoint: "http://127.0.0.1:4566".into(),
            started_at: Utc::now(),
            log: "x".into(),
        };
        let env = s.env();
        assert!(env.contains(&("AWS_ENDPOINT_URL", "http://127.0.0.1:4566".to_owned())));
        assert!(env.iter().any(|(k, v)| *k == "AWS_REGION" && v == REGION));
    }

    #[test]
    fn a_missing_moto_fails_with_the_log_path() {
        let dir = tempfile::tempdir().unwrap();
        let p = Practice::new(dir.path());
        let err = p.launch(Path::new("/nonexistent/moto_server"), None, &mut |_| {}).unwrap_err().to_string();
        assert!(err.contains("cannot run /nonexistent/moto_server"), "{err}");
        assert!(p.status().is_none());
    }
}
