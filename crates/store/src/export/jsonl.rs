//! JSON Lines export: one `EventRecord` object per line, with the cluster's fields alongside
//! when the record stands for a deduplicated event. `import --format jsonl` reads it back.

use super::{ClusterFields, ExportError, ExportSummary, Exported};
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

/// Writes every record as one JSON line. The writer is not flushed per line: wrap files in a
/// `BufWriter`.
pub fn write<W: Write, I>(out: &mut W, records: I) -> Result<ExportSummary, ExportError>
where
    I: IntoIterator,
    I::Item: Into<Exported>,
{
    let mut summary = ExportSummary::default();
    for item in records {
        write_one(out, &item.into())?;
        summary.records += 1;
    }
    out.flush()?;
    Ok(summary)
}

/// Writes one record as one JSON line, without flushing.
pub fn write_one<W: Write>(out: &mut W, item: &Exported) -> Result<(), ExportError> {
    let line = Line { record: &item.record, cluster: item.cluster.as_ref() };
    serde_json::to_writer(&mut *out, &line)
        .map_err(|source| ExportError::Json { article_id: item.record.article_id.clone(), source })?;
    out.write_all(b"\n")?;
    Ok(())
}
