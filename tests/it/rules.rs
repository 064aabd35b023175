//! Rule fixtures: every `tests/fixtures/rules/<rule-id>/<case>/{old,new}.json` pair is
//! diffed structurally; the change list is snapshotted, and a firing fixture must report
//! its rule ID. Pairs under `_equivalent/` must report nothing that changes the
//! accepted set.

use std::fmt::Write as _;
use std::path::Path;

use seam::schema::diff::{Change, Effect, structural_changes};
use serde_json::Value;

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One line per change, then its old and new values.
fn render(changes: &[Change]) -> String {
    let mut out = String::new();
    if changes.is_empty() {
        out.push_str("(no changes)\n");
    }
    for c in changes {
        let _ = writeln!(out, "{}", c.line());
        if let Some(v) = &c.old {
            let _ = writeln!(out, "    old: {v}");
        }
        if let Some(v) = &c.new {
            let _ = writeln!(out, "    new: {v}");
        }
    }
    out
}

#[test]
fn rule_fixtures() {
    let mut failures = Vec::new();
    insta::glob!("../fixtures/rules", "*/*/old.json", |old_path| {
        let dir = old_path.parent().expect("case dir");
        let rule = dir
            .parent()
            .and_then(Path::file_name)
            .and_then(|s| s.to_str())
            .expect("rule dir");
        let old = load(old_path);
        let new = load(&dir.join("new.json"));
        let changes = structural_changes(&old, &new);
        let case = dir.display();
        if rule == "_equivalent" {
            if changes.iter().any(|c| c.effect != Effect::None) {
                failures.push(format!(
                    "{case}: equivalent pair reported\n{}",
                    render(&changes)
                ));
            }
        } else if !changes.iter().any(|c| c.rule_id == rule) {
            failures.push(format!(
                "{case}: expected `{rule}`, got\n{}",
                render(&changes)
            ));
        } else if seam::rules::find(rule).is_none() {
            failures.push(format!("{case}: `{rule}` is not registered"));
        }
        // Determinism: the same input gives the same list, and diff(a, a) is empty.
        assert_eq!(structural_changes(&old, &new), changes);
        assert!(structural_changes(&old, &old).is_empty());
        assert!(structural_changes(&new, &new).is_empty());
        insta::assert_snapshot!(render(&changes));
    });
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
