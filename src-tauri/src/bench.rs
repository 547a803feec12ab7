//! `make bench-desktop`: with `SANDPIT_DESKTOP_BENCH=1` the app prints the time from process
//! start to the window's first paint and the resident memory of the app (its own process and
//! the WebKit processes it started), then exits.

use std::collections::HashMap;

/// Resident memory in KiB of `pid` and all its descendants, from /proc.
pub fn tree_rss_kib(pid: u32) -> u64 {
    let mut parent: HashMap<u32, u32> = HashMap::new();
    let mut rss: HashMap<u32, u64> = HashMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(p) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else { continue };
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        };
        if let Some(pp) = field("PPid:") {
            parent.insert(p, pp as u32);
        }
        rss.insert(p, field("VmRSS:").unwrap_or(0));
    }
    let in_tree = |mut p: u32| {
        loop {
            if p == pid {
                return true;
            }
            match parent.get(&p) {
                Some(&pp) if pp != 0 && pp != p => p = pp,
                _ => return false,
            }
        }
    };
    rss.iter().filter(|(p, _)| in_tree(**p)).map(|(_, kib)| kib).sum()
}

/// Called once the window painted: in bench mode, prints the numbers and exits.
pub fn first_paint(ms: u64) {
    if std::env::var_os("SANDPIT_DESKTOP_BENCH").is_none() {
        return;
    }
    let painted_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    // Let the page settle so the memory figure is the steady state of an open window.
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1500));
        let own = tree_rss_kib(std::process::id());
        println!("first_paint_ms={ms} painted_at_ms={painted_at} rss_kib={own}");
        std::process::exit(0);
    });
}
