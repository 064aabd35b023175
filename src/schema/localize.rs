//! Localization: where two schema documents differ (paths through `properties` and `items`),
//! the instance paths those places address, and candidate values planted there, so the
//! engine compares and searches only the changed subschemas of large documents.

use serde_json::Value;

use super::engine::PreparedSchema;
use super::prove;
use super::witness::{Generator, Node};

/// One step of an instance path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Key(String),
    /// A property `additionalProperties` governs: any name the schema does not declare.
    AnyKey,
    Index(usize),
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
            "allOf" | "anyOf" | "oneOf" => i += 2,
            "additionalProperties" => {
                out.push(Step::AnyKey);
                i += 1;
            }
            "items" => {
                out.push(Step::Index(0));
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
        Step::Key(_) | Step::AnyKey => {
            let mut map = match value {
                Value::Object(m) => m,
                _ => serde_json::Map::new(),
            };
            let name = match first {
                Step::Key(k) => k.clone(),
                _ => "x-seam".to_owned(),
            };
            let inner = map.remove(&name).unwrap_or(Value::Null);
            map.insert(name, set_path(inner, rest, leaf));
            Value::Object(map)
        }
        Step::Index(i) => {
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
    for site in sites {
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
        for leaf in local.into_iter().take(24) {
            for base in &bases {
                out.push(set_path(base.clone(), &path, leaf.clone()));
            }
        }
    }
    out
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

/// The (path, subschema of `a`, subschema of `b`) pairs where two documents differ, walking
/// only through `properties` and `items` of objects whose other keywords are equal (a `required`
/// list may shrink from `a` to `b`: that only widens). False past 16 sites.
pub(super) fn diff_sites<'v>(
    a: &'v Value,
    b: &'v Value,
    path: &mut Vec<Seg>,
    out: &mut Vec<Site<'v>>,
) -> bool {
    if a == b {
        return true;
    }
    let walkable =
        |ma: &serde_json::Map<String, Value>, mb: &serde_json::Map<String, Value>| -> bool {
            let others_equal = |x: &serde_json::Map<String, Value>,
                                y: &serde_json::Map<String, Value>| {
                x.iter()
                    .filter(|(k, _)| !matches!(k.as_str(), "properties" | "items" | "required"))
                    .all(|(k, v)| y.get(k) == Some(v))
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
                if va == vb {
                    continue;
                }
                path.push(Seg::Prop(k.clone()));
                let ok = diff_sites(va, vb, path, out);
                path.pop();
                if !ok {
                    return false;
                }
            }
        }
        if let (Some(ia), Some(ib)) = (ma.get("items"), mb.get("items"))
            && ia != ib
        {
            path.push(Seg::Items);
            let ok = diff_sites(ia, ib, path, out);
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
