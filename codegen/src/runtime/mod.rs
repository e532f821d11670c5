//! The support code every generated crate carries, as its private module
//! `__serde`: the struct readers' shared machinery, the two reading modes,
//! the union arms' ranking and the struct writers' `Write`. It is real Rust, in `support.rs` beside this
//! file, compiled and tested here in both modes (`tests` below), and emitted
//! as text with only the parts that the spec's types use.
//!
//! **Every item emitted is used**, whatever the spec: each item of
//! `support.rs` sits in the part (`// part: NAME` … `// end part`, nested
//! where an item is partly optional, like the fields of `Keys` that only
//! `keep` reads) of the generated calls that use it, and the emitter asks
//! for a part exactly when it emits such a call: the code that prints a
//! call records its [`Part`], and the module is built from the [`Parts`]
//! recorded once every type is printed.
//! A spec without structs or ranked unions gets no `__serde` module. Unused
//! support code would warn (`dead_code`) in the user's crate. Pinned by
//! `tests/support_parts.rs` (every part emitted iff called, over a sweep of
//! specs) and the `support_*` golden fixtures, which compile under
//! `#![deny(warnings)]`.

use proc_macro2::TokenStream;

use crate::error::{Error, Result};

/// The support file, as the generated crate gets it (minus unused parts).
const SOURCE: &str = include_str!("support.rs");

/// An optional part of `support.rs` that generated code calls: the
/// emitter records one whenever it prints a call into it (`emit`'s
/// `Emitter::support_path`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// `FromMap`, `deserialize`, `skip`: a struct's reader.
    Struct,
    /// `read_named`: a struct reader that looks its keys up and skips the others.
    KeysNew,
    /// `Optional`: an `Option` field's slot, read straight into the field.
    Read,
    /// `Required`: a required field's slot, with `set` and the empty values.
    Required,
    /// `RequiredConstant`: a required constant property's slot.
    Constant,
    /// `OptionalConstant`: an optional constant property's slot.
    OptionalConstant,
    /// `read_keeping`: a struct reader that keeps keys it does not name.
    Keep,
    /// `from_rest`: a flattened union.
    FromRest,
    /// `write`, `Write`: a struct's `Serialize`.
    Write,
    /// `write_field`: a field's entry, written.
    WriteField,
    /// `write_optional`: an optional field's entry, written when there.
    WriteOptional,
    /// `write_rest`: the extra map's entries, written.
    WriteRest,
    /// `write_flatten`: a flattened union's entries, written.
    WriteFlatten,
    /// `string_enum`: an open string enum's reader.
    StringEnum,
    /// `Json`: a union's reader, which reads its input into one first.
    Buffer,
    /// `Json::get`, `Json::as_str`: a union that looks a property up (its tag).
    Lookup,
    /// `Shape`/`rank`: a union that tells struct arms apart by their properties.
    Rank,
}

/// Which optional parts of `support.rs` a generated crate uses: a set of
/// [`Part`]s.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Parts(u32);

impl Parts {
    /// These parts and `part`.
    pub fn with(self, part: Part) -> Parts {
        Parts(self.0 | (1 << part as u32))
    }

    /// The parts either uses.
    pub fn or(self, other: Parts) -> Parts {
        Parts(self.0 | other.0)
    }

    /// Whether `part` is one of these.
    pub fn has(self, part: Part) -> bool {
        self.0 & (1 << part as u32) != 0
    }

    /// Whether the part of `support.rs` marked `// part: NAME` is wanted;
    /// `None` for a name no part has.
    fn wants(self, name: &str) -> Option<bool> {
        let has = |part| self.has(part);
        Some(match name {
            "serde" => has(Part::Struct) || has(Part::Buffer) || has(Part::StringEnum),
            "struct" => has(Part::Struct),
            "keys" => has(Part::KeysNew) || has(Part::Keep),
            "keys_new" => has(Part::KeysNew),
            "set" => has(Part::Required),
            "read" => has(Part::Read),
            "required" => has(Part::Required),
            "constant" => has(Part::Constant),
            "optional_constant" => has(Part::OptionalConstant),
            "check_constant" => has(Part::Constant) || has(Part::OptionalConstant),
            "keep" => has(Part::Keep),
            "from_rest" => has(Part::FromRest),
            "write" => has(Part::Write),
            "write_entry" => [Part::WriteField, Part::WriteOptional, Part::WriteRest, Part::WriteFlatten].into_iter().any(has),
            "write_field" => has(Part::WriteField),
            "write_optional" => has(Part::WriteOptional),
            "write_rest" => has(Part::WriteRest),
            "write_flatten" => has(Part::WriteFlatten),
            "string_enum" => has(Part::StringEnum),
            "buffer" => has(Part::Buffer),
            "lookup" => has(Part::Lookup) || has(Part::Rank),
            "rank" => has(Part::Rank),
            _ => return None,
        })
    }

