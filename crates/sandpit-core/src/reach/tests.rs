//! The evaluator on the bootcamp's network (three tiers, a database VPC behind a peering),
//! built as snapshots and broken one thing at a time; each break is pinned to its hop and
//! resource. The same breaks are built with the real AWS CLI in `tests/emulator/reach.rs`.

use super::*;
use crate::checks::fixtures::{Builder, Solved, cidr, route, solved, tcp};
use crate::english_words;
use crate::snapshot::*;

mod brute;

/// The lab network plus what a question needs: AWS's defaults (every group lets everything
/// out, every VPC has a default ACL that allows everything), a WAS instance, the database and
/// an internet-facing load balancer.
struct Seed {
    b: Builder,
    s: Solved,
    db_acl: String,
}

const WAS: &str = "i-0was";
const WAS_IP: &str = "10.10.3.10";
const WEB: &str = "i-0web";
const ALB: &str = "web-alb";

fn all_out() -> SgRule {
    SgRule { protocol: "-1".into(), from_port: None, to_port: None, source: cidr("0.0.0.0/0"), peering: None }
}

fn entry(
    n: i32,
    egress: bool,
    protocol: &str,
    action: &str,
    block: &str,
    ports: Option<(i32, i32)>,
) -> NaclEntry {
    NaclEntry {
        rule_number: n,
        egress,
        protocol: protocol.into(),
        action: action.into(),
        cidr: Some(block.into()),
        ipv6_cidr: None,
        from_port: ports.map(|p| p.0),
        to_port: ports.map(|p| p.1),
    }
}

/// AWS's default ACL: rule 100 allows everything each way, `*` denies the rest.
fn default_entries() -> Vec<NaclEntry> {
    vec![
        entry(100, false, "-1", "allow", "0.0.0.0/0", None),
        entry(32767, false, "-1", "deny", "0.0.0.0/0", None),
        entry(100, true, "-1", "allow", "0.0.0.0/0", None),
        entry(32767, true, "-1", "deny", "0.0.0.0/0", None),
    ]
}

fn acl(b: &mut Builder, id: &str, vpc: &str, is_default: bool, subnets: &[String], entries: Vec<NaclEntry>) {
    b.snapshot().network_acls.items_mut().unwrap().push(NetworkAcl {
        id: id.into(),
        vpc_id: vpc.into(),
        is_default,
        subnet_ids: subnets.to_vec(),
        entries,
        tags: Tags::new(),
    });
}

fn instance(
    b: &mut Builder,
    id: &str,
    name: &str,
    subnet: &str,
    ip: &str,
    groups: &[&str],
    public_ip: Option<&str>,
) {
    let vpc = b.snapshot().subnet(subnet).unwrap().vpc_id.clone();
    b.snapshot().ec2_instances.items_mut().unwrap().push(Ec2Instance {
        id: id.into(),
        instance_type: "t3.micro".into(),
        state: "running".into(),
        vpc_id: Some(vpc),
        tags: Tags::from([("Name".to_owned(), name.to_owned())]),
        subnet_id: Some(subnet.into()),
        private_ip: Some(ip.into()),
        public_ip: public_ip.map(str::to_owned),
        security_groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        ..Ec2Instance::default()
    });
}

fn seed() -> Seed {
    let (mut b, s) = solved();
    for g in b.snapshot().security_groups.items_mut().unwrap() {
        g.egress = vec![all_out()];
    }
    let app_subnets: Vec<String> = s.public.iter().chain(&s.web).chain(&s.was).cloned().collect();
    acl(&mut b, "acl-app", &s.app_vpc.clone(), true, &app_subnets, default_entries());
    acl(&mut b, "acl-db", &s.db_vpc.clone(), true, s.db.as_ref(), default_entries());
    instance(&mut b, WAS, "was-1", &s.was[0].clone(), WAS_IP, &[&s.was_sg.clone()], None);
    instance(&mut b, WEB, "web-1", &s.web[0].clone(), "10.10.1.10", &[&s.web_sg.clone()], None);
    b.db_subnet_group("lab-db-subnets", &s.db_vpc.clone(), s.db.as_ref());
    b.db_instance("lab-db", &s.db_vpc.clone(), "key", &s.db_sg.clone());
    let lb = LoadBalancer {
        arn: "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/web-alb/1".into(),
        name: ALB.into(),
        lb_type: "application".into(),
        state: "active".into(),
        vpc_id: Some(s.app_vpc.clone()),
        scheme: "internet-facing".into(),
        dns_name: "web-alb-1.ap-northeast-2.elb.amazonaws.com".into(),
        subnets: s
            .public
            .iter()
            .map(|id| LbSubnet { subnet_id: id.clone(), availability_zone: String::new() })
            .collect(),
        security_groups: vec![s.alb_sg.clone()],
        ..LoadBalancer::default()
    };
    b.snapshot().load_balancers.items_mut().unwrap().push(lb);
    Seed { b, s, db_acl: "acl-db".into() }
}

impl Seed {
    fn snap(&mut self) -> &mut Snapshot {
        self.b.snapshot()
    }

    fn table(&mut self, id: &str) -> &mut RouteTable {
        let id = id.to_owned();
        self.snap().route_tables.items_mut().unwrap().iter_mut().find(|t| t.id == id).unwrap()
    }

    fn group(&mut self, id: &str) -> &mut SecurityGroup {
        let id = id.to_owned();
        self.snap().security_groups.items_mut().unwrap().iter_mut().find(|g| g.id == id).unwrap()
    }

