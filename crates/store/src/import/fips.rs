//! FIPS 10-4 country codes, which GDELT writes in its geography columns, and the ISO 3166-1
//! alpha-3 codes the store uses everywhere else.

use std::collections::HashMap;
use std::sync::OnceLock;

/// FIPS 10-4 → ISO-3, for the countries and territories GDELT locates events in. West Bank and
/// Gaza are separate in FIPS and both Palestine in ISO; the first listed is written on export.
#[rustfmt::skip]
static FIPS_TO_ISO3: &[(&str, &str)] = &[
    ("AA", "ABW"), ("AC", "ATG"), ("AE", "ARE"), ("AF", "AFG"), ("AG", "DZA"), ("AJ", "AZE"), ("AL", "ALB"), ("AM", "ARM"),
    ("AN", "AND"), ("AO", "AGO"), ("AQ", "ASM"), ("AR", "ARG"), ("AS", "AUS"), ("AU", "AUT"), ("AV", "AIA"), ("AY", "ATA"),
    ("BA", "BHR"), ("BB", "BRB"), ("BC", "BWA"), ("BD", "BMU"), ("BE", "BEL"), ("BF", "BHS"), ("BG", "BGD"), ("BH", "BLZ"),
    ("BK", "BIH"), ("BL", "BOL"), ("BM", "MMR"), ("BN", "BEN"), ("BO", "BLR"), ("BP", "SLB"), ("BR", "BRA"), ("BT", "BTN"),
    ("BU", "BGR"), ("BV", "BVT"), ("BX", "BRN"), ("BY", "BDI"), ("CA", "CAN"), ("CB", "KHM"), ("CD", "TCD"), ("CE", "LKA"),
    ("CF", "COG"), ("CG", "COD"), ("CH", "CHN"), ("CI", "CHL"), ("CJ", "CYM"), ("CK", "CCK"), ("CM", "CMR"), ("CN", "COM"),
    ("CO", "COL"), ("CQ", "MNP"), ("CS", "CRI"), ("CT", "CAF"), ("CU", "CUB"), ("CV", "CPV"), ("CW", "COK"), ("CY", "CYP"),
    ("DA", "DNK"), ("DJ", "DJI"), ("DO", "DMA"), ("DR", "DOM"), ("EC", "ECU"), ("EG", "EGY"), ("EI", "IRL"), ("EK", "GNQ"),
    ("EN", "EST"), ("ER", "ERI"), ("ES", "SLV"), ("ET", "ETH"), ("EZ", "CZE"), ("FG", "GUF"), ("FI", "FIN"), ("FJ", "FJI"),
    ("FK", "FLK"), ("FM", "FSM"), ("FO", "FRO"), ("FP", "PYF"), ("FR", "FRA"), ("FS", "ATF"), ("GA", "GMB"), ("GB", "GAB"),
    ("GG", "GEO"), ("GH", "GHA"), ("GI", "GIB"), ("GJ", "GRD"), ("GK", "GGY"), ("GL", "GRL"), ("GM", "DEU"), ("GP", "GLP"),
    ("GQ", "GUM"), ("GR", "GRC"), ("GT", "GTM"), ("GV", "GIN"), ("GY", "GUY"), ("WE", "PSE"), ("GZ", "PSE"), ("HA", "HTI"),
    ("HK", "HKG"), ("HM", "HMD"), ("HO", "HND"), ("HR", "HRV"), ("HU", "HUN"), ("IC", "ISL"), ("ID", "IDN"), ("IM", "IMN"),
    ("IN", "IND"), ("IO", "IOT"), ("IR", "IRN"), ("IS", "ISR"), ("IT", "ITA"), ("IV", "CIV"), ("IZ", "IRQ"), ("JA", "JPN"),
    ("JE", "JEY"), ("JM", "JAM"), ("JO", "JOR"), ("KE", "KEN"), ("KG", "KGZ"), ("KN", "PRK"), ("KR", "KIR"), ("KS", "KOR"),
    ("KT", "CXR"), ("KU", "KWT"), ("KV", "XKX"), ("KZ", "KAZ"), ("LA", "LAO"), ("LE", "LBN"), ("LG", "LVA"), ("LH", "LTU"),
    ("LI", "LBR"), ("LO", "SVK"), ("LS", "LIE"), ("LT", "LSO"), ("LU", "LUX"), ("LY", "LBY"), ("MA", "MDG"), ("MB", "MTQ"),
    ("MC", "MAC"), ("MD", "MDA"), ("MF", "MYT"), ("MG", "MNG"), ("MH", "MSR"), ("MI", "MWI"), ("MJ", "MNE"), ("MK", "MKD"),
    ("ML", "MLI"), ("MN", "MCO"), ("MO", "MAR"), ("MP", "MUS"), ("MR", "MRT"), ("MT", "MLT"), ("MU", "OMN"), ("MV", "MDV"),
    ("MX", "MEX"), ("MY", "MYS"), ("MZ", "MOZ"), ("NC", "NCL"), ("NE", "NIU"), ("NF", "NFK"), ("NG", "NER"), ("NH", "VUT"),
    ("NI", "NGA"), ("NL", "NLD"), ("NN", "SXM"), ("NO", "NOR"), ("NP", "NPL"), ("NR", "NRU"), ("NS", "SUR"), ("NT", "ANT"),
    ("NU", "NIC"), ("NZ", "NZL"), ("OD", "SSD"), ("PA", "PRY"), ("PC", "PCN"), ("PE", "PER"), ("PK", "PAK"), ("PL", "POL"),
    ("PM", "PAN"), ("PO", "PRT"), ("PP", "PNG"), ("PS", "PLW"), ("PU", "GNB"), ("QA", "QAT"), ("RE", "REU"), ("RI", "SRB"),
    ("RM", "MHL"), ("RN", "MAF"), ("RO", "ROU"), ("RP", "PHL"), ("RQ", "PRI"), ("RS", "RUS"), ("RW", "RWA"), ("SA", "SAU"),
    ("SB", "SPM"), ("SC", "KNA"), ("SE", "SYC"), ("SF", "ZAF"), ("SG", "SEN"), ("SH", "SHN"), ("SI", "SVN"), ("SL", "SLE"),
    ("SM", "SMR"), ("SN", "SGP"), ("SO", "SOM"), ("SP", "ESP"), ("ST", "LCA"), ("SU", "SDN"), ("SV", "SJM"), ("SW", "SWE"),
    ("SX", "SGS"), ("SY", "SYR"), ("SZ", "CHE"), ("TB", "BLM"), ("TD", "TTO"), ("TH", "THA"), ("TI", "TJK"), ("TK", "TCA"),
    ("TL", "TKL"), ("TN", "TON"), ("TO", "TGO"), ("TP", "STP"), ("TS", "TUN"), ("TT", "TLS"), ("TU", "TUR"), ("TV", "TUV"),
    ("TW", "TWN"), ("TX", "TKM"), ("TZ", "TZA"), ("UC", "CUW"), ("UG", "UGA"), ("UK", "GBR"), ("UP", "UKR"), ("US", "USA"),
    ("UV", "BFA"), ("UY", "URY"), ("UZ", "UZB"), ("VC", "VCT"), ("VE", "VEN"), ("VI", "VGB"), ("VM", "VNM"), ("VQ", "VIR"),
    ("VT", "VAT"), ("WA", "NAM"), ("WF", "WLF"), ("WI", "ESH"), ("WS", "WSM"), ("WZ", "SWZ"), ("YM", "YEM"), ("ZA", "ZMB"),
    ("ZI", "ZWE"),
];

