#!/usr/bin/env python3
"""A user's rule file for a new kind, as rules/README.md teaches it: the file shown in the
guide is rules/examples/area.toml word for word, its examples pass, and -a adds the kind
without changing the default records.

usage: user_rules_test.py QUANTEX
"""
import json
import os
import subprocess
import sys

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
AREA = os.path.join(TOP, "rules", "examples", "area.toml")
README = os.path.join(TOP, "rules", "README.md")
TEXT = "新建标准厂房12万平方米，为企业发放贷款3亿元，新增企业5家。\n"


def run(args, stdin=""):
    return subprocess.run(args, input=stdin, capture_output=True, text=True)


def main():
    quantex = os.path.abspath(sys.argv[1])
    with open(AREA, encoding="utf-8") as f:
        area = f.read()
    with open(README, encoding="utf-8") as f:
        assert f"```toml\n{area}```" in f.read(), "rules/README.md no longer shows area.toml"

    tested = run([quantex, "rules", "test", AREA])
    print(tested.stdout.strip())
    assert tested.returncode == 0

    plain = [json.loads(line) for line in run([quantex], TEXT).stdout.splitlines()]
    added = [json.loads(line) for line in run([quantex, "-a", AREA], TEXT).stdout.splitlines()]
    areas = [r for r in added if r["kind"] == "area"]
    print(f"with -a: {[(r['text'], r['value'], r['unit']) for r in areas]}")
    assert [(r["value"], r["unit"]) for r in areas] == [(120000, "m2")]
    assert [r for r in added if r["kind"] != "area"] == plain, "defaults changed"

    alone = run([quantex, "-r", AREA], TEXT)
    assert alone.returncode == 2 and "unknown fragment {number}" in alone.stderr, \
        alone.stderr
    return 0


if __name__ == "__main__":
    sys.exit(main())