    fn peering(&mut self, id: &str) -> &mut PeeringConnection {
        let id = id.to_owned();
        self.snap().peering_connections.items_mut().unwrap().iter_mut().find(|p| p.id == id).unwrap()
    }

    fn ask(&mut self, from: &str, to: &str, port: u16) -> Answer {
        let q = Question { from: from.into(), to: to.into(), port: Some(port), ..Question::default() };
        answer(self.snap(), &q).unwrap_or_else(|e| panic!("{from} → {to}: {e}"))
    }
}

/// The blocking hop as (component, direction, verdict, resource).
fn blocked(a: &Answer) -> (Component, Direction, Verdict, String) {
    let h = a.blocking_hop().unwrap_or_else(|| panic!("not blocked: {}", dump(a)));
    (h.component, h.direction, h.verdict, h.resource.clone())
}

fn dump(a: &Answer) -> String {
    serde_json::to_string_pretty(&a.render(Lang::En)).unwrap()
}

/// Every Korean text of an answer is Korean.
fn assert_korean(a: &Answer) {
    let r = a.render(Lang::Ko);
    let mut texts = vec![r.beyond_network.clone()];
    texts.extend(r.fix.clone());
    for h in &r.hops {
        texts.push(h.rule.clone());
        texts.push(h.detail.clone());
        texts.extend(h.fix.clone());
    }
    for t in texts {
        assert!(english_words(&t).is_empty(), "English in Korean output: {:?} in {t}", english_words(&t));
    }
}

#[test]
fn the_was_reaches_the_database_and_the_answer_looks_beyond_the_network() {
    let mut seed = seed();
    let a = seed.ask(WAS, "lab-db", 3306);
    assert!(a.reachable, "{}", dump(&a));
    assert_eq!(a.blocked_at, None);
    assert_eq!(a.fix, None);
    let path: Vec<(Component, Direction)> = a.hops.iter().map(|h| (h.component, h.direction)).collect();
    use Component::*;
    use Direction::*;
    assert_eq!(
        path,
        [
            (SecurityGroup, Outbound),
            (NetworkAcl, Outbound),
            (RouteTable, Outbound),
            (Peering, Outbound),
            (NetworkAcl, Inbound),
            (SecurityGroup, Inbound),
            (NetworkAcl, Return),
            (RouteTable, Return),
            (NetworkAcl, Return),
        ]
    );
    assert!(a.hops.iter().all(|h| h.verdict == Verdict::Allow));
    let db_hop = &a.hops[5];
    assert_eq!(db_hop.resource, seed.s.db_sg);
    assert!(db_hop.rule.en.contains(&seed.s.was_sg), "{}", db_hop.rule.en);
    assert_eq!(a.paths.len(), 3, "the database may run in any of its three subnets");
    assert!(a.beyond_network.en.contains("password") && a.beyond_network.en.contains("3306"));
    assert!(a.beyond_network.ko.contains("비밀번호"));
    assert_eq!(a.from.kind, EndpointKind::Instance);
    assert_eq!(a.to.kind, EndpointKind::RdsInstance);
    assert_eq!(a.to.subnets.len(), 3);
    assert_korean(&a);
}

#[test]
fn a_security_group_endpoint_is_placed_with_its_subnet_flag() {
    let mut seed = seed();
    let was_sg = seed.s.was_sg.clone();
    let q = Question { from: was_sg.clone(), to: "lab-db".into(), port: Some(3306), ..Question::default() };
    let err = answer(seed.snap(), &q).unwrap_err();
    assert!(matches!(err, ReachError::BadQuestion(_)), "{err:?}");
    assert!(err.to_string().contains("--from-subnet"), "{err}");
    // By id, Name tag or CIDR block; the group's name (`was-sg`) names it too.
    for subnet in [seed.s.was[0].clone(), "was_vpc1-1_pri".to_owned(), "10.10.3.0/24".to_owned()] {
        let q = Question { from_subnet: Some(subnet.clone()), ..q.clone() };
        let a = answer(seed.snap(), &q).unwrap();
        assert!(a.reachable, "{subnet}: {}", dump(&a));
        assert_eq!(a.from.kind, EndpointKind::SecurityGroup);
        assert_eq!(a.from.subnets, [seed.s.was[0].clone()]);
    }
    let q = Question { from: "was-sg".into(), from_subnet: Some("10.10.4.0/24".into()), ..q.clone() };
    assert!(answer(seed.snap(), &q).unwrap().reachable);
    let q = Question { from_subnet: Some("10.99.0.0/24".into()), ..q };
    let err = answer(seed.snap(), &q).unwrap_err();
    assert!(err.to_string().starts_with("--from-subnet 10.99.0.0/24"), "{err}");
}

#[test]
fn the_private_route_missing_on_the_app_side_blocks_at_its_route_table() {
    let mut seed = seed();
    let rt = seed.s.private_rt.clone();
    seed.table(&rt).routes.retain(|r| r.target_kind != RouteTargetKind::Peering);
    let a = seed.ask(WAS, "lab-db", 3306);
    assert!(!a.reachable);
    // Without the peering route the default route (the NAT gateway) takes it.
    assert_eq!(blocked(&a), (Component::RouteTable, Direction::Outbound, Verdict::NoRoute, rt.clone()));
    let fix = a.fix.clone().unwrap().en;
    assert!(
        fix.contains(&format!("create-route --route-table-id {rt}")) && fix.contains(&seed.s.pcx),
        "{fix}"
    );
    assert!(fix.contains("--destination-cidr-block 172.16.1.0/24"), "the database's own subnet: {fix}");
    assert_eq!(a.hops.len(), 3, "the walk ends where no route leads on");
    assert_korean(&a);
}

