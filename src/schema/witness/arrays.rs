//! Witness candidates for arrays: lengths, items, tuples, `contains` and uniqueness.

use serde_json::Value;

use super::{Candidates, Generator, Node, nodes_up_to, u};

impl Generator<'_> {
    pub(super) fn arrays(
        &mut self,
        node: Node<'_>,
        hints: &[Node<'_>],
        depth: usize,
        shallow: bool,
        cap: usize,
    ) -> Vec<Value> {
        let s = node.schema;
        let min = u(s, "minItems").unwrap_or(0);
        let max = u(s, "maxItems");
        let unique = s.get("uniqueItems").and_then(Value::as_bool) == Some(true);
        let prefix: &[Value] = s
            .get("prefixItems")
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice);
        let items = s.get("items");
        let item_hints = |i: usize| -> Vec<Node<'_>> {
            hints
                .iter()
                .filter_map(|h| {
                    let schema = h
                        .schema
                        .get("prefixItems")
                        .and_then(|p| p.get(i))
                        .or_else(|| h.schema.get("items"))?;
                    Some(Node { doc: h.doc, schema })
                })
                .collect()
        };
        let mut lengths = vec![min];
        if !shallow {
            lengths.extend([min.saturating_add(1), prefix.len(), prefix.len() + 1]);
            if let Some(m) = max {
                lengths.push(m);
            }
            for h in hints {
                if let Some(l) = u(h.schema, "minItems") {
                    lengths.push(l.saturating_sub(1));
                }
                if let Some(l) = u(h.schema, "maxItems") {
                    lengths.push(l.saturating_add(1));
                }
                if let Some(p) = h.schema.get("prefixItems").and_then(Value::as_array) {
                    lengths.extend([p.len(), p.len() + 1]);
                }
            }
        }
        lengths.retain(|n| *n >= min && max.is_none_or(|m| *n <= m));
        lengths.retain(|n| self.array_fits(*n));
        lengths.sort_unstable();
        lengths.dedup();
        // Candidates per prefix position, then for the rest.
        let mut per_position: Vec<Vec<Value>> = Vec::new();
        let longest = lengths.last().copied().unwrap_or(0);
        for (i, p) in prefix.iter().enumerate().take(longest.max(1)) {
            let h = item_hints(i);
            per_position.push(self.generate(
                Node {
                    doc: node.doc,
                    schema: p,
                },
                &h,
                depth + 1,
                shallow,
            ));
        }
        let rest: Vec<Value> = if longest > prefix.len() {
            let h = item_hints(prefix.len());
            match items {
                Some(schema) => self.generate(
                    Node {
                        doc: node.doc,
                        schema,
                    },
                    &h,
                    depth + 1,
                    shallow,
                ),
                None => self.any(&h, depth + 1, shallow),
            }
        } else {
            Vec::new()
        };
        let element = |i: usize, choice: usize| -> Option<Value> {
            let list = per_position.get(i).unwrap_or(&rest);
            if list.is_empty() {
                return None;
            }
            if unique && i >= prefix.len() {
                let k = (i - prefix.len() + choice) % list.len();
                if i - prefix.len() >= list.len() {
                    return Some(Value::from(i));
                }
                return list.get(k).cloned();
            }
            list.get(choice.min(list.len() - 1)).cloned()
        };
        let max_nodes = self.budgets.max_value_nodes();
        // Nodes of the first choice at each position, so that an array past the node budget is
        // never built (nested arrays multiply: five items of five items of ...).
        let first_nodes = |list: &Vec<Value>| {
            list.first()
                .map_or(0, |v| nodes_up_to(v, max_nodes.saturating_add(1)))
        };
        let rest_nodes = first_nodes(&rest);
        let position_nodes: Vec<usize> = per_position.iter().map(first_nodes).collect();
        let fits = |n: usize| {
            (0..n)
                .map(|i| position_nodes.get(i).copied().unwrap_or(rest_nodes))
                .try_fold(1usize, |total, x| {
                    Some(total.saturating_add(x)).filter(|t| *t <= max_nodes)
                })
                .is_some()
        };
        let mut bag = Candidates::new(cap, max_nodes);
        for &n in &lengths {
            if !fits(n) {
                continue;
            }
            let arr: Option<Vec<Value>> = (0..n).map(|i| element(i, 0)).collect();
            if let Some(a) = arr {
                bag.push(Value::Array(a));
            }
        }
        if !shallow {
            // Perturb one position at a time, in the short arrays and just past the prefix.
            let mut bases: Vec<usize> =
                lengths.iter().copied().filter(|n| *n > 0).take(2).collect();
            if lengths.contains(&(prefix.len() + 1)) {
                bases.push(prefix.len() + 1);
            }
            bases.dedup();
            for n in bases.into_iter().filter(|n| fits(*n)) {
                let Some(base) = (0..n)
                    .map(|i| element(i, 0))
                    .collect::<Option<Vec<Value>>>()
                else {
                    continue;
                };
                for i in 0..n.min(prefix.len() + 2).min(6) {
                    let list = per_position.get(i).unwrap_or(&rest);
                    for v in list.iter().skip(1) {
                        if bag.full() {
                            break;
                        }
                        let mut a = base.clone();
                        if let Some(slot) = a.get_mut(i) {
                            *slot = v.clone();
                        }
                        bag.push(Value::Array(a));
                    }
                }
            }
            // Arrays holding what `contains` asks for.
            if let Some(c) = s.get("contains")
                && self.array_fits(min)
                && fits(min.saturating_sub(1))
            {
                let found = self.generate(
                    Node {
                        doc: node.doc,
                        schema: c,
                    },
                    &[],
                    depth + 1,
                    false,
                );
                for v in found.into_iter().take(4) {
                    let mut a: Vec<Value> = (0..min.saturating_sub(1))
                        .filter_map(|i| element(i, 0))
                        .collect();
                    a.push(v);
                    bag.push(Value::Array(a));
                }
            }
        }
        bag.items
    }
}
