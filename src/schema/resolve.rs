//! Reference resolution as the specification says, for the engine. Every `$ref` of a document
//! (and the `$dynamicRef`/`$recursiveRef` whose target is one place whatever the path taken to
//! it) is rewritten into a JSON pointer into the document itself, so the proofs, the witness
//! search and the canonical form only ever follow `#/...`:
//!
//! - base URIs follow `$id` (`id` in draft-04) as each draft says: a relative `$ref` inside an
//!   embedded resource is resolved against that resource, and a `$ref` naming an embedded
//!   resource's `$id` (absolute or relative) lands on it;
//! - `$anchor`, `$dynamicAnchor` and the plain-name `$id: "#name"` of drafts 6 and 7 (`id` in
//!   draft-04) name the subschema that declares them;
//! - the official meta-schemas of every draft (draft-04, -06, -07, 2019-09 and 2020-12 with
//!   their vocabularies) are served from the copies the `referencing` crate embeds (the
//!   documents published at json-schema.org; the crate is MIT licensed) and embedded under
//!   `$defs`; nothing is fetched;
//! - `$dynamicRef` (2020-12) and `$recursiveRef` (2019-09) are followed through every path of
//!   resources from the root: where all paths lead to one target the reference becomes that
//!   `$ref`; where they do not, the document is marked unsure and the proofs stay out;
//! - the values of `const`, `enum`, `default` and `examples` are data, never references;
//! - a fragment that is not a valid URI fragment (`#/definitions/Map<String, String>`) is read
//!   as validators read it: a percent-decoded JSON pointer, `<`, `>` and spaces kept.
//!
//! The resolution itself is the `referencing` crate's (the `jsonschema` validator's own
//! resolver, the same version), so the engine reads a reference exactly as the validator that
//! re-checks every counterexample does. Every `$id` and anchor is removed from the result
//! (but the root's `$id`): once every reference is a pointer from the root, they name nothing.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use referencing::{Registry, Resolver, ResourceRef, SPECIFICATIONS};
use serde_json::{Map, Value};

use super::model::{Draft, UnknownReason};
use super::pointer::{Holds, escape, holds};

/// Deepest nesting followed (the loaders refuse deeper documents).
const MAX_DEPTH: usize = 512;

/// The reference keywords, with the drafts that define them.
const REFERENCES: &[&str] = &["$ref", "$dynamicRef", "$recursiveRef"];

/// A document prepared for the engine.
#[derive(Debug)]
pub(crate) struct Resolution {
    /// The document, every reference a local JSON pointer, meta-schemas embedded.
    pub(crate) doc: Value,
    /// Why the proofs cannot read the document as written (a dynamic reference whose target
    /// depends on the path taken to it): only a verified counterexample decides.
    pub(crate) unsure: Option<UnknownReason>,
}

/// Why a reference cannot be resolved: the pointer to it and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unresolved {
    /// JSON pointer to the reference keyword.
    pub(crate) pointer: String,
    /// What is wrong (lowercase fragment).
    pub(crate) message: String,
}

/// The official meta-schemas: their `$defs` key when embedded, their document and draft.
fn meta_schemas() -> [(&'static str, &'static Value, Draft); 16] {
    use referencing::meta;
    [
        ("seam.meta.draft-04", &**meta::DRAFT4, Draft::Draft4),
        ("seam.meta.draft-06", &**meta::DRAFT6, Draft::Draft6),
        ("seam.meta.draft-07", &**meta::DRAFT7, Draft::Draft7),
        (
            "seam.meta.2019-09",
            &**meta::DRAFT201909,
            Draft::Draft201909,
        ),
        (
            "seam.meta.2019-09.applicator",
            &**meta::DRAFT201909_APPLICATOR,
            Draft::Draft201909,
        ),
        (
            "seam.meta.2019-09.content",
            &**meta::DRAFT201909_CONTENT,
            Draft::Draft201909,
        ),
        (
            "seam.meta.2019-09.core",
            &**meta::DRAFT201909_CORE,
            Draft::Draft201909,
        ),
        (
            "seam.meta.2019-09.format",
            &**meta::DRAFT201909_FORMAT,
            Draft::Draft201909,
        ),
        (
            "seam.meta.2019-09.meta-data",
            &**meta::DRAFT201909_META_DATA,
            Draft::Draft201909,
        ),
        (
            "seam.meta.2019-09.validation",
            &**meta::DRAFT201909_VALIDATION,
            Draft::Draft201909,
        ),
        (
            "seam.meta.2020-12",
            &**meta::DRAFT202012,
            Draft::Draft202012,
        ),
        (
            "seam.meta.2020-12.core",
            &**meta::DRAFT202012_CORE,
            Draft::Draft202012,
        ),
        (
            "seam.meta.2020-12.applicator",
            &**meta::DRAFT202012_APPLICATOR,
            Draft::Draft202012,
        ),
        (
            "seam.meta.2020-12.unevaluated",
            &**meta::DRAFT202012_UNEVALUATED,
            Draft::Draft202012,
        ),
        (
            "seam.meta.2020-12.validation",
            &**meta::DRAFT202012_VALIDATION,
            Draft::Draft202012,
        ),
        (
            "seam.meta.2020-12.meta-data",
            &**meta::DRAFT202012_META_DATA,
            Draft::Draft202012,
        ),
    ]
}

/// The official meta-schemas the `referencing` crate serves besides [`meta_schemas`] (the
/// 2020-12 format and content vocabularies), by URI.
fn other_meta_schemas() -> [(&'static str, &'static Value, Draft); 3] {
    use referencing::meta;
    [
        (
            "seam.meta.2020-12.format-annotation",
            &**meta::DRAFT202012_FORMAT_ANNOTATION,
            Draft::Draft202012,
        ),
        (
            "seam.meta.2020-12.format-assertion",
            &**meta::DRAFT202012_FORMAT_ASSERTION,
            Draft::Draft202012,
        ),
        (
            "seam.meta.2020-12.content",
            &**meta::DRAFT202012_CONTENT,
            Draft::Draft202012,
        ),
    ]
}

/// Whether `reference` names one of the official meta-schemas (or a place in one): such a
/// reference is served from the built-in copies, never fetched.
pub fn is_meta_schema(reference: &str) -> bool {
    let whole = reference.split('#').next().unwrap_or_default();
    let resource = whole.trim_end_matches('/');
    let resource = resource
        .strip_prefix("https://")
        .or_else(|| resource.strip_prefix("http://"))
        .unwrap_or("");
    if resource.is_empty() {
        return false;
    }
    if Draft::from_meta_schema(whole).is_some() {
        return true;
    }
    [
        "json-schema.org/draft/2019-09/meta/",
        "json-schema.org/draft/2020-12/meta/",
    ]
    .iter()
    .any(|dir| {
        resource.strip_prefix(dir).is_some_and(|name| {
            matches!(
                name,
                "core"
                    | "applicator"
                    | "unevaluated"
                    | "validation"
                    | "meta-data"
                    | "format"
                    | "format-annotation"
                    | "format-assertion"
                    | "content"
            )
        })
    })
}

