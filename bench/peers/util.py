#!/usr/bin/env python3
"""util.py: small measuring helpers of bench/run (python3 stdlib only).

    util.py timev FILE              the output of /usr/bin/time -v -> "WALL_S RSS_KB CPU_S"
    util.py text-bytes DIR          total bytes of the files under DIR
    util.py pick-word DIR [FRAC]    an ASCII-only capitalised word (a name: capitalised in 90%
                                    of its occurrences, 8+ letters; not a word with diacritics
                                    written without them, "Elevhalsan") whose document
                                    frequency is nearest FRAC (default 0.10) -> "WORD DOCS FILES"
    util.py change DIR BACKUP PCT   append a line to PCT% of the files under DIR (every
                                    (100/PCT)th file in sorted order), first copying each with
                                    its mtime into BACKUP -> the number of files changed
    util.py restore DIR BACKUP      copy the files of BACKUP back over DIR, mtimes included
    util.py cli-latency BIN DB QUERIES PASSES
                                    run `BIN --db DB --format json search --limit 10 QUERY`
                                    once per query line per pass (empty lines skipped); print
                                    {"i", "pass", "ms", "total"} a line (the wall time of the
                                    whole process: start, open, search, print)
    util.py median-timev FILE...    the /usr/bin/time -v outputs of runs of one command -> the
                                    "WALL_S RSS_KB CPU_S" of the run with the median wall time
    util.py hyphenated DIR WORD     occurrences of WORD broken over a line end by a hyphen
                                    ("Eline-" / "bergsskolan"), which grep and rg cannot see
    util.py median CMD...           run CMD 3 times (stdout to /dev/null) -> the median wall s
    util.py sum-counts FORMAT       stdin: `rg --count-matches` lines (FORMAT rg) or NDJSON of
                                    `mentions --count` (FORMAT ndjson) -> "TOTAL FILES"
"""
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata


def timev(path):
    print("%.3f %d %.3f" % parse_timev(path))


def parse_timev(path):
    wall = rss = cpu = 0.0
    with open(path, errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                for x in line.rsplit(": ", 1)[1].split(":"):
                    wall = wall * 60 + float(x)
            elif line.startswith("Maximum resident set size"):
                rss = float(line.rsplit(": ", 1)[1])
            elif line.startswith("User time (seconds)") or line.startswith("System time (seconds)"):
                cpu += float(line.rsplit(": ", 1)[1])
    return wall, rss, cpu


def median_timev(paths):
    runs = sorted(parse_timev(p) for p in paths)
    print("%.3f %d %.3f" % runs[len(runs) // 2])


def files_under(root):
    out = []
    for d, dirs, files in os.walk(root):
        for name in files:
            out.append(os.path.join(d, name))
    out.sort()
    return out


def text_bytes(root):
    print(sum(os.path.getsize(p) for p in files_under(root)))


def read_text(path):
    with open(path, "rb") as f:
        b = f.read()
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("cp1252", errors="replace")


def pick_word(root, frac):
    df, caps, total = {}, {}, {}
    folded = set()  # words with diacritics, without them: "elevhalsan" for "Elevhälsan"
    files = files_under(root)
    word = re.compile(r"(?<![\w-])([A-Za-z]{8,})(?![\w-])")
    other = re.compile(r"\w*[^\x00-\x7f]\w*")
    for p in files:
        seen = set()
        text = read_text(p)
        for m in other.finditer(text):
            folded.add(unicodedata.normalize("NFD", m.group(0)).encode("ascii", "ignore")
                       .decode().lower())
        for m in word.finditer(text):
            w = m.group(1)
            low = w.lower()
            total[low] = total.get(low, 0) + 1
            if w[0].isupper() and w[1:].islower():
                caps[low] = caps.get(low, 0) + 1
            seen.add(low)
        for low in seen:
            df[low] = df.get(low, 0) + 1
    n = len(files)
    best = None
    for low, d in df.items():
        if caps.get(low, 0) < 0.9 * total[low] or low in folded:
            continue
        key = (abs(d / n - frac), low)
        if best is None or key < best[0]:
            best = (key, low, d)
    w = best[1]
    print("%s %d %d" % (w[0].upper() + w[1:], best[2], n))


def change(root, backup, pct):
    step = max(1, round(100 / float(pct)))
    changed = 0
    for i, p in enumerate(files_under(root)):
        if i % step:
            continue
        dest = os.path.join(backup, os.path.relpath(p, root))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy2(p, dest)
        with open(p, "ab") as f:
            f.write(b"\nTill\xc3\xa4gg: justerat i efterhand (bench/run).\n"
                    if not is_cp1252(dest) else
                    b"\nTill\xe4gg: justerat i efterhand (bench/run).\n")
        changed += 1
    print(changed)


def is_cp1252(path):
    with open(path, "rb") as f:
        b = f.read()
    try:
        b.decode("utf-8")
        return False
    except UnicodeDecodeError:
        return True


def hyphenated(root, word):
    splits = "|".join(re.escape(word[:k]) + r"-[ \t]*\r?\n[ \t]*" + re.escape(word[k:])
                      for k in range(1, len(word)))
    pattern = re.compile(r"(?<!\w)(?:%s)(?!\w)" % splits, re.IGNORECASE)
    print(sum(len(pattern.findall(read_text(p))) for p in files_under(root)))


def restore(root, backup):
    n = 0
    for p in files_under(backup):
        shutil.copy2(p, os.path.join(root, os.path.relpath(p, backup)))
        n += 1
    print(n)


def cli_latency(binary, db, queries, passes):
    with open(queries, encoding="utf-8") as f:
        qs = [line.rstrip("\n") for line in f]
    for p in range(int(passes)):
        for i, q in enumerate(qs):
            if not q:
                continue
            cmd = [binary, "--db", db, "--format", "json", "search", "--limit", "10", "--", q]
            t = time.perf_counter()
            r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            ms = (time.perf_counter() - t) * 1000.0
            if r.returncode in (0, 1):
                total = json.loads(r.stdout).get("total", 0)
                print(json.dumps({"i": i, "pass": p, "ms": round(ms, 3), "total": total}))
            else:
                print(json.dumps({"i": i, "pass": p, "error": r.stderr.decode(errors="replace")
                                  .strip()}))
            sys.stdout.flush()


def median(cmd):
    times = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    times.sort()
    print("%.4f" % times[1])


def sum_counts(fmt):
    total = files = 0
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        if fmt == "rg":
            n = int(line.rsplit(":", 1)[1])
        else:
            n = json.loads(line)["count"]
        total += n
        files += 1 if n else 0
    print("%d %d" % (total, files))


def main():
    a = sys.argv[1:]
    if not a:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cmd, args = a[0], a[1:]
    if cmd == "timev":
        timev(*args)
    elif cmd == "text-bytes":
        text_bytes(*args)
    elif cmd == "pick-word":
        pick_word(args[0], float(args[1]) if len(args) > 1 else 0.10)
    elif cmd == "change":
        change(*args)
    elif cmd == "hyphenated":
        hyphenated(*args)
    elif cmd == "restore":
        restore(*args)
    elif cmd == "cli-latency":
        cli_latency(*args)
    elif cmd == "median-timev":
        median_timev(args)
    elif cmd == "median":
        median(args)
    elif cmd == "sum-counts":
        sum_counts(*args)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
