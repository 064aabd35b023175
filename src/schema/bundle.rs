//! The one bundler: turns a schema whose `$ref`s name other files into one self-contained
//! document, every referenced file embedded under the root's `$defs` and every reference
//! rewritten to a local JSON pointer, so the engine only ever sees `#...` references. Files
//! referencing each other in a cycle are embedded once each.
//!
//! Where documents come from, what a reference names and what is an error is the caller's
//! ([`Resolver`]): `seam diff` reads files from disk inside a root directory
//! ([`crate::schema::file`]); a loaded repository serves its parsed schemas
//! (`contract::schemas`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::schema::model::Draft;
use crate::schema::pointer::{Holds, escape, holds};
use crate::schema::resolve;

pub use crate::schema::pointer::DATA_KEYWORDS;

/// What a `$ref` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A place in the same document: a JSON-pointer fragment, rebased to where the document
    /// is embedded.
    Local,
    /// A place in another file (the entry file included): embedded, and the reference
    /// rewritten to point into it.
    File(PathBuf),
    /// Left as written (a named anchor, a resource the document itself declares, a target
    /// that is not available).
    Keep,
}

/// The caller's side of bundling.
pub trait Resolver {
    /// What can go wrong.
    type Error;
    /// The document of a file a reference names, to embed under `$defs/<key>`; `None` when
    /// it is not available (the reference is still rewritten, nothing is embedded).
    fn document(&mut self, file: &Path, key: &str) -> Result<Option<Value>, Self::Error>;
    /// What the reference `reference`, written in `file`, names.
    fn resolve(&mut self, file: &Path, reference: &str) -> Result<Target, Self::Error>;
    /// The `$defs` key of a newly reached file; `taken` keys exist already (the entry's, `""`,
    /// included).
    fn key(
        &mut self,
        file: &Path,
        taken: &BTreeMap<PathBuf, String>,
    ) -> Result<String, Self::Error>;
    /// Files to embed although no rewritten reference names them (a repository embeds every
    /// file the entry reaches, through named anchors too, so an edit to any of them changes
    /// the bundle).
    fn also_embed(&mut self) -> Vec<PathBuf> {
        Vec::new()
    }
    /// Nesting deeper than [`Options::max_depth`] in `file`: an error, or `Ok` to leave the
    /// deeper references as written.
    fn too_deep(&mut self, file: &Path) -> Result<(), Self::Error>;
    /// Files to embed into an entry document that is not an object (a boolean schema): an
    /// error, or `Ok` to embed nothing.
    fn not_an_object(&mut self, entry: &Path) -> Result<(), Self::Error>;
}

/// The order of the embedded documents under `$defs` (it is the order the engine meets them,
/// so it is kept stable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By `$defs` key.
    ByKey,
    /// By file path.
    ByFile,
}

/// How to bundle.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Deepest nesting followed while rewriting references.
    pub max_depth: usize,
    /// Order of the embedded documents.
    pub order: Order,
}

