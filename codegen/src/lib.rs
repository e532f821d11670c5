//! Generate serde models from an OpenAPI 3.0 or 3.1 document, from `build.rs`.
//!
//! ```no_run
//! // build.rs
//! if let Err(e) = openapi_codegen::Config::new()
//!     .name_schema("#/components/schemas/Batch/properties/usage", "BatchUsage")
//!     .doc_base_url("https://platform.openai.com")
//!     .generate("spec/openapi.yaml")
//! {
//!     eprintln!("error: {e}");
//!     std::process::exit(1);
//! }
//! ```
//! and in `src/lib.rs`: `include!(concat!(env!("OUT_DIR"), "/openapi.rs"));`
//!
//! # The staged API
//! [`Config::generate`] runs three stages and writes the result. Each stage
//! is also a method of its own, as prost-build's `load_fds` and
//! `compile_fds` are, for tools that want what lies between them:
//!
//! ```no_run
//! # fn main() -> openapi_codegen::Result<()> {
//! let config = openapi_codegen::Config::new();
//! let spec = config.load("spec/openapi.yaml")?; // read, references resolved
//! let model = config.model(spec)?; // flaws repaired, types and names decided
//! for warning in model.warnings() {
//!     eprintln!("warning: {warning}");
//! }
//! let output = config.emit(&model)?; // Rust source and its report
//! output.write("target/openapi.rs".as_ref())?;
//! # Ok(())
//! # }
//! ```
//!
//! - **load** ([`Config::load`], [`Config::load_str`] → [`Spec`]): YAML or
//!   JSON text → a JSON value; every `$ref`, in this file or another, made
//!   a reference into this document.
//! - **model** ([`Config::model`] → [`Model`]): the references a vendor got
//!   wrong repaired (each a [`Warning`]; the rules are [`Flaw`]'s), what
//!   the enabled [`Feature`]s reach kept, OpenAPI 3.1 brought to the 3.0
//!   shape `openapiv3` reads, then the type graph: every type, its name,
//!   docs, and how it reads and writes; every operation. Two models compare
//!   with [`Config::diff`].
//! - **emit** ([`Config::emit`] → [`Output`]): the Rust source, module by
//!   module on every core, laid out plainly or with prettyplease
//!   ([`Config::pretty`]), and its [`Report`].
//!
//! Reading files happens only in [`Config::load`], writing only in
//! [`Output::write`] and [`Config::generate`].
//!
//! # Cost
//! Cargo builds build scripts and their dependencies unoptimized, in the
//! crate that depends on the generated one too. [`Output::timings`] says
//! where a run's time went; `cargo run -p openapi-codegen --example stages
//! -- SPEC` prints it for a spec, unoptimized.

#![deny(missing_docs)]

mod cores;
mod diff;
mod docs;
mod emit;
mod error;
mod flaw;
mod layout;
mod load;
mod manifest;
mod model;
mod naming;
mod normalize;
mod output;
mod pointer;
mod refs;
mod repair;
mod report;
mod runtime;
mod schema;
mod staged;
#[cfg(test)]
mod test_specs;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use diff::{Change, Diff, What};
pub use error::{Error, Result};
pub use flaw::{Flaw, Warning};
use model::Enabled;
pub use model::{Fallback, FallbackReason, Feature};
pub use report::Report;
use staged::{Lap, Origin};
pub use staged::{Model, Output, Spec};

/// Settings for a generation run, prost-build style: create, chain setters, call
/// [`Config::generate`].
#[derive(Clone, Debug)]
pub struct Config {
    names: BTreeMap<String, String>,
    doc_base_url: String,
    strict: bool,
    strict_spec: bool,
    keep_unknown: bool,
    out_file: String,
    out_dir: Option<PathBuf>,
    features: Enabled,
    cargo_features: bool,
    pretty: bool,
    type_attributes: Vec<(String, String)>,
    field_attributes: Vec<(String, String)>,
    extern_types: Vec<(String, String)>,
    format_types: BTreeMap<String, String>,
    operations: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            names: BTreeMap::new(),
            doc_base_url: String::new(),
            strict: false,
            strict_spec: false,
            keep_unknown: true,
            out_file: "openapi.rs".into(),
            out_dir: None,
            features: Enabled::Ungated,
            cargo_features: false,
            pretty: false,
            type_attributes: Vec::new(),
            field_attributes: Vec::new(),
            extern_types: Vec::new(),
            format_types: BTreeMap::new(),
            operations: true,
        }
    }
}

