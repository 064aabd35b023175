//! The in-place graph of a schema document: the subschemas that apply at the same instance
//! location as a given one (`$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`, `then`, `else`,
//! the edges repository mode follows for the same check). Two facts come from it:
//!
//! - a cycle in it (`a → b → a`, `{"$ref": "#"}`) never reaches a constraint on the value: it is
//!   refused, as repository mode refuses it, instead of being read as `true`;
//! - the number of paths through it from one subschema is what a validator does at one instance
//!   location; a fan-out graph (each definition naming the next one three times) makes it
//!   exponential in the document size, and the engine bounds its validator use by it.
//!
//! Shared subgraphs are counted once (memoized by node), so the analysis is linear in the
//! document whatever the number of paths.

use std::collections::HashMap;

use serde_json::Value;

use super::pointer::{escape, resolve as lookup};
use super::upgrade::{ARRAYS, MAPS, SINGLE};

/// Deepest nesting walked (the loaders refuse deeper documents).
const MAX_DEPTH: usize = 512;

/// A reference cycle that never steps into the value, as the pointers of its nodes (the first
/// one repeated at the end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cycle {
    pub(crate) chain: Vec<String>,
}

impl Cycle {
    /// The one-line message, worded as repository mode words it.
    pub(crate) fn message(&self) -> String {
        let shown: Vec<String> = self.chain.iter().map(|p| format!("#{p}")).collect();
        format!(
            "`$ref` cycle `{}` never reaches a constraint; a recursive reference must pass \
             through `properties`, `items` or another keyword that steps into the value",
            shown.join(" -> ")
        )
    }
}

/// Every subschema of `doc` at a schema position, with its pointer.
fn collect<'v>(node: &'v Value, pointer: &str, depth: usize, out: &mut Vec<(String, &'v Value)>) {
    let Value::Object(m) = node else { return };
    if depth > MAX_DEPTH {
        return;
    }
    out.push((pointer.to_owned(), node));
    for (k, v) in m {
        let here = format!("{pointer}/{}", escape(k));
        if MAPS.contains(&k.as_str()) {
            if let Value::Object(entries) = v {
                for (name, s) in entries {
                    collect(s, &format!("{here}/{}", escape(name)), depth + 1, out);
                }
            }
        } else if ARRAYS.contains(&k.as_str()) && v.is_array() {
            if let Value::Array(items) = v {
                for (i, s) in items.iter().enumerate() {
                    collect(s, &format!("{here}/{i}"), depth + 1, out);
                }
            }
        } else if SINGLE.contains(&k.as_str()) {
            collect(v, &here, depth + 1, out);
        }
    }
}

/// The subschemas applied in place by `node`: `Some(index)` for an indexed subschema, `None`
/// for a leaf (a boolean schema, a target outside the indexed positions).
fn children<'v>(
    doc: &'v Value,
    node: &'v Value,
    index: &HashMap<usize, usize>,
) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut push = |v: &'v Value| {
        out.push(index.get(&(std::ptr::from_ref(v) as usize)).copied());
    };
    if let Some(target) = node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| lookup(doc, r))
    {
        push(target);
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(items)) = node.get(key) {
            items.iter().for_each(&mut push);
        }
    }
    for key in ["not", "if", "then", "else"] {
        if let Some(v) = node.get(key) {
            push(v);
        }
    }
    out
}

/// The largest number of paths through the in-place graph from one subschema of `doc`
/// (saturating), or the first cycle met.
pub(crate) fn analyze(doc: &Value) -> Result<u64, Cycle> {
    let mut nodes: Vec<(String, &Value)> = Vec::new();
    collect(doc, "", 0, &mut nodes);
    let index: HashMap<usize, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, (_, v))| (std::ptr::from_ref(*v) as usize, i))
        .collect();
    // 0: not visited, 1: on the stack, 2: done.
    let mut state = vec![0u8; nodes.len()];
    let mut paths = vec![0u64; nodes.len()];
    let mut most = 0u64;
    for root in 0..nodes.len() {
        if state.get(root) != Some(&0) {
            continue;
        }
        // (node, its in-place children, the next child to visit)
        let mut stack: Vec<(usize, Vec<Option<usize>>, usize)> = Vec::new();
        let enter = |i: usize, state: &mut Vec<u8>| -> (usize, Vec<Option<usize>>, usize) {
            if let Some(s) = state.get_mut(i) {
                *s = 1;
            }
            let node = nodes.get(i).map_or(&Value::Null, |(_, v)| *v);
            (i, children(doc, node, &index), 0)
        };
        stack.push(enter(root, &mut state));
        while let Some((node, kids, next)) = stack.last_mut() {
            let Some(child) = kids.get(*next).copied() else {
                // All children done: one path here plus every path through each child.
                let total = kids.iter().fold(1u64, |acc, k| {
                    acc.saturating_add(k.and_then(|c| paths.get(c).copied()).unwrap_or(1))
                });
                let node = *node;
                if let Some(p) = paths.get_mut(node) {
                    *p = total;
                }
                if let Some(s) = state.get_mut(node) {
                    *s = 2;
                }
                most = most.max(total);
                stack.pop();
                continue;
            };
            *next += 1;
            let Some(c) = child else { continue };
            match state.get(c) {
                Some(0) => stack.push(enter(c, &mut state)),
                Some(1) => {
                    let from = stack.iter().position(|(n, _, _)| *n == c).unwrap_or(0);
                    let mut chain: Vec<String> = stack
                        .get(from..)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|(n, _, _)| nodes.get(*n).map(|(p, _)| p.clone()))
                        .collect();
                    if let Some((p, _)) = nodes.get(c) {
                        chain.push(p.clone());
                    }
                    return Err(Cycle { chain });
                }
                _ => {}
            }
        }
    }
    Ok(most)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_pure_reference_loop_is_a_cycle() {
        let doc = json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"});
        let cycle = analyze(&doc).unwrap_err();
        assert_eq!(cycle.chain, ["/$defs/a", "/$defs/b", "/$defs/a"]);
        assert!(analyze(&json!({"$ref": "#"})).is_err());
        assert!(analyze(&json!({"anyOf": [{"type": "null"}, {"$ref": "#"}]})).is_err());
    }

    #[test]
    fn recursion_through_a_property_is_no_cycle() {
        let doc = json!({"type": "object", "properties": {"next": {"$ref": "#"}}});
        assert_eq!(analyze(&doc), Ok(2));
    }

    #[test]
    fn fan_out_paths_are_counted_without_unfolding() {
        let mut defs = serde_json::Map::new();
        for i in 0..40 {
            let next = format!("#/$defs/d{}", i + 1);
            defs.insert(
                format!("d{i}"),
                json!({"allOf": [{"$ref": next}, {"$ref": next}, {"$ref": next}]}),
            );
        }
        defs.insert("d40".to_owned(), json!({"type": "string"}));
        let doc = json!({"$defs": defs, "$ref": "#/$defs/d0"});
        // 3^40 paths: saturates instead of overflowing, computed in linear time.
        assert!(analyze(&doc).unwrap() > 1 << 60);
    }

    #[test]
    fn values_of_const_are_not_schemas() {
        let doc = json!({"const": {"$ref": "#"}, "enum": [{"$ref": "#"}]});
        assert_eq!(analyze(&doc), Ok(1));
    }
}
