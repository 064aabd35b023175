//! The HTML report on the shipped ERP example with a planted breaking change: rendered by
//! `seam check --format html`, opened in headless Chromium (screenshot in `target/`, assertions
//! on the rendered DOM), checked for network requests, and compared with the Markdown and text
//! reports of the same scenario.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::check::{branch, commit_all};
use crate::cli::{copy_dir, edit, seam};

const EDITED: &str = "contracts/sales.order-created/schemas/2.0.0.json";

/// `examples/erp` committed on `main`, then on a `feature` branch a published version edited
/// in place (a line item no longer requires `item_id`, which the warehouse reads) and a new
/// minor version that should have been a major.
fn planted() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/erp"),
        dir.path(),
    );
    commit_all(dir.path(), "base");
    branch(dir.path(), "feature");
    edit(
        &dir,
        EDITED,
        r#""required": ["line_no", "item_id", "quantity", "unit_price"]"#,
        r#""required": ["line_no", "quantity", "unit_price"]"#,
    );
    // And a new minor version that lets tracking numbers grow to 70 characters: under forward
    // compatibility readers of 2.0.0 reject them, so it needed a major version.
    let status = dir.path().join("contracts/erp.order-status");
    let v2 = std::fs::read_to_string(status.join("schemas/2.0.0.json")).unwrap();
    let from = r#""tracking_number": { "type": "string", "minLength": 1, "maxLength": 35 }"#;
    assert!(v2.contains(from));
    std::fs::write(
        status.join("schemas/2.1.0.json"),
        v2.replacen(from, &from.replace("35", "70"), 1),
    )
    .unwrap();
    edit(
        &dir,
        "contracts/erp.order-status/contract.yaml",
        "  2.0.0: {}\n",
        "  2.0.0: {}\n  2.1.0: {}\n",
    );
    dir
}

/// The short SHA of `main`, to redact from snapshots.
fn main_short(dir: &Path) -> String {
    let repo = git2::Repository::open(dir).unwrap();
    let id = repo.revparse_single("main").unwrap().id().to_string();
    id.get(..12).unwrap().to_owned()
}

fn render(dir: &TempDir) -> String {
    let run = seam(
        dir.path(),
        &[
            "check",
            "--against",
            "main",
            "--format",
            "html",
            "--output",
            "report.html",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.is_empty(), "{}", run.all());
    std::fs::read_to_string(dir.path().join("report.html")).unwrap()
}

/// The cargo target folder (`target/` or `$CARGO_TARGET_DIR`).
fn target_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().map_or(tmp.clone(), Path::to_path_buf)
}

