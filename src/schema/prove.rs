//! The engine's own inclusion rules, used where the canonical library stays undecided: a sound
//! but partial structural check on draft 2020-12 documents with regex inclusion for `pattern`,
//! recursive `$ref` handled coinductively, closed objects, `integer` vs `number`,
//! `multipleOf`, `propertyNames` and array items.

#![expect(
    clippy::many_single_char_names,
    reason = "short names for schema pairs and bounds"
)]

use std::cmp::Ordering;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::budget::{Budgets, Meter};
use super::model::UnknownReason;
use super::number;
use super::overlap;
use super::pattern;
use super::pointer::{escape, never_asserts, resolve as resolve_ref};

/// The result of the structural check.
pub(crate) enum Outcome {
    /// Inclusion holds.
    Proved,
    /// The rules do not decide; the first obstacle met.
    Undecided(UnknownReason),
}

/// Where the structural check failed: the pointer into the wider side of the pair compared
/// there, and the two subschemas
/// (read in their documents) whose inclusion was not proved. A witness search can start there.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub(crate) pointer: String,
    pub(crate) a: Value,
    pub(crate) b: Value,
}

struct Prover<'a> {
    a_doc: &'a Value,
    /// The pointer of a failure not yet filed as a site (the innermost pair files it).
    pending: Option<String>,
    /// Rewritten left sides compared without a `sub` frame (bounds their nesting).
    rewrites: usize,
    /// The first few places the check failed (not the quiet probes).
    sites: Vec<Site>,
    b_doc: &'a Value,
    meter: Meter,
    /// Pairs being compared (with the exclusion batch that holds at their depth, see
    /// [`Self::context`]), and the depth each was first met at.
    assumed: HashMap<(usize, usize, u64), usize>,
    obstacle: Option<UnknownReason>,
    regex_states: usize,
    /// Most members of one `enum` compared (see [`Budgets::max_enum`]).
    max_enum: usize,
    /// Whether a `$ref` names the same schema in both documents (only `#/$defs/...` references
    /// and equal `$defs`), so that equal subschemas holding references are equal sets.
    refs_agree: bool,
    /// References found to name equal schemas in both documents, through all they reach (or
    /// being checked: a cycle of equal schemas agrees).
    agreeing: std::cell::RefCell<std::collections::HashSet<String>>,
    /// Referenced schemas walked by [`Self::closure_agrees`] so far (see [`CLOSURE_WORK`]).
    closure_work: std::cell::Cell<usize>,
    /// Narrower-side schemas the value compared at a depth is known to fail (the other
    /// branches of a `oneOf` it is compared through), with that depth.
    excluded: Vec<(usize, u64, Value)>,
    /// Exclusion batches pushed so far (each batch's id).
    batches: u64,
    /// The two sides of the last case [`Prover::by_cases`] did not prove.
    case_failure: Option<(Value, Value)>,
    /// Probes [`Prover::excluded_by_implication`] ran (see [`IMPLICATION_PROBES`]).
    implication_probes: usize,
}

/// Most probes [`Prover::excluded_by_implication`] runs in one structural check: each is a
/// check of its own, and most fail.
const IMPLICATION_PROBES: usize = 256;

/// Most referenced schemas [`Prover::closure_agrees`] walks in one structural check.
const CLOSURE_WORK: usize = 65_536;

