//! Unions: the enum, `Serialize` (delegating to the variant), a `Deserialize`
//! that prints the model's plan (`model::union::plan`), and `From` impls.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{ident, Emitter};
use crate::model::{JsonKind, Shape, TagGroup, Ty, TypeDef, TypeId, UntaggedPlan, Variant};
use crate::runtime::Part;

impl Emitter<'_> {
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

    pub(super) fn tagged(&self, m: usize, id: TypeId, property: &str, variants: &[Variant], unknown: &str, groups: &[TagGroup]) -> TokenStream {
        let t = &self.model.types[id];
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
                            // A tag read into the arm's `extra` is written as it came.
                            map.entry(#property).or_insert_with(|| ::serde_json::Value::from(#tag));
                        }
                        ::serde::Serialize::serialize(&json, serializer)
                    }
                }
            }
        });
        let de = groups.iter().map(|g| {
            let tags = &g.tags;
            if let [only] = g.members.as_slice() {
                let vname = ident(&variants[*only].name);
                // A known tag whose arm does not read: strict reading reports
                // why; tolerant reading keeps the JSON whole, as for an
                // unknown tag, rather than failing the whole body.
                return if self.settings.strict {
                    quote! {
                        Some(#(#tags)|*) => ::serde::Deserialize::deserialize(value.reader()).map(Self::#vname).map_err(::serde::de::Error::custom),
                    }
                } else {
                    quote! {
                        Some(#(#tags)|*) => match ::serde::Deserialize::deserialize(value.reader()) {
                            Ok(parsed) => Ok(Self::#vname(parsed)),
                            Err(_) => Ok(Self::#unknown(value.to_value())),
                        },
                    }
                };
            }
            // Several arms share the tag (InputMessage and OutputMessage are
            // both "message"): the object's properties rank them.
            let ranked = self.ranked(variants, g.members.iter().copied().zip(&g.shapes));
            quote! {
                Some(#(#tags)|*) => {
                    #ranked
                    Ok(Self::#unknown(value.to_value()))
                }
            }
        });
        // The tag is looked up in the buffered value (`Json::get`, `Json::as_str`).
        let as_str = self.support_path(Part::Lookup, quote! { Json::as_str });
        let body = quote! {
            match value.get(#property).and_then(#as_str) {
                #(#de)*
                _ => Ok(Self::#unknown(value.to_value())),
            }
        };
        let froms = self.union_froms(m, id, variants);
        let def = self.union_type(t, decls, ser.collect(), &unknown, body);
        quote! { #def #froms }
    }

    /// Try the struct arms `shaped` in the order `__serde::rank` gives for
    /// the object in `value` (none for other JSON), returning the first that
    /// reads.
    fn ranked<'s>(&self, variants: &[Variant], shaped: impl Iterator<Item = (usize, &'s Shape)>) -> TokenStream {
        let (indices, shapes): (Vec<usize>, Vec<&Shape>) = shaped.unzip();
        let shape = self.support_path(Part::Rank, quote! { Shape });
        let rank = self.support_path(Part::Rank, quote! { rank });
        let shapes = shapes.iter().map(|s| {
            let required = &s.required;
            let known = &s.known;
            let (keys, values): (Vec<&String>, Vec<&String>) = s.constants.iter().map(|(k, v)| (k, v)).unzip();
            quote! {
                #shape { required: &[#(#required),*], known: &[#(#known),*], constants: &[#((#keys, #values)),*] },
            }
        });
        // An arm ranked by several shapes (a tagged union's members, which
        // the plan lists one after another) is one match arm over their range.
        let mut arms: Vec<(usize, usize, usize)> = Vec::new();
        for (k, &i) in indices.iter().enumerate() {
            match arms.last_mut() {
                Some((arm, _, last)) if *arm == i && *last + 1 == k => *last = k,
                _ => arms.push((i, k, k)),
            }
        }
        let tries = arms.iter().map(|&(i, first, last)| {
            let vname = ident(&variants[i].name);
            let pattern = if first == last {
                let k = Literal::usize_unsuffixed(first);
                quote! { #k }
            } else {
                let (first, last) = (Literal::usize_unsuffixed(first), Literal::usize_unsuffixed(last));
                quote! { #first..=#last }
            };
            quote! { #pattern => ::serde::Deserialize::deserialize(value.reader()).map(Self::#vname), }
        });
        quote! {
            const SHAPES: &[#shape] = &[#(#shapes)*];
            for candidate in #rank(&value, SHAPES) {
                let parsed: ::std::result::Result<Self, ::serde_json::Error> = match candidate {
                    #(#tries)*
                    _ => continue,
                };
                if let Ok(parsed) = parsed {
                    return Ok(parsed);
                }
            }
        }
    }

    pub(super) fn untagged(&self, m: usize, id: TypeId, variants: &[Variant], unknown: &str, plan: &UntaggedPlan) -> TokenStream {
        let t = &self.model.types[id];
        let unknown = ident(unknown);
        let decls = self.variant_decls(m, variants, &unknown, " JSON that none of the variants above accepts, kept whole.");
        let ser = variants.iter().map(|v| {
            let vname = ident(&v.name);
            quote! { Self::#vname(value) => ::serde::Serialize::serialize(value, serializer), }
        });
        let ranked = if plan.shaped.is_empty() { TokenStream::new() } else { self.ranked(variants, plan.shaped.iter().map(|(i, s)| (*i, s))) };
        let attempt = |i: usize| {
            let vname = ident(&variants[i].name);
            quote! {
                if let Ok(parsed) = ::serde::Deserialize::deserialize(value.reader()) {
                    return Ok(Self::#vname(parsed));
                }
            }
        };
        let guarded = plan.guarded.iter().map(|(i, kinds)| {
            let tests = kinds.iter().flat_map(|k| match k {
                JsonKind::Null => vec![quote! { Null }],
                JsonKind::Bool => vec![quote! { Bool(_) }],
                JsonKind::Integer => vec![quote! { U64(_) }, quote! { I64(_) }],
                JsonKind::Number => vec![quote! { U64(_) }, quote! { I64(_) }, quote! { F64(_) }],
                JsonKind::String => vec![quote! { Str(_) }],
                JsonKind::Array => vec![quote! { Array(_) }],
                JsonKind::Object => vec![quote! { Object(_) }],
            });
            let json = self.support_path(Part::Buffer, quote! { Json });
            let patterns = tests.map(|test| quote! { #json::#test });
            let attempt = attempt(*i);
            quote! { if let #(#patterns)|* = value { #attempt } }
        });
        let any = plan.any.iter().map(|&i| attempt(i));
        let body = quote! {
            #ranked
            #(#guarded)*
            #(#any)*
            Ok(Self::#unknown(value.to_value()))
        };
        let froms = self.union_froms(m, id, variants);
        let def = self.union_type(t, decls, ser.collect(), &unknown, body);
        quote! { #def #froms }
    }

    /// `From` each arm type that no other arm shares (through aliases and
    /// boxes), and `From<&str>`/`From<String>` when exactly one arm is
    /// string-shaped. An arm that holds the union itself gets none: it would
    /// be `From<Self>`, which std already has.
    fn union_froms(&self, m: usize, id: TypeId, variants: &[Variant]) -> TokenStream {
        let name = ident(&self.model.types[id].name);
        let unboxed = |ty: &Ty| -> Ty {
            match ty {
                Ty::Boxed(inner) | Ty::Linked(inner) => (**inner).clone(),
                other => other.clone(),
            }
        };
        let keys: Vec<Ty> = variants.iter().map(|v| self.resolve(&unboxed(&v.ty)).clone()).collect();
        let mut out = TokenStream::new();
        let mut from_string = false;
        for (k, v) in variants.iter().enumerate() {
            let key = &keys[k];
            if keys.iter().filter(|other| *other == key).count() > 1 || matches!(key, Ty::Unit) || *key == Ty::Named(id) {
                continue;
            }
            from_string |= *key == Ty::String;
            let vname = ident(&v.name);
            let arm = self.ty(m, &unboxed(&v.ty));
            let wrap = match v.ty {
                Ty::Boxed(_) => quote! { Box::new(value) },
                Ty::Linked(_) => {
                    self.need(|needs| needs.link = true);
                    quote! { super::api::Link::new(value) }
                }
                _ => quote! { value },
            };
            out.extend(quote! {
                impl From<#arm> for #name {
                    #[inline]
                    fn from(value: #arm) -> Self {
                        Self::#vname(#wrap)
                    }
                }
            });
        }
        let strings: Vec<&Variant> = variants.iter().filter(|v| self.string_shaped(&v.ty)).collect();
        if let [only] = strings.as_slice() {
            let vname = ident(&only.name);
            out.extend(quote! {
                impl From<&str> for #name {
                    #[inline]
                    fn from(value: &str) -> Self {
                        Self::#vname(value.into())
                    }
                }
            });
            if !from_string {
                out.extend(quote! {
                    impl From<String> for #name {
                        #[inline]
                        fn from(value: String) -> Self {
                            Self::#vname(value.into())
                        }
                    }
                });
            }
        }
        out
    }

    /// A union enum with its `Serialize` (the given arms, plus `Unknown`
    /// written back as it came) and its `Deserialize`, which reads the input
    /// once into `value` (a `__serde::Json`, whose strings borrow from the
    /// input where they can) and runs `body` on it, reading arms from it.
    fn union_type(&self, t: &TypeDef, decls: TokenStream, ser: Vec<TokenStream>, unknown: &Ident, body: TokenStream) -> TokenStream {
        let name = ident(&t.name);
        let doc = self.doc(t.doc.as_deref());
        let deprecated = self.deprecated(t.deprecated);
        let json = self.support_path(Part::Buffer, quote! { Json });
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
                    let value = <#json as ::serde::Deserialize>::deserialize(deserializer)?;
                    #body
                }
            }
        }
    }
}
