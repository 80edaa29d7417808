#!/usr/bin/env python3
"""The command line end to end, for what needs Python's batteries (csv, codecs, pty, FIFOs):
walks and globs, CSV and fields, encodings, JSON Lines documents, threads, --stats, progress,
the rules and number commands. tests/unit/cli_test.cpp covers standard input, files,
folders, TSV, --kind, exit statuses, rule-file errors and a closed pipe.

usage: cli_test.py QUANTEX   (CTest passes the binary it built)
"""
import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unittest

QUANTEX = None

REPORT = (
    "关于优化营商环境工作情况的报告\n"
    "审批时限由20个工作日压减至8个工作日，为企业发放贷款28.6亿元。\n"
    "全市新增市场主体1246家，网上可办率达到99.9%。\n"
)


def run(args, stdin=b"", cwd=None):
    """Runs quantex; returns (status, stdout, stderr) with text decoded."""
    p = subprocess.run([QUANTEX] + args, input=stdin, capture_output=True, cwd=cwd, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def records(text):
    return [json.loads(line) for line in text.splitlines()]


class Folder:
    """A temporary folder with files written as asked."""

    def __init__(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = self.tmp.name

    def write(self, name, data):
        full = os.path.join(self.path, name)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        return full


class Inputs(unittest.TestCase):
    def test_dash_reads_standard_input_among_files(self):
        f = Folder()
        a = f.write("a.txt", "新增企业3家\n")
        status, out, _ = run([a, "-"], "贷款5亿元\n".encode())
        self.assertEqual(status, 0)
        self.assertEqual([(r["doc"], r["text"]) for r in records(out)], [(a, "3家"), ("-", "5亿元")])

    def test_extract_may_be_named_with_options_on_either_side(self):
        f = Folder()
        path = f.write("a.txt", REPORT)
        expected = run(["-f", "tsv", path])
        self.assertEqual(expected[0], 0)
        for args in (["extract", "-f", "tsv", path], ["-f", "tsv", "extract", path],
                     ["-q", "extract", "-f", "tsv", path], ["extract", path, "-f", "tsv"]):
            self.assertEqual(run(args), expected, args)
        # A file named like the command is read when its path says it is a file.
        f.write("extract", REPORT)
        status, out, _ = run(["./extract"], cwd=f.path)
        self.assertEqual((status, len(records(out))), (0, 4))

    def test_folders_are_walked_in_name_order_without_hidden_files(self):
        f = Folder()
        f.write("b.txt", "新增企业2家\n")
        f.write("a/z.txt", "新增企业1家\n")
        f.write(".hidden.txt", "新增企业9家\n")
        f.write(".git/x.txt", "新增企业9家\n")
        status, out, _ = run([f.path])
        self.assertEqual(status, 0)
        self.assertEqual([os.path.relpath(r["doc"], f.path) for r in records(out)],
                         ["a/z.txt", "b.txt"])

    def test_globs_filter_walked_files(self):
        f = Folder()
        f.write("keep.txt", "新增企业1家\n")
        f.write("skip-draft.txt", "新增企业2家\n")
        f.write("notes.md", "新增企业3家\n")
        status, out, _ = run(["--glob", "*.txt", "--glob", "!skip*", f.path])
        self.assertEqual(status, 0)
        self.assertEqual([os.path.basename(r["doc"]) for r in records(out)], ["keep.txt"])

    def test_symbolic_links_are_followed_only_when_asked(self):
        f = Folder()
        target = f.write("real/a.txt", "新增企业1家\n")
        os.makedirs(os.path.join(f.path, "walk"))
        os.symlink(target, os.path.join(f.path, "walk", "link.txt"))
        walk = os.path.join(f.path, "walk")
        link = os.path.join(walk, "link.txt")
        self.assertEqual(run([walk]), (0, "", f"quantex: {link}: symbolic link, skipped "
                                             "(--follow reads it)\n"))
        self.assertEqual(len(records(run(["--follow", walk])[1])), 1)

    def test_a_file_gone_before_it_is_read_fails_alone(self):
        # A link to a file that no longer exists stands for a file deleted during the walk.
        f = Folder()
        f.write("a.txt", "新增企业1家\n")
        gone = os.path.join(f.path, "gone.txt")
        os.symlink(os.path.join(f.path, "deleted.txt"), gone)
        status, out, err = run(["--follow", f.path])
        self.assertEqual(status, 1)
        self.assertEqual(err, f"quantex: {gone}: No such file or directory\n")
        self.assertEqual(len(records(out)), 1)

    def test_a_fifo_given_by_name_is_read(self):
        f = Folder()
        fifo = os.path.join(f.path, "pipe")
        os.mkfifo(fifo)

        def feed():
            with open(fifo, "wb") as w:
                w.write("新增企业7家\n".encode())

        writer = threading.Thread(target=feed)
        writer.start()
        status, out, _ = run([fifo])
        writer.join()
        self.assertEqual(status, 0)
        self.assertEqual(records(out)[0]["value"], 7)

    def test_a_fifo_met_in_a_walk_is_skipped_with_a_note(self):
        f = Folder()
        os.mkfifo(os.path.join(f.path, "pipe"))
        f.write("a.txt", "新增企业1家\n")
        status, out, err = run([f.path])
        self.assertEqual(status, 0)
        self.assertIn("pipe: not a regular file, skipped", err)
        self.assertEqual(len(records(out)), 1)

    def test_offsets_slice_the_file_as_python_reads_it(self):
        f = Folder()
        text = "\ufeff前言\r\n审批时限由20个工作日压减至8个工作日\r\n增长4\ue0102%，贷款3亿元"
        path = f.write("r.txt", text)
        status, out, _ = run([path])
        self.assertEqual(status, 0)
        with open(path, encoding="utf-8-sig") as fh:
            read = fh.read()
        got = records(out)
        self.assertEqual(len(got), 3)
        for r in got:
            self.assertEqual(read[r["start"]:r["end"]], r["text"])
            line = read.split("\n")[r["line"] - 1]
            self.assertEqual(line[r["col"] - 1:r["col"] - 1 + len(r["text"])], r["text"])


class Formats(unittest.TestCase):
    def test_fields_pick_and_order_columns(self):
        status, out, _ = run(["-f", "tsv", "--fields", "value,unit,text", "--no-header"],
                             "新增企业3家\n".encode())
        self.assertEqual(out, "3\t家\t3家\n")
        self.assertEqual(run(["--fields", "valu"], b"")[0], 2)

    def test_csv_reads_back_with_a_csv_parser(self):
        doc = 'a,"b"\nc'
        text = '报告称，"新增"企业3家\r其后,再增5家。'
        jsonl = json.dumps({"id": doc, "text": text}, ensure_ascii=False) + "\n"
        status, out, _ = run(["--input", "jsonl", "-f", "csv", "--context", "--bom"],
                             jsonl.encode())
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith("\ufeff"))
        rows = list(csv.DictReader(io.StringIO(out[1:], newline="")))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[0]["doc"], doc)
        self.assertEqual(rows[0]["text"], "3家")
        self.assertEqual(rows[0]["context"], text[:text.index("。") + 1])

    def test_kind_keeps_only_those_kinds(self):
        status, out, _ = run(["-k", "money,percentage"], REPORT.encode())
        self.assertEqual(status, 0)
        self.assertEqual({r["kind"] for r in records(out)}, {"money", "percentage"})
        status, _, err = run(["-k", "moneys"], REPORT.encode())
        self.assertEqual(status, 2)
        self.assertIn("no rule yields kind 'moneys'", err)

    def test_context_is_the_sentence(self):
        out = run(["--context"], "前一句。新增企业3家，较上年增加。后一句\n".encode())[1]
        self.assertEqual(records(out)[0]["context"], "新增企业3家，较上年增加。")


