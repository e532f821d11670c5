//! Bad input gets a clear error that names the file, the line and the schema's
//! JSON pointer; never a panic, and never a half-written output.

use openapi_codegen::Config;
use std::path::PathBuf;

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("openapi-codegen-errors-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Write `spec` and generate it into `dir/out` with `strict_spec` (a flaw
/// that a default build works around is an error there: `tests/flaws.rs`
/// pins what the default does); the error's message.
fn fails(name: &str, spec: &str) -> (String, PathBuf) {
    let dir = scratch(name);
    let path = dir.join("openapi.yaml");
    std::fs::write(&path, spec).unwrap();
    let err = Config::new().strict_spec(true).out_dir(dir.join("out")).generate(&path).unwrap_err();
    assert!(!dir.join("out").exists(), "{name}: nothing may be written on error");
    (err.to_string(), path)
}

const HEAD: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n";

#[test]
fn malformed_yaml_names_file_and_line() {
    let (msg, path) = fails("yaml", &format!("{HEAD}    A:\n      type: object\n      properties: [unclosed\n"));
    assert!(msg.starts_with(&format!("{}:", path.display())), "{msg}");
    assert!(msg.contains(":8:") || msg.contains(":9:"), "a line near the bad flow sequence: {msg}");
    assert!(msg.contains("not valid YAML/JSON"), "{msg}");
}

#[test]
fn malformed_json_names_file_and_line() {
    let dir = scratch("json");
    let path = dir.join("openapi.json");
    std::fs::write(&path, "{\n  \"openapi\": \"3.1.0\",\n  \"paths\": {},\n}\n").unwrap();
    let msg = Config::new().out_dir(dir.join("out")).generate(&path).unwrap_err().to_string();
    assert!(msg.starts_with(&format!("{}:4:", path.display())), "{msg}");
}

#[test]
fn unresolved_ref_names_file_line_and_pointer() {
    let spec = format!("{HEAD}    A:\n      type: object\n      properties:\n        b:\n          $ref: '#/components/schemas/Nope'\n");
    let (msg, path) = fails("ref", &spec);
    assert_eq!(msg, format!("{}:9: #/components/schemas/A/properties/b: unresolved $ref \"#/components/schemas/Nope\": no such schema", path.display()));
}

#[test]
fn unrepresentable_schema_names_file_line_and_pointer() {
    let spec = format!("{HEAD}    A:\n      type: object\n      properties:\n        b:\n          type: strin\n");
    let (msg, path) = fails("type", &spec);
    assert!(msg.starts_with(&format!("{}:9: #/components/schemas/A/properties/b: unknown type \"strin\"", path.display())), "{msg}");
}

#[test]
fn a_missing_referenced_file_names_the_reference() {
    let spec = format!("{HEAD}    A:\n      $ref: 'other.yaml#/B'\n");
    let (msg, path) = fails("external", &spec);
    let other = path.parent().unwrap().join("other.yaml");
    assert!(msg.starts_with(&format!("{}:6: #/components/schemas/A: cannot read the referenced file {}", path.display(), other.display())), "{msg}");
}

#[test]
fn a_network_reference_is_refused() {
    let spec = format!("{HEAD}    A:\n      type: object\n      properties:\n        b:\n          $ref: 'https://example.com/b.yaml'\n");
    let (msg, path) = fails("network", &spec);
    assert!(
        msg.starts_with(&format!("{}:9: #/components/schemas/A/properties/b: `$ref: https://example.com/b.yaml` is a network address", path.display())),
        "{msg}"
    );
}

#[test]
fn a_ref_that_is_not_a_string_is_an_error() {
    let (msg, path) = fails("ref5", &format!("{HEAD}    A:\n      $ref: 5\n"));
    assert_eq!(msg, format!("{}:6: #/components/schemas/A: `$ref` must be a string, not 5", path.display()));
}

#[test]
fn a_failed_run_leaves_the_previous_output_alone() {
    let dir = scratch("previous");
    let path = dir.join("openapi.yaml");
    std::fs::write(&path, format!("{HEAD}    A:\n      type: string\n")).unwrap();
    Config::new().out_dir(&dir).generate(&path).unwrap();
    let good = std::fs::read_to_string(dir.join("openapi.rs")).unwrap();
    assert!(good.contains("pub type A = String;"), "{good}");
    std::fs::write(&path, format!("{HEAD}    A:\n      $ref: '#/components/schemas/B'\n")).unwrap();
    assert!(Config::new().strict_spec(true).out_dir(&dir).generate(&path).is_err());
    assert_eq!(std::fs::read_to_string(dir.join("openapi.rs")).unwrap(), good);
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "only the spec and the output: {leftovers:?}");
}

