//! Property test: the generator never panics, and whatever it accepts is Rust.
//!
//! Each case starts from one of the golden fixtures' specs
//! (`codegen/tests/fixtures/*/spec.yaml`), applies a few random mutations to
//! its JSON tree (replace, delete, copy, rename, retype, wrap in a union,
//! point a `$ref` somewhere, add an enum) or to its text (flip, cut, insert
//! bytes), and runs `Config::generate_str` on the result. It must return,
//! not panic; and an accepted spec's output must parse with `syn`. (That it
//! also compiles is what the goldens and the hostile corpus check, with rustc.)
//!
//! The seed and the count are fixed, so CI runs the same cases every time and
//! within its budget: `PROPERTY_CASES=100000 PROPERTY_SEED=7 cargo test -p
//! openapi-codegen --release --test property -- --nocapture` runs more. A
//! failure prints its seed, case number and the spec, to rerun it alone.

use openapi_codegen::Config;
use serde_json::{json, Map, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Cases per run in CI (about 25 s in a debug build on a 2-core machine).
const DEFAULT_CASES: u64 = 2_000;
const DEFAULT_SEED: u64 = 0x5eed_0f0a_710c;

/// xorshift64*: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "r#type",
    "",
    " ",
    "a-b",
    "a_b",
    "A B",
    "Ünïcødé",
    "日本",
    "0start",
    "__serde",
    "extra",
    "Unknown",
    "Other",
    "new",
    "default",
    "$ref",
    "~1/",
    "properties",
    "None",
    "Some",
    "String",
    "Vec",
    "Option",
];
const TYPES: &[&str] = &["string", "integer", "number", "boolean", "array", "object", "null", "strin", ""];
const KEYWORDS: &[&str] = &[
    "type",
    "properties",
    "items",
    "required",
    "enum",
    "const",
    "allOf",
    "anyOf",
    "oneOf",
    "additionalProperties",
    "nullable",
    "discriminator",
    "$ref",
    "format",
    "description",
    "title",
    "default",
    "not",
    "x-stainless-const",
];

fn random_scalar(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.next() as i64),
        3 => json!(-1.5e300),
        4 => json!(*rng.pick(TYPES)),
        5 => json!(*rng.pick(NAMES)),
        6 => json!("x".repeat(rng.below(300))),
        _ => json!(rng.below(10)),
    }
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    if depth > 3 {
        return random_scalar(rng);
    }
    match rng.below(4) {
        0 => Value::Array((0..rng.below(4)).map(|_| random_value(rng, depth + 1)).collect()),
        1 => {
            let mut m = Map::new();
            for _ in 0..rng.below(4) {
                m.insert(rng.pick(KEYWORDS).to_string(), random_value(rng, depth + 1));
            }
            Value::Object(m)
        }
        _ => random_scalar(rng),
    }
}

/// The JSON pointers of every node, for picking one.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                pointers(child, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn mutate(doc: &mut Value, rng: &mut Rng) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let at = rng.pick(&all).clone();
    let other = rng.pick(&all).clone();
    let copy = doc.pointer(&other).cloned().unwrap_or(Value::Null);
    let Some(node) = doc.pointer_mut(&at) else { return };
    match rng.below(9) {
        // Replace with anything.
        0 => *node = random_value(rng, 0),
        // Delete a key or an item.
        1 => match node {
            Value::Object(m) if !m.is_empty() => {
                let key = m.keys().nth(rng.below(m.len())).cloned().unwrap_or_default();
                m.remove(&key);
            }
            Value::Array(items) if !items.is_empty() => {
                items.remove(rng.below(items.len()));
            }
            _ => *node = Value::Null,
        },
        // Copy another subtree here (often a schema into a schema's place).
        2 => *node = copy,
        // Rename a key.
        3 => {
            if let Value::Object(m) = node {
                if let Some(key) = m.keys().nth(rng.below(m.len())).cloned() {
                    let v = m.remove(&key).unwrap_or(Value::Null);
                    m.insert(rng.pick(NAMES).to_string(), v);
                }
            }
        }
        // Retype.
        4 => {
            if let Value::Object(m) = node {
                m.insert("type".into(), json!(*rng.pick(TYPES)));
            }
        }
        // Wrap in a union, or an allOf, with a copy of somewhere else.
        5 => {
            let key = *rng.pick(&["anyOf", "oneOf", "allOf"]);
            *node = json!({ key: [node.clone(), copy, {"type": "null"}] });
        }
        // A reference: to a component, to anywhere, to nothing, to itself.
        6 => {
            let target = match rng.below(4) {
                0 => format!("#{other}"),
                1 => format!("#{at}"),
                2 => "#/components/schemas/Nope/properties/x".to_owned(),
                _ => format!("#/components/schemas/{}", rng.pick(NAMES)),
            };
            *node = json!({ "$ref": target });
        }
        // An enum of mixed values, duplicates included.
        7 => {
            if let Value::Object(m) = node {
                let values: Vec<Value> = (0..rng.below(6)).map(|_| random_scalar(rng)).collect();
                let mut values = values;
                if let Some(first) = values.first().cloned() {
                    values.push(first);
                }
                m.insert("enum".into(), Value::Array(values));
            }
        }
        // A property or a required name that is hostile.
        _ => {
            if let Value::Object(m) = node {
                let props = m.entry("properties").or_insert_with(|| json!({}));
                if let Value::Object(props) = props {
                    props.insert(rng.pick(NAMES).to_string(), random_value(rng, 1));
                }
                m.insert("required".into(), json!([*rng.pick(NAMES)]));
            }
        }
    }
}

