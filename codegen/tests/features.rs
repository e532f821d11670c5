//! Cargo features (`model::features`): what each feature turns on, and what
//! a name the spec lacks does (how tags become names: its unit tests). The golden
//! cases `features_slice` and `features_pair` pin the output of one feature
//! and of two that share a type; `golden-check` compiles both.

use openapi_codegen::Config;

fn fixture() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/features_slice/spec.yaml")).unwrap()
}

#[test]
fn each_tag_untagged_operations_and_unreached_types_have_a_feature() {
    let report = Config::new().generate_str(&fixture(), "spec.yaml").unwrap().report;
    let summary: Vec<(String, Vec<String>, usize, usize)> = report.features.iter().map(|f| (f.name.clone(), f.tags.clone(), f.operations, f.types)).collect();
    assert_eq!(
        summary,
        [
            // `audit`: `Audit` and the alias of its response.
            ("other-operations".to_owned(), vec![], 1, 2),
            // `Orphan`.
            ("other-schemas".to_owned(), vec![], 0, 1),
            // listStores and getOwner: Store, Owner, and the aliases of the two responses.
            ("pet-stores".to_owned(), vec!["Pet stores".to_owned()], 2, 4),
            // listPets, uploadPhoto, getOwner: Pet, PetKind, Owner, and three
            // inline bodies.
            ("pets".to_owned(), vec!["Pets".to_owned()], 3, 6),
        ]
    );
}

#[test]
fn one_feature_generates_its_operations_and_what_they_reach() {
    let pets = Config::new().features(["pets"]).generate_str(&fixture(), "spec.yaml").unwrap().code;
    for present in
        ["pub struct Pet ", "pub enum PetKind", "pub struct Owner", "pub struct ListPets", "pub struct UploadPhoto", "pub struct GetOwner", "pub struct File"]
    {
        assert!(pets.contains(present), "`pets` lacks {present}");
    }
    for absent in ["Store", "Audit", "Orphan"] {
        assert!(!pets.contains(absent), "`pets` has {absent}");
    }
    let stores = Config::new().features(["pet-stores"]).generate_str(&fixture(), "spec.yaml").unwrap().code;
    assert!(stores.contains("pub struct Store") && stores.contains("pub struct Owner") && !stores.contains("Pet "));
    assert!(!stores.contains("UploadPhoto"));
    // Each item says what turns it on.
    assert!(stores.contains("/// Needs one of the Cargo features `pet-stores` or `pets`.\n    #[derive"));
}

#[test]
fn full_and_every_feature_generate_the_same_types() {
    let spec = fixture();
    let all = Config::new().features(["pets", "pet-stores", "other-operations", "other-schemas"]).generate_str(&spec, "s").unwrap().code;
    assert_eq!(Config::new().features(["full"]).generate_str(&spec, "s").unwrap().code, all);
    // Without features: the same items, without the notes. So every type
    // is in some feature.
    let ungated = Config::new().generate_str(&spec, "s").unwrap().code;
    assert!(!ungated.contains("Cargo feature"));
    let items = |code: &str| code.lines().filter(|l| l.trim_start().starts_with("pub ")).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(items(&all), items(&ungated));
}

#[test]
fn a_feature_the_spec_lacks_is_an_error_that_lists_them() {
    let err = Config::new().features(["pet"]).generate_str(&fixture(), "spec.yaml").unwrap_err().to_string();
    assert_eq!(err, "no feature \"pet\" in the spec; its features are `full`, other-operations, other-schemas, pet-stores, pets");
}

/// The top-level modules of generated code, by name, each as its text.
fn modules(code: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in code.lines() {
        if let Some(name) = line.strip_prefix("pub mod ").and_then(|l| l.strip_suffix(" {")) {
            current = Some((name.to_owned(), String::new()));
        }
        if let Some((_, text)) = &mut current {
            text.push_str(line);
            text.push('\n');
            if line == "}" {
                out.extend(current.take());
            }
        }
    }
    out
}

/// A build of some features models only what they reach (`model::features`,
/// "Building only what is on"), and each model module it has is the one a
/// full build has, word for word: same names, docs and readers.
#[test]
fn a_slice_models_only_what_it_reaches_and_each_item_is_the_full_builds() {
    let spec = fixture();
    let full = Config::new().features(["full"]).generate_str(&spec, "s").unwrap();
    let pets = Config::new().features(["pets"]).generate_str(&spec, "s").unwrap();
    // Store, Orphan, Audit and the stores' bodies are not even modelled.
    assert!(pets.report.types < full.report.types, "{} < {}", pets.report.types, full.report.types);
    let names = |r: &openapi_codegen::Report| r.features.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&pets.report), names(&full.report));
    let full_modules = modules(&full.code);
    let sliced = modules(&pets.code);
    assert!(sliced.iter().any(|(name, _)| name == "owner"), "{sliced:?}");
    for (name, text) in sliced.iter().filter(|(name, _)| !["operations", "api", "__serde"].contains(&name.as_str())) {
        let whole = full_modules.iter().find(|(n, _)| n == name).map(|(_, t)| t.as_str());
        assert_eq!(Some(text.as_str()), whole, "module {name}");
    }
}

/// Names are claimed for every schema of the spec, built or not: a schema
/// whose name collides with one that the slice leaves out keeps the name the
/// full build gives it.
#[test]
fn a_slice_keeps_the_names_of_the_full_build() {
    let spec = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /t:
    get:
      operationId: getT
      tags: [T]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing_v1'}}}}}
components:
  schemas:
    Thing_v1: {type: object, properties: {a: {type: string}}}
    Thing.v1: {type: object, properties: {b: {type: string}}}
";
    let full = Config::new().features(["full"]).generate_str(spec, "s").unwrap().code;
    let t = Config::new().features(["t"]).generate_str(spec, "s").unwrap().code;
    // `Thing.v1` sorts first, so it has the plain name in both.
    assert!(full.contains("pub struct ThingV1 ") && full.contains("pub struct ThingV12 "), "{full}");
    assert!(t.contains("pub struct ThingV12 ") && !t.contains("pub struct ThingV1 "), "{t}");
    let module = |code: &str| modules(code).into_iter().find(|(_, text)| text.contains("pub struct ThingV12 ")).map(|(_, text)| text);
    assert_eq!(module(&t), module(&full));
}

/// A name configured for a schema that a slice leaves out is not an error
/// in that slice (a full build still checks it); a name for nothing at all
/// is an error in every build.
#[test]
fn a_slice_leaves_names_for_what_it_does_not_build() {
    let spec = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a: {get: {operationId: getA, tags: [A], responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}}}
  /b: {get: {operationId: getB, tags: [B], responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/B'}}}}}}}
components:
  schemas:
    A: {type: object, properties: {x: {type: string}}}
    B: {type: object, properties: {place: {type: object, properties: {city: {type: string}}}}}
";
    let named =
        |features: &[&str]| Config::new().name_schema("#/components/schemas/B/properties/place", "Place").features(features.to_vec()).generate_str(spec, "s");
    assert!(!named(&["a"]).unwrap().code.contains("Place"));
    assert!(named(&["b"]).unwrap().code.contains("pub struct Place "));
    assert!(named(&["full"]).unwrap().code.contains("pub struct Place "));
    let typo = Config::new().name_schema("#/components/schemas/C/properties/place", "Place").features(["a"]).generate_str(spec, "s");
    match typo {
        Err(e) => assert!(e.to_string().contains("no inline schema that needs a type is there"), "{e}"),
        Ok(_) => panic!("a name for nothing must be an error"),
    }
}
