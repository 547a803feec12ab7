//! Elastic Load Balancing (v2): load balancers with their listeners, and target groups with the
//! health of their targets.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An Elastic Load Balancing (v2) load balancer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// `internet-facing` or `internal`.
    #[serde(default)]
    pub scheme: String,
    /// Its DNS name (what a CNAME or an alias record points at).
    #[serde(default)]
    pub dns_name: String,
    /// The subnets it has a node in, with their Availability Zones.
    #[serde(default)]
    pub subnets: Vec<LbSubnet>,
    /// Its security groups (application load balancers; network load balancers may have some).
    #[serde(default)]
    pub security_groups: Vec<String>,
    /// Its listeners (`DescribeListeners`).
    #[serde(default)]
    pub listeners: Vec<Listener>,
    /// Set when its listeners could not be read (the load balancer itself was listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<super::CollectError>,
}

/// A listener: a port and protocol a load balancer accepts, and what it does with requests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listener {
    /// Its ARN.
    pub arn: String,
    /// The port it listens on.
    #[serde(default)]
    pub port: Option<i32>,
    /// `HTTP`, `HTTPS`, `TCP`, …
    #[serde(default)]
    pub protocol: Option<String>,
    /// What it does with a request no rule matches (its default actions, in order).
    #[serde(default)]
    pub default_actions: Vec<ListenerAction>,
}

impl Listener {
    /// The target groups its default actions forward to.
    pub fn forwards_to(&self) -> impl Iterator<Item = &str> {
        self.default_actions
            .iter()
            .filter(|a| a.action_type == "forward")
            .flat_map(|a| a.target_group_arns.iter().map(String::as_str))
    }
}

/// One action of a listener.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListenerAction {
    /// `forward`, `redirect`, `fixed-response`, `authenticate-oidc`, …
    pub action_type: String,
    /// The target groups a `forward` sends to (one, or several with weights).
    #[serde(default)]
    pub target_group_arns: Vec<String>,
}

/// A subnet a load balancer has a node in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LbSubnet {
    /// `subnet-…`
    pub subnet_id: String,
    /// Its Availability Zone.
    #[serde(default)]
    pub availability_zone: String,
}

/// A target group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetGroup {
    /// Its ARN.
    pub arn: String,
    /// Its name.
    pub name: String,
    /// The load balancers that forward to it.
    #[serde(default)]
    pub load_balancer_arns: Vec<String>,
    /// `HTTP`, `HTTPS`, `TCP`, …
    #[serde(default)]
    pub protocol: Option<String>,
    /// The port targets receive traffic on.
    #[serde(default)]
    pub port: Option<i32>,
    /// Its VPC.
    #[serde(default)]
    pub vpc_id: Option<String>,
    /// `instance`, `ip`, `lambda` or `alb`.
    #[serde(default)]
    pub target_type: Option<String>,
    /// The health check's path (HTTP/HTTPS).
    #[serde(default)]
    pub health_check_path: Option<String>,
    /// The health check's port (`traffic-port` or a number).
    #[serde(default)]
    pub health_check_port: Option<String>,
    /// The HTTP codes a healthy target answers with (`200`, `200-399`).
    #[serde(default)]
    pub health_check_matcher: Option<String>,
    /// Its registered targets and their health (`DescribeTargetHealth`).
    #[serde(default)]
    pub targets: Vec<TargetHealth>,
    /// Set when its targets' health could not be read (the group itself was listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<super::CollectError>,
}

/// A registered target and its health.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetHealth {
    /// The instance id, IP address or Lambda ARN.
    pub id: String,
    /// The port it receives traffic on.
    #[serde(default)]
    pub port: Option<i32>,
    /// `initial`, `healthy`, `unhealthy`, `unused`, `draining`, `unavailable`.
    pub state: String,
    /// Why it is not healthy (`Target.ResponseCodeMismatch`, `Target.Timeout`, …).
    #[serde(default)]
    pub reason: Option<String>,
    /// AWS's description of the reason.
    #[serde(default)]
    pub description: Option<String>,
}