/// The `$ref` values inside `v`, and `""` for anything that makes a reference resolve
/// elsewhere than from the document's root (`$id`, anchors, dynamic references). Values of
/// `const` and `enum` are walked too: a `"$ref"` key there only makes the answer cautious.
fn collect_refs<'v>(v: &'v Value, out: &mut Vec<&'v str>, depth: usize) {
    if depth > 256 {
        out.push("");
        return;
    }
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => out.push(r),
                    // Resolved at run time, or against another base: never taken as agreeing.
                    ("$dynamicRef" | "$recursiveRef" | "$id" | "$anchor" | "$dynamicAnchor", _) => {
                        out.push("");
                    }
                    _ => collect_refs(x, out, depth + 1),
                }
            }
        }
        Value::Array(a) => {
            for x in a {
                collect_refs(x, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn has_ref(v: &Value, depth: usize) -> bool {
    if depth > 256 {
        return true;
    }
    match v {
        Value::Object(m) => m
            .iter()
            .any(|(k, x)| k == "$ref" || k == "$dynamicRef" || has_ref(x, depth + 1)),
        Value::Array(a) => a.iter().any(|x| has_ref(x, depth + 1)),
        _ => false,
    }
}

fn only_defs_refs(v: &Value, depth: usize) -> bool {
    if depth > 256 {
        return false;
    }
    match v {
        Value::Object(m) => m.iter().all(|(k, x)| match k.as_str() {
            "$ref" => x.as_str().is_some_and(|r| r.starts_with("#/$defs/")),
            "$dynamicRef" | "$recursiveRef" | "$anchor" | "$dynamicAnchor" => false,
            _ => only_defs_refs(x, depth + 1),
        }),
        Value::Array(a) => a.iter().all(|x| only_defs_refs(x, depth + 1)),
        _ => true,
    }
}

/// Decides `a ⊆ b` by the structural rules, where they apply.
#[cfg(test)]
pub(crate) fn subset(a: &Value, b: &Value, budgets: &Budgets) -> Outcome {
    subset_with_sites(a, b, budgets).0
}

/// [`subset`], with the places the check failed when it does not decide.
pub(crate) fn subset_with_sites(a: &Value, b: &Value, budgets: &Budgets) -> (Outcome, Vec<Site>) {
    let mut p = Prover {
        a_doc: a,
        pending: None,
        rewrites: 0,
        sites: Vec::new(),
        b_doc: b,
        meter: Meter::new(budgets.proof_steps),
        assumed: HashMap::new(),
        obstacle: None,
        regex_states: budgets.regex_states,
        max_enum: budgets.max_enum,
        agreeing: std::cell::RefCell::new(std::collections::HashSet::new()),
        closure_work: std::cell::Cell::new(0),
        excluded: Vec::new(),
        batches: 0,
        case_failure: None,
        implication_probes: 0,
        refs_agree: a == b
            || (a.get("$defs") == b.get("$defs") && only_defs_refs(a, 0) && only_defs_refs(b, 0)),
    };
    if p.sub(a, b, 0, "") {
        (Outcome::Proved, Vec::new())
    } else {
        let outcome = Outcome::Undecided(p.obstacle.unwrap_or_else(|| UnknownReason {
            keyword: "budget".to_owned(),
            pointer: String::new(),
            reason: "the structural check ran out of steps".to_owned(),
        }));
        (outcome, p.sites)
    }
}

fn trivial(s: &Value) -> bool {
    match s {
        Value::Bool(b) => *b,
        Value::Object(m) => m.keys().all(|k| never_asserts(k)),
        _ => false,
    }
}

fn num<'v>(s: &'v Value, k: &str) -> Option<&'v serde_json::Number> {
    match s.get(k) {
        Some(Value::Number(n)) => Some(n),
        _ => None,
    }
}

fn type_set(s: &Value) -> Option<Vec<&str>> {
    match s.get("type") {
        Some(Value::String(t)) => Some(vec![t.as_str()]),
        Some(Value::Array(a)) => Some(a.iter().filter_map(Value::as_str).collect()),
        _ => None,
    }
}

fn has_type(types: Option<&Vec<&str>>, t: &str) -> bool {
    types.is_none_or(|ts| ts.contains(&t) || (t == "integer" && ts.contains(&"number")))
}

impl Prover<'_> {
    /// Equal subschemas accept the same values (their references resolve alike).
    fn same(&self, x: Option<&Value>, y: Option<&Value>) -> bool {
        x == y
            && (self.refs_agree
                || !x.is_some_and(|v| has_ref(v, 0))
                || x.is_some_and(|v| self.closure_agrees(v)))
    }

    /// Whether every local reference reachable from `v` (through the referenced schemas in
    /// turn) names equal schemas in both documents, so that `v` means the same in each.
    fn closure_agrees(&self, v: &Value) -> bool {
        // Bounded over the whole check: a schema that keeps asking about references whose
        // closures differ stops being walked (and reads as not the same, which only costs a
        // proof).
        let spent = self.closure_work.get();
        if spent > CLOSURE_WORK {
            return false;
        }
        let mut memo = self.agreeing.borrow_mut();
        // Filed as agreeing only once the whole closure is seen to agree.
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut stack: Vec<&Value> = vec![v];
        let mut visited = 0usize;
        while let Some(node) = stack.pop() {
            visited += 1;
            self.closure_work.set(spent.saturating_add(visited));
            if visited > 4_096 {
                return false;
            }
            let mut refs: Vec<&str> = Vec::new();
            collect_refs(node, &mut refs, 0);
            for r in refs {
                if !r.starts_with('#') {
                    return false;
                }
                if memo.contains(r) || !seen.insert(r) {
                    continue;
                }
                match (resolve_ref(self.a_doc, r), resolve_ref(self.b_doc, r)) {
                    (Some(x), Some(y)) if x == y => stack.push(x),
                    _ => return false,
                }
            }
        }
        memo.extend(seen.into_iter().map(str::to_owned));
        true
    }

    /// Always false; records the obstacle unless `quiet`.
    fn fail_quiet(&mut self, quiet: bool, pointer: &str, keyword: &str, reason: &str) -> bool {
        if !quiet {
            self.fail(pointer, keyword, reason);
        }
        false
    }

    fn fail(&mut self, pointer: &str, keyword: &str, reason: &str) -> bool {
        if self.sites.len() < 8 && keyword != "budget" && self.pending.is_none() {
            self.pending = Some(pointer.to_owned());
        }
        if self.obstacle.is_none() {
            self.obstacle = Some(UnknownReason {
                keyword: keyword.to_owned(),
                pointer: pointer.to_owned(),
                reason: reason.to_owned(),
            });
        }
        false
    }

    fn resolve<'v>(doc: &'v Value, mut s: &'v Value) -> &'v Value {
        for _ in 0..32 {
            let Some(r) = s.get("$ref").and_then(Value::as_str) else {
                return s;
            };
            if s.as_object()
                .is_some_and(|m| m.len() > 1 && m.keys().any(|k| k != "$ref" && !never_asserts(k)))
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

    /// `a ⊆ b` at instance depth `depth`; `ptr` points into `b`.
    fn sub(&mut self, a: &Value, b: &Value, depth: usize, ptr: &str) -> bool {
        if !self.meter.spend(1) || depth > 128 {
            return self.fail(ptr, "budget", "the structural check ran out of steps");
        }
        let a = Self::resolve(self.a_doc, a);
        let b = Self::resolve(self.b_doc, b);
        if trivial(b) || a == &Value::Bool(false) || self.same(Some(a), Some(b)) {
            return true;
        }
        // A pair assumed under exclusions (a weaker claim) is not assumed without them.
        let key = (
            std::ptr::from_ref(a) as usize,
            std::ptr::from_ref(b) as usize,
            self.context(depth),
        );
        if let Some(&at) = self.assumed.get(&key) {
            // Coinduction: revisiting the pair one value deeper closes the cycle.
            return at < depth
                || self.fail(
                    ptr,
                    "$ref",
                    "a reference cycle that does not descend into the value",
                );
        }
        self.assumed.insert(key, depth);
        let result = self.sub_objects(a, b, depth, ptr);
        if self.pending.take().is_some() && !result {
            self.sites.push(Site {
                pointer: ptr.to_owned(),
                a: a.clone(),
                b: b.clone(),
            });
        }
        self.assumed.remove(&key);
        result
    }

    fn sub_objects(&mut self, a: &Value, b: &Value, depth: usize, ptr: &str) -> bool {
        if b == &Value::Bool(false) {
            // Only an empty left side fits.
            return overlap::types(self.a_doc, a, 0) == 0
                || self.fail(ptr, "false", "the wider side rejects every value here");
        }
        if a == &Value::Bool(true) {
            return self.sub_objects(&Value::Object(Map::new()), b, depth, ptr);
        }
        let (Value::Object(am), Value::Object(bm)) = (a, b) else {
            return self.fail(
                ptr,
                "false",
                "a schema rejecting everything on one side only",
            );
        };
        // A combinator of the wider side that the narrower side holds as it is (the same
        // keyword, equal, among its own keywords) holds for every value of the narrower side:
        // only the rest of the wider side is left to show.
        let mut implied: Vec<&str> = ["allOf", "anyOf", "oneOf", "not"]
            .into_iter()
            .filter(|k| bm.contains_key(*k) && self.same(am.get(*k), bm.get(*k)))
            .collect();
        if bm.contains_key("if")
            && ["if", "then", "else"]
                .iter()
                .all(|k| self.same(am.get(*k), bm.get(*k)))
        {
            implied.extend(["if", "then", "else"]);
        }
        if !implied.is_empty() {
            let rest: Map<String, Value> = bm
                .iter()
                .filter(|(k, _)| !implied.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            return self.sub_objects_owned_any(a, &Value::Object(rest), depth, ptr);
        }
        // A conjunction on the left written as one keyword map, where that is exact.
        if (am.contains_key("allOf") || (am.contains_key("$ref") && am.len() > 1))
            && let Some(merged) = self.flatten_left(am)
        {
            return self.sub_objects_owned_any(&Value::Object(merged), b, depth, ptr);
        }
        // A reference beside other keywords on the right: both must hold.
        if let Some(r) = bm.get("$ref").and_then(Value::as_str)
            && bm.keys().any(|k| k != "$ref" && !overlap::annotation(k))
            && let Some(target) = resolve_ref(self.b_doc, r)
        {
            let rest: Map<String, Value> = bm
                .iter()
                .filter(|(k, _)| k.as_str() != "$ref")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            return self.sub_objects_owned_any(a, &Value::Object(rest), depth, ptr)
                && self.sub(a, target, depth, &format!("{ptr}/$ref"));
        }
        // A conjunction on the right: every part must hold (a part the left conjunction also
        // holds is met at once).
        if let Some(Value::Array(parts)) = bm.get("allOf") {
            let rest: Map<String, Value> = bm
                .iter()
                .filter(|(k, _)| k.as_str() != "allOf")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let rest = Value::Object(rest);
            let left_parts = am.get("allOf").and_then(Value::as_array);
            return self.sub_objects_owned_any(a, &rest, depth, ptr)
                && parts.iter().enumerate().all(|(i, p)| {
                    left_parts.is_some_and(|lp| lp.iter().any(|q| self.same(Some(q), Some(p))))
                        || self.sub(a, p, depth, &format!("{ptr}/allOf/{i}"))
                });
        }
        // Tagged unions: split on the value of a property the branches name constants of.
        if (am.contains_key("oneOf")
            || am.contains_key("anyOf")
            || bm.contains_key("oneOf")
            || bm.contains_key("anyOf"))
            && self.rewrites < 4
            && let Some((d, constants)) = discriminator((self.a_doc, am), (self.b_doc, bm))
        {
            if self.quietly(|p| p.by_cases((am, bm), &d, &constants, depth, ptr)) {
                return true;
            }
            // The case that failed is a place a witness search can start.
            if let Some((left, right)) = self.case_failure.take()
                && self.sites.len() < 8
            {
                self.sites.push(Site {
                    pointer: ptr.to_owned(),
                    a: left,
                    b: right,
                });
            }
        }
        // Disjunctions on the left: each branch (with the rest and the types the whole admits)
        // must fit.
        for key in ["anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = am.get(key) {
                let rest: Map<String, Value> = am
                    .iter()
                    .filter(|(k, _)| k.as_str() != key)
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let domain = overlap::types(self.a_doc, a, 0);
                let rest_value = Value::Object(rest.clone());
                if self.sub_objects_owned(&rest_value, b, depth, ptr) {
                    return true;
                }
                self.obstacle = None;
                return branches.iter().enumerate().all(|(i, br)| {
                    // A value of a `oneOf` in branch `i` is in none of the others: known while
                    // this same value is compared (at this depth).
                    let excluded = self.excluded.len();
                    if key == "oneOf" {
                        self.batches += 1;
                        let batch = self.batches;
                        self.excluded.extend(
                            branches
                                .iter()
                                .enumerate()
                                .filter(|&(k, _)| k != i)
                                .map(|(_, other)| (depth, batch, other.clone())),
                        );
                    }
                    let fits = match self.narrowed_branch(&rest, br, domain) {
                        Some(narrow) => {
                            let fits = self.sub_objects_owned_any(&narrow, b, depth, ptr);
                            if self.pending.take().is_some() && !fits {
                                self.sites.push(Site {
                                    pointer: ptr.to_owned(),
                                    a: narrow,
                                    b: b.clone(),
                                });
                            }
                            fits
                        }
                        None => self.sub(br, b, depth, ptr),
                    };
                    self.excluded.truncate(excluded);
                    fits
                });
            }
        }
        // A conjunction on the left: one part fitting is enough.
        if let Some(Value::Array(parts)) = am.get("allOf") {
            let rest: Map<String, Value> = am
                .iter()
                .filter(|(k, _)| k.as_str() != "allOf")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if self.sub_plain(&rest, bm, depth, ptr, true) {
                return true;
            }
            // The parts sharing the wider side's condition first: they hold its case split.
            let mut order: Vec<&Value> = parts.iter().collect();
            if let Some(cond) = bm.get("if") {
                order.sort_by_key(|p| p.get("if") != Some(cond));
            }
            return order.into_iter().any(|p| self.sub(p, b, depth, ptr));
        }
        // The same condition on both sides: compare the branches under the shared rest.
        if let (Some(ca), Some(cb)) = (am.get("if"), bm.get("if"))
            && self.same(Some(ca), Some(cb))
        {
            let strip = |m: &Map<String, Value>| -> Map<String, Value> {
                m.iter()
                    .filter(|(k, _)| !matches!(k.as_str(), "if" | "then" | "else"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            };
            let (ra, rb) = (Value::Object(strip(am)), Value::Object(strip(bm)));
            let t = Value::Bool(true);
            // Each branch is compared on the values it governs: those meeting the condition
            // (for `then`) or failing it (for `else`).
            let with = |cond: Value, part: Option<&Value>| serde_json::json!({"allOf": [ra.clone(), cond, part.unwrap_or(&t).clone()]});
            let then_a = with(ca.clone(), am.get("then"));
            let else_a = with(serde_json::json!({"not": ca}), am.get("else"));
            return self.sub_objects_owned(&ra, &rb, depth, ptr)
                && self.sub(
                    &then_a,
                    bm.get("then").unwrap_or(&t),
                    depth,
                    &format!("{ptr}/then"),
                )
                && self.sub(
                    &else_a,
                    bm.get("else").unwrap_or(&t),
                    depth,
                    &format!("{ptr}/else"),
                );
        }
        // A condition on the left only: each case (condition met, or not) must fit.
        if let Some(cond) = am.get("if")
            && !bm.contains_key("if")
        {
            let rest: Map<String, Value> = am
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "if" | "then" | "else"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let rest = Value::Object(rest);
            let t = Value::Bool(true);
            let yes = serde_json::json!({"allOf": [rest, cond, am.get("then").unwrap_or(&t)]});
            let no =
                serde_json::json!({"allOf": [rest, {"not": cond}, am.get("else").unwrap_or(&t)]});
            return self.sub_objects_owned_any(&yes, b, depth, ptr)
                && self.sub_objects_owned_any(&no, b, depth, ptr);
        }
        if let Some(Value::Array(branches)) = bm.get("oneOf") {
            let rest: Map<String, Value> = bm
                .iter()
                .filter(|(k, _)| k.as_str() != "oneOf")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let rest = Value::Object(rest);
            if !self.sub_objects_owned(a, &rest, depth, ptr) {
                return false;
            }
            return self.sub_one_of(a, branches, depth, ptr);
        }
        if let Some(Value::Array(branches)) = bm.get("anyOf") {
            let rest: Map<String, Value> = bm
                .iter()
                .filter(|(k, _)| k.as_str() != "anyOf")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let rest = Value::Object(rest);
            return self.sub_objects_owned(a, &rest, depth, ptr)
                && branches
                    .iter()
                    .enumerate()
                    .any(|(i, br)| self.sub(a, br, depth, &format!("{ptr}/anyOf/{i}")));
        }
        self.sub_plain(am, bm, depth, ptr, false)
    }

    /// `a` ⊆ `oneOf(branches)`: `a` fits one branch and shares no value with any other.
    fn sub_one_of(&mut self, a: &Value, branches: &[Value], depth: usize, ptr: &str) -> bool {
        // An equal branch first, then the branches whose types meet `a`'s.
        let domain = overlap::types(self.a_doc, a, 0);
        if domain == 0 {
            return true;
        }
        // A branch sharing no value with `a` cannot hold it (`a` is not empty).
        let mut order: Vec<usize> = (0..branches.len())
            .filter(|&i| {
                overlap::types(self.b_doc, &branches[i], 0) & domain != 0
                    && !overlap::disjoint(self.a_doc, a, self.b_doc, &branches[i], 0)
            })
            .collect();
        order.sort_by_key(|&i| !self.same(Some(a), Some(&branches[i])));
        let saved = self.obstacle.take();
        for k in order {
            if !self.sub(a, &branches[k], depth, &format!("{ptr}/oneOf/{k}")) {
                continue;
            }
            let shared = branches.iter().enumerate().find(|&(l, other)| {
                l != k
                    && !(overlap::disjoint(self.a_doc, a, self.b_doc, other, 0)
                        || self.is_excluded(other, depth)
                        || self.patterns_disjoint(a, other)
                        || self.excluded_by_implication(a, other, depth)
                        || overlap::disjoint(self.b_doc, &branches[k], self.b_doc, other, 0))
            });
            let Some((_, other)) = shared else {
                self.obstacle = saved;
                return true;
            };
            // A value of `a` in `other` as well is in two branches: where a witness search
            // can look (`other` written without references, so that it reads the same beside
            // `a` in the narrower side's document).
            if self.sites.len() < 8
                && let Some(inlined) = inline_refs(self.b_doc, other, 0, &mut 0)
            {
                self.sites.push(Site {
                    pointer: ptr.to_owned(),
                    a: serde_json::json!({ "allOf": [a, inlined] }),
                    b: serde_json::json!({ "oneOf": branches }),
                });
            }
        }
        if self.obstacle.is_none() {
            self.obstacle = saved;
        }
        self.fail(
            &format!("{ptr}/oneOf"),
            "oneOf",
            "no branch proved to hold every value exactly once",
        )
    }

    /// `a ⊆ b` (objects both) split by the value of property `d`: one case per constant the
    /// branches name, one for any other value, one for `d` absent. In each case both sides are
    /// specialized exactly (see [`specialize`]): branches that cannot hold drop out.
    fn by_cases(
        &mut self,
        (am, bm): (&Map<String, Value>, &Map<String, Value>),
        d: &str,
        constants: &[Value],
        depth: usize,
        ptr: &str,
    ) -> bool {
        let mut cases: Vec<Case> = constants.iter().cloned().map(Case::Is).collect();
        cases.extend([Case::Other, Case::Absent]);
        if !objects_only(am) {
            cases.push(Case::NotObject);
        }
        for case in &cases {
            let left = specialize_side(self.a_doc, am, d, case, constants);
            if left == Value::Bool(false) {
                continue;
            }
            // The case itself narrows the left side.
            let case_schema = match case {
                Case::Is(c) => serde_json::json!({
                    "type": "object", "required": [d], "properties": {d: {"const": c}}
                }),
                Case::Other | Case::Absent => serde_json::json!({"type": "object"}),
                Case::NotObject => {
                    serde_json::json!({"type": ["array", "boolean", "null", "number", "string"]})
                }
            };
            let left = serde_json::json!({ "allOf": [left, case_schema] });
            let right = specialize_side(self.b_doc, bm, d, case, constants);
            if !self.sub_objects_owned_any(&left, &right, depth, ptr) {
                // Kept for a witness search if the split stays undecided.
                self.case_failure = Some((left, right));
                return false;
            }
        }
        true
    }

    /// Whether `a` (a narrower-side schema of strings only) and `other` (a wider-side schema)
    /// share no value because their `pattern`s match no string in common: the product of the
    /// two DFAs reaches no state where both accept. (`other` may admit non-strings: `a` has
    /// none.)
    fn patterns_disjoint(&self, a: &Value, other: &Value) -> bool {
        let a = overlap::resolve(self.a_doc, a);
        let other = overlap::resolve(self.b_doc, other);
        if overlap::types(self.a_doc, a, 0) & !overlap::STRING != 0 {
            return false;
        }
        let (Some(pa), Some(po)) = (
            a.get("pattern").and_then(Value::as_str),
            other.get("pattern").and_then(Value::as_str),
        ) else {
            return false;
        };
        let (Some(la), Some(lo)) = (
            pattern::Language::of_pattern(pa),
            pattern::Language::of_pattern(po),
        ) else {
            return false;
        };
        let walk = pattern::signatures(
            &[&la, &lo],
            self.regex_states.min(CLASS_STATES),
            |sig, _| sig != [true, true],
        );
        walk == pattern::Walk::Done
    }

    /// Whether the value compared at `depth` is known to fail `other` (a schema of the wider
    /// side): `other` equals a branch of a narrower-side `oneOf` it is not in.
    fn is_excluded(&self, other: &Value, depth: usize) -> bool {
        self.excluded
            .iter()
            .any(|(d, _, e)| *d == depth && self.same(Some(e), Some(other)))
    }

    /// Whether the value compared at `depth` (a value of `a`) is known to fail `other` (a
    /// schema of the wider side) because every value of both `a` and `other` is in a schema
    /// it is known to fail (see [`Self::is_excluded`]): then no value of `a` the check is
    /// about is in `other`. This reads a refactored union: `allOf: [{oneOf: [{required: [x],
    /// properties: {x: S}}, ...]}, {properties: {x: S}}]` against `oneOf: [{required: [x]},
    /// ...]` beside the same properties.
    ///
    /// The probe conjoins a schema of each side, so both must mean the same in either
    /// document: no reference, only references naming equal schemas in both, or the
    /// references written out (see [`inline_refs`]).
    fn excluded_by_implication(&mut self, a: &Value, other: &Value, depth: usize) -> bool {
        if self.implication_probes >= IMPLICATION_PROBES {
            return false;
        }
        // As it is when its references name equal schemas in both documents, else with them
        // written out.
        let portable = |p: &Self, doc: &Value, v: &Value| -> Option<Value> {
            if !has_ref(v, 0) || p.closure_agrees(v) {
                Some(v.clone())
            } else {
                inline_refs(doc, v, 0, &mut 0)
            }
        };
        let Some(other) = portable(self, self.b_doc, other) else {
            return false;
        };
        let known: Vec<Value> = self
            .excluded
            .iter()
            .filter(|(d, _, _)| *d == depth)
            .map(|(_, _, e)| e.clone())
            .collect();
        let both = serde_json::json!({ "allOf": [a, other] });
        for e in known {
            if self.implication_probes >= IMPLICATION_PROBES {
                return false;
            }
            let Some(e) = portable(self, self.a_doc, &e) else {
                continue;
            };
            self.implication_probes += 1;
            if self.quietly(|p| p.sub_objects_owned_any(&both, &e, depth, "")) {
                return true;
            }
        }
        false
    }

    /// The exclusion batch that holds at `depth` (0 when none): part of what a pair assumed
    /// coinductively claims.
    fn context(&self, depth: usize) -> u64 {
        self.excluded
            .iter()
            .rev()
            .find(|(d, _, _)| *d == depth)
            .map_or(0, |(_, batch, _)| *batch)
    }

    /// A left branch with the rest of its schema and the types the whole admits, as one map.
    fn narrowed_branch(
        &mut self,
        rest: &Map<String, Value>,
        branch: &Value,
        domain: overlap::Types,
    ) -> Option<Value> {
        let branch = overlap::resolve(self.a_doc, branch);
        let bm = match branch {
            Value::Object(m) => m,
            Value::Bool(false) => return Some(Value::Bool(false)),
            _ => return None,
        };
        let mut merged = overlap::conjoin(rest, bm)?;
        let own = overlap::types(self.a_doc, &Value::Object(merged.clone()), 0);
        if own & !domain != 0
            && let Some(t) = overlap::type_value(domain)
        {
            let mut restrict = Map::new();
            restrict.insert("type".to_owned(), t);
            merged = overlap::conjoin(&merged, &restrict)?;
        }
        let flat = self.flatten_left(&merged)?;
        Some(Value::Object(flat))
    }

    /// A left keyword map with its `allOf` parts and a `$ref` beside other keywords conjoined
    /// into one map; None when a part cannot be written exactly.
    fn flatten_left(&mut self, m: &Map<String, Value>) -> Option<Map<String, Value>> {
        let mut out = m.clone();
        for _ in 0..64 {
            // Conjoining copies both sides, and a recursive definition conjoined with itself
            // doubles at each level: the copy is paid for in steps, by its size.
            if !self.meter.spend_copies(out.values(), 0) {
                return None;
            }
            let mut parts: Vec<Value> = Vec::new();
            if let Some(Value::Array(all)) = out.remove("allOf") {
                parts.extend(all);
            }
            if out.contains_key("$ref") {
                let r = out.remove("$ref")?;
                let target = resolve_ref(self.a_doc, r.as_str()?)?;
                parts.push(target.clone());
            }
            if parts.is_empty() {
                return Some(out);
            }
            for p in &parts {
                match overlap::resolve(self.a_doc, p) {
                    Value::Object(pm) => out = overlap::conjoin(&out, pm)?,
                    Value::Bool(true) => {}
                    _ => return None,
                }
            }
        }
        None
    }

    /// Like [`Self::sub_objects_owned`] but through every rule (for rewritten left sides).
    fn sub_objects_owned_any(&mut self, a: &Value, b: &Value, depth: usize, ptr: &str) -> bool {
        if !self.meter.spend(1) || self.rewrites > 32 {
            return self.fail(ptr, "budget", "the structural check ran out of steps");
        }
        if trivial(b) {
            return true;
        }
        self.rewrites += 1;
        let result = self.sub_objects(a, b, depth, ptr);
        self.rewrites -= 1;
        result
    }

    fn sub_objects_owned(&mut self, a: &Value, b: &Value, depth: usize, ptr: &str) -> bool {
        if trivial(b) {
            return true;
        }
        match (a, b) {
            (Value::Object(am), Value::Object(bm)) => self.sub_plain(am, bm, depth, ptr, false),
            _ => false,
        }
    }

    /// Both sides without left-hand combinators.
    fn sub_plain(
        &mut self,
        am: &Map<String, Value>,
        bm: &Map<String, Value>,
        depth: usize,
        ptr: &str,
        quiet: bool,
    ) -> bool {
        let a = Value::Object(am.clone());
        let b = Value::Object(bm.clone());
        for k in bm.keys() {
            // A negation of the wider side holds of every value of the narrower side when the
            // two share no value.
            if k == "not"
                && bm
                    .get(k)
                    .is_some_and(|n| overlap::disjoint(self.a_doc, &a, self.b_doc, n, 0))
            {
                continue;
            }
            if matches!(
                k.as_str(),
                "$ref"
                    | "oneOf"
                    | "not"
                    | "if"
                    | "then"
                    | "else"
                    | "dependentSchemas"
                    | "unevaluatedProperties"
                    | "unevaluatedItems"
                    | "contains"
                    | "minContains"
                    | "maxContains"
                    | "patternProperties"
                    | "dependentRequired"
                    | "allOf"
                    | "anyOf"
            ) {
                if self.same(am.get(k), bm.get(k))
                    && !matches!(
                        k.as_str(),
                        "$ref" | "allOf" | "anyOf" | "oneOf" | "not" | "if"
                    )
                {
                    continue;
                }
                if self.same(am.get(k), bm.get(k))
                    && !am.contains_key("properties")
                    && !bm.contains_key("properties")
                {
                    continue;
                }
                // Compared below with the properties (pattern by pattern when both sides name
                // the same patterns, else by classes of names), whenever the narrower side
                // admits objects: they constrain nothing else.
                if k == "patternProperties" || k == "dependentSchemas" {
                    continue;
                }
                return self.fail_quiet(
                    quiet,
                    &format!("{ptr}/{}", escape(k)),
                    k,
                    "the structural rules do not decide this keyword",
                );
            }
        }
        // Keywords of the narrower side these rules do not read only narrow it further:
        // leaving them out keeps the proof sound. A reference is the exception the rules above
        // resolve.
        for k in am.keys() {
            if k == "$ref" && am.get(k) != bm.get(k) {
                return self.fail_quiet(
                    quiet,
                    &format!("{ptr}/{}", escape(k)),
                    k,
                    "the structural rules do not decide this keyword on the narrower side",
                );
            }
        }
        let ta = type_set(&a);
        let tb = type_set(&b);
        if let Some(tb) = &tb {
            let ok = match &ta {
                Some(ta) => ta
                    .iter()
                    .all(|t| tb.contains(t) || (*t == "integer" && tb.contains(&"number"))),
                None => false,
            };
            if !ok {
                return self.fail_quiet(quiet, &format!("{ptr}/type"), "type", "the types differ");
            }
        }
        // The wider side's values: `const` and `enum` both hold, so a `const` outside the `enum`
        // leaves none. Members compare as `serde_json` values (`1` differs from `1.0`), which can
        // only shrink this set: a proof against it stays sound.
        let b_enum = bm.get("enum").and_then(Value::as_array);
        if let Some(bv) = bm
            .get("const")
            .map(|c| {
                if b_enum.is_none_or(|members| members.contains(c)) {
                    vec![c.clone()]
                } else {
                    Vec::new()
                }
            })
            .or_else(|| b_enum.cloned())
        {
            // A narrower side of finitely many values holds no value outside them (its other
            // keywords only narrow it further): booleans and `null` by their type, strings
            // whose pattern admits finitely many.
            let finite_values = || -> Option<Vec<Value>> {
                let types = ta.as_ref()?;
                if types.iter().all(|t| matches!(*t, "boolean" | "null")) {
                    let mut values = Vec::new();
                    if types.contains(&"boolean") {
                        values.extend([Value::Bool(false), Value::Bool(true)]);
                    }
                    if types.contains(&"null") {
                        values.push(Value::Null);
                    }
                    return Some(values);
                }
                let pattern = am.get("pattern").and_then(Value::as_str)?;
                if types != &vec!["string"] {
                    return None;
                }
                let strings = pattern::finite_language(pattern, self.max_enum.min(FINITE_STRINGS))?;
                Some(strings.into_iter().map(Value::String).collect())
            };
            let av = am
                .get("const")
                .map(|c| vec![c.clone()])
                .or_else(|| am.get("enum").and_then(Value::as_array).cloned())
                .or_else(finite_values);
            match av {
                Some(av) if av.len().max(bv.len()) > self.max_enum => {
                    return self.fail_quiet(
                        quiet,
                        &format!("{ptr}/enum"),
                        "budget",
                        "an enumeration larger than the budget allows comparing",
                    );
                }
                Some(av) if av.iter().all(|v| bv.contains(v)) => {}
                _ => {
                    return self.fail_quiet(
                        quiet,
                        &format!("{ptr}/enum"),
                        "enum",
                        "values outside the enumeration",
                    );
                }
            }
        }
        let ta_ref = ta.as_ref();
        if (has_type(ta_ref, "string")) && !self.plain_strings((&a, &b), (am, bm), ptr, quiet) {
            return false;
        }
        if (has_type(ta_ref, "number") || has_type(ta_ref, "integer"))
            && !self.plain_numbers((&a, &b), ta_ref, ptr, quiet)
        {
            return false;
        }
        if (has_type(ta_ref, "array")) && !self.plain_arrays((&a, &b), (am, bm), depth, ptr, quiet)
        {
            return false;
        }
        if (has_type(ta_ref, "object"))
            && !self.plain_objects((&a, &b), (am, bm), depth, ptr, quiet)
        {
            return false;
        }
        true
    }

    /// Strings: lengths, pattern inclusion (by DFA), formats. Always false when it fails, having recorded why (unless `quiet`).
    fn plain_strings(
        &mut self,
        (a, b): (&Value, &Value),
        (am, bm): (&Map<String, Value>, &Map<String, Value>),
        ptr: &str,
        quiet: bool,
    ) -> bool {
        let length = if Self::bound_le(b, a, "minLength") {
            "maxLength"
        } else {
            "minLength"
        };
        if !Self::bound_le(b, a, "minLength") || !Self::bound_ge(b, a, "maxLength") {
            return self.fail_quiet(
                quiet,
                &format!("{ptr}/{length}"),
                length,
                "string lengths differ",
            );
        }
        if let Some(pb) = bm.get("pattern").and_then(Value::as_str)
            && am.get("pattern").and_then(Value::as_str) != Some(pb)
        {
            let left = match am.get("pattern").and_then(Value::as_str) {
                Some(pa) => pattern::Language::of_pattern(pa),
                None => pattern::Language::any(),
            };
            let right = pattern::Language::of_pattern(pb);
            let proved = match (left, right) {
                (Some(l), Some(r)) => {
                    pattern::difference(&l, &r, self.regex_states) == pattern::Inclusion::Proved
                }
                _ => false,
            };
            if !proved {
                return self.fail_quiet(
                    quiet,
                    &format!("{ptr}/pattern"),
                    "pattern",
                    "pattern inclusion not proved (unsupported syntax or budget)",
                );
            }
        }
        for k in ["format", "contentEncoding", "contentMediaType"] {
            // A format the validator knows in no draft asserts nothing (it ignores unknown
            // formats), so the wider side's asks nothing of the narrower side.
            let asserts = k != "format"
                || bm
                    .get(k)
                    .and_then(Value::as_str)
                    .is_none_or(|f| ASSERTED_FORMATS.contains(&f));
            if asserts && bm.contains_key(k) && am.get(k) != bm.get(k) {
                return self.fail_quiet(quiet, &format!("{ptr}/{k}"), k, "string formats differ");
            }
        }
        true
    }

    /// Numbers: bounds and `multipleOf`. Always false when it fails, having recorded why (unless `quiet`).
    fn plain_numbers(
        &mut self,
        (a, b): (&Value, &Value),
        ta_ref: Option<&Vec<&str>>,
        ptr: &str,
        quiet: bool,
    ) -> bool {
        if !Self::lower_ok(a, b) || !Self::upper_ok(a, b) {
            return self.fail_quiet(
                quiet,
                &format!("{ptr}/minimum"),
                "minimum",
                "numeric bounds differ",
            );
        }
        if let Some(mb) = num(b, "multipleOf") {
            let ok = num(a, "multipleOf").is_some_and(|ma| number::divides(ma, mb) == Some(true))
                || (number::cmp_int(mb, 1) == Ordering::Equal
                    && ta_ref.is_some_and(|t| t.iter().all(|x| *x == "integer")));
            if !ok {
                return self.fail_quiet(
                    quiet,
                    &format!("{ptr}/multipleOf"),
                    "multipleOf",
                    "divisors differ",
                );
            }
        }
        true
    }

    /// Arrays: lengths, uniqueness, `prefixItems` and `items`. Always false when it fails, having recorded why (unless `quiet`).
    fn plain_arrays(
        &mut self,
        (a, b): (&Value, &Value),
        (am, bm): (&Map<String, Value>, &Map<String, Value>),
        depth: usize,
        ptr: &str,
        quiet: bool,
    ) -> bool {
        if !Self::bound_le(b, a, "minItems") || !Self::bound_ge(b, a, "maxItems") {
            return self.fail_quiet(
                quiet,
                &format!("{ptr}/maxItems"),
                "maxItems",
                "array lengths differ",
            );
        }
        if bm.get("uniqueItems") == Some(&Value::Bool(true))
            && am.get("uniqueItems") != Some(&Value::Bool(true))
        {
            return self.fail_quiet(
                quiet,
                &format!("{ptr}/uniqueItems"),
                "uniqueItems",
                "uniqueness added",
            );
        }
        let pa = am
            .get("prefixItems")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let pb = bm
            .get("prefixItems")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let t = Value::Bool(true);
        let ia = am.get("items").unwrap_or(&t);
        let ib = bm.get("items").unwrap_or(&t);
        for i in 0..pa.len().max(pb.len()) {
            let sa = pa.get(i).unwrap_or(ia);
            let sb = pb.get(i).unwrap_or(ib);
            if !self.sub(sa, sb, depth + 1, &format!("{ptr}/prefixItems/{i}")) {
                return false;
            }
        }
        if !self.sub(ia, ib, depth + 1, &format!("{ptr}/items")) {
            return false;
        }
        true
    }

    /// Objects: property counts, required, properties, additional properties, names. Always false when it fails, having recorded why (unless `quiet`).
    fn plain_objects(
        &mut self,
        (a, b): (&Value, &Value),
        (am, bm): (&Map<String, Value>, &Map<String, Value>),
        depth: usize,
        ptr: &str,
        quiet: bool,
    ) -> bool {
        if !Self::bound_le(b, a, "minProperties") || !Self::bound_ge(b, a, "maxProperties") {
            return self.fail_quiet(
                quiet,
                &format!("{ptr}/maxProperties"),
                "maxProperties",
                "property counts differ",
            );
        }
        let req = |m: &Map<String, Value>| -> Vec<String> {
            m.get("required")
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let ra = req(am);
        for r in req(bm) {
            if !ra.contains(&r) {
                return self.fail_quiet(
                    quiet,
                    &format!("{ptr}/required"),
                    "required",
                    "a property became required",
                );
            }
        }
        if !self.dependent_schemas(a, (am, bm), depth, ptr) {
            return false;
        }
        if needs_name_classes(am, bm) {
            return self.name_classes((am, bm), depth, ptr, quiet)
                && self.property_names(am, bm, depth, ptr);
        }
        // With the same patterns, each pattern's schema narrowing keeps every name's
        // constraints narrower (a name meets the schemas of all the patterns it matches).
        if !self.same(am.get("patternProperties"), bm.get("patternProperties"))
            && same_patterns(am, bm)
            && let (Some(Value::Object(ppa)), Some(Value::Object(ppb))) =
                (am.get("patternProperties"), bm.get("patternProperties"))
        {
            for (p, sb) in ppb {
                let sa = ppa.get(p).unwrap_or(&Value::Bool(true));
                if !self.sub(
                    sa,
                    sb,
                    depth + 1,
                    &format!("{ptr}/patternProperties/{}", escape(p)),
                ) {
                    return false;
                }
            }
        } else if !self.same(am.get("patternProperties"), bm.get("patternProperties")) {
            return self.fail_quiet(
                quiet,
                &format!("{ptr}/patternProperties"),
                "patternProperties",
                "pattern properties differ",
            );
        }
        // The (shared) patterns, to tell which names `additionalProperties` governs.
        let patterns: Vec<std::sync::Arc<pattern::Language>> =
            match am.get("patternProperties").and_then(Value::as_object) {
                Some(pp) => {
                    let built: Option<Vec<std::sync::Arc<pattern::Language>>> = pp
                        .keys()
                        .map(|p| pattern::Language::of_pattern(p))
                        .collect();
                    match built {
                        Some(b) => b,
                        None => {
                            return self.fail_quiet(
                                quiet,
                                &format!("{ptr}/patternProperties"),
                                "patternProperties",
                                "a pattern the DFAs cannot express",
                            );
                        }
                    }
                }
                None => Vec::new(),
            };
        let empty = Map::new();
        let t = Value::Bool(true);
        let pa = am
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let pb = bm
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let aa = am.get("additionalProperties").unwrap_or(&t);
        let ab = bm.get("additionalProperties").unwrap_or(&t);
        let mut names: Vec<&String> = pa.keys().chain(pb.keys()).collect();
        names.sort();
        names.dedup();
        for n in names {
            // A name matching a shared pattern carries the same pattern schemas on both
            // sides and escapes `additionalProperties`.
            let mut matched = false;
            for l in &patterns {
                match l.contains_match(n) {
                    Some(true) => {
                        matched = true;
                        break;
                    }
                    Some(false) => {}
                    None => {
                        return self.fail_quiet(
                            quiet,
                            &format!("{ptr}/patternProperties"),
                            "patternProperties",
                            "a pattern the DFAs cannot express",
                        );
                    }
                }
            }
            let sa = pa.get(n).unwrap_or(if matched { &t } else { aa });
            let sb = pb.get(n).unwrap_or(if matched { &t } else { ab });
            if matched && !pa.contains_key(n) && pb.contains_key(n) {
                // Only the pattern schemas constrain the name on the left.
                let pp = am.get("patternProperties").and_then(Value::as_object);
                let parts: Vec<Value> = pp
                    .map(|pp| {
                        pp.iter()
                            .filter(|(p, _)| {
                                // An unknown match leaves the schema out: the left
                                // side only gets wider, so a proof stays sound.
                                pattern::Language::of_pattern(p)
                                    .is_some_and(|l| l.contains_match(n) == Some(true))
                            })
                            .map(|(_, v)| v.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                let conj = serde_json::json!({"allOf": parts});
                if !self.sub(
                    &conj,
                    sb,
                    depth + 1,
                    &format!("{ptr}/properties/{}", escape(n)),
                ) {
                    return false;
                }
                continue;
            }
            if !self.sub(
                sa,
                sb,
                depth + 1,
                &format!("{ptr}/properties/{}", escape(n)),
            ) {
                return false;
            }
        }
        if !self.sub(aa, ab, depth + 1, &format!("{ptr}/additionalProperties")) {
            return false;
        }
        self.property_names(am, bm, depth, ptr)
    }

    /// `dependentSchemas` of the wider side: an object of the narrower side holding the
    /// property meets the narrower side's own dependent schema for it (which must then fit),
    /// or else the narrower side's objects holding it must fit (none may).
    fn dependent_schemas(
        &mut self,
        a: &Value,
        (am, bm): (&Map<String, Value>, &Map<String, Value>),
        depth: usize,
        ptr: &str,
    ) -> bool {
        let Some(Value::Object(db)) = bm.get("dependentSchemas") else {
            return true;
        };
        if self.same(am.get("dependentSchemas"), bm.get("dependentSchemas")) {
            return true;
        }
        let da = am.get("dependentSchemas").and_then(Value::as_object);
        for (k, sb) in db {
            let at = format!("{ptr}/dependentSchemas/{}", escape(k));
            // The same object: compared at the same depth.
            let fits = if let Some(sa) = da.and_then(|d| d.get(k)) {
                self.same(Some(sa), Some(sb)) || self.sub(sa, sb, depth, &at)
            } else {
                // Only the objects holding `k` meet the dependent schema: none, when the
                // narrower side never holds it.
                let holding = serde_json::json!({"required": [k]});
                overlap::disjoint(self.a_doc, a, self.a_doc, &holding, 0)
                    || self.sub(&serde_json::json!({"allOf": [a, holding]}), sb, depth, &at)
            };
            if !fits {
                return false;
            }
        }
        true
    }

    /// `propertyNames`: every name the narrower side admits, the wider side admits.
    fn property_names(
        &mut self,
        am: &Map<String, Value>,
        bm: &Map<String, Value>,
        depth: usize,
        ptr: &str,
    ) -> bool {
        let t = Value::Bool(true);
        if let Some(nb) = bm.get("propertyNames") {
            let na = am.get("propertyNames").unwrap_or(&t);
            let string_b = string_domain(nb);
            // The names are other values than the object: what it is known to fail does not
            // hold for them.
            let excluded = std::mem::take(&mut self.excluded);
            let fits = self.sub(
                &string_domain(na),
                &string_b,
                depth,
                &format!("{ptr}/propertyNames"),
            );
            self.excluded = excluded;
            if !fits {
                return false;
            }
        }
        true
    }

    /// Properties, pattern properties and additional properties when the two sides' patterns
    /// differ (or one cannot be expressed): property names are split into classes, each the
    /// names that match the same patterns of both sides; in each class, the schemas the
    /// narrower side applies (all its matching patterns' schemas, or its
    /// `additionalProperties` when none match) must fit every schema the wider side applies.
    /// The classes come from one walk of the product of the patterns' DFAs; a declared
    /// property is its own class, read with the patterns it matches.
    ///
    /// A pattern the DFAs cannot express (lookaround, backreferences) is a class bit the walk
    /// cannot compute: every class is checked with that bit both set and clear. This is sound
    /// whether the pattern is on one side or both: the real classes are among those checked,
    /// and the same pattern text is the same language on both sides, so its bit is shared. A
    /// declared name is matched against such a pattern by the validator itself, and read both
    /// ways when the validator cannot tell.
    fn name_classes(
        &mut self,
        (am, bm): (&Map<String, Value>, &Map<String, Value>),
        depth: usize,
        ptr: &str,
        quiet: bool,
    ) -> bool {
        /// Most distinct patterns split into classes, and most that the DFAs cannot express.
        const MAX_PATTERNS: usize = 24;
        const MAX_OPAQUE: usize = 3;
        fn obj<'m>(m: &'m Map<String, Value>, k: &str) -> Option<&'m Map<String, Value>> {
            m.get(k).and_then(Value::as_object)
        }
        let empty = Map::new();
        let t = Value::Bool(true);
        let ppa = obj(am, "patternProperties").unwrap_or(&empty);
        let ppb = obj(bm, "patternProperties").unwrap_or(&empty);
        let pa = obj(am, "properties").unwrap_or(&empty);
        let pb = obj(bm, "properties").unwrap_or(&empty);
        let aa = am.get("additionalProperties").unwrap_or(&t);
        let ab = bm.get("additionalProperties").unwrap_or(&t);
        let mut texts: Vec<&str> = ppa.keys().chain(ppb.keys()).map(String::as_str).collect();
        texts.sort_unstable();
        texts.dedup();
        let langs: Vec<Option<std::sync::Arc<pattern::Language>>> = if texts.len() > MAX_PATTERNS {
            Vec::new()
        } else {
            texts
                .iter()
                .map(|p| pattern::Language::of_pattern(p))
                .collect()
        };
        let opaque = langs.iter().filter(|l| l.is_none()).count();
        if texts.len() > MAX_PATTERNS || opaque > MAX_OPAQUE {
            return self.fail_quiet(
                quiet,
                &format!("{ptr}/patternProperties"),
                "patternProperties",
                "a pattern the DFAs cannot express",
            );
        }
        // Declared names, one by one; for the others, when every schema the narrower side may
        // apply fits every schema the wider side may apply, every class fits (a class applies
        // at least one schema on each side) and no class needs computing.
        if !self.declared_names((pa, pb), (ppa, ppb), (aa, ab), (&texts, &langs), depth, ptr) {
            return false;
        }
        let lefts: Vec<&Value> = ppa.values().chain([aa]).collect();
        let rights: Vec<&Value> = ppb.values().chain([ab]).collect();
        if self.quietly(|p| {
            rights
                .iter()
                .all(|r| lefts.iter().all(|l| p.parts_fit(&[l], &[r], depth, ptr)))
        }) {
            return true;
        }
        let known: Vec<&pattern::Language> = langs.iter().flatten().map(AsRef::as_ref).collect();
        // Undeclared names, class by class, checked as the walk finds them.
        let walk = pattern::signatures(
            &known,
            self.regex_states.min(CLASS_STATES),
            |signature, example| {
                let mut known_bits = signature.iter().copied();
                let bits: Vec<Option<bool>> = langs
                    .iter()
                    .map(|l| if l.is_some() { known_bits.next() } else { None })
                    .collect();
                both_ways(&bits).into_iter().all(|bits| {
                    let left = class_parts(None, ppa, &texts, &bits, aa);
                    let right = class_parts(None, ppb, &texts, &bits, ab);
                    let at = texts
                        .iter()
                        .zip(&bits)
                        .find(|(p, b)| **b && ppb.contains_key(**p))
                        .map_or_else(
                            || format!("{ptr}/additionalProperties"),
                            |(p, _)| format!("{ptr}/patternProperties/{}", escape(p)),
                        );
                    let fits = self.parts_fit(&left, &right, depth, &at);
                    // A place a witness search can plant a value: a property of this class.
                    if !fits
                        && let Some(name) = &example
                        && self.sites.len() < 8
                    {
                        let conj = |parts: &[&Value]| match parts {
                            [one] => (*one).clone(),
                            _ => serde_json::json!({ "allOf": parts }),
                        };
                        self.sites.push(Site {
                            pointer: format!("{ptr}/properties/{}", escape(name)),
                            a: conj(&left),
                            b: conj(&right),
                        });
                    }
                    fits
                })
            },
        );
        match walk {
            pattern::Walk::Done => true,
            pattern::Walk::Stopped => false,
            pattern::Walk::Budget => self.fail_quiet(
                quiet,
                &format!("{ptr}/patternProperties"),
                "patternProperties",
                "pattern classes past the state budget",
            ),
        }
    }

    /// The declared properties of [`Self::name_classes`]: each name with the patterns it
    /// matches (read both ways where that cannot be told).
    fn declared_names(
        &mut self,
        (pa, pb): (&Map<String, Value>, &Map<String, Value>),
        (ppa, ppb): (&Map<String, Value>, &Map<String, Value>),
        (aa, ab): (&Value, &Value),
        (texts, langs): (&[&str], &[Option<std::sync::Arc<pattern::Language>>]),
        depth: usize,
        ptr: &str,
    ) -> bool {
        let mut names: Vec<&String> = pa.keys().chain(pb.keys()).collect();
        names.sort_unstable();
        names.dedup();
        for n in names {
            if !self.meter.spend(1) {
                return self.fail(ptr, "budget", "the structural check ran out of steps");
            }
            let bits: Vec<Option<bool>> = texts
                .iter()
                .zip(langs)
                .map(|(p, l)| match l {
                    Some(l) => l
                        .contains_match(n)
                        .or_else(|| pattern::matches_concretely(p, n)),
                    None => pattern::matches_concretely(p, n),
                })
                .collect();
            let at = format!("{ptr}/properties/{}", escape(n));
            for bits in both_ways(&bits) {
                let left = class_parts(pa.get(n), ppa, texts, &bits, aa);
                let right = class_parts(pb.get(n), ppb, texts, &bits, ab);
                if !self.parts_fit(&left, &right, depth, &at) {
                    return false;
                }
            }
        }
        true
    }

    /// `probe` run without recording why it fails (a failed probe leaves no obstacle or site).
    fn quietly(&mut self, probe: impl FnOnce(&mut Self) -> bool) -> bool {
        let obstacle = self.obstacle.take();
        let sites = self.sites.len();
        let pending = self.pending.take();
        let ok = probe(self);
        self.obstacle = obstacle;
        self.sites.truncate(sites);
        self.pending = pending;
        ok
    }

    /// Whether the conjunction `left` fits every schema of `right`.
    fn parts_fit(&mut self, left: &[&Value], right: &[&Value], depth: usize, ptr: &str) -> bool {
        for r in right {
            if left.iter().any(|l| self.same(Some(l), Some(r))) {
                continue;
            }
            let fits = if let [one] = left {
                self.sub(one, r, depth + 1, ptr)
            } else {
                let parts: Vec<Value> = left.iter().copied().cloned().collect();
                self.sub(&serde_json::json!({ "allOf": parts }), r, depth + 1, ptr)
            };
            if !fits {
                return false;
            }
        }
        true
    }

    fn bound_le(b: &Value, a: &Value, k: &str) -> bool {
        match (num(b, k), num(a, k)) {
            (None, _) => true,
            (Some(x), Some(y)) => number::cmp(x, y) != Ordering::Greater,
            (Some(x), None) => number::cmp_int(x, 0) != Ordering::Greater,
        }
    }

    fn bound_ge(b: &Value, a: &Value, k: &str) -> bool {
        match (num(b, k), num(a, k)) {
            (None, _) => true,
            (Some(x), Some(y)) => number::cmp(x, y) != Ordering::Less,
            (Some(_), None) => false,
        }
    }

    /// b's lower bound admits everything above a's.
    fn lower_ok(a: &Value, b: &Value) -> bool {
        let low = |s: &Value| -> Option<(serde_json::Number, bool)> {
            match (num(s, "minimum"), num(s, "exclusiveMinimum")) {
                (Some(m), Some(x)) => Some(if number::cmp(x, m).is_ge() {
                    (x.clone(), true)
                } else {
                    (m.clone(), false)
                }),
                (Some(m), None) => Some((m.clone(), false)),
                (None, Some(x)) => Some((x.clone(), true)),
                (None, None) => None,
            }
        };
        match (low(a), low(b)) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some((va, xa)), Some((vb, xb))) => match number::cmp(&va, &vb) {
                Ordering::Greater => true,
                Ordering::Equal => xa || !xb,
                Ordering::Less => false,
            },
        }
    }

    fn upper_ok(a: &Value, b: &Value) -> bool {
        let high = |s: &Value| -> Option<(serde_json::Number, bool)> {
            match (num(s, "maximum"), num(s, "exclusiveMaximum")) {
                (Some(m), Some(x)) => Some(if number::cmp(x, m).is_le() {
                    (x.clone(), true)
                } else {
                    (m.clone(), false)
                }),
                (Some(m), None) => Some((m.clone(), false)),
                (None, Some(x)) => Some((x.clone(), true)),
                (None, None) => None,
            }
        };
        match (high(a), high(b)) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some((va, xa)), Some((vb, xb))) => match number::cmp(&va, &vb) {
                Ordering::Less => true,
                Ordering::Equal => xa || !xb,
                Ordering::Greater => false,
            },
        }
    }
}

/// Every `format` the validator asserts in some draft (`jsonschema`'s built-in formats; seam
/// registers none of its own). The validator ignores any other name.
const ASSERTED_FORMATS: [&str; 19] = [
    "date",
    "date-time",
    "duration",
    "email",
    "hostname",
    "idn-email",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "iri",
    "iri-reference",
    "json-pointer",
    "regex",
    "relative-json-pointer",
    "time",
    "uri",
    "uri-reference",
    "uri-template",
    "uuid",
];

/// Most strings a narrower side's finite `pattern` is read as (see
/// [`pattern::finite_language`]).
const FINITE_STRINGS: usize = 4_096;

/// Most states of the product of the patterns' DFAs walked to split names into classes: many
/// unanchored patterns (`a.*`, `b.*.*`...) multiply into far more, and then each class would
/// need a check of its own anyway.
const CLASS_STATES: usize = 8_192;

/// Whether the properties of a pair need [`Prover::name_classes`]: the two sides name
/// different `patternProperties` patterns, or a pattern the DFAs cannot express.
fn needs_name_classes(am: &Map<String, Value>, bm: &Map<String, Value>) -> bool {
    match (
        am.get("patternProperties").and_then(Value::as_object),
        bm.get("patternProperties").and_then(Value::as_object),
    ) {
        (None, None) => false,
        (Some(pa), Some(_)) if same_patterns(am, bm) => pa
            .keys()
            .any(|p| pattern::Language::of_pattern(p).is_none()),
        _ => true,
    }
}

/// A case of the value of a discriminating property.
#[derive(Debug, Clone)]
enum Case {
    /// Present, with this value.
    Is(Value),
    /// Present, with a value none of the branches names.
    Other,
    /// An object without it.
    Absent,
    /// Not an object (`required` and `properties` hold of it).
    NotObject,
}

/// Most constants one discriminating property is split into.
const MAX_CASES: usize = 64;

/// Whether a keyword map admits objects only.
fn objects_only(m: &Map<String, Value>) -> bool {
    match m.get("type") {
        Some(Value::String(t)) => t == "object",
        Some(Value::Array(ts)) => {
            ts.len() == 1 && ts.first().and_then(Value::as_str) == Some("object")
        }
        _ => false,
    }
}

/// A schema of only `const`, `enum` and `type` (and annotations): what a discriminating
/// property's schema must be for [`decide`] to read it.
fn constant_schema(p: &Value) -> Option<&Map<String, Value>> {
    let m = p.as_object()?;
    let simple = m.keys().all(|k| {
        matches!(k.as_str(), "const" | "enum" | "type")
            || overlap::annotation(k)
            || never_asserts(k)
    });
    (simple && (m.contains_key("const") || m.contains_key("enum"))).then_some(m)
}

/// The property the branches of the two sides' `oneOf`/`anyOf` tag by constants (the one
/// most branches do), with every constant named for it on either side; `None` when there is
/// none, when a constant is not a string, boolean or `null`, or when there are more than
/// [`MAX_CASES`].
fn discriminator(
    (a_doc, am): (&Value, &Map<String, Value>),
    (b_doc, bm): (&Value, &Map<String, Value>),
) -> Option<(String, Vec<Value>)> {
    let mut counts: TagCounts<'_> = TagCounts::new();
    let mut tagged: Tagged<'_> = Vec::new();
    for (doc, m) in [(a_doc, am), (b_doc, bm)] {
        for key in ["oneOf", "anyOf"] {
            for branch in m.get(key).and_then(Value::as_array).into_iter().flatten() {
                collect_tags(doc, branch, (&mut counts, &mut tagged), 0);
            }
        }
    }
    // The property naming the most distinct constants splits the branches finest.
    let distinct = |name: &str| -> usize {
        let mut seen: Vec<&Value> = Vec::new();
        for (_, c) in tagged.iter().filter(|(n, _)| *n == name) {
            for v in c.get("const").into_iter().chain(
                c.get("enum")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            ) {
                if !seen.contains(&v) {
                    seen.push(v);
                }
            }
        }
        seen.len()
    };
    let (&d, &count) = counts
        .iter()
        .filter(|&(_, count)| *count >= 2)
        .max_by_key(|&(name, count)| (distinct(name), *count, std::cmp::Reverse(*name)))?;
    if count < 2 {
        return None;
    }
    let mut constants: Vec<Value> = Vec::new();
    for (name, c) in tagged {
        if name != d {
            continue;
        }
        let members = c.get("const").into_iter().chain(
            c.get("enum")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        );
        for v in members {
            // Numbers (`1` and `1.0` are one JSON Schema value) and structures (which may
            // hold numbers) are not compared here.
            if !(v.is_string() || v.is_boolean() || v.is_null()) || constants.len() > MAX_CASES {
                return None;
            }
            if !constants.contains(v) {
                constants.push(v.clone());
            }
        }
    }
    (constants.len() <= MAX_CASES).then(|| (d.to_owned(), constants))
}

/// How many branches tag each property by constants.
type TagCounts<'v> = std::collections::BTreeMap<&'v str, usize>;
/// Each property's constant schemas, as the branches give them.
type Tagged<'v> = Vec<(&'v str, &'v Map<String, Value>)>;

/// The constant schemas a branch gives its properties, through nested `oneOf`/`anyOf`
/// branches, `allOf` parts, its condition (`if`) and `not` (bounded depth).
fn collect_tags<'v>(
    doc: &'v Value,
    branch: &'v Value,
    (counts, tagged): (&mut TagCounts<'v>, &mut Tagged<'v>),
    depth: usize,
) {
    if depth > 4 || tagged.len() > 4 * MAX_CASES {
        return;
    }
    let branch = overlap::resolve(doc, branch);
    if let Some(props) = branch.get("properties").and_then(Value::as_object) {
        for (name, p) in props {
            let p = overlap::resolve(doc, p);
            let c = constant_schema(p).or_else(|| negated(p).and_then(constant_schema));
            if let Some(c) = c {
                *counts.entry(name.as_str()).or_default() += 1;
                tagged.push((name.as_str(), c));
            }
        }
    }
    for key in ["oneOf", "anyOf"] {
        for inner in branch
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            collect_tags(doc, inner, (&mut *counts, &mut *tagged), depth + 1);
        }
    }
    // Parts of the branch (shared definitions), and a condition tagging it (`if:
    // {properties: {version: {const: "2"}}}`).
    for part in branch
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        collect_tags(doc, part, (&mut *counts, &mut *tagged), depth + 1);
    }
    if let Some(cond) = branch.get("if") {
        collect_tags(doc, cond, (counts, tagged), depth + 1);
    }
}

