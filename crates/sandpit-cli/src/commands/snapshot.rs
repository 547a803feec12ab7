//! `sandpit snapshot --out FILE [--kind KIND]...`

use std::collections::BTreeSet;
use std::path::PathBuf;

use clap::Args;
use sandpit_core::snapshot::ResourceKind;

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};
use crate::output::Text;

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
    let t = Text::new(global.lang);
    let mut unreadable = 0;
    for &kind in &kinds {
        let label = kind.label(global.lang);
        match snapshot.unavailable(kind) {
            None => {}
            Some(why) => {
                unreadable += 1;
                let reason = match why {
                    sandpit_core::snapshot::Unavailable::Failed(e) => match e {
                        sandpit_core::snapshot::CollectError::Denied { action, .. }
                        | sandpit_core::snapshot::CollectError::Failed { action, .. } => action.clone(),
                    },
                    sandpit_core::snapshot::Unavailable::NotCollected => String::new(),
                };
                eprintln!("{} {label}: {reason}", t.pick("could not read", "읽지 못함"));
            }
        }
    }
    println!(
        "{} {} ({} {})",
        t.pick("snapshot written to", "스냅숏을 저장했습니다:"),
        args.out.display(),
        kinds.len() - unreadable,
        t.pick("resource kinds read", "종류 읽음")
    );
    Ok(if unreadable == 0 { Outcome::Success } else { Outcome::NotAllGood })
}
