//! Stage 5: type graph → Rust tokens.
//!
//! Shapes, chosen for compile cost as much as for use:
//! - structs derive `Debug, Clone, PartialEq, Serialize`. Their `Deserialize`
//!   is written out (`struct_deserialize`): a `FromMap` impl with one slot per
//!   field, fed by the private module `__serde` ([`support`]), which holds the
//!   visitor, the key lookup and the missing-field rule once for all structs.
//!   It reads what serde's derive reads, with one difference: a repeated key
//!   takes the last value instead of being refused. serde's derived
//!   `Deserialize` was about 60% of the time to compile OpenAI's models (no
//!   sequence form, no field-identifier enum and visitor per struct here);
//!   writing it out halves that compile time and cuts rustc's peak memory by
//!   a third, measured with `BENCH_COMPILE=1 cargo bench`. The price is paid
//!   at run time, and is small: keys are found by scanning the struct's names
//!   from the one after the last key found (one comparison for input in spec
//!   order) instead of a compiled `match`, about 6% more instructions than
//!   the derive to parse a list of `Batch` objects;
//! - open enums (string or integer) get a hand-written `Serialize`/`Deserialize`
//!   that matches on the value: less code than serde's derive, and it keeps
//!   unknown values in `Other`;
//! - unions get a hand-written `Deserialize` that reads the input once into a
//!   `serde_json::Value` and then picks the variant (by tag, or by JSON kind and
//!   trial in spec order), instead of serde's `untagged`/internally tagged enums,
//!   which are expensive to compile; `Serialize` delegates to the variant.
//!
//! Generated code names the crates it uses by absolute path (`::serde`,
//! `::serde_json`, `::std`) and other modules by `super::module::Type`, so it
//! can be `include!`d anywhere. Lint allowances sit on the module that needs
//! them, each with its reason.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::docs;
use crate::model::{Field, Kind, Model, Ty, TypeDef, TypeId, Variant};

/// Settings for emission.
#[derive(Clone, Debug)]
pub struct EmitSettings {
    /// Base for relative links in descriptions.
    pub doc_base_url: String,
}

/// Emit every module, the root re-exports, and the operations module.
pub fn emit(model: &Model, settings: &EmitSettings) -> TokenStream {
    let mut out = support(model);
    out.extend((0..model.modules.len()).map(|m| emit_module(model, settings, m)));
    out
}

