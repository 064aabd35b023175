//! `$ref`: `ref-target-changed`.
//!
//! Local references are followed while nodes are built (see `node.rs`), so a definition
//! renamed or inlined compares by its body: only real differences inside it are
//! reported. A reference whose target changed is noted with effect `none` when both
//! targets resolve (their bodies are compared), `unknown` when one does not.

use super::Effect;
use super::node::{Doc, Located, Node};
use super::walk::{Polarity, Walker};
use crate::rules::RuleId;

/// Notes a followed `$ref` that names a different target than before.
pub(crate) fn diff_followed<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    if let (Some(a), Some(b)) = (o.refs.first(), n.refs.first())
        && a != b
    {
        let av = serde_json::Value::String((*a).to_owned());
        let bv = serde_json::Value::String((*b).to_owned());
        let msg =
            format!("`$ref` changed from `{a}` to `{b}`; the targets are compared by their bodies");
        ctx.emit(
            RuleId::RefTargetChanged,
            &format!("{}/$ref", o.at),
            Some(&av),
            Some(&bv),
            Effect::None,
            msg,
        );
    }
}

/// Compares `$ref`s kept as keywords: beside other keywords (2019-09+), or unresolvable.
pub(crate) fn diff_kept<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    let (os, ns) = (o.get("$ref").cloned(), n.get("$ref").cloned());
    if os.is_none() && ns.is_none() {
        return;
    }
    let target = |doc: &Doc<'a>, s: &Option<Located<'a>>| {
        s.as_ref()
            .and_then(|s| s.value.as_str())
            .and_then(|r| doc.resolve(r))
    };
    let ot = target(ctx.old_doc(), &os);
    let nt = target(ctx.new_doc(), &ns);
    if let (Some(a), Some(b)) = (ot, nt) {
        ctx.walk_ref(a, b, Polarity::Monotone);
        return;
    }
    if os.as_ref().map(|s| s.value) == ns.as_ref().map(|s| s.value) {
        // The same unresolvable reference on both sides: assume the same target.
        return;
    }
    let ptr = os
        .as_ref()
        .or(ns.as_ref())
        .map(|s| s.ptr.clone())
        .unwrap_or_default();
    let msg = "`$ref` changed and a target cannot be resolved within the document".to_owned();
    ctx.emit(
        RuleId::RefTargetChanged,
        &ptr,
        os.as_ref().map(|s| s.value),
        ns.as_ref().map(|s| s.value),
        Effect::Unknown,
        msg,
    );
}

#[cfg(test)]
mod tests {
    use crate::schema::diff::{Effect, structural_changes};
    use serde_json::json;

    #[test]
    fn renamed_definition_compares_bodies() {
        let old =
            json!({"properties": {"a": {"$ref": "#/$defs/A"}}, "$defs": {"A": {"type": "string"}}});
        let new = json!({"properties": {"a": {"$ref": "#/$defs/B"}}, "$defs": {"B": {"type": "string", "maxLength": 3}}});
        let c: Vec<_> = structural_changes(&old, &new)
            .into_iter()
            .map(|c| (c.rule_id.as_str(), c.pointer, c.effect))
            .collect();
        assert_eq!(
            c,
            [
                (
                    "max-length-added",
                    "/$defs/B/maxLength".to_owned(),
                    Effect::Narrows
                ),
                (
                    "ref-target-changed",
                    "/properties/a/$ref".to_owned(),
                    Effect::None
                ),
            ]
        );
    }

    #[test]
    fn recursive_refs_terminate() {
        let old = json!({"$ref": "#/$defs/n", "$defs": {"n": {"properties": {"next": {"$ref": "#/$defs/n"}, "v": {"type": "string"}}}}});
        let new = json!({"$ref": "#/$defs/n", "$defs": {"n": {"properties": {"next": {"$ref": "#/$defs/n"}, "v": {"type": "integer"}}}}});
        let c: Vec<_> = structural_changes(&old, &new)
            .into_iter()
            .map(|c| c.rule_id.as_str())
            .collect();
        assert_eq!(c, ["type-changed"]);
    }

    #[test]
    fn inlined_definition_is_no_change() {
        let old = json!({"properties": {"a": {"$ref": "#/definitions/A"}}, "definitions": {"A": {"type": "string"}}});
        let new = json!({"properties": {"a": {"type": "string"}}});
        assert!(structural_changes(&old, &new).is_empty());
    }
}
