//! Operations: each one in `paths` becomes a type in the `operations`
//! module, named after its `operationId` (or method and path), that holds
//! its parameters and body and knows how its responses decode
//! ([`Operation`]; emitted by `emit::operations` against the `api` runtime).
//!
//! # Rules
//! - **Parameters** are the path item's and the operation's (the operation's
//!   win on the same name and location), `$ref`s to `components/parameters`
//!   followed. Each is a field named after it (snake case, unique within the
//!   operation), an `Option` unless required; path parameters are always
//!   required. Their types are built like any schema, inline ones named
//!   `{Operation}{Parameter}` in the `operations` module. The style is the
//!   spec's, or its default for the location (`form` with explode for query
//!   and cookie, `simple` for path and header); `matrix` and `label` path
//!   styles are written as `simple`. A parameter given by `content` instead
//!   of `schema` takes that media type's schema and the default style.
//! - **What parameters must be**, as OpenAPI says: each `{variable}` of the
//!   path template has a path parameter of that name, and each path
//!   parameter names a variable; a header parameter's name is an HTTP field
//!   name (an RFC 9110 token). Anything else is an error at the parameter
//!   or operation, since the request it gives could not be right. Header
//!   parameters named `Accept`, `Content-Type` or `Authorization` are
//!   ignored, as OpenAPI says: the body, the client and the security
//!   schemes set those.
//! - **Request body**: one choice per media type ([`Media`]): JSON, multipart
//!   and form bodies take their schema's type, `text/*` a `String`, any other
//!   media type raw bytes. The `encoding` of a multipart body gives its
//!   parts' content types; that of a form body its properties' `style` and
//!   `explode` (Stripe's `metadata[key]=value` is `deepObject`), written
//!   as query parameters are. One choice is the field `body`; several are an
//!   enum (`{Operation}Body`) with a variant per media type. `body` is an
//!   `Option` unless `requestBody.required`.
//! - **Responses**: each status (a code, a range like `4XX`, or `default`)
//!   and media type is a [`ResponseCase`]. 2xx statuses are the success side
//!   (`Output`), every other status and `default` the error side (`Error`).
//!   A side whose cases all hold the same type is that type; one that holds
//!   several is an enum (`{Operation}Output`, `{Operation}Error`) with a
//!   variant per case; one with no case is `Infallible`. A response without
//!   content is `()`, `text/event-stream` the decoded events, `text/*` a
//!   `String`, any other non-JSON media type bytes.
//! - **Files**: a value holds files when its type is `api::File` (`type:
//!   string, format: binary`), or a list, option, box or link of values
//!   that do, or an alias of such a type, or a union with an arm that does,
//!   at any depth ([`Model::holds_files`]; not a map, whose values are sent
//!   as one part). A multipart body's property that holds files is sent as
//!   file parts, through `api::FileParts`, which such unions implement.
//! - **Statuses** are matched codes first, then ranges (less the codes given
//!   on their own), then `default` ([`Operation::statuses`]).
//! - **Names**: operation types claim their names in the `operations` module
//!   before any inline type is built there, so an inline type never takes an
//!   operation's name; they claim them in the order of their ids, so that a
//!   collision (`get /a` and an id `getA`) goes the same way however the
//!   spec is ordered.
//!
//!   Every inline type in the module belongs to an *owner* and is named
//!   `{owner}{local}`. The local name is made by the rules of `model`
//!   (Names: after its place, the parent's local name in front if taken,
//!   then a counter) within that owner alone, so adding, removing or moving
//!   one operation renames no type of another. The owners:
//!   - an operation owns what sits under it. The first JSON request body is
//!     `{Operation}Request` and the first JSON success body
//!     `{Operation}Response` (an alias when the type is named otherwise);
//!     other inline bodies are named after their place
//!     (`{Operation}Error404`, `{Operation}Event`,
//!     `{Operation}MultipartRequest`), parameters after themselves
//!     (`{Operation}Expand`), and their parts as in a component
//!     (`PostCustomersRequest` → `PostCustomersCashBalance`);
//!   - a component response, request body or parameter (under
//!     `components/responses`, `requestBodies`, `parameters`) owns its own
//!     inline types, named after it: its schema is the component's name
//!     (`NotFound`) and its parts have that in front, whichever operation
//!     reached it first;
//!   - a path item owns the parameters it gives all its operations, named
//!     after its path (`/v1/customers/{customer}` → `V1CustomersCustomer`).
//!
//!   The full names share the module, so `{owner}{local}` can still meet
//!   another name there, and then takes a counter. Against an operation's
//!   name (`GetA` + `B` and an operation `GetAB`) this is stable, since
//!   operation names are claimed first. Against another owner's inline
//!   type the counter goes to the type met later: the one case where order
//!   still counts. Of the vendor specs in `../shared/specs`, only Stripe's
//!   has such a meeting, once (`PostCustomersCustomerShipping2`).

use super::*;

