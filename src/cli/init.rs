//! `seam init [DIR]`: scaffold a working contract repository.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use seam::error::{EXIT_OK, EXIT_USAGE};

/// Arguments of `seam init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Where to create the repository (created when missing).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Print nothing when it worked (errors still go to standard error).
    #[arg(short, long)]
    quiet: bool,
}

/// The scaffold: one system pair, one contract with two versions and examples, one consumer.
const FILES: &[(&str, &str)] = &[
    (
        "consumers/warehouse.yaml",
        include_str!("../../templates/init/consumers/warehouse.yaml"),
    ),
    (
        "consumers/warehouse/examples/order.json",
        include_str!("../../templates/init/consumers/warehouse/examples/order.json"),
    ),
    (
        "consumers/warehouse/order-created.schema.json",
        include_str!("../../templates/init/consumers/warehouse/order-created.schema.json"),
    ),
    (
        "contracts/sales.order-created/contract.yaml",
        include_str!("../../templates/init/contracts/sales.order-created/contract.yaml"),
    ),
    (
        "contracts/sales.order-created/examples/missing-customer.json",
        include_str!(
            "../../templates/init/contracts/sales.order-created/examples/missing-customer.json"
        ),
    ),
    (
        "contracts/sales.order-created/examples/order-basic.json",
        include_str!(
            "../../templates/init/contracts/sales.order-created/examples/order-basic.json"
        ),
    ),
    (
        "contracts/sales.order-created/examples/order-with-note.json",
        include_str!(
            "../../templates/init/contracts/sales.order-created/examples/order-with-note.json"
        ),
    ),
    (
        "contracts/sales.order-created/schemas/1.0.0.json",
        include_str!("../../templates/init/contracts/sales.order-created/schemas/1.0.0.json"),
    ),
    (
        "contracts/sales.order-created/schemas/1.1.0.json",
        include_str!("../../templates/init/contracts/sales.order-created/schemas/1.1.0.json"),
    ),
    ("keys.yaml", include_str!("../../templates/init/keys.yaml")),
    ("seam.yaml", include_str!("../../templates/init/seam.yaml")),
    (
        "systems/erp.yaml",
        include_str!("../../templates/init/systems/erp.yaml"),
    ),
    (
        "systems/warehouse.yaml",
        include_str!("../../templates/init/systems/warehouse.yaml"),
    ),
    (
        "waivers.yaml",
        include_str!("../../templates/init/waivers.yaml"),
    ),
];

pub(crate) fn run(args: &InitArgs) -> i32 {
    let mut err = anstream::stderr();
    match scaffold(&args.dir) {
        Ok(()) if args.quiet => EXIT_OK,
        Ok(()) => {
            let mut out = anstream::stdout();
            let shown = args.dir.display();
            let _ = writeln!(
                out,
                "created a contract repository in {shown} ({} files)",
                FILES.len()
            );
            let _ = writeln!(out, "next: seam check {shown}");
            EXIT_OK
        }
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            EXIT_USAGE
        }
    }
}

fn scaffold(dir: &Path) -> Result<(), String> {
    if dir.join("seam.yaml").exists() {
        return Err(format!(
            "{}: already a seam repository\n  = help: seam init never overwrites files; pick an empty folder",
            dir.join("seam.yaml").display()
        ));
    }
    // A repository inside another would be loaded as part of neither: refuse to nest.
    let existing = dir
        .ancestors()
        .find(|a| !a.as_os_str().is_empty() && a.exists())
        .unwrap_or(Path::new("."));
    if let Some(outer) = seam::contract::repo::discover(existing) {
        let outer = outer.canonicalize().unwrap_or(outer);
        return Err(format!(
            "{}: {} is inside the contract repository in {}\n  = help: run seam commands from here as they are (they find that repository's `seam.yaml`), or run `seam init` in a folder outside {}",
            outer.join("seam.yaml").display(),
            dir.display(),
            outer.display(),
            outer.display()
        ));
    }
    if let Some((existing, _)) = FILES.iter().find(|(path, _)| dir.join(path).exists()) {
        return Err(format!(
            "{}: already exists\n  = help: seam init never overwrites files; pick an empty folder",
            dir.join(existing).display()
        ));
    }
    for (path, content) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("{}: cannot create folder: {e}", parent.display()))?;
        }
        std::fs::write(&target, content)
            .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
    }
    // The proof cache (`.seam/cache`) stays out of git: a cache folder git tracks is refused,
    // since committed proofs would be trusted unproved. An existing `.gitignore` is left alone.
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, ".seam/\n")
            .map_err(|e| format!("{}: cannot write: {e}", ignore.display()))?;
    }
    Ok(())
}
