//! The `three-tier-vpc` lab, built as the bootcamp team built it, then broken one thing at a time.

use sandpit_e2e::labs::{self, create_subnet};
use sandpit_e2e::{Moto, failures, not_passing, step_status};
use serde_json::Value;

fn check(m: &Moto) -> (i32, Value) {
    let run = m.sandpit(&["check", "three-tier-vpc", "--json", "--lang", "en"]);
    (run.code, run.json())
}

fn association(m: &Moto, subnet: &str) -> String {
    let tables = m.aws(&[
        "ec2",
        "describe-route-tables",
        "--filters",
        &format!("Name=association.subnet-id,Values={subnet}"),
    ]);
    let assocs = tables["RouteTables"][0]["Associations"].as_array().expect("associations").clone();
    let a = assocs.iter().find(|a| a["SubnetId"] == subnet).expect("association of the subnet");
    a["RouteTableAssociationId"].as_str().unwrap().to_owned()
}

#[test]
fn three_tier_vpc_built_by_a_student_passes_and_each_mistake_is_pinned() {
    let m = Moto::start();
    m.guard();
    let lab = labs::three_tier_vpc(&m, true);

    // Solved: every step passes, exit 0.
    let (code, report) = check(&m);
    assert_eq!(not_passing(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!((code, report["status"].as_str()), (0, Some("pass")));
    assert_eq!(report["account"], "123456789012");
    assert_eq!(report["region"], "ap-northeast-2");

    // 1. A WAS subnet moved onto the public route table: a private subnet routes to the IGW.
    let was1 = lab.subnet("was_vpc1-1_pri").to_owned();
    let assoc = association(&m, &was1);
    let moved = m.aws(&[
        "ec2",
        "replace-route-table-association",
        "--association-id",
        &assoc,
        "--route-table-id",
        &lab.public_rt,
    ]);
    let (code, report) = check(&m);
    assert_eq!(code, 1);
    assert_eq!(not_passing(&report), ["private-routes"]);
    let fails = failures(&report, "private-routes");
    assert_eq!(fails.len(), 1, "{report:#}");
    assert_eq!(fails[0]["resource"], was1.as_str());
    let message = fails[0]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("(10.10.3.0/24, WAS) is associated with route table {}", lab.public_rt))
            && message.contains(&format!("0.0.0.0/0 to {}", lab.igw))
            && message.contains("a private subnet must use a NAT gateway"),
        "{message}"
    );
    let new_assoc = moved["NewAssociationId"].as_str().unwrap();
    m.aws(&[
        "ec2",
        "replace-route-table-association",
        "--association-id",
        new_assoc,
        "--route-table-id",
        &lab.private_rt,
    ]);
    assert_eq!(check(&m).0, 0, "repaired");

    // 2. SSH opened to the world on the web tier.
    let ssh = ["--group-id", &lab.web_sg, "--protocol", "tcp", "--port", "22", "--cidr", "0.0.0.0/0"];
    m.aws(&[&["ec2", "authorize-security-group-ingress"][..], &ssh].concat());
    let (code, report) = check(&m);
    assert_eq!(code, 1);
    assert_eq!(not_passing(&report), ["no-public-ssh"]);
    assert_eq!(failures(&report, "no-public-ssh")[0]["resource"], lab.web_sg.as_str());
    m.aws(&[&["ec2", "revoke-security-group-ingress"][..], &ssh].concat());
    assert_eq!(check(&m).0, 0, "repaired");

    // 3. Both WAS subnets in one Availability Zone: recreate the second one in the first AZ.
    let was2 = lab.subnet("was_vpc1-2_pri").to_owned();
    m.aws(&["ec2", "delete-subnet", "--subnet-id", &was2]);
    let moved = create_subnet(&m, &lab.vpc, "10.10.4.0/24", &lab.az[0], None);
    labs::associate(&m, &lab.private_rt, &moved);
    let (code, report) = check(&m);
    assert_eq!(code, 1);
    assert_eq!(not_passing(&report), ["was-subnets"]);
    let fails = failures(&report, "was-subnets");
    assert_eq!(fails[0]["resource"], moved.as_str());
    assert_eq!(fails[0]["found"], format!("{0}, {0}", lab.az[0]).as_str());
    m.aws(&["ec2", "delete-subnet", "--subnet-id", &moved]);
    let back = create_subnet(&m, &lab.vpc, "10.10.4.0/24", &lab.az[1], None);
    labs::associate(&m, &lab.private_rt, &back);
    assert_eq!(check(&m).0, 0, "repaired");

    // 4. The WAS tier opened to the internet on its app port: web → WAS only is broken.
    let open = ["--group-id", &lab.was_sg, "--protocol", "tcp", "--port", "8080", "--cidr", "0.0.0.0/0"];
    m.aws(&[&["ec2", "authorize-security-group-ingress"][..], &open].concat());
    let (_, report) = check(&m);
    assert_eq!(not_passing(&report), ["was-security-group"]);
    assert_eq!(failures(&report, "was-security-group")[0]["found"], "tcp/8080 from 0.0.0.0/0");
    m.aws(&[&["ec2", "revoke-security-group-ingress"][..], &open].concat());

    // 5. The internet gateway detached.
    m.aws(&["ec2", "detach-internet-gateway", "--internet-gateway-id", &lab.igw, "--vpc-id", &lab.vpc]);
    let (_, report) = check(&m);
    assert_eq!(step_status(&report, "internet-gateway"), "fail");
    assert_eq!(failures(&report, "internet-gateway")[0]["resource"], lab.vpc.as_str());
}

#[test]
fn a_half_built_lab_reports_progress_step_by_step() {
    let m = Moto::start();
    m.guard();
    labs::three_tier_vpc(&m, false);
    let (code, report) = check(&m);
    assert_eq!(code, 1);
    assert_eq!(not_passing(&report), ["nat-gateway", "private-routes"]);
    assert_eq!(report["summary"]["failed"], 2);
    // Nine steps of the lab and the budget preflight.
    assert_eq!(report["summary"]["passed"], 10);
    // The text report in Korean names the missing NAT gateway.
    let text = m.sandpit(&["check", "three-tier-vpc"]);
    assert_eq!(text.code, 1);
    assert!(text.stdout.contains("NAT 게이트웨이가 없습니다"), "{}", text.stdout);
    assert!(text.stdout.contains("에뮬레이터"), "the emulator is labelled: {}", text.stdout);
}
