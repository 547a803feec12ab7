//! The classroom role template (`labs/classroom/sandpit-readonly-role.yaml`) grants exactly the
//! checker policy, trusts only the instructor's account, and requires the external id.

use sandpit_core::policy::checker_policy;
use sandpit_core::roster::{DEFAULT_ROLE_NAME, READONLY_ROLE_TEMPLATE};
use serde_json::{Value, json};

fn template() -> Value {
    // Plain YAML: the template uses `Ref:` / `Fn::Sub:` rather than CloudFormation's `!Ref` tags.
    serde_yaml_ng::from_str(READONLY_ROLE_TEMPLATE).expect("the template is plain YAML")
}

fn role(t: &Value) -> &Value {
    let role = &t["Resources"]["InstructorReadOnlyRole"];
    assert_eq!(role["Type"], "AWS::IAM::Role");
    &role["Properties"]
}

#[test]
fn the_role_policy_is_the_checker_policy() {
    let t = template();
    let policies = role(&t)["Policies"].as_array().expect("inline policies");
    assert_eq!(policies.len(), 1, "one inline policy, nothing else");
    let document = &policies[0]["PolicyDocument"];
    let checker = checker_policy();
    assert_eq!(document["Version"], checker["Version"]);
    assert_eq!(
        document["Statement"], checker["Statement"],
        "the template's policy drifted from labs/policies/sandpit-checker.json: regenerate both with `make policy`"
    );
    assert!(role(&t).get("ManagedPolicyArns").is_none(), "no managed policy widens the role");
}

#[test]
fn only_the_instructor_account_with_the_external_id_may_assume_it() {
    let t = template();
    let trust = &role(&t)["AssumeRolePolicyDocument"]["Statement"];
    assert_eq!(trust.as_array().map(Vec::len), Some(1));
    let statement = &trust[0];
    assert_eq!(statement["Effect"], "Allow");
    assert_eq!(statement["Action"], "sts:AssumeRole");
    assert_eq!(
        statement["Principal"]["AWS"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:iam::${InstructorAccountId}:root"})
    );
    assert_eq!(statement["Condition"]["StringEquals"]["sts:ExternalId"], json!({"Ref": "ExternalId"}));
}

#[test]
fn the_parameters_are_the_ones_the_readme_names() {
    let t = template();
    let params = &t["Parameters"];
    assert_eq!(params["InstructorAccountId"]["AllowedPattern"], "^[0-9]{12}$");
    assert!(params["ExternalId"].is_object());
    assert_eq!(params["RoleName"]["Default"], DEFAULT_ROLE_NAME);
    assert_eq!(role(&t)["RoleName"], json!({"Ref": "RoleName"}));
    assert!(t["Outputs"]["RoleArn"].is_object());
}
