//! End-to-end tests of the `sandpit` binary against moto server, with lab state built by the
//! real AWS CLI exactly as a student would type it. See `tests/README.md`.

mod budget_guard;
mod cli_contract;
mod permissions;
mod rds_kms;
mod route53_records;
mod three_tier_vpc;
mod vpc_peering;
