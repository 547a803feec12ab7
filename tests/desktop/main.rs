//! End-to-end test of the **real desktop binary** (`sandpit-desktop`) in a real window: Xvfb as
//! the display, `tauri-driver` + `WebKitWebDriver` as the WebDriver, the real moto server as the
//! account. Opens a lesson and follows a wikilink, searches in Korean, runs a lab check against
//! the emulator and reads the findings in the page, sees a billable lab locked without a budget
//! guard and unlocked after `sandpit budget ensure`, checks a class of team accounts in the Class
//! view (`class.rs`), recognises a build made with other names and addresses and keeps the
//! learner's "yes, this is mine" across a restart (`discover.rs`), and saves a screenshot of each main screen into `docs/screenshots/` (the
//! README shows them).
//!
//! Missing Xvfb, tauri-driver or WebKitWebDriver is a failure, not a skip: `make test` installs
//! them.

mod broken_store;
mod class;
mod discover;
mod first_run;
mod reach;
mod readable;
mod webdriver;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sandpit_e2e::{Moto, REGION, text};
use serde_json::{Value, json};
use webdriver::Session;

/// Kills a helper process when the test ends, however it ends.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        // Asked to stop first (SIGTERM), so that Xvfb removes its lock file and socket; killed
        // if it has not stopped within two seconds.
        let _ = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

/// `name` on PATH (or `~/.cargo/bin`), else a failure telling how to get it.
fn require(name: &str, package: &str) -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([home.join(".cargo/bin")])
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "{name} not found: the desktop end-to-end test needs it ({package}). Run the tests with \
                 `make test`, which installs xvfb, xauth, webkit2gtk-driver and tauri-driver when missing."
            )
        })
}

/// The built `sandpit-desktop` next to the other binaries (`make test` builds it).
fn desktop_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("SANDPIT_DESKTOP_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("test binary path");
    let bin = exe.parent().and_then(Path::parent).expect("target dir").join("sandpit-desktop");
    assert!(
        bin.exists(),
        "{} does not exist: build it first (`cargo build -p sandpit-desktop`, done by `make test`)",
        bin.display()
    );
    bin
}

/// Whether display `n` is held by an X server. A lock file naming a process that no longer runs
/// is left by a server that was killed (a test run interrupted, a crash): it and the socket are
/// removed, as an X server starting on that display would, or every such run would use up a
/// display until none of :90–:139 is left.
fn display_taken(n: u32) -> bool {
    let lock = format!("/tmp/.X{n}-lock");
    let socket = format!("/tmp/.X11-unix/X{n}");
    match std::fs::read_to_string(&lock) {
        Ok(text) => match text.trim().parse::<u32>() {
            Ok(pid) if !Path::new(&format!("/proc/{pid}")).exists() => {
                let _ = std::fs::remove_file(&lock);
                let _ = std::fs::remove_file(&socket);
                false
            }
            _ => true,
        },
        Err(_) => Path::new(&socket).exists(),
    }
}

