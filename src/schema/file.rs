//! Reading schema files (JSON or YAML) and bundling the local files their `$ref`s name into
//! one self-contained document, so the engine only ever sees local `#...` references.
//!
//! A `$ref` to another file is resolved relative to the referring file and must stay inside
//! the root directory; remote URIs (`http:`, `https:`, `urn:` ...) are refused, never fetched.
//! Each file is bundled once under `$defs`, so references between files may form cycles
//! (recursive schemas) without the loader looping.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use serde_json::{Map, Value};

use super::model::Draft;
use super::upgrade;
use crate::error::Location;
use crate::schema::pointer::escape;

/// Largest schema file read, in bytes.
const MAX_FILE_BYTES: u64 = 16 << 20;
/// Most files one schema may bundle.
const MAX_FILES: usize = 256;
/// Deepest nesting followed while rewriting references.
const MAX_DEPTH: usize = 512;

/// What went wrong reading a schema file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemaFileErrorKind {
    /// The file cannot be read.
    Io(String),
    /// The file is not valid JSON or YAML.
    Syntax(String),
    /// A `$ref` names a remote resource.
    RemoteRef(String),
    /// A `$ref` leaves the root directory.
    EscapesRoot(String),
    /// A `$ref` names a file that does not exist or a fragment that is not there.
    Unresolved(String),
    /// Too many files or too deep.
    TooLarge(String),
}

/// A schema file that cannot be loaded: where, and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SchemaFileError {
    /// The file (and line/column when known).
    pub location: Location,
    /// What went wrong.
    pub kind: SchemaFileErrorKind,
}

impl SchemaFileError {
    /// The one-line message (lowercase, no final period).
    pub fn message(&self) -> String {
        match &self.kind {
            SchemaFileErrorKind::Io(m) => format!("cannot read the schema file: {m}"),
            SchemaFileErrorKind::Syntax(m) => format!("invalid JSON or YAML: {m}"),
            SchemaFileErrorKind::RemoteRef(r) => format!("remote reference `{r}` is not allowed"),
            SchemaFileErrorKind::EscapesRoot(r) => format!("reference `{r}` leaves the repository"),
            SchemaFileErrorKind::Unresolved(r) => format!("reference `{r}` cannot be resolved"),
            SchemaFileErrorKind::TooLarge(m) => format!("schema too large: {m}"),
        }
    }

    /// How to fix it.
    pub fn help(&self) -> &'static str {
        match &self.kind {
            SchemaFileErrorKind::Io(_) => "check the path and the file permissions",
            SchemaFileErrorKind::Syntax(_) => "fix the syntax at the position shown",
            SchemaFileErrorKind::RemoteRef(_) => {
                "seam never fetches schemas: copy the schema into the repository and reference it by a relative path"
            }
            SchemaFileErrorKind::EscapesRoot(_) => "reference files inside the repository only",
            SchemaFileErrorKind::Unresolved(_) => {
                "check the file name and the JSON pointer after `#`"
            }
            SchemaFileErrorKind::TooLarge(_) => "split the schema or reduce its nesting",
        }
    }
}

impl fmt::Display for SchemaFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message())
    }
}

fn err(path: &Path, kind: SchemaFileErrorKind) -> SchemaFileError {
    SchemaFileError {
        location: Location::file(path),
        kind,
    }
}

/// Parses JSON or YAML text (by extension; YAML for `.yaml`/`.yml`, JSON otherwise).
pub fn parse_schema_text(path: &Path, text: &str) -> Result<Value, SchemaFileError> {
    let yaml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if yaml {
        let mut options = serde_saphyr::Options::default();
        options.strict_booleans = true;
        options.with_snippet = false;
        return serde_saphyr::from_str_with_options::<Value>(text, options).map_err(|e| {
            let (line, col) = e.location().map_or((0, 0), |l| {
                (
                    usize::try_from(l.line()).unwrap_or(0),
                    usize::try_from(l.column()).unwrap_or(0),
                )
            });
            let message = e.to_string();
            let message = message.lines().next().unwrap_or_default().to_owned();
            SchemaFileError {
                location: Location::new(path, line, col),
                kind: SchemaFileErrorKind::Syntax(message),
            }
        });
    }
    serde_json::from_str::<Value>(text).map_err(|e| {
        let message = e.to_string();
        // serde_json appends " at line L column C"; the location carries it.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned();
        SchemaFileError {
            location: Location::new(path, e.line(), e.column()),
            kind: SchemaFileErrorKind::Syntax(message),
        }
    })
}

fn read(path: &Path) -> Result<Value, SchemaFileError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| err(path, SchemaFileErrorKind::Io(e.kind().to_string())))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(
            path,
            SchemaFileErrorKind::TooLarge(format!("{} bytes (limit {MAX_FILE_BYTES})", meta.len())),
        ));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| err(path, SchemaFileErrorKind::Io(e.kind().to_string())))?;
    parse_schema_text(path, &text)
}