/// Bundles `doc`, the document of the file `entry`.
pub fn bundle<R: Resolver>(
    entry: &Path,
    mut doc: Value,
    resolver: &mut R,
    options: Options,
) -> Result<Value, R::Error> {
    let legacy_id = Draft::declared(&doc).ok().flatten() == Some(Draft::Draft4);
    let mut state = State {
        resolver,
        options,
        keys: BTreeMap::from([(entry.to_path_buf(), String::new())]),
        pending: Vec::new(),
        declared: resolve::declared_resources(&doc, legacy_id),
        legacy_id,
    };
    state.rewrite(&mut doc, entry, "", resolve::DEFAULT_BASE, false, 0)?;
    for file in state.resolver.also_embed() {
        state.reach(file)?;
    }
    let mut embedded: Vec<(PathBuf, String, Value)> = Vec::new();
    while let Some(file) = state.pending.pop() {
        let key = state.keys.get(&file).cloned().unwrap_or_default();
        let Some(mut sub) = state.resolver.document(&file, &key)? else {
            continue;
        };
        let base = format!("/$defs/{}", escape(&key));
        state.legacy_id = Draft::declared(&sub).ok().flatten() == Some(Draft::Draft4);
        state.declared = resolve::declared_resources(&sub, state.legacy_id);
        state.rewrite(&mut sub, &file, &base, resolve::DEFAULT_BASE, false, 0)?;
        if let Value::Object(m) = &mut sub {
            // An embedded document is a subschema now: it declares no draft and no base URI.
            m.remove("$schema");
            m.remove("$id");
            m.remove("id");
        }
        embedded.push((file, key, sub));
    }
    if embedded.is_empty() {
        return Ok(doc);
    }
    match state.options.order {
        Order::ByKey => embedded.sort_by(|a, b| a.1.cmp(&b.1)),
        Order::ByFile => embedded.sort_by(|a, b| a.0.cmp(&b.0)),
    }
    let Value::Object(map) = &mut doc else {
        state.resolver.not_an_object(entry)?;
        return Ok(doc);
    };
    if let Value::Object(defs) = map
        .entry("$defs")
        .or_insert_with(|| Value::Object(Map::new()))
    {
        for (_, key, sub) in embedded {
            defs.insert(key, sub);
        }
    }
    Ok(doc)
}

struct State<'r, R> {
    resolver: &'r mut R,
    options: Options,
    /// Every file reached, with its `$defs` key (`""` for the entry).
    keys: BTreeMap<PathBuf, String>,
    /// Files reached and not embedded yet.
    pending: Vec<PathBuf>,
    /// The resources (`$id`s, resolved) the document being rewritten declares: a reference
    /// naming one (or a meta-schema) stays as written, for the engine to resolve.
    declared: BTreeSet<String>,
    /// Whether the document being rewritten is draft-04 (`id` is its identifier).
    legacy_id: bool,
}

