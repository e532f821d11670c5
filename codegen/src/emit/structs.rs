//! Structs: the definition, the written-out reader, and `new`/`Default`.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{ident, Emitter};
use crate::model::{Extra, Field, Ty, TypeDef};
use crate::runtime::Parts;

/// A field that is simply `None` when the input leaves it out: an optional
/// `Option`. Constants and required fields go through the support module's
/// `constant` and `required`, which apply the reading mode.
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

/// The support parts (`crate::runtime`) that `struct_deserialize` calls for
/// this struct: keep the two in step, as the `support_parts` test checks.
pub(super) fn support_parts(fields: &[Field], extra: Option<&Extra>) -> Parts {
    let keyed = fields.iter().any(|f| !f.flatten);
    let keep = keeps_rest(fields, extra);
    Parts {
        structs: true,
        keys_new: keyed && !keep,
        keep,
        set: fields.iter().any(|f| !f.flatten && !reads_as_option(f)),
        read: fields.iter().any(reads_as_option),
        required: fields.iter().any(|f| !f.flatten && f.constant.is_none() && !reads_as_option(f)),
        constant: fields.iter().any(|f| f.constant.is_some() && !reads_as_option(f)),
        optional_constant: fields.iter().any(|f| f.constant.is_some() && reads_as_option(f)),
        from_rest: fields.iter().any(|f| f.flatten),
        rank: false,
    }
}

