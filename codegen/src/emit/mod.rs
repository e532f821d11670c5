//! Stage 5: type graph → Rust tokens. Emit prints what the model decided.
//!
//! The operations module also holds each operation's type and its
//! `api::Operation` impl (`emit::operations`); the public module `api`, the
//! sans-io runtime those impls call (`crate::runtime`), comes with the
//! private `__serde` when the spec has operations or files. Both hold what
//! the printed code calls, as the code that prints each call records it
//! ([`Needs`]).
//!
//! Shapes, chosen for compile cost as much as for use:
//! - structs derive `Debug, Clone, PartialEq, Serialize`. Their `Deserialize`
//!   is written out (`emit::structs`): a `FromMap` impl with one slot per field,
//!   fed by the private module `__serde` (`crate::runtime`), which holds the
//!   visitor, the key lookup and the reading rules once for all structs. A
//!   repeated key takes the last value. serde's derived `Deserialize` was
//!   about 60% of the time to compile OpenAI's models; writing it out halves
//!   that, measured with `BENCH_COMPILE=1 cargo bench`;
//! - open enums (string or integer) get a hand-written `Serialize`/`Deserialize`
//!   that matches on the value (`emit::enums`), and keep unknown values in `Other`;
//! - unions get a hand-written `Deserialize` that reads the input once into a
//!   `__serde::Json` (strings borrowed from the input) and then follows the
//!   model's plan (`emit::unions`);
//!   `Serialize` delegates to the variant;
//! - an alias that would be part of a cycle of aliases (`model::cycles`) is a
//!   newtype, `pub struct A(pub Vec<A>);`, that derives `Serialize` and
//!   `Deserialize` with `#[serde(transparent)]` (its JSON is the inner
//!   value's; such types are rare, so deriving costs little), `Default` (an
//!   empty list or map) and `From` its inner value.
//!
//! # Reading and writing
//! Reading is tolerant by default; `Config::strict_reading` makes it strict.
//! - **Absent or `null` where the schema allows no null** (tolerant): the
//!   field takes its type's empty value: `""`, `0`, `false`, an empty list or
//!   map, a struct read from `{}`, an open enum's `Other("")`/`Other(0)`, and
//!   for a union `Unknown(null)`. Strict: `missing field` / `invalid type`.
//! - **Written back**: what the field holds. A required field that arrived
//!   absent is written as its empty value (a union's as `null`), so what is
//!   written is complete by the spec's `required` list.
//! - **Constants** (`const`, one-value enums) are `Cow<'static, str>` fields
//!   that start as the spec's value (in `new` and `Default`, and when absent
//!   or `null`) and keep any other value as sent, which is what is written
//!   back. Reading the spec's value borrows the `&'static str` instead of
//!   allocating a `String` (bodies send it nearly always: a tagged union's
//!   every arm has one, as do most objects' `object` and `role`). An optional
//!   constant is an `Option` of one: `new` and `Default` fill in the spec's
//!   value, but a body that leaves it out reads as `None` and is written back
//!   without it. Strict reading refuses another value, and a required
//!   constant that is absent or `null`.
//! - **Unions**: a tag the spec does not know, or a body no arm accepts, is
//!   kept whole in `Unknown`; tolerant reading does the same with a known tag
//!   whose arm does not read (a property of the wrong JSON type), where
//!   strict reading reports the arm's error.
//! - **Unknown properties** go to the struct's `extra` map (unless
//!   `Config::keep_unknown_properties(false)`) and are written back after
//!   the named ones. A struct whose spec says `additionalProperties: false`
//!   has no such map; one that flattens a union leaves them to the union's arm.
//!
//! # Building
//! A struct whose fields are all optional implements `Default`; one with
//! required fields has `new(required...)` taking each as `impl Into<T>`
//! (`impl Into<Option<T>>` where it is nullable), in `required` order, and
//! setting the rest to `None`, constants to their value and `extra` to empty.
//! Open enums convert from `&str` and `String`; a union converts from each
//! arm type that no other arm shares, and from `&str`/`String` when exactly one
//! arm is string-shaped. The impls live in the generated module, which allows
//! `deprecated` there, so building through them never warns in the user's
//! crate; naming a deprecated field does.
//!
//! The conversions (`From`, `as_str`, a hand-written `default`) are
//! `#[inline]`: rustc then makes machine code only for those a user calls, in
//! the user's crate, instead of for all of them (about 3,500 in OpenAI's
//! models) whenever the generated crate builds. That took 1.5 s off its
//! clean compile. A struct's `from_map` is `#[inline]` too, for reading
//! speed (see `__serde::deserialize`); it is generic, so it costs the
//! generated crate nothing until a reader instantiates it.
//! A struct's reader leaves its slots' types to inference and reads an
//! `Option` field straight into the field: fewer tokens, same behaviour.
//!
//! Generated code names the crates it uses by absolute path (`::serde`,
//! `::serde_json`, `::std`) and other modules by `super::module::Type`, so it
//! can be `include!`d anywhere. Lint allowances sit on the module that needs
//! them, each with its reason.

