//! Changes deep inside real-world-shaped schemas (definitions behind references, tagged
//! conditionals, closed branches of a `oneOf`): the counterexample is a whole valid instance
//! built around the changed place, and it separates the schemas under the engine's validator.

use seam::schema::{Engine, EngineOptions, Subset};
use serde_json::{Value, json};

/// A CI-config-like schema: jobs tagged by `kind` (each kind's own properties under
/// `if`/`then`), steps that are one of two closed shapes; `step_extra` adds a property to the
/// first shape.
fn pipeline(step_extra: bool, kinds: &[&str]) -> Value {
    let mut run = json!({"run": {"type": "string"}});
    if step_extra {
        run["shell"] = json!({"type": "string"});
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "required": ["name", "jobs"],
        "additionalProperties": false,
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "jobs": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/job"}}
        },
        "definitions": {
            "job": {
                "type": "object",
                "required": ["kind", "steps"],
                "properties": {
                    "kind": {"$ref": "#/definitions/kind"},
                    "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/step"}}
                },
                "allOf": [
                    {"if": {"properties": {"kind": {"const": "build"}}},
                     "then": {"required": ["tool"], "properties": {"tool": {"type": "string", "minLength": 2}}}},
                    {"if": {"properties": {"kind": {"const": "test"}}},
                     "then": {"required": ["suite"], "properties": {"suite": {"type": "integer"}}}}
                ]
            },
            "kind": {"enum": kinds},
            "step": {"oneOf": [
                {"type": "object", "required": ["run"], "properties": run, "additionalProperties": false},
                {"type": "object", "required": ["uses"], "properties": {"uses": {"type": "string"}}, "additionalProperties": false}
            ]}
        }
    })
}

fn refuted(e: &Engine, a: &Value, b: &Value) -> Value {
    let (pa, pb) = (e.prepare(a).unwrap(), e.prepare(b).unwrap());
    match e.is_subset(&pa, &pb) {
        Subset::No(c) => {
            assert!(pa.is_valid(&c.value), "not valid under a: {}", c.value);
            assert!(!pb.is_valid(&c.value), "valid under b: {}", c.value);
            c.value
        }
        other => panic!("expected a counterexample, got {other:?}"),
    }
}

#[test]
fn a_property_added_to_a_closed_branch_behind_references_is_refuted_with_a_whole_instance() {
    let e = Engine::new(EngineOptions::default());
    let old = pipeline(false, &["build", "test"]);
    let new = pipeline(true, &["build", "test"]);
    let value = refuted(&e, &new, &old);
    let steps = value
        .pointer("/jobs/0/steps")
        .and_then(Value::as_array)
        .unwrap();
    assert!(steps.iter().any(|s| s.get("shell").is_some()), "{value}");
}

#[test]
fn an_enum_member_added_behind_a_conditional_is_refuted_in_its_case() {
    let e = Engine::new(EngineOptions::default());
    let old = pipeline(false, &["build"]);
    let new = pipeline(false, &["build", "test"]);
    let value = refuted(&e, &new, &old);
    assert_eq!(
        value.pointer("/jobs/0/kind"),
        Some(&json!("test")),
        "{value}"
    );
}

#[test]
fn the_same_one_of_on_both_sides_leaves_only_the_rest_to_prove() {
    let e = Engine::new(EngineOptions::default());
    let doc = |max: u64| {
        json!({
            "type": "object",
            "properties": {"p": {"type": "string", "maxLength": max}},
            "allOf": [{"oneOf": [{"required": ["x"]}, {"required": ["y"]}]}]
        })
    };
    let (narrow, wide) = (e.prepare(&doc(3)).unwrap(), e.prepare(&doc(5)).unwrap());
    assert_eq!(e.is_subset(&narrow, &wide), Subset::Yes);
    assert!(matches!(e.is_subset(&wide, &narrow), Subset::No(_)));
}
