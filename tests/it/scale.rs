//! Scale: a small generated landscape (contracts with shared `$ref`'d files, compatible minors,
//! breaking minors and majors, consumers with expectations and example globs) checked with any
//! number of threads gives the same bytes; answers remembered by content name their own sides.

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn put(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// Version `minor` of contract `c`: `field_0`'s `maxLength` widens in 1.2 of every third
/// contract (breaking under `forward` without a new major); 1.1 adds a field (compatible).
fn schema(c: usize, major: u64, minor: u64) -> String {
    let widened = c.is_multiple_of(3) && minor >= 2;
    let mut props = format!(
        r#""event_id": {{"type": "string", "minLength": 1}}, "total": {{"$ref": "../../_common/money.json"}}, "field_0": {{"type": "string", "maxLength": {}}}"#,
        if widened { 80 } else { 40 }
    );
    for f in 1..4 + minor {
        let _ = write!(
            props,
            r#", "field_{f}": {{"type": "string", "maxLength": {}}}"#,
            20 + f
        );
    }
    let required = if major >= 2 {
        r#"["event_id"]"#
    } else {
        r#"["event_id", "total"]"#
    };
    format!(
        r#"{{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": {required}, "properties": {{{props}}}}}"#
    )
}

/// A landscape of `n` contracts and `n / 3` consumers with 3 uses each. Consumers 0 and 1
/// hold byte-identical expectations of contract 0 (which widens `field_0` in 1.2).
pub(crate) fn landscape(n: usize) -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    let root = dir.path();
    put(
        root,
        "seam.yaml",
        "version: 1\ndefaults:\n  compatibility: forward\n",
    );
    put(
        root,
        "contracts/_common/money.json",
        r#"{"type": "object", "required": ["amount", "currency"], "properties": {"amount": {"type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$"}, "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}}}"#,
    );
    put(
        root,
        "systems/producer.yaml",
        "id: producer\nowner: team-p\nvendor_api_version: \"1\"\n",
    );
    for c in 0..n {
        let mut versions = vec![(1, 0), (1, 1), (1, 2)];
        if c.is_multiple_of(4) {
            versions.push((2, 0));
        }
        let mut yaml = format!(
            "id: c{c:03}\npattern: event\nproducer: producer\nowner: team-p\ndelivery:\n  idempotency_key: /event_id\n  dead_letter: dlq\n  retry: {{ max_attempts: 3 }}\nmonitoring:\n  alert_within: 15m\n  max_lag: 5m\nversions:\n"
        );
        for (major, minor) in &versions {
            let _ = writeln!(yaml, "  {major}.{minor}.0: {{}}");
            put(
                root,
                &format!("contracts/c{c:03}/schemas/{major}.{minor}.0.json"),
                &schema(c, *major, *minor),
            );
        }
        yaml.push_str("examples:\n  - { file: examples/one.json, versions: \"^1\" }\n");
        put(
            root,
            &format!("contracts/c{c:03}/examples/one.json"),
            &format!(
                r#"{{"event_id": "c{c}", "total": {{"amount": "1.00", "currency": "EUR"}}, "field_0": "x"}}"#
            ),
        );
        put(root, &format!("contracts/c{c:03}/contract.yaml"), &yaml);
    }
    for k in 0..n / 3 {
        put(
            root,
            &format!("systems/sys{k:02}.yaml"),
            &format!("id: sys{k:02}\nowner: team-{k}\nvendor_api_version: \"1\"\n"),
        );
        let mut yaml = format!("system: sys{k:02}\nowner: team-{k}\nuses:\n");
        let mut used = Vec::new();
        for u in 0..3 {
            let c = if k < 2 && u == 0 {
                0
            } else {
                (k * 7 + u * 5) % n
            };
            if used.contains(&c) {
                continue;
            }
            used.push(c);
            let _ = writeln!(
                yaml,
                "  - {{ contract: c{c:03}, versions: \"^1\", expects: sys{k:02}/c{c:03}.json, examples: \"sys{k:02}/examples/c{c:03}/*.json\" }}"
            );
            put(
                root,
                &format!("consumers/sys{k:02}/c{c:03}.json"),
                r#"{"type": "object", "required": ["event_id"], "properties": {"event_id": {"type": "string"}, "field_0": {"type": "string", "maxLength": 40}}}"#,
            );
            for e in 0..2 {
                put(
                    root,
                    &format!("consumers/sys{k:02}/examples/c{c:03}/e{e}.json"),
                    &format!(r#"{{"event_id": "k{k}-{e}"}}"#),
                );
            }
        }
        put(root, &format!("consumers/sys{k:02}.yaml"), &yaml);
    }
    dir
}

/// `seam ARGS` in `dir` with extra environment; (exit code, stdout).
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::cargo_bin("seam").expect("the binary");
    cmd.current_dir(dir).env("NO_COLOR", "1").args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("seam runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

const CHECK: [&str; 6] = ["check", ".", "--format", "json", "--today", "2026-11-27"];

#[test]
fn check_output_is_the_same_for_any_number_of_threads() {
    let dir = landscape(24);
    let (code, one) = run(dir.path(), &CHECK, &[("RAYON_NUM_THREADS", "1")]);
    assert_eq!(code, 1, "{one}");
    // The run has real work to agree on: breaking minors and unreadable versions.
    assert!(one.contains("\"breaking-change-without-major\""), "{one}");
    assert!(one.contains("\"consumer-incompatible\""), "{one}");
    assert!(one.contains("\"major-version-breaking\""), "{one}");
    let (_, eight) = run(dir.path(), &CHECK, &[("RAYON_NUM_THREADS", "8")]);
    assert_eq!(one, eight);
    let mut jobs_one = CHECK.to_vec();
    jobs_one.extend(["--jobs", "1"]);
    let (_, j1) = run(dir.path(), &jobs_one, &[]);
    assert_eq!(one, j1);
    let mut jobs_eight = CHECK.to_vec();
    jobs_eight.extend(["-j", "8"]);
    let (_, j8) = run(dir.path(), &jobs_eight, &[]);
    assert_eq!(one, j8);
}

#[test]
fn lint_output_is_the_same_for_any_number_of_threads() {
    let dir = landscape(24);
    // A canonical key every version's `event_id` (any non-empty string) is wider than: each
    // version has a key site to prove, and lint proves them on every thread.
    put(
        dir.path(),
        "keys.yaml",
        "keys:\n  event_id:\n    owner: team-p\n    schema: { type: string, minLength: 1, maxLength: 36 }\n",
    );
    let lint = ["lint", ".", "--format", "json", "--today", "2026-11-27"];
    let (_, one) = run(dir.path(), &lint, &[("RAYON_NUM_THREADS", "1")]);
    assert!(one.contains("\"canonical-key-mismatch\""), "{one}");
    assert!(one.contains("\"c023\""), "{one}");
    let (_, eight) = run(dir.path(), &lint, &[("RAYON_NUM_THREADS", "8")]);
    assert_eq!(one, eight);
}

#[test]
fn a_remembered_answer_names_its_own_consumer() {
    // sys00 and sys01 hold the same expectation of c000: the second question is answered
    // from the first; each finding must still name its own consumer.
    let dir = landscape(9);
    let (code, out) = run(dir.path(), &CHECK, &[("RAYON_NUM_THREADS", "1")]);
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let findings = report["findings"].as_array().expect("findings");
    for system in ["sys00", "sys01"] {
        let f = findings
            .iter()
            .find(|f| {
                f["rule_id"] == "consumer-incompatible"
                    && f["contract"] == "c000"
                    && f["consumers"][0]["system"] == system
            })
            .unwrap_or_else(|| panic!("no finding for {system}: {out}"));
        let notes = f["notes"].to_string();
        assert!(
            notes.contains(&format!("consumer {system} rejects it")),
            "{system}: {notes}"
        );
        let other = if system == "sys00" { "sys01" } else { "sys00" };
        assert!(!notes.contains(other), "{system}: {notes}");
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn shards_partition_the_contracts_and_merge_into_the_unsharded_decision() {
    let dir = landscape(30);
    let (code, whole) = run(dir.path(), &CHECK, &[]);
    assert_eq!(code, 1, "{whole}");
    let whole = json(&whole);
    let mut checked = Vec::new();
    let mut findings = Vec::new();
    let mut files = Vec::new();
    for i in 1..=3 {
        let spec = format!("{i}/3");
        let file = format!("shard-{i}.json");
        let mut args = CHECK.to_vec();
        args.extend(["--shard", &spec, "--output", &file]);
        let (code, _) = run(dir.path(), &args, &[]);
        let report = json(&std::fs::read_to_string(dir.path().join(&file)).expect("report"));
        // Each job's exit code stands alone.
        let blocking = report["counts"]["errors"].as_u64().expect("counts");
        assert_eq!(code, i32::from(blocking > 0), "shard {spec}");
        assert_eq!(report["stats"]["shard"], spec.as_str());
        checked.extend(report["checked"].as_array().cloned().unwrap_or_default());
        findings.extend(report["findings"].as_array().cloned().expect("findings"));
        files.push(file);
    }
    // Every contract in exactly one shard, every finding in exactly one shard.
    let mut all: Vec<String> = checked.iter().map(ToString::to_string).collect();
    all.sort();
    let mut expected: Vec<String> = whole["checked"]
        .as_array()
        .expect("checked")
        .iter()
        .map(ToString::to_string)
        .collect();
    expected.sort();
    assert_eq!(all, expected);
    let key = |v: &serde_json::Value| v.to_string();
    let mut got: Vec<String> = findings.iter().map(key).collect();
    got.sort();
    let mut want: Vec<String> = whole["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(key)
        .collect();
    want.sort();
    assert!(
        got == want,
        "the shards' findings are not the unsharded run's"
    );

    let mut args = vec!["report", "merge"];
    args.extend(files.iter().map(String::as_str));
    let (code, merged) = run(dir.path(), &args, &[]);
    assert_eq!(code, 1, "{merged}");
    let merged = json(&merged);
    // The same findings in the same order (not printed: hundreds of lines).
    assert!(
        merged["findings"] == whole["findings"],
        "the merged findings differ from the unsharded run's"
    );
    assert_eq!(merged["counts"], whole["counts"]);
    assert_eq!(merged["outcome"], whole["outcome"]);
    assert_eq!(merged["checked"], whole["checked"]);
    assert_eq!(
        merged["stats"]["version_pairs"],
        whole["stats"]["version_pairs"]
    );
    assert_eq!(
        merged["stats"]["consumer_pairs"],
        whole["stats"]["consumer_pairs"]
    );

    // A missing job is refused, never a pass.
    let (code, _) = run(dir.path(), &["report", "merge", &files[0], &files[2]], &[]);
    assert_eq!(code, 2);
}

/// Every entry file under `.seam/cache`.
fn cache_entries(root: &Path) -> Vec<std::path::PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root.join(".seam/cache"), &mut out);
    out.sort();
    out
}

#[test]
fn the_proof_cache_changes_no_byte_cold_warm_or_corrupt() {
    let dir = landscape(24);
    let mut no_cache = CHECK.to_vec();
    no_cache.push("--no-cache");
    let (code, reference) = run(dir.path(), &no_cache, &[]);
    assert_eq!(code, 1, "{reference}");
    assert!(
        cache_entries(dir.path()).is_empty(),
        "--no-cache wrote a cache"
    );

    let (_, cold) = run(dir.path(), &CHECK, &[]);
    assert_eq!(cold, reference);
    let entries = cache_entries(dir.path());
    assert!(!entries.is_empty(), "the cold run kept no proof");
    let (_, warm) = run(dir.path(), &CHECK, &[("RAYON_NUM_THREADS", "1")]);
    assert_eq!(warm, reference);
    let (_, warm8) = run(dir.path(), &CHECK, &[("RAYON_NUM_THREADS", "8")]);
    assert_eq!(warm8, reference);

    // Damaged segments (truncated, emptied, garbage) are ignored and their proofs written again.
    for (i, entry) in entries.iter().enumerate() {
        let intact = std::fs::read_to_string(entry).expect("segment");
        let damaged = match i % 3 {
            0 => intact[..intact.len() / 2].to_owned(),
            1 => String::new(),
            _ => "seam-verdict-cache 2\n0 0\n".to_owned(),
        };
        std::fs::write(entry, damaged).expect("damage");
    }
    let (_, repaired) = run(dir.path(), &CHECK, &[]);
    assert_eq!(repaired, reference);
    let after = cache_entries(dir.path());
    assert!(
        after.len() > entries.len(),
        "the proofs lost were not written again: {after:?}"
    );
    let (_, warm_again) = run(dir.path(), &CHECK, &[]);
    assert_eq!(warm_again, reference);
    assert_eq!(
        cache_entries(dir.path()),
        after,
        "a warm run with every proof found wrote a segment"
    );

    // A cache folder outside the repository is refused (exit 2), never used.
    let mut outside = CHECK.to_vec();
    outside.extend(["--cache-dir", "../elsewhere"]);
    let (code, _) = run(dir.path(), &outside, &[]);
    assert_eq!(code, 2);
}

#[test]
fn a_forgotten_schema_is_prepared_again_to_the_same_answer() {
    // sys00 and sys01 hold byte-identical expectations of c000: one prepared document. Once
    // forgotten through either path, both paths prepare it again; answers stay the same.
    let dir = landscape(9);
    let repo = seam::policy::load(dir.path()).expect("the landscape loads");
    let mut schemas = seam::contract::prepared::Schemas::new(&repo);
    let first = Path::new("consumers/sys00/c000.json");
    let second = Path::new("consumers/sys01/c000.json");
    let producer = Path::new("contracts/c000/schemas/1.2.0.json");
    let a = schemas.get(first).expect("prepares");
    let b = schemas.get(second).expect("prepares");
    assert_eq!(a.content_hash(), b.content_hash());
    let p = schemas.get(producer).expect("prepares");
    let before = schemas.is_subset(&p, &a);
    assert!(
        matches!(before, seam::schema::Subset::No(_)),
        "1.2.0 widens field_0 past the expectation: {before:?}"
    );
    schemas.forget([first]);
    let again = schemas
        .get(second)
        .expect("the other path prepares it again");
    assert_eq!(again.content_hash(), a.content_hash());
    schemas.forget([producer, second]);
    let p = schemas.get(producer).expect("prepares again");
    let a = schemas.get(first).expect("prepares again");
    assert_eq!(
        format!("{:?}", schemas.is_subset(&p, &a)),
        format!("{before:?}")
    );
    // A value is validated against a schema prepared again as before.
    let payload = serde_json::json!({
        "event_id": "e",
        "total": {"amount": "1.00", "currency": "EUR"},
        "field_0": "x".repeat(41),
    });
    assert!(p.is_valid(&payload));
    assert!(!a.is_valid(&payload));
}

#[test]
fn a_schema_shared_by_two_contracts_that_does_not_compile_is_reported_once() {
    // Verify compiles validators contract by contract: an expectation read by uses of two
    // contracts is compiled in both groups, and its error must still show once.
    let dir = landscape(9);
    let root = dir.path();
    let consumer = root.join("consumers/sys00.yaml");
    let yaml = std::fs::read_to_string(&consumer).expect("sys00.yaml");
    assert!(yaml.contains("expects: sys00/c005.json"), "{yaml}");
    std::fs::write(
        &consumer,
        yaml.replace("expects: sys00/c005.json", "expects: sys00/c000.json"),
    )
    .expect("write");
    put(
        root,
        "consumers/sys00/c000.json",
        r#"{"type": "object", "properties": {"event_id": {"type": "string", "pattern": "(unclosed"}}}"#,
    );
    let (code, out) = run(root, &["verify", ".", "--format", "json"], &[]);
    assert_eq!(code, 2, "{out}");
    assert_eq!(out.matches("consumers/sys00/c000.json").count(), 1, "{out}");
}
