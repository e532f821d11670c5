//! Stage 2: OpenAPI 3.1 → the 3.0 shape that the `openapiv3` crate models.
//!
//! `openapiv3` reads OpenAPI 3.0. Real 3.1 documents (OpenAI's, Discord's) use
//! JSON Schema 2020-12 constructs it cannot hold, and often 3.0's `nullable`
//! beside them. This stage rewrites every schema in place so that nothing the
//! later stages need is lost. The mapping, applied recursively to every schema
//! (under `components/schemas` and wherever an object has a `schema` key):
//!
//! | 3.1 construct | becomes |
//! |---|---|
//! | `type: [T, 'null']` | `type: T`, `nullable: true` |
//! | `type: [T1, T2, ...]` | `anyOf: [{type: T1, ...}, {type: T2, ...}]`, each arm with the keywords that apply to its type |
//! | `type: 'null'` | kept; `openapiv3` reads it as an `AnySchema` and the model treats it as the null arm |
//! | `const: v` | `enum: [v]` (a one-value enum is a constant everywhere in the model) |
//! | an `enum` that lists only `null` (`enum: [null]`, `const: null`), whatever its `type` | `type: 'null'` without `enum` or `nullable`: `null` is the only value it admits, so it is the null type (`()`, which reads and writes `null`; an arm a union drops), not an enum with no values |
//! | `examples: [a, ...]` | `example: a` |
//! | `exclusiveMinimum: n` (a number) | `minimum: n`, `exclusiveMinimum: true` (and likewise for maximum) |
//! | integer bounds beyond `i64` (`minimum: -9223372036854776000`) | clamped to `i64::MIN`/`i64::MAX`; they only validate, and `openapiv3` wants `i64` |
//! | `$recursiveRef` / `$dynamicRef` `'#'` | `$ref` to the component schema that contains it |
//! | `$ref` with sibling keys (`description`, `nullable`, ...) | `allOf: [{$ref}]` with the siblings beside it; the model reads a one-arm `allOf` as the reference with those overrides |
//! | schema `true` / `false` | `{}` / `{not: {}}` |
//! | `prefixItems: [...]` without `items` | `items: {anyOf: [...]}` |
//! | a document without `paths` (webhook-only 3.1) | `paths: {}` |

use serde_json::{Map, Value};

use crate::pointer::JsonPointer;

/// Rewrite a parsed 3.0 or 3.1 document into the shape `openapiv3` reads.
pub fn normalize(doc: &mut Value) {
    let Some(root) = doc.as_object_mut() else { return };
    root.entry("paths").or_insert_with(|| Value::Object(Map::new()));
    if let Some(Value::Object(schemas)) = root.get_mut("components").and_then(|c| c.get_mut("schemas")) {
        // Each schema on its own, on every core (a build script's largest
        // steps are spread so, `crate::cores`).
        let mut schemas: Vec<(&String, &mut Value)> = schemas.iter_mut().collect();
        crate::cores::for_each_mut(&mut schemas, |(name, schema)| schema_at(schema, JsonPointer::component_schema(name).as_str()));
    }
    // Schemas of parameters, media types and headers, anywhere else.
    for (key, value) in root.iter_mut() {
        if key != "components" {
            find_schemas(value, "#");
        }
    }
    if let Some(Value::Object(components)) = root.get_mut("components") {
        for (key, value) in components.iter_mut() {
            if key != "schemas" {
                find_schemas(value, "#");
            }
        }
    }
}

fn find_schemas(v: &mut Value, recursive_root: &str) {
    match v {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key == "schema" && (value.is_object() || value.is_boolean()) {
                    schema_at(value, recursive_root);
                } else {
                    find_schemas(value, recursive_root);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| find_schemas(i, recursive_root)),
        _ => {}
    }
}