impl Config {
    /// Default settings: output `OUT_DIR/openapi.rs`, relative doc links left as they are.
    pub fn new() -> Self {
        Self::default()
    }

    /// Give the inline schema at `pointer` a name of its own: it becomes the
    /// model `name` in a module of its own (the snake_case of `name`),
    /// re-exported at the root, as Stainless does with its model names. The
    /// pointer may name the schema or a property whose schema is
    /// `anyOf [X, null]`. A pointer where no inline type is made is an error.
    ///
    /// ```no_run
    /// // build.rs
    /// openapi_codegen::Config::new()
    ///     .name_schema("#/components/schemas/Batch/properties/usage", "BatchUsage")
    ///     .generate("spec/openapi.yaml")
    ///     .unwrap();
    /// ```
    pub fn name_schema(&mut self, pointer: impl Into<String>, name: impl Into<String>) -> &mut Self {
        self.names.insert(pointer.into(), name.into());
        self
    }

    /// Prefix for links in descriptions that start with `/`, e.g.
    /// `https://platform.openai.com` turns `(/docs/models)` into
    /// `(https://platform.openai.com/docs/models)`.
    ///
    /// ```no_run
    /// // build.rs
    /// openapi_codegen::Config::new()
    ///     .doc_base_url("https://platform.openai.com")
    ///     .generate("spec/openapi.yaml")
    ///     .unwrap();
    /// ```
    pub fn doc_base_url(&mut self, url: impl Into<String>) -> &mut Self {
        self.doc_base_url = url.into();
        self
    }

