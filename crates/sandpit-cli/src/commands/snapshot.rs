//! `sandpit snapshot --out FILE [--kind KIND]...`

use std::collections::BTreeSet;
use std::path::PathBuf;

use clap::Args;
use sandpit_core::msg;
use sandpit_core::snapshot::{CollectError, ResourceKind, Unavailable};

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};

/// `sandpit snapshot --out FILE [--kind KIND]...`
#[derive(Debug, Args)]
pub(crate) struct SnapshotArgs {
    /// Where to write the snapshot (JSON; what `check --snapshot` and `reach --snapshot` judge)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Read only this resource kind (repeatable; default: every kind), e.g. --kind network_acls
    #[arg(long = "kind", value_name = "KIND", value_parser = parse_kind)]
    kinds: Vec<ResourceKind>,
}

fn parse_kind(raw: &str) -> Result<ResourceKind, String> {
    let wanted = raw.trim().to_ascii_lowercase().replace('-', "_");
    ResourceKind::ALL.iter().copied().find(|k| k.field() == wanted).ok_or_else(|| {
        let known: Vec<&str> = ResourceKind::ALL.iter().map(|k| k.field()).collect();
        format!("unknown resource kind `{raw}` (known: {})", known.join(", "))
    })
}

/// Reads the account (every kind, or the ones asked for) and writes it as a snapshot file.
/// Exit 0 when every kind was read, 1 when some could not be (the file says why).
pub(crate) fn run(global: &GlobalArgs, args: &SnapshotArgs) -> CmdResult {
    let kinds: BTreeSet<ResourceKind> = if args.kinds.is_empty() {
        ResourceKind::ALL.iter().copied().collect()
    } else {
        args.kinds.iter().copied().collect()
    };
    let snapshot = super::runtime().block_on(async {
        let aws = super::open(global).await?;
        let (_, snapshot) = aws.read(&kinds).await?;
        Ok::<_, Failure>(snapshot)
    })?;
    super::write_json_atomically(&args.out, &snapshot)?;
    let lang = global.lang;
    let mut unreadable = 0;
    for &kind in &kinds {
        if let Some(why) = snapshot.unavailable(kind) {
            unreadable += 1;
            let action = match why {
                Unavailable::Failed(
                    CollectError::Denied { action, .. } | CollectError::Failed { action, .. },
                ) => action.as_str(),
                Unavailable::NotCollected => "",
            };
            let kind = kind.label(lang);
            eprintln!(
                "{}",
                msg::text(lang, "snapshot-unreadable", &[("kind", kind.into()), ("action", action.into())])
            );
        }
    }
    let path = args.out.display().to_string();
    let read = kinds.len() - unreadable;
    println!("{}", msg::text(lang, "snapshot-written", &[("path", path.into()), ("kinds", read.into())]));
    Ok(if unreadable == 0 { Outcome::Success } else { Outcome::NotAllGood })
}
