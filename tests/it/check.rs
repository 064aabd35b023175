//! `seam check`: the merge gate on real temporary git repositories.

use std::path::Path;

use tempfile::TempDir;

use crate::cli::{BASIC, CONSUMER, CONTRACT, EXPECTS, SCHEMA_1, edit, scaffold, seam, write};

/// Commits everything in `dir` on the current branch (creating `main` on first commit).
pub(crate) fn commit_all(dir: &Path, message: &str) -> git2::Oid {
    let repo = git2::Repository::open(dir).unwrap_or_else(|_| {
        let repo = git2::Repository::init(dir).unwrap();
        repo.set_head("refs/heads/main").unwrap();
        repo
    });
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.update_all(["*"], None).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::new(
        "seam test",
        "test@example.com",
        &git2::Time::new(1_700_000_000, 0),
    )
    .unwrap();
    let parents: Vec<git2::Commit<'_>> = repo
        .head()
        .ok()
        .and_then(|h| h.peel_to_commit().ok())
        .into_iter()
        .collect();
    let parent_refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parent_refs)
        .unwrap()
}

pub(crate) fn branch(dir: &Path, name: &str) {
    let repo = git2::Repository::open(dir).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.branch(name, &head, false).unwrap();
    repo.set_head(&format!("refs/heads/{name}")).unwrap();
}

/// A scaffold committed on `main`, then switched to a `feature` branch.
fn repo_on_feature() -> TempDir {
    let dir = scaffold();
    commit_all(dir.path(), "base");
    branch(dir.path(), "feature");
    dir
}

/// Publishes `version` as a copy of 1.1.0 with `from` replaced by `to`.
pub(crate) fn add_version(dir: &TempDir, version: &str, from: &str, to: &str) {
    let v1 = std::fs::read_to_string(
        dir.path()
            .join("contracts/sales.order-created/schemas/1.1.0.json"),
    )
    .unwrap();
    assert!(v1.contains(from), "`{from}` not in 1.1.0");
    write(
        dir,
        &format!("contracts/sales.order-created/schemas/{version}.json"),
        v1.replacen(from, to, 1),
    );
    edit(
        dir,
        CONTRACT,
        "  1.1.0: {}\n",
        &format!("  1.1.0: {{}}\n  {version}: {{}}\n"),
    );
}

#[test]
fn clean_tree_passes() {
    let dir = repo_on_feature();
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 0, "{}", run.all());
    insta::assert_snapshot!(run.all());
}

#[test]
fn breaking_change_without_major_blocks_with_counterexample() {
    let dir = repo_on_feature();
    // Forward mode: 1.2.0 accepts a longer note than 1.1.0 did (old readers break).
    add_version(&dir, "1.2.0", r#""maxLength": 500"#, r#""maxLength": 2000"#);
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("error[breaking-change-without-major]"),
        "{}",
        run.all()
    );
    assert!(
        run.stdout.contains("publish the change as 2.0.0"),
        "{}",
        run.all()
    );
    // The counterexample is a note of 501..2000 characters, accepted by 1.2.0, rejected by 1.1.0.
    let json = seam(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "breaking-change-without-major")
        .unwrap();
    let note = finding["counterexample"]["note"].as_str().unwrap();
    assert!(
        note.chars().count() > 500 && note.chars().count() <= 2000,
        "{}",
        note.len()
    );
}

#[test]
fn breaking_change_with_major_is_reported_not_blocking() {
    let dir = repo_on_feature();
    add_version(&dir, "2.0.0", r#""maxLength": 500"#, r#""maxLength": 2000"#);
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("note[major-version-breaking]"),
        "{}",
        run.all()
    );
}

#[test]
fn patch_that_changes_accepted_values_is_too_small() {
    let dir = repo_on_feature();
    // Forward-compatible narrowing (shorter note) published as a patch.
    add_version(&dir, "1.1.1", r#""maxLength": 500"#, r#""maxLength": 400"#);
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("error[version-bump-too-small]"),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("publish it as 1.2.0"), "{}", run.all());
}

