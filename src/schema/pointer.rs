//! JSON pointers and local references, in one place: escaping and splitting pointer tokens
//! (RFC 6901), percent-decoding a URI fragment, resolving a local `$ref` (`#`, `#/pointer`,
//! `#name`), and the one list of keywords that carry no assertion.
//!
//! Escaping and splitting are defined in [`crate::source`] (the positions layer below the
//! engine locates pointers in YAML and JSON text) and re-exported here.

use std::borrow::Cow;

use serde_json::Value;

pub use crate::source::{
    escape_segment as escape, split_pointer as split, unescape_segment as unescape,
};

/// Keywords whose values are data, never schemas: a `$ref` member there is a value.
pub const DATA_KEYWORDS: &[&str] = &["enum", "const", "examples", "default"];

/// Keywords whose values map names to subschemas: a key there is a name (a property named
/// `const` or `$ref`), never a keyword.
pub const NAMED_SCHEMAS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
    "dependencies",
];

/// What the value of a member of a schema object holds, for the walkers that look for
/// references, identifiers and anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// Data ([`DATA_KEYWORDS`]): nothing there is a reference.
    Data,
    /// Names mapped to subschemas ([`NAMED_SCHEMAS`]).
    Names,
    /// Subschemas, arrays of them, or a value that holds none (walked as schemas: a `$ref`
    /// may point into an unknown keyword).
    Schemas,
}

/// What the member `key` of a schema object holds.
pub fn holds(key: &str) -> Holds {
    if DATA_KEYWORDS.contains(&key) {
        Holds::Data
    } else if NAMED_SCHEMAS.contains(&key) {
        Holds::Names
    } else {
        Holds::Schemas
    }
}

/// Keywords that never change the accepted set: identifiers, containers of definitions,
/// comments, annotations. Extension keywords (`x-...`) are annotations too
/// ([`is_annotation`]).
///
/// The `content*` keywords are annotations from draft 2019-09 on, but drafts 6 and 7 let a
/// validator assert them and the `jsonschema` crate (which re-checks every counterexample
/// and verifies examples) does; the engine therefore treats them as assertions
/// ([`never_asserts`]). The structural diff treats them as annotations: it explains, the
/// semantic check decides.
pub const ANNOTATIONS: &[&str] = &[
    "$anchor",
    "$comment",
    "$defs",
    "$dynamicAnchor",
    "$id",
    "$schema",
    "$vocabulary",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "default",
    "definitions",
    "deprecated",
    "description",
    "examples",
    "id",
    "readOnly",
    "title",
    "writeOnly",
];

/// The annotations that drafts 6 and 7 may assert.
const CONTENT: &[&str] = &["contentEncoding", "contentMediaType", "contentSchema"];

/// Whether `key` is an annotation only (one of [`ANNOTATIONS`] or an `x-` extension).
pub fn is_annotation(key: &str) -> bool {
    ANNOTATIONS.contains(&key) || key.starts_with("x-")
}

/// Whether `key` never restricts the values the validator accepts, in any draft: an
/// annotation that no draft lets a validator assert.
pub fn never_asserts(key: &str) -> bool {
    is_annotation(key) && !CONTENT.contains(&key)
}

/// Decodes `%XX` escapes (two hex digits) of a URI fragment; other bytes, and a `%` not
/// followed by two hex digits, are kept. Invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let (Some(h), Some(l)) = (bytes.get(i + 1), bytes.get(i + 2))
            && let (Some(h), Some(l)) = (hex(*h), hex(*l))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Resolves a local JSON-pointer reference (`#` or `#/...`, percent-decoded) within `root`:
/// the target and its (decoded) pointer. `None` for anything else (an anchor, another
/// document) and for a pointer to nothing.
pub fn resolve_pointer<'a>(root: &'a Value, reference: &str) -> Option<(&'a Value, String)> {
    let fragment = reference.strip_prefix('#')?;
    if fragment.is_empty() {
        return Some((root, String::new()));
    }
    if !fragment.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(fragment);
    root.pointer(&decoded).map(|v| (v, decoded.into_owned()))
}

