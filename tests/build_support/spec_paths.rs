// Shared by the build scripts of the spec-check crates (included, not a module;
// in a folder of its own so cargo does not take it for an integration test).
//
// The vendor specs live in `../shared/specs` beside the checkout and are never
// copied in. In CI (`CI` set) a missing spec fails the build; elsewhere the
// crate builds without it and its tests say they skipped, and why.

/// `../shared/specs/<rel>` from the workspace root, if present; exits with an
/// error in CI when it is not.
fn shared_spec(rel: &str) -> Option<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join("../shared/specs").join(rel);
    println!("cargo:rerun-if-env-changed=CI");
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        eprintln!("error: {} is missing; CI needs ../shared/specs beside the checkout", path.display());
        std::process::exit(1);
    }
    println!("cargo:warning=skipping {}: not found (set CI=1 to make this an error)", path.display());
    None
}

/// Generate `spec` into `$OUT_DIR/<file>` (an empty file when the spec is absent).
fn generate(config: &mut openapi_codegen::Config, rel: &str, file: &str) -> Option<openapi_codegen::Report> {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let Some(spec) = shared_spec(rel) else {
        std::fs::write(out.join(file), "").expect("OUT_DIR is writable");
        return None;
    };
    match config.out_dir(&out).out_file(file).generate(&spec) {
        Ok(report) => Some(report),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
