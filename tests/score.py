#!/usr/bin/env python3
"""Scores quantex records against hand-checked gold annotations, as INDICATORS.md defines it.

usage: score.py GOLD_DIR RECORDS.jsonl [--show] [--min-precision P] [--min-recall R]
                [--min-op A] [--min-from A] [--min-subject-f1 A] [--min-subject-exact A]
                [--min-change A] [--min-target A] [--json]

A record belongs to the gold file whose name is the basename of the record's doc without its
extension. A record matches a gold entry when line, kind and unit are equal, the values agree
to 1e-9 relative, and the gold text lies inside the record's text or contains it. Matching is
one to one; required entries take their records before optional ones, and an optional entry
that finds no record is no miss. Only the four kinds of the contract are counted; op and from
are compared on the matched required entries.

Meaning is scored on the matched required entries whose gold has a subject field (INDICATORS.md,
"Meaning"): subject F1 is the mean F1 of the characters a record's subject shares with the
gold's, counted as multisets (a null gold subject is right only when the record has none);
subject exact the share of equal subjects; change and target the shares where the record says
what the gold says (absent equals absent). With --show, every miss, false record and meaning
disagreement is listed with its line. Exits 1 when a --min bar is not met.
"""
import argparse
import json
import os
import sys
from collections import Counter, defaultdict

KINDS = ["time_limit", "percentage", "money", "count"]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def values_agree(a, b):
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def is_match(entry, record):
    gold_text, text = entry.get("text", ""), record.get("text", "")
    return (record.get("line") == entry["line"] and record.get("kind") == entry["kind"]
            and record.get("unit") == entry["unit"]
            and values_agree(record.get("value"), entry["value"])
            and bool(gold_text) and bool(text) and (gold_text in text or text in gold_text))


def pair_up(entries, records):
    """Returns (matched (entry, record) pairs, missed required entries, unmatched records)."""
    taken = [False] * len(records)
    pairs, missed = [], []
    for entry in sorted(entries, key=lambda e: bool(e.get("optional"))):
        found = next((i for i, r in enumerate(records) if not taken[i] and is_match(entry, r)),
                     None)
        if found is None:
            if not entry.get("optional"):
                missed.append(entry)
            continue
        taken[found] = True
        pairs.append((entry, records[found]))
    return pairs, missed, [r for i, r in enumerate(records) if not taken[i]]


def shared_characters_f1(subject, gold):
    if subject is None or gold is None:
        return 1.0 if subject is None and gold is None else 0.0
    shared = sum((Counter(subject) & Counter(gold)).values())
    if shared == 0:
        return 0.0
    return f1(shared / len(subject), shared / len(gold))


class Meaning:
    """Running totals of the meaning scores."""

    def __init__(self):
        self.entries = 0
        self.subject_f1 = self.subject_exact = self.change = self.target = 0.0
        self.disagreements = []

    def add(self, name, entry, record):
        self.entries += 1
        subject = record.get("subject")
        f = shared_characters_f1(subject, entry["subject"])
        same_change = record.get("change") == entry.get("change")
        same_target = bool(record.get("target")) == bool(entry.get("target"))
        self.subject_f1 += f
        self.subject_exact += subject == entry["subject"]
        self.change += same_change
        self.target += same_target
        if f < 1 or not same_change or not same_target:
            self.disagreements.append(
                f"  meaning {name}:{entry['line']}: {entry.get('text')}: subject {subject!r} "
                f"(gold {entry['subject']!r}), change {record.get('change')} "
                f"(gold {entry.get('change')}), target {record.get('target')} "
                f"(gold {entry.get('target')})")

    def scores(self):
        return {"subject_f1": ratio(self.subject_f1, self.entries),
                "subject_exact": ratio(self.subject_exact, self.entries),
                "change": ratio(self.change, self.entries),
                "target": ratio(self.target, self.entries)}


def ratio(part, whole):
    return part / whole if whole else 0.0


