//! The settings that shape the generated code (issue 17), each on a small
//! spec: what a path selects, what the user's types replace, and the error
//! for a path that selects nothing.

use openapi_codegen::Config;

const SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [Pets]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}
components:
  schemas:
    Pet:
      type: object
      required: [id, born]
      properties:
        id: {type: string, format: uuid}
        born: {type: integer, format: unixtime}
        seen: {type: integer, format: unixtime}
        kind: {type: string, enum: [cat, dog], format: uuid}
        tags: {$ref: '#/components/schemas/Tags'}
        home: {type: object, properties: {city: {type: string}}}
    Tags: {type: object, additionalProperties: {type: string}}
    Name: {type: string}
";

fn code(config: &mut Config) -> String {
    config.generate_str(SPEC, "s").unwrap_or_else(|e| panic!("{e}")).code
}

fn error(config: &mut Config) -> String {
    match config.generate_str(SPEC, "s") {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn type_attribute_selects_by_name_pointer_or_everything() {
    let by_name = code(Config::new().type_attribute("Pet", "#[derive(Hash)]"));
    assert_eq!(by_name.matches("#[derive(Hash)]").count(), 1, "{by_name}");
    assert!(by_name.contains("#[derive(Hash)]\n    #[derive(Debug, Clone, PartialEq)]\n    pub struct Pet {"), "{by_name}");
    let by_pointer = code(Config::new().type_attribute("#/components/schemas/Pet/properties/home", "#[non_exhaustive]"));
    assert!(by_pointer.contains("#[non_exhaustive]\n    #[derive(Debug, Clone, Default, PartialEq)]\n    pub struct Home {"), "{by_pointer}");
    // `.`: every struct and enum made from a schema, and no alias (`Name`
    // and `Tags` are aliases).
    let all = code(Config::new().type_attribute(".", "#[doc(alias = \"x\")]"));
    assert_eq!(all.matches("#[doc(alias = \"x\")]").count(), 3, "{all}");
    assert!(all.contains("#[doc(alias = \"x\")]\n    #[derive(Debug, Clone, PartialEq, Eq, Hash)]\n    pub enum Kind {"), "{all}");
}

#[test]
fn field_attribute_selects_by_schema_and_property_or_pointer() {
    let dotted = code(Config::new().field_attribute("Pet.seen", "#[doc(alias = \"last_seen\")]"));
    assert!(dotted.contains("#[doc(alias = \"last_seen\")]\n        pub seen:"), "{dotted}");
    let pointer = code(Config::new().field_attribute("#/components/schemas/Pet/properties/id", "#[doc(alias = \"key\")]"));
    assert!(pointer.contains("#[doc(alias = \"key\")]\n        pub id: String,"), "{pointer}");
}

#[test]
fn a_path_that_selects_nothing_is_an_error_that_names_it() {
    assert_eq!(error(Config::new().type_attribute("Pett", "#[derive(Hash)]")), "type_attribute: \"Pett\" selects no struct or enum");
    assert_eq!(error(Config::new().type_attribute("Name", "#[derive(Hash)]")), "type_attribute: \"Name\" selects no struct or enum");
    assert_eq!(error(Config::new().field_attribute("Pet.nope", "#[doc(hidden)]")), "field_attribute: \"Pet.nope\" selects no field");
    assert_eq!(error(Config::new().extern_type("Pets", "crate::Pets")), "extern_type: no schema at #/components/schemas/Pets");
    assert_eq!(error(Config::new().format_type("date-time", "crate::Time")), "format_type: no string, integer or number schema has format \"date-time\"");
    assert!(error(Config::new().type_attribute("Pet", "derive(Hash)")).starts_with("type_attribute(\"Pet\", \"derive(Hash)\"): not Rust attributes"));
    assert!(error(Config::new().extern_type("Tags", "crate::Tags<")).starts_with("extern_type(\"Tags\", \"crate::Tags<\"): not a Rust type"));
}

#[test]
fn a_serde_attribute_is_an_error_the_types_write_their_own_impls() {
    let field = error(Config::new().field_attribute("Pet.seen", "#[serde(skip_serializing)]"));
    assert!(field.starts_with("field_attribute(\"Pet.seen\", \"#[serde(skip_serializing)]\"): serde's attributes do not apply"), "{field}");
    let ty = error(Config::new().type_attribute("Pet", "#[doc(alias = \"p\")] #[serde(deny_unknown_fields)]"));
    assert!(ty.starts_with("type_attribute(\"Pet\", ") && ty.contains("serde's attributes do not apply"), "{ty}");
}

#[test]
fn extern_type_replaces_a_schema_and_every_reference_to_it() {
    let code = code(Config::new().extern_type("Tags", "crate::my::Tags").extern_type("#/components/schemas/Pet/properties/home", "crate::my::Home"));
    // Not generated: the crate's name is an alias of the user's type.
    assert!(code.contains("pub type Tags = crate::my::Tags;"), "{code}");
    assert!(code.contains("pub tags: Option<crate::my::Tags>,"), "{code}");
    assert!(code.contains("pub home: Option<crate::my::Home>,"), "{code}");
    assert!(!code.contains("struct Home"), "{code}");
}

#[test]
fn format_type_maps_every_scalar_of_that_format_but_enums() {
    let code = code(Config::new().format_type("unixtime", "crate::my::Time").format_type("uuid", "crate::my::Uuid"));
    assert!(code.contains("pub born: crate::my::Time,"), "{code}");
    assert!(code.contains("pub seen: Option<crate::my::Time>,"), "{code}");
    assert!(code.contains("pub id: crate::my::Uuid,"), "{code}");
    // An enum keeps its values whatever its format.
    assert!(code.contains("pub kind: Option<Kind>,"), "{code}");
    // `new` takes the user's type for a required field.
    assert!(code.contains("id: impl Into<crate::my::Uuid>, born: impl Into<crate::my::Time>"), "{code}");
    // A slice without such a schema is no error (the full build checks).
    assert!(Config::new().format_type("date-time", "crate::Time").features(["pets"]).generate_str(SPEC, "s").is_ok());
}

#[test]
fn operations_false_leaves_out_the_operations() {
    let with = code(&mut Config::new());
    assert!(with.contains("pub mod operations") && with.contains("pub mod api"));
    let without = code(Config::new().operations(false));
    assert!(!without.contains("pub mod operations") && !without.contains("pub mod api") && !without.contains("ListPets"), "{without}");
    assert!(without.contains("pub struct Pet {"));
}
