//! Snapshot builders for tests: the empty account, the solved labs, and ways to break them.

use crate::snapshot::*;

/// Builds a snapshot resource by resource, with readable fake ids.
pub(crate) struct Builder {
    snap: Snapshot,
    next: u32,
}

fn tags(name: &str) -> Tags {
    if name.is_empty() { Tags::new() } else { Tags::from([("Name".to_owned(), name.to_owned())]) }
}

/// An ingress rule: `tcp` `port` from `source`.
pub(crate) fn tcp(port: i32, source: RuleSource) -> SgRule {
    SgRule::new("tcp", Some(port), Some(port), source)
}

/// A CIDR source.
pub(crate) fn cidr(c: &str) -> RuleSource {
    RuleSource::Cidr(c.into())
}

/// A security group source.
pub(crate) fn group(id: &str) -> RuleSource {
    RuleSource::Group(id.into())
}

impl Builder {
    /// An account where every resource type was read and nothing exists.
    pub(crate) fn empty() -> Self {
        let snap = Snapshot {
            account: Some("123456789012".into()),
            region: Some("ap-northeast-2".into()),
            ..Snapshot::all_read_and_empty()
        };
        Self { snap, next: 1 }
    }

    fn id(&mut self, prefix: &str) -> String {
        let id = format!("{prefix}-{:04}", self.next);
        self.next += 1;
        id
    }

    pub(crate) fn vpc(&mut self, cidr: &str, name: &str) -> String {
        let id = self.id("vpc");
        self.snap.vpcs.items_mut().unwrap().push(Vpc {
            id: id.clone(),
            cidr: cidr.into(),
            secondary_cidrs: vec![],
            is_default: false,
            state: "available".into(),
            tags: tags(name),
        });
        // Every VPC comes with a main route table and a default security group, as in AWS.
        let rt = self.id("rtb");
        self.snap.route_tables.items_mut().unwrap().push(RouteTable {
            id: rt,
            vpc_id: id.clone(),
            main: true,
            subnet_ids: vec![],
            routes: vec![route(cidr, "local")],
            tags: Tags::new(),
        });
        let sg = self.id("sg");
        self.snap.security_groups.items_mut().unwrap().push(SecurityGroup {
            id: sg.clone(),
            name: "default".into(),
            vpc_id: id.clone(),
            description: "default VPC security group".into(),
            ingress: vec![SgRule::new("-1", None, None, group(&sg))],
            egress: vec![],
            tags: Tags::new(),
        });
        id
    }

    pub(crate) fn subnet(&mut self, vpc: &str, cidr: &str, az: &str, name: &str) -> String {
        let id = self.id("subnet");
        self.snap.subnets.items_mut().unwrap().push(Subnet {
            id: id.clone(),
            vpc_id: vpc.into(),
            cidr: cidr.into(),
            availability_zone: az.into(),
            map_public_ip_on_launch: false,
            tags: tags(name),
        });
        id
    }

    pub(crate) fn igw(&mut self, vpc: Option<&str>) -> String {
        let id = self.id("igw");
        self.snap.internet_gateways.items_mut().unwrap().push(InternetGateway {
            id: id.clone(),
            attachments: vpc
                .map(|v| vec![IgwAttachment { vpc_id: v.into(), state: "available".into() }])
                .unwrap_or_default(),
            tags: Tags::new(),
        });
        id
    }

    pub(crate) fn eip(&mut self) -> String {
        let id = self.id("eipalloc");
        self.snap.elastic_ips.items_mut().unwrap().push(ElasticIp {
            allocation_id: id.clone(),
            public_ip: format!("3.34.0.{}", self.next),
            association_id: None,
            network_interface_id: None,
            tags: Tags::new(),
        });
        id
    }

    pub(crate) fn nat(&mut self, vpc: &str, subnet: &str, eip: Option<&str>, state: &str) -> String {
        let id = self.id("nat");
        // A NAT gateway's address is associated with the gateway's network interface.
        if let Some(alloc) = eip
            && let Some(e) =
                self.snap.elastic_ips.items_mut().unwrap().iter_mut().find(|e| e.allocation_id == alloc)
        {
            e.association_id = Some(format!("eipassoc-{}", &id[4..]));
            e.network_interface_id = Some(format!("eni-{}", &id[4..]));
        }
        self.snap.nat_gateways.items_mut().unwrap().push(NatGateway {
            id: id.clone(),
            vpc_id: vpc.into(),
            subnet_id: subnet.into(),
            state: state.into(),
            connectivity: "public".into(),
            addresses: eip
                .map(|a| {
                    vec![NatGatewayAddress {
                        allocation_id: Some(a.into()),
                        public_ip: Some("3.34.1.1".into()),
                        private_ip: Some("10.10.5.10".into()),
                    }]
                })
                .unwrap_or_default(),
            created_at: None,
            tags: Tags::new(),
        });
        id
    }

