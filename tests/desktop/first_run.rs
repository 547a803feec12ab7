//! The first run: the app started with no AWS configuration at all — no credentials, no region,
//! no endpoint, an empty home (no `~/.aws`). Home says so in a short Korean sentence and offers
//! the two ways on (Settings, or the local practice sandbox); every lab still shows its progress
//! bar; the billable labs stay locked with the reason and where to fix it (Settings) while the
//! others open; and "이어서 하기" names the lab opened by its title. Then the second way on: the
//! practice sandbox started from Home shows the commands that aim the AWS CLI at it with a copy
//! button, the window labels the emulator, and Stop ends it.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::webdriver::Session;
use crate::{assert_pill_hidden, keep_painting, launch_app};

fn shoot(s: &Session, name: &str) {
    assert_pill_hidden(s, name);
    keep_painting(s);
    let png = s.screenshot();
    assert!(png.starts_with(b"\x89PNG"), "screenshot {name} is not a PNG");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("desktop-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
}

/// Home's lab rows: `[id, title, billable, bar width, bar left]`.
fn home_rows(s: &Session) -> Vec<Value> {
    let rows = s.wait_for(
        "the labs on Home",
        60,
        "var li = document.querySelectorAll('#home-labs li[data-lab]'); if (!li.length) return null;\
         return Array.prototype.map.call(li, function (l) {\
           var b = l.querySelector('.bar[role=progressbar]'), r = b ? b.getBoundingClientRect() : null;\
           return [l.getAttribute('data-lab'), l.querySelector('a').textContent, !!l.querySelector('.badge.billable'),\
                   r ? r.width : 0, r ? Math.round(r.left) : -1]; });",
        json!([]),
    );
    rows.as_array().expect("rows").clone()
}

/// Opens `lab` from the lab list and waits until its steps are drawn with what the window knows
/// about the budget guard (asked once the runner shows).
fn open_lab(s: &Session, lab: &str) {
    s.click("#nav-labs");
    s.js(
        "var b = document.getElementById('lab-back'); if (b && !document.getElementById('lab-runner').hidden) b.click();",
        json!([]),
    );
    s.click(&format!("#lab-list li[data-lab=\"{lab}\"] h2 a"));
    s.wait_for(
        "the lab runner",
        30,
        "var r = document.getElementById('lab-runner'); return !r.hidden && r.getAttribute('data-lab') === arguments[0] && r.querySelectorAll('.step').length > 0;",
        json!([lab]),
    );
    assert_pill_hidden(s, lab);
}

#[test]
fn a_first_run_with_no_aws_configuration_leads_somewhere() {
    let home = tempfile::tempdir().expect("temp home");
    // The sandbox's emulator: the tests' own moto server instead of a pip install (offline).
    let moto = std::env::var("SANDPIT_MOTO_SERVER")
        .expect("SANDPIT_MOTO_SERVER (make test sets it): the practice sandbox runs it");
    let (s, _guards) = launch_app(home.path(), &[("SANDPIT_PRACTICE_MOTO", moto.as_str())]);
    s.wait_until_started();

    // ---- Home: not connected, said briefly in Korean, with the two ways on ----------------------
    s.wait_for(
        "Home to say no account is connected",
        60,
        "return document.getElementById('account-body').getAttribute('data-connected') === 'false';",
        json!([]),
    );
    for choice in ["#connect-choices", "#open-settings", "#practice-locally"] {
        s.find(choice);
    }
    let page = s.js("return document.getElementById('view-home').innerText;", json!([]));
    let page = page.as_str().unwrap_or_default();
    for raw in ["DispatchFailure", "ProviderChain", "Error {", "dispatch failure", "credentials"] {
        assert!(!page.contains(raw), "no library debug text on Home ({raw}):\n{page}");
    }

    // ---- Every lab has its progress bar, in one column ------------------------------------------
    let rows = home_rows(&s);
    assert!(rows.iter().any(|r| r[2] == true) && rows.iter().any(|r| r[2] == false), "{rows:?}");
    let left = rows[0][4].clone();
    for r in &rows {
        assert!(r[3].as_f64().unwrap_or(0.0) >= 60.0, "a visible progress bar for {}: {rows:?}", r[0]);
        assert_eq!(r[4], left, "bars line up whether or not the lab is billable: {rows:?}");
    }
    shoot(&s, "first-run-home");
    let billable: Vec<&str> = rows.iter().filter(|r| r[2] == true).filter_map(|r| r[0].as_str()).collect();
    let free: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r[2] == false)
        .filter_map(|r| Some((r[0].as_str()?, r[1].as_str()?)))
        .collect();

    // ---- A billable lab: locked, with the reason and where to fix it ----------------------------
    for lab in &billable {
        open_lab(&s, lab);
        let steps = s.wait_for(
            "the later steps to lock",
            60,
            "var st = document.querySelectorAll('#lab-runner .step:not(.preflight)');\
             var all = Array.prototype.every.call(st, function (e) { return e.getAttribute('data-locked') === 'not-connected'; });\
             return st.length > 0 && all && Array.prototype.map.call(st, function (e) {\
               var b = e.querySelector('button.check-step'), n = e.querySelector('.locked-note');\
               return [e.getAttribute('data-step'), !!(b && b.disabled), n ? n.innerText : '']; });",
            json!([]),
        );
        for step in steps.as_array().expect("steps") {
            assert_eq!(step[1], true, "{lab}: Check is disabled on a locked step: {step}");
            let note = step[2].as_str().unwrap_or_default();
            assert!(
                note.contains("계정에 연결") && note.contains("설정 →"),
                "{lab}: the reason and the fix: {note}"
            );
        }
    }
    shoot(&s, "first-run-billable-locked");

    // ---- The other labs open: nothing locked, Check enabled ------------------------------------
    for (lab, _) in &free {
        open_lab(&s, lab);
        let state = s.js(
            "return [document.querySelectorAll('#lab-runner .step.locked').length,\
                     Array.prototype.every.call(document.querySelectorAll('#lab-runner button.check-step'), function (b) { return !b.disabled; })];",
            json!([]),
        );
        assert_eq!(state, json!([0, true]), "{lab} is not billable: it opens");
    }

    // ---- "이어서 하기": the last lab opened, by its title ------------------------------------------
    let (last_id, last_title) = *free.last().expect("a non-billable lab");
    s.click("#nav-home");
    let shown = s.wait_for(
        "the lab to continue",
        30,
        "var a = document.querySelector('#continue-body a.lab-link'); return a && [a.getAttribute('data-lab'), a.textContent];",
        json!([]),
    );
    assert_eq!(shown, json!([last_id, last_title]), "the title, not the id");
    assert_ne!(last_title, last_id);
    let heading = s.text("#continue-body");
    assert!(!heading.contains(last_id), "no lab id on Home's continue card: {heading}");

    // ---- Practise locally: the commands for the AWS CLI, the emulator labelled -----------------
    s.click("#practice-locally");
    let commands = s.wait_for(
        "the sandbox's commands",
        120,
        "var c = document.getElementById('practice-commands'); return c && c.innerText;",
        json!([]),
    );
    let commands = commands.as_str().unwrap_or_default().to_owned();
    let endpoint = commands
        .lines()
        .find_map(|l| l.strip_prefix("export AWS_ENDPOINT_URL="))
        .unwrap_or_else(|| panic!("the endpoint to aim the AWS CLI at: {commands}"))
        .to_owned();
    assert!(endpoint.starts_with("http://127.0.0.1:"), "{endpoint}");
    for line in ["export AWS_ACCESS_KEY_ID=practice", "export AWS_REGION=ap-northeast-2"] {
        assert!(commands.lines().any(|l| l == line), "{line} in:\n{commands}");
    }
    s.click("#practice-copy");
    let copied = s.wait_for(
        "the copy to be confirmed",
        10,
        "var b = document.getElementById('practice-copy'); var m = b && b.nextElementSibling; return m && m.textContent.trim();",
        json!([]),
    );
    assert_eq!(copied, "복사했습니다", "the commands are on the clipboard");
    let pasted = s.js(
        "return navigator.clipboard.readText().then(function (t) { return t; }, function () { return null; });",
        json!([]),
    );
    if let Some(pasted) = pasted.as_str() {
        assert_eq!(pasted.trim(), commands.trim(), "what was copied is what is shown");
    }
    let badge = s.wait_for(
        "the sidebar's emulator badge",
        30,
        "var b = document.getElementById('endpoint-badge'); return !b.hidden && b.getClientRects().length > 0 && b.textContent;",
        json!([]),
    );
    assert!(badge.as_str().is_some_and(|b| b.contains("에뮬레이터") && b.contains(&endpoint)), "{badge}");
    let banner = s.wait_for(
        "the budget banner for the sandbox",
        60,
        "return document.getElementById('budget-banner').getAttribute('data-status');",
        json!([]),
    );
    assert_eq!(banner, "unguarded", "the sandbox's account has no budget yet, and a region");
    shoot(&s, "first-run-practice");

    // ---- Stopping it from the window: the emulator is gone, Home offers the two ways again --------
    let port: u16 = endpoint.rsplit(':').next().and_then(|p| p.parse().ok()).expect("a port");
    assert!(TcpStream::connect(("127.0.0.1", port)).is_ok(), "the sandbox answers while it runs");
    s.click("#practice-stop");
    s.wait_for(
        "Home without the sandbox",
        60,
        "return document.getElementById('account-body').getAttribute('data-connected') === 'false' && !!document.getElementById('practice-locally');",
        json!([]),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_ok() {
        assert!(Instant::now() < deadline, "the sandbox on port {port} still runs after Stop");
        std::thread::sleep(Duration::from_millis(200));
    }
    let badge = s.js("return document.getElementById('endpoint-badge').hidden;", json!([]));
    assert_eq!(badge, Value::Bool(true), "no emulator badge once the sandbox is gone");

    // ---- Ended by a signal (a logout, `kill`): the sandbox it started ends with it ---------------
    s.click("#practice-locally");
    let commands = s.wait_for(
        "the sandbox's commands again",
        120,
        "var c = document.getElementById('practice-commands'); return c && c.innerText;",
        json!([]),
    );
    let port: u16 = commands
        .as_str()
        .and_then(|c| c.lines().find_map(|l| l.strip_prefix("export AWS_ENDPOINT_URL=")))
        .and_then(|e| e.rsplit(':').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("the sandbox's port: {commands}"));
    assert!(TcpStream::connect(("127.0.0.1", port)).is_ok(), "the second sandbox answers");
    let app = app_pid(home.path()).expect("the app's process");
    let killed = std::process::Command::new("kill").args(["-TERM", &app.to_string()]).status();
    assert!(killed.is_ok_and(|s| s.success()), "kill -TERM {app}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_ok() {
        assert!(Instant::now() < deadline, "the sandbox on port {port} outlived the app's SIGTERM");
        std::thread::sleep(Duration::from_millis(200));
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{app}")).exists() {
        assert!(Instant::now() < deadline, "the app did not end on SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    }
    s.end();
}

/// The pid of the `sandpit-desktop` process whose data directory is under `home` (each test has
/// its own home, so this is the app this test launched).
fn app_pid(home: &std::path::Path) -> Option<u32> {
    let data_dir = format!("SANDPIT_DATA_DIR={}", home.join("data").display());
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|entry| {
        let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let exe = std::fs::read_link(entry.path().join("exe")).ok()?;
        let environ = std::fs::read(entry.path().join("environ")).ok()?;
        let ours = exe.file_name().is_some_and(|n| n == "sandpit-desktop")
            && environ.split(|b| *b == 0).any(|v| v == data_dir.as_bytes());
        ours.then_some(pid)
    })
}
