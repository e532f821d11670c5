//! `openapi-codegen SPEC [-o FILE] [--report] [--name POINTER=NAME] [--doc-base-url URL]`:
//! print (or write) the Rust generated for any spec.

use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: openapi-codegen SPEC [-o FILE] [--report] [--name POINTER=NAME]... [--doc-base-url URL]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut spec = None;
    let mut out = None;
    let mut report = false;
    let mut config = openapi_codegen::Config::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-o" | "--output" => match args.next() {
                Some(f) => out = Some(f),
                None => return usage(),
            },
            "--report" => report = true,
            "--name" => match args.next().as_deref().and_then(|a| a.split_once('=')) {
                Some((pointer, name)) => {
                    config.name_schema(pointer, name);
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
