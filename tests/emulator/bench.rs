//! `make bench`: the performance figures of the README, printed in one run. An ignored test (so
//! `make test` skips it) in the emulator suite, because it needs the same solved labs:
//!
//! ```sh
//! make bench   # = cargo test --workspace --test emulator -- --ignored --exact bench::bench --nocapture
//! ```
//!
//! - **Checks** — for each lab, `sandpit check` through the proxy with 100 ms added to every AWS
//!   call, twice: the first check of the account (cold) and a repeated one (warm: it asks the
//!   list-dependent calls of the ids the first check saw in the first round, see
//!   `crates/sandpit-aws/src/warm.rs`). Each: wall time against the slowest single call (1.0×
//!   would be "everything at once") and the rounds of calls (the longest chain of calls that
//!   waited for an answer); then the call count, the sum of all calls (the time one call at a
//!   time would take), and the calls' share: the warm wall minus the same run without latency
//!   (process start-up, SDK set-up, moto's own work, evaluation), against the slowest call.
//! - **Lessons** — render time of every built-in lesson and search latency over them (the
//!   persistent index, `SearchIndex::open`); then 6,000 generated notes imported with
//!   `import_notes` (which indexes them), and `sandpit lessons search` as a whole process over
//!   them: wall time per query and peak resident memory (`/usr/bin/time`). `make bench-lessons`
//!   runs this part alone (no emulator needed).
//! - Hooks, marked `HOOK`, for figures other sessions add: `class check` of 30 teams, desktop
//!   cold start and memory.
//!
//! Debug build (the `make test` profile: dependencies at opt-level 1, our crates at 0), so the
//! lesson figures are upper bounds; the check figures are dominated by the injected latency.

use std::time::{Duration, Instant};

use sandpit_core::Lang;
use sandpit_e2e::measure::{dir_size, generate_notes, ms, spread};
use sandpit_e2e::{Faults, Moto, Outcome, rounds};
use sandpit_lessons::{Library, SearchIndex, import_notes, index_path, render_lesson};

use crate::api_budget::{build_every_lab, lab_ids};

const LATENCY: Duration = Duration::from_millis(100);

#[test]
#[ignore = "a benchmark: run with `make bench`"]
fn bench() {
    println!("\nSandpit benchmark (debug build; {} added to every AWS call)\n", ms(LATENCY));
    checks();
    class_check_30_teams();
    lessons();
    desktop_cold_start_and_memory();
}

/// Each lab's check through the proxy, solved state, 100 ms per call: a first (cold) check, then
/// the same check again (warm: it starts the calls that depend on a list's answer from the ids
/// the first check saw, see `crates/sandpit-aws/src/warm.rs`).
fn checks() {
    let m = Moto::start();
    build_every_lab(&m);
    println!("## sandpit check, {} per call (goal: wall ≤ 1.3× the slowest call)", ms(LATENCY));
    println!(
        "{:<16} {:>5} {:>12} | {:>10} {:>6} {:>6} | {:>10} {:>6} {:>6} | {:>13} {:>14} {:>13}",
        "lab",
        "calls",
        "slowest call",
        "cold wall",
        "ratio",
        "rounds",
        "warm wall",
        "ratio",
        "rounds",
        "one at a time",
        "wall, no delay",
        "calls' share"
    );
    for lab in lab_ids() {
        let args = ["check", lab.as_str(), "--json"];
        // Without latency first: the process's own cost (start-up, SDK set-up, evaluation).
        let plain = m.proxy(Faults::none());
        let started = Instant::now();
        let run = m.sandpit_via(&plain.endpoint, &args);
        let no_delay = started.elapsed();
        assert_eq!(run.code, 0, "{lab}: {}", run.stderr);

        // A new endpoint is a new account to the hint cache: the first check through it is cold.
        let proxy = m.proxy(Faults::latency(LATENCY));
        let timed = || {
            proxy.clear();
            let started = Instant::now();
            let run = m.sandpit_via(&proxy.endpoint, &args);
            let wall = started.elapsed();
            assert_eq!(run.code, 0, "{lab}: {}", run.stderr);
            let calls = proxy.calls();
            // Forwarded, not faulted (moto answers 500 to the Budgets subscriber lookup it lacks).
            assert!(calls.iter().all(|c| matches!(c.outcome, Outcome::Forwarded(_))), "{calls:?}");
            (wall, calls, run)
        };
        let (cold, cold_calls, cold_report) = timed();
        let (warm, warm_calls, warm_report) = timed();
        assert_eq!(
            crate::warm::verdicts(&cold_report),
            crate::warm::verdicts(&warm_report),
            "{lab}: a warm check must reach the cold check's verdicts"
        );
        let slowest = cold_calls.iter().chain(&warm_calls).map(|c| c.took).max().unwrap_or_default();
        let sequential: Duration = warm_calls.iter().map(|c| c.took).sum();
        let ratio = |wall: Duration| wall.as_secs_f64() / slowest.as_secs_f64();
        let calls = if cold_calls.len() == warm_calls.len() {
            cold_calls.len().to_string()
        } else {
            format!("{}/{}", cold_calls.len(), warm_calls.len())
        };
        println!(
            "{:<16} {:>5} {:>12} | {:>10} {:>5.2}× {:>6} | {:>10} {:>5.2}× {:>6} | {:>13} {:>14} {:>12.2}×",
            lab,
            calls,
            ms(slowest),
            ms(cold),
            ratio(cold),
            rounds(&cold_calls),
            ms(warm),
            ratio(warm),
            rounds(&warm_calls),
            ms(sequential),
            ms(no_delay),
            ratio(warm.saturating_sub(no_delay))
        );
    }
    println!(
        "(cold: the first check of an account; warm: every later one. rounds: the longest chain of calls that\n \
         waited for another's answer. calls' share: warm wall minus the no-delay run, over the slowest call)\n"
    );
}

