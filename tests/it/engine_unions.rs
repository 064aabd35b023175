//! Unions of open, untagged-by-`required` branches (real CI and connector schemas), where a
//! change is only seen by a value in two branches at once, or by an object that names its
//! branch's tag: the counterexample is found and separates the two schemas.

use seam::schema::{Engine, EngineOptions, Subset};
use serde_json::{Value, json};

fn backward(old: &Value, new: &Value) -> Subset {
    let engine = Engine::new(EngineOptions::default());
    let (o, n) = (engine.prepare(old).unwrap(), engine.prepare(new).unwrap());
    let answer = engine.subset_labeled(&o, &n, "old", "new");
    if let Subset::No(c) = &answer {
        assert!(o.is_valid(&c.value) && !n.is_valid(&c.value), "{c:?}");
    }
    answer
}

/// Executors: one of a docker, a machine or a macOS executor, each open beside its own key.
fn executors(xcode: &[&str]) -> Value {
    json!({
        "type": "object",
        "properties": {"executors": {"type": "object", "additionalProperties": {
            "$ref": "#/definitions/executor"}}},
        "definitions": {
            "executor": {"type": "object", "oneOf": [
                {"$ref": "#/definitions/docker"},
                {"$ref": "#/definitions/macos"}]},
            "docker": {"required": ["docker"], "properties": {"docker": {"type": "array",
                "items": {"type": "object", "required": ["image"],
                    "properties": {"image": {"type": "string"}}}}}},
            "macos": {"type": "object", "required": ["macos"], "properties": {"macos": {
                "type": "object", "additionalProperties": false, "required": ["xcode"],
                "properties": {"xcode": {"$ref": "#/definitions/xcode"}}}}},
            "xcode": {"type": "string", "enum": xcode}
        }
    })
}

#[test]
fn a_branch_widened_into_a_value_of_another_breaks_the_one_of() {
    // `{"docker": [...], "macos": {"xcode": "16.1"}}` was a docker executor only; the new
    // Xcode version makes it a macOS executor as well.
    let old = executors(&["16.0", "15.4"]);
    let new = executors(&["16.1", "16.0", "15.4"]);
    match backward(&old, &new) {
        Subset::No(c) => {
            let executor = c.value["executors"]
                .as_object()
                .and_then(|m| m.values().next())
                .cloned()
                .unwrap_or(Value::Null);
            assert!(executor.get("docker").is_some() && executor.get("macos").is_some());
        }
        other => panic!("expected a counterexample, got {other:?}"),
    }
}

/// Sources keyed by name, each one of several kinds tagged by a `type` they do not require,
/// holding computations tagged the same way.
fn sources(concat: [&str; 2]) -> Value {
    json!({
        "type": "object",
        "additionalProperties": {"type": "object", "oneOf": [
            {"properties": {"type": {"type": "string", "const": "http"},
                "url": {"type": "string"}, "computes": {"$ref": "#/definitions/computes"}}},
            {"properties": {"type": {"type": "string", "const": "ipmi"},
                "computes": {"$ref": "#/definitions/computes"}}}]},
        "definitions": {"computes": {"type": "array", "items": {"type": "object", "oneOf": [
            {"properties": {"type": {"type": "string", "enum": ["add", "subtract"]},
                "value": {"type": "number"}}},
            {"properties": {"type": {"type": "string", "enum": ["and", concat[0], concat[1]]},
                "value": {"type": "string"}}},
            {"properties": {"type": {"const": "awk"}, "script": {"type": "string"}}}]}}}
    })
}

#[test]
fn a_renamed_member_deep_inside_tagged_unions_is_found() {
    let old = sources(["leftConcat", "rightConcat"]);
    let new = sources(["prepend", "append"]);
    match backward(&old, &new) {
        Subset::No(c) => assert!(c.value.to_string().contains("Concat"), "{c:?}"),
        other => panic!("expected a counterexample, got {other:?}"),
    }
}

/// A meta-schema-like document: keywords as properties, each defined once, with a strict
/// variant that adds dependencies between keywords.
fn keywords(strict: bool) -> Value {
    let mut doc = json!({
        "$ref": "#/definitions/entity",
        "definitions": {
            "entity": {"type": "object", "properties": {
                "type": {"$ref": "#/definitions/type"},
                "items": {"$ref": "#/definitions/entity"},
                "format": {"type": "string"},
                "minLength": {"type": "integer", "minimum": 0}}},
            "type": {"enum": ["string", "integer", "object", "array"]},
            "string-type": {"properties": {"type": {"const": "string"}}, "required": ["type"]}
        }
    });
    if strict {
        doc["definitions"]["entity"]["dependencies"] = json!({
            "format": {"$ref": "#/definitions/string-type"},
            "minLength": {"$ref": "#/definitions/string-type"}});
    }
    doc
}

#[test]
fn a_new_dependency_is_broken_by_an_object_holding_its_property() {
    // `{"format": "", "type": "integer"}` meets the new dependent schema only because it
    // holds `format`.
    match backward(&keywords(false), &keywords(true)) {
        Subset::No(c) => {
            let holds = |k: &str| {
                c.value.get(k).is_some()
                    || c.value.pointer("/items").and_then(|i| i.get(k)).is_some()
            };
            assert!(holds("format") || holds("minLength"), "{c:?}");
        }
        other => panic!("expected a counterexample, got {other:?}"),
    }
}
