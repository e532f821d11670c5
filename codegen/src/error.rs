//! The generator's one error type: a leaf, which the stages import and
//! which imports none of them.
//!
//! Every message names the spec file, the line where it is known, and the JSON
//! pointer of the schema at fault, e.g.
//! `spec/openapi.yaml:120: #/components/schemas/Batch/properties/errors: unresolved $ref "#/components/schemas/Nope"`.

use std::fmt;
use std::path::PathBuf;

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// The spec (or the output) could not be read or written.
    Io {
        /// The file involved.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The document is not valid YAML or JSON.
    Syntax {
        /// The spec file, when known.
        file: Option<PathBuf>,
        /// 1-based line, when the parser reported one.
        line: Option<usize>,
        /// The parser's message.
        message: String,
    },
    /// The document parsed, but a schema or other object in it cannot be used.
    Spec {
        /// The spec file, when known.
        file: Option<PathBuf>,
        /// 1-based line of the object at `pointer`, when it could be found.
        line: Option<usize>,
        /// JSON pointer of the offending object, e.g. `#/components/schemas/Batch`.
        pointer: String,
        /// What is wrong with it.
        message: String,
    },
    /// A setting names something the spec does not have.
    Config(String),
    /// A bug in the generator: a type it never finished, generated code that
    /// does not parse as Rust, a formatting thread that failed.
    Internal(String),
}

impl Error {
    /// A spec error at `pointer`, with file and line filled in later (`load::locate`).
    pub(crate) fn spec(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Spec { file: None, line: None, pointer: pointer.into(), message: message.into() }
    }

    /// Attach the file name and, for spec errors, the line `line_of` finds
    /// for the pointer (`load::locate` passes the spec text's). An error that
    /// already names its file (one from a referenced file) keeps it.
    pub(crate) fn locate_with(self, path: &std::path::Path, line_of: impl FnOnce(&str) -> Option<usize>) -> Self {
        match self {
            Error::Syntax { file: None, line, message } => Error::Syntax { file: Some(path.to_owned()), line, message },
            Error::Spec { file: None, line, pointer, message } => {
                Error::Spec { file: Some(path.to_owned()), line: line.or_else(|| line_of(&pointer)), pointer, message }
            }
            other => other,
        }
    }
}

pub(crate) fn write_place(f: &mut fmt::Formatter<'_>, file: &Option<PathBuf>, line: &Option<usize>) -> fmt::Result {
    match (file, line) {
        (Some(file), Some(line)) => write!(f, "{}:{}: ", file.display(), line),
        (Some(file), None) => write!(f, "{}: ", file.display()),
        (None, Some(line)) => write!(f, "line {}: ", line),
        (None, None) => Ok(()),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Syntax { file, line, message } => {
                write_place(f, file, line)?;
                write!(f, "not valid YAML/JSON: {}", message)
            }
            Error::Spec { file, line, pointer, message } => {
                write_place(f, file, line)?;
                write!(f, "{}: {}", pointer, message)
            }
            Error::Config(message) => write!(f, "{message}"),
            Error::Internal(message) => write!(f, "internal generator error (please report): {}", message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Shorthand used across the stages.
pub type Result<T, E = Error> = std::result::Result<T, E>;
