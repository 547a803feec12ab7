use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use futures::FutureExt as _;
use sandpit_core::snapshot::{ReadScope, ResourceKind, Snapshot};

use crate::collect;
use crate::error::{AwsError, Classified, classify};
use crate::warm::{HintFile, Hints};

/// Where and as whom to connect; every field falls back to the standard AWS chain.
#[derive(Debug, Clone, Default)]
pub struct AwsSettings {
    /// A named profile (`--profile`, `AWS_PROFILE`).
    pub profile: Option<String>,
    /// The region (`--region`, else `AWS_REGION`, else the profile's).
    pub region: Option<String>,
    /// An endpoint override, e.g. a local emulator (`--endpoint-url`, `AWS_ENDPOINT_URL`).
    pub endpoint_url: Option<String>,
    /// Fixed credentials (access key id, secret) instead of the chain: the local practice
    /// sandbox's, which accepts any.
    pub static_credentials: Option<(String, String)>,
    /// Where reads remember the ids they saw, so the next read of the same account asks its
    /// dependent questions in the first round (see `warm.rs`); `None`: every read starts cold.
    /// Sandpit uses `<data dir>/cache/reads`.
    pub hints_dir: Option<PathBuf>,
}

/// Who the credentials belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The account id.
    pub account: String,
    /// The caller's ARN.
    pub arn: String,
    /// The caller's unique id.
    pub user_id: String,
    /// The region Sandpit will check.
    pub region: String,
    /// The endpoint override in use, if any (an emulator).
    pub endpoint_url: Option<String>,
}

/// A connection to one account and region.
#[derive(Debug, Clone)]
pub struct Aws {
    config: SdkConfig,
    region: String,
    endpoint: String,
    endpoint_url: Option<String>,
    /// The hints of these credentials in this region, when reads keep them.
    hints: Option<HintFile>,
    /// The account the credentials belong to, when known without asking STS (an assumed
    /// role's ARN names it).
    account: Option<String>,
}

impl Aws {
    /// Loads the configuration and credentials chain. Nothing is sent to AWS yet.
    pub async fn connect(settings: &AwsSettings) -> Result<Self, AwsError> {
        if let Some(profile) = &settings.profile
            && !profile_exists(profile)
        {
            return Err(AwsError::NoSuchProfile(profile.clone()));
        }
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .timeout_config(timeouts())
            .retry_config(retries());
        if let Some(profile) = &settings.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &settings.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(url) = &settings.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        if let Some((key, secret)) = &settings.static_credentials {
            loader = loader.credentials_provider(aws_sdk_sts::config::Credentials::new(
                key.clone(),
                secret.clone(),
                None,
                None,
                "sandpit-static",
            ));
        }
        let config = loader.load().await;
        let region = config.region().map(|r| r.to_string()).ok_or(AwsError::NoRegion)?;
        let endpoint_url = settings.endpoint_url.clone().filter(|u| !u.is_empty());
        let endpoint = endpoint_url.clone().unwrap_or_else(|| format!("AWS ({region})"));
        // Who the credentials are, as far as can be told without a call: the static key, the
        // profile, or the environment's key (the chain's first source). Never a secret.
        let who = match (&settings.static_credentials, &settings.profile) {
            (Some((key, _)), _) => format!("key={key}"),
            (None, Some(profile)) => format!("profile={profile}"),
            (None, None) => format!(
                "env-key={}\nprofile={}",
                std::env::var("AWS_ACCESS_KEY_ID").unwrap_or_default(),
                std::env::var("AWS_PROFILE").unwrap_or_default()
            ),
        };
        let hints =
            settings.hints_dir.as_deref().map(|dir| HintFile::new(dir, &scope(&who, &region, &endpoint)));
        Ok(Self { config, region, endpoint, endpoint_url, hints, account: None })
    }

