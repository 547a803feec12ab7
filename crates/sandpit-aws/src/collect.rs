//! Read-only collectors: one call per resource type (plus pagination), all concurrently.

use std::collections::{BTreeSet, HashMap};

use aws_sdk_ec2::types as ec2;
use chrono::{DateTime, Utc};
use sandpit_core::snapshot::*;

use futures::FutureExt as _;
use futures::future::{BoxFuture, Shared};

use crate::connect::Aws;
use crate::error::{AwsError, Classified, classify};
use crate::warm::{AlertKey, Hints};

/// What one collector produced: the items, a per-type failure, or a failure of the whole run.
type Outcome<T> = Result<Collected<T>, AwsError>;

/// The account id that account-wide APIs (Budgets) need: already known, or still on its way
/// from STS while the other collectors run. `None` when STS could not tell (that failure is
/// reported by whoever asked STS).
pub(crate) type Account = Shared<BoxFuture<'static, Option<String>>>;

/// An account id known up front.
pub(crate) fn known_account(account: &str) -> Account {
    futures::future::ready(Some(account.to_owned())).boxed().shared()
}

/// Reads `kinds` into a snapshot, every collector at once. `hints` (what the last read of this
/// account saw) let list-then-describe collectors ask their second questions in the first round.
pub(crate) async fn collect(
    aws: &Aws,
    kinds: &BTreeSet<ResourceKind>,
    account: Account,
    hints: &Hints,
) -> Result<Snapshot, AwsError> {
    let ec2 = aws_sdk_ec2::Client::new(aws.sdk_config());
    let route53 = aws_sdk_route53::Client::new(aws.sdk_config());
    let kms = aws_sdk_kms::Client::new(aws.sdk_config());
    let rds = aws_sdk_rds::Client::new(aws.sdk_config());
    let budgets = aws_sdk_budgets::Client::new(aws.sdk_config());
    let elb = aws_sdk_elasticloadbalancingv2::Client::new(aws.sdk_config());
    // Subscribers are optional detail: an endpoint without the call (emulators) must not cost a
    // round of retries with back-off per notification.
    let budgets_single_try = aws_sdk_budgets::Client::from_conf(
        aws_sdk_budgets::config::Builder::from(aws.sdk_config())
            .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(1))
            .build(),
    );
    let want = |k| kinds.contains(&k);
    let c = Collector {
        ec2: &ec2,
        route53: &route53,
        kms: &kms,
        rds: &rds,
        budgets: &budgets,
        budgets_single_try: &budgets_single_try,
        elb: &elb,
        account,
        hints,
        endpoint: aws.endpoint(),
    };
    let (
        vpcs,
        subnets,
        route_tables,
        igws,
        nats,
        eips,
        peerings,
        groups,
        zones,
        keys,
        instances,
        subnet_groups,
        guard,
        ec2_instances,
        load_balancers,
    ) = tokio::join!(
        c.run(want(ResourceKind::Vpcs), ResourceKind::Vpcs, c.vpcs()),
        c.run(want(ResourceKind::Subnets), ResourceKind::Subnets, c.subnets()),
        c.run(want(ResourceKind::RouteTables), ResourceKind::RouteTables, c.route_tables()),
        c.run(want(ResourceKind::InternetGateways), ResourceKind::InternetGateways, c.internet_gateways()),
        c.run(want(ResourceKind::NatGateways), ResourceKind::NatGateways, c.nat_gateways()),
        c.run(want(ResourceKind::ElasticIps), ResourceKind::ElasticIps, c.elastic_ips()),
        c.run(want(ResourceKind::PeeringConnections), ResourceKind::PeeringConnections, c.peerings()),
        c.run(want(ResourceKind::SecurityGroups), ResourceKind::SecurityGroups, c.security_groups()),
        c.run(want(ResourceKind::HostedZones), ResourceKind::HostedZones, c.hosted_zones()),
        c.run(want(ResourceKind::KmsKeys), ResourceKind::KmsKeys, c.kms_keys()),
        c.run(want(ResourceKind::DbInstances), ResourceKind::DbInstances, c.db_instances()),
        c.run(want(ResourceKind::DbSubnetGroups), ResourceKind::DbSubnetGroups, c.db_subnet_groups()),
        c.run(want(ResourceKind::Budgets), ResourceKind::Budgets, c.budgets()),
        c.run(want(ResourceKind::Ec2Instances), ResourceKind::Ec2Instances, c.ec2_instances()),
        c.run(want(ResourceKind::LoadBalancers), ResourceKind::LoadBalancers, c.load_balancers()),
    );
    let (load_balancers, target_groups) = Balancing::split(load_balancers?);
    Ok(Snapshot {
        account: None,
        region: Some(aws.region().to_owned()),
        collected_at: Some(Utc::now()),
        vpcs: vpcs?,
        subnets: subnets?,
        route_tables: route_tables?,
        internet_gateways: igws?,
        nat_gateways: nats?,
        elastic_ips: eips?,
        peering_connections: peerings?,
        security_groups: groups?,
        hosted_zones: zones?,
        kms_keys: keys?,
        db_instances: instances?,
        db_subnet_groups: subnet_groups?,
        budgets: guard?,
        ec2_instances: ec2_instances?,
        load_balancers,
        target_groups,
    })
}

