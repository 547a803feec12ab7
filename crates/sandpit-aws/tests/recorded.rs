//! Every collector read through the real SDK client from answers recorded in AWS's documented
//! wire format (XML for EC2, RDS, Route 53 and ELB; JSON for KMS and Budgets), replayed by an
//! endpoint on loopback (`replay/mod.rs`). moto answers some of these differently from AWS or
//! not at all (no peering status on security group references, no `\052` in record names, no
//! Budgets actions); these answers are AWS's shapes, and each test names the API reference page
//! its answer follows. The snapshot read from them is then judged by the same core code the CLI
//! uses.

mod replay;

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;
use replay::Replay;
use sandpit_core::engine::{self, BudgetGuard, ParamChoice, StepFilter};
use sandpit_core::labs::LabSet;
use sandpit_core::report::FindingStatus;
use sandpit_core::snapshot::{ReadScope, ResourceKind, RuleSource, ZoneScope};

const ACCOUNT: &str = "123456789012";

fn kinds(k: &[ResourceKind]) -> BTreeSet<ResourceKind> {
    k.iter().copied().collect()
}

/// A one-step lab over the snapshot, to judge what was read the way a lab file would.
fn judge(check: &str, snap: &sandpit_core::snapshot::Snapshot) -> Vec<(FindingStatus, String)> {
    let text = format!(
        "id = \"replay\"\norder = 1\n[title]\nko = \"t\"\nen = \"t\"\n[summary]\nko = \"s\"\nen = \"s\"\n\
         [[step]]\nid = \"only\"\ntitle = {{ ko = \"t\", en = \"t\" }}\nconsole = {{ ko = \"c\", en = \"c\" }}\n\
         cli = \"\"\nwhy = {{ ko = \"w\", en = \"w\" }}\n[[step.check]]\n{check}\n"
    );
    let labs = LabSet::from_sources(vec![("replay.toml".into(), "replay".into(), text)]).unwrap();
    let lab = labs.get("replay").unwrap();
    let report = engine::check(
        lab,
        &[],
        ParamChoice::Given,
        &StepFilter::all(),
        snap,
        Utc::now(),
        BudgetGuard::Enforce,
    )
    .unwrap();
    report.steps[0].findings.iter().map(|f| (f.status, f.message.en.clone())).collect()
}

/// Follows the examples of
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html>,
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcPeeringConnections.html>,
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html> and
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetManagedPrefixListEntries.html>:
/// a `deleted` NAT gateway, a `pending-acceptance` peering, a rule naming a prefix list, SSH open
/// through two /1 blocks, and a group reference whose peering AWS reports as `deleted`.
#[tokio::test]
async fn ec2_answers_as_the_api_reference_documents_them() {
    let replay = Replay::recorded();
    let aws = replay.aws("us-east-1").await;
    let snap = aws
        .collect(
            &kinds(&[
                ResourceKind::Vpcs,
                ResourceKind::Subnets,
                ResourceKind::NatGateways,
                ResourceKind::PeeringConnections,
                ResourceKind::SecurityGroups,
                ResourceKind::ManagedPrefixLists,
            ]),
            ACCOUNT,
        )
        .await
        .unwrap();

    let nats: BTreeMap<&str, &str> =
        snap.nat_gateways.iter().map(|n| (n.id.as_str(), n.state.as_str())).collect();
    assert_eq!(nats["nat-0a1b2c3d4e5f60718"], "deleted");
    assert_eq!(nats["nat-04e77a5e9c34432f9"], "available");
    // A deleted NAT gateway bills nothing: the meter leaves it out and plans no deletion of it.
    let meter = sandpit_core::cost::meter(
        &snap,
        sandpit_core::cost::PriceTable::builtin(),
        sandpit_core::cost::FinalSnapshot::Skip,
        Utc::now(),
    );
    let billed: Vec<&str> = meter.items.iter().map(|i| i.id.as_str()).collect();
    assert!(
        billed.contains(&"nat-04e77a5e9c34432f9") && !billed.contains(&"nat-0a1b2c3d4e5f60718"),
        "{billed:?}"
    );

    let pcx = snap.peering_connections.iter().next().unwrap();
    assert_eq!((pcx.id.as_str(), pcx.status.as_str()), ("pcx-111aaa22", "pending-acceptance"));
    assert_eq!(pcx.status_message.as_deref(), Some("Pending Acceptance by 123456789012"));
    assert_eq!(pcx.requester.cidrs, ["172.31.0.0/16"]);

    let group = snap.security_groups.iter().next().unwrap();
    let list_rule = group.ingress.iter().find(|r| r.from_port == Some(443)).unwrap();
    assert_eq!(list_rule.source, RuleSource::PrefixList("pl-12c4e678".into()));
    let list = snap.managed_prefix_lists.iter().next().unwrap();
    assert_eq!(list.cidrs, ["10.0.0.0/16", "10.2.0.0/16"]);
    let stale = group.ingress.iter().find(|r| r.from_port == Some(3306)).unwrap();
    assert!(stale.through_dead_peering(), "{stale:?}");
    assert_eq!(stale.peering.as_ref().unwrap().connection_id.as_deref(), Some("pcx-b04deed9"));

    // Judged: SSH through 0.0.0.0/1 + 128.0.0.0/1 is open to the internet.
    let ssh = judge("kind = \"no_world_open_port\"\nvpcs = [{ cidr = \"10.0.0.0/16\" }]", &snap);
    assert_eq!(ssh.len(), 1, "{ssh:?}");
    assert_eq!(ssh[0].0, FindingStatus::Fail);
    assert!(ssh[0].1.contains("0.0.0.0/1") && ssh[0].1.contains("128.0.0.0/1"), "{}", ssh[0].1);
    // The prefix list's entries are within 10.0.0.0/8: a rule from them is a rule from there.
    let https = judge(
        "kind = \"security_group_ingress\"\nvpc = { cidr = \"10.0.0.0/16\" }\ngroup = \"WebServers\"\nport = 443\nfrom_cidrs = [\"10.0.0.0/8\"]",
        &snap,
    );
    assert_eq!(
        https.iter().find(|(s, _)| *s == FindingStatus::Pass).map(|(_, m)| m.contains("pl-12c4e678")),
        Some(true),
        "{https:?}"
    );
    // The group reference through the deleted peering admits nothing.
    let db = judge(
        "kind = \"security_group_ingress\"\nvpc = { cidr = \"10.0.0.0/16\" }\ngroup = \"WebServers\"\nport = 3306\nfrom_groups = [\"sg-9a8b7c6d\"]",
        &snap,
    );
    assert!(
        db.iter().any(|(s, m)| *s == FindingStatus::Fail && m.contains("does not allow tcp/3306")),
        "{db:?}"
    );
}

