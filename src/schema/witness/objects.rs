//! Witness candidates for objects: required and optional properties, additional and pattern
//! properties, dependencies.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{Candidates, Generator, Node, add_dependencies, u};
use crate::schema::pattern;

impl Generator<'_> {
    pub(super) fn objects(
        &mut self,
        node: Node<'_>,
        hints: &[Node<'_>],
        depth: usize,
        shallow: bool,
        cap: usize,
    ) -> Vec<Value> {
        let s = node.schema;
        let empty = Map::new();
        let props = s
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let min_props = u(s, "minProperties").unwrap_or(0);
        let additional = s.get("additionalProperties");
        let patterns = s.get("patternProperties").and_then(Value::as_object);
        self.meter.spend(1 + props.len() as u64 / 8);
        // The schema a property name gets in this object.
        let schema_for = |name: &str| -> Option<&Value> {
            if let Some(p) = props.get(name) {
                return Some(p);
            }
            if let Some(pp) = patterns {
                for (pat, sch) in pp {
                    if pattern::Language::of_pattern(pat)
                        .is_some_and(|l| l.contains_match(name) == Some(true))
                    {
                        return Some(sch);
                    }
                }
            }
            additional
        };
        let hints_for = |name: &str| -> Vec<Node<'_>> {
            hints
                .iter()
                .filter_map(|h| {
                    let hs = h.schema;
                    let schema = hs
                        .get("properties")
                        .and_then(|p| p.get(name))
                        .or_else(|| {
                            hs.get("patternProperties")
                                .and_then(Value::as_object)?
                                .iter()
                                .find(|(pat, _)| {
                                    pattern::Language::of_pattern(pat)
                                        .is_some_and(|l| l.contains_match(name) == Some(true))
                                })
                                .map(|(_, sch)| sch)
                        })
                        .or_else(|| hs.get("additionalProperties"))?;
                    Some(Node { doc: h.doc, schema })
                })
                .collect()
        };
        // Names: required first, then declared, then the hints' names.
        // `seen` keeps membership tests cheap on objects with thousands of properties.
        let mut names: Vec<String> = Vec::new();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for n in required
            .iter()
            .copied()
            .chain(props.keys().map(String::as_str))
        {
            if seen.insert(n.to_owned()) {
                names.push(n.to_owned());
            }
        }
        let required_set: BTreeSet<&str> = required.iter().copied().collect();
        let declared = names.len();
        if !shallow {
            for h in hints {
                let hs = h.schema;
                let mut hint_names: Vec<&str> = Vec::new();
                if let Some(p) = hs.get("properties").and_then(Value::as_object) {
                    hint_names.extend(p.keys().map(String::as_str));
                }
                if let Some(r) = hs.get("required").and_then(Value::as_array) {
                    hint_names.extend(r.iter().filter_map(Value::as_str));
                }
                if let Some(d) = hs.get("dependentRequired").and_then(Value::as_object) {
                    hint_names.extend(d.keys().map(String::as_str));
                }
                if let Some(pp) = hs.get("patternProperties").and_then(Value::as_object) {
                    let examples: Vec<String> =
                        pp.keys().filter_map(|p| pattern::example(p)).collect();
                    for e in examples {
                        if seen.insert(e.clone()) {
                            names.push(e);
                        }
                    }
                }
                if let Some(pn) = hs.get("propertyNames")
                    && let Some(p) = pn.get("pattern").and_then(Value::as_str)
                    && let Some(w) = pattern::counter_example(p)
                    && seen.insert(w.clone())
                {
                    names.push(w);
                }
                for n in hint_names {
                    if seen.insert(n.to_owned()) {
                        names.push(n.to_owned());
                    }
                }
            }
            // A name of each class of the patterns of both sides (the names matching the same
            // patterns), when the hints' patterns differ from this schema's.
            for name in class_names(s, hints) {
                if seen.insert(name.clone()) {
                    names.push(name);
                }
            }
            if !additional.is_some_and(|a| a == &Value::Bool(false)) && seen.insert("x".to_owned())
            {
                names.push("x".to_owned());
            }
        }
        // Values: the minimal one for each name, all candidates for the interesting ones.
        let interesting = |name: &str, own: Option<&Value>| -> bool {
            let hs = hints_for(name);
            hs.is_empty() && !hints.is_empty()
                || own.is_none()
                || !hs.iter().any(|h| Some(h.schema) == own)
                || hints.iter().any(|h| {
                    h.schema
                        .get("required")
                        .and_then(Value::as_array)
                        .is_some_and(|r| r.iter().any(|x| x.as_str() == Some(name)))
                        && !required_set.contains(name)
                })
        };
        let mut base = Map::new();
        let mut minimal: Vec<(String, Value)> = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if self.meter.exhausted() {
                break;
            }
            let is_required = required_set.contains(name.as_str());
            if !is_required && (shallow || i >= declared) && base.len() >= min_props {
                continue;
            }
            let own = schema_for(name);
            let hs = hints_for(name);
            let values = match own {
                Some(o) => self.generate(
                    Node {
                        doc: node.doc,
                        schema: o,
                    },
                    &hs,
                    depth + 1,
                    true,
                ),
                None => self.any(&hs, depth + 1, true),
            };
            let Some(first) = values.into_iter().next() else {
                continue;
            };
            if is_required || base.len() < min_props {
                base.insert(name.clone(), first.clone());
            }
            minimal.push((name.clone(), first));
        }
        let mut bag = Candidates::new(cap, self.budgets.max_value_nodes());
        bag.push(Value::Object(base.clone()));
        if shallow {
            return bag.items;
        }
        // All declared properties present.
        let mut full = base.clone();
        for (name, v) in minimal.iter().take(declared) {
            full.entry(name.clone()).or_insert_with(|| v.clone());
        }
        // Perturb one property at a time, interesting ones first.
        let mut order: Vec<(bool, usize)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (!interesting(n, props.get(n)), i))
            .collect();
        order.sort_unstable();
        let mut perturbations = 0usize;
        for (boring, i) in order {
            if bag.items.len() + 8 >= bag.cap
                || self.meter.exhausted()
                || (boring && perturbations >= cap)
            {
                break;
            }
            let Some(name) = names.get(i) else { continue };
            let own = schema_for(name);
            let hs = hints_for(name);
            let values = match own {
                Some(o) => self.generate(
                    Node {
                        doc: node.doc,
                        schema: o,
                    },
                    &hs,
                    depth + 1,
                    false,
                ),
                None => {
                    if additional.is_some_and(|a| a == &Value::Bool(false)) {
                        // Still try it: the validator decides.
                        self.any(&hs, depth + 1, true)
                    } else {
                        self.any(&hs, depth + 1, false)
                    }
                }
            };
            for v in values {
                perturbations += 1;
                let mut o = base.clone();
                o.insert(name.clone(), v.clone());
                add_dependencies(&mut o, s, &minimal);
                bag.push(Value::Object(o));
                if bag.items.len() + 8 >= bag.cap {
                    break;
                }
            }
            // Without the property.
            if base.contains_key(name) {
                let mut o = base.clone();
                o.remove(name);
                bag.push(Value::Object(o));
            }
        }
        add_dependencies(&mut full, s, &minimal);
        bag.push(Value::Object(full));
        // Objects of the property counts the bounds talk about, and with the names the
        // hints' `propertyNames` reject.
        if !additional.is_some_and(|a| a == &Value::Bool(false)) {
            let own_names = s.get("propertyNames").unwrap_or(&Value::Bool(true));
            let name_hints: Vec<Node<'_>> = hints
                .iter()
                .filter_map(|h| {
                    h.schema
                        .get("propertyNames")
                        .map(|schema| Node { doc: h.doc, schema })
                })
                .collect();
            let string_names = self.strings(own_names, &name_hints, false, 12);
            let filler = additional.map_or_else(
                || vec![Value::Null],
                |a| {
                    self.generate(
                        Node {
                            doc: node.doc,
                            schema: a,
                        },
                        &[],
                        depth + 1,
                        true,
                    )
                },
            );
            if let Some(fill) = filler.first() {
                if !name_hints.is_empty() {
                    for n in string_names.iter().filter_map(Value::as_str) {
                        let mut o = base.clone();
                        o.insert(n.to_owned(), fill.clone());
                        bag.push(Value::Object(o));
                    }
                }
                let mut counts: Vec<usize> = Vec::new();
                if let Some(m) = u(s, "maxProperties") {
                    counts.push(m);
                }
                for h in hints {
                    if let Some(m) = u(h.schema, "maxProperties") {
                        counts.push(m.saturating_add(1));
                    }
                    if let Some(m) = u(h.schema, "minProperties") {
                        counts.push(m.saturating_sub(1));
                    }
                }
                counts.push(min_props);
                let prefix = string_names
                    .iter()
                    .filter_map(Value::as_str)
                    .find(|n| !n.is_empty())
                    .unwrap_or("p")
                    .to_owned();
                for n in counts {
                    if n > 1000 || n < base.len() {
                        continue;
                    }
                    let mut o = base.clone();
                    let mut i = 0usize;
                    while o.len() < n && i < 2 * n + 2 {
                        o.entry(format!("{prefix}{i}"))
                            .or_insert_with(|| fill.clone());
                        i += 1;
                    }
                    bag.push(Value::Object(o));
                }
            }
        }
        bag.items
    }
}