    /// A route table associated with `subnets`, with a local route for the VPC plus `routes`
    /// (`destination`, `target`).
    pub(crate) fn route_table(&mut self, vpc: &str, subnets: &[&str], routes: &[(&str, &str)]) -> String {
        let id = self.id("rtb");
        let vpc_cidr = self.snap.vpc(vpc).map(|v| v.cidr.clone()).unwrap_or_default();
        let mut all = vec![route(&vpc_cidr, "local")];
        all.extend(routes.iter().map(|(d, t)| route(d, t)));
        self.snap.route_tables.items_mut().unwrap().push(RouteTable {
            id: id.clone(),
            vpc_id: vpc.into(),
            main: false,
            subnet_ids: subnets.iter().map(|s| (*s).to_owned()).collect(),
            routes: all,
            tags: Tags::new(),
        });
        id
    }

    pub(crate) fn sg(&mut self, vpc: &str, name: &str, ingress: Vec<SgRule>) -> String {
        let id = self.id("sg");
        self.snap.security_groups.items_mut().unwrap().push(SecurityGroup {
            id: id.clone(),
            name: name.into(),
            vpc_id: vpc.into(),
            description: name.into(),
            ingress,
            egress: vec![],
            tags: Tags::new(),
        });
        id
    }

    pub(crate) fn peering(&mut self, requester: &str, accepter: &str, status: &str) -> String {
        let id = self.id("pcx");
        let side = |snap: &Snapshot, vpc: &str| PeeringSide {
            vpc_id: vpc.into(),
            owner_id: Some("123456789012".into()),
            region: Some("ap-northeast-2".into()),
            cidrs: snap.vpc(vpc).map(|v| vec![v.cidr.clone()]).unwrap_or_default(),
        };
        let pcx = PeeringConnection {
            id: id.clone(),
            status: status.into(),
            status_message: None,
            requester: side(&self.snap, requester),
            accepter: side(&self.snap, accepter),
            tags: Tags::new(),
        };
        self.snap.peering_connections.items_mut().unwrap().push(pcx);
        id
    }

    pub(crate) fn snapshot(&mut self) -> &mut Snapshot {
        &mut self.snap
    }

    pub(crate) fn build(self) -> Snapshot {
        self.snap
    }
}

/// A route.
pub(crate) fn route(dest: &str, target: &str) -> Route {
    Route {
        destination: dest.into(),
        target: target.into(),
        target_kind: RouteTargetKind::from_target_id(target),
        state: "active".into(),
    }
}

/// The ids of the solved labs' resources, for tests that break one of them.
#[derive(Debug, Default)]
pub(crate) struct Solved {
    pub(crate) app_vpc: String,
    pub(crate) db_vpc: String,
    pub(crate) public: [String; 2],
    pub(crate) web: [String; 2],
    pub(crate) was: [String; 2],
    pub(crate) db: [String; 3],
    pub(crate) igw: String,
    pub(crate) nat: String,
    pub(crate) public_rt: String,
    pub(crate) private_rt: String,
    pub(crate) db_rt: String,
    pub(crate) pcx: String,
    pub(crate) alb_sg: String,
    pub(crate) web_sg: String,
    pub(crate) was_sg: String,
    pub(crate) db_sg: String,
}

