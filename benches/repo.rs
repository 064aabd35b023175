//! Whole-repository figures: generates a large contract repository (many contracts, versions,
//! examples and consumers), then times each stage of `seam check` on it. Prints figures; it
//! asserts nothing about time.
//!
//! `cargo bench --bench repo` (defaults: 200 contracts × 5 versions, 60 consumers × 5 uses);
//! `SEAM_BENCH_CONTRACTS=1000 cargo bench --bench repo` for a bigger one.

#![expect(clippy::print_stdout, reason = "a bench binary prints its figures")]

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use seam::contract::prepared::Schemas;
use seam::gate::{CheckStats, NoProgress};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn schema(version: usize, fields: usize) -> String {
    let mut props = String::from(
        r#""event_id": {"type": "string", "minLength": 1}, "amount": {"type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"}"#,
    );
    for f in 0..fields + version {
        let _ = write!(
            props,
            r#", "field_{f}": {{"type": "string", "maxLength": {}}}"#,
            40 + f
        );
    }
    format!(
        r#"{{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["event_id", "amount"], "properties": {{{props}}}}}"#
    )
}

fn generate(root: &Path, contracts: usize, versions: usize, consumers: usize, fields: usize) {
    write(
        root,
        "seam.yaml",
        "version: 1\ndefaults:\n  compatibility: forward\n",
    );
    write(
        root,
        "systems/producer.yaml",
        "id: producer\nowner: team-p\nvendor_api_version: \"1\"\n",
    );
    for c in 0..contracts {
        let mut yaml = format!(
            "id: c{c:04}\npattern: event\nproducer: producer\nowner: team-p\ndelivery:\n  idempotency_key: /event_id\n  dead_letter: dlq\n  retry: {{ max_attempts: 3 }}\nmonitoring:\n  alert_within: 15m\n  max_lag: 5m\nversions:\n"
        );
        for v in 0..versions {
            let _ = writeln!(yaml, "  1.{v}.0: {{}}");
            write(
                root,
                &format!("contracts/c{c:04}/schemas/1.{v}.0.json"),
                &schema(v, fields),
            );
        }
        yaml.push_str("examples:\n");
        for v in 0..versions {
            let _ = writeln!(
                yaml,
                "  - {{ file: examples/e{v}.json, versions: \"=1.{v}.0\" }}"
            );
            write(
                root,
                &format!("contracts/c{c:04}/examples/e{v}.json"),
                &format!(r#"{{"event_id": "c{c}-v{v}", "amount": "1.00"}}"#),
            );
        }
        write(root, &format!("contracts/c{c:04}/contract.yaml"), &yaml);
    }
    for k in 0..consumers {
        write(
            root,
            &format!("systems/consumer{k}.yaml"),
            &format!("id: consumer{k}\nowner: team-{k}\nvendor_api_version: \"1\"\n"),
        );
        let mut yaml = format!("system: consumer{k}\nowner: team-{k}\nuses:\n");
        for u in 0..5 {
            let c = (k * 7 + u * 13) % contracts;
            let _ = writeln!(
                yaml,
                "  - {{ contract: c{c:04}, versions: \"^1\", expects: consumer{k}/c{c:04}.json }}"
            );
            write(
                root,
                &format!("consumers/consumer{k}/c{c:04}.json"),
                r#"{"type": "object", "required": ["event_id"], "properties": {"event_id": {"type": "string"}, "amount": {"type": "string"}}}"#,
            );
        }
        write(root, &format!("consumers/consumer{k}.yaml"), &yaml);
    }
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo test --benches` runs bench targets once in test mode; keep that quick.
    let quick = std::env::args().any(|a| a == "--test" || a == "--list");
    let contracts = if quick {
        5
    } else {
        env("SEAM_BENCH_CONTRACTS", 200)
    };
    let versions = env("SEAM_BENCH_VERSIONS", 5);
    let consumers = if quick {
        2
    } else {
        env("SEAM_BENCH_CONSUMERS", 60)
    };
    let fields = env("SEAM_BENCH_FIELDS", 20);
    let dir = tempfile::TempDir::new().expect("tempdir");
    let t = Instant::now();
    generate(dir.path(), contracts, versions, consumers, fields);
    println!(
        "generated {contracts} contracts × {versions} versions ({fields}+ properties each), {consumers} consumers × 5 uses in {:?}",
        t.elapsed()
    );

    let t = Instant::now();
    let repo = seam::policy::load(dir.path()).expect("the generated repository loads");
    println!("load                {:>10.1?}", t.elapsed());
    let t = Instant::now();
    let verified = seam::verify::verify(&repo).expect("verify runs");
    println!(
        "verify              {:>10.1?}  ({} validations, {} findings)",
        t.elapsed(),
        verified.stats.validations,
        verified.findings.len()
    );
    let mut schemas = Schemas::new(&repo);
    let mut stats = CheckStats::default();
    let t = Instant::now();
    let lint = seam::governance::lint(&repo, &repo.config.lint, &mut schemas, "2026-11-27");
    println!(
        "governance          {:>10.1?}  ({} findings)",
        t.elapsed(),
        lint.len()
    );
    let t = Instant::now();
    let versions_found = seam::gate::check_versions(&repo, &mut schemas, &mut stats, &NoProgress);
    println!(
        "version pairs       {:>10.1?}  ({} pairs, {} findings)",
        t.elapsed(),
        stats.version_pairs,
        versions_found.len()
    );
    let t = Instant::now();
    let consumers_found = seam::gate::check_consumers(&repo, &mut schemas, &mut stats, &NoProgress);
    println!(
        "consumer pairs      {:>10.1?}  ({} pairs, {} findings)",
        t.elapsed(),
        stats.consumer_pairs,
        consumers_found.len()
    );
}
