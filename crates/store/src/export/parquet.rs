//! Parquet export: event records written as hive-style partitions by date
//! (`date=2025-06-14/part-00000.parquet`), one flat column per [`EventRecord`] field, so Spark,
//! DuckDB, pandas or Polars read the store without tripwire. `docs/parquet-schema.md` is the
//! column reference; [`read_partitioned`] reads such a folder back into records.
//!
//! Memory stays bounded whatever the input order: each open partition buffers at most one Arrow
//! batch plus the row group its writer is filling, and at most
//! [`ParquetOptions::max_open_partitions`] partitions are open at once. Input that jumps between
//! dates closes the least recently used partition file and opens a new part file when that date
//! returns. A file is written under a hidden `.…inprogress` name and renamed when complete, so a
//! crash never leaves a truncated file that readers would pick up.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{Float32Builder, Float64Builder, Int32Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Float64Type, Int32Type, Int64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::{EventSink, ExportError, ExportSummary, Exported};
use crate::record::{EventRecord, LocationRecord, Origin};

/// The name of the hive partition column; its value is in the folder name, not in the files.
pub const PARTITION_COLUMN: &str = "date";

/// Rows buffered per partition before they are handed to the Parquet writer as one Arrow batch.
const BATCH_ROWS: usize = 4096;

/// A row group is also closed at this estimated size, so long sentences cannot grow one unbounded.
const ROW_GROUP_BYTES: usize = 64 << 20;

/// What to do when the output folder already holds partitions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WriteMode {
    /// Refuse, before writing anything, if the folder already holds any `date=…` partition.
    #[default]
    ErrorIfExists,
    /// Add new part files beside existing ones (numbered after them); nothing is removed.
    Append,
    /// Replace the partitions this export writes (their old Parquet files are removed when the
    /// partition is first opened); partitions for other dates are left as they are.
    Overwrite,
}

/// How [`write_partitioned_with`] writes.
#[derive(Clone, Copy, Debug)]
pub struct ParquetOptions {
    pub mode: WriteMode,
    /// Rows per Parquet row group (the unit readers skip or read in parallel).
    pub rows_per_group: usize,
    /// Partition files kept open at once; more dates than this in interleaved input means more,
    /// smaller part files rather than more memory.
    pub max_open_partitions: usize,
}

impl Default for ParquetOptions {
    fn default() -> Self {
        ParquetOptions { mode: WriteMode::ErrorIfExists, rows_per_group: 65_536, max_open_partitions: 4 }
    }
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParquetSummary {
    /// Part files written.
    pub files: usize,
    /// Event rows written.
    pub rows: u64,
    /// Distinct dates (partition folders) written to.
    pub partitions: usize,
    /// Bytes of the part files written.
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ParquetError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Parquet { path: PathBuf, source: parquet::errors::ParquetError },
    #[error("{path}: {source}")]
    Arrow { path: PathBuf, source: ArrowError },
    #[error("{path}: already holds date partitions; choose an empty folder, or append or overwrite explicitly")]
    PartitionsExist { path: PathBuf },
    #[error("{path}: row {row}: {message}")]
    BadRow { path: PathBuf, row: usize, message: String },
    #[error("{path}: {message}")]
    Layout { path: PathBuf, message: String },
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> ParquetError + '_ {
    move |source| ParquetError::Io { path: path.to_path_buf(), source }
}

fn parquet_error(path: &Path) -> impl FnOnce(parquet::errors::ParquetError) -> ParquetError + '_ {
    move |source| ParquetError::Parquet { path: path.to_path_buf(), source }
}

fn arrow_error(path: &Path) -> impl FnOnce(ArrowError) -> ParquetError + '_ {
    move |source| ParquetError::Arrow { path: path.to_path_buf(), source }
}

/// The columns of every part file, in order. The partition column `date` is not among them: it
/// is the folder name, as Spark and Hive write it.
pub fn schema() -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    Arc::new(Schema::new(vec![
        text("origin", false),
        text("article_id", false),
        Field::new("sentence_index", DataType::Int64, true),
        Field::new("span_start", DataType::Int64, true),
        Field::new("span_end", DataType::Int64, true),
        text("sentence", true),
        text("source_code", false),
        text("target_code", false),
        text("source_country", true),
        text("target_country", true),
        text("source_text", true),
        text("target_text", true),
        text("event_code", false),
        text("event_root", false),
        Field::new("goldstein", DataType::Float32, true),
        Field::new("quad_class", DataType::Int32, true),
        text("plover_event", true),
        text("location_name", true),
        text("location_country", true),
        Field::new("location_lat", DataType::Float64, true),
        Field::new("location_lon", DataType::Float64, true),
        text("location_precision", true),
        Field::new("location_geonames_id", DataType::Int64, true),
        text("outlet", true),
        text("url", true),
        Field::new("issues", DataType::List(issue_field()), false),
        text("matched", true),
    ]))
}