#[test]
fn a_duplicate_key_is_an_error_with_its_line() {
    let spec = format!("{HEAD}    A:\n      type: object\n      type: string\n");
    let (msg, path) = fails("duplicate", &spec);
    assert!(msg.starts_with(&format!("{}:", path.display())), "{msg}");
    assert!(msg.contains("duplicate key `type`"), "{msg}");
    let dir = scratch("duplicate-json");
    let json = dir.join("openapi.json");
    std::fs::write(&json, "{\n  \"openapi\": \"3.1.0\",\n  \"paths\": {},\n  \"paths\": {}\n}\n").unwrap();
    let msg = Config::new().out_dir(dir.join("out")).generate(&json).unwrap_err().to_string();
    assert!(msg.starts_with(&format!("{}:4:", json.display())) && msg.contains("duplicate key `paths`"), "{msg}");
}

#[test]
fn versions_it_does_not_read_are_named() {
    let (msg, path) = fails("swagger", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n");
    assert_eq!(
        msg,
        format!("{}:1: #/swagger: Swagger 2.0 is not supported: convert the document to OpenAPI 3 first (for example with swagger2openapi)", path.display())
    );
    let (msg, path) = fails("v4", "openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
    assert_eq!(msg, format!("{}:1: #/openapi: OpenAPI 4.0.0 is not supported: this generator reads 3.0 and 3.1", path.display()));
    let (msg, _) = fails("none", "info: {title: t, version: '1'}\npaths: {}\n");
    assert!(msg.ends_with("#: not an OpenAPI document: it has no `openapi` version"), "{msg}");
}

/// The pointer of a property inside a union's arm names the `oneOf` it is
/// in: looking for the union's tag once dropped that segment
/// (`#/components/schemas/U/0/properties/kind`).
#[test]
fn an_error_inside_a_union_arm_names_the_one_of() {
    let spec = format!(
        "{HEAD}    U:\n      oneOf:\n        - type: object\n          properties:\n            kind: {{$ref: '#/components/schemas/Nope'}}\n        - type: object\n          properties:\n            kind: {{type: string, enum: [b]}}\n"
    );
    let (msg, path) = fails("union-arm", &spec);
    assert_eq!(
        msg,
        format!("{}:10: #/components/schemas/U/oneOf/0/properties/kind: unresolved $ref \"#/components/schemas/Nope\": no such schema", path.display())
    );
}

/// A `$ref` is a JSON pointer: `/` inside a name is written `~1`, and `~` is
/// always `~0` or `~1`. A reference that spelled a name's `/` or `~` raw once
/// found the schema anyway.
#[test]
fn a_reference_must_escape_the_name_it_points_to() {
    let (msg, path) = fails("unescaped-slash", &format!("{HEAD}    a/b: {{type: string}}\n    U: {{$ref: '#/components/schemas/a/b'}}\n"));
    assert_eq!(msg, format!("{}:7: #/components/schemas/U: unresolved $ref \"#/components/schemas/a/b\": no such schema", path.display()));
    let (msg, path) = fails("bad-escape", &format!("{HEAD}    A~2: {{type: string}}\n    U: {{$ref: '#/components/schemas/A~2'}}\n"));
    assert_eq!(
        msg,
        format!(
            "{}:7: #/components/schemas/U: malformed $ref \"#/components/schemas/A~2\": `~2` is not a JSON pointer escape: `~0` stands for `~` and `~1` for `/`, and a `~` is always one of them",
            path.display()
        )
    );
    // Escaped properly, both are found.
    let dir = scratch("escaped");
    let path = dir.join("openapi.yaml");
    std::fs::write(&path, format!("{HEAD}    a/b: {{type: string}}\n    A~2: {{type: string}}\n    U: {{$ref: '#/components/schemas/a~1b'}}\n    V: {{$ref: '#/components/schemas/A~02'}}\n")).unwrap();
    Config::new().out_dir(&dir).generate(&path).unwrap();
    // Into another file, too.
    let (msg, path) = fails("bad-escape-file", &format!("{HEAD}    A: {{$ref: 'other.yaml#/B~'}}\n"));
    assert!(msg.starts_with(&format!("{}:6: #/components/schemas/A: `$ref: other.yaml#/B~`: `~` is not a JSON pointer escape", path.display())), "{msg}");
}

/// An empty name is a segment of its own: the line is the empty key's, not
/// its parent's.
#[test]
fn an_empty_property_name_has_its_own_line() {
    let spec = format!("{HEAD}    A:\n      type: object\n      properties:\n        '':\n          type: strin\n");
    let (msg, path) = fails("empty-name", &spec);
    assert!(msg.starts_with(&format!("{}:9: #/components/schemas/A/properties/: unknown type \"strin\"", path.display())), "{msg}");
}
