//! The keywords each JSON Schema draft defines, and two checks a validator does not make: an
//! unknown keyword (`maxLenght`, `additionalproperties`) is silently an annotation, and a
//! wrong keyword value (`"type": "numbr"`) is reported in meta-schema jargon. Both are
//! answered here in plain words, with a did-you-mean, at the keyword's JSON pointer.
//!
//! Known are every keyword of every vocabulary of the draft (core, applicator, validation,
//! unevaluated, format, content, meta-data), plus `definitions` (widely used as a `$defs`
//! container in every draft) and `x-` extensions. OpenAPI's `nullable` (and its other
//! schema-object additions) are not JSON Schema: a validator ignores them, so they are
//! reported with the JSON Schema way to say the same thing.

use serde_json::Value;

use super::Draft;
use crate::source::escape_segment;

/// Keywords of draft 4 (core, validation, hyper-schema-free meta-data).
const DRAFT4: &[&str] = &[
    "$schema",
    "id",
    "$ref",
    "title",
    "description",
    "default",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "additionalItems",
    "items",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "additionalProperties",
    "definitions",
    "properties",
    "patternProperties",
    "dependencies",
    "enum",
    "type",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "format",
];
/// Added by draft 6.
const DRAFT6: &[&str] = &["$id", "const", "contains", "propertyNames", "examples"];
/// Added by draft 7.
const DRAFT7: &[&str] = &[
    "$comment",
    "if",
    "then",
    "else",
    "readOnly",
    "writeOnly",
    "contentMediaType",
    "contentEncoding",
];
/// Added by draft 2019-09 (`dependencies` split into the two `dependent*` keywords).
const DRAFT201909: &[&str] = &[
    "$anchor",
    "$recursiveRef",
    "$recursiveAnchor",
    "$vocabulary",
    "$defs",
    "dependentRequired",
    "dependentSchemas",
    "maxContains",
    "minContains",
    "unevaluatedItems",
    "unevaluatedProperties",
    "deprecated",
    "contentSchema",
];
/// Added by draft 2020-12 (`$recursive*` became `$dynamic*`; array `items` became
/// `prefixItems`, `additionalItems` became `items`).
const DRAFT202012: &[&str] = &["$dynamicRef", "$dynamicAnchor", "prefixItems"];

/// Whether `key` is a keyword of `draft`.
pub fn is_keyword(draft: Draft, key: &str) -> bool {
    let removed_2019 = ["dependencies"];
    let removed_2020 = ["$recursiveRef", "$recursiveAnchor", "additionalItems"];
    match draft {
        Draft::Draft4 => DRAFT4.contains(&key),
        Draft::Draft6 => DRAFT4.contains(&key) || DRAFT6.contains(&key),
        Draft::Draft7 => DRAFT4.contains(&key) || DRAFT6.contains(&key) || DRAFT7.contains(&key),
        Draft::Draft201909 => {
            !removed_2019.contains(&key)
                && (DRAFT4.contains(&key)
                    || DRAFT6.contains(&key)
                    || DRAFT7.contains(&key)
                    || DRAFT201909.contains(&key))
        }
        Draft::Draft202012 => {
            !removed_2019.contains(&key)
                && !removed_2020.contains(&key)
                && (DRAFT4.contains(&key)
                    || DRAFT6.contains(&key)
                    || DRAFT7.contains(&key)
                    || DRAFT201909.contains(&key)
                    || DRAFT202012.contains(&key))
        }
    }
}

fn all_keywords(draft: Draft) -> impl Iterator<Item = &'static str> {
    DRAFT4
        .iter()
        .chain(DRAFT6)
        .chain(DRAFT7)
        .chain(DRAFT201909)
        .chain(DRAFT202012)
        .copied()
        .filter(move |k| is_keyword(draft, k))
}

/// The JSON Schema type names.
const TYPES: &[&str] = &[
    "array", "boolean", "integer", "null", "number", "object", "string",
];

/// One problem with a keyword, at a JSON pointer into the schema document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordProblem {
    /// Pointer to the keyword (its value; `at_key` says to show the key itself).
    pub pointer: String,
    /// Whether the position to show is the key (an unknown keyword) rather than its value.
    pub at_key: bool,
    /// What is wrong: lowercase, offending value in backticks.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// Keywords of OpenAPI's schema object that JSON Schema does not have, with the fix.
