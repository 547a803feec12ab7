//! The account snapshot: what one check saw in the account, as our own serde structs.
//!
//! SDK types are not serializable and change with every SDK release; these structs are ours, so
//! the same snapshot is collected live, kept as evidence, and loaded from fixtures in tests.
//! Each resource type is collected at most once per check and records whether collecting it
//! worked: a check that needs a type that could not be read says so instead of failing blindly.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A kind of AWS resource a collector can read. Check kinds declare the ones they need, so a
/// check collects only what its lab looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// `ec2:DescribeVpcs`
    Vpcs,
    /// `ec2:DescribeSubnets`
    Subnets,
    /// `ec2:DescribeRouteTables`
    RouteTables,
    /// `ec2:DescribeInternetGateways`
    InternetGateways,
    /// `ec2:DescribeNatGateways`
    NatGateways,
    /// `ec2:DescribeAddresses`
    ElasticIps,
    /// `ec2:DescribeVpcPeeringConnections`
    PeeringConnections,
    /// `ec2:DescribeSecurityGroups`
    SecurityGroups,
    /// `route53:ListHostedZones`, then `route53:ListResourceRecordSets` per zone
    HostedZones,
    /// `kms:ListKeys`, `kms:DescribeKey` per key, `kms:ListAliases`
    KmsKeys,
    /// `rds:DescribeDBInstances`
    DbInstances,
    /// `rds:DescribeDBSubnetGroups`
    DbSubnetGroups,
    /// `budgets:ViewBudget` (DescribeBudgets, DescribeNotificationsForBudget,
    /// DescribeSubscribersForNotification)
    Budgets,
    /// `ec2:DescribeInstances` (for the cost meter)
    Ec2Instances,
    /// `elasticloadbalancing:DescribeLoadBalancers` and `DescribeTargetGroups` (for the cost meter)
    LoadBalancers,
}

impl ResourceKind {
    /// Every resource kind, in collection order.
    pub const ALL: [ResourceKind; 15] = [
        ResourceKind::Vpcs,
        ResourceKind::Subnets,
        ResourceKind::RouteTables,
        ResourceKind::InternetGateways,
        ResourceKind::NatGateways,
        ResourceKind::ElasticIps,
        ResourceKind::PeeringConnections,
        ResourceKind::SecurityGroups,
        ResourceKind::HostedZones,
        ResourceKind::KmsKeys,
        ResourceKind::DbInstances,
        ResourceKind::DbSubnetGroups,
        ResourceKind::Budgets,
        ResourceKind::Ec2Instances,
        ResourceKind::LoadBalancers,
    ];

