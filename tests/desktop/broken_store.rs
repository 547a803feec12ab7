//! The desktop app started with a progress database that cannot work: `SANDPIT_DATABASE_URL`
//! names a PostgreSQL server nobody listens on (the settings fall back to that variable when
//! their own `database_url` is empty, `src-tauri/src/settings.rs`). Home says "Progress is not
//! being saved" with the reason, lessons still open, and a class check still gives its matrix,
//! with the same reason beside it.
//!
//! The same window drives the Class view's controls from `sandpit class check`: the number of
//! teams checked at once (`--concurrency`) and the lab parameters (`--param`), a bad value refused
//! under its field with nothing checked, a check whose parameter changes the verdict, and the
//! matrix exported to files that read exactly like the CLI's `--csv` and `--json` output.
//!
//! The instructor's and the team's account are the emulator's default account: assuming the
//! team's role lands in the same account, which is the roster's.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sandpit_e2e::{Moto, REGION, text};
use serde_json::{Value, json};

use crate::webdriver::Session;
use crate::{assert_pill_hidden, keep_painting, launch};

/// A PostgreSQL URL where nothing listens (port 1 refuses at once).
const DEAD_DATABASE: &str = "postgres://sandpit@127.0.0.1:1/progress";
const ACCOUNT: &str = "123456789012";
const LAB: &str = "vpc-peering";
/// The database VPC's CIDR the team used instead of the lab's default 172.16.0.0/16.
const TEAM_CIDR: &str = "172.20.0.0/16";

