//! The country a role belongs to when neither its sentence nor a place says: "police arrested 71
//! people", "lawmakers shouted at Lam", "the government dropped the measures". A reader takes
//! such a role as the country the article is about; so does the coder, from the countries the
//! article's earlier sentences named. A role in a sentence that says where it happens
//! ("protesters in Belgrade") belongs to that place's country instead.

use compact_str::CompactString;

use super::actors::{Mention, NO_COUNTRY};
use super::resolve::country_of_mention;
use super::SentenceEvent;

/// How often the article has named each country, in the order first named.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    counts: Vec<(CompactString, u32)>,
}

impl Coverage {
    /// Counts the countries of a sentence's mentions; a reference to a dyad already named adds
    /// nothing new.
    pub fn observe(&mut self, mentions: &[Mention]) {
        for mention in mentions.iter().filter(|m| !m.refers_to_dyad) {
            let Some(country) = country_of_mention(mention) else { continue };
            match self.counts.iter_mut().find(|(c, _)| c.as_str() == country) {
                Some((_, n)) => *n += 1,
                None => self.counts.push((CompactString::from(country), 1)),
            }
        }
    }

    /// The country the article is about: named more often than any other, the first named on a
    /// tie. None before any country is named.
    pub fn home(&self) -> Option<&str> {
        let mut best: Option<&(CompactString, u32)> = None;
        for entry in &self.counts {
            if best.is_none_or(|b| entry.1 > b.1) {
                best = Some(entry);
            }
        }
        best.map(|(c, _)| c.as_str())
    }
}

/// Gives the roles a sentence names without a country the article's `home` country, when the
/// sentence names no country of its own ("Police director Rebic said 71 people were
/// arrested"): nothing in it can say otherwise, and the roles then take part in its events as
/// any named actor does.
pub fn place_roles_of_a_countryless_sentence(mentions: &mut [Mention], home: Option<&str>) {
    let Some(home) = home else { return };
    if mentions.iter().any(|m| country_of_mention(m).is_some()) {
        return;
    }
    for mention in mentions.iter_mut().filter(|m| m.is_bare_role() && !m.refers_to_dyad) {
        mention.code = compact_str::format_compact!("{home}{}", &mention.code[NO_COUNTRY.len()..]);
    }
}

/// Gives the roles of `raw` named without a country ("---GOV", "---COP") the article's `home`
/// country. Only for an event no place speaks for: where the sentence says where it happens,
/// that place decides (`location::place_roles`).
pub fn give_home_country(raw: &mut SentenceEvent, home: &str) -> bool {
    let mut given = false;
    for mention in [raw.source.as_mut(), raw.target.as_mut()].into_iter().flatten() {
        if mention.is_bare_role() && !mention.refers_to_dyad {
            mention.code = compact_str::format_compact!("{home}{}", &mention.code[NO_COUNTRY.len()..]);
            given = true;
        }
    }
    given
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(code: &str) -> Mention {
        Mention {
            tokens: 0..1,
            code: code.into(),
            entries: Vec::new(),
            is_place: false,
            group: 0,
            is_location: false,
            refers_to_dyad: false,
            is_topic: false,
        }
    }

    #[test]
    fn home_is_the_country_named_most_and_first_on_a_tie() {
        let mut coverage = Coverage::default();
        assert_eq!(coverage.home(), None);
        coverage.observe(&[mention("SRBGOV"), mention("USA")]);
        assert_eq!(coverage.home(), Some("SRB"));
        coverage.observe(&[mention("USA"), mention("---GOV")]);
        assert_eq!(coverage.home(), Some("USA"));
    }

    #[test]
    fn a_bare_role_takes_the_home_country_and_a_named_one_keeps_its_own() {
        let mut raw = SentenceEvent {
            source: Some(mention("---COP")),
            target: Some(mention("FRAGOV")),
            code: "173".into(),
            verb: 0..1,
            cover: 0..1,
            verb_entry: String::new(),
            pattern: None,
            rules: Vec::new(),
        };
        assert!(give_home_country(&mut raw, "SRB"));
        assert_eq!(raw.source.as_ref().map(|m| m.code.as_str()), Some("SRBCOP"));
        assert_eq!(raw.target.as_ref().map(|m| m.code.as_str()), Some("FRAGOV"));
        assert!(!give_home_country(&mut raw, "SRB"));
    }
}
