//! Parallel work over a stream of inputs, delivered in input order.
//!
//! One thread produces items (a [`walk`](super::input::walk)), worker
//! threads do the work on each, and the calling thread consumes the results
//! in input order through a small reorder buffer. Workers are started as
//! items come, one more only when every worker started is busy, up to
//! [`jobs`]: a run of one input starts one worker however many jobs were
//! asked for. At most `window` items are in flight (queued, being worked
//! on, or waiting for an earlier one), so memory stays bounded however many
//! inputs there are, and the output is the same whatever the number of jobs.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

/// The most jobs that help, per core: the work is parsing, bound by the
/// processor (the one producer thread does the reading), so threads beyond
/// the cores only take turns.
pub const JOBS_PER_CORE: usize = 2;

/// The number of worker threads a run may start for `requested` jobs: all
/// cores when `None`, never more than [`JOBS_PER_CORE`] times the cores.
pub fn jobs(requested: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    requested
        .unwrap_or(cores)
        .clamp(1, cores.saturating_mul(JOBS_PER_CORE))
}

/// Runs `work` on every item that `produce` hands over, on at most
/// [`jobs`]`(jobs)` threads, started as the items come, and calls `consume`
/// with the results in the order the items were produced. An error from
/// `consume` stops the producer and is returned once the work in flight has
/// drained.
///
/// # Errors
///
/// The first error `consume` returned.
pub fn run_ordered<I, T, E>(
    jobs: Option<usize>,
    produce: impl FnOnce(&mut dyn FnMut(I) -> ControlFlow<()>) -> ControlFlow<()> + Send,
    work: impl Fn(I) -> T + Send + Sync,
    mut consume: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send + 'static,
    T: Send + 'static,
{
    let threads = self::jobs(jobs);
    let window = 4 * threads + 4;
    // Tokens bound the items in flight: the producer takes one per item,
    // the consumer gives it back when the item's result is consumed.
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        let _ = token_tx.send(());
    }
    let (result_tx, result_rx) = mpsc::channel::<(usize, T)>();
    let (job_tx, job_rx) = mpsc::channel::<(usize, I)>();
    let queue = Queue {
        jobs: Mutex::new(job_rx),
        queued: AtomicUsize::new(0),
        idle: AtomicUsize::new(0),
    };
    let (work, queue) = (&work, &queue);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut index = 0usize;
            let mut started = 0usize;
            let mut limit = threads;
            let _ = produce(&mut |item| {
                if token_rx.recv().is_err() {
                    return ControlFlow::Break(());
                }
                let i = index;
                index += 1;
                let queued = queue.queued.fetch_add(1, Ordering::SeqCst) + 1;
                if started < limit && queued > queue.idle.load(Ordering::SeqCst) {
                    let tx = result_tx.clone();
                    let spawned = std::thread::Builder::new()
                        .name("paper-digest-worker".to_owned())
                        .spawn_scoped(scope, move || queue.serve(work, &tx));
                    match spawned {
                        Ok(_) => started += 1,
                        // No more threads to be had: those started do the work.
                        Err(_) => limit = started,
                    }
                }
                if started == 0 {
                    // Not one thread could start: work in this one.
                    queue.queued.fetch_sub(1, Ordering::SeqCst);
                    let _ = result_tx.send((i, work(item)));
                } else {
                    // The receiver is gone only when every worker is.
                    let _ = job_tx.send((i, item));
                }
                ControlFlow::Continue(())
            });
            // `job_tx` and `result_tx` drop here: idle workers end, and the
            // consumer ends once the last result is in.
        });

        // Owned here, so that an early return drops them: the producer then
        // stops at its next token, and the scope waits for the work in flight.
        consume_in_order(result_rx, token_tx, &mut consume)
    })
}

/// The items waiting for a worker, and how many workers wait for an item.
struct Queue<I> {
    jobs: Mutex<mpsc::Receiver<(usize, I)>>,
    /// Items sent and not yet taken by a worker.
    queued: AtomicUsize,
    /// Workers waiting for an item.
    idle: AtomicUsize,
}

impl<I> Queue<I> {
    /// A worker: takes items until the producer is done, sending each result.
    fn serve<T>(&self, work: &impl Fn(I) -> T, results: &mpsc::Sender<(usize, T)>) {
        loop {
            self.idle.fetch_add(1, Ordering::SeqCst);
            let next = match self.jobs.lock() {
                Ok(jobs) => jobs.recv(),
                Err(_) => return,
            };
            self.idle.fetch_sub(1, Ordering::SeqCst);
            let Ok((i, item)) = next else {
                return;
            };
            self.queued.fetch_sub(1, Ordering::SeqCst);
            // The receiver is gone only when consuming failed.
            let _ = results.send((i, work(item)));
        }
    }
}

fn consume_in_order<T, E>(
    results: mpsc::Receiver<(usize, T)>,
    tokens: mpsc::SyncSender<()>,
    consume: &mut impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let mut pending = BTreeMap::new();
    let mut next = 0usize;
    for (i, value) in results.iter() {
        pending.insert(i, value);
        while let Some(value) = pending.remove(&next) {
            next += 1;
            consume(value)?;
            let _ = tokens.send(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_jobs() {
        for jobs in [1, 2, 4] {
            let mut seen = Vec::new();
            let result: Result<(), ()> = run_ordered(
                Some(jobs),
                |emit| {
                    for i in 0..200u64 {
                        emit(i)?;
                    }
                    ControlFlow::Continue(())
                },
                |i| {
                    // Uneven work, so completion order differs from input order.
                    std::thread::sleep(std::time::Duration::from_micros((200 - i) % 7 * 50));
                    i * 2
                },
                |v| {
                    seen.push(v);
                    Ok(())
                },
            );
            assert_eq!(result, Ok(()));
            assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    /// The threads of this process, from `/proc` (Linux only).
    #[cfg(target_os = "linux")]
    fn threads_now() -> usize {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with("Threads:")).unwrap();
        line["Threads:".len()..].trim().parse().unwrap()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn threads_start_as_inputs_come_not_up_front() {
        // Two thousand jobs asked for, three inputs: the work sees the
        // process with a handful of threads more than the test harness
        // has, not two thousand.
        let mut most = 0;
        let result: Result<(), ()> = run_ordered(
            Some(2000),
            |emit| {
                for i in 0..3u64 {
                    emit(i)?;
                }
                ControlFlow::Continue(())
            },
            |i| (i, threads_now()),
            |(_, threads)| {
                most = most.max(threads);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert!(most < 200, "{most} threads for 3 inputs");
    }

    #[test]
    fn a_consumer_error_stops_the_producer() {
        let produced = std::sync::atomic::AtomicUsize::new(0);
        let result = run_ordered(
            Some(2),
            |emit| {
                for i in 0..1_000_000u64 {
                    produced.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    emit(i)?;
                }
                ControlFlow::Continue(())
            },
            |i| i,
            |v| if v == 10 { Err("stop") } else { Ok(()) },
        );
        assert_eq!(result, Err("stop"));
        // Bounded by the window, far from the million offered.
        assert!(produced.load(std::sync::atomic::Ordering::Relaxed) < 100);
    }
}
