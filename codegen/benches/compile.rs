//! What a user pays to build the types: our generated crate, one feature at
//! a time, against async-openai 0.43's hand-written types, side by side in
//! one run.
//!
//! Run with `cargo bench -p openapi-codegen --bench compile` (about ten
//! minutes on two cores; `COMPILE_BENCH_ROUNDS=N` sets the rounds, default
//! 3). The spec is `../shared/specs/openai/openapi.yaml` beside the
//! workspace; without it the bench says so and exits 0 (1 when `CI` is set).
//! Run without `--bench` (as `cargo test --benches` does) it only writes the
//! throwaway crates.
//!
//! Pairs, each ours against theirs:
//! - `chat` against `chat-completion-types`;
//! - `responses` against `response-types`;
//! - the full crate (`full`) against every `*-types` feature.
//!
//! Both crates are built as a user's dependency would be, in throwaway
//! crates of their own under `target/compile-bench` that are not part of
//! this workspace (async-openai is never a dependency of ours):
//! - `ours` has the `build.rs` a user writes (`Config::cargo_features`) and
//!   the `[features]` table `openapi-codegen features` writes. Its build
//!   script runs the generator unoptimized, as in any crate that depends on
//!   ours (no `build-override`). What is timed is everything after its
//!   dependencies are built: compiling and running `build.rs`, and rustc on
//!   the generated code.
//! - `theirs` depends on `async-openai = "=0.43.0"` without default
//!   features; what is timed is building async-openai itself with the
//!   pair's features (its own dependencies, serde, derive_builder, bytes,
//!   prebuilt).
//!
//! Each measurement cleans the crate in question and builds it again with
//! `CARGO_INCREMENTAL=0` in the dev profile, under `/usr/bin/time -v` (the
//! peak memory is that of the largest process, rustc). The rounds alternate
//! ours and theirs, so a machine that slows down slows both; the table gives
//! the median wall time, the largest peak memory, the median of the
//! per-round ratios ours/theirs, and the lines of our generated file.

use std::env;
use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

type BoxResult<T> = Result<T, Box<dyn Error>>;

/// Every `*-types` feature of async-openai 0.43.
const ALL_TYPES: &[&str] = &[
    "administration-types",
    "audio-types",
    "batch-types",
    "chat-completion-types",
    "chatkit-types",
    "completion-types",
    "container-types",
    "content-provenance-checks-types",
    "decision-types",
    "embedding-types",
    "eval-types",
    "file-types",
    "finetuning-types",
    "grader-types",
    "image-types",
    "model-types",
    "moderation-types",
    "realtime-types",
    "response-types",
    "safety-types",
    "skill-types",
    "upload-types",
    "vectorstore-types",
    "video-types",
    "webhook-types",
];

