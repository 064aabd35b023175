//! The GitHub Action's scripts (`.github/action/`), run with bash as the composite steps run
//! them: the install step against a local release folder (checksum verified, a tampered or
//! unverifiable binary refused, the `cargo install` fallback), and the names the release
//! workflow, the action and `cargo binstall` use agreeing with each other.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn script(name: &str) -> PathBuf {
    Path::new(ROOT).join(".github/action").join(name)
}

/// Runs a bash snippet with the action's `lib.sh` loaded and returns its trimmed stdout.
fn lib(snippet: &str) -> String {
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(". '{}'; {snippet}", script("lib.sh").display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// A release folder as the release workflow makes it (same `package.sh`), holding for this
/// machine's target a stand-in binary that runs the `seam` under test.
fn release_folder(dir: &Path) -> (PathBuf, String) {
    let target = lib("seam_target");
    let stand_in = dir.join("seam-build");
    fs::write(
        &stand_in,
        format!("#!/bin/sh\nexec '{}' \"$@\"\n", env!("CARGO_BIN_EXE_seam")),
    )
    .unwrap();
    let release = dir.join("release");
    let out = Command::new("bash")
        .arg(script("package.sh"))
        .arg(&stand_in)
        .arg(&target)
        .arg(format!("v{}", version()))
        .arg(&release)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let asset = format!("seam-v{}-{target}.tar.gz", version());
    assert!(release.join(&asset).is_file());
    assert!(release.join(format!("{asset}.sha256")).is_file());
    (release, asset)
}

/// One run of the install step: its result, its `$GITHUB_OUTPUT` and the binary it promises.
struct Install {
    out: Output,
    outputs: String,
    binary: PathBuf,
}

impl Install {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
}

fn install(dir: &Path, run: &str, mode: &str, release_url: &str, path: Option<&str>) -> Install {
    let runner_temp = dir.join(run);
    fs::create_dir_all(&runner_temp).unwrap();
    let github_output = runner_temp.join("github-output");
    let mut cmd = Command::new("bash");
    cmd.arg(script("install.sh"))
        .env("RUNNER_TEMP", &runner_temp)
        .env("GITHUB_OUTPUT", &github_output)
        .env("GITHUB_PATH", runner_temp.join("github-path"))
        .env("SEAM_INSTALL", mode)
        .env("SEAM_RELEASE_URL", release_url)
        .env_remove("SEAM_VERSION")
        .env_remove("GITHUB_ACTION_PATH");
    if let Some(path) = path {
        cmd.env("PATH", path);
    }
    let out = cmd.output().unwrap();
    Install {
        out,
        outputs: fs::read_to_string(&github_output).unwrap_or_default(),
        binary: runner_temp.join(format!("seam-{}/bin/seam", version())),
    }
}

#[test]
fn install_step_verifies_the_release_binary() {
    let dir = TempDir::new().unwrap();
    let (release, asset) = release_folder(dir.path());

    // A file:// URL and a plain folder both work; the installed binary runs.
    for (run, url) in [
        ("url", format!("file://{}", release.display())),
        ("folder", release.display().to_string()),
    ] {
        let r = install(dir.path(), run, "release", &url, None);
        assert!(r.out.status.success(), "{}", r.stderr());
        assert!(
            r.outputs
                .contains(&format!("seam={}\n", r.binary.display())),
            "{}",
            r.outputs
        );
        assert!(
            r.outputs.contains("installed-from=release\n"),
            "{}",
            r.outputs
        );
        let v = Command::new(&r.binary).arg("--version").output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&v.stdout).trim(),
            format!("seam {}", version())
        );
        let path = fs::read_to_string(dir.path().join(run).join("github-path")).unwrap();
        assert_eq!(
            path.trim(),
            r.binary.parent().unwrap().display().to_string()
        );
    }

    // One byte changed after the checksum was published: refused, nothing installed, even
    // with `auto` (no silent fallback to something else).
    let archive = release.join(&asset);
    let mut bytes = fs::read(&archive).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    fs::write(&archive, &bytes).unwrap();
    for mode in ["release", "auto"] {
        let r = install(
            dir.path(),
            &format!("tampered-{mode}"),
            mode,
            &release.display().to_string(),
            None,
        );
        assert_eq!(r.out.status.code(), Some(1), "{}", r.stderr());
        assert!(
            r.stderr()
                .contains(&format!("error: checksum mismatch for `{asset}`")),
            "{}",
            r.stderr()
        );
        assert!(r.stderr().contains("help: "), "{}", r.stderr());
        assert!(!r.binary.exists());
        assert!(!r.outputs.contains("seam="), "{}", r.outputs);
    }

    // A checksum file that is not a checksum, and a missing one: refused too.
    let checksum = release.join(format!("{asset}.sha256"));
    fs::write(&checksum, format!("not-a-checksum  {asset}\n")).unwrap();
    let r = install(
        dir.path(),
        "garbled",
        "auto",
        &release.display().to_string(),
        None,
    );
    assert_eq!(r.out.status.code(), Some(1), "{}", r.stderr());
    assert!(
        r.stderr().contains("does not hold a SHA-256 checksum"),
        "{}",
        r.stderr()
    );
    assert!(!r.binary.exists());
    fs::remove_file(&checksum).unwrap();
    let r = install(
        dir.path(),
        "unchecked",
        "auto",
        &release.display().to_string(),
        None,
    );
    assert_eq!(r.out.status.code(), Some(1), "{}", r.stderr());
    assert!(r.stderr().contains("cannot be verified"), "{}", r.stderr());
    assert!(!r.binary.exists());
}