/// Normalize one schema; `root` is the pointer `$recursiveRef: '#'` resolves to.
fn schema_at(v: &mut Value, root: &str) {
    if let Value::Bool(b) = v {
        *v = if *b { Value::Object(Map::new()) } else { serde_json::json!({"not": {}}) };
        return;
    }
    let Value::Object(map) = v else { return };

    for key in ["$recursiveRef", "$dynamicRef"] {
        if let Some(target) = map.remove(key) {
            let target = match target.as_str() {
                Some("#") | None => root.to_owned(),
                Some(other) => other.to_owned(),
            };
            map.entry("$ref").or_insert(Value::String(target));
        }
    }
    map.remove("$recursiveAnchor");
    map.remove("$dynamicAnchor");

    if map.contains_key("$ref") && map.len() > 1 {
        let reference = map.remove("$ref").unwrap_or(Value::Null);
        let mut arm = Map::new();
        arm.insert("$ref".into(), reference);
        let mut all_of = vec![Value::Object(arm)];
        if let Some(Value::Array(existing)) = map.remove("allOf") {
            all_of.extend(existing);
        }
        map.insert("allOf".into(), Value::Array(all_of));
    }

    if let Some(c) = map.remove("const") {
        map.entry("enum").or_insert_with(|| Value::Array(vec![c]));
    }
    if map.get("enum").and_then(Value::as_array).is_some_and(|values| !values.is_empty() && values.iter().all(Value::is_null)) {
        map.remove("enum");
        map.remove("nullable");
        map.insert("type".into(), Value::String("null".into()));
    }
    if let Some(Value::Array(mut examples)) = map.remove("examples") {
        if !map.contains_key("example") && !examples.is_empty() {
            map.insert("example".into(), examples.swap_remove(0));
        }
    }
    for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(n) = map.get(exclusive).filter(|v| v.is_number()).cloned() {
            map.insert(bound.into(), n);
            map.insert(exclusive.into(), Value::Bool(true));
        }
    }
    if let Some(Value::Array(prefix)) = map.remove("prefixItems") {
        map.entry("items").or_insert_with(|| serde_json::json!({ "anyOf": prefix }));
    }

    if let Some(Value::Array(types)) = map.get("type").cloned() {
        let mut types: Vec<Value> = types;
        let had_null = types.iter().any(|t| t == "null");
        types.retain(|t| t != "null");
        if had_null && !types.is_empty() {
            map.insert("nullable".into(), Value::Bool(true));
        }
        match types.len() {
            0 => {
                map.insert("type".into(), Value::String("null".into()));
            }
            1 => {
                map.insert("type".into(), types.swap_remove(0));
            }
            _ => split_types(map, types),
        }
    }

    if map.get("type").and_then(Value::as_str) == Some("integer") {
        for bound in ["minimum", "maximum", "multipleOf"] {
            if let Some(Value::Number(n)) = map.get(bound) {
                if n.as_i64().is_none() {
                    let f = n.as_f64().unwrap_or(0.0);
                    let clamped = if f.fract() == 0.0 && f.abs() < 9.2e18 {
                        f as i64
                    } else if f < 0.0 {
                        i64::MIN
                    } else {
                        i64::MAX
                    };
                    map.insert(bound.into(), Value::from(clamped));
                }
            }
        }
    }

    // Recurse into every position that holds schemas.
    for key in ["items", "not", "additionalProperties", "contains", "propertyNames", "if", "then", "else"] {
        if let Some(sub) = map.get_mut(key) {
            // `additionalProperties: false/true` is valid 3.0 and means what it says.
            if key == "additionalProperties" && sub.is_boolean() {
                continue;
            }
            schema_at(sub, root);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(arms)) = map.get_mut(key) {
            arms.iter_mut().for_each(|a| schema_at(a, root));
        }
    }
    for key in ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"] {
        if let Some(Value::Object(props)) = map.get_mut(key) {
            props.values_mut().for_each(|p| schema_at(p, root));
        }
    }
}