/// The schema under `not` of a schema of only `not` (and annotations).
fn negated(p: &Value) -> Option<&Value> {
    let m = p.as_object()?;
    let only = m
        .keys()
        .all(|k| k == "not" || overlap::annotation(k) || never_asserts(k));
    if only { m.get("not") } else { None }
}

/// Whether a [`constant_schema`] holds of the property in `case` (present); `None` when it
/// cannot tell (for a value none of `constants`, a schema naming other values).
fn decide(p: &Value, case: &Case, constants: &[Value]) -> Option<bool> {
    if let Some(inner) = negated(p) {
        return decide(inner, case, constants).map(|holds| !holds);
    }
    let m = match p {
        Value::Bool(b) => return Some(*b),
        Value::Object(m) if m.keys().all(|k| overlap::annotation(k) || never_asserts(k)) => {
            return Some(true);
        }
        _ => constant_schema(p)?,
    };
    match case {
        // A value that is none of the named constants fails a schema whose members all are.
        Case::Other => {
            let members = m.get("const").into_iter().chain(
                m.get("enum")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
            let mut all_named = true;
            for v in members {
                all_named &= constants.contains(v);
            }
            if all_named { Some(false) } else { None }
        }
        Case::Absent | Case::NotObject => None,
        Case::Is(c) => {
            let of_type = |t: &str| match t {
                "string" => c.is_string(),
                "boolean" => c.is_boolean(),
                "null" => c.is_null(),
                "object" => c.is_object(),
                "array" => c.is_array(),
                _ => false,
            };
            let typed = match m.get("type") {
                None => true,
                Some(Value::String(t)) => of_type(t),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(of_type),
                Some(_) => return None,
            };
            let constant = m.get("const").is_none_or(|k| k == c);
            let member = match m.get("enum") {
                None => true,
                Some(Value::Array(e)) => e.contains(c),
                Some(_) => return None,
            };
            Some(typed && constant && member)
        }
    }
}

/// `s` (a schema of `doc`) on the values in `case` of property `d`: `false` when it holds
/// for none of them, else `s` with what the case decides taken out (`required` of `d`, its
/// property schema, a `not` the case decides, the branches and parts that hold always or
/// never, the keywords the case's type settles). Exact: for every value in the case, `s` and
/// the result agree.
fn specialize(
    doc: &Value,
    s: &Value,
    (d, case, constants): (&str, &Case, &[Value]),
    depth: usize,
) -> Value {
    let s = overlap::resolve(doc, s);
    let Value::Object(m) = s else {
        return s.clone();
    };
    if depth > 16 {
        return s.clone();
    }
    // Every case is objects only or non-objects only.
    let object = !matches!(case, Case::NotObject);
    if let Some(types) = type_set(s).filter(|t| !t.is_empty()) {
        let admits_objects = types.contains(&"object");
        if admits_objects != object && (object || types.iter().all(|t| *t == "object")) {
            return Value::Bool(false);
        }
    }
    let mut out = m.clone();
    if !object {
        // Keywords that apply to objects only hold of every other value.
        out.retain(|k, _| !OBJECT_KEYWORDS.contains(&k.as_str()));
    }
    if let Some(n) = m.get("not") {
        let inner = specialize(doc, n, (d, case, constants), depth + 1);
        let trivial_inner = match &inner {
            Value::Bool(b) => Some(*b),
            v if trivially_true(v) => Some(true),
            _ => None,
        };
        match trivial_inner {
            Some(true) => return Value::Bool(false),
            Some(false) => {
                out.remove("not");
            }
            None => {
                out.insert("not".to_owned(), inner);
            }
        }
    }
    // A condition the case decides leaves its `then` or `else` as a part of `allOf`.
    let mut decided: Vec<Value> = Vec::new();
    if let Some(cond) = m.get("if") {
        let c = specialize(doc, cond, (d, case, constants), depth + 1);
        let holds = match &c {
            Value::Bool(b) => Some(*b),
            v if trivially_true(v) => Some(true),
            _ => None,
        };
        if let Some(holds) = holds {
            for k in ["if", "then", "else"] {
                out.remove(k);
            }
            decided.extend(m.get(if holds { "then" } else { "else" }).cloned());
        } else {
            out.insert("if".to_owned(), c);
            for k in ["then", "else"] {
                if let Some(x) = m.get(k) {
                    out.insert(
                        k.to_owned(),
                        specialize(doc, x, (d, case, constants), depth + 1),
                    );
                }
            }
        }
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        let own = m.get(key).and_then(Value::as_array);
        let mut branches: Vec<Value> = own.cloned().unwrap_or_default();
        if key == "allOf" {
            branches.append(&mut decided);
        }
        if own.is_none() && branches.is_empty() {
            continue;
        }
        match prune(doc, key, &branches, (d, case, constants), depth + 1) {
            Pruned::Never => return Value::Bool(false),
            Pruned::Always => {
                out.remove(key);
            }
            Pruned::Live(live) => {
                out.insert(key.to_owned(), Value::Array(live));
            }
        }
    }
    if !object {
        return Value::Object(out);
    }
    if let Some(Value::Array(req)) = m.get("required")
        && req.iter().any(|r| r == d)
    {
        if matches!(case, Case::Absent) {
            return Value::Bool(false);
        }
        let rest: Vec<Value> = req.iter().filter(|r| *r != d).cloned().collect();
        if rest.is_empty() {
            out.remove("required");
        } else {
            out.insert("required".to_owned(), Value::Array(rest));
        }
    }
    if let Some(Value::Object(props)) = m.get("properties")
        && let Some(p) = props.get(d)
    {
        let mut props = props.clone();
        if matches!(case, Case::Absent) {
            // Nothing applies to an absent property.
            props.remove(d);
        } else {
            match decide(overlap::resolve(doc, p), case, constants) {
                Some(false) => return Value::Bool(false),
                // Still declared, so that `additionalProperties` keeps off it.
                Some(true) => {
                    props.insert(d.to_owned(), Value::Bool(true));
                }
                None => {}
            }
        }
        out.insert("properties".to_owned(), Value::Object(props));
    }
    Value::Object(out)
}

/// The keywords that assert something of objects only (every other value meets them).
const OBJECT_KEYWORDS: [&str; 11] = [
    "properties",
    "required",
    "additionalProperties",
    "patternProperties",
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "dependentSchemas",
    "propertyNames",
    "unevaluatedProperties",
    "dependencies",
];

/// The branches (`oneOf`, `anyOf`) or parts (`allOf`) of a combinator specialized to a case
/// (see [`specialize`]).
enum Pruned {
    /// The combinator holds of no value in the case.
    Never,
    /// It holds of every value in the case.
    Always,
    /// The branches or parts that are left (specialized), for the values in the case.
    Live(Vec<Value>),
}

/// [`Pruned`] for the branches of `key` (`oneOf`, `anyOf` or `allOf`).
fn prune(
    doc: &Value,
    key: &str,
    branches: &[Value],
    (d, case, constants): (&str, &Case, &[Value]),
    depth: usize,
) -> Pruned {
    let specialized = branches
        .iter()
        .map(|b| specialize(doc, b, (d, case, constants), depth));
    if key == "allOf" {
        let mut live = Vec::new();
        for part in specialized {
            if part == Value::Bool(false) {
                return Pruned::Never;
            }
            if !trivially_true(&part) {
                live.push(part);
            }
        }
        return if live.is_empty() {
            Pruned::Always
        } else {
            Pruned::Live(live)
        };
    }
    let live: Vec<Value> = specialized.filter(|b| b != &Value::Bool(false)).collect();
    let always = live.iter().filter(|b| trivially_true(b)).count();
    match live.as_slice() {
        [] => Pruned::Never,
        // Every value is in two branches: none is in exactly one.
        _ if key == "oneOf" && always >= 2 => Pruned::Never,
        // Every value is in some branch.
        _ if key == "anyOf" && always >= 1 => Pruned::Always,
        _ => Pruned::Live(live),
    }
}

/// Whether `v` holds of every value: `true`, or keywords that assert nothing (annotations,
/// properties whose schemas are all `true` or `{}`).
fn trivially_true(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Object(m) => m.iter().all(|(k, x)| {
            overlap::annotation(k)
                || never_asserts(k)
                || (k == "properties"
                    && x.as_object().is_some_and(|ps| {
                        ps.values().all(|p| {
                            p == &Value::Bool(true) || p.as_object().is_some_and(Map::is_empty)
                        })
                    }))
        }),
        _ => false,
    }
}

