//! The topology picture: VPCs, subnets by Availability Zone and tier, internet and NAT
//! gateways, each subnet's default route target, peering, and the application tier's load
//! balancer, target group and Auto Scaling instances per subnet — drawn as SVG from a snapshot,
//! and the same for a lab's **target** architecture (from what its checks expect), with the
//! differences between the two highlighted.
//!
//! - [`model`]: the picture's nodes and the account's architecture from a snapshot;
//! - [`target`]: the lab's architecture from its checks' typed expectations;
//! - [`compare`]: target against account, marks and differences in words;
//! - [`svg`]: the drawing, its words from [`words`] in the picture's language;
//! - [`path`]: a path question's answer (`sandpit reach`) drawn over the drawing.
//!
//! Pure functions of their inputs: the same snapshot always gives the same picture (tested as
//! text). The SVG uses presentation attributes only (no `style`), so a strict Content Security
//! Policy can forbid inline styles.

pub mod compare;
pub mod model;
pub mod path;
pub mod svg;
pub mod target;
mod words;

pub use compare::{Comparison, Difference, compare};
pub use model::{
    Architecture, AutoScalingNode, EndpointNode, EndpointNodeKind, Gateway, LoadBalancerNode, Mark,
    PeeringEdge, SubnetNode, TargetGroupNode, VpcNode, actual_architecture,
};
pub use path::{PathNode, PathOverlay, PathStop, path_overlay, render_svg_with_path};
pub use svg::{MIN_FONT_PX, render_svg};
pub use target::target_architecture;

#[cfg(test)]
mod tests;