/// Every item of a paginated request, as the SDK's result.
macro_rules! raw_items {
    ($request:expr) => {
        $request.into_paginator().items().send().collect::<Result<Vec<_>, _>>().await
    };
}

/// Every item of a paginated request, or its failure recorded under the IAM `action` called.
macro_rules! all_items {
    ($collector:expr, $action:expr, $request:expr) => {
        raw_items!($request).map_err(|e| $collector.fail($action, e))
    };
}

/// Some APIs (Budgets) answer NotFound where others return an empty list.
#[expect(clippy::result_large_err, reason = "passes the SDK's own result through, unboxed as it came")]
fn empty_if_not_found<T, E>(result: Result<Vec<T>, SdkError<E>>) -> Result<Vec<T>, SdkError<E>>
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata,
{
    match result {
        Err(SdkError::ServiceError(ref s)) if s.err().code() == Some("NotFoundException") => Ok(Vec::new()),
        other => other,
    }
}

struct Collector<'a> {
    ec2: &'a aws_sdk_ec2::Client,
    route53: &'a aws_sdk_route53::Client,
    kms: &'a aws_sdk_kms::Client,
    rds: &'a aws_sdk_rds::Client,
    budgets: &'a aws_sdk_budgets::Client,
    budgets_single_try: &'a aws_sdk_budgets::Client,
    elb: &'a aws_sdk_elasticloadbalancingv2::Client,
    account: Account,
    hints: &'a Hints,
    endpoint: &'a str,
}

/// An SDK error from one collector: the IAM action of the call that failed, and what it means.
struct Failure {
    action: &'static str,
    classified: Classified,
}

