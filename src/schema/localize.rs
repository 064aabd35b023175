//! Localization: where two schema documents differ (paths through `properties` and `items`),
//! the instance paths those places address, and candidate values planted there, so the
//! engine compares and searches only the changed subschemas of large documents.

use serde_json::Value;

use super::engine::PreparedSchema;
use super::overlap;
use super::pattern;
use super::pointer::{escape, never_asserts, percent_decode, resolve as resolve_ref};
use super::prove;
use super::witness::{Generator, Node, merge};

/// One step of an instance path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Key(String),
    /// A property `additionalProperties` governs: any name the schema does not declare.
    AnyKey,
    /// A property whose name matches this `patternProperties` pattern.
    Pattern(String),
    Index(usize),
    /// The first item past `prefixItems` (the one `items` governs).
    Items,
}

/// The instance path a pointer into a schema addresses; None when it passes through a keyword
/// that does not lead to one place of the instance.
pub(super) fn instance_path(pointer: &str) -> Option<Vec<Step>> {
    let mut out = Vec::new();
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut i = 0;
    while i < segments.len() {
        match segments[i].as_str() {
            "properties" => {
                out.push(Step::Key(segments.get(i + 1)?.clone()));
                i += 2;
            }
            "prefixItems" => {
                out.push(Step::Index(segments.get(i + 1)?.parse().ok()?));
                i += 2;
            }
            "patternProperties" => {
                out.push(Step::Pattern(segments.get(i + 1)?.clone()));
                i += 2;
            }
            "allOf" | "anyOf" | "oneOf" | "dependentSchemas" => i += 2,
            "additionalProperties" => {
                out.push(Step::AnyKey);
                i += 1;
            }
            "items" => {
                out.push(Step::Items);
                i += 1;
            }
            "$ref" | "then" | "else" => i += 1,
            _ => return None,
        }
    }
    Some(out)
}

/// `value` with `leaf` at `path` (objects and arrays created where missing).
pub(super) fn set_path(value: Value, path: &[Step], leaf: Value) -> Value {
    let Some((first, rest)) = path.split_first() else {
        return leaf;
    };
    match first {
        Step::Key(_) | Step::AnyKey | Step::Pattern(_) => {
            let mut map = match value {
                Value::Object(m) => m,
                _ => serde_json::Map::new(),
            };
            let name = match first {
                Step::Key(k) => k.clone(),
                Step::Pattern(p) => pattern::example(p).unwrap_or_else(|| "x-seam".to_owned()),
                _ => "x-seam".to_owned(),
            };
            let inner = map.remove(&name).unwrap_or(Value::Null);
            map.insert(name, set_path(inner, rest, leaf));
            Value::Object(map)
        }
        Step::Index(_) | Step::Items => {
            let i = match first {
                Step::Index(i) => i,
                _ => &0,
            };
            let mut items = match value {
                Value::Array(a) => a,
                _ => Vec::new(),
            };
            while items.len() <= *i {
                let pad = items.first().cloned().unwrap_or(Value::Null);
                items.push(pad);
            }
            let inner = std::mem::take(&mut items[*i]);
            items[*i] = set_path(inner, rest, leaf);
            Value::Array(items)
        }
    }
}

/// Candidates planted where the structural check failed: values of the narrower subschema
/// (steered by the wider one) put at that place of instances of the whole narrower schema. The
/// caller re-checks each against both whole schemas.
pub(super) fn site_candidates(
    a: &PreparedSchema,
    b: &PreparedSchema,
    sites: &[prove::Site],
    generator: &mut Generator<'_>,
) -> Vec<Value> {
    let (ua, ub) = (a.upgraded(), b.upgraded());
    let whole = Node {
        doc: ua,
        schema: ua,
    };
    let hint = [Node {
        doc: ub,
        schema: ub,
    }];
    let mut bases: Vec<Value> = generator.generate(whole, &[], 0, true);
    // Filtering by the validator costs one validation each: not on fan-out graphs, where one
    // validation applies more subschemas than the budget allows.
    if !a.too_many_paths() {
        bases.extend(
            generator
                .generate(whole, &hint, 0, false)
                .into_iter()
                .filter(|v| a.is_valid(v))
                .take(6),
        );
    }
    bases.push(Value::Null);
    let mut out = Vec::new();
    let mut planted = Vec::new();
    let changes = change_sites(ua, ub);
    for site in sites.iter().chain(&changes) {
        let Some(path) = instance_path(&site.pointer) else {
            continue;
        };
        let local = generator.generate(
            Node {
                doc: ua,
                schema: &site.a,
            },
            &[Node {
                doc: ub,
                schema: &site.b,
            }],
            0,
            false,
        );
        // A place inside a dependent schema is reached only when the object holds the
        // property it depends on: each candidate gets it (its smallest value there).
        let holders: Vec<(usize, String, Value)> = dependent_holders(&site.pointer)
            .into_iter()
            .filter_map(|(prefix, name)| {
                let mut to_name = prefix.clone();
                to_name.push(Step::Key(name.clone()));
                let (frame, steps) = frames(generator, ua, &[ua], &to_name, 0)
                    .into_iter()
                    .next()?;
                let value = value_at(&frame, &steps)?.clone();
                Some((prefix.len(), name, value))
            })
            .collect();
        let hold = |v: Value, steps: &[Step]| -> Value {
            holders.iter().fold(v, |v, (at, name, value)| {
                with_property(v, &steps[..(*at).min(steps.len())], name, value)
            })
        };
        // Instances of the whole built around the path first: each leaf planted where the
        // frame holds the path open, the rest of the instance minimal and valid.
        let built = frames(generator, ua, &[ua], &path, 0);
        for (frame, steps) in &built {
            out.push(hold(frame.clone(), steps));
        }
        for leaf in local.iter().take(24) {
            for (frame, steps) in &built {
                out.push(hold(set_path(frame.clone(), steps, leaf.clone()), steps));
            }
        }
        for leaf in local.into_iter().take(24) {
            for base in &bases {
                planted.push(hold(set_path(base.clone(), &path, leaf.clone()), &path));
            }
        }
    }
    // The values planted into generated instances of the whole after the framed ones; each
    // value once (sites and frames often build the same instance, and each check validates it).
    out.extend(planted);
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    out.retain(|v| seen.insert(v.to_string()));
    out
}

