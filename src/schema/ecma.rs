//! What seam hands the validator for ECMA-262 `pattern`s: the validator's regex translation
//! refuses a few valid ECMA-262 spellings (`[^]`, `[]`, named backreferences `\k<name>`), so
//! they are respelled with the same meaning; and its default compiled-size limit refuses valid
//! but large patterns (`(a{1000}){1000}`), so it is raised to a bound that still keeps one
//! pattern within memory.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::{Map, Value};

/// Compiled-size limit of one pattern in the validator, in bytes (the regex crate's default is
/// 10 MiB, which `(a{1000}){1000}` exceeds; twice this is the most one pattern holds while it
/// compiles, and the engine compiles a pattern up to three times: validator, canonical form,
/// its own automaton, all within a 2 GB address space).
const PATTERN_SIZE_LIMIT: usize = 64 << 20;

/// Backtracking steps one match may take in the engine's validators (the default, 1,000,000,
/// stays for `seam verify`). The witness search validates thousands of candidates: with the
/// default, `^(?:(a|a)*c|(.)\2*)$` against a run of `a`s cost minutes. A match past the limit is
/// neither a match nor a rejection, so the question ends unknown, never wrong.
const ENGINE_BACKTRACK_LIMIT: usize = 20_000;

/// Pattern settings every validator seam builds uses.
pub fn pattern_options() -> jsonschema::PatternOptions<jsonschema::FancyRegex> {
    jsonschema::PatternOptions::fancy_regex().size_limit(PATTERN_SIZE_LIMIT)
}

/// Pattern settings of the compatibility engine's validators: [`pattern_options`] with a
/// backtracking budget fit for validating many candidates.
pub fn engine_pattern_options() -> jsonschema::PatternOptions<jsonschema::FancyRegex> {
    pattern_options().backtrack_limit(ENGINE_BACKTRACK_LIMIT)
}

/// The validator's message for a schema it could not build, with the reason said when a
/// `pattern` is well formed but compiles past the size limit (nested repetitions
/// multiply its states), which the validator reports as "not a regex".
pub fn explain_build_error(message: String) -> String {
    let Some(quoted) = message.strip_suffix(" is not a \"regex\"") else {
        return message;
    };
    let Ok(pattern) = serde_json::from_str::<String>(quoted) else {
        return message;
    };
    let pattern = respell(&pattern).unwrap_or(pattern);
    if regex_syntax::Parser::new().parse(&pattern).is_ok() {
        format!(
            "{quoted} is a well-formed regex, but it compiles past the size limit of {} MiB \
             (nested repetitions multiply its states): write smaller repetition counts",
            PATTERN_SIZE_LIMIT >> 20
        )
    } else {
        message
    }
}

/// `ecma` respelled for the validator, or `None` when it needs no change: `[^]` (any
/// character) becomes `[\s\S]`, `[]` (no character) `[^\s\S]`, and `\k<name>` the numbered
/// backreference of its group, `(?:\N)`.
pub fn respell(ecma: &str) -> Option<String> {
    let chars: Vec<char> = ecma.chars().collect();
    if !ecma.contains("\\k<") && !ecma.contains("[]") && !ecma.contains("[^]") {
        return None;
    }
    // Capturing groups in order, named or not.
    let mut names: Vec<Option<String>> = Vec::new();
    let mut i = 0;
    let mut in_class = false;
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' => i += 1,
            '[' if !in_class => {
                in_class = true;
                // `[]` and `[^]` close at once; `]` right after `[` or `[^` is the end.
                if chars.get(i + 1) == Some(&'^') {
                    i += 1;
                }
                if chars.get(i + 1) == Some(&']') {
                    in_class = false;
                    i += 1;
                }
            }
            ']' if in_class => in_class = false,
            '(' if !in_class => {
                if chars.get(i + 1) == Some(&'?') {
                    if chars.get(i + 2) == Some(&'<')
                        && !matches!(chars.get(i + 3), Some('=' | '!'))
                    {
                        let name: String = chars
                            .get(i + 3..)
                            .unwrap_or_default()
                            .iter()
                            .take_while(|c| **c != '>')
                            .collect();
                        names.push(Some(name));
                    }
                } else {
                    names.push(None);
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut out = String::with_capacity(ecma.len() + 8);
    let mut changed = false;
    let mut i = 0;
    let mut in_class = false;
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' => {
                let next = chars.get(i + 1).copied();
                if next == Some('k') && !in_class && chars.get(i + 2) == Some(&'<') {
                    let name: String = chars
                        .get(i + 3..)
                        .unwrap_or_default()
                        .iter()
                        .take_while(|c| **c != '>')
                        .collect();
                    if let Some(index) = names.iter().position(|n| n.as_deref() == Some(&name)) {
                        let _ = write!(out, "(?:\\{})", index + 1);
                        i += 3 + name.chars().count() + 1;
                        changed = true;
                        continue;
                    }
                }
                out.push('\\');
                if let Some(n) = next {
                    out.push(n);
                }
                i += 2;
                continue;
            }
            '[' if !in_class => {
                let negated = chars.get(i + 1) == Some(&'^');
                let close = i + 1 + usize::from(negated);
                if chars.get(close) == Some(&']') {
                    out.push_str(if negated { "[\\s\\S]" } else { "[^\\s\\S]" });
                    changed = true;
                    i = close + 1;
                    continue;
                }
                in_class = true;
                out.push('[');
                if negated {
                    out.push('^');
                    i += 1;
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            _ => out.push(c),
        }
        i += 1;
    }
    changed.then_some(out)
}

/// `doc` with every `pattern` and `patternProperties` name respelled for the validator;
/// borrowed when nothing changes. Values of `const`, `enum`, `default` and `examples` are data
/// and stay as they are.
pub fn for_validator(doc: &Value) -> Cow<'_, Value> {
    walk(doc, false, 0).map_or(Cow::Borrowed(doc), Cow::Owned)
}

