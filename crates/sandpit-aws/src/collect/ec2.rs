//! EC2 and VPC: the network (VPCs, subnets, route tables, gateways, peering, security groups,
//! network ACLs), instances and launch templates.

use aws_sdk_ec2::types as ec2;
use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, all_items, list_with_details, to_chrono};

impl Collect for Vpc {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let items: Vec<ec2::Vpc> = all_items!(c, ResourceKind::Vpcs.iam_actions()[0], c.ec2.describe_vpcs())?;
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
}

impl Collect for Subnet {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let items: Vec<ec2::Subnet> =
            all_items!(c, ResourceKind::Subnets.iam_actions()[0], c.ec2.describe_subnets())?;
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
}

impl Collect for RouteTable {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let tables = route_tables(c).await;
        c.prefix_refs.route_tables(tables.as_deref().ok());
        tables
    }
}

/// Every route table of the region.
async fn route_tables(c: &Collector<'_>) -> Result<Vec<RouteTable>, Failure> {
    let items: Vec<ec2::RouteTable> =
        all_items!(c, ResourceKind::RouteTables.iam_actions()[0], c.ec2.describe_route_tables())?;
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

impl Collect for InternetGateway {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let items: Vec<ec2::InternetGateway> = all_items!(
            c,
            ResourceKind::InternetGateways.iam_actions()[0],
            c.ec2.describe_internet_gateways()
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
}

impl Collect for NatGateway {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let items: Vec<ec2::NatGateway> =
            all_items!(c, ResourceKind::NatGateways.iam_actions()[0], c.ec2.describe_nat_gateways())?;
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
}

impl Collect for ElasticIp {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        // DescribeAddresses is not paginated: it returns every address of the region at once.
        let out = c
            .ec2
            .describe_addresses()
            .send()
            .await
            .map_err(|e| c.fail(ResourceKind::ElasticIps.iam_actions()[0], e))?;
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
}

impl Collect for PeeringConnection {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let items: Vec<ec2::VpcPeeringConnection> = all_items!(
            c,
            ResourceKind::PeeringConnections.iam_actions()[0],
            c.ec2.describe_vpc_peering_connections()
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
}

impl Collect for SecurityGroup {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let groups = security_groups(c).await;
        c.prefix_refs.security_groups(groups.as_deref().ok());
        groups
    }
}

/// Every security group of the region, one rule per source.
async fn security_groups(c: &Collector<'_>) -> Result<Vec<SecurityGroup>, Failure> {
    let items: Vec<ec2::SecurityGroup> =
        all_items!(c, ResourceKind::SecurityGroups.iam_actions()[0], c.ec2.describe_security_groups())?;
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

impl Collect for Ec2Instance {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let reservations: Vec<ec2::Reservation> =
            all_items!(c, "ec2:DescribeInstances", c.ec2.describe_instances())?;
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
                subnet_id: i.subnet_id().map(str::to_owned),
                private_ip: i.private_ip_address().map(str::to_owned),
                public_ip: i.public_ip_address().map(str::to_owned),
                security_groups: i
                    .security_groups()
                    .iter()
                    .filter_map(|g| g.group_id().map(str::to_owned))
                    .collect(),
                iam_instance_profile: i.iam_instance_profile().and_then(|p| p.arn()).map(str::to_owned),
                image_id: i.image_id().map(str::to_owned),
            })
            .collect())
    }
}

impl Collect for NetworkAcl {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let items: Vec<ec2::NetworkAcl> =
            all_items!(c, "ec2:DescribeNetworkAcls", c.ec2.describe_network_acls())?;
        Ok(items
            .iter()
            .map(|acl| NetworkAcl {
                id: acl.network_acl_id().unwrap_or_default().to_owned(),
                vpc_id: acl.vpc_id().unwrap_or_default().to_owned(),
                is_default: acl.is_default().unwrap_or(false),
                subnet_ids: acl
                    .associations()
                    .iter()
                    .filter_map(|a| a.subnet_id().map(str::to_owned))
                    .collect(),
                entries: acl
                    .entries()
                    .iter()
                    .map(|e| NaclEntry {
                        rule_number: e.rule_number().unwrap_or(32767),
                        egress: e.egress().unwrap_or(false),
                        protocol: e.protocol().unwrap_or("-1").to_owned(),
                        action: e.rule_action().map_or_else(|| "deny".to_owned(), |a| a.as_str().to_owned()),
                        cidr: e.cidr_block().map(str::to_owned),
                        ipv6_cidr: e.ipv6_cidr_block().map(str::to_owned),
                        from_port: e.port_range().and_then(|r| r.from()),
                        to_port: e.port_range().and_then(|r| r.to()),
                    })
                    .collect(),
                tags: tags(acl.tags()),
            })
            .collect())
    }
}

