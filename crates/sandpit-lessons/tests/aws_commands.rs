//! Every `aws …` command a lesson or a lab shows names a real service, operation and options,
//! with every option the operation requires, as the real AWS CLI knows them.
//!
//! The commands are read from the lessons' shell code blocks and inline code (`content/`), and
//! from every text of every lab (`labs/*/lab.toml`: CLI blocks, console steps, hints, commented-out
//! commands too). The AWS CLI's own command tables answer: the CLI (v1, a Python script) is
//! asked once, through its interpreter, for the operations the commands name, and the answer is
//! kept in Cargo's target directory so the next run only asks about new commands.
//!
//! The CLI comes from `SANDPIT_AWS_CLI` (`make test` sets it), else from the test virtualenv
//! `~/.cache/sandpit/venv`; with neither, the tests say so loudly and check nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use sandpit_core::Lang;
use serde_json::Value;

/// Asks the AWS CLI's driver for the command tables: reads `[[service, operation, word], …]`
/// on stdin, answers the global options and, per request, the command path it resolves to with
/// its options (`required` among them), or why it does not resolve. A request
/// `["--query", EXPRESSION]` asks whether the CLI's JMESPath accepts that `--query`.
const QUERY_CLI: &str = r#"
import json, sys
from awscli.clidriver import create_clidriver
from awscli.customizations.commands import BasicCommand

def sub_table(cmd):
    table = getattr(cmd, "subcommand_table", None)
    if table is None and hasattr(cmd, "_get_command_table"):
        table = cmd._get_command_table()
    return table or {}

def positional(arg):
    return getattr(arg, "positional_arg", False) or not getattr(arg, "cli_name", "--").startswith("--")

def describe(driver, words):
    table = driver._get_command_table()
    path, cmd = [], None
    for word in words:
        nxt = table.get(word)
        if nxt is None:
            break
        path.append(word)
        cmd = nxt
        table = sub_table(cmd)
        if not table:
            break
    if not path:
        return {"error": "no service `%s` in the AWS CLI" % words[0]}
    if table:
        # A command with subcommands may still run by itself (`aws configure`,
        # `aws cloudformation deploy`) when it has its own main; a service never does.
        rest = words[len(path):]
        runs_bare = isinstance(cmd, BasicCommand) and type(cmd)._run_main is not BasicCommand._run_main
        takes_words = any(positional(a) for a in cmd.arg_table.values())
        if rest and not (runs_bare and takes_words):
            return {"error": "no operation `%s` in `aws %s`" % (rest[0], " ".join(path))}
        if not rest and not runs_bare:
            return {"error": "`aws %s` needs an operation" % " ".join(path)}
    args, required = [], []
    for name, arg in cmd.arg_table.items():
        if positional(arg):
            continue
        args.append(name)
        if getattr(arg, "required", False):
            required.append(name)
    return {"path": path, "args": sorted(args), "required": sorted(required)}

def check_query(text):
    import warnings, jmespath
    # jmespath accepts some malformed literals with only a warning; the CLI may not for long.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            jmespath.compile(text)
        except Exception as e:
            return {"error": "`--query %s` is not valid JMESPath: %s" % (text, e)}
    return {"query": "ok"}

driver = create_clidriver()
answer = {"globals": sorted(driver._get_argument_table().keys()), "commands": {}}
for words in json.load(sys.stdin):
    if words[0] == "--query":
        answer["commands"][" ".join(words)] = check_query(words[1])
    else:
        answer["commands"][" ".join(words)] = describe(driver, words)
json.dump(answer, sys.stdout)
"#;

/// Global options that take a value (`aws --region x ec2 …`).
const GLOBAL_WITH_VALUE: [&str; 8] = [
    "--region",
    "--profile",
    "--output",
    "--query",
    "--endpoint-url",
    "--color",
    "--ca-bundle",
    "--cli-read-timeout",
];

// ---- finding the commands --------------------------------------------------------------------

/// One `aws …` command: where it was found and its words after `aws`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AwsCommand {
    place: String,
    words: Vec<String>,
    /// A command to run (a shell block), not an operation named in prose (`` `aws s3 rb` ``):
    /// only a command to run must carry the options the operation requires.
    runnable: bool,
    /// Words of its line holding an unquoted `{a,b}`, which the shell splits into several words
    /// before the CLI sees them (`BudgetLimit={Amount=18,Unit=USD}` becomes two arguments).
    braces: Vec<String>,
}

