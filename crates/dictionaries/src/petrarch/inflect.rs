//! The regular English forms PETRARCH derives so that dictionaries list only the irregular ones:
//! noun plurals for agents, synset members and issue `n:` words, and verb forms (-S, -ED, -ING)
//! for verb heads without a `{...}` list and issue `v:` words. Words are upper case.
//!
//! PETRARCH's own rules are the plain suffixes with `E` dropping and `Y` → `IES`; the CAMEO
//! dictionary spells out in `{...}` every form those rules get wrong (`PLAN {PLANS PLANNED
//! PLANNING}`). Where these rules go further — `ES` after sibilants, `YS` after a vowel, doubling
//! the final consonant of a one-syllable verb (`SET` → `SETTING`) — they only replace forms that
//! are not English words and so never occur in text.

fn is_vowel(c: u8) -> bool {
    matches!(c, b'A' | b'E' | b'I' | b'O' | b'U')
}

fn is_consonant(c: u8) -> bool {
    c.is_ascii_uppercase() && !is_vowel(c)
}

/// The letter before the final one, if the word is long enough.
fn penultimate(word: &str) -> Option<u8> {
    let bytes = word.as_bytes();
    bytes.len().checked_sub(2).map(|i| bytes[i])
}

fn takes_es(word: &str) -> bool {
    ["S", "X", "Z", "CH", "SH"].iter().any(|end| word.ends_with(end))
}

fn ends_consonant_y(word: &str) -> bool {
    word.ends_with('Y') && penultimate(word).is_some_and(is_consonant)
}

/// `MINISTER` → `MINISTERS`, `AUTHORITY` → `AUTHORITIES`, `BOSS` → `BOSSES`, `ENVOY` → `ENVOYS`.
pub(crate) fn noun_plural(word: &str) -> String {
    if ends_consonant_y(word) {
        format!("{}IES", &word[..word.len() - 1])
    } else if takes_es(word) {
        format!("{word}ES")
    } else {
        format!("{word}S")
    }
}

/// A one-syllable verb ending consonant–vowel–consonant doubles its last letter before -ED and
/// -ING (`STOP` → `STOPPED`). Longer verbs depend on stress (`REGRET` but `VISIT`), which the
/// CAMEO dictionary spells out in `{...}`.
fn doubles_final_consonant(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.len() < 3 || !bytes.iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    let n = bytes.len();
    let (before, vowel, last) = (bytes[n - 3], bytes[n - 2], bytes[n - 1]);
    let vowel_groups =
        bytes.iter().enumerate().filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(bytes[i - 1]))).count();
    vowel_groups == 1
        && is_consonant(before)
        && is_vowel(vowel)
        && is_consonant(last)
        && !matches!(last, b'W' | b'X' | b'Y')
}

/// The third-person, past and present-participle forms of a regular verb.
pub(crate) fn verb_forms(word: &str) -> [String; 3] {
    let third = if ends_consonant_y(word) {
        format!("{}IES", &word[..word.len() - 1])
    } else if takes_es(word) || (word.ends_with('O') && penultimate(word).is_some_and(is_consonant)) {
        format!("{word}ES")
    } else {
        format!("{word}S")
    };
    let (past, participle) = if ends_consonant_y(word) {
        (format!("{}IED", &word[..word.len() - 1]), format!("{word}ING"))
    } else if let Some(stem) = word.strip_suffix("IE") {
        (format!("{word}D"), format!("{stem}YING"))
    } else if let Some(stem) = word.strip_suffix('E') {
        let keeps_e = stem.is_empty() || ["E", "Y", "O"].iter().any(|end| stem.ends_with(end));
        let participle = if keeps_e { format!("{word}ING") } else { format!("{stem}ING") };
        (format!("{word}D"), participle)
    } else if doubles_final_consonant(word) {
        let last = &word[word.len() - 1..];
        (format!("{word}{last}ED"), format!("{word}{last}ING"))
    } else {
        (format!("{word}ED"), format!("{word}ING"))
    };
    [third, past, participle]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(word: &str) -> [String; 3] {
        verb_forms(word)
    }

    #[test]
    fn plain_suffixes() {
        assert_eq!(forms("ACCEPT"), ["ACCEPTS", "ACCEPTED", "ACCEPTING"]);
        assert_eq!(forms("VISIT"), ["VISITS", "VISITED", "VISITING"]);
        assert_eq!(forms("ATTACK"), ["ATTACKS", "ATTACKED", "ATTACKING"]);
    }

    #[test]
    fn final_e_is_dropped_before_ing() {
        assert_eq!(forms("ACCELERATE"), ["ACCELERATES", "ACCELERATED", "ACCELERATING"]);
        assert_eq!(forms("AGREE"), ["AGREES", "AGREED", "AGREEING"]);
        assert_eq!(forms("DIE"), ["DIES", "DIED", "DYING"]);
    }

    #[test]
    fn y_after_a_consonant_becomes_ie() {
        assert_eq!(forms("MODIFY"), ["MODIFIES", "MODIFIED", "MODIFYING"]);
        assert_eq!(forms("DEPLOY"), ["DEPLOYS", "DEPLOYED", "DEPLOYING"]);
    }

    #[test]
    fn sibilants_take_es() {
        assert_eq!(forms("RUSH"), ["RUSHES", "RUSHED", "RUSHING"]);
        assert_eq!(forms("FIX"), ["FIXES", "FIXED", "FIXING"]);
        assert_eq!(forms("DISMISS"), ["DISMISSES", "DISMISSED", "DISMISSING"]);
        assert_eq!(forms("VETO"), ["VETOES", "VETOED", "VETOING"]);
    }

    #[test]
    fn one_syllable_cvc_verbs_double() {
        assert_eq!(forms("SET"), ["SETS", "SETTED", "SETTING"]);
        assert_eq!(forms("SCRUB"), ["SCRUBS", "SCRUBBED", "SCRUBBING"]);
        assert_eq!(forms("RAID"), ["RAIDS", "RAIDED", "RAIDING"]);
        assert_eq!(forms("OUST"), ["OUSTS", "OUSTED", "OUSTING"]);
        assert_eq!(forms("ALLOW"), ["ALLOWS", "ALLOWED", "ALLOWING"]);
        assert_eq!(forms("ABANDON"), ["ABANDONS", "ABANDONED", "ABANDONING"]);
        assert_eq!(forms("RE-OPEN"), ["RE-OPENS", "RE-OPENED", "RE-OPENING"]);
    }

    #[test]
    fn noun_plurals() {
        assert_eq!(noun_plural("MINISTER"), "MINISTERS");
        assert_eq!(noun_plural("AUTHORITY"), "AUTHORITIES");
        assert_eq!(noun_plural("ENVOY"), "ENVOYS");
        assert_eq!(noun_plural("BOSS"), "BOSSES");
        assert_eq!(noun_plural("CHURCH"), "CHURCHES");
        assert_eq!(noun_plural("F-16"), "F-16S");
        assert_eq!(noun_plural("Y"), "YS");
    }

    #[test]
    fn non_ascii_words_do_not_panic() {
        for word in ["É", "ÉY", "ŸE", "ÜIE", "日本", ""] {
            let _ = verb_forms(word);
            let _ = noun_plural(word);
        }
    }
}