/// Percent-encodes the characters of the fragment of `reference` that a URI fragment may not
/// hold (`<`, `>`, space, `"`, `{`, `}`, `|`, `\`, `^`, backquote, non-ASCII, and a `%` not
/// followed by two hex digits), as validators read such a reference. Valid references are
/// returned as they are.
pub fn encode_fragment(reference: &str) -> Cow<'_, str> {
    let Some((resource, fragment)) = reference.split_once('#') else {
        return Cow::Borrowed(reference);
    };
    let bytes = fragment.as_bytes();
    let valid = |i: usize| match bytes.get(i) {
        Some(b'%') => {
            bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
        }
        Some(&b) => fragment_safe(b),
        None => true,
    };
    if (0..bytes.len()).all(valid) {
        return Cow::Borrowed(reference);
    }
    let mut out = String::with_capacity(reference.len() + 8);
    out.push_str(resource);
    out.push('#');
    for (i, &b) in bytes.iter().enumerate() {
        if valid(i) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    Cow::Owned(out)
}

/// Whether byte `b` may stand unencoded in a URI fragment (RFC 3986: pchar, `/`, `?`).
fn fragment_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'/'
                | b'?'
        )
}

/// `doc` with the fragment of every reference keyword encoded ([`encode_fragment`]), for the
/// validator: borrowed when nothing needs it.
pub fn encode_references(doc: &Value) -> Cow<'_, Value> {
    fn needs(v: &Value, names: bool, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        match v {
            Value::Object(m) => m.iter().any(|(k, c)| {
                if names {
                    return needs(c, false, depth + 1);
                }
                match holds(k) {
                    Holds::Data => false,
                    _ if REFERENCES.contains(&k.as_str()) => c
                        .as_str()
                        .is_some_and(|r| matches!(encode_fragment(r), Cow::Owned(_))),
                    Holds::Names => needs(c, true, depth + 1),
                    Holds::Schemas => needs(c, false, depth + 1),
                }
            }),
            Value::Array(a) => !names && a.iter().any(|c| needs(c, false, depth + 1)),
            _ => false,
        }
    }
    fn encode(v: &mut Value, names: bool, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match v {
            Value::Object(m) => {
                for (k, c) in m.iter_mut() {
                    if names {
                        encode(c, false, depth + 1);
                        continue;
                    }
                    match holds(k) {
                        Holds::Data => {}
                        _ if REFERENCES.contains(&k.as_str()) => {
                            if let Value::String(r) = c
                                && let Cow::Owned(e) = encode_fragment(r)
                            {
                                *r = e;
                            }
                        }
                        Holds::Names => encode(c, true, depth + 1),
                        Holds::Schemas => encode(c, false, depth + 1),
                    }
                }
            }
            Value::Array(a) if !names => a.iter_mut().for_each(|c| encode(c, false, depth + 1)),
            _ => {}
        }
    }
    if !needs(doc, false, 0) {
        return Cow::Borrowed(doc);
    }
    let mut out = doc.clone();
    encode(&mut out, false, 0);
    Cow::Owned(out)
}

/// Whether `doc` holds a reference keyword anywhere a schema may stand.
fn has_references(v: &Value, names: bool, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match v {
        Value::Object(m) => m.iter().any(|(k, c)| {
            if names {
                return has_references(c, false, depth + 1);
            }
            match holds(k) {
                Holds::Data => false,
                _ if REFERENCES.contains(&k.as_str()) => true,
                Holds::Names => has_references(c, true, depth + 1),
                Holds::Schemas => has_references(c, false, depth + 1),
            }
        }),
        Value::Array(a) => !names && a.iter().any(|c| has_references(c, false, depth + 1)),
        _ => false,
    }
}

/// Whether every reference of `v` is a JSON pointer from the root (`#` or `#/...`), no schema
/// below the root declares an `$id` (`id` in draft-04), and no dynamic reference is there: the
/// document then resolves as it is.
fn only_pointers(v: &Value, draft: Draft, names: bool, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match v {
        Value::Object(m) if names => m
            .values()
            .all(|c| only_pointers(c, draft, false, depth + 1)),
        Value::Object(m) => {
            let id = if draft == Draft::Draft4 { "id" } else { "$id" };
            if depth > 0 && m.get(id).is_some_and(Value::is_string) {
                return false;
            }
            m.iter().all(|(k, c)| match k.as_str() {
                "$ref" => c.as_str().is_none_or(|r| r == "#" || r.starts_with("#/")),
                "$dynamicRef" => draft != Draft::Draft202012,
                "$recursiveRef" => draft != Draft::Draft201909,
                _ => match holds(k) {
                    Holds::Data => true,
                    Holds::Names => only_pointers(c, draft, true, depth + 1),
                    Holds::Schemas => only_pointers(c, draft, false, depth + 1),
                },
            })
        }
        Value::Array(a) => names || a.iter().all(|c| only_pointers(c, draft, false, depth + 1)),
        _ => true,
    }
}

/// The first `$ref` of `v` (inside `root`) whose JSON pointer names nothing: the pointer to
/// it and the reference.
fn dangling(
    root: &Value,
    v: &Value,
    at: &mut String,
    names: bool,
    depth: usize,
) -> Option<(String, String)> {
    if depth > MAX_DEPTH {
        return None;
    }
    let child = |at: &mut String, key: &str, c: &Value, names: bool| {
        let len = at.len();
        at.push('/');
        at.push_str(&escape(key));
        let found = dangling(root, c, at, names, depth + 1);
        at.truncate(len);
        found
    };
    match v {
        Value::Object(m) if names => m.iter().find_map(|(k, c)| child(at, k, c, false)),
        Value::Object(m) => m.iter().find_map(|(k, c)| match (k.as_str(), holds(k)) {
            ("$ref", _) => c
                .as_str()
                .filter(|r| super::pointer::resolve_pointer(root, &encode_fragment(r)).is_none())
                .map(|r| (format!("{at}/$ref"), r.to_owned())),
            (_, Holds::Data) => None,
            (_, Holds::Names) => child(at, k, c, true),
            (_, Holds::Schemas) => child(at, k, c, false),
        }),
        Value::Array(a) if !names => a
            .iter()
            .enumerate()
            .find_map(|(i, c)| child(at, &i.to_string(), c, false)),
        _ => None,
    }
}

/// Per resource, what a dynamic reference there may land on: `Some(resource)` whose anchor
/// wins, `None` for its initial target.
type Scopes = Vec<BTreeSet<Option<usize>>>;

/// One document of the result: the entry, or an embedded meta-schema.
struct Doc<'r> {
    value: &'r Value,
    /// Its `$defs` key in the result (`""` for the entry).
    key: &'static str,
    draft: Draft,
    /// Whether a reference reaches it (the entry always).
    used: bool,
}

/// A schema resource: a document root or a subschema with an `$id`.
struct Resource {
    /// Its root object.
    root: usize,
    /// Entered in place through an applicator (not a document root nor a `$defs` entry): a
    /// validator may or may not count it in the dynamic scope.
    nested: bool,
    /// `$recursiveAnchor: true` on its root (2019-09).
    recursive: bool,
    /// Its `$dynamicAnchor`s (2020-12): name → the subschema declaring it.
    dynamic: BTreeMap<String, usize>,
}

/// A schema node: where it is.
struct Node {
    doc: usize,
    pointer: String,
    resource: usize,
}

/// A reference keyword met in the walk.
struct Site<'r> {
    doc: usize,
    /// The schema object holding it.
    pointer: String,
    keyword: &'static str,
    reference: String,
    resource: usize,
    resolver: Resolver<'r>,
}

/// What a reference resolves to.
enum Outcome {
    /// One node.
    Static(usize),
    /// A node, though the path taken may lead elsewhere: the reason.
    Unsure(usize, String),
}