/// Each `dependentSchemas` entry a schema pointer passes through: the instance path of the
/// object it applies to, and the property it depends on.
fn dependent_holders(pointer: &str) -> Vec<(Vec<Step>, String)> {
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut out = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        if *seg != "dependentSchemas" {
            continue;
        }
        let prefix = if i == 0 {
            Some(Vec::new())
        } else {
            instance_path(&format!("/{}", segments[..i].join("/")))
        };
        let (Some(name), Some(prefix)) = (segments.get(i + 1), prefix) else {
            continue;
        };
        out.push((prefix, name.replace("~1", "/").replace("~0", "~")));
    }
    out
}

/// The value at the concrete `steps` of `v` (keys and indexes only).
fn value_at<'v>(v: &'v Value, steps: &[Step]) -> Option<&'v Value> {
    steps.iter().try_fold(v, |cur, step| match step {
        Step::Key(k) => cur.get(k),
        Step::Index(i) => cur.get(*i),
        _ => None,
    })
}

/// `v` with property `name` set to `value` in the object at `prefix` (placed as
/// [`set_path`] places it), unless that object holds it already.
fn with_property(v: Value, prefix: &[Step], name: &str, value: &Value) -> Value {
    let mut to_name = prefix.to_vec();
    to_name.push(Step::Key(name.to_owned()));
    let present = value_at(&v, &to_name).is_some();
    if present {
        v
    } else {
        set_path(v, &to_name, value.clone())
    }
}

/// Most frames built around one path.
const FRAMES: usize = 6;
/// Most alternatives (choices of `anyOf`/`oneOf` branches and conditional cases) read at one
/// instance location.
const ALTERNATIVES: usize = 8;

/// Keywords a frame reads through rather than as plain keywords.
fn combinator(k: &str) -> bool {
    matches!(
        k,
        "$ref" | "allOf" | "anyOf" | "oneOf" | "if" | "then" | "else" | "not"
    )
}

/// Whether `branch` (references followed, `allOf` parts included) names the property `name`
/// or, for an item step, is about arrays: such branches are tried first.
fn names_step(doc: &Value, branch: &Value, step: &Step, depth: usize) -> bool {
    let s = resolve_plain(doc, branch);
    if depth > 4 {
        return false;
    }
    let here = match step {
        Step::Key(name) => {
            s.get("properties").and_then(|p| p.get(name)).is_some()
                || s.get("required")
                    .and_then(Value::as_array)
                    .is_some_and(|r| r.iter().any(|x| x.as_str() == Some(name)))
        }
        Step::Pattern(p) => s
            .get("patternProperties")
            .and_then(|pp| pp.get(p))
            .is_some(),
        Step::AnyKey => s.get("additionalProperties").is_some(),
        Step::Index(_) | Step::Items => {
            s.get("items").is_some()
                || s.get("prefixItems").is_some()
                || s.get("type").and_then(Value::as_str) == Some("array")
        }
    };
    here || s
        .get("allOf")
        .and_then(Value::as_array)
        .is_some_and(|parts| parts.iter().any(|p| names_step(doc, p, step, depth + 1)))
}

/// A schema with its lone `$ref` followed.
fn resolve_plain<'v>(doc: &'v Value, mut s: &'v Value) -> &'v Value {
    for _ in 0..32 {
        let Some(r) = s.get("$ref").and_then(Value::as_str) else {
            return s;
        };
        if s.as_object()
            .is_some_and(|m| m.keys().any(|k| k != "$ref" && !never_asserts(k)))
        {
            return s;
        }
        match resolve_ref(doc, r) {
            Some(t) => s = t,
            None => return s,
        }
    }
    s
}

