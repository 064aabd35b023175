//! Hostile input: every case exits 2 with a clear message, fast, without a panic.

use crate::cli::{BASIC, CONTRACT, SCHEMA_1, edit, scaffold, seam, write};

fn assert_input_error(dir: &tempfile::TempDir, needle: &str) -> String {
    let run = seam(dir.path(), &["verify", "."]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains(needle),
        "expected `{needle}` in:\n{}",
        run.all()
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.all());
    run.stderr
}

#[test]
fn yaml_alias_bomb() {
    let dir = scaffold();
    let mut text =
        String::from("id: erp\nowner: x\ndescription: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..20 {
        let p = i - 1;
        let line = format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        );
        text.push_str(&line);
    }
    write(&dir, "systems/erp.yaml", text);
    let err = assert_input_error(&dir, "alias");
    insta::assert_snapshot!(err);
}

#[test]
fn yaml_deep_nesting() {
    let dir = scaffold();
    let text = format!(
        "id: erp\ndescription: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    write(&dir, "systems/erp.yaml", text);
    assert_input_error(&dir, "nesting deeper than 100 levels");
    let mut block = String::new();
    for i in 0..10_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    write(
        &dir,
        "systems/erp.yaml",
        format!("id: erp\ndescription:\n{block}"),
    );
    assert_input_error(&dir, "systems/erp.yaml");
}

#[test]
fn json_deep_nesting() {
    let dir = scaffold();
    write(
        &dir,
        BASIC,
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    );
    assert_input_error(&dir, "nesting too deep");
    write(
        &dir,
        SCHEMA_1,
        format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000)),
    );
    assert_input_error(&dir, "1.0.0.json:1:");
}

#[test]
fn fifty_megabyte_file() {
    let dir = scaffold();
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(50 * 1024 * 1024));
    write(&dir, BASIC, big);
    let err = assert_input_error(&dir, "over the limit");
    insta::assert_snapshot!(err);
}

#[test]
fn non_utf8_files() {
    let dir = scaffold();
    write(&dir, "systems/erp.yaml", b"id: erp\nname: caf\xe9\n");
    write(&dir, BASIC, b"{\"a\": \"\xff\"}");
    let err = assert_input_error(&dir, "not valid UTF-8");
    insta::assert_snapshot!(err);
}

#[test]
fn remote_ref() {
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        r##""$ref": "#/$defs/money""##,
        r#""$ref": "https://example.com/money.json""#,
    );
    let err = assert_input_error(&dir, "remote `$ref`");
    insta::assert_snapshot!(err);
}

#[test]
fn ref_escaping_the_root() {
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        r##""$ref": "#/$defs/money""##,
        r#""$ref": "../../../../../../etc/passwd""#,
    );
    let err = assert_input_error(&dir, "leaves the repository root");
    insta::assert_snapshot!(err);
}

#[test]
fn ref_cycle_in_one_file() {
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        r##""total": { "$ref": "#/$defs/money" }"##,
        r##""total": { "$ref": "#/$defs/a" }"##,
    );
    edit(
        &dir,
        SCHEMA_1,
        r#""$defs": {"#,
        r##""$defs": { "a": { "$ref": "#/$defs/b" }, "b": { "allOf": [{ "$ref": "#/$defs/a" }] },"##,
    );
    let err = assert_input_error(&dir, "`$ref` cycle");
    insta::assert_snapshot!(err);
}

