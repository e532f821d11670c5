//! How long generating OpenAI's full spec takes, stage by stage, and against
//! what floor.
//!
//! Run with `cargo bench -p openapi-codegen` (add `BENCH_COMPILE=1` to also
//! measure compiling the generated code, about a minute more). The spec is read
//! from `../shared/specs/openai/openapi.yaml` next to the workspace; when it is
//! missing the bench says so and exits 0, or 1 when `CI` is set.
//!
//! What is measured, and why:
//!
//! 1. Each pipeline stage in the optimized bench build: `load::parse`,
//!    `normalize`, `parse_openapi` (openapiv3), `model::build`, `emit::emit`,
//!    `format` (prettyplease); the median of [`RUNS`] runs after one warm-up
//!    (the fastest run is shown too, as a sign of how noisy the machine was).
//!    Each run feeds a stage the previous stage's output, as `generate_str`
//!    does; freeing the intermediates is left out of the stage times.
//!    `Config::generate_str` is also timed end to end (it frees them).
//! 2. The floor: `serde_yaml::from_str::<serde_yaml::Value>` on the same text.
//!    Reading the YAML is work no generator can skip, so the end-to-end time
//!    over that floor says how much the rest costs; the goal is at most 3x.
//!    `serde_yaml::Value` rejects the spec as is (`minimum:
//!    -9223372036854776000` is below `i64::MIN`), so the floor parses a copy
//!    in which that literal and its `maximum` twin are replaced, in memory, by
//!    `i64::MIN` and `i64::MAX`.
//! 3. What users wait for: a build script runs unoptimized in a plain
//!    `cargo build`, so the stages above are not the build-step time. The bench
//!    builds the `openapi-codegen` CLI in the debug profile and times it
//!    generating the spec into a file (median of [`CLI_RUNS`]); goal: at most
//!    1.5 s. (The debug binary has debug info, which build scripts by default
//!    do not; that barely changes speed.)
//! 4. The size of the generated code, and with `BENCH_COMPILE=1` the wall time
//!    and peak memory of compiling it alone in a crate of its own (debug
//!    profile, non-incremental, dependencies prebuilt), since that is the other
//!    half of what the generated crate costs its users.
//!
//! Results go to stdout as a table once everything is measured; progress goes
//! to stderr. Run without `--bench` (e.g. by `cargo test --benches`), it only
//! generates the spec once as a smoke test.

use std::env;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use openapi_codegen::{emit, load, model, normalize, parse_openapi, Config};

/// Timed runs of each in-process measurement (after one warm-up run).
const RUNS: usize = 10;
/// Timed runs of the debug CLI, which takes seconds per run.
const CLI_RUNS: usize = 3;
/// End-to-end time over the serde_yaml floor we aim for.
const GOAL_RATIO: f64 = 3.0;
/// Build-step time (debug CLI) we aim for, in seconds.
const GOAL_BUILD_STEP_SECS: f64 = 1.5;
/// The out-of-range integers in OpenAI's spec, and the in-range values the
/// floor's copy of the text gets instead.
const FLOOR_PATCHES: [(&str, &str); 2] = [
    ("minimum: -9223372036854776000", "minimum: -9223372036854775808"),
    ("maximum: 9223372036854776000", "maximum: 9223372036854775807"),
];
/// Package name of the throwaway crate `BENCH_COMPILE=1` compiles.
const COMPILE_CRATE: &str = "bench-generated";