/// The ways a conjunction of schemas can hold at one location: for each, the plain keyword
/// maps (combinators read through: references followed, `allOf` parts joined, one branch of
/// each `anyOf`/`oneOf`, one case of each conditional). Branches naming `next` come first.
/// At most [`ALTERNATIVES`]; a branch `false` ends its alternative.
fn alternatives(
    generator: &mut Generator<'_>,
    doc: &Value,
    schemas: &[&Value],
    next: Option<&Step>,
) -> Vec<Vec<Value>> {
    let mut done: Vec<Vec<Value>> = Vec::new();
    let mut stack: Vec<(Vec<&Value>, Vec<Value>)> = vec![(schemas.to_vec(), Vec::new())];
    let mut steps = 0usize;
    let t = Value::Bool(true);
    while let Some((mut pending, mut plain)) = stack.pop() {
        steps += 1;
        // Every state copies the maps read so far: paid for by their size.
        if steps > 512
            || done.len() >= ALTERNATIVES
            || !generator.spend_copies(&plain, pending.len())
        {
            break;
        }
        let Some(s) = pending.pop() else {
            done.push(plain);
            continue;
        };
        let m = match s {
            Value::Object(m) => m,
            Value::Bool(false) => continue,
            _ => {
                stack.push((pending, plain));
                continue;
            }
        };
        let stripped: serde_json::Map<String, Value> = m
            .iter()
            .filter(|(k, _)| !combinator(k) && !never_asserts(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !stripped.is_empty() {
            plain.push(Value::Object(stripped));
        }
        if let Some(r) = m.get("$ref").and_then(Value::as_str) {
            pending.push(resolve_ref(doc, r).unwrap_or(&t));
        }
        if let Some(Value::Array(parts)) = m.get("allOf") {
            pending.extend(parts.iter());
        }
        // Each disjunction: a list of choices, each a list of conjuncts.
        let mut choices: Vec<Vec<Vec<&Value>>> = Vec::new();
        for key in ["anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = m.get(key) {
                let mut order: Vec<&Value> = branches.iter().collect();
                if let Some(step) = next {
                    order.sort_by_key(|b| !names_step(doc, b, step, 0));
                }
                choices.push(order.into_iter().map(|b| vec![b]).collect());
            }
        }
        if let Some(cond) = m.get("if") {
            let mut yes = vec![cond];
            yes.extend(m.get("then"));
            let no: Vec<&Value> = m.get("else").into_iter().collect();
            let mut cases = vec![yes, no];
            if let Some(step) = next
                && !cases[0].iter().any(|b| names_step(doc, b, step, 0))
                && cases[1].iter().any(|b| names_step(doc, b, step, 0))
            {
                cases.swap(0, 1);
            }
            choices.push(cases);
        }
        // The product of the choices, first choices first (pushed last on the stack).
        let mut combos: Vec<Vec<&Value>> = vec![Vec::new()];
        for c in &choices {
            let mut grown = Vec::new();
            for combo in &combos {
                for choice in c {
                    let mut g = combo.clone();
                    g.extend(choice.iter().copied());
                    grown.push(g);
                    if grown.len() >= ALTERNATIVES {
                        break;
                    }
                }
            }
            combos = grown;
        }
        for combo in combos.into_iter().rev() {
            let mut p = pending.clone();
            p.extend(combo);
            stack.push((p, plain.clone()));
        }
    }
    done
}

/// A smallest value meeting every schema of `schemas`: of their conjunction written as one
/// map where that is exact, else each generated alone and merged.
fn minimal_of(generator: &mut Generator<'_>, doc: &Value, schemas: &[Value]) -> Option<Value> {
    if schemas.len() > 1 {
        let mut joined: Option<serde_json::Map<String, Value>> = Some(serde_json::Map::new());
        for s in schemas {
            joined = match (joined, s) {
                (Some(j), Value::Object(m)) => overlap::conjoin(&j, m),
                (Some(j), Value::Bool(true)) => Some(j),
                _ => None,
            };
        }
        if let Some(j) = joined {
            let schema = Value::Object(j);
            return generator
                .generate(
                    Node {
                        doc,
                        schema: &schema,
                    },
                    &[],
                    1,
                    true,
                )
                .into_iter()
                .next();
        }
    }
    let mut out: Option<Value> = None;
    for s in schemas {
        let v = generator
            .generate(Node { doc, schema: s }, &[], 1, true)
            .into_iter()
            .next()?;
        out = Some(match out {
            Some(o) => merge(&o, &v),
            None => v,
        });
    }
    Some(out.unwrap_or(Value::Null))
}

/// The subschemas a property `name` meets in an object held by all of `plain`.
fn property_schemas<'v>(plain: &'v [Value], name: &str) -> Vec<&'v Value> {
    let mut out = Vec::new();
    for p in plain {
        if let Some(s) = p.get("properties").and_then(|x| x.get(name)) {
            out.push(s);
            continue;
        }
        let mut matched = false;
        if let Some(pp) = p.get("patternProperties").and_then(Value::as_object) {
            for (pat, s) in pp {
                if pattern::Language::of_pattern(pat)
                    .is_some_and(|l| l.contains_match(name) == Some(true))
                {
                    matched = true;
                    out.push(s);
                }
            }
        }
        if !matched && let Some(s) = p.get("additionalProperties") {
            out.push(s);
        }
    }
    out
}

/// The name an object step puts its property under, given the maps that hold there.
fn step_name(plain: &[Value], step: &Step) -> Option<String> {
    match step {
        Step::Key(k) => Some(k.clone()),
        Step::Pattern(p) => pattern::example(p),
        _ => {
            let declared = |n: &str| {
                plain.iter().any(|p| {
                    p.get("properties").and_then(|x| x.get(n)).is_some()
                        || p.get("patternProperties")
                            .and_then(Value::as_object)
                            .is_some_and(|pp| {
                                pp.keys().any(|pat| {
                                    pattern::Language::of_pattern(pat)
                                        .is_none_or(|l| l.contains_match(n) != Some(false))
                                })
                            })
                })
            };
            ["x-seam", "x", "a", "key", "name0"]
                .into_iter()
                .find(|n| !declared(n))
                .map(str::to_owned)
        }
    }
}

