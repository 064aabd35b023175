//! String keywords: `min-length-increased`/`-decreased`, `max-length-added`/`-removed`/
//! `-increased`/`-decreased`, `pattern-added`/`-removed`/`-changed`,
//! `format-added`/`-removed`/`-changed`.
//!
//! A changed `pattern` or `format` is `unknown`: whether one language contains the other
//! is the semantic check's question.

use super::Effect;
use super::node::Node;
use super::walk::{Walker, compact_json};
use crate::rules::RuleId;

/// Compares the string keywords of two nodes.
pub(crate) fn diff<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    ctx.count_keyword(
        o,
        n,
        "minLength",
        true,
        [
            RuleId::MinLengthIncreased,
            RuleId::MinLengthDecreased,
            RuleId::MinLengthIncreased,
            RuleId::MinLengthDecreased,
        ],
    );
    ctx.count_keyword(
        o,
        n,
        "maxLength",
        false,
        [
            RuleId::MaxLengthAdded,
            RuleId::MaxLengthRemoved,
            RuleId::MaxLengthIncreased,
            RuleId::MaxLengthDecreased,
        ],
    );
    for (key, ids) in [
        (
            "pattern",
            [
                RuleId::PatternAdded,
                RuleId::PatternRemoved,
                RuleId::PatternChanged,
            ],
        ),
        (
            "format",
            [
                RuleId::FormatAdded,
                RuleId::FormatRemoved,
                RuleId::FormatChanged,
            ],
        ),
    ] {
        let os = o.get(key);
        let ns = n.get(key);
        let [added, removed, changed] = ids;
        match (os, ns) {
            (None, None) => {}
            (None, Some(b)) => {
                let msg = format!("`{key}` `{}` added", compact_json(b.value));
                ctx.emit(added, &b.ptr, None, Some(b.value), Effect::Narrows, msg);
            }
            (Some(a), None) => {
                let msg = format!("`{key}` `{}` removed", compact_json(a.value));
                ctx.emit(removed, &a.ptr, Some(a.value), None, Effect::Widens, msg);
            }
            (Some(a), Some(b)) => {
                if a.value != b.value {
                    let msg = format!(
                        "`{key}` changed from `{}` to `{}`",
                        compact_json(a.value),
                        compact_json(b.value)
                    );
                    ctx.emit(
                        changed,
                        &a.ptr,
                        Some(a.value),
                        Some(b.value),
                        Effect::Unknown,
                        msg,
                    );
                }
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
    fn lengths() {
        assert_eq!(
            ids(json!({"maxLength": 10}), json!({"maxLength": 5})),
            [("max-length-decreased", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({}), json!({"minLength": 1})),
            [("min-length-increased", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({"maxLength": 3}), json!({})),
            [("max-length-removed", Effect::Widens)]
        );
        assert!(ids(json!({"minLength": 0}), json!({})).is_empty());
    }

    #[test]
    fn pattern_and_format() {
        assert_eq!(
            ids(json!({}), json!({"pattern": "^a"})),
            [("pattern-added", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({"format": "date"}), json!({"format": "date-time"})),
            [("format-changed", Effect::Unknown)]
        );
    }
}
