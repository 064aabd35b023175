//! The one place that talks to `jsonschema::canonical` (pinned to an exact version in
//! Cargo.toml because the module is experimental). Everything else sees [`Canonical`] and
//! [`Tri`].

use jsonschema::canonical::{
    CanonicalKind, CanonicalSchema, CanonicalView, Containment, RawReason, Satisfiability,
};
use serde_json::Value;

/// A three-valued answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tri {
    Yes,
    No,
    Unknown,
}

/// A canonicalized schema (always of draft 2020-12: the input is upgraded first).
#[derive(Debug, Clone)]
pub(crate) struct Canonical {
    inner: CanonicalSchema,
}

/// Why the library could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Undecided {
    pub(crate) pointer: String,
    pub(crate) reason: String,
}

/// Canonicalizes an upgraded (draft 2020-12) document, offline, with the engine's pattern
/// settings (a match past the backtracking budget decides nothing there either).
pub(crate) fn canonicalize(doc: &Value, validate_formats: bool) -> Result<Canonical, String> {
    jsonschema::canonical::options()
        .offline()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(validate_formats)
        .with_pattern_options(super::ecma::engine_pattern_options())
        .canonicalize(doc)
        .map(|inner| Canonical { inner })
        .map_err(|e| e.to_string())
}

impl Canonical {
    /// Why the library keeps this schema verbatim, when it does.
    pub(crate) fn unsupported(&self) -> Option<Undecided> {
        if self.inner.kind() != CanonicalKind::Raw {
            return None;
        }
        match self.inner.view() {
            CanonicalView::Raw(raw) => Some(Undecided {
                pointer: raw.pointer.unwrap_or_default(),
                reason: match raw.reason {
                    RawReason::UnknownDialect => "the `$schema` dialect is unknown".to_owned(),
                    RawReason::Unmodeled => {
                        "a construct the canonical form does not model".to_owned()
                    }
                    RawReason::OutgrewIntersections | RawReason::OutgrewCases => {
                        "the canonical library ran out of its budget".to_owned()
                    }
                    RawReason::InexactIntersection => {
                        "an intersection the canonical form cannot write exactly".to_owned()
                    }
                },
            }),
            _ => Some(Undecided {
                pointer: String::new(),
                reason: "unsupported construct".to_owned(),
            }),
        }
    }

    /// Whether `self` accepts every value `other` accepts.
    pub(crate) fn covers(&self, other: &Self) -> Result<Tri, String> {
        match self.inner.covers(&other.inner) {
            Ok(Containment::Yes) => Ok(Tri::Yes),
            Ok(Containment::No) => Ok(Tri::No),
            Ok(Containment::Unknown) => Ok(Tri::Unknown),
            Err(e) => Err(e.to_string()),
        }
    }

    /// `self \ other` as a JSON Schema, when the canonical form expresses it.
    pub(crate) fn subtract(&self, other: &Self) -> Option<(Value, Tri)> {
        let difference = self.inner.subtract(&other.inner).ok()?;
        let sat = match difference.satisfiability() {
            Satisfiability::Yes => Tri::Yes,
            Satisfiability::No => Tri::No,
            Satisfiability::Unknown => Tri::Unknown,
        };
        Some((difference.to_json_schema(), sat))
    }

    /// Whether the schema accepts any value.
    pub(crate) fn satisfiable(&self) -> Tri {
        match self.inner.satisfiability() {
            Satisfiability::Yes => Tri::Yes,
            Satisfiability::No => Tri::No,
            Satisfiability::Unknown => Tri::Unknown,
        }
    }
}
