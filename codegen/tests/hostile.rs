//! Hostile input, proven: every spec under `tests/hostile/` either gets a
//! clear error, pinned word for word, or generates code that parses (and,
//! through the `golden-check` crate, compiles under `#![deny(warnings)]`).
//! Never a panic, a hang or a crash. The pinned error is the one
//! `Config::strict_spec` gives; a default build must then work around the
//! flaw (with warnings) or refuse the case with that same error.
//!
//! Each case runs in a child process (this test binary, running
//! [`one_case_in_a_child_process`]) on a thread with a build script's 8 MiB
//! stack, so that a stack overflow or an abort is reported as that case's
//! failure instead of ending the whole run, and a case that hangs is killed
//! after [`TIMEOUT`]. Panics are caught with `catch_unwind` in the child.
//!
//! # Adding a case
//!
//! 1. Put the spec in `tests/hostile/<case>.yaml`, `<case>.json`, or
//!    `<case>.bin` for raw bytes (read as UTF-8 with invalid bytes replaced;
//!    a `.bin` case also goes through [`Config::generate_file`]). `<case>` is
//!    lowercase ASCII letters, digits and `_`, starting with a letter: the
//!    golden-check crate compiles an accepted case as module `hostile_<case>`.
//! 2. Run `UPDATE_HOSTILE=1 cargo test -p openapi-codegen --test hostile`. If
//!    the generator refuses the spec, that writes `tests/hostile/<case>.err`
//!    with the full message (and deletes the `.err` of a case that is now
//!    accepted). Read it: it is what a user would see, and it must say what
//!    is wrong and where. Commit it with the case.
//! 3. An accepted case must compile without warnings: `cargo test -p golden-check`
//!    (its build script generates every accepted case).
//! 4. If the generator panics or crashes on the case, or its output does not
//!    compile cleanly, that is a generator bug: add a line
//!    `<case> <kind>: <one-line reason>` to `tests/hostile/known_failures.txt`,
//!    which this test and `tests/goldens/build.rs` both read. The kinds:
//!    - `panic:` the generator panics; this test expects it to keep panicking;
//!    - `crash:` the process dies (a stack overflow, an abort) or hangs; this
//!      test expects it to keep doing so;
//!    - `rustc: [E0000] ...` the output does not compile; golden-check expects
//!      it to keep failing (a `compile_fail` doctest, with that error code);
//!    - `lint: <lint>[,<lint>...] ...` the output compiles with warnings
//!      (rustc's or clippy's); golden-check compiles it with `#[expect(<lint>)]`;
//!    - `rustdoc: ...` the output compiles, but `cargo doc` fails on it;
//!      golden-check compiles it but leaves it out of its documentation.
//!
//!    Each but the last fails once the bug is gone, so that the list cannot go
//!    stale; a `rustdoc:` line needs a `cargo doc -p golden-check` without it.

use openapi_codegen::{Config, Error};
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one case may take, in a debug build, before it counts as a hang.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The stack the generator gets in a child: what a build script's main thread has.
const STACK: usize = 8 << 20;

/// The environment variables a child reads: the case's path, and where to write the outcome.
const CASE_VAR: &str = "OPENAPI_CODEGEN_HOSTILE_CASE";
const OUT_VAR: &str = "OPENAPI_CODEGEN_HOSTILE_OUT";

/// The extensions a case may have.
const CASE_EXTENSIONS: &[&str] = &["yaml", "json", "bin"];

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("hostile")
}

/// `(case name, path)` for every case file, sorted by name.
fn cases() -> Vec<(String, PathBuf)> {
    let dir = hostile_dir();
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| CASE_EXTENSIONS.contains(&e)))
        .map(|p| (p.file_stem().expect("a case file has a name").to_string_lossy().into_owned(), p))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases under {}", dir.display());
    cases
}

/// What a known failure does instead of working.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Panic,
    Crash,
    /// Accepted; the output has compile errors, warnings, or fails rustdoc (golden-check checks these).
    Output,
}

