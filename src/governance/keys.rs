//! Canonical keys: every property tagged with a key (`keys:` in contract.yaml) or named like
//! one, in producer schemas and consumer expectations alike, must agree with the key's
//! definition in keys.yaml, proved with the engine in the key's mode. A mismatch shows the
//! value one side sends that the other rejects.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::contract::model::{CanonicalKey, Compatibility};
use crate::contract::prepared::Schemas;
use crate::contract::repo::{LoadedContract, LoadedVersion, Repository};
use crate::error::Location;
use crate::finding::{Finding, Severity};
use crate::rules::RuleId;
use crate::schema::Subset;
use crate::source::{escape_segment, split_pointer};

/// A property to check: in which schema file, where in it, and against which key.
#[derive(Clone)]
struct Site {
    file: PathBuf,
    /// Pointer to the property's subschema in the (inlined) document.
    schema_pointer: String,
    /// The payload path, for messages (`/lines/*/item_id`).
    payload: String,
    key: String,
    contract: Option<String>,
    version: Option<String>,
    /// A consumer's expectation: it only reads, so it must accept every key value
    /// (`key ⊆ property`); being more lenient than the key is its own business.
    reader: bool,
}

/// Checks every canonical-key site of the repository.
pub fn canonical_keys(repo: &Repository, schemas: &mut Schemas<'_>) -> Vec<Finding> {
    let Some((_, keys)) = &repo.keys else {
        return Vec::new();
    };
    if keys.keys.is_empty() {
        return Vec::new();
    }
    let names: BTreeSet<&str> = keys.keys.keys().map(String::as_str).collect();
    // Every schema file with its sites: producer versions (tagged and named properties), then
    // consumer expectations (named properties). Each file bundled once, in parallel.
    let mut sources: Vec<Source<'_>> = Vec::new();
    for c in repo.contracts.values() {
        for v in c.versions.values() {
            sources.push(Source::Version(c, v));
        }
    }
    for consumer in &repo.consumers {
        for u in &consumer.uses {
            if let Some(expects) = &u.expects {
                sources.push(Source::Expects(&u.spec.contract, expects));
            }
        }
    }
    // Each schema is bundled once, and only what a site needs is kept of it: the key
    // property's subschema with the definitions it reaches (never every bundled document).
    let found = schemas.map_in_order(&sources, |_, source| {
        let doc = repo.schemas.inline(source.file()).ok()?;
        let sites: Vec<(Site, Option<Value>)> = source
            .sites(&doc, &names)
            .into_iter()
            .map(|site| {
                let sub = extract(&doc, &site.schema_pointer);
                (site, sub)
            })
            .collect();
        Some(sites)
    });
    let mut seen: BTreeSet<(PathBuf, String, String)> = BTreeSet::new();
    let mut work: Vec<(Site, Option<Value>)> = Vec::new();
    for (site, sub) in found.into_iter().flatten().flatten() {
        if seen.insert((
            site.file.clone(),
            site.schema_pointer.clone(),
            site.key.clone(),
        )) {
            work.push((site, sub));
        }
    }
    schemas
        .map_in_order(&work, |schemas, (site, sub)| {
            let key = keys.keys.get(&site.key)?;
            check_site(repo, schemas, sub.as_ref()?, site, key)
        })
        .into_iter()
        .flatten()
        .collect()
}

enum Source<'r> {
    /// A producer version's schema.
    Version(&'r LoadedContract, &'r LoadedVersion),
    /// A consumer's expectation of a contract.
    Expects(&'r String, &'r PathBuf),
}

