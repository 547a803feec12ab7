//! The built-in labs' account state, built with the real AWS CLI the way each lab's `cli` text
//! tells a student to. One function builds each state, so every test that needs it (the lab's
//! own test, the API-call budget, the fault injection, the classroom, the benchmarks) builds
//! exactly the same thing.
//!
//! Builders take any [`AwsCli`]: the emulator's default identity ([`Moto`]) or a session in
//! another account ([`crate::TeamAccount`], the classroom's team accounts).

use serde_json::{Value, json};

use crate::{Moto, text};

/// The account moto's default test identity lives in.
pub const ACCOUNT: &str = "123456789012";

/// Something that runs the AWS CLI against the emulator as one identity and returns its JSON
/// output (Null when it printed nothing), panicking when the command fails.
pub trait AwsCli {
    /// Runs `aws <args> --output json`.
    fn aws(&self, args: &[&str]) -> Value;
}

impl AwsCli for Moto {
    fn aws(&self, args: &[&str]) -> Value {
        Moto::aws(self, args)
    }
}

// ---------------------------------------------------------------------------------------------
// Network pieces

/// A `--tag-specifications` value giving a resource of `kind` the Name tag `name`.
pub fn name_tag(kind: &str, name: &str) -> String {
    format!("ResourceType={kind},Tags=[{{Key=Name,Value={name}}}]")
}

/// `aws <args>`, with the Name tag `name` on what it creates when given.
fn create(cli: &impl AwsCli, args: &[&str], tag: Option<(&str, &str)>) -> Value {
    match tag {
        Some((kind, name)) => cli.aws(&[args, &["--tag-specifications", &name_tag(kind, name)]].concat()),
        None => cli.aws(args),
    }
}

/// Creates a VPC (named when `name` is given); returns its id.
pub fn create_vpc(cli: &impl AwsCli, cidr: &str, name: Option<&str>) -> String {
    let out = create(cli, &["ec2", "create-vpc", "--cidr-block", cidr], name.map(|n| ("vpc", n)));
    text(&out, &["Vpc", "VpcId"])
}

/// The region's first two Availability Zones.
pub fn availability_zones(cli: &impl AwsCli) -> [String; 2] {
    let zones = cli.aws(&["ec2", "describe-availability-zones"]);
    [0, 1].map(|i| text(&zones, &["AvailabilityZones", &i.to_string(), "ZoneName"]))
}

/// Creates a subnet (named when `name` is given); returns its id.
pub fn create_subnet(cli: &impl AwsCli, vpc: &str, cidr: &str, zone: &str, name: Option<&str>) -> String {
    let args = ["ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", cidr, "--availability-zone", zone];
    text(&create(cli, &args, name.map(|n| ("subnet", n))), &["Subnet", "SubnetId"])
}

/// Creates a route table in `vpc`; returns its id.
pub fn create_route_table(cli: &impl AwsCli, vpc: &str) -> String {
    text(&cli.aws(&["ec2", "create-route-table", "--vpc-id", vpc]), &["RouteTable", "RouteTableId"])
}

/// Associates `subnet` with `route_table`.
pub fn associate(cli: &impl AwsCli, route_table: &str, subnet: &str) {
    cli.aws(&["ec2", "associate-route-table", "--route-table-id", route_table, "--subnet-id", subnet]);
}

/// Adds a route to `destination` through `target`, e.g. `("--gateway-id", igw)`.
pub fn create_route(cli: &impl AwsCli, route_table: &str, destination: &str, target: (&str, &str)) {
    let (flag, id) = target;
    cli.aws(&[
        "ec2",
        "create-route",
        "--route-table-id",
        route_table,
        "--destination-cidr-block",
        destination,
        flag,
        id,
    ]);
}

/// Creates a security group in `vpc`; returns its id.
pub fn create_security_group(cli: &impl AwsCli, vpc: &str, name: &str, description: &str) -> String {
    let args =
        ["ec2", "create-security-group", "--group-name", name, "--description", description, "--vpc-id", vpc];
    text(&cli.aws(&args), &["GroupId"])
}

/// Allows TCP `port` into `group` from `source`, e.g. `("--cidr", "0.0.0.0/0")` or
/// `("--source-group", web_sg)`.
pub fn allow_tcp(cli: &impl AwsCli, group: &str, port: &str, source: (&str, &str)) {
    let (flag, from) = source;
    cli.aws(&[
        "ec2",
        "authorize-security-group-ingress",
        "--group-id",
        group,
        "--protocol",
        "tcp",
        "--port",
        port,
        flag,
        from,
    ]);
}