/// One operation.
#[derive(Clone, Debug)]
pub struct Operation {
    /// `operationId`, or method and path.
    pub id: String,
    /// The Rust name of its type in the `operations` module.
    pub name: String,
    /// `#/paths/...`.
    pub pointer: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path template, as the spec gives it.
    pub path: String,
    /// Summary and description.
    pub doc: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Path parameters (in template order), then the others in spec order.
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// Every documented status and media type.
    pub cases: Vec<ResponseCase>,
    /// The statuses of `cases`, each once, in the order a response is
    /// matched against them: codes, then ranges, then `default`, in spec
    /// order within each (a code before the range that holds it).
    pub statuses: Vec<Status>,
    /// The enum of the success side, when it holds several types.
    pub output_enum: Option<String>,
    /// The enum of the error side, when it holds several types.
    pub error_enum: Option<String>,
    /// The event type of a `text/event-stream` success response.
    pub events: Option<Ty>,
    /// The first JSON request body's type (`{Operation}Request`).
    pub request: Option<TypeId>,
    /// The first 2xx JSON response's type (`{Operation}Response`).
    pub response: Option<TypeId>,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// In the path template.
    Path,
    /// A query pair.
    Query,
    /// A header.
    Header,
    /// A cookie (sent in the `Cookie` header).
    Cookie,
}

/// How a parameter is written (OpenAPI's `style`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `form`: `a=1&a=2` (explode) or `a=1,2`.
    Form,
    /// `spaceDelimited`: `a=1 2`.
    SpaceDelimited,
    /// `pipeDelimited`: `a=1|2`.
    PipeDelimited,
    /// `deepObject`: `a[k]=v`.
    DeepObject,
    /// `simple`: `1,2` (paths and headers).
    Simple,
}

/// One parameter.
#[derive(Clone, Debug)]
pub struct Param {
    /// Its name in the spec (the query key, the header name).
    pub json: String,
    /// The field's Rust name.
    pub field: String,
    /// Where it goes.
    pub location: Location,
    /// How it is written.
    pub style: Style,
    /// `explode`, or the style's default.
    pub explode: bool,
    /// The value's type (without the `Option` of an optional parameter).
    pub ty: Ty,
    /// Path parameters always are.
    pub required: bool,
    /// The description.
    pub doc: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
}

/// How a body of one media type is written or read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Media {
    /// `application/json` and `*+json`: serde_json.
    Json,
    /// `multipart/*`: parts.
    Multipart,
    /// `application/x-www-form-urlencoded`: pairs.
    Form,
    /// `text/event-stream` (responses): server-sent events.
    Events,
    /// Other `text/*`: a `String`.
    Text,
    /// Anything else: bytes.
    Bytes,
    /// A response without content: `()`.
    Empty,
}

impl Media {
    fn of(media_type: &str, response: bool) -> Media {
        let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        let (kind, sub) = essence.split_once('/').unwrap_or((essence.as_str(), ""));
        match (kind, sub) {
            ("application", "json") => Media::Json,
            (_, s) if s.ends_with("+json") => Media::Json,
            ("multipart", _) if !response => Media::Multipart,
            ("application", "x-www-form-urlencoded") if !response => Media::Form,
            ("text", "event-stream") if response => Media::Events,
            ("text", _) => Media::Text,
            _ => Media::Bytes,
        }
    }
}

/// One media type of a request body.
#[derive(Clone, Debug)]
pub struct Choice {
    /// As the spec gives it.
    pub media_type: String,
    /// How it is written.
    pub media: Media,
    /// The schema's type for JSON, multipart and form (unused otherwise).
    pub ty: Ty,
    /// The variant of `{Operation}Body`, when there are several choices.
    pub variant: String,
    /// The `encoding` of multipart and form bodies, by property.
    pub encoding: Vec<Encoding>,
}

/// How one property of a multipart or form body is written.
#[derive(Clone, Debug)]
pub struct Encoding {
    /// The property.
    pub property: String,
    /// Its part's content type (multipart).
    pub content_type: Option<String>,
    /// Its style (form): `form` unless given.
    pub style: Style,
    /// Its `explode` (form). `openapiv3` reads an absent `explode` as
    /// `false`, so a `form`-style property, whose default is `true`, always
    /// explodes.
    pub explode: bool,
}

/// The request body.
#[derive(Clone, Debug)]
pub struct Body {
    /// `requestBody.required`.
    pub required: bool,
    /// One per media type, in spec order.
    pub choices: Vec<Choice>,
    /// `{Operation}Body`, when there are several choices.
    pub enum_name: Option<String>,
}

/// A documented status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// `200`.
    Code(u16),
    /// `4XX`: the hundreds digit.
    Range(u16),
    /// `default`: any other status.
    Default,
}

impl Status {
    /// Whether it is on the success side.
    pub fn success(self) -> bool {
        matches!(self, Status::Code(200..=299) | Status::Range(2))
    }
}

/// One documented status and media type of a response.
#[derive(Clone, Debug)]
pub struct ResponseCase {
    /// The status.
    pub status: Status,
    /// `None` for a response without content.
    pub media_type: Option<String>,
    /// How it is read.
    pub media: Media,
    /// The body's type for JSON, the event's for `Events` (unused otherwise).
    pub ty: Ty,
    /// The variant of the side's enum, when the side has one.
    pub variant: String,
    /// The response's description.
    pub doc: Option<String>,
}

