//! `tripwire eval` end to end: a folder of gold files written here (our own sentences and
//! dictionaries), one row per file and part, skipped records reported with their lines, files
//! that cannot be scored said so, and the exit status; then the shared gold folders by path,
//! skipped with a note when `../shared/data` is absent.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tripwire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tripwire"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("tripwire runs")
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tripwire-eval-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("scratch file");
}

const VERBS: &str = "--- REBUKE  [111]  ---\nREBUKE\nREBUKED\n\n--- PRAISE  [051]  ---\nPRAISE\nPRAISED\n";
const ACTORS: &str = "ARNOR [ARN]\nGONDOR [GON]\nROHAN [ROH]\n";

/// PETRARCH records coded with the two dictionaries above; `B-2` has no text, so it is skipped.
fn petrarch_records() -> String {
    let record = |id: &str, text: &str, coding: &str| {
        format!(
            "<Sentence date=\"20200101\" id=\"{id}\" category=\"DEMO\">\n{coding}\n<Text>{text}</Text>\n</Sentence>\n"
        )
    };
    let event =
        |s: &str, t: &str, c: &str| format!("<EventCoding sourcecode=\"{s}\" targetcode=\"{t}\" eventcode=\"{c}\"/>");
    let mut xml = String::from(
        "<Validation>\n<Environment>\n<Verbfile>verbs.txt</Verbfile>\n<Actorfile>actors.txt</Actorfile>\n\
         </Environment>\n<Sentences>\n",
    );
    let texts = [
        ("Arnor rebuked Gondor on Monday.", "ARN", "GON", "111"),
        ("Gondor praised Rohan for its help.", "GON", "ROH", "051"),
        ("Rohan rebuked Arnor after the talks.", "ROH", "ARN", "111"),
        ("Arnor praised Rohan on Friday.", "ARN", "ROH", "051"),
        ("Gondor rebuked Rohan in a statement.", "GON", "ROH", "111"),
        ("Rohan praised Gondor for the rescue.", "ROH", "GON", "051"),
    ];
    for (i, (text, s, t, c)) in texts.iter().enumerate() {
        xml.push_str(&record(&format!("A-{i}"), text, &event(s, t, c)));
    }
    xml.push_str(
        "<Sentence date=\"20200101\" id=\"B-2\" category=\"DEMO\">\n<EventCoding noevents=\"True\"/>\n</Sentence>\n",
    );
    xml.push_str("</Sentences>\n</Validation>\n");
    xml
}

/// Records in Spanish (written here), which the English coder cannot score; their dictionaries
/// are not here either.
fn spanish_records() -> String {
    let texts = [
        "El gobierno de Arnor criticó el lunes las declaraciones del enviado de Gondor sobre la frontera del norte, \
         y pidió a sus vecinos que respeten los acuerdos firmados hace diez años en la capital.",
        "Según fuentes oficiales, los ministros de Rohan y de Gondor se reunieron durante tres horas para hablar \
         del comercio, de los ríos compartidos y de la seguridad de los pueblos que viven cerca de las montañas.",
        "Miles de campesinos marcharon por las calles de la ciudad para exigir tierras, agua y caminos, mientras \
         la policía vigilaba desde las plazas sin que se registraran heridos ni detenidos durante la jornada.",
        "El presidente de Arnor anunció que viajará la próxima semana a Gondor para firmar un nuevo tratado de \
         cooperación que incluye becas para estudiantes, ayuda para los hospitales y obras en los puertos.",
    ];
    let mut xml =
        String::from("<Validation>\n<Environment><Verbfile>spanish/verbos.txt</Verbfile></Environment>\n<Sentences>\n");
    for (i, text) in texts.iter().enumerate() {
        xml.push_str(&format!(
            "<Sentence date=\"20200101\" id=\"S-{i}\" category=\"X\"/>\n\
             <EventCoding eventcode=\"111_criticar\" sourcecode=\"ARN\" targetcode=\"GON\"/>\n<Text>{text}</Text>\n</Sentence>\n"
        ));
    }
    xml.push_str("</Sentences>\n</Validation>\n");
    xml
}

