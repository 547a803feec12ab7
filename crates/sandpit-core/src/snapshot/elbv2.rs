//! Elastic Load Balancing (v2): load balancers and target groups.

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
}