#[test]
fn install_step_falls_back_to_cargo_install_only_when_the_asset_is_missing() {
    let dir = TempDir::new().unwrap();
    let empty = dir.path().join("empty-release");
    fs::create_dir_all(&empty).unwrap();

    // `release`: no asset is an error that says what to do.
    let r = install(
        dir.path(),
        "release",
        "release",
        &empty.display().to_string(),
        None,
    );
    assert_eq!(r.out.status.code(), Some(1), "{}", r.stderr());
    assert!(r.stderr().contains("no prebuilt seam"), "{}", r.stderr());
    assert!(
        r.stderr().contains("help: use `install: auto`"),
        "{}",
        r.stderr()
    );

    // `auto`: builds from the action's source with `cargo install`; a stand-in `cargo` records
    // the call and installs a binary that runs the `seam` under test.
    let bin = dir.path().join("fake-bin");
    fs::create_dir_all(&bin).unwrap();
    let calls = dir.path().join("cargo-calls");
    let fake_cargo = bin.join("cargo");
    fs::write(
        &fake_cargo,
        format!(
            "#!/bin/sh\n\
             echo \"$@\" >> '{calls}'\n\
             while [ \"$1\" != --root ]; do shift; done\n\
             mkdir -p \"$2/bin\"\n\
             printf '#!/bin/sh\\nexec %s \"$@\"\\n' '{seam}' > \"$2/bin/seam\"\n\
             chmod +x \"$2/bin/seam\"\n",
            calls = calls.display(),
            seam = env!("CARGO_BIN_EXE_seam"),
        ),
    )
    .unwrap();
    let chmod = Command::new("chmod")
        .arg("+x")
        .arg(&fake_cargo)
        .status()
        .unwrap();
    assert!(chmod.success());
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let r = install(
        dir.path(),
        "auto",
        "auto",
        &empty.display().to_string(),
        Some(&path),
    );
    assert!(r.out.status.success(), "{}", r.stderr());
    assert!(
        r.outputs.contains("installed-from=source\n"),
        "{}",
        r.outputs
    );
    assert!(r.binary.is_file());
    let call = fs::read_to_string(&calls).unwrap();
    assert_eq!(
        call.trim(),
        format!(
            "install --locked --path {ROOT} --root {} --quiet",
            dir.path()
                .join("auto")
                .join(format!("seam-{}", version()))
                .display()
        )
    );
}

