//! EC2 and VPC resources: the network a lab builds, and the instances the cost meter counts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;

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
    /// For a security group source in another VPC: the peering the reference goes through, as
    /// AWS reports it on the rule. A reference through a peering that is no longer active
    /// admits nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peering: Option<GroupPeering>,
}

/// How a rule's security group source in a peered VPC is reached (AWS's `UserIdGroupPair`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPeering {
    /// The peering connection (`pcx-…`).
    #[serde(default)]
    pub connection_id: Option<String>,
    /// `active` or `deleted`, as AWS reports it on the rule.
    #[serde(default)]
    pub status: Option<String>,
    /// The referenced group's VPC.
    #[serde(default)]
    pub vpc_id: Option<String>,
    /// The referenced group's account.
    #[serde(default)]
    pub account: Option<String>,
}

impl SgRule {
    /// A rule for `protocol` and a port range from `source`, not through a peering.
    pub fn new(protocol: &str, from_port: Option<i32>, to_port: Option<i32>, source: RuleSource) -> Self {
        SgRule { protocol: protocol.to_owned(), from_port, to_port, source, peering: None }
    }

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

    /// The single TCP port this rule opens (`Some(80)` for tcp/80), none for a range or all.
    pub fn single_tcp_port(&self) -> Option<u16> {
        match (self.protocol.as_str(), self.from_port, self.to_port) {
            ("tcp" | "6", Some(from), Some(to)) if from == to => u16::try_from(from).ok().filter(|p| *p > 0),
            _ => None,
        }
    }

    /// Whether the rule opens more than TCP `port` (other ports, other protocols).
    pub fn opens_more_than_tcp(&self, port: u16) -> bool {
        self.single_tcp_port() != Some(port)
    }

    /// Whether a group reference through a peering no longer works: AWS keeps the rule but
    /// marks the peering `deleted` (a stale rule) and it admits nothing.
    pub fn through_dead_peering(&self) -> bool {
        self.peering.as_ref().and_then(|p| p.status.as_deref()).is_some_and(|s| s != "active")
    }

    /// The rule's ports as each language's message says them: `tcp/22`, `tcp/1024-65535`,
    /// `all traffic` (`모든 트래픽`).
    pub fn ports_label(&self) -> crate::Localized {
        // Protocol and numbers read the same in both languages.
        let ports = match (self.protocol.as_str(), self.from_port, self.to_port) {
            ("-1", _, _) => return crate::msg!("sg-rule-all-traffic"),
            (proto, Some(from), Some(to)) if from == to => format!("{proto}/{from}"),
            (proto, Some(from), Some(to)) => format!("{proto}/{from}-{to}"),
            (proto, _, _) => format!("{proto}/all"),
        };
        crate::Localized::new(ports.clone(), ports)
    }

    /// [`Self::ports_label`] in English, for the expected and found values (which are English).
    pub fn describe_ports(&self) -> String {
        self.ports_label().en
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

/// An EC2 instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Its subnet.
    #[serde(default)]
    pub subnet_id: Option<String>,
    /// Its primary private IPv4 address.
    #[serde(default)]
    pub private_ip: Option<String>,
    /// Its public IPv4 address (auto-assigned or Elastic), while it has one.
    #[serde(default)]
    pub public_ip: Option<String>,
    /// Its security groups.
    #[serde(default)]
    pub security_groups: Vec<String>,
    /// Its instance profile ARN.
    #[serde(default)]
    pub iam_instance_profile: Option<String>,
    /// The AMI it was launched from.
    #[serde(default)]
    pub image_id: Option<String>,
}

/// One entry of a network ACL: a numbered allow or deny rule for one direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NaclEntry {
    /// The rule number; entries are evaluated lowest first and the first match decides.
    pub rule_number: i32,
    /// `true` for an outbound (egress) rule.
    pub egress: bool,
    /// `tcp`, `udp`, `icmp` or `-1` (all), as protocol names or numbers (`6`, `17`, `1`).
    pub protocol: String,
    /// `allow` or `deny`.
    pub action: String,
    /// The IPv4 CIDR the rule matches, when it is an IPv4 rule.
    #[serde(default)]
    pub cidr: Option<String>,
    /// The IPv6 CIDR the rule matches, when it is an IPv6 rule.
    #[serde(default)]
    pub ipv6_cidr: Option<String>,
    /// First port of the range (TCP/UDP), none for all ports.
    #[serde(default)]
    pub from_port: Option<i32>,
    /// Last port of the range.
    #[serde(default)]
    pub to_port: Option<i32>,
}

