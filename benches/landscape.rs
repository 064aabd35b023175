//! Landscape figures: generates ERP landscapes with `../shared/tools/gen-landscape.py` (or
//! `SEAM_LANDSCAPE_GENERATOR`) at several sizes and times each stage of seam on them — load,
//! lint, verify, check (no cache; then with a cold and a warm proof cache), and check `--against
//! HEAD` with one contract changed (`against`: what the change can affect; `against-config`: the
//! same with `seam.yaml` edited too, so every contract is checked now and the changed part read
//! from the base; `against-all`: every contract, the whole base loaded) — each stage in a fresh
//! child process, so every row has its own wall time, CPU time (user + sys) and peak RSS
//! (Linux: `/proc/self/stat` and `VmHWM`). Prints a table; it asserts nothing about time.
//!
//! `cargo bench --bench landscape` (sizes 100 and 1000);
//! `SEAM_LANDSCAPE_SIZES=100,1000,10000 cargo bench --bench landscape` for the full table.
//! `SEAM_LANDSCAPE_DIR=/tmp/landscapes` keeps generated landscapes between runs (one folder per
//! size); the default is a temporary folder. Wall times are noisy on a shared machine: read the
//! CPU column too.

#![expect(clippy::print_stdout, reason = "a bench binary prints its figures")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use seam::gate::{GateOptions, NoProgress};

/// The allocator of the `seam` binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const STAGES: [&str; 9] = [
    "load",
    "lint",
    "verify",
    "check",
    "check-cold",
    "check-warm",
    "against",
    "against-config",
    "against-all",
];

/// CPU seconds (user + sys) of this process so far, from `/proc/self/stat` (Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after `) `.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Clock ticks are 100 per second on every Linux this runs on (USER_HZ).
    Some((utime + stime) / 100.0)
}

/// Peak resident set of this process in MiB (`VmHWM`, Linux).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Runs one stage in this (child) process and prints `wall cpu rss detail` on one line.
fn child(stage: &str, dir: &Path) {
    let t = Instant::now();
    let cpu0 = cpu_seconds().unwrap_or(0.0);
    let detail = match stage {
        "load" => {
            let repo = seam::policy::load(dir).expect("the landscape loads");
            let n = repo.contracts.len();
            std::mem::forget(repo);
            format!("{n} contracts")
        }
        "lint" => {
            let repo = seam::policy::load(dir).expect("the landscape loads");
            seam::verify::check_schemas_compile(&repo).expect("schemas compile");
            let mut schemas = seam::contract::prepared::Schemas::new(&repo);
            let findings =
                seam::governance::lint(&repo, &repo.config.lint, &mut schemas, "2026-11-27");
            let n = findings.len();
            drop(schemas);
            std::mem::forget(repo);
            format!("{n} findings")
        }
        "verify" => {
            let repo = seam::policy::load(dir).expect("the landscape loads");
            let out = seam::verify::verify(&repo).expect("verify runs");
            let detail = format!(
                "{} validations, {} findings",
                out.stats.validations,
                out.findings.len()
            );
            std::mem::forget(out);
            std::mem::forget(repo);
            detail
        }
        "check" | "check-cold" | "check-warm" | "against" | "against-config" | "against-all" => {
            // `check-cold` starts from an empty proof cache, `check-warm` reuses what it kept.
            let cache = Path::new(".seam/bench-cache");
            if stage == "check-cold" {
                let _ = std::fs::remove_dir_all(dir.join(cache));
            }
            let options = GateOptions {
                against: stage.starts_with("against").then(|| "HEAD".to_owned()),
                today: Some(jiff::civil::date(2026, 11, 27)),
                shard: None,
                cache_dir: stage.starts_with("check-").then(|| cache.to_owned()),
                // `against` checks what the change can affect, `against-all` every contract
                // (the whole base loaded).
                every_contract: stage == "against-all",
            };
            // `against-config` also edits `seam.yaml` (every contract is checked), then puts it
            // back.
            let config = dir.join("seam.yaml");
            let original = std::fs::read(&config).expect("seam.yaml reads");
            if stage == "against-config" {
                let mut edited = original.clone();
                edited.extend_from_slice(b"\n# bench: a change to seam.yaml\n");
                std::fs::write(&config, edited).expect("seam.yaml writes");
            }
            let run = seam::gate::run(dir, &options, &NoProgress);
            if stage == "against-config" {
                std::fs::write(&config, &original).expect("seam.yaml is put back");
            }
            let run = run.expect("the gate runs");
            let mut report =
                seam::report::Report::new("check", run.findings.clone(), run.summary());
            report.checked = run
                .scope
                .clone()
                .unwrap_or_else(|| run.repo.contracts.keys().cloned().collect())
                .into_iter()
                .collect();
            let mut out = Vec::new();
            seam::report::json::emit(&mut out, &report).expect("JSON renders");
            let detail = format!(
                "{} findings, {} KiB JSON; {}",
                run.findings.len(),
                out.len() / 1024,
                run.summary()
            );
            std::mem::forget(report);
            std::mem::forget(run);
            detail
        }
        other => panic!("unknown stage {other}"),
    };
    let wall = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds().unwrap_or(0.0) - cpu0;
    let rss = peak_rss_mib().unwrap_or(0.0);
    println!("RESULT {wall:.3} {cpu:.3} {rss:.1} {detail}");
}