    /// The IAM actions the collector calls to read this kind. This table is the single source
    /// of the checker's least-privilege policy.
    pub fn iam_actions(self) -> &'static [&'static str] {
        match self {
            ResourceKind::Vpcs => &["ec2:DescribeVpcs"],
            ResourceKind::Subnets => &["ec2:DescribeSubnets"],
            ResourceKind::RouteTables => &["ec2:DescribeRouteTables"],
            ResourceKind::InternetGateways => &["ec2:DescribeInternetGateways"],
            ResourceKind::NatGateways => &["ec2:DescribeNatGateways"],
            ResourceKind::ElasticIps => &["ec2:DescribeAddresses"],
            ResourceKind::PeeringConnections => &["ec2:DescribeVpcPeeringConnections"],
            ResourceKind::SecurityGroups => &["ec2:DescribeSecurityGroups"],
            ResourceKind::HostedZones => &["route53:ListHostedZones", "route53:ListResourceRecordSets"],
            ResourceKind::KmsKeys => &["kms:ListKeys", "kms:DescribeKey", "kms:ListAliases"],
            ResourceKind::DbInstances => &["rds:DescribeDBInstances"],
            ResourceKind::DbSubnetGroups => &["rds:DescribeDBSubnetGroups"],
            ResourceKind::Budgets => &["budgets:ViewBudget"],
            ResourceKind::Ec2Instances => &["ec2:DescribeInstances"],
            ResourceKind::LoadBalancers => {
                &["elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTargetGroups"]
            }
        }
    }

    /// The AWS managed policy that grants [`Self::iam_action`], for explaining a denial.
    pub fn managed_policy(self) -> &'static str {
        match self {
            ResourceKind::Vpcs
            | ResourceKind::Subnets
            | ResourceKind::RouteTables
            | ResourceKind::InternetGateways
            | ResourceKind::NatGateways
            | ResourceKind::ElasticIps
            | ResourceKind::PeeringConnections
            | ResourceKind::SecurityGroups => "AmazonVPCReadOnlyAccess",
            ResourceKind::HostedZones => "AmazonRoute53ReadOnlyAccess",
            ResourceKind::KmsKeys => "ViewOnlyAccess",
            ResourceKind::DbInstances | ResourceKind::DbSubnetGroups => "AmazonRDSReadOnlyAccess",
            ResourceKind::Budgets => "AWSBudgetsReadOnlyAccess",
            ResourceKind::Ec2Instances => "AmazonEC2ReadOnlyAccess",
            ResourceKind::LoadBalancers => "ElasticLoadBalancingReadOnly",
        }
    }

    /// A short name for messages ("VPCs", "route tables").
    pub fn label(self) -> &'static str {
        match self {
            ResourceKind::Vpcs => "VPCs",
            ResourceKind::Subnets => "subnets",
            ResourceKind::RouteTables => "route tables",
            ResourceKind::InternetGateways => "internet gateways",
            ResourceKind::NatGateways => "NAT gateways",
            ResourceKind::ElasticIps => "Elastic IPs",
            ResourceKind::PeeringConnections => "VPC peering connections",
            ResourceKind::SecurityGroups => "security groups",
            ResourceKind::HostedZones => "Route 53 hosted zones and records",
            ResourceKind::KmsKeys => "KMS keys and aliases",
            ResourceKind::DbInstances => "RDS DB instances",
            ResourceKind::DbSubnetGroups => "RDS DB subnet groups",
            ResourceKind::Budgets => "AWS Budgets",
            ResourceKind::Ec2Instances => "EC2 instances",
            ResourceKind::LoadBalancers => "load balancers and target groups",
        }
    }
}

/// Why a resource type could not be collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum CollectError {
    /// AWS refused the call (AccessDenied / UnauthorizedOperation).
    Denied {
        /// The IAM action that was denied, e.g. `ec2:DescribeVpcs`.
        action: String,
        /// An AWS managed policy that grants it.
        managed_policy: String,
        /// AWS's own message.
        message: String,
    },
    /// Any other failure (network, throttling after retries, a service error).
    Failed {
        /// The IAM action that was attempted.
        action: String,
        /// What went wrong.
        message: String,
    },
}

/// One resource type as collected: its items, or why there are none to look at.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Collected<T> {
    /// The lab did not need this type, so it was not read.
    #[default]
    NotCollected,
    /// Read successfully (possibly empty).
    Ok {
        /// Everything of this type in the region.
        items: Vec<T>,
    },
    /// Reading it failed.
    Error {
        /// Why.
        error: CollectError,
    },
}

impl<T> Collected<T> {
    /// The items, if they were read.
    pub fn items(&self) -> Option<&[T]> {
        match self {
            Collected::Ok { items } => Some(items),
            _ => None,
        }
    }

    /// The items, or empty when not read. Only for code that has already checked availability.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items().unwrap_or(&[]).iter()
    }

    /// The items, mutably, if they were read (for building and editing fixtures).
    pub fn items_mut(&mut self) -> Option<&mut Vec<T>> {
        match self {
            Collected::Ok { items } => Some(items),
            _ => None,
        }
    }

    /// The failure, if reading failed.
    pub fn error(&self) -> Option<&CollectError> {
        match self {
            Collected::Error { error } => Some(error),
            _ => None,
        }
    }
}

