//! Correlates of War state codes → the ISO-3 codes the store uses, built at run time from the
//! COW state list (`cow_states.csv`: `stateabb,ccode,statenme,…`) and the ontology's countries.
//!
//! COW abbreviations are not ISO codes (COW `AUS` is Austria, ISO `AUS` Australia), so states
//! are matched by name: equal after folding case and dropping everything but letters, else one
//! name the start of the other ("United States of America" / "United States") when that start
//! is unambiguous. States no name matches are reported, never guessed.

use crate::truth::{read_csv, Problem};
use std::collections::HashMap;
use std::path::Path;

/// COW `ccode` → ISO-3.
#[derive(Clone, Debug, Default)]
pub struct CowCodes {
    iso3: HashMap<u32, &'static str>,
    /// COW states no ontology country matched, by name.
    pub unmatched: Vec<String>,
}

fn folded(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphabetic()).map(|c| c.to_ascii_lowercase()).collect()
}

/// The ISO-3 code of a country name, by the rules in the module documentation.
pub fn iso3_of_name(name: &str) -> Option<&'static str> {
    let wanted = folded(name);
    if wanted.len() < 4 {
        return None;
    }
    let countries = tripwire_ontology::countries();
    if let Some(exact) = countries.iter().find(|c| folded(c.name) == wanted) {
        return Some(exact.iso3);
    }
    let mut prefixed = countries.iter().filter(|c| {
        let theirs = folded(c.name);
        theirs.len() >= 5 && (wanted.starts_with(&theirs) || theirs.starts_with(&wanted))
    });
    match (prefixed.next(), prefixed.next()) {
        (Some(only), None) => Some(only.iso3),
        _ => None,
    }
}

impl CowCodes {
    /// Reads the COW state list; bad rows are returned as problems and skipped.
    pub fn read(path: &Path) -> Result<(CowCodes, Vec<Problem>), crate::WatchError> {
        let mut codes = CowCodes::default();
        let mut problems = Vec::new();
        read_csv(path, &mut problems, |row, line, problems| {
            let (Some(ccode), Some(name)) = (row.get("ccode"), row.get("statenme")) else {
                problems.push(Problem::at(path, line, "no ccode or statenme column"));
                return;
            };
            let Ok(ccode) = ccode.trim().parse::<u32>() else {
                problems.push(Problem::at(path, line, format!("ccode {ccode:?} is not a number")));
                return;
            };
            match iso3_of_name(name) {
                Some(iso3) => {
                    codes.iso3.insert(ccode, iso3);
                }
                None if !codes.iso3.contains_key(&ccode) && !codes.unmatched.iter().any(|n| n == name) => {
                    codes.unmatched.push(name.to_string())
                }
                None => {}
            }
        })?;
        Ok((codes, problems))
    }

    pub fn iso3(&self, ccode: u32) -> Option<&'static str> {
        self.iso3.get(&ccode).copied()
    }

    pub fn len(&self) -> usize {
        self.iso3.len()
    }

    pub fn is_empty(&self) -> bool {
        self.iso3.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_by_folding_and_unambiguous_prefix() {
        assert_eq!(iso3_of_name("United States of America"), Some("USA"));
        assert_eq!(iso3_of_name("IRAN"), Some("IRN"));
        assert_eq!(iso3_of_name("Democratic Republic of the Congo"), Some("COD"));
        assert_eq!(iso3_of_name("Korea"), None, "North and South both start so");
        assert_eq!(iso3_of_name("Atlantis"), None);
    }
}