/// Instances of the schemas `schemas` (of `doc`) built around `path`: at each location one
/// alternative of its combinators, its smallest valid value, and the next location's frame
/// planted under the concrete step (property name, index) returned with it; the required
/// properties a planted property depends on (`dependentRequired`) are added. At the end of the
/// path, the smallest value there. Candidates only: the caller validates.
pub(super) fn frames(
    generator: &mut Generator<'_>,
    doc: &Value,
    schemas: &[&Value],
    path: &[Step],
    depth: usize,
) -> Vec<(Value, Vec<Step>)> {
    if depth > 64 || !generator.spend_copies([], 0) {
        return Vec::new();
    }
    let Some((first, rest)) = path.split_first() else {
        let alts = alternatives(generator, doc, schemas, None);
        return alts
            .iter()
            .take(2)
            .filter_map(|alt| minimal_of(generator, doc, alt))
            .map(|v| (v, Vec::new()))
            .collect();
    };
    let mut out: Vec<(Value, Vec<Step>)> = Vec::new();
    // Each alternative recurses along the rest of the path: a recursive definition read
    // through several branches at each level multiplies them, so their copies are paid for.
    let alts = alternatives(generator, doc, schemas, Some(first));
    if generator.exhausted() {
        return Vec::new();
    }
    // The frames of the next location each alternative keeps: all of them under a single
    // alternative, fewer when the alternatives must share.
    let inner = (FRAMES / alts.len().max(1)).max(2);
    for alt in alts {
        if out.len() >= FRAMES || generator.exhausted() {
            break;
        }
        match first {
            Step::Key(_) | Step::AnyKey | Step::Pattern(_) => {
                let Some(name) = step_name(&alt, first) else {
                    continue;
                };
                let children = property_schemas(&alt, &name);
                if children.contains(&&Value::Bool(false)) {
                    continue;
                }
                let Some(Value::Object(base)) = minimal_of(generator, doc, &alt).map(|v| {
                    if v.is_null() {
                        Value::Object(serde_json::Map::new())
                    } else {
                        v
                    }
                }) else {
                    continue;
                };
                // Also with the properties the maps pin to constants (a branch's tag), so that
                // the object is in the branch it was built from and in no other.
                let mut pinned = base.clone();
                pin_constants(doc, &alt, &mut pinned);
                let bases: Vec<&serde_json::Map<String, Value>> = if pinned == base {
                    vec![&base]
                } else {
                    vec![&base, &pinned]
                };
                for (inner, steps) in frames(generator, doc, &children, rest, depth + 1)
                    .into_iter()
                    .take(inner)
                {
                    for b in &bases {
                        let mut o = (*b).clone();
                        o.insert(name.clone(), inner.clone());
                        add_needed(generator, doc, &alt, &mut o, &name);
                        let mut concrete = vec![Step::Key(name.clone())];
                        concrete.extend(steps.iter().cloned());
                        out.push((Value::Object(o), concrete));
                    }
                }
            }
            Step::Index(_) | Step::Items => {
                let prefix = |p: &Value| {
                    p.get("prefixItems")
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len)
                };
                let index = match first {
                    Step::Index(i) => *i,
                    _ => alt.iter().map(prefix).max().unwrap_or(0),
                };
                let t = Value::Bool(true);
                let at = |i: usize| -> Vec<&Value> {
                    alt.iter()
                        .map(|p| {
                            p.get("prefixItems")
                                .and_then(|x| x.get(i))
                                .or_else(|| p.get("items"))
                                .unwrap_or(&t)
                        })
                        .collect()
                };
                let mut items = match minimal_of(generator, doc, &alt) {
                    Some(Value::Array(a)) => a,
                    Some(Value::Null) => Vec::new(),
                    _ => continue,
                };
                let mut padded = true;
                while items.len() <= index && padded {
                    let owned: Vec<Value> = at(items.len()).into_iter().cloned().collect();
                    match minimal_of(generator, doc, &owned) {
                        Some(v) => items.push(v),
                        None => padded = false,
                    }
                }
                if !padded {
                    continue;
                }
                for (inner, steps) in frames(generator, doc, &at(index), rest, depth + 1)
                    .into_iter()
                    .take(inner)
                {
                    let mut a = items.clone();
                    a[index] = inner;
                    let mut concrete = vec![Step::Index(index)];
                    concrete.extend(steps);
                    out.push((Value::Array(a), concrete));
                }
            }
        }
    }
    let mut distinct: Vec<(Value, Vec<Step>)> = Vec::new();
    for f in out {
        if !distinct.contains(&f) {
            distinct.push(f);
        }
    }
    distinct
}

