#!/usr/bin/env python3
"""Agreement with a peer's Chinese numeral specs (Recognizers-Text, data/recognizers-text-zh.jsonl,
see its README in ../shared/peer-specs): the cases whose one result spans the whole input.

Numbers go through `quantex number`; percentages through extraction with the default rules,
one JSON Lines document per case. Where the peer and INDICATORS.md differ (个百分点 is pp for
quantex, a percent for the peer) only the value is compared. Fractions (分之) and scientific
notation are left aside, as the peer-specs README says. Prints the agreement and the cases
that disagree; fails under 90% for either model.

usage: peer_specs_test.py QUANTEX
"""
import json
import os
import re
import subprocess
import sys
import unicodedata

SPECS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "recognizers-text-zh.jsonl")
BAR = 0.90


def whole_input_cases(model):
    cases = []
    with open(SPECS, encoding="utf-8") as f:
        for line in f:
            spec = json.loads(line)
            results = spec["results"]
            if spec["model"] != model or len(results) != 1:
                continue
            folded = unicodedata.normalize("NFKC", spec["input"]).strip()
            if unicodedata.normalize("NFKC", results[0]["text"]).strip() != folded:
                continue
            if "分之" in re.sub(r"\s", "", spec["input"]) and model == "number":
                continue
            if re.search(r"\d\s*[eE][-+－]?\d|[eE][－-]", folded):
                continue
            cases.append((spec["input"], results[0]["value"].rstrip("%")))
    return cases


def same(got, expected):
    try:
        a, b = float(got), float(expected)
    except ValueError:
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def numbers(quantex):
    cases = whole_input_cases("number")
    out = subprocess.run([quantex, "number", "--"] + [c[0] for c in cases], capture_output=True,
                         text=True).stdout.splitlines()
    return [(text, expected, got.split("\t")[0]) for (text, expected), got in zip(cases, out)]


def percentages(quantex):
    cases = whole_input_cases("percentage")
    documents = "".join(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n"
                        for i, (text, _) in enumerate(cases))
    out = subprocess.run([quantex, "--input", "jsonl", "-k", "percentage"], input=documents,
                         capture_output=True, text=True).stdout
    values = {}
    for line in out.splitlines():
        record = json.loads(line)
        values.setdefault(int(record["doc"]), str(record["value"]))
    return [(text, expected, values.get(i, "-")) for i, (text, expected) in enumerate(cases)]


def report(model, results):
    agreed = sum(same(got, expected) for _, expected, got in results)
    share = agreed / len(results)
    print(f"{model}: {agreed}/{len(results)} agree ({share:.1%})")
    for text, expected, got in results:
        if not same(got, expected):
            print(f"  {text!r}: peer {expected}, quantex {got}")
    return share >= BAR


def main():
    quantex = os.path.abspath(sys.argv[1])
    ok = report("number", numbers(quantex))
    ok = report("percentage", percentages(quantex)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
