#!/usr/bin/env python3
"""The README's GNU parallel recipes, run locally: JSON Lines documents cut into blocks with
`parallel --pipe`, and files handed out with `parallel -X`, give the same set of records as
one quantex process. Skips (77) when GNU parallel is not installed.

usage: parallel_recipe_test.py QUANTEX
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = sorted(glob.glob(os.path.join(HERE, "..", "samples", "*.txt")))


def lines(command, **kwargs):
    out = subprocess.run(command, capture_output=True, text=True, check=True, **kwargs).stdout
    return sorted(out.splitlines())


def main():
    quantex = os.path.abspath(sys.argv[1])
    if shutil.which("parallel") is None:
        print("skipped: GNU parallel is not installed")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        documents = os.path.join(tmp, "docs.jsonl")
        with open(documents, "w", encoding="utf-8") as f:
            for copy in range(8):
                for path in SAMPLES:
                    with open(path, encoding="utf-8") as sample:
                        f.write(json.dumps({"id": f"{copy}/{os.path.basename(path)}",
                                            "text": sample.read()}, ensure_ascii=False) + "\n")
        single = lines([quantex, "--input", "jsonl", documents])
        with open(documents, "rb") as stdin:
            split = lines(["parallel", "--will-cite", "--pipe", "--block", "20k", "-j", "2",
                           quantex, "--input", "jsonl"], stdin=stdin)
        blocks_ok = split == single
        print(f"parallel --pipe: {len(split)} records, single process {len(single)}: "
              f"{'same' if blocks_ok else 'DIFFERENT'}")

        single_files = lines([quantex] + SAMPLES)
        split_files = lines(["parallel", "--will-cite", "-X", "-j", "2", "-n", "2", quantex,
                             ":::"] + SAMPLES)
        files_ok = split_files == single_files
        print(f"parallel over files: {len(split_files)} records, single process "
              f"{len(single_files)}: {'same' if files_ok else 'DIFFERENT'}")
    return 0 if blocks_ok and files_ok and len(single) > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
