//! What the sentence splitter and the clause rules need to know about written English:
//! abbreviations, the words that start a sentence, and classes of punctuation.

/// Abbreviations whose period does not end a sentence (compared upper-case, without the period).
pub const ABBREVIATIONS: &[&str] = &[
    "MR", "MRS", "MS", "DR", "GEN", "LT", "COL", "MAJ", "CAPT", "SGT", "CPL", "ADM", "CMDR", "GOV", "SEN", "REP",
    "REV", "PROF", "ST", "JR", "SR", "MT", "FT", "GENS", "LT.GEN", "BRIG", "AMB", "PRES", "JAN", "FEB", "MAR", "APR",
    "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC", "NO", "NOS", "VS", "CF", "APPROX", "DEPT", "CORP", "INC",
    "LTD", "CO", "BROS", "EST", "FIG", "VOL", "ARTS", "ART", "SEC", "GOVT", "E.G", "I.E", "U.S", "U.N", "U.K", "E.U",
    "P.M", "A.M",
];

/// Words that often start a sentence after a dotted acronym ("... sanctions on the U.S. The
/// ministry said"), where the acronym's period also closes the sentence.
pub const SENTENCE_STARTERS: &[&str] = &[
    "THE",
    "A",
    "AN",
    "HE",
    "SHE",
    "IT",
    "THEY",
    "WE",
    "I",
    "IN",
    "ON",
    "AT",
    "BUT",
    "AND",
    "THIS",
    "THAT",
    "THESE",
    "THOSE",
    "THERE",
    "HIS",
    "HER",
    "ITS",
    "THEIR",
    "AFTER",
    "BEFORE",
    "WHEN",
    "WHILE",
    "ALSO",
    "HOWEVER",
    "MEANWHILE",
    "EARLIER",
    "LATER",
    "SINCE",
    "AS",
    "IF",
    "OFFICIALS",
];

/// A word with its period that the period does not end: a listed abbreviation, a single
/// initial ("George W. Bush") or a dotted acronym ("U.S.", "U.A.E.").
pub fn is_abbreviation(word: &str) -> bool {
    let upper = word.trim_end_matches('.').to_uppercase();
    if ABBREVIATIONS.contains(&upper.as_str()) {
        return true;
    }
    let mut letters = upper.chars();
    let single_initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_alphabetic());
    single_initial || (upper.contains('.') && upper.split('.').all(|p| p.chars().count() <= 2 && !p.is_empty()))
}

/// Punctuation that ends a noun phrase.
pub fn is_boundary(token: &str) -> bool {
    matches!(token, "," | ";" | ":" | "." | "!" | "?" | "--" | "-" | "(" | ")" | "\"")
}

/// Punctuation between two clauses of one sentence, or the sentence's end.
pub fn ends_clause(token: &str) -> bool {
    matches!(token, ";" | ":" | ".")
}

/// Punctuation that may close a sentence after its last word.
pub fn is_closing_mark(token: &str) -> bool {
    matches!(token, "." | "!" | "?" | "\"" | "''")
}
