#!/usr/bin/env python3
"""translate.py: the query mix of bench/queries.txt, for each engine.

    translate.py --to ours|xapian|fts5 [--classes] [--count N] QUERIES.txt > OUT

Reads "CLASS<TAB>QUERY" lines (comments and blank lines skipped) and prints one query a line,
in the same order, in the syntax of the engine; an empty line where the engine cannot run the
query. `ours` prints the query as written.

For the peers (omindex's database searched with Xapian's QueryParser, and SQLite FTS5), which
have no fields: a people or topic field becomes its value as plain words or a phrase
(participant:"Emil Dahl" -> "Emil Dahl"), date:YYYY becomes the word YYYY (the year as written
in the text), other dates and date ranges are dropped, exact:WORD becomes WORD. FTS5 gets every
word quoted ("IT-stödet" is then a phrase of its tokens), prefix* as "prefix"*, and -word as
NOT "word" (FTS5 has no unary minus).
"""
import argparse
import re
import sys

TOKEN = re.compile(r'\(|\)|-?[^\s()":]+:"[^"]*"|-?"[^"]*"|-?[^\s()]+')
FIELDS = {"participant", "deltagare", "absent", "frånvarande", "topic", "ämne", "responsible",
          "ansvar", "secretary", "sekreterare", "file", "fil", "meeting", "möte", "exact",
          "exakt"}
DATE_FIELDS = {"date", "datum"}
OPERATORS = {"AND", "OR", "NOT"}


def read_mix(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cls, _, query = line.partition("\t")
            out.append((cls.strip(), query.strip()))
    return out


def peer_tokens(query):
    """The query as a list of (kind, text, negated): kind word|prefix|phrase|op|paren."""
    out = []
    for tok in TOKEN.findall(query):
        neg = False
        if tok in ("(", ")"):
            out.append(("paren", tok, False))
            continue
        if tok in OPERATORS:
            out.append(("op", tok, False))
            continue
        if tok.startswith("-") and len(tok) > 1:
            neg, tok = True, tok[1:]
        m = re.match(r'^([^\s:"]+):(.*)$', tok)
        if m and (m.group(1).lower() in FIELDS or m.group(1).lower() in DATE_FIELDS):
            name, value = m.group(1).lower(), m.group(2)
            if name in DATE_FIELDS:
                if re.fullmatch(r"\d{4}", value):
                    out.append(("word", value, neg))
                continue  # months, days and ranges: the peers cannot filter by date
            tok = value
        if tok.startswith('"'):
            words = tok.strip('"').split()
            if not words:
                continue
            out.append(("phrase" if len(words) > 1 else "word", " ".join(words), neg))
        elif tok.endswith("*") and len(tok) > 1:
            out.append(("prefix", tok[:-1], neg))
        else:
            out.append(("word", tok, neg))
    # Drop operators left dangling by dropped fields.
    cleaned = []
    for t in out:
        if t[0] == "op" and (not cleaned or cleaned[-1][0] == "op" or cleaned[-1][1] == "("):
            continue
        cleaned.append(t)
    while cleaned and cleaned[-1][0] == "op":
        cleaned.pop()
    if not any(t[0] in ("word", "prefix", "phrase") and not t[2] for t in cleaned):
        return []  # nothing positive left to search for
    return cleaned


def to_xapian(query):
    parts = []
    for kind, text, neg in peer_tokens(query):
        s = {"phrase": '"%s"' % text, "prefix": text + "*"}.get(kind, text)
        parts.append(("-" if neg else "") + s)
    return " ".join(parts)


def fts5_quote(text):
    return '"%s"' % text.replace('"', '""')


def to_fts5(query):
    # FTS5 reads "a b" as a AND b, but not next to parentheses: write every AND out.
    parts = []
    ends_operand = False
    for kind, text, neg in peer_tokens(query):
        if kind == "op":
            parts.append(text)
            ends_operand = False
            continue
        if kind == "paren" and text == ")":
            parts.append(text)
            ends_operand = True
            continue
        if ends_operand and not neg:
            parts.append("AND")
        if kind == "paren":
            parts.append(text)
            ends_operand = False
            continue
        s = fts5_quote(text) + ("*" if kind == "prefix" else "")
        parts.append(("NOT " if neg else "") + s)
        ends_operand = True
    return " ".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--to", choices=("ours", "xapian", "fts5"), required=True)
    ap.add_argument("--classes", action="store_true", help="print CLASS<TAB>QUERY")
    ap.add_argument("--count", type=int, default=0,
                    help="use N queries spread evenly over the mix (default: all)")
    ap.add_argument("mix")
    a = ap.parse_args()
    fn = {"ours": lambda q: q, "xapian": to_xapian, "fts5": to_fts5}[a.to]
    mix = read_mix(a.mix)
    if 0 < a.count < len(mix):
        mix = [mix[k * len(mix) // a.count] for k in range(a.count)]
    for cls, query in mix:
        q = fn(query)
        sys.stdout.write(("%s\t%s\n" % (cls, q)) if a.classes else q + "\n")


if __name__ == "__main__":
    main()
