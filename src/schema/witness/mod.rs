//! Witness generation: candidate values for a schema A, steered by the schema B they should
//! break ("hints": B's subschema at the same instance location, its bounds, constants,
//! patterns and property names). Candidates are not trusted: the engine re-checks each one
//! with compiled validators (valid under A, invalid under B) before it reports it.
//!
//! The generator builds a minimal instance of A and perturbs it one location at a time,
//! visiting first the locations where A and B differ, so large schemas stay cheap.

#![expect(
    clippy::many_single_char_names,
    reason = "short names for schema pairs and bounds"
)]
#![expect(
    clippy::match_same_arms,
    reason = "one arm per JSON Schema construct reads better"
)]

use serde_json::{Map, Number, Value};

mod arrays;
mod numbers;
mod objects;
mod strings;

use super::budget::{Budgets, Meter, nodes_up_to};
use super::pointer::{never_asserts, resolve as resolve_ref};

/// A subschema together with the document its `$ref`s resolve in.
#[derive(Clone, Copy)]
pub(crate) struct Node<'a> {
    pub(crate) doc: &'a Value,
    pub(crate) schema: &'a Value,
}

/// Generates candidate values.
pub(crate) struct Generator<'b> {
    meter: Meter,
    budgets: &'b Budgets,
    /// The first value left out because it is larger than the budget allows, and why.
    clipped: Option<String>,
}

const TYPES: &[&str] = &[
    "null", "boolean", "integer", "number", "string", "array", "object",
];

fn resolve(node: Node<'_>) -> Node<'_> {
    let mut current = node;
    for _ in 0..32 {
        let Some(reference) = current.schema.get("$ref").and_then(Value::as_str) else {
            return current;
        };
        // Siblings beside `$ref` are handled by the caller as a conjunction.
        if current
            .schema
            .as_object()
            .is_some_and(|m| m.keys().any(|k| k != "$ref" && !never_asserts(k)))
        {
            return current;
        }
        match resolve_ref(current.doc, reference) {
            Some(target) => {
                current = Node {
                    doc: current.doc,
                    schema: target,
                }
            }
            None => {
                return Node {
                    doc: current.doc,
                    schema: &Value::Bool(true),
                };
            }
        }
    }
    current
}

/// Flattens hints: resolves references and descends into combinator branches.
fn flatten<'a>(hints: &[Node<'a>]) -> Vec<Node<'a>> {
    let mut out: Vec<Node<'a>> = Vec::new();
    let mut stack: Vec<(Node<'a>, usize)> = hints.iter().rev().map(|h| (*h, 0)).collect();
    while let Some((h, depth)) = stack.pop() {
        if out.len() >= 16 {
            break;
        }
        let h = resolve(h);
        out.push(h);
        if depth >= 3 {
            continue;
        }
        if let Some(target) = h
            .schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| resolve_ref(h.doc, r))
        {
            stack.push((
                Node {
                    doc: h.doc,
                    schema: target,
                },
                depth + 1,
            ));
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = h.schema.get(key) {
                for b in branches.iter().rev() {
                    stack.push((
                        Node {
                            doc: h.doc,
                            schema: b,
                        },
                        depth + 1,
                    ));
                }
            }
        }
        for key in ["then", "else"] {
            if let Some(b) = h.schema.get(key) {
                stack.push((
                    Node {
                        doc: h.doc,
                        schema: b,
                    },
                    depth + 1,
                ));
            }
        }
    }
    out
}

/// A bounded, duplicate-free list of candidates.
struct Candidates {
    items: Vec<Value>,
    cap: usize,
    /// Most nodes one candidate may hold ([`Budgets::max_value_nodes`]); larger ones are left
    /// out.
    max_nodes: usize,
}

impl Candidates {
    fn new(cap: usize, max_nodes: usize) -> Self {
        Self {
            items: Vec::new(),
            cap,
            max_nodes,
        }
    }
    fn push(&mut self, v: Value) {
        if self.items.len() < self.cap
            && nodes_within(&v, self.max_nodes)
            && !self.items.contains(&v)
        {
            self.items.push(v);
        }
    }
    fn full(&self) -> bool {
        self.items.len() >= self.cap
    }
}