/// One side of [`Prover::by_cases`]: its keywords and each branch of its `oneOf`/`anyOf`
/// specialized to `case`; a disjunction left with one branch becomes that branch, one left
/// with none makes the side `false`.
fn specialize_side(
    doc: &Value,
    m: &Map<String, Value>,
    d: &str,
    case: &Case,
    constants: &[Value],
) -> Value {
    let rest: Map<String, Value> = m
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "oneOf" | "anyOf"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let Value::Object(mut out) = specialize(doc, &Value::Object(rest), (d, case, constants), 0)
    else {
        return Value::Bool(false);
    };
    let mut parts: Vec<Value> = Vec::new();
    for key in ["oneOf", "anyOf"] {
        let Some(branches) = m.get(key).and_then(Value::as_array) else {
            continue;
        };
        match prune(doc, key, branches, (d, case, constants), 0) {
            Pruned::Never => return Value::Bool(false),
            Pruned::Always => {}
            Pruned::Live(mut live) if live.len() == 1 => parts.append(&mut live),
            Pruned::Live(live) => {
                out.insert(key.to_owned(), Value::Array(live));
            }
        }
    }
    if !parts.is_empty() {
        let mut all = match out.remove("allOf") {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        };
        all.extend(parts);
        out.insert("allOf".to_owned(), Value::Array(all));
    }
    Value::Object(out)
}