impl<T> From<Vec<T>> for Collected<T> {
    fn from(items: Vec<T>) -> Self {
        Collected::Ok { items }
    }
}

/// Resource tags, key → value.
pub type Tags = BTreeMap<String, String>;

/// Everything one check read from one account and region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The account id, when known.
    #[serde(default)]
    pub account: Option<String>,
    /// The region that was read.
    #[serde(default)]
    pub region: Option<String>,
    /// When collection finished.
    #[serde(default)]
    pub collected_at: Option<DateTime<Utc>>,
    /// VPCs.
    #[serde(default)]
    pub vpcs: Collected<Vpc>,
    /// Subnets.
    #[serde(default)]
    pub subnets: Collected<Subnet>,
    /// Route tables with their routes and associations.
    #[serde(default)]
    pub route_tables: Collected<RouteTable>,
    /// Internet gateways with their attachments.
    #[serde(default)]
    pub internet_gateways: Collected<InternetGateway>,
    /// NAT gateways (including deleted ones AWS still lists for a while).
    #[serde(default)]
    pub nat_gateways: Collected<NatGateway>,
    /// Elastic IP addresses.
    #[serde(default)]
    pub elastic_ips: Collected<ElasticIp>,
    /// VPC peering connections, in any state.
    #[serde(default)]
    pub peering_connections: Collected<PeeringConnection>,
    /// Security groups with their rules.
    #[serde(default)]
    pub security_groups: Collected<SecurityGroup>,
    /// Route 53 hosted zones with their record sets (global, not per region).
    #[serde(default)]
    pub hosted_zones: Collected<HostedZone>,
    /// KMS keys with their aliases.
    #[serde(default)]
    pub kms_keys: Collected<KmsKey>,
    /// RDS DB instances.
    #[serde(default)]
    pub db_instances: Collected<DbInstance>,
    /// RDS DB subnet groups.
    #[serde(default)]
    pub db_subnet_groups: Collected<DbSubnetGroup>,
    /// AWS Budgets with their notifications (account-wide).
    #[serde(default)]
    pub budgets: Collected<Budget>,
    /// EC2 instances, in any state AWS still lists.
    #[serde(default)]
    pub ec2_instances: Collected<Ec2Instance>,
    /// Elastic Load Balancing (v2) load balancers.
    #[serde(default)]
    pub load_balancers: Collected<LoadBalancer>,
    /// Target groups (collected with the load balancers).
    #[serde(default)]
    pub target_groups: Collected<TargetGroup>,
}