/// Screenshots of this test go next to the test binaries, not into the README's pictures.
fn shoot(s: &Session, name: &str) -> PathBuf {
    assert_pill_hidden(s, name);
    std::thread::sleep(Duration::from_millis(400));
    keep_painting(s);
    let png = s.screenshot();
    assert!(png.starts_with(b"\x89PNG"), "screenshot {name} is not a PNG");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("desktop-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
    path
}

/// The text of `css` when it is on screen (laid out, not hidden), else null.
fn visible_text(s: &Session, css: &str) -> Value {
    s.js(
        "var e = document.querySelector(arguments[0]); if (!e) return null;\
         var r = e.getBoundingClientRect(), c = getComputedStyle(e);\
         return !e.hidden && c.display !== 'none' && c.visibility !== 'hidden' && r.width > 0 && r.height > 0\
           ? e.innerText : null;",
        json!([css]),
    )
}

/// The text of `css` once it contains `needle` (any text when `needle` is empty). The element is
/// looked up again on every poll: views rebuild what they show when a reply arrives, so a
/// reference kept from an earlier look may be gone.
fn text_with(s: &Session, css: &str, needle: &str) -> String {
    let v = s.wait_for(
        &format!("`{css}` to say {needle:?}"),
        30,
        "var e = document.querySelector(arguments[0]); var t = e ? e.innerText : '';\
         return t && t.indexOf(arguments[1]) >= 0 ? t : null;",
        json!([css, needle]),
    );
    v.as_str().unwrap_or_default().to_owned()
}

/// Home's "Progress is not being saved: <reason>" banner, waited for; returns its text.
fn progress_banner(s: &Session) -> String {
    s.click("#nav-home");
    let banner = s.wait_for(
        "the progress banner",
        30,
        "var b = document.getElementById('progress-banner');\
         return b.getAttribute('data-saving') === 'false' && !b.hidden && b.textContent;",
        json!([]),
    );
    assert!(banner.as_str().is_some_and(|b| !b.is_empty()));
    visible_text(s, "#progress-banner").as_str().expect("the banner is on screen").to_owned()
}

/// Empties an input as a person would (the page hears `input`).
fn clear_input(s: &Session, css: &str) {
    s.js(
        "var e = document.querySelector(arguments[0]); e.value = ''; e.dispatchEvent(new Event('input'));",
        json!([css]),
    );
}

/// Presses Check the class and waits for the field error the form shows; returns
/// `(field, message)`. Nothing may have been checked.
fn refused(s: &Session) -> (String, String) {
    s.click("#class-check");
    let error = s.wait_for(
        "the field error",
        30,
        "var e = document.getElementById('class-field-error');\
         return e && document.getElementById('class-body').getAttribute('data-state') === 'idle'\
           && [e.getAttribute('data-field'), e.innerText];",
        json!([]),
    );
    assert!(
        s.js("return !document.getElementById('class-matrix');", json!([])) == Value::Bool(true),
        "no matrix: nothing was checked"
    );
    assert_eq!(
        s.js("return document.getElementById('class-body').getAttribute('data-progress');", json!([])),
        json!("0/1"),
        "no team was checked"
    );
    (error[0].as_str().unwrap_or_default().to_owned(), error[1].as_str().unwrap_or_default().to_owned())
}

/// `sandpit class check` of the same roster, lab and parameter, with `format` (`--csv`, `--json`).
fn cli_class_check(m: &Moto, roster: &str, format: &str) -> String {
    let param = format!("db_vpc_cidr={TEAM_CIDR}");
    let run = m.sandpit(&["class", "check", "--roster", roster, "--lab", LAB, "--param", &param, format]);
    assert_eq!(run.code, 0, "sandpit class check {format}:\n{}\n{}", run.stdout, run.stderr);
    run.stdout
}

/// A JSON class matrix without its time (two checks never share it).
fn without_time(mut matrix: Value) -> Value {
    assert!(matrix["checked_at"].is_string(), "{matrix}");
    matrix.as_object_mut().expect("an object").remove("checked_at");
    matrix
}

#[test]
fn a_database_that_cannot_work_is_said_and_the_class_view_offers_the_cli_options() {
    let m = Moto::start();
    // The team's database VPC, on another CIDR than the lab's default.
    m.aws(&[
        "ec2",
        "create-vpc",
        "--cidr-block",
        TEAM_CIDR,
        "--tag-specifications",
        "ResourceType=vpc,Tags=[{Key=Name,Value=vpc-2}]",
    ]);
    let home = tempfile::tempdir().expect("temp home");
    let roster = home.path().join("class.toml");
    std::fs::write(
        &roster,
        format!(
            "[class]\nname = \"night-class\"\nregion = \"{REGION}\"\n\n[[team]]\nname = \"team-1\"\n\
             members = [\"kim\"]\naccount_id = \"{ACCOUNT}\"\n\
             role_arn = \"arn:aws:iam::{ACCOUNT}:role/SandpitInstructorReadOnly\"\nexternal_id = \"nc-team-1\"\n"
        ),
    )
    .unwrap();
    let roster = roster.display().to_string();
    let (s, _guards) =
        launch(&m, home.path(), &[("SANDPIT_DATABASE_URL", DEAD_DATABASE), ("SANDPIT_LANG", "en")]);
    s.wait_until_started();

    // ---- Home: the banner with the reason ------------------------------------------------------
    let banner = progress_banner(&s);
    assert!(banner.starts_with("Progress is not being saved: "), "{banner}");
    assert!(banner.contains(DEAD_DATABASE), "the reason names the database: {banner}");
    assert!(banner.contains("refused"), "and why it cannot be used: {banner}");
    let reason = text_with(&s, "#progress-banner .progress-reason", "");
    assert!(!reason.is_empty() && banner.contains(&reason));
    shoot(&s, "home-progress-not-saved");

    // ---- Lessons still open ------------------------------------------------------------------------
    s.click("#nav-lessons");
    s.click("#lesson-tree a[data-lesson]");
    s.wait_for(
        "a lesson page",
        30,
        "var c = document.getElementById('lesson-content'); return !!c.getAttribute('data-lesson') && !!c.querySelector('article.lesson');",
        json!([]),
    );
    assert!(text_with(&s, "#lesson-content .lesson-title", "").len() > 2, "the lesson is on screen");
    assert_eq!(progress_banner(&s), banner, "still said after the lesson was opened");

    // ---- Class: the CLI's options ---------------------------------------------------------------
    crate::class::open_class_view(&s);
    let concurrency = s.js(
        "var c = document.getElementById('class-concurrency'); return [c.type, c.value, c.min, c.max];",
        json!([]),
    );
    assert_eq!(concurrency, json!(["number", "8", "1", "64"]), "the CLI's default and range");
    text_with(&s, "label.concurrency-field", "Teams at once");
    s.type_into("#class-roster", &roster);
    s.click("#class-load");
    s.wait_for("the roster", 30, "return !!document.getElementById('class-roster-summary');", json!([]));
    s.js(
        "var l = document.getElementById('class-lab'); l.value = arguments[0]; l.dispatchEvent(new Event('change'));",
        json!([LAB]),
    );
    s.click("#class-params > summary");
    let fields = s.js(
        "return Array.prototype.map.call(document.querySelectorAll('#class-params-fields input[data-param]'),\
           function (i) { return [i.getAttribute('data-param'), i.placeholder, i.value]; });",
        json!([]),
    );
    let fields = fields.as_array().expect("parameter fields").clone();
    assert_eq!(fields.len(), 14, "every parameter of {LAB}: {fields:?}");
    assert!(
        fields.contains(&json!(["db_vpc_cidr", "172.16.0.0/16", ""])),
        "default as placeholder: {fields:?}"
    );
    assert!(fields.contains(&json!(["db_port", "3306", ""])), "{fields:?}");
    text_with(&s, "#class-params-count", "all defaults");

    // A bad parameter: refused under its field with the core's reason, nothing checked.
    s.type_into("#class-param-db_port", "99999");
    text_with(&s, "#class-params-count", "1 changed");
    let (field, message) = refused(&s);
    assert_eq!(field, "param.db_port");
    assert!(message.contains("Nothing was checked"), "{message}");
    assert!(message.contains("99999") && message.contains("port"), "the reason: {message}");
    let invalid = s.js(
        "return document.getElementById('class-param-db_port').classList.contains('invalid');",
        json!([]),
    );
    assert_eq!(invalid, Value::Bool(true), "the field is marked");
    assert!(visible_text(&s, "#class-field-error").is_string(), "the message is on screen");
    shoot(&s, "class-bad-param");

    // A bad concurrency, the same way.
    clear_input(&s, "#class-param-db_port");
    clear_input(&s, "#class-concurrency");
    s.type_into("#class-concurrency", "65");
    let (field, message) = refused(&s);
    assert_eq!(field, "concurrency");
    assert!(message.contains("1 to 64") && message.contains("65"), "{message}");

    // Good values: checked with them; the parameter decides the verdict.
    clear_input(&s, "#class-concurrency");
    s.type_into("#class-concurrency", "2");
    s.type_into("#class-param-db_vpc_cidr", TEAM_CIDR);
    crate::class::check_the_class(&s);
    assert!(s.js("return !document.getElementById('class-field-error');", json!([])) == Value::Bool(true));
    let db_vpc = s.js(
        "return document.querySelector('#class-matrix tr.team-row[data-team=\"team-1\"] td.cell[data-step=\"db-vpc\"]').getAttribute('data-status');",
        json!([]),
    );
    assert_eq!(db_vpc, "pass", "the VPC on {TEAM_CIDR} is the database VPC with that parameter");
    let ran_with = text_with(&s, "#class-ran-with", "teams at once");
    assert!(
        ran_with.contains("2 teams at once") && ran_with.contains(&format!("db_vpc_cidr={TEAM_CIDR}")),
        "{ran_with}"
    );
    // The check could not be kept: said beside the matrix with Home's words and reason.
    let store = text_with(&s, "#class-store-error", "Progress is not being saved: ");
    assert!(store.contains("Progress is not being saved: ") && store.contains(&reason), "{store}");

    // ---- Export: the CLI's bytes --------------------------------------------------------------------
    s.click("#class-export-save");
    let saved = s.wait_for(
        "the CSV export",
        30,
        "var e = document.getElementById('class-export-saved'); return e && e.textContent;",
        json!([]),
    );
    let saved = saved.as_str().unwrap_or_default().to_owned();
    let exports = home.path().join("data/exports");
    assert!(saved.starts_with(&format!("{}/", exports.display())) && saved.ends_with(".csv"), "{saved}");
    let csv = std::fs::read_to_string(&saved).expect("the exported CSV");
    // The window's file opens in Korean Excel as UTF-8: a byte-order mark, then byte for byte what
    // `sandpit class check --csv` prints (stdout keeps no mark: it is piped into other tools).
    let csv = csv.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("a UTF-8 BOM first: {csv:?}"));
    assert!(csv.starts_with("team,account,status,db-vpc,"), "{csv}");
    assert_eq!(csv, cli_class_check(&m, &roster, "--csv"), "byte for byte `sandpit class check --csv`");
    keep_painting(&s);
    s.js("window.scrollTo(0, 0);", json!([]));
    shoot(&s, "class-controls");

    let typed = home.path().join("night-class.json");
    s.js(
        "var f = document.getElementById('class-export-format'); f.value = 'json'; f.dispatchEvent(new Event('change'));",
        json!([]),
    );
    s.type_into("#class-export-path", &typed.display().to_string());
    s.click("#class-export-save");
    s.wait_for(
        "the JSON export",
        30,
        "var e = document.getElementById('class-export-saved'); return e && e.textContent === arguments[0];",
        json!([typed.display().to_string()]),
    );
    let exported = std::fs::read_to_string(&typed).expect("the exported JSON");
    assert!(exported.ends_with("}\n"), "printed as the CLI prints it");
    let exported: Value = serde_json::from_str(&exported).expect("JSON");
    assert_eq!(text(&exported, &["teams", "0", "team"]), "team-1");
    let cli: Value = serde_json::from_str(&cli_class_check(&m, &roster, "--json")).expect("CLI JSON");
    assert_eq!(without_time(exported), without_time(cli), "`sandpit class check --json` but for the time");
    shoot(&s, "class-export");

    // Home still says it, with the same reason.
    assert_eq!(progress_banner(&s), banner);
    s.end();
}