/// Starts Xvfb on a free display number; returns it and its guard.
fn start_xvfb() -> (String, Guard) {
    let xvfb = require("Xvfb", "Debian package xvfb");
    for n in 90..140 {
        if display_taken(n) {
            continue;
        }
        let display = format!(":{n}");
        let child = Command::new(&xvfb)
            .args([display.as_str(), "-screen", "0", "1440x900x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let mut guard = Guard(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            // Listening, not merely there: a killed server leaves its socket file behind.
            if std::os::unix::net::UnixStream::connect(format!("/tmp/.X11-unix/X{n}")).is_ok() {
                return (display, guard);
            }
            if let Ok(Some(_)) = guard.0.try_wait() {
                break; // display taken by someone else: try the next
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        drop(guard);
    }
    panic!("could not start Xvfb on any display :90–:139");
}

/// Where screenshots go: `SANDPIT_SCREENSHOTS_DIR` (`make screenshots` points it at the README's
/// `docs/screenshots/`), else next to the test binaries, so that `make test` leaves the clone as
/// it found it.
fn screenshots_dir() -> PathBuf {
    let dir = std::env::var_os("SANDPIT_SCREENSHOTS_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("desktop-screenshots"), PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("screenshot folder {}: {e}", dir.display()));
    dir
}

/// Waits until the "loading…" pill is really gone (computed style, not just the `hidden`
/// attribute: a class's `display` once kept it on screen after every load had finished).
fn assert_pill_hidden(s: &Session, screen: &str) {
    s.wait_for(
        &format!("the loading pill to hide on the {screen} screen"),
        30,
        "var b = document.getElementById('busy'); var r = b.getBoundingClientRect();\
         return getComputedStyle(b).display === 'none' && r.width === 0 && r.height === 0;",
        json!([]),
    );
}

/// WebKitWebDriver's screenshot waits for the next painted frame: on a page where nothing moves
/// (no spinner once every load is done) it never comes and the command hangs. An invisible
/// change per animation frame for a few seconds (the version label's opacity, 1 ↔ 0.999) keeps
/// frames coming while the screenshot is taken.
fn keep_painting(s: &Session) {
    s.js(
        "var e = document.getElementById('version'), n = 0;\
         (function tick() { e.style.opacity = n % 2 ? '0.999' : '1'; n += 1;\
           if (n < 300) requestAnimationFrame(tick); else e.style.opacity = ''; })();",
        json!([]),
    );
}

fn shoot(s: &Session, name: &str) {
    // Every screen is shot once it finished loading: the pill must be gone by then.
    assert_pill_hidden(s, name);
    // The README's pictures show the window at its own size (tauri.conf.json).
    let size = s.js("return [window.innerWidth, window.innerHeight];", json!([]));
    assert_eq!(size, json!([1280, 820]), "{name} at the window's size");
    // Let fonts and the spinner settle.
    std::thread::sleep(Duration::from_millis(400));
    keep_painting(s);
    let png = s.screenshot();
    assert!(png.starts_with(b"\x89PNG"), "screenshot {name} is not a PNG");
    std::fs::write(screenshots_dir().join(format!("{name}.png")), png).expect("write screenshot");
}

fn tag(kind: &str, name: &str) -> String {
    format!("ResourceType={kind},Tags=[{{Key=Name,Value={name}}}]")
}

/// Part of three-tier-vpc, as a student would build it with the AWS CLI: the VPC, both public
/// subnets, the internet gateway and the public route table. Returns the VPC id.
fn build_part_of_three_tier(m: &Moto) -> String {
    let vpc = text(
        &m.aws(&[
            "ec2",
            "create-vpc",
            "--cidr-block",
            "10.10.0.0/16",
            "--tag-specifications",
            &tag("vpc", "vpc-1"),
        ]),
        &["Vpc", "VpcId"],
    );
    let zones = m.aws(&["ec2", "describe-availability-zones"]);
    let az = |i: &str| text(&zones, &["AvailabilityZones", i, "ZoneName"]);
    let mut public = Vec::new();
    for (name, cidr, zone) in
        [("pub_vpc1-1", "10.10.5.0/24", az("0")), ("pub_vpc1-2", "10.10.6.0/24", az("1"))]
    {
        let out = m.aws(&[
            "ec2",
            "create-subnet",
            "--vpc-id",
            &vpc,
            "--cidr-block",
            cidr,
            "--availability-zone",
            &zone,
            "--tag-specifications",
            &tag("subnet", name),
        ]);
        public.push(text(&out, &["Subnet", "SubnetId"]));
    }
    let igw = text(&m.aws(&["ec2", "create-internet-gateway"]), &["InternetGateway", "InternetGatewayId"]);
    m.aws(&["ec2", "attach-internet-gateway", "--internet-gateway-id", &igw, "--vpc-id", &vpc]);
    let rt = text(&m.aws(&["ec2", "create-route-table", "--vpc-id", &vpc]), &["RouteTable", "RouteTableId"]);
    m.aws(&[
        "ec2",
        "create-route",
        "--route-table-id",
        &rt,
        "--destination-cidr-block",
        "0.0.0.0/0",
        "--gateway-id",
        &igw,
    ]);
    for s in &public {
        m.aws(&["ec2", "associate-route-table", "--route-table-id", &rt, "--subnet-id", s]);
    }
    vpc
}

/// The budget guard, created the way the lab's preflight finding says.
fn ensure_budget_guard(m: &Moto) {
    let run = m.sandpit(&["budget", "ensure", "--limit", "22", "--email", "you@example.com"]);
    assert_eq!(run.code, 0, "sandpit budget ensure failed: {}", run.stderr);
}

fn step_status(s: &Session, step: &str) -> String {
    s.js(
        "var e = document.querySelector('#lab-runner .step[data-step=\"' + arguments[0] + '\"]'); return e ? e.getAttribute('data-status') : null;",
        json!([step]),
    )
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

fn wait_checked(s: &Session, what: &str) {
    s.wait_for(
        what,
        120,
        "var r = document.getElementById('lab-runner'); return r && r.getAttribute('data-state') === 'idle' && !!document.getElementById('lab-summary-line');",
        json!([]),
    );
}

/// The later steps of the open billable lab: (locked, Check disabled) for each.
fn later_steps_locked(s: &Session) -> Vec<(String, bool, bool)> {
    let v = s.js(
        "return Array.prototype.map.call(document.querySelectorAll('#lab-runner .step:not(.preflight)'), function (e) {\
           var b = e.querySelector('button.check-step');\
           return [e.getAttribute('data-step'), e.classList.contains('locked') && !!e.querySelector('.lock'), !!(b && b.disabled)]; });",
        json!([]),
    );
    v.as_array()
        .expect("steps")
        .iter()
        .map(|x| {
            (
                x[0].as_str().unwrap_or_default().to_owned(),
                x[1] == Value::Bool(true),
                x[2] == Value::Bool(true),
            )
        })
        .collect()
}

/// The app under tauri-driver and Xvfb, pointed at `m` with `home` as its home and data
/// directory, plus `env`; returns the session and what keeps tauri-driver and Xvfb alive.
fn launch(m: &Moto, home: &Path, env: &[(&str, &str)]) -> (Session, Vec<Guard>) {
    let aws = [
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_REGION", REGION),
        ("AWS_DEFAULT_REGION", REGION),
        ("AWS_ENDPOINT_URL", m.endpoint.as_str()),
    ];
    launch_app(home, &aws.iter().chain(env).copied().collect::<Vec<_>>())
}

/// The app under tauri-driver and Xvfb with `home` as its home and data directory and nothing
/// else of the caller's environment but `PATH` and `env`: no AWS configuration unless given.
fn launch_app(home: &Path, env: &[(&str, &str)]) -> (Session, Vec<Guard>) {
    let tauri_driver = require("tauri-driver", "cargo install tauri-driver --locked");
    let native = require("WebKitWebDriver", "Debian package webkit2gtk-driver");
    let app = desktop_bin();
    let (display, xvfb) = start_xvfb();
    let port = free_port();
    let native_port = free_port();
    let log = home.join("tauri-driver.log");
    let mut cmd = Command::new(&tauri_driver);
    cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
        .arg("--native-driver")
        .arg(&native)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("DISPLAY", &display)
        .env("XDG_RUNTIME_DIR", home)
        .env("SANDPIT_DATA_DIR", home.join("data"))
        // Not configuration: no instance metadata service to wait for on a desktop.
        .env("AWS_EC2_METADATA_DISABLED", "true")
        // The app turns WebKit's GPU compositing off itself (as users run it); Mesa's software
        // renderer is what a virtual display has.
        .env("LIBGL_ALWAYS_SOFTWARE", "1");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let child = cmd
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log).expect("log"))
        .stderr(std::fs::File::options().append(true).open(&log).expect("log"))
        .spawn()
        .expect("start tauri-driver");
    let driver = Guard(child);
    let driver_log = || std::fs::read_to_string(&log).unwrap_or_default();
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "tauri-driver did not listen:\n{}", driver_log());
        std::thread::sleep(Duration::from_millis(100));
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let session = loop {
        match Session::start(port, app.to_str().expect("utf-8 path")) {
            Ok(s) => break s,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(300)),
            Err(e) => panic!("no WebDriver session: {e}\ntauri-driver log:\n{}", driver_log()),
        }
    };
    (session, vec![driver, xvfb])
}

#[test]
fn the_desktop_app_in_a_real_window() {
    let m = Moto::start();
    let vpc = build_part_of_three_tier(&m);
    let home = tempfile::tempdir().expect("temp home");
    let (s, _guards) = launch(&m, home.path(), &[]);

    // ---- Home: Korean by default, the emulator account, no budget guard ------------------------
    s.wait_until_started();
    assert_eq!(s.text("#nav-lessons"), "학습", "Korean is the default language");
    let banner = s.wait_for(
        "the budget banner",
        60,
        "return document.getElementById('budget-banner').getAttribute('data-status');",
        json!([]),
    );
    assert_eq!(banner, "unguarded");
    s.wait_for(
        "the account",
        60,
        "return document.getElementById('account-body').getAttribute('data-connected');",
        json!([]),
    );
    let account = s.text("#account-body");
    assert!(account.contains("123456789012"), "{account}");
    assert!(account.contains(&m.endpoint), "the emulator is named: {account}");
    shoot(&s, "home");

    // ---- Lessons: open one, follow a wikilink -------------------------------------------------
    s.click("#nav-lessons");
    s.click("#lesson-tree a[data-lesson=\"vpc-subnets-routing\"]");
    s.wait_for(
        "the lesson page",
        30,
        "var c = document.getElementById('lesson-content'); return c.getAttribute('data-lesson') === 'vpc-subnets-routing' && !!c.querySelector('article.lesson');",
        json!([]),
    );
    assert!(s.text("#lesson-content .lesson-title").len() > 2);
    assert!(
        s.js("return document.querySelectorAll('#lesson-content nav.toc a').length;", json!([]))
            .as_u64()
            .unwrap_or(0)
            > 1,
        "the lesson page has a table of contents"
    );
    shoot(&s, "lessons");
    // The lesson's picture (content/assets, inlined as a `data:` URI under the CSP) is decoded
    // by the webview once scrolled to (it loads lazily), not left as a broken image.
    s.js(
        "document.querySelector('#lesson-content img.embed-image').scrollIntoView(); return true;",
        json!([]),
    );
    s.wait_for(
        "the lesson's picture, decoded",
        30,
        "var i = document.querySelector('#lesson-content img.embed-image'); return !!i && i.src.indexOf('data:image/svg+xml;base64,') === 0 && i.complete && i.naturalWidth > 0;",
        json!([]),
    );
    let target = s.js(
        "var a = document.querySelector('#lesson-content .lesson-body a.wikilink:not(.missing)') || document.querySelector('#lesson-content a.wikilink:not(.missing)');\
         a.setAttribute('data-e2e', 'wikilink'); return decodeURIComponent(a.getAttribute('href').replace('sandpit://lesson/', ''));",
        json!([]),
    );
    let target = target.as_str().expect("a wikilink on the page").to_owned();
    // A block reference (`[[lesson#^block|…]]`) names the lesson and the block to land on.
    let (target, block) = target.split_once("#^").map_or((target.as_str(), None), |(t, b)| (t, Some(b)));
    assert_ne!(target, "vpc-subnets-routing");
    s.click("#lesson-content a[data-e2e=\"wikilink\"]");
    s.wait_for(
        "the linked lesson",
        30,
        "return document.getElementById('lesson-content').getAttribute('data-lesson') === arguments[0];",
        json!([target]),
    );
    if let Some(block) = block {
        s.wait_for(
            "the referenced block, scrolled into view",
            30,
            "var e = document.getElementById('^' + arguments[0]); if (!e) return false; var r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight;",
            json!([block]),
        );
    }
    // Back returns to the lesson the link was followed from.
    s.click("#lesson-back");
    s.wait_for(
        "Back to the first lesson",
        30,
        "return document.getElementById('lesson-content').getAttribute('data-lesson') === 'vpc-subnets-routing';",
        json!([]),
    );

    // ---- Search in Korean -----------------------------------------------------------------------
    s.type_into("#lesson-search", "서브넷");
    let hits = s.wait_for(
        "Korean search hits",
        30,
        "var r = document.getElementById('search-results'); return r.getAttribute('data-query') === '서브넷' && r.querySelectorAll('li.hit').length;",
        json!([]),
    );
    assert!(hits.as_u64().unwrap_or(0) >= 1);
    let first = s.text("#search-results li.hit");
    assert!(first.contains("서브넷"), "{first}");
    assert!(
        s.js("return !!document.querySelector('#search-results li.hit mark');", json!([]))
            == Value::Bool(true)
    );
    shoot(&s, "search");

    // ---- A billable lab without a budget guard: later steps locked --------------------------------
    s.click("#nav-labs");
    s.click("#lab-list li[data-lab=\"three-tier-vpc\"] h2 a");
    s.wait_for(
        "the lab runner",
        30,
        "return !!document.querySelector('#lab-runner .step[data-step=\"budget-guard\"]');",
        json!([]),
    );
    s.wait_for(
        "the later steps to lock",
        60,
        "return document.querySelectorAll('#lab-runner .step.locked').length > 0;",
        json!([]),
    );
    s.click("#check-lab");
    wait_checked(&s, "the first check");
    // The time of the check in Korean ("오후 9:35:12"), not "9:35:12 PM".
    let line = s.text("#lab-summary-line");
    let time = line.rsplit(" · ").next().unwrap_or_default();
    assert!(
        (time.contains("오전 ") || time.contains("오후 ")) && !time.contains("AM") && !time.contains("PM"),
        "{line}"
    );
    let locked = later_steps_locked(&s);
    assert!(!locked.is_empty());
    for (step, is_locked, disabled) in &locked {
        assert!(
            *is_locked && *disabled,
            "step {step} must be locked (lock icon, Check disabled) without a guard: {locked:?}"
        );
    }
    assert_eq!(step_status(&s, "budget-guard"), "blocked");
    // Lab text goes through the lessons' renderer: a `> [!cost]` callout is a box, not raw text,
    // and a step's lessons are links with their titles, one per item.
    let nat_text = s.js(
        "var st = document.querySelector('#lab-runner .step[data-step=\"nat-gateway\"]');\
         return [!!st.querySelector('.md .callout.callout-cost'), st.querySelector('.md').textContent.indexOf('[!cost]') >= 0,\
                 Array.prototype.map.call(st.querySelectorAll('.step-lessons-list li a'), function (a) { return [a.getAttribute('data-lesson'), a.textContent]; })];",
        json!([]),
    );
    assert_eq!(nat_text[0], true, "a cost callout box: {nat_text}");
    assert_eq!(nat_text[1], false, "no raw callout marker: {nat_text}");
    let links = nat_text[2].as_array().expect("lesson links");
    assert!(links.len() >= 2, "{nat_text}");
    for link in links {
        assert_ne!(link[0], link[1], "a lesson link shows the title, not the id: {link}");
    }
    let preflight = s.text("#lab-runner .step[data-step=\"budget-guard\"]");
    assert!(preflight.contains("sandpit budget ensure --limit"), "the fix is on the page: {preflight}");
    shoot(&s, "lab-locked");

    // ---- The guard, then a check against the emulator: unlocked, findings in the page -----------------
    ensure_budget_guard(&m);
    s.click("#check-lab");
    wait_checked(&s, "the check after the guard");
    s.wait_for(
        "the lab to unlock",
        30,
        "return document.querySelectorAll('#lab-runner .step.locked').length === 0;",
        json!([]),
    );
    assert_eq!(step_status(&s, "budget-guard"), "pass");
    assert_eq!(step_status(&s, "vpc"), "pass");
    assert_eq!(step_status(&s, "public-subnets"), "pass");
    assert_eq!(step_status(&s, "internet-gateway"), "pass");
    assert_eq!(step_status(&s, "nat-gateway"), "fail");
    let nat = s.text("#lab-runner .step[data-step=\"nat-gateway\"] .findings");
    assert!(!nat.trim().is_empty(), "the NAT gateway step shows its findings");
    let vpc_findings = s.text("#lab-runner .step[data-step=\"vpc\"] .findings");
    assert!(vpc_findings.contains(&vpc), "findings name the resource id {vpc}: {vpc_findings}");
    // One step alone (`--step`): its status updates, the others keep theirs.
    s.click("#lab-runner .step[data-step=\"web-subnets\"] button.check-step");
    s.wait_for(
        "the step check",
        120,
        "return document.getElementById('lab-runner').getAttribute('data-state') === 'idle';",
        json!([]),
    );
    assert_eq!(step_status(&s, "web-subnets"), "fail");
    assert_eq!(step_status(&s, "vpc"), "pass");
    // A passing step checked alone, from the keyboard, while another step fails: the header says
    // the lab fails (the window shows the step check merged into the last whole-lab check), and
    // the focus stays on the button pressed.
    s.press_enter("#lab-runner .step[data-step=\"vpc\"] button.check-step");
    s.wait_for(
        "the passing step's check",
        120,
        "return document.getElementById('lab-runner').getAttribute('data-state') === 'idle';",
        json!([]),
    );
    assert_eq!(step_status(&s, "vpc"), "pass");
    assert_eq!(step_status(&s, "nat-gateway"), "fail");
    let header = s.js("return document.getElementById('lab-status').getAttribute('data-status');", json!([]));
    assert_eq!(header, "fail", "one passing step does not make the lab pass");
    let focused = s.js(
        "var a = document.activeElement; var st = a && a.closest('[data-step]'); \
         return a && a.classList.contains('check-step') && st ? st.getAttribute('data-step') : null;",
        json!([]),
    );
    assert_eq!(focused, "vpc", "the keyboard focus stays on the step's Check button");
    // Re-checks keep what the learner opened: the "why" section and a revealed hint.
    s.js(
        "var st = document.querySelector('#lab-runner .step[data-step=\"vpc\"]'); \
         st.querySelector('details.why').open = true; st.querySelector('.hint-button').click();",
        json!([]),
    );
    s.press_enter("#check-lab");
    wait_checked(&s, "the re-check");
    let kept = s.js(
        "var st = document.querySelector('#lab-runner .step[data-step=\"vpc\"]'); \
         return [st.querySelector('details.why').open, st.querySelectorAll('.hints li').length, document.activeElement.id];",
        json!([]),
    );
    assert_eq!(
        kept,
        json!([true, 1, "check-lab"]),
        "open sections, revealed hints and the focus survive a re-check"
    );
    s.js(
        "document.querySelector('#lab-runner .step[data-step=\"nat-gateway\"]').scrollIntoView();",
        json!([]),
    );
    shoot(&s, "lab");

    // ---- Topology, Cost, Settings ---------------------------------------------------------------------
    s.click("#nav-topology");
    s.wait_for(
        "the topology picture",
        30,
        "return document.querySelectorAll('#topology-body svg').length === 2;",
        json!([]),
    );
    let actual = s.js("return document.querySelector('#topology-body .actual svg').outerHTML;", json!([]));
    assert!(actual.as_str().unwrap_or_default().contains(&vpc), "the picture shows the account's VPC");
    assert!(
        s.js("return document.querySelectorAll('#topology-diffs li.diff-missing').length;", json!([]))
            .as_u64()
            .unwrap_or(0)
            > 0
    );
    shoot(&s, "topology");
    // A lab picked while the last one was still drawing: the view shows what was picked last,
    // never the older, slower answer. The bridge holds the first lab's picture back 800 ms, so
    // it arrives after the second pick's answer (an error: that lab is gone).
    let shown = s.js("return document.getElementById('topology-lab').value;", json!([]));
    let held = s.js(
        "var lab = arguments[0], bridge = window.__TAURI__, core = bridge.core; window.__held = 0;\
         function invoke(name, args) {\
           var answer = core.invoke(name, args);\
           if (name !== 'topology' || args.lab !== lab) return answer;\
           window.__held += 1;\
           return answer.then(function (v) { return new Promise(function (ok) { setTimeout(function () { window.__released = true; ok(v); }, 800); }); });\
         }\
         window.__TAURI__ = Object.assign({}, bridge, { core: Object.assign({}, core, { invoke: invoke }) });\
         var l = document.getElementById('topology-lab');\
         l.appendChild(new Option('gone', 'lab-that-was-removed'));\
         l.value = lab; l.dispatchEvent(new Event('change'));\
         l.value = 'lab-that-was-removed'; l.dispatchEvent(new Event('change'));\
         window.__TAURI__ = bridge; return window.__held;",
        json!([shown]),
    );
    assert_eq!(held, json!(1), "the bridge held the first lab's answer back");
    s.wait_for(
        "both answers",
        30,
        "return window.__released === true && document.getElementById('busy').hidden;",
        json!([]),
    );
    let pictures = s.js("return document.querySelectorAll('#topology-body svg').length;", json!([]));
    let error = s.js("return !!document.querySelector('#topology-body .error-card');", json!([]));
    assert_eq!(
        (pictures, error),
        (json!(0), json!(true)),
        "the lab picked last is gone, and only that is said: {}",
        s.text("#topology-body")
    );
    let said = s.text("#topology-body .error-card");
    assert!(
        said.contains("lab-that-was-removed 실습이 없습니다"),
        "a lab that is not there, said so: {said}"
    );
    s.js(
        "var l = document.getElementById('topology-lab'); l.remove(l.options.length - 1);\
         l.value = arguments[0]; l.dispatchEvent(new Event('change'));",
        json!([shown]),
    );
    s.wait_for(
        "the picture again",
        30,
        "return document.querySelectorAll('#topology-body svg').length === 2;",
        json!([]),
    );
    s.click("#nav-cost");
    let cost = s.wait_for(
        "the cost meter",
        60,
        "var e = document.querySelector('#cost-total, #cost-placeholder'); return e && e.id;",
        json!([]),
    );
    assert_eq!(cost, "cost-total", "the live cost meter reads the emulator: {}", s.text("#cost-body"));
    shoot(&s, "cost");

    // ---- Class: a roster of team accounts, the matrix, one team drilled into -----------------------
    class::class_view(&s, &m, home.path(), shoot);
    s.click("#nav-settings");
    s.wait_for("the settings", 10, "return document.getElementById('set-lang').value === 'ko';", json!([]));
    shoot(&s, "settings");
    // English, persisted: the interface switches at once.
    s.js("document.getElementById('set-lang').value = 'en';", json!([]));
    s.click("#settings-save");
    s.wait_for(
        "English",
        10,
        "return document.getElementById('nav-lessons').textContent === 'Lessons';",
        json!([]),
    );
    let saved = std::fs::read_to_string(home.path().join("data/desktop.toml")).expect("settings file");
    assert!(saved.contains("lang = \"en\""), "{saved}");
    assert_pill_hidden(&s, "saved settings");
    s.end();
}
