use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A news article: the unit the coder reads. `text` is the body; offsets in every event are
/// character offsets into it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    /// Publication date; date-ranged dictionary entries (who was foreign minister) resolve on it.
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub title: String,
    pub text: String,
}
