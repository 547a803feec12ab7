//! Reading IAM policy documents: what a policy allows, for the checks that judge what a group,
//! a permissions boundary or an SNS topic policy really grants (not what it is called).
//!
//! This is a deliberately small evaluator: `Action`/`NotAction` with `*` and `?` wildcards,
//! `Effect`, `Principal` (for resource policies) and which condition keys a statement uses.
//! Resources are not evaluated (every grant is taken as `"Resource": "*"`), and a statement with
//! conditions is said to be conditional rather than guessed at.
//!
//! AWS managed policies are not read from the account (`GetAccountAuthorizationDetails` lists
//! only customer managed ones without a second, very large call), so the ones a team is likely to
//! attach are summarised in [`AWS_MANAGED`], each by the grants of AWS's own document that matter
//! here. An emulator test compares every summary with the real document moto ships for a set of
//! probe actions, so a summary cannot drift from what AWS publishes.

use serde_json::Value;

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The statement grants.
    Allow,
    /// The statement refuses, whatever else grants.
    Deny,
}

/// Who a resource policy's statement is about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Principals {
    /// `"Principal": "*"` (or `{"AWS": "*"}`): everyone.
    pub everyone: bool,
    /// `{"AWS": …}` entries other than `*`: accounts, users, roles.
    pub aws: Vec<String>,
    /// `{"Service": …}`: AWS service principals (`events.amazonaws.com`).
    pub services: Vec<String>,
}

/// One statement of a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Allow or deny.
    pub effect: Effect,
    /// The `Action` patterns, or — when `not_action` — the `NotAction` patterns.
    pub actions: Vec<String>,
    /// Whether the patterns are a `NotAction` (the statement covers every other action).
    pub not_action: bool,
    /// Its principals, in a resource policy.
    pub principals: Option<Principals>,
    /// The condition keys it uses (`aws:SourceArn`, `aws:MultiFactorAuthPresent`, …), lower case.
    pub condition_keys: Vec<String>,
}

impl Statement {
    /// Whether it is about `action` (`ec2:RunInstances`).
    pub fn covers(&self, action: &str) -> bool {
        let hit = self.actions.iter().any(|p| action_matches(p, action));
        if self.not_action { !hit } else { hit }
    }
}

/// What a policy says about one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// An Allow without conditions covers it, and no Deny does.
    Allowed,
    /// Only Allows with conditions cover it (MFA, source IP, …), and no Deny does.
    AllowedWithConditions,
    /// A Deny covers it (with or without conditions).
    Denied,
    /// Nothing covers it: denied by default.
    NotAllowed,
}

impl Decision {
    /// Whether the action can be allowed at all.
    pub fn allows(self) -> bool {
        matches!(self, Decision::Allowed | Decision::AllowedWithConditions)
    }
}

/// A parsed policy document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Policy {
    /// Its statements, in order.
    pub statements: Vec<Statement>,
}

/// Whether an IAM action pattern (`ec2:Describe*`, `*`, `s3:Get?bject`) matches `action`,
/// case-insensitively as IAM compares them.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let a: Vec<char> = action.to_ascii_lowercase().chars().collect();
    // Iterative wildcard match with backtracking to the last `*`.
    let (mut pi, mut ai) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ai < a.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == a[ai]) {
            pi += 1;
            ai += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ai;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ai = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// The verbs of read-only API actions.
const READ_VERBS: &[&str] =
    &["describe", "get", "list", "view", "batchget", "search", "lookup", "select", "scan", "query"];

/// Whether an `Action` pattern may cover an action that changes something: anything but a
/// pattern whose action part starts with a read verb (`ec2:Describe*` reads; `ec2:*`, `*`,
/// `ec2:*Vpc` may write).
pub fn pattern_may_write(pattern: &str) -> bool {
    let verb = pattern.split_once(':').map_or(pattern, |(_, v)| v).to_ascii_lowercase();
    !READ_VERBS.iter().any(|r| verb.starts_with(r))
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    }
}

