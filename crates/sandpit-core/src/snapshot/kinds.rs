//! The one table of resource kinds. Everything that lists every kind is generated from it:
//! [`ResourceKind`](super::ResourceKind), [`Snapshot`](super::Snapshot), the checker policy, and
//! `sandpit-aws`'s collection dispatch.

/// Calls `$callback!` with the table of every resource kind Sandpit reads, one entry each:
///
/// ```text
/// Kind {
///     field: snapshot_field,          // also the JSON key in saved snapshots
///     item: $crate::snapshot::Item,   // the serde struct of one resource
///     actions: ["svc:Action", …],     // every IAM action its collector calls
///     managed_policy: "…",            // an AWS managed policy that grants all of them
///     label: "kind-…",                // its message id ("cannot read {label}")
/// }
/// ```
///
/// The order is the collection order and the order of the snapshot's fields. New kinds go at
/// the end, so saved snapshots keep their shape.
#[macro_export]
macro_rules! with_resource_kinds {
    ($callback:ident) => {
        $callback! {
            /// `ec2:DescribeVpcs`
            Vpcs {
                field: vpcs,
                item: $crate::snapshot::Vpc,
                actions: ["ec2:DescribeVpcs"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: "kind-vpcs",
            },
            /// `ec2:DescribeSubnets`
            Subnets {
                field: subnets,
                item: $crate::snapshot::Subnet,
                actions: ["ec2:DescribeSubnets"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: "kind-subnets",
            },
            /// `ec2:DescribeRouteTables`
            RouteTables {
                field: route_tables,
                item: $crate::snapshot::RouteTable,
                actions: ["ec2:DescribeRouteTables"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: "kind-route-tables",
            },
            /// `ec2:DescribeInternetGateways`
            InternetGateways {
                field: internet_gateways,
                item: $crate::snapshot::InternetGateway,
                actions: ["ec2:DescribeInternetGateways"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: "kind-internet-gateways",
            },
            /// `ec2:DescribeNatGateways`
            NatGateways {
                field: nat_gateways,
                item: $crate::snapshot::NatGateway,
                actions: ["ec2:DescribeNatGateways"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: "kind-nat-gateways",
            },
            /// `ec2:DescribeAddresses`
            ElasticIps {
                field: elastic_ips,
                item: $crate::snapshot::ElasticIp,
                actions: ["ec2:DescribeAddresses"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: "kind-elastic-ips",
            },
            /// `ec2:DescribeVpcPeeringConnections`
            PeeringConnections {
                field: peering_connections,
                item: $crate::snapshot::PeeringConnection,
                actions: ["ec2:DescribeVpcPeeringConnections"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: "kind-peering-connections",
            },
            /// `ec2:DescribeSecurityGroups`
            SecurityGroups {
                field: security_groups,
                item: $crate::snapshot::SecurityGroup,
                actions: ["ec2:DescribeSecurityGroups"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: "kind-security-groups",
            },
            /// `route53:ListHostedZones`, then `route53:ListResourceRecordSets` per zone
            HostedZones {
                field: hosted_zones,
                item: $crate::snapshot::HostedZone,
                actions: ["route53:ListHostedZones", "route53:ListResourceRecordSets"],
                managed_policy: "AmazonRoute53ReadOnlyAccess",
                label: "kind-hosted-zones",
            },
            /// `kms:ListKeys`, `kms:DescribeKey` per key, `kms:ListAliases`
            KmsKeys {
                field: kms_keys,
                item: $crate::snapshot::KmsKey,
                actions: ["kms:ListKeys", "kms:DescribeKey", "kms:ListAliases"],
                // ViewOnlyAccess grants kms:ListKeys only; SecurityAudit grants kms:List*, Describe*.
                managed_policy: "SecurityAudit",
                label: "kind-kms-keys",
            },
            /// `rds:DescribeDBInstances`
            DbInstances {
                field: db_instances,
                item: $crate::snapshot::DbInstance,
                actions: ["rds:DescribeDBInstances"],
                managed_policy: "AmazonRDSReadOnlyAccess",
                label: "kind-db-instances",
            },
            /// `rds:DescribeDBSubnetGroups`
            DbSubnetGroups {
                field: db_subnet_groups,
                item: $crate::snapshot::DbSubnetGroup,
                actions: ["rds:DescribeDBSubnetGroups"],
                managed_policy: "AmazonRDSReadOnlyAccess",
                label: "kind-db-subnet-groups",
            },
            /// `budgets:ViewBudget` (DescribeBudgets, DescribeNotificationsForBudget,
            /// DescribeSubscribersForNotification)
            Budgets {
                field: budgets,
                item: $crate::snapshot::Budget,
                actions: ["budgets:ViewBudget"],
                managed_policy: "AWSBudgetsReadOnlyAccess",
                label: "kind-budgets",
            },
            /// `ec2:DescribeInstances` (for the cost meter)
            Ec2Instances {
                field: ec2_instances,
                item: $crate::snapshot::Ec2Instance,
                actions: ["ec2:DescribeInstances"],
                managed_policy: "AmazonEC2ReadOnlyAccess",
                label: "kind-ec2-instances",
            },
            /// `elasticloadbalancing:DescribeLoadBalancers`, then `DescribeListeners` per load balancer
            LoadBalancers {
                field: load_balancers,
                item: $crate::snapshot::LoadBalancer,
                actions: ["elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeListeners"],
                managed_policy: "ElasticLoadBalancingReadOnly",
                label: "kind-load-balancers",
            },
            /// `elasticloadbalancing:DescribeTargetGroups`, then `DescribeTargetHealth` per target group
            TargetGroups {
                field: target_groups,
                item: $crate::snapshot::TargetGroup,
                actions: ["elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"],
                managed_policy: "ElasticLoadBalancingReadOnly",
                label: "kind-target-groups",
            },
            /// `ec2:DescribeNetworkAcls`
            NetworkAcls {
                field: network_acls,
                item: $crate::snapshot::NetworkAcl,
                actions: ["ec2:DescribeNetworkAcls"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: "kind-network-acls",
            },
            /// `ec2:DescribeLaunchTemplates`, then `ec2:DescribeLaunchTemplateVersions` per template
            LaunchTemplates {
                field: launch_templates,
                item: $crate::snapshot::LaunchTemplate,
                actions: ["ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions"],
                managed_policy: "AmazonEC2ReadOnlyAccess",
                label: "kind-launch-templates",
            },
            /// `ec2:DescribeNetworkInterfaces`
            NetworkInterfaces {
                field: network_interfaces,
                item: $crate::snapshot::NetworkInterface,
                actions: ["ec2:DescribeNetworkInterfaces"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: "kind-network-interfaces",
            },
            /// `ec2:DescribeManagedPrefixLists`, then `ec2:GetManagedPrefixListEntries` per list a
            /// security-group rule or route of the same read names
            ManagedPrefixLists {
                field: managed_prefix_lists,
                item: $crate::snapshot::ManagedPrefixList,
                actions: ["ec2:DescribeManagedPrefixLists", "ec2:GetManagedPrefixListEntries"],
                // AmazonEC2ReadOnlyAccess grants ec2:Describe* but not ec2:Get*.
                managed_policy: "SecurityAudit",
                label: "kind-managed-prefix-lists",
            },
            /// `rds:DescribeDBClusters`
            DbClusters {
                field: db_clusters,
                item: $crate::snapshot::DbCluster,
                actions: ["rds:DescribeDBClusters"],
                managed_policy: "AmazonRDSReadOnlyAccess",
                label: "kind-db-clusters",
            },
            /// `autoscaling:DescribeAutoScalingGroups`, `DescribePolicies` and
            /// `DescribeNotificationConfigurations` (all three region-wide, at once)
            AutoScalingGroups {
                field: auto_scaling_groups,
                item: $crate::snapshot::AutoScalingGroup,
                actions: [
                    "autoscaling:DescribeAutoScalingGroups",
                    "autoscaling:DescribePolicies",
                    "autoscaling:DescribeNotificationConfigurations",
                ],
                managed_policy: "AutoScalingReadOnlyAccess",
                label: "kind-auto-scaling-groups",
            },
            /// `sns:ListTopics`, then `GetTopicAttributes` and `ListSubscriptionsByTopic` per topic
            SnsTopics {
                field: sns_topics,
                item: $crate::snapshot::SnsTopic,
                actions: ["sns:ListTopics", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic"],
                managed_policy: "AmazonSNSReadOnlyAccess",
                label: "kind-sns-topics",
            },
            /// `events:ListRules`, then `ListTargetsByRule` per rule
            EventRules {
                field: event_rules,
                item: $crate::snapshot::EventRule,
                actions: ["events:ListRules", "events:ListTargetsByRule"],
                managed_policy: "AmazonEventBridgeReadOnlyAccess",
                label: "kind-event-rules",
            },
            /// `cloudwatch:DescribeAlarms`
            MetricAlarms {
                field: metric_alarms,
                item: $crate::snapshot::MetricAlarm,
                actions: ["cloudwatch:DescribeAlarms"],
                managed_policy: "CloudWatchReadOnlyAccess",
                label: "kind-metric-alarms",
            },
            /// `iam:GetAccountAuthorizationDetails` (users), then `GetLoginProfile`,
            /// `ListMFADevices` and `ListAccessKeys` per user
            IamUsers {
                field: iam_users,
                item: $crate::snapshot::IamUser,
                actions: [
                    "iam:GetAccountAuthorizationDetails",
                    "iam:GetLoginProfile",
                    "iam:ListMFADevices",
                    "iam:ListAccessKeys",
                ],
                managed_policy: "IAMReadOnlyAccess",
                label: "kind-iam-users",
            },
            /// `iam:GetAccountAuthorizationDetails` (groups)
            IamGroups {
                field: iam_groups,
                item: $crate::snapshot::IamGroup,
                actions: ["iam:GetAccountAuthorizationDetails"],
                managed_policy: "IAMReadOnlyAccess",
                label: "kind-iam-groups",
            },
            /// `iam:GetAccountAuthorizationDetails` (roles)
            IamRoles {
                field: iam_roles,
                item: $crate::snapshot::IamRole,
                actions: ["iam:GetAccountAuthorizationDetails"],
                managed_policy: "IAMReadOnlyAccess",
                label: "kind-iam-roles",
            },
            /// `iam:GetAccountAuthorizationDetails` (customer managed policies)
            IamPolicies {
                field: iam_policies,
                item: $crate::snapshot::IamPolicy,
                actions: ["iam:GetAccountAuthorizationDetails"],
                managed_policy: "IAMReadOnlyAccess",
                label: "kind-iam-policies",
            },
            /// `iam:GetAccountSummary` (the root user's MFA and access keys)
            IamAccountSummary {
                field: iam_account_summary,
                item: $crate::snapshot::IamAccountSummary,
                actions: ["iam:GetAccountSummary"],
                managed_policy: "IAMReadOnlyAccess",
                label: "kind-iam-account-summary",
            },
        }
    };
}