/// `known_failures.txt`: `(case, kind, line)`, from lines `<case> <kind>: <why>`;
/// `#` starts a comment line.
fn known_failures() -> Vec<(String, Kind, String)> {
    let path = hostile_dir().join("known_failures.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (case, reason) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            let kind = match reason.trim().split_once(':').map(|(kind, why)| (kind, why.trim())) {
                Some(("panic", why)) if !why.is_empty() => Kind::Panic,
                Some(("crash", why)) if !why.is_empty() => Kind::Crash,
                Some(("rustc" | "lint" | "rustdoc", why)) if !why.is_empty() => Kind::Output,
                _ => panic!("{}: `{l}` is not `<case> <panic|crash|rustc|lint|rustdoc>: <why>`", path.display()),
            };
            (case.to_owned(), kind, l.to_owned())
        })
        .collect()
}

fn is_case_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase()) && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

// ---------------------------------------------------------------------------
// The child: one case, its outcome written as JSON to `$OPENAPI_CODEGEN_HOSTILE_OUT`.

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// `{"outcome": "accepted" | "refused" | "panicked", "text": ..., "problems": [...]}`:
/// `text` is the error or panic message (nothing for accepted output, which is
/// checked here); `problems` are failures besides the outcome.
fn run_case(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let is_bin = path.extension().is_some_and(|e| e == "bin");
    let mut problems = Vec::new();
    if !is_bin && std::str::from_utf8(&bytes).is_err() {
        problems.push("is not UTF-8: make it a .bin case".to_owned());
    }
    let text = String::from_utf8_lossy(&bytes);
    // The outcome pinned is the strict one (`.err`: the message a flaw had
    // before flaws were tolerated); the default build is checked beside it.
    let result = catch_unwind(AssertUnwindSafe(|| Config::new().strict_spec(true).generate_str(&text, "spec.yaml")));
    let (outcome, message) = match &result {
        Ok(Ok(output)) => {
            if let Err(e) = syn::parse_file(&output.code) {
                problems.push(format!("the output does not parse as Rust: {e}"));
            }
            ("accepted", String::new())
        }
        Ok(Err(e)) => ("refused", e.to_string()),
        Err(payload) => ("panicked", panic_message(payload.as_ref())),
    };
    // By default a flaw is worked around: what strict refuses for a flaw is
    // accepted with warnings, and whatever is still refused is refused the same way.
    let tolerant = catch_unwind(AssertUnwindSafe(|| Config::new().generate_str(&text, "spec.yaml")));
    match (&tolerant, &result) {
        (Err(payload), _) => problems.push(format!("the default build panicked: {}", panic_message(payload.as_ref()))),
        (Ok(Ok(output)), _) => {
            if let Err(e) = syn::parse_file(&output.code) {
                problems.push(format!("the default build's output does not parse as Rust: {e}"));
            }
            if matches!(result, Ok(Ok(_))) && !output.report.warnings.is_empty() {
                problems.push(format!("the strict build accepts it, but the default one warns: {:?}", output.report.warnings));
            }
        }
        (Ok(Err(e)), Ok(Err(strict))) if e.to_string() == strict.to_string() => {}
        (Ok(Err(e)), _) => problems.push(format!("the default build refuses it otherwise than the strict one: {e}")),
    }
    if is_bin {
        // Bytes that are not UTF-8 are an I/O error from a file; UTF-8 ones are
        // accepted or refused as `generate_str` does.
        let by_file = catch_unwind(AssertUnwindSafe(|| Config::new().generate_file(path)));
        let problem = match (std::str::from_utf8(&bytes).is_ok(), by_file, outcome) {
            (_, Err(payload), _) => Some(format!("generate_file panicked: {}", panic_message(payload.as_ref()))),
            (false, Ok(Err(Error::Io { source, .. })), _) if source.kind() == std::io::ErrorKind::InvalidData => None,
            (false, Ok(other), _) => Some(format!("generate_file on bytes that are not UTF-8: expected an I/O error, got {other:?}")),
            (true, Ok(Ok(_)), "accepted") | (true, Ok(Err(_)), "refused") => None,
            (true, Ok(Ok(_)), _) => Some("generate_file accepts what generate_str does not".to_owned()),
            (true, Ok(Err(e)), _) => Some(format!("generate_file refuses what generate_str does not: {e}")),
        };
        problems.extend(problem);
    }
    json!({"outcome": outcome, "text": message, "problems": problems})
}

