//! Elastic Load Balancing (v2): load balancers and target groups.

use aws_sdk_elasticloadbalancingv2::types as elb;
use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, all_items, to_chrono};

impl Collect for LoadBalancer {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let lbs: Vec<elb::LoadBalancer> =
            all_items!(c, "elasticloadbalancing:DescribeLoadBalancers", c.elb.describe_load_balancers())?;
        Ok(lbs
            .iter()
            .map(|lb| LoadBalancer {
                arn: lb.load_balancer_arn().unwrap_or_default().to_owned(),
                name: lb.load_balancer_name().unwrap_or_default().to_owned(),
                lb_type: lb
                    .r#type()
                    .map(|t| t.as_str().to_owned())
                    .unwrap_or_else(|| "application".to_owned()),
                state: lb.state().and_then(|s| s.code()).map(|c| c.as_str().to_owned()).unwrap_or_default(),
                vpc_id: lb.vpc_id().map(str::to_owned),
                created_at: lb.created_time().and_then(to_chrono),
                scheme: lb.scheme().map(|s| s.as_str().to_owned()).unwrap_or_default(),
                dns_name: lb.dns_name().unwrap_or_default().to_owned(),
                subnets: lb
                    .availability_zones()
                    .iter()
                    .filter_map(|z| {
                        Some(LbSubnet {
                            subnet_id: z.subnet_id()?.to_owned(),
                            availability_zone: z.zone_name().unwrap_or_default().to_owned(),
                        })
                    })
                    .collect(),
                security_groups: lb.security_groups().to_vec(),
            })
            .collect())
    }
}

impl Collect for TargetGroup {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let tgs: Vec<elb::TargetGroup> =
            all_items!(c, "elasticloadbalancing:DescribeTargetGroups", c.elb.describe_target_groups())?;
        Ok(tgs
            .iter()
            .map(|tg| TargetGroup {
                arn: tg.target_group_arn().unwrap_or_default().to_owned(),
                name: tg.target_group_name().unwrap_or_default().to_owned(),
                load_balancer_arns: tg.load_balancer_arns().to_vec(),
                protocol: tg.protocol().map(|p| p.as_str().to_owned()),
                port: tg.port(),
                vpc_id: tg.vpc_id().map(str::to_owned),
                target_type: tg.target_type().map(|t| t.as_str().to_owned()),
                health_check_path: tg.health_check_path().map(str::to_owned),
                health_check_port: tg.health_check_port().map(str::to_owned),
                health_check_matcher: tg.matcher().and_then(|m| m.http_code()).map(str::to_owned),
            })
            .collect())
    }
}