/// `(label, our feature, their features)`.
fn pairs() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![("chat", "chat", vec!["chat-completion-types"]), ("responses", "responses", vec!["response-types"]), ("full", "full", ALL_TYPES.to_vec())]
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> BoxResult<ExitCode> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize()?;
    let spec = workspace.join("../shared/specs/openai/openapi.yaml");
    if !spec.exists() {
        eprintln!("compile bench: {} is not there; nothing to measure", spec.display());
        return Ok(if env::var_os("CI").is_some() { ExitCode::FAILURE } else { ExitCode::SUCCESS });
    }
    let spec = spec.canonicalize()?;
    let dir = env::var_os("CARGO_TARGET_DIR").map_or_else(|| workspace.join("target"), |d| workspace.join(d)).join("compile-bench");
    let ours = write_ours(&dir.join("ours"), &workspace, &spec)?;
    let theirs = write_theirs(&dir.join("theirs"))?;
    if !env::args().any(|a| a == "--bench") {
        eprintln!("compile bench: wrote {} and {}; run with --bench to measure", ours.display(), theirs.display());
        return Ok(ExitCode::SUCCESS);
    }
    let rounds: usize = env::var("COMPILE_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    let target = dir.join("target");
    // Dependencies first, with every feature, so only the crates in question are timed.
    build(&ours, &target, &["--features", "full"], None)?;
    build(&theirs, &target, &["--features", &ALL_TYPES.join(",")], None)?;

    let mut rows = Vec::new();
    for (label, feature, their_features) in pairs() {
        let mut ours_runs = Vec::new();
        let mut theirs_runs = Vec::new();
        for round in 0..rounds {
            eprintln!("compile bench: {label}, round {} of {rounds}", round + 1);
            ours_runs.push(build(&ours, &target, &["--no-default-features", "--features", feature], Some("bench-ours"))?);
            theirs_runs.push(build(&theirs, &target, &["--features", &their_features.join(",")], Some("async-openai"))?);
        }
        let lines = generated_lines(&target, feature)?;
        rows.push((label, lines, ours_runs, theirs_runs));
    }

    println!("Compile from clean, dependencies prebuilt (dev profile, CARGO_INCREMENTAL=0), {rounds} alternating rounds:");
    println!(
        "| pair | ours: wall (median) | ours: peak | generated lines | async-openai 0.43: wall (median) | theirs: peak | ours/theirs wall (median of rounds) |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (label, lines, ours_runs, theirs_runs) in rows {
        let mut ratios: Vec<f64> = ours_runs.iter().zip(&theirs_runs).map(|(a, b)| a.wall.as_secs_f64() / b.wall.as_secs_f64()).collect();
        println!(
            "| {label} | {} | {} | {lines} | {} | {} | {:.2} |",
            secs(median(ours_runs.iter().map(|r| r.wall).collect())),
            peak(&ours_runs),
            secs(median(theirs_runs.iter().map(|r| r.wall).collect())),
            peak(&theirs_runs),
            median_f(&mut ratios),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The crate a user of ours writes: `build.rs` with `cargo_features`, the
/// features table from the spec, and `include!`.
fn write_ours(dir: &Path, workspace: &Path, spec: &Path) -> BoxResult<PathBuf> {
    let report = openapi_codegen::Config::new().generate_file(spec)?.report;
    let table = report.features_table(&spec.display().to_string(), "Cargo.toml");
    let codegen = workspace.join("codegen");
    let manifest = format!(
        "[package]\nname = \"bench-ours\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
         [build-dependencies]\nopenapi-codegen = {{ path = {:?} }}\n\n{table}\n\
         # Not part of the enclosing workspace.\n[workspace]\n",
        codegen.display().to_string()
    );
    let build_rs = format!(
        "fn main() {{\n    if let Err(e) = openapi_codegen::Config::new().cargo_features().generate({:?}) {{\n        eprintln!(\"error: {{e}}\");\n        std::process::exit(1);\n    }}\n}}\n",
        spec.display().to_string()
    );
    write_crate(dir, &manifest, Some(&build_rs), "include!(concat!(env!(\"OUT_DIR\"), \"/openapi.rs\"));\n", Some(workspace))?;
    Ok(dir.to_owned())
}

/// A crate that builds async-openai's types with the features it is given.
fn write_theirs(dir: &Path) -> BoxResult<PathBuf> {
    let features: String = ALL_TYPES.iter().map(|f| format!("{f} = [\"async-openai/{f}\"]\n")).collect();
    let manifest = format!(
        "[package]\nname = \"bench-theirs\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nasync-openai = {{ version = \"=0.43.0\", default-features = false }}\n\n\
         [features]\n{features}\n# Not part of the enclosing workspace.\n[workspace]\n"
    );
    write_crate(dir, &manifest, None, "pub use async_openai::*;\n", None)?;
    Ok(dir.to_owned())
}

/// A crate in `dir`; with `workspace`, it starts from that workspace's
/// `Cargo.lock` (the same serde versions, and no resolution to wait on).
fn write_crate(dir: &Path, manifest: &str, build_rs: Option<&str>, lib: &str, workspace: Option<&Path>) -> BoxResult<()> {
    fs::create_dir_all(dir.join("src"))?;
    fs::write(dir.join("Cargo.toml"), manifest)?;
    if let Some(b) = build_rs {
        fs::write(dir.join("build.rs"), b)?;
    }
    fs::write(dir.join("src/lib.rs"), lib)?;
    if let Some(lock) = workspace.and_then(|w| fs::read(w.join("Cargo.lock")).ok()) {
        if !dir.join("Cargo.lock").exists() {
            fs::write(dir.join("Cargo.lock"), lock)?;
        }
    }
    Ok(())
}

struct Run {
    wall: Duration,
    max_rss_kb: Option<u64>,
}

/// `cargo build ARGS` in `dir`; with `clean`, that package is cleaned first
/// and the build timed under `/usr/bin/time -v` when present.
fn build(dir: &Path, target: &Path, args: &[&str], clean: Option<&str>) -> BoxResult<Run> {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    if let Some(package) = clean {
        let out = Command::new(&cargo).args(["clean", "-p", package]).arg("--target-dir").arg(target).current_dir(dir).output()?;
        check(&out, dir, "cargo clean")?;
    }
    let time = Path::new("/usr/bin/time");
    let mut cmd = if clean.is_some() && time.exists() {
        let mut c = Command::new(time);
        c.arg("-v").arg(&cargo);
        c
    } else {
        Command::new(&cargo)
    };
    cmd.arg("build").args(args).arg("--target-dir").arg(target);
    cmd.current_dir(dir).env("CARGO_INCREMENTAL", "0").env_remove("RUSTFLAGS").stdin(Stdio::null());
    let start = Instant::now();
    let out = cmd.output()?;
    let wall = start.elapsed();
    check(&out, dir, &format!("cargo build {}", args.join(" ")))?;
    let max_rss_kb =
        String::from_utf8_lossy(&out.stderr).lines().find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):")?.trim().parse().ok());
    Ok(Run { wall, max_rss_kb })
}

/// Lines of the file our last build generated.
fn generated_lines(target: &Path, feature: &str) -> BoxResult<usize> {
    let build = target.join("debug/build");
    let mut newest: Option<(std::time::SystemTime, PathBuf)> = None;
    for entry in fs::read_dir(&build)? {
        let file = entry?.path().join("out/openapi.rs");
        if let Ok(meta) = fs::metadata(&file) {
            let modified = meta.modified()?;
            if newest.as_ref().is_none_or(|(t, _)| modified > *t) {
                newest = Some((modified, file));
            }
        }
    }
    let (_, file) = newest.ok_or_else(|| format!("no generated file for {feature} under {}", build.display()))?;
    Ok(fs::read_to_string(file)?.lines().count())
}

fn check(out: &std::process::Output, dir: &Path, what: &str) -> BoxResult<()> {
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    Err(format!("{what} failed in {}:\n{}", dir.display(), lines[lines.len().saturating_sub(20)..].join("\n")).into())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn median_f(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn peak(runs: &[Run]) -> String {
    runs.iter().filter_map(|r| r.max_rss_kb).max().map_or_else(|| "n/a".into(), |kb| format!("{} MB", kb / 1024))
}
