//! Output options shared by the subcommands: format, destination, colour, verbosity.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use seam::error::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE, LoadError};
use seam::report::{Outcome, Report};

/// Report formats of `lint`, `verify` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Human-readable, rustc-like; coloured on a terminal.
    Text,
    /// Versioned JSON (schema in `contracts/seam.report/`).
    Json,
    /// Markdown for a pull-request comment: summary table, details folded.
    Markdown,
    /// JUnit XML: one test case per contract and check.
    Junit,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations; also appends Markdown to `GITHUB_STEP_SUMMARY` when set.
    Github,
    /// One self-contained HTML page (no external requests): decision, findings with diffs,
    /// version timelines and the integration map.
    Html,
}

/// `--format`, `--output`, `--report`, `-q`.
#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Also write the whole report in FORMAT to PATH, from the same run (repeatable), e.g.
    /// `--report sarif=seam.sarif --report markdown=summary.md`. Each file is replaced
    /// atomically; `-q` does not shorten it.
    #[arg(long = "report", value_name = "FORMAT=PATH", value_parser = parse_report::<Format>)]
    pub(crate) reports: Vec<ReportFile<Format>>,
    /// Print only the blocking findings (and input errors) and the one-line summary.
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

/// One `--report FORMAT=PATH`.
#[derive(Debug, Clone)]
pub(crate) struct ReportFile<F> {
    pub(crate) format: F,
    pub(crate) path: PathBuf,
}

/// Parses `FORMAT=PATH` for any format enum.
pub(crate) fn parse_report<F: ValueEnum + Clone>(text: &str) -> Result<ReportFile<F>, String> {
    let names = || {
        F::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((format, path)) = text.split_once('=') else {
        return Err(format!(
            "`{text}` is not FORMAT=PATH; write e.g. `sarif=seam.sarif` (formats: {})",
            names()
        ));
    };
    let format = F::from_str(format.trim(), true).map_err(|_| {
        format!(
            "`{format}` is not a report format here; use one of {}",
            names()
        )
    })?;
    if path.is_empty() {
        return Err(format!("`{text}` names no file; write FORMAT=PATH"));
    }
    Ok(ReportFile {
        format,
        path: PathBuf::from(path),
    })
}

/// Refuses two reports (or a report and `--output`) writing the same file: one would silently
/// overwrite the other.
pub(crate) fn check_report_paths<F>(
    output: Option<&Path>,
    reports: &[ReportFile<F>],
) -> Result<(), String> {
    let mut seen: Vec<&Path> = output.into_iter().collect();
    for r in reports {
        if seen.contains(&r.path.as_path()) {
            return Err(format!(
                "`{}` is named by more than one report",
                r.path.display()
            ));
        }
        seen.push(&r.path);
    }
    Ok(())
}

/// Writes `bytes` (colour stripped) to `path` atomically: a temporary file in the same folder,
/// then a rename, so a reader (an upload step, a concurrent job) never sees half a report.
pub(crate) fn write_file_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".seam-report-");
    // A report is an ordinary file: the mode a plain write would give it (0o666 less the
    // umask), not a temporary file's 0o600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(folder)?;
    file.write_all(&anstream::adapter::strip_bytes(bytes).into_vec())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes every `--report` file; on the first failure, says which file and why on stderr and
/// returns false.
pub(crate) fn write_reports<F: Copy>(
    reports: &[ReportFile<F>],
    mut render: impl FnMut(F, &mut Vec<u8>) -> io::Result<()>,
) -> bool {
    for r in reports {
        let mut buf = Vec::new();
        let result = render(r.format, &mut buf).and_then(|()| write_file_atomic(&r.path, &buf));
        if let Err(e) = result {
            let _ = writeln!(
                anstream::stderr(),
                "error: cannot write the report `{}`: {e}\n  = help: check that its folder exists and is writable",
                r.path.display()
            );
            return false;
        }
    }
    true
}

/// The report `-q` prints: only the findings that block, the same counts and summary line.
pub(crate) fn quiet_report(report: &Report) -> Report {
    let mut r = report.clone();
    r.findings.retain(seam::finding::Finding::blocks);
    r
}

/// Maps an outcome to the exit code.
pub(crate) fn exit_code(outcome: Outcome) -> i32 {
    match outcome {
        Outcome::Pass => EXIT_OK,
        Outcome::Fail => EXIT_FAILURE,
        Outcome::Error => EXIT_USAGE,
    }
}

