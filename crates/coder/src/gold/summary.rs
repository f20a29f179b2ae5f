//! What evaluating one gold file came to: how many records were read, skipped, read leniently or
//! left out by the file itself, and the scores by part, or why the file could not be scored; and
//! the tables that show one file, or many side by side.

use super::split::{PartChoice, PartReports};
use super::{EvalReport, ReadProblem, Score};
use serde::Serialize;
use std::fmt::Write as _;

/// The outcome of evaluating one gold file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileEvaluation {
    /// The file, as it was named.
    pub file: String,
    /// What the file holds (`PETRARCH records`, `PLOVER records`).
    pub kind: String,
    /// How records were coded: `raw` text or their `parse`.
    pub mode: String,
    /// Records read (leniently or not); skipped ones are not among them.
    pub records_read: usize,
    /// Records read but left out of scoring by the file itself (`evaluate="false"`).
    pub not_evaluated: usize,
    /// Records (or stretches of the file) the reader could not read.
    pub skipped: Vec<ReadProblem>,
    pub read_leniently: Vec<ReadProblem>,
    /// In parse mode, the records coded from their text because their parse could not be read:
    /// id and why.
    pub parse_unread: Vec<(String, String)>,
    /// The scores, when the file could be scored.
    pub scores: Option<PartReports>,
    /// Why the file was not scored.
    pub not_scorable: Option<String>,
}

impl FileEvaluation {
    /// The report for one part; `None` when the file was not scored.
    pub fn report(&self, part: PartChoice) -> Option<&EvalReport> {
        self.scores.as_ref().map(|s| s.get(part))
    }

    /// A line saying what was read: records, skips, lenient readings and records left out.
    pub fn reading_line(&self) -> String {
        let mut line = format!(
            "{} ({}): {} records read, {} skipped, {} read leniently",
            self.file,
            self.kind,
            self.records_read,
            self.skipped.len(),
            self.read_leniently.len()
        );
        if self.not_evaluated > 0 {
            let _ = write!(line, ", {} not evaluated (evaluate=\"false\")", self.not_evaluated);
        }
        if !self.parse_unread.is_empty() {
            let _ = write!(line, ", {} coded from text (parse unreadable)", self.parse_unread.len());
        }
        line
    }

    /// One file in full: what was read, a row per part, then the categories of one part.
    pub fn render(&self, part: PartChoice) -> String {
        let mut out = self.reading_line();
        out.push('\n');
        let Some(scores) = &self.scores else {
            let _ = writeln!(out, "not scored: {}", self.not_scorable.as_deref().unwrap_or("no reason given"));
            return out;
        };
        let _ = writeln!(out, "{:<6} {}", "part", score_header());
        let shown: Vec<PartChoice> = if part == PartChoice::All { PartChoice::EVERY.to_vec() } else { vec![part] };
        for choice in shown {
            let _ = writeln!(out, "{:<6} {}", choice.name(), score_cells(&scores.get(choice).totals));
        }
        let _ = writeln!(out, "\n{} part, by category:", part.name());
        out.push_str(&scores.get(part).render_table());
        out
    }
}

impl FileEvaluation {
    /// One JSON object for the file: the chosen part's report at the top level (`records`,
    /// `exact`, `exact_rate`, `precision`, `recall`, `f1`, `categories`, `failures`, `scoring`),
    /// each part's totals under `parts`, and what was read (`records_read`, `skipped`,
    /// `read_leniently`, `not_evaluated`, `parse_unread`). A file not scored has `not_scorable`
    /// and no scores.
    pub fn to_json(&self, part: PartChoice) -> serde_json::Value {
        let mut value = match self.report(part) {
            Some(report) => serde_json::to_value(report).unwrap_or_default(),
            None => serde_json::json!({}),
        };
        if let (Some(object), Some(scores)) = (value.as_object_mut(), &self.scores) {
            let totals = |choice: PartChoice| serde_json::to_value(&scores.get(choice).totals).unwrap_or_default();
            object.insert("part".into(), part.name().into());
            object.insert(
                "parts".into(),
                serde_json::json!({
                    "dev": totals(PartChoice::Dev), "test": totals(PartChoice::Test), "all": totals(PartChoice::All)
                }),
            );
        }
        if let Some(object) = value.as_object_mut() {
            let reading = serde_json::json!({
                "file": self.file,
                "kind": self.kind,
                "mode": self.mode,
                "records_read": self.records_read,
                "not_evaluated": self.not_evaluated,
                "skipped": self.skipped,
                "read_leniently": self.read_leniently,
                "parse_unread": self.parse_unread,
                "not_scorable": self.not_scorable,
            });
            if let serde_json::Value::Object(fields) = reading {
                object.extend(fields);
            }
        }
        value
    }
}

fn score_header() -> String {
    format!(
        "{:>7} {:>6} {:>7} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}",
        "records", "exact", "exact%", "gold", "coded", "tp", "precision", "recall", "F1"
    )
}

