//! Object keywords: `properties`, `required`, `additionalProperties`,
//! `unevaluatedProperties`, `patternProperties`, `propertyNames`, `minProperties`,
//! `maxProperties`, `dependentRequired`, `dependentSchemas` (and draft-07
//! `dependencies`, split into the two).
//!
//! Whether adding or removing a property narrows or widens depends on the parent: a
//! property removed from an open object becomes unconstrained (widens), removed from a
//! closed object becomes forbidden (narrows), and with `patternProperties` or an
//! `additionalProperties` schema the structure cannot tell (unknown).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::Effect;
use super::node::{Located, Node, escape, is_trivially_true, same_and_self_contained};
use super::walk::{OpenKeywordRules, Polarity, Walker};
use crate::rules::RuleId;

/// How a node treats a property name it does not list.
enum Rest {
    /// Anything goes.
    Open,
    /// Forbidden.
    Closed,
    /// Depends on a schema or on patterns.
    Other,
}

fn rest(n: &Node<'_>) -> Rest {
    if n.get("patternProperties")
        .and_then(|s| s.value.as_object())
        .is_some_and(|m| !m.is_empty())
    {
        return Rest::Other;
    }
    let ap = n
        .get("additionalProperties")
        .or_else(|| n.get("unevaluatedProperties"));
    match ap.map(|s| s.value) {
        None => Rest::Open,
        Some(Value::Bool(false)) => Rest::Closed,
        Some(v) if is_trivially_true(v) => Rest::Open,
        Some(_) => Rest::Other,
    }
}

/// The `properties` maps of a node (several when `allOf` members were folded).
fn property_maps<'a, 'n>(n: &'n Node<'a>) -> Vec<(&'n Located<'a>, &'a Map<String, Value>)> {
    n.kw.get("properties")
        .into_iter()
        .flatten()
        .filter_map(|s| s.value.as_object().map(|m| (s, m)))
        .collect()
}

/// A property's schema and pointer, looked up in a node's `properties` maps.
fn lookup<'a>(maps: &[(&Located<'a>, &'a Map<String, Value>)], name: &str) -> Option<Located<'a>> {
    maps.iter().find_map(|(src, m)| {
        m.get(name)
            .map(|v| Located::new(v, format!("{}/{}", src.ptr, escape(name))))
    })
}

fn required<'a>(n: &Node<'a>) -> BTreeSet<&'a str> {
    n.kw.get("required")
        .into_iter()
        .flatten()
        .filter_map(|s| s.value.as_array())
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// `dependentRequired` entries, with draft-07 array-valued `dependencies`.
fn dependent_required<'a>(n: &Node<'a>) -> BTreeMap<&'a str, (Located<'a>, BTreeSet<&'a str>)> {
    let mut out = BTreeMap::new();
    for key in ["dependentRequired", "dependencies"] {
        let Some(src) = n.get(key) else { continue };
        let Some(m) = src.value.as_object() else {
            continue;
        };
        for (k, v) in m {
            if let (Some(list), Some(c)) = (v.as_array(), src.child(k)) {
                let names = list.iter().filter_map(Value::as_str).collect();
                out.entry(k.as_str()).or_insert((c, names));
            }
        }
    }
    out
}

/// `dependentSchemas` entries, with draft-07 schema-valued `dependencies`.
fn dependent_schemas<'a>(n: &Node<'a>) -> BTreeMap<&'a str, Located<'a>> {
    let mut out = BTreeMap::new();
    for key in ["dependentSchemas", "dependencies"] {
        let Some(src) = n.get(key) else { continue };
        let Some(m) = src.value.as_object() else {
            continue;
        };
        for (k, v) in m {
            if !v.is_array()
                && let Some(c) = src.child(k)
            {
                out.entry(k.as_str()).or_insert(c);
            }
        }
    }
    out
}

fn names(set: &BTreeSet<&str>) -> String {
    let v: Vec<String> = set.iter().map(|s| format!("`{s}`")).collect();
    v.join(", ")
}

