//! `sandpit lessons …`, `sandpit import-notes` and `sandpit notes …`: the lesson library
//! (built-in lessons in the chosen language plus the learner's imported vaults) from the command
//! line. Glue only: every behaviour is in `sandpit-lessons`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use sandpit_core::msg::{Arg, Explain, Place};
use sandpit_lessons::{
    ImportOptions, ImportReport, Library, PageOptions, SearchIndex, VaultInfo, render_lesson,
    render_page_html,
};
use serde_json::json;

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};
use crate::output::{Text, display_width, pad, pad_left};

/// How many hits `lessons search` shows.
const SEARCH_LIMIT: usize = 20;

/// `sandpit lessons`
#[derive(Debug, Subcommand)]
pub(crate) enum LessonsCommand {
    /// List the lessons (built-in and imported)
    List {
        /// One JSON document instead of text
        #[arg(long)]
        json: bool,
    },
    /// Show one lesson
    Show {
        /// Lesson id
        id: String,
        /// Rendered HTML instead of text
        #[arg(long)]
        html: bool,
    },
    /// Full-text search over all lessons (Korean and English)
    Search {
        /// What to look for
        query: String,
        /// One JSON document instead of text
        #[arg(long)]
        json: bool,
    },
}

/// `sandpit import-notes <DIR>`
#[derive(Debug, Args)]
pub(crate) struct ImportNotesArgs {
    /// A folder of Markdown notes, e.g. an Obsidian vault
    pub(crate) dir: PathBuf,
    /// Also take every file with this extension as a note (e.g. `--ext txt`; .txt files that
    /// read as Markdown are taken anyway)
    #[arg(long = "ext", value_name = "EXT")]
    pub(crate) ext: Vec<String>,
}

/// `sandpit notes`
#[derive(Debug, Subcommand)]
pub(crate) enum NotesCommand {
    /// The imported vaults: where each came from, how many notes, when
    List {
        /// One JSON document instead of text
        #[arg(long)]
        json: bool,
    },
    /// Remove an imported vault from the library (your original folder is not touched)
    Remove {
        /// The vault's name as `notes list` shows it, or the folder it was imported from
        vault: String,
    },
}

fn load(global: &GlobalArgs) -> Result<Library, Failure> {
    let data_dir = sandpit_core::paths::data_dir(global.data_dir.as_deref());
    let library = Library::builtin(global.lang)
        .and_then(|library| library.with_imported(&data_dir))
        .map_err(|e| Failure::input(&e))?;
    let t = Text::new(global.lang);
    for warning in library.warnings() {
        eprintln!("{} {warning}", t.say("cli-warning"));
    }
    Ok(library)
}

fn print_json(value: &serde_json::Value) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).expect("a JSON value always serializes");
    println!("{text}");
    Ok(())
}

