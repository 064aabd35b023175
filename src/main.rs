//! The `seam` binary: parse arguments, call the library, map the outcome to an exit code.

mod cli;

use std::io::Write as _;
use std::process::ExitCode;

/// mimalloc: the compatibility proofs and the JSON values of a repository are many small
/// allocations, a fifth of a `seam check`'s time with the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // The work runs on a thread with a large stack (as do rayon's workers, see `cli::run`), so
    // the parsers' and the engine's deep recursion runs in place rather than on a stack
    // allocated for each file or question.
    let code = std::thread::Builder::new()
        .name("seam".to_owned())
        .stack_size(seam::source::WORKER_STACK_BYTES)
        .spawn(cli::run)
        .map(std::thread::JoinHandle::join);
    match code {
        Ok(Ok(code)) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        // The work panicked (its message is printed already): as a panic in `main` would.
        Ok(Err(_)) => ExitCode::from(101),
        Err(e) => {
            let _ = writeln!(
                anstream::stderr(),
                "error: seam could not start its work thread: {e}"
            );
            ExitCode::from(2)
        }
    }
}