fn num(x: f64) -> Option<Value> {
    if !x.is_finite() {
        return None;
    }
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "integral and within i64 range"
        )]
        return Some(Value::from(x as i64));
    }
    Number::from_f64(x).map(Value::Number)
}

fn f(schema: &Value, key: &str) -> Option<f64> {
    schema.get(key).and_then(Value::as_f64)
}

fn u(schema: &Value, key: &str) -> Option<usize> {
    schema
        .get(key)
        .and_then(Value::as_f64)
        .filter(|x| *x >= 0.0)
        .map(|x| {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "non-negative; saturates"
            )]
            let n = x.ceil() as usize;
            n
        })
}

fn types_of(schema: &Value) -> Vec<&'static str> {
    match schema.get("type") {
        Some(Value::String(t)) => TYPES.iter().copied().filter(|x| x == t).collect(),
        Some(Value::Array(ts)) => TYPES
            .iter()
            .copied()
            .filter(|x| ts.iter().any(|t| t.as_str() == Some(x)))
            .collect(),
        _ => {
            // Untyped: every type, those its keywords talk about first.
            let mut first: Vec<&'static str> = Vec::new();
            let has = |keys: &[&str]| keys.iter().any(|k| schema.get(*k).is_some());
            if has(&[
                "properties",
                "required",
                "additionalProperties",
                "patternProperties",
                "minProperties",
                "maxProperties",
                "propertyNames",
                "dependentRequired",
                "dependentSchemas",
            ]) {
                first.push("object");
            }
            if has(&[
                "items",
                "prefixItems",
                "minItems",
                "maxItems",
                "contains",
                "uniqueItems",
            ]) {
                first.push("array");
            }
            if has(&["minLength", "maxLength", "pattern", "format"]) {
                first.push("string");
            }
            if has(&[
                "minimum",
                "maximum",
                "exclusiveMinimum",
                "exclusiveMaximum",
                "multipleOf",
            ]) {
                first.push("number");
            }
            for t in TYPES {
                if !first.contains(t) {
                    first.push(t);
                }
            }
            first
        }
    }
}

fn is_trivial(schema: &Value) -> bool {
    match schema {
        Value::Bool(true) => true,
        Value::Object(m) => m.keys().all(|k| never_asserts(k)),
        _ => false,
    }
}

/// `a` with the keys and items of `b` added (recursively); on a type clash `a` wins.
pub(crate) fn merge(a: &Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut out = x.clone();
            for (k, v) in y {
                let merged = match x.get(k) {
                    Some(old) => merge(old, v),
                    None => v.clone(),
                };
                out.insert(k.clone(), merged);
            }
            Value::Object(out)
        }
        (Value::Array(x), Value::Array(y)) => {
            let n = x.len().max(y.len());
            Value::Array(
                (0..n)
                    .filter_map(|i| match (x.get(i), y.get(i)) {
                        (Some(p), Some(q)) => Some(merge(p, q)),
                        (Some(p), None) => Some(p.clone()),
                        (None, q) => q.cloned(),
                    })
                    .collect(),
            )
        }
        _ => a.clone(),
    }
}

/// The sample strings for the formats the validator asserts.
fn format_sample(format: &str) -> Option<&'static str> {
    Some(match format {
        "date" => "2024-01-31",
        "date-time" => "2024-01-31T12:00:00Z",
        "time" => "12:00:00Z",
        "duration" => "P1D",
        "email" | "idn-email" => "user@example.com",
        "hostname" | "idn-hostname" => "example.com",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "uri" | "iri" => "https://example.com/a",
        "uri-reference" | "iri-reference" => "/a",
        "uri-template" => "/a/{b}",
        "uuid" => "123e4567-e89b-12d3-a456-426614174000",
        "json-pointer" => "/a",
        "relative-json-pointer" => "0/a",
        "regex" => "^a$",
        _ => return None,
    })
}

