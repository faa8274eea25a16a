"""First-published and last-revised dates of files, from git history, in one git call."""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def file_dates(repo: Path, folder: str) -> dict[str, tuple[dt.date, dt.date]]:
    """Map each path (relative to repo) under folder to (first commit date, last commit date).

    Files never committed are absent. Outside a git checkout the map is empty.
    """
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "log", "--format=%x00%aI", "--name-only", "--no-renames", "--", folder],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, tuple[dt.date, dt.date]] = {}
    current: dt.date | None = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            current = dt.datetime.fromisoformat(line[1:].strip()).date()
        elif line.strip() and current is not None:
            first, last = dates.get(line, (current, current))
            dates[line] = (min(first, current), max(last, current))
    return dates


def head_commit(repo: Path) -> str | None:
    try:
        return subprocess.run(["git", "-C", str(repo), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                              text=True, check=True, timeout=30).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None
