//! Calling the API's operations, with any HTTP client.
//!
//! Each operation of the spec is a type that implements [`Operation`]: its
//! fields are the operation's parameters and request body. The HTTP part is
//! yours (this module does no I/O and needs no async runtime): build the
//! request from the operation, send it with the client you use, and hand the
//! response's status, `Content-Type` and body to [`Operation::decode`].
//!
//! ```text
//! use my_api::api::{self, Operation, Reply};
//!
//! // `GetBatch` stands for an operation type of this crate.
//! let op = GetBatch { batch_id: "batch_123".into() };
//! let mut url = format!("https://api.example.com/v1{}", op.path());
//! let query = api::query_string(&op.query());
//! if !query.is_empty() {
//!     url.push('?');
//!     url.push_str(&query);
//! }
//! let mut request = client.request(GetBatch::METHOD, &url);
//! for (name, value) in op.headers() {
//!     request = request.header(name, value);
//! }
//! if let Some((content_type, bytes)) = op.payload().encode() {
//!     request = request.header("Content-Type", content_type).body(bytes);
//! }
//! let response = request.send()?;
//! match GetBatch::decode(response.status(), response.content_type(), &response.bytes())? {
//!     Reply::Ok { body, .. } => println!("the batch: {body:?}"),
//!     Reply::Err { status, body } => println!("the API said {status}: {body:?}"),
//!     Reply::Other(raw) => println!("an undocumented {} response", raw.status),
//! }
//! ```
//!
//! - [`Operation::path`] is the path with its parameters filled in and
//!   percent-encoded; put the server's base URL in front.
//! - [`Operation::query`] gives the query parameters as name/value pairs, not
//!   yet percent-encoded: pass them to a client that encodes them, or make
//!   the query string with [`query_string`].
//! - [`Operation::payload`] is the request body: a client with its own
//!   JSON, form or multipart support can take the [`Payload`]'s parts, and
//!   any client can send the bytes and `Content-Type` of [`Payload::encode`].
//! - [`Operation::decode`] reads the response: a documented success status
//!   gives [`Reply::Ok`], a documented error status [`Reply::Err`], anything
//!   else [`Reply::Other`] with the response as received. A documented body
//!   that does not read as its type is a [`DecodeError`], which keeps it.
//!   [`Reply::into_result`] turns a reply into a `Result` for `?`.
//! - An operation that can answer with server-sent events (`text/event-stream`)
//!   also implements [`Streaming`]: feed the body's chunks, as they arrive,
//!   to the [`Events`] of [`Streaming::events`].
//!
//! Request bodies with files take a [`File`]: the bytes, a file name and a
//! content type.

// The runtime of the generated crate's public module `api` (see
// `runtime::api_module`): how to call an operation with any HTTP client. This
// file is real Rust, compiled and tested in the generator
// (`runtime::api_tests`), and emitted whole, as text, into every generated
// crate that has operations or files. Comments that are not docs (`///`,
// `//!`) do not reach the output. Everything here is `pub` or used by
// something `pub`: the user's crate compiles it under `#![deny(warnings)]`.
//
// Generated crates depend on `serde` and `serde_json` only, with whatever
// features the user's build unifies: JSON objects are therefore read into
// `Tree` below, which keeps their keys in the order they were written, rather
// than into `serde_json::Value`, whose order depends on `preserve_order`.

use ::serde::de::DeserializeOwned;
use ::std::fmt;

/// One operation of the API: its method, path, parameters and body, and how
/// its responses decode.
///
/// The generated operation types implement it; see the [module](self) for
/// how to send one.
pub trait Operation {
    /// The HTTP method, in upper case: `"GET"`, `"POST"`, ...
    const METHOD: &'static str;
    /// The path template as the spec gives it, e.g. `"/batches/{batch_id}"`.
    const PATH: &'static str;
    /// The typed request body; `()` when the operation takes none.
    type Body;
    /// What the documented success statuses decode to.
    type Output;
    /// What the documented error statuses decode to;
    /// [`Infallible`](std::convert::Infallible) when the spec documents none.
    type Error;

    /// The path with its parameters filled in, each percent-encoded (see
    /// [`path_segment`]).
    fn path(&self) -> String;

