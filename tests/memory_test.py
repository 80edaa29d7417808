#!/usr/bin/env python3
"""Memory stays flat: 200 MB of reports on standard input, and one 50 MB line with no
newline, each run with a peak resident set under 64 MB (the kernel's ru_maxrss of the child).
Under a sanitizer build (QUANTEX_SANITIZED=1) the bound is 512 MB: AddressSanitizer keeps
freed memory in quarantine and maps shadow memory for what is in use.

usage: memory_test.py QUANTEX
"""
import glob
import os
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
LIMIT_KB = (512 if os.environ.get("QUANTEX_SANITIZED") == "1" else 64) * 1024


def feed(pipe, chunk, total):
    written = 0
    try:
        while written < total:
            pipe.write(chunk)
            written += len(chunk)
    except BrokenPipeError:
        pass
    finally:
        pipe.close()


def peak_kb(quantex, chunk, total):
    """Runs quantex on `total` bytes made of `chunk`; returns (status, peak RSS KB, records)."""
    p = subprocess.Popen([quantex, "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    writer = threading.Thread(target=feed, args=(p.stdin, chunk, total))
    writer.start()
    records = sum(1 for _ in p.stdout)
    _, status, usage = os.wait4(p.pid, 0)
    writer.join()
    p.returncode = 0
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss, records


def main():
    quantex = os.path.abspath(sys.argv[1])
    text = b"".join(open(path, "rb").read() for path in sorted(glob.glob(
        os.path.join(HERE, "..", "samples", "*.txt"))))
    ok = True
    line = text.replace(b"\r", b"").replace(b"\n", "。".encode())
    for name, chunk, total in (("200 MB stream", text, 200 << 20),
                               ("50 MB line without a newline", line, 50 << 20)):
        status, kb, records = peak_kb(quantex, chunk, total)
        print(f"{name}: status {status}, peak RSS {kb / 1024:.1f} MB, {records} records")
        ok = ok and status == 0 and kb < LIMIT_KB and records > 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
