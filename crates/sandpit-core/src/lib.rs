//! Sandpit's pure core.
//!
//! Owns the lab definitions (loading and validating `labs/`), the account **snapshot** model
//! (our own serde structs, so the same snapshot is collected live, stored as evidence and loaded
//! from fixtures), the registry of **check kinds** (pure functions over a snapshot), and the
//! report a check produces. It never talks to AWS and never touches the network: the
//! `sandpit-aws` crate fills a [`snapshot::Snapshot`], this crate judges it.

pub mod budget;
pub mod checks;
pub mod cost;
pub mod discover;
pub mod engine;
pub mod file_error;
pub mod html;
pub mod iam_policy;
pub mod labs;
mod lang;
mod layout;
pub mod msg;
pub mod paths;
pub mod policy;
pub mod reach;
pub mod report;
pub mod roster;
pub mod snapshot;
pub mod spreadsheet;

pub use lang::{Lang, Localized, english_words};
