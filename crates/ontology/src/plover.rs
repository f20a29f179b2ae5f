//! PLOVER event types and the crosswalk from CAMEO (PLOVER manual draft 0.8, 2021).

use crate::event::{event_type, EventType};
use crate::{event_types, OntologyError};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A PLOVER event type, written in data as its upper-case name (`"AGREE"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PloverEvent {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
    /// Not in the draft 0.8 event list (demands are a REQUEST there); kept so data coded with
    /// it still parses. The crosswalk never produces it.
    Demand,
    /// Not in the draft 0.8 event list (disapproval is an ACCUSE there); never produced by the
    /// crosswalk.
    Disapprove,
    /// Not in the draft 0.8 event list (investigation is an ACCUSE there); never produced by the
    /// crosswalk.
    Investigate,
    /// Not in the draft 0.8 event list (conventional combat is an ASSAULT there); never produced
    /// by the crosswalk.
    Fight,
}

impl PloverEvent {
    pub const ALL: [PloverEvent; 20] = [
        PloverEvent::Agree,
        PloverEvent::Consult,
        PloverEvent::Support,
        PloverEvent::Concede,
        PloverEvent::Cooperate,
        PloverEvent::Aid,
        PloverEvent::Retreat,
        PloverEvent::Request,
        PloverEvent::Accuse,
        PloverEvent::Reject,
        PloverEvent::Threaten,
        PloverEvent::Protest,
        PloverEvent::Sanction,
        PloverEvent::Mobilize,
        PloverEvent::Coerce,
        PloverEvent::Assault,
        PloverEvent::Demand,
        PloverEvent::Disapprove,
        PloverEvent::Investigate,
        PloverEvent::Fight,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PloverEvent::Agree => "AGREE",
            PloverEvent::Consult => "CONSULT",
            PloverEvent::Support => "SUPPORT",
            PloverEvent::Concede => "CONCEDE",
            PloverEvent::Cooperate => "COOPERATE",
            PloverEvent::Aid => "AID",
            PloverEvent::Retreat => "RETREAT",
            PloverEvent::Request => "REQUEST",
            PloverEvent::Accuse => "ACCUSE",
            PloverEvent::Reject => "REJECT",
            PloverEvent::Threaten => "THREATEN",
            PloverEvent::Protest => "PROTEST",
            PloverEvent::Sanction => "SANCTION",
            PloverEvent::Mobilize => "MOBILIZE",
            PloverEvent::Coerce => "COERCE",
            PloverEvent::Assault => "ASSAULT",
            PloverEvent::Demand => "DEMAND",
            PloverEvent::Disapprove => "DISAPPROVE",
            PloverEvent::Investigate => "INVESTIGATE",
            PloverEvent::Fight => "FIGHT",
        }
    }

    /// Whether the type is one of the sixteen of manual draft 0.8.
    pub fn in_draft_0_8(self) -> bool {
        !matches!(self, PloverEvent::Demand | PloverEvent::Disapprove | PloverEvent::Investigate | PloverEvent::Fight)
    }
}

impl std::fmt::Display for PloverEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Accepts the name in any letter case (`"AGREE"`, `"agree"`).
impl FromStr for PloverEvent {
    type Err = OntologyError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        PloverEvent::ALL
            .into_iter()
            .find(|event| event.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| OntologyError::UnknownPloverEvent(name.to_string()))
    }
}

/// Where a CAMEO code lands in PLOVER: an event type, refined by an optional mode (how it was
/// done: `"visit"`, `"firearms"`) and an optional context (what it was about: `"economic"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct PloverMapping {
    pub event: PloverEvent,
    pub mode: Option<&'static str>,
    pub context: Option<&'static str>,
}

const fn non_empty(text: &'static str) -> Option<&'static str> {
    if text.is_empty() {
        None
    } else {
        Some(text)
    }
}

const fn row(
    code: &'static str,
    event: PloverEvent,
    mode: &'static str,
    context: &'static str,
) -> (&'static str, PloverMapping) {
    (code, PloverMapping { event, mode: non_empty(mode), context: non_empty(context) })
}

use PloverEvent::*;

/// One row per CAMEO code (columns: code, event, mode, context; `""` for none), sorted like the
/// codebook so lookups can binary-search it.
#[rustfmt::skip]
static CROSSWALK: &[(&str, PloverMapping)] = &[
    // PLOVER drops CAMEO's bare public statements; the closest type is used so that every code
    // still has a home.
    row("01",   Support,   "",           ""),
    row("010",  Support,   "",           ""),
    row("011",  Reject,    "",           ""),
    row("012",  Accuse,    "",           ""),
    row("013",  Support,   "",           ""),
    row("014",  Agree,     "",           ""),
    row("015",  Concede,   "",           ""),
    row("016",  Reject,    "",           ""),
    row("017",  Support,   "",           ""),
    row("018",  Support,   "",           ""),
    row("019",  Agree,     "",           ""),

    row("02",   Request,   "",           ""),
    row("020",  Request,   "",           ""),
    row("021",  Request,   "",           "diplomatic"),
    row("0211", Request,   "",           "economic"),
    row("0212", Request,   "",           "military"),
    row("0213", Request,   "",           "legal"),
    row("0214", Request,   "",           "intelligence"),
    row("022",  Request,   "",           "diplomatic"),
    row("023",  Request,   "",           "diplomatic"),
    row("0231", Request,   "",           "economic"),
    row("0232", Request,   "",           "military"),
    row("0233", Request,   "",           "humanitarian"),
    row("0234", Request,   "",           "peacekeeping"),
    row("024",  Request,   "",           "political_institutions"),
    row("0241", Request,   "",           "political_institutions"),
    row("0242", Request,   "",           "executive"),
    row("0243", Request,   "",           "rights_freedoms"),
    row("0244", Request,   "",           "political_institutions"),
    row("025",  Request,   "",           ""),
    row("0251", Request,   "",           "rights_freedoms"),
    row("0252", Request,   "",           ""),
    row("0253", Request,   "",           "rights_freedoms"),
    row("0254", Request,   "",           "economic"),
    row("0255", Request,   "",           "diplomatic"),
    row("0256", Request,   "",           "military"),
    row("026",  Request,   "",           "diplomatic"),
    row("027",  Request,   "",           "diplomatic"),
    row("028",  Request,   "",           "diplomatic"),

    row("03",   Agree,     "",           ""),
    row("030",  Agree,     "",           "diplomatic"),
    row("031",  Agree,     "",           "diplomatic"),
    row("0311", Agree,     "",           "economic"),
    row("0312", Agree,     "",           "military"),
    row("0313", Agree,     "",           "legal"),
    row("0314", Agree,     "",           "intelligence"),
    row("032",  Agree,     "",           "diplomatic"),
    row("033",  Agree,     "",           "diplomatic"),
    row("0331", Agree,     "",           "economic"),
    row("0332", Agree,     "",           "military"),
    row("0333", Agree,     "",           "humanitarian"),
    row("0334", Agree,     "",           "peacekeeping"),
    row("034",  Agree,     "",           "political_institutions"),
    row("0341", Agree,     "",           "political_institutions"),
    row("0342", Agree,     "",           "executive"),
    row("0343", Agree,     "",           "rights_freedoms"),
    row("0344", Agree,     "",           "political_institutions"),
    row("035",  Agree,     "",           ""),
    row("0351", Agree,     "",           "rights_freedoms"),
    row("0352", Agree,     "",           ""),
    row("0353", Agree,     "",           "rights_freedoms"),
    row("0354", Agree,     "",           "economic"),
    row("0355", Agree,     "",           "diplomatic"),
    row("0356", Agree,     "",           "military"),
    row("036",  Agree,     "",           "diplomatic"),
    row("037",  Agree,     "",           "diplomatic"),
    row("038",  Agree,     "",           "diplomatic"),
    row("039",  Agree,     "",           "diplomatic"),

    row("04",   Consult,   "",           ""),
    row("040",  Consult,   "",           ""),
    row("041",  Consult,   "phone",      ""),
    row("042",  Consult,   "visit",      ""),
    row("043",  Consult,   "visit",      ""),
    row("044",  Consult,   "third-party", ""),
    row("045",  Consult,   "mediate",    ""),
    row("046",  Consult,   "",           ""),

    row("05",   Support,   "",           ""),
    row("050",  Support,   "",           "diplomatic"),
    row("051",  Support,   "",           ""),
    row("052",  Support,   "",           ""),
    row("053",  Support,   "",           ""),
    row("054",  Support,   "",           "diplomatic"),
    row("055",  Support,   "",           ""),
    row("056",  Support,   "",           ""),
    row("057",  Support,   "",           "diplomatic"),

    row("06",   Cooperate, "",           ""),
    row("060",  Cooperate, "",           ""),
    row("061",  Cooperate, "",           "economic"),
    row("062",  Cooperate, "",           "military"),
    row("063",  Cooperate, "",           "legal"),
    row("064",  Cooperate, "",           "intelligence"),

    row("07",   Aid,       "",           ""),
    row("070",  Aid,       "",           ""),
    row("071",  Aid,       "",           "economic"),
    row("072",  Aid,       "",           "military"),
    row("073",  Aid,       "",           "humanitarian"),
    row("074",  Aid,       "",           "peacekeeping"),
    row("075",  Aid,       "",           "migration"),

    // The crosswalk splits root 08: giving way on policy is CONCEDE, while releases, granting
    // access and military de-escalation are RETREAT. The bare root stays with CONCEDE.
    row("08",   Concede,   "",           ""),
    row("080",  Concede,   "",           ""),
    row("081",  Concede,   "",           "rights_freedoms"),
    row("0811", Concede,   "",           "rights_freedoms"),
    row("0812", Concede,   "",           "political_institutions"),
    row("0813", Retreat,   "",           "rights_freedoms"),
    row("0814", Retreat,   "",           "rights_freedoms"),
    row("082",  Concede,   "",           ""),
    row("083",  Concede,   "",           "political_institutions"),
    row("0831", Concede,   "",           "political_institutions"),
    row("0832", Concede,   "",           "executive"),
    row("0833", Concede,   "",           "rights_freedoms"),
    row("0834", Concede,   "",           "political_institutions"),
    row("084",  Retreat,   "release",    ""),
    row("0841", Retreat,   "release",    ""),
    row("0842", Retreat,   "return",     ""),
    row("085",  Retreat,   "",           "economic"),
    row("086",  Retreat,   "",           "diplomatic"),
    row("0861", Retreat,   "",           "peacekeeping"),
    row("0862", Retreat,   "",           "diplomatic"),
    row("0863", Retreat,   "",           "humanitarian"),
    row("087",  Retreat,   "",           "military"),
    row("0871", Retreat,   "ceasefire",  "military"),
    row("0872", Retreat,   "",           "military"),
    row("0873", Retreat,   "disarm",     "military"),
    row("0874", Retreat,   "withdraw",   "military"),

    row("09",   Accuse,    "investigate", ""),
    row("090",  Accuse,    "investigate", ""),
    row("091",  Accuse,    "investigate", "crime"),
    row("092",  Accuse,    "investigate", "human_rights"),
    row("093",  Accuse,    "investigate", "military"),
    row("094",  Accuse,    "investigate", "war_crimes"),

    row("10",   Request,   "",           ""),
    row("100",  Request,   "",           ""),
    row("101",  Request,   "",           "diplomatic"),
    row("1011", Request,   "",           "economic"),
    row("1012", Request,   "",           "military"),
    row("1013", Request,   "",           "legal"),
    row("1014", Request,   "",           "intelligence"),
    row("102",  Request,   "",           "diplomatic"),
    row("103",  Request,   "",           "diplomatic"),
    row("1031", Request,   "",           "economic"),
    row("1032", Request,   "",           "military"),
    row("1033", Request,   "",           "humanitarian"),
    row("1034", Request,   "",           "peacekeeping"),
    row("104",  Request,   "",           "political_institutions"),
    row("1041", Request,   "",           "political_institutions"),
    row("1042", Request,   "",           "executive"),
    row("1043", Request,   "",           "rights_freedoms"),
    row("1044", Request,   "",           "political_institutions"),
    row("105",  Request,   "",           ""),
    row("1051", Request,   "",           "rights_freedoms"),
    row("1052", Request,   "",           ""),
    row("1053", Request,   "",           "rights_freedoms"),
    row("1054", Request,   "",           "economic"),
    row("1055", Request,   "",           "diplomatic"),
    row("1056", Request,   "",           "military"),
    row("106",  Request,   "",           "diplomatic"),
    row("107",  Request,   "",           "diplomatic"),
    row("108",  Request,   "",           "diplomatic"),

    row("11",   Accuse,    "",           ""),
    row("110",  Accuse,    "disapprove", ""),
    row("111",  Accuse,    "disapprove", ""),
    row("112",  Accuse,    "allege",     ""),
    row("1121", Accuse,    "allege",     "crime"),
    row("1122", Accuse,    "allege",     "human_rights"),
    row("1123", Accuse,    "allege",     "military"),
    row("1124", Accuse,    "allege",     "war_crimes"),
    row("1125", Accuse,    "allege",     "intelligence"),
    row("113",  Accuse,    "disapprove", ""),
    row("114",  Accuse,    "disapprove", ""),
    row("115",  Accuse,    "sue",        "legal"),
    row("116",  Accuse,    "",           "legal"),

    row("12",   Reject,    "",           ""),
    row("120",  Reject,    "",           ""),
    row("121",  Reject,    "",           "diplomatic"),
    row("1211", Reject,    "",           "economic"),
    row("1212", Reject,    "",           "military"),
    row("1213", Reject,    "",           "legal"),
    row("1214", Reject,    "",           "intelligence"),
    row("122",  Reject,    "",           "diplomatic"),
    row("1221", Reject,    "",           "economic"),
    row("1222", Reject,    "",           "military"),
    row("1223", Reject,    "",           "humanitarian"),
    row("1224", Reject,    "",           "peacekeeping"),
    row("123",  Reject,    "",           "political_institutions"),
    row("1231", Reject,    "",           "political_institutions"),
    row("1232", Reject,    "",           "executive"),
    row("1233", Reject,    "",           "rights_freedoms"),
    row("1234", Reject,    "",           "political_institutions"),
    row("124",  Reject,    "",           ""),
    row("1241", Reject,    "",           "rights_freedoms"),
    row("1242", Reject,    "",           ""),
    row("1243", Reject,    "",           "rights_freedoms"),
    row("1244", Reject,    "",           "economic"),
    row("1245", Reject,    "",           "diplomatic"),
    row("1246", Reject,    "",           "military"),
    row("125",  Reject,    "",           "diplomatic"),
    row("126",  Reject,    "",           "diplomatic"),
    row("127",  Reject,    "",           "diplomatic"),
    row("128",  Reject,    "",           "legal"),
    row("129",  Reject,    "",           "diplomatic"),

    row("13",   Threaten,  "",           ""),
    row("130",  Threaten,  "",           ""),
    row("131",  Threaten,  "",           ""),
    row("1311", Threaten,  "",           "economic"),
    row("1312", Threaten,  "",           "economic"),
    row("1313", Threaten,  "",           "diplomatic"),
    row("132",  Threaten,  "",           "rights_freedoms"),
    row("1321", Threaten,  "",           "rights_freedoms"),
    row("1322", Threaten,  "",           "political_institutions"),
    row("1323", Threaten,  "",           "rights_freedoms"),
    row("1324", Threaten,  "",           "rights_freedoms"),
    row("133",  Threaten,  "",           ""),
    row("134",  Threaten,  "",           "diplomatic"),
    row("135",  Threaten,  "",           "diplomatic"),
    row("136",  Threaten,  "",           "diplomatic"),
    row("137",  Threaten,  "",           "rights_freedoms"),
    row("138",  Threaten,  "",           "military"),
    row("1381", Threaten,  "",           "military"),
    row("1382", Threaten,  "",           "military"),
    row("1383", Threaten,  "",           "military"),
    row("1384", Threaten,  "",           "military"),
    row("1385", Threaten,  "",           "military"),
    row("139",  Threaten,  "",           ""),

    row("14",   Protest,   "",           ""),
    row("140",  Protest,   "",           ""),
    row("141",  Protest,   "demo",       ""),
    row("1411", Protest,   "demo",       "political_institutions"),
    row("1412", Protest,   "demo",       "executive"),
    row("1413", Protest,   "demo",       "rights_freedoms"),
    row("1414", Protest,   "demo",       "political_institutions"),
    row("142",  Protest,   "hunger",     ""),
    row("1421", Protest,   "hunger",     "political_institutions"),
    row("1422", Protest,   "hunger",     "executive"),
    row("1423", Protest,   "hunger",     "rights_freedoms"),
    row("1424", Protest,   "hunger",     "political_institutions"),
    row("143",  Protest,   "strike",     ""),
    row("1431", Protest,   "strike",     "political_institutions"),
    row("1432", Protest,   "strike",     "executive"),
    row("1433", Protest,   "strike",     "rights_freedoms"),
    row("1434", Protest,   "strike",     "political_institutions"),
    row("144",  Protest,   "obstruct",   ""),
    row("1441", Protest,   "obstruct",   "political_institutions"),
    row("1442", Protest,   "obstruct",   "executive"),
    row("1443", Protest,   "obstruct",   "rights_freedoms"),
    row("1444", Protest,   "obstruct",   "political_institutions"),
    row("145",  Protest,   "riot",       ""),
    row("1451", Protest,   "riot",       "political_institutions"),
    row("1452", Protest,   "riot",       "executive"),
    row("1453", Protest,   "riot",       "rights_freedoms"),
    row("1454", Protest,   "riot",       "political_institutions"),

    row("15",   Mobilize,  "",           ""),
    row("150",  Mobilize,  "",           ""),
    row("151",  Mobilize,  "police",     ""),
    row("152",  Mobilize,  "troops",     ""),
    row("153",  Mobilize,  "police",     ""),
    row("154",  Mobilize,  "troops",     ""),

    row("16",   Sanction,  "",           ""),
    row("160",  Sanction,  "",           ""),
    row("161",  Sanction,  "",           "diplomatic"),
    row("162",  Sanction,  "",           ""),
    row("1621", Sanction,  "",           "economic"),
    row("1622", Sanction,  "",           "military"),
    row("1623", Sanction,  "",           "humanitarian"),
    row("163",  Coerce,    "",           "economic"),
    row("164",  Sanction,  "",           "diplomatic"),
    row("165",  Sanction,  "",           "diplomatic"),
    row("166",  Sanction,  "expel",      ""),
    row("1661", Sanction,  "expel",      "peacekeeping"),
    row("1662", Sanction,  "expel",      "diplomatic"),
    row("1663", Sanction,  "expel",      "humanitarian"),

    row("17",   Coerce,    "",           ""),
    row("170",  Coerce,    "",           ""),
    row("171",  Coerce,    "seize",      ""),
    row("1711", Coerce,    "seize",      ""),
    row("1712", Assault,   "destroy",    ""),
    row("172",  Coerce,    "",           "rights_freedoms"),
    row("1721", Coerce,    "",           "rights_freedoms"),
    row("1722", Coerce,    "",           "political_institutions"),
    row("1723", Coerce,    "",           "rights_freedoms"),
    row("1724", Coerce,    "",           "rights_freedoms"),
    row("173",  Coerce,    "arrest",     ""),
    row("174",  Coerce,    "deport",     ""),
    row("175",  Assault,   "",           ""),
    row("176",  Coerce,    "",           "cyber"),

    row("18",   Assault,   "",           ""),
    row("180",  Assault,   "",           ""),
    row("181",  Assault,   "abduct",     ""),
    row("182",  Assault,   "beat",       ""),
    row("1821", Assault,   "sexual",     ""),
    row("1822", Assault,   "torture",    ""),
    row("1823", Assault,   "beat",       ""),
    row("183",  Assault,   "explosives", ""),
    row("1831", Assault,   "explosives", ""),
    row("1832", Assault,   "explosives", ""),
    row("1833", Assault,   "explosives", ""),
    row("184",  Assault,   "",           ""),
    row("185",  Assault,   "",           ""),
    row("186",  Assault,   "",           ""),

    row("19",   Assault,   "",           ""),
    row("190",  Assault,   "",           "military"),
    row("191",  Coerce,    "blockade",   "military"),
    row("192",  Coerce,    "occupy",     "military"),
    row("193",  Assault,   "firearms",   "military"),
    row("194",  Assault,   "artillery",  "military"),
    row("195",  Assault,   "aerial",     "military"),
    row("196",  Assault,   "",           "military"),

    row("20",   Assault,   "",           ""),
    row("200",  Assault,   "",           ""),
    row("201",  Assault,   "expel",      ""),
    row("202",  Assault,   "",           ""),
    row("203",  Assault,   "",           ""),
    row("204",  Assault,   "CBRN",       ""),
    row("2041", Assault,   "CBRN",       ""),
    row("2042", Assault,   "nuclear",    ""),
];

/// The mapping for a code that is in the codebook. Rows are looked up from the most specific
/// code upwards, so a code is always covered once its root is.
pub(crate) fn mapping_for_known_code(code: &str) -> &'static PloverMapping {
    let mut prefix = code;
    loop {
        if let Ok(index) = CROSSWALK.binary_search_by(|(probe, _)| (*probe).cmp(prefix)) {
            return &CROSSWALK[index].1;
        }
        match prefix.len() {
            0..=2 => return &ROOTLESS,
            len => prefix = &prefix[..len - 1],
        }
    }
}

/// Never reached for codebook codes (the tests check every root has a row); it keeps the
/// lookup total without a panic.
static ROOTLESS: PloverMapping = PloverMapping { event: PloverEvent::Support, mode: None, context: None };

/// The PLOVER mapping of a CAMEO event code.
pub fn plover_for(code: &str) -> Result<&'static PloverMapping, OntologyError> {
    event_type(code).map(EventType::plover)
}

/// Every CAMEO code whose mapping is `event`, in codebook order.
pub fn cameo_for_plover(event: PloverEvent) -> Vec<&'static EventType> {
    event_types().iter().filter(|event_type| event_type.plover().event == event).collect()
}

#[cfg(test)]
mod tests {
    use super::CROSSWALK;
    use crate::event_types;

    #[test]
    fn crosswalk_has_one_row_per_codebook_code() {
        let crosswalk: Vec<&str> = CROSSWALK.iter().map(|(code, _)| *code).collect();
        let codebook: Vec<&str> = event_types().iter().map(|event| event.code).collect();
        assert_eq!(crosswalk, codebook);
    }

    #[test]
    fn crosswalk_uses_only_draft_0_8_events() {
        for (code, mapping) in CROSSWALK {
            assert!(mapping.event.in_draft_0_8(), "{code} maps to {}", mapping.event);
        }
    }
}