impl Collector<'_> {
    fn fail<E>(&self, action: &'static str, err: SdkError<E>) -> Failure
    where
        E: aws_smithy_types::error::metadata::ProvideErrorMetadata
            + std::error::Error
            + Send
            + Sync
            + 'static,
    {
        Failure { action, classified: classify(&err, action, self.endpoint) }
    }

    /// Runs a collector if the lab needs it, turning its failure into the snapshot's record of
    /// it — or into an error for the whole run when nothing could work.
    async fn run<T>(
        &self,
        wanted: bool,
        kind: ResourceKind,
        fut: impl Future<Output = Result<Vec<T>, Failure>>,
    ) -> Outcome<T> {
        if !wanted {
            return Ok(Collected::NotCollected);
        }
        match fut.await {
            Ok(items) => Ok(Collected::Ok { items }),
            Err(Failure { classified: Classified::Fatal(err), .. }) => Err(err),
            Err(Failure { action, classified: Classified::Denied(message) }) => Ok(Collected::Error {
                error: CollectError::Denied {
                    action: action.to_owned(),
                    managed_policy: kind.managed_policy().to_owned(),
                    message,
                },
            }),
            Err(Failure { action, classified: Classified::Failed(message) }) => {
                Ok(Collected::Error { error: CollectError::Failed { action: action.to_owned(), message } })
            }
        }
    }

    async fn vpcs(&self) -> Result<Vec<Vpc>, Failure> {
        let items: Vec<ec2::Vpc> =
            all_items!(self, ResourceKind::Vpcs.iam_actions()[0], self.ec2.describe_vpcs())?;
        Ok(items
            .iter()
            .map(|v| {
                let primary = v.cidr_block().unwrap_or_default().to_owned();
                Vpc {
                    id: v.vpc_id().unwrap_or_default().to_owned(),
                    secondary_cidrs: v
                        .cidr_block_association_set()
                        .iter()
                        .filter(|a| {
                            a.cidr_block_state()
                                .and_then(|s| s.state())
                                .is_none_or(|s| *s == ec2::VpcCidrBlockStateCode::Associated)
                        })
                        .filter_map(|a| a.cidr_block())
                        .filter(|c| *c != primary)
                        .map(str::to_owned)
                        .collect(),
                    cidr: primary,
                    is_default: v.is_default().unwrap_or(false),
                    state: v.state().map(|s| s.as_str().to_owned()).unwrap_or_default(),
                    tags: tags(v.tags()),
                }
            })
            .collect())
    }

    async fn subnets(&self) -> Result<Vec<Subnet>, Failure> {
        let items: Vec<ec2::Subnet> =
            all_items!(self, ResourceKind::Subnets.iam_actions()[0], self.ec2.describe_subnets())?;
        Ok(items
            .iter()
            .map(|s| Subnet {
                id: s.subnet_id().unwrap_or_default().to_owned(),
                vpc_id: s.vpc_id().unwrap_or_default().to_owned(),
                cidr: s.cidr_block().unwrap_or_default().to_owned(),
                availability_zone: s.availability_zone().unwrap_or_default().to_owned(),
                map_public_ip_on_launch: s.map_public_ip_on_launch().unwrap_or(false),
                tags: tags(s.tags()),
            })
            .collect())
    }

    async fn route_tables(&self) -> Result<Vec<RouteTable>, Failure> {
        let items: Vec<ec2::RouteTable> =
            all_items!(self, ResourceKind::RouteTables.iam_actions()[0], self.ec2.describe_route_tables())?;
        Ok(items
            .iter()
            .map(|rt| RouteTable {
                id: rt.route_table_id().unwrap_or_default().to_owned(),
                vpc_id: rt.vpc_id().unwrap_or_default().to_owned(),
                main: rt.associations().iter().any(|a| a.main().unwrap_or(false)),
                subnet_ids: rt
                    .associations()
                    .iter()
                    .filter(|a| !a.main().unwrap_or(false))
                    .filter(|a| {
                        a.association_state().and_then(|s| s.state()).is_none_or(|s| {
                            matches!(
                                s,
                                ec2::RouteTableAssociationStateCode::Associated
                                    | ec2::RouteTableAssociationStateCode::Associating
                            )
                        })
                    })
                    .filter_map(|a| a.subnet_id().map(str::to_owned))
                    .collect(),
                routes: rt.routes().iter().map(route).collect(),
                tags: tags(rt.tags()),
            })
            .collect())
    }

    async fn internet_gateways(&self) -> Result<Vec<InternetGateway>, Failure> {
        let items: Vec<ec2::InternetGateway> = all_items!(
            self,
            ResourceKind::InternetGateways.iam_actions()[0],
            self.ec2.describe_internet_gateways()
        )?;
        Ok(items
            .iter()
            .map(|g| InternetGateway {
                id: g.internet_gateway_id().unwrap_or_default().to_owned(),
                attachments: g
                    .attachments()
                    .iter()
                    .map(|a| IgwAttachment {
                        vpc_id: a.vpc_id().unwrap_or_default().to_owned(),
                        state: a.state().map(|s| s.as_str().to_owned()).unwrap_or_default(),
                    })
                    .collect(),
                tags: tags(g.tags()),
            })
            .collect())
    }

    async fn nat_gateways(&self) -> Result<Vec<NatGateway>, Failure> {
        let items: Vec<ec2::NatGateway> =
            all_items!(self, ResourceKind::NatGateways.iam_actions()[0], self.ec2.describe_nat_gateways())?;
        Ok(items
            .iter()
            .map(|n| NatGateway {
                id: n.nat_gateway_id().unwrap_or_default().to_owned(),
                vpc_id: n.vpc_id().unwrap_or_default().to_owned(),
                subnet_id: n.subnet_id().unwrap_or_default().to_owned(),
                state: n.state().map(|s| s.as_str().to_owned()).unwrap_or_default(),
                connectivity: n
                    .connectivity_type()
                    .map_or_else(|| "public".to_owned(), |c| c.as_str().to_owned()),
                addresses: n
                    .nat_gateway_addresses()
                    .iter()
                    .map(|a| NatGatewayAddress {
                        allocation_id: a.allocation_id().map(str::to_owned),
                        public_ip: a.public_ip().map(str::to_owned),
                        private_ip: a.private_ip().map(str::to_owned),
                    })
                    .collect(),
                created_at: n.create_time().and_then(to_chrono),
                tags: tags(n.tags()),
            })
            .collect())
    }

    async fn elastic_ips(&self) -> Result<Vec<ElasticIp>, Failure> {
        // DescribeAddresses is not paginated: it returns every address of the region at once.
        let out = self
            .ec2
            .describe_addresses()
            .send()
            .await
            .map_err(|e| self.fail(ResourceKind::ElasticIps.iam_actions()[0], e))?;
        Ok(out
            .addresses()
            .iter()
            .map(|a| ElasticIp {
                allocation_id: a.allocation_id().unwrap_or_default().to_owned(),
                public_ip: a.public_ip().unwrap_or_default().to_owned(),
                association_id: a.association_id().map(str::to_owned),
                network_interface_id: a.network_interface_id().map(str::to_owned),
                tags: tags(a.tags()),
            })
            .collect())
    }

    async fn peerings(&self) -> Result<Vec<PeeringConnection>, Failure> {
        let items: Vec<ec2::VpcPeeringConnection> = all_items!(
            self,
            ResourceKind::PeeringConnections.iam_actions()[0],
            self.ec2.describe_vpc_peering_connections()
        )?;
        let side = |info: Option<&ec2::VpcPeeringConnectionVpcInfo>| {
            let info = info.cloned().unwrap_or_else(|| ec2::VpcPeeringConnectionVpcInfo::builder().build());
            let mut cidrs: Vec<String> =
                info.cidr_block_set().iter().filter_map(|c| c.cidr_block().map(str::to_owned)).collect();
            if let Some(primary) = info.cidr_block()
                && !cidrs.iter().any(|c| c == primary)
            {
                cidrs.insert(0, primary.to_owned());
            }
            PeeringSide {
                vpc_id: info.vpc_id().unwrap_or_default().to_owned(),
                owner_id: info.owner_id().map(str::to_owned),
                region: info.region().map(str::to_owned),
                cidrs,
            }
        };
        Ok(items
            .iter()
            .map(|p| PeeringConnection {
                id: p.vpc_peering_connection_id().unwrap_or_default().to_owned(),
                status: p.status().and_then(|s| s.code()).map(|c| c.as_str().to_owned()).unwrap_or_default(),
                status_message: p.status().and_then(|s| s.message()).map(str::to_owned),
                requester: side(p.requester_vpc_info()),
                accepter: side(p.accepter_vpc_info()),
                tags: tags(p.tags()),
            })
            .collect())
    }

    async fn security_groups(&self) -> Result<Vec<SecurityGroup>, Failure> {
        let items: Vec<ec2::SecurityGroup> = all_items!(
            self,
            ResourceKind::SecurityGroups.iam_actions()[0],
            self.ec2.describe_security_groups()
        )?;
        Ok(items
            .iter()
            .map(|g| SecurityGroup {
                id: g.group_id().unwrap_or_default().to_owned(),
                name: g.group_name().unwrap_or_default().to_owned(),
                vpc_id: g.vpc_id().unwrap_or_default().to_owned(),
                description: g.description().unwrap_or_default().to_owned(),
                ingress: g.ip_permissions().iter().flat_map(rules).collect(),
                egress: g.ip_permissions_egress().iter().flat_map(rules).collect(),
                tags: tags(g.tags()),
            })
            .collect())
    }
}