/// The plain-name anchor a schema object declares: `$anchor: name`, or (drafts 4 to 7) an
/// `$id`/`id` that is a fragment `#name`.
pub fn anchor_name(schema: &serde_json::Map<String, Value>) -> Option<&str> {
    schema
        .get("$anchor")
        .and_then(Value::as_str)
        .or_else(|| {
            ["$id", "id"]
                .iter()
                .find_map(|k| schema.get(*k).and_then(Value::as_str))
                .and_then(|id| id.strip_prefix('#'))
        })
        .filter(|n| !n.is_empty() && !n.starts_with('/'))
}

/// Deepest nesting [`find_anchor`] searches.
const MAX_ANCHOR_DEPTH: usize = 64;

/// The subschema declaring the plain-name anchor `name` (see [`anchor_name`]), searched
/// depth-first in document order; the values of `const`, `enum`, `default` and `examples`
/// are data, never anchors.
pub fn find_anchor<'a>(root: &'a Value, name: &str) -> Option<&'a Value> {
    fn walk<'a>(v: &'a Value, name: &str, names: bool, depth: usize) -> Option<&'a Value> {
        if depth > MAX_ANCHOR_DEPTH {
            return None;
        }
        match v {
            Value::Object(m) if names => m.values().find_map(|c| walk(c, name, false, depth + 1)),
            Value::Object(m) => {
                if anchor_name(m) == Some(name) {
                    return Some(v);
                }
                m.iter().find_map(|(k, c)| match holds(k) {
                    Holds::Data => None,
                    Holds::Names => walk(c, name, true, depth + 1),
                    Holds::Schemas => walk(c, name, false, depth + 1),
                })
            }
            Value::Array(a) if !names => a.iter().find_map(|c| walk(c, name, false, depth + 1)),
            _ => None,
        }
    }
    walk(root, name, false, 0)
}

/// Resolves a local reference: `#`, `#/pointer` ([`resolve_pointer`]) or `#name`
/// ([`find_anchor`]).
pub fn resolve<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let fragment = reference.strip_prefix('#')?;
    if fragment.is_empty() || fragment.starts_with('/') {
        return resolve_pointer(root, reference).map(|(v, _)| v);
    }
    find_anchor(root, fragment)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn escapes_and_splits_tokens() {
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(split("/a~1b~0c/0"), ["a/b~c", "0"]);
        assert!(split("").is_empty());
        assert_eq!(unescape("a~1b~0c"), "a/b~c");
    }

    #[test]
    fn percent_decodes_only_valid_escapes() {
        assert_eq!(percent_decode("/a%20b"), "/a b");
        assert_eq!(percent_decode("/%7e%7E"), "/~~");
        assert_eq!(percent_decode("/100%"), "/100%");
        assert_eq!(percent_decode("/%zz%+f"), "/%zz%+f");
        assert_eq!(percent_decode("/%C3%A9"), "/é");
        assert!(matches!(percent_decode("/plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn resolves_local_references() {
        let doc = json!({
            "$defs": {
                "a b": {"type": "string"},
                "named": {"$anchor": "here", "type": "integer"},
                "old": {"$id": "#legacy", "type": "null"}
            }
        });
        assert_eq!(resolve(&doc, "#"), Some(&doc));
        assert_eq!(
            resolve_pointer(&doc, "#/$defs/a%20b"),
            Some((&json!({"type": "string"}), "/$defs/a b".to_owned()))
        );
        assert_eq!(
            resolve(&doc, "#here").and_then(|v| v.get("type")),
            Some(&json!("integer"))
        );
        assert_eq!(
            resolve(&doc, "#legacy").and_then(|v| v.get("type")),
            Some(&json!("null"))
        );
        assert_eq!(resolve(&doc, "#/$defs/missing"), None);
        assert_eq!(resolve(&doc, "other.json#/x"), None);
        assert_eq!(resolve_pointer(&doc, "#here"), None);
    }

    #[test]
    fn annotations() {
        assert!(is_annotation("title") && is_annotation("x-internal"));
        assert!(!is_annotation("type"));
        assert!(is_annotation("contentMediaType") && !never_asserts("contentMediaType"));
        assert!(never_asserts("$defs") && never_asserts("x-internal"));
    }
}
