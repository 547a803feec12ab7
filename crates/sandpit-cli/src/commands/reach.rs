//! `sandpit reach --from A --to B --port N`: the path troubleshooter (`sandpit_core::reach`).

use std::path::PathBuf;

use clap::Args;
use sandpit_core::Lang;
use sandpit_core::reach::{self, Answer, Component, Direction, Endpoint, EndpointKind, Protocol, Question, Verdict};

use crate::GlobalArgs;
use crate::exit::{CmdResult, Failure, Outcome};
use crate::output::{Text, pad, print_json};

/// `sandpit reach --from A --to B --port N [--protocol P] [--json] [--snapshot FILE | --save-snapshot FILE]`
#[derive(Debug, Args)]
pub(crate) struct ReachArgs {
    /// Where the traffic starts: an instance, network interface, RDS instance or load balancer
    /// (id, name or ARN), a security group id (with --from-subnet), a subnet id, an IPv4
    /// address or CIDR block, a Name tag, or `internet`
    #[arg(long, value_name = "ENDPOINT")]
    from: String,
    /// Where it goes (the same forms)
    #[arg(long, value_name = "ENDPOINT")]
    to: String,
    /// The subnet a security-group source sits in (id, Name tag or CIDR); required when the
    /// group's VPC has several subnets. Also narrows a database or load balancer to one subnet
    #[arg(long, value_name = "SUBNET")]
    from_subnet: Option<String>,
    /// The subnet a security-group destination sits in (as --from-subnet)
    #[arg(long, value_name = "SUBNET")]
    to_subnet: Option<String>,
    /// The destination port, 1-65535 (required for tcp and udp)
    #[arg(long, value_name = "N", value_parser = parse_port)]
    port: Option<u16>,
    /// tcp, udp, icmp (ping) or all (every protocol and port)
    #[arg(long, value_name = "PROTOCOL", default_value = "tcp", value_parser = parse_protocol)]
    protocol: Protocol,
    /// One JSON object instead of the path for people
    #[arg(long)]
    json: bool,
    /// Answer from a saved snapshot instead of the account (offline; `sandpit snapshot --out`)
    #[arg(long, value_name = "FILE", conflicts_with = "save_snapshot")]
    snapshot: Option<PathBuf>,
    /// Save what was read from the account as a snapshot file (to ask again offline)
    #[arg(long, value_name = "FILE")]
    save_snapshot: Option<PathBuf>,
}

fn parse_port(raw: &str) -> Result<u16, String> {
    match raw.trim().parse::<u16>() {
        Ok(p) if p > 0 => Ok(p),
        _ => Err(format!("`{raw}` is not a port (1-65535), e.g. --port 3306")),
    }
}

fn parse_protocol(raw: &str) -> Result<Protocol, String> {
    raw.parse()
}

pub(crate) fn run(global: &GlobalArgs, args: &ReachArgs) -> CmdResult {
    let question = Question {
        from: args.from.clone(),
        to: args.to.clone(),
        from_subnet: args.from_subnet.clone(),
        to_subnet: args.to_subnet.clone(),
        protocol: args.protocol,
        port: args.port,
    };
    // Refused before the account is read: a question that cannot be answered costs no calls.
    if args.protocol.has_port() && args.port.is_none() {
        return Err(Failure::bad_input(format!("--port is required for {} (e.g. --port 3306)", args.protocol)));
    }
    let live = args.snapshot.is_none();
    let snapshot = match &args.snapshot {
        Some(path) => super::check::read_snapshot(path)?,
        None => super::runtime().block_on(async {
            let aws = super::open(global).await?;
            let (_, snapshot) = aws.read(&reach::KINDS.iter().copied().collect()).await?;
            Ok::<_, Failure>(snapshot)
        })?,
    };
    let answer = reach::answer(&snapshot, &question)
        .map_err(|e| if e.is_aws() { Failure::aws(e) } else { Failure::bad_input(e) })?;
    if let Some(path) = &args.save_snapshot {
        super::write_json_atomically(path, &snapshot)?;
    }
    if args.json {
        print_json(&answer.render(global.lang));
    } else {
        let emulator = if live { super::emulator(global) } else { None };
        print_answer(&answer, Text::new(global.lang), global.lang, emulator.as_deref());
    }
    Ok(if answer.reachable { Outcome::Success } else { Outcome::NotAllGood })
}

fn kind_label(kind: EndpointKind, t: Text) -> &'static str {
    match kind {
        EndpointKind::Instance => t.pick("instance", "인스턴스"),
        EndpointKind::NetworkInterface => t.pick("network interface", "네트워크 인터페이스"),
        EndpointKind::RdsInstance => t.pick("RDS instance", "RDS 인스턴스"),
        EndpointKind::LoadBalancer => t.pick("load balancer", "로드 밸런서"),
        EndpointKind::SecurityGroup => t.pick("security group", "보안 그룹"),
        EndpointKind::Subnet => t.pick("subnet", "서브넷"),
        EndpointKind::Address => t.pick("address", "주소"),
        EndpointKind::Cidr => t.pick("CIDR block", "CIDR 블록"),
        EndpointKind::Internet => t.pick("internet", "인터넷"),
    }
}

