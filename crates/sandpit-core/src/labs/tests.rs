use super::*;

const MINIMAL: &str = r#"
id = "demo"
order = 1
title = { ko = "데모", en = "Demo" }
summary = { ko = "요약", en = "Summary" }

[[param]]
name = "vpc_cidr"
type = "cidr"
default = "10.10.0.0/16"
description = { ko = "VPC", en = "VPC" }

[[param]]
name = "port"
type = "port"
default = 8080
description = { ko = "포트", en = "Port" }

[[step]]
id = "vpc"
title = { ko = "VPC", en = "VPC" }
console = { ko = "콘솔 {{vpc_cidr}}", en = "Console {{vpc_cidr}}" }
cli = "aws ec2 create-vpc --cidr-block {{vpc_cidr}} --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=x}]'"
why = { ko = "이유", en = "Why" }
[[step.check]]
kind = "vpc"
vpc = { cidr = "{{vpc_cidr}}" }
"#;

fn load(text: &str) -> Result<LabSet, LabError> {
    LabSet::from_sources(vec![("labs/demo/lab.toml".into(), "demo".into(), text.into())])
}

fn errors(text: &str) -> Vec<FileError> {
    match load(text) {
        Err(LabError::Invalid(errors)) => errors,
        other => panic!("expected invalid, got {other:?}"),
    }
}

#[test]
fn the_builtin_labs_load() {
    let labs = LabSet::builtin().expect("built-in labs are valid");
    let ids: Vec<&str> = labs.labs().iter().map(|l| l.id.as_str()).collect();
    // The budget guard comes first: it is what makes the billable labs safe to start.
    assert_eq!(
        ids,
        [
            "budget-guard",
            "three-tier-vpc",
            "vpc-peering",
            "rds-kms",
            "route53-records",
            "was-alb-asg",
            "scaling-alerts",
            "iam-team-access",
            "team-project"
        ]
    );
    for lab in labs.labs() {
        for step in &lab.steps {
            assert!(!step.title.ko.is_empty() && !step.title.en.is_empty(), "{}: {}", lab.id, step.id);
            assert!(!step.console.ko.trim().is_empty() && !step.console.en.trim().is_empty());
            assert!(step.cli.contains("aws "), "{}: {} has no AWS CLI equivalent", lab.id, step.id);
            assert!(!step.why.ko.trim().is_empty() && !step.why.en.trim().is_empty());
            assert_eq!(
                step.hints.ko.len(),
                step.hints.en.len(),
                "{}: {} hints differ per language",
                lab.id,
                step.id
            );
        }
    }
}

#[test]
fn a_minimal_lab_loads_and_substitutes_parameters() {
    let labs = load(MINIMAL).unwrap();
    let lab = labs.get("demo").unwrap();
    let params = lab.params([]).unwrap();
    assert_eq!(params.substitute(&lab.steps[0].console.en), "Console 10.10.0.0/16");
    // AWS CLI shorthand braces are left alone.
    assert!(params.substitute(&lab.steps[0].cli).ends_with("Tags=[{Key=Name,Value=x}]'"));
    let params = lab.params([("vpc_cidr", "10.20.0.0/16")]).unwrap();
    assert_eq!(params.substitute("{{vpc_cidr}}/{{ port }}"), "10.20.0.0/16/8080");
}

#[test]
fn a_syntax_error_names_file_and_line() {
    let broken = MINIMAL.replace("order = 1", "order = = 1");
    let errs = errors(&broken);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].file, "labs/demo/lab.toml");
    assert_eq!(errs[0].line, Some(3));
}

#[test]
fn a_missing_field_is_named() {
    let broken = MINIMAL.replace("why = { ko = \"이유\", en = \"Why\" }\n", "");
    let errs = errors(&broken);
    assert!(errs[0].to_string().contains("missing field `why`"), "{}", errs[0]);
    assert!(errs[0].line.is_some());
}

#[test]
fn an_unknown_check_kind_names_the_step_the_field_and_the_line() {
    let broken = MINIMAL.replace("kind = \"vpc\"", "kind = \"vpc_exist\"");
    let errs = errors(&broken);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].field.as_deref(), Some("step[0].check[0].kind"));
    assert_eq!(errs[0].line, Some(25), "the [[step.check]] header");
    assert!(errs[0].message.contains("unknown check kind `vpc_exist`"), "{}", errs[0]);
    assert!(errs[0].message.contains("subnets"), "lists the known kinds: {}", errs[0]);
}

