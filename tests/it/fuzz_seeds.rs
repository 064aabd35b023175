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