/// HOOK (class check session): `sandpit class check` of 30 teams with 100 ms per call, against
/// the sequential estimate (30 × one team's check). Start a proxy with
/// `Faults::latency(LATENCY)` in front of a moto holding 30 teams' state and print one line
/// here in the format of [`checks`].
fn class_check_30_teams() {
    println!("## class check of 30 teams, {} per call", ms(LATENCY));
    let (sequential, concurrent) = crate::classroom::time_thirty_teams();
    println!(
        "class check --concurrency 8: {} · one by one (--concurrency 1): {} · {:.1}× faster\n",
        ms(concurrent),
        ms(sequential),
        sequential.as_secs_f64() / concurrent.as_secs_f64()
    );
}

/// HOOK (desktop session): cold start of the desktop app to its first painted window and its
/// resident memory come from `make bench-desktop` (release build), chained after this test.
fn desktop_cold_start_and_memory() {
    println!("## desktop cold start and memory");
    println!(
        "measured next by `make bench-desktop` (src-tauri/bench.sh), which `make bench` runs after this\n"
    );
}

const QUERIES: &[&str] = &[
    "보안 그룹",
    "보안그룹",
    "NAT 게이트웨이",
    "게이트웨이의",
    "라우팅 테이블",
    "subnet",
    "gate",
    "encryption key",
    "가중치",
];

/// `make bench-lessons`: the lesson figures alone.
#[test]
#[ignore = "a benchmark: run with `make bench-lessons`"]
fn lessons_only() {
    lessons();
}

/// Render and search timings over `library`, whose persistent index is (or is made) in
/// `data_dir`.
fn lesson_figures(label: &str, library: &Library, data_dir: &std::path::Path, render_sample: usize) {
    let started = Instant::now();
    let index = SearchIndex::open(data_dir, library.lang()).expect("the search index opens");
    let build = started.elapsed();
    let lessons = library.list();
    let step = (lessons.len() / render_sample.max(1)).max(1);
    let mut renders = Vec::new();
    for meta in lessons.iter().step_by(step) {
        let started = Instant::now();
        let page = render_lesson(library, &meta.id);
        renders.push(started.elapsed());
        assert!(page.is_ok(), "{}: {:?}", meta.id, page.err());
    }
    let mut searches = Vec::new();
    let mut hits = 0;
    for _ in 0..5 {
        for q in QUERIES {
            let started = Instant::now();
            hits += index.search(q, 10).len();
            searches.push(started.elapsed());
        }
    }
    assert!(hits > 0, "{label}: no query found anything");
    println!("{label}: {} lessons, search index opened (brought up to date) in {}", lessons.len(), ms(build));
    println!("  render: {}", spread(renders));
    println!("  search (top 10, {} queries ×5): {}", QUERIES.len(), spread(searches));
}

fn lessons() {
    println!("## lessons");
    for lang in [Lang::Ko, Lang::En] {
        let started = Instant::now();
        let library = Library::builtin(lang).expect("built-in lessons");
        let load = started.elapsed();
        let data = tempfile::tempdir().unwrap();
        lesson_figures(
            &format!("built-in ({lang:?}), loaded in {}", ms(load)),
            &library,
            data.path(),
            usize::MAX,
        );
    }

    const NOTES: usize = 6_000;
    let src = tempfile::tempdir().unwrap();
    let vault = src.path().join("class-notes");
    generate_notes(&vault, NOTES);
    let data = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let report = import_notes(&vault, data.path()).expect("import the generated notes");
    let import = started.elapsed();
    assert_eq!(report.notes.len(), NOTES);
    let started = Instant::now();
    let library = Library::builtin(Lang::Ko).unwrap().with_imported(data.path()).unwrap();
    let load = started.elapsed();
    let index_mb = dir_size(&index_path(data.path())) as f64 / 1e6;
    lesson_figures(
        &format!(
            "{NOTES} generated notes + built-in, imported and indexed in {}, loaded in {}, index {index_mb:.1} MB",
            ms(import),
            ms(load)
        ),
        &library,
        data.path(),
        200,
    );
    cli_search_figures(data.path());
    println!();
}

/// `sandpit lessons search` as a learner runs it: a whole process per query (start-up, opening
/// the index, the query, printing), wall time and peak resident memory.
fn cli_search_figures(data_dir: &std::path::Path) {
    let bin = sandpit_e2e::sandpit_bin();
    let mut walls = Vec::new();
    let mut peak_kib = 0u64;
    for round in 0..5 {
        for q in QUERIES {
            let started = Instant::now();
            let out = std::process::Command::new("/usr/bin/time")
                .args(["-f", "%M"])
                .arg(&bin)
                .arg("--data-dir")
                .arg(data_dir)
                .args(["lessons", "search", q, "--json"])
                .output()
                .expect("/usr/bin/time runs sandpit (apt-get install time)");
            let wall = started.elapsed();
            assert!(out.status.success(), "{q}: {}", String::from_utf8_lossy(&out.stderr));
            let stderr = String::from_utf8_lossy(&out.stderr);
            let kib: u64 = stderr.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
            peak_kib = peak_kib.max(kib);
            // The first round warms the page cache, as any second search of a session would.
            if round > 0 {
                walls.push(wall);
            }
        }
    }
    println!(
        "  `sandpit lessons search` (whole process, {} queries ×4): {} · peak RSS {:.1} MiB (goal: p95 ≤ 50 ms, ≤ 100 MB)",
        QUERIES.len(),
        spread(walls),
        peak_kib as f64 / 1024.0
    );
}
