//! Feed bodies as plain text: HTML tags stripped (scripts, styles and comments dropped), block
//! elements turned into line breaks, entities decoded, whitespace tidied.
//!
//! Only numeric entities, the five XML ones and the HTML names news feeds use are decoded; any
//! other `&name;` (including one a document's own DTD declares) stays as written, so no feed can
//! make the reader expand entities or fetch external ones.

use std::borrow::Cow;

/// Collapses runs of spaces within lines and blank runs of lines, keeping paragraph breaks.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_lines = 0;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank_lines = 0;
    }
    out
}

pub(crate) fn is_block(tag: &str) -> bool {
    matches!(
        tag.to_ascii_lowercase().as_str(),
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "tr"
            | "table"
            | "section"
            | "article"
            | "figcaption"
            | "pre"
    )
}

/// Strips HTML tags from a body (dropping scripts, styles and comments), breaks lines at block
/// elements, and decodes entities.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        if let Some(comment_end) = rest.strip_prefix("<!--").and_then(|r| r.find("-->").map(|e| e + 7)) {
            rest = &rest[comment_end..];
            continue;
        }
        let Some(close) = rest.find('>') else {
            // A lone '<' ("a < b") is text.
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() && !tag.starts_with('/') && !tag.starts_with('!') {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        rest = &rest[close + 1..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let end = format!("</{name}");
            match rest.to_ascii_lowercase().find(&end) {
                Some(e) => rest = &rest[e..],
                None => rest = "",
            }
            continue;
        }
        if is_block(&name) {
            out.push('\n');
        } else {
            out.push(' ');
        }
    }
    out.push_str(rest);
    tidy(&decode_entities(&out)).lines().map(tidy_inline).collect::<Vec<_>>().join("\n")
}

/// Removes the space a stripped inline tag leaves before punctuation ("<b>Kyiv</b>, Monday").
fn tidy_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out
}

/// Decodes XML and HTML entities: numeric ones, the XML five and the HTML names news feeds use.
/// Unknown entities are kept as written.
pub(crate) fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.get(1..rest.len().min(12)).and_then(|window| {
            let end = window.find(';')?;
            let entity = &window[..end];
            let c = if let Some(num) = entity.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse().ok()?,
                };
                char::from_u32(code)?.to_string()
            } else {
                named_entity(entity)?.to_string()
            };
            Some((c, end + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ndash" => "–",
        "mdash" => "—",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "euro" => "€",
        "pound" => "£",
        "copy" => "©",
        "deg" => "°",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "oacute" => "ó",
        "uacute" => "ú",
        "iacute" => "í",
        "ntilde" => "ñ",
        "ouml" => "ö",
        "uuml" => "ü",
        "auml" => "ä",
        "ccedil" => "ç",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_bodies_lose_tags_scripts_and_entities() {
        let text = html_to_text(
            "<p>Troops entered <b>Jenin</b>, officials said.</p><script>var x = '<p>';</script>\
             <p>Talks &amp; more talks&nbsp;&#8212; in &quot;Muscat&quot;.<br/>End</p><!-- c -->",
        );
        assert_eq!(text, "Troops entered Jenin, officials said.\n\nTalks & more talks — in \"Muscat\".\nEnd");
        assert_eq!(html_to_text("a < b and c > d"), "a < b and c > d");
    }

    #[test]
    fn unknown_entities_stay_as_written() {
        assert_eq!(decode_entities("AT&T &bogus; &#x41;"), "AT&T &bogus; A");
    }
}