impl Snapshot {
    /// Why `kind` cannot be looked at, if it cannot: not collected, or collecting it failed.
    pub fn unavailable(&self, kind: ResourceKind) -> Option<Unavailable<'_>> {
        fn state<T>(c: &Collected<T>) -> Option<Unavailable<'_>> {
            match c {
                Collected::Ok { .. } => None,
                Collected::NotCollected => Some(Unavailable::NotCollected),
                Collected::Error { error } => Some(Unavailable::Failed(error)),
            }
        }
        match kind {
            ResourceKind::Vpcs => state(&self.vpcs),
            ResourceKind::Subnets => state(&self.subnets),
            ResourceKind::RouteTables => state(&self.route_tables),
            ResourceKind::InternetGateways => state(&self.internet_gateways),
            ResourceKind::NatGateways => state(&self.nat_gateways),
            ResourceKind::ElasticIps => state(&self.elastic_ips),
            ResourceKind::PeeringConnections => state(&self.peering_connections),
            ResourceKind::SecurityGroups => state(&self.security_groups),
            ResourceKind::HostedZones => state(&self.hosted_zones),
            ResourceKind::KmsKeys => state(&self.kms_keys),
            ResourceKind::DbInstances => state(&self.db_instances),
            ResourceKind::DbSubnetGroups => state(&self.db_subnet_groups),
            ResourceKind::Budgets => state(&self.budgets),
            ResourceKind::Ec2Instances => state(&self.ec2_instances),
            ResourceKind::LoadBalancers => state(&self.load_balancers).or(state(&self.target_groups)),
        }
    }

    /// The KMS key a reference names, however it is written: key id, key ARN, alias name
    /// (`alias/x`) or alias ARN. RDS reports `KmsKeyId` as it was given, so never compare the
    /// strings themselves.
    pub fn kms_key(&self, reference: &str) -> Option<&KmsKey> {
        let r = reference.trim();
        let alias = r.find(":alias/").map_or(r, |i| &r[i + 1..]);
        self.kms_keys.iter().find(|k| {
            k.id == r
                || k.arn == r
                || r.ends_with(&format!(":key/{}", k.id))
                || k.aliases.iter().any(|a| a == alias)
        })
    }

    /// The VPC with this id.
    pub fn vpc(&self, id: &str) -> Option<&Vpc> {
        self.vpcs.iter().find(|v| v.id == id)
    }

    /// The subnet with this id.
    pub fn subnet(&self, id: &str) -> Option<&Subnet> {
        self.subnets.iter().find(|s| s.id == id)
    }

    /// The security group with this id.
    pub fn security_group(&self, id: &str) -> Option<&SecurityGroup> {
        self.security_groups.iter().find(|g| g.id == id)
    }

    /// The route table that governs `subnet`: its explicit association, else its VPC's main
    /// route table (what AWS itself uses).
    pub fn route_table_for_subnet(&self, subnet: &Subnet) -> Option<&RouteTable> {
        self.route_tables
            .iter()
            .find(|rt| rt.subnet_ids.contains(&subnet.id))
            .or_else(|| self.route_tables.iter().find(|rt| rt.vpc_id == subnet.vpc_id && rt.main))
    }
}

/// Why a resource type cannot be looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable<'a> {
    /// Not collected for this check (a bug in a kind's declared needs, or an offline snapshot).
    NotCollected,
    /// Collecting it failed.
    Failed(&'a CollectError),
}

/// A VPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vpc {
    /// `vpc-…`
    pub id: String,
    /// The primary CIDR block.
    pub cidr: String,
    /// Secondary IPv4 CIDR blocks that are associated.
    #[serde(default)]
    pub secondary_cidrs: Vec<String>,
    /// Whether this is the region's default VPC.
    #[serde(default)]
    pub is_default: bool,
    /// `pending` or `available`.
    #[serde(default)]
    pub state: String,
    /// Tags (the `Name` tag is what the console shows).
    #[serde(default)]
    pub tags: Tags,
}

impl Vpc {
    /// The `Name` tag.
    pub fn name(&self) -> Option<&str> {
        self.tags.get("Name").map(String::as_str)
    }

    /// Every IPv4 CIDR block of the VPC, primary first.
    pub fn all_cidrs(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.cidr.as_str()).chain(self.secondary_cidrs.iter().map(String::as_str))
    }
}

/// A subnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subnet {
    /// `subnet-…`
    pub id: String,
    /// The VPC it belongs to.
    pub vpc_id: String,
    /// Its IPv4 CIDR block.
    pub cidr: String,
    /// Its Availability Zone, e.g. `ap-northeast-2a`.
    pub availability_zone: String,
    /// Whether instances launched here get a public IP by default.
    #[serde(default)]
    pub map_public_ip_on_launch: bool,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
}

impl Subnet {
    /// The `Name` tag.
    pub fn name(&self) -> Option<&str> {
        self.tags.get("Name").map(String::as_str)
    }
}

/// What a route sends traffic to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteTargetKind {
    /// Traffic stays inside the VPC.
    Local,
    /// An internet gateway (`igw-…`).
    InternetGateway,
    /// A NAT gateway (`nat-…`).
    NatGateway,
    /// A VPC peering connection (`pcx-…`).
    Peering,
    /// A transit gateway (`tgw-…`).
    TransitGateway,
    /// An egress-only internet gateway (`eigw-…`, IPv6).
    EgressOnlyInternetGateway,
    /// A virtual private gateway (`vgw-…`).
    VirtualPrivateGateway,
    /// An instance or network interface (a NAT instance, an appliance).
    Instance,
    /// Anything else (VPC endpoints, carrier gateways, …).
    Other,
}

