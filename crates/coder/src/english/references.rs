//! Words that point back at two parties already named: "the two sides", "both governments",
//! "each other", "between the neighbours".

/// Nouns that, after "the two" or "both", stand for the two parties an article has been
/// talking about, with the agent code they give each party (empty: the party as named).
pub const DYAD_NOUNS: &[(&str, &str)] = &[
    ("SIDES", ""),
    ("PARTIES", ""),
    ("COUNTRIES", ""),
    ("NATIONS", ""),
    ("STATES", ""),
    ("NEIGHBOURS", ""),
    ("NEIGHBORS", ""),
    ("CAPITALS", ""),
    ("RIVALS", ""),
    ("ADVERSARIES", ""),
    ("DELEGATIONS", "GOV"),
    ("GOVERNMENTS", "GOV"),
    ("LEADERS", "GOV"),
    ("ARMIES", "MIL"),
    ("MILITARIES", "MIL"),
];

/// Reciprocal pronouns: the parties of a joint subject acting on one another.
pub const RECIPROCALS: &[[&str; 2]] = &[["EACH", "OTHER"], ["ONE", "ANOTHER"]];

/// The agent code a dyad noun gives, or `None` when the word is no dyad noun.
pub fn dyad_noun_agent(word: &str) -> Option<&'static str> {
    DYAD_NOUNS.iter().find(|(noun, _)| *noun == word).map(|(_, agent)| *agent)
}
