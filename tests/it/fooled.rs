//! Issue 9, "the gate cannot be fooled": each case as a new user meets it, starting from
//! `seam init`, on real temporary git repositories with branches and merge bases.

use std::fmt::Write as _;
use std::path::Path;

use tempfile::TempDir;

use crate::check::{branch, commit_all};
use crate::cli::{CONSUMER, CONTRACT, SCHEMA_1, copy_dir, edit, scaffold, seam, write};

const V11: &str = "contracts/sales.order-created/schemas/1.1.0.json";
const V12: &str = "contracts/sales.order-created/schemas/1.2.0.json";
/// A Tuesday morning with no freeze window in the scaffold.
const TUESDAY: &str = "2026-12-08T10:00[Europe/Berlin]";

/// Publishes `1.2.0` as a copy of `1.1.0` with `from` replaced by `to`.
fn publish_1_2(dir: &TempDir, from: &str, to: &str) {
    let v11 = std::fs::read_to_string(dir.path().join(V11)).unwrap();
    assert!(v11.contains(from), "`{from}` not in 1.1.0");
    write(dir, V12, v11.replacen(from, to, 1));
    edit(dir, CONTRACT, "  1.1.0: {}\n", "  1.1.0: {}\n  1.2.0: {}\n");
}

fn unpublish_1_2(dir: &TempDir) {
    std::fs::remove_file(dir.path().join(V12)).unwrap();
    edit(dir, CONTRACT, "  1.2.0: {}\n", "");
}

fn tag(dir: &Path, name: &str) {
    let repo = git2::Repository::open(dir).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.tag_lightweight(name, head.as_object(), false).unwrap();
}

/// The scaffold with no `compatibility` anywhere and a consumer without `expects`.
fn scaffold_with_defaults() -> TempDir {
    let dir = scaffold();
    let contract = std::fs::read_to_string(dir.path().join(CONTRACT)).unwrap();
    let line = contract
        .lines()
        .find(|l| l.starts_with("compatibility:"))
        .unwrap()
        .to_owned();
    edit(&dir, CONTRACT, &format!("{line}\n"), "");
    let consumer = std::fs::read_to_string(dir.path().join(CONSUMER)).unwrap();
    let line = consumer
        .lines()
        .find(|l| l.trim_start().starts_with("expects:"))
        .unwrap()
        .to_owned();
    edit(&dir, CONSUMER, &format!("{line}\n"), "");
    let seam_yaml = std::fs::read_to_string(dir.path().join("seam.yaml")).unwrap();
    assert!(
        !seam_yaml
            .lines()
            .any(|l| l.trim_start().starts_with("compatibility:")),
        "the scaffold's seam.yaml sets no mode"
    );
    dir
}

const WIDEN: (&str, &str) = (
    r#""customer_id": { "type": "string""#,
    r#""customer_id": { "type": ["string", "integer"]"#,
);

#[test]
fn case1_default_mode_follows_the_pattern_and_case2_release_is_a_gate() {
    let dir = scaffold_with_defaults();
    commit_all(dir.path(), "release 1");
    tag(dir.path(), "v1.0.0");
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.all());

    // An event whose new minor version widens a field's type: old consumers get integers.
    publish_1_2(&dir, WIDEN.0, WIDEN.1);
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains(
            "error[breaking-change-without-major]: `sales.order-created` 1.2.0 breaks forward compatibility with 1.1.0"
        ),
        "{}",
        run.all()
    );
    // The consumer without `expects` reads the whole payload as 1.0.0 defines it.
    assert!(
        run.stdout.contains(
            "error[consumer-incompatible]: consumer `warehouse` cannot read everything `sales.order-created` 1.2.0 may send"
        ),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("reading as sales.order-created 1.0.0"));

    // The release on an allowed Tuesday morning is blocked by what `seam check` blocks.
    let run = seam(dir.path(), &["release", "--at", TUESDAY]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout
            .contains("blocked by 2 blocking findings of `seam check --against v1.0.0`"),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("error[breaking-change-without-major]"));
    assert!(run.stdout.contains("\"customer_id\": 0"), "{}", run.all());
    let json = seam(
        dir.path(),
        &["release", "--at", TUESDAY, "--format", "json"],
    );
    assert_eq!(json.code, 1, "{}", json.all());
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["outcome"], "fail");
    assert_eq!(report["stats"]["allowed"], false);
    assert_eq!(report["stats"]["blocking_findings"], 2);
    let broken = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "breaking-change-without-major")
        .expect("the gate's finding is in the release report");
    assert_eq!(broken["counterexample"]["customer_id"], 0);
    let md = seam(
        dir.path(),
        &["release", "--at", TUESDAY, "--format", "markdown"],
    );
    assert_eq!(md.code, 1, "{}", md.all());
    assert!(
        md.stdout.contains("## seam release: BLOCKED"),
        "{}",
        md.all()
    );
    assert!(md.stdout.contains("breaking-change-without-major"));
    assert!(md.stdout.contains("Counterexample"), "{}", md.all());
    // `--change` says what changed; it does not switch the gate off.
    let run = seam(
        dir.path(),
        &["release", "--at", TUESDAY, "--change", "compatible"],
    );
    assert_eq!(run.code, 1, "{}", run.all());

    // Reverted: the release goes out.
    unpublish_1_2(&dir);
    let run = seam(dir.path(), &["release", "--at", TUESDAY]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("allowed"), "{}", run.all());
}

