//! Bodies of the fuzz targets in `fuzz/`. They live in the library so that an ordinary test
//! runs them over `fuzz/seeds/` and the fuzzers only add coverage-guided inputs.
//!
//! Each body must never panic, whatever the bytes; the oracles assert invariants.

use crate::contract::load::{FileKind, FormatChecker};
use crate::contract::model::Contract;
use crate::source::{Document, Syntax, decode_utf8};

/// Parses bytes as YAML and as JSON; on success, every pointer of the value locates.
pub fn parse_document(data: &[u8]) {
    let Ok(text) = decode_utf8(data.to_vec()) else {
        return;
    };
    for syntax in [Syntax::Yaml, Syntax::Json] {
        if let Ok(doc) = Document::parse("fuzz", syntax, text.clone()) {
            let (line, col) = doc.locate("", false);
            // Oracle: the root of a parsed document has a position inside the text.
            assert!(line <= text.lines().count().max(1) + 1 && (line == 0 || col >= 1));
            if let serde_json::Value::Object(m) = &doc.value {
                for k in m.keys().take(16) {
                    let _ = doc.locate(&format!("/{}", crate::source::escape_segment(k)), true);
                }
            }
        }
    }
}

/// Loads bytes as a `contract.yaml`: either a contract or a list of located errors.
pub fn load_contract(data: &[u8]) {
    let Ok(text) = decode_utf8(data.to_vec()) else {
        return;
    };
    let Ok(doc) = Document::parse("contract.yaml", Syntax::Yaml, text) else {
        return;
    };
    let checker = FormatChecker::new();
    if let Err(errors) = checker.check::<Contract>(&doc, FileKind::Contract) {
        // Oracle: a rejected file always says why.
        assert!(!errors.is_empty());
        assert!(errors.iter().all(|e| !e.message.is_empty()));
    }
}