/// Adds to `o` the properties the maps `plain` pin to constants (a `const`, or an `enum`),
/// each with the first value every map pinning it admits.
fn pin_constants(doc: &Value, plain: &[Value], o: &mut serde_json::Map<String, Value>) {
    let mut names: Vec<&String> = plain
        .iter()
        .filter_map(|p| p.get("properties").and_then(Value::as_object))
        .flat_map(serde_json::Map::keys)
        .collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        if o.contains_key(name.as_str()) {
            continue;
        }
        let lists: Vec<Vec<&Value>> = property_schemas(plain, name)
            .into_iter()
            .map(|s| resolve_plain(doc, s))
            .filter_map(|s| match (s.get("const"), s.get("enum")) {
                (Some(c), _) => Some(vec![c]),
                (None, Some(Value::Array(members))) => Some(members.iter().collect()),
                _ => None,
            })
            .collect();
        let Some((first, others)) = lists.split_first() else {
            continue;
        };
        if let Some(v) = first.iter().find(|v| {
            others
                .iter()
                .all(|l| l.iter().any(|w| overlap::json_equal(v, w)))
        }) {
            o.insert(name.clone(), (*v).clone());
        }
    }
}

/// Adds to `o` the properties that `name` requires (`dependentRequired`) and the ones the
/// maps require, with their smallest values.
fn add_needed(
    generator: &mut Generator<'_>,
    doc: &Value,
    plain: &[Value],
    o: &mut serde_json::Map<String, Value>,
    name: &str,
) {
    let mut needed: Vec<String> = Vec::new();
    for p in plain {
        if let Some(Value::Array(list)) = p.get("dependentRequired").and_then(|d| d.get(name)) {
            needed.extend(list.iter().filter_map(Value::as_str).map(str::to_owned));
        }
        if let Some(Value::Array(list)) = p.get("required") {
            needed.extend(list.iter().filter_map(Value::as_str).map(str::to_owned));
        }
    }
    for n in needed {
        if o.contains_key(&n) {
            continue;
        }
        let owned: Vec<Value> = property_schemas(plain, &n).into_iter().cloned().collect();
        if let Some(v) = minimal_of(generator, doc, &owned) {
            o.insert(n, v);
        }
    }
}

/// Most changed places [`change_sites`] reads.
const CHANGES: usize = 8;
/// Most subschemas a [`route`] search visits.
const ROUTE_NODES: usize = 20_000;

/// How the values under a keyword of a schema are read: one subschema, a map of them, a list
/// of them, or data.
fn child_kind(key: &str) -> u8 {
    match key {
        "items"
        | "additionalProperties"
        | "not"
        | "if"
        | "then"
        | "else"
        | "contains"
        | "propertyNames"
        | "unevaluatedItems"
        | "unevaluatedProperties" => 1,
        "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => 2,
        "allOf" | "anyOf" | "oneOf" | "prefixItems" => 3,
        _ => 0,
    }
}

/// The schemas (pointers valid in both documents) holding a difference between `a` and `b`
/// that is not only an annotation, innermost first found; at most [`CHANGES`].
fn changed_schemas(
    a: &Value,
    b: &Value,
    pointer: &mut String,
    out: &mut Vec<String>,
    depth: usize,
) {
    if a == b || out.len() >= CHANGES || depth > 64 {
        return;
    }
    let here = pointer.clone();
    let (Value::Object(ma), Value::Object(mb)) = (a, b) else {
        out.push(here);
        return;
    };
    let mut own = false;
    let mut keys: Vec<&String> = ma.keys().chain(mb.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        if never_asserts(k) && !matches!(k.as_str(), "$defs" | "definitions") {
            continue;
        }
        let (Some(va), Some(vb)) = (ma.get(k), mb.get(k)) else {
            own = true;
            continue;
        };
        if va == vb {
            continue;
        }
        let len = pointer.len();
        pointer.push('/');
        pointer.push_str(&escape(k));
        match (child_kind(k), va, vb) {
            (1, _, _) => changed_schemas(va, vb, pointer, out, depth + 1),
            (2, Value::Object(xa), Value::Object(xb)) => {
                for (name, sa) in xa {
                    match xb.get(name) {
                        Some(sb) if sa != sb => {
                            let l = pointer.len();
                            pointer.push('/');
                            pointer.push_str(&escape(name));
                            changed_schemas(sa, sb, pointer, out, depth + 1);
                            pointer.truncate(l);
                        }
                        Some(_) => {}
                        // A new name: the map's owner changed (unless definitions).
                        None => own |= !matches!(k.as_str(), "$defs" | "definitions"),
                    }
                }
                own |= xb.keys().any(|n| !xa.contains_key(n))
                    && !matches!(k.as_str(), "$defs" | "definitions");
            }
            (3, Value::Array(xa), Value::Array(xb)) if xa.len() == xb.len() => {
                for (i, (sa, sb)) in xa.iter().zip(xb).enumerate() {
                    let l = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    changed_schemas(sa, sb, pointer, out, depth + 1);
                    pointer.truncate(l);
                }
            }
            _ => own = true,
        }
        pointer.truncate(len);
    }
    if own && out.len() < CHANGES && !out.contains(&here) {
        out.push(here);
    }
}

