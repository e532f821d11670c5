//! A vendor's imperfect spec still builds what is sound (issue 16): one
//! fixture per class of flaw in `openapi_codegen::Flaw`. By default each is
//! worked around and reported once, with file, line and pointer; with
//! `Config::strict_spec` it is the error it was before, message pinned.

use openapi_codegen::{Config, FallbackReason, Flaw, Output};
use std::path::PathBuf;

/// The spec written to a fresh directory: `(path, default output, strict error)`.
fn both(name: &str, spec: &str) -> (PathBuf, Output, String) {
    let dir = std::env::temp_dir().join(format!("openapi-codegen-flaws-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("openapi.yaml");
    std::fs::write(&path, spec).unwrap();
    let output = Config::new().generate_file(&path).unwrap_or_else(|e| panic!("{name}: the default build fails: {e}"));
    let strict = Config::new().strict_spec(true).generate_file(&path).expect_err("the strict build must fail").to_string();
    (path, output, strict)
}

/// Each warning as its `Display` text, minus the directory.
fn warnings(output: &Output, path: &std::path::Path) -> Vec<String> {
    output.report.warnings.iter().map(|w| w.to_string().replace(&format!("{}", path.display()), "openapi.yaml")).collect()
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

/// OpenAI's older 3.0 spec declares `cert_id` for a path whose template says
/// `{certificate_id}`: one of each, so the parameter takes the template's name.
#[test]
fn a_path_parameter_under_another_name_is_renamed() {
    let spec = format!(
        "{HEAD}paths:
  /certificates/{{certificate_id}}:
    get:
      operationId: getCertificate
      parameters:
        - in: path
          name: cert_id
          required: true
          schema: {{type: string}}
      responses: {{'204': {{description: none}}}}
"
    );
    let (path, output, strict) = both("path-param", &spec);
    assert_eq!(
        warnings(&output, &path),
        ["openapi.yaml:9: #/paths/~1certificates~1{certificate_id}/get/parameters/0/name: path parameter `cert_id` is not in the path template, whose `{certificate_id}` has no parameter; it is read as `certificate_id`"]
    );
    assert!(output.code.contains("pub certificate_id: String"), "{}", output.code);
    assert!(output.code.contains("\"/certificates/\", &super::api::path_segment(&self.certificate_id)"), "{}", output.code);
    assert_eq!(
        strict,
        format!("{}:5: #/paths/~1certificates~1{{certificate_id}}/get: the path template's `{{certificate_id}}` has no path parameter: every template variable needs a parameter with `in: path` and `name: \"certificate_id\"`", path.display())
    );
}

/// Two variables and one stray parameter: which is meant is not clear, so
/// the operation is left out, and the others are still generated.
#[test]
fn an_ambiguous_operation_is_left_out_and_the_rest_is_built() {
    let spec = format!(
        "{HEAD}paths:
  /a/{{x}}/{{y}}:
    get:
      operationId: getA
      parameters:
        - {{name: z, in: path, required: true, schema: {{type: string}}}}
      responses: {{'204': {{description: none}}}}
  /b:
    get:
      operationId: getB
      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/B'}}}}}}}}}}
components:
  schemas:
    B: {{type: object, properties: {{id: {{type: string}}}}}}
"
    );
    let (path, output, strict) = both("left-out", &spec);
    let expected = "openapi.yaml:5: #/paths/~1a~1{x}~1{y}/get: operation getA is left out: the path template's `{x}` has no path parameter: every template variable needs a parameter with `in: path` and `name: \"x\"`";
    assert_eq!(warnings(&output, &path), [expected]);
    assert!(matches!(&output.report.warnings[0].flaw, Flaw::OperationLeftOut { operation, .. } if operation == "getA"));
    assert!(!output.code.contains("pub struct GetA "), "{}", output.code);
    assert!(output.code.contains("pub struct GetB") && output.code.contains("pub struct B "), "{}", output.code);
    assert_eq!(strict, expected.replace("openapi.yaml", &path.display().to_string()).replace("operation getA is left out: ", ""));
}

/// An operation left out part-way leaves nothing behind: not the query
/// enum it had finished, nor the request body it was in the middle of
/// (which once stayed as `pub type PostARequest = serde_json::Value`). The
/// code is what the spec without that operation gives. Run with a build
/// script's 8 MiB stack: parsing nests as deep as the spec.
#[test]
fn a_left_out_operation_leaves_no_types_behind() {
    std::thread::Builder::new().stack_size(8 << 20).spawn(left_out_part_way).unwrap().join().unwrap();
}

fn left_out_part_way() {
    let mut deep = "{type: object, properties: {z: {type: string}}}".to_owned();
    // One level more than `allOf` may nest.
    for i in 0..34 {
        deep = format!("{{allOf: [{{type: object, properties: {{a{i}: {{type: string}}}}}}, {deep}]}}");
    }
    let post_a = format!(
        "  /a:
    post:
      operationId: postA
      parameters:
        - {{name: mode, in: query, schema: {{type: string, enum: [a, b]}}}}
      requestBody:
        content:
          application/json:
            schema: {{type: object, properties: {{name: {{type: string}}, deep: {deep}}}}}
      responses: {{'204': {{description: none}}}}
"
    );
    let get_c = "  /c:\n    get:\n      operationId: getC\n      parameters:\n        - {name: mode, in: query, schema: {type: string, enum: [a, b]}}\n      responses: {'204': {description: none}}\n";
    let (path, output, strict) = both("left-out-part-way", &format!("{HEAD}paths:\n{post_a}{get_c}"));
    let warnings = warnings(&output, &path);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("openapi.yaml:12: #/paths/~1a/post/requestBody/content/application~1json/schema/properties/deep/allOf/1/"), "{warnings:?}");
    assert!(warnings[0].ends_with("operation postA is left out: allOf nests too deep (a cycle of allOf references?)"), "{warnings:?}");
    assert!(strict.ends_with(": allOf nests too deep (a cycle of allOf references?)"), "{strict}");
    let without = Config::new().generate_str(&format!("{HEAD}paths:\n{get_c}"), "openapi.yaml").unwrap();
    assert!(!output.code.contains("PostA"), "{}", output.code);
    assert!(output.code.contains("pub enum GetCMode"), "{}", output.code);
    assert_eq!(output.code, without.code);
    assert_eq!(output.report.types, without.report.types);
}

/// A response given as a `$ref` to a request body reads as a response with
/// that body's content.
#[test]
fn a_response_given_as_a_request_body_takes_its_content() {
    let spec = format!(
        "{HEAD}paths:
  /a:
    post:
      operationId: makeA
      responses:
        '200':
          $ref: '#/components/requestBodies/A'
components:
  requestBodies:
    A:
      description: An A.
      content: {{application/json: {{schema: {{$ref: '#/components/schemas/A'}}}}}}
  schemas:
    A: {{type: object, properties: {{id: {{type: string}}}}}}
"
    );
    let (path, output, strict) = both("response-body", &spec);
    assert_eq!(
        warnings(&output, &path),
        ["openapi.yaml:8: #/paths/~1a/post/responses/200: a response's $ref \"#/components/requestBodies/A\" names a request body; its content is read as the response's"]
    );
    assert_eq!(output.report.responses, [("makeA".to_owned(), "operations::MakeAResponse".to_owned())]);
    assert!(output.code.contains("pub type MakeAResponse = super::a::A;"), "{}", output.code);
    assert_eq!(
        strict,
        format!(
            "{}:8: #/paths/~1a/post/responses/200: unsupported $ref \"#/components/requestBodies/A\": only #/components/responses/... can be resolved here",
            path.display()
        )
    );
}

/// A schema given as a `$ref` to a response takes that response's schema.
#[test]
fn a_schema_given_as_a_response_takes_its_schema() {
    let spec = format!(
        "{HEAD}paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/responses/A'
components:
  responses:
    A:
      description: An A.
      content: {{application/json: {{schema: {{$ref: '#/components/schemas/A'}}}}}}
  schemas:
    A: {{type: object, properties: {{id: {{type: string}}}}}}
"
    );
    let (path, output, strict) = both("schema-response", &spec);
    assert_eq!(
        warnings(&output, &path),
        ["openapi.yaml:12: #/paths/~1a/get/responses/200/content/application~1json/schema: a schema's $ref \"#/components/responses/A\" names a response; that response's schema is used"]
    );
    assert_eq!(output.report.responses, [("getA".to_owned(), "operations::GetAResponse".to_owned())]);
    assert!(output.code.contains("pub type GetAResponse = super::a::A;"), "{}", output.code);
    assert_eq!(
        strict,
        format!(
            "{}:12: #/paths/~1a/get/responses/200/content/application~1json/schema: unsupported $ref \"#/components/responses/A\": only #/components/schemas/... can be resolved",
            path.display()
        )
    );
}

/// Schema-level flaws: a reference to nothing, and a type JSON Schema does
/// not have, read any JSON; each is a fallback too, and the rest is typed.
#[test]
fn schema_flaws_read_any_json() {
    let spec = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    A:
      type: object
      properties:
        gone: {{$ref: '#/components/schemas/Gone'}}
        odd: {{type: strin}}
        fine: {{type: string}}
"
    );
    let (path, output, strict) = both("schema", &spec);
    assert_eq!(
        warnings(&output, &path),
        [
            "openapi.yaml:9: #/components/schemas/A/properties/gone: $ref \"#/components/schemas/Gone\" names no schema; it reads any JSON (serde_json::Value)",
            "openapi.yaml:10: #/components/schemas/A/properties/odd: unknown type \"strin\"; the schema reads any JSON (serde_json::Value)",
        ]
    );
    assert!(output.code.contains("pub fine: Option<String>"), "{}", output.code);
    assert!(output.code.contains("pub gone: Option<::serde_json::Value>") && output.code.contains("pub odd: Option<::serde_json::Value>"), "{}", output.code);
    let reasons: Vec<FallbackReason> = output.report.fallbacks.iter().map(|f| f.reason).collect();
    assert_eq!(reasons, [FallbackReason::NoType, FallbackReason::UnknownType], "{:?}", output.report.fallbacks);
    assert_eq!(output.report.fallback_counts(), [(FallbackReason::NoType, 1), (FallbackReason::UnknownType, 1)]);
    assert!(output.report.to_string().contains("\n      1  schema of an unknown type: any JSON\n"), "{}", output.report);
    assert_eq!(strict, format!("{}:9: #/components/schemas/A/properties/gone: unresolved $ref \"#/components/schemas/Gone\": no such schema", path.display()));
}

/// A sound spec has no warnings, whatever the setting.
#[test]
fn a_sound_spec_warns_of_nothing() {
    let spec = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{type: string}}\n");
    let output = Config::new().generate_str(&spec, "openapi.yaml").unwrap();
    assert!(output.report.warnings.is_empty(), "{:?}", output.report.warnings);
    assert!(Config::new().strict_spec(true).generate_str(&spec, "openapi.yaml").is_ok());
}