impl Emitter<'_> {
    pub(super) fn struct_def(&self, m: usize, t: &TypeDef, fields: &[Field], extra: Option<&Extra>, new_args: &[usize]) -> TokenStream {
        let name = ident(&t.name);
        let doc = self.doc(t.doc.as_deref());
        let deprecated = self.deprecated(t.deprecated);
        let field_defs = fields.iter().map(|f| self.field(m, f));
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
                #[serde(flatten)]
                pub #field: ::std::collections::BTreeMap<String, #ty>,
            }
        });
        let deserialize = self.struct_deserialize(m, &name, fields, extra);
        // Nothing required and no constant: every field starts empty, and the derive says so.
        let derives_default = new_args.is_empty() && fields.iter().all(|f| f.constant.is_none());
        let build = if derives_default { TokenStream::new() } else { self.constructor(m, &name, fields, extra, new_args) };
        let default = if derives_default { quote! { Default, } } else { TokenStream::new() };
        quote! {
            #doc
            #deprecated
            #[derive(Debug, Clone, #default PartialEq, ::serde::Serialize)]
            pub struct #name {
                #(#field_defs)*
                #extra_def
            }
            #deserialize
            #build
        }
    }

    fn field(&self, m: usize, f: &Field) -> TokenStream {
        let doc = match &f.constant {
            Some(value) => {
                let absent = if matches!(f.ty, Ty::Option(_)) { " A body that leaves it out reads as `None`." } else { "" };
                let note = format!("The spec's value is `{value:?}`, which `new` and `Default` fill in; another value sent by the API is kept as sent.{absent}");
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
        let mut serde = Vec::new();
        if f.flatten {
            serde.push(quote! { flatten });
        } else if f.name.trim_start_matches("r#") != f.json {
            let json = &f.json;
            serde.push(quote! { rename = #json });
        }
        if defaulted(f) {
            serde.push(quote! { skip_serializing_if = "Option::is_none" });
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

    /// `Default` when no field is required (constants aside), else `new`.
    fn constructor(&self, m: usize, name: &Ident, fields: &[Field], extra: Option<&Extra>, new_args: &[usize]) -> TokenStream {
        let mut inits: Vec<TokenStream> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let fname = ident(&f.name);
                if let Some(value) = f.constant.as_ref().filter(|_| matches!(f.ty, Ty::Option(_))) {
                    quote! { #fname: Some(#value.to_owned()), }
                } else if let Some(value) = &f.constant {
                    quote! { #fname: #value.to_owned(), }
                } else if new_args.contains(&i) {
                    quote! { #fname: #fname.into(), }
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
            let f = &fields[i];
            let fname = ident(&f.name);
            let ty = self.ty(m, &f.ty);
            quote! { #fname: impl Into<#ty> }
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

    /// A struct's `Deserialize`, written out instead of derived: a `FromMap`
    /// impl whose keys are looked up by the support module's `Keys` seed.
    /// Optional fields left out are `None`; required fields and constants go
    /// through the support module's `required` and `constant`, which apply the
    /// reading mode; unknown keys go to the `extra` map (or are skipped);
    /// flattened fields take the keys left over. A repeated key is taken
    /// last-wins. Pinned by `tests/goldens` (`constants::reading`).
    fn struct_deserialize(&self, m: usize, name: &Ident, fields: &[Field], extra: Option<&Extra>) -> TokenStream {
        let expecting = format!("struct {name}");
        let keyed: Vec<&Field> = fields.iter().filter(|f| !f.flatten).collect();
        // In spec order: lookups start at the key after the last one found, so
        // input in spec order finds each key at once.
        let names: Vec<&str> = keyed.iter().map(|f| f.json.as_str()).collect();
        let keep_rest = keeps_rest(fields, extra);
        // Each field's slot is a local named like the field, its type left to
        // inference from the struct literal below (fewer tokens for rustc to
        // check); the reader's own locals start with `__`, which no field name
        // does. An `Option` field's slot is the field's value itself.
        let decls = keyed.iter().map(|f| {
            let v = ident(&f.name);
            quote! { let mut #v = None; }
        });
        let arms = keyed.iter().enumerate().map(|(i, f)| {
            let v = ident(&f.name);
            let i = Literal::usize_unsuffixed(i);
            if reads_as_option(f) {
                quote! { #i => super::__serde::read(&mut #v, &mut __map), }
            } else {
                quote! { #i => super::__serde::set(&mut #v, &mut __map), }
            }
        });
        // With only an extra map, leftover keys go straight into it, typed;
        // flattened unions read theirs from the leftovers kept as JSON.
        let typed_extra = extra.filter(|_| !fields.iter().any(|f| f.flatten));
        let rest_decl = match (keep_rest, typed_extra) {
            (false, _) => TokenStream::new(),
            (true, Some(x)) => {
                let x = self.ty(m, &x.ty);
                quote! { let mut __rest: ::std::collections::BTreeMap<String, #x> = ::std::collections::BTreeMap::new(); }
            }
            (true, None) => quote! { let mut __rest = ::serde_json::Map::new(); },
        };
        let (keys_new, other_arm) = if keep_rest {
            (quote! { keeping }, quote! { _ => super::__serde::keep(&mut __keys, &mut __rest, &mut __map), })
        } else {
            (quote! { new }, quote! { _ => super::__serde::skip(&mut __map), })
        };
        let read = if keyed.is_empty() && !keep_rest {
            // Nothing to keep: skip every entry.
            quote! {
                while __map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                    super::__serde::skip(&mut __map)?;
                }
            }
        } else {
            quote! {
                let mut __keys = super::__serde::Keys::#keys_new(&[#(#names),*]);
                while let Some(__key) = __map.next_key_seed(&mut __keys)? {
                    match __key {
                        #(#arms)*
                        #other_arm
                    }?;
                }
            }
        };
        let mut inits: Vec<TokenStream> = Vec::new();
        for f in fields {
            let fname = ident(&f.name);
            let json = &f.json;
            inits.push(if f.flatten {
                quote! { #fname: super::__serde::from_rest(&__rest)?, }
            } else if let Some(value) = f.constant.as_ref().filter(|_| reads_as_option(f)) {
                quote! { #fname: super::__serde::optional_constant(#fname, #value, #json)?, }
            } else if let Some(value) = &f.constant {
                quote! { #fname: super::__serde::constant(#fname, #value, #json)?, }
            } else if reads_as_option(f) {
                quote! { #fname, }
            } else {
                quote! { #fname: super::__serde::required(#fname, #json)?, }
            });
        }
        if let Some(x) = extra {
            let fname = ident(&x.name);
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
}
