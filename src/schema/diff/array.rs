//! Array keywords: tuple positions (`prefixItems`, or draft-07 array-form `items`), the
//! rest (`items`, or draft-07 `additionalItems`), `unevaluatedItems`, `minItems`,
//! `maxItems`, `uniqueItems`, `contains`, `minContains`, `maxContains`.
//!
//! Both tuple spellings are read into one form (positions + rest), so draft-07
//! `items: [a], additionalItems: false` against 2020-12 `prefixItems: [a], items: false`
//! is no change.

use serde_json::Value;

use super::Effect;
use super::node::{Located, Node, is_trivially_true};
use super::walk::{OpenKeywordRules, Polarity, Walker};
use crate::rules::RuleId;

/// Tuple positions and the schema for the rest.
struct Shape<'a> {
    prefix: Vec<Located<'a>>,
    rest: Option<Located<'a>>,
    rest_ptr: String,
    /// `unevaluatedItems`, which governs the rest when the rest keyword is absent.
    unevaluated: Option<&'a Value>,
}

fn shape<'a>(n: &Node<'a>) -> Shape<'a> {
    let unevaluated = n.get("unevaluatedItems").map(|s| s.value);
    let list = |s: &Located<'a>| -> Vec<Located<'a>> {
        let len = s.value.as_array().map_or(0, Vec::len);
        (0..len).filter_map(|i| s.index(i)).collect()
    };
    if let Some(p) = n.get("prefixItems").filter(|s| s.value.is_array()) {
        return Shape {
            prefix: list(p),
            rest: n.get("items").cloned(),
            rest_ptr: n.kw_ptr("items"),
            unevaluated,
        };
    }
    match n.get("items") {
        Some(i) if i.value.is_array() => Shape {
            prefix: list(i),
            rest: n.get("additionalItems").cloned(),
            rest_ptr: n.kw_ptr("additionalItems"),
            unevaluated,
        },
        other => Shape {
            prefix: Vec::new(),
            rest: other.cloned(),
            rest_ptr: n.kw_ptr("items"),
            unevaluated,
        },
    }
}

enum Rest {
    Open,
    Closed,
    Other,
}

fn rest_kind(s: &Shape<'_>) -> Rest {
    match s.rest.as_ref().map(|r| r.value).or(s.unevaluated) {
        None => Rest::Open,
        Some(Value::Bool(false)) => Rest::Closed,
        Some(v) if is_trivially_true(v) => Rest::Open,
        Some(_) => Rest::Other,
    }
}

