//! The engine: prepares schemas once (upgrade, validator, lazily the canonical form) and answers
//! `a ⊆ b` with a proof (the canonical containment check, or the engine's own checks) or a
//! counterexample re-checked with compiled validators.

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use serde_json::Value;

use super::budget::Budgets;
use super::canonical::{self, Canonical, Tri};
use super::diff::structural_changes_in;
use super::ecma;
use super::inplace;
use super::localize::{ChangedDefs, diff_sites, plant, site_candidates};
use super::model::{
    Comparison, Counterexample, Direction, Draft, Mode, Rejection, Subset, UnknownReason, Verdict,
};
use super::number;
use super::pointer::{self, escape};
use super::prove;
use super::resolve;
use super::upgrade;
use super::witness::{Generator, Node};

/// Engine settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EngineOptions {
    /// Whether `format` asserts (in the canonical forms and in the validators).
    pub validate_formats: bool,
    /// The draft of a document without `$schema`.
    pub default_draft: Draft,
    /// Step and size budgets of each question.
    pub budgets: Budgets,
}

impl Default for EngineOptions {
    fn default() -> Self {
        Self {
            validate_formats: true,
            default_draft: Draft::Draft202012,
            budgets: Budgets::default(),
        }
    }
}

/// Why a document is not a usable schema.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid schema at `{pointer}`: {message}")]
pub struct SchemaError {
    /// JSON pointer into the schema document.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

struct Prepared {
    original: Value,
    /// The content hash of `original` (XXH3-128 of its serialized bytes), computed once.
    hash: u128,
    draft: Draft,
    /// The draft 2020-12 form, when it differs from `original` (`None`: the same document,
    /// kept once).
    upgraded: Option<Value>,
    /// The compiled validator: built by [`Engine::prepare`], or on first use after
    /// [`Engine::prepare_deferred`]; `Err` with why it cannot be built.
    validator: OnceLock<Result<jsonschema::Validator, String>>,
    /// Whether formats assert (how the validator is built).
    validate_formats: bool,
    /// The engine's compiled regular expressions, for a validator built later.
    patterns: jsonschema::PatternCache,
    /// Whether every `pattern` of the document is regular (no lookaround, no backreference),
    /// so that the validator matches it without backtracking and cannot fail to finish:
    /// computed on first use.
    regular: OnceLock<bool>,
    canonical: OnceLock<Result<Canonical, String>>,
    /// Draft-06/07 `contentEncoding`/`contentMediaType` assertions the validator checks but the
    /// draft 2020-12 form (where they are annotations) cannot carry: (pointer, keyword, value).
    content: Vec<(String, String, Value)>,
    /// The most subschemas the validator applies at one instance location (paths through the
    /// in-place graph, saturating): one validation costs about this much per location.
    paths: u64,
    /// Whether `paths` is past the budget, so that the validator's error list (one error per
    /// path) is not collected.
    too_many_paths: bool,
    /// Whether the document holds a `multipleOf` past 2^53, whose divisibility the canonical
    /// form would compute on doubles.
    beyond_double: bool,
    /// A reference the internal form resolves by a guess (a dynamic reference whose target
    /// depends on the path taken): only a verified counterexample decides.
    unsure: Option<UnknownReason>,
}

/// How a validator judged a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Judgement {
    Valid,
    Invalid,
    /// The verdict rests on a regex match the engine could not finish (backtracking limit,
    /// engine failure): neither a match nor a rejection. The pointer of the `pattern` and why.
    Undecided(String, String),
}

/// A schema prepared once and reused for every question: its draft, its draft 2020-12 form,
/// a compiled validator, and (computed on first use) its canonical form. Cheap to clone and
/// shared between threads: the canonical form is computed once, by whichever thread asks first.
#[derive(Clone)]
pub struct PreparedSchema {
    inner: Arc<Prepared>,
}

impl std::fmt::Debug for PreparedSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedSchema")
            .field("draft", &self.inner.draft)
            .finish_non_exhaustive()
    }
}

impl PreparedSchema {
    /// The draft 2020-12 form of the document.
    pub(crate) fn upgraded(&self) -> &Value {
        self.inner.upgraded.as_ref().unwrap_or(&self.inner.original)
    }

    /// Whether the `$ref` graph has more paths than the validator's error list may enumerate.
    pub(crate) fn too_many_paths(&self) -> bool {
        self.inner.too_many_paths
    }

    /// The document as given.
    pub fn document(&self) -> &Value {
        &self.inner.original
    }

    /// The content hash of the document as given (see [`content_hash`]).
    pub fn content_hash(&self) -> u128 {
        self.inner.hash
    }

    /// The draft the document was read as.
    pub fn draft(&self) -> Draft {
        self.inner.draft
    }