impl<'b> Generator<'b> {
    /// A generator with a fresh step meter.
    pub(crate) fn new(budgets: &'b Budgets) -> Self {
        Self {
            meter: Meter::new(budgets.witness_steps),
            budgets,
            clipped: None,
        }
    }

    /// Whether the step budget ran out.
    pub(crate) fn exhausted(&self) -> bool {
        self.meter.exhausted()
    }

    /// Spends one step of the budget on work done outside [`Generator::generate`], plus the
    /// schemas it copied (see [`Meter::spend_copies`]); false once it is gone.
    pub(crate) fn spend_copies<'v>(
        &mut self,
        copied: impl IntoIterator<Item = &'v Value>,
        more: usize,
    ) -> bool {
        self.meter.spend_copies(copied, more)
    }

    /// Why a candidate was left out for its size, when one was.
    pub(crate) fn clipped(&self) -> Option<&str> {
        self.clipped.as_deref()
    }

    /// Whether a string of `n` characters may be built; records why not.
    fn string_fits(&mut self, n: usize) -> bool {
        let fits = self.budgets.fits_string(n);
        if !fits && self.clipped.is_none() {
            let shown = if n == usize::MAX {
                "more than 2^64".to_owned()
            } else {
                n.to_string()
            };
            self.clipped = Some(Budgets::too_large(
                "a string",
                format!("{shown} characters"),
                self.budgets.max_string_len,
            ));
        }
        fits
    }

    /// Whether an array of `n` items may be built; records why not.
    fn array_fits(&mut self, n: usize) -> bool {
        let fits = self.budgets.fits_array(n);
        if !fits && self.clipped.is_none() {
            let shown = if n == usize::MAX {
                "more than 2^64".to_owned()
            } else {
                n.to_string()
            };
            self.clipped = Some(Budgets::too_large(
                "an array",
                format!("{shown} items"),
                self.budgets.max_array_len,
            ));
        }
        fits
    }

    fn cap(depth: usize) -> usize {
        match depth {
            0..=2 => 48,
            3..=6 => 24,
            7..=12 => 8,
            _ => 3,
        }
    }

    /// Candidates for `node`, steered by `hints`. With `shallow`, only the minimal instance.
    pub(crate) fn generate(
        &mut self,
        node: Node<'_>,
        hints: &[Node<'_>],
        depth: usize,
        shallow: bool,
    ) -> Vec<Value> {
        if !self.meter.spend(1) || depth > 64 {
            return Vec::new();
        }
        let node = resolve(node);
        let hints = flatten(hints);
        let schema = node.schema;
        let cap = if shallow { 2 } else { Self::cap(depth) };
        match schema {
            Value::Bool(false) => return Vec::new(),
            Value::Bool(true) => return self.any(&hints, depth, shallow),
            Value::Object(_) => {}
            _ => return Vec::new(),
        }
        let mut bag = Candidates::new(cap, self.budgets.max_value_nodes());
        if let Some(c) = schema.get("const") {
            bag.push(c.clone());
            return bag.items;
        }
        if let Some(Value::Array(values)) = schema.get("enum") {
            for v in values.iter().take(self.budgets.max_enum) {
                bag.push(v.clone());
            }
            return bag.items;
        }
        // Conjunction parts beside the plain keywords.
        let mut parts: Vec<Node<'_>> = Vec::new();
        if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
            parts.push(Node {
                doc: node.doc,
                schema: resolve_ref(node.doc, target).unwrap_or(&Value::Bool(true)),
            });
        }
        if let Some(Value::Array(all)) = schema.get("allOf") {
            parts.extend(all.iter().map(|s| Node {
                doc: node.doc,
                schema: s,
            }));
        }
        // Alternatives: each is a list of extra conjuncts.
        let mut options: Vec<Vec<Node<'_>>> = vec![Vec::new()];
        for key in ["anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = schema.get(key) {
                let mut next = Vec::new();
                for opt in &options {
                    for b in branches {
                        let mut o = opt.clone();
                        o.push(Node {
                            doc: node.doc,
                            schema: b,
                        });
                        next.push(o);
                    }
                }
                next.truncate(16);
                options = next;
            }
        }
        if let Some(cond) = schema.get("if") {
            let mut next = Vec::new();
            for opt in &options {
                let mut yes = opt.clone();
                yes.push(Node {
                    doc: node.doc,
                    schema: cond,
                });
                if let Some(then) = schema.get("then") {
                    yes.push(Node {
                        doc: node.doc,
                        schema: then,
                    });
                }
                next.push(yes);
                let mut no = opt.clone();
                if let Some(other) = schema.get("else") {
                    no.push(Node {
                        doc: node.doc,
                        schema: other,
                    });
                }
                next.push(no);
            }
            options = next;
        }
        let mut local_hints = hints.clone();
        if let Some(not) = schema.get("not") {
            local_hints.push(Node {
                doc: node.doc,
                schema: not,
            });
        }
        if let Some(cond) = schema.get("if") {
            local_hints.push(Node {
                doc: node.doc,
                schema: cond,
            });
        }
        let plain = self.plain(node, &local_hints, depth, shallow, cap);
        let plain_trivial = schema.as_object().is_some_and(|m| {
            m.keys().all(|k| {
                never_asserts(k)
                    || matches!(
                        k.as_str(),
                        "$ref" | "allOf" | "anyOf" | "oneOf" | "if" | "then" | "else" | "not"
                    )
            })
        });
        // Only a `type` beside the combinators: its smallest value ("", 0) would win every
        // merge over the branches' own (an enum member): the branches' values of that type go
        // first instead.
        let only_type = schema.get("type").is_some()
            && schema.as_object().is_some_and(|m| {
                m.keys().all(|k| {
                    k == "type"
                        || never_asserts(k)
                        || matches!(
                            k.as_str(),
                            "$ref" | "allOf" | "anyOf" | "oneOf" | "if" | "then" | "else" | "not"
                        )
                })
            });
        let types = types_of(schema);
        for option in &options {
            if bag.full() || self.meter.exhausted() {
                break;
            }
            let mut lists: Vec<Vec<Value>> = Vec::new();
            let mut pinned_lists: Vec<usize> = Vec::new();
            let typed_by_parts = only_type && !(parts.is_empty() && option.is_empty());
            if !(plain_trivial || typed_by_parts) || (parts.is_empty() && option.is_empty()) {
                lists.push(plain.clone());
            }
            for part in parts.iter().chain(option.iter()) {
                if is_trivial(part.schema) {
                    continue;
                }
                let mut values = self.generate(*part, &local_hints, depth + 1, shallow);
                if schema
                    .get("if")
                    .is_some_and(|c| std::ptr::eq(c, part.schema))
                {
                    // A condition's case: the properties it pins (`const`, `enum`) present, so
                    // that the value is in this case and not vacuously.
                    for v in &mut values {
                        pin_condition(node.doc, part.schema, v);
                    }
                }
                // A part pinning the value (`const`, `enum`): merged first as well, so that its
                // value wins over a free smallest value of the same type ("" for a string).
                let pinned = {
                    let r = resolve(*part).schema;
                    r.get("const").is_some() || r.get("enum").is_some()
                };
                if pinned {
                    pinned_lists.push(lists.len());
                }
                lists.push(values);
            }
            if lists.is_empty() {
                lists.push(plain.clone());
            }
            let mut merged = merge_all(&lists, self.budgets.max_value_nodes());
            if !pinned_lists.is_empty() {
                // With the pinning parts first, then as written, the two orders interleaved.
                let mut reordered: Vec<Vec<Value>> = pinned_lists
                    .iter()
                    .filter_map(|&i| lists.get(i).cloned())
                    .collect();
                reordered.extend(
                    lists
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| !pinned_lists.contains(i))
                        .map(|(_, l)| l.clone()),
                );
                let first = merge_all(&reordered, self.budgets.max_value_nodes());
                let mut both = Vec::with_capacity(merged.len() + first.len());
                let mut rest = merged.into_iter();
                for v in first {
                    both.push(v);
                    both.extend(rest.next());
                }
                both.extend(rest);
                merged = both;
            }
            if typed_by_parts {
                merged.sort_by_key(|v| !types.iter().any(|t| of_type(v, t)));
                merged.extend(plain.iter().cloned());
            }
            for v in merged {
                bag.push(v);
            }
        }
        bag.items
    }

    /// Candidates for any value.
    fn any(&mut self, hints: &[Node<'_>], depth: usize, shallow: bool) -> Vec<Value> {
        let mut bag = Candidates::new(
            if shallow { 2 } else { Self::cap(depth) },
            self.budgets.max_value_nodes(),
        );
        bag.push(Value::Null);
        if shallow {
            return bag.items;
        }
        for v in [
            Value::Bool(false),
            Value::from(0),
            Value::from(-1),
            Value::String(String::new()),
            Value::Array(Vec::new()),
            Value::Object(Map::new()),
            Value::from(0.5),
            Value::Bool(true),
            Value::from(1),
            Value::String("a".to_owned()),
        ] {
            bag.push(v);
        }
        // Values just outside what the hints accept, of the types they name.
        for h in hints {
            if bag.full() {
                break;
            }
            let probe = Node {
                doc: h.doc,
                schema: &Value::Bool(true),
            };
            for t in types_of(h.schema).into_iter().take(2) {
                for v in self.typed(probe, t, std::slice::from_ref(h), depth + 1, false, 8) {
                    bag.push(v);
                }
            }
        }
        bag.items
    }

    /// Candidates from the keywords of `node` itself (no combinators).
    fn plain(
        &mut self,
        node: Node<'_>,
        hints: &[Node<'_>],
        depth: usize,
        shallow: bool,
        cap: usize,
    ) -> Vec<Value> {
        let mut bag = Candidates::new(cap, self.budgets.max_value_nodes());
        let types = types_of(node.schema);
        let per_type = if shallow {
            1
        } else {
            (cap / types.len().max(1)).max(6)
        };
        for t in types {
            if bag.full() {
                break;
            }
            for v in self.typed(node, t, hints, depth, shallow, per_type) {
                bag.push(v);
            }
        }
        bag.items
    }

    fn typed(
        &mut self,
        node: Node<'_>,
        ty: &str,
        hints: &[Node<'_>],
        depth: usize,
        shallow: bool,
        cap: usize,
    ) -> Vec<Value> {
        match ty {
            "null" => vec![Value::Null],
            "boolean" => {
                if shallow {
                    vec![Value::Bool(false)]
                } else {
                    vec![Value::Bool(false), Value::Bool(true)]
                }
            }
            "integer" => self.numbers(node.schema, hints, true, shallow, cap),
            "number" => self.numbers(node.schema, hints, false, shallow, cap),
            "string" => self.strings(node.schema, hints, shallow, cap),
            "array" => self.arrays(node, hints, depth, shallow, cap),
            "object" => self.objects(node, hints, depth, shallow, cap),
            _ => Vec::new(),
        }
    }
}

fn add_dependencies(o: &mut Map<String, Value>, s: &Value, minimal: &[(String, Value)]) {
    let Some(deps) = s.get("dependentRequired").and_then(Value::as_object) else {
        return;
    };
    let present: Vec<String> = o.keys().cloned().collect();
    for p in present {
        if let Some(Value::Array(needed)) = deps.get(&p) {
            for n in needed.iter().filter_map(Value::as_str) {
                if !o.contains_key(n) {
                    let v = minimal
                        .iter()
                        .find(|(k, _)| k == n)
                        .map_or(Value::Null, |(_, v)| v.clone());
                    o.insert(n.to_owned(), v);
                }
            }
        }
    }
}

/// Whether `v` is of the JSON Schema type `t`.
fn of_type(v: &Value, t: &str) -> bool {
    match (t, v) {
        ("null", Value::Null)
        | ("boolean", Value::Bool(_))
        | ("number", Value::Number(_))
        | ("string", Value::String(_))
        | ("array", Value::Array(_))
        | ("object", Value::Object(_)) => true,
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|x| x.fract() == 0.0)
        }
        _ => false,
    }
}

