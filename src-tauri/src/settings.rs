//! The desktop settings (AWS profile, region, endpoint URL, language, database URL), persisted as
//! TOML in the data directory (`<data_dir>/desktop.toml`). A field left empty falls back to the
//! same environment variables the CLI reads (`AWS_PROFILE`, `AWS_REGION`, `AWS_ENDPOINT_URL`,
//! `SANDPIT_LANG`, `SANDPIT_DATABASE_URL`).

use std::path::{Path, PathBuf};

use sandpit_aws::AwsSettings;
use sandpit_core::Lang;
use serde::{Deserialize, Serialize};

use crate::error::UiError;

/// The settings file's name inside the data directory.
pub const SETTINGS_FILE: &str = "desktop.toml";

/// What the Settings screen edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// AWS profile (empty: the standard credential chain).
    pub profile: String,
    /// AWS region (empty: from the profile or `AWS_REGION`).
    pub region: String,
    /// Endpoint URL, e.g. a local emulator (empty: AWS itself).
    pub endpoint_url: String,
    /// Interface and content language.
    pub lang: Option<Lang>,
    /// Progress database (empty: SQLite in the data directory).
    pub database_url: String,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn non_empty(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl Settings {
    /// The settings file in `data_dir`.
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(SETTINGS_FILE)
    }

    /// Reads the settings; a missing file gives the defaults, a broken one an error naming it.
    pub fn load(data_dir: &Path) -> Result<Self, UiError> {
        let path = Self::path(data_dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => {
                return Err(UiError::input(
                    "ui-error-settings-file",
                    format!("cannot read {}: {e}", path.display()),
                ));
            }
        };
        toml::from_str(&text).map_err(|e| {
            UiError::input("ui-error-settings-file", format!("{}: {}", path.display(), e.message()))
        })
    }

    /// Checks the values, naming the field at fault.
    pub fn validate(&self) -> Result<(), UiError> {
        let url = self.endpoint_url.trim();
        let is_url = url.starts_with("http://") || url.starts_with("https://");
        if !url.is_empty() && !is_url {
            return Err(UiError::field(
                "endpoint_url",
                "ui-error-settings-endpoint",
                format!("`{url}` is not an http:// or https:// URL"),
            ));
        }
        let region = self.region.trim();
        let looks_like_region =
            region.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && region.contains('-');
        if !region.is_empty() && !looks_like_region {
            return Err(UiError::field(
                "region",
                "ui-error-settings-region",
                format!("`{region}` is not an AWS region (e.g. ap-northeast-2)"),
            ));
        }
        if self.profile.trim().contains(char::is_whitespace) {
            return Err(UiError::field(
                "profile",
                "ui-error-settings-profile",
                "a profile name has no spaces",
            ));
        }
        let db = self.database_url.trim();
        if !db.is_empty()
            && !["sqlite:", "postgres://", "postgresql://"].iter().any(|scheme| db.starts_with(scheme))
        {
            return Err(UiError::field(
                "database_url",
                "ui-error-settings-database",
                format!("`{db}` is not a sqlite: or postgres:// URL"),
            ));
        }
        Ok(())
    }

    /// Validates and writes the settings (to a temporary file renamed into place: never half a file).
    pub fn save(&self, data_dir: &Path) -> Result<(), UiError> {
        self.validate()?;
        let path = Self::path(data_dir);
        let fail = |e: std::io::Error| {
            UiError::input("ui-error-data-folder", format!("cannot write {}: {e}", path.display()))
        };
        std::fs::create_dir_all(data_dir).map_err(fail)?;
        let text = toml::to_string_pretty(self)
            .map_err(|e| UiError::input("ui-error-data-folder", e.to_string()))?;
        let tmp = data_dir.join(format!(".{SETTINGS_FILE}.tmp"));
        std::fs::write(&tmp, text).map_err(fail)?;
        std::fs::rename(&tmp, &path).map_err(fail)
    }

    /// The language in use: the setting, else `SANDPIT_LANG`, else Korean.
    pub fn lang(&self) -> Lang {
        self.lang.or_else(|| env("SANDPIT_LANG").and_then(|l| l.parse().ok())).unwrap_or_default()
    }

    /// Where and as whom to connect: each setting, else its environment variable.
    pub fn aws(&self) -> AwsSettings {
        AwsSettings {
            profile: non_empty(&self.profile).or_else(|| env("AWS_PROFILE")),
            region: non_empty(&self.region)
                .or_else(|| env("AWS_REGION"))
                .or_else(|| env("AWS_DEFAULT_REGION")),
            endpoint_url: non_empty(&self.endpoint_url).or_else(|| env("AWS_ENDPOINT_URL")),
            static_credentials: None,
            hints_dir: None,
        }
    }

    /// The progress database URL in use, if any is configured.
    pub fn database_url(&self) -> Option<String> {
        non_empty(&self.database_url).or_else(|| env("SANDPIT_DATABASE_URL"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_the_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap(), Settings::default());
        let s = Settings {
            profile: "class".into(),
            region: "ap-northeast-2".into(),
            endpoint_url: "http://127.0.0.1:5000".into(),
            lang: Some(Lang::En),
            database_url: "sqlite:///tmp/x.db".into(),
        };
        s.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap(), s);
        assert_eq!(s.lang(), Lang::En);
        assert_eq!(s.aws().endpoint_url.as_deref(), Some("http://127.0.0.1:5000"));
    }

    #[test]
    fn bad_values_name_their_field_and_write_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings { endpoint_url: "localhost:5000".into(), ..Settings::default() };
        let err = s.save(dir.path()).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("endpoint_url"));
        assert!(!Settings::path(dir.path()).exists());
        let s = Settings { region: "Seoul".into(), ..Settings::default() };
        assert_eq!(s.validate().unwrap_err().field.as_deref(), Some("region"));
    }

    #[test]
    fn a_broken_settings_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(Settings::path(dir.path()), "lang = \"fr\"\n").unwrap();
        let err = Settings::load(dir.path()).unwrap_err();
        assert!(err.message.contains("desktop.toml"), "{}", err.message);
    }
}