fn find_chromium() -> Option<PathBuf> {
    let candidates = ["chromium", "chromium-browser"];
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::iter::once(PathBuf::from("/usr/bin"))
        .chain(std::env::split_paths(&path))
        .flat_map(|d| candidates.iter().map(move |c| d.join(c)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium with a fresh profile; kills it if it does not finish in 3 minutes
/// (a watchdog against a hung browser, not a timing assertion).
fn chromium(bin: &Path, args: &[String]) -> String {
    let profile = TempDir::new().unwrap();
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).unwrap();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("chromium did not finish within 3 minutes: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let out = reader.join().unwrap();
    assert!(status.success(), "chromium failed ({status}): {args:?}");
    out
}

/// Runs in the page after it rendered: checks what a reader sees and writes it into the DOM
/// as JSON (`<pre id="probe">`), which `--dump-dom` then prints.
const PROBE: &str = r"<script>
(function () {
  var out = {};
  var h = document.querySelector('#decision h1');
  var r = h ? h.getBoundingClientRect() : { width: 0, height: 0 };
  out.decisionVisible = !!h && r.width > 0 && r.height > 0 && getComputedStyle(h).visibility === 'visible';
  out.decisionText = h ? h.innerText : '';
  var d = document.querySelector('details.diff');
  var table = d ? d.querySelector('table') : null;
  // Content of a closed <details> is laid out but not rendered: checkVisibility() says so.
  out.diffShownClosed = !!table && table.checkVisibility();
  out.diffClosedHeight = d ? d.getBoundingClientRect().height : -1;
  if (d) { d.open = true; }
  out.diffOpen = !!d && d.open;
  out.diffShownOpen = !!table && table.checkVisibility();
  out.diffOpenHeight = d ? d.getBoundingClientRect().height : -1;
  out.changedRows = d ? d.querySelectorAll('tr.changed').length : 0;
  var svg = document.querySelector('svg.map');
  out.mapWidth = svg ? svg.getBoundingClientRect().width : 0;
  out.brokenEdges = document.querySelectorAll('svg.map g.edge.broken').length;
  out.brokenEdgeTitles = Array.prototype.map.call(document.querySelectorAll('svg.map g.edge.broken title'), function (t) { return t.textContent; });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
";

fn probe_result(dom: &str) -> serde_json::Value {
    let start = dom
        .find("<pre id=\"probe\">")
        .expect("probe output in the DOM")
        + 16;
    let end = dom[start..].find("</pre>").unwrap() + start;
    let text = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let dir = planted();
    let page = render(&dir);
    let Some(bin) = find_chromium() else {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !ci,
            "chromium is not installed, so the HTML report cannot be checked in a browser; \
             install it (`apt-get install chromium`; .ci/run does this)"
        );
        let _ = writeln!(
            std::io::stderr(),
            "notice: chromium not found; skipping the browser check (it fails in CI)"
        );
        return;
    };
    let target = target_dir();
    std::fs::create_dir_all(&target).unwrap();
    // For people: the page with its diffs unfolded (the page itself opens folded).
    let html = target.join("seam-report.html");
    let unfolded = page.replacen(
        "</body>",
        "<script>document.querySelectorAll('details.diff').forEach(function (d) { d.open = true; });</script></body>",
        1,
    );
    std::fs::write(&html, &unfolded).unwrap();
    let png = target.join("seam-report.png");
    let _ = std::fs::remove_file(&png);
    chromium(
        &bin,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,3400".to_owned(),
            format!("file://{}", html.display()),
        ],
    );
    let shot = std::fs::read(&png).unwrap();
    assert!(shot.starts_with(b"\x89PNG"), "not a PNG screenshot");

    // A copy with the probe, rendered and dumped.
    let probed = dir.path().join("probed.html");
    std::fs::write(
        &probed,
        page.replacen("</body>", &format!("{PROBE}</body>"), 1),
    )
    .unwrap();
    let dom = chromium(
        &bin,
        &[
            "--dump-dom".to_owned(),
            format!("file://{}", probed.display()),
        ],
    );
    let probe = probe_result(&dom);
    assert_eq!(probe["decisionVisible"], true, "{probe}");
    assert!(
        probe["decisionText"].as_str().unwrap().contains("Blocked"),
        "{probe}"
    );
    // The diff is folded at first and opens.
    assert_eq!(probe["diffShownClosed"], false, "{probe}");
    assert_eq!(probe["diffOpen"], true, "{probe}");
    assert_eq!(probe["diffShownOpen"], true, "{probe}");
    assert!(
        probe["diffOpenHeight"].as_f64().unwrap() > probe["diffClosedHeight"].as_f64().unwrap(),
        "{probe}"
    );
    assert!(probe["changedRows"].as_u64().unwrap() >= 1, "{probe}");
    // The map is drawn, with the warehouse's use of the edited contract marked broken.
    assert!(probe["mapWidth"].as_f64().unwrap() > 0.0, "{probe}");
    assert!(probe["brokenEdges"].as_u64().unwrap() >= 1, "{probe}");
    // Printed, folded sections are expanded without script: the page with its print rules
    // applied to the screen shows the diff while the <details> stays closed.
    let printed = dir.path().join("printed.html");
    let as_print = page
        .replacen("@media print{", "@media all{", 1)
        .replace("<script>", "<script type=\"text/plain\">")
        .replacen(
            "</body>",
            "<script>(function () { var d = document.querySelector('details.diff'); var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify({ open: d.open, shown: d.querySelector('table').checkVisibility() }); document.body.appendChild(pre); })();</script></body>",
            1,
        );
    assert_ne!(as_print, page, "the page has print rules");
    std::fs::write(&printed, as_print).unwrap();
    let dom = chromium(
        &bin,
        &[
            "--dump-dom".to_owned(),
            format!("file://{}", printed.display()),
        ],
    );
    let print_probe = probe_result(&dom);
    assert_eq!(
        print_probe,
        serde_json::json!({"open": false, "shown": true}),
        "printed, the diff is not expanded"
    );
    assert!(
        probe["brokenEdgeTitles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t
                .as_str()
                .unwrap()
                .starts_with("warehouse reads sales.order-created")),
        "{probe}"
    );
}

/// Every resource reference (`src`, `href`, `xlink:href`, `url(...)`, `@import`) in a page.
fn resource_refs(page: &str) -> Vec<String> {
    let mut refs = Vec::new();
    for attr in [" src=", " href=", " xlink:href=", " srcset=", " action="] {
        for (i, _) in page.match_indices(attr) {
            let rest = &page[i + attr.len()..];
            let value: String = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].chars().take_while(|c| *c != q).collect(),
                _ => rest
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '>')
                    .collect(),
            };
            refs.push(value);
        }
    }
    for (i, _) in page.match_indices("url(") {
        let rest = &page[i + 4..];
        refs.push(rest.chars().take_while(|c| *c != ')').collect());
    }
    for (i, _) in page.match_indices("@import") {
        refs.push(page[i..].chars().take(80).collect());
    }
    refs
}