#[test]
fn the_return_route_missing_on_the_database_side_blocks_on_the_way_back() {
    let mut seed = seed();
    let rt = seed.s.db_rt.clone();
    seed.table(&rt).routes.retain(|r| r.target_kind != RouteTargetKind::Peering);
    let a = seed.ask(WAS, "lab-db", 3306);
    assert_eq!(blocked(&a), (Component::RouteTable, Direction::Return, Verdict::NoRoute, rt.clone()));
    let fix = a.fix.clone().unwrap().en;
    assert!(fix.contains("--destination-cidr-block 10.10.3.0/24"), "back to the WAS subnet: {fix}");
    assert_korean(&a);
}

#[test]
fn a_peering_that_is_pending_or_deleted_blocks_at_the_peering() {
    let mut seed = seed();
    let pcx = seed.s.pcx.clone();
    seed.peering(&pcx).status = "pending-acceptance".into();
    let a = seed.ask(WAS, "lab-db", 3306);
    assert_eq!(blocked(&a), (Component::Peering, Direction::Outbound, Verdict::Inactive, pcx.clone()));
    assert!(a.fix.clone().unwrap().en.contains("accept-vpc-peering-connection"));
    assert_korean(&a);

    // Deleted: AWS turns its routes into blackholes, and the database group's reference to
    // the WAS group (across that peering) admits nobody any more.
    seed.peering(&pcx).status = "deleted".into();
    for rt in [seed.s.private_rt.clone(), seed.s.db_rt.clone()] {
        for r in seed.table(&rt).routes.iter_mut().filter(|r| r.target == pcx) {
            r.state = "blackhole".into();
        }
    }
    let a = seed.ask(WAS, "lab-db", 3306);
    assert_eq!(blocked(&a), (Component::Peering, Direction::Outbound, Verdict::Inactive, pcx.clone()));
    assert!(a.fix.clone().unwrap().en.contains("create-vpc-peering-connection"));
    let sg = a
        .hops
        .iter()
        .find(|h| h.component == Component::SecurityGroup && h.direction == Direction::Inbound)
        .unwrap();
    assert_eq!((sg.verdict, sg.resource.as_str()), (Verdict::Deny, seed.s.db_sg.as_str()));
    assert!(sg.detail.en.contains(&pcx) && sg.detail.en.contains("deleted"), "{}", sg.detail.en);
    assert_korean(&a);
}

#[test]
fn a_group_reference_across_a_deleted_peering_admits_nobody_even_over_a_new_route() {
    // The peering was replaced by a transit gateway: the routes are fine, but the database
    // group still trusts the WAS group by reference, which only a peering carries.
    let mut seed = seed();
    let pcx = seed.s.pcx.clone();
    seed.peering(&pcx).status = "deleted".into();
    for rt in [seed.s.private_rt.clone(), seed.s.db_rt.clone()] {
        for r in seed.table(&rt).routes.iter_mut().filter(|r| r.target == pcx) {
            *r = route(&r.destination.clone(), "tgw-0123");
        }
    }
    let a = seed.ask(WAS, "lab-db", 3306);
    assert_eq!(
        blocked(&a),
        (Component::SecurityGroup, Direction::Inbound, Verdict::Deny, seed.s.db_sg.clone())
    );
    let h = a.blocking_hop().unwrap();
    assert!(h.detail.en.contains("admits nobody"), "{}", h.detail.en);
    let fix = a.fix.clone().unwrap().en;
    assert!(
        fix.contains("--cidr 10.10.3.0/24") && !fix.contains("--source-group"),
        "no reference across a dead peering: {fix}"
    );
    assert!(
        a.hops.iter().any(|h| h.component == Component::TransitGateway && h.detail.en.contains("not read"))
    );
    assert_korean(&a);
}

#[test]
fn a_route_into_the_wrong_peering_is_found() {
    let mut seed = seed();
    let other = seed.b.vpc("10.20.0.0/16", "vpc-3");
    let app = seed.s.app_vpc.clone();
    let wrong = seed.b.peering(&app, &other, "active");
    let rt = seed.s.private_rt.clone();
    for r in seed.table(&rt).routes.iter_mut().filter(|r| r.target_kind == RouteTargetKind::Peering) {
        *r = route(&r.destination.clone(), &wrong);
    }
    let a = seed.ask(WAS, "lab-db", 3306);
    assert_eq!(blocked(&a), (Component::RouteTable, Direction::Outbound, Verdict::NoRoute, rt.clone()));
    let h = a.blocking_hop().unwrap();
    assert!(h.detail.en.contains(&wrong) && h.detail.en.contains(&other), "{}", h.detail.en);
    let fix = a.fix.clone().unwrap().en;
    assert!(
        fix.contains("replace-route") && fix.contains(&seed.s.pcx),
        "the route exists: replace it: {fix}"
    );
    assert_korean(&a);
}