#[test]
fn equivalent_refactor_may_be_a_patch() {
    let dir = repo_on_feature();
    add_version(
        &dir,
        "1.1.1",
        r#""maxLength": 500"#,
        r#""maxLength": 500, "description": "free text""#,
    );
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn consumer_that_cannot_read_a_version_blocks() {
    let dir = repo_on_feature();
    edit(
        &dir,
        EXPECTS,
        r#""order_id": { "type": "string" }"#,
        r#""order_id": { "type": "string" }, "note": { "type": "string", "maxLength": 100 }"#,
    );
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("error[consumer-incompatible]"),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("wms-team"), "{}", run.all());
    insta::assert_snapshot!(run.all());
}

#[test]
fn published_version_edited_in_place() {
    let dir = repo_on_feature();
    edit(
        &dir,
        SCHEMA_1,
        r#""customer_id": { "type": "string", "minLength": 1 }"#,
        r#""customer_id": { "type": "string", "minLength": 3 }"#,
    );
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("error[published-version-edited]"),
        "{}",
        run.all()
    );
    assert!(
        run.stdout
            .contains("-    \"customer_id\": { \"type\": \"string\", \"minLength\": 1 },"),
        "{}",
        run.all()
    );
    insta::assert_snapshot!(run.all());
    // Reformatting a published schema is not an edit.
    let dir = repo_on_feature();
    let text = std::fs::read_to_string(dir.path().join(SCHEMA_1)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    write(&dir, SCHEMA_1, serde_json::to_string(&value).unwrap());
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn version_removed_while_consumer_needs_it() {
    let dir = repo_on_feature();
    edit(&dir, CONSUMER, "versions: \"^1\"", "versions: \"~1.0\"");
    commit_all(dir.path(), "warehouse pins 1.0");
    branch(dir.path(), "remove-1.0");
    edit(&dir, CONTRACT, "  1.0.0: {}\n", "");
    edit(
        &dir,
        CONSUMER,
        "versions: \"~1.0\"",
        "versions: \"~1.0 || ^1.1\"",
    );
    std::fs::remove_file(dir.path().join(SCHEMA_1)).unwrap();
    // The consumer still says `~1.0` for part of its range; only 1.1.0 remains for it.
    let run = seam(dir.path(), &["check", "--against", "feature"]);
    assert_eq!(
        run.code,
        2,
        "an invalid range is an input error: {}",
        run.all()
    );
    edit(
        &dir,
        CONSUMER,
        "versions: \"~1.0 || ^1.1\"",
        "versions: \"~1.0\"",
    );
    let run = seam(dir.path(), &["check", "--against", "feature"]);
    // `~1.0` now matches no version at all: a finding (the removal, at the base revision),
    // never an input error.
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("error[version-removed-in-use]: version 1.0.0 of `sales.order-created` was removed, but consumer `warehouse` (range `~1.0`) has no other version"),
        "{}",
        run.all()
    );
    assert!(
        !run.stdout.contains("consumer-range-unmatched"),
        "{}",
        run.all()
    );
    // Without a base: still a blocking finding at the consumer's range.
    let run = seam(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("error[consumer-range-unmatched]: consumer `warehouse` reads `sales.order-created` in range `~1.0`, which matches no published version"),
        "{}",
        run.all()
    );
    edit(
        &dir,
        CONSUMER,
        "versions: \"~1.0\"",
        "versions: \">=1.0.0, <1.2.0\"",
    );
    let run = seam(dir.path(), &["check", "--against", "feature"]);
    assert_eq!(run.code, 0, "1.1.0 still serves the range: {}", run.all());
    assert!(
        run.stdout.contains("warning[version-removed-in-use]"),
        "{}",
        run.all()
    );
}

