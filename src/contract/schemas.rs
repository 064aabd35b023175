//! JSON Schema files of a repository: reading, draft detection, meta-validation, `$ref`
//! checks (local and relative file references only; nothing remote, nothing outside the
//! repository root, no reference chains that loop without constraining anything), and
//! compiling validators once per schema.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use jsonschema::Validator;
use serde_json::Value;

use crate::contract::load::syntax_error;
use crate::contract::model::DraftName;
use crate::error::{LoadError, LoadErrorKind, Location};
use crate::schema::bundle::{self, DATA_KEYWORDS, Target};
use crate::schema::pointer::NAMED_SCHEMAS;
use crate::schema::resolve;
use crate::source::{Document, RepoRoot, escape_segment};

/// The base URI under which repository files are known to the validator. It never leaves
/// the process: the retriever serves these URIs from memory.
pub const REPO_URI: &str = "file:///seam-repo/";

/// One schema file of the repository.
#[derive(Debug)]
pub struct SchemaFile {
    /// Path relative to the repository root.
    pub path: PathBuf,
    /// URI the validator knows it by.
    pub uri: String,
    /// The parsed document.
    pub doc: Document,
    /// The draft it is written in (`$schema`, else the repository default).
    pub draft: DraftName,
}

/// Every schema file loaded so far, with the settings that decide what they accept.
pub struct SchemaStore {
    root: RepoRoot,
    default_draft: DraftName,
    assert_formats: bool,
    files: BTreeMap<PathBuf, Arc<SchemaFile>>,
    failed: BTreeSet<PathBuf>,
    /// URI (without fragment) → file, for the retriever.
    by_uri: BTreeMap<String, PathBuf>,
    /// File → the URIs it is known by (the index reverse of `by_uri`).
    uris_of: BTreeMap<PathBuf, Vec<String>>,
    /// File → the `$id`s inside it, collected once at load.
    ids_of: BTreeMap<PathBuf, BTreeSet<String>>,
    /// Keywords outside the draft that `seam.yaml` allows (`schemas.allow_keywords`).
    allow_keywords: Vec<String>,
    /// Regular expressions compiled for validators, shared by every validator of the run: the
    /// same `pattern` in many schemas (a currency code, an ID format) is compiled once. Bounded
    /// by the repository's distinct patterns.
    patterns: jsonschema::PatternCache,
}

impl SchemaStore {
    /// A store for the repository at `root`.
    pub fn new(root: &RepoRoot, default_draft: DraftName, assert_formats: bool) -> Self {
        Self {
            root: root.clone(),
            default_draft,
            assert_formats,
            patterns: jsonschema::PatternCache::new(),
            files: BTreeMap::new(),
            failed: BTreeSet::new(),
            by_uri: BTreeMap::new(),
            uris_of: BTreeMap::new(),
            ids_of: BTreeMap::new(),
            allow_keywords: Vec::new(),
        }
    }

    /// Allows these keywords although their draft does not define them.
    #[must_use]
    pub fn with_allowed_keywords(mut self, keywords: Vec<String>) -> Self {
        self.allow_keywords = keywords;
        self
    }

    /// Whether `format` is asserted.
    pub fn assert_formats(&self) -> bool {
        self.assert_formats
    }

    /// The loaded file at `rel`, when it loaded.
    pub fn get(&self, rel: &Path) -> Option<&Arc<SchemaFile>> {
        self.files.get(rel)
    }

    /// Loads the schema file at `rel` (relative to the root) and every file it references,
    /// checking each. Returns all problems found.
    pub fn load(&mut self, rel: &Path) -> Vec<LoadError> {
        let mut errors = Vec::new();
        let mut queue = vec![rel.to_path_buf()];
        let mut loaded_now = Vec::new();
        while let Some(path) = queue.pop() {
            if self.files.contains_key(&path) || self.failed.contains(&path) {
                continue;
            }
            match self.load_one(&path) {
                Ok((file, targets)) => {
                    queue.extend(targets);
                    self.index_uri(file.uri.clone(), &path);
                    if let Some(id) = root_id(&file.doc.value) {
                        self.index_uri(id, &path);
                    }
                    self.ids_of
                        .insert(path.clone(), collect_ids(&file.doc.value));
                    self.files.insert(path.clone(), Arc::new(file));
                    loaded_now.push(path);
                }
                Err(mut errs) => {
                    self.failed.insert(path);
                    errors.append(&mut errs);
                }
            }
        }
        if errors.is_empty() {
            for path in &loaded_now {
                errors.extend(self.check_cycles(path));
            }
        }
        errors
    }