impl Collector<'_> {
    /// Hosted zones, then each zone's record sets. The record sets of the zones the last read
    /// saw ([`Hints`]) are asked for next to the zone list; the list decides which answers count.
    async fn hosted_zones(&self) -> Result<Vec<HostedZone>, Failure> {
        let (mut zones, records) = list_with_early(
            &self.hints.hosted_zones,
            self.zone_list(),
            |zones: &Vec<HostedZone>| zones.iter().map(|z| z.id.clone()).collect(),
            |id| async move { self.zone_records(&id).await },
        )
        .await?;
        for (zone, records) in zones.iter_mut().zip(records) {
            zone.records = records?;
        }
        Ok(zones)
    }

    /// Every hosted zone, without records.
    async fn zone_list(&self) -> Result<Vec<HostedZone>, Failure> {
        let mut zones = Vec::new();
        let mut marker = None;
        loop {
            let out = self
                .route53
                .list_hosted_zones()
                .set_marker(marker.take())
                .send()
                .await
                .map_err(|e| self.fail("route53:ListHostedZones", e))?;
            for z in out.hosted_zones() {
                zones.push(HostedZone {
                    id: z.id().trim_start_matches("/hostedzone/").to_owned(),
                    name: normalize_dns_name(z.name()),
                    private: z.config().is_some_and(|c| c.private_zone()),
                    records: Vec::new(),
                });
            }
            match out.next_marker() {
                Some(next) if out.is_truncated() => marker = Some(next.to_owned()),
                _ => break,
            }
        }
        Ok(zones)
    }

    /// One zone's record sets (ListResourceRecordSets pages by a name/type/identifier cursor,
    /// which the SDK has no paginator for).
    async fn zone_records(&self, zone: &str) -> Result<Vec<DnsRecord>, Failure> {
        let mut records = Vec::new();
        let mut start: Option<(String, aws_sdk_route53::types::RrType, Option<String>)> = None;
        loop {
            let mut req = self.route53.list_resource_record_sets().hosted_zone_id(zone);
            if let Some((name, rtype, identifier)) = start.take() {
                req = req
                    .start_record_name(name)
                    .start_record_type(rtype)
                    .set_start_record_identifier(identifier);
            }
            let out = req.send().await.map_err(|e| self.fail("route53:ListResourceRecordSets", e))?;
            records.extend(out.resource_record_sets().iter().map(|r| DnsRecord {
                name: normalize_dns_name(&r.name().replace("\\052", "*")),
                rtype: r.r#type().as_str().to_owned(),
                ttl: r.ttl(),
                values: r.resource_records().iter().map(|v| v.value().to_owned()).collect(),
                alias_target: r.alias_target().map(|a| normalize_dns_name(a.dns_name())),
                set_identifier: r.set_identifier().map(str::to_owned),
                weight: r.weight(),
            }));
            match (out.is_truncated(), out.next_record_name(), out.next_record_type()) {
                (true, Some(name), Some(rtype)) => {
                    start = Some((
                        name.to_owned(),
                        rtype.clone(),
                        out.next_record_identifier().map(str::to_owned),
                    ));
                }
                _ => break,
            }
        }
        Ok(records)
    }
}