impl<'a> Builder<'a> {
    pub(super) fn operations(&mut self) -> Result<(Vec<Operation>, Option<usize>)> {
        let mut out = Vec::new();
        let spec = self.spec;
        if spec.paths.paths.is_empty() {
            return Ok((out, None));
        }
        let module = self.modules.len();
        self.modules.push(Module { name: "operations".into(), types: vec![], main: None, scope: Scope::new(Case::Camel) });
        self.operations_module = Some(module);
        // Names first: an inline type never takes an operation's name. In
        // the order of the ids, then of the paths, not of the spec.
        let mut ops = Vec::new();
        for (path, item) in &spec.paths.paths {
            let ReferenceOr::Item(item) = item else { continue };
            for (method, op) in item.iter() {
                ops.push((op.operation_id.clone().unwrap_or_else(|| format!("{method} {path}")), path.as_str(), method, item, op));
            }
        }
        // Every operation of the whole document, built or not (a slice).
        let mut keys: Vec<(&str, &str, &str)> = self.operation_keys.iter().map(|(i, p, m)| (i.as_str(), p.as_str(), m.as_str())).collect();
        keys.extend(ops.iter().map(|(i, p, m, _, _)| (i.as_str(), *p, *m)));
        keys.sort();
        keys.dedup();
        let scope = &mut self.modules[module].scope;
        let mut names: HashMap<(String, String, String), String> =
            keys.into_iter().map(|(i, p, m)| ((i.to_owned(), p.to_owned(), m.to_owned()), scope.claim(i))).collect();
        for (id, path, method, item, op) in ops {
            let name = names.remove(&(id.clone(), path.to_owned(), method.to_owned())).unwrap_or_default();
            let mut pointer = JsonPointer::root();
            pointer.push("paths").push(path).push(method);
            let start = self.checkpoint();
            let owner = self.owner_for(&pointer, &name);
            match self.owned(owner, |b| b.operation(module, owner, name, id, pointer, path, item, method, op)) {
                Ok(operation) => out.push(operation),
                // The rest of the spec is still generated (`crate::flaw`).
                // What the operation built goes with it: a type it left
                // half-built, or one only it would use.
                Err(Error::Spec { pointer, message, .. }) if !self.settings.strict_spec => {
                    self.rollback(start);
                    let operation = op.operation_id.clone().unwrap_or_else(|| format!("{} {path}", method.to_ascii_uppercase()));
                    self.warnings.push(Warning::new(pointer, Flaw::OperationLeftOut { operation, problem: message }));
                }
                Err(e) => return Err(e),
            }
        }
        Ok((out, Some(module)))
    }

    /// The owner (module docs, Names) of what sits at `pointer`, with the
    /// name it puts in front: made on first use.
    fn owner_for(&mut self, pointer: &JsonPointer, prefix: &str) -> usize {
        let entry = self.owners.entry(pointer.to_string());
        let index = entry.index();
        entry.or_insert_with(|| Owner { prefix: prefix.to_owned(), scope: Scope::new(Case::Camel) });
        index
    }

    /// The owner of what an operation reached at `at`: a component
    /// (`#/components/{kind}/{name}`) or a path item's parameter owns it,
    /// else the operation itself.
    fn owner_at(&mut self, operation: usize, at: &JsonPointer) -> (usize, bool) {
        let segments: Vec<_> = at.segments().take(3).collect();
        match segments.as_slice() {
            [components, _, name] if components == "components" && at.depth() == 3 => {
                let prefix = naming::type_name(name);
                (self.owner_for(at, &prefix), true)
            }
            [paths, path, parameters] if paths == "paths" && parameters == "parameters" => {
                let prefix = naming::type_name(path);
                let item = at.parent().and_then(|p| p.parent()).unwrap_or_else(|| at.clone());
                (self.owner_for(&item, &prefix), true)
            }
            _ => (operation, false),
        }
    }

    /// Build `f` with `owner`'s names, then go back to the operation's.
    fn owned<T>(&mut self, owner: usize, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = self.owner.replace(owner);
        let out = f(self);
        self.owner = saved;
        out
    }

    /// The name of an inline type of `owner`: the local name, unique within
    /// the owner (`name`, or the parent's local name and `name` if that is
    /// taken, then a counter), after the owner's prefix. An empty `name` is
    /// the owner's own schema, named after the owner alone.
    pub(super) fn owned_name(&mut self, owner: usize, module: usize, name: &str, parent: &str) -> (String, String) {
        let o = &mut self.owners[owner];
        let local = if name.is_empty() && !o.scope.is_taken("") {
            o.scope.reserve("");
            String::new()
        } else {
            let preferred = naming::type_name(if name.is_empty() { "Content" } else { name });
            let parent = parent.strip_prefix(o.prefix.as_str()).unwrap_or(parent);
            if o.scope.is_taken(&preferred) {
                o.scope.claim(&format!("{parent}{preferred}"))
            } else {
                o.scope.claim(&preferred)
            }
        };
        let full = self.modules[module].scope.claim(&format!("{}{local}", o.prefix));
        (full, local)
    }