#[test]
fn a_bad_cidr_default_and_a_bad_cidr_argument_are_reported() {
    let broken = MINIMAL.replace("default = \"10.10.0.0/16\"", "default = \"10.10.0.0/33\"");
    let errs = errors(&broken);
    assert_eq!(errs[0].field.as_deref(), Some("param[0].default"));
    assert!(errs[0].message.contains("10.10.0.0/33"));
    let broken = MINIMAL.replace("vpc = { cidr = \"{{vpc_cidr}}\" }", "vpc = { cidr = \"10.10.0.1/16\" }");
    let errs = errors(&broken);
    assert!(errs[0].message.contains("host bits"), "{}", errs[0]);
    assert_eq!(errs[0].line, Some(25), "the [[step.check]] header");
}

#[test]
fn a_duplicate_step_id_points_at_the_second_one() {
    let step = MINIMAL.split("[[step]]").nth(1).unwrap();
    let broken = format!("{MINIMAL}\n[[step]]{step}");
    let errs = errors(&broken);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].message.contains("duplicate step id `vpc`"));
    assert_eq!(errs[0].line, Some(30), "the second id = \"vpc\"");
}

#[test]
fn an_unknown_placeholder_and_unknown_argument_are_refused() {
    let broken = MINIMAL.replace("Console {{vpc_cidr}}", "Console {{vpc_cidrr}}");
    assert!(errors(&broken)[0].message.contains("{{vpc_cidrr}}"));
    let broken =
        MINIMAL.replace("vpc = { cidr = \"{{vpc_cidr}}\" }", "vpc = { cidr = \"{{vpc_cidr}}\" }\ncidrs = []");
    assert!(errors(&broken)[0].message.contains("cidrs"), "{}", errors(&broken)[0]);
}

#[test]
fn the_id_must_match_the_folder() {
    let errs =
        LabSet::from_sources(vec![("labs/x/lab.toml".into(), "x".into(), MINIMAL.into())]).unwrap_err();
    assert!(errs.to_string().contains("folder name `x`"), "{errs}");
}

#[test]
fn bad_params_are_refused_naming_the_parameter() {
    let labs = load(MINIMAL).unwrap();
    let lab = labs.get("demo").unwrap();
    let err = lab.params([("vpc_cidr", "10.10.0.0/99")]).unwrap_err().to_string();
    assert!(err.contains("--param vpc_cidr=10.10.0.0/99") && err.contains("cidr parameter"), "{err}");
    let err = lab.params([("port", "99999")]).unwrap_err().to_string();
    assert!(err.contains("TCP port"), "{err}");
    let err = lab.params([("nope", "1")]).unwrap_err().to_string();
    assert!(err.contains("no parameter `nope`") && err.contains("vpc_cidr, port"), "{err}");
}

#[test]
fn a_port_placeholder_keeps_its_type() {
    let text = MINIMAL.replace(
        "[[step.check]]\nkind = \"vpc\"\nvpc = { cidr = \"{{vpc_cidr}}\" }",
        "[[step.check]]\nkind = \"security_group_ingress\"\nvpc = { cidr = \"{{vpc_cidr}}\" }\ngroup = \"g\"\nport = \"{{port}}\"",
    );
    let labs = load(&text).unwrap();
    let lab = labs.get("demo").unwrap();
    assert!(lab.prepare(&lab.params([("port", "3306")]).unwrap()).is_ok());
}

#[test]
fn a_lab_folder_with_a_broken_file_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("demo")).unwrap();
    std::fs::write(dir.path().join("demo/lab.toml"), MINIMAL.replace("kind = \"vpc\"", "kind = 3")).unwrap();
    let err = LabSet::from_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("demo/lab.toml:") && err.contains("kind"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    assert!(LabSet::from_dir(empty.path()).unwrap_err().to_string().contains("no lab folder"));
}

#[test]
fn the_labs_read_only_what_their_checks_need() {
    let labs = LabSet::builtin().unwrap();
    let peering = labs.get("vpc-peering").unwrap().resource_kinds();
    assert!(peering.contains(&ResourceKind::PeeringConnections));
    assert!(!peering.contains(&ResourceKind::NatGateways));
}

