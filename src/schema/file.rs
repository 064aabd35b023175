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

use serde_json::Value;

use super::model::Draft;
use super::upgrade;
use crate::error::Location;
use crate::schema::bundle::{self, Target};
use crate::schema::pointer::{Holds, escape, holds};
use crate::source::{Document, RepoRoot, Syntax, SyntaxError, read_text};

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
    /// The file was refused (not a regular file inside the root, too large, not UTF-8) or
    /// does not parse; the message and help come from [`crate::source`].
    Source {
        /// Lowercase fragment.
        message: String,
        /// How to fix it.
        help: Option<String>,
    },
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
            SchemaFileErrorKind::Source { message, .. } => message.clone(),
        }
    }

    /// How to fix it.
    pub fn help(&self) -> &str {
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
            SchemaFileErrorKind::Source { help, .. } => help
                .as_deref()
                .unwrap_or("fix the file at the position shown"),
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

/// Parses JSON or YAML text (by extension; YAML for `.yaml`/`.yml`, JSON otherwise) with the
/// budgets and positions of [`crate::source`]: duplicate keys, deep nesting and alias bombs
/// are errors at their line and column.
pub fn parse_schema_text(path: &Path, text: &str) -> Result<Value, SchemaFileError> {
    let yaml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    let syntax = if yaml { Syntax::Yaml } else { Syntax::Json };
    Document::parse(path, syntax, text.to_owned())
        .map(|doc| doc.value)
        .map_err(|e| source_error(path, e))
}

fn source_error(path: &Path, e: SyntaxError) -> SchemaFileError {
    SchemaFileError {
        location: Location::new(path, e.line, e.col),
        kind: SchemaFileErrorKind::Source {
            message: e.message,
            help: e.help,
        },
    }
}

/// Reads a schema file: a regular file inside `root` (symbolic links followed), within the
/// size budget, UTF-8 (see [`crate::source::read_text`]).
fn read(root: &RepoRoot, path: &Path) -> Result<Value, SchemaFileError> {
    let text = read_text(path, Some(root)).map_err(|e| source_error(path, e))?;
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

/// Files on disk, inside `root`.
struct Files {
    /// The repository every read must stay inside.
    jail: RepoRoot,
    root: PathBuf,
    entry: PathBuf,
    /// The entry file's draft.
    root_draft: Draft,
    /// `#/$defs/<key>/` of each file bundled in its upgraded form.
    upgraded: Vec<String>,
}

impl bundle::Resolver for Files {
    type Error = SchemaFileError;

    fn document(&mut self, file: &Path, key: &str) -> Result<Option<Value>, SchemaFileError> {
        let mut sub = read(&self.jail, file)?;
        let sub_draft = upgrade::detect_draft(&sub, self.root_draft);
        if self.root_draft == Draft::Draft202012 && sub_draft < self.root_draft {
            // Read as the entry file's draft, a draft-04 `exclusiveMaximum: true` is invalid:
            // the file is rewritten into the form with its own meaning (its local references
            // follow; references into it from other files are fixed after bundling).
            sub = upgrade::upgrade(&sub, sub_draft);
            self.upgraded.push(format!("#/$defs/{}/", escape(key)));
        }
        Ok(Some(sub))
    }

    fn resolve(&mut self, file: &Path, reference: &str) -> Result<Target, SchemaFileError> {
        if is_remote(reference) {
            return Err(err(
                file,
                SchemaFileErrorKind::RemoteRef(reference.to_owned()),
            ));
        }
        let (path_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let anchor = !fragment.is_empty() && !fragment.starts_with('/');
        let unresolved = || err(file, SchemaFileErrorKind::Unresolved(reference.to_owned()));
        if path_part.is_empty() {
            // A plain-name anchor in the entry document stays as is.
            return match (anchor, file == self.entry) {
                (false, _) => Ok(Target::Local),
                (true, true) => Ok(Target::Keep),
                (true, false) => Err(unresolved()),
            };
        }
        let dir = file.parent().unwrap_or_else(|| Path::new(""));
        let joined = lexical(&dir.join(path_part))
            .filter(|p| p.starts_with(&self.root))
            .ok_or_else(|| err(file, SchemaFileErrorKind::EscapesRoot(reference.to_owned())))?;
        // Only "nothing there" is unresolved; a pipe, folder or link leading out is refused by
        // the reader with its reason.
        if std::fs::symlink_metadata(&joined).is_err() || (anchor && joined != self.entry) {
            return Err(unresolved());
        }
        Ok(Target::File(joined))
    }

    fn key(
        &mut self,
        file: &Path,
        taken: &BTreeMap<PathBuf, String>,
    ) -> Result<String, SchemaFileError> {
        if taken.len() >= MAX_FILES {
            return Err(err(
                file,
                SchemaFileErrorKind::TooLarge(format!("more than {MAX_FILES} referenced files")),
            ));
        }
        let rel = file.strip_prefix(&self.root).unwrap_or(file);
        Ok(rel.to_string_lossy().replace('\\', "/"))
    }

    fn too_deep(&mut self, file: &Path) -> Result<(), SchemaFileError> {
        Err(err(
            file,
            SchemaFileErrorKind::TooLarge(format!("nesting deeper than {MAX_DEPTH}")),
        ))
    }

    fn not_an_object(&mut self, entry: &Path) -> Result<(), SchemaFileError> {
        Err(err(
            entry,
            SchemaFileErrorKind::Unresolved("a boolean schema cannot hold `$defs`".to_owned()),
        ))
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
    let entry = lexical(&if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    });
    load(root, path).map_err(|mut e| {
        // The file named on the command line is shown as the user wrote it; the files it
        // references relative to the root.
        if entry.as_deref() == Some(e.location.path.as_path()) {
            path.clone_into(&mut e.location.path);
        } else if let Some(r) = &root_abs
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
    // Canonicalized once; every file read (the entry file too) must resolve inside it.
    let jail = RepoRoot::new(&root_abs);
    let doc = read(&jail, path)?;
    let mut files = Files {
        jail,
        root: root_abs,
        entry: file_abs.clone(),
        root_draft: upgrade::detect_draft(&doc, Draft::Draft202012),
        upgraded: Vec::new(),
    };
    let mut doc = bundle::bundle(
        &file_abs,
        doc,
        &mut files,
        bundle::Options {
            max_depth: MAX_DEPTH,
            order: bundle::Order::ByKey,
        },
    )?;
    if !files.upgraded.is_empty() {
        upgrade_refs_into(&mut doc, &files.upgraded, 0);
    }
    Ok(doc)
}

/// Rewrites the references that point into an upgraded file (`prefixes`) to the upgraded
/// layout (`definitions` → `$defs`, tuple `items/N` → `prefixItems/N`).
fn upgrade_refs_into(node: &mut Value, prefixes: &[String], depth: usize) {
    upgrade_refs_in(node, prefixes, false, depth);
}

/// [`upgrade_refs_into`]; `names` when `node` maps names to subschemas.
fn upgrade_refs_in(node: &mut Value, prefixes: &[String], names: bool, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match node {
        Value::Object(map) if names => {
            for v in map.values_mut() {
                upgrade_refs_in(v, prefixes, false, depth + 1);
            }
        }
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref")
                && let Some(prefix) = prefixes.iter().find(|p| r.starts_with(p.as_str()))
            {
                let rest = r.get(prefix.len() - 1..).unwrap_or_default();
                let fixed = upgrade::upgrade_ref(&format!("#{rest}"));
                *r = format!("{}{}", &prefix[..prefix.len() - 1], &fixed[1..]);
            }
            for (k, v) in map.iter_mut() {
                match holds(k) {
                    Holds::Data => {}
                    Holds::Names => upgrade_refs_in(v, prefixes, true, depth + 1),
                    Holds::Schemas => upgrade_refs_in(v, prefixes, false, depth + 1),
                }
            }
        }
        Value::Array(items) if !names => {
            for v in items {
                upgrade_refs_in(v, prefixes, false, depth + 1);
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