struct Walk<'r> {
    docs: Vec<Doc<'r>>,
    nodes: Vec<Node>,
    /// Node address → node index.
    by_address: HashMap<usize, usize>,
    resources: Vec<Resource>,
    sites: Vec<Site<'r>>,
    metas_walked: bool,
}

fn address(v: &Value) -> usize {
    std::ptr::from_ref(v) as usize
}

/// Resolves every reference of `doc` (of draft `draft`) into a local JSON pointer.
pub(crate) fn resolve(doc: &Value, draft: Draft) -> Result<Resolution, Unresolved> {
    if !has_references(doc, false, 0) {
        let mut out = doc.clone();
        strip(&mut out, draft, false, 0, 0);
        return Ok(Resolution {
            doc: out,
            unsure: None,
        });
    }
    if only_pointers(doc, draft, false, 0) {
        // Every reference a pointer from the root, no resource inside: nothing moves but the
        // fragments validators percent-decode.
        let mut at = String::new();
        if let Some((pointer, reference)) = dangling(doc, doc, &mut at, false, 0) {
            return Err(Unresolved {
                pointer,
                message: format!("reference `{reference}` points at nothing in this document"),
            });
        }
        let mut out = encode_references(doc).into_owned();
        strip(&mut out, draft, false, 0, 0);
        return Ok(Resolution {
            doc: out,
            unsure: None,
        });
    }
    let rdraft = draft.to_jsonschema();
    let resource = ResourceRef::new(doc, rdraft);
    let base = base_uri(resource.id());
    let registry = SPECIFICATIONS
        .add(&base, resource)
        .and_then(|b| {
            b.retriever(Placeholder)
                .draft(rdraft)
                .retrieve_known_draft_meta_schemas(false)
                .prepare()
        })
        .map_err(|e| Unresolved {
            pointer: String::new(),
            message: format!(
                "references cannot be resolved: {}",
                lowercase_first(&e.to_string())
            ),
        })?;
    let root_resolver =
        registry.resolver(referencing::uri::from_str(&base).map_err(|e| Unresolved {
            pointer: String::new(),
            message: format!("the base URI `{base}` is invalid: {e}"),
        })?);
    let mut walk = Walk {
        docs: vec![Doc {
            value: doc,
            key: "",
            draft,
            used: true,
        }],
        nodes: Vec::new(),
        by_address: HashMap::new(),
        resources: Vec::new(),
        sites: Vec::new(),
        metas_walked: false,
    };
    walk.walk_doc(0, &root_resolver)?;
    let targets = walk.resolve_sites(&registry)?;
    walk.output(&targets)
}

/// The base URI of the entry document, as the validator chooses it.
fn base_uri(id: Option<&str>) -> String {
    const DEFAULT: &str = "json-schema:///";
    let Some(id) = id else {
        return DEFAULT.to_owned();
    };
    if let Ok(uri) = referencing::uri::from_str(id) {
        return uri.as_str().to_owned();
    }
    referencing::uri::from_str(DEFAULT)
        .ok()
        .and_then(|base| referencing::uri::resolve_against(&base.borrow(), id).ok())
        .map_or_else(|| DEFAULT.to_owned(), |u| u.as_str().to_owned())
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Serves every resource that is neither the document nor a meta-schema as a placeholder, so
/// the registry builds; a reference landing in one is refused with its position.
struct Placeholder;

impl referencing::Retrieve for Placeholder {
    fn retrieve(
        &self,
        _: &referencing::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Value::Bool(true))
    }
}

impl<'r> Walk<'r> {
    /// Indexes document `doc`: its nodes, resources and reference sites.
    fn walk_doc(&mut self, doc: usize, resolver: &Resolver<'r>) -> Result<(), Unresolved> {
        let Some(value) = self.docs.get(doc).map(|d| d.value) else {
            return Ok(());
        };
        let root = self.nodes.len();
        self.resources.push(Resource {
            root,
            nested: false,
            recursive: false,
            dynamic: BTreeMap::new(),
        });
        let resource = self.resources.len() - 1;
        let mut pointer = String::new();
        self.walk(value, &mut pointer, doc, resolver, resource, 0)
    }

    fn walk(
        &mut self,
        node: &'r Value,
        pointer: &mut String,
        doc: usize,
        resolver: &Resolver<'r>,
        mut resource: usize,
        depth: usize,
    ) -> Result<(), Unresolved> {
        if depth > MAX_DEPTH || !(node.is_object() || node.is_boolean()) {
            return Ok(());
        }
        let draft = self.docs.get(doc).map_or(Draft::Draft202012, |d| d.draft);
        let index = self.nodes.len();
        self.by_address.insert(address(node), index);
        self.nodes.push(Node {
            doc,
            pointer: pointer.clone(),
            resource,
        });
        let Value::Object(map) = node else {
            return Ok(());
        };
        let mut inner = None;
        let sub = ResourceRef::new(node, draft.to_jsonschema());
        if depth > 0 && sub.id().is_some() {
            let entered = resolver.in_subresource(sub).map_err(|e| Unresolved {
                pointer: format!(
                    "{pointer}/{}",
                    if draft == Draft::Draft4 { "id" } else { "$id" }
                ),
                message: format!(
                    "the `$id` cannot be resolved: {}",
                    lowercase_first(&e.to_string())
                ),
            })?;
            self.resources.push(Resource {
                root: index,
                nested: !is_defs_entry(pointer),
                recursive: false,
                dynamic: BTreeMap::new(),
            });
            resource = self.resources.len() - 1;
            if let Some(n) = self.nodes.last_mut() {
                n.resource = resource;
            }
            inner = Some(entered);
        }
        let resolver = inner.as_ref().unwrap_or(resolver);
        if let Some(r) = self.resources.get_mut(resource) {
            if draft == Draft::Draft201909
                && r.root == index
                && map.get("$recursiveAnchor") == Some(&Value::Bool(true))
            {
                r.recursive = true;
            }
            if draft == Draft::Draft202012
                && let Some(name) = map.get("$dynamicAnchor").and_then(Value::as_str)
            {
                r.dynamic.entry(name.to_owned()).or_insert(index);
            }
        }
        for keyword in REFERENCES {
            let defined = match *keyword {
                "$dynamicRef" => draft == Draft::Draft202012,
                "$recursiveRef" => draft == Draft::Draft201909,
                _ => true,
            };
            if defined && let Some(reference) = map.get(*keyword).and_then(Value::as_str) {
                self.sites.push(Site {
                    doc,
                    pointer: pointer.clone(),
                    keyword,
                    reference: reference.to_owned(),
                    resource,
                    resolver: resolver.clone(),
                });
            }
        }
        // Up to draft-07 `$ref` overrides its siblings: only the definitions beside it matter.
        let overridden = draft <= Draft::Draft7 && map.contains_key("$ref");
        for (key, value) in map {
            if overridden && !matches!(key.as_str(), "definitions" | "$defs") {
                continue;
            }
            let len = pointer.len();
            pointer.push('/');
            pointer.push_str(&escape(key));
            match holds(key) {
                Holds::Data => {}
                Holds::Names => {
                    if let Value::Object(named) = value {
                        for (name, schema) in named {
                            let len = pointer.len();
                            pointer.push('/');
                            pointer.push_str(&escape(name));
                            self.walk(schema, pointer, doc, resolver, resource, depth + 2)?;
                            pointer.truncate(len);
                        }
                    }
                }
                Holds::Schemas => match value {
                    Value::Array(items) => {
                        for (i, schema) in items.iter().enumerate() {
                            let len = pointer.len();
                            pointer.push('/');
                            pointer.push_str(&i.to_string());
                            self.walk(schema, pointer, doc, resolver, resource, depth + 2)?;
                            pointer.truncate(len);
                        }
                    }
                    Value::Object(_) => {
                        self.walk(value, pointer, doc, resolver, resource, depth + 1)?;
                    }
                    _ => {}
                },
            }
            pointer.truncate(len);
        }
        Ok(())
    }