/// What one line gives: the words after `aws`, and the line's brace-expanded words.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    words: Vec<String>,
    braces: Vec<String>,
}

/// The words of `line` (split at unquoted blanks, quotes kept) holding an unquoted `{…,…}`.
fn unquoted_brace_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in split_keeping_quotes(line) {
        let (mut quote, mut open, mut expands) = (None, None, false);
        let mut chars = word.chars().peekable();
        let mut prev = ' ';
        while let Some(c) = chars.next() {
            match (quote, c) {
                (None, '\\') => {
                    chars.next();
                }
                (None, '\'' | '"') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '{') if prev != '$' => open = Some(false),
                (None, ',') if open.is_some() => open = Some(true),
                (None, '}') => {
                    expands |= open == Some(true);
                    open = None;
                }
                _ => {}
            }
            prev = c;
        }
        if expands {
            out.push(word);
        }
    }
    out
}

/// `line` split at blanks outside quotes, each part as written.
fn split_keeping_quotes(line: &str) -> Vec<String> {
    let (mut out, mut word, mut quote) = (Vec::new(), String::new(), None);
    for c in line.chars() {
        match (quote, c) {
            (None, c) if c.is_whitespace() => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                continue;
            }
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        word.push(c);
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Commands and options of the AWS CLI v2 that the v1 tables we ask do not know. Lessons show
/// v2, the CLI AWS recommends installing; each entry here is a real v2 command or option.
const V2_ONLY_COMMANDS: [&str; 3] =
    ["configure sso", "configure sso-session", "configure export-credentials"];
const V2_ONLY_OPTIONS: [&str; 2] = ["no-cli-pager", "cli-binary-format"];

/// Shell words and operators of `line`: quotes removed, `$(`, `)`, `|`, `||`, `&&`, `;` and `&`
/// kept as tokens of their own (so `X=$(aws …)` gives `X=`, `$(`, `aws`, …).
fn shell_tokens(line: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    let flush = |word: &mut String, in_word: &mut bool, tokens: &mut Vec<String>| {
        if *in_word {
            tokens.push(std::mem::take(word));
            *in_word = false;
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        q => word.push(q),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.extend(chars.next());
            }
            '#' if !in_word => break,
            '$' if chars.peek() == Some(&'(') => {
                chars.next();
                flush(&mut word, &mut in_word, &mut tokens);
                tokens.push("$(".to_owned());
            }
            '(' | ')' | ';' | '`' => {
                flush(&mut word, &mut in_word, &mut tokens);
                tokens.push(c.to_string());
            }
            '|' | '&' => {
                flush(&mut word, &mut in_word, &mut tokens);
                let mut op = c.to_string();
                if chars.peek() == Some(&c) {
                    chars.next();
                    op.push(c);
                }
                tokens.push(op);
            }
            c if c.is_whitespace() => flush(&mut word, &mut in_word, &mut tokens),
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    flush(&mut word, &mut in_word, &mut tokens);
    tokens
}

fn is_operator(token: &str) -> bool {
    matches!(token, "$(" | "(" | ")" | "|" | "||" | "&&" | "&" | ";" | "`" | "do" | "then" | "else" | "!")
}

/// The `aws` commands of one logical shell line (continuations already joined). A line that is
/// a comment holding a command (`# aws ec2 …`, a suggestion to the reader) counts too.
fn commands_in_line(line: &str) -> Vec<Found> {
    let trimmed = line.trim_start();
    let line = match trimmed.strip_prefix('#') {
        Some(comment) if comment.trim_start().starts_with("aws ") => comment,
        _ => line,
    };
    let line = line.trim_start().strip_prefix("$ ").unwrap_or(line);
    let braces = unquoted_brace_words(line);
    let tokens = shell_tokens(line);
    let mut out = Vec::new();
    let mut at_command = true;
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        if is_operator(token) {
            at_command = true;
        } else if at_command && token.contains('=') && !token.starts_with('-') {
            // `VAR=value cmd …`: still at the command position.
        } else if at_command && token == "aws" {
            let end = tokens[i + 1..].iter().position(|t| is_operator(t)).map_or(tokens.len(), |p| i + 1 + p);
            out.push(Found { words: tokens[i + 1..end].to_vec(), braces: braces.clone() });
            i = end;
            continue;
        } else {
            at_command = false;
        }
        i += 1;
    }
    out
}

/// The commands of a shell script: lines ending in `\` are joined first.
fn commands_in_script(script: &str) -> Vec<(usize, Found)> {
    let mut out = Vec::new();
    let mut logical = String::new();
    let mut first = 0;
    for (n, line) in script.lines().enumerate() {
        if logical.is_empty() {
            first = n;
        }
        match line.strip_suffix('\\') {
            Some(head) => {
                logical.push_str(head);
                logical.push(' ');
            }
            None => {
                logical.push_str(line);
                out.extend(commands_in_line(&logical).into_iter().map(|c| (first, c)));
                logical.clear();
            }
        }
    }
    out.extend(commands_in_line(&logical).into_iter().map(|c| (first, c)));
    out
}

/// `aws …` commands written as inline code (`` `aws s3 ls` ``) in a line of prose.
fn inline_commands(line: &str) -> Vec<Found> {
    line.split('`')
        .skip(1)
        .step_by(2)
        .filter(|code| code.starts_with("aws "))
        .flat_map(commands_in_line)
        .collect()
}

/// The commands of a Markdown text: shell code blocks and inline code elsewhere (quiz blocks
/// included). `first_line` is the file line of the text's first line.
fn commands_in_markdown(text: &str, place: &str, first_line: usize) -> Vec<AwsCommand> {
    let mut out = Vec::new();
    let mut fence: Option<(String, bool, usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let marker = if trimmed.starts_with("```") {
            Some("```")
        } else if trimmed.starts_with("~~~") {
            Some("~~~")
        } else {
            None
        };
        match (&mut fence, marker) {
            (Some((open, shell, start, body)), Some(m)) if m == open.as_str() => {
                if *shell {
                    for (offset, found) in commands_in_script(body) {
                        out.push(AwsCommand {
                            place: format!("{place}:{}", first_line + *start + 1 + offset),
                            words: found.words,
                            runnable: true,
                            braces: found.braces,
                        });
                    }
                }
                fence = None;
            }
            (Some((_, shell, _, body)), _) => {
                if *shell {
                    body.push_str(line);
                    body.push('\n');
                } else {
                    for found in inline_commands(line) {
                        out.push(AwsCommand {
                            place: format!("{place}:{}", first_line + n),
                            words: found.words,
                            runnable: false,
                            braces: found.braces,
                        });
                    }
                }
            }
            (None, Some(m)) => {
                let info = trimmed.trim_start_matches(m).trim().to_ascii_lowercase();
                let shell = matches!(info.as_str(), "sh" | "bash" | "shell" | "console" | "zsh");
                fence = Some((m.to_owned(), shell, n, String::new()));
            }
            (None, None) => {
                for found in inline_commands(line) {
                    out.push(AwsCommand {
                        place: format!("{place}:{}", first_line + n),
                        words: found.words,
                        runnable: false,
                        braces: found.braces,
                    });
                }
            }
        }
    }
    out
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every command of every built-in lesson.
fn lesson_commands() -> Vec<AwsCommand> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let dir = repo().join("content").join(lang.code());
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let shown = format!("content/{}/{}", lang.code(), path.file_name().unwrap().to_string_lossy());
            out.extend(commands_in_markdown(&text, &shown, 1));
        }
    }
    out
}