/// Writes a report as asked (the `--report` files first, then standard output or `--output`)
/// and returns the exit code.
pub(crate) fn emit(args: &OutputArgs, report: &Report) -> i32 {
    emit_in(args, report, None)
}

/// Reads a file named by an error location for its source excerpt: a relative path inside
/// `root` without `..`, a regular file within the loader's size budget, UTF-8. Anything else
/// gets no excerpt (never an error of its own).
pub(crate) fn read_source(root: &Path, path: &str) -> Option<String> {
    let rel = Path::new(path);
    if rel.is_absolute()
        || rel.components().any(|c| {
            !matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
    {
        return None;
    }
    // The loader's own rules: a regular file inside the repository (links followed), bounded.
    seam::source::RepoRoot::new(root).read_text(rel).ok()
}

/// [`emit`], with the repository `root` input error locations are relative to (the text
/// report shows the source line of each).
fn emit_in(args: &OutputArgs, report: &Report, root: Option<&Path>) -> i32 {
    let code = exit_code(report.outcome);
    if let Err(message) = check_report_paths(args.output.as_deref(), &args.reports) {
        let _ = writeln!(
            anstream::stderr(),
            "error: {message}\n  = help: give each --report and --output its own file"
        );
        return EXIT_USAGE;
    }
    let sources = |path: &str| root.and_then(|r| read_source(r, path));
    if !write_reports(&args.reports, |format, buf| {
        render(buf, format, &for_format(report, format), &sources)
    }) {
        return EXIT_USAGE;
    }
    let mut buf = Vec::new();
    let shown = if args.quiet {
        quiet_report(report)
    } else {
        report.clone()
    };
    if let Err(e) = render(
        &mut buf,
        args.format,
        &for_format(&shown, args.format),
        &sources,
    ) {
        let _ = writeln!(anstream::stderr(), "error: cannot render the report: {e}");
        return EXIT_USAGE;
    }
    if args.format == Format::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
        && let Err(e) = seam::report::github::append_step_summary(path.as_ref(), report)
    {
        // The annotations still go out; a summary that cannot be written is only a warning.
        let _ = writeln!(
            anstream::stderr(),
            "warning: cannot append to GITHUB_STEP_SUMMARY: {e}"
        );
    }
    let result = match &args.output {
        // Files never get colour codes.
        Some(path) => std::fs::write(path, anstream::adapter::strip_bytes(&buf).into_vec()),
        None if report.outcome == Outcome::Error && args.format == Format::Text => {
            anstream::stderr().lock().write_all(&buf)
        }
        None => anstream::stdout().lock().write_all(&buf),
    };
    match result {
        Ok(()) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            let _ = writeln!(anstream::stderr(), "error: cannot write the report: {e}");
            EXIT_USAGE
        }
    }
}

/// The report as a format shows it: only the HTML page carries the context (base revision,
/// time, timelines), so every other format stays byte-identical run to run.
fn for_format(report: &Report, format: Format) -> std::borrow::Cow<'_, Report> {
    if format == Format::Html || report.context.is_none() {
        std::borrow::Cow::Borrowed(report)
    } else {
        let mut r = report.clone();
        r.context = None;
        std::borrow::Cow::Owned(r)
    }
}

fn render(
    out: &mut dyn Write,
    format: Format,
    report: &Report,
    sources: seam::report::text::Sources<'_>,
) -> io::Result<()> {
    match format {
        Format::Text => seam::report::text::emit_with_sources(out, report, sources),
        Format::Json => seam::report::json::emit(out, report),
        Format::Markdown => seam::report::markdown::emit(out, report),
        Format::Junit => seam::report::junit::emit(out, report),
        Format::Sarif => seam::report::sarif::emit(out, report),
        Format::Html => seam::report::html::emit(out, report),
        Format::Github => seam::report::github::emit(out, report),
    }
}

/// The commits of the run for the JSON report: the base as the user named it and the commit it
/// resolved to, the merge base the gate compared with, and `HEAD` of the git repository holding
/// `dir` (none outside git).
pub(crate) fn revisions(
    dir: &Path,
    base: Option<&seam::gate::BaseRevision>,
) -> Option<seam::report::Revisions> {
    let git = seam::git::GitRepo::open(dir).ok();
    let head = git.as_ref().and_then(seam::git::GitRepo::head);
    if head.is_none() && base.is_none() {
        return None;
    }
    Some(seam::report::Revisions {
        base: base.map(|b| seam::report::NamedCommit {
            name: b.name.clone(),
            commit: b.commit.clone(),
        }),
        merge_base: base.map(|b| b.merge_base_commit.clone()),
        head,
    })
}

