//! Parquet export: records written as date partitions read back unchanged, whatever the input
//! order, and existing partitions are refused, appended to or overwritten only as asked.
#![cfg(feature = "parquet")]

use std::path::Path;

use chrono::NaiveDate;
use tripwire_store::export::parquet::{
    read_partitioned, schema, write_partitioned, write_partitioned_with, ParquetError, ParquetOptions, WriteMode,
};
use tripwire_store::{EventRecord, LocationRecord, Origin};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, d).unwrap()
}

/// A coded event with every field filled, varied by `n`.
fn coded(n: u32, date: NaiveDate) -> EventRecord {
    EventRecord {
        origin: Origin::Tripwire,
        article_id: format!("article-{n}"),
        sentence_index: Some(n % 7),
        span: Some([n * 10, n * 10 + 25]),
        sentence: Some(format!("Sentence {n}: the ministers met in Muscat — «ünïcode» kept.")),
        date,
        source_code: "IRNGOV".to_string(),
        target_code: if n.is_multiple_of(2) { "USAGOV".to_string() } else { "OMN".to_string() },
        source_country: Some("IRN".to_string()),
        target_country: Some(if n.is_multiple_of(2) { "USA" } else { "OMN" }.to_string()),
        source_text: Some("Iranian Foreign Minister".to_string()),
        target_text: Some("U.S. Secretary of State".to_string()),
        event_code: format!("04{}", n % 6),
        event_root: "04".to_string(),
        goldstein: Some(1.0 + n as f32 / 10.0),
        quad_class: Some((n % 4 + 1) as u8),
        plover_event: Some("CONSULT".to_string()),
        location: Some(LocationRecord {
            name: "Muscat".to_string(),
            country: "OMN".to_string(),
            lat: Some(23.588 + f64::from(n) / 1000.0),
            lon: Some(58.383),
            precision: "city".to_string(),
            geonames_id: Some(287_286 + n),
        }),
        outlet: Some("Example Wire".to_string()),
        url: Some(format!("https://example.org/{n}")),
        issues: (0..n % 3).map(|i| format!("issue-{i}")).collect(),
        matched: Some(serde_json::json!({
            "verb": {"entry": n, "pattern": "MEET WITH"},
            "source": ["IRAN", "FOREIGN MINISTER"],
            "score": 0.75,
        })),
    }
}

/// An imported event: most optional fields empty, as ICEWS rows leave them.
fn imported(n: u32, date: NaiveDate) -> EventRecord {
    EventRecord {
        origin: Origin::Icews,
        article_id: format!("icews.tsv:{n}"),
        sentence_index: None,
        span: None,
        sentence: None,
        date,
        source_code: String::new(),
        target_code: "RUS".to_string(),
        source_country: None,
        target_country: Some("RUS".to_string()),
        source_text: Some("Citizen (Ukraine)".to_string()),
        target_text: None,
        event_code: "190".to_string(),
        event_root: "19".to_string(),
        goldstein: None,
        quad_class: None,
        plover_event: None,
        location: if n.is_multiple_of(2) {
            None
        } else {
            Some(LocationRecord {
                name: String::new(),
                country: "UKR".to_string(),
                lat: None,
                lon: None,
                precision: "country".to_string(),
                geonames_id: None,
            })
        },
        outlet: None,
        url: None,
        issues: Vec::new(),
        matched: None,
    }
}

/// Records over five dates in an order that jumps back and forth between them.
fn interleaved(count: u32) -> Vec<EventRecord> {
    (0..count)
        .map(|n| {
            let date = day(1 + (n * 7 + n / 3) % 5);
            if n % 3 == 0 {
                imported(n, date)
            } else {
                coded(n, date)
            }
        })
        .collect()
}

/// What reading back must give: the records grouped by date, in input order within a date.
fn by_date(records: &[EventRecord]) -> Vec<EventRecord> {
    let mut sorted = records.to_vec();
    sorted.sort_by_key(|r| r.date);
    sorted
}

fn visible_parquet_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for partition in std::fs::read_dir(dir).unwrap().flatten() {
        for file in std::fs::read_dir(partition.path()).unwrap().flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with(".inprogress"), "left an in-progress file: {name}");
            if name.ends_with(".parquet") {
                files.push(file.path());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn interleaved_records_read_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events");
    let records = interleaved(600);
    let options = ParquetOptions { rows_per_group: 50, max_open_partitions: 2, ..ParquetOptions::default() };
    let summary = write_partitioned_with(&out, records.clone(), options).unwrap();

    assert_eq!(summary.rows, 600);
    assert_eq!(summary.partitions, 5);
    let files = visible_parquet_files(&out);
    assert_eq!(summary.files, files.len());
    // Two open writers for five interleaved dates: partitions are closed and reopened as new parts.
    assert!(summary.files > 5, "expected several parts per partition, got {}", summary.files);
    let on_disk: u64 = files.iter().map(|f| std::fs::metadata(f).unwrap().len()).sum();
    assert_eq!(summary.bytes, on_disk);

    for file in &files {
        let partition = file.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
        assert!(partition.starts_with("date=2025-06-0"), "partition folder {partition}");
    }
    assert_eq!(read_partitioned(&out).unwrap(), by_date(&records));
}

