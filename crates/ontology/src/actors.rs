//! The 3-letter segments that CAMEO actor codes are built from.

use crate::OntologyError;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A state's standing at the United Nations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum UnStatus {
    Member,
    /// Non-member observer state (Palestine, the Holy See).
    Observer,
    /// Dependent territories and places of disputed or limited recognition.
    Territory,
    /// States that no longer exist but still appear in historical event data.
    Former,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Country {
    /// ISO 3166-1 alpha-3, or the code CAMEO settled on where ISO has none (`XKX` Kosovo).
    pub iso3: &'static str,
    pub name: &'static str,
    pub un_status: UnStatus,
}

/// What a 3-letter actor segment denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ActorKind {
    Country,
    Region,
    /// Intergovernmental organisations: the `IGO` prefix and named ones (`UNO`, `NAT`).
    Igo,
    Ngo,
    Mnc,
    /// Domestic roles and sectors that qualify another code (`GOV`, `MIL`, `REB`).
    Sector,
    Religion,
    Ethnic,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ActorType {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: ActorKind,
}

const fn member(iso3: &'static str, name: &'static str) -> Country {
    Country { iso3, name, un_status: UnStatus::Member }
}
const fn observer(iso3: &'static str, name: &'static str) -> Country {
    Country { iso3, name, un_status: UnStatus::Observer }
}
const fn territory(iso3: &'static str, name: &'static str) -> Country {
    Country { iso3, name, un_status: UnStatus::Territory }
}
const fn former(iso3: &'static str, name: &'static str) -> Country {
    Country { iso3, name, un_status: UnStatus::Former }
}