/// The shortest name of each class of property names that match the same `patternProperties`
/// patterns of `s` and of the hints (at most [`CLASS_NAMES`]); none when every hint has the
/// same patterns as `s`.
fn class_names(s: &Value, hints: &[Node<'_>]) -> Vec<String> {
    const CLASS_NAMES: usize = 12;
    const CLASS_STATES: usize = 4_096;
    let keys = |v: &Value| -> Vec<String> {
        v.get("patternProperties")
            .and_then(Value::as_object)
            .map(|pp| pp.keys().cloned().collect())
            .unwrap_or_default()
    };
    let own = keys(s);
    let mut texts = own.clone();
    let mut differ = false;
    for h in hints {
        let theirs = keys(h.schema);
        differ |= theirs.len() != own.len() || theirs.iter().any(|p| !own.contains(p));
        texts.extend(theirs);
    }
    texts.sort_unstable();
    texts.dedup();
    if !differ || texts.len() > 24 {
        return Vec::new();
    }
    let langs: Vec<_> = texts
        .iter()
        .filter_map(|p| pattern::Language::of_pattern(p))
        .collect();
    let refs: Vec<&pattern::Language> = langs.iter().map(AsRef::as_ref).collect();
    let mut names = Vec::new();
    pattern::signatures(&refs, CLASS_STATES, |_, name| {
        names.extend(name);
        names.len() < CLASS_NAMES
    });
    names
}
