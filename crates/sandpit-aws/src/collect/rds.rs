//! Amazon RDS: DB instances, Aurora DB clusters and DB subnet groups.

use sandpit_core::snapshot::*;

use super::{Collect, Collector, Failure, all_items, to_chrono};

impl Collect for DbInstance {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let items: Vec<aws_sdk_rds::types::DbInstance> =
            all_items!(c, "rds:DescribeDBInstances", c.rds.describe_db_instances())?;
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
                cluster_id: d.db_cluster_identifier().map(str::to_owned),
                multi_az: d.multi_az().unwrap_or(false),
                port: d.endpoint().and_then(|e| e.port()).or(d.db_instance_port()).filter(|p| *p > 0),
                engine_version: d.engine_version().map(str::to_owned),
            })
            .collect())
    }
}

impl Collect for DbSubnetGroup {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let items: Vec<aws_sdk_rds::types::DbSubnetGroup> =
            all_items!(c, "rds:DescribeDBSubnetGroups", c.rds.describe_db_subnet_groups())?;
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

impl Collect for DbCluster {
    async fn collect(c: &Collector<'_>) -> Result<Vec<Self>, Failure> {
        let items: Vec<aws_sdk_rds::types::DbCluster> =
            all_items!(c, "rds:DescribeDBClusters", c.rds.describe_db_clusters())?;
        Ok(items
            .iter()
            .map(|d| DbCluster {
                id: d.db_cluster_identifier().unwrap_or_default().to_owned(),
                engine: d.engine().unwrap_or_default().to_owned(),
                status: d.status().unwrap_or_default().to_owned(),
                storage_encrypted: d.storage_encrypted().unwrap_or(false),
                kms_key_id: d.kms_key_id().map(str::to_owned),
                master_user_secret_arn: d
                    .master_user_secret()
                    .and_then(|s| s.secret_arn())
                    .map(str::to_owned),
                backup_retention_days: d.backup_retention_period().unwrap_or(0),
                subnet_group: d.db_subnet_group().map(str::to_owned),
                security_groups: d
                    .vpc_security_groups()
                    .iter()
                    .filter_map(|g| g.vpc_security_group_id().map(str::to_owned))
                    .collect(),
                members: d
                    .db_cluster_members()
                    .iter()
                    .filter_map(|m| {
                        Some(DbClusterMember {
                            instance_id: m.db_instance_identifier()?.to_owned(),
                            writer: m.is_cluster_writer().unwrap_or(false),
                        })
                    })
                    .collect(),
                maintenance_window: d.preferred_maintenance_window().map(str::to_owned),
                port: d.port(),
                deletion_protection: d.deletion_protection().unwrap_or(false),
                created_at: d.cluster_create_time().and_then(to_chrono),
            })
            .collect())
    }
}
