//! TLS to a PostgreSQL server: the URL's `sslmode` and `sslrootcert` as `libpq` users know them,
//! checked before anything connects, and a failed TLS connection explained in words.
//!
//! `sqlx` parses both parameters (and `PGSSLMODE` / `PGSSLROOTCERT`); two `libpq` habits it
//! lacks are added here: `sslmode=require` with a CA file named verifies the certificate against
//! it (as `verify-ca`), and a CA file that cannot be read (or holds no PEM certificate) is a
//! configuration error naming the file, not a bare "No such file or directory" (or "unknown
//! issuer") once connecting. Not fixable here: sqlx 0.8 checks the host name under `verify-ca`
//! too (<https://github.com/launchbadge/sqlx/issues/3793>).

use std::io::ErrorKind;
use std::path::PathBuf;

use sqlx::postgres::{PgConnectOptions, PgSslMode};

/// The TLS settings of a PostgreSQL URL, for connecting and for explaining a failure.
#[derive(Debug, Clone)]
pub(crate) struct PgTls {
    /// `host:port`, for messages.
    server: String,
    /// The effective mode: the URL's, else `PGSSLMODE`, else `prefer`.
    mode: PgSslMode,
    /// The CA file of `sslrootcert` (the URL's, else `PGSSLROOTCERT`); `None` for none or for
    /// certificates given inline.
    root_cert: Option<PathBuf>,
}

impl PgTls {
    /// Reads the TLS settings of `url` (already parsed into `options`) and checks the CA file.
    /// Returns them with the URL to connect with, which differs from `url` only when `require`
    /// becomes `verify-ca`. The error is the reason for [`StoreError::BadUrl`](crate::StoreError).
    pub(crate) fn of(url: &str, options: &PgConnectOptions) -> Result<(Self, String), String> {
        let root_cert = root_cert(url);
        let mut mode = options.get_ssl_mode();
        let mut connect_url = url.to_owned();
        if matches!(mode, PgSslMode::Require) && root_cert.is_some() {
            // libpq: "if a root CA file is present, verify the certificate in the same way as if
            // verify-ca was specified". sqlx would not look at the file at all. The last
            // `sslmode` of a URL wins, so appending one overrides the URL's and PGSSLMODE.
            mode = PgSslMode::VerifyCa;
            connect_url = with_query_param(url, "sslmode=verify-ca");
        }
        let root_path = match &root_cert {
            Some(RootCert::File(path)) => Some(path.clone()),
            Some(RootCert::Inline) | None => None,
        };
        if let Some(path) = &root_path
            && !matches!(mode, PgSslMode::Disable | PgSslMode::Allow)
        {
            check_ca_file(path)?;
        }
        let server = format!("{}:{}", options.get_host(), options.get_port());
        Ok((PgTls { server, mode, root_cert: root_path }, connect_url))
    }

    /// The server, `host:port`.
    pub(crate) fn server(&self) -> &str {
        &self.server
    }

    /// What went wrong, in words, when `err` (from connecting) is about TLS: the server does
    /// not offer it, its certificate is rejected, or it accepts only TLS and TLS is off.
    /// `None` for anything else (refused, unknown host, wrong password…).
    pub(crate) fn explain(&self, err: &sqlx::Error) -> Option<String> {
        let mode = mode_name(self.mode);
        match err {
            sqlx::Error::Tls(cause) if cause.to_string().contains("server does not support TLS") => {
                Some(format!(
                    "the server does not offer TLS, and sslmode={mode} requires it: turn `ssl` on in the \
                     server's postgresql.conf, or use sslmode=prefer on a network you trust"
                ))
            }
            sqlx::Error::Tls(cause) => Some(format!("TLS could not be set up: {cause}")),
            // rustls reports a failed handshake as an `InvalidData` I/O error around its own.
            sqlx::Error::Io(io)
                if io.kind() == ErrorKind::InvalidData
                    && io.get_ref().is_some()
                    && !matches!(self.mode, PgSslMode::Disable | PgSslMode::Allow) =>
            {
                Some(self.explain_handshake(&io.to_string()))
            }
            sqlx::Error::Database(db)
                if db.code().as_deref() == Some("28000") && db.message().contains("no encryption") =>
            {
                Some(format!(
                    "the server accepts only encrypted connections and sslmode={mode} does not encrypt \
                     ({}): use sslmode=verify-full&sslrootcert=/path/ca.pem, or sslmode=require",
                    db.message()
                ))
            }
            _ => None,
        }
    }