    /// The query parameters, in order, not yet percent-encoded: see
    /// [`query_string`] for the encoded form.
    fn query(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The header parameters (not `Content-Type`, which comes with the
    /// [`payload`](Operation::payload)).
    fn headers(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The request body, as it goes on the wire.
    fn payload(&self) -> Payload {
        Payload::None
    }

    /// Reads a response: its status, its `Content-Type` header (`""` when it
    /// has none) and its body.
    fn decode(status: u16, content_type: &str, body: &[u8]) -> Result<Reply<Self::Output, Self::Error>, DecodeError>;
}

/// An operation whose success response can be a stream of server-sent events
/// (`text/event-stream`).
///
/// When the response's [`essence`] is `text/event-stream`, feed its body to
/// [`events`](Streaming::events) rather than to [`Operation::decode`].
pub trait Streaming: Operation {
    /// What each event's `data` reads as.
    type Event: DeserializeOwned;

    /// A decoder for the response's events.
    fn events() -> Events<Self::Event> {
        Events::new()
    }
}

/// A decoded response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply<T, E> {
    /// A status the spec documents as a success, with its body.
    Ok {
        /// The HTTP status.
        status: u16,
        /// The body, read as the documented type.
        body: T,
    },
    /// A status the spec documents as an error, with its body.
    Err {
        /// The HTTP status.
        status: u16,
        /// The body, read as the documented type.
        body: E,
    },
    /// A status, or a media type, that the spec does not document: kept as
    /// received.
    Other(Raw),
}

impl<T, E> Reply<T, E> {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            Reply::Ok { status, .. } | Reply::Err { status, .. } => *status,
            Reply::Other(raw) => raw.status,
        }
    }

    /// The body of a success, if it is one.
    pub fn ok(self) -> Option<T> {
        match self {
            Reply::Ok { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The body of a success, or the reply that is not one: a documented
    /// error or an undocumented response (`Reply::Ok` cannot occur in the
    /// `Err`, its body type being [`Infallible`](std::convert::Infallible)).
    /// The error implements [`std::error::Error`] when `E` is `Debug`.
    pub fn into_result(self) -> Result<T, Reply<::std::convert::Infallible, E>> {
        match self {
            Reply::Ok { body, .. } => Ok(body),
            Reply::Err { status, body } => Err(Reply::Err { status, body }),
            Reply::Other(raw) => Err(Reply::Other(raw)),
        }
    }
}

impl<E: fmt::Debug> fmt::Display for Reply<::std::convert::Infallible, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reply::Ok { body, .. } => match *body {},
            Reply::Err { status, body } => write!(f, "the API answered {status}: {body:?}"),
            Reply::Other(raw) => write!(
                f,
                "the API answered {} with an undocumented response ({}, {} bytes)",
                raw.status,
                if raw.content_type.is_empty() { "no content type" } else { &raw.content_type },
                raw.body.len()
            ),
        }
    }
}

impl<E: fmt::Debug> ::std::error::Error for Reply<::std::convert::Infallible, E> {}

/// A response as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raw {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header, as received (`""` when there was none).
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
}

impl Raw {
    /// A response as received.
    pub fn new(status: u16, content_type: &str, body: &[u8]) -> Raw {
        Raw { status, content_type: content_type.to_owned(), body: body.to_vec() }
    }
}

/// A body that the spec documents but that does not read as its type: keeps
/// everything received.
#[derive(Debug)]
pub struct DecodeError {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header, as received.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
    /// Why it does not read.
    pub error: ::serde_json::Error,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} response does not read as its documented type: {}", self.status, self.error)
    }
}

impl ::std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// The media type of a `Content-Type` header, without its parameters, in
/// lower case: `"Application/JSON; charset=utf-8"` gives `"application/json"`.
pub fn essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// Reads a JSON body as `T`.
///
/// An empty body (or one of only whitespace) reads as `null` when `T` takes
/// `null`, as `()` and `Option` do: a documented response with no content.
pub fn json<T: DeserializeOwned>(status: u16, content_type: &str, body: &[u8]) -> Result<T, DecodeError> {
    ::serde_json::from_slice(body).or_else(|error| {
        let empty = body.iter().all(u8::is_ascii_whitespace);
        match ::serde_json::from_slice(b"null") {
            Ok(value) if empty => Ok(value),
            _ => Err(DecodeError { status, content_type: content_type.to_owned(), body: body.to_vec(), error }),
        }
    })
}

/// Reads a documented success: [`json`], then [`Reply::Ok`].
pub fn ok<T: DeserializeOwned, E>(status: u16, content_type: &str, body: &[u8]) -> Result<Reply<T, E>, DecodeError> {
    json(status, content_type, body).map(|body| Reply::Ok { status, body })
}

/// Reads a documented error: [`json`], then [`Reply::Err`].
pub fn err<T, E: DeserializeOwned>(status: u16, content_type: &str, body: &[u8]) -> Result<Reply<T, E>, DecodeError> {
    json(status, content_type, body).map(|body| Reply::Err { status, body })
}

/// Keeps an undocumented response as received: [`Reply::Other`].
pub fn other<T, E>(status: u16, content_type: &str, body: &[u8]) -> Result<Reply<T, E>, DecodeError> {
    Ok(Reply::Other(Raw::new(status, content_type, body)))
}

