//! Fuzzing the lab loader (proptest): whatever text a `lab.toml` holds — random bytes, or one of
//! the built-in labs with lines deleted, duplicated, cut or spliced — loading it never panics,
//! and a refusal names the file and where in it (a line, or for whole-file problems the field).
//!
//! Inputs that once broke the loader, and hand-written nasty ones, are kept as files in
//! `tests/fuzz-corpus/labs/` and replayed by [`the_corpus_loads_or_is_refused_cleanly`]. When a
//! property fails, proptest prints the smallest input it found: save it there as a new file.
//!
//! The class roster parser (`sandpit_core::roster`, another session's work) plugs in the same
//! way: a property like [`load_cleanly`] over mutated roster files, and `fuzz-corpus/roster/`.
//!
//! Runs with a fixed seed in `make test`; `make fuzz` (or `PROPTEST_RNG_SEED=… PROPTEST_CASES=…`)
//! explores further.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use sandpit_core::labs::{LabError, LabSet};

fn config(default_cases: u32) -> ProptestConfig {
    let base = ProptestConfig::default();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() { base.cases } else { default_cases },
        rng_seed: if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
            base.rng_seed
        } else {
            RngSeed::Fixed(0x5a9d_1ab5)
        },
        failure_persistence: None,
        ..base
    }
}

fn labs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../labs")
}

/// The built-in lab files, as `(folder name, text)`.
fn builtin_sources() -> Vec<(String, String)> {
    let mut sources: Vec<(String, String)> = std::fs::read_dir(labs_dir())
        .unwrap()
        .filter_map(|e| {
            let dir = e.unwrap().path();
            let text = std::fs::read_to_string(dir.join("lab.toml")).ok()?;
            Some((dir.file_name()?.to_str()?.to_owned(), text))
        })
        .collect();
    sources.sort();
    assert!(sources.len() >= 5, "{sources:?}");
    sources
}

/// Loads `text` as `labs/<dir>/lab.toml`: never panics; an error names the file and a line (or,
/// for a problem of the whole file such as "no step", the field).
fn load_cleanly(dir: &str, text: &str) -> Result<(), TestCaseError> {
    let file = format!("labs/{dir}/lab.toml");
    let lines = text.split('\n').count();
    match LabSet::from_sources(vec![(file.clone(), dir.to_owned(), text.to_owned())]) {
        Ok(set) => {
            // A lab that loads can be listed and asked what it needs.
            for lab in set.labs() {
                let _ = lab.resource_kinds();
                prop_assert!(!lab.steps.is_empty());
            }
        }
        Err(LabError::Invalid(errors)) => {
            prop_assert!(!errors.is_empty());
            for e in errors {
                let shown = e.to_string();
                prop_assert!(shown.starts_with(&file), "{shown}");
                prop_assert!(e.line.is_some() || e.field.is_some(), "no line and no field: {shown}");
                if let Some(line) = e.line {
                    prop_assert!((1..=lines).contains(&line), "line {line} of {lines}: {shown}");
                }
                prop_assert!(!e.message.trim().is_empty(), "{shown}");
            }
        }
        Err(other) => prop_assert!(false, "unexpected error kind: {other}"),
    }
    Ok(())
}

/// One edit of a lab file's lines.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Truncate(usize, usize),
    Insert(usize, String),
    Replace(usize, String),
}

fn token() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "[[step]]",
        "[[step.check]]",
        "[[param]]",
        "kind = \"vpc\"",
        "kind = \"no_such_kind\"",
        "id = \"\"",
        "id = \"Bad Id\"",
        "cidr = \"{{vpc_cidr}}\"",
        "cidr = \"{{nope}}\"",
        "type = \"cidr\"",
        "default = 99999999999999999999",
        "default = \"10.0.0.0/33\"",
        "title = { ko = \"가\", en = \"a\" }",
        "order = -1",
        "\"\"\"",
        "ko = \"한국어 😀\"",
        "[title]",
        "a = [[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]",
    ];
    prop_oneof![
        6 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
        2 => "[ -~]{0,40}",
        1 => any::<String>(),
        1 => Just("x".repeat(300)),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = || any::<usize>();
    prop_oneof![
        at().prop_map(Edit::Delete),
        at().prop_map(Edit::Duplicate),
        (at(), at()).prop_map(|(a, b)| Edit::Swap(a, b)),
        (at(), at()).prop_map(|(a, b)| Edit::Truncate(a, b)),
        (at(), token()).prop_map(|(a, t)| Edit::Insert(a, t)),
        (at(), token()).prop_map(|(a, t)| Edit::Replace(a, t)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    for e in edits {
        let n = lines.len().max(1);
        match e {
            Edit::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Edit::Duplicate(i) if !lines.is_empty() => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Edit::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Edit::Truncate(i, at) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                let cut = line.char_indices().map(|(k, _)| k).nth(at % (line.chars().count() + 1));
                line.truncate(cut.unwrap_or(line.len()));
            }
            Edit::Insert(i, t) => lines.insert(i % (lines.len() + 1), t.clone()),
            Edit::Replace(i, t) if !lines.is_empty() => lines[i % n] = t.clone(),
            _ => {}
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn mutated_builtin_labs_load_or_are_refused_cleanly(
        which in any::<usize>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let sources = builtin_sources();
        let (dir, text) = &sources[which % sources.len()];
        load_cleanly(dir, &apply(text, &edits))?;
    }

    #[test]
    fn arbitrary_text_loads_or_is_refused_cleanly(text in any::<String>()) {
        load_cleanly("fuzz", &text)?;
    }

    #[test]
    fn toml_shaped_text_loads_or_is_refused_cleanly(
        lines in prop::collection::vec(token(), 0..30),
    ) {
        load_cleanly("fuzz", &lines.join("\n"))?;
    }
}

#[test]
fn the_builtin_labs_load_unchanged() {
    // Together: a lab may include another's steps by reference.
    let sources: Vec<_> = builtin_sources()
        .into_iter()
        .map(|(dir, text)| (format!("labs/{dir}/lab.toml"), dir, text))
        .collect();
    let labs = LabSet::from_sources(sources).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(labs.labs().len(), builtin_sources().len());
}

#[test]
fn the_corpus_loads_or_is_refused_cleanly() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus/labs");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    assert!(files.len() >= 5, "the corpus at {} is missing", corpus.display());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let dir = path.file_stem().unwrap().to_str().unwrap();
        if let Err(e) = load_cleanly(dir, &text) {
            panic!("{}: {e}", path.display());
        }
    }
}
