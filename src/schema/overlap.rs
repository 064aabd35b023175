//! Overlap of schemas, for the structural rules: the JSON types a schema may accept (an
//! over-approximation), proofs that two schemas share no value (types apart, a required property
//! whose values are apart: the tagged-union shape), and the exact conjunction of two keyword maps
//! where it can be written as one map. All on draft 2020-12 documents with local references.

use serde_json::{Map, Value};

use super::pattern;
use super::pointer::resolve as lookup;

/// A set of JSON types, as bits; `integer` and fractional numbers apart (`number` is both).
pub(crate) type Types = u8;

const NULL: Types = 1;
const BOOLEAN: Types = 2;
const INTEGER: Types = 4;
const FRACTION: Types = 8;
pub(crate) const STRING: Types = 16;
const ARRAY: Types = 32;
const OBJECT: Types = 64;
/// Every type.
pub(crate) const ALL: Types = 127;

/// Keywords that constrain values of one type only, with that type (a schema holding only these
/// accepts every value of any other type).
fn keyword_type(k: &str) -> Option<Types> {
    Some(match k {
        "minLength" | "maxLength" | "pattern" | "format" | "contentEncoding"
        | "contentMediaType" | "contentSchema" => STRING,
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => {
            INTEGER | FRACTION
        }
        "items" | "prefixItems" | "additionalItems" | "minItems" | "maxItems" | "uniqueItems"
        | "contains" | "minContains" | "maxContains" | "unevaluatedItems" => ARRAY,
        "properties"
        | "required"
        | "additionalProperties"
        | "patternProperties"
        | "minProperties"
        | "maxProperties"
        | "propertyNames"
        | "dependencies"
        | "dependentRequired"
        | "dependentSchemas"
        | "unevaluatedProperties" => OBJECT,
        _ => return None,
    })
}

/// Keywords without effect on validation.
pub(crate) fn annotation(k: &str) -> bool {
    matches!(
        k,
        "$schema"
            | "$id"
            | "$comment"
            | "$anchor"
            | "$defs"
            | "definitions"
            | "title"
            | "description"
            | "default"
            | "examples"
            | "deprecated"
            | "readOnly"
            | "writeOnly"
            | "$vocabulary"
    ) || k.starts_with("x-")
        || (!k.starts_with('$') && !KNOWN.contains(&k))
}

/// Every validation keyword of draft 2020-12 (and the older spellings the upgrade keeps).
const KNOWN: &[&str] = &[
    "type",
    "enum",
    "const",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "items",
    "prefixItems",
    "additionalItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedItems",
    "properties",
    "required",
    "additionalProperties",
    "patternProperties",
    "minProperties",
    "maxProperties",
    "propertyNames",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
];

/// The type of one JSON value.
pub(crate) fn type_of(v: &Value) -> Types {
    match v {
        Value::Null => NULL,
        Value::Bool(_) => BOOLEAN,
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|x| x.fract() == 0.0) {
                INTEGER
            } else {
                FRACTION
            }
        }
        Value::String(_) => STRING,
        Value::Array(_) => ARRAY,
        Value::Object(_) => OBJECT,
    }
}

fn named(t: &str) -> Types {
    match t {
        "null" => NULL,
        "boolean" => BOOLEAN,
        "integer" => INTEGER,
        "number" => INTEGER | FRACTION,
        "string" => STRING,
        "array" => ARRAY,
        "object" => OBJECT,
        _ => 0,
    }
}