def f1(precision, recall):
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold_dir")
    parser.add_argument("records")
    parser.add_argument("--show", action="store_true", help="list misses and false records")
    parser.add_argument("--min-precision", type=float, default=0.0)
    parser.add_argument("--min-recall", type=float, default=0.0)
    parser.add_argument("--min-op", type=float, default=0.0)
    parser.add_argument("--min-from", type=float, default=0.0)
    parser.add_argument("--min-subject-f1", type=float, default=0.0)
    parser.add_argument("--min-subject-exact", type=float, default=0.0)
    parser.add_argument("--min-change", type=float, default=0.0)
    parser.add_argument("--min-target", type=float, default=0.0)
    parser.add_argument("--json", action="store_true", help="also print the totals as JSON")
    args = parser.parse_args()

    by_doc = defaultdict(list)
    for record in read_jsonl(args.records):
        if record.get("kind") in KINDS:
            by_doc[os.path.splitext(os.path.basename(str(record.get("doc", ""))))[0]].append(record)

    hits, misses, falses = Counter(), Counter(), Counter()
    op_same = op_total = from_same = from_total = 0
    meaning = Meaning()
    for name in sorted(f[: -len(".jsonl")] for f in os.listdir(args.gold_dir)
                       if f.endswith(".jsonl")):
        entries = [e for e in read_jsonl(os.path.join(args.gold_dir, name + ".jsonl"))
                   if e.get("kind") in KINDS]
        pairs, missed, false = pair_up(entries, by_doc.get(name, []))
        for entry, record in pairs:
            if entry.get("optional"):
                continue
            hits[entry["kind"]] += 1
            op_total += 1
            op_same += record.get("op", "=") == entry.get("op", "=")
            if "from" in entry:
                from_total += 1
                from_same += values_agree(record.get("from"), entry["from"])
            if "subject" in entry:
                meaning.add(name, entry, record)
        misses.update(e["kind"] for e in missed)
        falses.update(r["kind"] for r in false)
        if args.show:
            for e in missed:
                print(f"  miss  {name}:{e['line']}: {e['kind']} {e.get('text')} = {e['value']} {e['unit']}")
            for r in false:
                print(f"  false {name}:{r.get('line')}: {r['kind']} {r.get('text')} = "
                      f"{r.get('value')} {r.get('unit')} [{r.get('rule')}]")

    print(f"{'kind':<12}{'tp':>6}{'fn':>6}{'fp':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for kind in KINDS + ["all"]:
        tp = sum(hits.values()) if kind == "all" else hits[kind]
        fn = sum(misses.values()) if kind == "all" else misses[kind]
        fp = sum(falses.values()) if kind == "all" else falses[kind]
        p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
        print(f"{kind:<12}{tp:>6}{fn:>6}{fp:>6}{p:>8.3f}{r:>8.3f}{f1(p, r):>8.3f}")
    op_agreement, from_agreement = ratio(op_same, op_total), ratio(from_same, from_total)
    print(f"op agrees on {op_same}/{op_total} ({op_agreement:.3f}); "
          f"from agrees on {from_same}/{from_total} ({from_agreement:.3f})")
    scores = meaning.scores()
    if meaning.entries:
        print(f"meaning on {meaning.entries} matched: subject F1 {scores['subject_f1']:.3f}, "
              f"exact {scores['subject_exact']:.3f}; change {scores['change']:.3f}; "
              f"target {scores['target']:.3f}")
        if args.show:
            print("\n".join(meaning.disagreements))
    if args.json:
        totals = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1(p, r), 4),
                  "op": round(op_agreement, 4), "from": round(from_agreement, 4),
                  "tp": tp, "fn": fn, "fp": fp}
        if meaning.entries:
            totals.update({key: round(value, 4) for key, value in scores.items()})
        print(json.dumps(totals))

    shortfalls = [f"{name} {value:.3f} < {bar}" for name, value, bar in (
        ("precision", p, args.min_precision), ("recall", r, args.min_recall),
        ("op agreement", op_agreement, args.min_op), ("from agreement", from_agreement, args.min_from),
        ("subject F1", scores["subject_f1"], args.min_subject_f1),
        ("subject exact", scores["subject_exact"], args.min_subject_exact),
        ("change", scores["change"], args.min_change), ("target", scores["target"], args.min_target))
        if value < bar]
    for shortfall in shortfalls:
        print(f"below the bar: {shortfall}")
    return 1 if shortfalls else 0


if __name__ == "__main__":
    sys.exit(main())
