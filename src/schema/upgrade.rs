//! Draft upgrade: rewrites a draft-04/06/07/2019-09 schema into the draft 2020-12 form the
//! engine reasons about, so that schemas of different drafts can be compared.
//!
//! - draft-04 boolean `exclusiveMinimum`/`exclusiveMaximum` become numeric bounds;
//! - draft-04 `id` becomes `$id`;
//! - array-form `items` + `additionalItems` become `prefixItems` + `items`;
//! - `dependencies` splits into `dependentRequired` and `dependentSchemas`;
//! - `definitions` becomes `$defs` and `#/definitions/...` references follow;
//! - up to draft-07, keywords beside `$ref` are ignored by the specification and dropped.

use serde_json::{Map, Value};

use super::model::Draft;
use super::pointer::DATA_KEYWORDS;

/// Keywords whose value is one subschema.
pub(crate) const SINGLE: &[&str] = &[
    "additionalItems",
    "additionalProperties",
    "contains",
    "items",
    "not",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];
/// Keywords whose value maps names to subschemas.
pub(crate) const MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "definitions",
    "$defs",
    "dependentSchemas",
    "dependencies",
];
/// Keywords whose value is an array of subschemas.
pub(crate) const ARRAYS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems", "items"];

/// The draft a document declares with `$schema`, else `default`.
pub fn detect_draft(doc: &Value, default: Draft) -> Draft {
    Draft::declared(doc).ok().flatten().unwrap_or(default)
}

/// Rewrites `doc` (of draft `draft`) into draft 2020-12 form; the result declares 2020-12.
pub fn upgrade(doc: &Value, draft: Draft) -> Value {
    let mut out = upgrade_node(doc, draft, 0);
    if let Value::Object(map) = &mut out {
        map.insert(
            "$schema".to_owned(),
            Value::String(Draft::Draft202012.meta_schema().to_owned()),
        );
    }
    out
}

/// Maximum nesting the upgrade follows; deeper nodes are kept verbatim (the loaders already
/// refuse deeper documents).
const MAX_DEPTH: usize = 256;

fn upgrade_node(node: &Value, draft: Draft, depth: usize) -> Value {
    let Value::Object(map) = node else {
        return node.clone();
    };
    if depth > MAX_DEPTH {
        return node.clone();
    }
    let old = draft <= Draft::Draft7;
    let mut out = Map::new();
    let has_ref = map.contains_key("$ref");
    for (key, value) in map {
        if key == "$schema" {
            continue;
        }
        if old && has_ref && !matches!(key.as_str(), "$ref" | "definitions" | "$defs") {
            // Up to draft-07 `$ref` overrides its siblings.
            continue;
        }
        if ignored_by(draft, key, value) {
            // A keyword of a later draft: the document's draft ignores it, and so must its
            // 2020-12 form (a draft-07 `unevaluatedProperties: false` closes nothing).
            continue;
        }
        match key.as_str() {
            "id" | "$id" if (key == "$id" || draft == Draft::Draft4) && value.is_string() => {
                // A plain-name fragment id (`#Address`) is a 2020-12 `$anchor`.
                match value.as_str().and_then(|v| v.strip_prefix('#')) {
                    Some(anchor) if draft <= Draft::Draft7 && !anchor.is_empty() => {
                        out.insert("$anchor".to_owned(), Value::String(anchor.to_owned()));
                    }
                    Some(_) => {}
                    None => {
                        out.insert("$id".to_owned(), value.clone());
                    }
                }
            }
            "$ref" => {
                let target = value
                    .as_str()
                    .map_or_else(|| value.clone(), |s| Value::String(upgrade_ref(s)));
                out.insert(key.clone(), target);
            }
            "exclusiveMinimum" | "exclusiveMaximum" if value.is_boolean() => {
                // Folded below together with minimum/maximum.
            }
            "minimum" | "maximum" if draft == Draft::Draft4 => {
                let flag = if key == "minimum" {
                    "exclusiveMinimum"
                } else {
                    "exclusiveMaximum"
                };
                if map.get(flag).and_then(Value::as_bool) == Some(true) {
                    out.insert(flag.to_owned(), value.clone());
                } else {
                    out.insert(key.clone(), value.clone());
                }
            }
            "items" if draft <= Draft::Draft201909 && value.is_array() => {
                let items = value
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|s| upgrade_node(s, draft, depth + 1))
                            .collect()
                    })
                    .unwrap_or_default();
                out.insert("prefixItems".to_owned(), Value::Array(items));
                if let Some(additional) = map.get("additionalItems") {
                    out.insert(
                        "items".to_owned(),
                        upgrade_node(additional, draft, depth + 1),
                    );
                }
            }
            "additionalItems" if draft <= Draft::Draft201909 => {
                // Meaningful only beside array-form `items`, handled there.
            }
            "definitions" | "$defs" => {
                let entry = out
                    .entry("$defs".to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let (Value::Object(target), Value::Object(defs)) = (entry, value) {
                    for (name, schema) in defs {
                        target.insert(name.clone(), upgrade_node(schema, draft, depth + 1));
                    }
                }
            }
            "dependencies" => {
                if let Value::Object(deps) = value {
                    for (name, dep) in deps {
                        let (target, dep) = match dep {
                            Value::Array(_) => ("dependentRequired", dep.clone()),
                            _ => ("dependentSchemas", upgrade_node(dep, draft, depth + 1)),
                        };
                        if let Value::Object(m) = out
                            .entry(target.to_owned())
                            .or_insert_with(|| Value::Object(Map::new()))
                        {
                            m.insert(name.clone(), dep);
                        }
                    }
                }
            }
            k if SINGLE.contains(&k) => {
                out.insert(key.clone(), upgrade_node(value, draft, depth + 1));
            }
            k if MAPS.contains(&k) => {
                let mapped = match value {
                    Value::Object(m) => Value::Object(
                        m.iter()
                            .map(|(n, s)| (n.clone(), upgrade_node(s, draft, depth + 1)))
                            .collect(),
                    ),
                    other => other.clone(),
                };
                out.insert(key.clone(), mapped);
            }
            k if ARRAYS.contains(&k) => {
                let mapped = match value {
                    Value::Array(a) => Value::Array(
                        a.iter()
                            .map(|s| upgrade_node(s, draft, depth + 1))
                            .collect(),
                    ),
                    other => other.clone(),
                };
                out.insert(key.clone(), mapped);
            }
            k if DATA_KEYWORDS.contains(&k) || matches!(k, "dependentRequired" | "$vocabulary") => {
                // Values, never schemas: a `{"$ref": ...}` there is data (and a property
                // named `items` in `dependentRequired` is a name).
                out.insert(key.clone(), value.clone());
            }
            _ => {
                // An unknown keyword: a `$ref` may point into it (`#/definitions/a/x-b/c`) and
                // references inside it point elsewhere, so what it holds is upgraded as a
                // schema would be (a validator ignores it either way).
                let upgraded = match value {
                    Value::Object(_) => upgrade_node(value, draft, depth + 1),
                    Value::Array(a) if a.iter().any(Value::is_object) => Value::Array(
                        a.iter()
                            .map(|s| upgrade_node(s, draft, depth + 1))
                            .collect(),
                    ),
                    other => other.clone(),
                };
                out.insert(key.clone(), upgraded);
            }
        }
    }
    fold_unevaluated(&mut out);
    Value::Object(out)
}

