#!/usr/bin/env python3
"""Whole runs over samples/: the golden output, the score against the gold, and the scorer's
agreement with the reference scorer in ../shared.

usage: samples_test.py QUANTEX golden|score|scorer-agrees [--update]
"""
import difflib
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
GOLDEN = os.path.join(HERE, "golden", "samples.jsonl")
GOLD = os.path.join(HERE, "gold")
REFERENCE_SCORER = os.path.join(TOP, "..", "shared", "tools", "score.py")
SKIP = 77


def extract(quantex):
    """quantex over samples/, run from the top of the project so docs read samples/NAME.txt."""
    return subprocess.run([quantex, "-j", "1", "samples/"], cwd=TOP, check=True,
                          capture_output=True, text=True).stdout


def golden(quantex, update):
    out = extract(quantex)
    if update:
        with open(GOLDEN, "w", encoding="utf-8") as f:
            f.write(out)
        return 0
    with open(GOLDEN, encoding="utf-8") as f:
        expected = f.read()
    if out == expected:
        print(f"golden: {len(out.splitlines())} records as committed")
        return 0
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), out.splitlines(True),
                                               "tests/golden/samples.jsonl", "quantex samples/"))
    print("golden: output changed; review the diff against tests/gold, then rerun with --update")
    return 1


def score(quantex):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as records:
        records.write(extract(quantex))
        records.flush()
        return subprocess.run([sys.executable, os.path.join(HERE, "score.py"), GOLD, records.name,
                               "--show", "--min-precision", "0.99", "--min-recall", "0.99",
                               "--min-op", "0.97", "--min-from", "0.95",
                               # issue 12's bars for meaning on the samples
                               "--min-subject-f1", "0.92", "--min-subject-exact", "0.80",
                               "--min-change", "0.98", "--min-target", "0.97"]).returncode


def totals(scorer, records):
    out = subprocess.run([sys.executable, scorer, GOLD, records, "--json"], capture_output=True,
                         text=True).stdout
    return json.loads(out.strip().splitlines()[-1]), out


def scorer_agrees(quantex):
    if not os.path.exists(REFERENCE_SCORER):
        print("skipped: ../shared/tools/score.py is absent")
        return SKIP
    records = [json.loads(line) for line in extract(quantex).splitlines()]
    rng = random.Random(7)
    # The real output, and damaged copies: records dropped, values and units changed, made up.
    variants = [records]
    for _ in range(5):
        damaged = []
        for r in records:
            roll = rng.random()
            if roll < 0.1:
                continue
            r = dict(r)
            if roll < 0.15:
                r["value"] = r["value"] * 10
            elif roll < 0.2:
                r["op"] = "~"
            elif roll < 0.23:
                r["from"] = 1
            elif roll < 0.26:
                r["unit"] = "个"
            elif roll < 0.3:
                r["subject"] = r.get("subject", "")[1:] or None
            elif roll < 0.33:
                r["change"] = "up"
            elif roll < 0.36:
                r["target"] = not r.get("target")
            damaged.append(r)
            if roll > 0.97:
                damaged.append(dict(r, text="虚构", line=r["line"] + 1))
        variants.append(damaged)
    failed = 0
    for i, variant in enumerate(variants):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in variant)
            f.flush()
            ours, table = totals(os.path.join(HERE, "score.py"), f.name)
            theirs, _ = totals(REFERENCE_SCORER, f.name)
        same = ours == theirs
        failed += not same
        print(f"variant {i}: {'agree' if same else 'DISAGREE'}: ours {ours} reference {theirs}")
        if i == 0:
            print(table)
    return 1 if failed else 0


def main():
    quantex, what = os.path.abspath(sys.argv[1]), sys.argv[2]
    if what == "golden":
        return golden(quantex, "--update" in sys.argv)
    if what == "score":
        return score(quantex)
    if what == "scorer-agrees":
        return scorer_agrees(quantex)
    sys.exit(f"samples_test: unknown test {what}")


if __name__ == "__main__":
    sys.exit(main())
