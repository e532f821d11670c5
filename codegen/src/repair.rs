//! Stage 1b: the references of a vendor's flawed document made sound, before
//! [`normalize`](crate::normalize) (issue 16).
//!
//! After [`refs`](crate::refs), every `$ref` left points into the document
//! itself. This stage finds those that the model could not follow and
//! repairs each, recording it as a [`Warning`] (the rules: [`crate::flaw`]):
//! - a schema `$ref` that names no schema loses the reference and reads any
//!   JSON;
//! - a schema `$ref` to a response takes that response's schema;
//! - a response `$ref` to a request body takes that body's content.
//!
//! [`Config::strict_spec`](crate::Config::strict_spec) skips this stage, and
//! the model reports the first such reference as the error it is.
//!
//! Only schema positions are searched for schema references: a `schema` key
//! anywhere outside extensions (`x-...`) and examples, each component schema,
//! and, inside a schema, the keywords that hold schemas. A property named
//! `$ref` or an example that holds one is data, and left alone.

use serde_json::{Map, Value};
use std::collections::HashSet;

use crate::flaw::{Flaw, Warning};
use crate::pointer::{component_name, JsonPointer};

/// Repair `doc` in place; what was repaired, in document order.
pub fn repair(doc: &mut Value) -> Vec<Warning> {
    let components = doc.get("components");
    let part = |kind: &str| components.and_then(|c| c.get(kind)).and_then(Value::as_object).cloned().unwrap_or_default();
    let mut repairs = Repairs {
        schemas: components.and_then(|c| c.get("schemas")).and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default(),
        responses: part("responses"),
        request_bodies: part("requestBodies"),
        warnings: Vec::new(),
    };
    repairs.any(doc, &mut JsonPointer::root());
    repairs.warnings
}

/// How many `$ref`s a replacement may follow: a bound on loops of references.
const MAX_HOPS: usize = 16;

struct Repairs {
    schemas: HashSet<String>,
    responses: Map<String, Value>,
    request_bodies: Map<String, Value>,
    warnings: Vec<Warning>,
}

impl Repairs {
    /// Anything that is not a schema: look for `schema` keys and responses.
    fn any(&mut self, v: &mut Value, at: &mut JsonPointer) {
        match v {
            Value::Object(map) => {
                let in_responses = at.segments().nth_back(1).is_some_and(|key| key == "responses");
                if in_responses {
                    self.response(map, at);
                }
                let component_schemas = at.is(&["components", "schemas"]);
                for (key, child) in map.iter_mut() {
                    // Extensions and examples are data; a component schema may have any name.
                    if !component_schemas && (key.starts_with("x-") || key == "example" || key == "examples") {
                        continue;
                    }
                    at.push(key.as_str());
                    if key == "schema" || component_schemas {
                        self.schema(child, at);
                    } else {
                        self.any(child, at);
                    }
                    at.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter_mut().enumerate() {
                    at.push(i);
                    self.any(child, at);
                    at.pop();
                }
            }
            _ => {}
        }
    }

    /// A schema and the schemas inside it.
    fn schema(&mut self, v: &mut Value, at: &mut JsonPointer) {
        let Value::Object(map) = v else { return };
        self.schema_ref(map, at);
        for (key, child) in map.iter_mut() {
            at.push(key.as_str());
            match key.as_str() {
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                    if let Value::Object(named) = child {
                        for (name, schema) in named.iter_mut() {
                            at.push(name.as_str());
                            self.schema(schema, at);
                            at.pop();
                        }
                    }
                }
                "items"
                | "additionalProperties"
                | "not"
                | "contains"
                | "propertyNames"
                | "if"
                | "then"
                | "else"
                | "additionalItems"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "allOf"
                | "anyOf"
                | "oneOf"
                | "prefixItems" => match child {
                    Value::Array(arms) => {
                        for (i, arm) in arms.iter_mut().enumerate() {
                            at.push(i);
                            self.schema(arm, at);
                            at.pop();
                        }
                    }
                    other => self.schema(other, at),
                },
                _ => {}
            }
            at.pop();
        }
    }

    /// A schema's own `$ref`, if the model could not follow it.
    fn schema_ref(&mut self, map: &mut Map<String, Value>, at: &JsonPointer) {
        for _ in 0..MAX_HOPS {
            let Some(Value::String(reference)) = map.get("$ref") else { return };
            if !reference.starts_with('#') || component_name(reference, "schemas").is_ok_and(|name| self.schemas.contains(&name)) {
                return;
            }
            let reference = reference.clone();
            map.remove("$ref");
            let Some(response) = named(&self.responses, &reference, "responses") else {
                self.warnings.push(Warning::new(at, Flaw::UnresolvedSchema { reference }));
                return;
            };
            let schema = response_schema(&self.responses, response);
            self.warnings.push(Warning::new(at, Flaw::SchemaIsResponse { reference, found: schema.is_some() }));
            // The response's schema takes the reference's place; the
            // reference's siblings (a description) win over its keys.
            if let Some(Value::Object(schema)) = schema {
                for (key, value) in schema {
                    map.entry(key).or_insert(value);
                }
            }
            // A `$ref` that came with it is checked in turn.
        }
    }