#[test]
fn a_more_specific_blackhole_inside_the_peering_route_is_found() {
    let mut seed = seed();
    let rt = seed.s.private_rt.clone();
    seed.table(&rt).routes.push(Route {
        destination: "172.16.1.0/26".into(),
        target: "nat-0gone".into(),
        target_kind: RouteTargetKind::NatGateway,
        state: "blackhole".into(),
    });
    let a = seed.ask(WAS, "lab-db", 3306);
    assert_eq!(blocked(&a), (Component::RouteTable, Direction::Outbound, Verdict::NoRoute, rt.clone()));
    let h = a.blocking_hop().unwrap();
    assert!(h.rule.en.contains("172.16.1.0/26 → nat-0gone (blackhole)"), "{}", h.rule.en);
    assert_eq!(a.paths.iter().filter(|p| p.reachable).count(), 2, "the other two database subnets are fine");
    assert_korean(&a);

    // Without a database endpoint spread over subnets: an instance above the /26 is not hit.
    let db_sg = seed.s.db_sg.clone();
    let db1 = seed.s.db[0].clone();
    instance(&mut seed.b, "i-0db", "db-1", &db1, "172.16.1.100", &[&db_sg], None);
    assert!(seed.ask(WAS, "i-0db", 3306).reachable);
    seed.snap().ec2_instances.items_mut().unwrap().last_mut().unwrap().private_ip =
        Some("172.16.1.10".into());
    assert!(!seed.ask(WAS, "i-0db", 3306).reachable);
}

#[test]
fn a_route_to_a_deleted_nat_gateway_is_a_blackhole_even_when_reported_active() {
    let mut seed = seed();
    let rt = seed.s.private_rt.clone();
    let nat = seed.s.nat.clone();
    seed.table(&rt).routes.push(route("172.16.1.0/26", &nat));
    seed.snap().nat_gateways.items_mut().unwrap()[0].state = "deleted".into();
    let a = seed.ask(WAS, "lab-db", 3306);
    assert_eq!(blocked(&a), (Component::RouteTable, Direction::Outbound, Verdict::NoRoute, rt));
    assert!(a.blocking_hop().unwrap().detail.en.contains("`deleted`"));
}

#[test]
fn the_database_group_admitting_the_wrong_source_or_port_blocks_at_the_group() {
    let mut seed = seed();
    let db_sg = seed.s.db_sg.clone();
    seed.group(&db_sg).ingress = vec![tcp(3306, cidr("10.10.1.0/24"))];
    let a = seed.ask(WAS, "lab-db", 3306);
    assert_eq!(blocked(&a), (Component::SecurityGroup, Direction::Inbound, Verdict::Deny, db_sg.clone()));
    let h = a.blocking_hop().unwrap();
    assert!(
        h.detail.en.contains("other sources only") && h.detail.en.contains("10.10.1.0/24"),
        "{}",
        h.detail.en
    );
    let fix = a.fix.clone().unwrap().en;
    assert!(fix.contains(&format!("authorize-security-group-ingress --group-id {db_sg} --protocol tcp --port 3306 --source-group {}", seed.s.was_sg)), "{fix}");
    assert_korean(&a);

    seed.group(&db_sg).ingress = vec![tcp(5432, crate::checks::fixtures::group(&seed.s.was_sg.clone()))];
    let a = seed.ask(WAS, "lab-db", 3306);
    assert_eq!(blocked(&a), (Component::SecurityGroup, Direction::Inbound, Verdict::Deny, db_sg));
    assert!(a.blocking_hop().unwrap().detail.en.contains("tcp/5432"), "{}", dump(&a));
    assert_korean(&a);
}

#[test]
fn a_network_acl_deny_before_an_allow_wins_by_rule_number() {
    let mut seed = seed();
    let id = seed.db_acl.clone();
    let acl = seed.snap().network_acls.items_mut().unwrap().iter_mut().find(|a| a.id == id).unwrap();
    acl.entries.push(entry(90, false, "6", "deny", "10.10.0.0/16", Some((3306, 3306))));
    let a = seed.ask(WAS, "lab-db", 3306);
    assert_eq!(blocked(&a), (Component::NetworkAcl, Direction::Inbound, Verdict::Deny, id.clone()));
    let h = a.blocking_hop().unwrap();
    assert_eq!(h.rule.en, "#90 deny tcp/3306 10.10.0.0/16");
    assert!(h.detail.en.contains("#100 allow all traffic 0.0.0.0/0 would allow it"), "{}", h.detail.en);
    // The port named beside the address is where the packet goes, not where it comes from.
    assert!(h.detail.en.contains("from 10.10.3.10 (destination port 3306)"), "{}", h.detail.en);
    assert!(h.detail.ko.contains("10.10.3.10(도착 포트 3306)에서"), "{}", h.detail.ko);
    let fix = a.fix.clone().unwrap().en;
    assert!(fix.contains("--ingress --rule-number 89 --protocol tcp --port-range From=3306,To=3306 --cidr-block 10.10.3.0/24 --rule-action allow"), "{fix}");
    assert_korean(&a);
}

#[test]
fn a_network_acl_without_the_ephemeral_range_blocks_the_replies() {
    let mut seed = seed();
    let id = seed.db_acl.clone();
    let acl = seed.snap().network_acls.items_mut().unwrap().iter_mut().find(|a| a.id == id).unwrap();
    acl.entries.retain(|e| !e.egress);
    acl.entries.push(entry(100, true, "6", "allow", "10.10.0.0/16", Some((3306, 3306))));
    acl.entries.push(entry(110, true, "6", "allow", "10.10.0.0/16", Some((32768, 60999))));
    let a = seed.ask(WAS, "lab-db", 3306);
    assert_eq!(blocked(&a), (Component::NetworkAcl, Direction::Return, Verdict::Deny, id.clone()));
    let h = a.blocking_hop().unwrap();
    assert!(h.detail.en.contains("10.10.3.10:1024") && h.detail.en.contains("stateless"), "{}", h.detail.en);
    assert!(
        a.fix
            .clone()
            .unwrap()
            .en
            .contains("--egress --rule-number 120 --protocol tcp --port-range From=1024,To=65535"),
        "{:?}",
        a.fix
    );
    assert_korean(&a);
}

