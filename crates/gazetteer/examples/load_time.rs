//! How long parsing the shipped gazetteer takes, and what one lookup gives:
//! `cargo run --release -p tripwire-gazetteer --example load_time -- "northern Syria"`.

use std::time::Instant;
use tripwire_gazetteer::Gazetteer;

fn main() {
    let started = Instant::now();
    let gazetteer = match Gazetteer::shipped() {
        Ok(gazetteer) => gazetteer,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let elapsed = started.elapsed();
    println!("loaded {gazetteer:?} in {:.1} ms", elapsed.as_secs_f64() * 1000.0);

    for phrase in std::env::args().skip(1) {
        let upper = phrase.to_uppercase();
        let words: Vec<&str> = upper.split_whitespace().collect();
        match gazetteer.match_location_phrase(&words, 0) {
            Some(found) => {
                let place = found.place;
                println!(
                    "{phrase}: {} ({}, {:?}) {:?} {:?}, {} of {} words",
                    place.name,
                    place.country,
                    place.precision,
                    place.lat,
                    place.lon,
                    found.len,
                    words.len()
                );
            }
            None => println!("{phrase}: no place"),
        }
    }
}