impl Collector<'_> {
    /// Keys (ListKeys) and aliases (ListAliases) at once, then what each key is (DescribeKey,
    /// concurrently). The keys the last read saw ([`Hints`]) are described next to the lists.
    async fn kms_keys(&self) -> Result<Vec<KmsKey>, Failure> {
        let lists = async {
            let (entries, aliases) =
                tokio::join!(async { all_items!(self, "kms:ListKeys", self.kms.list_keys()) }, async {
                    all_items!(self, "kms:ListAliases", self.kms.list_aliases())
                },);
            let entries: Vec<aws_sdk_kms::types::KeyListEntry> = entries?;
            let aliases: Vec<aws_sdk_kms::types::AliasListEntry> = aliases?;
            Ok((entries, aliases))
        };
        let ((_, aliases), described) = list_with_early(
            &self.hints.kms_keys,
            lists,
            |(entries, _): &(Vec<_>, _)| {
                entries.iter().filter_map(|e| e.key_id()).map(str::to_owned).collect()
            },
            |id| async move {
                self.kms.describe_key().key_id(id).send().await.map_err(|e| self.fail("kms:DescribeKey", e))
            },
        )
        .await?;
        let mut keys = Vec::new();
        for out in described {
            let Some(meta) = out?.key_metadata else { continue };
            let id = meta.key_id().to_owned();
            keys.push(KmsKey {
                arn: meta.arn().unwrap_or_default().to_owned(),
                manager: meta.key_manager().map_or_else(|| "CUSTOMER".to_owned(), |m| m.as_str().to_owned()),
                state: meta.key_state().map(|s| s.as_str().to_owned()).unwrap_or_default(),
                aliases: aliases
                    .iter()
                    .filter(|a| a.target_key_id() == Some(id.as_str()))
                    .filter_map(|a| a.alias_name().map(str::to_owned))
                    .collect(),
                id,
            });
        }
        Ok(keys)
    }

    async fn db_instances(&self) -> Result<Vec<DbInstance>, Failure> {
        let items: Vec<aws_sdk_rds::types::DbInstance> =
            all_items!(self, "rds:DescribeDBInstances", self.rds.describe_db_instances())?;
        Ok(items
            .iter()
            .map(|d| DbInstance {
                id: d.db_instance_identifier().unwrap_or_default().to_owned(),
                class: d.db_instance_class().unwrap_or_default().to_owned(),
                engine: d.engine().unwrap_or_default().to_owned(),
                status: d.db_instance_status().unwrap_or_default().to_owned(),
                storage_encrypted: d.storage_encrypted().unwrap_or(false),
                kms_key_id: d.kms_key_id().map(str::to_owned),
                publicly_accessible: d.publicly_accessible().unwrap_or(false),
                backup_retention_days: d.backup_retention_period().unwrap_or(0),
                auto_minor_version_upgrade: d.auto_minor_version_upgrade().unwrap_or(false),
                maintenance_window: d.preferred_maintenance_window().map(str::to_owned),
                master_user_secret_arn: d
                    .master_user_secret()
                    .and_then(|s| s.secret_arn())
                    .map(str::to_owned),
                security_groups: d
                    .vpc_security_groups()
                    .iter()
                    .filter_map(|g| g.vpc_security_group_id().map(str::to_owned))
                    .collect(),
                subnet_group: d.db_subnet_group().and_then(|g| g.db_subnet_group_name()).map(str::to_owned),
                vpc_id: d.db_subnet_group().and_then(|g| g.vpc_id()).map(str::to_owned),
                created_at: d.instance_create_time().and_then(to_chrono),
            })
            .collect())
    }

    async fn db_subnet_groups(&self) -> Result<Vec<DbSubnetGroup>, Failure> {
        let items: Vec<aws_sdk_rds::types::DbSubnetGroup> =
            all_items!(self, "rds:DescribeDBSubnetGroups", self.rds.describe_db_subnet_groups())?;
        Ok(items
            .iter()
            .map(|g| DbSubnetGroup {
                name: g.db_subnet_group_name().unwrap_or_default().to_owned(),
                vpc_id: g.vpc_id().unwrap_or_default().to_owned(),
                subnets: g
                    .subnets()
                    .iter()
                    .map(|s| DbSubnet {
                        id: s.subnet_identifier().unwrap_or_default().to_owned(),
                        availability_zone: s
                            .subnet_availability_zone()
                            .and_then(|z| z.name())
                            .unwrap_or_default()
                            .to_owned(),
                    })
                    .collect(),
            })
            .collect())
    }
}