/// The `type` keyword value naming exactly `t` (None for every type).
pub(crate) fn type_value(t: Types) -> Option<Value> {
    if t == ALL {
        return None;
    }
    let mut names = Vec::new();
    for (bit, name) in [
        (NULL, "null"),
        (BOOLEAN, "boolean"),
        (STRING, "string"),
        (ARRAY, "array"),
        (OBJECT, "object"),
    ] {
        if t & bit != 0 {
            names.push(Value::String(name.to_owned()));
        }
    }
    // Fractional numbers alone have no type name: `number` keeps them (with the integers, a
    // wider set: the callers only narrow a left side with it, or refuse).
    if t & (INTEGER | FRACTION) == INTEGER {
        names.push(Value::String("integer".to_owned()));
    } else if t & (INTEGER | FRACTION) != 0 {
        names.push(Value::String("number".to_owned()));
    }
    Some(Value::Array(names))
}

/// A local reference followed when it stands alone (annotations aside).
pub(crate) fn resolve<'v>(doc: &'v Value, mut s: &'v Value) -> &'v Value {
    for _ in 0..32 {
        let Some(r) = s.get("$ref").and_then(Value::as_str) else {
            return s;
        };
        if s.as_object()
            .is_some_and(|m| m.keys().any(|k| k != "$ref" && !annotation(k)))
        {
            return s;
        }
        match lookup(doc, r) {
            Some(t) => s = t,
            None => return s,
        }
    }
    s
}

/// The types `s` may accept: never too few (a type outside the set has no valid value).
pub(crate) fn types(doc: &Value, s: &Value, depth: usize) -> Types {
    // Each level may branch (`anyOf`, `allOf`, `$ref`): past 8 levels the answer is "any type"
    // (never too few), so a fan-out graph (each definition naming the next three times) costs
    // 3^8 calls, not 3^15.
    if depth > 8 {
        return ALL;
    }
    let s = resolve(doc, s);
    let m = match s {
        Value::Bool(false) => return 0,
        Value::Object(m) => m,
        _ => return ALL,
    };
    let mut t = match m.get("type") {
        Some(Value::String(n)) => named(n),
        Some(Value::Array(ns)) => ns
            .iter()
            .filter_map(Value::as_str)
            .map(named)
            .fold(0, |x, y| x | y),
        _ => ALL,
    };
    if let Some(c) = m.get("const") {
        t &= type_of(c);
    }
    if let Some(Value::Array(vs)) = m.get("enum") {
        t &= vs.iter().map(type_of).fold(0, |x, y| x | y);
    }
    if let Some(r) = m.get("$ref").and_then(Value::as_str)
        && let Some(target) = lookup(doc, r)
    {
        t &= types(doc, target, depth + 1);
    }
    if let Some(Value::Array(parts)) = m.get("allOf") {
        for p in parts {
            t &= types(doc, p, depth + 1);
        }
    }
    if let Some(Value::Array(branches)) = m.get("anyOf") {
        t &= branches
            .iter()
            .map(|b| types(doc, b, depth + 1))
            .fold(0, |x, y| x | y);
    }
    if let Some(Value::Array(branches)) = m.get("oneOf") {
        let mut u = branches
            .iter()
            .map(|b| types(doc, b, depth + 1))
            .fold(0, |x, y| x | y);
        // Two branches accepting every value of a type: no value of it passes `oneOf`.
        for bit in [NULL, BOOLEAN, INTEGER, FRACTION, STRING, ARRAY, OBJECT] {
            if branches
                .iter()
                .filter(|b| accepts_all(doc, b, bit, depth + 1))
                .count()
                >= 2
            {
                u &= !bit;
            }
        }
        t &= u;
    }
    if let Some(n) = m.get("not")
        && let Some(excluded) = all_of_types(doc, n, depth + 1)
    {
        t &= !excluded;
    }
    t
}

/// The types of which `s` accepts every value (an under-approximation), or None when it is
/// not plain enough to tell.
fn all_of_types(doc: &Value, s: &Value, depth: usize) -> Option<Types> {
    let s = resolve(doc, s);
    match s {
        Value::Bool(true) => Some(ALL),
        Value::Bool(false) => Some(0),
        Value::Object(_) => Some(
            [NULL, BOOLEAN, INTEGER, FRACTION, STRING, ARRAY, OBJECT]
                .into_iter()
                .filter(|bit| accepts_all(doc, s, *bit, depth))
                .fold(0, |x, y| x | y),
        ),
        _ => None,
    }
}

