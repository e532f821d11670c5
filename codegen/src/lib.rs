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
//! Cargo builds build scripts and their dependencies unoptimized by default; on
//! OpenAI's full spec the generator then takes about 6 to 8 s instead of about
//! 1.2 s on two cores (`cargo run -p openapi-codegen --example stages` times
//! each stage unoptimized; `cargo bench -p openapi-codegen` the optimized
//! pipeline). For large specs, set this in the workspace's `Cargo.toml`:
//! ```toml
//! [profile.dev.build-override]
//! opt-level = 3
//! ```
//!
//! The pipeline, one module per stage, each a pure function:
//! [`load`] (text → JSON value) → [`refs`] (every `$ref`, in this file or
//! another, made a reference to a component) → `repair` (the references a
//! vendor got wrong, worked around as [`flaw`] says) → [`normalize`] (3.1 → the 3.0 shape
//! `openapiv3` reads) → [`parse_openapi`] → [`model`] (the type graph, names
//! included, via [`naming`] and [`docs`]; it reads each schema through the
//! view in `schema`) → [`emit`] (tokens) → [`lay_out`] (a plain layout
//! printed from the tokens, the default) or [`format()`] (prettyplease,
//! with [`Config::pretty`]). Reading the spec and writing the output happen
//! only in [`Config::generate`].

#![deny(missing_docs)]

