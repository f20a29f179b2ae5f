//! Open-class words the rules lean on: nouns that introduce places and documents, verbs of
//! saying, past tenses that are never nouns, nationality adjectives and the like.

/// Nouns that introduce a place name ("the port of Odesa", "Oman's capital Muscat", "the
/// northern city of Kirkuk").
pub const PLACE_NOUNS: &[&str] = &[
    "CAPITAL",
    "CITY",
    "TOWN",
    "PORT",
    "VILLAGE",
    "PROVINCE",
    "REGION",
    "DISTRICT",
    "AREA",
    "OUTSKIRTS",
    "SUBURBS",
    "SUBURB",
    "CENTRE",
    "CENTER",
    "CAMP",
];

/// Verbs of going somewhere: a country after them and "to" or "from" is where someone goes, not
/// whom they act on ("travelling to France", "returned from Iraq").
pub const MOTION_VERBS: &[&str] = &[
    "TRAVEL",
    "TRAVELS",
    "TRAVELLED",
    "TRAVELED",
    "TRAVELLING",
    "TRAVELING",
    "FLEW",
    "FLY",
    "FLIES",
    "FLYING",
    "FLOWN",
    "ARRIVED",
    "ARRIVES",
    "ARRIVING",
    "RETURNED",
    "RETURNS",
    "RETURNING",
    "HEADED",
    "HEADING",
    "HEADS",
    "MOVED",
    "MOVING",
    "FLED",
    "FLEEING",
    "DRIVEN",
    "DROVE",
    "SAILED",
    "BOUND",
    "EN",
    "ROUTE",
    "JOURNEY",
    "TRIP",
    "TOUR",
];

/// Nouns for a set of places ("in nations including Denmark", "in countries such as Peru").
pub const PLACE_GROUP_NOUNS: &[&str] =
    &["NATIONS", "COUNTRIES", "STATES", "CAPITALS", "PLACES", "REGIONS", "PARTS", "CITIES"];

pub fn is_motion_verb(word: &str) -> bool {
    MOTION_VERBS.contains(&word)
}

pub fn is_place_group_noun(word: &str) -> bool {
    PLACE_GROUP_NOUNS.contains(&word)
}

/// Verbs that report what someone said: they close an attribution (", officials said") and
/// open a new clause after a name (", the World Food Program said").
pub const REPORTING_VERBS: &[&str] = &[
    "SAID",
    "SAYS",
    "SAY",
    "REPORTED",
    "REPORTS",
    "REPORT",
    "TOLD",
    "ADDED",
    "STATED",
    "CONFIRMED",
    "QUOTED",
    "ANNOUNCED",
];

/// Participles of saying that report the main subject's words (", saying only its programme …").
pub const REPORTING_PARTICIPLES: &[&str] =
    &["SAYING", "ADDING", "INSISTING", "ARGUING", "STRESSING", "NOTING", "CLAIMING", "WARNING"];

/// Words that may close an attribution after its verb: when, where and how it was said.
pub const ATTRIBUTION_TAIL: &[&str] = &[
    "ON",
    "IN",
    "AT",
    "A",
    "AN",
    "THE",
    "LAST",
    "THIS",
    "LATE",
    "EARLY",
    "LATER",
    "TODAY",
    "YESTERDAY",
    "TONIGHT",
    "OVERNIGHT",
    "STATEMENT",
    "INTERVIEW",
    "WEEK",
    "MONTH",
    "MORNING",
    "AFTERNOON",
    "EVENING",
    "NIGHT",
    "REPORTERS",
    "TELEVISION",
    "BRIEFING",
    "CONFERENCE",
    "NEWS",
    "PRESS",
    "BY",
    "PHONE",
    "TELEPHONE",
    "ALSO",
    "WEDNESDAY",
];

/// Things issued or passed that can demand, urge or condemn in their own words.
pub const DOCUMENT_NOUNS: &[&str] = &[
    "STATEMENT",
    "DECLARATION",
    "RESOLUTION",
    "LETTER",
    "COMMUNIQUE",
    "MESSAGE",
    "PETITION",
    "MOTION",
    "DECREE",
    "NOTE",
    "APPEAL",
    "ULTIMATUM",
    "REPORT",
    "VIDEO",
    "TELEGRAM",
    "BILL",
    "LAW",
];

