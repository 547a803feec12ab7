//! What Sandpit's desktop app shows, computed without a window so it can be tested as text.
//!
//! - [`labview`]: a lab as the lab runner presents it (instructions rendered from Markdown with
//!   the parameters filled in, the CLI equivalent, the why, the hints) and the budget lock
//!   (which steps stay locked while the budget guard is missing).
//! - [`topology`]: the network picture — VPCs, subnets by Availability Zone and tier, gateways,
//!   route targets, peering — drawn as SVG from a snapshot, beside the lab's target architecture,
//!   with the differences highlighted.
//!
//! Pure: no AWS, no files, no window. The desktop shell (`src-tauri`) only calls these.

pub mod labview;
pub mod topology;