/// Whether `s` accepts every value of the type `bit`: it holds only annotations, keywords of
/// other types, and a `type` naming it.
fn accepts_all(doc: &Value, s: &Value, bit: Types, depth: usize) -> bool {
    if depth > 24 {
        return false;
    }
    let s = resolve(doc, s);
    match s {
        Value::Bool(b) => *b,
        Value::Object(m) => m.iter().all(|(k, v)| {
            if annotation(k) {
                return true;
            }
            if k == "type" {
                let t = match v {
                    Value::String(n) => named(n),
                    Value::Array(ns) => ns
                        .iter()
                        .filter_map(Value::as_str)
                        .map(named)
                        .fold(0, |x, y| x | y),
                    _ => 0,
                };
                return t & bit == bit;
            }
            keyword_type(k).is_some_and(|kt| kt & bit == 0)
        }),
        _ => false,
    }
}

/// The schema `s` applies to the property `name` of an object (its `properties` entry, else
/// `additionalProperties`), when no `patternProperties` could also apply.
fn property_schema<'v>(m: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    if let Some(p) = m.get("properties").and_then(|p| p.get(name)) {
        return if m.contains_key("patternProperties") {
            None
        } else {
            Some(p)
        };
    }
    if m.contains_key("patternProperties") {
        return None;
    }
    Some(m.get("additionalProperties").unwrap_or(&Value::Bool(true)))
}

fn required(m: &Map<String, Value>) -> impl Iterator<Item = &str> {
    m.get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// The values `s` allows, when it lists them (`const`, `enum`).
fn listed(m: &Map<String, Value>) -> Option<Vec<&Value>> {
    if let Some(c) = m.get("const") {
        return Some(vec![c]);
    }
    m.get("enum")
        .and_then(Value::as_array)
        .map(|vs| vs.iter().collect())
}

/// JSON equality as the validator reads it (`1` equals `1.0`).
pub(crate) fn json_equal(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Number(a), Value::Number(b)) => {
            if let (Some(a), Some(b)) = (a.as_i64(), b.as_i64()) {
                return a == b;
            }
            if let (Some(a), Some(b)) = (a.as_u64(), b.as_u64()) {
                return a == b;
            }
            a.as_f64() == b.as_f64()
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| json_equal(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, x)| b.get(k).is_some_and(|y| json_equal(x, y)))
        }
        _ => x == y,
    }
}