/// Measures that act only once adopted or in force: what "a bill that would allow" or "a
/// resolution to expel" names is hypothetical, not an act.
pub const PROVISION_NOUNS: &[&str] = &[
    "BILL",
    "BILLS",
    "LAW",
    "LAWS",
    "LEGISLATION",
    "PROPOSAL",
    "PROPOSALS",
    "AMENDMENT",
    "RESOLUTION",
    "MEASURE",
    "MEASURES",
    "DRAFT",
    "SCHEME",
    "REFORM",
    "TREATY",
    "DEAL",
    "AGREEMENT",
    "PROVISION",
    "RULE",
    "CHANGE",
];

pub fn is_provision_noun(word: &str) -> bool {
    PROVISION_NOUNS.contains(&word)
}

/// Past tenses that are hardly ever nouns: "experts met", "rebels fought", "troops seized".
pub const IRREGULAR_PAST: &[&str] = &[
    "MET",
    "HELD",
    "STRUCK",
    "FOUGHT",
    "SENT",
    "GAVE",
    "TOOK",
    "WON",
    "THREW",
    "BROKE",
    "BEGAN",
    "BROUGHT",
    "CAUGHT",
    "FLED",
    "KEPT",
    "SOUGHT",
    "SOLD",
    "SPOKE",
    "STOOD",
    "STOLE",
    "SWORE",
    "TOLD",
    "WROTE",
    "WITHDREW",
    "OVERRAN",
    "OVERTHREW",
    "UPHELD",
    "FORBADE",
    "SHOOK",
    "BOUGHT",
    "FORGAVE",
    "FLEW",
    "DREW",
    "SHOT",
    "LED",
];

/// Words before "to" that make the verb after it an intention ("prepared to withdraw").
pub const INTENT_BEFORE_TO: &[&str] = &[
    "PREPARED", "READY", "WILLING", "PLANS", "PLANNED", "PLAN", "PLANNING", "INTENDS", "INTENDED", "INTEND", "AIMS",
    "SET", "GOING", "PROMISED", "PLEDGED", "VOWED", "OFFERED", "DECIDED", "EXPECTED", "DUE", "HOPES", "WANTS",
];

/// Words that may stand between a modal and its verb without changing the mood ("will now
/// soon be", "must eventually").
pub const MOOD_KEEPING_WORDS: &[&str] = &["BE", "NOW", "SOON", "ALSO", "STILL", "THEN", "EVENTUALLY", "EVER"];

/// Adverbs that may stand between a subject and its verb ("Iran also attacked", "rebels
/// reportedly seized").
pub const VERB_ADVERBS: &[&str] = &[
    "ALSO",
    "STILL",
    "AGAIN",
    "NOW",
    "THEN",
    "LATER",
    "ONCE",
    "ALREADY",
    "EVER",
    "JUST",
    "TODAY",
    "YESTERDAY",
    "TONIGHT",
    "REPORTEDLY",
    "JOINTLY",
    "FORMALLY",
    "EARLIER",
    "FINALLY",
];

/// Adverbs that may stand between a conjunction and a second verb ("and then expelled").
pub const SEQUENCE_ADVERBS: &[&str] = &["THEN", "ALSO", "LATER"];