fn issue_field() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Utf8, false))
}

/// Writes `records` under `dir` as `date=YYYY-MM-DD/part-NNNNN.parquet`, refusing a folder that
/// already holds partitions ([`WriteMode::ErrorIfExists`]).
pub fn write_partitioned(
    dir: &Path,
    records: impl IntoIterator<Item = EventRecord>,
) -> Result<ParquetSummary, ParquetError> {
    write_partitioned_with(dir, records, ParquetOptions::default())
}

/// [`write_partitioned`] with a chosen [`WriteMode`], row-group size and open-file bound.
pub fn write_partitioned_with(
    dir: &Path,
    records: impl IntoIterator<Item = EventRecord>,
    options: ParquetOptions,
) -> Result<ParquetSummary, ParquetError> {
    let mut sink = ParquetSink::create(dir, options)?;
    for record in records {
        sink.push(&record)?;
    }
    sink.close()
}

/// The Parquet exporter as a sink: records pushed one at a time, partitions published when it
/// is closed. Dropped unclosed (an error upstream), it removes the files it was still writing and
/// keeps the part files already completed.
pub struct ParquetSink {
    export: Export,
    closed: bool,
}

impl ParquetSink {
    /// Starts an export into `dir` (created if missing), refusing a folder that already holds
    /// partitions under [`WriteMode::ErrorIfExists`] before writing anything.
    pub fn create(dir: &Path, options: ParquetOptions) -> Result<ParquetSink, ParquetError> {
        if options.mode == WriteMode::ErrorIfExists && !existing_partitions(dir)?.is_empty() {
            return Err(ParquetError::PartitionsExist { path: dir.to_path_buf() });
        }
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        Ok(ParquetSink { export: Export::new(dir, options), closed: false })
    }

    pub fn push(&mut self, record: &EventRecord) -> Result<(), ParquetError> {
        self.export.push(record)
    }

    /// Writes what is buffered, closes every part file and publishes it under its final name.
    pub fn close(&mut self) -> Result<ParquetSummary, ParquetError> {
        self.export.close_all()?;
        self.closed = true;
        Ok(self.export.summary.clone())
    }
}

impl Drop for ParquetSink {
    fn drop(&mut self) {
        if !self.closed {
            self.export.abandon();
        }
    }
}

impl EventSink for ParquetSink {
    fn accept(&mut self, event: &Exported) -> Result<(), ExportError> {
        Ok(self.push(&event.record)?)
    }

    fn finish(&mut self) -> Result<ExportSummary, ExportError> {
        let summary = self.close()?;
        Ok(ExportSummary { records: summary.rows, files: summary.files as u64 })
    }
}

/// The `date=…` partition folders directly under `dir` (none if `dir` does not exist).
fn existing_partitions(dir: &Path) -> Result<Vec<(NaiveDate, PathBuf)>, ParquetError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(dir)(e)),
    };
    let mut partitions = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io_error(dir))?;
        let name = entry.file_name();
        let Some(value) = name.to_str().and_then(|n| n.strip_prefix("date=")) else { continue };
        let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|e| ParquetError::Layout {
            path: entry.path(),
            message: format!("partition folder is not date=YYYY-MM-DD: {e}"),
        })?;
        partitions.push((date, entry.path()));
    }
    partitions.sort();
    Ok(partitions)
}

