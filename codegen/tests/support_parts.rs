//! The support module `__serde` holds exactly what the generated readers
//! call, for any spec (`runtime`'s module docs): over a sweep of small specs,
//! every combination of field kinds, `additionalProperties` and reading
//! settings, plus unions and specs without structs, each part of
//! `support.rs` is emitted if and only if some generated code calls it.
//! An item emitted but never called would warn (`dead_code`) in the user's
//! crate; one called but not emitted would not compile. The `support_*`
//! golden fixtures compile a few of these under `#![deny(warnings)]`.

use openapi_codegen::Config;

/// A part of `support.rs`: what shows that it is emitted, and what shows
/// that generated code calls it.
struct Part {
    name: &'static str,
    defined: &'static [&'static str],
    called: &'static [&'static str],
}

const PARTS: &[Part] = &[
    Part {
        name: "struct",
        defined: &["pub trait FromMap", "pub fn deserialize<", "fn skip<", "pub trait Slots<"],
        called: &["__serde::deserialize(deserializer)"],
    },
    Part { name: "keys", defined: &["struct Keys<", "pub const UNKNOWN"], called: &["__serde::read_named(", "__serde::read_keeping("] },
    Part { name: "keys_new", defined: &["fn new(find", "pub fn read_named<"], called: &["__serde::read_named("] },
    Part { name: "keep", defined: &["fn keep<", "fn keeping(find", "keeps: bool", "pub fn read_keeping<"], called: &["__serde::read_keeping("] },
    Part { name: "set", defined: &["fn set<", "fn empty<"], called: &["__serde::Required::<"] },
    Part { name: "read", defined: &["pub struct Optional<"], called: &["__serde::Optional::<"] },
    Part { name: "required", defined: &["fn absent<", "pub struct Required<"], called: &["__serde::Required::<"] },
    Part { name: "constant", defined: &["fn constant<", "fn set_constant<", "pub struct RequiredConstant("], called: &["__serde::RequiredConstant("] },
    Part {
        name: "optional_constant",
        defined: &["fn optional_constant<", "fn read_constant<", "pub struct OptionalConstant("],
        called: &["__serde::OptionalConstant("],
    },
    Part { name: "check_constant", defined: &["fn check<", "struct Constant("], called: &["__serde::RequiredConstant(", "__serde::OptionalConstant("] },
    Part { name: "from_rest", defined: &["pub fn from_rest<"], called: &["__serde::from_rest("] },
    Part { name: "write", defined: &["pub struct Write<", "pub fn write<", "pub fn end("], called: &["__serde::write(serializer)"] },
    Part {
        name: "write_entry",
        defined: &["fn entry<"],
        called: &["__serde::write_field(", "__serde::write_optional(", "__serde::write_rest(", "__serde::write_flatten("],
    },
    Part { name: "write_field", defined: &["pub fn write_field<"], called: &["__serde::write_field("] },
    Part { name: "write_optional", defined: &["pub fn write_optional<"], called: &["__serde::write_optional("] },
    Part { name: "write_rest", defined: &["pub fn write_rest<"], called: &["__serde::write_rest("] },
    Part { name: "write_flatten", defined: &["pub fn write_flatten<"], called: &["__serde::write_flatten("] },
    Part { name: "rank", defined: &["pub fn rank(", "pub struct Shape"], called: &["__serde::rank("] },
    Part { name: "string_enum", defined: &["pub fn string_enum<"], called: &["__serde::string_enum("] },
    Part { name: "buffer", defined: &["pub enum Json", "pub fn reader(", "pub fn to_value("], called: &["__serde::Json"] },
    Part { name: "lookup", defined: &["pub fn get(", "pub fn as_str("], called: &["__serde::Json::as_str", "__serde::rank("] },
    // The reading mode, read by the slots `Required`, `RequiredConstant` and `OptionalConstant`.
    Part { name: "STRICT", defined: &["const STRICT: bool"], called: &["__serde::Required::<", "__serde::RequiredConstant(", "__serde::OptionalConstant("] },
];

