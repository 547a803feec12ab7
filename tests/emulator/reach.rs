//! `sandpit reach` on the bootcamp's network, built with the real AWS CLI on moto
//! ([`labs::reach_seed`]: `three-tier-vpc` and `vpc-peering` solved, a WAS instance, the RDS
//! database, the internet-facing load balancer), then broken one thing at a time. Each break is
//! pinned to the hop and the resource that blocks, and repaired before the next.
//!
//! Every question is asked twice: live (saving the snapshot with `--save-snapshot`) and from
//! that snapshot offline (`--snapshot`): the answers must be identical. With
//! `SANDPIT_RECORD_REACH=1` the snapshots and answers are written to `tests/fixtures/reach/`
//! (with `cases.json` listing the questions); [`the_committed_snapshots_give_the_committed_answers`]
//! asks them again offline in every `make test`, without an emulator.
//!
//! Where moto differs from AWS, the break is also recorded as AWS reports it, by editing the
//! saved snapshot the way AWS's answer differs (said at each place): moto keeps a route to a
//! deleted NAT gateway or peering `active` where AWS reports it as a `blackhole`.

use std::path::{Path, PathBuf};

use sandpit_core::english_words;
use sandpit_e2e::labs::{self, ReachSeed};
use sandpit_e2e::{Faults, Moto, sandpit_offline, text};
use serde_json::{Value, json};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/reach");

fn recording() -> bool {
    std::env::var_os("SANDPIT_RECORD_REACH").is_some()
}

/// Asks questions live and offline, and records them when `SANDPIT_RECORD_REACH` is set.
struct Asker<'m> {
    m: &'m Moto,
    dir: tempfile::TempDir,
    cases: Vec<Value>,
}

impl<'m> Asker<'m> {
    fn new(m: &'m Moto) -> Self {
        Asker { m, dir: tempfile::tempdir().unwrap(), cases: Vec::new() }
    }

    /// `sandpit reach ARGS --json --lang en` live and from the snapshot it saved: the same
    /// answer both ways. Returns the exit code and the answer.
    fn ask(&mut self, case: &str, args: &[&str]) -> (i32, Value) {
        let snapshot = self.dir.path().join(format!("{case}.json"));
        let snapshot = snapshot.to_str().unwrap();
        let live = self
            .m
            .sandpit(&[&["reach"], args, &["--json", "--lang", "en", "--save-snapshot", snapshot]].concat());
        assert!(
            live.code == 0 || live.code == 1,
            "{case}: exit {}\n{}\n{}",
            live.code,
            live.stdout,
            live.stderr
        );
        let answer = live.json();
        assert_eq!(answer["reachable"] == true, live.code == 0, "{case}: exit code and `reachable` agree");
        let offline = sandpit_offline(
            &[&["reach"], args, &["--json", "--lang", "en", "--snapshot", snapshot]].concat(),
            &[],
        );
        assert_eq!(offline.code, live.code, "{case} offline: {}", offline.stderr);
        assert_eq!(offline.json(), answer, "{case}: the saved snapshot gives the same answer");
        if recording() {
            self.record(case, args, Path::new(snapshot), &answer, live.code);
        }
        (live.code, answer)
    }

    fn record(&mut self, case: &str, args: &[&str], snapshot: &Path, answer: &Value, code: i32) {
        let snap: Value = serde_json::from_str(&std::fs::read_to_string(snapshot).unwrap()).unwrap();
        std::fs::create_dir_all(FIXTURES).unwrap();
        std::fs::write(
            Path::new(FIXTURES).join(format!("{case}.json")),
            serde_json::to_string(&snap).unwrap(),
        )
        .unwrap();
        std::fs::write(
            Path::new(FIXTURES).join(format!("{case}.answer.json")),
            serde_json::to_string_pretty(answer).unwrap() + "\n",
        )
        .unwrap();
        self.cases.push(json!({ "case": case, "args": args, "exit": code }));
    }

