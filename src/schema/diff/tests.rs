//! Cross-family tests of the structural diff: identity, determinism, sorting, hostile
//! input and scale.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use super::{Effect, node, structural_changes, walk};

/// Runs the walk without the `old == new` shortcut.
fn walk_all(old: &Value, new: &Value) -> Vec<super::Change> {
    let mut ctx = walk::Walker::new(old, new, crate::schema::Draft::default());
    ctx.walk(
        node::Located::new(old, String::new()),
        node::Located::new(new, String::new()),
        walk::Polarity::Monotone,
    );
    ctx.out
}

#[test]
fn identical_documents_have_no_changes() {
    let s = json!({"type": "object", "properties": {"a": {"$ref": "#"}}});
    assert!(structural_changes(&s, &s).is_empty());
    assert!(walk_all(&s, &s).is_empty());
}

#[test]
fn anchors_resolve() {
    let doc = |min: u64| {
        json!({"$schema": "http://json-schema.org/draft-07/schema#",
            "properties": {"home": {"$ref": "#Address"}},
            "definitions": {"Address": {"$id": "#Address", "properties": {"street": {"minLength": min}}}}})
    };
    let c: Vec<_> = structural_changes(&doc(10), &doc(5))
        .into_iter()
        .map(|c| (c.rule_id.as_str(), c.pointer))
        .collect();
    assert_eq!(
        c,
        [(
            "min-length-decreased",
            "/definitions/Address/properties/street/minLength".to_owned()
        )]
    );
}

#[test]
fn duplicate_members_and_closed_tuples_are_silent() {
    let c = structural_changes(
        &json!({"allOf": [{"$ref": "#/$defs/a"}]}),
        &json!({"allOf": [{"$ref": "#/$defs/a"}, {"$ref": "#/$defs/a"}]}),
    );
    assert!(c.iter().all(|c| c.effect == Effect::None), "{c:?}");
    let c = structural_changes(
        &json!({"items": [{}, false], "additionalItems": false}),
        &json!({"items": [{}], "additionalItems": false}),
    );
    assert!(c.iter().all(|c| c.effect == Effect::None), "{c:?}");
}

#[test]
fn unevaluated_items_close_the_tuple() {
    let c = structural_changes(
        &json!({"prefixItems": [{}], "unevaluatedItems": false}),
        &json!({"prefixItems": [{}, {"type": "string"}], "unevaluatedItems": false}),
    );
    let ids: Vec<_> = c.iter().map(|c| (c.rule_id.as_str(), c.effect)).collect();
    assert_eq!(ids, [("prefix-items-added", Effect::Widens)]);
}

#[test]
fn hostile_nesting_terminates() {
    // Built in code: deeper than any parser would allow.
    let mut a = json!({"type": "string"});
    let mut b = json!({"type": "integer"});
    // `json!` would serialize an interpolated value recursively; wrap by hand.
    let wrap = |v: Value| {
        let mut props = Map::new();
        props.insert("x".to_owned(), v);
        let mut m = Map::new();
        m.insert("properties".to_owned(), Value::Object(props));
        Value::Object(m)
    };
    for _ in 0..5_000 {
        a = wrap(a);
        b = wrap(b);
    }
    let c = structural_changes(&a, &b);
    assert_eq!(
        c.iter().map(|c| c.rule_id.as_str()).collect::<Vec<_>>(),
        ["depth-limit-reached"]
    );
    // Dropping deep values recursively would overflow the stack; leak-free manual drop.
    for v in [a, b] {
        let mut stack = vec![v];
        while let Some(mut v) = stack.pop() {
            if let Some(m) = v.as_object_mut() {
                stack.extend(std::mem::take(m).into_iter().map(|(_, c)| c));
            }
        }
    }
}

#[test]
fn ref_cycles_between_documents_terminate() {
    let a = json!({"$ref": "#/$defs/a", "$defs": {"a": {"anyOf": [{"$ref": "#/$defs/b"}]}, "b": {"items": {"$ref": "#/$defs/a"}}}});
    let b = json!({"$ref": "#/$defs/b", "$defs": {"b": {"anyOf": [{"$ref": "#/$defs/a"}, {"type": "null"}]}, "a": {"items": {"$ref": "#/$defs/b"}}}});
    let c = structural_changes(&a, &b);
    assert!(c.len() < 20, "{c:?}");
}