    /// Read strictly (default: tolerantly). The live API omits fields the spec
    /// calls required, sends `null` where the spec allows none, and sends
    /// constants with other values. Tolerant reading takes such a field as its
    /// type's empty value (`""`, `0`, `false`, `[]`, a struct read from `{}`,
    /// an open enum's `Other("")`, a union's `Unknown(null)`) and keeps a
    /// constant as sent; strict reading makes each an error, for users who
    /// want drift caught, in their tests for example. Unions choose their arm
    /// by what the body holds in both modes.
    ///
    /// ```no_run
    /// // build.rs
    /// openapi_codegen::Config::new().strict_reading(true).generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn strict_reading(&mut self, strict: bool) -> &mut Self {
        self.strict = strict;
        self
    }

    /// Make a flaw in the spec an error (default: no). By default a flaw that
    /// the generator can see is repaired where the spec's intent is
    /// unambiguous, or else the operation that holds it is left out, or the
    /// schema reads any JSON; each is reported once as a `cargo:warning`
    /// with its file, line and pointer, and listed in [`Report::warnings`].
    /// The rule for each class of flaw is on [`Flaw`]. For users who own
    /// their spec and want such flaws caught:
    ///
    /// ```no_run
    /// // build.rs
    /// openapi_codegen::Config::new().strict_spec(true).generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn strict_spec(&mut self, strict: bool) -> &mut Self {
        self.strict_spec = strict;
        self
    }

    /// Put `attribute` (Rust source: one or more outer attributes, such as
    /// `#[derive(Hash)]`) on every type that `path` selects, as prost-build's
    /// `type_attribute` does. `path` is a schema's name as the spec writes it
    /// (`Batch`), the JSON pointer of any schema that becomes a type
    /// (`#/components/schemas/Batch/properties/request_counts`), or `.` for
    /// every struct and enum made from a schema (not the operations' types).
    /// Type aliases take no attributes: a path that selects no struct or
    /// enum is an error, as is an attribute that does not parse, and a
    /// `#[serde]` attribute (the generated types write their own
    /// `Deserialize` and `Serialize`, so no serde derive would read it).
    ///
    /// ```no_run
    /// openapi_codegen::Config::new().type_attribute("ReasoningEffort", "#[derive(PartialOrd, Ord)]").generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn type_attribute(&mut self, path: impl Into<String>, attribute: impl Into<String>) -> &mut Self {
        self.type_attributes.push((path.into(), attribute.into()));
        self
    }

    /// Put `attribute` on every field that `path` selects, as prost-build's
    /// `field_attribute` does: `Batch.status` (a schema's name, a dot, the
    /// property's JSON name), a pointer to the property
    /// (`#/components/schemas/Batch/properties/status`), or `.` for every
    /// field. A path that selects no field is an error, as is a `#[serde]`
    /// attribute: the generated structs write their own `Deserialize` and
    /// `Serialize` (no serde derive reads it).
    ///
    /// ```no_run
    /// openapi_codegen::Config::new().field_attribute("Batch.metadata", "#[doc(alias = \"tags\")]").generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn field_attribute(&mut self, path: impl Into<String>, attribute: impl Into<String>) -> &mut Self {
        self.field_attributes.push((path.into(), attribute.into()));
        self
    }

    /// Use the user's type `rust_path` for the schema at `path` (a schema's
    /// name or a JSON pointer), as prost-build's `extern_path` and typify's
    /// `with_replacement` do: no type is generated for it, every reference
    /// to it is `rust_path`, and the generated name (`Metadata`) is an alias
    /// of it. The type must read and write the schema's JSON, and implement
    /// `Deserialize`, `Serialize`, `Debug`, `Clone` and `PartialEq` (which
    /// the structs that hold it derive). `Default` is not needed. Tolerant
    /// reading takes an absent or `null` required field as the value the
    /// type's `Deserialize` reads from an empty input (`0`, `""`, `{}`, as
    /// for the generated types); a type that refuses that makes such a body
    /// an error. A path that names no schema is an error.
    ///
    /// ```no_run
    /// openapi_codegen::Config::new().extern_type("Metadata", "crate::my::Metadata").generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn extern_type(&mut self, path: impl Into<String>, rust_path: impl Into<String>) -> &mut Self {
        self.extern_types.push((path.into(), rust_path.into()));
        self
    }

    /// Use the user's type `rust_type` for every string, integer or number
    /// schema (without an `enum`) whose `format` is `format`, as typify's
    /// `with_conversion` does: `date-time` as `chrono::DateTime<chrono::Utc>`,
    /// `uuid` as `uuid::Uuid`, OpenAI's `unixtime` integers as a time type.
    /// Off by default, so no such dependency is needed. The type needs what
    /// an [`extern_type`](Config::extern_type) needs. A format that no schema
    /// has is an error.
    ///
    /// ```no_run
    /// openapi_codegen::Config::new().format_type("unixtime", "crate::time::UnixTime").generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn format_type(&mut self, format: impl Into<String>, rust_type: impl Into<String>) -> &mut Self {
        self.format_types.insert(format.into(), rust_type.into());
        self
    }

    /// Whether to generate the `operations` and `api` modules (default: yes).
    /// Without them only the schemas' types are generated (the `api` module
    /// stays only if a type holds an `api::Link`).
    ///
    /// ```no_run
    /// openapi_codegen::Config::new().operations(false).generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn operations(&mut self, operations: bool) -> &mut Self {
        self.operations = operations;
        self
    }

    /// Keep the properties a schema does not name (default: yes). Each struct
    /// then has a map, `extra`, that holds them as sent and writes them back,
    /// as the official SDKs keep theirs (`model_extra`, `ExtraFields`). A
    /// struct whose spec says `additionalProperties: false` never has it.
    ///
    /// ```no_run
    /// // build.rs
    /// openapi_codegen::Config::new().keep_unknown_properties(false).generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn keep_unknown_properties(&mut self, keep: bool) -> &mut Self {
        self.keep_unknown = keep;
        self
    }

    /// The output file's name inside the output directory (default `openapi.rs`).
    ///
    /// ```no_run
    /// // build.rs
    /// openapi_codegen::Config::new().out_file("openai.rs").generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn out_file(&mut self, name: impl Into<String>) -> &mut Self {
        self.out_file = name.into();
        self
    }

    /// Where to write (default: `$OUT_DIR`, as set by cargo for build scripts).
    ///
    /// ```no_run
    /// openapi_codegen::Config::new().out_dir("target/generated").generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generate only what these Cargo features turn on: the operations with
    /// those tags and the types they reach (see [`Feature`] for the rules
    /// and names; `full` is everything). Each item's docs then say
    /// which features turn it on. A name that is no feature of the spec is
    /// an error.
    ///
    /// ```no_run
    /// openapi_codegen::Config::new().features(["chat"]).out_dir("target/chat").generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn features<S: Into<String>>(&mut self, names: impl IntoIterator<Item = S>) -> &mut Self {
        self.features = Enabled::Only(names.into_iter().map(Into::into).collect());
        self
    }

    /// Generate what the crate's enabled Cargo features turn on, from
    /// `build.rs`: [`Config::generate`] reads them from cargo's
    /// `CARGO_FEATURE_*` variables, as [`Config::features`] would take them
    /// (other names, `default` among them, are ignored), and warns
    /// (`cargo:warning`) when the `[features]` table of the crate's
    /// `Cargo.toml` is out of step with the spec, naming the command that
    /// refreshes it ([`Report::features_table`]). The table's default, `full`, generates
    /// everything, new tags included, so a plain build needs no other step.
    ///
    /// ```no_run
    /// // build.rs
    /// openapi_codegen::Config::new().cargo_features().generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn cargo_features(&mut self) -> &mut Self {
        self.cargo_features = true;
        self
    }

    /// Format the output with prettyplease (default: no, a plain layout).
    ///
    /// The output is for people reading it, but a build script runs it on
    /// every build, unoptimized unless the workspace says otherwise, and
    /// there formatting with prettyplease (which parses the code with syn
    /// first) took two thirds of the time on OpenAI's full spec. So by
    /// default the code is laid out as it is printed: one field, variant,
    /// statement or attribute a line, indented four spaces a brace, docs as
    /// `///` lines. It is the same code token for token, only with longer
    /// lines. Turn prettyplease on to read or check in what is generated;
    /// the CLI (`openapi-codegen SPEC`) does.
    ///
    /// ```no_run
    /// openapi_codegen::Config::new().pretty(true).out_dir("target/generated").generate("spec/openapi.yaml").unwrap();
    /// ```
    pub fn pretty(&mut self, pretty: bool) -> &mut Self {
        self.pretty = pretty;
        self
    }

    /// Read the spec, generate, and write `<out_dir>/<out_file>` if its content
    /// changed: [`Config::generate_file`], then [`Output::write`], from
    /// `build.rs`. Prints `cargo:rerun-if-changed` for the spec and every
    /// file its references name, and each flaw worked around as a
    /// `cargo:warning`. On error nothing is written; the error names the
    /// file, the line where known, and the JSON pointer. Set
    /// `OPENAPI_CODEGEN_REPORT=1` to have the build print the [`Report`] as
    /// cargo warnings.
    pub fn generate(&self, spec: impl AsRef<Path>) -> Result<Report> {
        let spec = spec.as_ref();
        println!("cargo:rerun-if-changed={}", spec.display());
        println!("cargo:rerun-if-env-changed=OPENAPI_CODEGEN_REPORT");
        let mut config = self.clone();
        if self.cargo_features {
            config.features = Enabled::Only(
                std::env::vars_os().filter_map(|(k, _)| k.to_str()?.strip_prefix("CARGO_FEATURE_").map(|f| f.to_ascii_lowercase().replace('_', "-"))).collect(),
            );
        }
        let output = config.generate_file(spec)?;
        for file in &output.files {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        let dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| Error::Io {
                path: PathBuf::from("$OUT_DIR"),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "OUT_DIR is not set: call from build.rs or set Config::out_dir"),
            })?,
        };
        output.write(&dir.join(&self.out_file))?;
        for warning in &output.report.warnings {
            println!("cargo:warning={warning}");
        }
        if self.cargo_features {
            check_features_table(spec, &output.report)?;
        }
        if std::env::var_os("OPENAPI_CODEGEN_REPORT").is_some_and(|v| v != "0") {
            for line in output.report.to_string().lines() {
                println!("cargo:warning={line}");
            }
        }
        Ok(output.report)
    }

    /// The whole pipeline on the spec at `spec`, nothing written:
    /// [`Config::load`], [`Config::model`], [`Config::emit`]. Errors name
    /// the file, line and pointer, in whichever file they are.
    pub fn generate_file(&self, spec: impl AsRef<Path>) -> Result<Output> {
        self.emit(&self.model(self.load(spec)?)?)
    }

    /// The whole pipeline on spec text: [`Config::load_str`],
    /// [`Config::model`], [`Config::emit`]. `source_name` goes into the
    /// `@generated` header. A reference to another file is an error here
    /// (there is no path to read it from): use [`Config::generate_file`].
    pub fn generate_str(&self, text: &str, source_name: &str) -> Result<Output> {
        self.emit(&self.model(self.load_str(text, source_name)?)?)
    }

    /// Stage 1, load: read the spec at `spec` (YAML or JSON, OpenAPI 3.0 or
    /// 3.1) and every file its references name (relative to the file that
    /// names it), into one document whose references all point into it.
    /// The header of the output names the file (its name, not its path).
    pub fn load(&self, spec: impl AsRef<Path>) -> Result<Spec> {
        let spec = spec.as_ref();
        let mut timings = Vec::new();
        let mut lap = Lap::start();
        let text = std::fs::read_to_string(spec).map_err(|source| Error::Io { path: spec.to_owned(), source })?;
        let mut value = load::parse(&text).map_err(|e| load::locate(e, spec, &text))?;
        load::check_version(&value).map_err(|e| load::locate(e, spec, &text))?;
        lap.mark("read + parse", &mut timings);
        let bundle = refs::resolve(&mut value, Some(spec), &mut |path| std::fs::read_to_string(path)).map_err(|e| load::locate(e, spec, &text))?;
        lap.mark("references", &mut timings);
        let name = spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(Spec { value, name, origin: Some(Origin { path: spec.to_owned(), text, bundle }), timings })
    }

    /// [`Config::load`] on text: `source_name` is the name the output's
    /// header gives. A reference to another file is an error.
    pub fn load_str(&self, text: &str, source_name: &str) -> Result<Spec> {
        let mut timings = Vec::new();
        let mut lap = Lap::start();
        let mut value = load::parse(text)?;
        load::check_version(&value)?;
        lap.mark("read + parse", &mut timings);
        refs::resolve(&mut value, None, &mut |path| Err(std::io::Error::other(format!("{} is not read by generate_str", path.display()))))?;
        lap.mark("references", &mut timings);
        Ok(Spec { value, name: source_name.to_owned(), origin: None, timings })
    }

    /// Stage 2, model: the spec's flaws repaired (unless
    /// [`Config::strict_spec`]) and reported, only what the enabled features
    /// reach kept ([`Config::features`]), and every type, name and
    /// operation decided. An error in a spec read by [`Config::load`] names
    /// its file and line.
    pub fn model(&self, spec: Spec) -> Result<Model> {
        let Spec { value, name, origin, mut timings } = spec;
        let mut model = self.model_value(value, &mut timings);
        if let Some(origin) = &origin {
            model = model.map_err(|e| origin.bundle.locate(e, &origin.path, &origin.text));
        }
        let mut model = model?;
        if let Some(origin) = &origin {
            for warning in &mut model.warnings {
                origin.bundle.locate_warning(warning, &origin.path, &origin.text);
            }
        }
        let (path, files) = match origin {
            Some(o) => (Some(o.path), o.bundle.files.into_iter().map(|(path, _)| path).collect()),
            None => (None, Vec::new()),
        };
        Ok(Model { ir: model, name, path, files, timings })
    }

    /// Stage 3, emit: the model → Rust source (laid out plainly, or with
    /// prettyplease: [`Config::pretty`]) and its report, with the enabled
    /// features. A feature the spec does not have, or a `type_attribute` or
    /// `field_attribute` path that selects nothing, is an error here.
    pub fn emit(&self, model: &Model) -> Result<Output> {
        let ir = &model.ir;
        if !self.cargo_features {
            if let Some(name) = ir.features.unknown(&self.features) {
                let known: Vec<&str> = ir.features.list.iter().map(|f| f.name.as_str()).collect();
                return Err(Error::Config(format!("no feature {name:?} in the spec; its features are `full`, {}", known.join(", "))));
            }
        }
        let settings = self.emit_settings();
        self.check_paths(ir, &settings)?;
        let mut timings = model.timings.clone();
        let start = Instant::now();
        let code = output::emit_and_format(ir, &settings, &model.name, self.pretty, &mut timings)?;
        timings.push(("emit + lay out (wall)", start.elapsed()));
        Ok(Output { code, report: Report::new(ir), files: model.files.clone(), timings })
    }

    /// What changed in the generated Rust API from `old` to `new` (two
    /// versions of a spec, each through [`Config::load`] and
    /// [`Config::model`]), with this config's features: see [`Diff`] for
    /// what is compared and which changes are breaking. A feature the
    /// config turns on that either spec lacks is an error.
    pub fn diff(&self, old: &Model, new: &Model) -> Result<Diff> {
        for model in [old, new] {
            if let Some(name) = model.ir.features.unknown(&self.features) {
                let source = model.path.as_ref().map_or(model.name.clone(), |p| p.display().to_string());
                return Err(Error::Config(format!("no feature {name:?} in {source}")));
            }
        }
        Ok(diff::diff_enabled(&old.ir, &new.ir, &self.features))
    }

    /// A parsed document whose references are resolved → its model, flaws
    /// repaired (unless [`Config::strict_spec`]) and recorded.
    fn model_value(&self, mut value: serde_json::Value, timings: &mut Vec<(&'static str, Duration)>) -> Result<model::Model> {
        self.check_settings()?;
        let mut lap = Lap::start();
        let repaired = if self.strict_spec { Vec::new() } else { repair::repair(&mut value) };
        // With some features off, only what they reach goes on
        // (`model::features`, "Building only what is on").
        let reach = model::Reach::of(&value);
        let mut settings = self.model_settings();
        if let Some(slice) = reach.slice(&self.features) {
            slice.prune(&mut value);
            // A name or type for a schema the slice leaves out is checked by a full build.
            settings.names.retain(|pointer, _| slice.keeps(pointer));
            settings.extern_types.retain(|pointer, _| slice.keeps(pointer));
            settings.sliced = true;
        }
        lap.mark("repair + reach", timings);
        normalize::normalize(&mut value);
        lap.mark("normalize", timings);
        let spec = load::typed_in_parts(&mut value)?;
        lap.mark("openapiv3", timings);
        let mut model = model::build(&spec, &settings, &reach)?;
        model.warnings.splice(0..0, repaired);
        lap.mark("model", timings);
        Ok(model)
    }

    /// Each attribute parses as outer attributes, none of them `#[serde]`
    /// (the generated types write their own serde impls, so nothing would
    /// read it), and each user type parses as a type: an error names the
    /// setting.
    fn check_settings(&self) -> Result<()> {
        let attributes = self.type_attributes.iter().map(|a| ("type_attribute", a)).chain(self.field_attributes.iter().map(|a| ("field_attribute", a)));
        for (setting, (path, attr)) in attributes {
            let parsed = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, attr)
                .map_err(|e| Error::Config(format!("{setting}({path:?}, {attr:?}): not Rust attributes: {e}")))?;
            if parsed.iter().any(|a| a.path().is_ident("serde")) {
                return Err(Error::Config(format!(
                    "{setting}({path:?}, {attr:?}): serde's attributes do not apply: the generated types write their own `Deserialize` and `Serialize` (use `extern_type` or `format_type` to change how a value reads and writes)"
                )));
            }
        }
        let formats = self.format_types.iter().map(|(format, rust)| ("format_type", format, rust));
        let types = self.extern_types.iter().map(|(path, rust)| ("extern_type", path, rust)).chain(formats);
        for (setting, path, rust) in types {
            if let Err(e) = syn::parse_str::<syn::Type>(rust) {
                return Err(Error::Config(format!("{setting}({path:?}, {rust:?}): not a Rust type: {e}")));
            }
        }
        Ok(())
    }

    /// Each `type_attribute` and `field_attribute` path selects something in
    /// `model` (in a slice, what it leaves out is checked by a full build).
    fn check_paths(&self, model: &model::Model, settings: &emit::EmitSettings) -> Result<()> {
        if matches!(&self.features, Enabled::Only(names) if !names.contains(model::FULL)) {
            return Ok(());
        }
        for ((path, _), (selector, _)) in self.type_attributes.iter().zip(&settings.type_attributes) {
            if !model.types.iter().any(|t| selector.selects(t)) {
                return Err(Error::Config(format!("type_attribute: {path:?} selects no struct or enum")));
            }
        }
        for ((path, _), (selector, _)) in self.field_attributes.iter().zip(&settings.field_attributes) {
            let selected = model.types.iter().any(|t| match &t.kind {
                model::Kind::Struct { fields, .. } => fields.iter().any(|f| selector.selects(t, f)),
                _ => false,
            });
            if !selected {
                return Err(Error::Config(format!("field_attribute: {path:?} selects no field")));
            }
        }
        Ok(())
    }

    /// The settings the model stage takes.
    pub(crate) fn model_settings(&self) -> model::ModelSettings {
        model::ModelSettings {
            names: self.names.clone(),
            keep_unknown: self.keep_unknown,
            strict_spec: self.strict_spec,
            extern_types: self.extern_types.iter().map(|(path, rust)| (schema_pointer(path), rust.clone())).collect(),
            format_types: self.format_types.clone(),
            operations: self.operations,
            sliced: false,
        }
    }

    /// The settings the emit stage takes.
    pub(crate) fn emit_settings(&self) -> emit::EmitSettings {
        emit::EmitSettings {
            doc_base_url: self.doc_base_url.clone(),
            strict: self.strict,
            features: self.features.clone(),
            type_attributes: self
                .type_attributes
                .iter()
                .map(|(path, attr)| (if path == "." { emit::TypePath::All } else { emit::TypePath::At(schema_pointer(path)) }, attr.clone()))
                .collect(),
            field_attributes: self.field_attributes.iter().map(|(path, attr)| (field_path(path), attr.clone())).collect(),
        }
    }
}