#[test]
fn html_report_makes_no_network_request() {
    let dir = planted();
    let page = render(&dir);
    let refs = resource_refs(&page);
    // The page does link inside itself and reference its SVG markers.
    assert!(refs.iter().any(|r| r == "#main"), "{refs:?}");
    assert!(refs.iter().any(|r| r == "#arrow-bad"), "{refs:?}");
    for r in &refs {
        let r = r.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        assert!(
            r.starts_with('#'),
            "a resource reference that is not inside the page: `{r}`"
        );
    }
    let lower = page.to_ascii_lowercase();
    assert!(!lower.contains("<link"), "no <link> elements");
    assert!(!lower.contains("<script src"), "no external scripts");
    assert!(!lower.contains("<iframe") && !lower.contains("<img"));
    assert!(!lower.contains("@font-face"), "no web fonts");
    // The checker itself sees external references.
    let bad =
        resource_refs(r#"<img src="https://x/y.png"><style>@import url(http://e/x.css)</style>"#);
    assert!(bad.iter().any(|r| r.starts_with("https://")), "{bad:?}");
    assert!(bad.iter().any(|r| r.starts_with("http://")), "{bad:?}");
}

#[test]
fn html_markdown_and_text_tell_the_same_story() {
    let dir = planted();
    let page = render(&dir);
    let sha = main_short(dir.path());
    let redact = |s: &str| s.replace(&sha, "[SHA]");
    let markdown = seam(
        dir.path(),
        &["check", "--against", "main", "--format", "markdown"],
    );
    assert_eq!(markdown.code, 1, "{}", markdown.all());
    insta::assert_snapshot!("erp_planted_markdown", redact(&markdown.stdout));
    let text = seam(dir.path(), &["check", "--against", "main"]);
    assert_eq!(text.code, 1, "{}", text.all());
    insta::assert_snapshot!("erp_planted_text", redact(&text.stdout));

    let json = seam(
        dir.path(),
        &["check", "--against", "main", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(report.get("context").is_none(), "JSON stays clock-free");
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        let rule = f["rule_id"].as_str().unwrap();
        let fp = f["fingerprint"].as_str().unwrap();
        assert!(text.stdout.contains(rule), "{rule} not in text");
        assert!(markdown.stdout.contains(rule), "{rule} not in markdown");
        assert!(
            page.contains(&format!("id=\"f-{fp}\"")),
            "{rule} not in html"
        );
    }
    assert!(page.contains(&format!("<code>main ({sha})</code>")));
    assert!(page.contains("published-version-edited"));
    // The new minor version is shown against the one before it.
    assert!(
        page.contains(
            "<code>contracts/erp.order-status/schemas/2.0.0.json (2.0.0)</code> → <code>contracts/erp.order-status/schemas/2.1.0.json (2.1.0)</code>"
        ),
        "{page}"
    );
    assert!(page.contains("<del>35</del>") && page.contains("<ins>70</ins>"));
    assert!(page.contains("wms-team"));
    assert!(page.contains("1.0.0</span> <span class=\"vs\">deprecated, sunset 2027-03-31"));
}

#[test]
fn release_html_shows_the_freeze_window() {
    let dir = planted();
    let run = seam(
        dir.path(),
        &[
            "release",
            "--change",
            "compatible",
            "--at",
            "2026-11-27T14:00[Europe/Berlin]",
            "--format",
            "html",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("Release blocked"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("active: <code>weekend</code> (blocks this release"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2026-11-27 14:00"), "{}", run.stdout);
}

#[test]
fn html_report_markup_is_accessible() {
    let dir = planted();
    let page = render(&dir);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("<title>seam check: Blocked (3 blocking findings)</title>"));
    for landmark in [
        "<header",
        "<nav aria-label=",
        "<main id=\"main\"",
        "<footer",
    ] {
        assert!(page.contains(landmark), "{landmark}");
    }
    // Headings never skip a level, and there is one h1: the decision.
    let levels: Vec<u32> = page
        .match_indices("<h")
        .filter_map(|(i, _)| page.as_bytes().get(i + 2).copied())
        .filter(u8::is_ascii_digit)
        .map(|b| u32::from(b - b'0'))
        .collect();
    assert_eq!(levels.first(), Some(&1), "{levels:?}");
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1, "{levels:?}");
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "heading level skipped: {levels:?}");
    }
    // Every table header says what it heads.
    for (i, _) in page.match_indices("<th ").chain(page.match_indices("<th>")) {
        let tag: String = page[i..].chars().take_while(|c| *c != '>').collect();
        assert!(tag.contains("scope="), "{tag}");
    }
    // The map is an image with a name and a description; summaries get a visible focus ring.
    assert!(page.contains("role=\"img\" aria-labelledby=\"map-title map-desc\""));
    assert!(page.contains("<desc id=\"map-desc\">"));
    assert!(page.contains("summary:focus-visible{outline:3px solid"));
    assert!(page.contains("@media print"));
}

#[test]
fn release_html_shows_a_break_glass_override_loudly() {
    let waiver = "waivers:\n  - rule: freeze-window\n    window: weekend\n    reason: hotfix for invoices posted twice (INC-4711)\n    approved_by: cto@nordwind.example\n    ticket: INC-4711\n    expires: 2026-11-28\n";
    let args = [
        "release",
        "--change",
        "compatible",
        "--at",
        "2026-11-27T14:00[Europe/Berlin]",
        "--format",
        "html",
    ];
    // Break-glass overrides the window, never the gate: the planted breaks still block.
    let dir = planted();
    crate::cli::write(&dir, "waivers.yaml", waiver);
    let run = seam(dir.path(), &args);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stdout.contains("blocking finding"), "{}", run.stdout);
    let dir = TempDir::new().unwrap();
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/erp"),
        dir.path(),
    );
    commit_all(dir.path(), "base");
    crate::cli::write(&dir, "waivers.yaml", waiver);
    let run = seam(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("Release allowed"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("<p class=\"alert\" role=\"alert\">!!! BREAK-GLASS OVERRIDE"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("cto@nordwind.example"));
}

#[test]
fn same_input_same_page_with_source_date_epoch() {
    let dir = planted();
    let page = |out: &str| {
        let run = assert_cmd::Command::cargo_bin("seam")
            .unwrap()
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1795000000")
            .args([
                "check",
                "--against",
                "main",
                "--format",
                "html",
                "--output",
                out,
            ])
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1));
        std::fs::read(dir.path().join(out)).unwrap()
    };
    let first = page("a.html");
    assert_eq!(first, page("b.html"));
    assert!(
        String::from_utf8(first)
            .unwrap()
            .contains("2026-11-18T11:06:40Z")
    );
}
