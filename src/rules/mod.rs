//! The registry of rule metadata: every stable rule ID seam reports, with its kind,
//! category, typical effect, summary and the version that introduced it.
//!
//! Structural diff rules (kind [`RuleKind::Breaking`]) are listed in `catalog.rs`;
//! governance (lint) rules join the same list. A published ID never changes: a rename
//! adds an entry to [`REDIRECTS`] so the old ID keeps resolving (with a warning).

mod catalog;

pub use catalog::ALL;

use crate::schema::diff::Effect;

/// What a rule is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// A structural change between schema versions; whether it blocks depends on its
    /// effect and the compatibility mode.
    Breaking,
    /// A governance check on a contract repository.
    Lint,
}

/// Metadata of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RuleMeta {
    /// Stable kebab-case ID, `<subject>-<change>`.
    pub id: &'static str,
    /// Breaking-change rule or lint rule.
    pub kind: RuleKind,
    /// Keyword family or governance area, e.g. `object`, `string`, `meta`.
    pub category: &'static str,
    /// The effect on the accepted set in the usual context; a reported change states
    /// its own effect, which may differ (e.g. `property-added` on a closed object widens).
    pub effect: Effect,
    /// What the rule detects, one sentence.
    pub summary: &'static str,
    /// The seam version that introduced the rule.
    pub since: &'static str,
}

/// Renamed rule IDs: (old ID, current ID). Empty until a rule is renamed.
pub static REDIRECTS: &[(&str, &str)] = &[];

/// Looks a rule up by its current ID.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    ALL.iter().find(|r| r.id == id)
}

/// Looks a rule up by its current or a former ID; the flag is `true` when `id` was
/// redirected (the caller should warn that the ID is outdated).
pub fn resolve(id: &str) -> Option<(&'static RuleMeta, bool)> {
    if let Some(r) = find(id) {
        return Some((r, false));
    }
    REDIRECTS
        .iter()
        .find(|(old, _)| *old == id)
        .and_then(|(_, new)| find(new))
        .map(|r| (r, true))
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
        for r in ALL {
            assert!(is_kebab(r.id), "`{}` is not kebab-case", r.id);
            assert!(seen.insert(r.id), "`{}` registered twice", r.id);
            assert!(!r.summary.is_empty() && !r.category.is_empty() && !r.since.is_empty());
        }
        for (old, new) in REDIRECTS {
            assert!(
                find(old).is_none(),
                "redirected `{old}` is still registered"
            );
            assert!(
                find(new).is_some(),
                "redirect target `{new}` is not registered"
            );
        }
    }

    /// String literals of the diff's non-test source that look like rule IDs.
    fn ids_in_diff_source() -> BTreeSet<String> {
        let sources = [
            include_str!("../schema/diff/mod.rs"),
            include_str!("../schema/diff/walk.rs"),
            include_str!("../schema/diff/node.rs"),
            include_str!("../schema/diff/type_.rs"),
            include_str!("../schema/diff/object.rs"),
            include_str!("../schema/diff/array.rs"),
            include_str!("../schema/diff/string.rs"),
            include_str!("../schema/diff/number.rs"),
            include_str!("../schema/diff/enum_.rs"),
            include_str!("../schema/diff/combinators.rs"),
            include_str!("../schema/diff/ref_.rs"),
            include_str!("../schema/diff/meta.rs"),
        ];
        let mut out = BTreeSet::new();
        for src in sources {
            let code = src.split("#[cfg(test)]").next().unwrap_or(src);
            for (i, lit) in code.split('"').enumerate() {
                if i % 2 == 1 && lit.contains('-') && is_kebab(lit) {
                    out.insert(lit.to_owned());
                }
            }
        }
        out
    }

    #[test]
    fn every_id_the_diff_uses_is_registered() {
        let used = ids_in_diff_source();
        assert!(used.len() > 100, "scan found only {} IDs", used.len());
        for id in &used {
            assert!(
                find(id).is_some(),
                "`{id}` is used by the diff but not registered"
            );
        }
        for r in ALL.iter().filter(|r| r.kind == RuleKind::Breaking) {
            assert!(
                used.contains(r.id),
                "`{}` is registered but never reported",
                r.id
            );
        }
    }

    #[test]
    fn every_rule_has_a_fixture_and_docs() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let docs = std::fs::read_to_string(root.join("docs/rules.md")).unwrap_or_default();
        for r in ALL.iter().filter(|r| r.kind == RuleKind::Breaking) {
            let dir = root.join("tests/fixtures/rules").join(r.id);
            let cases = std::fs::read_dir(&dir).map_or(0, Iterator::count);
            assert!(cases > 0, "no fixture under {}", dir.display());
            assert!(
                docs.contains(&format!("## `{}`", r.id)),
                "`{}` missing from docs/rules.md",
                r.id
            );
        }
    }

    #[test]
    fn find_and_resolve() {
        assert_eq!(
            find("property-removed").map(|r| r.effect),
            Some(Effect::Widens)
        );
        assert!(find("no-such-rule").is_none());
        assert_eq!(
            resolve("required-added").map(|(r, redirected)| (r.id, redirected)),
            Some(("required-added", false))
        );
    }
}

#[cfg(test)]
mod lint_rule_tests {
    use super::*;

    /// Every rule ID that verify, the gate, governance and the release policy report.
    fn reported_ids() -> Vec<&'static str> {
        use crate::{gate::rule as g, policy::waivers::rule as p, verify::rule as v};
        let mut ids = vec![
            v::EXAMPLE_INVALID,
            v::NEGATIVE_EXAMPLE_ACCEPTED,
            v::NEGATIVE_EXAMPLE_WRONG_REASON,
            v::CONSUMER_REJECTS_EXAMPLE,
            v::CONSUMER_EXAMPLE_INVALID,
            v::CONSUMER_EXAMPLE_UNEXPECTED,
            v::IDEMPOTENCY_KEY_MISSING,
            v::IDEMPOTENCY_KEY_DUPLICATE,
            g::BREAKING_WITHOUT_MAJOR,
            g::MAJOR_VERSION_BREAKING,
            g::VERSION_BUMP_TOO_SMALL,
            g::COMPATIBILITY_UNKNOWN,
            g::CONSUMER_INCOMPATIBLE,
            g::CONSUMER_IMPACT_UNKNOWN,
            g::PUBLISHED_VERSION_EDITED,
            g::VERSION_REMOVED_IN_USE,
            g::VERSION_SUNSET_IN_USE,
            g::CONTRACT_REMOVED_IN_USE,
            g::EXAMPLE_REGRESSED,
            g::BASE_UNLOADABLE,
            p::WAIVER_EXPIRED,
            p::WAIVER_UNUSED,
            p::FREEZE_WINDOW,
        ];
        ids.extend(crate::governance::GOVERNANCE_RULES.iter().map(|r| r.id));
        ids
    }

    #[test]
    fn every_repository_rule_is_registered_and_documented() {
        let docs = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"),
        )
        .unwrap();
        let reported = reported_ids();
        for id in &reported {
            let rule = find(id).unwrap_or_else(|| panic!("`{id}` is reported but not registered"));
            assert_eq!(rule.kind, RuleKind::Lint, "{id}");
            assert!(
                docs.contains(&format!("## `{id}`")),
                "`{id}` missing from docs/rules.md"
            );
        }
        for r in ALL.iter().filter(|r| r.kind == RuleKind::Lint) {
            assert!(
                reported.contains(&r.id),
                "`{}` is registered but never reported",
                r.id
            );
        }
    }
}