// ---------------------------------------------------------------------------------------------
// three-tier-vpc

/// The private side of `three-tier-vpc`: `vpc-1` (10.10.0.0/16) with the web and WAS subnets of
/// both Availability Zones on one private route table, with no route out yet. It is what
/// `vpc-peering` needs of the first lab.
pub struct AppNetwork {
    /// `vpc-1`.
    pub vpc: String,
    /// The two Availability Zones the tiers are spread over.
    pub az: [String; 2],
    /// `(Name tag, id)` of the private subnets.
    pub subnets: Vec<(String, String)>,
    /// The route table of the private subnets.
    pub private_rt: String,
}

/// The web and WAS CIDRs of `vpc-1`, as the `vpc-peering` lab routes them.
pub const APP_CIDRS: [&str; 4] = ["10.10.1.0/24", "10.10.2.0/24", "10.10.3.0/24", "10.10.4.0/24"];

/// Builds [`AppNetwork`] in the Availability Zones `az`.
pub fn app_network(cli: &impl AwsCli, az: &[String; 2]) -> AppNetwork {
    let vpc = create_vpc(cli, "10.10.0.0/16", Some("vpc-1"));
    let private_rt = create_route_table(cli, &vpc);
    let names = ["web_vpc1-1_pri", "web_vpc1-2_pri", "was_vpc1-1_pri", "was_vpc1-2_pri"];
    let subnets = names
        .iter()
        .zip(APP_CIDRS)
        .zip([&az[0], &az[1], &az[0], &az[1]])
        .map(|((name, cidr), zone)| {
            let id = create_subnet(cli, &vpc, cidr, zone, Some(name));
            associate(cli, &private_rt, &id);
            ((*name).to_owned(), id)
        })
        .collect();
    AppNetwork { vpc, az: az.clone(), subnets, private_rt }
}

/// The `three-tier-vpc` lab as the bootcamp team built it.
pub struct ThreeTier {
    /// `vpc-1`.
    pub vpc: String,
    /// The two Availability Zones the tiers are spread over.
    pub az: [String; 2],
    /// `(Name tag, id)` of the six subnets.
    pub subnets: Vec<(String, String)>,
    /// The internet gateway, attached to the VPC.
    pub igw: String,
    /// The route table of the public subnets (0.0.0.0/0 to the internet gateway).
    pub public_rt: String,
    /// The route table of the web and WAS subnets (0.0.0.0/0 to the NAT gateway, if built).
    pub private_rt: String,
    /// The web tier's security group (port 80 from the load balancer's group only).
    pub web_sg: String,
    /// The WAS tier's security group (port 8080 from the web tier's group only).
    pub was_sg: String,
}

impl ThreeTier {
    /// The id of the subnet with this Name tag.
    pub fn subnet(&self, name: &str) -> &str {
        &self.subnets.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no subnet {name}")).1
    }
}

/// Builds `three-tier-vpc` step by step as the lab's CLI instructions say; without the NAT
/// gateway (and the private default route through it) unless `with_nat`.
pub fn three_tier_vpc(cli: &impl AwsCli, with_nat: bool) -> ThreeTier {
    let az = availability_zones(cli);
    let AppNetwork { vpc, az, mut subnets, private_rt } = app_network(cli, &az);

    let public_rt = create_route_table(cli, &vpc);
    let igw = text(&cli.aws(&["ec2", "create-internet-gateway"]), &["InternetGateway", "InternetGatewayId"]);
    cli.aws(&["ec2", "attach-internet-gateway", "--internet-gateway-id", &igw, "--vpc-id", &vpc]);
    create_route(cli, &public_rt, "0.0.0.0/0", ("--gateway-id", &igw));
    for (name, cidr, zone) in [("pub_vpc1-1", "10.10.5.0/24", &az[0]), ("pub_vpc1-2", "10.10.6.0/24", &az[1])]
    {
        let id = create_subnet(cli, &vpc, cidr, zone, Some(name));
        associate(cli, &public_rt, &id);
        subnets.push((name.to_owned(), id));
    }

    if with_nat {
        let alloc = text(&cli.aws(&["ec2", "allocate-address", "--domain", "vpc"]), &["AllocationId"]);
        let public = &subnets.iter().find(|(n, _)| n == "pub_vpc1-1").expect("a public subnet").1;
        let nat = cli.aws(&["ec2", "create-nat-gateway", "--subnet-id", public, "--allocation-id", &alloc]);
        let nat = text(&nat, &["NatGateway", "NatGatewayId"]);
        create_route(cli, &private_rt, "0.0.0.0/0", ("--nat-gateway-id", &nat));
    }

    let alb_sg = create_security_group(cli, &vpc, "alb-sg", "alb-sg");
    for port in ["80", "443"] {
        allow_tcp(cli, &alb_sg, port, ("--cidr", "0.0.0.0/0"));
    }
    let web_sg = create_security_group(cli, &vpc, "web-sg", "web-sg");
    allow_tcp(cli, &web_sg, "80", ("--source-group", &alb_sg));
    let was_sg = create_security_group(cli, &vpc, "was-sg", "was-sg");
    allow_tcp(cli, &was_sg, "8080", ("--source-group", &web_sg));
    ThreeTier { vpc, az, subnets, igw, public_rt, private_rt, web_sg, was_sg }
}

