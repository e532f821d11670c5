//! Generates `../shared/specs/openai/openapi.yaml`, exactly as published (in
//! full, and the `chat` and `responses` features alone), and
//! dispatchers from each operationId to its response type and to its JSON
//! request body type, for the tests.

include!("../build_support/spec_paths.rs");

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let report = generate(openapi_codegen::Config::new().doc_base_url("https://platform.openai.com"), "openai/openapi.yaml", "openai.rs");
    // The same spec read strictly, without `extra` maps: what the types did
    // before reading became tolerant, so the examples test can show both.
    let strict = generate(
        openapi_codegen::Config::new().doc_base_url("https://platform.openai.com").strict_reading(true).keep_unknown_properties(false),
        "openai/openapi.yaml",
        "openai_strict.rs",
    );
    // One feature each, as a crate that depends on the generated one with
    // `default-features = false` gets them: each must compile alone.
    for feature in ["chat", "responses"] {
        generate(
            openapi_codegen::Config::new().doc_base_url("https://platform.openai.com").features([feature]),
            "openai/openapi.yaml",
            &format!("openai_{feature}.rs"),
        );
    }
    let strict_responses = strict.as_ref().map_or(&[][..], |r| &r.responses[..]);
    let (responses, requests, skipped) = match &report {
        Some(report) => (&report.responses[..], &report.requests[..], "None"),
        None => (&[][..], &[][..], "Some(\"../shared/specs/openai/openapi.yaml is not there\")"),
    };
    let mut dispatch = dispatcher("roundtrip", "openai", "the response type of `operation`; `None` if it has no JSON response type", responses);
    dispatch.push_str(&dispatcher("roundtrip_request", "openai", "the JSON request body type of `operation`; `None` if it has none", requests));
    dispatch.push_str(&dispatcher("roundtrip_strict", "openai_strict", "the strictly read response type of `operation`", strict_responses));
    dispatch.push_str(&format!("/// Why the spec was not built, if it was not.\npub const SKIPPED: Option<&str> = {skipped};\n"));
    std::fs::write(out.join("dispatch.rs"), &dispatch).expect("OUT_DIR is writable");
}

/// A function `name` that round-trips `json` through the type of each
/// `(operationId, type path)` in `types`.
fn dispatcher(name: &str, module: &str, through: &str, types: &[(String, String)]) -> String {
    let mut f = format!("/// Round-trip `json` through {through}.\n");
    if types.is_empty() {
        // No spec: unused arguments and a lone `_` arm would break `deny(warnings)`.
        f.push_str(&format!("pub fn {name}(_operation: &str, _json: &serde_json::Value) -> Option<Result<Roundtrip, serde_json::Error>> {{\n    None\n}}\n"));
        return f;
    }
    f.push_str(&format!(
        "pub fn {name}(operation: &str, json: &serde_json::Value) -> Option<Result<Roundtrip, serde_json::Error>> {{\n    match operation {{\n"
    ));
    for (operation, path) in types {
        f.push_str(&format!("        {operation:?} => Some(roundtrip_as::<crate::{module}::{path}>(json)),\n"));
    }
    f.push_str("        _ => None,\n    }\n}\n");
    f
}