/// The private module `__serde` that the structs' `Deserialize` impls share,
/// holding only what they use (nothing when there are no structs). It comes
/// first in the output.
pub fn support(model: &Model) -> TokenStream {
    let structs = || model.types.iter().filter_map(|t| match &t.kind {
        Kind::Struct { fields, extra, .. } => Some((fields, extra)),
        _ => None,
    });
    if structs().next().is_none() {
        return TokenStream::new();
    }
    let required = structs().flat_map(|(fields, _)| fields).any(|f| !f.flatten && !defaulted(model, f));
    let from_rest = structs().flat_map(|(fields, _)| fields).any(|f| f.flatten);
    let keep_rest = structs().any(|(fields, extra)| keeps_rest(fields, extra.as_ref()));
    let keep_rest = if keep_rest {
        quote! {
            /// [`Keys`] for a struct that keeps the keys it does not know.
            pub struct Rest<'a>(pub &'a mut Keys);

            /// A known key's position, or an unknown key.
            pub enum Found {
                Known(usize),
                Other(String),
            }

            impl<'de> de::DeserializeSeed<'de> for Rest<'_> {
                type Value = Found;
                fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Found, D::Error> {
                    deserializer.deserialize_identifier(self)
                }
            }

            impl<'de> de::Visitor<'de> for Rest<'_> {
                type Value = Found;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a field name")
                }
                fn visit_str<E: de::Error>(self, key: &str) -> Result<Found, E> {
                    Ok(match self.0.find(key) {
                        Some(i) => Found::Known(i),
                        None => Found::Other(key.to_owned()),
                    })
                }
                fn visit_string<E: de::Error>(self, key: String) -> Result<Found, E> {
                    Ok(match self.0.find(&key) {
                        Some(i) => Found::Known(i),
                        None => Found::Other(key),
                    })
                }
            }
        }
    } else {
        TokenStream::new()
    };
    let required = if required {
        quote! {
            /// A field the input left out: `None` for an `Option` (as serde's derive
            /// does), a `missing field` error for anything else.
            pub fn required<'de, T: ::serde::Deserialize<'de>, E: de::Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
                match value {
                    Some(value) => Ok(value),
                    None => T::deserialize(Missing(name, ::std::marker::PhantomData)),
                }
            }

            struct Missing<E>(&'static str, ::std::marker::PhantomData<E>);

            impl<'de, E: de::Error> de::Deserializer<'de> for Missing<E> {
                type Error = E;
                fn deserialize_any<V: de::Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
                    Err(E::missing_field(self.0))
                }
                fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
                    visitor.visit_none()
                }
                ::serde::forward_to_deserialize_any! {
                    bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
                    unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
                }
            }
        }
    } else {
        TokenStream::new()
    };
    let from_rest = if from_rest {
        quote! {
            /// A flattened field, read from the keys no other field took.
            pub fn from_rest<T: de::DeserializeOwned, E: de::Error>(rest: &::serde_json::Map<String, ::serde_json::Value>) -> Result<T, E> {
                ::serde_json::from_value(::serde_json::Value::Object(rest.clone())).map_err(E::custom)
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        /// What the generated structs' `Deserialize` impls share.
        #[doc(hidden)]
        mod __serde {
            use ::serde::de;
            use ::std::fmt;

            /// A struct read from a JSON object: what its `Deserialize` impl calls.
            pub trait FromMap: Sized {
                /// What the struct is, for error messages.
                const EXPECTING: &'static str;
                fn from_map<'de, A: de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
            }

            /// Deserializes any [`FromMap`] struct from a map.
            pub fn deserialize<'de, T: FromMap, D: de::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
                deserializer.deserialize_map(Visit(::std::marker::PhantomData))
            }

            struct Visit<T>(::std::marker::PhantomData<T>);

            impl<'de, T: FromMap> de::Visitor<'de> for Visit<T> {
                type Value = T;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str(T::EXPECTING)
                }
                fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                    T::from_map(map)
                }
            }

            /// Reads the value of a known key into its slot (a repeated key: the last wins).
            pub fn set<'de, T: de::Deserialize<'de>, A: de::MapAccess<'de>>(slot: &mut Option<T>, map: &mut A) -> Result<(), A::Error> {
                *slot = Some(map.next_value()?);
                Ok(())
            }

            /// Skips the value of a key the struct does not keep.
            pub fn skip<'de, A: de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
                map.next_value::<de::IgnoredAny>().map(|_| ())
            }

            /// A struct's JSON names, looked up as its keys arrive: a key's
            /// position, or `None` for a key the struct skips.
            pub struct Keys {
                names: &'static [&'static str],
                next: usize,
            }

            impl Keys {
                #[inline]
                pub fn new(names: &'static [&'static str]) -> Self {
                    Keys { names, next: 0 }
                }

                /// APIs mostly send keys in the spec's order, so the search
                /// starts after the last key found and wraps around.
                #[inline]
                fn find(&mut self, key: &str) -> Option<usize> {
                    let (before, after) = self.names.split_at(self.next);
                    let i = match after.iter().position(|name| *name == key) {
                        Some(i) => self.next + i,
                        None => before.iter().position(|name| *name == key)?,
                    };
                    self.next = i + 1;
                    Some(i)
                }
            }

            impl<'de> de::DeserializeSeed<'de> for &mut Keys {
                type Value = Option<usize>;
                fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
                    deserializer.deserialize_identifier(self)
                }
            }

            impl<'de> de::Visitor<'de> for &mut Keys {
                type Value = Option<usize>;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a field name")
                }
                fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
                    Ok(self.find(key))
                }
            }

            #keep_rest
            #required
            #from_rest
        }
    }
}