/// Both network labs built exactly as the bootcamp project did (the labs' defaults).
pub(crate) fn solved() -> (Builder, Solved) {
    let mut b = Builder::empty();
    let mut s = Solved::default();
    let (a, c) = ("ap-northeast-2a", "ap-northeast-2c");
    s.app_vpc = b.vpc("10.10.0.0/16", "vpc-1");
    let v = s.app_vpc.clone();
    s.public = [b.subnet(&v, "10.10.5.0/24", a, "pub_vpc1-1"), b.subnet(&v, "10.10.6.0/24", c, "pub_vpc1-2")];
    s.web = [
        b.subnet(&v, "10.10.1.0/24", a, "web_vpc1-1_pri"),
        b.subnet(&v, "10.10.2.0/24", c, "web_vpc1-2_pri"),
    ];
    s.was = [
        b.subnet(&v, "10.10.3.0/24", a, "was_vpc1-1_pri"),
        b.subnet(&v, "10.10.4.0/24", c, "was_vpc1-2_pri"),
    ];
    s.igw = b.igw(Some(&v));
    let eip = b.eip();
    s.nat = b.nat(&v, &s.public[0].clone(), Some(&eip), "available");

    s.db_vpc = b.vpc("172.16.0.0/16", "vpc-2");
    let d = s.db_vpc.clone();
    s.db = [
        b.subnet(&d, "172.16.1.0/24", a, "db_vpc2-1"),
        b.subnet(&d, "172.16.2.0/24", c, "db_vpc2-2"),
        b.subnet(&d, "172.16.3.0/24", a, "db_vpc2-3"),
    ];
    s.pcx = b.peering(&v, &d, "active");

    let public: Vec<&str> = s.public.iter().map(String::as_str).collect();
    s.public_rt = b.route_table(&v, &public, &[("0.0.0.0/0", &s.igw.clone())]);
    let private: Vec<&str> = s.web.iter().chain(&s.was).map(String::as_str).collect();
    s.private_rt =
        b.route_table(&v, &private, &[("0.0.0.0/0", &s.nat.clone()), ("172.16.0.0/16", &s.pcx.clone())]);
    let db: Vec<&str> = s.db.iter().map(String::as_str).collect();
    s.db_rt = b.route_table(&d, &db, &[("10.10.0.0/16", &s.pcx.clone())]);

    s.alb_sg = b.sg(&v, "alb-sg", vec![tcp(80, cidr("0.0.0.0/0")), tcp(443, cidr("0.0.0.0/0"))]);
    s.web_sg = b.sg(&v, "web-sg", vec![tcp(80, group(&s.alb_sg.clone()))]);
    s.was_sg = b.sg(&v, "was-sg", vec![tcp(8080, group(&s.web_sg.clone()))]);
    s.db_sg = b.sg(&d, "db-sg", vec![tcp(3306, group(&s.was_sg.clone()))]);
    (b, s)
}

/// Runs `check` built from `args` (TOML) of kind `name` over what `snap` would hold for it:
/// only the resource kinds it declares (`needs`), as the engine collects them, so a kind that
/// reads more than it declares fails its tests.
pub(crate) fn run(name: &str, args: toml::Table, snap: &Snapshot) -> Vec<crate::report::Finding> {
    let kind = super::kind(name).expect("known kind");
    kind.build(toml::Value::Table(args)).expect("valid args").evaluate(&snap.only(kind.needs))
}

/// The statuses of findings, for compact assertions.
pub(crate) fn statuses(findings: &[crate::report::Finding]) -> Vec<crate::report::FindingStatus> {
    findings.iter().map(|f| f.status).collect()
}

/// The failing findings.
pub(crate) fn failures(findings: &[crate::report::Finding]) -> Vec<&crate::report::Finding> {
    findings.iter().filter(|f| f.status == crate::report::FindingStatus::Fail).collect()
}

impl Builder {
    /// Adds a hosted zone with its NS and SOA records, as Route 53 creates it.
    pub(crate) fn zone(&mut self, name: &str, private: bool) -> String {
        let id = format!("Z{:04}", self.next);
        self.next += 1;
        let apex = name.to_owned();
        let ns = |t: &str, v: &str| DnsRecord {
            name: apex.clone(),
            rtype: t.into(),
            ttl: Some(172_800),
            values: vec![v.into()],
            alias_target: None,
            set_identifier: None,
            weight: None,
        };
        self.snap.hosted_zones.items_mut().unwrap().push(HostedZone {
            id: id.clone(),
            name: name.into(),
            private,
            records: vec![
                ns("NS", "ns-1.awsdns-00.com."),
                ns("SOA", "ns-1.awsdns-00.com. hostmaster 1 7200 900 1209600 86400"),
            ],
            unreadable: None,
            records_not_read: false,
        });
        id
    }

    /// Adds a record to the zone named `zone`.
    pub(crate) fn record(&mut self, zone: &str, record: DnsRecord) {
        let zones = self.snap.hosted_zones.items_mut().unwrap();
        zones.iter_mut().find(|z| z.name == zone).unwrap().records.push(record);
    }
}

/// A record with one value.
pub(crate) fn rec(name: &str, rtype: &str, ttl: i64, value: &str) -> DnsRecord {
    DnsRecord {
        name: name.into(),
        rtype: rtype.into(),
        ttl: Some(ttl),
        values: vec![value.into()],
        alias_target: None,
        set_identifier: None,
        weight: None,
    }
}

/// A weighted A record.
pub(crate) fn weighted(name: &str, id: &str, weight: i64, ip: &str) -> DnsRecord {
    DnsRecord { set_identifier: Some(id.into()), weight: Some(weight), ..rec(name, "A", 60, ip) }
}