/// The `__serde` module and the rest of a generated file.
fn split(code: &str) -> (&str, &str) {
    match code.find("mod __serde {\n") {
        Some(start) => {
            let end = start + code[start..].find("\n}\n").expect("the support module ends") + 3;
            (&code[start..end], &code[end..])
        }
        None => ("", code),
    }
}

/// Every part is emitted iff it is called; every `__serde::` name called is defined.
fn check(name: &str, spec: &str, config: &Config) {
    let code = config.generate_str(spec, "spec.yaml").unwrap_or_else(|e| panic!("[{name}] {e}\n{spec}")).code;
    let (support, rest) = split(&code);
    for part in PARTS {
        let called = part.called.iter().any(|c| rest.contains(c));
        for defined in part.defined {
            assert_eq!(
                support.contains(defined),
                called,
                "[{name}] part `{}`: `{defined}` is {} but {}\n{spec}\n{code}",
                part.name,
                if support.contains(defined) { "emitted" } else { "not emitted" },
                if called { "called" } else { "never called" },
            );
        }
    }
    for (i, _) in rest.match_indices("__serde::") {
        let item: String = rest[i + 9..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let defined = ["fn", "struct", "enum", "trait", "const"].iter().any(|kind| {
            support.contains(&format!("pub {kind} {item}<"))
                || support.contains(&format!("pub {kind} {item}("))
                || support.contains(&format!("pub {kind} {item} "))
                || support.contains(&format!("pub {kind} {item}:"))
        });
        assert!(defined, "[{name}] `__serde::{item}` is called but not emitted\n{code}");
    }
}

fn spec(schemas: &str) -> String {
    format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}")
}

fn configs() -> Vec<(&'static str, Config)> {
    let mut strict = Config::new();
    strict.strict_reading(true);
    let mut drop = Config::new();
    drop.keep_unknown_properties(false);
    let mut both = Config::new();
    both.strict_reading(true).keep_unknown_properties(false);
    vec![("default", Config::new()), ("strict", strict), ("drop_unknown", drop), ("strict_drop_unknown", both)]
}

/// One struct `S` with every subset of these kinds of field, under each
/// `additionalProperties`, in each reading setting.
#[test]
fn struct_readers_use_exactly_the_support_they_get() {
    const KINDS: &[(&str, &str, bool)] = &[
        ("required", "{type: string}", true),
        ("optional", "{type: string}", false),
        ("nullable", "{type: [string, 'null']}", true),
        ("constant", "{const: x}", true),
        ("optional_constant", "{const: y}", false),
    ];
    const EXTRA: &[(&str, &str)] =
        &[("open", ""), ("closed", "      additionalProperties: false\n"), ("typed", "      additionalProperties: {type: integer}\n")];
    // Strict reading changes no struct reader's calls, and dropping unknown
    // properties is `closed` for every struct: two settings cover them.
    let configs: Vec<_> = configs().into_iter().filter(|(name, _)| matches!(*name, "default" | "strict_drop_unknown")).collect();
    // The last bit: a flattened union (`allOf [oneOf [...], {properties}]`).
    for mask in 0..(1u32 << (KINDS.len() + 1)) {
        let flatten = mask & (1 << KINDS.len()) != 0;
        let chosen: Vec<_> = KINDS.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, k)| k).collect();
        for (extra_name, extra) in EXTRA {
            let mut object = format!("      type: object\n{extra}");
            let required: Vec<&str> = chosen.iter().filter(|k| k.2).map(|k| k.0).collect();
            if !required.is_empty() {
                object += &format!("      required: [{}]\n", required.join(", "));
            }
            if !chosen.is_empty() {
                object += "      properties:\n";
                for (name, schema, _) in &chosen {
                    object += &format!("        {name}: {schema}\n");
                }
            }
            let schema = if flatten {
                let arm: String = object.lines().map(|l| format!("    {l}\n")).collect();
                format!(
                    "      allOf:\n        - oneOf: [{{type: object, properties: {{u: {{type: string}}}}}}, {{type: object, properties: {{v: {{type: integer}}}}}}]\n        -\n{arm}"
                )
            } else {
                object
            };
            let spec = spec(&format!("    S:\n{schema}"));
            for (config_name, config) in &configs {
                let names: Vec<&str> = chosen.iter().map(|k| k.0).collect();
                let name = format!("{}{}/{extra_name}/{config_name}", names.join("+"), if flatten { "+flatten" } else { "" });
                check(&name, &spec, config);
            }
        }
    }
}