fn openapi_hint(key: &str) -> Option<&'static str> {
    Some(match key {
        "nullable" => {
            "`nullable` is OpenAPI 3.0, not JSON Schema, and a validator ignores it: allow null with `\"type\": [\"string\", \"null\"]` (or an `anyOf` with `{\"type\": \"null\"}`)"
        }
        "example" => {
            "`example` is OpenAPI, not JSON Schema: write `\"examples\": [...]`, or allow it under `schemas.allow_keywords` in seam.yaml"
        }
        "discriminator" | "xml" | "externalDocs" => {
            "this is an OpenAPI keyword, not JSON Schema (a validator ignores it): remove it, or allow it under `schemas.allow_keywords` in seam.yaml"
        }
        _ => return None,
    })
}

/// Every keyword of `schema` that `draft` does not define: not an annotation, not `x-…`, not
/// in `allowed`. Each with a did-you-mean when a known keyword is close (case or spelling).
pub fn unknown_keywords(schema: &Value, draft: Draft, allowed: &[String]) -> Vec<KeywordProblem> {
    let mut out = Vec::new();
    walk(schema, "", 0, &mut |map, pointer| {
        for key in map.keys() {
            if is_keyword(draft, key)
                || key.starts_with("x-")
                || super::pointer::is_annotation(key) && !matches!(key.as_str(), "id" | "$id")
                || allowed.iter().any(|a| a == key)
            {
                continue;
            }
            // `$id` before draft 6 and `id` after draft 4 are misplaced identifiers.
            let suggestion = did_you_mean(key, draft);
            let help = if let Some(hint) = openapi_hint(key) {
                hint.to_owned()
            } else if let Some(s) = &suggestion {
                format!(
                    "did you mean `{s}`? An unknown keyword is ignored by validators, so it checks nothing; rename it, or allow it under `schemas.allow_keywords` in seam.yaml"
                )
            } else {
                format!(
                    "draft {} has no keyword `{key}`, so it checks nothing: remove it, prefix it with `x-` if it is your own annotation, or allow it under `schemas.allow_keywords` in seam.yaml",
                    draft.as_str()
                )
            };
            let message = match &suggestion {
                Some(s) => format!("unknown keyword `{key}` (did you mean `{s}`?)"),
                None => format!("unknown keyword `{key}`"),
            };
            out.push(KeywordProblem {
                pointer: format!("{pointer}/{}", escape_segment(key)),
                at_key: true,
                message,
                help,
            });
        }
    });
    out
}

/// The known keyword closest to `key`: equal ignoring case, or within a small edit distance.
fn did_you_mean(key: &str, draft: Draft) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    if let Some(k) = all_keywords(draft).find(|k| k.to_ascii_lowercase() == lower) {
        return Some(k);
    }
    all_keywords(draft)
        .map(|k| {
            (
                strsim::damerau_levenshtein(&lower, &k.to_ascii_lowercase()),
                k,
            )
        })
        .filter(|(d, k)| *d <= 2.max(k.len() / 5) && *d < k.len())
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// Keyword values that are wrong in a way a user should read in plain words (a misspelt type,
/// a negative length, a `required` that is not a list of names). The meta-schema reports them
/// too, in its own terms; callers show these instead.
pub fn invalid_values(schema: &Value, draft: Draft) -> Vec<KeywordProblem> {
    let mut out = Vec::new();
    walk(schema, "", 0, &mut |map, pointer| {
        for (key, value) in map {
            let at = format!("{pointer}/{}", escape_segment(key));
            if let Some((message, help)) = check_value(key, value, draft) {
                out.push(KeywordProblem {
                    pointer: at,
                    at_key: false,
                    message,
                    help,
                });
            }
        }
    });
    out
}

fn type_problem(name: &str) -> (String, String) {
    let close = TYPES
        .iter()
        .map(|t| {
            (
                strsim::damerau_levenshtein(&name.to_ascii_lowercase(), t),
                *t,
            )
        })
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, t)| (*d, *t))
        .map(|(_, t)| t);
    let message = match close {
        Some(t) => format!("`{name}` is not a JSON Schema type; did you mean `{t}`?"),
        None => format!("`{name}` is not a JSON Schema type"),
    };
    (message, format!("the types are {}", types_list()))
}