pub mod diff;
pub mod docs;
pub mod emit;
pub mod error;
pub mod flaw;
mod layout;
pub mod load;
pub mod manifest;
pub mod model;
pub mod naming;
pub mod normalize;
pub mod pointer;
pub mod refs;
mod repair;
mod runtime;
mod schema;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use error::{Error, Result};
pub use flaw::{Flaw, Warning};
use model::{Enabled, Feature, Model};
pub use model::{Fallback, FallbackReason};

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
    /// The rule for each class of flaw is in [`flaw`]. For users who own
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
    /// enum is an error, as is an attribute that does not parse.
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
    /// field. A path that selects no field is an error.
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
    /// those tags and the types they reach (see `model::features` for the
    /// rules and names; `full` is everything). Each item's docs then say
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
    /// refreshes it ([`manifest`]). The table's default, `full`, generates
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
    /// changed. Prints `cargo:rerun-if-changed` for the spec. On error nothing is
    /// written; the error names the file, the line where known, and the JSON
    /// pointer. Set `OPENAPI_CODEGEN_REPORT=1` to have the build print the
    /// [`Report`] as cargo warnings.
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
        write_if_changed(&dir.join(&self.out_file), &output.code)?;
        for warning in &output.report.warnings {
            println!("cargo:warning={warning}");
        }
        if self.cargo_features {
            check_features_table(spec, &output.report.features)?;
        }
        if std::env::var_os("OPENAPI_CODEGEN_REPORT").is_some_and(|v| v != "0") {
            for line in output.report.to_string().lines() {
                println!("cargo:warning={line}");
            }
        }
        Ok(output.report)
    }

    /// Read the spec at `spec`, and the files its references name (relative
    /// to the file that names them), and generate; nothing is written. Errors
    /// name the file, line and pointer, in whichever file they are. The files
    /// read besides `spec` are in [`Output::files`].
    pub fn generate_file(&self, spec: &Path) -> Result<Output> {
        let (model, files) = self.model_file(spec)?;
        let file_name = spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut output = self.emit(&model, &file_name)?;
        output.files = files;
        Ok(output)
    }

    /// The stages up to the model, for the spec at `spec` as
    /// [`Config::generate_file`] reads it: the model (its warnings located
    /// in their files) and the files read besides `spec`.
    pub fn model_file(&self, spec: &Path) -> Result<(Model, Vec<PathBuf>)> {
        let text = std::fs::read_to_string(spec).map_err(|source| Error::Io { path: spec.to_owned(), source })?;
        let mut value = load::parse(&text).map_err(|e| load::locate(e, spec, &text))?;
        load::check_version(&value).map_err(|e| load::locate(e, spec, &text))?;
        let bundle = refs::resolve(&mut value, Some(spec), &mut |path| std::fs::read_to_string(path)).map_err(|e| load::locate(e, spec, &text))?;
        let mut model = self.model_value(value).map_err(|e| bundle.locate(e, spec, &text))?;
        for warning in &mut model.warnings {
            bundle.locate_warning(warning, spec, &text);
        }
        Ok((model, bundle.files.into_iter().map(|(path, _)| path).collect()))
    }

    /// The pure core: spec text → formatted Rust source and its report.
    /// `source_name` goes into the `@generated` header. A reference to another
    /// file is an error here (there is no path to read it from): use
    /// [`Config::generate_file`].
    pub fn generate_str(&self, text: &str, source_name: &str) -> Result<Output> {
        let mut value = load::parse(text)?;
        load::check_version(&value)?;
        refs::resolve(&mut value, None, &mut |path| Err(std::io::Error::other(format!("{} is not read by generate_str", path.display()))))?;
        let model = self.model_value(value)?;
        self.emit(&model, source_name)
    }

    /// A parsed document whose references are resolved → its model, flaws
    /// repaired (unless [`Config::strict_spec`]) and recorded.
    fn model_value(&self, mut value: serde_json::Value) -> Result<Model> {
        self.check_settings()?;
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
        normalize::normalize(&mut value);
        let spec = parse_openapi(&value)?;
        let mut model = model::build(&spec, &settings, &reach)?;
        model.warnings.splice(0..0, repaired);
        Ok(model)
    }

    /// Each attribute parses as outer attributes and each user type as a
    /// type: an error names the setting.
    fn check_settings(&self) -> Result<()> {
        let attributes = self.type_attributes.iter().map(|a| ("type_attribute", a)).chain(self.field_attributes.iter().map(|a| ("field_attribute", a)));
        for (setting, (path, attr)) in attributes {
            if let Err(e) = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, attr) {
                return Err(Error::Config(format!("{setting}({path:?}, {attr:?}): not Rust attributes: {e}")));
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
    fn check_paths(&self, model: &Model, settings: &emit::EmitSettings) -> Result<()> {
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

    /// A model → source and report, with the enabled features.
    fn emit(&self, model: &Model, source_name: &str) -> Result<Output> {
        if !self.cargo_features {
            if let Some(name) = model.features.unknown(&self.features) {
                let known: Vec<&str> = model.features.list.iter().map(|f| f.name.as_str()).collect();
                return Err(Error::Config(format!("no feature {name:?} in the spec; its features are `full`, {}", known.join(", "))));
            }
        }
        let settings = self.emit_settings();
        self.check_paths(model, &settings)?;
        let code = emit_and_format(model, &settings, source_name, self.pretty)?;
        Ok(Output { code, report: Report::new(model), files: Vec::new() })
    }

    /// The settings the model stage takes.
    pub fn model_settings(&self) -> model::ModelSettings {
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
    pub fn emit_settings(&self) -> emit::EmitSettings {
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
fn check_features_table(spec: &Path, features: &[Feature]) -> Result<()> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    let path = dir.join("Cargo.toml");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io { path: path.clone(), source })?;
    if let Some((missing, gone)) = manifest::stale(&text, features) {
        let spec = spec.strip_prefix(&dir).unwrap_or(spec).display().to_string();
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
        println!(
            "cargo:warning=the [features] table of Cargo.toml is out of step with {spec} ({}); `full` builds everything meanwhile. Refresh it: {}",
            what.join("; "),
            manifest::refresh_command(&spec, "Cargo.toml")
        );
    }
    Ok(())
}

/// Generate with default settings: `Config::new().generate(spec)`.
pub fn generate(spec: impl AsRef<Path>) -> Result<Report> {
    Config::new().generate(spec)
}

/// What [`Config::generate_str`] produces.
#[derive(Debug)]
pub struct Output {
    /// The formatted Rust source, `@generated` header included.
    pub code: String,
    /// Counts and fallbacks.
    pub report: Report,
    /// The files read besides the spec itself (those its references name).
    pub files: Vec<PathBuf>,
}

/// What a run made: counts, and every place it fell back to `serde_json::Value`.
#[derive(Clone, Debug)]
pub struct Report {
    /// Types generated.
    pub types: usize,
    /// Modules generated.
    pub modules: usize,
    /// Each fallback, with its schema pointer and reason.
    pub fallbacks: Vec<Fallback>,
    /// Each flaw in the spec that was worked around ([`Config::strict_spec`]),
    /// in the order found: those in references first, then the model's.
    pub warnings: Vec<Warning>,
    /// `(operationId, path of the response type)` for every operation with a JSON response.
    pub responses: Vec<(String, String)>,
    /// `(operationId, path of the request type)` for every operation with a JSON request body.
    pub requests: Vec<(String, String)>,
    /// The spec's Cargo features (all of them, whichever were enabled).
    pub features: Vec<Feature>,
}

impl Report {
    fn new(model: &Model) -> Self {
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

/// Deserialize a normalized document into `openapiv3`'s model. On failure,
/// the error names the smallest part that fails alone ([`load::typed`]).
pub fn parse_openapi(value: &serde_json::Value) -> Result<openapiv3::OpenAPI> {
    load::typed(value)
}

/// The stack of each formatting thread of [`emit_and_format`]. Emitting,
/// `syn::parse2` and prettyplease each recurse once per level of a nested
/// type: in an unoptimized build (a build script's dependencies, by
/// default) that takes about 30 KiB a level, so a thread's default 2 MiB
/// overflow on `Vec<...>` nested 68 deep. How deep a type nests is bounded
/// by the document: the YAML and JSON parsers refuse nesting beyond 128, and
/// a schema level adds at most two types (`Option<Vec<...>>`, or a map), so
/// no type nests past about 250 levels, which takes 7.5 MiB (the hostile case
/// `deep_array_nullable_124` is that limit). 16 MiB leaves room to spare;
/// a stack is only reserved, its memory taken as it is used.
const FORMAT_STACK: usize = 16 << 20;

/// Emit and format every module, on as many threads as the machine has
/// cores (each with a 16 MiB stack, for deeply nested types: see
/// `FORMAT_STACK` in the source), and join them in module order with the
/// `@generated` header. Each module is formatted on its own, so the result
/// is the same whatever the number of threads (`format(emit(..))` gives the
/// same text on one thread). `pretty`: format with prettyplease, or else
/// lay out as printed ([`Config::pretty`]; [`lay_out`] on one thread).
pub fn emit_and_format(model: &Model, settings: &emit::EmitSettings, source_name: &str, pretty: bool) -> Result<String> {
    let unparse = |tokens: proc_macro2::TokenStream| if pretty { unparse(tokens) } else { Ok(layout::lay_out(tokens)) };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let modules = model.modules.len();
    let chunks: Vec<Result<Vec<(String, emit::Needs)>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                std::thread::Builder::new().stack_size(FORMAT_STACK).spawn_scoped(scope, move || {
                    // Interleaved, so that large and small modules spread evenly.
                    (t..modules)
                        .step_by(threads)
                        .map(|m| {
                            let (tokens, needs) = emit::emit_module(model, settings, m);
                            Ok((unparse(tokens)?, needs))
                        })
                        .collect()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| match w {
                Ok(w) => w.join().unwrap_or_else(|_| Err(Error::Internal("a formatting thread panicked".into()))),
                Err(e) => Err(Error::Internal(format!("cannot start a formatting thread: {e}"))),
            })
            .collect()
    });
    let mut per_thread = Vec::with_capacity(threads);
    for chunk in chunks {
        per_thread.push(chunk?.into_iter());
    }
    let mut needs = emit::Needs::default();
    let mut texts = Vec::with_capacity(modules);
    for m in 0..modules {
        let (text, module_needs) = per_thread[m % threads].next().unwrap_or_default();
        needs = needs.or(module_needs);
        texts.push(text);
    }
    // The support modules come first, but hold what the modules call: they
    // are made once every module is printed.
    let mut body = unparse(emit::support(&needs, settings)?)?;
    for text in texts {
        body.push_str(&text);
    }
    Ok(with_header(&body, source_name))
}

fn unparse(tokens: proc_macro2::TokenStream) -> Result<String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| Error::Internal(format!("generated code does not parse: {e}")))?;
    Ok(prettyplease::unparse(&file))
}

fn with_header(body: &str, source_name: &str) -> String {
    format!("// @generated by openapi-codegen from {source_name}. Do not edit: edit the spec and rebuild.\n\n{body}")
}

/// Tokens → pretty Rust source with the `@generated` header.
pub fn format(tokens: proc_macro2::TokenStream, source_name: &str) -> Result<String> {
    Ok(with_header(&unparse(tokens)?, source_name))
}

/// Tokens → Rust source with the `@generated` header, laid out as printed
/// without a formatter (see [`Config::pretty`]).
pub fn lay_out(tokens: proc_macro2::TokenStream, source_name: &str) -> String {
    with_header(&layout::lay_out(tokens), source_name)
}

/// Write `content` to `path` unless it already holds exactly that; the new
/// content goes to a temporary file first and is renamed into place, so a
/// reader never sees half a file.
pub fn write_if_changed(path: &Path, content: &str) -> Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == content.as_bytes()) {
        return Ok(());
    }
    let io = |source| Error::Io { path: path.to_owned(), source };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = path.with_extension("rs.tmp");
    std::fs::write(&tmp, content).map_err(|source| Error::Io { path: tmp.clone(), source })?;
    std::fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parallel path gives exactly what one `format(emit(..))` gives.
    #[test]
    fn parallel_formatting_equals_whole_file_formatting() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml")).unwrap();
        let config = Config::new();
        let mut value = load::parse(&text).unwrap();
        normalize::normalize(&mut value);
        let model = model::build(&parse_openapi(&value).unwrap(), &config.model_settings(), &model::Reach::of(&value)).unwrap();
        let whole = format(emit::emit(&model, &config.emit_settings()).unwrap(), "x").unwrap();
        let parallel = emit_and_format(&model, &config.emit_settings(), "x", true).unwrap();
        assert_eq!(whole, parallel);
        assert!(whole.contains("pub mod batch {"));
        let plain = lay_out(emit::emit(&model, &config.emit_settings()).unwrap(), "x");
        assert_eq!(plain, emit_and_format(&model, &config.emit_settings(), "x", false).unwrap());
    }
}
