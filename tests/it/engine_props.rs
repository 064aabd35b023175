//! Property tests of the engine: soundness of "compatible" (no generated value valid under A is
//! invalid under B when the engine says A ⊆ B), every counterexample re-validates, and a schema
//! compared with itself is compatible with no changes.

use std::fmt::Write as _;

use proptest::prelude::*;
use seam::schema::{Engine, EngineOptions, Mode, Subset, Verdict};
use serde_json::{Value, json};

/// Small leaf schemas over strings, numbers, booleans and null.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"type": "string"})),
        (0u64..4, 2u64..8)
            .prop_map(|(lo, hi)| json!({"type": "string", "minLength": lo, "maxLength": hi})),
        prop::sample::select(vec!["^[a-c]*$", "^a", "b$", "^[0-9]{2,3}$", "[xy]"])
            .prop_map(|p| json!({"type": "string", "pattern": p})),
        Just(json!({"type": "integer"})),
        (-5i64..5, 0i64..10)
            .prop_map(|(lo, span)| json!({"type": "number", "minimum": lo, "maximum": lo + span})),
        (-5i64..5).prop_map(|lo| json!({"type": "integer", "exclusiveMinimum": lo})),
        prop::sample::select(vec![2u64, 3, 4])
            .prop_map(|m| json!({"type": "integer", "multipleOf": m})),
        Just(json!({"type": "boolean"})),
        Just(json!({"type": ["string", "null"]})),
        prop::collection::vec(
            prop::sample::select(vec![json!("a"), json!("b"), json!(1), json!(null)]),
            1..3
        )
        .prop_map(|v| json!({"enum": v})),
        Just(json!({})),
        prop::sample::select(vec!["date", "email", "uuid"])
            .prop_map(|f| json!({"type": "string", "format": f})),
        Just(json!({"const": {"a": 1}})),
    ]
}

/// Schemas with objects, arrays and combinators over the leaves.
fn schema() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (
                prop::collection::btree_map(
                    prop::sample::select(vec!["a", "b", "c"]),
                    inner.clone(),
                    0..3
                ),
                prop::collection::vec(prop::sample::select(vec!["a", "b", "c"]), 0..2),
                prop::option::of(any::<bool>()),
            )
                .prop_map(|(props, required, closed)| {
                    let mut s =
                        json!({"type": "object", "properties": props, "required": required});
                    if let Some(c) = closed {
                        s["additionalProperties"] = Value::Bool(!c);
                    }
                    s
                }),
            (inner.clone(), prop::option::of(0u64..3)).prop_map(|(items, max)| {
                let mut s = json!({"type": "array", "items": items});
                if let Some(m) = max {
                    s["maxItems"] = json!(m);
                }
                s
            }),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|v| json!({"anyOf": v})),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|v| json!({"allOf": v})),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|v| json!({"oneOf": v})),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(|(i, t, e)| json!({"if": i, "then": t, "else": e})),
            (prop::collection::vec(inner.clone(), 1..3), prop::option::of(inner.clone()), any::<bool>())
                .prop_map(|(prefix, items, unique)| {
                    let mut s = json!({"type": "array", "prefixItems": prefix, "uniqueItems": unique});
                    if let Some(i) = items {
                        s["items"] = i;
                    }
                    s
                }),
            (inner.clone(), 0u64..3, prop::option::of(1u64..3)).prop_map(|(pp, min, max)| {
                let mut s = json!({"type": "object", "patternProperties": {"^x": pp}, "minProperties": min, "propertyNames": {"maxLength": 3}});
                if let Some(m) = max {
                    s["maxProperties"] = json!(m);
                }
                s
            }),
            inner.clone().prop_map(|s| json!({"not": s})),
            // Tagged unions: object branches told apart by a `kind` constant (tags may repeat,
            // and untyped branches let non-objects through every branch).
            (
                prop::collection::vec((prop::sample::select(vec!["p", "q", "r"]), inner.clone()), 1..4),
                any::<bool>(),
                any::<bool>(),
            )
                .prop_map(|(branches, typed, one)| {
                    let branches: Vec<Value> = branches
                        .into_iter()
                        .map(|(tag, body)| {
                            let mut b = json!({"required": ["kind"], "properties": {"kind": {"const": tag}, "a": body}});
                            if typed {
                                b["type"] = json!("object");
                            }
                            b
                        })
                        .collect();
                    if one {
                        json!({"oneOf": branches})
                    } else {
                        json!({"anyOf": branches})
                    }
                }),
            prop_oneof![
                // Pattern-keyed properties with patterns that differ between schemas (one the
                // DFAs cannot express), beside a declared name and the additional rest.
                (
                    prop::collection::btree_map(
                        prop::sample::select(vec!["^x", "^[ab]", "a$", "^a$", "^(?!a)[a-z]+$"]),
                        inner.clone(),
                        1..3
                    ),
                    prop::option::of(inner.clone()),
                    prop::option::of(inner.clone()),
                )
                    .prop_map(|(pp, declared, additional)| {
                        let mut s = json!({"type": "object", "patternProperties": pp});
                        if let Some(d) = declared {
                            s["properties"] = json!({"ab": d});
                        }
                        if let Some(a) = additional {
                            s["additionalProperties"] = a;
                        }
                        s
                    }),
                // A tagged union with a catch-all branch for the other tags, branches that
                // overlap where the tag is absent, a nested union.
                (prop::collection::vec(prop::sample::select(vec!["p", "q", "r"]), 1..3), inner.clone(), inner.clone())
                    .prop_map(|(tags, x, y)| {
                        json!({"type": "object", "oneOf": [
                            {"properties": {"kind": {"not": {"enum": tags.clone()}}}},
                            {"oneOf": tags.iter().enumerate().map(|(i, t)| json!({"properties": {"kind": {"const": t}, "a": if i == 0 { x.clone() } else { y.clone() }}})).collect::<Vec<_>>()}
                        ]})
                    }),
                // Dependent schemas, finite string patterns, booleans against enumerations.
                (prop::sample::select(vec!["a", "b"]), inner.clone()).prop_map(|(k, d)| json!({"type": "object", "dependentSchemas": {k: d}})),
                prop::sample::select(vec!["^(p|q)$", "^p$", "^[pq]?$", "^(p|q|r)"]).prop_map(|p| json!({"type": "string", "pattern": p})),
                prop::sample::select(vec![json!({"type": "boolean"}), json!({"enum": [true, false, "p"]}), json!({"enum": ["p", "q"]}), json!({"type": ["boolean", "null"]})]),
            ],
            // A condition on the tag.
            (prop::sample::select(vec!["p", "q"]), inner.clone(), inner).prop_map(|(tag, t, e)| {
                json!({"type": "object", "if": {"properties": {"kind": {"const": tag}}, "required": ["kind"]}, "then": {"properties": {"a": t}}, "else": {"properties": {"a": e}}})
            }),
        ]
    })
}

