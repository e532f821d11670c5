//! `Config::diff`: what changed in the generated API between two
//! specs, and which changes break code written against the old one.
//!
//! Small spec pairs written here cover each kind of change and its
//! breaking mark; `openai_real_update` compares two real versions of
//! OpenAI's spec: the one in `../shared/specs/openai/openapi.yaml` (commit
//! f85dbe2 of openai/openai-openapi) and the one eleven commits before it,
//! made by undoing `tests/diff/openai-23e6f5b..f85dbe2.patch` (see the
//! README beside it) on that file, so no second copy of the spec is kept.

use openapi_codegen::{Change, Config, Diff, What};
use serde_json::json;
use std::path::{Path, PathBuf};

/// Write `text` to a file of this test's own under cargo's temporary
/// directory for integration tests.
fn write(name: &str, text: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("diff-{name}"));
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

/// Load and model both files with `config`, then compare them: what the
/// CLI's `diff` does.
fn diff_files(old: &Path, new: &Path, config: &Config) -> openapi_codegen::Result<Diff> {
    config.diff(&config.model(config.load(old)?)?, &config.model(config.load(new)?)?)
}

fn diff_yaml(name: &str, old: &str, new: &str) -> Diff {
    let old = write(&format!("{name}-old.yaml"), old);
    let new = write(&format!("{name}-new.yaml"), new);
    diff_files(&old, &new, &Config::new()).expect("both specs generate")
}

const OLD: &str = r##"
openapi: 3.0.3
info: {title: pets, version: "1"}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: the pet
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
  /pets:
    delete:
      operationId: deletePets
      responses:
        "204": {description: gone}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        age: {type: integer}
        tag: {type: string}
        color: {type: string}
        kind: {$ref: "#/components/schemas/Kind"}
    Owner:
      type: object
      required: [id, email]
      properties:
        id: {type: string}
        email: {type: string}
    Kind:
      type: string
      enum: [cat, dog, bird]
    Flags:
      type: object
      properties:
        a: {type: boolean}
    Shape:
      oneOf:
        - {$ref: "#/components/schemas/Circle"}
        - {$ref: "#/components/schemas/Square"}
    Circle:
      type: object
      required: [r]
      properties:
        r: {type: number}
    Square:
      type: object
      required: [side]
      properties:
        side: {type: number}
    Id:
      type: string
    Mode:
      type: string
      enum: [fast, slow]
    Gone:
      type: object
      properties:
        x: {type: string}
"##;

/// Each change of the module docs' list, once: see the comments.
const NEW: &str = r##"
openapi: 3.0.3
info: {title: pets, version: "1"}
paths:
  /animals/{id}:                # route changed: not breaking
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: fields, in: query, schema: {type: string}}   # optional parameter added
      responses:
        "200":
          description: the pet
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
  /pets:
    get:                        # operation added; deletePets removed
      operationId: listPets
      responses:
        "200":
          description: the pets
          content:
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      type: object
      required: [name, color]   # color became required
      properties:
        name: {type: string}
        age: {type: string}     # retyped
        color: {type: string}
        kind: {$ref: "#/components/schemas/Kind"}
        owner: {$ref: "#/components/schemas/Owner"}   # optional field added; tag removed
    Owner:
      type: object
      required: [id]            # email became optional
      properties:
        id: {type: string}
        email: {type: string}
    Kind:
      type: string
      enum: [cat, dog, fish]    # bird removed, fish added
    Flags:
      type: object
      required: [b]             # a required field added: Default becomes new(b)
      properties:
        a: {type: boolean}
        b: {type: integer}
    Shape:
      oneOf:
        - {$ref: "#/components/schemas/Circle"}
        - {$ref: "#/components/schemas/Triangle"}   # Square's variant removed, Triangle's added
    Circle:
      type: object
      required: [r]
      properties:
        r: {type: number}
    Square:
      type: object
      required: [side]
      properties:
        side: {type: number}
    Triangle:                   # type added
      type: object
      properties:
        base: {type: number}
    Id:
      type: integer             # alias retyped
    Mode:                       # kind changed: enum to struct
      type: object
      properties:
        speed: {type: string}
"##;

