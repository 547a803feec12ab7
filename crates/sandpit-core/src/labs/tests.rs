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
    assert_eq!(ids, ["budget-guard", "three-tier-vpc", "vpc-peering", "rds-kms", "route53-records"]);
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