/// Not a test of its own: the parent test runs this in a child process, once
/// per case, with the case in `$OPENAPI_CODEGEN_HOSTILE_CASE`. Without it, it
/// does nothing.
#[test]
fn one_case_in_a_child_process() {
    let (Some(case), Some(out)) = (std::env::var_os(CASE_VAR), std::env::var_os(OUT_VAR)) else { return };
    // Quiet: the parent reports panics itself, with the case's name.
    std::panic::set_hook(Box::new(|_| {}));
    let case = PathBuf::from(case);
    let result = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || run_case(&case))
        .expect("a thread for the case")
        .join()
        .expect("run_case catches the generator's panics");
    std::fs::write(&out, result.to_string()).unwrap_or_else(|e| panic!("cannot write {}: {e}", PathBuf::from(&out).display()));
}

// ---------------------------------------------------------------------------
// The parent.

/// What one case did.
enum Outcome {
    Accepted,
    Refused(String),
    Panicked(String),
    /// Died without writing an outcome (stack overflow, abort), or timed out.
    Crashed(String),
}

/// Run one case in a child process; its outcome, the problems it reported, and the time it took.
fn run_in_child(name: &str, path: &Path) -> (Outcome, Vec<String>, Duration) {
    let out = std::env::temp_dir().join(format!("openapi-codegen-hostile-{}-{name}.json", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let started = Instant::now();
    let mut child = Command::new(std::env::current_exe().expect("the test binary's path"))
        .args(["one_case_in_a_child_process", "--exact", "--nocapture", "--test-threads=1", "-q"])
        .env(CASE_VAR, path)
        .env(OUT_VAR, &out)
        .env_remove("RUST_MIN_STACK")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the test binary runs");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for a child") {
            break Some(status);
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = started.elapsed();
    let stderr = reader.join().unwrap_or_default();
    let written = std::fs::read_to_string(&out).ok();
    let _ = std::fs::remove_file(&out);
    let (Some(status), Some(written)) = (status, written) else {
        let why = match status {
            None => format!("did not finish in {TIMEOUT:?}"),
            Some(status) => {
                let last = stderr.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("").trim();
                format!("the process died ({status}): {last}")
            }
        };
        return (Outcome::Crashed(why), Vec::new(), elapsed);
    };
    let _ = status;
    let v: Value = serde_json::from_str(&written).expect("the child writes JSON");
    let text = v["text"].as_str().unwrap_or_default().to_owned();
    let problems = v["problems"].as_array().into_iter().flatten().filter_map(|p| p.as_str().map(str::to_owned)).collect();
    let outcome = match v["outcome"].as_str() {
        Some("accepted") => Outcome::Accepted,
        Some("refused") => Outcome::Refused(text),
        _ => Outcome::Panicked(text),
    };
    (outcome, problems, elapsed)
}

#[test]
fn hostile_specs_are_refused_clearly_or_generate_code_that_parses() {
    if std::env::var_os(CASE_VAR).is_some() {
        return; // a child runs only its case
    }
    let update = std::env::var_os("UPDATE_HOSTILE").is_some_and(|v| v != "0" && !v.is_empty());
    let known = known_failures();
    let cases = cases();

    // The children, a few at a time.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 8);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Outcome, Vec<String>, Duration)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((name, path)) = cases.get(i) else { break done };
                        let (outcome, problems, elapsed) = run_in_child(name, path);
                        done.push((i, outcome, problems, elapsed));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("a worker does not panic")).collect()
    });
    results.sort_by_key(|r| r.0);

    let mut failures = Vec::new();
    let (mut refused, mut accepted, mut known_failing) = (0, 0, 0);
    for (i, outcome, problems, _) in &results {
        let name = &cases[*i].0;
        if !is_case_name(name) {
            failures.push(format!("[{name}] not a valid case name: lowercase ASCII letters, digits and `_`, starting with a letter"));
        }
        failures.extend(problems.iter().map(|p| format!("[{name}] {p}")));
        let err_path = hostile_dir().join(format!("{name}.err"));
        let pinned = std::fs::read_to_string(&err_path).ok();
        let listed = known.iter().find(|(case, _, _)| case == name).map(|(_, kind, line)| (*kind, line.as_str()));
        let compiles_not = listed.is_some_and(|(kind, _)| kind == Kind::Output);
        match (outcome, listed) {
            (Outcome::Panicked(_), Some((Kind::Panic, _))) | (Outcome::Crashed(_), Some((Kind::Crash, _))) => known_failing += 1,
            (outcome, Some((kind @ (Kind::Panic | Kind::Crash), line))) => {
                let now = match outcome {
                    Outcome::Accepted => "is accepted".to_owned(),
                    Outcome::Refused(message) => format!("is refused: {message}"),
                    Outcome::Panicked(message) => format!("panics: {message}"),
                    Outcome::Crashed(why) => format!("crashes: {why}"),
                };
                failures.push(format!(
                    "[{name}] known_failures.txt expects a {}, but the case {now}\n    (the line: `{line}`; take it off the list or change its kind; UPDATE_HOSTILE=1 pins an error)",
                    if kind == Kind::Panic { "panic" } else { "crash" },
                ));
            }
            (Outcome::Panicked(message), _) => failures.push(format!("[{name}] the generator panicked: {message}")),
            (Outcome::Crashed(why), _) => failures.push(format!("[{name}] {why}")),
            (Outcome::Refused(message), _) => {
                refused += 1;
                if compiles_not {
                    failures.push(format!("[{name}] is in known_failures.txt as output that does not compile, but it is refused now: take it off the list"));
                }
                let expected = format!("{message}\n");
                match pinned {
                    Some(pinned) if pinned == expected => {}
                    _ if update => {
                        std::fs::write(&err_path, &expected).unwrap_or_else(|e| panic!("cannot write {}: {e}", err_path.display()));
                        eprintln!("[{name}] wrote {}", err_path.display());
                    }
                    Some(pinned) => failures.push(format!(
                        "[{name}] is refused with another message than its .err file's:\n    expected: {}\n    actual:   {message}",
                        pinned.trim_end()
                    )),
                    None => failures.push(format!("[{name}] is refused, and has no .err file (UPDATE_HOSTILE=1 writes it): {message}")),
                }
            }
            (Outcome::Accepted, _) => {
                if compiles_not {
                    known_failing += 1;
                } else {
                    accepted += 1;
                }
                if pinned.is_some() {
                    if update {
                        std::fs::remove_file(&err_path).unwrap_or_else(|e| panic!("cannot remove {}: {e}", err_path.display()));
                        eprintln!("[{name}] is accepted now: removed {}", err_path.display());
                    } else {
                        failures.push(format!("[{name}] is accepted, but has a .err file (UPDATE_HOSTILE=1 removes it)"));
                    }
                }
            }
        }
    }

    // Files that belong to no case.
    for (case, _, _) in &known {
        if !cases.iter().any(|(name, _)| name == case) {
            failures.push(format!("known_failures.txt lists `{case}`, which is not a case"));
        }
    }
    for entry in std::fs::read_dir(hostile_dir()).expect("the corpus directory lists") {
        let path = entry.expect("a readable directory entry").path();
        let file_name = path.file_name().expect("a file has a name").to_string_lossy().into_owned();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let stem = path.file_stem().expect("a file has a name").to_string_lossy().into_owned();
        if ext == "err" {
            if !cases.iter().any(|(name, _)| *name == stem) {
                failures.push(format!("{file_name} belongs to no case"));
            }
        } else if !CASE_EXTENSIONS.contains(&ext) && file_name != "known_failures.txt" {
            failures.push(format!("{file_name}: neither a case (.yaml, .json, .bin), a .err file, nor known_failures.txt"));
        }
    }

    results.sort_by_key(|r| std::cmp::Reverse(r.3));
    eprintln!("{} hostile cases: {refused} refused, {accepted} accepted, {known_failing} known failures", cases.len());
    eprintln!("slowest: {}", results.iter().take(5).map(|(i, _, _, d)| format!("{} {d:.1?}", cases[*i].0)).collect::<Vec<_>>().join(", "));
    assert!(
        failures.is_empty(),
        "{} of {} hostile cases failed:\n\n{}\n\nIf a changed message is intended: UPDATE_HOSTILE=1 cargo test -p openapi-codegen --test hostile, and review the .err diff.",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
