"""Run one step of a Makefile tier and print how long it took, so every run (and CI) shows the figures.

Usage: python scripts/timed.py NAME -- COMMAND [ARGS...]   runs COMMAND; exits with its status
       python scripts/timed.py --tier NAME                  prints the time since make started
The Makefile exports BOOK_MAKE_START (seconds since the epoch) when it starts. Beside the wall time each
step prints the CPU time of the processes it waited for; a browser that Playwright starts is not among
them, so for the browser tests that figure is the Python side only.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--tier":
        start = os.environ.get("BOOK_MAKE_START", "")
        elapsed = f"{time.time() - float(start):.0f} s" if start.isdigit() else "(BOOK_MAKE_START not set)"
        print(f"== make {argv[1]}: everything passed, {elapsed} in all", flush=True)
        return 0
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    name, command = argv[0], argv[2:]
    print(f"== {name}", flush=True)
    started, cpu = time.monotonic(), _children_cpu()
    code = subprocess.call(command)
    outcome = "ok" if code == 0 else f"FAILED (exit status {code})"
    # CPU time as well: on a shared machine the wall time says more about the neighbours than the step.
    print(f"== {name}: {outcome}, {time.monotonic() - started:.1f} s (CPU {_children_cpu() - cpu:.1f} s)", flush=True)
    return code


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