/// Every command of every lab: its CLI blocks are shell, its other texts Markdown.
fn lab_commands() -> Vec<AwsCommand> {
    let labs = sandpit_core::labs::LabSet::from_dir(&repo().join("labs")).expect("labs/ loads");
    let mut out = Vec::new();
    for lab in labs.labs() {
        let file = format!("labs/{}/lab.toml", lab.id);
        for lang in Lang::ALL {
            let mut texts = vec![("summary".to_owned(), lab.summary.get(lang).to_owned())];
            if let Some(cleanup) = &lab.cleanup {
                texts.push(("cleanup".to_owned(), cleanup.get(lang).to_owned()));
            }
            for step in &lab.steps {
                texts.push((format!("step {} console", step.id), step.console.get(lang).to_owned()));
                texts.push((format!("step {} why", step.id), step.why.get(lang).to_owned()));
                for hint in step.hints.get(lang) {
                    texts.push((format!("step {} hint", step.id), hint.clone()));
                }
            }
            for (what, text) in texts {
                out.extend(commands_in_markdown(&text, &format!("{file} ({what}, {lang})"), 1));
            }
        }
        for step in &lab.steps {
            for (_, found) in commands_in_script(&step.cli) {
                out.push(AwsCommand {
                    place: format!("{file} (step {} cli)", step.id),
                    words: found.words,
                    runnable: true,
                    braces: found.braces,
                });
            }
        }
    }
    out
}

