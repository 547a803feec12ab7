//! Elastic Load Balancing (v2): load balancers with their listeners, target groups with the
//! health of their targets.
//!
//! Listeners are asked per load balancer and target health per target group: the ones the last
//! read saw ([`Hints`](crate::warm::Hints)) next to the lists, the rest once the lists answer.

use aws_sdk_elasticloadbalancingv2::types as elb;
use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, all_items, list_with_details, to_chrono};

impl Collect for LoadBalancer {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let list = async {
            all_items!(c, "elasticloadbalancing:DescribeLoadBalancers", c.elb.describe_load_balancers())
        };
        let (lbs, listeners): (Vec<elb::LoadBalancer>, _) = list_with_details(
            ResourceKind::LoadBalancers,
            &c.hints.ids(ResourceKind::LoadBalancers),
            list,
            |lbs: &Vec<elb::LoadBalancer>| {
                lbs.iter().filter_map(|lb| lb.load_balancer_arn()).map(str::to_owned).collect()
            },
            |arn| async move {
                all_items!(
                    c,
                    "elasticloadbalancing:DescribeListeners",
                    c.elb.describe_listeners().load_balancer_arn(arn)
                )
            },
        )
        .await?;
        Ok(lbs
            .iter()
            .filter(|lb| lb.load_balancer_arn().is_some())
            .zip(listeners)
            .map(|(lb, listeners)| {
                let (listeners, unreadable) = match listeners {
                    Ok(list) => (list.iter().map(listener).collect(), None),
                    Err(error) => (Vec::new(), Some(error)),
                };
                LoadBalancer {
                    arn: lb.load_balancer_arn().unwrap_or_default().to_owned(),
                    name: lb.load_balancer_name().unwrap_or_default().to_owned(),
                    lb_type: lb
                        .r#type()
                        .map(|t| t.as_str().to_owned())
                        .unwrap_or_else(|| "application".to_owned()),
                    state: lb
                        .state()
                        .and_then(|s| s.code())
                        .map(|c| c.as_str().to_owned())
                        .unwrap_or_default(),
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
                    listeners,
                    unreadable,
                }
            })
            .collect())
    }

    /// The load balancers' ARNs: the next read lists their listeners next to its list.
    fn hint(items: &[Self]) -> Option<serde_json::Value> {
        crate::warm::ids(items.iter().map(|i| &i.arn))
    }
}

fn listener(l: &elb::Listener) -> Listener {
    Listener {
        arn: l.listener_arn().unwrap_or_default().to_owned(),
        port: l.port(),
        protocol: l.protocol().map(|p| p.as_str().to_owned()),
        default_actions: l
            .default_actions()
            .iter()
            .map(|a| {
                // A forward names one group directly, or several (with weights) in its config.
                let mut target_group_arns: Vec<String> =
                    a.target_group_arn().map(str::to_owned).into_iter().collect();
                for tuple in a.forward_config().map(|f| f.target_groups()).unwrap_or_default() {
                    if let Some(arn) = tuple.target_group_arn()
                        && !target_group_arns.iter().any(|a| a == arn)
                    {
                        target_group_arns.push(arn.to_owned());
                    }
                }
                ListenerAction {
                    action_type: a.r#type().map(|t| t.as_str().to_owned()).unwrap_or_default(),
                    target_group_arns,
                }
            })
            .collect(),
    }
}

impl Collect for TargetGroup {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let list = async {
            all_items!(c, "elasticloadbalancing:DescribeTargetGroups", c.elb.describe_target_groups())
        };
        let (tgs, health): (Vec<elb::TargetGroup>, _) = list_with_details(
            ResourceKind::TargetGroups,
            &c.hints.ids(ResourceKind::TargetGroups),
            list,
            |tgs: &Vec<elb::TargetGroup>| {
                tgs.iter().filter_map(|tg| tg.target_group_arn()).map(str::to_owned).collect()
            },
            |arn| async move {
                // DescribeTargetHealth is not paginated: it answers every target at once.
                c.elb
                    .describe_target_health()
                    .target_group_arn(arn)
                    .send()
                    .await
                    .map_err(|e| c.fail("elasticloadbalancing:DescribeTargetHealth", e))
            },
        )
        .await?;
        Ok(tgs
            .iter()
            .filter(|tg| tg.target_group_arn().is_some())
            .zip(health)
            .map(|(tg, health)| {
                let (targets, unreadable) = match health {
                    Ok(out) => (out.target_health_descriptions().iter().map(target_health).collect(), None),
                    Err(error) => (Vec::new(), Some(error)),
                };
                TargetGroup {
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
                    targets,
                    unreadable,
                }
            })
            .collect())
    }

    /// The target groups' ARNs: the next read asks their targets' health next to its list.
    fn hint(items: &[Self]) -> Option<serde_json::Value> {
        crate::warm::ids(items.iter().map(|i| &i.arn))
    }
}

fn target_health(d: &elb::TargetHealthDescription) -> TargetHealth {
    let health = d.target_health();
    TargetHealth {
        id: d.target().and_then(|t| t.id()).unwrap_or_default().to_owned(),
        port: d.target().and_then(|t| t.port()),
        state: health.and_then(|h| h.state()).map(|s| s.as_str().to_owned()).unwrap_or_default(),
        reason: health.and_then(|h| h.reason()).map(|r| r.as_str().to_owned()),
        description: health.and_then(|h| h.description()).map(str::to_owned),
    }
}