/// A setting's path to a schema: a JSON pointer as it is, a schema's name
/// as the pointer to that component schema.
fn schema_pointer(path: &str) -> String {
    if path.starts_with('#') {
        path.to_owned()
    } else {
        pointer::JsonPointer::component_schema(path).to_string()
    }
}

/// A [`Config::field_attribute`] path: `.`, a pointer to a property
/// (`.../properties/name`), or `Schema.property` (split at the last dot).
fn field_path(path: &str) -> emit::FieldPath {
    if path == "." {
        return emit::FieldPath::All;
    }
    if path.starts_with('#') {
        if let Some(pointer) = pointer::JsonPointer::parse(path).ok().filter(|p| p.depth() >= 2) {
            let segments: Vec<String> = pointer.segments().map(|s| s.into_owned()).collect();
            if segments[segments.len() - 2] == "properties" {
                let parent = pointer.parent().and_then(|p| p.parent()).map(|p| p.to_string()).unwrap_or_default();
                return emit::FieldPath::At(parent, segments[segments.len() - 1].clone());
            }
        }
        return emit::FieldPath::At(path.to_owned(), String::new());
    }
    match path.rsplit_once('.') {
        Some((schema, field)) => emit::FieldPath::At(schema_pointer(schema), field.to_owned()),
        None => emit::FieldPath::At(schema_pointer(path), String::new()),
    }
}

/// From `build.rs` with [`Config::cargo_features`]: warn when the crate's
/// `Cargo.toml` declares other features than the spec has. Cargo runs a
/// build script in its package's directory and sets `CARGO_MANIFEST_DIR`.
fn check_features_table(spec: &Path, report: &Report) -> Result<()> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    let path = dir.join("Cargo.toml");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io { path: path.clone(), source })?;
    if let Some(what) = report.features_out_of_step(&text) {
        let spec = spec.strip_prefix(&dir).unwrap_or(spec).display().to_string();
        println!(
            "cargo:warning=the [features] table of Cargo.toml is out of step with {spec} ({what}); `full` builds everything meanwhile. Refresh it: {}",
            manifest::refresh_command(&spec, "Cargo.toml")
        );
    }
    Ok(())
}

/// Generate with default settings: `Config::new().generate(spec)`.
pub fn generate(spec: impl AsRef<Path>) -> Result<Report> {
    Config::new().generate(spec)
}
