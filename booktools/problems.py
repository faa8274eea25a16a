"""One way to report a fault: where it is, what is wrong, what to do."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" + (f" -> {self.fix}" if self.fix else "")


def report(problems: list[Problem], title: str) -> int:
    """Print problems under a title; return the exit code a check should use."""
    if not problems:
        print(f"{title}: ok")
        return 0
    print(f"{title}: {len(problems)} problem(s)")
    for problem in problems:
        print(f"  {problem}")
    return 1
