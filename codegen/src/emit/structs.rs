//! Structs: the definition, the written-out reader and writer, and
//! `new`/`Default`.
//!
//! **Wide structs** (more than [`WIDE`] fields, which no real spec has: the
//! widest in OpenAI's, Stripe's, Discord's and Box's specs have 61, 82, 44
//! and 44) are written so that rustc's work stays linear in the number of
//! fields: `PartialEq` is written out as one statement per field, where the
//! derive nests one expression per field (`a == b && ...`) and overflows
//! rustc's stack past a few thousand fields.
//!
//! **Writing.** No struct derives `Serialize`: every struct writes itself
//! through the support module's `Write`, one statement per field
//! ([`Emitter::struct_serialize`]). serde's derive, with the
//! `#[serde(flatten)]` the extra map needs and a `skip_serializing_if` per
//! optional field, was 22% of rustc's time on OpenAI's full spec (each
//! derived impl replaced by a stub: 25.2 s to 19.6 s). The JSON is the same:
//! an object, in field order, an absent optional field left out, then the
//! extra map's entries. It is always written as a map (`serialize_map`),
//! as the derive wrote every struct that has an extra map. So no field
//! carries a `#[serde(...)]` attribute, and a user's `field_attribute` that
//! gives one is an error: the generated crate writes its own serde impls.
//!
//! **Reader shape.** A struct's reader is most of what rustc spends on the
//! generated crate (on OpenAI's full spec, replacing every reader body with
//! `unimplemented!()` cut rustc's time by 38%), so its shape is chosen for
//! the compiler. The loop over the keys and the rules for what was read are
//! the support module's, compiled once: a reader hands `read_named` (or
//! `read_keeping`, which also keeps unknown keys) its typed slots, in tuples
//! of up to eight ([`tree`]), and its key lookup; they are filled in place,
//! and each value is moved out of its slot ([`slot_paths`]) straight into the
//! struct:
//!
//! ```text
//! let mut __slots = (Required::<String>(None, "id"), Optional::<Option<String>>(None),
//!     Required::<i64>(None, "created_at"), Required::<Owner>(None, "owner"));
//! if let Err(__e) = read_named(__map, &mut __slots,
//!     |__key| match __key { "id" => 0, "name" => 1, ... _ => UNKNOWN }) { return Err(__e); }
//! Ok(Self { id: Required::value(__slots.0), name: Optional::value(__slots.1),
//!     created_at: Required::value(__slots.2), owner: Required::value(__slots.3), extra: __rest })
//! ```
//!
//! - Each slot is typed, where an untyped `None` leaves its obligations
//!   pending until the struct literal (inferring thousands of them is
//!   quadratic: 10,000 properties took minutes).
//! - Past eight keys, tuples of full tuples and the rest: a key finds its
//!   slot by one `match` per level, and a struct of up to eight keys moves
//!   each value into one tuple. Pairs nested to any depth (a balanced tree)
//!   cost rustc more and moved each value once per level.
//! - No `?`: each fallible step is a `match` that returns the error
//!   ([`try_value`]), where `?` makes rustc solve `Try`/`FromResidual`/`From`
//!   each time.
//!
//! Against a written-out loop (a typed local, a call and a `match` arm per
//! field), rustc on OpenAI's full spec took 17% less time (26.9 s to
//! 22.4 s, median of 3 pairs) and 10% less memory (1456 MB to 1312 MB), and
//! the generated code has a fifth fewer lines. Reading pays about 1% more
//! instructions on chat completions and responses (`benches/read-speed`,
//! callgrind). Moving the values out through a tuple bound by a pattern
//! (`let (id, ...) = Slots::values(__slots)`) moved each value once more:
//! 1.1% and 0.9% more instructions than moving each straight into the
//! struct, for the same rustc time. Returning the values through a
//! `Result` instead of filling the slots in place moved them once more
//! still.
//!
//! **Bindings.** The reader's local for a flattened field, and `new`'s
//! parameter for a required one, are named like the field ([`bindings`]), except a field
//! whose name is only underscores and digits (properties `0`, `-1` are
//! fields `_0`, `_1`): clippy rejects such a binding
//! (`just_underscores_and_digits`), so it is `field` and the name (`field_0`),
//! claimed in a scope that holds the struct's other bindings, so that it
//! never takes another field's name (`field_0_2` if the struct has a
//! `field_0`). The reader's own locals start with `__`, which no binding does.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{ident, Emitter};
use crate::model::{Extra, Field, Ty, TypeDef};
use crate::naming::{Case, Scope};
use crate::runtime::Part;

