//! A classroom's team accounts in the emulator, and the read-only role each team deploys for
//! the instructor.
//!
//! Moto keeps accounts apart: credentials from `sts assume-role` into a role of account X act in
//! account X. A [`TeamAccount`] is such a session, opened from the default test identity, so the
//! lab builders in [`crate::labs`] build a team's progress in its own account exactly as they
//! build it in the default one. The instructor is the default test identity
//! ([`INSTRUCTOR_ACCOUNT`]).

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::labs::{self, AwsCli};
use crate::{Moto, text};

/// The account the instructor works in: moto's default test identity.
pub const INSTRUCTOR_ACCOUNT: &str = labs::ACCOUNT;

/// The name of the role the shipped template creates in a team account.
pub const ROLE: &str = "SandpitInstructorReadOnly";

/// The CloudFormation stack a team deploys the role with, as the README names it.
pub const ROLE_STACK: &str = "sandpit-instructor-readonly";

/// The shipped role template, `labs/classroom/sandpit-readonly-role.yaml`.
pub fn role_template_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../labs/classroom/sandpit-readonly-role.yaml")
}

/// Credentials that act in one team's account: a role session, or an IAM user's access key.
pub struct TeamAccount<'m> {
    m: &'m Moto,
    key: String,
    secret: String,
    /// The session token of a role session; `None` for a user's access key.
    token: Option<String>,
}

impl<'m> TeamAccount<'m> {
    /// A session in account `id` from the default identity (a bootstrap role moto does not need
    /// to exist).
    pub fn open(m: &'m Moto, id: &str) -> Self {
        let out = m.aws(&[
            "sts",
            "assume-role",
            "--role-arn",
            &format!("arn:aws:iam::{id}:role/bootstrap"),
            "--role-session-name",
            "setup",
        ]);
        let get = |k: &str| text(&out, &["Credentials", k]);
        TeamAccount {
            m,
            key: get("AccessKeyId"),
            secret: get("SecretAccessKey"),
            token: Some(get("SessionToken")),
        }
    }

    /// Runs the AWS CLI in this account; see [`Moto::aws`].
    pub fn aws(&self, args: &[&str]) -> Value {
        match &self.token {
            Some(token) => self.m.aws_session(&self.key, &self.secret, token, args),
            None => self.m.aws_as(&self.key, &self.secret, args),
        }
    }

    /// An IAM user of this account allowed everything, and its access key (3 calls). Under IAM
    /// enforcement a bootstrap session of a role that does not exist may do nothing; this user
    /// may.
    pub fn admin(&self) -> TeamAccount<'m> {
        let all = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]});
        let (key, secret) = create_user_with_policy(self, "admin", "all", &all);
        TeamAccount { m: self.m, key, secret, token: None }
    }

    /// Deploys the shipped role template as the README tells students to, trusting the
    /// instructor with `external_id`; returns the role ARN from the stack's outputs. Panics when
    /// the stack is not `CREATE_COMPLETE`.
    pub fn deploy_role(&self, external_id: &str) -> String {
        let template = format!("file://{}", role_template_path().display());
        self.aws(&[
            "cloudformation",
            "create-stack",
            "--stack-name",
            ROLE_STACK,
            "--template-body",
            &template,
            "--capabilities",
            "CAPABILITY_NAMED_IAM",
            "--parameters",
            &format!("ParameterKey=InstructorAccountId,ParameterValue={INSTRUCTOR_ACCOUNT}"),
            &format!("ParameterKey=ExternalId,ParameterValue={external_id}"),
        ]);
        let stacks = self.aws(&["cloudformation", "describe-stacks", "--stack-name", ROLE_STACK]);
        assert_eq!(text(&stacks, &["Stacks", "0", "StackStatus"]), "CREATE_COMPLETE", "{stacks:#}");
        let outputs = stacks["Stacks"][0]["Outputs"].as_array().expect("stack outputs");
        let arn = outputs.iter().find(|o| o["OutputKey"] == "RoleArn").expect("RoleArn output");
        arn["OutputValue"].as_str().expect("RoleArn is text").to_owned()
    }
}

/// Creates the IAM user `user` with the inline policy `policy` (named `policy_name`) in the
/// account `cli` acts in; returns its access key id and secret (3 calls).
pub fn create_user_with_policy(
    cli: &impl AwsCli,
    user: &str,
    policy_name: &str,
    policy: &Value,
) -> (String, String) {
    cli.aws(&["iam", "create-user", "--user-name", user]);
    let document = policy.to_string();
    cli.aws(&[
        "iam",
        "put-user-policy",
        "--user-name",
        user,
        "--policy-name",
        policy_name,
        "--policy-document",
        &document,
    ]);
    let key = cli.aws(&["iam", "create-access-key", "--user-name", user]);
    (text(&key, &["AccessKey", "AccessKeyId"]), text(&key, &["AccessKey", "SecretAccessKey"]))
}

impl AwsCli for TeamAccount<'_> {
    fn aws(&self, args: &[&str]) -> Value {
        TeamAccount::aws(self, args)
    }
}
