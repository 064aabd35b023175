//! The contract repository: model types, loading with positions, and the loaded repository.

pub mod cache;
pub mod docs;
pub mod load;
pub mod model;
pub mod prepared;
pub mod repo;
pub mod schemas;
