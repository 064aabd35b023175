#![no_main]
//! YAML and JSON parsing with positions.
libfuzzer_sys::fuzz_target!(|data: &[u8]| seam::fuzzing::parse_document(data));
