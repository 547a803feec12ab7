//! One module per command; each turns parsed arguments into library calls and prints.

pub(crate) mod budget;
pub(crate) mod check;
pub(crate) mod class;
pub(crate) mod cost;
pub(crate) mod labs;
pub(crate) mod lessons;
pub(crate) mod policy;
pub(crate) mod practice;
pub(crate) mod progress;
pub(crate) mod snapshot;
pub(crate) mod whoami;

use sandpit_aws::{Aws, AwsSettings, Identity};
use sandpit_core::labs::LabSet;

use crate::GlobalArgs;
use crate::exit::Failure;

/// The labs to use: `--labs-dir` when given, else the built-in ones.
pub(crate) fn load_labs(global: &GlobalArgs) -> Result<LabSet, Failure> {
    Ok(match &global.labs_dir {
        Some(dir) => LabSet::from_dir(dir)?,
        None => LabSet::builtin()?,
    })
}

/// Writes JSON next to the target and renames it into place, so a crash never leaves half a file.
pub(crate) fn write_json_atomically<T: serde::Serialize>(
    path: &std::path::Path,
    value: &T,
) -> Result<(), Failure> {
    let fail = |e: std::io::Error| {
        Failure::bad_input_said(sandpit_core::msg!(
            "cli-cannot-write",
            path = path.display().to_string(),
            detail = e.to_string()
        ))
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("snapshot");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let json = serde_json::to_vec_pretty(value).expect("snapshots always serialize");
    std::fs::write(&tmp, json).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

/// The practice sandbox of the data directory in use.
pub(crate) fn practice(global: &GlobalArgs) -> sandpit_practice::Practice {
    sandpit_practice::Practice::new(&sandpit_core::paths::data_dir(global.data_dir.as_deref()))
}

/// The emulator in use, if any: `--endpoint-url`, else a running practice sandbox (what
/// [`connect`] uses), for labelling output.
pub(crate) fn emulator(global: &GlobalArgs) -> Option<String> {
    global.endpoint_url.clone().or_else(|| practice(global).status().map(|s| s.endpoint))
}

/// A runtime for the async library calls of one command.
pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime can always be built")
}

/// Connects with the global options and checks who we are (refusing root).
pub(crate) async fn connect(global: &GlobalArgs) -> Result<(Aws, Identity), Failure> {
    let aws = open(global).await?;
    let identity = aws.whoami().await?;
    Ok((aws, identity))
}

/// Connects with the global options; nothing is sent yet. [`Aws::read`] then asks who we are
/// while it reads the account.
pub(crate) async fn open(global: &GlobalArgs) -> Result<Aws, Failure> {
    let mut settings = AwsSettings {
        profile: global.profile.clone(),
        region: global.region.clone(),
        endpoint_url: global.endpoint_url.clone(),
        static_credentials: None,
        hints_dir: Some(sandpit_core::paths::reads_cache_dir(&sandpit_core::paths::data_dir(
            global.data_dir.as_deref(),
        ))),
    };
    // A running practice sandbox is where checks go when no endpoint is named (the report
    // labels it as an emulator); `sandpit practice stop` returns to the account.
    if settings.endpoint_url.is_none()
        && let Some(sandbox) = practice(global).status()
    {
        settings.endpoint_url = Some(sandbox.endpoint);
        settings.static_credentials =
            Some((sandpit_practice::ACCESS_KEY.to_owned(), sandpit_practice::SECRET_KEY.to_owned()));
        settings.region.get_or_insert_with(|| sandpit_practice::REGION.to_owned());
    }
    Ok(Aws::connect(&settings).await?)
}
