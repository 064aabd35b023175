//! `enum` and `const` (a `const` is a one-value `enum`): `enum-added`, `enum-removed`,
//! `enum-value-added`, `enum-value-removed`, `const-added`, `const-removed`,
//! `const-changed`. A reordered `enum`, or `const: x` against `enum: [x]`, is no change.

use serde_json::Value;

use super::Effect;
use super::node::{Located, Node};
use super::walk::{Walker, compact_json};
use crate::rules::RuleId;

/// Numeric-aware JSON equality (`1` equals `1.0`, as in JSON Schema).
pub(crate) fn json_eq(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(x), Value::Number(y)) => {
            x == y
                || matches!((x.as_f64(), y.as_f64()), (Some(fx), Some(fy)) if (fx - fy).abs() == 0.0)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(l, r)| json_eq(l, r))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => left == right,
    }
}

struct Allowed<'a> {
    values: Vec<&'a Value>,
    src: Located<'a>,
    is_const: bool,
}

fn allowed<'a>(n: &Node<'a>) -> Option<Allowed<'a>> {
    if let Some(c) = n.get("const") {
        return Some(Allowed {
            values: vec![c.value],
            src: c.clone(),
            is_const: true,
        });
    }
    let e = n.get("enum")?;
    let values = e.value.as_array()?.iter().collect();
    Some(Allowed {
        values,
        src: e.clone(),
        is_const: false,
    })
}

/// Compares the allowed value lists of two nodes.
pub(crate) fn diff<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    match (allowed(o), allowed(n)) {
        (None, None) => {}
        (None, Some(b)) => {
            let id = if b.is_const {
                RuleId::ConstAdded
            } else {
                RuleId::EnumAdded
            };
            let msg = format!("values restricted to `{}`", compact_json(b.src.value));
            ctx.emit(
                id,
                &b.src.ptr,
                None,
                Some(b.src.value),
                Effect::Narrows,
                msg,
            );
        }
        (Some(a), None) => {
            let id = if a.is_const {
                RuleId::ConstRemoved
            } else {
                RuleId::EnumRemoved
            };
            let msg = format!("restriction to `{}` removed", compact_json(a.src.value));
            ctx.emit(id, &a.src.ptr, Some(a.src.value), None, Effect::Widens, msg);
        }
        (Some(a), Some(b)) => {
            let removed: Vec<&Value> = a
                .values
                .iter()
                .copied()
                .filter(|v| !b.values.iter().any(|w| json_eq(v, w)))
                .collect();
            let added: Vec<&Value> = b
                .values
                .iter()
                .copied()
                .filter(|v| !a.values.iter().any(|w| json_eq(v, w)))
                .collect();
            if removed.is_empty() && added.is_empty() {
                return;
            }
            if a.is_const && b.is_const {
                let msg = format!(
                    "`const` changed from `{}` to `{}`",
                    compact_json(a.src.value),
                    compact_json(b.src.value)
                );
                ctx.emit(
                    RuleId::ConstChanged,
                    &a.src.ptr,
                    Some(a.src.value),
                    Some(b.src.value),
                    Effect::Changes,
                    msg,
                );
                return;
            }
            for v in removed {
                let msg = format!("value `{}` no longer allowed", compact_json(v));
                ctx.emit(
                    RuleId::EnumValueRemoved,
                    &a.src.ptr,
                    Some(v),
                    None,
                    Effect::Narrows,
                    msg,
                );
            }
            for v in added {
                let msg = format!("value `{}` now allowed", compact_json(v));
                ctx.emit(
                    RuleId::EnumValueAdded,
                    &a.src.ptr,
                    None,
                    Some(v),
                    Effect::Widens,
                    msg,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::schema::diff::{Effect, structural_changes};
    use serde_json::json;

    #[expect(clippy::needless_pass_by_value, reason = "takes `json!` literals")]
    fn ids(old: serde_json::Value, new: serde_json::Value) -> Vec<(&'static str, Effect)> {
        structural_changes(&old, &new)
            .into_iter()
            .map(|c| (c.rule_id.as_str(), c.effect))
            .collect()
    }

    #[test]
    fn enum_values() {
        assert_eq!(
            ids(json!({"enum": ["a", "b"]}), json!({"enum": ["b", "c"]})),
            [
                ("enum-value-added", Effect::Widens),
                ("enum-value-removed", Effect::Narrows)
            ]
        );
        assert!(ids(json!({"enum": ["a", "b"]}), json!({"enum": ["b", "a"]})).is_empty());
        assert!(ids(json!({"enum": [1]}), json!({"enum": [1.0]})).is_empty());
    }

    #[test]
    fn const_is_one_value_enum() {
        assert!(ids(json!({"const": "a"}), json!({"enum": ["a"]})).is_empty());
        assert_eq!(
            ids(json!({"const": "a"}), json!({"const": "b"})),
            [("const-changed", Effect::Changes)]
        );
        assert_eq!(
            ids(json!({}), json!({"const": "b"})),
            [("const-added", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({"enum": [1]}), json!({})),
            [("enum-removed", Effect::Widens)]
        );
    }
}