    /// A response: one given as a `$ref` to a request body takes its content.
    fn response(&mut self, map: &mut Map<String, Value>, at: &JsonPointer) {
        let Some(Value::String(reference)) = map.get("$ref") else { return };
        if named(&self.responses, reference, "responses").is_some() {
            return;
        }
        let Some(mut body) = named(&self.request_bodies, reference, "requestBodies") else { return };
        for _ in 0..MAX_HOPS {
            match body.get("$ref").and_then(Value::as_str).and_then(|r| named(&self.request_bodies, r, "requestBodies")) {
                Some(next) => body = next,
                None => break,
            }
        }
        let reference = reference.clone();
        map.remove("$ref");
        let description = body.get("description").cloned().unwrap_or_else(|| Value::String(String::new()));
        map.entry("description").or_insert(description);
        if let Some(content) = body.get("content") {
            map.insert("content".into(), content.clone());
        }
        self.warnings.push(Warning::new(at, Flaw::ResponseIsRequestBody { reference }));
    }
}

/// The `#/components/{kind}/{name}` that `reference` names, if there is one.
fn named<'m>(map: &'m Map<String, Value>, reference: &str, kind: &str) -> Option<&'m Value> {
    map.get(&component_name(reference, kind).ok()?)
}

/// A response's schema: its `application/json` one, or its only media type's.
fn response_schema<'m>(responses: &'m Map<String, Value>, mut response: &'m Value) -> Option<Value> {
    for _ in 0..MAX_HOPS {
        match response.get("$ref").and_then(Value::as_str).and_then(|r| named(responses, r, "responses")) {
            Some(next) => response = next,
            None => break,
        }
    }
    let content = response.get("content")?.as_object()?;
    let media = match content.get("application/json") {
        Some(json) => json,
        None if content.len() == 1 => content.values().next()?,
        None => return None,
    };
    media.get("schema").cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_missing_schema_reads_any_json_and_keeps_its_description() {
        let mut doc = json!({"components": {"schemas": {
            "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/Nope", "description": "kept"}}},
            "C": {"$ref": "#/components/schemas/A"}
        }}});
        let warnings = repair(&mut doc);
        assert_eq!(
            warnings,
            vec![Warning::new("#/components/schemas/A/properties/b", Flaw::UnresolvedSchema { reference: "#/components/schemas/Nope".into() })]
        );
        assert_eq!(doc["components"]["schemas"]["A"]["properties"]["b"], json!({"description": "kept"}));
        assert_eq!(doc["components"]["schemas"]["C"], json!({"$ref": "#/components/schemas/A"}), "a sound reference is left alone");
    }

    #[test]
    fn a_schema_given_as_a_response_takes_its_json_schema() {
        let mut doc = json!({
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/responses/R"}}}}}}}},
            "components": {
                "schemas": {"S": {"type": "string"}},
                "responses": {
                    "R": {"description": "r", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S"}}}},
                    "Empty": {"description": "nothing"}
                }
            }
        });
        doc["components"]["schemas"]["T"] = json!({"$ref": "#/components/responses/Empty"});
        let warnings = repair(&mut doc);
        assert_eq!(doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"], json!({"$ref": "#/components/schemas/S"}));
        assert_eq!(doc["components"]["schemas"]["T"], json!({}));
        let flaws: Vec<_> = warnings.iter().map(|w| (w.pointer.as_str(), w.flaw.clone())).collect();
        assert_eq!(
            flaws,
            vec![
                (
                    "#/paths/~1a/get/responses/200/content/application~1json/schema",
                    Flaw::SchemaIsResponse { reference: "#/components/responses/R".into(), found: true }
                ),
                ("#/components/schemas/T", Flaw::SchemaIsResponse { reference: "#/components/responses/Empty".into(), found: false }),
            ]
        );
    }

    #[test]
    fn a_response_given_as_a_request_body_takes_its_content() {
        let content = json!({"application/json": {"schema": {"type": "string"}}});
        let mut doc = json!({
            "paths": {"/a": {"post": {"responses": {"200": {"$ref": "#/components/requestBodies/B"}}}}},
            "components": {"requestBodies": {"B": {"description": "a body", "content": content}}}
        });
        let warnings = repair(&mut doc);
        assert_eq!(doc["paths"]["/a"]["post"]["responses"]["200"], json!({"description": "a body", "content": content}));
        assert_eq!(
            warnings,
            vec![Warning::new("#/paths/~1a/post/responses/200", Flaw::ResponseIsRequestBody { reference: "#/components/requestBodies/B".into() })]
        );
    }

    #[test]
    fn data_that_looks_like_a_reference_is_left_alone() {
        let mut doc = json!({
            "paths": {"/a": {"get": {"x-meta": {"$ref": "#/components/schemas/Nope"}, "responses": {"200": {"description": "ok", "content": {
                "application/json": {"example": {"$ref": "#/nowhere"}, "schema": {"type": "object", "properties": {"$ref": {"type": "string"}}}}
            }}}}}}
        });
        let before = doc.clone();
        assert_eq!(repair(&mut doc), vec![]);
        assert_eq!(doc, before);
    }

    #[test]
    fn a_component_schema_may_be_named_like_a_keyword() {
        let mut doc = json!({"components": {"schemas": {"example": {"$ref": "#/components/schemas/Nope"}, "x-a": {"$ref": "#/components/schemas/Nope"}}}});
        let pointers: Vec<String> = repair(&mut doc).into_iter().map(|w| w.pointer).collect();
        assert_eq!(pointers, ["#/components/schemas/example", "#/components/schemas/x-a"]);
    }
}