pub const WEEKDAYS: &[&str] = &["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];

/// Month names: capitalised, and never anyone's name in a date ("in March").
pub const MONTHS: &[&str] = &[
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
];

/// Whether a capitalised word names a day or a month, not a person or a body.
pub fn is_calendar_word(word: &str) -> bool {
    WEEKDAYS.contains(&word) || MONTHS.contains(&word)
}

/// Nouns of an attack: a bare role right before one names its weapon ("a drone attack").
pub const ATTACK_NOUNS: &[&str] = &["ATTACK", "ATTACKS", "STRIKE", "STRIKES", "RAID", "RAIDS", "ASSAULT"];

/// Words in "-ing" that act as prepositions, not participles ("according to", "including").
pub const PREPOSITIONAL_PARTICIPLES: &[&str] = &["ACCORDING", "INCLUDING", "FOLLOWING", "DURING"];

/// Prepositions after which a gerund is the content of the verb that governs it ("accused India
/// of violating").
pub const GERUND_GOVERNORS: &[&str] = &["OF", "FOR", "ABOUT", "FROM", "AGAINST"];

/// Words that name a leader without a title the dictionaries know ("Libyan leader Muammar
/// Gaddafi").
pub const LEADER_NOUNS: &[&str] = &["LEADER", "CHIEF", "RULER", "STRONGMAN"];

/// Words that may sit inside a noun phrase between its parts ("the other senior officials").
pub const NOUN_PHRASE_FILLER: &[&str] =
    &["THE", "A", "AN", "ITS", "THEIR", "OTHER", "SENIOR", "TOP", "HIGH-RANKING", "LEADING"];

/// Prepositions that tie an agent to its country ("police of Gondor", "soldiers from Gondor").
pub const AGENT_OWNER_PREPOSITIONS: &[&str] = &["OF", "FROM", "IN", "FOR"];

/// Words that never sit inside one noun phrase: a gap containing one separates two mentions.
pub const PHRASE_BREAKERS: &[&str] = &[
    "OF", "IN", "WITH", "TO", "FOR", "BY", "ON", "AT", "FROM", "THAT", "WHICH", "WHO", "SAID", "SAYS", "AGAINST",
    "INTO", "OVER", "ABOUT", "AFTER", "BEFORE",
];

/// Endings of nationality adjectives ("Iranian", "Japanese", "British", "Iraqi", "Nordic",
/// "French").
pub const NATIONALITY_SUFFIXES: &[&str] = &["AN", "ESE", "ISH", "I", "IC", "CH"];

pub fn is_place_noun(word: &str) -> bool {
    PLACE_NOUNS.contains(&word)
}

pub fn is_reporting_verb(word: &str) -> bool {
    REPORTING_VERBS.contains(&word)
}

/// A word shaped like a nationality adjective ("Iranian", "Thai", "French") that is not itself a
/// country's name ("Azerbaijan", "Burundi" end the same way but are nouns).
pub fn is_nationality_adjective(word: &str) -> bool {
    word.len() >= 4 && NATIONALITY_SUFFIXES.iter().any(|suffix| word.ends_with(suffix)) && !is_country_name(word)
}

/// Prepositions that name the other party of an event noun ("sanctions on", "attack against",
/// "visit to", "talks with", "aid for", "investigation into").
pub const NOMINAL_PARTY_PREPOSITIONS: &[&str] = &["ON", "AGAINST", "TO", "WITH", "FOR", "INTO", "TOWARD", "TOWARDS"];

/// Verbs that carry an event noun without adding an event of their own ("had a meeting with",
/// "held talks", "made a phone call"): the noun takes their subject.
pub const LIGHT_VERBS: &[&str] = &[
    "HAD",
    "HAS",
    "HAVE",
    "HAVING",
    "HELD",
    "HOLD",
    "HOLDS",
    "HOLDING",
    "MADE",
    "MAKE",
    "MAKES",
    "CONDUCTED",
    "CONDUCTS",
    "PAID",
    "PAYS",
    "ATTENDED",
    "BEGAN",
    "STARTED",
    "CONCLUDED",
];

/// Words before an event noun that say the event has not happened ("proposed talks", "calls for
/// sanctions", "no meeting", "possible strikes").
pub const UNREALIZED_EVENT_WORDS: &[&str] =
    &["NO", "PROPOSED", "POSSIBLE", "POTENTIAL", "PLANNED", "FUTURE", "PROSPECTIVE", "FOR", "WITHOUT", "ANY"];

/// Head nouns that a name before them only describes ("Libya–Turkey relations", "the Iran arms
/// affair", "European Union flags", "Brazil debt talks" are about them, not done by them): a name
/// directly before one is a noun modifier, no party. Nouns of what a country owns are not among
/// them: in "shelled Armenian border villages", "violated Turkish airspace" or "restrictions
/// against German goods" the name is whose they are, and the act is against it.
pub const TOPIC_NOUNS: &[&str] = &[
    "RELATIONS",
    "RELATION",
    "TIES",
    "AFFAIR",
    "ISSUE",
    "ISSUES",
    "QUESTION",
    "CRISIS",
    "CRISES",
    "ELECTION",
    "ELECTIONS",
    "FLAG",
    "FLAGS",
    "POLICY",
    "POLICIES",
    "SCANDAL",
    "FILE",
    "DOSSIER",
    "SITUATION",
    "STORY",
];

pub fn is_topic_noun(word: &str) -> bool {
    TOPIC_NOUNS.contains(&word)
}

/// Whether an upper-cased word is the English short name of a country ("IRAN", "BURUNDI").
pub fn is_country_name(word: &str) -> bool {
    static NAMES: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            tripwire_ontology::countries()
                .iter()
                .flat_map(|c| c.name.split([',', '(']).next())
                .map(|name| name.trim().to_uppercase())
                .collect()
        })
        .contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nationality_adjectives_and_country_names() {
        for adjective in ["IRANIAN", "THAI", "FRENCH", "BRITISH", "IRAQI", "JAPANESE"] {
            assert!(is_nationality_adjective(adjective), "{adjective}");
        }
        for noun in ["AZERBAIJAN", "BURUNDI", "IRAN", "OMAN", "MALI", "HAN"] {
            assert!(!is_nationality_adjective(noun), "{noun}");
        }
    }
}