    /// Records a variant of a recorded snapshot edited the way AWS reports the state moto
    /// cannot show, and its answer from `sandpit reach --snapshot`.
    fn record_as_aws_reports(
        &mut self,
        case: &str,
        from: &str,
        args: &[&str],
        edit: impl FnOnce(&mut Value),
    ) -> (i32, Value) {
        let source = self.dir.path().join(format!("{from}.json"));
        let mut snap: Value = serde_json::from_str(&std::fs::read_to_string(source).unwrap()).unwrap();
        edit(&mut snap);
        let path = self.dir.path().join(format!("{case}.json"));
        std::fs::write(&path, serde_json::to_string(&snap).unwrap()).unwrap();
        let run = sandpit_offline(
            &[&["reach"], args, &["--json", "--lang", "en", "--snapshot", path.to_str().unwrap()]].concat(),
            &[],
        );
        assert!(run.code == 0 || run.code == 1, "{case}: {}", run.stderr);
        let answer = run.json();
        if recording() {
            self.record(case, args, &path, &answer, run.code);
        }
        (run.code, answer)
    }

    fn finish(self) {
        if recording() {
            std::fs::write(
                Path::new(FIXTURES).join("cases.json"),
                serde_json::to_string_pretty(&self.cases).unwrap() + "\n",
            )
            .unwrap();
        }
    }
}

/// The blocking hop: (component, direction, verdict, resource).
fn blocked(answer: &Value) -> (String, String, String, String) {
    let n = answer["blocked_at"].as_u64().unwrap_or_else(|| panic!("not blocked: {answer:#}"));
    let hop = answer["hops"].as_array().unwrap().iter().find(|h| h["n"] == n).unwrap();
    let s = |k: &str| hop[k].as_str().unwrap().to_owned();
    (s("component"), s("direction"), s("verdict"), s("resource"))
}

fn hop<'a>(answer: &'a Value, component: &str, direction: &str) -> &'a Value {
    answer["hops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["component"] == component && h["direction"] == direction)
        .unwrap_or_else(|| panic!("no {component} {direction} hop: {answer:#}"))
}

fn pinned(
    component: &str,
    direction: &str,
    verdict: &str,
    resource: &str,
) -> (String, String, String, String) {
    (component.into(), direction.into(), verdict.into(), resource.into())
}

const WAS_TO_DB: [&str; 6] = ["--from", "was-1", "--to", "lab-db", "--port", "3306"];
const WAS_OUT: [&str; 6] = ["--from", "was-1", "--to", "internet", "--port", "443"];
const INTO_ALB: [&str; 6] = ["--from", "internet", "--to", "web-alb", "--port", "80"];

fn route(m: &Moto, verb: &str, table: &str, destination: &str, target: Option<(&str, &str)>) {
    let mut args = vec!["ec2", verb, "--route-table-id", table, "--destination-cidr-block", destination];
    if let Some((flag, id)) = target {
        args.extend([flag, id]);
    }
    m.aws(&args);
}

fn db_sg_rule(m: &Moto, verb: &str, group: &str, port: &str, source: (&str, &str)) {
    m.aws(&["ec2", verb, "--group-id", group, "--protocol", "tcp", "--port", port, source.0, source.1]);
}

fn new_peering(m: &Moto, seed: &ReachSeed, accept: bool) -> String {
    let pcx = text(
        &m.aws(&[
            "ec2",
            "create-vpc-peering-connection",
            "--vpc-id",
            &seed.app.vpc,
            "--peer-vpc-id",
            &seed.db.db_vpc,
        ]),
        &["VpcPeeringConnection", "VpcPeeringConnectionId"],
    );
    if accept {
        m.aws(&["ec2", "accept-vpc-peering-connection", "--vpc-peering-connection-id", &pcx]);
    }
    pcx
}

/// Points every peering route of both sides at `pcx`.
fn route_both_sides_through(m: &Moto, seed: &ReachSeed, target: (&str, &str)) {
    for (rt, cidrs) in [(&seed.app.private_rt, &labs::DB_CIDRS[..]), (&seed.db.db_rt, &labs::APP_CIDRS[..])] {
        for cidr in cidrs {
            route(m, "replace-route", rt, cidr, Some(target));
        }
    }
}