/// The targets the release workflow builds.
fn workflow_targets() -> Vec<String> {
    let workflow =
        fs::read_to_string(Path::new(ROOT).join(".github/workflows/release.yml")).unwrap();
    let targets: Vec<String> = workflow
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- { target: "))
        .map(|rest| rest.split(',').next().unwrap().trim().to_owned())
        .collect();
    assert_eq!(targets.len(), 5, "{targets:?}");
    targets
}

#[test]
fn every_runner_the_action_knows_has_a_release_asset() {
    let targets = workflow_targets();
    for (os, arch) in [
        ("Linux", "X64"),
        ("Linux", "ARM64"),
        ("macOS", "X64"),
        ("macOS", "ARM64"),
        ("Windows", "X64"),
    ] {
        let target = lib(&format!("RUNNER_OS={os} RUNNER_ARCH={arch} seam_target"));
        assert!(
            targets.contains(&target),
            "{os} {arch}: {target} not in {targets:?}"
        );
    }
}

/// `cargo binstall` finds the assets the release publishes: Cargo.toml's templates, filled in
/// as binstall fills them, name the archive and the binary inside it that `package.sh` makes.
#[test]
fn binstall_metadata_names_the_release_assets() {
    let manifest = fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).unwrap();
    let value = |key: &str, after: &str| -> String {
        let section = &manifest[manifest.find(after).unwrap()..];
        let line = section
            .lines()
            .find(|l| l.starts_with(&format!("{key} = ")))
            .unwrap();
        line.split_once(" = ")
            .unwrap()
            .1
            .trim_matches('"')
            .to_owned()
    };
    let pkg_url = value("pkg-url", "[package.metadata.binstall]");
    let bin_dir = value("bin-dir", "[package.metadata.binstall]");
    assert_eq!(value("pkg-fmt", "[package.metadata.binstall]"), "tgz");
    assert_eq!(
        value(
            "pkg-fmt",
            "[package.metadata.binstall.overrides.x86_64-pc-windows-msvc]"
        ),
        "zip"
    );
    let repo = value("repository", "[package]");
    for target in workflow_targets() {
        let windows = target.contains("windows");
        // binstall tries each suffix of the format: `.tgz` and `.tar.gz` for tgz, `.zip` for zip.
        let suffix = if windows { ".zip" } else { ".tar.gz" };
        let fill = |template: &str| {
            template
                .replace("{ repo }", &repo)
                .replace("{ version }", version())
                .replace("{ name }", "seam")
                .replace("{ bin }", "seam")
                .replace("{ target }", &target)
                .replace("{ archive-suffix }", suffix)
                .replace("{ binary-ext }", if windows { ".exe" } else { "" })
        };
        let stem = lib(&format!("seam_asset_stem {} {target}", version()));
        assert_eq!(lib(&format!("seam_archive_suffix {target}")), suffix);
        assert_eq!(
            fill(&pkg_url),
            format!("{repo}/releases/download/v{}/{stem}{suffix}", version())
        );
        let exe = format!("seam{}", lib(&format!("seam_binary_ext {target}")));
        assert_eq!(fill(&bin_dir), format!("{stem}/{exe}"));
    }
    // The action's default download location is the same repository's releases.
    assert_eq!(
        lib(&format!(
            "seam_package_field repository '{ROOT}/Cargo.toml'"
        )),
        repo
    );
    assert_eq!(
        lib(&format!("seam_package_field version '{ROOT}/Cargo.toml'")),
        version()
    );
}

