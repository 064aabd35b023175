//! Helpers to run the `seam` binary on scratch repositories, and CLI-level tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The result of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Stdout and stderr together, for snapshots.
    pub fn all(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `seam` with `args` in `dir`, colour off, and redacts `dir` from the output.
pub fn seam(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("seam")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .args(args)
        .output()
        .unwrap();
    let redact = |s: &[u8]| String::from_utf8_lossy(s).replace(&dir.display().to_string(), "[DIR]");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: redact(&out.stdout),
        stderr: redact(&out.stderr),
    }
}

/// A fresh repository made by `seam init` in a temporary directory.
pub fn scaffold() -> TempDir {
    let dir = TempDir::new().unwrap();
    let run = seam(dir.path(), &["init", "."]);
    assert_eq!(run.code, 0, "{}", run.all());
    dir
}

/// Path of a file inside a scaffolded repository.
pub fn file(dir: &TempDir, rel: &str) -> PathBuf {
    dir.path().join(rel)
}

/// Replaces `from` with `to` in a file; panics when `from` is absent (the test would be vacuous).
pub fn edit(dir: &TempDir, rel: &str, from: &str, to: &str) {
    let path = file(dir, rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "`{from}` not in {rel}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Writes a file, creating folders.
pub fn write(dir: &TempDir, rel: &str, content: impl AsRef<[u8]>) {
    let path = file(dir, rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// Copies a folder (an example repository) into `to`, in name order, leaving out a `.seam/`
/// proof cache.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        // A proof cache left by an earlier `seam check examples/erp` is not part of the example.
        if e.file_name() == ".seam" {
            continue;
        }
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

pub const CONTRACT: &str = "contracts/sales.order-created/contract.yaml";
pub const SCHEMA_1: &str = "contracts/sales.order-created/schemas/1.0.0.json";
pub const BASIC: &str = "contracts/sales.order-created/examples/order-basic.json";
pub const CONSUMER: &str = "consumers/warehouse.yaml";
pub const EXPECTS: &str = "consumers/warehouse/order-created.schema.json";

#[test]
fn init_scaffold_verifies_and_lints() {
    let dir = TempDir::new().unwrap();
    let run = seam(dir.path(), &["init", "repo"]);
    assert_eq!(run.code, 0, "{}", run.all());
    // The next step is the merge gate, as the README says.
    assert!(
        run.stdout.ends_with("next: seam check repo\n"),
        "{}",
        run.all()
    );
    let dir = scaffold();
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 0, "{}", run.all());
    insta::assert_snapshot!(run.all());
    let run = seam(dir.path(), &["lint", "."]);
    assert_eq!(run.code, 0, "{}", run.all());
    insta::assert_snapshot!(run.all());
}

#[test]
fn init_keeps_the_proof_cache_out_of_git() {
    // init, commit everything, check (the cache is written), commit everything again: the
    // cache must not have been committed, or the next check refuses it.
    let dir = TempDir::new().unwrap();
    assert_eq!(seam(dir.path(), &["init", "repo"]).code, 0);
    let repo = dir.path().join("repo");
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args(args)
            .current_dir(&repo)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "init"]);
    let first = seam(&repo, &["check", "."]);
    assert_eq!(first.code, 0, "{}", first.all());
    assert!(
        repo.join(".seam/cache").is_dir(),
        "the cold run kept no cache"
    );
    git(&["add", "-A"]);
    let second = seam(&repo, &["check", "."]);
    assert_eq!(second.code, 0, "{}", second.all());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn init_refuses_to_overwrite() {
    let dir = scaffold();
    let run = seam(dir.path(), &["init", "."]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.all());
}

#[test]
fn usage_errors_exit_2() {
    let dir = TempDir::new().unwrap();
    assert_eq!(seam(dir.path(), &["verify", "--format", "yaml"]).code, 2);
    assert_eq!(seam(dir.path(), &["frobnicate"]).code, 2);
    let run = seam(dir.path(), &["verify", "."]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.all());
    assert_eq!(seam(dir.path(), &["--help"]).code, 0);
}

#[test]
fn shipped_erp_example_passes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let run = seam(&root, &["verify", "examples/erp"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.starts_with("ok: "), "{}", run.all());
    let run = seam(&root, &["lint", "examples/erp"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn seam_checks_its_own_report_contract() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let run = seam(&root, &["verify", "."]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn output_file_has_no_colour_and_same_bytes_twice() {
    let dir = scaffold();
    edit(&dir, BASIC, "\"149.90\"", "149.90");
    let a = seam(
        dir.path(),
        &["--color", "always", "verify", "--output", "a.txt"],
    );
    assert_eq!(a.code, 1);
    let b = seam(dir.path(), &["verify", "--output", "b.txt"]);
    assert_eq!(b.code, 1);
    let a = std::fs::read(file(&dir, "a.txt")).unwrap();
    let b = std::fs::read(file(&dir, "b.txt")).unwrap();
    assert_eq!(a, b);
    assert!(!a.contains(&0x1b), "escape codes in a file");
}

#[test]
fn colour_always_colours_stdout() {
    let dir = scaffold();
    edit(&dir, BASIC, "\"149.90\"", "149.90");
    let out = Command::cargo_bin("seam")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .args(["--color", "always", "verify"])
        .output()
        .unwrap();
    assert!(out.stdout.contains(&0x1b));
}

#[test]
fn quiet_works_for_every_command() {
    let dir = TempDir::new().unwrap();
    let run = seam(dir.path(), &["init", "repo", "-q"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.all());
    let repo = dir.path().join("repo");
    // Nothing blocks: the one-line summary only, never a bare `ok: `.
    for command in ["lint", "verify", "check"] {
        let run = seam(&repo, &[command, "-q"]);
        assert_eq!(run.code, 0, "{}", run.all());
        assert_eq!(run.stdout.lines().count(), 1, "{command}: {}", run.all());
        assert!(run.stdout.starts_with("ok: ") && run.stdout.len() > "ok: \n".len());
    }
    let run = seam(&repo, &["release", "-q", "--change", "compatible"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.all());
    assert!(
        run.stdout
            .starts_with("ok: release of a compatible change (as given with --change)"),
        "{}",
        run.all()
    );
    let schemas = "contracts/sales.order-created/schemas";
    let run = seam(
        &repo,
        &[
            "diff",
            &format!("{schemas}/1.0.0.json"),
            &format!("{schemas}/1.1.0.json"),
            "--mode",
            "full",
            "-q",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.all());
    assert!(run.stdout.starts_with("incompatible: "), "{}", run.all());
    assert!(run.stdout.contains(" rejects a value "), "{}", run.all());
    // These print only what they generate: -q leaves it as it is.
    for (quiet, loud) in [
        (vec!["inventory", "-q"], vec!["inventory"]),
        (vec!["graph", "-q"], vec!["graph"]),
        (
            vec!["codeowners", "-q", "--org", "acme"],
            vec!["codeowners", "--org", "acme"],
        ),
    ] {
        let q = seam(&repo, &quiet);
        assert_eq!(q.code, 0, "{}", q.all());
        assert_eq!(q.stdout, seam(&repo, &loud).stdout, "{quiet:?}");
    }
}
