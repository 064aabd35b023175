//! `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`.
//!
//! Members are paired first by equality (so a reordered list is no change), then by
//! resemblance (same `type`, shared property names, same `$ref`). A member added to
//! `anyOf` widens, to `allOf` narrows; under `oneOf` either can happen (unknown). A
//! switch between combinators (`allOf` → `anyOf`, ...) is `combinator-changed`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::Effect;
use super::node::{Located, Node, same};
use super::walk::{OpenKeywordRules, Polarity, Walker};
use crate::rules::RuleId;

const KINDS: [&str; 3] = ["allOf", "anyOf", "oneOf"];

fn members<'a>(s: &Located<'a>) -> Vec<Located<'a>> {
    let len = s.value.as_array().map_or(0, Vec::len);
    (0..len).filter_map(|i| s.index(i)).collect()
}

fn resemblance(a: &Value, b: &Value) -> usize {
    let mut score = 0;
    if a.get("type").is_some() && a.get("type") == b.get("type") {
        score += 4;
    }
    if a.get("$ref").is_some() && a.get("$ref") == b.get("$ref") {
        score += 8;
    }
    if let (Some(pa), Some(pb)) = (
        a.get("properties").and_then(Value::as_object),
        b.get("properties").and_then(Value::as_object),
    ) {
        score += pa.keys().filter(|k| pb.contains_key(*k)).count() * 2;
        for (k, v) in pa {
            if v.get("const").is_some() && pb.get(k).and_then(|w| w.get("const")) == v.get("const")
            {
                score += 16;
            }
        }
    }
    score
}

/// Pairs old and new members: equal ones first, then the most alike; returns the
/// pairs (old index, new index) and the unpaired indexes on each side.
fn pair(old: &[Located<'_>], new: &[Located<'_>]) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut used_new = vec![false; new.len()];
    let mut matched: Vec<Option<usize>> = vec![None; old.len()];
    for (i, a) in old.iter().enumerate() {
        if let Some(j) = (0..new.len()).find(|&j| {
            !used_new.get(j).copied().unwrap_or(true)
                && new.get(j).is_some_and(|b| same(b.value, a.value))
        }) && let (Some(m), Some(u)) = (matched.get_mut(i), used_new.get_mut(j))
        {
            *m = Some(j);
            *u = true;
        }
    }
    for (i, a) in old.iter().enumerate() {
        if matched.get(i).copied().flatten().is_some() {
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        for (j, b) in new.iter().enumerate() {
            if used_new.get(j).copied().unwrap_or(true) {
                continue;
            }
            let s = resemblance(a.value, b.value);
            if best.is_none_or(|(_, bs)| s > bs) {
                best = Some((j, s));
            }
        }
        if let Some((j, _)) = best
            && let (Some(m), Some(u)) = (matched.get_mut(i), used_new.get_mut(j))
        {
            *m = Some(j);
            *u = true;
        }
    }
    let pairs: Vec<(usize, usize)> = matched
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.map(|j| (i, j)))
        .collect();
    let removed = matched
        .iter()
        .enumerate()
        .filter(|(_, m)| m.is_none())
        .map(|(i, _)| i)
        .collect();
    let added = used_new
        .iter()
        .enumerate()
        .filter(|(_, u)| !**u)
        .map(|(j, _)| j)
        .collect();
    (pairs, removed, added)
}

/// Rule IDs and effects for one combinator kind.
struct KindRules {
    added: RuleId,
    removed: RuleId,
    member_added: (RuleId, Effect),
    member_removed: (RuleId, Effect),
    pol: Polarity,
}

