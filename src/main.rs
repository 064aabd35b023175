//! The `seam` binary: parse arguments, call the library, map the outcome to an exit code.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = cli::run();
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