#[test]
fn files_carry_the_documented_columns_and_small_row_groups() {
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<EventRecord> = (0..120).map(|n| coded(n, day(14))).collect();
    let summary =
        write_partitioned_with(dir.path(), records, ParquetOptions { rows_per_group: 50, ..Default::default() })
            .unwrap();
    assert_eq!((summary.files, summary.rows), (1, 120));

    let file = dir.path().join("date=2025-06-14/part-00000.parquet");
    let reader =
        parquet::file::serialized_reader::SerializedFileReader::new(std::fs::File::open(&file).unwrap()).unwrap();
    use parquet::file::reader::FileReader;
    let metadata = reader.metadata();
    assert_eq!(metadata.file_metadata().num_rows(), 120);
    assert_eq!(metadata.num_row_groups(), 3, "120 rows at 50 per group");

    let builder =
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&file).unwrap())
            .unwrap();
    let names: Vec<String> = builder.schema().fields().iter().map(|f| f.name().clone()).collect();
    let expected: Vec<String> = schema().fields().iter().map(|f| f.name().clone()).collect();
    assert_eq!(names, expected);
    assert!(!names.iter().any(|n| n == "date"), "the date is the partition folder, not a column");

    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/parquet-schema.md")).unwrap();
    for name in &expected {
        assert!(doc.contains(&format!("| `{name}` |")), "docs/parquet-schema.md does not describe column {name}");
    }
}

#[test]
fn an_existing_export_is_refused_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let first: Vec<EventRecord> = (0..10).map(|n| coded(n, day(3))).collect();
    write_partitioned(dir.path(), first.clone()).unwrap();

    let second: Vec<EventRecord> = (10..20).map(|n| coded(n, day(4))).collect();
    let error = write_partitioned(dir.path(), second).unwrap_err();
    assert!(matches!(error, ParquetError::PartitionsExist { .. }), "{error}");
    assert!(error.to_string().contains(&dir.path().display().to_string()));
    assert!(!dir.path().join("date=2025-06-04").exists(), "nothing is written when refusing");
    assert_eq!(read_partitioned(dir.path()).unwrap(), first);
}

#[test]
fn append_adds_parts_and_overwrite_replaces_only_the_dates_written() {
    let dir = tempfile::tempdir().unwrap();
    let june3: Vec<EventRecord> = (0..10).map(|n| coded(n, day(3))).collect();
    let june4: Vec<EventRecord> = (10..20).map(|n| imported(n, day(4))).collect();
    write_partitioned(dir.path(), june3.iter().chain(&june4).cloned()).unwrap();

    let more_june4: Vec<EventRecord> = (20..25).map(|n| coded(n, day(4))).collect();
    let append = ParquetOptions { mode: WriteMode::Append, ..Default::default() };
    let summary = write_partitioned_with(dir.path(), more_june4.clone(), append).unwrap();
    assert_eq!((summary.files, summary.rows), (1, 5));
    assert!(dir.path().join("date=2025-06-04/part-00001.parquet").exists());
    let expected: Vec<EventRecord> = june3.iter().chain(&june4).chain(&more_june4).cloned().collect();
    assert_eq!(read_partitioned(dir.path()).unwrap(), expected);

    let new_june4: Vec<EventRecord> = (30..33).map(|n| imported(n, day(4))).collect();
    let overwrite = ParquetOptions { mode: WriteMode::Overwrite, ..Default::default() };
    write_partitioned_with(dir.path(), new_june4.clone(), overwrite).unwrap();
    let expected: Vec<EventRecord> = june3.iter().chain(&new_june4).cloned().collect();
    assert_eq!(read_partitioned(dir.path()).unwrap(), expected);
    assert_eq!(visible_parquet_files(dir.path()).len(), 2);
}

#[test]
fn an_empty_input_writes_no_partition() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("none");
    let summary = write_partitioned(&out, Vec::new()).unwrap();
    assert_eq!((summary.files, summary.rows, summary.partitions), (0, 0, 0));
    assert_eq!(read_partitioned(&out).unwrap(), Vec::new());
}

#[test]
fn a_foreign_folder_in_the_export_is_reported_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("date=June 3rd")).unwrap();
    let error = read_partitioned(dir.path()).unwrap_err();
    assert!(error.to_string().contains("date=June 3rd"), "{error}");
    assert!(read_partitioned(&dir.path().join("missing")).is_err());
}
