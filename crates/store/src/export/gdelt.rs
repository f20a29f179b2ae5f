//! GDELT 2.0 event-table export: 61 tab-separated columns in the codebook's order, one event per
//! line, readable by anything that reads GDELT and by `import --format gdelt2`.
//!
//! What a GDELT row can carry, and so what survives a round trip through export and import:
//! date, actor codes, names and countries, event code and root, QuadClass, Goldstein, the event
//! place (name, country, lat/long, resolution), the URL (and the outlet, read back from the URL's
//! host), and the id when it is numeric. What it cannot: origin, a non-numeric article id (rows
//! get a running number), sentence, span and sentence index (only "is root event"), issues,
//! provenance, a GeoNames id, and an outlet that is not the URL's host.

use super::{EventSink, ExportError, ExportSummary, Exported};
use crate::import::fips;
use crate::import::gdelt::geo_type_of_precision;
use crate::EventRecord;
use chrono::Datelike;
use std::fmt::Write as _;
use std::io::Write;

/// The GDELT 2.0 event-table header, in column order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Options for a GDELT export.
#[derive(Clone, Copy, Debug, Default)]
pub struct GdeltOptions {
    /// Write the column names as a first line (raw GDELT files have none).
    pub header: bool,
}

/// The GDELT exporter as a sink: one row per event, the column names first when asked for
/// (also when no event follows). The writer is not flushed per row: wrap files in a `BufWriter`.
pub struct GdeltSink<W: Write> {
    out: W,
    header_pending: bool,
    row: String,
    summary: ExportSummary,
}

impl<W: Write> GdeltSink<W> {
    pub fn new(out: W, options: GdeltOptions) -> GdeltSink<W> {
        GdeltSink {
            out,
            header_pending: options.header,
            row: String::with_capacity(512),
            summary: ExportSummary::default(),
        }
    }

    fn write_header(&mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.header_pending) {
            self.out.write_all(GDELT_COLUMNS.join("\t").as_bytes())?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// The writer, once the sink is finished.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> EventSink for GdeltSink<W> {
    fn accept(&mut self, item: &Exported) -> Result<(), ExportError> {
        self.write_header()?;
        self.summary.records += 1;
        self.row.clear();
        let counts = item.cluster.as_ref().map(|c| {
            (c.mentions.max(1), c.sources.len().max(1), (c.articles.max(c.urls.len() as u64) as usize).max(1))
        });
        push_row(&mut self.row, &item.record, self.summary.records, counts.unwrap_or((1, 1, 1)));
        self.row.push('\n');
        self.out.write_all(self.row.as_bytes())?;
        Ok(())
    }

    fn finish(&mut self) -> Result<ExportSummary, ExportError> {
        self.write_header()?;
        self.out.flush()?;
        Ok(self.summary)
    }
}

/// Writes records as GDELT 2.0 event rows, then flushes.
pub fn write<W: Write, I>(out: &mut W, records: I, options: GdeltOptions) -> Result<ExportSummary, ExportError>
where
    I: IntoIterator,
    I::Item: Into<Exported>,
{
    let mut sink = GdeltSink::new(out, options);
    for item in records {
        sink.accept(&item.into())?;
    }
    sink.finish()
}

/// One record as a GDELT 2.0 row, without the newline. `sequence` is the GLOBALEVENTID used when
/// the record's own id is not a number.
pub fn push_row(
    row: &mut String,
    record: &EventRecord,
    sequence: u64,
    (mentions, sources, articles): (u32, usize, usize),
) {
    let date = record.date;
    let numeric_id = !record.article_id.is_empty() && record.article_id.bytes().all(|b| b.is_ascii_digit());
    if numeric_id {
        row.push_str(&record.article_id);
    } else {
        let _ = write!(row, "{sequence}");
    }
    // FractionDate as GDELT computes it in its files: the day of the year over 365.
    let fraction = date.year() as f64 + date.ordinal0() as f64 / 365.0;
    let _ = write!(row, "\t{}\t{}\t{}\t{fraction:.4}", date.format("%Y%m%d"), date.format("%Y%m"), date.year());
    push_actor(row, &record.source_code, record.source_text.as_deref(), record.source_country.as_deref());
    push_actor(row, &record.target_code, record.target_text.as_deref(), record.target_country.as_deref());
    let code = record.event_code.as_str();
    let base = code.get(..3).unwrap_or(code);
    let is_root = u8::from(record.sentence_index == Some(0));
    let _ = write!(row, "\t{is_root}\t{code}\t{base}\t{}\t", record.event_root);
    if let Some(quad) = record.quad_class {
        let _ = write!(row, "{quad}");
    }
    row.push('\t');
    if let Some(goldstein) = record.goldstein {
        push_float(row, goldstein);
    }
    let _ = write!(row, "\t{mentions}\t{sources}\t{articles}\t0");
    // Actor geographies are not known apart from the event's.
    for _ in 0..2 {
        row.push_str("\t0\t\t\t\t\t\t\t");
    }
    match &record.location {
        Some(place) => {
            let _ = write!(
                row,
                "\t{}\t{}\t{}\t\t\t",
                geo_type_of_precision(&place.precision),
                clean(&place.name),
                clean(fips::geo_country_from_iso3(&place.country))
            );
            if let Some(lat) = place.lat {
                push_float(row, lat);
            }
            row.push('\t');
            if let Some(lon) = place.lon {
                push_float(row, lon);
            }
            row.push('\t');
        }
        None => row.push_str("\t0\t\t\t\t\t\t\t"),
    }
    let _ = write!(row, "\t{}000000\t{}", date.format("%Y%m%d"), clean(record.url.as_deref().unwrap_or("")));
}

/// Actor columns: code, name, country, known group, ethnic, religion ×2, type ×3. Types are the
/// code's role segments after its country, as GDELT splits them.
fn push_actor(row: &mut String, code: &str, name: Option<&str>, country: Option<&str>) {
    let _ = write!(row, "\t{}\t{}\t{}\t\t\t\t", clean(code), clean(name.unwrap_or("")), clean(country.unwrap_or("")));
    let segments = (0..code.len() / 3).filter_map(|i| code.get(i * 3..i * 3 + 3));
    let mut types = segments
        .skip(usize::from(code.get(..3).is_some_and(|s| tripwire_ontology::country(s).is_ok())))
        .filter(|s| tripwire_ontology::actor_type(s).is_ok_and(|t| t.kind == tripwire_ontology::ActorKind::Sector));
    for _ in 0..3 {
        row.push('\t');
        if let Some(segment) = types.next() {
            row.push_str(segment);
        }
    }
}

/// The shortest decimal that reads back as the same number, with GDELT's `.0` on whole ones.
fn push_float<F: Into<f64> + Copy + std::fmt::Display>(row: &mut String, value: F) {
    let wide: f64 = value.into();
    if wide.fract() == 0.0 && wide.abs() < 1e15 {
        let _ = write!(row, "{value:.1}");
    } else {
        let _ = write!(row, "{value}");
    }
}

/// Tabs and newlines would break the row.
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\t', '\n', '\r']) {
        text.replace(['\t', '\n', '\r'], " ").into()
    } else {
        text.into()
    }
}