    /// Whether a part that reads the reading mode (`STRICT`) is there.
    fn reads_mode(self) -> bool {
        [Part::Required, Part::Constant, Part::OptionalConstant].into_iter().any(|part| self.has(part))
    }
}

/// The text of `support.rs` without the parts `parts` leaves out, after a
/// `const STRICT` line that sets the reading mode (when a part that reads it
/// is there). A part marker with a name [`Parts`] does not know is an
/// internal error, not a part silently left out.
pub(crate) fn support_source(parts: &Parts, strict: bool) -> Result<String> {
    let mut out = String::new();
    if parts.reads_mode() {
        out.push_str(&format!("const STRICT: bool = {strict};\n"));
    }
    // The parts the current line is in, innermost last: a line is kept when
    // all of them are wanted.
    let mut open: Vec<bool> = Vec::new();
    for line in SOURCE.lines() {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix("// part: ") {
            let wanted = parts.wants(name.trim()).ok_or_else(|| Error::Internal(format!("support.rs has a part {name:?} that the emitter does not know")))?;
            open.push(wanted);
        } else if trimmed == "// end part" {
            open.pop();
        } else if open.iter().all(|&wanted| wanted) && !is_plain_comment(trimmed) {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// Plain comments are for readers of `support.rs`; tokens drop them anyway.
fn is_plain_comment(line: &str) -> bool {
    line.starts_with("//") && !line.starts_with("///")
}

/// The module `__serde`, as tokens; nothing when no part is used.
pub(crate) fn support_module(parts: &Parts, strict: bool) -> Result<TokenStream> {
    if *parts == Parts::default() {
        return Ok(TokenStream::new());
    }
    let body: TokenStream = support_source(parts, strict)?.parse().map_err(|e| Error::Internal(format!("the support code does not tokenize: {e}")))?;
    Ok(quote::quote! {
        /// What the generated types' `Deserialize` impls share.
        #[doc(hidden)]
        mod __serde {
            #body
        }
    })
}

#[cfg(test)]
#[allow(dead_code, reason = "each mode is exercised through the parts the tests use")]
mod tolerant {
    const STRICT: bool = false;
    include!("support.rs");
}

#[cfg(test)]
#[allow(dead_code, reason = "each mode is exercised through the parts the tests use")]
mod strict {
    const STRICT: bool = true;
    include!("support.rs");
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// A struct as the emitter writes one, over either mode's support code.
    macro_rules! reader {
        ($module:ident, $name:ident) => {
            mod $name {
                use super::super::$module as s;
                use serde::de;

                #[derive(Debug, PartialEq)]
                pub struct Item {
                    pub id: String,
                    pub count: i64,
                    pub tags: Vec<String>,
                    pub note: Option<String>,
                    pub kind: std::borrow::Cow<'static, str>,
                    pub mode: Option<std::borrow::Cow<'static, str>>,
                    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
                }

                impl<'de> serde::Deserialize<'de> for Item {
                    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                        s::deserialize(d)
                    }
                }

                impl s::FromMap for Item {
                    const EXPECTING: &'static str = "struct Item";
                    fn from_map<'de, A: de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                        let mut slots = (
                            s::Required::<String>(None, "id"),
                            s::Required::<i64>(None, "count"),
                            s::Required::<Vec<String>>(None, "tags"),
                            s::Optional::<Option<String>>(None),
                            s::RequiredConstant(None, "item", "kind"),
                            s::OptionalConstant(None, "fast", "mode"),
                        );
                        let find = |key: &str| match key {
                            "id" => 0,
                            "count" => 1,
                            "tags" => 2,
                            "note" => 3,
                            "kind" => 4,
                            "mode" => 5,
                            _ => s::UNKNOWN,
                        };
                        let mut extra = std::collections::BTreeMap::new();
                        s::read_keeping(map, &mut slots, find, &mut extra)?;
                        Ok(Item {
                            id: s::Required::value(slots.0),
                            count: s::Required::value(slots.1),
                            tags: s::Required::value(slots.2),
                            note: s::Optional::value(slots.3),
                            kind: s::RequiredConstant::value(slots.4),
                            mode: s::OptionalConstant::value(slots.5),
                            extra,
                        })
                    }
                }

                /// A struct that requires itself: no finite JSON satisfies it.
                #[derive(Debug)]
                #[allow(dead_code, reason = "only reading it is tested")]
                pub struct Endless {
                    pub next: Box<Endless>,
                }

                impl<'de> serde::Deserialize<'de> for Endless {
                    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                        s::deserialize(d)
                    }
                }

                impl s::FromMap for Endless {
                    const EXPECTING: &'static str = "struct Endless";
                    fn from_map<'de, A: de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                        let find = |key: &str| match key {
                            "next" => 0,
                            _ => s::UNKNOWN,
                        };
                        let mut slots = s::Required::<Box<Endless>>(None, "next");
                        s::read_named(map, &mut slots, find)?;
                        Ok(Endless { next: s::Required::value(slots) })
                    }
                }
            }
        };
    }

    reader!(tolerant, tolerant_item);
    reader!(strict, strict_item);

    #[test]
    fn tolerant_reading_takes_empty_values_for_absent_and_null() {
        let item: tolerant_item::Item = serde_json::from_value(json!({"count": null, "note": null})).unwrap();
        assert_eq!(
            item,
            tolerant_item::Item { id: String::new(), count: 0, tags: vec![], note: None, kind: "item".into(), mode: None, extra: Default::default() }
        );
        // From text as well as from a `Value`.
        let item: tolerant_item::Item = serde_json::from_str(r#"{"id": null, "tags": null}"#).unwrap();
        assert_eq!((item.id.as_str(), item.tags.len()), ("", 0));
    }

    #[test]
    fn both_modes_keep_what_arrived() {
        let input = json!({"id": "a", "count": 2, "tags": ["x"], "note": "n", "kind": "item", "mode": "fast", "new": {"k": 1}});
        let t: tolerant_item::Item = serde_json::from_value(input.clone()).unwrap();
        let s: strict_item::Item = serde_json::from_value(input).unwrap();
        assert_eq!((t.id.as_str(), t.count, t.extra["new"].clone()), ("a", 2, json!({"k": 1})));
        assert_eq!((s.id.as_str(), s.count, s.note.as_deref(), s.mode.as_deref()), ("a", 2, Some("n"), Some("fast")));
    }

    #[test]
    fn strict_reading_reports_absent_null_and_other_constants() {
        let absent = serde_json::from_value::<strict_item::Item>(json!({"count": 1, "tags": []})).unwrap_err();
        assert_eq!(absent.to_string(), "missing field `id`");
        let null = serde_json::from_str::<strict_item::Item>(r#"{"id": null, "count": 1, "tags": []}"#).unwrap_err();
        assert!(null.to_string().starts_with("invalid type: null, expected a string"), "{null}");
        let other = serde_json::from_value::<strict_item::Item>(json!({"id": "a", "count": 1, "tags": [], "kind": "thing"})).unwrap_err();
        assert_eq!(other.to_string(), "`kind` is \"thing\", where the spec's constant is \"item\"");
        let other = serde_json::from_value::<strict_item::Item>(json!({"id": "a", "count": 1, "tags": [], "kind": "item", "mode": "slow"})).unwrap_err();
        assert_eq!(other.to_string(), "`mode` is \"slow\", where the spec's constant is \"fast\"");
        // A required constant must be there; an optional one need not.
        let absent = serde_json::from_value::<strict_item::Item>(json!({"id": "a", "count": 1, "tags": []})).unwrap_err();
        assert_eq!(absent.to_string(), "missing field `kind`");
        let null = serde_json::from_value::<strict_item::Item>(json!({"id": "a", "count": 1, "tags": [], "kind": null})).unwrap_err();
        assert_eq!(null.to_string(), "invalid type: null, expected the constant \"item\"");
        let item = serde_json::from_value::<strict_item::Item>(json!({"id": "a", "count": 1, "tags": [], "kind": "item"})).unwrap();
        assert_eq!(item.mode, None);
    }

    #[test]
    fn a_constant_sent_with_another_value_is_kept_when_tolerant() {
        let item: tolerant_item::Item = serde_json::from_value(json!({"kind": "thing"})).unwrap();
        assert_eq!(item.kind, "thing");
        let item: tolerant_item::Item = serde_json::from_value(json!({"kind": null})).unwrap();
        assert_eq!(item.kind, "item");
        // An optional constant: kept as sent, `None` when left out or `null`.
        let item: tolerant_item::Item = serde_json::from_value(json!({"mode": "slow"})).unwrap();
        assert_eq!(item.mode.as_deref(), Some("slow"));
        let item: tolerant_item::Item = serde_json::from_value(json!({"mode": null})).unwrap();
        assert_eq!(item.mode, None);
    }

    #[test]
    fn a_constant_with_the_spec_value_is_borrowed_and_another_owned() {
        use std::borrow::Cow;
        let item: tolerant_item::Item = serde_json::from_str(r#"{"kind": "item", "mode": "fast"}"#).unwrap();
        assert!(matches!((&item.kind, &item.mode), (Cow::Borrowed("item"), Some(Cow::Borrowed("fast")))), "{item:?}");
        // Escaped text reaches the reader as an owned `String`: still the spec's value.
        let item: tolerant_item::Item = serde_json::from_str(r#"{"kind": "it\u0065m", "mode": "f\u0061st"}"#).unwrap();
        assert!(matches!((&item.kind, &item.mode), (Cow::Borrowed("item"), Some(Cow::Borrowed("fast")))), "{item:?}");
        let item: tolerant_item::Item = serde_json::from_str(r#"{"kind": "thing", "mode": "slow"}"#).unwrap();
        assert!(matches!((&item.kind, &item.mode), (Cow::Owned(kind), Some(Cow::Owned(mode))) if kind == "thing" && mode == "slow"), "{item:?}");
        // Written back as it came.
        assert_eq!(serde_json::to_value(&item.kind).unwrap(), json!("thing"));
        // Another JSON type is refused, as a `String` field refuses it.
        let err = serde_json::from_str::<tolerant_item::Item>(r#"{"kind": 1}"#).unwrap_err();
        assert!(err.to_string().starts_with("invalid type: integer `1`, expected a string"), "{err}");
    }

    /// Past eight keys the slots are tuples of full tuples and the rest, as
    /// the emitter nests them (`emit::structs::tree`): each key reaches its
    /// own slot.
    #[test]
    fn keys_past_eight_reach_their_slots() {
        use super::tolerant as s;
        struct Wide(Vec<i64>);
        impl s::FromMap for Wide {
            const EXPECTING: &'static str = "struct Wide";
            fn from_map<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                let o = || s::Optional::<Option<i64>>(None);
                let mut slots = ((o(), o(), o(), o(), o(), o(), o(), o()), (o(), o(), o(), o(), o(), o(), o(), o()), (o(), o(), o()));
                let find = |key: &str| key.strip_prefix('k').and_then(|n| n.parse().ok()).unwrap_or(s::UNKNOWN);
                s::read_named(map, &mut slots, find)?;
                let ((a, b, c, d, e, f, g, h), (i, j, k, l, m, n, o, p), (q, r, t)) = slots;
                let values = [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, t].map(s::Optional::value);
                Ok(Wide(values.iter().map(|v| v.unwrap_or(-1)).collect()))
            }
        }
        impl<'de> serde::Deserialize<'de> for Wide {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                s::deserialize(d)
            }
        }
        // Every key but `k5`, in reverse, each with its own number, and one
        // the struct does not name.
        let text = format!("{{{}, \"other\": 1}}", (0..19).rev().filter(|i| *i != 5).map(|i| format!("\"k{i}\": {i}")).collect::<Vec<_>>().join(", "));
        let wide: Wide = serde_json::from_str(&text).unwrap();
        let expected: Vec<i64> = (0..19).map(|i| if i == 5 { -1 } else { i }).collect();
        assert_eq!(wide.0, expected);
    }

    #[test]
    fn a_struct_that_requires_itself_stops_with_an_error() {
        let err = serde_json::from_value::<tolerant_item::Endless>(json!({})).unwrap_err();
        assert_eq!(err.to_string(), "missing field `next`");
    }

    #[test]
    fn rank_prefers_complete_arms_then_the_most_named_keys() {
        use super::tolerant::{rank, Shape};
        const SHAPES: &[Shape] = &[
            Shape { required: &["a"], known: &["a", "b"], constants: &[] },
            Shape { required: &["a", "c"], known: &["a", "c"], constants: &[] },
            Shape { required: &["x"], known: &["x", "b"], constants: &[("role", "user")] },
        ];
        // A union reads its input into a `Json` first, and ranks that.
        let ranked = |v: serde_json::Value| rank(&serde::Deserialize::deserialize(&v).unwrap(), SHAPES);
        // Both 0 and 1 are complete; 1 requires more.
        assert_eq!(ranked(json!({"a": 1, "c": 2})), vec![1, 0]);
        // Nothing is complete; 0 and 2 both name `b`, and the spec's order breaks the tie.
        assert_eq!(ranked(json!({"b": 1})), vec![0, 2]);
        // A constant sent with another value rules its arm out.
        assert_eq!(ranked(json!({"x": 1, "role": "assistant"})), Vec::<usize>::new());
        assert_eq!(ranked(json!({"x": 1, "role": "user"})), vec![2]);
        // An arm that names none of the keys is not tried; an empty object tries all.
        assert_eq!(ranked(json!({"zzz": 1})), Vec::<usize>::new());
        assert_eq!(ranked(json!({})), vec![0, 1, 2]);
    }

    #[test]
    fn a_buffered_value_reads_types_and_gives_back_the_json_as_it_came() {
        use super::tolerant::Json;
        let text = r#"{"id": "a", "count": 2, "tags": ["x", "y\n"], "note": null, "big": 18446744073709551615, "neg": -3, "f": 1.5, "ok": true, "new": {"k": [1, {}]}, "id": "b"}"#;
        let mut de = serde_json::Deserializer::from_str(text);
        let json: Json = serde::Deserialize::deserialize(&mut de).unwrap();
        // Strings without escapes are borrowed from the input; the others are owned.
        let Json::Object(entries) = &json else { panic!("an object") };
        assert!(matches!(&entries[0].1, Json::Str(std::borrow::Cow::Borrowed("a"))));
        assert!(matches!(&entries[2].1, Json::Array(tags) if matches!(&tags[1], Json::Str(std::borrow::Cow::Owned(_)))));
        // Looked up as a `Value` would be: the last of a repeated key.
        assert_eq!(json.get("id").and_then(Json::as_str), Some("b"));
        assert!(json.get("nothing").is_none() && Json::Null.get("id").is_none());
        assert_eq!(json.to_value(), serde_json::from_str::<serde_json::Value>(text).unwrap());
        // A type reads from it as from the text.
        let item: tolerant_item::Item = serde::Deserialize::deserialize(json.reader()).unwrap();
        assert_eq!(item, serde_json::from_str(text).unwrap());
        assert_eq!(item.extra["new"], json!({"k": [1, {}]}));
        // Errors are `serde_json`'s, as from a `Value`.
        let err = <Vec<String> as serde::Deserialize>::deserialize(json.reader()).unwrap_err();
        assert_eq!(err.to_string(), "invalid type: map, expected a sequence");
        let null = json!(null);
        let empty: Json = serde::Deserialize::deserialize(&null).unwrap();
        assert_eq!(empty.to_value(), null);
    }

    #[test]
    fn unused_parts_are_left_out() {
        use super::{Part, Parts};
        let none = super::support_source(&Parts::default(), false).unwrap();
        assert!(none.trim().is_empty(), "{none}");
        assert!(super::support_module(&Parts::default(), false).unwrap().is_empty());
        let every = [
            Part::Struct,
            Part::KeysNew,
            Part::Read,
            Part::Required,
            Part::Constant,
            Part::OptionalConstant,
            Part::Keep,
            Part::FromRest,
            Part::Write,
            Part::WriteField,
            Part::WriteOptional,
            Part::WriteRest,
            Part::WriteFlatten,
            Part::StringEnum,
            Part::Buffer,
            Part::Lookup,
            Part::Rank,
        ];
        let all = every.into_iter().fold(Parts::default(), Parts::with);
        let text = super::support_source(&all, true).unwrap();
        assert!(text.starts_with("const STRICT: bool = true;\n"));
        assert!(text.contains("fn rank") && text.contains("fn absent") && text.contains("pub fn read_keeping<"));
        assert!(!text.contains("// part:") && !text.contains("// end part"));
        super::support_module(&all, true).unwrap();
        // Each part is its own: none stands for another.
        for part in every {
            let one = Parts::default().with(part);
            assert!(one.has(part) && every.iter().filter(|&&p| one.has(p)).count() == 1, "{part:?}");
        }
        // Nested parts: `Keys` without `keep` has no fields for it.
        let lookup = Parts::default().with(Part::Struct).with(Part::KeysNew);
        let text = super::support_source(&lookup, false).unwrap();
        assert!(text.contains("struct Keys<") && text.contains("fn new(") && text.contains("pub fn read_named<") && text.contains("fn skip<"));
        assert!(
            !text.contains("keeps:")
                && !text.contains("self.keeps")
                && !text.contains("unknown:")
                && !text.contains("fn keeping(")
                && !text.contains("fn read_keeping<")
        );
        // Unions alone (no struct) need none of the struct machinery; the
        // lookups only where a union finds a tag or ranks arms.
        let unions = Parts::default().with(Part::Buffer);
        let text = super::support_source(&unions, false).unwrap();
        assert!(text.contains("pub enum Json") && text.contains("use ::serde::de;") && !text.contains("FromMap"));
        assert!(!text.contains("pub fn get(") && !text.contains("pub fn rank("));
        let rank = super::support_source(&unions.with(Part::Rank), false).unwrap();
        assert!(rank.contains("pub fn rank(") && rank.contains("pub fn get(") && !rank.contains("FromMap"));
    }

    /// Every part marker in `support.rs` names a part the emitter knows: a
    /// misspelt one would otherwise drop its lines from every crate.
    #[test]
    fn every_marker_names_a_part() {
        for line in super::SOURCE.lines() {
            if let Some(name) = line.trim().strip_prefix("// part: ") {
                assert!(super::Parts::default().wants(name.trim()).is_some(), "unknown part {name:?}");
            }
        }
    }
}

// ---- The public module `api` (`api.rs`): calling operations with any HTTP
// client. Emitted whole into every crate that has operations or files.

/// The runtime of the generated crate's public module `api`.
const API_SOURCE: &str = include_str!("api.rs");

/// The text of `api.rs` as the generated crate gets it: without plain
/// comments (`///` and `//!` docs are kept; the `//!` lines open the file,
/// and become the module's docs).
pub(crate) fn api_source() -> String {
    without_plain_comments(API_SOURCE)
}

/// The text of `link.rs`, as the generated crate gets it.
const LINK_SOURCE: &str = include_str!("link.rs");

/// `source` without its plain comments (doc comments stay).
fn without_plain_comments(source: &str) -> String {
    let mut out = String::new();
    for line in source.lines() {
        let trimmed = line.trim();
        if !is_plain_comment(trimmed) || trimmed.starts_with("//!") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The public module `api`, as tokens: the operations runtime (`api.rs`)
/// when the spec has operations or files, `Link` (`link.rs`) when a type
/// holds one, both when both. Nothing when neither.
pub(crate) fn api_module(operations: bool, link: bool) -> Result<TokenStream> {
    let tokens = |text: String, what: &str| -> Result<TokenStream> { text.parse().map_err(|e| Error::Internal(format!("the {what} does not tokenize: {e}"))) };
    let mut body = TokenStream::new();
    if operations {
        body.extend(tokens(api_source(), "API runtime")?);
    } else if link {
        body.extend(quote::quote! {
            //! The runtime types of this crate: [`Link`], which holds a value where a
            //! chain of types is too deep for rustc to follow.
        });
    }
    if link {
        body.extend(tokens(without_plain_comments(LINK_SOURCE), "link runtime")?);
    }
    if operations && link {
        body.extend(quote::quote! {
            impl<T: FileParts> FileParts for Link<T> {
                /// The linked value's parts.
                fn file_parts(&self, name: &str, content_type: Option<&str>, out: &mut Vec<Part>) {
                    (**self).file_parts(name, content_type, out);
                }
            }
        });
    }
    if body.is_empty() {
        return Ok(TokenStream::new());
    }
    Ok(quote::quote! {
        pub mod api {
            #body
        }
    })
}

#[cfg(test)]
#[path = "api.rs"]
mod api;

#[cfg(test)]
#[path = "link.rs"]
mod link;

#[cfg(test)]
#[path = "link_tests.rs"]
mod link_tests;

#[cfg(test)]
#[path = "api_tests.rs"]
mod api_tests;
