//! Pathological but legal shapes of real schemas, answered with the right verdict: an enum of
//! 10,000 members, a `oneOf` of 200 object branches tagged by a `kind` constant with one branch
//! added, and an `allOf` of 300 `if`/`then`/`else` blocks with one changed. The time is measured
//! by hand (`cargo test --release --test it engine_shapes -- --nocapture` prints it), never
//! asserted.

#![expect(clippy::print_stderr, reason = "the time is reported, not asserted")]

use std::time::Instant;

use seam::schema::{Engine, EngineOptions, Subset};
use serde_json::{Value, json};

fn ask(old: &Value, new: &Value, name: &str) -> (Subset, Subset) {
    let engine = Engine::new(EngineOptions::default());
    let start = Instant::now();
    let (o, n) = (engine.prepare(old).unwrap(), engine.prepare(new).unwrap());
    let backward = engine.subset_labeled(&o, &n, "old", "new");
    let middle = start.elapsed();
    let second = Instant::now();
    let forward = engine.subset_labeled(&n, &o, "new", "old");
    eprintln!(
        "{name}: backward {:.2} s, forward {:.2} s",
        middle.as_secs_f64(),
        second.elapsed().as_secs_f64()
    );
    if let Subset::No(c) = &backward {
        assert!(o.is_valid(&c.value) && !n.is_valid(&c.value));
    }
    if let Subset::No(c) = &forward {
        assert!(n.is_valid(&c.value) && !o.is_valid(&c.value));
    }
    (backward, forward)
}

#[test]
fn an_enum_of_ten_thousand_members_losing_one() {
    let members: Vec<Value> = (0..10_000).map(|i| json!(format!("m{i:05}"))).collect();
    let old = json!({"type": "string", "enum": members});
    let fewer: Vec<Value> = members
        .iter()
        .filter(|m| m.as_str() != Some("m04321"))
        .cloned()
        .collect();
    let new = json!({"type": "string", "enum": fewer});
    let (backward, forward) = ask(&old, &new, "enum of 10,000");
    match backward {
        Subset::No(c) => assert_eq!(c.value, json!("m04321")),
        other => panic!("expected a counterexample, got {other:?}"),
    }
    assert_eq!(forward, Subset::Yes);
}

fn tagged(i: usize) -> Value {
    json!({
        "type": "object",
        "required": ["kind", format!("f{i}")],
        "properties": {
            "kind": {"const": format!("k{i}")},
            format!("f{i}"): {"type": "string", "maxLength": 10 + i},
            "note": {"type": "string"}
        },
        "additionalProperties": false
    })
}

#[test]
fn a_tagged_one_of_of_two_hundred_branches_gaining_one() {
    let old = json!({"oneOf": (0..200).map(tagged).collect::<Vec<_>>()});
    let new = json!({"oneOf": (0..201).map(tagged).collect::<Vec<_>>()});
    let (backward, forward) = ask(&old, &new, "oneOf of 200 tagged branches");
    assert_eq!(backward, Subset::Yes);
    match forward {
        Subset::No(c) => assert_eq!(c.value["kind"], json!("k200")),
        other => panic!("expected a counterexample, got {other:?}"),
    }
}

fn conditional(i: usize, extra: bool) -> Value {
    let mut required = vec![json!(format!("f{i}"))];
    if extra {
        required.push(json!(format!("g{i}")));
    }
    json!({
        "if": {"properties": {"kind": {"const": format!("k{i}")}}, "required": ["kind"]},
        "then": {"required": required},
        "else": {"not": {"required": [format!("f{i}")]}}
    })
}

#[test]
fn an_all_of_of_three_hundred_conditionals_with_one_tightened() {
    let old = json!({"type": "object", "allOf": (0..300).map(|i| conditional(i, false)).collect::<Vec<_>>()});
    let new = json!({"type": "object", "allOf": (0..300).map(|i| conditional(i, i == 150)).collect::<Vec<_>>()});
    let (backward, forward) = ask(&old, &new, "allOf of 300 if/then/else");
    match backward {
        Subset::No(c) => {
            assert_eq!(c.value["kind"], json!("k150"));
            assert!(c.value.get("g150").is_none());
        }
        other => panic!("expected a counterexample, got {other:?}"),
    }
    assert_eq!(forward, Subset::Yes);
}
