//! Stage 1: bytes → a JSON value.
//!
//! The document may be YAML or JSON. JSON (text starting with `{`) goes through
//! `serde_json`, everything else through `serde_yaml`, both into one
//! `serde_json::Value` tree so the later stages see one shape.
//!
//! A mapping with the same key twice is an error: YAML and JSON parsers keep
//! one of the two silently, and which one the author meant is anyone's guess.
//!
//! `serde_yaml` reports integers beyond `i64`/`u64` (OpenAI's spec has
//! `minimum: -9223372036854776000`) as `i128`, which `serde_json::Value` refuses.
//! [`JsonValue`] is our own visitor that accepts them as floats, and turns
//! non-string map keys (`200:`, `true:`) into strings, as JSON requires.
//!
//! Positions: parsing keeps no spans (that would slow every build). When an
//! error names a JSON pointer, [`line_of`] finds its line by scanning the text,
//! which is only done on the error path.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

use crate::error::{Error, Result};
use crate::pointer::JsonPointer;

mod split;

/// Parse a YAML or JSON document into a JSON value. A large YAML document
/// is read on every core ([`split`]).
pub fn parse(text: &str) -> Result<Value> {
    if text.trim_start().starts_with('{') {
        let mut de = serde_json::Deserializer::from_str(text);
        let parsed = JsonValue::deserialize(&mut de).and_then(|v| de.end().map(|()| v));
        return parsed.map(|v| v.0).map_err(|e| Error::Syntax { file: None, line: Some(e.line()), message: e.to_string() });
    }
    let cores = crate::cores::count();
    if cores > 1 && text.len() >= split::WORTH_IT {
        if let Some(value) = split::parse(text, cores) {
            return Ok(value);
        }
    }
    parse_yaml(text)
}

/// The whole YAML text read at once, as one parser sees it.
fn parse_yaml(text: &str) -> Result<Value> {
    serde_yaml::from_str::<JsonValue>(text).map(|v| v.0).map_err(|e| Error::Syntax { file: None, line: e.location().map(|l| l.line()), message: e.to_string() })
}

/// A `serde_json::Value` that any self-describing format can produce, including
/// integers wider than 64 bits (kept as the nearest `f64`).
pub struct JsonValue(pub Value);

impl<'de> Deserialize<'de> for JsonValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor).map(JsonValue)
    }
}

struct ValueVisitor;

