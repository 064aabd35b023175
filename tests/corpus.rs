//! Real-world corpus runner (`cargo test --release --test corpus`): asks the engine both
//! directional questions (old ⊆ new, new ⊆ old) of every step of the public schema histories in
//! `../shared/corpora/schemastore-history.jsonl.gz` (read in place, never copied; skipped when
//! absent). The steps carry no labels; what a right engine must show on them is checked here:
//!
//! - every "incompatible" carries a counterexample that separates under a second, independent
//!   validator (`boon`) as well as under the engine's own;
//! - no "compatible" is refuted by the values generated from the narrower side (checked with both
//!   validators);
//! - every undecided question (unknown or invalid schema) is listed in
//!   `tests/corpus/unknowns.yaml` with its reason: an unlisted one is a regression (a decided
//!   question became unknown), a listed one that is now decided must leave the list.
//!
//! It prints the decided share and the time percentiles per question (prepare both schemas and
//! answer, as a fresh `seam check` would). Times are reported, never asserted.
//!
//! `SEAM_CORPUS_WRITE=1` prints the current ledger as YAML (for review);
//! `SEAM_CORPUS_ONLY=<id>` runs one step.

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a test runner reports on the console"
)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use seam::schema::{Draft, Engine, EngineOptions, PreparedSchema, Subset};
use serde::Deserialize;
use serde_json::Value;

/// One step of a schema history.
#[derive(Deserialize)]
struct Step {
    id: String,
    file: String,
    old: Value,
    new: Value,
}

/// A listed undecided question.
#[derive(Debug, Clone, Deserialize, PartialEq)]
struct Listed {
    id: String,
    file: String,
    direction: String,
    keyword: String,
    pointer: String,
    reason: String,
}

/// The second validator: `boon`, with format assertions on as in the engine, and no loader at
/// all (a reference that is not in the document fails to compile instead of being fetched).
struct Boon {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

struct NoLoader;

impl boon::UrlLoader for NoLoader {
    fn load(&self, url: &str) -> Result<Value, Box<dyn std::error::Error>> {
        Err(format!("no loading in tests: {url}").into())
    }
}

impl Boon {
    fn compile(doc: &Value) -> Result<Self, String> {
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V7);
        compiler.enable_format_assertions();
        compiler.use_loader(Box::new(NoLoader));
        let loc = "urn:seam:corpus";
        // A schema's own `$id` is its base URI; boon files the document under `loc`.
        compiler
            .add_resource(loc, doc.clone())
            .map_err(|e| e.to_string())?;
        let mut schemas = boon::Schemas::new();
        let index = compiler
            .compile(loc, &mut schemas)
            .map_err(|e| e.to_string())?;
        Ok(Self { schemas, index })
    }

    fn is_valid(&self, v: &Value) -> bool {
        self.schemas.validate(v, self.index).is_ok()
    }
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = (sorted.len() * p).div_ceil(100).saturating_sub(1);
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn yaml(l: &Listed) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    format!(
        "- id: {}\n  file: {}\n  direction: {}\n  keyword: {}\n  pointer: {}\n  reason: {}\n",
        q(&l.id),
        q(&l.file),
        q(&l.direction),
        q(&l.keyword),
        q(&l.pointer),
        q(&l.reason)
    )
}

#[derive(Default)]
struct Tally {
    compatible: usize,
    incompatible: usize,
    unknown: usize,
    invalid: usize,
    witnesses_checked: usize,
    witnesses_boon_uncompiled: usize,
    /// Incompatible under a disputed reading, without a counterexample.
    disputed: usize,
    attacks: usize,
    attack_values: usize,
}

fn read_steps(path: &Path) -> Result<Vec<Step>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", n + 1))?);
    }
    Ok(out)
}

