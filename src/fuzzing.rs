//! Bodies of the fuzz targets in `fuzz/`. They live in the library so that an ordinary test
//! runs them over `fuzz/seeds/` and the fuzzers only add coverage-guided inputs.
//!
//! Each body must never panic, whatever the bytes; the oracles assert invariants.

use crate::contract::load::{FileKind, FormatValidator};
use crate::contract::model::Contract;
use crate::source::{Document, Syntax, decode_utf8};

/// Parses bytes as YAML and as JSON; on success, every pointer of the value locates.
pub fn parse_document(data: &[u8]) {
    let Ok(text) = decode_utf8(data.to_vec()) else {
        return;
    };
    for syntax in [Syntax::Yaml, Syntax::Json] {
        if let Ok(doc) = Document::parse("fuzz", syntax, text.clone()) {
            let (line, col) = doc.locate("", false);
            // Oracle: the root of a parsed document has a position inside the text.
            assert!(line <= text.lines().count().max(1) + 1 && (line == 0 || col >= 1));
            if let serde_json::Value::Object(m) = &doc.value {
                for k in m.keys().take(16) {
                    let _ = doc.locate(&format!("/{}", crate::source::escape_segment(k)), true);
                }
            }
        }
    }
}

/// Loads bytes as a `contract.yaml`: either a contract or a list of located errors.
pub fn load_contract(data: &[u8]) {
    let Ok(text) = decode_utf8(data.to_vec()) else {
        return;
    };
    let Ok(doc) = Document::parse("contract.yaml", Syntax::Yaml, text) else {
        return;
    };
    let checker = FormatValidator::new();
    if let Err(errors) = checker.validate::<Contract>(&doc, FileKind::Contract) {
        // Oracle: a rejected file always says why.
        assert!(!errors.is_empty());
        assert!(errors.iter().all(|e| !e.message.is_empty()));
    }
}

/// Reads fuzz bytes as choices; past the end every choice is 0.
struct Choices<'a> {
    data: &'a [u8],
    at: usize,
}

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        let i = usize::from(self.byte()) % items.len().max(1);
        &items[i.min(items.len() - 1)]
    }
}

/// Numbers at the edges: small ones, fractions, and integers around 2^53, 2^60, 2^63 and u64::MAX.
fn edge_number(c: &mut Choices<'_>) -> serde_json::Value {
    use serde_json::json;
    let numbers = [
        json!(0),
        json!(1),
        json!(2),
        json!(3),
        json!(10),
        json!(-1),
        json!(-7),
        json!(0.5),
        json!(0.01),
        json!(2.5),
        json!(9_007_199_254_740_992_u64),
        json!(9_007_199_254_740_993_u64),
        json!(1_152_921_504_606_846_976_u64),
        json!(1_152_921_504_606_846_977_u64),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(u64::MAX - 1),
        json!(1e300),
    ];
    c.pick(&numbers).clone()
}

fn edge_count(c: &mut Choices<'_>) -> serde_json::Value {
    use serde_json::json;
    let counts = [
        json!(0),
        json!(1),
        json!(2),
        json!(3),
        json!(5),
        json!(10_000),
        json!(999_999_999),
        json!(1_000_000_000),
        json!(u64::MAX),
        json!(u64::MAX - 1),
    ];
    c.pick(&counts).clone()
}

const PATTERNS: &[&str] = &[
    "^a",
    "^[a-z]+$",
    "^[0-9]{2,4}$",
    "b",
    "^(a|a)*c$",
    "^(?:(a|a)*c|(.)\\2*)$",
    "^[^]*$",
    "^(?<x>a)\\k<x>$",
    "(?=a)",
    "^(a{10}){10}$",
    "^\\p{L}+$",
];

const NAMES: &[&str] = &["a", "b", "kind", "x"];

