//! Readers for the gazetteer's data files. Each checks its header, the number of fields and every
//! value, and reports the first bad row by file and line; none panics on any input.

use crate::GazetteerError;

pub(crate) const COUNTRIES_HEADER: &[&str; 9] =
    &["iso3", "iso2", "geonameid", "name", "capital", "capital_geonameid", "population", "sovereign", "aliases"];

pub(crate) const CITIES_HEADER: &[&str; 10] =
    &["geonameid", "name", "ascii_name", "country", "admin1", "lat", "lon", "population", "is_capital", "alternates"];

pub(crate) const PREFERRED_HEADER: &[&str; 3] = &["name", "geonameid", "place"];

/// One row of `countries.tsv`.
#[derive(Debug, PartialEq)]
pub(crate) struct CountryRow<'t> {
    pub line: usize,
    pub iso3: &'t str,
    pub geonameid: u32,
    pub name: &'t str,
    pub capital_geonameid: Option<u32>,
    pub population: u64,
    /// `|`-separated.
    pub aliases: &'t str,
}

/// One row of `cities.tsv`.
#[derive(Debug, PartialEq)]
pub(crate) struct CityRow<'t> {
    pub line: usize,
    pub geonameid: u32,
    pub name: &'t str,
    pub ascii_name: &'t str,
    pub country: &'t str,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub is_capital: bool,
    /// `|`-separated.
    pub alternates: &'t str,
}

/// One row of `preferred.tsv`.
#[derive(Debug, PartialEq)]
pub(crate) struct PreferredRow<'t> {
    pub line: usize,
    pub name: &'t str,
    pub geonameid: u32,
}

/// The data rows of a TSV file with a `#` comment preamble and a header row, as
/// `(line number, fields)`, after checking the header and each row's field count.
fn rows<'t, const N: usize>(
    file: &'t str,
    text: &'t str,
    header: &'t [&'t str; N],
) -> Result<impl Iterator<Item = Result<(usize, [&'t str; N]), GazetteerError>> + 't, GazetteerError> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.starts_with('#'));
    match lines.next() {
        Some((_, line)) if line.split('\t').eq(header.iter().copied()) => {}
        Some((number, line)) => {
            return Err(GazetteerError::row(
                file,
                number,
                format!("header is {:?}, expected {:?}", truncate(line), header.join("\t")),
            ))
        }
        None => return Err(GazetteerError::row(file, 1, "no header row")),
    }
    Ok(lines.filter(|(_, line)| !line.is_empty()).map(move |(number, line)| {
        let mut fields = [""; N];
        let mut count = 0;
        for field in line.split('\t') {
            if let Some(slot) = fields.get_mut(count) {
                *slot = field;
            }
            count += 1;
        }
        if count != N {
            return Err(GazetteerError::row(file, number, format!("{count} fields, expected {N}")));
        }
        Ok((number, fields))
    }))
}

fn truncate(text: &str) -> &str {
    match text.char_indices().nth(80) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

struct Fields<'t, const N: usize> {
    file: &'t str,
    line: usize,
    header: &'t [&'t str; N],
    values: [&'t str; N],
}

impl<'t, const N: usize> Fields<'t, N> {
    fn get(&self, column: usize) -> &'t str {
        self.values.get(column).copied().unwrap_or("")
    }

    fn fail<T>(&self, column: usize, problem: &str) -> Result<T, GazetteerError> {
        let name = self.header.get(column).copied().unwrap_or("?");
        Err(GazetteerError::row(self.file, self.line, format!("{name} {:?}: {problem}", truncate(self.get(column)))))
    }

    fn text(&self, column: usize) -> Result<&'t str, GazetteerError> {
        let value = self.get(column);
        if value.trim().is_empty() || value.trim() != value {
            return self.fail(column, "empty, or spaces at an end");
        }
        Ok(value)
    }

    fn number<T: std::str::FromStr>(&self, column: usize) -> Result<T, GazetteerError> {
        let value = self.get(column);
        // `parse` would also take a leading '+'; the files never write one.
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return self.fail(column, "not a whole number");
        }
        value.parse().or_else(|_| self.fail(column, "out of range"))
    }

    fn optional_number<T: std::str::FromStr>(&self, column: usize) -> Result<Option<T>, GazetteerError> {
        if self.get(column).is_empty() {
            Ok(None)
        } else {
            self.number(column).map(Some)
        }
    }

    fn flag(&self, column: usize) -> Result<bool, GazetteerError> {
        match self.get(column) {
            "0" => Ok(false),
            "1" => Ok(true),
            _ => self.fail(column, "expected 0 or 1"),
        }
    }

    fn degrees(&self, column: usize, limit: f64) -> Result<f64, GazetteerError> {
        match self.get(column).parse::<f64>() {
            Ok(value) if value.is_finite() && value.abs() <= limit => Ok(value),
            _ => self.fail(column, &format!("not a coordinate within ±{limit}")),
        }
    }

    fn country_code(&self, column: usize, length: usize) -> Result<&'t str, GazetteerError> {
        let value = self.get(column);
        if value.len() != length || !value.bytes().all(|b| b.is_ascii_uppercase()) {
            return self.fail(column, &format!("expected {length} capital letters"));
        }
        Ok(value)
    }

    fn list(&self, column: usize) -> Result<&'t str, GazetteerError> {
        let value = self.get(column);
        if !value.is_empty() && value.split('|').any(|item| item.trim().is_empty() || item.trim() != item) {
            return self.fail(column, "an empty item, or spaces at an end of one");
        }
        Ok(value)
    }
}