#[test]
fn ref_cycle_across_files() {
    let dir = scaffold();
    write(&dir, "contracts/common/a.json", r#"{"$ref": "b.json"}"#);
    write(&dir, "contracts/common/b.json", r#"{"$ref": "a.json"}"#);
    edit(
        &dir,
        SCHEMA_1,
        r##""$ref": "#/$defs/money""##,
        r#""$ref": "../../common/a.json""#,
    );
    assert_input_error(&dir, "`$ref` cycle");
}

#[test]
fn recursive_schema_through_properties_is_fine() {
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        r##""total": { "$ref": "#/$defs/money" }"##,
        r##""total": { "$ref": "#/$defs/money" }, "parent": { "$ref": "#" }"##,
    );
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn hostile_regex_in_schema() {
    let dir = scaffold();
    edit(&dir, SCHEMA_1, r#""^SO-[0-9]{6,10}$""#, r#""(a+)+$(""#);
    let run = seam(dir.path(), &["lint"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("1.0.0.json"), "{}", run.all());
}

#[test]
fn yaml_payload_and_schema_files() {
    let dir = scaffold();
    // YAML is accepted for schemas and payloads alike.
    write(
        &dir,
        "contracts/sales.order-created/examples/yaml.yaml",
        "event_id: 9e4f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b\norder_id: SO-0009999\ncustomer_id: C-1\ncreated_at: 2026-11-02T11:30:00Z\ntotal: {amount: \"1.00\", currency: EUR}\n",
    );
    edit(
        &dir,
        CONTRACT,
        "examples:\n",
        "examples:\n  - file: examples/yaml.yaml\n",
    );
    let run = seam(dir.path(), &["verify"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

// ---- Issue 13: files outside the repository, special files, messages ----------------------

/// Runs `seam diff OLD NEW` in `dir` with a 10 s cap, so a read that blocks fails the test
/// instead of hanging it.
fn diff_in(dir: &std::path::Path, old: &str, new: &str) -> crate::cli::Run {
    let out = assert_cmd::Command::cargo_bin("seam")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(10))
        .args(["diff", old, new])
        .output()
        .unwrap();
    let redact = |s: &[u8]| String::from_utf8_lossy(s).replace(&dir.display().to_string(), "[DIR]");
    crate::cli::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: redact(&out.stdout),
        stderr: redact(&out.stderr),
    }
}

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

/// Issue 13 #1: an example, schema or consumer file that is a symbolic link leading outside the
/// repository is refused, naming the file and why, and nothing of the target is printed.
#[cfg(unix)]
#[test]
fn symlink_outside_the_repository_is_refused_and_never_printed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("credentials.json");
    std::fs::write(&secret, "\"ghp_s3cr3t\"").unwrap();
    let secret_schema = outside.path().join("schema.json");
    std::fs::write(&secret_schema, r#"{"const": "ghp_s3cr3t"}"#).unwrap();
    for (rel, target) in [
        (BASIC, &secret),
        (SCHEMA_1, &secret_schema),
        ("consumers/warehouse.yaml", &secret),
    ] {
        let dir = scaffold();
        let path = dir.path().join(rel);
        std::fs::remove_file(&path).unwrap();
        symlink(target, &path).unwrap();
        let run = seam(dir.path(), &["verify", "."]);
        assert_eq!(run.code, 2, "{rel}: {}", run.all());
        assert!(
            run.stderr
                .contains("file is a symbolic link leading outside the repository"),
            "{rel}: {}",
            run.all()
        );
        assert!(run.stderr.contains(rel), "{rel}: {}", run.all());
        assert!(!run.all().contains("ghp_s3cr3t"), "{rel}: {}", run.all());
        assert!(
            !run.all().contains(&*outside.path().to_string_lossy()),
            "{rel}: {}",
            run.all()
        );
    }
    // A folder on the path that links out is refused too.
    let dir = scaffold();
    let examples = dir.path().join("contracts/sales.order-created/examples");
    std::fs::remove_dir_all(&examples).unwrap();
    std::fs::create_dir_all(outside.path().join("examples")).unwrap();
    std::fs::copy(&secret, outside.path().join("examples/order-basic.json")).unwrap();
    symlink(outside.path().join("examples"), &examples).unwrap();
    let run = seam(dir.path(), &["verify", "."]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains("lies outside the repository"),
        "{}",
        run.all()
    );
    assert!(!run.all().contains("ghp_s3cr3t"), "{}", run.all());
}

/// A symbolic link to a file inside the repository is followed as before.
#[cfg(unix)]
#[test]
fn symlink_inside_the_repository_is_read() {
    let dir = scaffold();
    let path = dir.path().join(BASIC);
    std::fs::rename(
        &path,
        dir.path().join("contracts/sales.order-created/real.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../real.json", &path).unwrap();
    let run = seam(dir.path(), &["verify", "."]);
    assert_eq!(run.code, 0, "{}", run.all());
}

/// Makes a special file at a path.
type MakeFile = dyn Fn(&std::path::Path);

/// Issue 13 #9 and #13: special files in a repository are refused by what they are (not "not
/// found"), without blocking.
#[cfg(unix)]
#[test]
fn special_files_in_a_repository_are_named() {
    use std::os::unix::fs::symlink;
    let cases: [(&str, &MakeFile); 5] = [
        (
            "file is a named pipe (FIFO), expected a regular file",
            &|p| mkfifo(p),
        ),
        ("file is a directory, expected a regular file", &|p| {
            std::fs::create_dir(p).unwrap();
        }),
        ("file is a symbolic link loop", &|p| symlink(p, p).unwrap()),
        (
            "file is a symbolic link to a file that does not exist",
            &|p| {
                symlink("missing.json", p).unwrap();
            },
        ),
        (
            "file is a symbolic link leading outside the repository",
            &|p| {
                symlink("/dev/zero", p).unwrap();
            },
        ),
    ];
    for (reason, make) in cases {
        let dir = scaffold();
        let path = dir.path().join(BASIC);
        std::fs::remove_file(&path).unwrap();
        make(&path);
        let out = assert_cmd::Command::cargo_bin("seam")
            .unwrap()
            .current_dir(dir.path())
            .timeout(std::time::Duration::from_secs(10))
            .args(["verify", "."])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{reason}: {stderr}");
        assert!(stderr.contains(reason), "{reason}: {stderr}");
        assert!(stderr.contains(BASIC), "{reason}: {stderr}");
        assert!(!stderr.contains("not found\n"), "{reason}: {stderr}");
    }
    // A FIFO among the systems is reported, not skipped or waited on.
    let dir = scaffold();
    mkfifo(&dir.path().join("systems/pipe.yaml"));
    let run = seam(dir.path(), &["verify", "."]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("systems/pipe.yaml"), "{}", run.all());
    assert!(run.stderr.contains("named pipe"), "{}", run.all());
}

/// Issue 13 #9 and #13: `seam diff` on devices, pipes and links: exit 2 within the time cap,
/// the file named as written (`/dev/null`, not `null:1:1`) with the reason.
#[cfg(unix)]
#[test]
fn seam_diff_refuses_special_files() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("ok.json"), r#"{"type": "string"}"#).unwrap();
    symlink("/dev/zero", d.join("zero.json")).unwrap();
    symlink("/dev/urandom", d.join("random.json")).unwrap();
    mkfifo(&d.join("pipe.json"));
    std::fs::create_dir(d.join("folder.json")).unwrap();
    std::fs::write(d.join("latin1.json"), b"{\"a\": \"caf\xe9\"}").unwrap();
    let cases = [
        (
            "/dev/null",
            "/dev/null: file is a device, expected a regular file",
        ),
        (
            "/dev/zero",
            "/dev/zero: file is a device, expected a regular file",
        ),
        ("/dev/urandom", "/dev/urandom: file is a device"),
        (
            "zero.json",
            "zero.json: file is a symbolic link leading outside",
        ),
        (
            "random.json",
            "random.json: file is a symbolic link leading outside",
        ),
        ("pipe.json", "pipe.json: file is a named pipe (FIFO)"),
        ("folder.json", "folder.json: file is a directory"),
        ("latin1.json", "latin1.json:1:11: file is not valid UTF-8"),
    ];
    for (file, expected) in cases {
        let run = diff_in(d, "ok.json", file);
        assert_eq!(run.code, 2, "{file}: {}", run.all());
        assert!(run.stderr.contains(expected), "{file}: {}", run.all());
        assert!(run.stderr.contains("help: "), "{file}: {}", run.all());
        assert!(!run.stderr.contains("permission"), "{file}: {}", run.all());
    }
}

/// Issue 13 #11: duplicate keys in JSON examples and schemas are errors naming both positions.
#[test]
fn duplicate_json_keys_name_both_positions() {
    let dir = scaffold();
    write(
        &dir,
        BASIC,
        "{\n  \"order_id\": \"SO-0000001\",\n  \"order_id\": \"SO-0000002\"\n}\n",
    );
    let err = assert_input_error(&dir, "duplicate key `order_id` (first at line 2, column 3)");
    assert!(err.contains(&format!("{BASIC}:3:3")), "{err}");
    let dir = scaffold();
    edit(
        &dir,
        SCHEMA_1,
        r#""type": "object","#,
        r#""type": "object", "type": "array","#,
    );
    let err = assert_input_error(&dir, "duplicate key `type`");
    assert!(err.contains(&format!("{SCHEMA_1}:")), "{err}");
    assert!(err.contains("(first at line"), "{err}");
    // `seam diff` too.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.json"), r#"{"type": "string"}"#).unwrap();
    std::fs::write(
        tmp.path().join("b.json"),
        "{\"type\": \"string\",\n \"type\": \"number\"}",
    )
    .unwrap();
    let run = diff_in(tmp.path(), "a.json", "b.json");
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("b.json:2:2: duplicate key `type` (first at line 1, column 2)"),
        "{}",
        run.all()
    );
}

/// Issue 13 #12: YAML nesting up to the documented 100 levels is read, in a repository and in
/// `seam diff` alike; deeper is refused with the limit named, no library internals.
#[test]
fn yaml_nesting_limit_is_100_levels() {
    let nested = |levels: usize| {
        let mut text = String::new();
        for i in 0..levels {
            text.push_str(&"  ".repeat(i));
            text.push_str("properties:\n");
        }
        text
    };
    // A schema of 49 nested `properties: {p: ...}` pairs is 98 mapping levels.
    let mut schema = String::new();
    for i in 0..49 {
        schema.push_str(&"  ".repeat(2 * i));
        schema.push_str("properties:\n");
        schema.push_str(&"  ".repeat(2 * i + 1));
        schema.push_str("p:\n");
    }
    schema.push_str(&"  ".repeat(98));
    schema.push_str("type: string\n");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("deep.yaml"), &schema).unwrap();
    let run = diff_in(tmp.path(), "deep.yaml", "deep.yaml");
    assert_eq!(run.code, 0, "{}", run.all());
    std::fs::write(tmp.path().join("deeper.yaml"), nested(101)).unwrap();
    let run = diff_in(tmp.path(), "deeper.yaml", "deep.yaml");
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains("nesting deeper than 100 levels"),
        "{}",
        run.all()
    );
    assert!(!run.stderr.contains("Depth"), "{}", run.all());
    assert!(!run.stderr.contains("Options"), "{}", run.all());
    // A duplicate YAML key names both positions, not `DuplicateKeyPolicy`.
    std::fs::write(tmp.path().join("dup.yaml"), "type: string\ntype: number\n").unwrap();
    let run = diff_in(tmp.path(), "dup.yaml", "deep.yaml");
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("dup.yaml:2:1: duplicate key `type` (first at line 1, column 1)"),
        "{}",
        run.all()
    );
}

/// Issue 13 #13: `--output` naming the command's own input is refused before any work.
#[test]
fn output_over_an_input_is_refused() {
    let dir = scaffold();
    let before = std::fs::read(dir.path().join(SCHEMA_1)).unwrap();
    for args in [
        vec!["verify", ".", "--output", SCHEMA_1],
        vec!["check", "--output", "seam.yaml"],
        vec!["lint", "--output", CONTRACT],
        vec!["inventory", "--output", "consumers/warehouse.yaml"],
    ] {
        let run = seam(dir.path(), &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.all());
        assert!(
            run.stderr.contains("names a file this command reads"),
            "{args:?}: {}",
            run.all()
        );
    }
    assert_eq!(std::fs::read(dir.path().join(SCHEMA_1)).unwrap(), before);
    // A new report file in the repository root is fine.
    let run = seam(dir.path(), &["verify", ".", "--output", "report.txt"]);
    assert_eq!(run.code, 0, "{}", run.all());
    // `seam diff` refuses to overwrite OLD or NEW.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.json"), r#"{"type": "string"}"#).unwrap();
    let run = seam(
        tmp.path(),
        &["diff", "a.json", "a.json", "--output", "./a.json"],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("a.json")).unwrap(),
        r#"{"type": "string"}"#
    );
}