#[test]
fn contract_removed_while_consumers_use_it() {
    let dir = repo_on_feature();
    write(
        &dir,
        "consumers/warehouse.yaml",
        "system: warehouse\nowner: wms-team\nuses: []\n",
    );
    commit_all(dir.path(), "warehouse stops");
    let dir2 = repo_on_feature();
    std::fs::remove_dir_all(dir2.path().join("contracts/sales.order-created")).unwrap();
    write(
        &dir2,
        "consumers/warehouse.yaml",
        "system: warehouse\nowner: wms-team\nuses: []\n",
    );
    let run = seam(dir2.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("error[contract-removed-in-use]"),
        "{}",
        run.all()
    );
    // Removing it after the consumer left (the base has no use) passes.
    branch(dir.path(), "remove");
    std::fs::remove_dir_all(dir.path().join("contracts/sales.order-created")).unwrap();
    let run = seam(dir.path(), &["check", "--against", "feature"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn example_that_passed_at_base_fails_now() {
    let dir = repo_on_feature();
    edit(&dir, BASIC, "\"149.90\"", "149.90");
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("error[example-regressed]"),
        "{}",
        run.all()
    );
    assert!(
        run.stdout.contains("passed `example-invalid` at `main`"),
        "{}",
        run.all()
    );
}

#[test]
fn refs_by_tag_sha_and_remote_style_branch() {
    let dir = scaffold();
    let oid = commit_all(dir.path(), "base");
    let repo = git2::Repository::open(dir.path()).unwrap();
    let obj = repo.find_object(oid, None).unwrap();
    let sig = git2::Signature::new(
        "seam test",
        "test@example.com",
        &git2::Time::new(1_700_000_000, 0),
    )
    .unwrap();
    repo.tag("v1.0.0", &obj, &sig, "release", false).unwrap();
    repo.reference("refs/remotes/origin/main", oid, true, "fake remote")
        .unwrap();
    for rev in [
        "v1.0.0",
        &oid.to_string(),
        &oid.to_string()[..10],
        "origin/main",
        "HEAD",
    ] {
        let run = seam(dir.path(), &["check", "--against", rev]);
        assert_eq!(run.code, 0, "{rev}: {}", run.all());
    }
}

#[test]
fn missing_ref_is_exit_2_with_fix() {
    let dir = repo_on_feature();
    let run = seam(dir.path(), &["check", "--against", "origin/main"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains("git fetch origin main"),
        "{}",
        run.all()
    );
    insta::assert_snapshot!(run.all());
}

#[test]
fn shallow_clone_that_holds_the_merge_base_works() {
    let dir = repo_on_feature();
    let head = git2::Repository::open(dir.path())
        .unwrap()
        .head()
        .unwrap()
        .target()
        .unwrap();
    // This is how git marks a shallow clone: the boundary commits in `.git/shallow`. The
    // merge base of `main` and HEAD is HEAD itself, which the clone holds.
    std::fs::write(dir.path().join(".git/shallow"), format!("{head}\n")).unwrap();
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let short: String = head.to_string().chars().take(12).collect();
    assert!(
        run.stdout.contains(&format!("(merge base {short})")),
        "{}",
        run.all()
    );
}

#[test]
fn not_a_git_repository() {
    let dir = scaffold();
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains("not inside a git repository"),
        "{}",
        run.all()
    );
}

#[test]
fn contract_repository_in_a_subfolder_of_the_git_repository() {
    let outer = TempDir::new().unwrap();
    let run = seam(outer.path(), &["init", "contracts-repo"]);
    assert_eq!(run.code, 0);
    commit_all(outer.path(), "base");
    let sub = outer.path().join("contracts-repo");
    let path = sub.join(SCHEMA_1);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace(r#""minLength": 1"#, r#""minLength": 2"#);
    std::fs::write(&path, text).unwrap();
    let run = seam(&sub, &["check", "--against", "HEAD"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("published-version-edited"),
        "{}",
        run.all()
    );
}

#[test]
fn uncommitted_and_untracked_files_count_as_now() {
    let dir = repo_on_feature();
    // Untracked new version with a break: the gate sees it.
    add_version(&dir, "1.2.0", r#""maxLength": 500"#, r#""maxLength": 2000"#);
    let run = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout.contains("breaking-change-without-major"),
        "{}",
        run.all()
    );
}

#[test]
fn release_classifies_changes_since_the_last_tag() {
    let dir = scaffold();
    edit(
        &dir,
        "seam.yaml",
        "defaults:",
        "freeze_windows:\n  - name: close\n    blocks: breaking\n    timezone: Europe/Berlin\n    dates: { from: 2026-12-01, until: 2026-12-31 }\ndefaults:",
    );
    let oid = commit_all(dir.path(), "release 1");
    let repo = git2::Repository::open(dir.path()).unwrap();
    repo.tag_lightweight("v1.0.0", &repo.find_object(oid, None).unwrap(), false)
        .unwrap();
    let at = ["release", "--at", "2026-12-08T10:00[Europe/Berlin]"];
    // Nothing changed since v1.0.0: allowed even inside the window.
    let run = seam(dir.path(), &at);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("release with no contract change"),
        "{}",
        run.all()
    );
    // A compatible new version: still allowed.
    add_version(&dir, "1.2.0", r#""maxLength": 500"#, r#""maxLength": 400"#);
    let run = seam(dir.path(), &at);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("a compatible change"), "{}", run.all());
    // A break since the tag: blocked by the window that blocks breaking releases.
    add_version(
        &dir,
        "1.3.0",
        r#""maxLength": 500"#,
        r#""maxLength": 400, "minLength": 2"#,
    );
    edit(
        &dir,
        "contracts/sales.order-created/schemas/1.3.0.json",
        r#""required": ["event_id", "#,
        r#""required": ["#,
    );
    let run = seam(dir.path(), &at);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("a breaking change"), "{}", run.all());
    assert!(run.stdout.contains("since `v1.0.0`"), "{}", run.all());
    // `--since` names the revision explicitly; `--change` overrides.
    let run = seam(
        dir.path(),
        &[
            "release",
            "--at",
            "2026-12-08T10:00[Europe/Berlin]",
            "--since",
            "v1.0.0",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    // `--change` overrides the class (the window no longer blocks), not the gate: the break
    // `seam check --against v1.0.0` reports still blocks the release.
    let run = seam(
        dir.path(),
        &[
            "release",
            "--at",
            "2026-12-08T10:00[Europe/Berlin]",
            "--change",
            "compatible",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stdout
            .contains("blocking findings of `seam check --against v1.0.0`"),
        "{}",
        run.all()
    );
    assert!(!run.stdout.contains("`close`"), "{}", run.all());
}

#[test]
fn real_depth_1_clone_of_the_branch_itself_works() {
    // A real `git clone --depth 1` (git's own shallow machinery), when git is installed:
    // compared with its own branch, the merge base is HEAD, which the clone holds. A clone
    // that lacks the merge base is in `fooled::case3_shallow_clone_needs_the_merge_base_only`.
    let Ok(version) = std::process::Command::new("git").arg("--version").output() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "git is needed for this test in CI"
        );
        return;
    };
    assert!(version.status.success());
    let origin = repo_on_feature();
    commit_all(origin.path(), "second");
    let clone = TempDir::new().unwrap();
    let url = format!("file://{}", origin.path().display());
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", "--branch", "feature", &url])
        .arg(clone.path().join("repo"))
        .status()
        .unwrap();
    assert!(status.success());
    let dir = clone.path().join("repo");
    let run = seam(&dir, &["check", "--against", "origin/feature"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn release_reports_say_release_with_base_head_and_the_time_of_the_run() {
    let dir = scaffold();
    let tagged = commit_all(dir.path(), "release 1");
    let repo = git2::Repository::open(dir.path()).unwrap();
    repo.tag_lightweight("v1.0.0", &repo.find_object(tagged, None).unwrap(), false)
        .unwrap();
    // Forward mode: a shorter maximum is compatible.
    add_version(&dir, "1.2.0", r#""maxLength": 500"#, r#""maxLength": 400"#);
    let head = commit_all(dir.path(), "compatible change");
    let out = assert_cmd::Command::cargo_bin("seam")
        .unwrap()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args([
            "release",
            "--at",
            "2026-12-08T10:00[Europe/Berlin]",
            "-q",
            "--report",
            "html=release.html",
            "--report",
            "json=release.json",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    // -q: nothing blocks, so only the one-line summary.
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("ok: release of a compatible change (since `v1.0.0`"),
        "{stdout}"
    );

    let html = std::fs::read_to_string(dir.path().join("release.html")).unwrap();
    assert!(html.contains("<title>seam release: "), "{html}");
    assert!(html.contains("seam · release report"), "{html}");
    assert!(!html.contains("compatibility report"), "{html}");
    let short: String = tagged.to_string().chars().take(12).collect();
    assert!(
        html.contains(&format!(
            "<dt>Base revision</dt><dd><code>v1.0.0 ({short})</code>"
        )),
        "{html}"
    );
    // The time the report was made (SOURCE_DATE_EPOCH), not the instant decided about.
    assert!(
        html.contains("<dt>Generated</dt><dd>2023-11-14T22:13:20Z</dd>"),
        "{html}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("release.json")).unwrap())
            .unwrap();
    assert_eq!(json["revisions"]["base"]["name"], "v1.0.0");
    assert_eq!(json["revisions"]["base"]["commit"], tagged.to_string());
    // The tag is an ancestor of HEAD: it is its own merge base with HEAD.
    assert_eq!(json["revisions"]["merge_base"], tagged.to_string());
    assert_eq!(json["revisions"]["head"], head.to_string());
    assert_eq!(json["seam_version"], env!("CARGO_PKG_VERSION"));
    assert!(json.get("context").is_none(), "{json}");

    // seam check --against gives the same audit trail.
    let run = seam(
        dir.path(),
        &["check", "--against", "v1.0.0", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["revisions"]["base"]["commit"], tagged.to_string());
    // The tag is an ancestor of HEAD, so it is its own merge base with HEAD.
    assert_eq!(json["revisions"]["merge_base"], tagged.to_string());
    assert_eq!(json["revisions"]["head"], head.to_string());
}

#[test]
fn json_report_names_base_tip_merge_base_and_head() {
    let dir = scaffold();
    let fork = commit_all(dir.path(), "base");
    branch(dir.path(), "feature");
    let head = commit_all(dir.path(), "feature work");
    // main moves on after the fork: its tip is no longer the merge base.
    let repo = git2::Repository::open(dir.path()).unwrap();
    let fork_commit = repo.find_commit(fork).unwrap();
    let sig = git2::Signature::new(
        "seam test",
        "test@example.com",
        &git2::Time::new(1_700_000_100, 0),
    )
    .unwrap();
    let tip = repo
        .commit(
            Some("refs/heads/main"),
            &sig,
            &sig,
            "main moves on",
            &fork_commit.tree().unwrap(),
            &[&fork_commit],
        )
        .unwrap();
    let run = seam(
        dir.path(),
        &["check", "--against", "main", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["revisions"]["base"]["name"], "main");
    assert_eq!(json["revisions"]["base"]["commit"], tip.to_string());
    assert_eq!(json["revisions"]["merge_base"], fork.to_string());
    assert_eq!(json["revisions"]["head"], head.to_string());
    // Outside git there is nothing to name.
    let plain = scaffold();
    let run = seam(plain.path(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(json.get("revisions").is_none(), "{json}");
}
