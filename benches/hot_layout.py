#!/usr/bin/env python3
"""Writes src/link/hot.ld: the functions a session in the editor runs, laid out together.

The release binary is 4.5 MB, and the kernel maps a program's code 64 KB at a time around every
page it touches ("fault-around"). With the linker's default order, the code an editing session
runs lies in almost every 64 KB of the binary, so nearly all of it ends up in memory. This script
runs a release build under callgrind through a real pseudo-terminal (start, move, type CJK text,
paste, resize, autosave, quit), lists every function that ran, and writes a linker script that
puts those functions first, in one block; src/build.rs hands it to the linker for release builds.

Run from the repository root (needs valgrind; about two minutes):

    python3 benches/hot_layout.py

A function that is renamed or added later only falls back to the default place: the layout
degrades, never breaks. Regenerate after large changes to the editor, the form loader or the
dependencies, and compare the peak RSS in `cargo bench --bench terminal` before and after.
"""

import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import fcntl
import termios

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "link", "hot.ld")

# The notice's (一) 示例, in pieces the way a person types them.
WORDS = ["智慧港口", "场景聚焦", "先导区特色", "行业领域"]
PASTE = "紧密结合人工智能物联网等新一代信息技术，通过对传统码头进行自动化运输、精细化管理。"

# Tables only the readers and writers of other formats use (legacy encodings and their
# detection, zip's checksums, float parsing), moved after the rest of the constants so the
# editor's own constants sit closer together.
COLD_DATA = [
    "_ZN11encoding_rs*",
    "_ZN9chardetng*",
    "_ZN9crc32fast*",
    "_ZN7zlib_rs*",
    "_ZN11miniz_oxide*",
    "_RNvNtNtNtCs*_4core3num7dec2flt*",
]

# Functions picked at run time by the CPU or the clock, which callgrind's simulated CPU and
# timing never reach: SHA-NI hashing and the timers of the autosave.
ALWAYS = [
    "_ZN4sha26sha2563x86*",
    "_RNvXs2_NtNtCs*_3std4hash6randomNtB5_13DefaultHasherNtNtCs*_4core4hash6Hasher9write_str*",
    "_RNvXs3_NtCs*_3std4timeNtB5_7InstantNtNtNtCs*_4core3ops5arith3Sub3sub*",
    # Seen in page-fault traces of real sessions (`perf record -e page-faults -d`), typed
    # faster than a session under callgrind can be.
    "_RNvXs2_NtCs*_5alloc3streNtNtB7_6borrow7ToOwned8to_owned*",
    "_ZN5alloc3vec16Vec$LT$T$C$A$GT$17extend_from_slice17h*",
    "_ZN5alloc7raw_vec20RawVecInner$LT$A$GT$11finish_grow17h*",
]


def build() -> str:
    """A release build with its symbol table, in a target directory of its own (or the one
    CARGO_TARGET_DIR names)."""
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(
        tempfile.gettempdir(), "tianbiao-hot-layout"
    )
    env = dict(os.environ, CARGO_PROFILE_RELEASE_STRIP="false", CARGO_TARGET_DIR=target)
    subprocess.run(["cargo", "build", "--release"], cwd=ROOT, env=env, check=True)
    return os.path.join(target, "release", "tianbiao")


class Session:
    """The binary under callgrind in an 80×24 pseudo-terminal that answers like xterm."""

    def __init__(self, binary: str, out: str, data: str, args: list):
        argv = [
            "valgrind", "--tool=callgrind", "--demangle=no", "--separate-threads=no",
            f"--callgrind-out-file={out}", binary, *args,
        ]
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", XDG_DATA_HOME=data)
        env.pop("NO_COLOR", None)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(data)
            os.execvpe(argv[0], argv, env)
        self.resize(24, 80)
        self.seen = b""

    def resize(self, rows: int, cols: int) -> None:
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def pump(self, seconds: float) -> None:
        end = time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.seen += chunk
            replies = b""
            replies += b"\x1b]11;rgb:0000/0000/0000\x1b\\" * chunk.count(b"\x1b]11;?")
            replies += b"\x1b[1;2R" * chunk.count(b"\x1b[6n")
            replies += b"\x1b[?62;22c" * chunk.count(b"\x1b[c")
            if replies:
                os.write(self.fd, replies)

    def wait_for(self, text: str, seconds: float = 60) -> None:
        end = time.time() + seconds
        mark = len(self.seen)
        while text.encode() not in self.seen[mark:] and time.time() < end:
            self.pump(0.2)

    def keys(self, data: str, pause: float = 0.4) -> None:
        os.write(self.fd, data.encode())
        self.pump(pause)

    def finish(self) -> None:
        end = time.time() + 60
        while time.time() < end:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return
            self.pump(0.2)
        os.kill(self.pid, 9)


