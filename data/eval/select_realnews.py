#!/usr/bin/env python3
"""Chooses the sentences of the real-news evaluation set, mechanically, and prints one reference
per line (JSON): file, article key, date, sentence index, character span, hash and dev/test part.

    python3 data/eval/select_realnews.py ../shared/data/news > /tmp/references.jsonl

The rule (see README.md in this folder):
* Wikinews (both CSV files): articles of at most 5,000 characters whose title has one of the
  political words in TITLE_WORDS; in the order of the FNV-1a hash of their URL, the first
  SENTENCES_PER_ARTICLE sentences of each, until WIKINEWS_SENTENCES are taken.
* Reuters-21578 (reut2-000.sgm): stories with empty TOPICS and two or more PLACES; in the order of
  the FNV-1a hash of their NEWID, the first SENTENCES_PER_STORY sentences of each body, until
  REUTERS_SENTENCES are taken.
Spans are character offsets into the article text as the file has it (the CSV `text` field; the
raw content of the Reuters <BODY> element, read as Latin-1). The hash is FNV-1a 64 of the UTF-8
sentence, as 16 hex digits. The part is `dev` when FNV-1a 64 of the sentence id is even.
The script prints no text: the codings are added by hand to the references it prints.
"""
import csv
import json
import re
import sys

TITLE_WORDS = re.compile(
    r"\b(attacks?|bombs?|missile|strikes?|drone|troops?|military|invades?|sanctions?|bans?|summit|"
    r"talks|deal|agreement|protests?|protesters|demonstrations|expels?|expulsion|withdrawal|"
    r"arrest warrants?|impeach\w*|subpoena|restrictions|urges|denounces|admits|rejects|tells|"
    r"president|prime minister|minister|government|parliament)\b",
    re.IGNORECASE,
)
MAX_ARTICLE_CHARS = 5000
SENTENCES_PER_ARTICLE = 6
WIKINEWS_SENTENCES = 210
SENTENCES_PER_STORY = 3
REUTERS_SENTENCES = 60

ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "st", "no", "jan", "feb", "mar",
                 "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co",
                 "ltd", "jr", "sr", "rep", "sen", "gov", "u.s", "u.k", "u.n", "vs", "e.g", "i.e"}
DATELINE = re.compile(r"^\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d+, \d{4}\W*$")


def fnv1a64(text):
    value = 0xcbf29ce484222325
    for byte in text.encode("utf-8"):
        value ^= byte
        value = (value * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return value


def sentence_spans(text):
    """(start, end) of each sentence: paragraphs split at blank lines, sentences at a stop followed
    by space and a capital, unless the word before the stop is a known abbreviation or an initial."""
    spans = []
    for para in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*", text):
        body = para.group(0)
        # Datelines, map legends and captions carry no full stop: they are not sentences.
        if DATELINE.match(body) or not re.search(r"[.!?]", body):
            continue
        start = para.start()
        for stop in re.finditer(r"[.!?][\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9])", body):
            before = re.search(r"([\w.]+)[.!?][\"'\u201d\u2019)]*$", body[: stop.end()])
            word = before.group(1).lower() if before else ""
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            end = para.start() + stop.end()
            spans.append((start, end))
            start = end
        spans.append((start, para.end()))
    out = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if len(text[start:end].split()) >= 4:
            out.append((start, end))
    return out


def reference(file, key, date, index, text, span):
    sentence = text[span[0]:span[1]]
    ident = f"{file}#{key}#{index}"
    return {"id": ident, "file": file, "key": key, "date": date, "sentence": index,
            "start": span[0], "end": span[1], "hash": f"{fnv1a64(sentence):016x}",
            "part": "dev" if fnv1a64(ident) % 2 == 0 else "test"}


def wikinews(root):
    csv.field_size_limit(1 << 30)
    articles = []
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with open(f"{root}/wikinews/{name}", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if len(row["text"]) <= MAX_ARTICLE_CHARS and TITLE_WORDS.search(row["title"]):
                    articles.append((fnv1a64(row["url"]), f"wikinews/{name}", row))
    taken = []
    for _, file, row in sorted(articles, key=lambda a: a[0]):
        for index, span in enumerate(sentence_spans(row["text"])[:SENTENCES_PER_ARTICLE]):
            taken.append(reference(file, row["url"], row["date"], index, row["text"], span))
        if len(taken) >= WIKINEWS_SENTENCES:
            break
    return taken


def reuters(root):
    file = "reuters21578/reut2-000.sgm"
    with open(f"{root}/{file}", encoding="latin-1") as handle:
        sgml = handle.read()
    stories = []
    for match in re.finditer(r"<REUTERS([^>]*)>(.*?)</REUTERS>", sgml, re.S):
        newid = re.search(r'NEWID="(\d+)"', match.group(1)).group(1)
        inner = match.group(2)
        topics = re.search(r"<TOPICS>(.*?)</TOPICS>", inner, re.S).group(1)
        places = re.findall(r"<D>", re.search(r"<PLACES>(.*?)</PLACES>", inner, re.S).group(1))
        body = re.search(r"<BODY>(.*?)</BODY>", inner, re.S)
        date = re.search(r"<DATE>\s*(\d+)-(\w+)-(\d+)", inner)
        if topics.strip() or len(places) < 2 or not body:
            continue
        months = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
        iso = f"{date.group(3)}-{months.index(date.group(2).upper()) + 1:02d}-{int(date.group(1)):02d}"
        stories.append((fnv1a64(newid), newid, iso, body.group(1)))
    taken = []
    for _, newid, iso, text in sorted(stories):
        for index, span in enumerate(sentence_spans(text)[:SENTENCES_PER_STORY]):
            taken.append(reference(file, newid, iso, index, text, span))
        if len(taken) >= REUTERS_SENTENCES:
            break
    return taken


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/news"
    for ref in wikinews(root) + reuters(root):
        print(json.dumps(ref, ensure_ascii=False))


if __name__ == "__main__":
    main()