#[test]
fn a_step_links_a_prefilled_path_question() {
    let labs = LabSet::builtin().unwrap();
    let lab = labs.get("vpc-peering").unwrap();
    let step = lab.step("db-security-group").unwrap();
    let link = step.reach.as_ref().expect("the database step links WAS → DB");
    let q = link.question(&lab.params([]).unwrap()).unwrap();
    assert_eq!((q.from.as_str(), q.from_subnet.as_deref()), ("was-sg", Some("10.10.3.0/24")));
    assert_eq!((q.to.as_str(), q.to_subnet.as_deref(), q.port), ("db-sg", Some("172.16.1.0/24"), Some(3306)));
    let q = link.question(&lab.params([("db_port", "5432")]).unwrap()).unwrap();
    assert_eq!(q.port, Some(5432), "parameters fill it in");
    assert!(lab.steps.iter().filter(|s| s.id != "db-security-group").all(|s| s.reach.is_none()));
}

#[test]
fn a_bad_reach_link_is_refused_with_its_line_and_field() {
    let with = |reach: &str| format!("{MINIMAL}[step.reach]\n{reach}\n");
    let header_line = MINIMAL.lines().count() + 1;
    for (reach, field, says) in [
        ("from = \"a\"\nto = \"b\"\nport = 70000", "step[0].reach.port", "not a port"),
        ("from = \"a\"\nto = \"b\"", "step[0].reach.port", "needs a port"),
        (
            "from = \"a\"\nto = \"b\"\nport = \"{{nope}}\"",
            "step[0].reach.port",
            "`{{nope}}` is not a parameter",
        ),
        (
            "from = \"{{vpc_cidr}}\"\nto = \"b\"\nport = 1\nprotocol = \"sctp\"",
            "step[0].reach.protocol",
            "unknown protocol",
        ),
        ("from = \"\"\nto = \"b\"\nport = \"{{port}}\"", "step[0].reach", "must name an endpoint"),
    ] {
        let errs = errors(&with(reach));
        assert_eq!(errs.len(), 1, "{reach}: {errs:?}");
        assert_eq!(errs[0].field.as_deref(), Some(field), "{reach}");
        assert!(errs[0].message.contains(says), "{reach}: {}", errs[0].message);
        assert_eq!(errs[0].line, Some(header_line), "{reach}: the [step.reach] header");
        assert!(errs[0].to_string().starts_with("labs/demo/lab.toml:"), "{}", errs[0]);
    }
    // An unknown key is a TOML error with its own line.
    let errs = errors(&with("from = \"a\"\nto = \"b\"\nport = 1\nvia = \"x\""));
    assert!(errs[0].message.contains("via") && errs[0].line.is_some(), "{errs:?}");
    // A good one loads, typed.
    let labs =
        load(&with("from = \"a\"\nto = \"{{vpc_cidr}}\"\nport = \"{{port}}\"\nprotocol = \"udp\"")).unwrap();
    let link = labs.get("demo").unwrap().steps[0].reach.clone().unwrap();
    assert_eq!(link.protocol, crate::reach::Protocol::Udp);
    assert_eq!(link.question(&labs.get("demo").unwrap().params([]).unwrap()).unwrap().to, "10.10.0.0/16");
}

// ---- Steps by reference ------------------------------------------------------------------------

/// A second lab with its own parameter and one step, to be included.
const OTHER: &str = r#"
id = "other"
order = 2
title = { ko = "다른", en = "Other" }
summary = { ko = "요약", en = "Summary" }
billable = true

[[param]]
name = "app_vpc_cidr"
type = "cidr"
default = "10.10.0.0/16"
description = { ko = "VPC", en = "VPC" }

[[step]]
id = "app-vpc"
title = { ko = "VPC", en = "VPC" }
console = { ko = "콘솔 {{app_vpc_cidr}}", en = "Console {{app_vpc_cidr}}" }
cli = "aws ec2 describe-vpcs --filters Name=cidr,Values={{app_vpc_cidr}}"
why = { ko = "이유", en = "Why" }
[[step.check]]
kind = "vpc"
vpc = { cidr = "{{app_vpc_cidr}}" }

[[step]]
id = "second"
title = { ko = "둘째", en = "Second" }
console = { ko = "콘솔", en = "Console" }
cli = "aws ec2 describe-vpcs"
why = { ko = "이유", en = "Why" }
[[step.check]]
kind = "vpc"
vpc = { cidr = "{{app_vpc_cidr}}" }
"#;

