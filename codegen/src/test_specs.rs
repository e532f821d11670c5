//! The specs the unit tests run over: the golden fixtures, and OpenAI's full
//! spec from `../shared/specs` beside the workspace (skipped without it,
//! unless `CI` is set, where its absence fails the test).

use std::path::{Path, PathBuf};

/// OpenAI's full spec, if it is there.
pub(crate) fn openai() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/openai/openapi.yaml");
    if !path.is_file() {
        assert!(std::env::var_os("CI").is_none(), "{} is missing", path.display());
        return None;
    }
    Some(path)
}

/// Every golden fixture's spec, in name order, then OpenAI's full spec.
pub(crate) fn fixtures_and_openai() -> Vec<PathBuf> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(fixtures).unwrap().map(|e| e.unwrap().path().join("spec.yaml")).collect();
    specs.sort();
    specs.extend(openai());
    specs
}
