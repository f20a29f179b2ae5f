//! Reading and parsing on a thread of their own while the caller stores: a bulk import spends
//! about a sixth of its time turning lines into records and the rest in SQLite, and the two need
//! not wait for each other on a machine with a second core.
//!
//! The rows reach the sink in file order, exactly as [`import_reader`](super::import_reader) hands them over; the
//! report is the same. When the sink fails, the parsing thread is told by the closed channel and
//! stops at its next batch.

use super::{import_numbered, Format, ImportError, ImportReport, SinkError};
use crate::EventRecord;
use std::io::BufRead;
use std::sync::mpsc::{sync_channel, SyncSender};

/// Records per message between the threads: enough that the channel costs nothing per row.
const BATCH: usize = 4096;
/// Batches parsed ahead of the sink, at most: bounds the memory a slow sink lets pile up.
const AHEAD: usize = 4;

/// [`import_reader`](super::import_reader) with the reading and parsing on a second thread.
pub fn import_reader_pipelined(
    reader: impl BufRead + Send,
    file: &str,
    format: Option<Format>,
    sink: &mut dyn FnMut(EventRecord) -> Result<(), SinkError>,
) -> Result<ImportReport, ImportError> {
    let (sender, receiver) = sync_channel::<Vec<(u64, EventRecord)>>(AHEAD);
    std::thread::scope(|scope| {
        let parsing = scope.spawn(move || parse_into(reader, file, format, sender));
        let mut stored = Ok(());
        for batch in receiver.iter() {
            for (line, record) in batch {
                if let Err(cause) = sink(record) {
                    stored = Err(ImportError::Sink { file: file.to_string(), line, cause });
                    break;
                }
            }
            if stored.is_err() {
                break;
            }
        }
        // Dropping the receiver ends the parsing thread's next send, if the sink failed.
        drop(receiver);
        let parsed = parsing.join().unwrap_or_else(|_| {
            Err(ImportError::Sink { file: file.to_string(), line: 0, cause: "the parsing thread panicked".into() })
        });
        stored?;
        parsed
    })
}

fn parse_into(
    reader: impl BufRead,
    file: &str,
    format: Option<Format>,
    sender: SyncSender<Vec<(u64, EventRecord)>>,
) -> Result<ImportReport, ImportError> {
    let mut batch = Vec::with_capacity(BATCH);
    let report = import_numbered(reader, file, format, &mut |line, record| {
        batch.push((line, record));
        if batch.len() == BATCH {
            sender.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).map_err(|_| "the store stopped")?;
        }
        Ok(())
    })?;
    if !batch.is_empty() {
        // A closed channel means the sink failed: its error is the one reported.
        let _ = sender.send(batch);
    }
    Ok(report)
}
