//! A user's crate with `default-features = false, features = ["chat"]`.
//!
//! Two throwaway crates are set up as a user would, outside this workspace
//! under `CARGO_TARGET_TMPDIR/dependent-crate`, with a target directory of
//! their own:
//! - `openai-types`, the generated crate: OpenAI's full spec, a `build.rs`
//!   that calls `Config::cargo_features`, and the `[features]` table that
//!   `openapi-codegen features SPEC --write Cargo.toml` writes (the same
//!   library calls the command makes);
//! - `app`, which depends on it with only `chat` on. Its `main` builds a chat
//!   request, encodes it through `operations::CreateChatCompletion` and
//!   decodes a recorded response through the same operation.
//!
//! The build is a real `cargo build` of both crates (the generator runs
//! unoptimized, as in any dependent crate), so a type the slice misses, a
//! warning under `deny(warnings)` or a stale features table fails here.

use std::path::{Path, PathBuf};
use std::process::Command;

use openai_spec_check::SKIPPED;

/// The crates' folder, made afresh.
fn workdir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dependent-crate");
    for krate in ["openai-types", "app"] {
        // Keep `target/` (built dependencies) between runs, nothing else.
        let _ = std::fs::remove_dir_all(dir.join(krate));
    }
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `openai-types`: the generated crate, its `[features]` table written from
/// the spec. Returns the feature names the table declares.
fn generated_crate(dir: &Path, spec: &Path) -> Vec<String> {
    let manifest = "[package]\nname = \"openai-types\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
                    [dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n\n\
                    [build-dependencies]\n"
        .to_owned()
        + &format!("openapi-codegen = {{ path = {:?} }}\n", concat!(env!("CARGO_MANIFEST_DIR"), "/../../codegen"))
        + "\n# Not part of the enclosing workspace.\n[workspace]\n";
    // What `openapi-codegen features SPEC --write Cargo.toml` does.
    let report = openapi_codegen::Config::new().generate_file(spec).unwrap().report;
    let manifest = report.with_features_table(&manifest, &spec.display().to_string(), "Cargo.toml");
    assert_eq!(report.features_out_of_step(&manifest), None);
    write(&dir.join("Cargo.toml"), &manifest);
    write(
        &dir.join("build.rs"),
        &format!(
            "fn main() {{\n    if let Err(e) = openapi_codegen::Config::new().cargo_features().generate({:?}) {{\n        \
             eprintln!(\"error: {{e}}\");\n        std::process::exit(1);\n    }}\n}}\n",
            spec.display().to_string()
        ),
    );
    write(&dir.join("src/lib.rs"), "#![deny(warnings)]\ninclude!(concat!(env!(\"OUT_DIR\"), \"/openapi.rs\"));\n");
    report.features.iter().map(|f| f.name.clone()).collect()
}

const APP: &str = r##"#![deny(warnings)]
use openai_types::api::{Operation, Reply};
use openai_types::operations::{CreateChatCompletion, CreateChatCompletionOutput};
use openai_types::{ChatCompletionRequestUserMessage, CreateChatCompletionRequest};

fn main() {
    let request = CreateChatCompletionRequest::new(
        "gpt-4o-mini",
        vec![ChatCompletionRequestUserMessage::new("Say this is a test").into()],
    );
    let op = CreateChatCompletion::new(request);
    let (content_type, body) = op.payload().encode().expect("a JSON body");
    println!("{} {} {content_type}", CreateChatCompletion::METHOD, op.path());
    println!("{}", String::from_utf8(body).unwrap());

    let response = br#"{"id": "chatcmpl-1", "object": "chat.completion", "created": 1741569952,
        "model": "gpt-4o-mini", "service_tier": "default",
        "choices": [{"index": 0, "finish_reason": "stop", "logprobs": null,
            "message": {"role": "assistant", "content": "This is a test.", "refusal": null,
                        "annotations": [], "a_field_the_spec_lacks": true}}],
        "usage": {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17}}"#;
    match CreateChatCompletion::decode(200, "application/json", response).expect("it decodes") {
        Reply::Ok { status, body: CreateChatCompletionOutput::Json(completion) } => {
            let message = &completion.choices[0].message;
            println!("{status} {}", message.content.as_deref().unwrap_or_default());
            println!("{}", serde_json::to_string(&completion).unwrap());
        }
        other => panic!("not a JSON completion: {other:?}"),
    }
}
"##;

#[test]
fn a_crate_with_only_chat_builds_a_request_and_decodes_a_response() {
    if let Some(why) = SKIPPED {
        eprintln!("skipped: {why}");
        return;
    }
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/specs/openai/openapi.yaml").canonicalize().unwrap();
    let dir = workdir();
    let features = generated_crate(&dir.join("openai-types"), &spec);
    assert!(features.iter().any(|f| f == "chat"), "{features:?}");
    write(
        &dir.join("app/Cargo.toml"),
        "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nopenai-types = { path = \"../openai-types\", default-features = false, features = [\"chat\"] }\n\
         serde_json = \"1\"\n\n[workspace]\n",
    );
    write(&dir.join("app/src/main.rs"), APP);
    // This workspace's lock: the same versions, already downloaded.
    let lock = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.lock")).unwrap();
    std::fs::write(dir.join("app/Cargo.lock"), lock).unwrap();

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        // Not `--quiet`, which would hide the build script's warnings.
        .args(["run", "--target-dir"])
        .arg(dir.join("target"))
        .current_dir(dir.join("app"))
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the app did not build or run:\n{stderr}");
    assert!(!stderr.contains("warning"), "the build warned (a stale features table?):\n{stderr}");

    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "POST /chat/completions application/json");
    let request: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(request, serde_json::json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say this is a test"}]}));
    assert_eq!(lines[2], "200 This is a test.");
    let completion: serde_json::Value = serde_json::from_str(lines[3]).unwrap();
    assert_eq!(completion["choices"][0]["message"]["a_field_the_spec_lacks"], true, "an unknown property is kept");
    assert_eq!(completion["usage"]["total_tokens"], 17);

    // The slice, not the whole API, was compiled.
    let generated = std::fs::read_dir(dir.join("target/debug/build"))
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path().join("out/openapi.rs")).ok())
        .next()
        .expect("the generated file");
    assert!(generated.contains("pub struct CreateChatCompletionRequest "));
    for other in ["pub struct CreateBatchRequest ", "pub struct VectorStoreObject ", "pub struct CreateResponse "] {
        assert!(!generated.contains(other), "{other} is not in the chat slice");
    }
}
