//! JSON Lines export: one `EventRecord` object per line, with the cluster's fields alongside
//! when the record stands for a deduplicated event. `import --format jsonl` reads it back.

use super::{ClusterFields, EventSink, ExportError, ExportSummary, Exported};
use crate::EventRecord;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    record: &'a EventRecord,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    cluster: Option<&'a ClusterFields>,
}

/// The JSON Lines exporter as a sink. The writer is not flushed per line: wrap files in a
/// `BufWriter`.
pub struct JsonLinesSink<W: Write> {
    out: W,
    summary: ExportSummary,
}

impl<W: Write> JsonLinesSink<W> {
    pub fn new(out: W) -> JsonLinesSink<W> {
        JsonLinesSink { out, summary: ExportSummary::default() }
    }

    /// The writer, once the sink is finished.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> EventSink for JsonLinesSink<W> {
    fn accept(&mut self, event: &Exported) -> Result<(), ExportError> {
        write_one(&mut self.out, event)?;
        self.summary.records += 1;
        Ok(())
    }

    fn finish(&mut self) -> Result<ExportSummary, ExportError> {
        self.out.flush()?;
        Ok(self.summary)
    }
}

/// Writes every record as one JSON line, then flushes.
pub fn write<W: Write, I>(out: &mut W, records: I) -> Result<ExportSummary, ExportError>
where
    I: IntoIterator,
    I::Item: Into<Exported>,
{
    let mut sink = JsonLinesSink::new(out);
    for item in records {
        sink.accept(&item.into())?;
    }
    sink.finish()
}

/// Writes one record as one JSON line, without flushing.
pub fn write_one<W: Write>(out: &mut W, item: &Exported) -> Result<(), ExportError> {
    let line = Line { record: &item.record, cluster: item.cluster.as_ref() };
    serde_json::to_writer(&mut *out, &line).map_err(|source| {
        // A failed write (a closed pipe, a full disk) stays an I/O error, with its kind.
        if source.is_io() {
            ExportError::Io(source.into())
        } else {
            ExportError::Json { article_id: item.record.article_id.clone(), source }
        }
    })?;
    out.write_all(b"\n")?;
    Ok(())
}
