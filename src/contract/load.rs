//! Loading one YAML file of seam's own formats: parse with positions, validate against the
//! format's generated JSON Schema (so every mistake in the file is reported at once, each at
//! its line and column), then deserialize into the model type.

use std::path::Path;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{LoadError, LoadErrorKind, Location};
use crate::source::{Document, RepoRoot, SyntaxError, escape_segment};

/// Which of seam's own file formats a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `seam.yaml`.
    Config,
    /// `systems/<id>.yaml`.
    System,
    /// `keys.yaml`.
    Keys,
    /// `contracts/<id>/contract.yaml`.
    Contract,
    /// `consumers/<system>.yaml`.
    Consumer,
    /// `waivers.yaml`.
    Waivers,
}

impl FileKind {
    /// Reads what YAML makes natural as what it means: a `versions` entry with no value
    /// (`1.0.0:`) is a version with no metadata, `{}`.
    fn normalize(self, value: &mut Value) {
        if self == Self::Contract
            && let Some(Value::Object(versions)) = value.get_mut("versions")
        {
            for meta in versions.values_mut() {
                if meta.is_null() {
                    *meta = Value::Object(serde_json::Map::new());
                }
            }
        }
    }

    fn schema_name(self) -> &'static str {
        match self {
            Self::Config => "seam.schema.json",
            Self::System => "system.schema.json",
            Self::Keys => "keys.schema.json",
            Self::Contract => "contract.schema.json",
            Self::Consumer => "consumer.schema.json",
            Self::Waivers => "waivers.schema.json",
        }
    }
}

/// Validators for seam's own formats, compiled once per run.
pub struct FormatChecker {
    schemas: std::collections::BTreeMap<&'static str, (Value, Validator)>,
}

impl FormatChecker {
    /// Compiles the format schemas.
    pub fn new() -> Self {
        let mut schemas = std::collections::BTreeMap::new();
        for (name, schema) in super::model::file_schemas() {
            // The generated schemas are ours and valid; a failure here is a bug in seam.
            if let Ok(validator) = jsonschema::options()
                .should_validate_formats(false)
                .build(&schema)
            {
                schemas.insert(name, (schema, validator));
            }
        }
        Self { schemas }
    }

    /// Reads the file `rel` of `root` and loads it as `kind`.
    pub fn load_file<T: DeserializeOwned>(
        &self,
        root: &RepoRoot,
        rel: &Path,
        kind: FileKind,
    ) -> Result<(Document, T), Vec<LoadError>> {
        let mut doc = Document::read(root, rel).map_err(|e| vec![syntax_error(rel, e)])?;
        kind.normalize(&mut doc.value);
        let value = self.check(&doc, kind)?;
        Ok((doc, value))
    }

    /// Like [`FormatChecker::load_file`], but a file with format errors still yields its model
    /// when removing the offending fields makes it valid, so the loader can go on and report
    /// the file's other (semantic) errors in the same run. The errors are always returned.
    pub fn load_file_partial<T: DeserializeOwned>(
        &self,
        root: &RepoRoot,
        rel: &Path,
        kind: FileKind,
    ) -> (Option<(Document, T)>, Vec<LoadError>) {
        let mut doc = match Document::read(root, rel) {
            Ok(d) => d,
            Err(e) => return (None, vec![syntax_error(rel, e)]),
        };
        kind.normalize(&mut doc.value);
        match self.check::<T>(&doc, kind) {
            Ok(v) => (Some((doc, v)), Vec::new()),
            Err(errors) => {
                let pruned = self.prune(&doc.value, kind);
                let model = pruned.and_then(|v| serde_json::from_value::<T>(v).ok());
                (model.map(|m| (doc, m)), errors)
            }
        }
    }

    /// The value without the members that break the format (unknown fields, values of the
    /// wrong type or form), when that leaves a valid document; `None` otherwise.
    fn prune(&self, value: &Value, kind: FileKind) -> Option<Value> {
        let (_, validator) = self.schemas.get(kind.schema_name())?;
        let mut current = value.clone();
        for _ in 0..4 {
            let mut pointers: Vec<String> = Vec::new();
            for error in validator.iter_errors(&current) {
                let at = error.instance_path().as_str().to_owned();
                match error.kind() {
                    ValidationErrorKind::AdditionalProperties { unexpected } => {
                        pointers.extend(
                            unexpected
                                .iter()
                                .map(|f| format!("{at}/{}", escape_segment(f))),
                        );
                    }
                    // A missing field cannot be invented.
                    ValidationErrorKind::Required { .. } => return None,
                    _ => pointers.push(at),
                }
            }
            if pointers.is_empty() {
                return Some(current);
            }
            pointers.sort();
            pointers.dedup();
            for pointer in pointers.iter().rev() {
                remove_member(&mut current, pointer)?;
            }
        }
        None
    }

