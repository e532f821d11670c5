//! The `[features]` table in this crate's `Cargo.toml` is the one
//! `cargo run -p openapi-codegen-cli -- features spec/openapi.yaml --write Cargo.toml`
//! writes: in step with the spec, so that `build.rs` does not warn.

#[test]
fn cargo_toml_declares_the_spec_features() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = openapi_codegen::Config::new().generate_file(root.join("spec/openapi.yaml")).unwrap().report;
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert_eq!(report.features_out_of_step(&manifest), None, "run the command above");
    assert_eq!(report.with_features_table(&manifest, "spec/openapi.yaml", "Cargo.toml"), manifest, "the table is not as the command writes it");
    assert!(manifest.contains("default = [\"full\"]\nfull = [\"batch\"]\n"));
}
