use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language Sandpit speaks. Korean is the default: the bootcamps it serves teach in Korean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 한국어
    #[default]
    Ko,
    /// English
    En,
}

impl Lang {
    /// Every language, in display order.
    pub const ALL: [Lang; 2] = [Lang::Ko, Lang::En];

    /// The ISO 639-1 code (`ko`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ko" | "kr" | "korean" => Ok(Lang::Ko),
            "en" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}` (use ko or en)")),
        }
    }
}

/// A text in every language Sandpit speaks. Lab files and findings carry both, and the reader's
/// language is picked at the edge (CLI output, desktop page).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    /// Korean text.
    pub ko: String,
    /// English text.
    pub en: String,
}

impl Localized {
    /// Builds a text from its English and Korean versions.
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Self {
        Self { ko: ko.into(), en: en.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko => &self.ko,
            Lang::En => &self.en,
        }
    }

    /// Joins texts language by language (`a, b` from `a` and `b` with `", "`).
    pub fn join(items: &[Localized], separator: &str) -> Self {
        let pick = |lang: Lang| items.iter().map(|l| l.get(lang)).collect::<Vec<_>>().join(separator);
        Self { ko: pick(Lang::Ko), en: pick(Lang::En) }
    }

    /// Applies `f` to both versions (e.g. to substitute parameters).
    pub fn map(&self, mut f: impl FnMut(&str) -> String) -> Self {
        Self { ko: f(&self.ko), en: f(&self.en) }
    }
}

/// English words in a text meant to be Korean: what a `--lang ko` run must not print. AWS
/// service and product names, acronyms and enum values (`VPC`, `ACTUAL`), API and field names
/// (`DescribeKey`, `KeyManager`), and anything that is an id, ARN, action, flag, path or
/// command (it holds a digit or one of `:/-_.=$@{}<>`) are not counted. Code spans in
/// backticks are skipped whole.
pub fn english_words(text: &str) -> Vec<String> {
    /// Capitalised words that are AWS names, not English sentences.
    const AWS_NAMES: &[&str] = &[
        "Amazon",
        "Aurora",
        "Auto",
        "Budgets",
        "Certificate",
        "CloudFormation",
        "CloudFront",
        "CloudTrail",
        "CloudWatch",
        "Cognito",
        "Config",
        "Console",
        "Cost",
        "DynamoDB",
        "EventBridge",
        "Explorer",
        "Firehose",
        "Gateway",
        "Glacier",
        "Insights",
        "Key",
        "Lambda",
        "Lightsail",
        "Load",
        "Balancer",
        "Balancing",
        "Billing",
        "Elastic",
        "Manager",
        "MariaDB",
        "MySQL",
        "Obsidian",
        "Organizations",
        "PostgreSQL",
        "Route",
        "Sandpit",
        "Scaling",
        "Secrets",
        "Service",
        "Shield",
        "Step",
        "Functions",
        "Systems",
        "Tomcat",
        "Transit",
        "Trusted",
        "Advisor",
        "Windows",
        "Linux",
        "Ubuntu",
        "Excel",
        "Settings",
        "Session",
    ];
    /// Commands whose words (`sandpit class check`) run until the next Korean word.
    const COMMANDS: &[&str] = &["sandpit", "aws", "make", "sudo", "export", "pip"];
    let mut out = Vec::new();
    let mut in_code = false;
    let mut in_command = false;
    for token in text.split(|c: char| c.is_whitespace()) {
        let ticks = token.matches('`').count();
        let was_in_code = in_code;
        if ticks % 2 == 1 {
            in_code = !in_code;
        }
        if was_in_code || ticks > 0 {
            continue;
        }
        // `…하거나(aws configure …`: the command may follow Korean in the same token.
        let ascii_tail = token.rsplit(|c: char| !c.is_ascii()).next().unwrap_or(token);
        if COMMANDS.contains(&ascii_tail.trim_matches(|c: char| !c.is_ascii_alphanumeric())) {
            in_command = true;
            continue;
        } else if !token.is_ascii() {
            in_command = false;
        }
        if in_command {
            continue;
        }
        let core = token.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let code_like = core.chars().any(|c| c.is_ascii_digit() || ":/-_.=$@{}<>".contains(c));
        let path_like = token.chars().any(|c| "/=$@{}<>_".contains(c));
        if core.is_empty() || code_like || path_like || token.contains("--") {
            continue;
        }
        // Split where Hangul is glued on (`VPC를`, `subnet이`) and keep the ASCII words.
        for word in core.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 2) {
            let mut chars = word.chars();
            let first = chars.next().unwrap_or_default();
            let rest: String = chars.collect();
            let acronym_or_api = rest.chars().any(|c| c.is_ascii_uppercase());
            if acronym_or_api || AWS_NAMES.contains(&word) {
                continue;
            }
            if first.is_ascii_lowercase() || first.is_ascii_uppercase() {
                out.push(word.to_owned());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::english_words;

    #[test]
    fn english_sentences_are_found_and_aws_terms_are_not() {
        assert_eq!(english_words("no VPC in this region"), ["no", "in", "this", "region"]);
        assert!(
            english_words("VPC을(를) 읽을 수 없습니다: AWS가 ec2:DescribeVpcs 호출을 거부했습니다")
                .is_empty()
        );
        assert!(
            english_words("`sandpit budget ensure --limit 22` 를 실행하세요, 정책 AmazonVPCReadOnlyAccess")
                .is_empty()
        );
        assert!(
            english_words(
                "arn:aws:kms:ap-northeast-2:1:key/abc 키 CloudWatch 경보, ACTUAL GREATER_THAN 100%"
            )
            .is_empty()
        );
        assert_eq!(english_words("서브넷 subnets이 없습니다"), ["subnets"]);
        assert!(english_words("확인하거나(--snapshot 없이)").is_empty());
        assert!(english_words("sandpit class check --csv / --json이 출력하는 것").is_empty());
        assert!(english_words("비워 두면 데이터 폴더의 exports/").is_empty());
        assert!(english_words("설정하거나(aws configure, AWS_PROFILE) 설정 화면").is_empty());
        assert_eq!(english_words("sandpit 명령 is here"), ["is", "here"]);
        assert_eq!(english_words("Route 53 호스팅 영역과 records"), ["records"]);
    }
}
