//! One subschema prepared for comparison: local `$ref`s followed, `allOf` members folded
//! into their parent where that is exact, and draft spellings read into one form.
//!
//! Nothing here copies a subschema: a [`Node`] borrows the document and remembers the
//! JSON pointer of every keyword, so reported pointers name the place a user edits.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Map, Value};

use crate::schema::{Draft, detect_draft, pointer};

/// Whether keywords beside a `$ref` are ignored (drafts up to 7).
fn ref_overrides_siblings(draft: Draft) -> bool {
    draft <= Draft::Draft7
}

/// A JSON value inside one document, with its JSON pointer.
#[derive(Debug, Clone)]
pub(crate) struct Located<'a> {
    /// The value.
    pub value: &'a Value,
    /// JSON pointer of the value in its document.
    pub ptr: String,
}

impl<'a> Located<'a> {
    /// A value at a pointer.
    pub(crate) fn new(value: &'a Value, ptr: String) -> Self {
        Self { value, ptr }
    }

    /// The child at `key` of an object value, with its pointer.
    pub(crate) fn child(&self, key: &str) -> Option<Located<'a>> {
        self.value
            .get(key)
            .map(|v| Located::new(v, format!("{}/{}", self.ptr, escape(key))))
    }

    /// The element at `index` of an array value, with its pointer.
    pub(crate) fn index(&self, index: usize) -> Option<Located<'a>> {
        self.value
            .get(index)
            .map(|v| Located::new(v, format!("{}/{index}", self.ptr)))
    }
}

pub(crate) use crate::schema::pointer::escape;

/// JSON types, `integer` kept apart from `number`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Ty {
    /// `null`
    Null,
    /// `boolean`
    Boolean,
    /// `object`
    Object,
    /// `array`
    Array,
    /// `number` (includes integers)
    Number,
    /// `integer`
    Integer,
    /// `string`
    String,
}

impl Ty {
    /// Parses a type name.
    pub(crate) fn parse(s: &str) -> Option<Ty> {
        Some(match s {
            "null" => Ty::Null,
            "boolean" => Ty::Boolean,
            "object" => Ty::Object,
            "array" => Ty::Array,
            "number" => Ty::Number,
            "integer" => Ty::Integer,
            "string" => Ty::String,
            _ => return None,
        })
    }

    /// The type's name in JSON Schema.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Ty::Null => "null",
            Ty::Boolean => "boolean",
            Ty::Object => "object",
            Ty::Array => "array",
            Ty::Number => "number",
            Ty::Integer => "integer",
            Ty::String => "string",
        }
    }
}

pub(crate) use crate::schema::pointer::is_annotation;

/// Whether two subschemas are equal and reference nothing (`$ref`), so comparing them
/// cannot find a change. Without recursion; object key order does not matter.
pub(crate) fn same_and_self_contained(a: &Value, b: &Value) -> bool {
    same_inner(a, b, true)
}

/// Structural JSON equality without recursion (safe on any nesting depth); object key
/// order does not matter.
pub(crate) fn same(a: &Value, b: &Value) -> bool {
    same_inner(a, b, false)
}

fn same_inner(left: &Value, right: &Value, refuse_refs: bool) -> bool {
    let mut stack = vec![(left, right)];
    while let Some((x, y)) = stack.pop() {
        match (x, y) {
            (Value::Object(p), Value::Object(q)) => {
                if p.len() != q.len() || (refuse_refs && p.contains_key("$ref")) {
                    return false;
                }
                for (k, v) in p {
                    let Some(w) = q.get(k) else { return false };
                    stack.push((v, w));
                }
            }
            (Value::Array(p), Value::Array(q)) => {
                if p.len() != q.len() {
                    return false;
                }
                stack.extend(p.iter().zip(q));
            }
            _ => {
                if x != y {
                    return false;
                }
            }
        }
    }
    true
}

/// Whether a schema accepts every value (`true`, `{}` or annotations only).
pub(crate) fn is_trivially_true(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Object(m) => m.keys().all(|k| is_annotation(k)),
        _ => false,
    }
}

/// The normalized type set of a node, with the pointer of the keyword that states it.
#[derive(Debug, Clone)]
pub(crate) struct Types {
    /// The types; `number` present means `integer` is dropped as redundant.
    pub set: BTreeSet<Ty>,
    /// Pointer of the `type` keyword (or of the combinator it was read from).
    pub ptr: String,
    /// The raw value as written.
    pub raw: Value,
}

