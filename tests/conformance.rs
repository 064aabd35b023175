//! Conformance runner (`cargo test --test conformance`): asks the engine every directional
//! question of the Confluent and Apicurio JSON Schema compatibility corpora in
//! `../shared/conformance/` (read in place, never copied) and compares with their labels.
//!
//! The labels come from structural rule catalogues and are sometimes semantically wrong; every
//! disagreement must be listed in `tests/conformance/disagreements.yaml` with its reason and
//! evidence. The runner fails on an unlisted disagreement, on a listed case that no longer
//! disagrees, and when Unknown exceeds 2% of the directional questions.
//!
//! `SEAM_CONFORMANCE_WRITE=1` prints the current disagreements as YAML (for review).

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a test runner reports on the console"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use seam::schema::{Draft, Engine, EngineOptions, Subset};

#[path = "support/corpus.rs"]
mod corpus;
use corpus::strip_trailing_commas;
use serde::Deserialize;
use serde_json::Value;

/// One directional question.
struct Question {
    corpus: &'static str,
    file: String,
    index: usize,
    description: String,
    direction: &'static str,
    /// The label: true = compatible in this direction.
    label: bool,
    old: Value,
    new: Value,
    default_draft: Draft,
}

/// A listed disagreement.
#[derive(Debug, Clone, Deserialize, PartialEq)]
struct Listed {
    corpus: String,
    file: String,
    index: usize,
    description: String,
    direction: String,
    label: String,
    verdict: String,
    reason: String,
    evidence: String,
}

fn confluent(dir: &Path, out: &mut Vec<Question>) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let cases: Vec<Value> = serde_json::from_str(&strip_trailing_commas(&text))
            .map_err(|e| format!("{name}: {e}"))?;
        let default_draft = if name.contains("2020-12") {
            Draft::Draft202012
        } else {
            Draft::Draft7
        };
        for (index, case) in cases.iter().enumerate() {
            out.push(Question {
                corpus: "confluent",
                file: name.clone(),
                index,
                description: case["description"]
                    .as_str()
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
                direction: "backward",
                label: case["compatible"].as_bool().unwrap_or(false),
                old: case["original_schema"].clone(),
                new: case["update_schema"].clone(),
                default_draft,
            });
        }
    }
    Ok(())
}

fn apicurio(path: &Path, out: &mut Vec<Question>) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let cases = doc["tests"].as_array().cloned().unwrap_or_default();
    for (index, case) in cases.iter().enumerate() {
        if case["enabled"] == Value::Bool(false) {
            continue;
        }
        let label = case["compatibility"].as_str().unwrap_or_default();
        for direction in ["backward", "forward"] {
            let compatible = matches!((label, direction), ("both", _) | ("backward", "backward"));
            out.push(Question {
                corpus: "apicurio",
                file: "compatibility-test-data.json".to_owned(),
                index,
                description: case["id"].as_str().unwrap_or_default().to_owned(),
                direction,
                label: compatible,
                old: case["original"].clone(),
                new: case["updated"].clone(),
                default_draft: Draft::Draft7,
            });
        }
    }
    Ok(())
}

/// One list entry as YAML (JSON strings are YAML double-quoted scalars).
fn to_yaml(l: &Listed) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    format!(
        "- corpus: {}\n  file: {}\n  index: {}\n  description: {}\n  direction: {}\n  label: {}\n  verdict: {}\n  reason: {}\n  evidence: {}\n",
        q(&l.corpus),
        q(&l.file),
        l.index,
        q(&l.description),
        q(&l.direction),
        q(&l.label),
        q(&l.verdict),
        q(&l.reason),
        q(&l.evidence)
    )
}