pub(crate) fn run(global: &GlobalArgs, cmd: &LessonsCommand) -> CmdResult {
    if let LessonsCommand::Search { query, json } = cmd {
        return search(global, query, *json);
    }
    let library = load(global)?;
    let t = Text::new(global.lang);
    match cmd {
        LessonsCommand::List { json } => {
            if *json {
                print_json(&json!({
                    "lang": global.lang,
                    "lessons": library.list(),
                    "warnings": library.warnings(),
                }))?;
                return Ok(Outcome::Success);
            }
            let width = library.list().iter().map(|m| display_width(&m.id)).max().unwrap_or(0);
            let (builtin, imported): (Vec<_>, Vec<_>) =
                library.list().iter().partition(|m| m.source == sandpit_lessons::SourceKind::Builtin);
            if !builtin.is_empty() {
                println!("{}", t.say("cli-lessons-builtin"));
                for meta in builtin {
                    let order = meta.order.map(|o| o.to_string()).unwrap_or_default();
                    println!("{order:>4}  {}  {}", pad(&meta.id, width), meta.title);
                }
            }
            if !imported.is_empty() {
                println!("\n{}", t.say("cli-lessons-my-notes"));
                for meta in imported {
                    println!("   -  {}  {}", pad(&meta.id, width), meta.title);
                }
            }
            if library.list().is_empty() {
                println!("{}", t.say("cli-lessons-none"));
            }
            Ok(Outcome::Success)
        }
        LessonsCommand::Show { id, html } => {
            let Some(lesson) = library.get(id) else {
                return Err(Failure::input(&sandpit_lessons::LessonError::UnknownLesson(id.clone())));
            };
            super::progress::lesson_opened(global, id);
            if *html {
                let page = render_lesson(&library, id).map_err(|e| Failure::input(&e))?;
                // Saved to a file, the page must stand alone: styles and script inline, images
                // embedded.
                let options = PageOptions { standalone: true, ..PageOptions::default() };
                let document = render_page_html(&page, &options).map_err(|e| Failure::input(&e))?;
                print!("{}", library.inline_images(&document));
                return Ok(Outcome::Success);
            }
            let meta = &lesson.meta;
            println!("# {}", meta.title);
            let mut about = vec![meta.id.clone()];
            about.extend(meta.topic.clone());
            if !meta.tags.is_empty() {
                about.push(meta.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "));
            }
            if !meta.labs.is_empty() {
                about.push(t.say_with("cli-lessons-labs", &[("labs", meta.labs.join(", ").into())]));
            }
            println!("({})\n", about.join(" · "));
            println!("{}", body_of(&lesson.markdown).trim());
            Ok(Outcome::Success)
        }
        LessonsCommand::Search { query, json } => search(global, query, *json),
    }
}

/// `lessons search`: answered from the persistent index (`<data dir>/cache/search/`), which
/// only re-indexes what changed; the library is not loaded. An index that cannot be opened
/// (a read-only data folder) is replaced by one built in memory for this query, with a warning.
fn search(global: &GlobalArgs, query: &str, json: bool) -> CmdResult {
    let data_dir = sandpit_core::paths::data_dir(global.data_dir.as_deref());
    let index = match SearchIndex::open(&data_dir, global.lang) {
        Ok(index) => index,
        Err(err) => {
            let t = Text::new(global.lang);
            eprintln!("{} {}", t.say("cli-warning"), err.explain(Place::Cli).get(global.lang));
            SearchIndex::build(&load(global)?)
        }
    };
    let t = Text::new(global.lang);
    for vault in index.interrupted() {
        eprintln!(
            "{} {}",
            t.say("cli-warning"),
            t.say_with("cli-search-interrupted", &[("vault", vault.as_str().into())])
        );
    }
    let hits = index.search(query, SEARCH_LIMIT);
    if json {
        print_json(&json!({ "query": query, "hits": hits }))?;
    } else if hits.is_empty() {
        println!("{}", t.say("cli-lessons-no-match"));
    } else {
        for hit in &hits {
            println!("{}  {}\n    {}", hit.id, hit.title, hit.snippet_text);
        }
    }
    Ok(Outcome::Success)
}

/// The Markdown after the front matter.
fn body_of(markdown: &str) -> &str {
    let text = markdown.strip_prefix('\u{feff}').unwrap_or(markdown);
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return text;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            return &rest[offset..];
        }
    }
    text
}

pub(crate) fn import_notes(global: &GlobalArgs, args: &ImportNotesArgs) -> CmdResult {
    let data_dir = sandpit_core::paths::data_dir(global.data_dir.as_deref());
    let options = ImportOptions { extensions: args.ext.clone(), lang: global.lang };
    let report =
        sandpit_lessons::import_notes_with(&args.dir, &data_dir, &options).map_err(|e| Failure::input(&e))?;
    print_report(&report, Text::new(global.lang));
    Ok(Outcome::Success)
}