#[test]
fn case1_an_explicit_mode_that_does_not_protect_readers_is_reported() {
    let dir = scaffold_with_defaults();
    edit(
        &dir,
        "seam.yaml",
        "  # compatibility: full\n",
        "  compatibility: backward\n",
    );
    let run = seam(dir.path(), &["lint"]);
    assert!(
        run.stdout
            .contains("warning[compatibility-weaker-than-pattern]: `sales.order-created` (pattern `event`) is checked as `backward` (`defaults.compatibility` in seam.yaml)"),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("a widened type"), "{}", run.all());
    assert!(
        run.stdout
            .contains("--> contracts/sales.order-created/contract.yaml:3:"),
        "{}",
        run.all()
    );
    // The contract's own line wins and is where the finding points.
    edit(
        &dir,
        CONTRACT,
        "pattern: event",
        "compatibility: none\npattern: event",
    );
    let run = seam(dir.path(), &["lint"]);
    assert!(
        run.stdout
            .contains("is checked as `none` (its `compatibility`)"),
        "{}",
        run.all()
    );
    // `full` protects every pattern.
    edit(&dir, CONTRACT, "compatibility: none", "compatibility: full");
    let run = seam(dir.path(), &["lint"]);
    assert!(
        !run.stdout.contains("compatibility-weaker-than-pattern"),
        "{}",
        run.all()
    );
}

#[test]
fn case2_release_warns_before_a_freeze_window_starts() {
    let dir = scaffold();
    edit(
        &dir,
        "seam.yaml",
        "defaults:",
        "freeze_windows:\n  - name: tuesday-batch\n    blocks: all\n    timezone: Europe/Berlin\n    weekly: { from: { day: tuesday, time: \"11:30\" }, until: { day: tuesday, time: \"18:00\" } }\ndefaults:",
    );
    commit_all(dir.path(), "release 1");
    tag(dir.path(), "v1.0.0");
    let run = seam(dir.path(), &["release", "--at", TUESDAY]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("warning[freeze-window-upcoming]: freeze window `tuesday-batch` starts at Tue 2026-12-08 11:30"),
        "{}",
        run.all()
    );
    let early = seam(
        dir.path(),
        &["release", "--at", "2026-12-08T08:00[Europe/Berlin]"],
    );
    assert_eq!(early.code, 0, "{}", early.all());
    assert!(
        !early.stdout.contains("freeze-window-upcoming"),
        "{}",
        early.all()
    );
    edit(
        &dir,
        "seam.yaml",
        "defaults:",
        "release:\n  warn_before_freeze: 4h\ndefaults:",
    );
    let early = seam(
        dir.path(),
        &["release", "--at", "2026-12-08T08:00[Europe/Berlin]"],
    );
    assert!(
        early.stdout.contains("freeze-window-upcoming"),
        "{}",
        early.all()
    );
    edit(
        &dir,
        "seam.yaml",
        "warn_before_freeze: 4h",
        "warn_before_freeze: soon",
    );
    let bad = seam(dir.path(), &["release", "--at", TUESDAY]);
    assert_eq!(bad.code, 2, "{}", bad.all());
    assert!(bad.all().contains("seam.yaml:"), "{}", bad.all());
}