impl Collect for LaunchTemplate {
    /// Templates (DescribeLaunchTemplates), then what each one's default and latest versions
    /// launch (DescribeLaunchTemplateVersions per template, concurrently; the templates the last
    /// read saw are asked about next to the list). A template whose versions cannot be read is
    /// kept, marked unreadable.
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let list = async {
            let items: Vec<ec2::LaunchTemplate> =
                all_items!(c, "ec2:DescribeLaunchTemplates", c.ec2.describe_launch_templates())?;
            Ok(items)
        };
        let (templates, versions) = list_with_details(
            ResourceKind::LaunchTemplates,
            &c.hints.ids(ResourceKind::LaunchTemplates),
            list,
            |items: &Vec<ec2::LaunchTemplate>| {
                items.iter().filter_map(|t| t.launch_template_id()).map(str::to_owned).collect()
            },
            |id| async move {
                all_items!(
                    c,
                    "ec2:DescribeLaunchTemplateVersions",
                    c.ec2
                        .describe_launch_template_versions()
                        .launch_template_id(id)
                        .versions("$Default")
                        .versions("$Latest")
                )
            },
        )
        .await?;
        let mut out = Vec::with_capacity(templates.len());
        for (t, versions) in templates.iter().zip(versions) {
            let default_version = t.default_version_number().unwrap_or(1);
            let latest_version = t.latest_version_number().unwrap_or(default_version);
            let (mut default_data, mut latest_data, mut unreadable) = (None, None, None);
            match versions {
                Ok(versions) => {
                    let data_of = |n: i64| {
                        versions
                            .iter()
                            .find(|v: &&ec2::LaunchTemplateVersion| v.version_number() == Some(n))
                            .and_then(|v| v.launch_template_data())
                            .map(template_data)
                    };
                    default_data = data_of(default_version);
                    if latest_version != default_version {
                        latest_data = data_of(latest_version);
                    }
                }
                Err(error) => unreadable = Some(error),
            }
            out.push(LaunchTemplate {
                id: t.launch_template_id().unwrap_or_default().to_owned(),
                name: t.launch_template_name().unwrap_or_default().to_owned(),
                default_version,
                latest_version,
                default_data,
                latest_data,
                created_at: t.create_time().and_then(to_chrono),
                tags: tags(t.tags()),
                unreadable,
            });
        }
        Ok(out)
    }

    /// The templates' ids: the next read asks about their versions next to its list.
    fn hint(items: &[Self]) -> Option<serde_json::Value> {
        crate::warm::ids(items.iter().map(|i| &i.id))
    }
}

impl Collect for NetworkInterface {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let items: Vec<ec2::NetworkInterface> =
            all_items!(c, "ec2:DescribeNetworkInterfaces", c.ec2.describe_network_interfaces())?;
        Ok(items
            .iter()
            .map(|n| NetworkInterface {
                id: n.network_interface_id().unwrap_or_default().to_owned(),
                subnet_id: n.subnet_id().unwrap_or_default().to_owned(),
                vpc_id: n.vpc_id().unwrap_or_default().to_owned(),
                interface_type: n.interface_type().map(|t| t.as_str().to_owned()).unwrap_or_default(),
                description: n.description().unwrap_or_default().to_owned(),
                private_ip: n.private_ip_address().map(str::to_owned),
                public_ip: n.association().and_then(|a| a.public_ip()).map(str::to_owned),
                security_groups: n.groups().iter().filter_map(|g| g.group_id().map(str::to_owned)).collect(),
                instance_id: n.attachment().and_then(|a| a.instance_id()).map(str::to_owned),
                requester_managed: n.requester_managed().unwrap_or(false),
            })
            .collect())
    }
}

