//! Reference resolution as a user meets it: `$id`-scoped references, anchors, dynamic
//! references, the official meta-schemas and fragments such as `#/definitions/Map<K, V>`,
//! through `seam diff` on files and `seam check` on a repository.

use serde_json::{Value, json};
use tempfile::TempDir;

use crate::check::{branch, commit_all};
use crate::cli::{CONTRACT, edit, scaffold, seam, write};

/// Runs `seam diff old.json new.json <extra>` on two documents; the run's exit code and output.
fn diff(old: &Value, new: &Value, extra: &[&str]) -> crate::cli::Run {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("old.json"), old.to_string()).unwrap();
    std::fs::write(dir.path().join("new.json"), new.to_string()).unwrap();
    let mut args = vec!["diff", "old.json", "new.json"];
    args.extend_from_slice(extra);
    seam(dir.path(), &args)
}

/// An order whose `item` is an embedded resource with its own `$defs`, reached by a relative
/// `$ref` and by an absolute one with a pointer into it.
fn with_embedded_resource(max: u64) -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.com/order.json",
        "type": "object",
        "properties": {
            "item": {"$ref": "item.json"},
            "quantity": {"$ref": "https://example.com/item.json#/$defs/count"}
        },
        "$defs": {
            "count": {"type": "string"},
            "item": {
                "$id": "item.json",
                "type": "object",
                "properties": {"count": {"$ref": "#/$defs/count"}},
                "$defs": {"count": {"type": "integer", "maximum": max}}
            }
        }
    })
}

