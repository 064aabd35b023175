//! The registry of rules: every stable rule ID seam reports, as the typed [`RuleId`], with
//! its kind, category, effect, default severity, the version that introduced it, a summary
//! and its documentation.
//!
//! A rule is defined once, in `catalog.rs`; every emitter names it by its [`RuleId`] variant,
//! user input (waivers, `lint.rules` in `seam.yaml`) is read through [`resolve`], and
//! `docs/rules.md` is generated from the catalogue ([`markdown`]). A published ID never
//! changes: a rename adds an entry to [`REDIRECTS`] so the old ID keeps resolving (with a
//! warning).
//!
//! This module sits below [`crate::finding`] (a finding carries a [`RuleId`] and a
//! [`Severity`]) and imports nothing of seam's.

mod catalog;
mod docs;

pub use catalog::RuleId;
pub use docs::markdown;

/// What a change does to the set of values a schema accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Some values accepted before are rejected now.
    Narrows,
    /// Some values rejected before are accepted now.
    Widens,
    /// Both: some values are lost and some are gained.
    Changes,
    /// The accepted set is the same (annotations, equivalent refactors).
    None,
    /// The structural rule cannot tell; the semantic check decides.
    Unknown,
}

impl Effect {
    /// The effect's kebab-case name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Narrows => "narrows",
            Effect::Widens => "widens",
            Effect::Changes => "changes",
            Effect::None => "none",
            Effect::Unknown => "unknown",
        }
    }
}

/// How much a finding matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks: exit code 1.
    Error,
    /// Reported, does not block.
    Warning,
    /// Information.
    Note,
}

impl Severity {
    /// The name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Note => "note",
        }
    }
}

/// What a rule is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// A structural change between schema versions; whether it blocks depends on its
    /// effect and the compatibility mode.
    Breaking,
    /// A check on a contract repository: verification, the gate, governance, policy.
    Lint,
}

/// Metadata of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// The rule.
    pub id: RuleId,
    /// Breaking-change rule or lint rule.
    pub kind: RuleKind,
    /// Keyword family or repository area, e.g. `object`, `string`, `meta`, `governance`.
    pub category: &'static str,
    /// The effect on the accepted set in the usual context; a reported change states
    /// its own effect, which may differ (e.g. `property-added` on a closed object widens).
    /// [`Effect::None`] for lint rules.
    pub effect: Effect,
    /// The severity a finding of this rule has unless its emitter or `seam.yaml` says
    /// otherwise (governance rules always start from it).
    pub default_severity: Severity,
    /// The seam version that introduced the rule.
    pub since: &'static str,
    /// What the rule detects, one sentence.
    pub summary: &'static str,
    /// The rest of the rule's documentation (Markdown lines): the example and how to fix;
    /// for lint rules first why it matters. Breaking rules' "why it breaks" follows from
    /// their effect.
    pub docs: &'static [&'static str],
}

/// Defines [`RuleId`] and [`ALL`] from one list; see `catalog.rs`.
macro_rules! rules {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident = $id:literal {
            $kind:ident, $category:literal, $effect:ident, $severity:ident, $since:literal,
            $summary:literal $(,)?
        }
    )*) => {
        /// A stable rule ID. Serialized, displayed and sorted as its kebab-case string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RuleId {
            $(
                #[doc = $summary]
                #[doc = ""]
                $(#[doc = $doc])*
                $name,
            )*
        }

        impl RuleId {
            /// The kebab-case ID, as reported.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$name => $id,)*
                }
            }
        }

        /// Every registered rule, in the order of `docs/rules.md`.
        pub static ALL: &[$crate::rules::RuleMeta] = &[
            $($crate::rules::RuleMeta {
                id: RuleId::$name,
                kind: $crate::rules::RuleKind::$kind,
                category: $category,
                effect: $crate::rules::Effect::$effect,
                default_severity: $crate::rules::Severity::$severity,
                since: $since,
                summary: $summary,
                docs: &[$($doc),*],
            },)*
        ];
    };
}
use rules;