fn load_with(capstone: &str) -> Result<LabSet, LabError> {
    LabSet::from_sources(vec![
        ("labs/demo/lab.toml".into(), "demo".into(), MINIMAL.into()),
        ("labs/other/lab.toml".into(), "other".into(), OTHER.into()),
        ("labs/cap/lab.toml".into(), "cap".into(), capstone.into()),
    ])
}

fn capstone(steps: &str) -> String {
    format!(
        "id = \"cap\"\norder = 9\ntitle = {{ ko = \"캡스톤\", en = \"Capstone\" }}\nsummary = {{ ko = \"요약\", en = \"Summary\" }}\n{steps}"
    )
}

fn cap_errors(steps: &str) -> Vec<FileError> {
    match load_with(&capstone(steps)) {
        Err(LabError::Invalid(errors)) => errors,
        other => panic!("expected invalid, got {other:?}"),
    }
}

#[test]
fn whole_labs_and_single_steps_are_included_by_reference_with_prefixed_ids() {
    let labs = load_with(&capstone(
        "[[step]]\ninclude = \"demo\"\n\n[[step]]\ninclude = \"other/second\"\nparams = { app_vpc_cidr = \"vpc_cidr\" }\n",
    ))
    .unwrap();
    let cap = labs.get("cap").unwrap();
    let ids: Vec<&str> = cap.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["demo/vpc", "other/second"]);
    // The included step is the other lab's, as written: same kind, same text, same file.
    let demo = labs.get("demo").unwrap();
    assert_eq!(cap.steps[0].title, demo.steps[0].title);
    assert_eq!(cap.steps[0].source, "labs/demo/lab.toml");
    assert_eq!(cap.steps[1].checks[0].args["vpc"]["cidr"].as_str(), Some("{{vpc_cidr}}"), "renamed");
    // Including a billable lab makes the capstone billable; its parameters are the capstone's.
    assert!(cap.billable);
    let names: Vec<&str> = cap.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["vpc_cidr", "port"]);
    // One --param moves both included steps.
    let params = cap.params([("vpc_cidr", "10.20.0.0/16")]).unwrap();
    let prepared = cap.prepare(&params).unwrap();
    let exp: Vec<_> = prepared.iter().flat_map(|p| &p.checks).flat_map(|(_, c)| c.expectations()).collect();
    assert!(exp.iter().all(|e| format!("{e:?}").contains("10.20.0.0/16")), "{exp:?}");
    assert!(cap.step("other/second").is_some(), "--step takes the prefixed id");
}

#[test]
fn a_bad_reference_names_the_file_and_line() {
    let errs = cap_errors("\n[[step]]\ninclude = \"nope\"\n");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!((errs[0].file.as_str(), errs[0].line), ("labs/cap/lab.toml", Some(7)));
    assert_eq!(errs[0].field.as_deref(), Some("step[0].include"));
    assert!(
        errs[0].message.contains("no lab `nope`") && errs[0].message.contains("demo, other"),
        "{}",
        errs[0]
    );

    let errs = cap_errors("[[step]]\ninclude = \"demo/missing\"\n");
    assert!(errs[0].message.contains("lab `demo` has no step `missing` (steps: vpc)"), "{}", errs[0]);
    assert_eq!(errs[0].line, Some(6));

    let errs = cap_errors("[[step]]\ninclude = \"other\"\nparams = { nothing = \"vpc_cidr\" }\n");
    assert!(errs[0].message.contains("no parameter `nothing`"), "{}", errs[0]);

    let errs = cap_errors("[[step]]\ninclude = \"Bad Lab\"\n");
    assert!(errs[0].message.contains("is not a lab id"), "{}", errs[0]);

    let errs = cap_errors("[[step]]\ninclude = \"demo\"\nwhy = { ko = \"x\", en = \"x\" }\n");
    assert!(errs[0].message.contains("remove why"), "{}", errs[0]);
}