/// Whether no value is valid under both `x` (read in `xdoc`) and `y` (read in `ydoc`). Sound
/// (true only when proved), partial.
pub(crate) fn disjoint(xdoc: &Value, x: &Value, ydoc: &Value, y: &Value, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    let x = resolve(xdoc, x);
    let y = resolve(ydoc, y);
    let common = types(xdoc, x, 0) & types(ydoc, y, 0);
    if common == 0 {
        return true;
    }
    let (Value::Object(xm), Value::Object(ym)) = (x, y) else {
        return false;
    };
    // Listed values: none of one list valid under the other's list.
    if let (Some(xv), Some(yv)) = (listed(xm), listed(ym))
        && xv.iter().all(|a| !yv.iter().any(|b| json_equal(a, b)))
    {
        return true;
    }
    // Listed values against a pattern (which reads strings only): each a string the pattern
    // does not match, or of a type the other side rejects.
    for (lm, om, other_types) in [(xm, ym, types(ydoc, y, 0)), (ym, xm, types(xdoc, x, 0))] {
        if let (Some(values), Some(p)) = (listed(lm), om.get("pattern").and_then(Value::as_str))
            && values.len() <= LISTED_AGAINST_PATTERN
            && values.iter().all(|v| match v {
                Value::String(s) => pattern_misses(p, s),
                other => type_of(other) & other_types == 0,
            })
        {
            return true;
        }
    }
    // A conjunction is disjoint from `y` when one of its parts is.
    for (m, doc, other, odoc, swap) in [(xm, xdoc, y, ydoc, false), (ym, ydoc, x, xdoc, true)] {
        if let Some(Value::Array(parts)) = m.get("allOf")
            && parts.iter().any(|p| {
                if swap {
                    disjoint(odoc, other, doc, p, depth + 1)
                } else {
                    disjoint(doc, p, odoc, other, depth + 1)
                }
            })
        {
            return true;
        }
        if let Some(r) = m.get("$ref").and_then(Value::as_str)
            && let Some(target) = lookup(doc, r)
            && (if swap {
                disjoint(odoc, other, doc, target, depth + 1)
            } else {
                disjoint(doc, target, odoc, other, depth + 1)
            })
        {
            return true;
        }
        // A disjunction is disjoint from `y` when every branch is.
        for key in ["anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = m.get(key)
                && branches.iter().all(|b| {
                    if swap {
                        disjoint(odoc, other, doc, b, depth + 1)
                    } else {
                        disjoint(doc, b, odoc, other, depth + 1)
                    }
                })
            {
                return true;
            }
        }
    }
    // Objects only in common: a property one side requires, whose values are apart.
    if common == OBJECT {
        let mut names: Vec<&str> = required(xm).chain(required(ym)).collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            if let (Some(px), Some(py)) = (property_schema(xm, name), property_schema(ym, name))
                && disjoint(xdoc, px, ydoc, py, depth + 1)
            {
                return true;
            }
        }
    }
    false
}

/// Most listed values [`disjoint`] matches against a pattern.
const LISTED_AGAINST_PATTERN: usize = 64;

/// Whether the pattern `p` surely does not match `s` (by its DFA, else as the validator reads
/// it).
fn pattern_misses(p: &str, s: &str) -> bool {
    pattern::Language::of_pattern(p)
        .and_then(|l| l.contains_match(s))
        .or_else(|| pattern::matches_concretely(p, s))
        == Some(false)
}

/// The conjunction of two keyword maps written as one map, when that is exact; None otherwise.
/// Both maps are read in the same document.
pub(crate) fn conjoin(
    left: &Map<String, Value>,
    right: &Map<String, Value>,
) -> Option<Map<String, Value>> {
    let pattern = |m: &Map<String, Value>| {
        m.contains_key("patternProperties")
            || m.contains_key("unevaluatedProperties")
            || m.contains_key("unevaluatedItems")
            || m.contains_key("dependentSchemas")
    };
    if pattern(left) || pattern(right) {
        return None;
    }
    let empty = Map::new();
    let props = |m: &Map<String, Value>| -> Map<String, Value> {
        m.get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty)
            .clone()
    };
    let mut out = Map::new();
    // Properties: each name checked by both sides (`additionalProperties` of the side not
    // naming it).
    if left.contains_key("properties")
        || right.contains_key("properties")
        || left.contains_key("additionalProperties")
        || right.contains_key("additionalProperties")
    {
        let (px, py) = (props(left), props(right));
        let t = Value::Bool(true);
        let ax = left.get("additionalProperties").unwrap_or(&t);
        let ay = right.get("additionalProperties").unwrap_or(&t);
        let mut merged = Map::new();
        let mut names: Vec<&String> = px.keys().chain(py.keys()).collect();
        names.sort();
        names.dedup();
        for n in names {
            let sx = px.get(n).unwrap_or(ax);
            let sy = py.get(n).unwrap_or(ay);
            merged.insert(n.clone(), both(sx, sy));
        }
        if !merged.is_empty() {
            out.insert("properties".to_owned(), Value::Object(merged));
        }
        let add = both(ax, ay);
        if add != t {
            out.insert("additionalProperties".to_owned(), add);
        }
    }
    let mut keys: Vec<&String> = left.keys().chain(right.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        if matches!(k.as_str(), "properties" | "additionalProperties") {
            continue;
        }
        let v = match (left.get(k), right.get(k)) {
            (Some(v), None) | (None, Some(v)) => v.clone(),
            (Some(a), Some(b)) if a == b => a.clone(),
            (Some(a), Some(b)) => match k.as_str() {
                "type" => {
                    let t = types_named(a) & types_named(b);
                    if t & (INTEGER | FRACTION) == FRACTION {
                        return None;
                    }
                    type_value(t).unwrap_or(Value::Bool(true))
                }
                "required" => {
                    let mut names: Vec<Value> = a
                        .as_array()?
                        .iter()
                        .chain(b.as_array()?.iter())
                        .cloned()
                        .collect();
                    names.sort_by(|p, q| p.as_str().cmp(&q.as_str()));
                    names.dedup();
                    Value::Array(names)
                }
                "minLength" | "minItems" | "minProperties" | "minimum" | "exclusiveMinimum" => {
                    if a.as_f64()? >= b.as_f64()? {
                        a.clone()
                    } else {
                        b.clone()
                    }
                }
                "maxLength" | "maxItems" | "maxProperties" | "maximum" | "exclusiveMaximum" => {
                    if a.as_f64()? <= b.as_f64()? {
                        a.clone()
                    } else {
                        b.clone()
                    }
                }
                "items" => both(a, b),
                "allOf" => {
                    let mut parts = a.as_array()?.clone();
                    parts.extend(b.as_array()?.iter().cloned());
                    Value::Array(parts)
                }
                _ => return None,
            },
            (None, None) => continue,
        };
        if k == "type" && v == Value::Bool(true) {
            continue;
        }
        out.insert(k.clone(), v);
    }
    Some(out)
}