#[rustfmt::skip]
static COUNTRIES: &[Country] = &[
    member("AFG", "Afghanistan"),
    member("ALB", "Albania"),
    member("DZA", "Algeria"),
    member("AND", "Andorra"),
    member("AGO", "Angola"),
    member("ATG", "Antigua and Barbuda"),
    member("ARG", "Argentina"),
    member("ARM", "Armenia"),
    member("AUS", "Australia"),
    member("AUT", "Austria"),
    member("AZE", "Azerbaijan"),
    member("BHS", "Bahamas"),
    member("BHR", "Bahrain"),
    member("BGD", "Bangladesh"),
    member("BRB", "Barbados"),
    member("BLR", "Belarus"),
    member("BEL", "Belgium"),
    member("BLZ", "Belize"),
    member("BEN", "Benin"),
    member("BTN", "Bhutan"),
    member("BOL", "Bolivia"),
    member("BIH", "Bosnia and Herzegovina"),
    member("BWA", "Botswana"),
    member("BRA", "Brazil"),
    member("BRN", "Brunei Darussalam"),
    member("BGR", "Bulgaria"),
    member("BFA", "Burkina Faso"),
    member("BDI", "Burundi"),
    member("CPV", "Cabo Verde"),
    member("KHM", "Cambodia"),
    member("CMR", "Cameroon"),
    member("CAN", "Canada"),
    member("CAF", "Central African Republic"),
    member("TCD", "Chad"),
    member("CHL", "Chile"),
    member("CHN", "China"),
    member("COL", "Colombia"),
    member("COM", "Comoros"),
    member("COG", "Congo"),
    member("COD", "Democratic Republic of the Congo"),
    member("CRI", "Costa Rica"),
    member("CIV", "Cote d'Ivoire"),
    member("HRV", "Croatia"),
    member("CUB", "Cuba"),
    member("CYP", "Cyprus"),
    member("CZE", "Czechia"),
    member("DNK", "Denmark"),
    member("DJI", "Djibouti"),
    member("DMA", "Dominica"),
    member("DOM", "Dominican Republic"),
    member("ECU", "Ecuador"),
    member("EGY", "Egypt"),
    member("SLV", "El Salvador"),
    member("GNQ", "Equatorial Guinea"),
    member("ERI", "Eritrea"),
    member("EST", "Estonia"),
    member("SWZ", "Eswatini"),
    member("ETH", "Ethiopia"),
    member("FJI", "Fiji"),
    member("FIN", "Finland"),
    member("FRA", "France"),
    member("GAB", "Gabon"),
    member("GMB", "Gambia"),
    member("GEO", "Georgia"),
    member("DEU", "Germany"),
    member("GHA", "Ghana"),
    member("GRC", "Greece"),
    member("GRD", "Grenada"),
    member("GTM", "Guatemala"),
    member("GIN", "Guinea"),
    member("GNB", "Guinea-Bissau"),
    member("GUY", "Guyana"),
    member("HTI", "Haiti"),
    member("HND", "Honduras"),
    member("HUN", "Hungary"),
    member("ISL", "Iceland"),
    member("IND", "India"),
    member("IDN", "Indonesia"),
    member("IRN", "Iran"),
    member("IRQ", "Iraq"),
    member("IRL", "Ireland"),
    member("ISR", "Israel"),
    member("ITA", "Italy"),
    member("JAM", "Jamaica"),
    member("JPN", "Japan"),
    member("JOR", "Jordan"),
    member("KAZ", "Kazakhstan"),
    member("KEN", "Kenya"),
    member("KIR", "Kiribati"),
    member("PRK", "North Korea"),
    member("KOR", "South Korea"),
    member("KWT", "Kuwait"),
    member("KGZ", "Kyrgyzstan"),
    member("LAO", "Laos"),
    member("LVA", "Latvia"),
    member("LBN", "Lebanon"),
    member("LSO", "Lesotho"),
    member("LBR", "Liberia"),
    member("LBY", "Libya"),
    member("LIE", "Liechtenstein"),
    member("LTU", "Lithuania"),
    member("LUX", "Luxembourg"),
    member("MDG", "Madagascar"),
    member("MWI", "Malawi"),
    member("MYS", "Malaysia"),
    member("MDV", "Maldives"),
    member("MLI", "Mali"),
    member("MLT", "Malta"),
    member("MHL", "Marshall Islands"),
    member("MRT", "Mauritania"),
    member("MUS", "Mauritius"),
    member("MEX", "Mexico"),
    member("FSM", "Micronesia"),
    member("MDA", "Moldova"),
    member("MCO", "Monaco"),
    member("MNG", "Mongolia"),
    member("MNE", "Montenegro"),
    member("MAR", "Morocco"),
    member("MOZ", "Mozambique"),
    member("MMR", "Myanmar"),
    member("NAM", "Namibia"),
    member("NRU", "Nauru"),
    member("NPL", "Nepal"),
    member("NLD", "Netherlands"),
    member("NZL", "New Zealand"),
    member("NIC", "Nicaragua"),
    member("NER", "Niger"),
    member("NGA", "Nigeria"),
    member("MKD", "North Macedonia"),
    member("NOR", "Norway"),
    member("OMN", "Oman"),
    member("PAK", "Pakistan"),
    member("PLW", "Palau"),
    member("PAN", "Panama"),
    member("PNG", "Papua New Guinea"),
    member("PRY", "Paraguay"),
    member("PER", "Peru"),
    member("PHL", "Philippines"),
    member("POL", "Poland"),
    member("PRT", "Portugal"),
    member("QAT", "Qatar"),
    member("ROU", "Romania"),
    member("RUS", "Russia"),
    member("RWA", "Rwanda"),
    member("KNA", "Saint Kitts and Nevis"),
    member("LCA", "Saint Lucia"),
    member("VCT", "Saint Vincent and the Grenadines"),
    member("WSM", "Samoa"),
    member("SMR", "San Marino"),
    member("STP", "Sao Tome and Principe"),
    member("SAU", "Saudi Arabia"),
    member("SEN", "Senegal"),
    member("SRB", "Serbia"),
    member("SYC", "Seychelles"),
    member("SLE", "Sierra Leone"),
    member("SGP", "Singapore"),
    member("SVK", "Slovakia"),
    member("SVN", "Slovenia"),
    member("SLB", "Solomon Islands"),
    member("SOM", "Somalia"),
    member("ZAF", "South Africa"),
    member("SSD", "South Sudan"),
    member("ESP", "Spain"),
    member("LKA", "Sri Lanka"),
    member("SDN", "Sudan"),
    member("SUR", "Suriname"),
    member("SWE", "Sweden"),
    member("CHE", "Switzerland"),
    member("SYR", "Syria"),
    member("TJK", "Tajikistan"),
    member("TZA", "Tanzania"),
    member("THA", "Thailand"),
    member("TLS", "Timor-Leste"),
    member("TGO", "Togo"),
    member("TON", "Tonga"),
    member("TTO", "Trinidad and Tobago"),
    member("TUN", "Tunisia"),
    member("TUR", "Turkey"),
    member("TKM", "Turkmenistan"),
    member("TUV", "Tuvalu"),
    member("UGA", "Uganda"),
    member("UKR", "Ukraine"),
    member("ARE", "United Arab Emirates"),
    member("GBR", "United Kingdom"),
    member("USA", "United States"),
    member("URY", "Uruguay"),
    member("UZB", "Uzbekistan"),
    member("VUT", "Vanuatu"),
    member("VEN", "Venezuela"),
    member("VNM", "Vietnam"),
    member("YEM", "Yemen"),
    member("ZMB", "Zambia"),
    member("ZWE", "Zimbabwe"),

    observer("PSE", "Palestine"),
    observer("VAT", "Holy See"),

    territory("XKX", "Kosovo"),
    territory("TWN", "Taiwan"),
    territory("ESH", "Western Sahara"),
    territory("HKG", "Hong Kong"),
    territory("MAC", "Macau"),
    territory("PRI", "Puerto Rico"),
    territory("GUM", "Guam"),
    territory("VIR", "United States Virgin Islands"),
    territory("ASM", "American Samoa"),
    territory("MNP", "Northern Mariana Islands"),
    territory("UMI", "United States Minor Outlying Islands"),
    territory("GRL", "Greenland"),
    territory("FRO", "Faroe Islands"),
    territory("BMU", "Bermuda"),
    territory("CYM", "Cayman Islands"),
    territory("VGB", "British Virgin Islands"),
    territory("AIA", "Anguilla"),
    territory("MSR", "Montserrat"),
    territory("TCA", "Turks and Caicos Islands"),
    territory("FLK", "Falkland Islands"),
    territory("GIB", "Gibraltar"),
    territory("SHN", "Saint Helena, Ascension and Tristan da Cunha"),
    territory("PCN", "Pitcairn Islands"),
    territory("IOT", "British Indian Ocean Territory"),
    territory("SGS", "South Georgia and the South Sandwich Islands"),
    territory("GGY", "Guernsey"),
    territory("JEY", "Jersey"),
    territory("IMN", "Isle of Man"),
    territory("ABW", "Aruba"),
    territory("CUW", "Curacao"),
    territory("SXM", "Sint Maarten"),
    territory("BES", "Bonaire, Sint Eustatius and Saba"),
    territory("GLP", "Guadeloupe"),
    territory("MTQ", "Martinique"),
    territory("GUF", "French Guiana"),
    territory("REU", "Reunion"),
    territory("MYT", "Mayotte"),
    territory("SPM", "Saint Pierre and Miquelon"),
    territory("BLM", "Saint Barthelemy"),
    territory("MAF", "Saint Martin"),
    territory("NCL", "New Caledonia"),
    territory("PYF", "French Polynesia"),
    territory("WLF", "Wallis and Futuna"),
    territory("ATF", "French Southern Territories"),
    territory("COK", "Cook Islands"),
    territory("NIU", "Niue"),
    territory("TKL", "Tokelau"),
    territory("NFK", "Norfolk Island"),
    territory("CXR", "Christmas Island"),
    territory("CCK", "Cocos (Keeling) Islands"),
    territory("HMD", "Heard Island and McDonald Islands"),
    territory("SJM", "Svalbard and Jan Mayen"),
    territory("BVT", "Bouvet Island"),
    territory("ALA", "Aland Islands"),
    territory("ATA", "Antarctica"),

    former("USR", "Soviet Union"),
    former("YUG", "Yugoslavia"),
    former("SCG", "Serbia and Montenegro"),
    former("CSK", "Czechoslovakia"),
    former("DDR", "German Democratic Republic"),
    former("YMD", "South Yemen"),
    former("ANT", "Netherlands Antilles"),
];

