//! The one integration test binary.

mod cli;
mod fuzz_seeds;
mod hostile;
mod loader;
mod own_schemas;
mod verify;
