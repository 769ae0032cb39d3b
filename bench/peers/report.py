#!/usr/bin/env python3
"""report.py: bench/RESULTS.md from what bench/run measured.

    report.py --work DIR --docs N[,N...] --classes CLASSES.txt [--notes FILE] [--out FILE]

Reads DIR/meta.txt (machine, versions) and, for each size N, DIR/N/results.txt ("key<TAB>value"
lines) and the per-query timings DIR/N/lat-{ours,ours-cli,xapian,fts5}.jsonl; writes Markdown
to FILE (default: stdout). Ratios are ours / peer: below 1 means we take less time, memory or
disk than the peer.
"""
import argparse
import json
import os
import statistics
import sys

ENGINES = [("ours", "minutes (in-process `minutes::search`)"),
           ("ours-cli", "minutes-query CLI (a process per query)"),
           ("xapian", "minimal Xapian searcher on omindex's DB"),
           ("fts5", "SQLite FTS5 (bm25 + snippet())")]


def read_kv(path):
    out = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("\t")
                out[k] = v
    return out


def nums(s):
    return [float(x) for x in s.split()] if s else []


def pct(values, q):
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def fmt(x, digits=1):
    if x is None:
        return "n/a"
    if isinstance(x, str):
        return x
    if abs(x) >= 100:
        return "%.0f" % x
    if abs(x) >= 10:
        return "%.*f" % (max(0, digits - 1), x) if digits > 1 else "%.0f" % x
    return "%.*f" % (digits, x)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "n/a"
    r = a / b
    return ("%.2f×" % r) if r < 10 else ("%.0f×" % r)


def index_pairs(r):
    """(ours, omindex) wall times of every build from scratch: the first pair, then the
    pairs run side by side (bench/run: index_pairs_of)."""
    pairs = []
    first = (nums(r.get("index.ours")), nums(r.get("index.omindex")))
    if first[0] and first[1]:
        pairs.append((first[0][0], first[1][0]))
    k = 2
    while r.get("index_pair.%d.ours" % k) and r.get("index_pair.%d.omindex" % k):
        pairs.append((nums(r["index_pair.%d.ours" % k])[0],
                      nums(r["index_pair.%d.omindex" % k])[0]))
        k += 1
    return pairs


def median_ratio(pairs):
    return statistics.median(a / b for a, b in pairs)


def load_latencies(path):
    lat, errors, totals = {}, 0, {}
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            if "error" in r:
                errors += 1
                continue
            lat.setdefault(r["i"], []).append(r["ms"])
            if "total" in r:
                totals[r["i"]] = r["total"]
    return {"lat": lat, "errors": errors, "totals": totals}


def mb(x):
    return x / 1e6