/// Follows <https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html>
/// and <https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBClusters.html>
/// (Aurora members, the managed master password on the cluster), with
/// <https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html> and
/// <https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html>: RDS reports
/// `KmsKeyId` as the key's full ARN, which resolves to the customer key under its alias.
#[tokio::test]
async fn rds_and_kms_answers_as_the_api_reference_documents_them() {
    let replay = Replay::recorded();
    let aws = replay.aws("us-east-1").await;
    let snap = aws
        .collect(
            &kinds(&[
                ResourceKind::DbInstances,
                ResourceKind::DbClusters,
                ResourceKind::DbSubnetGroups,
                ResourceKind::KmsKeys,
            ]),
            ACCOUNT,
        )
        .await
        .unwrap();
    let db = snap.db_instances.iter().find(|d| d.id == "mydbinstance-1").unwrap();
    assert_eq!(
        db.kms_key_id.as_deref(),
        Some("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
    );
    let key = snap.kms_key(db.kms_key_id.as_deref().unwrap()).expect("the ARN resolves to the key");
    assert_eq!(
        (key.manager.as_str(), key.aliases.as_slice()),
        ("CUSTOMER", &["alias/team7-mysql".to_owned()][..])
    );
    assert!(db.multi_az && db.port == Some(3306));
    assert_eq!(db.vpc_id.as_deref(), Some("vpc-aa22cc33"));
    let aws_key = snap.kms_keys.iter().find(|k| k.manager == "AWS").unwrap();
    assert_eq!(aws_key.aliases, ["alias/aws/rds"]);

    let member = snap.db_instances.iter().find(|d| d.id == "aurora-lab-instance-1").unwrap();
    assert_eq!(member.cluster_id.as_deref(), Some("aurora-lab"));
    assert!(member.master_user_secret_arn.is_none(), "the instance does not carry it");
    let cluster = snap.db_clusters.iter().next().unwrap();
    assert_eq!(cluster.members.len(), 2);
    assert!(cluster.members[0].writer && !cluster.members[1].writer);
    assert!(cluster.master_user_secret_arn.as_deref().unwrap().contains(":secret:rds!cluster-"));
    assert!(cluster.deletion_protection && cluster.storage_encrypted && cluster.backup_retention_days == 7);
    assert_eq!(snap.db_subnet_groups.iter().next().unwrap().subnets.len(), 2);

    // Judged: the teardown plan deletes the members, then the cluster (which bills for its
    // storage until it is gone).
    let meter = sandpit_core::cost::meter(
        &snap,
        sandpit_core::cost::PriceTable::builtin(),
        sandpit_core::cost::FinalSnapshot::Skip,
        Utc::now(),
    );
    let commands: Vec<&str> = meter.teardown.iter().map(|t| t.command.as_str()).collect();
    let at = |needle: &str| {
        commands.iter().position(|c| c.contains(needle)).unwrap_or_else(|| panic!("{needle}: {commands:#?}"))
    };
    assert!(
        at("--no-deletion-protection")
            < at("delete-db-instance --db-instance-identifier aurora-lab-instance-1")
    );
    assert!(
        at("wait db-instance-deleted --db-instance-identifier aurora-lab-instance-1")
            < at("delete-db-cluster --db-cluster-identifier aurora-lab")
    );
    assert!(commands.iter().any(|c| {
        c.contains("delete-db-instance --db-instance-identifier mydbinstance-1 --skip-final-snapshot")
    }));
}

/// Follows <https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListHostedZones.html>
/// and <https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListResourceRecordSets.html>,
/// where a wildcard name comes back as `\052` ("Route 53 returns the octal code"). A read scoped
/// to the lab's zone lists the zones once and the records of that zone only.
#[tokio::test]
async fn route53_reads_only_the_labs_zone_and_decodes_wildcards() {
    let replay = Replay::recorded();
    let aws = replay.aws("us-east-1").await;
    let scope = ReadScope { zones: ZoneScope::Named(BTreeSet::from(["example.com".to_owned()])) };
    let snap = aws.collect_scoped(&kinds(&[ResourceKind::HostedZones]), ACCOUNT, &scope).await.unwrap();
    let calls = replay.calls();
    let record_calls: Vec<&String> = calls.iter().filter(|c| c.contains("/rrset")).collect();
    assert_eq!(record_calls.len(), 1, "{calls:?}");
    assert!(record_calls[0].contains("Z1D633PJN98FT9"), "{calls:?}");
    let zone = snap.hosted_zones.iter().find(|z| z.name == "example.com").unwrap();
    let other = snap.hosted_zones.iter().find(|z| z.name == "example.net").unwrap();
    assert!(other.records_not_read && other.records.is_empty());
    assert!(
        zone.records.iter().any(|r| r.name == "*.example.com" && r.rtype == "CNAME"),
        "{:?}",
        zone.records
    );
    let alias = zone.records.iter().find(|r| r.set_identifier.as_deref() == Some("green")).unwrap();
    assert_eq!(alias.alias_target.as_deref(), Some("web-alb-123.us-east-1.elb.amazonaws.com"));
    // Judged: the weighted set is found across an alias and a plain member.
    let weighted = judge("kind = \"dns_weighted\"\ndomain = \"example.com\"", &snap);
    assert_eq!(weighted[0].0, FindingStatus::Pass, "{weighted:?}");
    // The other zone's records were not read, so it cannot be judged as empty.
    let other = judge("kind = \"dns_record\"\ndomain = \"example.net\"\ntype = \"MX\"", &snap);
    assert_eq!(other[0].0, FindingStatus::Error, "{other:?}");
}

/// Follows <https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_DescribeBudgets.html>,
/// `DescribeNotificationsForBudget` and `DescribeSubscribersForNotification`: amounts are strings
/// such as `"22.0"`.
#[tokio::test]
async fn budgets_amounts_are_read_from_their_strings() {
    let replay = Replay::recorded();
    let aws = replay.aws("us-east-1").await;
    let snap = aws.collect(&kinds(&[ResourceKind::Budgets]), ACCOUNT).await.unwrap();
    let b = snap.budgets.iter().next().unwrap();
    assert_eq!((b.limit, b.unit.as_str()), (22.0, "USD"));
    assert_eq!(b.actual_spend, Some(3.0587));
    assert_eq!(b.forecast_spend, Some(24.0));
    assert_eq!(b.notifications.len(), 2);
    assert_eq!(b.notifications[0].subscribers.as_deref(), Some(&["EMAIL team@example.com".to_owned()][..]));
    let status = sandpit_core::budget::guard_status(&snap, sandpit_core::budget::GUARD_NAME);
    assert_eq!(status.status, sandpit_core::budget::GuardState::Guarded);
    // The account id went where Budgets wants it.
    let first = replay.requests.lock().unwrap()[0].body.clone();
    assert!(first.contains("\"AccountId\":\"123456789012\""), "{first}");
}

/// Follows <https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancers.html>
/// and <https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroups.html>.
#[tokio::test]
async fn elbv2_answers_as_the_api_reference_documents_them() {
    let replay = Replay::recorded();
    let aws = replay.aws("us-west-2").await;
    let snap = aws
        .collect(&kinds(&[ResourceKind::LoadBalancers, ResourceKind::TargetGroups]), ACCOUNT)
        .await
        .unwrap();
    let lb = snap.load_balancers.iter().next().unwrap();
    assert_eq!(
        (lb.name.as_str(), lb.lb_type.as_str(), lb.state.as_str()),
        ("my-load-balancer", "application", "active")
    );
    assert_eq!(lb.subnets.len(), 2);
    assert_eq!(lb.security_groups, ["sg-5943793c"]);
    let tg = snap.target_groups.iter().next().unwrap();
    assert_eq!(tg.load_balancer_arns, std::slice::from_ref(&lb.arn));
    assert_eq!((tg.port, tg.health_check_matcher.as_deref()), (Some(80), Some("200")));
    // Judged: the meter prices the load balancer and deletes it before its target group.
    let meter = sandpit_core::cost::meter(
        &snap,
        sandpit_core::cost::PriceTable::builtin(),
        sandpit_core::cost::FinalSnapshot::Skip,
        Utc::now(),
    );
    let commands: Vec<&str> = meter.teardown.iter().map(|t| t.command.as_str()).collect();
    let lb_at = commands.iter().position(|c| c.contains("delete-load-balancer")).unwrap();
    let tg_at = commands.iter().position(|c| c.contains("delete-target-group")).unwrap();
    assert!(lb_at < tg_at, "{commands:#?}");
}
