//! The built-in labs and the message catalogue are embedded with `include_dir!`, which Cargo
//! cannot see into: rebuild this crate whenever a lab file or a message file changes (or is added).

fn main() {
    println!("cargo:rerun-if-changed=../../labs");
    println!("cargo:rerun-if-changed=messages");
}