/// A request body as it goes on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Payload {
    /// No body.
    None,
    /// `application/json`: the JSON text.
    Json(Vec<u8>),
    /// `multipart/form-data`: the parts, for a client with its own multipart
    /// encoder (or see [`encode_multipart`]).
    Multipart(Vec<Part>),
    /// `application/x-www-form-urlencoded`: the pairs, not yet encoded (see
    /// [`query_string`] for the encoded form).
    Form(Vec<(String, String)>),
    /// Any other media type: the bytes as they are.
    Bytes {
        /// The media type.
        content_type: String,
        /// The body.
        bytes: Vec<u8>,
    },
}

impl Payload {
    /// A JSON body.
    pub fn json<T: ::serde::Serialize + ?Sized>(body: &T) -> Payload {
        // Serializing this crate's types cannot fail (their map keys are
        // strings); a hand-written `Serialize` that fails sends `null`.
        Payload::Json(::serde_json::to_vec(body).unwrap_or_else(|_| b"null".to_vec()))
    }

    /// A form body: each property of `body` (a JSON object) becomes pairs
    /// as [`query`] makes them with [`Style::Form`] and `explode`: an array
    /// repeats the property's name, an object gives a pair per property of
    /// its own, `null` gives nothing. A `body` that is not an object gives
    /// no pairs.
    pub fn form<T: ::serde::Serialize + ?Sized>(body: &T) -> Payload {
        let mut pairs = Vec::new();
        if let Tree::Object(properties) = Tree::of(body) {
            for (name, value) in properties {
                push_query(&mut pairs, &name, Style::Form, true, value);
            }
        }
        Payload::Form(pairs)
    }

    /// A multipart body: its [parts](Multipart::parts).
    pub fn multipart<T: Multipart + ?Sized>(body: &T) -> Payload {
        Payload::Multipart(body.parts())
    }

    /// A body of any other media type.
    pub fn bytes(content_type: &str, bytes: impl Into<Vec<u8>>) -> Payload {
        Payload::Bytes { content_type: content_type.to_owned(), bytes: bytes.into() }
    }

    /// The `Content-Type` to send, when the client encodes the body itself:
    /// `None` for no body, and for a multipart body, whose full type names
    /// the boundary that the multipart encoder picks
    /// (`multipart/form-data; boundary=...`; [`Payload::encode`] gives it).
    pub fn content_type(&self) -> Option<String> {
        match self {
            Payload::None | Payload::Multipart(_) => None,
            Payload::Json(_) => Some("application/json".to_owned()),
            Payload::Form(_) => Some("application/x-www-form-urlencoded".to_owned()),
            Payload::Bytes { content_type, .. } => Some(content_type.clone()),
        }
    }

    /// The bytes to send and their full `Content-Type`, for clients without
    /// their own multipart or form encoders; `None` for no body.
    ///
    /// A form is encoded as [`query_string`] encodes pairs (a space as
    /// `%20`). A multipart body gets a boundary that none of its parts
    /// contains, and its type says which: `multipart/form-data; boundary=...`.
    pub fn encode(&self) -> Option<(String, Vec<u8>)> {
        match self {
            Payload::None => None,
            Payload::Json(bytes) => Some(("application/json".to_owned(), bytes.clone())),
            Payload::Multipart(parts) => {
                let boundary = boundary(parts);
                Some((format!("multipart/form-data; boundary={boundary}"), encode_multipart(parts, &boundary)))
            }
            Payload::Form(pairs) => Some(("application/x-www-form-urlencoded".to_owned(), query_string(pairs).into_bytes())),
            Payload::Bytes { content_type, bytes } => Some((content_type.clone(), bytes.clone())),
        }
    }
}

/// A multipart boundary that occurs in none of the parts' bodies (the only
/// place it could: names and content types cannot hold a line break).
fn boundary(parts: &[Part]) -> String {
    let candidate = |n: u64| format!("openapi-boundary-{n:016x}");
    // Each part's body holds fewer candidates than it has bytes, so one of
    // the first (total bytes + 1) candidates is free.
    (0..=u64::MAX)
        .map(candidate)
        .find(|boundary| {
            let boundary = boundary.as_bytes();
            !parts.iter().any(|part| part.bytes.windows(boundary.len()).any(|window| window == boundary))
        })
        .unwrap_or_else(|| candidate(0))
}

/// One part of a `multipart/form-data` body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The form field's name.
    pub name: String,
    /// The file name, for a file.
    pub filename: Option<String>,
    /// The part's media type; none for a text field (`text/plain`).
    pub content_type: Option<String>,
    /// The content.
    pub bytes: Vec<u8>,
}

