//! Imports of damaged files: a file that cannot be read to its end gives up every row before
//! the damage and says where it stopped; a malformed first row does not make a file
//! unrecognisable; errors name their cause once.

use std::io::Write;
use tripwire_store::import::{import_path, import_reader, Format, ImportError};
use tripwire_store::EventRecord;

/// `rows` ICEWS rows (`date source event target`), each distinct, written for these tests.
fn icews_rows(rows: usize) -> String {
    let mut text = String::from("date\tsource\tevent\ttarget\n");
    for n in 0..rows {
        text.push_str(&format!("2016-{:02}-{:02}\tCitizen (Kenya)\tConsult\tPolice ({n})\n", 1 + n % 12, 1 + n % 28));
    }
    text
}

fn collect(path: &std::path::Path) -> (Result<tripwire_store::import::ImportReport, ImportError>, Vec<EventRecord>) {
    let mut records = Vec::new();
    let report = import_path(path, None, &mut |r| {
        records.push(r);
        Ok(())
    });
    (report, records)
}

#[test]
fn a_truncated_gz_delivers_the_rows_before_the_break_and_says_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(icews_rows(40_000).as_bytes()).unwrap();
    let whole = encoder.finish().unwrap();
    let path = dir.path().join("events.tsv.gz");
    std::fs::write(&path, &whole[..whole.len() * 2 / 3]).unwrap();
    let (report, records) = collect(&path);
    let report = report.expect("a truncated file is a partial import, not an error");
    let stop = report.stopped.as_ref().expect("the report says it stopped");
    assert!(records.len() > 10_000 && records.len() < 40_000, "{} rows", records.len());
    assert_eq!(report.accepted, records.len() as u64);
    // It stopped on the line after the last one delivered (line 1 is the header).
    assert_eq!(stop.line, records.len() as u64 + 2, "{stop:?}");
    assert!(!stop.message.is_empty());
}

#[test]
fn a_headerless_file_whose_first_row_is_malformed_is_read_and_the_row_reported() {
    // GDELT 2.0 rows have 61 columns; the first row here lost one.
    let good = |id: u32| {
        let mut fields = vec![""; 61];
        let id = id.to_string();
        fields[0] = &id;
        fields[1] = "20260105";
        fields[26] = "042";
        fields[28] = "04";
        fields[29] = "1";
        fields[30] = "1.9";
        fields.join("\t")
    };
    let broken: Vec<String> = good(1).split('\t').skip(1).map(str::to_string).collect();
    let text = format!("{}\n{}\n{}\n", broken.join("\t"), good(2), good(3));
    let mut records = Vec::new();
    let report = import_reader(text.as_bytes(), "gdelt.tsv", None, &mut |r| {
        records.push(r);
        Ok(())
    })
    .expect("the file is recognised from its second line");
    assert_eq!(report.format, Some(Format::Gdelt2));
    assert_eq!((report.rows, report.accepted, report.rejected), (3, 2, 1));
    assert_eq!(report.rejections[0].line, 1);
    assert!(report.rejections[0].message.contains("60 columns"), "{:?}", report.rejections);
    assert_eq!(records.iter().map(|r| r.article_id.as_str()).collect::<Vec<_>>(), ["2", "3"]);
}

#[test]
fn a_file_no_line_of_which_names_a_layout_is_refused_at_its_first_line() {
    let text = "just some notes\nabout the data\n";
    let error = import_reader(text.as_bytes(), "notes.txt", None, &mut |_| Ok(())).unwrap_err();
    assert!(matches!(error, ImportError::UnknownFormat { line: 1, .. }), "{error}");
}

#[test]
fn an_error_names_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.tsv");
    let error = import_path(&path, None, &mut |_| Ok(())).unwrap_err();
    // Printed with its causes, as the command line does, the cause appears once.
    let printed = format!("{:#}", anyhow::Error::new(error));
    let cause = std::io::Error::from(std::io::ErrorKind::NotFound).to_string();
    assert_eq!(printed.matches("No such file").count(), 1, "{printed} ({cause})");
    let store_error = tripwire_store::Store::open(dir.path()).err().expect("a folder is no store");
    let printed = format!("{:#}", anyhow::Error::new(store_error));
    let words: Vec<&str> = printed.split(": ").collect();
    let mut unique = words.clone();
    unique.dedup();
    assert_eq!(words, unique, "{printed}");
}