/// Visible Parquet files in a partition folder; hidden (`.`, `_`) files are in-progress or
/// engine bookkeeping (`_SUCCESS`), which readers skip too.
fn part_files(partition: &Path) -> Result<Vec<PathBuf>, ParquetError> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(partition).map_err(io_error(partition))? {
        let entry = entry.map_err(io_error(partition))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !name.starts_with(['.', '_']) && name.ends_with(".parquet") {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// The number after `part-` in a part file's name, if it has one.
fn part_number(path: &Path) -> Option<usize> {
    let name = path.file_name()?.to_str()?;
    let digits: String = name.strip_prefix("part-")?.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

struct Export {
    dir: PathBuf,
    options: ParquetOptions,
    properties: WriterProperties,
    open: Vec<OpenPart>,
    /// The next part number of each partition touched by this export.
    next_part: HashMap<NaiveDate, usize>,
    clock: u64,
    summary: ParquetSummary,
}

struct OpenPart {
    date: NaiveDate,
    temp_path: PathBuf,
    final_path: PathBuf,
    writer: ArrowWriter<File>,
    batch: BatchBuilder,
    last_used: u64,
}

impl Export {
    fn new(dir: &Path, options: ParquetOptions) -> Export {
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(options.rows_per_group.max(1)))
            .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
            .set_created_by(format!("tripwire {}", env!("CARGO_PKG_VERSION")))
            .build();
        Export {
            dir: dir.to_path_buf(),
            options,
            properties,
            open: Vec::new(),
            next_part: HashMap::new(),
            clock: 0,
            summary: ParquetSummary::default(),
        }
    }

    fn push(&mut self, record: &EventRecord) -> Result<(), ParquetError> {
        self.clock += 1;
        let index = match self.open.iter().position(|p| p.date == record.date) {
            Some(index) => index,
            None => self.open_part(record.date)?,
        };
        let part = &mut self.open[index];
        part.last_used = self.clock;
        part.batch.push(record);
        if part.batch.len >= BATCH_ROWS {
            part.flush_batch()?;
        }
        self.summary.rows += 1;
        Ok(())
    }

    fn open_part(&mut self, date: NaiveDate) -> Result<usize, ParquetError> {
        if self.open.len() >= self.options.max_open_partitions.max(1) {
            let oldest = (0..self.open.len()).min_by_key(|&i| self.open[i].last_used).unwrap_or(0);
            let part = self.open.swap_remove(oldest);
            self.finish(part)?;
        }
        let partition = self.dir.join(format!("{PARTITION_COLUMN}={date}"));
        let number = match self.next_part.get(&date) {
            Some(&number) => number,
            None => self.first_part_number(&partition)?,
        };
        self.next_part.insert(date, number + 1);
        let final_path = partition.join(format!("part-{number:05}.parquet"));
        let temp_path = partition.join(format!(".part-{number:05}.parquet.inprogress"));
        let file = File::create(&temp_path).map_err(io_error(&temp_path))?;
        let writer =
            ArrowWriter::try_new(file, schema(), Some(self.properties.clone())).map_err(parquet_error(&temp_path))?;
        self.open.push(OpenPart {
            date,
            temp_path,
            final_path,
            writer,
            batch: BatchBuilder::default(),
            last_used: self.clock,
        });
        Ok(self.open.len() - 1)
    }

    /// Prepares a partition the first time this export touches it, as the write mode says.
    fn first_part_number(&mut self, partition: &Path) -> Result<usize, ParquetError> {
        self.summary.partitions += 1;
        std::fs::create_dir_all(partition).map_err(io_error(partition))?;
        let existing = part_files(partition)?;
        match self.options.mode {
            WriteMode::Overwrite => {
                for file in existing {
                    std::fs::remove_file(&file).map_err(io_error(&file))?;
                }
                Ok(0)
            }
            // ErrorIfExists was checked up front; a partition folder made since is appended to.
            WriteMode::Append | WriteMode::ErrorIfExists => {
                Ok(existing.iter().filter_map(|f| part_number(f)).max().map_or(0, |n| n + 1))
            }
        }
    }

    fn finish(&mut self, mut part: OpenPart) -> Result<(), ParquetError> {
        part.flush_batch()?;
        part.writer.close().map_err(parquet_error(&part.temp_path))?;
        std::fs::rename(&part.temp_path, &part.final_path).map_err(io_error(&part.final_path))?;
        let size = std::fs::metadata(&part.final_path).map_err(io_error(&part.final_path))?.len();
        self.summary.files += 1;
        self.summary.bytes += size;
        Ok(())
    }

    fn close_all(&mut self) -> Result<(), ParquetError> {
        while let Some(part) = self.open.pop() {
            self.finish(part)?;
        }
        Ok(())
    }

    /// After a failure: removes the files still being written, keeping completed ones.
    fn abandon(&mut self) {
        for part in self.open.drain(..) {
            drop(part.writer);
            // Best effort: the hidden file is ignored by readers even if it cannot be removed.
            let _ = std::fs::remove_file(&part.temp_path);
        }
    }
}

impl OpenPart {
    fn flush_batch(&mut self) -> Result<(), ParquetError> {
        if self.batch.len == 0 {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch).finish().map_err(arrow_error(&self.temp_path))?;
        self.writer.write(&batch).map_err(parquet_error(&self.temp_path))
    }
}

/// Column builders for one batch of rows, in [`schema`] order.
struct BatchBuilder {
    len: usize,
    origin: StringBuilder,
    article_id: StringBuilder,
    sentence_index: Int64Builder,
    span_start: Int64Builder,
    span_end: Int64Builder,
    sentence: StringBuilder,
    source_code: StringBuilder,
    target_code: StringBuilder,
    source_country: StringBuilder,
    target_country: StringBuilder,
    source_text: StringBuilder,
    target_text: StringBuilder,
    event_code: StringBuilder,
    event_root: StringBuilder,
    goldstein: Float32Builder,
    quad_class: Int32Builder,
    plover_event: StringBuilder,
    location_name: StringBuilder,
    location_country: StringBuilder,
    location_lat: Float64Builder,
    location_lon: Float64Builder,
    location_precision: StringBuilder,
    location_geonames_id: Int64Builder,
    outlet: StringBuilder,
    url: StringBuilder,
    issues: ListBuilder<StringBuilder>,
    matched: StringBuilder,
}

impl Default for BatchBuilder {
    fn default() -> Self {
        BatchBuilder {
            len: 0,
            origin: StringBuilder::new(),
            article_id: StringBuilder::new(),
            sentence_index: Int64Builder::new(),
            span_start: Int64Builder::new(),
            span_end: Int64Builder::new(),
            sentence: StringBuilder::new(),
            source_code: StringBuilder::new(),
            target_code: StringBuilder::new(),
            source_country: StringBuilder::new(),
            target_country: StringBuilder::new(),
            source_text: StringBuilder::new(),
            target_text: StringBuilder::new(),
            event_code: StringBuilder::new(),
            event_root: StringBuilder::new(),
            goldstein: Float32Builder::new(),
            quad_class: Int32Builder::new(),
            plover_event: StringBuilder::new(),
            location_name: StringBuilder::new(),
            location_country: StringBuilder::new(),
            location_lat: Float64Builder::new(),
            location_lon: Float64Builder::new(),
            location_precision: StringBuilder::new(),
            location_geonames_id: Int64Builder::new(),
            outlet: StringBuilder::new(),
            url: StringBuilder::new(),
            issues: ListBuilder::new(StringBuilder::new()).with_field(issue_field()),
            matched: StringBuilder::new(),
        }
    }
}

impl BatchBuilder {
    fn push(&mut self, r: &EventRecord) {
        self.len += 1;
        self.origin.append_value(r.origin.as_str());
        self.article_id.append_value(&r.article_id);
        self.sentence_index.append_option(r.sentence_index.map(i64::from));
        self.span_start.append_option(r.span.map(|s| i64::from(s[0])));
        self.span_end.append_option(r.span.map(|s| i64::from(s[1])));
        self.sentence.append_option(r.sentence.as_deref());
        self.source_code.append_value(&r.source_code);
        self.target_code.append_value(&r.target_code);
        self.source_country.append_option(r.source_country.as_deref());
        self.target_country.append_option(r.target_country.as_deref());
        self.source_text.append_option(r.source_text.as_deref());
        self.target_text.append_option(r.target_text.as_deref());
        self.event_code.append_value(&r.event_code);
        self.event_root.append_value(&r.event_root);
        self.goldstein.append_option(r.goldstein);
        self.quad_class.append_option(r.quad_class.map(i32::from));
        self.plover_event.append_option(r.plover_event.as_deref());
        let location = r.location.as_ref();
        self.location_name.append_option(location.map(|l| l.name.as_str()));
        self.location_country.append_option(location.map(|l| l.country.as_str()));
        self.location_lat.append_option(location.and_then(|l| l.lat));
        self.location_lon.append_option(location.and_then(|l| l.lon));
        self.location_precision.append_option(location.map(|l| l.precision.as_str()));
        self.location_geonames_id.append_option(location.and_then(|l| l.geonames_id).map(i64::from));
        self.outlet.append_option(r.outlet.as_deref());
        self.url.append_option(r.url.as_deref());
        for issue in &r.issues {
            self.issues.values().append_value(issue);
        }
        self.issues.append(true);
        self.matched.append_option(r.matched.as_ref().map(|m| m.to_string()));
    }

    fn finish(mut self) -> Result<RecordBatch, ArrowError> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.origin.finish()),
            Arc::new(self.article_id.finish()),
            Arc::new(self.sentence_index.finish()),
            Arc::new(self.span_start.finish()),
            Arc::new(self.span_end.finish()),
            Arc::new(self.sentence.finish()),
            Arc::new(self.source_code.finish()),
            Arc::new(self.target_code.finish()),
            Arc::new(self.source_country.finish()),
            Arc::new(self.target_country.finish()),
            Arc::new(self.source_text.finish()),
            Arc::new(self.target_text.finish()),
            Arc::new(self.event_code.finish()),
            Arc::new(self.event_root.finish()),
            Arc::new(self.goldstein.finish()),
            Arc::new(self.quad_class.finish()),
            Arc::new(self.plover_event.finish()),
            Arc::new(self.location_name.finish()),
            Arc::new(self.location_country.finish()),
            Arc::new(self.location_lat.finish()),
            Arc::new(self.location_lon.finish()),
            Arc::new(self.location_precision.finish()),
            Arc::new(self.location_geonames_id.finish()),
            Arc::new(self.outlet.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.issues.finish()),
            Arc::new(self.matched.finish()),
        ];
        RecordBatch::try_new(schema(), columns)
    }
}