/// Adds to the object `v` the properties the condition `cond` pins to constants (`const`, or
/// the first `enum` member) that it lacks.
fn pin_condition(doc: &Value, cond: &Value, v: &mut Value) {
    let (Some(props), Value::Object(o)) = (
        resolve(Node { doc, schema: cond })
            .schema
            .get("properties")
            .and_then(Value::as_object),
        v,
    ) else {
        return;
    };
    for (name, s) in props {
        if o.contains_key(name) {
            continue;
        }
        let s = resolve(Node { doc, schema: s }).schema;
        let pinned = s
            .get("const")
            .or_else(|| s.get("enum").and_then(|e| e.get(0)));
        if let Some(c) = pinned {
            o.insert(name.clone(), c.clone());
        }
    }
}

fn hint_constants(hs: &Value) -> Vec<&Value> {
    let mut out: Vec<&Value> = Vec::new();
    if let Some(c) = hs.get("const") {
        out.push(c);
    }
    if let Some(Value::Array(e)) = hs.get("enum") {
        out.extend(e.iter().take(16));
    }
    out
}

fn pad(seed: &str, n: usize) -> String {
    let len = seed.chars().count();
    if len >= n {
        return seed.chars().take(n).collect();
    }
    let mut s = String::with_capacity(n);
    s.push_str(seed);
    s.extend(std::iter::repeat_n('a', n - len));
    s
}