/// A `multipart/form-data` body (RFC 7578) with the given boundary, which
/// must not occur in the parts ([`Payload::encode`] picks one that does not).
///
/// In names and file names, `"`, CR and LF are written `%22`, `%0D` and
/// `%0A`, as browsers do; CR and LF are left out of content types.
pub fn encode_multipart(parts: &[Part], boundary: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        out.extend_from_slice(format!("Content-Disposition: form-data; name=\"{}\"", disposition_escape(&part.name)).as_bytes());
        if let Some(filename) = &part.filename {
            out.extend_from_slice(format!("; filename=\"{}\"", disposition_escape(filename)).as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        if let Some(content_type) = &part.content_type {
            let content_type: String = content_type.chars().filter(|c| *c != '\r' && *c != '\n').collect();
            out.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&part.bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

/// A name or file name, as a quoted string of `Content-Disposition`.
fn disposition_escape(s: &str) -> String {
    s.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// A file to upload: its bytes, a file name and a content type. The fields
/// of schemas with `format: binary` have this type.
///
/// A `File` is meant to be sent as a file part of a multipart body (see
/// [`FileParts`]). The spec types it `type: string`, so in JSON it is a
/// string: serialized as its bytes read as UTF-8 text (invalid sequences
/// replaced), and deserialized from a string (its bytes, with no file name
/// and no content type).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct File {
    /// The file name sent with the bytes (servers often look at its extension).
    pub filename: String,
    /// The media type; `None` sends the spec's `encoding`, if any, else
    /// `application/octet-stream`.
    pub content_type: Option<String>,
    /// The content.
    pub bytes: Vec<u8>,
}

impl File {
    /// A file with a name and its content.
    pub fn new(filename: impl Into<String>, bytes: impl Into<Vec<u8>>) -> File {
        File { filename: filename.into(), content_type: None, bytes: bytes.into() }
    }

    /// The file, sent with this media type.
    pub fn with_content_type(self, content_type: impl Into<String>) -> File {
        File { content_type: Some(content_type.into()), ..self }
    }
}

impl ::serde::Serialize for File {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(&self.bytes))
    }
}

impl<'de> ::serde::Deserialize<'de> for File {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<File, D::Error> {
        let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
        Ok(File { bytes: text.into_bytes(), ..File::default() })
    }
}

/// A multipart request body: the generated body types of `multipart/form-data`
/// requests implement it.
pub trait Multipart {
    /// The body's parts, in the order of its properties.
    fn parts(&self) -> Vec<Part>;
}

/// A value that becomes multipart parts under a property's name: a [`File`],
/// and what holds files (`Option`, `Vec`, `Box`, and generated unions with a
/// file arm).
pub trait FileParts {
    /// Appends the parts of `self` to `out`, named `name`. `content_type` is
    /// the spec's `encoding` for the property, used for a file that has no
    /// content type of its own.
    fn file_parts(&self, name: &str, content_type: Option<&str>, out: &mut Vec<Part>);
}

impl FileParts for File {
    /// One file part: the file's content type, else `content_type`, else
    /// `application/octet-stream`.
    fn file_parts(&self, name: &str, content_type: Option<&str>, out: &mut Vec<Part>) {
        let content_type = match &self.content_type {
            Some(own) => own.clone(),
            None => content_type.unwrap_or("application/octet-stream").to_owned(),
        };
        out.push(Part { name: name.to_owned(), filename: Some(self.filename.clone()), content_type: Some(content_type), bytes: self.bytes.clone() });
    }
}

impl<T: FileParts> FileParts for Option<T> {
    /// The value's parts; nothing for `None`.
    fn file_parts(&self, name: &str, content_type: Option<&str>, out: &mut Vec<Part>) {
        if let Some(value) = self {
            value.file_parts(name, content_type, out);
        }
    }
}

impl<T: FileParts> FileParts for Vec<T> {
    /// Each element's parts, all under the same name.
    fn file_parts(&self, name: &str, content_type: Option<&str>, out: &mut Vec<Part>) {
        for value in self {
            value.file_parts(name, content_type, out);
        }
    }
}

impl<T: FileParts + ?Sized> FileParts for Box<T> {
    /// The boxed value's parts.
    fn file_parts(&self, name: &str, content_type: Option<&str>, out: &mut Vec<Part>) {
        (**self).file_parts(name, content_type, out);
    }
}

/// Appends the parts of a property without files to `out`: a string is a
/// text part, a number or boolean its JSON text, `null` (an absent `Option`)
/// nothing, an array one part per element (all named `name`), an object its
/// JSON text as `application/json`. `content_type` (the spec's `encoding` for
/// the property) is the parts' content type when given.
pub fn value_parts<T: ::serde::Serialize + ?Sized>(name: &str, value: &T, content_type: Option<&str>, out: &mut Vec<Part>) {
    tree_parts(name, Tree::of(value), content_type, out);
}

/// The parts of a multipart body that is not a struct of known properties
/// (a map, a union, a flattened property): each property of `value`, a JSON
/// object, as [`value_parts`] makes it, in order; nothing when `value` is
/// not an object. A [`File`] in it is a text part of its bytes: files go
/// through [`FileParts`].
pub fn object_parts<T: ::serde::Serialize + ?Sized>(value: &T) -> Vec<Part> {
    let mut out = Vec::new();
    if let Tree::Object(properties) = Tree::of(value) {
        for (name, value) in properties {
            tree_parts(&name, value, None, &mut out);
        }
    }
    out
}

/// [`value_parts`], of a value already read.
fn tree_parts(name: &str, value: Tree, content_type: Option<&str>, out: &mut Vec<Part>) {
    match value {
        Tree::Array(items) => {
            for item in items {
                value_part(name, item, content_type, out);
            }
        }
        value => value_part(name, value, content_type, out),
    }
}

/// One part of [`value_parts`]: nothing for `null`.
fn value_part(name: &str, value: Tree, content_type: Option<&str>, out: &mut Vec<Part>) {
    let (bytes, default_type) = match value {
        Tree::Null => return,
        Tree::String(text) => (text.into_bytes(), None),
        value @ (Tree::Bool(_) | Tree::Number(_)) => (value.text().into_bytes(), None),
        value @ (Tree::Array(_) | Tree::Object(_)) => (value.json().into_bytes(), Some("application/json")),
    };
    out.push(Part { name: name.to_owned(), filename: None, content_type: content_type.or(default_type).map(str::to_owned), bytes });
}

/// How a query or header parameter is written, as the spec's `style` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `form`: `name=a,b` or, exploded, `name=a&name=b` (query).
    Form,
    /// `spaceDelimited`: `name=a b` (query arrays).
    SpaceDelimited,
    /// `pipeDelimited`: `name=a|b` (query arrays).
    PipeDelimited,
    /// `deepObject`: `name[key]=value` (query objects).
    DeepObject,
    /// `simple`: `a,b` (paths and headers).
    Simple,
}

/// Appends the pairs of a query parameter to `out`, as its `style` and
/// `explode` say; names and values are not percent-encoded (see
/// [`query_string`]).
///
/// - `null` (an absent `Option`) gives nothing; a string is itself, a number
///   or boolean its JSON text (`true`).
/// - An array: exploded (any style but `simple`), a pair per element under
///   `name`, none when empty; otherwise one pair, its elements joined by `,`
///   (`form`, `deepObject`, `simple`), ` ` (`spaceDelimited`) or `|`
///   (`pipeDelimited`).
/// - An object, `deepObject`: `name[key]=value` per property, nested objects
///   as `name[key][key2]=value`, arrays in it as `name[key][]=element` per
///   element; an array, `deepObject`, likewise `name[]=element` (OpenAPI
///   leaves both open; this is what Stripe's form bodies expect).
/// - An object, exploded (`form`, `spaceDelimited`, `pipeDelimited`): its
///   properties as parameters of their own, `key=value` (an array in it
///   repeats `key`); otherwise one pair `name=key,value,...` (joined by the
///   style's separator).
/// - An object, `simple`: `name=key,value,...`, or exploded
///   `name=key=value,...`.
///
/// A `null` element of an array is an empty string, a `null` property is left
/// out, and an object or array inside an array (or not covered above) is its
/// JSON text.
pub fn query<T: ::serde::Serialize + ?Sized>(out: &mut Vec<(String, String)>, name: &str, style: Style, explode: bool, value: &T) {
    push_query(out, name, style, explode, Tree::of(value));
}

/// [`query`], of a value already read.
fn push_query(out: &mut Vec<(String, String)>, name: &str, style: Style, explode: bool, value: Tree) {
    let separator = match style {
        Style::SpaceDelimited => " ",
        Style::PipeDelimited => "|",
        Style::Form | Style::DeepObject | Style::Simple => ",",
    };
    match value {
        Tree::Null => {}
        Tree::Array(items) if style == Style::DeepObject => {
            for item in items {
                out.push((format!("{name}[]"), item.text()));
            }
        }
        Tree::Array(items) if explode && style != Style::Simple => {
            for item in items {
                out.push((name.to_owned(), item.text()));
            }
        }
        Tree::Array(items) => {
            let texts: Vec<String> = items.into_iter().map(Tree::text).collect();
            out.push((name.to_owned(), texts.join(separator)));
        }
        Tree::Object(properties) if style == Style::DeepObject => push_deep(out, name, properties),
        Tree::Object(properties) if style == Style::Simple => out.push((name.to_owned(), simple(Tree::Object(properties), explode))),
        Tree::Object(properties) if explode => {
            for (key, value) in properties {
                match value {
                    Tree::Array(items) => {
                        for item in items {
                            out.push((key.clone(), item.text()));
                        }
                    }
                    Tree::Null => {}
                    value => out.push((key, value.text())),
                }
            }
        }
        Tree::Object(properties) => {
            let texts: Vec<String> = key_values(properties).collect();
            out.push((name.to_owned(), texts.join(separator)));
        }
        value => out.push((name.to_owned(), value.text())),
    }
}

/// The `deepObject` pairs of an object's properties under `prefix`.
fn push_deep(out: &mut Vec<(String, String)>, prefix: &str, properties: Vec<(String, Tree)>) {
    for (key, value) in properties {
        let name = format!("{prefix}[{key}]");
        match value {
            Tree::Null => {}
            Tree::Object(inner) => push_deep(out, &name, inner),
            Tree::Array(items) => {
                for item in items {
                    out.push((format!("{name}[]"), item.text()));
                }
            }
            value => out.push((name, value.text())),
        }
    }
}

/// An object's non-null properties as `key, value, ...` texts.
fn key_values(properties: Vec<(String, Tree)>) -> impl Iterator<Item = String> {
    properties.into_iter().filter(|(_, value)| *value != Tree::Null).flat_map(|(key, value)| [key, value.text()])
}

/// The `simple` style text of a value, not percent-encoded.
fn simple(value: Tree, explode: bool) -> String {
    match value {
        Tree::Array(items) => items.into_iter().map(Tree::text).collect::<Vec<_>>().join(","),
        Tree::Object(properties) if explode => {
            properties.into_iter().filter(|(_, value)| *value != Tree::Null).map(|(key, value)| format!("{key}={}", value.text())).collect::<Vec<_>>().join(",")
        }
        Tree::Object(properties) => key_values(properties).collect::<Vec<_>>().join(","),
        value => value.text(),
    }
}

/// A query string of pairs: `a=1&b=x%20y`, every byte of names and values
/// percent-encoded but the unreserved characters of RFC 3986
/// (`A-Z a-z 0-9 - . _ ~`); `""` when there are no pairs.
pub fn query_string(pairs: &[(String, String)]) -> String {
    pairs.iter().map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value))).collect::<Vec<_>>().join("&")
}

