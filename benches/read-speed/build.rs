//! Generates OpenAI's full spec, as `tests/openai-spec` does with default
//! settings (plus the doc link base), but only what its `chat` and
//! `responses` features turn on: the two bodies read here need nothing
//! else, and the release build of the whole spec (four times over, in
//! openai-spec-check) took 20+ minutes a change.

include!("../../tests/build_support/spec_paths.rs");

fn main() {
    let mut config = openapi_codegen::Config::new();
    config.doc_base_url("https://platform.openai.com").features(["chat", "responses"]);
    if generate(&mut config, "openai/openapi.yaml", "openai.rs").is_none() {
        eprintln!("error: read-speed needs ../shared/specs/openai/openapi.yaml beside the checkout");
        std::process::exit(1);
    }
}