// ---- asking the AWS CLI ----------------------------------------------------------------------

/// The AWS CLI to ask, or `None` (with a loud message) when none is installed.
fn aws_cli() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SANDPIT_AWS_CLI") {
        return Some(PathBuf::from(path));
    }
    let venv =
        std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default().join(".cache/sandpit/venv/bin/aws");
    if venv.is_file() {
        return Some(venv);
    }
    eprintln!(
        "\n!!! SKIPPED: no AWS CLI to check the lessons' and labs' `aws` commands against.\n\
         !!! Set SANDPIT_AWS_CLI to the AWS CLI v1 of tests/requirements.txt, or run `make test`.\n"
    );
    None
}

/// The first word of each request: `ec2 wait nat-gateway-available` for
/// `aws --region x ec2 wait nat-gateway-available --nat-gateway-ids …`.
fn request_words(words: &[String]) -> Vec<String> {
    let mut i = 0;
    while i < words.len() && words[i].starts_with("--") {
        i += if GLOBAL_WITH_VALUE.contains(&words[i].as_str()) { 2 } else { 1 };
    }
    words[i.min(words.len())..].iter().take_while(|w| !w.starts_with("--")).take(3).cloned().collect()
}

/// The CLI's answers for `requests`, from the cache in the target directory where it has them.
struct Tables {
    globals: BTreeSet<String>,
    commands: BTreeMap<String, Value>,
}

