//! Numeric keywords: lower and upper bounds and `multipleOf`.
//!
//! Bounds are read into one form first: draft-04 `exclusiveMinimum: true` makes
//! `minimum` exclusive, draft-06+ numeric `exclusiveMinimum` is its own bound, and when
//! both kinds are present the tighter one counts. So draft-04 `{minimum: 5,
//! exclusiveMinimum: true}` against draft-07 `{exclusiveMinimum: 5}` is no change.
//! Rule IDs name the keyword that now states the bound: `minimum-increased`,
//! `exclusive-maximum-added`, ...; `multiple-of-added`/`-removed`/`-changed`.

use serde_json::Value;

use super::Effect;
use super::node::Node;
use super::walk::Walker;
use crate::rules::RuleId;

/// One effective bound.
#[derive(Clone)]
struct Bound<'a> {
    value: f64,
    exclusive: bool,
    raw: &'a Value,
    ptr: String,
}

fn bound<'a>(n: &Node<'a>, lower: bool) -> Option<Bound<'a>> {
    let (inc, exc) = if lower {
        ("minimum", "exclusiveMinimum")
    } else {
        ("maximum", "exclusiveMaximum")
    };
    let mut cands = Vec::new();
    let draft4_exclusive = n.get(exc).is_some_and(|s| s.value == &Value::Bool(true));
    if let Some(s) = n.get(inc)
        && let Some(v) = s.value.as_f64()
    {
        cands.push(Bound {
            value: v,
            exclusive: draft4_exclusive,
            raw: s.value,
            ptr: s.ptr.clone(),
        });
    }
    if let Some(s) = n.get(exc)
        && let Some(v) = s.value.as_f64()
    {
        cands.push(Bound {
            value: v,
            exclusive: true,
            raw: s.value,
            ptr: s.ptr.clone(),
        });
    }
    cands
        .into_iter()
        .reduce(|a, b| if tighter(lower, &a, &b) { b } else { a })
}

/// Whether `b` is strictly tighter than `a`.
fn tighter(lower: bool, a: &Bound<'_>, b: &Bound<'_>) -> bool {
    if (a.value - b.value).abs() == 0.0 {
        b.exclusive && !a.exclusive
    } else if lower {
        b.value > a.value
    } else {
        b.value < a.value
    }
}

fn id(lower: bool, exclusive: bool, action: usize) -> RuleId {
    const IDS: [[RuleId; 4]; 4] = [
        [
            RuleId::MaximumAdded,
            RuleId::MaximumRemoved,
            RuleId::MaximumIncreased,
            RuleId::MaximumDecreased,
        ],
        [
            RuleId::ExclusiveMaximumAdded,
            RuleId::ExclusiveMaximumRemoved,
            RuleId::ExclusiveMaximumIncreased,
            RuleId::ExclusiveMaximumDecreased,
        ],
        [
            RuleId::MinimumAdded,
            RuleId::MinimumRemoved,
            RuleId::MinimumIncreased,
            RuleId::MinimumDecreased,
        ],
        [
            RuleId::ExclusiveMinimumAdded,
            RuleId::ExclusiveMinimumRemoved,
            RuleId::ExclusiveMinimumIncreased,
            RuleId::ExclusiveMinimumDecreased,
        ],
    ];
    let row = usize::from(lower) * 2 + usize::from(exclusive);
    IDS.get(row)
        .and_then(|r| r.get(action))
        .copied()
        .unwrap_or(RuleId::MinimumAdded)
}

fn describe(lower: bool, b: &Bound<'_>) -> String {
    let op = match (lower, b.exclusive) {
        (true, false) => ">=",
        (true, true) => ">",
        (false, false) => "<=",
        (false, true) => "<",
    };
    format!("`{op} {}`", b.raw)
}