    /// The same endpoint, timeouts and retries with an assumed role's SDK configuration and
    /// region; `role_arn` names the role (and so the account).
    pub(crate) fn with_role(&self, config: SdkConfig, region: String, role_arn: &str) -> Self {
        let endpoint = self.endpoint_url.clone().unwrap_or_else(|| format!("AWS ({region})"));
        let hints =
            self.hints.as_ref().map(|h| h.sibling(&scope(&format!("role={role_arn}"), &region, &endpoint)));
        // arn:aws:iam::<account>:role/<name>
        let account =
            role_arn.split(':').nth(4).filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()));
        Self {
            config,
            region,
            endpoint,
            endpoint_url: self.endpoint_url.clone(),
            hints,
            account: account.map(str::to_owned),
        }
    }

    /// The region being checked.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The underlying SDK configuration (for code in this crate that builds other clients).
    pub(crate) fn sdk_config(&self) -> &SdkConfig {
        &self.config
    }

    /// Where calls go, for messages.
    pub(crate) fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Asks STS who the credentials belong to; refuses the account root user.
    pub async fn whoami(&self) -> Result<Identity, AwsError> {
        let sts = aws_sdk_sts::Client::new(&self.config);
        let out = sts.get_caller_identity().send().await.map_err(|e| {
            match classify(&e, "sts:GetCallerIdentity", &self.endpoint) {
                Classified::Fatal(err) => err,
                Classified::Denied(message) | Classified::Failed(message) => {
                    AwsError::Other { operation: "sts:GetCallerIdentity".into(), message }
                }
            }
        })?;
        let arn = out.arn().unwrap_or_default().to_owned();
        if is_root_arn(&arn) {
            return Err(AwsError::RootCredentials { arn });
        }
        Ok(Identity {
            account: out.account().unwrap_or_default().to_owned(),
            arn,
            user_id: out.user_id().unwrap_or_default().to_owned(),
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
        })
    }

    /// Reads the given resource types concurrently into a snapshot. A type that cannot be read
    /// is recorded as such in the snapshot; only problems that make every call fail (no
    /// network, bad credentials) end the collection with an error.
    /// `account` is the account id from [`Self::whoami`] (account-wide APIs such as Budgets
    /// need it).
    pub async fn collect(&self, kinds: &BTreeSet<ResourceKind>, account: &str) -> Result<Snapshot, AwsError> {
        self.collect_scoped(kinds, account, &ReadScope::default()).await
    }

    /// [`Self::collect`] of only what `scope` asks for where reading everything costs.
    pub async fn collect_scoped(
        &self,
        kinds: &BTreeSet<ResourceKind>,
        account: &str,
        scope: &ReadScope,
    ) -> Result<Snapshot, AwsError> {
        let hints = self.load_hints();
        let mut snapshot =
            collect::collect(self, kinds, scope, collect::known_account(account), &hints).await?;
        snapshot.account = Some(account.to_owned());
        self.save_hints(hints, account, &snapshot);
        Ok(snapshot)
    }

    /// Who the credentials belong to and what the account holds, in one round: STS is asked
    /// while the collectors run, so a check costs the slowest chain of calls, not identity +
    /// collection. Only account-wide APIs (Budgets) need the account id: they start at once
    /// when it is known (an assumed role's ARN, or the last read's hints) and wait for STS
    /// otherwise. STS's answer decides: root credentials or an identity failure end the read
    /// with that error, whatever the collectors found, and a guessed account id that STS
    /// contradicts makes the read start over with STS's.
    pub async fn read(&self, kinds: &BTreeSet<ResourceKind>) -> Result<(Identity, Snapshot), AwsError> {
        self.read_scoped(kinds, &ReadScope::default()).await
    }

    /// [`Self::read`] of only what `scope` asks for where reading everything costs (the
    /// records of one hosted zone rather than every zone's; see
    /// [`sandpit_core::labs::Lab::read_scope`]).
    pub async fn read_scoped(
        &self,
        kinds: &BTreeSet<ResourceKind>,
        scope: &ReadScope,
    ) -> Result<(Identity, Snapshot), AwsError> {
        let hints = self.load_hints();
        let guess = self.account.clone().or_else(|| hints.account.clone());
        let me = self.clone();
        let who = async move { me.whoami().await }.boxed().shared();
        let account = match &guess {
            Some(account) => collect::known_account(account),
            None => who.clone().map(|r| r.ok().map(|identity| identity.account)).boxed().shared(),
        };
        let (who, snapshot) = tokio::join!(who, collect::collect(self, kinds, scope, account, &hints));
        let identity = who?;
        let mut snapshot = match guess {
            Some(guess) if guess != identity.account && kinds.contains(&ResourceKind::Budgets) => {
                let account = collect::known_account(&identity.account);
                collect::collect(self, kinds, scope, account, &Hints::default()).await?
            }
            _ => snapshot?,
        };
        snapshot.account = Some(identity.account.clone());
        self.save_hints(hints, &identity.account, &snapshot);
        Ok((identity, snapshot))
    }

    fn load_hints(&self) -> Hints {
        self.hints.as_ref().map(HintFile::load).unwrap_or_default()
    }

    fn save_hints(&self, hints: Hints, account: &str, snapshot: &Snapshot) {
        if let Some(file) = &self.hints {
            file.save(&hints.updated(account, snapshot));
        }
    }
}