/// The rewritten value, `None` when unchanged. `names`: an object mapping names to subschemas
/// (`properties`, `$defs`...), whose keys are not keywords.
fn walk(v: &Value, names: bool, depth: usize) -> Option<Value> {
    if depth > 512 {
        return None;
    }
    match v {
        Value::Object(m) => {
            let mut out: Option<Map<String, Value>> = None;
            for (i, (k, x)) in m.iter().enumerate() {
                let (key, changed) = if names {
                    (None, walk(x, false, depth + 1))
                } else {
                    match k.as_str() {
                        "const" | "enum" | "default" | "examples" => (None, None),
                        "pattern" => (None, x.as_str().and_then(respell).map(Value::String)),
                        "patternProperties" => {
                            // Its names are patterns themselves.
                            let renamed = x.as_object().map(|pp| {
                                pp.iter()
                                    .map(|(p, s)| {
                                        let s =
                                            walk(s, false, depth + 1).unwrap_or_else(|| s.clone());
                                        (respell(p).unwrap_or_else(|| p.clone()), s)
                                    })
                                    .collect::<Map<String, Value>>()
                            });
                            (
                                None,
                                renamed
                                    .filter(|r| Some(r) != x.as_object())
                                    .map(Value::Object),
                            )
                        }
                        "properties" | "$defs" | "definitions" | "dependentSchemas"
                        | "dependencies" => (None, walk(x, true, depth + 1)),
                        _ => (None::<String>, walk(x, false, depth + 1)),
                    }
                };
                let key = key.unwrap_or_else(|| k.clone());
                if let Some(new) = changed {
                    let o = out.get_or_insert_with(|| {
                        m.iter()
                            .take(i)
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect()
                    });
                    o.insert(key, new);
                } else if let Some(o) = out.as_mut() {
                    o.insert(key, x.clone());
                }
            }
            out.map(Value::Object)
        }
        Value::Array(a) => {
            let mut out: Option<Vec<Value>> = None;
            for (i, x) in a.iter().enumerate() {
                match walk(x, false, depth + 1) {
                    Some(new) => {
                        out.get_or_insert_with(|| a.iter().take(i).cloned().collect())
                            .push(new);
                    }
                    None => {
                        if let Some(o) = out.as_mut() {
                            o.push(x.clone());
                        }
                    }
                }
            }
            out.map(Value::Array)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn valid_ecma_spellings_are_respelled() {
        assert_eq!(respell("^[^]*$").as_deref(), Some("^[\\s\\S]*$"));
        assert_eq!(respell("^a[]$").as_deref(), Some("^a[^\\s\\S]$"));
        assert_eq!(
            respell("^(?<x>a)\\k<x>$").as_deref(),
            Some("^(?<x>a)(?:\\1)$")
        );
        assert_eq!(
            respell("^(b)(?<x>a)\\k<x>0$").as_deref(),
            Some("^(b)(?<x>a)(?:\\2)0$")
        );
        // A class that merely starts with `]`-free text is left alone.
        assert_eq!(respell("^[a-z]+$"), None);
        assert_eq!(respell("\\[]"), None);
    }

    #[test]
    fn documents_are_rewritten_only_where_patterns_sit() {
        let doc = json!({"properties": {"a": {"pattern": "[^]"}}, "const": {"pattern": "[^]"}, "patternProperties": {"^(?<n>x)\\k<n>$": {"pattern": "[]"}}});
        let out = for_validator(&doc);
        assert_eq!(out["properties"]["a"]["pattern"], "[\\s\\S]");
        assert_eq!(out["const"]["pattern"], "[^]");
        assert_eq!(
            out["patternProperties"]["^(?<n>x)(?:\\1)$"]["pattern"],
            "[^\\s\\S]"
        );
        let named =
            json!({"properties": {"enum": {"pattern": "[^]"}, "pattern": {"pattern": "[^]"}}});
        let out = for_validator(&named);
        assert_eq!(out["properties"]["enum"]["pattern"], "[\\s\\S]");
        assert_eq!(out["properties"]["pattern"]["pattern"], "[\\s\\S]");
        let plain = json!({"pattern": "^a$"});
        assert!(matches!(for_validator(&plain), Cow::Borrowed(_)));
    }
}