/// A schema built from fuzz bytes: every keyword the engine models, at edge values.
fn gen_schema(c: &mut Choices<'_>, depth: usize, defs: usize) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let first = c.byte();
    if depth > 3 || first < 8 {
        return match first % 4 {
            0 => json!(true),
            1 => json!(false),
            2 => json!({}),
            _ => json!({"type": "string"}),
        };
    }
    let mut out = Map::new();
    let keywords = 1 + usize::from(c.byte() % 4);
    for _ in 0..keywords {
        match c.byte() % 28 {
            0 => {
                let ty = *c.pick(&[
                    "null", "boolean", "integer", "number", "string", "array", "object",
                ]);
                out.insert("type".to_owned(), json!(ty));
            }
            1 => {
                out.insert("type".to_owned(), json!(["string", "null"]));
            }
            2 | 3 => {
                let key = *c.pick(&[
                    "minimum",
                    "maximum",
                    "exclusiveMinimum",
                    "exclusiveMaximum",
                    "multipleOf",
                ]);
                let mut bound = edge_number(c);
                if key == "multipleOf" && bound.as_f64().is_none_or(|f| f <= 0.0) {
                    bound = json!(2);
                }
                out.insert(key.to_owned(), bound);
            }
            4 | 5 => {
                let key = *c.pick(&[
                    "minLength",
                    "maxLength",
                    "minItems",
                    "maxItems",
                    "minProperties",
                    "maxProperties",
                ]);
                out.insert(key.to_owned(), edge_count(c));
            }
            6 => {
                out.insert("pattern".to_owned(), json!(*c.pick(PATTERNS)));
            }
            7 => {
                let v = gen_value(c, 0);
                out.insert("const".to_owned(), v);
            }
            8 => {
                let count = 1 + usize::from(c.byte() % 4);
                let values: Vec<Value> = (0..count).map(|_| gen_value(c, 0)).collect();
                out.insert("enum".to_owned(), Value::Array(values));
            }
            9 | 10 => {
                let mut props = Map::new();
                for _ in 0..=c.byte() % 3 {
                    let name = *c.pick(NAMES);
                    props.insert(name.to_owned(), gen_schema(c, depth + 1, defs));
                }
                out.insert("properties".to_owned(), Value::Object(props));
            }
            11 => {
                let name = *c.pick(NAMES);
                out.insert("required".to_owned(), json!([name]));
            }
            12 => {
                let sub = gen_schema(c, depth + 1, defs);
                out.insert("additionalProperties".to_owned(), sub);
            }
            13 => {
                let sub = gen_schema(c, depth + 1, defs);
                out.insert("items".to_owned(), sub);
            }
            14 => {
                let sub = gen_schema(c, depth + 1, defs);
                out.insert("prefixItems".to_owned(), json!([sub]));
            }
            15 => {
                out.insert("uniqueItems".to_owned(), json!(true));
            }
            16..=18 => {
                let key = *c.pick(&["allOf", "anyOf", "oneOf"]);
                let count = 1 + usize::from(c.byte() % 3);
                let branches: Vec<Value> =
                    (0..count).map(|_| gen_schema(c, depth + 1, defs)).collect();
                out.insert(key.to_owned(), Value::Array(branches));
            }
            19 => {
                let sub = gen_schema(c, depth + 1, defs);
                out.insert("not".to_owned(), sub);
            }
            20 => {
                let cond = gen_schema(c, depth + 1, defs);
                let then = gen_schema(c, depth + 1, defs);
                out.insert("if".to_owned(), cond);
                out.insert("then".to_owned(), then);
                if c.byte().is_multiple_of(2) {
                    let other = gen_schema(c, depth + 1, defs);
                    out.insert("else".to_owned(), other);
                }
            }
            21 | 22 if defs > 0 => {
                let target = usize::from(c.byte()) % defs;
                out.insert("$ref".to_owned(), json!(format!("#/$defs/d{target}")));
            }
            23 => {
                let sub = gen_schema(c, depth + 1, defs);
                out.insert("contains".to_owned(), sub);
            }
            24 => {
                let sub = gen_schema(c, depth + 1, defs);
                out.insert("unevaluatedProperties".to_owned(), sub);
            }
            25 => {
                let mut props = Map::new();
                for _ in 0..=c.byte() % 2 {
                    let pattern = *c.pick(PATTERNS);
                    props.insert(pattern.to_owned(), gen_schema(c, depth + 1, defs));
                }
                out.insert("patternProperties".to_owned(), Value::Object(props));
            }
            26 => {
                let name = *c.pick(NAMES);
                let sub = gen_schema(c, depth + 1, defs);
                out.insert("dependentSchemas".to_owned(), json!({name: sub}));
            }
            _ => {
                let sub = gen_schema(c, depth + 1, defs);
                out.insert("propertyNames".to_owned(), sub);
            }
        }
    }
    Value::Object(out)
}

fn gen_value(c: &mut Choices<'_>, depth: usize) -> serde_json::Value {
    use serde_json::json;
    match c.byte() % 8 {
        0 => json!(null),
        1 => json!(c.byte().is_multiple_of(2)),
        2 | 3 => edge_number(c),
        4 => json!(*c.pick(&["", "a", "aa", "ab", "aaaaaaaaaaaaaaaaaaaa", "SO-1"])),
        5 if depth < 2 => json!([gen_value(c, depth + 1)]),
        6 if depth < 2 => {
            let name = *c.pick(NAMES);
            json!({name: gen_value(c, depth + 1)})
        }
        _ => json!(1.5),
    }
}

/// A whole document: a draft, shared `$defs`, a root.
fn gen_document(c: &mut Choices<'_>) -> serde_json::Value {
    use serde_json::{Map, Value};
    let drafts = [
        "https://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2019-09/schema",
        "http://json-schema.org/draft-07/schema#",
        "http://json-schema.org/draft-06/schema#",
        "http://json-schema.org/draft-04/schema#",
    ];
    let draft = *c.pick(&drafts);
    let defs = usize::from(c.byte() % 4);
    let mut def_map = Map::new();
    for i in 0..defs {
        def_map.insert(format!("d{i}"), gen_schema(c, 1, defs));
    }
    let mut root = match gen_schema(c, 0, defs) {
        Value::Object(m) => m,
        other => {
            let mut m = Map::new();
            m.insert("allOf".to_owned(), Value::Array(vec![other]));
            m
        }
    };
    root.insert("$schema".to_owned(), Value::String(draft.to_owned()));
    if defs > 0 {
        let key = if draft.contains("draft-0") {
            "definitions"
        } else {
            "$defs"
        };
        if key == "definitions" {
            // Older drafts keep definitions under `definitions`; references follow.
            let text = Value::Object(root.clone())
                .to_string()
                .replace("#/$defs/", "#/definitions/");
            if let Ok(Value::Object(m)) = serde_json::from_str(&text) {
                root = m;
            }
        }
        root.insert(key.to_owned(), Value::Object(def_map));
    }
    Value::Object(root)
}

