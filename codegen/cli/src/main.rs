//! `openapi-codegen SPEC [-o FILE] [--report] [--name POINTER=NAME] [--doc-base-url URL] [--features A,B] [--plain]`:
//! print (or write) the Rust generated for any spec, or only what some of
//! its Cargo features turn on, formatted with prettyplease; `--plain` lays
//! it out as a build script writes it by default (`Config::pretty`).
//!
//! `openapi-codegen features SPEC [--write CARGO_TOML]`: print the spec's
//! `[features]` table, or put it in place of the one in `CARGO_TOML`,
//! keeping the rest of that file as it was.

use std::path::Path;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: openapi-codegen SPEC [-o FILE] [--report] [--name POINTER=NAME]... [--doc-base-url URL] [--features A,B] [--plain]");
    eprintln!("       openapi-codegen features SPEC [--write CARGO_TOML]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("features") {
        args.next();
        return features(args);
    }
    let mut spec = None;
    let mut out = None;
    let mut report = false;
    let mut config = openapi_codegen::Config::new();
    config.pretty(true);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-o" | "--output" => match args.next() {
                Some(f) => out = Some(f),
                None => return usage(),
            },
            "--report" => report = true,
            "--plain" => {
                config.pretty(false);
            }
            "--name" => match args.next().as_deref().and_then(|a| a.split_once('=')) {
                Some((pointer, name)) => {
                    config.name_schema(pointer, name);
                }
                None => return usage(),
            },
            "--features" => match args.next() {
                Some(list) => {
                    config.features(list.split(',').map(str::trim).filter(|f| !f.is_empty()));
                }
                None => return usage(),
            },
            "--doc-base-url" => match args.next() {
                Some(url) => {
                    config.doc_base_url(url);
                }
                None => return usage(),
            },
            "-h" | "--help" => {
                usage();
                return ExitCode::SUCCESS;
            }
            _ if spec.is_none() && !arg.starts_with('-') => spec = Some(arg),
            _ => return usage(),
        }
    }
    let Some(spec) = spec else { return usage() };
    let output = match config.generate_file(std::path::Path::new(&spec)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if report {
        eprint!("{}", output.report);
        for f in &output.report.fallbacks {
            eprintln!("  {}: {}", f.pointer, f.reason);
        }
    }
    match out {
        Some(path) => {
            if let Err(e) = openapi_codegen::write_if_changed(std::path::Path::new(&path), &output.code) {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
        None => print!("{}", output.code),
    }
    ExitCode::SUCCESS
}

/// `features SPEC [--write CARGO_TOML]`.
fn features(mut args: impl Iterator<Item = String>) -> ExitCode {
    let (Some(spec), write) = (args.next(), args.next()) else { return usage() };
    let manifest = match (write.as_deref(), args.next(), args.next()) {
        (None, None, None) => None,
        (Some("--write"), Some(path), None) => Some(path),
        _ => return usage(),
    };
    if spec.starts_with('-') {
        return usage();
    }
    let report = match openapi_codegen::Config::new().generate_file(Path::new(&spec)) {
        Ok(o) => o.report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let table = openapi_codegen::manifest::table(&report.features, &spec, manifest.as_deref().unwrap_or("Cargo.toml"));
    let Some(path) = manifest else {
        print!("{table}");
        return ExitCode::SUCCESS;
    };
    let old = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let new = openapi_codegen::manifest::replace_table(&old, &table);
    if new != old {
        // Written beside it and renamed into place: never half a manifest.
        let tmp = format!("{path}.tmp");
        if let Err(e) = std::fs::write(&tmp, &new).and_then(|()| std::fs::rename(&tmp, &path)) {
            eprintln!("error: {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    eprintln!("{path}: {} features ({})", report.features.len(), if new == old { "unchanged" } else { "written" });
    ExitCode::SUCCESS
}