impl Collector<'_> {
    async fn ec2_instances(&self) -> Result<Vec<Ec2Instance>, Failure> {
        let reservations: Vec<ec2::Reservation> =
            all_items!(self, "ec2:DescribeInstances", self.ec2.describe_instances())?;
        Ok(reservations
            .iter()
            .flat_map(|r| r.instances())
            .map(|i| Ec2Instance {
                id: i.instance_id().unwrap_or_default().to_owned(),
                instance_type: i.instance_type().map(|t| t.as_str().to_owned()).unwrap_or_default(),
                state: i.state().and_then(|s| s.name()).map(|n| n.as_str().to_owned()).unwrap_or_default(),
                vpc_id: i.vpc_id().map(str::to_owned),
                launched_at: i.launch_time().and_then(to_chrono),
                tags: tags(i.tags()),
            })
            .collect())
    }

    /// Load balancers and target groups, read by one collector (one resource kind) and split
    /// into their two snapshot fields by [`Balancing::split`].
    async fn load_balancers(&self) -> Result<Vec<Balancing>, Failure> {
        use aws_sdk_elasticloadbalancingv2::types as elb;
        let (lbs, tgs) = tokio::join!(
            async {
                all_items!(
                    self,
                    "elasticloadbalancing:DescribeLoadBalancers",
                    self.elb.describe_load_balancers()
                )
            },
            async {
                all_items!(
                    self,
                    "elasticloadbalancing:DescribeTargetGroups",
                    self.elb.describe_target_groups()
                )
            },
        );
        let lbs: Vec<elb::LoadBalancer> = lbs?;
        let tgs: Vec<elb::TargetGroup> = tgs?;
        let lbs = lbs.iter().map(|lb| LoadBalancer {
            arn: lb.load_balancer_arn().unwrap_or_default().to_owned(),
            name: lb.load_balancer_name().unwrap_or_default().to_owned(),
            lb_type: lb.r#type().map(|t| t.as_str().to_owned()).unwrap_or_else(|| "application".to_owned()),
            state: lb.state().and_then(|s| s.code()).map(|c| c.as_str().to_owned()).unwrap_or_default(),
            vpc_id: lb.vpc_id().map(str::to_owned),
            created_at: lb.created_time().and_then(to_chrono),
        });
        let tgs = tgs.iter().map(|tg| TargetGroup {
            arn: tg.target_group_arn().unwrap_or_default().to_owned(),
            name: tg.target_group_name().unwrap_or_default().to_owned(),
            load_balancer_arns: tg.load_balancer_arns().to_vec(),
        });
        Ok(lbs.map(Balancing::LoadBalancer).chain(tgs.map(Balancing::TargetGroup)).collect())
    }

    /// Budgets, each budget's alerts, and each alert's subscribers: three rounds of calls, each
    /// round concurrent — or one round while the last read's [`Hints`] hold, since the alerts
    /// and subscribers of the budgets it saw are asked for next to the budget list (the list
    /// and each budget's alerts decide which answers count). Subscribers that cannot be listed
    /// (some emulators lack the call) are recorded as such, not guessed; the lookup is retried
    /// like any call, except when the endpoint answers that it lacks the operation (a retry
    /// would not bring it back).
    async fn budgets(&self) -> Result<Vec<Budget>, Failure> {
        let Some(account) = self.account.clone().await else {
            return Err(Failure {
                action: BUDGETS_VIEW,
                classified: Classified::Fatal(AwsError::Other {
                    operation: "sts:GetCallerIdentity".into(),
                    message: "the account id is unknown".into(),
                }),
            });
        };
        let account = account.as_str();
        let early = futures::future::join_all(self.hints.budgets.iter().map(|hint| async move {
            let alerts = futures::future::join_all(
                hint.alerts.iter().filter_map(|key| Some((key, key.to_notification()?))).map(
                    |(key, n)| async move { (key.clone(), self.subscribers(account, &hint.name, n).await) },
                ),
            );
            let (notifications, alerts) = tokio::join!(self.notifications(account, &hint.name), alerts);
            (hint.name.as_str(), (notifications, alerts))
        }));
        // An account that never made a budget answers NotFound rather than an empty list.
        let (items, early) = tokio::join!(
            async {
                empty_if_not_found(raw_items!(self.budgets.describe_budgets().account_id(account)))
                    .map_err(|e| self.fail(BUDGETS_VIEW, e))
            },
            early
        );
        let items: Vec<aws_sdk_budgets::types::Budget> = items?;
        let mut early: HashMap<&str, _> = early.into_iter().collect();
        let budgets = items.iter().map(|b| {
            let known = early.remove(b.budget_name());
            async move {
                let (notifications, mut known_alerts) = match known {
                    Some((notifications, alerts)) => (notifications?, alerts),
                    None => (self.notifications(account, b.budget_name()).await?, Vec::new()),
                };
                // Each alert's subscribers at once: one round of calls, however many alerts.
                let alerts = notifications.iter().map(|n| {
                    let key = AlertKey::of(n);
                    let known = known_alerts
                        .iter()
                        .position(|(hinted, _)| *hinted == key)
                        .map(|i| known_alerts.swap_remove(i).1);
                    async move {
                        let (subscribers, subscribers_unlisted) = match known {
                            Some(found) => found?,
                            None => self.subscribers(account, b.budget_name(), n.clone()).await?,
                        };
                        Ok::<_, Failure>(BudgetNotification {
                            notification_type: key.notification_type,
                            comparison: key.comparison,
                            threshold: key.threshold,
                            threshold_type: key.threshold_type,
                            subscribers,
                            subscribers_unlisted,
                        })
                    }
                });
                let alerts =
                    futures::future::join_all(alerts).await.into_iter().collect::<Result<Vec<_>, _>>()?;
                let spend = |s: Option<&aws_sdk_budgets::types::Spend>| {
                    s.and_then(|s| s.amount().parse::<f64>().ok())
                };
                Ok::<_, Failure>(Budget {
                    name: b.budget_name().to_owned(),
                    budget_type: b.budget_type().as_str().to_owned(),
                    time_unit: b.time_unit().as_str().to_owned(),
                    limit: spend(b.budget_limit()).unwrap_or(0.0),
                    unit: b.budget_limit().map(|s| s.unit().to_owned()).unwrap_or_default(),
                    actual_spend: spend(b.calculated_spend().and_then(|c| c.actual_spend())),
                    forecast_spend: spend(b.calculated_spend().and_then(|c| c.forecasted_spend())),
                    notifications: alerts,
                })
            }
        });
        futures::future::join_all(budgets).await.into_iter().collect()
    }

    /// One budget's alerts (none when the budget is gone).
    async fn notifications(
        &self,
        account: &str,
        budget: &str,
    ) -> Result<Vec<aws_sdk_budgets::types::Notification>, Failure> {
        empty_if_not_found(raw_items!(
            self.budgets.describe_notifications_for_budget().account_id(account).budget_name(budget)
        ))
        .map_err(|e| self.fail(BUDGETS_VIEW, e))
    }

    /// Who one alert tells: the subscribers, or why they could not be listed.
    async fn subscribers(
        &self,
        account: &str,
        budget: &str,
        notification: aws_sdk_budgets::types::Notification,
    ) -> Result<(Option<Vec<String>>, Option<String>), Failure> {
        let subscribers: Result<Vec<aws_sdk_budgets::types::Subscriber>, _> =
            retry_unless_missing(|| async {
                raw_items!(
                    self.budgets_single_try
                        .describe_subscribers_for_notification()
                        .account_id(account)
                        .budget_name(budget)
                        .notification(notification.clone())
                )
            })
            .await;
        match subscribers {
            Ok(subs) => Ok((
                Some(
                    subs.iter()
                        .map(|s| format!("{} {}", s.subscription_type().as_str(), s.address()))
                        .collect(),
                ),
                None,
            )),
            Err(e) => match classify(&e, BUDGETS_VIEW, self.endpoint) {
                Classified::Fatal(err) => {
                    Err(Failure { action: BUDGETS_VIEW, classified: Classified::Fatal(err) })
                }
                Classified::Denied(m) | Classified::Failed(m) => Ok((None, Some(m))),
            },
        }
    }
}