/// The whole report on the pair, pinned: every kind of change, its mark,
/// and the order (items by path, then the item itself, `new`, members by name).
#[test]
fn every_kind_of_change_and_its_mark() {
    let diff = diff_yaml("kinds", OLD, NEW);
    let expected = "\
22 changes to 13 items, 13 breaking (marked !)
flags::Flags
  ! `Default` (no `new`) -> `new(b: i64)`
    field `b: i64` added (required)
gone::Gone
  ! struct removed
id::Id
  ! type: `String` -> `i64`
kind::Kind
  ! value `Bird` = \"bird\" removed
    value `Fish` = \"fish\" added
mode::Mode
  ! kind changed: enum -> struct
operations::DeletePets
  ! operation removed
operations::GetPet
    route `GET /pets/{id}` -> `GET /animals/{id}`
    field `fields: Option<String>` added
operations::ListPets
    operation added
operations::ListPetsResponse
    type alias added
owner::Owner
  ! `new(id: String, email: String)` -> `new(id: String)`
  ! field `email` became optional: `String` -> `Option<String>`
pet::Pet
  ! `new(name: String)` -> `new(name: String, color: String)`
  ! field `age`: `Option<i64>` -> `Option<String>`
  ! field `color` became required: `Option<String>` -> `String`
    field `owner: Option<super::owner::Owner>` added
  ! field `tag: Option<String>` removed
shape::Shape
  ! variant `Square(super::square::Square)` removed
    variant `Triangle(super::triangle::Triangle)` added
triangle::Triangle
    struct added
";
    assert_eq!(diff.to_string(), expected);
    assert!(diff.breaking());
}

/// The same spec twice: nothing to report.
#[test]
fn same_spec_no_changes() {
    let diff = diff_yaml("same", OLD, OLD);
    assert!(diff.is_empty());
    assert!(!diff.breaking());
    assert_eq!(diff.to_string(), "no changes\n");
    assert_eq!(diff.to_json(), json!({ "breaking": false, "changes": [] }));
}

/// Additions alone (a type, an optional field, an enum value, a union
/// variant, an operation) break nothing.
#[test]
fn additions_are_not_breaking() {
    let new = OLD
        .replace("enum: [cat, dog, bird]", "enum: [cat, dog, bird, fish]")
        .replace("        kind: {$ref: \"#/components/schemas/Kind\"}\n", "        kind: {$ref: \"#/components/schemas/Kind\"}\n        nick: {type: string}\n")
        .replace(
            "        - {$ref: \"#/components/schemas/Square\"}\n",
            "        - {$ref: \"#/components/schemas/Square\"}\n        - {type: object, title: Dot, required: [at], properties: {at: {type: number}}}\n",
        )
        .replace(
            "  /pets:\n    delete:",
            "  /pets:\n    get:\n      operationId: listPets\n      responses:\n        \"204\": {description: none}\n    delete:",
        );
    let diff = diff_yaml("additions", OLD, &new);
    let changes: Vec<String> = diff.changes.iter().map(|c| format!("{} {} {}", c.item, c.what.code(), c.breaking)).collect();
    assert_eq!(
        changes,
        [
            "kind::Kind value_added false",
            "operations::ListPets added false",
            "pet::Pet field_added false",
            "shape::Dot added false",
            "shape::Shape variant_added false",
        ]
    );
    assert!(!diff.breaking());
}

/// An operation's own signature: its body became required (so `new` takes
/// it), its success type changed (and so did the alias named after its
/// response) and it gained an error type.
#[test]
fn operation_signature() {
    let old = r##"
openapi: 3.0.3
info: {title: pets, version: "1"}
paths:
  /pets:
    post:
      operationId: createPet
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pet"}
      responses:
        "200":
          description: made
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
    Problem:
      type: object
      properties:
        detail: {type: string}
"##;
    let new = old
        .replace("      requestBody:\n", "      requestBody:\n        required: true\n")
        .replace(
            "              schema: {$ref: \"#/components/schemas/Pet\"}\ncomponents",
            "              schema: {$ref: \"#/components/schemas/Problem\"}\n        \"400\":\n          description: bad\n          content:\n            application/json:\n              schema: {$ref: \"#/components/schemas/Problem\"}\ncomponents",
        );
    let diff = diff_yaml("operation", old, &new);
    let expected = "\
5 changes to 2 items, 5 breaking (marked !)
operations::CreatePet
  ! Error: `::std::convert::Infallible` -> `super::problem::Problem`
  ! Output: `super::pet::Pet` -> `super::problem::Problem`
  ! `Default` (no `new`) -> `new(body: super::pet::Pet)`
  ! field `body` became required: `Option<super::pet::Pet>` -> `super::pet::Pet`
operations::CreatePetResponse
  ! type: `super::pet::Pet` -> `super::problem::Problem`
";
    assert_eq!(diff.to_string(), expected);
}