fn types_list() -> String {
    TYPES
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_value(key: &str, value: &Value, draft: Draft) -> Option<(String, String)> {
    let non_negative = |v: &Value| {
        v.as_u64().is_some() || v.as_f64().is_some_and(|f| f >= 0.0 && f.fract() == 0.0)
    };
    match key {
        "type" => match value {
            Value::String(t) if !TYPES.contains(&t.as_str()) => Some(type_problem(t)),
            Value::Array(items) => items.iter().find_map(|t| match t {
                Value::String(t) if !TYPES.contains(&t.as_str()) => Some(type_problem(t)),
                Value::String(_) => None,
                other => Some((
                    format!("`{other}` is not a type name"),
                    format!("write type names as strings: {}", types_list()),
                )),
            }),
            Value::String(_) => None,
            other => Some((
                format!("`type` must be a type name or a list of them, not `{other}`"),
                format!("write e.g. `\"type\": \"string\"`; the types are {}", types_list()),
            )),
        },
        "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
        | "maxProperties" | "minContains" | "maxContains"
            if !non_negative(value) =>
        {
            Some((
                format!("`{key}` must be a whole number of 0 or more, not `{value}`"),
                format!("write e.g. `\"{key}\": 1`"),
            ))
        }
        "minimum" | "maximum" | "multipleOf" if !value.is_number() => Some((
            format!("`{key}` must be a number, not `{value}`"),
            format!("write e.g. `\"{key}\": 0` (without quotes)"),
        )),
        "exclusiveMinimum" | "exclusiveMaximum"
            if draft == Draft::Draft4 && !value.is_boolean() =>
        {
            Some((
                format!("in draft 4 `{key}` is `true` or `false` (it modifies `minimum`/`maximum`), not `{value}`"),
                "write `\"minimum\": 0, \"exclusiveMinimum\": true`, or declare a newer draft with `$schema`".to_owned(),
            ))
        }
        "exclusiveMinimum" | "exclusiveMaximum"
            if draft != Draft::Draft4 && !value.is_number() =>
        {
            Some((
                format!("`{key}` must be a number, not `{value}`"),
                format!("write e.g. `\"{key}\": 0`; the `true`/`false` form is draft 4"),
            ))
        }
        "required" if !value.as_array().is_some_and(|a| a.iter().all(Value::is_string)) => {
            Some((
                format!("`required` must be a list of property names, not `{value}`"),
                "write e.g. `\"required\": [\"id\", \"name\"]`; in draft 4 and later a property is not required by `\"required\": true`".to_owned(),
            ))
        }
        "pattern" if !value.is_string() => Some((
            format!("`pattern` must be a regular expression in a string, not `{value}`"),
            "write e.g. `\"pattern\": \"^[A-Z]{3}$\"`".to_owned(),
        )),
        "enum" if !value.is_array() => Some((
            format!("`enum` must be a list of allowed values, not `{value}`"),
            "write e.g. `\"enum\": [\"open\", \"closed\"]` (one value: `\"const\"`)".to_owned(),
        )),
        "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas"
            if !value.is_object() =>
        {
            Some((
                format!("`{key}` must be a mapping of names to schemas, not `{value}`"),
                format!("write e.g. `\"{key}\": {{\"id\": {{\"type\": \"string\"}}}}`"),
            ))
        }
        "additionalProperties" | "not" | "propertyNames" | "contains" | "if" | "then"
        | "else" | "unevaluatedProperties" | "unevaluatedItems"
            if !value.is_object() && !value.is_boolean() =>
        {
            Some((
                format!("`{key}` must be a schema (a mapping, `true` or `false`), not `{value}`"),
                format!("write e.g. `\"{key}\": false` or `\"{key}\": {{\"type\": \"string\"}}`"),
            ))
        }
        "allOf" | "anyOf" | "oneOf" | "prefixItems"
            if value.as_array().is_none_or(Vec::is_empty) =>
        {
            Some((
                format!("`{key}` must be a non-empty list of schemas, not `{value}`"),
                format!("write e.g. `\"{key}\": [{{\"type\": \"string\"}}, {{\"type\": \"null\"}}]`"),
            ))
        }
        _ => None,
    }
}

/// Keywords whose value is one schema.
const ONE_SCHEMA: &[&str] = &[
    "additionalProperties",
    "additionalItems",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];
/// Keywords whose value maps names to schemas.
const NAMED_SCHEMAS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];
/// Keywords whose value is a list of schemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];