/// Most schemas [`inline_refs`] copies in for one schema.
const INLINED: usize = 256;

/// `s` (a schema of `doc`) with every local reference replaced by the schema it names, so
/// that it means the same in any document; `None` for a reference cycle, a reference that
/// does not resolve, a keyword resolved against another base, or more than [`INLINED`]
/// references. Values of `const`, `enum`, `default` and `examples` are data, copied as
/// they are.
fn inline_refs(doc: &Value, s: &Value, depth: usize, spent: &mut usize) -> Option<Value> {
    if depth > 32 {
        return None;
    }
    match s {
        Value::Object(m) => {
            // Maps from names to schemas.
            let named = |k: &str| {
                matches!(
                    k,
                    "properties" | "patternProperties" | "dependentSchemas" | "$defs"
                )
            };
            let mut out = Map::new();
            let mut parts: Vec<Value> = Vec::new();
            for (k, v) in m {
                match k.as_str() {
                    "$ref" => {
                        *spent += 1;
                        if *spent > INLINED {
                            return None;
                        }
                        let target = resolve_ref(doc, v.as_str()?)?;
                        parts.push(inline_refs(doc, target, depth + 1, spent)?);
                    }
                    "$dynamicRef" | "$recursiveRef" | "$id" | "$anchor" | "$dynamicAnchor" => {
                        return None;
                    }
                    "const" | "enum" | "default" | "examples" => {
                        out.insert(k.clone(), v.clone());
                    }
                    _ if named(k) && v.is_object() => {
                        let mut schemas = Map::new();
                        for (name, x) in v.as_object()? {
                            schemas.insert(name.clone(), inline_refs(doc, x, depth + 1, spent)?);
                        }
                        out.insert(k.clone(), Value::Object(schemas));
                    }
                    _ => {
                        out.insert(k.clone(), inline_refs(doc, v, depth + 1, spent)?);
                    }
                }
            }
            if !parts.is_empty() {
                if let Some(Value::Array(all)) = out.remove("allOf") {
                    parts.extend(all);
                }
                out.insert("allOf".to_owned(), Value::Array(parts));
            }
            Some(Value::Object(out))
        }
        Value::Array(items) => items
            .iter()
            .map(|v| inline_refs(doc, v, depth + 1, spent))
            .collect::<Option<Vec<Value>>>()
            .map(Value::Array),
        other => Some(other.clone()),
    }
}

