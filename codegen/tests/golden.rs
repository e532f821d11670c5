//! Golden tests: every `tests/fixtures/<case>/spec.yaml` generates exactly its
//! `expected.rs`.
//!
//! A case may have a `config.json` beside its spec, every key optional:
//! `{"names": {"<json pointer>": "<Name>"}, "doc_base_url": "https://...",
//! "strict_reading": true, "keep_unknown_properties": false, "features":
//! ["pets"]}`, mapping to [`Config::name_schema`], [`Config::doc_base_url`],
//! [`Config::strict_reading`], [`Config::keep_unknown_properties`] and
//! [`Config::features`].
//!
//! To accept the current output after an intended change of the generator:
//! `UPDATE_GOLDENS=1 cargo test -p openapi-codegen --test golden`, then read
//! the diff of `tests/fixtures/*/expected.rs` as a user of the types would.
//! The `golden-check` crate (`tests/goldens/` at the workspace root) compiles
//! every `expected.rs` and tests the behaviour of the generated types.
//!
//! The fixtures are formatted with prettyplease (`Config::pretty(true)`);
//! what build scripts write by default, the plain layout, is checked to be
//! the same code for every case and for OpenAI's spec.

use openapi_codegen::Config;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// Every case directory, sorted by name.
fn cases() -> Vec<PathBuf> {
    let dir = fixtures_dir();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no fixtures under {}", dir.display());
    cases
}

fn case_name(case: &Path) -> String {
    case.file_name().expect("a case directory has a name").to_string_lossy().into_owned()
}

/// The `Config` a case asks for: defaults, plus its `config.json` if present.
fn config(case: &Path) -> Config {
    let mut config = Config::new();
    config.pretty(true);
    let path = case.join("config.json");
    let Ok(text) = std::fs::read_to_string(&path) else { return config };
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
    let object = json.as_object().unwrap_or_else(|| panic!("{}: expected a JSON object", path.display()));
    for (key, value) in object {
        match key.as_str() {
            "features" => {
                let names = value.as_array().unwrap_or_else(|| panic!("{}: `features` must be a list", path.display()));
                config.features(names.iter().map(|n| n.as_str().unwrap_or_else(|| panic!("{}: a feature is a string", path.display()))));
            }
            "names" => {
                let names = value.as_object().unwrap_or_else(|| panic!("{}: `names` must be an object", path.display()));
                for (pointer, name) in names {
                    let name = name.as_str().unwrap_or_else(|| panic!("{}: name for {pointer} must be a string", path.display()));
                    config.name_schema(pointer, name);
                }
            }
            "doc_base_url" => {
                let url = value.as_str().unwrap_or_else(|| panic!("{}: `doc_base_url` must be a string", path.display()));
                config.doc_base_url(url);
            }
            "strict_reading" => {
                let strict = value.as_bool().unwrap_or_else(|| panic!("{}: `strict_reading` must be a boolean", path.display()));
                config.strict_reading(strict);
            }
            "keep_unknown_properties" => {
                let keep = value.as_bool().unwrap_or_else(|| panic!("{}: `keep_unknown_properties` must be a boolean", path.display()));
                config.keep_unknown_properties(keep);
            }
            // A typo would otherwise silently test the defaults.
            other => panic!("{}: unknown key {other:?} (expected `names`, `doc_base_url`, `strict_reading`, `keep_unknown_properties`)", path.display()),
        }
    }
    config
}

/// The generated code for a case, or a message saying why there is none.
fn generate(case: &Path) -> Result<String, String> {
    let spec_path = case.join("spec.yaml");
    let spec = std::fs::read_to_string(&spec_path).map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    config(case).generate_str(&spec, "spec.yaml").map(|output| output.code).map_err(|e| format!("{}: generation failed: {e}", spec_path.display()))
}

/// Where two texts first differ, with a few lines of context from each.
fn diff_hint(expected: &str, actual: &str) -> String {
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    let first = expected_lines.iter().zip(&actual_lines).position(|(e, a)| e != a).unwrap_or(expected_lines.len().min(actual_lines.len()));
    let mut out = String::new();
    let _ = writeln!(out, "first difference at line {} (expected.rs has {} lines, the generator made {})", first + 1, expected_lines.len(), actual_lines.len());
    let from = first.saturating_sub(2);
    for (label, lines) in [("expected", &expected_lines), ("actual", &actual_lines)] {
        let _ = writeln!(out, "  {label}:");
        for (n, line) in lines.iter().enumerate().skip(from).take(first - from + 4) {
            let mark = if n == first { '>' } else { ' ' };
            let _ = writeln!(out, "  {mark}{:>5} | {line}", n + 1);
        }
        if first >= lines.len() {
            let _ = writeln!(out, "  >{:>5} | <end of file>", first + 1);
        }
    }
    if expected_lines == actual_lines {
        let _ = writeln!(out, "  (the lines are equal: the difference is in line endings or the final newline)");
    }
    out
}