/// What tools read: one object per change, with the fields of its kind.
#[test]
fn json_for_tools() {
    let json = diff_yaml("json", OLD, NEW).to_json();
    assert_eq!(json["breaking"], true);
    let changes = json["changes"].as_array().expect("a list");
    assert_eq!(changes.len(), 22);
    let find = |item: &str, change: &str| {
        changes.iter().find(|c| c["item"] == item && c["change"] == change).unwrap_or_else(|| panic!("no {change} at {item} in {json:#}")).clone()
    };
    assert_eq!(
        find("flags::Flags", "new_changed"),
        json!({ "item": "flags::Flags", "change": "new_changed", "breaking": true, "old": null, "new": [{ "name": "b", "type": "i64" }] })
    );
    assert_eq!(
        find("kind::Kind", "value_added"),
        json!({ "item": "kind::Kind", "change": "value_added", "breaking": false, "variant": "Fish", "value": "fish" })
    );
    assert_eq!(
        find("pet::Pet", "field_required"),
        json!({ "item": "pet::Pet", "change": "field_required", "breaking": true, "field": "color", "required": true, "old": "Option<String>", "new": "String" })
    );
    assert_eq!(find("gone::Gone", "removed"), json!({ "item": "gone::Gone", "change": "removed", "breaking": true, "kind": "struct" }));
}

/// A spec the diff cannot read is an error naming the file, as generating's is.
#[test]
fn unreadable_spec_is_an_error() {
    let old = write("broken-old.yaml", OLD);
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-no-such-spec.yaml");
    let error = diff_files(&old, &missing, &Config::new()).expect_err("no such file").to_string();
    assert!(error.contains("diff-no-such-spec.yaml"), "{error}");
}

/// Undo a unified diff (`git diff OLD NEW`) on NEW's text: each hunk's new
/// side (its ` ` and `+` lines) must stand at the hunk's `+start`, and is
/// replaced by its old side (` ` and `-` lines). Panics where it does not
/// match, so the test also checks that the shared spec is the version the
/// patch was made against.
fn unapply(text: &str, patch: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut hunks = Vec::new();
    for line in patch.split_inclusive('\n') {
        if let Some(header) = line.strip_prefix("@@ -") {
            let new = header.split(' ').nth(1).and_then(|n| n.strip_prefix('+')).expect("a hunk header names the new side");
            let (start, count) = new.split_once(',').unwrap_or((new, "1"));
            let (start, count): (usize, usize) = (start.parse().expect("a line number"), count.parse().expect("a line count"));
            // With no lines on the new side, `start` is the line before the hunk.
            hunks.push((if count == 0 { start } else { start - 1 }, Vec::new(), Vec::new()));
        } else if let Some((_, new_side, old_side)) = hunks.last_mut() {
            match line.as_bytes().first() {
                Some(b' ') => {
                    new_side.push(&line[1..]);
                    old_side.push(&line[1..]);
                }
                Some(b'+') => new_side.push(&line[1..]),
                Some(b'-') => old_side.push(&line[1..]),
                _ => panic!("unexpected line in a hunk: {line:?}"),
            }
        }
    }
    for (at, new_side, old_side) in hunks {
        assert!(at >= copied, "hunks out of order at line {}", at + 1);
        let here = lines.get(at..at + new_side.len()).unwrap_or_else(|| panic!("the hunk at line {} runs past the end", at + 1));
        assert_eq!(here, new_side.as_slice(), "the spec differs from the patch's new side at line {}", at + 1);
        lines[copied..at].iter().for_each(|l| out.push_str(l));
        old_side.iter().for_each(|l| out.push_str(l));
        copied = at + new_side.len();
    }
    lines[copied..].iter().for_each(|l| out.push_str(l));
    out
}

