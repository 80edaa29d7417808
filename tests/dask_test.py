#!/usr/bin/env python3
"""The Dask driver on a real cluster: a scheduler and two worker processes on the loopback
(python3-distributed's), the JSON Lines documents of ../shared/corpus/jsonl (or the samples
made into documents) cut into small blocks, and the records compared with one quantex
process: the same, in the same order, with no doc given twice for different documents.

usage: dask_test.py QUANTEX
Exits 77 (skipped) when python3-distributed is missing.
"""
import glob
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVER = os.path.join(HERE, "..", "tools", "dask_quantex.py")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    quantex = os.path.abspath(sys.argv[1])
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("skipped: python3-distributed is not installed")
        return 77
    with tempfile.TemporaryDirectory() as work:
        inputs = sorted(glob.glob(os.path.join(HERE, "..", "..", "shared", "corpus", "jsonl",
                                               "*.jsonl")))
        if not inputs:  # the samples, one document a paragraph, without ids
            inputs = [os.path.join(work, "samples.jsonl")]
            with open(inputs[0], "w", encoding="utf-8") as f:
                for path in sorted(glob.glob(os.path.join(HERE, "..", "samples", "*.txt"))):
                    for paragraph in open(path, encoding="utf-8").read().split("\n"):
                        if paragraph.strip():
                            f.write(json.dumps({"content": paragraph}, ensure_ascii=False) + "\n")
        options = ["--text-field", "content"]
        port = free_port()
        address = f"tcp://127.0.0.1:{port}"
        log = open(os.path.join(work, "cluster.log"), "w")
        scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler",
                                      "--host", "127.0.0.1", "--port", str(port),
                                      "--dashboard-address", ":0"], stdout=log, stderr=log)
        workers = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address,
                                     "--nthreads", "1", "--dashboard-address", ":0",
                                     "--local-directory", work], stdout=log, stderr=log)
                   for _ in range(2)]
        try:
            time.sleep(1)
            one = subprocess.run([quantex, "--input", "jsonl", *options, *inputs],
                                 capture_output=True, check=False)
            cluster = subprocess.run([sys.executable, DRIVER, "--scheduler", address,
                                      "--block-mb", "0.05", "--quantex", quantex, *inputs, "--",
                                      *options], capture_output=True, check=False, timeout=300)
        finally:
            for process in workers + [scheduler]:
                process.terminate()
            for process in workers + [scheduler]:
                process.wait(timeout=30)
        records = [json.loads(line) for line in cluster.stdout.splitlines()]
        print(f"{len(inputs)} file(s), {sum(os.path.getsize(p) for p in inputs)} bytes: "
              f"{len(records)} records on the cluster, "
              f"{len(one.stdout.splitlines())} from one process")
        assert cluster.returncode == one.returncode, cluster.stderr.decode()[-2000:]
        assert cluster.stdout == one.stdout, "the cluster's records are one process's"
        assert len(records) > 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