/// Every reading of `bits` with each unknown (`None`) bit set and clear.
fn both_ways(bits: &[Option<bool>]) -> Vec<Vec<bool>> {
    let mut out: Vec<Vec<bool>> = vec![Vec::with_capacity(bits.len())];
    for b in bits {
        if let Some(v) = b {
            for o in &mut out {
                o.push(*v);
            }
        } else {
            let mut set = out.clone();
            for o in &mut out {
                o.push(false);
            }
            for o in &mut set {
                o.push(true);
            }
            out.extend(set);
        }
    }
    out
}

/// The schemas one side applies to a property name: its declared schema and those of the
/// patterns it matches (`bits`, over `texts`), or `rest` (`additionalProperties`) when none.
fn class_parts<'v>(
    own: Option<&'v Value>,
    pp: &'v Map<String, Value>,
    texts: &[&str],
    bits: &[bool],
    rest: &'v Value,
) -> Vec<&'v Value> {
    let mut out: Vec<&Value> = own.into_iter().collect();
    for (p, &b) in texts.iter().zip(bits) {
        if b && let Some(s) = pp.get(*p) {
            out.push(s);
        }
    }
    if out.is_empty() {
        out.push(rest);
    }
    out
}

/// Whether both sides name the same `patternProperties` patterns (their schemas may differ).
fn same_patterns(am: &Map<String, Value>, bm: &Map<String, Value>) -> bool {
    match (am.get("patternProperties"), bm.get("patternProperties")) {
        (Some(Value::Object(pa)), Some(Value::Object(pb))) => {
            pa.len() == pb.len() && pa.keys().all(|k| pb.contains_key(k))
        }
        _ => false,
    }
}

