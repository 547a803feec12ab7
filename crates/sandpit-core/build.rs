//! The built-in labs are embedded with `include_dir!`, which Cargo cannot see into: rebuild this
//! crate whenever a lab file changes.

fn main() {
    println!("cargo:rerun-if-changed=../../labs");
}
