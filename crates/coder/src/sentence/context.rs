//! Stage 2, the country a role belongs to when the sentence does not say: "police arrested 71
//! people", "lawmakers shouted at Lam", "the government dropped the measures". A reader takes
//! such a role as the country the article is about; so does this stage, from the countries the
//! article has named so far. A role in a sentence that says where it happens ("protesters in
//! Belgrade") belongs to that place's country first.

use compact_str::CompactString;

use super::actors::{Mention, NO_COUNTRY};
use super::resolve::country_of_mention;
use super::tokens::Token;

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

/// Gives each role the sentence names without a country ("---GOV", "---COP") a country: the one
/// place the sentence is set in, else the article's `home` country (from the sentences before).
/// A role no country can be found for is left bare: in a sentence alone, "police attacked
/// Iranian soldiers" says nothing of whose police.
pub fn place_bare_roles(tokens: &[Token], mentions: &mut [Mention], home: Option<&str>) {
    if !mentions.iter().any(|m| m.is_bare_role() && !m.refers_to_dyad) {
        return;
    }
    let setting = setting_country(tokens, mentions);
    let Some(country) = setting.or_else(|| home.map(str::to_string)) else { return };
    let country = CompactString::from(country);
    for mention in mentions.iter_mut().filter(|m| m.is_bare_role() && !m.refers_to_dyad) {
        mention.code = compact_str::format_compact!("{country}{}", &mention.code[NO_COUNTRY.len()..]);
    }
}

/// The country of the places the sentence is set in ("in Belgrade", "at Hong Kong's police
/// complex"), when they are all of one country.
fn setting_country(tokens: &[Token], mentions: &[Mention]) -> Option<String> {
    let mut found: Option<String> = None;
    for mention in mentions.iter().filter(|m| m.is_place_after_locative(tokens)) {
        let country = country_of_mention(mention)?;
        match &found {
            Some(seen) if *seen != country => return None,
            _ => found = Some(country),
        }
    }
    found
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
        let mut mentions = vec![mention("---COP"), mention("FRAGOV")];
        place_bare_roles(&[], &mut mentions, Some("SRB"));
        assert_eq!(mentions[0].code, "SRBCOP");
        assert_eq!(mentions[1].code, "FRAGOV");
        let mut alone = vec![mention("---GOV"), mention("IRNMIL")];
        place_bare_roles(&[], &mut alone, None);
        assert_eq!(alone[0].code, "---GOV");
    }
}