#[test]
fn fixtures_match_expected() {
    let update = std::env::var_os("UPDATE_GOLDENS").is_some_and(|v| v != "0" && !v.is_empty());
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in cases() {
        let name = case_name(&case);
        let code = match generate(&case) {
            Ok(code) => code,
            Err(e) => {
                failures.push(format!("[{name}] {e}"));
                continue;
            }
        };
        let expected_path = case.join("expected.rs");
        if update {
            let old = std::fs::read_to_string(&expected_path).ok();
            if old.as_deref() != Some(code.as_str()) {
                std::fs::write(&expected_path, &code).unwrap_or_else(|e| panic!("cannot write {}: {e}", expected_path.display()));
                eprintln!("[{name}] wrote {}", expected_path.display());
            }
            checked += 1;
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == code => checked += 1,
            Ok(expected) => failures.push(format!("[{name}] output differs from {}\n{}", expected_path.display(), diff_hint(&expected, &code))),
            Err(e) => failures.push(format!("[{name}] cannot read {}: {e} (run with UPDATE_GOLDENS=1 to create it)", expected_path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases failed:\n\n{}\nIf the change is intended: UPDATE_GOLDENS=1 cargo test -p openapi-codegen --test golden, then review the diff.",
        failures.len(),
        failures.len() + checked,
        failures.join("\n")
    );
}

#[test]
fn every_case_has_a_spec() {
    for case in cases() {
        assert!(case.join("spec.yaml").is_file(), "{} has no spec.yaml", case.display());
    }
}

#[test]
fn generation_is_deterministic() {
    for case in cases() {
        let name = case_name(&case);
        let first = generate(&case).unwrap_or_else(|e| panic!("[{name}] {e}"));
        // Another thread, so that hash maps inside the generator get other seeds.
        let again = {
            let case = case.clone();
            std::thread::spawn(move || generate(&case)).join().expect("the generating thread does not panic")
        };
        let again = again.unwrap_or_else(|e| panic!("[{name}] {e}"));
        assert!(first == again, "[{name}] two runs differ:\n{}", diff_hint(&first, &again));
    }
}

/// The reading keys of `config.json` reach the generator: the `strict` case
/// asks for strict reading without unknown properties, the others use the
/// defaults (tolerant, keeping them).
#[test]
fn reading_settings_in_config_json_are_applied() {
    let strict = generate(&fixtures_dir().join("strict")).unwrap_or_else(|e| panic!("[strict] {e}"));
    assert!(strict.contains("const STRICT: bool = true;"), "[strict] is not read strictly");
    assert!(!strict.contains("pub extra:"), "[strict] keeps unknown properties");
    let default = generate(&fixtures_dir().join("reading")).unwrap_or_else(|e| panic!("[reading] {e}"));
    assert!(default.contains("const STRICT: bool = false;"), "[reading] is not read tolerantly");
    assert!(default.contains("pub extra:"), "[reading] drops unknown properties");
}

#[test]
fn diff_hint_points_at_the_first_difference() {
    let hint = diff_hint("a\nb\nc\n", "a\nx\nc\n");
    assert!(hint.starts_with("first difference at line 2 "), "{hint}");
    assert!(hint.contains(">    2 | b") && hint.contains(">    2 | x"), "{hint}");
    let hint = diff_hint("a\n", "a\nb\n");
    assert!(hint.contains("at line 2") && hint.contains("<end of file>"), "{hint}");
}

/// The `///` and `//!` lines of a text.
fn doc_lines(text: &str) -> usize {
    text.lines().map(str::trim_start).filter(|l| l.starts_with("///") || l.starts_with("//!")).count()
}

/// The code of the plain layout (`Config::pretty(false)`, what build scripts
/// write by default), formatted, is the prettyplease output, line for line.
/// Both start with the `@generated` header, and the plain layout writes the
/// docs as `///` and `//!` lines, as prettyplease does, not as `#[doc]`
/// attributes. (That the plain layout lexes back to exactly the tokens
/// emitted is a unit test of `output.rs`, where the tokens are at hand.)
fn assert_same_code(name: &str, pretty: &str, plain: &str) {
    for (which, text) in [("pretty", pretty), ("plain", plain)] {
        assert!(text.starts_with("// @generated by openapi-codegen from "), "[{name}] the {which} output has no @generated header");
    }
    let plain_file = syn::parse_file(plain).unwrap_or_else(|e| panic!("[{name}] the plain output does not parse: {e}"));
    let formatted = prettyplease::unparse(&plain_file);
    let (_header, pretty_body) = pretty.split_once("\n\n").expect("a blank line after the header");
    assert!(formatted == pretty_body, "[{name}] the plain layout, formatted, is not the pretty output:\n{}", diff_hint(pretty_body, &formatted));
    assert_eq!(doc_lines(pretty), doc_lines(plain), "[{name}] the layouts hold different numbers of doc lines");
    assert!(!plain.contains("#[doc ="), "[{name}] the plain layout writes a doc attribute instead of a doc line");
}

#[test]
fn plain_layout_is_the_same_code_for_every_case() {
    for case in cases() {
        let name = case_name(&case);
        let spec = std::fs::read_to_string(case.join("spec.yaml")).expect("a readable spec");
        let pretty = generate(&case).unwrap_or_else(|e| panic!("[{name}] {e}"));
        let mut config = config(&case);
        let plain = config.pretty(false).generate_str(&spec, "spec.yaml").unwrap_or_else(|e| panic!("[{name}] {e}")).code;
        assert_same_code(&name, &pretty, &plain);
    }
}

/// The same on OpenAI's full spec (from `../shared/specs` beside the
/// workspace; skipped without it, unless `CI` is set).
#[test]
fn plain_layout_is_the_same_code_for_openai() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/openai/openapi.yaml");
    let Ok(spec) = std::fs::read_to_string(&path) else {
        assert!(std::env::var_os("CI").is_none(), "{} is missing", path.display());
        eprintln!("skipped: {} is missing", path.display());
        return;
    };
    let mut config = Config::new();
    config.doc_base_url("https://platform.openai.com");
    let plain = config.generate_str(&spec, "openapi.yaml").expect("OpenAI's spec generates").code;
    let pretty = config.pretty(true).generate_str(&spec, "openapi.yaml").expect("OpenAI's spec generates").code;
    assert_same_code("openai", &pretty, &plain);
}