    /// Records that `uri` names `path`, in both directions.
    fn index_uri(&mut self, uri: String, path: &Path) {
        if let Some(old) = self.by_uri.insert(uri.clone(), path.to_path_buf())
            && let Some(list) = self.uris_of.get_mut(&old)
        {
            list.retain(|u| *u != uri);
        }
        self.uris_of
            .entry(path.to_path_buf())
            .or_default()
            .push(uri);
    }

    /// Whether `doc` (the document of `file`) holds `$id` `resource`.
    fn has_id(&self, file: &Path, doc: &Value, resource: &str) -> bool {
        match self.ids_of.get(file) {
            Some(ids) => ids.contains(resource),
            None => collect_ids(doc).contains(resource),
        }
    }

    /// Whether `rel` and everything it references loaded without error.
    pub fn is_usable(&self, rel: &Path) -> bool {
        self.files.contains_key(rel) && self.failed.is_empty()
    }

    fn load_one(&self, rel: &Path) -> Result<(SchemaFile, Vec<PathBuf>), Vec<LoadError>> {
        let doc = Document::read(&self.root, rel).map_err(|e| vec![syntax_error(rel, e)])?;
        if !matches!(doc.value, Value::Object(_) | Value::Bool(_)) {
            return Err(vec![
                LoadError::new(
                    Location::new(rel, 1, 1),
                    LoadErrorKind::InvalidSchema,
                    "a JSON Schema must be an object or a boolean",
                )
                .with_help("write the schema as a mapping, e.g. `{\"type\": \"object\"}`"),
            ]);
        }
        let draft = match DraftName::declared(&doc.value) {
            Ok(Some(d)) => d,
            Ok(None) => self.default_draft,
            Err(uri) => {
                let (line, col) = doc.locate("/$schema", false);
                return Err(vec![LoadError::new(
                    Location::new(rel, line, col),
                    LoadErrorKind::InvalidSchema,
                    format!("unknown `$schema` `{uri}`"),
                )
                .with_help("use the URI of draft 4, 6, 7, 2019-09 or 2020-12, e.g. `https://json-schema.org/draft/2020-12/schema`, or remove `$schema` to use the repository default")]);
            }
        };
        let mut errors = keyword_errors(&doc, draft, &self.allow_keywords);
        let mut targets = Vec::new();
        let mut refs = Vec::new();
        collect_refs(&doc.value, "", &mut refs, 0);
        let ids = collect_ids(&doc.value);
        let declared = declared_resources(&doc.value, &ids);
        let base = root_id(&doc.value).filter(|id| has_scheme(id));
        for (pointer, reference) in refs {
            match self.classify(rel, &doc.value, &declared, base.as_deref(), &reference) {
                Ok(Some(target)) => targets.push(target),
                Ok(None) => {}
                Err((kind, message, help)) => {
                    let (line, col) = doc.locate(&pointer, false);
                    errors.push(
                        LoadError::new(Location::new(rel, line, col), kind, message)
                            .with_help(help),
                    );
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let uri = format!("{REPO_URI}{}", rel.to_string_lossy().replace('\\', "/"));
        Ok((
            SchemaFile {
                path: rel.to_path_buf(),
                uri,
                doc,
                draft,
            },
            targets,
        ))
    }

    /// Decides what a `$ref` points at: `Ok(None)` inside the document, `Ok(Some(file))`
    /// another repository file, `Err` when it is not allowed or not found.
    fn classify(
        &self,
        rel: &Path,
        doc: &Value,
        declared: &Declared,
        base: Option<&str>,
        reference: &str,
    ) -> Result<Option<PathBuf>, (LoadErrorKind, String, String)> {
        let (resource, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if resource.is_empty() && !declared.uris.is_empty() {
            // Inside an embedded resource (`$id`) a fragment is read from that resource: the
            // engine's resolution checks it.
            return Ok(None);
        }
        if resource.is_empty() {
            return check_fragment(doc, fragment, reference).map(|()| None);
        }
        if declared.names(resource) || resolve::is_meta_schema(reference) {
            // A resource the document embeds, or an official meta-schema (served from the
            // built-in copies): resolved inside the document.
            return Ok(None);
        }
        let relative = if has_scheme(resource) {
            // An absolute URI below the document's own `$id` directory names a sibling file.
            match base
                .and_then(|b| b.rfind('/').map(|i| &b[..=i]))
                .and_then(|dir| resource.strip_prefix(dir))
            {
                Some(rest) => rest.to_owned(),
                None => {
                    return Err((
                        LoadErrorKind::RemoteRef,
                        format!("remote `$ref` `{reference}` is not allowed"),
                        "seam never fetches from the network: copy the schema into the repository and reference it by relative path, e.g. `../common/address.json`".to_owned(),
                    ));
                }
            }
        } else {
            resource.to_owned()
        };
        if relative.starts_with('/') {
            return Err((
                LoadErrorKind::RefEscapesRoot,
                format!("absolute `$ref` path `{reference}` is not allowed"),
                "reference other files by a path relative to this schema file".to_owned(),
            ));
        }
        let dir = rel.parent().unwrap_or(Path::new(""));
        let Some(target) = normalize(&dir.join(&relative)) else {
            return Err((
                LoadErrorKind::RefEscapesRoot,
                format!("`$ref` `{reference}` leaves the repository root"),
                "keep every referenced schema inside the contract repository".to_owned(),
            ));
        };
        let full = self.root.join(&target);
        // Only "nothing there" is reported here; the reader refuses pipes, folders and link
        // loops with their reason when the file is loaded.
        if std::fs::symlink_metadata(&full).is_err() {
            return Err((
                LoadErrorKind::RefNotFound,
                format!(
                    "`$ref` `{reference}` names `{}`, which does not exist",
                    target.display()
                ),
                "fix the path (it is relative to this schema file) or add the file".to_owned(),
            ));
        }
        // Symbolic links must not lead outside the root either.
        if let Ok(real) = full.canonicalize()
            && !self.root.contains(&real)
        {
            return Err((
                LoadErrorKind::RefEscapesRoot,
                format!("`$ref` `{reference}` leaves the repository root through a symbolic link"),
                "keep every referenced schema inside the contract repository".to_owned(),
            ));
        }
        Ok(Some(target))
    }

    /// Reports reference chains that loop through `$ref` and in-place applicators only
    /// (`{"$ref": "#"}`, `a → b → a`): they constrain nothing and send validators into a loop.
    fn check_cycles(&self, start: &Path) -> Vec<LoadError> {
        let Some(file) = self.files.get(start) else {
            return Vec::new();
        };
        let mut refs = Vec::new();
        collect_refs(&file.doc.value, "", &mut refs, 0);
        let mut errors = Vec::new();
        for (pointer, _) in refs {
            let node_ptr = pointer.strip_suffix("/$ref").unwrap_or(&pointer).to_owned();
            let origin = (start.to_path_buf(), node_ptr);
            if let Some(chain) = self.inplace_cycle(&origin) {
                let (line, col) = file.doc.locate(&pointer, false);
                let shown: Vec<String> = chain
                    .iter()
                    .map(|(p, ptr)| {
                        if p == start {
                            format!("#{ptr}")
                        } else {
                            format!("{}#{ptr}", p.display())
                        }
                    })
                    .collect();
                errors.push(
                    LoadError::new(
                        Location::new(start, line, col),
                        LoadErrorKind::RefCycle,
                        format!("`$ref` cycle `{}` never reaches a constraint", shown.join(" -> ")),
                    )
                    .with_help("a recursive reference must pass through `properties`, `items` or another keyword that steps into the value"),
                );
                break;
            }
        }
        errors
    }

    fn inplace_cycle(&self, origin: &(PathBuf, String)) -> Option<Vec<(PathBuf, String)>> {
        // Depth-first search over in-place edges, bounded by the number of distinct nodes.
        let mut stack: Vec<((PathBuf, String), usize)> = vec![(origin.clone(), 0)];
        let mut path: Vec<(PathBuf, String)> = Vec::new();
        let mut done: BTreeSet<(PathBuf, String)> = BTreeSet::new();
        let mut steps = 0usize;
        while let Some((node, depth)) = stack.pop() {
            steps += 1;
            if steps > 100_000 {
                return None;
            }
            path.truncate(depth);
            if path.contains(&node) {
                if node == *origin {
                    let mut chain = path.clone();
                    chain.push(node);
                    return Some(chain);
                }
                continue;
            }
            if !done.insert(node.clone()) && node != *origin {
                continue;
            }
            path.push(node.clone());
            for next in self.inplace_edges(&node) {
                stack.push((next, depth + 1));
            }
        }
        None
    }

    fn inplace_edges(&self, (file, pointer): &(PathBuf, String)) -> Vec<(PathBuf, String)> {
        let Some(f) = self.files.get(file) else {
            return Vec::new();
        };
        let Some(node) = f.doc.value.pointer(pointer) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let (resource, fragment) = r.split_once('#').unwrap_or((r, ""));
            let target_file = if resource.is_empty() {
                Some(file.clone())
            } else if has_scheme(resource) {
                self.by_uri.get(resource).cloned()
            } else {
                normalize(&file.parent().unwrap_or(Path::new("")).join(resource))
            };
            if let Some(t) = target_file
                && (fragment.is_empty() || fragment.starts_with('/'))
            {
                out.push((t, fragment.to_owned()));
            }
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if let Some(items) = node.get(key).and_then(Value::as_array) {
                for i in 0..items.len() {
                    out.push((file.clone(), format!("{pointer}/{key}/{i}")));
                }
            }
        }
        for key in ["not", "if", "then", "else"] {
            if node.get(key).is_some() {
                out.push((file.clone(), format!("{pointer}/{key}")));
            }
        }
        out
    }

    /// Compiles a validator for the loaded file `rel`.
    pub fn compile(&self, rel: &Path) -> Result<Validator, LoadError> {
        let Some(file) = self.files.get(rel) else {
            return Err(LoadError::new(
                Location::file(rel),
                LoadErrorKind::MissingFile,
                "schema was not loaded",
            ));
        };
        jsonschema::options()
            .with_draft(file.draft.to_jsonschema())
            .should_validate_formats(self.assert_formats)
            .with_retriever(self.retriever(rel))
            .with_base_uri(file.uri.clone())
            .with_pattern_options(crate::schema::ecma::pattern_options())
            .with_pattern_cache(self.patterns.clone())
            .build(&crate::schema::ecma::for_validator(
                &resolve::encode_references(&file.doc.value),
            ))
            .map_err(|e| {
                let pointer = e.schema_path().as_str().to_owned();
                let (line, col) = file.doc.locate(&pointer, false);
                LoadError::new(
                    Location::new(rel, line, col),
                    LoadErrorKind::InvalidSchema,
                    format!(
                        "schema cannot be compiled: {}",
                        lowercase_first(&crate::schema::ecma::explain_build_error(e.to_string()))
                    ),
                )
                .with_help("fix the schema so it is valid JSON Schema")
            })
    }

    /// The file `rel` as one self-contained document for the compatibility engine: every
    /// referenced repository file is embedded under `$defs` and every `$ref` rewritten to a
    /// local JSON pointer, so the result holds no `$id` tricks and no external reference.
    pub fn inline(&self, rel: &Path) -> Result<Value, LoadError> {
        let Some(file) = self.files.get(rel) else {
            return Err(LoadError::new(
                Location::file(rel),
                LoadErrorKind::MissingFile,
                "schema was not loaded",
            ));
        };
        let keys = self.def_keys(rel);
        let mut loaded = Loaded { store: self, keys };
        let options = bundle::Options {
            max_depth: 256,
            order: bundle::Order::ByFile,
        };
        let Ok(doc) = bundle::bundle(rel, file.doc.value.clone(), &mut loaded, options);
        Ok(doc)
    }

    /// Files reachable from `rel`, each with its key under the root's `$defs` in
    /// [`SchemaStore::inline`]'s document (`rel` itself has the empty key).
    fn def_keys(&self, rel: &Path) -> BTreeMap<PathBuf, String> {
        let mut keys: BTreeMap<PathBuf, String> = BTreeMap::new();
        for path in self.reached(rel) {
            let key = if path == rel {
                String::new()
            } else {
                def_key(&path, &keys)
            };
            keys.insert(path, key);
        }
        keys
    }

    /// Where a pointer into [`SchemaStore::inline`]'s document of `rel` lies in the files the
    /// user has: `(file, pointer in that file)`. A pointer into an embedded file (under
    /// `/$defs/seam.…`) names that file and its own pointer; any other pointer is `rel`'s.
    pub fn source_of(&self, rel: &Path, pointer: &str) -> (PathBuf, String) {
        if let Some(rest) = pointer.strip_prefix("/$defs/") {
            for (path, key) in self.def_keys(rel) {
                if key.is_empty() {
                    continue;
                }
                let escaped = escape_segment(&key);
                if let Some(inner) = rest.strip_prefix(escaped.as_str())
                    && (inner.is_empty() || inner.starts_with('/'))
                {
                    return (path, inner.to_owned());
                }
            }
        }
        (rel.to_path_buf(), pointer.to_owned())
    }

    /// `text` (a message about `rel`'s inlined document) with seam's internal references to
    /// embedded files (`#/$defs/seam.…`) replaced by the files' own paths.
    pub fn user_text(&self, rel: &Path, text: &str) -> String {
        if !text.contains("/$defs/seam.") {
            return text.to_owned();
        }
        let mut out = text.to_owned();
        let mut keys: Vec<(PathBuf, String)> = self
            .def_keys(rel)
            .into_iter()
            .filter(|(_, k)| !k.is_empty())
            .collect();
        // Longest keys first, so `seam.a.json.2` is not read as `seam.a.json`.
        keys.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        for (path, key) in keys {
            let shown = path.to_string_lossy().replace('\\', "/");
            let escaped = escape_segment(&key);
            for (internal, user) in [
                (format!("#/$defs/{escaped}/"), format!("{shown}#/")),
                (format!("#/$defs/{escaped}"), shown.clone()),
                (format!("/$defs/{escaped}/"), format!("{shown}#/")),
                (format!("/$defs/{escaped}"), shown.clone()),
            ] {
                out = out.replace(&internal, &user);
            }
        }
        out
    }

    /// The repository file a `$ref` names, if it names another file.
    fn ref_target(&self, from: &Path, doc: &Value, reference: &str) -> Option<PathBuf> {
        let (resource, _) = reference.split_once('#').unwrap_or((reference, ""));
        if resource.is_empty()
            || self.has_id(from, doc, resource)
            || resolve::is_meta_schema(reference)
        {
            return None;
        }
        if self.ids_of.get(from).is_none_or(|ids| !ids.is_empty())
            && declared_resources(doc, &collect_ids(doc)).names(resource)
        {
            return None;
        }
        if has_scheme(resource) {
            if let Some(p) = self.by_uri.get(resource) {
                return Some(p.clone());
            }
            let base = root_id(doc).filter(|id| has_scheme(id))?;
            let dir = &base[..=base.rfind('/')?];
            let rest = resource.strip_prefix(dir)?;
            return normalize(&from.parent().unwrap_or(Path::new("")).join(rest));
        }
        normalize(&from.parent().unwrap_or(Path::new("")).join(resource))
    }

    /// The files `rel` reaches through `$ref`s (itself included): what a change to any of
    /// them may change about `rel`.
    pub fn reaches(&self, rel: &Path) -> Vec<PathBuf> {
        self.reached(rel)
    }

    /// The files `rel` reaches through `$ref`s (itself included).
    fn reachable(&self, rel: &Path) -> BTreeSet<PathBuf> {
        self.reached(rel).into_iter().collect()
    }

    /// The files `rel` reaches through `$ref`s (itself first), in the order a depth-first walk
    /// meets them.
    fn reached(&self, rel: &Path) -> Vec<PathBuf> {
        let mut seen = BTreeSet::new();
        let mut order = Vec::new();
        let mut queue = vec![rel.to_path_buf()];
        while let Some(path) = queue.pop() {
            if !seen.insert(path.clone()) {
                continue;
            }
            order.push(path.clone());
            let Some(f) = self.files.get(&path) else {
                continue;
            };
            let mut refs = Vec::new();
            collect_refs(&f.doc.value, "", &mut refs, 0);
            for (_, r) in refs {
                if let Some(target) = self.ref_target(&path, &f.doc.value, &r) {
                    queue.push(target);
                }
            }
        }
        order
    }

    /// A retriever serving only the files `rel` reaches: compiling one schema never copies
    /// the whole repository.
    fn retriever(&self, rel: &Path) -> StoreRetriever {
        let reachable = self.reachable(rel);
        let mut docs = BTreeMap::new();
        for path in &reachable {
            if let Some(f) = self.files.get(path) {
                let doc =
                    crate::schema::ecma::for_validator(&resolve::encode_references(&f.doc.value))
                        .into_owned();
                for uri in self.uris_of.get(path).into_iter().flatten() {
                    docs.insert(uri.clone(), doc.clone());
                }
                docs.insert(f.uri.clone(), doc);
            }
        }
        StoreRetriever {
            docs: Arc::new(docs),
        }
    }
}

/// Serves repository files from memory and refuses everything else: nothing is fetched.
struct StoreRetriever {
    docs: Arc<BTreeMap<String, Value>>,
}

impl jsonschema::Retrieve for StoreRetriever {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let key = uri.as_str().split('#').next().unwrap_or_default();
        self.docs.get(key).cloned().ok_or_else(|| {
            format!("`{key}` is not a file of this repository; seam never fetches from the network")
                .into()
        })
    }
}

/// The loaded schemas as the bundler's source: references were checked when the files
/// loaded, so nothing here fails; what does not resolve is left as written.
struct Loaded<'s> {
    store: &'s SchemaStore,
    /// Every file the entry reaches, with its `$defs` key (found before bundling, so keys do
    /// not depend on the order the bundler meets the references).
    keys: BTreeMap<PathBuf, String>,
}

impl bundle::Resolver for Loaded<'_> {
    type Error = std::convert::Infallible;