fn component_label(c: Component, t: Text) -> &'static str {
    match c {
        Component::SecurityGroup => t.pick("security group", "보안 그룹"),
        Component::NetworkAcl => t.pick("network ACL", "네트워크 ACL"),
        Component::RouteTable => t.pick("route table", "라우팅 테이블"),
        Component::Peering => t.pick("peering", "피어링"),
        Component::InternetGateway => t.pick("internet gateway", "인터넷 게이트웨이"),
        Component::NatGateway => t.pick("NAT gateway", "NAT 게이트웨이"),
        Component::TransitGateway => t.pick("transit gateway", "전송 게이트웨이"),
    }
}

fn direction_label(d: Direction, t: Text) -> &'static str {
    match d {
        Direction::Outbound => t.pick("out", "나감"),
        Direction::Inbound => t.pick("in", "들어옴"),
        Direction::Return => t.pick("reply", "응답"),
    }
}

fn verdict_label(v: Verdict, t: Text) -> &'static str {
    match v {
        Verdict::Allow => t.pick("allow", "허용"),
        Verdict::Deny => t.pick("deny", "거부"),
        Verdict::NoRoute => t.pick("no route", "경로 없음"),
        Verdict::Inactive => t.pick("inactive", "비활성"),
    }
}

fn endpoint_line(e: &Endpoint, t: Text) -> String {
    let mut parts = vec![kind_label(e.kind, t).to_owned()];
    match (&e.id, &e.name) {
        (Some(id), Some(name)) if name != id => parts.push(format!("{id} ({name})")),
        (Some(id), _) => parts.push(id.clone()),
        (None, _) if e.kind != EndpointKind::Internet || e.input != "internet" => parts.push(e.input.clone()),
        _ => {}
    }
    let mut line = parts.join(" ");
    if !e.subnets.is_empty() {
        line.push_str(&format!(" · {}", e.subnets.join(", ")));
    }
    if !e.addresses.is_empty() && e.kind != EndpointKind::Internet {
        line.push_str(&format!(" · {}", e.addresses.join(", ")));
    }
    line
}

fn print_answer(a: &Answer, t: Text, lang: Lang, emulator: Option<&str>) {
    let traffic = match (a.protocol, a.port) {
        (Protocol::All, _) => t.pick("all traffic", "모든 트래픽").to_owned(),
        (Protocol::Icmp, _) => "ICMP".to_owned(),
        (p, Some(port)) => format!("{p}/{port}"),
        (p, None) => p.to_string(),
    };
    println!("{} {}", pad(t.pick("from", "출발"), 6), endpoint_line(&a.from, t));
    println!("{} {}", pad(t.pick("to", "도착"), 6), endpoint_line(&a.to, t));
    println!("{} {traffic}", pad(t.pick("traffic", "트래픽"), 6));
    if let Some(url) = emulator {
        println!("{}", t.paint("33", &format!("{} {url}", t.pick("⚠ emulator, not AWS:", "⚠ AWS가 아닌 에뮬레이터:"))));
    }
    println!();
    let r = a.render(lang);
    for hop in &r.hops {
        let (mark, color) = if hop.verdict == Verdict::Allow { ("✔", "32") } else { ("✘", "31") };
        println!(
            "{:>3} {} {} {} {} · {}",
            hop.n,
            t.paint(color, mark),
            pad(component_label(hop.component, t), 18),
            pad(direction_label(hop.direction, t), 5),
            hop.resource,
            t.paint(color, verdict_label(hop.verdict, t)),
        );
        println!("      {} {}", pad(t.pick("rule", "규칙"), 7), hop.rule);
        println!("      {} {}", pad(t.pick("why", "설명"), 7), hop.detail);
        if !hop.would_admit.is_empty() {
            println!("      {} {}", pad(t.pick("groups", "그룹"), 7), hop.would_admit.join(", "));
        }
        if let Some(fix) = &hop.fix {
            println!("      {} {fix}", pad(t.pick("fix", "해결"), 7));
        }
    }
    println!();
    if a.paths.len() > 1 {
        let open = a.paths.iter().filter(|p| p.reachable).count();
        println!(
            "{} {open}/{} {}",
            t.pick("placements open:", "열린 배치:"),
            a.paths.len(),
            t.pick(
                "(a database or load balancer may use any of its subnets; the path shown is the first that is blocked)",
                "(데이터베이스나 로드 밸런서는 어느 서브넷이든 쓸 수 있어 모두 확인했고, 막힌 첫 경로를 보여 줍니다)"
            )
        );
    }
    for o in &a.overlaps {
        println!(
            "{} {} {} ↔ {} {}",
            t.paint("33", t.pick("⚠ overlapping CIDRs:", "⚠ 겹치는 CIDR:")),
            o.vpc_a,
            o.cidr_a,
            o.vpc_b,
            o.cidr_b
        );
    }
    match r.blocked_at {
        None => println!("{}", t.paint("32", t.pick("✔ REACHABLE", "✔ 도달 가능"))),
        Some(n) => {
            println!("{} {n}", t.paint("31", t.pick("✘ NOT REACHABLE — blocked at hop", "✘ 도달 불가 — 막힌 구간:")));
            if let Some(fix) = &r.fix {
                println!("{} {fix}", t.pick("fix:", "해결:"));
            }
        }
    }
    println!("{}", r.beyond_network);
}
