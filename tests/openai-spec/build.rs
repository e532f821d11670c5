//! Generates `../shared/specs/openai/openapi.yaml`, exactly as published, and a
//! dispatcher from each operationId to its response type for the tests.

include!("../build_support/spec_paths.rs");

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let report = generate(
        openapi_codegen::Config::new().doc_base_url("https://platform.openai.com"),
        "openai/openapi.yaml",
        "openai.rs",
    );
    let mut dispatch = String::from(
        "/// Round-trip `json` through the response type of `operation`; `None` if it has no JSON response type.\n\
         pub fn roundtrip(operation: &str, json: &serde_json::Value) -> Option<Result<Roundtrip, serde_json::Error>> {\n    match operation {\n",
    );
    let mut skipped = "None".to_owned();
    match &report {
        Some(report) => {
            for (operation, path) in &report.responses {
                dispatch.push_str(&format!("        {operation:?} => Some(roundtrip_as::<crate::openai::{path}>(json)),\n"));
            }
        }
        None => skipped = "Some(\"../shared/specs/openai/openapi.yaml is not there\")".to_owned(),
    }
    dispatch.push_str("        _ => None,\n    }\n}\n");
    dispatch.push_str(&format!("/// Why the spec was not built, if it was not.\npub const SKIPPED: Option<&str> = {skipped};\n"));
    openapi_codegen::write_if_changed(&out.join("dispatch.rs"), &dispatch).expect("OUT_DIR is writable");
}