    /// Indexes the meta-schemas, once, so a reference into one finds it.
    fn walk_metas(&mut self, registry: &'r Registry<'r>) -> Result<(), Unresolved> {
        if self.metas_walked {
            return Ok(());
        }
        self.metas_walked = true;
        for (key, value, draft) in meta_schemas().into_iter().chain(other_meta_schemas()) {
            let resource = ResourceRef::new(value, draft.to_jsonschema());
            let Some(id) = resource.id() else {
                continue;
            };
            let Ok(uri) = referencing::uri::from_str(id.trim_end_matches('#')) else {
                continue;
            };
            self.docs.push(Doc {
                value,
                key,
                draft,
                used: false,
            });
            let doc = self.docs.len() - 1;
            let resolver = registry.resolver(uri);
            self.walk_doc(doc, &resolver)?;
        }
        Ok(())
    }

    /// The node a site's reference lands on, statically (for a dynamic reference: its initial
    /// target).
    fn lookup(
        &mut self,
        site: usize,
        registry: &'r Registry<'r>,
        reference: &str,
    ) -> Result<usize, Unresolved> {
        let Some(s) = self.sites.get(site) else {
            return Err(Unresolved {
                pointer: String::new(),
                message: "internal: no such reference".to_owned(),
            });
        };
        let at = format!("{}/{}", s.pointer, s.keyword);
        let original = s.reference.clone();
        let encoded = encode_fragment(reference).into_owned();
        let resolved = s.resolver.lookup(&encoded);
        let contents = match resolved {
            Ok(r) => r.contents(),
            Err(e) => {
                let local = original.starts_with('#');
                return Err(Unresolved {
                    pointer: at,
                    message: if local {
                        format!(
                            "reference `{original}` points at nothing in this document: {}",
                            lowercase_first(&e.to_string())
                        )
                    } else {
                        format!("reference `{original}` is not local; bundle it into `$defs`")
                    },
                });
            }
        };
        if let Some(&n) = self.by_address.get(&address(contents)) {
            return Ok(n);
        }
        self.walk_metas(registry)?;
        self.by_address
            .get(&address(contents))
            .copied()
            .ok_or_else(|| Unresolved {
                pointer: at,
                message: format!("reference `{original}` is not local; bundle it into `$defs`"),
            })
    }

    /// Resolves every site of every document a reference reaches: site → outcome.
    fn resolve_sites(&mut self, registry: &'r Registry<'r>) -> Result<Vec<Outcome>, Unresolved> {
        let mut targets: Vec<Option<usize>> = Vec::new();
        // Dynamic sites: (site, anchor name or "" for `$recursiveRef`, initial target).
        let mut dynamic: Vec<(usize, String, usize)> = Vec::new();
        // A document becomes used when a reference reaches it, possibly after its own sites
        // were passed over: sweep until nothing new is reached.
        loop {
            let mut progressed = false;
            let mut site = 0;
            while site < self.sites.len() {
                if targets.len() < self.sites.len() {
                    targets.resize(self.sites.len(), None);
                }
                let Some(s) = self.sites.get(site) else {
                    break;
                };
                if targets.get(site).is_some_and(Option::is_some)
                    || !self.docs.get(s.doc).is_some_and(|d| d.used)
                {
                    site += 1;
                    continue;
                }
                let target = self.resolve_site(site, registry, &mut dynamic)?;
                self.use_doc(target);
                if let Some(slot) = targets.get_mut(site) {
                    *slot = Some(target);
                }
                progressed = true;
                site += 1;
            }
            if !progressed {
                break;
            }
        }
        targets.resize(self.sites.len(), None);
        let mut outcomes: Vec<Outcome> = targets
            .iter()
            .map(|t| Outcome::Static(t.unwrap_or(usize::MAX)))
            .collect();
        self.dynamic_targets(&dynamic, &targets, &mut outcomes);
        Ok(outcomes)
    }

    /// The static target of `site`; a dynamic site is also recorded in `dynamic`.
    fn resolve_site(
        &mut self,
        site: usize,
        registry: &'r Registry<'r>,
        dynamic: &mut Vec<(usize, String, usize)>,
    ) -> Result<usize, Unresolved> {
        let Some(s) = self.sites.get(site) else {
            return Ok(usize::MAX);
        };
        let (keyword, reference) = (s.keyword, s.reference.clone());
        match keyword {
            "$recursiveRef" => {
                let root = self.lookup(site, registry, "#")?;
                let res = self.nodes.get(root).map(|n| n.resource);
                if res
                    .and_then(|r| self.resources.get(r))
                    .is_some_and(|r| r.recursive)
                {
                    dynamic.push((site, String::new(), root));
                }
                Ok(root)
            }
            "$dynamicRef" => {
                let target = self.lookup(site, registry, &reference)?;
                let (resource, name) = reference.split_once('#').unwrap_or((&reference, ""));
                if !name.is_empty() && !name.starts_with('/') {
                    let root = self.lookup(site, registry, &format!("{resource}#"))?;
                    let anchor = self
                        .nodes
                        .get(root)
                        .and_then(|n| self.resources.get(n.resource))
                        .and_then(|r| r.dynamic.get(name).copied());
                    if let Some(anchor) = anchor {
                        dynamic.push((site, name.to_owned(), anchor));
                        return Ok(anchor);
                    }
                }
                Ok(target)
            }
            _ => self.lookup(site, registry, &reference),
        }
    }

    /// Marks the document holding `node` as used (its references are resolved in turn).
    fn use_doc(&mut self, node: usize) {
        if let Some(doc) = self.nodes.get(node).map(|n| n.doc)
            && let Some(d) = self.docs.get_mut(doc)
        {
            d.used = true;
        }
    }

    /// Resource → the resources its references reach (`None` stands for "any resource
    /// declaring a dynamic anchor", where a dynamic reference may land).
    fn edges(&self, targets: &[Option<usize>]) -> Vec<BTreeSet<Option<usize>>> {
        let mut edges = vec![BTreeSet::new(); self.resources.len() + 1];
        for (i, s) in self.sites.iter().enumerate() {
            let Some(Some(t)) = targets.get(i) else {
                continue;
            };
            let Some(out) = edges.get_mut(s.resource) else {
                continue;
            };
            if let Some(r) = self.nodes.get(*t).map(|n| n.resource) {
                out.insert(Some(r));
            }
            if matches!(s.keyword, "$dynamicRef" | "$recursiveRef") {
                out.insert(None);
            }
        }
        let any = self.resources.len();
        if let Some(out) = edges.get_mut(any) {
            for (r, res) in self.resources.iter().enumerate() {
                if self.resource_used(r) && (res.recursive || !res.dynamic.is_empty()) {
                    out.insert(Some(r));
                }
            }
        }
        edges
    }