/// The `route53-records` lab solved as the notes did it: `sandpit-lab.com` with an alias to the
/// load balancer, a CNAME, an MX, and a 70/20/10 weighted set.
pub(crate) fn dns_solved() -> Builder {
    let mut b = Builder::empty();
    let z = "sandpit-lab.com";
    b.zone(z, false);
    b.record(
        z,
        DnsRecord {
            alias_target: Some("web-alb-123.ap-northeast-2.elb.amazonaws.com".into()),
            ttl: None,
            values: vec![],
            ..rec(z, "A", 0, "")
        },
    );
    b.record(z, rec("www.sandpit-lab.com", "CNAME", 300, "sandpit-lab.com"));
    b.record(z, rec(z, "MX", 3600, "10 mail.sandpit-lab.com"));
    b.record(z, weighted("hello.sandpit-lab.com", "a", 70, "10.0.0.1"));
    b.record(z, weighted("hello.sandpit-lab.com", "b", 20, "10.0.0.2"));
    b.record(z, weighted("hello.sandpit-lab.com", "c", 10, "10.0.0.3"));
    b
}

impl Builder {
    /// Adds an enabled KMS key with one alias.
    pub(crate) fn kms_key(&mut self, alias: &str, manager: &str) -> String {
        let id = format!("0000{:04}-1111-2222-3333-444455556666", self.next);
        self.next += 1;
        self.snap.kms_keys.items_mut().unwrap().push(KmsKey {
            arn: format!("arn:aws:kms:ap-northeast-2:123456789012:key/{id}"),
            id: id.clone(),
            manager: manager.into(),
            state: "Enabled".into(),
            aliases: vec![alias.into()],
            unreadable: None,
        });
        id
    }

    /// Adds a DB subnet group over the given subnets of `vpc`.
    pub(crate) fn db_subnet_group(&mut self, name: &str, vpc: &str, subnets: &[String]) {
        let subnets = subnets
            .iter()
            .map(|id| DbSubnet {
                id: id.clone(),
                availability_zone: self
                    .snap
                    .subnet(id)
                    .map(|s| s.availability_zone.clone())
                    .unwrap_or_default(),
            })
            .collect();
        self.snap.db_subnet_groups.items_mut().unwrap().push(DbSubnetGroup {
            name: name.into(),
            vpc_id: vpc.into(),
            subnets,
        });
    }

    /// Adds a DB instance as the lab builds it.
    pub(crate) fn db_instance(&mut self, id: &str, vpc: &str, kms_key_id: &str, sg: &str) {
        self.snap.db_instances.items_mut().unwrap().push(DbInstance {
            id: id.into(),
            class: "db.t3.micro".into(),
            engine: "mysql".into(),
            status: "available".into(),
            storage_encrypted: true,
            kms_key_id: Some(kms_key_id.into()),
            publicly_accessible: false,
            backup_retention_days: 7,
            auto_minor_version_upgrade: true,
            maintenance_window: Some("sun:18:00-sun:19:00".into()),
            master_user_secret_arn: Some(
                "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:rds!db-1".into(),
            ),
            security_groups: vec![sg.into()],
            subnet_group: Some("lab-db-subnets".into()),
            vpc_id: Some(vpc.into()),
            created_at: None,
            cluster_id: None,
            multi_az: false,
            port: Some(3306),
            engine_version: Some("8.0.39".into()),
        });
    }

    /// The DB instance with this id, to break it.
    pub(crate) fn db(&mut self, id: &str) -> &mut DbInstance {
        self.snap.db_instances.items_mut().unwrap().iter_mut().find(|i| i.id == id).unwrap()
    }
}

/// The ids of the solved `rds-kms` lab.
pub(crate) struct RdsSolved {
    pub(crate) key: String,
    pub(crate) db: String,
    pub(crate) net: Solved,
}

/// The network labs solved, plus the `rds-kms` lab as the notes built it.
pub(crate) fn rds_solved() -> (Builder, RdsSolved) {
    let (mut b, net) = solved();
    let key = b.kms_key("alias/lab-rds", "CUSTOMER");
    b.kms_key("alias/aws/rds", "AWS");
    let db_vpc = net.db_vpc.clone();
    b.db_subnet_group("lab-db-subnets", &db_vpc, &net.db);
    let arn = format!("arn:aws:kms:ap-northeast-2:123456789012:key/{key}");
    b.db_instance("lab-db", &db_vpc, &arn, &net.db_sg.clone());
    (b, RdsSolved { key, db: "lab-db".into(), net })
}

/// A notification of `kind` at `threshold` percent, emailing the team.
pub(crate) fn alert(kind: &str, threshold: f64) -> BudgetNotification {
    BudgetNotification {
        notification_type: kind.into(),
        comparison: "GREATER_THAN".into(),
        threshold,
        threshold_type: "PERCENTAGE".into(),
        subscribers: Some(vec!["EMAIL team@example.com".into()]),
        subscribers_unlisted: None,
    }
}