fn types_named(v: &Value) -> Types {
    match v {
        Value::String(n) => named(n),
        Value::Array(ns) => ns
            .iter()
            .filter_map(Value::as_str)
            .map(named)
            .fold(0, |x, y| x | y),
        _ => ALL,
    }
}

/// `x` and `y` as one schema.
fn both(x: &Value, y: &Value) -> Value {
    match (x, y) {
        (Value::Bool(true), other) | (other, Value::Bool(true)) => other.clone(),
        (Value::Bool(false), _) | (_, Value::Bool(false)) => Value::Bool(false),
        _ if x == y => x.clone(),
        // One map where that is exact (a `const` beside an `enum` then reads as the member
        // it picks); a reference stays a part of its own.
        (Value::Object(xm), Value::Object(ym))
            if !xm.contains_key("$ref") && !ym.contains_key("$ref") =>
        {
            conjoin(xm, ym).map_or_else(|| serde_json::json!({"allOf": [x, y]}), Value::Object)
        }
        _ => serde_json::json!({"allOf": [x, y]}),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn tagged_branches_are_disjoint() {
        let doc = json!({});
        let a =
            json!({"type": "object", "required": ["kind"], "properties": {"kind": {"const": "a"}}});
        let b = json!({"type": "object", "required": ["kind"], "properties": {"kind": {"enum": ["b", "c"]}}});
        assert!(disjoint(&doc, &a, &doc, &b, 0));
        let c = json!({"type": "object", "properties": {"kind": {"enum": ["a", "c"]}}});
        assert!(!disjoint(&doc, &a, &doc, &c, 0));
        // Without a type, non-objects pass both.
        let untyped_a = json!({"required": ["kind"], "properties": {"kind": {"const": "a"}}});
        let untyped_b = json!({"required": ["kind"], "properties": {"kind": {"const": "b"}}});
        assert!(!disjoint(&doc, &untyped_a, &doc, &untyped_b, 0));
    }

    #[test]
    fn types_apart_are_disjoint() {
        let doc = json!({"$defs": {"s": {"type": "string"}}});
        assert!(disjoint(
            &doc,
            &json!({"$ref": "#/$defs/s"}),
            &doc,
            &json!({"type": "array"}),
            0
        ));
        assert!(disjoint(
            &doc,
            &json!({"enum": ["x", 1]}),
            &doc,
            &json!({"type": "boolean"}),
            0
        ));
        assert!(!disjoint(
            &doc,
            &json!({"type": "number"}),
            &doc,
            &json!({"type": "integer"}),
            0
        ));
    }

    #[test]
    fn one_of_of_two_open_branches_rejects_other_types() {
        let doc = json!({});
        let s = json!({"oneOf": [
            {"required": ["a"], "properties": {"op": {"const": "x"}}},
            {"required": ["b"]}
        ]});
        assert_eq!(types(&doc, &s, 0), OBJECT);
    }

    #[test]
    fn conjunction_keeps_additional_properties_exact() {
        let x = json!({"properties": {"a": {"type": "string"}}, "additionalProperties": false});
        let y = json!({"properties": {"b": {"type": "string"}}, "required": ["b"]});
        let m = conjoin(x.as_object().unwrap(), y.as_object().unwrap()).unwrap();
        assert_eq!(
            Value::Object(m),
            json!({
                "properties": {"a": {"type": "string"}, "b": false},
                "additionalProperties": false,
                "required": ["b"]
            })
        );
    }

    #[test]
    fn listed_values_apart_from_a_pattern() {
        let doc = json!({});
        let version = |v: Value| json!({"type": "object", "required": ["version"], "properties": {"version": v}});
        let two = version(json!({"const": "2.0.0"}));
        let one_pattern = version(json!({"type": "string", "pattern": "^2.1.0$"}));
        assert!(disjoint(&doc, &two, &doc, &one_pattern, 0));
        assert!(disjoint(&doc, &one_pattern, &doc, &two, 0));
        // Near misses: the pattern's `.` matches any character; a number is not read by an
        // untyped pattern.
        let dotted = version(json!({"const": "2x1x0"}));
        assert!(!disjoint(&doc, &dotted, &doc, &one_pattern, 0));
        let untyped = version(json!({"pattern": "^2.1.0$"}));
        let numbered = version(json!({"enum": ["2.0.0", 2]}));
        assert!(!disjoint(&doc, &numbered, &doc, &untyped, 0));
        assert!(disjoint(&doc, &numbered, &doc, &one_pattern, 0));
    }

    #[test]
    fn a_property_named_on_both_sides_is_one_map_where_exact() {
        // A condition pinning a member of the enumeration: one map, whose `const` a value
        // generator reads first.
        let members = json!({"properties": {"v": {"type": "string", "enum": ["2", "1"]}}});
        let pinned = json!({"properties": {"v": {"const": "1"}}});
        let joined = conjoin(members.as_object().unwrap(), pinned.as_object().unwrap()).unwrap();
        assert_eq!(
            Value::Object(joined),
            json!({"properties": {"v": {"type": "string", "enum": ["2", "1"], "const": "1"}}})
        );
        // A reference stays a part of its own, as do keywords the map cannot join.
        let reference = json!({"properties": {"v": {"$ref": "#/$defs/v"}}});
        let negated = json!({"properties": {"v": {"not": {"const": "1"}}}});
        let both_not = json!({"properties": {"v": {"not": {"const": "2"}}}});
        let joined = conjoin(reference.as_object().unwrap(), pinned.as_object().unwrap()).unwrap();
        assert_eq!(
            Value::Object(joined),
            json!({"properties": {"v": {"allOf": [{"$ref": "#/$defs/v"}, {"const": "1"}]}}})
        );
        let joined = conjoin(negated.as_object().unwrap(), both_not.as_object().unwrap()).unwrap();
        assert_eq!(
            Value::Object(joined),
            json!({"properties": {"v": {"allOf": [{"not": {"const": "1"}}, {"not": {"const": "2"}}]}}})
        );
    }
}