    /// Validates a parsed document against the format of `kind` and deserializes it.
    pub fn check<T: DeserializeOwned>(
        &self,
        doc: &Document,
        kind: FileKind,
    ) -> Result<T, Vec<LoadError>> {
        let Some((schema, validator)) = self.schemas.get(kind.schema_name()) else {
            return Err(vec![LoadError::new(
                Location::file(&doc.path),
                LoadErrorKind::Io,
                "internal error: no schema for this file format",
            )]);
        };
        let mut errors = Vec::new();
        for error in validator.iter_errors(&doc.value) {
            explain(doc, schema, &error, &mut errors);
        }
        if !errors.is_empty() {
            errors.sort_by(|a, b| {
                a.location
                    .cmp(&b.location)
                    .then_with(|| a.message.cmp(&b.message))
            });
            errors.dedup();
            return Err(errors);
        }
        serde_json::from_value(doc.value.clone()).map_err(|e| {
            vec![LoadError::new(
                Location::new(&doc.path, 1, 1),
                LoadErrorKind::InvalidValue,
                e.to_string(),
            )]
        })
    }
}

impl Default for FormatChecker {
    fn default() -> Self {
        Self::new()
    }
}

/// Removes the object member at `pointer`; `None` when it is the root or an array element
/// (removing those would shift what later positions mean).
fn remove_member(value: &mut Value, pointer: &str) -> Option<()> {
    let (parent, last) = pointer.rsplit_once('/')?;
    let key = last.replace("~1", "/").replace("~0", "~");
    match value.pointer_mut(parent)? {
        Value::Object(map) => map.shift_remove(&key).map(|_| ()),
        _ => None,
    }
}

/// Turns a parse failure into a load error.
pub fn syntax_error(shown: &Path, err: SyntaxError) -> LoadError {
    let kind = if err.message.contains("limit")
        || err.message.contains("nesting")
        || err.message.contains("alias")
        || err.message.contains("UTF-8")
        || err.message.contains("too large")
    {
        LoadErrorKind::Budget
    } else if err.message == "file not found" {
        LoadErrorKind::MissingFile
    } else if err.line == 0 {
        LoadErrorKind::Io
    } else {
        LoadErrorKind::Syntax
    };
    let mut out = LoadError::new(Location::new(shown, err.line, err.col), kind, err.message);
    out.help = err.help;
    out
}

fn at(doc: &Document, pointer: &str, key: bool) -> Location {
    let (line, col) = doc.locate(pointer, key);
    Location::new(&doc.path, line, col)
}

fn explain(doc: &Document, schema: &Value, error: &ValidationError<'_>, out: &mut Vec<LoadError>) {
    let pointer = error.instance_path().as_str().to_owned();
    let instance = doc.value.pointer(&pointer).unwrap_or(&Value::Null);
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known = known_fields(schema, &doc.value, &pointer);
            for field in unexpected {
                let child = format!("{pointer}/{}", escape_segment(field));
                let mut err = LoadError::new(
                    at(doc, &child, true),
                    LoadErrorKind::UnknownField,
                    format!("unknown field `{field}`"),
                );
                err.help = Some(
                    match did_you_mean(field, known.iter().map(String::as_str)) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None if known.is_empty() => "remove this field".to_owned(),
                        None => format!("expected one of {}", list(&known)),
                    },
                );
                out.push(err);
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let what = if pointer.is_empty() {
                "the file".to_owned()
            } else {
                format!("`{}`", pointer.trim_start_matches('/'))
            };
            out.push(
                LoadError::new(
                    at(doc, &pointer, false),
                    LoadErrorKind::MissingField,
                    format!("missing field `{name}`"),
                )
                .with_help(format!("add `{name}:` to {what}")),
            );
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(ts) => {
                    let names: Vec<String> = ts
                        .iter()
                        .filter(|t| t.to_string() != "null")
                        .map(|t| t.to_string())
                        .collect();
                    names.join(" or ")
                }
            };
            out.push(
                LoadError::new(
                    at(doc, &pointer, false),
                    LoadErrorKind::WrongType,
                    format!("expected {}, found {}", expected, describe(instance)),
                )
                .with_help(type_help(&expected)),
            );
        }
        ValidationErrorKind::Enum { options } => {
            let names: Vec<String> = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            enum_error(doc, &pointer, instance, &names, out);
        }
        ValidationErrorKind::Pattern { pattern } => {
            let shown = instance.as_str().unwrap_or_default();
            out.push(
                LoadError::new(
                    at(doc, &pointer, false),
                    LoadErrorKind::InvalidValue,
                    format!("invalid value `{shown}`"),
                )
                .with_help(pattern_help(pattern)),
            );
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context }
            if context.iter().all(|errs| {
                errs.len() == 1
                    && matches!(
                        errs.first().map(ValidationError::kind),
                        Some(ValidationErrorKind::Constant { .. })
                    )
            }) =>
        {
            // Documented enums are generated as `oneOf` of `const`s: report them as one enum.
            let names: Vec<String> = context
                .iter()
                .filter_map(|errs| match errs.first().map(ValidationError::kind) {
                    Some(ValidationErrorKind::Constant { expected_value }) => {
                        expected_value.as_str().map(str::to_owned)
                    }
                    _ => None,
                })
                .collect();
            enum_error(doc, &pointer, instance, &names, out);
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // `Option<T>` fields are `anyOf: [T, null]`: explain the non-null branch.
            let branch = context.iter().find(|errs| {
                !errs.iter().any(|e| {
                    matches!(e.kind(), ValidationErrorKind::Type { kind: TypeKind::Single(t) } if t.to_string() == "null")
                })
            });
            match branch {
                Some(errs) if !errs.is_empty() => {
                    for e in errs {
                        explain(doc, schema, e, out);
                    }
                }
                _ => out.push(LoadError::new(
                    at(doc, &pointer, false),
                    LoadErrorKind::InvalidValue,
                    error.to_string(),
                )),
            }
        }
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::Maximum { limit } => {
            out.push(
                LoadError::new(
                    at(doc, &pointer, false),
                    LoadErrorKind::InvalidValue,
                    format!("value `{instance}` is out of range"),
                )
                .with_help(format!("the limit is {limit}")),
            );
        }
        _ => out.push(LoadError::new(
            at(doc, &pointer, false),
            LoadErrorKind::InvalidValue,
            lowercase_first(&error.to_string()),
        )),
    }
}