#[test]
fn id_scoped_references_resolve_inside_their_resource() {
    let (old, new) = (with_embedded_resource(10), with_embedded_resource(5));
    let run = diff(&old, &new, &[]);
    assert_eq!(run.code, 1, "{}", run.all());
    // The counterexample is an integer count above 5 inside the item (the resource's own
    // `count`, not the root's string one).
    assert!(run.stdout.contains("\"count\""), "{}", run.all());
    let run = diff(&old, &new, &["--mode", "forward"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = diff(&old, &old, &["--mode", "full"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn anchors_name_their_subschema_in_every_draft() {
    for (draft, declare) in [
        (
            "https://json-schema.org/draft/2020-12/schema",
            json!({"$anchor": "code"}),
        ),
        (
            "http://json-schema.org/draft-07/schema#",
            json!({"$id": "#code"}),
        ),
        (
            "http://json-schema.org/draft-04/schema#",
            json!({"id": "#code"}),
        ),
    ] {
        let doc = |len: u64| {
            let mut code = declare.clone();
            code["type"] = json!("string");
            code["maxLength"] = json!(len);
            json!({"$schema": draft, "properties": {"c": {"$ref": "#code"}}, "definitions": {"code": code}})
        };
        let run = diff(&doc(8), &doc(4), &[]);
        assert_eq!(run.code, 1, "{draft}: {}", run.all());
        let run = diff(&doc(8), &doc(4), &["--mode", "forward"]);
        assert_eq!(run.code, 0, "{draft}: {}", run.all());
    }
}

#[test]
fn a_dynamic_reference_extends_a_recursive_schema() {
    let tree = |leaf: Value| {
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://example.com/labelled-tree",
            "$dynamicAnchor": "node",
            "$ref": "tree",
            "properties": {"label": leaf},
            "$defs": {
                "tree": {
                    "$id": "tree",
                    "$dynamicAnchor": "node",
                    "type": "object",
                    "properties": {"children": {"type": "array", "items": {"$dynamicRef": "#node"}}}
                }
            }
        })
    };
    // Every node of the tree, however deep, has the root's `label`: narrowing it breaks, and
    // the counterexample may sit in a child.
    let (old, new) = (
        tree(json!({"type": "string"})),
        tree(json!({"type": "string", "maxLength": 2})),
    );
    let run = diff(&old, &new, &[]);
    assert_eq!(run.code, 1, "{}", run.all());
    let run = diff(&old, &new, &["--mode", "forward"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn meta_schema_references_are_served_built_in() {
    let with = |schema: Value| json!({"type": "object", "properties": {"schema": schema}});
    let old = with(json!({"$ref": "https://json-schema.org/draft/2020-12/schema"}));
    let new = with(json!(true));
    // Every schema is a value: widening to `true` keeps old values; narrowing to schemas does
    // not (`{"type": 5}` is not a schema).
    let run = diff(&old, &new, &[]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = diff(&old, &new, &["--mode", "forward"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let draft7 = json!({"$schema": "http://json-schema.org/draft-07/schema#", "$ref": "http://json-schema.org/draft-07/schema#"});
    let run = diff(&draft7, &draft7, &["--mode", "full"]);
    assert_eq!(run.code, 0, "{}", run.all());
    // Anything else remote stays an error.
    let remote = with(json!({"$ref": "https://example.com/schema.json"}));
    let run = diff(&old, &remote, &[]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains("https://example.com/schema.json"),
        "{}",
        run.all()
    );
}

#[test]
fn fragments_that_validators_accept_are_read_as_pointers() {
    // As in SchemaStore's dofigen.json: generic type names in definition keys.
    let doc = |max: u64| {
        json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "properties": {
                "env": {"$ref": "#/definitions/HashMapPatch<String, String>"},
                "from": {"$ref": "#/definitions/ParsableStruct<ImageName>"}
            },
            "definitions": {
                "HashMapPatch<String, String>": {"type": "object", "additionalProperties": {"type": "string", "maxLength": max}},
                "ParsableStruct<ImageName>": {"type": "string"}
            }
        })
    };
    let run = diff(&doc(20), &doc(10), &[]);
    assert_eq!(run.code, 1, "{}", run.all());
    let run = diff(&doc(20), &doc(10), &["--mode", "forward"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn a_const_holding_a_ref_key_is_a_value() {
    let doc = |c: Value| json!({"properties": {"link": {"const": c}}});
    let old = doc(json!({"$ref": "https://example.com/elsewhere.json"}));
    let new = doc(json!({"$ref": "#/nowhere"}));
    let run = diff(&old, &new, &[]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("elsewhere.json"), "{}", run.all());
}

/// 1.1.0 of the scaffold with `money` moved into a resource of its own (`$id`), its currency
/// pattern `currency`, and `extra` properties.
fn money_resource(currency: &str, extra: &str) -> String {
    format!(
        r##"{{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Order created",
  "type": "object",
  "required": ["event_id", "order_id", "customer_id", "created_at", "total"],
  "properties": {{
    "event_id": {{ "type": "string", "format": "uuid" }},
    "order_id": {{ "type": "string", "pattern": "^SO-[0-9]{{6,10}}$" }},
    "customer_id": {{ "type": "string", "minLength": 1 }},
    "created_at": {{ "type": "string", "format": "date-time" }},
    "total": {{ "$ref": "money.json" }},
    "note": {{ "type": "string", "maxLength": 500 }}{extra}
  }},
  "$defs": {{
    "money": {{
      "$id": "money.json",
      "type": "object",
      "required": ["amount", "currency"],
      "properties": {{
        "amount": {{ "type": "string", "pattern": "^-?[0-9]+\\.[0-9]{{2}}$" }},
        "currency": {{ "$ref": "#/$defs/code" }}
      }},
      "$defs": {{ "code": {{ "type": "string", "pattern": "{currency}" }} }}
    }}
  }}
}}
"##
    )
}

fn publish(dir: &TempDir, version: &str, schema: &str) {
    write(
        dir,
        &format!("contracts/sales.order-created/schemas/{version}.json"),
        schema,
    );
    edit(
        dir,
        CONTRACT,
        "  1.1.0: {}\n",
        &format!("  1.1.0: {{}}\n  {version}: {{}}\n"),
    );
}

fn repo() -> TempDir {
    let dir = scaffold();
    commit_all(dir.path(), "base");
    branch(dir.path(), "feature");
    dir
}

#[test]
fn check_resolves_embedded_resources_of_a_repository_schema() {
    // The same accepted set written with an embedded resource: an equivalent refactor.
    let dir = repo();
    publish(&dir, "1.1.1", &money_resource("^[A-Z]{3}$", ""));
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.all());
    // A wider currency code inside the resource breaks old readers (forward mode).
    let dir = repo();
    publish(&dir, "1.2.0", &money_resource("^[A-Z]{3,4}$", ""));
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("error[breaking-change-without-major]"),
        "{}",
        run.all()
    );
}

#[test]
fn check_serves_meta_schemas_and_refuses_other_remote_references() {
    let dir = repo();
    let meta = r#",
    "schema": { "$ref": "https://json-schema.org/draft/2020-12/schema" }"#;
    publish(&dir, "1.2.0", &money_resource("^[A-Z]{3}$", meta));
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let dir = repo();
    let remote = r#",
    "schema": { "$ref": "https://example.com/schema.json" }"#;
    publish(&dir, "1.2.0", &money_resource("^[A-Z]{3}$", remote));
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stdout.contains("https://example.com/schema.json")
            || run.stderr.contains("https://example.com/schema.json"),
        "{}",
        run.all()
    );
}
