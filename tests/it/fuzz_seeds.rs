//! Runs the fuzz target bodies over the committed seeds (`fuzz/seeds/`).

#[test]
fn fuzz_bodies_hold_on_seeds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut count = 0;
    for dir in ["yaml", "json"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let data = std::fs::read(entry.unwrap().path()).unwrap();
            seam::fuzzing::parse_document(&data);
            seam::fuzzing::load_contract(&data);
            count += 1;
        }
    }
    assert!(count >= 6, "seeds missing: {count}");
}

#[test]
fn the_engine_fuzz_body_holds_on_its_seeds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/engine");
    let mut count = 0;
    let mut entries: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let data = std::fs::read(&path).unwrap();
        seam::fuzzing::engine_pair(&data);
        count += 1;
    }
    assert!(count >= 14, "seeds missing: {count}");
    // Generated pairs over a spread of byte strings (the fuzzer's input space).
    for seed in 0u32..200 {
        let data: Vec<u8> = (0..96u32)
            .map(|i| {
                u8::try_from(
                    (seed
                        .wrapping_mul(2_654_435_761)
                        .wrapping_add(i.wrapping_mul(40_503))
                        >> 7)
                        & 0xff,
                )
                .unwrap_or(0)
            })
            .collect();
        seam::fuzzing::engine_pair(&data);
    }
}
