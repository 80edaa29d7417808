#!/usr/bin/env python3
"""Installing quantex: cmake --install puts the binary, both man pages, the bash, zsh and
fish completions and the rule files in a scratch prefix, and the installed binary runs; the
man page and every completion name every option --help lists; bash completes 'quantex --form'
to --format; and cpack writes a .deb that declares what it needs and whose binary, unpacked
into a scratch root, reads a sample as the build's does.

usage: install_test.py BUILD_DIR
Exits 77 (skipped) when help2man, pandoc or bash-completion is missing (tools/setup.sh
installs them).
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
COMPLETION = "/usr/share/bash-completion/bash_completion"


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def main():
    build = os.path.abspath(sys.argv[1])
    if not (shutil.which("help2man") and shutil.which("pandoc") and os.path.exists(COMPLETION)):
        print("skipped: help2man, pandoc or bash-completion is not installed")
        return 77
    help_text = run([os.path.join(build, "quantex"), "--help"]).stdout
    # The options --help lists: each line that starts with one (not those its texts mention).
    options = sorted(set(re.findall(r"^ +(?:-[a-zA-Z],)?(--[a-z][a-z-]+)", help_text, re.M)))
    with tempfile.TemporaryDirectory() as scratch:
        prefix = os.path.join(scratch, "usr")
        run(["cmake", "--install", build, "--prefix", prefix])
        expected = ["bin/quantex", "share/man/man1/quantex.1", "share/man/man5/quantex-rules.5",
                    "share/bash-completion/completions/quantex",
                    "share/zsh/vendor-completions/_quantex",
                    "share/fish/vendor_completions.d/quantex.fish",
                    "share/quantex/rules/count.toml", "share/quantex/rules/README.md"]
        for path in expected:
            assert os.path.exists(os.path.join(prefix, path)), f"not installed: {path}"
        version = run([os.path.join(prefix, "bin", "quantex"), "--version"]).stdout
        assert version.startswith("quantex "), version
        man = open(os.path.join(prefix, "share/man/man1/quantex.1")).read().replace("\\-", "-")
        for path in ("share/bash-completion/completions/quantex",
                     "share/zsh/vendor-completions/_quantex",
                     "share/fish/vendor_completions.d/quantex.fish"):
            completion = open(os.path.join(prefix, path)).read()
            for option in options:
                name = option if "fish" not in path else "-l " + option[2:]
                assert name in completion, f"{path} lacks {option}"
        for option in options:
            assert option in man, f"quantex.1 lacks {option}"
        rules_man = open(os.path.join(prefix, "share/man/man5/quantex-rules.5")).read()
        assert "[[rule]]" in rules_man and "Limits" in rules_man
        script = (f"source {COMPLETION}; source {prefix}/share/bash-completion/completions/quantex;"
                  " COMP_WORDS=(quantex --form); COMP_CWORD=1; COMP_LINE='quantex --form';"
                  " COMP_POINT=${#COMP_LINE}; _quantex; echo ${COMPREPLY[@]}")
        completed = run(["bash", "-c", script]).stdout.split()
        assert completed == ["--format"], completed
        print(f"installed {len(expected)} files; {len(options)} options in the man page and "
              "the completions; bash completes --form to --format")

        run(["cpack", "-G", "DEB", "-B", scratch], cwd=build)
        debs = glob.glob(os.path.join(scratch, "quantex_*.deb"))
        assert len(debs) == 1, debs
        depends = run(["dpkg-deb", "-f", debs[0], "Depends"]).stdout
        for library in ("libc6", "libfmt9", "libsimdjson14"):
            assert library in depends, depends
        root = os.path.join(scratch, "root")
        run(["dpkg-deb", "-x", debs[0], root])
        sample = os.path.join(TOP, "samples", "anyang-2021-review-followup.txt")
        packaged = run([os.path.join(root, "usr", "bin", "quantex"), sample]).stdout
        built = run([os.path.join(build, "quantex"), sample]).stdout
        assert packaged == built and packaged, "the packaged binary reads as the build's"
        print(f"{os.path.basename(debs[0])}: Depends: {depends.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