    fn resource_used(&self, r: usize) -> bool {
        self.resources
            .get(r)
            .and_then(|res| self.nodes.get(res.root))
            .and_then(|n| self.docs.get(n.doc))
            .is_some_and(|d| d.used)
    }

    /// For the anchor `name` (`""`: `$recursiveAnchor`), what each resource may see as the
    /// target on some path from the entry: `Some(resource)` whose anchor wins, `None` for the
    /// initial target; `Err` with the reason when that cannot be followed soundly.
    fn scopes(
        &self,
        name: &str,
        edges: &[BTreeSet<Option<usize>>],
        budget: &mut usize,
    ) -> Result<Scopes, String> {
        let recursive = name.is_empty();
        let in_d = |r: usize| {
            self.resources.get(r).is_some_and(|res| {
                if recursive {
                    res.recursive
                } else {
                    res.dynamic.contains_key(name)
                }
            })
        };
        let members = (0..self.resources.len())
            .filter(|&r| self.resource_used(r) && in_d(r))
            .count();
        let mut state: Vec<BTreeSet<Option<usize>>> = vec![BTreeSet::new(); edges.len()];
        if members <= 1 {
            // One anchor: every path lands on it.
            return Ok(state);
        }
        if (0..self.resources.len())
            .any(|r| self.resource_used(r) && self.resources.get(r).is_some_and(|x| x.nested))
        {
            return Err(
                "a resource (`$id`) nested in place, where validators differ on the \
                        dynamic scope"
                    .to_owned(),
            );
        }
        // The outermost member of the dynamic scope on each path (`None`: none yet); for
        // `$recursiveRef`, the outermost of the unbroken run of members ending here.
        let any = self.resources.len();
        let entry = 0;
        if let Some(s) = state.get_mut(entry) {
            s.insert(in_d(entry).then_some(entry));
        }
        let mut work = vec![entry];
        while let Some(x) = work.pop() {
            let from: Vec<Option<usize>> = state
                .get(x)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            for z in edges.get(x).into_iter().flatten() {
                *budget = budget.saturating_sub(from.len() + 1);
                if *budget == 0 {
                    return Err("a dynamic scope too large to follow".to_owned());
                }
                let z = z.unwrap_or(any);
                let mut changed = false;
                for &f in &from {
                    let g = if z == any {
                        f // not a resource: the scope is unchanged on the way
                    } else if recursive {
                        if in_d(z) { f.or(Some(z)) } else { None }
                    } else {
                        f.or(in_d(z).then_some(z))
                    };
                    if let Some(s) = state.get_mut(z) {
                        changed |= s.insert(g);
                    }
                }
                if changed {
                    work.push(z);
                }
            }
        }
        Ok(state)
    }

    /// Where each dynamic site lands on every path of resources from the entry: one node, or
    /// unsure.
    fn dynamic_targets(
        &self,
        dynamic: &[(usize, String, usize)],
        targets: &[Option<usize>],
        outcomes: &mut [Outcome],
    ) {
        let edges = self.edges(targets);
        let mut budget: usize = 1_000_000;
        let mut scopes: BTreeMap<&str, Result<Scopes, String>> = BTreeMap::new();
        for (site, name, initial) in dynamic {
            let (site, initial) = (*site, *initial);
            let recursive = name.is_empty();
            let keyword = if recursive {
                "$recursiveRef"
            } else {
                "$dynamicRef"
            };
            let state = scopes
                .entry(name.as_str())
                .or_insert_with(|| self.scopes(name, &edges, &mut budget));
            let outcome = match state {
                Err(why) => Outcome::Unsure(initial, format!("a `{keyword}` through {why}")),
                Ok(state) => {
                    let here = self.sites.get(site).map(|s| s.resource);
                    let landing: BTreeSet<usize> = here
                        .and_then(|h| state.get(h))
                        .into_iter()
                        .flatten()
                        .map(|f| match f {
                            Some(r) if recursive => {
                                self.resources.get(*r).map_or(initial, |x| x.root)
                            }
                            Some(r) => self
                                .resources
                                .get(*r)
                                .and_then(|x| x.dynamic.get(name).copied())
                                .unwrap_or(initial),
                            None => initial,
                        })
                        .collect();
                    let mut one = landing.iter().copied();
                    match (one.next(), one.next()) {
                        (None, _) => Outcome::Static(initial),
                        (Some(t), None) => Outcome::Static(t),
                        (Some(_), Some(_)) => Outcome::Unsure(
                            initial,
                            format!(
                                "a `{keyword}` whose target depends on the path taken to it (its \
                                 dynamic scope); the proofs do not model it"
                            ),
                        ),
                    }
                }
            };
            if let Some(slot) = outcomes.get_mut(site) {
                *slot = outcome;
            }
        }
    }

    /// The `#...` reference to node `n` in the result.
    fn reference_to(&self, n: usize) -> String {
        let Some(node) = self.nodes.get(n) else {
            return "#".to_owned();
        };
        let key = self.docs.get(node.doc).map_or("", |d| d.key);
        let mut pointer = String::new();
        if !key.is_empty() {
            pointer.push_str("/$defs/");
            pointer.push_str(&escape(key));
        }
        pointer.push_str(&node.pointer);
        encode_fragment(&format!("#{pointer}")).into_owned()
    }