// ---------------------------------------------------------------------------------------------
// vpc-peering

/// The database subnets' CIDRs in `vpc-2`.
pub const DB_CIDRS: [&str; 3] = ["172.16.1.0/24", "172.16.2.0/24", "172.16.3.0/24"];

/// The first two steps of `vpc-peering`: the database VPC `vpc-2` (172.16.0.0/16) and its three
/// subnets over two Availability Zones, not yet routed anywhere.
pub struct DatabaseNetwork {
    /// `vpc-2`.
    pub vpc: String,
    /// The three database subnets, in [`DB_CIDRS`] order.
    pub subnets: Vec<String>,
}

/// Builds [`DatabaseNetwork`] in the Availability Zones `az`.
pub fn database_network(cli: &impl AwsCli, az: &[String; 2]) -> DatabaseNetwork {
    let vpc = create_vpc(cli, "172.16.0.0/16", Some("vpc-2"));
    let subnets = DB_CIDRS
        .iter()
        .zip([&az[0], &az[1], &az[0]])
        .map(|(cidr, zone)| create_subnet(cli, &vpc, cidr, zone, None));
    DatabaseNetwork { subnets: subnets.collect(), vpc }
}

/// The `vpc-peering` lab, solved.
pub struct Peering {
    /// `vpc-2`.
    pub db_vpc: String,
    /// The database subnets' route table (routes back to the web/WAS subnets).
    pub db_rt: String,
    /// The active peering connection between `vpc-1` and `vpc-2`.
    pub pcx: String,
    /// The three database subnets, in [`DB_CIDRS`] order.
    pub db_subnets: Vec<String>,
    /// `db-sg`: MySQL from the WAS subnets only.
    pub db_sg: String,
}

/// The rest of `vpc-peering` on `db`: an accepted peering from `app_vpc`, routes both ways (the
/// app side on `app_private_rt`), and the database security group.
pub fn peer_database(cli: &impl AwsCli, app_vpc: &str, app_private_rt: &str, db: DatabaseNetwork) -> Peering {
    let DatabaseNetwork { vpc: db_vpc, subnets: db_subnets } = db;
    let db_rt = create_route_table(cli, &db_vpc);
    for subnet in &db_subnets {
        associate(cli, &db_rt, subnet);
    }
    let pcx = text(
        &cli.aws(&["ec2", "create-vpc-peering-connection", "--vpc-id", app_vpc, "--peer-vpc-id", &db_vpc]),
        &["VpcPeeringConnection", "VpcPeeringConnectionId"],
    );
    cli.aws(&["ec2", "accept-vpc-peering-connection", "--vpc-peering-connection-id", &pcx]);
    for (rt, destinations) in [(app_private_rt, &DB_CIDRS[..]), (&db_rt, &APP_CIDRS[..])] {
        for cidr in destinations {
            create_route(cli, rt, cidr, ("--vpc-peering-connection-id", &pcx));
        }
    }
    let db_sg = create_security_group(cli, &db_vpc, "db-sg", "database");
    for was in &APP_CIDRS[2..] {
        allow_tcp(cli, &db_sg, "3306", ("--cidr", was));
    }
    Peering { db_vpc, db_rt, pcx, db_subnets, db_sg }
}

