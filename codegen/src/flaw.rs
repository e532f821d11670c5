//! Flaws in a vendor's spec that the generator works around, and the warning
//! that reports each one (issue 16).
//!
//! The rules are on [`Flaw`], where users read them.

use std::fmt;
use std::path::PathBuf;

/// One class of flaw in a spec, with what the generator did about it.
///
/// A user who depends on a vendor's spec cannot fix it, and needs the crate to
/// build anyway. So by default a flaw the generator can see is repaired where
/// the spec's intent is unambiguous, or else the smallest part that holds it is
/// left out (an operation) or reads any JSON (a schema). Each flaw is reported
/// once, as a [`Warning`] with its file, line and JSON pointer: `build.rs`
/// prints it as a `cargo:warning`, the CLI on stderr, and
/// [`Report::warnings`](crate::Report::warnings) lists it. With
/// [`Config::strict_spec`](crate::Config::strict_spec) every flaw is an error
/// again, with the message it had before it was tolerated.
///
/// The rule for each class, and where it is applied:
///
/// | flaw | what is done | where |
/// |---|---|---|
/// | a schema `$ref` to a schema that does not exist | the reference is dropped (its siblings, such as `description`, stay): the schema reads any JSON, `serde_json::Value` | `repair` |
/// | a schema `$ref` to a response (`#/components/responses/X`) | X's schema stands in its place: the `application/json` one, or the one of X's only media type; without one, any JSON | `repair` |
/// | a response `$ref` to a request body (`#/components/requestBodies/X`) | the response's content is X's content | `repair` |
/// | a schema whose `type` is not a JSON Schema type | the schema reads any JSON | `model` |
/// | a path parameter named unlike the one template variable left without a parameter | the parameter takes the template variable's name (the name the URL is built with) | `model::operations` |
/// | anything else an operation cannot be described with | the operation is left out with every type it had built (`model`'s rollback); the component schemas it reached are still generated | `model::operations` |
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flaw {
    /// A schema `$ref` names no schema: it reads any JSON.
    UnresolvedSchema {
        /// The reference as written.
        reference: String,
    },
    /// A schema `$ref` names a response: that response's schema is used,
    /// or any JSON (`found: false`) when it has none.
    SchemaIsResponse {
        /// The reference as written.
        reference: String,
        /// Whether the response had a schema to stand in.
        found: bool,
    },
    /// A response `$ref` names a request body: its content is the response's.
    ResponseIsRequestBody {
        /// The reference as written.
        reference: String,
    },
    /// A schema's `type` is not one JSON Schema has: it reads any JSON.
    UnknownType {
        /// The type as written.
        written: String,
    },
    /// A path parameter is named unlike the path template's variable: it
    /// takes the variable's name.
    PathParameterRenamed {
        /// The name the parameter was declared with.
        declared: String,
        /// The template's variable, the name it now has.
        template: String,
    },
    /// An operation that cannot be described faithfully is left out.
    OperationLeftOut {
        /// The operation's id (or `METHOD path`).
        operation: String,
        /// What is wrong, as the strict setting reports it.
        problem: String,
    },
}

impl fmt::Display for Flaw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flaw::UnresolvedSchema { reference } => write!(f, "$ref {reference:?} names no schema; it reads any JSON (serde_json::Value)"),
            Flaw::SchemaIsResponse { reference, found: true } => write!(f, "a schema's $ref {reference:?} names a response; that response's schema is used"),
            Flaw::SchemaIsResponse { reference, found: false } => {
                write!(f, "a schema's $ref {reference:?} names a response that has no schema; it reads any JSON (serde_json::Value)")
            }
            Flaw::ResponseIsRequestBody { reference } => {
                write!(f, "a response's $ref {reference:?} names a request body; its content is read as the response's")
            }
            Flaw::UnknownType { written } => write!(f, "unknown type {written:?}; the schema reads any JSON (serde_json::Value)"),
            Flaw::PathParameterRenamed { declared, template } => {
                write!(f, "path parameter `{declared}` is not in the path template, whose `{{{template}}}` has no parameter; it is read as `{template}`")
            }
            Flaw::OperationLeftOut { operation, problem } => write!(f, "operation {operation} is left out: {problem}"),
        }
    }
}

/// A flaw, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The spec file, once known (a build reading a file fills it in).
    pub file: Option<PathBuf>,
    /// 1-based line of `pointer`, where it could be found.
    pub line: Option<usize>,
    /// JSON pointer of the flawed object.
    pub pointer: String,
    /// What is wrong, and what was done.
    pub flaw: Flaw,
}

impl Warning {
    /// A warning at `pointer`, its file and line filled in later.
    pub(crate) fn new(pointer: impl Into<String>, flaw: Flaw) -> Self {
        Warning { file: None, line: None, pointer: pointer.into(), flaw }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::error::write_place(f, &self.file, &self.line)?;
        write!(f, "{}: {}", self.pointer, self.flaw)
    }
}