fn principals(v: &Value) -> Principals {
    let mut p = Principals::default();
    match v {
        Value::String(s) if s == "*" => p.everyone = true,
        Value::Object(map) => {
            for (kind, who) in map {
                for w in strings(who) {
                    match kind.as_str() {
                        "AWS" if w == "*" => p.everyone = true,
                        "AWS" => p.aws.push(w),
                        "Service" => p.services.push(w.to_ascii_lowercase()),
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
    p
}

impl Policy {
    /// Parses a policy document (JSON text). A document that is not a policy is an error with
    /// the reason, for the finding that reports it.
    pub fn parse(document: &str) -> Result<Policy, String> {
        let value: Value = serde_json::from_str(document).map_err(|e| format!("not JSON: {e}"))?;
        let list = match value.get("Statement") {
            Some(Value::Array(items)) => items.clone(),
            Some(one @ Value::Object(_)) => vec![one.clone()],
            _ => return Err("no Statement".to_owned()),
        };
        Ok(Policy { statements: list.iter().filter_map(Self::statement).collect() })
    }

    fn statement(s: &Value) -> Option<Statement> {
        let effect = match s.get("Effect")?.as_str()? {
            "Allow" => Effect::Allow,
            "Deny" => Effect::Deny,
            _ => return None,
        };
        let (actions, not_action) = match (s.get("Action"), s.get("NotAction")) {
            (Some(a), _) => (strings(a), false),
            (None, Some(n)) => (strings(n), true),
            (None, None) => return None,
        };
        let condition_keys = s
            .get("Condition")
            .and_then(Value::as_object)
            .map(|ops| {
                ops.values()
                    .filter_map(Value::as_object)
                    .flat_map(|keys| keys.keys().map(|k| k.to_ascii_lowercase()))
                    .collect()
            })
            .unwrap_or_default();
        Some(Statement {
            effect,
            actions,
            not_action,
            principals: s.get("Principal").map(principals),
            condition_keys,
        })
    }

    /// What this identity policy says about `action`.
    pub fn decide(&self, action: &str) -> Decision {
        decide(&self.statements, action)
    }

    /// Whether an Allow of this policy may cover an action that changes something.
    pub fn may_write(&self) -> bool {
        self.statements
            .iter()
            .filter(|s| s.effect == Effect::Allow)
            .any(|s| s.not_action || s.actions.iter().any(|a| pattern_may_write(a)))
    }
}

/// What `statements` together say about `action`: an explicit Deny wins, then an Allow.
pub fn decide(statements: &[Statement], action: &str) -> Decision {
    let covering = || statements.iter().filter(|s| s.covers(action));
    if covering().any(|s| s.effect == Effect::Deny) {
        return Decision::Denied;
    }
    let allows: Vec<&Statement> = covering().filter(|s| s.effect == Effect::Allow).collect();
    if allows.iter().any(|s| s.condition_keys.is_empty()) {
        Decision::Allowed
    } else if allows.is_empty() {
        Decision::NotAllowed
    } else {
        Decision::AllowedWithConditions
    }
}

/// AWS managed policies a bootcamp team attaches, each summarised by the grants of AWS's
/// document that matter to the checks (as a policy document). Unlisted AWS managed policies are
/// judged by their name ([`aws_managed`]).
pub const AWS_MANAGED: &[(&str, &str)] = &[
    ("AdministratorAccess", r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#),
    (
        "PowerUserAccess",
        r#"{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},
            {"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions","account:GetAccountInformation"],"Resource":"*"}]}"#,
    ),
    (
        "ReadOnlyAccess",
        r#"{"Statement":[{"Effect":"Allow","Action":["ec2:Describe*","ec2:Get*","iam:Get*","iam:List*","elasticloadbalancing:Describe*","autoscaling:Describe*","rds:Describe*","s3:Get*","s3:List*","cloudwatch:Describe*","cloudwatch:Get*","cloudwatch:List*","sns:Get*","sns:List*"],"Resource":"*"}]}"#,
    ),
    (
        "AmazonEC2FullAccess",
        r#"{"Statement":[{"Effect":"Allow","Action":["ec2:*","elasticloadbalancing:*","cloudwatch:*","autoscaling:*"],"Resource":"*"},
            {"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*","Condition":{"StringEquals":{"iam:AWSServiceName":["autoscaling.amazonaws.com"]}}}]}"#,
    ),
    (
        "AmazonEC2ReadOnlyAccess",
        r#"{"Statement":[{"Effect":"Allow","Action":["ec2:Describe*","elasticloadbalancing:Describe*","autoscaling:Describe*","cloudwatch:ListMetrics","cloudwatch:GetMetricStatistics","cloudwatch:Describe*"],"Resource":"*"}]}"#,
    ),
    (
        "AmazonVPCFullAccess",
        r#"{"Statement":[{"Effect":"Allow","Action":["ec2:CreateVpc","ec2:DeleteVpc","ec2:ModifyVpcAttribute","ec2:CreateSubnet","ec2:DeleteSubnet","ec2:CreateRouteTable","ec2:CreateRoute","ec2:CreateInternetGateway","ec2:AttachInternetGateway","ec2:CreateNatGateway","ec2:AllocateAddress","ec2:CreateSecurityGroup","ec2:AuthorizeSecurityGroupIngress","ec2:CreateVpcPeeringConnection","ec2:AcceptVpcPeeringConnection","ec2:DescribeInstances","ec2:DescribeVpcs","ec2:DescribeSubnets"],"Resource":"*"}]}"#,
    ),
    (
        "AmazonVPCReadOnlyAccess",
        r#"{"Statement":[{"Effect":"Allow","Action":["ec2:DescribeVpcs","ec2:DescribeSubnets","ec2:DescribeRouteTables","ec2:DescribeSecurityGroups","ec2:DescribeNatGateways"],"Resource":"*"}]}"#,
    ),
    ("IAMFullAccess", r#"{"Statement":[{"Effect":"Allow","Action":["iam:*"],"Resource":"*"}]}"#),
    (
        "IAMReadOnlyAccess",
        r#"{"Statement":[{"Effect":"Allow","Action":["iam:GenerateCredentialReport","iam:GenerateServiceLastAccessedDetails","iam:Get*","iam:List*","iam:SimulateCustomPolicy","iam:SimulatePrincipalPolicy"],"Resource":"*"}]}"#,
    ),
    (
        "AmazonRDSReadOnlyAccess",
        r#"{"Statement":[{"Effect":"Allow","Action":["rds:Describe*","rds:ListTagsForResource","ec2:DescribeVpcs","ec2:DescribeSubnets"],"Resource":"*"}]}"#,
    ),
    (
        "AmazonRDSFullAccess",
        r#"{"Statement":[{"Effect":"Allow","Action":["rds:*","ec2:DescribeVpcs","ec2:DescribeSubnets","ec2:DescribeSecurityGroups"],"Resource":"*"}]}"#,
    ),
    (
        "AmazonS3ReadOnlyAccess",
        r#"{"Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}"#,
    ),
    ("AmazonS3FullAccess", r#"{"Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":"*"}]}"#),
];

/// Probe actions the summaries in [`AWS_MANAGED`] are compared on with AWS's real documents.
pub const PROBES: &[&str] = &[
    "ec2:RunInstances",
    "ec2:TerminateInstances",
    "ec2:CreateVpc",
    "ec2:CreateSubnet",
    "ec2:AuthorizeSecurityGroupIngress",
    "ec2:DescribeInstances",
    "ec2:DescribeVpcs",
    "iam:CreateUser",
    "iam:AttachUserPolicy",
    "iam:PutUserPolicy",
    "iam:CreateAccessKey",
    "iam:DeleteUserPermissionsBoundary",
    "iam:GetUser",
    "iam:ListUsers",
    "rds:CreateDBInstance",
    "rds:DescribeDBInstances",
    "s3:PutObject",
    "s3:ListAllMyBuckets",
];

/// The policy an attached managed policy stands for: a customer managed policy's document from
/// the account (`customer`), the summary of a known AWS managed policy, or — for an unlisted AWS
/// managed policy — what its name says AWS's naming promises (`…ReadOnlyAccess` and
/// `…ViewOnlyAccess` only read). `None` when nothing tells.
pub fn managed_policy(arn: &str, name: &str, customer: Option<&str>) -> Option<Policy> {
    if !arn.contains(":iam::aws:policy/") {
        return customer.and_then(|doc| Policy::parse(doc).ok());
    }
    aws_managed(name)
}

/// The summary of AWS managed policy `name` (see [`managed_policy`]).
pub fn aws_managed(name: &str) -> Option<Policy> {
    if let Some((_, doc)) = AWS_MANAGED.iter().find(|(n, _)| *n == name) {
        return Policy::parse(doc).ok();
    }
    let read_only = ["ReadOnly", "ViewOnly", "SecurityAudit"].iter().any(|w| name.contains(w));
    read_only.then(|| Policy {
        statements: vec![Statement {
            effect: Effect::Allow,
            actions: vec!["*:Describe*".into(), "*:Get*".into(), "*:List*".into()],
            not_action: false,
            principals: None,
            condition_keys: Vec::new(),
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_as_iam_does() {
        assert!(action_matches("ec2:Describe*", "ec2:DescribeVpcs"));
        assert!(action_matches("EC2:describe*", "ec2:DescribeVpcs"), "case does not matter");
        assert!(action_matches("*", "iam:CreateUser"));
        assert!(action_matches("s3:Get?bject", "s3:GetObject"));
        assert!(action_matches("ec2:*Vpc*", "ec2:CreateVpcPeeringConnection"));
        assert!(!action_matches("ec2:Describe*", "ec2:RunInstances"));
        assert!(!action_matches("iam:Get*", "iam:CreateUser"));
        assert!(!action_matches("ec2:CreateVpc", "ec2:CreateVpcPeeringConnection"));
    }

    #[test]
    fn deny_wins_and_not_action_covers_the_rest() {
        let p = Policy::parse(
            r#"{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Action":"*","Resource":"*"},
                {"Effect":"Deny","Action":["iam:*"],"Resource":"*"}]}"#,
        )
        .unwrap();
        assert_eq!(p.decide("iam:CreateUser"), Decision::Denied);
        assert_eq!(p.decide("ec2:RunInstances"), Decision::Allowed);
        let power = aws_managed("PowerUserAccess").unwrap();
        assert_eq!(power.decide("iam:CreateUser"), Decision::NotAllowed);
        assert_eq!(power.decide("ec2:RunInstances"), Decision::Allowed);
        assert!(power.may_write());
        let single =
            Policy::parse(r#"{"Statement":{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}}"#)
                .unwrap();
        assert_eq!(single.decide("ec2:DescribeVpcs"), Decision::Allowed);
        assert!(!single.may_write(), "one statement object, reads only");
    }

    #[test]
    fn conditional_grants_are_said_to_be_conditional() {
        let p = Policy::parse(
            r#"{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*",
                "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#,
        )
        .unwrap();
        assert_eq!(p.decide("ec2:RunInstances"), Decision::AllowedWithConditions);
        assert_eq!(p.statements[0].condition_keys, ["aws:multifactorauthpresent"]);
    }

    #[test]
    fn read_patterns_do_not_write_and_others_may() {
        for read in ["ec2:Describe*", "iam:Get*", "s3:List*", "cloudwatch:GetMetricData"] {
            assert!(!pattern_may_write(read), "{read}");
        }
        for write in ["*", "ec2:*", "ec2:RunInstances", "s3:Put*", "ec2:*Describe*"] {
            assert!(pattern_may_write(write), "{write}");
        }
    }

    #[test]
    fn principals_of_a_resource_policy() {
        let p = Policy::parse(
            r#"{"Statement":[
                {"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish","Resource":"*"},
                {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"SNS:Publish","Resource":"*",
                 "Condition":{"StringEquals":{"AWS:SourceOwner":"123456789012"}}}]}"#,
        )
        .unwrap();
        let first = p.statements[0].principals.as_ref().unwrap();
        assert_eq!(first.services, ["events.amazonaws.com"]);
        let second = p.statements[1].principals.as_ref().unwrap();
        assert!(second.everyone);
        assert_eq!(p.statements[1].condition_keys, ["aws:sourceowner"]);
    }

    #[test]
    fn managed_policies_are_read_from_the_account_or_the_summaries_or_their_name() {
        let doc = r#"{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}"#;
        let customer = managed_policy("arn:aws:iam::123456789012:policy/infra", "infra", Some(doc)).unwrap();
        assert!(customer.decide("ec2:CreateVpc").allows());
        assert!(managed_policy("arn:aws:iam::123456789012:policy/x", "x", None).is_none());
        let ec2 = managed_policy("arn:aws:iam::aws:policy/AmazonEC2FullAccess", "AmazonEC2FullAccess", None)
            .unwrap();
        assert!(ec2.decide("ec2:RunInstances").allows());
        let unknown = aws_managed("AmazonDynamoDBReadOnlyAccess").unwrap();
        assert!(!unknown.may_write());
        assert!(aws_managed("AmazonDynamoDBFullAccess").is_none(), "unlisted and not read-only: unknown");
        for (name, doc) in AWS_MANAGED {
            assert!(Policy::parse(doc).is_ok_and(|p| !p.statements.is_empty()), "{name}");
        }
    }
}
