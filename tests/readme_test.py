#!/usr/bin/env python3
"""The README's "Using the records" lines run as they stand: each command line of that
section's sh block runs (quantex is the build's; samples/ is the project's) and ends with
status 0 and output where it should have some; the jq totals equal the money records' sum.

usage: readme_test.py QUANTEX
Exits 77 (skipped) when jq, sqlite3 or mlr is missing (tools/setup.sh installs them).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def main():
    quantex = os.path.abspath(sys.argv[1])
    missing = [tool for tool in ("jq", "sqlite3", "mlr") if shutil.which(tool) is None]
    if missing:
        print(f"skipped: {' '.join(missing)} not installed")
        return 77
    readme = open(os.path.join(TOP, "README.md"), encoding="utf-8").read()
    section = readme[readme.index("## Using the records"):]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    commands = [line for line in block.splitlines() if line and not line.startswith("#")]
    assert len(commands) >= 5, commands
    with tempfile.TemporaryDirectory() as work:
        os.symlink(os.path.join(TOP, "samples"), os.path.join(work, "samples"))
        bin_dir = os.path.join(work, "bin")
        os.makedirs(bin_dir)
        os.symlink(quantex, os.path.join(bin_dir, "quantex"))
        env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"])
        outputs = []
        for command in commands:
            p = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=work, env=env,
                               capture_output=True, text=True)
            assert p.returncode == 0, (command, p.stderr)
            outputs.append(p.stdout)
            print(f"ok: {command[:70]}")
        # Every line meant to print something did.
        for command, output in zip(commands, outputs):
            if "> records.csv" not in command:
                assert output.strip(), command
        totals = json.loads(outputs[0])
        money = [json.loads(line) for line in subprocess.run(
            [quantex, "-k", "money", os.path.join(TOP, "samples")], capture_output=True,
            text=True, check=True).stdout.splitlines()]
        assert abs(sum(t["total"] for t in totals) - sum(r["value"] for r in money)) < 1
        loans = outputs[2].splitlines()
        assert len(loans) == 5 and all(line.count("|") == 2 for line in loans), loans
    return 0


if __name__ == "__main__":
    sys.exit(main())
