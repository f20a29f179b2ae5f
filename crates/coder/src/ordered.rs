//! Work on several threads with results in input order: the pool `tripwire code --jobs N` codes
//! articles with. Items are read on the calling thread, handed out in small batches to workers
//! (each with its own scratch state, such as a [`crate::Workspace`]), and the results given to one
//! sink thread strictly in input order, so the output is the same for any number of workers.
//!
//! Memory stays bounded however uneven the items: at most a fixed number of batches are out
//! (handed to workers or finished but waiting for an earlier one), and reading waits for the sink.

use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

/// How to share out the work.
#[derive(Clone, Copy, Debug)]
pub struct Pool {
    /// Worker threads; 1 runs everything on the calling thread.
    pub jobs: usize,
    /// Items per batch: enough to make handing out cheap, few enough to keep workers even.
    pub batch: usize,
}

impl Pool {
    /// `jobs` workers (0: one per core) with batches of 16.
    pub fn new(jobs: usize) -> Pool {
        let jobs = if jobs == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { jobs };
        Pool { jobs, batch: 16 }
    }

    /// Runs `work` over `items` and gives each result to `sink` in input order. Stops at the
    /// first error of `sink`, which is returned; items not yet read are left unread.
    pub fn run<T, R, S, E>(
        &self,
        items: impl Iterator<Item = T>,
        work: impl Fn(&mut S, T) -> R + Sync,
        mut sink: impl FnMut(R) -> Result<(), E> + Send,
    ) -> Result<(), E>
    where
        T: Send,
        R: Send,
        S: Default,
        E: Send,
    {
        if self.jobs <= 1 {
            let mut state = S::default();
            for item in items {
                sink(work(&mut state, item))?;
            }
            return Ok(());
        }
        let batch = self.batch.max(1);
        let in_flight = 2 * self.jobs + 2;
        let (job_tx, job_rx) = sync_channel::<(u64, Vec<T>)>(self.jobs);
        let (done_tx, done_rx) = sync_channel::<(u64, std::thread::Result<Vec<R>>)>(in_flight);
        // One credit per batch that may be out; the sink returns one for each batch it finishes.
        let (credit_tx, credit_rx) = sync_channel::<()>(in_flight);
        for _ in 0..in_flight {
            let _ = credit_tx.send(());
        }
        let job_rx = Arc::new(Mutex::new(job_rx));
        std::thread::scope(|scope| {
            let writer = scope.spawn(move || -> Result<(), E> {
                let mut waiting: BTreeMap<u64, Vec<R>> = BTreeMap::new();
                let mut next = 0u64;
                for (number, results) in done_rx {
                    // A worker's panic ends the run here: dropping the channels stops the others
                    // and the feeder, and the scope passes the panic on.
                    let results = results.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    waiting.insert(number, results);
                    while let Some(results) = waiting.remove(&next) {
                        for result in results {
                            sink(result)?;
                        }
                        next += 1;
                        let _ = credit_tx.send(());
                    }
                }
                Ok(())
            });
            for _ in 0..self.jobs {
                let (job_rx, done_tx, work) = (Arc::clone(&job_rx), done_tx.clone(), &work);
                scope.spawn(move || {
                    let mut state = S::default();
                    work_batches(&job_rx, |(number, items): (u64, Vec<T>)| {
                        let results = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            items.into_iter().map(|item| work(&mut state, item)).collect::<Vec<R>>()
                        }));
                        let panicked = results.is_err();
                        done_tx.send((number, results)).is_ok() && !panicked
                    })
                });
            }
            // Only the workers hold the job queue now, so it closes when they have all stopped
            // and the feeder cannot wait on it for ever.
            drop(job_rx);
            drop(done_tx);
            feed(items, batch, &job_tx, &credit_rx);
            drop(job_tx);
            writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

/// Hands out `items` in numbered batches while credits last; stops when the workers or the sink
/// have gone.
fn feed<T>(
    items: impl Iterator<Item = T>,
    batch: usize,
    job_tx: &std::sync::mpsc::SyncSender<(u64, Vec<T>)>,
    credits: &Receiver<()>,
) {
    let mut items = items.peekable();
    let mut number = 0u64;
    while items.peek().is_some() {
        if credits.recv().is_err() {
            return;
        }
        let chunk: Vec<T> = items.by_ref().take(batch).collect();
        if job_tx.send((number, chunk)).is_err() {
            return;
        }
        number += 1;
    }
}

/// Takes batches until there are none or `handle` says to stop.
fn work_batches<J>(jobs: &Mutex<Receiver<J>>, mut handle: impl FnMut(J) -> bool) {
    loop {
        // A poisoned lock means another worker panicked; the scope reports that panic.
        let job = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        if !handle(job) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pool;

    fn squares(jobs: usize, batch: usize, n: u64) -> Vec<u64> {
        let mut out = Vec::new();
        Pool { jobs, batch }
            .run(
                0..n,
                |calls: &mut u64, x| {
                    *calls += 1;
                    // Uneven work, so batches finish out of order.
                    if x % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    x * x
                },
                |y| {
                    out.push(y);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
        out
    }

    #[test]
    fn results_come_in_input_order_for_any_pool() {
        let expected: Vec<u64> = (0..500).map(|x| x * x).collect();
        for (jobs, batch) in [(1, 16), (2, 1), (3, 4), (4, 16)] {
            assert_eq!(squares(jobs, batch, 500), expected, "jobs {jobs} batch {batch}");
        }
    }

    #[test]
    fn a_worker_panic_reaches_the_caller() {
        let run = std::panic::catch_unwind(|| {
            Pool { jobs: 2, batch: 1 }.run(
                0..1_000u32,
                |_: &mut (), x| if x == 50 { panic!("item 50") } else { x },
                |_| Ok::<(), ()>(()),
            )
        });
        assert!(run.is_err());
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let mut seen = 0;
        let result = Pool { jobs: 3, batch: 2 }.run(
            0..10_000u32,
            |_: &mut (), x| x,
            |x| {
                seen += 1;
                if x == 100 {
                    Err(x)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err(100));
        assert_eq!(seen, 101);
    }
}