/// A path parameter, `simple` style, percent-encoded (`/` too, as `%2F`): a
/// string, a number or boolean's JSON text, an array's elements joined by
/// `,`, an object's `key,value,...`; `null` gives `""`.
pub fn path_segment<T: ::serde::Serialize + ?Sized>(value: &T) -> String {
    match Tree::of(value) {
        Tree::Array(items) => items.into_iter().map(|item| percent_encode(&item.text())).collect::<Vec<_>>().join(","),
        Tree::Object(properties) => key_values(properties).map(|text| percent_encode(&text)).collect::<Vec<_>>().join(","),
        value => percent_encode(&value.text()),
    }
}

/// A header parameter, `simple` style, not percent-encoded: as
/// [`path_segment`] writes it, but `None` for `null` (send no header).
///
/// A header value cannot hold control characters but tab (RFC 9110, 5.5):
/// each of them, CR and LF first, is written as a space, as that RFC tells a
/// recipient to do, so a value can never end the header and start another.
pub fn header_value<T: ::serde::Serialize + ?Sized>(value: &T) -> Option<String> {
    match Tree::of(value) {
        Tree::Null => None,
        value => Some(simple(value, false).chars().map(|c| if c.is_ascii_control() && c != '\t' { ' ' } else { c }).collect()),
    }
}