use std::cell::Cell;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::docs;
use crate::error::Result;
use crate::model::{Enabled, Field, Kind, Model, Selection, Ty, TypeDef, TypeId};
use crate::runtime::{self, Part};

mod enums;
mod operations;
mod structs;
mod unions;

/// Settings for emission.
#[derive(Clone, Debug, Default)]
pub struct EmitSettings {
    /// Base for relative links in descriptions.
    pub doc_base_url: String,
    /// Read strictly: absent required fields, unexpected nulls and constants
    /// sent with another value are errors.
    pub strict: bool,
    /// Which Cargo features are on: only the types and operations they
    /// reach are emitted (`model::features`).
    pub features: Enabled,
    /// Attributes put on the types a path selects (`Config::type_attribute`),
    /// as Rust source that `Config` checked parses as outer attributes.
    pub type_attributes: Vec<(TypePath, String)>,
    /// Attributes put on the fields a path selects (`Config::field_attribute`).
    pub field_attributes: Vec<(FieldPath, String)>,
}

/// The types a `Config::type_attribute` path selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypePath {
    /// `.`: every struct and enum.
    All,
    /// The type made for the schema at this JSON pointer.
    At(String),
}

impl TypePath {
    /// Whether it selects `t`. A type alias takes no attributes, so none selects one.
    pub fn selects(&self, t: &TypeDef) -> bool {
        if matches!(t.kind, Kind::Alias(_)) {
            return false;
        }
        match self {
            TypePath::All => true,
            TypePath::At(pointer) => *pointer == t.pointer,
        }
    }
}

/// The user's attributes, as tokens (`Config` checked that each parses).
fn user_attributes<'s>(attrs: impl Iterator<Item = &'s String>) -> TokenStream {
    attrs.filter_map(|attr| attr.parse::<TokenStream>().ok()).collect()
}

/// The fields a `Config::field_attribute` path selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldPath {
    /// `.`: every field of every struct.
    All,
    /// The property of this JSON name of the struct made for the schema at
    /// this pointer.
    At(String, String),
}

impl FieldPath {
    /// Whether it selects field `f` of struct `t`.
    pub fn selects(&self, t: &TypeDef, f: &Field) -> bool {
        match self {
            FieldPath::All => !f.flatten,
            FieldPath::At(pointer, json) => *pointer == t.pointer && *json == f.json && !f.flatten,
        }
    }
}

/// Emit every module, the root re-exports, and the operations module,
/// after the runtime modules they call: the whole file at once, which
/// the output stage makes module by module in parallel (its test compares).
#[cfg(test)]
pub fn emit(model: &Model, settings: &EmitSettings) -> Result<TokenStream> {
    let mut needs = Needs::default();
    let mut body = TokenStream::new();
    for m in 0..model.modules.len() {
        let (tokens, module_needs) = emit_module(model, settings, m);
        body.extend(tokens);
        needs = needs.or(module_needs);
    }
    let mut out = support(&needs, settings)?;
    out.extend(body);
    Ok(out)
}

/// What the printed code calls in the crate's own runtime modules, recorded
/// by the code that prints each call (`Emitter::support_path`, `Emitter::ty`,
/// `Emitter::operations`), so that [`support`] gives exactly those.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    /// The parts of `__serde` called.
    parts: runtime::Parts,
    /// The operations runtime of `api`: an operation, or an `api::File`.
    api: bool,
    /// `api::Link`.
    link: bool,
}