type BoxResult<T> = Result<T, Box<dyn Error>>;

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
    let workspace = fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))?;
    let spec = workspace.join("../shared/specs/openai/openapi.yaml");
    let text = match fs::read_to_string(&spec) {
        Ok(text) => text,
        Err(e) => {
            let ci = env::var_os("CI").is_some();
            eprintln!(
                "pipeline bench: cannot read the OpenAI spec at {}: {e}; {}",
                spec.display(),
                if ci { "failing because CI is set" } else { "skipping (set CI to make this an error)" }
            );
            return Ok(if ci { ExitCode::FAILURE } else { ExitCode::SUCCESS });
        }
    };

    if !env::args().any(|a| a == "--bench") {
        let output = Config::new().generate_str(&text, "openapi.yaml")?;
        println!(
            "pipeline bench: smoke test only (run with `cargo bench`): {} lines generated",
            output.code.lines().count()
        );
        return Ok(ExitCode::SUCCESS);
    }

    let spec = fs::canonicalize(&spec)?;
    let mut report = String::new();
    writeln!(report, "openapi-codegen pipeline benchmark")?;
    writeln!(report, "spec: {} ({}, {} lines)", spec.display(), bytes(text.len() as u64), text.lines().count())?;
    writeln!(report)?;

    // 1. The stages, one pipeline per run.
    eprintln!("pipeline bench: timing the stages ({RUNS} runs)...");
    let stages = time_stages(&text)?;
    eprintln!("pipeline bench: timing generate_str ({RUNS} runs)...");
    let mut output = None;
    let end_to_end = stat_of(RUNS, || {
        let start = Instant::now();
        let out = Config::new().generate_str(black_box(&text), "openapi.yaml");
        let elapsed = start.elapsed();
        output = Some(out);
        elapsed
    });
    let output = output.expect("RUNS > 0")?;

    // 2. The floor.
    eprintln!("pipeline bench: timing the serde_yaml floor ({RUNS} runs)...");
    let mut patched = text.clone();
    let mut replaced = 0;
    for (from, to) in FLOOR_PATCHES {
        replaced += patched.matches(from).count();
        patched = patched.replace(from, to);
    }
    let mut floor_error = None;
    let floor = stat_of(RUNS, || {
        let start = Instant::now();
        let parsed = serde_yaml::from_str::<serde_yaml::Value>(black_box(&patched));
        let elapsed = start.elapsed();
        if let Err(e) = parsed {
            floor_error = Some(e);
        }
        elapsed
    });

    writeln!(report, "in-process, optimized (bench profile), {RUNS} runs after 1 warm-up:")?;
    writeln!(report)?;
    writeln!(report, "  {:<38} {:>10} {:>10} {:>7}", "stage", "median", "min", "share")?;
    writeln!(report, "  {:-<38} {:->10} {:->10} {:->7}", "", "", "", "")?;
    for (name, t) in &stages.each {
        let share = 100.0 * t.median.as_secs_f64() / stages.total.median.as_secs_f64();
        writeln!(report, "  {name:<38} {:>10} {:>10} {share:>6.1}%", ms(t.median), ms(t.min))?;
    }
    writeln!(report, "  {:-<38} {:->10} {:->10} {:->7}", "", "", "", "")?;
    writeln!(report, "  {:<38} {:>10} {:>10}", "total of the stages", ms(stages.total.median), ms(stages.total.min))?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    writeln!(
        report,
        "  {:<38} {:>10} {:>10}",
        format!("emit + format on {threads} thread(s)"),
        ms(stages.parallel.median),
        ms(stages.parallel.min)
    )?;
    writeln!(report, "    (generate_str runs emit and format per module on every core: the stages above are one thread)")?;
    writeln!(report, "  {:<38} {:>10} {:>10}", "generate_str, end to end", ms(end_to_end.median), ms(end_to_end.min))?;
    writeln!(report)?;
    match floor_error {
        None => {
            let name = "floor: serde_yaml::from_str::<Value>";
            writeln!(report, "  {name:<38} {:>10} {:>10}", ms(floor.median), ms(floor.min))?;
            writeln!(
                report,
                "    (on a copy with {replaced} out-of-range integer literal(s) replaced by i64::MIN/MAX in memory,"
            )?;
            writeln!(report, "     since serde_yaml::Value rejects -9223372036854776000)")?;
            let ratio = end_to_end.median.as_secs_f64() / floor.median.as_secs_f64();
            writeln!(
                report,
                "  total (generate_str) / serde_yaml floor = {ratio:.2}x (goal: <= {GOAL_RATIO}x){}",
                verdict(ratio <= GOAL_RATIO)
            )?;
        }
        Some(e) => writeln!(report, "  floor: serde_yaml rejects the patched spec too: {e}")?,
    }
    writeln!(report)?;

    // 3. The build step users wait for. Build scripts run in the dev profile:
    // unoptimized by default, and at opt-level 3 in this workspace, whose
    // Cargo.toml sets `[profile.dev.build-override]` (mirrored by the
    // `build-step` profile, so the CLI can be timed the same way).
    let target = target_dir(&workspace);
    for (profile, label) in [
        ("dev", "unoptimized, as any build script runs by default"),
        ("build-step", "as this workspace's build.rs runs (build-override opt-level 3)"),
    ] {
        eprintln!("pipeline bench: building the CLI in the {profile} profile...");
        writeln!(report, "build step, CLI in the `{profile}` profile ({label}):")?;
        match profile_cli(&workspace, &target, profile) {
            Err(e) => writeln!(report, "  skipped: {e}")?,
            Ok(cli) => {
                eprintln!("pipeline bench: timing it ({CLI_RUNS} runs)...");
                match time_cli(&cli, &spec, &target.join("bench-pipeline/openapi.rs")) {
                    Err(e) => writeln!(report, "  {} failed: {e}", cli.display())?,
                    Ok(t) => {
                        let ok = t.median.as_secs_f64() <= GOAL_BUILD_STEP_SECS;
                        writeln!(
                            report,
                            "  {:<38} {:>10} {:>10}   (median, min; goal: <= {GOAL_BUILD_STEP_SECS} s){}",
                            format!("openapi-codegen SPEC -o FILE, {CLI_RUNS} runs"),
                            ms(t.median),
                            ms(t.min),
                            verdict(ok)
                        )?;
                    }
                }
            }
        }
    }
    writeln!(report)?;

    // 4. The output, and what compiling it costs.
    let code = &output.code;
    writeln!(report, "generated code:")?;
    writeln!(
        report,
        "  {} lines, {} ({} bytes); {} types in {} modules",
        code.lines().count(),
        bytes(code.len() as u64),
        code.len(),
        output.report.types,
        output.report.modules
    )?;
    if env::var_os("BENCH_COMPILE").is_some_and(|v| v == "1") {
        eprintln!("pipeline bench: compiling the generated code (about a minute)...");
        match compile(code, &workspace, &target) {
            Err(e) => writeln!(report, "  compile: skipped: {e}")?,
            Ok(c) => {
                writeln!(report, "  compile alone (debug, CARGO_INCREMENTAL=0, deps prebuilt, {}):", c.dir.display())?;
                writeln!(report, "    wall time        {:>10}", ms(c.wall))?;
                match c.max_rss_kb {
                    Some(kb) => {
                        writeln!(report, "    peak memory      {:>10}   (largest process: rustc)", bytes(kb * 1024))?
                    }
                    None => writeln!(report, "    peak memory      unknown (no /usr/bin/time -v)")?,
                }
            }
        }
    } else {
        writeln!(report, "  (set BENCH_COMPILE=1 to also time compiling it)")?;
    }

    print!("{report}");
    Ok(ExitCode::SUCCESS)
}