pub(crate) fn parse_countries<'t>(file: &'t str, text: &'t str) -> Result<Vec<CountryRow<'t>>, GazetteerError> {
    rows(file, text, COUNTRIES_HEADER)?
        .map(|row| {
            let (line, values) = row?;
            let f = Fields { file, line, header: COUNTRIES_HEADER, values };
            f.country_code(1, 2)?;
            f.flag(7)?;
            Ok(CountryRow {
                line,
                iso3: f.country_code(0, 3)?,
                geonameid: f.number(2)?,
                name: f.text(3)?,
                capital_geonameid: f.optional_number(5)?,
                population: f.number(6)?,
                aliases: f.list(8)?,
            })
        })
        .collect()
}

pub(crate) fn parse_cities<'t>(file: &'t str, text: &'t str) -> Result<Vec<CityRow<'t>>, GazetteerError> {
    rows(file, text, CITIES_HEADER)?
        .map(|row| {
            let (line, values) = row?;
            let f = Fields { file, line, header: CITIES_HEADER, values };
            Ok(CityRow {
                line,
                geonameid: f.number(0)?,
                name: f.text(1)?,
                ascii_name: f.text(2)?,
                country: f.country_code(3, 3)?,
                lat: f.degrees(5, 90.0)?,
                lon: f.degrees(6, 180.0)?,
                population: f.number(7)?,
                is_capital: f.flag(8)?,
                alternates: f.list(9)?,
            })
        })
        .collect()
}

pub(crate) fn parse_preferred<'t>(file: &'t str, text: &'t str) -> Result<Vec<PreferredRow<'t>>, GazetteerError> {
    rows(file, text, PREFERRED_HEADER)?
        .map(|row| {
            let (line, values) = row?;
            let f = Fields { file, line, header: PREFERRED_HEADER, values };
            Ok(PreferredRow { line, name: f.text(0)?, geonameid: f.number(1)? })
        })
        .collect()
}

/// The names of `not-places.txt`: one a line, `#` comments and blank lines skipped.
pub(crate) fn parse_name_list(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CITY_HEADER_LINE: &str =
        "geonameid\tname\tascii_name\tcountry\tadmin1\tlat\tlon\tpopulation\tis_capital\talternates";

    #[test]
    fn a_bad_row_is_reported_by_file_and_line() {
        let text = format!(
            "# comment\n{CITY_HEADER_LINE}\n1\tA\tA\tOMN\t\t1.0\t2.0\t5\t0\t\n2\tB\tB\tOMN\t\t91.0\t2.0\t5\t0\t\n"
        );
        let error = parse_cities("cities.tsv", &text).unwrap_err();
        match error {
            GazetteerError::Row { file, line, problem } => {
                assert_eq!(file, "cities.tsv");
                assert_eq!(line, 4);
                assert!(problem.starts_with("lat"), "{problem}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_wrong_header_or_field_count_is_an_error() {
        assert!(parse_cities("c", "geonameid\tname\n").is_err());
        assert!(parse_cities("c", "").is_err());
        let short = format!("{CITY_HEADER_LINE}\n1\tA\n");
        assert!(matches!(parse_cities("c", &short), Err(GazetteerError::Row { line: 2, .. })));
    }

    #[test]
    fn numbers_reject_signs_and_overflow() {
        let signed = format!("{CITY_HEADER_LINE}\n+1\tA\tA\tOMN\t\t1.0\t2.0\t5\t0\t\n");
        assert!(parse_cities("c", &signed).is_err());
        let huge = format!("{CITY_HEADER_LINE}\n99999999999\tA\tA\tOMN\t\t1.0\t2.0\t5\t0\t\n");
        assert!(parse_cities("c", &huge).is_err());
        let nan = format!("{CITY_HEADER_LINE}\n1\tA\tA\tOMN\t\tNaN\t2.0\t5\t0\t\n");
        assert!(parse_cities("c", &nan).is_err());
    }
}