impl Needs {
    /// What either needs.
    pub fn or(self, other: Needs) -> Needs {
        Needs { parts: self.parts.or(other.parts), api: self.api || other.api, link: self.link || other.link }
    }
}

/// The runtime modules the emitted code calls, as `needs` recorded them
/// ([`emit_module`] gives each module's): the private module `__serde` that
/// the generated `Deserialize` impls share, holding exactly the parts they
/// call (nothing when none does, as in a spec without structs), and the
/// public `api` (see `crate::runtime`). It comes first in the output.
pub fn support(needs: &Needs, settings: &EmitSettings) -> Result<TokenStream> {
    let mut out = runtime::support_module(&needs.parts, settings.strict)?;
    out.extend(runtime::api_module(needs.api, needs.link)?);
    Ok(out)
}

/// Emit one module and the re-export of its main type (empty for a module
/// without types), with what it calls in the runtime modules. Modules are
/// independent of each other, so they can be emitted and formatted in
/// parallel and joined in order, after [`support`] for all they need.
pub fn emit_module(model: &Model, settings: &EmitSettings, m: usize) -> (TokenStream, Needs) {
    let e = Emitter::new(model, settings);
    let module = &model.modules[m];
    let mut out = TokenStream::new();
    let types: Vec<TypeId> = module.types.iter().copied().filter(|&id| e.has_type(id)).collect();
    let operations_here = model.operations_module == Some(m) && (0..model.operations.len()).any(|i| e.has_operation(i));
    if types.is_empty() && !operations_here {
        return (out, Needs::default());
    }
    let name = ident(&module.name);
    let items = types.iter().map(|&id| after_docs(e.feature_doc(&model.features.of_type[id]), e.type_def(m, id)));
    let mut allows = e.allowances(&types);
    let mut operations = TokenStream::new();
    if operations_here {
        operations = e.operations(m);
        allows = quote! {
            #[allow(deprecated, reason = "the spec marks some operations, parameters or their types deprecated for users; the generated impls still handle them")]
            #[allow(clippy::large_enum_variant, reason = "union variants mirror the API's payloads, whose sizes differ")]
        };
    }
    out.extend(quote! {
        #allows
        pub mod #name {
            #(#items)*
            #operations
        }
    });
    if let Some(main) = module.main.filter(|&id| e.has_type(id)) {
        let ty = ident(&model.types[main].name);
        let allow = if model.types[main].deprecated {
            quote! { #[allow(deprecated, reason = "re-exporting keeps the spec's deprecated models reachable")] }
        } else {
            TokenStream::new()
        };
        out.extend(quote! { #allow pub use #name::#ty; });
    }
    (out, e.needs.get())
}

fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `item` with `note` after its leading doc attributes and a blank doc
/// line, so that the spec's own first line stays the summary rustdoc shows
/// in lists.
fn after_docs(note: TokenStream, item: TokenStream) -> TokenStream {
    if note.is_empty() {
        return item;
    }
    let tokens: Vec<proc_macro2::TokenTree> = item.into_iter().collect();
    let is_doc = |pair: &[proc_macro2::TokenTree]| match pair {
        [proc_macro2::TokenTree::Punct(p), proc_macro2::TokenTree::Group(g)] => {
            p.as_char() == '#' && g.delimiter() == proc_macro2::Delimiter::Bracket && g.stream().into_iter().next().is_some_and(|t| t.to_string() == "doc")
        }
        _ => false,
    };
    let mut at = 0;
    while at + 2 <= tokens.len() && is_doc(&tokens[at..at + 2]) {
        at += 2;
    }
    let mut out: TokenStream = tokens[..at].iter().cloned().collect();
    if at > 0 {
        out.extend(quote! { #[doc = ""] });
    }
    out.extend(note);
    out.extend(tokens[at..].iter().cloned());
    out
}

/// A doc comment's line as the literal of its `#[doc = ...]`: a raw string
/// (`r"..."`, with as many `#` as the line needs), which the layout prints
/// back as the `///` line without unescaping it, and which costs a build
/// script far less than `Literal::string`, whose escaping goes through
/// `char::escape_debug` for every character (unoptimized, most of the
/// literal's cost, and doc comments are most of the generated text). A line
/// with a carriage return, which a raw string may not hold, is escaped.
fn doc_literal(line: String) -> Literal {
    if !line.contains('\r') {
        let mut hashes = String::new();
        while line.contains(&format!("\"{hashes}")) {
            hashes.push('#');
        }
        if let Ok(literal) = format!("r{hashes}\"{line}\"{hashes}").parse::<Literal>() {
            return literal;
        }
    }
    Literal::string(&line)
}

struct Emitter<'a> {
    model: &'a Model,
    settings: &'a EmitSettings,
    /// What the enabled features turn on.
    selection: Selection,
    /// What the code printed so far calls in the runtime modules.
    needs: Cell<Needs>,
}

impl<'a> Emitter<'a> {
    fn new(model: &'a Model, settings: &'a EmitSettings) -> Self {
        Emitter { model, settings, selection: Selection::new(&model.features, &settings.features), needs: Cell::new(Needs::default()) }
    }

    /// The path of `name` in the support module, `super::__serde::name`,
    /// recording that the printed code calls `part` of it. Every call into
    /// `__serde` is printed through here, so the module holds exactly the
    /// parts called (`crate::runtime`).
    fn support_path(&self, part: Part, name: TokenStream) -> TokenStream {
        self.need(|needs| needs.parts = needs.parts.with(part));
        quote! { super::__serde::#name }
    }

    /// Record a need of the printed code.
    fn need(&self, add: impl FnOnce(&mut Needs)) {
        let mut needs = self.needs.get();
        add(&mut needs);
        self.needs.set(needs);
    }

    /// Whether the type is emitted.
    fn has_type(&self, id: TypeId) -> bool {
        self.selection.has_type(&self.model.features, id)
    }

    /// Whether the operation (an index into `Model::operations`) is emitted.
    fn has_operation(&self, op: usize) -> bool {
        self.selection.has_operation(&self.model.features, op)
    }

    /// The doc line that says which features turn an item on (none in a
    /// build without features).
    fn feature_doc(&self, features: &[usize]) -> TokenStream {
        if !self.selection.docs || features.is_empty() {
            return TokenStream::new();
        }
        let names: Vec<String> = features.iter().map(|&f| format!("`{}`", self.model.features.list[f].name)).collect();
        let line = match names.as_slice() {
            [one] => format!(" Needs the Cargo feature {one}."),
            [init @ .., last] => format!(" Needs one of the Cargo features {} or {last}.", init.join(", ")),
            [] => return TokenStream::new(),
        };
        quote! { #[doc = #line] }
    }

    fn doc(&self, text: Option<&str>) -> TokenStream {
        let Some(text) = text else { return TokenStream::new() };
        let lines = docs::rustdoc(text, &self.settings.doc_base_url);
        let lines = lines.iter().map(|l| doc_literal(if l.is_empty() { String::new() } else { format!(" {l}") }));
        quote! { #(#[doc = #lines])* }
    }

    fn deprecated(&self, yes: bool) -> TokenStream {
        if yes {
            quote! { #[deprecated] }
        } else {
            TokenStream::new()
        }
    }

    /// Lint allowances a module with these types needs, each with its reason.
    fn allowances(&self, types: &[TypeId]) -> TokenStream {
        let mut out = TokenStream::new();
        let uses_deprecated = types.iter().any(|&id| {
            let t = &self.model.types[id];
            t.deprecated
                || t.kind.refs().iter().any(|&r| self.model.types[r].deprecated)
                || matches!(&t.kind, Kind::Struct { fields, .. } if fields.iter().any(|f| f.deprecated))
        });
        if uses_deprecated {
            out.extend(quote! {
                #[allow(deprecated, reason = "the spec marks these deprecated for users; the generated impls still handle them")]
            });
        }
        if types.iter().any(|&id| matches!(self.model.types[id].kind, Kind::Tagged { .. } | Kind::Untagged { .. })) {
            out.extend(quote! {
                #[allow(clippy::large_enum_variant, reason = "union variants mirror the API's payloads, whose sizes differ")]
            });
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
            Ty::Constant => quote! { ::std::borrow::Cow<'static, str> },
            Ty::Bool => quote! { bool },
            Ty::I64 => quote! { i64 },
            Ty::U64 => quote! { u64 },
            Ty::I32 => quote! { i32 },
            Ty::U32 => quote! { u32 },
            Ty::F64 => quote! { f64 },
            Ty::Unit => quote! { () },
            Ty::File => {
                self.need(|needs| needs.api = true);
                quote! { super::api::File }
            }
            Ty::Value => quote! { ::serde_json::Value },
            // `Config` checked that it parses as a type.
            Ty::Extern(path) => path.parse().unwrap_or_else(|_| quote! { ::serde_json::Value }),
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
            Ty::Linked(t) => {
                self.need(|needs| needs.link = true);
                let t = self.ty(from, t);
                quote! { super::api::Link<#t> }
            }
        }
    }

    fn type_def(&self, m: usize, id: TypeId) -> TokenStream {
        let t = &self.model.types[id];
        // The user's attributes first: the definition is the first item.
        let attrs = user_attributes(self.settings.type_attributes.iter().filter(|(path, _)| path.selects(t)).map(|(_, attr)| attr));
        let def = self.type_def_inner(m, id, t);
        quote! { #attrs #def }
    }

    /// The user's attributes for field `f` of struct `t` (`Config::field_attribute`).
    fn field_attrs(&self, t: &TypeDef, f: &Field) -> TokenStream {
        user_attributes(self.settings.field_attributes.iter().filter(|(path, _)| path.selects(t, f)).map(|(_, attr)| attr))
    }

    fn type_def_inner(&self, m: usize, id: TypeId, t: &TypeDef) -> TokenStream {
        match &t.kind {
            Kind::Struct { fields, extra, new_args } => self.struct_def(m, t, fields, extra.as_ref(), new_args),
            Kind::StringEnum { values, other } => self.string_enum(t, values, other),
            Kind::IntEnum { values, other } => self.int_enum(t, values, other),
            Kind::Tagged { property, variants, unknown, groups } => self.tagged(m, id, property, variants, unknown, groups),
            Kind::Untagged { variants, unknown, plan } => self.untagged(m, id, variants, unknown, plan),
            Kind::Alias(ty) => {
                let name = ident(&t.name);
                let doc = self.doc(t.doc.as_deref());
                let ty = self.ty(m, ty);
                quote! {
                    #doc
                    pub type #name = #ty;
                }
            }
            Kind::Newtype(ty) => {
                let name = ident(&t.name);
                let doc = self.doc(t.doc.as_deref());
                let deprecated = self.deprecated(t.deprecated);
                let ty = self.ty(m, ty);
                quote! {
                    #doc
                    #deprecated
                    #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                    #[serde(transparent)]
                    pub struct #name(pub #ty);
                    impl From<#ty> for #name {
                        #[inline]
                        fn from(value: #ty) -> Self {
                            Self(value)
                        }
                    }
                }
            }
            // `model::build` leaves none.
            Kind::Pending => TokenStream::new(),
        }
    }

    /// Follow aliases: the type a `Ty` finally names (boxes kept).
    fn resolve<'t>(&'t self, ty: &'t Ty) -> &'t Ty {
        crate::model::resolve_alias(&self.model.types, ty)
    }

    /// Whether values of `ty` are written as JSON strings of any content: `String`
    /// and open string enums (through aliases).
    fn string_shaped(&self, ty: &Ty) -> bool {
        match self.resolve(ty) {
            Ty::String => true,
            Ty::Named(id) => matches!(self.model.types[*id].kind, Kind::StringEnum { .. }),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::Parts;

    /// A doc line's literal holds the line exactly, whatever quotes, hashes
    /// or backslashes it has, and the plain layout prints it back as that
    /// `///` line; a carriage return, which no raw string holds, is escaped.
    #[test]
    fn doc_literals_hold_their_line() {
        let lines =
            [" plain", " say \"hi\"", " ends in a quote\"", " a \"# raw end and \"## another", r" a \backslash and \n, not a newline", "", " carriage\rreturn"];
        for line in lines {
            let literal = doc_literal(line.to_owned());
            let syn::Lit::Str(read) = syn::Lit::new(literal.clone()) else { panic!("{line:?}: not a string literal") };
            assert_eq!(read.value(), line);
            assert_eq!(literal.to_string().starts_with('r'), !line.contains('\r'), "{line:?}: {literal}");
            let printed = crate::layout::lay_out(quote! { #[doc = #literal] pub struct S; });
            if !line.contains('\r') {
                assert!(printed.contains(&format!("///{line}\n")), "{line:?}: {printed}");
            }
        }
    }

    /// Each part of `__serde`, and the printed paths that call it.
    const CALLS: &[(Part, &[&str])] = &[
        (Part::Struct, &["__serde::deserialize(", "__serde::FromMap"]),
        (Part::KeysNew, &["__serde::read_named("]),
        (Part::Read, &["__serde::Optional::<"]),
        (Part::Required, &["__serde::Required::<"]),
        (Part::Constant, &["__serde::RequiredConstant("]),
        (Part::OptionalConstant, &["__serde::OptionalConstant("]),
        (Part::Keep, &["__serde::read_keeping("]),
        (Part::FromRest, &["__serde::from_rest("]),
        (Part::Write, &["__serde::write("]),
        (Part::WriteField, &["__serde::write_field("]),
        (Part::WriteOptional, &["__serde::write_optional("]),
        (Part::WriteRest, &["__serde::write_rest("]),
        (Part::WriteFlatten, &["__serde::write_flatten("]),
        (Part::StringEnum, &["__serde::string_enum("]),
        (Part::Buffer, &["__serde::Json"]),
        (Part::Lookup, &["__serde::Json::as_str"]),
        (Part::Rank, &["__serde::rank(", "__serde::Shape"]),
    ];

    /// Module by module, over fixtures that call every part, what a module
    /// records is exactly what its printed code calls: a call printed
    /// without recording its part fails here even when another module
    /// happens to record that part (`tests/support_parts.rs` checks whole
    /// files, over a sweep of specs).
    #[test]
    fn each_module_records_what_it_calls() {
        let fixtures = [
            "support_closed",
            "support_enum",
            "support_optional",
            "support_required",
            "support_union",
            "unions",
            "allof",
            "long_chains",
            "endpoints",
            "reading",
        ];
        let mut seen = Needs::default();
        for fixture in fixtures {
            let path = format!("{}/tests/fixtures/{fixture}/spec.yaml", env!("CARGO_MANIFEST_DIR"));
            let mut value = crate::load::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
            crate::normalize::normalize(&mut value);
            let config = crate::Config::new();
            let model = crate::model::build(&crate::load::typed(&value).unwrap(), &config.model_settings(), &crate::model::Reach::of(&value)).unwrap();
            for m in 0..model.modules.len() {
                let (tokens, needs) = emit_module(&model, &config.emit_settings(), m);
                let text = tokens.to_string().replace(' ', "");
                for (part, calls) in CALLS {
                    let called = calls.iter().any(|c| text.contains(c));
                    assert_eq!(needs.parts.has(*part), called, "[{fixture}, module {m}] {part:?} recorded or called, not both\n{text}");
                }
                let link = text.contains("super::api::Link");
                assert_eq!(needs.link, link, "[{fixture}, module {m}] `api::Link` recorded or named, not both");
                assert_eq!(
                    needs.api,
                    text.replace("super::api::Link", "").contains("super::api::"),
                    "[{fixture}, module {m}] the API runtime recorded or called, not both"
                );
                seen = seen.or(needs);
            }
        }
        // The fixtures call everything, or the loop above proves less than it says.
        let all = CALLS.iter().fold(Parts::default(), |parts, (part, _)| parts.with(*part));
        assert_eq!(seen, Needs { parts: all, api: true, link: true });
    }

    /// Every call into `__serde` is printed by `Emitter::support_path`, the
    /// one place that records its part.
    #[test]
    fn only_support_path_prints_the_support_module() {
        let path = concat!("super::", "__serde::");
        let sources = [
            ("mod.rs", include_str!("mod.rs")),
            ("structs.rs", include_str!("structs.rs")),
            ("unions.rs", include_str!("unions.rs")),
            ("enums.rs", include_str!("enums.rs")),
            ("operations.rs", include_str!("operations.rs")),
        ];
        for (file, source) in sources {
            let printed = source.lines().filter(|line| !line.trim_start().starts_with("//") && line.contains(path)).count();
            assert_eq!(printed, usize::from(file == "mod.rs"), "{file} prints `{path}` other than through `support_path`");
        }
    }
}
