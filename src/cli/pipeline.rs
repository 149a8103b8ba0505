//! Parallel work over a stream of inputs, delivered in input order.
//!
//! One thread produces items (a [`walk`](super::input::walk)), a rayon pool
//! does the work on each, and the calling thread consumes the results in
//! input order through a small reorder buffer. At most `window` items are in
//! flight (queued, being worked on, or waiting for an earlier one), so
//! memory stays bounded however many inputs there are, and the output is
//! the same whatever the number of jobs.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::mpsc;

/// Runs `work` on every item that `produce` hands over, on `jobs` threads
/// (all cores when `None`), and calls `consume` with the results in the
/// order the items were produced. An error from `consume` stops the
/// producer and is returned once the work in flight has drained.
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build();
    let threads = pool
        .as_ref()
        .map_or(1, rayon::ThreadPool::current_num_threads);
    let window = 4 * threads + 4;
    // Tokens bound the items in flight: the producer takes one per item,
    // the consumer gives it back when the item's result is consumed.
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        let _ = token_tx.send(());
    }
    let (result_tx, result_rx) = mpsc::channel::<(usize, T)>();
    let work = &work;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut index = 0usize;
            let mut next_index = || {
                index += 1;
                index - 1
            };
            match &pool {
                Ok(pool) => pool.in_place_scope(|sc| {
                    produce(&mut |item| {
                        if token_rx.recv().is_err() {
                            return ControlFlow::Break(());
                        }
                        let (tx, i) = (result_tx.clone(), next_index());
                        sc.spawn(move |_| {
                            // The receiver is gone only when consuming failed.
                            let _ = tx.send((i, work(item)));
                        });
                        ControlFlow::Continue(())
                    })
                }),
                // No pool (threads could not start): work in this thread.
                Err(_) => produce(&mut |item| {
                    if token_rx.recv().is_err() {
                        return ControlFlow::Break(());
                    }
                    let _ = result_tx.send((next_index(), work(item)));
                    ControlFlow::Continue(())
                }),
            }
        });

        // Owned here, so that an early return drops them: the producer then
        // stops at its next token, and the scope waits for the work in flight.
        consume_in_order(result_rx, token_tx, &mut consume)
    })
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