def section(out, work, n, classes):
    d = os.path.join(work, str(n))
    r = read_kv(os.path.join(d, "results.txt"))
    if not r:
        out.append("No results for %d documents.\n" % n)
        return
    text = float(r.get("text_bytes", "0"))
    files = int(float(r.get("files", "0")))
    out.append("## %s documents\n" % format(n, ","))
    out.append("%s files, %.1f MB of text (gen-corpus %s). %s\n" % (
        format(files, ","), mb(text), r.get("gen_args", ""), r.get("conditions", "")))
    if r.get("quiet_note"):
        out.append("**%s**\n" % r["quiet_note"])

    # Indexing
    out.append("### Indexing from scratch\n")
    out.append("| engine | time (s) | docs/s | MB/s | CPU (s) | peak RSS (MB) | index (MB) "
               "| index / text |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    idx = {}
    for key, name in (("ours", "minutes-index"), ("omindex", "omindex"), ("fts5", "SQLite FTS5")):
        t = nums(r.get("index." + key))
        size = float(r.get("size." + key, "0") or 0)
        if not t:
            out.append("| %s | not run | | | | | | |" % name)
            continue
        wall, rss, cpu = t
        idx[key] = (wall, rss, size)
        out.append("| %s | %s | %.0f | %.2f | %s | %.0f | %.0f | %.2f |" % (
            name, fmt(wall), files / wall, mb(text) / wall, fmt(cpu), rss / 1024, mb(size),
            size / text))
    if "ours" in idx and len(idx) > 1:
        out.append("")
        out.append("| ours / peer | time | peak RSS | index size |")
        out.append("|---|---:|---:|---:|")
        for key, name in (("omindex", "omindex"), ("fts5", "SQLite FTS5")):
            if key in idx:
                out.append("| / %s | %s | %s | %s |" % (
                    name, ratio(idx["ours"][0], idx[key][0]), ratio(idx["ours"][1], idx[key][1]),
                    ratio(idx["ours"][2], idx[key][2])))
    pairs = index_pairs(r)
    if len(pairs) > 1:
        out.append("\nours / omindex, each pair of builds from scratch (the first is the table's; "
                   "the others ran side by side): %s; median **%s**, so %s the throughput." % (
                       ", ".join("%s (%s / %s s)" % (ratio(a, b), fmt(a), fmt(b))
                                 for a, b in pairs),
                       ratio(median_ratio(pairs), 1), ratio(1, median_ratio(pairs))))
    if r.get("summary.ours"):
        out.append("\nminutes-index said: `%s`" % r["summary.ours"])
    out.append("")

    # Queries
    out.append("### Query latency (ms), top 10 with snippets\n")
    lats = {k: load_latencies(os.path.join(d, "lat-%s.jsonl" % k)) for k, _ in ENGINES}
    out.append("| engine | queries | errors | p50 | p95 | p99 | max | mean |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    summary = {}
    for key, name in ENGINES:
        L = lats[key]
        if L is None:
            out.append("| %s | not run | | | | | | |" % name)
            continue
        allv = [x for v in L["lat"].values() for x in v]
        passes = max((len(v) for v in L["lat"].values()), default=0)
        p = [pct(allv, q) for q in (0.5, 0.95, 0.99)]
        summary[key] = p
        out.append("| %s | %d%s | %d | %s | %s | %s | %s | %s |" % (
            name, len(L["lat"]), (" ×%d" % passes) if passes > 1 else "", L["errors"],
            fmt(p[0], 2), fmt(p[1], 2), fmt(p[2], 2), fmt(max(allv) if allv else None, 2),
            fmt(sum(allv) / len(allv) if allv else None, 2)))
    if "ours" in summary and len(summary.keys() - {"ours", "ours-cli"}) > 0:
        out.append("")
        out.append("| ours (in-process) / peer | p50 | p95 | p99 |")
        out.append("|---|---:|---:|---:|")
        for key, name in ENGINES[2:]:
            if key in summary:
                out.append("| / %s | %s |" % (name, " | ".join(
                    ratio(a, b) for a, b in zip(summary["ours"], summary[key]))))
    # By class
    out.append("")
    out.append("p50 / p95 by class of query (ms; in-process engines):\n")
    keys = [k for k in ("ours", "xapian", "fts5") if lats.get(k)]
    out.append("| class | n | " + " | ".join(dict(ENGINES)[k].split(" (")[0] if k == "ours"
                                              else {"xapian": "Xapian minimal",
                                                    "fts5": "FTS5"}[k] for k in keys) + " |")
    out.append("|---|---:|" + "---:|" * len(keys))
    order = []
    for c in classes:
        if c not in order:
            order.append(c)
    for c in order:
        idxs = [i for i, cc in enumerate(classes) if cc == c]
        cells = []
        for k in keys:
            v = [x for i in idxs for x in lats[k]["lat"].get(i, [])]
            ran = sum(1 for i in idxs if i in lats[k]["lat"])
            cells.append("%s / %s%s" % (fmt(pct(v, 0.5), 2), fmt(pct(v, 0.95), 2),
                                        "" if ran == len(idxs) else " (%d run)" % ran))
        out.append("| %s | %d | %s |" % (c, len(idxs), " | ".join(cells)))
    qfile = os.path.join(work, "queries", "q-ours.txt")
    if lats.get("ours") and os.path.exists(qfile):
        with open(qfile, encoding="utf-8") as f:
            texts = [line.rstrip("\n") for line in f]
        med = sorted(((pct(v, 0.5), i) for i, v in lats["ours"]["lat"].items()), reverse=True)
        totals = lats["ours"]["totals"]
        out.append("\nSlowest queries of ours in-process (median ms, matches): " + "; ".join(
            "`%s` %s (%s)" % (texts[i], fmt(ms, 1), totals.get(i, "?")) for ms, i in med[:6]))
    out.append("")

    # Mentions
    w = r.get("mentions.word", "").split()
    if w:
        out.append("### Every mention of `%s` (in %s of %s files, %.1f%%)\n" % (
            w[0], w[1], w[2], 100.0 * int(w[1]) / max(1, int(w[2]))))
        ours = nums(r.get("mentions.ours"))
        exact = nums(r.get("mentions.ours_exact"))
        rg = nums(r.get("mentions.rg"))
        rgm = nums(r.get("mentions.rg_matches"))
        out.append("| command | time (s) | mentions | files |")
        out.append("|---|---:|---:|---:|")
        if ours:
            out.append("| `minutes-query --format ndjson mentions %s` (all forms) | %s | %d | %d |"
                       % (w[0], fmt(ours[0], 3), ours[1], ours[2]))
        if exact:
            out.append("| `minutes-query --format ndjson mentions --exact %s` | %s | %d | %d |"
                       % (w[0], fmt(exact[0], 3), exact[1], exact[2]))
        if rg:
            out.append("| `rg -c -i -w %s` (lines) | %s | %d | %d |" % (
                w[0], fmt(rg[0], 3), rg[1], rg[2]))
        if rgm:
            out.append("| `rg --count-matches -i -w %s` | %s | %d | %d |" % (
                w[0], fmt(rgm[0], 3), rgm[1], rgm[2]))
        out.append("")
        if ours and rg:
            out.append("ours / rg -c: %s (all forms), %s (--exact)." % (
                ratio(ours[0], rg[0]), ratio(exact[0], rg[0]) if exact else "n/a"))
        if r.get("mentions.ours_rss"):
            out.append("Peak RSS of `mentions`: %s MB." % fmt(
                float(r["mentions.ours_rss"]) / 1024, 0))
        if exact and rgm:
            same = "equal" if int(exact[1]) == int(rgm[1]) else "differ by %+d" % (
                int(exact[1]) - int(rgm[1]))
            hy = r.get("mentions.hyphenated")
            out.append("Literal counts: ours --exact %d vs rg --count-matches %d: %s%s." % (
                exact[1], rgm[1], same,
                ("; %s of ours are the word hyphenated over a line end (`%s-` / `%s`), "
                 "which rg cannot see" % (hy, w[0][:len(w[0]) // 2], w[0][len(w[0]) // 2:])) if hy and hy != "0" else ""))
        if r.get("mentions.note"):
            out.append(r["mentions.note"])
        out.append("")

    # Re-index
    out.append("### Re-indexing\n")
    out.append("| engine | full (s) | unchanged re-run (s) | %% of full | %s changed (s) "
               "| %% of full |" % r.get("changed_files", "1%"))
    out.append("|---|---:|---:|---:|---:|---:|")
    for key, name in (("ours", "minutes-index"), ("omindex", "omindex"), ("fts5", "SQLite FTS5")):
        full = nums(r.get("index." + key))
        un = nums(r.get("rerun." + key))
        ch = nums(r.get("change1." + key))
        if not full:
            continue
        if not un and not ch:
            out.append("| %s | %s | n/a (no update: a full rebuild) | | n/a | |" % (
                name, fmt(full[0])))
            continue
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            name, fmt(full[0]), fmt(un[0], 2) if un else "n/a",
            ("%.1f%%" % (100 * un[0] / full[0])) if un else "n/a",
            fmt(ch[0], 2) if ch else "n/a", ("%.1f%%" % (100 * ch[0] / full[0])) if ch else "n/a"))
    for key in ("rerun_summary.ours", "change1_summary.ours"):
        if r.get(key):
            out.append("\n%s: `%s`" % ("unchanged" if "rerun" in key else "changed", r[key]))
    out.append("")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--docs", required=True)
    ap.add_argument("--classes", required=True, help="file: the class of each query, a line each")
    ap.add_argument("--notes", help="Markdown appended at the end")
    ap.add_argument("--out")
    a = ap.parse_args()
    meta = read_kv(os.path.join(a.work, "meta.txt"))
    with open(a.classes, encoding="utf-8") as f:
        classes = [line.strip() for line in f]
    out = ["# Benchmarks: minutes against omindex, SQLite FTS5 and ripgrep", ""]
    out.append("Written by `bench/run` (see its header for what is measured and how). "
               "Ratios are ours / peer: below 1 means less time, memory or disk than the peer.")
    out.append("")
    out.append("| | |")
    out.append("|---|---|")
    for k in ("date", "machine", "cpu", "memory", "kernel", "build", "minutes", "xapian",
              "omindex", "sqlite", "ripgrep", "queries", "load"):
        if k in meta:
            out.append("| %s | %s |" % (k, meta[k]))
    out.append("")
    if meta.get("notes"):
        out.append(meta["notes"].replace("\\n", "\n"))
        out.append("")
    for n in a.docs.split(","):
        section(out, a.work, int(n), classes)
    if a.notes and os.path.exists(a.notes):
        with open(a.notes, encoding="utf-8") as f:
            out.append(f.read().rstrip("\n"))
    text = "\n".join(out) + "\n"
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