/// A schema with `props` properties per level and `depth` levels of nesting.
pub(crate) fn large_schema(props: usize, depth: usize, leaf_max: u64) -> Value {
    let mut inner = json!({"type": "string", "maxLength": leaf_max});
    for level in 0..depth {
        let mut properties = Map::new();
        for i in 0..props {
            let p = match i % 4 {
                0 => json!({"type": "string", "maxLength": 40}),
                1 => json!({"type": "number", "minimum": 0}),
                2 => json!({"type": "string", "enum": ["A", "B", "C"]}),
                _ => json!({"type": ["string", "null"], "format": "date"}),
            };
            properties.insert(format!("f{level}_{i}"), p);
        }
        properties.insert("nested".to_owned(), inner);
        inner = json!({"type": "object", "properties": properties, "required": ["nested"], "additionalProperties": false});
    }
    inner
}

#[test]
fn large_schema_single_nested_change() {
    let old = large_schema(333, 6, 20);
    let new = large_schema(333, 6, 10);
    let c = structural_changes(&old, &new);
    assert_eq!(c.len(), 1);
    assert_eq!(
        c.first().map(|c| c.rule_id.as_str()),
        Some("max-length-decreased")
    );
    assert_eq!(
        c.first().map(|c| c.pointer.as_str()),
        Some(
            "/properties/nested/properties/nested/properties/nested/properties/nested/properties/nested/properties/nested/maxLength"
        )
    );
}

fn arb_schema() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(json!(true)),
        Just(json!(false)),
        Just(json!({})),
        prop::sample::select(vec![
            "string", "number", "integer", "null", "object", "array", "boolean"
        ])
        .prop_map(|t| json!({"type": t})),
        (0u64..5).prop_map(|n| json!({"maxLength": n})),
        (0i64..5).prop_map(|n| json!({"minimum": n})),
        prop::collection::vec(0u8..4, 1..4).prop_map(|v| json!({"enum": v})),
        (0u8..3).prop_map(|n| json!({"const": n})),
        Just(json!({"$ref": "#"})),
        Just(json!({"$ref": "#/$defs/d"})),
        Just(json!({"pattern": "^a"})),
    ];
    leaf.prop_recursive(4, 48, 4, |inner| {
        prop_oneof![
            prop::collection::btree_map(
                prop::sample::select(vec!["a", "b", "c"]),
                inner.clone(),
                0..3
            )
            .prop_map(|m| json!({"type": "object", "properties": m})),
            (inner.clone(), any::<bool>()).prop_map(|(s, closed)| {
                json!({"properties": {"a": s}, "additionalProperties": !closed, "required": ["a"]})
            }),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|v| json!({"anyOf": v})),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|v| json!({"allOf": v})),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|v| json!({"oneOf": v})),
            inner.clone().prop_map(|s| json!({"not": s})),
            inner.clone().prop_map(|s| json!({"items": s})),
            prop::collection::vec(inner.clone(), 1..3)
                .prop_map(|v| json!({"prefixItems": v, "items": false})),
            (inner.clone(), inner.clone()).prop_map(|(i, t)| json!({"if": i, "then": t})),
            inner.prop_map(|s| json!({"$defs": {"d": s}, "$ref": "#/$defs/d"})),
        ]
    })
}

proptest! {
    #[test]
    fn diff_of_a_schema_with_itself_is_empty(a in arb_schema()) {
        prop_assert!(walk_all(&a, &a).is_empty());
    }

    #[test]
    fn diff_is_deterministic_and_sorted(a in arb_schema(), b in arb_schema()) {
        let c = structural_changes(&a, &b);
        prop_assert_eq!(&c, &structural_changes(&a, &b));
        let keys: Vec<_> = c.iter().map(|c| (c.pointer.clone(), c.rule_id.as_str())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(keys, sorted);
    }
}

#[test]
fn a_document_without_schema_is_of_the_default_draft() {
    // Up to draft 7 the keywords beside `$ref` are ignored; from 2019-09 on they apply.
    let old = json!({"$defs": {"a": {}}, "$ref": "#/$defs/a", "type": "string"});
    let new = json!({"$defs": {"a": {}}, "$ref": "#/$defs/a", "type": "integer"});
    assert!(!structural_changes(&old, &new).is_empty());
    assert!(super::structural_changes_in(&old, &new, crate::schema::Draft::Draft7).is_empty());
    let declared = |v: &Value| {
        let mut v = v.clone();
        v["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
        v
    };
    assert!(
        !super::structural_changes_in(
            &declared(&old),
            &declared(&new),
            crate::schema::Draft::Draft7
        )
        .is_empty()
    );
}