#[test]
fn case3_against_uses_the_merge_base() {
    let dir = scaffold();
    let base = commit_all(dir.path(), "base");
    let repo = git2::Repository::open(dir.path()).unwrap();
    repo.branch("feature", &repo.find_commit(base).unwrap(), false)
        .unwrap();
    // `main` publishes 1.2.0 after the branch was opened.
    publish_1_2(&dir, r#""maxLength": 500"#, r#""maxLength": 400"#);
    commit_all(dir.path(), "main publishes 1.2.0");
    // The branch only edits a comment.
    unpublish_1_2(&dir);
    repo.set_head("refs/heads/feature").unwrap();
    edit(
        &dir,
        CONTRACT,
        "title: Order created in the ERP",
        "title: Order created in the ERP   # shown in the catalogue",
    );
    commit_all(dir.path(), "a comment");
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let short: String = base.to_string().chars().take(12).collect();
    assert!(
        run.stdout
            .contains(&format!("against `main` (merge base {short})")),
        "{}",
        run.all()
    );
    assert!(!run.stdout.contains("removed"), "{}", run.all());
}

fn git(dir: &Path, args: &[&str]) -> bool {
    std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn case3_shallow_clone_needs_the_merge_base_only() {
    let Ok(version) = std::process::Command::new("git").arg("--version").output() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "git is needed for this test in CI"
        );
        return;
    };
    assert!(version.status.success());
    // origin: base on main; feature adds a commit; main moves on too.
    let origin = scaffold();
    let base = commit_all(origin.path(), "base");
    branch(origin.path(), "feature");
    edit(
        &origin,
        CONTRACT,
        "title: Order created in the ERP",
        "title: Order created (ERP)",
    );
    commit_all(origin.path(), "feature work");
    let repo = git2::Repository::open(origin.path()).unwrap();
    repo.set_head("refs/heads/main").unwrap();
    edit(
        &origin,
        CONTRACT,
        "title: Order created (ERP)",
        "title: Order created in the ERP",
    );
    edit(&origin, CONTRACT, "owner: erp-team", "owner: erp-core");
    commit_all(origin.path(), "main moves");
    repo.set_head("refs/heads/feature").unwrap();

    let clone = TempDir::new().unwrap();
    let url = format!("file://{}", origin.path().display());
    let dir = clone.path().join("repo");
    assert!(git(
        clone.path(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            "--branch",
            "feature",
            &url,
            "repo"
        ]
    ));
    // The merge base is not in the clone: exit 2 with the fix.
    let run = seam(&dir, &["check", "--against", "origin/main"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("no merge base"), "{}", run.all());
    assert!(run.stderr.contains("git fetch --deepen"), "{}", run.all());
    assert!(run.stderr.contains("fetch-depth: 0"), "{}", run.all());
    // Deepened until it holds the merge base: the shallow clone works.
    assert!(git(&dir, &["fetch", "-q", "--deepen=1", "origin"]));
    let run = seam(&dir, &["check", "--against", "origin/main"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let short: String = base.to_string().chars().take(12).collect();
    assert!(
        run.stdout.contains(&format!("(merge base {short})")),
        "{}",
        run.all()
    );
}

#[test]
fn case4_deleting_a_contract_in_use_is_a_finding() {
    let dir = scaffold();
    commit_all(dir.path(), "base");
    branch(dir.path(), "remove");
    std::fs::remove_dir_all(dir.path().join("contracts/sales.order-created")).unwrap();
    // Without a base: still a blocking finding, at the consumer's use.
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains(
            "error[consumer-contract-missing]: consumer `warehouse` uses contract `sales.order-created`, which does not exist"
        ),
        "{}",
        run.all()
    );
    assert!(
        run.stdout.contains("--> consumers/warehouse.yaml:4:"),
        "{}",
        run.all()
    );
    // Against the base: the removal, with the revision and the consumer.
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains(
            "error[contract-removed-in-use]: contract `sales.order-created` was removed (`contracts/sales.order-created/contract.yaml` at `main`), but consumer `warehouse` still uses it"
        ),
        "{}",
        run.all()
    );
    assert!(
        run.stdout.contains("--> consumers/warehouse.yaml:4:"),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("consumer: warehouse (owner wms-team)"));
    assert!(
        !run.stdout.contains("consumer-contract-missing"),
        "{}",
        run.all()
    );
}

#[test]
fn case6_commands_find_the_repository_upward_and_init_does_not_nest() {
    let dir = scaffold();
    let inside = dir.path().join("contracts/sales.order-created");
    let run = seam(&inside, &["check"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = seam(&inside.join("schemas"), &["lint"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let run = seam(&inside, &["init"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains("is inside the contract repository in"),
        "{}",
        run.all()
    );
    assert!(!inside.join("seam.yaml").exists());
    let run = seam(dir.path(), &["init", "contracts/new-folder"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(!dir.path().join("contracts/new-folder").exists());
    // Outside any repository the error says where it looked.
    let empty = TempDir::new().unwrap();
    let run = seam(empty.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.all().contains("or in any parent folder"),
        "{}",
        run.all()
    );
}

#[test]
fn case8_waiver_to_paste_and_a_summary_that_agrees_with_the_exit_code() {
    let dir = scaffold();
    publish_1_2(&dir, WIDEN.0, WIDEN.1);
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("   = fingerprint: "), "{}", run.all());
    let prefix = "   = to waive, add to waivers.yaml: ";
    let entry = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no waiver entry: {}", run.all()))
        .replace("<why this is acceptable>", "agreed with the warehouse team")
        .replace("<who approved>", "jane.doe")
        .replace("<ticket>", "CHG-1")
        .replace("<YYYY-MM-DD>", "2099-12-31");
    let md = seam(dir.path(), &["check", "--format", "markdown"]);
    assert!(md.stdout.contains("**To waive it,**"), "{}", md.all());
    write(&dir, "waivers.yaml", format!("waivers:\n  {entry}\n"));
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains(": 0 blocking findings (1 waived)"),
        "{}",
        run.all()
    );
    let md = seam(dir.path(), &["check", "--format", "markdown"]);
    assert!(md.stdout.contains("1 waived"), "{}", md.all());
}

#[test]
fn case9_a_version_without_a_value_and_a_version_yaml_reads_as_a_number() {
    let dir = scaffold();
    edit(&dir, CONTRACT, "  1.1.0: {}\n", "  1.1.0:\n");
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "`1.1.0:` means `1.1.0: {{}}`: {}", run.all());
    edit(&dir, CONTRACT, "  1.0.0: {}\n", "  1.0: {}\n");
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert_eq!(
        run.stderr.matches("error:").count(),
        2,
        "one error and the count line: {}",
        run.all()
    );
    assert!(
        run.stderr
            .contains("error: `1.0` is read by YAML as a number, not a version"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains(r#"`"1.0.0": {}`"#), "{}", run.all());
    assert!(
        run.stderr
            .contains("--> contracts/sales.order-created/contract.yaml:"),
        "{}",
        run.all()
    );
    assert!(dir.path().join(SCHEMA_1).exists());
}

#[test]
fn case5_typos_in_schema_keywords_are_errors_with_did_you_mean() {
    let dir = scaffold();
    publish_1_2(&dir, r#""maxLength": 500"#, r#""maxLenght": 140"#);
    edit(
        &dir,
        V12,
        r#""type": "object","#,
        r#""type": "object", "additionalproperties": false,"#,
    );
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.replace("\n  --> ", "\n --> ").contains(
            "error: unknown keyword `maxLenght` (did you mean `maxLength`?)\n --> contracts/sales.order-created/schemas/1.2.0.json:12:"
        ),
        "{}",
        run.all()
    );
    assert!(
        run.stderr.replace("\n  --> ", "\n --> ").contains(
            "error: unknown keyword `additionalproperties` (did you mean `additionalProperties`?)\n --> contracts/sales.order-created/schemas/1.2.0.json:4:"
        ),
        "{}",
        run.all()
    );
    // A keyword the repository uses on purpose is allowed in seam.yaml.
    edit(
        &dir,
        "seam.yaml",
        "defaults:",
        "schemas:\n  allow_keywords: [maxLenght, additionalproperties]\ndefaults:",
    );
    let run = seam(dir.path(), &["check"]);
    assert_ne!(run.code, 2, "{}", run.all());
    // Annotations and `x-` keywords are always allowed; a consumer's schema is checked too.
    edit(
        &dir,
        "consumers/warehouse/order-created.schema.json",
        r#""type": "object","#,
        r#""type": "object", "x-team": "wms", "$comment": "read by the picker", "requird": ["event_id"],"#,
    );
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .replace("\n  --> ", "\n --> ")
            .contains("error: unknown keyword `requird` (did you mean `required`?)\n --> consumers/warehouse/order-created.schema.json:4:"),
        "{}",
        run.all()
    );
    assert_eq!(
        run.stderr.matches("error: unknown keyword").count(),
        1,
        "{}",
        run.all()
    );
}

#[test]
fn case5_wrong_keyword_values_in_plain_words_in_check_and_diff() {
    let dir = scaffold();
    publish_1_2(
        &dir,
        r#""note": { "type": "string""#,
        r#""note": { "type": "numbr""#,
    );
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.replace("\n  --> ", "\n --> ").contains(
            "error: `numbr` is not a JSON Schema type; did you mean `number`?\n --> contracts/sales.order-created/schemas/1.2.0.json:12:"
        ),
        "{}",
        run.all()
    );
    assert!(
        !run.stderr.contains("anyOf"),
        "no meta-schema jargon: {}",
        run.all()
    );
    let run = seam(dir.path(), &["diff", V11, V12]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("contracts/sales.order-created/schemas/1.2.0.json:12:"),
        "{}",
        run.all()
    );
    assert!(
        run.stderr
            .contains("`numbr` is not a JSON Schema type; did you mean `number`?"),
        "{}",
        run.all()
    );
}

#[test]
fn case7_against_shows_only_what_the_change_touches() {
    let dir = TempDir::new().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/erp"),
        dir.path(),
    );
    commit_all(dir.path(), "base");
    branch(dir.path(), "feature");
    let tree = seam(dir.path(), &["check"]);
    let all_notes = tree.stdout.matches("note[major-version-breaking]").count();
    assert!(all_notes > 1, "{}", tree.all());
    let status = dir.path().join("contracts/erp.order-status/contract.yaml");
    let text = std::fs::read_to_string(&status).unwrap();
    std::fs::write(
        &status,
        text.replacen("title: Sales order status", "title: Sales-order status", 1),
    )
    .unwrap();
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, tree.code, "{}", run.all());
    let notes: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("note[major-version-breaking]"))
        .collect();
    assert!(
        !notes.is_empty(),
        "the touched contract's notes stay: {}",
        run.all()
    );
    assert!(
        notes.iter().all(|l| l.contains("`erp.order-status`")),
        "{notes:?}"
    );
    assert!(notes.len() < all_notes);
    // Untouched contracts are not checked again, and the summary says so in one line.
    assert!(
        run.stdout.contains("6 unchanged contracts skipped"),
        "{}",
        run.all()
    );
}

#[test]
fn case7_a_break_names_exactly_the_consumers_whose_check_fails() {
    let dir = scaffold();
    write(
        &dir,
        "systems/billing.yaml",
        "id: billing\nname: Billing\nowner: billing-team\nvendor_api_version: \"1\"\n",
    );
    // Billing reads the whole payload (no `expects`); the warehouse reads two ids only.
    write(
        &dir,
        "consumers/billing.yaml",
        "system: billing\nowner: billing-team\nuses:\n  - contract: sales.order-created\n    versions: \"^1\"\n",
    );
    publish_1_2(&dir, WIDEN.0, WIDEN.1);
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let block = run
        .stdout
        .split("\n\n")
        .find(|b| b.starts_with("error[breaking-change-without-major]"))
        .unwrap_or_else(|| panic!("{}", run.all()));
    assert!(
        block.contains("= consumer: billing (owner billing-team)"),
        "{block}"
    );
    assert!(!block.contains("warehouse"), "{block}");
    // A break no consumer's check fails names none.
    edit(
        &dir,
        "consumers/billing.yaml",
        "versions: \"^1\"",
        "versions: \"~1.0\"",
    );
    let run = seam(dir.path(), &["check"]);
    let block = run
        .stdout
        .split("\n\n")
        .find(|b| b.starts_with("error[breaking-change-without-major]"))
        .unwrap_or_else(|| panic!("{}", run.all()));
    assert!(!block.contains("= consumer:"), "{block}");
}

#[test]
fn case7_pointers_are_in_files_the_user_has() {
    let dir = scaffold();
    let v11 = std::fs::read_to_string(dir.path().join(V11)).unwrap();
    let mut schema: serde_json::Value = serde_json::from_str(&v11).unwrap();
    let money = schema["$defs"]["money"].clone();
    write(
        &dir,
        "shared/money.json",
        serde_json::to_string_pretty(&money).unwrap(),
    );
    let wide = serde_json::to_string_pretty(&money).unwrap().replacen(
        r#""type": "string""#,
        r#""type": ["string", "number"]"#,
        1,
    );
    write(&dir, "shared/money-v2.json", wide);
    schema["properties"]["total"] = serde_json::json!({ "$ref": "../../../shared/money.json" });
    schema.as_object_mut().unwrap().remove("$defs");
    write(&dir, V11, serde_json::to_string_pretty(&schema).unwrap());
    schema["properties"]["total"] = serde_json::json!({ "$ref": "../../../shared/money-v2.json" });
    write(&dir, V12, serde_json::to_string_pretty(&schema).unwrap());
    edit(
        &dir,
        CONTRACT,
        "  1.1.0: {}\n",
        "  1.1.0: {}\n  1.2.0: {}\n",
    );
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        !run.all().contains("seam."),
        "no internal pointers: {}",
        run.all()
    );
    assert!(
        run.stdout
            .contains("type-widened at `/properties/amount/type` in `shared/money.json`"),
        "{}",
        run.all()
    );
    assert!(
        run.stdout.contains("to `shared/money-v2.json`"),
        "{}",
        run.all()
    );
}

const WALK_START: &str = "<!-- walk-through: generated by `SEAM_BLESS=1 cargo test --test it readme_walk_through`; do not edit -->\n";
const WALK_END: &str = "<!-- walk-through: end -->\n";

/// The README's walk-through is what seam prints: this test runs it on a real git repository
/// (a copy of `examples/erp`) and compares the README's console block with the output.
#[test]
fn readme_walk_through_is_real_output() {
    let dir = TempDir::new().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/erp"),
        dir.path(),
    );
    commit_all(dir.path(), "release");
    tag(dir.path(), "v1.4.0");
    branch(dir.path(), "fractional-quantities");
    let sed_from = r#""quantity": { "type": "integer", "minimum": 1 }"#;
    let sed_to = r#""quantity": { "type": "number", "exclusiveMinimum": 0 }"#;
    let schemas = dir.path().join("contracts/sales.order-created/schemas");
    let v2 = std::fs::read_to_string(schemas.join("2.0.0.json")).unwrap();
    assert!(v2.contains(sed_from));
    std::fs::write(schemas.join("2.1.0.json"), v2.replacen(sed_from, sed_to, 1)).unwrap();
    let contract = dir
        .path()
        .join("contracts/sales.order-created/contract.yaml");
    let text = std::fs::read_to_string(&contract).unwrap();
    assert!(text.contains("  2.0.0: {}\n"));
    std::fs::write(
        &contract,
        text.replacen("  2.0.0: {}\n", "  2.0.0: {}\n  2.1.0: {}\n", 1),
    )
    .unwrap();

    let check = seam(dir.path(), &["check", ".", "--against", "main"]);
    assert_eq!(check.code, 1, "{}", check.all());
    let at = "2026-11-24T09:00[Europe/Berlin]";
    let release = seam(dir.path(), &["release", ".", "--at", at]);
    assert_eq!(release.code, 1, "{}", release.all());
    assert!(check.stderr.is_empty() && release.stderr.is_empty());

    let mut block = String::from("```console\n$ git checkout -b fractional-quantities\n");
    let _ = writeln!(
        block,
        "$ sed 's/{sed_from}/{sed_to}/' \\\n    contracts/sales.order-created/schemas/2.0.0.json > contracts/sales.order-created/schemas/2.1.0.json"
    );
    block.push_str(
        "$ # ...and `2.1.0: {}` under `versions:` in contracts/sales.order-created/contract.yaml\n",
    );
    block.push_str("$ seam check . --against main\n");
    block.push_str(&check.stdout);
    let _ = writeln!(block, "$ echo $?\n{}", check.code);
    let _ = writeln!(block, "$ seam release . --at \"{at}\"");
    block.push_str(&release.stdout);
    let _ = writeln!(block, "$ echo $?\n{}\n```", release.code);

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(WALK_START)
        .expect("README has the walk-through start marker")
        + WALK_START.len();
    let end = readme
        .find(WALK_END)
        .expect("README has the walk-through end marker");
    let current = &readme[start..end];
    if std::env::var_os("SEAM_BLESS").is_some() {
        std::fs::write(
            &path,
            format!("{}{block}{}", &readme[..start], &readme[end..]),
        )
        .unwrap();
    } else {
        assert_eq!(
            current, block,
            "README walk-through is stale: run `SEAM_BLESS=1 cargo test --test it readme_walk_through`"
        );
    }
}