/// The class guard: 22 USD a month, alerts at 50/80/100% actual and 100% forecast.
pub(crate) fn budget_solved() -> Builder {
    let mut b = Builder::empty();
    guard(&mut b);
    b
}

/// Puts the class guard into `b`'s account.
pub(crate) fn guard(b: &mut Builder) {
    b.snapshot().budgets.items_mut().unwrap().push(Budget {
        name: "sandpit-guard".into(),
        budget_type: "COST".into(),
        time_unit: "MONTHLY".into(),
        limit: 22.0,
        unit: "USD".into(),
        actual_spend: Some(0.0),
        forecast_spend: None,
        notifications: vec![
            alert("ACTUAL", 50.0),
            alert("ACTUAL", 80.0),
            alert("ACTUAL", 100.0),
            alert("FORECASTED", 100.0),
        ],
        unreadable: None,
    });
}

// ---------------------------------------------------------------------------------------------
// was-alb-asg

/// An ARN of `kind` for a fixture resource (`loadbalancer/app/was-alb/…`).
pub(crate) fn elb_arn(kind: &str, name: &str) -> String {
    format!("arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:{kind}/{name}/50dc6c495c0c9188")
}

/// The ids of the solved `was-alb-asg` lab (on the solved network labs).
#[derive(Debug, Default)]
pub(crate) struct WasSolved {
    pub(crate) net: Solved,
    pub(crate) was_alb_sg: String,
    pub(crate) template: String,
    pub(crate) tg: String,
    pub(crate) alb: String,
    pub(crate) listener: String,
    pub(crate) asg: String,
    pub(crate) instances: [String; 2],
}

impl Builder {
    /// A launch template whose default version launches `instance_type` into `groups`.
    pub(crate) fn launch_template(&mut self, name: &str, groups: &[&str], instance_type: &str) -> String {
        let id = self.id("lt");
        self.snap.launch_templates.items_mut().unwrap().push(LaunchTemplate {
            id: id.clone(),
            name: name.into(),
            default_version: 1,
            latest_version: 1,
            default_data: Some(LaunchTemplateData {
                image_id: Some("ami-0c9c942bd7bf113a2".into()),
                instance_type: Some(instance_type.into()),
                security_group_ids: vec![],
                interface_security_group_ids: groups.iter().map(|g| (*g).to_owned()).collect(),
                associate_public_ip: Some(false),
                iam_instance_profile: None,
                has_user_data: true,
            }),
            latest_data: None,
            created_at: None,
            tags: Tags::new(),
            unreadable: None,
        });
        id
    }

    /// An HTTP target group on `port` in `vpc` with a health check on `/`.
    pub(crate) fn target_group(&mut self, name: &str, vpc: &str, port: i32) -> String {
        let arn = elb_arn("targetgroup", name);
        self.snap.target_groups.items_mut().unwrap().push(TargetGroup {
            arn: arn.clone(),
            name: name.into(),
            load_balancer_arns: vec![],
            protocol: Some("HTTP".into()),
            port: Some(port),
            vpc_id: Some(vpc.into()),
            target_type: Some("instance".into()),
            health_check_path: Some("/".into()),
            health_check_port: Some("traffic-port".into()),
            health_check_matcher: Some("200".into()),
            targets: vec![],
            unreadable: None,
        });
        arn
    }

    /// An active application load balancer in `subnets` behind `groups`.
    pub(crate) fn alb(
        &mut self,
        name: &str,
        vpc: &str,
        scheme: &str,
        subnets: &[&str],
        groups: &[&str],
    ) -> String {
        let arn = elb_arn("loadbalancer/app", name);
        let subnets = subnets
            .iter()
            .map(|id| LbSubnet {
                subnet_id: (*id).to_owned(),
                availability_zone: self
                    .snap
                    .subnet(id)
                    .map(|s| s.availability_zone.clone())
                    .unwrap_or_default(),
            })
            .collect();
        self.snap.load_balancers.items_mut().unwrap().push(LoadBalancer {
            arn: arn.clone(),
            name: name.into(),
            lb_type: "application".into(),
            state: "active".into(),
            vpc_id: Some(vpc.into()),
            created_at: None,
            scheme: scheme.into(),
            dns_name: format!("internal-{name}-1234567890.ap-northeast-2.elb.amazonaws.com"),
            subnets,
            security_groups: groups.iter().map(|g| (*g).to_owned()).collect(),
            listeners: vec![],
            unreadable: None,
        });
        arn
    }

