//! The CLI contract scripts rely on: JSON shapes and exit codes, including the unhappy paths.

use std::time::{Duration, Instant};

use sandpit_e2e::{Moto, sandpit_offline};

#[test]
fn whoami_names_the_account_and_labels_the_emulator() {
    let m = Moto::start();
    let run = m.sandpit(&["whoami", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let me = run.json();
    assert_eq!(me["account"], "123456789012");
    assert!(me["arn"].as_str().unwrap().starts_with("arn:aws:"), "{me}");
    assert_eq!(me["region"], "ap-northeast-2");
    assert_eq!(me["emulator"], true);
    let text = m.sandpit(&["whoami", "--lang", "en"]);
    assert!(text.stdout.contains("123456789012") && text.stdout.contains("emulator"), "{}", text.stdout);
}

#[test]
fn an_unreachable_endpoint_is_exit_3_quickly() {
    let started = Instant::now();
    let run = sandpit_offline(
        &["whoami", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1", "--lang", "en"],
        &[("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("cannot reach AWS at http://127.0.0.1:9"), "{}", run.stderr);
    let korean = sandpit_offline(
        &["whoami", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"],
        &[("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")],
    );
    assert_eq!(korean.code, 3, "{}", korean.stderr);
    assert!(
        korean.stderr.contains("http://127.0.0.1:9에 연결할 수 없습니다")
            || korean.stderr.contains("http://127.0.0.1:9의 AWS에 연결할 수 없습니다"),
        "{}",
        korean.stderr
    );
    assert!(korean.stderr.contains("--endpoint-url"), "says which flag to look at: {}", korean.stderr);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
}

#[test]
fn missing_credentials_are_exit_3_with_what_to_do() {
    let m = Moto::start();
    let run = sandpit_offline(
        &["check", "three-tier-vpc", "--endpoint-url", &m.endpoint, "--region", "us-east-1", "--lang", "en"],
        &[],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("no AWS credentials") && run.stderr.contains("aws configure"),
        "{}",
        run.stderr
    );
    let korean = sandpit_offline(
        &["check", "three-tier-vpc", "--endpoint-url", &m.endpoint, "--region", "us-east-1"],
        &[],
    );
    assert_eq!(korean.code, 3, "{}", korean.stderr);
    assert!(
        korean.stderr.contains("자격 증명") && korean.stderr.contains("aws configure"),
        "{}",
        korean.stderr
    );
    assert_eq!(sandpit_core::english_words(&korean.stderr), Vec::<String>::new(), "{}", korean.stderr);
}

#[test]
fn a_missing_region_or_profile_is_a_configuration_error() {
    let keys = [("AWS_ACCESS_KEY_ID", "a"), ("AWS_SECRET_ACCESS_KEY", "b")];
    for lang in ["ko", "en"] {
        let run = sandpit_offline(&["whoami", "--lang", lang], &keys);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("--region"), "{}", run.stderr);
        let run =
            sandpit_offline(&["whoami", "--profile", "nope", "--region", "us-east-1", "--lang", lang], &[]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("`nope`") && run.stderr.contains("--profile"), "{}", run.stderr);
        if lang == "en" {
            assert!(run.stderr.contains("profile `nope`"), "{}", run.stderr);
        } else {
            assert_eq!(sandpit_core::english_words(&run.stderr), Vec::<String>::new(), "{}", run.stderr);
        }
    }
}

#[test]
fn labs_lists_both_network_labs() {
    let run = sandpit_offline(&["labs", "--json", "--lang", "en"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let labs = run.json();
    let ids: Vec<&str> = labs.as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"three-tier-vpc") && ids.contains(&"vpc-peering"), "{ids:?}");
    let three = labs.as_array().unwrap().iter().find(|l| l["id"] == "three-tier-vpc").unwrap();
    assert_eq!(three["billable"], true);
    assert_eq!(three["steps"][0]["id"], "vpc");
    let korean = sandpit_offline(&["labs"], &[]);
    assert!(korean.stdout.contains("3계층 VPC 구축"), "{}", korean.stdout);
}

#[test]
fn bad_input_is_exit_2_and_names_the_problem() {
    let cases: &[(&[&str], &str)] = &[
        (&["check", "no-such-lab"], "unknown lab `no-such-lab`"),
        (&["check", "three-tier-vpc", "--param", "vpc_cidr=10.10.0.0/33"], "--param vpc_cidr=10.10.0.0/33"),
        (&["check", "three-tier-vpc", "--param", "vpc_cidr=10.10.1.0/16"], "host bits"),
        (&["check", "three-tier-vpc", "--param", "app_port=http"], "TCP port"),
        (&["check", "three-tier-vpc", "--param", "nope=1"], "no parameter `nope`"),
        (&["check", "three-tier-vpc", "--param", "vpc_cidr"], "KEY=VALUE"),
        (&["check", "three-tier-vpc", "--step", "nope"], "no step `nope`"),
        (&["check", "three-tier-vpc", "--snapshot", "/nonexistent.json"], "cannot read snapshot"),
        (&["check", "three-tier-vpc", "--lang", "fr"], "fr"),
    ];
    for (args, needle) in cases {
        let english: Vec<&str> = args.iter().copied().chain(["--lang", "en"]).collect();
        let run = sandpit_offline(if args.contains(&"--lang") { args } else { &english }, &[]);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(needle), "{args:?}: expected `{needle}` in:\n{}", run.stderr);
        // The same mistake in a Korean run: exit 2, said in Korean, the bad value named.
        let korean = sandpit_offline(args, &[]);
        assert_eq!(korean.code, 2, "{args:?}: {}", korean.stderr);
        assert!(korean.stderr.starts_with("오류: "), "{args:?}: {}", korean.stderr);
        let offending = args.last().unwrap().split('=').next_back().unwrap();
        assert!(korean.stderr.contains(offending), "{args:?}: names `{offending}`: {}", korean.stderr);
    }
    // Korean runs say it without English (the snapshot case's OS error aside).
    for (args, _) in &cases[..7] {
        let korean = sandpit_offline(args, &[]);
        assert_eq!(
            sandpit_core::english_words(&korean.stderr),
            Vec::<String>::new(),
            "{args:?}: {}",
            korean.stderr
        );
    }
}

#[test]
fn a_broken_lab_folder_is_refused_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let lab = dir.path().join("three-tier-vpc");
    std::fs::create_dir(&lab).unwrap();
    let text = include_str!("../../labs/three-tier-vpc/lab.toml");
    std::fs::write(lab.join("lab.toml"), text.replacen("kind = \"subnets\"", "kind = \"subnet\"", 1))
        .unwrap();
    let line = text.lines().position(|l| l == "kind = \"subnets\"").unwrap(); // the header above it
    let run = sandpit_offline(&["labs", "--labs-dir", dir.path().to_str().unwrap()], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("three-tier-vpc/lab.toml:{line}:")), "{}", run.stderr);
    assert!(run.stderr.contains("unknown check kind `subnet`"), "{}", run.stderr);
    // Nothing is checked with a broken lab set.
    let run = sandpit_offline(&["check", "three-tier-vpc", "--labs-dir", dir.path().to_str().unwrap()], &[]);
    assert_eq!(run.code, 2);
}

#[test]
fn a_saved_snapshot_gives_the_same_verdict_offline() {
    let m = Moto::start();
    m.guard();
    m.aws(&["ec2", "create-vpc", "--cidr-block", "10.10.0.0/16"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evidence.json");
    let live = m.sandpit(&["check", "three-tier-vpc", "--json", "--save-snapshot", file.to_str().unwrap()]);
    assert_eq!(live.code, 1);
    let offline =
        sandpit_offline(&["check", "three-tier-vpc", "--json", "--snapshot", file.to_str().unwrap()], &[]);
    assert_eq!(offline.code, 1, "{}", offline.stderr);
    let (a, b) = (live.json(), offline.json());
    assert_eq!(a["steps"], b["steps"]);
    assert_eq!(a["steps"][0]["id"], "budget-guard");
    assert_eq!(a["steps"][0]["status"], "pass");
    assert_eq!(a["steps"][1]["status"], "pass", "the VPC step");
    std::fs::write(&file, "{ not json").unwrap();
    let broken = sandpit_offline(&["check", "three-tier-vpc", "--snapshot", file.to_str().unwrap()], &[]);
    assert_eq!(broken.code, 2);
    assert!(broken.stderr.contains("evidence.json:1:"), "{}", broken.stderr);
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    // `sandpit labs | head -1`: the reader is gone before sandpit writes.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(sandpit_e2e::sandpit_bin())
        .args(["labs", "--lang", "en"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0));
}