def run(binary: str, out: str, script: str) -> None:
    """One session: `first` (start, first screen, quit), `session` (move, type, paste, resize,
    autosave in a new draft), `draft` (a named draft: a long section typed one character at a
    time, as `cargo bench --bench terminal` does, then opened again)."""
    data = tempfile.mkdtemp(prefix="tianbiao-hot-")
    draft = os.path.join(data, "d.ron")
    try:
        args = ["fill", "--draft", draft] if script == "draft" else []
        s = Session(binary, out, data, args)
        s.wait_for("Ctrl-Q")
        if script == "session":
            s.keys("\t")
            for w in WORDS[:2]:
                s.keys(w)
            s.keys("\x1b[6~\x1b[6~")  # PgDn twice: a long-text section
            for w in WORDS:
                s.keys(w)
            s.keys("\x7f\x7f\x1b[D\x1b[C\r")
            s.keys("\x1b[200~" + PASTE + "\x1b[201~", 1.0)
            s.resize(30, 100)
            s.pump(1.0)
            s.resize(24, 80)
            s.pump(1.0)
            s.wait_for("已保存", 10)
        elif script == "draft":
            s.keys("\x1b[6~\x1b[6~")
            for ch in "".join(WORDS) + PASTE * 2:
                s.keys(ch, 0.05)
            s.wait_for("已保存", 10)
        s.keys("\x11", 0.5)  # Ctrl-Q
        s.finish()
        if script == "draft":  # and open it again
            s = Session(binary, out + ".again", data, args)
            s.wait_for("Ctrl-Q")
            s.keys("\x11", 0.5)
            s.finish()
    finally:
        shutil.rmtree(data, ignore_errors=True)


def functions(profile: str) -> list:
    """Rust functions with a cost in a callgrind profile, in the order the profile names them."""
    names, order = {}, []
    current = None
    for line in open(profile, encoding="utf-8", errors="replace"):
        m = re.match(r"(c?)fn=\((\d+)\)(?: (.*))?", line.rstrip("\n"))
        if m:
            if m.group(3):
                names[m.group(2)] = m.group(3)
            if not m.group(1):
                current = names.get(m.group(2))
            continue
        if current and line[:1] in "0123456789+-*" and current.startswith(("_ZN", "_R")):
            order.append(current)
            current = None
    return order


def pattern(symbol: str) -> str:
    """A section-name pattern that survives a rebuild: no hash, no LTO copy number."""
    symbol = re.sub(r"(\.\d+)+$", "", symbol)
    if symbol.startswith("_ZN"):
        return re.sub(r"17h[0-9a-f]{16}E$", "17h*", symbol)
    return re.sub(r"Cs[0-9a-zA-Z]+_", "Cs*_", symbol) + "*"


def main() -> None:
    if not shutil.which("valgrind"):
        sys.exit("valgrind is needed (apt-get install valgrind)")
    binary = build()
    work = tempfile.mkdtemp(prefix="tianbiao-hot-")
    profiles = []
    for script in ["first", "session", "draft"]:
        out = os.path.join(work, script + ".cg")
        run(binary, out, script)
        profiles += [out] + ([out + ".again"] if script == "draft" else [])
    # Those before the first screen first, then the rest; each group sorted, so that writing
    # the file again shows only what changed.
    first_screen = {pattern(f) for f in functions(profiles[0])}
    rest = {pattern(f) for p in profiles[1:] for f in functions(p)} - first_screen
    patterns = sorted(first_screen) + sorted(rest)
    seen = set(patterns)
    for p in ALWAYS:
        if p not in seen:
            patterns.append(p)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(
            "/* Written by benches/hot_layout.py: the functions an editing session runs, first\n"
            "   the ones before the first screen, put together at the start of the code so the\n"
            "   kernel maps as little of the binary as it can. Patterns, not exact names: a\n"
            "   function that no longer matches falls back to its default place. */\n"
            "SECTIONS\n{\n  .text.hot : {\n"
        )
        for p in patterns:
            f.write(f"    *(.text.{p} .text.unlikely.{p})\n")
        f.write("  }\n}\nINSERT BEFORE .text;\n\nSECTIONS\n{\n  .rodata.cold : {\n")
        for p in COLD_DATA:
            f.write(f"    *(.rodata.{p})\n")
        f.write("  }\n}\nINSERT AFTER .rodata;\n")
    shutil.rmtree(work, ignore_errors=True)
    print(f"{OUT}: {len(patterns)} functions")


if __name__ == "__main__":
    main()
