//! One module per command; each turns parsed arguments into library calls and prints.

pub(crate) mod budget;
pub(crate) mod check;
pub(crate) mod labs;
pub(crate) mod lessons;
pub(crate) mod policy;
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

/// A runtime for the async library calls of one command.
pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime can always be built")
}

/// Connects with the global options and checks who we are (refusing root).
pub(crate) async fn connect(global: &GlobalArgs) -> Result<(Aws, Identity), Failure> {
    let settings = AwsSettings {
        profile: global.profile.clone(),
        region: global.region.clone(),
        endpoint_url: global.endpoint_url.clone(),
    };
    let aws = Aws::connect(&settings).await?;
    let identity = aws.whoami().await?;
    Ok((aws, identity))
}
