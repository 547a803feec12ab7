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
//! - **Lessons** — render time of every built-in lesson and search latency over them; the same
//!   over 2,000 generated notes imported with `import_notes`.
//! - Hooks, marked `HOOK`, for figures other sessions add: `class check` of 30 teams, desktop
//!   cold start and memory.
//!
//! Debug build (the `make test` profile: dependencies at opt-level 1, our crates at 0), so the
//! lesson figures are upper bounds; the check figures are dominated by the injected latency.

use std::fmt::Write as _;
use std::fs;
use std::time::{Duration, Instant};

use sandpit_core::Lang;
use sandpit_e2e::{Faults, Moto, Outcome, rounds};
use sandpit_lessons::{Library, SearchIndex, import_notes, render_lesson};

use crate::api_budget::{build_every_lab, lab_ids, solved_proxy};

const LATENCY: Duration = Duration::from_millis(100);

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Median, 95th percentile and maximum.
fn spread(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    format!("median {} · p95 {} · max {} (n={})", ms(at(0.5)), ms(at(0.95)), ms(at(1.0)), samples.len())
}

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
    let answers = build_every_lab(&m);
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
        let plain = solved_proxy(&m, &answers, Faults::none());
        let started = Instant::now();
        let run = m.sandpit_via(&plain.endpoint, &args);
        let no_delay = started.elapsed();
        assert_eq!(run.code, 0, "{lab}: {}", run.stderr);

        // A new endpoint is a new account to the hint cache: the first check through it is cold.
        let proxy = solved_proxy(&m, &answers, Faults::latency(LATENCY));
        let timed = || {
            proxy.clear();
            let started = Instant::now();
            let run = m.sandpit_via(&proxy.endpoint, &args);
            let wall = started.elapsed();
            assert_eq!(run.code, 0, "{lab}: {}", run.stderr);
            let calls = proxy.calls();
            // Forwarded (moto answers 500 to the Budgets subscriber lookup it lacks) or given a
            // recorded AWS answer, never faulted.
            assert!(
                calls.iter().all(|c| matches!(c.outcome, Outcome::Forwarded(_) | Outcome::Replayed)),
                "{calls:?}"
            );
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
    // The capstone's first check after a team checked its labs one by one (the hints of every
    // kind are there; goal: at most 2 rounds).
    let proxy = solved_proxy(&m, &answers, Faults::latency(LATENCY));
    for lab in [
        "budget-guard",
        "iam-team-access",
        "three-tier-vpc",
        "vpc-peering",
        "rds-kms",
        "was-alb-asg",
        "scaling-alerts",
    ] {
        assert_eq!(m.sandpit_via(&proxy.endpoint, &["check", lab, "--json"]).code, 0, "{lab}");
    }
    proxy.clear();
    let started = Instant::now();
    let run = m.sandpit_via(&proxy.endpoint, &["check", "team-project", "--json"]);
    let wall = started.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let calls = proxy.calls();
    let slowest = calls.iter().map(|c| c.took).max().unwrap_or_default();
    println!(
        "team-project, first check after its labs: {} calls, {} rounds, {} ({:.2}× the slowest call)\n",
        calls.len(),
        rounds(&calls),
        ms(wall),
        wall.as_secs_f64() / slowest.as_secs_f64()
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

const QUERIES: &[&str] =
    &["보안 그룹", "NAT 게이트웨이", "라우팅 테이블", "subnet", "encryption key", "가중치"];

/// Render and search timings over `library`.
fn lesson_figures(label: &str, library: &Library, render_sample: usize) {
    let started = Instant::now();
    let index = SearchIndex::build(library);
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
    println!("{label}: {} lessons, search index built in {}", lessons.len(), ms(build));
    println!("  render: {}", spread(renders));
    println!("  search (top 10, {} queries ×5): {}", QUERIES.len(), spread(searches));
}

fn lessons() {
    println!("## lessons");
    for lang in [Lang::Ko, Lang::En] {
        let started = Instant::now();
        let library = Library::builtin(lang).expect("built-in lessons");
        let load = started.elapsed();
        lesson_figures(&format!("built-in ({lang:?}), loaded in {}", ms(load)), &library, usize::MAX);
    }

    let src = tempfile::tempdir().unwrap();
    let vault = src.path().join("class-notes");
    generate_notes(&vault, 2_000);
    let data = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let report = import_notes(&vault, data.path()).expect("import the generated notes");
    let import = started.elapsed();
    assert_eq!(report.notes.len(), 2_000);
    let started = Instant::now();
    let library = Library::builtin(Lang::Ko).unwrap().with_imported(data.path()).unwrap();
    let load = started.elapsed();
    lesson_figures(
        &format!("2,000 generated notes + built-in, imported in {}, loaded in {}", ms(import), ms(load)),
        &library,
        200,
    );
    println!();
}

/// `count` notes of a few hundred words each, Korean and English, with headings, lists, code,
/// tags, callouts and wikilinks to each other, in 20 folders.
fn generate_notes(root: &std::path::Path, count: usize) {
    const WORDS: &[&str] = &[
        "VPC",
        "서브넷",
        "subnet",
        "라우팅",
        "테이블",
        "route",
        "NAT",
        "게이트웨이",
        "gateway",
        "보안",
        "그룹",
        "security",
        "group",
        "인바운드",
        "규칙",
        "inbound",
        "RDS",
        "암호화",
        "encryption",
        "KMS",
        "키",
        "key",
        "Route53",
        "레코드",
        "가중치",
        "weighted",
        "예산",
        "budget",
        "알림",
        "alert",
        "피어링",
        "peering",
        "는",
        "를",
        "에서",
        "and",
        "the",
        "of",
        "with",
        "private",
        "public",
        "퍼블릭",
        "프라이빗",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for i in 0..count {
        let mut text =
            format!("---\ntags: [aws, week{}]\n---\n# Note {i} {}\n\n", i % 12, WORDS[i % WORDS.len()]);
        for section in 0..4 {
            let _ = writeln!(text, "## Section {section} {}\n", WORDS[next(WORDS.len())]);
            for _ in 0..3 {
                let sentence: Vec<&str> = (0..20).map(|_| WORDS[next(WORDS.len())]).collect();
                let _ =
                    writeln!(text, "{} [[Note {}]] #{}.\n", sentence.join(" "), next(count), WORDS[next(8)]);
            }
            let _ =
                writeln!(text, "- {}\n- **{}** `aws ec2 describe-vpcs`\n", WORDS[next(10)], WORDS[next(10)]);
        }
        text.push_str(
            "> [!tip] 정리\n> 라우팅 테이블과 NAT 게이트웨이.\n\n```bash\naws ec2 describe-subnets\n```\n",
        );
        let path = root.join(format!("week{:02}/Note {i}.md", i % 20));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}