/// The shortest way from the root of `doc` to the subschema at `target`, through references
/// and subschemas, written as a pointer [`instance_path`] reads (a reference as `$ref`).
fn route(doc: &Value, target: &str) -> Option<String> {
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut queue: std::collections::VecDeque<(String, String)> = std::collections::VecDeque::new();
    queue.push_back((String::new(), String::new()));
    seen.insert(String::new());
    while let Some((at, way)) = queue.pop_front() {
        if at == target {
            return Some(way);
        }
        if seen.len() > ROUTE_NODES {
            return None;
        }
        let Some(Value::Object(m)) = resolve_ref(doc, &format!("#{at}")) else {
            continue;
        };
        let mut next: Vec<(String, String)> = Vec::new();
        for (k, v) in m {
            let step = format!("/{}", escape(k));
            match (k.as_str(), v) {
                ("$ref", Value::String(r)) => {
                    if let Some(p) = r.strip_prefix('#')
                        && (p.is_empty() || p.starts_with('/'))
                    {
                        next.push((percent_decode(p).into_owned(), format!("{way}/$ref")));
                    }
                }
                ("$defs" | "definitions", _) => {}
                (_, Value::Object(children)) if child_kind(k) == 2 && k != "dependentSchemas" => {
                    for name in children.keys() {
                        let s = format!("{step}/{}", escape(name));
                        next.push((format!("{at}{s}"), format!("{way}{s}")));
                    }
                }
                (_, Value::Array(children)) if child_kind(k) == 3 => {
                    for i in 0..children.len() {
                        let s = format!("{step}/{i}");
                        next.push((format!("{at}{s}"), format!("{way}{s}")));
                    }
                }
                ("then" | "else" | "items" | "additionalProperties", _) => {
                    next.push((format!("{at}{step}"), format!("{way}{step}")));
                }
                _ => {}
            }
        }
        for (p, w) in next {
            if seen.insert(p.clone()) {
                queue.push_back((p, w));
            }
        }
    }
    None
}

/// Sites where the documents themselves differ (a changed definition, a changed branch), each
/// with the way to it from the root of `a`: the changes the structural check may never reach
/// when it stops at an earlier obstacle.
fn change_sites(a: &Value, b: &Value) -> Vec<prove::Site> {
    let mut changed = Vec::new();
    changed_schemas(a, b, &mut String::new(), &mut changed, 0);
    changed
        .into_iter()
        .filter_map(|p| {
            let target = format!("#{p}");
            let sa = resolve_ref(a, &target)?;
            let sb = resolve_ref(b, &target).unwrap_or(&Value::Bool(true));
            let way = route(a, &p)?;
            Some(prove::Site {
                pointer: way,
                a: sa.clone(),
                b: sb.clone(),
            })
        })
        .collect()
}

/// One step of a localization path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg {
    /// Into `properties/<name>`.
    Prop(String),
    /// Into `items` (the first element past `prefixItems`).
    Items,
}

pub(super) type Site<'v> = (Vec<Seg>, &'v Value, &'v Value);

/// The shared `$defs` entries whose meaning differs between two documents: present on one side
/// only, different text, or (transitively) referencing such an entry. A subschema whose text is
/// the same on both sides still differs when it references one of them.
pub(super) struct ChangedDefs {
    names: std::collections::BTreeSet<String>,
    /// A reference the walk cannot read as a `$defs` entry: every referencing subschema differs.
    opaque: bool,
}

impl ChangedDefs {
    pub(super) fn between(a: Option<&Value>, b: Option<&Value>) -> Self {
        fn defs<'d>(
            d: Option<&'d Value>,
            empty: &'d serde_json::Map<String, Value>,
        ) -> Option<&'d serde_json::Map<String, Value>> {
            match d {
                Some(Value::Object(m)) => Some(m),
                None => Some(empty),
                Some(_) => None,
            }
        }
        let empty = serde_json::Map::new();
        let (Some(da), Some(db)) = (defs(a, &empty), defs(b, &empty)) else {
            return Self {
                names: std::collections::BTreeSet::new(),
                opaque: true,
            };
        };
        let mut names: std::collections::BTreeSet<String> = da
            .iter()
            .filter(|(k, v)| db.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .chain(db.keys().filter(|k| !da.contains_key(*k)).cloned())
            .collect();
        let mut out = Self {
            names: std::collections::BTreeSet::new(),
            opaque: false,
        };
        // Unchanged entries that reference a changed one change too, until nothing moves.
        loop {
            out.names.clone_from(&names);
            let before = names.len();
            for (k, v) in da {
                if !names.contains(k) && out.reaches(v, 0) {
                    names.insert(k.clone());
                }
            }
            if names.len() == before {
                break;
            }
        }
        out.names = names;
        out
    }

    /// Whether `v` holds a reference to a changed entry (anywhere: reading data as a reference
    /// only adds sites, which is safe).
    fn reaches(&self, v: &Value, depth: usize) -> bool {
        if depth > 512 {
            return true;
        }
        match v {
            Value::Object(m) => m.iter().any(|(k, x)| {
                (k == "$ref" && x.as_str().is_some_and(|r| self.names_changed(r)))
                    || self.reaches(x, depth + 1)
            }),
            Value::Array(items) => items.iter().any(|x| self.reaches(x, depth + 1)),
            _ => false,
        }
    }

    /// Whether the reference `r` names a changed entry (or one the walk cannot read).
    fn names_changed(&self, r: &str) -> bool {
        if self.opaque {
            return true;
        }
        let Some(rest) = r.strip_prefix("#/$defs/") else {
            return true;
        };
        let first = rest.split('/').next().unwrap_or_default();
        // A percent-encoded name is read conservatively: it may name any entry.
        first.contains('%')
            || self
                .names
                .contains(&first.replace("~1", "/").replace("~0", "~"))
    }

    fn unchanged(&self) -> bool {
        self.names.is_empty() && !self.opaque
    }

    /// Equal text that references no changed entry: the same subschema on both sides.
    fn same(&self, a: &Value, b: &Value) -> bool {
        a == b && (self.unchanged() || !self.reaches(a, 0))
    }

    /// The same value of keyword `k` on both sides (a `$ref` must not name a changed entry).
    fn same_keyword(&self, k: &str, a: &Value, b: &Value) -> bool {
        self.same(a, b)
            && (k != "$ref"
                || self.unchanged()
                || !a.as_str().is_some_and(|r| self.names_changed(r)))
    }
}

