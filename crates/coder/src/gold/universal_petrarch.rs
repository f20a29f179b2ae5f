//! UniversalPetrarch's validation files (`PETR2_GSR_validation.xml` and the Spanish sets): the
//! PETRARCH record layout, loosened. The PETRARCH reader ([`super::petrarch_xml`]) reads them;
//! this module says what differs and holds the pieces that are theirs alone.
//!
//! ```text
//! <Sentence category="AFP" date="20080806" id="X-1" evaluate="true"/>
//! <EventText eid="E2" eventtext="…" sourcetext="…" targettext="…" />
//! <EventCoding eid="E2" eventcode="190_use_conventional_military_force" plover="FIGHT" sourcecode="---" targetcode="COLREB" />
//! <Text> … </Text>
//! <Parse>
//! 1  Arnor  Arnor  PROPN  NNP  Number=Sing  2  nsubj  _  _
//! …
//! </Parse></Sentence>
//! ```
//!
//! * A record is often opened by a *self-closed* `<Sentence …/>` and still ends with
//!   `</Sentence>`, which is not well-formed XML; the reader takes the self-closed tag as the
//!   record's start and the next `</Sentence>` as its end. A self-closed record that meets the
//!   next `<Sentence>` before any `</Sentence>` ends there, and is noted as read leniently.
//! * `evaluate="false"` marks a record the file's authors left out of their evaluation
//!   ([`super::PetrarchRecord::evaluate`]); such records are read but not scored.
//! * The parse is CoNLL-U ([`super::conllu`]) rather than Penn Treebank brackets.
//! * An `eventcode` may carry the event's name after its code (`186_assassinate_with_fire_weapon`);
//!   the code is the digits ([`event_code`]). The Spanish PLOVER set writes a type that covers
//!   several CAMEO codes as all of them (`18/19/20`, `084-087`); that is kept as written. `plover`, `eid`, `<EventText>` (the words of each
//!   event) and `<Location>` are passed over: scoring compares CAMEO triples.
//! * Dates are `YYYYMMDD`, but one English record has a six-digit `YYMMDD` date, read leniently
//!   ([`super::dates`]).
//! * The Spanish files name Spanish dictionaries in their `<Environment>` (`spanish/…`), and
//!   `<Include>` may be followed by stray text; both are read as written.

/// The CAMEO code of an `eventcode` attribute: the leading digits when a `_name` follows them
/// (`186_assassinate_with_fire_weapon` → `186`), else the value as written, trimmed.
pub fn event_code(value: &str) -> &str {
    let value = value.trim();
    match value.split_once('_') {
        Some((code, name))
            if !code.is_empty()
                && code.bytes().all(|b| b.is_ascii_digit())
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') =>
        {
            code
        }
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_event_codes_keep_their_digits() {
        assert_eq!(event_code("186_assassinate_with_fire_weapon"), "186");
        assert_eq!(event_code(" 130_threaten "), "130");
        assert_eq!(event_code("183_conduct_non-military_bombing"), "183");
        // A PLOVER type that maps to several CAMEO codes is kept as the file writes it.
        assert_eq!(event_code("18/19/20"), "18/19/20");
        assert_eq!(event_code("042"), "042");
        assert_eq!(event_code("15"), "15");
        // Not the code_name form: kept as written.
        assert_eq!(event_code("---_x y"), "---_x y");
        assert_eq!(event_code("_190"), "_190");
    }
}