/// Whether a reference names a remote resource (has a URI scheme).
fn is_remote(reference: &str) -> bool {
    let head = reference.split(['/', '#', '?']).next().unwrap_or_default();
    head.contains(':')
}

/// Lexically normalizes a path (no filesystem access): drops `.` and folds `..`.
fn lexical(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    Some(out)
}

struct Bundler {
    root: PathBuf,
    /// Absolute file → `$defs` key ("" for the entry file).
    keys: BTreeMap<PathBuf, String>,
    /// Bundled documents by key, in discovery order.
    defs: Vec<(String, Value)>,
    pending: Vec<PathBuf>,
}

impl Bundler {
    fn key_for(&mut self, file: &Path) -> Result<String, SchemaFileError> {
        if let Some(k) = self.keys.get(file) {
            return Ok(k.clone());
        }
        if self.keys.len() >= MAX_FILES {
            return Err(err(
                file,
                SchemaFileErrorKind::TooLarge(format!("more than {MAX_FILES} referenced files")),
            ));
        }
        let rel = file.strip_prefix(&self.root).unwrap_or(file);
        let key = rel.to_string_lossy().replace('\\', "/");
        self.keys.insert(file.to_path_buf(), key.clone());
        self.pending.push(file.to_path_buf());
        Ok(key)
    }

    /// Rewrites every `$ref` of `node` (from `file`, whose content sits at `base` in the bundle).
    fn rewrite(
        &mut self,
        node: &mut Value,
        file: &Path,
        base: &str,
        depth: usize,
    ) -> Result<(), SchemaFileError> {
        if depth > MAX_DEPTH {
            return Err(err(
                file,
                SchemaFileErrorKind::TooLarge(format!("nesting deeper than {MAX_DEPTH}")),
            ));
        }
        match node {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get_mut("$ref") {
                    let new = self.target(r, file, base)?;
                    *r = new;
                }
                for (k, v) in map.iter_mut() {
                    if k == "$ref"
                        || k == "const"
                        || k == "enum"
                        || k == "default"
                        || k == "examples"
                    {
                        continue;
                    }
                    self.rewrite(v, file, base, depth + 1)?;
                }
            }
            Value::Array(items) => {
                for v in items {
                    self.rewrite(v, file, base, depth + 1)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn target(
        &mut self,
        reference: &str,
        file: &Path,
        base: &str,
    ) -> Result<String, SchemaFileError> {
        if is_remote(reference) {
            return Err(err(
                file,
                SchemaFileErrorKind::RemoteRef(reference.to_owned()),
            ));
        }
        let (path_part, fragment) = match reference.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (reference, None),
        };
        let fragment = fragment.unwrap_or_default();
        let prefix = if path_part.is_empty() {
            base.to_owned()
        } else {
            let dir = file.parent().unwrap_or_else(|| Path::new(""));
            let joined = lexical(&dir.join(path_part))
                .filter(|p| p.starts_with(&self.root))
                .ok_or_else(|| err(file, SchemaFileErrorKind::EscapesRoot(reference.to_owned())))?;
            if !joined.is_file() {
                return Err(err(
                    file,
                    SchemaFileErrorKind::Unresolved(reference.to_owned()),
                ));
            }
            let key = self.key_for(&joined)?;
            if key.is_empty() {
                String::new()
            } else {
                format!("/$defs/{}", escape(&key))
            }
        };
        if fragment.is_empty() || fragment.starts_with('/') {
            Ok(format!("#{prefix}{fragment}"))
        } else if prefix.is_empty() {
            // A plain-name anchor in the entry document stays as is.
            Ok(format!("#{fragment}"))
        } else {
            Err(err(
                file,
                SchemaFileErrorKind::Unresolved(reference.to_owned()),
            ))
        }
    }
}

/// Reads the schema at `path` (JSON or YAML) and bundles every file its `$ref`s name, relative
/// to the referring file and inside `root`, into `$defs`. Remote references and references
/// leaving `root` are errors.
pub fn load_schema_file(root: &Path, path: &Path) -> Result<Value, SchemaFileError> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root_abs = lexical(&if root.is_absolute() {
        root.to_path_buf()
    } else {
        cwd.join(root)
    });
    load(root, path).map_err(|mut e| {
        // Show paths relative to the root, as the user wrote them.
        if let Some(r) = &root_abs
            && let Ok(rel) = e.location.path.strip_prefix(r)
        {
            e.location.path = rel.to_path_buf();
        }
        e
    })
}

fn load(root: &Path, path: &Path) -> Result<Value, SchemaFileError> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        }
    };
    let root_abs = lexical(&absolute(root)).unwrap_or_else(|| absolute(root));
    let file_abs = lexical(&absolute(path)).unwrap_or_else(|| absolute(path));
    let mut doc = read(path)?;
    let mut bundler = Bundler {
        root: root_abs,
        keys: BTreeMap::new(),
        defs: Vec::new(),
        pending: Vec::new(),
    };
    bundler.keys.insert(file_abs.clone(), String::new());
    bundler.rewrite(&mut doc, &file_abs, "", 0)?;
    let root_draft = upgrade::detect_draft(&doc, Draft::Draft202012);
    // Files of an older draft than a 2020-12 entry file, bundled in their 2020-12 form.
    let mut upgraded: Vec<String> = Vec::new();
    while let Some(next) = bundler.pending.pop() {
        let key = bundler.keys.get(&next).cloned().unwrap_or_default();
        let mut sub = read(&next)?;
        let sub_draft = upgrade::detect_draft(&sub, root_draft);
        if root_draft == Draft::Draft202012 && sub_draft < root_draft {
            // Read as the entry file's draft, a draft-04 `exclusiveMaximum: true` is invalid:
            // the file is rewritten into the form with its own meaning (its local references
            // follow; references into it from other files are fixed below).
            sub = upgrade::upgrade(&sub, sub_draft);
            upgraded.push(format!("#/$defs/{}/", escape(&key)));
        }
        if let Value::Object(m) = &mut sub {
            m.remove("$schema");
            m.remove("$id");
        }
        let base = format!("/$defs/{}", escape(&key));
        bundler.rewrite(&mut sub, &next, &base, 0)?;
        bundler.defs.push((key, sub));
    }
    if !bundler.defs.is_empty() {
        let Value::Object(map) = &mut doc else {
            return Err(err(
                path,
                SchemaFileErrorKind::Unresolved("a boolean schema cannot hold `$defs`".to_owned()),
            ));
        };
        let defs = map
            .entry("$defs")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(defs) = defs {
            bundler.defs.sort_by(|a, b| a.0.cmp(&b.0));
            for (k, v) in bundler.defs {
                defs.insert(k, v);
            }
        }
        if !upgraded.is_empty() {
            upgrade_refs_into(&mut doc, &upgraded, 0);
        }
    }
    Ok(doc)
}

