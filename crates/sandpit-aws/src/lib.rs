//! The only Sandpit crate that talks to AWS.
//!
//! Owns the connection (the standard `aws-config` credential chain: environment, profiles, SSO;
//! an endpoint override for emulators; timeouts so an unreachable endpoint ends instead of
//! hanging), the caller's identity (root credentials are refused), and the **collectors** that
//! read an account into a [`sandpit_core::snapshot::Snapshot`]. Collectors only make read-only
//! `Describe*`/`List*`/`Get*` calls, one per resource type (plus pagination), concurrently;
//! a read remembers the ids it saw so that the next read of the same account asks its
//! list-dependent questions in the first round (`warm.rs`).
//! Judging the snapshot is `sandpit-core`'s job, never this crate's. The one writer is
//! [`Aws::apply_guard`] (`sandpit budget ensure`), which makes only the changes `sandpit-core`
//! planned for the guard budget.

mod assume;
mod collect;
mod connect;
mod error;
mod guard;
mod profiles;
mod warm;

pub use assume::{AssumeFailure, AssumeRole, AssumeRoleError, session_name_for};
pub use connect::{Aws, AwsSettings, Identity};
pub use error::AwsError;
pub use guard::{GuardOutcome, HardStop};
pub use profiles::{ProfileInfo, profiles};