/// Calls `visit` on every schema object of the document (the root and every subschema in a
/// keyword position), with its pointer. Values of unknown keywords are not walked: they are
/// not schemas to a validator.
fn walk(
    value: &Value,
    pointer: &str,
    depth: usize,
    visit: &mut dyn FnMut(&serde_json::Map<String, Value>, &str),
) {
    if depth > 256 {
        return;
    }
    let Value::Object(map) = value else { return };
    visit(map, pointer);
    for (key, child) in map {
        let at = format!("{pointer}/{}", escape_segment(key));
        let k = key.as_str();
        if ONE_SCHEMA.contains(&k) {
            walk(child, &at, depth + 1, visit);
        } else if NAMED_SCHEMAS.contains(&k) || k == "dependencies" {
            if let Value::Object(named) = child {
                for (name, sub) in named {
                    let p = format!("{at}/{}", escape_segment(name));
                    walk(sub, &p, depth + 1, visit);
                }
            }
        } else if SCHEMA_LISTS.contains(&k) || k == "items" {
            match child {
                Value::Array(list) => {
                    for (i, sub) in list.iter().enumerate() {
                        walk(sub, &format!("{at}/{i}"), depth + 1, visit);
                    }
                }
                other => walk(other, &at, depth + 1, visit),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn typos_and_case_are_found_with_a_suggestion() {
        let schema = json!({
            "type": "object",
            "additionalproperties": false,
            "properties": {
                "text": { "type": "string", "maxLenght": 140, "x-owner": "crm", "deprecated": true },
                "maxLenght": { "type": "string" }
            }
        });
        let found = unknown_keywords(&schema, Draft::Draft202012, &[]);
        let shown: Vec<(&str, &str)> = found
            .iter()
            .map(|p| (p.pointer.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (
                    "/additionalproperties",
                    "unknown keyword `additionalproperties` (did you mean `additionalProperties`?)"
                ),
                (
                    "/properties/text/maxLenght",
                    "unknown keyword `maxLenght` (did you mean `maxLength`?)"
                ),
            ]
        );
        // Allowed by the repository.
        let allowed = vec!["maxLenght".to_owned(), "additionalproperties".to_owned()];
        assert!(unknown_keywords(&schema, Draft::Draft202012, &allowed).is_empty());
    }

    #[test]
    fn keywords_depend_on_the_draft() {
        let schema = json!({ "dependentRequired": { "a": ["b"] }, "dependencies": { "a": ["b"] } });
        let d7: Vec<String> = unknown_keywords(&schema, Draft::Draft7, &[])
            .into_iter()
            .map(|p| p.pointer)
            .collect();
        assert_eq!(d7, vec!["/dependentRequired"]);
        let d2020: Vec<String> = unknown_keywords(&schema, Draft::Draft202012, &[])
            .into_iter()
            .map(|p| p.pointer)
            .collect();
        assert_eq!(d2020, vec!["/dependencies"]);
        let nullable = unknown_keywords(&json!({"nullable": true}), Draft::Draft7, &[]);
        assert!(nullable[0].help.contains("OpenAPI"), "{nullable:?}");
    }

    #[test]
    fn data_is_not_walked() {
        let schema = json!({
            "enum": [{ "maxLenght": 1 }],
            "default": { "numbr": 1 },
            "examples": [{ "typo": 1 }],
            "const": { "typo": 1 }
        });
        assert!(unknown_keywords(&schema, Draft::Draft202012, &[]).is_empty());
    }

    #[test]
    fn wrong_values_in_plain_words() {
        let schema = json!({
            "properties": {
                "n": { "type": "numbr" },
                "m": { "type": ["string", "nul"] },
                "l": { "type": "string", "minLength": -1 },
                "r": { "required": true }
            }
        });
        let found = invalid_values(&schema, Draft::Draft202012);
        let shown: Vec<(&str, &str)> = found
            .iter()
            .map(|p| (p.pointer.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (
                    "/properties/n/type",
                    "`numbr` is not a JSON Schema type; did you mean `number`?"
                ),
                (
                    "/properties/m/type",
                    "`nul` is not a JSON Schema type; did you mean `null`?"
                ),
                (
                    "/properties/l/minLength",
                    "`minLength` must be a whole number of 0 or more, not `-1`"
                ),
                (
                    "/properties/r/required",
                    "`required` must be a list of property names, not `true`"
                ),
            ]
        );
        assert!(invalid_values(&json!({"exclusiveMinimum": true}), Draft::Draft4).is_empty());
        assert_eq!(
            invalid_values(&json!({"exclusiveMinimum": true}), Draft::Draft7).len(),
            1
        );
    }
}
