//! `seam codeowners [DIR]`: a CODEOWNERS file from the declared owners.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use seam::error::EXIT_USAGE;

use crate::cli::inventory::{finish, load_for_rendering};
use crate::cli::output::{Format, OutputArgs, emit_errors};

/// Arguments of `seam codeowners`.
#[derive(Debug, Args)]
pub(crate) struct CodeownersArgs {
    /// The contract repository (the folder holding `seam.yaml`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The GitHub organization of bare team names: `owner: billing-team` becomes
    /// `@ORG/billing-team`. Without it, only `@org/team`, `@user` and e-mail owners are accepted.
    #[arg(long, value_name = "ORG")]
    org: Option<String>,
    /// Write to FILE (e.g. `.github/CODEOWNERS`) instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Quiet: this command prints only what it generates (nothing else to leave out).
    #[arg(short, long)]
    quiet: bool,
}

pub(crate) fn run(args: &CodeownersArgs) -> i32 {
    if let Some(org) = &args.org
        && !seam::inventory::codeowners::valid_org(org)
    {
        let _ = writeln!(
            anstream::stderr(),
            "error: `{org}` is not a GitHub organization name\n  = help: use letters, digits and single hyphens, e.g. `--org acme`"
        );
        return EXIT_USAGE;
    }
    let (dir, repo) = match load_for_rendering(&args.dir, args.output.as_deref(), "codeowners") {
        Ok(x) => x,
        Err(code) => return code,
    };
    // CODEOWNERS patterns are relative to the git root, which need not be where seam.yaml is.
    let prefix = seam::git::GitRepo::open(&dir)
        .map(|g| g.prefix().to_path_buf())
        .unwrap_or_default();
    match seam::inventory::codeowners::render(&repo, &prefix, args.org.as_deref()) {
        Ok(text) => finish(args.output.as_deref(), text.as_bytes()),
        Err(errors) => {
            let text = OutputArgs {
                format: Format::Text,
                output: None,
                reports: Vec::new(),
                quiet: false,
            };
            emit_errors(&text, &dir, "codeowners", &errors)
        }
    }
}
