//! The built-in lessons are embedded with `include_dir!`, which Cargo cannot see into: tell it
//! to rebuild this crate whenever a lesson or stylesheet changes.

fn main() {
    println!("cargo:rerun-if-changed=../../content");
    println!("cargo:rerun-if-changed=../../ui/static");
}
