//! The named profiles of the AWS shared config files (`~/.aws/config`, `~/.aws/credentials`, or
//! where `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` point), read by the SDK's own profile
//! parser, so a profile listed here is one the credential chain finds. Only names and the
//! non-secret facts a person picks by are kept: never a key.

use std::borrow::Cow;
use std::path::Path;

use aws_types::os_shim_internal::{Env, Fs};
use serde::Serialize;

/// A profile a person can pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileInfo {
    /// Its name (`default`, `sandbox`, …).
    pub name: String,
    /// The region it sets, if any.
    pub region: Option<String>,
    /// How it gets credentials: `keys` (an access key in the files), `sso`, `role` (assumes a
    /// role), `process` (an external program), or `other` (the rest of the chain).
    pub source: &'static str,
}

/// The profiles of the shared config files, sorted by name. `files` replaces the config and
/// credentials files (tests); `None` reads the usual ones. Unreadable or malformed files give
/// what could be read (the SDK reports the same problem when a check uses the profile).
pub async fn profiles(files: Option<(&Path, &Path)>) -> Vec<ProfileInfo> {
    let env = match files {
        Some((config, credentials)) => Env::from_slice(&[
            ("AWS_CONFIG_FILE", config.to_str().unwrap_or_default()),
            ("AWS_SHARED_CREDENTIALS_FILE", credentials.to_str().unwrap_or_default()),
        ]),
        None => Env::real(),
    };
    let Ok(set) =
        aws_config::profile::load(&Fs::real(), &env, &Default::default(), None::<Cow<'static, str>>).await
    else {
        return Vec::new();
    };
    let mut out: Vec<ProfileInfo> = set
        .profiles()
        .filter_map(|name| set.get_profile(name))
        .map(|p| {
            let has = |key: &str| p.get(key).is_some_and(|v| !v.trim().is_empty());
            let source = if has("aws_access_key_id") {
                "keys"
            } else if has("sso_session") || has("sso_start_url") {
                "sso"
            } else if has("role_arn") {
                "role"
            } else if has("credential_process") {
                "process"
            } else {
                "other"
            };
            ProfileInfo { name: p.name().to_owned(), region: p.get("region").map(str::to_owned), source }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn profiles_come_from_both_files_without_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        let credentials = dir.path().join("credentials");
        std::fs::write(
            &config,
            "[default]\nregion = ap-northeast-2\n\n[profile class]\nsso_session = school\nsso_account_id = 111111111111\nregion = us-east-1\n\n[profile team]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = default\n",
        )
        .unwrap();
        std::fs::write(&credentials, "[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = SECRETSECRET\n\n[keys-only]\naws_access_key_id = AKIA2\naws_secret_access_key = S2\n").unwrap();
        let found = profiles(Some((&config, &credentials))).await;
        let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["class", "default", "keys-only", "team"]);
        let default = &found[1];
        assert_eq!((default.region.as_deref(), default.source), (Some("ap-northeast-2"), "keys"));
        assert_eq!(found[0].source, "sso");
        assert_eq!(found[3].source, "role");
        let json = serde_json::to_string(&found).unwrap();
        assert!(!json.contains("SECRET") && !json.contains("AKIA"), "no key leaves this module: {json}");
    }

    #[tokio::test]
    async fn missing_files_are_no_profiles() {
        let dir = tempfile::tempdir().unwrap();
        assert!(profiles(Some((&dir.path().join("nope"), &dir.path().join("nope2")))).await.is_empty());
    }
}
