//! `seam diff OLD NEW`: compare two schema files; structural changes, semantic verdict and a
//! verified counterexample. Exit 0 compatible, 1 incompatible or unknown, 2 bad input.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use seam::error::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use seam::report::diff::{ReportFormat, render};
use seam::schema::file::{SchemaFileError, load_schema_file};
use seam::schema::{Draft, Engine, EngineOptions, Mode, Verdict};

/// Arguments of `seam diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The old schema file (JSON or YAML).
    old: PathBuf,
    /// The new schema file (JSON or YAML).
    new: PathBuf,
    /// Which inclusion must hold: backward (old ⊆ new), forward (new ⊆ old), full (both), none.
    #[arg(long, value_enum, default_value_t = ModeArg::Backward)]
    mode: ModeArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Write the report to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Text format: print only the one-line verdict (with the first reason when it breaks).
    #[arg(short, long)]
    quiet: bool,
    /// Treat `format` as an annotation instead of an assertion.
    #[arg(long)]
    no_format_assertion: bool,
    /// The draft of a schema without `$schema`.
    #[arg(long, value_enum, default_value_t = DraftArg::D2020_12)]
    draft: DraftArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ModeArg {
    Backward,
    Forward,
    Full,
    None,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Self {
        match m {
            ModeArg::Backward => Mode::Backward,
            ModeArg::Forward => Mode::Forward,
            ModeArg::Full => Mode::Full,
            ModeArg::None => Mode::None,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
    Markdown,
}

impl From<FormatArg> for ReportFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Text => ReportFormat::Text,
            FormatArg::Json => ReportFormat::Json,
            FormatArg::Markdown => ReportFormat::Markdown,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DraftArg {
    #[value(name = "4")]
    D4,
    #[value(name = "6")]
    D6,
    #[value(name = "7")]
    D7,
    #[value(name = "2019-09")]
    D2019_09,
    #[value(name = "2020-12")]
    D2020_12,
}

impl From<DraftArg> for Draft {
    fn from(d: DraftArg) -> Self {
        match d {
            DraftArg::D4 => Draft::Draft4,
            DraftArg::D6 => Draft::Draft6,
            DraftArg::D7 => Draft::Draft7,
            DraftArg::D2019_09 => Draft::Draft201909,
            DraftArg::D2020_12 => Draft::Draft202012,
        }
    }
}

fn report_file_error(e: &SchemaFileError) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{}: {}", e.location, e.message());
    let _ = writeln!(err, "help: {}", e.help());
}

fn shown(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The folder `path` and the files its `$ref`s name must stay inside (symbolic links
/// followed): the working directory when the file is in it, else the nearest ancestor holding
/// `seam.yaml` or `.git`, else the file's own folder. Decided on the path as written, so a
/// link cannot move the boundary to where it points.
fn root_for(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut abs = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                abs.pop();
            }
            other => abs.push(other.as_os_str()),
        }
    }
    if abs.starts_with(&cwd) {
        return cwd;
    }
    let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    dir.ancestors()
        .find(|a| a.join("seam.yaml").is_file() || a.join(".git").exists())
        .map_or(dir.clone(), Path::to_path_buf)
}

/// `file:line:col` of the node at `pointer` of the bundled schema of `path`: in `path` itself,
/// or, under `/$defs/<file>` (where a referenced file is bundled), in that file. `None` when
/// the file cannot be read again.
fn locate(root: &Path, path: &Path, pointer: &str) -> Option<String> {
    use seam::source::{Document, RepoRoot, Syntax, read_text, split_pointer};
    let jail = RepoRoot::new(root);
    let read = |file: &Path| {
        let text = read_text(file, Some(&jail)).ok()?;
        let yaml = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        let syntax = if yaml { Syntax::Yaml } else { Syntax::Json };
        Document::parse(file, syntax, text).ok()
    };
    let doc = read(path)?;
    let segments = split_pointer(pointer);
    if let [defs, key, rest @ ..] = segments.as_slice()
        && defs == "$defs"
        && doc.value.get("$defs").and_then(|d| d.get(key)).is_none()
    {
        // A bundled file: its key is its path relative to the root.
        let file = root.join(key);
        let inner = read(&file)?;
        let mut inner_pointer = String::new();
        for s in rest {
            inner_pointer.push('/');
            inner_pointer.push_str(&seam::source::escape_segment(s));
        }
        let (line, col) = inner.locate(&inner_pointer, false);
        return Some(format!("{}:{line}:{col}", shown(Path::new(key))));
    }
    let (line, col) = doc.locate(pointer, false);
    Some(format!("{}:{line}:{col}", shown(path)))
}