/// Codes found in CAMEO-coded data that are not (or no longer) ISO: each resolves to the
/// country listed second.
#[rustfmt::skip]
static COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("KSV", "XKX"),
    ("KOS", "XKX"),
    ("ROM", "ROU"),
    ("TMP", "TLS"),
    ("ZAR", "COD"),
    ("BUR", "MMR"),
    ("PAL", "PSE"),
];

const fn region(code: &'static str, name: &'static str) -> ActorType {
    ActorType { code, name, kind: ActorKind::Region }
}
const fn igo(code: &'static str, name: &'static str) -> ActorType {
    ActorType { code, name, kind: ActorKind::Igo }
}
const fn ngo(code: &'static str, name: &'static str) -> ActorType {
    ActorType { code, name, kind: ActorKind::Ngo }
}
const fn sector(code: &'static str, name: &'static str) -> ActorType {
    ActorType { code, name, kind: ActorKind::Sector }
}
const fn religion(code: &'static str, name: &'static str) -> ActorType {
    ActorType { code, name, kind: ActorKind::Religion }
}
const fn ethnic(code: &'static str, name: &'static str) -> ActorType {
    ActorType { code, name, kind: ActorKind::Ethnic }
}
const fn other(code: &'static str, name: &'static str) -> ActorType {
    ActorType { code, name, kind: ActorKind::Other }
}

