//! The only Sandpit crate that talks to AWS.
//!
//! Owns the connection (the standard `aws-config` credential chain: environment, profiles, SSO;
//! an endpoint override for emulators; timeouts so an unreachable endpoint ends instead of
//! hanging), the caller's identity (root credentials are refused), and the **collectors** that
//! read an account into a [`sandpit_core::snapshot::Snapshot`]. Collectors only make read-only
//! `Describe*`/`List*`/`Get*` calls, one per resource type (plus pagination), concurrently.
//! Judging the snapshot is `sandpit-core`'s job, never this crate's.

mod collect;
mod connect;
mod error;

pub use connect::{Aws, AwsSettings, Identity};
pub use error::AwsError;
