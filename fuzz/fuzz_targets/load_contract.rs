#![no_main]
//! `contract.yaml` loading: format validation and error positions.
libfuzzer_sys::fuzz_target!(|data: &[u8]| seam::fuzzing::load_contract(data));
