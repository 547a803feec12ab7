//! The templates are embedded with `include_dir!`, which Cargo cannot see into: rebuild this
//! crate whenever one changes.

fn main() {
    println!("cargo:rerun-if-changed=../../ui/templates");
}