class Statuses(unittest.TestCase):
    @unittest.skipIf(os.geteuid() == 0, "root reads every file")
    def test_an_unreadable_file_fails_alone(self):
        f = Folder()
        locked = f.write("locked.txt", "新增企业3家\n")
        os.chmod(locked, 0)
        status, _, err = run([locked])
        self.assertEqual(status, 1)
        self.assertIn("Permission denied", err)

    def test_help_and_version_go_to_stdout(self):
        status, out, err = run(["--help"])
        self.assertEqual((status, err), (0, ""))
        for word in ("--format", "--add-rules", "--kind", "--context", "--threads", "rules",
                     "number", "Examples:", "Exit status"):
            self.assertIn(word, out)
        status, out, _ = run(["--version"])
        self.assertEqual(status, 0)
        self.assertRegex(out, r"^quantex \d+\.\d+\.\d+\n$")

    def test_a_closed_pipe_ends_quietly_with_threads(self):
        big = (REPORT * 20000).encode()
        for threads in ("2",):
            quantex = subprocess.Popen([QUANTEX, "-j", threads, "-", "-"], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            head = subprocess.Popen(["head", "-1"], stdin=quantex.stdout, stdout=subprocess.PIPE)
            quantex.stdout.close()
            feeder = threading.Thread(target=self._feed, args=(quantex.stdin, big))
            feeder.start()
            line = head.communicate(timeout=60)[0]
            err = quantex.stderr.read()
            status = quantex.wait(timeout=60)
            feeder.join()
            self.assertEqual(len(line.splitlines()), 1)
            self.assertEqual((status, err), (0, b""))

    @staticmethod
    def _feed(pipe, data):
        try:
            pipe.write(data)
            pipe.close()
        except BrokenPipeError:
            pass

    def test_a_full_disk_is_reported(self):
        with open("/dev/full", "wb") as full:
            p = subprocess.run([QUANTEX], input=(REPORT * 3000).encode(), stdout=full,
                               stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stderr.decode(), "quantex: standard output: No space left on device\n")


class Encodings(unittest.TestCase):
    TEXT = "审批时限压缩至5个工作日，贷款28.6亿元。\n新增企业1,246家，满意度99.9％\n"

    def strip_doc(self, out):
        return [{k: v for k, v in r.items() if k != "doc"} for r in records(out)]

    def test_every_encoding_gives_the_records_of_its_utf8(self):
        f = Folder()
        expected = self.strip_doc(run([f.write("u.txt", self.TEXT)])[1])
        self.assertEqual(len(expected), 4)
        for name, data in [("gbk", self.TEXT.encode("gbk")),
                           ("gb18030", self.TEXT.encode("gb18030")),
                           ("utf16le", self.TEXT.encode("utf-16")),
                           ("utf16be", b"\xfe\xff" + self.TEXT.encode("utf-16-be")),
                           ("bom", b"\xef\xbb\xbf" + self.TEXT.encode())]:
            status, out, err = run([f.write(name, data)])
            self.assertEqual((status, err), (0, ""), name)
            self.assertEqual(self.strip_doc(out), expected, name)

    def test_a_forced_encoding_wins(self):
        f = Folder()
        path = f.write("g.txt", self.TEXT.encode("gbk"))
        status, out, _ = run(["--encoding", "GBK", path])
        self.assertEqual((status, len(records(out))), (0, 4))
        # An encoding iconv does not know is one usage error, before any input is read.
        self.assertEqual(run(["--encoding", "NOPE", path, path]),
                         (2, "", "quantex: --encoding: iconv knows no encoding 'NOPE' (try UTF-8, "
                                 "GB18030, UTF-16LE)\n"))

    def test_an_invalid_byte_is_reported_and_the_rest_read(self):
        f = Folder()
        data = "新增企业3家\n".encode() + b"\xff\xfe" + "贷款5亿元\n".encode()
        path = f.write("bad.txt", data)
        status, out, err = run(["--encoding", "UTF-8", path])
        self.assertEqual(status, 1)
        self.assertEqual(err, f"quantex: {path}: 2 byte(s) are not valid UTF-8, the first at "
                              "byte 17; read as U+FFFD\n")
        self.assertEqual([r["text"] for r in records(out)], ["3家", "5亿元"])

    def test_binary_files_are_skipped_unless_asked(self):
        f = Folder()
        path = f.write("bin.dat", b"\x00\x01" + "新增企业3家\n".encode())
        status, out, err = run([path])
        self.assertEqual((status, out), (0, ""))
        self.assertEqual(err, f"quantex: {path}: binary file (NUL byte at offset 0), skipped\n")
        self.assertEqual(len(records(run(["--binary", path])[1])), 1)

    @unittest.skipIf(os.environ.get("QUANTEX_SANITIZED") == "1",
                     "AddressSanitizer reserves its shadow memory beyond any address-space limit")
    def test_running_out_of_memory_on_one_input_fails_it_alone(self):
        # A 57 MB JSON Lines document under a 90 MB address-space limit: growing the line
        # buffer throws std::bad_alloc deep in a worker. That input is a named failure, the
        # next one is read, and the process ends with status 1, on one thread or two.
        import resource
        f = Folder()
        big = f.write("big.jsonl", json.dumps({"id": "big", "text": "新增企业3家。" * 3_000_000},
                                              ensure_ascii=False) + "\n")
        small = f.write("small.jsonl", '{"id": "s", "text": "贷款5亿元。"}\n')

        def limit_memory():
            resource.setrlimit(resource.RLIMIT_AS, (90 << 20, 90 << 20))

        # One malloc arena: each thread's own would reserve 64 MB of address space.
        env = dict(os.environ, MALLOC_ARENA_MAX="1")
        for threads in ("-j1", "-j2"):
            p = subprocess.run([QUANTEX, threads, "--input", "jsonl", big, small],
                               capture_output=True, preexec_fn=limit_memory, env=env, timeout=120)
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertEqual(p.stderr.decode(), f"quantex: {big}: internal error (std::bad_alloc); "
                                                 "the rest of this input was not read\n")
            self.assertEqual([r["doc"] for r in records(p.stdout.decode())], ["s"])

    def test_binary_data_after_text_stops_the_reading_and_fails(self):
        # Bytes are checked as they are read, never in a pass of their own. A NUL byte past
        # the first block comes after records were written: they stay, the rest is not read,
        # and the input has failed. One thread or two, the output is the same.
        f = Folder()
        text = "新增企业3家。\n".encode() * 80000
        path = f.write("late.dat", text + b"\x00" + "新增企业4家。\n".encode())
        other = f.write("other.txt", "贷款5亿元。\n")
        runs = [run(["-j1", path, other]), run(["-j2", path, other])]
        for status, out, err in runs:
            self.assertEqual(status, 1)
            self.assertEqual(err, f"quantex: {path}: NUL byte at offset {len(text)}: binary data "
                                  "after text; the records before it were written, the rest was not read\n")
            texts = [r["text"] for r in records(out)]
            self.assertEqual(set(texts), {"3家", "5亿元"})
            self.assertGreater(texts.count("3家"), 0)
            self.assertEqual(texts[-1], "5亿元")
        self.assertEqual(runs[0][1], runs[1][1])

    def test_a_long_last_line_without_a_line_end_is_read_whole(self):
        # The reader's buffer grows as it finds the end of a 230 KB line; the line must be
        # read from the grown buffer (this crashed quantex once).
        f = Folder()
        sentence = "新增企业3家，"
        count = 230_000 // len(sentence.encode())
        path = f.write("no-end.txt", sentence * count)
        status, out, err = run([path])
        self.assertEqual((status, err), (0, ""))
        self.assertEqual(len(records(out)), count)

    def test_a_clause_of_megabytes_does_not_hang(self):
        # 2.8 MB of changes with no punctuation make one clause, which the change rules
        # rescan after each match: searched whole, that took minutes (43 s for half of
        # it); in pieces it takes about a second. The timeout catches the square, not speed.
        f = Folder()
        path = f.write("table.txt", "由1个增加到2个" * 140_000)
        p = subprocess.run([QUANTEX, path], capture_output=True, timeout=30)
        self.assertEqual((p.returncode, p.stderr), (0, b""))
        self.assertGreaterEqual(len(p.stdout.splitlines()), 140_000)


class Documents(unittest.TestCase):
    def test_json_lines_documents_with_a_malformed_line(self):
        lines = [json.dumps({"title": "甲", "content": "新增企业3家"}, ensure_ascii=False),
                 "{not json",
                 json.dumps({"content": "贷款5亿元"}, ensure_ascii=False),
                 json.dumps({"title": 7, "body": "x"}),
                 ""]
        status, out, err = run(["--input", "jsonl", "--text-field", "content", "--id-field",
                                "title", "-"], "\n".join(lines).encode())
        self.assertEqual(status, 1)
        self.assertEqual([(r["doc"], r["text"]) for r in records(out)], [("甲", "3家"), ("3", "5亿元")])
        self.assertRegex(err, r"quantex: -:2: not JSON: ")
        self.assertIn('quantex: -:4: no field "content", skipped', err)


class Batches(unittest.TestCase):
    def test_threads_do_not_change_the_output(self):
        f = Folder()
        for i in range(200):
            f.write(f"d{i // 50}/r{i:03}.txt",
                    REPORT.replace("1246", str(1000 + i)) * (1 + i % 7))
        outputs = [run(["-j", j, f.path]) for j in ("1", "2", "3")]
        self.assertEqual(outputs[0][0], 0)
        self.assertGreater(len(outputs[0][1]), 0)
        for other in outputs[1:]:
            self.assertEqual(other, outputs[0])

    def test_stats_account_for_every_input(self):
        f = Folder()
        f.write("a.txt", REPORT)
        f.write("b.bin", b"\x00")
        missing = os.path.join(f.path, "gone.txt")
        status, out, err = run(["--stats", f.path, missing])
        self.assertEqual(status, 1)
        summary = err.strip().split("\n")[-1]
        self.assertRegex(summary, r"^quantex: 3 input\(s\): 1 read, 1 skipped, 1 failed; "
                                  r"1 document\(s\); 0\.0 MB; 4 record\(s\) \(count 1, money 1, percentage 1, "
                                  r"time_limit 1\); [0-9.]+ s, [0-9.]+ MB/s$")
        self.assertEqual(len(records(out)), 4)


class Progress(unittest.TestCase):
    """The progress line shows only on a terminal, after a second, and erases itself."""

    def run_on_terminal(self, extra):
        import pty
        f = Folder()
        f.write("a.txt", REPORT)
        fifo = os.path.join(f.path, "slow")
        os.mkfifo(fifo)
        primary, secondary = pty.openpty()
        p = subprocess.Popen([QUANTEX] + extra + [os.path.join(f.path, "a.txt"), fifo,
                                                  os.path.join(f.path, "a.txt")],
                             stdout=subprocess.DEVNULL, stderr=secondary)
        os.close(secondary)
        # The FIFO delays the second input past the first second of the run.
        threading.Timer(1.5, lambda: open(fifo, "wb").close()).start()
        return self.read_terminal(p, primary)

    def test_progress_on_a_terminal(self):
        seen = self.run_on_terminal([])
        self.assertRegex(seen, r"quantex: [23]/3 files, [0-9.]+ MB, \d+ records")
        self.assertTrue(seen.endswith("\r\x1b[K"), repr(seen))

    def read_terminal(self, p, primary):
        seen = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        self.assertEqual(p.wait(timeout=120), 0)
        os.close(primary)
        return seen.decode()

    def test_progress_within_one_input(self):
        # One input, given slowly through a FIFO: the line moves every few megabytes of it,
        # on one thread and in parts on two.
        import pty
        chunk = (REPORT * (1 + (3 << 20) // len(REPORT.encode()))).encode()
        for threads in ("-j1", "-j2"):
            f = Folder()
            fifo = os.path.join(f.path, "slow")
            os.mkfifo(fifo)
            primary, secondary = pty.openpty()
            p = subprocess.Popen([QUANTEX, threads, fifo], stdout=subprocess.DEVNULL,
                                 stderr=secondary)
            os.close(secondary)

            def feed():
                with open(fifo, "wb") as w:
                    w.write(chunk * 2)
                    time.sleep(1.5)
                    w.write(chunk)
            threading.Thread(target=feed).start()
            seen = self.read_terminal(p, primary)
            # 0/1: the line moved while the one input was being read.
            self.assertRegex(seen, r"quantex: 0/1 files, [0-9.]+ MB, [1-9]\d* records", threads)

    @unittest.skipIf(os.environ.get("QUANTEX_SANITIZED") == "1",
                     "a sanitizer build reads 40 MB too slowly for the suite")
    def test_progress_of_a_large_file_says_how_far(self):
        # 40 MB of this dense report take about three seconds here: the line shows.
        import pty
        f = Folder()
        big = f.write("big.txt", REPORT * (1 + (40 << 20) // len(REPORT.encode())))
        primary, secondary = pty.openpty()
        p = subprocess.Popen([QUANTEX, "-j1", big], stdout=subprocess.DEVNULL, stderr=secondary)
        os.close(secondary)
        seen = self.read_terminal(p, primary)
        size = os.path.getsize(big) / 1e6
        self.assertRegex(seen, rf"quantex: 0/1 files, [0-9.]+ of {size:.1f} MB \(\d+%\), "
                               r"\d+ records")

    def test_no_progress_when_quiet(self):
        self.assertEqual(self.run_on_terminal(["--quiet"]), "")

    def test_no_progress_off_a_terminal(self):
        self.assertEqual(run([], REPORT.encode())[2], "")


class RuleCommands(unittest.TestCase):
    def test_rules_list(self):
        status, out, _ = run(["rules", "list"])
        self.assertEqual(status, 0)
        rows = [line.split("\t") for line in out.splitlines()]
        self.assertEqual(rows[0], ["id", "kind", "priority", "source"])
        self.assertIn("count.measure", [r[0] for r in rows])
        # With --patterns: each rule's id and its pattern, fragments expanded, as RE2 runs it.
        status, out, _ = run(["rules", "list", "--patterns"])
        patterns = dict(line.split("\t", 1) for line in out.splitlines())
        self.assertEqual(set(patterns), {r[0] for r in rows[1:]})
        self.assertIn("(?P<value>", patterns["count.measure"])
        self.assertNotIn("{number}", patterns["count.measure"])

    def test_rules_check_and_test_a_user_file(self):
        f = Folder()
        good = f.write("good.toml", """
[[rule]]
id = "mine.count"
kind = "count"
priority = 40
pattern = '(?P<value>{count_value})(?P<unit>家)银行网点'
examples = [{ text = "新设3家银行网点", value = 3, unit = "家" }]
counter_examples = ["新设3家银行"]
""")
        self.assertEqual(run(["rules", "check", good])[0], 0)
        status, out, _ = run(["rules", "test", good])
        self.assertEqual(status, 0, out)
        failing = f.write("failing.toml", """
[[rule]]
id = "mine.wrong"
kind = "count"
priority = 40
pattern = '(?P<value>{count_value})(?P<unit>家)银行'
examples = [{ text = "新增3家银行", value = 4, unit = "家" }]
""")
        status, out, _ = run(["rules", "test", failing])
        self.assertEqual(status, 1)
        self.assertIn("rule mine.wrong: example \"新增3家银行\" expected count = 4 家", out)

    def test_rule_paths_that_give_no_rules_are_errors(self):
        f = Folder()
        report = f.write("report.txt", REPORT)
        empty = os.path.join(f.path, "no-rules")
        os.makedirs(empty)
        for args in (["-r", empty, report], ["-a", empty, report], ["rules", "check", empty]):
            status, out, err = run(args)
            self.assertEqual((status, out), (2, ""), args)
            self.assertEqual(err, f"quantex: {empty}: no rule files (*.toml) in this folder\n")
        fragments_only = f.write("fragments.toml", '[fragments]\nbank = "银行"\n')
        status, out, err = run(["-r", fragments_only, report])
        self.assertEqual((status, out), (2, ""))
        self.assertEqual(err, "quantex: -r: the rule files hold no [[rule]] that yields records "
                              "(none, or only exclusions)\n")

    def test_a_pattern_that_fails_when_compiled(self):
        # Each loads (its pieces compile on their own), but the whole pattern does not: it
        # repeats past RE2's limit, or it is too large for RE2's memory budget. Either is
        # reported before any input is read: exit 2 and no record, whatever the input holds.
        f = Folder()
        wide = f.write("wide.toml", """
[fragments]
wide_gap = '.{0,100}'

[[rule]]
id = "mine.wide"
kind = "count"
pattern = '(?:{wide_gap}){0,20}(?P<value>{count_value})(?P<unit>家)'
""")
        huge = f.write("huge.toml", """
[fragments]
letters = '\\p{L}{1000}'

[[rule]]
id = "mine.huge"
kind = "count"
pattern = '{letters}{letters}{letters}{letters}(?P<value>{count_value})(?P<unit>家)'
""")
        for path, rule, what in ((wide, "mine.wide", "invalid repetition size"),
                                 (huge, "mine.huge", "pattern too large")):
            message = f"quantex: {path}:8:11: rule {rule}: invalid pattern: {what}"
            status, out, err = run(["rules", "check", path])
            self.assertEqual((status, out), (2, ""))
            self.assertTrue(err.startswith(message), err)
            for text in (REPORT, "没有数字的一行。\n", ""):
                status, out, err = run(["-a", path], text.encode())
                self.assertEqual((status, out), (2, ""), (path, text))
                self.assertTrue(err.startswith(message), err)

    def test_explain_says_why_for_a_record_and_for_a_miss(self):
        status, out, err = run(["explain", "审批时限由20个工作日压减至8个工作日，二〇二一年第3季度"])
        self.assertEqual((status, err), (0, ""))
        self.assertIn("time.change matched '由20个工作日压减至8个工作日': = 8 workday, from 20", out)
        self.assertIn("lost: time.length '20个工作日' to time.change", out)
        self.assertIn("kept: time.change '20个工作日压减至8个工作日'", out)
        self.assertIn("subject '审批时限'", out)
        self.assertIn("no record for '二〇二一': no rule matches it (in '工作日，二〇二一年第3季')", out)
        # A number in a candidate that lost names it.
        status, out, _ = run(["explain", "召开第3次会议"])
        self.assertIn("lost: count.measure '3次' to exclude.ordinal '第3'", out)
        self.assertIn("no record for '3': count.measure '3次' lost, above", out)
        # A match whose unit is not in its kind's table says so.
        folder = Folder()
        rules = folder.write("odd.toml", """
[[rule]]
id = "odd.unit"
kind = "count"
pattern = '(?P<value>[0-9]+)(?P<unit>只羊)'
""")
        status, out, _ = run(["explain", "-a", rules, "牧场有3只羊"])
        self.assertIn("odd.unit matched '3只羊': dropped, the unit '只羊' is not in the units of "
                      "count", out)

    def test_rules_dump_prints_and_writes_the_built_in_files(self):
        status, out, _ = run(["rules", "dump"])
        self.assertEqual(status, 0)
        self.assertIn("# ==> builtin:rules/count.toml <==", out)
        folder = Folder()
        status, _, err = run(["rules", "dump", folder.path])
        self.assertEqual(status, 0)
        self.assertIn("use them with -r", err)
        # The files written are the defaults: -r on them gives the default records.
        self.assertEqual(run(["-r", folder.path], REPORT.encode()), run([], REPORT.encode()))

    def test_a_mistyped_option_is_named_with_what_was_meant(self):
        status, out, err = run(["--fromat", "tsv", "-"])
        self.assertEqual((status, out), (2, ""))
        self.assertIn("did you mean '--format' for '--fromat'?", err)

    def test_options_that_would_do_nothing_are_usage_errors(self):
        for args, message in ((["--text-field", "content", "-"], "--text-field and --id-field"),
                              (["--no-header", "-"], "--no-header is for TSV and CSV"),
                              (["--bom", "-"], "--bom is for CSV")):
            status, out, err = run(args, REPORT.encode())
            self.assertEqual((status, out), (2, ""), args)
            self.assertIn(message, err)
        # Asking for the context field asks for the context.
        status, out, _ = run(["-f", "tsv", "--fields", "text,context", "-"], REPORT.encode())
        self.assertIn("审批时限由20个工作日压减至8个工作日，", out)

    def test_tag_keeps_records_with_that_tag(self):
        status, out, _ = run(["--tag", "loan", "-"], REPORT.encode())
        self.assertEqual([r["text"] for r in records(out)], ["28.6亿元"])

    def test_a_json_lines_field_missing_on_every_line_is_said_once(self):
        lines = "".join(json.dumps({"content": f"新增企业{i}家"}, ensure_ascii=False) + "\n"
                        for i in range(1, 41))
        for threads in ("-j1", "-j2"):
            status, out, err = run([threads, "--input", "jsonl", "-"], lines.encode())
            self.assertEqual((status, out), (1, ""))
            self.assertEqual(err.splitlines(), [
                'quantex: -:1: no field "text", skipped',
                'quantex: -: 40 line(s) in all have no field "text" (the first is named above); '
                '--text-field names the field that holds the text'])

    def test_hidden_files_and_json_lines_while_walking(self):
        f = Folder()
        f.write(".hidden/a.txt", REPORT)
        f.write("docs.jsonl", '{"id": "d", "text": "新增企业3家"}\n')
        status, out, err = run([f.path])
        self.assertEqual(records(out), [])
        docs = os.path.join(f.path, "docs.jsonl")
        self.assertEqual(err, f"quantex: {docs}: JSON Lines documents, skipped (--input jsonl "
                              "reads them)\n")
        status, out, _ = run(["--hidden", f.path])
        self.assertEqual(len(records(out)), 4)
        status, out, _ = run(["--input", "jsonl", "--glob", "*.jsonl", f.path])
        self.assertEqual([r["doc"] for r in records(out)], ["d"])

    def test_number(self):
        status, out, _ = run(["number", "3300多亿", "百分之", "十二"])
        self.assertEqual(status, 1)
        self.assertEqual(out, "330000000000\t>\n-\n12\n")


if __name__ == "__main__":
    QUANTEX = os.path.abspath(sys.argv.pop(1))
    unittest.main()