/// Issue 13 #13: a duration too large for seam is out of range, not missing.
#[test]
fn duration_out_of_range_is_reported_as_such() {
    let dir = scaffold();
    let text = std::fs::read_to_string(dir.path().join(CONTRACT)).unwrap();
    let text = match text.find("alert_within:") {
        Some(_) => {
            let start = text.find("alert_within:").unwrap();
            let end = start + text[start..].find('\n').unwrap();
            format!(
                "{}alert_within: 99999999999999999999h{}",
                &text[..start],
                &text[end..]
            )
        }
        None => format!("{text}monitoring:\n  alert_within: 99999999999999999999h\n"),
    };
    write(&dir, CONTRACT, text);
    let err = assert_input_error(&dir, "duration `99999999999999999999h` is out of range");
    assert!(!err.contains("declares no"), "{err}");
    assert!(err.contains(&format!("{CONTRACT}:")), "{err}");
}

/// Issue 13 #13: `--at` with an offset past ±23:59 is rejected.
#[test]
fn release_at_offset_out_of_range() {
    let dir = scaffold();
    let run = seam(
        dir.path(),
        &[
            "release",
            "--change",
            "compatible",
            "--at",
            "2026-11-27T14:00:00+25:00",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("out of range"), "{}", run.all());
}

/// A report emitter.
type Emit = fn(&mut dyn std::io::Write, &seam::report::Report) -> std::io::Result<()>;

/// Issue 13 #8: hostile property names and values (line breaks, a workflow command, ANSI and C1
/// escapes, `<script>`) through every report format. Text, JUnit, Markdown and GitHub output
/// is printed into CI logs: no line of it may be a workflow command of the input's making, and
/// no escape sequence reaches the terminal. HTML and Markdown escape markup; JSON and SARIF
/// carry the exact value, escaped by JSON.
#[test]
fn hostile_names_through_every_report_format() {
    use seam::error::{LoadError, LoadErrorKind, Location};
    use seam::finding::{ConsumerRef, Finding, SchemaRef, Severity};
    use seam::report::{Report, github, html, json, junit, markdown, sarif, text};

    const NAME: &str = "x\n::error file=README.md,line=1::INJECTED\r\n##[error]OLD\u{1b}[2J\u{9b}31m<script>alert(1)</script>\u{2028}::warning::SEP";
    let mut f = Finding::new(
        seam::rules::RuleId::PropertyRemoved,
        Severity::Error,
        Location::new(format!("contracts/c/schemas/{NAME}.json"), 3, 5),
        format!("property `{NAME}` was removed"),
    );
    f.contract = Some(NAME.to_owned());
    f.version = Some("1.0.0".to_owned());
    f.help = Some(format!("restore `{NAME}`"));
    f.instance_path = Some(format!("/{NAME}"));
    f.keyword = Some(NAME.to_owned());
    f.schema = Some(SchemaRef {
        role: NAME.to_owned(),
        version: Some("1.0.0".to_owned()),
        location: Location::new(NAME, 1, 1),
    });
    f.consumers = vec![ConsumerRef {
        system: NAME.to_owned(),
        owner: Some(NAME.to_owned()),
    }];
    f.counterexample = Some(serde_json::json!({ NAME: NAME }));
    f.notes = vec![NAME.to_owned()];
    f.diff = Some(format!(
        "--- old\n+++ new\n ::error::diff context\n-  \"{NAME}\": 1\n"
    ));
    f.refresh_fingerprint();
    let mut warning = f.clone();
    warning.severity = Severity::Warning;
    warning.rule_id = seam::rules::RuleId::PropertyAdded;
    warning.refresh_fingerprint();
    let report = Report::new("check", vec![f, warning], NAME.to_owned());
    let errors = Report::input_errors(
        "check",
        &[LoadError::new(
            Location::new(NAME, 2, 1),
            LoadErrorKind::Syntax,
            format!("bad `{NAME}`"),
        )
        .with_help(NAME)],
    );

    let formats: [(&str, Emit); 7] = [
        ("text", text::emit),
        ("json", json::emit),
        ("markdown", markdown::emit),
        ("junit", junit::emit),
        ("sarif", sarif::emit),
        ("github", github::emit),
        ("html", html::emit),
    ];
    for r in [&report, &errors] {
        for (name, emit) in formats {
            let mut buf = Vec::new();
            emit(&mut buf, r).unwrap();
            let out = String::from_utf8(buf).unwrap();
            // Colour codes of seam's own (text) are fine; the input's are not.
            let plain = if name == "text" {
                anstream::adapter::strip_str(&out).to_string()
            } else {
                out.clone()
            };
            assert!(
                out.contains("INJECTED"),
                "{name}: the value is shown\n{out}"
            );
            // Formats read in a terminal or a CI log carry no control characters of the input;
            // JSON and SARIF escape ESC (C1 characters are valid JSON text and stay as they are).
            let printed = ["text", "junit", "markdown", "github"].contains(&name);
            assert!(!plain.contains('\u{1b}'), "{name}: a raw ESC\n{out}");
            assert!(
                !printed || !plain.contains('\u{9b}'),
                "{name}: a raw C1 escape\n{out}"
            );
            for line in plain.split(['\n', '\r']) {
                let start = line.trim_start();
                let own = name == "github"
                    && [
                        "::error file=contracts/",
                        "::error file=",
                        "::warning file=",
                    ]
                    .iter()
                    .any(|p| start.starts_with(p))
                    && !start.starts_with("::error file=README.md");
                assert!(
                    !start.starts_with("::") || own,
                    "{name}: a line is a workflow command: {line:?}\n{out}"
                );
                if name != "github" {
                    assert!(!line.contains("##["), "{name}: legacy command {line:?}");
                }
            }
            match name {
                "html" | "junit" => {
                    // (The HTML page has a script of its own.)
                    assert!(!out.contains("<script>alert"), "{name}: markup\n{out}");
                }
                "markdown" => {
                    // Inside a code fence `<script>` is shown as code; elsewhere it is escaped.
                    let mut fenced = false;
                    for line in out.lines() {
                        if line.starts_with("```") {
                            fenced = !fenced;
                        }
                        assert!(fenced || !line.contains("<script>alert"), "markup: {line}");
                    }
                }
                "json" | "sarif" => {
                    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
                    assert!(
                        value
                            .to_string()
                            .contains(&serde_json::to_string(NAME).unwrap()[1..20]),
                        "{name}: the exact value is carried\n{out}"
                    );
                }
                _ => {}
            }
        }
    }
}

/// Issue 13 #2: a symbolic link stored in git is read at the base revision under the same
/// rules as in the working tree: a link inside the repository loads (so in-place edits of
/// published versions are still caught), a link leading out is refused.
#[cfg(unix)]
#[test]
fn symlinks_at_the_base_revision_follow_the_working_tree_rules() {
    use crate::check::{branch, commit_all};
    let dir = scaffold();
    let path = dir.path().join(BASIC);
    std::fs::rename(
        &path,
        dir.path().join("contracts/sales.order-created/real.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../real.json", &path).unwrap();
    commit_all(dir.path(), "base with a linked example");
    branch(dir.path(), "feature");
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(!run.all().contains("base-unloadable"), "{}", run.all());
    // An in-place edit of the published version is caught against that base.
    edit(
        &dir,
        SCHEMA_1,
        r#""^SO-[0-9]{6,10}$""#,
        r#""^SO-[0-9]{7,10}$""#,
    );
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.all().contains("published-version-edited"),
        "{}",
        run.all()
    );
}

/// Issue 13 #2: when the base revision does not load, `check --against` fails closed: exit 2
/// with the base's errors (as `REV:path`) and how to fix it; exit 1 when `lint.rules` names
/// `base-unloadable`; never 0.
#[cfg(unix)]
#[test]
fn unloadable_base_fails_closed() {
    use crate::check::{branch, commit_all};
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.json"), "\"ghp_s3cr3t\"").unwrap();
    let dir = scaffold();
    let path = dir.path().join(BASIC);
    std::fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(outside.path().join("x.json"), &path).unwrap();
    commit_all(dir.path(), "base with a link leading out");
    branch(dir.path(), "feature");
    std::fs::remove_file(&path).unwrap();
    write(
        &dir,
        BASIC,
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("templates/init/contracts/sales.order-created/examples/order-basic.json"),
        )
        .unwrap(),
    );
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("does not load"), "{}", run.all());
    assert!(
        run.stderr.contains(&format!("main:{BASIC}")),
        "{}",
        run.all()
    );
    assert!(
        run.stderr
            .contains("symbolic link leading outside the repository"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("help: "), "{}", run.all());
    assert!(!run.all().contains("ghp_s3cr3t"), "{}", run.all());
    // Under a policy that names the rule, a blocking finding instead.
    let config = std::fs::read_to_string(dir.path().join("seam.yaml")).unwrap();
    write(
        &dir,
        "seam.yaml",
        format!("{config}\nlint:\n  rules:\n    base-unloadable: warning\n"),
    );
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.all().contains("error[base-unloadable]"),
        "{}",
        run.all()
    );
}

