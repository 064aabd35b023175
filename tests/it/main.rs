//! The one integration test binary.

mod cli;
mod hostile;
mod loader;
mod own_schemas;
mod policy;
mod verify;