fn main() -> ExitCode {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = manifest.join("../shared/corpora/schemastore-history.jsonl.gz");
    if !corpus.is_file() {
        println!("corpus: skipped, {} is absent", corpus.display());
        return ExitCode::SUCCESS;
    }
    let steps = match read_steps(&corpus) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("corpus: cannot read {}: {e}", corpus.display());
            return ExitCode::FAILURE;
        }
    };
    let ledger_path = manifest.join("tests/corpus/unknowns.yaml");
    let listed: Vec<Listed> = match std::fs::read_to_string(&ledger_path) {
        Ok(text) => match serde_saphyr::from_str::<Option<Vec<Listed>>>(&text) {
            Ok(l) => l.unwrap_or_default(),
            Err(e) => {
                eprintln!("corpus: {}: {e}", ledger_path.display());
                return ExitCode::FAILURE;
            }
        },
        Err(_) => Vec::new(),
    };
    let only = std::env::var("SEAM_CORPUS_ONLY").ok();
    let engine = Engine::new(EngineOptions {
        default_draft: Draft::Draft7,
        ..EngineOptions::default()
    });
    let mut tally = Tally::default();
    let mut times: Vec<(Duration, String)> = Vec::new();
    let mut found: Vec<Listed> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for step in &steps {
        if only.as_ref().is_some_and(|o| o != &step.id) {
            continue;
        }
        let boon_old = Boon::compile(&step.old);
        let boon_new = Boon::compile(&step.new);
        for direction in ["backward", "forward"] {
            let (a_doc, b_doc, a_label, b_label, boon_a, boon_b) = if direction == "backward" {
                (&step.old, &step.new, "old", "new", &boon_old, &boon_new)
            } else {
                (&step.new, &step.old, "new", "old", &boon_new, &boon_old)
            };
            let start = Instant::now();
            let prepared = engine
                .prepare(a_doc)
                .and_then(|a| engine.prepare(b_doc).map(|b| (a, b)));
            let answer = prepared
                .as_ref()
                .map(|(a, b)| engine.subset_labeled(a, b, a_label, b_label));
            let elapsed = start.elapsed();
            times.push((elapsed, format!("{} {direction}", step.id)));
            let here = |keyword: &str, pointer: &str, reason: &str| Listed {
                id: step.id.clone(),
                file: step.file.clone(),
                direction: direction.to_owned(),
                keyword: keyword.to_owned(),
                pointer: pointer.to_owned(),
                reason: reason.to_owned(),
            };
            match (&prepared, answer) {
                (Err(e), _) | (_, Err(e)) => {
                    tally.invalid += 1;
                    found.push(here("invalid", &e.pointer, &e.message));
                }
                (Ok((a, b)), Ok(Subset::Yes)) => {
                    tally.compatible += 1;
                    attack(
                        &engine,
                        (a, b),
                        (boon_a, boon_b),
                        &mut tally,
                        &mut failures,
                        &format!("{} {} {direction}", step.id, step.file),
                    );
                }
                (Ok((a, b)), Ok(Subset::No(c))) if c.reading.is_some() => {
                    // Refuted under the validator's reading of a keyword other validators
                    // read otherwise (draft-04 `integer` and `1.0`): no counterexample is
                    // given, so none to re-check with boon; the value must separate the two
                    // under seam's own validator, and only through that reading.
                    tally.incompatible += 1;
                    tally.disputed += 1;
                    if c.shown().is_some() || !a.is_valid(&c.value) || b.is_valid(&c.value) {
                        failures.push(format!(
                            "{} {} {direction}: a disputed refutation that does not hold under seam's validator",
                            step.id, step.file
                        ));
                    }
                    notes.push(format!(
                        "{} {direction}: incompatible under draft 4's reading of `integer` (no counterexample shown)",
                        step.id
                    ));
                }
                (Ok(_), Ok(Subset::No(c))) => {
                    tally.incompatible += 1;
                    match (boon_a, boon_b) {
                        (Ok(ba), Ok(bb)) => {
                            tally.witnesses_checked += 1;
                            if !ba.is_valid(&c.value) || bb.is_valid(&c.value) {
                                failures.push(format!(
                                    "{} {} {direction}: counterexample {} does not separate under boon (accepted by {a_label}: {}, by {b_label}: {})",
                                    step.id,
                                    step.file,
                                    truncate(&serde_json::to_string(&c.value).unwrap_or_default()),
                                    ba.is_valid(&c.value),
                                    bb.is_valid(&c.value),
                                ));
                            }
                        }
                        (Err(e), _) | (_, Err(e)) => {
                            tally.witnesses_boon_uncompiled += 1;
                            notes.push(format!(
                                "{} {direction}: boon cannot compile a side: {}",
                                step.id,
                                truncate(e)
                            ));
                        }
                    }
                }
                (Ok(_), Ok(Subset::Unknown(r))) => {
                    tally.unknown += 1;
                    found.push(here(&r.keyword, &r.pointer, &r.reason));
                }
            }
        }
    }
    for f in &found {
        if !listed
            .iter()
            .any(|l| l.id == f.id && l.direction == f.direction)
        {
            failures.push(format!(
                "unlisted undecided question (a regression?): {} {} {}: `{}` at `{}`: {}",
                f.id, f.file, f.direction, f.keyword, f.pointer, f.reason
            ));
        }
    }
    for l in &listed {
        if only.as_ref().is_some_and(|o| o != &l.id) {
            continue;
        }
        if !found
            .iter()
            .any(|f| l.id == f.id && l.direction == f.direction)
        {
            failures.push(format!(
                "listed question now decided, remove it from tests/corpus/unknowns.yaml: {} {} {}",
                l.id, l.file, l.direction
            ));
        }
    }
    let total = tally.compatible + tally.incompatible + tally.unknown + tally.invalid;
    let decided = tally.compatible + tally.incompatible;
    times.sort();
    let sorted: Vec<Duration> = times.iter().map(|(d, _)| *d).collect();
    println!(
        "corpus: {} steps, {total} questions: {} compatible, {} incompatible, {} unknown, {} invalid schema",
        total / 2,
        tally.compatible,
        tally.incompatible,
        tally.unknown,
        tally.invalid
    );
    #[expect(
        clippy::cast_precision_loss,
        reason = "question counts are far below 2^52"
    )]
    let share = if total == 0 {
        0.0
    } else {
        100.0 * decided as f64 / total as f64
    };
    println!("corpus: decided {decided} of {total} ({share:.1}%)");
    println!(
        "corpus: time per question: median {}, p90 {}, p99 {}, max {} ({})",
        ms(percentile(&sorted, 50)),
        ms(percentile(&sorted, 90)),
        ms(percentile(&sorted, 99)),
        ms(sorted.last().copied().unwrap_or_default()),
        times.last().map_or("-", |(_, n)| n.as_str())
    );
    println!(
        "corpus: {} counterexamples checked with boon ({} not checkable: boon rejects a schema; {} incompatible under draft 4's reading of `integer`, without one); {} compatible verdicts attacked with {} values",
        tally.witnesses_checked,
        tally.witnesses_boon_uncompiled,
        tally.disputed,
        tally.attacks,
        tally.attack_values
    );
    for n in &notes {
        println!("note: {n}");
    }
    for f in &found {
        println!(
            "undecided: {} {} {}: `{}` at `{}`: {}",
            f.id,
            f.file,
            f.direction,
            f.keyword,
            f.pointer,
            truncate(&f.reason)
        );
    }
    if std::env::var_os("SEAM_CORPUS_WRITE").is_some() {
        for f in &found {
            print!("{}", yaml(f));
        }
    }
    if failures.is_empty() {
        println!("corpus: ok");
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            eprintln!("corpus: {f}");
        }
        ExitCode::FAILURE
    }
}