/// A subschema ready for comparison.
#[derive(Debug)]
pub(crate) struct Node<'a> {
    /// Pointer of the schema object (after following `$ref`).
    pub ptr: String,
    /// Pointer where the subschema is used (before following `$ref`).
    pub at: String,
    /// `Some(b)` for a boolean schema.
    pub boolean: Option<bool>,
    /// The schema's keywords; a keyword gathered from several folded `allOf` members
    /// has several sources (only `properties` and `required` fold that way).
    pub kw: BTreeMap<&'a str, Vec<Located<'a>>>,
    /// The type set, when a type constraint exists.
    pub types: Option<Types>,
    /// `$ref` strings followed to reach this body, in order.
    pub refs: Vec<&'a str>,
    /// Equivalent spellings that normalization read into one form.
    pub refactors: Vec<&'static str>,
    /// Combinators (`allOf`, `anyOf`, `oneOf`) folded away by normalization.
    pub folded: Vec<&'static str>,
}

impl<'a> Node<'a> {
    /// The first source of a keyword.
    pub(crate) fn get(&self, key: &str) -> Option<&Located<'a>> {
        self.kw.get(key).and_then(|v| v.first())
    }

    /// Pointer of a keyword of this node (whether or not it is present).
    pub(crate) fn kw_ptr(&self, key: &str) -> String {
        self.get(key).map_or_else(
            || format!("{}/{}", self.ptr, escape(key)),
            |s| s.ptr.clone(),
        )
    }
}

/// One schema document: its root, its draft and its plain-name anchors.
pub(crate) struct Doc<'a> {
    /// The root value.
    pub root: &'a Value,
    /// The declared draft, else the repository's default.
    pub draft: Draft,
    /// Plain-name anchors (`$anchor: name`, or `$id`/`id` of the form `#name`) to the
    /// pointer of the subschema that declares them; built on the first `#name` lookup.
    /// Looked up, never iterated.
    anchors: OnceCell<HashMap<String, String>>,
}

impl<'a> Doc<'a> {
    /// A document of the draft its `$schema` names, else of `default_draft`; nothing is
    /// indexed until an anchor is looked up.
    pub(crate) fn new(root: &'a Value, default_draft: Draft) -> Self {
        Self {
            root,
            draft: detect_draft(root, default_draft),
            anchors: OnceCell::new(),
        }
    }

    /// Resolves a local `$ref`: `#`, `#/pointer` or `#anchor`.
    pub(crate) fn resolve(&self, reference: &str) -> Option<Located<'a>> {
        let frag = reference.strip_prefix('#')?;
        if frag.is_empty() || frag.starts_with('/') {
            return resolve(self.root, reference);
        }
        let ptr = self
            .anchors
            .get_or_init(|| index_anchors(self.root))
            .get(frag)?;
        self.root.pointer(ptr).map(|v| Located::new(v, ptr.clone()))
    }
}

/// One pass over a document (without recursion) collecting plain-name anchors.
fn index_anchors(root: &Value) -> HashMap<String, String> {
    let mut anchors = HashMap::new();
    let mut stack: Vec<(&Value, String)> = vec![(root, String::new())];
    while let Some((v, ptr)) = stack.pop() {
        match v {
            Value::Object(m) => {
                if let Some(name) = pointer::anchor_name(m) {
                    anchors
                        .entry(name.to_owned())
                        .or_insert_with(|| ptr.clone());
                }
                for (k, c) in m {
                    if c.is_object() || c.is_array() {
                        stack.push((c, format!("{ptr}/{}", escape(k))));
                    }
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    if c.is_object() || c.is_array() {
                        stack.push((c, format!("{ptr}/{i}")));
                    }
                }
            }
            _ => {}
        }
    }
    anchors
}

/// Resolves a local JSON-pointer `$ref` (`#`, `#/...`) within `root`.
pub(crate) fn resolve<'a>(root: &'a Value, reference: &str) -> Option<Located<'a>> {
    pointer::resolve_pointer(root, reference).map(|(v, ptr)| Located::new(v, ptr))
}

/// Keywords whose meaning depends on sibling keywords: an `allOf` member holding one is
/// never folded into its parent.
const SIBLING_SENSITIVE: &[&str] = &[
    "$ref",
    "$dynamicRef",
    "$recursiveRef",
    "additionalProperties",
    "additionalItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "items",
    "prefixItems",
    "if",
    "then",
    "else",
];

