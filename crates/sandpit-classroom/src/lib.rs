//! Sandpit for instructors: one lab checked in every team's account at once.
//!
//! Owns the class check (assume each team's read-only role from the roster, read the account,
//! judge it with [`sandpit_core::engine`], several teams at a time), the class matrix (team ×
//! step) and its exports (JSON, CSV). It reads rosters with [`sandpit_core::roster`] and talks
//! to AWS only through [`sandpit_aws`]. Printing for people is the caller's job (the CLI, the
//! desktop's Class view): both call [`check_class`] and render the [`ClassCheck`] it returns,
//! then keep it with [`record_class`]; [`report::class_report`] reads the class's history back.

mod check;
mod matrix;
mod record;
pub mod report;

pub use check::{ClassOptions, DEFAULT_CONCURRENCY, Progress, check_class};
pub use matrix::{ClassCheck, ClassMatrix, Reach, StepMap, TeamError, TeamResult, TeamRow};
pub use record::record_class;
