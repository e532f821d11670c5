//! `openapi-codegen`: the generator from the command line, with the settings
//! a build script has, so that users can see the output they would get.
//!
//! - `openapi-codegen generate SPEC`: print (or write, `-o`) the Rust
//!   generated for a spec, or only what some of its Cargo features turn on;
//!   formatted with prettyplease, or laid out as a build script writes it
//!   (`--plain`).
//! - `openapi-codegen features SPEC [--write CARGO_TOML]`: print the spec's
//!   `[features]` table, or put it in place of the one in `CARGO_TOML`,
//!   keeping the rest of that file as it was.
//! - `openapi-codegen diff OLD NEW [--json]`: what a user of the generated
//!   crate sees change between two versions of a spec, breaking changes
//!   marked (`openapi_codegen::Diff`).
//!
//! Flaws in the spec that the generator works around are printed on stderr
//! as `warning: FILE:LINE: POINTER: ...`; `--strict-spec` makes them errors.

use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use openapi_codegen::Config;

#[derive(Parser)]
#[command(name = "openapi-codegen", version, about = "Generate serde models from an OpenAPI 3.0/3.1 document")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print (or write) the Rust generated for SPEC.
    Generate(Generate),
    /// Print the `[features]` table for SPEC, or write it into a Cargo.toml.
    Features(Features),
    /// What a user of the generated crate sees change from OLD to NEW
    /// (breaking changes marked `!`).
    Diff(Diff),
}

/// Settings shared by every subcommand that reads a spec.
#[derive(Args)]
struct SpecSettings {
    /// Make a flaw in the spec an error instead of a warning (`Config::strict_spec`).
    #[arg(long)]
    strict_spec: bool,
}

impl SpecSettings {
    fn config(&self) -> Config {
        let mut config = Config::new();
        config.strict_spec(self.strict_spec);
        config
    }
}

#[derive(Args)]
struct Generate {
    /// The OpenAPI document (YAML or JSON).
    spec: PathBuf,
    /// Write here (only if it changed) instead of printing.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print the report (counts, fallbacks to `serde_json::Value`) on stderr.
    #[arg(long)]
    report: bool,
    /// Name the inline schema at POINTER (`Config::name_schema`); repeatable.
    #[arg(long, value_name = "POINTER=NAME", value_parser = pointer_name)]
    name: Vec<(String, String)>,
    /// Prefix for relative links in doc comments (`Config::doc_base_url`).
    #[arg(long, value_name = "URL")]
    doc_base_url: Option<String>,
    /// Only what these Cargo features turn on (comma-separated).
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    features: Option<Vec<String>>,
    /// Lay the code out as a build script writes it, not with prettyplease.
    #[arg(long)]
    plain: bool,
    /// Put ATTR on the types PATH selects (`Config::type_attribute`); repeatable.
    #[arg(long, value_name = "PATH=ATTR", value_parser = path_value)]
    type_attribute: Vec<(String, String)>,
    /// Put ATTR on the fields PATH selects (`Config::field_attribute`); repeatable.
    #[arg(long, value_name = "PATH=ATTR", value_parser = path_value)]
    field_attribute: Vec<(String, String)>,
    /// Use the Rust type RUST for the schema at PATH (`Config::extern_type`); repeatable.
    #[arg(long, value_name = "PATH=RUST", value_parser = path_value)]
    extern_type: Vec<(String, String)>,
    /// Use the Rust type RUST for every schema with this format (`Config::format_type`); repeatable.
    #[arg(long, value_name = "FORMAT=RUST", value_parser = path_value)]
    format_type: Vec<(String, String)>,
    /// Leave out the `operations` and `api` modules (`Config::operations(false)`).
    #[arg(long)]
    no_operations: bool,
    #[command(flatten)]
    settings: SpecSettings,
}