impl NaclEntry {
    /// Whether this is the `*` rule AWS adds to every ACL (rule number 32767), which denies
    /// what no other rule matched.
    pub fn is_default_deny(&self) -> bool {
        self.rule_number == 32767
    }
}

/// A network ACL: stateless rules at a subnet's edge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkAcl {
    /// `acl-…`
    pub id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Whether it is its VPC's default ACL (the one subnets get when nothing else is associated).
    #[serde(default)]
    pub is_default: bool,
    /// The subnets associated with it.
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    /// Its entries, both directions, as AWS lists them.
    #[serde(default)]
    pub entries: Vec<NaclEntry>,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
}

impl NetworkAcl {
    /// The entries of one direction in evaluation order (lowest rule number first).
    pub fn rules(&self, egress: bool) -> Vec<&NaclEntry> {
        let mut rules: Vec<&NaclEntry> = self.entries.iter().filter(|e| e.egress == egress).collect();
        rules.sort_by_key(|e| e.rule_number);
        rules
    }
}

/// What an instance launched from a launch template version gets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchTemplateData {
    /// The AMI (`ami-…`).
    #[serde(default)]
    pub image_id: Option<String>,
    /// `t3.micro`, …
    #[serde(default)]
    pub instance_type: Option<String>,
    /// Security groups named directly on the template.
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    /// Security groups of the template's network interfaces.
    #[serde(default)]
    pub interface_security_group_ids: Vec<String>,
    /// Whether a network interface asks for a public IPv4 address (`None`: not said, the
    /// subnet's setting decides).
    #[serde(default)]
    pub associate_public_ip: Option<bool>,
    /// The instance profile (`arn:…` or name), if any.
    #[serde(default)]
    pub iam_instance_profile: Option<String>,
    /// Whether user data is set (its content is not kept: it may hold secrets).
    #[serde(default)]
    pub has_user_data: bool,
}

impl LaunchTemplateData {
    /// Every security group an instance from this version gets.
    pub fn all_security_groups(&self) -> impl Iterator<Item = &str> {
        self.security_group_ids.iter().chain(&self.interface_security_group_ids).map(String::as_str)
    }
}

/// An EC2 launch template, with what its default and latest versions launch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchTemplate {
    /// `lt-…`
    pub id: String,
    /// Its name.
    pub name: String,
    /// The default version number.
    pub default_version: i64,
    /// The latest version number.
    pub latest_version: i64,
    /// What the default version launches (what `$Default` resolves to).
    #[serde(default)]
    pub default_data: Option<LaunchTemplateData>,
    /// What the latest version launches (`$Latest`), when it differs from the default.
    #[serde(default)]
    pub latest_data: Option<LaunchTemplateData>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
    /// Set when its versions could not be read (the template itself was listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<super::CollectError>,
}

/// A network interface (ENI): where an instance, a database, a load balancer node or a NAT
/// gateway meets a subnet, with its addresses and security groups.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkInterface {
    /// `eni-…`
    pub id: String,
    /// Its subnet.
    pub subnet_id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// `interface`, `nat_gateway`, `network_load_balancer`, …
    #[serde(default)]
    pub interface_type: String,
    /// What AWS says it is for (`RDSNetworkInterface`, `ELB app/web-alb/…`).
    #[serde(default)]
    pub description: String,
    /// Its primary private IPv4 address.
    #[serde(default)]
    pub private_ip: Option<String>,
    /// Its public IPv4 address, if any.
    #[serde(default)]
    pub public_ip: Option<String>,
    /// Its security groups.
    #[serde(default)]
    pub security_groups: Vec<String>,
    /// The instance it is attached to, if any.
    #[serde(default)]
    pub instance_id: Option<String>,
    /// Whether an AWS service created and manages it (RDS, ELB, NAT gateways).
    #[serde(default)]
    pub requester_managed: bool,
}

/// A managed prefix list: a named set of CIDR blocks that security group rules and routes can
/// name instead of the blocks (`pl-…`; AWS keeps some, such as the S3 endpoint's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedPrefixList {
    /// `pl-…`
    pub id: String,
    /// Its name (`com.amazonaws.ap-northeast-2.s3`, or yours).
    pub name: String,
    /// `IPv4` or `IPv6`.
    #[serde(default)]
    pub address_family: String,
    /// The owner's account id (`AWS` for lists AWS keeps).
    #[serde(default)]
    pub owner_id: String,
    /// Its CIDR blocks.
    #[serde(default)]
    pub cidrs: Vec<String>,
    /// Set when its entries could not be read (the list itself was listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<super::CollectError>,
}