fn tables(cli: &Path, requests: &BTreeSet<Vec<String>>) -> Tables {
    let meta = std::fs::metadata(cli).unwrap_or_else(|e| panic!("AWS CLI {}: {e}", cli.display()));
    let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    let stamp = format!("{}|{}|{modified:?}|{}", cli.display(), meta.len(), QUERY_CLI.len());
    let cache_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("aws-cli-command-tables.json");
    let mut cache: Value = std::fs::read(&cache_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .filter(|c: &Value| c["stamp"] == stamp)
        .unwrap_or_else(|| serde_json::json!({ "stamp": stamp, "globals": [], "commands": {} }));
    let missing: Vec<&Vec<String>> =
        requests.iter().filter(|r| cache["commands"].get(r.join(" ")).is_none()).collect();
    if !missing.is_empty() || cache["globals"].as_array().is_none_or(Vec::is_empty) {
        let answer = ask_cli(cli, &missing);
        cache["globals"] = answer["globals"].clone();
        for (key, value) in answer["commands"].as_object().into_iter().flatten() {
            cache["commands"][key] = value.clone();
        }
        let _ = std::fs::create_dir_all(cache_path.parent().unwrap());
        let _ = std::fs::write(&cache_path, serde_json::to_vec(&cache).unwrap());
    }
    Tables {
        globals: cache["globals"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        commands: cache["commands"].as_object().map(|o| o.clone().into_iter().collect()).unwrap_or_default(),
    }
}

/// Runs [`QUERY_CLI`] with the interpreter of the CLI's `#!` line.
fn ask_cli(cli: &Path, requests: &[&Vec<String>]) -> Value {
    let script = std::fs::read(cli).unwrap_or_else(|e| panic!("AWS CLI {}: {e}", cli.display()));
    let first_line = script.split(|&b| b == b'\n').next().unwrap_or_default();
    let python = std::str::from_utf8(first_line)
        .ok()
        .and_then(|l| l.strip_prefix("#!"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|words| words.iter().any(|w| w.contains("python")))
        .unwrap_or_else(|| {
            panic!(
                "{} is not the AWS CLI v1 Python script (no python #! line): point SANDPIT_AWS_CLI at the CLI \
                 of tests/requirements.txt",
                cli.display()
            )
        });
    let mut child = Command::new(python[0])
        .args(&python[1..])
        .args(["-c", QUERY_CLI])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("running {} for {}: {e}", python[0], cli.display()));
    child.stdin.take().unwrap().write_all(&serde_json::to_vec(requests).unwrap()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "asking the AWS CLI's command tables failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the CLI query answers JSON")
}

/// The `--query` expressions of a command, as the CLI receives them (without shell variables,
/// which only the shell can fill in).
fn queries(words: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let query = match word.strip_prefix("--query") {
            Some("") => words.get(i + 1).cloned(),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        out.extend(query.filter(|q| !q.contains('$')));
    }
    out
}

/// What is wrong with each command, as `place: aws … — problem`.
fn problems(cli: &Path, commands: &[AwsCommand]) -> Vec<String> {
    let mut requests: BTreeSet<Vec<String>> =
        commands.iter().map(|c| request_words(&c.words)).filter(|w| !w.is_empty()).collect();
    requests.extend(commands.iter().flat_map(|c| queries(&c.words)).map(|q| vec!["--query".to_owned(), q]));
    let tables = tables(cli, &requests);
    let mut out = Vec::new();
    for command in commands {
        let shown = format!("aws {}", command.words.join(" "));
        let mut say = |problem: String| out.push(format!("{}: `{shown}` — {problem}", command.place));
        for word in &command.braces {
            say(format!(
                "the shell splits the unquoted braces of `{word}` into several words: put the value in quotes"
            ));
        }
        for query in queries(&command.words) {
            if let Some(error) =
                tables.commands.get(&format!("--query {query}")).and_then(|e| e["error"].as_str())
            {
                say(error.to_owned());
            }
        }
        let words = request_words(&command.words);
        if V2_ONLY_COMMANDS.iter().any(|c| words.join(" ").starts_with(c)) {
            continue;
        }
        if words.is_empty() {
            say("no service and operation".to_owned());
            continue;
        }
        let Some(entry) = tables.commands.get(&words.join(" ")) else {
            say("the AWS CLI gave no answer for it".to_owned());
            continue;
        };
        if let Some(error) = entry["error"].as_str() {
            say(error.to_owned());
            continue;
        }
        let path: Vec<&str> =
            entry["path"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        if command.words.iter().any(|w| w == "help") {
            continue;
        }
        let strings = |key: &str| -> BTreeSet<String> {
            entry[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        };
        let (args, required) = (strings("args"), strings("required"));
        let mut given = BTreeSet::new();
        for word in command.words.iter().filter(|w| w.starts_with("--") && w.len() > 2) {
            let name = word[2..].split('=').next().unwrap_or_default().to_owned();
            if !args.contains(&name)
                && !tables.globals.contains(&name)
                && !V2_ONLY_OPTIONS.contains(&name.as_str())
            {
                say(format!("`aws {}` has no option `--{name}`", path.join(" ")));
            }
            given.insert(name);
        }
        let whole_input = given.contains("cli-input-json") || given.contains("generate-cli-skeleton");
        for name in required.iter().filter(|r| command.runnable && !given.contains(*r) && !whole_input) {
            say(format!("`aws {}` requires `--{name}`", path.join(" ")));
        }
    }
    out
}

/// KMS operations that manage a key itself: AWS takes its key id or key ARN there and rejects an
/// alias (`alias/…` or an alias ARN), while the operations that *use* a key (`encrypt`,
/// `describe-key`, RDS's `--kms-key-id`) accept one. A lesson that shows an alias here teaches a
/// command that fails.
const KEY_ID_ONLY: [&str; 9] = [
    "enable-key-rotation",
    "disable-key-rotation",
    "get-key-rotation-status",
    "schedule-key-deletion",
    "cancel-key-deletion",
    "enable-key",
    "disable-key",
    "get-key-policy",
    "put-key-policy",
];

/// The commands of [`KEY_ID_ONLY`] given an alias, as `place: aws … — problem`. Needs no CLI: the
/// tables say an option exists, not what its value may be.
fn alias_key_ids(commands: &[AwsCommand]) -> Vec<String> {
    let mut out = Vec::new();
    for command in commands {
        let words = request_words(&command.words);
        let [service, operation] = &words[..] else { continue };
        if service != "kms" || !KEY_ID_ONLY.contains(&operation.as_str()) {
            continue;
        }
        let key = command.words.iter().enumerate().find_map(|(i, w)| match w.strip_prefix("--key-id=") {
            Some(value) => Some(value.to_owned()),
            None => (w == "--key-id").then(|| command.words.get(i + 1).cloned().unwrap_or_default()),
        });
        if let Some(key) = key.filter(|k| k.contains("alias/")) {
            out.push(format!(
                "{}: `aws {}` — `aws kms {operation}` takes a key id or key ARN, not the alias `{key}` \
                 (look the id up with `aws kms describe-key --key-id {key} --query KeyMetadata.KeyId`)",
                command.place,
                command.words.join(" "),
            ));
        }
    }
    out
}

// ---- the tests -------------------------------------------------------------------------------

#[test]
fn key_management_commands_in_lessons_and_labs_are_never_given_an_alias() {
    let all: Vec<AwsCommand> = lesson_commands().into_iter().chain(lab_commands()).collect();
    assert!(
        all.iter().any(|c| c.words.starts_with(&["kms".to_owned(), "enable-key-rotation".to_owned()])),
        "the KMS lesson's enable-key-rotation was not found: is the scanner broken?"
    );
    let found = alias_key_ids(&all);
    assert!(found.is_empty(), "{} command(s) AWS would reject:\n{}", found.len(), found.join("\n"));
}

/// The alias check must catch an alias wherever a lesson or lab writes one.
#[test]
fn the_alias_check_catches_an_alias_given_to_key_management() {
    let lesson = "```sh\n\
        aws kms enable-key-rotation --key-id alias/team3-rds\n\
        aws kms get-key-rotation-status --key-id=arn:aws:kms:ap-northeast-2:111122223333:alias/x\n\
        aws kms enable-key-rotation --key-id \"$KEY_ID\"\n\
        aws kms describe-key --key-id alias/team3-rds --query KeyMetadata.KeyId\n\
        ```\n\
        Then `aws kms disable-key-rotation --key-id alias/y` in prose.\n";
    let found = alias_key_ids(&commands_in_markdown(lesson, "lesson.md", 1)).join("\n");
    for expected in [
        "lesson.md:2: `aws kms enable-key-rotation --key-id alias/team3-rds` — `aws kms enable-key-rotation` takes a key id or key ARN, not the alias `alias/team3-rds`",
        "lesson.md:3: `aws kms get-key-rotation-status --key-id=arn:aws:kms:ap-northeast-2:111122223333:alias/x` — ",
        "lesson.md:7: `aws kms disable-key-rotation --key-id alias/y` — ",
    ] {
        assert!(found.contains(expected), "expected `{expected}` in:\n{found}");
    }
    assert!(!found.contains("lesson.md:4"), "a key id was blamed:\n{found}");
    assert!(!found.contains("lesson.md:5"), "describe-key takes an alias:\n{found}");
}

#[test]
fn every_aws_command_in_lessons_and_labs_is_one_the_aws_cli_accepts() {
    let Some(cli) = aws_cli() else { return };
    let lessons = lesson_commands();
    let labs = lab_commands();
    assert!(
        lessons.len() > 100,
        "only {} `aws` commands found in content/: is the scanner broken?",
        lessons.len()
    );
    assert!(labs.len() > 30, "only {} `aws` commands found in labs/: is the scanner broken?", labs.len());
    let all: Vec<AwsCommand> = lessons.into_iter().chain(labs).collect();
    let found = problems(&cli, &all);
    assert!(found.is_empty(), "{} command(s) the AWS CLI would reject:\n{}", found.len(), found.join("\n"));
}

/// The check must catch each kind of mistake, or the test above proves nothing.
#[test]
fn the_command_check_catches_each_kind_of_mistake() {
    let Some(cli) = aws_cli() else { return };
    let lesson = "Text with `aws s3 ls` and `aws s3api no-such-operation`.\n\n\
        ```sh\n\
        aws ec2 create-vpc --cidr-block 10.0.0.0/16 --no-such-flag x\n\
        NAT=$(aws ec2 create-nat-gateway --subnet-id subnet-1 \\\n  --allocation-id eipalloc-1 --query NatGateway.NatGatewayId --output text)\n\
        aws kms enable-key-rotation\n\
        aws ec2 wait nat-gateway-avaliable --nat-gateway-ids nat-1\n\
        # aws ec2 revoke-security-group-ingress --group-id sg-1 --protocl tcp\n\
        aws notaservice list-things\n\
        aws ec2\n\
        aws budgets create-budget --account-id 1 --budget BudgetName=b,BudgetLimit={Amount=18,Unit=USD}\n\
        aws budgets create-budget --account-id 1 --budget \"BudgetName=b,BudgetLimit={Amount=18,Unit=USD}\" --query '{a: b, c: d}' # ${X}\n\
        aws ec2 describe-vpcs --query 'Vpcs[?CidrBlock==`10.0.0.0/16`].VpcId'\n\
        aws ec2 describe-vpcs --query 'Vpcs[0'\n\
        ```\n";
    let commands = commands_in_markdown(lesson, "lesson.md", 1);
    let found = problems(&cli, &commands).join("\n");
    for expected in [
        "lesson.md:1: `aws s3api no-such-operation` — no operation `no-such-operation` in `aws s3api`",
        "lesson.md:4: `aws ec2 create-vpc --cidr-block 10.0.0.0/16 --no-such-flag x` — `aws ec2 create-vpc` has no option `--no-such-flag`",
        "lesson.md:7: `aws kms enable-key-rotation` — `aws kms enable-key-rotation` requires `--key-id`",
        "lesson.md:8: `aws ec2 wait nat-gateway-avaliable --nat-gateway-ids nat-1` — no operation `nat-gateway-avaliable` in `aws ec2 wait`",
        "has no option `--protocl`",
        "no service `notaservice` in the AWS CLI",
        "lesson.md:11: `aws ec2` — `aws ec2` needs an operation",
        "lesson.md:12: `aws budgets create-budget --account-id 1 --budget BudgetName=b,BudgetLimit={Amount=18,Unit=USD}` — the shell splits the unquoted braces",
        "lesson.md:14: `aws ec2 describe-vpcs --query Vpcs[?CidrBlock==`10.0.0.0/16`].VpcId` — `--query Vpcs[?CidrBlock==`10.0.0.0/16`].VpcId` is not valid JMESPath",
        "lesson.md:15: `aws ec2 describe-vpcs --query Vpcs[0` — `--query Vpcs[0` is not valid JMESPath",
    ] {
        assert!(found.contains(expected), "expected `{expected}` in:\n{found}");
    }
    assert!(!found.contains("aws s3 ls`"), "a good command was blamed:\n{found}");
    assert!(!found.contains("create-nat-gateway"), "a good command was blamed:\n{found}");
    assert!(!found.contains("lesson.md:13"), "quoted braces were blamed:\n{found}");
}

#[test]
fn commands_are_found_inside_substitutions_loops_pipes_and_comments() {
    let script = "VPC=$(aws ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)\n\
        for c in a b; do aws ec2 create-route --route-table-id $RT --destination-cidr-block $c; done\n\
        aws s3 ls | grep logs && aws s3 rb s3://x --force # comment --not-a-flag\n\
        # aws ec2 describe-vpcs --filters 'Name=tag:Name,Values=a b'\n\
        aws ec2 describe-security-groups \\\n  --query \"SecurityGroups[?GroupName=='a'].GroupId\"\n\
        echo aws is not a command here\n";
    let found: Vec<(usize, String)> =
        commands_in_script(script).into_iter().map(|(line, found)| (line, found.words.join(" "))).collect();
    assert_eq!(
        found,
        [
            (0, "ec2 create-vpc --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text".to_owned()),
            (1, "ec2 create-route --route-table-id $RT --destination-cidr-block $c".to_owned()),
            (2, "s3 ls".to_owned()),
            (2, "s3 rb s3://x --force".to_owned()),
            (3, "ec2 describe-vpcs --filters Name=tag:Name,Values=a b".to_owned()),
            (4, "ec2 describe-security-groups --query SecurityGroups[?GroupName=='a'].GroupId".to_owned()),
        ]
    );
    assert_eq!(
        request_words(&shell_tokens("--region x ec2 wait nat-gateway-available --x")),
        ["ec2", "wait", "nat-gateway-available"]
    );
}
