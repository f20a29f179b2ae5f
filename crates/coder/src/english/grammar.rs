//! Closed word classes: the function words English grammar is built from.

/// Words that open a noun phrase ("an attack", "their troops").
pub const DETERMINERS: &[&str] = &[
    "A", "AN", "THE", "THIS", "THAT", "THESE", "THOSE", "ITS", "THEIR", "HIS", "HER", "OUR", "MY", "YOUR", "'S", "ANY",
    "EACH", "EVERY", "SUCH", "NO",
];

/// Possessive pronouns that give a role an owner named earlier ("its troops").
pub const POSSESSIVE_PRONOUNS: &[&str] = &["ITS", "THEIR", "HIS", "HER"];

/// Subject pronouns.
pub const PERSONAL_PRONOUNS: &[&str] = &["HE", "SHE", "IT", "THEY", "WE", "I", "YOU"];

pub const PREPOSITIONS: &[&str] = &[
    "IN", "BY", "OF", "FOR", "WITH", "ON", "AT", "FROM", "INTO", "OVER", "ABOUT", "AGAINST", "UNDER", "DURING",
    "WITHOUT", "WITHIN", "AMID", "AMONG", "BETWEEN", "THROUGH", "VIA", "PER",
];

/// Prepositions that say where something is or happens ("in Muscat", "across Ukraine").
pub const LOCATIVES: &[&str] = &["IN", "AT", "NEAR", "OUTSIDE", "INSIDE", "ACROSS", "ALONG", "AROUND"];

/// Words that open a new clause: the subject of a verb after them is inside the clause.
pub const CLAUSE_OPENERS: &[&str] = &[
    "THAT", "WHICH", "WHO", "WHOM", "WHILE", "WHEREAS", "BECAUSE", "ALTHOUGH", "AFTER", "BEFORE", "WHEN", "SINCE",
    "IF", "UNLESS", "AS",
];

/// Conjunctions of time that take a participle clause ("after meeting", "while visiting").
pub const TEMPORAL_CONJUNCTIONS: &[&str] = &["AFTER", "BEFORE", "WHILE", "SINCE", "WHEN", "UPON"];

/// Conjunctions that open a condition ("if the United States goes ahead").
pub const CONDITIONALS: &[&str] = &["IF", "UNLESS"];

/// Conjunctions joining two verbs with one subject ("accused … and summoned").
pub const VERB_COORDINATORS: &[&str] = &["AND", "BUT"];

/// Words that join the members of a list of names ("Gondor, Rohan and Bree").
pub const LIST_JOINERS: &[&str] = &["AND", ",", "OR", "&"];

pub const NEGATIONS: &[&str] = &["NOT", "N'T", "NEVER", "NO"];

/// The two halves of "neither … nor": each negates the verb it stands before.
pub const CORRELATIVE_NEGATIONS: &[&str] = &["NEITHER", "NOR"];

/// Modals that with "have" make a counterfactual ("would have allowed", "could have struck").
pub const COUNTERFACTUAL_MODALS: &[&str] = &["WOULD", "COULD", "MIGHT", "SHOULD"];

/// Modals of the future: what follows is intended, not done ("will sign").
pub const FUTURE_MODALS: &[&str] = &["WILL", "WOULD", "'LL", "SHALL"];

/// Modals of obligation: what follows is demanded of the subject ("must withdraw").
pub const OBLIGATION_MODALS: &[&str] = &["MUST", "SHOULD"];

/// Modals of possibility and ability.
pub const POSSIBILITY_MODALS: &[&str] = &["CAN", "COULD", "MAY", "MIGHT"];

/// The finite and non-finite forms of *be*.
pub const BE_FORMS: &[&str] = &["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING"];

/// Forms that make a passive with a participle: *be*, a contracted "'s", and *get*.
pub const PASSIVE_AUXILIARIES: &[&str] = &["'S", "GET", "GOT", "GETS"];

pub const HAVE_FORMS: &[&str] = &["HAS", "HAVE", "HAD"];

pub const DO_FORMS: &[&str] = &["DID", "DO", "DOES"];

/// Relative pronouns that may stand between a subject and its verb ("Iran, which attacked").
pub const RELATIVE_PRONOUNS: &[&str] = &["WHO", "WHICH", "THAT"];

pub fn is_determiner(word: &str) -> bool {
    DETERMINERS.contains(&word)
}

pub fn is_possessive_pronoun(word: &str) -> bool {
    POSSESSIVE_PRONOUNS.contains(&word)
}

pub fn is_preposition(word: &str) -> bool {
    PREPOSITIONS.contains(&word)
}

pub fn is_locative(word: &str) -> bool {
    LOCATIVES.contains(&word)
}

pub fn is_clause_opener(word: &str) -> bool {
    CLAUSE_OPENERS.contains(&word)
}

pub fn is_temporal_conjunction(word: &str) -> bool {
    TEMPORAL_CONJUNCTIONS.contains(&word)
}

pub fn is_negation(word: &str) -> bool {
    NEGATIONS.contains(&word)
}

pub fn is_future_modal(word: &str) -> bool {
    FUTURE_MODALS.contains(&word)
}

pub fn is_obligation_modal(word: &str) -> bool {
    OBLIGATION_MODALS.contains(&word)
}

/// Any modal: future, obligation or possibility.
pub fn is_modal(word: &str) -> bool {
    is_future_modal(word) || is_obligation_modal(word) || POSSIBILITY_MODALS.contains(&word)
}

pub fn is_be(word: &str) -> bool {
    BE_FORMS.contains(&word)
}

/// *be* as a finite verb, the forms that agree with a subject.
pub fn is_finite_be(word: &str) -> bool {
    matches!(word, "IS" | "ARE" | "WAS" | "WERE")
}

pub fn is_passive_auxiliary(word: &str) -> bool {
    is_be(word) || PASSIVE_AUXILIARIES.contains(&word)
}

pub fn is_have(word: &str) -> bool {
    HAVE_FORMS.contains(&word)
}

pub fn is_do(word: &str) -> bool {
    DO_FORMS.contains(&word)
}

/// Auxiliaries of any kind: modals, *have*, *do*, and the passive auxiliaries.
pub fn is_auxiliary(word: &str) -> bool {
    is_modal(word) || is_have(word) || is_do(word) || is_passive_auxiliary(word)
}

/// Auxiliaries and adverbs that may stand between a subject and its verb ("Iran has also
/// attacked", "and then expelled").
pub fn is_subject_verb_filler(word: &str) -> bool {
    is_have(word) || is_future_modal(word) || is_finite_be(word) || matches!(word, "ALSO" | "ALREADY" | "NOW")
}

/// Auxiliaries and saying verbs: a word like this between two names means a clause.
pub fn is_verb_like(word: &str) -> bool {
    is_finite_be(word) || is_have(word) || is_future_modal(word) || matches!(word, "SAID" | "SAYS")
}

/// Words that may stand right before a verb without making it a noun: "to", auxiliaries,
/// negations, adverbs of time and manner, subject and relative pronouns, conjunctions, weekdays.
pub fn may_precede_verb(word: &str) -> bool {
    word == "TO"
        || is_modal(word)
        || is_have(word)
        || is_do(word)
        || is_be(word)
        || (is_negation(word) && word != "NO")
        || PERSONAL_PRONOUNS.contains(&word)
        || RELATIVE_PRONOUNS.contains(&word)
        || matches!(word, "AND" | "OR" | "BUT")
        || super::vocabulary::VERB_ADVERBS.contains(&word)
        || super::vocabulary::WEEKDAYS.contains(&word)
}