/// Two real versions of OpenAI's spec, eleven commits apart: the one in
/// `../shared/specs` and the one the patch's old side gives.
#[test]
fn openai_real_update() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let new = manifest.join("../../shared/specs/openai/openapi.yaml");
    let text = std::fs::read_to_string(&new).unwrap_or_else(|e| panic!("{}: {e} (the vendor specs are read from ../shared/specs)", new.display()));
    let patch = std::fs::read_to_string(manifest.join("tests/diff/openai-23e6f5b..f85dbe2.patch")).expect("the patch");
    let old = write("openai-23e6f5b.yaml", &unapply(&text, &patch));
    let diff = diff_files(&old, &new, &Config::new()).expect("both versions generate");
    println!("{diff}");

    let has = |item: &str, what: What, breaking: bool| {
        let change = Change { item: item.to_owned(), what, breaking };
        assert!(diff.changes.contains(&change), "no {change:?} in\n{diff}");
    };
    let s = |s: &str| s.to_owned();
    // c094647: an MCP tool call's `error` is no longer a string or an object, only the object.
    has(
        "mcp_tool_call::McpToolCall",
        What::FieldRetyped { field: s("error"), old: s("Option<Error>"), new: s("Option<super::mcp_tool_call_error::McpToolCallError>") },
        true,
    );
    has("mcp_tool_call::Error", What::Removed { kind: "union" }, true);
    // f85dbe2: projects have a `residency` instead of a `geography`.
    has("project_create_request::ProjectCreateRequest", What::FieldRemoved { field: s("geography"), ty: s("Option<String>") }, true);
    has(
        "project_create_request::ProjectCreateRequest",
        What::FieldAdded { field: s("residency"), ty: s("Option<super::public_project_residency::PublicProjectResidency>"), required: false },
        false,
    );
    has("public_project_residency::PublicProjectResidency", What::Added { kind: "enum" }, false);
    // 13c6a94: a cost's unit, an enum of its own.
    has("costs_result::CostsResult", What::FieldAdded { field: s("quantity_unit"), ty: s("Option<QuantityUnit>"), required: false }, false);
    has("costs_result::QuantityUnit", What::Added { kind: "enum" }, false);
    // b8d775d: new image models.
    has("create_image_request::Model", What::ValueAdded { variant: s("GptImage2"), value: Some(s("gpt-image-2")) }, false);
    // 9b457ac: new streaming events, each a struct and a variant of the stream's union.
    has(
        "response_stream_event::ResponseStreamEvent",
        What::VariantAdded {
            variant: s("ResponseShellCallCommandAddedStreamingEvent"),
            ty: s("super::response_shell_call_command_added_streaming_event::ResponseShellCallCommandAddedStreamingEvent"),
        },
        false,
    );

    // Exactly these break code written against 23e6f5b; the docs-only
    // commits (010421d, b0da4ea, e68e9be, 06a9404) change nothing here.
    let breaking: Vec<String> = diff.changes.iter().filter(|c| c.breaking).map(|c| format!("{} {}", c.item, c.what)).collect();
    assert_eq!(
        breaking,
        [
            "beta_mcp_tool_call::BetaMcpToolCall field `error`: `Option<Error>` -> `Option<super::beta_mcp_tool_call_error::BetaMcpToolCallError>`",
            "beta_mcp_tool_call::Error union removed",
            "mcp_tool_call::Error union removed",
            "mcp_tool_call::McpToolCall field `error`: `Option<Error>` -> `Option<super::mcp_tool_call_error::McpToolCallError>`",
            "project_create_request::ProjectCreateRequest field `geography: Option<String>` removed",
            "project_update_request::ProjectUpdateRequest field `geography: Option<String>` removed",
        ]
    );
    assert_eq!(diff.changes.len(), 92, "{diff}");
    assert!(diff.changes.iter().all(|c| !c.item.starts_with("operations::")), "no operation changed in this range:\n{diff}");
}

/// With Cargo features, only what the build generates is compared: a change
/// to a type that only a feature left off reaches is not in the crate.
#[test]
fn features_limit_the_comparison() {
    let old = r##"
openapi: 3.0.3
info: {title: shop, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [Pets]
      responses:
        "200":
          description: the pets
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
  /stores:
    get:
      operationId: listStores
      tags: [Stores]
      responses:
        "200":
          description: the stores
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Store"}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
    Store:
      type: object
      properties:
        city: {type: string}
"##;
    let new =
        old.replace("        city: {type: string}", "        town: {type: string}").replace("        name: {type: string}", "        name: {type: integer}");
    let (old, new) = (write("features-old.yaml", old), write("features-new.yaml", &new));
    let items = |config: &Config| {
        let diff = diff_files(&old, &new, config).expect("both generate");
        diff.changes.iter().map(|c| format!("{} {}", c.item, c.what.code())).collect::<Vec<_>>()
    };
    assert_eq!(items(&Config::new()), ["pet::Pet field_retyped", "store::Store field_removed", "store::Store field_added"]);
    assert_eq!(items(Config::new().features(["pets"])), ["pet::Pet field_retyped"]);
    let error = diff_files(&old, &new, Config::new().features(["toys"])).expect_err("no such feature").to_string();
    assert!(error.contains("toys"), "{error}");
}
