//! The one integration test binary.

mod diff_cli;
mod engine_props;