/// Every segment that is not a country. Country codes are added from [`COUNTRIES`] and
/// [`COUNTRY_ALIASES`] when the registry is built.
#[rustfmt::skip]
static NON_COUNTRY_TYPES: &[ActorType] = &[
    // Regions. North America and Central Africa avoid NAM and CAF, which ISO gives to Namibia
    // and the Central African Republic.
    region("AFR", "Africa"),
    region("ARB", "Arab world"),
    region("ASA", "Asia"),
    region("BLK", "Balkans"),
    region("CAS", "Central Asia"),
    region("CAU", "Caucasus"),
    region("CEU", "Central Europe"),
    region("CFR", "Central Africa"),
    region("CRB", "Caribbean"),
    region("EAF", "East Africa"),
    region("EEU", "Eastern Europe"),
    region("EIN", "East Indies"),
    region("EUR", "Europe"),
    region("LAM", "Latin America"),
    region("MDT", "Mediterranean"),
    region("MEA", "Middle East"),
    region("NAF", "North Africa"),
    region("NMR", "North America"),
    region("PGS", "Persian Gulf"),
    region("SAF", "Southern Africa"),
    region("SAM", "South America"),
    region("SAS", "South Asia"),
    region("KAS", "Kashmir"),
    region("SCN", "Scandinavia"),
    region("SEA", "Southeast Asia"),
    region("WAF", "West Africa"),
    region("WEU", "Western Europe"),
    region("WST", "The West"),

    // Transnational prefixes.
    igo("IGO", "Intergovernmental organization"),
    ngo("NGO", "Nongovernmental organization"),
    ActorType { code: "MNC", name: "Multinational corporation", kind: ActorKind::Mnc },

    // Named intergovernmental organisations, written after IGO (and often a region).
    igo("ADB", "Asian Development Bank"),
    igo("AFB", "African Development Bank"),
    igo("AFU", "African Union"),
    igo("APE", "Organization of Arab Petroleum Exporting Countries"),
    igo("ARL", "Arab League"),
    igo("AMU", "Arab Maghreb Union"),
    igo("ASN", "Association of Southeast Asian Nations"),
    igo("BIS", "Bank for International Settlements"),
    igo("CEM", "Economic and Monetary Community of Central Africa"),
    igo("CIS", "Commonwealth of Independent States"),
    igo("COE", "Council of Europe"),
    igo("CSS", "Community of Sahel-Saharan States"),
    igo("CWN", "Commonwealth of Nations"),
    igo("EAC", "East African Community"),
    igo("EBR", "European Bank for Reconstruction and Development"),
    igo("EEC", "European Union"),
    igo("EFT", "European Free Trade Association"),
    igo("FAO", "Food and Agriculture Organization"),
    igo("GCC", "Gulf Cooperation Council"),
    igo("HCH", "Office of the UN High Commissioner for Human Rights"),
    igo("HCR", "Office of the UN High Commissioner for Refugees"),
    igo("IAD", "Intergovernmental Authority on Development"),
    igo("IAE", "International Atomic Energy Agency"),
    igo("ICC", "International Criminal Court"),
    igo("ICJ", "International Court of Justice"),
    igo("IDB", "Islamic Development Bank"),
    igo("ILO", "International Labour Organization"),
    igo("IMF", "International Monetary Fund"),
    igo("IOM", "International Organization for Migration"),
    igo("IPU", "Inter-Parliamentary Union"),
    igo("ITP", "Interpol"),
    igo("KID", "UNICEF"),
    igo("NAT", "North Atlantic Treaty Organization"),
    igo("NON", "Non-Aligned Movement"),
    igo("OAS", "Organization of American States"),
    igo("OAU", "Organization of African Unity"),
    igo("OIC", "Organization of Islamic Cooperation"),
    igo("OPC", "Organization of the Petroleum Exporting Countries"),
    igo("OSC", "Organization for Security and Co-operation in Europe"),
    igo("PCA", "Permanent Court of Arbitration"),
    igo("SAD", "Southern African Development Community"),
    igo("SCO", "Shanghai Cooperation Organisation"),
    igo("UNO", "United Nations"),
    igo("WAD", "West African Development Bank"),
    igo("WAS", "Economic Community of West African States"),
    igo("WBK", "World Bank"),
    igo("WCT", "International war crimes tribunals"),
    igo("WEF", "World Economic Forum"),
    igo("WFP", "World Food Programme"),
    igo("WHO", "World Health Organization"),
    igo("WTO", "World Trade Organization"),

    // Named non-governmental organisations, written after NGO.
    ngo("AMN", "Amnesty International"),
    ngo("FID", "International Federation for Human Rights"),
    ngo("GRP", "Greenpeace"),
    ngo("HRW", "Human Rights Watch"),
    ngo("ICG", "International Crisis Group"),
    ngo("IRC", "International Red Cross and Red Crescent"),
    ngo("MSF", "Medecins Sans Frontieres"),
    ngo("XFM", "Oxfam"),

    // Domestic roles and sectors.
    sector("AGR", "Agriculture"),
    sector("BUS", "Business"),
    sector("COP", "Police"),
    sector("CRM", "Criminal"),
    sector("CVL", "Civilian"),
    sector("DEV", "Development"),
    sector("EDU", "Education"),
    sector("ELI", "Elites"),
    sector("ENV", "Environment"),
    sector("FRM", "Former holder of the role"),
    sector("GOV", "Government"),
    sector("HLH", "Health"),
    sector("HRI", "Human rights"),
    sector("INS", "Insurgents"),
    sector("JUD", "Judiciary"),
    sector("LAB", "Labor"),
    sector("LEG", "Legislature"),
    sector("MED", "Media"),
    sector("MIL", "Military"),
    sector("MOD", "Moderate"),
    sector("OPP", "Political opposition"),
    sector("PPL", "General population"),
    sector("PTY", "Political party"),
    sector("RAD", "Radical"),
    sector("REB", "Rebels"),
    sector("REF", "Refugees"),
    sector("SEP", "Separatists"),
    sector("SPY", "State intelligence"),
    sector("UAF", "Unaffiliated armed forces"),

    // Religions and denominations. Saint Helena holds SHN, so Shinto has no code here.
    religion("ADR", "African diasporic religion"),
    religion("ALE", "Alawite"),
    religion("ATH", "Agnostic or atheist"),
    religion("BAH", "Baha'i"),
    religion("BUD", "Buddhism"),
    religion("CHR", "Christianity"),
    religion("CON", "Confucianism"),
    religion("CPT", "Coptic"),
    religion("CTH", "Catholic"),
    religion("DOX", "Orthodox"),
    religion("DRZ", "Druze"),
    religion("HIN", "Hinduism"),
    religion("HSD", "Hasidic"),
    religion("ITR", "Indigenous tribal religion"),
    religion("JAN", "Jainism"),
    religion("JEW", "Judaism"),
    religion("JHW", "Jehovah's Witnesses"),
    religion("LDS", "Latter Day Saints"),
    religion("MOS", "Islam"),
    religion("MRN", "Maronite"),
    religion("NRM", "New religious movement"),
    religion("PAG", "Pagan"),
    religion("PRO", "Protestant"),
    religion("REL", "Religious, denomination unspecified"),
    religion("SFI", "Sufi"),
    religion("SHI", "Shia"),
    religion("SIK", "Sikhism"),
    religion("SUN", "Sunni"),
    religion("TAO", "Taoism"),
    religion("UDX", "Ultra-Orthodox Judaism"),
    religion("ZRO", "Zoroastrianism"),

    // Ethnic groups.
    ethnic("BER", "Berber"),
    ethnic("HAZ", "Hazara"),
    ethnic("HUT", "Hutu"),
    ethnic("KUR", "Kurd"),
    ethnic("PSH", "Pashtun"),
    ethnic("TAM", "Tamil"),
    ethnic("TIB", "Tibetan"),
    ethnic("TUA", "Tuareg"),
    ethnic("TUT", "Tutsi"),
    ethnic("UIG", "Uyghur"),

    other("IMG", "International militarized group"),
    other("UIS", "Unidentified state actor"),
    // Qualifiers of a country code: a government before recognition, an occupation authority.
    other("UNR", "Unrecognized"),
    other("OCC", "Occupation"),

    // Named militant groups, written after IMG.
    other("ALQ", "Al-Qaeda"),
    other("ASF", "Abu Sayyaf"),
    other("ISI", "Islamic State"),
    other("JMA", "Jemaah Islamiyah"),
];