/// Each stage's times, and those of their per-run sum.
struct Stages {
    each: Vec<(&'static str, Stat)>,
    total: Stat,
    /// `emit_and_format`, what `generate_str` runs in place of the last two stages.
    parallel: Stat,
}

/// Runs the pipeline `RUNS` times (plus a warm-up), timing each stage.
fn time_stages(text: &str) -> BoxResult<Stages> {
    const NAMES: [&str; 6] = [
        "parse (load::parse)",
        "normalize",
        "openapiv3 (parse_openapi)",
        "model (model::build)",
        "emit (emit::emit)",
        "format (prettyplease)",
    ];
    let config = Config::new();
    let (model_settings, emit_settings) = (config.model_settings(), config.emit_settings());
    let mut samples: Vec<[Duration; 6]> = Vec::with_capacity(RUNS + 1);
    let mut parallel = Vec::with_capacity(RUNS + 1);
    for _ in 0..=RUNS {
        let mut t = [Duration::ZERO; 6];
        let start = Instant::now();
        let mut value = load::parse(black_box(text))?;
        t[0] = start.elapsed();
        let start = Instant::now();
        normalize::normalize(&mut value);
        t[1] = start.elapsed();
        let start = Instant::now();
        let spec = parse_openapi(&value)?;
        t[2] = start.elapsed();
        let start = Instant::now();
        let model = model::build(&spec, &model_settings)?;
        t[3] = start.elapsed();
        let start = Instant::now();
        let tokens = emit::emit(&model, &emit_settings);
        t[4] = start.elapsed();
        let start = Instant::now();
        let code = openapi_codegen::format(tokens, "openapi.yaml")?;
        t[5] = start.elapsed();
        black_box(code);
        let start = Instant::now();
        black_box(openapi_codegen::emit_and_format(&model, &emit_settings, "openapi.yaml")?);
        parallel.push(start.elapsed());
        samples.push(t);
    }
    parallel.remove(0);
    samples.remove(0); // the warm-up
    let each = (0..NAMES.len()).map(|i| (NAMES[i], stat(samples.iter().map(|s| s[i]).collect()))).collect();
    let total = stat(samples.iter().map(|s| s.iter().sum()).collect());
    Ok(Stages { each, total, parallel: stat(parallel) })
}

/// The median and the fastest of a set of timed runs: the median is the
/// figure reported; the minimum shows how noisy the machine was.
#[derive(Clone, Copy)]
struct Stat {
    median: Duration,
    min: Duration,
}

fn stat(mut v: Vec<Duration>) -> Stat {
    v.sort();
    let n = v.len();
    let median = if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2 };
    Stat { median, min: v[0] }
}