/// Builds `vpc-peering` on top of a built `three-tier-vpc`.
pub fn vpc_peering(cli: &impl AwsCli, app: &ThreeTier) -> Peering {
    peer_database(cli, &app.vpc, &app.private_rt, database_network(cli, &app.az))
}

// ---------------------------------------------------------------------------------------------
// rds-kms

/// The DB subnet group of `rds-kms`.
pub const DB_SUBNET_GROUP: &str = "lab-db-subnets";

/// Creates the lab's DB subnet group over `subnet_ids`.
pub fn create_db_subnet_group(cli: &impl AwsCli, subnet_ids: &[&str]) {
    let base = [
        "rds",
        "create-db-subnet-group",
        "--db-subnet-group-name",
        DB_SUBNET_GROUP,
        "--db-subnet-group-description",
        "DB subnets",
        "--subnet-ids",
    ];
    cli.aws(&[&base[..], subnet_ids].concat());
}

/// Creates a small MySQL instance `id` with `settings` added to the engine, size and user.
pub fn create_db_instance(cli: &impl AwsCli, id: &str, settings: &[&str]) {
    let base = [
        "rds",
        "create-db-instance",
        "--db-instance-identifier",
        id,
        "--engine",
        "mysql",
        "--db-instance-class",
        "db.t3.micro",
        "--allocated-storage",
        "20",
        "--master-username",
        "admin",
    ];
    cli.aws(&[&base[..], settings].concat());
}

/// Creates an instance as `rds-kms` asks (managed password, in the lab's subnet group behind
/// `sg`, private, backed up, patched in a set window), encrypted as `encryption` says (e.g.
/// `["--storage-encrypted", "--kms-key-id", "alias/lab-rds"]`, or nothing).
pub fn create_lab_db_instance(cli: &impl AwsCli, id: &str, sg: &str, encryption: &[&str]) {
    let settings = [
        "--manage-master-user-password",
        "--db-subnet-group-name",
        DB_SUBNET_GROUP,
        "--vpc-security-group-ids",
        sg,
        "--no-publicly-accessible",
        "--backup-retention-period",
        "7",
        "--auto-minor-version-upgrade",
        "--preferred-maintenance-window",
        "sun:18:00-sun:19:00",
    ];
    create_db_instance(cli, id, &[&settings[..], encryption].concat());
}

/// Builds `rds-kms` in the database VPC of `net`: a customer-managed key with the alias
/// `alias/lab-rds`, the DB subnet group over the database subnets, and the instance `lab-db`
/// encrypted with the key.
pub fn rds_kms(cli: &impl AwsCli, net: &Peering) {
    let key = cli.aws(&["kms", "create-key", "--description", "lab RDS key"]);
    let key_id = text(&key, &["KeyMetadata", "KeyId"]);
    cli.aws(&["kms", "create-alias", "--alias-name", "alias/lab-rds", "--target-key-id", &key_id]);
    let subnets: Vec<&str> = net.db_subnets.iter().map(String::as_str).collect();
    create_db_subnet_group(cli, &subnets);
    create_lab_db_instance(
        cli,
        "lab-db",
        &net.db_sg,
        &["--storage-encrypted", "--kms-key-id", "alias/lab-rds"],
    );
}

// ---------------------------------------------------------------------------------------------
// route53-records

/// The domain of `route53-records`.
pub const DOMAIN: &str = "sandpit-lab.com";

/// Creates a public hosted zone for `domain`; returns its id without the `/hostedzone/` prefix.
pub fn create_hosted_zone(cli: &impl AwsCli, domain: &str, caller_reference: &str) -> String {
    let zone =
        cli.aws(&["route53", "create-hosted-zone", "--name", domain, "--caller-reference", caller_reference]);
    text(&zone, &["HostedZone", "Id"]).trim_start_matches("/hostedzone/").to_owned()
}

/// Applies `action` (`UPSERT`, `DELETE`) to `records` of `zone`, in one change batch.
pub fn change_records(cli: &impl AwsCli, zone: &str, action: &str, records: &[Value]) {
    let changes: Vec<Value> =
        records.iter().map(|r| json!({ "Action": action, "ResourceRecordSet": r })).collect();
    let batch = json!({ "Changes": changes }).to_string();
    cli.aws(&["route53", "change-resource-record-sets", "--hosted-zone-id", zone, "--change-batch", &batch]);
}