fn float(f: f64) -> Value {
    // JSON has no NaN or infinity; YAML's `.nan`/`.inf` carry no schema meaning.
    Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML or JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> std::result::Result<Value, E> {
        Ok(float(v as f64))
    }
    fn visit_u128<E>(self, v: u128) -> std::result::Result<Value, E> {
        Ok(float(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(float(v))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(JsonValue(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(Key(k)) = map.next_key()? {
            // Only one of two equal keys would survive, silently: refuse them
            // (here, so that the error's position is the second key's).
            if out.contains_key(&k) {
                return Err(de::Error::custom(format_args!("duplicate key `{k}`")));
            }
            let JsonValue(v) = map.next_value()?;
            out.insert(k, v);
        }
        Ok(Value::Object(out))
    }
}

/// A map key: JSON keys are strings, YAML's may be numbers or booleans.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match d.deserialize_any(ValueVisitor)? {
            Value::String(s) => Ok(Key(s)),
            Value::Null => Ok(Key("null".to_owned())),
            scalar @ (Value::Bool(_) | Value::Number(_)) => Ok(Key(scalar.to_string())),
            _ => Err(de::Error::custom("a map key must be a scalar")),
        }
    }
}

/// The document must say it is OpenAPI 3.0 or 3.1 (`openapi: 3.0.x` or
/// `3.1.x`): Swagger 2.0 and versions this generator does not know are
/// refused by name rather than failing later on some field they lack.
pub fn check_version(doc: &Value) -> Result<()> {
    if let Some(swagger) = doc.get("swagger") {
        let version = swagger.as_str().map_or_else(|| swagger.to_string(), str::to_owned);
        return Err(Error::spec(
            "#/swagger",
            format!("Swagger {version} is not supported: convert the document to OpenAPI 3 first (for example with swagger2openapi)"),
        ));
    }
    match doc.get("openapi") {
        None if doc.is_object() => Err(Error::spec("#", "not an OpenAPI document: it has no `openapi` version")),
        None => Err(Error::spec("#", "not an OpenAPI document: it is not a mapping")),
        Some(Value::String(v)) if v.starts_with("3.0.") || v.starts_with("3.1.") || v == "3.0" || v == "3.1" => Ok(()),
        Some(other) => {
            let version = other.as_str().map_or_else(|| other.to_string(), str::to_owned);
            Err(Error::spec("#/openapi", format!("OpenAPI {version} is not supported: this generator reads 3.0 and 3.1")))
        }
    }
}

/// Read a normalized document as `openapiv3`'s model.
///
/// serde reports a failure inside an untagged enum (a path item, a `$ref`
/// or an object) at the enum, so its message would name only the document,
/// or a whole path item. On failure this looks for the smallest part that
/// fails alone, down to a component, an operation, a parameter, a request
/// body or a response, and names that part's pointer; serde's words for an
/// enum that matched nothing become the keywords the spec expected there
/// ([`spec_words`]).
///
/// `openapiv3` also skips a response whose key is not a status (`99`,
/// `20x`), without a word. Such a key is an error here, so that nothing the
/// spec documents is dropped.
pub fn typed(value: &Value) -> Result<openapiv3::OpenAPI> {
    let whole = match openapiv3::OpenAPI::deserialize(value) {
        Ok(spec) => {
            return match unread_response(value) {
                Some(at) => Err(Error::spec(at, "a response key is a status code (`200`), a range of them (`4XX`) or `default`")),
                None => Ok(spec),
            }
        }
        Err(e) => e,
    };
    let root = JsonPointer::root();
    let found = narrow_components(value, &root).or_else(|| {
        let paths = value.get("paths")?.as_object()?;
        paths.iter().find_map(|(path, item)| narrow_path_item(item, &root.join("paths").join(path)))
    });
    Err(match found {
        Some((at, message)) => Error::spec(at, spec_words(&message)),
        None => Error::spec("#", format!("not an OpenAPI document: {}", spec_words(&whole.to_string()))),
    })
}

/// [`typed`], with the component schemas (the bulk of a large spec) read
/// on every core apart from the rest; the value is left as it was. Any
/// error, and a document without component schemas, goes to [`typed`],
/// which reads it whole and names the part that fails.
pub fn typed_in_parts(value: &mut Value) -> Result<openapiv3::OpenAPI> {
    type Schemas = indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::Schema>>;
    // An empty mapping stands in for them meanwhile, keeping their place.
    let schemas = match value.pointer_mut("/components/schemas") {
        Some(Value::Object(schemas)) => std::mem::take(schemas),
        _ => return typed(value),
    };
    let entries: Vec<(&String, &Value)> = schemas.iter().collect();
    let rest: &Value = value;
    let (rest, read) = crate::cores::join(
        || openapiv3::OpenAPI::deserialize(rest),
        || crate::cores::map(&entries, |(_, schema)| openapiv3::ReferenceOr::<openapiv3::Schema>::deserialize(*schema)),
    );
    let typed_schemas: Option<Schemas> = entries.iter().zip(read).map(|((name, _), schema)| Some(((*name).clone(), schema.ok()?))).collect();
    if let Some(Value::Object(place)) = value.pointer_mut("/components/schemas") {
        *place = schemas;
    }
    match (rest, typed_schemas, unread_response(value)) {
        (Ok(mut spec), Some(typed_schemas), None) => {
            spec.components.get_or_insert_with(Default::default).schemas = typed_schemas;
            Ok(spec)
        }
        _ => typed(value),
    }
}

/// The methods a path item may hold an operation under.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// The first response of an operation in `paths` whose key `openapiv3`
/// would skip: neither `default`, an `x-` extension nor a status.
fn unread_response(doc: &Value) -> Option<JsonPointer> {
    let paths = doc.get("paths")?.as_object()?;
    paths.iter().find_map(|(path, item)| {
        METHODS.iter().find_map(|method| {
            let responses = item.get(*method)?.get("responses")?.as_object()?;
            let key = responses
                .keys()
                .find(|k| *k != "default" && !k.starts_with("x-") && openapiv3::StatusCode::deserialize(Value::String((*k).clone())).is_err())?;
            Some(JsonPointer::root().join("paths").join(path).join(*method).join("responses").join(key))
        })
    })
}

/// The error of reading `value` as a `T`, at `at`.
fn fails<T: de::DeserializeOwned>(value: &Value, at: &JsonPointer) -> Option<(JsonPointer, String)> {
    T::deserialize(value).err().map(|e| (at.clone(), e.to_string()))
}

/// The first component (schema, parameter, request body, response) that
/// does not read.
fn narrow_components(doc: &Value, root: &JsonPointer) -> Option<(JsonPointer, String)> {
    type Ref<T> = openapiv3::ReferenceOr<T>;
    let at = root.join("components");
    let components = doc.get("components")?;
    let each = |kind: &str, read: fn(&Value, &JsonPointer) -> Option<(JsonPointer, String)>| {
        let map = components.get(kind)?.as_object()?;
        map.iter().find_map(|(name, value)| read(value, &at.join(kind).join(name)))
    };
    each("schemas", fails::<Ref<openapiv3::Schema>>)
        .or_else(|| each("parameters", fails::<Ref<openapiv3::Parameter>>))
        .or_else(|| each("requestBodies", fails::<Ref<openapiv3::RequestBody>>))
        .or_else(|| each("responses", fails::<Ref<openapiv3::Response>>))
}

/// The smallest part of a path item that does not read: one of its
/// parameters, or one of its operations (narrowed by [`narrow_operation`]),
/// or else the item.
fn narrow_path_item(item: &Value, at: &JsonPointer) -> Option<(JsonPointer, String)> {
    narrow_parameters(item, at)
        .or_else(|| METHODS.iter().find_map(|m| narrow_operation(item.get(*m)?, &at.join(*m))))
        .or_else(|| fails::<openapiv3::ReferenceOr<openapiv3::PathItem>>(item, at))
}

/// The smallest part of an operation that does not read: a parameter, its
/// request body or a response, or else the operation.
fn narrow_operation(op: &Value, at: &JsonPointer) -> Option<(JsonPointer, String)> {
    type Ref<T> = openapiv3::ReferenceOr<T>;
    let responses = op.get("responses").and_then(Value::as_object).into_iter().flatten();
    narrow_parameters(op, at)
        .or_else(|| fails::<Ref<openapiv3::RequestBody>>(op.get("requestBody")?, &at.join("requestBody")))
        .or_else(|| {
            responses.filter(|(code, _)| !code.starts_with("x-")).find_map(|(code, r)| fails::<Ref<openapiv3::Response>>(r, &at.join("responses").join(code)))
        })
        .or_else(|| fails::<openapiv3::Operation>(op, at))
}

/// The first of the `parameters` of a path item or operation that does not read.
fn narrow_parameters(holder: &Value, at: &JsonPointer) -> Option<(JsonPointer, String)> {
    let mut parameters = holder.get("parameters").and_then(Value::as_array).into_iter().flatten().enumerate();
    parameters.find_map(|(i, p)| fails::<openapiv3::ReferenceOr<openapiv3::Parameter>>(p, &at.join("parameters").join(i)))
}

/// serde's message for an enum none of whose forms matched, in the spec's
/// words: "no variant of enum ParameterSchemaOrContent found in flattened
/// data" becomes "expected a `schema` or a `content`". Other messages are
/// kept as they are.
pub fn spec_words(message: &str) -> String {
    let enum_name = message
        .strip_prefix("data did not match any variant of untagged enum ")
        .or_else(|| message.strip_prefix("no variant of enum ").and_then(|rest| rest.strip_suffix(" found in flattened data")));
    let expected = match enum_name {
        Some("ParameterSchemaOrContent") => "a `schema` or a `content`",
        Some("AdditionalProperties") => "`additionalProperties` as a schema or a boolean",
        Some("ReferenceOr") => "a `$ref` or an object of the kind this place holds",
        _ => return message.to_owned(),
    };
    format!("expected {expected}")
}

/// Attach the file name to `error` and, for a spec error, the line of its
/// pointer in `text`, the file's contents. An error that already names its
/// file (one from a referenced file) keeps it.
pub fn locate(error: Error, path: &std::path::Path, text: &str) -> Error {
    error.locate_with(path, |pointer| JsonPointer::parse(pointer).ok().and_then(|p| line_of(text, &p)))
}

/// The 1-based line where the object at `pointer` starts, found by scanning the
/// text: for YAML by indentation, for JSON by the next `"key":` after the
/// parent's. Best effort: array indices keep the parent's line, and the deepest
/// segment found wins.
pub fn line_of(text: &str, pointer: &JsonPointer) -> Option<usize> {
    let segments: Vec<String> = pointer.segments().map(Into::into).collect();
    if segments.is_empty() {
        return None;
    }
    if text.trim_start().starts_with('{') {
        json_line_of(text, &segments)
    } else {
        yaml_line_of(text, &segments)
    }
}

fn json_line_of(text: &str, segments: &[String]) -> Option<usize> {
    let mut pos = 0;
    let mut found = None;
    for seg in segments {
        if seg.parse::<usize>().is_ok() {
            continue;
        }
        let needle = serde_json::to_string(seg).ok()?;
        let mut from = pos;
        let hit = loop {
            let Some(i) = text[from..].find(&needle) else { break None };
            let at = from + i;
            let after = text[at + needle.len()..].trim_start();
            if after.starts_with(':') {
                break Some(at);
            }
            from = at + needle.len();
        };
        match hit {
            Some(at) => {
                pos = at + needle.len();
                found = Some(text[..at].matches('\n').count() + 1);
            }
            None => break,
        }
    }
    found
}

fn yaml_line_of(text: &str, segments: &[String]) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0;
    let mut parent_indent: isize = -1;
    let mut found = None;
    for seg in segments {
        // Digits are an array index, or a key such as a status code.
        let index = seg.parse::<usize>().is_ok();
        let mut hit = None;
        let mut child_indent = None;
        for (i, line) in lines.iter().enumerate().skip(start) {
            let body = line.trim_start();
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let indent = (line.len() - body.len()) as isize;
            if indent <= parent_indent && i > start {
                break;
            }
            let body = body.trim_start_matches("- ");
            let key_matches = [seg.to_string(), format!("\"{seg}\""), format!("'{seg}'")]
                .iter()
                .any(|k| body.strip_prefix(k.as_str()).is_some_and(|rest| rest.starts_with(':')));
            let child = *child_indent.get_or_insert(indent);
            // Digits are a key only among the parent's own keys, not deeper.
            if key_matches && indent > parent_indent && (!index || indent == child) {
                hit = Some((i, indent));
                break;
            }
        }
        match hit {
            Some((i, indent)) => {
                found = Some(i + 1);
                start = i + 1;
                parent_indent = indent;
            }
            None if index => continue,
            None => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_beyond_i64_become_floats() {
        let v = parse("a:\n  minimum: -9223372036854776000\n  n: 1\n  200: x\n").unwrap();
        assert_eq!(v["a"]["minimum"].as_f64(), Some(-9.223372036854776e18));
        assert_eq!(v["a"]["n"], 1);
        assert_eq!(v["a"]["200"], "x");
    }

    #[test]
    fn json_is_read_as_json() {
        let v = parse("{\"a\": [1, 2.5, null, \"x\"]}").unwrap();
        assert_eq!(v["a"][1], 2.5);
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let Err(Error::Syntax { line, .. }) = parse("a: 1\nb: [\n") else { panic!("expected a syntax error") };
        assert!(line.is_some());
        let Err(Error::Syntax { line, .. }) = parse("{\n\"a\": 1,\n}") else { panic!("expected a syntax error") };
        assert_eq!(line, Some(3));
    }

    /// Read in parts, every fixture and OpenAI's full spec (from
    /// `../shared/specs` beside the workspace; skipped without it, unless
    /// `CI` is set) is what reading it whole gives, and the value is left as
    /// it was; a schema that does not read is the whole read's error.
    #[test]
    fn typed_in_parts_is_typed() {
        for spec in crate::test_specs::fixtures_and_openai() {
            let mut value = parse(&std::fs::read_to_string(&spec).unwrap()).unwrap();
            crate::normalize::normalize(&mut value);
            let before = serde_json::to_string(&value).unwrap();
            let parts = typed_in_parts(&mut value).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
            assert!(parts == typed(&value).unwrap(), "{}", spec.display());
            assert_eq!(serde_json::to_string(&value).unwrap(), before, "{}", spec.display());
        }
        let mut bad = parse(
            "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: object}\n    B: {type: object, required: 1}\n",
        )
        .unwrap();
        let (whole, parts) = (typed(&bad).unwrap_err().to_string(), typed_in_parts(&mut bad).unwrap_err().to_string());
        assert!(whole.contains("#/components/schemas/B"), "{whole}");
        assert_eq!(parts, whole);
    }

    #[test]
    fn pointers_find_their_lines() {
        let yaml = "components:\n  schemas:\n    A:\n      type: object\n    B:\n      properties:\n        'x/y':\n          type: string\n";
        let line_of = |text, pointer| line_of(text, &JsonPointer::parse(pointer).unwrap());
        assert_eq!(line_of(yaml, "#/components/schemas/B"), Some(5));
        assert_eq!(line_of(yaml, "#/components/schemas/B/properties/x~1y"), Some(7));
        // A missing leaf keeps its deepest known ancestor.
        assert_eq!(line_of(yaml, "#/components/schemas/A/properties"), Some(3));
        // Digits are a key where the parent has one (a status code), else an index.
        let yaml = "paths:\n  /a:\n    get:\n      parameters:\n        - name: x\n          0: {}\n      responses:\n        '200':\n          description: ok\n        99: {}\n";
        assert_eq!(line_of(yaml, "#/paths/~1a/get/responses/99"), Some(10));
        assert_eq!(line_of(yaml, "#/paths/~1a/get/responses/200/description"), Some(9));
        assert_eq!(line_of(yaml, "#/paths/~1a/get/parameters/0/name"), Some(5));
        let json = "{\n \"components\": {\n  \"schemas\": {\n   \"A\": {},\n   \"B\": {\"type\": \"string\"}\n  }\n }\n}";
        assert_eq!(line_of(json, "#/components/schemas/B/type"), Some(5));
    }
}