/// Specs with unions, enums, newtypes, and structs in several kinds at once.
#[test]
fn other_specs_use_exactly_the_support_they_get() {
    let cases: &[(&str, &str)] = &[
        ("enum only", "    E: {type: string, enum: [a, b]}\n"),
        ("integer enum only", "    E: {type: integer, enum: [1, 2]}\n"),
        ("alias only", "    A: {type: array, items: {type: string}}\n"),
        ("newtype only", "    A: {type: array, items: {$ref: '#/components/schemas/A'}}\n"),
        ("scalar union only", "    U:\n      oneOf: [{type: string}, {type: integer}, {type: array, items: {type: string}}]\n"),
        ("closed empty struct", "    C: {type: object, additionalProperties: false}\n"),
        (
            "untagged union of structs",
            "    U:\n      anyOf:\n        - {type: object, required: [a], properties: {a: {type: string}}}\n        - {type: object, required: [b], properties: {b: {type: integer}}}\n",
        ),
        (
            "tagged union, one arm per tag",
            "    U:\n      oneOf:\n        - {type: object, required: [kind], properties: {kind: {const: a}}}\n        - {type: object, required: [kind], properties: {kind: {const: b}, x: {type: string}}}\n",
        ),
        (
            "tagged union, two arms share a tag",
            "    U:\n      oneOf:\n        - {type: object, required: [kind, a], properties: {kind: {enum: [m, n]}, a: {type: string}}}\n        - {type: object, required: [kind, b], properties: {kind: {const: m}, b: {type: string}}}\n",
        ),
        (
            "closed and open structs",
            "    C: {type: object, additionalProperties: false, properties: {a: {type: string}}}\n    O: {type: object, required: [b], properties: {b: {type: string}}}\n",
        ),
    ];
    for (config_name, config) in configs() {
        for (name, schemas) in cases {
            check(&format!("{name}/{config_name}"), &spec(schemas), &config);
        }
    }
}

/// The sweep would prove nothing if the markers above stopped matching the
/// generated text: a spec that calls everything shows every marker.
#[test]
fn the_markers_match_generated_code() {
    let schemas = "    S:\n      allOf:\n        - oneOf:\n            - {type: object, required: [a], properties: {a: {type: string}}}\n            - {type: object, required: [b], properties: {b: {type: string}}}\n        - type: object\n          required: [r, n, c]\n          properties:\n            r: {type: string}\n            o: {type: string}\n            n: {type: [string, 'null']}\n            c: {const: x}\n            k: {const: y}\n    K: {type: object, additionalProperties: false, properties: {a: {type: string}}}\n    O: {type: object, properties: {a: {type: string}}}\n    E: {type: string, enum: [a, b]}\n";
    let code = Config::new().generate_str(&spec(schemas), "spec.yaml").unwrap().code;
    let (support, rest) = split(&code);
    for part in PARTS {
        for defined in part.defined {
            assert!(support.contains(defined), "`{defined}` ({}) is not in\n{support}", part.name);
        }
        assert!(part.called.iter().any(|c| rest.contains(c)), "no call of part {} in\n{rest}", part.name);
    }
}