/// A field that is simply `None` when the input leaves it out: an optional
/// `Option`. Constants and required fields go through the support module's
/// `RequiredConstant` and `Required` slots, which apply the reading mode.
pub(super) fn defaulted(f: &Field) -> bool {
    matches!(f.ty, Ty::Option(_)) && !f.required
}

/// A field read straight into its `Option`: absent or `null` is `None` in
/// either reading mode (as serde's derive reads an `Option`), so it needs no
/// slot of its own. That includes required nullable fields and optional
/// constants (which strict reading then checks).
pub(super) fn reads_as_option(f: &Field) -> bool {
    matches!(f.ty, Ty::Option(_)) && !f.flatten
}

/// Whether a struct's reader keeps the keys no field claims: for flattened
/// fields and the extra map; otherwise they are skipped.
pub(super) fn keeps_rest(fields: &[Field], extra: Option<&Extra>) -> bool {
    extra.is_some() || fields.iter().any(|f| f.flatten)
}

/// The name each field is bound to in the reader and in `new` (module docs:
/// bindings), in field order.
pub(super) fn bindings(fields: &[Field]) -> Vec<Ident> {
    binding_names(&fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>())
}

/// [`bindings`] of any field names (an operation's `new` takes its
/// parameters by them too).
pub(super) fn binding_names(names: &[&str]) -> Vec<Ident> {
    let digits_only = |name: &str| name.chars().all(|c| c == '_' || c.is_ascii_digit());
    let mut scope = Scope::new(Case::Field);
    for name in names.iter().filter(|n| !digits_only(n)) {
        scope.reserve(name);
    }
    names.iter().map(|name| if digits_only(name) { ident(&scope.claim(&format!("field{name}"))) } else { ident(name) }).collect()
}

/// Structs with more fields than this are wide (module docs).
pub(super) const WIDE: usize = 256;

/// Whether a struct is wide (module docs): its extra map counts as a field.
fn is_wide(fields: &[Field], extra: Option<&Extra>) -> bool {
    fields.len() + usize::from(extra.is_some()) > WIDE
}