impl Source<'_> {
    fn file(&self) -> &Path {
        match self {
            Source::Version(_, v) => &v.schema,
            Source::Expects(_, file) => file,
        }
    }

    /// The key sites of the file's bundled document `doc`.
    fn sites(&self, doc: &Value, names: &BTreeSet<&str>) -> Vec<Site> {
        let mut sites = Vec::new();
        match self {
            Source::Version(c, v) => {
                // Tagged payload pointers.
                for (pointer, key) in &c.model.keys {
                    if let Some(schema_pointer) = subschema_for_payload(doc, pointer) {
                        sites.push(Site {
                            file: v.schema.clone(),
                            schema_pointer,
                            payload: pointer.clone(),
                            key: key.clone(),
                            contract: Some(c.id.clone()),
                            version: Some(v.key.clone()),
                            reader: false,
                        });
                    }
                }
                for (schema_pointer, payload, key) in named_sites(doc, names) {
                    sites.push(Site {
                        file: v.schema.clone(),
                        schema_pointer,
                        payload,
                        key,
                        contract: Some(c.id.clone()),
                        version: Some(v.key.clone()),
                        reader: false,
                    });
                }
            }
            Source::Expects(contract, file) => {
                for (schema_pointer, payload, key) in named_sites(doc, names) {
                    sites.push(Site {
                        file: (*file).clone(),
                        schema_pointer,
                        payload,
                        key,
                        contract: Some((*contract).clone()),
                        version: None,
                        reader: true,
                    });
                }
            }
        }
        sites
    }
}

fn check_site(
    repo: &Repository,
    schemas: &mut Schemas<'_>,
    sub: &Value,
    site: &Site,
    key: &CanonicalKey,
) -> Option<Finding> {
    let property = schemas.prepare(sub).ok()?;
    let definition = schemas.prepare(&key.schema).ok()?;
    let prop_label = format!("`{}` at `{}`", site.file.display(), site.payload);
    let key_label = format!("key `{}`", site.key);
    let mut directions = Vec::new();
    if !site.reader && matches!(key.mode, Compatibility::Full | Compatibility::Forward) {
        directions.push(schemas.subset_labeled(&property, &definition, &prop_label, &key_label));
    }
    if site.reader || matches!(key.mode, Compatibility::Full | Compatibility::Backward) {
        directions.push(schemas.subset_labeled(&definition, &property, &key_label, &prop_label));
    }
    let location = repo.schemas.get(&site.file).map_or_else(
        || Location::file(&site.file),
        |f| {
            let (line, col) = f.doc.locate(&site.schema_pointer, false);
            Location::new(&site.file, line, col)
        },
    );
    for answer in directions {
        let mut f = match answer {
            Subset::Yes => continue,
            Subset::No(ce) => {
                let mut f = Finding::new(
                    RuleId::CanonicalKeyMismatch,
                    Severity::Error,
                    location,
                    format!(
                        "`{}` disagrees with canonical key `{}`: {} accepts a value {} rejects",
                        site.payload, site.key, ce.accepted_by, ce.rejected_by
                    ),
                );
                f.counterexample = ce.shown().cloned();
                f.notes = match ce.reading_note() {
                    Some(note) => vec![note],
                    None => ce
                        .rejections
                        .iter()
                        .map(|r| format!("{} rejects it: {}", ce.rejected_by, r.message))
                        .collect(),
                };
                f.help = Some(format!(
                    "use the key's definition (`$ref` a shared schema, or copy keys.yaml's `{}` schema); its owner is {}",
                    site.key,
                    key.owner.as_deref().unwrap_or("not named")
                ));
                f
            }
            Subset::Unknown(r) => {
                let mut f = Finding::new(
                    RuleId::CanonicalKeyUnproven,
                    Severity::Warning,
                    location,
                    format!(
                        "cannot decide whether `{}` agrees with canonical key `{}`",
                        site.payload, site.key
                    ),
                );
                f.help = Some(format!(
                    "undecided at `{}` (keyword `{}`): {}",
                    r.pointer, r.keyword, r.reason
                ));
                f
            }
        };
        f.contract.clone_from(&site.contract);
        f.version.clone_from(&site.version);
        f.instance_path = Some(site.payload.clone());
        f.refresh_fingerprint();
        return Some(f);
    }
    None
}