    fn explain_handshake(&self, cause: &str) -> String {
        // `BadSignature`: a CA of the same name, but not the one that signed (a regenerated CA).
        if cause.contains("UnknownIssuer") || cause.contains("BadSignature") {
            let tried = match &self.root_cert {
                Some(path) => format!("the CA in {}, nor by ", path.display()),
                None => String::new(),
            };
            format!(
                "the server's certificate is not signed by {tried}a well-known public CA ({cause}): name the CA \
                 that signed it with sslrootcert=/path/ca.pem (Amazon RDS: the bundle of your region \
                 from https://truststore.pki.rds.amazonaws.com)"
            )
        } else if cause.contains("not valid for name") || cause.contains("NotValidForName") {
            // sqlx 0.8 compares the name under `verify-ca` too (it misses rustls's newer
            // `NotValidForNameContext`, https://github.com/launchbadge/sqlx/issues/3793), so
            // `verify-ca` is no way out: only the name is.
            format!(
                "the server's certificate is not for this host name ({cause}): connect with a name the \
                 certificate lists (for Amazon RDS, the instance's endpoint)"
            )
        } else if cause.contains("xpired") || cause.contains("ot valid yet") || cause.contains("NotValidYet")
        {
            format!(
                "the server's certificate is outside its validity period ({cause}): renew it, or check \
                 this computer's clock"
            )
        } else {
            format!("the TLS handshake failed: {cause}")
        }
    }
}

/// Where `sslrootcert` points, as sqlx resolved it (the URL, else `PGSSLROOTCERT`).
enum RootCert {
    File(PathBuf),
    Inline,
}

/// `sslrootcert` as sqlx reads it: the last `sslrootcert` / `ssl-root-cert` / `ssl-ca` of the
/// query, else `PGSSLROOTCERT`; PEM text is taken as the certificate itself, anything else as a
/// file. (sqlx has no getter for it.)
fn root_cert(url: &str) -> Option<RootCert> {
    let query = url.split_once('?').map_or("", |(_, query)| query);
    let query = query.split_once('#').map_or(query, |(query, _)| query);
    let value = query
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .filter(|(key, _)| matches!(decode(key).as_str(), "sslrootcert" | "ssl-root-cert" | "ssl-ca"))
        .map(|(_, value)| decode(value))
        .next_back()
        .or_else(|| std::env::var("PGSSLROOTCERT").ok())?;
    let trimmed = value.trim();
    Some(if trimmed.starts_with("-----BEGIN") && trimmed.ends_with("-----") {
        RootCert::Inline
    } else {
        RootCert::File(PathBuf::from(value))
    })
}

/// A query component decoded as `application/x-www-form-urlencoded` (what sqlx's URL parser
/// does): `+` is a space, `%XX` a byte.
fn decode(component: &str) -> String {
    let bytes = component.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex =
            bytes.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
                continue;
            }
            (b'+', _) => out.push(b' '),
            (byte, _) => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A CA file must be readable and hold a PEM certificate: sqlx would otherwise fail with a bare
/// "No such file or directory", or silently trust only the public CAs.
fn check_ca_file(path: &std::path::Path) -> Result<(), String> {
    let shown = path.display();
    if path.as_os_str() == "system" {
        return Err(
            "sslrootcert=system is not supported: leave sslrootcert out to trust the well-known public \
             CAs, or name the CA file (e.g. sslrootcert=/path/rds-ca.pem)"
                .into(),
        );
    }
    let text = std::fs::read(path).map_err(|e| format!("sslrootcert {shown} cannot be read: {e}"))?;
    const PEM_CERTIFICATE: &[u8] = b"-----BEGIN CERTIFICATE-----";
    if !text.windows(PEM_CERTIFICATE.len()).any(|w| w == PEM_CERTIFICATE) {
        return Err(format!(
            "sslrootcert {shown} holds no PEM certificate (a `-----BEGIN CERTIFICATE-----` block); \
             convert a DER file with `openssl x509 -inform der -in CA.der -out ca.pem`"
        ));
    }
    Ok(())
}

/// `url` with `param` (`key=value`, already encoded) appended to its query.
fn with_query_param(url: &str, param: &str) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (url, None),
    };
    let separator = match base.split_once('?') {
        Some((_, "")) => "",
        Some((_, query)) if query.ends_with('&') => "",
        Some(_) => "&",
        None => "?",
    };
    let mut out = format!("{base}{separator}{param}");
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