/// The check step on a fixture repository with a blocking break: one `seam check` run gives
/// the annotations on stdout, the Markdown report appended once to the step summary, and a
/// SARIF file valid against the SARIF 2.1.0 schema; the outputs name them.
#[test]
fn check_step_writes_the_reports_it_promises_from_one_run() {
    let dir = TempDir::new().unwrap();
    let (release, _) = release_folder(dir.path());
    let installed = install(
        dir.path(),
        "runner",
        "release",
        &release.display().to_string(),
        None,
    );
    assert!(installed.out.status.success(), "{}", installed.stderr());
    let runner_temp = dir.path().join("runner");
    let repo = crate::report_formats::scaffold_with_a_break();
    let summary = runner_temp.join("step-summary.md");
    fs::write(&summary, "earlier step\n").unwrap();

    let check = |annotations: &str, summary_flag: &str, run: &str| {
        let outputs = runner_temp.join(format!("{run}-output"));
        let out = Command::new("bash")
            .arg(script("run.sh"))
            .current_dir(repo.path())
            .env("SEAM_BIN", &installed.binary)
            .env("SEAM_PATH", ".")
            .env("SEAM_AGAINST", "")
            .env("SEAM_ANNOTATIONS", annotations)
            .env("SEAM_SUMMARY", summary_flag)
            .env("SEAM_MARKDOWN", "")
            .env("SEAM_SARIF", format!("{run}.sarif"))
            .env("RUNNER_TEMP", &runner_temp)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_OUTPUT", &outputs)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let outputs = fs::read_to_string(&outputs).unwrap_or_default();
        (out, outputs)
    };

    let (out, outputs) = check("true", "true", "annotated");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Annotations on the log, with the reasons; the last line is the plain summary.
    let annotation = stdout
        .lines()
        .find(|l| l.contains("breaking-change-without-major"))
        .unwrap();
    assert!(
        annotation
            .starts_with("::error file=contracts/sales.order-created/schemas/1.2.0.json,line="),
        "{annotation}"
    );
    assert!(
        annotation.contains("old rejects it at `/note` (keyword `maxLength`)"),
        "{annotation}"
    );
    let last = stdout.trim_end().lines().last().unwrap();
    assert!(last.starts_with("seam check: blocked: 1 error"), "{last}");
    assert!(
        stdout.lines().all(|l| l.starts_with("::") || l == last),
        "{stdout}"
    );

    // The step summary: what was there, then the Markdown report once.
    let markdown_path = runner_temp.join("seam/report.md");
    let markdown = fs::read_to_string(&markdown_path).unwrap();
    assert!(
        markdown.starts_with("## ❌ seam check: blocked\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("old rejects it at <code>/note</code>"),
        "{markdown}"
    );
    let step_summary = fs::read_to_string(&summary).unwrap();
    assert_eq!(step_summary, format!("earlier step\n{markdown}"));

    // SARIF for code scanning, valid against the SARIF 2.1.0 schema.
    let log: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(repo.path().join("annotated.sarif")).unwrap())
            .unwrap();
    crate::report_formats::assert_valid_sarif(&log);
    assert!(
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ruleId"] == "breaking-change-without-major" && r["level"] == "error")
    );
    assert_eq!(
        outputs,
        format!(
            "exit-code=1\nmarkdown={}\nsarif=annotated.sarif\n",
            markdown_path.display()
        )
    );

    // annotations: false gives the text report on the log; summary: false leaves the step
    // summary alone.
    let (out, _) = check("false", "false", "plain");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("error[breaking-change-without-major]"),
        "{stdout}"
    );
    assert!(!stdout.contains("::error"), "{stdout}");
    assert_eq!(fs::read_to_string(&summary).unwrap(), step_summary);
    assert!(repo.path().join("plain.sarif").is_file());

    // An input that is not true or false is refused before seam runs.
    let (out, _) = check("yes", "true", "bad");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`annotations: yes` is not true or false"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!repo.path().join("bad.sarif").exists());
}

/// action.yml is valid YAML, every input reaches a script through one `SEAM_*` variable that
/// script reads, and every output comes from a step that writes it.
#[test]
fn action_metadata_wires_every_input_to_its_script() {
    let text = fs::read_to_string(Path::new(ROOT).join("action.yml")).unwrap();
    let action: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let inputs = action["inputs"].as_object().unwrap();
    let steps = action["runs"]["steps"].as_array().unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    let mut wired = std::collections::BTreeSet::new();
    for step in steps {
        let run = step["run"].as_str().unwrap();
        let name = ["install.sh", "run.sh"]
            .into_iter()
            .find(|s| run.contains(&format!("$GITHUB_ACTION_PATH/.github/action/{s}")))
            .unwrap_or_else(|| panic!("step runs no action script: {run}"));
        let body = fs::read_to_string(script(name)).unwrap();
        for (var, value) in step["env"].as_object().unwrap() {
            assert!(
                body.contains(&format!("${{{var}")) || body.contains(&format!("\"${var}\"")),
                "{name} never reads {var}"
            );
            if let Some(input) = value
                .as_str()
                .and_then(|v| v.strip_prefix("${{ inputs."))
                .and_then(|v| v.strip_suffix(" }}"))
            {
                assert!(inputs.contains_key(input), "{input} is not an input");
                wired.insert(input.to_owned());
            }
        }
    }
    let declared: std::collections::BTreeSet<String> = inputs.keys().cloned().collect();
    assert_eq!(wired, declared);
    for (name, output) in action["outputs"].as_object().unwrap() {
        let value = output["value"].as_str().unwrap();
        let (step, key) = value
            .strip_prefix("${{ steps.")
            .and_then(|v| v.strip_suffix(" }}"))
            .and_then(|v| v.split_once(".outputs."))
            .unwrap();
        let step = steps.iter().find(|s| s["id"] == step).unwrap();
        let script_name = if step["id"] == "install" {
            "install.sh"
        } else {
            "run.sh"
        };
        let body = fs::read_to_string(script(script_name)).unwrap();
        assert!(
            body.contains(&format!("{key}=")),
            "{name}: {script_name} never writes {key}"
        );
    }
}
