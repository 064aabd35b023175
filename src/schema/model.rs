//! The vocabulary of the engine: modes, verdicts, drafts, counterexamples and comparisons.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use serde_json::Value;

use super::diff::Change;

/// A compatibility mode (Confluent's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// `old ⊆ new`: new readers accept all old data.
    #[default]
    Backward,
    /// `new ⊆ old`: old readers accept all new data.
    Forward,
    /// Both inclusions.
    Full,
    /// No check; changes are still listed.
    None,
}

impl Mode {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Backward => "backward",
            Self::Forward => "forward",
            Self::Full => "full",
            Self::None => "none",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for an unknown mode name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown compatibility mode `{0}` (expected backward, forward, full or none)")]
pub struct ParseModeError(pub String);

impl FromStr for Mode {
    type Err = ParseModeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "backward" => Ok(Self::Backward),
            "forward" => Ok(Self::Forward),
            "full" => Ok(Self::Full),
            "none" => Ok(Self::None),
            other => Err(ParseModeError(other.to_owned())),
        }
    }
}

/// The answer to a compatibility question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Proved compatible.
    Compatible,
    /// Refuted, with a verified counterexample.
    Incompatible,
    /// Undecided within the budgets; never a pass.
    Unknown,
}

impl Verdict {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Compatible => "compatible",
            Self::Incompatible => "incompatible",
            Self::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which inclusion a counterexample refutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// `old ⊆ new` failed: a value old accepts, new rejects.
    Backward,
    /// `new ⊆ old` failed: a value new accepts, old rejects.
    Forward,
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Backward => "backward",
            Self::Forward => "forward",
        })
    }
}

/// A JSON Schema draft (also how `seam.yaml` names its default draft).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
    Default,
)]
pub enum Draft {
    /// Draft 4.
    #[serde(rename = "4")]
    Draft4,
    /// Draft 6.
    #[serde(rename = "6")]
    Draft6,
    /// Draft 7.
    #[serde(rename = "7")]
    Draft7,
    /// Draft 2019-09.
    #[serde(rename = "2019-09")]
    Draft201909,
    /// Draft 2020-12.
    #[default]
    #[serde(rename = "2020-12")]
    Draft202012,
}

impl Draft {
    /// The draft a schema declares with `$schema`: `Ok(None)` when it declares none,
    /// `Err(uri)` when the value is not the URI of a draft seam knows.
    pub fn declared(schema: &Value) -> Result<Option<Self>, String> {
        let Some(uri) = schema.get("$schema") else {
            return Ok(None);
        };
        let Some(uri) = uri.as_str() else {
            return Err(uri.to_string());
        };
        Self::from_meta_schema(uri)
            .map(Some)
            .ok_or_else(|| uri.to_owned())
    }

    /// The `jsonschema` crate's name of the draft.
    pub fn to_jsonschema(self) -> jsonschema::Draft {
        match self {
            Self::Draft4 => jsonschema::Draft::Draft4,
            Self::Draft6 => jsonschema::Draft::Draft6,
            Self::Draft7 => jsonschema::Draft::Draft7,
            Self::Draft201909 => jsonschema::Draft::Draft201909,
            Self::Draft202012 => jsonschema::Draft::Draft202012,
        }
    }

    /// The draft a `$schema` URI names, if it is one of the known meta-schemas.
    pub fn from_meta_schema(uri: &str) -> Option<Self> {
        let trimmed = uri.trim_end_matches('#').trim_end_matches('/');
        let trimmed = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"))
            .unwrap_or(trimmed);
        match trimmed {
            "json-schema.org/draft-04/schema" => Some(Self::Draft4),
            "json-schema.org/draft-06/schema" => Some(Self::Draft6),
            "json-schema.org/draft-07/schema" => Some(Self::Draft7),
            "json-schema.org/draft/2019-09/schema" => Some(Self::Draft201909),
            "json-schema.org/draft/2020-12/schema" => Some(Self::Draft202012),
            _ => None,
        }
    }

    /// The canonical `$schema` URI of the draft.
    pub fn meta_schema(self) -> &'static str {
        match self {
            Self::Draft4 => "http://json-schema.org/draft-04/schema#",
            Self::Draft6 => "http://json-schema.org/draft-06/schema#",
            Self::Draft7 => "http://json-schema.org/draft-07/schema#",
            Self::Draft201909 => "https://json-schema.org/draft/2019-09/schema",
            Self::Draft202012 => "https://json-schema.org/draft/2020-12/schema",
        }
    }

    /// The short name (`4`, `6`, `7`, `2019-09`, `2020-12`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft4 => "4",
            Self::Draft6 => "6",
            Self::Draft7 => "7",
            Self::Draft201909 => "2019-09",
            Self::Draft202012 => "2020-12",
        }
    }
}