/// Issue 13 #8 for `seam diff`: a property name with a line break and a workflow command, ANSI
/// escapes and `##[` is shown escaped in text, Markdown and JSON.
#[test]
fn seam_diff_escapes_hostile_property_names() {
    let tmp = tempfile::tempdir().unwrap();
    let name = "a\n::error file=README.md,line=1::INJECTED\u{1b}[2J##[add-mask]x";
    let old = serde_json::json!({
        "type": "object",
        "properties": { name: { "type": "string" } },
        "required": [name],
    });
    let new = serde_json::json!({
        "type": "object",
        "properties": { name: { "type": "integer" } },
        "required": [name],
    });
    std::fs::write(tmp.path().join("old.json"), old.to_string()).unwrap();
    std::fs::write(tmp.path().join("new.json"), new.to_string()).unwrap();
    for format in ["text", "markdown", "json"] {
        let run = seam(
            tmp.path(),
            &["diff", "old.json", "new.json", "--format", format],
        );
        assert_eq!(run.code, 1, "{format}: {}", run.all());
        assert!(run.stdout.contains("INJECTED"), "{format}: {}", run.all());
        assert!(!run.stdout.contains('\u{1b}'), "{format}: {}", run.all());
        for line in run.stdout.split(['\n', '\r']) {
            assert!(!line.trim_start().starts_with("::"), "{format}: {line:?}");
            assert!(!line.contains("##["), "{format}: {line:?}");
        }
    }
}