/// Reads every record under a partitioned folder written by [`write_partitioned`] or by an
/// engine using the same schema (the Spark job's output), in partition, file and row order.
/// Column types are matched by name; an engine may write integers narrower than ours.
pub fn read_partitioned(dir: &Path) -> Result<Vec<EventRecord>, ParquetError> {
    let partitions = existing_partitions(dir)?;
    if partitions.is_empty() && !dir.is_dir() {
        return Err(ParquetError::Layout { path: dir.to_path_buf(), message: "no such folder".to_string() });
    }
    let mut records = Vec::new();
    for (date, partition) in partitions {
        for file_path in part_files(&partition)? {
            read_file(&file_path, date, &mut records)?;
        }
    }
    Ok(records)
}

fn read_file(path: &Path, date: NaiveDate, records: &mut Vec<EventRecord>) -> Result<(), ParquetError> {
    let file = File::open(path).map_err(io_error(path))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(parquet_error(path))?
        .build()
        .map_err(parquet_error(path))?;
    let mut row_base = 0;
    for batch in reader {
        let batch = batch.map_err(arrow_error(path))?;
        let columns = Columns::new(&batch, path)?;
        for row in 0..batch.num_rows() {
            let bad = |message: String| ParquetError::BadRow { path: path.to_path_buf(), row: row_base + row, message };
            records.push(columns.record(row, date).map_err(bad)?);
        }
        row_base += batch.num_rows();
    }
    Ok(())
}

