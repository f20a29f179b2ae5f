//! Arbitrary and damaged input into every import reader — each published layout, auto-detection,
//! gzip and zip archives — never panics, and what the importer says adds up: every data row is
//! accepted or rejected, and a rejection names a line of the input. Ten thousand cases each.

use proptest::prelude::*;
use std::io::Write;
use tripwire_store::export::gdelt::GDELT_COLUMNS;
use tripwire_store::import::{import_path, import_reader, Format, ImportError, ImportReport};

const CASES: u32 = 10_000;

/// Header lines (or first rows) that make the importer pick each layout, so that the fuzzed rows
/// behind them reach that layout's row parser rather than stopping at detection.
fn layout_heads() -> Vec<String> {
    vec![
        GDELT_COLUMNS.join("\t"),
        "date\tsource\tevent\ttarget".to_string(),
        "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude".to_string(),
        "event_id\tstory_date\tyear\tmonth\tday\tsource\tsource_root\tsource_agent\tsource_others\ttarget\ttarget_root\ttarget_agent\ttarget_others\tcode\troot_code\tquad_class\tgoldstein\tjoined_issues\tlat\tlon\tplacename\tstatename\tcountryname\taid\tprocess\turl".to_string(),
        "{\"article_id\":\"a\",\"date\":\"2020-01-01\"}".to_string(),
        String::new(),
    ]
}

/// Every count the report gives is consistent with the input it was given.
fn check_report(report: &ImportReport, input: &[u8]) -> Result<(), TestCaseError> {
    let lines = input.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    prop_assert_eq!(report.accepted + report.rejected, report.rows, "every row is accepted or rejected");
    prop_assert!(report.rows <= lines);
    for rejection in &report.rejections {
        prop_assert!((1..=lines).contains(&rejection.line), "line {} of {}", rejection.line, lines);
        prop_assert!(!rejection.message.is_empty());
    }
    Ok(())
}

fn import_bytes(input: &[u8], format: Option<Format>) -> Result<(), TestCaseError> {
    let mut kept = 0u64;
    let result = import_reader(input, "fuzz.tsv", format, &mut |_| {
        kept += 1;
        Ok(())
    });
    match result {
        Ok(report) => {
            check_report(&report, input)?;
            prop_assert_eq!(kept, report.accepted, "the sink saw every accepted row");
        }
        Err(ImportError::UnknownFormat { file, line }) => {
            prop_assert_eq!(file, "fuzz.tsv");
            prop_assert!(line >= 1);
        }
        Err(other) => prop_assert!(other.to_string().contains("fuzz.tsv"), "error without the file name: {other}"),
    }
    Ok(())
}

/// Fields of the shapes real rows have: dates, codes, numbers, names, JSON fragments, tabs.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,14}",
        "-?[0-9]{1,3}\\.[0-9]{0,6}",
        "[A-Z]{0,9}",
        "(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "[A-Za-z ()]{0,24}",
        "[\"{}:,\\[\\]a-z0-9_ ]{0,30}",
        any::<String>(),
    ]
}

fn row_shaped_file() -> impl Strategy<Value = Vec<u8>> {
    (
        0..layout_heads().len(),
        prop::collection::vec(prop::collection::vec(field(), 0..64), 0..8),
        any::<bool>(),
        prop::option::of((any::<usize>(), any::<u8>())),
    )
        .prop_map(|(head, rows, crlf, stray)| {
            let newline = if crlf { "\r\n" } else { "\n" };
            let mut text = layout_heads()[head].clone();
            for fields in rows {
                text.push_str(newline);
                text.push_str(&fields.join("\t"));
            }
            let mut bytes = text.into_bytes();
            if let Some((at, byte)) = stray {
                bytes.insert(at % (bytes.len() + 1), byte);
            }
            bytes
        })
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

fn zipped(bytes: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    archive.start_file("events.CSV", zip::write::SimpleFileOptions::default()).expect("writing to memory");
    archive.write_all(bytes).expect("writing to memory");
    archive.finish().expect("writing to memory").into_inner()
}

/// An archive cut short, with bytes flipped, or both.
fn damage(mut archive: Vec<u8>, cut: f64, flips: &[(usize, u8)]) -> Vec<u8> {
    archive.truncate(((archive.len() as f64) * cut) as usize);
    for &(at, xor) in flips {
        if !archive.is_empty() {
            let at = at % archive.len();
            archive[at] ^= xor;
        }
    }
    archive
}

/// Imports `bytes` as a file called `name` (its extension picks plain, `.gz` or `.zip`).
fn import_as_file(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    match import_path(&path, None, &mut |_| Ok(())) {
        Ok(report) => {
            prop_assert_eq!(report.accepted + report.rejected, report.rows);
            if let Some(stopped) = &report.stopped {
                prop_assert!(stopped.line >= 1 && !stopped.message.is_empty());
            }
        }
        Err(error) => prop_assert!(error.to_string().contains(name), "error without the file name: {error}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_in_every_layout(bytes in prop::collection::vec(any::<u8>(), 0..600), layout in prop::option::of(prop::sample::select(Format::ALL.to_vec()))) {
        import_bytes(&bytes, layout)?;
    }

    #[test]
    fn row_shaped_input_detected_or_forced(bytes in row_shaped_file(), layout in prop::option::of(prop::sample::select(Format::ALL.to_vec()))) {
        import_bytes(&bytes, layout)?;
    }

    #[test]
    fn arbitrary_and_damaged_archives(
        body in row_shaped_file(),
        noise in prop::collection::vec(any::<u8>(), 0..300),
        kind in 0u8..4,
        cut in 0.0f64..=1.0,
        flips in prop::collection::vec((any::<usize>(), 1u8..=255), 0..3),
    ) {
        match kind {
            0 => import_as_file("noise.gz", &noise)?,
            1 => import_as_file("noise.zip", &noise)?,
            2 => import_as_file("events.tsv.gz", &damage(gzip(&body), cut, &flips))?,
            _ => import_as_file("events.zip", &damage(zipped(&body), cut, &flips))?,
        }
    }
}