/// The (path, subschema of `a`, subschema of `b`) pairs where two documents differ, walking
/// only through `properties` and `items` of objects whose other keywords are the same (a
/// `required` list may shrink from `a` to `b`: that only widens). At the root, `$defs` is left
/// out: `changed` says which entries differ, and a subschema referencing one is a site. False
/// past 16 sites.
pub(super) fn diff_sites<'v>(
    a: &'v Value,
    b: &'v Value,
    changed: &ChangedDefs,
    path: &mut Vec<Seg>,
    out: &mut Vec<Site<'v>>,
) -> bool {
    if changed.same(a, b) {
        return true;
    }
    let root = path.is_empty();
    let walkable =
        |ma: &serde_json::Map<String, Value>, mb: &serde_json::Map<String, Value>| -> bool {
            let others_equal = |x: &serde_json::Map<String, Value>,
                                y: &serde_json::Map<String, Value>| {
                x.iter()
                    .filter(|(k, _)| !matches!(k.as_str(), "properties" | "items" | "required"))
                    .filter(|(k, _)| !(root && k.as_str() == "$defs"))
                    .all(|(k, v)| y.get(k).is_some_and(|w| changed.same_keyword(k, v, w)))
            };
            let same_props = match (ma.get("properties"), mb.get("properties")) {
                (None, None) => true,
                (Some(Value::Object(pa)), Some(Value::Object(pb))) => {
                    pa.len() == pb.len() && pa.keys().all(|k| pb.contains_key(k))
                }
                _ => false,
            };
            let names = |m: &serde_json::Map<String, Value>| -> Vec<String> {
                m.get("required")
                    .and_then(Value::as_array)
                    .map(|r| {
                        r.iter()
                            .filter_map(|x| x.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let required_a = names(ma);
            let required_ok = names(mb).iter().all(|r| required_a.contains(r));
            same_props
                && ma.get("items").is_some() == mb.get("items").is_some()
                && required_ok
                && others_equal(ma, mb)
                && others_equal(mb, ma)
        };
    if path.len() < 64
        && let (Value::Object(ma), Value::Object(mb)) = (a, b)
        && walkable(ma, mb)
    {
        if let (Some(Value::Object(pa)), Some(Value::Object(pb))) =
            (ma.get("properties"), mb.get("properties"))
        {
            for (k, va) in pa {
                let Some(vb) = pb.get(k) else { return false };
                if changed.same(va, vb) {
                    continue;
                }
                path.push(Seg::Prop(k.clone()));
                let ok = diff_sites(va, vb, changed, path, out);
                path.pop();
                if !ok {
                    return false;
                }
            }
        }
        if let (Some(ia), Some(ib)) = (ma.get("items"), mb.get("items"))
            && !changed.same(ia, ib)
        {
            path.push(Seg::Items);
            let ok = diff_sites(ia, ib, changed, path, out);
            path.pop();
            if !ok {
                return false;
            }
        }
        return true;
    }
    out.push((path.clone(), a, b));
    out.len() <= 16
}

/// A minimal instance of `schema` with `value` at `path`.
pub(super) fn plant(
    generator: &mut Generator<'_>,
    doc: &Value,
    schema: &Value,
    path: &[Seg],
    value: Value,
) -> Option<Value> {
    let Some((first, rest)) = path.split_first() else {
        return Some(value);
    };
    let minimal = |generator: &mut Generator<'_>, s: &Value, want: fn(&Value) -> bool| {
        generator
            .generate(Node { doc, schema: s }, &[], 0, true)
            .into_iter()
            .find(want)
    };
    match first {
        Seg::Prop(name) => {
            let child = schema.get("properties")?.get(name)?;
            let inner = plant(generator, doc, child, rest, value)?;
            let mut map = match minimal(generator, schema, Value::is_object) {
                Some(Value::Object(m)) => m,
                _ => serde_json::Map::new(),
            };
            map.insert(name.clone(), inner);
            Some(Value::Object(map))
        }
        Seg::Items => {
            let child = schema.get("items")?;
            let inner = plant(generator, doc, child, rest, value)?;
            let prefix = schema.get("prefixItems").and_then(Value::as_array);
            let index = prefix.map_or(0, Vec::len);
            let mut items = match minimal(generator, schema, Value::is_array) {
                Some(Value::Array(a)) => a,
                _ => Vec::new(),
            };
            while items.len() < index {
                let s = prefix.and_then(|p| p.get(items.len()))?;
                items.push(minimal(generator, s, |_| true)?);
            }
            if let Some(slot) = items.get_mut(index) {
                *slot = inner;
            } else {
                items.push(inner);
            }
            Some(Value::Array(items))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::schema::budget::Budgets;
    use crate::schema::engine::Engine;

    /// Jobs tagged by `kind` (each kind's own required property under `if`/`then`), behind
    /// references, with steps that are one of two closed shapes.
    fn pipeline() -> Value {
        json!({
            "type": "object",
            "required": ["name", "jobs"],
            "additionalProperties": false,
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "jobs": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/job"}}
            },
            "$defs": {
                "job": {
                    "type": "object",
                    "required": ["kind", "steps"],
                    "properties": {
                        "kind": {"enum": ["build", "test"]},
                        "steps": {"type": "array", "items": {"$ref": "#/$defs/step"}}
                    },
                    "allOf": [
                        {"if": {"properties": {"kind": {"const": "build"}}},
                         "then": {"required": ["tool"], "properties": {"kind": true, "steps": true, "tool": {"type": "string", "minLength": 2}}, "additionalProperties": false}},
                        {"if": {"properties": {"kind": {"const": "test"}}},
                         "then": {"required": ["suite"], "properties": {"suite": {"type": "integer"}}}}
                    ]
                },
                "step": {"oneOf": [
                    {"type": "object", "required": ["run"], "properties": {"run": {"type": "string"}}, "additionalProperties": false},
                    {"type": "object", "required": ["uses"], "properties": {"uses": {"type": "string"}}, "additionalProperties": false}
                ]}
            }
        })
    }

    #[test]
    fn frames_are_valid_instances_around_a_deep_path() {
        let doc = pipeline();
        let schema = Engine::default().prepare(&doc).unwrap();
        let budgets = Budgets::default();
        let mut generator = Generator::new(&budgets);
        let path = instance_path("/properties/jobs/items/properties/steps/items/oneOf/1").unwrap();
        let built = frames(&mut generator, &doc, &[&doc], &path, 0);
        // The frames hold the path open: a value of the step schema planted there is valid
        // (under one of the cases the frames try).
        let planted: Vec<Value> = built
            .iter()
            .map(|(frame, steps)| {
                assert_eq!(steps.len(), 4, "{steps:?}");
                set_path(frame.clone(), steps, json!({"uses": "x"}))
            })
            .collect();
        assert!(planted.iter().any(|v| schema.is_valid(v)), "{planted:?}");
    }

    #[test]
    fn frames_name_the_tag_of_the_branch_they_are_built_from() {
        // The branches tag by a constant they do not require: `{}` is in every branch (so in
        // no `oneOf`), the tagged object in one.
        let doc = json!({"type": "object", "additionalProperties": {"type": "object", "oneOf": [
            {"properties": {"type": {"const": "http"}, "items": {"type": "array"}}},
            {"properties": {"type": {"type": "string", "enum": ["ipmi", "snmp"]},
                "items": {"type": "array"}}}]}});
        let schema = Engine::default().prepare(&doc).unwrap();
        let budgets = Budgets::default();
        let mut generator = Generator::new(&budgets);
        let path = instance_path("/additionalProperties/oneOf/1/properties/items/items").unwrap();
        let built = frames(&mut generator, &doc, &[&doc], &path, 0);
        let planted: Vec<Value> = built
            .iter()
            .map(|(frame, steps)| set_path(frame.clone(), steps, json!(1)))
            .collect();
        let valid: Vec<&Value> = planted.iter().filter(|v| schema.is_valid(v)).collect();
        assert!(
            valid
                .iter()
                .any(|v| v.pointer("/x-seam/type") == Some(&json!("ipmi"))),
            "{planted:?}"
        );
    }

    #[test]
    fn a_place_inside_a_dependent_schema_holds_the_property_it_depends_on() {
        let holders = dependent_holders(
            "/properties/a/dependentSchemas/format/properties/type/dependentSchemas/x~1y/required",
        );
        assert_eq!(
            holders,
            vec![
                (vec![Step::Key("a".to_owned())], "format".to_owned()),
                (
                    vec![Step::Key("a".to_owned()), Step::Key("type".to_owned())],
                    "x/y".to_owned()
                ),
            ]
        );
        assert_eq!(
            dependent_holders("/dependentSchemas/format/properties/type"),
            vec![(Vec::new(), "format".to_owned())]
        );
        // The property is added where it is missing, kept where it is present.
        let v = with_property(
            json!({"a": {"type": 1}}),
            &[Step::Key("a".to_owned())],
            "format",
            &json!(""),
        );
        assert_eq!(v, json!({"a": {"type": 1, "format": ""}}));
        let kept = with_property(
            v.clone(),
            &[Step::Key("a".to_owned())],
            "format",
            &json!(null),
        );
        assert_eq!(kept, v);
    }

    #[test]
    fn change_sites_find_the_way_to_a_changed_definition() {
        let old = pipeline();
        let mut new = pipeline();
        new["$defs"]["step"]["oneOf"][0]["properties"]["shell"] = json!({"type": "string"});
        let sites = change_sites(&new, &old);
        assert_eq!(sites.len(), 1);
        assert_eq!(
            sites[0].pointer,
            "/properties/jobs/items/$ref/properties/steps/items/$ref/oneOf/0"
        );
        assert!(sites[0].a.pointer("/properties/shell").is_some());
        assert!(sites[0].b.pointer("/properties/shell").is_none());
        // Annotations are not changes.
        let mut described = pipeline();
        described["$defs"]["job"]["description"] = json!("a job");
        assert!(change_sites(&described, &old).is_empty());
    }
}
