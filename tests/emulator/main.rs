//! End-to-end tests of the `sandpit` binary against moto server, with lab state built by the
//! real AWS CLI exactly as a student would type it. See `tests/README.md`.

mod api_budget;
mod bench;
mod budget_guard;
mod classroom;
mod cli_contract;
mod faults;
mod guard_and_cost;
mod iam_team_access;
mod layouts;
mod permissions;
mod practice;
mod progress;
mod rds_kms;
mod reach;
mod registry;
mod route53_records;
mod scaling_alerts;
mod team_project;
mod three_tier_vpc;
mod vpc_peering;
mod warm;
mod was_alb_asg;