/// Compares the object keywords of two nodes.
pub(crate) fn diff<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    diff_properties(ctx, o, n);
    diff_required(ctx, o, n);
    ctx.open_keyword(
        o,
        n,
        "additionalProperties",
        &OpenKeywordRules {
            closed: Some(RuleId::AdditionalPropertiesClosed),
            opened: Some(RuleId::AdditionalPropertiesOpened),
            narrowed: RuleId::AdditionalPropertiesNarrowed,
            widened: RuleId::AdditionalPropertiesWidened,
        },
        Polarity::Monotone,
    );
    ctx.open_keyword(
        o,
        n,
        "unevaluatedProperties",
        &OpenKeywordRules {
            closed: Some(RuleId::UnevaluatedPropertiesClosed),
            opened: Some(RuleId::UnevaluatedPropertiesOpened),
            narrowed: RuleId::UnevaluatedPropertiesNarrowed,
            widened: RuleId::UnevaluatedPropertiesWidened,
        },
        Polarity::Monotone,
    );
    diff_pattern_properties(ctx, o, n);
    ctx.open_keyword(
        o,
        n,
        "propertyNames",
        &OpenKeywordRules {
            closed: None,
            opened: None,
            narrowed: RuleId::PropertyNamesAdded,
            widened: RuleId::PropertyNamesRemoved,
        },
        Polarity::Monotone,
    );
    ctx.count_keyword(
        o,
        n,
        "minProperties",
        true,
        [
            RuleId::MinPropertiesIncreased,
            RuleId::MinPropertiesDecreased,
            RuleId::MinPropertiesIncreased,
            RuleId::MinPropertiesDecreased,
        ],
    );
    ctx.count_keyword(
        o,
        n,
        "maxProperties",
        false,
        [
            RuleId::MaxPropertiesAdded,
            RuleId::MaxPropertiesRemoved,
            RuleId::MaxPropertiesIncreased,
            RuleId::MaxPropertiesDecreased,
        ],
    );
    diff_dependencies(ctx, o, n);
}