#[derive(Args)]
struct Features {
    /// The OpenAPI document (YAML or JSON).
    spec: PathBuf,
    /// Put the table in this Cargo.toml, keeping the rest of the file.
    #[arg(long, value_name = "CARGO_TOML")]
    write: Option<PathBuf>,
    #[command(flatten)]
    settings: SpecSettings,
}

#[derive(Args)]
struct Diff {
    /// The spec before.
    old: PathBuf,
    /// The spec after.
    new: PathBuf,
    /// Print JSON for tools instead of text.
    #[arg(long)]
    json: bool,
    /// Compare only what these Cargo features turn on (comma-separated).
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    features: Option<Vec<String>>,
    #[command(flatten)]
    settings: SpecSettings,
}

/// `PATH=VALUE`, split at the first `=` (an attribute may hold more).
fn path_value(arg: &str) -> Result<(String, String), String> {
    arg.split_once('=').map(|(p, v)| (p.to_owned(), v.to_owned())).ok_or_else(|| format!("expected PATH=VALUE, got {arg:?}"))
}

fn pointer_name(arg: &str) -> Result<(String, String), String> {
    arg.split_once('=').map(|(p, n)| (p.to_owned(), n.to_owned())).ok_or_else(|| format!("expected POINTER=NAME, got {arg:?}"))
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Generate(args) => generate(args),
        Command::Features(args) => features(args),
        Command::Diff(args) => diff(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Generate, printing each flaw worked around on stderr.
fn run(config: &Config, spec: &Path) -> openapi_codegen::Result<openapi_codegen::Output> {
    let output = config.generate_file(spec)?;
    for warning in &output.report.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(output)
}

fn generate(args: Generate) -> openapi_codegen::Result<()> {
    let mut config = args.settings.config();
    for (path, attr) in &args.type_attribute {
        config.type_attribute(path, attr);
    }
    for (path, attr) in &args.field_attribute {
        config.field_attribute(path, attr);
    }
    for (path, rust) in &args.extern_type {
        config.extern_type(path, rust);
    }
    for (format, rust) in &args.format_type {
        config.format_type(format, rust);
    }
    config.operations(!args.no_operations);
    config.pretty(!args.plain);
    for (pointer, name) in args.name {
        config.name_schema(pointer, name);
    }
    if let Some(url) = args.doc_base_url {
        config.doc_base_url(url);
    }
    if let Some(features) = args.features {
        config.features(features.iter().map(|f| f.trim()).filter(|f| !f.is_empty()));
    }
    let output = run(&config, &args.spec)?;
    if args.report {
        eprint!("{}", output.report);
        for f in &output.report.fallbacks {
            eprintln!("  {}: {}", f.pointer, f.reason);
        }
    }
    match args.output {
        Some(path) => output.write(&path).map(drop),
        None => {
            print!("{}", output.code);
            Ok(())
        }
    }
}

fn features(args: Features) -> openapi_codegen::Result<()> {
    let report = run(&args.settings.config(), &args.spec)?.report;
    let spec = args.spec.display().to_string();
    let Some(path) = args.write else {
        print!("{}", report.features_table(&spec, "Cargo.toml"));
        return Ok(());
    };
    let written = report.write_features_table(&path, &spec)?;
    eprintln!("{}: {} features ({})", path.display(), report.features.len(), if written { "written" } else { "unchanged" });
    Ok(())
}

fn diff(args: Diff) -> openapi_codegen::Result<()> {
    let mut config = args.settings.config();
    if let Some(features) = args.features {
        config.features(features.iter().map(|f| f.trim()).filter(|f| !f.is_empty()));
    }
    let old = config.model(config.load(&args.old)?)?;
    let new = config.model(config.load(&args.new)?)?;
    for warning in old.warnings().iter().chain(new.warnings()) {
        eprintln!("warning: {warning}");
    }
    let diff = config.diff(&old, &new)?;
    if args.json {
        println!("{:#}", diff.to_json());
    } else {
        print!("{diff}");
    }
    Ok(())
}
