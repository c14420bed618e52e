//! With `split` (the release bundle), the console's module keeps its relocations so that
//! scripts/split-wasm.mjs can cut it into lazily fetched chunks.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=event-center=--emit-relocs");
    }
}