    /// The compiled validator, built on first use when preparation deferred it; `Err` with why
    /// it cannot be built.
    fn validator(&self) -> Result<&jsonschema::Validator, &str> {
        self.inner
            .validator
            .get_or_init(|| {
                build_validator(
                    &self.inner.original,
                    self.inner.draft,
                    self.inner.validate_formats,
                    &self.inner.patterns,
                )
                .map_err(|e| e.message)
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// Whether `value` is valid under this schema (`false` when no validator can be built: a
    /// value is never taken as accepted without one).
    pub fn is_valid(&self, value: &Value) -> bool {
        self.validator().is_ok_and(|v| v.is_valid(value))
    }

    /// How the validator judges `value`, telling a regex engine error from a rejection.
    pub(crate) fn judge(&self, value: &Value) -> Judgement {
        let validator = match self.validator() {
            Ok(v) => v,
            Err(why) => {
                return Judgement::Undecided(
                    String::new(),
                    format!("the validator cannot be built: {why}"),
                );
            }
        };
        if validator.is_valid(value) {
            return Judgement::Valid;
        }
        // Without a backtracking match, a rejection is a rejection: no error list is needed (it
        // can grow exponentially with the value's depth where recursive subschemas apply along
        // several paths at each level).
        if *self
            .inner
            .regular
            .get_or_init(|| only_regular_patterns(&self.inner.original, 0))
        {
            return Judgement::Invalid;
        }
        let mut budget = ERROR_LIST_APPLICATIONS;
        let doc = self.upgraded();
        if self.inner.too_many_paths || !applications_within(doc, doc, value, &mut budget, 0) {
            // The error list is exponential here: only a schema without `pattern`s is certain.
            return if has_keyword(&self.inner.original, &["pattern", "patternProperties"], 0) {
                Judgement::Undecided(
                    String::new(),
                    "the schema applies too many subschemas at one location to tell a regex \
                     engine error from a rejection"
                        .to_owned(),
                )
            } else {
                Judgement::Invalid
            };
        }
        for e in validator.iter_errors(value) {
            if let Some(reason) = regex_engine_error(&e) {
                return Judgement::Undecided(e.schema_path().to_string(), reason);
            }
        }
        Judgement::Invalid
    }

    /// Whether the validator rejects `value` for certain (not through a regex match its
    /// engine could not finish).
    pub(crate) fn surely_rejects(&self, value: &Value) -> bool {
        self.judge(value) == Judgement::Invalid
    }

    /// The validator's errors for `value`, sorted.
    pub fn rejections(&self, value: &Value) -> Vec<Rejection> {
        if self.inner.too_many_paths {
            // One error per path through the in-place graph: too many to collect.
            return vec![Rejection {
                instance_path: String::new(),
                schema_path: String::new(),
                keyword: String::new(),
                message: format!(
                    "rejected; the schema applies {} subschemas at one location, too many to \
                     list each error",
                    self.inner.paths
                ),
            }];
        }
        let validator = match self.validator() {
            Ok(v) => v,
            Err(why) => {
                return vec![Rejection {
                    instance_path: String::new(),
                    schema_path: String::new(),
                    keyword: String::new(),
                    message: format!("the validator cannot be built: {why}"),
                }];
            }
        };
        let mut budget = ERROR_LIST_APPLICATIONS;
        let doc = self.upgraded();
        if !applications_within(doc, doc, value, &mut budget, 0) {
            // The error list could be exponential in the value's depth: the first error only
            // (validation stops at it). A failing `oneOf`/`anyOf` builds the errors of all its
            // branches into its own, so even the first error is exponential there.
            if has_keyword(&self.inner.original, &["oneOf", "anyOf"], 0) {
                return vec![Rejection {
                    instance_path: String::new(),
                    schema_path: String::new(),
                    keyword: String::new(),
                    message: format!(
                        "rejected; the schema applies more than {ERROR_LIST_APPLICATIONS} \
                         subschemas to this value, too many to list its errors"
                    ),
                }];
            }
            return validator
                .validate(value)
                .err()
                .map(|e| {
                    let schema_path = e.schema_path().to_string();
                    Rejection {
                        instance_path: e.instance_path().to_string(),
                        keyword: schema_path
                            .rsplit('/')
                            .next()
                            .unwrap_or_default()
                            .to_owned(),
                        schema_path,
                        message: truncate(&e.to_string(), 200),
                    }
                })
                .into_iter()
                .collect();
        }
        let mut out: Vec<Rejection> = validator
            .iter_errors(value)
            .map(|e| {
                let schema_path = e.schema_path().to_string();
                let keyword = schema_path
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                Rejection {
                    instance_path: e.instance_path().to_string(),
                    schema_path,
                    keyword,
                    message: truncate(&e.to_string(), 200),
                }
            })
            .collect();
        out.sort();
        out.dedup();
        out.truncate(10);
        out
    }
}

/// The validator of `doc`. It reads the document as written (it resolves references itself),
/// with fragments such as `#/definitions/Map<K, V>` percent-encoded as validators read them.
fn build_validator(
    doc: &Value,
    draft: Draft,
    validate_formats: bool,
    patterns: &jsonschema::PatternCache,
) -> Result<jsonschema::Validator, SchemaError> {
    jsonschema::options()
        .with_draft(draft.to_jsonschema())
        .should_validate_formats(validate_formats)
        .with_pattern_options(ecma::engine_pattern_options())
        .with_pattern_cache(patterns.clone())
        .build(&ecma::for_validator(&resolve::encode_references(doc)))
        .map_err(|e| SchemaError {
            pointer: e.instance_path().to_string(),
            message: ecma::explain_build_error(e.to_string()),
        })
}

/// Why a validator error is the regex engine failing rather than a value being rejected.
pub fn regex_engine_error(e: &jsonschema::ValidationError<'_>) -> Option<String> {
    use jsonschema::error::ValidationErrorKind;
    match e.kind() {
        ValidationErrorKind::BacktrackLimitExceeded { error } => Some(format!(
            "the regex engine could not finish matching ({error}): neither a match nor a rejection"
        )),
        ValidationErrorKind::RegexEngineFailure { message } => Some(format!(
            "the regex engine failed ({message}): neither a match nor a rejection"
        )),
        _ => None,
    }
}

/// Whether one of `keys` is a key anywhere in `doc`.
/// Most subschema applications an error list may take: past it, `rejections` lists the first
/// error only and `judge` does not look for a regex engine error among them.
const ERROR_LIST_APPLICATIONS: u64 = 100_000;

/// Whether validating `value` against `schema` (read in `doc`, whose references are local
/// pointers) applies at most `*budget` subschemas, counting every keyword that applies one
/// (each `patternProperties` schema to each property, as if it matched): a bound on the errors
/// the validator lists, which grows exponentially with the value's depth where a recursive
/// subschema applies along several paths at each level.
fn applications_within(
    doc: &Value,
    schema: &Value,
    value: &Value,
    budget: &mut u64,
    depth: usize,
) -> bool {
    if *budget == 0 || depth > 512 {
        return false;
    }
    *budget -= 1;
    let Value::Object(m) = schema else {
        return true;
    };
    let mut in_place: Vec<&Value> = Vec::new();
    for key in ["$ref", "$dynamicRef", "$recursiveRef"] {
        if let Some(target) = m
            .get(key)
            .and_then(Value::as_str)
            .and_then(|r| super::pointer::resolve(doc, r))
        {
            in_place.push(target);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(parts)) = m.get(key) {
            in_place.extend(parts);
        }
    }
    for key in ["not", "if", "then", "else"] {
        in_place.extend(m.get(key));
    }
    if let Some(Value::Object(dependent)) = m.get("dependentSchemas") {
        in_place.extend(dependent.values());
    }
    let mut below: Vec<(&Value, &Value)> = Vec::new();
    match value {
        Value::Object(o) => {
            for (name, v) in o {
                if let Some(s) = m.get("properties").and_then(|p| p.get(name)) {
                    below.push((s, v));
                }
                if let Some(Value::Object(patterns)) = m.get("patternProperties") {
                    below.extend(patterns.values().map(|s| (s, v)));
                }
                for key in ["additionalProperties", "unevaluatedProperties"] {
                    below.extend(m.get(key).map(|s| (s, v)));
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                if let Some(s) = m.get("prefixItems").and_then(|p| p.get(i)) {
                    below.push((s, v));
                }
                match m.get("items") {
                    Some(Value::Array(tuple)) => below.extend(tuple.get(i).map(|s| (s, v))),
                    Some(s) => below.push((s, v)),
                    None => {}
                }
                for key in ["additionalItems", "contains", "unevaluatedItems"] {
                    below.extend(m.get(key).map(|s| (s, v)));
                }
            }
        }
        _ => {}
    }
    in_place
        .into_iter()
        .all(|s| applications_within(doc, s, value, budget, depth + 1))
        && below
            .into_iter()
            .all(|(s, v)| applications_within(doc, s, v, budget, depth + 1))
}

/// Whether every `pattern` and `patternProperties` name in `doc` is a regular expression the
/// validator matches without backtracking (one that `regex-syntax` reads once translated: no
/// lookaround, no backreference). Conservative: too deep, or a pattern that does not translate,
/// is `false`.
fn only_regular_patterns(doc: &Value, depth: usize) -> bool {
    if depth > 512 {
        return false;
    }
    let regular = |ecma: &str| {
        super::pattern::translate(ecma)
            .is_some_and(|t: String| regex_syntax::Parser::new().parse(&t).is_ok())
    };
    match doc {
        Value::Object(m) => m.iter().all(|(k, v)| {
            let here = match (k.as_str(), v) {
                ("pattern", Value::String(p)) => regular(p),
                ("patternProperties", Value::Object(names)) => names.keys().all(|p| regular(p)),
                _ => true,
            };
            here && only_regular_patterns(v, depth + 1)
        }),
        Value::Array(a) => a.iter().all(|v| only_regular_patterns(v, depth + 1)),
        _ => true,
    }
}

fn has_keyword(doc: &Value, keys: &[&str], depth: usize) -> bool {
    if depth > 512 {
        return true;
    }
    match doc {
        Value::Object(m) => m
            .iter()
            .any(|(k, v)| keys.contains(&k.as_str()) || has_keyword(v, keys, depth + 1)),
        Value::Array(a) => a.iter().any(|v| has_keyword(v, keys, depth + 1)),
        _ => false,
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_owned();
    }
    let mut t: String = s.chars().take(n).collect();
    t.push('…');
    t
}

/// Whether `v` holds an integral number written with a fraction or an exponent (`1.0`, `1e2`).
/// Draft-04 validators disagree on whether such a number is an `integer` (`jsonschema` says no,
/// following "a JSON number without a fraction or exponent part"; `boon` and the later drafts say
/// yes), so a counterexample under a draft-04 schema never rests on one.
fn disputed_number(v: &Value, depth: usize) -> bool {
    if depth > 256 {
        return true;
    }
    match v {
        Value::Number(n) => n.is_f64() && n.as_f64().is_some_and(|x| x.fract() == 0.0),
        Value::Array(a) => a.iter().any(|x| disputed_number(x, depth + 1)),
        Value::Object(m) => m.values().any(|x| disputed_number(x, depth + 1)),
        _ => false,
    }
}

/// `a ⊄ b`, shown by `value` (which `a` accepts and `b` rejects).
fn refuted(value: Value, b: &PreparedSchema, a_label: &str, b_label: &str) -> Subset {
    Subset::No(Counterexample {
        rejections: b.rejections(&value),
        value,
        accepted_by: a_label.to_owned(),
        rejected_by: b_label.to_owned(),
        direction: None,
        reading: None,
    })
}

/// Longest disputed value (serialized) quoted in the reading a verdict rests on.
const DISPUTED_SHOWN: usize = 160;

/// Most values of the narrower side [`disputed_witness`] tries.
const DISPUTED_TRIES: usize = 64;

/// A value `a` accepts and draft-04 `b` rejects only because its integers are written `1.0`
/// (see [`disputed_number`]): a value of `a` that both accept, with every integer written with
/// a fraction part, checked by both validators as they read their drafts.
fn disputed_witness(
    a: &PreparedSchema,
    b: &PreparedSchema,
    whole: Node<'_>,
    budgets: &Budgets,
) -> Option<Value> {
    fn fractional(v: &Value, depth: usize) -> Value {
        match v {
            Value::Number(n) if n.is_i64() || n.is_u64() => n
                .as_i64()
                .filter(|x| x.unsigned_abs() < 1 << 53)
                .and_then(|x| {
                    #[expect(
                        clippy::cast_precision_loss,
                        reason = "integers below 2^53 are doubles exactly"
                    )]
                    serde_json::Number::from_f64(x as f64)
                })
                .map_or_else(|| v.clone(), Value::Number),
            Value::Array(items) if depth < 256 => {
                Value::Array(items.iter().map(|x| fractional(x, depth + 1)).collect())
            }
            Value::Object(m) if depth < 256 => Value::Object(
                m.iter()
                    .map(|(k, x)| (k.clone(), fractional(x, depth + 1)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
    if b.draft() != Draft::Draft4 {
        return None;
    }
    let mut generator = Generator::new(budgets);
    let mut values = generator.generate(whole, &[], 0, true);
    values.extend(generator.generate(whole, &[], 0, false));
    // A value both sides accept as written, which `b` rejects once its integers read `1.0`:
    // the reading alone separates them.
    values
        .iter()
        .take(DISPUTED_TRIES)
        .filter(|v| a.is_valid(v) && b.judge(v) == Judgement::Valid)
        .map(|v| fractional(v, 0))
        .find(|v| disputed_number(v, 0) && a.is_valid(v) && b.judge(v) == Judgement::Invalid)
}

/// The same value with every disputed number (see [`disputed_number`]) written as an integer,
/// when a draft-04 schema is involved and the number fits one.
fn undisputed(a: &PreparedSchema, b: &PreparedSchema, v: Value) -> Value {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "only integral values inside the i64 range are converted"
    )]
    fn rewrite(v: Value, depth: usize) -> Value {
        match v {
            Value::Number(n) if depth < 256 && n.is_f64() => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if x.fract() == 0.0 && x.abs() < 9.0e15 {
                    Value::from(x as i64)
                } else {
                    Value::Number(n)
                }
            }
            Value::Array(items) if depth < 256 => {
                Value::Array(items.into_iter().map(|x| rewrite(x, depth + 1)).collect())
            }
            Value::Object(m) if depth < 256 => Value::Object(
                m.into_iter()
                    .map(|(k, x)| (k, rewrite(x, depth + 1)))
                    .collect(),
            ),
            other => other,
        }
    }
    if (a.draft() == Draft::Draft4 || b.draft() == Draft::Draft4) && disputed_number(&v, 0) {
        rewrite(v, 0)
    } else {
        v
    }
}

/// Past this many `if` keywords in one document, the canonical form is not computed: its case
/// splitting grows exponentially with them (an `allOf` of 300 `if`/`then`/`else` blocks took minutes and gigabytes), and the engine's
/// own rules and witness search answer such schemas.
const MAX_CANONICAL_CONDITIONALS: usize = 256;

/// The `if` keywords of a document.
fn conditionals(doc: &Value, depth: usize) -> usize {
    if depth > 256 {
        return usize::MAX / 2;
    }
    match doc {
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| usize::from(k == "if").saturating_add(conditionals(v, depth + 1)))
            .fold(0usize, usize::saturating_add),
        Value::Array(a) => a
            .iter()
            .map(|v| conditionals(v, depth + 1))
            .fold(0usize, usize::saturating_add),
        _ => 0,
    }
}

/// Whether a subschema may accept a number, read from its own `type` (anything else, a
/// reference or a combinator without a `type` beside it, may).
fn may_hold_numbers(schema: &Value) -> bool {
    match schema {
        Value::Bool(b) => *b,
        Value::Object(m) => match m.get("type") {
            Some(Value::String(t)) => t == "number" || t == "integer",
            Some(Value::Array(ts)) => ts
                .iter()
                .any(|t| t.as_str().is_some_and(|t| t == "number" || t == "integer")),
            _ => true,
        },
        _ => true,
    }
}

/// Where `integer` appears as a type: (somewhere a value must pass the schema holding it,
/// somewhere it must fail it: under `not`, an odd number of them). A `oneOf` branch counts both
/// ways when another branch may hold a number (a value matches one branch and fails the
/// others), as does an `if` (its failure selects `else`).
#[derive(Debug, Default, Clone, Copy)]
struct IntegerPolarity {
    asserted: bool,
    negated: bool,
}

fn integer_polarity(doc: &Value, negated: bool, depth: usize, out: &mut IntegerPolarity) {
    if depth > 256 {
        out.asserted = true;
        out.negated = true;
        return;
    }
    match doc {
        Value::Object(m) => {
            for (k, v) in m {
                match k.as_str() {
                    "type"
                        if v.as_str() == Some("integer")
                            || v.as_array().is_some_and(|a| {
                                a.iter().any(|t| t.as_str() == Some("integer"))
                            }) =>
                    {
                        if negated {
                            out.negated = true;
                        } else {
                            out.asserted = true;
                        }
                    }
                    "not" => integer_polarity(v, !negated, depth + 1, out),
                    // A branch fails where another matches: its `integer` counts negated when
                    // another branch may hold a number.
                    "oneOf" => match v.as_array() {
                        Some(branches) => {
                            for (i, branch) in branches.iter().enumerate() {
                                let others_numeric = branches
                                    .iter()
                                    .enumerate()
                                    .any(|(j, other)| j != i && may_hold_numbers(other));
                                if others_numeric {
                                    integer_polarity(branch, !negated, depth + 1, out);
                                }
                                integer_polarity(branch, negated, depth + 1, out);
                            }
                        }
                        None => integer_polarity(v, negated, depth + 1, out),
                    },
                    "if" => {
                        integer_polarity(v, true, depth + 1, out);
                        integer_polarity(v, false, depth + 1, out);
                    }
                    // Data (`enum`, `const`) is walked too: a `"type"` key there only makes
                    // the answer cautious.
                    _ => integer_polarity(v, negated, depth + 1, out),
                }
            }
        }
        Value::Array(a) => {
            for v in a {
                integer_polarity(v, negated, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// Collects the content assertions the draft-06/07 validator checks.
fn content_assertions(
    doc: &Value,
    pointer: &mut String,
    out: &mut Vec<(String, String, Value)>,
    depth: usize,
) {
    if depth > 256 {
        return;
    }
    match doc {
        Value::Object(m) => {
            let encoding = m.get("contentEncoding").and_then(Value::as_str);
            let media = m.get("contentMediaType").and_then(Value::as_str);
            if matches!(encoding, Some("base64")) || matches!(media, Some("application/json")) {
                for k in ["contentEncoding", "contentMediaType"] {
                    if let Some(v) = m.get(k) {
                        out.push((pointer.clone(), k.to_owned(), v.clone()));
                    }
                }
            }
            for (k, v) in m {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape(k));
                content_assertions(v, pointer, out, depth + 1);
                pointer.truncate(len);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                content_assertions(v, pointer, out, depth + 1);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Whether a document holds a reference other than `#/$defs/...` (or a dynamic one, or an
/// `$anchor`/`$id` a reference could name). The values of `const`, `enum`, `default` and
/// `examples` are data, and the keys of `properties`, `$defs`, ... are names.
/// Minimal instances of the narrower side tried before the canonical algebra.
const MINIMAL_TRIES: usize = 4;

fn has_foreign_ref(doc: &Value, depth: usize) -> bool {
    has_foreign_ref_in(doc, false, depth)
}

fn has_foreign_ref_in(doc: &Value, names: bool, depth: usize) -> bool {
    if depth > 512 {
        return true;
    }
    match doc {
        Value::Object(m) if names => m.values().any(|v| has_foreign_ref_in(v, false, depth + 1)),
        Value::Object(m) => m.iter().any(|(k, v)| {
            let foreign = match k.as_str() {
                "$ref" => !v.as_str().is_some_and(|r| r.starts_with("#/$defs/")),
                "$dynamicRef" | "$recursiveRef" | "$anchor" | "$dynamicAnchor" => true,
                "$id" => depth > 0,
                _ => false,
            };
            foreign
                || match pointer::holds(k) {
                    pointer::Holds::Data => false,
                    pointer::Holds::Names => has_foreign_ref_in(v, true, depth + 1),
                    pointer::Holds::Schemas => has_foreign_ref_in(v, false, depth + 1),
                }
        }),
        Value::Array(a) => !names && a.iter().any(|v| has_foreign_ref_in(v, false, depth + 1)),
        _ => false,
    }
}

/// The content hash of a JSON document: XXH3, 128 bits, over its serialized bytes. Two
/// documents with the same hash are treated as the same document everywhere a result is kept.
pub fn content_hash(doc: &Value) -> u128 {
    let bytes = serde_json::to_vec(doc).unwrap_or_default();
    xxhash_rust::xxh3::xxh3_128(&bytes)
}

/// Whether a value separates two schemas (valid under `a`, invalid under `b`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Separation {
    Yes,
    No,
    /// `b` rejects it only through a regex match its engine could not finish.
    Undecided(UnknownReason),
}

/// Whether `value` is accepted by `a` and rejected by `b`, without resting on a reading the
/// validators do not share (see [`disputed_number`]) or on a regex match the engine could not
/// finish.
fn separates(a: &PreparedSchema, b: &PreparedSchema, value: &Value) -> Separation {
    if (a.draft() == Draft::Draft4 || b.draft() == Draft::Draft4) && disputed_number(value, 0) {
        return Separation::No;
    }
    // `is_valid` is true only when every outcome of an unfinished match agrees on it.
    if !a.is_valid(value) {
        return Separation::No;
    }
    match b.judge(value) {
        Judgement::Valid => Separation::No,
        Judgement::Invalid => Separation::Yes,
        Judgement::Undecided(pointer, reason) => Separation::Undecided(UnknownReason {
            keyword: "pattern".to_owned(),
            pointer,
            reason,
        }),
    }
}

/// Stack the engine's recursion may use. Proofs, witnesses and canonical forms are bounded by
/// depth budgets, not by the caller's stack: a deep but legal schema must not overflow a 2 MiB
/// thread (test threads, rayon workers). Reserved address space, committed only as used.
const ENGINE_STACK: usize = 256 << 20;
/// Below this much remaining stack, an entry point moves to a segment of [`ENGINE_STACK`].
const ENGINE_RED_ZONE: usize = 64 << 20;

/// Runs `f` with at least [`ENGINE_RED_ZONE`] of stack: on the current one when it has that
/// much left (a nested entry point), else on a fresh segment.
fn on_engine_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(ENGINE_RED_ZONE, ENGINE_STACK, f)
}

/// The compatibility engine.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    options: EngineOptions,
    /// Regular expressions its validators compiled, shared by every clone: a `pattern` that
    /// many schemas repeat is compiled once.
    patterns: jsonschema::PatternCache,
}

impl Engine {
    /// An engine with these options.
    pub fn new(options: EngineOptions) -> Self {
        Self {
            options,
            patterns: jsonschema::PatternCache::new(),
        }
    }

    /// The options.
    pub fn options(&self) -> &EngineOptions {
        &self.options
    }

    /// Prepares a self-contained schema document (only local `#...` refs) once; canonicalized
    /// lazily and cached, reused for every question. Err on an invalid schema.
    pub fn prepare(&self, doc: &Value) -> Result<PreparedSchema, SchemaError> {
        on_engine_stack(|| self.prepare_here(doc, true))
    }

    /// The same, with the validator built on first use rather than now, for a document known
    /// to compile (a repository schema `seam verify` compiled), where most documents are only
    /// ever proved about, never validated against: the validator is most of a prepared
    /// schema's memory and time. Should it not build after all, no value is taken as accepted
    /// by it and no verdict rests on it (an unknown instead).
    pub fn prepare_deferred(&self, doc: &Value) -> Result<PreparedSchema, SchemaError> {
        on_engine_stack(|| self.prepare_here(doc, false))
    }

    fn prepare_here(&self, doc: &Value, eager: bool) -> Result<PreparedSchema, SchemaError> {
        if !doc.is_object() && !doc.is_boolean() {
            return Err(SchemaError {
                pointer: String::new(),
                message: "a schema must be an object or a boolean".to_owned(),
            });
        }
        let draft = upgrade::detect_draft(doc, self.options.default_draft);
        // Every reference becomes a pointer into the document itself (`$id` bases, anchors,
        // meta-schemas, dynamic references); a remote one is refused.
        let resolved = resolve::resolve(doc, draft).map_err(|e| SchemaError {
            pointer: e.pointer,
            message: e.message,
        })?;
        let paths = inplace::analyze(&resolved.doc).map_err(|cycle| SchemaError {
            pointer: cycle.chain.first().cloned().unwrap_or_default(),
            message: cycle.message(),
        })?;
        let validator = OnceLock::new();
        if eager {
            let built = build_validator(doc, draft, self.options.validate_formats, &self.patterns)?;
            let _ = validator.set(Ok(built));
        }
        let upgraded = Some(upgrade::upgrade(&resolved.doc, draft)).filter(|u| u != doc);
        let mut content = Vec::new();
        if matches!(draft, Draft::Draft6 | Draft::Draft7) {
            content_assertions(doc, &mut String::new(), &mut content, 0);
        }
        // Draft-04 `integer` rejects `1.0`; the internal (2020-12) form accepts it. Where the
        // type is negated (`not`, a `oneOf` branch the value must fail, an `if`), the draft-04
        // side admits `1.0` where the internal form does not.
        if draft == Draft::Draft4 {
            let mut polarity = IntegerPolarity::default();
            integer_polarity(doc, false, 0, &mut polarity);
            for (holds, keyword) in [(polarity.asserted, "type"), (polarity.negated, "not")] {
                if holds {
                    content.push((
                        String::new(),
                        keyword.to_owned(),
                        Value::String("integer".to_owned()),
                    ));
                }
            }
        }
        Ok(PreparedSchema {
            inner: Arc::new(Prepared {
                original: doc.clone(),
                hash: content_hash(doc),
                draft,
                upgraded,
                validator,
                validate_formats: self.options.validate_formats,
                patterns: self.patterns.clone(),
                regular: OnceLock::new(),
                canonical: OnceLock::new(),
                content,
                paths,
                too_many_paths: paths > self.options.budgets.error_paths,
                beyond_double: number::has_beyond_double(doc, 0),
                unsure: resolved.unsure,
            }),
        })
    }

    fn canonical<'s>(&self, s: &'s PreparedSchema) -> &'s Result<Canonical, String> {
        s.inner.canonical.get_or_init(|| {
            if s.inner.beyond_double {
                // Its bounds would be compared as doubles: the exact structural rules decide.
                return Err(
                    "a `multipleOf` past 2^53, which the canonical form divides as a double"
                        .to_owned(),
                );
            }
            canonical::canonicalize(
                &ecma::for_validator(s.upgraded()),
                self.options.validate_formats,
            )
        })
    }

    /// `a ⊆ b`?
    pub fn is_subset(&self, a: &PreparedSchema, b: &PreparedSchema) -> Subset {
        self.subset_labeled(a, b, "a", "b")
    }

    /// `a ⊆ b`, with the labels a counterexample names its sides by.
    pub fn subset_labeled(
        &self,
        a: &PreparedSchema,
        b: &PreparedSchema,
        a_label: &str,
        b_label: &str,
    ) -> Subset {
        on_engine_stack(|| self.subset_here(a, b, a_label, b_label))
    }

    fn subset_here(
        &self,
        a: &PreparedSchema,
        b: &PreparedSchema,
        a_label: &str,
        b_label: &str,
    ) -> Subset {
        let (ua, ub) = (a.upgraded(), b.upgraded());
        if a.inner.hash == b.inner.hash
            && a.draft() == b.draft()
            && a.inner.original == b.inner.original
        {
            // The same document read the same way.
            return Subset::Yes;
        }
        // An assertion only the wider side makes, which the internal form cannot carry
        // (draft-07 content, draft-04 integers), keeps the proofs out: only a witness decides.
        let guard = b
            .inner
            .content
            .iter()
            .find(|c| c.1 != "not" && !a.inner.content.contains(c))
            .map(|(pointer, keyword, _)| UnknownReason {
                keyword: keyword.clone(),
                pointer: pointer.clone(),
                reason: if keyword == "type" {
                    "draft-04 `integer` rejects `1.0`, which the proofs treat as an integer"
                        .to_owned()
                } else {
                    "a draft-07 content assertion the proofs do not model".to_owned()
                },
            });
        // A negated draft-04 `integer` on the narrower side only: it admits `1.0`.
        let negated = a
            .inner
            .content
            .iter()
            .find(|c| c.1 == "not" && !b.inner.content.contains(c))
            .map(|(pointer, keyword, _)| UnknownReason {
                keyword: keyword.clone(),
                pointer: pointer.clone(),
                reason: "draft-04 `integer` is negated here, so `1.0` passes where the proofs \
                         treat it as an integer"
                    .to_owned(),
            });
        // Whether the internal form of `a` admits every value its validator does: then a
        // narrower side empty in that form is empty, whatever the wider side's guard.
        let a_covered = negated.is_none() && a.inner.unsure.is_none();
        let guard = guard
            .or(negated)
            .or_else(|| b.inner.unsure.clone())
            .or_else(|| a.inner.unsure.clone());
        if ua == ub && guard.is_none() {
            return Subset::Yes;
        }
        if let Some(answer) = self.localized(a, b, a_label, b_label) {
            return answer;
        }
        let budgets = &self.options.budgets;
        // The engine's own (sound, partial, cheap) proof rules first.
        let (outcome, sites) = prove::subset_with_sites(ua, ub, budgets);
        let why = match outcome {
            prove::Outcome::Proved if guard.is_none() => return Subset::Yes,
            prove::Outcome::Proved => None,
            prove::Outcome::Undecided(why) => Some(why),
        };
        // Cheap first: a minimal instance of A often breaks B already (a property renamed or
        // newly required, a bound moved), before the canonical algebra is paid for.
        let whole = Node {
            doc: ua,
            schema: ua,
        };
        let minimal = Generator::new(budgets).generate(whole, &[], 0, true);
        for v in minimal.into_iter().take(MINIMAL_TRIES) {
            let v = undisputed(a, b, v);
            if separates(a, b, &v) == Separation::Yes {
                return refuted(v, b, a_label, b_label);
            }
        }
        // Search a witness inside the canonical difference, then from A steered by B, then where
        // the proof rules failed (a value of the narrower subschema planted into instances of
        // the whole).
        let mut generator = Generator::new(budgets);
        let hint = [Node {
            doc: ub,
            schema: ub,
        }];
        let mut checked = 0usize;
        // Validating one candidate costs about `paths` subschema applications per location.
        let cost = a.inner.paths.max(b.inner.paths).max(1);
        let max_checked = if cost <= budgets.error_paths {
            budgets.witness_candidates
        } else {
            usize::try_from(budgets.validation_steps / cost)
                .unwrap_or(usize::MAX)
                .min(budgets.witness_candidates)
        };
        let mut undecided: Option<UnknownReason> = None;
        let try_values = |values: Vec<Value>,
                          checked: &mut usize,
                          undecided: &mut Option<UnknownReason>|
         -> Option<Value> {
            for v in values {
                if *checked >= max_checked {
                    return None;
                }
                *checked += 1;
                let v = undisputed(a, b, v);
                match separates(a, b, &v) {
                    Separation::Yes => return Some(v),
                    Separation::No => {}
                    Separation::Undecided(r) => {
                        undecided.get_or_insert(r);
                    }
                }
            }
            None
        };
        // The canonical library: a proof, or a difference to search a witness in first.
        let mut library: Option<UnknownReason> = None;
        let conditionals = conditionals(ua, 0).max(conditionals(ub, 0));
        let mut found = None;
        {
            let collision = number::rounding_collision(ua, ub);
            let canonical = if collision {
                // Two different numbers the same double: the exact structural rules decide.
                Err(
                    "two different numbers past 2^53 are the same double, which the canonical \
                     form compares"
                        .to_owned(),
                )
            } else if conditionals > MAX_CANONICAL_CONDITIONALS {
                Err(format!(
                    "{conditionals} `if` keywords, more than the canonical form explores ({MAX_CANONICAL_CONDITIONALS})"
                ))
            } else if number::rounding_collision(ua, ub) {
                // Two different numbers the same double: the exact structural rules decide.
                Err(
                    "two different numbers past 2^53 are the same double, which the canonical \
                     form compares"
                        .to_owned(),
                )
            } else {
                match (self.canonical(a), self.canonical(b)) {
                    (Ok(ca), Ok(cb)) => Ok((ca, cb)),
                    (Err(e), _) | (_, Err(e)) => Err(e.clone()),
                }
            };
            let mut difference: Option<Value> = None;
            match canonical {
                Ok((ca, cb)) => {
                    if a_covered && ca.unsupported().is_none() && ca.satisfiable() == Tri::No {
                        // No value at all on the narrower side.
                        return Subset::Yes;
                    }
                    if let Some(raw) = ca.unsupported().or_else(|| cb.unsupported()) {
                        library = Some(UnknownReason {
                            keyword: "canonical".to_owned(),
                            pointer: raw.pointer,
                            reason: raw.reason,
                        });
                    } else {
                        match cb.covers(ca) {
                            Ok(Tri::Yes) if guard.is_none() => return Subset::Yes,
                            Ok(Tri::Yes) => {}
                            Ok(Tri::No | Tri::Unknown) => {
                                if let Some((json, sat)) = ca.subtract(cb) {
                                    if sat == Tri::No && guard.is_none() {
                                        return Subset::Yes;
                                    }
                                    difference = Some(json);
                                } else if ca.satisfiable() == Tri::No {
                                    return Subset::Yes;
                                }
                            }
                            Err(e) => {
                                library = Some(UnknownReason {
                                    keyword: "$ref".to_owned(),
                                    pointer: String::new(),
                                    reason: e,
                                });
                            }
                        }
                    }
                }
                Err(e) => {
                    library = Some(UnknownReason {
                        keyword: if collision || conditionals > MAX_CANONICAL_CONDITIONALS {
                            "canonical".to_owned()
                        } else {
                            "$schema".to_owned()
                        },
                        pointer: String::new(),
                        reason: e,
                    });
                }
            }
            if let Some(d) = &difference {
                let values = generator.generate(Node { doc: d, schema: d }, &hint, 0, false);
                found = try_values(values, &mut checked, &mut undecided);
            }
        }
        if found.is_none() {
            let values = generator.generate(whole, &hint, 0, false);
            found = try_values(values, &mut checked, &mut undecided);
        }
        if found.is_none() && !sites.is_empty() {
            // A search of its own, with its own budget.
            let mut site_generator = Generator::new(budgets);
            let mut site_checked = 0;
            let values = site_candidates(a, b, &sites, &mut site_generator);
            found = try_values(values, &mut site_checked, &mut undecided);
        }
        if let Some(value) = found {
            return refuted(value, b, a_label, b_label);
        }
        if let Some(g) = guard {
            // Draft-04 `integer` on the wider side only: a value of the narrower side with its
            // integers written `1.0` may separate them under the validator's reading.
            if g.keyword == "type"
                && let Some(value) = disputed_witness(a, b, whole, budgets)
            {
                let shown = serde_json::to_string(&value).unwrap_or_default();
                let example = if shown.len() <= DISPUTED_SHOWN {
                    format!(" (for instance `{shown}`)")
                } else {
                    String::new()
                };
                let mut answer = refuted(value, b, a_label, b_label);
                if let Subset::No(c) = &mut answer {
                    c.reading = Some(format!(
                        "`{b_label}` is a draft-04 schema whose `integer` excludes numbers written with a fraction part, such as `1.0`, which `{a_label}` accepts where `{b_label}` asks for an integer{example}; seam's validator reads draft 4 so, as python-jsonschema does, while validators that read `1.0` as an integer in every draft (ajv, boon) accept such a payload on both sides"
                    ));
                }
                return answer;
            }
            return Subset::Unknown(g);
        }
        if let Some(why) = why {
            // The structural rules name the precise keyword; the library's note rides along.
            library = Some(match library {
                Some(lib) if why.keyword != "budget" => UnknownReason {
                    reason: format!("{}; canonical check: {}", why.reason, lib.reason),
                    ..why
                },
                Some(lib) => lib,
                None => why,
            });
        }
        let mut reason = library.unwrap_or_else(|| {
            let (pointer, keyword) = prove::first_difference(ua, ub);
            UnknownReason {
                keyword,
                pointer,
                reason: "no proof of inclusion and no verified counterexample".to_owned(),
            }
        });
        if let Some(r) = undecided {
            // A candidate that would separate the schemas, but for a regex match the engine
            // could not finish: the reason the question stays open.
            reason = UnknownReason {
                reason: format!("{}; {}", r.reason, reason.reason),
                ..r
            };
        }
        if max_checked < budgets.witness_candidates {
            let _ = write!(
                reason.reason,
                "; validating one candidate applies {cost} subschemas at one location, so the \
                 witness search checks {max_checked} candidates only"
            );
        }
        if let Some(clipped) = generator.clipped() {
            reason.reason.push_str("; ");
            reason.reason.push_str(clipped);
        }
        if generator.exhausted() || checked >= max_checked {
            reason.reason.push_str("; witness search budget exhausted");
        }
        Subset::Unknown(reason)
    }

    /// Localization: when the two documents differ only inside `properties` of objects that
    /// are otherwise equal (and hold no `$ref`), inclusion holds if it holds at each differing
    /// subschema (the keywords on the way are monotone). A local counterexample is planted into
    /// a minimal instance of the whole schema and re-checked against both whole schemas.
    /// `None` when the shortcut does not apply or does not decide.
    fn localized(
        &self,
        a: &PreparedSchema,
        b: &PreparedSchema,
        a_label: &str,
        b_label: &str,
    ) -> Option<Subset> {
        let (ua, ub) = (a.upgraded(), b.upgraded());
        // References may only name shared `$defs` entries, which travel with each local question.
        // Each local question carries its own side's `$defs`; a subschema referencing an entry
        // that differs between the sides is itself a site.
        let (defs_a, defs_b) = (ua.get("$defs"), ub.get("$defs"));
        if !a.inner.content.is_empty()
            || !b.inner.content.is_empty()
            || a.inner.unsure.is_some()
            || b.inner.unsure.is_some()
            || has_foreign_ref(ua, 0)
            || has_foreign_ref(ub, 0)
        {
            return None;
        }
        let changed = ChangedDefs::between(defs_a, defs_b);
        let mut sites = Vec::new();
        if !diff_sites(ua, ub, &changed, &mut Vec::new(), &mut sites)
            || sites.iter().any(|(path, _, _)| path.is_empty())
        {
            return None;
        }
        // Cheap first: a minimal instance of each differing subschema, planted in context, often
        // already breaks the other side (a property became required, a count bound moved).
        let mut generator = Generator::new(&self.options.budgets);
        for (path, sa, _) in &sites {
            let minimal = generator.generate(
                Node {
                    doc: ua,
                    schema: sa,
                },
                &[],
                0,
                true,
            );
            if let Some(local) = minimal.into_iter().next()
                && let Some(planted) = plant(&mut generator, ua, ua, path, local)
                && separates(a, b, &planted) == Separation::Yes
            {
                return Some(refuted(planted, b, a_label, b_label));
            }
        }
        for (path, sa, sb) in &sites {
            let with_draft = |s: &Value, defs: Option<&Value>| -> Value {
                let mut s = s.clone();
                let meta = Draft::Draft202012.meta_schema();
                if let Value::Object(m) = &mut s {
                    m.insert("$schema".to_owned(), Value::String(meta.to_owned()));
                    if let Some(d) = defs {
                        m.insert("$defs".to_owned(), d.clone());
                    }
                } else if let Some(d) = defs {
                    s = serde_json::json!({"$schema": meta, "$defs": d, "allOf": [s]});
                }
                s
            };
            let (Ok(pa), Ok(pb)) = (
                self.prepare(&with_draft(sa, defs_a)),
                self.prepare(&with_draft(sb, defs_b)),
            ) else {
                return None;
            };
            match self.subset_labeled(&pa, &pb, a_label, b_label) {
                Subset::Yes => {}
                Subset::No(local) => {
                    let mut generator = Generator::new(&self.options.budgets);
                    let planted = plant(&mut generator, ua, ua, path, local.value)?;
                    if separates(a, b, &planted) == Separation::Yes {
                        return Some(refuted(planted, b, a_label, b_label));
                    }
                    return None;
                }
                Subset::Unknown(_) => return None,
            }
        }
        Some(Subset::Yes)
    }

    /// Candidate values for `schema`, steered towards the edges of `steer` (its bounds,
    /// constants, property names, patterns). Not all are valid under `schema`: filter with
    /// [`PreparedSchema::is_valid`]. Used by the witness search and by property tests.
    pub fn sample_values(&self, schema: &PreparedSchema, steer: &PreparedSchema) -> Vec<Value> {
        on_engine_stack(|| self.sample_values_here(schema, steer))
    }

    fn sample_values_here(&self, schema: &PreparedSchema, steer: &PreparedSchema) -> Vec<Value> {
        let (ua, ub) = (schema.upgraded(), steer.upgraded());
        let mut generator = Generator::new(&self.options.budgets);
        generator.generate(
            Node {
                doc: ua,
                schema: ua,
            },
            &[Node {
                doc: ub,
                schema: ub,
            }],
            0,
            false,
        )
    }

    /// Full comparison under a mode: verdict + structural changes + counterexample.
    pub fn compare(&self, old: &PreparedSchema, new: &PreparedSchema, mode: Mode) -> Comparison {
        on_engine_stack(|| self.compare_here(old, new, mode))
    }

    fn compare_here(&self, old: &PreparedSchema, new: &PreparedSchema, mode: Mode) -> Comparison {
        let changes = structural_changes_in(
            &old.inner.original,
            &new.inner.original,
            self.options.default_draft,
        );
        let mut directions: Vec<(Direction, Subset)> = Vec::new();
        if matches!(mode, Mode::Backward | Mode::Full) {
            directions.push((
                Direction::Backward,
                self.subset_labeled(old, new, "old", "new"),
            ));
        }
        if matches!(mode, Mode::Forward | Mode::Full) {
            directions.push((
                Direction::Forward,
                self.subset_labeled(new, old, "new", "old"),
            ));
        }
        let mut counterexample = None;
        let mut unknown = Vec::new();
        for (direction, answer) in directions {
            match answer {
                Subset::Yes => {}
                Subset::No(mut c) => {
                    if counterexample.is_none() {
                        if mode == Mode::Full {
                            c.direction = Some(direction);
                        }
                        counterexample = Some(c);
                    }
                }
                Subset::Unknown(r) => unknown.push(r),
            }
        }
        let verdict = if counterexample.is_some() {
            Verdict::Incompatible
        } else if unknown.is_empty() {
            Verdict::Compatible
        } else {
            Verdict::Unknown
        };
        Comparison {
            verdict,
            mode,
            changes,
            counterexample,
            unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn engine() -> Engine {
        Engine::new(EngineOptions::default())
    }

    #[test]
    fn narrowing_max_length_is_refuted_with_a_long_string() {
        let e = engine();
        let old = e
            .prepare(&json!({"type": "string", "maxLength": 10000}))
            .unwrap();
        let new = e
            .prepare(&json!({"type": "string", "maxLength": 9999}))
            .unwrap();
        match e.is_subset(&old, &new) {
            Subset::No(c) => assert_eq!(c.value.as_str().map(str::len), Some(10000)),
            other => panic!("expected No, got {other:?}"),
        }
        assert_eq!(e.is_subset(&new, &old), Subset::Yes);
    }

    #[test]
    fn mixed_drafts_compare() {
        let e = engine();
        let d4 = e
            .prepare(&json!({"$schema": "http://json-schema.org/draft-04/schema#", "type": "number", "minimum": 0, "exclusiveMinimum": true}))
            .unwrap();
        let d7 = e
            .prepare(&json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": "number", "exclusiveMinimum": 0}))
            .unwrap();
        assert_eq!(e.is_subset(&d4, &d7), Subset::Yes);
        assert_eq!(e.is_subset(&d7, &d4), Subset::Yes);
    }

    #[test]
    fn a_changed_definition_is_seen_where_unchanged_text_references_it() {
        let e = engine();
        // `total` reads the same in both versions, but the definition it references narrows
        // (through a second definition): the local questions must not call it unchanged.
        let doc = |max_len: u64, extra: bool| {
            let mut s = large(50, false);
            s["$defs"] = json!({
                "money": {"type": "object", "properties": {"amount": {"$ref": "#/$defs/decimal"}}},
                "decimal": {"type": "string", "maxLength": max_len}
            });
            s["properties"]["total"] = json!({"$ref": "#/$defs/money"});
            if extra {
                s["$defs"]["unused"] = json!({"type": "null"});
            }
            s
        };
        let old = e.prepare(&doc(20, false)).unwrap();
        let new = e.prepare(&doc(19, true)).unwrap();
        match e.is_subset(&old, &new) {
            Subset::No(c) => {
                let amount = c.value.pointer("/total/amount").and_then(Value::as_str);
                assert_eq!(amount.map(str::len), Some(20), "{}", c.value);
            }
            other => panic!("expected No, got {other:?}"),
        }
        assert_eq!(e.is_subset(&new, &old), Subset::Yes);
        // A definition only one side has, referenced by nothing else, changes nothing.
        let same = e.prepare(&doc(20, true)).unwrap();
        assert_eq!(e.is_subset(&old, &same), Subset::Yes);
        assert_eq!(e.is_subset(&same, &old), Subset::Yes);
    }

    #[test]
    fn large_schemas_with_shared_defs_are_checked_locally() {
        let e = engine();
        let with_defs = |max_len: u64| {
            let mut s = large(max_len, false);
            s["$defs"] = json!({"money": {"type": "number", "multipleOf": 0.01}});
            s["properties"]["f0_1"] = json!({"$ref": "#/$defs/money"});
            s
        };
        let old = e.prepare(&with_defs(50)).unwrap();
        let new = e.prepare(&with_defs(49)).unwrap();
        assert!(matches!(e.is_subset(&old, &new), Subset::No(_)));
        assert_eq!(e.is_subset(&new, &old), Subset::Yes);
    }

    #[test]
    fn changes_inside_array_items_are_checked_locally() {
        let e = engine();
        let doc = |max_len: u64, required: &[&str]| {
            json!({
                "type": "object",
                "required": ["lines"],
                "properties": {
                    "lines": {"type": "array", "minItems": 1, "items": large(max_len, false)},
                    "total": {"type": "number"}
                },
                "additionalProperties": false,
                "dependentRequired": {"total": required}
            })
        };
        let old = e.prepare(&doc(50, &["lines"])).unwrap();
        let new = e.prepare(&doc(49, &["lines"])).unwrap();
        match e.is_subset(&old, &new) {
            Subset::No(c) => {
                let deep = c
                    .value
                    .pointer("/lines/0/nested/nested/nested/nested/nested/code");
                assert_eq!(deep.and_then(Value::as_str).map(str::len), Some(50));
            }
            other => panic!("expected No, got {other:?}"),
        }
        assert_eq!(e.is_subset(&new, &old), Subset::Yes);
    }

    #[test]
    fn a_growing_required_list_deep_inside_is_refuted_cheaply() {
        let e = engine();
        let mut narrow = large(50, false);
        narrow["properties"]["nested"]["required"] = json!(["nested", "f1_7"]);
        let wide = e.prepare(&large(50, false)).unwrap();
        let narrow = e.prepare(&narrow).unwrap();
        match e.is_subset(&wide, &narrow) {
            Subset::No(c) => assert!(c.value.pointer("/nested/f1_7").is_none()),
            other => panic!("expected No, got {other:?}"),
        }
        assert_eq!(e.is_subset(&narrow, &wide), Subset::Yes);
    }

    #[test]
    fn a_shrinking_required_list_is_walked_through() {
        let e = engine();
        let mut wide = large(50, false);
        wide["required"] = json!([]);
        let narrow = e.prepare(&large(49, false)).unwrap();
        let wide = e.prepare(&wide).unwrap();
        assert_eq!(e.is_subset(&narrow, &wide), Subset::Yes);
        assert!(matches!(e.is_subset(&wide, &narrow), Subset::No(_)));
    }

    fn large(max_len: u64, extra_optional: bool) -> Value {
        let mut node = json!({"type": "string", "maxLength": max_len});
        for level in (0..6).rev() {
            let mut props = serde_json::Map::new();
            for i in 0..300 {
                props.insert(
                    format!("f{level}_{i}"),
                    json!({"type": "integer", "minimum": 0}),
                );
            }
            if extra_optional && level == 0 {
                props.insert("extra".to_owned(), json!({"type": "string"}));
            }
            let key = if level == 5 { "code" } else { "nested" };
            props.insert(key.to_owned(), node);
            node = json!({"type": "object", "properties": props, "required": [key]});
        }
        node
    }

    #[test]
    fn large_schemas_are_checked_locally() {
        let e = engine();
        let old = e.prepare(&large(50, false)).unwrap();
        let new = e.prepare(&large(49, false)).unwrap();
        match e.is_subset(&old, &new) {
            Subset::No(c) => {
                let deep = c
                    .value
                    .pointer("/nested/nested/nested/nested/nested/code")
                    .and_then(Value::as_str);
                assert_eq!(deep.map(str::len), Some(50));
                assert!(old.is_valid(&c.value) && !new.is_valid(&c.value));
            }
            other => panic!("expected No, got {other:?}"),
        }
        assert_eq!(e.is_subset(&new, &old), Subset::Yes);
    }

    #[test]
    fn draft4_integers_are_not_floats() {
        let e = engine();
        let d4 = e
            .prepare(
                &json!({"$schema": "http://json-schema.org/draft-04/schema#", "type": "integer"}),
            )
            .unwrap();
        let d7 = e
            .prepare(
                &json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": "integer"}),
            )
            .unwrap();
        assert_eq!(e.is_subset(&d4, &d7), Subset::Yes);
        // Only `1.0` separates them, and draft-04 validators disagree on it: refuted under the
        // validator's reading, and the value is not shown as a counterexample.
        match e.is_subset(&d7, &d4) {
            Subset::No(c) => {
                let reading = c.reading.clone().expect("a disputed reading");
                assert!(reading.contains("draft-04"), "{reading}");
                assert!(c.shown().is_none());
                assert!(
                    d7.is_valid(&c.value) && !d4.is_valid(&c.value),
                    "{}",
                    c.value
                );
                assert!(d7.is_valid(&json!(1)) && d4.is_valid(&json!(1)));
            }
            other => panic!("expected No, got {other:?}"),
        }
        // Where a value any validator agrees on separates them, that is the counterexample.
        let d4_small = e
            .prepare(&json!({"$schema": "http://json-schema.org/draft-04/schema#", "type": "integer", "maximum": 3}))
            .unwrap();
        match e.is_subset(&d7, &d4_small) {
            Subset::No(c) => assert!(c.reading.is_none() && c.shown().is_some(), "{c:?}"),
            other => panic!("expected No, got {other:?}"),
        }
        // A narrower side with no value is a subset under every reading of the wider side.
        let never4 = e
            .prepare(&json!({"$schema": "http://json-schema.org/draft-04/schema#", "allOf": [{"type": "string"}, {"type": "integer"}]}))
            .unwrap();
        assert_eq!(e.is_subset(&never4, &d4), Subset::Yes);
        assert_eq!(
            e.is_subset(
                &e.prepare(
                    &json!({"$schema": "http://json-schema.org/draft-04/schema#", "not": {}})
                )
                .unwrap(),
                &d4
            ),
            Subset::Yes
        );
        // A negated draft-04 `integer` admits `1.0`, which a negated draft-07 one does not:
        // never proved compatible (the validator accepts `1.0` on one side only).
        let not4 = e
            .prepare(&json!({"$schema": "http://json-schema.org/draft-04/schema#", "not": {"type": "integer"}}))
            .unwrap();
        let not7 = e
            .prepare(&json!({"$schema": "http://json-schema.org/draft-07/schema#", "not": {"type": "integer"}}))
            .unwrap();
        assert!(not4.is_valid(&json!(1.0)) && !not7.is_valid(&json!(1.0)));
        assert_ne!(e.is_subset(&not4, &not7), Subset::Yes);
        assert_eq!(e.is_subset(&not7, &not4), Subset::Yes);
        assert_eq!(e.is_subset(&not4, &not4), Subset::Yes);
        // `1.0` matches only the `number` branch under draft 4, both under draft 7.
        let one_of = |draft: &str| {
            e.prepare(
                &json!({"$schema": draft, "oneOf": [{"type": "integer"}, {"type": "number"}]}),
            )
            .unwrap()
        };
        let (one4, one7) = (
            one_of("http://json-schema.org/draft-04/schema#"),
            one_of("http://json-schema.org/draft-07/schema#"),
        );
        assert!(one4.is_valid(&json!(1.0)) && !one7.is_valid(&json!(1.0)));
        assert_ne!(e.is_subset(&one4, &one7), Subset::Yes);
        // A wider draft-07 side holding a number the draft-04 side reads as no integer is no
        // refutation: both accept integers written as integers.
        let d7_num = e
            .prepare(
                &json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": "number"}),
            )
            .unwrap();
        assert_eq!(e.is_subset(&d4, &d7_num), Subset::Yes);
    }

    #[test]
    fn a_const_holding_a_ref_key_is_data() {
        let e = engine();
        let old = e
            .prepare(&json!({"const": {"$ref": "https://example.com/s.json"}}))
            .unwrap();
        let new = e
            .prepare(&json!({"properties": {"const": {"type": "string"}}, "enum": [{"$ref": "https://example.com/s.json"}, 1]}))
            .unwrap();
        assert!(old.is_valid(&json!({"$ref": "https://example.com/s.json"})));
        assert_eq!(e.is_subset(&old, &new), Subset::Yes);
        // A property named `const` is a subschema, and its references are references.
        assert!(
            e.prepare(&json!({"properties": {"const": {"$ref": "https://example.com/s.json"}}}))
                .is_err()
        );
    }

    #[test]
    fn remote_refs_are_refused() {
        let err = engine()
            .prepare(&json!({"$ref": "https://example.com/s.json"}))
            .unwrap_err();
        assert_eq!(err.pointer, "/$ref");
    }

    #[test]
    fn full_mode_names_the_direction() {
        let e = engine();
        let old = e.prepare(&json!({"type": "string"})).unwrap();
        let new = e.prepare(&json!({"type": ["string", "null"]})).unwrap();
        let c = e.compare(&old, &new, Mode::Full);
        assert_eq!(c.verdict, Verdict::Incompatible);
        let cx = c.counterexample.unwrap();
        assert_eq!(cx.direction, Some(Direction::Forward));
        assert_eq!(cx.value, Value::Null);
    }
}

#[cfg(test)]
mod more_tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn required_naming_an_undeclared_property_in_a_closed_object_breaks() {
        let e = Engine::default();
        let old = e.prepare(&json!({"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false})).unwrap();
        let new = e
            .prepare(&json!({"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false, "required": ["b"]}))
            .unwrap();
        match e.is_subset(&old, &new) {
            Subset::No(c) => assert!(old.is_valid(&c.value) && !new.is_valid(&c.value)),
            other => panic!("expected No, got {other:?}"),
        }
    }

    #[test]
    fn a_deferred_validator_that_cannot_be_built_accepts_nothing_and_decides_nothing() {
        let e = Engine::default();
        let doc = json!({"type": "string", "pattern": "(unclosed"});
        assert!(
            e.prepare(&doc).is_err(),
            "the eager preparation compiles it"
        );
        let s = e
            .prepare_deferred(&doc)
            .expect("deferred: not compiled yet");
        let value = json!("(unclosed");
        assert!(!s.is_valid(&value), "no value is taken as accepted");
        match s.judge(&value) {
            Judgement::Undecided(_, why) => {
                assert!(why.contains("validator cannot be built"), "{why}");
            }
            other => panic!("expected undecided, got {other:?}"),
        }
        // A valid schema prepared either way validates alike.
        let ok = json!({"type": "string", "maxLength": 2});
        let (eager, deferred) = (e.prepare(&ok).unwrap(), e.prepare_deferred(&ok).unwrap());
        for v in [json!("ab"), json!("abc"), json!(1)] {
            assert_eq!(eager.is_valid(&v), deferred.is_valid(&v), "{v}");
            assert_eq!(eager.judge(&v), deferred.judge(&v), "{v}");
        }
    }

    #[test]
    fn an_error_list_exponential_in_the_value_depth_is_not_collected() {
        // Each level applies the recursive definition along two paths: a leaf 30 objects deep
        // fails along 2^30 of them, and a validator listing every error never finishes.
        let e = Engine::default();
        let schema = e
            .prepare(&json!({
                "$defs": {"t": {"type": "object", "additionalProperties": {
                    "allOf": [{"$ref": "#/$defs/t"}, {"$ref": "#/$defs/t"}]
                }}},
                "$ref": "#/$defs/t"
            }))
            .unwrap();
        let mut value = json!(1);
        for _ in 0..30 {
            value = json!({ "k": value });
        }
        assert_eq!(schema.judge(&value), Judgement::Invalid);
        let rejections = schema.rejections(&value);
        assert_eq!(rejections.len(), 1, "{rejections:?}");
        assert_eq!(rejections[0].keyword, "type");
        // A shallow value still lists its errors.
        let shallow = json!({"a": 1, "b": 2});
        assert!(schema.rejections(&shallow).len() > 1);
    }

    #[test]
    fn tiny_budgets_give_unknown_with_a_reason() {
        let budgets = Budgets {
            witness_steps: 1,
            witness_candidates: 1,
            ..Budgets::default()
        };
        let e = Engine::new(EngineOptions {
            budgets,
            ..EngineOptions::default()
        });
        let old = e
            .prepare(&json!({"type": "string", "pattern": "^(?=x)[a-z]+$"}))
            .unwrap();
        let new = e
            .prepare(&json!({"type": "string", "pattern": "^(?=x)[a-y]+$"}))
            .unwrap();
        match e.is_subset(&old, &new) {
            Subset::Unknown(r) => {
                assert!(["pattern", "budget"].contains(&r.keyword.as_str()), "{r:?}");
                assert!(r.reason.contains("budget"), "{}", r.reason);
            }
            other => panic!("expected Unknown, got {other:?}"),
        }
    }

    #[test]
    fn format_assertion_follows_the_option() {
        let doc_old = json!({"type": "string"});
        let doc_new = json!({"type": "string", "format": "date"});
        let strict = Engine::default();
        let (o, n) = (
            strict.prepare(&doc_old).unwrap(),
            strict.prepare(&doc_new).unwrap(),
        );
        assert!(matches!(strict.is_subset(&o, &n), Subset::No(_)));
        let lax = Engine::new(EngineOptions {
            validate_formats: false,
            ..EngineOptions::default()
        });
        let (o, n) = (
            lax.prepare(&doc_old).unwrap(),
            lax.prepare(&doc_new).unwrap(),
        );
        assert_eq!(lax.is_subset(&o, &n), Subset::Yes);
    }
}