    /// A listener on `port` of load balancer `lb` forwarding to `tg` (none: a fixed response).
    pub(crate) fn listener(&mut self, lb: &str, port: i32, tg: Option<&str>) -> String {
        let arn = format!("{}/listener-{port}", lb.replace(":loadbalancer/", ":listener/"));
        let action = match tg {
            Some(tg) => ListenerAction { action_type: "forward".into(), target_group_arns: vec![tg.into()] },
            None => ListenerAction { action_type: "fixed-response".into(), target_group_arns: vec![] },
        };
        let lbs = self.snap.load_balancers.items_mut().unwrap();
        lbs.iter_mut().find(|l| l.arn == lb).unwrap().listeners.push(Listener {
            arn: arn.clone(),
            port: Some(port),
            protocol: Some("HTTP".into()),
            default_actions: vec![action],
        });
        if let Some(tg) = tg
            && let Some(group) = self.snap.target_groups.items_mut().unwrap().iter_mut().find(|g| g.arn == tg)
            && !group.load_balancer_arns.iter().any(|a| a == lb)
        {
            group.load_balancer_arns.push(lb.into());
        }
        arn
    }

    /// A running instance of Auto Scaling group `asg` in `subnet`, registered healthy in `tg`.
    pub(crate) fn asg_instance(
        &mut self,
        asg: &str,
        subnet: &str,
        groups: &[&str],
        tg: Option<&str>,
    ) -> String {
        let id = self.id("i");
        let (vpc, az) = self
            .snap
            .subnet(subnet)
            .map(|s| (s.vpc_id.clone(), s.availability_zone.clone()))
            .unwrap_or_default();
        self.snap.ec2_instances.items_mut().unwrap().push(Ec2Instance {
            id: id.clone(),
            instance_type: "t3.micro".into(),
            state: "running".into(),
            vpc_id: Some(vpc),
            launched_at: None,
            tags: Tags::from([("aws:autoscaling:groupName".to_owned(), asg.to_owned())]),
            subnet_id: Some(subnet.into()),
            private_ip: Some("10.10.3.10".into()),
            public_ip: None,
            security_groups: groups.iter().map(|g| (*g).to_owned()).collect(),
            iam_instance_profile: None,
            image_id: Some("ami-0c9c942bd7bf113a2".into()),
        });
        if let Some(g) = self.snap.auto_scaling_groups.items_mut().unwrap().iter_mut().find(|g| g.name == asg)
        {
            g.instances.push(AsgInstance {
                id: id.clone(),
                availability_zone: az,
                lifecycle_state: "InService".into(),
                health_status: "Healthy".into(),
            });
        }
        if let Some(tg) = tg
            && let Some(group) = self.snap.target_groups.items_mut().unwrap().iter_mut().find(|g| g.arn == tg)
        {
            group.targets.push(TargetHealth {
                id: id.clone(),
                port: group.port,
                state: "healthy".into(),
                reason: None,
                description: None,
            });
        }
        id
    }

    /// The Auto Scaling group with this name, to break it.
    pub(crate) fn asg(&mut self, name: &str) -> &mut AutoScalingGroup {
        self.snap.auto_scaling_groups.items_mut().unwrap().iter_mut().find(|g| g.name == name).unwrap()
    }

    /// The target group with this ARN, to break it.
    pub(crate) fn tg(&mut self, arn: &str) -> &mut TargetGroup {
        self.snap.target_groups.items_mut().unwrap().iter_mut().find(|g| g.arn == arn).unwrap()
    }

    /// The load balancer with this ARN, to break it.
    pub(crate) fn lb(&mut self, arn: &str) -> &mut LoadBalancer {
        self.snap.load_balancers.items_mut().unwrap().iter_mut().find(|g| g.arn == arn).unwrap()
    }

    /// The security group with this id, to break it.
    pub(crate) fn group(&mut self, id: &str) -> &mut SecurityGroup {
        self.snap.security_groups.items_mut().unwrap().iter_mut().find(|g| g.id == id).unwrap()
    }
}

