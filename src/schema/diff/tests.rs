//! Cross-family tests of the structural diff: identity, determinism, scale.

use serde_json::json;

use super::structural_changes;

#[test]
fn identical_documents_have_no_changes() {
    let s = json!({"type": "object", "properties": {"a": {"$ref": "#"}}});
    assert!(structural_changes(&s, &s).is_empty());
}