/// Rewrites the references that point into an upgraded file (`prefixes`) to the upgraded
/// layout (`definitions` → `$defs`, tuple `items/N` → `prefixItems/N`).
fn upgrade_refs_into(node: &mut Value, prefixes: &[String], depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match node {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref")
                && let Some(prefix) = prefixes.iter().find(|p| r.starts_with(p.as_str()))
            {
                let rest = r.get(prefix.len() - 1..).unwrap_or_default();
                let fixed = upgrade::upgrade_ref(&format!("#{rest}"));
                *r = format!("{}{}", &prefix[..prefix.len() - 1], &fixed[1..]);
            }
            for (k, v) in map.iter_mut() {
                if !matches!(k.as_str(), "const" | "enum" | "default" | "examples") {
                    upgrade_refs_into(v, prefixes, depth + 1);
                }
            }
        }
        Value::Array(items) => {
            for v in items {
                upgrade_refs_into(v, prefixes, depth + 1);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn bundles_relative_files_and_cycles() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("a.json"),
            r#"{"type":"object","properties":{"b":{"$ref":"b.yaml"}}}"#,
        )
        .unwrap();
        std::fs::write(
            root.join("b.yaml"),
            "type: object\nproperties:\n  a:\n    $ref: a.json#/properties\n",
        )
        .unwrap();
        let doc = load_schema_file(root, &root.join("a.json")).unwrap();
        assert_eq!(doc["properties"]["b"]["$ref"], json!("#/$defs/b.yaml"));
        assert_eq!(
            doc["$defs"]["b.yaml"]["properties"]["a"]["$ref"],
            json!("#/properties")
        );
    }

    #[test]
    fn refuses_remote_and_escaping_refs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(dir.path().join("outside.json"), "{}").unwrap();
        std::fs::write(
            root.join("r.json"),
            r#"{"$ref":"https://example.com/x.json"}"#,
        )
        .unwrap();
        std::fs::write(root.join("e.json"), r#"{"$ref":"../outside.json"}"#).unwrap();
        let remote = load_schema_file(&root, &root.join("r.json")).unwrap_err();
        assert!(matches!(remote.kind, SchemaFileErrorKind::RemoteRef(_)));
        let escape = load_schema_file(&root, &root.join("e.json")).unwrap_err();
        assert!(matches!(escape.kind, SchemaFileErrorKind::EscapesRoot(_)));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = parse_schema_text(Path::new("s.json"), "{\n  \"a\": ,\n}").unwrap_err();
        assert_eq!((e.location.line, e.location.col), (2, 8));
        let y = parse_schema_text(Path::new("s.yaml"), "a: [1, 2\nb: c\n").unwrap_err();
        assert!(y.location.line > 0);
    }
}