/// The network labs solved, plus `was-alb-asg` as the team built it on day 3: the WAS servers
/// in an Auto Scaling group behind an internal load balancer the web servers proxy to.
pub(crate) fn was_solved() -> (Builder, WasSolved) {
    let (mut b, net) = solved();
    let v = net.app_vpc.clone();
    let mut s = WasSolved {
        was_alb_sg: b.sg(&v, "was-alb-sg", vec![tcp(80, group(&net.web_sg))]),
        ..WasSolved::default()
    };
    b.group(&net.was_sg).ingress.push(tcp(8080, group(&s.was_alb_sg)));
    s.template = b.launch_template("was-lt", &[&net.was_sg], "t3.micro");
    s.tg = b.target_group("was-tg", &v, 8080);
    let was: Vec<&str> = net.was.iter().map(String::as_str).collect();
    s.alb = b.alb("was-alb", &v, "internal", &was, &[&s.was_alb_sg]);
    s.listener = b.listener(&s.alb, 80, Some(&s.tg));
    s.asg = "was-asg".to_owned();
    b.snapshot().auto_scaling_groups.items_mut().unwrap().push(AutoScalingGroup {
        name: s.asg.clone(),
        arn: format!(
            "arn:aws:autoscaling:ap-northeast-2:123456789012:autoScalingGroup:1:autoScalingGroupName/{}",
            s.asg
        ),
        min_size: 2,
        max_size: 4,
        desired_capacity: 2,
        launch_template: Some(AsgLaunchTemplate {
            id: Some(s.template.clone()),
            name: Some("was-lt".into()),
            version: Some("$Latest".into()),
        }),
        subnet_ids: net.was.to_vec(),
        availability_zones: vec!["ap-northeast-2a".into(), "ap-northeast-2c".into()],
        target_group_arns: vec![s.tg.clone()],
        health_check_type: "ELB".into(),
        health_check_grace_period: Some(300),
        policies: vec![ScalingPolicy {
            name: "cpu-50".into(),
            policy_type: "TargetTrackingScaling".into(),
            predefined_metric: Some("ASGAverageCPUUtilization".into()),
            custom_metric: None,
            target_value: Some(50.0),
            enabled: true,
        }],
        ..AutoScalingGroup::default()
    });
    let (asg, tg, was_sg) = (s.asg.clone(), s.tg.clone(), net.was_sg.clone());
    s.instances = [
        b.asg_instance(&asg, &net.was[0], &[&was_sg], Some(&tg)),
        b.asg_instance(&asg, &net.was[1], &[&was_sg], Some(&tg)),
    ];
    s.net = net;
    (b, s)
}

// ---------------------------------------------------------------------------------------------
// scaling-alerts

/// An SNS topic ARN.
pub(crate) fn topic_arn(name: &str) -> String {
    format!("arn:aws:sns:ap-northeast-2:123456789012:{name}")
}

/// The topic policy that lets EventBridge publish (what the console adds, and the lab's CLI).
pub(crate) fn events_may_publish(topic: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"events","Effect":"Allow","Principal":{{"Service":"events.amazonaws.com"}},"Action":"sns:Publish","Resource":"{topic}"}}]}}"#
    )
}

/// The policy SNS gives a new topic: its own account may do anything, nobody else.
pub(crate) fn default_topic_policy(topic: &str) -> String {
    format!(
        r#"{{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{{"AWS":"*"}},"Action":["SNS:GetTopicAttributes","SNS:Subscribe","SNS:Publish"],"Resource":"{topic}","Condition":{{"StringEquals":{{"AWS:SourceOwner":"123456789012"}}}}}}]}}"#
    )
}

impl Builder {
    /// A topic with the default policy and a confirmed e-mail subscription per address.
    pub(crate) fn topic(&mut self, name: &str, emails: &[&str]) -> String {
        let arn = topic_arn(name);
        self.snap.sns_topics.items_mut().unwrap().push(SnsTopic {
            arn: arn.clone(),
            policy: Some(default_topic_policy(&arn)),
            subscriptions: emails
                .iter()
                .map(|e| SnsSubscription {
                    arn: format!("{arn}:0f1e2d3c-{}", e.len()),
                    protocol: "email".into(),
                    endpoint: (*e).into(),
                })
                .collect(),
            unreadable: None,
        });
        arn
    }

    /// The topic with this ARN, to break it.
    pub(crate) fn sns(&mut self, arn: &str) -> &mut SnsTopic {
        self.snap.sns_topics.items_mut().unwrap().iter_mut().find(|t| t.arn == arn).unwrap()
    }

    /// An enabled EventBridge rule with `pattern` sending to `target`.
    pub(crate) fn event_rule(&mut self, name: &str, pattern: &str, target: &str) {
        self.snap.event_rules.items_mut().unwrap().push(EventRule {
            name: name.into(),
            arn: format!("arn:aws:events:ap-northeast-2:123456789012:rule/{name}"),
            state: "ENABLED".into(),
            event_pattern: Some(pattern.into()),
            schedule: None,
            targets: vec![EventTarget { id: "1".into(), arn: target.into() }],
            unreadable: None,
        });
    }

