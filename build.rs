//! Generates the models from `spec/openapi.yaml` into `$OUT_DIR/openapi.rs`.

fn main() {
    let result = openapi_codegen::Config::new()
        // Only what the enabled Cargo features turn on (default: everything).
        .cargo_features()
        // Stainless names the inline `usage` object `BatchUsage`; so do we.
        .name_schema("#/components/schemas/Batch/properties/usage", "BatchUsage")
        .doc_base_url("https://platform.openai.com")
        .generate("spec/openapi.yaml");
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