/// Schemas with a recursive definition beside a generated one.
fn recursive_schema() -> impl Strategy<Value = Value> {
    (schema(), leaf(), any::<bool>()).prop_map(|(s, v, required)| {
        let mut node =
            json!({"type": "object", "properties": {"v": v, "next": {"$ref": "#/$defs/n"}}});
        if required {
            node["required"] = json!(["v"]);
        }
        json!({"$defs": {"n": node}, "anyOf": [{"$ref": "#/$defs/n"}, s]})
    })
}

/// Values to probe the schemas with.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-12i64..12).prop_map(|n| json!(n)),
        (-12i32..12).prop_map(|n| json!(f64::from(n) + 0.5)),
        "[a-c0-9xy]{0,9}".prop_map(Value::String),
        prop::sample::select(vec!["p", "q", "r"]).prop_map(|t| Value::String(t.to_owned())),
    ];
    leaf.prop_recursive(3, 16, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec!["a", "b", "c", "d", "kind", "ab", "x1", "za", "ba"]),
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

/// A small edit of `schema` driven by `seed`: a bound moves, a keyword goes, a subschema is
/// replaced, or a keyword is added, somewhere along a path chosen by the seed.
fn pick(s: u64, len: usize) -> usize {
    usize::try_from(s % u64::try_from(len.max(1)).unwrap_or(1)).unwrap_or(0)
}