fn enum_error(
    doc: &Document,
    pointer: &str,
    instance: &Value,
    names: &[String],
    out: &mut Vec<LoadError>,
) {
    let shown = instance
        .as_str()
        .map_or_else(|| instance.to_string(), str::to_owned);
    let mut err = LoadError::new(
        at(doc, pointer, false),
        LoadErrorKind::InvalidValue,
        format!("invalid value `{shown}`"),
    );
    err.help = Some(
        match did_you_mean(&shown, names.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`? expected one of {}", list(names)),
            None => format!("expected one of {}", list(names)),
        },
    );
    out.push(err);
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn type_help(expected: &str) -> String {
    match expected {
        "string" => "quote the value to make it a string".to_owned(),
        "object" => "write a mapping (`key: value` lines) here".to_owned(),
        "array" => "write a list (`- item` lines) here".to_owned(),
        "boolean" => "write `true` or `false`".to_owned(),
        "integer" => "write a whole number here".to_owned(),
        "number" => "write a number here".to_owned(),
        other => format!("write a value of type {other} here"),
    }
}

fn pattern_help(pattern: &str) -> String {
    if pattern.contains("(s|m|h|d)") {
        "write a duration such as `30s`, `15m`, `2h` or `1d`".to_owned()
    } else if pattern.contains("[0-9]{4}-") {
        "write a date as YYYY-MM-DD, e.g. `2027-03-31`".to_owned()
    } else if pattern.starts_with("^(/") {
        "write a JSON pointer such as `/order_id` or `/customer/id`".to_owned()
    } else if pattern.contains("[a-z0-9][a-z0-9._-]") {
        "ids use lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit"
            .to_owned()
    } else if pattern.contains("[0-9]+(\\.") {
        "write a decimal number as a string, e.g. `\"0.01\"`".to_owned()
    } else {
        format!("the value must match `{pattern}`")
    }
}

/// A short description of a value for messages.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        Value::String(s) => format!("string `{s}`"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

fn list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closest candidate to `word`, when one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let word = word.to_lowercase();
    let mut best: Option<(usize, f64, &str)> = None;
    for c in candidates {
        let lower = c.to_lowercase();
        // Edits (a swap counts as one) for short words, similarity for long ones.
        let distance = strsim::osa_distance(&word, &lower);
        let similarity = strsim::jaro_winkler(&word, &lower);
        let close = distance <= (word.chars().count() / 3).max(1) || similarity > 0.85;
        if close && best.is_none_or(|(d, s, _)| (distance, -similarity) < (d, -s)) {
            best = Some((distance, similarity, c));
        }
    }
    best.map(|(_, _, c)| c.to_owned())
}

/// The property names the format allows at `pointer` (an object in the instance).
fn known_fields(schema: &Value, instance: &Value, pointer: &str) -> Vec<String> {
    let mut node = resolve(schema, schema);
    let mut value = instance;
    for seg in crate::source::split_pointer(pointer) {
        let next_value = match value {
            Value::Object(m) => m.get(&seg),
            Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        };
        let Some(next_value) = next_value else {
            return Vec::new();
        };
        let next = match value {
            Value::Array(_) => node.get("items"),
            _ => node
                .get("properties")
                .and_then(|p| p.get(&seg))
                .or_else(|| node.get("additionalProperties").filter(|a| a.is_object())),
        };
        let Some(next) = next else { return Vec::new() };
        node = resolve(schema, next);
        value = next_value;
    }
    node.get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Follows `$ref` and the non-null branch of `anyOf` within one generated schema.
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    for _ in 0..16 {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            match r.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(target) => node = target,
                None => return node,
            }
        } else if let Some(branches) = node.get("anyOf").and_then(Value::as_array) {
            match branches
                .iter()
                .find(|b| b.get("type").and_then(Value::as_str) != Some("null"))
            {
                Some(b) => node = b,
                None => return node,
            }
        } else {
            return node;
        }
    }
    node
}