/// Issue 13 #13: a schema error in `seam diff` names file, line and column, in the file named
/// on the command line or in the file a `$ref` bundled.
#[test]
fn seam_diff_schema_errors_have_positions() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("ok.json"), r#"{"type": "string"}"#).unwrap();
    std::fs::write(
        d.join("bad.json"),
        "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"a\": {\"type\": \"objekt\"}\n  }\n}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("refs.yaml"),
        "properties:\n  b:\n    $ref: sub.json\n",
    )
    .unwrap();
    std::fs::write(d.join("sub.json"), "{\n  \"minimum\": \"x\"\n}").unwrap();
    let run = diff_in(d, "ok.json", "bad.json");
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.starts_with(
            "bad.json:4:19: `objekt` is not a JSON Schema type; did you mean `object`?"
        ),
        "{}",
        run.all()
    );
    let run = diff_in(d, "ok.json", "refs.yaml");
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.starts_with("sub.json:2:14: "), "{}", run.all());
}

/// Issue 13 #2: a crafted tree naming `x` both as a symbolic link (to a folder outside) and as a
/// folder cannot make the export of the base revision write through the link.
#[cfg(unix)]
#[test]
fn crafted_tree_cannot_write_through_an_exported_link() {
    use crate::check::{branch, commit_all};
    let outside = tempfile::tempdir().unwrap();
    let dir = scaffold();
    commit_all(dir.path(), "base");
    let repo = git2::Repository::open(dir.path()).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let link = repo
        .blob(outside.path().to_string_lossy().as_bytes())
        .unwrap();
    let payload = repo.blob(b"{}").unwrap();
    let mut sub = repo.treebuilder(None).unwrap();
    sub.insert("planted.json", payload, 0o100_644).unwrap();
    let sub = sub.write().unwrap();
    // Tree entries, sorted as git sorts them: the link `x` comes before the folder `x/`.
    let mut raw = Vec::new();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for e in &head.tree().unwrap() {
        let mode = format!("{:o}", e.filemode());
        let mut bytes = format!("{mode} {}\0", e.name().unwrap()).into_bytes();
        bytes.extend_from_slice(e.id().as_bytes());
        let key = if e.kind() == Some(git2::ObjectType::Tree) {
            format!("{}/", e.name().unwrap())
        } else {
            e.name().unwrap().to_owned()
        };
        entries.push((key, bytes));
    }
    let mut l = b"120000 x\0".to_vec();
    l.extend_from_slice(link.as_bytes());
    entries.push(("x".to_owned(), l));
    let mut t = b"40000 x\0".to_vec();
    t.extend_from_slice(sub.as_bytes());
    entries.push(("x/".to_owned(), t));
    entries.sort();
    for (_, bytes) in entries {
        raw.extend(bytes);
    }
    let odb = repo.odb().unwrap();
    let tree_id = odb.write(git2::ObjectType::Tree, &raw).unwrap();
    let tree = repo.find_tree(tree_id).unwrap();
    let sig =
        git2::Signature::new("t", "t@example.com", &git2::Time::new(1_700_000_000, 0)).unwrap();
    let evil = repo
        .commit(None, &sig, &sig, "crafted", &tree, &[&head])
        .unwrap();
    // `main` moves to the crafted commit, and the branch under check starts from it, so the
    // merge base the gate exports is the crafted tree.
    repo.reference("refs/heads/main", evil, true, "crafted")
        .unwrap();
    branch(dir.path(), "feature");
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        !outside.path().join("planted.json").exists(),
        "the export wrote through the link: {}",
        run.all()
    );
}