/// The subschema at `pointer` as its own document: the root's definitions it reaches come along
/// so its local references still resolve. Only those: the same property in many files is then
/// the same document, prepared and decided once.
fn extract(doc: &Value, pointer: &str) -> Option<Value> {
    let sub = doc.pointer(pointer)?.clone();
    let mut out = match sub {
        Value::Object(m) => m,
        Value::Bool(b) => return Some(Value::Bool(b)),
        _ => return None,
    };
    let reached = reached_definitions(doc, &Value::Object(out.clone()));
    for defs in ["$defs", "definitions"] {
        if let Some(Value::Object(root_defs)) = doc.get(defs) {
            let wanted: Vec<(&String, &Value)> = root_defs
                .iter()
                .filter(|(k, _)| {
                    reached
                        .as_ref()
                        .is_none_or(|r| r.contains(&(defs, k.as_str())))
                })
                .collect();
            if wanted.is_empty() && !out.contains_key(defs) {
                continue;
            }
            let entry = out
                .entry(defs.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = entry {
                for (k, v) in wanted {
                    m.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
        }
    }
    if let Some(s) = doc.get("$schema") {
        out.insert("$schema".to_owned(), s.clone());
    }
    Some(Value::Object(out))
}

/// The root definitions (`$defs`/`definitions`, name) that `start` reaches through local
/// references, transitively; `None` when a reference points anywhere else (then all come along).
fn reached_definitions<'d>(
    doc: &'d Value,
    start: &Value,
) -> Option<BTreeSet<(&'static str, &'d str)>> {
    fn refs<'v>(v: &'v Value, out: &mut Vec<&'v str>, depth: usize) -> bool {
        if depth > 256 {
            return false;
        }
        match v {
            Value::Object(m) => m.iter().all(|(k, x)| {
                if k == "$ref"
                    && let Some(r) = x.as_str()
                {
                    out.push(r);
                }
                refs(x, out, depth + 1)
            }),
            Value::Array(items) => items.iter().all(|x| refs(x, out, depth + 1)),
            _ => true,
        }
    }
    let mut reached: BTreeSet<(&'static str, &'d str)> = BTreeSet::new();
    let mut pending: Vec<String> = Vec::new();
    let mut found = Vec::new();
    if !refs(start, &mut found, 0) {
        return None;
    }
    pending.extend(found.into_iter().map(str::to_owned));
    while let Some(r) = pending.pop() {
        let (defs, rest) = if let Some(rest) = r.strip_prefix("#/$defs/") {
            ("$defs", rest)
        } else if let Some(rest) = r.strip_prefix("#/definitions/") {
            ("definitions", rest)
        } else {
            return None;
        };
        let name = rest.split('/').next().unwrap_or_default();
        if name.contains(['~', '%']) {
            return None;
        }
        let (key, target) = doc.get(defs)?.as_object()?.get_key_value(name)?;
        if reached.insert((defs, key.as_str())) {
            let mut more = Vec::new();
            if !refs(target, &mut more, 0) {
                return None;
            }
            pending.extend(more.into_iter().map(str::to_owned));
        }
    }
    Some(reached)
}

/// Follows a local `$ref` (bounded).
fn deref(doc: &Value, mut ptr: String) -> (String, Option<&Value>) {
    for _ in 0..32 {
        let Some(node) = doc.pointer(&ptr) else {
            return (ptr, None);
        };
        match node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(target)
                if doc.pointer(target).is_some()
                    && node.as_object().is_some_and(|m| m.len() == 1) =>
            {
                ptr = target.to_owned();
            }
            _ => return (ptr, Some(node)),
        }
    }
    (ptr, None)
}

/// The schema pointer of the property at a payload pointer (through `$ref`s and `allOf`).
fn subschema_for_payload(doc: &Value, payload: &str) -> Option<String> {
    let mut ptr = String::new();
    for seg in split_pointer(payload) {
        let (resolved, node) = deref(doc, ptr);
        let node = node?;
        let direct = node
            .get("properties")
            .and_then(|p| p.get(&seg))
            .map(|_| format!("{resolved}/properties/{}", escape_segment(&seg)));
        let via_all_of = || {
            node.get("allOf")?
                .as_array()?
                .iter()
                .enumerate()
                .find_map(|(i, m)| {
                    m.get("properties").and_then(|p| p.get(&seg)).map(|_| {
                        format!("{resolved}/allOf/{i}/properties/{}", escape_segment(&seg))
                    })
                })
        };
        let via_items = || {
            seg.parse::<usize>().ok()?;
            node.get("items")
                .filter(|i| i.is_object())
                .map(|_| format!("{resolved}/items"))
        };
        ptr = direct.or_else(via_all_of).or_else(via_items)?;
    }
    Some(deref(doc, ptr).0)
}

