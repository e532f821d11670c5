//! What a run made ([`Report`]), and the `[features]` table of the generated
//! crate's `Cargo.toml` that follows from it.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crate::error::{Error, Result};
use crate::flaw::Warning;
use crate::manifest;
use crate::model::{self, Fallback, FallbackReason, Feature};

/// What a run made: counts, every place it fell back to
/// `serde_json::Value`, every flaw worked around, and the spec's Cargo
/// features. `Display` prints the summary that `OPENAPI_CODEGEN_REPORT=1`
/// prints from `build.rs`.
#[derive(Clone, Debug)]
pub struct Report {
    /// Types generated.
    pub types: usize,
    /// Modules generated.
    pub modules: usize,
    /// Each fallback, with its schema pointer and reason.
    pub fallbacks: Vec<Fallback>,
    /// Each flaw in the spec that was worked around
    /// ([`Config::strict_spec`](crate::Config::strict_spec)), in the order
    /// found: those in references first, then the model's.
    pub warnings: Vec<Warning>,
    /// `(operationId, path of the response type)` for every operation with a JSON response.
    pub responses: Vec<(String, String)>,
    /// `(operationId, path of the request type)` for every operation with a JSON request body.
    pub requests: Vec<(String, String)>,
    /// The spec's Cargo features (all of them, whichever were enabled).
    pub features: Vec<Feature>,
}

impl Report {
    pub(crate) fn new(model: &model::Model) -> Self {
        let path = |id: usize| {
            let t = &model.types[id];
            format!("{}::{}", model.modules[t.module].name, t.name)
        };
        Report {
            types: model.types.len(),
            modules: model.modules.len(),
            fallbacks: model.fallbacks.clone(),
            warnings: model.warnings.clone(),
            responses: model.operations.iter().filter_map(|o| o.response.map(|r| (o.id.clone(), path(r)))).collect(),
            requests: model.operations.iter().filter_map(|o| o.request.map(|r| (o.id.clone(), path(r)))).collect(),
            features: model.features.list.clone(),
        }
    }

    /// Fallback counts by reason, most frequent first.
    pub fn fallback_counts(&self) -> Vec<(FallbackReason, usize)> {
        let mut counts: BTreeMap<FallbackReason, usize> = BTreeMap::new();
        for f in &self.fallbacks {
            *counts.entry(f.reason).or_default() += 1;
        }
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// The `[features]` table that declares [`Report::features`], ending in
    /// a newline: `default = ["full"]`, `full` listing every feature, then
    /// each feature with a comment saying what it turns on. `spec` and
    /// `manifest` are paths as the user gives them, for the comment that
    /// names the command refreshing the table.
    pub fn features_table(&self, spec: &str, manifest: &str) -> String {
        manifest::table(&self.features, spec, manifest)
    }

    /// `manifest` (the text of a `Cargo.toml`) with its `[features]` table
    /// replaced by [`Report::features_table`], or that table appended when
    /// it has none. Everything else is kept byte for byte: the table is
    /// the lines from `[features]` to the next table header, less the
    /// comment lines right above that header.
    pub fn with_features_table(&self, manifest: &str, spec: &str, manifest_name: &str) -> String {
        manifest::replace_table(manifest, &self.features_table(spec, manifest_name))
    }

    /// Write [`Report::with_features_table`] into the `Cargo.toml` at
    /// `manifest`, replacing the file whole (never half a manifest), and
    /// only if that changes it. `spec` is the spec's path as the command
    /// that refreshes the table should name it. Whether it wrote.
    pub fn write_features_table(&self, manifest: &Path, spec: &str) -> Result<bool> {
        let text = std::fs::read_to_string(manifest).map_err(|source| Error::Io { path: manifest.to_owned(), source })?;
        crate::output::write_if_changed(manifest, &self.with_features_table(&text, spec, &manifest.display().to_string()))
    }

    /// How the `[features]` table of `manifest` (a `Cargo.toml`'s text) is
    /// out of step with the spec's features, in words (the names it lacks,
    /// those its `full` lists that the spec no longer has), or `None` when
    /// it is in step. Only the declared names and `full`'s list are read,
    /// so a table reformatted by hand is in step.
    pub fn features_out_of_step(&self, manifest: &str) -> Option<String> {
        let (missing, gone) = manifest::stale(manifest, &self.features)?;
        let mut what = Vec::new();
        if !missing.is_empty() {
            what.push(format!("it lacks {}", missing.join(", ")));
        }
        if !gone.is_empty() {
            what.push(format!("the spec no longer has {}", gone.join(", ")));
        }
        if what.is_empty() {
            what.push("it has no `default` or `full`".into());
        }
        Some(what.join("; "))
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "openapi-codegen: {} types in {} modules, {} fallbacks, {} flaws worked around",
            self.types,
            self.modules,
            self.fallbacks.len(),
            self.warnings.len()
        )?;
        for (reason, n) in self.fallback_counts() {
            writeln!(f, "  {n:>5}  {reason}")?;
        }
        Ok(())
    }
}
