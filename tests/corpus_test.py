#!/usr/bin/env python3
"""quantex over the whole unlabelled corpus in ../shared/corpus (reports, GBK files, JSON Lines
documents): no crash, every input accounted for in --stats, every failure named on stderr,
and every GBK file read as GB18030 without a byte replaced. Skips (77) without ../shared.

usage: corpus_test.py QUANTEX
"""
import os
import re
import subprocess
import sys
import tempfile

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus")
SKIP = 77


def run(args):
    p = subprocess.run(args, capture_output=True, text=True, timeout=600)
    if p.returncode < 0 or p.returncode > 2:
        sys.exit(f"crashed: {args}: status {p.returncode}\n{p.stderr}")
    return p


def stats(stderr):
    m = re.search(r"quantex: (\d+) input\(s\): (\d+) read, (\d+) skipped, (\d+) failed; .*? "
                  r"(\d+) record\(s\)", stderr)
    if not m:
        sys.exit(f"no --stats summary in:\n{stderr}")
    return [int(g) for g in m.groups()]


def main():
    quantex = os.path.abspath(sys.argv[1])
    if not os.path.isdir(CORPUS):
        print("skipped: ../shared/corpus is absent")
        return SKIP
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(CORPUS) for f in fs
                   if not f.startswith("."))
    p = run([quantex, "--stats", CORPUS])
    inputs, read, skipped, failed, records = stats(p.stderr)
    print(f"corpus: {inputs} inputs, {read} read, {skipped} skipped, {failed} failed, "
          f"{records} records, status {p.returncode}")
    assert inputs == len(files) == read + skipped + failed, (inputs, len(files))
    named = [line for line in p.stderr.splitlines() if not line.startswith("quantex: ") or
             "input(s):" not in line]
    assert len(named) >= failed + skipped, named
    assert p.returncode == (1 if failed else 0)
    assert records > 10000, records

    gbk = os.path.join(CORPUS, "gbk")
    p = run([quantex, "--stats", gbk])
    inputs, read, _, failed, records = stats(p.stderr)
    print(f"gbk: {inputs} inputs, {read} read, {failed} failed, {records} records")
    assert failed == 0 and read == inputs == len(os.listdir(gbk)), p.stderr
    assert "not valid" not in p.stderr, p.stderr

    # Real GBK files give the records of their UTF-8 conversions (Python's own GB18030 codec).
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("1954.txt", "1990.txt", "2018.txt"):
            with open(os.path.join(gbk, name), "rb") as f:
                text = f.read().decode("gb18030")
            converted = os.path.join(tmp, name)
            with open(converted, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            strip = lambda out: [re.sub(r'^\{"doc":"[^"]*",', "{", line) for line in out.splitlines()]
            original = run([quantex, os.path.join(gbk, name)]).stdout
            assert strip(original) == strip(run([quantex, converted]).stdout), name
            print(f"gbk {name}: {len(strip(original))} records, as from its UTF-8 conversion")

    documents = os.path.join(CORPUS, "jsonl", "government_work_reports.jsonl")
    p = run([quantex, "--stats", "--input", "jsonl", "--text-field", "content", "--id-field",
             "title", documents])
    docs = {line.split('"doc":', 1)[1].split(',"line"', 1)[0] for line in p.stdout.splitlines()}
    with open(documents, encoding="utf-8") as f:
        lines = sum(1 for line in f if line.strip())
    print(f"jsonl: {lines} documents, {len(docs)} with records, status {p.returncode}")
    assert p.returncode == 0, p.stderr
    assert len(docs) > lines // 2, len(docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
