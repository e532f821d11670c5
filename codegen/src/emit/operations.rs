//! The `operations` module's own items: per operation a struct of its
//! parameters and body, and its `api::Operation` impl (see
//! `model::operations` for what the model decided, and `runtime/api.rs` for
//! the calls these impls make).
//!
//! - The struct derives `Debug, Clone, PartialEq`, and `Default` when nothing
//!   is required; otherwise `new` takes the path parameters (template order),
//!   the other required parameters (spec order) and a required body, each as
//!   `impl Into<T>`.
//! - Every trait method is `#[inline]`: like the conversions, rustc then
//!   makes machine code only for the operations a user calls (each `decode`
//!   instantiates the readers of its response types), not for all of them
//!   whenever the crate builds.
//! - `path()` fills the template's variables, each value percent-encoded
//!   as one segment; a template that carries a query of its own
//!   (`/responses/{id}?beta=true`, as OpenAI's does) keeps it out of the
//!   path and gives its pairs first in `query()`.
//! - `decode` matches on the status: documented codes, then ranges
//!   (`4XX` is `400..=499`), then `default`, else the response is kept as
//!   `Reply::Other`. A status with one media type reads the body as that,
//!   whatever `Content-Type` says (servers mislabel); one with several
//!   chooses by the `Content-Type`'s essence.
//! - A multipart body that is a struct implements `api::Multipart`: a part
//!   per property, files (and unions with a file arm, which implement
//!   `api::FileParts`) as file parts, everything else by `api::value_parts`,
//!   the spec's `encoding` content types passed along. Any other multipart
//!   body is written by `api::object_parts`.

use std::collections::HashSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{ident, Emitter};
use crate::model::{
    template_parts, template_path, Body, Choice, Encoding, Kind, Location, Media, Operation, ResponseCase, Status, Style, TemplatePart, Ty, TypeId,
};