/// Tries to refute a "compatible" verdict: values generated from the narrower side, steered by
/// the wider one, that the narrower side accepts must be accepted by the wider one, under both
/// validators.
fn attack(
    engine: &Engine,
    (a, b): (&PreparedSchema, &PreparedSchema),
    (boon_a, boon_b): (&Result<Boon, String>, &Result<Boon, String>),
    tally: &mut Tally,
    failures: &mut Vec<String>,
    question: &str,
) {
    tally.attacks += 1;
    for v in engine.sample_values(a, b).into_iter().take(500) {
        if !a.is_valid(&v) {
            continue;
        }
        tally.attack_values += 1;
        if !b.is_valid(&v) {
            failures.push(format!(
                "{question}: \"compatible\" refuted by {}",
                truncate(&serde_json::to_string(&v).unwrap_or_default())
            ));
            return;
        }
        if let (Ok(ba), Ok(bb)) = (boon_a, boon_b)
            && ba.is_valid(&v)
            && !bb.is_valid(&v)
        {
            failures.push(format!(
                "{question}: \"compatible\" refuted under boon by {}",
                truncate(&serde_json::to_string(&v).unwrap_or_default())
            ));
            return;
        }
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() <= 300 {
        return s.to_owned();
    }
    let mut t: String = s.chars().take(300).collect();
    t.push('…');
    t
}