fn rules(kind: &str) -> KindRules {
    match kind {
        "allOf" => KindRules {
            added: RuleId::AllOfAdded,
            removed: RuleId::AllOfRemoved,
            member_added: (RuleId::AllOfMemberAdded, Effect::Narrows),
            member_removed: (RuleId::AllOfMemberRemoved, Effect::Widens),
            pol: Polarity::Monotone,
        },
        "anyOf" => KindRules {
            added: RuleId::AnyOfAdded,
            removed: RuleId::AnyOfRemoved,
            member_added: (RuleId::AnyOfMemberAdded, Effect::Widens),
            member_removed: (RuleId::AnyOfMemberRemoved, Effect::Narrows),
            pol: Polarity::Monotone,
        },
        _ => KindRules {
            added: RuleId::OneOfAdded,
            removed: RuleId::OneOfRemoved,
            member_added: (RuleId::OneOfMemberAdded, Effect::Unknown),
            member_removed: (RuleId::OneOfMemberRemoved, Effect::Unknown),
            pol: Polarity::Unknown,
        },
    }
}

/// Compares two member lists of kind `kind` (the new side's kind).
fn diff_members<'a>(
    ctx: &mut Walker<'a>,
    os: &Located<'a>,
    ns: &Located<'a>,
    kind: &str,
    pol: Polarity,
) {
    let om = members(os);
    let nm = members(ns);
    let r = rules(kind);
    let (pairs, removed, added) = pair(&om, &nm);
    for (i, j) in pairs {
        if let (Some(a), Some(b)) = (om.get(i), nm.get(j)) {
            ctx.walk(a.clone(), b.clone(), pol);
        }
    }
    // Under `allOf` and `anyOf` a member equal to another member of the same list adds
    // nothing; under `oneOf` a duplicate matters (a value then matches two members).
    let duplicate = |list: &[Located<'a>], at: usize| {
        kind != "oneOf"
            && list
                .iter()
                .enumerate()
                .any(|(k, m)| k != at && list.get(at).is_some_and(|x| same(x.value, m.value)))
    };
    for i in removed {
        if let Some(a) = om.get(i) {
            let dup = duplicate(&om, i);
            let effect = if dup {
                Effect::None
            } else {
                r.member_removed.1
            };
            let note = if dup {
                " (a duplicate of another member)"
            } else {
                ""
            };
            let msg = format!("`{kind}` member {i} removed{note}");
            ctx.emit(r.member_removed.0, &a.ptr, Some(a.value), None, effect, msg);
        }
    }
    for j in added {
        if let Some(b) = nm.get(j) {
            let dup = duplicate(&nm, j);
            let effect = if dup { Effect::None } else { r.member_added.1 };
            let note = if dup {
                " (a duplicate of another member)"
            } else {
                ""
            };
            let msg = format!("`{kind}` member {j} added{note}");
            ctx.emit(r.member_added.0, &b.ptr, None, Some(b.value), effect, msg);
        }
    }
}

/// Effect of switching the same members from combinator `from` to `to`.
fn switch_effect(from: &str, to: &str) -> Effect {
    // allOf ⊆ anyOf and oneOf ⊆ anyOf for the same members.
    match (from, to) {
        ("allOf" | "oneOf", "anyOf") => Effect::Widens,
        ("anyOf", "allOf" | "oneOf") => Effect::Narrows,
        _ => Effect::Unknown,
    }
}

