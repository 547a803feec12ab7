//! What can go wrong with the store, sorted by what the user can do about it.

use std::path::PathBuf;

use sandpit_core::msg::{Explain, Place};
use sandpit_core::{Localized, msg};

/// An error from the progress store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is malformed or names a database Sandpit does not support.
    #[error("`{url}` is not a database URL Sandpit can use: {reason}")]
    BadUrl {
        /// The URL, password hidden.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The database was upgraded by a newer Sandpit than this one.
    #[error(
        "the database {location} was upgraded by a newer Sandpit (schema version {version} is unknown \
         here): update Sandpit"
    )]
    TooNew {
        /// Where the database is, password hidden.
        location: String,
        /// The unknown schema version.
        version: i64,
    },
    /// The database could not be reached or opened (server down, refused, file not writable).
    #[error("cannot open the database {location}: {source}")]
    Unreachable {
        /// Where the database is, password hidden.
        location: String,
        /// Why.
        #[source]
        source: sqlx::Error,
    },
    /// No secure (TLS) connection to the PostgreSQL server: it does not offer TLS although
    /// `sslmode` requires it, its certificate is rejected, or it accepts only TLS and `sslmode`
    /// turned TLS off. Like [`StoreError::Unreachable`], not a configuration error (exit 3).
    #[error("cannot open the database {location}: no secure connection to {server}: {problem}")]
    Tls {
        /// Where the database is, password hidden.
        location: String,
        /// The server, `host:port`.
        server: String,
        /// What went wrong and what to do about it, with the underlying cause.
        problem: String,
        /// The driver's error.
        #[source]
        source: sqlx::Error,
    },
    /// A file or folder could not be created or written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The schema could not be brought up to date.
    #[error("cannot upgrade the database {location}: {source}")]
    Migration {
        /// Where the database is, password hidden.
        location: String,
        /// Why.
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    /// A query failed.
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
    /// No attempt has this id.
    #[error("there is no attempt {0} in the database")]
    NoSuchAttempt(i64),
    /// A stored value cannot be read back.
    #[error("damaged record in the database: {0}")]
    Corrupt(String),
    /// An export could not be rendered.
    #[error("cannot render the export: {0}")]
    Export(String),
}

impl Explain for StoreError {
    /// Our sentence first; the driver's own words (English) only as the detail of the cause.
    fn explain(&self, place: Place) -> Localized {
        let fix = match place {
            Place::Cli => msg!("store-fix-cli"),
            Place::Window => msg!("store-fix-window"),
        };
        let with_fix = |said: Localized| {
            Localized::new(format!("{}: {}", said.en, fix.en), format!("{}: {}", said.ko, fix.ko))
        };
        match self {
            StoreError::BadUrl { url, reason } => {
                with_fix(msg!("store-bad-url", url = url.as_str(), detail = reason.as_str()))
            }
            StoreError::TooNew { location, version } => {
                msg!("store-too-new", location = location.as_str(), version = *version)
            }
            StoreError::Unreachable { location, source } => {
                msg!("store-unreachable", location = location.as_str(), detail = source.to_string())
            }
            StoreError::Tls { location, server, problem, .. } => msg!(
                "store-tls",
                location = location.as_str(),
                server = server.as_str(),
                detail = problem.as_str()
            ),
            StoreError::Io { path, source } => {
                msg!("store-io", path = path.display().to_string(), detail = source.to_string())
            }
            StoreError::Migration { location, source } => {
                msg!("store-migration", location = location.as_str(), detail = source.to_string())
            }
            StoreError::Query(source) => msg!("store-query", detail = source.to_string()),
            StoreError::NoSuchAttempt(id) => msg!("store-no-attempt", id = *id),
            StoreError::Corrupt(detail) => msg!("store-corrupt", detail = detail.as_str()),
            StoreError::Export(detail) => msg!("store-export", detail = detail.as_str()),
        }
    }
}

impl StoreError {
    /// Whether the user's configuration is at fault (a malformed URL, a database from a newer
    /// Sandpit) rather than the database being unreachable: the CLI exits 2 for these, 3 else.
    pub fn is_configuration(&self) -> bool {
        matches!(self, StoreError::BadUrl { .. } | StoreError::TooNew { .. })
    }
}