struct Registry {
    types: Vec<ActorType>,
    type_index: HashMap<&'static str, usize>,
    country_index: HashMap<&'static str, usize>,
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut country_index: HashMap<&'static str, usize> =
            COUNTRIES.iter().enumerate().map(|(index, country)| (country.iso3, index)).collect();
        for (alias, iso3) in COUNTRY_ALIASES {
            if let Some(&index) = country_index.get(iso3) {
                country_index.insert(alias, index);
            }
        }

        let countries = COUNTRIES.iter().map(|country| ActorType {
            code: country.iso3,
            name: country.name,
            kind: ActorKind::Country,
        });
        let aliases = COUNTRY_ALIASES.iter().filter_map(|(alias, iso3)| {
            let country = COUNTRIES.iter().find(|country| country.iso3 == *iso3)?;
            Some(ActorType { code: alias, name: country.name, kind: ActorKind::Country })
        });
        let types: Vec<ActorType> = countries.chain(aliases).chain(NON_COUNTRY_TYPES.iter().copied()).collect();

        // On a duplicate the first entry wins; the tests keep the tables free of them.
        let mut type_index = HashMap::with_capacity(types.len());
        for (index, actor_type) in types.iter().enumerate() {
            type_index.entry(actor_type.code).or_insert(index);
        }
        Registry { types, type_index, country_index }
    })
}

