//! Recorded traffic: `.ndjson`/`.jsonl` example files (one payload per line) and producer
//! example globs, through `seam verify`, `seam check` and every report format.

use crate::cli::{CONSUMER, CONTRACT, edit, scaffold, seam, write};

const TRAFFIC: &str = "contracts/sales.order-created/examples/traffic.ndjson";

/// A valid payload of the scaffold's contract, on one line.
fn order(n: usize) -> String {
    format!(
        r#"{{"event_id": "5f0c6c1e-8c1a-4d8e-9a51-0b7f5e0c{n:04x}", "order_id": "SO-{n:07}", "customer_id": "C-{n}", "created_at": "2026-11-02T09:15:00Z", "total": {{"amount": "149.90", "currency": "EUR"}}}}"#
    )
}

/// The scaffold with `traffic.ndjson` listed as a producer example.
fn with_traffic(lines: &str) -> tempfile::TempDir {
    let dir = scaffold();
    edit(
        &dir,
        CONTRACT,
        "examples:\n",
        "examples:\n  - file: examples/traffic.ndjson\n",
    );
    write(&dir, TRAFFIC, lines);
    dir
}

#[test]
fn every_line_is_a_payload_located_at_its_line() {
    // Line 2 is blank, line 3 ends in CRLF, line 5 sends the amount as a number.
    let bad = order(5).replace(r#""149.90""#, "149.90");
    let dir = with_traffic(&format!(
        "{}\n\n{}\r\n{}\n{bad}\n",
        order(1),
        order(3),
        order(4)
    ));
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 1, "{}", run.all());
    insta::assert_snapshot!(run.all());
    // Four payloads of the file, three other producer examples.
    assert!(run.stdout.contains("7 producer examples"), "{}", run.all());
}

#[test]
fn a_line_that_is_not_json_is_an_error_at_its_line_and_column() {
    let dir = with_traffic(&format!(
        "{}\n{}\n{{\"a\": 1,}}\n{}\n",
        order(1),
        order(2),
        order(4)
    ));
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("contracts/sales.order-created/examples/traffic.ndjson:3:9"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("help:"), "{}", run.all());
    // Two values on one line (a payload split across lines leaves one per line).
    let dir = with_traffic(&format!("{}\n{} {}\n", order(1), order(2), order(3)));
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("traffic.ndjson:2:"), "{}", run.all());
    assert!(
        run.stderr.contains("one JSON value per line"),
        "{}",
        run.all()
    );
    // Not UTF-8, on line 2.
    let dir = scaffold();
    edit(
        &dir,
        CONTRACT,
        "examples:\n",
        "examples:\n  - file: examples/traffic.jsonl\n",
    );
    let mut bytes = format!("{}\n", order(1)).into_bytes();
    bytes.extend_from_slice(b"{\"a\": \"\xff\"}\n");
    write(
        &dir,
        "contracts/sales.order-created/examples/traffic.jsonl",
        bytes,
    );
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("traffic.jsonl:2:8"), "{}", run.all());
}

#[test]
fn a_line_over_the_limit_is_an_error_naming_its_line() {
    let limit = usize::try_from(seam::source::MAX_LINE_BYTES).unwrap();
    let long = format!("{{\"note\": \"{}\"}}", "x".repeat(limit));
    let dir = with_traffic(&format!("{}\n{long}\n{}\n", order(1), order(3)));
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains("traffic.ndjson:2:1") && run.stderr.contains("longer than the limit"),
        "{}",
        run.all()
    );
    assert!(!run.stderr.contains("xxxxxxxx"), "{}", run.all());
}

#[test]
fn a_file_larger_than_the_document_limit_is_read_line_by_line() {
    let line = order(7);
    let count = usize::try_from(seam::source::MAX_FILE_BYTES).unwrap() / line.len() + 10;
    let mut text = String::with_capacity((line.len() + 1) * count);
    for _ in 0..count {
        text.push_str(&line);
        text.push('\n');
    }
    let dir = with_traffic(&text);
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout
            .contains(&format!("{} producer examples", count + 3)),
        "{}",
        run.all()
    );
}

#[cfg(unix)]
#[test]
fn a_link_leading_outside_the_repository_is_refused_unread() {
    let outside = tempfile::TempDir::new().unwrap();
    let secret = outside.path().join("secret.ndjson");
    std::fs::write(&secret, "{\"password\": \"hunter2-SECRET\"}\n").unwrap();
    let dir = with_traffic("");
    std::fs::remove_file(dir.path().join(TRAFFIC)).unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join(TRAFFIC)).unwrap();
    for command in ["verify", "check"] {
        let run = seam(dir.path(), &[command]);
        assert_eq!(run.code, 2, "{}", run.all());
        let all = run.all();
        assert!(all.contains("traffic.ndjson"), "{all}");
        assert!(all.contains("symbolic link leading outside"), "{all}");
        assert!(!all.contains("hunter2"), "{all}");
        assert!(
            !all.contains(&outside.path().display().to_string()),
            "{all}"
        );
    }
}

