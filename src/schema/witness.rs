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

use std::collections::BTreeSet;

use serde_json::{Map, Number, Value};

use super::budget::{Budgets, Meter};
use super::number;
use super::pattern;
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
}

impl Candidates {
    fn new(cap: usize) -> Self {
        Self {
            items: Vec::new(),
            cap,
        }
    }
    fn push(&mut self, v: Value) {
        if self.items.len() < self.cap && !self.items.contains(&v) {
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

fn merge(a: &Value, b: &Value) -> Value {
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
        let mut bag = Candidates::new(cap);
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
        for option in &options {
            if bag.full() || self.meter.exhausted() {
                break;
            }
            let mut lists: Vec<Vec<Value>> = Vec::new();
            if !plain_trivial || (parts.is_empty() && option.is_empty()) {
                lists.push(plain.clone());
            }
            for part in parts.iter().chain(option.iter()) {
                if is_trivial(part.schema) {
                    continue;
                }
                lists.push(self.generate(*part, &local_hints, depth + 1, shallow));
            }
            if lists.is_empty() {
                lists.push(plain.clone());
            }
            for v in merge_all(&lists) {
                bag.push(v);
            }
        }
        bag.items
    }

    /// Candidates for any value.
    fn any(&mut self, hints: &[Node<'_>], depth: usize, shallow: bool) -> Vec<Value> {
        let mut bag = Candidates::new(if shallow { 2 } else { Self::cap(depth) });
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
        let mut bag = Candidates::new(cap);
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

    fn numbers(
        &mut self,
        s: &Value,
        hints: &[Node<'_>],
        integer: bool,
        shallow: bool,
        cap: usize,
    ) -> Vec<Value> {
        self.meter.spend(4);
        let lo = f(s, "minimum");
        let xlo = f(s, "exclusiveMinimum");
        let hi = f(s, "maximum");
        let xhi = f(s, "exclusiveMaximum");
        let step = f(s, "multipleOf").filter(|m| *m > 0.0);
        let mut points: Vec<f64> = Vec::new();
        let low = match (lo, xlo) {
            (Some(a), Some(b)) => Some(if b >= a {
                b + if integer { 1.0 } else { 0.5 }
            } else {
                a
            }),
            (Some(a), None) => Some(a),
            (None, Some(b)) => Some(b + if integer { 1.0 } else { 0.5 }),
            (None, None) => None,
        };
        let high = match (hi, xhi) {
            (Some(a), Some(b)) => Some(if b <= a {
                b - if integer { 1.0 } else { 0.5 }
            } else {
                a
            }),
            (Some(a), None) => Some(a),
            (None, Some(b)) => Some(b - if integer { 1.0 } else { 0.5 }),
            (None, None) => None,
        };
        let base = match (low, high) {
            (Some(l), _) if l > 0.0 || high.is_some_and(|h| h < 0.0) => l,
            (_, Some(h)) if h < 0.0 => h,
            _ => 0.0,
        };
        points.push(base);
        if !shallow {
            for b in [low, high].into_iter().flatten() {
                points.extend([b, b + 1.0, b - 1.0]);
            }
            points.extend([1.0, -1.0, 2.0, 10.0]);
            if !integer {
                points.extend([base + 0.5, 0.5, -0.5, 1.5]);
            }
            for h in hints {
                let hs = h.schema;
                for key in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] {
                    if let Some(b) = f(hs, key) {
                        points.extend([b, b - 1.0, b + 1.0]);
                        if !integer {
                            points.extend([b - 0.5, b + 0.5]);
                        }
                    }
                }
                if let Some(m) = f(hs, "multipleOf") {
                    points.extend([m + 1.0, m / 2.0, 1.0]);
                }
                for v in hint_constants(hs) {
                    if let Some(x) = v.as_f64() {
                        points.extend([x, x + 1.0, x - 1.0]);
                    }
                }
            }
        }
        let mut bag = Candidates::new(cap);
        if !shallow {
            // Integers past 2^53 lose their neighbours as doubles: their edges, exactly.
            for src in std::iter::once(s).chain(hints.iter().map(|h| h.schema)) {
                for key in [
                    "minimum",
                    "maximum",
                    "exclusiveMinimum",
                    "exclusiveMaximum",
                    "multipleOf",
                ] {
                    let Some(Value::Number(n)) = src.get(key) else {
                        continue;
                    };
                    let Some(i) = number::as_int(&Value::Number(n.clone()))
                        .filter(|_| number::beyond_double(n))
                    else {
                        continue;
                    };
                    for x in [i, i - 1, i + 1, i.saturating_mul(2)] {
                        if let Some(v) = number::int_value(x) {
                            bag.push(v);
                        }
                    }
                }
            }
        }
        let mut floated = false;
        for p in points {
            let mut x = p;
            if let Some(m) = step {
                let snapped = (x / m).round() * m;
                if low.is_some_and(|l| snapped < l) {
                    x = (x / m).ceil() * m;
                } else if high.is_some_and(|h| snapped > h) {
                    x = (x / m).floor() * m;
                } else {
                    x = snapped;
                }
            }
            if integer {
                x = x.round();
            }
            if low.is_some_and(|l| x < l) || high.is_some_and(|h| x > h) {
                continue;
            }
            if let Some(v) = num(x) {
                bag.push(v);
            }
            // The same number written as a float (`1.0`): draft-04 tells it from `1`.
            if !shallow
                && !floated
                && x.fract() == 0.0
                && let Some(f) = Number::from_f64(x)
            {
                floated = true;
                bag.push(Value::Number(f));
            }
        }
        bag.items
    }

    fn strings(&mut self, s: &Value, hints: &[Node<'_>], shallow: bool, cap: usize) -> Vec<Value> {
        self.meter.spend(4);
        let min = u(s, "minLength").unwrap_or(0);
        let max = u(s, "maxLength");
        let pattern = s.get("pattern").and_then(Value::as_str);
        let format = s.get("format").and_then(Value::as_str);
        let mut seeds: Vec<String> = Vec::new();
        if let Some(p) = pattern
            && let Some(e) = pattern::example(p)
        {
            seeds.push(e);
        }
        if let Some(sample) = format.and_then(format_sample) {
            seeds.push(sample.to_owned());
        }
        seeds.push(String::new());
        let mut lengths: Vec<usize> = vec![min];
        let mut extra: Vec<String> = Vec::new();
        if !shallow {
            lengths.push(min.saturating_add(1));
            if let Some(m) = max {
                lengths.push(m);
            }
            for h in hints {
                let hs = h.schema;
                if let Some(l) = u(hs, "minLength") {
                    lengths.extend([l.saturating_sub(1), l]);
                }
                if let Some(l) = u(hs, "maxLength") {
                    lengths.extend([l, l.saturating_add(1)]);
                }
                if let Some(hp) = hs.get("pattern").and_then(Value::as_str)
                    && let Some(w) = self.pattern_difference(pattern, hp)
                {
                    extra.push(w);
                }
                if hs.get("format").is_some() {
                    extra.push("a".to_owned());
                    if let Some(sample) = format.and_then(format_sample) {
                        extra.push(sample.to_owned());
                    }
                }
                for v in hint_constants(hs) {
                    if let Some(t) = v.as_str() {
                        extra.push(t.to_owned());
                        extra.push(format!("{t}a"));
                    }
                }
            }
            extra.extend([
                "a".to_owned(),
                "0".to_owned(),
                "A".to_owned(),
                " ".to_owned(),
            ]);
        }
        let mut bag = Candidates::new(cap);
        let within = |n: usize| n >= min && max.is_none_or(|m| n <= m);
        for seed in &seeds {
            // The seed itself (a pattern's example keeps its shape only at its own length).
            if within(seed.chars().count()) {
                bag.push(Value::String(seed.clone()));
            }
            for &n in &lengths {
                if !within(n) || !self.string_fits(n) {
                    continue;
                }
                // Padding would break an anchored pattern: ask the pattern's DFA for a string
                // of exactly this length first.
                let sized = pattern.and_then(|p| pattern::example_of_length(p, n));
                bag.push(Value::String(sized.unwrap_or_else(|| pad(seed, n))));
            }
        }
        for e in extra {
            let n = e.chars().count();
            if n < min {
                if self.string_fits(min) {
                    bag.push(Value::String(pad(&e, min)));
                }
            } else if self.string_fits(n) {
                bag.push(Value::String(e));
            }
        }
        bag.items
    }

    /// A string matching `own` (or any string) and not `other`.
    fn pattern_difference(&mut self, own: Option<&str>, other: &str) -> Option<String> {
        self.meter.spend(50);
        let right = pattern::Language::of_pattern(other)?;
        let left = match own {
            Some(p) => pattern::Language::of_pattern(p)?,
            None => pattern::Language::any()?,
        };
        match pattern::difference(&left, &right, self.budgets.regex_states) {
            pattern::Inclusion::Witness(w) => Some(w),
            pattern::Inclusion::Proved | pattern::Inclusion::Unknown => None,
        }
    }

    fn arrays(
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
        let mut bag = Candidates::new(cap);
        for &n in &lengths {
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
            for n in bases {
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

    fn objects(
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
                    if pattern::Language::of_pattern(pat).is_some_and(|l| l.contains_match(name)) {
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
        let mut bag = Candidates::new(cap);
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

fn merge_all(lists: &[Vec<Value>]) -> Vec<Value> {
    let mut iter = lists.iter();
    let Some(first) = iter.next() else {
        return Vec::new();
    };
    let mut current = first.clone();
    for next in iter {
        let (Some(c0), Some(n0)) = (current.first().cloned(), next.first()) else {
            return Vec::new();
        };
        let mut out: Vec<Value> = current.iter().map(|c| merge(c, n0)).collect();
        out.extend(next.iter().skip(1).map(|n| merge(&c0, n)));
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