#[test]
fn included_twice_or_conflicting_parameters_are_refused() {
    let errs = cap_errors("[[step]]\ninclude = \"demo\"\n[[step]]\ninclude = \"demo/vpc\"\n");
    assert!(errs[0].message.contains("`demo/vpc` is included twice"), "{}", errs[0]);
    assert_eq!(errs[0].line, Some(8));

    // `other`'s cidr under `port`'s name: a cidr is not a port.
    let errs = cap_errors(
        "[[step]]\ninclude = \"demo\"\n[[step]]\ninclude = \"other\"\nparams = { app_vpc_cidr = \"port\" }\n",
    );
    assert!(
        errs[0].message.contains("`port` is a port here but `app_vpc_cidr` of lab `other` is a cidr"),
        "{}",
        errs[0]
    );

    // Same name and type, other defaults: the capstone must choose.
    let other = OTHER.replace("default = \"10.10.0.0/16\"", "default = \"10.99.0.0/16\"");
    let cap = capstone(
        "[[step]]\ninclude = \"demo\"\n[[step]]\ninclude = \"other\"\nparams = { app_vpc_cidr = \"vpc_cidr\" }\n",
    );
    let err = LabSet::from_sources(vec![
        ("labs/demo/lab.toml".into(), "demo".into(), MINIMAL.into()),
        ("labs/other/lab.toml".into(), "other".into(), other.clone()),
        ("labs/cap/lab.toml".into(), "cap".into(), cap),
    ])
    .unwrap_err()
    .to_string();
    assert!(err.contains("declare it in this lab to choose"), "{err}");
    let declared = capstone(
        "[[param]]\nname = \"vpc_cidr\"\ntype = \"cidr\"\ndefault = \"10.50.0.0/16\"\ndescription = { ko = \"v\", en = \"v\" }\n[[step]]\ninclude = \"demo\"\n[[step]]\ninclude = \"other\"\nparams = { app_vpc_cidr = \"vpc_cidr\" }\n",
    );
    let labs = LabSet::from_sources(vec![
        ("labs/demo/lab.toml".into(), "demo".into(), MINIMAL.into()),
        ("labs/other/lab.toml".into(), "other".into(), other),
        ("labs/cap/lab.toml".into(), "cap".into(), declared),
    ])
    .unwrap();
    let cap = labs.get("cap").unwrap();
    assert_eq!(cap.params([]).unwrap().get("vpc_cidr").unwrap().to_string(), "10.50.0.0/16");
}

#[test]
fn only_labs_that_include_nothing_can_be_included() {
    let nested = capstone("[[step]]\ninclude = \"demo\"\n").replace("\"cap\"", "\"middle\"");
    let top = capstone("[[step]]\ninclude = \"middle\"\n");
    let err = LabSet::from_sources(vec![
        ("labs/demo/lab.toml".into(), "demo".into(), MINIMAL.into()),
        ("labs/middle/lab.toml".into(), "middle".into(), nested),
        ("labs/cap/lab.toml".into(), "cap".into(), top),
    ])
    .unwrap_err()
    .to_string();
    assert!(err.contains("lab `middle` includes other labs itself"), "{err}");
    let errs = cap_errors("[[step]]\ninclude = \"cap\"\n");
    assert!(errs[0].message.contains("cannot include itself"), "{}", errs[0]);
}

#[test]
fn the_team_project_is_every_other_project_lab_by_reference() {
    let labs = LabSet::builtin().unwrap();
    let cap = labs.get("team-project").unwrap();
    assert!(cap.billable);
    let mut expected = Vec::new();
    for id in [
        "budget-guard",
        "iam-team-access",
        "three-tier-vpc",
        "vpc-peering",
        "rds-kms",
        "was-alb-asg",
        "scaling-alerts",
    ] {
        for step in &labs.get(id).unwrap().steps {
            expected.push(format!("{id}/{}", step.id));
        }
    }
    let ids: Vec<String> = cap.steps.iter().map(|s| s.id.clone()).collect();
    assert_eq!(ids, expected);
    // vpc-peering's app VPC is three-tier-vpc's VPC: one parameter moves both.
    assert!(cap.params.iter().all(|p| p.name != "app_vpc_cidr"));
    let params = cap.params([("vpc_cidr", "10.20.0.0/16")]).unwrap();
    let prepared = cap.prepare(&params).unwrap();
    let peering = prepared.iter().find(|p| p.step.id == "vpc-peering/peering-active").unwrap();
    let exp = format!("{:?}", peering.checks[0].1.expectations());
    assert!(exp.contains("10.20.0.0/16"), "{exp}");
    // Every kind the included labs read, and budgets for the preflight.
    let kinds = cap.resource_kinds();
    for id in ["iam-team-access", "rds-kms", "was-alb-asg", "scaling-alerts"] {
        assert!(labs.get(id).unwrap().resource_kinds().is_subset(&kinds), "{id}");
    }
}
