//! Sandpit's progress store: every check a learner (or a classroom) runs, kept with its evidence.
//!
//! One [`Store`] type, two backends behind it:
//! - **SQLite**, a file in the user's data directory (`<data_dir>/sandpit.db`) by default, in WAL
//!   mode with a busy timeout so the desktop app and the CLI can write at the same time;
//! - **PostgreSQL**, when a `postgres://…` URL is given, for a classroom sharing one database.
//!
//! Both are reached through `sqlx`'s `Any` driver with one set of queries (`$1` placeholders,
//! which SQLite accepts too); only the DDL differs, so the embedded migrations come in one
//! folder per backend with the same versions (`migrations/sqlite`, `migrations/postgres`).
//! A database created by an older Sandpit is upgraded in place when it is opened.
//!
//! An [`Attempt`] is one evaluated check: the [`Report`](sandpit_core::report::Report) (lab,
//! account, region, when, overall and per-step status, findings), who ran it, an optional team
//! label, and the [`Snapshot`](sandpit_core::snapshot::Snapshot) it judged, stored gzip-compressed
//! as evidence with the SHA-256 of its JSON. Exports carry that hash, so a handed-in result can be
//! checked against its evidence ([`Store::verify`]).
//!
//! Timestamps are stored as fixed-width RFC 3339 UTC text (`2026-03-01T09:00:00.000000Z`), which
//! sorts chronologically in both databases and needs no driver-specific type.
//!
//! PostgreSQL is reached over TLS as the URL's `sslmode` / `sslrootcert` say (`libpq`'s
//! meanings, `prefer` by default), so a managed server that refuses plain connections (Amazon RDS
//! with `rds.force_ssl`) works; a TLS failure names the server and the certificate problem.
//!
//! Left out: talking to AWS (the caller hands in a report and a snapshot), deciding what to check,
//! and client certificates beyond what the URL's `sslcert` / `sslkey` give sqlx.

mod error;
mod evidence;
pub mod export;
mod location;
mod model;
mod store;
mod tls;

pub use error::StoreError;
pub use evidence::{Evidence, Verification};
pub use location::{Backend, DEFAULT_FILE_NAME};
pub use model::{
    Attempt, AttemptFilter, AttemptId, AttemptRecord, LabProgress, LessonProgress, OFFLINE_CALLER,
};
pub use store::Store;