    /// The entry document with every reference rewritten and the used meta-schemas embedded.
    fn output(&self, outcomes: &[Outcome]) -> Result<Resolution, Unresolved> {
        let mut unsure: Option<UnknownReason> = None;
        let mut copies: Vec<Value> = self
            .docs
            .iter()
            .map(|d| if d.used { d.value.clone() } else { Value::Null })
            .collect();
        for (i, site) in self.sites.iter().enumerate() {
            let Some(outcome) = outcomes.get(i) else {
                continue;
            };
            if !self.docs.get(site.doc).is_some_and(|d| d.used) {
                continue;
            }
            let target = match outcome {
                Outcome::Static(t) => *t,
                Outcome::Unsure(t, why) => {
                    unsure.get_or_insert_with(|| UnknownReason {
                        keyword: site.keyword.to_owned(),
                        pointer: self.result_pointer(site.doc, &site.pointer),
                        reason: why.clone(),
                    });
                    *t
                }
            };
            if target == usize::MAX {
                continue;
            }
            let reference = self.reference_to(target);
            let Some(Value::Object(map)) = copies
                .get_mut(site.doc)
                .and_then(|c| c.pointer_mut(&site.pointer))
            else {
                continue;
            };
            if site.keyword == "$ref" {
                map.insert("$ref".to_owned(), Value::String(reference));
                continue;
            }
            map.remove(site.keyword);
            if map.contains_key("$ref") {
                // Both apply: the resolved dynamic reference joins the conjunction.
                let all = map
                    .entry("allOf")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(items) = all {
                    items.push(serde_json::json!({ "$ref": reference }));
                }
            } else {
                map.insert("$ref".to_owned(), Value::String(reference));
            }
        }
        let mut docs = self.docs.iter().zip(copies);
        let Some((entry, mut out)) = docs.next() else {
            return Err(Unresolved {
                pointer: String::new(),
                message: "internal: no document".to_owned(),
            });
        };
        strip(&mut out, entry.draft, false, 0, 0);
        let mut embedded: Vec<(&'static str, Value)> = Vec::new();
        for (doc, mut copy) in docs {
            if !doc.used {
                continue;
            }
            if doc.draft != entry.draft && unsure.is_none() {
                unsure = Some(UnknownReason {
                    keyword: "$ref".to_owned(),
                    pointer: String::new(),
                    reason: format!(
                        "a reference to the draft {} meta-schema from a draft {} schema; the \
                         proofs read one draft per document",
                        doc.draft.as_str(),
                        entry.draft.as_str()
                    ),
                });
            }
            strip(&mut copy, doc.draft, false, 0, 1);
            if let Value::Object(m) = &mut copy {
                m.remove("$schema");
                m.remove("$id");
                m.remove("id");
            }
            embedded.push((doc.key, copy));
        }
        if !embedded.is_empty() {
            let Value::Object(map) = &mut out else {
                return Err(Unresolved {
                    pointer: String::new(),
                    message: "a boolean schema cannot hold the meta-schemas it references"
                        .to_owned(),
                });
            };
            if let Value::Object(defs) = map
                .entry("$defs")
                .or_insert_with(|| Value::Object(Map::new()))
            {
                for (key, copy) in embedded {
                    defs.insert(key.to_owned(), copy);
                }
            }
        }
        Ok(Resolution { doc: out, unsure })
    }

    /// `pointer` of document `doc` as a pointer into the result.
    fn result_pointer(&self, doc: usize, pointer: &str) -> String {
        match self.docs.get(doc).map(|d| d.key) {
            Some(key) if !key.is_empty() => format!("/$defs/{}{pointer}", escape(key)),
            _ => pointer.to_owned(),
        }
    }
}

/// Whether `pointer` is a direct `$defs`/`definitions` entry of the document root.
fn is_defs_entry(pointer: &str) -> bool {
    ["/$defs/", "/definitions/"].iter().any(|p| {
        pointer
            .strip_prefix(p)
            .is_some_and(|rest| !rest.contains('/'))
    })
}

/// Removes the identifiers and anchors of the schema objects in `v` (the root's `$id` stays
/// when `depth` starts at 0): once every reference is a pointer, they name nothing, and a
/// nested `$id` would change what a `#/...` pointer means to the canonical form.
fn strip(v: &mut Value, draft: Draft, names: bool, depth: usize, min_depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Object(m) => {
            if !names {
                if depth >= min_depth.max(1) {
                    let id = if draft == Draft::Draft4 { "id" } else { "$id" };
                    if m.get(id).is_some_and(Value::is_string) {
                        m.remove(id);
                    }
                }
                if draft >= Draft::Draft201909 {
                    m.remove("$anchor");
                }
                if draft == Draft::Draft202012 {
                    m.remove("$dynamicAnchor");
                }
                if draft == Draft::Draft201909 {
                    m.remove("$recursiveAnchor");
                }
            }
            for (k, c) in m.iter_mut() {
                if names {
                    strip(c, draft, false, depth + 1, min_depth);
                    continue;
                }
                match holds(k) {
                    Holds::Data => {}
                    Holds::Names => strip(c, draft, true, depth + 1, min_depth),
                    Holds::Schemas => strip(c, draft, false, depth + 1, min_depth),
                }
            }
        }
        Value::Array(a) if !names => a
            .iter_mut()
            .for_each(|c| strip(c, draft, false, depth + 1, min_depth)),
        _ => {}
    }
}

/// The base URI of a document that declares none.
pub const DEFAULT_BASE: &str = "json-schema:///";

/// `reference` resolved against the base URI `base` (fragment dropped); `None` when either
/// is not a valid URI reference.
pub fn join(base: &str, reference: &str) -> Option<String> {
    let resource = reference.split('#').next().unwrap_or_default();
    let base = referencing::uri::from_str(base).ok()?;
    let joined = referencing::uri::resolve_against(&base.borrow(), resource).ok()?;
    Some(
        joined
            .as_str()
            .split('#')
            .next()
            .unwrap_or_default()
            .to_owned(),
    )
}

/// The base URI inside a schema object of a resource based at `base`: its `$id` (`id` too when
/// `legacy_id`, draft-04) resolved against `base`, else `base`.
pub fn scope_of(map: &Map<String, Value>, base: &str, legacy_id: bool) -> String {
    let id = map
        .get("$id")
        .or_else(|| if legacy_id { map.get("id") } else { None })
        .and_then(Value::as_str)
        .filter(|id| !id.starts_with('#'));
    id.and_then(|id| join(base, id))
        .unwrap_or_else(|| base.to_owned())
}