/// Fail fast on a dead endpoint, and never let one call hold a check for long. A read-only
/// Describe/List page answers in well under a second on real AWS, so 10 s per attempt is
/// generous; 30 s per operation covers the retries below with their back-off. An endpoint that
/// accepts connections and never answers therefore ends a check in ~30 s with exit 3 (pinned
/// by tests/emulator/faults.rs).
fn timeouts() -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(3))
        .read_timeout(Duration::from_secs(10))
        .operation_attempt_timeout(Duration::from_secs(10))
        .operation_timeout(Duration::from_secs(30))
        .build()
}

/// Throttling and 5xx answers are normal when a class checks at once; the standard strategy
/// retries them (and dropped connections) with jittered exponential back-off from 1 s.
/// Six attempts: a call that fails 30% of the time then fails for good with probability
/// 0.3^6 ≈ 0.07% (five attempts: 0.24%, i.e. one lab check of ~15 calls in 28 would error).
/// The back-off before retry n is a random fraction of 2^(n-1) s, capped at [`MAX_BACKOFF`]:
/// at most 1+2+4+4+4 = 15 s for five retries (about 10 s on average), so a call that keeps
/// failing with 5xx ends with the service's own error well inside the operation timeout. With
/// the SDK's default cap of 20 s it could sleep 1+2+4+8+16 = 31 s and end as "timed out",
/// reported as an unreachable endpoint although the endpoint answered every time (seen in the
/// classroom test under load). Adaptive mode is not used: it rate-limits the client after
/// throttling, which slows a ~15-call check down for no gain.
fn retries() -> RetryConfig {
    RetryConfig::standard().with_max_attempts(6).with_max_backoff(MAX_BACKOFF)
}

/// The longest sleep between two attempts of one call (see [`retries`]).
const MAX_BACKOFF: Duration = Duration::from_secs(4);

/// What a hint file is kept for: these credentials, in this region, at this endpoint.
fn scope(who: &str, region: &str, endpoint: &str) -> String {
    format!("{who}\nregion={region}\nendpoint={endpoint}")
}

fn profile_exists(profile: &str) -> bool {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from).unwrap_or_default();
    let config = std::env::var_os("AWS_CONFIG_FILE").map_or_else(|| home.join(".aws/config"), Into::into);
    let credentials = std::env::var_os("AWS_SHARED_CREDENTIALS_FILE")
        .map_or_else(|| home.join(".aws/credentials"), Into::into);
    let in_file = |path: std::path::PathBuf, header: &str| {
        std::fs::read_to_string(path).is_ok_and(|text| text.lines().any(|l| l.trim() == header))
    };
    profile == "default"
        || in_file(config, &format!("[profile {profile}]"))
        || in_file(credentials.clone(), &format!("[{profile}]"))
}

/// Whether an STS caller ARN is the account root user (`arn:aws:iam::123456789012:root`). An IAM
/// user or role session that happens to be named `root` ends in `/root` and is not.
fn is_root_arn(arn: &str) -> bool {
    arn.starts_with("arn:") && arn.split(':').nth(5) == Some("root")
}

#[cfg(test)]
mod tests {
    use super::is_root_arn;

    #[test]
    fn only_the_account_root_user_is_root() {
        assert!(is_root_arn("arn:aws:iam::123456789012:root"));
        assert!(is_root_arn("arn:aws-cn:iam::123456789012:root"));
        assert!(!is_root_arn("arn:aws:iam::123456789012:user/root"));
        assert!(!is_root_arn("arn:aws:sts::123456789012:assumed-role/Admin/root"));
        assert!(!is_root_arn("arn:aws:sts::123456789012:user/moto"));
    }
}
