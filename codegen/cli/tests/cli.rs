//! The `openapi-codegen` command: subcommands with `--help` each, flaws as
//! warnings on stderr (errors with `--strict-spec`), and never a panic.

use std::path::PathBuf;
use std::process::{Command, Output};

const HEAD: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n";

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("openapi-codegen-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn cli(args: &[&std::ffi::OsStr]) -> (Output, String) {
    let run = Command::new(env!("CARGO_BIN_EXE_openapi-codegen")).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{stderr}");
    (run, stderr)
}

#[test]
fn each_subcommand_has_help() {
    for sub in ["generate", "features"] {
        let (run, _) = cli(&[sub.as_ref(), "--help".as_ref()]);
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success() && stdout.contains("Usage: openapi-codegen") && stdout.contains("--strict-spec"), "{sub}: {stdout}");
    }
    let (run, stderr) = cli(&["nonsense".as_ref()]);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
}

/// A flaw is a warning naming file, line and pointer, and the code is still
/// written; `--strict-spec` makes it the error it was, and writes nothing.
#[test]
fn a_flaw_warns_and_strict_spec_fails() {
    let dir = scratch("flaw");
    let path = dir.join("openapi.yaml");
    std::fs::write(&path, format!("{HEAD}    A:\n      $ref: '#/components/schemas/B'\n")).unwrap();
    let out = dir.join("out.rs");
    let (run, stderr) = cli(&["generate".as_ref(), path.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert!(run.status.success(), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "warning: {}:6: #/components/schemas/A: $ref \"#/components/schemas/B\" names no schema; it reads any JSON (serde_json::Value)",
            path.display()
        )
    );
    assert!(std::fs::read_to_string(&out).unwrap().contains("pub type A = ::serde_json::Value;"));

    let strict_out = dir.join("strict.rs");
    let (run, stderr) = cli(&["generate".as_ref(), path.as_os_str(), "--strict-spec".as_ref(), "-o".as_ref(), strict_out.as_os_str()]);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim_end(), format!("error: {}:6: #/components/schemas/A: unresolved $ref \"#/components/schemas/B\": no such schema", path.display()));
    assert!(!strict_out.exists());
}

#[test]
fn features_writes_the_table_and_keeps_the_rest() {
    let dir = scratch("features");
    let path = dir.join("openapi.yaml");
    std::fs::write(
        &path,
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      tags: [Chat]\n      responses: {'204': {description: none}}\n",
    )
    .unwrap();
    let manifest = dir.join("Cargo.toml");
    std::fs::write(&manifest, "[package]\nname = \"x\"\n").unwrap();
    let (run, stderr) = cli(&["features".as_ref(), path.as_os_str(), "--write".as_ref(), manifest.as_os_str()]);
    assert!(run.status.success(), "{stderr}");
    let text = std::fs::read_to_string(&manifest).unwrap();
    assert!(text.starts_with("[package]\nname = \"x\"\n") && text.contains("\nchat = []\n") && text.contains("full = [\"chat\"]"), "{text}");
}

/// `diff` prints what changed for the crate's user, breaking changes marked;
/// `--json` gives the same for tools.
#[test]
fn diff_prints_text_and_json() {
    let dir = scratch("diff");
    let old = dir.join("old.yaml");
    let new = dir.join("new.yaml");
    std::fs::write(&old, format!("{HEAD}    A:\n      type: object\n      properties:\n        id: {{type: string}}\n        gone: {{type: string}}\n"))
        .unwrap();
    std::fs::write(&new, format!("{HEAD}    A:\n      type: object\n      properties:\n        id: {{type: integer}}\n        added: {{type: string}}\n"))
        .unwrap();
    let (run, stderr) = cli(&["diff".as_ref(), old.as_os_str(), new.as_os_str()]);
    assert!(run.status.success(), "{stderr}");
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(text.starts_with("3 changes to 1 item, 2 breaking (marked !)\na::A\n"), "{text}");
    assert!(text.contains("  ! field `gone: Option<String>` removed") && text.contains("field `added: Option<String>` added"), "{text}");
    let (run, stderr) = cli(&["diff".as_ref(), old.as_os_str(), new.as_os_str(), "--json".as_ref()]);
    assert!(run.status.success(), "{stderr}");
    let json = String::from_utf8_lossy(&run.stdout);
    assert!(json.contains("\"breaking\": true") && json.contains("\"item\": \"a::A\""), "{json}");
}

/// clap is the CLI's alone: a crate that uses the library from `build.rs`
/// (as this workspace's root crate does) never builds it.
#[test]
fn clap_stays_out_of_the_library_tree() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml");
    let tree = |package: &str| {
        let out = Command::new(&cargo)
            .args(["tree", "--offline", "--prefix", "none", "-e", "normal,build", "-p", package, "--manifest-path"])
            .arg(&manifest)
            .output()
            .unwrap();
        assert!(out.status.success(), "cargo tree -p {package}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let names = |text: &str| text.lines().filter_map(|l| l.split_whitespace().next().map(str::to_owned)).collect::<Vec<_>>();
    assert!(names(&tree("openapi-codegen-cli")).iter().any(|n| n == "clap"), "the check must be able to see clap");
    for package in ["openapi-codegen", "openai-types"] {
        let names = names(&tree(package));
        assert!(names.iter().any(|n| n == "openapi-codegen") && !names.iter().any(|n| n.starts_with("clap")), "{package}: {names:?}");
    }
}
