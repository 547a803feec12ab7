//! Where Sandpit keeps its files on the learner's machine.

use std::path::{Path, PathBuf};

/// The data directory: `override_dir` if given (the `--data-dir` flag or `SANDPIT_DATA_DIR`),
/// else `$XDG_DATA_HOME/sandpit`, else `~/.local/share/sandpit`.
pub fn data_dir(override_dir: Option<&Path>) -> PathBuf {
    if let Some(dir) = override_dir {
        return dir.to_path_buf();
    }
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(xdg).join("sandpit");
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    home.join(".local").join("share").join("sandpit")
}

/// Where reads of AWS remember the ids they saw, to ask follow-up questions sooner next time:
/// `<data_dir>/cache/reads`. A cache: deleting it only makes the next check slower.
pub fn reads_cache_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("cache").join("reads")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_directory_wins() {
        assert_eq!(data_dir(Some(Path::new("/tmp/x"))), PathBuf::from("/tmp/x"));
    }
}
