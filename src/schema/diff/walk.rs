//! The parallel walk over an old and a new schema document.
//!
//! The walk visits pairs of subschemas that stand in the same place, asks each keyword
//! family to compare them, and collects changes. Effects are stated for the whole
//! document: under `not` a narrowing subschema widens the document, under `if` or `oneOf`
//! the direction cannot be told structurally. `$ref` targets are compared once per pair
//! of definitions, so recursive schemas terminate and a shared definition costs once.

use std::collections::HashSet;

use serde_json::Value;

use super::node::{self, Doc, Located, Node};
use super::{Change, Effect, array, combinators, enum_, meta, number, object, ref_, string, type_};
use crate::rules::RuleId;
use crate::schema::Draft;

/// Deepest nesting of subschemas the walk follows; deeper parts are reported as unknown.
const MAX_DEPTH: usize = 96;

/// How a subschema's accepted set relates to the document's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Polarity {
    /// Monotone: a narrower subschema narrows the document.
    Monotone,
    /// Antitone (under `not`): a narrower subschema widens the document.
    Antitone,
    /// Neither (under `if`, `oneOf`): the direction is unknown.
    Unknown,
}

impl Polarity {
    /// The polarity of a subschema with polarity `inner` inside a context of `self`.
    pub(crate) fn then(self, inner: Polarity) -> Polarity {
        match (self, inner) {
            (Polarity::Unknown, _) | (_, Polarity::Unknown) => Polarity::Unknown,
            (Polarity::Monotone, p) => p,
            (Polarity::Antitone, Polarity::Monotone) => Polarity::Antitone,
            (Polarity::Antitone, Polarity::Antitone) => Polarity::Monotone,
        }
    }

    fn apply(self, e: Effect) -> Effect {
        match (self, e) {
            (_, Effect::None) | (Polarity::Monotone, _) => e,
            (Polarity::Antitone, Effect::Narrows) => Effect::Widens,
            (Polarity::Antitone, Effect::Widens) => Effect::Narrows,
            (Polarity::Antitone, other) => other,
            (Polarity::Unknown, _) => Effect::Unknown,
        }
    }
}

/// Rule IDs for a subschema keyword whose absence means `true`.
pub(crate) struct OpenKeywordRules {
    /// The keyword became `false` (only when `false` is a meaningful closure).
    pub closed: Option<RuleId>,
    /// The keyword was `false` and is not any more.
    pub opened: Option<RuleId>,
    /// A constraint appeared where there was none.
    pub narrowed: RuleId,
    /// A constraint disappeared.
    pub widened: RuleId,
}

/// State of one structural diff.
pub(crate) struct Walker<'a> {
    old_doc: Doc<'a>,
    new_doc: Doc<'a>,
    /// Changes found so far, unsorted.
    pub out: Vec<Change>,
    visited: HashSet<(String, String, Polarity)>,
    depth: usize,
    pol: Polarity,
}

impl<'a> Walker<'a> {
    /// A diff of two whole documents; a document without `$schema` is of `default_draft`.
    pub(crate) fn new(old_root: &'a Value, new_root: &'a Value, default_draft: Draft) -> Self {
        Self {
            old_doc: Doc::new(old_root, default_draft),
            new_doc: Doc::new(new_root, default_draft),
            out: Vec::new(),
            visited: HashSet::new(),
            depth: 0,
            pol: Polarity::Monotone,
        }
    }