impl RouteTargetKind {
    /// Classifies a route target by its id, the way the console does.
    pub fn from_target_id(id: &str) -> Self {
        match id {
            "local" => RouteTargetKind::Local,
            _ if id.starts_with("igw-") => RouteTargetKind::InternetGateway,
            _ if id.starts_with("nat-") => RouteTargetKind::NatGateway,
            _ if id.starts_with("pcx-") => RouteTargetKind::Peering,
            _ if id.starts_with("tgw-") => RouteTargetKind::TransitGateway,
            _ if id.starts_with("eigw-") => RouteTargetKind::EgressOnlyInternetGateway,
            _ if id.starts_with("vgw-") => RouteTargetKind::VirtualPrivateGateway,
            _ if id.starts_with("i-") || id.starts_with("eni-") => RouteTargetKind::Instance,
            _ => RouteTargetKind::Other,
        }
    }
}

/// One route of a route table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// Destination IPv4 or IPv6 CIDR, or a prefix list id.
    pub destination: String,
    /// The target's id (`local`, `igw-…`, `nat-…`, `pcx-…`, …).
    pub target: String,
    /// The target's kind, derived from its id.
    pub target_kind: RouteTargetKind,
    /// `active` or `blackhole` (the target is gone).
    #[serde(default)]
    pub state: String,
}

/// A route table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteTable {
    /// `rtb-…`
    pub id: String,
    /// The VPC it belongs to.
    pub vpc_id: String,
    /// Whether it is its VPC's main route table (used by subnets with no explicit association).
    #[serde(default)]
    pub main: bool,
    /// Subnets explicitly associated with it.
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    /// Its routes.
    #[serde(default)]
    pub routes: Vec<Route>,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
}

impl RouteTable {
    /// The route AWS would pick for an IPv4 destination CIDR `dest` (longest prefix that
    /// contains it), ignoring routes whose destination is not an IPv4 CIDR.
    pub fn route_for(&self, dest: ipnet::Ipv4Net) -> Option<&Route> {
        self.routes
            .iter()
            .filter_map(|r| r.destination.parse::<ipnet::Ipv4Net>().ok().map(|net| (net, r)))
            .filter(|(net, _)| net.contains(&dest))
            .max_by_key(|(net, _)| net.prefix_len())
            .map(|(_, r)| r)
    }

    /// The `Name` tag.
    pub fn name(&self) -> Option<&str> {
        self.tags.get("Name").map(String::as_str)
    }
}

/// An internet gateway's attachment to a VPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IgwAttachment {
    /// The VPC.
    pub vpc_id: String,
    /// `available` when attached (AWS reports `available`, not `attached`), or `attaching`, …
    pub state: String,
}

/// An internet gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InternetGateway {
    /// `igw-…`
    pub id: String,
    /// Its attachments (at most one VPC).
    #[serde(default)]
    pub attachments: Vec<IgwAttachment>,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
}

/// An address of a NAT gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NatGatewayAddress {
    /// The Elastic IP's allocation id, for a public NAT gateway.
    #[serde(default)]
    pub allocation_id: Option<String>,
    /// The public IP.
    #[serde(default)]
    pub public_ip: Option<String>,
    /// The private IP in its subnet.
    #[serde(default)]
    pub private_ip: Option<String>,
}

/// A NAT gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NatGateway {
    /// `nat-…`
    pub id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// The subnet it lives in.
    pub subnet_id: String,
    /// `pending`, `available`, `deleting`, `deleted` or `failed`.
    pub state: String,
    /// `public` (default) or `private`.
    #[serde(default = "default_connectivity")]
    pub connectivity: String,
    /// Its addresses.
    #[serde(default)]
    pub addresses: Vec<NatGatewayAddress>,
    /// When it was created (what the cost meter counts from).
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
}

fn default_connectivity() -> String {
    "public".to_owned()
}