    /// A CloudWatch alarm on `metric` of Auto Scaling group `asg`, below `threshold`, telling `topic`.
    pub(crate) fn group_alarm(&mut self, name: &str, asg: &str, metric: &str, threshold: f64, topic: &str) {
        self.snap.metric_alarms.items_mut().unwrap().push(MetricAlarm {
            name: name.into(),
            arn: format!("arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:{name}"),
            metrics: vec![AlarmMetric {
                namespace: "AWS/AutoScaling".into(),
                name: metric.into(),
                dimensions: [("AutoScalingGroupName".to_owned(), asg.to_owned())].into(),
            }],
            comparison: Some("LessThanThreshold".into()),
            threshold: Some(threshold),
            actions_enabled: true,
            alarm_actions: vec![topic.into()],
            state: "OK".into(),
        });
    }
}

/// The EventBridge pattern of the lab: Auto Scaling's launch failures.
pub(crate) const LAUNCH_FAILED: &str =
    r#"{"source":["aws.autoscaling"],"detail-type":["EC2 Instance Launch Unsuccessful"]}"#;

/// `was-alb-asg` solved, plus `scaling-alerts` the way the console builds it: a topic with a
/// confirmed e-mail, and an EventBridge rule on launch failures sending to it (the console adds
/// the topic policy statement that lets EventBridge publish).
pub(crate) fn alerts_solved() -> (Builder, WasSolved, String) {
    let (mut b, s) = was_solved();
    let topic = b.topic("asg-alerts", &["admin@example.com"]);
    b.sns(&topic).policy = Some(events_may_publish(&topic));
    b.event_rule("asg-launch-failed", LAUNCH_FAILED, &topic);
    (b, s, topic)
}

// ---------------------------------------------------------------------------------------------
// iam-team-access

/// An attached AWS managed policy.
pub(crate) fn aws_policy(name: &str) -> AttachedPolicy {
    AttachedPolicy { name: name.into(), arn: format!("arn:aws:iam::aws:policy/{name}") }
}

/// The DevOps boundary of the lab: everything but IAM.
pub(crate) const BOUNDARY_DOC: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#;

/// The ARN of the lab's boundary policy.
pub(crate) const BOUNDARY_ARN: &str = "arn:aws:iam::123456789012:policy/devops-boundary";

impl Builder {
    /// A group with AWS managed policies attached.
    pub(crate) fn iam_group(&mut self, name: &str, policies: &[&str]) {
        self.snap.iam_groups.items_mut().unwrap().push(IamGroup {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:group/{name}"),
            attached_policies: policies.iter().map(|p| aws_policy(p)).collect(),
            inline_policies: vec![],
        });
    }

    /// A user in `groups`, with a console password and an MFA device when `console`.
    pub(crate) fn iam_user(&mut self, name: &str, groups: &[&str], console: bool) {
        self.snap.iam_users.items_mut().unwrap().push(IamUser {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:user/{name}"),
            groups: groups.iter().map(|g| (*g).to_owned()).collect(),
            console_access: Some(console),
            mfa_devices: if console { vec![format!("arn:aws:iam::123456789012:mfa/{name}")] } else { vec![] },
            ..IamUser::default()
        });
    }

    /// The user with this name, to break it.
    pub(crate) fn user(&mut self, name: &str) -> &mut IamUser {
        self.snap.iam_users.items_mut().unwrap().iter_mut().find(|u| u.name == name).unwrap()
    }

    /// The group with this name, to break it.
    pub(crate) fn iam_group_mut(&mut self, name: &str) -> &mut IamGroup {
        self.snap.iam_groups.items_mut().unwrap().iter_mut().find(|g| g.name == name).unwrap()
    }
}

/// `iam-team-access` solved: `infra` with VPC and EC2 full access, `devops` read-only, a member
/// each with console access and MFA, the DevOps member under the boundary that denies IAM, and a
/// root user with MFA and no access keys.
pub(crate) fn iam_solved() -> Builder {
    let mut b = Builder::empty();
    b.snapshot().collected_at = Some("2026-11-21T12:00:00Z".parse().unwrap());
    b.iam_group("infra", &["AmazonVPCFullAccess", "AmazonEC2FullAccess"]);
    b.iam_group("devops", &["ReadOnlyAccess"]);
    b.iam_user("alice", &["infra"], true);
    b.iam_user("bob", &["devops"], true);
    b.user("bob").permissions_boundary = Some(BOUNDARY_ARN.into());
    b.snapshot().iam_policies.items_mut().unwrap().push(IamPolicy {
        name: "devops-boundary".into(),
        arn: BOUNDARY_ARN.into(),
        document: Some(BOUNDARY_DOC.into()),
    });
    b.snapshot()
        .iam_account_summary
        .items_mut()
        .unwrap()
        .push(IamAccountSummary { root_mfa: true, root_access_keys: false });
    b
}