    /// One operation, its inline types named after `owner` (its own).
    #[allow(clippy::too_many_arguments, reason = "one private helper, the parts of one operation")]
    fn operation(
        &mut self,
        module: usize,
        owner: usize,
        name: String,
        id: String,
        pointer: JsonPointer,
        path: &str,
        item: &'a openapiv3::PathItem,
        method: &str,
        op: &'a openapiv3::Operation,
    ) -> Result<Operation> {
        let doc = match (&op.summary, &op.description) {
            (Some(s), Some(d)) if !d.starts_with(s.as_str()) => Some(format!("{s}\n\n{d}")),
            (_, Some(d)) => Some(d.clone()),
            (Some(s), None) => Some(s.clone()),
            (None, None) => None,
        };
        let params = self.params(module, owner, &pointer, path, item, op)?;
        let mut fields = Scope::new(Case::Field);
        fields.reserve("body");
        let params = params.into_iter().map(|p| Param { field: fields.claim(&p.json), ..p }).collect::<Vec<_>>();
        let mut request = None;
        let body = match &op.request_body {
            None => None,
            Some(r) => {
                let (body, body_pointer) = self.follow(r, &pointer.join("requestBody"), "requestBodies", "request bodies", |c| &c.request_bodies)?;
                let (body_owner, shared) = self.owner_at(owner, &body_pointer);
                let mut variants = Scope::new(Case::Variant);
                let mut choices = Vec::new();
                let mut first_json = true;
                for (media_type, m) in &body.content {
                    let media = Media::of(media_type, false);
                    let p = body_pointer.join("content").join(media_type).join("schema");
                    let ty = match (media, &m.schema) {
                        (Media::Json | Media::Multipart | Media::Form, Some(schema)) => {
                            let first = media == Media::Json && first_json;
                            let suggested = match (shared, first) {
                                (true, true) => String::new(),
                                (true, false) => media_variant(media_type, media),
                                (false, true) => "Request".to_owned(),
                                (false, false) => format!("{}Request", media_variant(media_type, media)),
                            };
                            let ty = self.owned(body_owner, |b| b.body_type(module, schema, &p, &suggested))?;
                            if first {
                                first_json = false;
                                request = Some(self.alias(module, owner, "Request", ty.clone(), &p));
                            }
                            ty
                        }
                        (Media::Json | Media::Multipart | Media::Form, None) => Ty::Value,
                        (Media::Text, _) => Ty::String,
                        _ => Ty::Unit,
                    };
                    let encoding = m
                        .encoding
                        .iter()
                        .map(|(k, e)| {
                            let style = e.style.as_ref().map_or(Style::Form, query_style);
                            Encoding { property: k.clone(), content_type: e.content_type.clone(), style, explode: e.explode || style == Style::Form }
                        })
                        .collect();
                    choices.push(Choice { media_type: media_type.clone(), media, ty, variant: variants.claim(&media_variant(media_type, media)), encoding });
                }
                if choices.is_empty() {
                    None
                } else {
                    let enum_name = (choices.len() > 1).then(|| self.owned_name(owner, module, "Body", "").0);
                    Some(Body { required: body.required, choices, enum_name })
                }
            }
        };
        let (cases, response, events) = self.responses(module, owner, &pointer, op)?;
        let statuses = match_order(&cases);
        let several = |success: bool| {
            let mut side = cases.iter().filter(|c| c.status.success() == success);
            let Some(first) = side.next() else { return false };
            side.any(|c| !same_type(c, first))
        };
        let output_enum = several(true).then(|| self.owned_name(owner, module, "Output", "").0);
        let error_enum = several(false).then(|| self.owned_name(owner, module, "Error", "").0);
        Ok(Operation {
            id,
            name,
            pointer: pointer.into(),
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            doc,
            deprecated: op.deprecated,
            params,
            body,
            cases,
            statuses,
            output_enum,
            error_enum,
            events,
            request,
            response,
        })
    }