fn mutate(schema: &Value, seed: u64, replacement: &Value) -> Value {
    // Choose the path first, on the unchanged schema.
    let mut pointer = String::new();
    let mut node = schema;
    let mut s = seed;
    let mut action = 0;
    for _ in 0..6 {
        action = s % 7;
        s /= 7;
        let Value::Object(map) = node else { break };
        if map.is_empty() || action < 3 {
            break;
        }
        let keys: Vec<&String> = map.keys().collect();
        let key = keys[pick(s, keys.len())];
        s /= 3;
        let next = match &map[key] {
            Value::Array(items) if !items.is_empty() => {
                let i = pick(s, items.len());
                let _ = write!(
                    pointer,
                    "/{}/{i}",
                    key.replace('~', "~0").replace('/', "~1")
                );
                &items[i]
            }
            child @ Value::Object(_) => {
                let _ = write!(pointer, "/{}", key.replace('~', "~0").replace('/', "~1"));
                child
            }
            _ => break,
        };
        node = next;
    }
    let mut out = schema.clone();
    let Some(Value::Object(map)) = out.pointer_mut(&pointer) else {
        return out;
    };
    let keys: Vec<String> = map.keys().cloned().collect();
    let key = keys.get(pick(s, keys.len().max(1))).cloned();
    match (action, key) {
        (1, Some(k)) => {
            map.remove(&k);
        }
        (2, Some(k)) => {
            if let Some(v) = map.get_mut(&k) {
                if let Some(n) = v.as_i64() {
                    *v = json!(n + 1);
                } else {
                    *v = replacement.clone();
                }
            }
        }
        _ => {
            map.insert("minProperties".to_owned(), json!(1));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn subset_answers_are_sound(a in schema(), b in schema(), probes in prop::collection::vec(value(), 24)) {
        let engine = Engine::new(EngineOptions::default());
        let pa = engine.prepare(&a).unwrap();
        let pb = engine.prepare(&b).unwrap();
        match engine.is_subset(&pa, &pb) {
            Subset::Yes => {
                let steered = engine.sample_values(&pa, &pb);
                for v in probes.iter().chain(steered.iter()) {
                    prop_assert!(!pa.is_valid(v) || pb.is_valid(v), "engine said {a} ⊆ {b} but {v} refutes it");
                }
            }
            Subset::No(c) => {
                prop_assert!(pa.is_valid(&c.value), "counterexample {} not valid under {a}", c.value);
                prop_assert!(!pb.is_valid(&c.value), "counterexample {} not rejected by {b}", c.value);
                prop_assert!(!c.rejections.is_empty());
            }
            Subset::Unknown(r) => {
                prop_assert!(!r.reason.is_empty());
            }
        }
    }

    #[test]
    fn edits_are_answered_soundly(a in prop_oneof![schema(), recursive_schema()], seed in any::<u64>(), replacement in leaf(), probes in prop::collection::vec(value(), 16)) {
        let b = mutate(&a, seed, &replacement);
        let engine = Engine::new(EngineOptions::default());
        let (Ok(pa), Ok(pb)) = (engine.prepare(&a), engine.prepare(&b)) else {
            return Ok(());
        };
        for (x, y, px, py) in [(&a, &b, &pa, &pb), (&b, &a, &pb, &pa)] {
            match engine.is_subset(px, py) {
                Subset::Yes => {
                    let steered = engine.sample_values(px, py);
                    for v in probes.iter().chain(steered.iter()) {
                        prop_assert!(!px.is_valid(v) || py.is_valid(v), "engine said {x} ⊆ {y} but {v} refutes it");
                    }
                }
                Subset::No(c) => {
                    prop_assert!(px.is_valid(&c.value) && !py.is_valid(&c.value), "bad counterexample {} for {x} ⊆ {y}", c.value);
                }
                Subset::Unknown(_) => {}
            }
        }
    }

    #[test]
    fn a_schema_is_compatible_with_itself(a in schema()) {
        let engine = Engine::new(EngineOptions::default());
        let p = engine.prepare(&a).unwrap();
        let c = engine.compare(&p, &p.clone(), Mode::Full);
        prop_assert_eq!(c.verdict, Verdict::Compatible);
        prop_assert!(c.changes.is_empty());
        prop_assert!(c.counterexample.is_none());
    }

    #[test]
    fn comparisons_are_deterministic(a in schema(), b in schema()) {
        let engine = Engine::new(EngineOptions::default());
        let first = {
            let (pa, pb) = (engine.prepare(&a).unwrap(), engine.prepare(&b).unwrap());
            serde_json::to_string(&engine.compare(&pa, &pb, Mode::Full)).unwrap()
        };
        let second = {
            let (pa, pb) = (engine.prepare(&a).unwrap(), engine.prepare(&b).unwrap());
            serde_json::to_string(&engine.compare(&pa, &pb, Mode::Full)).unwrap()
        };
        prop_assert_eq!(first, second);
    }
}
