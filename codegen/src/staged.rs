//! What each stage of the staged API hands to the next: [`Spec`] (load),
//! [`Model`] (model), [`Output`] (emit). The stages themselves are methods
//! of [`Config`](crate::Config); these types only carry their results, with
//! what a later stage needs to name a file and line in an error.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Result;
use crate::flaw::Warning;
use crate::model;
use crate::refs;
use crate::report::Report;

/// A spec read, its references resolved into one document:
/// [`Config::load`](crate::Config::load) makes it,
/// [`Config::model`](crate::Config::model) takes it.
#[derive(Debug)]
pub struct Spec {
    pub(crate) value: serde_json::Value,
    /// The name the output's header gives.
    pub(crate) name: String,
    /// The file it was read from, when it was.
    pub(crate) origin: Option<Origin>,
    pub(crate) timings: Vec<(&'static str, Duration)>,
}

/// The file a [`Spec`] was read from, its text, and what resolving its
/// references read: what locates an error of a later stage.
#[derive(Debug)]
pub(crate) struct Origin {
    pub(crate) path: PathBuf,
    pub(crate) text: String,
    pub(crate) bundle: refs::Bundle,
}

impl Spec {
    /// The document as JSON, as the model stage reads it: YAML read as
    /// JSON, every reference pointing into it (a schema from another file,
    /// or from elsewhere than `#/components/schemas`, is a component
    /// schema of its own).
    pub fn value(&self) -> &serde_json::Value {
        &self.value
    }

    /// The files read besides the spec itself (those its references name).
    pub fn files(&self) -> Vec<&Path> {
        self.origin.iter().flat_map(|o| o.bundle.files.iter().map(|(path, _)| path.as_path())).collect()
    }
}

/// A spec's model: every type, its name and how it reads and writes, and
/// every operation. [`Config::model`](crate::Config::model) makes it;
/// [`Config::emit`](crate::Config::emit) and
/// [`Config::diff`](crate::Config::diff) take it. What is inside is the
/// generator's own and changes between versions; what it offers is below.
#[derive(Debug)]
pub struct Model {
    pub(crate) ir: model::Model,
    /// The name the output's header gives.
    pub(crate) name: String,
    /// The file read, when it was.
    pub(crate) path: Option<PathBuf>,
    pub(crate) files: Vec<PathBuf>,
    pub(crate) timings: Vec<(&'static str, Duration)>,
}

impl Model {
    /// Each flaw in the spec that was worked around, located in its file.
    pub fn warnings(&self) -> &[Warning] {
        &self.ir.warnings
    }

    /// What emitting this model reports (the same as [`Output::report`]).
    pub fn report(&self) -> Report {
        Report::new(&self.ir)
    }

    /// Where each generated item comes from: its place in the spec → its
    /// paths in the crate. A type's place is its schema's JSON pointer and
    /// its path `module::Name` (an operation's `Request` alias shares its
    /// body's pointer); an operation's place is `operation {method}
    /// {path}`, and its paths are `operations::Name` and its `Body`,
    /// `Output` and `Error` enums.
    pub fn items(&self) -> BTreeMap<String, BTreeSet<String>> {
        let ir = &self.ir;
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for t in &ir.types {
            out.entry(t.pointer.clone()).or_default().insert(format!("{}::{}", ir.modules[t.module].name, t.name));
        }
        for op in &ir.operations {
            let enums = [op.body.as_ref().and_then(|b| b.enum_name.as_ref()), op.output_enum.as_ref(), op.error_enum.as_ref()];
            let entry = out.entry(format!("operation {} {}", op.method, op.path)).or_default();
            for name in std::iter::once(&op.name).chain(enums.into_iter().flatten()) {
                entry.insert(format!("operations::{name}"));
            }
        }
        out
    }
}

/// What [`Config::emit`](crate::Config::emit) (and
/// [`Config::generate_file`](crate::Config::generate_file),
/// [`Config::generate_str`](crate::Config::generate_str)) produce.
#[derive(Debug)]
pub struct Output {
    /// The Rust source, `@generated` header included.
    pub code: String,
    /// Counts, fallbacks, flaws and features.
    pub report: Report,
    /// The files read besides the spec itself (those its references name).
    pub files: Vec<PathBuf>,
    /// Where the time went, stage by stage, in order: wall time, except
    /// the entries marked `(all threads)`, which are summed over the
    /// threads that emit and lay out the modules side by side.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Output {
    /// Write the code to `path` unless the file already holds exactly it
    /// (so that nothing that watches it rebuilds); the new text goes to a
    /// temporary file beside it first and is renamed into place, so a
    /// reader never sees half a file. Whether it wrote.
    pub fn write(&self, path: &Path) -> Result<bool> {
        crate::output::write_if_changed(path, &self.code)
    }
}

/// A stopwatch for the timings of [`Output::timings`].
pub(crate) struct Lap(Instant);

impl Lap {
    pub(crate) fn start() -> Self {
        Lap(Instant::now())
    }

    /// Record the time since the last mark as `stage`'s.
    pub(crate) fn mark(&mut self, stage: &'static str, timings: &mut Vec<(&'static str, Duration)>) {
        let now = Instant::now();
        timings.push((stage, now - self.0));
        self.0 = now;
    }
}
