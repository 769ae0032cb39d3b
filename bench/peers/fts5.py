#!/usr/bin/env python3
"""fts5.py: the SQLite FTS5 peer of bench/run (python3's sqlite3 module, stdlib only).

    fts5.py index DIR DB        index every file under DIR into a new FTS5 table in DB
    fts5.py query DB QUERIES    run each line of QUERIES (FTS5 MATCH syntax; empty: skipped)
                                and print one JSON object a line: {"i", "ms", "hits", "error"}

Indexing reads each file as minutes-index does the simplest way: UTF-16 with a BOM, else
UTF-8, else Windows-1252, and stores (path, body) in one transaction into
fts5(path UNINDEXED, body, tokenize='unicode61 remove_diacritics 2').

A query is timed in-process from before the SELECT to after the last row: the 10 best rows
by bm25 (ORDER BY rank), each with snippet() of up to 32 tokens around the matches. One
untimed pass over all queries warms the caches first (--passes N times more, all timed).
"""
import json
import os
import sqlite3
import sys
import time


def read_text(path):
    with open(path, "rb") as f:
        b = f.read()
    if b.startswith(b"\xff\xfe") or b.startswith(b"\xfe\xff"):
        return b.decode("utf-16", errors="replace")
    if b.startswith(b"\xef\xbb\xbf"):
        b = b[3:]
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("cp1252", errors="replace")


def index(root, db):
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, "
                "tokenize='unicode61 remove_diacritics 2')")
    n = 0
    t0 = time.perf_counter()
    with con:
        for d, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                p = os.path.join(d, name)
                con.execute("INSERT INTO docs(path, body) VALUES (?, ?)", (p, read_text(p)))
                n += 1
    con.close()
    print("fts5: indexed %d files in %.2f s" % (n, time.perf_counter() - t0), file=sys.stderr)


def query(db, queries, passes):
    con = sqlite3.connect(db)
    sql = ("SELECT path, snippet(docs, 1, '**', '**', '…', 32) FROM docs "
           "WHERE docs MATCH ? ORDER BY rank LIMIT 10")
    with open(queries, encoding="utf-8") as f:
        qs = [line.rstrip("\n") for line in f]

    def run(q):
        t = time.perf_counter()
        rows = con.execute(sql, (q,)).fetchall()
        return (time.perf_counter() - t) * 1000.0, len(rows)

    for q in qs:  # warm-up
        if q:
            try:
                run(q)
            except sqlite3.Error:
                pass
    for p in range(passes):
        for i, q in enumerate(qs):
            if not q:
                continue
            try:
                ms, hits = run(q)
                print(json.dumps({"i": i, "pass": p, "ms": round(ms, 4), "hits": hits}))
            except sqlite3.Error as e:
                print(json.dumps({"i": i, "pass": p, "error": str(e)}))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "index":
        index(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "query":
        passes = int(sys.argv[4]) if len(sys.argv) > 4 else 1
        query(sys.argv[2], sys.argv[3], passes)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
