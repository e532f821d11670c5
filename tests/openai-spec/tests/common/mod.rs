//! Helpers shared by the tests that round-trip the spec's examples: loading the
//! spec, lenient JSON parsing, and JSON comparison with a readable difference.

use serde_json::Value;

/// The spec the build generated, or `None` (saying why) when it was skipped.
pub fn spec() -> Option<Value> {
    if let Some(why) = openai_spec_check::SKIPPED {
        eprintln!("skipped: {why}");
        return None;
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/specs/openai/openapi.yaml");
    let text = std::fs::read_to_string(path).expect("the spec the build used is readable");
    Some(openapi_codegen::Config::new().load_str(&text, "openapi.yaml").expect("the spec parses").value().clone())
}

/// Every operation's examples (`x-oaiMeta.examples`, one object or a list),
/// as `(operationId, its examples)`, in spec order.
pub fn operation_examples(spec: &Value) -> Vec<(&str, Vec<&Value>)> {
    let mut out = Vec::new();
    for item in spec["paths"].as_object().expect("paths").values() {
        for op in item.as_object().into_iter().flat_map(|m| m.values()) {
            let Some(id) = op.get("operationId").and_then(Value::as_str) else { continue };
            let examples = &op["x-oaiMeta"]["examples"];
            let list: Vec<&Value> = match examples {
                Value::Array(items) => items.iter().collect(),
                Value::Object(_) => vec![examples],
                _ => continue,
            };
            out.push((id, list));
        }
    }
    out
}

/// Parse JSON, forgiving trailing commas.
pub fn lenient_json(text: &str) -> Option<Value> {
    if let Ok(v) = serde_json::from_str(text) {
        return Some(v);
    }
    let mut fixed = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            in_string = c != '"' || escaped;
            escaped = c == '\\' && !escaped;
        } else if c == '"' {
            in_string = true;
        } else if c == ',' && chars[i + 1..].iter().find(|c| !c.is_whitespace()).is_some_and(|&n| n == '}' || n == ']') {
            continue;
        }
        fixed.push(c);
    }
    serde_json::from_str(&fixed).ok()
}

/// The value with object entries that are `null` removed, recursively.
#[allow(dead_code, reason = "each test uses its own subset of these helpers")]
pub fn drop_nulls(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), drop_nulls(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(drop_nulls).collect()),
        other => other.clone(),
    }
}

/// JSON equality where `1` and `1.0` are the same number.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

/// The first path where two values differ, for the failure message.
pub fn first_difference(a: &Value, b: &Value, path: &str) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    None => return format!("{path}/{k}: dropped (was {})", short(v)),
                    Some(w) if !same(v, w) => return first_difference(v, w, &format!("{path}/{k}")),
                    _ => {}
                }
            }
            for (k, w) in y {
                if !x.contains_key(k) {
                    return format!("{path}/{k}: added ({})", short(w));
                }
            }
            format!("{path}: differs")
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find(|(_, (a, b))| !same(a, b)).map(|(i, (a, b))| first_difference(a, b, &format!("{path}/{i}"))).unwrap_or_default()
        }
        _ => format!("{path}: {} became {}", short(a), short(b)),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(120) {
        Some((end, _)) => format!("{}...", &s[..end]),
        None => s,
    }
}