/// One batch's columns, looked up by name once.
struct Columns<'a> {
    batch: &'a RecordBatch,
    index: HashMap<&'a str, usize>,
}

impl<'a> Columns<'a> {
    fn new(batch: &'a RecordBatch, path: &Path) -> Result<Columns<'a>, ParquetError> {
        let schema = batch.schema_ref();
        let index: HashMap<&str, usize> =
            schema.fields().iter().enumerate().map(|(i, f)| (f.name().as_str(), i)).collect();
        for field in schema_required() {
            if !index.contains_key(field) {
                return Err(ParquetError::Layout { path: path.to_path_buf(), message: format!("no column {field}") });
            }
        }
        Ok(Columns { batch, index })
    }

    fn column(&self, name: &str) -> Option<&'a ArrayRef> {
        self.index.get(name).map(|&i| self.batch.column(i))
    }

    fn text(&self, name: &str, row: usize) -> Result<Option<String>, String> {
        let Some(column) = self.column(name) else { return Ok(None) };
        if column.is_null(row) {
            return Ok(None);
        }
        match column.data_type() {
            DataType::Utf8 => Ok(Some(column.as_string::<i32>().value(row).to_string())),
            DataType::LargeUtf8 => Ok(Some(column.as_string::<i64>().value(row).to_string())),
            DataType::Utf8View => Ok(Some(column.as_string_view().value(row).to_string())),
            other => Err(format!("column {name} is {other}, expected text")),
        }
    }