    /// The old document.
    pub(crate) fn old_doc(&self) -> &Doc<'a> {
        &self.old_doc
    }

    /// The new document.
    pub(crate) fn new_doc(&self) -> &Doc<'a> {
        &self.new_doc
    }

    /// Records a change; `effect` is the local effect, turned into the document's effect
    /// by the current polarity.
    pub(crate) fn emit(
        &mut self,
        rule_id: RuleId,
        pointer: &str,
        old: Option<&Value>,
        new: Option<&Value>,
        effect: Effect,
        message: String,
    ) {
        self.out.push(Change {
            rule_id,
            pointer: pointer.to_owned(),
            old: old.cloned(),
            new: new.cloned(),
            effect: self.pol.apply(effect),
            message,
        });
    }

    /// Compares the subschemas at `o` and `n`, which sit at a position of polarity `pol`
    /// relative to the current one.
    pub(crate) fn walk(&mut self, o: Located<'a>, n: Located<'a>, pol: Polarity) {
        let saved = self.pol;
        self.pol = saved.then(pol);
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.emit(
                RuleId::DepthLimitReached,
                &o.ptr,
                None,
                None,
                Effect::Unknown,
                format!("subschemas nested deeper than {MAX_DEPTH} levels were not compared"),
            );
        } else if node::same_and_self_contained(o.value, n.value) {
            // Equal and free of references: nothing to find (keeps the walk linear in
            // the size of what changed).
        } else {
            let mut on = node::build(&self.old_doc, o.clone(), &[]);
            let mut nn = node::build(&self.new_doc, n.clone(), &[]);
            // Fold a combinator only when both sides can: when one side keeps it, the
            // other is compared member by member too.
            // A folded `allOf` is also kept when the other side switched to `anyOf` or
            // `oneOf`, so the switch is reported as one change.
            let keep = |a: &Node<'a>, b: &Node<'a>| -> Vec<&'static str> {
                let has = |x: &Node<'a>, k: &str| x.kw.contains_key(k);
                let switched = !has(b, "allOf")
                    && (has(b, "anyOf") || has(b, "oneOf"))
                    && !has(a, "anyOf")
                    && !has(a, "oneOf");
                a.folded
                    .iter()
                    .copied()
                    .filter(|k| has(b, k) || (*k == "allOf" && switched))
                    .collect()
            };
            let (keep_old, keep_new) = (keep(&on, &nn), keep(&nn, &on));
            if !keep_old.is_empty() {
                on = node::build(&self.old_doc, o, &keep_old);
            }
            if !keep_new.is_empty() {
                nn = node::build(&self.new_doc, n, &keep_new);
            }
            self.compare(&on, &nn);
        }
        self.depth -= 1;
        self.pol = saved;
    }

    fn compare(&mut self, o: &Node<'a>, n: &Node<'a>) {
        ref_::diff_followed(self, o, n);
        if (!o.refs.is_empty() || !n.refs.is_empty())
            && !self
                .visited
                .insert((o.ptr.clone(), n.ptr.clone(), self.pol))
        {
            return;
        }
        match (o.boolean, n.boolean) {
            (Some(a), Some(b)) => {
                if a != b {
                    let effect = if a { Effect::Narrows } else { Effect::Widens };
                    let msg = format!("schema changed from `{a}` to `{b}`");
                    self.emit(
                        RuleId::BooleanSchemaChanged,
                        &o.ptr,
                        Some(&Value::Bool(a)),
                        Some(&Value::Bool(b)),
                        effect,
                        msg,
                    );
                }
                return;
            }
            (Some(false), None) => {
                self.emit(
                    RuleId::BooleanSchemaChanged,
                    &o.ptr,
                    Some(&Value::Bool(false)),
                    None,
                    Effect::Widens,
                    "schema `false` (nothing valid) replaced by a schema that accepts values"
                        .to_owned(),
                );
                return;
            }
            (None, Some(false)) => {
                self.emit(
                    RuleId::BooleanSchemaChanged,
                    &o.ptr,
                    None,
                    Some(&Value::Bool(false)),
                    Effect::Narrows,
                    "schema replaced by `false`: nothing is valid here any more".to_owned(),
                );
                return;
            }
            _ => {}
        }
        if o.refactors != n.refactors {
            let mut all: Vec<&str> = o.refactors.iter().chain(&n.refactors).copied().collect();
            all.sort_unstable();
            all.dedup();
            self.emit(
                RuleId::EquivalentRefactor,
                &o.ptr,
                None,
                None,
                Effect::None,
                format!("equivalent spelling: {}", all.join("; ")),
            );
        }
        meta::diff(self, o, n);
        type_::diff(self, o, n);
        enum_::diff(self, o, n);
        number::diff(self, o, n);
        string::diff(self, o, n);
        object::diff(self, o, n);
        array::diff(self, o, n);
        combinators::diff(self, o, n);
        ref_::diff_kept(self, o, n);
    }

    /// Compares two `$ref` targets once per pair (and polarity), so cycles terminate.
    pub(crate) fn walk_ref(&mut self, o: Located<'a>, n: Located<'a>, pol: Polarity) {
        let key = (o.ptr.clone(), n.ptr.clone(), self.pol.then(pol));
        if self.visited.insert(key) {
            self.walk(o, n, pol);
        }
    }

    /// Compares a count bound such as `minLength` or `maxItems`. `ids` are the rule IDs
    /// for (added, removed, increased, decreased); `default` is the value absence means.
    pub(crate) fn count_keyword(
        &mut self,
        o: &Node<'a>,
        n: &Node<'a>,
        key: &str,
        is_min: bool,
        ids: [RuleId; 4],
    ) {
        let default = match (is_min, key) {
            (true, "minContains") => Some(1.0),
            (true, _) => Some(0.0),
            (false, _) => None,
        };
        let os = o.get(key);
        let ns = n.get(key);
        let ov = os.and_then(|s| s.value.as_f64()).or(default);
        let nv = ns.and_then(|s| s.value.as_f64()).or(default);
        let ptr = os.map_or_else(|| n.kw_ptr(key), |s| s.ptr.clone());
        let oraw = os.map(|s| s.value);
        let nraw = ns.map(|s| s.value);
        let msg = |what: &str| match (oraw, nraw) {
            (Some(a), Some(b)) => format!("`{key}` {what} from `{a}` to `{b}`"),
            (Some(v), None) | (None, Some(v)) => format!("`{key}: {v}` {what}"),
            (None, None) => format!("`{key}` {what}"),
        };
        let [added, removed, increased, decreased] = ids;
        // For a lower bound a larger value narrows; for an upper bound a smaller one does.
        let tighter = |a: f64, b: f64| if is_min { b > a } else { b < a };
        match (ov, nv) {
            (None, None) => {}
            (None, Some(_)) => self.emit(added, &ptr, oraw, nraw, Effect::Narrows, msg("added")),
            (Some(_), None) => self.emit(removed, &ptr, oraw, nraw, Effect::Widens, msg("removed")),
            (Some(a), Some(b)) => {
                if (a - b).abs() < f64::EPSILON {
                    return;
                }
                let effect = if tighter(a, b) {
                    Effect::Narrows
                } else {
                    Effect::Widens
                };
                if b > a {
                    self.emit(increased, &ptr, oraw, nraw, effect, msg("increased"));
                } else {
                    self.emit(decreased, &ptr, oraw, nraw, effect, msg("decreased"));
                }
            }
        }
    }

    /// Compares a keyword holding one subschema whose absence means `true`
    /// (`additionalProperties`, `propertyNames`, `then`, ...).
    pub(crate) fn open_keyword(
        &mut self,
        o: &Node<'a>,
        n: &Node<'a>,
        key: &str,
        ids: &OpenKeywordRules,
        pol: Polarity,
    ) {
        let os = o.get(key).cloned();
        let ns = n.get(key).cloned();
        self.open_pair(os, ns, &o.kw_ptr(key), &n.kw_ptr(key), key, ids, pol);
    }

    /// [`Walker::open_keyword`] for two optional subschemas already picked out.
    #[expect(
        clippy::too_many_arguments,
        reason = "one call shape for every open keyword"
    )]
    pub(crate) fn open_pair(
        &mut self,
        os: Option<Located<'a>>,
        ns: Option<Located<'a>>,
        optr: &str,
        nptr: &str,
        label: &str,
        ids: &OpenKeywordRules,
        pol: Polarity,
    ) {
        let ov = os.as_ref().map(|s| s.value);
        let nv = ns.as_ref().map(|s| s.value);
        let o_false = ov == Some(&Value::Bool(false));
        let n_false = nv == Some(&Value::Bool(false));
        let o_true = ov.is_none_or(node::is_trivially_true);
        let n_true = nv.is_none_or(node::is_trivially_true);
        let saved = self.pol;
        self.pol = saved.then(pol);
        let ptr = if os.is_some() { optr } else { nptr };
        if let (Some(closed), true, false) = (ids.closed, n_false, o_false) {
            self.emit(
                closed,
                ptr,
                ov,
                nv,
                Effect::Narrows,
                format!("`{label}` set to `false`"),
            );
        } else if let (Some(opened), true, false) = (ids.opened, o_false, n_false) {
            self.emit(
                opened,
                ptr,
                ov,
                nv,
                Effect::Widens,
                format!("`{label}` no longer `false`"),
            );
        } else if o_true && n_true {
            // Both accept everything here (absent, `true` or annotations only).
        } else if o_true {
            self.emit(
                ids.narrowed,
                ptr,
                ov,
                nv,
                Effect::Narrows,
                format!("`{label}` constraint added"),
            );
        } else if n_true {
            self.emit(
                ids.widened,
                ptr,
                ov,
                nv,
                Effect::Widens,
                format!("`{label}` constraint removed"),
            );
        } else if let (Some(os), Some(ns)) = (os, ns) {
            self.pol = saved;
            self.walk(os, ns, pol);
        }
        self.pol = saved;
    }

    /// Compares a keyword holding one subschema whose absence is not `true`
    /// (`not`, `contains`, `if`): it is added, removed, or compared.
    pub(crate) fn presence_keyword(
        &mut self,
        o: &Node<'a>,
        n: &Node<'a>,
        key: &str,
        added: (RuleId, Effect),
        removed: (RuleId, Effect),
        pol: Polarity,
    ) {
        match (o.get(key).cloned(), n.get(key).cloned()) {
            (None, None) => {}
            (Some(os), None) => {
                self.emit(
                    removed.0,
                    &os.ptr,
                    Some(os.value),
                    None,
                    removed.1,
                    format!("`{key}` removed"),
                );
            }
            (None, Some(ns)) => {
                self.emit(
                    added.0,
                    &ns.ptr,
                    None,
                    Some(ns.value),
                    added.1,
                    format!("`{key}` added"),
                );
            }
            (Some(os), Some(ns)) => self.walk(os, ns, pol),
        }
    }
}

/// Renders a JSON value compactly for a message.
pub(crate) fn compact_json(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 80 {
        let cut: String = s.chars().take(77).collect();
        format!("{cut}...")
    } else {
        s
    }
}
