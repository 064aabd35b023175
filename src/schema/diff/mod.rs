//! Structural diff: the list of changes between two schema versions, each with a stable
//! kebab-case rule ID, the JSON pointer where it happened, the old and new value, and its
//! effect on the set of accepted values.
//!
//! The structural list explains a verdict; it never decides it (the semantic check does).

mod array;
mod combinators;
mod enum_;
mod meta;
mod node;
mod number;
mod object;
mod ref_;
mod string;
#[cfg(test)]
mod tests;
mod type_;
mod walk;

use serde::Serialize;
use serde_json::Value;

pub use crate::rules::Effect;
use crate::rules::RuleId;
use crate::schema::Draft;

/// One structural change between an old and a new schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The rule, serialized as its stable kebab-case ID, e.g. `property-removed`.
    pub rule_id: RuleId,
    /// JSON pointer into the schema documents (old side when it exists, else new side).
    pub pointer: String,
    /// Value at the pointer in the old schema, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// Value at the pointer in the new schema, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// Effect on the accepted set.
    pub effect: Effect,
    /// One-line human description, lowercase, no final period.
    pub message: String,
}

/// Lists the structural changes from `old` to `new`, sorted by (pointer, rule ID).
///
/// Both values are self-contained JSON Schema documents (external references already
/// bundled into `$defs`/`definitions`).
///
/// Equivalent spellings (`type: [a, b]` vs an `anyOf` of single types, `const` vs a
/// one-value `enum`, an `allOf` split of the same constraints, reordered `enum`,
/// `required` and `type` lists, `integer` vs `number` with `multipleOf: 1`) give no
/// change, or an `equivalent-refactor` change with effect [`Effect::None`].
///
/// A document without `$schema` is read as draft 2020-12 (the default of `seam.yaml`); the
/// engine passes the repository's default with [`structural_changes_in`].
pub fn structural_changes(old: &Value, new: &Value) -> Vec<Change> {
    structural_changes_in(old, new, Draft::default())
}

/// [`structural_changes`], reading a document without `$schema` as `default_draft` (the
/// repository's `defaults.draft`, as the verdict does).
pub fn structural_changes_in(old: &Value, new: &Value, default_draft: Draft) -> Vec<Change> {
    if node::same(old, new) {
        return Vec::new();
    }
    let mut ctx = walk::Walker::new(old, new, default_draft);
    ctx.walk(
        node::Located::new(old, String::new()),
        node::Located::new(new, String::new()),
        walk::Polarity::Monotone,
    );
    let mut out = ctx.out;
    // Stable: changes at the same pointer with the same rule keep their walk order.
    out.sort_by(|a, b| (a.pointer.as_str(), a.rule_id).cmp(&(b.pointer.as_str(), b.rule_id)));
    out
}

impl Change {
    /// One line: `<rule-id> <pointer> <effect>: <message>`, the pointer `#` for the root.
    pub fn line(&self) -> String {
        let ptr = if self.pointer.is_empty() {
            "#"
        } else {
            self.pointer.as_str()
        };
        format!(
            "{} {} {}: {}",
            self.rule_id,
            ptr,
            self.effect.as_str(),
            self.message
        )
    }
}
