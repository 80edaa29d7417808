#!/usr/bin/env python3
"""A user's rule file for a new kind, as rules/README.md teaches it: the file shown in the
guide is rules/examples/area.toml word for word, its examples pass, and -a adds the kind
without changing the default records. And the language is data a user extends the same way:
a unit of a built-in kind (个季度 = quarter) and a clause mark, with -a and no C++.

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
    language_is_data(quantex)
    return 0


def language_is_data(quantex):
    import tempfile
    text = "整改须在2个季度内完成。\n审批时限由20个工作日/压减至8个工作日。\n"
    with tempfile.NamedTemporaryFile("w", suffix=".toml", encoding="utf-8") as mine:
        mine.write('[language]\nclause_marks = "/"\n\n[language.kinds]\ntime_limit = ["quarter"]\n'
                   '\n[units.time_limit]\n"个季度" = "quarter"\n')
        mine.flush()
        before = [json.loads(line) for line in run([quantex], text).stdout.splitlines()]
        after = [json.loads(line) for line in run([quantex, "-a", mine.name], text).stdout.splitlines()]
    print("without:", [(r["text"], r["unit"]) for r in before])
    print("with -a:", [(r["text"], r["unit"]) for r in after])
    # Without the file, 2个 is a count and the change crosses the slash; with it, 2个季度 is a
    # time limit and the slash ends a clause, so no match crosses it.
    assert ("2个", "个") in [(r["text"], r["unit"]) for r in before]
    assert [r["rule"] for r in before if r["line"] == 2] == ["time.change"]
    assert [(r["value"], r["unit"], r["op"]) for r in after if r["line"] == 1] == [(2, "quarter", "<=")]
    assert [(r["rule"], r["value"]) for r in after if r["line"] == 2] == \
        [("time.length", 20), ("time.length", 8)]


if __name__ == "__main__":
    sys.exit(main())
