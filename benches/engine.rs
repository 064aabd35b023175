//! Engine benchmarks: the median time per directional question over the conformance corpora
//! (`../shared/conformance`, skipped when absent) and a large pair (2,000 properties nested six
//! deep, one nested `maxLength` decrease).
//!
//! Each question is timed as a fresh run would see it: prepare both schemas (upgrade, validator,
//! canonical form) and answer the inclusion.

#![expect(clippy::print_stdout, reason = "a benchmark reports on the console")]
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use seam::schema::{Draft, Engine, EngineOptions, Mode};
use serde_json::{Map, Value, json};

#[path = "../tests/support/corpus.rs"]
mod corpus;
use corpus::strip_trailing_commas;

struct Question {
    a: Value,
    b: Value,
    draft: Draft,
}

fn corpus() -> Vec<Question> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(root.join("confluent")) {
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let draft = if f.to_string_lossy().contains("2020-12") {
                Draft::Draft202012
            } else {
                Draft::Draft7
            };
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let cases: Vec<Value> =
                serde_json::from_str(&strip_trailing_commas(&text)).unwrap_or_default();
            for c in cases {
                out.push(Question {
                    a: c["original_schema"].clone(),
                    b: c["update_schema"].clone(),
                    draft,
                });
            }
        }
    }
    if let Ok(text) = std::fs::read_to_string(root.join("apicurio/compatibility-test-data.json")) {
        let doc: Value = serde_json::from_str(&text).unwrap_or_default();
        for c in doc["tests"].as_array().cloned().unwrap_or_default() {
            out.push(Question {
                a: c["original"].clone(),
                b: c["updated"].clone(),
                draft: Draft::Draft7,
            });
            out.push(Question {
                a: c["updated"].clone(),
                b: c["original"].clone(),
                draft: Draft::Draft7,
            });
        }
    }
    out
}

fn ask(q: &Question) -> bool {
    let engine = Engine::new(EngineOptions {
        default_draft: q.draft,
        ..EngineOptions::default()
    });
    match (engine.prepare(&q.a), engine.prepare(&q.b)) {
        (Ok(a), Ok(b)) => matches!(engine.is_subset(&a, &b), seam::schema::Subset::Yes),
        _ => false,
    }
}

/// 2,000 properties over six nested levels; the deepest `code` has `maxLength: max_len`.
pub fn large_schema(max_len: u64) -> Value {
    let per_level = 2000 / 6;
    let mut node = json!({"type": "string", "maxLength": max_len});
    for level in (0..6).rev() {
        let mut props = Map::new();
        for i in 0..per_level {
            let leaf = match i % 4 {
                0 => json!({"type": "string", "maxLength": 40}),
                1 => json!({"type": "integer", "minimum": 0}),
                2 => json!({"type": "number"}),
                _ => json!({"type": "string", "enum": ["A", "B", "C"]}),
            };
            props.insert(format!("f{level}_{i:04}"), leaf);
        }
        let key = if level == 5 { "code" } else { "nested" };
        props.insert(key.to_owned(), node);
        node = json!({"type": "object", "properties": props, "required": [key], "additionalProperties": false});
    }
    node
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn report_medians() {
    let questions = corpus();
    if questions.is_empty() {
        println!("engine: conformance corpora absent, per-question median skipped");
    } else {
        let mut per_question = Vec::with_capacity(questions.len());
        for q in &questions {
            // Best of 5 runs of each question, then the median over questions.
            let best = (0..5)
                .map(|_| {
                    let start = Instant::now();
                    black_box(ask(q));
                    start.elapsed()
                })
                .min()
                .unwrap_or_default();
            per_question.push(best);
        }
        let total: Duration = per_question.iter().sum();
        let mut sorted = per_question.clone();
        sorted.sort();
        let p90 = sorted
            .get(sorted.len() * 9 / 10)
            .copied()
            .unwrap_or_default();
        let max = sorted.last().copied().unwrap_or_default();
        println!(
            "engine: {} directional questions, median {:?}, p90 {:?}, max {:?}, mean {:?}",
            questions.len(),
            median(per_question),
            p90,
            max,
            total / u32::try_from(questions.len()).unwrap_or(1)
        );
    }
    let (old, new) = (large_schema(50), large_schema(49));
    let runs: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let engine = Engine::new(EngineOptions::default());
            let (a, b) = (engine.prepare(&old).unwrap(), engine.prepare(&new).unwrap());
            let c = engine.compare(&a, &b, Mode::Backward);
            black_box(&c);
            start.elapsed()
        })
        .collect();
    let engine = Engine::new(EngineOptions::default());
    let (a, b) = (engine.prepare(&old).unwrap(), engine.prepare(&new).unwrap());
    let c = engine.compare(&a, &b, Mode::Backward);
    println!(
        "engine: large pair (2,000 properties, 6 deep) verdict {}, median {:?}",
        c.verdict,
        median(runs)
    );
}

fn benches(c: &mut Criterion) {
    report_medians();
    let questions = corpus();
    if !questions.is_empty() {
        c.bench_function("corpus: every directional question", |b| {
            b.iter(|| {
                for q in &questions {
                    black_box(ask(q));
                }
            });
        });
    }
    let (old, new) = (large_schema(50), large_schema(49));
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("2000 properties, 6 deep, nested maxLength decrease", |b| {
        b.iter(|| {
            let engine = Engine::new(EngineOptions::default());
            let (a, n) = (engine.prepare(&old).unwrap(), engine.prepare(&new).unwrap());
            black_box(engine.compare(&a, &n, Mode::Backward))
        });
    });
    group.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
