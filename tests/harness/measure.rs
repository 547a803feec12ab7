//! Measuring helpers shared by `make bench` (tests/emulator/bench.rs) and the search-engine
//! comparison (tools/search-engines, which includes this file by path): std only, so both build
//! it without the harness's dependencies.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::Duration;

/// A duration in milliseconds, one decimal.
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Median, 95th percentile and maximum.
pub fn spread(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    format!("median {} · p95 {} · max {} (n={})", ms(at(0.5)), ms(at(0.95)), ms(at(1.0)), samples.len())
}

/// Bytes under `path`, recursively.
pub fn dir_size(path: &Path) -> u64 {
    fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() { dir_size(&e.path()) } else { e.metadata().map_or(0, |m| m.len()) }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// `count` notes of a few hundred words each, Korean and English, with headings, lists, code,
/// tags, callouts and wikilinks to each other, in 20 folders.
pub fn generate_notes(root: &Path, count: usize) {
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