/// The IAM action behind every Budgets read.
const BUDGETS_VIEW: &str = "budgets:ViewBudget";

/// A list and, for each id it names, a second answer (`ask`): the ids the last read saw
/// (`hinted`) are asked about while the list runs, the rest once it has answered, all at once. The
/// list decides: early answers about ids it does not name are dropped. Returns the list and the
/// answers in the order of `ids_of(list)`.
async fn list_with_early<L, V, Fut>(
    hinted: &[String],
    list: impl Future<Output = Result<L, Failure>>,
    ids_of: impl FnOnce(&L) -> Vec<String>,
    ask: impl Fn(String) -> Fut,
) -> Result<(L, Vec<V>), Failure>
where
    Fut: Future<Output = V>,
{
    let early = futures::future::join_all(hinted.iter().map(|id| {
        let answer = ask(id.clone());
        async move { (id.as_str(), answer.await) }
    }));
    let (list, early) = tokio::join!(list, early);
    let list = list?;
    let mut early: HashMap<&str, V> = early.into_iter().collect();
    let answers = futures::future::join_all(ids_of(&list).into_iter().map(|id| {
        let known = early.remove(id.as_str());
        let answer = ask(id);
        async move {
            match known {
                Some(known) => known,
                None => answer.await,
            }
        }
    }))
    .await;
    Ok((list, answers))
}

/// One item of the load-balancing collector.
enum Balancing {
    LoadBalancer(LoadBalancer),
    TargetGroup(TargetGroup),
}