/// An Elastic IP address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElasticIp {
    /// `eipalloc-…`
    pub allocation_id: String,
    /// The address.
    pub public_ip: String,
    /// Set when associated with an instance or network interface.
    #[serde(default)]
    pub association_id: Option<String>,
    /// The network interface it is associated with (a NAT gateway's, for example).
    #[serde(default)]
    pub network_interface_id: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
}

/// One side of a peering connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeeringSide {
    /// The VPC.
    pub vpc_id: String,
    /// Its owner's account id.
    #[serde(default)]
    pub owner_id: Option<String>,
    /// Its region.
    #[serde(default)]
    pub region: Option<String>,
    /// Its CIDR blocks, as AWS reports them on the peering.
    #[serde(default)]
    pub cidrs: Vec<String>,
}

/// A VPC peering connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeeringConnection {
    /// `pcx-…`
    pub id: String,
    /// `pending-acceptance`, `active`, `rejected`, `deleted`, `failed`, `expired`, …
    pub status: String,
    /// AWS's message about the status.
    #[serde(default)]
    pub status_message: Option<String>,
    /// The side that asked.
    pub requester: PeeringSide,
    /// The side that must accept.
    pub accepter: PeeringSide,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
}

impl PeeringConnection {
    /// Whether it connects these two VPCs, in either direction.
    pub fn connects(&self, a: &str, b: &str) -> bool {
        (self.requester.vpc_id == a && self.accepter.vpc_id == b)
            || (self.requester.vpc_id == b && self.accepter.vpc_id == a)
    }
}

/// Where a security group rule lets traffic come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum RuleSource {
    /// An IPv4 CIDR block.
    Cidr(String),
    /// An IPv6 CIDR block.
    Ipv6Cidr(String),
    /// Another security group (`sg-…`), possibly in a peered VPC.
    Group(String),
    /// A managed prefix list (`pl-…`).
    PrefixList(String),
}

/// One inbound or outbound permission: a protocol, a port range, one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SgRule {
    /// `tcp`, `udp`, `icmp`, or `-1` for all traffic.
    pub protocol: String,
    /// First port (None for all traffic).
    #[serde(default)]
    pub from_port: Option<i32>,
    /// Last port.
    #[serde(default)]
    pub to_port: Option<i32>,
    /// The source (ingress) or destination (egress).
    pub source: RuleSource,
}

impl SgRule {
    /// Whether this rule lets TCP traffic to `port` through.
    pub fn allows_tcp_port(&self, port: u16) -> bool {
        let port = i32::from(port);
        match self.protocol.as_str() {
            "-1" | "all" => true,
            "tcp" | "6" => match (self.from_port, self.to_port) {
                (Some(from), Some(to)) => (from == -1 && to == -1) || (from <= port && port <= to),
                _ => true,
            },
            _ => false,
        }
    }

    /// The rule's ports for people: `tcp/22`, `tcp/1024-65535`, `all traffic`.
    pub fn describe_ports(&self) -> String {
        match (self.protocol.as_str(), self.from_port, self.to_port) {
            ("-1", _, _) => "all traffic".to_owned(),
            (proto, Some(from), Some(to)) if from == to => format!("{proto}/{from}"),
            (proto, Some(from), Some(to)) => format!("{proto}/{from}-{to}"),
            (proto, _, _) => format!("{proto}/all"),
        }
    }
}

/// A security group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroup {
    /// `sg-…`
    pub id: String,
    /// The group name (unique within its VPC).
    pub name: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Its description.
    #[serde(default)]
    pub description: String,
    /// Inbound rules, one per source.
    #[serde(default)]
    pub ingress: Vec<SgRule>,
    /// Outbound rules, one per destination.
    #[serde(default)]
    pub egress: Vec<SgRule>,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
}

impl SecurityGroup {
    /// The `Name` tag.
    pub fn name_tag(&self) -> Option<&str> {
        self.tags.get("Name").map(String::as_str)
    }

