//! The one integration test binary.

mod cli;
mod hostile;
mod loader;
mod own_schemas;
mod report_formats;
mod verify;