impl Balancing {
    /// The collector's outcome as the snapshot's two fields; a failure applies to both.
    fn split(collected: Collected<Balancing>) -> (Collected<LoadBalancer>, Collected<TargetGroup>) {
        match collected {
            Collected::Ok { items } => {
                let (mut lbs, mut tgs) = (Vec::new(), Vec::new());
                for item in items {
                    match item {
                        Balancing::LoadBalancer(lb) => lbs.push(lb),
                        Balancing::TargetGroup(tg) => tgs.push(tg),
                    }
                }
                (lbs.into(), tgs.into())
            }
            Collected::NotCollected => (Collected::NotCollected, Collected::NotCollected),
            Collected::Error { error } => {
                (Collected::Error { error: error.clone() }, Collected::Error { error })
            }
        }
    }
}

/// Sends a call, retrying transient failures (throttling, 5xx errors, dropped connections) with
/// back-off — for clients built with a single attempt because the endpoint may lack the
/// operation: an answer that is not an AWS error at all (a 5xx with no error code, an
/// emulator's "not implemented" page) is returned at once.
pub(crate) async fn retry_unless_missing<T, E, F, Fut>(mut call: F) -> Result<T, SdkError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, SdkError<E>>>,
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata,
{
    const ATTEMPTS: u32 = 6;
    let mut attempt = 1;
    loop {
        match call().await {
            Err(e) if attempt < ATTEMPTS && is_transient(&e) => {
                // 100 ms, 200 ms, … 1.6 s: about 3 s in all before giving up.
                tokio::time::sleep(std::time::Duration::from_millis(50 << attempt)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// An SDK error with the response type every client here uses.
pub(crate) type SdkError<E> = aws_smithy_runtime_api::client::result::SdkError<
    E,
    aws_smithy_runtime_api::client::orchestrator::HttpResponse,
>;

/// Whether the endpoint answered that it lacks the operation: a 5xx that is not an AWS error.
pub(crate) fn is_missing_operation<E>(err: &SdkError<E>) -> bool
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata,
{
    matches!(err, SdkError::ServiceError(s) if s.err().code().is_none() && s.raw().status().as_u16() >= 500)
}

/// Whether trying again may succeed: throttling, a 5xx AWS error, a timeout, a dropped connection.
fn is_transient<E>(err: &SdkError<E>) -> bool
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata,
{
    const THROTTLING: &[&str] =
        &["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"];
    match err {
        SdkError::ServiceError(s) => {
            let status = s.raw().status().as_u16();
            s.err().code().is_some_and(|code| status >= 500 || status == 429 || THROTTLING.contains(&code))
        }
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => true,
        _ => false,
    }
}

fn tags(tags: &[ec2::Tag]) -> Tags {
    tags.iter()
        .filter_map(|t| Some((t.key()?.to_owned(), t.value().unwrap_or_default().to_owned())))
        .collect()
}

fn to_chrono(t: &aws_smithy_types::DateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}

fn route(r: &ec2::Route) -> Route {
    let destination = r
        .destination_cidr_block()
        .or(r.destination_ipv6_cidr_block())
        .or(r.destination_prefix_list_id())
        .unwrap_or_default()
        .to_owned();
    let target = r
        .gateway_id()
        .or(r.nat_gateway_id())
        .or(r.vpc_peering_connection_id())
        .or(r.transit_gateway_id())
        .or(r.egress_only_internet_gateway_id())
        .or(r.instance_id())
        .or(r.network_interface_id())
        .or(r.carrier_gateway_id())
        .or(r.local_gateway_id())
        .or(r.core_network_arn())
        .unwrap_or_default()
        .to_owned();
    Route {
        target_kind: RouteTargetKind::from_target_id(&target),
        destination,
        target,
        state: r.state().map(|s| s.as_str().to_owned()).unwrap_or_default(),
    }
}

/// One security group permission becomes one rule per source, as the console lists them.
fn rules(p: &ec2::IpPermission) -> Vec<SgRule> {
    let rule = |source| SgRule {
        protocol: p.ip_protocol().unwrap_or("-1").to_owned(),
        from_port: p.from_port(),
        to_port: p.to_port(),
        source,
    };
    p.ip_ranges()
        .iter()
        .filter_map(|r| r.cidr_ip().map(|c| rule(RuleSource::Cidr(c.to_owned()))))
        .chain(
            p.ipv6_ranges()
                .iter()
                .filter_map(|r| r.cidr_ipv6().map(|c| rule(RuleSource::Ipv6Cidr(c.to_owned())))),
        )
        .chain(
            p.user_id_group_pairs()
                .iter()
                .filter_map(|g| g.group_id().map(|id| rule(RuleSource::Group(id.to_owned())))),
        )
        .chain(
            p.prefix_list_ids()
                .iter()
                .filter_map(|l| l.prefix_list_id().map(|id| rule(RuleSource::PrefixList(id.to_owned())))),
        )
        .collect()
}