/// How well `b` merges into `a`: 0 when it adds without contradicting, 1 when its type differs
/// (the merge keeps `a` unchanged), 2 when it contradicts a value inside (the merge would mix
/// parts of two different cases).
fn fit(a: &Value, b: &Value, depth: usize) -> u8 {
    if depth > 64 {
        return 0;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let worst = y
                .iter()
                .filter_map(|(k, v)| x.get(k).map(|w| fit(w, v, depth + 1)))
                .max()
                .unwrap_or(0);
            if worst > 0 { 2 } else { 0 }
        }
        (Value::Array(x), Value::Array(y)) => {
            let worst = x
                .iter()
                .zip(y)
                .map(|(w, v)| fit(w, v, depth + 1))
                .max()
                .unwrap_or(0);
            if worst > 0 { 2 } else { 0 }
        }
        _ if std::mem::discriminant(a) != std::mem::discriminant(b) => {
            if depth == 0 {
                1
            } else {
                2
            }
        }
        _ => u8::from(a != b) * 2,
    }
}

/// The first of the first few `candidates` that fits `current` best (see [`fit`]).
fn best_fit<'v>(current: &Value, candidates: &'v [Value]) -> Option<&'v Value> {
    let mut best: Option<(u8, &Value)> = None;
    for c in candidates.iter().take(8) {
        let f = fit(current, c, 0);
        if f == 0 {
            return Some(c);
        }
        if best.is_none_or(|(b, _)| f < b) {
            best = Some((f, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Whether `v` holds at most `limit` JSON nodes (itself and every value inside it), counted
/// with an early stop.
pub(super) fn nodes_within(v: &Value, limit: usize) -> bool {
    nodes_up_to(v, limit.saturating_add(1)) <= limit
}

/// The most combinations [`merge_all`] keeps.
const MERGED: usize = 256;

fn merge_all(lists: &[Vec<Value>], max_nodes: usize) -> Vec<Value> {
    let mut iter = lists.iter();
    let Some(first) = iter.next() else {
        return Vec::new();
    };
    let mut current = first.clone();
    for next in iter {
        let (Some(c0), Some(n0)) = (current.first().cloned(), next.first()) else {
            return Vec::new();
        };
        // Bounded: half the combinations so far, half the new list's variants (so that the
        // variants of late lists survive a long conjunction). Each combination takes the
        // first variant that fits it (see [`fit`]): the case of a conditional the value so far
        // is in, rather than the first case.
        let mut out: Vec<Value> = current
            .iter()
            .take(MERGED / 2)
            .map(|c| merge(c, best_fit(c, next).unwrap_or(n0)))
            .filter(|v| nodes_within(v, max_nodes))
            .collect();
        out.extend(
            next.iter()
                .skip(1)
                .take(MERGED.saturating_sub(out.len()))
                .map(|n| merge(&c0, n))
                .filter(|v| nodes_within(v, max_nodes)),
        );
        current = out;
    }
    current
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn gen_for(a: &Value, b: &Value) -> Vec<Value> {
        let budgets = Budgets::default();
        let mut g = Generator::new(&budgets);
        g.generate(
            Node { doc: a, schema: a },
            &[Node { doc: b, schema: b }],
            0,
            false,
        )
    }

    #[test]
    fn a_minimal_instance_is_in_one_case_of_each_conditional() {
        // Each `then` alone pins another `kind` and closes the object: merging the first case
        // of every conditional would mix them.
        let s = json!({
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"enum": ["a", "b"]}},
            "allOf": [
                {"if": {"properties": {"kind": {"const": "a"}}},
                 "then": {"required": ["x"], "properties": {"kind": true, "x": {"type": "string"}}, "additionalProperties": false}},
                {"if": {"properties": {"kind": {"const": "b"}}},
                 "then": {"required": ["y"], "properties": {"kind": true, "y": {"type": "integer"}}, "additionalProperties": false}}
            ]
        });
        let budgets = Budgets::default();
        let mut g = Generator::new(&budgets);
        let minimal = g.generate(
            Node {
                doc: &s,
                schema: &s,
            },
            &[],
            0,
            true,
        );
        let first = minimal.first().unwrap();
        let schema = crate::schema::engine::Engine::default()
            .prepare(&s)
            .unwrap();
        assert!(schema.is_valid(first), "{first}");
    }

    #[test]
    fn nested_arrays_stay_within_the_node_budget() {
        // Five items, each an array of five items (or null), recursively: the values multiply
        // with every level (the shape fuzzing found taking gigabytes).
        let s = json!({
            "$defs": {"d": {"type": "array", "minItems": 5, "maxItems": 10,
                "items": {"if": {"type": "array"}, "then": {"$ref": "#/$defs/d"}, "else": {"type": "null"}}}},
            "$ref": "#/$defs/d"
        });
        let budgets = Budgets {
            max_array_len: 10,
            ..Budgets::default()
        };
        let mut g = Generator::new(&budgets);
        let found = g.generate(
            Node {
                doc: &s,
                schema: &s,
            },
            &[],
            0,
            false,
        );
        assert!(!found.is_empty());
        for v in &found {
            assert!(nodes_within(v, budgets.max_value_nodes()), "{v}");
        }
        assert!(nodes_within(&json!([1, [2, 3]]), 5));
        assert!(!nodes_within(&json!([1, [2, 3]]), 4));
    }

    #[test]
    fn max_length_boundary_is_generated() {
        let a = json!({"type": "string", "maxLength": 10000});
        let b = json!({"type": "string", "maxLength": 9999});
        let found = gen_for(&a, &b);
        assert!(
            found
                .iter()
                .any(|v| v.as_str().is_some_and(|s| s.len() == 10000))
        );
    }

    #[test]
    fn hint_property_names_are_tried() {
        let a = json!({"type": "object"});
        let b = json!({"type": "object", "properties": {"q": {"type": "string"}}});
        let found = gen_for(&a, &b);
        assert!(
            found
                .iter()
                .any(|v| v.get("q").is_some_and(|q| !q.is_string()))
        );
    }
}