impl Emitter<'_> {
    pub(super) fn struct_def(&self, m: usize, t: &TypeDef, fields: &[Field], extra: Option<&Extra>, new_args: &[usize]) -> TokenStream {
        let name = ident(&t.name);
        let doc = self.doc(t.doc.as_deref());
        let deprecated = self.deprecated(t.deprecated);
        let wide = is_wide(fields, extra);
        let field_defs = fields.iter().map(|f| {
            let attrs = self.field_attrs(t, f);
            let def = self.field(m, f);
            quote! { #attrs #def }
        });
        let extra_def = extra.map(|x| {
            let ty = self.ty(m, &x.ty);
            let field = ident(&x.name);
            let text = if x.unknown {
                " Properties this version of the spec does not name, kept as sent and written back."
            } else {
                " Properties beyond the ones above (`additionalProperties`)."
            };
            quote! {
                #[doc = #text]
                pub #field: ::std::collections::BTreeMap<String, #ty>,
            }
        });
        let deserialize = self.struct_deserialize(m, &name, fields, extra);
        // Nothing required and no constant: every field starts empty, and the derive says so.
        let derives_default = new_args.is_empty() && fields.iter().all(|f| f.constant.is_none());
        let build = if derives_default { TokenStream::new() } else { self.constructor(m, &name, fields, extra, new_args) };
        let default = if derives_default {
            quote! { Default, }
        } else {
            TokenStream::new()
        };
        let (derives, eq) = if wide {
            (quote! { #[derive(Debug, Clone, #default)] }, wide_eq(&name, fields, extra))
        } else {
            (quote! { #[derive(Debug, Clone, #default PartialEq)] }, TokenStream::new())
        };
        let serialize = self.struct_serialize(&name, fields, extra);
        quote! {
            #doc
            #deprecated
            #derives
            pub struct #name {
                #(#field_defs)*
                #extra_def
            }
            #eq
            #serialize
            #deserialize
            #build
        }
    }

    fn field(&self, m: usize, f: &Field) -> TokenStream {
        let doc = match &f.constant {
            Some(value) => {
                let absent = if reads_as_option(f) { " A body that leaves it out reads as `None`." } else { "" };
                let note =
                    format!("The spec's value is `{value:?}`, which `new` and `Default` fill in; another value sent by the API is kept as sent.{absent}");
                let text = match &f.doc {
                    Some(d) => format!("{}\n\n{note}", d.trim_end()),
                    None => note,
                };
                self.doc(Some(&text))
            }
            None => self.doc(f.doc.as_deref()),
        };
        let name = ident(&f.name);
        let ty = self.ty(m, &f.ty);
        let deprecated = self.deprecated(f.deprecated);
        quote! {
            #doc
            #deprecated
            pub #name: #ty,
        }
    }

    /// `Default` when no field is required (constants aside), else `new`.
    fn constructor(&self, m: usize, name: &Ident, fields: &[Field], extra: Option<&Extra>, new_args: &[usize]) -> TokenStream {
        let bindings = bindings(fields);
        let mut inits: Vec<TokenStream> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let fname = ident(&f.name);
                if let Some(value) = f.constant.as_ref().filter(|_| reads_as_option(f)) {
                    quote! { #fname: Some(::std::borrow::Cow::Borrowed(#value)), }
                } else if let Some(value) = &f.constant {
                    quote! { #fname: ::std::borrow::Cow::Borrowed(#value), }
                } else if new_args.contains(&i) {
                    let param = &bindings[i];
                    quote! { #fname: #param.into(), }
                } else {
                    quote! { #fname: None, }
                }
            })
            .collect();
        if let Some(x) = extra {
            let fname = ident(&x.name);
            inits.push(quote! { #fname: ::std::collections::BTreeMap::new(), });
        }
        if new_args.is_empty() {
            return quote! {
                impl ::std::default::Default for #name {
                    #[inline]
                    fn default() -> Self {
                        Self { #(#inits)* }
                    }
                }
            };
        }
        let params = new_args.iter().map(|&i| {
            let param = &bindings[i];
            let ty = self.ty(m, &fields[i].ty);
            quote! { #param: impl Into<#ty> }
        });
        let allow = if new_args.len() > 7 {
            quote! { #[allow(clippy::too_many_arguments, reason = "one argument per required property of the spec")] }
        } else {
            TokenStream::new()
        };
        let names: Vec<&str> = new_args.iter().map(|&i| if fields[i].flatten { fields[i].name.as_str() } else { fields[i].json.as_str() }).collect();
        let text = format!(" A value with the required properties (`{}`); optional ones are `None`.", names.join("`, `"));
        quote! {
            impl #name {
                #[doc = #text]
                #allow
                pub fn new(#(#params),*) -> Self {
                    Self { #(#inits)* }
                }
            }
        }
    }

    /// A struct's `Serialize`, written out instead of derived (module docs:
    /// writing): one call of the support module's `Write` per field, in
    /// field order, with the JSON names; an absent optional field is left
    /// out, a flattened one writes its entries, and the extra map's entries
    /// come last.
    fn struct_serialize(&self, name: &Ident, fields: &[Field], extra: Option<&Extra>) -> TokenStream {
        let write = self.support_path(Part::Write, quote! { write });
        let entries: Vec<TokenStream> = fields
            .iter()
            .map(|f| {
                let field = ident(&f.name);
                let json = &f.json;
                if f.flatten {
                    let write_flatten = self.support_path(Part::WriteFlatten, quote! { write_flatten });
                    quote! { #write_flatten(&mut __w, &self.#field); }
                } else if defaulted(f) {
                    let write_optional = self.support_path(Part::WriteOptional, quote! { write_optional });
                    quote! { #write_optional(&mut __w, #json, &self.#field); }
                } else {
                    let write_field = self.support_path(Part::WriteField, quote! { write_field });
                    quote! { #write_field(&mut __w, #json, &self.#field); }
                }
            })
            .chain(extra.map(|x| {
                let field = ident(&x.name);
                let write_rest = self.support_path(Part::WriteRest, quote! { write_rest });
                quote! { #write_rest(&mut __w, &self.#field); }
            }))
            .collect();
        let binding = if entries.is_empty() {
            quote! { __w }
        } else {
            quote! { mut __w }
        };
        quote! {
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    let #binding = #write(serializer);
                    #(#entries)*
                    __w.end()
                }
            }
        }
    }

    /// A struct's `Deserialize`, written out instead of derived: a `FromMap`
    /// impl that hands the support module's `read_named` (or `read_keeping`)
    /// its typed slots, one per key, in tuples of up to eight (module docs:
    /// reader shape), and its key lookup. Optional fields left out are `None`; required fields
    /// and constants go through the support module's `Required`,
    /// `RequiredConstant` and `OptionalConstant` slots, which apply the
    /// reading mode; unknown keys go to the `extra` map (or are skipped);
    /// flattened fields take the keys left over. A repeated key is taken
    /// last-wins. Pinned by `tests/goldens` (`constants::reading`).
    fn struct_deserialize(&self, m: usize, name: &Ident, fields: &[Field], extra: Option<&Extra>) -> TokenStream {
        let expecting = format!("struct {name}");
        // A flattened field is read into a local named like the field
        // (module docs: bindings); the reader's own locals start with `__`,
        // which no binding does.
        let bindings = bindings(fields);
        // The fields read from a key of their own, in spec order, as the
        // slots are numbered.
        let keyed: Vec<&Field> = fields.iter().filter(|f| !f.flatten).collect();
        let names: Vec<&str> = keyed.iter().map(|f| f.json.as_str()).collect();
        // Each slot, and the path of the function that moves its value out.
        let (slots, takes): (Vec<TokenStream>, Vec<TokenStream>) = keyed
            .iter()
            .map(|f| {
                let json = &f.json;
                // A constant's value is read by the support module's
                // `Constant`, which takes the spec's value without allocating.
                if let Some(value) = f.constant.as_ref().filter(|_| reads_as_option(f)) {
                    let slot = self.support_path(Part::OptionalConstant, quote! { OptionalConstant });
                    (quote! { #slot(None, #value, #json) }, quote! { #slot::value })
                } else if let Some(value) = &f.constant {
                    let slot = self.support_path(Part::Constant, quote! { RequiredConstant });
                    (quote! { #slot(None, #value, #json) }, quote! { #slot::value })
                } else if reads_as_option(f) {
                    let field_ty = self.ty(m, &f.ty);
                    let slot = self.support_path(Part::Read, quote! { Optional });
                    (quote! { #slot::<#field_ty>(None) }, quote! { #slot::value })
                } else {
                    let field_ty = self.ty(m, &f.ty);
                    let slot = self.support_path(Part::Required, quote! { Required });
                    (quote! { #slot::<#field_ty>(None, #json) }, quote! { #slot::value })
                }
            })
            .unzip();
        let slots = tree(&slots);
        let keep_rest = keeps_rest(fields, extra);
        let unknown = self.support_path(if keep_rest { Part::Keep } else { Part::KeysNew }, quote! { UNKNOWN });
        // Each key is told apart by a `match` of the struct's own, as
        // serde's derive does it: rustc compares the length and then the
        // bytes against each name as a constant, where a search of a list
        // of names calls `memcmp` for each name of the same length.
        let find = if names.is_empty() {
            quote! { |_| #unknown }
        } else {
            let indices = (0..names.len()).map(Literal::usize_unsuffixed);
            quote! {
                |__key| match __key {
                    #(#names => #indices,)*
                    _ => #unknown,
                }
            }
        };
        // With only an extra map, leftover keys go straight into it, typed;
        // flattened unions read theirs from the leftovers kept as JSON.
        let typed_extra = extra.filter(|_| !fields.iter().any(|f| f.flatten));
        // The slots are filled in place, then each value is moved out of its
        // slot straight into the struct. A struct that names no keys passes
        // `&mut ()`.
        let (slots_decl, slots_arg) =
            if keyed.is_empty() { (TokenStream::new(), quote! { &mut () }) } else { (quote! { let mut __slots = #slots; }, quote! { &mut __slots }) };
        let mut taken = takes.iter().zip(slot_paths(keyed.len(), quote! { __slots }));
        let (rest_decl, call) = if !keep_rest {
            let read_named = self.support_path(Part::KeysNew, quote! { read_named });
            (TokenStream::new(), quote! { #read_named(__map, #slots_arg, #find) })
        } else {
            let rest = match typed_extra {
                Some(x) => self.ty(m, &x.ty),
                None => quote! { ::serde_json::Value },
            };
            let read_keeping = self.support_path(Part::Keep, quote! { read_keeping });
            (quote! { let mut __rest = ::std::collections::BTreeMap::<String, #rest>::new(); }, quote! { #read_keeping(__map, #slots_arg, #find, &mut __rest) })
        };
        let read = quote! {
            #slots_decl
            #rest_decl
            if let Err(__e) = #call {
                return Err(__e);
            }
        };
        // Flattened fields, then an untyped extra map, read from the keys
        // left over, after every keyed field.
        let mut lets: Vec<TokenStream> = Vec::new();
        let mut inits: Vec<TokenStream> = Vec::new();
        for (f, slot) in fields.iter().zip(&bindings) {
            let fname = ident(&f.name);
            if f.flatten {
                let from_rest = self.support_path(Part::FromRest, quote! { from_rest });
                let value = try_value(quote! { #from_rest(&__rest) });
                lets.push(quote! { let #slot = #value; });
                inits.push(if *slot == fname {
                    quote! { #fname, }
                } else {
                    quote! { #fname: #slot, }
                });
            } else if let Some((take, path)) = taken.next() {
                // A keyed field: its value, moved out of its slot.
                inits.push(quote! { #fname: #take(#path), });
            }
        }
        if let Some(x) = extra {
            let fname = ident(&x.name);
            inits.push(if typed_extra.is_some() {
                quote! { #fname: __rest, }
            } else {
                let from_rest = self.support_path(Part::FromRest, quote! { from_rest });
                let value = try_value(quote! { #from_rest(&__rest) });
                lets.push(quote! { let __extra = #value; });
                quote! { #fname: __extra, }
            });
        }
        let deserialize = self.support_path(Part::Struct, quote! { deserialize });
        let from_map = self.support_path(Part::Struct, quote! { FromMap });
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #deserialize(deserializer)
                }
            }
            impl #from_map for #name {
                const EXPECTING: &'static str = #expecting;
                #[inline]
                #[allow(clippy::question_mark, reason = "a `match` costs rustc less than `?`")]
                fn from_map<'de, __A: ::serde::de::MapAccess<'de>>(__map: __A) -> ::std::result::Result<Self, __A::Error> {
                    #read
                    #(#lets)*
                    Ok(Self { #(#inits)* })
                }
            }
        }
    }
}

/// The most slots in one tuple of a reader's slots (the support module's
/// `Slots`, implemented for tuples of up to this many).
const FANOUT: usize = 8;

/// `items` in tuples of up to [`FANOUT`], left to right: `(a, b, c)`; past
/// that, tuples of full tuples and the rest (`((a, ..., h), (i, j))`), and
/// so on; one item is itself, none is `()`. The shape of a reader's slots,
/// which [`slot_paths`] follows to take each value out (module docs: reader
/// shape).
fn tree(items: &[TokenStream]) -> TokenStream {
    match items {
        [] => quote! { () },
        [one] => one.clone(),
        _ if items.len() <= FANOUT => quote! { (#(#items),*) },
        _ => tree(&items.chunks(FANOUT).map(tree).collect::<Vec<_>>()),
    }
}

/// Where each of `n` slots sits in [`tree`]'s shape, left to right, from
/// `root`: `root` for one slot, `root.2` in a tuple, `root.1.0` past eight.
fn slot_paths(n: usize, root: TokenStream) -> Vec<TokenStream> {
    if n <= 1 {
        return (0..n).map(|_| root.clone()).collect();
    }
    if n <= FANOUT {
        return (0..n)
            .map(|i| {
                let i = Literal::usize_unsuffixed(i);
                quote! { #root.#i }
            })
            .collect();
    }
    // The widths of the items of the top level, as `tree` nests them.
    let mut width = 1;
    while n.div_ceil(width) > FANOUT {
        width *= FANOUT;
    }
    (0..n.div_ceil(width))
        .flat_map(|i| {
            let len = width.min(n - i * width);
            let at = Literal::usize_unsuffixed(i);
            slot_paths(len, quote! { #root.#at })
        })
        .collect()
}

/// `result`'s value, or a return of its error: `?` without the `Try` and
/// `From` work it costs rustc (module docs: reader shape).
fn try_value(result: TokenStream) -> TokenStream {
    quote! {
        match #result {
            Ok(__value) => __value,
            Err(__e) => return Err(__e),
        }
    }
}

/// A wide struct's `PartialEq` (module docs): one statement per field.
fn wide_eq(name: &Ident, fields: &[Field], extra: Option<&Extra>) -> TokenStream {
    let compare = fields.iter().map(|f| ident(&f.name)).chain(extra.map(|x| ident(&x.name))).map(|field| {
        quote! {
            if self.#field != other.#field {
                return false;
            }
        }
    });
    quote! {
        impl PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                #(#compare)*
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader's slots: up to eight in one tuple, then tuples of full
    /// tuples and the rest, so that every item but the last of a level is
    /// full (the support module's `Slots` finds a key's item by division).
    #[test]
    fn slots_nest_by_eight() {
        let shape = |n: usize| {
            let items: Vec<TokenStream> = (0..n).map(|i| format!("a{i}").parse().unwrap()).collect();
            tree(&items).to_string().replace(' ', "")
        };
        assert_eq!(shape(0), "()");
        assert_eq!(shape(1), "a0");
        assert_eq!(shape(3), "(a0,a1,a2)");
        assert_eq!(shape(8), "(a0,a1,a2,a3,a4,a5,a6,a7)");
        assert_eq!(shape(9), "((a0,a1,a2,a3,a4,a5,a6,a7),a8)");
        assert_eq!(shape(18), "((a0,a1,a2,a3,a4,a5,a6,a7),(a8,a9,a10,a11,a12,a13,a14,a15),(a16,a17))");
        // 65 keys: a level of eight full tuples of eight, then the last key.
        let wide = shape(65);
        assert!(wide.starts_with("(((a0,") && wide.ends_with("(a56,a57,a58,a59,a60,a61,a62,a63)),a64)"), "{wide}");
    }

    /// Each field's value is moved out of its slot by a path into the
    /// slots' tuples: the `i`th path reaches the `i`th slot of [`tree`]'s
    /// shape, for any number of slots.
    #[test]
    fn slot_paths_reach_each_slot() {
        for n in [1, 2, 3, 8, 9, 17, 18, 63, 64, 65, 72, 100, 513, 600] {
            let items: Vec<TokenStream> = (0..n)
                .map(|i| {
                    let i = Literal::usize_unsuffixed(i);
                    quote! { #i }
                })
                .collect();
            let slots: syn::Expr = syn::parse2(tree(&items)).unwrap();
            let paths = slot_paths(n, quote! { __slots });
            assert_eq!(paths.len(), n);
            for (i, path) in paths.iter().enumerate() {
                let path = path.to_string().replace(' ', "");
                let mut at = &slots;
                for step in path.split('.').skip(1) {
                    let syn::Expr::Tuple(tuple) = at else { panic!("{n} slots: {path} steps into a slot") };
                    at = &tuple.elems[step.parse::<usize>().unwrap()];
                }
                let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(found), .. }) = at else { panic!("{n} slots: {path} stops at a tuple") };
                assert_eq!(found.base10_parse::<usize>().unwrap(), i, "{n} slots: {path}");
            }
        }
    }
}