/// A report file that is a symbolic link planted in the repository, leading out of it (to an
/// existing file or to none), is refused: seam would write outside the repository.
#[cfg(unix)]
#[test]
fn report_through_a_planted_link_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    std::fs::write(&victim, "keep").unwrap();
    let dir = scaffold();
    std::os::unix::fs::symlink(&victim, dir.path().join("report.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("new"), dir.path().join("seam.xml")).unwrap();
    // A folder on the way, planted as a link out of the repository.
    std::os::unix::fs::symlink(outside.path(), dir.path().join("reports")).unwrap();
    for args in [
        vec!["verify", ".", "--output", "report.txt"],
        vec!["check", ".", "--report", "junit=seam.xml"],
        vec!["inventory", ".", "--output", "report.txt"],
        vec!["check", ".", "--output", "reports/new"],
        vec!["lint", ".", "--report", "sarif=./reports/new"],
        vec!["verify", ".", "--output", "reports/../new"],
    ] {
        let run = seam(dir.path(), &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.all());
        assert!(
            run.stderr.contains("leads outside"),
            "{args:?}: {}",
            run.all()
        );
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert!(!outside.path().join("new").exists());
    // A place outside the repository the user names is theirs to write.
    let chosen = outside.path().join("chosen.txt");
    let run = seam(
        dir.path(),
        &["verify", ".", "--output", chosen.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(std::fs::read_to_string(&chosen).unwrap().contains("ok:"));
}
