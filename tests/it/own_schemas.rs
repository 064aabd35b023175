//! The JSON Schemas of seam's own files and of its JSON report are generated from the Rust
//! types and committed; this test fails when they are stale. Regenerate with
//! `SEAM_BLESS=1 cargo test --test it own_schemas`.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check(path: &Path, value: &serde_json::Value, stale: &mut Vec<String>) {
    let text = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::env::var_os("SEAM_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &text).unwrap();
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(committed) if committed == text => {}
        _ => stale.push(path.display().to_string()),
    }
}

#[test]
fn file_format_schemas_are_current() {
    let mut stale = Vec::new();
    for (name, schema) in seam::contract::model::file_schemas() {
        check(
            &root().join("contracts/seam-files").join(name),
            &schema,
            &mut stale,
        );
    }
    assert!(
        stale.is_empty(),
        "stale generated schemas (run `SEAM_BLESS=1 cargo test --test it own_schemas`): {stale:?}"
    );
}

#[test]
fn report_schema_is_the_latest_published_version() {
    // The JSON report is itself a contract (contracts/seam.report): its newest version must be
    // exactly what the code emits. Changing the report means publishing a new version.
    let dir = root().join("contracts/seam.report/schemas");
    let mut versions: Vec<semver::Version> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str()?.parse().ok())
        .collect();
    versions.sort();
    let latest = versions
        .last()
        .expect("contracts/seam.report has a version");
    let mut stale = Vec::new();
    check(
        &dir.join(format!("{latest}.json")),
        &seam::report::Report::json_schema(),
        &mut stale,
    );
    assert!(
        stale.is_empty(),
        "report schema differs from {latest}: publish a new version or bless: {stale:?}"
    );
}

#[test]
fn committed_file_schemas_validate_the_shipped_examples() {
    // Editors use these schemas for autocompletion: they must accept what seam accepts.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("contracts/seam-files/contract.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let text = std::fs::read_to_string(
        root().join("templates/init/contracts/sales.order-created/contract.yaml"),
    )
    .unwrap();
    let doc =
        seam::source::Document::parse("contract.yaml", seam::source::Syntax::Yaml, text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&doc.value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn file_format_reference_is_current() {
    let mut stale = Vec::new();
    let text = seam::contract::docs::file_formats_markdown();
    let path = root().join("docs/file-formats.md");
    if std::env::var_os("SEAM_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        stale.push(path.display().to_string());
    }
    assert!(
        stale.is_empty(),
        "stale docs (run `SEAM_BLESS=1 cargo test --test it own_schemas`): {stale:?}"
    );
}