/// Compares the combinators of two nodes.
#[expect(
    clippy::many_single_char_names,
    reason = "`o`/`n` are the old and new node in every family"
)]
pub(crate) fn diff<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    let present = |x: &Node<'a>| -> Vec<&'static str> {
        KINDS
            .into_iter()
            .filter(|k| x.get(k).is_some_and(|s| s.value.is_array()))
            .collect()
    };
    let ok = present(o);
    let nk = present(n);
    let mut done: BTreeSet<&str> = BTreeSet::new();
    if let ([from], [to]) = (ok.as_slice(), nk.as_slice())
        && from != to
        && let (Some(os), Some(ns)) = (o.get(from).cloned(), n.get(to).cloned())
    {
        let msg = format!("`{from}` replaced by `{to}`");
        ctx.emit(
            RuleId::CombinatorChanged,
            &os.ptr,
            Some(os.value),
            Some(ns.value),
            switch_effect(from, to),
            msg,
        );
        let pol = if *from == "oneOf" || *to == "oneOf" {
            Polarity::Unknown
        } else {
            Polarity::Monotone
        };
        diff_members(ctx, &os, &ns, to, pol);
        done.insert(from);
        done.insert(to);
    }
    for kind in KINDS {
        if done.contains(kind) {
            continue;
        }
        let r = rules(kind);
        match (o.get(kind).cloned(), n.get(kind).cloned()) {
            (None, None) => {}
            (None, Some(b)) => {
                let msg = format!("`{kind}` added");
                ctx.emit(r.added, &b.ptr, None, Some(b.value), Effect::Narrows, msg);
            }
            (Some(a), None) => {
                let msg = format!("`{kind}` removed");
                ctx.emit(r.removed, &a.ptr, Some(a.value), None, Effect::Widens, msg);
            }
            (Some(a), Some(b)) => diff_members(ctx, &a, &b, kind, r.pol),
        }
    }
    ctx.presence_keyword(
        o,
        n,
        "not",
        (RuleId::NotAdded, Effect::Narrows),
        (RuleId::NotRemoved, Effect::Widens),
        Polarity::Antitone,
    );
    ctx.presence_keyword(
        o,
        n,
        "if",
        (RuleId::IfAdded, Effect::Unknown),
        (RuleId::IfRemoved, Effect::Unknown),
        Polarity::Unknown,
    );
    let has_if = |x: &Node<'a>| x.get("if").is_some();
    if has_if(o) || has_if(n) {
        let pol = if has_if(o) && has_if(n) {
            Polarity::Monotone
        } else {
            Polarity::Unknown
        };
        ctx.open_keyword(
            o,
            n,
            "then",
            &OpenKeywordRules {
                closed: None,
                opened: None,
                narrowed: RuleId::ThenAdded,
                widened: RuleId::ThenRemoved,
            },
            pol,
        );
        ctx.open_keyword(
            o,
            n,
            "else",
            &OpenKeywordRules {
                closed: None,
                opened: None,
                narrowed: RuleId::ElseAdded,
                widened: RuleId::ElseRemoved,
            },
            pol,
        );
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
    fn members_paired_by_equality() {
        let a = json!({"type": "object", "properties": {"x": {}}});
        let b = json!({"type": "array"});
        assert!(ids(json!({"anyOf": [a, b]}), json!({"anyOf": [b, a]})).is_empty());
        assert_eq!(
            ids(json!({"anyOf": [a, b]}), json!({"anyOf": [a]})),
            [("any-of-member-removed", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({"oneOf": [a]}), json!({"oneOf": [a, b]})),
            [("one-of-member-added", Effect::Unknown)]
        );
    }

    #[test]
    fn not_inverts_and_if_is_unknown() {
        assert_eq!(
            ids(
                json!({"not": {"maxLength": 3}}),
                json!({"not": {"maxLength": 2}})
            ),
            [("max-length-decreased", Effect::Widens)]
        );
        assert_eq!(
            ids(
                json!({"if": {"maxLength": 3}, "then": {"minLength": 1}}),
                json!({"if": {"maxLength": 2}, "then": {"minLength": 1}})
            ),
            [("max-length-decreased", Effect::Unknown)]
        );
        assert_eq!(
            ids(json!({}), json!({"not": {"type": "null"}})),
            [("not-added", Effect::Narrows)]
        );
    }

    #[test]
    fn combinator_switch() {
        let m =
            json!([{"type": "object", "required": ["a"]}, {"type": "object", "required": ["b"]}]);
        assert_eq!(
            ids(json!({"allOf": m}), json!({"anyOf": m})),
            [("combinator-changed", Effect::Widens)]
        );
    }

    #[test]
    fn all_of_split_is_equivalent() {
        let old =
            json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]});
        let new = json!({"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}}, {"required": ["a"]}]});
        let c = structural_changes(&old, &new);
        assert!(c.iter().all(|c| c.effect == Effect::None), "{c:?}");
        let old = json!({"type": ["string", "null"]});
        let new = json!({"anyOf": [{"type": "string"}, {"type": "null"}]});
        let c = structural_changes(&old, &new);
        assert!(c.iter().all(|c| c.effect == Effect::None), "{c:?}");
    }
}
