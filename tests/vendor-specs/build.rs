//! Generates every other spec in `../shared/specs` with default settings.

include!("../build_support/spec_paths.rs");

fn main() {
    for (rel, file) in [
        ("stripe/spec3.yaml", "stripe.rs"),
        ("discord/openapi.json", "discord.rs"),
        ("box/openapi.json", "box_.rs"),
        ("petstore/petstore-3.0.yaml", "petstore.rs"),
        ("petstore/tictactoe-3.1.json", "tictactoe.rs"),
        ("petstore/webhook-example-3.1.yaml", "webhook_example.rs"),
        // The same document as openapi.yaml, read as JSON.
        ("openai/openapi.json", "openai_json.rs"),
    ] {
        generate(&mut openapi_codegen::Config::new(), rel, file);
    }
}
