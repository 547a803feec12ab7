//! What Settings offers to pick from: the AWS profiles of this machine's shared config files
//! (names and regions only, never a key, read by the SDK's own parser in `sandpit-aws`) and the
//! regions, each named in the reader's language.

use sandpit_core::{Lang, msg};
use serde::Serialize;

use super::AppState;

/// A region to pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RegionChoice {
    /// Its code (`ap-northeast-2`).
    pub code: String,
    /// Its name in the reader's language (`아시아 태평양(서울)`).
    pub name: String,
}

/// A profile to pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ProfileChoice {
    /// Its name.
    pub name: String,
    /// The region it sets, if any.
    pub region: Option<String>,
    /// How it gets credentials: `keys`, `sso`, `role`, `process` or `other`.
    pub source: String,
}

/// Settings' lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AwsChoices {
    /// The profiles of `~/.aws/config` and `~/.aws/credentials` (or `AWS_CONFIG_FILE`,
    /// `AWS_SHARED_CREDENTIALS_FILE`), by name.
    pub profiles: Vec<ProfileChoice>,
    /// The regions, the bootcamp's first.
    pub regions: Vec<RegionChoice>,
}

/// The regions Settings offers, with the catalogue id of each one's name.
pub(crate) const REGIONS: &[(&str, &str)] = &[
    ("ap-northeast-2", "region-ap-northeast-2"),
    ("ap-northeast-1", "region-ap-northeast-1"),
    ("ap-northeast-3", "region-ap-northeast-3"),
    ("ap-southeast-1", "region-ap-southeast-1"),
    ("ap-southeast-2", "region-ap-southeast-2"),
    ("ap-south-1", "region-ap-south-1"),
    ("us-east-1", "region-us-east-1"),
    ("us-east-2", "region-us-east-2"),
    ("us-west-1", "region-us-west-1"),
    ("us-west-2", "region-us-west-2"),
    ("ca-central-1", "region-ca-central-1"),
    ("eu-central-1", "region-eu-central-1"),
    ("eu-west-1", "region-eu-west-1"),
    ("eu-west-2", "region-eu-west-2"),
    ("eu-west-3", "region-eu-west-3"),
    ("eu-north-1", "region-eu-north-1"),
    ("sa-east-1", "region-sa-east-1"),
];

/// The regions in `lang`.
pub(crate) fn regions(lang: Lang) -> Vec<RegionChoice> {
    REGIONS
        .iter()
        .map(|(code, id)| RegionChoice { code: (*code).to_owned(), name: msg::text(lang, id, &[]) })
        .collect()
}

/// `aws_choices`: the profiles found on this machine and the regions.
pub async fn aws_choices(state: &AppState) -> AwsChoices {
    let profiles = sandpit_aws::profiles(None).await;
    AwsChoices {
        profiles: profiles
            .into_iter()
            .map(|p| ProfileChoice { name: p.name, region: p.region, source: p.source.to_owned() })
            .collect(),
        regions: regions(state.lang()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_has_a_korean_and_an_english_name() {
        for region in regions(Lang::Ko) {
            assert_ne!(region.name, region.code, "named in the catalogue");
            assert_eq!(sandpit_core::english_words(&region.name), Vec::<String>::new(), "{}", region.name);
        }
        let seoul = &regions(Lang::Ko)[0];
        assert_eq!(seoul.code, "ap-northeast-2", "the bootcamp's region first");
        assert!(seoul.name.contains("서울"), "{}", seoul.name);
        assert!(regions(Lang::En)[0].name.contains("Seoul"));
    }
}