    /// How to call it in a message: `sg-… (web-sg)`.
    pub fn display(&self) -> String {
        format!("{} ({})", self.id, self.name)
    }
}

/// A KMS key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KmsKey {
    /// The key id (a UUID).
    pub id: String,
    /// The key ARN.
    pub arn: String,
    /// `CUSTOMER` (yours) or `AWS` (an AWS-managed key such as `aws/rds`).
    pub manager: String,
    /// `Enabled`, `Disabled`, `PendingDeletion`, …
    pub state: String,
    /// Its aliases (`alias/lab-rds`).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// An RDS DB instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbInstance {
    /// The DB instance identifier.
    pub id: String,
    /// `db.t3.micro`, …
    pub class: String,
    /// `mysql`, `postgres`, …
    pub engine: String,
    /// `available`, `creating`, `backing-up`, …
    pub status: String,
    /// Whether storage is encrypted.
    pub storage_encrypted: bool,
    /// The KMS key, as RDS reports it (an ARN, id or alias: whatever was passed).
    #[serde(default)]
    pub kms_key_id: Option<String>,
    /// Whether it has a public address.
    pub publicly_accessible: bool,
    /// Days automated backups are kept (0: backups off).
    pub backup_retention_days: i32,
    /// Whether minor engine versions are applied automatically.
    pub auto_minor_version_upgrade: bool,
    /// The weekly maintenance window (`sun:18:00-sun:19:00`).
    #[serde(default)]
    pub maintenance_window: Option<String>,
    /// The Secrets Manager secret holding the master password, when RDS manages it.
    #[serde(default)]
    pub master_user_secret_arn: Option<String>,
    /// Its VPC security groups.
    #[serde(default)]
    pub security_groups: Vec<String>,
    /// Its DB subnet group's name.
    #[serde(default)]
    pub subnet_group: Option<String>,
    /// Its VPC (from the subnet group).
    #[serde(default)]
    pub vpc_id: Option<String>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// An EC2 instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ec2Instance {
    /// `i-…`
    pub id: String,
    /// `t3.micro`, …
    pub instance_type: String,
    /// `pending`, `running`, `stopping`, `stopped`, `shutting-down` or `terminated`.
    pub state: String,
    /// Its VPC, when it has one.
    #[serde(default)]
    pub vpc_id: Option<String>,
    /// When it was (last) started.
    #[serde(default)]
    pub launched_at: Option<DateTime<Utc>>,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
}

/// An Elastic Load Balancing (v2) load balancer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadBalancer {
    /// Its ARN (what the delete call takes).
    pub arn: String,
    /// Its name.
    pub name: String,
    /// `application`, `network` or `gateway`.
    pub lb_type: String,
    /// `provisioning`, `active`, `active_impaired` or `failed`.
    pub state: String,
    /// Its VPC.
    #[serde(default)]
    pub vpc_id: Option<String>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// A target group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetGroup {
    /// Its ARN.
    pub arn: String,
    /// Its name.
    pub name: String,
    /// The load balancers that forward to it.
    #[serde(default)]
    pub load_balancer_arns: Vec<String>,
}

/// A subnet of a DB subnet group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbSubnet {
    /// `subnet-…`
    pub id: String,
    /// Its Availability Zone.
    pub availability_zone: String,
}

/// An RDS DB subnet group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbSubnetGroup {
    /// Its name.
    pub name: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Its subnets.
    #[serde(default)]
    pub subnets: Vec<DbSubnet>,
}

/// An AWS budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    /// Its name.
    pub name: String,
    /// `COST`, `USAGE`, `RI_UTILIZATION`, …
    pub budget_type: String,
    /// `MONTHLY`, `QUARTERLY`, `ANNUALLY`, `DAILY`.
    pub time_unit: String,
    /// The limit.
    pub limit: f64,
    /// The limit's unit (`USD`).
    pub unit: String,
    /// Spend so far this period, as AWS reports it (hours behind).
    #[serde(default)]
    pub actual_spend: Option<f64>,
    /// Forecast spend for the period.
    #[serde(default)]
    pub forecast_spend: Option<f64>,
    /// Its notifications.
    #[serde(default)]
    pub notifications: Vec<BudgetNotification>,
}

