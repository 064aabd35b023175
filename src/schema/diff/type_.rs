//! `type` (with `nullable` and single-type `anyOf` already read into a type set):
//! `type-narrowed`, `type-widened`, `type-changed`, `nullable-added`, `nullable-removed`.
//!
//! `integer` counts as part of `number`, so `[integer, number]` equals `number` and a
//! reordered type list is no change.

use std::collections::BTreeSet;

use super::Effect;
use super::node::{Node, Ty};
use super::walk::Walker;
use crate::rules::RuleId;

const ALL: [Ty; 6] = [
    Ty::Null,
    Ty::Boolean,
    Ty::Object,
    Ty::Array,
    Ty::Number,
    Ty::String,
];

fn covered(t: Ty, set: &BTreeSet<Ty>) -> bool {
    set.contains(&t) || (t == Ty::Integer && set.contains(&Ty::Number))
}

fn names(set: &BTreeSet<Ty>) -> String {
    let v: Vec<String> = set.iter().map(|t| format!("`{}`", t.name())).collect();
    v.join(", ")
}

/// Compares the type sets of two nodes.
pub(crate) fn diff<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    if o.types.is_none() && n.types.is_none() {
        return;
    }
    let full: BTreeSet<Ty> = ALL.into_iter().collect();
    let oset = o
        .types
        .as_ref()
        .map_or_else(|| full.clone(), |t| t.set.clone());
    let nset = n.types.as_ref().map_or(full, |t| t.set.clone());
    let lost: BTreeSet<Ty> = oset
        .iter()
        .copied()
        .filter(|t| !covered(*t, &nset))
        .collect();
    let gained: BTreeSet<Ty> = nset
        .iter()
        .copied()
        .filter(|t| !covered(*t, &oset))
        .collect();
    if lost.is_empty() && gained.is_empty() {
        return;
    }
    let ptr = o.types.as_ref().map_or_else(
        || {
            n.types
                .as_ref()
                .map_or_else(|| n.kw_ptr("type"), |t| t.ptr.clone())
        },
        |t| t.ptr.clone(),
    );
    let oraw = o.types.as_ref().map(|t| &t.raw);
    let nraw = n.types.as_ref().map(|t| &t.raw);
    let null = BTreeSet::from([Ty::Null]);
    let (id, effect, msg) = if lost.is_empty() && gained == null {
        (
            RuleId::NullableAdded,
            Effect::Widens,
            "`null` is now accepted".to_owned(),
        )
    } else if gained.is_empty() && lost == null {
        (
            RuleId::NullableRemoved,
            Effect::Narrows,
            "`null` is no longer accepted".to_owned(),
        )
    } else if gained.is_empty() {
        (
            RuleId::TypeNarrowed,
            Effect::Narrows,
            format!("type no longer accepts {}", names(&lost)),
        )
    } else if lost.is_empty() {
        (
            RuleId::TypeWidened,
            Effect::Widens,
            format!("type now also accepts {}", names(&gained)),
        )
    } else {
        (
            RuleId::TypeChanged,
            Effect::Changes,
            format!(
                "type no longer accepts {} and now accepts {}",
                names(&lost),
                names(&gained)
            ),
        )
    };
    ctx.emit(id, &ptr, oraw, nraw, effect, msg);
}

#[cfg(test)]
mod tests {
    use crate::schema::diff::{Effect, structural_changes};
    use serde_json::json;

    #[expect(clippy::needless_pass_by_value, reason = "takes `json!` literals")]
    fn one(old: serde_json::Value, new: serde_json::Value) -> Vec<(&'static str, Effect)> {
        structural_changes(&old, &new)
            .into_iter()
            .map(|c| (c.rule_id.as_str(), c.effect))
            .collect()
    }

    #[test]
    fn narrowed_widened_changed() {
        assert_eq!(
            one(
                json!({"type": ["string", "number"]}),
                json!({"type": "string"})
            ),
            [("type-narrowed", Effect::Narrows)]
        );
        assert_eq!(
            one(json!({"type": "integer"}), json!({"type": "number"})),
            [("type-widened", Effect::Widens)]
        );
        assert_eq!(
            one(json!({"type": "string"}), json!({"type": "object"})),
            [("type-changed", Effect::Changes)]
        );
        assert_eq!(
            one(json!({}), json!({"type": "object"})),
            [("type-narrowed", Effect::Narrows)]
        );
    }

    #[test]
    fn nullable_and_reorder() {
        assert_eq!(
            one(
                json!({"type": "string"}),
                json!({"type": ["null", "string"]})
            ),
            [("nullable-added", Effect::Widens)]
        );
        assert_eq!(
            one(
                json!({"type": ["string", "null"]}),
                json!({"type": "string"})
            ),
            [("nullable-removed", Effect::Narrows)]
        );
        assert!(
            one(
                json!({"type": ["string", "null"]}),
                json!({"type": ["null", "string"]})
            )
            .is_empty()
        );
        assert!(
            one(
                json!({"type": ["integer", "number"]}),
                json!({"type": "number"})
            )
            .is_empty()
        );
    }
}