/// The `Cookie` header of the cookie parameters' pairs, `a=1; b=2`; `None`
/// when there are none.
///
/// A name or value keeps the bytes a cookie may hold (RFC 6265's
/// `cookie-octet`, which leaves out controls, space, `"`, `,`, `;` and `\`),
/// so a token, a number or base64 is sent as it is; those other bytes, `%`
/// and, in names, `=` are percent-encoded (`%3B`), so a value can never end
/// its pair or the header.
pub fn cookie_header(pairs: &[(String, String)]) -> Option<String> {
    if pairs.is_empty() {
        return None;
    }
    let text: Vec<String> = pairs.iter().map(|(name, value)| format!("{}={}", cookie_octets(name, true), cookie_octets(value, false))).collect();
    Some(text.join("; "))
}

/// `s` with the bytes outside `cookie-octet`, `%` and, for a name, `=`
/// written `%XX`.
fn cookie_octets(s: &str, name: bool) -> String {
    escape(s, |byte| matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E) && byte != b'%' && !(name && byte == b'='))
}

/// `s` with every byte but the unreserved characters of RFC 3986
/// (`A-Z a-z 0-9 - . _ ~`) written `%XX`: `"a/b c"` gives `"a%2Fb%20c"`.
pub fn percent_encode(s: &str) -> String {
    escape(s, |byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~'))
}

/// `s` with every byte that `keep` refuses written `%XX`.
fn escape(s: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        if keep(byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A JSON value whose objects keep their keys in the order written.
#[derive(Clone, Debug, PartialEq)]
enum Tree {
    Null,
    Bool(bool),
    Number(::serde_json::Number),
    String(String),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

impl Tree {
    /// `value` as JSON.
    fn of<T: ::serde::Serialize + ?Sized>(value: &T) -> Tree {
        // Serializing this crate's types cannot fail (their map keys are
        // strings), and JSON text reads back; if either failed anyway (a
        // hand-written `Serialize`, nesting deeper than `serde_json` reads)
        // the value counts as `null`: nothing is sent for it.
        ::serde_json::to_vec(value).ok().and_then(|text| ::serde_json::from_slice(&text).ok()).unwrap_or(Tree::Null)
    }

    /// A scalar as a parameter's text; an array or object as JSON.
    fn text(self) -> String {
        match self {
            Tree::Null => String::new(),
            Tree::Bool(value) => value.to_string(),
            Tree::Number(number) => number.to_string(),
            Tree::String(text) => text,
            value @ (Tree::Array(_) | Tree::Object(_)) => value.json(),
        }
    }

    /// The JSON text.
    fn json(&self) -> String {
        // Cannot fail: the keys are strings.
        ::serde_json::to_string(self).unwrap_or_default()
    }
}

impl ::serde::Serialize for Tree {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Tree::Null => serializer.serialize_unit(),
            Tree::Bool(value) => serializer.serialize_bool(*value),
            Tree::Number(number) => ::serde::Serialize::serialize(number, serializer),
            Tree::String(text) => serializer.serialize_str(text),
            Tree::Array(items) => serializer.collect_seq(items),
            Tree::Object(properties) => serializer.collect_map(properties.iter().map(|(key, value)| (key, value))),
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for Tree {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Tree, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

/// Reads a [`Tree`].
struct TreeVisitor;

impl<'de> ::serde::de::Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: ::serde::de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_bool<E: ::serde::de::Error>(self, value: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(value))
    }

    fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> Result<Tree, E> {
        Ok(Tree::Number(value.into()))
    }

    fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> Result<Tree, E> {
        Ok(Tree::Number(value.into()))
    }

    fn visit_f64<E: ::serde::de::Error>(self, value: f64) -> Result<Tree, E> {
        // JSON text has no infinite or NaN number: this is always `Some`.
        Ok(::serde_json::Number::from_f64(value).map_or(Tree::Null, Tree::Number))
    }

    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<Tree, E> {
        Ok(Tree::String(value.to_owned()))
    }

    fn visit_string<E: ::serde::de::Error>(self, value: String) -> Result<Tree, E> {
        Ok(Tree::String(value))
    }

    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Array(items))
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut properties = Vec::new();
        while let Some(entry) = map.next_entry::<String, Tree>()? {
            properties.push(entry);
        }
        Ok(Tree::Object(properties))
    }
}

/// One server-sent event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event<T> {
    /// An event whose `data` reads as `T` (JSON).
    Data {
        /// The event's type (its `event` field), if it has one.
        event: Option<String>,
        /// The last event id the stream set (`id` field), if any: the value
        /// to send as `Last-Event-ID` to resume after this event.
        id: Option<String>,
        /// The data, read.
        data: T,
    },
    /// The data `[DONE]`, with which some APIs end a stream.
    Done,
    /// An event whose `data` does not read as `T`: kept, not an error.
    Unknown {
        /// The event's type (its `event` field), if it has one.
        event: Option<String>,
        /// The last event id the stream set, if any.
        id: Option<String>,
        /// The data, as received (lines joined by `\n`).
        data: String,
        /// Why it does not read as `T`.
        error: String,
    },
}

/// A decoder of server-sent events (`text/event-stream`), fed the body's
/// chunks as they arrive: chunks of any size, split anywhere (inside a line,
/// a line break or a UTF-8 character). No async runtime involved.
///
/// It reads the stream as the WHATWG HTML standard says (lines ending in CR,
/// LF or CRLF; comments; `data`, `event`, `id`; a blank line ends an event),
/// except that [`finish`](Events::finish) also ends an event that the stream
/// did not end with a blank line.
#[derive(Debug)]
pub struct Events<T> {
    /// Bytes of a line not yet ended.
    pending: Vec<u8>,
    /// How many of them are known to hold no line break.
    searched: usize,
    /// Nothing read yet: a byte order mark may come.
    start: bool,
    /// The last line ended in CR: an LF first in the next chunk ends nothing.
    after_cr: bool,
    /// The event's `data` lines, each followed by `\n`.
    data: String,
    /// The event's type.
    event: Option<String>,
    /// The last event id.
    id: Option<String>,
    events: ::std::marker::PhantomData<fn() -> T>,
}

impl<T> Default for Events<T> {
    fn default() -> Self {
        Events {
            pending: Vec::new(),
            searched: 0,
            start: true,
            after_cr: false,
            data: String::new(),
            event: None,
            id: None,
            events: ::std::marker::PhantomData,
        }
    }
}

/// The UTF-8 byte order mark, left out at the start of a stream.
const BOM: &[u8] = b"\xEF\xBB\xBF";

impl<T> Events<T> {
    /// A decoder at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }
}

impl<T: DeserializeOwned> Events<T> {
    /// Reads the next chunk of the stream: the events that it completes.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<Event<T>> {
        self.pending.extend_from_slice(chunk);
        let mut out = Vec::new();
        if self.start {
            if self.pending.len() < BOM.len() && BOM.starts_with(&self.pending) {
                // Maybe the start of a byte order mark: wait for more.
                return out;
            }
            if self.pending.starts_with(BOM) {
                self.pending.drain(..BOM.len());
            }
            self.start = false;
        }
        self.lines(&mut out);
        out
    }

    /// Ends the stream: the event that its last lines make, if the stream did
    /// not end it with a blank line.
    pub fn finish(mut self) -> Vec<Event<T>> {
        let mut out = Vec::new();
        self.start = false;
        self.lines(&mut out);
        let last = ::std::mem::take(&mut self.pending);
        if !last.is_empty() {
            self.line(&last, &mut out);
        }
        self.dispatch(&mut out);
        out
    }

    /// All the events of a whole body.
    pub fn decode_all(body: &[u8]) -> Vec<Event<T>> {
        let mut events = Events::new();
        let mut out = events.feed(body);
        out.extend(events.finish());
        out
    }

    /// Reads the ended lines of `pending`, keeping the rest. Each byte is
    /// looked at once, however small the chunks a long line arrives in.
    fn lines(&mut self, out: &mut Vec<Event<T>>) {
        let mut pending = ::std::mem::take(&mut self.pending);
        // `pending[start..]` is not read yet; its first `searched` bytes hold
        // no line break.
        let mut start = 0;
        let mut searched = self.searched;
        loop {
            let rest = pending.get(start..).unwrap_or_default();
            if self.after_cr {
                match rest.first() {
                    None => break,
                    Some(b'\n') => start += 1,
                    Some(_) => {}
                }
                self.after_cr = false;
                continue;
            }
            let unsearched = rest.get(searched..).unwrap_or_default();
            let Some(at) = unsearched.iter().position(|&b| b == b'\r' || b == b'\n') else {
                searched = rest.len();
                break;
            };
            let end = searched + at;
            self.after_cr = rest.get(end) == Some(&b'\r');
            self.line(rest.get(..end).unwrap_or_default(), out);
            start += end + 1;
            searched = 0;
        }
        self.searched = searched;
        pending.drain(..start.min(pending.len()));
        self.pending = pending;
    }

    /// Reads one line, without its line break.
    fn line(&mut self, line: &[u8], out: &mut Vec<Event<T>>) {
        let line = String::from_utf8_lossy(line);
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match field {
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
            }
            "event" => self.event = Some(value.to_owned()),
            "id" if !value.contains('\0') => self.id = Some(value.to_owned()),
            // A comment (no field name), `retry`, or a field the standard
            // does not define.
            _ => {}
        }
    }

    /// Ends the event being read: an event if it has data.
    fn dispatch(&mut self, out: &mut Vec<Event<T>>) {
        let event = self.event.take().filter(|event| !event.is_empty());
        if self.data.is_empty() {
            return;
        }
        let mut data = ::std::mem::take(&mut self.data);
        data.pop();
        let id = self.id.clone().filter(|id| !id.is_empty());
        out.push(if data == "[DONE]" {
            Event::Done
        } else {
            match ::serde_json::from_str(&data) {
                Ok(value) => Event::Data { event, id, data: value },
                Err(error) => Event::Unknown { event, id, data, error: error.to_string() },
            }
        });
    }
}