impl Emitter<'_> {
    /// Every operation's items, for the `operations` module `m`. Their
    /// impls call the operations runtime of `api`.
    pub(super) fn operations(&self, m: usize) -> TokenStream {
        self.need(|needs| needs.api = true);
        let mut done = Done::default();
        let ops: Vec<TokenStream> = (self.model.operations.iter().enumerate())
            .filter(|(i, _)| self.has_operation(*i))
            .map(|(i, op)| super::after_docs(self.feature_doc(&self.model.features.of_operation[i]), self.operation(m, op, &mut done)))
            .collect();
        let impls = done.items;
        quote! { #(#ops)* #impls }
    }

    fn operation(&self, m: usize, op: &Operation, done: &mut Done) -> TokenStream {
        let name = ident(&op.name);
        let doc = self.doc(op.doc.as_deref());
        let line = format!(" `{} {}`", op.method, op.path.replace('`', ""));
        let deprecated = self.deprecated(op.deprecated);
        let method = &op.method;
        let path_template = &op.path;

        // Fields, and `new`'s parameters, bound as struct fields are (`emit::structs`).
        let mut fields = Vec::new();
        let mut args = Vec::new();
        let mut inits = Vec::new();
        let names: Vec<&str> = op.params.iter().map(|p| p.field.as_str()).collect();
        let bound = super::structs::binding_names(&names);
        for (p, b) in op.params.iter().zip(&bound) {
            let f = ident(&p.field);
            let ty = self.ty(m, &p.ty);
            let pdoc = self.doc(p.doc.as_deref());
            let pdep = self.deprecated(p.deprecated);
            if p.required {
                fields.push(quote! { #pdoc #pdep pub #f: #ty, });
                args.push(quote! { #b: impl Into<#ty> });
                inits.push(quote! { #f: #b.into(), });
            } else {
                fields.push(quote! { #pdoc #pdep pub #f: Option<#ty>, });
                inits.push(quote! { #f: None, });
            }
        }
        let (body_items, body_ty) = match &op.body {
            None => (TokenStream::new(), quote! { () }),
            Some(body) => {
                let (items, ty) = self.body_type(m, op, body);
                let media: Vec<&str> = body.choices.iter().map(|c| c.media_type.as_str()).collect();
                let bdoc = format!(" The request body ({}).", media.iter().map(|m| format!("`{}`", m.replace('`', ""))).collect::<Vec<_>>().join(", "));
                if body.required {
                    fields.push(quote! { #[doc = #bdoc] pub body: #ty, });
                    args.push(quote! { body: impl Into<#ty> });
                    inits.push(quote! { body: body.into(), });
                } else {
                    fields.push(quote! { #[doc = #bdoc] pub body: Option<#ty>, });
                    inits.push(quote! { body: None, });
                }
                (items, ty)
            }
        };
        let (derive, new) = if args.is_empty() {
            (quote! { #[derive(Debug, Clone, Default, PartialEq)] }, TokenStream::new())
        } else {
            (
                quote! { #[derive(Debug, Clone, PartialEq)] },
                quote! {
                    impl #name {
                        /// The operation with its required parameters (and body); the optional ones are `None`.
                        #[inline]
                        pub fn new(#(#args),*) -> Self {
                            Self { #(#inits)* }
                        }
                    }
                },
            )
        };

        // The trait's methods.
        let path = self.path_fn(op);
        let query = self.query_fn(op);
        let headers = self.headers_fn(op);
        let payload = op.body.as_ref().map(|b| self.payload_fn(m, b, done)).unwrap_or_default();
        let (output, output_items) = self.side(m, op, true);
        let (error, error_items) = self.side(m, op, false);
        let decode = self.decode_fn(op);
        let streaming = op.events.as_ref().map(|ev| {
            let ev = self.ty(m, ev);
            quote! {
                impl super::api::Streaming for #name {
                    type Event = #ev;
                }
            }
        });
        let blank = op.doc.is_some().then(|| quote! { #[doc = ""] });
        quote! {
            #doc
            #blank
            #[doc = #line]
            #deprecated
            #derive
            pub struct #name {
                #(#fields)*
            }
            #new
            impl super::api::Operation for #name {
                const METHOD: &'static str = #method;
                const PATH: &'static str = #path_template;
                type Body = #body_ty;
                type Output = #output;
                type Error = #error;
                #path
                #query
                #headers
                #payload
                #decode
            }
            #streaming
            #body_items
            #output_items
            #error_items
        }
    }

    /// The body's type, and the enum it needs when there are several media types.
    fn body_type(&self, m: usize, op: &Operation, body: &Body) -> (TokenStream, TokenStream) {
        let Some(enum_name) = &body.enum_name else {
            return (TokenStream::new(), self.choice_ty(m, &body.choices[0]));
        };
        let name = ident(enum_name);
        let doc = format!(" The request body of [`{}`], one variant per media type.", op.name);
        let variants = body.choices.iter().map(|c| {
            let v = ident(&c.variant);
            let ty = self.choice_ty(m, c);
            let vdoc = format!(" `{}`", c.media_type.replace('`', ""));
            quote! { #[doc = #vdoc] #v(#ty), }
        });
        // `From` each variant's type that no other variant shares.
        let tys: Vec<String> = body.choices.iter().map(|c| self.choice_ty(m, c).to_string()).collect();
        let froms = body.choices.iter().enumerate().filter(|(i, _)| tys.iter().filter(|t| **t == tys[*i]).count() == 1).map(|(_, c)| {
            let v = ident(&c.variant);
            let ty = self.choice_ty(m, c);
            quote! {
                impl From<#ty> for #name {
                    #[inline]
                    fn from(value: #ty) -> Self {
                        Self::#v(value)
                    }
                }
            }
        });
        (
            quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, PartialEq)]
                pub enum #name {
                    #(#variants)*
                }
                #(#froms)*
            },
            quote! { #name },
        )
    }

    fn choice_ty(&self, m: usize, c: &Choice) -> TokenStream {
        match c.media {
            Media::Json | Media::Multipart | Media::Form => self.ty(m, &c.ty),
            Media::Text => quote! { String },
            _ => quote! { Vec<u8> },
        }
    }

    fn path_fn(&self, op: &Operation) -> TokenStream {
        let template = template_path(&op.path);
        let mut filled = false;
        let pieces: Vec<TokenStream> = template_parts(&op.path)
            .into_iter()
            .map(|part| match part {
                TemplatePart::Text(text) => quote! { #text },
                TemplatePart::Variable(var) => match op.params.iter().find(|p| p.location == Location::Path && p.json == var) {
                    Some(p) => {
                        filled = true;
                        let f = ident(&p.field);
                        quote! { &super::api::path_segment(&self.#f) }
                    }
                    None => {
                        let text = format!("{{{var}}}");
                        quote! { #text }
                    }
                },
            })
            .collect();
        let body = if filled {
            quote! { [#(#pieces),*].concat() }
        } else if template.len() == op.path.len() {
            quote! { Self::PATH.to_owned() }
        } else {
            quote! { #template.to_owned() }
        };
        quote! {
            #[inline]
            fn path(&self) -> String {
                #body
            }
        }
    }

    fn query_fn(&self, op: &Operation) -> TokenStream {
        // A template with a query of its own (`/responses/{id}?beta=true`) gives those pairs first.
        let fixed = op.path.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let fixed: Vec<TokenStream> = fixed
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                quote! { (#k.to_owned(), #v.to_owned()) }
            })
            .collect();
        let calls: Vec<TokenStream> =
            op.params.iter().filter(|p| p.location == Location::Query).map(|p| pairs(p.json.as_str(), p.style, p.explode, &p.field)).collect();
        let body = match (fixed.is_empty(), calls.is_empty()) {
            (true, true) => return TokenStream::new(),
            (false, true) => quote! { vec![#(#fixed),*] },
            (true, false) => quote! {
                let mut out = Vec::new();
                #(#calls)*
                out
            },
            (false, false) => quote! {
                let mut out = vec![#(#fixed),*];
                #(#calls)*
                out
            },
        };
        quote! {
            #[inline]
            fn query(&self) -> Vec<(String, String)> {
                #body
            }
        }
    }

    fn headers_fn(&self, op: &Operation) -> TokenStream {
        let headers: Vec<TokenStream> = op
            .params
            .iter()
            .filter(|p| p.location == Location::Header)
            .map(|p| {
                let f = ident(&p.field);
                let name = &p.json;
                quote! {
                    if let Some(value) = super::api::header_value(&self.#f) {
                        out.push((#name.to_owned(), value));
                    }
                }
            })
            .collect();
        let cookies: Vec<TokenStream> =
            op.params.iter().filter(|p| p.location == Location::Cookie).map(|p| pairs(p.json.as_str(), p.style, p.explode, &p.field)).collect();
        if headers.is_empty() && cookies.is_empty() {
            return TokenStream::new();
        }
        let cookie = (!cookies.is_empty()).then(|| {
            quote! {
                let cookies = {
                    let mut out = Vec::new();
                    #(#cookies)*
                    out
                };
                if let Some(value) = super::api::cookie_header(&cookies) {
                    out.push(("cookie".to_owned(), value));
                }
            }
        });
        quote! {
            #[inline]
            fn headers(&self) -> Vec<(String, String)> {
                let mut out = Vec::new();
                #(#headers)*
                #cookie
                out
            }
        }
    }

    fn payload_fn(&self, m: usize, body: &Body, done: &mut Done) -> TokenStream {
        let expr = |c: &Choice, done: &mut Done| -> TokenStream {
            let media_type = &c.media_type;
            match c.media {
                Media::Json => quote! { super::api::Payload::json(body) },
                Media::Form => self.form_payload(&c.ty, &c.encoding),
                Media::Multipart => {
                    if self.multipart_struct(m, &c.ty, &c.encoding, done) {
                        quote! { super::api::Payload::multipart(body) }
                    } else {
                        quote! { super::api::Payload::Multipart(super::api::object_parts(body)) }
                    }
                }
                _ => quote! { super::api::Payload::bytes(#media_type, body.clone()) },
            }
        };
        let on_body = match &body.enum_name {
            None => expr(&body.choices[0], done),
            Some(enum_name) => {
                let name = ident(enum_name);
                let arms: Vec<TokenStream> = body
                    .choices
                    .iter()
                    .map(|c| {
                        let v = ident(&c.variant);
                        let e = expr(c, done);
                        quote! { #name::#v(body) => #e, }
                    })
                    .collect();
                quote! { match body { #(#arms)* } }
            }
        };
        let code = if body.required {
            quote! {
                let body = &self.body;
                #on_body
            }
        } else {
            quote! {
                match &self.body {
                    Some(body) => #on_body,
                    None => super::api::Payload::None,
                }
            }
        };
        quote! {
            #[inline]
            fn payload(&self) -> super::api::Payload {
                #code
            }
        }
    }

    /// A form body: a struct's fields written as query parameters are, each
    /// by its `encoding` (`form`, exploded, unless it says otherwise), its
    /// `extra` properties likewise; any other type by `Payload::form`.
    fn form_payload(&self, ty: &Ty, encoding: &[Encoding]) -> TokenStream {
        let Ty::Named(id) = self.resolve(ty) else { return quote! { super::api::Payload::form(body) } };
        let Kind::Struct { fields, extra, .. } = &self.model.types[*id].kind else { return quote! { super::api::Payload::form(body) } };
        if fields.iter().any(|f| f.flatten) || (fields.is_empty() && extra.is_none()) {
            return quote! { super::api::Payload::form(body) };
        }
        let calls = fields.iter().map(|f| {
            let (style, explode) = encoding.iter().find(|e| e.property == f.json).map_or((Style::Form, true), |e| (e.style, e.explode));
            pairs_of(quote! { body }, &f.json, style, explode, &f.name)
        });
        let extra = extra.as_ref().map(|x| {
            let name = ident(&x.name);
            quote! {
                for (key, value) in &body.#name {
                    super::api::query(&mut out, key, super::api::Style::Form, true, value);
                }
            }
        });
        quote! {
            super::api::Payload::Form({
                let mut out = Vec::new();
                #(#calls)*
                #extra
                out
            })
        }
    }

    /// Implement `api::Multipart` for the struct `ty` names (once), and
    /// `api::FileParts` for the unions with a file arm its fields hold;
    /// false when `ty` is no struct.
    fn multipart_struct(&self, m: usize, ty: &Ty, encoding: &[Encoding], done: &mut Done) -> bool {
        let Ty::Named(id) = self.resolve(ty) else { return false };
        let id = *id;
        let t = &self.model.types[id];
        let Kind::Struct { fields, extra, .. } = &t.kind else { return false };
        if !done.multipart.insert(id) {
            return true;
        }
        let path = self.ty(m, &Ty::Named(id));
        let parts: Vec<TokenStream> = fields
            .iter()
            .map(|f| {
                let name = ident(&f.name);
                let json = &f.json;
                let ct = match encoding.iter().find(|e| &e.property == json).and_then(|e| e.content_type.as_deref()) {
                    Some(c) => quote! { Some(#c) },
                    None => quote! { None },
                };
                if f.flatten {
                    quote! { out.extend(super::api::object_parts(&self.#name)); }
                } else if self.model.holds_files(&f.ty) {
                    self.file_parts_impls(m, &f.ty, done);
                    quote! { super::api::FileParts::file_parts(&self.#name, #json, #ct, &mut out); }
                } else {
                    quote! { super::api::value_parts(#json, &self.#name, #ct, &mut out); }
                }
            })
            .collect();
        let extra = extra.as_ref().map(|x| {
            let name = ident(&x.name);
            quote! {
                for (key, value) in &self.#name {
                    super::api::value_parts(key, value, None, &mut out);
                }
            }
        });
        done.items.extend(quote! {
            impl super::api::Multipart for #path {
                #[inline]
                fn parts(&self) -> Vec<super::api::Part> {
                    let mut out = Vec::new();
                    #(#parts)*
                    #extra
                    out
                }
            }
        });
        true
    }

    /// Implement `api::FileParts` (once each) for the unions on the way to
    /// the files that values of `ty` hold, as the model found them
    /// (`Model::holds_files`), arms without files by `api::value_parts`.
    fn file_parts_impls(&self, m: usize, ty: &Ty, done: &mut Done) {
        match ty {
            Ty::Vec(t) | Ty::Option(t) | Ty::Boxed(t) | Ty::Linked(t) => self.file_parts_impls(m, t, done),
            Ty::Named(id) => match &self.model.types[*id].kind {
                Kind::Alias(t) => self.file_parts_impls(m, t, done),
                Kind::Tagged { variants, unknown, .. } | Kind::Untagged { variants, unknown, .. } if done.unions.insert(*id) => {
                    let path = self.ty(m, &Ty::Named(*id));
                    let unknown = ident(unknown);
                    let arms: Vec<TokenStream> = variants
                        .iter()
                        .map(|v| {
                            let vname = ident(&v.name);
                            if self.model.holds_files(&v.ty) {
                                self.file_parts_impls(m, &v.ty, done);
                                quote! { Self::#vname(value) => super::api::FileParts::file_parts(value, name, content_type, out), }
                            } else {
                                quote! { Self::#vname(value) => super::api::value_parts(name, value, content_type, out), }
                            }
                        })
                        .collect();
                    done.items.extend(quote! {
                        impl super::api::FileParts for #path {
                            #[inline]
                            fn file_parts(&self, name: &str, content_type: Option<&str>, out: &mut Vec<super::api::Part>) {
                                match self {
                                    #(#arms)*
                                    Self::#unknown(value) => super::api::value_parts(name, value, content_type, out),
                                }
                            }
                        }
                    });
                }
                _ => {}
            },
            _ => {}
        }
    }

    /// A side's type (`Output` or `Error`), and its enum when it has one.
    fn side(&self, m: usize, op: &Operation, success: bool) -> (TokenStream, TokenStream) {
        let cases: Vec<&ResponseCase> = op.cases.iter().filter(|c| c.status.success() == success).collect();
        let Some(first) = cases.first() else { return (quote! { ::std::convert::Infallible }, TokenStream::new()) };
        let enum_name = if success { &op.output_enum } else { &op.error_enum };
        let Some(enum_name) = enum_name else { return (self.case_ty(m, first), TokenStream::new()) };
        let name = ident(enum_name);
        let doc = if success {
            format!(" A success response of [`{}`], one variant per documented status and media type.", op.name)
        } else {
            format!(" An error response of [`{}`], one variant per documented status and media type.", op.name)
        };
        let variants = cases.iter().map(|c| {
            let v = ident(&c.variant);
            let ty = self.case_ty(m, c);
            let status = match c.status {
                Status::Code(code) => code.to_string(),
                Status::Range(r) => format!("{r}XX"),
                Status::Default => "default".to_owned(),
            };
            let head = match &c.media_type {
                Some(media) => format!(" `{status}` `{}`", media.replace('`', "")),
                None => format!(" `{status}`, no content"),
            };
            let vdoc = self.doc(c.doc.as_deref());
            quote! { #[doc = #head] #[doc = ""] #vdoc #v(#ty), }
        });
        (
            quote! { #name },
            quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, PartialEq)]
                pub enum #name {
                    #(#variants)*
                }
            },
        )
    }

    fn case_ty(&self, m: usize, c: &ResponseCase) -> TokenStream {
        match c.media {
            Media::Json => self.ty(m, &c.ty),
            Media::Events => {
                let ev = self.ty(m, &c.ty);
                quote! { Vec<super::api::Event<#ev>> }
            }
            Media::Text => quote! { String },
            Media::Empty => quote! { () },
            _ => quote! { Vec<u8> },
        }
    }

    fn decode_fn(&self, op: &Operation) -> TokenStream {
        let statuses = &op.statuses;
        let codes: Vec<u16> = statuses.iter().filter_map(|s| if let Status::Code(c) = s { Some(*c) } else { None }).collect();
        let mut has_default = false;
        let mut arm_bodies = Vec::new();
        let arms: Vec<TokenStream> = statuses
            .iter()
            .filter_map(|&status| {
                let cases: Vec<&ResponseCase> = op.cases.iter().filter(|c| c.status == status).collect();
                let pattern = match status {
                    Status::Code(code) => {
                        let code = Literal::u16_unsuffixed(code);
                        quote! { #code }
                    }
                    Status::Range(r) => range_pattern(r, &codes)?,
                    Status::Default => {
                        has_default = true;
                        quote! { _ }
                    }
                };
                let body = if cases.len() == 1 {
                    self.case_expr(op, cases[0])
                } else {
                    let mut seen = HashSet::new();
                    let mut fallback = None;
                    let mut arms = Vec::new();
                    for c in &cases {
                        let essence = c.media_type.as_deref().map(|m| m.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()).unwrap_or_default();
                        if essence.contains('*') || c.media_type.is_none() {
                            fallback.get_or_insert_with(|| self.case_expr(op, c));
                        } else if seen.insert(essence.clone()) {
                            let e = self.case_expr(op, c);
                            arms.push(quote! { #essence => #e, });
                        }
                    }
                    let fallback = fallback.unwrap_or_else(|| quote! { super::api::other(status, content_type, body) });
                    quote! {
                        match super::api::essence(content_type).as_str() {
                            #(#arms)*
                            _ => #fallback,
                        }
                    }
                };
                arm_bodies.push(body.clone());
                Some(quote! { #pattern => #body, })
            })
            .collect();
        let rest = (!has_default).then(|| quote! { _ => super::api::other(status, content_type, body), });
        // A `default` that catches the rest may leave a parameter unread.
        let several_media = statuses.iter().any(|&s| op.cases.iter().filter(|c| c.status == s).count() > 1);
        let uses_type = !has_default || several_media || op.cases.iter().any(|c| c.media == Media::Json);
        let uses_body = !has_default || op.cases.iter().any(|c| c.media != Media::Empty);
        let content_type = if uses_type {
            quote! { content_type }
        } else {
            quote! { _content_type }
        };
        let body = if uses_body {
            quote! { body }
        } else {
            quote! { _body }
        };
        // Only `default`: its expression, without a match of one arm.
        let matched = if op.statuses == [Status::Default] {
            let c = op.cases.iter().find(|c| c.status == Status::Default);
            match (c, &arm_bodies[..]) {
                (Some(_), [only]) => only.clone(),
                _ => quote! { match status { #(#arms)* #rest } },
            }
        } else {
            quote! {
                match status {
                    #(#arms)*
                    #rest
                }
            }
        };
        quote! {
            #[inline]
            fn decode(status: u16, #content_type: &str, #body: &[u8]) -> Result<super::api::Reply<Self::Output, Self::Error>, super::api::DecodeError> {
                #matched
            }
        }
    }

    /// Decoding one case into the reply.
    fn case_expr(&self, op: &Operation, c: &ResponseCase) -> TokenStream {
        let success = c.status.success();
        let enum_name = if success { &op.output_enum } else { &op.error_enum };
        let reply = if success {
            quote! { Ok }
        } else {
            quote! { Err }
        };
        if c.media == Media::Json && enum_name.is_none() {
            return if success {
                quote! { super::api::ok(status, content_type, body) }
            } else {
                quote! { super::api::err(status, content_type, body) }
            };
        }
        let wrap = |value: TokenStream| match enum_name {
            Some(e) => {
                let e = ident(e);
                let v = ident(&c.variant);
                quote! { #e::#v(#value) }
            }
            None => value,
        };
        match c.media {
            Media::Json => {
                let value = wrap(quote! { value });
                quote! { super::api::json(status, content_type, body).map(|value| super::api::Reply::#reply { status, body: #value }) }
            }
            _ => {
                let value = match c.media {
                    Media::Events => quote! { super::api::Events::decode_all(body) },
                    Media::Text => quote! { String::from_utf8_lossy(body).into_owned() },
                    Media::Empty => quote! { () },
                    _ => quote! { body.to_vec() },
                };
                let value = wrap(value);
                quote! { Ok(super::api::Reply::#reply { status, body: #value }) }
            }
        }
    }
}

/// Query (or cookie) pairs of one parameter.
fn pairs(json: &str, style: Style, explode: bool, field: &str) -> TokenStream {
    pairs_of(quote! { self }, json, style, explode, field)
}

/// Query pairs of the field `field` of `owner`.
fn pairs_of(owner: TokenStream, json: &str, style: Style, explode: bool, field: &str) -> TokenStream {
    let f = ident(field);
    let style = match style {
        Style::Form => quote! { Form },
        Style::SpaceDelimited => quote! { SpaceDelimited },
        Style::PipeDelimited => quote! { PipeDelimited },
        Style::DeepObject => quote! { DeepObject },
        Style::Simple => quote! { Simple },
    };
    quote! { super::api::query(&mut out, #json, super::api::Style::#style, #explode, &#owner.#f); }
}

/// The pattern of a status range (`2XX`) without the codes given on their
/// own, which take precedence as OpenAPI says: `2XX` beside `200` and `204`
/// is `201..=203 | 205..=299`, so no two arms overlap. `None` when every
/// code of the range is given.
fn range_pattern(r: u16, codes: &[u16]) -> Option<TokenStream> {
    let (lo, hi) = (r * 100, r * 100 + 99);
    let mut pieces = Vec::new();
    let mut start = lo;
    for code in (lo..=hi).filter(|c| codes.contains(c)).chain([hi + 1]) {
        if code > start {
            let (a, b) = (Literal::u16_unsuffixed(start), Literal::u16_unsuffixed(code - 1));
            pieces.push(if start == code - 1 {
                quote! { #a }
            } else {
                quote! { #a..=#b }
            });
        }
        start = code + 1;
    }
    (!pieces.is_empty()).then(|| quote! { #(#pieces)|* })
}

/// What the operations have emitted once for all.
#[derive(Default)]
struct Done {
    /// Structs with an `api::Multipart` impl.
    multipart: HashSet<TypeId>,
    /// Unions with an `api::FileParts` impl.
    unions: HashSet<TypeId>,
    /// Those impls.
    items: TokenStream,
}

#[cfg(test)]
mod tests {
    use super::range_pattern;

    fn pattern(r: u16, codes: &[u16]) -> Option<String> {
        range_pattern(r, codes).map(|p| p.to_string().replace(' ', ""))
    }

    #[test]
    fn a_range_leaves_out_the_codes_given_on_their_own() {
        assert_eq!(pattern(2, &[]).as_deref(), Some("200..=299"));
        assert_eq!(pattern(2, &[200, 204, 404]).as_deref(), Some("201..=203|205..=299"));
        assert_eq!(pattern(4, &[400, 402, 499]).as_deref(), Some("401|403..=498"));
        assert_eq!(pattern(5, &(500..=599).collect::<Vec<_>>()), None);
    }
}
