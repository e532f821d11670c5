//! Open enums: the listed values plus `Other`, which keeps any value the spec
//! does not list. String enums convert from `&str` and `String`, and read
//! through `__serde::string_enum`, which matches a listed value without
//! allocating it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{ident, Emitter};
use crate::model::{EnumValue, TypeDef};
use crate::runtime::Part;

impl Emitter<'_> {
    pub(super) fn string_enum(&self, t: &TypeDef, values: &[EnumValue], other: &str) -> TokenStream {
        let name = ident(&t.name);
        let doc = self.doc(t.doc.as_deref());
        let deprecated = self.deprecated(t.deprecated);
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
        let read = self.support_path(Part::StringEnum, quote! { string_enum });
        let known = values.iter().map(|v| {
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
                #[inline]
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#to_str)*
                        Self::#other(value) => value,
                    }
                }
                #[inline]
                fn known(value: &str) -> Option<Self> {
                    Some(match value {
                        #(#known)*
                        _ => return None,
                    })
                }
            }
            impl From<&str> for #name {
                #[inline]
                fn from(value: &str) -> Self {
                    Self::known(value).unwrap_or_else(|| Self::#other(value.to_owned()))
                }
            }
            impl From<String> for #name {
                #[inline]
                fn from(value: String) -> Self {
                    Self::known(&value).unwrap_or(Self::#other(value))
                }
            }
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #read(deserializer)
                }
            }
        }
    }

    pub(super) fn int_enum(&self, t: &TypeDef, values: &[(i64, String, Option<String>)], other: &str) -> TokenStream {
        let name = ident(&t.name);
        let doc = self.doc(t.doc.as_deref());
        let deprecated = self.deprecated(t.deprecated);
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
                #[inline]
                pub fn value(&self) -> i64 {
                    match self {
                        #(#to_int)*
                        Self::#other(value) => *value,
                    }
                }
            }
            impl From<i64> for #name {
                #[inline]
                fn from(value: i64) -> Self {
                    match value {
                        #(#from_int)*
                        _ => Self::#other(value),
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
                    <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
                }
            }
        }
    }
}