/// Compares the array keywords of two nodes.
pub(crate) fn diff<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    let os = shape(o);
    let ns = shape(n);
    let len = os.prefix.len().max(ns.prefix.len());
    for i in 0..len {
        match (os.prefix.get(i), ns.prefix.get(i)) {
            (Some(a), Some(b)) => ctx.walk(a.clone(), b.clone(), Polarity::Monotone),
            (Some(a), None) => {
                let (effect, why) = match rest_kind(&ns) {
                    Rest::Open if is_trivially_true(a.value) => {
                        (Effect::None, "it accepted anything")
                    }
                    Rest::Open => (Effect::Widens, "the position now accepts any value"),
                    Rest::Closed if a.value == &Value::Bool(false) => {
                        (Effect::None, "arrays that long stay rejected")
                    }
                    Rest::Closed => (Effect::Narrows, "arrays that long are now rejected"),
                    Rest::Other => (
                        Effect::Unknown,
                        "the position now falls under the rest schema",
                    ),
                };
                let msg = format!("tuple position {i} removed; {why}");
                ctx.emit(
                    RuleId::PrefixItemsRemoved,
                    &a.ptr,
                    Some(a.value),
                    None,
                    effect,
                    msg,
                );
            }
            (None, Some(b)) => {
                let (effect, why) = match rest_kind(&os) {
                    Rest::Open if is_trivially_true(b.value) => {
                        (Effect::None, "it accepts anything")
                    }
                    Rest::Open => (Effect::Narrows, "the position was unconstrained before"),
                    Rest::Closed if b.value == &Value::Bool(false) => {
                        (Effect::None, "arrays that long stay rejected")
                    }
                    Rest::Closed => (Effect::Widens, "arrays that long were rejected before"),
                    Rest::Other => (
                        Effect::Unknown,
                        "the position fell under the rest schema before",
                    ),
                };
                let msg = format!("tuple position {i} added; {why}");
                ctx.emit(
                    RuleId::PrefixItemsAdded,
                    &b.ptr,
                    None,
                    Some(b.value),
                    effect,
                    msg,
                );
            }
            (None, None) => {}
        }
    }
    let tuple = !os.prefix.is_empty() || !ns.prefix.is_empty();
    let ids = if tuple {
        OpenKeywordRules {
            closed: Some(RuleId::AdditionalItemsClosed),
            opened: Some(RuleId::AdditionalItemsOpened),
            narrowed: RuleId::AdditionalItemsNarrowed,
            widened: RuleId::AdditionalItemsWidened,
        }
    } else {
        OpenKeywordRules {
            closed: None,
            opened: None,
            narrowed: RuleId::ItemsAdded,
            widened: RuleId::ItemsRemoved,
        }
    };
    let label = if os.rest.is_some() {
        &os.rest_ptr
    } else {
        &ns.rest_ptr
    };
    let label = label.rsplit('/').next().unwrap_or("items").to_owned();
    ctx.open_pair(
        os.rest,
        ns.rest,
        &os.rest_ptr,
        &ns.rest_ptr,
        &label,
        &ids,
        Polarity::Monotone,
    );
    ctx.open_keyword(
        o,
        n,
        "unevaluatedItems",
        &OpenKeywordRules {
            closed: Some(RuleId::UnevaluatedItemsClosed),
            opened: Some(RuleId::UnevaluatedItemsOpened),
            narrowed: RuleId::UnevaluatedItemsNarrowed,
            widened: RuleId::UnevaluatedItemsWidened,
        },
        Polarity::Monotone,
    );
    ctx.count_keyword(
        o,
        n,
        "minItems",
        true,
        [
            RuleId::MinItemsIncreased,
            RuleId::MinItemsDecreased,
            RuleId::MinItemsIncreased,
            RuleId::MinItemsDecreased,
        ],
    );
    ctx.count_keyword(
        o,
        n,
        "maxItems",
        false,
        [
            RuleId::MaxItemsAdded,
            RuleId::MaxItemsRemoved,
            RuleId::MaxItemsIncreased,
            RuleId::MaxItemsDecreased,
        ],
    );
    let unique = |x: &Node<'_>| {
        x.get("uniqueItems")
            .is_some_and(|s| s.value == &Value::Bool(true))
    };
    match (unique(o), unique(n)) {
        (false, true) => {
            let v = n.get("uniqueItems").map(|s| s.value);
            ctx.emit(
                RuleId::UniqueItemsAdded,
                &n.kw_ptr("uniqueItems"),
                None,
                v,
                Effect::Narrows,
                "array items must now be unique".to_owned(),
            );
        }
        (true, false) => {
            let v = o.get("uniqueItems").map(|s| s.value);
            ctx.emit(
                RuleId::UniqueItemsRemoved,
                &o.kw_ptr("uniqueItems"),
                v,
                None,
                Effect::Widens,
                "array items no longer need to be unique".to_owned(),
            );
        }
        _ => {}
    }
    ctx.presence_keyword(
        o,
        n,
        "contains",
        (RuleId::ContainsAdded, Effect::Narrows),
        (RuleId::ContainsRemoved, Effect::Widens),
        Polarity::Monotone,
    );
    ctx.count_keyword(
        o,
        n,
        "minContains",
        true,
        [
            RuleId::MinContainsIncreased,
            RuleId::MinContainsDecreased,
            RuleId::MinContainsIncreased,
            RuleId::MinContainsDecreased,
        ],
    );
    ctx.count_keyword(
        o,
        n,
        "maxContains",
        false,
        [
            RuleId::MaxContainsAdded,
            RuleId::MaxContainsRemoved,
            RuleId::MaxContainsIncreased,
            RuleId::MaxContainsDecreased,
        ],
    );
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
    fn tuple_spellings_are_equal() {
        let old = json!({"$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "string"}], "additionalItems": false});
        let new = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "prefixItems": [{"type": "string"}], "items": false});
        let c = structural_changes(&old, &new);
        assert!(c.iter().all(|c| c.effect == Effect::None), "{c:?}");
    }

    #[test]
    fn tuple_positions() {
        assert_eq!(
            ids(
                json!({"prefixItems": [{}]}),
                json!({"prefixItems": [{}, {"type": "string"}]})
            ),
            [("prefix-items-added", Effect::Narrows)]
        );
        assert_eq!(
            ids(
                json!({"prefixItems": [{}], "items": false}),
                json!({"prefixItems": [{}, {"type": "string"}], "items": false})
            ),
            [("prefix-items-added", Effect::Widens)]
        );
        assert_eq!(
            ids(
                json!({"prefixItems": [{}]}),
                json!({"prefixItems": [{}], "items": false})
            ),
            [("additional-items-closed", Effect::Narrows)]
        );
    }

    #[test]
    fn items_and_counts() {
        assert_eq!(
            ids(json!({}), json!({"items": {"type": "string"}})),
            [("items-added", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({"maxItems": 3}), json!({"maxItems": 2})),
            [("max-items-decreased", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({}), json!({"uniqueItems": true})),
            [("unique-items-added", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({"contains": {"type": "string"}}), json!({})),
            [("contains-removed", Effect::Widens)]
        );
    }
}