/// A `propertyNames` schema read on strings only.
fn string_domain(s: &Value) -> Value {
    match s {
        Value::Object(m) => {
            // Names are strings: an untyped schema reads as a string schema; a typed one keeps
            // its type (a non-string type rejects every name).
            let mut m = m.clone();
            m.entry("type".to_owned())
                .or_insert_with(|| Value::String("string".to_owned()));
            Value::Object(m)
        }
        Value::Bool(true) => serde_json::json!({"type": "string"}),
        other => other.clone(),
    }
}

/// The first place two documents differ: a pointer and the keyword there.
pub(crate) fn first_difference(a: &Value, b: &Value) -> (String, String) {
    let mut pointer = String::new();
    let mut cur_a = a;
    let mut cur_b = b;
    let mut last_key = String::from("$schema");
    for _ in 0..256 {
        let (Value::Object(ma), Value::Object(mb)) = (cur_a, cur_b) else {
            return (pointer, last_key);
        };
        let mut keys: Vec<&String> = ma
            .keys()
            .chain(mb.keys())
            .filter(|k| !never_asserts(k))
            .collect();
        keys.sort();
        keys.dedup();
        let Some(k) = keys.into_iter().find(|k| ma.get(*k) != mb.get(*k)) else {
            return (pointer, last_key);
        };
        pointer.push('/');
        pointer.push_str(&escape(k));
        if let (Some(x @ Value::Object(_)), Some(y @ Value::Object(_))) = (ma.get(k), mb.get(k)) {
            last_key.clone_from(k);
            cur_a = x;
            cur_b = y;
        } else {
            return (pointer, k.clone());
        }
    }
    (pointer, last_key)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn proves(a: &Value, b: &Value) -> bool {
        matches!(subset(a, b, &Budgets::default()), Outcome::Proved)
    }

    #[test]
    fn pattern_inclusion_by_dfa() {
        let a = json!({"type": "string", "pattern": "^ab[0-9]+$"});
        let b = json!({"type": "string", "pattern": "^a"});
        assert!(proves(&a, &b));
        assert!(!proves(&b, &a));
    }

    #[test]
    fn pattern_properties_by_classes_of_names() {
        // Names split differently on each side: every class fits.
        let narrow = json!({"type": "object", "additionalProperties": false, "patternProperties": {
            "^a[0-9]$": {"type": "integer"}, "^b": {"type": "string", "maxLength": 3}}});
        let wide = json!({"type": "object", "additionalProperties": false, "patternProperties": {
            "^[ab]": {"type": ["integer", "string"]}}});
        assert!(proves(&narrow, &wide));
        // The other way, `ax` is a name `narrow` rejects.
        assert!(!proves(&wide, &narrow));
        // A name in both patterns meets both schemas: their conjunction fits.
        let both = json!({"type": "object", "patternProperties": {
            "^x": {"type": "integer"}, "y$": {"minimum": 0}}});
        let wider = json!({"type": "object", "patternProperties": {
            "^xy$": {"type": "integer", "minimum": 0}, "^x": {"type": "number"}}});
        assert!(proves(&both, &wider));
        // Near miss: `xy` alone under `^x` may be negative.
        let near = json!({"type": "object", "patternProperties": {"^x": {"type": "integer"}}});
        assert!(!proves(&near, &wider));
        // A new pattern on the wider side constrains names the narrower side left open.
        let open = json!({"type": "object", "patternProperties": {"^a$": {"type": "string"}}});
        let closed_b = json!({"type": "object", "patternProperties": {
            "^a$": {"type": "string"}, "^b$": {"type": "string"}}});
        assert!(proves(&closed_b, &open));
        assert!(!proves(&open, &closed_b));
    }

    #[test]
    fn declared_names_meet_the_patterns_they_match() {
        // `ab` is declared and matches `^a` on the narrower side: both schemas apply to it.
        let narrow = json!({"type": "object", "additionalProperties": false,
            "properties": {"ab": {"minimum": 0}}, "patternProperties": {"^a": {"type": "integer"}}});
        let wide = json!({"type": "object", "additionalProperties": false,
            "properties": {"ab": {"type": "integer", "minimum": 0}},
            "patternProperties": {"^a": {"type": "number"}, "^c": {"type": "string"}}});
        assert!(proves(&narrow, &wide));
        let loose = json!({"type": "object", "additionalProperties": false,
            "properties": {"ab": {}}, "patternProperties": {"^a": {"type": "integer"}}});
        assert!(!proves(&loose, &wide));
    }

    #[test]
    fn patterns_the_dfas_cannot_express_are_read_both_ways() {
        // The same lookahead pattern on both sides: its schema narrowing is enough.
        let narrow = json!({"type": "object", "properties": {"python": {"type": "string"}},
            "patternProperties": {"^(?!python$)[a-z]+$": {"type": "integer"}}});
        let wide = json!({"type": "object", "properties": {"python": {"type": "string"}},
            "patternProperties": {"^(?!python$)[a-z]+$": {"type": "number"}}});
        assert!(proves(&narrow, &wide));
        assert!(!proves(&wide, &narrow));
        // `python` is declared and the validator tells it does not match: only its own schema
        // applies there, so a string fits even though the pattern asks for numbers.
        let declared = json!({"type": "object", "properties": {"python": {"type": "string"}},
            "additionalProperties": false});
        let excluded = json!({"type": "object", "properties": {"python": {"type": "string"}},
            "patternProperties": {"^(?!python$)[a-z]+$": {"type": "number"}}});
        assert!(proves(&declared, &excluded));
        // Near miss: a pattern that does match `python` asks for a number there too.
        let matching = json!({"type": "object", "properties": {"python": {"type": "string"}},
            "patternProperties": {"^(?!java$)[a-z]+$": {"type": "number"}}});
        assert!(!proves(&declared, &matching));
        // A lookahead pattern on one side only is either way for each class: not a proof when
        // the other side constrains some names differently.
        let one_sided = json!({"type": "object", "additionalProperties": false,
            "patternProperties": {"^(?!b)[a-z]+$": {"type": "string"}}});
        let other = json!({"type": "object", "additionalProperties": false,
            "patternProperties": {"^[a-z]+$": {"type": "string"}}});
        assert!(!proves(&other, &one_sided));
        let open = json!({"type": "object",
            "patternProperties": {"^[a-z]+$": {"type": "string"}}});
        assert!(proves(&one_sided, &open));
    }

    #[test]
    fn one_of_branches_a_value_is_not_in_stay_excluded() {
        // The branches overlap (`{"x": 1, "y": 1}` is in both), so only the narrower side's
        // `oneOf` tells that a value of one branch is not in the other.
        let two = json!({"type": "object", "oneOf": [{"required": ["x"]}, {"required": ["y"]}]});
        let three = json!({"type": "object",
            "oneOf": [{"required": ["x"]}, {"required": ["y"]}, {"type": "string"}]});
        assert!(proves(&two, &three));
        // Near miss: with `anyOf` on the narrower side, `{"x": 1, "y": 1}` is in two branches.
        let any = json!({"type": "object", "anyOf": [{"required": ["x"]}, {"required": ["y"]}]});
        assert!(!proves(&any, &three));
        // Near miss: an excluded branch only excludes itself, not a wider one.
        let wider = json!({"type": "object",
            "oneOf": [{"required": ["x"]}, {"required": ["y"]}, {"minProperties": 2}]});
        assert!(!proves(&two, &wider));
    }

    #[test]
    fn a_union_refactored_beside_its_properties() {
        // The branches' property schemas moved beside the `oneOf`: a value with both `uses`
        // and `run` is in both branches either way.
        let props = json!({"uses": {"type": "string"}, "run": {"type": "string"},
            "id": {"type": "string"}});
        let old = json!({"allOf": [
            {"oneOf": [
                {"type": "object", "properties": {"uses": {"type": "string"}}, "required": ["uses"]},
                {"type": "object", "properties": {"run": {"type": "string"}}, "required": ["run"]}]},
            {"type": "object", "properties": props, "additionalProperties": false}]});
        let new = json!({"type": "object", "properties": props, "additionalProperties": false,
            "oneOf": [{"required": ["uses"]}, {"required": ["run"]}]});
        assert!(proves(&old, &new));
        assert!(proves(&new, &old));
        // Near miss: with `anyOf`, `{"uses": "a", "run": "b"}` is new only.
        let any = json!({"type": "object", "properties": props, "additionalProperties": false,
            "anyOf": [{"required": ["uses"]}, {"required": ["run"]}]});
        assert!(!proves(&any, &old));
        // Near miss: a branch's own property schema that the rest does not imply is not
        // implied (`{"run": 1, "uses": "a"}` is in the first branch only, old side).
        let loose = json!({"allOf": [
            {"oneOf": [
                {"type": "object", "properties": {"uses": {"type": "string"}}, "required": ["uses"]},
                {"type": "object", "properties": {"run": {"type": "string"}}, "required": ["run"]}]},
            {"type": "object", "properties": {"uses": {}, "run": {}},
                "additionalProperties": false}]});
        let loose_new = json!({"type": "object", "properties": {"uses": {}, "run": {}},
            "additionalProperties": false,
            "oneOf": [{"required": ["uses"]}, {"required": ["run"]}]});
        assert!(!proves(&loose, &loose_new));
    }

    #[test]
    fn a_new_closed_branch_beside_closed_branches_of_one_key() {
        // `{}` is in every branch (no `required`), so a value of one branch is in no other; the
        // new branch, defined only in the new document, holds none of the old keys.
        let one = |key: &str, r: &str| {
            json!({"properties": {key: {"$ref": format!("#/$defs/{r}")}},
                "additionalProperties": false})
        };
        let defs = json!({"a": {"type": "object", "properties": {"p": {"type": "string"}}},
            "b": {"type": "object"}});
        let mut new_defs = defs.clone();
        new_defs["c"] = json!({"type": "object", "required": ["q"]});
        let old = json!({"$defs": defs, "type": "object",
            "oneOf": [one("a", "a"), one("b", "b")]});
        let new = json!({"$defs": new_defs, "type": "object",
            "oneOf": [one("a", "a"), one("b", "b"), one("c", "c")]});
        assert!(proves(&old, &new));
        // Near miss: an open new branch holds `{"a": {}}` too.
        let open = json!({"$defs": new_defs, "type": "object", "oneOf": [one("a", "a"),
            one("b", "b"), {"properties": {"c": {"$ref": "#/$defs/c"}}}]});
        assert!(!proves(&old, &open));
    }

    #[test]
    fn a_finite_pattern_reads_as_its_strings() {
        let pattern = json!({"type": "string", "pattern": "^(Linux|Windows|Darwin|All)$"});
        let members = json!({"enum": ["Windows", "Darwin", "Linux", "All", "Other"]});
        assert!(proves(&pattern, &members));
        // Near misses: a string outside the enumeration, a pattern with infinitely many
        // strings, a narrower side that also admits numbers.
        let fewer = json!({"enum": ["Windows", "Darwin", "Linux"]});
        assert!(!proves(&pattern, &fewer));
        let open = json!({"type": "string", "pattern": "^(Linux|Windows|Darwin|All)"});
        assert!(!proves(&open, &members));
        let untyped = json!({"type": ["string", "number"], "pattern": "^(Linux|All)$"});
        assert!(!proves(&untyped, &members));
        // Booleans and null are finitely many by their type.
        let flags = json!({"type": ["boolean", "null"]});
        assert!(proves(&flags, &json!({"enum": ["x", true, false, null]})));
        assert!(!proves(&flags, &json!({"enum": ["x", true, false]})));
    }

    #[test]
    fn tagged_unions_split_by_the_tag() {
        // The branches overlap without the tag (no `required`), so only the split decides.
        let old = json!({"type": "object", "oneOf": [
            {"not": {"required": ["k"], "properties": {"k": {"enum": ["a", "b"]}}}},
            {"properties": {"k": {"const": "a"}, "n": {"type": "integer"}}},
            {"properties": {"k": {"const": "b"}}}]});
        let new = json!({"type": "object", "oneOf": [
            {"not": {"required": ["k"], "properties": {"k": {"enum": ["a", "b", "c"]}}}},
            {"properties": {"k": {"const": "a"}, "n": {"type": "number"}}},
            {"properties": {"k": {"const": "b"}}},
            {"properties": {"k": {"const": "c"}}}]});
        assert!(proves(&old, &new));
        // `{"k": "a", "n": 0.5}` is new only.
        assert!(!proves(&new, &old));
        // Near miss: the new tag's branch asks for more than the old catch-all gave.
        let stricter = json!({"type": "object", "oneOf": [
            {"not": {"required": ["k"], "properties": {"k": {"enum": ["a", "b", "c"]}}}},
            {"properties": {"k": {"const": "a"}, "n": {"type": "number"}}},
            {"properties": {"k": {"const": "b"}}},
            {"properties": {"k": {"const": "c"}}, "required": ["x"]}]});
        assert!(!proves(&old, &stricter));
    }

    #[test]
    fn nested_tagged_unions_with_a_catch_all() {
        let old = json!({"type": "object", "required": ["t"], "oneOf": [
            {"properties": {"t": {"not": {"enum": ["a", "b"]}}}},
            {"oneOf": [
                {"properties": {"t": {"const": "a"}, "x": {"type": "string"}}},
                {"properties": {"t": {"const": "b"}}}]}]});
        let new = json!({"type": "object", "required": ["t"], "oneOf": [
            {"properties": {"t": {"not": {"enum": ["a", "b", "c"]}}}},
            {"oneOf": [
                {"properties": {"t": {"const": "a"}, "x": {"type": "string"}}},
                {"properties": {"t": {"const": "b"}}},
                {"properties": {"t": {"const": "c"}}}]}]});
        assert!(proves(&old, &new));
        assert!(proves(&new, &old));
        // Near miss: the new tag's branch narrows what the catch-all admitted.
        let narrower = json!({"type": "object", "required": ["t"], "oneOf": [
            {"properties": {"t": {"not": {"enum": ["a", "b", "c"]}}}},
            {"oneOf": [
                {"properties": {"t": {"const": "a"}, "x": {"type": "string"}}},
                {"properties": {"t": {"const": "b"}}},
                {"properties": {"t": {"const": "c"}, "x": {"type": "string"}}}]}]});
        assert!(!proves(&old, &narrower));
    }

    #[test]
    fn tagged_conditions_split_by_the_tag() {
        // Each branch holds unless its condition does: with two or more conditions on one tag,
        // every value fails all but one, so the `anyOf` holds of every value.
        let cases = |versions: &[&str]| {
            let branches: Vec<Value> = versions
                .iter()
                .map(|v| {
                    json!({"if": {"properties": {"version": {"const": v}}},
                    "then": {"required": [format!("x{v}")]}})
                })
                .collect();
            json!({"type": "object", "required": ["version"],
                "properties": {"version": {"enum": versions}}, "anyOf": branches})
        };
        assert!(proves(&cases(&["1", "2"]), &cases(&["1", "2", "3"])));
        assert!(!proves(&cases(&["1", "2", "3"]), &cases(&["1", "2"])));
        // Near miss: one condition alone holds its `then` for its own tag.
        let one = json!({"type": "object", "required": ["version"],
            "properties": {"version": {"enum": ["1", "2"]}}, "anyOf": [
                {"if": {"properties": {"version": {"const": "1"}}}, "then": {"required": ["x"]}},
                {"required": ["y"]}]});
        let open = json!({"type": "object", "required": ["version"],
            "properties": {"version": {"enum": ["1", "2"]}}});
        assert!(!proves(&open, &one));
        assert!(proves(&one, &open));
    }

    #[test]
    fn tagged_unions_tagged_inside_all_of() {
        // Each branch names its tag in an `allOf` part (as branches built from shared
        // definitions do); `c` moved out of the catch-all into a branch of its own.
        let tag = |t: Value| json!({"allOf": [{"properties": {"t": t}}]});
        let narrow = json!({"type": "object", "required": ["t"], "oneOf": [
            tag(json!({"not": {"enum": ["a"]}})),
            {"allOf": [{"properties": {"t": {"const": "a"}}}], "required": ["x"]}]});
        let wide = |c_branch: Value| {
            json!({"type": "object", "required": ["t"], "oneOf": [
                tag(json!({"not": {"enum": ["a", "c"]}})),
                {"allOf": [{"properties": {"t": {"const": "a"}}}], "required": ["x"]},
                c_branch]})
        };
        assert!(proves(&narrow, &wide(tag(json!({"const": "c"})))));
        // Near miss: `{"t": "c"}` was in the catch-all, and the new branch asks for `y`.
        let stricter = json!({"allOf": [{"properties": {"t": {"const": "c"}}}],
            "required": ["y"]});
        assert!(!proves(&narrow, &wide(stricter)));
    }

    #[test]
    fn versions_pinned_against_versions_matched_by_pattern() {
        // The old side pins each version by a constant, the new side matches it by a pattern:
        // `2.0.0` is not matched by `^2.1.0$`, so the old `2.0.0` documents are in one branch.
        let versioned = |v: Value, extra: &str| {
            json!({"type": "object", "required": ["version"], "additionalProperties": false,
                "properties": {"version": v, extra: {"type": "string"}}})
        };
        let old = json!({"oneOf": [
            {"allOf": [{"properties": {"version": {"const": "1.0.0"}}},
                versioned(json!({"type": "string", "pattern": "^1.0.0$"}), "a")]},
            {"allOf": [{"properties": {"version": {"const": "2.0.0"}}},
                versioned(json!({"type": "string", "pattern": "^2.0.0$"}), "b")]}]});
        let new = |pattern: &str| {
            json!({"oneOf": [
                versioned(json!({"type": "string", "pattern": pattern}), "c"),
                versioned(json!({"type": "string", "pattern": "^2.0.0$"}), "b"),
                versioned(json!({"type": "string", "pattern": "^1.0.0$"}), "a")]})
        };
        assert!(proves(&old, &new("^2.1.0$")));
        // Near miss: a pattern matching `2.0.0` too makes those documents two branches'.
        assert!(!proves(&old, &new("^2.[01].0$")));
    }

    #[test]
    fn one_of_patterns_disjoint_by_their_languages() {
        let can = json!({"type": "string", "pattern": "^.*\\.[Cc][Aa][Nn]$"});
        let files = json!({"type": "string", "oneOf": [
            {"pattern": "^.*\\.[Cc][Ss]$"}, {"pattern": "^.*\\.[Cc][Aa][Nn]$"},
            {"pattern": "^.*\\.[Cc][Aa][Nn][Ee][Nn][Cc][Rr]$"}]});
        assert!(proves(&can, &files));
        // Near miss: `x.can` matches two branches here.
        let overlapping = json!({"type": "string", "oneOf": [
            {"pattern": "^.*\\.[Cc][Aa][Nn]$"}, {"pattern": "can$"}]});
        assert!(!proves(&can, &overlapping));
    }

    #[test]
    fn dependent_schemas_of_the_wider_side() {
        let narrow = json!({"type": "object", "dependentSchemas": {"a": {"required": ["b", "c"]}}});
        let wide = json!({"type": "object", "dependentSchemas": {"a": {"required": ["b"]}}});
        assert!(proves(&narrow, &wide));
        assert!(!proves(&wide, &narrow));
        // Without its own dependent schema, the whole narrower side must fit.
        let closed = json!({"type": "object", "required": ["b"]});
        assert!(proves(&closed, &wide));
        let open = json!({"type": "object"});
        assert!(!proves(&open, &wide));
    }

    #[test]
    fn a_negation_holds_of_a_side_sharing_no_value_with_it() {
        let closed = json!({"type": "object", "additionalProperties": false,
            "properties": {"a": {"type": "string"}, "b": {"type": "string"}}});
        let not_c = json!({"type": "object", "not": {"required": ["c"]}});
        assert!(proves(&closed, &not_c));
        // Near miss: `{"b": ""}` holds `b`.
        let not_b = json!({"type": "object", "not": {"required": ["b"]}});
        assert!(!proves(&closed, &not_b));
    }

    #[test]
    fn dependent_schemas_of_a_property_the_narrower_side_never_holds() {
        // Mutually exclusive completions: the narrower side has no `dotnet` at all.
        let narrow = json!({"type": "object", "additionalProperties": false,
            "properties": {"capl": {"type": "string"}},
            "dependentSchemas": {"capl": {"not": {"required": ["dotnet"]}}}});
        let wide = json!({"type": "object", "additionalProperties": false,
            "properties": {"capl": {"type": "string"}, "dotnet": {"type": "string"}},
            "dependentSchemas": {
                "capl": {"not": {"required": ["dotnet"]}},
                "dotnet": {"not": {"required": ["capl"]}}}});
        assert!(proves(&narrow, &wide));
        // `{"capl": "", "dotnet": ""}` is in neither; `{"dotnet": ""}` only in the wide one.
        assert!(!proves(&wide, &narrow));
        // Near miss: a narrower side that may hold `dotnet` beside `capl`.
        let open = json!({"type": "object", "additionalProperties": false,
            "properties": {"capl": {"type": "string"}, "dotnet": {"type": "string"}}});
        assert!(!proves(&open, &wide));
    }

    #[test]
    fn unknown_formats_assert_nothing() {
        let plain = json!({"type": "string", "enum": ["a", "b"]});
        let unknown = json!({"type": "string", "format": "permission"});
        assert!(proves(&plain, &unknown));
        // Near miss: a format the validator knows does narrow.
        let known = json!({"type": "string", "format": "email"});
        assert!(!proves(&plain, &known));
    }

    #[test]
    fn recursion_is_coinductive() {
        let a = json!({"$defs": {"n": {"type": "object", "properties": {"v": {"type": "integer"}, "next": {"$ref": "#/$defs/n"}}}}, "$ref": "#/$defs/n"});
        let b = json!({"$defs": {"n": {"type": "object", "properties": {"v": {"type": "number"}, "next": {"$ref": "#/$defs/n"}}}}, "$ref": "#/$defs/n"});
        assert!(proves(&a, &b));
        assert!(!proves(&b, &a));
    }

    #[test]
    fn closed_objects_and_multiple_of() {
        let closed = json!({"type": "object", "properties": {"a": {"type": "integer", "multipleOf": 4}}, "additionalProperties": false});
        let open = json!({"type": "object", "properties": {"a": {"type": "integer", "multipleOf": 2}, "b": {"type": "string"}}});
        assert!(proves(&closed, &open));
        assert!(!proves(&open, &closed));
    }

    #[test]
    fn a_failing_rest_beside_all_of_is_not_a_proof() {
        // Found by the property tests: the untyped rest of an `allOf` schema must not pass.
        let a = json!({"allOf": [{"type": "object", "minProperties": 1}]});
        let b = json!({"type": "string"});
        assert!(!proves(&a, &b));
    }

    #[test]
    fn property_names_keep_their_type() {
        // Found by the property tests: `propertyNames: {type: integer}` rejects every name.
        let a = json!({"type": "object", "minProperties": 2, "propertyNames": {"maxLength": 3}});
        let b = json!({"type": "object", "minProperties": 2, "propertyNames": {"type": "integer"}});
        assert!(!proves(&a, &b));
    }

    #[test]
    fn a_combinator_both_sides_hold_leaves_the_rest() {
        let one_of = json!([{"required": ["x"]}, {"required": ["y"]}]);
        let a = json!({"type": "object", "properties": {"p": {"maxLength": 3}}, "oneOf": one_of});
        let b = json!({"type": "object", "properties": {"p": {"maxLength": 5}}, "oneOf": one_of});
        assert!(proves(&a, &b));
        assert!(!proves(&b, &a));
        // Not when the wider side's branches differ.
        let c = json!({"type": "object", "oneOf": [{"required": ["x"]}, {"required": ["z"]}]});
        assert!(!proves(&a, &c));
    }

    #[test]
    fn an_unchanged_definition_is_the_same_set_though_others_changed() {
        let doc = |p: Value, t: Value| {
            json!({
                "$defs": {
                    "one": {"type": "object", "oneOf": [{"$ref": "#/$defs/p"}, {"required": ["q"]}]},
                    "p": p,
                    "t": t
                },
                "type": "object",
                "properties": {"x": {"$ref": "#/$defs/one"}, "y": {"$ref": "#/$defs/t"}}
            })
        };
        let p = json!({"required": ["p"]});
        let a = doc(p.clone(), json!({"type": "string"}));
        let b = doc(p.clone(), json!({"type": ["string", "null"]}));
        assert!(proves(&a, &b));
        // A definition the shared text reaches changed: not the same set (`{"x": {"p": "s"}}`
        // is in `e`, not in `f`).
        let typed = json!({"required": ["p"], "properties": {"p": {"type": "integer"}}});
        let e = doc(p, json!({"type": "string"}));
        let f = doc(typed, json!({"type": "string"}));
        assert!(!proves(&e, &f));
    }

    #[test]
    fn undecided_names_the_keyword() {
        let a = json!({"type": "string"});
        let b = json!({"type": "string", "pattern": "(?=a)"});
        match subset(&a, &b, &Budgets::default()) {
            Outcome::Undecided(r) => {
                assert_eq!(r.keyword, "pattern");
                assert_eq!(r.pointer, "/pattern");
            }
            Outcome::Proved => panic!("lookahead cannot be proved"),
        }
    }
}
