#![no_main]
//! The compatibility engine on pairs of generated schemas: no panic, no answer past the budget,
//! every counterexample re-validated.
libfuzzer_sys::fuzz_target!(|data: &[u8]| seam::fuzzing::engine_pair(data));
