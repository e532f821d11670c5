//! Names are stable: a type's name never depends on the order of the spec,
//! and adding or removing one operation renames no type of another
//! (`model` and `model::operations` docs, Names).
//!
//! Each model is read as a map from a type's place in the spec (its JSON
//! pointer) to its `module::Name`s, so two versions of a spec compare at
//! every place both have (`Model::items`).

use openapi_codegen::{Config, Model};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn model(name: &str, text: &str) -> Model {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("names-{name}.yaml"));
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    let config = Config::new();
    config.load(&path).and_then(|spec| config.model(spec)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The places both models have whose names differ, as `pointer: old -> new`.
fn renamed(old: &Model, new: &Model) -> Vec<String> {
    let (old, new) = (old.items(), new.items());
    old.iter().filter_map(|(p, o)| new.get(p).filter(|n| *n != o).map(|n| format!("{p}: {o:?} -> {n:?}"))).collect()
}

/// Remove the block of lines that starts with `start` (a line of its own)
/// and runs to the next line at the same or a lesser indentation.
fn without_block(text: &str, start: &str) -> String {
    let indent = start.len() - start.trim_start().len();
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        let depth = line.len() - line.trim_start().len();
        if line.trim_end() == start {
            skipping = true;
            continue;
        }
        if skipping && !line.trim().is_empty() && depth <= indent {
            skipping = false;
        }
        if !skipping {
            out.push_str(line);
        }
    }
    assert!(out.len() < text.len(), "no line {start:?} in the spec");
    out
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: names, version: \"1\"}\n";

/// Three operations with inline bodies and parameters, two of them sharing
/// a component response with an inline schema; components whose names
/// collide once made Rust names.
const PATHS: [&str; 3] = [
    r##"  /a:
    post:
      operationId: createThing
      parameters:
        - {name: expand, in: query, schema: {type: array, items: {type: string, enum: [x, y]}}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                meta: {type: object, properties: {k: {type: string}}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {meta: {type: object, properties: {v: {type: integer}}}}}
"##,
    r##"  /b/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string, enum: [one, two]}}
    get:
      operationId: getThing
      parameters:
        - {name: expand, in: query, schema: {type: array, items: {type: string, enum: [p, q]}}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {meta: {type: object, properties: {w: {type: boolean}}}}}
        "404": {$ref: "#/components/responses/NotFound"}
"##,
    r##"  /c:
    delete:
      operationId: deleteThing
      responses:
        "204": {description: gone}
        "404": {$ref: "#/components/responses/NotFound"}
"##,
];

const COMPONENTS: [&str; 3] = [
    "    self: {type: object, properties: {a: {type: string}}}\n",
    "    Self: {type: object, properties: {b: {type: string}}}\n",
    "    Meta: {type: string}\n",
];

const RESPONSES: &str = r##"  responses:
    NotFound:
      description: no such thing
      content:
        application/json:
          schema: {type: object, properties: {error: {type: object, properties: {code: {type: string}}}}}
"##;

fn spec(paths: &[usize], components: &[usize]) -> String {
    let mut s = format!("{HEAD}paths:\n");
    paths.iter().for_each(|&i| s.push_str(PATHS[i]));
    s.push_str("components:\n  schemas:\n");
    components.iter().for_each(|&i| s.push_str(COMPONENTS[i]));
    s.push_str(RESPONSES);
    s
}

#[test]
fn order_of_paths_and_components_changes_no_name() {
    let first = model("order-1", &spec(&[0, 1, 2], &[0, 1, 2]));
    let names_first = first.items();
    for (i, (paths, components)) in [([2, 1, 0], [2, 1, 0]), ([1, 2, 0], [1, 0, 2]), ([2, 0, 1], [0, 2, 1])].iter().enumerate() {
        let other = model(&format!("order-{}", i + 2), &spec(paths, components));
        assert_eq!(other.items(), names_first, "paths {paths:?}, components {components:?}");
    }
    // The collision goes by the byte order of the names: `Self` < `self`.
    let of = |pointer: &str| names_first[pointer].iter().next().cloned().unwrap();
    assert_eq!(of("#/components/schemas/Self"), "self_::SelfModel");
    assert_eq!(of("#/components/schemas/self"), "self_2::SelfModel2");
}

#[test]
fn removing_an_operation_renames_nothing_else() {
    let all = model("all", &spec(&[0, 1, 2], &[0, 1, 2]));
    for removed in 0..3 {
        let rest: Vec<usize> = (0..3).filter(|&i| i != removed).collect();
        let fewer = model(&format!("without-{removed}"), &spec(&rest, &[0, 1, 2]));
        assert_eq!(renamed(&all, &fewer), Vec::<String>::new(), "without path {removed}");
        assert!(fewer.items().len() < all.items().len(), "path {removed} had types of its own");
    }
}

#[test]
fn inline_types_are_named_after_their_owner() {
    let m = model("owners", &spec(&[0, 1, 2], &[0, 1, 2])).items();
    let of = |pointer: &str| m.get(pointer).unwrap_or_else(|| panic!("no type at {pointer}; have {m:#?}")).clone();
    let set = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<BTreeSet<_>>();
    let op = "#/paths/~1a/post";
    assert_eq!(of(&format!("{op}/requestBody/content/application~1json/schema")), set(&["operations::CreateThingRequest"]));
    // Each operation's `meta` is its own, though the name `Meta` is a component's.
    assert_eq!(of(&format!("{op}/requestBody/content/application~1json/schema/properties/meta")), set(&["operations::CreateThingMeta"]));
    assert_eq!(
        of(&format!("{op}/responses/200/content/application~1json/schema/properties/meta")),
        set(&["operations::CreateThingResponseMeta"]),
        "the second `meta` of an operation has its parent's local name in front"
    );
    assert_eq!(of("#/paths/~1b~1{id}/get/responses/200/content/application~1json/schema/properties/meta"), set(&["operations::GetThingMeta"]));
    assert_eq!(of(&format!("{op}/parameters/0/schema/items")), set(&["operations::CreateThingExpandItem"]));
    // A path item's parameter is named after its path (`/b/{id}` → `BId`)
    // and itself, whichever operation uses it.
    assert_eq!(of("#/paths/~1b~1{id}/parameters/0/schema"), set(&["operations::BIdId"]));
    // A component response's schema is named after the component, not after
    // the first operation to reach it.
    let not_found = "#/components/responses/NotFound/content/application~1json/schema";
    assert_eq!(of(not_found), set(&["operations::NotFound"]));
    assert_eq!(of(&format!("{not_found}/properties/error")), set(&["operations::NotFoundError"]));
}

/// Stripe's spec, as its vendor writes it, without its first path
/// (`/v1/account_links`, one `post`): every type both versions have keeps
/// its name.
#[test]
fn stripe_without_its_first_operation_renames_nothing_else() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/stripe/spec3.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let all = model("stripe-all", &text);
    let fewer = model("stripe-fewer", &without_block(&text, "  /v1/account_links:"));
    let renamed = renamed(&all, &fewer);
    assert!(renamed.is_empty(), "{} types renamed, first: {:#?}", renamed.len(), &renamed[..renamed.len().min(10)]);
    let (all, fewer) = (all.items(), fewer.items());
    let gone: Vec<_> = all.keys().filter(|p| !fewer.contains_key(*p)).collect();
    assert!(!gone.is_empty() && gone.iter().all(|p| p.contains("/~1v1~1account_links/") || *p == "operation POST /v1/account_links"), "{gone:#?}");
}
