//! The tests that measure memory: a counting global allocator ([`PEAK`])
//! whose peak is process-wide, so they are a crate of their own, apart from
//! `tests/it/`, and each holds [`alone`] while it runs (input building
//! included), so that no other test's allocations show up in its figures.

mod archive_memory;
mod hostile;
mod shapes;
mod warc_memory;

use std::sync::{Mutex, MutexGuard, PoisonError};

use peak_alloc::PeakAlloc;

#[global_allocator]
static PEAK: PeakAlloc = PeakAlloc;

/// The plain-text seed digest every fixture is derived from.
const SEED: &str = include_str!("../fixtures/seed-2022-04-10.txt");

static ALONE: Mutex<()> = Mutex::new(());

/// Held by every test of this crate from its first line: one test measures
/// at a time (a failed test's poison is ignored).
fn alone() -> MutexGuard<'static, ()> {
    ALONE.lock().unwrap_or_else(PoisonError::into_inner)
}