fn label_name(compatible: bool) -> &'static str {
    if compatible {
        "compatible"
    } else {
        "incompatible"
    }
}

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    let confluent_dir = root.join("confluent");
    let apicurio_file = root.join("apicurio/compatibility-test-data.json");
    if !confluent_dir.is_dir() && !apicurio_file.is_file() {
        println!("conformance: skipped, {} is absent", root.display());
        return ExitCode::SUCCESS;
    }
    let mut questions = Vec::new();
    if confluent_dir.is_dir()
        && let Err(e) = confluent(&confluent_dir, &mut questions)
    {
        eprintln!("conformance: cannot read the Confluent corpus: {e}");
        return ExitCode::FAILURE;
    }
    if apicurio_file.is_file()
        && let Err(e) = apicurio(&apicurio_file, &mut questions)
    {
        eprintln!("conformance: cannot read the Apicurio corpus: {e}");
        return ExitCode::FAILURE;
    }
    let listed_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/disagreements.yaml");
    let listed: Vec<Listed> = match std::fs::read_to_string(&listed_path) {
        Ok(text) => match serde_saphyr::from_str(&text) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("conformance: {}: {e}", listed_path.display());
                return ExitCode::FAILURE;
            }
        },
        Err(_) => Vec::new(),
    };
    // (corpus, direction) -> [agree, disagree, unknown]
    let mut counts: BTreeMap<(String, String), [usize; 3]> = BTreeMap::new();
    let mut found: Vec<Listed> = Vec::new();
    let mut unknowns: Vec<String> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for q in &questions {
        let engine = Engine::new(EngineOptions {
            default_draft: q.default_draft,
            ..EngineOptions::default()
        });
        let key = (q.corpus.to_owned(), q.direction.to_owned());
        let entry = counts.entry(key).or_default();
        let (old, new) = match (engine.prepare(&q.old), engine.prepare(&q.new)) {
            (Ok(o), Ok(n)) => (o, n),
            (Err(e), _) | (_, Err(e)) => {
                entry[2] += 1;
                unknowns.push(format!(
                    "{} {} #{} {}: invalid schema: {e}",
                    q.corpus, q.file, q.index, q.direction
                ));
                continue;
            }
        };
        let answer = if q.direction == "backward" {
            engine.subset_labeled(&old, &new, "old", "new")
        } else {
            engine.subset_labeled(&new, &old, "new", "old")
        };
        let (verdict, evidence) = match &answer {
            Subset::Yes => (true, "proved: the engine found no value in the difference (canonical containment or structural inclusion)".to_owned()),
            Subset::No(c) => (
                false,
                c.reading_note().unwrap_or_else(|| {
                    format!(
                        "counterexample {} accepted by {}, rejected by {}",
                        serde_json::to_string(&c.value).unwrap_or_default(),
                        c.accepted_by,
                        c.rejected_by
                    )
                }),
            ),
            Subset::Unknown(r) => {
                entry[2] += 1;
                unknowns.push(format!(
                    "{} {} #{} {} ({}): unknown at `{}` ({}): {}",
                    q.corpus, q.file, q.index, q.direction, q.description, r.pointer, r.keyword, r.reason
                ));
                continue;
            }
        };
        if verdict == q.label {
            entry[0] += 1;
            continue;
        }
        entry[1] += 1;
        let here = Listed {
            corpus: q.corpus.to_owned(),
            file: q.file.clone(),
            index: q.index,
            description: q.description.clone(),
            direction: q.direction.to_owned(),
            label: label_name(q.label).to_owned(),
            verdict: label_name(verdict).to_owned(),
            reason: String::new(),
            evidence,
        };
        let known = listed.iter().find(|l| {
            l.corpus == here.corpus
                && l.file == here.file
                && l.index == here.index
                && l.direction == here.direction
        });
        match known {
            Some(l) if l.verdict == here.verdict => {}
            Some(l) => failures.push(format!(
                "{} {} #{} {}: listed verdict {} but the engine now says {}",
                l.corpus, l.file, l.index, l.direction, l.verdict, here.verdict
            )),
            None => failures.push(format!(
                "unlisted disagreement: {} {} #{} {} ({}): label {}, engine {}; {}",
                here.corpus,
                here.file,
                here.index,
                here.direction,
                here.description,
                here.label,
                here.verdict,
                here.evidence
            )),
        }
        found.push(here);
    }
    for l in &listed {
        let still = found.iter().any(|f| {
            f.corpus == l.corpus
                && f.file == l.file
                && f.index == l.index
                && f.direction == l.direction
        });
        if !still {
            failures.push(format!(
                "listed disagreement no longer disagrees: {} {} #{} {} ({})",
                l.corpus, l.file, l.index, l.direction, l.description
            ));
        }
    }
    println!(
        "{:<10} {:<9} {:>6} {:>9} {:>8} {:>6}",
        "corpus", "direction", "agree", "disagree", "unknown", "total"
    );
    let mut total = [0usize; 3];
    for ((corpus, direction), c) in &counts {
        println!(
            "{corpus:<10} {direction:<9} {:>6} {:>9} {:>8} {:>6}",
            c[0],
            c[1],
            c[2],
            c[0] + c[1] + c[2]
        );
        for i in 0..3 {
            total[i] += c[i];
        }
    }
    let all = total[0] + total[1] + total[2];
    println!(
        "{:<10} {:<9} {:>6} {:>9} {:>8} {:>6}",
        "all", "", total[0], total[1], total[2], all
    );
    for u in &unknowns {
        println!("unknown: {u}");
    }
    if std::env::var_os("SEAM_CONFORMANCE_WRITE").is_some() {
        for f in &found {
            let reason = listed
                .iter()
                .find(|l| {
                    l.corpus == f.corpus
                        && l.file == f.file
                        && l.index == f.index
                        && l.direction == f.direction
                })
                .map(|l| l.reason.clone())
                .unwrap_or_default();
            let mut f = f.clone();
            f.reason = reason;
            print!("{}", to_yaml(&f));
        }
    }
    if total[2] * 50 > all {
        failures.push(format!(
            "unknown on {} of {} directional questions (more than 2%)",
            total[2], all
        ));
    }
    if failures.is_empty() {
        println!("conformance: ok");
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            eprintln!("conformance: {f}");
        }
        ExitCode::FAILURE
    }
}
