//! `sandpit reach --from A --to B --port N`: the path troubleshooter (`sandpit_core::reach`).

use std::path::PathBuf;

use clap::Args;
use sandpit_core::msg::{Explain, Place};
use sandpit_core::reach::{self, Answer, Direction, Endpoint, EndpointKind, Protocol, Question, Verdict};
use sandpit_core::{Lang, msg};

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
        _ => Err(msg::text(crate::requested_lang(), "cli-reach-not-a-port", &[("value", raw.into())])),
    }
}

fn parse_protocol(raw: &str) -> Result<Protocol, String> {
    raw.parse().map_err(|_| {
        msg::text(crate::requested_lang(), "cli-reach-unknown-protocol", &[("value", raw.into())])
    })
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
        return Err(Failure::bad_input_said(msg!("reach-port-needed", protocol = args.protocol.to_string())));
    }
    // A port given for a protocol without ports would be dropped unseen: refused, so that
    // `--protocol icmp --port 3306` is not read as an answer about 3306.
    if !args.protocol.has_port() && args.port.is_some() {
        return Err(Failure::bad_input_said(msg!(
            "reach-port-without-ports",
            protocol = args.protocol.to_string()
        )));
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
    let answer = reach::answer(&snapshot, &question).map_err(|e| {
        if e.is_aws() { Failure::aws_said(e.explain(Place::Cli)) } else { Failure::input(&e) }
    })?;
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

fn kind_label(kind: EndpointKind, t: Text) -> String {
    match kind {
        EndpointKind::Instance => t.say("cli-reach-instance"),
        EndpointKind::NetworkInterface => t.say("cli-reach-network-interface"),
        EndpointKind::RdsInstance => t.say("cli-reach-rds-instance"),
        EndpointKind::LoadBalancer => t.say("cli-reach-load-balancer"),
        EndpointKind::SecurityGroup => t.say("cli-reach-security-group"),
        EndpointKind::Subnet => t.say("cli-reach-subnet"),
        EndpointKind::Address => t.say("cli-reach-address"),
        EndpointKind::Cidr => t.say("cli-reach-cidr-block"),
        EndpointKind::Internet => t.say("cli-reach-internet"),
    }
}

fn direction_label(d: Direction, t: Text) -> String {
    match d {
        Direction::Outbound => t.say("cli-reach-out"),
        Direction::Inbound => t.say("cli-reach-in"),
        Direction::Return => t.say("cli-reach-reply"),
    }
}

fn verdict_label(v: Verdict, t: Text) -> String {
    match v {
        Verdict::Allow => t.say("cli-reach-allow"),
        Verdict::Deny => t.say("cli-reach-deny"),
        Verdict::NoRoute => t.say("cli-reach-no-route"),
        Verdict::Inactive => t.say("cli-reach-inactive"),
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
        (Protocol::All, _) => t.say("cli-reach-all-traffic"),
        (Protocol::Icmp, _) => "ICMP".to_owned(),
        (p, Some(port)) => format!("{p}/{port}"),
        (p, None) => p.to_string(),
    };
    println!("{} {}", pad(&t.say("cli-reach-from"), 6), endpoint_line(&a.from, t));
    println!("{} {}", pad(&t.say("cli-reach-to"), 6), endpoint_line(&a.to, t));
    println!("{} {traffic}", pad(&t.say("cli-reach-traffic"), 6));
    if let Some(url) = emulator {
        println!("{}", t.paint("33", &format!("{} {url}", t.say("cli-emulator-not-aws"))));
    }
    println!();
    let r = a.render(lang);
    for hop in &r.hops {
        let (mark, color) = if hop.verdict == Verdict::Allow { ("✔", "32") } else { ("✘", "31") };
        println!(
            "{:>3} {} {} {} {} · {}",
            hop.n,
            t.paint(color, mark),
            pad(&hop.component.label(lang), 18),
            pad(&direction_label(hop.direction, t), 5),
            hop.resource,
            t.paint(color, &verdict_label(hop.verdict, t)),
        );
        println!("      {} {}", pad(&t.say("cli-reach-rule"), 7), hop.rule);
        println!("      {} {}", pad(&t.say("cli-reach-why"), 7), hop.detail);
        if !hop.would_admit.is_empty() {
            println!("      {} {}", pad(&t.say("cli-reach-groups"), 7), hop.would_admit.join(", "));
        }
        if let Some(fix) = &hop.fix {
            println!("      {} {fix}", pad(&t.say("cli-reach-fix"), 7));
        }
    }
    println!();
    if let Some(note) = a.placements_note() {
        println!("{}", note.get(lang));
    }
    for o in &a.overlaps {
        println!(
            "{} {} {} ↔ {} {}",
            t.paint("33", &t.say("cli-reach-overlapping-cidrs")),
            o.vpc_a,
            o.cidr_a,
            o.vpc_b,
            o.cidr_b
        );
    }
    match r.blocked_at {
        None => println!("{}", t.paint("32", &t.say("cli-reach-reachable"))),
        Some(n) => {
            println!("{} {n}", t.paint("31", &t.say("cli-reach-not-reachable-blocked-at-hop")));
            if let Some(fix) = &r.fix {
                println!("{} {fix}", t.say("cli-reach-fix"));
            }
        }
    }
    println!("{}", r.beyond_network);
}