    fn document(&mut self, file: &Path, _key: &str) -> Result<Option<Value>, Self::Error> {
        Ok(self.store.files.get(file).map(|f| f.doc.value.clone()))
    }

    fn resolve(&mut self, file: &Path, reference: &str) -> Result<Target, Self::Error> {
        let Some(doc) = self.store.files.get(file).map(|f| &f.doc.value) else {
            return Ok(Target::Keep);
        };
        let (resource, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Ok(Target::Keep); // a named anchor: left as written
        }
        if resource.is_empty() {
            return Ok(Target::Local);
        }
        if collect_ids(doc).contains(resource) {
            return Ok(Target::Keep);
        }
        Ok(self
            .store
            .ref_target(file, doc, reference)
            .filter(|t| self.keys.contains_key(t))
            .map_or(Target::Keep, Target::File))
    }

    fn key(
        &mut self,
        file: &Path,
        _taken: &BTreeMap<PathBuf, String>,
    ) -> Result<String, Self::Error> {
        Ok(self.keys.get(file).cloned().unwrap_or_default())
    }

    fn also_embed(&mut self) -> Vec<PathBuf> {
        self.keys
            .iter()
            .filter(|(_, k)| !k.is_empty())
            .map(|(p, _)| p.clone())
            .collect()
    }

