//! The one integration test binary.

mod action;
mod check;
mod cli;
mod diff_cli;
mod engine_deep;
mod engine_props;
mod engine_shapes;
mod engine_unions;
mod fooled;
mod fuzz_seeds;
mod gate;
mod governance;
mod hostile;
mod hostile_engine;
mod html;
mod incremental;
mod index_plan;
mod loader;
mod ndjson;
mod own_schemas;
mod policy;
mod refs;
mod report_formats;
mod rules;
mod scale;
mod verify;