struct Tables {
    to_iso3: HashMap<&'static str, &'static str>,
    to_fips: HashMap<&'static str, &'static str>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut to_fips = HashMap::new();
        for &(fips, iso3) in FIPS_TO_ISO3 {
            to_fips.entry(iso3).or_insert(fips);
        }
        Tables { to_iso3: FIPS_TO_ISO3.iter().copied().collect(), to_fips }
    })
}

/// The ISO-3 code of a FIPS 10-4 country code, if it names a country or territory.
pub fn iso3_of_fips(fips: &str) -> Option<&'static str> {
    tables().to_iso3.get(fips).copied()
}

/// The FIPS 10-4 code of an ISO-3 code, if FIPS has one.
pub fn fips_of_iso3(iso3: &str) -> Option<&'static str> {
    tables().to_fips.get(iso3).copied()
}

/// A country as written in a GDELT geography column, made ISO-3: a FIPS code is translated, an
/// ISO-3 code (which tripwire's own GDELT rows carry) is kept, anything else is kept raw.
pub fn geo_country_to_iso3(value: &str) -> String {
    match value.len() {
        2 => iso3_of_fips(value).map(str::to_string).unwrap_or_else(|| value.to_string()),
        _ => value.to_string(),
    }
}

/// A country for a GDELT geography column: FIPS where it has one, the code as stored otherwise.
pub fn geo_country_from_iso3(iso3: &str) -> &str {
    fips_of_iso3(iso3).unwrap_or(iso3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fips_codes_differ_from_iso_where_it_matters() {
        assert_eq!(iso3_of_fips("UK"), Some("GBR"));
        assert_eq!(iso3_of_fips("GM"), Some("DEU"));
        assert_eq!(iso3_of_fips("IZ"), Some("IRQ"));
        assert_eq!(fips_of_iso3("AUT"), Some("AU"));
        assert_eq!(fips_of_iso3("AUS"), Some("AS"));
        assert_eq!(geo_country_to_iso3("XX"), "XX");
        assert_eq!(geo_country_to_iso3("USA"), "USA");
    }

    #[test]
    fn every_iso3_goes_back_to_a_fips_that_comes_back_to_it() {
        for &(_, iso3) in FIPS_TO_ISO3 {
            let fips = fips_of_iso3(iso3).unwrap();
            assert_eq!(iso3_of_fips(fips), Some(iso3));
        }
    }
}