/// Builds a node from a subschema: follows local `$ref`s (at most 64 hops, never a
/// cycle) and folds `allOf` and single-type `anyOf`/`oneOf` where that is exact.
/// Combinators named in `no_fold` are kept as they are.
pub(crate) fn build<'a>(doc: &Doc<'a>, start: Located<'a>, no_fold: &[&str]) -> Node<'a> {
    let draft = doc.draft;
    let at = start.ptr.clone();
    let mut cur = start;
    let mut refs = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    while let Value::Object(m) = cur.value {
        let Some(r) = m.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let siblings_apply =
            !ref_overrides_siblings(draft) && m.keys().any(|k| k != "$ref" && !is_annotation(k));
        if siblings_apply || refs.len() >= 64 {
            break;
        }
        let Some(target) = doc.resolve(r) else {
            break;
        };
        if seen.contains(&target.ptr) {
            break;
        }
        seen.push(target.ptr.clone());
        refs.push(r);
        cur = target;
    }
    let mut node = Node {
        ptr: cur.ptr.clone(),
        at,
        boolean: None,
        kw: BTreeMap::new(),
        types: None,
        refs,
        refactors: Vec::new(),
        folded: Vec::new(),
    };
    let map = match cur.value {
        Value::Bool(b) => {
            node.boolean = Some(*b);
            return node;
        }
        Value::Object(m) => m,
        // Not a schema: compare as an empty one; the loader reports bad schemas.
        _ => return node,
    };
    for (k, v) in map {
        node.kw
            .entry(k.as_str())
            .or_default()
            .push(Located::new(v, format!("{}/{}", cur.ptr, escape(k))));
    }
    if ref_overrides_siblings(draft) && map.contains_key("$ref") {
        // An unresolvable or cyclic `$ref` in draft <= 7: siblings are ignored.
        node.kw.retain(|k, _| *k == "$ref");
        return node;
    }
    if !no_fold.contains(&"allOf") {
        fold_all_of(&mut node, map);
    }
    read_types(&mut node, map, no_fold);
    node
}

/// Folds `allOf` members into the node when every member is a plain object whose
/// keywords do not overlap the parent's or each other's (except `required`, and
/// `properties` with distinct names).
fn fold_all_of<'a>(node: &mut Node<'a>, map: &'a Map<String, Value>) {
    let Some(members) = map.get("allOf").and_then(Value::as_array) else {
        return;
    };
    let Some(all_of) = node.get("allOf").cloned() else {
        return;
    };
    let mut used: BTreeSet<&str> = node
        .kw
        .keys()
        .copied()
        .filter(|k| *k != "allOf" && !is_annotation(k))
        .collect();
    let mut prop_names: BTreeSet<&str> = map
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let parent_has_open = [
        "additionalProperties",
        "unevaluatedProperties",
        "patternProperties",
    ]
    .iter()
    .any(|k| map.contains_key(*k));
    for m in members {
        let Value::Object(mm) = m else { return };
        for (k, v) in mm {
            let k = k.as_str();
            if is_annotation(k) {
                continue;
            }
            if SIBLING_SENSITIVE.contains(&k) {
                return;
            }
            match k {
                "required" => {}
                "properties" => {
                    if parent_has_open {
                        return;
                    }
                    let Some(p) = v.as_object() else { return };
                    for name in p.keys() {
                        if !prop_names.insert(name.as_str()) {
                            return;
                        }
                    }
                }
                _ => {
                    if !used.insert(k) {
                        return;
                    }
                }
            }
        }
    }
    node.kw.remove("allOf");
    for (i, m) in members.iter().enumerate() {
        let Some(src) = all_of.index(i) else { continue };
        let Value::Object(mm) = m else { continue };
        for (k, v) in mm {
            if is_annotation(k) {
                continue;
            }
            node.kw
                .entry(k.as_str())
                .or_default()
                .push(Located::new(v, format!("{}/{}", src.ptr, escape(k))));
        }
    }
    node.refactors
        .push("`allOf` members folded into their parent");
    node.folded.push("allOf");
}

fn type_list(v: &Value) -> Option<BTreeSet<Ty>> {
    match v {
        Value::String(s) => Ty::parse(s).map(|t| BTreeSet::from([t])),
        Value::Array(a) => a.iter().map(|t| t.as_str().and_then(Ty::parse)).collect(),
        _ => None,
    }
}