/// Runs `seam diff` and returns the exit code.
pub(crate) fn run(args: &DiffArgs) -> i32 {
    if let Err(code) = crate::cli::output::refuse_overwriting_input(
        args.output.as_deref(),
        &[] as &[crate::cli::output::ReportFile<crate::cli::output::Format>],
        None,
        &[&args.old, &args.new],
    ) {
        return code;
    }
    let options = EngineOptions {
        validate_formats: !args.no_format_assertion,
        default_draft: args.draft.into(),
        ..EngineOptions::default()
    };
    let engine = Engine::new(options);
    let mut prepared = Vec::new();
    for path in [&args.old, &args.new] {
        let root = root_for(path);
        let doc = match load_schema_file(&root, path) {
            Ok(doc) => doc,
            Err(e) => {
                report_file_error(&e);
                return EXIT_USAGE;
            }
        };
        // Wrong keyword values in plain words, at line:col of the file as written.
        // Read again under the same rules (inside the repository, bounded), only for positions.
        let source = seam::source::read_text(path, Some(&seam::source::RepoRoot::new(&root)))
            .ok()
            .and_then(|text| {
                let syntax = seam::source::Syntax::of(path);
                seam::source::Document::parse(Path::new(&shown(path)), syntax, text).ok()
            });
        if let Some(source) = &source {
            let draft = seam::schema::detect_draft(&source.value, args.draft.into());
            let problems = seam::schema::keywords::invalid_values(&source.value, draft);
            if !problems.is_empty() {
                let mut err = anstream::stderr();
                for p in &problems {
                    let (line, col) = source.locate(&p.pointer, p.at_key);
                    let _ = writeln!(err, "{}:{line}:{col}: {}", shown(path), p.message);
                    let _ = writeln!(err, "help: {}", p.help);
                }
                return EXIT_USAGE;
            }
        }
        match engine.prepare(&doc) {
            Ok(p) => prepared.push(p),
            Err(e) => {
                let mut err = anstream::stderr();
                let at = locate(&root, path, &e.pointer).unwrap_or_else(|| shown(path));
                let _ = writeln!(err, "{at}: {e}");
                let _ = writeln!(
                    err,
                    "help: fix the schema so that it is valid under its draft"
                );
                return EXIT_USAGE;
            }
        }
    }
    let (Some(old), Some(new)) = (prepared.first(), prepared.get(1)) else {
        return EXIT_USAGE;
    };
    let comparison = engine.compare(old, new, args.mode.into());
    let (old_name, new_name) = (shown(&args.old), shown(&args.new));
    let quiet_text = args.quiet && matches!(args.format, FormatArg::Text);
    let render = |comparison: &seam::schema::Comparison,
                  old: &str,
                  new: &str,
                  format: ReportFormat,
                  out: &mut dyn Write| {
        if quiet_text {
            seam::report::diff::quiet_text(comparison, old, new, out)
        } else {
            render(comparison, old, new, format, out)
        }
    };
    let written = if let Some(file) = &args.output {
        let mut buffer = Vec::new();
        render(
            &comparison,
            &old_name,
            &new_name,
            args.format.into(),
            &mut buffer,
        )
        .and_then(|()| {
            std::fs::write(
                file,
                anstream::adapter::strip_str(&String::from_utf8_lossy(&buffer)).to_string(),
            )
        })
    } else {
        let mut out = anstream::stdout();
        render(
            &comparison,
            &old_name,
            &new_name,
            args.format.into(),
            &mut out,
        )
        .and_then(|()| out.flush())
    };
    if let Err(e) = written {
        let mut err = anstream::stderr();
        let target = args
            .output
            .as_deref()
            .map_or_else(|| "stdout".to_owned(), shown);
        let _ = writeln!(err, "{target}: cannot write the report: {e}");
        let _ = writeln!(err, "help: check that the directory exists and is writable");
        return EXIT_USAGE;
    }
    match comparison.verdict {
        Verdict::Compatible => EXIT_OK,
        Verdict::Incompatible | Verdict::Unknown => EXIT_FAILURE,
    }
}
