#!/usr/bin/env python3
"""Hostile input, one case per row: quantex never crashes, hangs, balloons or loses data
without a word. Each case asserts the exit status, the message, bounded time and memory where
they were at stake, and that every other input's records are all there.

usage: hostile_test.py QUANTEX

Under a sanitizer build (QUANTEX_SANITIZED=1) time and memory bounds are relaxed: the
sanitizers slow quantex down and map shadow memory.
"""
import filecmp
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

QUANTEX = None
SANITIZED = os.environ.get("QUANTEX_SANITIZED") == "1"
SLOWER = 10 if SANITIZED else 1
HERE = os.path.dirname(os.path.abspath(__file__))
REPORT = "审批时限由20个工作日压减至8个工作日，为企业发放贷款28.6亿元。\n全市新增市场主体1246家。\n"


class Run:
    def __init__(self, status, out, err, peak_mb, seconds):
        self.status, self.out, self.err = status, out, err
        self.peak_mb, self.seconds = peak_mb, seconds

    def records(self):
        return [json.loads(line) for line in self.out.decode("utf-8").splitlines()]


def run(args, stdin=b"", preexec=None, stdout=None):
    """Runs quantex; returns its status, output, messages, peak RSS (MB) and seconds. With
    stdout (an open file), the output goes there and is not kept. This process stays small:
    a child's peak RSS counts the pages it shared with its parent before it started quantex.
    """
    started = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen([QUANTEX] + args, stdin=subprocess.PIPE, stdout=stdout or out,
                             stderr=err, preexec_fn=preexec)
        # A hang is a failure, not a stuck suite.
        killer = threading.Timer(120 * SLOWER, p.kill)
        killer.start()
        try:
            if isinstance(stdin, str):  # a path: streamed, never held whole
                with open(stdin, "rb") as data:
                    shutil.copyfileobj(data, p.stdin, 1 << 20)
            else:
                p.stdin.write(stdin)
            p.stdin.close()
        except BrokenPipeError:
            pass
        _, status, usage = os.wait4(p.pid, 0)
        killer.cancel()
        p.returncode = 0
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Run(os.waitstatus_to_exitcode(status), out.read(),
                   err.read().decode("utf-8", "replace"), usage.ru_maxrss / 1024, seconds)


def count_lines(path):
    lines = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            lines += block.count(b"\n")
    return lines


