//! Every hostile shape of issue 12 at the input limit (32 MiB): time,
//! throughput and peak memory as a multiple of the input, printed with the
//! targets (>= 20 MB/s, <= 8x the input).
//!
//! A bench binary rather than a criterion group: one parse of 32 MiB takes
//! around a second, so each shape runs a few times (`LIMIT_RUNS`, default 3)
//! and the median is printed. Peak memory is the counting allocator's peak
//! during the first run, beyond what was live before it (the input itself is
//! not counted). `LIMIT_MIB` sets the size (default 32), `LIMIT_ONLY` a
//! substring of the shape names to run. Beside the wall-clock MB/s it prints
//! MB/s of the process's CPU time, which holds when other work shares the
//! cores (the verdict uses the wall clock).
//!
//! ```text
//! cargo bench --bench limit
//! LIMIT_MIB=8 LIMIT_ONLY=html cargo bench --bench limit
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use peak_alloc::PeakAlloc;

#[global_allocator]
static PEAK: PeakAlloc = PeakAlloc;

#[path = "../tests/memory/shapes.rs"]
mod shapes;

/// This process's user and system CPU time in seconds, from
/// `/proc/self/stat` (Linux; 10 ms ticks): what the parse costs when other
/// processes share the cores.
fn cpu_time() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which may hold spaces) in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument selects shapes too.
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .or_else(|| std::env::var("LIMIT_ONLY").ok());
    let mib: usize = std::env::var("LIMIT_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32);
    let runs: usize = std::env::var("LIMIT_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let size = mib << 20;
    // Build the lazily initialized tables once, outside the measurement.
    let _ = paper_digest::parse("7 Papers & Radios | x\n论文 1：T\n");
    let _ =
        paper_digest::parse_bytes(b"<p>7 Papers & Radios | x</p><p>\xe8\xae\xba\xe6\x96\x87 1</p>");
    println!(
        "\n{:28} {:>9} {:>10} {:>9} {:>9} {:>10} {:>8}  outcome (targets: >= 20 MB/s, <= 8x)",
        "shape", "input", "median", "MB/s", "CPU MB/s", "peak", "x input"
    );
    for shape in shapes::ALL {
        if filter.as_deref().is_some_and(|f| !shape.name.contains(f)) {
            continue;
        }
        let input = shape.build(size);
        let before = PEAK.current_usage();
        PEAK.reset_peak_usage();
        let mut times = Vec::with_capacity(runs);
        let mut cpu = Vec::with_capacity(runs);
        let (t, c) = (Instant::now(), cpu_time());
        let first = paper_digest::parse_bytes(black_box(&input));
        times.push(t.elapsed());
        cpu.push(cpu_time().zip(c).map(|(b, a)| b - a));
        let peak = PEAK.peak_usage().saturating_sub(before);
        let outcome = match &first {
            Ok(d) => format!(
                "{} papers, {} lists, {} warnings",
                d.papers.len(),
                d.radio.len(),
                d.warnings.len()
            ),
            Err(e) => format!("error: {e}"),
        };
        drop(first);
        for _ in 1..runs {
            let (t, c) = (Instant::now(), cpu_time());
            drop(black_box(paper_digest::parse_bytes(black_box(&input))));
            times.push(t.elapsed());
            cpu.push(cpu_time().zip(c).map(|(b, a)| b - a));
        }
        times.sort();
        let cpu: Option<Vec<f64>> = cpu.into_iter().collect();
        let cpu_mbs = cpu.map_or("-".to_owned(), |mut cpu| {
            cpu.sort_by(f64::total_cmp);
            format!(
                "{:.1}",
                input.len() as f64 / cpu[cpu.len() / 2].max(0.01) / 1e6
            )
        });
        let median: Duration = times[times.len() / 2];
        let mbs = input.len() as f64 / median.as_secs_f64() / 1e6;
        let factor = peak as f64 / input.len() as f64;
        let verdict = if mbs >= 20.0 && factor <= 8.0 {
            "meets"
        } else {
            "MISSES"
        };
        println!(
            "{:28} {:>7.1}MB {:>8.0}ms {:>9.1} {cpu_mbs:>9} {:>8.0}MB {:>7.2}x  {verdict}; {outcome}",
            shape.name,
            input.len() as f64 / 1e6,
            median.as_secs_f64() * 1e3,
            mbs,
            peak as f64 / 1e6,
            factor,
        );
    }
}
