//! `docs/rules.md`, generated from the catalogue: an introduction per kind, an index by
//! category, and one section per rule (metadata line, what it detects, why it breaks or
//! matters, example, how to fix).

use std::fmt::Write as _;

use super::{ALL, Effect, RuleKind, RuleMeta};

/// The introduction to the structural (breaking-change) rules.
const BREAKING_INTRO: &str = r"<!-- Generated from src/rules/catalog.rs by `SEAM_BLESS=1 cargo test --lib rules::`; do not edit. -->

# Rules: structural changes between schema versions

Every change that `seam diff` and `seam check` list carries a stable, kebab-case rule ID
(`<subject>-<change>`), the JSON pointer where it happened (old side when it exists), the old
and new value, and its **effect** on the set of accepted values. A published ID never changes;
a renamed ID keeps working through a redirect table (empty today).

The effect and the contract's compatibility mode decide what blocks:

| effect | `backward` (old ⊆ new) | `forward` (new ⊆ old) | `full` | `none` |
|---|---|---|---|---|
| narrows | blocks | – | blocks | – |
| widens | – | blocks | blocks | – |
| changes | blocks | blocks | blocks | – |
| unknown | semantic check decides; unknown blocks by default | ← | ← | – |
| none | – | – | – | – |

The structural list explains a verdict; the semantic check (with a verified counterexample)
decides it. Where structure and semantics disagree, semantics wins.

Effects are stated for the whole document: under `not` a narrowing change widens, under
`if` and `oneOf` the direction is unknown. Equivalent spellings are not changes: `type: [a, b]`
vs an `anyOf` of single types, `const` vs a one-value `enum`, an `allOf` split of the same
keywords, reordered `enum`/`required`/`type` lists, `integer` vs `number` + `multipleOf: 1`,
draft-04 boolean `exclusiveMinimum` vs the draft-06 number, draft-07 array `items` vs
`prefixItems`, `dependencies` vs `dependentRequired`/`dependentSchemas`, `definitions` vs
`$defs`, and a `$ref` vs its inlined body.

Each rule has fixtures under `tests/fixtures/rules/<rule-id>/`; equivalent pairs that must
stay silent live under `tests/fixtures/rules/_equivalent/`.
";

/// The introduction to the repository (lint) rules.
const LINT_INTRO: &str = r"# Rules: verification, the gate, governance and release policy

These rules are about a contract repository rather than a pair of schemas. Each finding carries the
rule ID, a severity, `path:line:col`, the contract and version, affected consumers and owners, and
how to fix it. Governance rules take their severity from `lint.rules` in `seam.yaml`
(`error`, `warning` or `off`); the defaults are given below. Any finding can be waived in
`waivers.yaml` (rule, contract, version, pointer or fingerprint; approver; expiry).
";

/// Why a breaking rule with this effect breaks (or does not).
fn why_it_breaks(effect: Effect) -> &'static str {
    match effect {
        Effect::Narrows => {
            "It **narrows** the accepted set: some values valid before are rejected now. Blocks under `backward` and `full` (new readers would reject old data)."
        }
        Effect::Widens => {
            "It **widens** the accepted set: some values rejected before are accepted now. Blocks under `forward` and `full` (old readers would meet data they reject)."
        }
        Effect::Changes => {
            "It **changes** the accepted set both ways. Blocks under `backward`, `forward` and `full`."
        }
        Effect::None => "Effect **none**: the accepted set is unchanged; it never blocks.",
        Effect::Unknown => {
            "Effect **unknown** (or context-dependent, stated on each change): the semantic check decides the verdict. An unknown verdict blocks by default."
        }
    }
}

/// The whole of `docs/rules.md`.
pub fn markdown() -> String {
    let mut out = String::new();
    out.push_str(BREAKING_INTRO);
    part(&mut out, RuleKind::Breaking, "Index");
    out.push('\n');
    out.push_str(LINT_INTRO);
    part(&mut out, RuleKind::Lint, "Index of repository rules");
    out
}

/// The index and the sections of one kind's rules.
fn part(out: &mut String, kind: RuleKind, index_title: &str) {
    let rules: Vec<&RuleMeta> = ALL.iter().filter(|r| r.kind == kind).collect();
    let mut categories: Vec<&str> = Vec::new();
    for r in &rules {
        if !categories.contains(&r.category) {
            categories.push(r.category);
        }
    }
    let _ = writeln!(out, "\n## {index_title}\n");
    for category in categories {
        let links: Vec<String> = rules
            .iter()
            .filter(|r| r.category == category)
            .map(|r| format!("[`{0}`](#{0})", r.id))
            .collect();
        let _ = writeln!(out, "- **{category}**: {}", links.join(", "));
    }
    for r in rules {
        let _ = writeln!(out, "\n## `{}`\n", r.id);
        let _ = match kind {
            RuleKind::Breaking => writeln!(
                out,
                "*Category:* {} · *effect:* {} · *since:* {}",
                r.category,
                r.effect.as_str(),
                r.since
            ),
            RuleKind::Lint => writeln!(
                out,
                "*Category:* {} · *default severity:* {} · *since:* {}",
                r.category,
                r.default_severity.as_str(),
                r.since
            ),
        };
        let _ = writeln!(out, "\n**What it detects.** {}\n", r.summary);
        if kind == RuleKind::Breaking {
            let _ = writeln!(out, "**Why it breaks.** {}\n", why_it_breaks(r.effect));
        }
        for line in r.docs {
            // `///` comments keep the space after the slashes.
            let _ = writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line));
        }
    }
}