/// Compares the numeric keywords of two nodes.
#[expect(
    clippy::many_single_char_names,
    reason = "`o`/`n` are the old and new node in every family"
)]
pub(crate) fn diff<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    for lower in [true, false] {
        let what = if lower { "lower" } else { "upper" };
        match (bound(o, lower), bound(n, lower)) {
            (None, None) => {}
            (None, Some(b)) => {
                let msg = format!("{what} bound {} added", describe(lower, &b));
                ctx.emit(
                    id(lower, b.exclusive, 0),
                    &b.ptr,
                    None,
                    Some(b.raw),
                    Effect::Narrows,
                    msg,
                );
            }
            (Some(a), None) => {
                let msg = format!("{what} bound {} removed", describe(lower, &a));
                ctx.emit(
                    id(lower, a.exclusive, 1),
                    &a.ptr,
                    Some(a.raw),
                    None,
                    Effect::Widens,
                    msg,
                );
            }
            (Some(a), Some(b)) => {
                let narrows = tighter(lower, &a, &b);
                if !narrows && !tighter(lower, &b, &a) {
                    continue;
                }
                let up = b.value > a.value
                    || ((a.value - b.value).abs() == 0.0 && (lower == b.exclusive));
                let action = if up { 2 } else { 3 };
                let effect = if narrows {
                    Effect::Narrows
                } else {
                    Effect::Widens
                };
                let msg = format!(
                    "{what} bound changed from {} to {}",
                    describe(lower, &a),
                    describe(lower, &b)
                );
                ctx.emit(
                    id(lower, b.exclusive, action),
                    &a.ptr,
                    Some(a.raw),
                    Some(b.raw),
                    effect,
                    msg,
                );
            }
        }
    }
    let os = o.get("multipleOf");
    let ns = n.get("multipleOf");
    let ov = os.and_then(|s| s.value.as_f64()).filter(|v| *v > 0.0);
    let nv = ns.and_then(|s| s.value.as_f64()).filter(|v| *v > 0.0);
    match (os, ns) {
        (None, None) => {}
        (None, Some(b)) => {
            let msg = format!("`multipleOf: {}` added", b.value);
            ctx.emit(
                RuleId::MultipleOfAdded,
                &b.ptr,
                None,
                Some(b.value),
                Effect::Narrows,
                msg,
            );
        }
        (Some(a), None) => {
            let msg = format!("`multipleOf: {}` removed", a.value);
            ctx.emit(
                RuleId::MultipleOfRemoved,
                &a.ptr,
                Some(a.value),
                None,
                Effect::Widens,
                msg,
            );
        }
        (Some(a), Some(b)) => {
            let (Some(x), Some(y)) = (ov, nv) else {
                if a.value != b.value {
                    let msg = format!("`multipleOf` changed from `{}` to `{}`", a.value, b.value);
                    ctx.emit(
                        RuleId::MultipleOfChanged,
                        &a.ptr,
                        Some(a.value),
                        Some(b.value),
                        Effect::Unknown,
                        msg,
                    );
                }
                return;
            };
            if (x - y).abs() == 0.0 {
                return;
            }
            let whole = |r: f64| (r - r.round()).abs() < 1e-9;
            let effect = if whole(y / x) {
                Effect::Narrows
            } else if whole(x / y) {
                Effect::Widens
            } else {
                Effect::Changes
            };
            let msg = format!("`multipleOf` changed from `{}` to `{}`", a.value, b.value);
            ctx.emit(
                RuleId::MultipleOfChanged,
                &a.ptr,
                Some(a.value),
                Some(b.value),
                effect,
                msg,
            );
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
    fn bounds() {
        assert_eq!(
            ids(json!({"minimum": 1}), json!({"minimum": 2})),
            [("minimum-increased", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({"maximum": 1}), json!({"maximum": 2})),
            [("maximum-increased", Effect::Widens)]
        );
        assert_eq!(
            ids(json!({"minimum": 1}), json!({"exclusiveMinimum": 1})),
            [("exclusive-minimum-increased", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({"exclusiveMaximum": 1}), json!({"maximum": 1})),
            [("maximum-increased", Effect::Widens)]
        );
        assert_eq!(
            ids(json!({}), json!({"maximum": 1})),
            [("maximum-added", Effect::Narrows)]
        );
    }

    #[test]
    fn draft4_exclusive_equals_draft7() {
        let old = json!({"$schema": "http://json-schema.org/draft-04/schema#", "minimum": 5, "exclusiveMinimum": true});
        let new =
            json!({"$schema": "http://json-schema.org/draft-04/schema#", "exclusiveMinimum": 5});
        assert!(ids(old, new).is_empty());
    }

    #[test]
    fn multiple_of() {
        assert_eq!(
            ids(json!({"multipleOf": 2}), json!({"multipleOf": 4})),
            [("multiple-of-changed", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({"multipleOf": 4}), json!({"multipleOf": 2})),
            [("multiple-of-changed", Effect::Widens)]
        );
        assert_eq!(
            ids(json!({"multipleOf": 2}), json!({"multipleOf": 3})),
            [("multiple-of-changed", Effect::Changes)]
        );
        assert!(
            ids(
                json!({"type": "integer"}),
                json!({"type": "number", "multipleOf": 1})
            )
            .len()
                == 1
        );
    }
}