/// The MX record of [`DOMAIN`].
pub fn mx_record() -> Value {
    json!({ "Name": DOMAIN, "Type": "MX", "TTL": 3600, "ResourceRecords": [{ "Value": format!("10 mail.{DOMAIN}") }] })
}

/// One member of the weighted `hello.` record set.
pub fn weighted_record(id: &str, weight: i64, ip: &str) -> Value {
    json!({ "Name": format!("hello.{DOMAIN}"), "Type": "A", "SetIdentifier": id, "Weight": weight,
            "TTL": 60, "ResourceRecords": [{ "Value": ip }] })
}

/// Builds `route53-records`: the zone of [`DOMAIN`] with an A, a CNAME and an MX record and a
/// 70/20/10 weighted set. Returns the zone id.
pub fn route53_records(cli: &impl AwsCli) -> String {
    let zone = create_hosted_zone(cli, DOMAIN, "lab-1");
    let mut records = vec![
        json!({ "Name": DOMAIN, "Type": "A", "TTL": 300, "ResourceRecords": [{ "Value": "203.0.113.10" }] }),
        json!({ "Name": format!("www.{DOMAIN}"), "Type": "CNAME", "TTL": 300, "ResourceRecords": [{ "Value": DOMAIN }] }),
        mx_record(),
    ];
    for (id, weight, ip) in [("a", 70, "203.0.113.1"), ("b", 20, "203.0.113.2"), ("c", 10, "203.0.113.3")] {
        records.push(weighted_record(id, weight, ip));
    }
    change_records(cli, &zone, "UPSERT", &records);
    zone
}

// ---------------------------------------------------------------------------------------------
// budget-guard

/// Creates the monthly cost budget `sandpit-guard` of `amount` USD with an e-mail alert per
/// `(ACTUAL | FORECASTED, percent)`.
pub fn create_budget(cli: &impl AwsCli, amount: &str, alerts: &[(&str, u32)]) {
    let budget = json!({ "BudgetName": "sandpit-guard", "BudgetLimit": { "Amount": amount, "Unit": "USD" },
                         "TimeUnit": "MONTHLY", "BudgetType": "COST" });
    let notifications: Vec<Value> = alerts
        .iter()
        .map(|(kind, threshold)| {
            json!({
                "Notification": { "NotificationType": kind, "ComparisonOperator": "GREATER_THAN",
                                  "Threshold": threshold, "ThresholdType": "PERCENTAGE" },
                "Subscribers": [{ "SubscriptionType": "EMAIL", "Address": "team@example.com" }]
            })
        })
        .collect();
    cli.aws(&[
        "budgets",
        "create-budget",
        "--account-id",
        ACCOUNT,
        "--budget",
        &budget.to_string(),
        "--notifications-with-subscribers",
        &Value::Array(notifications).to_string(),
    ]);
}

/// Builds `budget-guard`: 22 USD a month, alerts at 80% actual and 100% forecast.
pub fn budget_guard(cli: &impl AwsCli) {
    create_budget(cli, "22", &[("ACTUAL", 80), ("FORECASTED", 100)]);
}

// ---------------------------------------------------------------------------------------------
// The path troubleshooter's seed network (`sandpit reach`)

/// Launches one instance named `name` in `subnet` behind `group`; returns its id and private IP.
pub fn run_instance(cli: &impl AwsCli, name: &str, subnet: &str, group: &str) -> (String, String) {
    let images = cli.aws(&["ec2", "describe-images", "--owners", "amazon"]);
    let ami = text(&images, &["Images", "0", "ImageId"]);
    let out = cli.aws(&[
        "ec2",
        "run-instances",
        "--image-id",
        &ami,
        "--instance-type",
        "t3.micro",
        "--subnet-id",
        subnet,
        "--security-group-ids",
        group,
        "--tag-specifications",
        &name_tag("instance", name),
    ]);
    (text(&out, &["Instances", "0", "InstanceId"]), text(&out, &["Instances", "0", "PrivateIpAddress"]))
}

/// The bootcamp's network with something on each end: `three-tier-vpc` (with its NAT gateway)
/// and `vpc-peering` solved, a WAS instance `was-1`, the database `lab-db` (RDS MySQL in the
/// database subnets behind `db-sg`), and the internet-facing load balancer `web-alb` in the
/// public subnets behind `alb-sg`.
pub struct ReachSeed {
    /// The three-tier network.
    pub app: ThreeTier,
    /// The database VPC and the peering.
    pub db: Peering,
    /// `was-1` in `was_vpc1-1_pri`, behind `was-sg`.
    pub was: String,
    /// Its private address.
    pub was_ip: String,
    /// The NAT gateway of the private subnets.
    pub nat: String,
    /// `alb-sg`.
    pub alb_sg: String,
}