#[test]
fn the_seed_network_answers_and_each_break_is_pinned_to_its_hop() {
    let m = Moto::start();
    let seed = labs::reach_seed(&m);
    let mut ask = Asker::new(&m);

    // Solved: the WAS reaches the database (every subnet of its subnet group) and the internet
    // (through the NAT gateway), the internet reaches the load balancer.
    let (code, a) = ask.ask("seed", &WAS_TO_DB);
    assert_eq!(code, 0, "{a:#}");
    assert_eq!(a["from"]["id"], seed.was.as_str());
    assert_eq!(a["from"]["addresses"], json!([format!("{}/32", seed.was_ip)]));
    assert_eq!(a["to"]["kind"], "rds_instance");
    assert_eq!(a["paths"].as_array().unwrap().len(), 3);
    assert_eq!(hop(&a, "peering", "outbound")["resource"], seed.db.pcx.as_str());
    assert_eq!(hop(&a, "security_group", "inbound")["resource"], seed.db.db_sg.as_str());
    assert!(a["beyond_network"].as_str().unwrap().contains("password"));
    assert_eq!((a["blocked_at"].clone(), a["fix"].clone()), (Value::Null, Value::Null));
    let (code, a) = ask.ask("was-to-internet", &WAS_OUT);
    assert_eq!(code, 0, "{a:#}");
    assert_eq!(hop(&a, "nat_gateway", "outbound")["resource"], seed.nat.as_str());
    let (code, a) = ask.ask("internet-to-alb", &INTO_ALB);
    assert_eq!(code, 0, "{a:#}");
    assert_eq!(hop(&a, "internet_gateway", "inbound")["resource"], seed.app.igw.as_str());
    // The same question with the WAS as "an instance in was-sg" placed in its subnet.
    let was_sg_args = [
        "--from",
        seed.app.was_sg.as_str(),
        "--from-subnet",
        "was_vpc1-1_pri",
        "--to",
        "lab-db",
        "--port",
        "3306",
    ];
    let (code, a) = ask.ask("was-sg-to-db", &was_sg_args);
    assert_eq!((code, a["from"]["kind"].as_str()), (0, Some("security_group")));

    // 1. The app side's route to a database subnet is missing: the default route (the NAT
    //    gateway) takes it.
    route(&m, "delete-route", &seed.app.private_rt, "172.16.1.0/24", None);
    let (code, a) = ask.ask("app-route-missing", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("route_table", "outbound", "no_route", &seed.app.private_rt));
    assert!(
        a["fix"]
            .as_str()
            .unwrap()
            .contains(&format!("create-route --route-table-id {}", seed.app.private_rt))
    );
    route(
        &m,
        "create-route",
        &seed.app.private_rt,
        "172.16.1.0/24",
        Some(("--vpc-peering-connection-id", &seed.db.pcx)),
    );
    assert_eq!(ask.m.sandpit(&[&["reach"], &WAS_TO_DB[..]].concat()).code, 0, "repaired");

    // 2. The database side's return route is missing.
    route(&m, "delete-route", &seed.db.db_rt, "10.10.3.0/24", None);
    let (code, a) = ask.ask("db-route-missing", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("route_table", "return", "no_route", &seed.db.db_rt));
    assert!(a["fix"].as_str().unwrap().contains("--destination-cidr-block 10.10.3.0/24"), "{a:#}");
    route(
        &m,
        "create-route",
        &seed.db.db_rt,
        "10.10.3.0/24",
        Some(("--vpc-peering-connection-id", &seed.db.pcx)),
    );

    // 3. The peering replaced by one that was never accepted.
    m.aws(&["ec2", "delete-vpc-peering-connection", "--vpc-peering-connection-id", &seed.db.pcx]);
    let pending = new_peering(&m, &seed, false);
    route_both_sides_through(&m, &seed, ("--vpc-peering-connection-id", &pending));
    let (code, a) = ask.ask("peering-pending", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("peering", "outbound", "inactive", &pending));
    assert!(
        a["fix"]
            .as_str()
            .unwrap()
            .contains(&format!("accept-vpc-peering-connection --vpc-peering-connection-id {pending}"))
    );
    m.aws(&["ec2", "accept-vpc-peering-connection", "--vpc-peering-connection-id", &pending]);
    assert_eq!(ask.m.sandpit(&[&["reach"], &WAS_TO_DB[..]].concat()).code, 0, "accepted");

    // 4. The peering deleted. moto keeps its routes `active`; AWS reports them as blackholes,
    //    recorded below by editing the snapshot.
    m.aws(&["ec2", "delete-vpc-peering-connection", "--vpc-peering-connection-id", &pending]);
    let (code, a) = ask.ask("peering-deleted", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("peering", "outbound", "inactive", &pending));
    assert!(a["fix"].as_str().unwrap().contains("create-vpc-peering-connection"));
    let deleted = pending.clone();
    let (code, b) =
        ask.record_as_aws_reports("peering-deleted-as-aws-reports", "peering-deleted", &WAS_TO_DB, |snap| {
            for table in snap["route_tables"]["items"].as_array_mut().unwrap() {
                for r in table["routes"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .filter(|r| r["target"] == deleted.as_str())
                {
                    r["state"] = json!("blackhole");
                }
            }
        });
    assert_eq!((code, blocked(&b)), (1, pinned("peering", "outbound", "inactive", &pending)));
    let active = new_peering(&m, &seed, true);
    route_both_sides_through(&m, &seed, ("--vpc-peering-connection-id", &active));
    assert_eq!(ask.m.sandpit(&[&["reach"], &WAS_TO_DB[..]].concat()).code, 0, "peered again");

    // 5. A route into the wrong peering: a third VPC peered with the app VPC.
    let other = labs::create_vpc(&m, "10.20.0.0/16", Some("vpc-3"));
    let wrong = text(
        &m.aws(&["ec2", "create-vpc-peering-connection", "--vpc-id", &seed.app.vpc, "--peer-vpc-id", &other]),
        &["VpcPeeringConnection", "VpcPeeringConnectionId"],
    );
    m.aws(&["ec2", "accept-vpc-peering-connection", "--vpc-peering-connection-id", &wrong]);
    route(
        &m,
        "replace-route",
        &seed.app.private_rt,
        "172.16.1.0/24",
        Some(("--vpc-peering-connection-id", &wrong)),
    );
    let (code, a) = ask.ask("wrong-peering", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("route_table", "outbound", "no_route", &seed.app.private_rt));
    let h = hop(&a, "route_table", "outbound");
    assert!(h["detail"].as_str().unwrap().contains(&other), "{h:#}");
    assert!(a["fix"].as_str().unwrap().contains(&format!("replace-route --route-table-id {} --destination-cidr-block 172.16.1.0/24 --vpc-peering-connection-id {active}", seed.app.private_rt)));
    route(
        &m,
        "replace-route",
        &seed.app.private_rt,
        "172.16.1.0/24",
        Some(("--vpc-peering-connection-id", &active)),
    );

    // 6. A more specific route into a NAT gateway that was deleted (a blackhole in AWS; moto
    //    keeps it `active`, and the deleted gateway says why).
    let eip = text(&m.aws(&["ec2", "allocate-address", "--domain", "vpc"]), &["AllocationId"]);
    let gone = text(
        &m.aws(&[
            "ec2",
            "create-nat-gateway",
            "--subnet-id",
            seed.app.subnet("pub_vpc1-2"),
            "--allocation-id",
            &eip,
        ]),
        &["NatGateway", "NatGatewayId"],
    );
    route(&m, "create-route", &seed.app.private_rt, "172.16.1.0/26", Some(("--nat-gateway-id", &gone)));
    m.aws(&["ec2", "delete-nat-gateway", "--nat-gateway-id", &gone]);
    let (code, a) = ask.ask("blackhole-more-specific", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("route_table", "outbound", "no_route", &seed.app.private_rt));
    let h = hop(&a, "route_table", "outbound");
    assert!(h["rule"].as_str().unwrap().contains(&format!("172.16.1.0/26 → {gone}")), "{h:#}");
    assert_eq!(a["paths"].as_array().unwrap().iter().filter(|p| p["reachable"] == true).count(), 2);
    let gone_id = gone.clone();
    let (code, b) = ask.record_as_aws_reports(
        "blackhole-as-aws-reports",
        "blackhole-more-specific",
        &WAS_TO_DB,
        |snap| {
            for table in snap["route_tables"]["items"].as_array_mut().unwrap() {
                for r in table["routes"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .filter(|r| r["target"] == gone_id.as_str())
                {
                    r["state"] = json!("blackhole");
                }
            }
            // AWS stops listing a deleted NAT gateway after about an hour.
            snap["nat_gateways"]["items"].as_array_mut().unwrap().retain(|n| n["id"] != gone_id.as_str());
        },
    );
    assert_eq!(code, 1);
    assert_eq!(blocked(&b), pinned("route_table", "outbound", "no_route", &seed.app.private_rt));
    assert!(hop(&b, "route_table", "outbound")["rule"].as_str().unwrap().ends_with("(blackhole)"), "{b:#}");
    route(&m, "delete-route", &seed.app.private_rt, "172.16.1.0/26", None);

    // 7. The database group admits the web tier instead of the WAS tier.
    for was in &labs::APP_CIDRS[2..] {
        db_sg_rule(&m, "revoke-security-group-ingress", &seed.db.db_sg, "3306", ("--cidr", was));
    }
    db_sg_rule(&m, "authorize-security-group-ingress", &seed.db.db_sg, "3306", ("--cidr", "10.10.1.0/24"));
    let (code, a) = ask.ask("db-sg-wrong-source", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("security_group", "inbound", "deny", &seed.db.db_sg));
    assert!(hop(&a, "security_group", "inbound")["detail"].as_str().unwrap().contains("10.10.1.0/24"));
    assert!(a["fix"].as_str().unwrap().contains(&format!(
        "authorize-security-group-ingress --group-id {} --protocol tcp --port 3306",
        seed.db.db_sg
    )));
    db_sg_rule(&m, "revoke-security-group-ingress", &seed.db.db_sg, "3306", ("--cidr", "10.10.1.0/24"));

    // 8. The database group opens the PostgreSQL port for the WAS tier, not MySQL's.
    for was in &labs::APP_CIDRS[2..] {
        db_sg_rule(&m, "authorize-security-group-ingress", &seed.db.db_sg, "5432", ("--cidr", was));
    }
    let (code, a) = ask.ask("db-sg-wrong-port", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("security_group", "inbound", "deny", &seed.db.db_sg));
    assert!(hop(&a, "security_group", "inbound")["detail"].as_str().unwrap().contains("tcp/5432"), "{a:#}");
    for was in &labs::APP_CIDRS[2..] {
        db_sg_rule(&m, "revoke-security-group-ingress", &seed.db.db_sg, "5432", ("--cidr", was));
        db_sg_rule(&m, "authorize-security-group-ingress", &seed.db.db_sg, "3306", ("--cidr", was));
    }
    assert_eq!(ask.m.sandpit(&[&["reach"], &WAS_TO_DB[..]].concat()).code, 0, "the group repaired");

    // 9. A network ACL on the database subnets that denies MySQL from the app VPC before it
    //    allows everything (rule order).
    let acl = text(
        &m.aws(&["ec2", "create-network-acl", "--vpc-id", &seed.db.db_vpc]),
        &["NetworkAcl", "NetworkAclId"],
    );
    let entry = |egress: bool, n: &str, protocol: &str, action: &str, block: &str, ports: Option<&str>| {
        let mut args = vec![
            "ec2",
            "create-network-acl-entry",
            "--network-acl-id",
            &acl,
            if egress { "--egress" } else { "--ingress" },
        ];
        args.extend([
            "--rule-number",
            n,
            "--protocol",
            protocol,
            "--rule-action",
            action,
            "--cidr-block",
            block,
        ]);
        if let Some(p) = ports {
            args.extend(["--port-range", p]);
        }
        m.aws(&args);
    };
    entry(false, "90", "tcp", "deny", "10.10.0.0/16", Some("From=3306,To=3306"));
    entry(false, "100", "-1", "allow", "0.0.0.0/0", None);
    entry(true, "100", "-1", "allow", "0.0.0.0/0", None);
    let acls = m.aws(&[
        "ec2",
        "describe-network-acls",
        "--filters",
        &format!("Name=vpc-id,Values={}", seed.db.db_vpc),
    ]);
    let default_acl =
        acls["NetworkAcls"].as_array().unwrap().iter().find(|a| a["IsDefault"] == true).unwrap();
    let associations: Vec<String> = default_acl["Associations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["NetworkAclAssociationId"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(associations.len(), 3, "the three database subnets use the default ACL: {default_acl:#}");
    for association in &associations {
        m.aws(&[
            "ec2",
            "replace-network-acl-association",
            "--association-id",
            association,
            "--network-acl-id",
            &acl,
        ]);
    }
    let (code, a) = ask.ask("nacl-deny-before-allow", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("network_acl", "inbound", "deny", &acl));
    let h = hop(&a, "network_acl", "inbound");
    assert_eq!(h["rule"], "#90 deny tcp/3306 10.10.0.0/16");
    assert!(
        h["detail"].as_str().unwrap().contains("#100 allow all traffic 0.0.0.0/0 would allow it"),
        "{h:#}"
    );
    m.aws(&["ec2", "delete-network-acl-entry", "--network-acl-id", &acl, "--ingress", "--rule-number", "90"]);
    assert_eq!(ask.m.sandpit(&[&["reach"], &WAS_TO_DB[..]].concat()).code, 0, "rule 90 gone");

    // 10. The same ACL lets out only the low ports: the replies to the WAS's ephemeral port
    //     are dropped (network ACLs are stateless).
    m.aws(&["ec2", "delete-network-acl-entry", "--network-acl-id", &acl, "--egress", "--rule-number", "100"]);
    entry(true, "100", "tcp", "allow", "10.10.0.0/16", Some("From=0,To=1023"));
    let (code, a) = ask.ask("nacl-no-ephemeral", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("network_acl", "return", "deny", &acl));
    assert!(
        a["fix"].as_str().unwrap().contains("--egress")
            && a["fix"].as_str().unwrap().contains("From=1024,To=65535"),
        "{a:#}"
    );
    m.aws(&["ec2", "delete-network-acl-entry", "--network-acl-id", &acl, "--egress", "--rule-number", "100"]);
    entry(true, "100", "-1", "allow", "0.0.0.0/0", None);
    assert_eq!(ask.m.sandpit(&[&["reach"], &WAS_TO_DB[..]].concat()).code, 0, "replies allowed");

    // 11. The NAT gateway deleted: the WAS no longer reaches the internet.
    m.aws(&["ec2", "delete-nat-gateway", "--nat-gateway-id", &seed.nat]);
    let (code, a) = ask.ask("no-nat", &WAS_OUT);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("route_table", "outbound", "no_route", &seed.app.private_rt));
    assert!(hop(&a, "route_table", "outbound")["detail"].as_str().unwrap().contains("`deleted`"), "{a:#}");
    assert!(a["fix"].as_str().unwrap().contains("create-nat-gateway"), "{a:#}");

    // 12. A public subnet moved to a route table without the internet gateway: the load
    //     balancer's node there cannot answer the internet.
    let bare = labs::create_route_table(&m, &seed.app.vpc);
    let tables = m.aws(&["ec2", "describe-route-tables", "--route-table-ids", &seed.app.public_rt]);
    let association = tables["RouteTables"][0]["Associations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["SubnetId"] == seed.app.subnet("pub_vpc1-2"))
        .map(|a| a["RouteTableAssociationId"].as_str().unwrap().to_owned())
        .unwrap();
    m.aws(&[
        "ec2",
        "replace-route-table-association",
        "--association-id",
        &association,
        "--route-table-id",
        &bare,
    ]);
    let (code, a) = ask.ask("public-subnet-no-igw-route", &INTO_ALB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("route_table", "return", "no_route", &bare));
    assert!(a["fix"].as_str().unwrap().contains(&format!("--gateway-id {}", seed.app.igw)), "{a:#}");

    // 13. A database VPC that overlaps the app VPC: the `local` route keeps the packets home.
    let twin = labs::create_vpc(&m, "10.10.0.0/16", Some("vpc-db-twin"));
    let twin_subnet = labs::create_subnet(&m, &twin, "10.10.7.0/24", &seed.app.az[0], Some("db-twin"));
    let twin_sg = labs::create_security_group(&m, &twin, "twin-sg", "twin");
    labs::allow_tcp(&m, &twin_sg, "3306", ("--cidr", "10.10.0.0/16"));
    labs::run_instance(&m, "twin-db", &twin_subnet, &twin_sg);
    let (code, a) = ask.ask("overlapping-cidrs", &["--from", "was-1", "--to", "twin-db", "--port", "3306"]);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("route_table", "outbound", "no_route", &seed.app.private_rt));
    assert_eq!(a["overlaps"][0]["vpc_b"], twin.as_str(), "{a:#}");
    assert!(a["fix"].as_str().unwrap().contains("overlap"));

    // 14. The database group trusts the WAS group by reference, across the peering: fine while
    //     the peering is active; once it is deleted the reference admits nobody.
    db_sg_rule(
        &m,
        "authorize-security-group-ingress",
        &seed.db.db_sg,
        "3306",
        ("--source-group", &seed.app.was_sg),
    );
    for was in &labs::APP_CIDRS[2..] {
        db_sg_rule(&m, "revoke-security-group-ingress", &seed.db.db_sg, "3306", ("--cidr", was));
    }
    let (code, a) = ask.ask("sg-reference-across-peering", &WAS_TO_DB);
    assert_eq!(code, 0, "{a:#}");
    assert!(hop(&a, "security_group", "inbound")["rule"].as_str().unwrap().contains(&seed.app.was_sg));
    m.aws(&["ec2", "delete-vpc-peering-connection", "--vpc-peering-connection-id", &active]);
    let (code, a) = ask.ask("sg-reference-across-deleted-peering", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("peering", "outbound", "inactive", &active));
    let sg = hop(&a, "security_group", "inbound");
    assert_eq!(
        (sg["verdict"].as_str(), sg["resource"].as_str()),
        (Some("deny"), Some(seed.db.db_sg.as_str()))
    );
    assert!(
        sg["detail"].as_str().unwrap().contains(&active)
            && sg["detail"].as_str().unwrap().contains("admits nobody"),
        "{sg:#}"
    );
    // Routed through a transit gateway instead, only the stale reference is left to block.
    let tgw = text(&m.aws(&["ec2", "create-transit-gateway"]), &["TransitGateway", "TransitGatewayId"]);
    route_both_sides_through(&m, &seed, ("--transit-gateway-id", &tgw));
    let (code, a) = ask.ask("sg-reference-via-transit-gateway", &WAS_TO_DB);
    assert_eq!(code, 1);
    assert_eq!(blocked(&a), pinned("security_group", "inbound", "deny", &seed.db.db_sg));
    assert!(a["fix"].as_str().unwrap().contains("--cidr"), "no group reference without a peering: {a:#}");
    assert!(hop(&a, "transit_gateway", "outbound")["detail"].as_str().unwrap().contains("not read"));

    ask.finish();
}

#[test]
fn the_committed_snapshots_give_the_committed_answers() {
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(Path::new(FIXTURES).join("cases.json")).unwrap())
            .unwrap();
    assert!(cases.len() >= 16, "{} cases", cases.len());
    for case in &cases {
        let name = case["case"].as_str().unwrap();
        let snapshot: PathBuf = Path::new(FIXTURES).join(format!("{name}.json"));
        let mut args: Vec<&str> = vec!["reach"];
        args.extend(case["args"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()));
        args.extend(["--json", "--lang", "en", "--snapshot", snapshot.to_str().unwrap()]);
        let run = sandpit_offline(&args, &[]);
        assert_eq!(i64::from(run.code), case["exit"].as_i64().unwrap(), "{name}: {}", run.stderr);
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(Path::new(FIXTURES).join(format!("{name}.answer.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(
            run.json(),
            expected,
            "{name}: the answer changed (re-record with SANDPIT_RECORD_REACH=1 if meant)"
        );
    }
    // The same file answers in Korean, and the Korean is Korean.
    let seed = Path::new(FIXTURES).join("app-route-missing.json");
    let run =
        sandpit_offline(&[&["reach"], &WAS_TO_DB[..], &["--snapshot", seed.to_str().unwrap()]].concat(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("✘ 도달 불가"), "{}", run.stdout);
    assert!(run.stdout.contains("해결:"), "{}", run.stdout);
    for line in run.stdout.lines() {
        assert!(
            english_words(line).is_empty(),
            "English in Korean output: {:?} in {line}",
            english_words(line)
        );
    }
}

#[test]
fn reach_exit_codes_and_its_one_read_of_the_account() {
    let m = Moto::start();
    let seed = labs::reach_seed(&m);

    // One read: the kinds `sandpit reach` needs, each listed once, nothing written.
    let proxy = m.proxy(Faults::none());
    let run = m.sandpit_via(&proxy.endpoint, &[&["reach"], &WAS_TO_DB[..], &["--json"]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    crate::api_budget::assert_read_only(&proxy, "sandpit reach");
    let counts = proxy.counts();
    for action in [
        "DescribeVpcs",
        "DescribeSubnets",
        "DescribeRouteTables",
        "DescribeSecurityGroups",
        "DescribeNetworkAcls",
        "DescribeVpcPeeringConnections",
        "DescribeNetworkInterfaces",
        "DescribeInstances",
        "DescribeManagedPrefixLists",
    ] {
        assert_eq!(counts.get(&("ec2".to_owned(), action.to_owned())), Some(&1), "{action}: {counts:?}");
    }
    assert_eq!(counts.get(&("rds".to_owned(), "DescribeDBInstances".to_owned())), Some(&1), "{counts:?}");

    // Korean by default, the path as a list of hops.
    let run = m.sandpit(&[&["reach"], &WAS_TO_DB[..]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("✔ 도달 가능") && run.stdout.contains("비밀번호"), "{}", run.stdout);
    for line in run.stdout.lines() {
        assert!(
            english_words(line).is_empty(),
            "English in Korean output: {:?} in {line}",
            english_words(line)
        );
    }

    // Said in English with --lang en, and in Korean (no English words) by default.
    let bad = |args: &[&str], says: &str| {
        let run = m.sandpit(&[&["reach", "--lang", "en"], args].concat());
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: nothing printed on stdout");
        let ko = m.sandpit(&[&["reach"], args].concat());
        assert_eq!(ko.code, 2, "{args:?}: {}", ko.stderr);
        let first = ko.stderr.lines().next().unwrap_or_default();
        assert!(english_words(first).is_empty(), "{args:?}: English in {first}: {:?}", english_words(first));
    };
    bad(&["--from", "nope", "--to", "lab-db", "--port", "3306"], "--from nope: names nothing");
    bad(&["--from", "default", "--to", "lab-db", "--port", "3306"], "ambiguous");
    bad(&["--from", "was-1", "--to", "lab-db", "--port", "0"], "not a port");
    bad(&["--from", "was-1", "--to", "lab-db", "--port", "99999"], "not a port");
    bad(&["--from", "was-1", "--to", "lab-db"], "--port: tcp needs a port");
    bad(&["--from", &seed.app.was_sg, "--to", "lab-db", "--port", "3306"], "--from-subnet");
    bad(&["--from", "was-1", "--to", "lab-db", "--port", "3306", "--protocol", "sctp"], "unknown protocol");
    bad(&["--from", "internet", "--to", "8.8.8.8", "--port", "443"], "outside every VPC");

    // A lab check's snapshot holds no network ACLs: refused, saying how to save a full one.
    let dir = tempfile::tempdir().unwrap();
    let lab_snapshot = dir.path().join("lab.json");
    assert_eq!(
        m.sandpit(&["check", "vpc-peering", "--save-snapshot", lab_snapshot.to_str().unwrap()]).code,
        0
    );
    let run = sandpit_offline(
        &[&["reach"], &WAS_TO_DB[..], &["--snapshot", lab_snapshot.to_str().unwrap()]].concat(),
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("sandpit snapshot --out"), "{}", run.stderr);
    // `sandpit snapshot` writes one that answers.
    let full = dir.path().join("full.json");
    assert_eq!(m.sandpit(&["snapshot", "--out", full.to_str().unwrap()]).code, 0);
    let run =
        sandpit_offline(&[&["reach"], &WAS_TO_DB[..], &["--snapshot", full.to_str().unwrap()]].concat(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A broken snapshot file: exit 2 with its line.
    std::fs::write(dir.path().join("broken.json"), "{\n  \"vpcs\": 7\n}").unwrap();
    let run = sandpit_offline(
        &[&["reach"], &WAS_TO_DB[..], &["--snapshot", dir.path().join("broken.json").to_str().unwrap()]]
            .concat(),
        &[],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("broken.json:2:"), "{}", run.stderr);

    // AWS unreachable: exit 3.
    let run = m.sandpit(&[&["--endpoint-url", "http://127.0.0.1:9", "reach"], &WAS_TO_DB[..]].concat());
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
}
