#!/usr/bin/env python3
"""quantex on a Dask cluster: JSON Lines files cut into blocks at line ends, each block read
by quantex on a worker, the records written in input order to standard output.

usage: dask_quantex.py --scheduler ADDRESS [--block-mb N] [--quantex PATH] FILE... [-- OPTIONS]

ADDRESS is the scheduler's (tcp://host:8786). The files must be readable at the same path
on every worker (a shared file system). OPTIONS go to quantex as they are (say --text-field
content --id-field title); --input jsonl is always given. Each block is read with
--first-line set to the line it starts at, so documents without an id field are named by
their line in the whole file, and no two blocks give the same doc. The records are those of
one quantex process over the same files, in the same order.

Needs Debian's python3-distributed.
"""
import argparse
import os
import subprocess
import sys


def blocks(path, block_bytes):
    """(path, start byte, end byte, first line) of each block of path, cut at line ends."""
    out, start, line, size = [], 0, 1, os.path.getsize(path)
    with open(path, "rb") as f:
        while start < size:
            f.seek(min(start + block_bytes, size))
            f.readline()  # on to the next line end
            end = min(f.tell(), size)
            f.seek(start)
            lines = f.read(end - start).count(b"\n")
            out.append((path, start, end, line))
            line += lines
            start = end
    return out


def read_block(block, quantex, options):
    """Runs quantex on one block, on a worker; returns its records and messages."""
    path, start, end, first_line = block
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    p = subprocess.run([quantex, "--input", "jsonl", "--first-line", str(first_line), *options,
                        "-"], input=data, capture_output=True, check=False)
    # A message names the input "-": say which file and bytes it was.
    messages = p.stderr.decode("utf-8", "replace").replace(
        "quantex: -:", f"quantex: {path}:")
    return p.returncode, p.stdout, messages


def main():
    argv = sys.argv[1:]
    options = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scheduler", required=True)
    parser.add_argument("--block-mb", type=float, default=16)
    parser.add_argument("--quantex", default="quantex")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    from dask.distributed import Client

    every = [b for path in args.files for b in blocks(path, int(args.block_mb * (1 << 20)))]
    status = 0
    with Client(args.scheduler) as client:
        futures = client.map(read_block, every, quantex=args.quantex, options=options,
                             pure=False)
        for future in futures:  # in input order
            code, records, messages = future.result()
            sys.stdout.buffer.write(records)
            sys.stderr.write(messages)
            status = max(status, code)
    return status


if __name__ == "__main__":
    sys.exit(main())
