//! The `seam` binary: parse arguments, call the library, map the outcome to an exit code.

mod cli;

use std::process::ExitCode;

/// mimalloc: the compatibility proofs and the JSON values of a repository are many small
/// allocations, a fifth of a `seam check`'s time with the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let code = cli::run();
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