    fn too_deep(&mut self, _file: &Path) -> Result<(), Self::Error> {
        Ok(())
    }

    fn not_an_object(&mut self, _entry: &Path) -> Result<(), Self::Error> {
        Ok(()) // a boolean schema references nothing
    }
}

/// A `$defs` key for an embedded file: its path with every other character replaced by `_`,
/// made unique.
fn def_key(path: &Path, taken: &BTreeMap<PathBuf, String>) -> String {
    let base: String = path
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut key = format!("seam.{base}");
    let mut n = 2;
    while taken.values().any(|k| *k == key) {
        key = format!("seam.{base}.{n}");
        n += 1;
    }
    key
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// What is wrong with a schema's keywords: unknown keywords (a validator ignores them, so they
/// check nothing) and wrong values in plain words, then what the meta-schema finds elsewhere.
fn keyword_errors(doc: &Document, draft: DraftName, allowed: &[String]) -> Vec<LoadError> {
    let plain = crate::schema::keywords::invalid_values(&doc.value, draft);
    let mut errors: Vec<LoadError> = plain
        .iter()
        .chain(&crate::schema::keywords::unknown_keywords(
            &doc.value, draft, allowed,
        ))
        .map(|p| {
            let (line, col) = doc.locate(&p.pointer, p.at_key);
            LoadError::new(
                Location::new(&doc.path, line, col),
                LoadErrorKind::InvalidSchema,
                p.message.clone(),
            )
            .with_help(p.help.clone())
        })
        .collect();
    // The meta-schema's own words only where no plain message already says it.
    errors.extend(meta_validate(doc, draft).into_iter().filter(|e| {
        !plain.iter().any(|p| {
            let (line, col) = doc.locate(&p.pointer, false);
            e.location.line == line && e.location.col == col
        })
    }));
    errors.sort_by(|a, b| {
        a.location
            .cmp(&b.location)
            .then_with(|| a.message.cmp(&b.message))
    });
    errors.dedup();
    errors
}

fn meta_validate(doc: &Document, draft: DraftName) -> Vec<LoadError> {
    let meta = match draft {
        DraftName::Draft4 => jsonschema::draft4::meta::validator(),
        DraftName::Draft6 => jsonschema::draft6::meta::validator(),
        DraftName::Draft7 => jsonschema::draft7::meta::validator(),
        DraftName::Draft201909 => jsonschema::draft201909::meta::validator(),
        DraftName::Draft202012 => jsonschema::draft202012::meta::validator(),
    };
    let validator: &Validator = meta.as_ref();
    // A fragment such as `#/definitions/Map<K, V>` is read as validators read it
    // (percent-encoded), not refused as an invalid `uri-reference`.
    let encoded = resolve::encode_references(&doc.value);
    let mut errors: Vec<LoadError> = validator
        .iter_errors(&encoded)
        .map(|e| {
            let pointer = e.instance_path().as_str().to_owned();
            let (line, col) = doc.locate(&pointer, false);
            let at = if pointer.is_empty() { String::new() } else { format!(" at `{pointer}`") };
            LoadError::new(
                Location::new(&doc.path, line, col),
                LoadErrorKind::InvalidSchema,
                format!("not a valid draft {} schema{at}: {}", draft.as_str(), lowercase_first(&e.to_string())),
            )
            .with_help("fix the keyword's value; see https://json-schema.org/understanding-json-schema/reference")
        })
        .collect();
    errors.sort_by(|a, b| {
        a.location
            .cmp(&b.location)
            .then_with(|| a.message.cmp(&b.message))
    });
    errors.dedup();
    errors
}

/// Collects `(pointer to the $ref value, reference)` pairs of a schema document.
pub(crate) fn collect_refs(
    value: &Value,
    pointer: &str,
    out: &mut Vec<(String, String)>,
    depth: usize,
) {
    let mut at = pointer.to_owned();
    refs_below(value, &mut at, out, depth);
}

/// Appends `/segment` (escaped as a JSON pointer token) to `at`.
fn push_segment(at: &mut String, segment: &str) {
    at.push('/');
    for c in segment.chars() {
        match c {
            '~' => at.push_str("~0"),
            '/' => at.push_str("~1"),
            c => at.push(c),
        }
    }
}

/// [`collect_refs`] with one pointer buffer for the whole walk: a segment is appended on the
/// way down and cut on the way up, so only a reference found costs an allocation.
fn refs_below(value: &Value, at: &mut String, out: &mut Vec<(String, String)>, depth: usize) {
    if depth > 256 {
        return;
    }
    let len = at.len();
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "$ref" {
                    if let Some(r) = child.as_str() {
                        push_segment(at, key);
                        out.push((at.clone(), r.to_owned()));
                        at.truncate(len);
                    }
                    continue;
                }
                if DATA_KEYWORDS.contains(&key.as_str()) {
                    continue;
                }
                push_segment(at, key);
                if NAMED_SCHEMAS.contains(&key.as_str()) {
                    if let Value::Object(named) = child {
                        let named_len = at.len();
                        for (name, schema) in named {
                            push_segment(at, name);
                            refs_below(schema, at, out, depth + 1);
                            at.truncate(named_len);
                        }
                    }
                } else {
                    refs_below(child, at, out, depth + 1);
                }
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let _ = write!(at, "/{i}");
                refs_below(child, at, out, depth + 1);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

fn collect_ids(value: &Value) -> BTreeSet<String> {
    fn walk(v: &Value, out: &mut BTreeSet<String>, names: bool, depth: usize) {
        if depth > 256 {
            return;
        }
        match v {
            Value::Object(m) if names => m.values().for_each(|c| walk(c, out, false, depth + 1)),
            Value::Object(m) => {
                for key in ["$id", "id"] {
                    if let Some(id) = m.get(key).and_then(Value::as_str) {
                        out.insert(id.split('#').next().unwrap_or_default().to_owned());
                    }
                }
                for (k, c) in m {
                    if !DATA_KEYWORDS.contains(&k.as_str()) {
                        walk(c, out, NAMED_SCHEMAS.contains(&k.as_str()), depth + 1);
                    }
                }
            }
            Value::Array(a) if !names => a.iter().for_each(|c| walk(c, out, false, depth + 1)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(value, &mut out, false, 0);
    out.remove("");
    out
}

/// The resources a document declares with nested `$id`s, resolved against its own base.
struct Declared {
    /// The document's base URI.
    base: String,
    /// Every resource URI it declares.
    uris: BTreeSet<String>,
}

impl Declared {
    /// Whether the reference part `resource` names a declared resource, resolved against the
    /// document's base or one of its resources (where the reference stands is not known here).
    fn names(&self, resource: &str) -> bool {
        !self.uris.is_empty()
            && std::iter::once(&self.base)
                .chain(&self.uris)
                .any(|b| resolve::join(b, resource).is_some_and(|r| self.uris.contains(&r)))
    }
}

/// The [`Declared`] resources of `value`, whose `$id`s (fragments dropped) are `ids`.
fn declared_resources(value: &Value, ids: &BTreeSet<String>) -> Declared {
    if ids.is_empty() {
        return Declared {
            base: String::new(),
            uris: BTreeSet::new(),
        };
    }
    let legacy = DraftName::declared(value).ok().flatten() == Some(DraftName::Draft4);
    let base = value.as_object().map_or_else(
        || resolve::DEFAULT_BASE.to_owned(),
        |m| resolve::scope_of(m, resolve::DEFAULT_BASE, legacy),
    );
    Declared {
        base,
        uris: resolve::declared_resources(value, legacy),
    }
}

fn root_id(value: &Value) -> Option<String> {
    value
        .get("$id")
        .or_else(|| value.get("id"))
        .and_then(Value::as_str)
        .map(|s| s.split('#').next().unwrap_or_default().to_owned())
        .filter(|s| !s.is_empty())
}

fn has_scheme(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn check_fragment(
    doc: &Value,
    fragment: &str,
    reference: &str,
) -> Result<(), (LoadErrorKind, String, String)> {
    if fragment.is_empty() || !fragment.starts_with('/') {
        return Ok(()); // the root, or a named anchor
    }
    if crate::schema::pointer::resolve_pointer(doc, &format!("#{fragment}")).is_some() {
        Ok(())
    } else {
        Err((
            LoadErrorKind::RefNotFound,
            format!("`$ref` `{reference}` points at nothing in this document"),
            "fix the JSON pointer after `#` (e.g. `#/$defs/Address`)".to_owned(),
        ))
    }
}

/// Normalizes `.` and `..` lexically; `None` when the path climbs above its start.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(p) => out.push(p),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}