class Folder:
    def __init__(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = self.tmp.name

    def write(self, name, data):
        path = os.path.join(os.fsencode(self.path), os.fsencode(name) if isinstance(name, str) else name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path


def bomb(levels):
    """Fragments that each use the one before twice: 2^levels copies of the first."""
    lines = ["[fragments]", "f0 = '[0-9]'"]
    lines += [f"f{i} = '{{f{i - 1}}}{{f{i - 1}}}'" for i in range(1, levels + 1)]
    lines += ["[[rule]]", 'id = "bomb"', 'kind = "count"',
              f"pattern = '(?P<value>{{f{levels}}})(?P<unit>个)'"]
    return "\n".join(lines) + "\n"


class RuleFiles(unittest.TestCase):
    """Each hostile rule file ends in one clear error, exit 2, fast and small."""

    def check(self, text, message, name="hostile.toml"):
        f = Folder()
        path = f.write(name, text).decode()
        r = run(["rules", "check", path])
        self.assertEqual(r.status, 2, r.err)
        self.assertIn(message, r.err)
        self.assertTrue(r.err.startswith(f"quantex: {path}:"), r.err)
        self.assertLess(r.seconds, 5 * SLOWER)
        self.assertLess(r.peak_mb, 256 * (4 if SANITIZED else 1))
        # The same file added to a run over text: no record is written.
        r = run(["-a", path], REPORT.encode())
        self.assertEqual((r.status, r.out), (2, b""))
        return r

    def test_defect_2_a_fragment_bomb_is_refused_at_its_size(self):
        r = self.check(bomb(39), "pattern longer than 65536 bytes once {f12} is expanded")
        self.assertEqual(r.err.count("\n"), 1)

    def test_defect_9_no_log_flood_before_the_error(self):
        r = self.check(bomb(20), "pattern longer than 65536 bytes")
        self.assertEqual(r.err.count("\n"), 1, r.err[:500])

    def test_defect_3_exponents_in_scales_are_bounded(self):
        for exponent in ("1e2147483647", "1e-2147483648", "1e65", "1e-65"):
            self.check(f'[units.money]\n"亿x元" = {{ unit = "CNY", scale = "{exponent}" }}\n',
                       "scale: not a number")

    def test_defect_3_exponents_in_example_values_are_bounded(self):
        text = ('[units.count]\n"个x" = "个"\n[[rule]]\nid = "u.ex"\nkind = "count"\n'
                "pattern = '(?P<value>[0-9]+)(?P<unit>个x)'\n"
                'examples = [ { text = "共5个x", value = "1e2147483647", unit = "个" },'
                ' { text = "共5个x", value = "1e-2147483648", unit = "个" } ]\n')
        r = self.check(text, "example field 'value': not a number")
        self.assertEqual(r.err.count("\n"), 2)

    def test_defect_4_deep_nesting_is_refused_before_parsing(self):
        self.check("[" + ".".join(["a"] * 300000) + "]\n", "nested more than 64 levels")
        self.check("x = " + "[" * 300000 + "]" * 300000 + "\n", "nested more than 64 levels")
        self.check("a." * 300000 + "b = 1\n", "nested more than 64 levels")


class Inputs(unittest.TestCase):
    """Hostile text: each input's problem is named, and the other inputs are all read."""

    def assert_other_records(self, r, path):
        docs = [rec["doc"] for rec in r.records()]
        self.assertEqual(docs.count(path), 3, r.err)

    def run_with_good(self, data, extra=(), name="bad.txt"):
        """Runs quantex over a hostile file between two good ones; returns the run."""
        f = Folder()
        good = f.write("a-good.txt", REPORT).decode()
        bad = f.write(name, data)
        after = f.write("z-good.txt", REPORT).decode()
        r = run(list(extra) + ["-j2", good, os.fsdecode(bad), after])
        self.assert_other_records(r, good)
        self.assert_other_records(r, after)
        return r, os.fsdecode(bad)

    def test_empty_and_bom_only_files_are_read_quietly(self):
        for data in (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\n\n"):
            r, _ = self.run_with_good(data)
            self.assertEqual((r.status, r.err), (0, ""), data)

    def test_invalid_utf8_and_truncated_gb18030_are_named(self):
        gb = "新增企业3家".encode("gb18030")
        for data, encoding in ((b"\xc3\x28" + REPORT.encode(), "UTF-8"), (gb[:-1], "GB18030")):
            r, path = self.run_with_good(data)
            self.assertEqual(r.status, 1)
            self.assertIn(f"quantex: {path}: ", r.err)
            self.assertIn(f"are not valid {encoding}", r.err)

    def test_odd_length_utf16_is_named(self):
        r, path = self.run_with_good("新增企业3家".encode("utf-16")[:-1])
        self.assertEqual(r.status, 1)
        self.assertIn(f"quantex: {path}: 1 byte(s) are not valid UTF-16", r.err)

    def test_utf16_without_a_mark_is_named_with_the_way_to_read_it(self):
        r, path = self.run_with_good(REPORT.encode("utf-16-le"))
        self.assertEqual(r.status, 0)
        self.assertIn("looks like UTF-16LE without a byte-order mark: --encoding UTF-16LE", r.err)

    def test_defect_5_a_name_that_is_not_utf8_is_written_as_valid_utf8(self):
        r, path = self.run_with_good(REPORT, name=b"bad\xff\\.txt")
        self.assertEqual(r.status, 0, r.err)
        escaped = os.path.join(os.path.dirname(path), "bad\\xFF\\\\.txt")
        self.assertEqual([rec["doc"] for rec in r.records()].count(escaped), 3)
        for fmt in ("tsv", "csv"):
            out = run(["-f", fmt, os.path.dirname(path)]).out
            out.decode("utf-8")  # raises on invalid UTF-8

    def test_defect_6_binary_data_after_text_fails_and_says_what_was_written(self):
        text = ("新增企业3家。\n" * 20000).encode()
        r = run(["-"], text + b"\x00" + REPORT.encode())
        self.assertEqual(r.status, 1)
        self.assertEqual(r.err, f"quantex: -: NUL byte at offset {len(text)}: binary data after "
                                "text; the records before it were written, the rest was not read\n")
        self.assertGreater(len(r.records()), 0)

    def test_defect_7_one_stray_byte_does_not_change_the_encoding(self):
        sample = open(os.path.join(HERE, "..", "samples",
                                   "beijing-2020-business-environment-report.txt"), "rb").read()
        clean = run(["-"], sample)
        stray = run(["-"], b"\xff" + sample)
        self.assertEqual(len(stray.records()), len(clean.records()))
        self.assertEqual(stray.err, "quantex: -: 1 byte(s) are not valid UTF-8, the first at "
                                    "byte 0; read as U+FFFD\n")

    def test_defect_8_json_lines_ids_bom_and_null_text(self):
        lines = ['\ufeff{"id": {"a": 1}, "text": "新增企业3家"}', '{"id": [1], "text": "新增4家"}',
                 '{"id": "\\ud800x", "text": "新增5家"}', '{"id": "s", "text": null}',
                 '{"id": 7, "text": "新增6家"}']
        r = run(["--input", "jsonl", "-"], "\n".join(lines).encode() + b"\n")
        self.assertEqual(r.status, 1)
        self.assertEqual([rec["doc"] for rec in r.records()], ["1", "2", "3", "7"])
        self.assertEqual(r.err.splitlines(), [
            'quantex: -:1: id "id" is an object; the line number is the id',
            'quantex: -:2: id "id" is an array; the line number is the id',
            'quantex: -:3: id "id" is not a valid string; the line number is the id',
            'quantex: -:4: field "text" is null, not a string, skipped'])

    def test_defect_10_duplicate_fields_and_a_broken_glob_are_usage_errors(self):
        r = run(["--fields", "doc,doc,value", "-"], REPORT.encode())
        self.assertEqual((r.status, r.out, r.err), (2, b"", "quantex: --fields: 'doc' is given twice\n"))
        r = run(["--glob", "[", "."], b"")
        self.assertEqual((r.status, r.out), (2, b""))
        self.assertEqual(r.err, "quantex: --glob '[': a [ that is never closed\n")

    def test_numbers_beyond_a_record_are_named_and_counted(self):
        r = run(["--stats", "-"], ("共" + "9" * 1_000_000 + "个\n").encode() + REPORT.encode())
        self.assertEqual(r.status, 0)
        self.assertEqual(len(r.records()), 3)
        self.assertRegex(r.err, r"^quantex: -:1:[0-9]+: a number of more than 18 digits, too "
                                r"large to hold exactly: no record \(1 line\(s\) hold one\)\n")
        self.assertIn("1 line(s) with a number too large", r.err)
        self.assertLess(r.seconds, 10 * SLOWER)

    def test_a_200_mb_line_streams_in_bounded_memory(self):
        # One line of 200 MB, a record in every 20 KB of it, on standard input.
        f = Folder()
        piece = ("全市新增市场主体1246家，" + "营商环境持续优化" * 850).encode()
        data = f.write("line.txt", b"").decode()
        count = (200 << 20) // len(piece)
        with open(data, "wb") as line:
            for _ in range(count):
                line.write(piece)
        out = os.path.join(f.path, "out.jsonl")
        with open(out, "wb") as records:
            r = run(["-"], data, stdout=records)
        self.assertEqual(r.status, 0, r.err[:300])
        self.assertEqual(count_lines(out), count)
        if not SANITIZED:
            self.assertLess(r.peak_mb, 64)

    def test_a_file_unreadable_or_vanished_mid_batch_fails_alone(self):
        f = Folder()
        good = f.write("a.txt", REPORT).decode()
        locked = f.write("b.txt", REPORT).decode()
        os.chmod(locked, 0)
        gone = os.path.join(f.path, "c.txt")
        os.symlink(os.path.join(f.path, "nowhere.txt"), gone)
        r = run(["-j2", "--follow", good, locked, gone, f.path])
        if os.geteuid() == 0:  # root reads a file whatever its mode
            self.assertNotIn(locked + ": Permission denied", r.err)
        else:
            self.assertIn(f"quantex: {locked}: Permission denied", r.err)
        self.assertIn(f"quantex: {gone}: No such file or directory", r.err)
        self.assertEqual(r.status, 1)
        self.assertGreaterEqual([rec["doc"] for rec in r.records()].count(good), 3)

    def test_symbolic_link_loops_end(self):
        f = Folder()
        f.write("d/a.txt", REPORT)
        os.symlink(os.path.join(f.path, "d"), os.path.join(f.path, "d", "loop"))
        r = run(["--follow", f.path])
        self.assertEqual(r.status, 0, r.err)
        self.assertEqual(len(r.records()), 3)
        self.assertLess(r.seconds, 5 * SLOWER)
        r = run([f.path])
        self.assertIn("symbolic link, skipped (--follow reads it)", r.err)

    def test_ten_thousand_files_under_twenty_descriptors(self):
        f = Folder()
        for i in range(10_000):
            f.write(f"d{i % 10}/{i:05}.txt", "新增企业3家\n")

        def few_descriptors():
            resource.setrlimit(resource.RLIMIT_NOFILE, (20, 20))

        for threads in ("-j1", "-j2"):
            r = run([threads, f.path], preexec=few_descriptors)
            self.assertEqual((r.status, r.err), (0, ""), threads)
            self.assertEqual(len(r.records()), 10_000)
            self.assertLess(r.seconds, 30 * SLOWER)

    def test_closed_standard_output_is_named(self):
        f = Folder()
        path = f.write("a.txt", REPORT).decode()
        p = subprocess.run(f'exec "{QUANTEX}" "{path}" >&-', shell=True, capture_output=True)
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"quantex: standard output:", p.stderr)


class Parallel(unittest.TestCase):
    """Defect 1: parallel output in bounded memory, in order, stopping early when asked."""

    def test_defect_1_one_long_line_with_context_in_bounded_memory(self):
        f = Folder()
        sentence = "全市新增市场主体1246家，审批时限压缩至5个工作日，贷款28.6亿元，办结率99.9%，"
        big = f.write("big.txt", sentence * (2_000_000 // len(sentence.encode())) + "\n").decode()
        small = f.write("small.txt", REPORT).decode()
        outputs = []
        for threads in ("-j2", "-j1"):
            path = os.path.join(f.path, f"out{threads}")
            with open(path, "wb") as out:
                outputs.append((run([threads, "--context", big, small], stdout=out), path))
        (two, two_path), (_, one_path) = outputs
        self.assertEqual(two.status, 0)
        self.assertTrue(filecmp.cmp(two_path, one_path, shallow=False))
        if not SANITIZED:
            self.assertLess(two.peak_mb, 64)
        # Stopping early: the reader of the output goes away after one line.
        started = time.monotonic()
        p = subprocess.run(f'"{QUANTEX}" -j2 --context "{big}" "{small}" | head -1', shell=True,
                           capture_output=True)
        self.assertEqual(len(p.stdout.splitlines()), 1)
        self.assertLess(time.monotonic() - started, 1 * SLOWER)


def main():
    global QUANTEX
    QUANTEX = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)


if __name__ == "__main__":
    main()