/// Largest string length and array length inside `v`.
fn sizes(v: &serde_json::Value, depth: usize) -> (usize, usize) {
    use serde_json::Value;
    if depth > 128 {
        return (0, 0);
    }
    match v {
        Value::String(s) => (s.chars().count(), 0),
        Value::Array(a) => a.iter().fold((0, a.len()), |(s, n), x| {
            let (xs, xn) = sizes(x, depth + 1);
            (s.max(xs), n.max(xn))
        }),
        Value::Object(m) => m.iter().fold((0, 0), |(s, n), (k, x)| {
            let (xs, xn) = sizes(x, depth + 1);
            (s.max(xs).max(k.chars().count()), n.max(xn))
        }),
        _ => (0, 0),
    }
}

/// The two schemas `engine_pair` compares: a JSON array `[old, new]` as given, any other bytes
/// read as generator choices. Print them to see what a crash found.
pub fn engine_pair_documents(data: &[u8]) -> (serde_json::Value, serde_json::Value) {
    if let Ok(serde_json::Value::Array(pair)) = serde_json::from_slice::<serde_json::Value>(data)
        && let Ok([a, b]) = <[serde_json::Value; 2]>::try_from(pair)
    {
        return (a, b);
    }
    let mut c = Choices { data, at: 0 };
    let old = gen_document(&mut c);
    (old, gen_document(&mut c))
}

/// A pair of schemas, generated from the bytes (or given as a JSON array `[old, new]`), is
/// compared in every mode. Oracles: no panic; the same answer twice; every counterexample
/// accepted by one side and rejected by the other under freshly compiled validators, and no
/// larger than the budget; no `compatible` that a sampled value refutes.
pub fn engine_pair(data: &[u8]) {
    use crate::schema::{Budgets, Engine, EngineOptions, Mode, Verdict};
    let (old, new) = engine_pair_documents(data);
    // Small budgets keep one run fast; the oracles hold for any budget.
    let budgets = Budgets {
        witness_steps: 20_000,
        witness_candidates: 300,
        max_string_len: 4_096,
        max_array_len: 1_000,
        regex_states: 5_000,
        proof_steps: 5_000,
        validation_steps: 2_000_000,
        ..Budgets::default()
    };
    let engine = Engine::new(EngineOptions {
        budgets,
        ..EngineOptions::default()
    });
    let (Ok(a), Ok(b)) = (engine.prepare(&old), engine.prepare(&new)) else {
        return;
    };
    let comparison = engine.compare(&a, &b, Mode::Full);
    // Oracle: the same input gives the same answer.
    assert_eq!(
        format!("{comparison:?}"),
        format!("{:?}", engine.compare(&a, &b, Mode::Full)),
        "two runs differ"
    );
    if comparison.counterexample.is_none() && comparison.verdict != Verdict::Compatible {
        // Nothing to re-validate: an unknown answer or an incompatibility without a value.
        return;
    }
    let fresh = |doc: &serde_json::Value| engine.prepare(doc).ok();
    let (Some(fa), Some(fb)) = (fresh(&old), fresh(&new)) else {
        panic!("a schema prepared once fails the second time");
    };
    if let Some(cx) = &comparison.counterexample {
        let (accepts, rejects) = if cx.accepted_by == "old" {
            (&fa, &fb)
        } else {
            (&fb, &fa)
        };
        assert!(
            accepts.is_valid(&cx.value),
            "counterexample not accepted: {}",
            cx.value
        );
        assert!(
            !rejects.is_valid(&cx.value),
            "counterexample not rejected: {}",
            cx.value
        );
        assert_eq!(comparison.verdict, Verdict::Incompatible);
        let (longest_string, longest_array) = sizes(&cx.value, 0);
        assert!(
            longest_string <= budgets.max_string_len,
            "string past the budget"
        );
        assert!(
            longest_array <= budgets.max_array_len,
            "array past the budget"
        );
    }
    if comparison.verdict == Verdict::Compatible {
        // Oracle: values the generator finds for one side never separate the two.
        for (x, y) in [(&fa, &fb), (&fb, &fa)] {
            for v in engine.sample_values(x, y).iter().take(64) {
                assert!(
                    !(x.is_valid(v) && y.surely_rejects(v)),
                    "compatible, yet {v} separates the schemas"
                );
            }
        }
    }
}