/// Reads `type` (and `nullable`), or a `anyOf`/`oneOf` of single-type members, into a
/// type set; `number` with `multipleOf: 1` reads as `integer`.
fn read_types<'a>(node: &mut Node<'a>, map: &'a Map<String, Value>, no_fold: &[&str]) {
    let mut types = None;
    if let Some(src) = node.get("type") {
        if let Some(set) = type_list(src.value) {
            types = Some(Types {
                set,
                ptr: src.ptr.clone(),
                raw: src.value.clone(),
            });
        }
    } else {
        for comb in ["anyOf", "oneOf"] {
            if no_fold.contains(&comb) {
                continue;
            }
            let Some(src) = node.get(comb).cloned() else {
                continue;
            };
            let Some(members) = src.value.as_array() else {
                continue;
            };
            if members.is_empty() {
                continue;
            }
            let mut set = BTreeSet::new();
            let mut disjoint = true;
            let mut ok = true;
            for m in members {
                let only_type = m.as_object().is_some_and(|o| {
                    o.contains_key("type") && o.keys().all(|k| k == "type" || is_annotation(k))
                });
                let Some(ts) = only_type
                    .then(|| m.get("type").and_then(type_list))
                    .flatten()
                else {
                    ok = false;
                    break;
                };
                for t in ts {
                    let overlaps = set.contains(&t)
                        || (t == Ty::Integer && set.contains(&Ty::Number))
                        || (t == Ty::Number && set.contains(&Ty::Integer));
                    disjoint &= !overlaps;
                    set.insert(t);
                }
            }
            if ok && (comb == "anyOf" || disjoint) {
                types = Some(Types {
                    set,
                    ptr: src.ptr.clone(),
                    raw: src.value.clone(),
                });
                node.kw.remove(comb);
                node.refactors
                    .push("`anyOf`/`oneOf` of single types read as a `type` list");
                node.folded.push(comb);
                break;
            }
        }
    }
    if let Some(t) = types.as_mut() {
        if map.get("nullable") == Some(&Value::Bool(true)) {
            t.set.insert(Ty::Null);
        }
        if t.set.contains(&Ty::Number) {
            t.set.remove(&Ty::Integer);
        }
        let multiple_of_one = node
            .kw
            .get("multipleOf")
            .is_some_and(|v| v.len() == 1 && v.first().is_some_and(|s| is_one(s.value)));
        if multiple_of_one {
            if t.set.remove(&Ty::Number) {
                t.set.insert(Ty::Integer);
                node.refactors
                    .push("`number` with `multipleOf: 1` read as `integer`");
            }
            if t.set.contains(&Ty::Integer) {
                node.kw.remove("multipleOf");
            }
        }
    }
    node.types = types;
}

fn is_one(v: &Value) -> bool {
    v.as_f64().is_some_and(|f| (f - 1.0).abs() < f64::EPSILON)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn follows_refs_and_stops_on_cycles() {
        let doc = json!({"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}});
        let mut d = Doc::new(&doc, Draft::default());
        d.draft = Draft::Draft7;
        let n = build(&d, Located::new(&doc, String::new()), &[]);
        assert_eq!(n.refs.len(), 2);
    }

    #[test]
    fn folds_all_of_and_type_any_of() {
        let doc = json!({"allOf": [{"properties": {"a": {}}}, {"required": ["a"]}], "anyOf": [{"type": "string"}, {"type": "null"}]});
        let n = build(
            &Doc::new(&doc, Draft::default()),
            Located::new(&doc, String::new()),
            &[],
        );
        assert!(!n.kw.contains_key("allOf"));
        assert!(n.kw.contains_key("properties"));
        let t = n.types.map(|t| t.set).unwrap_or_default();
        assert_eq!(t, BTreeSet::from([Ty::Null, Ty::String]));
    }

    #[test]
    fn escapes_pointer_tokens() {
        assert_eq!(escape("a/b~c"), "a~1b~0c");
    }

    #[test]
    fn percent_decodes_refs() {
        let doc = json!({"$defs": {"a b": {"type": "string"}}});
        assert!(resolve(&doc, "#/$defs/a%20b").is_some());
        assert!(resolve(&doc, "http://example.com/x").is_none());
        let doc = json!({"definitions": {"A": {"$id": "#Addr", "type": "string"}}});
        assert_eq!(
            Doc::new(&doc, Draft::default())
                .resolve("#Addr")
                .map(|s| s.ptr),
            Some("/definitions/A".to_owned())
        );
    }
}