fn score_cells(s: &Score) -> String {
    format!(
        "{:>7} {:>6} {:>6.1}% {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>6.3}",
        s.records,
        s.exact,
        100.0 * s.exact_rate,
        s.expected,
        s.predicted,
        s.true_positives,
        s.precision,
        s.recall,
        s.f1
    )
}

/// Many files side by side: one row per file and part (or one row saying why a file was not
/// scored), then the skipped records of every file with their lines and reasons.
pub fn render_files(evaluations: &[FileEvaluation], part: PartChoice) -> String {
    let parts: Vec<PartChoice> = if part == PartChoice::All { PartChoice::EVERY.to_vec() } else { vec![part] };
    let name_of = |e: &FileEvaluation| {
        std::path::Path::new(&e.file).file_name().map_or(e.file.clone(), |n| n.to_string_lossy().into_owned())
    };
    let width = evaluations.iter().map(|e| name_of(e).len()).max().unwrap_or(4).max(4);
    let mut out = String::new();
    let _ =
        writeln!(out, "{:<width$} {:<5} {:<4} {:>4} {:>4} {}", "file", "mode", "part", "read", "skip", score_header());
    for evaluation in evaluations {
        let name = name_of(evaluation);
        let (read, skipped) = (evaluation.records_read, evaluation.skipped.len());
        match &evaluation.scores {
            Some(scores) => {
                for &choice in &parts {
                    let cells = score_cells(&scores.get(choice).totals);
                    let mode = &evaluation.mode;
                    let _ =
                        writeln!(out, "{name:<width$} {mode:<5} {:<4} {read:>4} {skipped:>4} {cells}", choice.name());
                }
            }
            None => {
                let why = evaluation.not_scorable.as_deref().unwrap_or("no reason given");
                let _ = writeln!(out, "{name:<width$} {:<5} {:<4} {read:>4} {skipped:>4} not scored: {why}", "-", "-");
            }
        }
    }
    let skips: Vec<&ReadProblem> = evaluations.iter().flat_map(|e| &e.skipped).collect();
    if !skips.is_empty() {
        let _ = writeln!(out, "\nskipped:");
        for skip in skips {
            let _ = writeln!(out, "  {}", skip.to_error());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::{Handling, ScoredRecord};

    fn evaluation(scored: bool) -> FileEvaluation {
        let record = |id: &str, right: bool| ScoredRecord {
            id: id.into(),
            category: "C".into(),
            expected: [("A".to_string(), "B".to_string(), "010".to_string())].into(),
            predicted: if right { [("A".to_string(), "B".to_string(), "010".to_string())].into() } else { [].into() },
        };
        let scores =
            scored.then(|| PartReports::tally(vec![record("a", true), record("b", false)], EvalReport::from_records));
        FileEvaluation {
            file: "dir/gold.xml".into(),
            kind: "PETRARCH records".into(),
            mode: "raw".into(),
            records_read: 2,
            not_evaluated: 1,
            skipped: vec![ReadProblem {
                file: "dir/gold.xml".into(),
                line: 9,
                record: Some("c".into()),
                message: "no <Text>".into(),
                handling: Handling::Skipped,
            }],
            read_leniently: Vec::new(),
            parse_unread: Vec::new(),
            not_scorable: (!scored).then(|| "the records are not English".to_string()),
            scores,
        }
    }

    #[test]
    fn one_file_shows_its_reading_and_each_part() {
        let text = evaluation(true).render(PartChoice::All);
        assert!(text.starts_with(
            "dir/gold.xml (PETRARCH records): 2 records read, 1 skipped, 0 read leniently, 1 not evaluated"
        ));
        let row = |part: &str| text.lines().find(|l| l.starts_with(part)).map(|l| l.split_whitespace().nth(1));
        // "a" is dev and right, "b" test and wrong.
        assert_eq!(row("dev "), Some(Some("1")));
        assert!(text.lines().any(|l| l.starts_with("test ") && l.contains("0.0%")), "{text}");
        assert!(text.lines().any(|l| l.starts_with("all ") && l.contains("50.0%")), "{text}");
        let dev_only = evaluation(true).render(PartChoice::Dev);
        assert!(!dev_only.lines().any(|l| l.starts_with("test ")), "{dev_only}");
    }

    #[test]
    fn many_files_give_a_row_per_part_and_list_skips() {
        let table = render_files(&[evaluation(true), evaluation(false)], PartChoice::All);
        let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("gold.xml")).collect();
        assert_eq!(rows.len(), 4, "{table}");
        assert!(rows[3].contains("not scored: the records are not English"), "{table}");
        assert!(table.contains("skipped:\n  dir/gold.xml:9: record c: no <Text>"), "{table}");
        let json = evaluation(true).to_json(PartChoice::Dev);
        assert_eq!((json["records"].as_u64(), json["parts"]["all"]["records"].as_u64()), (Some(1), Some(2)));
        assert_eq!(json["skipped"][0]["line"], 9);
        assert_eq!(evaluation(false).to_json(PartChoice::All)["not_scorable"], "the records are not English");
        let test_only = render_files(&[evaluation(true)], PartChoice::Test);
        assert_eq!(test_only.lines().filter(|l| l.starts_with("gold.xml")).count(), 1);
    }
}