/// A country, territory or former state by its code; CAMEO's non-ISO aliases (`KSV`, `ROM`)
/// resolve to the current entry. Codes are upper case.
pub fn country(iso3: &str) -> Result<&'static Country, OntologyError> {
    registry()
        .country_index
        .get(iso3)
        .map(|&index| &COUNTRIES[index])
        .ok_or_else(|| OntologyError::UnknownCountry(iso3.to_string()))
}

/// Every country entry (members, observers, territories, former states), without aliases.
pub fn countries() -> &'static [Country] {
    COUNTRIES
}

/// Any 3-letter CAMEO actor segment, countries and their aliases included. Codes are upper case.
pub fn actor_type(code: &str) -> Result<&'static ActorType, OntologyError> {
    let registry = registry();
    registry
        .type_index
        .get(code)
        .map(|&index| &registry.types[index])
        .ok_or_else(|| OntologyError::UnknownActorCode { code: code.to_string(), segment: code.to_string() })
}

/// Every known segment: countries, aliases, then the other kinds.
pub fn actor_types() -> &'static [ActorType] {
    &registry().types
}

/// The role and sector codes (`GOV`, `MIL`, `REB`, ...).
pub fn agent_codes() -> impl Iterator<Item = &'static ActorType> {
    actor_types().iter().filter(|actor_type| actor_type.kind == ActorKind::Sector)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_segment_is_three_upper_case_letters() {
        for actor_type in actor_types() {
            assert_eq!(actor_type.code.len(), 3, "{}", actor_type.code);
            assert!(actor_type.code.bytes().all(|byte| byte.is_ascii_uppercase()), "{}", actor_type.code);
        }
    }

    #[test]
    fn no_code_means_two_things() {
        let mut seen = HashSet::new();
        for actor_type in actor_types() {
            assert!(seen.insert(actor_type.code), "{} is listed twice", actor_type.code);
        }
    }

    #[test]
    fn aliases_point_at_listed_countries_and_are_not_iso_codes_themselves() {
        for (alias, iso3) in COUNTRY_ALIASES {
            assert!(COUNTRIES.iter().any(|country| country.iso3 == *iso3), "{alias} → {iso3}");
            assert!(COUNTRIES.iter().all(|country| country.iso3 != *alias), "{alias} is also a country");
        }
    }
}