/// [`stat`] of `runs` calls of `f` (which returns the time it measured), after one warm-up call.
fn stat_of(runs: usize, mut f: impl FnMut() -> Duration) -> Stat {
    f();
    stat((0..runs).map(|_| f()).collect())
}

/// `CARGO_TARGET_DIR` (relative to the workspace root) if set, else `<workspace>/target`.
fn target_dir(workspace: &Path) -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace.join(dir),
        None => workspace.join("target"),
    }
}

fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Builds the CLI in `profile` and returns its path (as cargo reports it,
/// falling back to `<target>/<profile dir>/openapi-codegen`).
fn profile_cli(workspace: &Path, target: &Path, profile: &str) -> BoxResult<PathBuf> {
    let out = cargo()
        .args(["build", "-p", "openapi-codegen", "--bin", "openapi-codegen", "--message-format=json", "--profile", profile])
        .current_dir(workspace)
        .stdin(Stdio::null())
        .output()?;
    if !out.status.success() {
        return Err(format!("`cargo build -p openapi-codegen --bin openapi-codegen` failed:\n{}", failure(&out)).into());
    }
    let reported = String::from_utf8_lossy(&out.stdout).lines().find_map(|line| {
        let msg: serde_json::Value = serde_json::from_str(line).ok()?;
        let exe = msg.get("executable")?.as_str()?;
        (msg.pointer("/target/name")?.as_str()? == "openapi-codegen").then(|| PathBuf::from(exe))
    });
    let dir = if profile == "dev" { "debug" } else { profile };
    Ok(reported.unwrap_or_else(|| target.join(dir).join(format!("openapi-codegen{}", env::consts::EXE_SUFFIX))))
}

/// Wall time of `cli SPEC -o OUT`, the output removed before each run
/// so every run writes it, as a first build does.
fn time_cli(cli: &Path, spec: &Path, out: &Path) -> BoxResult<Stat> {
    let mut times = Vec::with_capacity(CLI_RUNS);
    for _ in 0..CLI_RUNS {
        let _ = fs::remove_file(out);
        let start = Instant::now();
        let run = Command::new(cli).arg(spec).arg("-o").arg(out).stdin(Stdio::null()).output()?;
        times.push(start.elapsed());
        if !run.status.success() {
            return Err(failure(&run).into());
        }
    }
    Ok(stat(times))
}

/// What compiling the generated code alone cost.
struct Compile {
    dir: PathBuf,
    wall: Duration,
    max_rss_kb: Option<u64>,
}

/// Compiles `code` as the `src/lib.rs` of a throwaway crate under
/// `<target>/bench-compile`, with a target dir of its own (so it never waits on
/// the workspace's lock) and the workspace's `Cargo.lock` (same serde versions,
/// no network). Dependencies are built first, with an empty `lib.rs`; then the
/// crate is cleaned and built again, under `/usr/bin/time -v` when present.
fn compile(code: &str, workspace: &Path, target: &Path) -> BoxResult<Compile> {
    let dir = target.join("bench-compile");
    let target_dir = dir.join("target");
    fs::create_dir_all(dir.join("src"))?;
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{COMPILE_CRATE}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
             # Not part of the enclosing workspace.\n[workspace]\n"
        ),
    )?;
    if let Ok(lock) = fs::read(workspace.join("Cargo.lock")) {
        fs::write(dir.join("Cargo.lock"), lock)?;
    }
    let build = |wrapper: Option<&str>| {
        let mut cmd = match wrapper {
            Some(time) => {
                let mut c = Command::new(time);
                c.arg("-v").arg(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
                c
            }
            None => cargo(),
        };
        cmd.arg("build").arg("--target-dir").arg(&target_dir);
        cmd.current_dir(&dir).env("CARGO_INCREMENTAL", "0").stdin(Stdio::null());
        cmd
    };
    let check = |out: &std::process::Output, what: &str| -> BoxResult<()> {
        if out.status.success() {
            Ok(())
        } else {
            Err(format!("{what} failed in {}:\n{}", dir.display(), failure(out)).into())
        }
    };

    fs::write(dir.join("src/lib.rs"), "")?;
    check(&build(None).output()?, "building the dependencies")?;
    fs::write(dir.join("src/lib.rs"), code)?;
    let clean =
        cargo().args(["clean", "-p", COMPILE_CRATE]).arg("--target-dir").arg(&target_dir).current_dir(&dir).output()?;
    check(&clean, "cargo clean")?;

    let time = Path::new("/usr/bin/time");
    let wrapper = time.exists().then_some("/usr/bin/time");
    let start = Instant::now();
    let out = build(wrapper).output()?;
    let wall = start.elapsed();
    check(&out, "compiling the generated code")?;
    let max_rss_kb = String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):")?.trim().parse().ok());
    Ok(Compile { dir, wall, max_rss_kb })
}

/// The tail of a failed command's stderr, for a report.
fn failure(out: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    let tail = lines[lines.len().saturating_sub(20)..].join("\n    ");
    format!("    ({})\n    {tail}", out.status)
}

/// Milliseconds, or seconds from 10 s up.
fn ms(d: Duration) -> String {
    match d.as_secs_f64() {
        s if s >= 10.0 => format!("{s:.2} s"),
        s => format!("{:.1} ms", s * 1e3),
    }
}

fn bytes(n: u64) -> String {
    format!("{:.2} MB", n as f64 / 1e6)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "  ok"
    } else {
        "  OVER GOAL"
    }
}
