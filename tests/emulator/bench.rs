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
//! - **Path questions** — `sandpit reach` from a snapshot of a large account (1,000 security-group
//!   rules, 200 route tables): the evaluation alone, the snapshot file loaded and evaluated, and
//!   the whole `sandpit reach --snapshot` process.
//! - **Classroom** — `sandpit class check` of 30 teams, eight at a time against one at a time.
//! - **Desktop** — cold start and resident memory of the window (`make bench-desktop`).
//!
//! Debug build (the `make test` profile: dependencies at opt-level 1, our crates at 0), so the
//! lesson figures are upper bounds; the check figures are dominated by the injected latency.

use std::fs;
use std::time::{Duration, Instant};

use sandpit_core::Lang;
use sandpit_core::reach::{self, Question};
use sandpit_core::snapshot::*;
use sandpit_e2e::measure::{dir_size, generate_notes, ms, spread};
use sandpit_e2e::{Faults, Moto, Outcome, rounds, sandpit_offline};
use sandpit_lessons::{Library, SearchIndex, import_notes, index_path, render_lesson};

use crate::api_budget::{build_every_lab, lab_ids, solved_proxy};

const LATENCY: Duration = Duration::from_millis(100);

#[test]
#[ignore = "a benchmark: run with `make bench`"]
fn bench() {
    println!("\nSandpit benchmark (debug build; {} added to every AWS call)\n", ms(LATENCY));
    checks();
    class_check_30_teams();
    reach_from_snapshot();
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

/// `sandpit class check` of 30 teams with 100 ms per call: eight teams at a time against one by
/// one (what a class of 30 costs an instructor who checks them all).
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

/// One path question from a snapshot of a large account: 1,000 security-group rules (50 groups
/// of 20) and 200 route tables (one per subnet, each with the peering and NAT routes and three
/// more specific ones), NACLs of 20 rules, 200 instances. The question: an instance in the app
/// VPC to a database spread over three subnets of the other VPC, whose group's 20 rules admit
/// the instance only with the last one. Goal: < 50 ms.
fn reach_from_snapshot() {
    let snap = large_account();
    let rules: usize = snap.security_groups.iter().map(|g| g.ingress.len() + g.egress.len()).sum();
    let tables = snap.route_tables.iter().count();
    println!(
        "## sandpit reach from a snapshot ({rules} security-group rules, {tables} route tables; goal < 50 ms)"
    );
    let question =
        Question { from: "i-app-42".into(), to: "bench-db".into(), port: Some(3306), ..Question::default() };
    let answer = reach::answer(&snap, &question).expect("the bench question is answered");
    assert!(answer.reachable, "{:#?}", answer.blocking_hop());
    assert_eq!(answer.paths.len(), 3);
    let mut evaluations = Vec::new();
    for _ in 0..50 {
        let started = Instant::now();
        let a = reach::answer(&snap, &question).unwrap();
        evaluations.push(started.elapsed());
        assert!(a.reachable);
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.json");
    fs::write(&file, serde_json::to_vec(&snap).unwrap()).unwrap();
    let size = fs::metadata(&file).unwrap().len();
    let mut loaded = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let snap: Snapshot = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
        assert!(reach::answer(&snap, &question).unwrap().reachable);
        loaded.push(started.elapsed());
    }
    let args = [
        "reach",
        "--from",
        "i-app-42",
        "--to",
        "bench-db",
        "--port",
        "3306",
        "--json",
        "--snapshot",
        file.to_str().unwrap(),
    ];
    let mut processes = Vec::new();
    for _ in 0..10 {
        let started = Instant::now();
        let run = sandpit_offline(&args, &[]);
        processes.push(started.elapsed());
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    println!("answer (snapshot in memory):        {}", spread(evaluations));
    println!("load the file ({} KB) and answer:   {}", size / 1024, spread(loaded));
    println!("`sandpit reach --snapshot` process: {}\n", spread(processes));
}

/// The large account of [`reach_from_snapshot`].
fn large_account() -> Snapshot {
    let mut snap = Snapshot::all_read_and_empty();
    let cidr_rule = |port: i32, block: String| SgRule {
        protocol: "tcp".into(),
        from_port: Some(port),
        to_port: Some(port),
        source: RuleSource::Cidr(block),
        peering: None,
    };
    let all_out = SgRule {
        protocol: "-1".into(),
        from_port: None,
        to_port: None,
        source: RuleSource::Cidr("0.0.0.0/0".into()),
        peering: None,
    };
    for (v, second) in [("vpc-app", 0), ("vpc-db", 1)] {
        snap.vpcs.items_mut().unwrap().push(Vpc {
            id: v.into(),
            cidr: format!("10.{second}.0.0/16"),
            secondary_cidrs: vec![],
            is_default: false,
            state: "available".into(),
            tags: Tags::new(),
        });
        let mut entries = Vec::new();
        for egress in [false, true] {
            for n in 0..19 {
                entries.push(NaclEntry {
                    rule_number: 10 + n,
                    egress,
                    protocol: "6".into(),
                    action: "deny".into(),
                    cidr: Some(format!("192.168.{n}.0/24")),
                    ipv6_cidr: None,
                    from_port: Some(22),
                    to_port: Some(22),
                });
            }
            entries.push(NaclEntry {
                rule_number: 100,
                egress,
                protocol: "-1".into(),
                action: "allow".into(),
                cidr: Some("0.0.0.0/0".into()),
                ipv6_cidr: None,
                from_port: None,
                to_port: None,
            });
        }
        snap.network_acls.items_mut().unwrap().push(NetworkAcl {
            id: format!("acl-{v}"),
            vpc_id: v.into(),
            is_default: true,
            subnet_ids: vec![],
            entries,
            tags: Tags::new(),
        });
    }
    let pcx = PeeringConnection {
        id: "pcx-bench".into(),
        status: "active".into(),
        status_message: None,
        requester: PeeringSide {
            vpc_id: "vpc-app".into(),
            owner_id: None,
            region: None,
            cidrs: vec!["10.0.0.0/16".into()],
        },
        accepter: PeeringSide {
            vpc_id: "vpc-db".into(),
            owner_id: None,
            region: None,
            cidrs: vec!["10.1.0.0/16".into()],
        },
        tags: Tags::new(),
    };
    snap.peering_connections.items_mut().unwrap().push(pcx);
    // 50 groups of 20 rules: the app groups admit HTTP from many blocks; the database group's
    // last rule is the one that admits the app instance.
    for g in 0..50 {
        let vpc = if g < 25 { "vpc-app" } else { "vpc-db" };
        let mut ingress: Vec<SgRule> =
            (0..19).map(|r| cidr_rule(80 + r, format!("172.{}.{r}.0/24", 16 + g % 16))).collect();
        ingress.push(if g == 49 {
            cidr_rule(3306, "10.0.42.0/24".into())
        } else {
            cidr_rule(443, "0.0.0.0/0".into())
        });
        snap.security_groups.items_mut().unwrap().push(SecurityGroup {
            id: format!("sg-bench-{g}"),
            name: format!("bench-{g}"),
            vpc_id: vpc.into(),
            description: String::new(),
            ingress,
            egress: vec![all_out.clone()],
            tags: Tags::new(),
        });
    }
    // 200 subnets, a route table each, an instance each.
    for i in 0..200u32 {
        let (vpc, second, third, other) =
            if i < 100 { ("vpc-app", 0, i, "10.1.0.0/16") } else { ("vpc-db", 1, i - 100, "10.0.0.0/16") };
        let subnet = format!("subnet-{i}");
        snap.subnets.items_mut().unwrap().push(Subnet {
            id: subnet.clone(),
            vpc_id: vpc.into(),
            cidr: format!("10.{second}.{third}.0/24"),
            availability_zone: "ap-northeast-2a".into(),
            map_public_ip_on_launch: false,
            tags: Tags::new(),
        });
        let route = |destination: String, target: &str| Route {
            destination,
            target: target.into(),
            target_kind: RouteTargetKind::from_target_id(target),
            state: "active".into(),
        };
        let mut routes = vec![
            route(format!("10.{second}.0.0/16"), "local"),
            route(other.into(), "pcx-bench"),
            route("0.0.0.0/0".into(), "tgw-bench"),
        ];
        routes.extend((0..3).map(|k| route(format!("192.168.{}.0/24", (i + k) % 250), "pcx-bench")));
        snap.route_tables.items_mut().unwrap().push(RouteTable {
            id: format!("rtb-{i}"),
            vpc_id: vpc.into(),
            main: false,
            subnet_ids: vec![subnet.clone()],
            routes,
            tags: Tags::new(),
        });
        snap.ec2_instances.items_mut().unwrap().push(Ec2Instance {
            id: format!("i-{}-{}", if i < 100 { "app" } else { "db" }, third),
            instance_type: "t3.micro".into(),
            state: "running".into(),
            vpc_id: Some(vpc.into()),
            subnet_id: Some(subnet),
            private_ip: Some(format!("10.{second}.{third}.10")),
            security_groups: vec![format!("sg-bench-{}", if i < 100 { i % 25 } else { 25 + i % 24 })],
            ..Ec2Instance::default()
        });
    }
    snap.db_subnet_groups.items_mut().unwrap().push(DbSubnetGroup {
        name: "bench-db-subnets".into(),
        vpc_id: "vpc-db".into(),
        subnets: (100..103)
            .map(|i| DbSubnet { id: format!("subnet-{i}"), availability_zone: "ap-northeast-2a".into() })
            .collect(),
    });
    snap.db_instances.items_mut().unwrap().push(DbInstance {
        id: "bench-db".into(),
        class: "db.t3.micro".into(),
        engine: "mysql".into(),
        status: "available".into(),
        storage_encrypted: true,
        kms_key_id: None,
        publicly_accessible: false,
        backup_retention_days: 7,
        auto_minor_version_upgrade: true,
        maintenance_window: None,
        master_user_secret_arn: None,
        security_groups: vec!["sg-bench-49".into()],
        subnet_group: Some("bench-db-subnets".into()),
        vpc_id: Some("vpc-db".into()),
        created_at: None,
        cluster_id: None,
        multi_az: false,
        port: Some(3306),
        engine_version: Some("8.4.3".into()),
    });
    snap
}

/// Cold start of the desktop app to its first painted window and its
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

/// The path-question figures alone (no emulator needed: the account is a generated snapshot).
#[test]
#[ignore = "a benchmark: run with `make bench-reach`"]
fn reach_only() {
    reach_from_snapshot();
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