#[test]
fn the_was_reaches_the_internet_through_the_nat_gateway_and_not_without_it() {
    let mut seed = seed();
    let a = seed.ask(WAS, "internet", 443);
    assert!(a.reachable, "{}", dump(&a));
    let kinds: Vec<Component> = a.hops.iter().map(|h| h.component).collect();
    assert!(
        kinds.contains(&Component::NatGateway) && kinds.contains(&Component::InternetGateway),
        "{kinds:?}"
    );
    assert_korean(&a);

    // The NAT gateway deleted: its route is a blackhole.
    seed.snap().nat_gateways.items_mut().unwrap()[0].state = "deleted".into();
    let rt = seed.s.private_rt.clone();
    let a = seed.ask(WAS, "internet", 443);
    assert_eq!(blocked(&a), (Component::RouteTable, Direction::Outbound, Verdict::NoRoute, rt.clone()));
    let fix = a.fix.clone().unwrap().en;
    assert!(fix.contains("create-nat-gateway --subnet-id") && fix.contains(&seed.s.public[0]), "{fix}");
    assert!(fix.contains("replace-route"), "the 0.0.0.0/0 route is there: {fix}");
    assert_korean(&a);

    // No default route at all.
    seed.table(&rt).routes.retain(|r| r.destination != "0.0.0.0/0");
    let a = seed.ask(WAS, "internet", 443);
    assert_eq!(blocked(&a), (Component::RouteTable, Direction::Outbound, Verdict::NoRoute, rt));
    assert!(a.fix.clone().unwrap().en.contains("create-route"));
}

#[test]
fn the_internet_reaches_the_load_balancer_only_where_public_subnets_route_to_the_gateway() {
    let mut seed = seed();
    let a = seed.ask("internet", ALB, 80);
    assert!(a.reachable, "{}", dump(&a));
    assert_eq!(a.paths.len(), 2);
    let igw = &a.hops[0];
    assert_eq!((igw.component, igw.resource.as_str()), (Component::InternetGateway, seed.s.igw.as_str()));
    let sg = a.hops.iter().find(|h| h.component == Component::SecurityGroup).unwrap();
    assert!(sg.detail.en.contains("every address"), "{}", sg.detail.en);
    assert_korean(&a);

    // The second public subnet on a table of its own, with no route to the internet gateway.
    let app = seed.s.app_vpc.clone();
    let public_rt = seed.s.public_rt.clone();
    let pub2 = seed.s.public[1].clone();
    seed.table(&public_rt).subnet_ids.retain(|s| *s != pub2);
    let bare = seed.b.route_table(&app, &[&pub2], &[]);
    let a = seed.ask("internet", ALB, 80);
    assert_eq!(blocked(&a), (Component::RouteTable, Direction::Return, Verdict::NoRoute, bare.clone()));
    assert_eq!(a.paths.iter().filter(|p| p.reachable).count(), 1);
    let fix = a.fix.clone().unwrap().en;
    assert!(
        fix.contains(&format!(
            "create-route --route-table-id {bare} --destination-cidr-block 0.0.0.0/0 --gateway-id {}",
            seed.s.igw
        )),
        "{fix}"
    );
    assert_korean(&a);

    // Its replies through the NAT gateway instead: asymmetric, dropped.
    let nat = seed.s.nat.clone();
    seed.table(&bare).routes.push(route("0.0.0.0/0", &nat));
    let a = seed.ask("internet", ALB, 80);
    assert_eq!(blocked(&a), (Component::RouteTable, Direction::Return, Verdict::NoRoute, bare));
    assert!(a.blocking_hop().unwrap().detail.en.contains("NAT gateway knows no such connection"));
    assert!(a.fix.clone().unwrap().en.contains("replace-route"));
}

#[test]
fn wide_open_is_any_set_of_rules_covering_every_address() {
    let mut seed = seed();
    let alb_sg = seed.s.alb_sg.clone();
    seed.group(&alb_sg).ingress = vec![tcp(80, cidr("0.0.0.0/1")), tcp(80, cidr("128.0.0.0/1"))];
    let a = seed.ask("internet", ALB, 80);
    assert!(a.reachable, "{}", dump(&a));
    let sg = a.hops.iter().find(|h| h.component == Component::SecurityGroup).unwrap();
    assert!(
        sg.detail.en.contains("every address") && sg.rule.en.contains("+1 more"),
        "{} / {}",
        sg.rule.en,
        sg.detail.en
    );
    // Half of the internet is not the internet.
    seed.group(&alb_sg).ingress = vec![tcp(80, cidr("0.0.0.0/1"))];
    let a = seed.ask("internet", ALB, 80);
    assert_eq!(blocked(&a), (Component::SecurityGroup, Direction::Inbound, Verdict::Deny, alb_sg));
    assert!(a.blocking_hop().unwrap().detail.en.contains("in from 128.0.0.0."), "{}", dump(&a));
}