/// `type: [string, integer]` → `anyOf` of one arm per type, each arm taking the
/// keywords that belong to its type.
fn split_types(map: &mut Map<String, Value>, types: Vec<Value>) {
    map.remove("type");
    let mut arms = Vec::new();
    for t in types {
        let name = t.as_str().unwrap_or_default().to_owned();
        let own: &[&str] = match name.as_str() {
            "object" => &["properties", "required", "additionalProperties", "minProperties", "maxProperties"],
            "array" => &["items", "minItems", "maxItems", "uniqueItems"],
            "string" => &["format", "pattern", "minLength", "maxLength"],
            "integer" | "number" => &["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
            _ => &[],
        };
        let mut arm = Map::new();
        arm.insert("type".into(), t.clone());
        for key in own {
            if let Some(v) = map.get(*key) {
                arm.insert((*key).into(), v.clone());
            }
        }
        if let Some(Value::Array(values)) = map.get("enum") {
            let fits: Vec<Value> = values.iter().filter(|v| json_type_matches(v, &name)).cloned().collect();
            if !fits.is_empty() {
                arm.insert("enum".into(), Value::Array(fits));
            }
        }
        arms.push(Value::Object(arm));
    }
    for key in [
        "properties",
        "required",
        "additionalProperties",
        "minProperties",
        "maxProperties",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "format",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "enum",
    ] {
        map.remove(key);
    }
    map.insert("anyOf".into(), Value::Array(arms));
}

fn json_type_matches(v: &Value, t: &str) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn norm(schema: Value) -> Value {
        let mut doc = json!({"openapi": "3.1.0", "components": {"schemas": {"S": schema}}});
        normalize(&mut doc);
        doc["components"]["schemas"]["S"].take()
    }

    #[test]
    fn mapping_table() {
        assert_eq!(norm(json!({"type": ["string", "null"]})), json!({"type": "string", "nullable": true}));
        assert_eq!(
            norm(json!({"type": ["string", "integer"], "format": "int64"})),
            json!({"anyOf": [{"type": "string", "format": "int64"}, {"type": "integer", "format": "int64"}]})
        );
        assert_eq!(norm(json!({"const": "batch"})), json!({"enum": ["batch"]}));
        assert_eq!(norm(json!({"type": "string", "examples": ["a", "b"]})), json!({"type": "string", "example": "a"}));
        assert_eq!(norm(json!({"type": "number", "exclusiveMinimum": 0})), json!({"type": "number", "minimum": 0, "exclusiveMinimum": true}));
        assert_eq!(norm(json!({"type": "integer", "minimum": -9223372036854776000.0_f64})), json!({"type": "integer", "minimum": i64::MIN}));
        assert_eq!(norm(json!({"items": {"$recursiveRef": "#"}})), json!({"items": {"$ref": "#/components/schemas/S"}}));
        assert_eq!(
            norm(json!({"$ref": "#/components/schemas/T", "description": "mine"})),
            json!({"allOf": [{"$ref": "#/components/schemas/T"}], "description": "mine"})
        );
        assert_eq!(norm(json!({"properties": {"a": true}})), json!({"properties": {"a": {}}}));
        assert_eq!(norm(json!({"type": ["null"]})), json!({"type": "null"}));
        assert_eq!(norm(json!({"enum": [null]})), json!({"type": "null"}));
        assert_eq!(norm(json!({"const": null, "description": "d"})), json!({"type": "null", "description": "d"}));
        assert_eq!(norm(json!({"type": ["string", "null"], "enum": [null, null]})), json!({"type": "null"}));
        assert_eq!(norm(json!({"type": "string", "nullable": true, "enum": [null]})), json!({"type": "null"}));
        assert_eq!(norm(json!({"enum": ["a", null]})), json!({"enum": ["a", null]}));
    }

    #[test]
    fn schemas_outside_components_are_found() {
        let mut doc = json!({"paths": {"/a": {"get": {"parameters": [{"schema": {"type": ["integer", "null"]}}]}}}});
        normalize(&mut doc);
        assert_eq!(doc["paths"]["/a"]["get"]["parameters"][0]["schema"], json!({"type": "integer", "nullable": true}));
    }
}