/// Properties named like a key, anywhere in the document: (schema pointer, payload path, key).
fn named_sites(doc: &Value, keys: &BTreeSet<&str>) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut visited = BTreeSet::new();
    walk(doc, "", "", keys, &mut visited, &mut out, 0);
    out
}

fn walk(
    doc: &Value,
    ptr: &str,
    payload: &str,
    keys: &BTreeSet<&str>,
    visited: &mut BTreeSet<String>,
    out: &mut Vec<(String, String, String)>,
    depth: usize,
) {
    if depth > 64 || !visited.insert(ptr.to_owned()) {
        return;
    }
    let Some(node) = doc.pointer(ptr) else {
        return;
    };
    if let Some(target) = node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
    {
        walk(doc, target, payload, keys, visited, out, depth + 1);
    }
    if let Some(Value::Object(props)) = node.get("properties") {
        for name in props.keys() {
            let child = format!("{ptr}/properties/{}", escape_segment(name));
            let child_payload = format!("{payload}/{}", escape_segment(name));
            if keys.contains(name.as_str()) {
                out.push((
                    deref(doc, child.clone()).0,
                    child_payload.clone(),
                    name.clone(),
                ));
            }
            walk(doc, &child, &child_payload, keys, visited, out, depth + 1);
        }
    }
    for k in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(members)) = node.get(k) {
            for i in 0..members.len() {
                walk(
                    doc,
                    &format!("{ptr}/{k}/{i}"),
                    payload,
                    keys,
                    visited,
                    out,
                    depth + 1,
                );
            }
        }
    }
    if node.get("items").is_some_and(Value::is_object) {
        walk(
            doc,
            &format!("{ptr}/items"),
            &format!("{payload}/*"),
            keys,
            visited,
            out,
            depth + 1,
        );
    }
    if let Some(Value::Array(prefix)) = node.get("prefixItems") {
        for i in 0..prefix.len() {
            walk(
                doc,
                &format!("{ptr}/prefixItems/{i}"),
                &format!("{payload}/{i}"),
                keys,
                visited,
                out,
                depth + 1,
            );
        }
    }
    if node
        .get("additionalProperties")
        .is_some_and(Value::is_object)
    {
        walk(
            doc,
            &format!("{ptr}/additionalProperties"),
            &format!("{payload}/*"),
            keys,
            visited,
            out,
            depth + 1,
        );
    }
}

/// For tests: the path shown for a site.
#[cfg(test)]
fn sites_of(doc: &Value, keys: &[&str]) -> Vec<(String, String, String)> {
    named_sites(doc, &keys.iter().copied().collect())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn finds_named_properties_through_refs_and_items() {
        let doc = json!({
            "properties": {"customer_id": {"type": "string"}, "lines": {"type": "array", "items": {"$ref": "#/$defs/line"}}},
            "$defs": {"line": {"properties": {"item_id": {"$ref": "#/$defs/sku"}}}, "sku": {"type": "string"}}
        });
        let sites = sites_of(&doc, &["customer_id", "item_id"]);
        assert_eq!(
            sites,
            vec![
                (
                    "/properties/customer_id".to_owned(),
                    "/customer_id".to_owned(),
                    "customer_id".to_owned()
                ),
                (
                    "/$defs/sku".to_owned(),
                    "/lines/*/item_id".to_owned(),
                    "item_id".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn payload_pointer_to_schema_pointer() {
        let doc = json!({"properties": {"customer": {"$ref": "#/$defs/c"}}, "$defs": {"c": {"allOf": [{"properties": {"id": {"type": "string"}}}]}}});
        assert_eq!(
            subschema_for_payload(&doc, "/customer/id").as_deref(),
            Some("/$defs/c/allOf/0/properties/id")
        );
        assert_eq!(subschema_for_payload(&doc, "/nope"), None);
        let sub = extract(&doc, "/properties/customer").unwrap();
        assert!(sub.get("$defs").is_some());
    }
}
