//! `sandpit lessons …` and `sandpit import-notes`: the lesson library (built-in lessons in the
//! chosen language plus the learner's imported notes) from the command line. Glue only: every
//! behaviour is in `sandpit-lessons`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use sandpit_core::Lang;
use sandpit_lessons::{ImportReport, Library, PageOptions, SearchIndex, render_lesson, render_page_html};
use serde_json::json;

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};

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
}

fn load(global: &GlobalArgs) -> Result<Library, Failure> {
    let data_dir = sandpit_core::paths::data_dir(global.data_dir.as_deref());
    let library = Library::builtin(global.lang)
        .and_then(|library| library.with_imported(&data_dir))
        .map_err(|e| Failure::input(&e))?;
    for warning in library.warnings() {
        eprintln!("warning: {warning}");
    }
    Ok(library)
}

fn print_json(value: &serde_json::Value) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).expect("a JSON value always serializes");
    println!("{text}");
    Ok(())
}

pub(crate) fn run(global: &GlobalArgs, cmd: &LessonsCommand) -> CmdResult {
    let library = load(global)?;
    let ko = global.lang == Lang::Ko;
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
                println!("{}", if ko { "Sandpit 학습" } else { "Sandpit lessons" });
                for meta in builtin {
                    let order = meta.order.map(|o| o.to_string()).unwrap_or_default();
                    println!("{order:>4}  {}  {}", pad(&meta.id, width), meta.title);
                }
            }
            if !imported.is_empty() {
                println!("{}", if ko { "\n내 노트" } else { "\nMy notes" });
                for meta in imported {
                    println!("   -  {}  {}", pad(&meta.id, width), meta.title);
                }
            }
            if library.list().is_empty() {
                println!("{}", if ko { "학습이 없습니다." } else { "No lessons." });
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
                let document =
                    render_page_html(&page, &PageOptions::default()).map_err(|e| Failure::input(&e))?;
                print!("{document}");
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
                about.push(format!("{} {}", if ko { "실습:" } else { "labs:" }, meta.labs.join(", ")));
            }
            println!("({})\n", about.join(" · "));
            println!("{}", body_of(&lesson.markdown).trim());
            Ok(Outcome::Success)
        }
        LessonsCommand::Search { query, json } => {
            let hits = SearchIndex::build(&library).search(query, SEARCH_LIMIT);
            if *json {
                print_json(&json!({ "query": query, "hits": hits }))?;
            } else if hits.is_empty() {
                println!("{}", if ko { "찾은 학습이 없습니다." } else { "No lesson matches." });
            } else {
                for hit in &hits {
                    println!("{}  {}\n    {}", hit.id, hit.title, hit.snippet_text);
                }
            }
            Ok(Outcome::Success)
        }
    }
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
    let report = sandpit_lessons::import_notes(&args.dir, &data_dir).map_err(|e| Failure::input(&e))?;
    print_report(&report, global.lang == Lang::Ko);
    Ok(Outcome::Success)
}

fn print_report(report: &ImportReport, ko: bool) {
    let (notes, images, dest) = (report.notes.len(), report.images.len(), report.destination.display());
    if ko {
        println!("`{}` 보관함에서 노트 {notes}개, 이미지 {images}개를 가져왔습니다: {dest}", report.vault);
        if report.replaced {
            println!("이전에 가져온 `{}`을(를) 새로 바꿨습니다.", report.vault);
        }
    } else {
        println!(
            "Imported {} and {} from vault `{}` into {dest}",
            plural(notes, "note", "notes"),
            plural(images, "image", "images"),
            report.vault
        );
        if report.replaced {
            println!("The earlier import of `{}` was replaced.", report.vault);
        }
    }
    if !report.unresolved.is_empty() {
        let n = report.unresolved.len();
        println!(
            "{}",
            if ko {
                format!("\n연결되지 않은 링크 {n}개:")
            } else {
                format!("\n{}:", plural(n, "unresolved link", "unresolved links"))
            }
        );
        for link in &report.unresolved {
            let bang = if link.embed { "!" } else { "" };
            println!("  {}:{}  {bang}[[{}]]", link.note, link.line, link.target);
        }
    }
    if !report.skipped.is_empty() {
        let n = report.skipped.len();
        println!(
            "{}",
            if ko {
                format!("\n건너뛴 파일 {n}개:")
            } else {
                format!("\n{} skipped:", plural(n, "file", "files"))
            }
        );
        for skipped in &report.skipped {
            println!("  {}: {}", skipped.path.display(), skipped.reason);
        }
    }
    if report.ignored > 0 {
        let n = report.ignored;
        println!(
            "{}",
            if ko {
                format!("\n노트나 이미지가 아닌 파일 {n}개는 가져오지 않았습니다.")
            } else {
                format!("\n{} (not Markdown or images) left out.", plural(n, "other file", "other files"))
            }
        );
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Columns a terminal gives `s`: Hangul and other East Asian wide characters take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(display_width(s))))
}