#[test]
fn overlapping_vpcs_are_reported_and_block_at_the_local_route() {
    let mut seed = seed();
    let twin = seed.b.vpc("10.10.0.0/16", "vpc-db-twin");
    let subnet = seed.b.subnet(&twin, "10.10.7.0/24", "ap-northeast-2a", "db-twin");
    acl(&mut seed.b, "acl-twin", &twin, true, std::slice::from_ref(&subnet), default_entries());
    let sg = seed.b.sg(&twin, "twin-sg", vec![tcp(3306, cidr("10.10.0.0/16"))]);
    instance(&mut seed.b, "i-0twin", "twin-db", &subnet, "10.10.7.5", &[&sg], None);
    let a = seed.ask(WAS, "twin-db", 3306);
    let rt = seed.s.private_rt.clone();
    assert_eq!(blocked(&a), (Component::RouteTable, Direction::Outbound, Verdict::NoRoute, rt));
    assert!(a.blocking_hop().unwrap().detail.en.contains("overlap"));
    assert!(a.fix.clone().unwrap().en.contains("overlap"));
    assert_eq!(a.overlaps.len(), 1, "{:?}", a.overlaps);
    assert_eq!(
        (a.overlaps[0].cidr_a.as_str(), a.overlaps[0].vpc_b.as_str()),
        ("10.10.0.0/16", twin.as_str())
    );
    assert_korean(&a);
}

#[test]
fn endpoints_without_security_groups_list_the_groups_that_would_admit_them() {
    let mut seed = seed();
    let (was_subnet, db_subnet) = (seed.s.was[0].clone(), seed.s.db[0].clone());
    let a = seed.ask(&was_subnet, &db_subnet, 3306);
    assert!(a.reachable, "{}", dump(&a));
    assert_eq!((a.from.kind, a.to.kind), (EndpointKind::Subnet, EndpointKind::Subnet));
    let inbound = a
        .hops
        .iter()
        .find(|h| h.component == Component::SecurityGroup && h.direction == Direction::Inbound)
        .unwrap();
    assert_eq!(inbound.would_admit, [seed.s.db_sg.clone()]);
    assert!(inbound.detail.en.contains("nothing is guessed"), "{}", inbound.detail.en);
    // The source side: every group of the app VPC lets it out (AWS's default egress).
    let outbound = &a.hops[0];
    assert_eq!(outbound.would_admit.len(), 4, "{:?}", outbound.would_admit);
    assert_korean(&a);

    // The WAS instance to the database subnet: the database group admits it by reference.
    let a = seed.ask(WAS, &db_subnet, 3306);
    assert!(a.reachable);
    // An address in the database subnet, on a port no group opens.
    let a = seed.ask(WAS, "172.16.1.77", 5432);
    assert_eq!(a.to.kind, EndpointKind::Address);
    let h = a.blocking_hop().unwrap();
    assert_eq!((h.component, h.verdict), (Component::SecurityGroup, Verdict::Deny));
    assert!(h.would_admit.is_empty());
    assert_korean(&a);
}

#[test]
fn a_security_group_placed_in_a_subnet_stands_for_every_address_of_it() {
    let mut seed = seed();
    let db_sg = seed.s.db_sg.clone();
    seed.group(&db_sg).ingress = vec![tcp(3306, cidr("10.10.3.0/25"))];
    assert!(seed.ask(WAS, "lab-db", 3306).reachable, "10.10.3.10 is inside the /25");
    let q = Question {
        from: "was-sg".into(),
        from_subnet: Some("10.10.3.0/24".into()),
        to: "lab-db".into(),
        port: Some(3306),
        ..Question::default()
    };
    let a = answer(seed.snap(), &q).unwrap();
    assert_eq!(blocked(&a), (Component::SecurityGroup, Direction::Inbound, Verdict::Deny, db_sg));
    assert!(a.blocking_hop().unwrap().detail.en.contains("in from 10.10.3.128."), "{}", dump(&a));
}

#[test]
fn prefix_lists_are_expanded_and_unreadable_ones_said() {
    let mut seed = seed();
    seed.snap().managed_prefix_lists.items_mut().unwrap().push(ManagedPrefixList {
        id: "pl-was".into(),
        name: "was-subnets".into(),
        address_family: "IPv4".into(),
        owner_id: "123456789012".into(),
        cidrs: vec!["10.10.3.0/24".into(), "10.10.4.0/24".into()],
        unreadable: None,
    });
    let db_sg = seed.s.db_sg.clone();
    seed.group(&db_sg).ingress = vec![tcp(3306, RuleSource::PrefixList("pl-was".into()))];
    let a = seed.ask(WAS, "lab-db", 3306);
    assert!(a.reachable, "{}", dump(&a));
    assert!(a.hops[5].rule.en.contains("pl-was (`was-subnets`)"), "{}", a.hops[5].rule.en);
    seed.snap().managed_prefix_lists.items_mut().unwrap()[0].unreadable = Some(CollectError::Failed {
        action: "ec2:GetManagedPrefixListEntries".into(),
        message: "boom".into(),
    });
    let a = seed.ask(WAS, "lab-db", 3306);
    assert!(a.blocking_hop().unwrap().detail.en.contains("pl-was"), "{}", dump(&a));
}

#[test]
fn traffic_inside_one_subnet_crosses_no_network_acl() {
    let mut seed = seed();
    let (was_subnet, was_sg) = (seed.s.was[0].clone(), seed.s.was_sg.clone());
    instance(&mut seed.b, "i-0was2", "was-2", &was_subnet, "10.10.3.11", &[&was_sg], None);
    seed.group(&was_sg).ingress.push(tcp(8080, crate::checks::fixtures::group(&was_sg)));
    let id = "acl-app".to_owned();
    seed.snap().network_acls.items_mut().unwrap().iter_mut().find(|a| a.id == id).unwrap().entries.clear();
    let a = seed.ask(WAS, "i-0was2", 8080);
    assert!(a.reachable, "{}", dump(&a));
    assert!(a.hops.iter().all(|h| h.component != Component::NetworkAcl));
}