/// `sandpit notes list|remove`.
pub(crate) fn notes(global: &GlobalArgs, cmd: &NotesCommand) -> CmdResult {
    let data_dir = sandpit_core::paths::data_dir(global.data_dir.as_deref());
    let t = Text::new(global.lang);
    match cmd {
        NotesCommand::List { json } => {
            let vaults = sandpit_lessons::list_vaults(&data_dir).map_err(|e| Failure::input(&e))?;
            if *json {
                print_json(&json!({ "vaults": vaults }))?;
            } else if vaults.is_empty() {
                println!("{}", t.say("cli-notes-none"));
            } else {
                let width = vaults.iter().map(|v| display_width(&v.key)).max().unwrap_or(0);
                for v in &vaults {
                    print_vault(v, width, t);
                }
            }
            Ok(Outcome::Success)
        }
        NotesCommand::Remove { vault } => {
            let removed = sandpit_lessons::remove_vault(&data_dir, vault).map_err(|e| Failure::input(&e))?;
            let source = removed.source.as_ref().map(|s| s.display().to_string());
            println!(
                "{}",
                t.say_with(
                    "cli-notes-removed",
                    &[("vault", removed.key.as_str().into()), ("notes", removed.notes.into())]
                )
            );
            if let Some(source) = source {
                println!("{}", t.say_with("cli-notes-source-untouched", &[("path", source.into())]));
            }
            Ok(Outcome::Success)
        }
    }
}

fn print_vault(v: &VaultInfo, width: usize, t: Text) {
    let notes = t.say_with("cli-notes-count", &[("notes", v.notes.into())]);
    let when = v.imported_at.as_deref().unwrap_or("-");
    let source = match &v.source {
        Some(source) => source.display().to_string(),
        None => t.say("cli-notes-source-unknown"),
    };
    let interrupted = if v.pending { format!("  {}", t.say("cli-notes-interrupted")) } else { String::new() };
    println!("{}  {}  {when}  {source}{interrupted}", pad(&v.key, width), pad_left(&notes, 10));
}

fn print_report(report: &ImportReport, t: Text) {
    for warning in &report.warnings {
        eprintln!("{} {warning}", t.say("cli-warning"));
    }
    let vault = || ("vault", Arg::from(report.vault.as_str()));
    println!(
        "{}",
        t.say_with(
            "cli-import-done",
            &[
                vault(),
                ("notes", report.notes.len().into()),
                ("images", report.images.len().into()),
                ("path", report.destination.display().to_string().into()),
            ]
        )
    );
    if report.replaced {
        println!("{}", t.say_with("cli-import-replaced", &[vault()]));
    } else if !report.same_name.is_empty() {
        // A re-import updates the vault it already was; "kept beside" is news only the first time.
        println!(
            "{}",
            t.say_with("cli-import-same-name", &[vault(), ("others", report.same_name.join(", ").into())])
        );
    }
    if !report.unresolved.is_empty() {
        println!(
            "
{}",
            t.say_with("cli-import-unresolved", &[("n", report.unresolved.len().into())])
        );
        for link in &report.unresolved {
            let bang = if link.embed { "!" } else { "" };
            println!("  {}:{}  {bang}[[{}]]", link.note, link.line, link.target);
        }
    }
    if !report.cut_short.is_empty() {
        println!(
            "
{}",
            t.say_with("cli-import-cut-short", &[("n", report.cut_short.len().into())])
        );
        for note in &report.cut_short {
            for reason in &note.reasons {
                println!("  {reason}");
            }
        }
    }
    if !report.skipped.is_empty() {
        println!(
            "
{}",
            t.say_with("cli-import-skipped", &[("n", report.skipped.len().into())])
        );
        for skipped in &report.skipped {
            println!("  {}: {}", skipped.path.display(), skipped.reason);
        }
    }
    if report.ignored > 0 {
        println!(
            "
{}",
            t.say_with("cli-import-ignored", &[("n", report.ignored.into())])
        );
    }
}