/// Builds [`ReachSeed`].
pub fn reach_seed(cli: &impl AwsCli) -> ReachSeed {
    let app = three_tier_vpc(cli, true);
    let db = vpc_peering(cli, &app);
    let (was, was_ip) = run_instance(cli, "was-1", app.subnet("was_vpc1-1_pri"), &app.was_sg);
    let subnets: Vec<&str> = db.db_subnets.iter().map(String::as_str).collect();
    create_db_subnet_group(cli, &subnets);
    create_db_instance(
        cli,
        "lab-db",
        &[
            "--master-user-password",
            "change-me-123",
            "--db-subnet-group-name",
            DB_SUBNET_GROUP,
            "--vpc-security-group-ids",
            &db.db_sg,
        ],
    );
    let groups = cli.aws(&["ec2", "describe-security-groups", "--filters", "Name=group-name,Values=alb-sg"]);
    let alb_sg = text(&groups, &["SecurityGroups", "0", "GroupId"]);
    cli.aws(&[
        "elbv2",
        "create-load-balancer",
        "--name",
        "web-alb",
        "--subnets",
        app.subnet("pub_vpc1-1"),
        app.subnet("pub_vpc1-2"),
        "--security-groups",
        &alb_sg,
    ]);
    let nats = cli.aws(&["ec2", "describe-nat-gateways"]);
    let nat = text(&nats, &["NatGateways", "0", "NatGatewayId"]);
    ReachSeed { app, db, was, was_ip, nat, alb_sg }
}

// was-alb-asg

/// The Auto Scaling group of `was-alb-asg`.
pub const ASG: &str = "was-asg";

/// The `was-alb-asg` lab, solved.
pub struct WasTier {
    /// The launch template (`was-lt`).
    pub template: String,
    /// The target group's ARN (`was-tg`, HTTP 8080).
    pub tg: String,
    /// The load balancer's own security group (`was-alb-sg`).
    pub alb_sg: String,
    /// The internal load balancer's ARN (`was-alb`).
    pub alb: String,
    /// The listener's ARN (HTTP 80 → `was-tg`).
    pub listener: String,
}

/// The launch template data of the WAS: `ami`, `t3.micro`, the WAS group on a network interface
/// without a public IP, and a stand-in for Tomcat as user data.
pub fn was_template_data(ami: &str, was_sg: &str) -> String {
    // The lab's user data script, base64-encoded as `base64 -w0` prints it.
    const USER_DATA: &str = "IyEvYmluL2Jhc2gKbWtkaXIgLXAgL3Nydi93YXMgJiYgZWNobyBvayA+IC9zcnYvd2FzL2luZGV4Lmh0bWwKY2QgL3Nydi93YXMgJiYgbm9odXAgcHl0aG9uMyAtbSBodHRwLnNlcnZlciA4MDgwID4vZGV2L251bGwgMj4mMSAmCg==";
    json!({
        "ImageId": ami,
        "InstanceType": "t3.micro",
        "UserData": USER_DATA,
        "NetworkInterfaces": [{ "DeviceIndex": 0, "AssociatePublicIpAddress": false, "Groups": [was_sg] }]
    })
    .to_string()
}