/// Whether `draft` ignores `key` (a keyword only later drafts define), as the validator does.
fn ignored_by(draft: Draft, key: &str, value: &Value) -> bool {
    match key {
        "const" | "contains" | "propertyNames" => draft == Draft::Draft4,
        // Draft-04 bounds are flags; a numeric one is no keyword there.
        "exclusiveMinimum" | "exclusiveMaximum" => draft == Draft::Draft4 && !value.is_boolean(),
        "if" | "then" | "else" => draft <= Draft::Draft6,
        "dependentRequired"
        | "dependentSchemas"
        | "unevaluatedProperties"
        | "unevaluatedItems"
        | "minContains"
        | "maxContains" => draft <= Draft::Draft7,
        "prefixItems" | "$dynamicRef" => draft <= Draft::Draft201909,
        _ => false,
    }
}

/// In a schema object with no in-place applicator (`allOf`, `$ref`, `if`, ...),
/// `unevaluatedProperties`/`unevaluatedItems` see exactly what `additionalProperties`/`items`
/// would, so they are rewritten into those (which the canonical form models).
fn fold_unevaluated(out: &mut Map<String, Value>) {
    const APPLICATORS: &[&str] = &[
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
        "$ref",
        "$dynamicRef",
        "$recursiveRef",
        "dependentSchemas",
    ];
    if APPLICATORS.iter().any(|k| out.contains_key(*k)) {
        return;
    }
    if let Some(u) = out.remove("unevaluatedProperties")
        && !out.contains_key("additionalProperties")
    {
        out.insert("additionalProperties".to_owned(), u);
    }
    if !out.contains_key("contains")
        && let Some(u) = out.remove("unevaluatedItems")
        && !out.contains_key("items")
    {
        out.insert("items".to_owned(), u);
    }
}