/// The URIs of the resources `doc` declares: every `$id` (and `id` when `legacy_id`) resolved
/// against the resource around it, from [`DEFAULT_BASE`].
pub fn declared_resources(doc: &Value, legacy_id: bool) -> BTreeSet<String> {
    fn walk(
        v: &Value,
        base: &str,
        legacy: bool,
        names: bool,
        depth: usize,
        out: &mut BTreeSet<String>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        match v {
            Value::Object(m) => {
                let scope = if names {
                    base.to_owned()
                } else {
                    scope_of(m, base, legacy)
                };
                if !names && scope != base {
                    out.insert(scope.clone());
                }
                for (k, c) in m {
                    if names {
                        walk(c, &scope, legacy, false, depth + 1, out);
                        continue;
                    }
                    match holds(k) {
                        Holds::Data => {}
                        Holds::Names => walk(c, &scope, legacy, true, depth + 1, out),
                        Holds::Schemas => walk(c, &scope, legacy, false, depth + 1, out),
                    }
                }
            }
            Value::Array(a) if !names => {
                for c in a {
                    walk(c, base, legacy, false, depth + 1, out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(doc, DEFAULT_BASE, legacy_id, false, 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::schema::{Engine, EngineOptions, Subset};

    fn resolved(doc: &Value, draft: Draft) -> Resolution {
        match resolve(doc, draft) {
            Ok(r) => r,
            Err(e) => panic!("{e:?}"),
        }
    }

    fn subset(a: &Value, b: &Value) -> Subset {
        let engine = Engine::new(EngineOptions::default());
        let (Ok(a), Ok(b)) = (engine.prepare(a), engine.prepare(b)) else {
            panic!("prepare");
        };
        engine.is_subset(&a, &b)
    }

    #[test]
    fn id_changes_the_base_of_relative_references() {
        let doc = json!({
            "$id": "https://example.com/root.json",
            "properties": {
                "a": {"$ref": "item.json"},
                "b": {"$ref": "https://example.com/item.json#/$defs/n"},
                "c": {"$ref": "#/$defs/n"}
            },
            "$defs": {
                "n": {"type": "string"},
                "item": {
                    "$id": "item.json",
                    "type": "object",
                    "properties": {"n": {"$ref": "#/$defs/n"}},
                    "$defs": {"n": {"type": "integer"}}
                }
            }
        });
        let r = resolved(&doc, Draft::Draft202012);
        assert_eq!(r.doc["properties"]["a"]["$ref"], json!("#/$defs/item"));
        assert_eq!(
            r.doc["properties"]["b"]["$ref"],
            json!("#/$defs/item/$defs/n")
        );
        assert_eq!(r.doc["properties"]["c"]["$ref"], json!("#/$defs/n"));
        assert_eq!(
            r.doc["$defs"]["item"]["properties"]["n"]["$ref"],
            json!("#/$defs/item/$defs/n")
        );
        assert!(r.doc["$defs"]["item"].get("$id").is_none());
        assert_eq!(r.doc["$id"], json!("https://example.com/root.json"));
        assert!(r.unsure.is_none());
    }

    #[test]
    fn every_draft_reads_its_own_identifier() {
        let d4 = json!({
            "$schema": "http://json-schema.org/draft-04/schema#",
            "id": "http://example.com/root.json",
            "properties": {"x": {"$ref": "a.json"}, "y": {"$ref": "#named"}},
            "definitions": {
                "a": {"id": "a.json", "properties": {"p": {"$ref": "#/definitions/b"}}, "definitions": {"b": {"type": "string"}}},
                "n": {"id": "#named", "type": "null"}
            }
        });
        let r = resolved(&d4, Draft::Draft4);
        assert_eq!(r.doc["properties"]["x"]["$ref"], json!("#/definitions/a"));
        assert_eq!(r.doc["properties"]["y"]["$ref"], json!("#/definitions/n"));
        assert_eq!(
            r.doc["definitions"]["a"]["properties"]["p"]["$ref"],
            json!("#/definitions/a/definitions/b")
        );
        // Draft-06 and -07 name places with `$id: "#name"`; `id` is no keyword there.
        let d7 = json!({
            "properties": {"y": {"$ref": "#named"}, "z": {"$ref": "a.json"}},
            "definitions": {"n": {"$id": "#named", "type": "null"}, "a": {"$id": "a.json"}, "b": {"id": "b.json"}}
        });
        let r = resolved(&d7, Draft::Draft7);
        assert_eq!(r.doc["properties"]["y"]["$ref"], json!("#/definitions/n"));
        assert_eq!(r.doc["properties"]["z"]["$ref"], json!("#/definitions/a"));
        assert_eq!(r.doc["definitions"]["b"]["id"], json!("b.json"));
        let d2020 =
            json!({"$ref": "#here", "$defs": {"x": {"$anchor": "here", "type": "integer"}}});
        let r = resolved(&d2020, Draft::Draft202012);
        assert_eq!(r.doc["$ref"], json!("#/$defs/x"));
        assert!(r.doc["$defs"]["x"].get("$anchor").is_none());
    }

    #[test]
    fn meta_schemas_are_served_from_the_built_in_copies() {
        for (doc, draft, key) in [
            (
                json!({"$ref": "https://json-schema.org/draft/2020-12/schema"}),
                Draft::Draft202012,
                "seam.meta.2020-12",
            ),
            (
                json!({"$ref": "https://json-schema.org/draft/2019-09/schema"}),
                Draft::Draft201909,
                "seam.meta.2019-09",
            ),
            (
                json!({"$ref": "http://json-schema.org/draft-07/schema#"}),
                Draft::Draft7,
                "seam.meta.draft-07",
            ),
            (
                json!({"$ref": "http://json-schema.org/draft-06/schema#"}),
                Draft::Draft6,
                "seam.meta.draft-06",
            ),
            (
                json!({"$ref": "http://json-schema.org/draft-04/schema#"}),
                Draft::Draft4,
                "seam.meta.draft-04",
            ),
        ] {
            let r = resolved(&doc, draft);
            assert_eq!(r.doc["$ref"], json!(format!("#/$defs/{key}")), "{draft:?}");
            assert!(r.unsure.is_none(), "{draft:?}: {:?}", r.unsure);
            let text = r.doc.to_string();
            assert!(!text.contains("\"$ref\":\"http"), "{draft:?}: {text}");
            assert!(
                !text.contains("\"$dynamicRef\":\"#") && !text.contains("\"$recursiveRef\":\"#"),
                "{text}"
            );
        }
        // A vocabulary meta-schema alone.
        let doc = json!({"$ref": "https://json-schema.org/draft/2020-12/meta/validation#/$defs/simpleTypes"});
        let r = resolved(&doc, Draft::Draft202012);
        assert_eq!(
            r.doc["$ref"],
            json!("#/$defs/seam.meta.2020-12.validation/$defs/simpleTypes")
        );
        // Through the engine: a schema is a schema, `{"type": 1}` is not.
        let meta = json!({"$ref": "https://json-schema.org/draft/2020-12/schema"});
        let objects = json!({"type": ["object", "boolean"]});
        assert_eq!(subset(&meta, &objects), Subset::Yes);
        let Subset::No(c) = subset(&objects, &meta) else {
            panic!("a non-schema object is a counterexample");
        };
        assert!(c.value.is_object(), "{:?}", c.value);
    }

    #[test]
    fn a_dynamic_reference_extending_a_base_schema_resolves_to_the_root() {
        let strict = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://example.com/strict-tree",
            "$dynamicAnchor": "node",
            "$ref": "tree",
            "unevaluatedProperties": false,
            "$defs": {
                "tree": {
                    "$id": "tree",
                    "$dynamicAnchor": "node",
                    "type": "object",
                    "properties": {
                        "data": true,
                        "children": {"type": "array", "items": {"$dynamicRef": "#node"}}
                    }
                }
            }
        });
        let r = resolved(&strict, Draft::Draft202012);
        assert_eq!(
            r.doc["$defs"]["tree"]["properties"]["children"]["items"],
            json!({"$ref": "#"})
        );
        assert!(r.unsure.is_none());
        // Alone, the base schema's dynamic reference is its own root.
        let mut base = strict["$defs"]["tree"].clone();
        base["$id"] = json!("https://example.com/tree");
        let r = resolved(&base, Draft::Draft202012);
        assert_eq!(
            r.doc["properties"]["children"]["items"],
            json!({"$ref": "#"})
        );
        // The strict tree refuses an unknown member deep inside; the loose one accepts it.
        let Subset::No(c) = subset(&base, &strict) else {
            panic!("the strict tree is narrower");
        };
        assert!(c.value.is_object());
        assert!(!matches!(subset(&strict, &base), Subset::No(_)));
    }

    #[test]
    fn a_dynamic_reference_whose_target_depends_on_the_path_is_unsure() {
        let doc = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://example.com/root",
            "anyOf": [{"$ref": "a"}, {"$ref": "b"}],
            "$defs": {
                "a": {"$id": "a", "$dynamicAnchor": "x", "$ref": "base", "properties": {"k": {"const": 1}}},
                "b": {"$id": "b", "$dynamicAnchor": "x", "$ref": "base", "properties": {"k": {"const": 2}}},
                "base": {"$id": "base", "$dynamicAnchor": "x", "type": "object", "properties": {"c": {"$dynamicRef": "#x"}}}
            }
        });
        let r = resolved(&doc, Draft::Draft202012);
        let why = r.unsure.expect("unsure");
        assert_eq!(why.keyword, "$dynamicRef");
        assert_eq!(why.pointer, "/$defs/base/properties/c");
        // The engine decides nothing by proof, but still finds a verified counterexample.
        let engine = Engine::new(EngineOptions::default());
        let (Ok(a), Ok(b)) = (
            engine.prepare(&doc),
            engine.prepare(&json!({"type": "object"})),
        ) else {
            panic!("prepare");
        };
        assert!(
            matches!(engine.is_subset(&a, &b), Subset::Unknown(r) if r.keyword == "$dynamicRef")
        );
        assert!(matches!(engine.is_subset(&b, &a), Subset::No(_)));
    }

    #[test]
    fn a_recursive_reference_resolves_to_the_outermost_anchor() {
        let doc = json!({
            "$schema": "https://json-schema.org/draft/2019-09/schema",
            "$recursiveAnchor": true,
            "type": "object",
            "properties": {"next": {"$recursiveRef": "#"}}
        });
        let r = resolved(&doc, Draft::Draft201909);
        assert_eq!(r.doc["properties"]["next"], json!({"$ref": "#"}));
        assert!(r.doc.get("$recursiveAnchor").is_none());
        let extended = json!({
            "$schema": "https://json-schema.org/draft/2019-09/schema",
            "$id": "https://example.com/strict",
            "$recursiveAnchor": true,
            "$ref": "tree",
            "unevaluatedProperties": false,
            "$defs": {"tree": {"$id": "tree", "$recursiveAnchor": true, "type": "object", "properties": {"data": true, "kids": {"items": {"$recursiveRef": "#"}}}}}
        });
        let r = resolved(&extended, Draft::Draft201909);
        assert_eq!(
            r.doc["$defs"]["tree"]["properties"]["kids"]["items"],
            json!({"$ref": "#"})
        );
        assert!(r.unsure.is_none());
    }

    #[test]
    fn data_is_never_a_reference() {
        let doc = json!({
            "const": {"$ref": "https://example.com/s.json", "$id": "x"},
            "properties": {"const": {"$ref": "#/$defs/a"}, "$ref": {"type": "string"}},
            "examples": [{"$ref": "nowhere"}],
            "$defs": {"a": {"default": {"$anchor": "a", "$ref": "#a"}, "type": "integer"}}
        });
        let r = resolved(&doc, Draft::Draft202012);
        assert_eq!(r.doc["const"], doc["const"]);
        assert_eq!(r.doc["examples"], doc["examples"]);
        assert_eq!(r.doc["$defs"]["a"]["default"], doc["$defs"]["a"]["default"]);
        assert_eq!(r.doc["properties"]["const"]["$ref"], json!("#/$defs/a"));
        assert_eq!(crate::schema::pointer::find_anchor(&doc, "a"), None);
    }

    #[test]
    fn fragments_validators_accept_resolve_as_pointers() {
        let doc = json!({
            "definitions": {
                "ParsableStruct<ImageName>": {"type": "string"},
                "HashMapPatch<String, String>": {"type": "object", "additionalProperties": {"type": "string"}},
                "100%": {"type": "null"}
            },
            "properties": {
                "a": {"$ref": "#/definitions/ParsableStruct<ImageName>"},
                "b": {"$ref": "#/definitions/HashMapPatch<String, String>"},
                "c": {"$ref": "#/definitions/HashMapPatch%3CString,%20String%3E"},
                "d": {"$ref": "#/definitions/100%"}
            }
        });
        let r = resolved(&doc, Draft::Draft7);
        assert_eq!(
            r.doc["properties"]["a"]["$ref"],
            json!("#/definitions/ParsableStruct%3CImageName%3E")
        );
        assert_eq!(
            r.doc["properties"]["b"]["$ref"],
            json!("#/definitions/HashMapPatch%3CString,%20String%3E")
        );
        assert_eq!(
            r.doc["properties"]["c"]["$ref"],
            r.doc["properties"]["b"]["$ref"]
        );
        assert_eq!(
            r.doc["properties"]["d"]["$ref"],
            json!("#/definitions/100%25")
        );
        assert_eq!(encode_fragment("#/a%2"), "#/a%252");
        assert_eq!(encode_fragment("x.json#/a b"), "x.json#/a%20b");
        assert!(matches!(encode_fragment("#/a%20b"), Cow::Borrowed(_)));
        let mut narrower = doc.clone();
        narrower["definitions"]["HashMapPatch<String, String>"]["additionalProperties"] =
            json!({"type": "string", "maxLength": 3});
        assert_eq!(subset(&narrower, &doc), Subset::Yes);
        let got = subset(&doc, &narrower);
        assert!(matches!(got, Subset::No(_)), "{got:?}");
    }

    #[test]
    fn many_dynamic_anchors_end_within_the_budget() {
        let n = 300;
        let mut defs = Map::new();
        for i in 0..n {
            defs.insert(
                format!("r{i}"),
                json!({
                    "$id": format!("r{i}"),
                    "$dynamicAnchor": "x",
                    "$ref": format!("r{}", (i + 1) % n),
                    "properties": {"p": {"$dynamicRef": "#x"}, "q": {"$dynamicRef": format!("r{}#x", (i * 7) % n)}}
                }),
            );
        }
        let branches: Vec<Value> = (0..n).map(|i| json!({"$ref": format!("r{i}")})).collect();
        let doc = json!({"$id": "https://example.com/root", "anyOf": branches, "$defs": defs});
        let r = resolved(&doc, Draft::Draft202012);
        let why = r.unsure.expect("the target depends on the path");
        assert_eq!(why.keyword, "$dynamicRef");
        // With the anchor on the root too, every path lands on the root.
        let mut rooted = doc.clone();
        rooted["$dynamicAnchor"] = json!("x");
        let r = resolved(&rooted, Draft::Draft202012);
        assert!(r.unsure.is_none(), "{:?}", r.unsure);
        assert_eq!(
            r.doc["$defs"]["r5"]["properties"]["q"],
            json!({"$ref": "#"})
        );
    }

    #[test]
    fn hostile_identifiers_and_references_end_in_an_answer() {
        let engine = Engine::new(EngineOptions::default());
        for doc in [
            json!({"$id": "::::", "properties": {"a": {"$ref": "x.json"}}}),
            json!({"properties": {"a": {"$id": "http://[::1", "$ref": "#"}}}),
            json!({"$defs": {"a": {"$id": 5}}, "$ref": "#/$defs/a"}),
            json!({"$ref": "#/%ZZ/%C3%28"}),
            json!({"$ref": "%%%#frag"}),
            json!({"$ref": "#\u{0}"}),
            json!({"items": {"$dynamicRef": "#/nowhere"}}),
            json!({"$schema": "https://json-schema.org/draft/2019-09/schema", "$recursiveRef": "#"}),
            json!({"$defs": {"a": {"$dynamicAnchor": "n", "$id": "a", "$dynamicRef": "#n"}}, "$ref": "a"}),
            json!({"$ref": format!("#/{}", "a/".repeat(10_000))}),
        ] {
            // Refused with a reason or prepared: never a panic.
            match resolve(&doc, Draft::Draft202012) {
                Ok(_) => {
                    let _ = engine.prepare(&doc);
                }
                Err(e) => assert!(!e.message.is_empty(), "{doc}"),
            }
        }
    }

    #[test]
    fn what_is_not_in_the_document_is_refused() {
        for (doc, pointer) in [
            (json!({"$ref": "https://example.com/s.json"}), "/$ref"),
            (
                json!({"properties": {"a": {"$ref": "other.json#/x"}}}),
                "/properties/a/$ref",
            ),
            (json!({"items": {"$ref": "#/$defs/missing"}}), "/items/$ref"),
            (json!({"items": {"$ref": "#nowhere"}}), "/items/$ref"),
        ] {
            let e = resolve(&doc, Draft::Draft202012).expect_err("refused");
            assert_eq!(e.pointer, pointer, "{doc}: {e:?}");
        }
        assert!(is_meta_schema(
            "https://json-schema.org/draft/2020-12/meta/core"
        ));
        assert!(is_meta_schema(
            "http://json-schema.org/draft-07/schema#/definitions/x"
        ));
        assert!(!is_meta_schema(
            "https://json-schema.org/draft/2020-12/meta/nothing"
        ));
        assert!(!is_meta_schema("#/definitions/x"));
    }
}