pub use catalog::ALL;

impl RuleId {
    /// The rule's metadata.
    pub fn meta(self) -> &'static RuleMeta {
        // `ALL` lists the variants in declaration order.
        &ALL[self as usize]
    }

    /// The rule's default severity.
    pub fn default_severity(self) -> Severity {
        self.meta().default_severity
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialOrd for RuleId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By the kebab-case string, so that output sorted by rule ID stays in the order of the IDs'
/// spelling, independent of the catalogue's order.
impl Ord for RuleId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl serde::Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Renamed rule IDs: (old ID, current rule). Empty until a rule is renamed.
pub static REDIRECTS: &[(&str, RuleId)] = &[];

/// Looks a rule up by its current ID.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    ALL.iter().find(|r| r.id.as_str() == id)
}

/// Reads a rule ID a user wrote (a waiver, `lint.rules`): its current or a former ID. The
/// flag is `true` when `id` was redirected (the caller should warn that the ID is outdated).
/// `None` for an unknown ID: the caller reports it, with a suggestion from [`ids`].
pub fn resolve(id: &str) -> Option<(RuleId, bool)> {
    if let Some(r) = find(id) {
        return Some((r.id, false));
    }
    REDIRECTS
        .iter()
        .find(|(old, _)| *old == id)
        .map(|(_, new)| (*new, true))
}

/// Every current rule ID, for suggestions.
pub fn ids() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|r| r.id.as_str())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn is_kebab(s: &str) -> bool {
        !s.is_empty()
            && s.split('-')
                .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
    }

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = BTreeSet::new();
        for (i, r) in ALL.iter().enumerate() {
            assert_eq!(r.id as usize, i, "`{}` is out of place in ALL", r.id);
            assert!(is_kebab(r.id.as_str()), "`{}` is not kebab-case", r.id);
            assert!(seen.insert(r.id.as_str()), "`{}` registered twice", r.id);
            assert!(!r.summary.is_empty() && !r.category.is_empty() && !r.since.is_empty());
            assert!(!r.docs.is_empty(), "`{}` has no documentation", r.id);
        }
        for (old, new) in REDIRECTS {
            assert!(
                find(old).is_none(),
                "redirected `{old}` is still registered"
            );
            assert!(find(new.as_str()).is_some());
        }
    }

    #[test]
    fn every_breaking_rule_has_a_fixture() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for r in ALL.iter().filter(|r| r.kind == RuleKind::Breaking) {
            let dir = root.join("tests/fixtures/rules").join(r.id.as_str());
            let cases = std::fs::read_dir(&dir).map_or(0, Iterator::count);
            assert!(cases > 0, "no fixture under {}", dir.display());
        }
    }

    #[test]
    fn docs_are_generated_from_the_registry() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
        let generated = markdown();
        if std::env::var_os("SEAM_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "stale docs/rules.md (run `SEAM_BLESS=1 cargo test --lib rules::`)"
        );
    }

    #[test]
    fn find_and_resolve() {
        assert_eq!(
            find("property-removed").map(|r| r.effect),
            Some(Effect::Widens)
        );
        assert!(find("no-such-rule").is_none());
        assert_eq!(
            resolve("required-added"),
            Some((RuleId::RequiredAdded, false))
        );
        assert_eq!(resolve("no-such-rule"), None);
        assert_eq!(RuleId::RequiredAdded.meta().id, RuleId::RequiredAdded);
    }

    #[test]
    fn sorts_serializes_and_displays_as_the_string() {
        let mut sorted: Vec<RuleId> = ALL.iter().map(|r| r.id).collect();
        sorted.sort();
        let mut strings: Vec<&str> = ids().collect();
        strings.sort_unstable();
        assert_eq!(
            sorted.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
            strings
        );
        assert_eq!(
            serde_json::to_string(&RuleId::PropertyRemoved).unwrap(),
            "\"property-removed\""
        );
        assert_eq!(RuleId::PropertyRemoved.to_string(), "property-removed");
    }
}