#[test]
fn the_internet_needs_a_public_address_and_a_gateway() {
    let mut seed = seed();
    let a = seed.ask("internet", WEB, 80);
    let h = a.blocking_hop().unwrap();
    assert_eq!(
        (h.component, h.direction, h.verdict),
        (Component::InternetGateway, Direction::Inbound, Verdict::Deny)
    );
    assert!(a.fix.clone().unwrap().en.contains("associate-address"));
    assert_korean(&a);
    // The database VPC has no internet gateway at all.
    let a = seed.ask("8.8.8.8", "lab-db", 3306);
    assert_eq!(a.from.kind, EndpointKind::Internet);
    let h = a.blocking_hop().unwrap();
    assert_eq!(
        (h.component, h.verdict, h.resource.as_str()),
        (Component::InternetGateway, Verdict::NoRoute, seed.s.db_vpc.as_str())
    );
}

#[test]
fn icmp_and_all_traffic_are_questions_too() {
    let mut seed = seed();
    let q =
        Question { from: WAS.into(), to: "lab-db".into(), protocol: Protocol::Icmp, ..Question::default() };
    let a = answer(seed.snap(), &q).unwrap();
    assert_eq!(blocked(&a).0, Component::SecurityGroup, "the database group opens 3306 only");
    assert_eq!(a.port, None);
    let db_sg = seed.s.db_sg.clone();
    seed.group(&db_sg).ingress.push(SgRule {
        protocol: "-1".into(),
        from_port: None,
        to_port: None,
        source: cidr("10.10.3.0/24"),
        peering: None,
    });
    let a = answer(seed.snap(), &q).unwrap();
    assert!(a.reachable, "{}", dump(&a));
    let all = Question { protocol: Protocol::All, ..q };
    assert!(answer(seed.snap(), &all).unwrap().reachable);
    assert_korean(&answer(seed.snap(), &all).unwrap());
}

