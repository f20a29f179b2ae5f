//! Whether a sentence tells the news or its background: a sentence that dates itself before the
//! article ("imposed sanctions in 2019", "clashed three years ago") recounts history, which the
//! store already holds as its own events, and must not weigh as much as what happens now.
//!
//! The coder dates every event on the article's day, so the brief reads the sentence's own
//! time expressions: an explicit year earlier than the article's; a count of years, months or
//! weeks followed by "ago"; "last year", "last month" or "last decade"; or "in <month>" naming a
//! month at least two months before the article's (a later month than the article's, with no
//! year, is last year's). "Last week" and the month just past are left alone: they often
//! describe what set off today's news.

use chrono::{Datelike, NaiveDate};

/// Whether `sentence` places what it tells before `article_date`.
pub fn dated_before(sentence: &str, article_date: NaiveDate) -> bool {
    let words: Vec<String> =
        sentence.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect();
    let earlier_year = words
        .iter()
        .any(|w| w.len() == 4 && w.parse::<i32>().is_ok_and(|year| (1900..article_date.year()).contains(&year)));
    let counted_ago = words.windows(3).any(|w| is_count(&w[0]) && is_span(&w[1]) && w[2] == "ago");
    let last_period = words.windows(2).any(|w| w[0] == "last" && matches!(w[1].as_str(), "year" | "month" | "decade"));
    let earlier_month = words.windows(2).any(|w| {
        w[0] == "in" && month_number(&w[1]).is_some_and(|m| m > article_date.month() || m + 1 < article_date.month())
    });
    earlier_year || counted_ago || last_period || earlier_month
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // "may" is a month only when capitalized, which the lowercased words no longer tell: it is
    // left out rather than read into every "may" of a sentence.
    MONTHS.iter().position(|m| *m == word && word != "may").map(|i| i as u32 + 1)
}

fn is_count(word: &str) -> bool {
    const COUNTS: [&str; 13] =
        ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many"];
    word.parse::<u32>().is_ok() || COUNTS.contains(&word)
}

fn is_span(word: &str) -> bool {
    matches!(word, "year" | "years" | "month" | "months" | "week" | "weeks" | "decade" | "decades")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
    }

    #[test]
    fn earlier_years_and_counted_spans_are_background() {
        assert!(dated_before("Washington imposed sanctions on Iranian oil in 2019.", day()));
        assert!(dated_before("The two armies clashed three years ago.", day()));
        assert!(dated_before("Talks broke down 2 months ago.", day()));
        assert!(dated_before("The United States imposed new sanctions last year.", day()));
        assert!(
            dated_before("Israel struck nuclear sites in June.", day()),
            "June before a March article is last year's"
        );
        assert!(dated_before("Envoys met in January.", day()));
    }

    #[test]
    fn the_present_and_uncounted_spans_are_news() {
        assert!(!dated_before("Troops shelled border posts on Sunday.", day()));
        assert!(!dated_before("The plan for 2026 was agreed.", day()));
        assert!(!dated_before("An ultimatum over last week's attack was issued.", day()));
        assert!(!dated_before("The 3000 troops moved.", day()), "a number that is no year before the article");
        assert!(!dated_before("Ministers agreed to meet in 2027.", day()));
        assert!(!dated_before("The army shelled the town in March.", day()), "the article's own month");
        assert!(!dated_before("Talks began in February.", day()), "the month just past");
        assert!(!dated_before("Talks in May fail, it may be said.", day()));
    }
}