impl<R: Resolver> State<'_, R> {
    /// Rewrites every `$ref` of `node` (from `file`, whose document sits at `base`; `scope` is
    /// the base URI around `node`; `names` when `node` maps names to subschemas).
    fn rewrite(
        &mut self,
        node: &mut Value,
        file: &Path,
        base: &str,
        scope: &str,
        names: bool,
        depth: usize,
    ) -> Result<(), R::Error> {
        if depth > self.options.max_depth {
            return self.resolver.too_deep(file);
        }
        match node {
            Value::Object(map) if names => {
                for v in map.values_mut() {
                    self.rewrite(v, file, base, scope, false, depth + 1)?;
                }
            }
            Value::Object(map) => {
                let scope = resolve::scope_of(map, scope, self.legacy_id);
                if let Some(Value::String(r)) = map.get_mut("$ref")
                    && let Some(new) = self.target(r, file, base, &scope)?
                {
                    *r = new;
                }
                for (k, v) in map.iter_mut() {
                    match holds(k) {
                        _ if k == "$ref" => {}
                        Holds::Data => {}
                        Holds::Names => self.rewrite(v, file, base, &scope, true, depth + 1)?,
                        Holds::Schemas => self.rewrite(v, file, base, &scope, false, depth + 1)?,
                    }
                }
            }
            Value::Array(items) if !names => {
                for v in items {
                    self.rewrite(v, file, base, scope, false, depth + 1)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The `$defs` key of `file`, queued for embedding when it is newly reached.
    fn reach(&mut self, file: PathBuf) -> Result<String, R::Error> {
        if let Some(k) = self.keys.get(&file) {
            return Ok(k.clone());
        }
        let k = self.resolver.key(&file, &self.keys)?;
        self.keys.insert(file.clone(), k.clone());
        self.pending.push(file);
        Ok(k)
    }

    /// The rewritten reference, `None` to keep it as written.
    fn target(
        &mut self,
        reference: &str,
        file: &Path,
        base: &str,
        scope: &str,
    ) -> Result<Option<String>, R::Error> {
        let (resource, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if !resource.is_empty()
            && (resolve::is_meta_schema(reference)
                || resolve::join(scope, resource).is_some_and(|r| self.declared.contains(&r)))
        {
            // A resource the document embeds, or an official meta-schema: the engine
            // resolves it (`schema::resolve`).
            return Ok(None);
        }
        match self.resolver.resolve(file, reference)? {
            Target::Keep => Ok(None),
            Target::Local => Ok(Some(format!("#{base}{fragment}"))),
            Target::File(target) => {
                let key = self.reach(target)?;
                Ok(Some(if key.is_empty() {
                    format!("#{fragment}")
                } else {
                    format!("#/$defs/{}{fragment}", escape(&key))
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Documents in memory; a reference `name.json#...` names the file `name.json`.
    struct Memory(BTreeMap<PathBuf, Value>);

    impl Resolver for Memory {
        type Error = String;

        fn document(&mut self, file: &Path, _: &str) -> Result<Option<Value>, String> {
            Ok(self.0.get(file).cloned())
        }

        fn resolve(&mut self, _file: &Path, reference: &str) -> Result<Target, String> {
            match reference.split_once('#').unwrap_or((reference, "")) {
                ("", _) => Ok(Target::Local),
                (f, _) if f.starts_with("http") => Err(format!("remote `{reference}`")),
                (f, _) => Ok(Target::File(PathBuf::from(f))),
            }
        }

        fn key(&mut self, file: &Path, _: &BTreeMap<PathBuf, String>) -> Result<String, String> {
            Ok(file.to_string_lossy().into_owned())
        }

        fn too_deep(&mut self, file: &Path) -> Result<(), String> {
            Err(format!("too deep in {}", file.display()))
        }

        fn not_an_object(&mut self, _: &Path) -> Result<(), String> {
            Err("boolean root".to_owned())
        }
    }

    const OPTIONS: Options = Options {
        max_depth: 16,
        order: Order::ByKey,
    };

    #[test]
    fn embeds_each_file_once_and_rewrites_references() {
        let mut files = Memory(BTreeMap::from([
            (
                PathBuf::from("b/x.json"),
                json!({"$id": "urn:x", "properties": {"next": {"$ref": "a.json"}, "me": {"$ref": "#/properties/next"}}}),
            ),
            (PathBuf::from("a.json"), json!({})),
        ]));
        let entry = json!({
            "properties": {"x": {"$ref": "b/x.json#/properties"}},
            "default": {"$ref": "b/x.json"},
            "$defs": {"local": {"$ref": "#/properties/x"}}
        });
        let out = bundle(Path::new("a.json"), entry, &mut files, OPTIONS).unwrap();
        assert_eq!(
            out,
            json!({
                "properties": {"x": {"$ref": "#/$defs/b~1x.json/properties"}},
                "default": {"$ref": "b/x.json"},
                "$defs": {
                    "local": {"$ref": "#/properties/x"},
                    "b/x.json": {"properties": {"next": {"$ref": "#"}, "me": {"$ref": "#/$defs/b~1x.json/properties/next"}}}
                }
            })
        );
    }

    #[test]
    fn the_resolver_decides_what_fails() {
        let mut files = Memory(BTreeMap::new());
        let remote = json!({"$ref": "https://example.com/s.json"});
        assert_eq!(
            bundle(Path::new("a.json"), remote, &mut files, OPTIONS),
            Err("remote `https://example.com/s.json`".to_owned())
        );
        let mut deep = json!({});
        for _ in 0..20 {
            deep = json!({"not": deep});
        }
        assert!(bundle(Path::new("a.json"), deep, &mut files, OPTIONS).is_err());
        let mut files = Memory(BTreeMap::from([(PathBuf::from("b.json"), json!({}))]));
        assert!(bundle(Path::new("a.json"), json!(true), &mut files, OPTIONS).is_ok());
    }
}