#[test]
fn endpoints_resolve_by_id_name_address_and_cidr_and_bad_ones_are_refused() {
    let mut seed = seed();
    let snap = seed.snap().clone();
    let ask = |from: &str, to: &str| {
        answer(&snap, &Question { from: from.into(), to: to.into(), port: Some(3306), ..Question::default() })
    };
    let a = ask("was-1", "lab-db").unwrap();
    assert_eq!((a.from.kind, a.from.id.as_deref()), (EndpointKind::Instance, Some(WAS)));
    let a = ask(WAS_IP, "lab-db").unwrap();
    assert_eq!(
        (a.from.kind, a.from.id.as_deref(), a.from.input.as_str()),
        (EndpointKind::Instance, Some(WAS), WAS_IP)
    );
    let a = ask("10.10.3.0/24", "lab-db").unwrap();
    assert_eq!(a.from.kind, EndpointKind::Subnet);
    let a = ask("10.10.3.0/28", "lab-db").unwrap();
    assert_eq!(a.from.kind, EndpointKind::Cidr);
    let a = ask(WAS, "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/web-alb/1")
        .unwrap();
    assert_eq!(a.to.kind, EndpointKind::LoadBalancer);

    let err = ask("nope", "lab-db").unwrap_err();
    assert!(matches!(err, ReachError::UnknownEndpoint { flag: "--from", .. }), "{err:?}");
    let err = ask(WAS, "10.99.0.1").unwrap_err();
    assert!(err.to_string().contains("no subnet"), "{err}");
    let err = ask("internet", "8.8.8.8").unwrap_err();
    assert!(matches!(err, ReachError::BadQuestion(_)), "{err:?}");
    let err = answer(&snap, &Question { from: WAS.into(), to: "lab-db".into(), ..Question::default() })
        .unwrap_err();
    assert!(err.to_string().contains("--port"), "{err}");

    // Two instances named alike: ambiguous, both listed.
    let was_subnet = seed.s.was[1].clone();
    let was_sg = seed.s.was_sg.clone();
    instance(&mut seed.b, "i-0was9", "was-1", &was_subnet, "10.10.4.9", &[&was_sg], None);
    let q = Question { from: "was-1".into(), to: "lab-db".into(), port: Some(3306), ..Question::default() };
    match answer(seed.snap(), &q).unwrap_err() {
        ReachError::Ambiguous { flag, candidates, .. } => {
            assert_eq!(flag, "--from");
            assert!(
                candidates.iter().any(|c| c.contains(WAS))
                    && candidates.iter().any(|c| c.contains("i-0was9")),
                "{candidates:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    // `--from-subnet` places only groups, databases and load balancers.
    let q = Question { from: WAS.into(), from_subnet: Some("10.10.3.0/24".into()), ..q };
    assert!(answer(seed.snap(), &q).unwrap_err().to_string().contains("--from-subnet"));
}

#[test]
fn a_snapshot_without_network_acls_or_with_a_denied_read_is_refused() {
    let seed = seed();
    let mut snap = seed.b.build();
    let q = Question { from: WAS.into(), to: "lab-db".into(), port: Some(3306), ..Question::default() };
    snap.network_acls = Collected::NotCollected;
    let err = answer(&snap, &q).unwrap_err();
    assert_eq!(err, ReachError::NotCollected(ResourceKind::NetworkAcls));
    assert!(!err.is_aws() && err.to_string().contains("sandpit snapshot --out"), "{err}");
    snap.network_acls = Collected::Error {
        error: CollectError::Denied {
            action: "ec2:DescribeNetworkAcls".into(),
            managed_policy: "AmazonVPCReadOnlyAccess".into(),
            message: "no".into(),
        },
    };
    let err = answer(&snap, &q).unwrap_err();
    assert!(err.is_aws() && err.to_string().contains("ec2:DescribeNetworkAcls"), "{err}");
}

#[test]
fn an_answer_survives_json_and_renders_the_contract_shape() {
    let mut seed = seed();
    let rt = seed.s.private_rt.clone();
    seed.table(&rt).routes.retain(|r| r.target_kind != RouteTargetKind::Peering);
    let a = seed.ask(WAS, "lab-db", 3306);
    let back: Answer = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(back, a);
    let json = serde_json::to_value(a.render(Lang::En)).unwrap();
    for key in ["from", "to", "protocol", "port", "reachable", "hops", "blocked_at", "fix", "beyond_network"]
    {
        assert!(json.get(key).is_some(), "{key} missing: {json:#}");
    }
    assert_eq!(json["protocol"], "tcp");
    assert_eq!(json["port"], 3306);
    assert_eq!(json["reachable"], false);
    assert_eq!(json["blocked_at"], 3);
    let hop = &json["hops"][2];
    for key in ["n", "component", "resource", "direction", "verdict", "rule", "detail"] {
        assert!(hop.get(key).is_some(), "hop {key} missing: {hop:#}");
    }
    assert_eq!(
        (hop["component"].as_str(), hop["verdict"].as_str(), hop["direction"].as_str()),
        (Some("route_table"), Some("no_route"), Some("outbound"))
    );
}

#[test]
fn a_nat_gateway_in_a_private_subnet_is_moved_not_routed_to_the_internet_gateway() {
    let mut seed = seed();
    // The gateway put in the second WAS subnet, whose table (the private one) sends the
    // internet to the gateway itself.
    let private = seed.s.was[1].clone();
    seed.snap().nat_gateways.items_mut().unwrap()[0].subnet_id = private.clone();
    let rt = seed.s.private_rt.clone();
    let a = seed.ask(WAS, "internet", 443);
    assert_eq!(blocked(&a), (Component::RouteTable, Direction::Outbound, Verdict::NoRoute, rt.clone()));
    let fix = a.fix.clone().unwrap();
    let public = seed.s.public[0].clone();
    assert!(fix.en.contains(&format!("create-nat-gateway --subnet-id {public}")), "{}", fix.en);
    assert!(
        fix.en.contains(&format!(
            "replace-route --route-table-id {rt} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id NEW_NAT_ID"
        )),
        "{}",
        fix.en
    );
    assert!(fix.en.contains(&private) && fix.en.contains("private subnet"), "{}", fix.en);
    // Never the route that would expose every private subnet to the internet.
    assert!(!fix.en.contains("--gateway-id igw"), "{}", fix.en);
    assert_korean(&a);
}

#[test]
fn a_block_spanning_several_subnets_says_so_and_asks_for_one() {
    let mut seed = seed();
    let q = Question { from: WAS.into(), to: "10.10.0.0/16".into(), port: Some(80), ..Question::default() };
    let err = answer(seed.snap(), &q).unwrap_err();
    assert!(matches!(err, ReachError::UnknownEndpoint { flag: "--to", .. }), "{err:?}");
    let said = err.explain(crate::msg::Place::Cli);
    assert!(!said.en.contains("no subnet"), "{}", said.en);
    assert!(said.en.contains("wider than one subnet") && said.en.contains(&seed.s.was[0]), "{}", said.en);
    assert!(said.ko.contains("서브넷 하나보다 넓습니다"), "{}", said.ko);
    // An address outside every subnet is still "in no subnet".
    let q = Question { to: "10.99.0.0/16".into(), ..q };
    assert!(answer(seed.snap(), &q).unwrap_err().to_string().contains("no subnet"));
}

#[test]
fn a_port_with_a_protocol_without_ports_is_refused() {
    let mut seed = seed();
    for protocol in [Protocol::Icmp, Protocol::All] {
        let q = Question {
            from: WAS.into(),
            to: "lab-db".into(),
            protocol,
            port: Some(3306),
            ..Question::default()
        };
        match answer(seed.snap(), &q).unwrap_err() {
            ReachError::BadQuestion(said) => {
                assert!(said.en.contains("--port") && said.en.contains(protocol.name()), "{}", said.en);
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_placements_line_says_which_path_is_shown() {
    let mut seed = seed();
    let mut a = seed.ask(WAS, "lab-db", 3306);
    let note = a.placements_note().unwrap();
    assert!(note.en.contains("3/3") && note.en.contains("all are open"), "{}", note.en);
    assert!(!note.en.contains("blocked") && !note.ko.contains("막힌"), "{} / {}", note.en, note.ko);
    a.paths[1].reachable = false;
    let note = a.placements_note().unwrap();
    assert!(note.en.contains("2/3") && note.en.contains("the first that is blocked"), "{}", note.en);
    assert!(note.ko.contains("막힌 첫 경로"), "{}", note.ko);
    // One placement: nothing to say.
    let one = seed.ask(WAS, WEB, 80);
    assert_eq!(one.paths.len(), 1);
    assert_eq!(one.placements_note(), None);
}