/// Builds `was-alb-asg` on a built `three-tier-vpc`, step by step as the lab's CLI text says.
pub fn was_alb_asg(cli: &impl AwsCli, app: &ThreeTier) -> WasTier {
    let ami = cli.aws(&[
        "ssm",
        "get-parameters",
        "--names",
        "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    ]);
    let ami = text(&ami, &["Parameters", "0", "Value"]);
    let data = was_template_data(&ami, &app.was_sg);
    let template = cli.aws(&[
        "ec2",
        "create-launch-template",
        "--launch-template-name",
        "was-lt",
        "--launch-template-data",
        &data,
    ]);
    let template = text(&template, &["LaunchTemplate", "LaunchTemplateId"]);
    let tg = cli.aws(&[
        "elbv2",
        "create-target-group",
        "--name",
        "was-tg",
        "--protocol",
        "HTTP",
        "--port",
        "8080",
        "--vpc-id",
        &app.vpc,
        "--target-type",
        "instance",
        "--health-check-path",
        "/",
        "--matcher",
        "HttpCode=200",
    ]);
    let tg = text(&tg, &["TargetGroups", "0", "TargetGroupArn"]);
    let alb_sg = create_security_group(cli, &app.vpc, "was-alb-sg", "WAS load balancer");
    let (was1, was2) = (app.subnet("was_vpc1-1_pri"), app.subnet("was_vpc1-2_pri"));
    let alb = cli.aws(&[
        "elbv2",
        "create-load-balancer",
        "--name",
        "was-alb",
        "--type",
        "application",
        "--scheme",
        "internal",
        "--subnets",
        was1,
        was2,
        "--security-groups",
        &alb_sg,
    ]);
    let alb = text(&alb, &["LoadBalancers", "0", "LoadBalancerArn"]);
    allow_tcp(cli, &alb_sg, "80", ("--source-group", &app.web_sg));
    allow_tcp(cli, &app.was_sg, "8080", ("--source-group", &alb_sg));
    let listener = cli.aws(&[
        "elbv2",
        "create-listener",
        "--load-balancer-arn",
        &alb,
        "--protocol",
        "HTTP",
        "--port",
        "80",
        "--default-actions",
        &format!("Type=forward,TargetGroupArn={tg}"),
    ]);
    let listener = text(&listener, &["Listeners", "0", "ListenerArn"]);
    cli.aws(&[
        "autoscaling",
        "create-auto-scaling-group",
        "--auto-scaling-group-name",
        ASG,
        "--launch-template",
        &format!("LaunchTemplateId={template},Version=$Latest"),
        "--min-size",
        "2",
        "--desired-capacity",
        "2",
        "--max-size",
        "4",
        "--vpc-zone-identifier",
        &format!("{was1},{was2}"),
        "--target-group-arns",
        &tg,
        "--health-check-type",
        "ELB",
        "--health-check-grace-period",
        "300",
    ]);
    cli.aws(&[
        "autoscaling",
        "put-scaling-policy",
        "--auto-scaling-group-name",
        ASG,
        "--policy-name",
        "was-cpu-target",
        "--policy-type",
        "TargetTrackingScaling",
        "--target-tracking-configuration",
        r#"{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50.0}"#,
    ]);
    WasTier { template, tg, alb_sg, alb, listener }
}

// ---------------------------------------------------------------------------------------------
// scaling-alerts

/// The topic of `scaling-alerts`.
pub const TOPIC: &str = "asg-alerts";

/// The EventBridge rule of `scaling-alerts`.
pub const RULE: &str = "asg-launch-failed";

/// The topic policy the lab's CLI sets: the account may use the topic, and EventBridge may
/// publish to it (what the console adds by itself).
pub fn topic_policy(topic: &str, account: &str, events: bool) -> String {
    let mut statements = vec![json!({
        "Sid": "owner", "Effect": "Allow", "Principal": { "AWS": "*" },
        "Action": ["SNS:Publish", "SNS:Subscribe", "SNS:GetTopicAttributes"], "Resource": topic,
        "Condition": { "StringEquals": { "AWS:SourceOwner": account } }
    })];
    if events {
        statements.push(json!({
            "Sid": "events", "Effect": "Allow", "Principal": { "Service": "events.amazonaws.com" },
            "Action": "sns:Publish", "Resource": topic
        }));
    }
    json!({ "Version": "2012-10-17", "Statement": statements }).to_string()
}

/// Builds `scaling-alerts` by its EventBridge route: the topic with an e-mail subscription, a
/// rule on failed launches sending to it, and the topic policy that lets EventBridge publish.
/// Returns the topic's ARN.
pub fn scaling_alerts(cli: &impl AwsCli) -> String {
    let account = text(&cli.aws(&["sts", "get-caller-identity"]), &["Account"]);
    let topic = text(&cli.aws(&["sns", "create-topic", "--name", TOPIC]), &["TopicArn"]);
    cli.aws(&[
        "sns",
        "subscribe",
        "--topic-arn",
        &topic,
        "--protocol",
        "email",
        "--notification-endpoint",
        "admin@example.com",
    ]);
    cli.aws(&[
        "events",
        "put-rule",
        "--name",
        RULE,
        "--event-pattern",
        r#"{"source":["aws.autoscaling"],"detail-type":["EC2 Instance Launch Unsuccessful"]}"#,
    ]);
    cli.aws(&["events", "put-targets", "--rule", RULE, "--targets", &format!("Id=sns,Arn={topic}")]);
    cli.aws(&[
        "sns",
        "set-topic-attributes",
        "--topic-arn",
        &topic,
        "--attribute-name",
        "Policy",
        "--attribute-value",
        &topic_policy(&topic, &account, true),
    ]);
    topic
}

// ---------------------------------------------------------------------------------------------
// iam-team-access

/// The users `iam-team-access` makes: `(name, group)`.
pub const TEAM_USERS: [(&str, &str); 2] = [("infra-admin", "infra"), ("devops-1", "devops")];

/// The DevOps boundary's document: everything but IAM.
pub const BOUNDARY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#;

/// Builds `iam-team-access` as the lab's CLI text says: `infra` with VPC and EC2 full access,
/// `devops` read-only, a member each, the infra admin with a console password and MFA, the
/// `devops-boundary` policy and the DevOps role under it. (moto cannot put a boundary on a user:
/// the tests give the DevOps user's boundary with [`crate::recorded::users_with_boundaries`].)
/// Returns the boundary's ARN.
pub fn iam_team_access(cli: &impl AwsCli) -> String {
    let account = text(&cli.aws(&["sts", "get-caller-identity"]), &["Account"]);
    for (group, policies) in
        [("infra", &["AmazonVPCFullAccess", "AmazonEC2FullAccess"][..]), ("devops", &["ReadOnlyAccess"][..])]
    {
        cli.aws(&["iam", "create-group", "--group-name", group]);
        for p in policies {
            cli.aws(&[
                "iam",
                "attach-group-policy",
                "--group-name",
                group,
                "--policy-arn",
                &format!("arn:aws:iam::aws:policy/{p}"),
            ]);
        }
    }
    for (user, group) in TEAM_USERS {
        cli.aws(&["iam", "create-user", "--user-name", user]);
        cli.aws(&["iam", "add-user-to-group", "--group-name", group, "--user-name", user]);
    }
    cli.aws(&[
        "iam",
        "create-login-profile",
        "--user-name",
        "infra-admin",
        "--password",
        "Change-me-1!",
        "--password-reset-required",
    ]);
    let qr = std::env::temp_dir().join(format!("sandpit-mfa-{}-{account}.png", std::process::id()));
    cli.aws(&[
        "iam",
        "create-virtual-mfa-device",
        "--virtual-mfa-device-name",
        "infra-admin",
        "--outfile",
        qr.to_str().expect("a UTF-8 temp path"),
        "--bootstrap-method",
        "QRCodePNG",
    ]);
    let _ = std::fs::remove_file(&qr);
    cli.aws(&[
        "iam",
        "enable-mfa-device",
        "--user-name",
        "infra-admin",
        "--serial-number",
        &format!("arn:aws:iam::{account}:mfa/infra-admin"),
        "--authentication-code1",
        "123456",
        "--authentication-code2",
        "654321",
    ]);
    let boundary =
        cli.aws(&["iam", "create-policy", "--policy-name", "devops-boundary", "--policy-document", BOUNDARY]);
    let boundary = text(&boundary, &["Policy", "Arn"]);
    let trust = json!({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow",
        "Principal": { "AWS": format!("arn:aws:iam::{account}:root") }, "Action": "sts:AssumeRole" }] });
    cli.aws(&[
        "iam",
        "create-role",
        "--role-name",
        "devops",
        "--assume-role-policy-document",
        &trust.to_string(),
        "--permissions-boundary",
        &boundary,
    ]);
    boundary
}

/// The recorded AWS answers a solved `iam-team-access` needs from moto's gaps (module
/// [`crate::recorded`]): the root user with MFA, the DevOps user under its boundary.
pub fn iam_recorded_answers(account: &str, boundary: &str) -> Vec<crate::Answer> {
    use crate::recorded::{RecordedUser, account_summary, users_with_boundaries};
    vec![
        account_summary(true),
        users_with_boundaries(
            account,
            &[
                RecordedUser { name: "infra-admin", groups: &["infra"], boundary: None },
                RecordedUser { name: "devops-1", groups: &["devops"], boundary: Some(boundary) },
            ],
        ),
    ]
}