/// Rewrites a local reference into the upgraded layout (`definitions` → `$defs`, tuple `items/N`
/// → `prefixItems/N`).
pub(crate) fn upgrade_ref(reference: &str) -> String {
    let Some(pointer) = reference.strip_prefix('#') else {
        return reference.to_owned();
    };
    let segments: Vec<&str> = pointer.split('/').collect();
    let mut out = String::from("#");
    let mut previous = "";
    for (i, segment) in segments.iter().enumerate() {
        if i == 0 {
            out.push_str(segment);
            continue;
        }
        out.push('/');
        let next_is_index = segments
            .get(i + 1)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let keyword_position = !matches!(
            previous,
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas"
        );
        match *segment {
            "definitions" if keyword_position => out.push_str("$defs"),
            "items" if keyword_position && next_is_index => out.push_str("prefixItems"),
            other => out.push_str(other),
        }
        previous = if keyword_position { segment } else { "" };
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn draft4_exclusive_bounds_become_numeric() {
        let doc = json!({"type": "number", "minimum": 1, "exclusiveMinimum": true, "maximum": 5});
        let up = upgrade(&doc, Draft::Draft4);
        assert_eq!(up["exclusiveMinimum"], json!(1));
        assert_eq!(up["maximum"], json!(5));
        assert!(up.get("minimum").is_none());
    }

    #[test]
    fn tuple_items_become_prefix_items() {
        let doc = json!({"items": [{"type": "string"}], "additionalItems": false});
        let up = upgrade(&doc, Draft::Draft7);
        assert_eq!(up["prefixItems"], json!([{"type": "string"}]));
        assert_eq!(up["items"], json!(false));
    }

    #[test]
    fn dependencies_split_and_definitions_move() {
        let doc = json!({
            "dependencies": {"a": ["b"], "c": {"required": ["d"]}},
            "definitions": {"x": {"type": "string"}},
            "properties": {"p": {"$ref": "#/definitions/x"}}
        });
        let up = upgrade(&doc, Draft::Draft7);
        assert_eq!(up["dependentRequired"], json!({"a": ["b"]}));
        assert_eq!(up["dependentSchemas"], json!({"c": {"required": ["d"]}}));
        assert_eq!(up["$defs"]["x"], json!({"type": "string"}));
        assert_eq!(up["properties"]["p"]["$ref"], json!("#/$defs/x"));
    }

    #[test]
    fn keywords_the_draft_ignores_are_dropped() {
        let d7 = json!({"type": "object", "properties": {"a": {"type": "integer"}}, "unevaluatedProperties": false, "dependentRequired": {"a": ["b"]}, "prefixItems": [false]});
        let up = upgrade(&d7, Draft::Draft7);
        assert!(up.get("unevaluatedProperties").is_none(), "{up}");
        assert!(up.get("additionalProperties").is_none(), "{up}");
        assert!(up.get("dependentRequired").is_none(), "{up}");
        assert!(up.get("prefixItems").is_none(), "{up}");
        let d4 = json!({"const": 1, "if": {"type": "string"}, "then": false, "propertyNames": {"maxLength": 1}});
        let up = upgrade(&d4, Draft::Draft4);
        assert_eq!(up.as_object().map(serde_json::Map::len), Some(1), "{up}");
        let d6 = json!({"const": 1, "if": {"type": "string"}, "then": false});
        assert_eq!(upgrade(&d6, Draft::Draft6).get("const"), Some(&json!(1)));
        assert!(upgrade(&d6, Draft::Draft6).get("if").is_none());
        // The draft that defines a keyword keeps it.
        let d2020 = json!({"unevaluatedProperties": false, "allOf": [true]});
        assert_eq!(
            upgrade(&d2020, Draft::Draft202012).get("unevaluatedProperties"),
            Some(&json!(false))
        );
    }

    #[test]
    fn unknown_keywords_are_upgraded_and_data_is_not() {
        let doc = json!({
            "x-group": {"inner": {"$ref": "#/definitions/a", "items": [{"type": "string"}]}},
            "const": {"$ref": "#/definitions/a", "items": [1]},
            "dependentRequired": {"items": ["a"]},
            "definitions": {"a": {"type": "string"}}
        });
        let up = upgrade(&doc, Draft::Draft201909);
        assert_eq!(up["x-group"]["inner"]["$ref"], json!("#/$defs/a"));
        assert_eq!(
            up["x-group"]["inner"]["prefixItems"],
            json!([{"type": "string"}])
        );
        assert_eq!(up["const"], doc["const"]);
        assert_eq!(up["dependentRequired"], doc["dependentRequired"]);
    }

    #[test]
    fn ref_siblings_dropped_before_2019() {
        let doc = json!({"$ref": "#/definitions/x", "type": "string", "definitions": {"x": {}}});
        let up = upgrade(&doc, Draft::Draft7);
        assert!(up.get("type").is_none());
        let kept = upgrade(
            &json!({"$ref": "#/$defs/x", "type": "string", "$defs": {"x": {}}}),
            Draft::Draft202012,
        );
        assert_eq!(kept["type"], json!("string"));
    }
}
