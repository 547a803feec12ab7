//! `sandpit labs`

use clap::Args;
use serde::Serialize;

use crate::GlobalArgs;
use crate::exit::{CmdResult, Outcome};
use crate::output::{Text, print_json};

/// `sandpit labs [--json]`
#[derive(Debug, Args)]
pub(crate) struct LabsArgs {
    /// One JSON array instead of text
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct LabJson {
    id: String,
    title: String,
    summary: String,
    billable: bool,
    lessons: Vec<String>,
    params: Vec<ParamJson>,
    steps: Vec<StepJson>,
}

#[derive(Serialize)]
struct ParamJson {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    default: String,
    description: String,
}

#[derive(Serialize)]
struct StepJson {
    id: String,
    title: String,
    lessons: Vec<String>,
    checks: Vec<&'static str>,
}

pub(crate) fn run(global: &GlobalArgs, args: &LabsArgs) -> CmdResult {
    let labs = super::load_labs(global)?;
    let lang = global.lang;
    if args.json {
        let list: Vec<LabJson> = labs
            .labs()
            .iter()
            .map(|lab| LabJson {
                id: lab.id.clone(),
                title: lab.title.get(lang).to_owned(),
                summary: lab.summary.get(lang).trim().to_owned(),
                billable: lab.billable,
                lessons: lab.lessons.clone(),
                params: lab
                    .params
                    .iter()
                    .map(|p| ParamJson {
                        name: p.name.clone(),
                        kind: format!("{:?}", p.kind).to_lowercase(),
                        default: p.default.to_string(),
                        description: p.description.get(lang).to_owned(),
                    })
                    .collect(),
                steps: lab
                    .steps
                    .iter()
                    .map(|s| StepJson {
                        id: s.id.clone(),
                        title: s.title.get(lang).to_owned(),
                        lessons: s.lessons.clone(),
                        checks: s.checks.iter().map(|c| c.kind.name).collect(),
                    })
                    .collect(),
            })
            .collect();
        print_json(&list);
        return Ok(Outcome::Success);
    }
    let t = Text::new(lang);
    for lab in labs.labs() {
        let cost = if lab.billable { &t.say("cli-billable") } else { "" };
        println!("{:<18} {}{cost}", lab.id, lab.title.get(lang));
        println!("{:<18} {} {}", "", lab.steps.len(), &t.say("cli-steps"));
    }
    println!();
    println!("{}", &t.say("cli-check-one-with-sandpit-check"));
    Ok(Outcome::Success)
}
