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
///     label: { en: "…", ko: "…" },    // for messages ("cannot read {label}")
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
                label: { en: "VPCs", ko: "VPC" },
            },
            /// `ec2:DescribeSubnets`
            Subnets {
                field: subnets,
                item: $crate::snapshot::Subnet,
                actions: ["ec2:DescribeSubnets"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: { en: "subnets", ko: "서브넷" },
            },
            /// `ec2:DescribeRouteTables`
            RouteTables {
                field: route_tables,
                item: $crate::snapshot::RouteTable,
                actions: ["ec2:DescribeRouteTables"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: { en: "route tables", ko: "라우팅 테이블" },
            },
            /// `ec2:DescribeInternetGateways`
            InternetGateways {
                field: internet_gateways,
                item: $crate::snapshot::InternetGateway,
                actions: ["ec2:DescribeInternetGateways"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: { en: "internet gateways", ko: "인터넷 게이트웨이" },
            },
            /// `ec2:DescribeNatGateways`
            NatGateways {
                field: nat_gateways,
                item: $crate::snapshot::NatGateway,
                actions: ["ec2:DescribeNatGateways"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: { en: "NAT gateways", ko: "NAT 게이트웨이" },
            },
            /// `ec2:DescribeAddresses`
            ElasticIps {
                field: elastic_ips,
                item: $crate::snapshot::ElasticIp,
                actions: ["ec2:DescribeAddresses"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: { en: "Elastic IPs", ko: "탄력적 IP" },
            },
            /// `ec2:DescribeVpcPeeringConnections`
            PeeringConnections {
                field: peering_connections,
                item: $crate::snapshot::PeeringConnection,
                actions: ["ec2:DescribeVpcPeeringConnections"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: { en: "VPC peering connections", ko: "VPC 피어링 연결" },
            },
            /// `ec2:DescribeSecurityGroups`
            SecurityGroups {
                field: security_groups,
                item: $crate::snapshot::SecurityGroup,
                actions: ["ec2:DescribeSecurityGroups"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: { en: "security groups", ko: "보안 그룹" },
            },
            /// `route53:ListHostedZones`, then `route53:ListResourceRecordSets` per zone
            HostedZones {
                field: hosted_zones,
                item: $crate::snapshot::HostedZone,
                actions: ["route53:ListHostedZones", "route53:ListResourceRecordSets"],
                managed_policy: "AmazonRoute53ReadOnlyAccess",
                label: { en: "Route 53 hosted zones and records", ko: "Route 53 호스팅 영역과 레코드" },
            },
            /// `kms:ListKeys`, `kms:DescribeKey` per key, `kms:ListAliases`
            KmsKeys {
                field: kms_keys,
                item: $crate::snapshot::KmsKey,
                actions: ["kms:ListKeys", "kms:DescribeKey", "kms:ListAliases"],
                // ViewOnlyAccess grants kms:ListKeys only; SecurityAudit grants kms:List*, Describe*.
                managed_policy: "SecurityAudit",
                label: { en: "KMS keys and aliases", ko: "KMS 키와 별칭" },
            },
            /// `rds:DescribeDBInstances`
            DbInstances {
                field: db_instances,
                item: $crate::snapshot::DbInstance,
                actions: ["rds:DescribeDBInstances"],
                managed_policy: "AmazonRDSReadOnlyAccess",
                label: { en: "RDS DB instances", ko: "RDS DB 인스턴스" },
            },
            /// `rds:DescribeDBSubnetGroups`
            DbSubnetGroups {
                field: db_subnet_groups,
                item: $crate::snapshot::DbSubnetGroup,
                actions: ["rds:DescribeDBSubnetGroups"],
                managed_policy: "AmazonRDSReadOnlyAccess",
                label: { en: "RDS DB subnet groups", ko: "RDS DB 서브넷 그룹" },
            },
            /// `budgets:ViewBudget` (DescribeBudgets, DescribeNotificationsForBudget,
            /// DescribeSubscribersForNotification)
            Budgets {
                field: budgets,
                item: $crate::snapshot::Budget,
                actions: ["budgets:ViewBudget"],
                managed_policy: "AWSBudgetsReadOnlyAccess",
                label: { en: "AWS Budgets", ko: "AWS Budgets 예산" },
            },
            /// `ec2:DescribeInstances` (for the cost meter)
            Ec2Instances {
                field: ec2_instances,
                item: $crate::snapshot::Ec2Instance,
                actions: ["ec2:DescribeInstances"],
                managed_policy: "AmazonEC2ReadOnlyAccess",
                label: { en: "EC2 instances", ko: "EC2 인스턴스" },
            },
            /// `elasticloadbalancing:DescribeLoadBalancers`, then `DescribeListeners` per load balancer
            LoadBalancers {
                field: load_balancers,
                item: $crate::snapshot::LoadBalancer,
                actions: ["elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeListeners"],
                managed_policy: "ElasticLoadBalancingReadOnly",
                label: { en: "load balancers", ko: "로드 밸런서" },
            },
            /// `elasticloadbalancing:DescribeTargetGroups`, then `DescribeTargetHealth` per target group
            TargetGroups {
                field: target_groups,
                item: $crate::snapshot::TargetGroup,
                actions: ["elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"],
                managed_policy: "ElasticLoadBalancingReadOnly",
                label: { en: "target groups", ko: "대상 그룹" },
            },
            /// `ec2:DescribeNetworkAcls`
            NetworkAcls {
                field: network_acls,
                item: $crate::snapshot::NetworkAcl,
                actions: ["ec2:DescribeNetworkAcls"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: { en: "network ACLs", ko: "네트워크 ACL" },
            },
            /// `ec2:DescribeLaunchTemplates`, then `ec2:DescribeLaunchTemplateVersions` per template
            LaunchTemplates {
                field: launch_templates,
                item: $crate::snapshot::LaunchTemplate,
                actions: ["ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions"],
                managed_policy: "AmazonEC2ReadOnlyAccess",
                label: { en: "launch templates", ko: "시작 템플릿" },
            },
            /// `ec2:DescribeNetworkInterfaces`
            NetworkInterfaces {
                field: network_interfaces,
                item: $crate::snapshot::NetworkInterface,
                actions: ["ec2:DescribeNetworkInterfaces"],
                managed_policy: "AmazonVPCReadOnlyAccess",
                label: { en: "network interfaces", ko: "네트워크 인터페이스" },
            },
            /// `ec2:DescribeManagedPrefixLists`, then `ec2:GetManagedPrefixListEntries` per list a
            /// security-group rule or route of the same read names
            ManagedPrefixLists {
                field: managed_prefix_lists,
                item: $crate::snapshot::ManagedPrefixList,
                actions: ["ec2:DescribeManagedPrefixLists", "ec2:GetManagedPrefixListEntries"],
                // AmazonEC2ReadOnlyAccess grants ec2:Describe* but not ec2:Get*.
                managed_policy: "SecurityAudit",
                label: { en: "managed prefix lists", ko: "관리형 접두사 목록" },
            },
            /// `rds:DescribeDBClusters`
            DbClusters {
                field: db_clusters,
                item: $crate::snapshot::DbCluster,
                actions: ["rds:DescribeDBClusters"],
                managed_policy: "AmazonRDSReadOnlyAccess",
                label: { en: "RDS DB clusters", ko: "RDS DB 클러스터" },
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
                label: { en: "Auto Scaling groups", ko: "Auto Scaling 그룹" },
            },
            /// `sns:ListTopics`, then `GetTopicAttributes` and `ListSubscriptionsByTopic` per topic
            SnsTopics {
                field: sns_topics,
                item: $crate::snapshot::SnsTopic,
                actions: ["sns:ListTopics", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic"],
                managed_policy: "AmazonSNSReadOnlyAccess",
                label: { en: "SNS topics and subscriptions", ko: "SNS 주제와 구독" },
            },
            /// `events:ListRules`, then `ListTargetsByRule` per rule
            EventRules {
                field: event_rules,
                item: $crate::snapshot::EventRule,
                actions: ["events:ListRules", "events:ListTargetsByRule"],
                managed_policy: "AmazonEventBridgeReadOnlyAccess",
                label: { en: "EventBridge rules", ko: "EventBridge 규칙" },
            },
            /// `cloudwatch:DescribeAlarms`
            MetricAlarms {
                field: metric_alarms,
                item: $crate::snapshot::MetricAlarm,
                actions: ["cloudwatch:DescribeAlarms"],
                managed_policy: "CloudWatchReadOnlyAccess",
                label: { en: "CloudWatch alarms", ko: "CloudWatch 경보" },
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
                label: { en: "IAM users", ko: "IAM 사용자" },
            },
            /// `iam:GetAccountAuthorizationDetails` (groups)
            IamGroups {
                field: iam_groups,
                item: $crate::snapshot::IamGroup,
                actions: ["iam:GetAccountAuthorizationDetails"],
                managed_policy: "IAMReadOnlyAccess",
                label: { en: "IAM groups", ko: "IAM 그룹" },
            },
            /// `iam:GetAccountAuthorizationDetails` (roles)
            IamRoles {
                field: iam_roles,
                item: $crate::snapshot::IamRole,
                actions: ["iam:GetAccountAuthorizationDetails"],
                managed_policy: "IAMReadOnlyAccess",
                label: { en: "IAM roles", ko: "IAM 역할" },
            },
            /// `iam:GetAccountAuthorizationDetails` (customer managed policies)
            IamPolicies {
                field: iam_policies,
                item: $crate::snapshot::IamPolicy,
                actions: ["iam:GetAccountAuthorizationDetails"],
                managed_policy: "IAMReadOnlyAccess",
                label: { en: "IAM customer managed policies", ko: "IAM 고객 관리형 정책" },
            },
            /// `iam:GetAccountSummary` (the root user's MFA and access keys)
            IamAccountSummary {
                field: iam_account_summary,
                item: $crate::snapshot::IamAccountSummary,
                actions: ["iam:GetAccountSummary"],
                managed_policy: "IAMReadOnlyAccess",
                label: { en: "the root user's MFA and access keys", ko: "루트 사용자의 MFA와 액세스 키" },
            },
        }
    };
}