/// Whether any output of this run (standard output or a `--report` file) is the HTML page.
pub(crate) fn wants_html(args: &OutputArgs) -> bool {
    args.format == Format::Html || args.reports.iter().any(|r| r.format == Format::Html)
}

/// The time shown in reports: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now,
/// in UTC to the second (one of the CLI's clock reads).
pub(crate) fn generated_at() -> String {
    let pinned = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok());
    format!("{:.0}", pinned.unwrap_or_else(jiff::Timestamp::now))
}

/// Folders and files of a contract repository that seam reads.
const REPOSITORY_INPUTS: [&str; 6] = [
    "seam.yaml",
    "keys.yaml",
    "waivers.yaml",
    "systems",
    "contracts",
    "consumers",
];

/// Refuses an `--output` that names a file the command reads (exit 2): the report would
/// replace its own input. `repo` is the repository the command reads (its `seam.yaml`,
/// `keys.yaml`, `waivers.yaml` and everything under `systems/`, `contracts/` and
/// `consumers/`), `inputs` the files named on the command line. Checked before any work.
pub(crate) fn refuse_overwriting_input<F>(
    output: Option<&Path>,
    reports: &[ReportFile<F>],
    repo: Option<&Path>,
    inputs: &[&Path],
) -> Result<(), i32> {
    for path in output
        .into_iter()
        .chain(reports.iter().map(|r| r.path.as_path()))
    {
        refuse_one(path, repo, inputs)?;
    }
    Ok(())
}

fn refuse_one(output: &Path, repo: Option<&Path>, inputs: &[&Path]) -> Result<(), i32> {
    let repo_real = repo.and_then(|r| std::fs::canonicalize(r).ok());
    // A symbolic link inside the repository (a pull request can add one, as the report file or
    // as a folder on its way) that leads out of it, or nowhere: writing the report through it
    // would write outside the repository.
    if let Some(link) = repo_real
        .as_deref()
        .and_then(|r| link_leaving_the_repository(output, r))
    {
        let mut err = anstream::stderr();
        let _ = writeln!(
            err,
            "error: `{}` is a symbolic link in the repository that leads outside it; the report would be written there",
            link.display()
        );
        let _ = writeln!(
            err,
            "help: remove the link, or write the report to another file"
        );
        return Err(EXIT_USAGE);
    }
    // A file that does not exist yet is nobody's input.
    let Ok(real) = std::fs::canonicalize(output) else {
        return Ok(());
    };
    let named = inputs
        .iter()
        .any(|i| std::fs::canonicalize(i).is_ok_and(|r| r == real));
    let in_repo = repo_real
        .and_then(|r| real.strip_prefix(r).ok().map(Path::to_path_buf))
        .and_then(|rel| {
            rel.components()
                .next()
                .map(|c| REPOSITORY_INPUTS.iter().any(|i| c.as_os_str() == *i))
        })
        .unwrap_or(false);
    if !named && !in_repo {
        return Ok(());
    }
    let mut err = anstream::stderr();
    let _ = writeln!(
        err,
        "error: `{}` names a file this command reads; the report would replace it",
        output.display()
    );
    let _ = writeln!(
        err,
        "help: write the report to a new file outside `contracts/`, `systems/` and `consumers/`, e.g. `--output seam-report.txt`"
    );
    Err(EXIT_USAGE)
}

/// The first symbolic link on the way to `output` (as given, followed the way the OS will when
/// the report is written) that sits inside the repository `repo_real` (canonical) and leads out
/// of it or nowhere. A path that leaves the repository by `..` or names a place outside it is
/// the user's choice, not a link a pull request planted.
fn link_leaving_the_repository(output: &Path, repo_real: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let mut at = if output.is_absolute() {
        PathBuf::new()
    } else {
        std::fs::canonicalize(std::env::current_dir().ok()?).ok()?
    };
    let mut given = PathBuf::new();
    for c in output.components() {
        given.push(c);
        match c {
            Component::CurDir => {}
            // `at` holds no link, so its parent is where the OS goes.
            Component::ParentDir => {
                at.pop();
            }
            _ => {
                let next = at.join(c);
                if !std::fs::symlink_metadata(&next).is_ok_and(|m| m.file_type().is_symlink()) {
                    at = next;
                    continue;
                }
                let target = std::fs::canonicalize(&next).ok();
                if at.starts_with(repo_real)
                    && !target.as_ref().is_some_and(|t| t.starts_with(repo_real))
                {
                    return Some(given);
                }
                // A link outside the repository leading nowhere: the write fails on its own.
                at = target?;
            }
        }
    }
    None
}