/// Emit one module and the re-export of its main type (empty for a module
/// without types). Modules are independent of each other, so they can be
/// emitted and formatted in parallel and joined in order.
pub fn emit_module(model: &Model, settings: &EmitSettings, m: usize) -> TokenStream {
    let e = Emitter { model, settings };
    let module = &model.modules[m];
    let mut out = TokenStream::new();
    if module.types.is_empty() {
        return out;
    }
    let name = ident(&module.name);
    let items = module.types.iter().map(|&id| e.type_def(m, id));
    let allows = e.allowances(m);
    out.extend(quote! {
        #allows
        pub mod #name {
            #(#items)*
        }
    });
    if let Some(main) = module.main {
        let ty = ident(&model.types[main].name);
        let allow = if model.types[main].deprecated {
            quote! { #[allow(deprecated, reason = "re-exporting keeps the spec's deprecated models reachable")] }
        } else {
            TokenStream::new()
        };
        out.extend(quote! { #allow pub use #name::#ty; });
    }
    out
}

/// A field that takes its default when the input leaves it out: an optional
/// `Option` (`None`) or a constant (its one value). Any other missing field is
/// an error, except that a required `Option` reads as `None`, as with serde's
/// derive.
fn defaulted(model: &Model, f: &Field) -> bool {
    (matches!(f.ty, Ty::Option(_)) && !f.required) || is_const(model, &f.ty)
}

/// Whether a struct's reader keeps the keys no field claims: for flattened
/// fields and the extra map; otherwise they are skipped.
fn keeps_rest(fields: &[Field], extra: Option<&(String, Ty)>) -> bool {
    extra.is_some() || fields.iter().any(|f| f.flatten)
}

fn is_const(model: &Model, ty: &Ty) -> bool {
    matches!(ty, Ty::Named(id) if matches!(model.types[*id].kind, Kind::Const { .. }))
}

fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// One test in an untagged union's guard; alternatives are joined with `||`.
struct Alternative {
    test: TokenStream,
    /// An `&&` inside: needs parentheses beside other alternatives.
    compound: bool,
}

impl Alternative {
    fn simple(test: TokenStream) -> Self {
        Alternative { test, compound: false }
    }
}

struct Emitter<'a> {
    model: &'a Model,
    settings: &'a EmitSettings,
}

impl Emitter<'_> {
    fn doc(&self, text: Option<&str>) -> TokenStream {
        let Some(text) = text else { return TokenStream::new() };
        let lines = docs::rustdoc(text, &self.settings.doc_base_url);
        let lines = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
        quote! { #(#[doc = #lines])* }
    }

    fn deprecated(&self, yes: bool) -> TokenStream {
        if yes {
            quote! { #[deprecated] }
        } else {
            TokenStream::new()
        }
    }

    /// Lint allowances a module needs, each with its reason.
    fn allowances(&self, m: usize) -> TokenStream {
        let module = &self.model.modules[m];
        let mut out = TokenStream::new();
        let uses_deprecated = module.types.iter().any(|&id| {
            let t = &self.model.types[id];
            t.deprecated || self.refs(&t.kind).iter().any(|&r| self.model.types[r].deprecated) || matches!(&t.kind, Kind::Struct { fields, .. } if fields.iter().any(|f| f.deprecated))
        });
        if uses_deprecated {
            out.extend(quote! {
                #[allow(deprecated, reason = "the spec marks these deprecated for users; the generated impls still handle them")]
            });
        }
        if module.types.iter().any(|&id| matches!(self.model.types[id].kind, Kind::Tagged { .. } | Kind::Untagged { .. })) {
            out.extend(quote! {
                #[allow(clippy::large_enum_variant, reason = "union variants mirror the API's payloads, whose sizes differ")]
            });
        }
        out
    }

    fn refs(&self, kind: &Kind) -> Vec<TypeId> {
        fn walk(ty: &Ty, out: &mut Vec<TypeId>) {
            match ty {
                Ty::Named(id) => out.push(*id),
                Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Boxed(t) => walk(t, out),
                _ => {}
            }
        }
        let mut out = Vec::new();
        match kind {
            Kind::Struct { fields, extra, .. } => {
                fields.iter().for_each(|f| walk(&f.ty, &mut out));
                if let Some((_, x)) = extra {
                    walk(x, &mut out);
                }
            }
            Kind::Tagged { variants, .. } | Kind::Untagged { variants, .. } => variants.iter().for_each(|v| walk(&v.ty, &mut out)),
            Kind::Alias(t) => walk(t, &mut out),
            _ => {}
        }
        out
    }

    fn ty(&self, from: usize, ty: &Ty) -> TokenStream {
        match ty {
            Ty::Named(id) => {
                let t = &self.model.types[*id];
                let name = ident(&t.name);
                if t.module == from {
                    quote! { #name }
                } else {
                    let module = ident(&self.model.modules[t.module].name);
                    quote! { super::#module::#name }
                }
            }
            Ty::String => quote! { String },
            Ty::Bool => quote! { bool },
            Ty::I64 => quote! { i64 },
            Ty::U64 => quote! { u64 },
            Ty::I32 => quote! { i32 },
            Ty::U32 => quote! { u32 },
            Ty::F64 => quote! { f64 },
            Ty::Unit => quote! { () },
            Ty::Value => quote! { ::serde_json::Value },
            Ty::Vec(t) => {
                let t = self.ty(from, t);
                quote! { Vec<#t> }
            }
            Ty::Map(t) => {
                let t = self.ty(from, t);
                quote! { ::std::collections::BTreeMap<String, #t> }
            }
            Ty::Option(t) => {
                let t = self.ty(from, t);
                quote! { Option<#t> }
            }
            Ty::Boxed(t) => {
                let t = self.ty(from, t);
                quote! { Box<#t> }
            }
        }
    }

    fn type_def(&self, m: usize, id: TypeId) -> TokenStream {
        let t = &self.model.types[id];
        let name = ident(&t.name);
        let deprecated = self.deprecated(t.deprecated);
        match &t.kind {
            Kind::Struct { tag, tag_position, fields, extra } => {
                let (fields_of, extra_of) = (fields.as_slice(), extra.as_ref());
                let mut doc_text = t.doc.clone().unwrap_or_default();
                let mut tag_attr = TokenStream::new();
                if let Some((prop, value, tag_doc)) = tag {
                    if !doc_text.is_empty() {
                        doc_text.push_str("\n\n");
                    }
                    // The constant is the struct's serde tag, not a field: say so where users look.
                    doc_text.push_str(&format!("`{prop}` is always `{value:?}`; it is written on output and is not a field."));
                    if let Some(d) = tag_doc {
                        doc_text.push_str(&format!(" `{prop}`: {}", d.trim()));
                    }
                    tag_attr = quote! { #[serde(tag = #prop, rename = #value)] };
                }
                let doc = self.doc(Some(&doc_text).filter(|d| !d.is_empty()).map(String::as_str));
                let fields = fields.iter().map(|f| self.field(m, f));
                let extra = extra.as_ref().map(|(field, x)| {
                    let x = self.ty(m, x);
                    let field = ident(field);
                    quote! {
                        #[doc = " Properties beyond the ones above (`additionalProperties`)."]
                        #[serde(flatten)]
                        pub #field: ::std::collections::BTreeMap<String, #x>,
                    }
                });
                let tag_at = tag.as_ref().map(|(prop, ..)| (*tag_position, prop.as_str()));
                let deserialize = self.struct_deserialize(m, &name, tag_at, fields_of, extra_of);
                quote! {
                    #doc
                    #deprecated
                    #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
                    #tag_attr
                    pub struct #name {
                        #(#fields)*
                        #extra
                    }
                    #deserialize
                }
            }
            Kind::StringEnum { values, other } => {
                let doc = self.doc(t.doc.as_deref());
                let other = ident(other);
                let variants = values.iter().map(|v| {
                    let vname = ident(&v.name);
                    let vdoc = self.doc(Some(v.doc.as_deref().map(str::to_owned).unwrap_or_else(|| format!("`{:?}`", v.value)).as_str()));
                    quote! { #vdoc #vname, }
                });
                let to_str = values.iter().map(|v| {
                    let vname = ident(&v.name);
                    let value = &v.value;
                    quote! { Self::#vname => #value, }
                });
                let from_str = values.iter().map(|v| {
                    let vname = ident(&v.name);
                    let value = &v.value;
                    quote! { #value => Self::#vname, }
                });
                quote! {
                    #doc
                    #deprecated
                    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                    pub enum #name {
                        #(#variants)*
                        /// A value this version of the spec does not list, kept as sent.
                        #other(String),
                    }
                    impl #name {
                        /// The value as it appears in JSON.
                        pub fn as_str(&self) -> &str {
                            match self {
                                #(#to_str)*
                                Self::#other(value) => value,
                            }
                        }
                    }
                    impl ::serde::Serialize for #name {
                        fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                            serializer.serialize_str(self.as_str())
                        }
                    }
                    impl<'de> ::serde::Deserialize<'de> for #name {
                        fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                            let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                            Ok(match value.as_str() {
                                #(#from_str)*
                                _ => Self::#other(value),
                            })
                        }
                    }
                }
            }
            Kind::IntEnum { values, other } => {
                let doc = self.doc(t.doc.as_deref());
                let other = ident(other);
                let variants = values.iter().map(|(v, vname, vdoc)| {
                    let vname = ident(vname);
                    let vdoc = self.doc(Some(vdoc.clone().unwrap_or_else(|| format!("`{v}`")).as_str()));
                    quote! { #vdoc #vname, }
                });
                let to_int = values.iter().map(|(v, vname, _)| {
                    let vname = ident(vname);
                    let v = Literal::i64_unsuffixed(*v);
                    quote! { Self::#vname => #v, }
                });
                let from_int = values.iter().map(|(v, vname, _)| {
                    let vname = ident(vname);
                    let v = Literal::i64_unsuffixed(*v);
                    quote! { #v => Self::#vname, }
                });
                quote! {
                    #doc
                    #deprecated
                    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                    pub enum #name {
                        #(#variants)*
                        /// A value this version of the spec does not list, kept as sent.
                        #other(i64),
                    }
                    impl #name {
                        /// The value as it appears in JSON.
                        pub fn value(&self) -> i64 {
                            match self {
                                #(#to_int)*
                                Self::#other(value) => *value,
                            }
                        }
                    }
                    impl ::serde::Serialize for #name {
                        fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                            serializer.serialize_i64(self.value())
                        }
                    }
                    impl<'de> ::serde::Deserialize<'de> for #name {
                        fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                            let value = <i64 as ::serde::Deserialize>::deserialize(deserializer)?;
                            Ok(match value {
                                #(#from_int)*
                                _ => Self::#other(value),
                            })
                        }
                    }
                }
            }
            Kind::Const { value, variant } => {
                let doc = self.doc(Some(&format!("Always `{value:?}`.")));
                let variant = ident(variant);
                quote! {
                    #doc
                    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, ::serde::Serialize, ::serde::Deserialize)]
                    pub enum #name {
                        #[default]
                        #[serde(rename = #value)]
                        #variant,
                    }
                }
            }
            Kind::Tagged { property, variants, unknown } => self.tagged(m, t, property, variants, unknown),
            Kind::Untagged { variants, unknown } => self.untagged(m, t, variants, unknown),
            Kind::Alias(ty) => {
                let doc = self.doc(t.doc.as_deref());
                let ty = self.ty(m, ty);
                quote! {
                    #doc
                    pub type #name = #ty;
                }
            }
        }
    }

    /// A struct's `Deserialize`, written out instead of derived: a `FromMap`
    /// impl whose keys are looked up by [`support`]'s `Keys` seed. It behaves as
    /// serde's derive does for these structs (missing `Option` and defaulted
    /// fields are `None`/default, other missing fields are a `missing field`
    /// error, unknown keys and the tag property are skipped, flattened fields
    /// take the keys left over), except that a repeated key is taken last-wins
    /// rather than refused. Pinned by `tests/goldens` (`constants::reading`).
    fn struct_deserialize(&self, m: usize, name: &Ident, tag: Option<(usize, &str)>, fields: &[Field], extra: Option<&(String, Ty)>) -> TokenStream {
        let expecting = format!("struct {name}");
        let keyed: Vec<(usize, &Field)> = fields.iter().filter(|f| !f.flatten).enumerate().collect();
        // In spec order, the tag where it stood: lookups start at the key after
        // the last one found, so input in spec order finds each key at once.
        let mut names: Vec<&str> = keyed.iter().map(|(_, f)| f.json.as_str()).collect();
        let tag_index = tag.map(|(at, prop)| {
            let at = at.min(names.len());
            names.insert(at, prop);
            at
        });
        let keep_rest = keeps_rest(fields, extra);
        // Each field's slot is a local named like the field; the reader's own
        // locals start with `__`, which no field name does.
        let decls = keyed.iter().map(|(_, f)| {
            let v = ident(&f.name);
            let ty = self.ty(m, &f.ty);
            quote! { let mut #v: Option<#ty> = None; }
        });
        // Slot `i` is found at position `i` of `names`, or `i + 1` past the tag.
        let position = |i: usize| i + usize::from(tag_index.is_some_and(|t| i >= t));
        let arms = keyed.iter().map(|(i, f)| {
            let v = ident(&f.name);
            let i = Literal::usize_unsuffixed(position(*i));
            if keep_rest {
                quote! { super::__serde::Found::Known(#i) => super::__serde::set(&mut #v, &mut __map)?, }
            } else {
                quote! { Some(#i) => super::__serde::set(&mut #v, &mut __map)?, }
            }
        });
        // With only an extra map, leftover keys go straight into it, typed;
        // flattened unions read theirs from the leftovers kept as JSON.
        let typed_extra = extra.filter(|_| !fields.iter().any(|f| f.flatten));
        let (rest_decl, rest_arm) = match (keep_rest, typed_extra) {
            (false, _) => (TokenStream::new(), TokenStream::new()),
            (true, Some((_, x))) => {
                let x = self.ty(m, x);
                (
                    quote! { let mut __rest: ::std::collections::BTreeMap<String, #x> = ::std::collections::BTreeMap::new(); },
                    quote! { super::__serde::Found::Other(__key) => { __rest.insert(__key, __map.next_value()?); } },
                )
            }
            (true, None) => (
                quote! { let mut __rest = ::serde_json::Map::new(); },
                quote! { super::__serde::Found::Other(__key) => { __rest.insert(__key, __map.next_value()?); } },
            ),
        };
        let seed = if keep_rest { quote! { super::__serde::Rest(&mut __keys) } } else { quote! { &mut __keys } };
        let read = if keyed.is_empty() && !keep_rest {
            // Nothing to keep: skip every entry.
            quote! {
                while __map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                    super::__serde::skip(&mut __map)?;
                }
            }
        } else {
            quote! {
                let mut __keys = super::__serde::Keys::new(&[#(#names),*]);
                while let Some(__key) = __map.next_key_seed(#seed)? {
                    match __key {
                        #(#arms)*
                        #rest_arm
                        _ => super::__serde::skip(&mut __map)?,
                    }
                }
            }
        };
        let mut inits: Vec<TokenStream> = Vec::new();
        for f in fields {
            let fname = ident(&f.name);
            if f.flatten {
                inits.push(quote! { #fname: super::__serde::from_rest(&__rest)?, });
                continue;
            }
            // The field's slot is the local of the same name.
            let json = &f.json;
            inits.push(if defaulted(self.model, f) {
                quote! { #fname: #fname.unwrap_or_default(), }
            } else {
                quote! { #fname: super::__serde::required(#fname, #json)?, }
            });
        }
        if let Some((field, _)) = extra {
            let fname = ident(field);
            inits.push(if typed_extra.is_some() {
                quote! { #fname: __rest, }
            } else {
                quote! { #fname: super::__serde::from_rest(&__rest)?, }
            });
        }
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    super::__serde::deserialize(deserializer)
                }
            }
            impl super::__serde::FromMap for #name {
                const EXPECTING: &'static str = #expecting;
                fn from_map<'de, A: ::serde::de::MapAccess<'de>>(mut __map: A) -> ::std::result::Result<Self, A::Error> {
                    #(#decls)*
                    #rest_decl
                    #read
                    Ok(Self { #(#inits)* })
                }
            }
        }
    }

    fn field(&self, m: usize, f: &Field) -> TokenStream {
        let doc = self.doc(f.doc.as_deref());
        let name = ident(&f.name);
        let ty = self.ty(m, &f.ty);
        let mut serde = Vec::new();
        if f.flatten {
            serde.push(quote! { flatten });
        } else if f.name.trim_start_matches("r#") != f.json {
            let json = &f.json;
            serde.push(quote! { rename = #json });
        }
        if matches!(f.ty, Ty::Option(_)) && !f.required {
            serde.push(quote! { default, skip_serializing_if = "Option::is_none" });
        } else if is_const(self.model, &f.ty) {
            serde.push(quote! { default });
        }
        let serde = if serde.is_empty() { TokenStream::new() } else { quote! { #[serde(#(#serde),*)] } };
        let deprecated = self.deprecated(f.deprecated);
        quote! {
            #doc
            #deprecated
            #serde
            pub #name: #ty,
        }
    }

    fn variant_decls(&self, m: usize, variants: &[Variant], unknown: &Ident, unknown_doc: &str) -> TokenStream {
        let decls = variants.iter().map(|v| {
            let name = ident(&v.name);
            let ty = self.ty(m, &v.ty);
            let doc = if v.tags.is_empty() {
                TokenStream::new()
            } else {
                let tags = v.tags.iter().map(|t| format!("`{t:?}`")).collect::<Vec<_>>().join(", ");
                let text = format!(" Tag {tags}.");
                quote! { #[doc = #text] }
            };
            quote! { #doc #name(#ty), }
        });
        quote! {
            #(#decls)*
            #[doc = #unknown_doc]
            #unknown(::serde_json::Value),
        }
    }

    fn tagged(&self, m: usize, t: &TypeDef, property: &str, variants: &[Variant], unknown: &str) -> TokenStream {
        let unknown = ident(unknown);
        let decls = self.variant_decls(m, variants, &unknown, " A tag this version of the spec does not know: the JSON, kept whole.");
        let ser = variants.iter().map(|v| {
            let vname = ident(&v.name);
            if v.carries_tag {
                quote! { Self::#vname(value) => ::serde::Serialize::serialize(value, serializer), }
            } else {
                let tag = &v.tags[0];
                quote! {
                    Self::#vname(value) => {
                        let mut json = ::serde_json::to_value(value).map_err(::serde::ser::Error::custom)?;
                        if let Some(map) = json.as_object_mut() {
                            map.insert(#property.to_owned(), ::serde_json::Value::from(#tag));
                        }
                        ::serde::Serialize::serialize(&json, serializer)
                    }
                }
            }
        });
        // Variants that share a tag (InputMessage and OutputMessage are both
        // "message") are tried in turn, the most constrained (most constant
        // properties) first; the last one's error is the one reported.
        let mut groups: Vec<(&String, Vec<&Variant>)> = Vec::new();
        for v in variants {
            for tag in &v.tags {
                match groups.iter_mut().find(|(t, _)| *t == tag) {
                    Some((_, members)) => members.push(v),
                    None => groups.push((tag, vec![v])),
                }
            }
        }
        let mut arms: Vec<(Vec<&String>, Vec<&Variant>)> = Vec::new();
        for (tag, mut members) in groups {
            members.sort_by_key(|v| std::cmp::Reverse(self.constants(&v.ty)));
            match arms.iter_mut().find(|(_, m)| m.iter().map(|v| &v.name).eq(members.iter().map(|v| &v.name))) {
                Some((tags, _)) => tags.push(tag),
                None => arms.push((vec![tag], members)),
            }
        }
        let de = arms.iter().map(|(tags, members)| {
            let (last, first) = members.split_last().expect("a tag group has a member");
            let tries = first.iter().map(|v| {
                let vname = ident(&v.name);
                quote! {
                    if let Ok(parsed) = ::serde::Deserialize::deserialize(&value) {
                        return Ok(Self::#vname(parsed));
                    }
                }
            });
            let last = ident(&last.name);
            quote! {
                Some(#(#tags)|*) => {
                    #(#tries)*
                    ::serde::Deserialize::deserialize(&value).map(Self::#last).map_err(::serde::de::Error::custom)
                }
            }
        });
        let body = quote! {
            match value.get(#property).and_then(::serde_json::Value::as_str) {
                #(#de)*
                _ => Ok(Self::#unknown(value)),
            }
        };
        self.union_type(t, decls, ser.collect(), &unknown, body)
    }

    /// How many properties a variant's payload requires (constants included).
    fn required(&self, ty: &Ty) -> usize {
        match ty {
            Ty::Boxed(inner) => self.required(inner),
            Ty::Named(id) => match &self.model.types[*id].kind {
                Kind::Struct { tag, fields, .. } => {
                    tag.iter().count() + fields.iter().filter(|f| f.required && !matches!(f.ty, Ty::Option(_))).count()
                }
                Kind::Alias(inner) => self.required(inner),
                _ => 0,
            },
            _ => 0,
        }
    }

    /// How many constant properties a variant's payload pins down.
    fn constants(&self, ty: &Ty) -> usize {
        match ty {
            Ty::Boxed(inner) | Ty::Option(inner) => self.constants(inner),
            Ty::Named(id) => match &self.model.types[*id].kind {
                Kind::Struct { tag, fields, .. } => {
                    tag.iter().count()
                        + fields
                            .iter()
                            .filter(|f| is_const(self.model, &f.ty))
                            .count()
                }
                Kind::Alias(inner) => self.constants(inner),
                _ => 0,
            },
            _ => 0,
        }
    }

    /// The JSON kinds a type accepts, as alternatives to test on `value`;
    /// `None` for any JSON.
    fn guard(&self, ty: &Ty, depth: usize) -> Option<Vec<Alternative>> {
        if depth > 16 {
            return None;
        }
        Some(match ty {
            Ty::String => vec![Alternative::simple(quote! { value.is_string() })],
            Ty::Bool => vec![Alternative::simple(quote! { value.is_boolean() })],
            Ty::I64 | Ty::U64 | Ty::I32 | Ty::U32 => vec![Alternative::simple(quote! { value.is_i64() }), Alternative::simple(quote! { value.is_u64() })],
            Ty::F64 => vec![Alternative::simple(quote! { value.is_number() })],
            Ty::Unit => vec![Alternative::simple(quote! { value.is_null() })],
            Ty::Value => return None,
            Ty::Vec(_) => vec![Alternative::simple(quote! { value.is_array() })],
            Ty::Map(_) => vec![Alternative::simple(quote! { value.is_object() })],
            Ty::Option(inner) => {
                let mut inner = self.guard(inner, depth + 1)?;
                inner.insert(0, Alternative::simple(quote! { value.is_null() }));
                inner
            }
            Ty::Boxed(inner) => return self.guard(inner, depth + 1),
            Ty::Named(id) => match &self.model.types[*id].kind {
                // serde does not check a struct's tag when reading: the guard does.
                Kind::Struct { tag: Some((prop, constant, _)), .. } => {
                    vec![Alternative { test: quote! { value.is_object() && value.get(#prop).is_none_or(|tag| tag == #constant) }, compound: true }]
                }
                Kind::Struct { .. } | Kind::Tagged { .. } => vec![Alternative::simple(quote! { value.is_object() })],
                Kind::StringEnum { .. } | Kind::Const { .. } => vec![Alternative::simple(quote! { value.is_string() })],
                Kind::IntEnum { .. } => vec![Alternative::simple(quote! { value.is_i64() }), Alternative::simple(quote! { value.is_u64() })],
                Kind::Untagged { .. } => return None,
                Kind::Alias(inner) => return self.guard(inner, depth + 1),
            },
        })
    }

    fn untagged(&self, m: usize, t: &TypeDef, variants: &[Variant], unknown: &str) -> TokenStream {
        let unknown = ident(unknown);
        let decls = self.variant_decls(m, variants, &unknown, " JSON that none of the variants above accepts, kept whole.");
        let ser = variants.iter().map(|v| {
            let vname = ident(&v.name);
            quote! { Self::#vname(value) => ::serde::Serialize::serialize(value, serializer), }
        });
        // Candidates are tried most constrained first (constants and required
        // fields), then in the spec's order; variants that take any JSON go last.
        let mut order: Vec<&Variant> = variants.iter().collect();
        order.sort_by_key(|v| (self.guard(&v.ty, 0).is_none(), std::cmp::Reverse(self.required(&v.ty))));
        let tries = order.into_iter().map(|v| {
            let vname = ident(&v.name);
            let attempt = quote! {
                if let Ok(parsed) = ::serde::Deserialize::deserialize(&value) {
                    return Ok(Self::#vname(parsed));
                }
            };
            match self.guard(&v.ty, 0) {
                Some(alternatives) => {
                    // Parentheses only where a compound test stands beside others.
                    let alone = alternatives.len() == 1;
                    let tests = alternatives.into_iter().map(|a| {
                        let test = a.test;
                        if a.compound && !alone { quote! { (#test) } } else { test }
                    });
                    quote! { if #(#tests)||* { #attempt } }
                }
                None => attempt,
            }
        });
        let body = quote! {
            #(#tries)*
            Ok(Self::#unknown(value))
        };
        self.union_type(t, decls, ser.collect(), &unknown, body)
    }

    /// A union enum with its `Serialize` (the given arms, plus `Unknown`
    /// written back as it came) and its `Deserialize`, which reads the input
    /// once into `value` and runs `body` on it.
    fn union_type(&self, t: &TypeDef, decls: TokenStream, ser: Vec<TokenStream>, unknown: &Ident, body: TokenStream) -> TokenStream {
        let name = ident(&t.name);
        let doc = self.doc(t.doc.as_deref());
        let deprecated = self.deprecated(t.deprecated);
        quote! {
            #doc
            #deprecated
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name {
                #decls
            }
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#ser)*
                        Self::#unknown(value) => ::serde::Serialize::serialize(value, serializer),
                    }
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    #body
                }
            }
        }
    }
}