#[test]
fn a_folder_gives_a_row_per_file_and_part_and_reports_what_it_skipped() {
    let dir = scratch_dir("folder");
    write(&dir, "verbs.txt", VERBS);
    write(&dir, "actors.txt", ACTORS);
    write(&dir, "made.xml", &petrarch_records());
    write(&dir, "spanish.xml", &spanish_records());
    write(&dir, "notes.md", "not a gold file");
    let out = tripwire(&["eval", dir.to_str().expect("utf-8 path")]);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(3), "{stdout}\n{stderr}");
    let rows: Vec<&str> =
        stdout.lines().filter(|l| l.starts_with("made.xml") || l.starts_with("spanish.xml")).collect();
    assert_eq!(rows.len(), 4, "{stdout}");
    for (row, part) in rows.iter().zip(["dev", "test", "all"]) {
        assert_eq!(row.split_whitespace().nth(2), Some(part), "{stdout}");
    }
    // All six readable records are coded right; B-2 is skipped.
    let all = rows[2].split_whitespace().collect::<Vec<_>>();
    assert_eq!(&all[3..7], ["6", "1", "6", "6"], "read, skipped, records, exact: {stdout}");
    assert!(rows[3].contains("not scored: the records are not English text"), "{stdout}");
    let made = dir.join("made.xml");
    let skip_line = format!("{}:31: record B-2: no <Text>", made.display());
    assert!(stdout.contains(&skip_line), "{stdout}");
    assert!(stderr.contains(&format!("tripwire: {skip_line} (skipped)")), "{stderr}");
    assert!(stderr.contains("2 records and gold files skipped"), "{stderr}");
    assert!(!stdout.contains("notes.md"));

    let test_part = tripwire(&["eval", made.to_str().expect("path"), "--part", "test", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&test_part.stdout).expect("one JSON object");
    assert_eq!(report["part"], "test");
    let (dev, test) = (&report["parts"]["dev"]["records"], &report["parts"]["test"]["records"]);
    assert_eq!(dev.as_u64().zip(test.as_u64()).map(|(d, t)| d + t), Some(6));
    assert_eq!(report["records"], *test);
    assert_eq!(report["skipped"][0]["line"], 31);
    assert_eq!(report["skipped"][0]["record"], "B-2");
    assert_eq!(test_part.status.code(), Some(3));
}

#[test]
fn a_file_that_cannot_be_scored_alone_is_an_error_naming_why() {
    let dir = scratch_dir("alone");
    write(&dir, "spanish.xml", &spanish_records());
    let out = tripwire(&["eval", dir.join("spanish.xml").to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not scored: the records are not English text"), "{stderr}");

    // English records whose dictionaries are missing say which.
    write(&dir, "made.xml", &petrarch_records());
    let out = tripwire(&["eval", dir.join("made.xml").to_str().expect("path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("verbs.txt, actors.txt not in"), "{stderr}");
}

#[test]
fn the_shared_gold_folders_are_read_in_one_command() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
    let (validation, universal) = (root.join("validation"), root.join("news/universalpetrarch_gsr"));
    if !validation.is_dir() || !universal.is_dir() {
        println!("skipped: {} or {} is absent", validation.display(), universal.display());
        return;
    }
    let out = tripwire(&["eval", "--json", validation.to_str().expect("path"), universal.to_str().expect("path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The Spanish files are read but not scored, so the run is partial.
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    let files: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    let find = |name: &str| {
        files
            .iter()
            .find(|f| f["file"].as_str().is_some_and(|p| p.ends_with(name)))
            .unwrap_or_else(|| panic!("a row for {name}"))
    };
    assert_eq!(files.len(), 5);
    for (name, read) in
        [("PETR.UnitTest.records.xml", 141), ("PLOVER_GSR_CAMEO.json", 179), ("PETR2_GSR_validation.xml", 41)]
    {
        let file = find(name);
        assert_eq!(file["records_read"], read, "{name}");
        assert_eq!(file["skipped"].as_array().map(Vec::len), Some(0), "{name}");
        assert_eq!(file["records"], read, "{name} is scored");
        println!(
            "{name}: exact {} of {}; dev {}, test {}",
            file["exact"], file["records"], file["parts"]["dev"]["exact_rate"], file["parts"]["test"]["exact_rate"]
        );
    }
    for (name, read) in
        [("spanish_protest_plover_validation.xml", 396), ("spanish_fight_reduced_181227_validation.xml", 147)]
    {
        let file = find(name);
        assert_eq!(file["records_read"], read, "{name}");
        assert!(file["not_scorable"].as_str().is_some_and(|w| w.contains("not English")), "{name}: {file}");
    }
}
