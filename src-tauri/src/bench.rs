//! `make bench-desktop`: with `SANDPIT_DESKTOP_BENCH=1` the app prints the time from process
//! start to the window's first paint and the memory of the app (its own process and the WebKit
//! processes it started, each named), then exits.

use std::collections::HashMap;

/// One process of the app's tree, as /proc sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessMemory {
    /// Process id.
    pub pid: u32,
    /// The executable's short name (`comm`), e.g. `WebKitWebProces` (the kernel keeps 15 bytes).
    pub name: String,
    /// Resident set size: counts a shared library once in every process that maps it.
    pub rss_kib: u64,
    /// Proportional set size: a shared page divided among the processes sharing it, so the sum
    /// over processes is the memory the app really holds.
    pub pss_kib: u64,
}

/// Memory of `pid` and all its descendants (the WebKit web and network processes the app
/// starts), from /proc.
pub fn tree_memory(pid: u32) -> Vec<ProcessMemory> {
    let mut parent: HashMap<u32, u32> = HashMap::new();
    let mut status_of: HashMap<u32, String> = HashMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(p) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else { continue };
        if let Some(pp) = kib_field(&status, "PPid:") {
            parent.insert(p, pp as u32);
        }
        status_of.insert(p, status);
    }
    let in_tree = |mut p: u32| loop {
        if p == pid {
            return true;
        }
        match parent.get(&p) {
            Some(&pp) if pp != 0 && pp != p => p = pp,
            _ => return false,
        }
    };
    let mut tree: Vec<ProcessMemory> = status_of
        .iter()
        .filter(|(p, _)| in_tree(**p))
        .map(|(&p, status)| {
            let rollup = std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")).unwrap_or_default();
            ProcessMemory {
                pid: p,
                name: status
                    .lines()
                    .find_map(|l| l.strip_prefix("Name:"))
                    .map(|n| n.trim().to_owned())
                    .unwrap_or_default(),
                // Both from the one rollup when there is one: read apart, a growing process could
                // show more proportional than resident memory.
                rss_kib: kib_field(&rollup, "Rss:").or_else(|| kib_field(status, "VmRSS:")).unwrap_or(0),
                pss_kib: kib_field(&rollup, "Pss:").unwrap_or(0),
            }
        })
        .collect();
    tree.sort_by_key(|m| m.pid);
    tree
}

/// The number after `name` on its line of a /proc file (`VmRSS:   1234 kB`).
fn kib_field(text: &str, name: &str) -> Option<u64> {
    text.lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
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
        let tree = tree_memory(std::process::id());
        let rss: u64 = tree.iter().map(|m| m.rss_kib).sum();
        let pss: u64 = tree.iter().map(|m| m.pss_kib).sum();
        let procs: Vec<String> = tree
            .iter()
            .map(|m| format!("{}:{}:{}", m.name.replace(' ', "_"), m.rss_kib, m.pss_kib))
            .collect();
        println!(
            "first_paint_ms={ms} painted_at_ms={painted_at} rss_kib={rss} pss_kib={pss} procs={}",
            procs.join(",")
        );
        std::process::exit(0);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_holds_this_process_and_a_child_it_started() {
        let mut child = std::process::Command::new("sleep").arg("5").spawn().expect("sleep runs");
        let tree = tree_memory(std::process::id());
        child.kill().ok();
        child.wait().ok();
        let me = tree.iter().find(|m| m.pid == std::process::id()).expect("this process is in its own tree");
        assert!(me.rss_kib > 0 && me.pss_kib > 0, "{me:?}");
        assert!(me.pss_kib <= me.rss_kib, "a share of the resident pages, never more: {me:?}");
        assert!(tree.iter().any(|m| m.pid == child.id() && m.name == "sleep"), "{tree:?}");
    }

    #[test]
    fn a_proc_field_is_read_by_its_name() {
        let status = "Name:\tWebKitWebProces\nPPid:\t42\nVmRSS:\t  123456 kB\n";
        assert_eq!(kib_field(status, "VmRSS:"), Some(123_456));
        assert_eq!(kib_field(status, "PPid:"), Some(42));
        assert_eq!(kib_field(status, "Pss:"), None);
    }
}