impl fmt::Display for Draft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for an unknown draft name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown draft `{0}` (expected 4, 6, 7, 2019-09 or 2020-12)")]
pub struct ParseDraftError(pub String);

impl FromStr for Draft {
    type Err = ParseDraftError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim_start_matches("draft").trim_start_matches('-') {
            "4" | "04" => Ok(Self::Draft4),
            "6" | "06" => Ok(Self::Draft6),
            "7" | "07" => Ok(Self::Draft7),
            "2019-09" | "201909" => Ok(Self::Draft201909),
            "2020-12" | "202012" => Ok(Self::Draft202012),
            _ => Err(ParseDraftError(s.to_owned())),
        }
    }
}

/// One validator error from the side that rejects a counterexample.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Rejection {
    /// JSON pointer into the counterexample.
    pub instance_path: String,
    /// JSON pointer into the rejecting schema (keyword location).
    pub schema_path: String,
    /// The keyword that failed.
    pub keyword: String,
    /// The validator's message.
    pub message: String,
}

/// A value one side accepts and the other rejects, re-checked with the validator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counterexample {
    /// The value.
    pub value: Value,
    /// Which side accepts it (`old`/`new`, or the caller's labels).
    pub accepted_by: String,
    /// Which side rejects it.
    pub rejected_by: String,
    /// The validator's errors from the rejecting side.
    pub rejections: Vec<Rejection>,
    /// Which inclusion this refutes, when asked under a mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Set when the value separates the schemas only under a reading of a keyword that
    /// validators do not share (a draft-04 `integer` and `1.0`): what that reading is. seam's
    /// validator follows it, so the verdict stands, but the value is not a counterexample
    /// another validator would confirm, and reports show this reason instead of the value
    /// (see [`Counterexample::shown`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
}

impl Counterexample {
    /// The value to show as a counterexample: `None` when it rests on a disputed reading.
    pub fn shown(&self) -> Option<&Value> {
        self.reading.is_none().then_some(&self.value)
    }

    /// For a value not shown (see [`Counterexample::reading`]), the note that says why the
    /// verdict stands without one.
    pub fn reading_note(&self) -> Option<String> {
        self.reading
            .as_ref()
            .map(|r| format!("no counterexample is shown, because the value that separates the schemas rests on a disputed reading: {r}"))
    }
}

/// Why a question stayed undecided.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct UnknownReason {
    /// The keyword the engine could not decide (or `budget`).
    pub keyword: String,
    /// JSON pointer into the schema where it sits (empty for the root).
    pub pointer: String,
    /// Why.
    pub reason: String,
}

/// The answer to `a ⊆ b`.
#[derive(Debug, Clone, PartialEq)]
pub enum Subset {
    /// Proved: every value valid under `a` is valid under `b`.
    Yes,
    /// Refuted by a verified counterexample.
    No(Counterexample),
    /// Undecided.
    Unknown(UnknownReason),
}

/// A full comparison of two schema versions under a mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The semantic verdict under `mode`.
    pub verdict: Verdict,
    /// The mode asked.
    pub mode: Mode,
    /// The structural changes that explain the verdict.
    pub changes: Vec<Change>,
    /// For an incompatible verdict: the first failing direction's verified counterexample.
    pub counterexample: Option<Counterexample>,
    /// Why a direction stayed undecided.
    pub unknown: Vec<UnknownReason>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_and_drafts_round_trip() {
        for m in [Mode::Backward, Mode::Forward, Mode::Full, Mode::None] {
            assert_eq!(m.to_string().parse::<Mode>(), Ok(m));
            assert_eq!(
                serde_json::to_value(m).unwrap(),
                Value::String(m.to_string())
            );
        }
        assert!("sideways".parse::<Mode>().is_err());
        for d in [
            Draft::Draft4,
            Draft::Draft6,
            Draft::Draft7,
            Draft::Draft201909,
            Draft::Draft202012,
        ] {
            assert_eq!(d.as_str().parse::<Draft>(), Ok(d));
            assert_eq!(Draft::from_meta_schema(d.meta_schema()), Some(d));
        }
        assert_eq!(
            serde_json::to_value(Verdict::Unknown).unwrap(),
            Value::String("unknown".to_owned())
        );
    }
}