impl Collect for ManagedPrefixList {
    /// The lists (DescribeManagedPrefixLists), then the entries (GetManagedPrefixListEntries,
    /// concurrently) of the lists this read's security-group rules and routes name — of every
    /// list when neither is read. Lists nothing names are left out: AWS keeps dozens per region
    /// and each would cost a call. The lists the last read expanded are asked about next to the
    /// list. A list whose entries cannot be read is kept, marked unreadable.
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let list = async {
            let (items, named) = tokio::join!(
                async {
                    let items: Vec<ec2::ManagedPrefixList> = all_items!(
                        c,
                        "ec2:DescribeManagedPrefixLists",
                        c.ec2.describe_managed_prefix_lists()
                    )?;
                    Ok::<_, Failure>(items)
                },
                c.prefix_refs.named()
            );
            let wanted: Vec<ec2::ManagedPrefixList> = items?
                .into_iter()
                .filter(|l| {
                    l.prefix_list_id().is_some_and(|id| named.as_ref().is_none_or(|n| n.contains(id)))
                })
                .collect();
            Ok(wanted)
        };
        let (lists, entries) = list_with_details(
            ResourceKind::ManagedPrefixLists,
            &c.hints.ids(ResourceKind::ManagedPrefixLists),
            list,
            |items: &Vec<ec2::ManagedPrefixList>| {
                items.iter().filter_map(|l| l.prefix_list_id()).map(str::to_owned).collect()
            },
            |id| async move {
                all_items!(
                    c,
                    "ec2:GetManagedPrefixListEntries",
                    c.ec2.get_managed_prefix_list_entries().prefix_list_id(id)
                )
            },
        )
        .await?;
        let mut out = Vec::with_capacity(lists.len());
        for (l, entries) in lists.iter().zip(entries) {
            let (cidrs, unreadable) = match entries {
                Ok(entries) => {
                    let entries: Vec<ec2::PrefixListEntry> = entries;
                    (entries.iter().filter_map(|e| e.cidr().map(str::to_owned)).collect(), None)
                }
                Err(error) => (Vec::new(), Some(error)),
            };
            out.push(ManagedPrefixList {
                id: l.prefix_list_id().unwrap_or_default().to_owned(),
                name: l.prefix_list_name().unwrap_or_default().to_owned(),
                address_family: l.address_family().unwrap_or_default().to_owned(),
                owner_id: l.owner_id().unwrap_or_default().to_owned(),
                cidrs,
                unreadable,
            });
        }
        Ok(out)
    }

    /// The ids of the lists whose entries were read: the next read asks for them next to its list.
    fn hint(items: &[Self]) -> Option<serde_json::Value> {
        crate::warm::ids(items.iter().map(|i| &i.id))
    }
}

/// What one launch template version launches.
fn template_data(d: &ec2::ResponseLaunchTemplateData) -> LaunchTemplateData {
    let interfaces = d.network_interfaces();
    LaunchTemplateData {
        image_id: d.image_id().map(str::to_owned),
        instance_type: d.instance_type().map(|t| t.as_str().to_owned()),
        security_group_ids: d.security_group_ids().to_vec(),
        interface_security_group_ids: interfaces.iter().flat_map(|n| n.groups().iter().cloned()).collect(),
        associate_public_ip: interfaces.iter().find_map(|n| n.associate_public_ip_address()),
        iam_instance_profile: d.iam_instance_profile().and_then(|p| p.arn().or(p.name())).map(str::to_owned),
        has_user_data: d.user_data().is_some_and(|u| !u.is_empty()),
    }
}

fn tags(tags: &[ec2::Tag]) -> Tags {
    tags.iter()
        .filter_map(|t| Some((t.key()?.to_owned(), t.value().unwrap_or_default().to_owned())))
        .collect()
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
    let rule = |source| SgRule::new(p.ip_protocol().unwrap_or("-1"), p.from_port(), p.to_port(), source);
    p.ip_ranges()
        .iter()
        .filter_map(|r| r.cidr_ip().map(|c| rule(RuleSource::Cidr(c.to_owned()))))
        .chain(
            p.ipv6_ranges()
                .iter()
                .filter_map(|r| r.cidr_ipv6().map(|c| rule(RuleSource::Ipv6Cidr(c.to_owned())))),
        )
        .chain(p.user_id_group_pairs().iter().filter_map(|g| {
            let mut r = rule(RuleSource::Group(g.group_id()?.to_owned()));
            // A reference to a group in a peered VPC carries the peering and its status.
            if g.vpc_peering_connection_id().is_some() || g.peering_status().is_some() {
                r.peering = Some(GroupPeering {
                    connection_id: g.vpc_peering_connection_id().map(str::to_owned),
                    status: g.peering_status().map(str::to_owned),
                    vpc_id: g.vpc_id().map(str::to_owned),
                    account: g.user_id().map(str::to_owned),
                });
            }
            Some(r)
        }))
        .chain(
            p.prefix_list_ids()
                .iter()
                .filter_map(|l| l.prefix_list_id().map(|id| rule(RuleSource::PrefixList(id.to_owned())))),
        )
        .collect()
}