fn diff_properties<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    let om = property_maps(o);
    let nm = property_maps(n);
    // Old names in document order, then names only the new side has; the output is
    // sorted by pointer afterwards.
    let mut names: Vec<&'a str> = om
        .iter()
        .flat_map(|(_, m)| m.keys().map(String::as_str))
        .collect();
    names.extend(
        nm.iter()
            .flat_map(|(_, m)| m.keys().map(String::as_str))
            .filter(|k| !om.iter().any(|(_, m)| m.contains_key(*k))),
    );
    for name in names {
        let raw = |maps: &[(&Located<'a>, &'a Map<String, Value>)]| {
            maps.iter().find_map(|(_, m)| m.get(name))
        };
        if let (Some(a), Some(b)) = (raw(&om), raw(&nm))
            && same_and_self_contained(a, b)
        {
            continue;
        }
        match (lookup(&om, name), lookup(&nm, name)) {
            (Some(a), Some(b)) => ctx.walk(a, b, Polarity::Monotone),
            (Some(a), None) => {
                let (effect, why) = match rest(n) {
                    _ if a.value == &Value::Bool(false) => {
                        (Effect::None, "it was forbidden and stays unlisted")
                    }
                    Rest::Open if is_trivially_true(a.value) => (
                        Effect::None,
                        "it accepted any value and the object stays open",
                    ),
                    Rest::Open => (
                        Effect::Widens,
                        "the object is open, so it may now hold any value",
                    ),
                    Rest::Closed => (
                        Effect::Narrows,
                        "the object is closed, so it is now forbidden",
                    ),
                    Rest::Other => (
                        Effect::Unknown,
                        "it now falls under `patternProperties` or `additionalProperties`",
                    ),
                };
                let msg = format!("property `{name}` removed; {why}");
                ctx.emit(
                    RuleId::PropertyRemoved,
                    &a.ptr,
                    Some(a.value),
                    None,
                    effect,
                    msg,
                );
            }
            (None, Some(b)) => {
                let (effect, why) = match rest(o) {
                    _ if b.value == &Value::Bool(false) && matches!(rest(o), Rest::Closed) => {
                        (Effect::None, "it stays forbidden")
                    }
                    Rest::Open if is_trivially_true(b.value) => {
                        (Effect::None, "it accepts any value, as before")
                    }
                    Rest::Open => (
                        Effect::Narrows,
                        "the object was open, so values it accepted before may now be rejected",
                    ),
                    Rest::Closed => (
                        Effect::Widens,
                        "the object was closed, so the property was forbidden before",
                    ),
                    Rest::Other => (
                        Effect::Unknown,
                        "it fell under `patternProperties` or `additionalProperties` before",
                    ),
                };
                let msg = format!("property `{name}` added; {why}");
                ctx.emit(
                    RuleId::PropertyAdded,
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
}

fn diff_required<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    let or = required(o);
    let nr = required(n);
    let ptr = if o.kw.contains_key("required") {
        o.kw_ptr("required")
    } else {
        n.kw_ptr("required")
    };
    for name in nr.difference(&or) {
        let v = Value::String((*name).to_owned());
        let msg = format!("property `{name}` is now required");
        ctx.emit(
            RuleId::RequiredAdded,
            &ptr,
            None,
            Some(&v),
            Effect::Narrows,
            msg,
        );
    }
    for name in or.difference(&nr) {
        let v = Value::String((*name).to_owned());
        let msg = format!("property `{name}` is no longer required");
        ctx.emit(
            RuleId::RequiredRemoved,
            &ptr,
            Some(&v),
            None,
            Effect::Widens,
            msg,
        );
    }
}

fn diff_pattern_properties<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    let pats = |x: &Node<'a>| -> BTreeMap<&'a str, Located<'a>> {
        let mut out = BTreeMap::new();
        if let Some(src) = x.get("patternProperties")
            && let Some(m) = src.value.as_object()
        {
            for k in m.keys() {
                if let Some(c) = src.child(k) {
                    out.insert(k.as_str(), c);
                }
            }
        }
        out
    };
    let op = pats(o);
    let np = pats(n);
    let ap_open = |x: &Node<'_>| {
        x.get("additionalProperties")
            .is_none_or(|s| is_trivially_true(s.value))
    };
    let both_open = ap_open(o) && ap_open(n);
    let all: BTreeSet<&str> = op.keys().chain(np.keys()).copied().collect();
    for p in all {
        match (op.get(p), np.get(p)) {
            (Some(a), Some(b)) => ctx.walk(a.clone(), b.clone(), Polarity::Monotone),
            (Some(a), None) => {
                let effect = if both_open {
                    Effect::Widens
                } else {
                    Effect::Unknown
                };
                let msg = format!("pattern property `{p}` removed");
                ctx.emit(
                    RuleId::PatternPropertiesRemoved,
                    &a.ptr,
                    Some(a.value),
                    None,
                    effect,
                    msg,
                );
            }
            (None, Some(b)) => {
                let effect = if both_open {
                    Effect::Narrows
                } else {
                    Effect::Unknown
                };
                let msg = format!("pattern property `{p}` added");
                ctx.emit(
                    RuleId::PatternPropertiesAdded,
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
}

fn diff_dependencies<'a>(ctx: &mut Walker<'a>, o: &Node<'a>, n: &Node<'a>) {
    let od = dependent_required(o);
    let nd = dependent_required(n);
    let keys: BTreeSet<&str> = od.keys().chain(nd.keys()).copied().collect();
    let empty = BTreeSet::new();
    for k in keys {
        let (os, onames) = od.get(k).map_or((None, &empty), |(s, v)| (Some(s), v));
        let (ns, nnames) = nd.get(k).map_or((None, &empty), |(s, v)| (Some(s), v));
        let Some(ptr) = os.or(ns).map(|s| s.ptr.clone()) else {
            continue;
        };
        let ov = os.map(|s| s.value);
        let nv = ns.map(|s| s.value);
        let added: BTreeSet<&str> = nnames.difference(onames).copied().collect();
        let removed: BTreeSet<&str> = onames.difference(nnames).copied().collect();
        if !added.is_empty() {
            let msg = format!("when `{k}` is present, {} now required too", names(&added));
            ctx.emit(
                RuleId::DependentRequiredAdded,
                &ptr,
                ov,
                nv,
                Effect::Narrows,
                msg,
            );
        }
        if !removed.is_empty() {
            let msg = format!(
                "when `{k}` is present, {} no longer required",
                names(&removed)
            );
            ctx.emit(
                RuleId::DependentRequiredRemoved,
                &ptr,
                ov,
                nv,
                Effect::Widens,
                msg,
            );
        }
    }
    let os = dependent_schemas(o);
    let ns = dependent_schemas(n);
    let keys: BTreeSet<&str> = os.keys().chain(ns.keys()).copied().collect();
    let ids = OpenKeywordRules {
        closed: None,
        opened: None,
        narrowed: RuleId::DependentSchemasAdded,
        widened: RuleId::DependentSchemasRemoved,
    };
    for k in keys {
        let a = os.get(k).cloned();
        let b = ns.get(k).cloned();
        let optr = a
            .as_ref()
            .map_or_else(|| o.kw_ptr("dependentSchemas"), |s| s.ptr.clone());
        let nptr = b
            .as_ref()
            .map_or_else(|| n.kw_ptr("dependentSchemas"), |s| s.ptr.clone());
        let label = format!("dependentSchemas/{k}");
        ctx.open_pair(a, b, &optr, &nptr, &label, &ids, Polarity::Monotone);
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
    fn property_effect_depends_on_parent() {
        let p = json!({"type": "string"});
        assert_eq!(
            ids(json!({"properties": {"a": p}}), json!({})),
            [("property-removed", Effect::Widens)]
        );
        assert_eq!(
            ids(
                json!({"properties": {"a": p}, "additionalProperties": false}),
                json!({"additionalProperties": false})
            ),
            [("property-removed", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({}), json!({"properties": {"a": p}})),
            [("property-added", Effect::Narrows)]
        );
        assert_eq!(
            ids(
                json!({"additionalProperties": false}),
                json!({"properties": {"a": p}, "additionalProperties": false})
            ),
            [("property-added", Effect::Widens)]
        );
        assert_eq!(
            ids(
                json!({"patternProperties": {"^a": {}}}),
                json!({"patternProperties": {"^a": {}}, "properties": {"a": p}})
            ),
            [("property-added", Effect::Unknown)]
        );
    }

    #[test]
    fn required_and_additional() {
        assert_eq!(
            ids(
                json!({"required": ["a", "b"]}),
                json!({"required": ["b", "a"]})
            ),
            []
        );
        assert_eq!(
            ids(json!({"required": ["a"]}), json!({"required": ["a", "b"]})),
            [("required-added", Effect::Narrows)]
        );
        assert_eq!(
            ids(json!({}), json!({"additionalProperties": false})),
            [("additional-properties-closed", Effect::Narrows)]
        );
        assert_eq!(
            ids(
                json!({"additionalProperties": false}),
                json!({"additionalProperties": true})
            ),
            [("additional-properties-opened", Effect::Widens)]
        );
        assert_eq!(
            ids(
                json!({"additionalProperties": {"type": "string"}}),
                json!({})
            ),
            [("additional-properties-widened", Effect::Widens)]
        );
    }

    #[test]
    fn draft7_dependencies_equal_2019_split() {
        let old = json!({"dependencies": {"a": ["b"], "c": {"required": ["d"]}}});
        let new = json!({"dependentRequired": {"a": ["b"]}, "dependentSchemas": {"c": {"required": ["d"]}}});
        assert_eq!(ids(old, new), []);
        assert_eq!(
            ids(
                json!({"dependentRequired": {"a": ["b"]}}),
                json!({"dependentRequired": {"a": ["b", "c"]}})
            ),
            [("dependent-required-added", Effect::Narrows)]
        );
    }
}
