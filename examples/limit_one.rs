//! Parses one of issue 12's hostile shapes once, for a profiler:
//!
//! ```text
//! cargo build --release --example limit_one
//! perf record target/release/examples/limit_one "<p>x</p>" 32
//! ```
//!
//! The first argument is part of a shape's name (`tests/memory/shapes.rs`),
//! the second the size in MiB (default 1). Prints the time and the first
//! warnings.

#[path = "../tests/memory/shapes.rs"]
mod shapes;

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let mib: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let Some(shape) = shapes::ALL.iter().find(|s| s.name.contains(&name)) else {
        eprintln!("no shape named like {name:?}");
        std::process::exit(2);
    };
    let input = shape.build(mib << 20);
    let t = std::time::Instant::now();
    let result = paper_digest::parse_bytes(&input);
    eprintln!("{}: {} bytes in {:?}", shape.name, input.len(), t.elapsed());
    match result {
        Ok(d) => {
            for w in d.warnings.iter().take(5) {
                eprintln!("{:?}: {}", w.code, w.message);
            }
        }
        Err(e) => eprintln!("error: {e}"),
    }
}