#[test]
fn consumer_examples_may_be_json_lines() {
    let dir = scaffold();
    edit(
        &dir,
        CONSUMER,
        "warehouse/examples/*.json",
        "warehouse/examples/*.jsonl",
    );
    // The consumer's second payload lacks `customer_id`: the producer never sends that.
    let missing = order(2).replace(r#""customer_id": "C-2", "#, "");
    write(
        &dir,
        "consumers/warehouse/examples/recorded.jsonl",
        format!("{}\n{missing}\n", order(1)),
    );
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout
            .contains("consumers/warehouse/examples/recorded.jsonl:2:1"),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("2 consumer examples"), "{}", run.all());
}

#[test]
fn idempotency_keys_are_compared_across_lines() {
    let same_key_other_order = order(1).replace("SO-0000001", "SO-0000009");
    let dir = with_traffic(&format!(
        "{}\n{}\n{same_key_other_order}\n",
        order(1),
        order(1)
    ));
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let all = run.all();
    assert!(all.contains("idempotency-key-duplicate"), "{all}");
    assert!(
        all.contains("traffic.ndjson:3:")
            && all
                .contains("also used by `contracts/sales.order-created/examples/traffic.ndjson:1`"),
        "{all}"
    );
    // Line 2 repeats line 1 exactly: the same message, not a duplicate key.
    assert!(!all.contains("traffic.ndjson:2:"), "{all}");
}

#[test]
fn globbed_producer_examples_are_verified() {
    let dir = scaffold();
    edit(
        &dir,
        CONTRACT,
        "examples:\n",
        "examples:\n  - file: examples/recorded/*.json\n",
    );
    write(
        &dir,
        "contracts/sales.order-created/examples/recorded/a.json",
        order(1),
    );
    write(
        &dir,
        "contracts/sales.order-created/examples/recorded/b.json",
        order(2).replace(r#""149.90""#, "149.90"),
    );
    write(
        &dir,
        "contracts/sales.order-created/examples/recorded/c.json",
        order(3),
    );
    // Not matched: another extension, a deeper folder.
    write(
        &dir,
        "contracts/sales.order-created/examples/recorded/notes.txt",
        "not a payload",
    );
    write(
        &dir,
        "contracts/sales.order-created/examples/recorded/deeper/d.json",
        "{",
    );
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 1, "{}", run.all());
    insta::assert_snapshot!(run.all());
    assert!(run.stdout.contains("6 producer examples"), "{}", run.all());
    // `seam check` verifies the same examples.
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout
            .contains("contracts/sales.order-created/examples/recorded/b.json:"),
        "{}",
        run.all()
    );
}

#[test]
fn a_producer_glob_that_matches_nothing_or_leaves_the_repository_is_an_error() {
    for (glob, message) in [
        (
            "examples/recorded/*.json",
            "glob `examples/recorded/*.json` matches no file",
        ),
        ("../../../*.json", "leaves the repository root"),
        ("examples/[.json", "is not a valid glob"),
    ] {
        let dir = scaffold();
        edit(
            &dir,
            CONTRACT,
            "examples:\n",
            &format!("examples:\n  - file: \"{glob}\"\n"),
        );
        let run = seam(dir.path(), &["verify"]);
        assert_eq!(run.code, 2, "{glob}: {}", run.all());
        assert!(run.stderr.contains(message), "{glob}: {}", run.all());
        assert!(
            run.stderr.contains(&format!("{CONTRACT}:")),
            "{}",
            run.all()
        );
    }
}

#[test]
fn output_is_the_same_bytes_for_any_thread_count_and_every_format() {
    let mut text = String::new();
    for n in 0..3000 {
        // Every 7th payload is rejected, every 11th repeats a key with another payload.
        let mut line = order(if n % 11 == 0 { 1 } else { n });
        if n % 11 == 0 {
            line = line.replace(&format!("C-{}", 1), &format!("C-x{n}"));
        }
        if n % 7 == 0 {
            line = line.replace(r#""149.90""#, "149.90");
        }
        text.push_str(&line);
        text.push('\n');
    }
    let dir = with_traffic(&text);
    for format in [
        "text", "json", "junit", "github", "sarif", "markdown", "html",
    ] {
        let one = seam(dir.path(), &["--jobs", "1", "verify", "--format", format]);
        let eight = seam(dir.path(), &["--jobs", "8", "verify", "--format", format]);
        assert_eq!(one.code, 1, "{format}: {}", one.all());
        assert_eq!(one.stdout, eight.stdout, "{format}");
        assert!(one.stdout.contains("traffic.ndjson"), "{format}");
        if format == "json" {
            let report: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
            // `path:line:col`
            let lines: Vec<u64> = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|f| f["location"].as_str()?.strip_prefix(TRAFFIC))
                .map(|at| at.split(':').nth(1).unwrap().parse().unwrap())
                .collect();
            assert!(
                lines.contains(&1) && lines.contains(&12) && lines.contains(&2997),
                "{lines:?}"
            );
        }
    }
}
