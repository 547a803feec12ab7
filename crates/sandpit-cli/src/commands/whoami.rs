//! `sandpit whoami`

use clap::Args;
use serde::Serialize;

use crate::GlobalArgs;
use crate::exit::{CmdResult, Outcome};
use crate::output::{Text, pad, print_json};

/// `sandpit whoami [--json]`
#[derive(Debug, Args)]
pub(crate) struct WhoamiArgs {
    /// One JSON object instead of text
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct WhoamiJson<'a> {
    account: &'a str,
    arn: &'a str,
    user_id: &'a str,
    region: &'a str,
    endpoint_url: Option<&'a str>,
    emulator: bool,
}

pub(crate) fn run(global: &GlobalArgs, args: &WhoamiArgs) -> CmdResult {
    let (_, id) = super::runtime().block_on(super::connect(global))?;
    if args.json {
        print_json(&WhoamiJson {
            account: &id.account,
            arn: &id.arn,
            user_id: &id.user_id,
            region: &id.region,
            endpoint_url: id.endpoint_url.as_deref(),
            emulator: id.endpoint_url.is_some(),
        });
    } else {
        let t = Text::new(global.lang);
        println!("{} {}", pad(&t.say("cli-account"), 9), id.account);
        println!("{} {}", pad("ARN", 9), id.arn);
        println!("{} {}", pad(&t.say("cli-region"), 9), id.region);
        if let Some(url) = &id.endpoint_url {
            println!("{} {url} ({})", pad(&t.say("cli-endpoint"), 9), &t.say("cli-not-aws-an-emulator-or"));
        }
    }
    Ok(Outcome::Success)
}