    /// The operation's parameters: path ones in template order, then the rest in spec order.
    fn params(
        &mut self,
        module: usize,
        owner: usize,
        pointer: &JsonPointer,
        path: &str,
        item: &'a openapiv3::PathItem,
        op: &'a openapiv3::Operation,
    ) -> Result<Vec<Param>> {
        let path_pointer = pointer.parent().unwrap_or_else(|| pointer.clone());
        let mut all: Vec<(&'a openapiv3::Parameter, JsonPointer)> = Vec::new();
        let listed = item
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, path_pointer.join("parameters").join(i)))
            .chain(op.parameters.iter().enumerate().map(|(i, p)| (p, pointer.join("parameters").join(i))));
        for (p, at) in listed {
            let (param, at) = self.follow(p, &at, "parameters", "parameters", |c| &c.parameters)?;
            let data = param.parameter_data_ref();
            let place = location(param);
            if place == Location::Header {
                if IGNORED_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(&data.name)) {
                    continue;
                }
                if !is_token(&data.name) {
                    return Err(Error::spec(
                        at.join("name"),
                        format!("header parameter name {:?} is not an HTTP field name (letters, digits and !#$%&'*+-.^_`|~ only)", data.name),
                    ));
                }
            }
            // The operation's own parameter replaces the path item's of that name and place.
            all.retain(|(q, _)| !(q.parameter_data_ref().name == data.name && location(q) == place));
            all.push((param, at));
        }
        let variables: Vec<&str> =
            template_parts(path).into_iter().filter_map(|part| if let TemplatePart::Variable(v) = part { Some(v) } else { None }).collect();
        let no_parameter = |var: &str| {
            Error::spec(
                pointer.clone(),
                format!("the path template's `{{{var}}}` has no path parameter: every template variable needs a parameter with `in: path` and `name: {var:?}`"),
            )
        };
        // One template variable without a parameter and one path parameter
        // outside the template are the same thing under two names: the
        // parameter takes the template's (`crate::flaw`).
        let lone_variables: Vec<&str> =
            variables.iter().copied().filter(|v| !all.iter().any(|(p, _)| location(p) == Location::Path && p.parameter_data_ref().name == *v)).collect();
        let strays: Vec<usize> =
            (0..all.len()).filter(|&i| location(all[i].0) == Location::Path && !variables.contains(&all[i].0.parameter_data_ref().name.as_str())).collect();
        let mut renamed: Option<(usize, String)> = None;
        if let ([var], [stray]) = (lone_variables.as_slice(), strays.as_slice()) {
            let declared = all[*stray].0.parameter_data_ref().name.clone();
            self.flaw(&all[*stray].1.join("name"), Flaw::PathParameterRenamed { declared, template: (*var).to_owned() }, || no_parameter(var))?;
            renamed = Some((*stray, (*var).to_owned()));
        }
        let name_of = |i: usize, p: &'a openapiv3::Parameter| match &renamed {
            Some((r, name)) if *r == i => name.clone(),
            _ => p.parameter_data_ref().name.clone(),
        };
        let order = |i: usize, p: &'a openapiv3::Parameter| match location(p) {
            Location::Path => path.find(&format!("{{{}}}", name_of(i, p))).unwrap_or(usize::MAX),
            _ => usize::MAX,
        };
        if let (Some(var), None) = (lone_variables.first(), &renamed) {
            return Err(no_parameter(var));
        }
        if let (Some((p, at)), None) = (strays.first().map(|&i| &all[i]), &renamed) {
            return Err(Error::spec(
                at.join("name"),
                format!(
                    "path parameter `{}` is not in the path template {path:?}: a path parameter names one of its `{{variables}}`",
                    p.parameter_data_ref().name
                ),
            ));
        }
        let mut indexed: Vec<(usize, usize, &'a openapiv3::Parameter, JsonPointer)> =
            all.into_iter().enumerate().map(|(i, (p, at))| (if location(p) == Location::Path { 0 } else { 1 }, i, p, at)).collect();
        indexed.sort_by_key(|(group, i, p, _)| (*group, order(*i, p), *i));
        let mut out = Vec::new();
        for (_, i, param, at) in indexed {
            let json = name_of(i, param);
            let data = param.parameter_data_ref();
            let location = location(param);
            let (style, explode_default) = match param {
                openapiv3::Parameter::Query { style, .. } => {
                    let style = query_style(style);
                    (style, matches!(style, Style::Form | Style::DeepObject))
                }
                openapiv3::Parameter::Cookie { .. } => (Style::Form, true),
                _ => (Style::Simple, false),
            };
            let (schema, schema_pointer) = match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(s) => (Some(s), at.join("schema")),
                openapiv3::ParameterSchemaOrContent::Content(c) => match c.first() {
                    Some((media, m)) => (m.schema.as_ref(), at.join("content").join(media).join("schema")),
                    None => (None, at.clone()),
                },
            };
            let (ty, nullable) = match schema {
                Some(s) => {
                    // A component parameter's schema is named after the component.
                    let (param_owner, shared) = self.owner_at(owner, &at);
                    let suggested = if shared && at.depth() == 3 { String::new() } else { data.name.clone() };
                    let slot = Slot::Suggest { module, name: suggested, parent: String::new() };
                    let built = self.owned(param_owner, |b| b.build(schema_ref(s), &schema_pointer, slot))?;
                    (built.ty, built.nullable)
                }
                None => {
                    self.fallback(&at, FallbackReason::ParameterWithoutSchema);
                    (Ty::Value, false)
                }
            };
            let required = location == Location::Path || data.required;
            out.push(Param {
                json,
                field: String::new(),
                location,
                style,
                explode: data.explode.unwrap_or(explode_default),
                ty: if nullable && required { ty.option() } else { ty },
                required,
                doc: data.description.clone(),
                deprecated: data.deprecated.unwrap_or(false),
            });
        }
        Ok(out)
    }

    /// Follow `$ref`s to `#/components/{kind}/...` (`what` names them in the
    /// error) down to the item, and where it is.
    fn follow<T>(
        &self,
        mut r: &'a ReferenceOr<T>,
        at: &JsonPointer,
        kind: &str,
        what: &str,
        map: impl Fn(&'a openapiv3::Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Result<(&'a T, JsonPointer)> {
        let mut at = at.clone();
        for _ in 0..32 {
            match r {
                ReferenceOr::Item(item) => return Ok((item, at)),
                ReferenceOr::Reference { reference } => {
                    let (name, found) = self.component_part(reference, kind, &at, &map)?;
                    at = JsonPointer::component(kind, name);
                    r = found;
                }
            }
        }
        Err(Error::spec(at, format!("$ref chain of {what} does not end")))
    }

    /// A `#/components/{kind}/{name}` reference.
    fn component_part<T>(
        &self,
        reference: &str,
        kind: &str,
        at: &JsonPointer,
        map: impl Fn(&'a openapiv3::Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Result<(&'a str, &'a ReferenceOr<T>)> {
        let unresolved = || Error::spec(at, format!("unresolved $ref {reference:?}: no such {kind} component"));
        let name = component_name(reference, kind).map_err(|problem| match problem {
            RefProblem::Elsewhere => Error::spec(at, format!("unsupported $ref {reference:?}: only #/components/{kind}/... can be resolved here")),
            RefProblem::Malformed(e) => Error::spec(at, format!("malformed $ref {reference:?}: {e}")),
            RefProblem::Inside => unresolved(),
        })?;
        self.spec.components.as_ref().and_then(|c| map(c).get_full(&name)).map(|(_, k, v)| (k.as_str(), v)).ok_or_else(unresolved)
    }

    /// A body's type, built with a suggested (local) name.
    fn body_type(&mut self, module: usize, schema: &'a ReferenceOr<Schema>, pointer: &JsonPointer, suggested: &str) -> Result<Ty> {
        let slot = Slot::Suggest { module, name: suggested.to_owned(), parent: String::new() };
        let built = self.build(schema_ref(schema), pointer, slot)?;
        Ok(if built.nullable { built.ty.option() } else { built.ty })
    }

    /// `local` as a type of the operation `owner`: the type itself when it
    /// was built under that name, else an alias to it.
    fn alias(&mut self, module: usize, owner: usize, local: &str, ty: Ty, pointer: &JsonPointer) -> TypeId {
        match ty {
            Ty::Named(t) if self.local_names.get(&t).is_some_and(|(o, l)| *o == owner && l == local) => t,
            other => {
                let alias = self.owned(owner, |b| b.alloc(&Slot::Suggest { module, name: local.to_owned(), parent: String::new() }, pointer));
                self.types[alias].kind = Kind::Alias(other);
                alias
            }
        }
    }

    #[allow(clippy::type_complexity, reason = "one private helper's result")]
    fn responses(
        &mut self,
        module: usize,
        owner: usize,
        pointer: &JsonPointer,
        op: &'a openapiv3::Operation,
    ) -> Result<(Vec<ResponseCase>, Option<TypeId>, Option<Ty>)> {
        let mut cases = Vec::new();
        let mut first_json = None;
        let mut events = None;
        let listed = op.responses.responses.iter().map(|(code, r)| {
            let status = match code {
                openapiv3::StatusCode::Code(c) => Status::Code(*c),
                openapiv3::StatusCode::Range(r) => Status::Range(*r),
            };
            (status, code.to_string(), r)
        });
        let default = op.responses.default.as_ref().map(|r| (Status::Default, "default".to_owned(), r));
        for (status, code, r) in listed.chain(default) {
            let (response, at) = self.follow(r, &pointer.join("responses").join(&code), "responses", "responses", |c| &c.responses)?;
            let (response_owner, shared) = self.owner_at(owner, &at);
            let doc = Some(response.description.clone()).filter(|d| !d.is_empty());
            if response.content.is_empty() {
                cases.push(ResponseCase { status, media_type: None, media: Media::Empty, ty: Ty::Unit, variant: String::new(), doc });
                continue;
            }
            for (media_type, m) in &response.content {
                let media = Media::of(media_type, true);
                let p = at.join("content").join(media_type).join("schema");
                let ty = match (media, &m.schema) {
                    (Media::Json | Media::Events, None) => Ty::Value,
                    (Media::Json, Some(schema)) => {
                        let suggested = match status {
                            _ if shared => String::new(),
                            _ if status.success() && first_json.is_none() => "Response".to_owned(),
                            Status::Code(c) if status.success() => format!("Response{c}"),
                            Status::Code(c) => format!("Error{c}"),
                            Status::Range(r) => format!("Error{r}xx"),
                            Status::Default => "Error".to_owned(),
                        };
                        let ty = self.owned(response_owner, |b| b.body_type(module, schema, &p, &suggested))?;
                        if status.success() && first_json.is_none() {
                            first_json = Some(self.alias(module, owner, "Response", ty.clone(), &p));
                        }
                        ty
                    }
                    (Media::Events, Some(schema)) => {
                        let suggested = if shared { "" } else { "Event" };
                        self.owned(response_owner, |b| b.body_type(module, schema, &p, suggested))?
                    }
                    _ => Ty::Unit,
                };
                if media == Media::Events && status.success() && events.is_none() {
                    events = Some(ty.clone());
                }
                cases.push(ResponseCase { status, media_type: Some(media_type.clone()), media, ty, variant: String::new(), doc: doc.clone() });
            }
        }
        // Variant names, per side: by status where the side has several, by
        // media type where a status has several, by both where both vary.
        for success in [true, false] {
            let side: Vec<usize> = (0..cases.len()).filter(|&i| cases[i].status.success() == success).collect();
            let statuses_vary = side.iter().any(|&i| cases[i].status != cases[side[0]].status);
            let mut scope = Scope::new(Case::Variant);
            for &i in &side {
                let c = &cases[i];
                let media_varies = side.iter().any(|&j| j != i && cases[j].status == c.status);
                let by_status = match c.status {
                    Status::Code(code) => format!("Status{code}"),
                    Status::Range(r) => format!("Status{r}xx"),
                    Status::Default => "Default".to_owned(),
                };
                let by_media = c.media_type.as_deref().map(|m| media_variant(m, c.media)).unwrap_or_else(|| "Empty".to_owned());
                let raw = match (statuses_vary, media_varies) {
                    (true, true) => format!("{by_status}{by_media}"),
                    (true, false) => by_status,
                    (false, _) => by_media,
                };
                cases[i].variant = scope.claim(&raw);
            }
        }
        Ok((cases, first_json, events))
    }
}

/// The statuses of `cases`, each once, in the order a response is matched
/// against them: codes, then ranges, then `default`, in spec order within
/// each. A code comes before the range that holds it, as OpenAPI says it
/// takes precedence (`range_pattern` in `emit::operations` also leaves it
/// out of the range).
fn match_order(cases: &[ResponseCase]) -> Vec<Status> {
    let mut statuses: Vec<Status> = Vec::new();
    for c in cases {
        if !statuses.contains(&c.status) {
            statuses.push(c.status);
        }
    }
    statuses.sort_by_key(|s| match s {
        Status::Code(_) => 0,
        Status::Range(_) => 1,
        Status::Default => 2,
    });
    statuses
}

/// Which types hold files (module docs, "Files"), by [`TypeId`]: those that
/// hold an `api::File` themselves, then, back along the references, each
/// alias or union that holds one of those. A cycle of unions holds files
/// only if a file is on it or reachable from it.
pub(super) fn types_with_files(types: &[TypeDef]) -> Vec<bool> {
    let mut files = vec![false; types.len()];
    // For each type, the aliases and unions a file it holds passes into.
    let mut holders: Vec<Vec<TypeId>> = vec![Vec::new(); types.len()];
    let mut found = Vec::new();
    for (id, t) in types.iter().enumerate() {
        let held: Vec<&Ty> = match &t.kind {
            Kind::Alias(ty) => vec![ty],
            Kind::Tagged { variants, .. } | Kind::Untagged { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
            _ => continue,
        };
        for ty in held {
            match file_carrier(ty) {
                Ty::File if !files[id] => {
                    files[id] = true;
                    found.push(id);
                }
                Ty::Named(inner) => holders[*inner].push(id),
                _ => {}
            }
        }
    }
    while let Some(id) = found.pop() {
        for &holder in &holders[id] {
            if !files[holder] {
                files[holder] = true;
                found.push(holder);
            }
        }
    }
    files
}

/// What a value of `ty` holds files through: the type inside the lists,
/// options, boxes and links around it. Not a map's values: `api::FileParts`
/// does not look into maps, so a map is sent as one value part.
fn file_carrier(ty: &Ty) -> &Ty {
    match ty {
        Ty::Vec(t) | Ty::Option(t) | Ty::Boxed(t) | Ty::Linked(t) => file_carrier(t),
        other => other,
    }
}

impl Model {
    /// Whether values of `ty` hold files (module docs, "Files"): a
    /// multipart body sends such a property as file parts.
    pub fn holds_files(&self, ty: &Ty) -> bool {
        match file_carrier(ty) {
            Ty::File => true,
            Ty::Named(id) => self.files[*id],
            _ => false,
        }
    }
}

/// Whether two cases decode to the same Rust type the same way.
fn same_type(a: &ResponseCase, b: &ResponseCase) -> bool {
    match (a.media, b.media) {
        (Media::Json, Media::Json) | (Media::Events, Media::Events) => a.ty == b.ty,
        (x, y) => x == y && !matches!(x, Media::Json | Media::Events),
    }
}

/// A variant name for a media type: `Json`, `Multipart`, `Form`, `Events`,
/// else the subtype (`application/sdp` → `Sdp`, `video/mp4` → `Mp4`).
fn media_variant(media_type: &str, media: Media) -> String {
    match media {
        Media::Json if media_type.eq_ignore_ascii_case("application/json") => "Json".into(),
        Media::Multipart => "Multipart".into(),
        Media::Form => "Form".into(),
        Media::Events => "Events".into(),
        _ => {
            let essence = media_type.split(';').next().unwrap_or_default();
            let sub = essence.split_once('/').map(|(_, s)| s).unwrap_or(essence);
            naming::variant_name(sub)
        }
    }
}

fn query_style(style: &openapiv3::QueryStyle) -> Style {
    match style {
        openapiv3::QueryStyle::Form => Style::Form,
        openapiv3::QueryStyle::SpaceDelimited => Style::SpaceDelimited,
        openapiv3::QueryStyle::PipeDelimited => Style::PipeDelimited,
        openapiv3::QueryStyle::DeepObject => Style::DeepObject,
    }
}

fn location(p: &openapiv3::Parameter) -> Location {
    match p {
        openapiv3::Parameter::Path { .. } => Location::Path,
        openapiv3::Parameter::Query { .. } => Location::Query,
        openapiv3::Parameter::Header { .. } => Location::Header,
        openapiv3::Parameter::Cookie { .. } => Location::Cookie,
    }
}

/// Header parameters that OpenAPI says to ignore: `Content-Type` comes with
/// the request body, `Accept` and `Authorization` with the client and the
/// security schemes (matched without regard to case).
const IGNORED_HEADERS: [&str; 3] = ["Accept", "Content-Type", "Authorization"];

/// Whether `name` is an HTTP field name: an RFC 9110 token.
fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// One piece of a path template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplatePart<'p> {
    /// Text, sent as written.
    Text(&'p str),
    /// A `{variable}`, filled from the path parameter of that name.
    Variable(&'p str),
}

/// The path part of a template: up to a `?` the spec may put in it (a query
/// the template carries is fixed text, sent as query pairs).
pub fn template_path(path: &str) -> &str {
    path.split_once('?').map_or(path, |(p, _)| p)
}

/// The path part of a template in pieces: `/a/{id}/b?q={y}` gives the text
/// `/a/`, the variable `id` and the text `/b`. A `{` without a `}` after it
/// is text, and so is all that follows it; empty text is left out.
pub fn template_parts(path: &str) -> Vec<TemplatePart<'_>> {
    let mut rest = template_path(path);
    let mut out = Vec::new();
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else { break };
        if open > 0 {
            out.push(TemplatePart::Text(&rest[..open]));
        }
        out.push(TemplatePart::Variable(&rest[open + 1..open + len]));
        rest = &rest[open + len + 1..];
    }
    if !rest.is_empty() {
        out.push(TemplatePart::Text(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(schemas: &str) -> Model {
        let text = format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}");
        let mut value = crate::load::parse(&text).unwrap();
        crate::normalize::normalize(&mut value);
        build(&crate::load::typed(&value).unwrap(), &ModelSettings::default(), &Reach::of(&value)).unwrap()
    }

    fn holds_files(model: &Model, name: &str) -> bool {
        let id = model.types.iter().position(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"));
        model.holds_files(&Ty::Named(id))
    }

    #[test]
    fn files_are_found_through_wrappers_aliases_and_unions_at_any_depth() {
        let mut schemas = String::from(
            "    Upload: {type: string, format: binary}
    Uploads: {type: array, items: {$ref: '#/components/schemas/Upload'}}
    Either:
      oneOf: [{$ref: '#/components/schemas/Uploads'}, {type: integer}]
    Plain:
      oneOf: [{type: string}, {type: integer}]
    ByName: {type: object, additionalProperties: {$ref: '#/components/schemas/Upload'}}
    Loop:
      oneOf: [{$ref: '#/components/schemas/Loop2'}, {type: string}]
    Loop2:
      oneOf: [{type: array, items: {$ref: '#/components/schemas/Loop'}}, {type: integer}]
",
        );
        // A file 30 unions down: deeper than the walk the emitter once
        // capped at 16 levels.
        for i in 0..30 {
            schemas += &format!("    Deep{i}:\n      oneOf: [{{$ref: '#/components/schemas/Deep{}'}}, {{type: integer}}]\n", i + 1);
        }
        schemas += "    Deep30:\n      oneOf: [{type: string, format: binary}, {type: integer}]\n";
        let model = model(&schemas);
        for name in ["Upload", "Uploads", "Either", "Deep0", "Deep30"] {
            assert!(holds_files(&model, name), "{name}");
        }
        // A map is sent as one value part; a cycle without a file holds none.
        for name in ["Plain", "ByName", "Loop", "Loop2"] {
            assert!(!holds_files(&model, name), "{name}");
        }
        assert!(model.holds_files(&Ty::Option(Box::new(Ty::Vec(Box::new(Ty::File))))));
        assert!(!model.holds_files(&Ty::Map(Box::new(Ty::File))));
    }

    #[test]
    fn statuses_are_matched_codes_then_ranges_then_default() {
        let case = |status| ResponseCase { status, media_type: None, media: Media::Empty, ty: Ty::Unit, variant: String::new(), doc: None };
        let cases: Vec<ResponseCase> =
            [Status::Default, Status::Range(4), Status::Code(404), Status::Range(2), Status::Code(200), Status::Code(404)].into_iter().map(case).collect();
        assert_eq!(match_order(&cases), [Status::Code(404), Status::Code(200), Status::Range(4), Status::Range(2), Status::Default]);
    }
}