/// A budget notification (an alert).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetNotification {
    /// `ACTUAL` or `FORECASTED`.
    pub notification_type: String,
    /// `GREATER_THAN`, `LESS_THAN`, `EQUAL_TO`.
    pub comparison: String,
    /// The threshold.
    pub threshold: f64,
    /// `PERCENTAGE` or `ABSOLUTE_VALUE`.
    pub threshold_type: String,
    /// Who is told (`EMAIL address`, `SNS arn`); `None` when they could not be listed.
    #[serde(default)]
    pub subscribers: Option<Vec<String>>,
    /// Why the subscribers could not be listed, when they could not.
    #[serde(default)]
    pub subscribers_unlisted: Option<String>,
}

/// A DNS name as Route 53 compares it: lowercase, without the trailing dot.
pub fn normalize_dns_name(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// A Route 53 hosted zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostedZone {
    /// The zone id, without the `/hostedzone/` prefix.
    pub id: String,
    /// The domain, normalised (`example.com`).
    pub name: String,
    /// Whether it is a private zone (resolvable only inside VPCs).
    #[serde(default)]
    pub private: bool,
    /// Its record sets.
    #[serde(default)]
    pub records: Vec<DnsRecord>,
}

/// One Route 53 record set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsRecord {
    /// The name, normalised (`www.example.com`).
    pub name: String,
    /// `A`, `AAAA`, `CNAME`, `MX`, `TXT`, `NS`, `SOA`, …
    #[serde(rename = "type")]
    pub rtype: String,
    /// The TTL in seconds (none for alias records).
    #[serde(default)]
    pub ttl: Option<i64>,
    /// The values (IP addresses, a host name, `10 mail.example.com`, …).
    #[serde(default)]
    pub values: Vec<String>,
    /// The alias target's DNS name, normalised, for alias records.
    #[serde(default)]
    pub alias_target: Option<String>,
    /// The set identifier of a record in a routing policy (weighted, latency, failover).
    #[serde(default)]
    pub set_identifier: Option<String>,
    /// The weight, for weighted routing.
    #[serde(default)]
    pub weight: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_matching_prefix_wins() {
        let rt = RouteTable {
            id: "rtb-1".into(),
            vpc_id: "vpc-1".into(),
            main: false,
            subnet_ids: vec![],
            routes: vec![
                route("10.10.0.0/16", "local"),
                route("0.0.0.0/0", "nat-1"),
                route("172.16.1.0/24", "pcx-1"),
            ],
            tags: Tags::new(),
        };
        let pick = |d: &str| rt.route_for(d.parse().unwrap()).map(|r| r.target.clone());
        assert_eq!(pick("172.16.1.0/24").as_deref(), Some("pcx-1"));
        assert_eq!(pick("172.16.2.0/24").as_deref(), Some("nat-1"));
        assert_eq!(pick("10.10.3.0/24").as_deref(), Some("local"));
    }

    fn route(dest: &str, target: &str) -> Route {
        Route {
            destination: dest.into(),
            target: target.into(),
            target_kind: RouteTargetKind::from_target_id(target),
            state: "active".into(),
        }
    }

    #[test]
    fn a_snapshot_survives_a_json_round_trip() {
        let snap = Snapshot {
            account: Some("123456789012".into()),
            vpcs: Collected::Ok { items: vec![] },
            subnets: Collected::Error {
                error: CollectError::Denied {
                    action: "ec2:DescribeSubnets".into(),
                    managed_policy: "AmazonVPCReadOnlyAccess".into(),
                    message: "no".into(),
                },
            },
            ..Snapshot::default()
        };
        let json = serde_json::to_string(&snap).unwrap();
        assert_eq!(serde_json::from_str::<Snapshot>(&json).unwrap(), snap);
    }
}
