//! Where the store lives: parsing and checking the database URL before anything connects, so a
//! malformed URL (or a CA file that cannot be read) fails fast with a clear message and a
//! password never reaches a log line.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::ConnectOptions;
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;

use crate::StoreError;
use crate::tls::PgTls;

/// The file name of the default SQLite database in the data directory.
pub const DEFAULT_FILE_NAME: &str = "sandpit.db";

/// Which database a [`Store`](crate::Store) is backed by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file.
    Sqlite {
        /// The database file.
        path: PathBuf,
    },
    /// A PostgreSQL server.
    Postgres,
}

/// A parsed, checked database location.
#[derive(Debug, Clone)]
pub(crate) struct Location {
    pub(crate) backend: Backend,
    /// The URL handed to `sqlx`'s `Any` driver.
    pub(crate) url: String,
    /// The URL for messages, password hidden.
    pub(crate) display: String,
    /// The TLS settings, for PostgreSQL.
    pub(crate) tls: Option<PgTls>,
}

impl Location {
    /// The default database: `<data_dir>/sandpit.db`.
    pub(crate) fn default_in(data_dir: &Path) -> Self {
        Self::sqlite(SqliteConnectOptions::new().filename(data_dir.join(DEFAULT_FILE_NAME)))
    }

    /// Parses `sqlite:PATH`, `sqlite://PATH` or `postgres[ql]://…`.
    pub(crate) fn parse(url: &str) -> Result<Self, StoreError> {
        let url = url.trim();
        let bad = |reason: String| StoreError::BadUrl { url: redact(url), reason };
        let scheme = url.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("sqlite") => {
                let options = SqliteConnectOptions::from_str(url).map_err(|e| bad(e.to_string()))?;
                if options.get_filename().as_os_str().is_empty() {
                    return Err(bad("no database file named (e.g. sqlite:///home/me/sandpit.db)".into()));
                }
                Ok(Self::sqlite(options))
            }
            Some("postgres" | "postgresql") => {
                if !url.contains("://") {
                    return Err(bad("expected postgres://USER:PASSWORD@HOST:PORT/DATABASE".into()));
                }
                let options = PgConnectOptions::from_str(url).map_err(|e| bad(e.to_string()))?;
                let (tls, connect_url) = PgTls::of(url, &options).map_err(bad)?;
                Ok(Location {
                    backend: Backend::Postgres,
                    url: connect_url,
                    display: redact(url),
                    tls: Some(tls),
                })
            }
            _ => Err(bad(
                "expected sqlite:PATH (a file) or postgres://USER:PASSWORD@HOST:PORT/DATABASE".into()
            )),
        }
    }

    /// Why connecting failed: [`StoreError::Tls`] when TLS is the cause, else
    /// [`StoreError::Unreachable`].
    pub(crate) fn connect_error(&self, source: sqlx::Error) -> StoreError {
        let location = self.display.clone();
        match self.tls.as_ref().and_then(|tls| Some((tls, tls.explain(&source)?))) {
            Some((tls, problem)) => {
                StoreError::Tls { location, server: tls.server().to_owned(), problem, source }
            }
            None => StoreError::Unreachable { location, source },
        }
    }

    fn sqlite(options: SqliteConnectOptions) -> Self {
        // A SQLite database is created when missing; a `mode=` given in the URL is kept.
        let mut url = options.to_url_lossy();
        let create = url.query_pairs().all(|(key, value)| key != "mode" || value == "rw");
        if create {
            let pairs: Vec<(String, String)> = url
                .query_pairs()
                .map(|(k, v)| {
                    let v = if k == "mode" { "rwc".to_owned() } else { v.into_owned() };
                    (k.into_owned(), v)
                })
                .collect();
            url.query_pairs_mut().clear().extend_pairs(pairs);
        }
        let path = options.get_filename().to_path_buf();
        Location {
            display: path.display().to_string(),
            backend: Backend::Sqlite { path },
            url: url.to_string(),
            tls: None,
        }
    }
}

/// `url` with the password (if any) replaced by `***`.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let Some((userinfo, host)) = authority.rsplit_once('@') else { return url.to_owned() };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            redact("postgres://teacher:s3cret@10.0.0.5:5432/class"),
            "postgres://teacher:***@10.0.0.5:5432/class"
        );
        assert_eq!(redact("postgres://teacher@db/class"), "postgres://teacher@db/class");
        assert_eq!(redact("postgres://u:p@w@db/x?sslmode=disable"), "postgres://u:***@db/x?sslmode=disable");
        let err = Location::parse("postgres://u:hunter2@db:notaport/x").unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }

    #[test]
    fn sqlite_urls_create_the_file_unless_told_otherwise() {
        let loc = Location::parse("sqlite:///tmp/a b/progress.db").unwrap();
        assert_eq!(loc.backend, Backend::Sqlite { path: PathBuf::from("/tmp/a b/progress.db") });
        assert!(loc.url.contains("mode=rwc"), "{}", loc.url);
        let loc = Location::parse("sqlite:rel.db?mode=ro").unwrap();
        assert!(loc.url.contains("mode=ro"), "{}", loc.url);
        let loc = Location::default_in(Path::new("/data/sandpit"));
        assert_eq!(loc.backend, Backend::Sqlite { path: PathBuf::from("/data/sandpit/sandpit.db") });
    }

    #[test]
    fn malformed_urls_are_configuration_errors() {
        for url in
            ["", "mysql://x", "/home/me/sandpit.db", "sqlite:", "sqlite:x.db?mode=bogus", "postgres:db"]
        {
            let err = Location::parse(url).expect_err(url);
            assert!(err.is_configuration(), "{url}: {err}");
        }
        assert!(Location::parse("postgresql://u@localhost/class").is_ok());
    }
}