fn run(cmd: &mut Command) {
    let status = cmd.status().expect("the command starts");
    assert!(status.success(), "{cmd:?} failed: {status}");
}

fn git(dir: &Path, args: &[&str]) {
    run(Command::new("git")
        .args([
            "-c",
            "user.name=bench",
            "-c",
            "user.email=bench@example.invalid",
        ])
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null()));
}

/// Generates the landscape of `n` contracts into `root/n` (kept when it is already there), made
/// a git repository with one commit, and one contract's newest schema changed in the work tree.
fn prepare(root: &Path, n: usize) -> PathBuf {
    let dir = root.join(n.to_string());
    if !dir.join("seam.yaml").exists() {
        let generator = std::env::var("SEAM_LANDSCAPE_GENERATOR").unwrap_or_else(|_| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/tools/gen-landscape.py"
            )
            .to_owned()
        });
        run(Command::new("python3")
            .arg(&generator)
            .arg(&dir)
            .arg(n.to_string())
            .stdout(std::process::Stdio::null()));
        git(&dir, &["init", "-q"]);
        git(&dir, &["add", "-A"]);
        git(&dir, &["commit", "-q", "-m", "landscape"]);
    }
    // One contract changed: a new optional property in the newest schema of the first contract.
    git(&dir, &["checkout", "-q", "--", "."]);
    let first = std::fs::read_dir(dir.join("contracts"))
        .expect("contracts/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("contract.yaml").exists())
        .min()
        .expect("a contract");
    let newest = std::fs::read_dir(first.join("schemas"))
        .expect("schemas/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .max_by_key(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            semver::Version::parse(stem).ok()
        })
        .expect("a schema");
    let text = std::fs::read_to_string(&newest).expect("schema");
    let mut schema: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    schema["properties"]["bench_note"] = serde_json::json!({"type": "string", "maxLength": 80});
    std::fs::write(
        &newest,
        serde_json::to_string_pretty(&schema).expect("JSON"),
    )
    .expect("write");
    dir
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--stage") {
        // The threads the `seam` binary runs on: its work thread and rayon's workers have
        // stacks large enough for the parsers to run in place (see `seam::source`).
        let _ = rayon::ThreadPoolBuilder::new()
            .stack_size(seam::source::WORKER_STACK_BYTES)
            .build_global();
        let (stage, dir) = (args[i + 1].clone(), std::path::PathBuf::from(&args[i + 2]));
        std::thread::Builder::new()
            .stack_size(seam::source::WORKER_STACK_BYTES)
            .spawn(move || child(&stage, &dir))
            .expect("the work thread starts")
            .join()
            .expect("the stage runs");
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it:
    // then only a smoke run on a small landscape, so every stage still runs once in CI.
    let default_sizes = if args.iter().any(|a| a == "--bench") {
        "100,1000"
    } else {
        "12"
    };
    let sizes: Vec<usize> = std::env::var("SEAM_LANDSCAPE_SIZES")
        .unwrap_or_else(|_| default_sizes.to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let stages: Vec<String> = std::env::var("SEAM_LANDSCAPE_STAGES").map_or_else(
        |_| STAGES.iter().map(|s| (*s).to_owned()).collect(),
        |s| s.split(',').map(|s| s.trim().to_owned()).collect(),
    );
    let tmp = tempfile::TempDir::new().expect("tempdir");
    let root =
        std::env::var_os("SEAM_LANDSCAPE_DIR").map_or_else(|| tmp.path().to_owned(), PathBuf::from);
    let threads = std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "default".to_owned());
    println!("threads: {threads}");
    println!("| contracts | stage | wall s | cpu s (user+sys) | peak RSS MiB | detail |");
    println!("|---|---|---|---|---|---|");
    let me = std::env::current_exe().expect("this binary");
    for &n in &sizes {
        let t = Instant::now();
        let dir = prepare(&root, n);
        println!("(landscape {n} ready in {:.1?})", t.elapsed());
        for stage in &stages {
            let out = Command::new(&me)
                .arg("--stage")
                .arg(stage)
                .arg(&dir)
                .output()
                .expect("the stage runs");
            let stdout = String::from_utf8_lossy(&out.stdout);
            let Some(line) = stdout.lines().find_map(|l| l.strip_prefix("RESULT ")) else {
                println!(
                    "| {n} | {stage} | failed | | | {} |",
                    String::from_utf8_lossy(&out.stderr)
                        .lines()
                        .last()
                        .unwrap_or("")
                );
                continue;
            };
            let mut parts = line.splitn(4, ' ');
            let wall = parts.next().unwrap_or("");
            let cpu = parts.next().unwrap_or("");
            let rss = parts.next().unwrap_or("");
            let detail = parts.next().unwrap_or("");
            println!("| {n} | {stage} | {wall} | {cpu} | {rss} | {detail} |");
        }
    }
}