/// Reports input errors (exit 2); their locations are relative to the repository `root`.
pub(crate) fn emit_errors(
    args: &OutputArgs,
    root: &Path,
    command: &str,
    errors: &[LoadError],
) -> i32 {
    emit_in(
        args,
        &Report::input_errors(command, errors),
        Some(&repo_dir(root)),
    )
}

/// `--today`: the date governance rules (sunsets) and waivers (expiry) are judged at.
#[derive(Debug, Args)]
pub(crate) struct TodayArg {
    /// Judge sunset dates and waiver expiry as of this date (YYYY-MM-DD); default: today in UTC.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub(crate) today: Option<jiff::civil::Date>,
}

fn parse_today(text: &str) -> Result<jiff::civil::Date, String> {
    seam::policy::windows::parse_date(text)
        .ok_or_else(|| format!("`{text}` is not a date; write YYYY-MM-DD"))
}

impl TodayArg {
    /// The date asked for, or today in UTC (the only place the clock is read).
    pub(crate) fn date(&self) -> jiff::civil::Date {
        self.today.unwrap_or_else(|| {
            jiff::Timestamp::now()
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .date()
        })
    }
}

/// Writes `buf` to FILE (colour stripped) or standard output; a closed pipe is not an error.
pub(crate) fn write_output(output: Option<&std::path::Path>, buf: &[u8]) -> io::Result<()> {
    let result = match output {
        Some(path) => std::fs::write(path, anstream::adapter::strip_bytes(buf).into_vec()),
        None => anstream::stdout().lock().write_all(buf),
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The contract repository a command works on: `dir` when it holds `seam.yaml`, else the
/// nearest parent folder that does (so commands work from inside a contract's folder); `dir`
/// itself when none does, so the loader reports the missing `seam.yaml` there.
pub(crate) fn repo_dir(dir: &std::path::Path) -> std::path::PathBuf {
    seam::contract::repo::discover(dir).unwrap_or_else(|| dir.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_excerpts_are_read_only_inside_the_repository() {
        let outside = tempfile::TempDir::new().unwrap();
        std::fs::write(outside.path().join("secret.yaml"), "token: x\n").unwrap();
        let root = tempfile::TempDir::new().unwrap();
        std::fs::create_dir(root.path().join("systems")).unwrap();
        std::fs::write(root.path().join("systems/erp.yaml"), "id: erp\n").unwrap();
        assert_eq!(
            read_source(root.path(), "systems/erp.yaml").as_deref(),
            Some("id: erp\n")
        );
        let secret = outside.path().join("secret.yaml");
        assert_eq!(read_source(root.path(), &secret.to_string_lossy()), None);
        assert_eq!(read_source(root.path(), "../secret.yaml"), None);
        assert_eq!(read_source(root.path(), "systems/../../secret.yaml"), None);
        assert_eq!(read_source(root.path(), "systems"), None);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&secret, root.path().join("systems/link.yaml")).unwrap();
            assert_eq!(read_source(root.path(), "systems/link.yaml"), None);
        }
    }

    #[test]
    fn report_arguments_parse_or_say_why() {
        let r = parse_report::<Format>("sarif=out/seam.sarif").unwrap();
        assert_eq!(r.format, Format::Sarif);
        assert_eq!(r.path, PathBuf::from("out/seam.sarif"));
        // The path may itself hold `=`.
        assert_eq!(
            parse_report::<Format>("json=a=b.json").unwrap().path,
            PathBuf::from("a=b.json")
        );
        assert!(
            parse_report::<Format>("sarif=")
                .unwrap_err()
                .contains("names no file")
        );
        assert!(
            parse_report::<Format>("pdf=x")
                .unwrap_err()
                .contains("`pdf` is not a report format")
        );
    }
}
