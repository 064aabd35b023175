//! Annotations: `title`, `description`, `examples`, `default`, `deprecated`, `$comment`,
//! `readOnly`, `writeOnly`, content annotations, `$id`, `$schema` and keywords seam does
//! not know. None of them changes the accepted set: `annotation-changed`,
//! `default-changed`, `deprecated-added`, `deprecated-removed`, `id-changed`,
//! `schema-version-changed`, all with effect `none`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::Effect;
use super::node::Node;
use super::walk::{Walker, compact_json};
use crate::rules::RuleId;

/// Keywords some keyword family compares; every other keyword is an annotation here.
const ASSERTIONS: &[&str] = &[
    "$ref",
    "$defs",
    "definitions",
    "$dynamicRef",
    "$recursiveRef",
    "additionalItems",
    "additionalProperties",
    "allOf",
    "anyOf",
    "const",
    "contains",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "else",
    "enum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "format",
    "if",
    "items",
    "maxContains",
    "maxItems",
    "maxLength",
    "maxProperties",
    "maximum",
    "minContains",
    "minItems",
    "minLength",
    "minProperties",
    "minimum",
    "multipleOf",
    "not",
    "nullable",
    "oneOf",
    "pattern",
    "patternProperties",
    "prefixItems",
    "properties",
    "propertyNames",
    "required",
    "then",
    "type",
    "unevaluatedItems",
    "unevaluatedProperties",
    "uniqueItems",
];

/// Compares the annotations of two nodes.
pub(crate) fn diff<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    let keys: BTreeSet<&str> =
        o.kw.keys()
            .chain(n.kw.keys())
            .copied()
            .filter(|k| !ASSERTIONS.contains(k))
            .collect();
    for key in keys {
        let os = o.get(key);
        let ns = n.get(key);
        let ov = os.map(|s| s.value);
        let nv = ns.map(|s| s.value);
        if ov == nv {
            continue;
        }
        let ptr = os.map_or_else(|| n.kw_ptr(key), |s| s.ptr.clone());
        let what = match (ov, nv) {
            (None, Some(v)) => format!("`{key}` added: `{}`", compact_json(v)),
            (Some(v), None) => format!("`{key}` removed (was `{}`)", compact_json(v)),
            (Some(a), Some(b)) => format!(
                "`{key}` changed from `{}` to `{}`",
                compact_json(a),
                compact_json(b)
            ),
            (None, None) => continue,
        };
        let is_true = |v: Option<&Value>| v == Some(&Value::Bool(true));
        let id = match key {
            "default" => RuleId::DefaultChanged,
            "deprecated" if is_true(nv) && !is_true(ov) => RuleId::DeprecatedAdded,
            "deprecated" if is_true(ov) && !is_true(nv) => RuleId::DeprecatedRemoved,
            "$id" | "id" => RuleId::IdChanged,
            "$schema" => RuleId::SchemaVersionChanged,
            _ => RuleId::AnnotationChanged,
        };
        ctx.emit(id, &ptr, ov, nv, Effect::None, what);
    }
}

#[cfg(test)]
mod tests {
    use crate::schema::diff::{Effect, structural_changes};
    use serde_json::json;

    #[test]
    fn annotations_have_no_effect() {
        let c = structural_changes(
            &json!({"title": "a", "default": 1, "x-owner": "t"}),
            &json!({"title": "b", "default": 2, "deprecated": true}),
        );
        let ids: Vec<_> = c.iter().map(|c| c.rule_id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "default-changed",
                "deprecated-added",
                "annotation-changed",
                "annotation-changed"
            ]
        );
        assert!(c.iter().all(|c| c.effect == Effect::None));
    }
}