fn mode_name(mode: PgSslMode) -> &'static str {
    match mode {
        PgSslMode::Disable => "disable",
        PgSslMode::Allow => "allow",
        PgSslMode::Prefer => "prefer",
        PgSslMode::Require => "require",
        PgSslMode::VerifyCa => "verify-ca",
        PgSslMode::VerifyFull => "verify-full",
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn settings(url: &str) -> Result<(PgTls, String), String> {
        PgTls::of(url, &PgConnectOptions::from_str(url).expect("a postgres URL"))
    }

    fn ca_file(dir: &std::path::Path) -> PathBuf {
        let path = dir.join("ca.pem");
        std::fs::write(&path, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").unwrap();
        path
    }

    #[test]
    fn require_with_a_ca_file_verifies_against_it_as_libpq_does() {
        let dir = tempfile::tempdir().unwrap();
        let ca = ca_file(dir.path());
        let url = format!("postgres://u@db.example.com/class?sslmode=require&sslrootcert={}", ca.display());
        let (tls, connect) = settings(&url).unwrap();
        assert!(matches!(tls.mode, PgSslMode::VerifyCa), "{tls:?}");
        assert_eq!(connect, format!("{url}&sslmode=verify-ca"));
        let options = PgConnectOptions::from_str(&connect).unwrap();
        assert!(matches!(options.get_ssl_mode(), PgSslMode::VerifyCa));
        assert_eq!(tls.server(), "db.example.com:5432");

        // Without a CA file, `require` only encrypts; other modes are left as they are.
        for (url, mode) in [
            ("postgres://u@db/class?sslmode=require", "require"),
            ("postgres://u@db/class?sslmode=verify-full", "verify-full"),
            ("postgres://u@db/class?sslmode=disable", "disable"),
        ] {
            let (tls, connect) = settings(url).unwrap();
            assert_eq!((mode_name(tls.mode), connect.as_str()), (mode, url));
        }
    }

    #[test]
    fn a_ca_file_that_cannot_be_used_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("rds-ca.pem");
        let err =
            settings(&format!("postgres://u@db/c?sslmode=verify-full&sslrootcert={}", missing.display()))
                .unwrap_err();
        assert!(err.contains(&missing.display().to_string()) && err.contains("cannot be read"), "{err}");

        let der = dir.path().join("ca.der");
        std::fs::write(&der, [0x30, 0x82, 0x01, 0x0a]).unwrap();
        let err = settings(&format!("postgres://u@db/c?sslmode=verify-ca&sslrootcert={}", der.display()))
            .unwrap_err();
        assert!(err.contains("no PEM certificate") && err.contains("ca.der"), "{err}");

        let err = settings("postgres://u@db/c?sslmode=verify-full&sslrootcert=system").unwrap_err();
        assert!(err.contains("sslrootcert=system"), "{err}");

        // With TLS off the file is not used, so it is not checked.
        assert!(
            settings(&format!("postgres://u@db/c?sslmode=disable&sslrootcert={}", missing.display())).is_ok()
        );
    }

    #[test]
    fn sslrootcert_is_read_as_sqlx_reads_it() {
        let file = |url: &str| match root_cert(url) {
            Some(RootCert::File(path)) => Some(path),
            _ => None,
        };
        assert_eq!(file("postgres://db/c?sslrootcert=%2Ftmp%2Fa+b.pem"), Some(PathBuf::from("/tmp/a b.pem")));
        assert_eq!(file("postgres://db/c?ssl-ca=/x.pem&sslrootcert=/y.pem"), Some(PathBuf::from("/y.pem")));
        assert_eq!(
            file("postgres://db/c?sslmode=verify-full&ssl-root-cert=/z.pem#f"),
            Some(PathBuf::from("/z.pem"))
        );
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
        let inline = format!("postgres://db/c?sslrootcert={}", pem.replace(' ', "+").replace('\n', "%0A"));
        assert!(matches!(root_cert(&inline), Some(RootCert::Inline)));
        assert_eq!(decode("100%"), "100%");
    }

    #[test]
    fn query_params_are_appended_where_they_belong() {
        assert_eq!(with_query_param("postgres://db/c", "a=1"), "postgres://db/c?a=1");
        assert_eq!(with_query_param("postgres://db/c?", "a=1"), "postgres://db/c?a=1");
        assert_eq!(with_query_param("postgres://db/c?x=2", "a=1"), "postgres://db/c?x=2&a=1");
        assert_eq!(with_query_param("postgres://db/c?x=2#f", "a=1"), "postgres://db/c?x=2&a=1#f");
    }

    #[test]
    fn tls_failures_are_told_apart_from_other_connection_errors() {
        let (tls, _) = settings("postgres://u@db.example.com:6543/c?sslmode=require").unwrap();
        let no_tls = sqlx::Error::Tls("server does not support TLS".into());
        let text = tls.explain(&no_tls).unwrap();
        assert!(text.contains("does not offer TLS") && text.contains("sslmode=require"), "{text}");

        let refused = sqlx::Error::Io(std::io::Error::from(ErrorKind::ConnectionRefused));
        assert_eq!(tls.explain(&refused), None);

        let unknown = sqlx::Error::Io(std::io::Error::new(
            ErrorKind::InvalidData,
            "invalid peer certificate: UnknownIssuer",
        ));
        let text = tls.explain(&unknown).unwrap();
        assert!(text.contains("UnknownIssuer") && text.contains("sslrootcert="), "{text}");
        let regenerated = sqlx::Error::Io(std::io::Error::new(
            ErrorKind::InvalidData,
            "invalid peer certificate: BadSignature",
        ));
        let text = tls.explain(&regenerated).unwrap();
        assert!(text.contains("BadSignature") && text.contains("sslrootcert="), "{text}");

        let (plain, _) = settings("postgres://u@db.example.com/c?sslmode=disable").unwrap();
        assert_eq!(plain.explain(&unknown), None, "no TLS, so not a TLS failure");
    }
}