fn mutate_text(text: &str, rng: &mut Rng) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(3) {
        if bytes.is_empty() {
            break;
        }
        let i = rng.below(bytes.len());
        match rng.below(4) {
            0 => bytes[i] = b"{}[]:-'\"\n\t &*!|>#,"[rng.below(18)],
            1 => bytes.truncate(i),
            2 => bytes.insert(i, rng.next() as u8),
            _ => {
                let end = (i + rng.below(40)).min(bytes.len());
                let chunk = bytes[i..end].to_vec();
                bytes.splice(i..i, chunk);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn fixtures() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("the fixtures")
        .filter_map(|e| {
            let path = e.ok()?.path().join("spec.yaml");
            let text = std::fs::read_to_string(&path).ok()?;
            Some((path.parent()?.file_name()?.to_string_lossy().into_owned(), text))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn mutated_specs_never_panic_and_accepted_ones_are_rust() {
    let cases: u64 = std::env::var("PROPERTY_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_CASES);
    let seed: u64 = std::env::var("PROPERTY_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_SEED);
    let fixtures = fixtures();
    assert!(fixtures.len() >= 5, "the fixtures are the seeds of this test");
    let trees: Vec<Value> = fixtures.iter().map(|(_, text)| Config::new().load_str(text, "spec.yaml").expect("a fixture parses").value().clone()).collect();
    // A panic is reported here, with its case; keep the default hook quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let (mut accepted, mut refused) = (0u64, 0u64);
    let mut failures = Vec::new();
    // `PROPERTY_FROM=N PROPERTY_CASES=1 PROPERTY_TRACE=1` prints case N's spec
    // before running it: how to see a case that overflows the stack.
    let from: u64 = std::env::var("PROPERTY_FROM").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let trace = std::env::var_os("PROPERTY_TRACE").is_some();
    for case in from..from + cases {
        let mut rng = Rng(seed ^ case.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let k = rng.below(fixtures.len());
        let text = if rng.below(5) == 0 {
            mutate_text(&fixtures[k].1, &mut rng)
        } else {
            let mut doc = trees[k].clone();
            for _ in 0..1 + rng.below(4) {
                mutate(&mut doc, &mut rng);
            }
            serde_json::to_string_pretty(&doc).expect("a JSON tree serializes")
        };
        if trace {
            eprintln!("case {case} (from {}):\n{text}", fixtures[k].0);
        }
        match catch_unwind(AssertUnwindSafe(|| Config::new().generate_str(&text, "spec.yaml"))) {
            Err(panic) => {
                let message = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
                failures.push(format!("case {case} (from {}): panicked: {message:?}\n{text}", fixtures[k].0));
            }
            Ok(Err(_)) => refused += 1,
            Ok(Ok(output)) => {
                accepted += 1;
                if let Err(e) = syn::parse_file(&output.code) {
                    failures.push(format!("case {case} (from {}): output does not parse: {e}\n{text}", fixtures[k].0));
                }
            }
        }
        if failures.len() >= 3 {
            break;
        }
    }
    let _ = std::panic::take_hook();
    println!("property: {cases} cases from seed {seed}: {accepted} accepted, {refused} refused with an error");
    assert!(failures.is_empty(), "PROPERTY_SEED={seed}:\n{}", failures.join("\n\n"));
    // Both outcomes must be exercised, or the mutations are too timid or too wild.
    assert!(cases < 100 || (accepted > cases / 10 && refused > cases / 10), "{accepted} accepted, {refused} refused");
}

/// Found by this test (seed 11): an `allOf` that merges the component holding
/// it built a new copy of itself at every level, until the stack overflowed.
/// It is one type, boxed where it holds itself.
#[test]
fn an_all_of_that_merges_its_own_component_is_a_cycle() {
    let spec = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    TreeNode:\n      type: object\n      properties:\n        parent:\n          allOf:\n            - $ref: '#/components/schemas/TreeNode'\n            - {type: 'null'}\n";
    let code = Config::new().generate_str(spec, "spec.yaml").unwrap().code;
    assert!(code.contains("pub parent: Option<Parent>") && code.contains("pub parent: Option<Box<Parent>>"), "{code}");
}

/// Nesting has bounds, so that no spec overflows a build script's stack (here
/// the parser's, 128 levels of YAML; `model::build` has its own, 200 schemas).
#[test]
fn schemas_nested_beyond_the_bound_are_an_error() {
    let mut schema = "{type: string}".to_owned();
    for _ in 0..300 {
        schema = format!("{{type: object, properties: {{a: {schema}}}}}");
    }
    let spec = format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Deep: {schema}\n");
    let err = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || Config::new().generate_str(&spec, "spec.yaml").unwrap_err().to_string())
        .unwrap()
        .join()
        .unwrap();
    assert!(err.contains("recursion limit exceeded"), "{err}");
}