    fn required_text(&self, name: &str, row: usize) -> Result<String, String> {
        self.text(name, row)?.ok_or_else(|| format!("column {name} is null"))
    }

    fn integer(&self, name: &str, row: usize) -> Result<Option<i64>, String> {
        let Some(column) = self.column(name) else { return Ok(None) };
        if column.is_null(row) {
            return Ok(None);
        }
        match column.data_type() {
            DataType::Int64 => Ok(Some(column.as_primitive::<Int64Type>().value(row))),
            DataType::Int32 => Ok(Some(i64::from(column.as_primitive::<Int32Type>().value(row)))),
            other => Err(format!("column {name} is {other}, expected an integer")),
        }
    }

    fn unsigned(&self, name: &str, row: usize) -> Result<Option<u32>, String> {
        self.integer(name, row)?
            .map(|v| u32::try_from(v).map_err(|_| format!("column {name}: {v} is out of range")))
            .transpose()
    }

    fn float(&self, name: &str, row: usize) -> Result<Option<f64>, String> {
        let Some(column) = self.column(name) else { return Ok(None) };
        if column.is_null(row) {
            return Ok(None);
        }
        match column.data_type() {
            DataType::Float64 => Ok(Some(column.as_primitive::<Float64Type>().value(row))),
            DataType::Float32 => Ok(Some(f64::from(column.as_primitive::<Float32Type>().value(row)))),
            other => Err(format!("column {name} is {other}, expected a number")),
        }
    }

    fn issues(&self, row: usize) -> Result<Vec<String>, String> {
        let Some(column) = self.column("issues") else { return Ok(Vec::new()) };
        if column.is_null(row) {
            return Ok(Vec::new());
        }
        let list = column.as_list_opt::<i32>().ok_or_else(|| format!("column issues is {}", column.data_type()))?;
        let values = list.value(row);
        let strings = values.as_string_opt::<i32>().ok_or("column issues does not hold text")?;
        Ok(strings.iter().flatten().map(str::to_string).collect())
    }

    fn record(&self, row: usize, date: NaiveDate) -> Result<EventRecord, String> {
        let origin_name = self.required_text("origin", row)?;
        let origin = Origin::parse(&origin_name).ok_or_else(|| format!("unknown origin {origin_name:?}"))?;
        let span = match (self.unsigned("span_start", row)?, self.unsigned("span_end", row)?) {
            (Some(start), Some(end)) => Some([start, end]),
            _ => None,
        };
        let location = match self.text("location_name", row)? {
            Some(name) => Some(LocationRecord {
                name,
                country: self.text("location_country", row)?.unwrap_or_default(),
                lat: self.float("location_lat", row)?,
                lon: self.float("location_lon", row)?,
                precision: self.text("location_precision", row)?.unwrap_or_default(),
                geonames_id: self.unsigned("location_geonames_id", row)?,
            }),
            None => None,
        };
        let matched = match self.text("matched", row)? {
            Some(json) => Some(serde_json::from_str(&json).map_err(|e| format!("column matched: {e}"))?),
            None => None,
        };
        let quad_class = self
            .integer("quad_class", row)?
            .map(|q| u8::try_from(q).map_err(|_| format!("column quad_class: {q} is out of range")))
            .transpose()?;
        Ok(EventRecord {
            origin,
            article_id: self.required_text("article_id", row)?,
            sentence_index: self.unsigned("sentence_index", row)?,
            span,
            sentence: self.text("sentence", row)?,
            date,
            source_code: self.required_text("source_code", row)?,
            target_code: self.required_text("target_code", row)?,
            source_country: self.text("source_country", row)?,
            target_country: self.text("target_country", row)?,
            source_text: self.text("source_text", row)?,
            target_text: self.text("target_text", row)?,
            event_code: self.required_text("event_code", row)?,
            event_root: self.required_text("event_root", row)?,
            goldstein: self.float("goldstein", row)?.map(|g| g as f32),
            quad_class,
            plover_event: self.text("plover_event", row)?,
            location,
            outlet: self.text("outlet", row)?,
            url: self.text("url", row)?,
            issues: self.issues(row)?,
            matched,
        })
    }
}

/// Columns a file must have to be read as events; the others may be missing (read as empty).
fn schema_required() -> [&'static str; 6] {
    ["origin", "article_id", "source_code", "target_code", "event_code", "event_root"]
}
