//! `seam verify` throughput: loads and verifies a repository of example payloads and prints
//! the payload bytes, the time of each stage and MB/s. Asserts nothing about time.
//!
//! `cargo bench --bench verify` generates a repository (2,000 JSON payloads of ~2 KB under a
//! producer glob and one JSON-lines file of 20,000 payloads); `SEAM_VERIFY_DATA=DIR cargo bench
//! --bench verify` measures a repository made by `benches/gen-verify-data.py` instead
//! (`python3 benches/gen-verify-data.py /tmp/v --shape many`, `--shape large`, `--shape ndjson`).

#![expect(clippy::print_stdout, reason = "a bench binary prints its figures")]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// One order of about `lines` × 170 bytes.
fn payload(n: usize, lines: usize) -> String {
    let mut items = String::new();
    for l in 0..lines {
        if l > 0 {
            items.push(',');
        }
        let _ = write!(
            items,
            r#"{{"line_no":{},"item_id":"SKU-{:06}","description":"pallet carton express","quantity":{},"price":{{"amount":"{}.50","currency":"EUR"}}}}"#,
            l + 1,
            (n * 31 + l) % 1_000_000,
            l % 50 + 1,
            n % 9000 + 1
        );
    }
    format!(
        r#"{{"event_id":"5f0c6c1e-8c1a-4d8e-9a51-{n:012x}","order_id":"SO-{n:08}","customer_id":"CUST-{:06}","created_at":"2026-11-02T09:15:00Z","status":"open","total":{{"amount":"149.90","currency":"EUR"}},"lines":[{items}]}}"#,
        n % 1_000_000
    )
}

const SCHEMA: &str = r##"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
 "required": ["event_id", "order_id", "customer_id", "created_at", "status", "total", "lines"],
 "properties": {
  "event_id": {"type": "string", "format": "uuid"},
  "order_id": {"type": "string", "pattern": "^SO-[0-9]{8}$"},
  "customer_id": {"type": "string", "pattern": "^CUST-[0-9]{6}$"},
  "created_at": {"type": "string", "format": "date-time"},
  "status": {"enum": ["open", "released", "blocked", "shipped"]},
  "total": {"$ref": "#/$defs/money"},
  "lines": {"type": "array", "minItems": 1, "items": {"type": "object",
   "required": ["line_no", "item_id", "quantity", "price"],
   "properties": {"line_no": {"type": "integer", "minimum": 1}, "item_id": {"type": "string", "pattern": "^SKU-[0-9]{6}$"},
    "description": {"type": "string", "maxLength": 200}, "quantity": {"type": "number", "exclusiveMinimum": 0},
    "price": {"$ref": "#/$defs/money"}}, "additionalProperties": false}}},
 "$defs": {"money": {"type": "object", "required": ["amount", "currency"],
  "properties": {"amount": {"type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"}, "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}},
  "additionalProperties": false}}}"##;

fn generate(root: &Path, files: usize, lines: usize) {
    write(root, "seam.yaml", "version: 1\n");
    write(root, "systems/erp.yaml", "id: erp\nowner: erp-team\n");
    for (id, examples) in [("orders", "examples/*.json"), ("traffic", "traffic.ndjson")] {
        write(
            root,
            &format!("contracts/{id}/contract.yaml"),
            &format!(
                "id: {id}\npattern: event\nproducer: erp\nowner: erp-team\ndelivery:\n  idempotency_key: /event_id\nversions:\n  1.0.0: {{}}\nexamples:\n  - file: \"{examples}\"\n"
            ),
        );
        write(root, &format!("contracts/{id}/schemas/1.0.0.json"), SCHEMA);
    }
    for n in 0..files {
        write(
            root,
            &format!("contracts/orders/examples/p{n:06}.json"),
            &payload(n, 12),
        );
    }
    let mut text = String::new();
    for n in 0..lines {
        text.push_str(&payload(files + n, 12));
        text.push('\n');
    }
    write(root, "contracts/traffic/traffic.ndjson", &text);
}

/// Bytes of every file under `dir` named like a payload.
fn payload_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.components().any(|c| c.as_os_str() == "examples")
                || path
                    .extension()
                    .is_some_and(|x| x == "ndjson" || x == "jsonl")
            {
                total += e.metadata().map_or(0, |m| m.len());
            }
        }
    }
    total
}

fn main() {
    // `cargo test --benches` runs bench targets once in test mode; keep that quick.
    let quick = std::env::args().any(|a| a == "--test" || a == "--list");
    let scratch = tempfile::TempDir::new().expect("tempdir");
    let root = if let Some(dir) = std::env::var_os("SEAM_VERIFY_DATA") {
        PathBuf::from(dir)
    } else {
        let (files, lines) = if quick { (20, 200) } else { (2_000, 20_000) };
        generate(scratch.path(), files, lines);
        println!("generated {files} JSON payloads and a JSON-lines file of {lines} payloads");
        scratch.path().to_path_buf()
    };
    let bytes = payload_bytes(&root);
    #[expect(clippy::cast_precision_loss, reason = "a figure to print")]
    let mb = bytes as f64 / 1e6;
    let t = Instant::now();
    let repo = seam::policy::load(&root).expect("the repository loads");
    let load = t.elapsed();
    let t = Instant::now();
    let verified = seam::verify::verify(&repo).expect("verify runs");
    let verify = t.elapsed();
    let total = load + verify;
    println!("payloads            {mb:>10.1} MB");
    println!("load                {load:>10.1?}");
    println!(
        "verify              {verify:>10.1?}  ({} payloads, {} validations, {} findings)",
        verified.stats.producer_examples + verified.stats.consumer_examples,
        verified.stats.validations,
        verified.findings.len()
    );
    println!(
        "load + verify       {total:>10.1?}  {:.0} MB/s on {} threads",
        mb / total.as_secs_f64(),
        rayon::current_num_threads()
    );
}
